"""The `segmentation` Processing provider."""

from __future__ import annotations

import importlib
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
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
    ("area_profiles", "AreaProfilesAlgorithm"),
    ("aggregate", "AggregateAlgorithm"),
    ("pen_portraits", "PenPortraitsAlgorithm"),
    ("copy_model", "CopyModelAlgorithm"),
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
                                     Qgis.MessageLevel.Critical)
    return classes


MODELS = Path(__file__).resolve().parent.parent / "models"


class ShippedModel(QgsProcessingModelAlgorithm):
    """A graphical model shipped with the plugin, offered with a stable id and translated name."""

    def __init__(self, path: Path, alg_name: str, display: str):
        super().__init__()
        self._path, self._name, self._display = path, alg_name, display
        self.reload()

    def name(self) -> str:
        return self._name

    def displayName(self) -> str:
        return QCoreApplication.translate("CustomerSegmentation", self._display)

    def group(self) -> str:
        return QCoreApplication.translate("CustomerSegmentation", "Models (whole method)")

    def groupId(self) -> str:
        return "models"

    def createInstance(self):
        return ShippedModel(self._path, self._name, self._display)

    def reload(self) -> None:
        """(Re-)read the file: again once the provider is registered, so that its steps find
        this provider's algorithms (not in the registry yet while the provider loads) and its
        outputs are listed."""
        self.fromFile(str(self._path))
        helps = self.helpContent()  # the model's per-parameter help, as the modeler edits it
        for param in self.parameterDefinitions():
            if not param.help() and helps.get(param.name()):
                param.setHelp(helps[param.name()])


# file in models/, algorithm name, display name
SHIPPED_MODELS = [("customer_segmentation_method.model3", "wholemethod",
                   "Whole method: census to service profile")]


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

    def load(self) -> bool:
        """Load, then re-read the shipped models once this provider is in the registry: the
        registry only adds a provider after `load()`, so a model read during `loadAlgorithms`
        finds none of its steps ("Algorithm is not available") and lists no outputs."""
        ok = super().load()
        from qgis.core import QgsApplication

        QgsApplication.processingRegistry().providerAdded.connect(self._provider_added)
        return ok

    def unload(self) -> None:
        from qgis.core import QgsApplication

        try:
            QgsApplication.processingRegistry().providerAdded.disconnect(self._provider_added)
        except (TypeError, RuntimeError, AttributeError):  # never connected, or already gone
            # (AttributeError: QGIS 3.44's qgis_process has no registry any more at exit)
            pass
        super().unload()

    def _provider_added(self, provider_id: str) -> None:
        if provider_id == self.id():
            self.reload_models()

    def reload_models(self) -> None:
        """Re-read every shipped model (see `load`)."""
        for alg in self.algorithms():
            if isinstance(alg, ShippedModel):
                alg.reload()

    def loadAlgorithms(self):
        missing = missing_packages()
        if missing:
            QgsMessageLog.logMessage(install_hint(missing), LOG_TAG, Qgis.MessageLevel.Warning)
            return
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for filename, name, display in SHIPPED_MODELS:
            path = MODELS / filename
            if path.exists():
                self.addAlgorithm(ShippedModel(path, name, display))
