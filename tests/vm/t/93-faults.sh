#!/bin/sh
# Targets that are hard on a kretprobe (called all the time, called from
# klat's own handlers, never returning) must not hang or miscount:
# - ktime_get, called all the time (timer interrupts, the scheduler): socket
#   load and reads of every file go on, no hang, exact socket() counts;
# - ktime_get_mono_fast_ns, which klat's own handlers call: its probe fires
#   inside klat's handlers, where the kernel does not recurse but counts the
#   hit as missed; no hang, exact counts for __sys_socket;
# - do_exit, which never returns: its return handler never runs, so 50
#   processes exiting give 0 hits and no log events; removing it and rmmod
#   are clean (the instances held by exiting tasks are not leaked: dmesg);
# - __sys_socket with the log on under load on every CPU, a reader reading
#   meanwhile: exact hits, and the log keeps exactly the newest `capacity`
#   events, numbered without gaps or duplicates, dropped = hits - capacity;
# - a log of one event (log_size=1), written from every CPU at once by
#   processes with different comms and arguments, read in a loop for 10 s
#   (tests/vm/progs/logcheck): every event read is whole (its args and pid
#   are those of its comm), none mixes the fields of two calls, and the
#   newest event never goes back to an older one (a writer that took its
#   sequence number early must not overwrite a newer event).
. /tests/lib.sh
klat_require

plan 37

S=__sys_socket
D=$KLAT_D
ncpu=$(nproc)

