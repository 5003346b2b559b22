"""The outcome rates table cannot be differenced: a group blanked for a small count is not
given back by the whole area's rate and records less the other groups, or by the other level."""

from __future__ import annotations

import numpy as np
import pandas as pd

from customer_segmentation.core.group_rates import group_rates


def _records(spec: dict[str, tuple[int, int]], parent: dict[str, str] | None = None):
    rows = []
    for code, (yes, no) in spec.items():
        rows += [{"g": code, "quit": "yes"}] * yes + [{"g": code, "quit": "no"}] * no
    df = pd.DataFrame(rows)
    if parent:
        df["s"] = df["g"].map(parent)
    return df


def _recover(out: pd.DataFrame, info: dict, level: str) -> dict:
    """The attacker: each hidden group's records and positives from the whole area less the
    visible groups (exact when one group is hidden at that level)."""
    block = out[out["level"] == level]
    hidden = block[block["suppressed"]]
    shown = block[~block["suppressed"]]
    if len(hidden) != 1:
        return {}
    area = info["area"][level]
    records = area["records"] - shown["records"].sum()
    positives = area["rate"] / 100 * area["records"] - shown["positive"].sum()
    return {hidden["cluster"].iloc[0]: (round(records), round(positives))}


def test_a_small_no_count_is_not_given_back_by_the_whole_area():
    df = _records({"A": (48, 2), "B": (25, 25), "C": (20, 20)})
    out, info = group_rates(df, ["g"], "quit", "yes", min_count=5)
    assert out["suppressed"].sum() >= 2, out
    assert _recover(out, info, "g") == {}
    shown = out[~out["suppressed"]]
    assert np.isfinite(shown["rate"]).all()


def test_a_hidden_group_is_not_its_supergroup_less_its_sibling():
    parent = {"A1": "A", "A2": "A", "B1": "B", "B2": "B"}
    df = _records({"A1": (30, 30), "A2": (27, 3), "B1": (20, 20), "B2": (25, 25)}, parent)
    out, _ = group_rates(df, ["s", "g"], "quit", "yes", min_count=5)
    hidden = set(out.loc[out["suppressed"], "cluster"])
    assert "A2" in hidden
    # A2 = A − A1 would give it back: A or A1 must be hidden too.
    assert hidden & {"A", "A1"}, out
