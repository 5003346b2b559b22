"""Shared fixtures: the plugin importable as `customer_segmentation`, its provider registered,
the sample town and the real data folder (skipped clearly when absent)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_PARENT = ROOT / "build" / "plugins"
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "sample_data"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _link_plugin() -> None:
    """QGIS loads the plugin by its folder name: expose the repo as `customer_segmentation`."""
    PLUGIN_PARENT.mkdir(parents=True, exist_ok=True)
    link = PLUGIN_PARENT / "customer_segmentation"
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)


_link_plugin()
# The repo root is the plugin itself: on sys.path (as `python -m pytest` puts the working
# folder) its `processing/` would hide QGIS's own `processing` package.
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != ROOT]
if str(PLUGIN_PARENT) not in sys.path:
    sys.path.insert(0, str(PLUGIN_PARENT))


def _unshadow_qgis_processing() -> None:
    """pytest imports the repo's own `__init__.py` as a package; when the checkout's folder name
    is not a Python name (a worktree such as `wt-method`) it puts the checkout itself first on
    sys.path, where `processing/` hides QGIS's. Undo that before each test."""
    if any(p not in ("", ".") and Path(p).resolve() == ROOT for p in sys.path):
        sys.path[:] = [p for p in sys.path if p in ("", ".") or Path(p).resolve() != ROOT]
    mod = sys.modules.get("processing")
    if mod is not None and Path(getattr(mod, "__file__", "") or "/").resolve().parent == \
            ROOT / "processing":
        for name in [n for n in sys.modules if n == "processing" or n.startswith("processing.")]:
            del sys.modules[name]


@pytest.fixture(autouse=True, scope="session")
def _qgis_processing_not_shadowed():
    _unshadow_qgis_processing()
    yield


@pytest.fixture(autouse=True, scope="session")
def _real_layer_tree_view(qgis_app):
    """`iface.layerTreeView()` is a real view over the project's layer tree, as in QGIS
    desktop: from QGIS 3.44 Processing's runAndLoadResults adds loaded results through it, and
    pytest-qgis's interface would hand it a MagicMock."""
    from qgis import utils
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView
    from qgis.PyQt import sip

    iface = utils.iface
    if iface is None:
        yield None
        return
    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    iface.layerTreeView = lambda: view
    yield view
    del iface.layerTreeView
    sip.delete(view)  # now, while QGIS is up: a widget collected after exitQgis would crash


class NetworkAttempt(AssertionError):
    """Something tried to open a network connection (the plugin must never do so)."""


NETWORK_ATTEMPTS: list[str] = []


def _guard_sockets() -> None:
    """Make every TCP/UDP connection attempt in this process fail loudly and be recorded."""
    import socket

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(sock, address, real):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            NETWORK_ATTEMPTS.append(repr(address))
            raise NetworkAttempt(f"network connection attempted to {address!r}")
        return real(sock, address)

    socket.socket.connect = lambda sock, address: refuse(sock, address, real_connect)
    socket.socket.connect_ex = lambda sock, address: refuse(sock, address, real_connect_ex)


_guard_sockets()


_QT_WATCHED: list = []


def _watch_qgis_network() -> None:
    """Record every request made through QGIS's network manager (once a QGIS app exists)."""
    if _QT_WATCHED:
        return
    try:
        from qgis.core import QgsApplication, QgsNetworkAccessManager
    except ImportError:
        return
    if QgsApplication.instance() is None:
        return
    def slot(*args):  # an exception in a Qt slot would abort the process: record, never raise
        try:
            req = args[0].request() if hasattr(args[0], "request") else args[1]
            NETWORK_ATTEMPTS.append(req.url().toString())
        except Exception as e:  # noqa: BLE001
            NETWORK_ATTEMPTS.append(f"unreadable request {args!r}: {e!r}")

    QgsNetworkAccessManager.instance().requestAboutToBeCreated.connect(slot)
    _QT_WATCHED.append(slot)


@pytest.fixture(autouse=True)
def no_network():
    """Fail any test during which Python or QGIS tried to reach the network."""
    _watch_qgis_network()
    before = len(NETWORK_ATTEMPTS)
    yield
    attempts = NETWORK_ATTEMPTS[before:]
    assert not attempts, f"network access attempted: {attempts}"


def shared(*parts: str) -> Path:
    """A path in ../shared/data, or skip the test saying what is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not present: {path} (CI has ../shared beside the clone)")
    return path


_KEEP: list = []  # Python must hold the providers it registers


def register_provider():
    """Register the `segmentation` provider unless it is there; return the registered one."""
    from qgis.core import QgsApplication

    from customer_segmentation.processing.provider import SegmentationProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("segmentation") is None:
        prov = SegmentationProvider()
        _KEEP.append(prov)
        assert registry.addProvider(prov)
    return registry.providerById("segmentation")


@pytest.fixture
def provider(qgis_app, qgis_processing):
    """The `segmentation` provider, registered (qgis_processing does not do it)."""
    return register_provider()


@pytest.fixture(scope="session")
def sample_town() -> dict[str, str]:
    """Paths of the bundled sample town."""
    return {
        "areas": str(SAMPLE / "sample_town_oa.geojson"),
        "lookup": str(SAMPLE / "sample_town_lookup.csv"),
        "postcodes": str(SAMPLE / "sample_town_postcodes.csv"),
        "services": str(SAMPLE / "sample_town_services.csv"),
    }


def run(alg: str, params: dict, load: bool = False) -> dict:
    """Run a Processing algorithm (`segmentation:` is implied when `alg` has no provider);
    with `load`, as the toolbox dialog does: outputs loaded into the project."""
    import processing

    alg = alg if ":" in alg else f"segmentation:{alg}"
    return (processing.runAndLoadResults if load else processing.run)(alg, params)


def classify_town(town: dict[str, str], folder: Path, runs: int, **kmeans: str) -> dict:
    """The sample town prepared (with totals), log-standardised and classified by k-means
    (k=5, seed 3, ``runs`` runs; ``kmeans`` adds parameters) in ``folder``: the k-means
    results."""
    prep = run("preparevariables", {
        "INPUT": town["areas"], "LOOKUP": town["lookup"], "ID_FIELD": "OA_CODE",
        "KEEP_TOTALS": True, "OUTPUT": str(folder / "prep.gpkg")})["OUTPUT"]
    std = run("standardise", {"INPUT": prep, "ID_FIELD": "OA_CODE", "TRANSFORM": 2, "SCALE": 0,
                              "OUTPUT": str(folder / "std.gpkg")})["OUTPUT"]
    return run("kmeans", {"INPUT": std, "ID_FIELD": "OA_CODE", "K": 5, "RUNS": runs, "SEED": 3,
                          "OUTPUT": str(folder / "km.gpkg"), **kmeans})
