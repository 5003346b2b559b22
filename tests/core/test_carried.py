"""Carried (raw_) fields: never variables by default; totals and denominators found."""

from __future__ import annotations

import json

import pandas as pd

from customer_segmentation.core.carried import classified_properties, guess_totals
from customer_segmentation.core.tables import numeric_fields


def test_raw_fields_are_never_default_variables():
    df = pd.DataFrame({"OA": ["a", "b"], "v01": [0.1, 0.2], "raw_v01": [10.0, 20.0],
                       "raw_Total_Population": [100, 200]})
    assert numeric_fields(df, exclude=["OA"]) == ["v01"]


def test_totals_guessed_by_name_and_from_the_lookup():
    cols = ["raw_Total_Population_16_and_over", "raw_Total_Population", "raw_Total_Households",
            "raw_Total_Household_Spaces", "raw_v01", "v01", "cluster"]
    assert guess_totals(cols) == {"population_field": "raw_Total_Population",
                                  "households_field": "raw_Total_Households"}
    props = classified_properties(cols, ["v01"], ["cluster"],
                                  denominators={"v01": "Total_Population_16_and_over"},
                                  units={"Person": "Total_Population_16_and_over"})
    assert props["population_field"] == "raw_Total_Population_16_and_over"
    assert json.loads(props["denominators"]) == {"raw_v01": "raw_Total_Population_16_and_over"}
    assert json.loads(props["variables"]) == ["raw_v01"]
    assert "lookup" not in props
