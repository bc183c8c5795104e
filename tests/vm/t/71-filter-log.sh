#!/bin/sh
# Filters that only thin out the log (so a busy target logs only its slow or
# failing calls, while its stats stay whole): log_min_ns=N (global and
# per-target; hrtimer_nanosleep with 1 ms and 30 ms sleeps) and log_errors=1
# (failing socket(999, ...) calls logged, successes only counted), also
# combined with comm=.  Stats always count every call that passes pid/tgid/comm.
. /tests/lib.sh
klat_require

plan 46

S=__sys_socket
T=hrtimer_nanosleep
F=$KLAT_D/filter
MIN=15000000	# log_min_ns: between the 1 ms and the 30 ms sleeps
B=/tmp/b71
mkdir -p $B
cp /tests/bin/sockloop $B/sockA
ln -sf /tests/bin/sockloop $B/sockB

# hist_ge SYMBOL MIN: "LO HI": LO calls surely took >= MIN ns (their bucket
# starts at or above MIN), HI calls may have (their bucket ends at or above it)
hist_ge() { hist_rows "$1" | awk -v m="$2" '$1 >= m { lo += $3 } $2 >= m { hi += $3 } END { print lo + 0, hi + 0 }'; }
# logged_ge DESC N SYMBOL MIN: N logged events of SYMBOL are as many as its
# calls that took >= MIN ns, as far as its histogram tells.  (A short call
# can take that long on a busy TCG host: then it must be logged.)
logged_ge() {
	_r=$(hist_ge "$3" "$4")
	if [ "$2" -ge "${_r% *}" ] && [ "$2" -le "${_r#* }" ]; then
		pass "$1"
	else
		fail "$1" "logged $2 events; hist: ${_r% *} to ${_r#* } calls took >= $4 ns"
		hist_rows "$3" | diag -
	fi
}
# sleeps: 20 sleeps of 1 ms (pid $s1) then 5 of 30 ms (pid $s2)
sleeps() {
	sleeper 1000000 20 > /tmp/s1 &
	s1=$!
	wait $s1
	sleeper 30000000 5 > /tmp/s2 &
	s2=$!
	wait $s2
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $KLAT_D/targets $T
is "$KW_RC:$KW_ERR" "0:" "add target $T"

# ---------------------------------------------------------------- global log_min_ns
# comm=: busybox timeout (run-all.sh) sleeps 1 s at a time in the background
kwrite $F "comm=sleeper,sockloop log_min_ns=$MIN"
is "$KW_RC:$KW_ERR" "0:" "write comm=sleeper,sockloop log_min_ns=$MIN"
is "$(terms $F)" "comm=sleeper,sockloop log_min_ns=$MIN" "filter reads back comm=sleeper,sockloop log_min_ns=$MIN"
kwrite $KLAT_D/reset 1
sleeps
sockloop 10 > /dev/null
like "$(cat /tmp/s1 /tmp/s2 | tr '\n' ' ')" "^sleeper: sleeps=20 .* sleeper: sleeps=5 " "sleepers did 20 short and 5 long sleeps"
is "$(stat_field $T hits)" 25 "stats count all 25 sleeps"
cmp_ok "$(stat_field $T min_ns)" -lt $MIN "stats min_ns is a short sleep (< $MIN)"
cmp_ok "$(stat_field $T max_ns)" -ge 30000000 "stats max_ns is a long sleep (>= 30 ms)"
is "$(hist_rows $T | awk '{ s += $3 } END { print s + 0 }')" 25 "hist holds all 25 sleeps"
is "$(stat_field $S hits)" 10 "$S counts its 10 (fast) calls"
snap
is "$(nev " pid=$s2 " " target=$T ")" 5 "log: all 5 long sleeps"
logged_ge "log: the short sleeps only if they took >= $MIN (normally none)" "$(nev " target=$T ")" $T $MIN
is "$(ev_field lat_ns < /tmp/ev | awk -v m=$MIN '$1 < m' | head -n 3)" "" "log: every event has lat_ns >= $MIN"
logged_ge "log: socket() calls only if they took >= $MIN (the global filter applies to every target)" \
	"$(nev " target=$S ")" $S $MIN

# ---------------------------------------------------------------- per-target log_min_ns
kwrite $F "comm=sleeper,sockloop"
is "$KW_RC:$(terms $F)" "0:comm=sleeper,sockloop" "global filter without log_min_ns"
kwrite $KLAT_D/probes/$T/filter "log_min_ns=$MIN"
is "$KW_RC:$KW_ERR" "0:" "write probes/$T/filter log_min_ns=$MIN"
is "$(terms $KLAT_D/probes/$T/filter)" "log_min_ns=$MIN" "per-target filter reads back"
kwrite $KLAT_D/reset 1
sleeps
sockloop 10 > /dev/null
is "$(stat_field $T hits)" 25 "stats count all 25 sleeps"
snap
is "$(nev " pid=$s2 " " target=$T ")" 5 "log: all 5 long sleeps"
logged_ge "log: the short sleeps only if they took >= $MIN (normally none)" "$(nev " target=$T ")" $T $MIN
is "$(nev " comm=sockloop target=$S ")" 10 "log: all 10 socket() calls ($S has no filter)"
kwrite $KLAT_D/probes/$T/filter clear
is "$KW_RC" 0 "clear the per-target filter"
kwrite $KLAT_D/reset 1
sleeps
snap
is "$(nev " target=$T ")" 25 "no log_min_ns: all 25 sleeps logged"

# ---------------------------------------------------------------- log_errors=1
kwrite $F "log_errors=1"
is "$KW_RC:$KW_ERR" "0:" "write log_errors=1"
is "$(terms $F)" "log_errors=1" "filter reads back log_errors=1"
kwrite $KLAT_D/probes/$T/filter "comm=sleeper"
is "$KW_RC" 0 "per-target filter comm=sleeper on $T"
kwrite $KLAT_D/reset 1
sockloop 30 inet > /tmp/og &
g=$!
wait $g
sockloop 20 999 > /tmp/ob &
b=$!
wait $b
is "$(cat /tmp/og /tmp/ob)" "sockloop: calls=30 ok=30 fail=0 errno=0
sockloop: calls=20 ok=0 fail=20 errno=97" "30 good and 20 failing socket() calls"
is "$(stat_field $S hits)" 50 "stats count all 50 calls"
is "$(stat_field $S errors)" 20 "stats count the 20 errors"
snap
is "$(nev " pid=$b " " target=$S ret=-97(EAFNOSUPPORT) ")" 20 "log: the 20 failing calls, ret=-97(EAFNOSUPPORT)"
is "$(nev " pid=$g ")" 0 "log: none of the 30 successful calls"
is "$(wc -l < /tmp/ev)" 20 "log: 20 events in all"
sleeper 1000000 3 > /dev/null
is "$(stat_field $T hits)" 3 "3 successful sleeps are counted"
snap
is "$(nev " target=$T ")" 0 "but not logged"

# ---------------------------------------------------------------- log_errors=1 with comm=
kwrite $F "comm=sockA log_errors=1"
is "$KW_RC:$(terms $F)" "0:comm=sockA log_errors=1" "write and read back 'comm=sockA log_errors=1'"
kwrite $KLAT_D/reset 1
$B/sockA 10 inet > /dev/null
$B/sockA 7 999 > /dev/null
$B/sockB 5 999 > /dev/null
is "$(stat_field $S hits):$(stat_field $S errors)" "17:7" "stats: sockA's 17 calls, 7 errors; sockB's 5 not counted"
snap
is "$(nev " comm=sockA target=$S ret=-97(EAFNOSUPPORT) ")" 7 "log: sockA's 7 failing calls"
is "$(nev " comm=sockB ")" 0 "log: nothing of sockB"
is "$(wc -l < /tmp/ev)" 7 "log: 7 events in all"

kwrite $F "comm=sockA log_errors=0"
is "$KW_RC:$(terms $F)" "0:comm=sockA" "log_errors=0 is the default: reads back 'comm=sockA'"
kwrite $KLAT_D/reset 1
$B/sockA 10 inet > /dev/null
snap
is "$(nev " comm=sockA target=$S ")" 10 "log_errors=0: successful calls are logged again"

# ---------------------------------------------------------------- log_errors=1 and log_min_ns together
kwrite $F "log_errors=1 log_min_ns=$MIN"
is "$KW_RC:$(terms $F)" "0:log_min_ns=$MIN log_errors=1" "write log_errors=1 log_min_ns=$MIN"
kwrite $KLAT_D/reset 1
sockloop 20 999 > /dev/null
is "$(stat_field $S errors)" 20 "20 fast failing calls counted"
snap
logged_ge "but only logged if they took >= $MIN (normally none)" "$(nev " target=$S ")" $S $MIN
kwrite $F clear

ok "rmmod klat" rmmod klat
dmesg_check
