"""The two-level model in core (issue 13, item 4): built from a sub-clustering, saved and read
back unchanged, applied level by level; version-1 files still read; damaged files refused."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core.classification import ClassificationModel
from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.hierarchy import subcluster, two_level_model
from customer_segmentation.core.search import classify


@pytest.fixture(scope="module")
def built():
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(9, 4)) * 6
    X = np.vstack([c + rng.normal(size=(40, 4)) for c in centres])
    res = classify(X, 3, runs=10, seed=1)
    parents = np.array([str(c + 1) for c in res.labels], dtype=object)
    codes, summary = subcluster(X, parents, "3,2:2", runs=10, seed=1)
    fields = ["a", "b", "c", "d"]
    parent = ClassificationModel(fields, ["1", "2", "3"], res.centres, 3, 1, 10, res.total_wcss,
                                 res.sizes.tolist(), None, {"field_name": "cluster"})
    model = two_level_model(X, fields, parents, summary, parent, parent_field="cluster",
                            field_name="group", k_spec="3,2:2", seed=1, runs=10)
    return X, parents, codes, model, fields


def test_round_trip_and_exact_reapplication(built, tmp_path):
    X, parents, codes, model, fields = built
    model.save(tmp_path / "m.json")
    again = ClassificationModel.load(tmp_path / "m.json")
    assert again.version == 2 and again.sublevel.codes["2"] == ["2a", "2b"]
    assert again.sublevel.codes["1"] == ["1a", "1b", "1c"]
    for p in again.codes:
        np.testing.assert_array_equal(again.sublevel.centres[p], model.sublevel.centres[p])
    p, _, s, d = again.assign_levels(pd.DataFrame(X, columns=fields))
    assert list(p) == list(parents) and list(s) == list(codes)
    assert (d >= 0).all()


def test_without_a_parent_model_the_parent_centres_are_means(built):
    X, parents, codes, _, fields = built
    _, summary = subcluster(X, parents, "2", runs=5, seed=2)
    model = two_level_model(X, fields, parents, summary, None, parent_field="cluster",
                            field_name="group")
    for i, code in enumerate(model.codes):
        np.testing.assert_allclose(model.centres[i], X[parents == code].mean(axis=0),
                                   rtol=0, atol=1e-12)
    assert model.standardisation is None and model.sizes == [
        int((parents == c).sum()) for c in model.codes]


def test_version_one_files_still_read(built, tmp_path):
    _, _, _, model, _ = built
    d = json.loads(json.dumps(model.to_dict()))
    del d["sublevel"]
    d["format_version"] = 1
    (tmp_path / "v1.json").write_text(json.dumps(d))
    one = ClassificationModel.load(tmp_path / "v1.json")
    assert one.sublevel is None and one.version == 1
    del d["format_version"]  # the earliest files may lack it
    (tmp_path / "v0.json").write_text(json.dumps(d))
    assert ClassificationModel.load(tmp_path / "v0.json").sublevel is None
    with pytest.raises(SegmentationError, match="has one level"):
        one.assign_levels(pd.DataFrame(np.zeros((1, 4)), columns=list("abcd")))


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format_version="2"), "format_version '2' is not one"),
    (lambda d: d["sublevel"]["parents"][0].update(code="9"), r"code '9' is not one of the"),
    (lambda d: d["sublevel"]["parents"][1]["clusters"][0].update(code="1a"),
     r"'1a' repeats the code of a sub-cluster of 1"),
    (lambda d: d["sublevel"]["parents"][0]["clusters"][0]["centre"].__setitem__(2, "x"),
     r"clusters\[0\].centre\[2\] \(field 'c'\) must be a number"),
    (lambda d: d["sublevel"].update(runs=0), r"sublevel.runs must be at least 1"),
])
def test_damaged_sublevel_refused_by_key(built, tmp_path, change, message):
    _, _, _, model, _ = built
    d = json.loads(json.dumps(model.to_dict()))
    change(d)
    (tmp_path / "bad.json").write_text(json.dumps(d))
    with pytest.raises(SegmentationError, match=r"'bad\.json'.*" + message):
        ClassificationModel.load(tmp_path / "bad.json")


def test_parent_model_mismatch_refused(built):
    X, parents, _, model, fields = built
    _, summary = subcluster(X, parents, "2", runs=2, seed=1)
    one = ClassificationModel(fields, ["1", "2"], model.centres[:2], 2, 1, 1, 0.0, [1, 1])
    with pytest.raises(SegmentationError, match="parent field code\\(s\\) 3 are not in the model"):
        two_level_model(X, fields, parents, summary, one, parent_field="cluster",
                        field_name="g")
    with pytest.raises(SegmentationError, match="Variable\\(s\\) e are not in the parent model"):
        two_level_model(X, ["a", "b", "c", "e"], parents, summary, ClassificationModel(
            fields, ["1", "2", "3"], model.centres, 3, 1, 1, 0.0, [1, 1, 1]),
            parent_field="cluster", field_name="g")
