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


def _text(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def strings_of(path: Path) -> list[str]:
    """User-facing literal strings of one module, in source order."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ATTRS for t in node.targets):
            found.append(_text(node.value))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name == "translate" and len(node.args) == 2 and _text(node.args[0]) == CONTEXT:
                found.append(_text(node.args[1]))
            for i in HELPERS.get(name, []):
                if i < len(node.args):
                    found.append(_text(node.args[i]))
            if name in HELPERS:
                found += [_text(k.value) for k in node.keywords if k.arg in KEYWORDS]
    return [s for s in found if s and s.strip()]


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
