#!/bin/sh
# klat benchmark, guest side (busybox ash, run by tests/bench/init).
#
# usage: guest.sh [calls=N] [runs=N] [warmup=N] [scale=N] [spares=N] [rows=A+B+..]
# (from the kernel command line: klat.bench=calls=N,runs=N,...; rows default all)
#
# Every row times `sockbench loop` (socket(AF_INET, SOCK_STREAM, 0) + close()):
# WARMUP full-length runs, then RUNS runs. Nothing is printed while a loop
# runs: results go to files in /tmp, and are printed (to stdout, which init
# points at /dev/ttyS1) once everything is done. Progress lines go to the
# console between loops, each followed by a sleep so the UART has drained
# before the next loop starts.
#
# Output lines (parsed by tests/bench/run.sh):
#   INFO key=value ...
#   ROW name run=I warmup=0|1 calls=N fails=F ns=T ns_per_call=X
#   CHECK name key=value ...
#   SCALE [TYPE] key=value ...
#   FAILED name: text
calls=50000 runs=3 warmup=1 scale=500 spares=150 rows=all
for a in "$@"; do
	case $a in
	calls=* | runs=* | warmup=* | scale=* | spares=* | rows=*) eval "${a%%=*}=\${a#*=}" ;;
	*) echo "FAILED args: unknown argument $a" ;;
	esac
done
rows=$(echo "$rows" | tr + ' ')

K=/sys/kernel/debug/klat
T=/sys/kernel/tracing
KP=/sys/kernel/debug/kprobes
KLAT_KO=/tests/klat.ko
FLOOR_KO=/bench/klat_bench_floor.ko
R=/tmp/res
mkdir -p $R
: > $R/out

