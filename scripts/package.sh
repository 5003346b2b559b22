#!/usr/bin/env bash
# Build customer_segmentation.zip: only what the plugin needs (no tests, caches or build files).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version=//p' metadata.txt)  # the one place the version is kept
grep -q "^## $version" CHANGELOG.md || { echo "CHANGELOG.md has no section for $version"; exit 1; }
stage=build/package
rm -rf "$stage" customer_segmentation.zip
mkdir -p "$stage/customer_segmentation"
files=(metadata.txt __init__.py plugin.py icon.svg LICENSE README.md CHANGELOG.md)
cp "${files[@]}" "$stage/customer_segmentation/"
for dir in core processing ui i18n models sample_data docs; do
  [ -d "$dir" ] || continue
  mkdir -p "$stage/customer_segmentation/$dir"
  git ls-files -z --cached --others --exclude-standard "$dir" \
    | grep -zv -e '\.ts$' -e '__pycache__' -e '\.pyc$' \
    | xargs -0 -r -I{} cp --parents {} "$stage/customer_segmentation/" || true
done
(cd "$stage" && zip -qr -X ../../customer_segmentation.zip customer_segmentation)
echo "customer_segmentation.zip ($version): $(unzip -l customer_segmentation.zip | tail -1 | awk '{print $2}') files"
