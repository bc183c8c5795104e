#!/bin/sh
# klatctl(8) against the real module, for what the fixtures cannot show:
# stats -i/-c and -d windows that count only the calls made in them, hist -d,
# errors -i, log -f with "# LOST N events" when the ring wraps between polls
# (N checked against the seq numbers), log -f --json, log SYMBOL, log --wall,
# and reset SYMBOL (one target zeroed, another kept, the log kept; all or
# nothing).
. /tests/lib.sh
klat_require

plan 53

S=__sys_socket
H=hrtimer_nanosleep
K=klatctl
command -v $K > /dev/null || bail_out "no klatctl in /tests/bin (run make tools first)"

# run CMD...: sets OUT (stdout), ERR (stderr), RC
run() {
	"$@" > /tmp/k83.out 2> /tmp/k83.err
	RC=$?
	OUT=$(cat /tmp/k83.out)
	ERR=$(cat /tmp/k83.err)
}
# wait_for FILE PATTERN [TENTHS]: until FILE has a line matching PATTERN (grep -E)
wait_for() {
	_w=0
	while [ $_w -lt "${3:-300}" ] && ! grep -qE -- "$2" "$1" 2> /dev/null; do
		sleep 0.1
		_w=$((_w + 1))
	done
	grep -qE -- "$2" "$1" 2> /dev/null
}
# col FILE SYMBOL N: column N of SYMBOL's rows in FILE, one a line
col() {
	awk -v s="$2" -v n="$3" '!/^#/ && $1 == s { print $n }' "$1"
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# ---------------------------------------------------------------- stats -i -c
# window 1: no call; window 2: 77 calls, made once window 1 was reported
sockloop 20 > /dev/null
$K stats -i 2 -c 2 --ns $S > /tmp/k83.win 2> /tmp/k83.winerr &
bg=$!
if wait_for /tmp/k83.win "^$S "; then
	sockloop 77 > /dev/null
fi
wait $bg
is "$?" 0 "stats -i 2 -c 2 exits 0"
is "$(grep -c '^# [0-9][0-9]:[0-9][0-9]:[0-9][0-9]$' /tmp/k83.win)" 2 "two reports, each after a '# HH:MM:SS' line"
is "$(col /tmp/k83.win $S 2 | tr '\n' ' ')" "0 77 " "hits: 0 in the first window, 77 (only its own calls) in the second"
is "$(col /tmp/k83.win $S 3 | tr '\n' ' ')" "0 0 " "errors: 0 and 0"
avg=$(col /tmp/k83.win $S 6 | tail -n 1)
like "$avg" '^[0-9]+$' "the second window has an avg_ns ($avg)"
is "$(col /tmp/k83.win $S 6 | head -n 1)" "-" "the first window (no call) has no avg"
is "$(col /tmp/k83.win $S 5 | tail -n 1):$(col /tmp/k83.win $S 11 | tail -n 1)" "-:-" \
	"min and max are '-' in a window"
is "$(cat /tmp/k83.winerr)" "" "nothing on stderr"

# ---------------------------------------------------------------- stats -d
before=$(stat_field $S hits)
$K stats -d 3 --json $S > /tmp/k83.d 2>&1 &
bg=$!
sleep 1
sockloop 33 > /dev/null
wait $bg
is "$?" 0 "stats -d 3 --json exits 0"
contains "$(cat /tmp/k83.d)" "{\"target\": \"$S\", \"hits\": 33, \"errors\": 0," \
	"stats -d: hits 33, the calls of the window (cumulative: $((before + 33)))"
is "$(grep -c '"target"' /tmp/k83.d)" 1 "stats -d: one report, one target"

# ---------------------------------------------------------------- hist -d
$K hist -d 3 $S > /tmp/k83.h 2>&1 &
bg=$!
sleep 1
sockloop 41 > /dev/null
wait $bg
is "$?" 0 "hist -d 3 exits 0"
like "$(head -n 1 /tmp/k83.h)" '^# [0-9][0-9]:[0-9][0-9]:[0-9][0-9]$' "hist -d: a stamp line first"
is "$(sed -n 2p /tmp/k83.h)" "$S: 41 calls" "hist -d: '$S: 41 calls', the window's"
is "$(grep -E '^ *[0-9]+ -> [0-9]+ +: [0-9]+' /tmp/k83.h | awk -F: '{ split($2, a, " "); s += a[1] } END { print s + 0 }')" \
	41 "hist -d: the slots' counts sum to 41"
like "$(tail -n 1 /tmp/k83.h)" '^avg = [0-9]+ nsecs, total: [0-9]+ nsecs, count: 41$' "hist -d: summary of the window"

# ---------------------------------------------------------------- errors -i
sockloop 5 999 > /dev/null	# 5 EAFNOSUPPORT before: not in any window
$K errors -i 2 -c 2 $S > /tmp/k83.e 2>&1 &
bg=$!
if wait_for /tmp/k83.e '^# +target +errno'; then
	sockloop 12 999 > /dev/null
fi
wait $bg
is "$?" 0 "errors -i 2 -c 2 exits 0"
is "$(grep -c '^# target' /tmp/k83.e)" 2 "errors -i: two reports"
is "$(awk '/^# target/ { n++ } !/^#/ { print n, $0 }' /tmp/k83.e | tr -s ' ')" \
	"2 $S 97 EAFNOSUPPORT 12" "errors -i: nothing in the first window, 12 EAFNOSUPPORT in the second"
is "$(awk '$1 == "97" { print $3 }' $KLAT_D/probes/$S/errors)" 17 "(the kernel's count is 17)"

# ---------------------------------------------------------------- log SYMBOL, --wall
run $K add $H
is "$RC" 0 "add $H"
run $K reset
sockloop 4 > /dev/null
sleeper 1000000 3 > /dev/null
run $K log $S
is "$RC:$(printf '%s\n' "$OUT" | grep -vc '^#')" "0:4" "log $S: its 4 events"
is "$(printf '%s\n' "$OUT" | awk '!/^#/ { print $7 }' | sort -u)" "$S" "log $S: no other target"
run $K log 'hrtimer_*'
is "$(printf '%s\n' "$OUT" | awk '!/^#/ { print $6 ":" $7 }' | sort | uniq -c | tr -s ' ')" \
	" 3 sleeper:$H" "log 'hrtimer_*': the 3 sleeps, nothing else"
run $K log nosuch_target
is "$RC:$(printf '%s\n' "$OUT" | grep -vc '^#')" "0:0" "log of no target: the header only"

run $K log --wall $S
now=$(date +%s)
like "$(printf '%s\n' "$OUT" | head -n 1)" '^# +seq +time +cpu +pid +tgid +comm +target +lat +ret +args$' "log --wall header"
w=$(printf '%s\n' "$OUT" | awk '!/^#/ { print $2 }' | tail -n 1)
like "$w" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$' \
	"log --wall: ISO 8601 with microseconds and offset ($w)"
# the offset of a VM without a zone is +00:00: compare with date(1)'s seconds
ws=$(date -u -d "$(printf '%s' "$w" | cut -c1-10) $(printf '%s' "$w" | cut -c12-19)" +%s 2> /dev/null)
d=$((now - ${ws:-0}))
ok "log --wall: the newest event is 0 to 10 s before now ($d s)" test "$d" -ge 0 -a "$d" -le 10

# ---------------------------------------------------------------- log -f --json
$K log -f --json -d 0.5 -c 6 $S > /tmp/k83.j 2>&1 &
bg=$!
sleep 1
sockloop 6 > /dev/null
sockloop 2 999 > /dev/null
wait $bg
is "$?" 0 "log -f --json exits 0"
is "$(grep -c "^{\"version\": 1, \"seq\": [0-9]*, .*\"target\": \"$S\"" /tmp/k83.j)" 12 \
	"log -f --json: 4 old + 8 new events, one {\"version\": 1, \"seq\": ...} a line"
is "$(grep -c '"errno_name": "EAFNOSUPPORT"' /tmp/k83.j)" 2 "log -f --json: the 2 failures have errno_name"
is "$(grep -vc '^{"version": 1, "seq": ' /tmp/k83.j)" 0 "log -f --json: no other line"

# ---------------------------------------------------------------- log -f: LOST
ok "insmod log_size=16" klat_load log_size=16
sockloop 1 > /dev/null	# seq 1: log -f has seen an event before the flood
$K log -f -r -d 1 -c 4 > /tmp/k83.f 2>&1 &
bg=$!
if wait_for /tmp/k83.f '^seq=1 '; then
	sockloop 100 > /dev/null
fi
wait $bg
is "$?" 0 "log -f -r -c 4 exits 0"
nlost=$(grep -c '^# LOST [0-9]* events$' /tmp/k83.f)
cmp_ok "$nlost" -ge 1 "a '# LOST N events' line ($nlost)"
# each LOST N is the gap between the seqs around it; events + losses = 101
bad=$(awk '
	/^# LOST / { lost = $3; tot += $3; next }
	/^seq=/ { s = substr($1, 5) + 0
		if (prev && s != prev + 1 + lost) print "seq " s " after " prev " and LOST " lost
		prev = s; lost = 0; n++ }
	END { if (n + tot != 101) print "events " n " + lost " tot " != 101" }' /tmp/k83.f)
is "$bad" "" "each LOST N is the gap in seq numbers; events + lost = 101 calls"
if [ "$nlost" = 1 ]; then
	is "$(grep -c '^seq=' /tmp/k83.f)" 17 "seq 1, then the 16 the ring kept"
	is "$(grep '^# LOST' /tmp/k83.f)" "# LOST 84 events" "LOST 84: 100 calls, 16 kept"
else
	skip "seq 1, then the 16 the ring kept" "a poll fell inside the flood"
	skip "LOST 84: 100 calls, 16 kept" "a poll fell inside the flood"
fi

# ---------------------------------------------------------------- reset SYMBOL
ok "insmod klat.ko targets=$S,$H" klat_load targets=$S,$H
sockloop 10 > /dev/null
sleeper 1000000 5 > /dev/null
nlog=$(log_events | wc -l)
run $K reset $S
is "$RC:$ERR" "0:" "reset $S exits 0, nothing on stderr"
is "$(stat_field $S hits):$(stat_field $H hits)" "0:5" "reset $S: its hits 0, $H's 5 kept"
is "$(log_events | wc -l)" "$nlog" "reset $S: the log kept ($nlog events)"
sockloop 3 > /dev/null
run $K reset syscall:socket 'hrtimer_*'
is "$RC" 0 "reset syscall:socket 'hrtimer_*' exits 0"
is "$(stat_field $S hits):$(stat_field $H hits)" "0:0" "both zeroed"
sockloop 3 > /dev/null
sleeper 1000000 2 > /dev/null
run $K reset $S nosuch_xyz
is "$RC" 1 "reset $S nosuch_xyz: exit 1"
is "$(printf '%s\n' "$ERR" | head -n 1)" "klatctl: reset nosuch_xyz: not a klat target (ENOENT); nothing was reset" \
	"it names the bad target, nothing reset"
like "$(printf '%s\n' "$ERR" | sed -n 2p)" '^\[ *[0-9.]+\] reset: error: .*\(-?ENOENT\)$' "then the kernel's error_log entry"
is "$(printf '%s\n' "$ERR" | sed -n 3p)" "  Command: nosuch_xyz" "whose command is the bad name"
is "$(stat_field $S hits):$(stat_field $H hits)" "3:2" "all or nothing: $S kept 3, $H 2"
run $K reset
is "$RC:$(stat_field $H hits):$(log_events | wc -l)" "0:0:0" "reset without a name: everything and the log"

ok "rmmod klat" rmmod klat
dmesg_check
