#!/bin/sh
# `make demo`: load klat in the VM, run a socket workload, show what klat saw.
# Runs as a TAP file so the VM harness runs it; the output is the demo.
. /tests/lib.sh

plan 3
K=/sys/kernel/debug/klat
say() { printf '\n$ %s\n' "$*"; sh -c "$*" 2>&1; }

say "insmod /tests/klat.ko"
ok "klat loaded" test -d $K
say "cat $K/targets"
say "sockloop 2000 >/dev/null; sockloop 50 999 >/dev/null   # 2000 good socket() calls, 50 failing"
say "cat $K/stats"
say "cat $K/probes/__sys_socket/hist | head -n 12"
say "cat $K/probes/__sys_socket/errors"
say "head -n 2 $K/log; grep -m 3 comm=sockloop $K/log; grep -m 2 'ret=-97' $K/log"
if [ -x /tests/bin/klatctl ]; then
	say "klatctl stats"
	say "klatctl hist __sys_socket"
fi
say "echo hrtimer_nanosleep > $K/targets; sleeper 5000000 20 >/dev/null   # 20 sleeps of 5 ms"
say "cat $K/probes/hrtimer_nanosleep/stats"
hits=$(sed -n 's/^hits: //p' $K/probes/__sys_socket/stats)
cmp_ok "$hits" -ge 2050 "socket() calls were counted"
say "rmmod klat"
ok "klat unloaded" test ! -d $K
