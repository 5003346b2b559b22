"""Run by bench_startup.py in a fresh pytest process (pytest-qgis provides a QGIS interface):
times import + classFactory + initGui with the docks, and prints the result as JSON."""

import json
import sys
import time


def test_startup_with_docks(qgis_iface):
    before = set(sys.modules)
    t0 = time.perf_counter()
    import customer_segmentation

    plugin = customer_segmentation.classFactory(qgis_iface)
    plugin.initGui()
    seconds = time.perf_counter() - t0
    heavy = sorted(m for m in ("numpy", "pandas", "sklearn", "scipy", "matplotlib")
                   if m in sys.modules and m not in before)
    print("STARTUP " + json.dumps({"seconds": seconds, "heavy": heavy, "docks": len(plugin.docks)}))
    plugin.unload()
