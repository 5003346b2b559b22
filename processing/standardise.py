"""segmentation:standardise: transform then scale the chosen fields (step 3)."""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
)

from ..core.options import SCALE_LABELS, SCALES, TRANSFORM_LABELS, TRANSFORMS
from .base import SegmentationAlgorithm
from .compat import field_names


class StandardiseAlgorithm(SegmentationAlgorithm):
    """Transform + scale, keeping the fitted parameters."""

    ALG_ID = "standardise"
    DISPLAY = "Standardise variables"
    HELP = (
        "Reduces skew, then puts every variable on one scale so that none dominates the "
        "clustering. Hull's guidance: log(x+1), then range 0-1. The 2011 and 2021 OAC: inverse "
        "hyperbolic sine, then range 0-1. Field names are kept. The fitted minimum, maximum, "
        "mean, standard deviation (and Box-Cox lambda) of every field are written to a JSON "
        "parameters file, so that k-means models can re-apply the very same transform to new "
        "or updated areas."
    )

    def initAlgorithm(self, config=None):
        self.add_input()
        self.add_fields()
        self.add_id_field()
        self.add(QgsProcessingParameterEnum("TRANSFORM", self.tr("Transform"),
                                            [self.tr(t) for t in TRANSFORM_LABELS],
                                            defaultValue=2),
                 "0 none; 1 log(x+1) (Hull: add 1, then log); 2 inverse hyperbolic sine (OAC "
                 "2011/2021); 3 Box-Cox, fitted per field by maximum likelihood with λ bounded to "
                 "-5..5, on the scale-free 100 × x / (largest value) + 1, so percentages and "
                 "proportions get the same λ; values must be ≥ 0. Re-applied to new areas "
                 "(Apply a saved classification), values outside the fitted range are clipped "
                 "to it.")
        self.add(QgsProcessingParameterEnum("SCALE", self.tr("Scaling"),
                                            [self.tr(s) for s in SCALE_LABELS], defaultValue=0),
                 "0 range 0-1, (x − min)/(max − min); 1 z-score, (x − mean)/sd with the sample "
                 "standard deviation; 2 none.")
        self.add(QgsProcessingParameterBoolean("CARRY", self.tr("Carry the unstandardised values"),
                                               True),
                 "Also copy each variable's value before standardisation as raw_<name> (e.g. "
                 "raw_v01, the percentage) and every raw_ field of the input (the denominators "
                 "kept by 'Prepare variables') unchanged. K-means copies them to the classified "
                 "areas, whose summary then shows real percentages, population and households; "
                 "they are never used as variables.", advanced=True)
        self.add_sink("OUTPUT", "Standardised variables",
                      "The areas with the standardised fields (same names), the id and geometry.")
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_PARAMS", self.tr("Standardisation parameters"), "JSON files (*.json)",
            optional=True, createByDefault=False),
            "Optional JSON file of the fitted parameters, to pass to k-means as its "
            "standardisation so the model can be applied to raw percentages later.")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core.tables import numeric_matrix
        from ..core.transform import fit_standardisation

        table = self.read(parameters, "INPUT", context, feedback)
        id_field = self.id_field(parameters, context, table)
        fields = field_names(self, parameters, "FIELDS", context)
        X, fields = numeric_matrix(table.frame, fields, id_field)
        transform = TRANSFORMS[self.parameterAsEnum(parameters, "TRANSFORM", context)]
        scale = SCALES[self.parameterAsEnum(parameters, "SCALE", context)]
        numeric = pd.DataFrame(X, columns=fields)
        result, std = fit_standardisation(numeric, fields, transform, scale)
        feedback.pushInfo(self.tr(
            "{n_fields} fields: {transform} then {scale}.").format(
            n_fields=len(fields), transform=transform, scale=scale))
        if std.boxcox_at_bound:
            self.warn(self.tr(
                "Box-Cox λ reached its bound (−5 or 5) for {fields}: the field is far from "
                "any power-normal shape; consider the inverse hyperbolic sine.").format(
                fields=", ".join(std.boxcox_at_bound)))
        out = result.copy()
        if id_field:
            out.insert(0, id_field, table.frame[id_field].to_numpy())
        if self.parameterAsBool(parameters, "CARRY", context):
            out = _with_carried(out, numeric, table.frame)
        dest = self.write_table(parameters, "OUTPUT", context, out, table, feedback)
        self.record_later(dest, {"lookup": self.input_property(parameters, context, "lookup")})
        results = {"OUTPUT": dest}
        params_path = self.parameterAsFileOutput(parameters, "OUTPUT_PARAMS", context)
        if params_path:
            with self.writing("OUTPUT_PARAMS"):
                Path(params_path).write_text(json.dumps(std.to_dict(), indent=1),
                                             encoding="utf-8")
            results["OUTPUT_PARAMS"] = params_path
        return results


def _with_carried(out, numeric, frame):
    """`out` with raw_<field> (the values before standardisation) and the input's raw_ fields."""
    from ..core.carried import carried, is_carried

    extra = {carried(f): numeric[f].to_numpy() for f in numeric.columns
             if carried(f) not in out.columns}
    for name in frame.columns:
        if is_carried(name) and name not in out.columns and name not in extra:
            extra[name] = frame[name].to_numpy()
    return out.assign(**extra) if extra else out
