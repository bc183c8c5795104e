#!/bin/sh
# Figures against their documented rules, recomputed in the test:
#
# - two clearly separated latencies (NSHORT sleeps of SHORT_NS, then NLONG
#   of LONG_NS, hrtimer_nanosleep): every hist row is one documented bucket
#   and holds exactly the log's lat_ns values in its range; p50, p90, p99 and
#   p999 equal the midpoint of the bucket holding rank ceil(n * p), clamped
#   to [min_ns, max_ns], as recomputed from the hist file, and lie within
#   1/32 of the exact latency of that rank; p50 falls in the short group and
#   p99 in the long one, as the histogram's 1/32 precision shows it (a bucket's
#   midpoint may lie below the shortest long sleep); avg_ns is sum_ns / hits rounded down, stddev_ns the
#   population standard deviation of the log's values; min_ns and max_ns are
#   the log's and lie in the first and last non-empty bucket;
# - max_ns when a CPU's first call is its longest: one call after a reset
#   (hits 1, min = max = avg = the percentiles = its lat_ns), and one long
#   call followed by shorter ones on the same CPU (max_ns is the first one's);
# - functions that return kernel pointers (negative as s64): sock_alloc_file
#   counts no error and, under log_errors=1, logs nothing; its ret is shown
#   hashed; do_filp_open's ERR_PTR(-ENOENT) returns count and are logged,
#   its pointer returns are not.
. /tests/lib.sh
klat_require

plan 50

S=hrtimer_nanosleep
SHORT_NS=2000000	# 2 ms
NSHORT=90
LONG_NS=50000000	# 50 ms
NLONG=10
H=/tmp/h76
L=/tmp/lat76

# pct PER_100K: the percentile as documented, from the hist rows in $H and
# min_ns, max_ns in $min, $max
pct() {
	awk -v P="$1" -v mn="$min" -v mx="$max" '
		{ lo[NR] = $1; hi[NR] = $2; c[NR] = $3; n += $3 }
		END {
			r = int((n * P + 99999) / 100000)
			if (r < 1) r = 1
			for (i = 1; i <= NR; i++) { s += c[i]; if (s >= r) break }
			if (i > NR) { printf "%.0f\n", mx; exit }
			v = hi[i] == "18446744073709551615" ? lo[i] : lo[i] + int((hi[i] - lo[i]) / 2)
			if (v < mn + 0) v = mn
			if (v > mx + 0) v = mx
			printf "%.0f\n", v
		}' $H
}
# rank PER_100K: ceil(n * p), at least 1, for the n calls in $L
rank() {
	_n=$(wc -l < $L)
	_r=$(((_n * $1 + 99999) / 100000))
	[ $_r -lt 1 ] && _r=1
	echo $_r
}
# near P V: |P - V| <= V / 32
near() {
	awk -v p="$1" -v v="$2" 'BEGIN { d = p - v; if (d < 0) d = -d; exit !(d * 32 <= v) }'
}
# sleeps ARGS...: sleeper ARGS pinned to CPU 0; sets P to its pid
sleeps() {
	taskset -c 0 sleeper "$@" > /tmp/sl76 &
	P=$!
	wait $P
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $KLAT_D/targets $S
is "$KW_RC:$KW_ERR" "0:" "add $S"
# only our sleeps (busybox's sleep and the kernel's own callers stay out)
kwrite $KLAT_D/filter "comm=sleeper"
is "$KW_RC:$KW_ERR" "0:" "filter comm=sleeper"

# ---------------------------------------------------------------- two latencies
kwrite $KLAT_D/reset 1
sleeper $SHORT_NS $NSHORT > /dev/null
sleeper $LONG_NS $NLONG > /dev/null
N=$((NSHORT + NLONG))
cat $KLAT_D/probes/$S/stats | diag -
hist_rows $S > $H
diag - < $H
log_events | grep " comm=sleeper target=$S " | ev_field lat_ns | sort -n > $L

hits=$(stat_field $S hits)
min=$(stat_field $S min_ns) max=$(stat_field $S max_ns) avg=$(stat_field $S avg_ns)
sum=$(stat_field $S sum_ns) sd=$(stat_field $S stddev_ns)
is "$hits" $N "hits = $NSHORT + $NLONG"
is "$(wc -l < $L)" $N "log: $N events"
is "$(head -n 1 $KLAT_D/probes/$S/hist)" "# klat histogram for $S: $N calls" "hist header: $N calls"
is "$(awk '{ s += $3 } END { print s + 0 }' $H)" $N "hist rows sum to $N"
is "$(sed -n "${NSHORT}p" $L | awk -v t=$LONG_NS '{ print ($1 < t) }'):$(sed -n "$((NSHORT + 1))p" $L | awk -v t=$LONG_NS '{ print ($1 >= t) }')" "1:1" \
	"the workload: the $NSHORT fastest calls took < $LONG_NS ns, the $NLONG slowest >= $LONG_NS ns"
# every row is one bucket: low < 16: high = low; else low is a multiple of
# 2^(m-4) (2^m <= low < 2^(m+1)) and high = low + 2^(m-4) - 1
is "$(awk '{
	lo = $1 + 0; hi = $2 + 0
	if (lo < 16) { if (hi != lo) print }
	else { w = 1; while (w * 32 <= lo) w *= 2; if (lo % w || hi != lo + w - 1) print }
	}' $H)" "" "every hist row is one documented bucket (16 per power of two)"
