"""Welsh strings appear when QGIS runs in Welsh."""

from __future__ import annotations

import subprocess

from conftest import ROOT
from qgis.core import QgsApplication, QgsSettings


def test_algorithm_names_in_welsh(qgis_iface, qgis_processing):
    import customer_segmentation

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "cy")
    registry = QgsApplication.processingRegistry()
    if registry.providerById("segmentation") is not None:
        registry.removeProvider(registry.providerById("segmentation"))
    plugin = customer_segmentation.classFactory(qgis_iface)
    try:
        assert plugin.translator is not None
        plugin.initGui()
        assert registry.providerById("segmentation").name() == "Segmentu Cwsmeriaid"
        kmeans = registry.algorithmById("segmentation:kmeans")
        assert kmeans.displayName() == "Dosbarthiad k-cymedr"
        assert kmeans.group() == "Adeiladu dosbarthiad"
        assert kmeans.parameterDefinition("K").description() == "Nifer y clystyrau (K)"
    finally:
        plugin.unload()
        settings.setValue("locale/overrideFlag", False)
        settings.remove("locale/userLocale")
    plugin = customer_segmentation.classFactory(qgis_iface)
    plugin.initGui()
    assert registry.algorithmById("segmentation:kmeans").displayName() == "K-means classification"
    plugin.unload()


def test_translation_sources_are_current(tmp_path):
    """Every user-facing string of the code is in the .ts files (run `make translations`)."""
    out = tmp_path / "strings.py"
    subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "extract_strings.py"), str(out)],
                   check=True, capture_output=True)
    ts = (ROOT / "i18n" / "customer_segmentation_cy.ts").read_text(encoding="utf-8")
    import ast
    import html

    missing = []
    for node in ast.walk(ast.parse(out.read_text())):
        if isinstance(node, ast.Call) and len(node.args) == 2:
            text = node.args[1].value
            if f"<source>{html.escape(text, quote=False)}</source>" not in ts.replace(
                    "&apos;", "'").replace("&quot;", '"'):
                missing.append(text[:60])
    assert not missing, f"{len(missing)} string(s) missing from i18n/*.ts: {missing[:5]}"


def _welsh_messages():
    import importlib.util
    import xml.etree.ElementTree as ET

    spec = importlib.util.spec_from_file_location("extract_strings",
                                                  ROOT / "scripts" / "extract_strings.py")
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    kinds = extract.all_strings()
    tree = ET.parse(ROOT / "i18n" / "customer_segmentation_cy.ts")
    return kinds, [(m.findtext("source"), m.find("translation")) for m in tree.iter("message")]


def test_welsh_is_complete_for_every_message_and_label():
    """Every message and parameter label has a finished Welsh translation (help texts may stay
    English, as the README says)."""
    kinds, messages = _welsh_messages()
    assert sum(kind == "message" for kind in kinds.values()) > 150
    unfinished = [src for src, tr in messages if kinds.get(src) == "message" and (
        tr.get("type") == "unfinished" or not (tr.text or "").strip())]
    assert not unfinished, f"{len(unfinished)} untranslated: {unfinished[:5]}"


def test_welsh_keeps_every_placeholder():
    """A translation that loses or renames a {placeholder} would break .format() at run time."""
    import re

    placeholder = re.compile(r"\{[^{}]*\}")
    _, messages = _welsh_messages()
    wrong = [src for src, tr in messages if tr.text and tr.get("type") != "unfinished"
             and sorted(placeholder.findall(src)) != sorted(placeholder.findall(tr.text))]
    assert not wrong, wrong[:5]
