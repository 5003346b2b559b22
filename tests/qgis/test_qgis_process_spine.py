"""Every classification algorithm once from the command line (qgis_process.bin)."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsVectorLayer
from support import qgis_process as qp


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("qgis-profile")


def test_pipeline_from_the_command_line(home, sample_town, tmp_path):
    prep = qp.run(home, "segmentation:preparevariables", f"INPUT={sample_town['areas']}",
                  f"LOOKUP={sample_town['lookup']}", "ID_FIELD=OA_CODE",
                  f"OUTPUT={tmp_path / 'prep.gpkg'}")["OUTPUT"]
    # Repeated FIELDS= values pick several fields; enum parameters take indices.
    std = qp.run(home, "segmentation:standardise", f"INPUT={prep}", "FIELDS=v11", "FIELDS=v12",
                 "FIELDS=v14", "FIELDS=v15", "FIELDS=v17", "FIELDS=v18", "TRANSFORM=1", "SCALE=0",
                 f"OUTPUT={tmp_path / 'std.gpkg'}",
                 f"OUTPUT_PARAMS={tmp_path / 'std.json'}")["OUTPUT"]
    fields = QgsVectorLayer(std, "s", "ogr").fields().names()
    assert {"v11", "v12", "v14", "v15", "v17", "v18", "OA_CODE"} <= set(fields)
    assert "v01" not in fields
    corr = qp.run(home, "segmentation:correlation", f"INPUT={std}", "METHOD=0", "THRESHOLD=0.5",
                  f"OUTPUT={tmp_path / 'corr.csv'}", f"OUTPUT_HTML={tmp_path / 'corr.html'}")
    assert (tmp_path / "corr.html").exists() and corr["OUTPUT"].endswith("corr.csv")
    comp = qp.run(home, "segmentation:comparek", f"INPUT={std}", "K_MIN=2", "K_MAX=5", "RUNS=5",
                  f"OUTPUT={tmp_path / 'k.csv'}", f"OUTPUT_HTML={tmp_path / 'k.html'}")
    assert QgsVectorLayer(comp["OUTPUT"], "k", "ogr").featureCount() == 4
    km = qp.run(home, "segmentation:kmeans", f"INPUT={std}", "K=4", "RUNS=10", "SEED=3",
                f"STANDARDISATION={tmp_path / 'std.json'}", f"OUTPUT={tmp_path / 'km.gpkg'}",
                f"MODEL={tmp_path / 'model.json'}")
    assert km["TOTAL_WCSS"] > 0
    assert json.loads((tmp_path / "model.json").read_text())["fields"] == [
        "v11", "v12", "v14", "v15", "v17", "v18"]
    sub = qp.run(home, "segmentation:subcluster", f"INPUT={km['OUTPUT']}", "PARENT_FIELD=cluster",
                 "FIELDS=v11", "FIELDS=v12", "FIELDS=v14", "FIELDS=v15", "FIELDS=v17",
                 "FIELDS=v18", "K=2", "RUNS=5", f"OUTPUT={tmp_path / 'sub.gpkg'}")
    subs = {f["subcluster"] for f in QgsVectorLayer(sub["OUTPUT"], "s", "ogr").getFeatures()}
    assert subs == {"1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"}
    applied = qp.run(home, "segmentation:applymodel", f"INPUT={prep}",
                     f"MODEL={tmp_path / 'model.json'}", f"OUTPUT={tmp_path / 'applied.gpkg'}")
    a = [f["cluster"] for f in QgsVectorLayer(applied["OUTPUT"], "a", "ogr").getFeatures()]
    b = [f["cluster"] for f in QgsVectorLayer(km["OUTPUT"], "b", "ogr").getFeatures()]
    assert a == b


def test_command_line_error_names_the_culprit(home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,a,b\nE1,1,2\nE2,x,3\nE3,4,1\nE4,2,2\nE5,3,3\n")
    message = qp.run(home, "segmentation:kmeans", f"INPUT={bad}", "ID_FIELD=code", "K=2",
                     f"OUTPUT={tmp_path / 'o.gpkg'}", expect_ok=False)
    assert "Field 'a' has a non-numeric value 'x' at row 2 (code=E2)" in message
    assert "Traceback" not in message
