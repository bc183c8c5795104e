#!/bin/sh
# klatctl(8) against the real module: list, add (name, syscall:, glob), del,
# stats (table, --json, --prometheus), hist, log, filter, reset, top -b, and
# the error paths (unknown symbol, unknown command, --root not at klat, add -n
# of untraceable names, module not loaded,
# debugfs not mounted, not root).
. /tests/lib.sh
klat_require

plan 86

S=__sys_socket
N=123
K=klatctl
command -v $K > /dev/null || bail_out "no klatctl in /tests/bin (run make tools first)"

# run CMD...: sets OUT (stdout), ERR (stderr), RC
run() {
	"$@" > /tmp/k80.out 2> /tmp/k80.err
	RC=$?
	OUT=$(cat /tmp/k80.out)
	ERR=$(cat /tmp/k80.err)
}
# listed SYMBOL: true if SYMBOL is a data row of `klatctl list` (in $OUT)
listed() {
	printf '%s\n' "$OUT" | awk -v s="$1" '!/^#/ && $1 == s { f = 1 } END { exit !f }'
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# ---------------------------------------------------------------- list
run $K list
is "$RC" 0 "klatctl list exits 0"
like "$OUT" '^# target +state +maxactive +syscall$' "list has the '# target state maxactive' header"
like "$OUT" "^$S +active +[0-9]+ +socket$" "list shows $S active after insmod"

# ---------------------------------------------------------------- add / del
run $K add hrtimer_nanosleep
is "$RC:$ERR" "0:" "klatctl add hrtimer_nanosleep exits 0, nothing on stderr"
run $K list
if listed hrtimer_nanosleep; then pass "list shows hrtimer_nanosleep"; else fail "list shows hrtimer_nanosleep" "$OUT"; fi
ok "probes/hrtimer_nanosleep/ exists" test -d $KLAT_D/probes/hrtimer_nanosleep
is "$(target_row hrtimer_nanosleep | awk '{ print $2 }')" active "the kernel's targets file has it active"

run $K add syscall:connect
is "$RC:$ERR" "0:" "klatctl add syscall:connect exits 0"
# the function implementing connect(2): __x64_sys_connect or __sys_connect
run $K list
cn=$(printf '%s\n' "$OUT" | awk '!/^#/ && $1 ~ /sys_connect$/ { print $1 }')
isnt "$cn" "" "list shows the connect syscall's function ($cn)"

run $K add -n 'tcp_v4_*'
is "$RC" 0 "klatctl add -n 'tcp_v4_*' exits 0"
printf '%s\n' "$OUT" | grep -v '^$' > /tmp/k80.glob
ng=$(wc -l < /tmp/k80.glob)
cmp_ok "$ng" -gt 1 "the glob expands to several functions ($ng)"
bad=$(grep -v '^tcp_v4_' /tmp/k80.glob | head -n 3)
is "$bad" "" "every expansion starts with tcp_v4_"
run $K add 'tcp_v4_*'
is "$RC" 0 "klatctl add 'tcp_v4_*' exits 0"
unlike "$ERR" 'EADDRNOTAVAIL|several kernel functions|ambiguous' "no ambiguous function among the glob's matches"
run $K list
missing=
while read -r f; do
	listed "$f" || missing="$missing $f"
done < /tmp/k80.glob
is "$missing" "" "each of the $ng tcp_v4_* functions is listed"
nl=$(printf '%s\n' "$OUT" | awk '!/^#/ && $1 ~ /^tcp_v4_/' | wc -l)
is "$nl" "$ng" "list has exactly $ng tcp_v4_* rows"

run $K del hrtimer_nanosleep
is "$RC" 0 "klatctl del hrtimer_nanosleep exits 0"
run $K list
if listed hrtimer_nanosleep; then fail "hrtimer_nanosleep no longer listed" "$OUT"; else pass "hrtimer_nanosleep no longer listed"; fi
ok "probes/hrtimer_nanosleep/ is gone" test ! -e $KLAT_D/probes/hrtimer_nanosleep

run $K del --all
is "$RC" 0 "klatctl del --all exits 0"
run $K list
is "$(printf '%s\n' "$OUT" | grep -vc '^#')" 0 "list is empty after del --all"
is "$(grep -vc '^#' $KLAT_D/targets)" 0 "the kernel's targets file is empty too"

run $K add nosuch_function_xyz
cmp_ok "$RC" -ne 0 "klatctl add nosuch_function_xyz exits non-zero ($RC)"
like "$(printf '%s\n' "$ERR" | head -n 1)" '^klatctl: .*nosuch_function_xyz.*unknown kernel symbol' \
	"its first error line names the symbol: unknown kernel symbol"
is "$(printf '%s\n' "$ERR" | grep -c '^klatctl:')" 1 "exactly one 'klatctl:' error line"

# ---------------------------------------------------------------- stats
run $K add $S
is "$RC" 0 "klatctl add $S"
run $K reset
is "$RC" 0 "klatctl reset exits 0"
is "$(sockloop $N inet)" "sockloop: calls=$N ok=$N fail=0 errno=0" "sockloop made $N socket() calls"

run $K stats
is "$RC" 0 "klatctl stats exits 0"
like "$OUT" '^# target +hits +errors +missed +min +avg +p50' "stats table header"
is "$(printf '%s\n' "$OUT" | awk -v s=$S '!/^#/ && $1 == s { print $2 }')" "$N" "stats: $S hits column == $N"
is "$(printf '%s\n' "$OUT" | awk -v s=$S '!/^#/ && $1 == s { print $3 }')" 0 "stats: $S errors column == 0"
like "$(printf '%s\n' "$OUT" | awk -v s=$S '!/^#/ && $1 == s { print $5 }')" '^[0-9.]+(ns|us|ms|s)$' "stats: min has a unit"

run $K stats --json
is "$RC" 0 "klatctl stats --json exits 0"
printf '%s\n' "$OUT" > /tmp/k80.json
jbad=$(awk '
	NR == 1 { if ($0 != "{\"version\": 1, \"targets\": [") print "line 1: " $0; next }
	{ l[NR] = $0 }
	END {
		if (l[NR] != "]}") print "last line: " l[NR]
		for (i = 2; i < NR; i++) {
			want = (i < NR - 1) ? "," : ""
			if (l[i] !~ /^ *\{"target": "[^"]*"(, "[a-z0-9_]+": -?[0-9]+)+\},?$/) print "line " i ": " l[i]
			else if ((l[i] ~ /,$/) != (want == ",")) print "comma at line " i ": " l[i]
		}
	}' /tmp/k80.json)
is "$jbad" "" "--json: '{\"version\": 1, \"targets\": [', one {\"target\": ..., \"key\": number...} object per line, ']}'"
contains "$OUT" "{\"target\": \"$S\", \"hits\": $N, \"errors\": 0, \"missed\": 0," "--json: $S object has \"hits\": $N"
is "$(grep -c '"target": ' /tmp/k80.json)" 1 "--json: one object (one target)"

run $K stats --prometheus
is "$RC" 0 "klatctl stats --prometheus exits 0"
contains "$OUT" "klat_calls_total{target=\"$S\"} $N" "--prometheus: klat_calls_total{target=\"$S\"} $N"
contains "$OUT" "klat_errors_total{target=\"$S\"} 0" "--prometheus: klat_errors_total 0"
contains "$OUT" "klat_latency_seconds_bucket{target=\"$S\",le=\"+Inf\"} $N" "--prometheus: +Inf bucket == $N"
contains "$OUT" "klat_latency_seconds_count{target=\"$S\"} $N" "--prometheus: _count == $N"
like "$OUT" '^# TYPE klat_calls_total counter$' "--prometheus: TYPE line for klat_calls_total"

# ---------------------------------------------------------------- hist
run $K hist $S
is "$RC" 0 "klatctl hist $S exits 0"
is "$(printf '%s\n' "$OUT" | head -n 1)" "$S: $N calls" "hist first line: '$S: $N calls'"
like "$(printf '%s\n' "$OUT" | sed -n 2p)" '^ +nsecs +: count +distribution$' "hist: funclatency-style column header"
printf '%s\n' "$OUT" | grep -E '^ *[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]*\|$' > /tmp/k80.hist
is "$(awk -F: '{ split($2, a, " "); s += a[1] } END { print s + 0 }' /tmp/k80.hist)" "$N" "hist counts sum to $N"
# a full bar for each slot with the largest count (two slots can tie), a shorter one
# (count * 40 / max, rounded down) for every other
max=$(awk -F: '{ split($2, a, " "); if (a[1] + 0 > m) m = a[1] + 0 } END { print m + 0 }' /tmp/k80.hist)
nmax=$(awk -F: -v m="$max" '{ split($2, a, " "); if (a[1] + 0 == m) n++ } END { print n + 0 }' /tmp/k80.hist)
is "$(grep -c '|\*\{40\}|' /tmp/k80.hist)" "$nmax" "hist: a full 40-star bar for each of the $nmax slot(s) with the largest count ($max)"
is "$(printf '%s\n' "$OUT" | sed 1,2d | sed '/^$/,$d' | grep -cvE '^ *[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$')" 0 "hist: every row is 'low -> high : count |bar|'"
like "$(printf '%s\n' "$OUT" | tail -n 1)" "^avg = [0-9]+ nsecs, total: [0-9]+ nsecs, count: $N\$" "hist: funclatency's summary line, count: $N"

# ---------------------------------------------------------------- log
run $K log
is "$RC" 0 "klatctl log exits 0"
like "$(printf '%s\n' "$OUT" | head -n 1)" '^# +seq +time_s +cpu +pid +tgid +comm +target +lat +ret +args$' "log header"
is "$(printf '%s\n' "$OUT" | awk '!/^#/ && $6 == "sockloop" && $7 == "'$S'"' | wc -l)" "$N" "log: $N rows with comm sockloop, target $S"

# ---------------------------------------------------------------- filter
run $K filter comm=sockA
is "$RC" 0 "klatctl filter comm=sockA exits 0"
run $K filter
is "$RC:$(printf '%s\n' "$OUT" | grep -v '^#')" "0:comm=sockA" "klatctl filter prints comm=sockA back"
run $K filter colour=red
cmp_ok "$RC" -ne 0 "klatctl filter colour=red exits non-zero ($RC)"
like "$(printf '%s\n' "$ERR" | head -n 1)" "^klatctl: filter: invalid filter 'colour=red'" "bad filter term: error names it"
run $K filter
is "$(printf '%s\n' "$OUT" | grep -v '^#')" "comm=sockA" "the old filter is kept"
run $K filter clear
is "$RC:$(grep -vc '^#' $KLAT_D/filter)" "0:0" "klatctl filter clear empties the filter"

# ---------------------------------------------------------------- reset
run $K reset
is "$RC" 0 "klatctl reset exits 0"
run $K stats
is "$(printf '%s\n' "$OUT" | awk -v s=$S '!/^#/ && $1 == s { print $2 "," $3 "," $5 }')" "0,0,-" "after reset: hits 0, errors 0, min -"
run $K log
is "$(printf '%s\n' "$OUT" | grep -vc '^#')" 0 "after reset: the log is empty"
run $K hist $S
is "$OUT" "$S: 0 calls" "after reset: hist prints the first line only"

# ---------------------------------------------------------------- top
sockloop 0 inet > /dev/null &
bg=$!
sleep 1
run timeout 20 $K top -b -n 2 -d 1
kill $bg 2> /dev/null
wait $bg 2> /dev/null
is "$RC" 0 "klatctl top -b -n 2 -d 1 exits 0"
is "$(printf '%s\n' "$OUT" | grep -c '^klat top: ')" 2 "top -b -n 2 prints 2 frames"
is "$(printf '%s\n' "$OUT" | awk -v s=$S '$1 == s && $2 + 0 > 0' | wc -l)" 2 "each frame has a $S row with calls/s > 0"
unlike "$OUT" "$(printf '\033')" "top -b prints no escape sequences"

# ---------------------------------------------------------------- errors
run $K frobnicate
is "$RC" 2 "unknown subcommand exits 2 (usage error)"
like "$ERR" "^klatctl: unknown command 'frobnicate'" "unknown subcommand: message names it"

run $K del nosuch_function_xyz
is "$RC:$ERR" "1:klatctl: del nosuch_function_xyz: not a klat target (ENOENT)" "del of a non-target: exit 1, one-line message"
run $K stats nosuch_function_xyz
is "$RC" 1 "stats of a non-target exits 1"
run $K hist
is "$RC" 2 "hist without SYMBOL is a usage error (2)"

# --root at the debugfs mount: klat is not there, which is not the kernel's ENOENT
run $K --root /sys/kernel/debug add vfs_read
is "$RC" 3 "--root /sys/kernel/debug: add exits 3"
contains "$ERR" "klat is not at --root; did you mean --root /sys/kernel/debug/klat?" "--root /sys/kernel/debug: says where klat is"
run $K --root /sys/kernel/debug reset
is "$RC" 3 "--root /sys/kernel/debug: reset exits 3"
# add -n checks names against the kernel's lists
run $K add -n nosuch_function_xyz vfs_read
is "$RC:$OUT" "1:vfs_read" "add -n: exit 1, prints only the traceable name"
contains "$ERR" "add: nosuch_function_xyz: not traceable" "add -n: says which name is not traceable"
run $K add -n syscall:nosuch syscall:socket
is "$RC:$OUT" "1:syscall:socket" "add -n: an unknown syscall fails, a known one is printed"

# not root: a passwd entry for nobody, then busybox su (as root, no password)
cp /etc/passwd /tmp/k80.passwd
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> /etc/passwd
run su -s /bin/sh nobody -c "id -u; $(command -v $K) list"
cp /tmp/k80.passwd /etc/passwd
if [ "$(head -n 1 /tmp/k80.out)" != 65534 ]; then
	skip "not root: klatctl list fails with the not-root message" "cannot run as uid 65534 (su: $ERR)"
else
	if [ "$RC" -ne 0 ] && printf '%s\n' "$ERR" | grep -q 'permission denied (EACCES); klatctl must run as root'; then
		pass "not root: klatctl list fails with the not-root message"
	else
		fail "not root: klatctl list fails with the not-root message" "rc=$RC" "stderr: $ERR" "stdout: $OUT"
	fi
fi

ok "rmmod klat" rmmod klat
run $K list
failed_with "$RC" "$ERR" 'the klat module is not loaded' "after rmmod: klatctl list fails, says the module is not loaded"
is "$RC" 3 "after rmmod: klatctl list exits 3"

umount /sys/kernel/debug
run $K list
mount -t debugfs debugfs /sys/kernel/debug
failed_with "$RC" "$ERR" 'debugfs is not mounted on /sys/kernel/debug; mount it with: mount -t debugfs none /sys/kernel/debug' "debugfs unmounted: klatctl list fails, says how to mount it"
ok "debugfs is mounted again" test -d /sys/kernel/debug/kprobes

dmesg_check
