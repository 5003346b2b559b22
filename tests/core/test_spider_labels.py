"""Labels table, spider profiles and pen-portrait logic (pure Python, no QGIS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from customer_segmentation.core import labels, pen_portraits, spider
from customer_segmentation.core.colours import cluster_colours


def test_labels_table_levels_parents_and_shades():
    t = labels.labels_table({"cluster": ["2", "1", "1", "10"],
                             "subcluster": ["1a", "1b", "2a", "1c"]})
    assert list(t.columns) == labels.COLUMNS
    assert list(t["code"]) == ["1", "2", "10", "1a", "1b", "1c", "2a"]
    assert list(t["level"]) == [1, 1, 1, 2, 2, 2, 2]
    assert list(t["parent"]) == ["", "", "", "1", "1", "1", "2"]
    assert list(t["name"][:4]) == ["Cluster 1", "Cluster 2", "Cluster 10", "Group 1a"]
    col = dict(zip(t["code"], t["colour"]))
    assert col["1"] == cluster_colours(["1", "2", "10"])["1"]
    assert len({col["1a"], col["1b"], col["1c"]}) == 3
    assert col["2a"] == col["2"]  # an only child keeps its parent's colour
    # shades keep the parent's hue
    import colorsys

    def hue(h):
        return colorsys.rgb_to_hls(*(int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0]
    assert hue(col["1b"]) == pytest.approx(hue(col["1"]), abs=0.02)


def test_labels_table_explicit_parents_names_and_normalise():
    t = labels.labels_table([[1.0, 2.0], ["x", "y"]], parent_of={"x": "1", "y": "1"},
                            names={"1": "Rural Residents"})
    assert list(t["code"]) == ["1", "2", "x", "y"] and t["name"][0] == "Rural Residents"
    assert list(t["parent"]) == ["", "", "1", "1"]
    back = labels.normalise(pd.DataFrame({"CODE": [1.0, "2"], "name": ["A", None],
                                          "colour": ["#112233", "red"]}))
    assert labels.names_of(back) == {"1": "A", "2": "Cluster 2"}
    assert labels.colours_of(back)["1"] == "#112233" and back["colour"][1].startswith("#")
    assert labels.parent_code("1a2") == "1a" and labels.parent_code("12") is None


def test_parse_published_names_any_line_ends():
    text = "Supergroup\r1 - Rural Residents\r2 - Cosmopolitans\rGroup\r1a - Farming Communities"
    assert labels.parse_names_list(text) == {"1": "Rural Residents", "2": "Cosmopolitans",
                                             "1a": "Farming Communities"}


def test_profile_table_index_and_zscore():
    X = np.array([[1.0, 10], [3.0, 10], [2.0, 40]])
    t = spider.profile_table(X, {"a": np.array([True, True, False]), "b": [2],
                                 "none": np.array([False] * 3)}, ["p", "q"])
    assert list(t.index) == ["a", "b"]
    assert t.loc["a", "p"] == pytest.approx(100.0) and t.loc["b", "q"] == pytest.approx(200.0)
    z = spider.profile_table(X, {"b": [2]}, ["p", "q"], mode="zscore")
    assert z.loc["b", "q"] == pytest.approx((40 - 20) / np.std([10, 10, 40]))
    with pytest.raises(ValueError):
        spider.profile_table(X, {}, ["p", "q"], mode="nope")


def test_order_by_domain_and_radar_export(tmp_path):
    fields, doms = spider.order_by_domain(["a", "b", "c", "d"],
                                          {"a": "X", "b": "Y", "c": "X", "d": "Y"})
    assert fields == ["a", "c", "b", "d"] and doms == ["X", "X", "Y", "Y"]
    table = pd.DataFrame([[150, 80, 100, 300], [90, 120, 60, 100]], index=["one", "two"],
                         columns=list("abcd"))
    fig = spider.radar_figure(table, "index", {"one": "#ff0000"}, {"a": "X", "b": "Y"},
                              {"a": "Alpha"}, title="t")
    png = spider.export_figure(fig, tmp_path / "r.png")
    svg = spider.export_figure(fig, tmp_path / "r.svg")
    assert png.read_bytes()[:4] == b"\x89PNG" and b"<svg" in svg.read_bytes()[:400]
    assert "Alpha" in svg.read_text()


def test_draft_description_and_portraits(tmp_path):
    values = pd.DataFrame({"rent": [50, 40, 10, 0], "own": [10, 20, 60, 70],
                           "kids": [20, 20, 20, 20]})
    idx = pen_portraits.cluster_index(values, ["1", "1", "2", "2"])
    assert idx.loc["1", "rent"] == pytest.approx(100 * 45 / 25)
    text = pen_portraits.draft_description(idx.loc["1"], {"rent": "Social rented"})
    assert text == ("Compared with the area average, these neighbourhoods have many more "
                    "social rented, and fewer own.")
    assert "close to the area average" in pen_portraits.draft_description(idx.loc["1"][["kids"]])
    ps = pen_portraits.build_portraits(values, [1, 1, 2, 2], population=[100, 200, 300, 400],
                                       names={"2": "Owners"})
    assert [p.name for p in ps] == ["Cluster 1", "Owners"]
    assert ps[0].population == 300 and ps[0].areas == 2 and ps[0].share == 0.5
    assert list(ps[1].over["variable"]) == ["own"] and list(ps[1].under["variable"]) == ["rent"]
    square = [np.array([[0, 0], [1, 0], [1, 1], [0, 1]]) + [i, 0] for i in range(4)]
    polys = [[s] for s in square]
    html = pen_portraits.write_html(ps, tmp_path / "p.html", polys, ["1", "1", "2", "2"])
    text = html.read_text()
    assert text.count('class="portrait"') == 2 and "contenteditable" in text and "Owners" in text
    pdf = pen_portraits.write_pdf(ps, tmp_path / "p.pdf", polys, ["1", "1", "2", "2"])
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.read_bytes().count(b"/Type /Page\n") in (0, 2)


def test_draft_portraits_from_standardised():
    X = np.array([[0.0, 1], [0.1, 0.9], [1, 0], [0.9, 0.1]])
    d = labels.draft_portraits(X, ["1", "1", "2", "2"], ["a", "b"], {"a": "Apples"})
    assert d["1"].startswith("Compared with the area average") and "fewer apples" in d["1"]
