"""Two-level models (issue 13, item 4): 'Sub-cluster' writes a model holding the parent k-means
model and each parent's sub-centres; 'Apply a saved classification' re-applies both levels.

Re-applied to the very data it was built on, a two-level model gives back every area's cluster
and sub-cluster exactly (k-means ends on Hartigan moves, so each area is nearer its own centre
than any other); on changed data only the changed areas move; a damaged or mismatched model
file is refused naming the problem. On the sample town and on real Leicester data (the 60 OAC
2011 variables; skipped when ../shared/data is absent).
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import register_provider, run, shared
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer
from support.feedback import Recorder

from customer_segmentation.ui.styling import layer_property


def table(path: str, key: str) -> dict[str, dict]:
    """Every feature of a layer as {id: {field: value}}."""
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    names = layer.fields().names()
    return {f[key]: dict(zip(names, f.attributes())) for f in layer.getFeatures()}


def build(d, areas: str, lookup: str, id_field: str, k: int, sub_k: str, runs: int,
          seed: int) -> dict:
    """prepare → standardise → k-means (model) → sub-cluster (two-level model), in QGIS."""
    out = {"dir": d, "id": id_field}
    out["prep"] = run("preparevariables", {
        "INPUT": areas, "LOOKUP": lookup, "ID_FIELD": id_field,
        "OUTPUT": str(d / "prep.gpkg")})["OUTPUT"]
    out["std"] = run("standardise", {
        "INPUT": out["prep"], "ID_FIELD": id_field, "TRANSFORM": 2, "SCALE": 0,
        "OUTPUT": str(d / "std.gpkg"), "OUTPUT_PARAMS": str(d / "std.json")})["OUTPUT"]
    out["km"] = run("kmeans", {
        "INPUT": out["std"], "ID_FIELD": id_field, "K": k, "RUNS": runs, "SEED": seed,
        "STANDARDISATION": str(d / "std.json"), "OUTPUT": str(d / "km.gpkg"),
        "MODEL": str(d / "model1.json")})["OUTPUT"]
    res = run("subcluster", {
        "INPUT": out["km"], "ID_FIELD": id_field, "PARENT_FIELD": "cluster", "K": sub_k,
        "RUNS": runs, "SEED": seed, "PARENT_MODEL": str(d / "model1.json"),
        "OUTPUT": str(d / "sub.gpkg"), "MODEL": str(d / "model2.json")})
    out["sub"], out["model"] = res["OUTPUT"], res["MODEL"]
    return out


def assert_reapplied_exactly(built: dict, applied: str) -> None:
    key = built["id"]
    ours, again = table(built["sub"], key), table(applied, key)
    assert set(again) == set(ours)
    moved = {a: (ours[a]["cluster"], ours[a]["subcluster"], again[a]["cluster"],
                 again[a]["subcluster"]) for a in ours
             if (ours[a]["cluster"], ours[a]["subcluster"]) !=
             (again[a]["cluster"], again[a]["subcluster"])}
    assert not moved, f"{len(moved)} area(s) re-applied differently: {list(moved.items())[:5]}"
    assert len({r["subcluster"] for r in ours.values()}) > len({r["cluster"] for r in
                                                                ours.values()})


@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    register_provider()
    return build(tmp_path_factory.mktemp("two_level"), sample_town["areas"],
                 sample_town["lookup"], "OA_CODE", k=6, sub_k="2,1:3", runs=10, seed=5)


def test_sample_town_two_levels_reapplied_exactly(town, tmp_path):
    res = run("applymodel", {"INPUT": town["prep"], "MODEL": town["model"], "ID_FIELD": "OA_CODE",
                             "OUTPUT": str(tmp_path / "applied.gpkg")})
    assert_reapplied_exactly(town, res["OUTPUT"])
    names = QgsVectorLayer(res["OUTPUT"], "a", "ogr").fields().names()
    assert {"cluster", "cluster_dist2", "subcluster", "subcluster_dist2"} <= set(names)


def test_the_model_file_holds_both_levels(town):
    one = json.loads((town["dir"] / "model1.json").read_text())
    two = json.loads((town["dir"] / "model2.json").read_text())
    assert one["format_version"] == 1 and "sublevel" not in one  # k-means: unchanged
    assert two["format_version"] == 2
    # the parent level is the k-means model itself: variables, standardisation, centres
    assert two["fields"] == one["fields"] and two["standardisation"] == one["standardisation"]
    assert two["clusters"] == one["clusters"] and two["k"] == one["k"] == 6
    sub = two["sublevel"]
    assert sub["parent_field"] == "cluster" and sub["field_name"] == "subcluster"
    assert sub["fields"] == one["fields"]
    assert [p["code"] for p in sub["parents"]] == [c["code"] for c in one["clusters"]]
    ks = {p["code"]: [c["code"] for c in p["clusters"]] for p in sub["parents"]}
    assert ks["1"] == ["1a", "1b", "1c"] and ks["2"] == ["2a", "2b"]
    # sub-centres are the means of their areas on the standardised variables
    std = table(town["sub"], "OA_CODE")
    members = [r for r in std.values() if r["subcluster"] == "2b"]
    centre = next(c for c in sub["parents"][1]["clusters"] if c["code"] == "2b")
    assert centre["size"] == len(members)
    for j, f in enumerate(sub["fields"]):
        assert centre["centre"][j] == pytest.approx(sum(r[f] for r in members) / len(members),
                                                    abs=1e-12)


def test_applied_layer_is_marked_as_two_levels(town, tmp_path, qgis_new_project):
    project = QgsProject.instance()
    res = run("applymodel", {"INPUT": town["prep"], "MODEL": town["model"],
                             "OUTPUT": "TEMPORARY_OUTPUT"}, load=True)
    layer = project.mapLayer(res["OUTPUT"])
    assert json.loads(layer_property(layer, "level_fields")) == ["cluster", "subcluster"]
    assert layer_property(layer, "cluster_field") == "subcluster"
    assert layer_property(layer, "population_field") == "raw_Total_Population"
    assert layer.renderer().classAttribute() == "subcluster"
    # as subcluster's own output is marked
    sub = QgsVectorLayer(town["sub"], "s", "ogr")
    assert layer_property(sub, "level_fields") == layer_property(layer, "level_fields")
    project.removeAllMapLayers()


def test_field_names_can_be_chosen(town, tmp_path):
    res = run("applymodel", {"INPUT": town["prep"], "MODEL": town["model"],
                             "FIELD_NAME": "supergroup", "SUB_FIELD_NAME": "group",
                             "OUTPUT": str(tmp_path / "named.gpkg")})
    ours, again = table(town["sub"], "OA_CODE"), table(res["OUTPUT"], "OA_CODE")
    assert all(again[a]["supergroup"] == ours[a]["cluster"] and
               again[a]["group"] == ours[a]["subcluster"] for a in ours)
    with pytest.raises(QgsProcessingException, match="both named 'x'"):
        run("applymodel", {"INPUT": town["prep"], "MODEL": town["model"], "FIELD_NAME": "x",
                           "SUB_FIELD_NAME": "X", "OUTPUT": str(tmp_path / "x.gpkg")})


def test_one_level_model_still_applies(town, tmp_path):
    import processing

    fb = Recorder()
    res = processing.run("segmentation:applymodel", {
        "INPUT": town["prep"], "MODEL": str(town["dir"] / "model1.json"),
        "SUB_FIELD_NAME": "group", "OUTPUT": str(tmp_path / "one.gpkg")}, feedback=fb)
    assert any("sub-cluster field name is not used" in w for w in fb.warnings), fb.warnings
    again = table(res["OUTPUT"], "OA_CODE")
    ours = table(town["km"], "OA_CODE")
    assert all(again[a]["cluster"] == ours[a]["cluster"] for a in ours)
    assert "subcluster" not in next(iter(again.values()))


def test_changed_areas_alone_move(town, tmp_path):
    """Three areas take the variables of an area of another group: they (and only they) move,
    to exactly that area's cluster and sub-cluster."""
    import pandas as pd

    prep = table(town["prep"], "OA_CODE")
    sub = table(town["sub"], "OA_CODE")
    fields = json.loads((town["dir"] / "model2.json").read_text())["fields"]
    codes = sorted(prep)
    donor = codes[0]
    changed = [a for a in codes if sub[a]["cluster"] != sub[donor]["cluster"]][:2]
    changed += [a for a in codes if a != donor and sub[a]["cluster"] == sub[donor]["cluster"]
                and sub[a]["subcluster"] != sub[donor]["subcluster"]][:1]
    assert len(changed) == 3
    frame = pd.DataFrame([{"OA_CODE": a, **{f: prep[a][f] for f in fields}} for a in codes])
    for a in changed:
        frame.loc[frame["OA_CODE"] == a, fields] = [prep[donor][f] for f in fields]
    path = tmp_path / "updated.csv"
    frame.to_csv(path, index=False, float_format="%.17g")
    res = run("applymodel", {"INPUT": str(path), "MODEL": town["model"], "ID_FIELD": "OA_CODE",
                             "OUTPUT": str(tmp_path / "updated.gpkg")})
    again = table(res["OUTPUT"], "OA_CODE")
    moved = sorted(a for a in codes if (again[a]["cluster"], again[a]["subcluster"]) !=
                   (sub[a]["cluster"], sub[a]["subcluster"]))
    assert moved == sorted(changed)
    for a in changed:
        assert (again[a]["cluster"], again[a]["subcluster"]) == (
            sub[donor]["cluster"], sub[donor]["subcluster"])


