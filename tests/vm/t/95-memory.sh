#!/bin/sh
# Memory: add/remove cycles leave no growth (a leak per target would add up
# on a machine where targets come and go for months).
#
# Each cycle: one write adding 3 targets ("a\nb\nc"), a per-target filter
# written, a write of an unknown symbol (a new name each cycle: the error
# path, which must drop the name's record), the log, stats and a histogram
# read, one write removing the 3 ("-a\n-b\n-c"); every 10th cycle a reset
# (fresh per-CPU figures).  After 5 warm-up cycles, half way and at the end,
# with caches dropped (drop_caches, slab shrink, an RCU grace period or two),
# /proc/meminfo and /proc/slabinfo are compared:
#
#   Percpu        < 256 KiB growth: one target's per-CPU figures are 7568
#                 bytes per possible CPU, so a leak of them is CYCLES x 3 x
#                 13 KiB (over 4 MiB) on this 2-CPU VM
#   VmallocUsed   < 1 MiB growth: a log snapshot (every open of log) is 384
#                 KiB; leaking one per cycle would be CYCLES x 768 KiB
#   Slab          < 1 MiB growth, and no slab cache that leaks.  The
#                 cycles run in three thirds with a snapshot after each;
#                 then CYCLES control cycles (the same shell work on
#                 regular files in /tmp, klat idle) run in thirds too.  A
#                 cache leaks if its active objects grew in every third of
#                 klat's cycles by CYCLES / 6 (half of what one object
#                 leaked per cycle adds) or by the control run's range of
#                 that cache plus one slab's objects, whichever is more
#                 (mem_slableaks).  Unrelated churn moves a cache by whole
#                 slabs, up and down, even after shrinking (seen: kmalloc-8
#                 +-395, filp +87 then -64, lsm_file_cache +-170); it does
#                 not accumulate as a leak does, and the control run
#                 measures how far it goes in this boot.  A leak of one
#                 224-byte filter per cycle (kmalloc-256, 16 a slab) grows
#                 its cache by CYCLES / 3 a third: caught from about 100
#                 cycles.  Smaller objects need more cycles (the 32-byte
#                 record of a bad name: use kmemleak, tests/debug-kernel).
#                 vmap_area is left out: vfree() releases the
#                 pages at once (VmallocUsed) but the address ranges lazily,
#                 in batches, so each open of log (768 KiB kvmalloc) leaves
#                 a vmap_area until the next purge (+128 seen)
#   MemAvailable + the free pages on the per-CPU lists (/proc/zoneinfo
#                 "count:")  < 1 MiB drop: the sum of all of it.  The per-CPU
#                 lists hold up to a few MiB of freed pages that MemFree and
#                 MemAvailable do not count (seen: MemAvailable -4.5 MiB with
#                 the lists +4.5 MiB); with them added the noise is +-200 KiB
#
# CYCLES defaults to 120 (KLAT_MEM_CYCLES): a cycle takes about 0.25 to 0.35 s
# under TCG (registering and unregistering 3 kretprobes), so 1000 cycles
# would take about 6 minutes; 120 fit in the time budget of one file.
. /tests/lib.sh
klat_require

plan 13

CYCLES=${KLAT_MEM_CYCLES:-120}
# the control run: as many cycles, or fewer for a soak (KLAT_MEM_CONTROL_CYCLES); its range of
# active objects is the noise the check allows for
CCYCLES=${KLAT_MEM_CONTROL_CYCLES:-$CYCLES}
D=$KLAT_D
M=/tmp/m95
mkdir -p $M
MEM_DIR=$M

cycle() {
	_fail=0
	printf 'hrtimer_nanosleep\nksys_read\n__sys_connect\n' 2>/dev/null > $D/targets || _fail=1
	printf 'comm=sleeper,sh log_min_ns=5\n' 2>/dev/null > $D/probes/ksys_read/filter || _fail=1
	printf 'klat_nosuch_%d\n' "$1" 2>/dev/null > $D/targets && _fail=1
	cat $D/log $D/stats $D/probes/ksys_read/hist > /dev/null || _fail=1
	printf -- '-hrtimer_nanosleep\n-ksys_read\n-__sys_connect\n' 2>/dev/null > $D/targets || _fail=1
	[ $(($1 % 10)) = 0 ] && { echo 1 2>/dev/null > $D/reset || _fail=1; }
	return $_fail
}

# the control: the same shell work on regular files, klat idle
C=/tmp/c95
mkdir -p $C/probes/ksys_read
for f in targets log stats reset probes/ksys_read/filter probes/ksys_read/hist; do : > $C/$f; done
control() {
	printf 'hrtimer_nanosleep\nksys_read\n__sys_connect\n' 2>/dev/null > $C/targets
	printf 'comm=sleeper,sh log_min_ns=5\n' 2>/dev/null > $C/probes/ksys_read/filter
	printf 'klat_nosuch_%d\n' "$1" 2>/dev/null > $C/targets
	cat $C/log $C/stats $C/probes/ksys_read/hist > /dev/null
	printf -- '-hrtimer_nanosleep\n-ksys_read\n-__sys_connect\n' 2>/dev/null > $C/targets
	[ $(($1 % 10)) = 0 ] && echo 1 2>/dev/null > $C/reset
	return 0
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
i=0
while [ $i -lt 5 ]; do
	i=$((i + 1))
	cycle $((1000000 + i))
	control $i
done
mem_snap before
mem_cycles $CYCLES add/remove
is "$MEM_BAD" 0 "$CYCLES cycles: every write did what it should"
is "$(grep -v '^#' $D/targets | awk '{ print $1 }')" __sys_socket "only __sys_socket is left"
is "$(ls $D/probes)" __sys_socket "only probes/__sys_socket is left"
like "$(grep -A1 '^\[' $D/error_log | tail -n 1)" "Command: klat_nosuch_$CYCLES\$" "the last cycle's bad write is in error_log"
sockloop 10 > /dev/null
cmp_ok "$(stat_field __sys_socket hits)" -ge 10 "__sys_socket still counts"
mem_snap after
mem_control_run $CCYCLES
mem_checks $CYCLES

ok "rmmod klat" rmmod klat
dmesg_check
