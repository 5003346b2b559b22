"""segmentation:penportraits: one page per cluster (HTML, and PDF when asked for)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
)

from ..core.errors import RunCancelled, SegmentationError
from .base import SegmentationAlgorithm, feedback_progress
from .compat import FIELD_NUMERIC, GEOMETRY_POLYGON, field_names

if TYPE_CHECKING:  # annotations only: imported where used (fast start-up)
    import numpy as np
    import pandas as pd



def rings_of(geometries, max_vertices: int = 200_000) -> list[list[np.ndarray]]:
    """Exterior rings of each (multi)polygon as (n, 2) arrays, simplified when the layer is
    large so that the small maps stay quick to draw. Non-polygons give no rings."""
    import numpy as np

    boxes = [g.boundingBox() for g in geometries if g is not None and not g.isEmpty()]
    tolerance = 0.0
    if boxes:
        total = sum(g.constGet().nCoordinates() for g in geometries
                    if g is not None and not g.isEmpty())
        if total > max_vertices:
            xmin = min(b.xMinimum() for b in boxes)
            xmax = max(b.xMaximum() for b in boxes)
            ymin = min(b.yMinimum() for b in boxes)
            ymax = max(b.yMaximum() for b in boxes)
            tolerance = max(xmax - xmin, ymax - ymin) / 1500.0
    out = []
    for g in geometries:
        if g is None or g.isEmpty() or g.type() != GEOMETRY_POLYGON:
            out.append([])
            continue
        if tolerance:
            simple = g.simplify(tolerance)
            g = simple if simple is not None and not simple.isEmpty() else g
        polys = g.asMultiPolygon() if g.isMultipart() else [g.asPolygon()]
        out.append([np.array([(p.x(), p.y()) for p in poly[0]]) for poly in polys if poly])
    return out


class PenPortraitsAlgorithm(SegmentationAlgorithm):
    """A page per cluster: size, spider chart, top variables, map, drafted description."""

    ALG_ID = "penportraits"
    DISPLAY = "Pen portraits of the clusters"
    HELP = (
        "Writes a report with one page per cluster: its name (from the labels table), its size "
        "(areas, and population when a population field is given), a spider chart of its "
        "profile against the area average, the most over- and under-represented variables "
        "(index = 100 × cluster mean / mean of all areas, on the unstandardised percentages "
        "when given, else on the input values), a small map of where it lives, and a drafted "
        "description ('Compared with the area average, these neighbourhoods have many more … "
        "and fewer …') for the officer to rewrite. The HTML report is self-contained and its "
        "descriptions can be edited in the browser; the PDF has one A4 page per cluster."
    )

    def initAlgorithm(self, config=None):
        self.add_input(help_text="The classified areas (a layer gives the maps; a table works "
                                 "without them).")
        self.add(QgsProcessingParameterField("CLUSTER_FIELD", self.tr("Cluster field"),
                                             parentLayerParameterName="INPUT"),
                 "The field holding each area's cluster code (e.g. cluster, subcluster).")
        self.add_fields(help_text="The variables to profile. Empty: every numeric field except "
                                  "the cluster, id and population fields.")
        self.add_id_field()
        self.add_input("PERCENTAGES", "Unstandardised percentages (optional)",
                       "Optional table of the same areas with the variables before "
                       "standardisation (e.g. the output of 'Prepare variables'), joined on the "
                       "area id. The indices are then computed on these percentages, which "
                       "read more naturally than standardised values.", optional=True)
        self.add_input("LABELS", "Labels table (optional)",
                       "Optional labels table (code, name, colour …, as written by K-means) "
                       "giving each cluster its name and colour.", optional=True)
        self.add_input("LOOKUP", "Variable lookup (optional)",
                       "Optional variable lookup with VariableCode, VariableName and "
                       "VariableDomain: readable names in the text, variables grouped by "
                       "domain on the spider charts.", optional=True)
        self.add(QgsProcessingParameterField(
            "POPULATION_FIELD", self.tr("Population field"), parentLayerParameterName="INPUT",
            type=FIELD_NUMERIC, optional=True),
            "Optional count of people (or households) in each area, summed per cluster.")
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Pen portraits (HTML)"), "HTML files (*.html)"),
            "Self-contained HTML report, one section (printed page) per cluster.")
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", self.tr("Pen portraits (PDF)"), "PDF files (*.pdf)", optional=True,
            createByDefault=False),
            "Optional PDF with one A4 page per cluster.")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core import labels as core_labels
        from ..core import pen_portraits as pp
        from ..core.tables import numeric_fields, numeric_matrix

        table = self.read(parameters, "INPUT", context, feedback)
        frame = table.frame
        cluster = self.parameterAsString(parameters, "CLUSTER_FIELD", context)
        if cluster not in frame.columns:
            raise SegmentationError(f"Cluster field '{cluster}' is not in the input.")
        clusters = frame[cluster].map(core_labels.code_text)
        empty = clusters == ""
        if empty.all():
            raise SegmentationError(f"Cluster field '{cluster}' is empty in every area.")
        if empty.any():
            self.warn(self.tr(
                "{v0} area(s) without a cluster code are left out.").format(
                v0=int(empty.sum())))
        pop_field = self.parameterAsString(parameters, "POPULATION_FIELD", context) or None
        id_field = self.id_field(parameters, context, table)
        fields = field_names(self, parameters, "FIELDS", context)
        if not fields:
            fields = numeric_fields(frame, exclude=[cluster, id_field, pop_field])
            feedback.pushInfo(self.tr("Variables: ") + ", ".join(fields))
        values = self._values(parameters, context, feedback, table, fields, id_field)
        X, fields = numeric_matrix(values, fields, None)
        keep = ~empty.to_numpy()
        values = pd.DataFrame(X[keep], columns=fields)
        population = None
        if pop_field:
            population = pd.to_numeric(frame[pop_field], errors="coerce").to_numpy()[keep]
        names, colours, descriptions = {}, {}, {}
        if parameters.get("LABELS"):
            lab = core_labels.normalise(self.read(parameters, "LABELS", context, feedback,
                                                  "labels table").frame)
            names, colours = core_labels.names_of(lab), core_labels.colours_of(lab)
            descriptions = {c: d for c, d in zip(lab["code"], lab["description"]) if d}
        variable_names, domains = self._lookup(parameters, context, feedback)
        portraits = pp.build_portraits(values, clusters[keep].to_numpy(), population=population,
                                       names=names, colours=colours,
                                       variable_names=variable_names, descriptions=descriptions)
        feedback.pushInfo(self.tr(
            "{n_portraits} clusters, {v1} areas, {n_fields} variables.").format(
            n_portraits=len(portraits), v1=int(keep.sum()), n_fields=len(fields)))
        polygons = None
        if table.geometries and any(g is not None and not g.isEmpty() for g in table.geometries):
            polygons = rings_of([g for g, k in zip(table.geometries, keep) if k])
        feedback.setProgress(10)
        codes = clusters[keep].to_numpy()
        title = self.tr("Pen portraits")
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        pdf_path = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context)
        results = {}
        if html_path:
            with self.writing("OUTPUT_HTML"):
                pp.write_html(portraits, html_path, polygons, codes, domains, variable_names,
                              title, progress=self._progress(feedback, 10, 55 if pdf_path else 100))
            results["OUTPUT_HTML"] = html_path
        if pdf_path:
            with self.writing("OUTPUT_PDF"):
                pp.write_pdf(portraits, pdf_path, polygons, codes, domains, variable_names,
                             title, progress=self._progress(feedback, 55, 100))
            results["OUTPUT_PDF"] = pdf_path
        return results

    def _progress(self, feedback, start, end):
        report = feedback_progress(feedback, start, end)

        def step(fraction):
            if feedback.isCanceled():
                raise RunCancelled()
            report(fraction)
        return step

    def _values(self, parameters, context, feedback, table, fields, id_field) -> pd.DataFrame:
        """The variables from the input, or from PERCENTAGES joined on the area id."""
        import pandas as pd

        from .layers import guess_id_field

        if not parameters.get("PERCENTAGES"):
            return table.frame
        other = self.read(parameters, "PERCENTAGES", context, feedback, "percentages").frame
        other_id = id_field if id_field in other.columns else guess_id_field(other)
        if not id_field or other_id is None:
            raise SegmentationError("An area id field is needed to join the percentages.")
        missing = [f for f in fields if f not in other.columns]
        if missing:
            raise SegmentationError(f"The percentages table has no field(s) "
                                    f"{', '.join(missing)}.")
        right = other[[other_id, *fields]].copy()
        right[other_id] = right[other_id].astype(str)
        if right[other_id].duplicated().any():
            raise SegmentationError(f"The percentages table repeats area codes in '{other_id}'.")
        left = pd.DataFrame({"__id": table.frame[id_field].astype(str)})
        joined = left.merge(right, left_on="__id", right_on=other_id, how="left")
        unmatched = joined[fields[0]].isna() if fields else pd.Series(dtype=bool)
        if unmatched.any():
            raise SegmentationError(
                f"{int(unmatched.sum())} area(s) are not in the percentages table, e.g. "
                f"{joined['__id'][unmatched].iloc[0]}.")
        feedback.pushInfo(self.tr(
            "Indices on the percentages joined on '{id_field}'.").format(
            id_field=id_field))
        return joined[fields]

    def _lookup(self, parameters, context, feedback):
        return variable_lookup(self, parameters, context, feedback)


def variable_lookup(alg: SegmentationAlgorithm, parameters, context, feedback,
                    name: str = "LOOKUP") -> tuple[dict, dict | None]:
    """Readable names (VariableCode → VariableName) and domains of the variable lookup given
    as parameter `name`; ({}, None) without one."""
    if not parameters.get(name):
        return {}, None
    from . import tables_io

    lk = tables_io.read_table_parameter(alg, parameters, name, context, feedback,
                                        "variable lookup", required=["VariableCode"],
                                        geometry=False).frame
    codes = lk["VariableCode"].astype(str).str.strip()
    names = dict(zip(codes, lk["VariableName"].astype(str))) if "VariableName" in lk else {}
    domains = dict(zip(codes, lk["VariableDomain"].astype(str))) \
        if "VariableDomain" in lk else None
    return names, domains
