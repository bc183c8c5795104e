#!/bin/sh
# A write to `reset` naming targets runs one
# synchronize_rcu() per line (klat_probe_reset, under klat_mutex), with no
# check for a pending signal. One 64 KiB write of the same name repeated
# holds the writer in D state for thousands of grace periods. Resetting
# 4000 lines must take about as long as resetting everything (one grace
# period), not thousands of them.
. /tests/lib.sh
klat_require
plan 3

ok "insmod klat.ko" klat_load targets=__sys_socket || bail_out "cannot load klat.ko"
i=0
: > /tmp/many
while [ $i -lt 4000 ]; do echo __sys_socket >> /tmp/many; i=$((i + 1)); done
t0=$(date +%s)
cat /tmp/many > $KLAT_D/reset
rc=$?
t1=$(date +%s)
is "$rc" 0 "reset with 4000 lines naming __sys_socket"
diag "took $((t1 - t0)) s"
ok "it takes under 3 s (one grace period per write, not per line)" test $((t1 - t0)) -lt 3
