"""Step 3 of the method: transform skewed percentages, then put variables on one scale.

Transforms: none, log(x+1) (Hull's guidance: add 1 to every value, then log),
inverse hyperbolic sine (2011 and 2021 OAC), Box-Cox. Scales: range 0-1, z-score (sample
standard deviation, as R's `scale`), none. The fitted parameters are kept so the very same
transform can be re-applied to new or updated areas.

Box-Cox, per field (values must be ≥ 0 when fitted): the field is first made scale-free,
``y = 100 · x / s + 1`` with ``s`` the field's largest value in the fitted areas (kept as
``boxcox_scale``), so a field given as percentages or as proportions gets the same λ (for a
percentage whose largest area is 100 % this is Hull's x + 1); λ is the maximum-likelihood
estimate bounded to [-5, 5] (a bound reached is reported in ``boxcox_at_bound``), and the
transform is ``(y^λ − 1) / λ`` (``log y`` when λ = 0). On re-application, values outside the
fitted range (below the smallest or above the largest fitted value) are clipped to it, never
extrapolated, and counted per field in :attr:`Standardisation.last_clipped` with a
:class:`ClippedValuesWarning`. Parameters saved before ``boxcox_scale`` existed keep their
original form, ``x + 1``.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd
from scipy import optimize, stats

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
    boxcox_scale: float | None = None


#: Bounds of the Box-Cox λ (beyond them the transform is numerically meaningless).
BOXCOX_BOUNDS = (-5.0, 5.0)


class ClippedValuesWarning(UserWarning):
    """New values outside the fitted range were clipped to it (Box-Cox re-application)."""


def boxcox_input(x: np.ndarray, scale: float | None) -> np.ndarray:
    """The positive values Box-Cox is fitted on: ``100 · x / scale + 1`` (scale-free), or
    ``x + 1`` for parameters saved without a scale."""
    return x + 1.0 if scale is None else 100.0 * x / scale + 1.0


def fit_boxcox_lambda(y: np.ndarray) -> float:
    """Maximum-likelihood Box-Cox λ of positive ``y``, bounded to :data:`BOXCOX_BOUNDS`."""
    lo, hi = BOXCOX_BOUNDS
    res = optimize.minimize_scalar(lambda lam: -stats.boxcox_llf(lam, y), bounds=(lo, hi),
                                   method="bounded", options={"xatol": 1e-10})
    lam = float(res.x)
    # The bounded search stops just inside a bound: say exactly the bound when it is the best.
    for bound in (lo, hi):
        if abs(lam - bound) < 1e-6 and stats.boxcox_llf(bound, y) >= -res.fun:
            lam = bound
    return lam


@dataclass
class Standardisation:
    """A fitted transform + scaling, re-applicable to new data."""

    transform: str
    scale: str
    fields: list[str]
    parameters: dict[str, FieldParameters] = field(default_factory=dict)
    #: Box-Cox values clipped per field by the last :meth:`apply` (not saved).
    last_clipped: ClassVar[dict[str, int]] = {}

    @property
    def boxcox_at_bound(self) -> list[str]:
        """Fields whose Box-Cox λ is at a bound of :data:`BOXCOX_BOUNDS`."""
        return [f for f, p in self.parameters.items() if p.boxcox_lambda in BOXCOX_BOUNDS]

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
        """Transform and scale `data[fields]` with the stored parameters.

        Box-Cox: values outside the fitted range are clipped to it; the number clipped per
        field is in ``self.last_clipped`` and in the result's ``attrs['clipped']``, and a
        :class:`ClippedValuesWarning` lists them.
        """
        missing = [f for f in self.fields if f not in data.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(missing)} of the standardisation are not in the input."
            )
        out = {}
        clipped: dict[str, int] = {}
        for name in self.fields:
            p = self.parameters[name]
            x = np.asarray(data[name], dtype=float)
            if self.transform == "boxcox":
                t, n = _boxcox_clipped(x, name, p)
                if n:
                    clipped[name] = n
            else:
                t = _transform(x, self.transform, name, p.boxcox_lambda)
            out[name] = _scale(t, self.scale, p)
        self.last_clipped = clipped
        result = pd.DataFrame(out, index=data.index)
        result.attrs["clipped"] = dict(clipped)
        if clipped:
            warnings.warn(ClippedValuesWarning(
                "Values outside the range the Box-Cox transform was fitted on were clipped to "
                "it: " + ", ".join(f"'{f}' {n}" for f, n in clipped.items()) + "."),
                stacklevel=2)
        return result


def _boxcox_clipped(x: np.ndarray, name: str, p: FieldParameters) -> tuple[np.ndarray, int]:
    """Box-Cox of `x` with the fitted λ, clipped to the fitted (transformed) range [min, max]
    (Box-Cox is increasing, so this is the fitted range of `x`); also the number clipped."""
    if p.boxcox_lambda is None:
        raise SegmentationError(f"No Box-Cox lambda fitted for '{name}'.")
    y = boxcox_input(x, p.boxcox_scale)
    below = y <= 0  # outside the transform's domain: certainly below the fitted range
    with np.errstate(invalid="ignore", divide="ignore"):
        t = stats.boxcox(np.where(below, 1.0, y), lmbda=p.boxcox_lambda)
    t = np.where(below, -np.inf, t)
    tol = 1e-9 * max(abs(p.max - p.min), abs(p.max), 1e-300)
    outside = (t < p.min - tol) | (t > p.max + tol)
    return np.clip(t, p.min, p.max), int(outside.sum())


def _transform(x: np.ndarray, method: str, name: str, lam: float | None = None,
               scale: float | None = None) -> np.ndarray:
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
        if lam is None:
            raise SegmentationError(f"No Box-Cox lambda fitted for '{name}'.")
        return stats.boxcox(boxcox_input(x, scale), lmbda=lam)
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
        lam = scale_ = None
        if transform == "boxcox":
            if (x < 0).any():
                raise SegmentationError(
                    f"Field '{name}' has negative values ({x.min():g}); Box-Cox needs values "
                    "≥ 0. Use the inverse hyperbolic sine instead."
                )
            if np.ptp(x) == 0:
                raise SegmentationError(f"Field '{name}' is constant: it cannot be scaled.")
            scale_ = float(x.max())
            lam = fit_boxcox_lambda(boxcox_input(x, scale_))
        t = _transform(x, transform, name, lam, scale_)
        sd = float(np.std(t, ddof=1)) if len(t) > 1 else 0.0
        p = FieldParameters(float(t.min()), float(t.max()), float(t.mean()), sd, lam, scale_)
        if scale != "none" and p.max == p.min:
            raise SegmentationError(
                f"Field '{name}' is constant ({x[0]:g} in every area): it cannot be scaled and "
                "carries no information. Leave it out."
            )
        std.parameters[name] = p
    return std.apply(data), std
