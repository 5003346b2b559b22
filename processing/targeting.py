"""segmentation:targeting: areas of over-represented clusters, ranked by estimated non-users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import disclosure_options, layers, tables_io
from .base import SegmentationAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, SOURCE_VECTOR
from .join_postcodes import GROUP, GROUP_ID

if TYPE_CHECKING:  # annotations only: imported lazily where used (fast start-up)
    import pandas as pd



def profile_rates(table: pd.DataFrame, level: str | None) -> tuple[pd.Series, pd.Series, str]:
    """Penetration and index by cluster from a profile table ('all' rows of one level)."""
    import pandas as pd

    from ..core.profile import cluster_codes

    missing = [c for c in ("cluster", "penetration", "index") if c not in table.columns]
    if missing:
        raise SegmentationError(
            f"The profile table has no {', '.join(map(repr, missing))} field(s) (is it the "
            f"output of 'Profile records by cluster'?); fields are: "
            f"{', '.join(map(str, table.columns))}.")
    rows = table
    if "indicator" in rows.columns:
        rows = rows[rows["indicator"].astype(str) == "all"]
    chosen = ""
    if "level" in rows.columns and len(rows):
        levels = list(dict.fromkeys(rows["level"].astype(str)))
        chosen = level if level in levels else levels[0]
        rows = rows[rows["level"].astype(str) == chosen]
    if not len(rows):
        raise SegmentationError("The profile table has no 'all' rows to target from.")
    codes = cluster_codes(rows["cluster"]).to_numpy()
    pen = pd.Series(pd.to_numeric(rows["penetration"], errors="coerce").to_numpy(float),
                    index=codes)
    idx = pd.Series(pd.to_numeric(rows["index"], errors="coerce").to_numpy(float), index=codes)
    return pen, idx, chosen


class TargetingAlgorithm(SegmentationAlgorithm):
    """Where are the most households like the customers who do not use the service yet?"""

    ALG_ID = "targeting"
    DISPLAY = "Target areas (estimated non-users)"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Finds the areas to target: the areas of clusters where a service's customers are "
        "over-represented (index ≥ MIN_INDEX), ranked by the estimated number of households "
        "not yet using the service: households × (1 − penetration / 100), with the "
        "penetration of the area's cluster. The figures come from a profile table ('Profile "
        "records by cluster', its 'all' rows, base = households) or are computed here from "
        "the matched records with the areas' households as the base. Clusters whose profile "
        "cells were suppressed are not targeted. The output keeps the areas' geometry and "
        "fields and adds penetration, index, est_users, est_non_users and rank."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Classified areas",
                       "The classified areas (a layer, to map the targets).")
        self.add(QgsProcessingParameterField("CLUSTER_FIELD", self.tr("Cluster field"),
                                             parentLayerParameterName="INPUT"),
                 "The areas' cluster field (the level of the profile to use).")
        self.add(QgsProcessingParameterField("HOUSEHOLDS_FIELD", self.tr("Households field"),
                                             parentLayerParameterName="INPUT"),
                 "Households (or people) per area: the units the penetration is per 100 of.")
        self.add(QgsProcessingParameterFeatureSource(
            "PROFILE", self.tr("Profile table"), [SOURCE_VECTOR], optional=True),
            "The output of 'Profile records by cluster' (with households as its base). Its "
            "'all' rows of the level named like CLUSTER_FIELD (else the first level) are used.")
        self.add(QgsProcessingParameterFeatureSource(
            "RECORDS", self.tr("Matched records (instead of a profile)"),
            [SOURCE_VECTOR], optional=True),
            "Without a profile table: the matched records, profiled here against the areas' "
            "households.")
        self.add(QgsProcessingParameterField("RECORDS_CLUSTER_FIELD",
                                             self.tr("Records' cluster field"),
                                             parentLayerParameterName="RECORDS", optional=True),
                 "The records' cluster field. Empty: the same name as CLUSTER_FIELD.")
        self.add(QgsProcessingParameterNumber("MIN_INDEX", self.tr("Minimum index"),
                                              NUMBER_DOUBLE, 110),
                 "Target the areas of clusters with at least this index (110: 10 % more "
                 "customers than expected).")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5,
                                              minValue=0),
                 "When the profile is computed here: clusters of 1 to this minus 1 records, "
                 "and those that would give them away, are suppressed and not targeted.",
                 advanced=True)
        disclosure_options.add_parameter(self, advanced=True)
        self.add_sink("OUTPUT", "Target areas",
                      "The areas of the targeted clusters, most estimated non-users first, with "
                      "penetration, index, est_users, est_non_users and rank.")

    def compute(self, parameters, context, feedback):
        from ..core.geography import targeting
        from ..core.profile import profile

        cluster = self.parameterAsString(parameters, "CLUSTER_FIELD", context)
        households = self.parameterAsString(parameters, "HOUSEHOLDS_FIELD", context)
        min_index = self.parameterAsDouble(parameters, "MIN_INDEX", context)
        areas = self.read(parameters, "INPUT", context, feedback, "classified areas")
        missing = [c for c in (cluster, households) if c not in areas.frame.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(map(repr, missing))} not in the classified areas; fields "
                f"are: {', '.join(map(str, areas.frame.columns))}.")
        if parameters.get("PROFILE") not in (None, ""):
            prof = tables_io.read_table_parameter(self, parameters, "PROFILE", context,
                                                  feedback, "profile table",
                                                  geometry=False).frame
            pen, idx, level = profile_rates(prof, cluster)
            feedback.pushInfo(self.tr(
                "Using the profile's 'all' rows of level '{v0}'.").format(
                v0=level or cluster))
        elif parameters.get("RECORDS") not in (None, ""):
            rec_cluster = self.parameterAsString(parameters, "RECORDS_CLUSTER_FIELD",
                                                 context) or cluster
            records = tables_io.read_table_parameter(self, parameters, "RECORDS", context,
                                                     feedback, "records",
                                                     required=[rec_cluster],
                                                     geometry=False).frame
            min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
            prof, info = profile(records, rec_cluster, areas.frame, cluster, households,
                                 min_count=min_count,
                                 disclosure=disclosure_options.method(self, parameters, context))
            feedback.pushInfo(self.tr(
                "Profile of {n_records} records against '{households}'.").format(
                n_records=len(records), households=households))
            disclosure_options.log(self, feedback, info["disclosure"])
            pen, idx, _ = profile_rates(prof, rec_cluster)
        else:
            raise SegmentationError("Give a profile table (PROFILE) or the matched records "
                                    "(RECORDS) to compute one.")
        feedback.setProgress(60)
        chosen = sorted(c for c, i in idx.items() if i >= min_index)
        feedback.pushInfo(self.tr(
            "Clusters with index ≥ {min_index:g}: {v1}.").format(
            min_index=min_index, v1=', '.join(map(str, chosen)) or 'none'))
        out = targeting(areas.frame, cluster, households, pen, idx, min_index)
        feedback.pushInfo(self.tr(
            "{n_out} target areas, {v1:.0f} estimated non-user households.").format(
            n_out=len(out), v1=out['est_non_users'].sum()))
        geoms = [areas.geometries[i] for i in out.index] if layers.has_geometry(areas) else []
        # A GeoPackage's 'fid' would become the output's feature id and undo the ranking.
        out = out.drop(columns=[c for c in out.columns if str(c).lower() == "fid"])
        ranked = layers.SourceTable(out.reset_index(drop=True), geoms, areas.fields,
                                    areas.wkb_type, areas.crs)
        dest = self.write_table(parameters, "OUTPUT", context, ranked.frame, ranked, feedback)
        return {"OUTPUT": dest}