def test_without_parent_model_the_centres_are_the_parents_means(town, tmp_path):
    """No k-means model given: the parent level is the mean of each parent cluster, with no
    standardisation; applied to the standardised variables it gives back both levels."""
    res = run("subcluster", {"INPUT": town["km"], "ID_FIELD": "OA_CODE",
                             "PARENT_FIELD": "cluster", "K": "2", "RUNS": 5, "SEED": 2,
                             "OUTPUT": str(tmp_path / "sub.gpkg"),
                             "MODEL": str(tmp_path / "m.json")})
    model = json.loads((tmp_path / "m.json").read_text())
    assert model["standardisation"] is None and model["format_version"] == 2
    applied = run("applymodel", {"INPUT": town["km"], "MODEL": str(tmp_path / "m.json"),
                                 "OUTPUT": str(tmp_path / "applied.gpkg")})
    assert_reapplied_exactly({"sub": res["OUTPUT"], "id": "OA_CODE"}, applied["OUTPUT"])


def test_parent_model_must_fit_the_parent_field(town, tmp_path):
    other = run("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 2,
                           "OUTPUT": str(tmp_path / "k3.gpkg"), "MODEL": str(tmp_path / "k3.json")})
    assert other
    with pytest.raises(QgsProcessingException,
                       match=r"does not match the parent field 'cluster'.*4, 5, 6 are not in"):
        run("subcluster", {"INPUT": town["km"], "PARENT_FIELD": "cluster", "K": "2", "RUNS": 2,
                           "PARENT_MODEL": str(tmp_path / "k3.json"),
                           "OUTPUT": str(tmp_path / "s.gpkg"), "MODEL": str(tmp_path / "m.json")})
    assert not (tmp_path / "m.json").exists() and not (tmp_path / "s.gpkg").exists()
    with pytest.raises(QgsProcessingException,
                       match=r"Variable\(s\) raw_v01 are not in the parent model"):
        run("subcluster", {"INPUT": town["km"], "PARENT_FIELD": "cluster", "K": "2", "RUNS": 2,
                           "FIELDS": ["v01", "raw_v01"],
                           "PARENT_MODEL": str(town["dir"] / "model1.json"),
                           "OUTPUT": str(tmp_path / "s.gpkg"), "MODEL": str(tmp_path / "m.json")})
    with pytest.raises(QgsProcessingException, match="already has two levels"):
        run("subcluster", {"INPUT": town["sub"], "PARENT_FIELD": "cluster", "K": "2", "RUNS": 2,
                           "FIELDS": json.loads((town["dir"] / "model1.json").read_text())[
                               "fields"],
                           "PARENT_MODEL": town["model"], "OUTPUT": str(tmp_path / "s.gpkg")})


