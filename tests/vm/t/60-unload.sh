#!/bin/sh
# Unloading while probed functions run on every CPU (sleepers sit inside
# hrtimer_nanosleep with a pending return probe). The 20 load/unload cycles
# under the same load are 61-unload-cycles.sh.
. /tests/lib.sh
klat_require

plan 14

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

kill $sp 2>/dev/null
wait $sp 2>/dev/null

# it still works afterwards
ok "insmod after the unload under load" klat_load
sockloop 10 > /dev/null
is "$(stat_field __sys_socket hits)" 10 "counts exactly again after the unload under load"
ok "rmmod klat" rmmod klat
dmesg_check
