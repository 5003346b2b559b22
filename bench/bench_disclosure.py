"""How long secondary suppression (core/disclosure.py) takes on the tables officers make.

Prints one line per case:

  case=grid rows=<r> cols=<c> mean=<m> primary=<n> secondary=<n> lp_solves=<n> weak=<n>
      unprotected=<n> seconds=<s>
  case=profile levels=2 clusters=<sg>/<grp> indicators=<fields>x<values> records=<n> ...

The grids are a composition of groups (wards, LSOAs) by cluster: Poisson(6) counts, seed 1,
and a sparse one (Poisson(1): most cells small, many groups with a small total, the hard
case: many cells only weakly protectable, LPs on one large component), ``MIN_COUNT`` 5
(``protect_grid``: row totals shown, column totals and grand total known).
The profile is ``core.profile.profile`` at two levels (supergroup, group) with indicator
fields, some values missing, ``min_count`` 5. Run from the plugin folder:
``/usr/bin/python3 bench/bench_disclosure.py [--repeat N]`` (the minimum of N timings).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from plugin_path import add_plugin_to_path  # noqa: E402

add_plugin_to_path()
from customer_segmentation.core.disclosure import protect_grid  # noqa: E402
from customer_segmentation.core.profile import profile  # noqa: E402

GRIDS = ((150, 8, 6), (300, 8, 6), (500, 10, 6), (100, 8, 1))  # rows, columns, mean count


def _timed(fn, repeat: int):
    best, out = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _profile_case(supergroups: int = 8, groups: int = 3, fields: int = 3, values: int = 5,
                  records: int = 3000, seed: int = 1):
    rng = np.random.default_rng(seed)
    sg = rng.integers(1, supergroups + 1, records)
    grp = [f"{s}{chr(96 + g)}" for s, g in zip(sg, rng.integers(1, groups + 1, records))]
    rec = pd.DataFrame({"sg": sg.astype(str), "grp": grp})
    for f in range(fields):  # skewed values so that some cells are small; 5 % missing
        v = rng.choice([f"v{i}" for i in range(values)], records,
                       p=np.arange(values, 0, -1) / (values * (values + 1) / 2))
        rec[f"q{f}"] = pd.Series(v).where(rng.random(records) > 0.05)
    areas = rec[["sg", "grp"]].drop_duplicates().reset_index(drop=True)
    areas["hh"] = rng.integers(100, 1000, len(areas))
    cols = [f"q{f}" for f in range(fields)]
    return rec, areas, cols


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    for r, c, lam in GRIDS:
        cells = np.random.default_rng(1).poisson(lam, (r, c))
        s, (_, _, prot) = _timed(lambda cells=cells: protect_grid(cells, 5), args.repeat)
        print(f"case=grid rows={r} cols={c} mean={lam} primary={prot.n_primary} "
              f"secondary={prot.n_secondary} lp_solves={prot.lp_solves} weak={len(prot.weak)} "
              f"unprotected={len(prot.unprotected)} seconds={s:.2f}", flush=True)
    for sgs, groups, fields, values, n in ((8, 3, 3, 5, 3000), (10, 5, 4, 6, 6000)):
        rec, areas, cols = _profile_case(sgs, groups, fields, values, n)
        def run(rec=rec, areas=areas, cols=cols):
            return profile(rec, ["sg", "grp"], areas, ["sg", "grp"], "hh", indicator_cols=cols,
                           min_count=5)

        s, (table, info) = _timed(run, args.repeat)
        prot = info["disclosure"]
        print(f"case=profile levels=2 clusters={sgs}/{sgs * groups} "
              f"indicators={fields}x{values} records={n} rows={len(table)} "
              f"primary={prot.n_primary} secondary={prot.n_secondary} "
              f"lp_solves={prot.lp_solves} weak={len(prot.weak)} "
              f"unprotected={len(prot.unprotected)} seconds={s:.2f}", flush=True)


if __name__ == "__main__":
    main()
