"""The seven classification algorithms run through real headless QGIS (processing.run)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import register_provider, run
from qgis.core import QgsProcessingException, QgsVectorLayer


def values(path, field):
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    return [f[field] for f in layer.getFeatures()]


@pytest.fixture(scope="module")
def pipeline(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """prepare → standardise → kmeans → subcluster on the sample town."""
    register_provider()
    d = tmp_path_factory.mktemp("pipeline")
    out = {"dir": d}
    out["prep"] = run("preparevariables", {
        "INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
        "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    out["std"] = run("standardise", {
        "INPUT": out["prep"], "ID_FIELD": "OA_CODE", "TRANSFORM": 2, "SCALE": 0,
        "OUTPUT": str(d / "std.gpkg"), "OUTPUT_PARAMS": str(d / "std.json")})["OUTPUT"]
    res = run("kmeans", {
        "INPUT": out["std"], "K": 6, "RUNS": 20, "SEED": 5, "STANDARDISATION": str(d / "std.json"),
        "OUTPUT": str(d / "km.gpkg"), "OUTPUT_CENTRES": str(d / "centres.csv"),
        "MODEL": str(d / "model.json")})
    out["km"], out["wcss"] = res["OUTPUT"], res["TOTAL_WCSS"]
    out["sub"] = run("subcluster", {
        "INPUT": out["km"], "PARENT_FIELD": "cluster", "K": "2,1:3", "RUNS": 10, "SEED": 5,
        "OUTPUT": str(d / "sub.gpkg")})["OUTPUT"]
    return out


def test_prepare_gives_percentages_with_geometry(pipeline, sample_town):
    raw = QgsVectorLayer(sample_town["areas"], "raw", "ogr")
    prep = QgsVectorLayer(pipeline["prep"], "prep", "ogr")
    assert prep.featureCount() == raw.featureCount() == 320
    assert prep.crs().authid() == "EPSG:27700" and prep.geometryType() == raw.geometryType()
    first_raw = next(raw.getFeatures())
    first = next(prep.getFeatures())
    assert first["OA_CODE"] == first_raw["OA_CODE"]
    assert first["v15"] == pytest.approx(100 * first_raw["v15"] / first_raw["Total_Households"])
    assert first["v07"] == pytest.approx(first_raw["v07"])  # density passes through
    assert "Total_Population" not in prep.fields().names()


def test_standardise_keeps_names_and_range(pipeline):
    layer = QgsVectorLayer(pipeline["std"], "std", "ogr")
    v = np.array(values(pipeline["std"], "v12"), dtype=float)
    assert v.min() == pytest.approx(0) and v.max() == pytest.approx(1)
    assert "v12" in layer.fields().names() and "OA_CODE" in layer.fields().names()
    params = json.loads((pipeline["dir"] / "std.json").read_text())
    assert params["transform"] == "ihs" and params["scale"] == "range"
    assert set(params["parameters"]["v12"]) >= {"min", "max", "mean", "sd"}


def test_kmeans_writes_clusters_centres_model_and_style(pipeline):
    codes = values(pipeline["km"], "cluster")
    assert len(codes) == 320 and sorted(set(codes)) == [str(i) for i in range(1, 7)]
    counts = [codes.count(str(i)) for i in range(1, 7)]
    assert counts == sorted(counts, reverse=True)
    centres = QgsVectorLayer(str(pipeline["dir"] / "centres.csv"), "c", "ogr")
    rows = list(centres.getFeatures())
    assert [int(r["size"]) for r in rows] == counts
    assert sum(float(r["wcss"]) for r in rows) == pytest.approx(pipeline["wcss"], rel=1e-9)
    model = json.loads((pipeline["dir"] / "model.json").read_text())
    assert model["k"] == 6 and model["seed"] == 5 and model["standardisation"]["transform"] == "ihs"
    assert "scikit-learn" in model["software"]
    # Default style beside the GeoPackage: one category per cluster, distinct colours.
    styled = QgsVectorLayer(pipeline["km"], "km", "ogr")
    renderer = styled.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "cluster"
    colours = {c.symbol().color().name() for c in renderer.categories()}
    assert len(colours) == 6


def test_same_seed_same_clusters(pipeline, tmp_path):
    again = run("kmeans", {"INPUT": pipeline["std"], "K": 6, "RUNS": 20, "SEED": 5,
                           "OUTPUT": str(tmp_path / "again.gpkg")})
    assert values(again["OUTPUT"], "cluster") == values(pipeline["km"], "cluster")
    assert again["TOTAL_WCSS"] == pipeline["wcss"]


def test_subcluster_codes_nest_in_parents(pipeline):
    parents = values(pipeline["sub"], "cluster")
    subs = values(pipeline["sub"], "subcluster")
    assert all(s.startswith(p) and s[len(p):].isalpha() for p, s in zip(parents, subs))
    assert {s for s in subs if s.startswith("1")} == {"1a", "1b", "1c"}
    assert {s for s in subs if s.startswith("2")} == {"2a", "2b"}


def test_apply_model_to_raw_percentages_reproduces_clusters(pipeline, tmp_path):
    model = str(pipeline["dir"] / "model.json")
    res = run("applymodel", {"INPUT": pipeline["prep"], "MODEL": model,
                             "OUTPUT": str(tmp_path / "applied.gpkg")})
    assert values(res["OUTPUT"], "cluster") == values(pipeline["km"], "cluster")


def test_apply_model_refuses_missing_fields(pipeline, sample_town, tmp_path):
    with pytest.raises(QgsProcessingException, match="v01, v02.*not found in the input"):
        run("applymodel", {"INPUT": sample_town["lookup"],
                           "MODEL": str(pipeline["dir"] / "model.json"),
                           "OUTPUT": str(tmp_path / "x.gpkg")})


def test_correlation_and_comparek_reports(pipeline, tmp_path):
    res = run("correlation", {"INPUT": pipeline["prep"], "FIELDS": ["v14", "v15", "v16", "v17"],
                              "METHOD": 1, "THRESHOLD": 0.5, "OUTPUT": str(tmp_path / "c.csv"),
                              "OUTPUT_HTML": str(tmp_path / "c.html")})
    matrix = QgsVectorLayer(res["OUTPUT"], "m", "ogr")
    assert matrix.featureCount() == 4
    html = (tmp_path / "c.html").read_text()
    assert "data:image/png;base64" in html and "v14" in html
    res = run("comparek", {"INPUT": pipeline["std"], "K_MIN": 3, "K_MAX": 6, "RUNS": 5,
                           "OUTPUT": str(tmp_path / "k.csv"),
                           "OUTPUT_HTML": str(tmp_path / "k.html")})
    ks = [int(v) for v in values(res["OUTPUT"], "k")]
    wcss = [float(v) for v in values(res["OUTPUT"], "total_wcss")]
    assert ks == [3, 4, 5, 6] and wcss == sorted(wcss, reverse=True)
    assert "Clustergram" in (tmp_path / "k.html").read_text()


def test_comparek_reports_progress_and_stops_when_cancelled(pipeline, tmp_path):
    """Values of k run on threads; progress and cancel still go through the QGIS feedback."""
    import threading

    from qgis.core import QgsProcessingFeedback

    import processing

    class CancelPartWay(QgsProcessingFeedback):
        def __init__(self, at):
            super().__init__()
            self.at, self.seen, self.threads = at, [], set()
            self.progressChanged.connect(self.note)

        def note(self, value):
            self.seen.append(value)
            self.threads.add(threading.get_ident())
            if value >= self.at:
                self.cancel()

    params = {"INPUT": pipeline["std"], "K_MIN": 2, "K_MAX": 12, "RUNS": 40,
              "OUTPUT": str(tmp_path / "k.csv")}
    full = CancelPartWay(at=101)
    processing.run("segmentation:comparek", params, feedback=full)
    assert full.seen == sorted(full.seen) and full.seen[-1] >= 95  # 5-95 %: then writing
    assert len(full.threads) == 1  # never from the worker threads

    part = CancelPartWay(at=20)
    params["OUTPUT"] = str(tmp_path / "cancelled.csv")
    res = processing.run("segmentation:comparek", params, feedback=part)
    assert part.isCanceled() and max(part.seen) < 90
    assert not (tmp_path / "cancelled.csv").exists() and "OUTPUT" not in res


# --- bad input: a clear error naming the culprit -------------------------------------
def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("text,message", [
    ("id,a,b\nx,1,2\ny,oops,3\nz,2,4\n", "'a' has a non-numeric value 'oops' at row 2 \\(id=y\\)"),
    ("id,a,b\nx,1,2\ny,,3\nz,2,4\n", "'a' is empty or not a number.*row 2 \\(id=y\\)"),
    ("id,a,b\nx,1,2\nx,2,3\nz,2,4\n", "duplicated code\\(s\\): x"),
    ("id,a,b\n", "no rows"),
])
def test_kmeans_bad_input(provider, tmp_path, text, message):
    with pytest.raises(QgsProcessingException, match=message):
        run("kmeans", {"INPUT": _csv(tmp_path, "bad.csv", text), "ID_FIELD": "id",
                       "FIELDS": ["a", "b"], "K": 2, "RUNS": 1, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_k_larger_than_areas(provider, tmp_path):
    path = _csv(tmp_path, "small.csv", "id,a\nx,1\ny,2\n")
    with pytest.raises(QgsProcessingException, match="K=3 is larger than the number of areas"):
        run("kmeans", {"INPUT": path, "ID_FIELD": "id", "K": 3, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_constant_field_refused_by_standardise(provider, tmp_path):
    path = _csv(tmp_path, "const.csv", "id,a,c\nx,1,5\ny,2,5\nz,3,5\n")
    with pytest.raises(QgsProcessingException, match="'c' is constant"):
        run("standardise", {"INPUT": path, "ID_FIELD": "id", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_lookup_missing_denominator(provider, sample_town, tmp_path):
    lines = open(sample_town["lookup"]).read().splitlines()
    lookup = _csv(tmp_path, "lk.csv", "\n".join(x for x in lines if "Total_Households" not in x))
    with pytest.raises(QgsProcessingException, match="no denominator.*'Household' for v11"):
        run("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": lookup,
                                 "ID_FIELD": "OA_CODE", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_every_algorithm_has_help(provider):
    algs = provider.algorithms()
    assert {a.name() for a in algs} >= {"preparevariables", "standardise", "correlation",
                                        "comparek", "kmeans", "subcluster", "applymodel"}
    for alg in algs:
        assert len(alg.shortHelpString()) > 100, alg.name()
        for p in alg.parameterDefinitions():
            assert p.help(), f"{alg.name()}:{p.name()} has no help"
