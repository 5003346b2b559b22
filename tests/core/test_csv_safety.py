"""CSV formula injection: which cells are escaped, and that nothing else changes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from customer_segmentation.core.csv_safety import escape_cell, escape_frame


def test_escape_frame_escapes_text_only_and_keeps_the_frame():
    frame = pd.DataFrame({"@name": ["=1+1", "ok", None, "-2", "+3"],
                          "n": [-3.5, 1.0, np.nan, 2.0, 0.0],
                          "k": pd.array([1, 2, 3, 4, 5], dtype="int64")},
                         index=[10, 11, 12, 13, 14])
    out = escape_frame(frame)
    assert list(out.columns) == ["'@name", "n", "k"]
    assert out["'@name"].tolist() == ["'=1+1", "ok", None, "-2", "'+3"]
    assert out.index.tolist() == [10, 11, 12, 13, 14]
    assert out["n"].equals(frame["n"]) and out["k"].dtype == np.int64
    assert frame["@name"].iloc[0] == "=1+1"  # the input frame is not changed


def test_escape_cell_numbers_and_text():
    assert escape_cell("-1e5") == "-1e5" and escape_cell("-1e5x") == "'-1e5x"
    assert escape_cell("\r\n=x") == "'\r\n=x" and escape_cell(" =x") == " =x"
