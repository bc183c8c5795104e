#!/bin/sh
# __sys_socket (the default target): exact hit and error counts, the log's
# event lines (fields, comm, pid, ret, args, seq order, timestamps), and the
# consistency of stats, probe stats and hist.
. /tests/lib.sh
klat_require

plan 36

N=300	# successful socket() calls
M=40	# socket(999, SOCK_STREAM, 0) calls: EAFNOSUPPORT

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
S=__sys_socket
h0=$(stat_field $S hits) e0=$(stat_field $S errors)
up0=$(cut -d' ' -f1 /proc/uptime | tr -d .)	# centiseconds

# N good calls
sockloop $N inet > /tmp/sl.out &
pid=$!
wait $pid
is "$(cat /tmp/sl.out)" "sockloop: calls=$N ok=$N fail=0 errno=0" "sockloop made $N successful socket() calls"
h1=$(stat_field $S hits) e1=$(stat_field $S errors)
is "$((h1 - h0))" "$N" "hits grew by exactly $N"
is "$((e1 - e0))" 0 "errors did not grow"

log_events > /tmp/log1
grep " comm=sockloop " /tmp/log1 | grep " pid=$pid " > /tmp/mine1
is "$(wc -l < /tmp/mine1)" "$N" "log has exactly $N events of this sockloop (pid $pid)"
is "$(grep -c "comm=sockloop" /tmp/log1)" "$N" "log has exactly $N events with comm=sockloop"
is "$(ev_field target < /tmp/mine1 | sort -u)" "$S" "the events are for target=$S"
is "$(ev_field tgid < /tmp/mine1 | sort -u)" "$pid" "tgid= equals the process id"
bad=$(ev_field ret < /tmp/mine1 | grep -Ev '^[0-9]+$' | head -n 3)
is "$bad" "" "every ret= is a non-negative fd"
# args: decoded by the syscall table (sysfs-docs/debugfs-klat)
is "$(ev_field args < /tmp/mine1 | sort -u)" "family=AF_INET,type=SOCK_STREAM,protocol=IPPROTO_IP" "args= shows socket(AF_INET, SOCK_STREAM, 0)"

# M failing calls
sockloop $M 999 > /tmp/sl.out &
pid2=$!
wait $pid2
is "$(cat /tmp/sl.out)" "sockloop: calls=$M ok=0 fail=$M errno=97" "sockloop made $M failing socket(999, ...) calls"
h2=$(stat_field $S hits) e2=$(stat_field $S errors)
is "$((e2 - e1))" "$M" "errors grew by exactly $M"
is "$((h2 - h1))" "$M" "hits grew by exactly $M (failed calls are hits too)"
log_events > /tmp/log2
grep " pid=$pid2 " /tmp/log2 > /tmp/mine2
is "$(wc -l < /tmp/mine2)" "$M" "log has exactly $M events of the failing sockloop"
# ret=-97 followed by the errno's name (sysfs-docs/debugfs-klat)
is "$(ev_field ret < /tmp/mine2 | sort -u)" "-97(EAFNOSUPPORT)" "every failing call is logged with ret=-97(EAFNOSUPPORT)"
is "$(grep -c ' ret=-97(EAFNOSUPPORT) ' /tmp/log2)" "$M" "exactly $M events with ret=-97 in the log"
is "$(ev_field args < /tmp/mine2 | sort -u)" "family=999,type=SOCK_STREAM,protocol=0" "args= shows socket(999, SOCK_STREAM, 0)"

