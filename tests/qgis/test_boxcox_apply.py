"""Box-Cox through headless QGIS: 'Standardise variables' fits the same bounded λ to a field
in percentages and in proportions, and 'Apply a saved classification' clips new values outside
the fitted range instead of extrapolating them."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import register_provider, run
from support.frames import frame


@pytest.fixture(scope="module")
def fitted(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("boxcox")
    raw = frame(sample_town["areas"])
    df = pd.DataFrame({"OA_CODE": raw["OA_CODE"]})
    for v in ("v01", "v02", "v05"):
        df[f"p_{v}"] = 100 * raw[v].astype(float) / raw["Total_Population"].astype(float)
        df[f"q_{v}"] = df[f"p_{v}"] / 100
    df.to_csv(d / "pct.csv", index=False)
    std = run("standardise", {"INPUT": str(d / "pct.csv"), "ID_FIELD": "OA_CODE",
                              "TRANSFORM": 3, "SCALE": 0, "OUTPUT": str(d / "std.csv"),
                              "OUTPUT_PARAMS": str(d / "std.json")})
    return {"dir": d, "df": df, "std": std}


def test_standardise_gives_one_bounded_lambda_for_percentages_and_proportions(fitted):
    params = json.loads(open(fitted["std"]["OUTPUT_PARAMS"]).read())["parameters"]
    for v in ("v01", "v02", "v05"):
        lam_p, lam_q = params[f"p_{v}"]["boxcox_lambda"], params[f"q_{v}"]["boxcox_lambda"]
        assert lam_p == pytest.approx(lam_q, abs=1e-6), v
        assert -5 <= lam_p <= 5
    out = pd.read_csv(fitted["std"]["OUTPUT"])
    assert np.allclose(out["p_v01"], out["q_v01"])


def test_applymodel_clips_values_outside_the_fitted_range(fitted):
    d, df = fitted["dir"], fitted["df"]
    fields = [c for c in df.columns if c.startswith("q_")]
    run("kmeans", {"INPUT": fitted["std"]["OUTPUT"], "FIELDS": fields, "ID_FIELD": "OA_CODE",
                   "K": 3, "RUNS": 3, "SEED": 1, "STANDARDISATION": str(d / "std.json"),
                   "OUTPUT": str(d / "km.csv"), "MODEL": str(d / "model.json")})
    lo, hi = df["q_v01"].min(), df["q_v01"].max()
    new = df[["OA_CODE", *fields]].head(4).copy()
    new.loc[0, "q_v01"] = -0.5  # impossible proportion: on main it extrapolated to -4.9 …
    new.loc[1, "q_v01"] = hi + 0.5
    clipped = new.copy()
    clipped.loc[0, "q_v01"], clipped.loc[1, "q_v01"] = lo, hi
    new.to_csv(d / "new.csv", index=False)
    clipped.to_csv(d / "clipped.csv", index=False)
    from support.feedback import Recorder

    import processing

    fb = Recorder()
    a = processing.run("segmentation:applymodel", {
        "INPUT": str(d / "new.csv"), "MODEL": str(d / "model.json"), "ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "a.csv")}, feedback=fb)
    assert any("clipped" in w and "'q_v01' 2" in w for w in fb.warnings), fb.warnings
    b = run("applymodel", {"INPUT": str(d / "clipped.csv"), "MODEL": str(d / "model.json"),
                           "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "b.csv")})
    a, b = pd.read_csv(a["OUTPUT"]), pd.read_csv(b["OUTPUT"])
    assert list(a["cluster"]) == list(b["cluster"])
    assert np.allclose(a["cluster_dist2"], b["cluster_dist2"])


def test_standardise_warns_when_lambda_reaches_its_bound(fitted):
    from support.feedback import Recorder

    import processing

    d = fitted["dir"]
    x = np.r_[np.full(50, 100.0), np.linspace(90, 100, 50), [5.0]]
    pd.DataFrame({"id": range(len(x)), "near_full": x,
                  "skewed": np.linspace(0, 10, len(x)) ** 2}).to_csv(d / "b.csv", index=False)
    fb = Recorder()
    processing.run("segmentation:standardise", {
        "INPUT": str(d / "b.csv"), "ID_FIELD": "id", "TRANSFORM": 3, "SCALE": 0,
        "OUTPUT": str(d / "b_out.csv"), "OUTPUT_PARAMS": str(d / "b.json")}, feedback=fb)
    params = json.loads((d / "b.json").read_text())["parameters"]
    assert params["near_full"]["boxcox_lambda"] == 5.0
    assert -5 < params["skewed"]["boxcox_lambda"] < 5
    assert any("bound" in w and "near_full" in w and "skewed" not in w for w in fb.warnings)
