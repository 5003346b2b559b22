"""'Count records per area' with statistics of a value (mean, median, min, max, weighted mean,
distinct count) through headless QGIS on the sample town's areas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider, run
from qgis.core import QgsProcessingException
from support.feedback import Recorder
from support.frames import frame

ALL = [0, 1, 2, 3, 4, 5, 6]  # sum, mean, median, min, max, weighted mean, distinct count




@pytest.fixture(scope="module")
def sales(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """House sales in the sample town's areas: a price (two empty), a floor area (weight) and
    a household id repeated within areas; a few sales in no area."""
    register_provider()
    d = tmp_path_factory.mktemp("sales")
    areas = frame(sample_town["areas"])
    rng = np.random.default_rng(7)
    n = 1500
    oa = rng.choice(areas["OA_CODE"].to_numpy()[:60], n)
    oa[:5] = "E00000000"  # not an area of the town
    price = np.round(rng.lognormal(12, 0.4, n), -2).astype(object)
    price[[10, 11]] = ""
    df = pd.DataFrame({"id": range(n), "oa": oa, "price": price,
                       "floor": rng.integers(40, 200, n),
                       "household": [f"H{v}" for v in rng.integers(0, 400, n)]})
    path = d / "sales.csv"
    df.to_csv(path, index=False)
    return {"path": str(path), "df": df, "areas": sample_town["areas"], "dir": d}


def run_with(params: dict) -> tuple[dict, Recorder]:
    import processing

    fb = Recorder()
    return processing.run("segmentation:aggregate", params, feedback=fb), fb


def test_every_statistic_per_area_against_pandas(sales, tmp_path):
    res, fb = run_with({"INPUT": sales["path"], "RECORD_AREA_FIELD": "oa",
                        "AREAS": sales["areas"], "AREA_ID_FIELD": "OA_CODE",
                        "SUM_FIELD": "price", "STATISTICS": ALL, "WEIGHT_FIELD": "floor",
                        "DISTINCT_FIELD": "household", "BASE_FIELD": "Total_Households",
                        "MIN_COUNT": 0, "OUTPUT": str(tmp_path / "a.gpkg")})
    out = frame(res["OUTPUT"]).set_index("OA_CODE")
    df = sales["df"]
    df = df[df["oa"].isin(out.index)]
    priced = df[df["price"] != ""].astype({"price": float})
    g = priced.groupby("oa")
    every = out.index
    expect = {
        "rec_count": df.groupby("oa").size().reindex(every, fill_value=0),
        "rec_sum": g["price"].sum().reindex(every, fill_value=0),
        "rec_mean": g["price"].mean().reindex(every),
        "rec_median": g["price"].median().reindex(every),
        "rec_min": g["price"].min().reindex(every),
        "rec_max": g["price"].max().reindex(every),
        "rec_wmean": ((priced["price"] * priced["floor"]).groupby(priced["oa"]).sum()
                      / priced.groupby("oa")["floor"].sum()).reindex(every),
        "rec_distinct": df.groupby("oa")["household"].nunique().reindex(every, fill_value=0),
        "rec_n_values": g.size().reindex(every, fill_value=0),
    }
    for col, values in expect.items():
        got = out[col].astype(float)
        assert np.allclose(got, values.astype(float), equal_nan=True), col
    assert out["rec_mean"].notna().sum() == 60 and out["rec_mean"].isna().sum() == len(out) - 60
    assert (out["rec_distinct"] < out["rec_count"]).any()  # households bought more than once
    hh = out["Total_Households"].astype(float)
    assert np.allclose(out["rec_rate"], expect["rec_sum"] / hh * 1000)
    # The two empty prices are counted and reported, not dropped silently.
    assert any("'price' is empty in 2 record(s)" in w for w in fb.warnings), fb.warnings
    assert expect["rec_n_values"].sum() == expect["rec_count"].sum() - 2


def test_default_is_the_sum_and_suppression_blanks_every_statistic(sales, tmp_path):
    res, _ = run_with({"INPUT": sales["path"], "RECORD_AREA_FIELD": "oa",
                       "AREAS": sales["areas"], "AREA_ID_FIELD": "OA_CODE",
                       "SUM_FIELD": "price", "OUTPUT": str(tmp_path / "d.gpkg")})
    out = frame(res["OUTPUT"])
    assert "rec_sum" in out and "rec_mean" not in out and "rec_median" not in out
    res, _ = run_with({"INPUT": sales["path"], "RECORD_AREA_FIELD": "oa",
                       "AREAS": sales["areas"], "AREA_ID_FIELD": "OA_CODE",
                       "SUM_FIELD": "price", "STATISTICS": [1, 2], "MIN_COUNT": 30,
                       "OUTPUT": str(tmp_path / "s.gpkg")})
    out = frame(res["OUTPUT"])
    small = out["rec_suppressed"].astype(bool)
    assert small.any() and (~small & out["rec_mean"].notna()).any()
    assert out.loc[small, ["rec_mean", "rec_median", "rec_n_values"]].isna().all().all()


def test_count_only_and_distinct_without_a_value(sales, tmp_path):
    res, _ = run_with({"INPUT": sales["path"], "RECORD_AREA_FIELD": "oa",
                       "AREAS": sales["areas"], "AREA_ID_FIELD": "OA_CODE",
                       "STATISTICS": [6], "DISTINCT_FIELD": "household", "MIN_COUNT": 0,
                       "OUTPUT": str(tmp_path / "c.gpkg")})
    out = frame(res["OUTPUT"]).set_index("OA_CODE")
    df = sales["df"]
    want = df.groupby("oa")["household"].nunique().reindex(out.index, fill_value=0)
    assert (out["rec_distinct"].astype(int) == want).all()
    assert "rec_sum" not in out and "rec_n_values" not in out


@pytest.mark.parametrize("change, params, message", [
    (None, {"STATISTICS": [1]}, r"need a value field \(SUM_FIELD\)"),
    (None, {"SUM_FIELD": "price", "STATISTICS": [5]}, r"weight field \(WEIGHT_FIELD\)"),
    (("price", 40, "about 200k"), {"SUM_FIELD": "price", "STATISTICS": [2]},
     r"'price'.*row 41.*about 200k"),
    (("floor", 20, -5), {"SUM_FIELD": "price", "STATISTICS": [5], "WEIGHT_FIELD": "floor"},
     r"'floor'.*≥ 0.*row 21.*-5"),
])
def test_bad_values_are_refused_naming_field_and_row(sales, tmp_path, change, params, message):
    path = sales["path"]
    if change:
        df = sales["df"].copy().astype({change[0]: object})
        df.loc[change[1], change[0]] = change[2]
        path = tmp_path / "bad.csv"
        df.to_csv(path, index=False)
    with pytest.raises(QgsProcessingException, match=message):
        run("aggregate", {"INPUT": str(path), "RECORD_AREA_FIELD": "oa",
                          "AREAS": sales["areas"], "AREA_ID_FIELD": "OA_CODE", **params,
                          "OUTPUT": str(tmp_path / "bad.gpkg")})
    assert not (tmp_path / "bad.gpkg").exists()
