#!/usr/bin/env bash
# Run a command inside a Debian root (a test lane), in a private mount namespace so that no
# mount can outlive it: proc, sys and dev are mounted on entry and unmounted on exit (trap).
#   LANE_OVERLAY=1  run on a throwaway overlay: the cached root itself is never changed
#   LANE_BIND="DIR[:ro] ..."  bind host folders at the same path inside the root
# Usage: scripts/lane_chroot.sh ROOT COMMAND [ARG...]
set -euo pipefail
if [ -z "${_LANE_NAMESPACE:-}" ]; then
  exec env _LANE_NAMESPACE=1 unshare --mount --propagation private -- bash "$0" "$@"
fi
root=$(realpath "${1:?usage: lane_chroot.sh ROOT COMMAND [ARG...]}"); shift
[ -x "$root/bin/sh" ] || { echo "lane_chroot: $root is not a Debian root" >&2; exit 2; }
target=$root
scratch=""
mounted=()

cleanup() {
  set +e
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[$i]}" 2>/dev/null || umount -R -l "${mounted[$i]}"
  done
  if [ -n "$scratch" ]; then
    if findmnt -rn -o TARGET | grep -qF "$scratch"; then
      echo "lane_chroot: $scratch still has mounts; left in place" >&2
    else
      rm -rf "$scratch"
    fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_at() {  # mount_at MOUNTPOINT MOUNT-ARGS...
  local where=$1; shift
  mkdir -p "$where"
  mount "$@" "$where"
  mounted+=("$where")
}

if [ -n "${LANE_OVERLAY:-}" ]; then
  scratch=$(mktemp -d "$(dirname "$root")/.run-XXXXXX")
  mkdir -p "$scratch/upper" "$scratch/work"
  target=$scratch/merged
  mount_at "$target" -t overlay overlay \
    -o "lowerdir=$root,upperdir=$scratch/upper,workdir=$scratch/work"
fi
mount_at "$target/proc" -t proc proc
mount_at "$target/sys" -t sysfs sysfs
mount_at "$target/dev" --rbind /dev
mount --make-rslave "$target/dev"
for spec in ${LANE_BIND:-}; do
  dir=${spec%:ro}
  [ -d "$dir" ] || continue
  mount_at "$target$dir" --bind "$dir"
  [ "$spec" = "$dir" ] || mount -o remount,bind,ro "$target$dir"
done
cp -L /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true

# A clean environment: the lane's own PATH and locale, plus pip's and the test run's settings.
envs=(HOME=/root LANG=C.UTF-8 TERM=dumb PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}")
while IFS= read -r var; do envs+=("$var"); done < <(env | grep -E '^(PIP_|CI=|PYTEST_ADDOPTS=)' || true)
status=0
env -i "${envs[@]}" chroot "$target" "$@" || status=$?
exit "$status"
