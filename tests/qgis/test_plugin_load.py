"""The plugin loads in QGIS, registers its provider, and survives a missing package."""

from __future__ import annotations

import importlib.util

from conftest import register_provider
from qgis.core import QgsApplication


def test_plugin_registers_and_unloads_provider(qgis_iface, qgis_processing):
    import customer_segmentation

    plugin = customer_segmentation.classFactory(qgis_iface)
    registry = QgsApplication.processingRegistry()
    if registry.providerById("segmentation") is not None:  # another test's: take it out
        registry.removeProvider(registry.providerById("segmentation"))
    try:
        plugin.initGui()
        prov = registry.providerById("segmentation")
        assert prov is not None and prov.name() == "Customer Segmentation"
        assert registry.algorithmById("segmentation:kmeans") is not None
        plugin.unload()
        assert registry.providerById("segmentation") is None
    finally:
        register_provider()


def test_missing_scikit_learn_gives_one_clear_message(qgis_iface, monkeypatch):
    import customer_segmentation
    from customer_segmentation.core import dependencies

    real = importlib.util.find_spec

    def no_sklearn(name, *args, **kwargs):
        return None if name == "sklearn" else real(name, *args, **kwargs)

    monkeypatch.setattr(dependencies.importlib.util, "find_spec", no_sklearn)
    messages = []
    bar = qgis_iface.messageBar()
    monkeypatch.setattr(bar, "pushMessage", lambda *a, **k: messages.append(a))
    plugin = customer_segmentation.classFactory(qgis_iface)
    registry = QgsApplication.processingRegistry()
    if registry.providerById("segmentation") is not None:
        registry.removeProvider(registry.providerById("segmentation"))
    plugin.initGui()  # no exception
    assert len(messages) == 1
    text = messages[0][1]
    assert "scikit-learn" in text and "pip install scikit-learn" in text
    prov = registry.providerById("segmentation")
    assert prov is not None and prov.algorithms() == []
    plugin.unload()


def test_start_up_imports_no_heavy_package():
    """QGIS start-up must stay fast: numpy, pandas, scikit-learn, scipy and matplotlib are
    imported only when an algorithm runs or a dock opens (timing: bench/bench_startup.py)."""
    import importlib.util as iu

    from conftest import ROOT

    spec = iu.spec_from_file_location("bench_startup", ROOT / "bench" / "bench_startup.py")
    bench = iu.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.measure()["heavy"] == []
    probe = bench.measure_with_docks()
    assert probe["heavy"] == [] and probe["docks"] == 0
