"""Disclosure control that holds: primary and secondary (complementary) cell suppression, or
rounding to a base, for every table that counts people or records (no QGIS here).

The rule (README, "Disclosure control")
---------------------------------------
* A published cell counting 1 to ``min_count − 1`` records is a **primary** cell and is hidden.
  A true zero is shown as 0: it discloses nothing about a person (the ONS rule).
* Every linear relation an outsider knows between the cells of one run's outputs is written
  down: the margins (the total of a table is the sum of its cells, and a visible count with its
  percentage gives the total), the hierarchy (a supergroup is the sum of its groups), the
  indicator values (``yes + no (+ missing) = all``) and the totals shared by several tables.
* The output is **audited** as an attacker would attack it (linear programming on those
  relations, every visible figure fixed, every hidden cell ≥ 1 since zeros are shown): the range
  of each hidden primary cell must reach ``min_count`` (an outsider cannot even tell that it is
  small), and no primary cell may be pinned (its range spans at least two whole numbers). Zeros
  are never hidden to widen a range: where only zeros are left (a margin of 5 made of a 2 and a
  3), a range that is not pinned is accepted (``weak``: the outsider knows the cells are small,
  not their values); a cell that would be pinned gets a zero hidden with it.
* Where a cell fails, a **secondary** cell is hidden with it: the cheapest visible cell (non-zero
  first, smallest count: least information lost, as τ-ARGUS's cell-value cost) sharing a
  relation with it or with the hidden cells linked to it, preferring one that makes the cell
  safe on its own; then the audit is repeated. Hiding more cells only widens the ranges, so a
  cell that passed stays passed and the loop ends. Secondary cells that the relations pin
  anyway (they protect nothing) are shown again at the end.
* Every figure derived from a hidden count (percentage, penetration, index, interval, sum,
  rate, significance) is hidden with it.

Rounding (``method = "round"``) rounds every count, and every total independently, to the
nearest multiple of ``base`` (5), and computes percentages and the like from the rounded counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import RunCancelled

SUPPRESS = "suppress"
ROUND = "round"
METHODS = (SUPPRESS, ROUND)
ROUND_BASE = 5
_TOL = 1e-6

RULE = (
    "cells of 1 to {m} records are hidden (primary); true zeros are shown as 0 (not "
    "disclosive); further cells are hidden (secondary) until no hidden count can be worked out "
    "from the margins, the hierarchy levels, the indicator values or the percentages shown"
)


class Cancelled(RunCancelled):
    """Raised when a ``progress`` callback asks to stop."""


_PROGRESS: ContextVar[Callable[[float], bool] | None] = ContextVar("disclosure_progress",
                                                                    default=None)


@contextmanager
def reporting(progress: Callable[[float], bool] | None) -> Iterator[None]:
    """Within the block, every suppression (however deep in the call, e.g. inside
    ``core.profile.profile``) calls ``progress(fraction done)``; a True answer stops it with
    :class:`Cancelled`."""
    token = _PROGRESS.set(progress)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@dataclass
class Protection:
    """What was hidden: ``hidden`` (published cells blanked), ``primary``, ``secondary`` and
    ``unprotected`` (cells the audit could not protect, normally none)."""

    method: str
    min_count: float
    hidden: np.ndarray
    primary: np.ndarray
    secondary: np.ndarray
    unprotected: list = field(default_factory=list)
    base: int = ROUND_BASE
    total_hidden: bool = False  # the table's total is itself a small count
    weak: list = field(default_factory=list)  # ranges kept below min_count by a small margin
    lp_solves: int = 0  # linear programs the audit solved (its cost)

    @property
    def n_primary(self) -> int:
        return int(self.primary.sum())

    @property
    def n_secondary(self) -> int:
        return int(self.secondary.sum())

    def summary(self) -> str:
        """One line for the log."""
        if self.method == ROUND:
            return (f"Disclosure control: counts rounded to the nearest {self.base}, percentages "
                    f"and rates from the rounded counts.")
        if self.min_count <= 1:
            return f"Disclosure control: off (minimum count {self.min_count:g})."
        text = (f"Disclosure control: {self.n_primary} cell(s) of 1 to {self.min_count - 1:g} "
                f"records hidden (primary), {self.n_secondary} more hidden so that they cannot "
                f"be worked out from the totals, levels and indicator values (secondary); zeros "
                f"are shown as 0.")
        if self.unprotected:
            text += f" {len(self.unprotected)} cell(s) could not be protected."
        return text

    def info(self) -> dict:
        return {"method": self.method, "min_count": self.min_count,
                "primary_cells": self.n_primary, "secondary_cells": self.n_secondary,
                "suppressed_cells": int(self.hidden.sum()),
                "unprotected_cells": len(self.unprotected), "base": self.base}


class LinearTable:
    """Cells (their true counts) and the linear relations an outsider knows between them.

    ``published``: cells that appear in an output (others, such as records with a missing
    indicator in one cluster, are unknown to the outsider and never primary). A relation
    ``Σ coef·cell`` is *known*: its value is taken from the true counts.
    """

    def __init__(self, values: Sequence[float], published: Sequence[bool] | None = None):
        self.values = np.asarray(values, dtype=float)
        n = len(self.values)
        self.published = np.ones(n, bool) if published is None else np.asarray(published, bool)
        self.fixed = np.zeros(n, bool)  # shown whatever happens (a total the output gives away)
        self.equations: list[tuple[np.ndarray, np.ndarray]] = []

    def add_cells(self, values: Sequence[float], published: bool = True,
                  fixed: bool = False) -> np.ndarray:
        """Append cells; return their positions. ``fixed``: a published total that the output
        gives away anyway (a visible count with its percentage): hidden only when it is
        itself small, never as a secondary cell."""
        start = len(self.values)
        self.values = np.concatenate([self.values, np.asarray(values, dtype=float)])
        self.published = np.concatenate([self.published, np.full(len(values), published)])
        self.fixed = np.concatenate([self.fixed, np.full(len(values), fixed)])
        return np.arange(start, len(self.values))

    def add_relation(self, cells: Sequence[int], coefs: Sequence[float]) -> None:
        cells, coefs = np.asarray(cells, dtype=int), np.asarray(coefs, dtype=float)
        if len(cells) > 1:
            self.equations.append((cells, coefs))

    def add_sum(self, total: int, parts: Sequence[int]) -> None:
        """``total = Σ parts`` (a margin, a parent level, an 'all' indicator)."""
        parts = [p for p in parts if p != total]
        self.add_relation([total, *parts], [1.0, *([-1.0] * len(parts))])


def primary_cells(values: np.ndarray, min_count: float) -> np.ndarray:
    """Counts from 1 (any positive count) to below ``min_count``; zeros are not disclosive."""
    values = np.asarray(values, dtype=float)
    return (values > _TOL) & (values < min_count - _TOL)


def _components(table: LinearTable, hidden: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Groups of hidden cells linked through relations: (cells, equation positions)."""
    parent = {int(i): int(i) for i in np.flatnonzero(hidden)}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    eq_of: dict[int, list[int]] = {}
    for k, (cells, _) in enumerate(table.equations):
        h = [int(c) for c in cells if hidden[c]]
        for c in h[1:]:
            parent[find(c)] = find(h[0])
        if h:
            eq_of.setdefault(h[0], []).append(k)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in parent:
        groups.setdefault(find(i), ([], []))[0].append(i)
    for first, eqs in eq_of.items():
        groups[find(first)][1].extend(eqs)
    return list(groups.values())


