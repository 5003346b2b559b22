"""Postcodes: the UK postcode grammar, ONS lookup columns, and matching records to areas.

Everything here is vectorised pandas: a million records against the full ONS Postcode
Directory (2.7 million rows) takes seconds, not minutes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import SegmentationError

OK = "ok"
EMPTY = "empty"
INVALID = "invalid format"
NOT_IN_LOOKUP = "not in lookup"
NOT_CLASSIFIED = "area not in classification"
REASONS = (EMPTY, INVALID, NOT_IN_LOOKUP, NOT_CLASSIFIED)

#: UK postcode in ``pcds`` form: outward A9, A99, AA9, AA99, A9A, AA9A, one space, inward 9AA.
POSTCODE_RE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}|GIR 0AA)$")
_WS = re.compile(r"\s+")

NORM_COL = "postcode_norm"
TERMINATED_COL = "terminated"
KEY_COL = "postcode_key"
REASON_COL = "reason"

# Normalised header (lower case, letters and digits only) -> role; the first match wins.
_POSTCODE_NAMES = (
    "pcds",
    "postcodenatural",
    "pcd8",
    "postcode8",
    "pcd2",
    "pcd7",
    "postcode7",
    "pcd",
    "postcode",
    "postcodes",
    "postcd",
    "pcode",
)
_POSTCODE_FORMS = {
    "pcd7": ("pcd7", "postcode7"),
    "pcd8": ("pcd8", "postcode8", "pcd2"),
    "pcds": ("pcds", "postcodenatural"),
}
_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("terminated", r"doterm|terminat\w*|dateoftermination|dateterminated|termdate|dot"),
    ("introduced", r"dointr|introduc\w*|dateofintroduction|dateintroduced|introdate|doi"),
    ("usertype", r"usertype|usertyp"),
    ("uprn", r"uprn|uprnno|uprnnumber|propertyuprn|uprncode"),
    ("oa01", r"oa01(cd|code)?"),
    ("oa11", r"oa11(cd|code)?"),
    ("oa21", r"oa21(cd|code)?"),
    ("lsoa01", r"lsoa01(cd|code)?"),
    ("lsoa11", r"lsoa11(cd|code)?"),
    ("lsoa21", r"lsoa21(cd|code)?"),
    ("msoa01", r"msoa01(cd|code)?"),
    ("msoa11", r"msoa11(cd|code)?"),
    ("msoa21", r"msoa21(cd|code)?"),
    ("oac11", r"oac11(cd|code)?"),
    ("lad", r"oslaua|laua|lad|lad\d\d(cd|code)?|la\d\d(cd|code)|lacode|ladcd|ladcode"),
    ("ward", r"osward|ward|wardcode|wd\d\d(cd|code)\w*|wd\d\d"),
)


# --------------------------------------------------------------------------------------------
# Cleaning and validation


def normalise_postcode(s: object) -> str | None:
    """Upper-case, drop all whitespace and put one space before the last three characters.

    ``ng243fy``, ``NG24  3FY`` and `` ng24 3fy `` all give ``NG24 3FY``; empty gives None.
    """
    if s is None or (isinstance(s, float) and math.isnan(s)) or s is pd.NA:
        return None
    compact = _WS.sub("", str(s)).upper()
    if not compact:
        return None
    return compact if len(compact) <= 3 else f"{compact[:-3]} {compact[-3:]}"


_WIDTH = 12  # longer (or non-ASCII) values take the exact but slower per-value path
_CHUNK = 500_000
_STATUS = (EMPTY, INVALID, OK)


def _val(c: np.ndarray) -> np.ndarray:
    """Digit -> 1..10, letter -> 11..36, padding -> 0 (so keys of distinct postcodes differ)."""
    return np.where(c >= 65, c.astype(np.int64) - 54, np.where(c >= 48, c.astype(np.int64) - 47, 0))


def _key_of(compact: str) -> int:
    """Integer key of a compact, valid postcode (same encoding as the vectorised path)."""
    arr = np.frombuffer(compact.encode("ascii").ljust(7, b"\0"), np.uint8)
    return int((_val(arr) * 37 ** np.arange(6, -1, -1, dtype=np.int64)).sum())


_GIR_KEY = _key_of("GIR0AA")


def _parse_slow(value: object) -> tuple[str | None, int, int]:
    """normalised, status code, key of one value (for long or non-ASCII values)."""
    norm = normalise_postcode(value)
    if norm is None:
        return None, 0, -1
    if POSTCODE_RE.match(norm) is None:
        return norm, 1, -1
    return norm, 2, _key_of(norm.replace(" ", ""))


def _compact(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Upper-case and drop whitespace row-wise in an ASCII byte matrix; (matrix, lengths)."""
    m = np.where((m >= 97) & (m <= 122), m - 32, m).astype(np.uint8)
    space = ((m >= 9) & (m <= 13)) | ((m >= 28) & (m <= 32))  # what str.split() drops
    keep = (m != 0) & ~space
    n = len(m)
    out = np.zeros_like(m)
    pos = np.zeros(n, np.int64)
    rows = np.arange(n)
    for j in range(m.shape[1]):
        k = keep[:, j]
        out[rows[k], pos[k]] = m[k, j]
        pos += k
    return out, pos


