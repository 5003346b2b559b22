"""Data protection: no network, and nothing written outside the outputs the officer chose."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from conftest import ROOT, NetworkAttempt, register_provider


def test_the_network_guard_itself_works(qgis_app):
    from conftest import NETWORK_ATTEMPTS, _watch_qgis_network
    from qgis.core import QgsNetworkAccessManager
    from qgis.PyQt.QtCore import QUrl
    from qgis.PyQt.QtNetwork import QNetworkRequest

    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    assert NETWORK_ATTEMPTS.pop() == "('127.0.0.1', 9)"
    _watch_qgis_network()
    reply = QgsNetworkAccessManager.instance().get(QNetworkRequest(QUrl("http://127.0.0.1:9/x")))
    reply.abort()
    assert NETWORK_ATTEMPTS.pop() == "http://127.0.0.1:9/x"


def _tree(root: Path) -> set[str]:
    skip = {".git", "build", "__pycache__", ".pytest_cache", ".ruff_cache", ".venv",
            "demo-output"}
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in skip]
        out |= {os.path.relpath(os.path.join(dirpath, f), root) for f in filenames}
    return out


def test_whole_method_writes_only_the_chosen_outputs(qgis_app, qgis_processing, sample_town,
                                                     tmp_path):
    import processing

    register_provider()
    plugin_before = _tree(ROOT)
    home = Path.home()
    home_before = {p.name for p in home.iterdir()} if home.exists() else set()
    outputs = tmp_path / "chosen"
    outputs.mkdir()
    processing.run("segmentation:wholemethod", {
        "census": sample_town["areas"], "lookup": sample_town["lookup"], "id_field": "OA_CODE",
        "k": 5, "sub_k": "2", "runs": 5, "seed": 1, "records": sample_town["services"],
        "postcode_field": "postcode", "postcode_lookup": sample_town["postcodes"],
        "subcluster:Classified areas": str(outputs / "areas.gpkg"),
        "join:Matched records": str(outputs / "matched.csv"),
        "join:Unmatched records": str(outputs / "unmatched.csv"),
        "profile:Profile": str(outputs / "profile.csv"),
        "profile:Profile report": str(outputs / "profile.html")})
    written = {p.name for p in outputs.iterdir()}
    # The chosen files, plus the cluster style QGIS loads with the areas (documented).
    assert written - {"areas.gpkg-wal", "areas.gpkg-shm"} == {
        "areas.gpkg", "areas.qml", "matched.csv", "unmatched.csv", "profile.csv", "profile.html"}
    assert _tree(ROOT) == plugin_before, "the plugin wrote into its own folder"
    if home.exists():
        assert {p.name for p in home.iterdir()} == home_before
