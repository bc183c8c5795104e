# klat VM test library: the klat helpers of the VM tests, and the TAP helpers
# of tests/tap.sh.  Sourced by t/*.sh.
# Runs under busybox ash inside the test VM (no bash!).  POSIX sh only.

KLAT_D=${KLAT_D:-/sys/kernel/debug/klat}
KLAT_P=${KLAT_P:-/sys/module/klat/parameters}
KLAT_KO=${KLAT_KO:-/tests/klat.ko}
KLAT_TEST_NAME=${KLAT_TEST_NAME:-${0##*/}}
export PATH="/tests/bin:$PATH"

# the TAP core, from tests/tap.sh (mkinitramfs.sh puts it beside this file)
. "${KLAT_TAP_SH:-/tests/tap.sh}"

# need_testmod: set TM to tests/vm/mod's klat_testmod.ko, or skip the file
# when this initramfs has none
need_testmod() {
	TM=${KLAT_TESTMOD:-/tests/klat_testmod.ko}
	[ -f "$TM" ] || skip_all "no $TM (tests/vm/mod, not in this initramfs)"
}

# hold_removal SYMBOL GOFILE: a reader of probes/SYMBOL/stats stuck in its
# copy to user space (tests/vm/progs/uffdhold, until GOFILE exists), then
# "-SYMBOL" written in the background, waiting for that reader. Sets
# HOLD_PID and DEL_PID; DEL_PID's write status goes to GOFILE.del.
hold_removal() {
	rm -f "$2" "$2.hold" "$2.del"
	uffdhold "$KLAT_D/probes/$1/stats" "$2" 300 > "$2.hold" 2>&1 &
	HOLD_PID=$!
	_hr=0
	while [ $_hr -lt 300 ] && ! grep -q blocked "$2.hold"; do sleep 0.1; _hr=$((_hr + 1)); done
	grep -q blocked "$2.hold" ||
		{ touch "$2"; bail_out "uffdhold did not block: $(cat "$2.hold")"; }
	sh -c "echo -$1 > $KLAT_D/targets; echo \$? > $2.del" 2>/dev/null &
	DEL_PID=$!
}

# need_userfaultfd: skip the file on a kernel without CONFIG_USERFAULTFD
# (tests/vm/progs/uffdhold needs it; the debug kernel has none)
need_userfaultfd() {
	[ -e /proc/sys/vm/unprivileged_userfaultfd ] ||
		skip_all "no userfaultfd in this kernel (CONFIG_USERFAULTFD)"
}

# ---------------------------------------------------------------- dmesg

# Put a mark into the kernel log; dmesg_check only looks after the last mark.
_klat_mark="klat-test: start $KLAT_TEST_NAME $$"
echo "$_klat_mark" > /dev/kmsg 2>/dev/null

KLAT_DMESG_BAD='BUG:|WARNING:|Call Trace|Oops|general protection fault|kernel BUG|UBSAN|KASAN|refcount_t:|list_(add|del) corruption|blocked for more than|RCU stall|rcu_sched self-detected stall|watchdog: BUG|Unable to handle'

dmesg_since_mark() {
	dmesg | awk -v m="$_klat_mark" 'index($0, m) { buf = ""; next } { buf = buf $0 "\n" } END { printf "%s", buf }'
}

# dmesg_check DESC: fails if the kernel log since this test started shows a
# BUG/WARNING/Oops/Call Trace (and prints the offending lines).
dmesg_check() {
	_bad=$(dmesg_since_mark | grep -E -- "$KLAT_DMESG_BAD")
	if [ -z "$_bad" ]; then
		pass "${1:-dmesg is clean}"
	else
		fail "${1:-dmesg is clean}" "kernel log since test start:"
		dmesg_since_mark | grep -E -m 1 -A 40 -- "$KLAT_DMESG_BAD" | diag -
	fi
}

# ---------------------------------------------------------------- klat

# kwrite FILE STRING: echo STRING > FILE; sets KW_RC (exit status) and
# KW_ERR (the shell's error text, e.g. "ash: write error: Invalid argument").
kwrite() {
	KW_ERR=$({ echo "$2" > "$1"; } 2>&1)
	KW_RC=$?
}

klat_loaded() {
	[ -d /sys/module/klat ]
}

# klat_unload: rmmod if loaded; returns rmmod's status (0 if not loaded)
klat_unload() {
	klat_loaded || return 0
	rmmod klat
}

# klat_load [PARAM=VALUE...]: (re)load the module; returns insmod's status
klat_load() {
	klat_unload || return 1
	insmod "$KLAT_KO" "$@" || return 1
	[ -d "$KLAT_D" ]
}

# kernel_default_maxactive: the maxactive the kernel gives a kretprobe registered
# with 0 (sysfs-docs/sysfs-module-klat): max(10, 2 x possible CPUs) on a preemptible
# kernel (6.1 and later here), the number of possible CPUs on one built without
# CONFIG_PREEMPTION (Debian 11's 5.10; its uname -v has no PREEMPT)
kernel_default_maxactive() {
	_np=$(awk -F- '{ print $NF + 1 }' /sys/devices/system/cpu/possible)
	case $(uname -v) in
	*PREEMPT*) echo $((2 * _np > 10 ? 2 * _np : 10)) ;;
	*) echo "$_np" ;;
	esac
}

