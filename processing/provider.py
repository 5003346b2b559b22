"""The `segmentation` Processing provider."""

from __future__ import annotations

import importlib
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.dependencies import install_hint, missing_packages

LOG_TAG = "Customer Segmentation"
ICON = Path(__file__).resolve().parent.parent / "icon.svg"


# (module, class) of every algorithm, in toolbox order. Add new algorithms here.
ALGORITHMS = [
    ("import_census", "ImportCensusAlgorithm"),
    ("prepare_variables", "PrepareVariablesAlgorithm"),
    ("standardise", "StandardiseAlgorithm"),
    ("correlation", "CorrelationAlgorithm"),
    ("compare_k", "CompareKAlgorithm"),
    ("kmeans", "KMeansAlgorithm"),
    ("subcluster", "SubclusterAlgorithm"),
    ("apply_model", "ApplyModelAlgorithm"),
    ("join_postcodes", "JoinPostcodesAlgorithm"),
    ("profile", "ProfileAlgorithm"),
    ("composition", "CompositionAlgorithm"),
    ("targeting", "TargetingAlgorithm"),
    ("area_profile", "AreaProfileAlgorithm"),
    ("aggregate", "AggregateAlgorithm"),
]


def algorithm_classes() -> list:
    """Every algorithm class. Imported one by one, so that one broken module is reported in the
    log instead of taking the whole provider (or QGIS start-up) down."""
    classes = []
    for module, name in ALGORITHMS:
        try:
            mod = importlib.import_module(f"{__package__}.{module}")
            classes.append(getattr(mod, name))
        except Exception as e:  # noqa: BLE001 — report any failure, keep the others
            QgsMessageLog.logMessage(f"Algorithm {module}.{name} not loaded: {e!r}", LOG_TAG,
                                     Qgis.Critical)
    return classes


class SegmentationProvider(QgsProcessingProvider):
    """Customer Segmentation algorithms (id `segmentation`)."""

    def id(self) -> str:
        return "segmentation"

    def name(self) -> str:
        return QCoreApplication.translate("CustomerSegmentation", "Customer Segmentation")

    def longName(self) -> str:
        return self.name()

    def icon(self):
        return QIcon(str(ICON))

    def loadAlgorithms(self):
        missing = missing_packages()
        if missing:
            QgsMessageLog.logMessage(install_hint(missing), LOG_TAG, Qgis.Warning)
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
