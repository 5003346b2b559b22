"""Box-Cox: bounded λ, the same for a field in percentages or proportions, re-applied to new
values without extrapolating beyond the fitted range."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from customer_segmentation.core.errors import SegmentationError
from customer_segmentation.core.transform import (
    BOXCOX_BOUNDS,
    ClippedValuesWarning,
    Standardisation,
    fit_standardisation,
)


def skewed(n=300, seed=4):
    rng = np.random.default_rng(seed)
    pct = np.clip(rng.lognormal(1.5, 0.9, n), 0, 100)
    pct[:3] = 0.0
    return pd.DataFrame({"pct": pct, "prop": pct / 100})


def test_lambda_is_the_same_for_percentages_and_proportions():
    df = skewed()
    _, std = fit_standardisation(df, ["pct", "prop"], "boxcox", "range")
    lam_pct, lam_prop = (std.parameters[f].boxcox_lambda for f in ("pct", "prop"))
    assert lam_pct == pytest.approx(lam_prop, abs=1e-6)
    assert BOXCOX_BOUNDS[0] <= lam_pct <= BOXCOX_BOUNDS[1]
    # It is the maximum-likelihood λ of the scale-free form 100·x/max + 1.
    y = 100 * df["pct"].to_numpy() / df["pct"].max() + 1
    assert lam_pct == pytest.approx(stats.boxcox_normmax(y, method="mle"), abs=1e-4)
    # Range-scaled results agree too.
    out = std.apply(df)
    assert np.allclose(out["pct"], out["prop"])


def test_lambda_is_bounded():
    # A field whose MLE λ is far beyond 5 (a left-skewed field near its maximum).
    x = np.r_[np.full(50, 100.0), np.linspace(90, 100, 50), [5.0]]
    y = 100 * x / x.max() + 1
    assert stats.boxcox_normmax(y, method="mle") > 5
    _, std = fit_standardisation(pd.DataFrame({"x": x}), ["x"], "boxcox", "zscore")
    assert std.parameters["x"].boxcox_lambda == BOXCOX_BOUNDS[1]
    assert std.boxcox_at_bound == ["x"]


def test_new_values_outside_the_fitted_range_are_clipped_with_a_warning():
    df = skewed()
    fitted, std = fit_standardisation(df[["prop"]], ["prop"], "boxcox", "range")
    assert std.last_clipped == {}  # the fitted areas themselves are never clipped
    new = pd.DataFrame({"prop": [-0.5, 0.0, df["prop"].max(), 2.0, np.nan]})
    with pytest.warns(ClippedValuesWarning, match="'prop' 2"):
        out = std.apply(new)
    assert std.last_clipped == {"prop": 2} and out.attrs["clipped"] == {"prop": 2}
    assert out["prop"].iloc[0] == pytest.approx(out["prop"].iloc[1]) == pytest.approx(0.0)
    assert out["prop"].iloc[3] == pytest.approx(out["prop"].iloc[2]) == pytest.approx(1.0)
    assert np.isnan(out["prop"].iloc[4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        std.apply(df[["prop"]])  # in range: no warning


def test_negative_values_are_refused_when_fitting():
    with pytest.raises(SegmentationError, match="'d' has negative values.*inverse hyperbolic"):
        fit_standardisation(pd.DataFrame({"d": [-0.5, 1, 2, 3]}), ["d"], "boxcox", "range")


def test_saved_parameters_round_trip_and_old_files_keep_x_plus_1(tmp_path):
    df = skewed()
    _, std = fit_standardisation(df, ["pct"], "boxcox", "zscore")
    path = tmp_path / "std.json"
    path.write_text(json.dumps(std.to_dict()))
    again = Standardisation.load(path)
    assert again.parameters["pct"].boxcox_scale == pytest.approx(df["pct"].max())
    assert np.allclose(again.apply(df), std.apply(df))
    # A file written before the scale existed: λ fitted on x + 1, applied the same way.
    d = std.to_dict()
    lam = float(stats.boxcox_normmax(df["pct"].to_numpy() + 1, method="mle"))
    t = stats.boxcox(df["pct"].to_numpy() + 1, lam)
    d["parameters"]["pct"] = {"min": t.min(), "max": t.max(), "mean": t.mean(),
                              "sd": t.std(ddof=1), "boxcox_lambda": lam}
    old = Standardisation.from_dict(d)
    assert np.allclose(old.apply(df)["pct"], (t - t.mean()) / t.std(ddof=1))


def test_leicester_60_variables_same_lambda_as_percentages_and_proportions():
    """Real 2011 census counts of Leicester's 969 OAs: before, λ ranged to −1972 on the 0–1
    scale and differed by up to 1948 between the two forms of one field."""
    from conftest import shared

    counts = pd.read_csv(shared("leicester_2011", "2011_OAC_Raw_kVariables_Leicester.csv"))
    ks = [k for k in counts.columns if k.startswith("k")]
    pct = (counts[ks].div(counts["Total_Population"], axis=0) * 100).fillna(0)
    _, p = fit_standardisation(pct, ks, "boxcox", "range")
    _, q = fit_standardisation(pct / 100, ks, "boxcox", "range")
    lam_p = np.array([p.parameters[k].boxcox_lambda for k in ks])
    lam_q = np.array([q.parameters[k].boxcox_lambda for k in ks])
    assert np.allclose(lam_p, lam_q, atol=1e-6)
    assert ((lam_p >= -5) & (lam_p <= 5)).all()
