"""Write models/customer_segmentation_method.model3: the whole method as one graphical model.

prepare variables → standardise → k-means → sub-clusters → join records by postcode → profile.
Run with QGIS's Python (the provider must be registered): `make model`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_HASH_SEED", "0")  # before Qt: same XML attribute order on every run

from qgis.core import (  # noqa: E402
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.core import (
    QgsProcessingModelChildParameterSource as Src,
)
from qgis.PyQt.QtCore import QPointF

OUT = Path(__file__).resolve().parents[1] / "models" / "customer_segmentation_method.model3"


def _param(model, param, x, y, help_text):
    param.setHelp(help_text)
    model.setHelpContent({**model.helpContent(), param.name(): help_text})
    model.addModelParameter(param, QgsProcessingModelParameter(param.name()))
    model.parameterComponent(param.name()).setPosition(QPointF(x, y))


def _child(model, alg_id, child_id, description, x, y, sources, outputs=None,
           out_dx=260, out_dy=20):
    child = QgsProcessingModelChildAlgorithm(alg_id)
    child.setChildId(child_id)
    child.setDescription(description)
    child.setPosition(QPointF(x, y))
    for name, value in sources.items():
        child.addParameterSources(name, value if isinstance(value, list) else [value])
    _fill_defaults(child, sources)
    for i, (name, label) in enumerate((outputs or {}).items()):
        out = QgsProcessingModelOutput(label)
        out.setPosition(QPointF(x + out_dx, y + out_dy + 45 * i))  # clear of the other steps
        out.setChildOutputName(name)
        out.setChildId(child_id)
        out.setDescription(label)
        out.setDefaultValue("TEMPORARY_OUTPUT")  # written unless the officer says otherwise
        child.setModelOutputs({**child.modelOutputs(), label: out})
    model.addChildAlgorithm(child)
    return child


def _fill_defaults(child: QgsProcessingModelChildAlgorithm, sources: dict) -> None:
    """Give every other parameter of the step its default as a static value, so the modeler
    finds no missing parameter (a parameter without a source is drawn red and fails
    `validateChildAlgorithm`, even when the algorithm has a default)."""
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
    if alg is None:
        raise SystemExit(f"{child.algorithmId()} is not registered: is the provider loaded?")
    for param in alg.parameterDefinitions():
        if param.name() in sources or param.isDestination():
            continue
        if param.defaultValue() is None and (
                param.flags() & param.FlagOptional):
            continue  # optional and empty: nothing to set
        child.addParameterSources(param.name(), [Src.fromStaticValue(param.defaultValue())])


def build() -> QgsProcessingModelAlgorithm:
    """The model, built through the QGIS API."""
    m = QgsProcessingModelAlgorithm("Whole method: census to service profile",
                                    "Customer Segmentation models", "segmentation_models")
    m.setHelpContent({"ALG_DESC": (
        "Hull's method end to end: census counts to percentages, inverse hyperbolic sine and "
        "range standardisation, k-means, sub-clusters (with a two-level model to re-apply to "
        "new data), then your postcoded records matched to the classification and profiled by "
        "cluster (index, penetration, 95 % CI, a Mosaic-layout table; small counts and the "
        "cells that would give them away suppressed). Open it in the graphical modeler to "
        "change any step.")})
    _param(m, QgsProcessingParameterFeatureSource("census", "Census counts (areas)"), 140, 60,
           "Areas (layer or table) with the raw census counts and denominators.")
    _param(m, QgsProcessingParameterFeatureSource("lookup", "Variable lookup"), 140, 120,
           "Variable lookup (2011 OAC schema) naming each variable's denominator.")
    _param(m, QgsProcessingParameterField("id_field", "Area id field",
                                          parentLayerParameterName="census"), 140, 180,
           "The unique area code field, e.g. OA21CD.")
    _param(m, QgsProcessingParameterNumber("k", "Number of clusters", defaultValue=6, minValue=2),
           140, 240, "How many clusters (supergroups) to make.")
    _param(m, QgsProcessingParameterString("sub_k", "Groups per cluster", "2"), 140, 300,
           "Groups within each cluster: one number, or per cluster such as 1:3,2:4.")
    _param(m, QgsProcessingParameterNumber("runs", "k-means runs", defaultValue=100, minValue=1),
           140, 360, "k-means runs per solution; the best (lowest WCSS) is kept.")
    _param(m, QgsProcessingParameterNumber("seed", "Random seed", defaultValue=1, minValue=0),
           140, 420, "Seed of every random step: same input and seed, same clusters.")
    _param(m, QgsProcessingParameterFeatureSource("records", "Postcoded records"), 140, 480,
           "Your service records (CSV, XLSX or layer) with a postcode column.")
    _param(m, QgsProcessingParameterField("postcode_field", "Postcode field",
                                          parentLayerParameterName="records"), 140, 540,
           "The records' postcode field (any common format).")
    _param(m, QgsProcessingParameterFeatureSource("postcode_lookup", "Postcode lookup"), 140, 600,
           "Postcode to Output Area lookup, e.g. the ONS Postcode Directory CSV.")
    idf = Src.fromModelParameter("id_field")
    _child(m, "segmentation:preparevariables", "prepare", "Prepare variables", 460, 60,
           {"INPUT": Src.fromModelParameter("census"), "LOOKUP": Src.fromModelParameter("lookup"),
            "ID_FIELD": idf, "KEEP_TOTALS": Src.fromStaticValue(True)})
    _child(m, "segmentation:standardise", "standardise", "Standardise (IHS, range 0-1)", 460, 160,
           {"INPUT": Src.fromChildOutput("prepare", "OUTPUT"), "ID_FIELD": idf,
            "TRANSFORM": Src.fromStaticValue(2), "SCALE": Src.fromStaticValue(0)})
    _child(m, "segmentation:kmeans", "kmeans", "K-means", 460, 260,
           {"INPUT": Src.fromChildOutput("standardise", "OUTPUT"), "ID_FIELD": idf,
            "K": Src.fromModelParameter("k"), "RUNS": Src.fromModelParameter("runs"),
            "SEED": Src.fromModelParameter("seed"), "FIELD_NAME": Src.fromStaticValue("cluster"),
            "LOOKUP": Src.fromModelParameter("lookup")})
    _child(m, "segmentation:subcluster", "subcluster", "Groups within clusters", 460, 360,
           {"INPUT": Src.fromChildOutput("kmeans", "OUTPUT"), "ID_FIELD": idf,
            "PARENT_FIELD": Src.fromStaticValue("cluster"), "K": Src.fromModelParameter("sub_k"),
            "RUNS": Src.fromModelParameter("runs"), "SEED": Src.fromModelParameter("seed"),
            "FIELD_NAME": Src.fromStaticValue("group"), "LOOKUP": Src.fromModelParameter("lookup"),
            "PARENT_MODEL": Src.fromChildOutput("kmeans", "MODEL")},
           {"OUTPUT": "Classified areas", "OUTPUT_LABELS": "Cluster labels",
            "MODEL": "Two-level model"}, out_dx=60, out_dy=70)
    _child(m, "segmentation:joinpostcodes", "join", "Join records by postcode", 860, 260,
           {"INPUT": Src.fromModelParameter("records"),
            "POSTCODE_FIELD": Src.fromModelParameter("postcode_field"),
            "LOOKUP": Src.fromModelParameter("postcode_lookup"),
            "AREAS": Src.fromChildOutput("subcluster", "OUTPUT"), "AREA_ID_FIELD": idf,
            "CLUSTER_FIELDS": Src.fromStaticValue(["cluster", "group"])},
           {"OUTPUT": "Matched records", "OUTPUT_UNMATCHED": "Unmatched records"})
    _child(m, "segmentation:profile", "profile", "Profile by cluster", 860, 420,
           {"INPUT": Src.fromChildOutput("join", "OUTPUT"),
            "CLUSTER_FIELD": Src.fromStaticValue(["cluster", "group"]),
            "AREAS": Src.fromChildOutput("subcluster", "OUTPUT"), "AREA_ID_FIELD": idf,
            "MIN_COUNT": Src.fromStaticValue(5), "DISCLOSURE": Src.fromStaticValue(0)},
           {"OUTPUT": "Profile", "OUTPUT_TABLE": "Profile table (Mosaic layout)",
            "OUTPUT_HTML": "Profile report"})
    return m


def main() -> None:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from customer_segmentation.processing.provider import SegmentationProvider

    provider = SegmentationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    model = build()
    OUT.parent.mkdir(exist_ok=True)
    if not model.toFile(str(OUT)):
        raise SystemExit(f"could not write {OUT}")
    print(OUT)


if __name__ == "__main__":
    main()
