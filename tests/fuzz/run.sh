#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run libFuzzer targets for a bounded time each: sh run.sh TARGET...
#   FUZZ_SECONDS  seconds per target (20); 0: only replay the seed corpus
#   BUILD         where the binaries are (build)
#
# Each target starts from its seeds in corpus/TARGET (read only) plus what earlier
# runs found in $BUILD/corpus/TARGET (new inputs are written there), with
# dict/TARGET.dict if present. Any crash, leak, sanitizer report, timeout (10 s
# per input), out-of-memory or failed assertion fails the target: the input is
# saved as $BUILD/artifacts/TARGET-crash-*, and the log is in $BUILD/logs.
# Prints one line per target and a closing "fuzz: N passed, N failed".
set -u
cd "$(dirname "$0")"
BUILD=${BUILD:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0
fail=0
failed=
mkdir -p "$BUILD/logs" "$BUILD/artifacts"
for t in "$@"; do
	bin=$BUILD/$t
	log=$BUILD/logs/$t.log
	seeds=corpus/$t
	if [ ! -x "$bin" ]; then
		echo "FAIL $t: $bin not built"
		fail=$((fail + 1)); failed="$failed $t"
		continue
	fi
	set --
	[ -f "dict/$t.dict" ] && set -- "-dict=dict/$t.dict"
	if [ "$FUZZ_SECONDS" = 0 ]; then
		# replay: every seed once
		if [ -d "$seeds" ] && [ -n "$(ls -A "$seeds")" ]; then
			"$bin" "$@" "$seeds"/* >"$log" 2>&1
		else
			echo "no seeds in $seeds" >"$log"; false
		fi
		rc=$?
		n=$(ls -A "$seeds" 2>/dev/null | wc -l)
		what="$n seeds replayed"
	else
		mkdir -p "$BUILD/corpus/$t"
		"$bin" "$@" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
			-malloc_limit_mb=1024 -print_final_stats=1 \
			-artifact_prefix="$BUILD/artifacts/$t-" \
			"$BUILD/corpus/$t" "$seeds" >"$log" 2>&1
		rc=$?
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
		cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*\(cov: [0-9]*\).*\(corp: [0-9]*\).*/\1 \2/p')
		what="${execs:-?} runs in ${FUZZ_SECONDS}s (${speed:-?}/s) ${cov}"
	fi
	if [ "$rc" = 0 ]; then
		echo "ok   $t: $what"
		pass=$((pass + 1))
	else
		echo "FAIL $t (exit $rc): $what; log $BUILD/logs/$t.log"
		# the report: 40 lines from the first error, then where the input is
		awk 'n < 40 && (n || /round trip:|fuzz assertion failed|runtime error|ERROR: /) { print; n++ }' \
			"$log" | sed 's/^/    /'
		grep -E 'Test unit written|^Running:' "$log" | tail -n 2 | sed 's/^/    /'
		fail=$((fail + 1)); failed="$failed $t"
	fi
done
[ "$fail" = 0 ] || echo "tests/fuzz: FAILED:$failed" >&2
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
