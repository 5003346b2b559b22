"""Outputs are written whole or not at all, never over an input, and CSV cells cannot run as
formulas (issue 12, items 2, 3, 4 and 5), through real headless QGIS (`processing.run`) and
`qgis_process.bin`.

Every failure case asserts the error names the parameter and the file, that no new file and no
half file (nor a hidden temporary folder) is left, and that the inputs are unchanged by checksum.
Read-only folders and full disks are small tmpfs mounts (tests run as root, which ignores
permission bits); they are skipped, saying why, where mounting is not permitted.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import register_provider
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer
from support import qgis_process as qp
from support.feedback import Recorder


def run(alg: str, params: dict, feedback=None) -> dict:
    import processing

    return processing.run(f"segmentation:{alg}", params, feedback=feedback)


def fails(alg: str, params: dict, *fragments: str) -> str:
    """Run `alg`, expect a QgsProcessingException holding every fragment; its message."""
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params)
    message = str(err.value)
    for fragment in fragments:
        assert str(fragment) in message, message
    assert "Traceback" not in message
    return message


def digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def files(folder: Path) -> set[str]:
    """Every file and folder under `folder` (hidden ones too), relative."""
    return {str(p.relative_to(folder)) for p in Path(folder).rglob("*")}


def rows(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


# --- fixtures ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """Copies of the sample town (inputs the tests may try to overwrite) and a classification
    chain: prepared, standardised (with parameters) and classified areas."""
    register_provider()
    d = tmp_path_factory.mktemp("bad_outputs")
    src = {k: d / Path(v).name for k, v in sample_town.items()}
    for k, v in sample_town.items():
        shutil.copy(v, src[k])
    prep = run("preparevariables", {"INPUT": str(src["areas"]), "LOOKUP": str(src["lookup"]),
                                    "ID_FIELD": "OA_CODE", "OUTPUT": str(d / "prep.gpkg")})
    std = run("standardise", {"INPUT": prep["OUTPUT"], "ID_FIELD": "OA_CODE",
                              "OUTPUT": str(d / "std.gpkg"), "OUTPUT_PARAMS": str(d / "std.json")})
    km = run("kmeans", {"INPUT": std["OUTPUT"], "ID_FIELD": "OA_CODE", "K": 4, "RUNS": 2,
                        "SEED": 1, "OUTPUT": str(d / "km.gpkg")})
    return {"dir": d, **{k: str(v) for k, v in src.items()}, "prep": str(d / "prep.gpkg"),
            "std": str(d / "std.gpkg"), "std_json": str(d / "std.json"),
            "km": str(d / "km.gpkg"), "wcss": km["TOTAL_WCSS"]}


@pytest.fixture
def checksums(town):
    """Checksums of every input of the module; asserted unchanged after the test."""
    keys = ["areas", "lookup", "postcodes", "services", "prep", "std", "std_json", "km"]
    before = {k: digest(town[k]) for k in keys}
    yield
    assert {k: digest(town[k]) for k in keys} == before, "an input was changed"


def _mount(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {out.stderr}")


@pytest.fixture
def read_only(tmp_path):
    """A read-only folder (a tmpfs mounted read-only: root ignores permission bits)."""
    folder = tmp_path / "read_only"
    _mount(folder, "size=64k,ro")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 64 kB tmpfs filled up to the last byte (`out/` is empty and writable)."""
    folder = tmp_path / "full"
    _mount(folder, "size=64k")
    try:
        (folder / "out").mkdir()
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 512):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield folder / "out"
    finally:
        out = subprocess.run(["umount", str(folder)], capture_output=True, text=True)
        if out.returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    assert out.returncode == 0, f"a file on the full disk was left open: {out.stderr}"


def services_params(town, out: Path, **extra) -> dict:
    return {"INPUT": town["services"], "POSTCODE_FIELD": "postcode",
            "LOOKUP": town["postcodes"], "OUTPUT": str(out), **extra}


# --- 3. never write over an input -------------------------------------------------------
def test_prepare_output_same_path_as_input_geojson(town, checksums, tmp_path):
    fails("preparevariables", {"INPUT": town["areas"], "LOOKUP": town["lookup"],
                               "ID_FIELD": "OA_CODE", "OUTPUT": town["areas"]},
          "OUTPUT", "INPUT", "would overwrite", town["areas"])


