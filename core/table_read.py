"""The one way the plugin reads a CSV or Excel table into pandas.

CSV: the encoding is sniffed from the first bytes (UTF-8 with or without BOM, UTF-16 LE or BE
with BOM, UTF-16 without BOM when every other byte is NUL, else Windows-1252) and named when
the file cannot be decoded with it; the separator (, ; tab |) is sniffed; title rows above the
header are skipped (the header is the first row holding every required column, else the first
row of mostly text); only the columns asked for are parsed. pandas reads the file itself,
streaming: a national Postcode Directory is never decoded whole into memory.
Excel (.xlsx, .xlsm, .xls): the first sheet unless one is named, title rows skipped the same way.
A file that is empty, binary or a workbook named .csv is refused by name.
"""

from __future__ import annotations

import codecs
import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import SegmentationError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
HEAD_BYTES = 256_000
HEAD_LINES = 30
SEPARATORS = (",", ";", "\t", "|")
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16": "UTF-16",
                  "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "cp1252": "Windows-1252"}


def encoding_name(encoding: str) -> str:
    """How an encoding is named in messages."""
    return ENCODING_NAMES.get(encoding, encoding)


# --------------------------------------------------------------------------------------------
# Sniffing


def sniff_encoding(head: bytes) -> str:
    """Encoding of a text file from its first bytes (a BOM wins; else UTF-16 by its NULs, else
    UTF-8 when the bytes decode as such, else Windows-1252)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Python reads the BOM and the byte order from it
    sample = head[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
        if odd_nuls > 0.8 * len(sample[1::2]) and even_nuls == 0:
            return "utf-16-le"
        if even_nuls > 0.8 * len(sample[0::2]) and odd_nuls == 0:
            return "utf-16-be"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3 and e.reason == "unexpected end of data":
            return "utf-8"  # a multi-byte character cut at the end of the sample
    return "cp1252"


def _check_text(path: Path, head: bytes, encoding: str) -> None:
    """Refuse an empty, binary or workbook file named like a CSV."""
    if not head.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise SegmentationError(f"{path.name} is empty: no header and no rows.")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SegmentationError(
            f"{path.name} is an Excel workbook (or another ZIP/Office file), not a CSV text "
            "table: save it as .xlsx (or export it as CSV) and choose it again.")
    if not encoding.startswith("utf-16") and b"\x00" in head[:4096]:
        raise SegmentationError(
            f"{path.name} is not a text table: it holds binary data (NUL bytes), e.g. an "
            "image, archive or database renamed to .csv.")


def _decode_head(path: Path, head: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError as e:
        raise _decode_error(path, encoding, e) from None


def _decode_error(path: Path, encoding: str, e: UnicodeDecodeError | None) -> SegmentationError:
    where = f" (byte {e.start} of the part read)" if e is not None else ""
    return SegmentationError(
        f"{path.name} cannot be decoded as {encoding_name(encoding)}{where}. Save it as UTF-8 "
        "(or UTF-16 with BOM, or Windows-1252) and try again.")


def sniff_separator(lines: Sequence[str]) -> str:
    """The most frequent of , ; tab | in the lines (comma when none)."""
    sample = "\n".join(lines)
    counts = {sep: sample.count(sep) for sep in SEPARATORS}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _filled(v: object) -> bool:
    return not (v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == "")


def _is_text(v: object) -> bool:
    if not _filled(v):
        return False
    try:
        float(str(v).strip().replace(",", ""))
    except ValueError:
        return True
    return False


def header_row(rows: Sequence[Sequence], required: Sequence[str] = ()) -> int:
    """Index of the header: the first row holding every required name (case-insensitive),
    else the first row of mostly non-empty text cells (title rows above it are skipped)."""
    if required:
        want = {str(c).strip().lower() for c in required}
        for i, row in enumerate(rows):
            if want <= {str(v).strip().lower() for v in row if _filled(v)}:
                return i
    width = max((sum(_filled(v) for v in row) for row in rows), default=0)
    need = max(1, math.ceil(0.5 * width))
    for i, row in enumerate(rows):
        filled = sum(_filled(v) for v in row)
        if filled >= need and sum(_is_text(v) for v in row) >= max(1, math.ceil(0.5 * filled)):
            return i
    return 0


@dataclass
class CsvLayout:
    """What sniffing found: encoding, separator, header row (0-based) and column names."""

    encoding: str
    separator: str
    skip: int
    names: list[str]


def csv_layout(path: str | Path, required: Sequence[str] = ()) -> CsvLayout:
    """Sniff a CSV's encoding, separator and header from its first bytes."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as e:
        raise SegmentationError(f"Cannot read {path.name}: {e.strerror or e}.") from None
    encoding = sniff_encoding(head)
    _check_text(path, head, encoding)
    try:
        text = _decode_head(path, head, encoding)
    except SegmentationError:
        if encoding != "utf-8":
            raise
        encoding = "cp1252"
        text = _decode_head(path, head, encoding)
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if len(head) == HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    lines = lines[:HEAD_LINES]
    separator = sniff_separator(lines)
    rows = list(csv.reader(lines, delimiter=separator))
    if not rows:
        raise SegmentationError(f"{path.name} is empty: no header and no rows.")
    skip = header_row(rows, required)
    names = [str(c).strip() for c in rows[skip]]
    return CsvLayout(encoding, separator, skip, names)


