"""segmentation:joinpostcodes: council records → Output Area (and cluster) by postcode."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ..core.errors import RunCancelled, SegmentationError
from . import layers, tables_io
from .base import SegmentationAlgorithm
from .compat import SOURCE_VECTOR, field_names

GROUP_ID = "integration"
GROUP = "Integrate your data"


def _check(fields: list[str], wanted: list[str], what: str) -> None:
    missing = [f for f in wanted if f and f not in fields]
    if missing:
        raise SegmentationError(
            f"Field(s) {', '.join(repr(m) for m in missing)} not in the {what}; fields are: "
            f"{', '.join(fields)}.")


class JoinPostcodesAlgorithm(SegmentationAlgorithm):
    """Clean the records' postcodes, look them up and attach area codes and clusters."""

    ALG_ID = "joinpostcodes"
    DISPLAY = "Join records to areas by postcode"
    GROUP_ID = GROUP_ID
    GROUP = GROUP
    HELP = (
        "Matches council records (service users, customers, survey answers …) to Output Areas "
        "through their postcode, then to the clusters of a classification. Postcodes are "
        "cleaned first (upper case, spaces fixed: 'se6  4ru' → 'SE6 4RU') and checked against "
        "the UK format. The lookup is an ONS Postcode Directory (ONSPD/NSPL) or any table of "
        "postcode and area code: its columns are recognised (pcds, pcd7, pcd8 …; doterm) unless "
        "you name them. Census year: with classified areas, the lookup's area column whose "
        "codes match the classification best is used (a 2011-based classification through "
        "oa11, a 2021-based one through oa21); each candidate's match rate is logged, and the "
        "run stops, naming the census-year mismatch, when none matches well. Terminated "
        "postcodes still match (old addresses are common) and are flagged. Records can also be "
        "matched by UPRN through a lookup with that key (e.g. the ONS UPRN Directory), and "
        "counted once per household, person or UPRN (UNIT_FIELD). Every record comes out once: "
        "matched, or unmatched with a reason (empty, invalid format, not in lookup, area not in "
        "classification). CSV and Excel files given as paths are read directly, which is much "
        "faster for the full ONSPD and copes with title rows above the header and Windows-1252 "
        "text."
    )

    def initAlgorithm(self, config=None):
        self.add_input("INPUT", "Records (table or layer)",
                       "The records to match: any table or layer with a postcode field, e.g. a "
                       "CSV or Excel export of a case-management system.")
        self.add(QgsProcessingParameterField("POSTCODE_FIELD", self.tr("Postcode field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "The records' postcode field. Any spacing or case is accepted. Needed unless "
                 "the records are matched by UPRN (UPRN_FIELD).")
        self.add(QgsProcessingParameterField("UPRN_FIELD", self.tr("UPRN / address key field"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Match by address instead of postcode: the records' UPRN (or any numeric "
                 "address key), joined through a lookup with the same key, such as the ONS UPRN "
                 "Directory (UPRN, PCDS, OA21CD, LSOA21CD …). Leading zeros, spaces and a "
                 "spreadsheet's '.0' are ignored. With POSTCODE_FIELD too, records whose UPRN "
                 "is empty or not in the lookup are matched by postcode through the lookup's "
                 "postcode column (matched_by says which).", advanced=True)
        self.add(QgsProcessingParameterField("UNIT_FIELD", self.tr("Unit field (count once)"),
                                             parentLayerParameterName="INPUT", optional=True),
                 "Household, person or UPRN id: each unit is counted once, however many "
                 "records it has. The matched output has one row per unit (its first record in "
                 "the area holding most of its records; ties: its first record's area) with "
                 "unit_records and unit_areas; the log says how many records collapsed and how "
                 "many units had records in more than one area. Records without an id count "
                 "as separate units. Unmatched records stay one row per record.")
        self.add_input("LOOKUP", "Postcode lookup (e.g. ONSPD)",
                       "A postcode → area table: the ONS Postcode Directory or the National "
                       "Statistics Postcode Lookup (CSV, read directly and fast) or a council "
                       "lookup; with UPRN_FIELD, a UPRN → area table such as the ONS UPRN "
                       "Directory.")
        self.add(QgsProcessingParameterField(
            "LOOKUP_POSTCODE_FIELD", self.tr("Lookup postcode (or UPRN) field"),
            parentLayerParameterName="LOOKUP", optional=True),
            "The lookup's postcode field (its UPRN field when matching by UPRN). Empty: "
            "recognised from the header (pcds, pcd8, pcd7, postcode …; UPRN).", advanced=True)
        self.add(QgsProcessingParameterField(
            "LOOKUP_AREA_FIELD", self.tr("Lookup area code field"),
            parentLayerParameterName="LOOKUP", optional=True),
            "The lookup's area code field. Empty: with classified areas, the area column whose "
            "codes match the classification best (oa11, oa21, lsoa11 … each one's match rate "
            "is logged; the run stops, naming the census-year mismatch, when none matches "
            "well); without, the 2021 Output Area (oa21), else the 2011 one (oa11, OA11CD). A "
            "field chosen here is used, with a warning when another column matches better, "
            "and refused when it matches the classification poorly.")
        self.add(QgsProcessingParameterFeatureSource(
            "AREAS", self.tr("Classified areas (optional)"), [SOURCE_VECTOR],
            optional=True),
            "The classification: a classified layer (output of 'K-means classification') or a "
            "plain table of area code and cluster(s). Records whose area is not in it come out "
            "unmatched ('area not in classification').")
        self.add(QgsProcessingParameterField("AREA_ID_FIELD", self.tr("Area code field"),
                                             parentLayerParameterName="AREAS", optional=True),
                 "The classified areas' code field (the same codes as the lookup's area field). "
                 "Empty: the first field named like a code.")
        self.add(QgsProcessingParameterField("CLUSTER_FIELDS", self.tr("Cluster fields"),
                                             parentLayerParameterName="AREAS",
                                             allowMultiple=True, optional=True),
                 "The cluster fields to copy to each record (e.g. supergroup and group).")
        self.add_sink("OUTPUT", "Matched records",
                      "The matched records: their own fields plus postcode_norm (cleaned "
                      "postcode; uprn_norm when matched by UPRN), the area code, terminated "
                      "(the postcode is terminated) and the cluster fields; with UNIT_FIELD, one "
                      "row per unit with unit_records and unit_areas. A table (no geometry).",
                      table_only=True)
        p = self.add_sink("OUTPUT_UNMATCHED", "Unmatched records",
                          "The records that did not match: their own fields plus postcode_norm "
                          "and reason (empty, invalid format, not in lookup, area not in "
                          "classification).", optional=True, table_only=True)
        p.setCreateByDefault(True)
        for name, text in (("MATCHED", "Matched records"), ("UNMATCHED", "Unmatched records"),
                           ("MATCH_RATE", "Match rate (%)"), ("UNITS", "Matched units"),
                           ("COLLAPSED", "Records collapsed into units")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))
        self.addOutput(QgsProcessingOutputString("AREA_FIELD", self.tr("Area code field")))

    def compute(self, parameters, context, feedback):
        from ..core.postcodes import (
            REASONS,
            match_records,
            match_uprn_then_postcode,
        )

        postcode_field = self.parameterAsString(parameters, "POSTCODE_FIELD", context)
        uprn_field = self.parameterAsString(parameters, "UPRN_FIELD", context)
        unit_field = self.parameterAsString(parameters, "UNIT_FIELD", context)
        key_field, kind = (uprn_field, "uprn") if uprn_field else (postcode_field, "postcode")
        if not key_field:
            raise SegmentationError("Choose the records' postcode field (POSTCODE_FIELD) or "
                                    "their UPRN field (UPRN_FIELD).")
        records = tables_io.read_table_parameter(
            self, parameters, "INPUT", context, feedback, "records",
            required=[c for c in (key_field, unit_field) if c], geometry=False).frame
        feedback.pushInfo(self.tr("{n_records} records read.").format(n_records=len(records)))
        feedback.setProgress(15)
        areas, area_id, clusters = self._areas(parameters, context, feedback)
        if feedback.isCanceled():
            raise RunCancelled()
        fallback = kind == "uprn" and bool(postcode_field)
        if fallback and postcode_field not in records.columns:
            raise SegmentationError(
                f"Field '{postcode_field}' is not in the records; fields are: "
                f"{', '.join(map(str, records.columns))}.")
        lookup, area_col, term_col, pc_lookup = self._lookup(
            parameters, context, feedback, records[key_field], kind, areas, area_id, fallback)
        if feedback.isCanceled():
            raise RunCancelled()
        feedback.setProgress(55)
        if pc_lookup is not None:
            matched, unmatched, summary = match_uprn_then_postcode(
                records, key_field, lookup, postcode_field, pc_lookup, areas, area_id, clusters)
            feedback.pushInfo(self.tr(
                "Matched by UPRN: {uprn}; by postcode (no UPRN match): {pc}.").format(
                uprn=summary["by_uprn"], pc=summary["by_postcode"]))
        else:
            matched, unmatched, summary = match_records(records, key_field, lookup, areas,
                                                        area_id, clusters)
        if summary["matched"] + summary["unmatched"] != len(records):  # pragma: no cover
            raise SegmentationError("Internal error: records were lost while matching.")
        feedback.setProgress(80)
        rate = summary["match_rate"]
        feedback.pushInfo(self.tr(
            "{v0} records: {v1} matched ({rate:.1f} %), {v3} unmatched.").format(
            v0=summary['records'], v1=summary['matched'], rate=rate, v3=summary['unmatched']))
        for reason in REASONS:
            feedback.pushInfo(self.tr(
                "  {reason}: {v1}").format(
                reason=reason, v1=summary['by_reason'][reason]))
        if summary["terminated"]:
            feedback.pushInfo(self.tr(
                "{v0} matched record(s) have a terminated postcode (flagged in the 'terminated' "
                "field).").format(
                v0=summary['terminated']))
        if summary["records"] and rate < 80:
            self.warn(self.tr(
                "Only {rate:.1f} % of the records matched: check the postcode field and that the "
                "lookup covers the records' area.").format(
                rate=rate))
        units, collapsed = summary["matched"], 0
        if unit_field:
            matched, info = count_units_once(self, matched, unit_field, [area_col], feedback,
                                             self.tr("area"))
            units, collapsed = info["units"], info["collapsed"]
        results = {"OUTPUT": self.write_table(parameters, "OUTPUT", context, matched,
                                              feedback=feedback),
                   "MATCHED": summary["matched"], "UNMATCHED": summary["unmatched"],
                   "MATCH_RATE": rate, "AREA_FIELD": area_col, "UNITS": units,
                   "COLLAPSED": collapsed}
        if parameters.get("OUTPUT_UNMATCHED") is not None:
            results["OUTPUT_UNMATCHED"] = self.write_table(
                parameters, "OUTPUT_UNMATCHED", context, unmatched, feedback=feedback)
        return results

    def _lookup(self, parameters, context, feedback, record_keys, kind, areas, area_id,
                fallback=False):
        from ..core.postcodes import (
            area_candidates,
            build_postcode_index,
            detect_lookup_columns,
        )

        names = tables_io.source_header(self, parameters, "LOOKUP", context)
        detected = detect_lookup_columns(names)
        pc = self.parameterAsString(parameters, "LOOKUP_POSTCODE_FIELD", context)
        chosen = self.parameterAsString(parameters, "LOOKUP_AREA_FIELD", context)
        _check(names, [pc, chosen], "postcode lookup")
        pc = pc or detected.get("uprn" if kind == "uprn" else "postcode")
        if not pc and kind == "uprn":
            raise SegmentationError(
                "No UPRN field recognised in the lookup (expected UPRN): choose "
                f"LOOKUP_POSTCODE_FIELD. Fields are: {', '.join(names)}.")
        if not pc:
            raise SegmentationError(
                "No postcode field recognised in the postcode lookup (expected pcds, pcd8, pcd7 "
                f"or postcode): choose LOOKUP_POSTCODE_FIELD. Fields are: {', '.join(names)}.")
        term = detected.get("terminated")
        candidates = {c: lab for c, lab in area_candidates(detected).items()
                      if c not in (pc, term)}
        if chosen and chosen not in candidates:
            candidates[chosen] = self.tr("chosen field")
        if areas is None or not candidates:
            area = chosen or detected.get("oa21") or detected.get("oa11")
            candidates = {area: ""} if area else {}
        if not candidates:
            raise SegmentationError(
                "No Output Area field recognised in the postcode lookup (expected oa21 or oa11): "
                f"choose LOOKUP_AREA_FIELD. Fields are: {', '.join(names)}.")
        term = term if term not in (pc, *candidates) else None
        pc_fallback = detected.get("postcode") if fallback else None
        if fallback and not pc_fallback:
            self.warn(self.tr(
                "The lookup has no postcode field: records whose UPRN does not match are not "
                "tried by postcode.").format())
        cols = list(dict.fromkeys(c for c in (pc, term, pc_fallback, *candidates) if c))
        dtype = {c: ("category" if c in candidates else str) for c in cols}
        table = tables_io.read_table_parameter(
            self, parameters, "LOOKUP", context, feedback, "postcode lookup",
            required=cols, columns=cols, geometry=False, dtype=dtype).frame
        if areas is None:
            area = next(iter(candidates))
            feedback.pushInfo(self.tr(
                "No classified areas: the area field is not checked against a classification's "
                "census year."))
        else:
            area = self._pick_area(table, pc, term, kind, candidates, record_keys, areas,
                                   area_id, chosen or None, feedback)
        feedback.pushInfo(self.tr(
            "Lookup fields: key '{pc}', area '{area}', terminated {v2}.").format(
            pc=pc, area=area, v2=repr(term) if term else '(none)'))
        index = build_postcode_index(table, pc, area, term, kind)
        pc_index = None
        if pc_fallback:
            pc_index = build_postcode_index(table, pc_fallback, area, term)
            if len(pc_index.attrs["conflicts"]):
                self.warn(self.tr(
                    "{n} postcode(s) of the UPRN lookup have addresses in more than one area: "
                    "a record matched by postcode gets the area of the postcode's first live "
                    "address.").format(
                    n=pc_index.attrs["conflicts"][pc_index.attrs["conflicts"].columns[0]]
                    .nunique()))
        del table
        a = index.attrs
        feedback.pushInfo((self.tr("{n_index} UPRNs in the lookup index.") if kind == "uprn"
                           else self.tr("{n_index} postcodes in the lookup index.")).format(
            n_index=len(index)))
        if a["dropped_empty"]:
            feedback.pushInfo(self.tr(
                "{v0} lookup row(s) without a postcode or area were left out.").format(
                v0=a['dropped_empty']))
        if a["invalid_format"]:
            self.warn((self.tr("{v0} lookup UPRN(s) are not 1 to 12 digits, e.g. {v1}.")
                       if kind == "uprn" else
                       self.tr("{v0} lookup postcode(s) are not in UK format, e.g. {v1}.")
                       ).format(v0=a['invalid_format'], v1=', '.join(a['invalid_examples'])))
        if a["duplicates"]:
            feedback.pushInfo(self.tr(
                "{v0} duplicated lookup row(s) dropped (the live one kept).").format(
                v0=a['duplicates']))
        if len(a["conflicts"]):
            self.warn(self.tr(
                "{v0} postcode(s) appear with different area codes; the live (else first) row is "
                "used.").format(
                v0=a['conflicts'][a['conflicts'].columns[0]].nunique()))
        return index, area, term, pc_index

    def _pick_area(self, table, pc, term, kind, candidates, record_keys, areas, area_id,
                   chosen, feedback) -> str:
        """The area column matching the classification's codes best (census year check)."""
        from ..core.postcodes import choose_area_column, rank_area_columns

        ranking = rank_area_columns(table, pc, candidates, record_keys, areas[area_id], term,
                                    kind)
        feedback.pushInfo(self.tr(
            "Census year check: records linked to the classification ('{area_id}') through "
            "each area column of the lookup:").format(area_id=area_id))
        for _, r in ranking.iterrows():
            feedback.pushInfo(self.tr(
                "  {column} ({label}): {matched} of {in_lookup} records ({rate}); {coverage:.1f} "
                "% of the classification's codes in the column.").format(
                column=r["column"], label=r["label"], matched=r["matched"],
                in_lookup=r["in_lookup"],
                rate="n/a" if r["rate"] != r["rate"] else f"{r['rate']:.1f} %",
                coverage=r["coverage"]))
        ids = areas[area_id].dropna().astype(str)
        area, warning = choose_area_column(ranking, area_id, chosen,
                                           ids.iloc[0] if len(ids) else None)
        if warning:
            self.warn(warning)
        feedback.pushInfo(self.tr(
            "Area field used: '{area}' ({how}).").format(
            area=area, how=self.tr("chosen") if chosen else self.tr("best match")))
        return area

    def _areas(self, parameters, context, feedback):
        if parameters.get("AREAS") in (None, ""):
            clusters = field_names(self, parameters, "CLUSTER_FIELDS", context)
            if clusters:
                raise SegmentationError("Cluster fields were chosen but no classified areas.")
            return None, None, []
        clusters = field_names(self, parameters, "CLUSTER_FIELDS", context)
        area_id = self.parameterAsString(parameters, "AREA_ID_FIELD", context)
        table = tables_io.read_table_parameter(
            self, parameters, "AREAS", context, feedback, "classified areas",
            required=[c for c in (area_id, *clusters) if c], geometry=False)
        area_id = area_id or layers.guess_id_field(table.frame)
        if not area_id:
            raise SegmentationError("Choose the classified areas' code field (AREA_ID_FIELD).")
        _check(list(table.frame.columns), [area_id, *clusters], "classified areas")
        feedback.pushInfo(self.tr(
            "{v0} classified areas (code field '{area_id}', clusters {v2}).").format(
            v0=len(table.frame), area_id=area_id, v2=', '.join(clusters) or 'none'))
        return table.frame, area_id, clusters


def count_units_once(alg, records, unit_field: str, place_fields: list[str], feedback,
                     place_word: str):
    """Collapse records to one row per unit (core.units.unique_units) and say what happened:
    the records collapsed, the units split across places, the records without a unit id."""
    from ..core.units import unique_units

    units, info = unique_units(records, unit_field, place_fields)
    feedback.pushInfo(alg.tr(
        "Units ('{unit}'): {records} records are {units} units; {collapsed} record(s) "
        "collapsed (each unit counted once).").format(
        unit=unit_field, records=info["records"], units=info["units"],
        collapsed=info["collapsed"]))
    if info["split_units"]:
        alg.warn(alg.tr(
            "{n} unit(s) have records in more than one {place} (e.g. {examples}): each is "
            "counted once, in the {place} holding most of its records (ties: its first "
            "record's); {moved} of their record(s) are not counted elsewhere. See unit_areas."
            ).format(n=info["split_units"], place=place_word,
                     examples=", ".join(info["split_examples"]), moved=info["split_records"]))
    if info["no_unit_id"]:
        alg.warn(alg.tr(
            "{n} record(s) have no '{unit}': each is counted as a separate unit.").format(
            n=info["no_unit_id"], unit=unit_field))
    return units, info
