"""segmentation:preparevariables: census counts → percentages of their denominators."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterField

from .base import SegmentationAlgorithm


class PrepareVariablesAlgorithm(SegmentationAlgorithm):
    """Step 2 of the method."""

    ALG_ID = "preparevariables"
    DISPLAY = "Prepare variables (counts to percentages)"
    HELP = (
        "Turns raw census counts into percentages of each variable's denominator, as the "
        "Output Area Classification does: value = count / denominator × 100, with 0/0 = 0. "
        "The variable lookup table (2011 OAC schema: VariableCode, VariableMeasurementUnit, "
        "VariableStatisticalUnit) names each variable's statistical unit; its 'Totals' rows say "
        "which column holds that unit's total. Ratio and density variables pass through as they "
        "are. The log reports variables with a count over a zero denominator, percentages above "
        "100 and input columns the lookup does not mention."
    )

    def initAlgorithm(self, config=None):
        self.add_input(description="Census counts (layer or table)",
                       help_text="One row per area with the raw counts and the denominators.")
        self.add_input("LOOKUP", "Variable lookup table",
                       "The variable lookup (CSV or table) with VariableCode, "
                       "VariableMeasurementUnit and VariableStatisticalUnit columns.")
        self.add(QgsProcessingParameterField("ID_FIELD", self.tr("Area id field"),
                                             parentLayerParameterName="INPUT"),
                 "The field holding each area's code (e.g. OA11CD); must be unique.")
        self.add(QgsProcessingParameterBoolean("KEEP_TOTALS", self.tr("Keep denominator columns"),
                                               False),
                 "Also copy the denominators (population, households …) to the output, e.g. as "
                 "the base for profiles. They are not variables: leave them out of FIELDS later.",
                 advanced=True)
        self.add_sink("OUTPUT", "Prepared variables",
                      "The areas with one field per variable, in percent (geometry kept when the "
                      "input is a layer).")

    def compute(self, parameters, context, feedback):
        from ..core.variables import prepare_variables

        table = self.read(parameters, "INPUT", context, feedback, "census table")
        lookup = self.read(parameters, "LOOKUP", context, feedback, "variable lookup").frame
        id_field = self.parameterAsString(parameters, "ID_FIELD", context)
        result = prepare_variables(table.frame, lookup, id_field)
        plan = result.plan
        feedback.pushInfo(self.tr(
            "{v0} variables: {v1} as percentages over {v2} denominators, {v3} passed through "
            "({v4}).").format(
            v0=len(plan.order), v1=len(plan.counts), v2=len(set(plan.counts.values())),
            v3=len(plan.passthrough), v4=', '.join(plan.passthrough) or 'none'))
        for code, n in result.zero_denominator.items():
            feedback.reportError(self.tr(
                "{code}: {n} area(s) have a count over a zero denominator; set to 0.").format(
                code=code, n=n), False)
        for code, n in result.over_100.items():
            feedback.reportError(self.tr(
                "{code}: {n} area(s) above 100 % — check the denominator.").format(
                code=code, n=n), False)
        if result.unused_columns:
            feedback.pushInfo(self.tr("Columns not in the lookup (not copied): "
                                      + ", ".join(result.unused_columns)))
        out = result.table
        if self.parameterAsBool(parameters, "KEEP_TOTALS", context):
            for den in dict.fromkeys(plan.denominators.values()):
                if den in table.frame.columns:
                    out[den] = table.frame[den].astype(float).to_numpy()
        dest = self.write_table(parameters, "OUTPUT", context, out, table, feedback)
        return {"OUTPUT": dest}
