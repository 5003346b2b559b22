"""segmentation:applymodel: classify new or updated areas with a saved model."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterString

from .base import SegmentationAlgorithm


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
        "name. Also writes the squared distance to the centre, to spot areas that fit badly."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="The new or updated areas, with the model's variables.")
        self.add(QgsProcessingParameterFile("MODEL", self.tr("Model file"), extension="json"),
                 "A JSON model written by 'K-means classification'.")
        self.add_id_field()
        self.add(QgsProcessingParameterString("FIELD_NAME", self.tr("Cluster field name"),
                                              "cluster"),
                 "Name of the new field holding each area's cluster code.")
        self.add_lookup_for_docks()
        self.add_sink("OUTPUT", "Classified areas (saved classification)",
                      "The input with the cluster code and the squared distance to its centre.")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core.classification import ClassificationModel
        from ..core.tables import check_not_empty, to_numeric

        model = ClassificationModel.load(self.parameterAsFile(parameters, "MODEL", context))
        table = self.read(parameters, "INPUT", context, feedback)
        check_not_empty(table.frame)
        id_field = self.id_field(parameters, context, table)
        from ..core.tables import check_fields_exist

        check_fields_exist(table.frame, model.fields, "input (the model's variables)")
        values = to_numeric(table.frame, model.fields, id_field)
        codes, dist = model.assign(values)
        field_name = self.parameterAsString(parameters, "FIELD_NAME", context).strip() or "cluster"
        feedback.pushInfo(self.tr(
            "Model: K={k}, {v1} variables; {n_codes} areas classified.").format(
            k=model.k, v1=len(model.fields), n_codes=len(codes)))
        counts = pd.Series(codes).value_counts()
        feedback.pushInfo(", ".join(f"{c}: {counts.get(c, 0)}" for c in model.codes))
        new = pd.DataFrame({field_name: codes, f"{field_name}_dist2": dist})
        dest = self.write_appended(parameters, "OUTPUT", context, table, new, feedback)
        self.style_later(dest, field_name, self.classified_properties(
            parameters, context, self.appended_columns(table, new), model.fields, [field_name],
            percentages_are_variables=model.standardisation is not None))
        return {"OUTPUT": dest}
