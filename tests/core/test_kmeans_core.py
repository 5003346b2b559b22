"""Step 5 and 6: k-means quality, reproducibility, hierarchy codes, the saved model."""

import numpy as np
import pandas as pd
import pytest
from conftest import shared

from customer_segmentation.core.classification import ClassificationModel
from customer_segmentation.core.diagnostics import compare_k
from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.hierarchy import child_code, parse_k_spec, subcluster
from customer_segmentation.core.kmeans import cluster_wcss, kmeans, nearest_centre, single_run
from customer_segmentation.core.transform import fit_standardisation
from customer_segmentation.core.variables import prepare_variables


def blobs(seed=0, n=60, k=4, d=5, spread=0.3):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 10, (k, d))
    truth = np.repeat(np.arange(k), n)
    return centres[truth] + rng.normal(0, spread, (n * k, d)), truth


def test_same_seed_same_clusters_other_seed_may_differ():
    X, _ = blobs(spread=2.5)
    a = kmeans(X, 5, runs=10, seed=7)
    b = kmeans(X, 5, runs=10, seed=7)
    assert np.array_equal(a.labels, b.labels) and a.total_wcss == b.total_wcss
    assert a.sizes.tolist() == sorted(a.sizes.tolist(), reverse=True)  # 1 is the largest


def test_solution_is_lloyd_stable_and_wcss_is_direct():
    X, _ = blobs(spread=2.0)
    res = kmeans(X, 6, runs=5, seed=3)
    idx, _ = nearest_centre(X, res.centres)
    assert np.array_equal(idx, res.labels)
    direct = sum(((X[res.labels == c] - X[res.labels == c].mean(0)) ** 2).sum() for c in range(6))
    assert res.total_wcss == pytest.approx(direct, rel=1e-12)


def test_hartigan_finish_never_worse_than_lloyd():
    X, _ = blobs(seed=4, spread=3.0)
    worse = 0
    for s in range(30):
        _, w_l = single_run(X, 7, np.random.default_rng(s), refine="lloyd")
        _, w_h = single_run(X, 7, np.random.default_rng(s), refine="hartigan")
        assert w_h <= w_l + 1e-9
        worse += w_h < w_l - 1e-9
    assert worse > 0  # the finish really moves points on this data


def test_k_larger_than_areas_refused():
    with pytest.raises(SegmentationError, match="K=5 is larger than the number of areas \\(3\\)"):
        kmeans(np.zeros((3, 2)), 5)


def test_barking_dagenham_at_least_as_good_as_r_hartigan_wong():
    folder = shared("barking_dagenham_2018")
    raw = pd.read_csv(folder / "2018_OAC_Raw_Variables.csv")
    lookup = pd.read_csv(folder / "2018_OAC_Raw_Variables_Lookup.csv")
    prepared = prepare_variables(raw, lookup, "OA11CD")
    fields = prepared.plan.order
    X = fit_standardisation(prepared.table, fields, "ihs", "range")[0].to_numpy()
    res = kmeans(X, 8, runs=1000, seed=3)
    # R 4.2 kmeans(X, 8, nstart = 1000) (Hartigan-Wong) on the same matrix, set.seed(1..10):
    # best 278.241216 once, 278.242387 once, 278.243694 six times, 278.251665 twice (median
    # 278.243694). Ours over seeds 1..10: 278.241216 five times, 278.243694 five times.
    assert res.total_wcss <= 278.243694 + 1e-6
    assert res.total_wcss <= 278.241216 + 1e-6  # seed 3 reaches the best solution R ever found
    assert res.sizes.sum() == 553


def test_child_codes_and_k_spec():
    assert [child_code("1", i) for i in range(3)] == ["1a", "1b", "1c"]
    assert child_code("1a", 1) == "1a2"
    assert parse_k_spec("3", ["1", "2"]) == {"1": 3, "2": 3}
    assert parse_k_spec("1:3,2:4", ["1", "2", "3"]) == {"1": 3, "2": 4, "3": 1}
    assert parse_k_spec("4,2:2", ["1", "2"]) == {"1": 4, "2": 2}
    with pytest.raises(SegmentationError, match="cluster\\(s\\) 9 not found"):
        parse_k_spec("9:2", ["1", "2"])
    with pytest.raises(SegmentationError, match="not understood at 'x'"):
        parse_k_spec("x", ["1"])


def test_subcluster_splits_inside_parents_only():
    X, truth = blobs(seed=2, k=3, spread=1.0)
    parents = np.array([str(t + 1) for t in truth])
    codes, summary = subcluster(X, parents, "2,3:3", runs=5, seed=1)
    assert {c[:1] for c in codes[parents == "1"]} == {"1"}
    assert sorted(set(codes)) == ["1a", "1b", "2a", "2b", "3a", "3b", "3c"]
    again, _ = subcluster(X, parents, "2,3:3", runs=5, seed=1)
    assert np.array_equal(codes, again)
    with pytest.raises(SegmentationError, match="Cluster 1 has 60 area"):
        subcluster(X, parents, "61", runs=1)


def test_model_round_trip_assigns_same_clusters(tmp_path):
    df = pd.DataFrame(np.abs(blobs(spread=1.5)[0]) * 10, columns=list("abcde"))
    Z, std = fit_standardisation(df, list("abcde"), "log1p", "range")
    res = kmeans(Z.to_numpy(), 4, runs=5, seed=1)
    codes = [str(i + 1) for i in range(4)]
    model = ClassificationModel(list("abcde"), codes, res.centres, 4, 1, 5, res.total_wcss,
                                res.sizes.tolist(), std)
    model.save(tmp_path / "m.json")
    loaded = ClassificationModel.load(tmp_path / "m.json")
    assigned, _ = loaded.assign(df)
    assert list(assigned) == [codes[i] for i in res.labels]
    with pytest.raises(SegmentationError, match="lacks field.*e"):
        loaded.assign(df.drop(columns="e"))
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(SegmentationError, match="not a Customer Segmentation model"):
        ClassificationModel.load(tmp_path / "x.json")


def test_compare_k_scores_find_the_true_k():
    X, _ = blobs(seed=5, k=4, spread=0.4)
    comp = compare_k(X, range(2, 7), runs=10, seed=1)
    t = comp.table.set_index("k")
    assert t["silhouette"].idxmax() == 4
    assert t.loc[4, "stability"] == pytest.approx(1.0)
    assert (np.diff(t["total_wcss"]) < 0).all()
    _, w = cluster_wcss(X, comp.labels[4], 4)
    assert w.sum() == pytest.approx(t.loc[4, "total_wcss"])
