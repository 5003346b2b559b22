"""segmentation:composition: the cluster mix of each ward, LSOA, MSOA or drawn polygon."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import disclosure_options
from .base import SegmentationAlgorithm
from .compat import NUMBER_INTEGER, SOURCE_POLYGON
from .join_postcodes import GROUP, GROUP_ID


class CompositionAlgorithm(SegmentationAlgorithm):
    """Share of each cluster in each group of areas, and the dominant cluster."""

    ALG_ID = "composition"
    DISPLAY = "Cluster composition of wards or polygons"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Describes larger areas (wards, LSOAs, MSOAs, neighbourhoods, service catchments) by "
        "the clusters of their Output Areas: the share of each cluster (pct_<cluster>), the "
        "total, the number of areas and the dominant cluster. The groups are a field of the "
        "areas (GROUP_FIELD, e.g. the ward name) or a polygon layer (GROUPS): each area then "
        "belongs to the polygon containing its point on surface (the polygons are compared in "
        "a common CRS, reprojected when needed) and the output is the polygons with the "
        "shares. Shares count areas, or add up a weight such as population or households. "
        "When the weight counts people or records, MIN_COUNT and DISCLOSURE protect them "
        "(README, 'Disclosure control')."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Classified areas",
                       "The classified Output Areas (a layer; a table is enough with "
                       "GROUP_FIELD).")
        self.add(QgsProcessingParameterField("CLUSTER_FIELD", self.tr("Cluster field"),
                                             parentLayerParameterName="INPUT"),
                 "The areas' cluster field.")
        self.add(QgsProcessingParameterField("GROUP_FIELD", self.tr("Group field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "A field of the areas naming their group (ward, LSOA, MSOA code or name). "
                 "Leave empty when giving group polygons.")
        self.add(QgsProcessingParameterFeatureSource(
            "GROUPS", self.tr("Group polygons"), [SOURCE_POLYGON],
            optional=True),
            "Instead of a group field: polygons (wards, catchments …); each area goes to the "
            "polygon containing its point on surface.")
        self.add(QgsProcessingParameterField("GROUP_NAME_FIELD", self.tr("Group name field"),
                                             parentLayerParameterName="GROUPS", optional=True),
                 "The polygons' name or code field, used in the log; every polygon field is "
                 "kept in the output anyway.")
        self.add(QgsProcessingParameterField("WEIGHT_FIELD", self.tr("Weight field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Optional count per area to add up (population, households, customers). "
                 "Empty: shares of the number of areas.")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum total shown"),
                                              NUMBER_INTEGER, 0,
                                              minValue=0),
                 "Disclosure control when the weight counts records (e.g. customers): shares "
                 "of 1 to this minus 1 records are blanked, with the shares that would give "
                 "them away through the group totals and the cluster totals; zeros are shown. "
                 "0 (default) shows everything, fine for census counts.")
        disclosure_options.add_parameter(self)
        self.add_input("LABELS", "Labels table (optional)",
                       "Optional labels table (code, name, colour …, as written by K-means or "
                       "edited by you): the dominant cluster's name goes in dominant_name.",
                       optional=True)
        self.add_sink("OUTPUT", "Composition",
                      "One row per group (a table), or the group polygons with the shares: "
                      "areas, total, pct_<cluster>, dominant, dominant_name (with a labels "
                      "table), dominant_pct, suppressed.")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core.disclosure import protect_composition
        from ..core.geography import composition
        from .aggregate import GROUP_KEY as _GROUP_KEY
        from .aggregate import areas_in_group_polygons

        cluster = self.parameterAsString(parameters, "CLUSTER_FIELD", context)
        group_field = self.parameterAsString(parameters, "GROUP_FIELD", context) or None
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
        has_groups = parameters.get("GROUPS") not in (None, "")
        if bool(group_field) == has_groups:
            raise SegmentationError("Give either a group field (GROUP_FIELD) or group polygons "
                                    "(GROUPS), not both or neither.")
        areas = self.read(parameters, "INPUT", context, feedback, "classified areas")
        missing = [c for c in (cluster, group_field, weight)
                   if c and c not in areas.frame.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(map(repr, missing))} not in the classified areas; fields "
                f"are: {', '.join(map(str, areas.frame.columns))}.")
        frame = areas.frame
        groups = None
        if has_groups:
            frame, groups = areas_in_group_polygons(
                self, parameters, context, feedback, areas, frame, self.tr(
                    "{v0} area(s) are in no group polygon and are left out."))
            group_field = _GROUP_KEY
        feedback.setProgress(75)
        table = composition(frame, group_field, cluster, weight)
        if weight:
            empty = table.index[(table["total"] <= 0).to_numpy()]
            if len(empty):
                names = [str(g) for g in empty[:5]] if not has_groups else [
                    f"polygon {int(g) + 1}" for g in empty[:5]]
                self.warn(self.tr(
                    "{n} group(s) have a total weight ('{weight}') of zero ({groups}): their "
                    "shares and dominant cluster are left blank.").format(
                    n=len(empty), weight=weight,
                    groups=", ".join(names) + (" …" if len(empty) > 5 else "")))
        keep = frame[group_field].notna() & frame[cluster].notna()
        n_areas = frame[keep].groupby(group_field).size()
        table.insert(0, "areas", n_areas.reindex(table.index).fillna(0).astype("int64"))
        with disclosure_options.watching(feedback, 75, 95):
            table, prot = protect_composition(frame, group_field, cluster, weight, table,
                                              min_count,
                                              disclosure_options.method(self, parameters,
                                                                        context))
        labels = self.read_labels(parameters, context, feedback)
        if labels is not None:
            from ..core.labels import names_of

            names = names_of(labels)
            table.insert(table.columns.get_loc("dominant") + 1, "dominant_name", [
                names.get(str(d), "") if isinstance(d, str) else None
                for d in table["dominant"]])
        feedback.pushInfo(self.tr("{n} groups described.").format(n=len(table)))
        if min_count > 1 or prot.method == "round":
            disclosure_options.log(self, feedback, prot)
        if groups is None:
            out = table.reset_index()
            return {"OUTPUT": self.write_table(parameters, "OUTPUT", context, out,
                                               feedback=feedback)}
        new = table.reindex(range(len(groups.frame)))
        new.index = range(len(new))
        new["areas"] = new["areas"].fillna(0).astype("int64")
        new["suppressed"] = new["suppressed"].astype(object).where(new["suppressed"].notna(),
                                                                   False).astype(bool)
        name_field = self.parameterAsString(parameters, "GROUP_NAME_FIELD", context)
        if name_field and name_field in groups.frame.columns:
            for name, row in zip(groups.frame[name_field], new.itertuples()):
                if row.areas and not row.suppressed:
                    feedback.pushInfo(self.tr(
                        "{name}: {areas} areas, dominant cluster {dominant} ({dominant_pct:.0f} "
                        "%).").format(
                        name=name, areas=row.areas, dominant=row.dominant,
                        dominant_pct=row.dominant_pct))
        new = pd.DataFrame(new)
        dest = self.write_appended(parameters, "OUTPUT", context, groups, new, feedback)
        return {"OUTPUT": dest}
