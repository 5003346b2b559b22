"""Disclosure control through the algorithms: the DISCLOSURE choice (suppress or round to 5),
the representativeness test on pooled hidden clusters, know-your-area count fields and the
pen portraits' populations."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider, run


@pytest.fixture
def small_survey(qgis_app, qgis_processing, tmp_path):
    register_provider()
    rec = pd.DataFrame({"cl": ["A"] * 40 + ["B"] * 22 + ["C"] * 3 + ["D"] * 2 + ["E"] * 9,
                        "quit": (["Y", "N"] * 20 + ["Y"] * 10 + ["N"] * 12 + ["Y"] * 3
                                 + ["N"] * 2 + ["Y"] * 4 + ["N"] * 5)})
    areas = pd.DataFrame({"oa": list("abcdef"), "cl": list("ABCDEA"),
                          "hh": [300, 250, 120, 90, 140, 100]})
    rec.to_csv(tmp_path / "rec.csv", index=False)
    areas.to_csv(tmp_path / "areas.csv", index=False)
    return {"records": str(tmp_path / "rec.csv"), "areas": str(tmp_path / "areas.csv"),
            "frame": rec}


def _profile(small_survey, tmp_path, method: int):
    res = run("profile", {"INPUT": small_survey["records"], "CLUSTER_FIELD": ["cl"],
                          "INDICATOR_FIELDS": ["quit"], "AREAS": small_survey["areas"],
                          "BASE_FIELD": "hh", "MIN_COUNT": 5, "SURVEY": True,
                          "DISCLOSURE": method, "OUTPUT": str(tmp_path / f"p{method}.csv"),
                          "OUTPUT_HTML": str(tmp_path / f"p{method}.html")})
    html = (tmp_path / f"p{method}.html").read_text(encoding="utf-8")
    return pd.read_csv(res["OUTPUT"], dtype={"cluster": str}), html, res


def _rep_table(html: str) -> str:
    return html[html.index("Representativeness"):]


def test_profile_suppression_pools_hidden_clusters_in_the_test(small_survey, tmp_path):
    p, html, res = _profile(small_survey, tmp_path, 0)
    al = p[p["indicator"] == "all"].set_index("cluster")
    hidden = al.index[al["suppressed"].astype(str).str.lower().isin(["1", "true"])].tolist()
    assert {"C", "D"} <= set(hidden) and len(hidden) >= 2
    rep = _rep_table(html)
    assert "suppressed (pooled)" in rep
    for code in hidden:  # no row of its own in the test's table
        assert not re.search(rf"<td>{code}</td>", rep)
    assert res["SUPPRESSED"] == int(p["suppressed"].astype(str).str.lower()
                                    .isin(["1", "true"]).sum())


def test_profile_rounding_to_five(small_survey, tmp_path):
    p, html, _ = _profile(small_survey, tmp_path, 1)
    assert not p["suppressed"].astype(str).str.lower().isin(["1", "true"]).any()
    assert (p["count"] % 5 == 0).all() and (p["records"] % 5 == 0).all()
    al = p[p["indicator"] == "all"].set_index("cluster")
    assert al["count"].tolist() == [40, 20, 5, 0, 10]  # 22 → 20, 3 → 5, 2 → 0, 9 → 10
    total = 75  # 76 records rounded
    assert al["pct"].tolist() == pytest.approx([100 * c / total for c in al["count"]])
    assert "Chi-square" in html


def test_area_profile_count_field_small_local_total(qgis_app, qgis_processing, tmp_path):
    register_provider()
    ref = pd.DataFrame({"oa": [f"o{i}" for i in range(10)],
                        "customers": [3, 0, 8, 12, 6, 9, 10, 4, 7, 11],
                        "pct_old": np.linspace(10, 30, 10), "pop": [100] * 10})
    ref.to_csv(tmp_path / "ref.csv", index=False)
    ref.iloc[:2].to_csv(tmp_path / "local.csv", index=False)  # 3 + 0 customers
    res = run("areaprofile", {"INPUT": str(tmp_path / "local.csv"),
                              "REFERENCE": str(tmp_path / "ref.csv"),
                              "FIELDS": ["customers", "pct_old"], "REFERENCE_METHOD": 1,
                              "OUTPUT": str(tmp_path / "ap.csv")})
    out = pd.read_csv(res["OUTPUT"]).set_index("field")
    assert np.isnan(out.loc["customers", "local"]) and np.isnan(out.loc["customers", "index"])
    assert out.loc["customers", "reference"] == pytest.approx(7.0)
    assert str(out.loc["customers", "suppressed"]).lower() in ("1", "true")
    assert out.loc["pct_old", "local"] == pytest.approx(ref["pct_old"].iloc[:2].mean())
    rounded = run("areaprofile", {"INPUT": str(tmp_path / "local.csv"),
                                  "REFERENCE": str(tmp_path / "ref.csv"),
                                  "FIELDS": ["customers"], "DISCLOSURE": 1, "REFERENCE_METHOD": 1,
                                  "OUTPUT": str(tmp_path / "ap2.csv")})
    out = pd.read_csv(rounded["OUTPUT"]).set_index("field")
    assert out.loc["customers", "local"] == pytest.approx((5 + 0) / 2)  # 3 → 5


def test_pen_portrait_population_hidden_with_a_partner(qgis_app, qgis_processing, tmp_path):
    register_provider()
    rng = np.random.default_rng(2)
    clusters = ["1"] * 10 + ["2"] * 10 + ["3"] * 10
    customers = [0] * 9 + [3] + [2] * 10 + [4] * 10  # cluster totals 3, 20, 40
    table = pd.DataFrame({"oa": [f"o{i}" for i in range(30)], "cluster": clusters,
                          "a": rng.normal(50, 10, 30), "b": rng.normal(20, 5, 30),
                          "customers": customers})
    table.to_csv(tmp_path / "t.csv", index=False)
    res = run("penportraits", {"INPUT": str(tmp_path / "t.csv"), "CLUSTER_FIELD": "cluster",
                               "FIELDS": ["a", "b"], "ID_FIELD": "oa",
                               "POPULATION_FIELD": "customers",
                               "OUTPUT_HTML": str(tmp_path / "pp.html")})
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    pages = re.findall(r'<section class="portrait">(.*?)</section>', html, re.S)
    assert len(pages) == 3
    shown = ["population" in page for page in pages]
    assert shown == [False, False, True]  # 3 hidden, 20 with it (else 63 − 40 − 20 = 3)
    assert "population 40" in pages[2]


def test_every_counting_algorithm_offers_the_choice(qgis_app, qgis_processing):
    prov = register_provider()
    for name in ["profile", "aggregate", "composition", "targeting", "areaprofile",
                 "penportraits"]:
        alg = prov.algorithm(name)
        param = alg.parameterDefinition("DISCLOSURE")
        assert param is not None and "zeros are shown as 0" in param.help(), name
        assert param.defaultValue() == 0


def test_counts_per_area_and_composition_rounded(qgis_app, qgis_processing, tmp_path):
    register_provider()
    areas = pd.DataFrame({"oa": [f"o{i}" for i in range(6)], "ward": list("xxxyyy"),
                          "cl": list("ABABAB"), "pop": [100, 200, 100, 50, 50, 100],
                          "customers": [3, 7, 12, 0, 1, 9]})
    areas.to_csv(tmp_path / "areas.csv", index=False)
    records = pd.DataFrame({"oa": np.repeat(areas["oa"], areas["customers"])})
    records.to_csv(tmp_path / "rec.csv", index=False)
    res = run("aggregate", {"INPUT": str(tmp_path / "rec.csv"), "RECORD_AREA_FIELD": "oa",
                            "AREAS": str(tmp_path / "areas.csv"), "AREA_ID_FIELD": "oa",
                            "BASE_FIELD": "pop", "PER": 100, "DISCLOSURE": 1,
                            "OUTPUT": str(tmp_path / "a.csv")})
    a = pd.read_csv(res["OUTPUT"])
    assert a["rec_count"].tolist() == [5, 5, 10, 0, 0, 10]
    assert a["rec_rate"].tolist() == pytest.approx([5, 2.5, 10, 0, 0, 10])
    res = run("composition", {"INPUT": str(tmp_path / "areas.csv"), "CLUSTER_FIELD": "cl",
                              "GROUP_FIELD": "ward", "WEIGHT_FIELD": "customers",
                              "DISCLOSURE": 1, "OUTPUT": str(tmp_path / "c.csv")})
    c = pd.read_csv(res["OUTPUT"]).set_index("ward")
    # x: A 3 + 12 = 15, B 7 → 5, total 22 → 20; y: A 1 → 0, B 9 → 10, total 10
    assert c.loc["x", "total"] == 20 and c.loc["x", "pct_A"] == pytest.approx(75)
    assert c.loc["y", "pct_A"] == 0 and c.loc["y", "pct_B"] == pytest.approx(100)


def test_counts_too_sparse_to_protect_are_refused_not_published(qgis_app, qgis_processing,
                                                                 tmp_path):
    """Six wards × three clusters of one or two customers: the cluster totals give small
    cells away whatever else is hidden. Suppression refuses (nothing written) and says what
    to do; rounding writes the table."""
    from qgis.core import QgsProcessingException

    register_provider()
    grid = [[2, 1, 1], [1, 0, 2], [1, 1, 1], [0, 1, 3], [1, 0, 2], [2, 1, 1]]
    areas = pd.DataFrame([{"oa": f"o{i}{j}", "ward": f"w{i}", "cl": "ABC"[j], "customers": n}
                          for i, row in enumerate(grid) for j, n in enumerate(row)])
    areas.to_csv(tmp_path / "areas.csv", index=False)
    params = {"INPUT": str(tmp_path / "areas.csv"), "CLUSTER_FIELD": "cl",
              "GROUP_FIELD": "ward", "WEIGHT_FIELD": "customers", "MIN_COUNT": 5}
    with pytest.raises(QgsProcessingException, match="cannot protect.*DISCLOSURE"):
        run("composition", {**params, "OUTPUT": str(tmp_path / "c.csv")})
    assert not (tmp_path / "c.csv").exists()
    res = run("composition", {**params, "DISCLOSURE": 1, "OUTPUT": str(tmp_path / "r.csv")})
    assert len(pd.read_csv(res["OUTPUT"])) == 6
