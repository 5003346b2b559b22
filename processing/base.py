"""What every Customer Segmentation algorithm shares: naming, help, errors, cancel, styling."""

from __future__ import annotations

import json
from contextlib import contextmanager
from functools import partial
from pathlib import Path

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
from .compat import (
    FLAG_ADVANCED,
    NUMBER_INTEGER,
    SOURCE_ANY_GEOMETRY,
    SOURCE_VECTOR,
    WKB_NO_GEOMETRY,
    field_names,
)

HELP_URL = "https://github.com/customer-segmentation/customer_segmentation#readme"

#: Most k-means runs one call may ask for. The 2011 OAC kept the best of 10,000 runs, the most
#: any published classification used; beyond that the best solution no longer changes (the
#: 'search' strategy finds it in far fewer), while 1,000,000 runs took 9 minutes on 320 areas
#: and hours nationally with nothing said.
MAX_RUNS = 10_000
#: Runs whose estimated time exceeds this many seconds are announced in the log first.
LONG_RUN_SECONDS = 30.0


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
        self._layer_names: list[tuple[str, str]] = []
        self._records: list[tuple[str, dict]] = []
        self._feedback = None
        self._warnings: list[str] = []
        self._outputs = None

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
            runs_default, minValue=1, maxValue=MAX_RUNS),
            "How much effort to spend (at most 10,000): with the search strategy, at most 4 × "
            "RUNS k-means local searches (it stops earlier when 2 × RUNS in a row find nothing "
            "better); with best of runs, RUNS independent runs. The solution with the lowest "
            "total within-cluster sum of squares is kept, and the log says how many local optima "
            "were seen, how many were distinct and how often the best was reached. The 2011 OAC "
            "kept the best of 10,000 runs; Barking & Dagenham the best of 1,000. A long run is "
            "announced in the log with its estimated time.")
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
            "0 search: on up to 10,000 areas a hybrid genetic search (after HG-means, Gribel & "
            "Vidal 2019): a population of k-means local optima (Lloyd, then Hartigan moves to a "
            "fixed point), children made by combining two solutions' centres, the best distinct "
            "kept. On Barking & Dagenham it reached the best known solution from each of 20 "
            "seeds, faster than R's best of 1,000. Above 10,000 areas: cheap k-means++ starts on "
            "samples of the areas, the best distinct refined on all areas. 1 best of RUNS "
            "independent runs, each finished with Hartigan moves (the 2011 OAC's approach). Both "
            "use all the processor's cores, and the result does not depend on how many there "
            "are.",
            advanced=True)

    def strategy(self, parameters, context) -> str:
        """The chosen strategy's name."""
        from ..core.options import KMEANS_STRATEGIES

        return KMEANS_STRATEGIES[self.parameterAsEnum(parameters, "STRATEGY", context)]

    def add_lookup_for_docks(self):
        """The optional variable lookup that names each variable's denominator (for the docks'
        whole-area rates and domains); see `classified_properties`."""
        return self.add_input(
            "LOOKUP", "Variable lookup (for the summary and spider docks)",
            "Optional: the variable lookup given to 'Prepare variables'. With it, the output "
            "records each percentage's denominator, so the docks can show the rate of the whole "
            "area (e.g. 6 % unemployed) as their reference, and the variables' names and "
            "domains.", optional=True)

    def classified_properties(self, parameters, context, columns, variables, level_fields,
                              percentages_are_variables=False) -> dict:
        """The properties a classified output is marked with (ui.styling.mark_layer): levels,
        carried totals and percentages (core.carried), denominators from LOOKUP when given."""
        from ..core.carried import classified_properties
        from ..core.variables import plan_variables

        denominators = units = path = None
        if self.parameterDefinition("LOOKUP") is not None and parameters.get("LOOKUP"):
            lookup = self.read(parameters, "LOOKUP", context, self._feedback, "variable lookup")
            plan = plan_variables(lookup.frame)
            denominators, units = plan.counts, plan.denominators
            path = self.lookup_path(parameters, context)
        else:  # the lookup recorded on the input by 'Prepare variables' (and 'Standardise')
            path = self.input_property(parameters, context, "lookup")
            frame = _read_lookup_file(path) if path else None
            if frame is not None:
                try:
                    plan = plan_variables(frame)
                    denominators, units = plan.counts, plan.denominators
                except SegmentationError:
                    path = None  # no longer a usable lookup: leave the keys out
            else:
                path = None
        props = classified_properties(columns, variables, level_fields, denominators, units,
                                      path, percentages_are_variables)
        if self._feedback is not None:
            shown = {k: props[k] for k in ("population_field", "households_field") if k in props}
            self._feedback.pushInfo(self.tr(
                "Carried onto the output for the docks: {n} percentage(s), {totals}.").format(
                n=len(json.loads(props.get("variables", "[]"))),
                totals=", ".join(shown.values()) or self.tr("no population or households")))
        return props

    def lookup_path(self, parameters, context, name="LOOKUP") -> str | None:
        """The file behind a lookup parameter (layer or path), or None."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        return layer.source().split("|")[0] if layer is not None else None

    def input_property(self, parameters, context, key: str, name="INPUT") -> str | None:
        """A property the plugin recorded on an input layer (see `record_later`): on a project
        layer, or in the default style (.qml) beside a file, which Processing does not load."""
        from pathlib import Path

        from qgis.core import QgsVectorLayer

        from ..ui.styling import PROPERTY_PREFIX

        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            return None
        value = layer.customProperty(PROPERTY_PREFIX + key)
        if value or layer.providerType() != "ogr":
            return str(value) if value else None
        path = Path(layer.source().split("|")[0])
        try:
            styled_file = path.with_suffix(".qml").is_file()
        except (OSError, ValueError):  # not a file name
            styled_file = False
        if styled_file:
            styled = QgsVectorLayer(layer.source(), "styled", layer.providerType())
            value = styled.customProperty(PROPERTY_PREFIX + key) if styled.isValid() else None
        return str(value) if value else None

    def record_later(self, dest_id: str, properties: dict) -> None:
        """Record `properties` (str values) on output `dest_id` after the run, as layer custom
        properties (in the project, or in a default style .qml beside a file output), so the
        next step can read them with `input_property` (e.g. the variable lookup)."""
        properties = {k: v for k, v in properties.items() if v}
        if properties:
            self._records.append((dest_id, properties))

    @staticmethod
    def appended_columns(table, new) -> list[str]:
        """The output's field names after `write_appended(table, new)`."""
        replace = {str(c).lower() for c in new.columns}
        return [c for c in table.frame.columns if str(c).lower() not in replace] + [
            str(c) for c in new.columns]

    def add_sink(self, name, description, help_text, optional=False, table_only=False):
        kind = SOURCE_VECTOR if table_only else SOURCE_ANY_GEOMETRY
        p = QgsProcessingParameterFeatureSink(name, self.tr(description), kind, optional=optional,
                                              createByDefault=not optional)
        return self.add(p, help_text)

    # --- running ------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):
        """As QGIS does, except that a CSV/Excel file given as a source is not loaded as a
        layer first: pandas reads it (`tables_io`), also in encodings OGR cannot (UTF-16),
        and an unreadable file is then refused naming the file and the reason."""
        from qgis.core import QgsProcessingParameterFeatureSource

        from . import tables_io

        for definition in self.parameterDefinitions():
            name = definition.name()
            value = parameters.get(name)
            if (definition.type() == QgsProcessingParameterFeatureSource.typeName()
                    and tables_io.file_path(parameters, name) is not None):
                continue
            if not definition.checkValueIsAcceptable(value, context):
                if definition.type() == QgsProcessingParameterFeatureSource.typeName():
                    return False, self.invalidSourceError(parameters, name)
                if definition.type() == QgsProcessingParameterFeatureSink.typeName():
                    return False, self.invalidSinkError(parameters, name)
                return False, self.tr("Incorrect parameter value for {name}").format(name=name)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        """Run `compute` with every file output written whole or not at all (outputs.py):
        outputs that are an input are refused first; the outputs are moved into place only
        when the run succeeded, and a failed or cancelled run leaves no file behind."""
        from .outputs import OutputTransaction, check_not_inputs

        self._style_targets = []
        self._layer_names = []
        self._records = []
        self._feedback = feedback
        self._warnings = []
        check_not_inputs(self, parameters, context)
        self._outputs = tx = OutputTransaction(context)
        try:
            redirected = tx.redirect(self, parameters, feedback)
            results = self.compute(redirected, context, feedback)
            if feedback.isCanceled():
                raise RunCancelled()
            self._check_styles(tx)
            tx.commit()
        except SegmentationError as e:
            tx.rollback()
            raise QgsProcessingException(tx.final(str(e))) from None
        except RunCancelled:
            tx.rollback()
            self._style_targets = []  # nothing to style: no output was written
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except OSError as e:
            tx.rollback()
            raise QgsProcessingException(tx.describe(e)) from None
        except QgsProcessingException as e:
            tx.rollback()
            message = tx.final(str(e))  # name the chosen file, not its temporary one
            if message != str(e) and not tx.kept:  # (kept: the error names its folder)
                raise QgsProcessingException(message) from None
            raise
        except BaseException:
            tx.rollback()
            raise
        finally:
            self._warning_summary(feedback)
        self._style_targets = [(tx.final(d), f, p) for d, f, p in self._style_targets]
        self._records = [(tx.final(d), p) for d, p in self._records]
        self._layer_names = [(tx.final(d), n) for d, n in self._layer_names]
        return {key: tx.final(value) for key, value in (results or {}).items()}

    def _check_styles(self, tx) -> None:
        """Before committing: the `.qml` style written beside each styled file output after
        the run (ui/styling.py) must be writable, else the run fails and writes nothing."""
        import os

        from ..ui.styling import STYLED_SUFFIXES

        for dest, _field, _props in self._style_targets:
            final = Path(str(tx.final(dest)).split("|")[0])
            if tx.output_for(str(dest)) is None or final.suffix.lower() not in STYLED_SUFFIXES:
                continue
            qml = final.with_suffix(".qml")
            if qml.is_dir() or (qml.exists() and not os.access(qml, os.W_OK)):
                raise QgsProcessingException(self.tr(
                    "Cannot write the style {file} beside the output: it is a folder or "
                    "read-only. Nothing was written.").format(file=qml))

    @contextmanager
    def writing(self, name: str):
        """Around a file write of output `name`: an OS error names the output and its file."""
        try:
            yield
        except OSError as e:
            final = self._outputs.final_file(name) if self._outputs else None
            raise QgsProcessingException(self.tr(
                "Could not write the output {name} ({file}): {error}. Nothing was "
                "written.").format(name=name, file=final or e.filename,
                                   error=e.strerror or e)) from None

    def csv_output(self, name: str) -> bool:
        """Whether output `name` is a CSV file (its text cells are then escaped)."""
        final = self._outputs.final_file(name) if self._outputs else None
        return final is not None and final.suffix.lower() in (".csv", ".tsv", ".txt")

    # --- warnings -----------------------------------------------------------------
    def warn(self, message: str) -> None:
        """Say loudly that data were changed, dropped or gave no answer; repeated in the
        summary at the end of the log."""
        self._warnings.append(message)
        feedback = self._feedback
        if feedback is None:
            return
        if hasattr(feedback, "pushWarning"):  # QGIS >= 3.16
            feedback.pushWarning(message)
        else:  # pragma: no cover - older QGIS
            feedback.reportError(message, False)

    @property
    def warnings(self) -> list[str]:
        """The warnings of the current (or last) run."""
        return list(self._warnings)

    def _warning_summary(self, feedback) -> None:
        if not self._warnings:
            return
        lines = [self.tr("{n} warning(s):").format(n=len(self._warnings))]
        lines += [f"  {i}. {w}" for i, w in enumerate(self._warnings, start=1)]
        feedback.reportError("\n".join(lines), False)

    def compute(self, parameters, context: QgsProcessingContext,
            feedback: QgsProcessingFeedback) -> dict:
        raise NotImplementedError

    def read_labels(self, parameters, context, feedback, name="LABELS"):
        """The labels table given (code, name, colour …, normalised by `core.labels`), or
        None."""
        if not parameters.get(name):
            return None
        from ..core import labels as core_labels

        frame = self.read(parameters, name, context, feedback, "labels table").frame
        try:
            return core_labels.normalise(frame)
        except ValueError as e:
            raise SegmentationError(self.tr("Labels table: {e}").format(e=e)) from None

    def read(self, parameters, name, context, feedback, what="input"):
        """Read a source parameter into pandas (a layers.SourceTable)."""
        from . import layers, tables_io

        path = tables_io.file_path(parameters, name)
        delimited = path is not None and path.suffix.lower() in (".csv", ".tsv", ".txt")
        source = None if delimited else self.parameterAsSource(parameters, name, context)
        if source is None:
            if path is not None:
                # A delimited text file is always read by the plugin's own reader (encodings,
                # title rows, and a clear refusal of a binary or zipped file, whatever GDAL
                # version would make of it); so is a workbook QGIS cannot open.
                table = tables_io.read_table_parameter(self, parameters, name, context,
                                                       feedback, what=what)
                table.fields = layers.frame_fields(table.frame)
                return table
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
        """The validated numeric matrix of FIELDS (all numeric fields but the id when empty).

        With FIELDS empty, text-like fields that are mostly text but hold some numbers (or
        numbers with a few text cells) are named in a warning rather than dropped silently.
        """
        from ..core.tables import numeric_matrix, skipped_fields

        id_field = self.id_field(parameters, context, table)
        fields = field_names(self, parameters, "FIELDS", context)
        chosen = bool(fields)
        X, fields = numeric_matrix(table.frame, fields, id_field)
        if not chosen:
            for name, n_text, n_number in skipped_fields(table.frame, [id_field, *fields]):
                self.warn(self.tr(
                    "Field '{name}' is left out of the variables: {n_text} of its {n} filled "
                    "cell(s) are text, not numbers (it has {n_number} number(s)). Fix the "
                    "text cells or choose the variables (FIELDS) to use it.").format(
                    name=name, n_text=n_text, n=n_text + n_number, n_number=n_number))
            if self._feedback is not None:
                self._feedback.pushInfo(self.tr(
                    "Variables (every numeric field but the id '{id_field}'): {fields}").format(
                    id_field=id_field, fields=", ".join(fields)))
        return X, fields, id_field

    def estimate_runs(self, n: int, k: int, d: int, runs: int, strategy: str = "search") -> None:
        """Log the estimated time of `runs` k-means runs before a long run."""
        from ..core.kmeans import estimate_seconds

        seconds = estimate_seconds(n, k, d, runs, strategy)
        if seconds >= LONG_RUN_SECONDS and self._feedback is not None:
            minutes = seconds / 60
            self._feedback.pushWarning(self.tr(
                "{runs} runs on {n} areas × {d} variables, K={k}: this may take about "
                "{minutes:.0f} minute(s) (rough estimate). Cancel to stop; fewer RUNS or the "
                "'search' strategy are faster.").format(
                runs=runs, n=n, d=d, k=k, minutes=max(minutes, 1)))

    def sink(self, parameters, name, context, fields, table=None):
        """Create an output sink; with `table`, keep its geometry type and CRS."""
        from qgis.core import QgsCoordinateReferenceSystem

        from . import layers
        from .outputs import shapefile_names

        final = self._outputs.final_file(name) if self._outputs else None
        shapefile_names(final, list(fields.names()))
        try:
            if table is not None and layers.has_geometry(table):
                sink, dest = self.parameterAsSink(parameters, name, context, fields,
                                                  table.wkb_type, table.crs)
            else:
                sink, dest = self.parameterAsSink(parameters, name, context, fields,
                                                  WKB_NO_GEOMETRY,
                                                  QgsCoordinateReferenceSystem())
        except QgsProcessingException as e:
            if final is None:
                raise
            error = self._outputs.final(str(e))
            if len(error) > 400:  # OGR may quote a whole SQL script: keep both ends
                error = error[:200] + " … " + error[-200:]
            raise QgsProcessingException(self.tr(
                "Could not create the output {name} ({file}): {error}. Nothing was "
                "written.").format(name=name, file=final, error=error)) from None
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest

    def _fill(self, name, sink, dest, write, count: int) -> str | None:
        """Write to a sink; the error message when a feature was not written, else None.

        The caller closes the sink (`del sink`) before raising the error, so that a failed
        output is not held open (a file handle left open blocks its deletion or unmount)."""
        from .layers import WriteFailed

        try:
            write()
            if hasattr(sink, "flushBuffer") and sink.flushBuffer() is False:
                raise WriteFailed(count - 1, sink.lastError() or "unknown error")
        except WriteFailed as e:
            final = self._outputs.final_file(name) if self._outputs else None
            from .outputs import disk_note

            file = final or (self._outputs.final(dest) if self._outputs else dest)
            return self.tr(
                "Could not write feature {row} of {count} to the output {name} ({file}): "
                "{error}{disk}. Nothing was written.").format(
                row=e.row + 1, count=count, name=name, file=file, error=e.error,
                disk=disk_note(Path(str(file).split("|")[0]).parent))
        if self._outputs is not None:
            self._outputs.expect(dest, count)
        return None

    def write_table(self, parameters, name, context, frame, table=None, feedback=None):
        """Write a DataFrame (with the source's geometries when `table` is given)."""
        from . import layers

        if self.csv_output(name):
            from ..core.csv_safety import escape_frame

            frame = escape_frame(frame)
        fields = layers.frame_fields(frame)
        sink, dest = self.sink(parameters, name, context, fields, table)
        geoms = table.geometries if table is not None and layers.has_geometry(table) else None
        error = self._fill(name, sink, dest,
                           partial(layers.write_frame, sink, frame, geoms, feedback), len(frame))
        del sink
        if error:
            raise QgsProcessingException(error)
        return dest

    def write_appended(self, parameters, name, context, table, new, feedback=None):
        """Copy the input features with the new columns added (never edits the input)."""
        from . import layers

        fields, keep = layers.appended_fields(table.fields, new)
        if self.csv_output(name):
            from dataclasses import replace

            from ..core.csv_safety import escape_cell, escape_frame

            fields = layers.rename_fields(fields, lambda n: escape_cell(str(n)))
            table = replace(table, frame=escape_frame(table.frame))
            new = escape_frame(new)
        sink, dest = self.sink(parameters, name, context, fields, table)
        error = self._fill(name, sink, dest,
                           partial(layers.write_appended, sink, table, keep, new, feedback),
                           len(table.frame))
        del sink
        if error:
            raise QgsProcessingException(error)
        return dest

    def style_later(self, dest_id: str, field: str, properties: dict | None = None) -> None:
        """Ask for a categorised style on `field` of output `dest_id` after the run; the layer is
        also marked with `field` as its cluster field and with `properties` (see
        `ui.styling.mark_layer`)."""
        self._style_targets.append((dest_id, field, properties))

    def name_output(self, dest_id: str, context, name: str) -> None:
        """Load output `dest_id` as layer `name` (e.g. "Clusters k=8") instead of the output's
        description, unless the officer named it; applied after the run (main thread)."""
        self._layer_names.append((dest_id, name))

    def postProcessAlgorithm(self, context, feedback):
        """Runs in the main thread: style classified outputs (and save the style in a GPKG)."""
        from ..ui import styling

        descriptions = {p.description() for p in self.destinationParameterDefinitions()}
        for dest_id, name in self._layer_names:
            if context.willLoadLayerOnCompletion(dest_id):
                details = context.layerToLoadOnCompletionDetails(dest_id)
                if not details.name or details.name in descriptions:
                    details.name = name

        for dest_id, properties in self._records:
            styling.style_output(dest_id, None, context, feedback, properties)
        for dest_id, field, properties in self._style_targets:
            styling.style_output(dest_id, field, context, feedback, properties)
        return {}


def _read_lookup_file(path: str):
    """A lookup file as a DataFrame (CSV/Excel through the plugin's one reader, any other table
    through OGR), or None when it is gone or unreadable."""
    from qgis.core import QgsVectorLayer

    from . import layers, tables_io

    if not path or not Path(path).exists():
        return None
    if tables_io.file_path({"LOOKUP": path}, "LOOKUP") is not None:
        try:
            return tables_io.read_columns(path)
        except (OSError, ValueError, SegmentationError):
            return None
    layer = QgsVectorLayer(path, "lookup", "ogr")
    return layers.read_source(layer).frame if layer.isValid() else None


def shown_variables(properties: dict, fields: list[str]) -> list[str]:
    """The variables the docks show for a classified output: the carried percentages recorded
    in `properties` (so the labels link records the same list), else the clustering `fields`."""
    return json.loads(properties.get("variables", "null") or "null") or list(fields)


def feedback_progress(feedback: QgsProcessingFeedback, start: float, end: float):
    """A 0..1 progress callback mapped onto [start, end] % of the algorithm's bar."""
    def report(fraction: float) -> None:
        feedback.setProgress(start + (end - start) * fraction)
    return report


