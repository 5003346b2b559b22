"""segmentation:copymodel: put a copy of the shipped whole-method model where the modeler edits."""

from __future__ import annotations

import shutil
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
)

from ..core.errors import SegmentationError
from .base import SegmentationAlgorithm
from .compat import FILE_FOLDER

MODEL = Path(__file__).resolve().parent.parent / "models" / "customer_segmentation_method.model3"


def user_models_folder() -> str:
    """The first folder Processing reads the officer's models from (Settings → Options →
    Processing → Models), as the modeler saves them."""
    try:
        from processing.modeler.ModelerUtils import ModelerUtils

        return ModelerUtils.modelsFolders()[0]
    except (ImportError, IndexError):  # Processing plugin not loaded: its default folder
        from qgis.core import QgsApplication

        return str(Path(QgsApplication.qgisSettingsDirPath()) / "processing" / "models")


class CopyModelAlgorithm(SegmentationAlgorithm):
    """Copies models/customer_segmentation_method.model3 into the officer's models folder."""

    ALG_ID = "copymodel"
    DISPLAY = "Copy the whole-method model for editing"
    GROUP_ID = "models"
    GROUP = "Models (whole method)"
    HELP = (
        "The shipped model 'Whole method: census to service profile' is part of the plugin and "
        "cannot be saved from the graphical modeler. This copies it into your own models folder "
        "(Settings → Options → Processing → Models; empty FOLDER: that folder), where it appears "
        "under Models in the toolbox as 'Whole method (my copy)': right-click it → Edit Model… "
        "to change any step. An existing copy is only replaced when you say so.")

    def initAlgorithm(self, config=None):
        self.add(QgsProcessingParameterFile(
            "FOLDER", self.tr("Models folder"), FILE_FOLDER,
            optional=True),
            "Where to copy the model. Empty: your Processing models folder.")
        self.add(QgsProcessingParameterBoolean("OVERWRITE", self.tr("Replace an existing copy"),
                                               False),
                 "Replace customer_segmentation_method.model3 if the folder already has one "
                 "(your edits to it are lost).")
        self.addOutput(QgsProcessingOutputFile("MODEL_FILE", self.tr("Copied model")))

    def compute(self, parameters, context, feedback):
        from qgis.core import QgsProcessingModelAlgorithm

        folder = Path(self.parameterAsString(parameters, "FOLDER", context)
                      or user_models_folder())
        target = folder / MODEL.name
        if target.exists() and not self.parameterAsBool(parameters, "OVERWRITE", context):
            raise SegmentationError(
                f"{target} already exists (perhaps with your edits): tick 'Replace an existing "
                "copy' to replace it, or choose another folder.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            model = QgsProcessingModelAlgorithm()
            if not model.fromFile(str(MODEL)):
                raise SegmentationError(f"The shipped model {MODEL} could not be read.")
            # Its own name, so the copy and the shipped model are told apart in the toolbox.
            model.setName("Whole method (my copy)")
            if not model.toFile(str(target)):
                shutil.copyfile(MODEL, target)
        except OSError as e:
            raise SegmentationError(f"Cannot write {target}: {e}") from None
        feedback.pushInfo(self.tr(
            "Copied to {target}: Models → 'Whole method (my copy)' → Edit Model…").format(
            target=target))
        return {"MODEL_FILE": str(target)}

    def postProcessAlgorithm(self, context, feedback):
        """Show the copy in the toolbox at once (main thread)."""
        from qgis.core import QgsApplication

        models = QgsApplication.processingRegistry().providerById("model")
        if models is not None:
            models.refreshAlgorithms()
        return super().postProcessAlgorithm(context, feedback)
