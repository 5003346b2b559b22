"""Step 6 of the method: sub-cluster inside each cluster, OAC style (1 → 1a, 1b → 1a1 …)."""

from __future__ import annotations

import string
import zlib

import numpy as np

from .codes import code_text, natural_key  # noqa: F401 (natural_key re-exported)
from .errors import SegmentationError
from .kmeans import check_k


def child_code(parent: str, index: int) -> str:
    """Code of the `index`-th (0-based) child: letters under a digit-ending code, digits else."""
    parent = str(parent)
    if parent and parent[-1].isdigit():
        if index >= len(string.ascii_lowercase):
            raise SegmentationError("At most 26 sub-clusters per cluster.")
        return parent + string.ascii_lowercase[index]
    return parent + str(index + 1)


def parse_k_spec(spec: str | int, parents: list[str]) -> dict[str, int]:
    """`"3"` → 3 for every parent; `"1:3,2:4"` → per parent; `"4,1:3"` → 4 except parent 1.

    Parents that the spec does not mention (and no bare default) are kept whole (k=1).
    """
    text = str(spec).strip()
    if not text:
        raise SegmentationError("K is empty: give a number such as 3, or per cluster: 1:3,2:4.")
    default = 1
    per: dict[str, int] = {}
    for part in text.split(","):
        part = part.strip()
        try:
            if ":" in part:
                code, kk = (p.strip() for p in part.split(":", 1))
                per[code] = int(kk)
            else:
                default = int(part)
        except ValueError:
            raise SegmentationError(
                f"K '{text}' is not understood at '{part}': use 3, or 1:3,2:4."
            ) from None
    unknown = sorted(set(per) - set(parents))
    if unknown:
        raise SegmentationError(
            f"K names cluster(s) {', '.join(unknown)} not found in the parent field; "
            f"clusters are: {', '.join(parents)}."
        )
    return {p: per.get(p, default) for p in parents}


def subcluster(
    X: np.ndarray, parents: np.ndarray, k_spec, runs: int = 100, seed: int = 1,
    progress=None, cancelled=None, strategy: str = "search",
) -> tuple[np.ndarray, dict[str, dict]]:
    """Sub-cluster the rows of each parent cluster; returns child codes and a summary per parent."""
    from .search import classify

    parents = np.asarray([code_text(p) for p in parents], dtype=object)
    missing = [i for i, p in enumerate(parents) if p is None]
    if missing:
        raise SegmentationError(f"The parent cluster code is empty at row {missing[0] + 1}.")
    codes = sorted(set(parents), key=natural_key)
    ks = parse_k_spec(k_spec, codes)
    out = np.empty(len(parents), dtype=object)
    summary: dict[str, dict] = {}
    for i, code in enumerate(codes):
        rows = np.flatnonzero(parents == code)
        k = ks[code]
        try:
            check_k(len(rows), k)
        except SegmentationError:
            raise SegmentationError(
                f"Cluster {code} has {len(rows)} area(s): it cannot be split into {k}."
            ) from None
        # Each parent gets its own seed stream, derived from the seed and the parent's code.
        sub_seed = int(np.random.SeedSequence([int(seed), zlib.crc32(code.encode())])
                       .generate_state(1)[0])

        def sub(f, i=i):
            if progress:
                progress((i + f) / len(codes))
        res = classify(X[rows], k, runs=runs, seed=sub_seed, strategy=strategy, progress=sub,
                       cancelled=cancelled)
        for j in range(k):
            out[rows[res.labels == j]] = child_code(code, j)
        summary[code] = {"k": k, "areas": len(rows), "total_wcss": res.total_wcss,
                         "sizes": res.sizes.tolist(), "seed": sub_seed,
                         "codes": [child_code(code, j) for j in range(k)],
                         "centres": np.asarray(res.centres, dtype=float)}
    return out, summary


def two_level_model(
    X: np.ndarray, fields: list[str], parents: np.ndarray, summary: dict[str, dict],
    parent_model=None, *, parent_field: str, field_name: str, k_spec: str = "",
    seed: int = 0, runs: int = 1, strategy: str = "",
):
    """The two-level model of a :func:`subcluster` run (`X` on `fields`, its `parents` and the
    `summary` it returned): `parent_model` (a one-level ClassificationModel, e.g. the k-means
    model of the parent field) with each parent's sub-centres added. Without `parent_model` the
    parent level is the mean of each parent's areas on `fields`, with no standardisation (the
    model is then applied to variables on the input's scale)."""
    from dataclasses import replace

    from .classification import ClassificationModel, SubLevel
    from .kmeans import cluster_wcss

    parents = np.asarray([code_text(p) for p in parents], dtype=object)
    codes = sorted(set(parents), key=natural_key)
    if parent_model is None:
        index = {c: i for i, c in enumerate(codes)}
        centres, wcss = cluster_wcss(np.asarray(X, dtype=float),
                                     np.array([index[p] for p in parents]), len(codes))
        sizes = [int((parents == c).sum()) for c in codes]
        parent_model = ClassificationModel(
            list(fields), codes, centres, len(codes), int(seed), 1, float(wcss.sum()), sizes,
            None, {"field_name": parent_field,
                   "centres": "means of the parent field's clusters (no k-means model given)"})
    else:
        check_parent_model(parent_model, fields, parents, parent_field)
        parent_model = replace(parent_model, extra={**parent_model.extra,
                                                    "field_name": parent_field})
    parent_model.sublevel = SubLevel(
        parent_field=parent_field, field_name=field_name, fields=list(fields),
        codes={p: list(summary[p]["codes"]) for p in parent_model.codes},
        centres={p: np.asarray(summary[p]["centres"], dtype=float) for p in parent_model.codes},
        sizes={p: [int(s) for s in summary[p]["sizes"]] for p in parent_model.codes},
        total_wcss={p: float(summary[p]["total_wcss"]) for p in parent_model.codes},
        seeds={p: int(summary[p]["seed"]) for p in parent_model.codes},
        k_spec=str(k_spec), seed=int(seed), runs=int(runs), strategy=str(strategy))
    return parent_model


def check_parent_model(parent_model, fields: list[str], parents, parent_field: str) -> None:
    """Refuse a parent model that does not fit the parent field (other codes) or the variables
    (one the model lacks), or that already has two levels."""
    codes = sorted({code_text(p) for p in parents} - {None}, key=natural_key)
    if parent_model.sublevel is not None:
        raise SegmentationError(
            "The parent model already has two levels: give the one-level model of the "
            "parent field (written by 'K-means classification').")
    absent = [c for c in parent_model.codes if c not in codes]
    unknown = [c for c in codes if c not in parent_model.codes]
    if absent or unknown:
        said = []
        if unknown:
            said.append(f"parent field code(s) {', '.join(unknown)} are not in the model")
        if absent:
            said.append(f"model cluster(s) {', '.join(absent)} have no areas")
        raise SegmentationError(
            f"The parent model does not match the parent field '{parent_field}': "
            f"{'; '.join(said)} (model clusters: {', '.join(parent_model.codes)}).")
    outside = [f for f in fields if f not in parent_model.fields]
    if outside:
        raise SegmentationError(
            f"Variable(s) {', '.join(outside)} are not in the parent model (its variables: "
            f"{', '.join(parent_model.fields)}): sub-clusters must use the parent's "
            "variables, on its scale.")
