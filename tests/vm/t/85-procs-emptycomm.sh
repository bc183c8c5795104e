#!/bin/sh
# A process whose comm is empty (a NUL written to /proc/self/comm, or
# prctl(PR_SET_NAME, "")) gets a procs row with an empty comm field: 7 fields
# instead of 8, so every positional parser (awk, klatctl procs, top -P) is off
# by one or refuses the whole file. Any unprivileged process can do this.
. /tests/lib.sh
klat_require

plan 6

S=ksys_write
P=$KLAT_D/probes/$S/procs

ok "insmod klat.ko targets=$S" klat_load targets=$S || bail_out "cannot load klat.ko"
# a subshell names itself "" (one NUL byte), then writes: ksys_write under that comm
( printf '\000' > /proc/self/comm; i=0; while [ $i -lt 50 ]; do echo x > /dev/null; i=$((i + 1)); done )
ok "every procs row has 8 fields" awk '!/^#/ && NF != 8 { exit 1 }' $P
grep -v '^#' $P | awk 'NF != 8 { print "# bad row: " $0 }'
out=$(klatctl procs $S 2>&1)
is "$?" 0 "klatctl procs $S exits 0"
printf '%s\n' "$out" | head -5 | sed 's/^/# /'
out=$(klatctl procs --json $S 2>&1)
is "$?" 0 "klatctl procs --json $S exits 0"
klat_unload
ok "rmmod klat" true
dmesg_check
