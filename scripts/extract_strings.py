"""Collect the plugin's user-facing strings for Qt's translation tools.

Algorithms translate through `QCoreApplication.translate("CustomerSegmentation", text)` (see
`SegmentationAlgorithm.tr`), often on class attributes (DISPLAY, GROUP, HELP) and help texts that
pylupdate5 cannot see. This script finds them with `ast` and writes build/i18n/strings.py as
literal `translate("CustomerSegmentation", "...")` calls, which pylupdate5 then reads (see
`make translations`).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = "CustomerSegmentation"
SOURCES = ["plugin.py", "processing", "ui"]
ATTRS = {"DISPLAY", "GROUP", "HELP"}
HELPERS = {"add": [1], "add_input": [1, 2], "add_sink": [1, 2], "tr": [0]}
KEYWORDS = {"help_text", "description"}
# Which of those are help texts (may stay English; every other string is translated).
HELP_ARGS = {"add": {1}, "add_input": {2}, "add_sink": {2}}
HELP_ATTRS = {"HELP"}
HELP_KEYWORDS = {"help_text"}


def _text(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def strings_of(path: Path, kinds: bool = False) -> list:
    """User-facing literal strings of one module, in source order (with `kinds`, as
    (text, "help" or "message") pairs: help texts may stay untranslated)."""
    found: list[tuple[str | None, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ATTRS for t in node.targets):
            kind = "help" if any(getattr(t, "id", None) in HELP_ATTRS
                                 for t in node.targets) else "message"
            found.append((_text(node.value), kind))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name == "translate" and len(node.args) == 2 and _text(node.args[0]) == CONTEXT:
                found.append((_text(node.args[1]), "message"))
            for i in HELPERS.get(name, []):
                if i < len(node.args):
                    kind = "help" if i in HELP_ARGS.get(name, ()) else "message"
                    found.append((_text(node.args[i]), kind))
            if name in HELPERS:
                found += [(_text(k.value), "help" if k.arg in HELP_KEYWORDS else "message")
                          for k in node.keywords if k.arg in KEYWORDS]
    found = [(s, k) for s, k in found if s and s.strip()]
    return found if kinds else [s for s, _ in found]


def all_strings() -> dict[str, str]:
    """Every user-facing string of the plugin -> "help" or "message" (a text used both ways
    counts as a message)."""
    out: dict[str, str] = {}
    for src in SOURCES:
        path = ROOT / src
        for file in sorted(path.rglob("*.py") if path.is_dir() else [path]):
            for text, kind in strings_of(file, kinds=True):
                out[text] = "message" if out.get(text) == "message" else kind
    return out


def main(out: str) -> None:
    texts: list[str] = []
    for src in SOURCES:
        path = ROOT / src
        for file in sorted(path.rglob("*.py") if path.is_dir() else [path]):
            texts += [t for t in strings_of(file) if t not in texts]
    lines = ["from qgis.PyQt.QtCore import QCoreApplication", ""]
    lines += [f"QCoreApplication.translate({CONTEXT!r}, {t!r})" for t in texts]
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(texts)} strings → {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "i18n" / "strings.py"))
