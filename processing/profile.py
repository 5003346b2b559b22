"""segmentation:profile: who is in a file, by cluster, against the areas' base (Mosaic-style)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import disclosure_options, tables_io
from .base import SegmentationAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, field_names
from .join_postcodes import GROUP, GROUP_ID, count_units_once


def check_unique(frame, id_field: str | None, what: str) -> None:
    """Refuse repeated area codes (they would count an area's base twice)."""
    if not id_field:
        return
    if id_field not in frame.columns:
        raise SegmentationError(f"Field '{id_field}' is not in the {what}; fields are: "
                                f"{', '.join(map(str, frame.columns))}.")
    ids = frame[id_field].astype(str).str.strip()
    dup = ids[ids.duplicated() & frame[id_field].notna()]
    if len(dup):
        raise SegmentationError(f"Area code field '{id_field}' of the {what} repeats code "
                                f"{dup.iloc[0]}.")


class ProfileAlgorithm(SegmentationAlgorithm):
    """Index, penetration and confidence interval by cluster, with disclosure control."""

    ALG_ID = "profile"
    DISPLAY = "Profile records by cluster"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Compares the cluster mix of a file of records (matched by 'Join records to areas by "
        "postcode') with the cluster mix of a base: the number of areas in each cluster, or "
        "the sum of a base field such as households or population. For each cluster: the "
        "records' count and share (pct), the base and its share (base_pct), the penetration "
        "(records per 100 base units) and the index 100 × pct / base_pct: over 100 means more "
        "records than expected. The index has a 95 % confidence interval (log scale, delta "
        "method, the base share taken as fixed; survey weights use a linearised variance); "
        "'significant' when the interval excludes 100. Indicator fields (e.g. 'quit at 4 "
        "weeks') give one profile per value. Disclosure control: cells of 1 to MIN_COUNT − 1 "
        "records, and the cells that would give them away through the totals, levels or "
        "indicator values, have their counts and every figure made from them blanked "
        "('suppressed'); zeros are shown; or counts are rounded to 5 (DISCLOSURE). The "
        "optional report charts the index by cluster and, for surveys, "
        "tests whether the sample's cluster mix matches the population's (chi-square)."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Matched records",
                       "The records with their cluster(s): the output of 'Join records to areas "
                       "by postcode', or any table or layer with a cluster field.")
        self.add(QgsProcessingParameterField("CLUSTER_FIELD", self.tr("Cluster field(s)"),
                                             parentLayerParameterName="INPUT",
                                             allowMultiple=True),
                 "The records' cluster field. Several fields (e.g. supergroup and group) give "
                 "one profile per level ('level' column).")
        self.add(QgsProcessingParameterField("INDICATOR_FIELDS", self.tr("Indicator fields"),
                                             parentLayerParameterName="INPUT",
                                             allowMultiple=True, optional=True),
                 "Optional fields (e.g. channel, outcome) whose every value gets its own "
                 "profile ('indicator' = field=value); 'all' is every record.")
        self.add(QgsProcessingParameterField("WEIGHT_FIELD", self.tr("Weight field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Optional survey weight of each record: counts become sums of weights and the "
                 "confidence interval uses the weighted variance. Also adds the "
                 "representativeness test to the report.", advanced=True)
        self.add(QgsProcessingParameterField("UNIT_FIELD", self.tr("Unit field (count once)"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Household, person or UPRN id: each unit counts once, in the cluster holding "
                 "most of its records (ties: its first record's), with that record's indicator "
                 "values and weight; the log says how many records collapsed.")
        self.add_input("AREAS", "Classified areas (base)",
                       "The classified areas: a layer or table with the cluster field(s) and, "
                       "optionally, a base count per area.")
        self.add(QgsProcessingParameterField("AREA_ID_FIELD", self.tr("Area code field"),
                                             parentLayerParameterName="AREAS", optional=True),
                 "The areas' code field; used to refuse repeated areas (which would count "
                 "twice in the base). Empty: not checked.")
        self.add(QgsProcessingParameterField(
            "AREA_CLUSTER_FIELD", self.tr("Areas' cluster field(s)"),
            parentLayerParameterName="AREAS", allowMultiple=True, optional=True),
            "The areas' cluster field(s), in the same order as the records' ones. Empty: the "
            "same names as the records' cluster fields.")
        self.add(QgsProcessingParameterField("BASE_FIELD", self.tr("Base field"),
                                             parentLayerParameterName="AREAS", optional=True),
                 "The base to compare with, summed by cluster: households, population aged "
                 "16+ … Empty: the number of areas.")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5,
                                              minValue=0),
                 "Disclosure control: a cell of 1 to this minus 1 records has its count, "
                 "shares, penetration, index and interval blanked, and so do the cells that "
                 "would give it away; zeros are shown as 0. 0 or 1 shows everything.")
        disclosure_options.add_parameter(self)
        self.add(QgsProcessingParameterNumber("CONFIDENCE", self.tr("Confidence level (%)"),
                                              NUMBER_DOUBLE, 95,
                                              minValue=50, maxValue=99.9),
                 "Confidence level of the index interval.", advanced=True)
        self.add(QgsProcessingParameterBoolean("SURVEY", self.tr("Records are a survey sample"),
                                               False),
                 "Add the representativeness test (does the sample's cluster mix match the "
                 "base?) to the report, also without weights.")
        self.add_sink("OUTPUT", "Profile",
                      "One row per level, indicator and cluster: cluster, records, count, pct, "
                      "base, base_pct, penetration, index, index_low, index_high, significant, "
                      "suppressed.", table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Profile report"), "HTML files (*.html)", optional=True),
            "HTML report: a chart of the index by cluster for each indicator (bars around 100 "
            "with the confidence interval), the tables and the representativeness test.")
        self.addOutput(QgsProcessingOutputNumber("SUPPRESSED", self.tr("Suppressed cells")))

    def compute(self, parameters, context, feedback):
        from ..core.profile import profile

        levels = field_names(self, parameters, "CLUSTER_FIELD", context)
        indicators = field_names(self, parameters, "INDICATOR_FIELDS", context)
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        unit = self.parameterAsString(parameters, "UNIT_FIELD", context) or None
        if not levels:
            raise SegmentationError("Choose the records' cluster field (CLUSTER_FIELD).")
        records = tables_io.read_table_parameter(
            self, parameters, "INPUT", context, feedback, "records",
            required=[*levels, *indicators, *([weight] if weight else []),
                      *([unit] if unit else [])], geometry=False).frame
        if unit:  # one row per household/person/UPRN (core.units)
            records = count_units_once(self, records, unit, levels, feedback,
                                       self.tr("cluster"))[0]
        feedback.setProgress(30)
        base_levels = field_names(self, parameters, "AREA_CLUSTER_FIELD", context) or levels
        area_id = self.parameterAsString(parameters, "AREA_ID_FIELD", context) or None
        base_field = self.parameterAsString(parameters, "BASE_FIELD", context) or None
        areas = tables_io.read_table_parameter(
            self, parameters, "AREAS", context, feedback, "classified areas",
            required=[*base_levels, *([base_field] if base_field else [])],
            geometry=False).frame
        check_unique(areas, area_id, "classified areas")
        feedback.setProgress(60)
        min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
        confidence = self.parameterAsDouble(parameters, "CONFIDENCE", context) / 100
        table, info = profile(records, levels, areas, base_levels, base_field, indicators,
                              weight, min_count, confidence,
                              disclosure_options.method(self, parameters, context))
        feedback.pushInfo(self.tr(
            "{n_records} records, {n_areas} areas, base: {v2}; {n_table} cells.").format(
            n_records=len(records), n_areas=len(areas), v2=base_field or 'number of areas',
            n_table=len(table)))
        for level in levels:
            n = info["records_without_cluster"][level]
            if n:
                self.warn(self.tr(
                    "{n} record(s) have no '{level}' and are left out.").format(
                    n=n, level=level))
            extra = info["clusters_not_in_base"][level]
            if extra:
                self.warn(self.tr(
                    "Cluster(s) of '{level}' in the records but not in the base: {v1}.").format(
                    level=level, v1=', '.join(extra)))
        self._warn_zero_base(table, info, levels, base_field)
        disclosure_options.log(self, feedback, info["disclosure"])
        sig = table[table["significant"]]
        if len(sig):
            feedback.pushInfo(self.tr(
                "{n_sig} cell(s) significantly different from 100 at {v1:g} %.").format(
                n_sig=len(sig), v1=100 * confidence))
        if feedback.isCanceled():
            return {}
        feedback.setProgress(80)
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, table,
                                              feedback=feedback),
                   "SUPPRESSED": info["suppressed_cells"]}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            survey = self.parameterAsBool(parameters, "SURVEY", context) or weight is not None
            self._report(html_path, table, info, records, areas, levels, base_levels,
                         base_field, weight, survey, min_count, feedback)
            results["OUTPUT_HTML"] = html_path
        return results

    def _warn_zero_base(self, table, info, levels, base_field) -> None:
        """Say where a zero base leaves base shares, indices and penetrations blank."""
        base = base_field or self.tr("number of areas")
        for level in levels:
            block = table[(table["level"] == level) & (table["indicator"] == "all")]
            if len(block) and (block["base"] == 0).all():
                self.warn(self.tr(
                    "The base ({base}) is zero in every cluster of '{level}': base shares, "
                    "indices and penetrations are all blank. Check the base field.").format(
                    base=base, level=level))
                continue
            extra = set(info["clusters_not_in_base"][level])
            zero = [c for c in block.loc[block["base"] == 0, "cluster"] if c not in extra]
            if zero:
                self.warn(self.tr(
                    "Cluster(s) {codes} of '{level}' have a zero base ({base}): their index "
                    "and penetration are blank.").format(
                    codes=", ".join(map(str, zero)), level=level, base=base))

    def _report(self, path, table, info, records, areas, levels, base_levels, base_field,
                weight, survey, min_count, feedback):
        import numpy as np
        import pandas as pd

        from ..core import profile_charts
        from ..core.profile import representativeness
        from ..core.report import HtmlReport

        rep = HtmlReport(self.tr("Customer profile by cluster"))
        rep.paragraph(self.tr(
            "{n_records} records against a base of {v1} in {n_areas} areas. Index = 100 × share "
            "of records / share of base; over 100 means more records than expected.").format(
            n_records=len(records), v1=base_field or 'areas', n_areas=len(areas)) + " " + (
            self.tr("Counts are rounded to the nearest 5 and the figures computed from the "
                    "rounded counts.") if info["disclosure"].method == "round" else
            self.tr("Cells of 1 to {top} records are suppressed, with the cells that would give "
                    "them away ({v4} cells in all); zeros are shown as 0.").format(
                top=max(min_count - 1, 0), v4=info['suppressed_cells'])))
        rep.paragraph(self.tr("Interval: {v0}.").format(v0=info['ci_method']), note=True)
        show = ["cluster", "count", "pct", "base", "base_pct", "penetration", "index",
                "index_low", "index_high", "significant", "suppressed"]
        for (level, indicator), block in table.groupby(["level", "indicator"], sort=False):
            title = f"{level} — {indicator}"
            rep.heading(title)
            rep.figure(profile_charts.index_chart(block, title), f"index chart {title}")
            rep.table(block[show], "{:.1f}")
        if survey:
            rep.heading(self.tr("Representativeness of the sample"))
            from ..core.disclosure import pool_hidden

            # The test sees the visible clusters and the hidden ones pooled (their sum is the
            # total less the visible cells): neither it nor its table gives a hidden cell away.
            hidden = table[(table["level"] == levels[0]) & (table["indicator"] == "all")
                           & table["suppressed"].astype(bool)]["cluster"].tolist()
            pooled = self.tr("suppressed (pooled)")
            records = records.assign(**{levels[0]: pool_hidden(records[levels[0]], hidden,
                                                               pooled)})
            if info["disclosure"].method == "round":  # the test on the rounded counts only
                block = table[(table["level"] == levels[0]) & (table["indicator"] == "all")]
                counts = block["records"].fillna(0).to_numpy(int)
                records = pd.DataFrame({levels[0]: np.repeat(block["cluster"].to_numpy(),
                                                             counts)})
                weight = None
            areas = areas.assign(**{base_levels[0]: pool_hidden(areas[base_levels[0]], hidden,
                                                                pooled)})
            try:
                rt, ri = representativeness(records, levels[0], areas, base_levels[0],
                                            base_field, weight)
            except SegmentationError as e:
                rep.paragraph(str(e))
                self.warn(self.tr(
                    "Representativeness not tested: {e}").format(
                    e=e))
            else:
                verdict = (self.tr("The sample's mix of '{level}' matches the base at the 5 % "
                                   "level.") if ri["representative"] else
                           self.tr("The sample's mix of '{level}' does not match the base at "
                                   "the 5 % level.")).format(level=levels[0])
                text = self.tr("Chi-square = {statistic:.2f}, {dof} d.f., p = {p:.4f}.").format(
                    statistic=ri["statistic"], dof=ri["dof"], p=ri["p_value"]) + " " + verdict
                if ri["small_expected"]:
                    text += " " + self.tr("{n} cell(s) expect fewer than 5 records: the test is "
                                          "approximate.").format(n=ri["small_expected"])
                rep.paragraph(text)
                rep.table(rt, "{:.2f}")
                feedback.pushInfo(self.tr(
                    "Representativeness: chi-square {v0:.2f}, p = {v1:.4f}.").format(
                    v0=ri['statistic'], v1=ri['p_value']))
        with self.writing("OUTPUT_HTML"):
            rep.write(path)