def ranges(table: LinearTable, hidden: np.ndarray,
           cells: Sequence[int] | None = None) -> dict[int, tuple[float, float]]:
    """The attacker's range [low, high] of each hidden cell (of ``cells``, default all): the
    known relations with every visible cell fixed, hidden published non-zero cells ≥ 1, other
    hidden cells ≥ 0 (linear programming, as τ-ARGUS audits a pattern)."""
    from scipy.optimize import linprog

    want = set(np.flatnonzero(hidden) if cells is None else cells)
    out: dict[int, tuple[float, float]] = {}
    for comp_cells, eqs in _components(table, hidden):
        todo = [c for c in comp_cells if c in want]
        if not todo:
            continue
        pos = {c: j for j, c in enumerate(comp_cells)}
        lower = np.array([1.0 if table.published[c] and table.values[c] > _TOL else 0.0
                          for c in comp_cells])
        if not eqs:
            for c in todo:
                out[c] = (lower[pos[c]], np.inf)
            continue
        a = np.zeros((len(eqs), len(comp_cells)))
        b = np.zeros(len(eqs))
        for r, k in enumerate(eqs):
            cells_k, coefs = table.equations[k]
            b[r] = float(coefs @ table.values[cells_k])
            for c, co in zip(cells_k, coefs):
                if hidden[c]:
                    a[r, pos[int(c)]] += co
                else:
                    b[r] -= co * table.values[c]
        if len(eqs) == 1:  # one relation (a list with its total): the range in closed form
            for c in todo:
                out[c] = _one_relation(a[0], b[0], lower, pos[c])
            continue
        bounds = [(lo, None) for lo in lower]
        for c in todo:
            cost = np.zeros(len(comp_cells))
            cost[pos[c]] = 1.0
            lo = linprog(cost, A_eq=a, b_eq=b, bounds=bounds, method="highs")
            hi = linprog(-cost, A_eq=a, b_eq=b, bounds=bounds, method="highs")
            low = lo.fun if lo.status == 0 else lower[pos[c]]
            high = -hi.fun if hi.status == 0 else np.inf  # status 3: unbounded
            out[c] = (float(low), float(high))
    return out


def _one_relation(a: np.ndarray, b: float, lower: np.ndarray, i: int) -> tuple[float, float]:
    """Range of x_i under Σ a_j x_j = b, x_j ≥ lower_j (what the LP gives, without it)."""
    others = np.flatnonzero((a != 0) & (np.arange(len(a)) != i))
    if a[i] == 0:
        return lower[i], np.inf
    rest = float(b - a[others] @ lower[others]) / a[i]  # x_i with the others at their bounds
    same = (a[others] * a[i] > 0).any()  # raising one of them lowers x_i
    opposite = (a[others] * a[i] < 0).any()  # raising one of them raises x_i
    high = np.inf if opposite else rest
    low = lower[i] if same else max(lower[i], rest)
    return float(low), float(high)


def _safe(rng: tuple[float, float], primary: bool, min_count: float) -> bool:
    """Not pinned (two values at least apart by one), and for a primary cell the range reaches
    ``min_count``: an outsider cannot even tell that the cell is small."""
    low, high = rng
    if high - low < 1 - _TOL:
        return False
    return not primary or high >= min_count - _TOL


def _key(table: LinearTable, c: int, hidden: np.ndarray, eq_of: list[list[int]]) -> tuple:
    """Cost of hiding ``c``: non-zero cells first, then the smallest count, then the cell in
    most relations that already hold hidden cells."""
    links = sum(1 for e in eq_of[c] if hidden[table.equations[e][0]].any())
    return (table.values[c] <= _TOL, table.values[c], -links, c)


def _candidates(table: LinearTable, cells: Sequence[int], hidden: np.ndarray,
                eq_of: list[list[int]], audit: _Audit | None = None) -> list[int]:
    """Visible published cells sharing a relation with ``cells``, cheapest first (``_key``)."""
    if audit is None:
        found = {int(c) for cell in cells for k in eq_of[cell] for c in table.equations[k][0]
                 if not hidden[c] and table.published[c] and not table.fixed[c]}
        return sorted(found, key=lambda c: _key(table, c, hidden, eq_of))
    eqs = np.unique(np.concatenate([audit.mc.indices[audit.mc.indptr[c]:audit.mc.indptr[c + 1]]
                                    for c in cells]))
    if not len(eqs):
        return []
    found = np.unique(audit.m[eqs].indices)
    found = found[~hidden[found] & table.published[found] & ~table.fixed[found]]
    if not len(found):
        return []
    with_hidden = (audit.pattern @ hidden.astype(float)) > 0  # relations holding hidden cells
    links = audit.pattern[:, found].T @ with_hidden.astype(float)
    v = table.values[found]
    order = np.lexsort((found, -links, v, v <= _TOL))
    return [int(c) for c in found[order]]


