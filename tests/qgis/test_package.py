"""`make package` builds a zip that holds every file the plugin reads at run time and nothing of
development, and every algorithm and the shipped model run from it, installed in a clean
profile, through `qgis_process.bin`."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import time
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from conftest import ROOT
from support import qgis_process as qp

PLUGIN = "customer_segmentation"
# What the zip may hold at its top level, and files of development it must never hold.
ALLOWED_TOP = {"metadata.txt", "__init__.py", "plugin.py", "icon.svg", "LICENSE", "README.md",
               "core", "processing", "ui", "i18n", "models", "lookups"}
DEV = ("tests/", "bench/", "scripts/", "sample_data/", "docs/", "build/", ".venv", ".ci/",
       "__pycache__", ".pyc", ".ts", ".tsv", "Makefile", "pyproject.toml", "requirements",
       ".gitignore", "CHANGELOG")
# `Path(__file__).resolve().parent[.parent…] / "name" [/ "name"…]`: a file or folder the
# plugin reads relative to its own folder.
RUNTIME_PATH = re.compile(r'Path\(__file__\)\.resolve\(\)((?:\.parent)+)((?:\s*/\s*"[^"]+")+)')


@pytest.fixture(scope="module")
def package():
    out = subprocess.run(["bash", "scripts/package.sh"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    return ROOT / "customer_segmentation.zip"


@pytest.fixture(scope="module")
def names(package) -> list[str]:
    return [n for n in zipfile.ZipFile(package).namelist() if not n.endswith("/")]


def _git_files(*pathspecs: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--",
                          *pathspecs], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def runtime_paths(zip_file: zipfile.ZipFile) -> set[str]:
    """Every file or folder the zipped code names relative to its own location."""
    found = set()
    for name in zip_file.namelist():
        if not name.endswith(".py"):
            continue
        text = zip_file.read(name).decode("utf-8")
        for parents, parts in RUNTIME_PATH.findall(text):
            base = PurePosixPath(name)
            for _ in range(parents.count(".parent")):
                base = base.parent
            for part in re.findall(r'"([^"]+)"', parts):
                base = base / part
            found.add(str(base))
    return found


def test_zip_holds_the_runtime_files_and_nothing_of_development(package, names):
    z = zipfile.ZipFile(package)
    assert all(n.startswith(f"{PLUGIN}/") for n in names)
    rel = [n[len(PLUGIN) + 1:] for n in names]
    assert {r.split("/")[0] for r in rel} <= ALLOWED_TOP, sorted({r.split("/")[0] for r in rel})
    for dev in DEV:
        assert not any(dev in r for r in rel), dev
    # every module of the plugin's code, and every compiled translation, lookup and model
    for path in _git_files("core/*.py", "processing/*.py", "ui/*.py", "i18n/*.qm",
                           "lookups/*", "models/*"):
        assert path in rel, path
    # every path the code opens relative to the plugin folder is there (a folder: with every
    # file the repository has in it, translation sources aside)
    wanted = runtime_paths(z)
    assert {f"{PLUGIN}/lookups", f"{PLUGIN}/icon.svg", f"{PLUGIN}/models",
            f"{PLUGIN}/i18n"} <= wanted, wanted
    for path in wanted:
        inside = path[len(PLUGIN) + 1:]
        if Path(ROOT, inside).is_dir():
            files = [f for f in _git_files(inside) if not f.endswith((".ts", ".tsv"))]
            assert files and all(f in rel for f in files), (path, files)
        else:
            assert inside in rel, path
    metadata = z.read(f"{PLUGIN}/metadata.txt").decode()
    for key in ("name=Customer Segmentation", "qgisMinimumVersion=3.22",
                "hasProcessingProvider=yes", "supportsQt6=True", "changelog=", "tracker=",
                "repository="):
        assert key in metadata, key


@pytest.fixture(scope="module")
def installed(package, tmp_path_factory):
    """The zip unpacked into a clean profile's plugins folder and enabled; only it is seen."""
    home = tmp_path_factory.mktemp("installed")
    env = qp.environment(home)
    env.pop("QGIS_PLUGINPATH")  # only the installed copy may be found
    plugins = home / ".local" / "share" / "QGIS" / "QGIS3" / "profiles" / "default" / "python" \
        / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(package).extractall(plugins)
    enable = subprocess.run([qp.qgis_process_binary(), "plugins", "enable", PLUGIN], env=env,
                            capture_output=True, text=True, timeout=120)
    assert PLUGIN in enable.stdout, enable.stdout + enable.stderr
    return {"env": env, "plugin": plugins / PLUGIN, "dir": tmp_path_factory.mktemp("outputs")}


