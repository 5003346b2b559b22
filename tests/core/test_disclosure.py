"""The suppression rule of core.disclosure on small tables worked by hand (no QGIS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core import disclosure as d
from customer_segmentation.core.profile import profile, representativeness


def _determined(table: d.LinearTable, hidden: np.ndarray) -> list[int]:
    """Hidden cells an outsider can compute from the known relations (rank test)."""
    cols = list(np.flatnonzero(hidden))
    pos = {c: j for j, c in enumerate(cols)}
    a = np.zeros((len(table.equations), len(cols)))
    for r, (cells, coefs) in enumerate(table.equations):
        for c, co in zip(cells, coefs):
            if hidden[c]:
                a[r, pos[int(c)]] += co
    rank = np.linalg.matrix_rank(a)
    out = []
    for j, c in enumerate(cols):
        unit = np.zeros(len(cols))
        unit[j] = 1
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append(c)
    return out


def test_single_hidden_cell_in_a_row_gets_a_partner():
    hidden, prot = d.protect_counts([3, 10, 20, 40, 0], 5)
    # 3 alone would be the total (73) less the others: the smallest other count goes with it.
    assert hidden.tolist() == [True, True, False, False, False]
    assert prot.n_primary == 1 and prot.n_secondary == 1 and not prot.unprotected
    assert not prot.total_hidden


def test_zeros_are_shown_and_never_partners():
    hidden, prot = d.protect_counts([0, 2, 0, 30, 0, 8], 5)
    assert not hidden[[0, 2, 4]].any() and hidden[1] and hidden[5] and not hidden[3]
    assert d.primary_cells(np.array([0, 1, 4, 5]), 5).tolist() == [False, True, True, False]


def test_two_small_cells_pinned_by_their_total_get_a_third():
    # 1 + 1 with the total known and every hidden cell ≥ 1: both would be 1.
    hidden, prot = d.protect_counts([1, 1, 9, 30], 5)
    assert hidden.tolist() == [True, True, True, False]
    table = d.LinearTable([1, 1, 9, 30])
    total = int(table.add_cells([41], fixed=True)[0])
    table.add_sum(total, [0, 1, 2, 3])
    rng = d.ranges(table, np.r_[hidden, False])
    assert rng[0] == pytest.approx((1, 9)) and rng[2] == pytest.approx((1, 9))


def test_small_total_is_hidden_with_its_cells():
    hidden, prot = d.protect_counts([1, 2, 0], 5)
    assert hidden.tolist() == [True, True, False] and prot.total_hidden


def test_hierarchy_group_is_not_supergroup_less_the_other_group():
    # supergroup S1 = g1a (3) + g1b (12); S2 = g2a (20); group and supergroup totals known.
    table = d.LinearTable([3, 12, 20, 15, 20])
    g_total = int(table.add_cells([35], fixed=True)[0])
    s_total = int(table.add_cells([35], fixed=True)[0])
    table.add_sum(g_total, [0, 1, 2])
    table.add_sum(s_total, [3, 4])
    table.add_sum(3, [0, 1])
    table.add_sum(4, [2])
    prot = d.suppress(table, 5)
    hidden = prot.hidden | ~table.published
    assert hidden[0] and hidden.sum() >= 2
    assert _determined(table, hidden) == []
    # primary only (the old rule): g1a = S1 − g1b
    only = np.zeros(len(table.values), bool)
    only[0] = True
    assert _determined(table, only) == [0]


def _survey() -> pd.DataFrame:
    return pd.DataFrame({
        "sg": ["1"] * 30 + ["2"] * 25 + ["3"] * 9,
        "grp": ["1a"] * 18 + ["1b"] * 12 + ["2a"] * 25 + ["3a"] * 9,
        "quit": (["yes"] * 3 + ["no"] * 15 + ["yes"] * 6 + ["no"] * 6 + ["yes"] * 10
                 + ["no"] * 15 + ["yes"] * 4 + ["no"] * 5),
    })


def _areas() -> pd.DataFrame:
    return pd.DataFrame({"sg": ["1", "1", "2", "3"], "grp": ["1a", "1b", "2a", "3a"],
                         "hh": [300, 200, 400, 100]})


def test_profile_yes_no_and_levels_recover_nothing():
    rec = _survey()
    table, info = profile(rec, ["sg", "grp"], _areas(), ["sg", "grp"], "hh",
                          indicator_cols=["quit"], min_count=5)
    codes = pd.DataFrame({c: rec[c] for c in ("sg", "grp")})
    lt = d.profile_table(table.assign(records=_true_records(table, rec)), codes, rec[["quit"]])
    hidden = np.r_[table["suppressed"].to_numpy(bool),
                   ~lt.published[len(table):]]
    assert table["suppressed"].sum() > info["disclosure"].n_primary > 0
    # (cells past the table are the unpublished 'no value' counts: 0 here, known to be)
    assert [c for c in _determined(lt, hidden) if c < len(table)] == []
    for lo, hi in d.ranges(lt, hidden, list(np.flatnonzero(hidden[:len(table)]))).values():
        assert hi - lo >= 1
    # Every figure made from a hidden count is blank; the base stays.
    hid = table[table["suppressed"]]
    assert hid[["records", "count", "pct", "penetration", "index", "index_low",
                "index_high"]].isna().all().all()
    assert hid["base"].notna().all() and not hid["significant"].any()
    # 'quit=no' = 'all' − 'quit=yes' alone (primary-only) gave 3a's yes count away.
    yes3 = table[(table["level"] == "grp") & (table["indicator"] == "quit=yes")
                 & (table["cluster"] == "3a")]
    assert yes3["suppressed"].all()


def _true_records(table: pd.DataFrame, rec: pd.DataFrame) -> np.ndarray:
    out = []
    for r in table.itertuples():
        rows = rec[r.level] == r.cluster
        if r.indicator != "all":
            col, value = r.indicator.split("=", 1)
            rows &= rec[col] == value
        out.append(float(rows.sum()))
    return np.array(out)


def test_min_count_one_or_zero_hides_nothing():
    table, info = profile(_survey(), ["sg", "grp"], _areas(), ["sg", "grp"], "hh",
                          indicator_cols=["quit"], min_count=1)
    assert not table["suppressed"].any() and info["disclosure"].n_secondary == 0


def test_rounding_to_five_with_percentages_from_rounded_counts():
    assert d.round_base([0, 1, 2, 3, 7, 8, 12.5]).tolist() == [0, 0, 0, 5, 5, 10, 15]
    table, info = profile(_survey(), "sg", _areas(), "sg", "hh", disclosure="round")
    assert info["disclosure"].method == "round" and not table["suppressed"].any()
    assert table["count"].tolist() == [30, 25, 10]  # 9 → 10
    assert table["pct"].tolist() == pytest.approx([100 * c / 65 for c in (30, 25, 10)])
    assert table["penetration"].iloc[2] == pytest.approx(100 * 10 / 100)


def test_pooled_representativeness_does_not_depend_on_hidden_cells():
    areas = pd.DataFrame({"c": list("ABCDE"), "pop": [400, 300, 150, 100, 50]})

    def chi(split):
        rec = pd.DataFrame({"c": ["A"] * 40 + ["B"] * 30 + ["C"] * 12
                            + ["D"] * split[0] + ["E"] * split[1]})
        pooled = rec.assign(c=d.pool_hidden(rec["c"], ["D", "E"]))
        base = areas.assign(c=d.pool_hidden(areas["c"], ["D", "E"]))
        return representativeness(pooled, "c", base, "c", "pop")[1]["statistic"]

    assert chi((3, 6)) == pytest.approx(chi((6, 3)))  # only their sum (9) matters


def test_unknown_method_refused():
    with pytest.raises(ValueError, match="suppress, round"):
        d.check_method("blur")


def test_a_total_row_in_the_profile_is_its_block_total():
    rec = _survey()
    table, _ = profile(rec, "sg", _areas(), "sg", "hh", min_count=0)
    total = table.iloc[[0]].assign(cluster="Total", records=float(len(rec)),
                                   count=float(len(rec)))
    with_total = pd.concat([table, total], ignore_index=True)
    codes = pd.DataFrame({"sg": rec["sg"]})
    out, prot = d.protect_profile(with_total, codes, None, 10)
    # 9 (cluster 3) is small: a partner is hidden with it, never the Total row (64).
    assert out["suppressed"].tolist() == [False, True, True, False]
    assert out["count"].iloc[3] == 64 and prot.n_primary == 1


def test_indicator_with_missing_values_recovers_nothing():
    rec = _survey()
    rec.loc[[0, 20, 40, 60], "quit"] = None  # four records without an outcome
    table, info = profile(rec, ["sg", "grp"], _areas(), ["sg", "grp"], "hh",
                          indicator_cols=["quit"], min_count=5)
    codes = pd.DataFrame({c: rec[c] for c in ("sg", "grp")})
    lt = d.profile_table(table.assign(records=_true_records(table, rec)), codes,
                         rec[["quit"]].astype(object))
    assert (~lt.published).sum() > 0  # the unknown 'no value' counts per cluster
    hidden = np.r_[table["suppressed"].to_numpy(bool), ~lt.published[len(table):]]
    assert table["suppressed"].any()
    assert [c for c in _determined(lt, hidden) if c < len(table)] == []
