#!/bin/sh
# Install the Debian packages klat's build and tests need (as root), skipping
# those already present. Used by `make deps`, `make check` and .ci/run; with
# package names as arguments, installs just those: every test script installs
# host packages so (tests/vm/run.sh, tests/bench/run.sh, tests/fuzz/need-clang.sh,
# the kernel matrix and the debug kernel). KLAT_NO_INSTALL=1, or not root: only
# says what is missing, and fails.
set -e
if [ $# -gt 0 ]; then
	pkgs="$*"
else
pkgs="build-essential linux-image-amd64 linux-headers-amd64 qemu-system-x86 busybox-static
cpio kmod check pkg-config sparse libncurses-dev python3 prometheus
clang libclang-rt-14-dev libmicrohttpd-dev curl"
fi
[ -n "$KLAT_EXTRA_PKGS" ] && pkgs="$pkgs $KLAT_EXTRA_PKGS"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || [ "${KLAT_NO_INSTALL:-0}" = 1 ]; then
	echo "klat: missing packages:$missing (run as root, or apt-get install them)" >&2
	exit 1
fi
echo "klat: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
