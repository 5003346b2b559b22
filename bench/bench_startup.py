"""How much the plugin adds to QGIS start-up: import, classFactory, initGui (provider + docks).

Runs each case in a fresh interpreter (imports are cached within one) with a QGIS application
and a stand-in iface, REPEAT times, and prints the median:
    case=startup seconds=<s> heavy_modules=<imported numpy/pandas/sklearn/scipy/matplotlib>
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEAT = 5
CHILD = r"""
import json, sys, time
sys.path.insert(0, %(plugins)r)
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
sys.path.insert(0, "/usr/share/qgis/python/plugins")
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtWidgets import QMainWindow
try:
    from pytest_qgis.qgis_interface import QgisInterface
    window = QMainWindow()
    iface = QgisInterface(QgsMapCanvas(window), None, window)
except Exception:
    iface = None
before = set(sys.modules)
t0 = time.perf_counter()
import customer_segmentation
plugin = customer_segmentation.classFactory(iface)
plugin.initGui()
seconds = time.perf_counter() - t0
heavy = sorted(m for m in ("numpy", "pandas", "sklearn", "scipy", "matplotlib")
               if m in sys.modules and m not in before)
print(json.dumps({"seconds": seconds, "heavy": heavy}))
"""


def measure() -> dict:
    """One start in a fresh interpreter."""
    plugins = ROOT / "build" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "customer_segmentation"
    if not link.exists():
        link.symlink_to(ROOT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD % {"plugins": str(plugins)}], env=env,
                         capture_output=True, text=True, timeout=120)
    line = [x for x in out.stdout.splitlines() if x.startswith("{")]
    if not line:
        raise SystemExit(out.stdout + out.stderr)
    return json.loads(line[-1])


def measure_with_docks() -> dict:
    """One start with a QGIS interface (pytest-qgis's), so that the two docks are built."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT / "build" / "plugins"))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                          "--rootdir", str(ROOT / "bench" / "probe"),
                          str(ROOT / "bench" / "probe" / "test_startup_probe.py")],
                         env=env, capture_output=True, text=True, timeout=300, cwd="/")
    line = [x for x in out.stdout.splitlines() if "STARTUP " in x]
    if not line:
        raise SystemExit(out.stdout + out.stderr)
    return json.loads(line[-1].split("STARTUP ", 1)[1])


def main() -> None:
    runs = [measure() for _ in range(REPEAT)]
    seconds = statistics.median(r["seconds"] for r in runs)
    print(f"case=startup seconds={seconds:.3f} runs={REPEAT} "
          f"heavy_modules={','.join(runs[0]['heavy']) or 'none'}")
    runs = [measure_with_docks() for _ in range(REPEAT)]
    seconds = statistics.median(r["seconds"] for r in runs)
    print(f"case=startup-with-docks seconds={seconds:.3f} runs={REPEAT} docks={runs[0]['docks']} "
          f"heavy_modules={','.join(runs[0]['heavy']) or 'none'}")


if __name__ == "__main__":
    main()