# klat_require: bail out of the whole test file if there is no module
klat_require() {
	[ -f "$KLAT_KO" ] || bail_out "no klat.ko in the initramfs ($KLAT_KO)"
}

# stat_field SYMBOL FIELD: value of "FIELD: value" in probes/SYMBOL/stats
stat_field() {
	awk -v f="$2:" '$1 == f { print $2; found = 1 } END { exit !found }' "$KLAT_D/probes/$1/stats"
}

# stats_row SYMBOL: the data row of SYMBOL in the global stats file
stats_row() {
	awk -v s="$1" '!/^#/ && $1 == s' "$KLAT_D/stats"
}

# stats_col SYMBOL COLUMN-NAME: one column of the global stats file, looked
# up by the name in the "# target hits ..." header
stats_col() {
	awk -v s="$1" -v c="$2" '
		/^# target / { for (i = 2; i <= NF; i++) col[$i] = i - 1 }
		!/^#/ && $1 == s { if (c in col) { print $(col[c]); found = 1 } }
		END { exit !found }' "$KLAT_D/stats"
}

# target_row SYMBOL: SYMBOL's row in the targets file
target_row() {
	awk -v s="$1" '!/^#/ && $1 == s' "$KLAT_D/targets"
}

# log_events: the event lines of the log (no headers)
log_events() {
	grep -v '^#' "$KLAT_D/log"
}

# log_header_field NAME: from "# klat log: capacity C events, S shown, D dropped"
# NAME is capacity, shown or dropped
log_header_field() {
	head -n 1 "$KLAT_D/log" | awk -v w="$1" '
		/^# klat log:/ {
			for (i = 1; i <= NF; i++) {
				v = $i; gsub(/,/, "", v)
				if (w == "capacity" && $(i) == "capacity") { print $(i + 1) + 0; exit }
				if ((w == "shown" || w == "dropped") && v == w) { print $(i - 1) + 0; exit }
			}
		}'
}

# ev_field FIELD: reads event lines on stdin, prints FIELD's value per line
ev_field() {
	awk -v f="$1" '{
		for (i = 1; i <= NF; i++) {
			k = index($i, "=")
			if (k && substr($i, 1, k - 1) == f) { print substr($i, k + 1); break }
		}
	}'
}

# hist_rows SYMBOL: data rows "low high count" of probes/SYMBOL/hist
hist_rows() {
	grep -v '^#' "$KLAT_D/probes/$1/hist"
}

# mode_of PATH: octal permission bits, e.g. 600
mode_of() {
	stat -c %a "$1"
}

# ntargets: the number of targets, counted as rows of the targets file
ntargets() {
	grep -vc '^#' "$KLAT_D/targets"
}

# ntargets_header: the number of targets the targets file's header gives
# ("# klat targets: N")
ntargets_header() {
	sed -n 's/^# klat targets: \([0-9]*\)$/\1/p' "$KLAT_D/targets"
}

# errlog_last: the last error_log entry (3 lines: message, Command, caret)
errlog_last() {
	grep -v '^#' "$KLAT_D/error_log" | tail -n 3
}

# errlog_n: the number of entries in the error_log
errlog_n() {
	grep -c '^\[' "$KLAT_D/error_log"
}

