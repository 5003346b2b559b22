"""A saved classification: what was clustered, how, and the centres to re-apply it (JSON).

Format version 1 holds one level (written by 'K-means classification'). Version 2 adds an
optional ``sublevel`` (written by 'Sub-cluster'): the sub-centres of every parent cluster, so
the hierarchy (clusters → groups) is re-applied as it was built: each area goes to the nearest
parent centre, then to the nearest sub-centre of that parent. Version 1 files still load.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from .codes import code_text
from .errors import SegmentationError
from .kmeans import nearest_centre
from .transform import Standardisation
from .validate import check_model, file_label, read_json, show

FORMAT = "customer-segmentation-model"
FORMAT_VERSION = 1  # a one-level model (still written so by 'K-means classification')
TWO_LEVEL_VERSION = 2  # a model with a `sublevel`
KNOWN_VERSIONS = (FORMAT_VERSION, TWO_LEVEL_VERSION)


def software_versions() -> dict[str, str]:
    """Versions of the libraries that shaped the result."""
    import scipy
    import sklearn

    return {"python": platform.python_version(), "numpy": np.__version__,
            "pandas": pd.__version__, "scikit-learn": sklearn.__version__,
            "scipy": scipy.__version__}


@dataclass
class SubLevel:
    """The second level of a two-level model: each parent code's sub-cluster codes, sizes and
    centres on `fields` (a subset of the parent's fields, in the same standardised units)."""

    parent_field: str
    field_name: str
    fields: list[str]
    codes: dict[str, list[str]]
    centres: dict[str, np.ndarray]
    sizes: dict[str, list[int]]
    total_wcss: dict[str, float]
    seeds: dict[str, int]
    k_spec: str = ""
    seed: int = 0
    runs: int = 1
    strategy: str = ""

    def to_dict(self) -> dict:
        """JSON-ready form (parents in the order of `codes`)."""
        return {
            "parent_field": self.parent_field, "field_name": self.field_name,
            "fields": list(self.fields), "k": self.k_spec, "seed": self.seed, "runs": self.runs,
            "strategy": self.strategy,
            "parents": [
                {"code": p, "seed": int(self.seeds.get(p, 0)),
                 "total_wcss": float(self.total_wcss.get(p, 0.0)),
                 "clusters": [{"code": c, "size": int(s), "centre": [float(v) for v in row]}
                              for c, s, row in zip(self.codes[p], self.sizes[p],
                                                   self.centres[p])]}
                for p in self.codes],
        }

    @classmethod
    def from_dict(cls, d: dict) -> SubLevel:
        """Inverse of :meth:`to_dict` (checked first by :func:`check_sublevel`)."""
        parents = d["parents"]
        codes = {code_text(p["code"]): [code_text(c["code"]) for c in p["clusters"]]
                 for p in parents}
        return cls(
            parent_field=str(d["parent_field"]), field_name=str(d["field_name"]),
            fields=list(d["fields"]), codes=codes,
            centres={code_text(p["code"]): np.array([c["centre"] for c in p["clusters"]],
                                                    dtype=float) for p in parents},
            sizes={code_text(p["code"]): [int(c["size"]) for c in p["clusters"]]
                   for p in parents},
            total_wcss={code_text(p["code"]): float(p.get("total_wcss", 0.0)) for p in parents},
            seeds={code_text(p["code"]): int(p.get("seed", 0)) for p in parents},
            k_spec=str(d.get("k", "")), seed=int(d.get("seed", 0)), runs=int(d.get("runs", 1)),
            strategy=str(d.get("strategy", "")),
        )


@dataclass
class ClassificationModel:
    """Fields, optional standardisation, cluster codes and centres (in standardised units)."""

    fields: list[str]
    codes: list[str]
    centres: np.ndarray
    k: int
    seed: int
    runs: int
    total_wcss: float
    sizes: list[int]
    standardisation: Standardisation | None = None
    extra: dict = field(default_factory=dict)
    sublevel: SubLevel | None = None

    @property
    def version(self) -> int:
        """The format version this model is written in: 2 with a sublevel, else 1."""
        return TWO_LEVEL_VERSION if self.sublevel is not None else FORMAT_VERSION

    def to_dict(self) -> dict:
        """JSON-ready form, with software versions and a time stamp."""
        return {
            "format": FORMAT,
            "format_version": self.version,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "software": software_versions(),
            "fields": self.fields,
            "k": self.k,
            "seed": self.seed,
            "runs": self.runs,
            "total_wcss": self.total_wcss,
            "clusters": [
                {"code": c, "size": int(s), "centre": [float(v) for v in row]}
                for c, s, row in zip(self.codes, self.sizes, self.centres)
            ],
            "standardisation": self.standardisation.to_dict() if self.standardisation else None,
            **({"extra": self.extra} if self.extra else {}),
            **({"sublevel": self.sublevel.to_dict()} if self.sublevel is not None else {}),
        }

    def save(self, path: str | Path) -> None:
        """Write the model as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ClassificationModel:
        """Read a model written by :meth:`save`, refusing other files clearly."""
        d = read_json(path, "model file")
        label = file_label(path, "model file")
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise SegmentationError(f"'{path}' is not a Customer Segmentation model file.")
        version = d.get("format_version", FORMAT_VERSION)
        if isinstance(version, bool) or version not in KNOWN_VERSIONS:
            raise SegmentationError(
                f"{label}: format_version {show(version)} is not one this plugin reads "
                f"(versions {', '.join(map(str, KNOWN_VERSIONS))}): was it written by a newer "
                "version of the plugin? Update the plugin, or rebuild the model.")
        check_model(d, label)
        sub = d.get("sublevel")
        if sub is not None and version < TWO_LEVEL_VERSION:
            raise SegmentationError(
                f"{label}: holds a 'sublevel' but says format_version {version}; a two-level "
                f"model is format_version {TWO_LEVEL_VERSION}. Was the file edited by hand?")
        if sub is not None:
            check_sublevel(sub, d, label)
        clusters = d["clusters"]
        std = d.get("standardisation")
        extra = d.get("extra", {})
        return cls(
            fields=list(d["fields"]),
            codes=[code_text(c["code"]) for c in clusters],
            centres=np.array([c["centre"] for c in clusters], dtype=float),
            k=int(d["k"]), seed=int(d["seed"]), runs=int(d["runs"]),
            total_wcss=float(d["total_wcss"]), sizes=[int(c["size"]) for c in clusters],
            standardisation=Standardisation.from_dict(std) if std else None,
            extra=extra if isinstance(extra, dict) else {},
            sublevel=SubLevel.from_dict(sub) if sub is not None else None,
        )

    def assign(self, data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Codes of the nearest centre for each row of `data` (raw fields if standardised)."""
        missing = [f for f in self.fields if f not in data.columns]
        if missing:
            raise SegmentationError(
                f"The input lacks field(s) the model was built on: {', '.join(missing)}."
            )
        idx, dist = nearest_centre(self.scaled(data).to_numpy(dtype=float), self.centres)
        return np.asarray(self.codes, dtype=object)[idx], dist

    def scaled(self, data: pd.DataFrame) -> pd.DataFrame:
        """`data[fields]` on the model's scale (its standardisation applied, when it has one)."""
        missing = [f for f in self.fields if f not in data.columns]
        if missing:
            raise SegmentationError(
                f"The input lacks field(s) the model was built on: {', '.join(missing)}."
            )
        values = data[self.fields]
        if self.standardisation is not None:
            values = self.standardisation.apply(values)
        return values

    def assign_levels(self, data: pd.DataFrame, scaled: bool = False
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Both levels of a two-level model: the nearest parent centre, then the nearest
        sub-centre of that parent. Returns parent codes, squared distances to the parent
        centres, sub-cluster codes and squared distances to the sub-centres. With `scaled`,
        `data` is already on the model's scale (no standardisation applied)."""
        sub = self.sublevel
        if sub is None:
            raise SegmentationError("The model has one level: it holds no sub-clusters.")
        if scaled:
            missing = [f for f in self.fields if f not in data.columns]
            if missing:
                raise SegmentationError(
                    f"The input lacks field(s) the model was built on: {', '.join(missing)}.")
            values = data[self.fields]
        else:
            values = self.scaled(data)
        idx, dist = nearest_centre(values.to_numpy(dtype=float), self.centres)
        parents = np.asarray(self.codes, dtype=object)[idx]
        sub_values = values[sub.fields].to_numpy(dtype=float)
        codes = np.empty(len(parents), dtype=object)
        sub_dist = np.empty(len(parents), dtype=float)
        for p in self.codes:
            rows = np.flatnonzero(parents == p)
            if len(rows):
                j, d = nearest_centre(sub_values[rows], sub.centres[p])
                codes[rows] = np.asarray(sub.codes[p], dtype=object)[j]
                sub_dist[rows] = d
        return parents, dist, codes, sub_dist


def check_sublevel(sub: object, model: dict, file: str) -> None:
    """The `sublevel` of a two-level model: its fields among the model's, sub-centres for every
    parent cluster and for no other, unique finite codes and centres of the right length."""
    from .validate import finite, integer, require_keys, text_list

    require_keys(sub, ("parent_field", "field_name", "fields", "parents"), file, "sublevel")
    assert isinstance(sub, dict)
    for key in ("parent_field", "field_name"):
        if not isinstance(sub[key], str) or not sub[key].strip():
            raise SegmentationError(f"{file}: sublevel.{key} must be a field name, not "
                                    f"{show(sub[key])}.")
    fields = text_list(sub["fields"], file, "sublevel.fields")
    for key, minimum in (("seed", 0), ("runs", 1)):
        if key in sub:
            integer(sub[key], file, f"sublevel.{key}", minimum)
    outside = [f for f in fields if f not in model["fields"]]
    if outside:
        raise SegmentationError(
            f"{file}: sublevel.fields names {', '.join(outside)}, which the parent model does "
            "not have: the sub-clusters must use the parent's variables (on its scale).")
    parents = sub["parents"]
    if not isinstance(parents, list) or not parents:
        raise SegmentationError(f"{file}: sublevel.parents must be a non-empty list, not "
                                f"{show(parents)}.")
    top = [code_text(c["code"]) for c in model["clusters"]]
    seen_parents: set[str] = set()
    seen_codes: dict[str, str] = {}
    for i, p in enumerate(parents):
        where = f"sublevel.parents[{i}]"
        require_keys(p, ("code", "clusters"), file, where)
        code = code_text(p["code"]) if isinstance(p["code"], (str, int, float)) else None
        if code is None or code not in top:
            raise SegmentationError(
                f"{file}: {where}.code {show(p['code'])} is not one of the model's clusters "
                f"({', '.join(top)}).")
        if code in seen_parents:
            raise SegmentationError(f"{file}: {where}.code {show(p['code'])} repeats a parent.")
        seen_parents.add(code)
        if "seed" in p:
            integer(p["seed"], file, f"{where}.seed", 0)
        if "total_wcss" in p:
            finite(p["total_wcss"], file, f"{where}.total_wcss")
        children = p["clusters"]
        if not isinstance(children, list) or not children:
            raise SegmentationError(f"{file}: {where}.clusters must be a non-empty list, not "
                                    f"{show(children)}.")
        for j, c in enumerate(children):
            at = f"{where}.clusters[{j}]"
            require_keys(c, ("code", "size", "centre"), file, at)
            child = code_text(c["code"]) if isinstance(c["code"], (str, int, float)) else None
            if child is None or isinstance(c["code"], bool):
                raise SegmentationError(f"{file}: {at}.code must be a code such as '1a', not "
                                        f"{show(c['code'])}.")
            if child in seen_codes:
                raise SegmentationError(f"{file}: {at}.code {show(c['code'])} repeats the "
                                        f"code of a sub-cluster of {seen_codes[child]}.")
            seen_codes[child] = code
            integer(c["size"], file, f"{at}.size", 0)
            centre = c["centre"]
            if not isinstance(centre, list) or len(centre) != len(fields):
                raise SegmentationError(
                    f"{file}: {at}.centre must be a list of {len(fields)} number(s) (one per "
                    f"sublevel field), not {show(centre)}.")
            for m, v in enumerate(centre):
                finite(v, file, f"{at}.centre[{m}] (field '{fields[m]}')")
    lacking = [c for c in top if c not in seen_parents]
    if lacking:
        raise SegmentationError(
            f"{file}: sublevel.parents has no sub-clusters for cluster(s) {', '.join(lacking)}: "
            "every cluster of the parent model needs its own.")