class _Audit:
    """The attacker's LP audit of one table as cells get hidden, made cheap by certificates.

    A primary cell is safe when some solution of the relations (visible cells fixed, hidden
    cells at or above their bounds) gives it ``min_count`` or more: every solution the audit
    meets (an LP optimum, or a cycle of a two-way table, checked against every relation) is
    kept, and stays a solution while the cells it moves stay hidden (hiding more cells only
    adds solutions). A cell is sent to an LP only when no kept solution proves it safe; the
    LPs are solved on its component of linked hidden cells, capped at the level sought, and
    one LP tries to lift all the unproven cells of a component at once first."""

    def __init__(self, table: LinearTable, hidden: np.ndarray, primary: np.ndarray,
                 min_count: float):
        from scipy import sparse

        self.table, self.hidden, self.primary, self.min_count = table, hidden, primary, min_count
        v = table.values
        n = len(v)
        eqs = table.equations
        if eqs:
            rows = np.concatenate([np.full(len(c), k) for k, (c, _) in enumerate(eqs)])
            cols = np.concatenate([c for c, _ in eqs])
            data = np.concatenate([co for _, co in eqs])
        else:
            rows = cols = np.zeros(0, int)
            data = np.zeros(0)
        self.m = sparse.csr_matrix((data, (rows, cols)), shape=(len(eqs), n))
        self.mc = self.m.tocsc()
        self.pattern = (self.mc != 0).astype(float)  # cell in relation (columns: cells)
        coo = self.m.tocoo()
        self._er, self._ec = coo.row, coo.col
        self.b = self.m @ v
        self.lower = np.where(table.published & (v > _TOL), 1.0, 0.0)
        self.target = np.where(primary, np.maximum(min_count, v + 1), v + 1)
        self.points: list[np.ndarray] = []  # cells each kept solution moves
        self.reach: dict[int, list[int]] = {}  # primary cell → solutions lifting it to target
        self.moves: dict[int, list[int]] = {}  # cell → solutions moving it by one or more
        self.lp_solves = 0
        self._highs: dict[tuple[int, bytes], float] = {}  # check's highest values
        self._key = None
        self._labels = np.zeros(0, int)

    # kept solutions -------------------------------------------------------------------
    def add_point(self, x: np.ndarray) -> bool:
        """Keep ``x`` (every cell) if it satisfies every relation and bound."""
        v = self.table.values
        moved = np.flatnonzero(np.abs(x - v) > 1e-9)
        if not len(moved) or not self.hidden[moved].all():
            return False
        if (x[moved] < self.lower[moved] - _TOL).any():
            return False
        resid = self.mc[:, moved] @ (x[moved] - v[moved])
        if len(resid) and np.abs(resid).max() > 1e-5 * max(1.0, np.abs(self.b).max()):
            return False
        pid = len(self.points)
        self.points.append(moved)
        for c in moved[np.abs(x[moved] - v[moved]) >= 1 - _TOL]:
            self.moves.setdefault(int(c), []).append(pid)
        lifted = moved[self.primary[moved] & (x[moved] >= self.target[moved] - _TOL)]
        for c in lifted:
            self.reach.setdefault(int(c), []).append(pid)
        return True

    def _valid(self, pid: int) -> bool:
        return bool(self.hidden[self.points[pid]].all())

    def proven(self, cell: int) -> bool:
        """A kept solution lifts the primary ``cell`` to ``min_count`` (and by one at least)."""
        return any(self._valid(p) for p in self.reach.get(cell, ()))

    def unpinned(self, cell: int) -> bool:
        """A kept solution moves ``cell`` by one or more: its range spans two whole numbers."""
        return any(self._valid(p) for p in self.moves.get(cell, ()))

    def try_cycle(self, cells: Sequence[int], signs: Sequence[float]) -> bool:
        """Keep the solution that moves ``cells`` along ``signs`` as far as the bounds allow
        (a cycle of a two-way table), if every relation holds along it."""
        cells, signs = np.asarray(cells, int), np.asarray(signs, float)
        if not self.hidden[cells].all():
            return False
        down = signs < 0
        v = self.table.values
        step = float((v[cells][down] - self.lower[cells][down]).min()) if down.any() else 1.0
        if step <= _TOL or np.abs(self.mc[:, cells] @ signs).max(initial=0) > _TOL:
            return False
        x = v.copy()
        x[cells] += step * signs
        return self.add_point(x)

    # linear programs ----------------------------------------------------------------------
    def component(self, cell: int) -> tuple[np.ndarray, np.ndarray]:
        from scipy import sparse
        from scipy.sparse.csgraph import connected_components

        key = self.hidden.tobytes()
        n, e = self.m.shape[1], self.m.shape[0]
        if key != self._key:
            keep = self.hidden[self._ec]
            g = sparse.coo_matrix((np.ones(int(keep.sum())), (self._ec[keep],
                                                                n + self._er[keep])),
                                  shape=(n + e, n + e))
            self._labels = connected_components(g, directed=False)[1]
            self._key = key
        lab = self._labels
        cells = np.flatnonzero(self.hidden & (lab[:n] == lab[cell]))
        eqs = np.flatnonzero(lab[n:] == lab[cell])
        return cells, eqs

    def _system(self, cells: np.ndarray, eqs: np.ndarray):
        v = self.table.values
        sub = self.m[eqs]
        a = sub[:, cells]
        b = self.b[eqs] - sub @ np.where(self.hidden, 0.0, v)
        return a, b

    def _lp(self, cells, eqs, cost, upper=None, a_ub=None, extra=0, extra_upper=None):
        from scipy import sparse
        from scipy.optimize import linprog

        a, b = self._system(cells, eqs)
        lo = np.r_[self.lower[cells], self.lower[cells][:0] if not extra else
                   np.full(extra, -np.inf)]
        hi = np.full(len(cells), np.inf) if upper is None else upper
        if extra:
            hi = np.r_[hi, extra_upper]
            a = sparse.hstack([a, sparse.csr_matrix((a.shape[0], extra))]).tocsr()
        self.lp_solves += 1
        res = linprog(cost, A_eq=a, b_eq=b, A_ub=a_ub, b_ub=None if a_ub is None else
                      np.zeros(a_ub.shape[0]), bounds=np.column_stack([lo, hi]),
                      method="highs")
        if res.status == 0:
            x = self.table.values.copy()
            x[cells] = res.x[:len(cells)]
            self.add_point(x)
        return res

    def high(self, cell: int, cap: float = np.inf) -> float:
        """The attacker's highest value of ``cell`` (at most ``cap``)."""
        cells, eqs = self.component(cell)
        if not len(eqs):
            return np.inf
        j = int(np.searchsorted(cells, cell))
        cost = np.zeros(len(cells))
        cost[j] = -1.0
        upper = np.full(len(cells), np.inf)
        upper[j] = cap
        res = self._lp(cells, eqs, cost, upper)
        return float(res.x[j]) if res.status == 0 else np.inf  # 3: unbounded, 2: as before

    def low(self, cell: int) -> float:
        cells, eqs = self.component(cell)
        if not len(eqs):
            return float(self.lower[cell])
        j = int(np.searchsorted(cells, cell))
        cost = np.zeros(len(cells))
        cost[j] = 1.0
        res = self._lp(cells, eqs, cost)
        return float(res.x[j]) if res.status == 0 else float(self.lower[cell])

    def spans_one(self, cell: int) -> bool:
        """Does the range of ``cell`` span two whole numbers (not pinned)? The highest value
        that ``check`` found under the same hidden cells is reused."""
        if self.unpinned(cell):
            return True
        top = float(self.table.values[cell] + 1)
        high = self._highs.get((cell, self.hidden.tobytes()))
        if high is None or not (high >= top - _TOL or high < self.target[cell] - _TOL):
            high = self.high(cell, top)  # (else: exact below the cap, or past value + 1)
        if high >= top - _TOL:
            return True
        return high - self.low(cell) >= 1 - _TOL

    def range(self, cell: int) -> tuple[float, float]:
        return self.low(cell), self.high(cell)

    def bound(self, cell: int) -> float:
        """An upper bound on the attacker's highest value of ``cell`` without an LP: the
        least of its relations taken one at a time (``_one_relation``)."""
        v, hidden = self.table.values, self.hidden
        best = np.inf
        start, end = self.mc.indptr[cell], self.mc.indptr[cell + 1]
        for k in self.mc.indices[start:end]:
            lo_, hi_ = self.m.indptr[k], self.m.indptr[k + 1]
            cells, coefs = self.m.indices[lo_:hi_], self.m.data[lo_:hi_]
            hid = hidden[cells]
            rhs = float(self.b[k] - coefs[~hid] @ v[cells[~hid]])
            hc, ha = cells[hid], coefs[hid]
            i = int(np.flatnonzero(hc == cell)[0])
            best = min(best, _one_relation(ha, rhs, self.lower[hc], i)[1])
        return best

    def check(self, cell: int) -> bool:
        """Is the primary ``cell`` safe? (kept solutions, then the one-relation bound, then
        an LP capped at the level sought)."""
        if self.proven(cell):
            return True
        target = float(self.target[cell])
        if self.bound(cell) < self.min_count - _TOL:
            return False
        high = self.high(cell, target)
        if len(self._highs) > 256:
            self._highs.clear()
        self._highs[(cell, self.hidden.tobytes())] = high
        if high >= target - _TOL:
            return True
        if high < self.min_count - _TOL:
            return False
        return _safe((self.low(cell), high), True, self.min_count)

    def lift_all(self, todo: Sequence[int], rounds: int = 4) -> None:
        """One LP per component lifting as many of ``todo`` as it can to their target at once
        (maximise Σ min(cell, target)); repeated while it proves more."""
        from scipy import sparse

        for _ in range(rounds):
            left = [int(c) for c in todo if not self.proven(int(c))]
            if not left:
                return
            progress = False
            done: set[int] = set()
            for c in left:
                if c in done:
                    continue
                cells, eqs = self.component(c)
                mine = [d for d in left if d not in done and self._labels[d] == self._labels[c]]
                done.update(mine)
                if not len(eqs):
                    continue
                pos = np.searchsorted(cells, mine)
                k = len(mine)
                cost = np.r_[np.zeros(len(cells)), -np.ones(k)]
                a_ub = sparse.hstack([sparse.csr_matrix((-np.ones(k), (np.arange(k), pos)),
                                                        shape=(k, len(cells))),
                                      sparse.identity(k, format="csr")]).tocsr()
                before = sum(self.proven(d) for d in mine)
                self._lp(cells, eqs, cost, a_ub=a_ub, extra=k,
                         extra_upper=self.target[mine])
                if sum(self.proven(d) for d in mine) > before:
                    progress = True
            if not progress:
                return


