"""Make ``import customer_segmentation`` work from a clone under any folder name."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def add_plugin_to_path() -> None:
    """Put the plugin's parent (or a ``build/plugins`` link to it) first on ``sys.path``."""
    if ROOT.name == "customer_segmentation":
        sys.path.insert(0, str(ROOT.parent))
        return
    plugins = ROOT / "build" / "plugins"
    link = plugins / "customer_segmentation"
    if not link.exists():
        plugins.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT)
    sys.path.insert(0, str(plugins))