def test_prepare_output_through_a_symlink_to_the_input(town, checksums, tmp_path):
    link = tmp_path / "link.geojson"
    link.symlink_to(town["areas"])
    fails("preparevariables", {"INPUT": town["areas"], "LOOKUP": town["lookup"],
                               "ID_FIELD": "OA_CODE", "OUTPUT": str(link)},
          "OUTPUT", "INPUT", town["areas"])
    assert link.is_symlink() and files(tmp_path) == {"link.geojson"}


def test_prepare_output_relative_path_of_the_input(town, checksums, monkeypatch):
    monkeypatch.chdir(town["dir"])
    fails("preparevariables", {"INPUT": town["areas"], "LOOKUP": town["lookup"],
                               "ID_FIELD": "OA_CODE",
                               "OUTPUT": os.path.join(".", "sample_town_oa.geojson")},
          "OUTPUT", "INPUT", "would overwrite")


def test_join_output_is_the_records_csv(town, checksums, tmp_path):
    fails("joinpostcodes", services_params(town, Path(town["services"])),
          "OUTPUT", "INPUT", town["services"])


def test_join_unmatched_output_is_the_lookup(town, checksums, tmp_path):
    fails("joinpostcodes", services_params(town, tmp_path / "m.csv",
                                           OUTPUT_UNMATCHED=town["postcodes"]),
          "OUTPUT_UNMATCHED", "LOOKUP", town["postcodes"])
    assert files(tmp_path) == set()


def test_kmeans_output_is_the_input(town, checksums):
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": town["std"]},
          "OUTPUT", "INPUT", town["std"])


def test_kmeans_output_is_the_gpkg_of_a_layername_uri_input(town, checksums):
    fails("kmeans", {"INPUT": town["std"] + "|layername=std", "K": 3, "RUNS": 1,
                     "OUTPUT": town["std"]},
          "OUTPUT", "INPUT", town["std"])


def test_kmeans_model_over_the_standardisation_file(town, checksums, tmp_path):
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "STANDARDISATION": town["std_json"],
                     "OUTPUT": str(tmp_path / "k.gpkg"), "MODEL": town["std_json"]},
          "MODEL", "STANDARDISATION", town["std_json"])
    assert files(tmp_path) == set()


def test_standardise_params_over_the_input_layer(town, checksums, tmp_path):
    fails("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE",
                          "OUTPUT": str(tmp_path / "s.gpkg"), "OUTPUT_PARAMS": town["prep"]},
          "OUTPUT_PARAMS", "INPUT", town["prep"])
    assert files(tmp_path) == set()


def test_two_outputs_on_one_file(town, checksums, tmp_path):
    same = str(tmp_path / "both.csv")
    fails("joinpostcodes", services_params(town, Path(same), OUTPUT_UNMATCHED=same),
          "OUTPUT", "OUTPUT_UNMATCHED", "same file", same)
    assert files(tmp_path) == set()


def test_output_that_is_a_folder(town, checksums, tmp_path):
    (tmp_path / "dir.json").mkdir()
    fails("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE",
                          "OUTPUT": str(tmp_path / "s.gpkg"),
                          "OUTPUT_PARAMS": str(tmp_path / "dir.json")},
          "OUTPUT_PARAMS", "is a folder")
    assert files(tmp_path) == {"dir.json"}


# --- 2. all or nothing: missing and read-only folders, full disks, cancel ----------------
def test_json_into_a_missing_folder_writes_no_layer(town, checksums, tmp_path):
    missing = tmp_path / "nope" / "std.json"
    fails("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE",
                          "OUTPUT": str(tmp_path / "s.gpkg"), "OUTPUT_PARAMS": str(missing)},
          "OUTPUT_PARAMS", str(missing), "does not exist")
    assert files(tmp_path) == set()


def test_model_into_a_missing_folder(town, checksums, tmp_path):
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": str(tmp_path / "k.gpkg"),
                     "MODEL": str(tmp_path / "gone" / "model.json")},
          "MODEL", "gone", "does not exist")
    assert files(tmp_path) == set()


def test_html_report_into_a_missing_folder(town, checksums, tmp_path):
    fails("correlation", {"INPUT": town["prep"], "FIELDS": ["v14", "v15"],
                          "OUTPUT": str(tmp_path / "c.csv"),
                          "OUTPUT_HTML": str(tmp_path / "no" / "c.html")},
          "OUTPUT_HTML", "does not exist")
    assert files(tmp_path) == set()


