"""segmentation:importcensus: ONS bulk census tables → one table of variables + a lookup."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
)

from ..core.options import PRESET_LABELS
from .base import SegmentationAlgorithm
from .compat import SOURCE_FILE

PRESET_KEYS = [None, "oac2011", "loac2021"]


class ImportCensusAlgorithm(SegmentationAlgorithm):
    """Step 2 of the method without Excel."""

    ALG_ID = "importcensus"
    DISPLAY = "Import census bulk tables"
    HELP = (
        "Reads ONS census bulk tables at Output Area level as published — Census 2021 "
        "(census2021-tsNNN-oa.csv: date, geography, geography code, one column per cell) or 2011 "
        "(GeographyCode or GEO_CODE and cell columns such as KS101EW0001) — several at once, and "
        "merges them on the area code. Either keeps every cell and drafts a variable lookup "
        "(each cell a count over its table's total), or builds the published variables of a "
        "ready lookup shipped with the plugin: the 60 variables of the 2011 OAC or the 68 of "
        "the London OAC 2021. Feed both outputs to 'Prepare variables'. Tables of different "
        "census years or geographies are refused."
    )

    def initAlgorithm(self, config=None):
        self.add(QgsProcessingParameterMultipleLayers(
            "INPUT_FILES", self.tr("Census bulk tables (CSV)"), SOURCE_FILE),
            "One or more bulk CSV files, e.g. census2021-ts007a-oa.csv, census2021-ts054-oa.csv.")
        self.add(QgsProcessingParameterEnum(
            "PRESET", self.tr("Variables"),
            [self.tr("Every cell (draft a lookup from the column names)"),
             self.tr(PRESET_LABELS["oac2011"]), self.tr(PRESET_LABELS["loac2021"])],
            defaultValue=0),
            "0 keep every cell and draft a lookup; 1 the 2011 OAC's 60 variables; 2 the London "
            "OAC 2021's 68 variables (cells summed as published).")
        self.add_sink("OUTPUT", "Census table", "One row per area (geography_code), one column "
                      "per cell or variable.", table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_LOOKUP", self.tr("Variable lookup"), "CSV files (*.csv)"),
            "The variable lookup (2011 OAC schema) to give to 'Prepare variables'.")

    def compute(self, parameters, context, feedback):
        from ..core.census_import import (
            apply_preset,
            draft_lookup,
            load_preset,
            merge_tables,
            read_bulk_table,
        )

        paths = self.parameterAsFileList(parameters, "INPUT_FILES", context)
        tables = []
        for i, path in enumerate(paths):
            if feedback.isCanceled():
                return {}
            table = read_bulk_table(path)
            feedback.pushInfo(self.tr(
                "{v0} ({year}, {geography}): {v3} areas, {v4} cells").format(
                v0=table.table.upper(), year=table.year, geography=table.geography,
                v3=len(table.frame), v4=table.frame.shape[1]))
            tables.append(table)
            feedback.setProgress(60.0 * (i + 1) / len(paths))
        merged = merge_tables(tables)
        preset = PRESET_KEYS[self.parameterAsEnum(parameters, "PRESET", context)]
        if preset is None:
            out, lookup = merged, draft_lookup(tables)
        else:
            out, lookup, skipped = apply_preset(merged, load_preset(preset))
            if skipped:
                self.warn(self.tr(
                    "Not made from census cells (add your own column with the same code if you "
                    "need them): " + ", ".join(skipped)))
        feedback.pushInfo(self.tr(
            "{n_out} areas, {v1} columns.").format(
            n_out=len(out), v1=out.shape[1] - 1))
        dest = self.write_table(parameters, "OUTPUT", context, out, None, feedback)
        lookup_path = self.parameterAsFileOutput(parameters, "OUTPUT_LOOKUP", context)
        if lookup_path.lower().endswith((".csv", ".tsv", ".txt")):
            from ..core.csv_safety import escape_frame

            lookup = escape_frame(lookup)
        with self.writing("OUTPUT_LOOKUP"):
            lookup.to_csv(lookup_path, index=False)
        return {"OUTPUT": dest, "OUTPUT_LOOKUP": lookup_path}