# readall: read every klat file once (output discarded), within 60 s; false
# if a read fails or it takes longer
cat > /tmp/r93.sh <<EOF
r=0
for f in $D/stats $D/log $D/targets $D/error_log $D/filter $D/probes/*/*; do
	cat "\$f" > /dev/null || r=1
done
exit \$r
EOF
readall() {
	timeout 60 sh /tmp/r93.sh
}

# klat's clock (sysfs-docs/debugfs-klat): the TSC unless the kernel marked it unstable
# before klat's first target, added at load here; unstable once, unstable for good, and
# an unstable TSC leaves available_clocksource (a TSC marked so between this check and
# the load only makes klat call ktime_get_mono_fast_ns more often than expected here)
if grep -qw tsc /sys/devices/system/clocksource/clocksource0/available_clocksource &&
	! dmesg | grep -q 'Marking TSC unstable'; then
	CLOCK=tsc
else
	CLOCK=ktime_get_mono_fast_ns
fi
diag "klat's clock: $CLOCK ($(cat /sys/devices/system/clocksource/clocksource0/available_clocksource))"
ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# ---------------------------------------------------------------- ktime_get
kwrite $D/targets ktime_get
is "$KW_RC:$KW_ERR" "0:" "ktime_get is added"
kwrite $D/reset 1
out=$(timeout 60 sockloop 500)
is "$?:$out" "0:sockloop: calls=500 ok=500 fail=0 errno=0" "500 socket() calls complete while ktime_get is probed"
is "$(stat_field $S hits)" 500 "$S counted exactly 500"
h=$(stat_field ktime_get hits)
cmp_ok "$h" -gt 0 "ktime_get is being timed ($h hits)"
ok "every file reads while ktime_get is probed" readall
cmp_ok "$(log_events | grep -c ' target=ktime_get ')" -gt 0 "the log has ktime_get events"
kwrite $D/targets -ktime_get
is "$KW_RC:$(target_row ktime_get)" "0:" "ktime_get is removed"
dmesg_check "dmesg clean after ktime_get"

# ---------------------------------------------------- ktime_get_mono_fast_ns
F=ktime_get_mono_fast_ns
kwrite $D/targets $F
if [ "$KW_RC" -ne 0 ]; then
	# refusing it would be fine too (but it is probeable on 6.1)
	skip "$F, which klat's handlers call" "not probeable here: $KW_ERR"
	skip "socket() counted exactly with $F probed" "not probeable"
	skip "$F's calls from klat's handlers count as missed" "not probeable"
	skip "$F is removed" "not probeable"
else
	pass "$F, which klat's handlers call, is added"
	kwrite $D/reset 1
	m0=$(stat_field $F missed)
	out=$(timeout 60 sockloop 100)
	is "$?:$out:$(stat_field $S hits)" "0:sockloop: calls=100 ok=100 fail=0 errno=0:100" \
		"100 socket() calls complete and are counted exactly with $F probed"
	m=$(($(stat_field $F missed) - m0))
	# one call per logged call (its entry time), and with that clock two more per timed
	# call (entry and return handler): at least 100, or 200 (300 made)
	if [ $CLOCK = tsc ]; then want=100; else want=200; fi
	cmp_ok "$m" -ge $want "$F's calls from klat's handlers count as missed ($m; clock $CLOCK)"
	kwrite $D/targets -$F
	is "$KW_RC:$(target_row $F)" "0:" "$F is removed"
fi
dmesg_check "dmesg clean after $F"

# ---------------------------------------------------------------- do_exit
kwrite $D/targets do_exit
is "$KW_RC:$KW_ERR" "0:" "do_exit is added"
kwrite $D/reset 1
i=0
while [ $i -lt 50 ]; do
	/bin/true
	i=$((i + 1))
done
sockloop 10 > /dev/null
sleep 1
is "$(stat_field do_exit hits)" 0 "50 processes exited: do_exit (never returns) has 0 hits"
is "$(log_events | grep -c ' target=do_exit ')" 0 "and no log events"
is "$(stat_field $S hits)" 10 "$S still counts exactly (10)"
ok "every file reads with do_exit probed" readall
kwrite $D/targets -do_exit
is "$KW_RC:$(target_row do_exit)" "0:" "do_exit is removed"
# once more, removed by rmmod while exiting processes hold instances
kwrite $D/targets do_exit
sleeper 200000000 1 > /dev/null &
sl=$!
sleep 0.1 2>/dev/null || sleep 1
out=$(timeout 60 rmmod klat 2>&1)
is "$?:$out" "0:" "rmmod with do_exit probed, a process exiting"
wait $sl
dmesg_check "dmesg clean after do_exit"

# ------------------------------------------------ __sys_socket, log, every CPU
N=5000
ok "insmod klat.ko" klat_load
cap=$(log_header_field capacity)
kwrite $D/reset 1
(
	i=0
	while [ $i -lt 1000 ]; do
		cat $D/log $D/stats $D/probes/$S/stats $D/probes/$S/hist > /dev/null || exit 1
		[ -e /tmp/r93.stop ] && exit 0
		i=$((i + 1))
	done
) &
rd=$!
rm -f /tmp/r93.stop
out=$(timeout 120 percpu sockloop $N)
rc=$?
touch /tmp/r93.stop
wait $rd
rrc=$?
is "$rc" 0 "sockloop $N ran on each of the $ncpu CPUs"
is "$rrc" 0 "a reader read log and stats meanwhile without errors"
tot=$((N * ncpu))
is "$(stat_field $S hits)" $tot "$S counted exactly $tot calls"
log_events > /tmp/r93.ev
shown=$(log_header_field shown)
dropped=$(log_header_field dropped)
exp_shown=$tot
[ $tot -gt $cap ] && exp_shown=$cap
is "$shown $dropped" "$exp_shown $((tot - exp_shown))" "log header: $exp_shown shown, $((tot - exp_shown)) dropped (capacity $cap)"
is "$(wc -l < /tmp/r93.ev | tr -d ' ')" "$exp_shown" "the log has $exp_shown event lines"
gaps=$(ev_field seq < /tmp/r93.ev | awk 'NR > 1 && $1 != prev + 1 { bad++ } { prev = $1 } END { print bad + 0 }')
is "$gaps" 0 "their seq numbers are consecutive (no gap, no duplicate, sorted)"
is "$(ev_field seq < /tmp/r93.ev | tail -n 1)" "$tot" "the newest event's seq is $tot (every call was logged once)"
cpus=$(ev_field cpu < /tmp/r93.ev | sort -u | wc -l)
is "$cpus" "$ncpu" "events from all $ncpu CPUs"
ok "rmmod klat" rmmod klat

# ---------------------------------------------- one ring slot, every CPU
ok "insmod log_size=1" klat_load log_size=1
B=/tmp/b93
mkdir -p $B
cp /tests/bin/sockloop $B/sockA
cp /tests/bin/sockloop $B/sockB
percpu $B/sockA 0 inet > /dev/null 2>&1 &
pa=$!
percpu $B/sockB 0 unix > /dev/null 2>&1 &
pb=$!
out=$(logcheck 10 $D/log sockA=family=AF_INET,type=SOCK_STREAM,protocol=IPPROTO_IP sockB=family=AF_UNIX,type=SOCK_STREAM,protocol=0)
rc=$?
kill $pa $pb
wait $pa $pb 2>/dev/null
diag "$out"
is "$rc:$(printf '%s\n' "$out" | grep -c 'torn:\|older:')" "0:0" "no torn event, no older event over a newer one, in 10 s of reads of a one-event log written from every CPU"
cmp_ok "$(stat_field $S hits)" -gt 1000 "the writers made many calls meanwhile"
ok "rmmod klat" rmmod klat
dmesg_check
