"""Qt6 / QGIS 4 readiness check: fail on Qt5-only patterns in the plugin's code.

Checks every Python file of the plugin (and its tests and scripts) for:
- an unscoped Qt enum (``Qt.AlignLeft``: PyQt6 only has ``Qt.AlignmentFlag.AlignLeft``), found
  by resolving each ``Qxxx.Name`` against the Qt bindings at hand (PyQt5 here);
- a Qt name that PyQt6 does not have (when PyQt6 is importable by ``--pyqt6 PYTHON``);
- ``exec_(``, a direct ``PyQt5``/``PyQt6`` import, ``QVariant.Type`` constants, ``QRegExp``,
  ``QDesktopWidget``, ``QApplication.desktop()`` and ``qApp``;
- ``tr(f"...")`` (an f-string can never match a translation).

Usage: ``python scripts/check_qt6.py [--pyqt6 PYTHON] [FILES...]``; exit status 1 on findings.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIRS = ("core", "processing", "ui", "scripts", "tests", "bench", "sample_data")
TOP = ("__init__.py", "plugin.py")
SKIP = {"check_qt6.py", "test_qt6_readiness.py"}  # these hold samples of what is refused

_PATTERNS = [
    (re.compile(r"\.exec_\("), "exec_() is gone in Qt6: use exec()"),
    (re.compile(r"^\s*(from|import)\s+PyQt[56]\b"), "import Qt through qgis.PyQt, not PyQt5/6"),
    (re.compile(r"\bQVariant\.[A-Z][A-Za-z]+\b"), "QVariant.Type constants are gone in Qt6: "
                                                 "use QMetaType.Type"),
    (re.compile(r"\bQRegExp\b"), "QRegExp is gone in Qt6: use QRegularExpression"),
    (re.compile(r"\bQDesktopWidget\b|QApplication\.desktop\(|\bqApp\b"),
     "QDesktopWidget/desktop()/qApp are gone in Qt6"),
]


def plugin_files(root: Path = ROOT) -> list[Path]:
    """The Python files this check covers."""
    files = [root / t for t in TOP if (root / t).exists()]
    for d in DIRS:
        files += sorted(p for p in (root / d).rglob("*.py") if p.name not in SKIP)
    return files


def _qt_imports(tree: ast.AST) -> dict[str, str]:
    """Names imported from qgis.PyQt.<module> -> that module's name (QtCore, QtGui, ...)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                "qgis.PyQt."):
            for alias in node.names:
                names[alias.asname or alias.name] = node.module.split(".")[-1]
    return names


def _chains(tree: ast.AST, qt_names: dict[str, str]):
    """(line, module, [Name, attr, attr...]) for every attribute chain on an imported Qt name."""
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or isinstance(parents.get(node), ast.Attribute):
            continue
        parts, cur = [], node
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if isinstance(cur, ast.Name) and cur.id in qt_names:
            parts.append(cur.id)
            yield node.lineno, qt_names[cur.id], parts[::-1]


def _is_enum_member(value) -> bool:
    """True for a member of a Qt enum (sip enum under PyQt5, enum.Enum under PyQt6)."""
    import enum

    if isinstance(value, enum.Enum):
        return True
    return type(type(value)).__name__ == "enumtype"


def resolve(binding: str, module: str, parts: list[str]) -> str | None:
    """Why ``module.parts`` is not Qt6-style in ``binding`` (None when it is fine)."""
    try:
        obj = importlib.import_module(f"{binding}.{module}")
    except ImportError:
        return None
    # QGIS's qgis.PyQt.QtWidgets offers QAction under Qt5; Qt6 has it in QtGui.
    for i, name in enumerate(parts):
        try:
            nxt = getattr(obj, name)
        except AttributeError:
            if i == 0 and binding == "PyQt6" and module == "QtWidgets":
                try:
                    nxt = getattr(importlib.import_module("PyQt6.QtGui"), name)
                except AttributeError:
                    return "{} has no {}".format(binding, ".".join(parts[:i + 1]))
            else:
                if i == 0:
                    return f"{binding}.{module} has no {name}"
                return "{} has no {}".format(binding, ".".join(parts[:i + 1]))
        if i >= 1 and i == len(parts) - 1 and _is_enum_member(nxt) and isinstance(obj, type):
            if not _is_enum_type(obj):
                return "unscoped enum {}: use {}.{}.{}".format(
                    ".".join(parts), ".".join(parts[:i]), type(nxt).__name__, name)
        obj = nxt
        if not isinstance(obj, type) and not _is_enum_type(obj) and i < len(parts) - 1:
            return None  # a method or value: past the part that names Qt
    return None


def _is_enum_type(obj) -> bool:
    import enum

    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        return True
    return type(obj).__name__ == "enumtype"


def _tr_fstrings(tree: ast.AST):
    """Lines of tr()/translate() calls whose text is (or contains) an f-string."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
        if name not in ("tr", "translate") or not node.args:
            continue
        texts = node.args[:1] if name == "tr" else node.args[1:2]
        for arg in texts:
            if any(isinstance(n, ast.JoinedStr) for n in ast.walk(arg)):
                yield node.lineno


def check_source(text: str, filename: str = "<source>",
                 bindings: tuple[str, ...] = ("PyQt5",)) -> list[str]:
    """Findings for one file's source, each as 'file:line: message'."""
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        for pattern, message in _PATTERNS:
            if pattern.search(code):
                out.append(f"{filename}:{no}: {message}")
    tree = ast.parse(text, filename)
    for no in _tr_fstrings(tree):
        out.append(f"{filename}:{no}: f-string inside tr(): use tr('... {{}} ...').format(...)")
    qt_names = _qt_imports(tree)
    for no, module, parts in _chains(tree, qt_names):
        for binding in bindings:
            why = resolve(binding, module, parts)
            if why:
                out.append(f"{filename}:{no}: {why}")
    return out


def chains_of(files: list[Path]) -> list[tuple[str, int, str, list[str]]]:
    """Every Qt attribute chain in the files, for checking against another binding."""
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for no, module, parts in _chains(tree, _qt_imports(tree)):
            found.append((str(path), no, module, parts))
    return found


def check_pyqt6(python: str, files: list[Path]) -> list[str]:
    """Resolve every Qt chain with PyQt6 in another interpreter (Qt5 and Qt6 cannot share one)."""
    chains = chains_of(files)
    script = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import check_qt6 as c; "
        "chains = json.load(sys.stdin); "
        "print(json.dumps([f'{p}:{n}: {w}' for p, n, m, parts in chains "
        "for w in [c.resolve('PyQt6', m, parts)] if w]))")
    run = subprocess.run([python, "-c", script], input=json.dumps(chains), text=True,
                         capture_output=True, check=False)
    if run.returncode != 0:
        raise SystemExit("check_qt6: PyQt6 check failed to run:\n" + run.stderr)
    return json.loads(run.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyqt6", metavar="PYTHON",
                        help="an interpreter with PyQt6, to check every Qt name exists there")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or plugin_files()
    findings = []
    for path in files:
        rel = path.relative_to(ROOT) if path.is_absolute() and ROOT in path.parents else path
        findings += check_source(path.read_text(encoding="utf-8"), str(rel))
    n_chains = len(chains_of(files))
    if args.pyqt6:
        findings += check_pyqt6(args.pyqt6, files)
    for f in findings:
        print(f)
    print("check_qt6: {} file(s), {} Qt name(s){}: {} finding(s)".format(
        len(files), n_chains, " (also resolved in PyQt6)" if args.pyqt6 else "", len(findings)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