def _damaged(town, tmp_path, change) -> str:
    d = json.loads((town["dir"] / "model2.json").read_text())
    change(d)
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(d))
    return str(path)


def _drop_parent(d):
    d["sublevel"]["parents"] = d["sublevel"]["parents"][1:]


def _short_centre(d):
    d["sublevel"]["parents"][0]["clusters"][1]["centre"].pop()


def _foreign_field(d):
    d["sublevel"]["fields"][0] = "v99"


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format_version=3), r"format_version 3 is not one this plugin reads"),
    (lambda d: d.update(format_version=1), r"holds a 'sublevel' but says format_version 1"),
    (_drop_parent, r"sublevel.parents has no sub-clusters for cluster\(s\) 1"),
    (_short_centre, r"sublevel.parents\[0\].clusters\[1\].centre must be a list of 22"),
    (_foreign_field, r"sublevel.fields names v99, which the parent model does not have"),
    (lambda d: d["sublevel"].pop("field_name"), r"key 'field_name' is missing in sublevel"),
])
def test_damaged_model_is_refused_by_name(town, tmp_path, change, message):
    path = _damaged(town, tmp_path, change)
    with pytest.raises(QgsProcessingException, match=r"damaged\.json.*" + message):
        run("applymodel", {"INPUT": town["prep"], "MODEL": path,
                           "OUTPUT": str(tmp_path / "out.gpkg")})
    assert not (tmp_path / "out.gpkg").exists()


