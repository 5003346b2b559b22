"""Silhouettes of many partitions in one pass equal scikit-learn's, one by one."""

import numpy as np
import pytest
from sklearn.metrics import silhouette_score

from customer_segmentation.core import silhouette as sil
from customer_segmentation.core.diagnostics import compare_k


def test_one_pass_equals_sklearn_for_every_k_and_chunking(monkeypatch):
    rng = np.random.default_rng(3)
    X = rng.random((400, 12))
    parts = [rng.integers(0, k, 400) for k in range(2, 9)]
    parts[2][7] = 6  # labels 0..3 plus a single-member cluster 6 (4 and 5 empty)
    expected = [silhouette_score(X, p) for p in parts]
    assert sil.mean_silhouettes(X, parts) == pytest.approx(expected, abs=1e-12)
    monkeypatch.setattr(sil, "CHUNK_BYTES", 8 * 400 * 37)  # 37-row chunks, ragged last one
    assert sil.mean_silhouettes(X, parts) == pytest.approx(expected, abs=1e-12)


def test_undefined_widths_are_nan_not_errors():
    X = np.arange(12.0).reshape(4, 3)
    one_cluster, all_apart = np.zeros(4, int), np.arange(4)
    assert np.isnan(sil.mean_silhouettes(X, [one_cluster, all_apart])).all()


def test_compare_k_silhouette_column_is_sklearns_on_the_same_sample(monkeypatch):
    rng = np.random.default_rng(1)
    X = np.r_[rng.normal(0, 1, (150, 4)), rng.normal(6, 1, (150, 4))]
    monkeypatch.setattr("customer_segmentation.core.diagnostics.SILHOUETTE_SAMPLE", 120)
    comp = compare_k(X, [2, 3], runs=4, seed=5)
    rows = sil.sample_rows(300, 120, 5)
    assert len(rows) == 120 and np.array_equal(rows, sil.sample_rows(300, 120, 5))
    for k, got in comp.table.set_index("k")["silhouette"].items():
        assert got == pytest.approx(silhouette_score(X[rows], comp.labels[k][rows]), abs=1e-12)
