"""Counts for people: the default toolbox path (prepare → standardise → k-means, defaults)
gives classified areas carrying the unstandardised totals and percentages, never clustered on,
and the loaded layer is marked with them for the docks (issue 11, item 2)."""

from __future__ import annotations

import json

import pytest
from conftest import register_provider, run
from qgis.core import QgsProject, QgsVectorLayer

from customer_segmentation.ui.styling import layer_property

VARIABLES = [f"v{i:02d}" for i in range(1, 23)]




def rows(path_or_layer, key="OA_CODE") -> dict:
    layer = path_or_layer if isinstance(path_or_layer, QgsVectorLayer) else \
        QgsVectorLayer(path_or_layer, "l", "ogr")
    return {f[key]: f for f in layer.getFeatures()}


@pytest.fixture(scope="module")
def chain(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    d = tmp_path_factory.mktemp("carried")
    prep = run("preparevariables", {"INPUT": sample_town["areas"], "LOOKUP": sample_town["lookup"],
                                    "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "prep.gpkg")})
    std = run("standardise", {"INPUT": prep["OUTPUT"], "OUTPUT": str(d / "std.gpkg")})
    return {"dir": d, "prep": prep["OUTPUT"], "std": std["OUTPUT"]}


def test_default_path_carries_totals_and_percentages(chain, sample_town):
    QgsProject.instance().removeAllMapLayers()
    res = run("kmeans", {"INPUT": chain["std"], "K": 5, "RUNS": 5,
                         "MODEL": str(chain["dir"] / "model.json"),
                         "OUTPUT": "TEMPORARY_OUTPUT"}, load=True)
    # clustered on the 22 variables only, never on the carried values
    assert json.loads((chain["dir"] / "model.json").read_text())["fields"] == VARIABLES
    layer = QgsProject.instance().mapLayer(res["OUTPUT"])
    out = rows(layer)
    raw = rows(QgsVectorLayer(sample_town["areas"], "a", "ogr"))
    prep = rows(chain["prep"])
    std = rows(chain["std"])
    assert len(out) == 320
    for code, f in out.items():
        assert f["raw_Total_Population"] == raw[code]["Total_Population"]  # never scaled
        assert f["raw_Total_Households"] == raw[code]["Total_Households"]
        for v in VARIABLES:
            assert f[f"raw_{v}"] == pytest.approx(prep[code][v])  # the prepared percentage
            assert f[v] == pytest.approx(std[code][v])  # the standardised value
    assert sum(f["raw_Total_Population"] for f in out.values()) == sum(
        f["Total_Population"] for f in raw.values())
    # the loaded layer is marked for the docks and named for what it holds
    assert layer.name() == "Clusters k=5, seed 1"
    assert layer_property(layer, "cluster_field") == "cluster"
    assert json.loads(layer_property(layer, "level_fields")) == ["cluster"]
    assert layer_property(layer, "population_field") == "raw_Total_Population"
    assert layer_property(layer, "households_field") == "raw_Total_Households"
    assert json.loads(layer_property(layer, "variables")) == [f"raw_{v}" for v in VARIABLES]
    # the lookup given to 'Prepare variables' travelled with the data (through standardise)
    assert layer_property(layer, "lookup") == sample_town["lookup"]
    assert json.loads(layer_property(layer, "denominators"))["raw_v11"] == "raw_Total_Households"
    QgsProject.instance().removeAllMapLayers()


def test_with_the_lookup_denominators_are_recorded(chain, sample_town, tmp_path):
    """LOOKUP given to k-means itself (e.g. on a standardised layer made elsewhere)."""
    km = run("kmeans", {"INPUT": chain["std"], "K": 4, "RUNS": 3, "LOOKUP": sample_town["lookup"],
                        "OUTPUT": str(tmp_path / "km.gpkg")})
    layer = QgsVectorLayer(km["OUTPUT"], "km", "ogr")  # marked through its default style (.qml)
    dens = json.loads(layer_property(layer, "denominators"))
    assert dens["raw_v01"] == "raw_Total_Population"
    assert dens["raw_v11"] == "raw_Total_Households"
    assert dens["raw_v19"] == "raw_Total_Population_16_to_74"
    assert "raw_v07" not in dens  # a density: no denominator
    assert layer_property(layer, "lookup") == sample_town["lookup"]
    # whole-area rate from the carried fields = the census's own rate
    feats = list(layer.getFeatures())
    rate = sum(f["raw_v19"] / 100 * f["raw_Total_Population_16_to_74"] for f in feats) / sum(
        f["raw_Total_Population_16_to_74"] for f in feats)
    census = list(QgsVectorLayer(sample_town["areas"], "a", "ogr").getFeatures())
    assert rate == pytest.approx(sum(f["v19"] for f in census) / sum(
        f["Total_Population_16_to_74"] for f in census))
    sub = run("subcluster", {"INPUT": km["OUTPUT"], "PARENT_FIELD": "cluster", "K": "2",
                             "RUNS": 3, "LOOKUP": sample_town["lookup"],
                             "OUTPUT": str(tmp_path / "sub.gpkg")})
    sub_layer = QgsVectorLayer(sub["OUTPUT"], "s", "ogr")
    assert json.loads(layer_property(sub_layer, "level_fields")) == ["cluster", "subcluster"]
    assert layer_property(sub_layer, "population_field") == "raw_Total_Population"
    assert len(json.loads(layer_property(sub_layer, "variables"))) == 22
    assert sum(f["raw_Total_Households"] for f in sub_layer.getFeatures()) == sum(
        f["Total_Households"] for f in census)


def test_applied_model_marks_percentages_and_totals(chain, tmp_path):
    run("kmeans", {"INPUT": chain["std"], "K": 3, "RUNS": 3,
                   "STANDARDISATION": "", "MODEL": str(tmp_path / "m.json"),
                   "OUTPUT": str(tmp_path / "km.gpkg")})
    applied = run("applymodel", {"INPUT": chain["std"], "MODEL": str(tmp_path / "m.json"),
                                 "OUTPUT": str(tmp_path / "a.gpkg")})
    layer = QgsVectorLayer(applied["OUTPUT"], "a", "ogr")
    assert layer_property(layer, "population_field") == "raw_Total_Population"
    assert json.loads(layer_property(layer, "variables"))[0] == "raw_v01"


def test_loaded_with_its_labels_table_the_properties_agree(chain, sample_town, tmp_path,
                                                          qgis_new_project):
    """The labels link and the docks' properties record the same variables (the carried
    percentages), whichever is applied last."""
    project = QgsProject.instance()
    res = run("kmeans", {"INPUT": chain["std"], "K": 3, "RUNS": 3, "LOOKUP": sample_town["lookup"],
                         "OUTPUT": str(tmp_path / "km.gpkg"),
                         "OUTPUT_LABELS": str(tmp_path / "labels.gpkg")}, load=True)
    areas = next(x for x in project.mapLayers().values() if x.source().startswith(res["OUTPUT"]))
    assert "label_name" in areas.fields().names()  # joined to its labels
    assert json.loads(layer_property(areas, "variables")) == [f"raw_{v}" for v in VARIABLES]
    assert layer_property(areas, "population_field") == "raw_Total_Population"
    assert json.loads(layer_property(areas, "denominators"))["raw_v11"] == "raw_Total_Households"
    project.removeAllMapLayers()


def test_loaded_outputs_are_named_for_what_they_hold(chain, sample_town, qgis_new_project):
    project = QgsProject.instance()

    def loaded_name(alg, params):
        res = run(alg, {**params, "OUTPUT": "TEMPORARY_OUTPUT"}, load=True)
        return project.mapLayer(res["OUTPUT"]).name(), res["OUTPUT"]

    assert loaded_name("preparevariables", {"INPUT": sample_town["areas"],
                                            "LOOKUP": sample_town["lookup"],
                                            "ID_FIELD": "OA_CODE"})[0] == "Prepared variables"
    assert loaded_name("standardise", {"INPUT": chain["prep"]})[0] == "Standardised variables"
    name, km = loaded_name("kmeans", {"INPUT": chain["std"], "K": 3, "RUNS": 2})
    assert name == "Clusters k=3, seed 1"
    assert loaded_name("subcluster", {"INPUT": km, "PARENT_FIELD": "cluster", "K": "2",
                                      "RUNS": 2})[0] == "Groups within clusters"
    project.removeAllMapLayers()


def test_lookup_travels_through_loaded_layers_and_command_line_files(chain, sample_town,
                                                                   tmp_path, qgis_new_project):
    """As in the toolbox: each output loaded, the next step run on the loaded layer."""
    project = QgsProject.instance()
    prep = run("preparevariables", {"INPUT": sample_town["areas"],
                                    "LOOKUP": sample_town["lookup"], "ID_FIELD": "OA_CODE",
                                    "OUTPUT": "TEMPORARY_OUTPUT"}, load=True)["OUTPUT"]
    std = run("standardise", {"INPUT": project.mapLayer(prep), "OUTPUT": "TEMPORARY_OUTPUT"},
              load=True)["OUTPUT"]
    km = run("kmeans", {"INPUT": project.mapLayer(std), "K": 3, "RUNS": 2,
                        "OUTPUT": "TEMPORARY_OUTPUT"}, load=True)["OUTPUT"]
    dens = json.loads(layer_property(project.mapLayer(km), "denominators"))
    assert dens["raw_v19"] == "raw_Total_Population_16_to_74"
    project.removeAllMapLayers()
    # files (qgis_process, saved outputs): recorded in the default style beside each file
    from support import qgis_process as qp

    home = tmp_path / "home"
    p = qp.run(home, "segmentation:preparevariables", f"INPUT={sample_town['areas']}",
               f"LOOKUP={sample_town['lookup']}", "ID_FIELD=OA_CODE",
               f"OUTPUT={tmp_path / 'p.gpkg'}")["OUTPUT"]
    s = qp.run(home, "segmentation:standardise", f"INPUT={p}",
               f"OUTPUT={tmp_path / 's.gpkg'}")["OUTPUT"]
    k = qp.run(home, "segmentation:kmeans", f"INPUT={s}", "K=3", "RUNS=2",
               f"OUTPUT={tmp_path / 'k.gpkg'}")["OUTPUT"]
    layer = QgsVectorLayer(k, "k", "ogr")
    assert json.loads(layer_property(layer, "denominators"))["raw_v01"] == "raw_Total_Population"