# terms FILE: the terms in force of a filter file (its lines but the header)
terms() {
	grep -v '^#' "$1"
}

# snap: the log's events into /tmp/ev, for nev
snap() {
	log_events > /tmp/ev
}

# nev STRING...: number of events in /tmp/ev containing every STRING
nev() {
	_c=$(cat /tmp/ev)
	for _s in "$@"; do
		_c=$(printf '%s\n' "$_c" | grep -F -- "$_s")
	done
	if [ -z "$_c" ]; then echo 0; else printf '%s\n' "$_c" | wc -l; fi
}

# failed_with RC OUTPUT TEXT DESC: passes if a command's status RC is not 0
# and its OUTPUT holds TEXT (a grep pattern): a write, read or rmmod refused
# for the reason TEXT names
failed_with() {
	if [ "$1" -ne 0 ] && printf '%s\n' "$2" | grep -q "$3"; then
		pass "$4"
	else
		fail "$4" "rc=$1: $2"
	fi
}

# kw_refused TEXT DESC: the last kwrite failed, its error holding TEXT
kw_refused() {
	failed_with "$KW_RC" "$KW_ERR" "$1" "$2"
}

# ---------------------------------------------------------------- memory
# For the leak tests (95-memory, 97-memload); snapshots go to $MEM_DIR.

