"""What every Customer Segmentation algorithm shares: naming, help, errors, cancel, styling."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import RunCancelled, SegmentationError
from .compat import FLAG_ADVANCED, NUMBER_INTEGER, SOURCE_ANY_GEOMETRY, SOURCE_VECTOR, field_names

HELP_URL = "https://github.com/customer-segmentation/customer_segmentation#readme"


class SegmentationAlgorithm(QgsProcessingAlgorithm):
    """Base class: subclasses set the class attributes and implement `run`."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP_ID = "classification"
    GROUP = "Build a classification"
    HELP = ""
    STYLE_OUTPUT = None  # (output parameter name, field name parameter or literal) to style

    def __init__(self):
        super().__init__()
        self._style_targets: list[tuple[str, str]] = []
        self._feedback = None

    # --- identity -----------------------------------------------------------------
    def tr(self, text: str) -> str:
        """Translate through Qt's translation files (i18n/)."""
        return QCoreApplication.translate("CustomerSegmentation", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ALG_ID

    def displayName(self) -> str:
        return self.tr(self.DISPLAY)

    def group(self) -> str:
        return self.tr(self.GROUP)

    def groupId(self) -> str:
        return self.GROUP_ID

    def helpUrl(self) -> str:
        return HELP_URL

    def shortHelpString(self) -> str:
        lines = [self.tr(self.HELP)]
        params = [p for p in self.parameterDefinitions() if p.help()]
        if params:
            lines.append("<h3>" + self.tr("Parameters") + "</h3><dl>")
            for p in params:
                lines.append(f"<dt><b>{p.description()}</b> ({p.name()})</dt><dd>{p.help()}</dd>")
            lines.append("</dl>")
        return "\n".join(lines)

    # --- parameter helpers --------------------------------------------------------
    def add(self, param, help_text: str, advanced: bool = False):
        """Add a parameter with its help text."""
        param.setHelp(self.tr(help_text))
        if advanced:
            param.setFlags(param.flags() | FLAG_ADVANCED)
        self.addParameter(param)
        return param

    def add_input(self, name="INPUT", description="Input areas (layer or table)",
                  help_text="The Output Areas (or any areas), as a layer or a plain table.",
                  optional=False):
        return self.add(QgsProcessingParameterFeatureSource(
            name, self.tr(description), [SOURCE_VECTOR], optional=optional), help_text)

    def add_id_field(self, parent="INPUT", optional=True):
        return self.add(QgsProcessingParameterField(
            "ID_FIELD", self.tr("Area id field"), parentLayerParameterName=parent,
            optional=optional),
            "The field holding each area's code (e.g. OA11CD). It must be unique and is left "
            "out of the analysis. When empty, the first text field named like a code is used.")

    def add_fields(self, parent="INPUT", help_text=None):
        return self.add(QgsProcessingParameterField(
            "FIELDS", self.tr("Variables"), parentLayerParameterName=parent,
            allowMultiple=True, optional=True),
            help_text or "The variables to use. Empty: every numeric field except the id.")

    def add_runs_seed(self, runs_default=100):
        self.add(QgsProcessingParameterNumber(
            "RUNS", self.tr("Number of k-means runs"), NUMBER_INTEGER,
            runs_default, minValue=1, maxValue=1_000_000),
            "How many differently started k-means runs to make; the solution with the lowest "
            "total within-cluster sum of squares is kept. The 2011 OAC kept the best of 10,000; "
            "Barking & Dagenham the best of 1,000.")
        self.add(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), NUMBER_INTEGER, 1,
            minValue=0, maxValue=2_147_483_647),
            "Seed of every random step. The same input and seed always give the same clusters.")

    def add_strategy(self):
        """The k-means search strategy (an enum: search, best of runs)."""
        from qgis.core import QgsProcessingParameterEnum

        from ..core.options import KMEANS_STRATEGY_LABELS

        self.add(QgsProcessingParameterEnum(
            "STRATEGY", self.tr("K-means strategy"), [self.tr(s) for s in KMEANS_STRATEGY_LABELS],
            defaultValue=0),
            "0 search: RUNS cheap k-means++ starts (on a sample of at most 50,000 areas), the "
            "best distinct solutions refined on all areas with Lloyd and Hartigan moves. It is "
            "far faster: nationally it beats the best of 1,000 random starts; on a few thousand "
            "areas it comes within 0.03 % of best-of-RUNS in 40 % of the time (double RUNS "
            "to match it). 1 best of RUNS independent runs, each finished with Hartigan moves "
            "(the 2011 OAC's approach). Both use all the processor's cores, and the result does "
            "not depend on how many there are.",
            advanced=True)

    def strategy(self, parameters, context) -> str:
        """The chosen strategy's name."""
        from ..core.options import KMEANS_STRATEGIES

        return KMEANS_STRATEGIES[self.parameterAsEnum(parameters, "STRATEGY", context)]

    def add_sink(self, name, description, help_text, optional=False, table_only=False):
        kind = SOURCE_VECTOR if table_only else SOURCE_ANY_GEOMETRY
        p = QgsProcessingParameterFeatureSink(name, self.tr(description), kind, optional=optional,
                                              createByDefault=not optional)
        return self.add(p, help_text)

    # --- running ------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        self._style_targets = []
        self._feedback = feedback
        try:
            return self.compute(parameters, context, feedback)
        except SegmentationError as e:
            raise QgsProcessingException(str(e)) from None
        except RunCancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}

    def compute(self, parameters, context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> dict:
        raise NotImplementedError

    def read(self, parameters, name, context, feedback, what="input"):
        """Read a source parameter into pandas (a layers.SourceTable)."""
        from . import layers

        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.tr(
                "The {what} ({name}) could not be opened.").format(
                what=what, name=name))
        table = layers.read_source(source, feedback, what=what)
        if feedback.isCanceled():
            raise RunCancelled()
        return table

    def id_field(self, parameters, context, table) -> str | None:
        """The chosen id field, or a guess (reported in the log)."""
        from . import layers

        chosen = self.parameterAsString(parameters, "ID_FIELD", context)
        return chosen or layers.guess_id_field(table.frame)

    def matrix(self, parameters, context, table):
        """The validated numeric matrix of FIELDS (all numeric fields but the id when empty)."""
        from ..core.tables import numeric_matrix

        id_field = self.id_field(parameters, context, table)
        fields = field_names(self, parameters, "FIELDS", context)
        chosen = bool(fields)
        X, fields = numeric_matrix(table.frame, fields, id_field)
        if not chosen and self._feedback is not None:
            self._feedback.pushInfo(f"Variables (every numeric field but the id '{id_field}'): "
                                + ", ".join(fields))
        return X, fields, id_field

    def sink(self, parameters, name, context, fields, table=None):
        """Create an output sink; with `table`, keep its geometry type and CRS."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsWkbTypes

        from . import layers

        if table is not None and layers.has_geometry(table):
            sink, dest = self.parameterAsSink(parameters, name, context, fields, table.wkb_type,
                                              table.crs)
        else:
            sink, dest = self.parameterAsSink(parameters, name, context, fields,
                                              QgsWkbTypes.NoGeometry,
                                              QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest

    def write_table(self, parameters, name, context, frame, table=None, feedback=None):
        """Write a DataFrame (with the source's geometries when `table` is given)."""
        from . import layers

        fields = layers.frame_fields(frame)
        sink, dest = self.sink(parameters, name, context, fields, table)
        geoms = table.geometries if table is not None and layers.has_geometry(table) else None
        layers.write_frame(sink, frame, geoms, feedback)
        sink.flushBuffer() if hasattr(sink, "flushBuffer") else None
        del sink
        return dest

    def write_appended(self, parameters, name, context, table, new, feedback=None):
        """Copy the input features with the new columns added (never edits the input)."""
        from . import layers

        fields, keep = layers.appended_fields(table.fields, new)
        sink, dest = self.sink(parameters, name, context, fields, table)
        layers.write_appended(sink, table, keep, new, feedback)
        del sink
        return dest

    def style_later(self, dest_id: str, field: str, properties: dict | None = None) -> None:
        """Ask for a categorised style on `field` of output `dest_id` after the run; the layer is
        also marked with `field` as its cluster field and with `properties` (see
        `ui.styling.mark_layer`)."""
        self._style_targets.append((dest_id, field, properties))

    def postProcessAlgorithm(self, context, feedback):
        """Runs in the main thread: style classified outputs (and save the style in a GPKG)."""
        from ..ui import styling

        for dest_id, field, properties in self._style_targets:
            styling.style_output(dest_id, field, context, feedback, properties)
        return {}


def feedback_progress(feedback: QgsProcessingFeedback, start: float, end: float):
    """A 0..1 progress callback mapped onto [start, end] % of the algorithm's bar."""
    def report(fraction: float) -> None:
        feedback.setProgress(start + (end - start) * fraction)
    return report


