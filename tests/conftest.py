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