def test_truncated_model_and_missing_variable_are_refused(town, tmp_path):
    text = (town["dir"] / "model2.json").read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2])
    with pytest.raises(QgsProcessingException, match=r"'cut\.json' is not valid JSON"):
        run("applymodel", {"INPUT": town["prep"], "MODEL": str(cut),
                           "OUTPUT": str(tmp_path / "out.gpkg")})
    lacking = tmp_path / "lacking.gpkg"
    shutil.copy(town["prep"], lacking)
    layer = QgsVectorLayer(str(lacking), "l", "ogr")
    assert layer.dataProvider().deleteAttributes([layer.fields().indexOf("v07")])
    del layer
    with pytest.raises(QgsProcessingException, match=r"v07 not found in the input"):
        run("applymodel", {"INPUT": str(lacking), "MODEL": town["model"],
                           "OUTPUT": str(tmp_path / "out.gpkg")})
    assert not (tmp_path / "out.gpkg").exists()


@pytest.fixture(scope="module")
def leicester(qgis_app, qgis_processing, tmp_path_factory):
    folder = shared("leicester_2011")
    register_provider()
    return build(tmp_path_factory.mktemp("leicester_two_level"),
                 str(folder / "2011_OAC_Raw_kVariables_Leicester.csv"),
                 str(folder / "2011_OAC_Raw_kVariables_Lookup.csv"), "OA", k=8, sub_k="3",
                 runs=20, seed=1)


def test_leicester_supergroups_and_groups_reapplied_exactly(leicester, tmp_path):
    model = json.loads((leicester["dir"] / "model2.json").read_text())
    assert len(model["fields"]) == 60 and model["k"] == 8
    assert sum(len(p["clusters"]) for p in model["sublevel"]["parents"]) == 24
    res = run("applymodel", {"INPUT": leicester["prep"], "MODEL": leicester["model"],
                             "ID_FIELD": "OA", "OUTPUT": str(tmp_path / "applied.gpkg")})
    assert len(table(res["OUTPUT"], "OA")) == 969
    assert_reapplied_exactly(leicester, res["OUTPUT"])


def test_a_parent_field_not_from_kmeans_is_warned(town, tmp_path):
    """Parents that are not k-means clusters (here: the first and second half of the areas):
    the model is still written, but re-applying it would move areas, and the log says so."""
    import pandas as pd

    import processing

    std = table(town["std"], "OA_CODE")
    fields = json.loads((town["dir"] / "model1.json").read_text())["fields"]
    codes = sorted(std)
    frame = pd.DataFrame([{"OA_CODE": a, "half": 1 + (i >= len(codes) // 2),
                           **{f: std[a][f] for f in fields}} for i, a in enumerate(codes)])
    path = tmp_path / "halves.csv"
    frame.to_csv(path, index=False, float_format="%.17g")
    fb = Recorder()
    res = processing.run("segmentation:subcluster", {
        "INPUT": str(path), "ID_FIELD": "OA_CODE", "PARENT_FIELD": "half", "K": "2",
        "RUNS": 3, "OUTPUT": str(tmp_path / "s.gpkg"), "MODEL": str(tmp_path / "m.json")},
        feedback=fb)
    hits = [w for w in fb.warnings if "would change the parent cluster of" in w]
    assert hits and hits[0] in fb.summary, fb.warnings
    n = int(hits[0].split("parent cluster of ")[1].split()[0])
    applied = run("applymodel", {"INPUT": str(path), "MODEL": res["MODEL"], "ID_FIELD": "OA_CODE",
                                 "OUTPUT": str(tmp_path / "a.gpkg")})
    again = table(applied["OUTPUT"], "OA_CODE")
    built = table(res["OUTPUT"], "OA_CODE")
    assert sum(str(built[a]["half"]) != again[a]["half"] for a in codes) == n > 0
