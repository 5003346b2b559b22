"""segmentation:correlation: which variables say the same thing (step 4)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.options import CORRELATION_LABELS as METHOD_LABELS
from ..core.options import CORRELATION_METHODS as METHODS
from .base import SegmentationAlgorithm
from .compat import NUMBER_DOUBLE


class CorrelationAlgorithm(SegmentationAlgorithm):
    """Correlation matrix, strongly correlated pairs and a heat-map report."""

    ALG_ID = "correlation"
    DISPLAY = "Correlation analysis"
    HELP = (
        "Pearson or Spearman correlation matrix of the chosen variables, and the pairs whose "
        "absolute correlation (by either method) reaches the threshold, with a heat-map in an "
        "HTML report. Where two variables are strongly correlated they measure much the same "
        "thing: keep the one that is easier to explain (fewest variables, most information)."
    )

    def initAlgorithm(self, config=None):
        self.add_input()
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterEnum("METHOD", self.tr("Method"),
                                            [self.tr(m) for m in METHOD_LABELS], defaultValue=0),
                 "0 Pearson (linear); 1 Spearman (rank, robust to skew and outliers).")
        self.add(QgsProcessingParameterNumber("THRESHOLD", self.tr("Threshold |r|"),
                                              NUMBER_DOUBLE, 0.6,
                                              minValue=0.0, maxValue=1.0),
                 "Pairs whose absolute Pearson or Spearman correlation reaches this value are "
                 "listed.")
        self.add_sink("OUTPUT", "Correlation matrix",
                      "A table: one row per variable, one column per variable.", table_only=True)
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Correlation report"), "HTML files (*.html)", optional=True),
            "HTML report with the heat-map and the correlated pairs.")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core import charts
        from ..core.correlation import correlated_pairs, correlation_matrix
        from ..core.report import HtmlReport

        table = self.read(parameters, "INPUT", context, feedback)
        X, fields, _ = self.matrix(parameters, context, table)
        data = pd.DataFrame(X, columns=fields)
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        threshold = self.parameterAsDouble(parameters, "THRESHOLD", context)
        matrix = correlation_matrix(data, method)
        self._warn_undefined(data, matrix)
        pairs = correlated_pairs(data, threshold)
        feedback.pushInfo(self.tr(
            "{n_pairs} pair(s) with |r| ≥ {threshold:g}.").format(
            n_pairs=len(pairs), threshold=threshold))
        for row in pairs.head(20).itertuples():
            feedback.pushInfo(f"  {row.field_a} ~ {row.field_b}: Pearson {row.pearson:.3f}, "
                              f"Spearman {row.spearman:.3f}")
        out = matrix.reset_index().rename(columns={"index": "variable"})
        dest = self.write_table(parameters, "OUTPUT", context, out, None, feedback)
        results = {"OUTPUT": dest}
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            rep = HtmlReport(self.tr("Correlation of the candidate variables"))
            rep.paragraph(self.tr(
                "{n_fields} variables, {n_data} areas, {method} correlation; pairs listed at |r| "
                "≥ {threshold:g}.").format(
                n_fields=len(fields), n_data=len(data), method=method, threshold=threshold))
            rep.figure(charts.heatmap(matrix, f"{method.title()} correlation"), "heat-map")
            rep.heading(self.tr("Strongly correlated pairs"))
            rep.table(pairs, "{:.3f}")
            with self.writing("OUTPUT_HTML"):
                rep.write(html_path)
            results["OUTPUT_HTML"] = html_path
        return results

    def _warn_undefined(self, data, matrix) -> None:
        """Name every variable whose correlations are blank (NaN) and why."""
        import numpy as np

        if len(data) < 2:
            self.warn(self.tr(
                "Only {n} area: no correlation can be computed, every value in the matrix is "
                "blank (NaN). Use at least 3 areas.").format(n=len(data)))
            return
        constant = [c for c in data.columns if np.nanstd(data[c].to_numpy()) == 0]
        if constant:
            self.warn(self.tr(
                "Constant field(s) {fields}: the same value in every area, so their "
                "correlations are blank (NaN). Leave them out.").format(
                fields=", ".join(f"'{c}'" for c in constant)))
        blank = [c for c in matrix.columns if c not in constant
                 and matrix[c].drop(index=[c, *constant]).isna().any()]
        if blank:
            self.warn(self.tr(
                "Field(s) {fields} have blank (NaN) correlations with some variables.").format(
                fields=", ".join(f"'{c}'" for c in blank)))
