"""Schema checks of the files the plugin reads (model, standardisation, lookups).

Each check refuses with a SegmentationError naming the file, the key (a JSON path such as
``clusters[2].centre[5]``) and the value at fault, so that a damaged or hand-edited file is
never half-used: a NaN centre, a K that disagrees with the clusters, a centre shorter than
the field list or a standardisation without parameters for a field all stop the run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .errors import SegmentationError
from .options import SCALES, TRANSFORMS

_SHOW = 60  # characters of a bad value shown in a message


def show(value: object) -> str:
    """A short, safe rendering of a value for a message."""
    text = repr(value)
    return text if len(text) <= _SHOW else text[: _SHOW - 1] + "…"


def _fail(file: str, key: str, problem: str) -> SegmentationError:
    return SegmentationError(f"{file}: {key} {problem}")


def file_label(path: str | Path, what: str) -> str:
    """`the model file 'x.json'`-style label used at the start of each message."""
    return f"The {what} '{Path(str(path)).name}'"


def read_json(path: str | Path, what: str) -> object:
    """Parse a JSON file (JSON only: nothing in it is executed), naming the file on failure."""
    import json

    label = file_label(path, what)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise SegmentationError(f"{label} cannot be read: {e.strerror or e}.") from None
    if not raw.strip():
        raise SegmentationError(f"{label} is empty.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SegmentationError(
            f"{label} is not UTF-8 text (byte {e.start}): is it really a JSON file?") from None
    try:
        return json.loads(text)
    except ValueError as e:
        raise SegmentationError(f"{label} is not valid JSON: {e}.") from None
    except RecursionError:
        raise SegmentationError(f"{label} is not a valid file: its JSON is nested too "
                                "deeply.") from None


def require_keys(d: object, keys: Iterable[str], file: str, where: str = "") -> None:
    """`d` must be a JSON object holding every key of `keys`."""
    if not isinstance(d, Mapping):
        raise _fail(file, where or "the top level", f"must be a JSON object, not {show(d)}.")
    missing = [k for k in keys if k not in d]
    if missing:
        at = f" in {where}" if where else ""
        raise SegmentationError(
            f"{file}: key '{missing[0]}' is missing{at} (keys found: "
            f"{', '.join(map(str, d)) or 'none'}).")


def finite(value: object, file: str, key: str) -> float:
    """A finite number (not NaN, infinite, text, true/false or null)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(file, key, f"must be a number, not {show(value)}.")
    x = float(value)
    if not math.isfinite(x):
        raise _fail(file, key, f"must be a finite number, not {show(value)}.")
    return x


def integer(value: object, file: str, key: str, minimum: int | None = None) -> int:
    """A whole number (2 or 2.0), at least `minimum`."""
    x = finite(value, file, key)
    if x != int(x):
        raise _fail(file, key, f"must be a whole number, not {show(value)}.")
    if minimum is not None and x < minimum:
        raise _fail(file, key, f"must be at least {minimum}, not {show(value)}.")
    return int(x)


def text_list(value: object, file: str, key: str, unique: bool = True) -> list[str]:
    """A non-empty list of non-empty, (unique) strings."""
    if not isinstance(value, list) or not value:
        raise _fail(file, key, f"must be a non-empty list of names, not {show(value)}.")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise _fail(file, f"{key}[{i}]", f"must be a non-empty name, not {show(v)}.")
        out.append(v)
    if unique:
        seen: set[str] = set()
        for i, v in enumerate(out):
            if v in seen:
                raise _fail(file, f"{key}[{i}]", f"repeats {show(v)}.")
            seen.add(v)
    return out


