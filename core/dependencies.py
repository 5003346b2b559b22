"""Optional Python packages the statistics need, and how to get them into QGIS's Python."""

from __future__ import annotations

import importlib.util

# import name -> pip name
REQUIRED = {"numpy": "numpy", "pandas": "pandas", "scipy": "scipy", "sklearn": "scikit-learn",
            "matplotlib": "matplotlib"}


def missing_packages() -> list[str]:
    """pip names of the required packages that cannot be imported."""
    out = []
    for module, pip_name in REQUIRED.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(pip_name)
    return out


def install_hint(packages: list[str]) -> str:
    """One message naming the packages and how to install them for QGIS."""
    names = " ".join(packages)
    return (
        f"Customer Segmentation needs the Python package(s) {', '.join(packages)}, which QGIS's "
        f"Python cannot find. Install them, then restart QGIS. Windows (OSGeo4W Shell, as "
        f"administrator): python -m pip install {names}. Debian/Ubuntu: "
        f"sudo apt install python3-sklearn python3-pandas python3-scipy python3-matplotlib. "
        f"macOS: /Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {names}."
    )
