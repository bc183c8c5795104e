#!/bin/bash
# Build the klat test initramfs (gzip'd newc cpio).
#
# usage: tests/vm/mkinitramfs.sh [-m KLAT_KO] [-p PROGS_DIR] [-c KLATCTL] \
#            [-b BUSYBOX] [-f SRC:DEST]... OUTPUT [TEST...]
#
#   -m KO      module to put at /tests/klat.ko (default $KLAT_KO or ./klat.ko
#              in the repo root; skipped with a warning if missing)
#   -p DIR     directory with the built static helpers (tests/vm/progs/*.c);
#              every executable in it goes to /tests/bin
#   -c FILE    klatctl to put in /tests/bin (default tools/klatctl if present)
#   -b FILE    static busybox (default: busybox in PATH)
#   -f S:D     extra file S installed at D (absolute path in the image)
#   TEST...    test files to include (default tests/vm/t/*.sh)
#
# The image contains busybox (+ applet symlinks), /init, /tests/{run-all.sh,
# lib.sh,tap.sh,t/,bin/,klat.ko}.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

ko=${KLAT_KO:-$root/klat.ko}
progs=
klatctl=
busybox=$(command -v busybox || true)
extra=()
while getopts "m:p:c:b:f:h" opt; do
	case $opt in
	m) ko=$OPTARG ;;
	p) progs=$OPTARG ;;
	c) klatctl=$OPTARG ;;
	b) busybox=$OPTARG ;;
	f) extra+=("$OPTARG") ;;
	h) sed -n '2,/^set -e/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [options] OUTPUT [TEST...]" >&2; exit 2; }
out=$1
shift
if [ $# -eq 0 ]; then
	set -- "$here"/t/*.sh
fi
[ -z "$klatctl" ] && [ -x "$root/tools/klatctl" ] && [ -f "$root/tools/klatctl" ] && klatctl=$root/tools/klatctl

[ -n "$busybox" ] && [ -x "$busybox" ] || { echo "mkinitramfs: no busybox (apt-get install busybox-static)" >&2; exit 1; }
if command -v ldd >/dev/null && ldd "$busybox" >/dev/null 2>&1; then
	echo "mkinitramfs: $busybox is not static (apt-get install busybox-static)" >&2
	exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/klat-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,etc,tests/t,tests/bin}
cp "$busybox" "$stage/bin/busybox"
# applet symlinks: every applet at its usual place
"$busybox" --list-full | while read -r path; do
	[ -e "$stage/$path" ] || ln -s /bin/busybox "$stage/$path"
done
[ -e "$stage/bin/sh" ] || ln -s busybox "$stage/bin/sh"
# the kernel opens /dev/console before /init mounts devtmpfs
if [ "$(id -u)" -eq 0 ]; then
	mknod -m 600 "$stage/dev/console" c 5 1
	mknod -m 666 "$stage/dev/null" c 1 3
fi
echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
echo "root:x:0:" > "$stage/etc/group"

install -m 755 "$here/init" "$stage/init"
install -m 755 "$here/run-all.sh" "$stage/tests/run-all.sh"
install -m 644 "$here/lib.sh" "$stage/tests/lib.sh"
install -m 644 "$root/tests/tap.sh" "$stage/tests/tap.sh"
for t in "$@"; do
	[ -f "$t" ] || { echo "mkinitramfs: no such test: $t" >&2; exit 1; }
	install -m 755 "$t" "$stage/tests/t/"
done

if [ -n "$progs" ]; then
	for p in "$progs"/*; do
		[ -f "$p" ] && [ -x "$p" ] && install -m 755 "$p" "$stage/tests/bin/"
	done
fi
# copy_libs BIN: a dynamically linked BIN also needs its shared libraries
copy_libs() {
	ldd "$1" 2>/dev/null | grep -oE '/[^ ]+' | while read -r lib; do
		[ -e "$stage$lib" ] && continue
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
}
if [ -n "$klatctl" ]; then
	install -m 755 "$klatctl" "$stage/tests/bin/klatctl"
	copy_libs "$klatctl"
fi
if [ -f "$ko" ]; then
	install -m 644 "$ko" "$stage/tests/klat.ko"
else
	echo "mkinitramfs: warning: no module at $ko; module tests will bail out" >&2
fi
for e in "${extra[@]}"; do
	src=${e%%:*} dst=${e#*:}
	mkdir -p "$stage/$(dirname "$dst")"
	cp -a "$src" "$stage/$dst"
done

(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