def _partner(table: LinearTable, cell: int, hidden: np.ndarray, eq_of: list[list[int]],
             audit: _Audit, tries: int = 12, zeros: bool = False) -> int:
    """The cell to hide next for ``cell`` (-1: none). The cheapest candidate that makes
    ``cell`` safe on its own wins (searched among the relations of ``cell`` and of the hidden
    cells linked to it); otherwise the cheapest neighbour of ``cell`` (then the loop goes on)."""
    group = [int(c) for c in audit.component(cell)[0]]  # cell and the hidden cells linked
    found = _candidates(table, group, hidden, eq_of, audit)
    nonzero = [c for c in found if table.values[c] > _TOL]
    if not nonzero and not zeros:
        return -1
    pool = (nonzero or found)[:tries]  # a zero is hidden only when nothing else is left
    if len(pool) > 1:  # none of them alone can do what all of them together cannot
        hidden[pool] = True
        some = audit.check(cell)
        hidden[pool] = False
        if not some:
            pool = []
    for c in pool:
        hidden[c] = True
        ok = audit.check(cell)
        hidden[c] = False
        if ok:
            return c
    for cells in ([cell], group):
        near = _candidates(table, cells, hidden, eq_of, audit)
        if nonzero:
            near = [c for c in near if table.values[c] > _TOL]
        if near:
            return near[0]
    return -1


def _propose(cell: int, hidden: np.ndarray, proposer, audit: _Audit, tries: int = 6) -> bool:
    """Hide the first of ``proposer(cell, hidden)``'s sets of cells (cheapest first: the
    rectangles of a two-way table, as the hypercube method) that makes ``cell`` safe: first
    those whose own cycle proves it safe (no LP), then by LP among the ``tries`` cheapest."""
    options = list(proposer(cell, hidden))
    for cells, signs in options:
        new = [c for c in cells if not hidden[c]]
        hidden[new] = True
        if audit.try_cycle([cell, *cells], signs) and audit.proven(cell):
            return True
        hidden[new] = False
    for cells, _ in options[:tries]:
        new = [c for c in cells if not hidden[c]]
        hidden[new] = True
        if audit.check(cell):
            return True
        hidden[new] = False
    return False


def _show_pinned(table: LinearTable, hidden: np.ndarray, primary: np.ndarray,
                 audit: _Audit) -> None:
    """Show again the secondary cells that the relations pin anyway: hiding them protects
    nothing (a cell fixed in every solution adds no freedom), and the reader could compute
    them. Those pinned exactly are shown at once; those pinned to within one only if the
    primary cells all stay safe."""
    secondary = np.flatnonzero(hidden & table.published & ~primary)
    rng = {int(c): audit.range(int(c)) for c in secondary if not audit.unpinned(int(c))}
    exact = [c for c, (lo, hi) in rng.items() if hi - lo < _TOL]
    near = [c for c, (lo, hi) in rng.items() if _TOL <= hi - lo < 1 - _TOL]
    hidden[exact] = False
    if near:
        hidden[near] = False
        if not all(audit.check(int(c)) for c in np.flatnonzero(primary)):
            hidden[near] = True