progress() {
	echo "bench: $*" > /dev/console
	sleep 1
}
out() { echo "$*" >> $R/out; }
fail() { out "FAILED $*"; progress "FAILED $*"; }
want() {
	[ "$rows" = all ] && return 0
	case " $rows " in *" $1 "*) return 0 ;; esac
	return 1
}
# the number of kprobes registered on __sys_socket (kprobes/list)
probes_on_socket() { grep -c ' __sys_socket+0x0 ' $KP/list 2>/dev/null; }
# row NAME: time the socket loop now, keep the run lines
row() {
	progress "row $1: $warmup warm-up + $runs runs of $calls calls ($(probes_on_socket) probe(s) on __sys_socket)"
	sockbench loop "$calls" "$runs" "$warmup" > $R/row.tmp 2>&1
	sed "s/^/ROW $1 /" $R/row.tmp >> $R/out
}
klat_hits() { awk '$1 == "__sys_socket" { print $2 }' $K/stats; }
# MemFree, Percpu and Slab (kB) as PREFIXmemfree=.. ..., and idle seconds.
# memfree counts the pages on the per-CPU free lists too (/proc/zoneinfo
# "count:"): a freed page goes there first, and those lists hold megabytes.
meminfo() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null	# fold the per-CPU vmstat diffs
	pcp=$(awk '$1 == "count:" { n += $2 } END { print n * 4 }' /proc/zoneinfo)
	awk -v p="$1" -v pcp="$pcp" '
		$1 == "MemFree:" { printf "%smemfree=%d %spcp=%d ", p, $2 + pcp, p, pcp }
		$1 == "Percpu:" || $1 == "Slab:" { sub(":", "", $1); printf "%s%s=%s ", p, tolower($1), $2 }' /proc/meminfo
	awk -v p="$1" '{ printf "%sidle_s=%s", p, $2 }' /proc/uptime
}
# Hand cached empty slabs and page cache back, so that what an allocation
# takes shows in MemFree (min_partial, set above, would otherwise hide it).
# Twice, with a pause for RCU: the socket caches free their slab pages only
# after a grace period, and those would otherwise come back in mid-measurement.
settle_mem() {
	for pass in 1 2; do
		sync
		echo 3 > /proc/sys/vm/drop_caches
		for f in /sys/kernel/slab/*/shrink; do
			echo 1 > "$f" 2>/dev/null
		done
		sleep 1
	done
}

out "INFO kernel=$(uname -r) cpus=$(nproc) clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource) calls=$calls runs=$runs warmup=$warmup scale=$scale"
out "INFO cmdline=$(tr ' ' '+' < /proc/cmdline)"
out "INFO spectre_v2=$(tr ' ' '_' < /sys/devices/system/cpu/vulnerabilities/spectre_v2) retbleed=$(tr ' ' '_' < /sys/devices/system/cpu/vulnerabilities/retbleed)"
# SLUB hands empty slabs back to the page allocator once a cache has more than
# min_partial of them, and fetches new ones later (zeroed, freelist shuffled);
# how much of that a run hits depends on how RCU batches the frees, which
# moves a run's ns per call by up to 2.5 %. Keeping every empty slab cached
# makes runs repeat to ~0.01 %. Same for every row.
for f in /sys/kernel/slab/*/min_partial; do
	echo 100000 > "$f" 2>/dev/null
done
# let boot-time work (deferred initcalls, first RCU callbacks) settle
sleep 2

# 1. base ------------------------------------------------------------------
if want base; then
	n=$(probes_on_socket)
	[ "$n" = 0 ] || fail "base: $n kprobe(s) already on __sys_socket"
	row base
fi

# 2. floor: an empty kretprobe -------------------------------------------------
if want floor; then
	if insmod $FLOOR_KO; then
		row floor
		out "CHECK floor probes_on_socket=$(probes_on_socket) kprobe=$(grep __sys_socket $KP/list | tr ' \t' '__')"
		rmmod klat_bench_floor || fail "floor: rmmod"
	else
		fail "floor: insmod $FLOOR_KO"
	fi
fi

# 3-5. klat ------------------------------------------------------------------
klat_loaded=0
if want stats || want stats_noprocs || want stats_log || want filtered || want scale; then
	if insmod $KLAT_KO log_enable=0; then
		klat_loaded=1
	else
		fail "klat: insmod $KLAT_KO log_enable=0"
	fi
fi
if [ $klat_loaded = 1 ] && want stats; then
	echo 1 > $K/reset
	row stats
	out "CHECK stats hits=$(klat_hits) expect=$(((runs + warmup) * calls)) log=$(head -n 1 $K/log | tr ' ' '_')"
fi
if [ $klat_loaded = 1 ] && want stats_noprocs; then
	# the per-process table's cost: the stats row has it on (the default)
	echo N > /sys/module/klat/parameters/procs
	echo 1 > $K/reset
	row stats_noprocs
	out "CHECK stats_noprocs hits=$(klat_hits) expect=$(((runs + warmup) * calls)) log=$(head -n 1 $K/log | tr ' ' '_')"
	echo Y > /sys/module/klat/parameters/procs
fi
if [ $klat_loaded = 1 ] && want stats_log; then
	echo 1 > $K/reset
	echo 1 > /sys/module/klat/parameters/log_enable
	row stats_log
	out "CHECK stats_log hits=$(klat_hits) expect=$(((runs + warmup) * calls)) log=$(head -n 1 $K/log | tr ' ' '_') last=$(tail -n 1 $K/log | tr ' ' '_')"
fi
if [ $klat_loaded = 1 ] && want filtered; then
	echo 1 > /sys/module/klat/parameters/log_enable
	echo 1 > $K/reset
	if echo comm=someoneelse > $K/filter; then
		row filtered
		out "CHECK filtered hits=$(klat_hits) expect=0 filter=$(grep -v '^#' $K/filter | tr ' ' '_') log=$(head -n 1 $K/log | tr ' ' '_')"
		echo clear > $K/filter
	else
		fail "filtered: cannot set the filter"
	fi
fi

# scale: 500 other targets ------------------------------------------------------
# Candidates: functions in available_filter_functions that are not in a module,
# not on the kprobe blacklist, not defined twice, and not obviously part of
# idle/exit/panic paths; evenly spread over the list (address order), so the
# choice is the same on every run with one kernel.
pick_candidates() {
	awk -v want="$1" '
		FNR == 1 { f++ }
		f == 1 { bl[$NF] = 1; next }
		f == 2 { n[$1]++; if (NF == 1) order[++m] = $1; next }
		END {
			for (i = 1; i <= m; i++) {
				s = order[i]
				if (n[s] != 1 || (s in bl) || s == "__sys_socket") continue
				if (s ~ /^__ftrace_invalid_address/ || s ~ /idle|panic|reboot|halt|power_off|^do_exit|^make_task_dead|nmi|^klat/) continue
				ok[++k] = s
			}
			if (want > k) want = k
			for (i = 0; i < want; i++) print ok[int(i * k / want) + 1]
		}' $KP/blacklist $T/available_filter_functions
}
if [ $klat_loaded = 1 ] && want scale && [ "$scale" -gt 0 ]; then
	echo 0 > /sys/module/klat/parameters/log_enable
	pick_candidates $((scale + spares)) > $R/cand
	head -n "$scale" $R/cand > $R/first
	tail -n +$((scale + 1)) $R/cand > $R/spares
	out "SCALE candidates=$(wc -l < $R/cand) usable_functions=$(pick_candidates 1000000 | wc -l) first=$(head -n 1 $R/first) last=$(tail -n 1 $R/first)"
	progress "scale: adding $scale targets"
	settle_mem
	before=$(meminfo before_)
	settle_mem	# nothing in between: how much the memory figures move by themselves
	out "SCALE memnoise $before $(meminfo after_)"
	before=$(meminfo before_)
	cp /proc/meminfo $R/meminfo.0
	sockbench write $K/targets "$scale" < $R/first > $R/add.out
	mid=$(meminfo mid_)
	settle_mem
	after=$(meminfo after_)
	out "SCALE add $(tail -n 1 $R/add.out) $before $mid $after targets=$(grep -vc '^#' $K/targets)"
	# every /proc/meminfo field that moved by 64 kB or more
	out "SCALE meminfo_add $(awk 'NR == FNR { v[$1] = $2; next } { d = $2 - v[$1]; if (d >= 64 || d <= -64) { sub(":", "", $1); printf "%s=%+d ", $1, d } }' $R/meminfo.0 /proc/meminfo)"
	scale_start_free=$(echo "$before" | tr ' ' '\n' | sed -n 's/^before_memfree=//p')
	scale_start_pcpu=$(echo "$before" | tr ' ' '\n' | sed -n 's/^before_percpu=//p')
	grep '^failed=' $R/add.out | head -n 20 | sed 's/^/SCALE add_/' >> $R/out
	sockbench readtime $K/stats 7 > $R/read.out
	out "SCALE read_stats $(cat $R/read.out) lines=$(wc -l < $K/stats)"
	sockbench readtime $K/targets 7 > $R/read.out
	out "SCALE read_targets $(cat $R/read.out)"

	# Targets the socket loop itself calls would add their own cost to it: find
	# them (hit at least once every 10 calls of a short loop), swap them for
	# spares. Untimed.
	hot_total=0
	for round in 1 2 3; do
		echo 1 > $K/reset
		sockbench loop 2000 1 0 > /dev/null
		awk '!/^#/ && $1 != "__sys_socket" && $2 >= 200 { print $1 }' $K/stats > $R/hot
		nhot=$(wc -l < $R/hot)
		[ "$nhot" -gt 0 ] || break
		hot_total=$((hot_total + nhot))
		out "SCALE hot_round=$round n=$nhot names=$(head -n 12 $R/hot | tr '\n' ',')"
		sockbench write $K/targets 100 - < $R/hot > /dev/null
		have=$(grep -vc '^#' $K/targets)
		need=$((scale + 1 - have))
		[ "$need" -gt 0 ] || continue
		head -n "$need" $R/spares > $R/fill
		tail -n +$((need + 1)) $R/spares > $R/spares.new
		mv $R/spares.new $R/spares
		sockbench write $K/targets 100 < $R/fill > /dev/null
	done
	echo 1 > $K/reset
	nt=$(grep -vc '^#' $K/targets)
	out "SCALE hot_swapped=$hot_total targets_now=$nt"
	row stats_scale
	out "CHECK stats_scale hits=$(klat_hits) expect=$(((runs + warmup) * calls)) busiest=$(grep -v '^#' $K/stats | sort -k2,2nr | head -n 4 | awk '{ printf "%s:%s,", $1, $2 }')"
	# kprobes finds the probe hit in a 64-bucket hash whose chains list the
	# newest probe first: __sys_socket, added before the others, now sits
	# behind ~N/64 of them. Added again after them, it is first in its chain.
	echo -__sys_socket > $K/targets
	echo __sys_socket > $K/targets
	row stats_scale_last
	# The floor's empty kretprobe, registered after the other targets: what
	# more probes cost a probe that is first in its chain.
	if want floor; then
		echo -__sys_socket > $K/targets
		if insmod $FLOOR_KO; then
			row floor_scale
			rmmod klat_bench_floor || fail "floor_scale: rmmod"
		else
			fail "floor_scale: insmod $FLOOR_KO"
		fi
	fi

	progress "scale: removing $((nt - 1)) targets"
	grep -v '^#' $K/targets | awk '$1 != "__sys_socket" { print $1 }' > $R/del
	settle_mem
	before=$(meminfo before_)
	sockbench write $K/targets "$scale" - < $R/del > $R/del.out
	mid=$(meminfo mid_)
	sleep 2	# let RCU-deferred frees and the percpu allocator's balance work run
	settle_mem
	after=$(meminfo after_)
	out "SCALE del $(tail -n 1 $R/del.out) $before $mid $after targets=$(grep -vc '^#' $K/targets) start_memfree=$scale_start_free start_percpu=$scale_start_pcpu"
	grep '^failed=' $R/del.out | head -n 20 | sed 's/^/SCALE del_/' >> $R/out
fi
if [ $klat_loaded = 1 ]; then
	rmmod klat || fail "klat: rmmod"
fi

# variants: /bench/var/NAME.ko, patched builds of klat (run.sh --variant) ----------
for v in /bench/var/*.ko; do
	[ -f "$v" ] || continue
	name=$(basename "$v" .ko)
	if ! insmod "$v" log_enable=0; then
		fail "variant $name: insmod"
		continue
	fi
	row "var_$name"
	echo 1 > /sys/module/klat/parameters/log_enable
	echo 1 > $K/reset
	row "var_${name}_log"
	out "CHECK var_$name hits=$(klat_hits) expect=$(((runs + warmup) * calls)) last=$(tail -n 1 $K/log | tr ' ' '_')"
	rmmod klat || fail "variant $name: rmmod"
done

# 6. ftrace kprobe_events return probe ------------------------------------------
if want kprobe_events; then
	echo 256 > $T/buffer_size_kb
	if echo 'r:klatbench __sys_socket $retval' > $T/kprobe_events &&
		echo 1 > $T/events/kprobes/klatbench/enable; then
		echo > $T/trace
		row kprobe_events
		echo 0 > $T/events/kprobes/klatbench/enable
		out "CHECK kprobe_events tracing_on=$(cat $T/tracing_on) $(awk '/^(entries|overrun):/ { sub(":", "", $1); printf "%s=%s ", $1, $2 }' $T/per_cpu/cpu0/stats)sample=$(tail -n 1 $T/trace | tr ' ' '_')"
		echo '-:klatbench' >> $T/kprobe_events || fail "kprobe_events: cannot remove the probe"
		echo > $T/trace
	else
		fail "kprobe_events: cannot create or enable the probe"
	fi
fi

# base again: drift over the boot --------------------------------------------------
if want base_end; then
	n=$(probes_on_socket)
	[ "$n" = 0 ] || fail "base_end: $n kprobe(s) still on __sys_socket"
	row base_end
fi

if dmesg | grep -qE 'BUG:|WARNING:|Oops|Call Trace'; then
	fail "kernel log has warnings:"
	dmesg | grep -E -A3 'BUG:|WARNING:|Oops' | head -n 20 | sed 's/^/FAILED dmesg: /' >> $R/out
fi
progress "done"
cat $R/out