def test_csv_into_a_read_only_folder(town, checksums, read_only, tmp_path):
    fails("joinpostcodes", services_params(town, read_only / "m.csv",
                                           OUTPUT_UNMATCHED=str(tmp_path / "u.csv")),
          "OUTPUT", str(read_only / "m.csv"), "Read-only file system")
    assert files(read_only) == set() and files(tmp_path) == {"read_only"}


def test_json_into_a_read_only_folder(town, checksums, read_only, tmp_path):
    fails("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE",
                          "OUTPUT": str(tmp_path / "s.gpkg"),
                          "OUTPUT_PARAMS": str(read_only / "p.json")},
          "OUTPUT_PARAMS", "Read-only file system")
    assert files(read_only) == set() and files(tmp_path) == {"read_only"}


def test_csv_on_a_full_disk_is_an_error_not_a_short_file(town, checksums, full_disk):
    message = fails("joinpostcodes", services_params(town, full_disk / "m.csv"),
                    "OUTPUT", str(full_disk / "m.csv"))
    assert "Nothing was written" in message
    assert files(full_disk) == set()


def test_geopackage_on_a_full_disk(town, checksums, full_disk):
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1,
                     "OUTPUT": str(full_disk / "k.gpkg")},
          "OUTPUT", str(full_disk / "k.gpkg"))
    assert files(full_disk) == set()


def test_model_on_a_full_disk_leaves_the_layer_unwritten(town, checksums, full_disk, tmp_path):
    """The second output fails: the first (written before it) is not left behind."""
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": str(tmp_path / "k.gpkg"),
                     "MODEL": str(full_disk / "model.json")},
          "MODEL", str(full_disk / "model.json"), "No space left on device")
    assert files(full_disk) == set()
    assert files(tmp_path) == {"full", "full/out", "full/filler"}


def test_unmatched_on_a_full_disk_leaves_matched_unwritten(town, checksums, full_disk, tmp_path):
    fails("joinpostcodes", services_params(town, tmp_path / "m.csv",
                                           OUTPUT_UNMATCHED=str(full_disk / "u.csv")),
          "OUTPUT_UNMATCHED", str(full_disk / "u.csv"))
    assert files(full_disk) == set()
    assert files(tmp_path) == {"full", "full/out", "full/filler"}


def test_failed_run_keeps_the_previous_output_whole(town, checksums, tmp_path):
    old = tmp_path / "model.json"
    old.write_text('{"old": true}')
    fails("kmeans", {"INPUT": town["std"], "K": 9999, "RUNS": 1,
                     "OUTPUT": str(tmp_path / "k.gpkg"), "MODEL": str(old)}, "K=9999")
    assert old.read_text() == '{"old": true}' and files(tmp_path) == {"model.json"}


class CancelAt(QgsProcessingFeedback):
    """Cancels the run once its progress reaches `at` %."""

    def __init__(self, at: float):
        super().__init__()
        self.at = at
        self.progressChanged.connect(self._check)

    def _check(self, value):
        if value >= self.at:
            self.cancel()


def test_cancelled_run_leaves_nothing(town, checksums, tmp_path):
    res = run("kmeans", {"INPUT": town["std"], "K": 4, "RUNS": 50, "SEED": 1,
                         "OUTPUT": str(tmp_path / "k.gpkg"),
                         "MODEL": str(tmp_path / "m.json")}, feedback=CancelAt(20))
    assert "OUTPUT" not in res and files(tmp_path) == set()


def test_cancel_after_the_layer_was_written_leaves_nothing(town, checksums, tmp_path):
    """Cancelled after the first output was written (progress 95 %): it is deleted too."""
    res = run("joinpostcodes", services_params(town, tmp_path / "m.csv",
                                               OUTPUT_UNMATCHED=str(tmp_path / "u.csv")),
              feedback=CancelAt(96))
    assert "OUTPUT" not in res and files(tmp_path) == set()