def _validate_compact(c: np.ndarray, length: np.ndarray) -> np.ndarray:
    """UK postcode format on compact upper-case rows (outward A9 ... AA9A + inward 9AA)."""
    letter = (c >= 65) & (c <= 90)
    digit = (c >= 48) & (c <= 57)
    alnum = letter | digit
    rows = np.arange(len(c))
    o = np.clip(length - 3, 0, c.shape[1] - 3)
    inward = digit[rows, o] & letter[rows, o + 1] & letter[rows, o + 2]
    out2 = (o == 2) & digit[:, 1]
    out3 = (o == 3) & ((digit[:, 1] & alnum[:, 2]) | (letter[:, 1] & digit[:, 2]))
    out4 = (o == 4) & letter[:, 1] & digit[:, 2] & alnum[:, 3]
    return (length >= 5) & (length <= 7) & letter[:, 0] & inward & (out2 | out3 | out4)


def _spaced(c: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Object array of ``pcds`` forms from compact rows (None where empty)."""
    n, w = c.shape
    out = np.zeros((n, w + 1), np.uint32)
    split = np.where(length > 3, length - 3, w + 1)
    for j in range(w):
        before = j < split
        out[:, j] = np.where(before, c[:, j], out[:, j])
        out[:, j + 1] = np.where(before, out[:, j + 1], c[:, j])
    rows = np.flatnonzero(length > 3)
    out[rows, split[rows]] = 32
    text = out.view(f"U{w + 1}").ravel().astype(object)
    text[length == 0] = None
    return text


def _parse_chunk(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    missing = pd.isna(values)
    wide = np.where(missing, "", values).astype(f"U{_WIDTH}")
    m32 = wide.view(np.uint32).reshape(len(values), _WIDTH)
    slow = (m32[:, -1] != 0) | (m32 > 127).any(axis=1)
    c, length = _compact(np.where(slow[:, None], 0, m32).astype(np.uint8))
    valid = _validate_compact(c, length)
    key = (_val(c[:, :7]) * 37 ** np.arange(6, -1, -1)).sum(axis=1)
    valid |= (length == 6) & (key == _GIR_KEY)
    key = np.where(valid, key, -1)
    norm = _spaced(c, length)
    status = np.where(length == 0, 0, np.where(valid, 2, 1)).astype(np.int8)
    for i in np.flatnonzero(slow & ~missing):
        norm[i], status[i], key[i] = _parse_slow(values[i])
    return norm, status, key


def _parse(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised postcodes (object), status codes (0 empty, 1 invalid, 2 ok), int64 keys.

    Vectorised on a byte matrix, in chunks to bound memory. The key is a base-37 number of
    the compact postcode (-1 when not valid): joining on it is much faster than on strings.
    """
    values = np.asarray(values, dtype=object)
    parts = [_parse_chunk(values[i : i + _CHUNK]) for i in range(0, len(values), _CHUNK)]
    if not parts:
        return np.empty(0, object), np.empty(0, np.int8), np.empty(0, np.int64)
    return tuple(np.concatenate(p) for p in zip(*parts))  # type: ignore[return-value]


_UPRN_RE = r"^0*([0-9]{1,12})(?:\.0*)?$"


def _parse_uprns(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """UPRNs (or any numeric address key) as :func:`_parse` gives postcodes.

    Whitespace, leading zeros and a spreadsheet's trailing ``.0`` are ignored: ``" 010001234"``
    and ``10001234.0`` are the same key 10001234. Anything but 1 to 12 digits is invalid.
    """
    text = pd.Series(np.asarray(values, dtype=object), dtype=object)
    missing = text.isna().to_numpy()
    text = text.where(~missing, "").astype(str).str.strip()
    digits = text.str.extract(_UPRN_RE, expand=False)
    ok = digits.notna().to_numpy()
    empty = missing | (text == "").to_numpy()
    status = np.where(empty, 0, np.where(ok, 2, 1)).astype(np.int8)
    key = np.full(len(text), -1, np.int64)
    key[ok] = digits[ok].astype(np.int64).to_numpy()
    norm = np.where(ok, digits.fillna("").map(lambda d: str(int(d)) if d else d), text)
    norm = norm.astype(object)
    norm[empty] = None
    return norm, status, key


#: The kinds of record key a lookup can be joined on, and the field matching adds for each.
KEY_KINDS = {"postcode": NORM_COL, "uprn": "uprn_norm"}


def _parse_kind(values, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if kind == "postcode":
        return _parse(values)
    if kind == "uprn":
        return _parse_uprns(values)
    raise SegmentationError(f"Unknown key kind {kind!r}: expected postcode or uprn.")


def normalise_postcodes(series: pd.Series) -> pd.Series:
    """Vectorised :func:`normalise_postcode`; keeps the index, missing/blank become None."""
    norm, _, _ = _parse(series)
    return pd.Series(norm, index=series.index, name=series.name, dtype=object)


def is_valid_postcode(pc: str | None) -> bool:
    """True when a *normalised* postcode has the UK format (or is GIR 0AA)."""
    return pc is not None and POSTCODE_RE.match(pc) is not None


def _status_series(status: np.ndarray, index: pd.Index) -> pd.Series:
    return pd.Series(
        pd.Categorical.from_codes(status, categories=list(_STATUS)), index=index, name="status"
    )


def postcode_status(series: pd.Series) -> pd.Series:
    """Per record: ``ok``, ``empty`` or ``invalid format`` (categorical, same index)."""
    _, status, _ = _parse(series)
    return _status_series(status, series.index)


def validate(series: pd.Series) -> pd.DataFrame:
    """Normalised postcode and status for each record: columns ``postcode_norm``, ``status``."""
    norm, status, _ = _parse(series)
    return pd.DataFrame(
        {NORM_COL: norm, "status": _status_series(status, series.index)}, index=series.index
    )


# --------------------------------------------------------------------------------------------
# Lookups


def _key(name: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def detect_lookup_columns(columns: Sequence[str]) -> dict[str, str]:
    """Recognise ONSPD / NSPL / council postcode-lookup headers, case-insensitively.

    Returns role -> actual column name for the roles found: ``postcode`` (best form:
    pcds > pcd8 > pcd7 > pcd ...), the forms found (``pcd7``, ``pcd8``, ``pcds``), ``terminated``,
    ``introduced``, ``usertype``, ``oa11``, ``oa21``, ``lsoa11``, ``lsoa21``, ``msoa11``,
    ``msoa21`` (and 2001 forms), ``oac11``, ``lad``, ``ward`` and ``uprn`` (an address key, as
    in the ONS UPRN Directory).
    """
    keys = {_key(c): c for c in reversed(list(columns))}  # first spelling wins on clashes
    found: dict[str, str] = {}
    for name in _POSTCODE_NAMES:
        if name in keys:
            found["postcode"] = keys[name]
            break
    for role, names in _POSTCODE_FORMS.items():
        hit = next((keys[n] for n in names if n in keys), None)
        if hit is not None:
            found[role] = hit
    for role, pattern in _ROLE_PATTERNS:
        rx = re.compile(f"^(?:{pattern})$")
        for col in columns:
            if rx.match(_key(col)) and col not in found.values():
                found[role] = col
                break
    return found


def terminated_flags(values: pd.Series) -> np.ndarray:
    """True where a termination column says the postcode is terminated.

    Dates (``199606``, ``2010-01-01``) and yes-like flags count as terminated; empty, 0,
    ``N``/``No``/``False``/``Live`` do not.
    """
    if pd.api.types.is_bool_dtype(values):
        return values.fillna(False).to_numpy(bool)
    if pd.api.types.is_numeric_dtype(values):
        return (values.fillna(0) != 0).to_numpy(bool)
    codes, uniques = pd.factorize(values, sort=False)
    text = pd.Series(np.asarray(uniques, dtype=object)).astype(str).str.strip().str.upper()
    live = text.isin(["", "0", "N", "NO", "FALSE", "F", "LIVE", "NAN", "NONE", "NULL"])
    flags = np.append(~live.to_numpy(bool), False)
    return np.take(flags, codes)


def _require(df: pd.DataFrame, cols: Sequence[str | None], what: str) -> None:
    missing = [c for c in cols if c is not None and c not in df.columns]
    if missing:
        raise SegmentationError(
            f"Field '{missing[0]}' is not in the {what}; fields are: "
            f"{', '.join(map(str, df.columns))}."
        )


def _dedupe(idx: pd.DataFrame, area_col: str) -> tuple[pd.DataFrame, int, pd.DataFrame]:
    """Keep one row per postcode key: the live one, else the first. (index, dropped, conflicts)"""
    conflicts = pd.DataFrame(columns=[NORM_COL, area_col, TERMINATED_COL])
    dup = idx[KEY_COL].duplicated(keep=False).to_numpy()
    if not dup.any():
        return idx, 0, conflicts
    rows = idx[dup]
    n_areas = rows.groupby(KEY_COL, sort=False)[area_col].transform("nunique")
    conflicts = (
        rows.loc[n_areas.to_numpy() > 1, [NORM_COL, area_col, TERMINATED_COL]]
        .sort_values(NORM_COL)
        .reset_index(drop=True)
    )
    order = np.lexsort((np.arange(len(idx)), idx[TERMINATED_COL].to_numpy()))  # live first
    idx = idx.iloc[order]
    first = ~idx[KEY_COL].duplicated(keep="first").to_numpy()
    return idx[first].sort_index(), int((~first).sum()), conflicts


def build_postcode_index(
    lookup_df: pd.DataFrame,
    postcode_col: str,
    area_col: str,
    terminated_col: str | None = None,
    kind: str = "postcode",
) -> pd.DataFrame:
    """Lookup indexed by normalised postcode (or UPRN, with ``kind="uprn"``) with columns
    ``area_col``, ``terminated`` and ``postcode_key`` (integer join key).

    Rows with an empty postcode or area, or a postcode not in UK format, are left out.
    Duplicates after normalisation keep the live row (else the first one). ``attrs`` report
    ``area_col``, ``dropped_empty``, ``invalid_format`` (count) and ``invalid_examples``,
    ``duplicates`` (rows dropped) and ``conflicts`` (DataFrame of duplicated postcodes whose
    area codes differ).
    """
    _require(lookup_df, [postcode_col, area_col, terminated_col], "postcode lookup")
    norm, status, key = _parse_kind(lookup_df[postcode_col], kind)
    area = lookup_df[area_col]
    if isinstance(area.dtype, pd.CategoricalDtype):
        area = area.array
    else:
        area = pd.Categorical(area.where(area.astype(str).str.strip() != ""))
    term = (
        terminated_flags(lookup_df[terminated_col])
        if terminated_col
        else np.zeros(len(lookup_df), bool)
    )
    has_area = area.codes >= 0
    empty = (status == 0) | ~has_area
    invalid = (status == 1) & has_area
    keep = (status == 2) & has_area
    idx = pd.DataFrame({NORM_COL: norm, area_col: area, TERMINATED_COL: term, KEY_COL: key})
    if not keep.all():
        idx = idx[keep]
    idx, duplicates, conflicts = _dedupe(idx, area_col)
    idx = idx.set_index(NORM_COL)
    idx[area_col] = idx[area_col].cat.remove_unused_categories()
    idx.attrs.update(
        area_col=area_col,
        key_kind=kind,
        dropped_empty=int(empty.sum()),
        invalid_format=int(invalid.sum()),
        invalid_examples=[str(v) for v in norm[invalid][:5]],
        duplicates=duplicates,
        conflicts=conflicts,
    )
    return idx


# --------------------------------------------------------------------------------------------
# Matching


def _area_column(index_df: pd.DataFrame) -> str:
    cols = [c for c in index_df.columns if c not in (TERMINATED_COL, KEY_COL)]
    if TERMINATED_COL not in index_df.columns or len(cols) != 1:
        raise SegmentationError(
            "The postcode index must come from build_postcode_index (one area column and "
            f"'{TERMINATED_COL}'); it has: {', '.join(map(str, index_df.columns))}."
        )
    return cols[0]


def _check_no_clash(records_df: pd.DataFrame, new_cols: Sequence[str]) -> None:
    clash = [c for c in new_cols if c in records_df.columns]
    if clash:
        raise SegmentationError(
            f"The records already have a field named '{clash[0]}', which matching adds; "
            "rename that field first."
        )


def _cluster_lookup(
    area: pd.Categorical,
    areas_df: pd.DataFrame,
    area_id_col: str | None,
    cluster_cols: Sequence[str],
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Position of each area code in areas_df (-1 if absent) and the cluster codes taken."""
    if area_id_col is None:
        raise SegmentationError("An area id field is needed to join the classification table.")
    _require(areas_df, [area_id_col, *cluster_cols], "classification table")
    ids = areas_df[area_id_col].astype(str).str.strip()
    dup = ids[ids.duplicated()]
    if len(dup):
        raise SegmentationError(
            f"Area id field '{area_id_col}' repeats code {dup.iloc[0]} in the classification table."
        )
    upos = pd.Index(ids).get_indexer(area.categories.astype(str))
    pos = np.where(area.codes >= 0, np.append(upos, -1)[area.codes], -1)
    found = pos >= 0
    clusters = {}
    for col in cluster_cols:
        out = np.full(len(pos), None, dtype=object)
        out[found] = np.asarray(areas_df[col].array.take(pos[found]), dtype=object)
        clusters[col] = out
    return pos, clusters


def match_records(
    records_df: pd.DataFrame,
    postcode_col: str,
    index_df: pd.DataFrame,
    areas_df: pd.DataFrame | None = None,
    area_id_col: str | None = None,
    cluster_cols: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Match records to areas (and clusters) by postcode; every record comes out once.

    ``matched`` keeps the record's own fields plus ``postcode_norm``, the area code (named as
    in the index), ``terminated`` and the cluster columns. ``unmatched`` keeps the fields plus
    ``postcode_norm`` and ``reason``: ``empty``, ``invalid format``, ``not in lookup`` or
    ``area not in classification``. Both keep the records' original index. An index built
    on UPRNs (``kind="uprn"``) matches ``postcode_col`` as a UPRN and adds ``uprn_norm``.
    ``summary`` holds ``records``, ``matched``, ``unmatched``, ``terminated`` (matched to a
    terminated postcode), ``by_reason`` (count per reason) and ``match_rate`` (percent matched).
    """
    _require(records_df, [postcode_col], "records")
    area_col = _area_column(index_df)
    cluster_cols = list(cluster_cols)
    if cluster_cols and areas_df is None:
        raise SegmentationError("Cluster fields were given but no classification table.")
    kind = index_df.attrs.get("key_kind", "postcode")
    norm_col = KEY_KINDS.get(kind, NORM_COL)
    _check_no_clash(records_df, [norm_col, area_col, TERMINATED_COL, REASON_COL, *cluster_cols])

    n = len(records_df)
    norm, status, key = _parse_kind(records_df[postcode_col], kind)
    reason = np.select([status == 0, status == 1], [0, 1], -1).astype(np.int8)  # -1: matched

    ok = np.flatnonzero(reason < 0)
    pos = np.full(n, -1, dtype=np.int64)
    if KEY_COL in index_df.columns:
        pos[ok] = pd.Index(index_df[KEY_COL].to_numpy()).get_indexer(key[ok])
    else:
        pos[ok] = index_df.index.get_indexer(norm[ok])
    reason[ok[pos[ok] < 0]] = 2

    hit = np.flatnonzero(reason < 0)
    area_codes = pd.Categorical(index_df[area_col]).take(pos[hit])
    clusters: dict[str, np.ndarray] = {}
    if areas_df is not None:
        apos, clusters = _cluster_lookup(area_codes, areas_df, area_id_col, cluster_cols)
        missing = apos < 0
        reason[hit[missing]] = 3
        keep = ~missing
        hit, area_codes = hit[keep], area_codes[keep]
        clusters = {c: v[keep] for c, v in clusters.items()}

    matched = records_df.iloc[hit].copy()
    matched[norm_col] = norm[hit]
    matched[area_col] = np.asarray(area_codes, dtype=object)
    matched[TERMINATED_COL] = index_df[TERMINATED_COL].to_numpy()[pos[hit]]
    for col, values in clusters.items():
        matched[col] = values

    miss = np.flatnonzero(reason >= 0)
    unmatched = records_df.iloc[miss].copy()
    unmatched[norm_col] = norm[miss]
    unmatched[REASON_COL] = pd.Categorical.from_codes(reason[miss], categories=list(REASONS))

    counts = np.bincount(reason[miss], minlength=len(REASONS))
    summary = {
        "records": n,
        "matched": len(matched),
        "unmatched": len(unmatched),
        "terminated": int(matched[TERMINATED_COL].sum()),
        "by_reason": {r: int(c) for r, c in zip(REASONS, counts)},
        "match_rate": 100.0 * len(matched) / n if n else float("nan"),
    }
    return matched, unmatched, summary



# --------------------------------------------------------------------------------------------
# Census year: which of the lookup's area columns the classification is coded in

#: Area-code roles of a lookup, in the order preferred when two match equally well.
AREA_ROLES = ("oa21", "oa11", "oa01", "lsoa21", "lsoa11", "lsoa01", "msoa21", "msoa11",
              "msoa01", "ward", "lad")
AREA_LABELS = {
    "oa21": "Output Areas 2021", "oa11": "Output Areas 2011", "oa01": "Output Areas 2001",
    "lsoa21": "LSOAs 2021", "lsoa11": "LSOAs 2011", "lsoa01": "LSOAs 2001",
    "msoa21": "MSOAs 2021", "msoa11": "MSOAs 2011", "msoa01": "MSOAs 2001",
    "ward": "wards", "lad": "local authorities",
}
#: A column "matches well" when at least this percent of the records found in the lookup (or,
#: without any, of the classification's area codes) match the classification through it.
GOOD_AREA_MATCH = 50.0


def area_candidates(detected: dict[str, str]) -> dict[str, str]:
    """Area-code columns recognised by :func:`detect_lookup_columns`: column -> label."""
    return {detected[r]: AREA_LABELS[r] for r in AREA_ROLES if r in detected}


def _first_rows(keys: np.ndarray, terminated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, key) of each distinct valid key: its live row, else its first; -1 keys (empty or
    invalid) are left out."""
    order = np.lexsort((np.arange(len(keys)), terminated))
    k = keys[order]
    first = (k >= 0) & ~pd.Series(k).duplicated().to_numpy()
    return order[first], k[first]


def rank_area_columns(
    lookup_df: pd.DataFrame,
    key_col: str,
    candidates: dict[str, str],
    record_values: pd.Series,
    area_ids: pd.Series,
    terminated_col: str | None = None,
    kind: str = "postcode",
) -> pd.DataFrame:
    """How well each candidate area column of a lookup links the records to the classification.

    ``candidates`` maps column -> label (e.g. ``{"oa21": "Output Areas 2021"}``). One row per
    candidate, best first: ``column``, ``label``, ``in_lookup`` (records whose key is in the
    lookup), ``matched`` (of those, records whose area through this column is one of
    ``area_ids``), ``rate`` (percent of ``in_lookup``; NaN when none), ``coverage`` (percent of
    the classification's area codes that appear in the column). Best = most records matched,
    then highest coverage, then the order of ``candidates``.
    """
    _require(lookup_df, [key_col, terminated_col, *candidates], "postcode lookup")
    _, _, lkeys = _parse_kind(lookup_df[key_col], kind)
    term = (terminated_flags(lookup_df[terminated_col]) if terminated_col
            else np.zeros(len(lookup_df), bool))
    rows, ukeys = _first_rows(lkeys, term)
    _, _, rkeys = _parse_kind(record_values, kind)
    pos = np.where(rkeys >= 0, pd.Index(ukeys).get_indexer(rkeys), -1)
    at = rows[pos[pos >= 0]]  # lookup row of each record found in the lookup
    in_lookup = len(at)
    ids = pd.Index(pd.Series(area_ids, dtype=object).dropna().astype(str).str.strip().unique())
    out = []
    for order, (col, label) in enumerate(candidates.items()):
        values = lookup_df[col]
        cat = values.array if isinstance(values.dtype, pd.CategoricalDtype) \
            else pd.Categorical(values)
        cats = pd.Index(pd.Series(cat.categories, dtype=object).astype(str).str.strip())
        in_ids = np.append(cats.isin(ids), False)  # per category (and -1: empty)
        matched = int(in_ids[cat.codes[at]].sum())
        used = np.unique(cat.codes[cat.codes >= 0])
        coverage = 100.0 * ids.isin(cats[used]).sum() / len(ids) if len(ids) else float("nan")
        out.append({"column": col, "label": label, "in_lookup": in_lookup, "matched": matched,
                    "rate": 100.0 * matched / in_lookup if in_lookup else float("nan"),
                    "coverage": coverage, "_order": order})
    table = pd.DataFrame(out, columns=["column", "label", "in_lookup", "matched", "rate",
                                       "coverage", "_order"])
    table = table.sort_values(["matched", "coverage", "_order"], ascending=[False, False, True],
                              kind="mergesort")
    return table.drop(columns="_order").reset_index(drop=True)


def _good(row: pd.Series) -> bool:
    rate = row["rate"] if row["in_lookup"] else float("nan")
    return bool((not math.isnan(rate) and rate >= GOOD_AREA_MATCH)
                or row["coverage"] >= GOOD_AREA_MATCH)


def describe_area_rates(ranking: pd.DataFrame, limit: int | None = None) -> str:
    """``'oa11' (Output Areas 2011) 100.0 % (200 of 200 records; …)`` for a log or message;
    the best ``limit`` columns only when given."""
    parts = []
    for _, r in ranking.head(limit if limit else len(ranking)).iterrows():
        rate = "n/a" if math.isnan(r["rate"]) else f"{r['rate']:.1f} %"
        parts.append(f"'{r['column']}' ({r['label']}) {rate} ({r['matched']} of {r['in_lookup']}"
                     f" records; {r['coverage']:.1f} % of the classification's codes present)")
    return "; ".join(parts)


def _year_hint(ranking: pd.DataFrame, area_id_col: str, example: str | None) -> str:
    codes = f", e.g. {example}" if example else ""
    return (
        f"The classification's area codes ('{area_id_col}'{codes}) and the lookup's area "
        "columns are probably from different census years or geographies: a 2011-based "
        "classification (2011 Output Areas, as in the 2011 OAC, LOAC 2011 and most council "
        "classifications built before 2023) needs the lookup's oa11 column, a 2021-based one "
        "its oa21 column; LSOA- or ward-level classifications need the lsoa or ward column. "
        "Many English OA codes are the same in 2011 and 2021, so a wrong year can still match "
        "most records while the changed areas fail. Rates by column: "
        f"{describe_area_rates(ranking, 4)}."
    )


def choose_area_column(
    ranking: pd.DataFrame,
    area_id_col: str,
    chosen: str | None = None,
    example: str | None = None,
) -> tuple[str, str | None]:
    """The area column to join through, and a warning (or None).

    Without ``chosen``: the best-ranked column, refused (SegmentationError naming the year
    mismatch) when it does not match well (:data:`GOOD_AREA_MATCH`). With ``chosen`` (the
    officer's own column): kept when it matches well (a warning when another column matches
    more records), refused when it does not. When no record is in the lookup at all there is
    nothing to judge on: the chosen (else best-covering) column is used, with a warning.
    """
    if not len(ranking):
        raise SegmentationError("No area column to check against the classification.")
    best = ranking.iloc[0]
    if not best["in_lookup"]:  # nothing to judge the year on: the join will say why
        pick = chosen or str(best["column"])
        return pick, (
            "No record's key is in the lookup, so the census year of its area columns could "
            f"not be checked on the records; '{pick}' is used. Classification codes present by "
            f"column: {describe_area_rates(ranking, 4)}.")
    if chosen is None:
        if not _good(best):
            raise SegmentationError(
                "None of the lookup's area columns matches the classification well (best: "
                f"'{best['column']}', {best['matched']} of {best['in_lookup']} records). "
                + _year_hint(ranking, area_id_col, example))
        return str(best["column"]), None
    rows = ranking[ranking["column"] == chosen]
    if not len(rows):  # not a recognised area column: nothing to compare it with
        return chosen, None
    mine = rows.iloc[0]
    other = f" '{best['column']}' ({best['label']}) matches {best['matched']}."
    if not _good(mine):
        raise SegmentationError(
            f"The lookup area field '{chosen}' ({mine['label']}) matches {mine['matched']} of "
            f"{mine['in_lookup']} records to the classification."
            + (other if best["column"] != chosen and _good(best) else "") + " "
            + _year_hint(ranking, area_id_col, example))
    if best["column"] != chosen and best["matched"] > mine["matched"]:
        return chosen, (
            f"The lookup area field '{chosen}' ({mine['label']}) matches {mine['matched']} of "
            f"{mine['in_lookup']} records to the classification, but{other} "
            + _year_hint(ranking, area_id_col, example))
    return chosen, None


MATCHED_BY_COL = "matched_by"


def match_uprn_then_postcode(
    records_df: pd.DataFrame,
    uprn_col: str,
    uprn_index: pd.DataFrame,
    postcode_col: str,
    postcode_index: pd.DataFrame,
    areas_df: pd.DataFrame | None = None,
    area_id_col: str | None = None,
    cluster_cols: Sequence[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """:func:`match_records` by UPRN, then by postcode for the records whose UPRN is empty,
    invalid or not in the lookup (a record whose UPRN's area is not in the classification is
    not retried: its address is known). ``matched_by`` says which key matched; unmatched
    records carry the postcode attempt's reason. Every record comes out once, in file order.
    """
    _check_no_clash(records_df, [MATCHED_BY_COL])
    m1, u1, _ = match_records(records_df, uprn_col, uprn_index, areas_df, area_id_col,
                              cluster_cols)
    retry = (u1[REASON_COL] != NOT_CLASSIFIED).to_numpy()
    m2, u2, _ = match_records(records_df.loc[u1.index[retry]], postcode_col, postcode_index,
                              areas_df, area_id_col, cluster_cols)
    m1[MATCHED_BY_COL] = "uprn"
    m2[MATCHED_BY_COL] = "postcode"
    matched = pd.concat([m1, m2]).sort_index(kind="mergesort")
    unmatched = pd.concat([u1[~retry].drop(columns=KEY_KINDS["uprn"]), u2])
    unmatched = unmatched.sort_index(kind="mergesort")
    unmatched[REASON_COL] = pd.Categorical(unmatched[REASON_COL].astype(str),
                                           categories=list(REASONS))
    n = len(records_df)
    counts = unmatched[REASON_COL].value_counts()
    summary = {
        "records": n,
        "matched": len(matched),
        "unmatched": len(unmatched),
        "terminated": int(matched[TERMINATED_COL].astype(bool).sum()),
        "by_reason": {r: int(counts.get(r, 0)) for r in REASONS},
        "match_rate": 100.0 * len(matched) / n if n else float("nan"),
        "by_uprn": len(m1),
        "by_postcode": len(m2),
    }
    return matched, unmatched, summary
