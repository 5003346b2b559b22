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
