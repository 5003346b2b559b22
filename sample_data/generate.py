"""Generate the bundled sample town: a small synthetic place to try every step with no download.

Everything here is made up by this script (no real census data): ~320 Output-Area-like
polygons in EPSG:27700 laid on a jittered grid, each drawn from one of six neighbourhood
types with census-like counts, a variable lookup in the 2011 OAC schema, a postcode lookup
and postcoded service records (some deliberately messy, invalid or unknown). Deterministic:
the same seed writes byte-identical files.

    python sample_data/generate.py [OUT_DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import csv
import json
import string
from pathlib import Path

import numpy as np

COLS, ROWS, CELL = 20, 16, 250.0
ORIGIN = (505000.0, 428000.0)  # British National Grid, metres; an empty corner of a map
DENOMINATORS = [
    ("Total_Population", "Person", "Total usual residents"),
    ("Total_Households", "Household", "Total households"),
    ("Total_Population_16_and_over", "Person_16_Over", "Residents aged 16 and over"),
    ("Total_Population_16_to_74", "Person_16_to_74", "Residents aged 16 to 74"),
]
# code, unit, domain, name, probability by type
# types: 0 students, 1 young families, 2 affluent suburbs, 3 older settled, 4 estates,
# 5 multicultural
VARIABLES = [
    ("v01", "Person", "Demographic", "Persons aged 0 to 4", [.02, .10, .05, .03, .09, .08]),
    ("v02", "Person", "Demographic", "Persons aged 5 to 14", [.03, .15, .13, .07, .14, .14]),
    ("v03", "Person", "Demographic", "Persons aged 25 to 44", [.20, .36, .22, .16, .26, .32]),
    ("v04", "Person", "Demographic", "Persons aged 45 to 64", [.08, .20, .32, .28, .22, .20]),
    ("v05", "Person", "Demographic", "Persons aged 65 and over", [.03, .07, .20, .38, .13, .08]),
    ("v06", "Person_16_Over", "Demographic", "Full-time students", [.62, .05, .07, .03, .05, .10]),
    ("v08", "Person", "Demographic", "White British", [.65, .85, .90, .95, .88, .35]),
    ("v09", "Person", "Demographic", "Asian or Asian British", [.15, .06, .05, .02, .04, .40]),
    ("v10", "Person", "Demographic", "Black or Black British", [.08, .04, .02, .01, .04, .18]),
    ("v11", "Household", "Household", "Couples with dependent children",
     [.04, .34, .30, .10, .15, .30]),
    ("v12", "Household", "Household", "One-person households", [.30, .20, .20, .45, .38, .22]),
    ("v13", "Household", "Household", "Lone parents with dependent children",
     [.03, .09, .03, .03, .20, .10]),
    ("v14", "Household", "Housing", "Owner occupied", [.15, .70, .90, .80, .20, .45]),
    ("v15", "Household", "Housing", "Social rented", [.10, .10, .03, .12, .65, .20]),
    ("v16", "Household", "Housing", "Private rented", [.72, .18, .06, .07, .14, .33]),
    ("v17", "Person_16_Over", "Socio-Economic", "Level 4 qualifications and above",
     [.45, .28, .52, .20, .08, .24]),
    ("v18", "Person_16_Over", "Socio-Economic", "No qualifications",
     [.05, .18, .09, .35, .42, .25]),
    ("v19", "Person_16_to_74", "Socio-Economic", "Unemployed", [.06, .04, .02, .03, .11, .08]),
    ("v20", "Person_16_to_74", "Socio-Economic", "Routine occupations",
     [.10, .14, .05, .12, .25, .17]),
    ("v21", "Person", "Socio-Economic", "Bad or very bad health", [.02, .04, .03, .09, .11, .06]),
    ("v22", "Household", "Socio-Economic", "Households with no car",
     [.60, .18, .05, .22, .55, .40]),
]
TYPE_NAMES = ["Campus renters", "Young families", "Comfortable suburbs", "Settled retirees",
              "Estate hardship", "Multicultural inner city"]
WARDS = ["Riverside", "Old Town", "Northfield", "Westwood", "Eastmarsh", "Southgate",
         "Parkhill", "Docklands"]


def _grid(rng):
    xs = np.arange(COLS + 1) * CELL
    ys = np.arange(ROWS + 1) * CELL
    vx, vy = np.meshgrid(xs, ys)
    jitter = rng.uniform(-0.3, 0.3, size=(2,) + vx.shape) * CELL
    jitter[:, [0, -1], :] = 0
    jitter[:, :, [0, -1]] = 0
    return vx + jitter[0] + ORIGIN[0], vy + jitter[1] + ORIGIN[1]


def _types(rng):
    seeds = rng.uniform([0, 0], [COLS, ROWS], size=(14, 2))
    centre = np.array([COLS / 2, ROWS / 2])
    seed_type = []
    for s in seeds:
        r = np.linalg.norm(s - centre)
        if r < 3:
            seed_type.append(0)
        elif r < 5.5:
            seed_type.append(5 if s[0] < centre[0] else 4)
        elif s[1] > centre[1]:
            seed_type.append(2 if s[0] < centre[0] else 3)
        else:
            seed_type.append(1 if s[0] < centre[0] else 4)
    cy, cx = np.mgrid[0:ROWS, 0:COLS] + 0.5
    d = (cx[..., None] - seeds[:, 0]) ** 2 + (cy[..., None] - seeds[:, 1]) ** 2
    t = np.array(seed_type)[d.argmin(axis=-1)]
    noise = rng.random(t.shape) < 0.08
    t[noise] = rng.integers(0, 6, noise.sum())
    return t


def _postcode_units(rng, n_oa):
    """Distinct fictitious postcodes (outward ZZ1..ZZ9, which no real area uses)."""
    letters = [c for c in string.ascii_uppercase if c not in "CIKMOV"]
    codes = set()
    out = []
    while len(out) < n_oa * 8:
        pc = f"ZZ{rng.integers(1, 10)} {rng.integers(0, 10)}" \
             f"{letters[rng.integers(len(letters))]}{letters[rng.integers(len(letters))]}"
        if pc not in codes:
            codes.add(pc)
            out.append(pc)
    return out


def _messy(pc: str, rng) -> str:
    r = rng.random()
    if r < 0.15:
        return pc.replace(" ", "").lower()
    if r < 0.25:
        return pc.replace(" ", "  ")
    if r < 0.30:
        return " " + pc.lower() + " "
    return pc


def generate(out_dir: Path, seed: int = 20211) -> dict:
    """Write the sample files to `out_dir`; returns a summary."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    vx, vy = _grid(rng)
    types = _types(rng)
    features, census = [], []
    for r in range(ROWS):
        for c in range(COLS):
            i = r * COLS + c
            oa = f"E0099{i + 1:04d}"
            ring = [(vx[r, c], vy[r, c]), (vx[r, c + 1], vy[r, c + 1]),
                    (vx[r + 1, c + 1], vy[r + 1, c + 1]), (vx[r + 1, c], vy[r + 1, c])]
            ring.append(ring[0])
            t = int(types[r, c])
            pop = int(rng.integers(220, 380)) + (150 if t == 0 else 0)
            hh = int(pop / rng.uniform(1.9, 2.7))
            p16 = int(pop * (0.95 if t == 0 else rng.uniform(0.75, 0.85)))
            p1674 = int(p16 * (0.97 if t == 0 else rng.uniform(0.78, 0.9)))
            dens = {"Person": pop, "Household": hh, "Person_16_Over": p16,
                    "Person_16_to_74": p1674}
            x = np.array(ring)
            area_ha = 0.5 * abs(np.dot(x[:-1, 0], x[1:, 1]) - np.dot(x[1:, 0], x[:-1, 1])) / 1e4
            lsoa = (r // 2) * (COLS // 2) + c // 2 + 1
            row = {"OA_CODE": oa, "LSOA_CODE": f"E0109{lsoa:04d}",
                   "WARD_NAME": WARDS[(r // 8) * 4 + c // 5],
                   "Total_Population": pop, "Total_Households": hh,
                   "Total_Population_16_and_over": p16, "Total_Population_16_to_74": p1674}
            for code, unit, _, _, probs in VARIABLES:
                p = float(np.clip(probs[t] * rng.lognormal(0, 0.25), 0, 0.98))
                row[code] = int(rng.binomial(dens[unit], p))
            row["v07"] = round(pop / area_ha, 3)
            census.append((row, t))
            features.append({"type": "Feature", "properties": row, "geometry": {
                "type": "Polygon", "coordinates": [[[round(a, 1), round(b, 1)] for a, b in ring]]}})
    geojson = {"type": "FeatureCollection", "name": "sample_town_oa",
               "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
               "features": features}
    (out_dir / "sample_town_oa.geojson").write_text(json.dumps(geojson, separators=(",", ":")),
                                                     encoding="utf-8")
    with open(out_dir / "sample_town_lookup.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["VariableCode", "VariableMeasurementUnit", "VariableStatisticalUnit",
                    "VariableDomain", "VariableName"])
        for code, unit, name in DENOMINATORS:
            w.writerow([code, "Count", unit, "Totals", name])
        for code, unit, domain, name, _ in VARIABLES[:6]:
            w.writerow([code, "Count", unit, domain, name])
        w.writerow(["v07", "Ratio", "Density", "Demographic", "Persons per hectare"])
        for code, unit, domain, name, _ in VARIABLES[6:]:
            w.writerow([code, "Count", unit, domain, name])
    units = _postcode_units(rng, len(census))
    pc_rows = []
    for i, (row, _) in enumerate(census):
        for pc in units[i * 8:(i + 1) * 8]:
            pc_rows.append((pc, row["OA_CODE"], row["LSOA_CODE"], row["WARD_NAME"]))
    terminated = set(rng.choice(len(pc_rows), 40, replace=False).tolist())
    with open(out_dir / "sample_town_postcodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pcds", "doterm", "oa21", "lsoa21", "ward_name"])
        for j, (pc, oa, lsoa, ward) in enumerate(pc_rows):
            w.writerow([pc, "202301" if j in terminated else "", oa, lsoa, ward])
    use = [0.02, 0.05, 0.015, 0.03, 0.12, 0.06]  # stop-smoking referrals per resident, by type
    channels = ["face-to-face", "telephone", "web", "email"]
    chan_p = [[.1, .1, .6, .2], [.2, .3, .4, .1], [.1, .2, .5, .2], [.4, .4, .1, .1],
              [.5, .3, .15, .05], [.4, .3, .2, .1]]
    records = []
    for i, (row, t) in enumerate(census):
        n = int(rng.poisson(row["Total_Population"] * use[t]))
        pcs = units[i * 8:(i + 1) * 8]
        for _ in range(n):
            pc = _messy(pcs[rng.integers(len(pcs))], rng)
            records.append([pc, channels[rng.choice(4, p=chan_p[t])],
                            "YES" if rng.random() < (0.35 if t in (2, 3) else 0.2) else "NO"])
    bad = ["", "NOT KNOWN", "ZZ1", "ZZ9 9ZZ", "ZZ8 0XX", "12345"]
    for j in range(30):
        records.append([bad[j % len(bad)], channels[j % 4], "NO"])
    order = rng.permutation(len(records))
    with open(out_dir / "sample_town_services.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["record_id", "postcode", "channel", "quit_at_4_weeks"])
        for k, j in enumerate(order):
            w.writerow([f"R{k + 1:05d}", *records[j]])
    extra = _directories(out_dir, seed, census, pc_rows, terminated)
    return {"areas": len(census), "postcodes": len(pc_rows), "records": len(records),
            "types": {TYPE_NAMES[t]: int((types == t).sum()) for t in range(6)}, **extra}


def _directories(out_dir: Path, seed: int, census, pc_rows, terminated) -> dict:
    """The town in the ONS directories' layouts, and household visits keyed by UPRN.

    Drawn from their own random stream (seed + 1), after the files above, so those stay as
    they were. All made up:
    - ``sample_town_onspd.csv``: the postcodes in the ONS Postcode Directory's columns (pcd7,
      pcd8, pcds, dointr, doterm, usertype, oa11, lsoa11, oa21, lsoa21). The town's OAs are
      its 2021 OAs (oa21); their 2011 predecessors (oa11) keep the same code except where a
      2011 OA was split into two 2021 OAs (about one OA in eight, as in England, where most
      OAs kept their code): both halves then have one 2011 code E0098xxxx.
    - ``sample_town_uprn.csv``: 2 to 4 addresses per live postcode in the ONS UPRN Directory's
      columns (UPRN, GRIDGB1E, GRIDGB1N, PCDS, LAD25CD, OA21CD, LSOA21CD), with a made-up
      12-digit UPRN and a grid reference in the OA's cell.
    - ``sample_town_visits.csv``: visits to a service by households (household_id, uprn,
      postcode, visit): 1 to 6 visits each; about 1 household in 30 moved between visits
      (visits in two OAs); a few visits without a UPRN, a few without a household id, some
      UPRNs with a leading zero or a spreadsheet's '.0'.
    """
    rng = np.random.default_rng(seed + 1)
    n = len(census)
    oa11 = [row["OA_CODE"] for row, _ in census]
    k = 0
    for i in range(0, n - 1, 2):  # horizontal neighbours in the grid: a split 2011 OA
        if rng.random() < 0.12:
            k += 1
            oa11[i] = oa11[i + 1] = f"E0098{k:04d}"
    pos = {row["OA_CODE"]: i for i, (row, _) in enumerate(census)}
    with open(out_dir / "sample_town_onspd.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pcd7", "pcd8", "pcds", "dointr", "doterm", "usertype", "oa11", "lsoa11",
                    "oa21", "lsoa21"])
        for j, (pc, oa, lsoa, _) in enumerate(pc_rows):
            out, inw = pc.split(" ")
            w.writerow([f"{out:<4}{inw}", f"{out:<5}{inw}", pc, "198001",
                        "202301" if j in terminated else "", 0, oa11[pos[oa]], lsoa, oa, lsoa])
    addresses = []
    uprn = 100099000000
    for j, (pc, oa, lsoa, _) in enumerate(pc_rows):
        if j in terminated:
            continue
        i = pos[oa]
        r, c = divmod(i, COLS)
        for _ in range(int(rng.integers(2, 5))):
            uprn += int(rng.integers(1, 40))
            e = ORIGIN[0] + (c + 0.5) * CELL + rng.uniform(-50, 50)
            nn = ORIGIN[1] + (r + 0.5) * CELL + rng.uniform(-50, 50)
            addresses.append((uprn, round(e, 1), round(nn, 1), pc, oa, lsoa))
    with open(out_dir / "sample_town_uprn.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["UPRN", "GRIDGB1E", "GRIDGB1N", "PCDS", "LAD25CD", "OA21CD", "LSOA21CD"])
        for a in addresses:
            w.writerow([a[0], a[1], a[2], a[3], "E06099999", a[4], a[5]])
    homes = rng.choice(len(addresses), 700, replace=False)
    visits = []
    for h, a in enumerate(homes):
        hid = f"H{h + 1:04d}"
        n_visits = int(min(rng.geometric(0.45), 6))
        moved_to = None
        if rng.random() < 1 / 30 and n_visits > 1:
            moved_to = addresses[int(rng.integers(len(addresses)))]
        for v in range(n_visits):
            addr = moved_to if moved_to is not None and v >= n_visits // 2 else addresses[a]
            u = str(addr[0])
            r = rng.random()
            if r < 0.03:
                u = ""
            elif r < 0.08:
                u = "0" + u
            elif r < 0.12:
                u = u + ".0"
            visits.append(["" if rng.random() < 0.01 else hid, u, addr[3], v + 1])
    order = rng.permutation(len(visits))
    with open(out_dir / "sample_town_visits.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["household_id", "uprn", "postcode", "visit"])
        for j in order:
            w.writerow(visits[j])
    return {"addresses": len(addresses), "visits": len(visits), "split_2011_oas": k}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=str(Path(__file__).resolve().parent))
    parser.add_argument("--seed", type=int, default=20211)
    args = parser.parse_args()
    print(json.dumps(generate(Path(args.out_dir), args.seed)))


if __name__ == "__main__":
    main()
