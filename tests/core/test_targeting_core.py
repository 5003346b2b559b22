"""Targeting on observed use (no QGIS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.geography import (
    RANKINGS,
    observed_from_field,
    observed_per_area,
    targeting,
)

AREAS = pd.DataFrame({"oa": ["a", "b", "c", "d"], "cl": [1, 1, 1, 2], "hh": [100, 100, 40, 90]})
PEN = pd.Series({1: 10.1, 2: 5.0})
IDX = pd.Series({1: 130.0, 2: 80.0})


def test_observed_non_users_gap_and_estimates():
    seen = np.array([18, 2, 0, 1])
    out = targeting(AREAS, "cl", "hh", PEN, IDX, 110, seen)
    assert out["oa"].tolist() == ["b", "a", "c"]
    assert out["observed_non_users"].tolist() == [98, 82, 40]
    assert set(out["ranking"]) == {RANKINGS["observed_non_users"]}
    gap = targeting(AREAS, "cl", "hh", PEN, IDX, 110, seen, "gap")
    assert gap["oa"].tolist() == ["b", "c", "a"]  # 8.1, 4.04, -7.9
    assert np.allclose(gap["gap"], [10.1 - 2, 4.04, 10.1 - 18])
    est = targeting(AREAS, "cl", "hh", PEN, IDX, 110)
    assert est["oa"].tolist() == ["a", "b", "c"] and "observed_users" not in est
    assert set(est["ranking"]) == {RANKINGS["estimated_non_users"]}


def test_observed_counts_and_bad_input():
    records = pd.DataFrame({"area": ["a", "a", " b", "zz", None]})
    counts, outside = observed_per_area(AREAS, "oa", records, "area")
    assert counts.tolist() == [2, 1, 0, 0] and outside == 2
    with pytest.raises(SegmentationError, match="row 2 has -1"):
        observed_from_field(AREAS.assign(s=[1, -1, 0, 0]), "s")
    with pytest.raises(SegmentationError, match="Unknown ranking"):
        targeting(AREAS, "cl", "hh", PEN, IDX, 110, np.zeros(4), "estimated_non_users")
    with pytest.raises(SegmentationError, match="one value per area"):
        targeting(AREAS, "cl", "hh", PEN, IDX, 110, np.zeros(3))
