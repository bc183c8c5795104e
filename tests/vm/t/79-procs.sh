#!/bin/sh
# Per-process figures (probes/SYMBOL/procs): each process's calls, errors,
# total and max time, exact for a few processes; the heaviest one kept when
# hundreds of light ones churn through the 16 slots of each CPU's table; the
# per-target switch (write 0/1) and the procs module parameter; reset.
. /tests/lib.sh
klat_require

plan 27

S=__sys_socket
P=$KLAT_D/probes/$S/procs
# row TGID: the procs row of process TGID
row() { grep "^$1 " $P; }
col() { row "$1" | awk -v c="$2" '{ print $c }'; }

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
is "$(stat -c %a $P)" 600 "procs is 0600"
is "$(head -2 $P)" "# klat procs: $S, 16 slots per CPU, by total time
# tgid comm calls errors total_ns max_ns avg_ns over_ns" "header lines"

sockloop 300 inet > /tmp/a.out &
A=$!
wait $A
sockloop 40 999 > /tmp/b.out &
B=$!
wait $B
is "$(col $A 2):$(col $A 3):$(col $A 4)" "sockloop:300:0" "process A: comm, 300 calls, no errors"
is "$(col $B 3):$(col $B 4)" "40:40" "process B: 40 calls, 40 errors (EAFNOSUPPORT)"
is "$(col $A 8):$(col $B 8)" "0:0" "no error bound while the table has room"
tot=$(col $A 5)
max=$(col $A 6)
avg=$(col $A 7)
ok "total >= max > 0 ($tot >= $max)" test "$tot" -ge "$max" -a "$max" -gt 0
is "$avg" "$((tot / 300))" "avg_ns is total / calls"
first=$(sed -n 3p $P | awk '{ print $1 }')
is "$first" "$A" "rows by total time: A (300 calls) first"
# the sum over processes is the target's own count
sum=$(awk '!/^#/ { s += $3 } END { print s }' $P)
is "$sum" "$(stat_field $S hits)" "calls over all rows = the target's hits"

# klatctl reads the same table
out=$(klatctl procs $S 2>&1)
is "$?" 0 "klatctl procs $S exits 0"
is "$(printf '%s\n' "$out" | awk -v p=$A '$2 == p { print $1, $3, $4, $5 }')" "$S sockloop 300 0" \
	"klatctl procs: process A's row (target, comm, calls, errors)"
is "$(klatctl procs --json $S | grep -c "\"tgid\": $A, \"comm\": \"sockloop\", \"calls\": 300,")" 1 \
	"klatctl procs --json has process A once, with its 300 calls"

# churn: 200 short-lived processes of 2 calls each, one heavy one of 2000,
# all on CPU 0 (a process that moves to another CPU starts a slot there,
# light at first, which churn may take)
taskset 1 sockloop 2000 inet > /dev/null &
H=$!
i=0
while [ $i -lt 200 ]; do taskset 1 sockloop 2 inet > /dev/null; i=$((i + 1)); done
wait $H
is "$(col $H 3)" 2000 "the heavy process survives 200 light ones: 2000 calls counted"
is "$(col $H 8)" 0 "... exactly (it held its slot from its first call)"
rows=$(grep -vc '^#' $P)
ok "at most 16 rows a CPU ($rows)" test "$rows" -le $((16 * $(nproc)))
ok "every row has 8 fields" awk '!/^#/ && NF != 8 { exit 1 }' $P

# the per-target switch
kwrite $P 0
is "$KW_RC" 0 "echo 0 > procs"
is "$(cat $P)" "# klat procs: $S, off" "off: one header line"
sockloop 10 inet > /dev/null
kwrite $P on
is "$KW_RC" 0 "echo on > procs"
is "$(col $A 3)" 300 "nothing counted while off, what was counted kept"
kwrite $P maybe
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*Invalid argument' "a bad value: EINVAL"

# the module parameter
echo N > /sys/module/klat/parameters/procs
is "$(cat $P)" "# klat procs: $S, off" "procs=N: off for every target"
sockloop 5 inet > /tmp/c.out &
C=$!
wait $C
echo Y > /sys/module/klat/parameters/procs
is "$(row $C)" "" "a process calling while procs=N is not counted"

# reset zeroes the table with the figures
echo $S > $KLAT_D/reset
is "$(grep -vc '^#' $P)" 0 "echo $S > reset empties its table"

klat_unload
ok "rmmod klat" true
dmesg_check
