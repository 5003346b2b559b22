"""Screenshot of QGIS desktop with the plugin's docks, under Xvfb.

    python3 scripts/screenshot.py [docs/screenshot_docks.png]

starts `qgis` under `xvfb-run` with a throw-away profile in which the plugin is enabled
(QGIS_PLUGINPATH=build/plugins), and runs this same file inside QGIS (`--code`, with
CS_SCREENSHOT_INSIDE=1): it classifies the sample town (prepare variables → standardise →
k-means with a labels table), opens the two docks, selects some areas, waits, grabs the main
window to the PNG and quits.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(os.environ.get("CS_ROOT", "")) if os.environ.get("CS_ROOT") else \
    Path(__file__).resolve().parents[1] if "__file__" in globals() else Path.cwd()


def main(argv: list[str]) -> int:
    """Launch QGIS under Xvfb and wait for the screenshot (exit code 0 when written)."""
    out = Path(argv[0] if argv else ROOT / "docs" / "screenshot_docks.png").resolve()
    if not shutil.which("xvfb-run") or not shutil.which("qgis"):
        print("xvfb-run and qgis are needed", file=sys.stderr)
        return 2
    plugins = ROOT / "build" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    if not (plugins / "customer_segmentation").exists():
        (plugins / "customer_segmentation").symlink_to(ROOT, target_is_directory=True)
    with tempfile.TemporaryDirectory(prefix="cs_shot_") as tmp:
        tmp = os.environ.get("CS_DEBUG_DIR") or tmp  # keep the profile and log to debug
        ini = Path(tmp) / "profiles" / "default" / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True, exist_ok=True)
        ini.write_text("[PythonPlugins]\ncustomer_segmentation=true\nprocessing=true\n\n"
                       "[qgis]\ncheckVersion=false\nshowTips=false\n"
                       "allowVersionCheck=false\n\n[UI]\nhidebrowser=true\n")
        if out.exists():
            out.unlink()
        env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), CS_SCREENSHOT_INSIDE="1",
                   CS_SCREENSHOT_OUT=str(out), CS_ROOT=str(ROOT), CS_WORK=tmp)
        env.pop("QT_QPA_PLATFORM", None)
        # QGIS's embedded Python finds its home from `python3` on PATH: keep the system one
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if ".pyenv" not in p and "/venv" not in p)
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--nologo",
               "--noversioncheck", "--profiles-path", tmp, "--code",
               str(Path(__file__).resolve())]
        try:
            with open(Path(tmp) / "qgis.log", "w") as qlog:
                subprocess.run(cmd, env=env, timeout=int(os.environ.get("CS_TIMEOUT", "240")),
                               stdout=qlog, stderr=subprocess.STDOUT)
        except subprocess.TimeoutExpired:
            print("QGIS did not finish in time", file=sys.stderr)
    ok = out.exists() and out.stat().st_size > 0
    print(out if ok else "no screenshot written")
    return 0 if ok else 1


def inside_qgis() -> None:
    """Run inside QGIS desktop: classify, open the docks, select, grab, quit."""
    from qgis.core import QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import Qt, QTimer
    from qgis.PyQt.QtWidgets import QApplication, QDockWidget
    from qgis.utils import iface, plugins

    import processing

    out = os.environ["CS_SCREENSHOT_OUT"]
    work = Path(os.environ["CS_WORK"])
    sample = Path(os.environ["CS_ROOT"]) / "sample_data"
    log = open(work / "screenshot.log", "w")  # noqa: SIM115

    def quit_qgis():
        QgsProject.instance().setDirty(False)
        QApplication.instance().exit(0)

    def grab():
        try:
            QApplication.processEvents()
            iface.mainWindow().grab().scaled(1280, 800, 1, 1).save(out)
        finally:
            quit_qgis()

    def setup():
        try:
            plugin = plugins["customer_segmentation"]
            areas = str(sample / "sample_town_oa.geojson")
            prep = processing.run("segmentation:preparevariables", {
                "INPUT": areas, "LOOKUP": str(sample / "sample_town_lookup.csv"),
                "ID_FIELD": "OA_CODE", "KEEP_TOTALS": True,
                "OUTPUT": str(work / "prep.gpkg")})["OUTPUT"]
            variables = [f"v{i:02d}" for i in range(1, 23)]
            std = processing.run("segmentation:standardise", {
                "INPUT": prep, "ID_FIELD": "OA_CODE", "FIELDS": variables, "TRANSFORM": 2,
                "SCALE": 0, "OUTPUT": str(work / "std.gpkg")})["OUTPUT"]
            km = processing.run("segmentation:kmeans", {
                "INPUT": std, "ID_FIELD": "OA_CODE", "FIELDS": variables, "K": 6, "RUNS": 20,
                "SEED": 5, "OUTPUT": str(work / "km.gpkg"),
                "OUTPUT_LABELS": str(work / "labels.gpkg")})
            joined = processing.run("native:joinattributestable", {
                "INPUT": prep, "FIELD": "OA_CODE", "INPUT_2": km["OUTPUT"],
                "FIELD_2": "OA_CODE", "FIELDS_TO_COPY": ["cluster"], "METHOD": 1,
                "OUTPUT": str(work / "town.gpkg")})["OUTPUT"]
            from customer_segmentation.ui import labels as ui_labels

            layer = QgsVectorLayer(joined, "Sample town clusters", "ogr")
            labels = QgsVectorLayer(km["OUTPUT_LABELS"], "Cluster labels", "ogr")
            QgsProject.instance().addMapLayers([labels, layer])
            names = {"1": "Suburban owners", "2": "Young renters", "3": "Family terraces",
                     "4": "Older settled", "5": "Student quarter", "6": "Social housing estates"}
            labels.startEditing()
            for f in labels.getFeatures():
                if f["code"] in names:
                    labels.changeAttributeValue(f.id(), labels.fields().indexOf("name"),
                                                names[f["code"]])
            labels.commitChanges()
            ui_labels.link(layer, labels, "cluster", variables)
            iface.setActiveLayer(layer)
            iface.mapCanvas().setExtent(layer.extent())
            for name in ("summary", "spider"):
                plugin.show_dock(name)
            plugin.docks["spider"].lookup_widget.setFilePath(
                str(sample / "sample_town_lookup.csv"))
            ids = [f.id() for f in layer.getFeatures() if f["cluster"] in ("2", "5")][:40]
            layer.selectByIds(ids)
            for name in ("Browser", "Browser2"):
                panel = iface.mainWindow().findChild(QDockWidget, name)
                if panel is not None:
                    panel.hide()
            iface.mainWindow().showMaximized()

            def refresh():
                iface.messageBar().clearWidgets()
                iface.mainWindow().resizeDocks(list(plugin.docks.values()), [330, 600],
                                               Qt.Orientation.Vertical)
                iface.mapCanvas().setExtent(layer.extent())
                layer.selectByIds(ids)
                iface.mapCanvas().refresh()
            QTimer.singleShot(1500, refresh)
            QTimer.singleShot(5000, grab)
        except Exception as e:  # noqa: BLE001 — log, and never leave QGIS running
            import traceback

            log.write(f"{e!r}\n{traceback.format_exc()}")
            log.flush()
            quit_qgis()

    QTimer.singleShot(2000, setup)
    QTimer.singleShot(200_000, quit_qgis)  # never hang


if os.environ.get("CS_SCREENSHOT_INSIDE") == "1":
    inside_qgis()
elif __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
