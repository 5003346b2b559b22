"""segmentation:targeting: areas of over-represented clusters, ranked by estimated non-users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import layers, tables_io
from .base import SegmentationAlgorithm
from .compat import NUMBER_DOUBLE, NUMBER_INTEGER, SOURCE_VECTOR
from .join_postcodes import GROUP, GROUP_ID, count_units_once

if TYPE_CHECKING:  # annotations only: imported lazily where used (fast start-up)
    import pandas as pd

RANK_KEYS = ["observed_non_users", "gap"]


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
        "cells were suppressed are not targeted. Where the service's observed use per area is "
        "known (OBSERVED_FIELD, or the matched records counted per area with "
        "RECORDS_AREA_FIELD), the areas are ranked on observed non-users instead: households − "
        "observed users (an area where 18 households already use the service is not ranked "
        "as if the cluster's average, 10.1, did); or, by choice, on the gap to the cluster's "
        "expected use (estimated − observed users: where the service reaches fewer households "
        "than in similar areas). The log and the output's 'ranking' field say which ranking "
        "was used. The output keeps the areas' geometry and fields and adds penetration, "
        "index, est_users, est_non_users (with observed use: observed_users, "
        "observed_non_users, gap), ranking and rank."
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
        self.add(QgsProcessingParameterField("OBSERVED_FIELD",
                                             self.tr("Observed users field (areas)"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Users of the service already seen in each area (households or people, as "
                 "the households field). Given: the areas are ranked on observed use (RANK_BY).")
        self.add(QgsProcessingParameterField("RECORDS_AREA_FIELD",
                                             self.tr("Records' area code field (count observed "
                                                     "use)"),
                                             parentLayerParameterName="RECORDS", optional=True),
                 "Count the matched records (or units, with UNIT_FIELD) in each area as its "
                 "observed use: the records' area code field (e.g. oa21), matched to the "
                 "areas' AREA_ID_FIELD.")
        self.add(QgsProcessingParameterField("AREA_ID_FIELD", self.tr("Areas' code field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "The areas' code field, to count the records per area. Empty: the first field "
                 "named like a code.")
        self.add(QgsProcessingParameterField("UNIT_FIELD", self.tr("Unit field (count once)"),
                                             parentLayerParameterName="RECORDS", optional=True),
                 "Household, person or UPRN id in the records: each unit counts once (in the "
                 "area, else the cluster, holding most of its records); the log says how many "
                 "records collapsed.")
        self.add(QgsProcessingParameterEnum(
            "RANK_BY", self.tr("Rank on (with observed use)"),
            options=[self.tr("Observed non-users (households − observed users)"),
                     self.tr("Gap to the cluster's expected use (estimated − observed users)")],
            defaultValue=0),
            "With observed use: rank on the households not yet using the service, or on how "
            "far the area falls short of the use its cluster's penetration expects. Without "
            "observed use the ranking is on estimated non-users.")
        self.add(QgsProcessingParameterNumber("MIN_INDEX", self.tr("Minimum index"),
                                              NUMBER_DOUBLE, 110),
                 "Target the areas of clusters with at least this index (110: 10 % more "
                 "customers than expected).")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5,
                                              minValue=0),
                 "When the profile is computed here: clusters with fewer records than this are "
                 "suppressed and not targeted.", advanced=True)
        self.add_sink("OUTPUT", "Target areas",
                      "The areas of the targeted clusters, top-ranked first (estimated non-users; "
                      "with observed use, observed non-users or the gap), with penetration, "
                      "index, est_users, est_non_users (observed_users, observed_non_users, gap), "
                      "ranking (what the rank is on) and rank.")

    def compute(self, parameters, context, feedback):
        from ..core.geography import RANKINGS, targeting
        from ..core.profile import profile

        cluster = self.parameterAsString(parameters, "CLUSTER_FIELD", context)
        households = self.parameterAsString(parameters, "HOUSEHOLDS_FIELD", context)
        observed_field = self.parameterAsString(parameters, "OBSERVED_FIELD", context)
        area_id = self.parameterAsString(parameters, "AREA_ID_FIELD", context)
        rec_area = self.parameterAsString(parameters, "RECORDS_AREA_FIELD", context)
        unit = self.parameterAsString(parameters, "UNIT_FIELD", context)
        min_index = self.parameterAsDouble(parameters, "MIN_INDEX", context)
        areas = self.read(parameters, "INPUT", context, feedback, "classified areas")
        missing = [c for c in (cluster, households, observed_field, area_id)
                   if c and c not in areas.frame.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(map(repr, missing))} not in the classified areas; fields "
                f"are: {', '.join(map(str, areas.frame.columns))}.")
        has_profile = parameters.get("PROFILE") not in (None, "")
        records = None
        if parameters.get("RECORDS") not in (None, ""):
            rec_cluster = self.parameterAsString(parameters, "RECORDS_CLUSTER_FIELD",
                                                 context) or cluster
            needed = [c for c in (None if has_profile else rec_cluster, rec_area, unit) if c]
            records = tables_io.read_table_parameter(self, parameters, "RECORDS", context,
                                                     feedback, "records",
                                                     required=needed,
                                                     geometry=False).frame
            if unit:
                place = [rec_area] if rec_area else ([] if has_profile else [rec_cluster])
                records = count_units_once(self, records, unit, place, feedback,
                                           self.tr("area") if rec_area else self.tr("cluster"))[0]
        elif rec_area or unit:
            raise SegmentationError("RECORDS_AREA_FIELD and UNIT_FIELD need the matched records "
                                    "(RECORDS).")
        if has_profile:
            prof = tables_io.read_table_parameter(self, parameters, "PROFILE", context,
                                                  feedback, "profile table",
                                                  geometry=False).frame
            pen, idx, level = profile_rates(prof, cluster)
            feedback.pushInfo(self.tr(
                "Using the profile's 'all' rows of level '{v0}'.").format(
                v0=level or cluster))
        elif records is not None:
            min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
            prof, info = profile(records, rec_cluster, areas.frame, cluster, households,
                                 min_count=min_count)
            feedback.pushInfo(self.tr(
                "Profile of {n_records} records against '{households}': {v2} cluster(s) "
                "suppressed.").format(
                n_records=len(records), households=households, v2=info['suppressed_cells']))
            pen, idx, _ = profile_rates(prof, rec_cluster)
        else:
            raise SegmentationError("Give a profile table (PROFILE) or the matched records "
                                    "(RECORDS) to compute one.")
        feedback.setProgress(60)
        observed = self._observed(areas.frame, observed_field, area_id, records, rec_area,
                                  feedback)
        rank_by = RANK_KEYS[self.parameterAsEnum(parameters, "RANK_BY", context)]
        chosen = sorted(c for c, i in idx.items() if i >= min_index)
        feedback.pushInfo(self.tr(
            "Clusters with index ≥ {min_index:g}: {v1}.").format(
            min_index=min_index, v1=', '.join(map(str, chosen)) or 'none'))
        out = targeting(areas.frame, cluster, households, pen, idx, min_index, observed,
                        rank_by)
        used = rank_by if observed is not None else "estimated_non_users"
        feedback.pushInfo(self.tr(
            "Ranking: {ranking}.").format(ranking=RANKINGS[used]))
        if observed is None:
            feedback.pushInfo(self.tr(
                "No observed use given (OBSERVED_FIELD or RECORDS with RECORDS_AREA_FIELD): "
                "ranked on the cluster's average take-up."))
        feedback.pushInfo(self.tr(
            "{n_out} target areas, {v1:.0f} estimated non-user households.").format(
            n_out=len(out), v1=out['est_non_users'].sum()))
        if observed is not None:
            feedback.pushInfo(self.tr(
                "Observed: {users:.0f} users, {non:.0f} non-user households in the target "
                "areas.").format(users=out["observed_users"].sum(),
                                 non=out["observed_non_users"].sum()))
        geoms = [areas.geometries[i] for i in out.index] if layers.has_geometry(areas) else []
        # A GeoPackage's 'fid' would become the output's feature id and undo the ranking.
        out = out.drop(columns=[c for c in out.columns if str(c).lower() == "fid"])
        ranked = layers.SourceTable(out.reset_index(drop=True), geoms, areas.fields,
                                    areas.wkb_type, areas.crs)
        dest = self.write_table(parameters, "OUTPUT", context, ranked.frame, ranked, feedback)
        return {"OUTPUT": dest}

    def _observed(self, frame, observed_field, area_id, records, rec_area, feedback):
        """Observed users per area (aligned with the areas), or None when not given."""
        from ..core.geography import observed_from_field, observed_per_area

        if observed_field and rec_area:
            raise SegmentationError("Give observed use either as an areas' field "
                                    "(OBSERVED_FIELD) or as records counted per area "
                                    "(RECORDS_AREA_FIELD), not both.")
        if observed_field:
            feedback.pushInfo(self.tr(
                "Observed use: the areas' field '{field}'.").format(field=observed_field))
            return observed_from_field(frame, observed_field)
        if not rec_area:
            return None
        area_id = area_id or layers.guess_id_field(frame)
        if not area_id:
            raise SegmentationError("Choose the areas' code field (AREA_ID_FIELD) to count the "
                                    "records per area.")
        counts, outside = observed_per_area(frame, area_id, records, rec_area)
        feedback.pushInfo(self.tr(
            "Observed use: {n} record(s) counted per area ('{rec_area}' → '{area_id}').").format(
            n=int(counts.sum()), rec_area=rec_area, area_id=area_id))
        if outside:
            self.warn(self.tr(
                "{n} record(s) have an area code not among the areas (or none): not counted as "
                "observed use.").format(n=outside))
        return counts
