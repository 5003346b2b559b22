"""Issue 14: the k-means log states how many distinct optima the search saw and how often it
reached the best it kept."""

from __future__ import annotations

import re

from conftest import register_provider


def test_kmeans_log_states_distinct_optima_and_best_reached(qgis_app, qgis_processing,
                                                            sample_town, tmp_path):
    from support.feedback import Recorder

    import processing

    register_provider()
    prep = processing.run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": str(tmp_path / "prep.gpkg")})["OUTPUT"]
    fb = Recorder()
    processing.run("segmentation:kmeans", {
        "INPUT": prep, "ID_FIELD": "OA_CODE", "K": 6, "RUNS": 20, "SEED": 5,
        "OUTPUT": str(tmp_path / "km.gpkg")}, feedback=fb)
    pattern = r"(\d+) local optima, (\d+) distinct; the best was reached (\d+) time"
    found = [m for m in (re.search(pattern, line) for line in fb.infos) if m]
    assert len(found) == 1, fb.infos
    searches, distinct, hits = map(int, found[0].groups())
    assert 20 <= searches <= 80 and 1 <= distinct <= searches and 1 <= hits <= searches


def test_comparek_table_and_log_give_the_search_figures_per_k(qgis_app, qgis_processing,
                                                              sample_town, tmp_path):
    import pandas as pd
    from support.feedback import Recorder

    import processing

    register_provider()
    prep = processing.run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": str(tmp_path / "prep.gpkg")})["OUTPUT"]
    fb = Recorder()
    res = processing.run("segmentation:comparek", {
        "INPUT": prep, "ID_FIELD": "OA_CODE", "K_MIN": 3, "K_MAX": 5, "RUNS": 10, "SEED": 2,
        "RESAMPLES": 0, "OUTPUT": str(tmp_path / "k.csv")}, feedback=fb)
    t = pd.read_csv(res["OUTPUT"])
    assert list(t["k"]) == [3, 4, 5]
    assert ((10 <= t["searches"]) & (t["searches"] <= 40)).all()
    assert ((1 <= t["distinct_optima"]) & (t["distinct_optima"] <= t["searches"])).all()
    assert ((1 <= t["best_reached"]) & (t["best_reached"] <= t["searches"])).all()
    for row in t.itertuples():
        assert any(f"k={row.k}:" in m and f"{row.searches} local optima, "
                   f"{row.distinct_optima} distinct, the best reached {row.best_reached} "
                   "time" in m for m in fb.infos), fb.infos
