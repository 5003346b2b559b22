"""Read an output layer or table back as a DataFrame."""

from __future__ import annotations

import pandas as pd


def frame(path) -> pd.DataFrame:
    """Attributes of an output (any OGR format) as a DataFrame; NULL is None."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    names = layer.fields().names()
    rows = [[None if v is None or (hasattr(v, "isNull") and v.isNull()) else v
             for v in f.attributes()] for f in layer.getFeatures()]
    return pd.DataFrame(rows, columns=names)