# --------------------------------------------------------------------------------------------
# Columns


def _resolve(names: Sequence[str], wanted: Sequence[str], path: Path) -> dict[str, int]:
    """Position of each wanted column among `names` (exact, else case-insensitive)."""
    lower: dict[str, int] = {}
    for i, n in enumerate(names):
        lower.setdefault(n.strip().lower(), i)
    out = {}
    for col in wanted:
        if col in names:
            out[col] = names.index(col)
        elif col.strip().lower() in lower:
            out[col] = lower[col.strip().lower()]
        else:
            shown = [n for n in names if n] or ["(none)"]
            raise SegmentationError(
                f"Field '{col}' is not in {path.name}; fields found: {', '.join(shown)}.")
    return out


def _tidy(df: pd.DataFrame, required: Sequence[str], path: Path) -> pd.DataFrame:
    """Strip header names, drop empty unnamed columns, give required columns their asked-for
    spelling."""
    df.columns = [str(c).strip() for c in df.columns]
    unnamed = [c for c in df.columns if c.startswith("Unnamed:") and df[c].isna().all()]
    df = df.drop(columns=unnamed)
    pos = _resolve(list(df.columns), required, path)
    return df.rename(columns={df.columns[i]: col for col, i in pos.items()
                              if df.columns[i] != col})


# --------------------------------------------------------------------------------------------
# Reading


def _read_csv(path: Path, required: Sequence[str], columns: Sequence[str] | None,
              dtype) -> pd.DataFrame:
    layout = csv_layout(path, required)
    need = list(dict.fromkeys([*(columns or []), *required]))
    usecols = None
    rename: dict[str, str] = {}
    if columns:
        pos = _resolve(layout.names, need, path)
        usecols = sorted(set(pos.values()))
        rename = {layout.names[i]: col for col, i in pos.items()}

    def parse(encoding: str) -> pd.DataFrame:
        return pd.read_csv(path, sep=layout.separator, skiprows=layout.skip, header=0,
                           usecols=usecols, dtype=dtype, encoding=encoding,
                           # only an empty cell is missing: 'NA', 'n/a' or 'null' stay as
                           # written (a postcode area, or text a check then names)
                           keep_default_na=False, na_values=[""], low_memory=False)

    encoding = layout.encoding
    try:
        try:
            df = parse(encoding)
        except UnicodeDecodeError as e:
            if encoding != "utf-8":
                raise _decode_error(path, encoding, e) from None
            encoding = "cp1252"  # UTF-8 at the top, Windows-1252 further down
            try:
                df = parse(encoding)
            except UnicodeDecodeError as e2:
                raise _decode_error(path, encoding, e2) from None
    except pd.errors.EmptyDataError:
        raise SegmentationError(f"{path.name} is empty: no header and no rows.") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise SegmentationError(f"Cannot read {path.name} as a table: {exc}") from None
    if columns:
        df.columns = [str(c).strip() for c in df.columns]
        df = df.rename(columns={c.strip(): new for c, new in rename.items()})
        return df[need]
    return _tidy(df, required, path)


def _read_excel(path: Path, sheet: str | int | None, required: Sequence[str],
                columns: Sequence[str] | None, dtype) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(path)
    except Exception as exc:  # corrupt or not a workbook  # noqa: BLE001
        raise SegmentationError(f"Cannot open {path.name} as a workbook: {exc}") from None
    with book:
        if sheet is None:
            sheet = book.sheet_names[0]
        elif isinstance(sheet, str) and sheet not in book.sheet_names:
            raise SegmentationError(
                f"Sheet '{sheet}' is not in {path.name}; sheets: {', '.join(book.sheet_names)}.")
        top = book.parse(sheet, header=None, nrows=HEAD_LINES, dtype=object)
        skip = header_row(top.values.tolist(), required)
        df = book.parse(sheet, header=skip, dtype=dtype)
    df = _tidy(df.dropna(how="all"), required, path)
    if columns:
        need = list(dict.fromkeys([*columns, *required]))
        pos = _resolve(list(df.columns), need, path)
        df = df.rename(columns={df.columns[i]: c for c, i in pos.items()})[need]
    return df


def read_table(
    path: str | Path,
    sheet: str | int | None = None,
    required_columns: Sequence[str] = (),
    dtype: object = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """A CSV or Excel table (see the module docstring); only `columns` (plus the required
    ones) when given. Missing required columns raise SegmentationError listing those found."""
    path = Path(path)
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "not found"
        raise SegmentationError(f"{path} is {what}.")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(path, sheet, required_columns, columns, dtype)
    return _read_csv(path, required_columns, columns, dtype)


def header(path: str | Path, required: Sequence[str] = (), sheet: str | int | None = None
           ) -> list[str]:
    """Column names of a CSV or Excel table (title rows skipped) without reading it all."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return [str(c) for c in read_table(path, sheet, required, dtype=str).columns]
    if not path.is_file():
        raise SegmentationError(f"{path} is not found.")
    return csv_layout(path, required).names
