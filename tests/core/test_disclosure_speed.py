"""Secondary suppression stays fast by doing few linear programs (counted, never timed), and
the shortcuts that save them (kept solutions, cycles, the one-relation bound) never let a cell
through that the full LP audit would catch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core import disclosure as d
from customer_segmentation.core.profile import profile


def _grid_table(cells: np.ndarray) -> d.LinearTable:
    """The relations protect_grid builds: row totals, column totals, grand total."""
    return d.grid_table(cells)[0]


def _audit_by_lp(table: d.LinearTable, prot: d.Protection, hidden: np.ndarray) -> None:
    """Every primary cell safe and no secondary cell pinned, by the plain LP ``ranges``."""
    primary = list(np.flatnonzero(prot.primary))
    assert primary
    for cell, rng in d.ranges(table, hidden, primary).items():
        assert d._safe(rng, True, prot.min_count) or cell in prot.weak, (cell, rng)
    secondary = list(np.flatnonzero(prot.secondary))
    for cell, (lo, hi) in d.ranges(table, hidden, secondary).items():
        assert hi - lo >= 1 - 1e-6, (cell, lo, hi)


def test_composition_grid_needs_a_handful_of_lps():
    # 150 groups x 8 clusters, Poisson(6): about 350 small cells. The audit once took two LPs
    # per cell per try (over 10,000 LPs, half a minute); rectangles whose own cycle proves
    # the cell safe need none.
    cells = np.random.default_rng(1).poisson(6, (150, 8))
    hidden, rows, prot = d.protect_grid(cells, 5)
    assert prot.n_primary > 300 and not prot.unprotected and not prot.weak
    assert prot.lp_solves <= 10
    assert prot.n_secondary < prot.n_primary  # rectangles share their corners
    assert not rows.any()


@pytest.mark.parametrize("shape,lam,seed", [((40, 6), 6, 1), ((25, 5), 3, 2), ((20, 10), 2, 3)])
def test_grid_pattern_passes_the_full_lp_audit(shape, lam, seed):
    cells = np.random.default_rng(seed).poisson(lam, shape)
    hidden, rows, prot = d.protect_grid(cells, 5)
    table = _grid_table(cells)
    full = np.r_[hidden.ravel(), rows, np.zeros(shape[1] + 1, bool)]
    assert (full == prot.hidden).all()
    assert not prot.unprotected
    _audit_by_lp(table, prot, full)


def _survey(seed: int = 1, records: int = 3000) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    sg = rng.integers(1, 9, records)
    grp = [f"{s}{chr(96 + g)}" for s, g in zip(sg, rng.integers(1, 4, records))]
    rec = pd.DataFrame({"sg": sg.astype(str), "grp": grp})
    for f in range(3):
        v = rng.choice(["a", "b", "c", "d", "e"], records, p=[5 / 15, 4 / 15, 3 / 15,
                                                               2 / 15, 1 / 15])
        rec[f"q{f}"] = pd.Series(v).where(rng.random(records) > 0.05)
    areas = rec[["sg", "grp"]].drop_duplicates().reset_index(drop=True)
    areas["hh"] = rng.integers(100, 1000, len(areas))
    return rec, areas


def test_profile_two_levels_three_indicators_few_lps_and_sound(monkeypatch):
    seen = {}
    real = d.suppress

    def keep(table, min_count, *args, **kwargs):
        prot = real(table, min_count, *args, **kwargs)
        seen.update(table=table, hidden=prot.hidden.copy(), prot=prot)
        return prot

    monkeypatch.setattr(d, "suppress", keep)
    rec, areas = _survey()
    table, info = profile(rec, ["sg", "grp"], areas, ["sg", "grp"], "hh",
                          indicator_cols=["q0", "q1", "q2"], min_count=5)
    prot = seen["prot"]
    assert prot.n_primary > 0 and prot.n_secondary > 0 and not prot.unprotected
    # 512 rows: a few dozen LPs (the one-cell-at-a-time audit needed hundreds).
    assert prot.lp_solves <= 60
    lt, hidden = seen["table"], seen["hidden"] | ~seen["table"].published
    primary = d.primary_cells(lt.values, 5) & lt.published
    full = d.Protection(d.SUPPRESS, 5, hidden, primary, hidden & lt.published & ~primary,
                        weak=prot.weak)
    _audit_by_lp(lt, full, hidden)
    assert table["suppressed"].sum() == prot.n_primary + prot.n_secondary


def test_one_relation_bound_never_below_the_lp():
    # The bound that spares an LP must be an upper bound of the LP's highest value, or a cell
    # could be refused a partner it does not need, or (worse, if used to pass) let through.
    rng = np.random.default_rng(7)
    for _ in range(5):
        cells = rng.poisson(3, (8, 5))
        table = _grid_table(cells)
        primary = d.primary_cells(table.values, 5) & table.published
        hidden = primary | (rng.random(len(table.values)) < 0.3) & table.published
        audit = d._Audit(table, hidden, primary, 5)
        for cell in np.flatnonzero(primary):
            assert audit.bound(int(cell)) >= audit.high(int(cell)) - 1e-6


def test_a_kept_solution_must_satisfy_every_relation():
    cells = np.array([[2, 6, 7], [6, 8, 9], [7, 9, 1]])
    table = _grid_table(cells)
    primary = d.primary_cells(table.values, 5) & table.published
    hidden = primary.copy()
    hidden[[1, 3, 4]] = True  # the rectangle of cell 0
    audit = d._Audit(table, hidden, primary, 5)
    wrong = table.values.copy()
    wrong[0] += 3  # the row total no longer adds up
    assert not audit.add_point(wrong)
    assert not audit.proven(0)
    assert audit.try_cycle([0, 1, 3, 4], [1, -1, -1, 1]) and audit.proven(0)
    hidden[4] = False  # the cycle moved cell 4: shown again, the solution no longer holds
    assert not audit.proven(0)


def test_progress_is_reported_and_cancel_stops():
    cells = np.random.default_rng(2).poisson(4, (30, 6))
    calls = []
    d.protect_grid(cells, 5, progress=lambda f: calls.append(f) or False)
    assert calls[0] == 0 and calls[-1] == 1 and calls == sorted(calls)
    with pytest.raises(d.Cancelled):
        d.protect_grid(cells, 5, progress=lambda f: f > 0.2)
