"""segmentation:preparevariables: census counts → percentages of their denominators."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from .base import SegmentationAlgorithm
from .compat import SOURCE_POLYGON


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
        "100 and input columns the lookup does not mention. Census counts onto boundaries in one "
        "step: give the area polygons as BOUNDARIES and the census table as INPUT; they are "
        "joined by area code, the output holds the polygons, and codes found on one side only "
        "are reported both ways (census rows without an area can also be written to their own "
        "table)."
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
        self.add(QgsProcessingParameterBoolean("KEEP_TOTALS", self.tr("Carry the denominators"),
                                               True),
                 "Also copy each denominator (population, households …) unchanged to the output "
                 "as raw_<name>, e.g. raw_Total_Population. Standardise and k-means carry raw_ "
                 "fields through untouched and never use them as variables, so the classified "
                 "areas can say how many people and households each cluster holds.",
                 advanced=True)
        self.add(QgsProcessingParameterFeatureSource(
            "BOUNDARIES", self.tr("Area boundaries (optional)"),
            [SOURCE_POLYGON], optional=True),
            "Polygons of the areas (e.g. Output Area boundaries), when the census counts are a "
            "plain table: each census row is joined to the polygon with the same area code and "
            "the output is a polygon layer. Areas without a census row, and census rows without "
            "an area, are reported (up to 10 codes and the count).")
        self.add(QgsProcessingParameterField(
            "BOUNDARIES_ID_FIELD", self.tr("Boundaries' area code field"),
            parentLayerParameterName="BOUNDARIES", optional=True),
            "The boundaries' area code field (e.g. oa_code). Empty: a field named like the "
            "census id field, else the first text field named like a code.")
        self.add_sink("OUTPUT", "Prepared variables",
                      "The areas with one field per variable, in percent (geometry kept when the "
                      "input is a layer, or taken from BOUNDARIES).")
        self.add_sink("OUTPUT_UNMATCHED", "Census rows without an area",
                      "With BOUNDARIES: the census rows whose code no polygon has, as they were "
                      "given.", optional=True, table_only=True)
        for name, text in (("MATCHED", "Areas joined to their census row"),
                           ("AREAS_WITHOUT_CENSUS", "Areas without a census row"),
                           ("CENSUS_WITHOUT_AREA", "Census rows without an area")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def compute(self, parameters, context, feedback):
        from ..core.variables import LOOKUP_COLUMNS, prepare_variables
        from . import tables_io

        table = tables_io.read_table_parameter(self, parameters, "INPUT", context, feedback,
                                               "census table")
        lookup = tables_io.read_table_parameter(self, parameters, "LOOKUP", context, feedback,
                                                "variable lookup", required=LOOKUP_COLUMNS,
                                                geometry=False).frame
        id_field = self.parameterAsString(parameters, "ID_FIELD", context)
        result = prepare_variables(table.frame, lookup, id_field)
        plan = result.plan
        feedback.pushInfo(self.tr(
            "{v0} variables: {v1} as percentages over {v2} denominators, {v3} passed through "
            "({v4}).").format(
            v0=len(plan.order), v1=len(plan.counts), v2=len(set(plan.counts.values())),
            v3=len(plan.passthrough), v4=', '.join(plan.passthrough) or 'none'))
        for code, n in result.zero_denominator.items():
            self.warn(self.tr(
                "{code}: {n} area(s) have a count over a zero denominator; set to 0.").format(
                code=code, n=n))
        for code, rows in result.negative.items():
            shown = ", ".join(rows[:5]) + (" …" if len(rows) > 5 else "")
            self.warn(self.tr(
                "{code}: {n} negative count(s) ({rows}); a count cannot be negative, so its "
                "percentages are wrong: check the census table.").format(
                code=code, n=len(rows), rows=shown))
        for code, n in result.over_100.items():
            self.warn(self.tr(
                "{code}: {n} area(s) above 100 % — check the denominator.").format(
                code=code, n=n))
        if result.unused_columns:
            feedback.pushInfo(self.tr("Columns not in the lookup (not copied): "
                                      + ", ".join(result.unused_columns)))
        out = result.table
        if self.parameterAsBool(parameters, "KEEP_TOTALS", context):
            from ..core.carried import carried
            from ..core.tables import to_numeric

            dens = [d for d in dict.fromkeys(plan.denominators.values())
                    if d in table.frame.columns]
            counts = to_numeric(table.frame, dens, id_field)
            for den in dens:  # never scaled: the counts as published
                out[carried(den)] = counts[den].to_numpy()
        if parameters.get("BOUNDARIES"):
            results = self._onto_boundaries(parameters, context, feedback, table, id_field, out)
        else:
            results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, out, table,
                                                  feedback)}
        # the lookup travels with the data, so k-means can record each percentage's denominator
        self.record_later(results["OUTPUT"], {"lookup": self.lookup_path(parameters, context)})
        return results

    def _onto_boundaries(self, parameters, context, feedback, table, id_field, out) -> dict:
        """Write the prepared rows onto the BOUNDARIES polygons of the same code."""
        from ..core.boundaries import listing, match_codes
        from ..core.errors import SegmentationError
        from . import layers

        bnd = self.read(parameters, "BOUNDARIES", context, feedback, "area boundaries")
        field = self.parameterAsString(parameters, "BOUNDARIES_ID_FIELD", context)
        if not field:
            field = id_field if id_field in bnd.frame.columns else layers.guess_id_field(
                bnd.frame)
        if not field or field not in bnd.frame.columns:
            raise SegmentationError(
                f"The area boundaries have no area code field '{field or id_field}'; choose one "
                f"of: {', '.join(map(str, bnd.frame.columns))}.")
        m = match_codes(table.frame[id_field], bnd.frame[field], id_field, field)
        if not m.census_rows:
            raise SegmentationError(
                f"No census code ({id_field}) matches an area code ({field}) of the boundaries: "
                f"census {listing(m.census_only, 3)}; boundaries {listing(m.areas_only, 3)}. "
                "Are they the same geography and census year?")
        feedback.pushInfo(self.tr("{n} areas joined to their census row ({field} = {id}).")
                          .format(n=len(m.census_rows), field=field, id=id_field))
        if m.areas_only:
            feedback.reportError(self.tr(
                "{n} area(s) of the boundaries have no census row and are left out of the "
                "output: {codes}.").format(n=len(m.areas_only), codes=listing(m.areas_only)),
                False)
        if m.census_only:
            feedback.reportError(self.tr(
                "{n} census row(s) have no area in the boundaries and are left out of the "
                "output{where}: {codes}.").format(
                n=len(m.census_only), codes=listing(m.census_only),
                where=self.tr(" (written to 'Census rows without an area')")
                if parameters.get("OUTPUT_UNMATCHED") is not None else ""), False)
        rows = out.iloc[m.census_rows].reset_index(drop=True)
        target = layers.SourceTable(rows, [bnd.geometries[i] for i in m.area_rows], bnd.fields,
                                    bnd.wkb_type, bnd.crs)
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, rows, target,
                                              feedback),
                   "MATCHED": len(m.census_rows), "AREAS_WITHOUT_CENSUS": len(m.areas_only),
                   "CENSUS_WITHOUT_AREA": len(m.census_only)}
        if parameters.get("OUTPUT_UNMATCHED") is not None:
            matched = set(m.census_rows)
            keep = [i for i in range(len(table.frame)) if i not in matched]
            results["OUTPUT_UNMATCHED"] = self.write_table(
                parameters, "OUTPUT_UNMATCHED", context,
                table.frame.iloc[keep].reset_index(drop=True))
        return results
