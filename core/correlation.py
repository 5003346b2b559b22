"""Step 4 of the method: which variables say the same thing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .options import CORRELATION_LABELS as METHOD_LABELS  # noqa: F401
from .options import CORRELATION_METHODS as METHODS  # noqa: F401


def correlation_matrix(data: pd.DataFrame, method: str = "pearson") -> pd.DataFrame:
    """Square correlation matrix of the columns of `data`."""
    return data.corr(method=method)


def correlated_pairs(data: pd.DataFrame, threshold: float = 0.6) -> pd.DataFrame:
    """Pairs whose |Pearson| or |Spearman| reaches `threshold`, strongest first."""
    pear = data.corr("pearson")
    spear = data.corr("spearman")
    cols = list(data.columns)
    rows = []
    for i in range(len(cols)):
        for j in range(i + 1, len(cols)):
            p, s = pear.iat[i, j], spear.iat[i, j]
            if max(abs(p), abs(s)) >= threshold:
                rows.append((cols[i], cols[j], p, s))
    out = pd.DataFrame(rows, columns=["field_a", "field_b", "pearson", "spearman"])
    if len(out):
        key = np.maximum(out["pearson"].abs(), out["spearman"].abs())
        out = out.iloc[np.argsort(-key.to_numpy(), kind="stable")].reset_index(drop=True)
    return out
