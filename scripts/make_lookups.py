"""Write the ready variable lookups shipped in lookups/ from the published definitions.

Sources (Open Government Licence v3 / as published): the 2011 OAC final 60 variables with their
2011 census cell codes (ONS / Gale et al. 2016, via ../shared/data/leicester_2011), and the 68
London OAC 2021 variables as Census 2021 cell formulas (Singleton & Longley 2024, via
../shared/data/london_2021). Only the definitions are kept, in the plugin's lookup schema plus a
`Cells` column (census cells summed into the variable, joined by '+').

    python scripts/make_lookups.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
COLUMNS = ["VariableCode", "VariableMeasurementUnit", "VariableStatisticalUnit", "VariableDomain",
           "VariableName", "Cells"]


def oac2011() -> list[dict]:
    rows = []
    src = DATA / "leicester_2011" / "2011_OAC_Raw_kVariables_Lookup.csv"
    for r in csv.DictReader(open(src, encoding="utf-8-sig")):
        cells = "+".join(c.strip() for c in r["EW_Code"].split(",") if c.strip())
        rows.append({"VariableCode": r["VariableCode"],
                     "VariableMeasurementUnit": r["VariableMeasurementUnit"],
                     "VariableStatisticalUnit": r["VariableStatisticalUnit"],
                     "VariableDomain": r["VariableDomain"], "VariableName": r["VariableName"],
                     "Cells": cells})
    return rows


def loac2021() -> list[dict]:
    src = DATA / "london_2021" / "Variables_LOAC.csv"
    rows, tables = [], {}
    for r in csv.DictReader(open(src, encoding="utf-8-sig")):
        cells = re.findall(r"ts\d{3}[a-z]?\d{4}", r["Variables"].lower())
        table = re.match(r"(ts\d{3}[a-z]?)\d{4}", cells[0]).group(1) if cells else ""
        ratio = r["Non_PCT"].strip().upper() == "X"
        if table and not ratio:
            tables.setdefault(table, f"{table}0001")
        rows.append({"VariableCode": r["No."].strip(),
                     "VariableMeasurementUnit": "Ratio" if ratio else "Count",
                     "VariableStatisticalUnit": "Ratio" if ratio else table,
                     "VariableDomain": r["Domain"].strip(),
                     "VariableName": r["Variable Name"].strip(), "Cells": "+".join(cells)})
    totals = [{"VariableCode": f"Total_{t}", "VariableMeasurementUnit": "Count",
               "VariableStatisticalUnit": t, "VariableDomain": "Totals",
               "VariableName": f"Total of census table {t.upper()}", "Cells": cell}
              for t, cell in sorted(tables.items())]
    return totals + rows


def main() -> None:
    out = ROOT / "lookups"
    out.mkdir(exist_ok=True)
    for name, rows in (("oac2011_60_variables.csv", oac2011()),
                       ("loac2021_68_variables.csv", loac2021())):
        with open(out / name, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        print(name, len(rows))


if __name__ == "__main__":
    main()