def suppress(table: LinearTable, min_count: float, proposer=None,
             progress: Callable[[float], bool] | None = None) -> Protection:
    """Primary then secondary suppression of ``table`` (see the module docstring).

    ``proposer(cell, hidden)``: sets of cells to hide together with ``cell`` and the cycle
    each makes (``(cells, signs)``, signs for ``[cell, *cells]``), cheapest first.
    ``progress(fraction)`` (default: the one set by :func:`reporting`): called as primary
    cells are done; returning True cancels (:class:`Cancelled` is raised)."""
    if progress is None:
        progress = _PROGRESS.get()
    n = len(table.values)
    primary = primary_cells(table.values, min_count) & table.published
    hidden = primary | ~table.published
    eq_of: list[list[int]] = [[] for _ in range(n)]
    for k, (cells, _) in enumerate(table.equations):
        for c in cells:
            eq_of[int(c)].append(k)
    audit = _Audit(table, hidden, primary, min_count)
    unprotected, weak = [], []
    queue = [int(c) for c in np.flatnonzero(primary)]
    audit.lift_all(queue)  # one LP per component first: most cells pass at once
    for done, cell in enumerate(queue):
        if progress is not None and progress(done / max(len(queue), 1)):
            raise Cancelled("Disclosure control cancelled.")
        while True:
            if audit.proven(cell):
                break
            if proposer is not None and _propose(cell, hidden, proposer, audit):
                continue
            if audit.check(cell):
                break
            partner = _partner(table, cell, hidden, eq_of, audit)
            if partner < 0 and audit.spans_one(cell):
                # Only zeros are left to hide and the cell cannot be worked out: its range is
                # narrower than the rule asks (a small margin), but zeros stay shown.
                weak.append(cell)
                break
            if partner < 0:  # pinned: hide a zero rather than give a count away
                partner = _partner(table, cell, hidden, eq_of, audit, zeros=True)
            if partner < 0:
                unprotected.append(cell)
                break
            hidden[partner] = True
    _show_pinned(table, hidden, primary, audit)
    if progress is not None:
        progress(1.0)
    published_hidden = hidden & table.published
    prot = Protection(SUPPRESS, min_count, published_hidden, primary,
                      published_hidden & ~primary, unprotected, weak=weak)
    prot.lp_solves = audit.lp_solves
    return prot


def round_base(values, base: int = ROUND_BASE) -> np.ndarray:
    """Each count to the nearest multiple of ``base`` (halves up); missing stays missing."""
    values = np.asarray(values, dtype=float)
    return np.floor(values / base + 0.5) * base


def check_method(method: str) -> str:
    method = (method or SUPPRESS).lower()
    if method not in METHODS:
        raise ValueError(f"Disclosure method must be one of {', '.join(METHODS)}, not {method!r}.")
    return method


# --- tables as the outputs have them -------------------------------------------------------

_KEEP_PROFILE = ("level", "indicator", "cluster", "base", "base_pct", "suppressed")


def _blank(frame: pd.DataFrame, rows: np.ndarray, keep: Sequence[str]) -> None:
    """Blank every numeric or true/false column of ``rows`` except ``keep`` (text such as names
    and colours stays)."""
    if not rows.any():
        return
    for col in frame.columns:
        if col in keep:
            continue
        kind = frame[col].dtype.kind
        if kind == "b":
            frame[col] = frame[col].astype(object)
            frame.loc[rows, col] = None
        elif kind in "iuf":
            frame[col] = frame[col].astype(float)
            frame.loc[rows, col] = np.nan


def _nested(child: pd.Series, parent: pd.Series) -> dict | None:
    """child code → its one parent code, or None when a child has several parents."""
    both = pd.DataFrame({"c": child, "p": parent}).dropna()
    if both.empty:
        return None
    parents = both.groupby("c")["p"].nunique()
    if (parents > 1).any():
        return None
    return both.drop_duplicates("c").set_index("c")["p"].to_dict()


TOTAL_LABEL = "Total"


def profile_table(result: pd.DataFrame, level_codes: pd.DataFrame,
                  indicator_codes: pd.DataFrame | None = None,
                  total_label: str = TOTAL_LABEL) -> LinearTable:
    """The cells of a profile (every level and indicator together) and their relations.

    ``level_codes``: the records' cluster code at each level (columns = level names);
    ``indicator_codes``: the records' indicator values (columns = indicator fields). Cells: the
    profile's rows (their ``records``), a published total per (level, indicator) block, and
    per (level, indicator field, cluster) the unpublished count of records with no value. A
    row whose cluster is ``total_label`` is taken as its block's total (a Total row).
    """
    table = LinearTable(pd.to_numeric(result["records"], errors="coerce").fillna(0).to_numpy())
    levels = list(dict.fromkeys(result["level"]))
    row_of = {(lv, ind, cl): i for i, (lv, ind, cl) in
              enumerate(zip(result["level"], result["indicator"], result["cluster"]))}
    totals: dict[tuple, int] = {}
    is_total = (result["cluster"].astype(str) == total_label).to_numpy()
    for (lv, ind), block in result.groupby(["level", "indicator"], sort=False):
        cells = [i for i in block.index if not is_total[i]]
        shown = [i for i in block.index if is_total[i]]
        if shown:  # the table's own Total row
            t = int(shown[0])
            table.fixed[t] = True
        else:
            t = int(table.add_cells([table.values[cells].sum()], fixed=True)[0])
        table.add_sum(t, cells)
        totals[(lv, ind)] = t
    indicators = [i for i in dict.fromkeys(result["indicator"])]
    # The same indicator block at two levels covers (nearly) the same records: the difference
    # (records with a code at one level only) is printed in the log, so it is known.
    for ind in indicators:
        blocks = [totals[(lv, ind)] for lv in levels if (lv, ind) in totals]
        for other in blocks[1:]:
            table.add_relation([blocks[0], other], [1.0, -1.0])
    # Hierarchy: a parent cluster is the sum of its child clusters, in every indicator block.
    for i, upper in enumerate(levels):
        for lower in levels[i + 1:]:
            mapping = _nested(level_codes[lower], level_codes[upper])
            if not mapping:
                continue
            for ind in indicators:
                children: dict = {}
                for child, parent in mapping.items():
                    if (lower, ind, child) in row_of:
                        children.setdefault(parent, []).append(row_of[(lower, ind, child)])
                for parent, kids in children.items():
                    if (upper, ind, parent) in row_of:
                        table.add_sum(row_of[(upper, ind, parent)], kids)
    # Indicator values: all = Σ values + (records without a value: unpublished, total known).
    if indicator_codes is not None:
        for col in indicator_codes.columns:
            prefix = f"{col}="
            values = [ind for ind in indicators if str(ind).startswith(prefix)]
            missing = indicator_codes[col].isna().to_numpy()
            for lv in levels:
                codes = level_codes[lv]
                clusters = [cl for (l2, ind, cl) in row_of if l2 == lv and ind == "all"]
                miss_counts = [float(((codes == cl).to_numpy() & missing).sum())
                               for cl in clusters]
                if sum(miss_counts):  # unknown per cluster, their total in the log
                    miss_cells = [int(m) for m in table.add_cells(miss_counts, published=False)]
                    miss_total = [int(table.add_cells([sum(miss_counts)], fixed=True)[0])]
                    table.add_sum(miss_total[0], miss_cells)
                else:  # every record has a value: all = Σ values exactly
                    miss_cells, miss_total = [None] * len(clusters), []
                for cl, m in zip(clusters, miss_cells):
                    parts = [row_of[(lv, v, cl)] for v in values if (lv, v, cl) in row_of]
                    table.add_sum(row_of[(lv, "all", cl)], parts + ([] if m is None else [m]))
                if (lv, "all") in totals:
                    table.add_sum(totals[(lv, "all")],
                                  [*(totals[(lv, v)] for v in values if (lv, v) in totals),
                                   *miss_total])
    return table