def _run(installed, alg: str, *args: str) -> dict:
    cmd = [qp.qgis_process_binary(), "--json", "run", alg, "--", *args]
    out = subprocess.run(cmd, env=installed["env"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"{' '.join(cmd)}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    assert "Traceback" not in out.stderr, out.stderr
    return json.loads(out.stdout[out.stdout.find("{"):])["results"]


def _listed(installed) -> set[str]:
    listing = subprocess.run([qp.qgis_process_binary(), "list"], env=installed["env"],
                             capture_output=True, text=True, timeout=120)
    return set(re.findall(r"segmentation:\w+", listing.stdout))


HOUSEHOLDS = "raw_Total_Households"  # carried from the prepared layer to the classified areas
AREAS_2021 = ["E00000001", "E00000002", "E00000003", "E00000004"]


def bulk_tables_2021(folder: Path, cells: list[str]) -> list[str]:
    """ONS 2021 bulk tables (census2021-tsNNN-oa.csv) holding `cells` (made-up values)."""
    width: dict[str, int] = {}
    for cell in cells:
        width[cell[:-4]] = max(width.get(cell[:-4], 1), int(cell[-4:]))
    paths = []
    for table, n in sorted(width.items()):
        path = folder / f"census2021-{table}-oa.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["date", "geography", "geography code",
                        *[f"{table} cell {j + 1}" for j in range(n)]])
            for i, code in enumerate(AREAS_2021):
                w.writerow(["2021", code, code, 100 * (i + 1), *[i + j + 1 for j in range(n - 1)]])
        paths.append(str(path))
    return paths


def bulk_tables_2011(folder: Path, cells: list[str]) -> list[str]:
    tables: dict[str, list[str]] = {}
    for c in cells:
        tables.setdefault(c[:7], []).append(c)
    paths = []
    for t, cs in tables.items():
        path = folder / f"{t}DATA.CSV"
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["GeographyCode", *cs])
            for i, code in enumerate(AREAS_2021):
                w.writerow([code.replace("E000", "E001"), *[(i + 1) * (j + 2)
                                                           for j in range(len(cs))]])
        paths.append(str(path))
    return paths


def preset_cells(name: str) -> list[str]:
    with open(ROOT / "lookups" / name, encoding="utf-8") as f:
        return sorted({c for row in csv.DictReader(f) for c in row["Cells"].split("+") if c})


