# Source me: a throw-away QGIS profile that sees this checkout as the plugin `customer_segmentation`.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$ROOT/build/plugins" "$ROOT/build/qgis-home/run"
chmod 700 "$ROOT/build/qgis-home/run"
[ -e "$ROOT/build/plugins/customer_segmentation" ] || ln -s "$ROOT" "$ROOT/build/plugins/customer_segmentation"
export QGIS_PLUGINPATH="$ROOT/build/plugins" QT_QPA_PLATFORM=offscreen
export HOME="$ROOT/build/qgis-home" XDG_DATA_HOME="$ROOT/build/qgis-home/.local/share"
export XDG_CONFIG_HOME="$ROOT/build/qgis-home/.config" XDG_RUNTIME_DIR="$ROOT/build/qgis-home/run"
QGIS_PROCESS=$(command -v qgis_process.bin || command -v qgis_process)
qgis_process.bin_enable() {
  "$QGIS_PROCESS" plugins enable customer_segmentation >/dev/null 2>&1 || true
}
