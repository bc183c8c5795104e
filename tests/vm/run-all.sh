#!/bin/sh
# Runs the TAP test files in the VM (all of /tests/t/*.sh, or the ones given
# as arguments), framing each with KLAT-TEST-BEGIN/END markers that
# tests/vm/run.sh parses.  Exits non-zero if any file failed.
cd /tmp || exit 1
if [ $# -eq 0 ]; then
	set -- /tests/t/*.sh
fi
KLAT_TEST_TIMEOUT=${KLAT_TEST_TIMEOUT:-300}
failed=0
for t in "$@"; do
	case $t in
	/*) ;;
	*) t=/tests/t/$t ;;
	esac
	name=t/${t##*/}
	echo "KLAT-TEST-BEGIN $name"
	start=$(cut -d' ' -f1 /proc/uptime)
	# The watchdog makes one long nanosleep, begun before the test loads
	# klat, so no probed hrtimer_nanosleep ever sees it (busybox timeout
	# polls with a 1 s nanosleep, which tests timing that function counted).
	(
		sleep "$KLAT_TEST_TIMEOUT" &
		s=$!
		trap 'kill $s 2>/dev/null; exit 0' TERM
		wait $s
		echo "# run-all: $name did not end in ${KLAT_TEST_TIMEOUT} s: killed"
		kill -9 "$(cat /tmp/run-all.pid)" 2>/dev/null
	) &
	wd=$!
	KLAT_TEST_NAME=$name sh "$t" 2>&1 &
	echo $! > /tmp/run-all.pid
	wait $!
	rc=$?
	kill $wd 2>/dev/null
	wait $wd 2>/dev/null
	end=$(cut -d' ' -f1 /proc/uptime)
	secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
	echo "KLAT-TEST-END $name rc=$rc secs=$secs"
	[ "$rc" -eq 0 ] || failed=$((failed + 1))
	# leave no module behind for the next file
	[ -d /sys/module/klat ] && rmmod klat
done

# Whole-boot kernel log check, independent of the per-file checks.
echo "KLAT-TEST-BEGIN final-dmesg"
echo "1..1"
bad=$(dmesg | grep -E 'BUG:|WARNING:|Call Trace|Oops|general protection fault|kernel BUG|UBSAN|KASAN|refcount_t:|list_(add|del) corruption|blocked for more than|RCU stall|self-detected stall|Unable to handle')
if [ -z "$bad" ]; then
	echo "ok 1 - kernel log of the whole run is clean"
	rc=0
else
	echo "not ok 1 - kernel log of the whole run is clean"
	dmesg | tail -n 100 | sed 's/^/# /'
	rc=1
	failed=$((failed + 1))
fi
echo "KLAT-TEST-END final-dmesg rc=$rc secs=0"
exit "$failed"