def test_success_replaces_old_outputs_and_leaves_no_temporary_folder(town, checksums, tmp_path):
    (tmp_path / "k.gpkg").write_bytes(b"old, not a geopackage")
    (tmp_path / "m.json").write_text("old")
    res = run("kmeans", {"INPUT": town["std"], "K": 4, "RUNS": 2, "SEED": 1,
                         "OUTPUT": str(tmp_path / "k.gpkg"), "MODEL": str(tmp_path / "m.json")})
    assert res["OUTPUT"] == str(tmp_path / "k.gpkg") and res["MODEL"] == str(tmp_path / "m.json")
    assert res["TOTAL_WCSS"] == pytest.approx(town["wcss"])
    assert QgsVectorLayer(res["OUTPUT"], "k", "ogr").featureCount() == 320
    assert json.loads((tmp_path / "m.json").read_text())["k"] == 4
    assert files(tmp_path) - {"k.gpkg-wal", "k.gpkg-shm"} == {"k.gpkg", "k.qml", "m.json"}


def test_loaded_output_is_the_final_file_styled(town, checksums, tmp_path):
    """runAndLoadResults loads the final file (not the temporary one) and styles it."""
    from qgis.core import QgsProject

    import processing

    res = processing.runAndLoadResults("segmentation:kmeans", {
        "INPUT": town["std"], "K": 4, "RUNS": 2, "SEED": 1, "OUTPUT": str(tmp_path / "k.gpkg")})
    try:
        assert res["OUTPUT"] == str(tmp_path / "k.gpkg")
        loaded = [lyr for lyr in QgsProject.instance().mapLayers().values()
                  if lyr.source().startswith(str(tmp_path))]
        assert len(loaded) == 1
        layer = loaded[0]
        assert layer.source().split("|")[0] == str(tmp_path / "k.gpkg")
        assert layer.renderer().type() == "categorizedSymbol"
        assert layer.customProperty("customer_segmentation/cluster_field") == "cluster"
    finally:
        QgsProject.instance().removeAllMapLayers()
    assert ".cs-" not in "".join(files(tmp_path))


# --- 5. CSV formula injection -----------------------------------------------------------
HOSTILE = ["=HYPERLINK(\"http://x.invalid\",\"click\")", "+1", "-2+3", "@SUM(A1:A2)",
           "\tcmd", "\rcmd", "-3.5", "12", "plain"]
ESCAPED = ["'=HYPERLINK(\"http://x.invalid\",\"click\")", "'+1", "'-2+3", "'@SUM(A1:A2)",
           "'\tcmd", "'\rcmd", "-3.5", "12", "plain"]


@pytest.fixture
def hostile_records(town, tmp_path):
    """Nine records, all in one matched postcode, whose `note` is a hostile cell; plus one with
    an unknown postcode and a hostile note."""
    postcode = rows(town["postcodes"])[1][0]
    path = tmp_path / "records.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "postcode", "note"])
        for i, cell in enumerate(HOSTILE):
            w.writerow([f"R{i}", postcode, cell])
        w.writerow(["R99", "ZZ99 9ZZ", "=1+1"])
    return str(path)


def test_matched_csv_cells_are_escaped_numbers_kept(town, checksums, hostile_records, tmp_path):
    run("joinpostcodes", {"INPUT": hostile_records, "POSTCODE_FIELD": "postcode",
                          "LOOKUP": town["postcodes"], "OUTPUT": str(tmp_path / "m.csv"),
                          "OUTPUT_UNMATCHED": str(tmp_path / "u.csv")})
    table = rows(tmp_path / "m.csv")
    note = table[0].index("note")
    assert [r[note] for r in table[1:]] == ESCAPED
    unmatched = rows(tmp_path / "u.csv")
    assert unmatched[1][unmatched[0].index("note")] == "'=1+1"


