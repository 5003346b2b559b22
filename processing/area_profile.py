"""segmentation:areaprofile: "know your area": local means against a reference."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import disclosure_options, tables_io
from .base import SegmentationAlgorithm
from .compat import FIELD_ANY, NUMBER_INTEGER, field_names
from .join_postcodes import GROUP, GROUP_ID


class AreaProfileAlgorithm(SegmentationAlgorithm):
    """Each variable's mean over the local areas against the reference areas' mean."""

    ALG_ID = "areaprofile"
    DISPLAY = "Know your area (local against reference)"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Describes a local area (a ward, a neighbourhood, the areas selected on the map) "
        "against a reference (the borough, the region): for each chosen field, the local mean, "
        "the reference mean, the difference and the index 100 × local / reference, the most "
        "distinctive fields first. Means are weighted by population or households when a "
        "weight field is given (the right way to combine percentages of areas of different "
        "sizes). Use 'selected features only' on the input to profile a selection."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Local areas",
                       "The areas making up the local area (a layer, a selection or a table).")
        self.add_input("REFERENCE", "Reference areas",
                       "The areas to compare with (e.g. every area of the borough), with the "
                       "same fields.")
        self.add(QgsProcessingParameterField("FIELDS", self.tr("Fields"),
                                             parentLayerParameterName="INPUT",
                                             type=FIELD_ANY,
                                             allowMultiple=True),
                 "The numeric fields (percentages, rates) to compare.")
        self.add(QgsProcessingParameterField("WEIGHT_FIELD", self.tr("Weight field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Optional weight of each area (population, households), present in both "
                 "tables. Empty: plain means.")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5, optional=True, minValue=0),
                 "Disclosure control for fields that count people or records (whole numbers): "
                 "when their local (or reference) total is 1 to this minus 1, the local (or "
                 "reference) figures are blanked. 0 shows everything.", advanced=True)
        disclosure_options.add_parameter(self, advanced=True)
        self.add_sink("OUTPUT", "Area profile",
                      "One row per field: field, local, reference, difference, index.",
                      table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Area profile report"), "HTML files (*.html)",
            optional=True),
            "HTML report with a chart of the indices and the table.")

    def compute(self, parameters, context, feedback):
        from ..core import profile_charts
        from ..core.geography import area_profile
        from ..core.report import HtmlReport

        fields = field_names(self, parameters, "FIELDS", context)
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        if not fields:
            raise SegmentationError("Choose at least one field to compare (FIELDS).")
        need = [*fields, *([weight] if weight else [])]
        local = tables_io.read_table_parameter(self, parameters, "INPUT", context, feedback,
                                               "local areas", required=need,
                                               geometry=False).frame
        feedback.setProgress(30)
        ref = tables_io.read_table_parameter(self, parameters, "REFERENCE", context, feedback,
                                             "reference areas", required=need,
                                             geometry=False).frame
        feedback.setProgress(60)
        from ..core import disclosure

        counts = disclosure.count_fields([local, ref], fields)
        method = disclosure_options.method(self, parameters, context)
        if method == disclosure.ROUND:  # counts rounded area by area before the means
            local = disclosure.round_count_fields(local, counts)
            ref = disclosure.round_count_fields(ref, counts)
        table = area_profile(local, ref, fields, weight)
        min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
        if method == disclosure.ROUND:
            table["suppressed"] = False
            prot = disclosure.Protection(method, 0, *([table["suppressed"].to_numpy()] * 3))
        else:
            table, prot = disclosure.protect_area_profile(table, local, ref, counts, min_count)
        if counts:
            disclosure_options.log(self, feedback, prot)
        feedback.pushInfo(self.tr(
            "{n_local} local areas against {n_ref} reference areas, {n_fields} fields.").format(
            n_local=len(local), n_ref=len(ref), n_fields=len(fields)))
        for row in table[~table["suppressed"]].head(5).itertuples():
            feedback.pushInfo(self.tr(
                "  {field}: local {local:.4g}, reference {reference:.4g}, "
                "index {index:.0f}").format(
                field=row.field, local=row.local, reference=row.reference, index=row.index))
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, table,
                                              feedback=feedback)}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            rep = HtmlReport(self.tr("Know your area"))
            rep.paragraph(self.tr(
                "{n_local} local areas against {n_ref} reference areas; means {v2}. Index = 100 "
                "× local mean / reference mean; the most distinctive fields first.").format(
                n_local=len(local), n_ref=len(ref),
                v2='weighted by ' + weight if weight else 'unweighted'))
            rep.figure(profile_charts.field_index_chart(table, "Local against reference"),
                       "index by field")
            rep.table(table, "{:.2f}")
            with self.writing("OUTPUT_HTML"):
                rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        return results

