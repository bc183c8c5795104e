#!/bin/bash
# Kernel coding style for the module's sources (core/ and targets/): the
# kernel's checkpatch.pl on every file, and no function longer than 80 lines.
# Exits non-zero on any finding.  checkpatch comes from the Debian package
# linux-source-6.1, installed through scripts/deps.sh; the three files it needs
# are extracted once into KLAT_CHECKPATCH_DIR.
#
# usage: scripts/style.sh [FILE...]   (default: every .c and .h of core/ and targets/
#                                      for checkpatch; for the length check also every
#                                      C file of tools/ and tests/)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${KLAT_CHECKPATCH_DIR:-/var/cache/klat-checkpatch}
tarball=/usr/src/linux-source-6.1.tar.xz
top=linux-source-6.1
maxfn=80

cp_files="scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch"

have_checkpatch() {
	local f
	for f in $cp_files; do
		[ -s "$cache/$f" ] || return 1
	done
}

if ! have_checkpatch; then
	"$root/scripts/deps.sh" linux-source-6.1 || exit 2
	mkdir -p "$cache" || exit 2
	members=
	for f in $cp_files; do
		members="$members $top/$f"
	done
	echo "style: extracting checkpatch from $tarball into $cache" >&2
	# shellcheck disable=SC2086
	tar -xJf "$tarball" -C "$cache" --strip-components=1 $members || exit 2
fi

cd "$root" || exit 2
if [ $# -gt 0 ]; then
	files=("$@")
	cfiles=("$@")
else
	mapfile -t files < <(find core targets -maxdepth 1 -name '*.[ch]' | sort)
	# klatctl and the tests are user-space C in their own style; they are
	# held to the same function length
	mapfile -t cfiles < <(find core targets tools tests -name '*.[ch]' \
		-not -path '*/.asan/*' -not -path '*/build*' -not -path 'tests/vm/mod/*.mod.c' | sort)
fi

# Types ignored everywhere, each with its reason:
ignores=(
	# klat is an out-of-tree module built for 5.10 ... 7.x: core/klat_kcompat.h
	# tests the kernel version where no feature macro shows a difference.
	--ignore LINUX_VERSION_CODE
)

fail=0
out=$(perl "$cache/scripts/checkpatch.pl" --no-tree -f --max-line-length=100 --terse \
	--show-types --no-summary "${ignores[@]}" "${files[@]}" 2>&1) || fail=1
[ -n "$out" ] && printf '%s\n' "$out"

# Function length: from the line of the opening brace (column 0) to the
# closing one, both counted.
long=$(awk -v max="$maxfn" '
	FNR == 1 { s = 0 }
	/^\{/ { s = FNR }
	/^\}/ { if (s && FNR - s + 1 > max)
			printf "%s:%d: function of %d lines (at most %d)\n", FILENAME, s, FNR - s + 1, max
		s = 0 }' "${cfiles[@]}")
if [ -n "$long" ]; then
	printf '%s\n' "$long"
	fail=1
fi

if [ "$fail" = 0 ]; then
	echo "style: ${#files[@]} files clean, no function over $maxfn lines in ${#cfiles[@]}"
else
	echo "style: findings above" >&2
fi
exit "$fail"
