"""Read a table parameter fast: CSV / XLSX files straight into pandas, anything else via QGIS.

QGIS reads a CSV file through OGR feature by feature (every column as text), which takes
minutes for the 2.7 million rows of the ONS Postcode Directory, and it cannot skip title rows
above an XLSX header. When a source parameter is a plain path to a .csv/.tsv/.xlsx/.xls file
(no layer options, no selection), the algorithms here read it with pandas instead
(`core.table_read`: sniffed encoding and separator, title rows skipped, only the columns needed),
and can ask for only the columns they need. Layers, layer ids and selections go through
QGIS features as usual (`layers.read_source`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
)

from ..core.errors import RunCancelled, SegmentationError
from . import layers
from .compat import WKB_NO_GEOMETRY

if TYPE_CHECKING:  # annotations only: imported lazily where used (fast start-up)
    import pandas as pd


FAST_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")


def file_path(parameters: dict, name: str) -> Path | None:
    """The file behind a source parameter when pandas can read it directly, else None."""
    value = parameters.get(name)
    if value is None or isinstance(value, QgsProcessingFeatureSourceDefinition):
        return None
    if not isinstance(value, (str, Path)):
        return None
    text = str(value).strip()
    if not text or "|" in text or "?" in text:
        return None  # layer options (layername=, subset=) or a provider URI
    path = Path(text)
    if path.suffix.lower() not in FAST_SUFFIXES:
        return None
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def header(path: str | Path, required: Sequence[str] = ()) -> list[str]:
    """Column names of a CSV or XLSX file (title rows above the header skipped)."""
    from ..core.table_read import header as read_header

    return read_header(path, required)


def read_columns(path: str | Path, columns: Sequence[str] | None = None,
                 required: Sequence[str] = (), dtype: object = str) -> pd.DataFrame:
    """A CSV/XLSX file as text columns (missing cells NaN), only `columns` when given.

    Reading only the needed columns of a big CSV keeps the memory and time small (the ONSPD
    has some 50 columns); see `core.table_read`.
    """
    from ..core.table_read import read_table

    return read_table(path, required_columns=required, dtype=dtype, columns=columns or None)


def _no_geometry(frame: pd.DataFrame) -> layers.SourceTable:

    return layers.SourceTable(frame, [], QgsFields(), WKB_NO_GEOMETRY,
                              QgsCoordinateReferenceSystem())


def read_table_parameter(alg, parameters: dict, name: str, context, feedback,
                         what: str = "input", required: Sequence[str] = (),
                         columns: Sequence[str] | None = None,
                         geometry: bool = True, dtype: object = str) -> layers.SourceTable:
    """A source parameter as a SourceTable, read by pandas when it is a CSV/XLSX path.

    `required` names columns that must be there (they also locate the header under title
    rows); `columns` restricts a file read to those columns. A layer keeps its geometries
    (unless `geometry` is False); a file read has none. `dtype` is pandas' for a file read
    (text by default; e.g. 'category' for long code columns).
    """
    path = file_path(parameters, name)
    if path is not None:
        feedback.pushInfo(alg.tr(
            "Reading the {what} {name} directly (pandas).").format(
            what=what, name=path.name))
        try:
            frame = read_columns(path, columns, required, dtype)
        except SegmentationError:
            names = header(path)
            lower = {n.lower() for n in names}
            missing = [c for c in required if c.strip().lower() not in lower]
            if missing:
                raise SegmentationError(
                    f"Field(s) {', '.join(repr(c) for c in missing)} not in the {what} "
                    f"({path.name}); fields are: {', '.join(names)}.") from None
            raise
        if feedback.isCanceled():
            raise RunCancelled()
        frame.columns = [str(c) for c in frame.columns]
        return _no_geometry(frame.reset_index(drop=True))
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(alg.tr(
            "The {what} ({name}) could not be opened.").format(
            what=what, name=name))
    table = layers.read_source(source, feedback, with_geometry=geometry, what=what)
    if feedback.isCanceled():
        raise RunCancelled()
    missing = [c for c in required if c not in table.frame.columns]
    if missing:
        raise SegmentationError(
            f"Field(s) {', '.join(repr(c) for c in missing)} not in the {what}; fields are: "
            f"{', '.join(map(str, table.frame.columns))}.")
    if columns:
        table.frame = table.frame[list(dict.fromkeys([*columns, *required]))]
    return table


def source_header(alg, parameters: dict, name: str, context) -> list[str]:
    """Field names of a source parameter (a file's header without reading it all)."""
    path = file_path(parameters, name)
    if path is not None:
        return header(path)
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(alg.tr(
            "The source {name} could not be opened.").format(
            name=name))
    return list(source.fields().names())
