#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Make sure $CLANG can build and link a libFuzzer target; install clang and its
# runtime (Debian: clang libclang-rt-dev) through scripts/deps.sh when it cannot
# (as root; KLAT_NO_INSTALL=1: never).
set -u
CLANG=${CLANG:-clang}
BUILD=${BUILD:-build}

probe() {
	command -v "$CLANG" >/dev/null 2>&1 || return 1
	mkdir -p "$BUILD" || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		>"$BUILD/.probe.c"
	"$CLANG" -fsanitize=fuzzer,address,undefined -o "$BUILD/.probe" "$BUILD/.probe.c" \
		>"$BUILD/.probe.log" 2>&1
}

probe && exit 0
echo "tests/fuzz: $CLANG with libFuzzer not found; installing clang libclang-rt-dev" >&2
"$(dirname "$0")/../../scripts/deps.sh" clang libclang-rt-dev && probe && exit 0
echo "tests/fuzz: cannot build libFuzzer targets with '$CLANG'." >&2
[ -s "$BUILD/.probe.log" ] && sed 's/^/tests\/fuzz:   /' "$BUILD/.probe.log" | head -5 >&2
echo "tests/fuzz: install clang with libFuzzer: apt-get install clang libclang-rt-dev" >&2
echo "tests/fuzz: (or run make as root to install them), or set CLANG=..." >&2
exit 1
