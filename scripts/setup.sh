#!/usr/bin/env bash
# Install everything the plugin, its demo and its tests need on Debian 12, then make the venv.
# Idempotent: does nothing that is already done. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
DEBS="qgis python3-qgis qgis-providers python3-numpy python3-pandas python3-sklearn python3-scipy
python3-matplotlib python3-openpyxl python3-venv python3-pip xvfb xauth pyqt5-dev-tools
qttools5-dev-tools zip debootstrap"
missing=""
for p in $DEBS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV from /usr/bin/python3 (with system site packages for QGIS)"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
stamp="$VENV/.requirements-dev.txt"
if ! cmp -s requirements-dev.txt "$stamp"; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  cp requirements-dev.txt "$stamp"
fi
# PyQt6 in a venv of its own, for the Qt6-readiness check (scripts/check_qt6.py --pyqt6).
QT6_VENV=${QT6_VENV:-.venv-qt6}
if ! cmp -s requirements-qt6.txt "$QT6_VENV/.requirements-qt6.txt"; then
  rm -rf "$QT6_VENV"
  /usr/bin/python3 -m venv "$QT6_VENV"
  "$QT6_VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-qt6.txt
  cp requirements-qt6.txt "$QT6_VENV/.requirements-qt6.txt"
fi
