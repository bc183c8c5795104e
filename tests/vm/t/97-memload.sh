#!/bin/sh
# Memory: load/unload cycles of the module leave no growth (the
# add/remove cycles are in 95-memory.sh; the two did not fit in one file's
# time budget).  CYCLES (default 90, KLAT_MEMLOAD_CYCLES) insmod/rmmod
# cycles: every 5th loads targets=__sys_socket,hrtimer_nanosleep with
# log_size=65536 (a 12 MiB log) and makes a few calls and reads, the others
# load with targets= (nothing added; the default 768 KiB log); every load
# sets a global filter (freed at unload), reads /proc/kallsyms and keeps the
# table of duplicated names until it is unloaded.  Then CYCLES control
# cycles load and unload another module (tests/vm/mod/klat_testmod.ko, when
# the initramfs has it) with the same calls and reads.  Before (after 3
# warm-up cycles), after each third and at the end of both runs, with
# caches dropped and slabs shrunk, the same limits as 95-memory.sh apply:
#
#   VmallocUsed   < 1 MiB growth: a leaked log ring is 768 KiB (or 12 MiB) a
#                 load; module text and data are vmalloc'd too
#   Percpu        < 256 KiB growth: a leaked target is 13 KiB of per-CPU
#                 figures on this 2-CPU VM
#   Slab          < 1 MiB growth, and no cache that grew in every third of
#                 the cycles by CYCLES / 6 objects or by the control run's
#                 range of that cache plus one slab, whichever is more
#                 (anything leaked per load: the global filter, module
#                 structures, sysfs and debugfs dentries and inodes; per
#                 targeted load: 10 kretprobe instances a target;
#                 vmap_area left out; see 95-memory.sh).  One 224-byte
#                 filter leaked per load (kmalloc-256, 16 a slab) is
#                 caught from about 90 cycles
#   MemAvailable + the per-CPU free lists  < 1 MiB drop (see 95-memory.sh)
#
# Timing under TCG: since klat reads /proc/kallsyms at every load (73eed85),
# a load/unload takes about 0.55 s with or without targets (0.15 s without
# before), so 200 cycles took 116 s and 1000 would take about 10 minutes;
# the default 90 take 50 to 80 s (0.55 to 0.85 s a cycle, with the host busy),
# the control cycles less.
. /tests/lib.sh
klat_require

plan 8

CYCLES=${KLAT_MEMLOAD_CYCLES:-90}
# the control run: as many cycles, or fewer for a soak (KLAT_MEMLOAD_CONTROL_CYCLES); its range of
# active objects is the noise the check allows for
CCYCLES=${KLAT_MEMLOAD_CONTROL_CYCLES:-$CYCLES}
D=$KLAT_D
M=/tmp/m97
mkdir -p $M
MEM_DIR=$M


# cycle N: one insmod/rmmod; false if a step failed
cycle() {
	if [ $(($1 % 5)) = 0 ]; then
		insmod $KLAT_KO targets=__sys_socket,hrtimer_nanosleep log_size=65536 || return 1
		echo comm=sockloop > $D/filter || { rmmod klat; return 1; }
		sockloop 5 > /dev/null
		cat $D/log $D/stats $D/probes/__sys_socket/hist > /dev/null || { rmmod klat; return 1; }
		[ "$(stat_field __sys_socket hits)" = 5 ] || { rmmod klat; return 1; }
	else
		insmod $KLAT_KO targets= || return 1
		echo comm=sockloop > $D/filter || { rmmod klat; return 1; }
	fi
	rmmod klat
}

# control N: the same work with another module (or none)
TM=${KLAT_TESTMOD:-/tests/klat_testmod.ko}
C=/tmp/c97
mkdir -p $C
: > $C/filter
control() {
	[ -f $TM ] && insmod $TM
	echo comm=sockloop > $C/filter
	if [ $(($1 % 5)) = 0 ]; then
		sockloop 5 > /dev/null
		cat /proc/self/stat /proc/self/status /proc/self/maps > /dev/null
	fi
	[ -f $TM ] && rmmod klat_testmod
	return 0
}

klat_unload
cycle 5 && cycle 1 && cycle 2
control 5; control 1; control 2
mem_snap before
mem_cycles $CYCLES load/unload
is "$MEM_BAD" 0 "$CYCLES load/unload cycles, every 5th with targets and calls"
nok "no module is left" test -e /sys/module/klat
mem_snap after
[ -f $TM ] || diag "no $TM: the control cycles load no module"
mem_control_run $CCYCLES
mem_checks $CYCLES
dmesg_check
