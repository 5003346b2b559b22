#!/usr/bin/env bash
# Regenerate i18n/*.ts from the sources (keeping existing translations), then compile *.qm.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-/usr/bin/python3}
"$PY" scripts/extract_strings.py build/i18n/strings.py
for lang in en cy; do
  pylupdate5 -noobsolete build/i18n/strings.py -ts "i18n/customer_segmentation_$lang.ts"
done
"$PY" scripts/seed_translations.py i18n/welsh_seed.tsv i18n/customer_segmentation_cy.ts
lrelease -silent i18n/customer_segmentation_*.ts
ls -l i18n/
