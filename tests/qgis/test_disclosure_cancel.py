"""A long suppression reports its progress and stops when the officer cancels: the
composition of 300 wards × 8 clusters with MIN_COUNT 5, run through Processing."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import register_provider
from qgis.core import QgsProcessingFeedback

import processing


class CancelAt(QgsProcessingFeedback):
    def __init__(self, at: float | None):
        super().__init__()
        self.at, self.seen = at, []
        self.progressChanged.connect(self.note)

    def note(self, value):
        self.seen.append(value)
        if self.at is not None and value >= self.at:
            self.cancel()


def _areas(path) -> str:
    rng = np.random.default_rng(1)
    counts = rng.poisson(6, (300, 8))
    rows = [{"oa": f"o{w}_{c}", "ward": f"w{w:03d}", "cl": f"C{c}", "customers": int(n)}
            for w in range(300) for c in range(8) for n in [counts[w, c]]]
    pd.DataFrame(rows).to_csv(path / "areas.csv", index=False)
    return str(path / "areas.csv")


def _params(areas: str, out) -> dict:
    return {"INPUT": areas, "CLUSTER_FIELD": "cl", "GROUP_FIELD": "ward",
            "WEIGHT_FIELD": "customers", "MIN_COUNT": 5, "DISCLOSURE": 0, "OUTPUT": str(out)}


def test_composition_suppression_reports_progress(qgis_app, qgis_processing, tmp_path):
    register_provider()
    feedback = CancelAt(None)
    res = processing.run("segmentation:composition",
                         _params(_areas(tmp_path), tmp_path / "c.csv"), feedback=feedback)
    table = pd.read_csv(res["OUTPUT"])
    assert table["suppressed"].sum() > 100
    between = [v for v in feedback.seen if 75 < v < 95]  # the suppression's own steps
    assert len(between) > 50 and between == sorted(between)


def test_composition_cancelled_during_suppression_writes_nothing(qgis_app, qgis_processing,
                                                                 tmp_path):
    register_provider()
    areas = _areas(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    feedback = CancelAt(80)  # inside the suppression (75 to 95 %)
    res = processing.run("segmentation:composition", _params(areas, out / "c.csv"),
                         feedback=feedback)
    assert feedback.isCanceled() and max(feedback.seen) < 95
    assert res == {} and not any(out.iterdir())
