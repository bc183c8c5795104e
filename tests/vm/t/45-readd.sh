#!/bin/sh
# One write that removes a target and adds it again ("-SYM\nSYM"): the removed
# kretprobe stays armed until the end of the write (klat_target_reap()), while
# the new one is already live on the same function, so every call in between
# is timed twice and logged twice under the same target name: the log shows
# one call of a single-threaded process as overlapping events. N pairs in one
# write leave N kretprobes (each with maxactive instances) on the function
# until the write ends.
. /tests/lib.sh
klat_require
plan 5

T=$KLAT_D/targets
ok "insmod klat.ko log_size=262144" klat_load "targets=__sys_socket" log_size=262144
sockloop 0 unix dgram > /dev/null &
sl=$!
sleep 1
# 10 remove/add pairs in one write: once up to 10 kretprobes on __sys_socket at once
: > /tmp/45-cmd
i=0
while [ $i -lt 10 ]; do
	printf -- '-__sys_socket\n__sys_socket\n' >> /tmp/45-cmd
	i=$((i + 1))
done
i=0
while [ $i -lt 2 ]; do
	onewrite "$T" < /tmp/45-cmd > /dev/null
	i=$((i + 1))
done
kill $sl
wait $sl 2>/dev/null
is "$(target_row __sys_socket | cut -d' ' -f2)" active "__sys_socket is a target after the writes"
# events of sockloop, by entry time: "ts lat"; one thread makes one call at a time
log_events | grep ' comm=sockloop ' | ev_field ts_ns > /tmp/45-ts
log_events | grep ' comm=sockloop ' | ev_field lat_ns > /tmp/45-lat
n=$(wc -l < /tmp/45-ts)
dup=$(paste -d' ' /tmp/45-ts /tmp/45-lat | sort -n | awk '
	NR > 1 && $1 + 100 < end { d++ }
	{ if ($1 + $2 > end) end = $1 + $2 }
	END { print d + 0 }')
diag "sockloop events in the log: $n"
cmp_ok "$n" -gt 100 "the log holds sockloop's calls"
is "$dup" 0 "no call of the single-threaded sockloop is logged twice (overlapping events)"
dmesg_check
klat_unload
exit 0
