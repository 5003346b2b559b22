#!/usr/bin/env bash
# Run the whole pytest suite in each test lane and fail if any lane fails.
#   host:   this machine's QGIS (Debian 12, QGIS 3.22) through the project's venv
#   trixie: Debian 13 root, QGIS 3.40 LTR       forky: Debian testing root, QGIS 3.44
# The Debian roots are made and cached by scripts/lane_root.sh and run through
# scripts/lane_chroot.sh on a throwaway overlay, with this checkout bound at the same path.
# Usage: scripts/test_lanes.sh [LANE...]   (default: $LANES, else "host trixie forky")
set -uo pipefail
cd "$(dirname "$0")/.."
here=$PWD
if [ $# -gt 0 ]; then lanes=("$@"); else read -ra lanes <<<"${LANES:-host trixie forky}"; fi
read -ra pytest_args <<<"${PYTEST_ARGS:--q}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
versions='import sys, numpy, pandas, sklearn
from qgis.core import Qgis
print(f"QGIS {Qgis.QGIS_VERSION}, Python {sys.version.split()[0]}, numpy {numpy.__version__}, "
      f"pandas {pandas.__version__}, scikit-learn {sklearn.__version__}")'

# Folders the suite reads besides the checkout: ../shared (real data) and, for a git worktree,
# the repository's own .git (scripts/package.sh lists files with git).
binds="$here $(dirname "$here")/shared:ro"
common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
case $common in "" | "$here"/*) ;; *) binds="$binds $common:ro" ;; esac

# Build missing Debian roots in the background while the host lane runs (downloads and dpkg
# against pytest): lane_root.sh locks each suite, so a lane below waits for its root's build.
(for lane in "${lanes[@]}"; do
  [ "$lane" = host ] || bash scripts/lane_root.sh "$lane" >/dev/null 2>>"$logs/builds.log" || true
done) &
builds=$!
# Unbuffered: QGIS may crash at exit after failures, which must not swallow pytest's report.
summary=()
failed=0 passed=0 failures=0 skipped=0
count() { grep -oE "[0-9]+ $1" <<<"$2" | awk '{n += $1} END {print n + 0}'; }
for lane in "${lanes[@]}"; do
  echo "=== lane $lane ==="
  start=$SECONDS
  if [ "$lane" = host ]; then
    run=(env PYTHONUNBUFFERED=1 "QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}")
    python=${PY:-.venv/bin/python}
  else
    if ! root=$(bash scripts/lane_root.sh "$lane"); then
      summary+=("lane $lane: root could not be built"); failed=1; continue
    fi
    run=(env LANE_OVERLAY=1 "LANE_BIND=$binds" bash scripts/lane_chroot.sh "$root")
    python=/opt/lane-venv/bin/python
  fi
  ready=$((SECONDS - start))
  "${run[@]}" sh -c 'cd "$1" && shift && "$@"' lane "$here" "$python" -c "$versions" \
    | tee "$logs/$lane.versions"
  "${run[@]}" sh -c 'cd "$1" && shift && "$@"' lane "$here" \
    "$python" -m pytest "${pytest_args[@]}" tests 2>&1 | tee "$logs/$lane.log"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || failed=1
  result=$(grep -E '[0-9]+ (passed|failed|errors?|skipped)|no tests ran' "$logs/$lane.log" \
    | tail -n 1 | sed 's/=//g; s/^ *//; s/ *$//')
  passed=$((passed + $(count passed "$result")))
  failures=$((failures + $(count failed "$result") + $(count 'errors?' "$result")))
  skipped=$((skipped + $(count skipped "$result")))
  summary+=("lane $lane: $(tail -n 1 "$logs/$lane.versions" 2>/dev/null) | ${result:-no summary} \
| exit $status | $((SECONDS - start)) s (root ready in $ready s)")
done

wait "$builds"
echo "=== lanes ==="
printf '%s\n' "${summary[@]}"
# One closing line over all lanes (errors counted as failures).
echo "lanes: $passed passed, $failures failed, $skipped skipped"
exit "$failed"
