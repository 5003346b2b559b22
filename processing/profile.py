"""segmentation:profile: who is in a file, by cluster, against the areas' base (Mosaic-style)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import SegmentationError
from . import disclosure_options, tables_io
from .base import SegmentationAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, field_names
from .join_postcodes import GROUP, GROUP_ID, count_units_once

INTERVALS = ["log", "wilson", "exact"]
INTERVAL_LABELS = ["Log scale (Katz), Wilson at 0 % and 100 %", "Wilson score",
                   "Exact (Clopper-Pearson)"]
ADJUSTMENTS = ["bh", "holm", "none"]
ADJUST_LABELS = ["Benjamini-Hochberg (false discovery rate)", "Holm (family-wise error)",
                 "None"]
RATE_METHODS = ["wilson", "wald"]


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
        "method, the base share taken as fixed, Wilson where a cluster has no records or "
        "all of them; or Wilson or exact throughout; survey weights use the linearised "
        "variance of R survey::svymean); 'significant' when the interval excludes 100, and "
        "'significant_adjusted' when the flag survives the Benjamini-Hochberg (or Holm) "
        "adjustment for the number of cells tested. Indicator fields (e.g. 'quit at 4 "
        "weeks') give one profile per value. An outcome field gives the rate in each group "
        "(e.g. % satisfied) with its interval and a test against the rest of the area. A "
        "labels table adds each group's name and colour. The optional Mosaic-layout table "
        "lays each level out as the Mosaic Public Sector table (group, name, count, %, base "
        "count, %, penetration %, index) ending with a Total row. Disclosure control: cells of "
        "1 to MIN_COUNT − 1 records, and the cells that would give them away through the "
        "totals, levels or indicator values, have their counts and every figure made from "
        "them blanked ('suppressed'); zeros are shown; or counts are rounded to 5 "
        "(DISCLOSURE). The optional report charts the index by cluster and, "
        "for surveys, tests whether there is evidence that the sample's cluster mix differs "
        "from the population's (chi-square, simulated p-value for small samples, Cramér's V)."
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
        self.add(QgsProcessingParameterEnum(
            "INTERVAL", self.tr("Interval of the index"), [self.tr(t) for t in INTERVAL_LABELS],
            defaultValue=0, optional=True),
            "0 log scale (Katz et al. 1978), with the Wilson score interval for a group with no "
            "records or with every record, where the log interval does not exist or has no "
            "width; 1 Wilson score interval of the share; 2 exact (Clopper-Pearson). Each "
            "gives the p-value of the test it inverts.", advanced=True)
        self.add(QgsProcessingParameterEnum(
            "ADJUST", self.tr("Multiple-testing adjustment"), [self.tr(t) for t in ADJUST_LABELS],
            defaultValue=0, optional=True),
            "Every shown cell (levels × groups × indicator values) is one test: about 5 % of "
            "cells with no real difference are flagged at 95 %. 0 Benjamini-Hochberg (controls "
            "the share of false flags), 1 Holm (controls the chance of any false flag), 2 none. "
            "'significant' is the unadjusted flag, 'significant_adjusted' the one that "
            "survives; 'p_value' and 'p_adjusted' are given.")
        self.add_input("LABELS", "Labels table (optional)",
                       "Optional labels table (code, name, colour …, as written by K-means or "
                       "edited by you) giving each group its name and colour in the outputs "
                       "and the report.", optional=True)
        self.add(QgsProcessingParameterField("OUTCOME_FIELD", self.tr("Outcome field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Optional survey outcome (e.g. satisfied yes/no): its rate in each group, with "
                 "an interval and a test against the rest of the area (OUTPUT_RATES).")
        self.add(QgsProcessingParameterString("OUTCOME_VALUE", self.tr("Outcome value"),
                                              optional=True),
                 "The value of the outcome field that counts (e.g. 'Very satisfied'). Empty: "
                 "the field must be yes/no (yes, y, true, 1 against no, n, false, 0).")
        self.add(QgsProcessingParameterEnum(
            "RATE_INTERVAL", self.tr("Interval of the rates"), [self.tr("Wilson score"),
                                                               self.tr("Wald")],
            defaultValue=0, optional=True),
            "0 Wilson score interval (holds for small groups and rates near 0 or 100 %); "
            "1 Wald (normal approximation, as R survey's confint).", advanced=True)
        self.add(QgsProcessingParameterBoolean("SURVEY", self.tr("Records are a survey sample"),
                                               False),
                 "Add the representativeness test (does the sample's cluster mix match the "
                 "base?) to the report, also without weights.")
        self.add_sink("OUTPUT", "Profile",
                      "One row per level, indicator and cluster: cluster, name, records, count, "
                      "pct, base, base_pct, penetration, index, index_low, index_high, "
                      "significant, suppressed, p_value, p_adjusted, significant_adjusted, "
                      "colour.", table_only=True)
        self.add_sink("OUTPUT_TABLE", "Profile table (Mosaic layout)",
                      "Optional: the profile as the Mosaic Public Sector table lays it out, for "
                      "every level and indicator: group, name, count, pct, base_count, "
                      "base_pct, penetration_pct, index, each block ending with its Total row "
                      "(the whole count and base, penetration of the area, index 100).",
                      optional=True, table_only=True)
        self.add_sink("OUTPUT_RATES", "Outcome rates by group",
                      "Optional (with an outcome field): one row per level and group: records, "
                      "positive, rate (%), rate_low, rate_high, area_rate, difference, p_value, "
                      "p_adjusted, significant, significant_adjusted, suppressed.",
                      optional=True, table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Profile report"), "HTML files (*.html)", optional=True),
            "HTML report: a chart of the index by cluster for each indicator (bars around 100 "
            "with the confidence interval), the tables and the representativeness test.")
        self.addOutput(QgsProcessingOutputNumber("SUPPRESSED", self.tr("Suppressed cells")))
        self.addOutput(QgsProcessingOutputNumber("CELLS_TESTED", self.tr("Cells tested")))
        self.addOutput(QgsProcessingOutputNumber("SIGNIFICANT_ADJUSTED",
                                                 self.tr("Cells significant after adjustment")))

    def compute(self, parameters, context, feedback):
        from ..core.profile import profile

        levels = field_names(self, parameters, "CLUSTER_FIELD", context)
        indicators = field_names(self, parameters, "INDICATOR_FIELDS", context)
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        outcome = self.parameterAsString(parameters, "OUTCOME_FIELD", context) or None
        unit = self.parameterAsString(parameters, "UNIT_FIELD", context) or None
        if not levels:
            raise SegmentationError("Choose the records' cluster field (CLUSTER_FIELD).")
        records = tables_io.read_table_parameter(
            self, parameters, "INPUT", context, feedback, "records",
            required=[*levels, *indicators, *([weight] if weight else []),
                      *([outcome] if outcome else []), *([unit] if unit else [])],
            geometry=False).frame
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
        interval = self._choice(parameters, "INTERVAL", context, INTERVALS)
        adjust = self._choice(parameters, "ADJUST", context, ADJUSTMENTS)
        labels = self.read_labels(parameters, context, feedback)
        with disclosure_options.watching(feedback, 60, 80):
            table, info = profile(records, levels, areas, base_levels, base_field, indicators,
                                  weight, min_count, confidence,
                                  disclosure_options.method(self, parameters, context),
                                  interval, adjust, labels)
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
        feedback.pushInfo(self.multiple_testing_text(info, confidence))
        if feedback.isCanceled():
            return {}
        feedback.setProgress(80)
        from ..core.mosaic_table import mosaic_table

        prot = info["disclosure"]
        mosaic = mosaic_table(table, info["totals"],
                              prot.base if prot.method == "round" else None)
        rates = rates_info = None
        if outcome:
            rates, rates_info = self._rates(parameters, context, feedback, records, levels,
                                            outcome, weight, confidence, adjust, min_count,
                                            labels)
        elif parameters.get("OUTPUT_RATES") is not None:
            self.warn(self.tr("No outcome field: the rates output is not written."))
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, table,
                                              feedback=feedback),
                   "SUPPRESSED": info["suppressed_cells"],
                   "CELLS_TESTED": info["cells_tested"],
                   "SIGNIFICANT_ADJUSTED": info["significant_adjusted"]}
        if parameters.get("OUTPUT_TABLE") is not None:
            results["OUTPUT_TABLE"] = self.write_table(parameters, "OUTPUT_TABLE", context,
                                                       mosaic, feedback=feedback)
        if rates is not None and parameters.get("OUTPUT_RATES") is not None:
            results["OUTPUT_RATES"] = self.write_table(parameters, "OUTPUT_RATES", context,
                                                       rates, feedback=feedback)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            survey = self.parameterAsBool(parameters, "SURVEY", context) or weight is not None
            self._report(html_path, table, info, records, areas, levels, base_levels,
                         base_field, weight, survey, min_count, feedback, mosaic,
                         (rates, rates_info, outcome))
            results["OUTPUT_HTML"] = html_path
        return results

    def _choice(self, parameters, name, context, options):
        """An optional enum's option (the first, its default, when not given)."""
        i = self.parameterAsEnum(parameters, name, context)
        return options[i] if 0 <= i < len(options) else options[0]

    def _rates(self, parameters, context, feedback, records, levels, outcome, weight,
               confidence, adjust, min_count, labels):
        """Within-group rates of the outcome, with the log lines that say what was left out."""
        from ..core.group_rates import group_rates

        value = self.parameterAsString(parameters, "OUTCOME_VALUE", context) or None
        method = self._choice(parameters, "RATE_INTERVAL", context, RATE_METHODS)
        rates, info = group_rates(records, levels, outcome, value, weight, confidence, method,
                                  adjust, min_count, labels)
        if info["outcome_missing"]:
            self.warn(self.tr("{n} record(s) have no '{field}' and are left out of the "
                              "rates.").format(n=info["outcome_missing"], field=outcome))
        for level, area in info["area"].items():
            feedback.pushInfo(self.tr(
                "Rate of '{field}' in the whole area ({level}): {rate:.1f} % of {n} "
                "records.").format(field=outcome, level=level, rate=area["rate"],
                                   n=area["records"]))
        feedback.pushInfo(self.tr("Rates: {tested} group(s) tested against the rest of the area, "
                          "{raw} significant, {adj} after adjustment ({method}).").format(
            tested=info["cells_tested"], raw=info["significant_raw"],
            adj=info["significant_adjusted"], method=info["adjust_method"]))
        return rates, info

    def multiple_testing_text(self, info, confidence) -> str:
        """How many cells were tested and how many flags survive the adjustment."""
        return self.tr(
            "{tested} cell(s) tested against an index of 100 at {level:g} % (every shown "
            "cell of every level and indicator): {raw} significant before adjustment, {adj} "
            "after {method}. If no cell really differed, about {expected:.1f} of the {tested} "
            "would still be flagged by chance without adjustment.").format(
            tested=info["cells_tested"], level=100 * confidence, raw=info["significant_raw"],
            adj=info["significant_adjusted"], method=info["adjust_method"],
            expected=(1 - confidence) * info["cells_tested"])

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
                weight, survey, min_count, feedback, mosaic=None, rates=(None, None, None)):
        import numpy as np
        import pandas as pd

        from ..core import profile_charts
        from ..core.mosaic_table import mosaic_display
        from ..core.profile import representativeness
        from ..core.report import HtmlReport, readable_number

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
        rep.paragraph(self.multiple_testing_text(info, info["confidence"]) + " " + self.tr(
            "Read 'significant_adjusted' (and 'p_adjusted') for the flags that survive; "
            "'significant' is the unadjusted flag of each cell on its own."))
        show = ["cluster", "name", "count", "pct", "base", "base_pct", "penetration", "index",
                "index_low", "index_high", "p_value", "p_adjusted", "significant",
                "significant_adjusted", "suppressed"]
        has_names = table["name"].fillna("").astype(str).str.len().gt(0).any()
        if not has_names:
            show.remove("name")
        blocks = {} if mosaic is None else {
            key: b for key, b in mosaic.groupby(["level", "indicator"], sort=False)}
        for (level, indicator), block in table.groupby(["level", "indicator"], sort=False):
            title = f"{level} — {indicator}"
            rep.heading(title)
            rep.figure(profile_charts.index_chart(block, title), f"index chart {title}")
            mblock = blocks.get((level, indicator))
            if mblock is not None:
                shown = mosaic_display(mblock)
                if not has_names:
                    shown = shown.drop(columns=["Name"])
                colours = list(block["colour"].fillna("")) + [""]
                rep.table(shown, colours=colours if any(colours) else None,
                          bold_last=True)
            rep.paragraph(self.tr("Index with its interval, p-values and flags:"), note=True)
            rep.table(block[show], readable_number)
        outcome_rates, rates_info, outcome = rates
        if outcome_rates is not None:
            rep.heading(self.tr("Rate of '{field}' by group").format(field=outcome))
            rep.paragraph(self.tr(
                "The rate in each group with its {level:g} % interval ({method}), against the "
                "rest of the area: {tested} group(s) tested, {raw} significant, {adj} after "
                "adjustment ({adjust}).").format(
                level=100 * info["confidence"],
                method="Wilson score" if rates_info["method"] == "wilson" else "Wald",
                tested=rates_info["cells_tested"], raw=rates_info["significant_raw"],
                adj=rates_info["significant_adjusted"], adjust=rates_info["adjust_method"]))
            for level, area in rates_info["area"].items():
                rep.paragraph(self.tr("{level}: whole area {rate:.1f} % of {n} records.").format(
                    level=level, rate=area["rate"], n=area["records"]))
            cols = [c for c in outcome_rates.columns if c != "colour"
                    and (c != "name" or has_names)]
            rep.table(outcome_rates[cols], readable_number,
                      colours=list(outcome_rates["colour"]) if has_names else None)
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
                verdict = (self.tr("No evidence that the sample's mix of '{level}' differs "
                                   "from the base at the 5 % level (which does not show that it "
                                   "matches).") if ri["no_evidence_of_difference"] else
                           self.tr("Evidence that the sample's mix of '{level}' differs from "
                                   "the base at the 5 % level.")).format(level=levels[0])
                text = self.tr("Chi-square = {statistic:.2f}, {dof} d.f., p = {p:.4f} "
                               "({method}).").format(
                    statistic=ri["statistic"], dof=ri["dof"], p=ri["p_value"],
                    method=ri["p_value_method"]) + " " + verdict
                text += " " + self.tr(
                    "Effect size: Cramér's V = {v:.3f} (0: exactly the base's mix; 1: every "
                    "record in one cluster).").format(v=ri["cramers_v"])
                shown = rt[np.isfinite(rt["difference"].to_numpy(float))]
                if len(shown):
                    over = shown.loc[shown["difference"].idxmax()]
                    under = shown.loc[shown["difference"].idxmin()]
                    text += " " + self.tr(
                        "Most over-represented: {over} ({d_over:+.1f} points); most "
                        "under-represented: {under} ({d_under:+.1f} points).").format(
                        over=over["cluster"], d_over=over["difference"],
                        under=under["cluster"], d_under=under["difference"])
                if ri["small_expected"]:
                    text += " " + self.tr("{n} cell(s) expect fewer than 5 records: the p-value "
                                          "is simulated, not from the chi-square "
                                          "distribution.").format(n=ri["small_expected"])
                rep.paragraph(text)
                rep.table(rt, "{:.2f}")
                feedback.pushInfo(self.tr(
                    "Representativeness: chi-square {v0:.2f}, p = {v1:.4f}, Cramér's V "
                    "{v2:.3f}: {v3}.").format(
                    v0=ri['statistic'], v1=ri['p_value'], v2=ri['cramers_v'],
                    v3=ri['verdict']))
        with self.writing("OUTPUT_HTML"):
            rep.write(path)

