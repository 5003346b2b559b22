"""What the docks share: cached attribute arrays, chart pixmaps, project-saved state, the
variable lookup (read once)."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ..core.codes import natural_key

SCOPE = "CustomerSegmentation"


def tr(text: str) -> str:
    """Translate a dock string."""
    return QCoreApplication.translate("CustomerSegmentation", text)


def looks_like_counts(layer, field: str) -> bool:
    """Whole numbers ≥ 0 with some above 1 (a count of people), not a standardised or
    percentage column."""
    idx = layer.fields().indexOf(field)
    if idx < 0:
        return False
    values = []
    for v in layer.uniqueValues(idx, 500):
        try:
            values.append(float(v))
        except (TypeError, ValueError):
            continue
    values = [v for v in values if v == v]
    return bool(values) and min(values) >= 0 and max(values) > 1 and \
        all(abs(v - round(v)) < 1e-6 for v in values)


def guess_count_field(layer, words) -> str:
    """First numeric field whose name contains one of `words` (e.g. population) and that holds
    counts (never a standardised copy of a count)."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    for word in words:
        for f in layer.fields():
            if f.isNumeric() and word in f.name().lower() and \
                    not f.name().startswith("label_") and looks_like_counts(layer, f.name()):
                return f.name()
    return ""


_LOOKUPS: dict = {}


def read_lookup(path: str) -> tuple[dict[str, str], dict[str, str] | None]:
    """VariableCode → VariableName, and → VariableDomain (None without that column); read once
    per file version (cached by path and modification time)."""
    import os

    if not path or not os.path.exists(path):
        return {}, None
    key = (path, os.path.getmtime(path))
    if key not in _LOOKUPS:
        _LOOKUPS[key] = _read_lookup(path)
    return _LOOKUPS[key]


def release_caches() -> None:
    """Forget the lookups read (plugin unload)."""
    _LOOKUPS.clear()


def _read_lookup(path: str):
    from ..core.errors import SegmentationError
    from ..core.table_read import read_table

    try:
        lk = read_table(path, dtype=str)  # any encoding the plugin reads (UTF-16, cp1252 …)
    except (OSError, ValueError, SegmentationError):
        return {}, None
    if "VariableCode" not in lk.columns:
        return {}, None
    codes = lk["VariableCode"].str.strip()
    names = dict(zip(codes, lk["VariableName"])) if "VariableName" in lk.columns else {}
    domains = dict(zip(codes, lk["VariableDomain"])) if "VariableDomain" in lk.columns else None
    return names, domains


class LayerData:
    """Attributes of one layer read once: feature ids (sorted), cluster index, numeric arrays.

    Selections are then turned into row indices with a binary search, so that a selection
    change on 20,000 areas costs milliseconds."""

    def __init__(self, layer: QgsVectorLayer, cluster_field: str, fields: list[str]):
        names = layer.fields().names()
        fields = [f for f in dict.fromkeys(fields) if f and f in names]
        wanted = [cluster_field, *fields] if cluster_field in names else fields
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes(wanted, layer.fields())
        ids, codes, rows = [], [], []
        for feat in layer.getFeatures(request):
            ids.append(feat.id())
            codes.append(code_text(feat[cluster_field]) if cluster_field in names else "")
            rows.append([_num(feat[f]) for f in fields])
        order = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")
        self.ids = np.asarray(ids, dtype=np.int64)[order]
        codes = np.asarray(codes, dtype=object)[order] if codes else np.array([], dtype=object)
        self.codes = sorted({c for c in codes if c}, key=natural_key)
        lookup = {c: i for i, c in enumerate(self.codes)}
        self.code_index = np.array([lookup.get(c, -1) for c in codes], dtype=np.int64)
        matrix = np.asarray(rows, dtype=float).reshape(len(ids), len(fields))
        self.values = {f: matrix[order, j] for j, f in enumerate(fields)}
        self.fields = fields

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, fids) -> np.ndarray:
        """Row positions of the given feature ids (unknown ids ignored)."""
        fids = np.fromiter(fids, dtype=np.int64)
        if not len(fids) or not len(self.ids):
            return np.array([], dtype=np.int64)
        pos = np.searchsorted(self.ids, fids)
        pos = np.clip(pos, 0, len(self.ids) - 1)
        return pos[self.ids[pos] == fids]

    def matrix(self, fields: list[str]) -> np.ndarray:
        return np.column_stack([self.values[f] for f in fields]) if fields else \
            np.empty((len(self), 0))


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def save_state(key: str, state: dict, project: QgsProject | None = None) -> None:
    """Write the dock's state as project entries (saved with the project)."""
    project = project or QgsProject.instance()
    for name, value in state.items():
        entry = f"{key}/{name}"
        if isinstance(value, list):
            value = [str(v) for v in value]
            old, ok = project.readListEntry(SCOPE, entry, [])
        else:
            value = str(value if value is not None else "")
            old, ok = project.readEntry(SCOPE, entry, "")
        if old == value:  # unchanged (or still empty): leave the project clean
            continue
        project.writeEntry(SCOPE, entry, value)


def load_state(key: str, names: dict, project: QgsProject | None = None) -> dict:
    """Read the dock's state; `names`: entry → default (a list default reads a list)."""
    project = project or QgsProject.instance()
    out = {}
    for name, default in names.items():
        if isinstance(default, list):
            value, ok = project.readListEntry(SCOPE, f"{key}/{name}", default)
        else:
            value, ok = project.readEntry(SCOPE, f"{key}/{name}", default)
        out[name] = value if ok else default
    return out


def code_text(value) -> str:
    """Cluster code as text (3.0 → `3`), via core.labels imported on first use."""
    from ..core.labels import code_text as _code_text

    return _code_text(value)
