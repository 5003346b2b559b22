"""segmentation:areaprofile: "know your area": local means against a reference."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
)

from ..core.errors import SegmentationError
from . import tables_io
from .base import SegmentationAlgorithm
from .compat import FIELD_ANY, field_names
from .join_postcodes import GROUP, GROUP_ID

REFERENCE_HELP = (
    "How the areas' values are averaged, for the reference and alike for each local area: "
    "0 the rate of the whole area (default): means weighted by the weight field (population "
    "or households), so that a percentage of the whole area is the whole area's own "
    "percentage, as Hull's guidance reads it; needs the weight field. 1 the unweighted mean "
    "of the areas' values: every area counts the same whatever its size.")


def add_reference_parameter(alg: SegmentationAlgorithm) -> None:
    """The REFERENCE_METHOD parameter shared by 'Know your area' and 'Area profiles'."""
    from ..core.options import AREA_REFERENCE_LABELS as REFERENCE_LABELS

    alg.add(QgsProcessingParameterEnum("REFERENCE_METHOD", alg.tr("Reference"),
                                       [alg.tr(m) for m in REFERENCE_LABELS], defaultValue=0),
            REFERENCE_HELP)


def add_signed_parameter(alg: SegmentationAlgorithm) -> None:
    """The SIGNED_FIELDS parameter shared by 'Know your area' and 'Area profiles'."""
    alg.add(QgsProcessingParameterField("SIGNED_FIELDS", alg.tr("Signed fields"),
                                        parentLayerParameterName="INPUT", type=FIELD_ANY,
                                        allowMultiple=True, optional=True),
            "Fields that can be negative (a change, a balance, a score), compared by their "
            "difference instead of an index. A field with a negative value in the data is "
            "treated so anyway.", advanced=True)


def weight_field(alg: SegmentationAlgorithm, parameters, context, feedback) -> str | None:
    """The weight field chosen, else the population (or households) field the plugin recorded
    on the input layer, said in the log."""
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    if weight:
        return weight
    for key in ("population_field", "households_field"):
        recorded = alg.input_property(parameters, context, key)
        if recorded:
            feedback.pushInfo(alg.tr(
                "Weight field: '{field}', recorded on the input layer as its {what}.").format(
                field=recorded, what=alg.tr("population") if key == "population_field"
                else alg.tr("households")))
            return recorded
    return None


def reference_method(alg: SegmentationAlgorithm, parameters, context,
                     weight: str | None) -> str:
    """'weighted' or 'unweighted'; the weighted reference refuses to run without a weight."""
    from ..core.options import AREA_REFERENCES as REFERENCES

    method = REFERENCES[alg.parameterAsEnum(parameters, "REFERENCE_METHOD", context)]
    if method == "weighted" and not weight:
        raise SegmentationError(
            "The reference is the rate of the whole area, which needs each area's population "
            "or households: choose the weight field (WEIGHT_FIELD), or choose the unweighted "
            "mean of the areas' values as the reference (REFERENCE_METHOD).")
    return method


def reference_text(alg: SegmentationAlgorithm, method: str, weight: str | None) -> str:
    """How the means were made, for the log and the reports."""
    if method == "weighted":
        return alg.tr("means weighted by '{weight}' (the rate of the whole area)").format(
            weight=weight)
    return alg.tr("unweighted means of the areas' values")


def signed_text(alg: SegmentationAlgorithm, fields) -> str:
    """The sentence naming the signed fields (compared by difference), or ''."""
    if not len(fields):
        return ""
    return alg.tr("{fields}: negative values, so compared by their difference (no "
                  "index).").format(fields=", ".join(map(str, fields)))


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
        "distinctive fields first. By default both means are the rate of the whole area: "
        "weighted by population or households (the weight field, then required), the right "
        "way to combine percentages of areas of different sizes; the unweighted mean of the "
        "areas' values is an option (REFERENCE_METHOD). A field with a negative value (a "
        "change, a balance, a score) is compared by its difference only: a ratio of signed "
        "means is no index. Missing values are left out of the means and counted in the log. "
        "Use 'selected features only' on the input to profile a selection. 'Area profiles' "
        "does every ward or LSOA at once."
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
                 "Weight of each area (population, households), present in both tables; "
                 "needed for the default reference, the rate of the whole area. If empty, the "
                 "population (else households) field the plugin recorded on a classified "
                 "layer is used.")
        add_reference_parameter(self)
        add_signed_parameter(self)
        self.add_sink("OUTPUT", "Area profile",
                      "One row per field: field, local, reference, difference, index (empty for "
                      "signed fields), signed.",
                      table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Area profile report"), "HTML files (*.html)",
            optional=True),
            "HTML report with a chart of the indices and the table.")

    def compute(self, parameters, context, feedback):
        from ..core import profile_charts
        from ..core.area_profile import area_profile
        from ..core.report import HtmlReport

        fields = field_names(self, parameters, "FIELDS", context)
        weight = weight_field(self, parameters, context, feedback)
        if not fields:
            raise SegmentationError("Choose at least one field to compare (FIELDS).")
        method = reference_method(self, parameters, context, weight)
        need = [*fields, *([weight] if weight else [])]
        local = tables_io.read_table_parameter(self, parameters, "INPUT", context, feedback,
                                               "local areas", required=need,
                                               geometry=False).frame
        feedback.setProgress(30)
        ref = tables_io.read_table_parameter(self, parameters, "REFERENCE", context, feedback,
                                             "reference areas", required=need,
                                             geometry=False).frame
        feedback.setProgress(60)
        declared = field_names(self, parameters, "SIGNED_FIELDS", context)
        table = area_profile(local, ref, fields, weight, method, declared)
        how = reference_text(self, method, weight)
        feedback.pushInfo(self.tr(
            "{n_local} local areas against {n_ref} reference areas, {n_fields} fields; "
            "{how}.").format(n_local=len(local), n_ref=len(ref), n_fields=len(fields), how=how))
        for f, n in table.attrs.get("missing", {}).items():
            self.warn(self.tr(
                "Field '{field}' is empty in {n} area(s): they are left out of its means.").format(
                field=f, n=n))
        signed = table.loc[table["signed"], "field"].tolist()
        if signed:
            feedback.pushInfo(signed_text(self, signed))
        for row in table.head(5).itertuples():
            feedback.pushInfo(self.tr(
                "  {field}: local {local:.4g}, reference {reference:.4g}, "
                "difference {difference:.4g}, index {index:.0f}").format(
                field=row.field, local=row.local, reference=row.reference,
                difference=row.difference, index=row.index))
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, table,
                                              feedback=feedback)}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            rep = HtmlReport(self.tr("Know your area"))
            rep.paragraph(self.tr(
                "{n_local} local areas against {n_ref} reference areas; {how}. Index = 100 "
                "× local mean / reference mean; the most distinctive fields first.").format(
                n_local=len(local), n_ref=len(ref), how=how))
            if signed:
                rep.paragraph(signed_text(self, signed))
            rep.figure(profile_charts.field_index_chart(table, "Local against reference"),
                       "index by field")
            rep.table(table, "{:.2f}")
            with self.writing("OUTPUT_HTML"):
                rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        return results

