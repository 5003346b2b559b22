"""The user guide's pictures, made from real algorithm runs on the sample town.

`make docs` runs this with UPDATE_DOCS=1 to refresh docs/*.png; otherwise the pictures go to a
temporary folder and are only checked.
"""

from __future__ import annotations

import base64
import os
import re

from conftest import ROOT, register_provider


def _images(html_path) -> list[bytes]:
    html = open(html_path, encoding="utf-8").read()
    return [base64.b64decode(m) for m in re.findall(r"data:image/png;base64,([^\"]+)", html)]


def test_user_guide_images(qgis_app, qgis_processing, sample_town, tmp_path):
    import processing

    register_provider()
    out = ROOT / "docs" if os.environ.get("UPDATE_DOCS") == "1" else tmp_path
    out.mkdir(exist_ok=True)
    d = tmp_path
    prep = processing.run("segmentation:preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    std = processing.run("segmentation:standardise", {
        "INPUT": prep, "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "std.gpkg")})["OUTPUT"]
    processing.run("segmentation:correlation", {
        "INPUT": prep, "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "c.csv"),
        "OUTPUT_HTML": str(d / "c.html")})
    processing.run("segmentation:comparek", {
        "INPUT": std, "ID_FIELD": "OA_CODE", "K_MIN": 3, "K_MAX": 10, "RUNS": 20,
        "OUTPUT": str(d / "k.csv"), "OUTPUT_HTML": str(d / "k.html")})
    km = processing.run("segmentation:kmeans", {
        "INPUT": std, "ID_FIELD": "OA_CODE", "K": 6, "RUNS": 50,
        "OUTPUT": str(d / "km.gpkg")})["OUTPUT"]
    join = processing.run("segmentation:joinpostcodes", {
        "INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": sample_town["postcodes"], "AREAS": km, "AREA_ID_FIELD": "OA_CODE",
        "CLUSTER_FIELDS": ["cluster"], "OUTPUT": str(d / "m.csv"),
        "OUTPUT_UNMATCHED": str(d / "u.csv")})
    processing.run("segmentation:profile", {
        "INPUT": join["OUTPUT"], "CLUSTER_FIELD": ["cluster"], "AREAS": km,
        "AREA_ID_FIELD": "OA_CODE", "OUTPUT": str(d / "p.csv"), "OUTPUT_HTML": str(d / "p.html")})
    pictures = {
        "guide_correlation.png": _images(d / "c.html")[0],
        "guide_compare_k.png": _images(d / "k.html")[0],
        "guide_clustergram.png": _images(d / "k.html")[1],
        "guide_profile_index.png": _images(d / "p.html")[0],
    }
    for name, data in pictures.items():
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name
        (out / name).write_bytes(data)