def test_every_algorithm_and_the_model_run_from_the_installed_zip(installed, sample_town):
    """One `qgis_process.bin` call per algorithm (importcensus once per preset), on the sample
    town, from the installed copy; the test fails when an algorithm has no run here."""
    d, town = installed["dir"], sample_town
    ran: set[str] = set()
    started = time.monotonic()

    def run(alg: str, *args: str) -> dict:
        ran.add(alg)
        t = time.monotonic()
        res = _run(installed, alg, *args)
        print(f"{alg}: {time.monotonic() - t:.1f} s")
        return res

    # importcensus: every preset (0 draft a lookup, 1 the 2011 OAC, 2 the London OAC 2021)
    (d / "c21").mkdir()
    (d / "c11").mkdir()
    drafted = run("segmentation:importcensus",
                  *[f"INPUT_FILES={p}" for p in bulk_tables_2021(d / "c21", [
                      "ts0010001", "ts0010002", "ts0540001", "ts0540002"])],
                  "PRESET=0", f"OUTPUT={d / 'draft.csv'}", f"OUTPUT_LOOKUP={d / 'draft_l.csv'}")
    assert Path(drafted["OUTPUT_LOOKUP"]).read_text().startswith("VariableCode")
    (d / "l21").mkdir()
    loac = run("segmentation:importcensus",
               *[f"INPUT_FILES={p}" for p in bulk_tables_2021(
                   d / "l21", preset_cells("loac2021_68_variables.csv"))],
               "PRESET=2", f"OUTPUT={d / 'loac.csv'}", f"OUTPUT_LOOKUP={d / 'loac_l.csv'}")
    assert len(list(csv.DictReader(open(loac["OUTPUT"])))) == 4
    oac = run("segmentation:importcensus",
              *[f"INPUT_FILES={p}" for p in bulk_tables_2011(
                  d / "c11", preset_cells("oac2011_60_variables.csv"))],
              "PRESET=1", f"OUTPUT={d / 'oac.csv'}", f"OUTPUT_LOOKUP={d / 'oac_l.csv'}")
    assert "k060" in open(oac["OUTPUT"]).readline()

    prep = run("segmentation:preparevariables", f"INPUT={town['areas']}",
               f"LOOKUP={town['lookup']}", "ID_FIELD=OA_CODE",
               f"OUTPUT={d / 'prep.gpkg'}")["OUTPUT"]
    std = run("segmentation:standardise", f"INPUT={prep}", "ID_FIELD=OA_CODE",
              f"OUTPUT={d / 'std.gpkg'}", f"OUTPUT_PARAMS={d / 'std.json'}")["OUTPUT"]
    run("segmentation:correlation", f"INPUT={std}", f"OUTPUT={d / 'corr.csv'}")
    run("segmentation:comparek", f"INPUT={std}", "K_MIN=2", "K_MAX=4", "RUNS=3",
        f"OUTPUT={d / 'k.csv'}")
    km = run("segmentation:kmeans", f"INPUT={std}", "ID_FIELD=OA_CODE", "K=4", "RUNS=5",
             f"STANDARDISATION={d / 'std.json'}", f"OUTPUT={d / 'km.gpkg'}",
             f"MODEL={d / 'model.json'}", f"OUTPUT_LABELS={d / 'labels.csv'}")
    run("segmentation:subcluster", f"INPUT={km['OUTPUT']}", "ID_FIELD=OA_CODE",
        "PARENT_FIELD=cluster", "K=2", "RUNS=3", f"OUTPUT={d / 'sub.gpkg'}",
        f"PARENT_MODEL={d / 'model.json'}", f"MODEL={d / 'model2.json'}")
    two = run("segmentation:applymodel", f"INPUT={prep}", f"MODEL={d / 'model2.json'}",
              "ID_FIELD=OA_CODE", f"OUTPUT={d / 'applied2.gpkg'}")["OUTPUT"]
    assert Path(two).exists() and "sublevel" in json.loads((d / "model2.json").read_text())
    areas = run("segmentation:applymodel", f"INPUT={prep}", f"MODEL={d / 'model.json'}",
                "ID_FIELD=OA_CODE", f"OUTPUT={d / 'applied.gpkg'}")["OUTPUT"]
    join = run("segmentation:joinpostcodes", f"INPUT={town['services']}",
               "POSTCODE_FIELD=postcode", f"LOOKUP={town['postcodes']}", f"AREAS={areas}",
               "AREA_ID_FIELD=OA_CODE", "CLUSTER_FIELDS=cluster", f"OUTPUT={d / 'matched.csv'}",
               f"OUTPUT_UNMATCHED={d / 'unmatched.csv'}")
    prof = run("segmentation:profile", f"INPUT={join['OUTPUT']}", "CLUSTER_FIELD=cluster",
               f"AREAS={areas}", "AREA_ID_FIELD=OA_CODE", f"BASE_FIELD={HOUSEHOLDS}",
               f"OUTPUT={d / 'profile.csv'}", f"OUTPUT_HTML={d / 'profile.html'}")["OUTPUT"]
    run("segmentation:composition", f"INPUT={areas}", "CLUSTER_FIELD=cluster",
        f"GROUPS={town['areas']}", "GROUP_NAME_FIELD=WARD_NAME", f"WEIGHT_FIELD={HOUSEHOLDS}",
        f"OUTPUT={d / 'comp.csv'}")
    run("segmentation:targeting", f"INPUT={areas}", "CLUSTER_FIELD=cluster",
        f"HOUSEHOLDS_FIELD={HOUSEHOLDS}", f"PROFILE={prof}", "MIN_INDEX=100",
        f"OUTPUT={d / 'target.gpkg'}")
    run("segmentation:areaprofile", f"INPUT={areas}", f"REFERENCE={town['areas']}",
        "FIELDS=v01", "FIELDS=v02", "REFERENCE_METHOD=1", f"OUTPUT={d / 'ap.csv'}")
    run("segmentation:areaprofiles", f"INPUT={town['areas']}", "FIELDS=v01", "FIELDS=v02",
        "GROUP_FIELD=WARD_NAME", "WEIGHT_FIELD=Total_Households", f"OUTPUT={d / 'aps.csv'}",
        f"OUTPUT_HTML={d / 'aps.html'}")
    run("segmentation:aggregate", f"INPUT={join['OUTPUT']}", "RECORD_AREA_FIELD=oa21",
        f"AREAS={areas}", "AREA_ID_FIELD=OA_CODE", f"OUTPUT={d / 'agg.gpkg'}")
    pp = run("segmentation:penportraits", f"INPUT={km['OUTPUT']}", "CLUSTER_FIELD=cluster",
             f"LABELS={d / 'labels.csv'}", f"OUTPUT_HTML={d / 'pp.html'}")
    assert "Cluster 1" in Path(pp["OUTPUT_HTML"]).read_text()
    copied = run("segmentation:copymodel", f"FOLDER={d / 'models'}")
    assert Path(copied["MODEL_FILE"]).exists()
    model = run("segmentation:wholemethod", f"census={town['areas']}",
                f"lookup={town['lookup']}", "id_field=OA_CODE", "k=4", "sub_k=2", "runs=3",
                "seed=1", f"records={town['services']}", "postcode_field=postcode",
                f"postcode_lookup={town['postcodes']}",
                f"subcluster:Classified areas={d / 'm_areas.gpkg'}",
                f"subcluster:Cluster labels={d / 'm_labels.csv'}",
                f"join:Matched records={d / 'm_matched.csv'}",
                f"profile:Profile={d / 'm_profile.csv'}")
    assert Path(model["subcluster:Cluster labels"]).exists()
    elapsed = time.monotonic() - started
    print(f"{len(ran)} algorithms, {elapsed:.0f} s")  # measured: see the CHANGELOG
    assert ran == _listed(installed), "run every listed algorithm here (and only those)"
