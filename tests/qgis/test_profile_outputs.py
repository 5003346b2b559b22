"""segmentation:profile through headless QGIS (#13 items 1 and 5, #15 items 3-5): the Mosaic
layout with Total rows and the labels table's names and colours in CSV, XLSX and HTML, the
outcome rates, the multiple-testing columns and report, on the sample town and on the real
Lewisham data."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import classify_town, register_provider, run, shared
from qgis.core import QgsProcessingException
from support.frames import frame

from customer_segmentation.core.mosaic_table import MOSAIC_COLUMNS

LOAC_NAMES = {"A": "Intermediate Lifestyles", "B": "High Density and High Rise Flats",
              "C": "Settled Asians", "D": "Urban Elites", "E": "City Vibe",
              "F": "London Life-Cycle", "G": "Multi-Ethnic Suburbs", "H": "Ageing City Fringe"}




def truth(values) -> list[bool]:
    return [str(v).strip().lower() in ("1", "true") for v in values]


def num(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values)), errors="coerce").to_numpy(float)


@pytest.fixture(scope="module")
def town(qgis_app, qgis_processing, sample_town, tmp_path_factory):
    """The sample town classified (k = 5, with its labels table), households joined to the
    areas, and its services matched to the areas by postcode."""
    register_provider()
    d = tmp_path_factory.mktemp("profile_outputs")
    km = classify_town(sample_town, d, 10, OUTPUT_LABELS=str(d / "labels.csv"))
    areas = run("native:joinattributestable", {
        "INPUT": sample_town["areas"], "FIELD": "OA_CODE", "INPUT_2": km["OUTPUT"],
        "FIELD_2": "OA_CODE", "FIELDS_TO_COPY": ["cluster"], "METHOD": 1,
        "OUTPUT": str(d / "areas.gpkg")})["OUTPUT"]
    run("joinpostcodes", {
        "INPUT": sample_town["services"], "POSTCODE_FIELD": "postcode",
        "LOOKUP": sample_town["postcodes"], "AREAS": km["OUTPUT"], "AREA_ID_FIELD": "OA_CODE",
        "CLUSTER_FIELDS": ["cluster"], "OUTPUT": str(d / "matched.csv")})
    # the officer names cluster 1 and recolours it in the labels table K-means wrote
    labels = pd.read_csv(d / "labels.csv", dtype=str)
    assert "1" in set(labels["code"])
    labels.loc[labels["code"] == "1", ["name", "colour"]] = ["Town Centre Flats", "#123456"]
    labels.to_csv(d / "labels_named.csv", index=False)
    return {"dir": d, "areas": areas, "labels": str(d / "labels_named.csv"),
            "matched": pd.read_csv(d / "matched.csv", dtype=str),
            "households": _households(frame(areas))}


def _households(areas: pd.DataFrame) -> pd.Series:
    codes = areas["cluster"].map(lambda v: str(int(float(v))))
    return pd.to_numeric(areas["Total_Households"]).groupby(codes).sum()


def _profile(town, tmp_path, ext="csv", **extra) -> dict:
    params = {"INPUT": str(town["dir"] / "matched.csv"), "CLUSTER_FIELD": ["cluster"],
              "AREAS": town["areas"], "AREA_ID_FIELD": "OA_CODE",
              "BASE_FIELD": "Total_Households", "LABELS": town["labels"],
              "INDICATOR_FIELDS": ["channel"], "MIN_COUNT": 5,
              "OUTPUT": str(tmp_path / f"p.{ext}"), "OUTPUT_TABLE": str(tmp_path / f"m.{ext}"),
              "OUTPUT_HTML": str(tmp_path / "p.html")}
    params.update(extra)
    return run("profile", params)


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_sample_town_mosaic_table_with_total_names_and_colours(town, tmp_path, ext):
    res = _profile(town, tmp_path, ext)
    m = frame(res["OUTPUT_TABLE"])
    assert list(m.columns)[-len(MOSAIC_COLUMNS):] == MOSAIC_COLUMNS
    m = m[MOSAIC_COLUMNS]
    matched = town["matched"]
    channels = sorted(matched["channel"].dropna().unique())
    assert list(dict.fromkeys(m["indicator"])) == ["all"] + [f"channel={c}" for c in channels]
    households = town["households"]
    for indicator, block in m.groupby("indicator", sort=False):
        block = block.reset_index(drop=True)
        assert block["group"].tolist() == ["1", "2", "3", "4", "5", "Total"]
        rows = matched if indicator == "all" else \
            matched[matched["channel"] == indicator.split("=", 1)[1]]
        total = block.iloc[-1]
        assert float(total["count"]) == len(rows)
        assert float(total["base_count"]) == pytest.approx(households.sum())
        assert float(total["pct"]) == 100 and float(total["index"]) == 100
        assert float(total["penetration_pct"]) == pytest.approx(
            100 * len(rows) / households.sum())
        counts = rows["cluster"].value_counts()
        for r in block.iloc[:-1].itertuples():
            c = num([r.count])[0]
            if np.isfinite(c):  # shown cells are the true counts
                assert c == counts.get(r.group, 0)
                assert num([r.penetration_pct])[0] == pytest.approx(
                    100 * c / households[str(r.group)])
    assert m.loc[m["group"] == "1", "name"].unique().tolist() == ["Town Centre Flats"]
    p = frame(res["OUTPUT"])
    one = p[p["cluster"].astype(str) == "1"]
    assert set(one["name"]) == {"Town Centre Flats"} and set(one["colour"]) == {"#123456"}
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Town Centre Flats" in html and 'style="background:#123456"' in html
    assert html.count('<tr class="total">') == 1 + len(channels)
    assert re.search(rf"<td>Total</td>\s*<td></td>\s*<td>{len(matched):,}</td>", html)


def test_multiple_testing_columns_outputs_and_report(town, tmp_path):
    bh = _profile(town, tmp_path)
    p = frame(bh["OUTPUT"])
    pv, padj = num(p["p_value"]), num(p["p_adjusted"])
    tested = np.isfinite(pv)
    assert bh["CELLS_TESTED"] == tested.sum() > 0
    assert (padj[tested] >= pv[tested] - 1e-15).all() and np.isnan(padj[~tested]).all()
    assert bh["SIGNIFICANT_ADJUSTED"] == sum(truth(p["significant_adjusted"]))
    assert sum(truth(p["significant_adjusted"])) <= sum(truth(p["significant"]))
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert f"{bh['CELLS_TESTED']} cell(s) tested" in html
    assert "Benjamini-Hochberg" in html and "significant_adjusted" in html
    holm_dir, exact_dir = tmp_path / "holm", tmp_path / "exact"
    holm_dir.mkdir()
    exact_dir.mkdir()
    h = frame(_profile(town, holm_dir, ADJUST=1)["OUTPUT"])
    assert num(h["p_value"]) == pytest.approx(pv, nan_ok=True)
    assert (num(h["p_adjusted"])[tested] >= padj[tested] - 1e-12).all()  # Holm ≥ BH
    assert "Holm" in (holm_dir / "p.html").read_text(encoding="utf-8")
    _profile(town, exact_dir, INTERVAL=2)
    assert "Clopper-Pearson" in (exact_dir / "p.html").read_text(encoding="utf-8")


def test_sample_town_outcome_rates(town, tmp_path):
    res = _profile(town, tmp_path, OUTCOME_FIELD="quit_at_4_weeks", MIN_COUNT=0,
                   OUTPUT_RATES=str(tmp_path / "rates.csv"))
    r = frame(res["OUTPUT_RATES"]).set_index("cluster")
    matched = town["matched"].dropna(subset=["quit_at_4_weeks"])
    yes = matched["quit_at_4_weeks"].str.upper().eq("YES")
    by = yes.groupby(matched["cluster"])
    assert sorted(r.index.astype(str)) == sorted(by.size().index)
    for code, rate in (100 * by.mean()).items():
        row = r.loc[code]
        assert num([row["rate"]])[0] == pytest.approx(rate)
        assert num([row["records"]])[0] == by.size()[code]
        assert num([row["rate_low"]])[0] <= rate <= num([row["rate_high"]])[0]
        assert num([row["area_rate"]])[0] == pytest.approx(100 * yes.mean())
    assert set(r.loc["1", ["name"]]) == {"Town Centre Flats"}
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Rate of &#x27;quit_at_4_weeks&#x27; by group" in html or \
        "Rate of 'quit_at_4_weeks' by group" in html


def test_outcome_value_not_found_is_named(town, tmp_path):
    with pytest.raises(QgsProcessingException, match="'quit_at_4_weeks' has the value 'MAYBE'"):
        _profile(town, tmp_path, OUTCOME_FIELD="quit_at_4_weeks", OUTCOME_VALUE="MAYBE",
                 OUTPUT_RATES=str(tmp_path / "rates.csv"))


def test_survey_report_says_no_evidence_not_matches(town, tmp_path):
    _profile(town, tmp_path, SURVEY=True)
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "Cramér" in html and "matches the base" not in html
    assert "evidence that the sample" in html.lower()
    assert "Most over-represented" in html


def test_real_lewisham_profile_laid_out_as_mosaic(qgis_app, qgis_processing, tmp_path):
    folder = shared("lewisham_2011")
    register_provider()
    from customer_segmentation.core.labels import labels_table
    from customer_segmentation.core.postcodes import build_postcode_index, match_records
    from customer_segmentation.core.table_read import read_table

    lookup = read_table(folder / "lbl_postcode_oa11_lsoa11_msoa11_wd22.csv", dtype=str)
    loac = read_table(folder / "lewisham_oa11_loac2011.csv", dtype=str)
    live = lookup[lookup["TerminationDate"].isna()]
    levels = ["LOAC2011_supergroup", "LOAC2011_group"]
    matched, unmatched, _ = match_records(
        live[["PostcodeNatural"]].rename(columns={"PostcodeNatural": "pc"}), "pc",
        build_postcode_index(live, "PostcodeNatural", "OA11CD"), loac, "OA11CD", levels)
    matched.to_csv(tmp_path / "matched.csv", index=False)
    labels_table({lv: loac[lv] for lv in levels}, names=LOAC_NAMES).to_csv(
        tmp_path / "labels.csv", index=False)
    res = run("profile", {
        "INPUT": str(tmp_path / "matched.csv"), "CLUSTER_FIELD": levels,
        "AREAS": str(folder / "lewisham_oa11_loac2011.csv"), "AREA_ID_FIELD": "OA11CD",
        "LABELS": str(tmp_path / "labels.csv"), "OUTPUT": str(tmp_path / "p.csv"),
        "OUTPUT_TABLE": str(tmp_path / "m.xlsx"), "OUTPUT_HTML": str(tmp_path / "p.html")})
    m = frame(res["OUTPUT_TABLE"])[MOSAIC_COLUMNS]
    assert list(dict.fromkeys(m["level"])) == levels
    for level in levels:
        block = m[m["level"] == level].reset_index(drop=True)
        assert block["group"].tolist() == sorted(loac[level].unique()) + ["Total"]
        total = block.iloc[-1]
        assert float(total["count"]) == len(matched) == 4969 and len(unmatched) == 0
        assert float(total["base_count"]) == 887 and float(total["index"]) == 100
        assert float(total["penetration_pct"]) == pytest.approx(100 * 4969 / 887)
    sg = m[m["level"] == levels[0]].set_index("group")
    assert sg.loc["B", "name"] == "High Density and High Rise Flats"
    counts = matched[levels[0]].value_counts()
    assert float(sg.loc["B", "count"]) == counts["B"]
    assert float(sg.loc["B", "index"]) == pytest.approx(
        100 * (counts["B"] / 4969) / ((loac[levels[0]] == "B").sum() / 887))
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert html.count('<tr class="total">') == 2 and "Urban Elites" in html


def test_zero_and_full_cells_through_qgis(provider, tmp_path):
    """#15 item 3 end to end: a group with no records against half the base is flagged, and
    no interval has zero width (MIN_COUNT 0 shows every cell)."""
    records = tmp_path / "rec.csv"
    pd.DataFrame({"cl": ["A"] * 60 + ["B"] * 40,
                  "ch": ["web"] * 60 + ["phone"] * 40}).to_csv(records, index=False)
    areas = tmp_path / "areas.csv"
    pd.DataFrame({"oa": ["o1", "o2", "o3"], "cl": ["A", "B", "C"],
                  "hh": [250, 250, 500]}).to_csv(areas, index=False)
    res = run("profile", {"INPUT": str(records), "CLUSTER_FIELD": ["cl"], "AREAS": str(areas),
                          "AREA_ID_FIELD": "oa", "BASE_FIELD": "hh", "MIN_COUNT": 0,
                          "INDICATOR_FIELDS": ["ch"], "OUTPUT": str(tmp_path / "p.csv")})
    p = frame(res["OUTPUT"])
    p["cluster"] = p["cluster"].astype(str)
    zero = p[(p["indicator"] == "all") & (p["cluster"] == "C")].iloc[0]
    assert float(zero["count"]) == 0 and float(zero["index"]) == 0
    assert 0 < float(zero["index_high"]) < 100 and truth([zero["significant"]]) == [True]
    assert truth([zero["significant_adjusted"]]) == [True]
    web_a = p[(p["indicator"] == "ch=web") & (p["cluster"] == "A")].iloc[0]  # every web record
    assert float(web_a["pct"]) == 100
    assert float(web_a["index_low"]) < float(web_a["index_high"])
    width = num(p["index_high"]) - num(p["index_low"])
    assert (width > 0).all()