def check_standardisation(d: object, file: str, key: str = "",
                          fields: Sequence[str] | None = None) -> None:
    """A standardisation record: known transform and scale, finite parameters for every field
    (and for every one of `fields` when given)."""
    at = f"{key}." if key else ""
    require_keys(d, ("transform", "scale", "fields", "parameters"), file, key)
    assert isinstance(d, Mapping)
    if d["transform"] not in TRANSFORMS:
        raise _fail(file, f"{at}transform", f"is {show(d['transform'])}; known transforms: "
                    f"{', '.join(TRANSFORMS)}.")
    if d["scale"] not in SCALES:
        raise _fail(file, f"{at}scale", f"is {show(d['scale'])}; known scales: "
                    f"{', '.join(SCALES)}.")
    std_fields = text_list(d["fields"], file, f"{at}fields")
    params = d["parameters"]
    if not isinstance(params, Mapping):
        raise _fail(file, f"{at}parameters", f"must be a JSON object, not {show(params)}.")
    for name in [*std_fields, *(f for f in (fields or ()) if f not in std_fields)]:
        if name not in params:
            raise SegmentationError(
                f"{file}: {at}parameters has no entry for field '{name}' (the standardisation "
                f"must cover every field; it covers: {', '.join(map(str, params)) or 'none'}).")
        p = params[name]
        where = f"{at}parameters['{name}']"
        require_keys(p, ("min", "max", "mean", "sd"), file, where)
        values = {k: finite(p[k], file, f"{where}.{k}") for k in ("min", "max", "mean", "sd")}
        unknown = set(p) - {"min", "max", "mean", "sd", "boxcox_lambda", "boxcox_scale"}
        if unknown:
            raise _fail(file, where, f"has unknown key(s) {', '.join(sorted(unknown))}.")
        if p.get("boxcox_scale") is not None and finite(
                p["boxcox_scale"], file, f"{where}.boxcox_scale") <= 0:
            raise _fail(file, f"{where}.boxcox_scale", "must be above 0.")
        lam = p.get("boxcox_lambda")
        if lam is not None:
            finite(lam, file, f"{where}.boxcox_lambda")
        elif d["transform"] == "boxcox":
            raise _fail(file, f"{where}.boxcox_lambda", "is missing: a Box-Cox transform "
                        "needs its fitted lambda.")
        if values["sd"] < 0:
            raise _fail(file, f"{where}.sd", f"must not be negative, not {show(p['sd'])}.")
        if d["scale"] == "range" and values["max"] <= values["min"]:
            raise _fail(file, f"{where}.max", f"({show(p['max'])}) must exceed min "
                        f"({show(p['min'])}) for range scaling.")
        if d["scale"] == "zscore" and values["sd"] == 0:
            raise _fail(file, f"{where}.sd", "is 0: a z-score cannot divide by it.")


def check_model(d: object, file: str) -> None:
    """A classification model (`core.classification`): keys, lengths, finite centres, K equal
    to the number of clusters, unique codes, a standardisation covering every field."""
    from .codes import code_text

    require_keys(d, ("fields", "k", "seed", "runs", "total_wcss", "clusters"), file)
    assert isinstance(d, Mapping)
    fields = text_list(d["fields"], file, "fields")
    clusters = d["clusters"]
    if not isinstance(clusters, list) or not clusters:
        raise _fail(file, "clusters", f"must be a non-empty list, not {show(clusters)}.")
    k = integer(d["k"], file, "k", 1)
    if k != len(clusters):
        raise _fail(file, "k", f"is {show(d['k'])} but the file holds {len(clusters)} "
                    "cluster(s).")
    integer(d["seed"], file, "seed", 0)
    integer(d["runs"], file, "runs", 1)
    finite(d["total_wcss"], file, "total_wcss")
    seen: dict[str, int] = {}
    for i, c in enumerate(clusters):
        where = f"clusters[{i}]"
        require_keys(c, ("code", "size", "centre"), file, where)
        code = c["code"]
        text = code_text(code) if isinstance(code, (str, int, float)) else None
        if text is None or isinstance(code, bool):
            raise _fail(file, f"{where}.code", f"must be a code such as 1 or '1a', not "
                        f"{show(code)}.")
        if text in seen:
            raise _fail(file, f"{where}.code", f"{show(code)} repeats clusters[{seen[text]}]'s "
                        "code.")
        seen[text] = i
        integer(c["size"], file, f"{where}.size", 0)
        centre = c["centre"]
        if not isinstance(centre, list):
            raise _fail(file, f"{where}.centre", f"must be a list of numbers, not {show(centre)}.")
        if len(centre) != len(fields):
            raise _fail(file, f"{where}.centre", f"has {len(centre)} value(s) but the model has "
                        f"{len(fields)} field(s).")
        for j, v in enumerate(centre):
            finite(v, file, f"{where}.centre[{j}] (field '{fields[j]}')")
    std = d.get("standardisation")
    if std is not None:
        check_standardisation(std, file, "standardisation", fields)
