"""What cluster stability (core/stability.py) adds to an officer's run, in seconds.

For the bundled sample town and, when ../shared/data holds it, the real Barking & Dagenham
2018 OAC input (built as bench_real_data.py builds it: prepare, IHS, range), prints:

  case=<name> n=<areas> d=<variables> step=kmeans k=8 runs=100 search_s=<s> stability_s=<s>
      resamples=20 resample_runs=10 mean_ari=<v> jaccard=<per cluster>
  case=<name> ... step=comparek k=3..10 runs=50 without_s=<s> with_s=<s> added_s=<s>

(the algorithms' defaults; all cores, as in QGIS). Run from the plugin folder:
``/usr/bin/python3 bench/bench_stability.py [--repeat N]`` (the minimum of N timings).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "bench"))
from plugin_path import add_plugin_to_path  # noqa: E402

add_plugin_to_path()

from customer_segmentation.core.diagnostics import compare_k  # noqa: E402
from customer_segmentation.core.search import classify  # noqa: E402
from customer_segmentation.core.stability import resampling_stability  # noqa: E402
from customer_segmentation.core.transform import fit_standardisation  # noqa: E402
from customer_segmentation.core.variables import prepare_variables  # noqa: E402


def standardised(raw: pd.DataFrame, lookup: pd.DataFrame, id_field: str):
    prepared = prepare_variables(raw, lookup, id_field)
    fields = prepared.plan.order
    return fit_standardisation(prepared.table, fields, "ihs", "range")[0].to_numpy()


def inputs():
    town = json.loads((ROOT / "sample_data" / "sample_town_oa.geojson").read_text())
    raw = pd.DataFrame([f["properties"] for f in town["features"]])
    yield "sample_town", standardised(raw, pd.read_csv(ROOT / "sample_data" /
                                                       "sample_town_lookup.csv"), "OA_CODE")
    bd = DATA / "barking_dagenham_2018"
    if bd.exists():
        yield "barking_dagenham", standardised(
            pd.read_csv(bd / "2018_OAC_Raw_Variables.csv"),
            pd.read_csv(bd / "2018_OAC_Raw_Variables_Lookup.csv"), "OA11CD")
    else:
        print(f"skip barking_dagenham: {bd} not present")


def timed(fn, repeat: int):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def measure(name: str, X, repeat: int) -> None:
    """Print the kmeans and comparek lines of one input."""
    n, d = X.shape
    search_s, res = timed(lambda: classify(X, 8, runs=100, seed=1), repeat)
    stab_s, st = timed(lambda: resampling_stability(X, res.labels, 8, seed=1), repeat)
    print(f"case={name} n={n} d={d} step=kmeans k=8 runs=100 search_s={search_s:.2f} "
          f"stability_s={stab_s:.2f} resamples={st.resamples} resample_runs={st.runs} "
          f"mean_ari={st.mean_ari:.3f} "
          f"jaccard={','.join(f'{v:.2f}' for v in st.cluster_jaccard)}")
    without_s, _ = timed(lambda: compare_k(X, range(3, 11), runs=50, seed=1, resamples=0),
                         repeat)
    with_s, comp = timed(lambda: compare_k(X, range(3, 11), runs=50, seed=1), repeat)
    t = comp.table
    print(f"case={name} n={n} d={d} step=comparek k=3..10 runs=50 without_s={without_s:.2f} "
          f"with_s={with_s:.2f} added_s={with_s - without_s:.2f} "
          f"stability={','.join(f'{v:.2f}' for v in t['stability'])} "
          f"weakest={','.join(f'{v:.2f}' for v in t['weakest_jaccard'])} "
          f"repeatability={','.join(f'{v:.2f}' for v in t['search_repeatability'])}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"cores={os.cpu_count()} load={os.getloadavg()[0]:.2f}")
    for name, X in inputs():
        measure(name, X, args.repeat)


if __name__ == "__main__":
    main()
