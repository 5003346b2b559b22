"""Distinct cluster colours, and shades of a parent's colour for its sub-clusters."""

from __future__ import annotations

import colorsys

from .codes import natural_key, sort_codes

# Colour-blind-aware qualitative palette (Okabe-Ito, then Tableau 10 extras).
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
           "#999999", "#8C564B", "#17BECF", "#BCBD22", "#1F77B4", "#FF7F0E", "#2CA02C",
           "#D62728", "#9467BD"]


def _shade(hex_colour: str, i: int, n: int) -> str:
    r, g, b = (int(hex_colour[j:j + 2], 16) / 255 for j in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    if n > 1:
        light = 0.30 + 0.45 * i / (n - 1)
    r, g, b = colorsys.hls_to_rgb(h, light, s)
    return "#{:02X}{:02X}{:02X}".format(*(round(v * 255) for v in (r, g, b)))


def cluster_colours(codes) -> dict[str, str]:
    """A colour per code; codes sharing a parent (`1a`, `1b`) get shades of one hue."""
    codes = sort_codes(codes)
    tops = sorted({_top(c) for c in codes}, key=natural_key)
    base = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(tops)}
    out = {}
    for t in tops:
        members = [c for c in codes if _top(c) == t]
        if len(members) == 1 and members[0] == t:
            out[t] = base[t]
        else:
            for i, c in enumerate(members):
                out[c] = _shade(base[t], i, len(members))
    return out


def _top(code: str) -> str:
    digits = ""
    for ch in code:
        if ch.isdigit():
            digits += ch
        else:
            break
    return digits or code
