#!/usr/bin/env bash
# Build customer_segmentation.zip: every file the plugin reads at run time, nothing of
# development (tests, bench, scripts, sample data, docs' pictures, translation sources, caches).
# tests/qgis/test_package.py checks the list and runs every algorithm from the installed zip.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)  # the one place the version is kept
grep -q "^## $version" CHANGELOG.md || { echo "CHANGELOG.md has no section for $version"; exit 1; }
stage=build/package
rm -rf "$stage" customer_segmentation.zip
mkdir -p "$stage/customer_segmentation"
files=(metadata.txt __init__.py plugin.py icon.svg LICENSE README.md)
cp "${files[@]}" "$stage/customer_segmentation/"
# folder:pattern — code, the shipped model, the compiled translations, the preset lookups
for spec in core:'*.py' processing:'*.py' ui:'*.py' models:'*.model3' i18n:'*.qm' \
            lookups:'*.csv'; do
  dir=${spec%%:*} pattern=${spec#*:}
  [ -d "$dir" ] || continue
  mkdir -p "$stage/customer_segmentation/$dir"
  git ls-files -z --cached --others --exclude-standard -- "$dir/$pattern" \
    | xargs -0 -r -I{} cp --parents {} "$stage/customer_segmentation/"
done
(cd "$stage" && zip -qr -X ../../customer_segmentation.zip customer_segmentation)
echo "customer_segmentation.zip ($version): $(unzip -l customer_segmentation.zip | tail -1 | awk '{print $2}') files"