is "$(awk 'NR == FNR { lo[NR] = $1 + 0; hi[NR] = $2 + 0; c[NR] = $3; nb = NR; next }
	{ for (i = 1; i <= nb; i++) if ($1 >= lo[i] && $1 <= hi[i]) { got[i]++; next }; print "no bucket for " $1 }
	END { for (i = 1; i <= nb; i++) if (got[i] + 0 != c[i]) print "bucket " lo[i] ": " c[i] " counted, " got[i] + 0 " in the log" }' $H $L)" "" \
	"each hist row counts exactly the log's lat_ns values in its range"
is "$min:$max" "$(head -n 1 $L):$(tail -n 1 $L)" "min_ns and max_ns are the log's smallest and largest lat_ns"
is "$sum" "$(awk '{ s += $1 } END { printf "%.0f\n", s }' $L)" "sum_ns is the sum of the log's lat_ns"
is "$avg" $((sum / hits)) "avg_ns = sum_ns / hits, rounded down"
ok "stddev_ns $sd is the population standard deviation of the log's lat_ns (within 2 ns: the floors)" \
	awk -v sd="$sd" '{ x[NR] = $1; s += $1 } END { m = s / NR; for (i = 1; i <= NR; i++) v += (x[i] - m) * (x[i] - m)
		e = v / NR; r = e > 1 ? e : 1; for (k = 0; k < 200; k++) r = (r + e / r) / 2	# sqrt(e)
		d = sd - r; if (d < 0) d = -d; exit !(d < 2) }' $L
ok "min_ns $min lies in the first non-empty bucket [$(head -n 1 $H)]" \
	awk -v v="$min" 'NR == 1 { exit !($1 <= v + 0 && v + 0 <= $2) }' $H
ok "max_ns $max lies in the last non-empty bucket [$(tail -n 1 $H)]" \
	awk -v v="$max" 'END { exit !($1 <= v + 0 && v + 0 <= $2) }' $H