def test_xlsx_formula_strings_are_text(town, checksums, hostile_records, tmp_path):
    run("joinpostcodes", {"INPUT": hostile_records, "POSTCODE_FIELD": "postcode",
                          "LOOKUP": town["postcodes"], "OUTPUT": str(tmp_path / "m.xlsx")})
    with zipfile.ZipFile(tmp_path / "m.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet, "a cell was written as a formula"
    assert "=HYPERLINK(" in strings and "@SUM(A1:A2)" in strings  # kept verbatim, as text


def test_geopackage_cells_are_not_altered(town, checksums, hostile_records, tmp_path):
    res = run("joinpostcodes", {"INPUT": hostile_records, "POSTCODE_FIELD": "postcode",
                                "LOOKUP": town["postcodes"], "OUTPUT": str(tmp_path / "m.gpkg")})
    layer = QgsVectorLayer(res["OUTPUT"], "m", "ogr")
    assert [f["note"] for f in layer.getFeatures()] == HOSTILE


def test_profile_csv_cluster_codes_are_escaped(town, checksums, tmp_path):
    records = tmp_path / "r.csv"
    records.write_text("id,cl\n" + "".join(f"R{i},{c}\n" for i, c in
                                          enumerate(["@a"] * 6 + ["-1"] * 6)))
    areas = tmp_path / "a.csv"
    areas.write_text("code,cl\nA1,@a\nA2,-1\nA3,-1\n")
    run("profile", {"INPUT": str(records), "CLUSTER_FIELD": ["cl"], "AREAS": str(areas),
                    "MIN_COUNT": 0, "OUTPUT": str(tmp_path / "p.csv")})
    table = rows(tmp_path / "p.csv")
    clusters = [r[table[0].index("cluster")] for r in table[1:]]
    assert sorted(clusters) == ["'@a", "-1"]


def test_escape_cell_rules():
    from customer_segmentation.core.csv_safety import escape_cell

    assert [escape_cell(v) for v in HOSTILE] == ESCAPED
    assert [escape_cell(v) for v in (-3.5, 7, None, "", "1e-3", "-.5", "a=b")] == \
        [-3.5, 7, None, "", "1e-3", "-.5", "a=b"]
    assert escape_cell("-") == "'-" and escape_cell("+44 20 7946 0000") == "'+44 20 7946 0000"


# --- 4. shapefile outputs ---------------------------------------------------------------
def test_standardise_to_shapefile_with_long_names_is_refused(town, checksums, tmp_path):
    message = fails("standardise", {"INPUT": town["areas"], "ID_FIELD": "OA_CODE",
                                    "OUTPUT": str(tmp_path / "s.shp"),
                                    "OUTPUT_PARAMS": str(tmp_path / "s.json")},
                    "Total_Population", "Total_Households", "GeoPackage", str(tmp_path / "s.shp"))
    assert "v14" not in message  # only the names that would change are listed
    assert files(tmp_path) == set()


def test_standardise_to_shapefile_with_short_names_keeps_them(town, checksums, tmp_path):
    res = run("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE", "CARRY": False,
                              "OUTPUT": str(tmp_path / "s.shp"),
                              "OUTPUT_PARAMS": str(tmp_path / "s.json")})
    names = QgsVectorLayer(res["OUTPUT"], "s", "ogr").fields().names()
    params = json.loads((tmp_path / "s.json").read_text())
    assert set(params["fields"]) <= set(names)


# --- the same through qgis_process.bin ---------------------------------------------------
def test_qgis_process_refuses_output_over_input(town, checksums, tmp_path):
    text = qp.run(tmp_path / "home", "segmentation:preparevariables",
                  f"INPUT={town['areas']}", f"LOOKUP={town['lookup']}", "ID_FIELD=OA_CODE",
                  f"OUTPUT={town['areas']}", expect_ok=False)
    assert "would overwrite the input INPUT" in text and "Traceback" not in text


