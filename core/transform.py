"""Step 3 of the method: transform skewed percentages, then put variables on one scale.

Transforms: none, log(x+1) (Hull's guidance: add 1 to every value, then log),
inverse hyperbolic sine (2011 and 2021 OAC), Box-Cox (fitted to x+1 per field so
zeros are allowed). Scales: range 0-1, z-score (sample standard deviation, as
R's `scale`), none. The fitted parameters are kept so the very same transform can
be re-applied to new or updated areas.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .errors import SegmentationError
from .options import SCALE_LABELS, SCALES, TRANSFORM_LABELS, TRANSFORMS  # noqa: F401


@dataclass
class FieldParameters:
    """Fitted parameters of one field (after the transform)."""

    min: float
    max: float
    mean: float
    sd: float
    boxcox_lambda: float | None = None


@dataclass
class Standardisation:
    """A fitted transform + scaling, re-applicable to new data."""

    transform: str
    scale: str
    fields: list[str]
    parameters: dict[str, FieldParameters] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Plain JSON-ready form."""
        d = asdict(self)
        d["fields"] = list(self.fields)
        return d

    @classmethod
    def from_dict(cls, d: dict, file: str = "The standardisation") -> Standardisation:
        """Inverse of :meth:`to_dict`; refuses an incomplete or non-finite record by key."""
        from .validate import check_standardisation

        check_standardisation(d, file)
        params = {k: FieldParameters(**p) for k, p in d["parameters"].items()}
        std = cls(d["transform"], d["scale"], list(d["fields"]), params)
        std.check()
        return std

    @classmethod
    def load(cls, path, fields=None) -> Standardisation:
        """Read the JSON written by 'Standardise variables'; with `fields`, every one of them
        must have parameters."""
        from .validate import check_standardisation, file_label, read_json

        label = file_label(path, "standardisation file")
        d = read_json(path, "standardisation file")
        check_standardisation(d, label, fields=fields)
        return cls.from_dict(d, label)

    def check(self) -> None:
        """Refuse unknown method names."""
        if self.transform not in TRANSFORMS:
            raise SegmentationError(f"Unknown transform '{self.transform}'.")
        if self.scale not in SCALES:
            raise SegmentationError(f"Unknown scaling '{self.scale}'.")

    def apply(self, data: pd.DataFrame) -> pd.DataFrame:
        """Transform and scale `data[fields]` with the stored parameters."""
        missing = [f for f in self.fields if f not in data.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(missing)} of the standardisation are not in the input."
            )
        out = {}
        for name in self.fields:
            p = self.parameters[name]
            t = _transform(np.asarray(data[name], dtype=float), self.transform, name,
                           p.boxcox_lambda)
            out[name] = _scale(t, self.scale, p)
        return pd.DataFrame(out, index=data.index)


def _transform(x: np.ndarray, method: str, name: str, lam: float | None = None) -> np.ndarray:
    if method == "none":
        return x.copy()
    if method == "ihs":
        return np.arcsinh(x)
    if method == "log1p":
        if (x <= -1).any():
            raise SegmentationError(
                f"Field '{name}' has values of -1 or less ({x.min():g}); log(x+1) is undefined. "
                "Use the inverse hyperbolic sine instead."
            )
        return np.log(x + 1.0)
    if method == "boxcox":
        if (x <= -1).any():
            raise SegmentationError(
                f"Field '{name}' has values of -1 or less; Box-Cox (on x+1) needs x > -1."
            )
        if lam is None:
            raise SegmentationError(f"No Box-Cox lambda fitted for '{name}'.")
        return stats.boxcox(x + 1.0, lmbda=lam)
    raise SegmentationError(f"Unknown transform '{method}'.")


def _scale(t: np.ndarray, method: str, p: FieldParameters) -> np.ndarray:
    if method == "range":
        return (t - p.min) / (p.max - p.min)
    if method == "zscore":
        return (t - p.mean) / p.sd
    return t


def fit_standardisation(
    data: pd.DataFrame, fields: list[str], transform: str = "ihs", scale: str = "range"
) -> tuple[pd.DataFrame, Standardisation]:
    """Fit the transform and scaling on `data[fields]` and return the result with its parameters.

    A constant field (after the transform) cannot be range- or z-scaled and is refused by name.
    """
    std = Standardisation(transform, scale, list(fields))
    std.check()
    for name in fields:
        x = np.asarray(data[name], dtype=float)
        if not np.isfinite(x).all():
            raise SegmentationError(f"Field '{name}' has empty or non-finite values.")
        lam = None
        if transform == "boxcox":
            if (x <= -1).any():
                raise SegmentationError(
                    f"Field '{name}' has values of -1 or less; Box-Cox (on x+1) needs x > -1."
                )
            if np.ptp(x) == 0:
                raise SegmentationError(f"Field '{name}' is constant: it cannot be scaled.")
            lam = float(stats.boxcox_normmax(x + 1.0, method="mle"))
        t = _transform(x, transform, name, lam)
        sd = float(np.std(t, ddof=1)) if len(t) > 1 else 0.0
        p = FieldParameters(float(t.min()), float(t.max()), float(t.mean()), sd, lam)
        if scale != "none" and p.max == p.min:
            raise SegmentationError(
                f"Field '{name}' is constant ({x[0]:g} in every area): it cannot be scaled and "
                "carries no information. Leave it out."
            )
        std.parameters[name] = p
    return std.apply(data), std
