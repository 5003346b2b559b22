"""'Area profiles' (every ward or LSOA at once) with a field that counts records per area: the
differencing attack on its output recovers no hidden group's figure.

The attacker reads the output as any reader can: each group's value and its number of areas
(unweighted means: value × areas is the group's total) or its weight (weighted means: value ×
weight is the group's weighted sum), and the whole area's figure (given here from the truth, as
the report prints it). The groups add up to the whole area, so one hidden group alone is the
whole less the others. The equations are solved for every hidden group (rank test: a group is
recovered when its figure is a linear combination of the known ones; numpy least squares gives
its value), and the range left to each hidden total is bounded by linear programming (hidden
totals ≥ 1, zeros being shown). On primary-only (or no) suppression, this recovers groups."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider, run
from scipy.optimize import linprog

MIN_COUNT = 5


@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """The sample town's 320 OAs with customers per OA (one service record in 50: a ward of
    3 customers; one in 25: many LSOAs of 1 to 4), a percentage and a cluster."""
    register_provider()
    d = tmp_path_factory.mktemp("areas_sdc")
    with open(sample_town["areas"], encoding="utf-8") as f:
        areas = pd.DataFrame([feat["properties"] for feat in json.load(f)["features"]])
    services = pd.read_csv(sample_town["services"], dtype=str)
    lookup = pd.read_csv(sample_town["postcodes"], dtype=str).set_index("pcds")["oa21"]
    for name, step in (("rare", 50), ("customers", 25)):
        oa = services.iloc[::step]["postcode"].map(lookup)
        areas[name] = oa.value_counts().reindex(areas["OA_CODE"], fill_value=0).to_numpy()
    areas["p01"] = 100.0 * areas["v01"] / areas["Total_Population"]
    areas["cluster"] = np.where(areas["v01"] > 25, "1", np.where(areas["v02"] > 30, "2", "3"))
    path = d / "areas.csv"
    cols = ["OA_CODE", "LSOA_CODE", "WARD_NAME", "Total_Population", "rare", "customers", "p01",
            "cluster"]
    areas[cols].to_csv(path, index=False)
    with open(sample_town["areas"], encoding="utf-8") as f:  # the same, with geometry
        layer = json.load(f)
    for feat, rare in zip(layer["features"], areas["rare"]):
        feat["properties"]["rare"] = int(rare)
    (d / "areas.geojson").write_text(json.dumps(layer), encoding="utf-8")
    return {"path": str(path), "areas": areas, "layer": str(d / "areas.geojson")}


def _truthy(values: pd.Series) -> np.ndarray:
    return values.astype(str).str.lower().isin(["1", "true"]).to_numpy()


def attack(shown: np.ndarray, whole: float) -> tuple[dict, dict]:
    """(recovered {group: value}, ranges {group: (low, high)}) of the hidden groups (NaN in
    ``shown``) from Σ groups = ``whole``."""
    hidden = np.flatnonzero(np.isnan(shown))
    a = np.ones((1, len(hidden)))
    b = np.array([whole - np.nansum(shown)])
    rank = np.linalg.matrix_rank(a)
    solution = np.linalg.lstsq(a, b, rcond=None)[0]
    recovered, ranges = {}, {}
    for j, g in enumerate(hidden):
        unit = np.zeros(len(hidden))
        unit[j] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            recovered[int(g)] = float(solution[j])
        lo = linprog(unit, A_eq=a, b_eq=b, bounds=[(1, None)] * len(hidden), method="highs")
        hi = linprog(-unit, A_eq=a, b_eq=b, bounds=[(1, None)] * len(hidden), method="highs")
        ranges[int(g)] = (lo.fun, -hi.fun)
    return recovered, ranges


def _run(town, tmp_path, group: str, field: str, name: str, **extra) -> pd.DataFrame:
    params = {"INPUT": town["path"], "FIELDS": [field, "p01"], "GROUP_FIELD": group,
              "WEIGHT_FIELD": "Total_Population", "CLUSTER_FIELD": "cluster",
              "MIN_COUNT": MIN_COUNT, "OUTPUT": str(tmp_path / f"{name}.csv"),
              "OUTPUT_HTML": str(tmp_path / f"{name}.html"), **extra}
    res = run("areaprofiles", params)
    return pd.read_csv(res["OUTPUT"], dtype={group: str}).set_index(group)


@pytest.mark.parametrize("group,field,method", [
    ("WARD_NAME", "rare", 1), ("LSOA_CODE", "customers", 1), ("LSOA_CODE", "customers", 0)])
def test_hidden_groups_cannot_be_worked_out(town, tmp_path, group, field, method):
    areas = town["areas"]
    out = _run(town, tmp_path, group, field, f"{group}_{field}_{method}",
               REFERENCE_METHOD=method)
    truth = areas.groupby(group)[field].sum().reindex(out.index)
    hidden = out[field].isna().to_numpy()
    small = ((truth > 0) & (truth < MIN_COUNT)).to_numpy()
    assert small.any(), "the test needs small groups"
    assert hidden[small].all(), truth[small & ~hidden]
    assert not hidden[truth.to_numpy() == 0].any() and (out.loc[truth == 0, field] == 0).all()
    # Everything made from a hidden figure is hidden with it, the pen portrait included.
    assert out.loc[hidden, f"{field}_index"].isna().all()
    assert not out.loc[hidden, "pen_portrait"].str.contains(field).any()
    assert out.loc[~hidden, field].notna().all() and out["p01"].notna().all()
    if method == 1:  # unweighted: value × areas is the group's total
        shown = (out[field] * out["areas"]).to_numpy(float)
        whole, exact = float(areas[field].sum()), truth.to_numpy(float)
    else:  # weighted by population: value × weight is the group's weighted sum
        shown = (out[field] * out["weight"]).to_numpy(float)
        w = areas[field] * areas["Total_Population"]
        exact = w.groupby(areas[group]).sum().reindex(out.index).to_numpy(float)
        whole = float(w.sum())
    assert np.allclose(shown[~hidden], exact[~hidden])  # the attack model is right
    recovered, ranges = attack(shown, whole)
    assert not recovered, {out.index[g]: (v, exact[g]) for g, v in recovered.items()}
    for g, (lo, hi) in ranges.items():
        assert hi - lo >= 1 - 1e-6, (out.index[g], lo, hi)  # not pinned to one value
        if method == 1:
            assert lo - 1e-6 <= exact[g] <= hi + 1e-6
            assert hi >= MIN_COUNT - 1e-6 or not small[g]  # cannot even tell it is small
    html = (tmp_path / f"{group}_{field}_{method}.html").read_text(encoding="utf-8")
    assert html.count("<h2>") > len(out)


def test_cluster_mix_weighted_by_customers_is_protected(town, tmp_path):
    """With customers as the weight, each group's cluster mix is a table of customer counts
    (group totals shown as the weight, cluster totals known): its small cells are hidden and
    cannot be worked out from the margins."""
    areas = town["areas"]
    out = _run(town, tmp_path, "WARD_NAME", "rare", "mix",
               WEIGHT_FIELD="customers", REFERENCE_METHOD=0)
    truth = areas.pivot_table(index="WARD_NAME", columns="cluster", values="customers",
                              aggfunc="sum", fill_value=0).reindex(out.index)
    pct = [f"pct_{c}" for c in truth.columns]
    tv = truth.to_numpy(float)
    hidden = np.isnan(out[pct].to_numpy(float))
    assert ((tv > 0) & (tv < MIN_COUNT)).any(), "the test needs small cells"
    assert hidden[(tv > 0) & (tv < MIN_COUNT)].all() and not hidden[tv == 0].any()
    counts = out[pct].to_numpy(float) * out[["weight"]].to_numpy(float) / 100
    idx = {cell: j for j, cell in enumerate(zip(*np.nonzero(hidden)))}
    a = []
    for i in range(len(out)):
        a.append([float(r == i) for (r, _c) in idx])
    for k in range(len(pct)):
        a.append([float(c == k) for (_r, c) in idx])
    a = np.array(a)
    rank = np.linalg.matrix_rank(a)
    for cell, j in idx.items():
        unit = np.zeros(len(idx))
        unit[j] = 1
        assert np.linalg.matrix_rank(np.vstack([a, unit])) > rank, f"cell {cell} recovered"
    assert np.allclose(counts[~hidden], tv[~hidden])


def test_rounding_to_base_5(town, tmp_path):
    areas = town["areas"]
    out = _run(town, tmp_path, "LSOA_CODE", "customers", "round", REFERENCE_METHOD=1,
               DISCLOSURE=1)
    shown = (out["customers"] * out["areas"]).to_numpy(float)
    assert out["customers"].notna().all()
    assert np.allclose(shown / 5, np.round(shown / 5))  # every total a multiple of 5
    rounded = (np.floor(areas["customers"] / 5 + 0.5) * 5).groupby(areas["LSOA_CODE"]).sum()
    assert np.allclose(shown, rounded.reindex(out.index))
    truth = areas.groupby("LSOA_CODE")["customers"].sum().reindex(out.index).to_numpy(float)
    assert (np.abs(shown - truth) > 0.5).any()
    small = (truth > 0) & (truth < MIN_COUNT)
    assert small.any() and not np.isin(shown[small], [1, 2, 3, 4]).any()


def test_parameters_offered(qgis_app, qgis_processing):
    alg = register_provider().algorithm("areaprofiles")
    param = alg.parameterDefinition("DISCLOSURE")
    assert param is not None and "zeros are shown as 0" in param.help()
    assert alg.parameterDefinition("MIN_COUNT").defaultValue() == 5


def test_the_attack_recovers_primary_only_suppression(town):
    """The attack is real: with only the small ward hidden (primary suppression, as a naive
    output would do), its total is the whole less the others."""
    truth = town["areas"].groupby("WARD_NAME")["rare"].sum().to_numpy(float)
    small = (truth > 0) & (truth < MIN_COUNT)
    assert small.sum() == 1
    recovered, _ = attack(np.where(small, np.nan, truth), float(truth.sum()))
    assert recovered == {int(np.flatnonzero(small)[0]): pytest.approx(truth[small][0])}


def test_ward_polygons_and_a_small_whole_area(town, tmp_path):
    """Groups drawn as polygons are protected alike; a whole area of 1 to 4 hides its own
    figure and every group's."""
    wards = run("native:dissolve", {"INPUT": town["layer"], "FIELD": ["WARD_NAME"],
                                    "OUTPUT": str(tmp_path / "wards.gpkg")})["OUTPUT"]
    res = run("areaprofiles", {"INPUT": town["layer"], "FIELDS": ["rare"], "GROUPS": wards,
                               "GROUP_NAME_FIELD": "WARD_NAME", "REFERENCE_METHOD": 1,
                               "OUTPUT": str(tmp_path / "wp.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("name")
    truth = town["areas"].groupby("WARD_NAME")["rare"].sum().reindex(out.index)
    hidden = out["rare"].isna()
    assert hidden[truth.between(1, MIN_COUNT - 1)].all() and hidden.sum() >= 2
    shown = (out["rare"] * out["areas"]).to_numpy(float)
    assert not attack(shown, float(truth.sum()))[0]
    small = pd.DataFrame({"oa": [f"o{i}" for i in range(6)], "ward": list("xxxyyy"),
                          "customers": [1, 0, 0, 2, 0, 0], "pct": np.linspace(5, 30, 6)})
    small.to_csv(tmp_path / "small.csv", index=False)
    res = run("areaprofiles", {"INPUT": str(tmp_path / "small.csv"),
                               "FIELDS": ["customers", "pct"], "GROUP_FIELD": "ward",
                               "REFERENCE_METHOD": 1, "OUTPUT": str(tmp_path / "s.csv"),
                               "OUTPUT_HTML": str(tmp_path / "s.html")})
    out = pd.read_csv(res["OUTPUT"])
    assert out["customers"].isna().all() and out["customers_index"].isna().all()
    assert out["pct"].notna().all()
    assert not out["pen_portrait"].str.contains("cluster").any()  # pct_index is no cluster
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    whole = html.split("<h2>", 2)[1]  # the whole area's table: customers blank, 3/6 not shown
    assert "customers" in whole and "0.5" not in whole
