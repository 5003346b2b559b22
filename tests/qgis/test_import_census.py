"""segmentation:importcensus on bulk tables shaped exactly as ONS publishes them."""

from __future__ import annotations

import csv

import pytest
from conftest import register_provider
from qgis.core import QgsProcessingException, QgsVectorLayer

AREAS = ["E00000001", "E00000002", "E00000003"]


def write_2021(path, table, labels, rows, date="2021"):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "geography", "geography code", *labels])
        for code, values in zip(AREAS, rows):
            w.writerow([date, code, code, *values])
    return str(path)


@pytest.fixture
def tables_2021(tmp_path):
    age = write_2021(tmp_path / "census2021-ts007a-oa.csv", "ts007a",
                     ["Age: Total", "Age: Aged 4 years and under", "Age: Aged 5 to 9 years"],
                     [[100, 10, 5], [200, 0, 40], [50, 5, 5]])
    tenure = write_2021(tmp_path / "census2021-ts054-oa.csv", "ts054",
                        ["Tenure of household: Total: All households",
                         "Tenure of household: Owned", "Tenure of household: Social rented"],
                        [[40, 30, 10], [80, 20, 60], [0, 0, 0]])
    return age, tenure


def run(alg, params):
    import processing

    return processing.run(alg, params)


def test_draft_lookup_then_prepare(qgis_app, qgis_processing, tables_2021, tmp_path):
    register_provider()
    res = run("segmentation:importcensus", {"INPUT_FILES": list(tables_2021), "PRESET": 0,
                                            "OUTPUT": str(tmp_path / "cells.csv"),
                                            "OUTPUT_LOOKUP": str(tmp_path / "lookup.csv")})
    lookup = list(csv.DictReader(open(res["OUTPUT_LOOKUP"])))
    assert [r["VariableCode"] for r in lookup] == ["ts007a0001", "ts007a0002", "ts007a0003",
                                                   "ts0540001", "ts0540002", "ts0540003"]
    assert lookup[1]["VariableName"] == "Age: Aged 4 years and under"
    assert lookup[0]["VariableDomain"] == "Totals"
    prep = run("segmentation:preparevariables", {
        "INPUT": res["OUTPUT"], "LOOKUP": res["OUTPUT_LOOKUP"], "ID_FIELD": "geography_code",
        "OUTPUT": str(tmp_path / "prep.gpkg")})
    feats = {f["geography_code"]: f for f in QgsVectorLayer(prep["OUTPUT"], "p", "ogr")
             .getFeatures()}
    assert feats["E00000002"]["ts007a0003"] == pytest.approx(20.0)
    assert feats["E00000002"]["ts0540003"] == pytest.approx(75.0)
    assert feats["E00000003"]["ts0540002"] == 0  # 0/0 → 0


def test_london_oac_preset_needs_its_tables(qgis_app, qgis_processing, tables_2021, tmp_path):
    register_provider()
    with pytest.raises(QgsProcessingException, match="needs census cells.*TS001"):
        run("segmentation:importcensus", {"INPUT_FILES": list(tables_2021), "PRESET": 2,
                                          "OUTPUT": "TEMPORARY_OUTPUT",
                                          "OUTPUT_LOOKUP": str(tmp_path / "l.csv")})


def test_2011_preset_sums_cells(qgis_app, qgis_processing, tmp_path):
    """A 2011 bulk table with every cell the 2011 OAC preset names (values made up)."""
    register_provider()
    from customer_segmentation.core.census_import import load_preset

    preset = load_preset("oac2011")
    cells = sorted({c for f in preset["Cells"] for c in f.split("+") if c})
    tables = {}
    for c in cells:
        tables.setdefault(c[:7], []).append(c)
    paths = []
    for t, cs in tables.items():
        path = tmp_path / f"{t}DATA.CSV"
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["GeographyCode", *cs])
            for i, code in enumerate(AREAS):
                w.writerow([code, *[(i + 1) * (j + 2) for j in range(len(cs))]])
        paths.append(str(path))
    res = run("segmentation:importcensus", {"INPUT_FILES": paths, "PRESET": 1,
                                            "OUTPUT": str(tmp_path / "oac.csv"),
                                            "OUTPUT_LOOKUP": str(tmp_path / "lookup.csv")})
    layer = QgsVectorLayer(res["OUTPUT"], "o", "ogr")
    names = layer.fields().names()
    assert "k001" in names and "k060" in names and "Total_Population" in names
    first = next(layer.getFeatures())
    k002 = preset.set_index("VariableCode").loc["k002", "Cells"].split("+")
    per_table = {t: cs for t, cs in tables.items()}
    expect = sum(per_table[c[:7]].index(c) + 2 for c in k002)
    assert float(first["k002"]) == expect
    prep = run("segmentation:preparevariables", {
        "INPUT": res["OUTPUT"], "LOOKUP": res["OUTPUT_LOOKUP"], "ID_FIELD": "geography_code",
        "OUTPUT": "TEMPORARY_OUTPUT"})
    names = prep["OUTPUT"].fields().names()
    denominators = preset[preset["VariableDomain"] == "Totals"]["VariableCode"]
    assert len([n for n in names if not n.startswith("raw_")]) == 61
    assert sorted(n for n in names if n.startswith("raw_")) == sorted(
        f"raw_{d}" for d in denominators)


def test_mixed_years_and_geographies_refused(qgis_app, qgis_processing, tables_2021, tmp_path):
    register_provider()
    lsoa = write_2021(tmp_path / "census2021-ts001-lsoa.csv", "ts001",
                      ["Residence type: Total", "Residence type: Lives in a household"],
                      [[1, 1], [2, 2], [3, 3]])
    with pytest.raises(QgsProcessingException, match="mix geographies.*lsoa"):
        run("segmentation:importcensus", {"INPUT_FILES": [tables_2021[0], lsoa],
                                          "OUTPUT": "TEMPORARY_OUTPUT",
                                          "OUTPUT_LOOKUP": str(tmp_path / "l.csv")})
    old = tmp_path / "KS101EWDATA.CSV"
    old.write_text("GeographyCode,KS101EW0001\nE00000001,5\nE00000002,6\nE00000003,7\n")
    with pytest.raises(QgsProcessingException, match="mix census years"):
        run("segmentation:importcensus", {"INPUT_FILES": [tables_2021[0], str(old)],
                                          "OUTPUT": "TEMPORARY_OUTPUT",
                                          "OUTPUT_LOOKUP": str(tmp_path / "l.csv")})