def protect_profile(result: pd.DataFrame, level_codes: pd.DataFrame,
                    indicator_codes: pd.DataFrame | None, min_count: float,
                    method: str = SUPPRESS, base: int = ROUND_BASE
                    ) -> tuple[pd.DataFrame, Protection]:
    """A profile table made safe: secondary suppression over all its levels and indicators
    together, or every count rounded to ``base`` with the figures recomputed from them."""
    method = check_method(method)
    out = result.reset_index(drop=True).copy()
    if method == ROUND:
        out, prot = _round_profile(out, base)
        return out, prot
    table = profile_table(out, level_codes.reset_index(drop=True),
                          None if indicator_codes is None or indicator_codes.empty
                          else indicator_codes.reset_index(drop=True))
    prot = suppress(table, min_count) if min_count > 1 else Protection(
        SUPPRESS, min_count, np.zeros(len(table.values), bool),
        np.zeros(len(table.values), bool), np.zeros(len(table.values), bool))
    n = len(out)
    prot.hidden, prot.primary, prot.secondary = (prot.hidden[:n], prot.primary[:n],
                                                 prot.secondary[:n])
    _blank(out, prot.hidden, _KEEP_PROFILE)
    if "significant" in out.columns:
        out["significant"] = out["significant"].astype(object).where(~prot.hidden, False)
        out["significant"] = out["significant"].astype(bool)
    out["suppressed"] = prot.hidden
    return out, prot


def _round_profile(out: pd.DataFrame, base: int) -> tuple[pd.DataFrame, Protection]:
    """Counts rounded; pct, penetration, index and a binomial interval from the rounded counts;
    other figures made from exact counts are blanked."""
    from scipy import stats

    count = round_base(pd.to_numeric(out["count"], errors="coerce").to_numpy(float), base)
    records = round_base(pd.to_numeric(out["records"], errors="coerce").to_numpy(float), base)
    exact = pd.to_numeric(out["count"], errors="coerce")
    total = exact.groupby([out["level"], out["indicator"]], sort=False).transform("sum")
    total = round_base(total.to_numpy(float), base)
    b = pd.to_numeric(out["base"], errors="coerce").to_numpy(float)
    base_pct = pd.to_numeric(out["base_pct"], errors="coerce").to_numpy(float)
    weighted = not np.allclose(exact.fillna(0), pd.to_numeric(out["records"]).fillna(0))
    z = float(stats.norm.ppf(0.975))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(total > 0, count / total, np.nan)
        index = np.where(base_pct > 0, 100 * p * 100 / base_pct, np.nan)
        se = np.sqrt((1 - p) / count)
        low, high = index * np.exp(-z * se), index * np.exp(z * se)
        pen = np.where(b > 0, 100 * count / b, np.nan)
    keep = set(_KEEP_PROFILE)
    _blank(out, np.ones(len(out), bool), keep)
    out["records"], out["count"], out["pct"] = records, count, 100 * p
    out["penetration"], out["index"] = pen, index
    if not weighted:
        out["index_low"], out["index_high"] = low, high
        sig = ((low > 100) | (high < 100)) & np.isfinite(index) & (count > 0)
        out["significant"] = sig
    elif "significant" in out.columns:
        out["significant"] = False
    out["suppressed"] = False
    none = np.zeros(len(out), bool)
    return out, Protection(ROUND, 0, none, none, none, base=base)


def protect_counts(counts: Sequence[float], min_count: float, method: str = SUPPRESS,
                   base: int = ROUND_BASE) -> tuple[np.ndarray, Protection]:
    """One list of counts whose total is known (areas of a layer, clusters of a portrait):
    ``(hidden, protection)`` for suppression, ``(rounded counts, protection)`` for rounding."""
    method = check_method(method)
    counts = np.asarray(counts, dtype=float)
    if method == ROUND:
        none = np.zeros(len(counts), bool)
        return round_base(counts, base), Protection(ROUND, 0, none, none, none, base=base)
    table = LinearTable(np.nan_to_num(counts))
    total = int(table.add_cells([np.nansum(counts)], fixed=True)[0])
    table.add_sum(total, list(range(len(counts))))
    prot = _run(table, min_count)
    prot.total_hidden = bool(prot.hidden[total])
    n = len(counts)
    prot.hidden, prot.primary, prot.secondary = (prot.hidden[:n], prot.primary[:n],
                                                 prot.secondary[:n])
    return prot.hidden, prot


def grid_table(cells: np.ndarray) -> tuple[LinearTable, np.ndarray]:
    """The cells of a two-way table and their relations: each row total and column total is
    the sum of its cells, the grand total the sum of either. Returns the table and the
    positions of the row totals."""
    cells = np.asarray(cells, dtype=float)
    r, c = cells.shape
    table = LinearTable(cells.ravel())
    rows = table.add_cells(cells.sum(axis=1), fixed=True)
    cols = table.add_cells(cells.sum(axis=0), fixed=True)
    grand = int(table.add_cells([cells.sum()], fixed=True)[0])
    for i in range(r):
        table.add_sum(int(rows[i]), list(range(i * c, (i + 1) * c)))
    for j in range(c):
        table.add_sum(int(cols[j]), list(range(j, r * c, c)))
    table.add_sum(grand, list(rows))
    table.add_sum(grand, list(cols))
    return table, rows


