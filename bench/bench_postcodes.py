"""Benchmark: match 1,000,000 postcoded records against a 2,700,000-row postcode lookup.

Synthetic but realistic: ONSPD-like lookup (pcds form, ~40 % terminated, ~12 postcodes per
OA), a classification of the OAs (a few OAs left out), and council records of which about 3 %
are empty, invalid or unknown and ~20 % are typed in messy forms. Timed: building the postcode
index plus matching. Prints one line:

    case=joinpostcodes records=1000000 lookup=2700000 seconds=<s> peak_mb=<MB> matched=<n> ...

Run from the plugin folder: ``/usr/bin/python3 bench/bench_postcodes.py``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core import postcodes  # noqa: E402

LETTERS = np.array(list("ABCDEFGHJKLMNOPRSTUWYZ"))
INWARD_LETTERS = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))


def _outwards(n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct outward codes of the forms AA9, AA99, A9, A99."""
    out: set[str] = set()
    while len(out) < n:
        area = "".join(rng.choice(LETTERS, rng.integers(1, 3)))
        out.add(f"{area}{rng.integers(1, 60)}")
    return np.array(sorted(out), dtype=object)


def make_lookup(n: int, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ONSPD-like lookup (pcds, doterm, oa11) and the OA classification."""
    inward = np.array(
        [f"{d}{a}{b}" for d in range(10) for a in INWARD_LETTERS for b in INWARD_LETTERS],
        dtype=object,
    )
    outward = _outwards(-(-n // len(inward)) + 1, rng)
    cell = rng.permutation(len(outward) * len(inward))[:n]
    pcds = outward[cell // len(inward)] + " " + inward[cell % len(inward)]
    n_oa = n // 12
    oa_codes = np.array([f"E00{i:06d}" for i in range(n_oa)], dtype=object)
    oa = pd.Categorical.from_codes(np.sort(rng.integers(0, n_oa, n)), categories=oa_codes)
    doterm = np.where(rng.random(n) < 0.4, "201106", None)
    lookup = pd.DataFrame({"pcds": pcds, "doterm": doterm, "oa11": oa})
    supergroup = rng.integers(1, 9, n_oa)
    areas = pd.DataFrame(
        {
            "OA11CD": oa_codes,
            "supergroup": supergroup.astype(str),
            "group": [f"{s}{'abcd'[g]}" for s, g in zip(supergroup, rng.integers(0, 4, n_oa))],
        }
    )
    areas = areas[rng.random(n_oa) > 0.005].reset_index(drop=True)  # a few OAs unclassified
    return lookup, areas


def make_records(lookup: pd.DataFrame, n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Records drawn from the lookup, ~20 % messy forms and ~3 % empty/invalid/unknown."""
    pc = lookup["pcds"].to_numpy()[rng.integers(0, len(lookup), n)]
    u = rng.random(n)
    compact = pd.Series(pc).str.replace(" ", "", regex=False)
    pc = np.where(u < 0.10, compact.str.lower().to_numpy(), pc)
    pc = np.where((u >= 0.10) & (u < 0.15), (" " + pd.Series(pc) + " ").to_numpy(), pc)
    pc = np.where((u >= 0.15) & (u < 0.20), compact.str[:-3] + "  " + compact.str[-3:], pc)
    pc = pc.astype(object)
    bad = rng.random(n)
    pc[bad < 0.01] = None
    pc[(bad >= 0.01) & (bad < 0.015)] = "N/A"
    pc[(bad >= 0.015) & (bad < 0.02)] = "12345"
    unknown = (bad >= 0.02) & (bad < 0.03)
    pc[unknown] = "QQ" + pd.Series(rng.integers(1, 99, unknown.sum())).astype(str) + " 9ZZ"
    return pd.DataFrame(
        {
            "case_id": np.arange(n),
            "postcode": pc,
            "service": pd.Categorical.from_codes(rng.integers(0, 3, n), ["web", "phone", "visit"]),
            "amount": rng.gamma(2.0, 30.0, n).round(2),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--lookup", type=int, default=2_700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from-csv", action="store_true",
                        help="write the lookup as an ONSPD-like CSV (with 20 more columns) and "
                        "time reading its 3 columns with core.table_read as well")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lookup, areas = make_lookup(args.lookup, rng)
    records = make_records(lookup, args.records, rng)
    read_s = None
    if args.from_csv:
        import tempfile

        from core.table_read import read_table

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "onspd_like.csv"
            wide = lookup.assign(**{f"col{i:02d}": "E00123456" for i in range(20)})
            wide.to_csv(path, index=False)
            del wide
            t = time.perf_counter()
            lookup = read_table(path, required_columns=["pcds", "doterm", "oa11"], dtype=str,
                                columns=["pcds", "doterm", "oa11"])
            read_s = time.perf_counter() - t

    t0 = time.perf_counter()
    index = postcodes.build_postcode_index(lookup, "pcds", "oa11", "doterm")
    t1 = time.perf_counter()
    matched, unmatched, summary = postcodes.match_records(
        records, "postcode", index, areas, "OA11CD", ("supergroup", "group")
    )
    t2 = time.perf_counter()
    assert len(matched) + len(unmatched) == len(records)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"index={t1 - t0:.2f}s match={t2 - t1:.2f}s by_reason={summary['by_reason']}",
        file=sys.stderr,
    )
    if read_s is not None:
        print(f"read_csv={read_s:.2f}s", file=sys.stderr)
    print(
        f"case=joinpostcodes records={len(records)} lookup={len(lookup)} "
        f"seconds={t2 - t0:.2f} peak_mb={peak_mb:.0f} matched={len(matched)} "
        f"unmatched={len(unmatched)}"
    )


if __name__ == "__main__":
    main()
