"""Profile statistics (#15 items 3-6, #13 item 5) against R and against hand computations.

The R figures were computed with R 4.2.2 and survey 4.1.1 by tests/reference/profile_reference.R
(``Rscript tests/reference/profile_reference.R``) and are kept here as numbers: R is not needed
to run the tests.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from customer_segmentation.core.group_rates import group_rates
from customer_segmentation.core.profile import monte_carlo_p, profile, representativeness
from customer_segmentation.core.profile_stats import adjust_pvalues, share_interval

Z95 = 1.959963984540054

# the data of tests/reference/profile_reference.R
CL = [1] * 8 + [2] * 6 + [3] * 6
W = [1.2, 0.8, 2.5, 1.0, 0.6, 1.9, 1.1, 0.7, 3.0, 1.4, 0.9, 1.6, 2.2, 0.5, 1.3, 1.8, 0.4, 2.7,
     1.05, 0.95]
Y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0]
BASE = pd.DataFrame({"cl": [1, 2, 3], "hh": [400, 350, 250]})  # shares 0.40, 0.35, 0.25

# R: svymean(~I(cl == k), svydesign(ids=~1, weights=~w)): p, SE, then 100 p/q exp(±z SE/p)
R_SHARE = {
    "1": (0.355072463768116, 0.120460367842297, 45.6543329263844, 172.596507337065),
    "2": (0.347826086956522, 0.127775077190064, 48.3729274330652, 204.167138711354),
    "3": (0.297101449275362, 0.11840311453562, 54.4173627737924, 259.532668728391),
}
# R: svymean(~I(cl == k), subset(design, y == 1)): p, SE of a domain (an indicator value)
R_DOMAIN = {"1": (0.344213649851632, 0.161717674408388),
            "2": (0.356083086053412, 0.173714596254976),
            "3": (0.299703264094956, 0.161651166666465)}
# R: svyby(~y, ~cl, design, svymean) and confint (Wald)
R_RATE = {
    "1": (0.591836734693878, 0.194052537377178, 0.211500750325996, 0.972172719061759),
    "2": (0.625, 0.219178712625902, 0.195417617075377, 1.05458238292462),
    "3": (0.615853658536585, 0.22099387028045, 0.182713631982787, 1.04899368509038),
}
R_RATE_ALL = 0.610507246376812
# R: svyby(~y, ~g, design, svymean, covmat = TRUE) with g = in cluster k / not, svycontrast
# c(1, -1): the difference from the rest of the area, its SE and the two-sided normal p
R_VS_REST = {"1": 0.907438786871205, "2": 0.932765933091485, "3": 0.977109495269128}
# R: prop.test(x, 20, p = 0.3, correct = FALSE) (Wilson, score p) and binom.test (Clopper-
# Pearson), with the central two-sided exact p 2·min(P(X ≤ x), P(X ≥ x))
R_BINOM = {
    0: ((0, 0.161125158052819), 0.00341479117811781, (0, 0.168433470983085),
        0.00159584532595224),
    3: ((0.0523687458962166, 0.360418864740757), 0.14323490752467,
        (0.0320709371854637, 0.378926826545314), 0.214173609007462),
    20: ((0.838874841947181, 1), 8.4148248490784e-12, (0.831566529016915, 1),
         6.97356880199998e-11),
}
R_PV = [0.01, 0.04, 0.03, 0.20, 0.002, 0.5, 0.04]
R_BH = [0.035, 0.056, 0.056, 0.233333333333333, 0.014, 0.5, 0.056]
R_HOLM = [0.06, 0.16, 0.15, 0.4, 0.014, 0.5, 0.16]
R_TWO_PROP = 0.15312745101967  # prop.test(c(12, 18), c(30, 70), correct = FALSE)


def _weighted() -> pd.DataFrame:
    return pd.DataFrame({"cl": CL, "w": W, "y": ["yes" if v else "no" for v in Y]})


# --- #15 item 6: weighted interval as R survey::svymean -------------------------------
def test_weighted_index_interval_matches_r_svymean():
    table, _ = profile(_weighted(), "cl", BASE, "cl", "hh", weight_col="w", min_count=0)
    t = table.set_index("cluster")
    worst = 0.0
    for code, (p, se, low, high) in R_SHARE.items():
        assert t.loc[code, "pct"] == pytest.approx(100 * p, rel=1e-12)
        implied_se = p * math.log(t.loc[code, "index_high"] / t.loc[code, "index"]) / Z95
        assert implied_se == pytest.approx(se, rel=1e-10)
        assert t.loc[code, "index_low"] == pytest.approx(low, rel=1e-10)
        assert t.loc[code, "index_high"] == pytest.approx(high, rel=1e-10)
        worst = max(worst, abs(t.loc[code, "index_low"] - low), abs(t.loc[code, "index_high"]
                                                                    - high))
    assert worst < 1e-8


def test_weighted_indicator_block_is_an_r_domain():
    table, _ = profile(_weighted(), "cl", BASE, "cl", "hh", indicator_cols=["y"],
                       weight_col="w", min_count=0)
    t = table[table["indicator"] == "y=yes"].set_index("cluster")
    for code, (p, se) in R_DOMAIN.items():
        assert t.loc[code, "pct"] == pytest.approx(100 * p, rel=1e-12)
        implied_se = p * math.log(t.loc[code, "index_high"] / t.loc[code, "index"]) / Z95
        assert implied_se == pytest.approx(se, rel=1e-10)


def test_weighted_rates_match_r_svyby():
    rates, info = group_rates(_weighted(), "cl", "y", weight_col="w", method="wald",
                              min_count=0)
    r = rates.set_index("cluster")
    for code, (p, se, low, high) in R_RATE.items():
        assert r.loc[code, "rate"] == pytest.approx(100 * p, rel=1e-12)
        assert (r.loc[code, "rate"] - r.loc[code, "rate_low"]) / 100 / Z95 == pytest.approx(
            se, rel=1e-10)
        assert r.loc[code, "rate_low"] == pytest.approx(100 * low, rel=1e-10)
        assert r.loc[code, "rate_high"] == pytest.approx(min(100.0, 100 * high), rel=1e-10)
    assert info["area"]["cl"]["rate"] == pytest.approx(100 * R_RATE_ALL, rel=1e-12)
    for code, p_value in R_VS_REST.items():
        assert r.loc[code, "p_value"] == pytest.approx(p_value, rel=1e-10)
    assert r["area_rate"].tolist() == pytest.approx([100 * R_RATE_ALL] * 3)


# --- #15 item 3: intervals that hold at zero and full cells ---------------------------
def _records(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"cl": [c for c, n in counts.items() for _ in range(n)]})


@pytest.mark.parametrize("interval", ["log", "wilson", "exact"])
def test_zero_cell_against_large_expectation_is_significant(interval):
    base = pd.DataFrame({"cl": ["1", "2", "3"], "hh": [250, 250, 500]})  # 3 expects half
    table, info = profile(_records({"1": 60, "2": 40}), "cl", base, "cl", "hh", min_count=0,
                          interval=interval)
    zero = table.set_index("cluster").loc["3"]
    assert zero["count"] == 0 and zero["index"] == 0
    assert zero["index_low"] == 0 and 0 < zero["index_high"] < 100
    assert zero["significant"] and zero["p_value"] < 1e-10
    if interval != "exact":  # Wilson upper bound z²/(n + z²), as an index
        assert zero["index_high"] == pytest.approx(100 * Z95**2 / (100 + Z95**2) / 0.5)


@pytest.mark.parametrize("interval", ["log", "wilson", "exact"])
def test_full_cell_has_an_interval_of_positive_width(interval):
    base = pd.DataFrame({"cl": ["1", "2"], "hh": [500, 500]})
    table, _ = profile(_records({"1": 12}), "cl", base, "cl", "hh", min_count=0,
                       interval=interval)
    full = table.set_index("cluster").loc["1"]
    assert full["pct"] == 100 and full["index"] == 200
    assert full["index_low"] < full["index_high"]
    assert full["index_high"] == pytest.approx(200)  # the share cannot exceed 100 %
    assert 100 < full["index_low"] < 200 and full["significant"]
    empty = table.set_index("cluster").loc["2"]
    assert empty["index_low"] == 0 and 0 < empty["index_high"] < 100


def test_share_intervals_and_p_values_match_r():
    for x, (wilson, score_p, cp, central_p) in R_BINOM.items():
        p = np.array([x / 20])
        var = p * (1 - p) / 20
        low, high, pv = share_interval(p, var, 20, 0.3, 0.95, "wilson")
        assert (low[0], high[0]) == pytest.approx(wilson, rel=1e-10, abs=1e-14)
        assert pv[0] == pytest.approx(score_p, rel=1e-9)
        low, high, pv = share_interval(p, var, 20, 0.3, 0.95, "exact")
        assert (low[0], high[0]) == pytest.approx(cp, rel=1e-10, abs=1e-14)
        assert pv[0] == pytest.approx(central_p, rel=1e-9)


@pytest.mark.parametrize("interval", ["log", "wilson", "exact"])
def test_flag_is_the_interval_excluding_100(interval):
    rng = np.random.default_rng(4)
    rec = pd.DataFrame({"cl": rng.choice(list("ABCDEFGH"), 300, p=[.3, .2, .1, .1, .1, .1,
                                                                   .05, .05])})
    base = pd.DataFrame({"cl": list("ABCDEFGH"), "hh": [1] * 8})
    table, _ = profile(rec, "cl", base, "cl", "hh", min_count=0, interval=interval)
    assert ((table["p_value"] < 0.05) == table["significant"]).all()
    assert (table["index_low"] <= table["index"]).all()
    assert (table["index"] <= table["index_high"]).all()


def test_unknown_interval_refused():
    from customer_segmentation.core.errors import SegmentationError

    with pytest.raises(SegmentationError, match="Unknown interval 'wald'"):
        profile(_records({"1": 5}), "cl", BASE.assign(cl=["1", "2", "3"]), "cl",
                interval="wald")


# --- #15 item 4: multiple testing ----------------------------------------------------
def test_adjusted_p_values_match_r_p_adjust():
    assert adjust_pvalues(R_PV, "bh").tolist() == pytest.approx(R_BH, rel=1e-12)
    assert adjust_pvalues(R_PV, "holm").tolist() == pytest.approx(R_HOLM, rel=1e-12)
    with_gaps = adjust_pvalues([np.nan, *R_PV, np.nan], "bh")
    assert np.isnan(with_gaps[0]) and np.isnan(with_gaps[-1])
    assert with_gaps[1:-1].tolist() == pytest.approx(R_BH)


def _naive_bh(p: np.ndarray) -> np.ndarray:
    m = len(p)
    rank = stats.rankdata(p, method="max")
    return np.array([min(1.0, min(m * p[j] / rank[j] for j in range(m) if p[j] >= p[i]))
                     for i in range(m)])


def _null_profile(seed: int, adjust: str = "bh", interval: str = "log"):
    rng = np.random.default_rng(seed)  # records drawn from the base mix: no real difference
    codes = [f"{a}{b}" for a in "123456" for b in "ab"]
    rec = pd.DataFrame({"grp": rng.choice(codes, 1500), "ch": rng.choice(["w", "p", "x"],
                                                                           1500)})
    rec["sg"] = rec["grp"].str[0]
    base = pd.DataFrame({"grp": codes, "sg": [c[0] for c in codes], "hh": 100})
    return profile(rec, ["sg", "grp"], base, ["sg", "grp"], "hh", ["ch"], min_count=5,
                   adjust=adjust, interval=interval)


def test_one_family_across_levels_indicators_and_clusters():
    table, info = _null_profile(11)
    tested = np.isfinite(table["p_value"].to_numpy(float))
    shown = ~table["suppressed"].astype(bool) & np.isfinite(table["index"])
    assert info["cells_tested"] == tested.sum() == shown.sum() == 4 * (6 + 12)
    p = table["p_value"].to_numpy(float)[tested]
    assert table["p_adjusted"].to_numpy(float)[tested] == pytest.approx(_naive_bh(p))
    assert (table.loc[tested, "p_adjusted"] >= table.loc[tested, "p_value"]).all()
    assert info["significant_raw"] == int(table["significant"].sum())
    assert info["significant_adjusted"] == int(table["significant_adjusted"].sum())
    holm, hinfo = _null_profile(11, "holm")
    assert (holm["p_adjusted"].fillna(0) >= table["p_adjusted"].fillna(0)).all()
    assert "Holm" in hinfo["adjust_method"] and "Benjamini" in info["adjust_method"]


def test_adjustment_controls_chance_flags_on_null_data():
    # 72 dependent tests per run (levels nested, 'all' the union of the channels), exact
    # p-values. Measured over 100 runs (log interval / exact): about 5 % of null cells flagged
    # unadjusted and a false flag somewhere in almost every run; with Holm a false flag in 12 %
    # / 6 % of runs: the normal approximations (log, Wilson) are too small in the far upper
    # tail of a skewed binomial, the exact test is not.
    raw_share, any_raw, any_bh, any_holm = [], 0, 0, 0
    for seed in range(40):
        _, info = _null_profile(seed, interval="exact")
        raw_share.append(info["significant_raw"] / info["cells_tested"])
        any_raw += info["significant_raw"] > 0
        any_bh += info["significant_adjusted"] > 0
        any_holm += _null_profile(seed, "holm", "exact")[1]["significant_adjusted"] > 0
    assert 0.02 < np.mean(raw_share) < 0.09  # about 5 % of null cells flagged unadjusted
    assert any_raw >= 30 and any_bh <= 6 and any_holm <= 5


def test_real_difference_survives_adjustment():
    rec = _records({"1": 80, "2": 10, "3": 10})
    base = pd.DataFrame({"cl": ["1", "2", "3"], "hh": [1, 1, 1]})
    table, info = profile(rec, "cl", base, "cl", "hh")
    assert table["significant_adjusted"].tolist() == [True, True, True]
    assert info["cells_tested"] == 3


def test_suppressed_cells_are_not_tested():
    rec = _records({"1": 40, "2": 3})
    base = pd.DataFrame({"cl": ["1", "2"], "hh": [1, 1]})
    table, info = profile(rec, "cl", base, "cl", "hh", min_count=5)
    two = table.set_index("cluster").loc["2"]
    if two["suppressed"]:  # whichever rule the disclosure control applies
        assert np.isnan(two["p_value"]) and np.isnan(two["p_adjusted"])
        assert not two["significant_adjusted"]
        assert info["cells_tested"] == int((~table["suppressed"].astype(bool)).sum())


# --- #15 item 5: representativeness --------------------------------------------------
def _exact_multinomial_p(obs: np.ndarray, probs: np.ndarray) -> float:
    n, exp = int(obs.sum()), obs.sum() * probs
    stat = ((obs - exp) ** 2 / exp).sum()
    total = 0.0
    for a in range(n + 1):
        for b in range(n - a + 1):
            x = np.array([a, b, n - a - b])
            if ((x - exp) ** 2 / exp).sum() >= stat * (1 - 1e-12):
                total += stats.multinomial.pmf(x, n, probs)
    return total


def test_small_survey_gets_monte_carlo_p_value_and_effect_size():
    # 12 respondents, every expected count below 5
    rec = _records({"1": 7, "2": 1, "3": 4})
    base = pd.DataFrame({"cl": ["1", "2", "3"], "hh": [300, 300, 400]})
    out, info = representativeness(rec, "cl", base, "cl", "hh")
    obs, probs = np.array([7, 1, 4]), np.array([0.3, 0.3, 0.4])
    exact = _exact_multinomial_p(obs, probs)
    assert info["small_expected"] == 3 and "Monte Carlo" in info["p_value_method"]
    assert info["p_value"] == pytest.approx(exact, abs=0.01)  # B = 20000
    assert info["p_value"] != pytest.approx(info["asymptotic_p_value"], abs=0.005)
    again, _ = representativeness(rec, "cl", base, "cl", "hh")
    assert representativeness(rec, "cl", base, "cl", "hh")[1]["p_value"] == info["p_value"]
    stat = info["statistic"]
    assert info["cramers_v"] == pytest.approx(math.sqrt(stat / (12 * 2)))
    assert info["largest_over"][0] == "1" and info["largest_under"][0] == "2"
    assert info["largest_over"][1] == pytest.approx(100 * 7 / 12 - 30)
    assert info["verdict"] in ("no evidence of difference", "evidence of difference")
    assert info["no_evidence_of_difference"] == (info["p_value"] >= 0.05)


def test_monte_carlo_p_is_seeded():
    obs, exp = np.array([5.0, 1, 0]), np.array([2.0, 2, 2])
    assert monte_carlo_p(obs, exp, 2000, 3) == monte_carlo_p(obs, exp, 2000, 3)
    assert 0 < monte_carlo_p(obs, exp, 2000, 3) < 0.2


def test_large_survey_reports_effect_size():
    rec = _records({"1": 4100, "2": 3000, "3": 2900})  # tiny difference, huge n
    base = pd.DataFrame({"cl": ["1", "2", "3"], "hh": [400, 300, 300]})
    _, info = representativeness(rec, "cl", base, "cl", "hh")
    assert info["p_value_method"] == "chi-square distribution"
    assert info["cramers_v"] < 0.02


# --- #13 item 5: within-group rates ---------------------------------------------------
def test_unweighted_rates_wilson_and_test_against_the_rest():
    rec = pd.DataFrame({"cl": ["A"] * 30 + ["B"] * 70,
                        "sat": ["Y"] * 12 + ["N"] * 18 + ["Y"] * 18 + ["N"] * 52})
    rates, info = group_rates(rec, "cl", "sat", min_count=0)
    a = rates.set_index("cluster").loc["A"]
    assert a["records"] == 30 and a["positive"] == 12 and a["rate"] == pytest.approx(40)
    centre = (0.4 + Z95**2 / 60) / (1 + Z95**2 / 30)
    half = Z95 / (1 + Z95**2 / 30) * math.sqrt(0.4 * 0.6 / 30 + Z95**2 / 3600)
    assert a["rate_low"] == pytest.approx(100 * (centre - half))
    assert a["rate_high"] == pytest.approx(100 * (centre + half))
    assert a["area_rate"] == pytest.approx(30) and a["difference"] == pytest.approx(10)
    assert a["p_value"] == pytest.approx(R_TWO_PROP, rel=1e-9)
    assert not a["significant"]
    assert info["cells_tested"] == 2


def test_rates_of_a_chosen_value_and_bad_fields():
    from customer_segmentation.core.errors import SegmentationError

    rec = pd.DataFrame({"cl": ["A"] * 10 + ["B"] * 10,
                        "how": ["Very satisfied"] * 9 + ["Fair"] + ["Fair"] * 8 + [None] * 2})
    rates, info = group_rates(rec, "cl", "how", positive="very satisfied", min_count=0)
    r = rates.set_index("cluster")
    assert r.loc["A", "rate"] == 90 and r.loc["B", "rate"] == 0 and r.loc["B", "records"] == 8
    assert r.loc["B", "rate_high"] > 0 and r.loc["A", "significant"]
    assert info["outcome_missing"] == 2
    with pytest.raises(SegmentationError, match="'how' is not a yes/no field"):
        group_rates(rec, "cl", "how")
    with pytest.raises(SegmentationError, match="No record of field 'how' has the value 'Good'"):
        group_rates(rec, "cl", "how", positive="Good")


def test_rates_small_groups_blank():
    rec = pd.DataFrame({"cl": ["A"] * 20 + ["B"] * 20 + ["C"] * 20,
                        "q": ["yes"] * 2 + ["no"] * 18 + (["yes"] * 10 + ["no"] * 10) * 2})
    rates, info = group_rates(rec, "cl", "q", min_count=5)
    a = rates.set_index("cluster").loc["A"]
    assert a["suppressed"] and np.isnan(a["rate"]) and np.isnan(a["p_value"])
    # A's two 'yes' would be the whole area's less B's and C's: one of them is hidden too.
    assert rates["suppressed"].sum() == 2 and info["cells_tested"] == 1


def test_exact_interval_is_clopper_pearson_in_profile():
    base = pd.DataFrame({"cl": ["1", "2"], "hh": [300, 700]})
    table, _ = profile(_records({"1": 3, "2": 17}), "cl", base, "cl", "hh", min_count=0,
                       interval="exact")
    one = table.set_index("cluster").loc["1"]
    (_, _), _, (lo, hi), central = R_BINOM[3]
    assert one["index_low"] == pytest.approx(100 * lo / 0.3, rel=1e-9)
    assert one["index_high"] == pytest.approx(100 * hi / 0.3, rel=1e-9)
    assert one["p_value"] == pytest.approx(central, rel=1e-9)


def test_every_pair_of_methods_agrees_in_the_middle():
    # for a cell far from 0 and 100 % the three intervals are close (large n)
    base = pd.DataFrame({"cl": ["1", "2"], "hh": [1, 1]})
    rec = _records({"1": 600, "2": 400})
    tables = {m: profile(rec, "cl", base, "cl", "hh", interval=m)[0] for m in
              ("log", "wilson", "exact")}
    for a, b in itertools.combinations(tables.values(), 2):
        assert a["index_low"].tolist() == pytest.approx(b["index_low"].tolist(), rel=0.01)
