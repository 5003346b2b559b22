"""segmentation:areaprofiles: every ward, LSOA or polygon against the whole area at once."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.errors import SegmentationError
from . import disclosure_options
from .area_profile import (
    add_reference_parameter,
    add_signed_parameter,
    reference_method,
    reference_text,
    signed_text,
    weight_field,
)
from .base import SegmentationAlgorithm
from .compat import FIELD_ANY, NUMBER_INTEGER, SOURCE_POLYGON, field_names
from .join_postcodes import GROUP, GROUP_ID
from .pen_portraits import variable_lookup

#: Above this many groups the HTML report has tables only (charts would take minutes).
MAX_CHARTS = 60


class AreaProfilesAlgorithm(SegmentationAlgorithm):
    """Each group of areas (ward, LSOA, polygon) against the whole area, with its cluster mix
    and a drafted pen portrait."""

    ALG_ID = "areaprofiles"
    DISPLAY = "Area profiles (every ward or LSOA)"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "'Know your area' for every area at once: each ward, LSOA, MSOA or drawn polygon "
        "against the whole area. The groups are a field of the areas (GROUP_FIELD, e.g. the "
        "ward code) or a polygon layer (GROUPS): each area then belongs to the polygon "
        "containing its point on surface. For each group and chosen field: its value and its "
        "index 100 × value / whole area (<field>_index), or for a field with negative values "
        "its difference (<field>_diff). The whole area is every input area. By default the "
        "values are the rate of each group and of the whole area (means weighted by "
        "population or households, the weight field); the unweighted mean of the areas' "
        "values is an option. With a cluster field, each group's cluster mix (pct_<cluster>, "
        "dominant). Each group gets a drafted pen portrait ('Compared with the whole area, "
        "Riverside has many more … and fewer …') from its most distinctive fields, to be "
        "rewritten by the officer. Output: one row per group (or the group polygons with the "
        "figures) and an HTML report. Fields that count people or records (whole numbers) are "
        "protected: a group whose total is 1 to MIN_COUNT − 1 has its figures blanked, with "
        "other groups' so that none can be worked out from the whole area's figure, or the "
        "counts are rounded to the nearest 5 (DISCLOSURE)."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Areas",
                       "The (classified) Output Areas with the fields to compare (a layer; a "
                       "table is enough with GROUP_FIELD).")
        self.add(QgsProcessingParameterField("FIELDS", self.tr("Fields"),
                                             parentLayerParameterName="INPUT",
                                             type=FIELD_ANY, allowMultiple=True),
                 "The numeric fields (percentages, rates) to compare.")
        self.add(QgsProcessingParameterField("GROUP_FIELD", self.tr("Group field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "A field of the areas naming their group (ward, LSOA, MSOA code or name). "
                 "Leave empty when giving group polygons.")
        self.add(QgsProcessingParameterFeatureSource(
            "GROUPS", self.tr("Group polygons"), [SOURCE_POLYGON], optional=True),
            "Instead of a group field: polygons (wards, LSOAs, catchments …); each area goes to "
            "the polygon containing its point on surface.")
        self.add(QgsProcessingParameterField("GROUP_NAME_FIELD", self.tr("Group name field"),
                                             parentLayerParameterName="GROUPS", optional=True),
                 "The polygons' name or code field, used in the report and the pen portraits; "
                 "every polygon field is kept in the output anyway.")
        self.add(QgsProcessingParameterField("WEIGHT_FIELD", self.tr("Weight field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Weight of each area (population, households): needed for the default "
                 "reference, the rate of the whole area; also the base of the cluster mix.")
        add_reference_parameter(self)
        add_signed_parameter(self)
        self.add(QgsProcessingParameterNumber("MIN_COUNT", self.tr("Minimum count shown"),
                                              NUMBER_INTEGER, 5, optional=True, minValue=0),
                 "Disclosure control for fields that count people or records (whole numbers): "
                 "a group whose total is 1 to this minus 1 has the field's value and index "
                 "blanked, and further groups are blanked so that none can be worked out from "
                 "the whole area's value and the other groups; the cluster mix too when the "
                 "weight counts people. 0 shows everything.", advanced=True)
        disclosure_options.add_parameter(self, advanced=True)
        self.add(QgsProcessingParameterField("CLUSTER_FIELD", self.tr("Cluster field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Optional cluster field: each group's cluster mix (shares of the weight, or "
                 "of the number of areas without one).")
        self.add_input("LABELS", "Labels table (optional)",
                       "Optional labels table (code, name …, as written by K-means) naming the "
                       "clusters in the pen portraits.", optional=True)
        self.add_input("LOOKUP", "Variable lookup (optional)",
                       "Optional variable lookup with VariableCode and VariableName: readable "
                       "names of the fields in the pen portraits.", optional=True)
        self.add_sink("OUTPUT", "Area profiles",
                      "One row per group (a table), or the group polygons with the figures: "
                      "group, areas, weight, each field's value and _index or _diff, the "
                      "cluster shares, pen_portrait.")
        self.add(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", self.tr("Area profiles report"), "HTML files (*.html)",
            optional=True),
            "HTML report: the whole area's values, every group's table and pen portrait, "
            "with a chart of its indices (up to 60 groups).")

    def compute(self, parameters, context, feedback):
        import pandas as pd

        from ..core import labels as core_labels
        from ..core.area_profile import area_profiles, describe_group
        from .aggregate import GROUP_KEY as _GROUP_KEY
        from .aggregate import areas_in_group_polygons

        fields = field_names(self, parameters, "FIELDS", context)
        if not fields:
            raise SegmentationError("Choose at least one field to compare (FIELDS).")
        group_field = self.parameterAsString(parameters, "GROUP_FIELD", context) or None
        weight = weight_field(self, parameters, context, feedback)
        cluster = self.parameterAsString(parameters, "CLUSTER_FIELD", context) or None
        method = reference_method(self, parameters, context, weight)
        has_groups = parameters.get("GROUPS") not in (None, "")
        if bool(group_field) == has_groups:
            raise SegmentationError("Give either a group field (GROUP_FIELD) or group polygons "
                                    "(GROUPS), not both or neither.")
        areas = self.read(parameters, "INPUT", context, feedback, "areas")
        missing = [c for c in (*fields, group_field, weight, cluster)
                   if c and c not in areas.frame.columns]
        if missing:
            raise SegmentationError(
                f"Field(s) {', '.join(map(repr, missing))} not in the areas; fields are: "
                f"{', '.join(map(str, areas.frame.columns))}.")
        frame = areas.frame
        groups = None
        names: dict = {}
        if has_groups:
            frame, groups = areas_in_group_polygons(
                self, parameters, context, feedback, areas, frame, self.tr(
                    "{v0} area(s) are in no group polygon: they count in the whole area but "
                    "in no group."))
            group_field = _GROUP_KEY
            name_field = self.parameterAsString(parameters, "GROUP_NAME_FIELD", context)
            if name_field and name_field in groups.frame.columns:
                names = {i: str(v) for i, v in enumerate(groups.frame[name_field])}
            else:
                names = {i: self.tr("polygon {n}").format(n=i + 1)
                         for i in range(len(groups.frame))}
        else:
            ungrouped = int(frame[group_field].isna().sum())
            if ungrouped:
                self.warn(self.tr(
                    "{n} area(s) have no '{field}': they count in the whole area but in no "
                    "group.").format(n=ungrouped, field=group_field))
        feedback.setProgress(75)
        from ..core import disclosure

        declared = field_names(self, parameters, "SIGNED_FIELDS", context)
        counts = disclosure.count_fields([frame], fields)
        sdc = disclosure_options.method(self, parameters, context)
        if sdc == disclosure.ROUND:  # counts rounded area by area before the means
            frame = disclosure.round_count_fields(frame, counts)
        prof = area_profiles(frame, group_field, fields, weight, method, cluster, declared)
        with disclosure_options.watching(feedback, 75, 85):
            prot = self._protect(prof, frame, group_field, counts, weight, cluster, sdc,
                                 self.parameterAsInt(parameters, "MIN_COUNT", context))
        if prot is not None:
            disclosure_options.log(self, feedback, prot)
        how = reference_text(self, method, weight)
        feedback.pushInfo(self.tr(
            "{n_groups} groups of {n_areas} areas against the whole area, {n_fields} fields; "
            "{how}.").format(n_groups=len(prof.groups), n_areas=len(frame),
                             n_fields=len(fields), how=how))
        for f, n in prof.missing.items():
            self.warn(self.tr(
                "Field '{field}' is empty in {n} area(s): they are left out of its means.").format(
                field=f, n=n))
        signed = [f for f in fields if prof.signed[f]]
        if signed:
            feedback.pushInfo(signed_text(self, signed))
        cluster_names = {}
        if parameters.get("LABELS"):
            lab = core_labels.normalise(self.read(parameters, "LABELS", context, feedback,
                                                  "labels table").frame)
            cluster_names = core_labels.names_of(lab)
        variable_names, _ = variable_lookup(self, parameters, context, feedback)
        table = prof.table()
        label = [names.get(g, str(g)) for g in prof.groups]
        pct = [] if prof.composition is None else [  # not a field named pct (pct_index)
            c for c in prof.composition.columns if str(c).startswith("pct_")]
        portraits = []
        for i, g in enumerate(prof.groups):
            mix = None
            if pct:
                mix = pd.Series(table.loc[i, pct].to_numpy(float),
                                index=[c[len("pct_"):] for c in pct])
            portraits.append(describe_group(label[i], prof.index.loc[g], mix, cluster_names,
                                            variable_names))
        table["pen_portrait"] = portraits
        if has_groups:
            table.insert(1, "name", label)
        for name, text in list(zip(label, portraits))[:5]:
            feedback.pushInfo(f"  {name}: {text}")
        feedback.setProgress(85)
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            with self.writing("OUTPUT_HTML"):
                self._report(prof, label, portraits, table, how, signed).write(html_path)
        if groups is None:
            out = table.rename(columns={"group": group_field})
            results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, out,
                                                  feedback=feedback)}
        else:
            new = table.drop(columns="group").set_index(pd.Index(prof.groups, dtype=object))
            new = new.reindex(range(len(groups.frame)))
            new.index = range(len(new))
            new["areas"] = new["areas"].fillna(0).astype("int64")
            new["name"] = [names[i] for i in range(len(new))]
            results = {"OUTPUT": self.write_appended(parameters, "OUTPUT", context, groups,
                                                     pd.DataFrame(new), feedback)}
        if html_path:
            results["OUTPUT_HTML"] = html_path
        return results

    @staticmethod
    def _protect(prof, frame, group_field, counts, weight, cluster, sdc, min_count):
        """Blank, in ``prof``, each count field's figures of the groups whose total is small
        and of the groups hidden with them (the whole area is their margin), and protect the
        cluster mix when the weight counts people; the figures made from them (index,
        difference, pen portrait, report) follow. None when nothing counts."""
        import numpy as np
        import pandas as pd

        from ..core import disclosure

        groups = frame[group_field]
        has = groups.notna().to_numpy() & (groups.astype(str).str.strip() != "").to_numpy()
        mix = bool(cluster and weight and prof.composition is not None
                   and disclosure.count_fields([frame], [weight]))
        if not counts and not mix:
            return None
        if sdc == disclosure.ROUND:
            if mix:
                prof.composition, _ = disclosure.protect_composition(
                    frame[has], group_field, cluster, weight, prof.composition, min_count,
                    sdc)
            none = np.zeros(0, bool)
            return disclosure.Protection(sdc, 0, none, none, none)
        parts = []
        g = groups[has].to_numpy(dtype=object)
        for f in counts:
            values = pd.to_numeric(frame[f], errors="coerce").to_numpy(float)
            totals = pd.Series(values[has]).groupby(g).sum().reindex(prof.groups)
            rest = float(np.nansum(values[~has])) if (~has).any() else None
            hidden, whole_hidden, prot = disclosure.protect_group_totals(
                totals.to_numpy(float), rest, min_count)
            if whole_hidden:
                hidden[:] = True
                prof.reference[f] = np.nan
            for part in (prof.local, prof.index, prof.difference):
                part.loc[hidden, f] = np.nan
            parts.append(prot)
        if mix:
            prof.composition, prot = disclosure.protect_composition(
                frame[has], group_field, cluster, weight, prof.composition, min_count)
            small = prof.composition["total"].isna().reindex(prof.groups).to_numpy(bool)
            prof.weight = prof.weight.where(~small)
            parts.append(prot)
        return disclosure.Protection(
            disclosure.SUPPRESS, min_count, *(np.concatenate([getattr(p, a) for p in parts])
                                              for a in ("hidden", "primary", "secondary")),
            [c for p in parts for c in p.unprotected])

    def _report(self, prof, label, portraits, table, how, signed):
        import html

        from ..core import profile_charts
        from ..core.report import HtmlReport

        rep = HtmlReport(self.tr("Area profiles"))
        rep.paragraph(self.tr(
            "{n} areas against the whole area; {how}. Index = 100 × the area's value / the "
            "whole area's: above 100 higher, below 100 lower. The drafted pen portraits are "
            "a starting point for the officer's own words.").format(n=len(prof.groups),
                                                                   how=how))
        if signed:
            rep.paragraph(signed_text(self, signed))
        rep.heading(self.tr("The whole area"))
        import pandas as pd

        rep.table(pd.DataFrame({"field": prof.fields,
                                "value": prof.reference.to_numpy(float)}), "{:.4g}")
        rep.heading(self.tr("Every area"))
        rep.table(table.drop(columns="pen_portrait"), "{:.4g}")
        charts = len(prof.groups) <= MAX_CHARTS
        if not charts:
            rep.paragraph(self.tr("More than {n} areas: no chart per area.").format(
                n=MAX_CHARTS), note=True)
        rep.parts.append("<style>.desc{border:1px dashed #aaa;padding:.5em;"
                         "background:#fffbe8}</style>")
        for g, name, text in zip(prof.groups, label, portraits):
            rep.heading(str(name))
            # Editable in the browser, as the clusters' pen portraits, for the officer's words.
            rep.parts.append(f'<p class="desc" contenteditable="true">{html.escape(text)}</p>')
            one = prof.profile(g)
            if charts:
                rep.figure(profile_charts.field_index_chart(
                    one, self.tr("{name} against the whole area").format(name=name)),
                    self.tr("index by field, {name}").format(name=name))
            rep.table(one, "{:.4g}")
        return rep
