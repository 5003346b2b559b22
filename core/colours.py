"""Distinct cluster colours, and shades of a parent's colour for its sub-clusters, none of them
close to the map's selection colour (so that selected areas stay visible)."""

from __future__ import annotations

import colorsys

from .codes import natural_key, sort_codes

# Colour-blind-aware qualitative palette (Okabe-Ito, then Tableau 20 extras). Colours too close
# to the selection colour are skipped: Okabe-Ito's yellow (#F0E442, last here) is all but QGIS's
# default selection colour (#FFFF00).
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999",
           "#8C564B", "#17BECF", "#BCBD22", "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728",
           "#9467BD", "#7F7F7F", "#AEC7E8", "#98DF8A", "#FF9896", "#C5B0D5", "#F0E442"]
SELECTION = "#FFFF00"  # QGIS's default selection colour
MIN_DISTANCE = 30.0  # CIE76 ΔE: below this a selected area is hard to tell from a cluster's


def lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB `#RRGGBB` colour."""
    rgb = [int(hex_colour.lstrip("#")[j:j + 2], 16) / 255 for j in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str) -> float:
    """CIE76 colour difference ΔE*ab of two `#RRGGBB` colours (about 2.3 is just noticeable)."""
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def _shade(hex_colour: str, i: int, n: int) -> str:
    r, g, b = (int(hex_colour[j:j + 2], 16) / 255 for j in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    if n > 1:
        light = 0.30 + 0.45 * i / (n - 1)
    r, g, b = colorsys.hls_to_rgb(h, light, s)
    return "#{:02X}{:02X}{:02X}".format(*(round(v * 255) for v in (r, g, b)))


def away_from(hex_colour: str, avoid: str = SELECTION, minimum: float = MIN_DISTANCE) -> str:
    """`hex_colour`, darkened step by step until it is at least `minimum` ΔE from `avoid`."""
    colour = hex_colour.upper()
    r, g, b = (int(colour[j:j + 2], 16) / 255 for j in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    while distance(colour, avoid) < minimum and light > 0.1:
        light -= 0.05
        colour = "#{:02X}{:02X}{:02X}".format(
            *(round(v * 255) for v in colorsys.hls_to_rgb(h, light, s)))
    return colour


def cluster_colours(codes, avoid: str = SELECTION) -> dict[str, str]:
    """A colour per code; codes sharing a parent (`1a`, `1b`) get shades of one hue; every
    colour at least MIN_DISTANCE (CIE76) from `avoid`, the selection colour."""
    codes = sort_codes(codes)
    tops = sorted({_top(c) for c in codes}, key=natural_key)
    palette = [c for c in PALETTE if distance(c, avoid) >= MIN_DISTANCE] or PALETTE
    base = {t: palette[i % len(palette)] for i, t in enumerate(tops)}
    out = {}
    for t in tops:
        members = [c for c in codes if _top(c) == t]
        if len(members) == 1 and members[0] == t:
            out[t] = base[t]
        else:
            for i, c in enumerate(members):
                out[c] = away_from(_shade(base[t], i, len(members)), avoid)
    return out


def _top(code: str) -> str:
    digits = ""
    for ch in code:
        if ch.isdigit():
            digits += ch
        else:
            break
    return digits or code