def test_qgis_process_missing_folder_writes_nothing(town, checksums, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    text = qp.run(tmp_path / "home", "segmentation:standardise", f"INPUT={town['prep']}",
                  "ID_FIELD=OA_CODE", f"OUTPUT={out / 's.gpkg'}",
                  f"OUTPUT_PARAMS={out / 'missing' / 'p.json'}", expect_ok=False)
    assert "OUTPUT_PARAMS" in text and "does not exist" in text and "Traceback" not in text
    assert files(out) == set()


def test_style_that_cannot_be_written_fails_the_run(town, checksums, tmp_path):
    """The .qml style beside a classified file is checked before the outputs are moved into
    place: a folder in its way fails the run and nothing is written."""
    (tmp_path / "k.qml").mkdir()
    fails("kmeans", {"INPUT": town["std"], "K": 4, "RUNS": 2, "SEED": 1,
                     "OUTPUT": str(tmp_path / "k.gpkg"), "MODEL": str(tmp_path / "m.json")},
          "Cannot write the style", str(tmp_path / "k.qml"))
    assert files(tmp_path) == {"k.qml"} and not any((tmp_path / "k.qml").iterdir())


def test_style_failing_after_the_run_is_reported(town, checksums, tmp_path, monkeypatch):
    """A style write failing after the outputs are in place (QGIS does not fail a run in
    post-processing) is reported as an error naming the file, with no half .qml."""
    from customer_segmentation.ui import styling

    def refuse(self, uri, *args, **kwargs):
        Path(uri).write_text("<half")
        return "disk full", False

    monkeypatch.setattr(styling.QgsVectorLayer, "saveNamedStyle", refuse)
    feedback = Recorder()
    res = run("kmeans", {"INPUT": town["std"], "K": 4, "RUNS": 2, "SEED": 1,
                         "OUTPUT": str(tmp_path / "k.gpkg")}, feedback=feedback)
    assert res["OUTPUT"] == str(tmp_path / "k.gpkg")
    assert any("Could not write the style" in e and str(tmp_path / "k.qml") in e
               and "disk full" in e for e in feedback.errors), feedback.errors
    assert files(tmp_path) - {"k.gpkg-wal", "k.gpkg-shm"} == {"k.gpkg"}


def test_appended_csv_output_escapes_cells_and_names(town, checksums, tmp_path):
    """kmeans copies the input's own fields (write_appended): its text and names are escaped."""
    table = tmp_path / "t.csv"
    table.write_text("id,a,b,@note\n" + "".join(
        f"A{i},{i % 3},{(i * 7) % 5},{'=HYPERLINK(1)' if i == 0 else '-4.25'}\n"
        for i in range(12)))
    run("kmeans", {"INPUT": str(table), "ID_FIELD": "id", "FIELDS": ["a", "b"], "K": 2,
                   "RUNS": 1, "OUTPUT": str(tmp_path / "k.csv")})
    out = rows(tmp_path / "k.csv")
    assert out[0] == ["id", "a", "b", "'@note", "cluster"]
    assert out[1][3] == "'=HYPERLINK(1)" and {r[3] for r in out[2:]} == {"-4.25"}
    assert {r[4] for r in out[1:]} == {"1", "2"}


def test_temporary_outputs_pass_through(town, checksums):
    res = run("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": "TEMPORARY_OUTPUT",
                         "MODEL": "TEMPORARY_OUTPUT"})
    assert json.loads(Path(res["MODEL"]).read_text())["k"] == 3
    assert ".cs-" not in res["MODEL"] and ".cs-" not in str(res["OUTPUT"])


def test_layer_object_input_and_output_on_its_file(town, checksums):
    layer = QgsVectorLayer(town["prep"], "prep", "ogr")
    fails("standardise", {"INPUT": layer, "ID_FIELD": "OA_CODE", "OUTPUT": town["prep"]},
          "OUTPUT", "INPUT", town["prep"])


def test_new_layer_in_the_input_geopackage_is_refused(town, checksums):
    """An `ogr:` URI adding a layer to the GeoPackage being read is refused too."""
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1,
                     "OUTPUT": f"ogr:dbname='{town['std']}' table=\"classified\" (geom)"},
          "OUTPUT", "INPUT", town["std"])


def test_census_lookup_csv_escapes_hostile_column_labels(town, checksums, tmp_path):
    """The drafted lookup (written with pandas, not through a sink) is escaped too."""
    table = tmp_path / "census2021-ts007a-oa.csv"
    with open(table, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "geography", "geography code", "Age: Total",
                    "=HYPERLINK(\"http://x.invalid\")"])
        for i, code in enumerate(["E00000001", "E00000002"]):
            w.writerow(["2021", code, code, 10 + i, 3])
    res = run("importcensus", {"INPUT_FILES": [str(table)], "PRESET": 0,
                               "OUTPUT": str(tmp_path / "cells.csv"),
                               "OUTPUT_LOOKUP": str(tmp_path / "lookup.csv")})
    lookup = rows(res["OUTPUT_LOOKUP"])
    names = [r[lookup[0].index("VariableName")] for r in lookup[1:]]
    assert names == ["Age: Total", "'=HYPERLINK(\"http://x.invalid\")"]


