"""Cluster codes (1, 1a, 1a1 …): ordering, without numpy (used at start-up)."""

from __future__ import annotations

import re

_PARTS = re.compile(r"\d+|\D+")


def natural_key(code) -> list:
    """Sort `2` before `10` and `1a` before `1b`."""
    return [int(t) if t.isdigit() else t for t in _PARTS.findall(str(code))]