# mem_snap NAME: drop caches and shrink slabs (twice, with a pause for RCU
# callbacks between), then save meminfo (kB) and per-cache active objects
mem_snap() {
	for _k in 1 2; do
		[ $_k = 2 ] && sleep 1	# RCU callbacks of the first round's frees
		sync
		echo 3 > /proc/sys/vm/drop_caches
		for _s in /sys/kernel/slab/*/shrink; do
			echo 1 2>/dev/null > "$_s"
		done
	done
	# at once: objects freed later into a CPU's slab would count as active
	if [ -r /proc/slabinfo ]; then
		awk 'NR > 2 { print $1, $2, $4, $5 }' /proc/slabinfo > $MEM_DIR/$1.slab
	else
		: > $MEM_DIR/$1.slab
	fi
	awk '/^(MemAvailable|Slab|Percpu|VmallocUsed):/ { sub(":", "", $1); print $1, $2 }' /proc/meminfo > $MEM_DIR/$1.mem
	# free pages on the per-CPU lists are not in MemFree/MemAvailable
	awk '$1 == "count:" { c += $2 } END { print "PCP", c * 4 }' /proc/zoneinfo >> $MEM_DIR/$1.mem
	awk '{ v[$1] = $2 } END { print "AvailPCP", v["MemAvailable"] + v["PCP"] }' $MEM_DIR/$1.mem >> $MEM_DIR/$1.mem
}

# mem_delta KEY: after - before of a meminfo field, in kB
mem_delta() {
	echo $(($(awk -v k="$1" '$1 == k { print $2 }' $MEM_DIR/after.mem) - $(awk -v k="$1" '$1 == k { print $2 }' $MEM_DIR/before.mem)))
}

# mem_control_run N: the control run of the slab check: N calls of the
# test's own "control I" function, with snapshots control1, control2 and
# control3 after each third
mem_control_run() {
	_mc=0
	while [ $_mc -lt "$1" ]; do
		_mc=$((_mc + 1))
		control $_mc
		[ $_mc = $(($1 / 3)) ] && mem_snap control1
		[ $_mc = $(($1 * 2 / 3)) ] && mem_snap control2
	done
	mem_snap control3
}

# mem_cycles N WHAT: N calls of the test's own "cycle I" function, timed,
# with snapshots third1 and third2 after each third; sets MEM_BAD to the
# number of cycles that failed
mem_cycles() {
	_mc_start=$(cut -d' ' -f1 /proc/uptime)
	MEM_BAD=0
	_mc=0
	while [ $_mc -lt "$1" ]; do
		_mc=$((_mc + 1))
		cycle $_mc || { MEM_BAD=$((MEM_BAD + 1)); diag "cycle $_mc failed"; }
		[ $_mc = $(($1 / 3)) ] && mem_snap third1
		[ $_mc = $(($1 * 2 / 3)) ] && mem_snap third2
	done
	_mc_end=$(cut -d' ' -f1 /proc/uptime)
	diag "$1 $2 cycles took $(awk -v a=$_mc_start -v b=$_mc_end 'BEGIN { printf "%.1f", b - a }') s"
}

# mem_checks CYCLES: 5 tests that the snapshots before and after CYCLES
# cycles (and those of mem_cycles and mem_control_run) show no leak: Percpu,
# VmallocUsed, Slab and MemAvailable (with the per-CPU free lists) within
# bounds, and no slab cache that grew in every third beyond the control's noise
mem_checks() {
	_d=$(mem_delta Percpu)
	cmp_ok "$_d" -lt 256 "Percpu grew less than 256 KiB ($_d KiB)"
	_d=$(mem_delta VmallocUsed)
	cmp_ok "$_d" -lt 1024 "VmallocUsed grew less than 1 MiB ($_d KiB)"
	_d=$(mem_delta Slab)
	cmp_ok "$_d" -lt 1024 "Slab grew less than 1 MiB ($_d KiB)"
	_d=$(mem_delta AvailPCP)
	cmp_ok "$_d" -gt -1024 "MemAvailable + per-CPU free lists dropped less than 1 MiB ($_d KiB; MemAvailable alone $(mem_delta MemAvailable) KiB)"
	_desc="no slab cache grew in every third of the cycles by $(($1 / 6)) objects or the control's range + 1 slab"
	if [ -s $MEM_DIR/before.slab ]; then
		_g=$(mem_slableaks $(($1 / 6)) before third1 third2 after -- after control1 control2 control3)
		diag "slab caches that grew in every third (cache min thirds control-range limit):" "$(printf '%s\n' "$_g" | head -n 5)"
		is "$(printf '%s\n' "$_g" | grep -c 'LEAK?$')" 0 "$_desc"
	else
		skip "$_desc" "no /proc/slabinfo"
	fi
}

# mem_slableaks MIN SNAP... -- CSNAP...: klat's own slab growth, measured
# against the noise of a control run in the same boot.  SNAP... are the
# snapshots taken between intervals of klat's cycles, CSNAP... those of a
# control run of the same cycles without klat's work.  For every cache that
# grew in each interval of SNAP... (the signature of a leak: it accumulates,
# churn does not), prints "cache min g1,g2,... noise limit ok|LEAK?", most
# first: min is the smallest growth of an interval, noise the range (max -
# min) of the cache's active objects over CSNAP..., and limit the larger of
# MIN and noise + one slab's objects.  A cache is "LEAK?" when min >= limit:
# it grew by more than the control's churn plus a slab in every interval.
# vmap_area is left out (freed lazily, in batches).
mem_slableaks() {
	_ml_min=$1
	shift
	_ml_k= _ml_c= _ml_nk=0 _ml_in=k
	for _ml_a in "$@"; do
		if [ "$_ml_a" = -- ]; then _ml_in=c; continue; fi
		if [ $_ml_in = k ]; then
			_ml_k="$_ml_k $MEM_DIR/$_ml_a.slab"
			_ml_nk=$((_ml_nk + 1))
		else
			_ml_c="$_ml_c $MEM_DIR/$_ml_a.slab"
		fi
	done
	awk -v t="$_ml_min" -v nk=$_ml_nk '
		FNR == 1 { f++ }
		f <= nk { a[f, $1] = $2; per[$1] = $4; seen[$1] = 1; next }
		{ if (!($1 in cmin) || $2 < cmin[$1]) cmin[$1] = $2
		  if (!($1 in cmax) || $2 > cmax[$1]) cmax[$1] = $2 }
		END {
			for (n in seen) {
				if (n == "vmap_area") continue
				lo = ""; g = ""
				for (i = 2; i <= nk; i++) {
					d = a[i, n] - a[i - 1, n]
					g = g (i > 2 ? "," : "") d
					if (lo == "" || d < lo) lo = d
				}
				if (lo == "" || lo <= 0) continue
				noise = (n in cmax) ? cmax[n] - cmin[n] : 0
				lim = noise + per[n] > t ? noise + per[n] : t
				printf "%s %d %s %d %d %s\n", n, lo, g, noise, lim, (lo >= lim ? "LEAK?" : "ok")
			}
		}' $_ml_k $_ml_c | sort -k2,2nr
}
