#!/bin/sh
# Debug kernel only (tests/debug-kernel/run.sh passes it to tests/vm/run.sh
# with the VM suite; named 99- so that it runs last): kmemleak after loading,
# using and unloading klat.
#
# 1. scan twice: the reports already there (from the whole suite so far) are
#    the baseline; one that belongs to klat already fails here.
# 2. load klat with targets, drive every debugfs file (targets add/del, bad
#    lines, filters good and bad, per-target filter, reset, every read), unload
#    under load with filters set; load with no targets, add/remove some by
#    writes, set filters, unload;
#    an insmod that fails half way (a bad target after a good one).
# 3. wait past kmemleak's minimum object age (5 s), scan twice 3 s apart.
#
# Fails if any report belongs to klat.  A report belongs to klat if its
# backtrace has a frame in klat ("[klat]"), or a frame that is a bare address
# ("0xffffffffa0005973": kernel text always resolves with KALLSYMS_ALL, so
# that is a module that was unloaded, and this VM has no module but klat), or
# if it was allocated by insmod or rmmod.
# Reports that are new since the baseline but are not klat's are printed in
# full and reported as a TODO test (a leak or false positive of the kernel
# itself, which must not make klat's run flaky); read them anyway.
. /tests/lib.sh
klat_require

KML=/sys/kernel/debug/kmemleak
[ -e $KML ] || bail_out "no $KML (kernel without CONFIG_DEBUG_KMEMLEAK, or booted with kmemleak=off)"

plan 14

S=__sys_socket
S2=hrtimer_nanosleep

kml_scan() { echo scan > $KML; }
# kml_klat FILE: the reports in FILE that belong to klat (see above)
kml_klat() {
	awk '
		function flush() { if (rec != "" && mine) printf "%s", rec; rec = ""; mine = 0 }
		/^unreferenced object/ { flush() }
		{ rec = rec $0 "\n" }
		/\[klat\]/ || /\] 0x[0-9a-f]+$/ || /comm "(insmod|rmmod)"/ { mine = 1 }
		END { flush() }' "$1"
}
# kml_report FILE ADDR...: the reports of the objects at ADDR...
kml_report() {
	_f=$1
	shift
	awk -v want=" $* " '
		/^unreferenced object/ { show = index(want, " " $3 " ") > 0 }
		show' "$_f"
}

# set by tests/debug-kernel/run.sh through the kernel command line
diag "KLAT_DEBUG_KERNEL=${KLAT_DEBUG_KERNEL:-unset} KLAT_TEST_TIMEOUT=${KLAT_TEST_TIMEOUT:-unset}"

# ---- 1. baseline
s1=$( { kml_scan && sleep 3 && kml_scan; } 2>&1)
is "$?:$s1" "0:" "kmemleak scans (baseline)" || bail_out "kmemleak does not work: $s1"
cat $KML > /tmp/kml0
diag "$(grep -c '^unreferenced object' /tmp/kml0) report(s) before the klat run:"
diag - < /tmp/kml0
old=$(kml_klat /tmp/kml0)
is "$old" "" "no kmemleak report from the earlier tests belongs to klat"

# ---- 2. exercise klat
ok "insmod targets=$S,$S2,vfs_read log_size=64" klat_load targets=$S,$S2,vfs_read log_size=64 ||
	bail_out "cannot load klat.ko"
sockloop 200 > /dev/null
sockloop 20 999 > /dev/null	# EAFNOSUPPORT: the errors table
sleeper 1000 20 > /dev/null
kwrite "$KLAT_D"/targets "syscall:connect"
kwrite "$KLAT_D"/targets "-vfs_read"
kwrite "$KLAT_D"/targets "nosuch_function_xyz"	# fails: an error_log entry
kwrite "$KLAT_D"/targets "$S2"			# already there
kwrite "$KLAT_D"/filter "pid=1,2,3 comm=sockloop,sleeper log_min_ns=10 log_errors=1"
kwrite "$KLAT_D"/filter "bogus=1"			# fails
kwrite "$KLAT_D"/probes/$S/filter "comm=sockloop"
kwrite "$KLAT_D"/probes/$S/filter "pid=x"		# fails
sockloop 50 > /dev/null
connloop 5 > /dev/null 2>&1
kwrite "$KLAT_D"/filter "clear"
for f in "$KLAT_D"/* "$KLAT_D"/probes/*/*; do
	[ -f "$f" ] && [ -r "$f" ] && cat "$f" > /dev/null 2>&1
done
cmp_ok "$(stat_field $S hits)" -ge 200 "klat counted the calls"
kwrite "$KLAT_D"/reset 1
# unload with filters in force: exit must free them too
kwrite "$KLAT_D"/filter "comm=sockloop,sh"
kwrite "$KLAT_D"/probes/$S2/filter "pid=1"
sockloop 0 > /dev/null 2>&1 &
sl=$!
sleep 1
out=$(timeout 120 rmmod klat 2>&1)
is "$?:$out" "0:" "rmmod under load"
kill $sl 2>/dev/null
wait $sl 2>/dev/null

ok "insmod targets= (none)" klat_load targets=
kwrite "$KLAT_D"/targets "$S
$S2
syscall:openat"
kwrite "$KLAT_D"/targets "-$S"
kwrite "$KLAT_D"/targets "$S"
kwrite "$KLAT_D"/filter "pid=1,2 log_errors=1"
kwrite "$KLAT_D"/filter "tgid=1"		# replaces the one before
kwrite "$KLAT_D"/probes/$S/filter "log_min_ns=5"
sockloop 20 > /dev/null
sleeper 1000 5 > /dev/null
cat "$KLAT_D"/stats "$KLAT_D"/log "$KLAT_D"/targets > /dev/null
ok "rmmod" rmmod klat

out=$(insmod "$KLAT_KO" targets=$S,nosuch_function_xyz 2>&1)
isnt "$?" 0 "insmod with a bad target after a good one fails"
nok "and leaves no module" test -d /sys/module/klat

# ---- 3. settle, scan twice
sleep 6
s2=$( { kml_scan && sleep 3 && kml_scan; } 2>&1)
is "$?:$s2" "0:" "kmemleak scans (after the klat run)"
cat $KML > /tmp/kml1
n1=$(grep -c '^unreferenced object' /tmp/kml1)
diag "$n1 report(s) after the klat run"
mine=$(kml_klat /tmp/kml1)
is "$mine" "" "no kmemleak report belongs to klat"

# objects reported now, not in the baseline and not klat's (those failed
# above); busybox has no comm(1)
printf '%s\n' "$mine" > /tmp/kml1.klat
new=$(awk 'FILENAME != ARGV[3] { if (/^unreferenced object/) seen[$3] = 1; next }
	/^unreferenced object/ && !($3 in seen) { printf "%s ", $3 }' /tmp/kml0 /tmp/kml1.klat /tmp/kml1)
if [ -z "$new" ]; then
	pass "no other new kmemleak report"
else
	todo "no other new kmemleak report" "the kernel's own; read them"
	# shellcheck disable=SC2086
	kml_report /tmp/kml1 $new | diag -
fi
ok "kmemleak is still enabled" test -r $KML
dmesg_check