for pp in 50:50000 90:90000 99:99000 999:99900; do
	name=p${pp%%:*}_ns
	got=$(stat_field $S $name)
	is "$got" "$(pct ${pp#*:})" "$name = the documented value recomputed from hist"
	r=$(rank ${pp#*:})
	v=$(sed -n "${r}p" $L)
	ok "$name $got is within 1/32 of the latency of rank $r ($v)" near "$got" "$v"
done
p50=$(stat_field $S p50_ns) p99=$(stat_field $S p99_ns)
if [ "$p50" -ge $SHORT_NS ] && [ "$p50" -lt $LONG_NS ]; then
	pass "p50_ns $p50 is in the short group"
else
	fail "p50_ns $p50 is in the short group" "expected $SHORT_NS <= p50 < $LONG_NS"
fi
LONG_LOW=$((LONG_NS - LONG_NS / 32))
if [ "$p99" -ge $LONG_LOW ] && [ "$p99" -le "$max" ]; then
	pass "p99_ns $p99 is in the long group"
else
	fail "p99_ns $p99 is in the long group" "expected $LONG_LOW <= p99 <= max $max"
fi
is "$(stats_row $S | awk '{ print $2, $5, $6, $7, $8, $9, $10, $11, $12 }')" \
	"$hits $min $avg $p50 $(stat_field $S p90_ns) $p99 $max $(stat_field $S p999_ns) $sd" \
	"the stats row shows the same figures"

# ---------------------------------------------------------------- a CPU's first call
kwrite $KLAT_D/reset 1
sleeps 5000000 1
log_events | grep " target=$S " > /tmp/ev76
lat=$(ev_field lat_ns < /tmp/ev76)
is "$(wc -l < /tmp/ev76):$(stat_field $S hits)" "1:1" "one call after reset: 1 event, hits 1"
is "$(stat_field $S min_ns) $(stat_field $S max_ns) $(stat_field $S avg_ns) $(stat_field $S sum_ns)" "$lat $lat $lat $lat" \
	"min_ns = max_ns = avg_ns = sum_ns = its lat_ns $lat"
is "$(stat_field $S p50_ns) $(stat_field $S p99_ns) $(stat_field $S p999_ns) $(stat_field $S stddev_ns)" "$lat $lat $lat 0" \
	"p50 = p99 = p999 = its lat_ns (clamped to [min, max]), stddev 0"

kwrite $KLAT_D/reset 1
sleeps $LONG_NS 1
sleeps $SHORT_NS 5
log_events | grep " target=$S " > /tmp/ev76
is "$(ev_field cpu < /tmp/ev76 | sort -u):$(wc -l < /tmp/ev76):$(stat_field $S hits)" "0:6:6" \
	"a long call then 5 short ones, all on CPU 0: 6 events, hits 6"
first=$(head -n 1 /tmp/ev76 | ev_field lat_ns)
rest=$(tail -n 5 /tmp/ev76 | ev_field lat_ns | sort -n)
cmp_ok "$first" -gt "$(echo "$rest" | tail -n 1)" "the first call ($first ns) was the longest"
is "$(stat_field $S max_ns)" "$first" "max_ns is the first call's lat_ns"
is "$(stat_field $S min_ns)" "$(echo "$rest" | head -n 1)" "min_ns is the shortest later call's lat_ns"
hist_rows $S > $H
min=$(stat_field $S min_ns) max=$(stat_field $S max_ns)
is "$(stat_field $S p999_ns)" "$(pct 99900)" "p999_ns (rank 6: the first call's bucket) = the value recomputed from hist"
kwrite $KLAT_D/filter clear
kwrite $KLAT_D/targets -$S

# ---------------------------------------------------------------- pointer returns
A=sock_alloc_file
G=do_filp_open
kwrite $KLAT_D/filter "comm=sockcall,flagcall"
kwrite $KLAT_D/targets $A
is "$KW_RC:$KW_ERR" "0:" "add $A (returns a struct file *)"
kwrite $KLAT_D/reset 1
sockcall 7 2 1 0 > /dev/null
log_events | grep " target=$A " > /tmp/ev76
is "$(stat_field $A hits):$(stat_field $A errors)" "7:0" "$A: 7 socket() calls, 7 hits, 0 errors"
is "$(wc -l < /tmp/ev76)" 7 "log: 7 events"
# %p prints (____ptrval____) until the kernel's random key is ready (early
# boot, a VM without entropy)
is "$(ev_field ret < /tmp/ev76 | grep -Evc '^([0-9a-f]{16}|\(____ptrval____\))$')" 0 \
	"log: every ret is shown as %p shows a pointer (16 hex digits, or (____ptrval____))"
kwrite $KLAT_D/probes/$A/filter "log_errors=1"
is "$KW_RC:$KW_ERR" "0:" "$A's filter: log_errors=1"
kwrite $KLAT_D/reset 1
sockcall 20 2 1 0 > /dev/null
is "$(stat_field $A hits):$(stat_field $A errors):$(stats_col $A errors)" "20:0:0" "20 more calls: hits 20, errors 0 (stats row too)"
is "$(grep -v '^#' $KLAT_D/probes/$A/errors)" "" "$A's errors file has no row"
is "$(log_events | grep -c " target=$A ")" 0 "log_errors=1: none of the 20 pointer returns is logged"

kwrite $KLAT_D/targets $G
if [ "$KW_RC" = 0 ]; then
	pass "add $G (returns a struct file * or ERR_PTR())"
	kwrite $KLAT_D/probes/$G/filter "log_errors=1"
	touch /tmp/f76
	kwrite $KLAT_D/reset 1
	flagcall open /tmp/nosuch76 0 0 0 > /tmp/o76
	flagcall open /tmp/f76 0 0 0 0 >> /tmp/o76
	is "$(sed 's/pid=[0-9]* //' /tmp/o76)" "flagcall: calls=3 ok=0 fail=3
flagcall: calls=4 ok=4 fail=0" "openat(/tmp/nosuch76) x3 failed, openat(/tmp/f76) x4 succeeded"
	is "$(stat_field $G hits)" 7 "$G: 7 hits"
	is "$(stat_field $G errors):$(grep -v '^#' $KLAT_D/probes/$G/errors)" "3:2 ENOENT 3" \
		"$G: exactly the 3 ERR_PTR(-ENOENT) returns are errors"
	is "$(log_events | grep " target=$G " | ev_field ret | sort | uniq -c | awk '{ print $1, $2 }')" "3 -2(ENOENT)" \
		"log_errors=1: the log has the 3 ERR_PTR returns only, as ret=-2(ENOENT)"
else
	skip "add $G" "$KW_ERR"
	skip "openat calls" "no $G"
	skip "$G hits" "no $G"
	skip "$G errors" "no $G"
	skip "$G log" "no $G"
fi

ok "rmmod klat" rmmod klat
dmesg_check
