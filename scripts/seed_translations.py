"""Fill empty translations of an i18n/*.ts file from a TSV glossary (source<TAB>translation).

    python scripts/seed_translations.py i18n/welsh_seed.tsv i18n/customer_segmentation_cy.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def main(glossary: str, ts: str) -> None:
    pairs = dict(line.rstrip("\n").split("\t", 1) for line in open(glossary, encoding="utf-8")
                 if "\t" in line)
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in pairs and translation is not None and (
                translation.get("type") == "unfinished" or not translation.text):
            translation.text = pairs[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"{filled} translations filled in {ts}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