def test_threaded_run_as_in_the_dialog_commits_and_cleans_up(town, checksums, tmp_path):
    """Run in a background task (as the Processing dialog does): outputs committed, the result
    points at the final file, and a failing run in a task leaves nothing."""
    import time

    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsTask,
    )

    def in_task(params):
        alg = QgsApplication.processingRegistry().createAlgorithmById("segmentation:kmeans")
        context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
        outcome = {}
        task = QgsProcessingAlgRunnerTask(alg, params, context, feedback)
        task.executed.connect(lambda ok, results: outcome.update(ok=ok, results=results))
        QgsApplication.taskManager().addTask(task)
        deadline = time.time() + 120
        while "ok" not in outcome and time.time() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.02)
        assert task.status() in (QgsTask.Complete, QgsTask.Terminated)
        return outcome

    done = in_task({"INPUT": town["std"], "K": 3, "RUNS": 2, "SEED": 1,
                    "OUTPUT": str(tmp_path / "k.gpkg"), "MODEL": str(tmp_path / "m.json")})
    assert done["ok"] and done["results"]["OUTPUT"] == str(tmp_path / "k.gpkg")
    assert QgsVectorLayer(str(tmp_path / "k.gpkg"), "k", "ogr").featureCount() == 320
    assert json.loads((tmp_path / "m.json").read_text())["k"] == 3
    assert (tmp_path / "k.qml").is_file()  # styled in the main thread after the task
    assert ".cs-" not in "".join(files(tmp_path))
    failed = tmp_path / "failed"
    failed.mkdir()
    done = in_task({"INPUT": town["std"], "K": 3, "RUNS": 2, "SEED": 1,
                    "OUTPUT": str(failed / "k.gpkg"),
                    "MODEL": str(failed / "missing" / "m.json")})
    assert done["ok"] is False and files(failed) == set()


@pytest.fixture
def immutable(tmp_path):
    """Make paths immutable (`chattr +i`, which binds root too); undone in teardown."""
    made = []

    def make(path: Path) -> Path:
        out = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if out.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {out.stderr.strip()}")
        made.append(path)
        return path

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_read_only_existing_output_is_left_as_it_is(town, checksums, tmp_path, immutable):
    old = tmp_path / "m.json"
    old.write_text("keep me")
    immutable(old)
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": str(tmp_path / "k.gpkg"),
                     "MODEL": str(old)}, "MODEL", str(old), "read-only")
    assert old.read_text() == "keep me" and files(tmp_path) == {"m.json"}


def test_immutable_folder(town, checksums, tmp_path, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    fails("preparevariables", {"INPUT": town["areas"], "LOOKUP": town["lookup"],
                               "ID_FIELD": "OA_CODE", "OUTPUT": str(folder / "p.gpkg")},
          "OUTPUT", str(folder / "p.gpkg"), "Operation not permitted")
    assert files(folder) == set()


def test_pdf_failing_half_way_leaves_neither_pdf_nor_html(town, checksums, tmp_path,
                                                          monkeypatch):
    """A write-failing stub: the PDF writer writes part of its file, then the disk fills up.
    The HTML report, written before it, is not left behind either."""
    import errno

    from customer_segmentation.core import pen_portraits

    def half_pdf(portraits, path, *args, **kwargs):
        Path(path).write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pen_portraits, "write_pdf", half_pdf)
    fails("penportraits", {"INPUT": town["km"], "CLUSTER_FIELD": "cluster",
                           "FIELDS": ["v14", "v15", "v16"], "ID_FIELD": "OA_CODE",
                           "OUTPUT_HTML": str(tmp_path / "p.html"),
                           "OUTPUT_PDF": str(tmp_path / "p.pdf")},
          "OUTPUT_PDF", str(tmp_path / "p.pdf"), "No space left on device")
    assert files(tmp_path) == set()


def test_unexpected_os_error_names_the_outputs(town, checksums, tmp_path, monkeypatch):
    """An OS error from code that is not a known write names the outputs, no traceback."""
    import errno

    from customer_segmentation.core import transform

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(transform, "fit_standardisation", broken)
    fails("standardise", {"INPUT": town["prep"], "ID_FIELD": "OA_CODE",
                          "OUTPUT": str(tmp_path / "s.gpkg")},
          str(tmp_path / "s.gpkg"), "Input/output error", "Nothing was written")
    assert files(tmp_path) == set()


@pytest.fixture
def small_disk(tmp_path):
    """An empty 160 kB tmpfs: room for an empty GeoPackage, not for the 320 areas (240 kB)."""
    folder = tmp_path / "small"
    _mount(folder, "size=160k")
    try:
        yield folder
    finally:
        out = subprocess.run(["umount", str(folder)], capture_output=True, text=True)
        if out.returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    assert out.returncode == 0, f"a file on the small disk was left open: {out.stderr}"


