#!/bin/sh
# Unloading while probed functions run on every CPU (sleepers sit inside
# hrtimer_nanosleep with a pending return probe), then 20 load/unload cycles
# while the sleepers keep running (without the CPU-bound sockloops, which make
# every cycle several seconds slower under TCG).
. /tests/lib.sh
klat_require

plan 17

CYCLES=20

S2=hrtimer_nanosleep


ok "insmod targets=__sys_socket,$S2" klat_load targets=__sys_socket,$S2 || bail_out "cannot load klat.ko"

percpu sockloop 0 > /dev/null 2>&1 &
sl=$!
percpu sleeper 1000000 0 > /dev/null 2>&1 &
sp=$!
sleep 2

h1=$(stat_field __sys_socket hits) h2=$(stat_field $S2 hits)
cmp_ok "$h1" -gt 100 "socket() load is being counted ($h1 hits)"
cmp_ok "$h2" -gt 20 "nanosleep load is being counted ($h2 hits)"
cpus=$(log_events | ev_field cpu | sort -u | tr '\n' ' ')
is "$cpus" "$(seq 0 $(($(nproc) - 1)) | tr '\n' ' ')" "events come from every CPU"
is "$(ps -o comm | grep -c '^sockloop$') $(ps -o comm | grep -c '^sleeper$')" "$(nproc) $(nproc)" \
	"a sockloop and a sleeper run per CPU"

# unload under load
out=$(timeout 60 rmmod klat 2>&1)
is "$?:$out" "0:" "rmmod succeeds while the probes fire"
nok "debugfs klat/ is gone" test -e "$KLAT_D"
nok "/sys/module/klat is gone" test -e /sys/module/klat
ok "the load survived the unload" kill -0 $sl $sp
dmesg_check "dmesg is clean after unload under load"
kill $sl 2>/dev/null
wait $sl 2>/dev/null

# load/unload cycles; the sleepers keep calls in flight, a short sockloop per
# cycle has __sys_socket fire too
fails=0
i=0
while [ $i -lt $CYCLES ]; do
	i=$((i + 1))
	if ! insmod "$KLAT_KO" targets=__sys_socket,$S2; then
		fails=$((fails + 1))
		diag "cycle $i: insmod failed"
		continue
	fi
	sockloop 50 > /dev/null
	[ $((i % 2)) -eq 0 ] && cat "$KLAT_D/stats" "$KLAT_D/log" > /dev/null
	if ! timeout 60 rmmod klat; then
		fails=$((fails + 1))
		diag "cycle $i: rmmod failed"
	fi
done
is "$fails" 0 "$CYCLES load/unload cycles while sleepers run"
nok "no module left after the cycles" test -e /sys/module/klat
ok "the sleepers survived the cycles" kill -0 $sp
kill $sp 2>/dev/null
wait $sp 2>/dev/null

# it still works afterwards
ok "insmod after the cycles" klat_load
sockloop 10 > /dev/null
is "$(stat_field __sys_socket hits)" 10 "counts exactly again after the cycles"
ok "rmmod klat" rmmod klat
dmesg_check
