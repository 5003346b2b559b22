"""Read a table parameter fast: CSV / XLSX files straight into pandas, anything else via QGIS.

QGIS reads a CSV file through OGR feature by feature (every column as text), which takes
minutes for the 2.7 million rows of the ONS Postcode Directory, and it cannot skip title rows
above an XLSX header. When a source parameter is a plain path to a .csv/.tsv/.xlsx/.xls file
(no layer options, no selection), the algorithms here read it with pandas instead
(`core.postcodes.read_table`: UTF-8 or Windows-1252, sniffed separator, title rows skipped),
and can ask for only the columns they need. Layers, layer ids and selections go through
QGIS features as usual (`layers.read_source`).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsWkbTypes,
)

from ..core.errors import RunCancelled, SegmentationError
from . import layers

if TYPE_CHECKING:  # annotations only: imported lazily where used (fast start-up)
    import pandas as pd


FAST_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")
_HEAD_BYTES = 256_000


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


def _head(path: Path) -> tuple[list[list[str]], str, str]:
    """First lines of a CSV as rows, its separator and the encoding to read it with."""
    from ..core.postcodes import _decode, _sniff_sep

    with open(path, "rb") as f:
        raw = f.read(_HEAD_BYTES)
    try:
        text, enc = _decode(raw)
    except UnicodeDecodeError:  # pragma: no cover - _decode falls back to Latin-1
        text, enc = raw.decode("latin-1"), "latin-1"
    if enc == "cp1252":  # a multi-byte character cut at the end of the sample?
        try:
            raw[:-4].decode("utf-8")
            text, enc = raw.decode("utf-8", errors="ignore"), "utf-8"
        except UnicodeDecodeError:
            pass
    lines = text.splitlines()[:30]
    sep = _sniff_sep(lines)
    return list(csv.reader(lines, delimiter=sep)), sep, enc


def header(path: str | Path, required: Sequence[str] = ()) -> list[str]:
    """Column names of a CSV or XLSX file (title rows above the header skipped)."""
    from ..core.postcodes import _header_row, read_table

    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv"):
        rows, _, _ = _head(path)
        if not rows:
            raise SegmentationError(f"{path.name} is empty.")
        return [str(c).strip() for c in rows[_header_row(rows, required)]]
    return [str(c) for c in read_table(path, required_columns=required, dtype=str).columns]


def read_columns(path: str | Path, columns: Sequence[str] | None = None,
                 required: Sequence[str] = ()) -> pd.DataFrame:
    """A CSV/XLSX file as text columns (missing cells NaN), only `columns` when given.

    Reading only the needed columns of a big CSV keeps the memory and time small (the ONSPD
    has some 50 columns). Other formats and odd files fall back to `read_table`.
    """
    import pandas as pd

    from ..core.postcodes import _header_row, read_table

    path = Path(path)
    need = list(dict.fromkeys([*(columns or []), *required]))
    if columns and path.suffix.lower() in (".csv", ".tsv"):
        rows, sep, enc = _head(path)
        skip = _header_row(rows, need) if rows else 0
        names = [str(c).strip() for c in rows[skip]] if rows else []
        if all(c in names for c in need):
            use = [names.index(c) for c in need]
            for encoding in dict.fromkeys([enc, "cp1252", "latin-1"]):
                try:
                    df = pd.read_csv(path, sep=sep, skiprows=skip, usecols=use, dtype=str,
                                     encoding=encoding, keep_default_na=True, low_memory=False)
                except UnicodeDecodeError:
                    continue
                except (pd.errors.ParserError, ValueError):
                    break
                df.columns = [str(c).strip() for c in df.columns]
                return df[need]
    df = read_table(path, required_columns=need, dtype=str)
    return df[need] if columns else df


def _no_geometry(frame: pd.DataFrame) -> layers.SourceTable:

    return layers.SourceTable(frame, [], QgsFields(), QgsWkbTypes.NoGeometry,
                              QgsCoordinateReferenceSystem())


def read_table_parameter(alg, parameters: dict, name: str, context, feedback,
                         what: str = "input", required: Sequence[str] = (),
                         columns: Sequence[str] | None = None,
                         geometry: bool = True) -> layers.SourceTable:
    """A source parameter as a SourceTable, read by pandas when it is a CSV/XLSX path.

    `required` names columns that must be there (they also locate the header under title
    rows); `columns` restricts a file read to those columns. A layer keeps its geometries
    (unless `geometry` is False); a file read has none.
    """
    path = file_path(parameters, name)
    if path is not None:
        feedback.pushInfo(alg.tr(
            "Reading the {what} {name} directly (pandas).").format(
            what=what, name=path.name))
        try:
            frame = read_columns(path, columns, required)
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
