"""QGIS layers and tables to pandas and back, so that no algorithm repeats this code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .compat import (
    FIELD_BOOL,
    FIELD_DOUBLE,
    FIELD_INT64,
    FIELD_STRING,
    GEOMETRY_NULL,
    GEOMETRY_UNKNOWN,
)

if TYPE_CHECKING:  # annotations only: imported where used (fast start-up)
    import pandas as pd


_ID_NAME = re.compile(r"(^|_)(oa\d*|oa\d*cd|code|geo_?code|id|fid|area|geography)($|_|cd)", re.I)


@dataclass
class SourceTable:
    """A feature source read into pandas, with its geometries kept in row order."""

    frame: pd.DataFrame
    geometries: list
    fields: QgsFields
    wkb_type: int
    crs: object


def _clean(value):
    if value is None or value == NULL:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def read_source(
    source: QgsFeatureSource, feedback: QgsProcessingFeedback | None = None,
    with_geometry: bool = True, what: str = "input",
) -> SourceTable:
    """Every feature of `source` as a DataFrame row (NULL → None), geometries alongside."""
    import pandas as pd

    if source is None:
        raise QgsProcessingException(f"The {what} could not be opened.")
    fields = source.fields()
    names = fields.names()
    rows, geoms = [], []
    total = max(source.featureCount(), 1)
    for i, feat in enumerate(source.getFeatures()):
        if feedback is not None and i % 2000 == 0:
            if feedback.isCanceled():
                break
        rows.append([_clean(v) for v in feat.attributes()])
        if with_geometry:
            geoms.append(feat.geometry())
        if feedback is not None and i % 2000 == 0:
            feedback.setProgress(5.0 * i / total)
    frame = pd.DataFrame(rows, columns=names) if rows else pd.DataFrame(columns=names)
    return SourceTable(frame, geoms, fields, source.wkbType(), source.sourceCrs())


def guess_id_field(frame: pd.DataFrame) -> str | None:
    """The area-code field: a text field named like a code, else the first text field."""

    text = [c for c in frame.columns if frame[c].dtype == object]
    for c in text:
        if _ID_NAME.search(str(c)):
            return c
    return text[0] if text else None


def qgs_field(name: str, values) -> QgsField:
    """A QgsField typed after a pandas column."""
    import numpy as np
    import pandas as pd

    dtype = getattr(values, "dtype", np.asarray(values).dtype)
    if pd.api.types.is_bool_dtype(dtype):
        return QgsField(name, FIELD_BOOL)
    if pd.api.types.is_integer_dtype(dtype):
        return QgsField(name, FIELD_INT64)
    if pd.api.types.is_float_dtype(dtype):
        return QgsField(name, FIELD_DOUBLE, "double", 20, 10)
    return QgsField(name, FIELD_STRING, "string", 0)


def _py(value):
    import numpy as np

    if value is None:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        v = value.item()
        return None if isinstance(v, float) and np.isnan(v) else v
    return value


def frame_fields(frame: pd.DataFrame) -> QgsFields:
    """QgsFields for every column of a DataFrame."""

    fields = QgsFields()
    for col in frame.columns:
        fields.append(qgs_field(str(col), frame[col]))
    return fields


class WriteFailed(Exception):
    """A feature could not be written to a sink (a full disk, a read-only file …)."""

    def __init__(self, row: int, error: str):
        super().__init__(error)
        self.row = row
        self.error = error


def _sink_error(sink: QgsFeatureSink) -> str:
    error = sink.lastError() if hasattr(sink, "lastError") else ""
    error = (error or "").replace(" (OGR error: )", "").strip()
    return error or "unknown error"


def rename_fields(fields: QgsFields, rename) -> QgsFields:
    """A copy of `fields` with each name passed through `rename`."""
    out = QgsFields()
    for f in fields:
        g = QgsField(f)
        g.setName(rename(f.name()))
        out.append(g)
    return out


def write_frame(sink: QgsFeatureSink, frame: pd.DataFrame, geometries: list | None = None,
                feedback: QgsProcessingFeedback | None = None) -> None:
    """Write the rows of `frame` (and geometries, when given) to a sink made from frame_fields."""

    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    n = len(frame)
    for i in range(n):
        feat = QgsFeature()
        feat.setAttributes([_py(col[i]) for col in columns])
        if geometries:
            feat.setGeometry(geometries[i])
        if not sink.addFeature(feat, QgsFeatureSink.FastInsert):
            raise WriteFailed(i, _sink_error(sink))
        if feedback is not None and i % 2000 == 0:
            feedback.setProgress(95.0 + 5.0 * i / max(n, 1))


def appended_fields(base: QgsFields, new: pd.DataFrame) -> tuple[QgsFields, list[int]]:
    """`base` without fields named like the new columns, then the new columns.

    Returns the fields and the indices of the base fields kept.
    """

    replace = {str(c).lower() for c in new.columns}
    out = QgsFields()
    keep = []
    for i, f in enumerate(base):
        if f.name().lower() not in replace:
            out.append(f)
            keep.append(i)
    for col in new.columns:
        out.append(qgs_field(str(col), new[col]))
    return out, keep


def write_appended(sink: QgsFeatureSink, table: SourceTable, keep: list[int], new: pd.DataFrame,
                   feedback: QgsProcessingFeedback | None = None) -> None:
    """Copy each input row (kept fields, geometry) and add the new columns."""

    columns = [new[c].to_numpy(dtype=object) for c in new.columns]
    values = table.frame.to_numpy(dtype=object)
    n = len(values)
    for i in range(n):
        feat = QgsFeature()
        feat.setAttributes([_py(values[i][j]) for j in keep] + [_py(c[i]) for c in columns])
        if table.geometries:
            feat.setGeometry(table.geometries[i])
        if not sink.addFeature(feat, QgsFeatureSink.FastInsert):
            raise WriteFailed(i, _sink_error(sink))
        if feedback is not None and i % 2000 == 0:
            feedback.setProgress(95.0 + 5.0 * i / max(n, 1))


def has_geometry(table: SourceTable) -> bool:
    """Whether the source is a spatial layer rather than a plain table."""
    return QgsWkbTypes.geometryType(table.wkb_type) not in (
        GEOMETRY_NULL, GEOMETRY_UNKNOWN)
