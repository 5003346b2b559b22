"""Cluster codes (1, 1a, 1a1 …): one text form and one ordering, without numpy (start-up).

A code may arrive as a number (1, 2.0 from a float column), numeric text ("2", " 2.0 "), text
("1a", "Urbanites"), or be missing (None, NaN, ""). :func:`code_text` gives the one text form
used everywhere (2.0 and "2.0" mean "2"; missing is None) and :func:`natural_key` the one
ordering: numbers by value (2 before 10), then letters (1a before 1b), any mix of text and
numbers comparable, missing codes last.
"""

from __future__ import annotations

import math
import re

_PARTS = re.compile(r"\d+|\D+")
_INTEGRAL = re.compile(r"^[+-]?\d+\.0*$")


def code_text(code: object) -> str | None:
    """The text form of a cluster code: stripped, `2.0` → `2`, missing/blank → None."""
    if code is None:
        return None
    if isinstance(code, bool):
        return str(code)
    if isinstance(code, float) or type(code).__name__.startswith("float"):
        value = float(code)
        if math.isnan(value):
            return None
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(code, int) or type(code).__name__.startswith(("int", "uint")):
        return str(int(code))
    text = str(code).strip()
    if text == "" or text.lower() in ("nan", "<na>", "none", "null"):
        return None
    if _INTEGRAL.match(text):
        return str(int(float(text)))
    return text


def natural_key(code: object) -> tuple:
    """Sort key: `2` before `10`, `1a` before `1b`, text and numbers mixed freely, missing last.

    Each run of digits compares as a number, each other run as text (case-insensitively, then
    exactly); a number run sorts before a text run at the same place, so keys never compare
    an int with a str.
    """
    text = code_text(code)
    if text is None:
        return (1,)
    parts = tuple((0, int(t), "") if t.isdigit() else (1, 0, t.lower()) for t in
                  _PARTS.findall(text))
    return (0, parts, text)


def sort_codes(codes) -> list:
    """Distinct codes (missing ones dropped) as text, in :func:`natural_key` order."""
    return sorted({t for t in (code_text(c) for c in codes) if t is not None}, key=natural_key)