@pytest.mark.parametrize("name", ["k.gpkg", "k.geojson"])
def test_disk_filling_up_while_writing_features(town, checksums, small_disk, name):
    """The disk fills up part way through the features (the issue's broken GeoPackage): an
    error naming the file and the likely cause, and nothing left on the disk."""
    message = fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1,
                               "OUTPUT": str(small_disk / name)},
                    "OUTPUT", str(small_disk / name), "Nothing was written")
    assert "disk is full" in message or "disk full" in message, message
    assert files(small_disk) == set()


def test_csv_filling_the_disk_part_way(town, checksums, small_disk):
    """The issue's case: 5,863 matched records into a disk with room for about a thousand."""
    message = fails("joinpostcodes", services_params(town, small_disk / "m.csv"),
                    "OUTPUT", str(small_disk / "m.csv"), "Nothing was written")
    assert "disk is full" in message or "disk full" in message, message
    assert files(small_disk) == set()


def test_commit_failing_half_way_puts_the_previous_files_back(town, checksums, tmp_path,
                                                              monkeypatch):
    """The second output cannot be moved into place (e.g. locked by another program): the
    first, already moved, is undone and both previous files are back as they were."""
    import errno

    from customer_segmentation.processing import outputs

    (tmp_path / "k.gpkg").write_bytes(b"old layer")
    (tmp_path / "m.json").write_text("old model")
    real = os.replace

    def locked(src, dst, *args, **kwargs):
        if Path(dst).name == "m.json" and ".cs-" in str(src) and ".old-" not in str(src):
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(outputs.os, "replace", locked)
    fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1, "OUTPUT": str(tmp_path / "k.gpkg"),
                     "MODEL": str(tmp_path / "m.json")},
          "MODEL", str(tmp_path / "m.json"), "busy", "previous files were kept")
    assert (tmp_path / "k.gpkg").read_bytes() == b"old layer"
    assert (tmp_path / "m.json").read_text() == "old model"
    assert files(tmp_path) == {"k.gpkg", "m.json"}


def test_previous_file_that_cannot_be_put_back_is_kept_and_named(town, checksums, tmp_path,
                                                                 monkeypatch):
    """Worst case: the previous file cannot even be put back. It is never deleted: the error
    says which folder holds it."""
    import errno

    from customer_segmentation.processing import outputs

    (tmp_path / "m.json").write_text("old model")
    real = os.replace

    def locked(src, dst, *args, **kwargs):
        if Path(dst).name == "m.json" and ".cs-" in str(src):
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(outputs.os, "replace", locked)
    message = fails("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1,
                               "OUTPUT": str(tmp_path / "k.gpkg"),
                               "MODEL": str(tmp_path / "m.json")},
                    "MODEL", "could not be put back")
    kept = [p for p in tmp_path.rglob(".old-m.json")]
    assert len(kept) == 1 and kept[0].read_text() == "old model"
    assert str(kept[0].parent) in message and not (tmp_path / "k.gpkg").exists()


def test_folder_left_by_an_interrupted_run_is_reported_not_deleted(town, checksums, tmp_path):
    left = tmp_path / ".k.cs-0badc0de"
    left.mkdir()
    (left / "k.gpkg").write_bytes(b"half")
    feedback = Recorder()
    res = run("kmeans", {"INPUT": town["std"], "K": 3, "RUNS": 1,
                         "OUTPUT": str(tmp_path / "k.gpkg")}, feedback=feedback)
    assert QgsVectorLayer(res["OUTPUT"], "k", "ogr").featureCount() == 320
    assert any("interrupted run" in e and str(left) in e and "OUTPUT" in e
               for e in feedback.errors), feedback.errors
    assert (left / "k.gpkg").read_bytes() == b"half"


def test_qgis_process_csv_cells_escaped(town, checksums, hostile_records, tmp_path):
    res = qp.run(tmp_path / "home", "segmentation:joinpostcodes", f"INPUT={hostile_records}",
                 "POSTCODE_FIELD=postcode", f"LOOKUP={town['postcodes']}",
                 f"OUTPUT={tmp_path / 'm.csv'}", f"OUTPUT_UNMATCHED={tmp_path / 'u.csv'}")
    assert res["OUTPUT"] == str(tmp_path / "m.csv")
    table = rows(tmp_path / "m.csv")
    assert [r[table[0].index("note")] for r in table[1:]] == ESCAPED
    assert ".cs-" not in "".join(files(tmp_path))
