#!/bin/sh
# Module load/unload, module parameters, debugfs layout, headers, file modes.
. /tests/lib.sh
klat_require

plan 65

klat_unload
ok "insmod klat.ko (defaults)" klat_load || bail_out "cannot load klat.ko"
ok "/sys/module/klat exists" test -d /sys/module/klat

# module parameters
for p in targets log_size maxactive; do
	ok "parameter $p exists" test -f "$KLAT_P/$p"
done
is "$(cat "$KLAT_P/targets" 2>&1)" "__sys_socket" "targets parameter defaults to __sys_socket"
is "$(cat "$KLAT_P/log_size" 2>&1)" 4096 "log_size parameter defaults to 4096"
is "$(cat "$KLAT_P/maxactive" 2>&1)" 0 "maxactive parameter defaults to 0"
is "$(mode_of "$KLAT_P/targets")" 444 "targets parameter is 0444"
is "$(mode_of "$KLAT_P/log_size")" 444 "log_size parameter is 0444"
is "$(mode_of "$KLAT_P/maxactive")" 644 "maxactive parameter is 0644"

# debugfs files and their modes
for f in targets:600 stats:400 log:400 reset:200 error_log:400 filter:600 \
	probes/__sys_socket/stats:400 probes/__sys_socket/hist:400 \
	probes/__sys_socket/errors:400 probes/__sys_socket/filter:600; do
	name=${f%:*} mode=${f#*:}
	if [ -f "$KLAT_D/$name" ]; then
		is "$(mode_of "$KLAT_D/$name")" "$mode" "$name exists with mode 0$mode"
	else
		fail "$name exists with mode 0$mode" "missing: $KLAT_D/$name"
	fi
done
ok "probes/ is a directory" test -d "$KLAT_D/probes"

# nothing under klat/ may be accessible to group or other, everything root's
bad=$(find "$KLAT_D" -type f | while read -r f; do
	m=$(stat -c %a "$f") o=$(stat -c %u:%g "$f")
	[ $((0$m & 077)) -eq 0 ] && [ "$o" = 0:0 ] || echo "$m $o $f"
done)
is "$bad" "" "all files under klat/ are root-owned with no group/other bits"
nfiles=$(find "$KLAT_D" -type f | wc -l)
cmp_ok "$nfiles" -ge 7 "found the files to check ($nfiles)"

# targets
is "$(head -n 2 "$KLAT_D/targets" | tr -s ' \t' '  ')" "# klat targets: 1
# symbol state maxactive syscall" "targets header"
# maxactive 0 (default): the kernel's default (lib.sh)
defmax=$(kernel_default_maxactive)
diag "kernel $(uname -r), $(uname -v): default maxactive $defmax"
like "$(target_row __sys_socket)" "^__sys_socket[[:space:]]+active[[:space:]]+$defmax[[:space:]]+socket\$" "targets lists __sys_socket as active, maxactive $defmax"
is "$(grep -vc '^#' "$KLAT_D/targets")" 1 "targets has exactly one row"

# stats
# columns are whitespace separated: compare with runs of blanks squeezed
is "$(head -n 2 "$KLAT_D/stats" | tr -s ' \t' '  ')" "# klat stats: 1 targets, times in ns
# target hits errors missed min_ns avg_ns p50_ns p90_ns p99_ns max_ns p999_ns stddev_ns" "stats header"
row=$(stats_row __sys_socket)
like "$row" '^__sys_socket([[:space:]]+[0-9]+){11}$' "stats has a 12-column row for __sys_socket"

# probes/__sys_socket/stats
ps=$KLAT_D/probes/__sys_socket/stats
is "$(head -n 1 "$ps")" "# klat stats for __sys_socket, times in ns" "probe stats header"
is "$(sed -n 2p "$ps")" "target: __sys_socket" "probe stats target line"
keys=$(grep -v '^#' "$ps" | sed -n '2,$p' | cut -d: -f1 | tr '\n' ' ')
is "$keys" "hits errors missed min_ns avg_ns p50_ns p90_ns p99_ns max_ns p999_ns stddev_ns sum_ns clock_back " "probe stats keys in contract order"
bad=$(grep -v '^#' "$ps" | sed -n '2,$p' | grep -Ev '^[a-z0-9_]+: [0-9]+$')
is "$bad" "" "probe stats values are unsigned numbers"

# hist
h=$KLAT_D/probes/__sys_socket/hist
like "$(head -n 1 "$h")" '^# klat histogram for __sys_socket: [0-9]+ calls$' "hist header"
is "$(sed -n 2p "$h" | tr -s ' \t' '  ')" "# low_ns high_ns count" "hist column header"

# log
like "$(head -n 1 "$KLAT_D/log")" '^# klat log: capacity 4096 events, [0-9]+ shown, [0-9]+ dropped$' "log header with capacity 4096"
is "$(sed -n 2p "$KLAT_D/log" | tr -s ' \t' '  ')" "# seq= ts_ns= cpu= pid= tgid= comm= target= ret= lat_ns= args=" "log field header"

# error_log
is "$(head -n 1 "$KLAT_D/error_log")" "# klat error_log: the 16 most recent errors, oldest first" "error_log header"

# unload
ok "rmmod klat" rmmod klat
nok "debugfs klat/ is gone after rmmod" test -e "$KLAT_D"
nok "/sys/module/klat is gone after rmmod" test -e /sys/module/klat

# targets= (empty): no targets
ok "insmod targets= (empty)" klat_load targets=
is "$(head -n 1 "$KLAT_D/targets")" "# klat targets: 0" "empty targets parameter: no targets"
is "$(grep -vc '^#' "$KLAT_D/targets")" 0 "empty targets parameter: targets has no rows"
is "$(head -n 1 "$KLAT_D/stats")" "# klat stats: 0 targets, times in ns" "empty targets parameter: stats says 0 targets"
is "$(ls "$KLAT_D/probes" | wc -l)" 0 "empty targets parameter: probes/ is empty"

# two targets from the parameter
ok "insmod targets=__sys_socket,hrtimer_nanosleep" klat_load targets=__sys_socket,hrtimer_nanosleep
is "$(head -n 1 "$KLAT_D/targets")" "# klat targets: 2" "two targets from the parameter"
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active' "hrtimer_nanosleep is active"
ok "probes/hrtimer_nanosleep/stats exists" test -f "$KLAT_D/probes/hrtimer_nanosleep/stats"
ok "probes/hrtimer_nanosleep/hist exists" test -f "$KLAT_D/probes/hrtimer_nanosleep/hist"
is "$(stats_row hrtimer_nanosleep | awk '{print $1}')" hrtimer_nanosleep "stats has a hrtimer_nanosleep row"

# log_size and maxactive parameters
ok "insmod log_size=16" klat_load log_size=16
like "$(head -n 1 "$KLAT_D/log")" '^# klat log: capacity 16 events,' "log_size=16 gives capacity 16"
is "$(cat "$KLAT_P/log_size")" 16 "log_size parameter reads 16"
ok "insmod log_size=262144 (the maximum)" klat_load log_size=262144
like "$(head -n 1 "$KLAT_D/log" 2>&1)" '^# klat log: capacity 262144 events,' "log_size=262144 gives capacity 262144"
ok "insmod log_size=1048576 (above the maximum)" klat_load log_size=1048576
like "$(head -n 1 "$KLAT_D/log" 2>&1)" '^# klat log: capacity 262144 events,' "log_size above the maximum is capped at 262144"
ok "insmod log_size=1000" klat_load log_size=1000
is "$(cat "$KLAT_P/log_size")" 1024 "log_size=1000 is rounded up to 1024 and reads back so"
ok "insmod maxactive=7 targets=hrtimer_nanosleep" klat_load maxactive=7 targets=hrtimer_nanosleep
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active[[:space:]]+7[[:space:]]+-$' "maxactive=7 applies to the parameter's targets"

ok "rmmod klat" rmmod klat
dmesg_check
