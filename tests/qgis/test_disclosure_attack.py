"""The differencing attack, played on real outputs: every suppressed count of a profile (two
levels and a yes/no indicator together) and of the counts per area must stay unknown.

The attacker knows what any reader knows: the visible counts and percentages (so each block's
total, from any visible count and its %), the classification (which groups make up each
supergroup), that an indicator's values add up to 'all', and the total number of records. The
system of those equations is solved for every hidden cell (rank test: a cell is recovered when
it is a linear combination of the known figures; numpy least squares gives its value), and the
range left to each hidden cell is bounded by linear programming (hidden cells ≥ 1, zeros being
shown). On the primary-only suppression of the past, this recovers cells (the test fails)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import classify_town, register_provider, run, shared
from scipy.optimize import linprog

MIN_COUNT = 5


def _truthy(values: pd.Series) -> np.ndarray:
    return values.astype(str).str.lower().isin(["1", "true"]).to_numpy()


def attack(p: pd.DataFrame, parent_of: dict, indicator: str, n_records: int
           ) -> tuple[dict, dict]:
    """(recovered {row: value}, ranges {row: (low, high)}) for the hidden rows of profile ``p``
    (levels 'sg' above 'grp', an ``indicator`` with values, an 'all' block)."""
    p = p.reset_index(drop=True)
    hidden = _truthy(p["suppressed"])
    var: dict = {}
    for i in np.flatnonzero(hidden):
        var[("cell", i)] = len(var)
    totals = {}
    for key, block in p.groupby(["level", "indicator"], sort=False):
        vis = block[~hidden[block.index] & (block["count"] > 0) & (block["pct"] > 0)]
        if len(vis):  # recovery 1: the total from a visible count and its percentage
            totals[key] = float(vis["count"].iloc[0] * 100 / vis["pct"].iloc[0])
        else:
            var[("total", key)] = len(var)
    rows, rhs = [], []

    def equation(terms):  # terms: [(coef, row or ('total', key))]; Σ coef·x = 0
        a, b = np.zeros(len(var)), 0.0
        for coef, item in terms:
            if isinstance(item, tuple):
                if item in var:
                    a[var[item]] += coef
                else:
                    b -= coef * totals[item[1]]
            elif hidden[item]:
                a[var[("cell", item)]] += coef
            else:
                b -= coef * float(p.loc[item, "count"])
        rows.append(a)
        rhs.append(b)

    at = {(r.level, r.indicator, str(r.cluster)): i for i, r in p.iterrows()}
    for key, block in p.groupby(["level", "indicator"], sort=False):
        equation([(1.0, i) for i in block.index] + [(-1.0, ("total", key))])
    for ind in p["indicator"].unique():
        # the same records at both levels, and every record counted ('all')
        equation([(1.0, ("total", ("sg", ind))), (-1.0, ("total", ("grp", ind)))])
        for parent in set(parent_of.values()):  # recovery 2: supergroup − other groups
            kids = [at[("grp", ind, c)] for c, par in parent_of.items()
                    if par == parent and ("grp", ind, c) in at]
            if ("sg", ind, parent) in at:
                equation([(1.0, at[("sg", ind, parent)])] + [(-1.0, k) for k in kids])
    tot_all = ("total", ("sg", "all"))
    if tot_all in var:
        a = np.zeros(len(var))
        a[var[tot_all]] = 1.0
        rows.append(a)
        rhs.append(float(n_records))
    values = [v for v in p["indicator"].unique() if str(v).startswith(f"{indicator}=")]
    for level in ("sg", "grp"):  # recovery 3: no = all − yes
        for (lv, ind, cl), i in at.items():
            if lv == level and ind == "all":
                equation([(1.0, i)] + [(-1.0, at[(level, v, cl)]) for v in values
                                       if (level, v, cl) in at])
        equation([(1.0, ("total", (level, "all")))]
                 + [(-1.0, ("total", (level, v))) for v in values])
    a, b = np.array(rows), np.array(rhs)
    rank = np.linalg.matrix_rank(a)
    solution = np.linalg.lstsq(a, b, rcond=None)[0]
    recovered, ranges = {}, {}
    lower = [(1, None) if k[0] == "cell" else (0, None) for k in var]
    for k, j in var.items():
        if k[0] != "cell":
            continue
        unit = np.zeros(len(var))
        unit[j] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            recovered[k[1]] = float(solution[j])
        lo = linprog(unit, A_eq=a, b_eq=b, bounds=lower, method="highs")
        hi = linprog(-unit, A_eq=a, b_eq=b, bounds=lower, method="highs")
        ranges[k[1]] = (lo.fun if lo.status == 0 else 1.0,
                        -hi.fun if hi.status == 0 else np.inf)
    return recovered, ranges


def check_profile(p: pd.DataFrame, records: pd.DataFrame, parent_of: dict, indicator: str
                  ) -> None:
    p = p.assign(cluster=p["cluster"].astype(str)).reset_index(drop=True)
    hidden = _truthy(p["suppressed"])
    # The truth, counted here: every cell of 1..MIN_COUNT-1 is hidden, every zero shown as 0.
    truth = []
    for r in p.itertuples():
        rows = records[r.level].astype(str) == r.cluster
        if r.indicator != "all":
            col, value = r.indicator.split("=", 1)
            rows &= records[col].astype(str) == value
        truth.append(int(rows.sum()))
    truth = np.array(truth)
    assert hidden.any(), "the test needs suppressed cells"
    assert hidden[(truth > 0) & (truth < MIN_COUNT)].all()
    recovered, ranges = attack(p, parent_of, indicator, len(records))
    assert not recovered, {int(i): (v, truth[i]) for i, v in recovered.items()}
    assert not hidden[truth == 0].any() and (p.loc[truth == 0, "count"] == 0).all()
    # Nothing made from a hidden count is shown beside it.
    derived = [c for c in p.columns if c not in ("level", "indicator", "cluster", "base",
                                                 "base_pct", "suppressed", "significant",
                                                 "significant_adjusted")]
    shown = p.loc[hidden, derived].apply(pd.to_numeric, errors="coerce")
    assert shown.isna().all().all(), shown.dropna(how="all", axis=1).head()
    for i, (lo, hi) in ranges.items():
        assert lo - 1e-6 <= truth[i] <= hi + 1e-6  # the attack model is right
        assert hi - lo >= 1 - 1e-6, (i, lo, hi)  # not pinned to one value


def check_counts(counts: pd.Series, hidden: np.ndarray, truth: np.ndarray, total: int) -> None:
    """Counts per area with their total known: no hidden count recovered."""
    assert hidden[(truth > 0) & (truth < MIN_COUNT)].all()
    assert not hidden[truth == 0].any()
    rest = total - counts[~hidden].astype(float).sum()
    n_hidden = int(hidden.sum())
    assert n_hidden != 1, "a single hidden count is the total less the others"
    if n_hidden:
        assert rest - (n_hidden - 1) >= MIN_COUNT  # the largest value a hidden count can take


def _profile(tmp_path, records: pd.DataFrame, areas: str, base: str, name: str) -> pd.DataFrame:
    path = tmp_path / f"{name}.csv"
    records.to_csv(path, index=False)
    res = run("profile", {"INPUT": str(path), "CLUSTER_FIELD": ["sg", "grp"],
                          "INDICATOR_FIELDS": ["quit"], "AREAS": areas, "BASE_FIELD": base,
                          "MIN_COUNT": MIN_COUNT, "SURVEY": True,
                          "OUTPUT": str(tmp_path / f"{name}_profile.csv"),
                          "OUTPUT_HTML": str(tmp_path / f"{name}_profile.html")})
    html = (tmp_path / f"{name}_profile.html").read_text(encoding="utf-8")
    assert "Chi-square" in html
    return pd.read_csv(res["OUTPUT"], dtype={"cluster": str})


@pytest.fixture(scope="module")
def town_records(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """A sample-town classification (k-means, k=5) with supergroups A = {1, 2}, B = {3, 4, 5},
    and one service record in 25 joined to it (small enough for small cells)."""
    register_provider()
    d = tmp_path_factory.mktemp("disclosure_town")
    km = classify_town(sample_town, d, 5)["OUTPUT"]
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(km, "km", "ogr")
    codes = {f["OA_CODE"]: str(f["cluster"]) for f in layer.getFeatures()}
    with open(sample_town["areas"], encoding="utf-8") as f:  # a table is enough here
        props = pd.DataFrame([feat["properties"] for feat in json.load(f)["features"]])
    props["grp"] = props["OA_CODE"].map(codes)
    props["sg"] = np.where(props["grp"].isin(["1", "2"]), "A", "B")
    areas_csv = d / "areas.csv"
    props[["OA_CODE", "sg", "grp", "Total_Households"]].to_csv(areas_csv, index=False)
    services = pd.read_csv(sample_town["services"], dtype=str).iloc[::25]
    lookup = pd.read_csv(sample_town["postcodes"], dtype=str).set_index("pcds")["oa21"]
    services = services[services["postcode"].isin(lookup.index)].copy()
    services["oa"] = services["postcode"].map(lookup)
    services = services.merge(props[["OA_CODE", "sg", "grp"]], left_on="oa",
                              right_on="OA_CODE")
    services["quit"] = services["quit_at_4_weeks"]
    return {"records": services[["record_id", "oa", "sg", "grp", "quit"]], "areas": str(areas_csv),
            "parent_of": dict(zip(props["grp"], props["sg"])), "dir": d}


def test_profile_sample_town_recovers_nothing(town_records, tmp_path):
    t = town_records
    p = _profile(tmp_path, t["records"], t["areas"], "Total_Households", "town")
    check_profile(p, t["records"], t["parent_of"], "quit")


def test_counts_per_area_sample_town_recover_nothing(town_records, tmp_path):
    t = town_records
    path = tmp_path / "rec.csv"
    t["records"].to_csv(path, index=False)
    res = run("aggregate", {"INPUT": str(path), "RECORD_AREA_FIELD": "oa", "AREAS": t["areas"],
                            "AREA_ID_FIELD": "OA_CODE", "MIN_COUNT": MIN_COUNT,
                            "OUTPUT": str(tmp_path / "a.csv")})
    a = pd.read_csv(res["OUTPUT"], dtype={"OA_CODE": str})
    truth = t["records"]["oa"].value_counts().reindex(a["OA_CODE"], fill_value=0).to_numpy()
    check_counts(a["rec_count"], _truthy(a["rec_suppressed"]), truth, len(t["records"]))


def test_composition_of_customers_recovers_nothing(town_records, tmp_path):
    """Customers per area as the weight: group × cluster counts with group totals shown."""
    t = town_records
    areas = pd.read_csv(t["areas"], dtype={"OA_CODE": str, "grp": str})
    areas["customers"] = t["records"]["oa"].value_counts().reindex(areas["OA_CODE"],
                                                                   fill_value=0).to_numpy()
    areas["ward"] = [f"W{i // 40}" for i in range(len(areas))]
    path = tmp_path / "areas_customers.csv"
    areas.to_csv(path, index=False)
    res = run("composition", {"INPUT": str(path), "CLUSTER_FIELD": "grp", "GROUP_FIELD": "ward",
                              "WEIGHT_FIELD": "customers", "MIN_COUNT": MIN_COUNT,
                              "OUTPUT": str(tmp_path / "c.csv")})
    c = pd.read_csv(res["OUTPUT"]).set_index("ward")
    truth = areas.pivot_table(index="ward", columns="grp", values="customers", aggfunc="sum",
                              fill_value=0)
    pct = [f"pct_{g}" for g in truth.columns]
    counts = c[pct].to_numpy(float) * c[["total"]].to_numpy(float) / 100  # what a reader sees
    hidden = np.isnan(c[pct].to_numpy(float))
    tv = truth.loc[c.index].to_numpy(float)
    assert hidden[(tv > 0) & (tv < MIN_COUNT)].all() and not hidden[tv == 0].any()
    # Row totals shown, column totals known: solve for the hidden cells.
    idx = {cell: j for j, cell in enumerate(zip(*np.nonzero(hidden)))}
    a, b = [], []
    for i in range(len(c)):
        row = np.zeros(len(idx))
        for (r, _col), j in idx.items():
            row[j] = r == i
        a.append(row)
        b.append(c["total"].iloc[i] - np.nansum(np.where(hidden[i], 0, counts[i])))
    for k in range(len(pct)):
        col = np.zeros(len(idx))
        for (_r, cc), j in idx.items():
            col[j] = cc == k
        a.append(col)
        b.append(tv[:, k].sum() - np.where(hidden[:, k], 0, counts[:, k]).sum())
    a = np.array(a)
    rank = np.linalg.matrix_rank(a)
    for cell, j in idx.items():
        unit = np.zeros(len(idx))
        unit[j] = 1
        assert np.linalg.matrix_rank(np.vstack([a, unit])) > rank, f"cell {cell} recovered"


def test_profile_lewisham_loac_recovers_nothing(qgis_app, qgis_processing, tmp_path):
    """Real ONS postcodes of Lewisham and the London OAC 2011 supergroups and groups: 400
    records at seeded random live postcodes, with a yes/no outcome."""
    register_provider()
    folder = shared("lewisham_2011")
    lookup = pd.read_csv(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    loac = pd.read_csv(folder / "lewisham_oa11_loac2011.csv", dtype=str)
    loac = loac.rename(columns={"LOAC2011_supergroup": "sg", "LOAC2011_group": "grp"})
    live = lookup[lookup["TerminationDate"].isna() & lookup["OA11CD"].isin(loac["OA11CD"])]
    rng = np.random.default_rng(15)
    pick = live.iloc[rng.choice(len(live), 400, replace=True)]
    records = pd.DataFrame({"postcode": pick["PostcodeNatural"].to_numpy(),
                            "oa": pick["OA11CD"].to_numpy(),
                            "quit": np.where(rng.random(400) < 0.3, "yes", "no")})
    records = records.merge(loac, left_on="oa", right_on="OA11CD")
    areas = loac.assign(one=1)
    areas_csv = tmp_path / "loac.csv"
    areas.to_csv(areas_csv, index=False)
    p = _profile(tmp_path, records, str(areas_csv), "one", "lewisham")
    check_profile(p, records, dict(zip(loac["grp"], loac["sg"])), "quit")
    records.to_csv(tmp_path / "lewisham_records.csv", index=False)
    res = run("aggregate", {"INPUT": str(tmp_path / "lewisham_records.csv"),
                            "RECORD_AREA_FIELD": "oa", "AREAS": str(areas_csv),
                            "AREA_ID_FIELD": "OA11CD", "MIN_COUNT": MIN_COUNT,
                            "OUTPUT": str(tmp_path / "lewisham_counts.csv")})
    a = pd.read_csv(res["OUTPUT"], dtype={"OA11CD": str})
    truth = records["oa"].value_counts().reindex(a["OA11CD"], fill_value=0).to_numpy()
    check_counts(a["rec_count"], _truthy(a["rec_suppressed"]), truth, len(records))
