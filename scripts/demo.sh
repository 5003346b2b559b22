#!/usr/bin/env bash
# The whole method on the bundled sample town, from the command line (qgis_process):
# prepare → standardise → correlation → compare k → k-means → sub-clusters → apply model.
set -euo pipefail
source "$(dirname "$0")/qgis_env.sh"
OUT="$ROOT/demo-output"
S="$ROOT/sample_data"
mkdir -p "$OUT"
qgis_process.bin_enable
step() {
  local name=$1; shift
  echo "== $name"
  "$QGIS_PROCESS" run "segmentation:$name" -- "$@" 2>&1 | grep -v -e "setapi() is deprecated" \
    -e "^QStandardPaths" | sed 's/^/   /'
  return "${PIPESTATUS[0]}"
}
step preparevariables INPUT="$S/sample_town_oa.geojson" LOOKUP="$S/sample_town_lookup.csv" \
  ID_FIELD=OA_CODE OUTPUT="$OUT/prepared.gpkg"
step standardise INPUT="$OUT/prepared.gpkg" ID_FIELD=OA_CODE TRANSFORM=2 SCALE=0 \
  OUTPUT="$OUT/standardised.gpkg" OUTPUT_PARAMS="$OUT/standardisation.json"
step correlation INPUT="$OUT/prepared.gpkg" ID_FIELD=OA_CODE METHOD=1 THRESHOLD=0.6 \
  OUTPUT="$OUT/correlation.csv" OUTPUT_HTML="$OUT/correlation.html"
step comparek INPUT="$OUT/standardised.gpkg" ID_FIELD=OA_CODE K_MIN=3 K_MAX=10 RUNS=50 SEED=1 \
  OUTPUT="$OUT/compare_k.csv" OUTPUT_HTML="$OUT/compare_k.html"
step kmeans INPUT="$OUT/standardised.gpkg" ID_FIELD=OA_CODE K=6 RUNS=200 SEED=1 \
  STANDARDISATION="$OUT/standardisation.json" LOOKUP="$S/sample_town_lookup.csv" \
  OUTPUT="$OUT/classified.gpkg" \
  OUTPUT_CENTRES="$OUT/centres.csv" MODEL="$OUT/model.json"
step subcluster INPUT="$OUT/classified.gpkg" ID_FIELD=OA_CODE PARENT_FIELD=cluster K=2 RUNS=100 \
  SEED=1 FIELD_NAME=group LOOKUP="$S/sample_town_lookup.csv" OUTPUT="$OUT/classified_groups.gpkg" \
  PARENT_MODEL="$OUT/model.json" MODEL="$OUT/groups_model.json"
step applymodel INPUT="$OUT/prepared.gpkg" ID_FIELD=OA_CODE MODEL="$OUT/groups_model.json" \
  OUTPUT="$OUT/reapplied.gpkg"
echo
echo "Done. Open $OUT/classified_groups.gpkg in QGIS (styled by cluster), and the reports:"
ls -1 "$OUT"/*.html | sed 's/^/  /'
