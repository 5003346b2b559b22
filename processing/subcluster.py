"""segmentation:subcluster: k-means inside each cluster, OAC style (step 6)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..core.errors import SegmentationError
from .base import SegmentationAlgorithm, feedback_progress, shown_variables
from .compat import field_names
from .labels_output import LabelsOutputMixin


class SubclusterAlgorithm(LabelsOutputMixin, SegmentationAlgorithm):
    """Groups inside supergroups (1 → 1a, 1b), sub-groups inside groups (1a → 1a1 …)."""

    ALG_ID = "subcluster"
    DISPLAY = "Sub-cluster (groups within clusters)"
    HELP = (
        "Splits each cluster of the parent field again with k-means, building the OAC's "
        "hierarchy: supergroup 1 → groups 1a, 1b → sub-groups 1a1, 1a2. One K for every parent "
        "(e.g. 3) or one per parent (e.g. 1:3,2:4; or 3,5:2 for 3 everywhere but 2 in cluster "
        "5); parents not named and without a default stay whole. Each parent gets its own seed "
        "derived from SEED and its code, so the result is reproducible."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="Classified, standardised areas (output of 'K-means').")
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterField("PARENT_FIELD", self.tr("Parent cluster field"),
                                             parentLayerParameterName="INPUT"),
                 "The field holding the clusters to split (e.g. cluster).")
        self.add(QgsProcessingParameterString("K", self.tr("Sub-clusters per cluster"), "3"),
                 "A number for every parent (3), or per parent (1:3,2:4), or both (3,5:2).")
        self.add_strategy()
        self.add_runs_seed(runs_default=100)
        self.add(QgsProcessingParameterString("FIELD_NAME", self.tr("Sub-cluster field name"),
                                              "subcluster"),
                 "Name of the new field holding each area's sub-cluster code (e.g. 1a).")
        self.add_lookup_for_docks()
        self.add_sink("OUTPUT", "Groups within clusters",
                      "The input with the sub-cluster field (raw_ fields carried).")
        self.add_labels_output()

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core.hierarchy import subcluster
        from ..core.labels import draft_portraits

        table = self.read(parameters, "INPUT", context, feedback)
        parent = self.parameterAsString(parameters, "PARENT_FIELD", context)
        frame = table.frame
        if parent not in frame.columns:
            raise SegmentationError(f"Parent field '{parent}' is not in the input.")
        empty = frame[parent].isna() | (frame[parent].astype(str).str.strip() == "")
        if empty.any():
            pos = int(empty.to_numpy().nonzero()[0][0])
            raise SegmentationError(f"Parent field '{parent}' is empty at row {pos + 1}.")
        fields = field_names(self, parameters, "FIELDS", context)
        if not fields:  # the parent code is not a variable even when it is numeric
            from ..core.tables import numeric_fields

            id_field = self.id_field(parameters, context, table)
            fields = numeric_fields(frame, exclude=[parent, id_field])
            parameters = {**parameters, "FIELDS": fields}
        X, fields, _ = self.matrix(parameters, context, table)
        field_name = self.parameterAsString(parameters, "FIELD_NAME", context).strip()
        if not field_name:
            raise SegmentationError("The sub-cluster field name is empty.")
        parents = frame[parent].map(_code).to_numpy()
        runs = self.parameterAsInt(parameters, "RUNS", context)
        self.estimate_runs(len(X), 3, len(fields), runs, self.strategy(parameters, context))
        codes, summary = subcluster(
            X, parents, self.parameterAsString(parameters, "K", context),
            runs=self.parameterAsInt(parameters, "RUNS", context),
            seed=self.parameterAsInt(parameters, "SEED", context),
            progress=feedback_progress(feedback, 5, 90), cancelled=feedback.isCanceled,
            strategy=self.strategy(parameters, context))
        for code, s in summary.items():
            feedback.pushInfo(self.tr(
                "Cluster {code}: {v1} areas into {v2}, sizes {v3}, WCSS {v4:.4f}").format(
                code=code, v1=s['areas'], v2=s['k'], v3=s['sizes'], v4=s['total_wcss']))
        new = pd.DataFrame({field_name: codes})
        dest = self.write_appended(parameters, "OUTPUT", context, table, new, feedback)
        props = self.classified_properties(parameters, context,
                                           self.appended_columns(table, new), fields,
                                           [parent, field_name])
        self.style_later(dest, field_name, props)
        portraits = {**draft_portraits(X, parents, fields), **draft_portraits(X, codes, fields)}
        return {"OUTPUT": dest, **self.write_labels(
            parameters, context, {parent: parents, field_name: codes}, dest, field_name,
            shown_variables(props, fields),
            parent_of=dict(zip(codes, parents)), pen_portraits=portraits)}


def _code(value) -> str:
    """Cluster codes as text (`core.codes.code_text`); 3.0 from a numeric field reads as 3."""
    from ..core.codes import code_text

    return code_text(value) or ""
