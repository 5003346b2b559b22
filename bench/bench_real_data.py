"""The classification spine on real public data (../shared/data; skipped when absent).

Prints one line per case:
  case=barking_dagenham n=553 d=37 k=8 runs=1000 seconds=<s> wcss=<v> sizes=<...>
  case=leicester n=969 d=60 k=8 runs=1000 seconds=<s> wcss=<v> ari_supergroups=<v>
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "bench"))
from plugin_path import add_plugin_to_path  # noqa: E402

add_plugin_to_path()

from customer_segmentation.core.kmeans import kmeans  # noqa: E402
from customer_segmentation.core.transform import fit_standardisation  # noqa: E402
from customer_segmentation.core.variables import prepare_variables  # noqa: E402


def classify(raw, lookup, id_field, k=8, runs=1000, seed=1):
    t0 = time.perf_counter()
    prepared = prepare_variables(raw, lookup, id_field)
    fields = prepared.plan.order
    X = fit_standardisation(prepared.table, fields, "ihs", "range")[0].to_numpy()
    res = kmeans(X, k, runs=runs, seed=seed)
    return prepared, res, time.perf_counter() - t0, len(fields)


def main() -> None:
    bd = DATA / "barking_dagenham_2018"
    if bd.exists():
        raw = pd.read_csv(bd / "2018_OAC_Raw_Variables.csv")
        lookup = pd.read_csv(bd / "2018_OAC_Raw_Variables_Lookup.csv")
        for seed in (1, 3):
            _, res, secs, d = classify(raw, lookup, "OA11CD", seed=seed)
            print(f"case=barking_dagenham n={len(raw)} d={d} k=8 runs=1000 seed={seed} "
                  f"seconds={secs:.2f} wcss={res.total_wcss:.6f} "
                  f"sizes={','.join(map(str, res.sizes))}")
    else:
        print(f"skip barking_dagenham: {bd} not present")
    le = DATA / "leicester_2011"
    if le.exists():
        raw = pd.read_csv(le / "2011_OAC_Raw_kVariables_Leicester.csv")
        lookup = pd.read_csv(le / "2011_OAC_Raw_kVariables_Lookup.csv")
        published = pd.read_csv(le / "Leicester_OA_lookup_and_published_OAC.csv")
        for runs in (100, 1000):
            prepared, res, secs, d = classify(raw, lookup, "OA", runs=runs)
            codes = prepared.table["OA"].to_numpy()
            truth = published.set_index("OA11CD").loc[codes, "supgrpcode"].to_numpy()
            ari = adjusted_rand_score(truth, res.labels)
            print(f"case=leicester n={len(raw)} d={d} k=8 runs={runs} seconds={secs:.2f} "
                  f"wcss={res.total_wcss:.6f} ari_supergroups={ari:.3f} "
                  f"sizes={','.join(map(str, res.sizes))}")
    else:
        print(f"skip leicester: {le} not present")


if __name__ == "__main__":
    main()
