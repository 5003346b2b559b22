"""Cluster stability through QGIS (processing.run): per k in 'Compare numbers of clusters',
per cluster in 'K-means classification'; near 1 on well-separated blobs, low on uniform
noise, the same figures for the same seed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider
from qgis.core import QgsProcessingFeedback, QgsVectorLayer
from support.feedback import Recorder

import processing


def run(alg: str, params: dict, feedback=None) -> dict:
    return processing.run(f"segmentation:{alg}", params, feedback=feedback or Recorder())


def table(path) -> pd.DataFrame:
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    names = layer.fields().names()
    frame = pd.DataFrame([[f[n] for n in names] for f in layer.getFeatures()], columns=names)
    def number(col):
        try:
            return pd.to_numeric(col)
        except (ValueError, TypeError):
            return col

    return frame.apply(number)


def write_csv(path, X) -> str:
    frame = pd.DataFrame(X, columns=[f"v{j}" for j in range(X.shape[1])])
    frame.insert(0, "id", [f"A{i:04d}" for i in range(len(X))])
    frame.to_csv(path, index=False)
    return str(path)


@pytest.fixture(scope="module")
def inputs(qgis_app, qgis_processing, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("stability")
    rng = np.random.default_rng(3)
    centres = rng.uniform(0, 10, (3, 4))
    blobs = centres[np.repeat(np.arange(3), 100)] + rng.normal(0, 0.3, (300, 4))
    noise = np.random.default_rng(11).uniform(size=(300, 10))
    return {"dir": d, "blobs": write_csv(d / "blobs.csv", blobs),
            "noise": write_csv(d / "noise.csv", noise)}


def comparek(inputs, data, out, **extra):
    params = {"INPUT": inputs[data], "ID_FIELD": "id", "K_MIN": 2, "K_MAX": 5, "RUNS": 10,
              "SEED": 1, "RESAMPLES": 10, "OUTPUT": str(out)}
    params.update(extra)
    feedback = Recorder()
    res = run("comparek", params, feedback)
    return res, table(res["OUTPUT"]).set_index("k"), feedback


def test_comparek_stability_per_k_high_on_blobs(inputs, tmp_path):
    res, t, feedback = comparek(inputs, "blobs", tmp_path / "k.csv",
                                OUTPUT_HTML=str(tmp_path / "k.html"))
    assert {"stability", "weakest_jaccard", "stable_clusters",
            "search_repeatability"} <= set(t.columns)
    assert float(t.loc[3, "stability"]) > 0.95 and float(t.loc[3, "weakest_jaccard"]) > 0.9
    assert int(t.loc[3, "stable_clusters"]) == 3
    assert any("k=3:" in m and "stability (ARI) 1.000" in m and "3 of 3 clusters stable" in m
               and "repeatability of the search" in m for m in feedback.infos)
    html = (tmp_path / "k.html").read_text()
    assert "Cluster stability" in html and "repeatability of the search" in html


def test_comparek_stability_per_k_low_on_noise_and_reproducible(inputs, tmp_path):
    _, t, _ = comparek(inputs, "noise", tmp_path / "a.csv")
    assert (t.loc[3:5, "stability"].astype(float) < 0.6).all()
    assert (t.loc[3:5, "weakest_jaccard"].astype(float) < 0.6).all()
    assert (t.loc[3:5, "stable_clusters"].astype(int) == 0).all()
    _, again, _ = comparek(inputs, "noise", tmp_path / "b.csv")
    assert again.equals(t)
    _, other, _ = comparek(inputs, "noise", tmp_path / "c.csv", SEED=2)
    assert not other["stability"].equals(t["stability"])


def kmeans(inputs, data, d, k, **extra):
    params = {"INPUT": inputs[data], "ID_FIELD": "id", "K": k, "RUNS": 20, "SEED": 1,
              "RESAMPLES": 10, "OUTPUT": str(d / f"{data}.gpkg"),
              "OUTPUT_CENTRES": str(d / f"{data}_centres.csv"), "MODEL": str(d / f"{data}.json")}
    params.update(extra)
    feedback = Recorder()
    res = run("kmeans", params, feedback)
    return res, table(res["OUTPUT_CENTRES"]), feedback


def test_kmeans_stability_per_cluster_on_blobs(inputs, tmp_path):
    res, centres, feedback = kmeans(inputs, "blobs", tmp_path, 3)
    assert list(centres.columns[:6]) == ["cluster", "size", "wcss", "stability_jaccard",
                                         "times_dissolved", "stability"]
    assert (centres["stability_jaccard"].astype(float) > 0.9).all()
    assert (centres["times_dissolved"].astype(int) == 0).all()
    assert set(centres["stability"]) == {"highly stable"}
    assert res["STABILITY"] > 0.95
    for code in ("1", "2", "3"):
        assert any(m.startswith(f"Cluster {code} (100 areas): mean Jaccard 1.000, highly "
                                "stable; dissolved in 0 of 10 resamples") for m in feedback.infos)
    assert any(m.startswith("Repeatability of the search") for m in feedback.infos)
    model = json.loads((tmp_path / "blobs.json").read_text())
    st = model["extra"]["stability"]
    assert st["resamples"] == 10 and st["fraction"] == 0.8 and len(st["cluster_jaccard"]) == 3
    from customer_segmentation.core.classification import ClassificationModel

    loaded = ClassificationModel.load(tmp_path / "blobs.json")  # still a valid model file
    assert loaded.extra["stability"]["cluster_jaccard"] == st["cluster_jaccard"]


def test_kmeans_stability_per_cluster_low_on_noise_and_reproducible(inputs, tmp_path):
    res, centres, feedback = kmeans(inputs, "noise", tmp_path, 4)
    jac = centres["stability_jaccard"].astype(float)
    assert (jac < 0.75).all() and jac.mean() < 0.6
    assert "highly stable" not in set(centres["stability"])
    assert "stable" not in set(centres["stability"])
    assert res["STABILITY"] < 0.6
    (tmp_path / "again").mkdir()
    again, centres2, _ = kmeans(inputs, "noise", tmp_path / "again", 4)
    assert again["STABILITY"] == res["STABILITY"] and centres2.equals(centres)


def test_kmeans_without_the_new_parameters_measures_stability_by_default(inputs, tmp_path):
    """Scripts and models saved before RESAMPLES existed still run, with the default check."""
    feedback = Recorder()
    res = run("kmeans", {"INPUT": inputs["blobs"], "ID_FIELD": "id", "K": 3, "RUNS": 10,
                         "OUTPUT": str(tmp_path / "old.gpkg")}, feedback)
    assert res["STABILITY"] > 0.95
    assert any("Cluster stability: 20 resamples of 80 % of the areas, each clustered afresh "
               "with 5 k-means runs." == m for m in feedback.infos)


def test_kmeans_without_resamples_has_no_stability(inputs, tmp_path):
    res, centres, feedback = kmeans(inputs, "blobs", tmp_path, 3, RESAMPLES=0)
    assert "STABILITY" not in res and "stability_jaccard" not in centres.columns
    assert any("not measured" in m for m in feedback.infos)


def test_kmeans_cancelled_during_the_resamples_writes_nothing(inputs, tmp_path):
    class CancelAt(QgsProcessingFeedback):
        def __init__(self, at):
            super().__init__()
            self.at, self.seen = at, []
            self.progressChanged.connect(self.note)

        def note(self, value):
            self.seen.append(value)
            if value >= self.at:
                self.cancel()

    d = tmp_path / "cancel"
    d.mkdir()
    # RUNS 10, RESAMPLES 40 × 5 runs: the resamples take the progress from 10 % to 90 %
    feedback = CancelAt(40)
    res = run("kmeans", {"INPUT": inputs["noise"], "ID_FIELD": "id", "K": 4, "RUNS": 10,
                         "RESAMPLES": 40, "OUTPUT": str(d / "x.gpkg"),
                         "OUTPUT_CENTRES": str(d / "c.csv")}, feedback)
    assert feedback.isCanceled() and max(feedback.seen) < 90
    assert feedback.seen == sorted(feedback.seen)
    assert res == {} and not any(d.iterdir())
