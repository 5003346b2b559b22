"""segmentation:applymodel: classify new or updated areas with a saved model."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterString

from .base import SegmentationAlgorithm


def _quietly(assign, values):
    """``assign(values)`` without the Python warning for values clipped to Box-Cox's fitted
    range: the algorithm reports them in its log instead."""
    import warnings

    from ..core.transform import ClippedValuesWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ClippedValuesWarning)
        return assign(values)


class ApplyModelAlgorithm(SegmentationAlgorithm):
    """Nearest centre of a saved classification, with the model's own transforms."""

    ALG_ID = "applymodel"
    DISPLAY = "Apply a saved classification"
    HELP = (
        "Assigns each area to the nearest cluster centre of a model saved by 'K-means "
        "classification'. When the model holds a standardisation, the input must carry the "
        "variables before standardisation (e.g. percentages from 'Prepare variables') and the "
        "model's own fitted transform and scaling are applied; otherwise the input must already "
        "be on the model's scale. Fields the model needs but the input lacks are refused by "
        "name. Also writes the squared distance to the centre, to spot areas that fit badly. "
        "A two-level model (saved by 'Sub-cluster') re-applies both levels: the nearest "
        "cluster centre, then the nearest sub-cluster centre within that cluster, written to "
        "the fields the model was built with (e.g. cluster and subcluster)."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="The new or updated areas, with the model's variables.")
        self.add(QgsProcessingParameterFile("MODEL", self.tr("Model file"), extension="json"),
                 "A JSON model written by 'K-means classification' or (two levels) by "
                 "'Sub-cluster'.")
        self.add_id_field()
        self.add(QgsProcessingParameterString("FIELD_NAME", self.tr("Cluster field name"),
                                              "", optional=True),
                 "Name of the new field holding each area's cluster code. Empty: the name the "
                 "model was built with (cluster when the model does not say).")
        self.add(QgsProcessingParameterString(
            "SUB_FIELD_NAME", self.tr("Sub-cluster field name (two-level model)"), "",
            optional=True),
            "Name of the new field holding each area's sub-cluster code, for a two-level "
            "model. Empty: the name the model was built with (e.g. subcluster).")
        self.add_lookup_for_docks()
        self.add_sink("OUTPUT", "Classified areas (saved classification)",
                      "The input with the cluster code and the squared distance to its centre "
                      "(and, for a two-level model, the sub-cluster code and its distance).")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core.classification import ClassificationModel
        from ..core.errors import SegmentationError
        from ..core.tables import check_fields_exist, check_not_empty, to_numeric

        model = ClassificationModel.load(self.parameterAsFile(parameters, "MODEL", context))
        table = self.read(parameters, "INPUT", context, feedback)
        check_not_empty(table.frame)
        id_field = self.id_field(parameters, context, table)
        check_fields_exist(table.frame, model.fields, "input (the model's variables)")
        values = to_numeric(table.frame, model.fields, id_field)
        sub = model.sublevel
        field_name = (self.parameterAsString(parameters, "FIELD_NAME", context).strip()
                      or (sub.parent_field if sub is not None else "")
                      or str(model.extra.get("field_name") or "").strip() or "cluster")
        feedback.pushInfo(self.tr(
            "Model: K={k}, {v1} variables; {n_codes} areas classified.").format(
            k=model.k, v1=len(model.fields), n_codes=len(values)))
        if sub is None:
            if self.parameterAsString(parameters, "SUB_FIELD_NAME", context).strip():
                self.warn(self.tr("The sub-cluster field name is not used: the model has one "
                                  "level (it was saved by 'K-means classification')."))
            codes, dist = _quietly(model.assign, values)
            new = pd.DataFrame({field_name: codes, f"{field_name}_dist2": dist})
            levels = [field_name]
        else:
            sub_name = (self.parameterAsString(parameters, "SUB_FIELD_NAME", context).strip()
                        or sub.field_name)
            if sub_name.lower() == field_name.lower():
                raise SegmentationError(
                    f"The cluster and sub-cluster fields are both named '{field_name}': give "
                    "them different names.")
            codes, dist, sub_codes, sub_dist = _quietly(model.assign_levels, values)
            feedback.pushInfo(self.tr(
                "Two-level model: {n} sub-clusters on {v} variables, written to {field}."
            ).format(n=sum(len(c) for c in sub.codes.values()), v=len(sub.fields),
                     field=sub_name))
            new = pd.DataFrame({field_name: codes, f"{field_name}_dist2": dist,
                                sub_name: sub_codes, f"{sub_name}_dist2": sub_dist})
            levels = [field_name, sub_name]
        clipped = model.standardisation.last_clipped if model.standardisation else {}
        if clipped:
            self.warn(self.tr(
                "Values outside the range the Box-Cox transform was fitted on were clipped to "
                "it: {fields}.").format(
                fields=", ".join(f"'{f}' {n}" for f, n in clipped.items())))
        counts = pd.Series(codes).value_counts()
        feedback.pushInfo(", ".join(f"{c}: {counts.get(c, 0)}" for c in model.codes))
        dest = self.write_appended(parameters, "OUTPUT", context, table, new, feedback)
        self.style_later(dest, levels[-1], self.classified_properties(
            parameters, context, self.appended_columns(table, new), model.fields, levels,
            percentages_are_variables=model.standardisation is not None))
        return {"OUTPUT": dest}
