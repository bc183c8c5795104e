#!/bin/bash
# klat soak: 1000 add/remove cycles and 1000 load/unload cycles, long enough
# for a small leak per cycle to show above the noise
# (tests/vm/t/95-memory.sh with KLAT_MEM_CYCLES, 97-memload.sh with
# KLAT_MEMLOAD_CYCLES), each checked for slab, per-CPU, vmalloc and free
# memory growth. The two run in two VM boots at once: each VM runs its vCPUs
# on one host thread (tests/vm/run.sh, KLAT_ACCEL), so two use both cores of
# a 2-core machine.
#
# usage: bash tests/vm/soak.sh        (after `make module tools`)
#
# Environment: KLAT_SOAK_CYCLES (1000) for both; KLAT_KERNEL, KLAT_KO and the
# rest as for tests/vm/run.sh. Exit status 0 if both boots passed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
n=${KLAT_SOAK_CYCLES:-1000}
# ~1.1 s a load/unload cycle and ~0.6 s an add/remove cycle on one host
# thread; the per-file limit leaves room for a slower machine
tmo=$((n * 3 + 300))
logs=$(mktemp -d "${TMPDIR:-/tmp}/klat-soak.XXXXXX") || exit 2

soak() {	# NAME TESTFILE ENV
	KLAT_TIMEOUT=$((tmo + 120)) KLAT_APPEND="KLAT_TEST_TIMEOUT=$tmo $3 ${KLAT_APPEND:-}" \
		bash "$here/run.sh" "$2" > "$logs/$1.log" 2>&1
	echo $? > "$logs/$1.rc"
}

start=$SECONDS
echo "soak: $n load/unload cycles and $n add/remove cycles, two VMs at once (logs: $logs)"
# the control runs (noise of the slab check) need far fewer cycles than klat's
c=$(( n < 200 ? n : 200 ))
soak memload 97-memload.sh "KLAT_MEMLOAD_CYCLES=$n KLAT_MEMLOAD_CONTROL_CYCLES=$c" &
soak memory 95-memory.sh "KLAT_MEM_CYCLES=$n KLAT_MEM_CONTROL_CYCLES=$c" &
wait
rc=0
for s in memload memory; do
	r=$(cat "$logs/$s.rc" 2>/dev/null || echo 2)
	echo "---- soak $s: exit $r"
	grep -E '^(ok|not ok|#)|^(PASS|FAIL) |^RESULT' "$logs/$s.log" | grep -v '^# \[' | tail -n 40
	[ "$r" = 0 ] || rc=1
done
echo "soak: $([ $rc = 0 ] && echo PASS || echo FAIL) ($((SECONDS - start)) s)"
[ $rc = 0 ] && rm -rf "$logs"
exit $rc