def protect_grid(cells: np.ndarray, min_count: float, progress=None, tries: int = 6
                 ) -> tuple[np.ndarray, np.ndarray, Protection]:
    """A two-way table (rows × columns) whose row totals are shown and column totals and grand
    total are known: ``(hidden cells, hidden row totals, protection)``."""
    cells = np.asarray(cells, dtype=float)
    r, c = cells.shape
    table, rows = grid_table(cells)

    positive = cells > _TOL
    order = np.arange(r * c).reshape(r, c)

    def rectangles(cell: int, hidden: np.ndarray) -> list[tuple[list[int], list[float]]]:
        """Cells completing a rectangle with ``cell`` (no zero) and its cycle (``cell`` and
        the far corner up, the other two down): the ``tries`` cheapest (the count newly
        hidden), then the cheapest whose cycle lifts ``cell`` to ``min_count`` on its own
        (the hypercube method's rule)."""
        if cell >= r * c:
            return []
        i, j = divmod(cell, c)
        hid = hidden[: r * c].reshape(r, c)
        shown = np.where(hid, 0.0, cells)
        ok = positive[:, [j]] & positive[[i], :] & positive
        ok[i, :] = False
        ok[:, j] = False
        cost = shown[:, [j]] + shown[[i], :] + shown
        # the two corners that go down keep at least 1 each
        lift = np.minimum(cells[:, [j]] - 1, cells[[i], :] - 1)
        lifts = cells[i, j] + lift >= max(min_count, cells[i, j] + 1) - _TOL
        flat = np.flatnonzero(ok.ravel())
        if not len(flat):
            return []
        ranked = flat[np.argsort(cost.ravel()[flat], kind="stable")]
        picks = list(ranked[:tries])
        lifting = ranked[lifts.ravel()[ranked]]
        if len(lifting) and lifting[0] not in picks:
            picks.append(lifting[0])
        out = []
        for p in picks:
            k, m = divmod(int(p), c)
            out.append(([int(order[i, m]), int(order[k, j]), int(order[k, m])],
                        [1.0, -1.0, -1.0, 1.0]))
        return out

    prot = (suppress(table, min_count, rectangles, progress) if min_count > 1
            else _run(table, min_count))
    hidden = prot.hidden
    return hidden[: r * c].reshape(r, c), hidden[rows], prot


def _run(table: LinearTable, min_count: float) -> Protection:
    if min_count > 1:
        return suppress(table, min_count)
    none = np.zeros(len(table.values), bool)
    return Protection(SUPPRESS, min_count, none, none.copy(), none.copy())


def pool_hidden(codes: pd.Series, hidden_codes: Sequence[str], label: str = "suppressed"
                ) -> pd.Series:
    """Cluster codes with every hidden cluster merged into one ``label`` category, so that a
    test computed on them (the representativeness chi-square, its effect size) uses only the
    visible cells and the sum of the hidden ones, which the table's total already gives."""
    from .profile import cluster_codes

    text = cluster_codes(codes)
    hide = text.isin([str(h) for h in hidden_codes])
    return text.where(~hide, label)


def protect_aggregate(result: pd.DataFrame, prefix: str, min_count: float,
                      method: str = SUPPRESS, base: int = ROUND_BASE
                      ) -> tuple[pd.DataFrame, Protection]:
    """Counts per area (``core.geography.aggregate``'s ``count``, ``sum``, ``rate``) made safe:
    the new fields ``<prefix>count``, ``<prefix>sum``, ``<prefix>rate``,
    ``<prefix>suppressed``. The total of all areas is known (it is in the log)."""
    count = result["count"].to_numpy(float)
    if check_method(method) == ROUND:
        rounded, prot = protect_counts(count, min_count, ROUND, base)
        new = pd.DataFrame({f"{prefix}count": rounded})
        few = (count > 0) & (count < min_count)
        if "sum" in result:  # a sum made from few records is as telling as the count
            new[f"{prefix}sum"] = np.where(few, np.nan, result["sum"].to_numpy(float))
        if "rate" in result:
            rate = result["rate"].to_numpy(float)
            value = result["sum"].to_numpy(float) if "sum" in result else count
            with np.errstate(divide="ignore", invalid="ignore"):
                per_unit = np.where(value != 0, rate / value, np.nan)  # per / base
            new[f"{prefix}rate"] = (new[f"{prefix}sum"].to_numpy() if "sum" in result
                                    else rounded) * per_unit
            if "sum" not in result:
                new.loc[count == 0, f"{prefix}rate"] = rate[count == 0]
        new[f"{prefix}suppressed"] = False
        return new, prot
    hidden, prot = protect_counts(count, min_count)
    new = pd.DataFrame({f"{prefix}count": np.where(hidden, np.nan, count)})
    for col in ("sum", "rate"):
        if col in result:
            new[f"{prefix}{col}"] = np.where(hidden, np.nan, result[col].to_numpy(float))
    new[f"{prefix}suppressed"] = hidden
    if min_count <= 1:
        new[f"{prefix}count"] = count.astype("int64")
    return new, prot


