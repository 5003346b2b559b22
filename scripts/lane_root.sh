#!/usr/bin/env bash
# Make (once) the Debian root of a test lane with debootstrap from Debian's package registry,
# cache it outside the checkout and print its path.
#   trixie: Debian 13, QGIS 3.40 LTR    forky: Debian testing, QGIS 3.44
# The cache key is the suite, the package list and requirements-dev.txt: change any of them
# and the root is built again (the old one is removed). A root is built in a temporary folder
# and renamed only when complete, so a half-built root is never used.
# Usage: scripts/lane_root.sh SUITE      (LANE_CACHE, LANE_MIRROR override the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:?usage: lane_root.sh SUITE}
CACHE=${LANE_CACHE:-/var/cache/customer-segmentation}
MIRROR=${LANE_MIRROR:-http://deb.debian.org/debian}
DEBS="qgis python3-qgis qgis-providers python3-numpy python3-pandas python3-sklearn python3-scipy
python3-matplotlib python3-openpyxl python3-pip python3-venv libopenblas0 ca-certificates git zip
unzip xvfb xauth e2fsprogs"
script=""  # debootstrap has no script of its own for testing: it is built like sid
case $suite in forky | testing) script=/usr/share/debootstrap/scripts/sid ;; esac

key=$({ echo "lane-root 1 $suite $MIRROR"; echo $DEBS; cat requirements-dev.txt; } \
  | sha256sum | cut -c1-12)
roots=$CACHE/roots
root=$roots/$suite-$key
ready() { [ -f "$root/.lane-ready" ]; }
if ready; then echo "$root"; exit 0; fi

mkdir -p "$roots"
exec 9>"$roots/.lock-$suite"
flock 9  # one build of a suite at a time; a second caller waits and then uses it
if ready; then echo "$root"; exit 0; fi

remove() {  # remove DIR, never through a mount still inside it
  if findmnt -rn -o TARGET | grep -qF "$1"; then
    echo "lane_root: $1 has mounts; left in place" >&2
  else
    rm -rf "$1"
  fi
}
for old in "$roots"/.building-"$suite"-*; do [ -e "$old" ] && remove "$old"; done
tmp=$(mktemp -d "$roots/.building-$suite-XXXXXX")
trap 'remove "$tmp"' EXIT
log=$roots/$suite-build.log
: >"$log"
step() {  # step MESSAGE COMMAND...: run quietly into the log, show its tail if it fails
  echo "lane_root: $suite: $1" >&2
  shift
  "$@" >>"$log" 2>&1 || { tail -n 40 "$log" >&2; echo "lane_root: failed (log: $log)" >&2; exit 1; }
}
start=$SECONDS
step "debootstrap (minbase) from $MIRROR" \
  debootstrap --variant=minbase "$suite" "$tmp" "$MIRROR" $script

echo "deb $MIRROR $suite main" >"$tmp/etc/apt/sources.list"
cat >"$tmp/etc/apt/apt.conf.d/90lane" <<'EOF'
// A testing suite's Release file may be past its date on a mirror snapshot.
Acquire::Check-Valid-Until "false";
APT::Install-Recommends "false";
Acquire::Languages "none";
EOF
step "apt-get install QGIS and the scientific stack" \
  env LANE_BIND="" bash scripts/lane_chroot.sh "$tmp" sh -c \
  "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(echo $DEBS) \
   && apt-get clean"

# pip inside the root reaches its index as the machine's own pip does: same CA bundle,
# same settings (pip's PIP_* variables are passed in by lane_chroot.sh).
cp /etc/ssl/certs/ca-certificates.crt "$tmp/etc/ssl/certs/ca-certificates.crt"
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$tmp/etc/pip.conf"
[ -d /etc/xdg/pip ] && mkdir -p "$tmp/etc/xdg" && cp -r /etc/xdg/pip "$tmp/etc/xdg/"
for d in "$HOME/.config/pip" "$HOME/.pip"; do
  [ -d "$d" ] && mkdir -p "$tmp/root/${d#"$HOME"/}" && cp -r "$d/." "$tmp/root/${d#"$HOME"/}/"
done
cp requirements-dev.txt "$tmp/root/requirements-dev.txt"
step "venv /opt/lane-venv with requirements-dev.txt" \
  env LANE_BIND="" bash scripts/lane_chroot.sh "$tmp" sh -c \
  "python3 -m venv --system-site-packages /opt/lane-venv \
   && /opt/lane-venv/bin/python -m pip install -q -r /root/requirements-dev.txt"

echo "$suite $key built $(date -u +%FT%TZ) in $((SECONDS - start)) s" >"$tmp/.lane-ready"
mv "$tmp" "$root"
trap - EXIT
for old in "$roots/$suite"-*; do
  [ -d "$old" ] && [ "$old" != "$root" ] && remove "$old"
done
echo "lane_root: $suite root ready in $((SECONDS - start)) s: $root" >&2
echo "$root"
