"""The `segmentation` Processing provider."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.dependencies import install_hint, missing_packages

ICON = Path(__file__).resolve().parent.parent / "icon.svg"


def algorithm_classes() -> list:
    """Every algorithm class (imported here so that a missing package cannot break start-up)."""
    from .aggregate import AggregateAlgorithm
    from .apply_model import ApplyModelAlgorithm
    from .area_profile import AreaProfileAlgorithm
    from .compare_k import CompareKAlgorithm
    from .composition import CompositionAlgorithm
    from .correlation import CorrelationAlgorithm
    from .join_postcodes import JoinPostcodesAlgorithm
    from .kmeans import KMeansAlgorithm
    from .prepare_variables import PrepareVariablesAlgorithm
    from .profile import ProfileAlgorithm
    from .standardise import StandardiseAlgorithm
    from .subcluster import SubclusterAlgorithm
    from .targeting import TargetingAlgorithm

    return [PrepareVariablesAlgorithm, StandardiseAlgorithm, CorrelationAlgorithm,
            CompareKAlgorithm, KMeansAlgorithm, SubclusterAlgorithm, ApplyModelAlgorithm,
            JoinPostcodesAlgorithm, ProfileAlgorithm, CompositionAlgorithm, TargetingAlgorithm,
            AreaProfileAlgorithm, AggregateAlgorithm]


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
            QgsMessageLog.logMessage(install_hint(missing), "Customer Segmentation")
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