# the whole log: format, order, values
fmt_bad=$(grep -Ev '^seq=[0-9]+ ts_ns=[0-9]+ cpu=[0-9]+ pid=[0-9]+ tgid=[0-9]+ comm=[^ ]+ target=[^ ]+ ret=-?[0-9]+(\([A-Z0-9]+\))? lat_ns=[0-9]+ args=[^ ]+$' /tmp/log2 | head -n 3)
is "$fmt_bad" "" "every event line has seq ts_ns cpu pid tgid comm target ret lat_ns args, in order"
is "$(grep -vc ' comm=' /tmp/log2)" 0 "every event line has a comm= field"
nonmono=$(ev_field seq < /tmp/log2 | awk 'NR > 1 && $1 <= prev { print NR ": " prev " then " $1; n++ } { prev = $1 } END { exit 0 }' | head -n 3)
is "$nonmono" "" "seq numbers are strictly increasing"
cmp_ok "$(wc -l < /tmp/log2)" -ge $((N + M)) "log holds at least the $((N + M)) events"
like "$(head -n 1 "$KLAT_D/log")" "^# klat log: capacity 4096 events, $(wc -l < /tmp/log2) shown, 0 dropped$" "log header counts the shown events and 0 dropped"
ncpu=$(nproc)
badcpu=$(ev_field cpu < /tmp/log2 | awk -v n="$ncpu" '$1 >= n' | head -n 1)
is "$badcpu" "" "cpu= is an online CPU"
zero=$(cat /tmp/mine1 /tmp/mine2 | ev_field lat_ns | awk '$1 <= 0' | head -n 1)
is "$zero" "" "lat_ns= is positive"
up1=$(cut -d' ' -f1 /proc/uptime | tr -d .)
badts=$(cat /tmp/mine1 /tmp/mine2 | ev_field ts_ns | awk -v a="$up0" -v b="$up1" \
	'{ cs = $1 / 10000000 } cs < a - 100 || cs > b + 100 { print; exit }')
is "$badts" "" "ts_ns= is CLOCK_MONOTONIC time within this test"
tsorder=$(ev_field ts_ns < /tmp/mine1 | awk 'NR > 1 && $1 < prev { print; exit } { prev = $1 }')
is "$tsorder" "" "ts_ns= increases along one process's calls"

# stats vs probe stats vs hist
hits=$(stat_field $S hits)
is "$(stats_col $S hits)" "$hits" "stats and probes/$S/stats agree on hits"
is "$(stats_col $S errors)" "$(stat_field $S errors)" "stats and probes/$S/stats agree on errors"
is "$(stat_field $S missed)" 0 "missed is 0"
hsum=$(hist_rows $S | awk '{ s += $3 } END { print s + 0 }')
is "$hsum" "$hits" "hist rows sum to hits"
like "$(head -n 1 "$KLAT_D/probes/$S/hist")" "^# klat histogram for $S: $hits calls$" "hist header shows the call count"
badrows=$(hist_rows $S | awk 'NF != 3 || $1 > $2 || $3 <= 0 || (NR > 1 && $1 <= phigh) { print; exit } { phigh = $2 }')
is "$badrows" "" "hist rows are ascending, non-overlapping, non-empty buckets"

min=$(stat_field $S min_ns) avg=$(stat_field $S avg_ns) p50=$(stat_field $S p50_ns)
p90=$(stat_field $S p90_ns) p99=$(stat_field $S p99_ns) p999=$(stat_field $S p999_ns)
max=$(stat_field $S max_ns) sum=$(stat_field $S sum_ns)
ord="min=$min p50=$p50 p90=$p90 p99=$p99 p999=$p999 max=$max avg=$avg"
if [ "$min" -gt 0 ] && [ "$min" -le "$p50" ] && [ "$p50" -le "$p90" ] && [ "$p90" -le "$p99" ] &&
	[ "$p99" -le "$p999" ] && [ "$p999" -le "$max" ] && [ "$min" -le "$avg" ] && [ "$avg" -le "$max" ]; then
	pass "0 < min <= p50 <= p90 <= p99 <= p999 <= max, min <= avg <= max"
else
	fail "0 < min <= p50 <= p90 <= p99 <= p999 <= max, min <= avg <= max" "$ord"
fi
d=$((sum / hits - avg))
if [ "${d#-}" -le 1 ]; then pass "avg_ns = sum_ns / hits"; else fail "avg_ns = sum_ns / hits" "sum=$sum hits=$hits avg=$avg"; fi

ok "rmmod klat" rmmod klat
dmesg_check
