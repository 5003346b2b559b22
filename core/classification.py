"""A saved classification: what was clustered, how, and the centres to re-apply it (JSON)."""

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
from .validate import check_model, file_label, read_json

FORMAT = "customer-segmentation-model"
FORMAT_VERSION = 1


def software_versions() -> dict[str, str]:
    """Versions of the libraries that shaped the result."""
    import scipy
    import sklearn

    return {"python": platform.python_version(), "numpy": np.__version__,
            "pandas": pd.__version__, "scikit-learn": sklearn.__version__,
            "scipy": scipy.__version__}


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

    def to_dict(self) -> dict:
        """JSON-ready form, with software versions and a time stamp."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
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
        check_model(d, label)
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
        )

    def assign(self, data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Codes of the nearest centre for each row of `data` (raw fields if standardised)."""
        missing = [f for f in self.fields if f not in data.columns]
        if missing:
            raise SegmentationError(
                f"The input lacks field(s) the model was built on: {', '.join(missing)}."
            )
        values = data[self.fields]
        if self.standardisation is not None:
            values = self.standardisation.apply(values)
        idx, dist = nearest_centre(values.to_numpy(dtype=float), self.centres)
        return np.asarray(self.codes, dtype=object)[idx], dist