def protect_composition(areas_df: pd.DataFrame, group_col: str, cluster_col: str,
                        weight_col: str | None, table: pd.DataFrame, min_count: float,
                        method: str = SUPPRESS, base: int = ROUND_BASE
                        ) -> tuple[pd.DataFrame, Protection]:
    """A composition table (``core.geography.composition`` plus ``areas``) made safe: each
    group × cluster count (the weight summed) is a cell, the group totals are shown and the
    cluster totals are known. Hidden shares are blank, a group whose dominant cluster is hidden
    loses ``dominant`` and ``dominant_pct``; ``suppressed`` is True where anything is hidden."""
    from .profile import cluster_codes

    out = table.copy()
    pct_cols = [c for c in out.columns if str(c).startswith("pct_")]
    codes = cluster_codes(areas_df[cluster_col])
    w = (np.ones(len(areas_df)) if weight_col is None
         else pd.to_numeric(areas_df[weight_col], errors="coerce").fillna(0).to_numpy(float))
    keep = (codes.notna() & areas_df[group_col].notna()).to_numpy()
    frame = pd.DataFrame({"g": areas_df[group_col][keep].to_numpy(),
                          "c": "pct_" + codes[keep].astype(str).to_numpy(), "w": w[keep]})
    wide = frame.pivot_table(index="g", columns="c", values="w", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=out.index, columns=pct_cols, fill_value=0).to_numpy(float)
    method = check_method(method)
    if method == ROUND:
        rounded = round_base(wide, base)
        total = round_base(wide.sum(axis=1), base)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = np.where(total[:, None] > 0, 100 * rounded / total[:, None], np.nan)
        out["total"] = total
        out[pct_cols] = pct
        if pct_cols:
            out["dominant_pct"] = np.where(total > 0, np.nanmax(np.nan_to_num(pct, nan=-1),
                                                                axis=1), np.nan)
        out["suppressed"] = False
        none = np.zeros(wide.size, bool)
        return out, Protection(ROUND, 0, none, none, none, base=base)
    cells, totals, prot = protect_grid(wide, min_count)
    pct = out[pct_cols].to_numpy(float)
    pct[cells] = np.nan
    out[pct_cols] = pct
    out["total"] = np.where(totals, np.nan, out["total"].to_numpy(float))
    if pct_cols:
        dom = np.array([pct_cols.index(f"pct_{d}") if isinstance(d, str) and
                        f"pct_{d}" in pct_cols else -1 for d in out["dominant"]])
        dom_hidden = np.array([d >= 0 and cells[i, d] for i, d in enumerate(dom)]) | totals
        out["dominant"] = out["dominant"].astype(object).where(~dom_hidden, None)
        out["dominant_pct"] = out["dominant_pct"].where(~dom_hidden)
    out["suppressed"] = cells.any(axis=1) | totals
    return out, prot


def count_fields(frames: Sequence[pd.DataFrame], fields: Sequence[str]) -> list[str]:
    """The fields that hold counts (whole numbers ≥ 0 wherever given) in every frame."""
    out = []
    for f in fields:
        ok = True
        for frame in frames:
            v = pd.to_numeric(frame[f], errors="coerce").to_numpy(float)
            v = v[np.isfinite(v)]
            if not len(v) or (v < 0).any() or (np.abs(v - np.round(v)) > _TOL).any():
                ok = False
                break
        if ok:
            out.append(f)
    return out


def round_count_fields(frame: pd.DataFrame, fields: Sequence[str],
                       base: int = ROUND_BASE) -> pd.DataFrame:
    """``frame`` with each of ``fields`` rounded to ``base`` (area by area)."""
    out = frame.copy()
    for f in fields:
        out[f] = round_base(pd.to_numeric(out[f], errors="coerce").to_numpy(float), base)
    return out


def protect_area_profile(table: pd.DataFrame, local_df: pd.DataFrame,
                         reference_df: pd.DataFrame, counts: Sequence[str], min_count: float
                         ) -> tuple[pd.DataFrame, Protection]:
    """A know-your-area table made safe: for a count field (people or records per area) whose
    local total is 1 to ``min_count`` − 1, the local mean and everything made from it are
    blanked (a mean times the number of areas, printed in the log, is the total); the
    reference too when its own total is that small. ``suppressed`` marks the rows."""
    out = table.copy()
    hidden = np.zeros(len(out), bool)
    primary = np.zeros(len(out), bool)
    if min_count > 1:
        for i, f in enumerate(out["field"]):
            if f not in counts:
                continue
            loc = float(np.nansum(pd.to_numeric(local_df[f], errors="coerce")))
            ref = float(np.nansum(pd.to_numeric(reference_df[f], errors="coerce")))
            small_loc = bool(primary_cells(np.array([loc]), min_count)[0])
            small_ref = bool(primary_cells(np.array([ref]), min_count)[0])
            if small_loc or small_ref:
                primary[i] = hidden[i] = True
                keep = {"field"} | (set() if small_ref else {"reference"})
                for col in out.columns:
                    if col not in keep and out[col].dtype.kind in "iuf":
                        out[col] = out[col].astype(float)
                        out.loc[out.index[i], col] = np.nan
    out["suppressed"] = hidden
    return out, Protection(SUPPRESS, min_count, hidden, primary, np.zeros(len(out), bool))


def protect_observed(out: pd.DataFrame, min_count: float, method: str = SUPPRESS,
                     base: int = ROUND_BASE) -> tuple[pd.DataFrame, Protection]:
    """Targeting's observed use per area (``observed_users`` and what is made from it,
    ``observed_non_users`` and ``gap``) made safe like counts per area: their total over the
    target areas is in the log. The ranking itself is left as computed."""
    out = out.copy()
    seen = pd.to_numeric(out["observed_users"], errors="coerce").to_numpy(float)
    cols = [c for c in ("observed_users", "observed_non_users", "gap") if c in out.columns]
    if check_method(method) == ROUND:
        rounded, prot = protect_counts(seen, min_count, ROUND, base)
        shift = seen - rounded  # households − rounded users, expected − rounded users
        out["observed_users"] = rounded
        if "observed_non_users" in out:
            out["observed_non_users"] = np.maximum(out["observed_non_users"] + shift, 0)
        if "gap" in out:
            out["gap"] = out["gap"] + shift
        out["observed_suppressed"] = False
        return out, prot
    hidden, prot = protect_counts(seen, min_count)
    for col in cols:
        out[col] = np.where(hidden, np.nan, pd.to_numeric(out[col], errors="coerce"))
    out["observed_suppressed"] = hidden
    return out, prot


def protect_group_totals(totals: Sequence[float], rest: float | None, min_count: float
                         ) -> tuple[np.ndarray, bool, Protection]:
    """A count's totals over groups of areas (wards, LSOAs) whose whole is shown: the whole is
    the groups plus ``rest``, the areas in no group (None: every area is in a group), which
    is never published. ``(hidden groups, whole hidden, protection)``: a group of 1 to
    ``min_count`` − 1 is hidden with further groups so that none follows from the whole less
    the others; the whole is hidden only when it is itself that small."""
    totals = np.nan_to_num(np.asarray(totals, dtype=float))
    n = len(totals)
    table = LinearTable(totals)
    parts = list(range(n))
    if rest is not None:
        parts += list(table.add_cells([float(np.nan_to_num(rest))], published=False))
    whole = int(table.add_cells([float(table.values.sum())], fixed=True)[0])
    table.add_sum(whole, parts)
    prot = _run(table, min_count)
    whole_hidden = bool(prot.hidden[whole])
    prot.total_hidden = whole_hidden
    prot.hidden, prot.primary, prot.secondary = (prot.hidden[:n], prot.primary[:n],
                                                 prot.secondary[:n])
    return prot.hidden.copy(), whole_hidden, prot
