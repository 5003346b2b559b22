"""segmentation:aggregate: records counted per area, with statistics of a value (sum, mean,
median, min, max, weighted mean, distinct count) and a rate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ..core.errors import RunCancelled, SegmentationError
from ..core.options import AGGREGATE_STATISTIC_LABELS as STATISTIC_LABELS
from . import disclosure_options, layers, tables_io
from .base import SegmentationAlgorithm
from .compat import (
    FIELD_ANY,
    GEOMETRY_POINT,
    GEOMETRY_POLYGON,
    NUMBER_DOUBLE,
    NUMBER_INTEGER,
    SOURCE_VECTOR,
)
from .join_postcodes import GROUP, GROUP_ID

if TYPE_CHECKING:  # annotations only: imported lazily where used (fast start-up)
    import numpy as np



def assign_to_polygons(geoms: list, crs, polygons: list, polygons_crs, context,
                       feedback=None) -> np.ndarray:
    """Position of the polygon holding each geometry's point on surface (-1: none).

    Points (or the point on the surface of lines/polygons) are transformed to the polygons'
    CRS when they differ. The first polygon containing the point wins.
    """
    import numpy as np

    index = QgsSpatialIndex()
    prepared = []
    for i, g in enumerate(polygons):
        if g is None or g.isEmpty():
            prepared.append(None)
            continue
        index.addFeature(i, g.boundingBox())
        engine = QgsGeometry.createGeometryEngine(g.constGet())
        engine.prepareGeometry()
        prepared.append(engine)
    transform = None
    if crs is not None and polygons_crs is not None and crs.isValid() and \
            polygons_crs.isValid() and crs != polygons_crs:
        transform = QgsCoordinateTransform(crs, polygons_crs, context.transformContext())
    out = np.full(len(geoms), -1, dtype=np.int64)
    for i, g in enumerate(geoms):
        if feedback is not None and i % 1000 == 0:
            if feedback.isCanceled():
                raise RunCancelled()
            feedback.setProgress(20 + 50 * i / max(len(geoms), 1))
        if g is None or g.isEmpty():
            continue
        point = g if QgsWkbTypes.geometryType(g.wkbType()) == GEOMETRY_POINT \
            else g.pointOnSurface()
        if point.isEmpty():
            continue
        point = QgsGeometry(point)
        if transform is not None:
            point.transform(transform)
        if point.isMultipart():
            point = QgsGeometry.fromPointXY(point.asMultiPoint()[0])
        rect = point.boundingBox()
        for cand in sorted(index.intersects(rect)):
            if prepared[cand] is not None and prepared[cand].intersects(point.constGet()):
                out[i] = cand
                break
    return out


GROUP_KEY = "_group_pos"


def areas_in_group_polygons(alg: SegmentationAlgorithm, parameters, context, feedback,
                            areas: layers.SourceTable, frame, not_in_group: str):
    """``frame`` with column :data:`GROUP_KEY`: the position of the GROUPS polygon holding each
    area (None: in no polygon, warned with ``not_in_group``, a translated text with ``{v0}``),
    and the polygons read."""
    import numpy as np

    groups = alg.read(parameters, "GROUPS", context, feedback, "group polygons")
    if not layers.has_geometry(areas):
        raise SegmentationError("To use group polygons the areas must be a layer with "
                                "geometry.")
    pos = assign_to_polygons(areas.geometries, areas.crs, groups.geometries, groups.crs,
                             context, feedback)
    feedback.pushInfo(alg.tr("{v0} of {n_pos} areas fall in a group polygon.").format(
        v0=int((pos >= 0).sum()), n_pos=len(pos)))
    if (pos < 0).any():
        alg.warn(not_in_group.format(v0=int((pos < 0).sum())))
    return frame.assign(**{GROUP_KEY: np.where(pos >= 0, pos, None)}), groups


def is_polygon_table(table: layers.SourceTable) -> bool:
    return QgsWkbTypes.geometryType(table.wkb_type) == GEOMETRY_POLYGON


class AggregateAlgorithm(SegmentationAlgorithm):
    """Count records per area, optionally sum an amount and divide by a base."""

    ALG_ID = "aggregate"
    DISPLAY = "Count records per area"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Counts the records (service users, incidents, applications, house sales …) in each "
        "area and, for a value field (an amount, a price, an energy rating), gives the "
        "statistics chosen: sum (default), mean, median, minimum, maximum, weighted mean (by a "
        "weight field) and the distinct count of a field (households, UPRNs). A value that is "
        "text is refused naming its row; an empty value is left out of its area's statistics, "
        "counted in <prefix>n_values and reported in the log. Divides the sum (or the count) "
        "by a base such as the population to give a "
        "rate per PER (1,000 by default). The records are a table with an area code (e.g. the "
        "output of 'Join records to areas by postcode') or a point layer, each point counted "
        "in the area polygon containing it. Every area comes out, with 0 where there are no "
        "records; the area geometries are kept, ready for a choropleth map. Disclosure "
        "control: counts from 1 to MIN_COUNT − 1, the counts that would give them away from "
        "the total, and the sums and rates made from them, are blanked and flagged; or counts "
        "are rounded to 5 (DISCLOSURE)."
    )

    def _statistics(self, stats, value, weight, distinct) -> list[str]:
        """The statistics asked for, refusing those whose field is missing; with no value
        field the default sum is dropped (only the count, as before)."""
        if value is None:
            asked = [s for s in stats if s not in ("sum", "distinct")]
            if asked:
                raise SegmentationError(self.tr(
                    "The statistic(s) {stats} need a value field (SUM_FIELD).").format(
                    stats=", ".join(asked)))
            stats = [s for s in stats if s == "distinct"]
            if stats and distinct is None:
                raise SegmentationError(self.tr(
                    "The distinct count needs a distinct field (DISTINCT_FIELD) or a value "
                    "field (SUM_FIELD)."))
        if "wmean" in stats and weight is None:
            raise SegmentationError(self.tr(
                "The weighted mean needs a weight field (WEIGHT_FIELD)."))
        return stats

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Records (table or point layer)",
                       "The records: a table with an area code field, or a point layer.")
        self.add(QgsProcessingParameterField(
            "RECORD_AREA_FIELD", self.tr("Records' area code field"),
            parentLayerParameterName="INPUT", optional=True),
            "The records' area code field (e.g. oa21). Empty with a point layer: each point is "
            "placed in the area polygon that contains it.")
        self.add(QgsProcessingParameterFeatureSource(
            "AREAS", self.tr("Areas"), [SOURCE_VECTOR]),
            "The areas to count in (polygons, or a table when the records carry area codes).")
        self.add(QgsProcessingParameterField("AREA_ID_FIELD", self.tr("Area code field"),
                                             parentLayerParameterName="AREAS"),
                 "The areas' code field, with the same codes as the records' area field.")
        self.add(QgsProcessingParameterField("SUM_FIELD", self.tr("Value field"),
                                             parentLayerParameterName="INPUT", optional=True,
                                             type=FIELD_ANY),
                 "Optional numeric field of the records (an amount, a price, a rating) whose "
                 "statistics are computed per area.")
        self.add(QgsProcessingParameterEnum(
            "STATISTICS", self.tr("Statistics of the value field"),
            [self.tr(s) for s in STATISTIC_LABELS], allowMultiple=True, defaultValue=[0]),
            "What to compute per area from the value field, besides the count: 0 sum "
            "(default), 1 mean, 2 median, 3 minimum, 4 maximum, 5 weighted mean (needs the "
            "weight field), 6 distinct count (of the distinct field, else of the value field). "
            "Without a value field only the count (and a distinct count of the distinct field) "
            "is given.")
        self.add(QgsProcessingParameterField("WEIGHT_FIELD", self.tr("Weight field"),
                                             parentLayerParameterName="INPUT", optional=True,
                                             type=FIELD_ANY),
                 "Optional weight of each record (numbers ≥ 0, e.g. floor area) for the "
                 "weighted mean.")
        self.add(QgsProcessingParameterField("DISTINCT_FIELD", self.tr("Distinct field"),
                                             parentLayerParameterName="INPUT", optional=True,
                                             type=FIELD_ANY),
                 "Optional field whose different values are counted per area (household id, "
                 "UPRN) for the distinct count; empty: the value field.")
        self.add(QgsProcessingParameterField("BASE_FIELD", self.tr("Base field (rate)"),
                                             parentLayerParameterName="AREAS", optional=True),
                 "Optional field of the areas (e.g. population) to divide by: rate = sum (or "
                 "count) / base × PER.")
        self.add(QgsProcessingParameterNumber("PER", self.tr("Rate per"),
                                              NUMBER_DOUBLE, 1000,
                                              minValue=0.000001),
                 "The rate is per this many base units (1,000 people by default).")
        self.add(QgsProcessingParameterString("FIELD_PREFIX", self.tr("Field name prefix"),
                                              "rec_"),
                 "Prefix of the new fields: <prefix>count, <prefix>sum, <prefix>rate, "
                 "<prefix>suppressed, then <prefix>mean, median, min, max, wmean, distinct "
                 "and n_values as chosen.")
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5,
                                              minValue=0),
                 "Disclosure control: counts above 0 and below this (with their sum and rate) "
                 "are blanked, and so are the counts that would give them away from the total; "
                 "zeros are shown. 0 shows everything.")
        disclosure_options.add_parameter(self)
        self.add_sink("OUTPUT", "Areas with counts",
                      "The areas (geometry kept) with the count, sum, rate and suppressed "
                      "fields.")

    def compute(self, parameters, context, feedback):
        import numpy as np

        from ..core.aggregate_stats import STATISTICS, area_positions, area_statistics
        from ..core.disclosure import protect_aggregate
        from ..core.geography import aggregate
        from ..core.profile import _numeric

        record_area = self.parameterAsString(parameters, "RECORD_AREA_FIELD", context) or None
        sum_field = self.parameterAsString(parameters, "SUM_FIELD", context) or None
        weight_field = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        distinct_field = self.parameterAsString(parameters, "DISTINCT_FIELD", context) or None
        stats = [STATISTICS[i] for i in self.parameterAsEnums(parameters, "STATISTICS",
                                                              context)]
        stats = self._statistics(stats, sum_field, weight_field, distinct_field)
        area_id = self.parameterAsString(parameters, "AREA_ID_FIELD", context)
        base_field = self.parameterAsString(parameters, "BASE_FIELD", context) or None
        per = self.parameterAsDouble(parameters, "PER", context)
        prefix = self.parameterAsString(parameters, "FIELD_PREFIX", context).strip()
        min_count = self.parameterAsInt(parameters, "MIN_COUNT", context)
        required = [c for c in (record_area, sum_field, weight_field, distinct_field) if c]
        records = tables_io.read_table_parameter(self, parameters, "INPUT", context, feedback,
                                                 "records", required=required,
                                                 geometry=record_area is None)
        areas = self.read(parameters, "AREAS", context, feedback, "areas")
        missing = [c for c in (area_id, base_field) if c and c not in areas.frame.columns]
        if missing:
            raise SegmentationError(f"Field(s) {', '.join(map(repr, missing))} not in the areas; "
                                    f"fields are: {', '.join(map(str, areas.frame.columns))}.")
        frame = records.frame
        if record_area is None:
            if not layers.has_geometry(records):
                raise SegmentationError(
                    "The records are a table without geometry: choose their area code field "
                    "(RECORD_AREA_FIELD).")
            if not is_polygon_table(areas):
                raise SegmentationError("To place point records in areas, the areas must be a "
                                        "polygon layer.")
            pos = assign_to_polygons(records.geometries, records.crs, areas.geometries,
                                     areas.crs, context, feedback)
            codes = areas.frame[area_id].to_numpy(dtype=object)
            record_area = "_area_code"
            frame = frame.assign(_area_code=np.where(pos >= 0, codes[np.maximum(pos, 0)], None))
            feedback.pushInfo(self.tr(
                "{v0} of {n_pos} points fall in an area.").format(
                v0=int((pos >= 0).sum()), n_pos=len(pos)))
        feedback.setProgress(75)
        result = aggregate(frame, record_area, areas.frame, area_id, None, base_field, per)
        pos = area_positions(frame, record_area, areas.frame[area_id])
        values = area_statistics(frame, pos, len(result), stats, sum_field, weight_field,
                                 distinct_field)
        for field, n in values.attrs["missing"].items():
            self.warn(self.tr(
                "Field '{field}' is empty in {n} record(s) in an area: they are left out of "
                "its statistics ({prefix}n_values counts the values used).").format(
                field=field, n=n, prefix=prefix))
        if "sum" in values:
            result["sum"] = values["sum"].to_numpy(float)
            if base_field is not None:
                base = _numeric(areas.frame, base_field, "areas")
                with np.errstate(divide="ignore", invalid="ignore"):
                    result["rate"] = np.where(base > 0, result["sum"] / base * per, np.nan)
        outside = result.attrs["records_outside_areas"]
        if outside:
            self.warn(self.tr(
                "{outside} record(s) are in no area of the areas layer "
                "(or have no area code).").format(
                outside=outside))
        count = result["count"].to_numpy()
        new, prot = protect_aggregate(result, prefix, min_count,
                                      disclosure_options.method(self, parameters, context))
        # Statistics of a few records' values (a mean, a maximum) are as telling as the count:
        # blank where the count is hidden, or (rounding) where it is 1 to MIN_COUNT − 1.
        few = new[f"{prefix}suppressed"].to_numpy(bool) | ((count > 0) & (count < min_count))
        for stat in [c for c in values.columns if c != "sum"]:
            new[f"{prefix}{stat}"] = np.where(few, np.nan, values[stat].to_numpy(float))
        if prot.total_hidden:
            feedback.pushInfo(self.tr("Fewer than {min_count} records in all.").format(
                min_count=min_count))
        else:
            feedback.pushInfo(self.tr("{v0} records in {n_count} areas.").format(
                v0=int(count.sum()), n_count=len(count)))
        disclosure_options.log(self, feedback, prot)
        if feedback.isCanceled():
            raise RunCancelled()
        dest = self.write_appended(parameters, "OUTPUT", context, areas, new, feedback)
        return {"OUTPUT": dest}

