"""`make package` builds a zip that installs and loads in a clean QGIS profile."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from conftest import ROOT
from support import qgis_process as qp


@pytest.fixture(scope="module")
def package():
    out = subprocess.run(["bash", "scripts/package.sh"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    return ROOT / "customer_segmentation.zip"


def test_zip_holds_only_the_plugin(package):
    names = zipfile.ZipFile(package).namelist()
    assert all(n.startswith("customer_segmentation/") for n in names)
    for must in ("metadata.txt", "__init__.py", "plugin.py", "LICENSE", "core/kmeans.py",
                 "processing/provider.py", "models/customer_segmentation_method.model3"):
        assert f"customer_segmentation/{must}" in names, must
    for banned in ("tests/", "__pycache__", ".pyc", ".ci/", "build/", ".venv", "bench/"):
        assert not any(banned in n for n in names), banned
    metadata = zipfile.ZipFile(package).read("customer_segmentation/metadata.txt").decode()
    for key in ("name=Customer Segmentation", "qgisMinimumVersion=3.22",
                "hasProcessingProvider=yes", "supportsQt6=True", "changelog=", "tracker=",
                "repository="):
        assert key in metadata, key


def test_zip_installs_and_runs_in_a_clean_profile(package, tmp_path, sample_town):
    home = tmp_path / "home"
    env = qp.environment(home)
    env.pop("QGIS_PLUGINPATH")  # only the installed copy may be found
    plugins = home / ".local" / "share" / "QGIS" / "QGIS3" / "profiles" / "default" / "python" \
        / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(package).extractall(plugins)
    exe = qp.qgis_process_binary()
    enable = subprocess.run([exe, "plugins", "enable", "customer_segmentation"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert "customer_segmentation" in enable.stdout, enable.stdout + enable.stderr
    listing = subprocess.run([exe, "list"], env=env, capture_output=True, text=True, timeout=120)
    assert "segmentation:kmeans" in listing.stdout, listing.stderr[-3000:]
    assert "segmentation:wholemethod" in listing.stdout
    run = subprocess.run([exe, "run", "segmentation:preparevariables", "--",
                          f"INPUT={sample_town['areas']}", f"LOOKUP={sample_town['lookup']}",
                          "ID_FIELD=OA_CODE", f"OUTPUT={tmp_path / 'p.gpkg'}"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert str(plugins / "customer_segmentation") in run.stdout + run.stderr or (
        tmp_path / "p.gpkg").exists()
