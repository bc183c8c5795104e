#!/bin/sh
# Latency numbers: hrtimer_nanosleep with a sleeper doing NSLEEP sleeps of
# SLEEP_NS; min/percentiles/max/avg/stddev, hist and log must agree with
# each other and with what the sleeper measured in user space.
. /tests/lib.sh
klat_require

plan 26

S=hrtimer_nanosleep
SLEEP_NS=20000000	# 20 ms
NSLEEP=20
HI=$((SLEEP_NS * 3 / 2))	# p50 bound: 30 ms (TCG is slow; generous)
HI90=$((SLEEP_NS * 2))	# p90 bound: 40 ms
HI_MAX=$((SLEEP_NS * 5))	# max bound: 100 ms (a TCG vCPU may be descheduled on a busy host)

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite "$KLAT_D/targets" $S
is "$KW_RC:$KW_ERR" "0:" "add target $S"
kwrite "$KLAT_D/reset" 1
is "$KW_RC" 0 "reset"

sleeper $SLEEP_NS $NSLEEP > /tmp/sleeper.out &
pid=$!
wait $pid
out=$(cat /tmp/sleeper.out)
like "$out" "^sleeper: sleeps=$NSLEEP " "sleeper did $NSLEEP sleeps"
umax=$(echo "$out" | sed -n 's/.* max_ns=\([0-9]*\).*/\1/p')
utot=$(echo "$out" | sed -n 's/.* total_ns=\([0-9]*\).*/\1/p')
diag "$out"
cat "$KLAT_D/probes/$S/stats" | diag -

hits=$(stat_field $S hits)
min=$(stat_field $S min_ns) avg=$(stat_field $S avg_ns) p50=$(stat_field $S p50_ns)
p90=$(stat_field $S p90_ns) p99=$(stat_field $S p99_ns) p999=$(stat_field $S p999_ns)
max=$(stat_field $S max_ns) sum=$(stat_field $S sum_ns) sd=$(stat_field $S stddev_ns)

is "$hits" $NSLEEP "hits = $NSLEEP"
is "$(stat_field $S errors)" 0 "errors = 0"
cmp_ok "$min" -ge $SLEEP_NS "min_ns >= ${SLEEP_NS}"
if [ "$min" -le "$p50" ] && [ "$p50" -le "$p90" ] && [ "$p90" -le "$p99" ] &&
	[ "$p99" -le "$p999" ] && [ "$p999" -le "$max" ]; then
	pass "min <= p50 <= p90 <= p99 <= p999 <= max"
else
	fail "min <= p50 <= p90 <= p99 <= p999 <= max" "min=$min p50=$p50 p90=$p90 p99=$p99 p999=$p999 max=$max"
fi
cmp_ok "$p50" -lt $HI "p50_ns < $HI"
cmp_ok "$p90" -lt $HI90 "p90_ns < $HI90"
cmp_ok "$max" -lt $HI_MAX "max_ns < $HI_MAX"
cmp_ok "$max" -le "$umax" "max_ns <= the longest sleep the sleeper measured ($umax)"
cmp_ok "$sum" -le "$utot" "sum_ns <= the sleeper's total time ($utot)"
if [ "$avg" -ge "$min" ] && [ "$avg" -le "$max" ] && [ $((sum / NSLEEP - avg)) -le 1 ] && [ $((avg - sum / NSLEEP)) -le 1 ]; then
	pass "avg_ns = sum_ns / hits, within [min, max]"
else
	fail "avg_ns = sum_ns / hits, within [min, max]" "avg=$avg sum=$sum hits=$hits min=$min max=$max"
fi
cmp_ok "$sd" -le $((max - min)) "stddev_ns <= max_ns - min_ns"

# stats row agrees
is "$(stats_row $S | awk '{ print $2, $3, $5, $6, $7, $10 }')" "$hits 0 $min $avg $p50 $max" \
	"stats row agrees with probe stats (hits errors min avg p50 max)"

# hist
hist_rows $S > /tmp/hist
cat /tmp/hist | diag -
is "$(awk '{ s += $3 } END { print s + 0 }' /tmp/hist)" "$hits" "hist rows sum to hits"
is "$(awk -v t=$SLEEP_NS '$2 < t' /tmp/hist)" "" "no hist bucket lies below ${SLEEP_NS} ns"
first=$(head -n 1 /tmp/hist) last=$(tail -n 1 /tmp/hist)
ok "the first bucket [$first] contains min_ns $min" \
	awk -v v="$min" '{ exit !($1 <= v && v <= $2) }' /tmp/hist
ok "the last bucket [$last] contains max_ns $max" \
	awk -v v="$max" 'END { exit !($1 <= v && v <= $2) }' /tmp/hist
ok "a bucket at ~${SLEEP_NS} ns holds the typical sleep (low_ns <= p50 <= high_ns)" \
	awk -v v="$p50" -v t=$SLEEP_NS 'BEGIN { r = 1 } $1 <= v && v <= $2 && $1 < t * 1.2 { r = 0 } END { exit r }' /tmp/hist

# log
log_events | grep " target=$S " > /tmp/ev
is "$(grep -c " pid=$pid .* comm=sleeper target=$S ret=0 " /tmp/ev)" $NSLEEP "log: $NSLEEP events comm=sleeper ret=0"
is "$(ev_field lat_ns < /tmp/ev | awk 'NR == 1 { mn = mx = $1 } { s += $1; if ($1 < mn) mn = $1; if ($1 > mx) mx = $1 } END { print mn, mx, s }')" \
	"$min $max $sum" "log lat_ns values give the same min, max and sum"
like "$(ev_field args < /tmp/ev | sort -u)" '^0x1312d00,' "log args: the first argument is the 20 ms ktime (0x1312d00)"

ok "rmmod klat" rmmod klat
dmesg_check
