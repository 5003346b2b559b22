"""segmentation:subcluster: k-means inside each cluster, OAC style (step 6)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
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
        "derived from SEED and its code, so the result is reproducible. Optionally writes a "
        "two-level model file (the parent's k-means model with every parent's sub-centres) "
        "that 'Apply a saved classification' uses to re-apply both levels to new or updated "
        "areas."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="Classified, standardised areas (output of 'K-means').")
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterField("PARENT_FIELD", self.tr("Parent cluster field"),
                                             parentLayerParameterName="INPUT"),
                 "The field holding the clusters to split (e.g. cluster).")
        self.add(QgsProcessingParameterFile(
            "PARENT_MODEL", self.tr("Model of the parent clusters (from K-means)"),
            extension="json", optional=True),
            "Optional: the model file 'K-means classification' wrote for the parent field. The "
            "two-level model (MODEL) then holds its variables, standardisation and centres, so "
            "it can be applied to the variables before standardisation. Without it the parent "
            "centres are the means of the parent clusters, with no standardisation. With it "
            "and Variables empty, the model's variables are used.")
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
        self.add(QgsProcessingParameterFileDestination(
            "MODEL", self.tr("Two-level model file"), "JSON files (*.json)", optional=True,
            createByDefault=False),
            "JSON model of both levels (parent centres and each parent's sub-centres), for "
            "'Apply a saved classification'.")

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
        parent_model = self._parent_model(parameters, context)
        if not fields and parent_model is not None:
            fields = list(parent_model.fields)
            parameters = {**parameters, "FIELDS": fields}
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
        if parent_model is not None:
            from ..core.hierarchy import check_parent_model

            check_parent_model(parent_model, fields, parents, parent)
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
        results = {"OUTPUT": dest, **self.write_labels(
            parameters, context, {parent: parents, field_name: codes}, dest, field_name,
            shown_variables(props, fields),
            parent_of=dict(zip(codes, parents)), pen_portraits=portraits)}
        model_path = self.parameterAsFileOutput(parameters, "MODEL", context)
        if model_path:
            from ..core.hierarchy import two_level_model

            model = two_level_model(
                X, fields, parents, summary, parent_model, parent_field=parent,
                field_name=field_name, k_spec=self.parameterAsString(parameters, "K", context),
                seed=self.parameterAsInt(parameters, "SEED", context), runs=runs,
                strategy=self.strategy(parameters, context))
            self._check_reapplies(model, table, parents, codes, parameters, context)
            with self.writing("MODEL"):
                model.save(model_path)
            results["MODEL"] = model_path
        return results

    def _parent_model(self, parameters, context):
        """The one-level model given as PARENT_MODEL, or None."""
        from ..core.classification import ClassificationModel

        path = self.parameterAsFile(parameters, "PARENT_MODEL", context)
        return ClassificationModel.load(path) if path else None

    def _check_reapplies(self, model, table, parents, codes, parameters, context) -> None:
        """Warn when re-applying the model to this very input would not give back its parent
        and sub-cluster codes (e.g. a parent field not made by k-means, or another model)."""
        import numpy as np

        from ..core.tables import check_fields_exist, to_numeric

        id_field = self.id_field(parameters, context, table)
        check_fields_exist(table.frame, model.fields, "input (the parent model's variables)")
        values = to_numeric(table.frame, model.fields, id_field)
        again, _, again_sub, _ = model.assign_levels(values, scaled=True)
        for level, built, applied in ((0, parents, again), (1, codes, again_sub)):
            moved = np.flatnonzero(np.asarray(built, dtype=object) != applied)
            if len(moved):
                first = int(moved[0])
                area = (table.frame[id_field].iloc[first] if id_field in table.frame.columns
                        else first + 1)
                message = (self.tr(
                    "Re-applying the model to this input would change the parent cluster of "
                    "{n} area(s) (first: {area}, {old} → {new}): they are nearer another "
                    "cluster's centre than their own.") if level == 0 else self.tr(
                    "Re-applying the model to this input would change the sub-cluster of {n} "
                    "area(s) (first: {area}, {old} → {new}): they are nearer another "
                    "sub-cluster's centre than their own."))
                self.warn(message.format(n=len(moved), area=area, old=built[first],
                                         new=applied[first]))
        self._feedback.pushInfo(self.tr(
            "Two-level model: {k} clusters, {n} sub-clusters, {d} variables{std}.").format(
            k=model.k, n=sum(len(c) for c in model.sublevel.codes.values()),
            d=len(model.fields), std=self.tr(" (with its standardisation)")
            if model.standardisation is not None else ""))


def _code(value) -> str:
    """Cluster codes as text (`core.codes.code_text`); 3.0 from a numeric field reads as 3."""
    from ..core.codes import code_text

    return code_text(value) or ""
