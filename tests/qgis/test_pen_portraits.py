"""segmentation:penportraits on the sample town and on Leicester (published 2011 OAC)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, register_provider, run, shared
from qgis.core import QgsProcessingException, QgsVectorLayer

from customer_segmentation.core import labels as core_labels
from customer_segmentation.core import pen_portraits as pp
from customer_segmentation.processing.pen_portraits import rings_of

DOCS = ROOT / "docs"


def docs_dir(tmp_path):
    """docs/ under `make docs` (UPDATE_DOCS=1), else a temporary folder: tests leave the tree
    as it was."""
    return DOCS if os.environ.get("UPDATE_DOCS") == "1" else tmp_path
V = [f"v{i:02d}" for i in range(1, 23)]




def frame_of(path, fields):
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    feats = list(layer.getFeatures())
    return pd.DataFrame([[f[x] for x in fields] for f in feats], columns=fields), \
        [f.geometry() for f in feats]


def save_page(portraits, polygons, codes, domains, names, path: Path, title):
    """The first page as a small PNG for the docs (what the PDF page looks like)."""
    fig = pp.page_figure(portraits[0], polygons, codes, domains, names, title)
    fig.savefig(str(path), dpi=55)
    assert path.stat().st_size < 300_000


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="portrait">(.*?)</section>', html, re.S)


@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("pen")
    prep = run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    std = run("segmentation:standardise", {"INPUT": prep, "ID_FIELD": "OA_CODE", "TRANSFORM": 2,
                                           "SCALE": 0, "OUTPUT": str(d / "std.gpkg")})["OUTPUT"]
    km = run("segmentation:kmeans", {"INPUT": std, "ID_FIELD": "OA_CODE", "K": 5, "RUNS": 10,
                                     "SEED": 4, "OUTPUT": str(d / "km.gpkg"),
                                     "OUTPUT_LABELS": str(d / "labels.csv")})
    joined = run("native:joinattributestable", {
        "INPUT": sample_town["areas"], "FIELD": "OA_CODE", "INPUT_2": km["OUTPUT"],
        "FIELD_2": "OA_CODE", "FIELDS_TO_COPY": ["cluster"], "METHOD": 1,
        "OUTPUT": str(d / "classified.gpkg")})["OUTPUT"]
    labels = d / "labels_named.csv"
    table = pd.read_csv(d / "labels.csv", dtype={"code": str})
    table.loc[table["code"] == "1", "name"] = "Town centre renters"
    table.to_csv(labels, index=False)
    return {"dir": d, "prep": prep, "km": km["OUTPUT"], "joined": joined, "labels": str(labels)}


def test_sample_town_report(town, sample_town, tmp_path):
    d = town["dir"]
    res = run("segmentation:penportraits", {
        "INPUT": town["joined"], "CLUSTER_FIELD": "cluster", "FIELDS": V, "ID_FIELD": "OA_CODE",
        "PERCENTAGES": town["prep"], "LABELS": town["labels"], "LOOKUP": sample_town["lookup"],
        "POPULATION_FIELD": "Total_Population", "OUTPUT_HTML": str(d / "pp.html"),
        "OUTPUT_PDF": str(d / "pp.pdf")})
    html = Path(res["OUTPUT_HTML"]).read_text()
    parts = sections(html)
    assert len(parts) == 5
    assert "1 Town centre renters" in parts[0] and "2 Cluster 2" in parts[1]
    # size and population, from the raw counts
    raw, geoms = frame_of(town["joined"], ["cluster", "Total_Population"])
    n1 = int((raw["cluster"] == "1").sum())
    pop1 = raw.loc[raw["cluster"] == "1", "Total_Population"].sum()
    assert f"{n1:,} areas" in parts[0] and f"population {pop1:,.0f}" in parts[0]
    # indices on the unstandardised percentages, readable names from the lookup
    prep, _ = frame_of(town["prep"], ["OA_CODE", *V])
    codes = raw["cluster"].to_numpy()
    idx = pp.cluster_index(prep[V], codes)
    top = idx.loc["1"].idxmax()
    lookup = pd.read_csv(sample_town["lookup"]).set_index("VariableCode")["VariableName"]
    assert lookup[top] in parts[0]
    assert f"{idx.loc['1', top]:.0f}" in parts[0]
    assert "Compared with the area average, these neighbourhoods have many more" in parts[0]
    assert html.count("data:image/png;base64") == 10  # a spider and a map per cluster
    pdf = Path(res["OUTPUT_PDF"]).read_bytes()
    assert pdf[:4] == b"%PDF" and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 5
    # the docs picture of a page
    names = dict(zip(pd.read_csv(town["labels"], dtype={"code": str})["code"],
                     pd.read_csv(town["labels"])["name"]))
    ps = pp.build_portraits(prep[V], codes, population=raw["Total_Population"], names=names,
                            variable_names=lookup.to_dict())
    domains = pd.read_csv(sample_town["lookup"]).set_index("VariableCode")["VariableDomain"]
    save_page(ps, rings_of(geoms), codes, domains.to_dict(), lookup.to_dict(),
              docs_dir(tmp_path) / "penportrait_sample_town.png", "Sample town")


def test_standardised_input_without_extras_and_bad_field(town, tmp_path):
    res = run("segmentation:penportraits", {"INPUT": town["km"], "CLUSTER_FIELD": "cluster",
                                            "OUTPUT_HTML": str(tmp_path / "p.html")})
    html = Path(res["OUTPUT_HTML"]).read_text()
    assert len(sections(html)) == 5 and "Cluster 1" in html and "population" not in html
    with pytest.raises(QgsProcessingException, match="not in the percentages table|no field"):
        run("segmentation:penportraits", {
            "INPUT": town["km"], "CLUSTER_FIELD": "cluster", "FIELDS": ["v01"],
            "ID_FIELD": "OA_CODE", "PERCENTAGES": town["labels"],
            "OUTPUT_HTML": str(tmp_path / "q.html")})


def test_leicester_published_supergroups(qgis_app, qgis_processing, tmp_path):
    register_provider()
    folder = shared("leicester_2011")
    shp = str(folder / "boundaries" / "E06000016_Leicester.shp")
    lookup = str(folder / "2011_OAC_Raw_kVariables_Lookup.csv")
    joined = run("native:joinattributestable", {
        "INPUT": shp, "FIELD": "oa_code", "INPUT_2": str(folder /
                                                         "2011_OAC_Raw_kVariables_Leicester.csv"),
        "FIELD_2": "OA", "METHOD": 1, "DISCARD_NONMATCHING": True,
        "OUTPUT": str(tmp_path / "joined.gpkg")})["OUTPUT"]
    prep = run("segmentation:preparevariables", {"INPUT": joined, "LOOKUP": lookup,
                                                 "ID_FIELD": "oa_code",
                                                 "OUTPUT": str(tmp_path / "prep.gpkg")})["OUTPUT"]
    names = core_labels.parse_names_list(
        (folder / "boundaries" / "Cluster_Names.csv").read_text(errors="replace"))
    supergroups = {c: n for c, n in names.items() if c.isdigit()}
    assert len(supergroups) == 8
    labels = core_labels.labels_table({"supgrp": list(supergroups)}, names=supergroups)
    labels.to_csv(tmp_path / "labels.csv", index=False)
    k = [f"k{i:03d}" for i in range(1, 61)]
    res = run("segmentation:penportraits", {
        "INPUT": joined, "CLUSTER_FIELD": "supgrpcode", "FIELDS": k, "ID_FIELD": "oa_code",
        "PERCENTAGES": prep, "LABELS": str(tmp_path / "labels.csv"), "LOOKUP": lookup,
        "POPULATION_FIELD": "Total_Population", "OUTPUT_HTML": str(tmp_path / "l.html"),
        "OUTPUT_PDF": str(tmp_path / "l.pdf")})
    html = Path(res["OUTPUT_HTML"]).read_text()
    parts = sections(html)
    raw, geoms = frame_of(joined, ["supgrpcode", "Total_Population"])
    codes = [core_labels.code_text(v) for v in raw["supgrpcode"]]
    present = sorted(set(codes))
    assert len(parts) == len(present) >= 6
    assert any("Multicultural Metropolitans" in p for p in parts)
    assert all(re.search(r"\d[\d,]* areas .*population [\d,]+", p) for p in parts)
    assert "Persons aged" in html or "Households" in html  # VariableName, not k0xx
    assert sum(int(re.search(r"([\d,]+) areas", p).group(1).replace(",", "")) for p in parts) \
        == 969
    assert len(re.findall(rb"/Type\s*/Page\b", Path(res["OUTPUT_PDF"]).read_bytes())) == \
        len(present)
    # docs picture: the largest supergroup's page
    pct, _ = frame_of(prep, ["oa_code", *k])
    lk = pd.read_csv(lookup).set_index("VariableCode")
    ps = pp.build_portraits(pct[k], codes, population=raw["Total_Population"],
                            names=supergroups, variable_names=lk["VariableName"].to_dict())
    ps.sort(key=lambda p: -p.areas)
    assert np.isclose(sum(p.share for p in ps), 1.0)
    save_page(ps, rings_of(geoms), codes, lk["VariableDomain"].to_dict(),
              lk["VariableName"].to_dict(), docs_dir(tmp_path) / "penportrait_leicester.png",
              "Leicester, published 2011 OAC supergroups")
