#!/bin/sh
# Task filters, the way to count only the calls of chosen processes: the
# global filter by comm, pid (one and several values)
# and tgid (threads), a per-target filter combined with the global one,
# comm at the kernel's 15-character limit, comm compared whole (a filter that
# is a prefix of the running comm, or longer than it, does not match), how a
# filter reads back, clear.
# Every workload is ours, so hit and event counts are exact.
. /tests/lib.sh
klat_require

plan 88

S=__sys_socket
C=__x64_sys_close
F=$KLAT_D/filter
B=/tmp/b70
mkdir -p $B
# the same program under several names: comm is the exec'd file's name
cp /tests/bin/sockloop $B/sockA
ln -sf /tests/bin/sockloop $B/sockB
ln -sf /tests/bin/sockloop $B/sockC
cp /tests/bin/sockloop $B/sockloop_longname_x	# comm: sockloop_longna

# gated OUT PROG ARGS...: start PROG in the background, its stdin a fifo it
# blocks on (in the forked child, before exec) until `release N`; sets GPID
# (which is PROG's pid) and GN.  PROG's stdout and stderr go to OUT.
_gn=0 _gpids=
gated() {
	_gn=$((_gn + 1))
	rm -f /tmp/gate.$_gn
	mkfifo /tmp/gate.$_gn
	_o=$1
	shift
	"$@" < /tmp/gate.$_gn > "$_o" 2>&1 &
	GPID=$!
	GN=$_gn
	_gpids="$_gpids $GPID"
}
# release N: open gate N for writing (and close it: writing could SIGPIPE us
# once PROG has run and exited), which lets PROG's open of its stdin return
release() { : > /tmp/gate.$1; }
# on exit: kill what is still waiting at a gate (the run would wait for it)
at_exit '[ -z "$_gpids" ] || kill $_gpids 2>/dev/null'

# three_sockA: three sockA processes, of 30, 20 and 10 calls, waiting at
# their gates: pids p1 p2 p3, gates g1 g2 g3, output in /tmp/p1 /tmp/p2 /tmp/p3
three_sockA() {
	gated /tmp/p1 $B/sockA 30; p1=$GPID g1=$GN
	gated /tmp/p2 $B/sockA 20; p2=$GPID g2=$GN
	gated /tmp/p3 $B/sockA 10; p3=$GPID g3=$GN
}

# set_filter TERMS DESC: write TERMS to the global filter (test DESC), and
# they read back (a second test)
set_filter() {
	kwrite $F "$1"
	is "$KW_RC:$KW_ERR" "0:" "$2"
	is "$(terms $F)" "$1" "filter reads back $1"
}

# run_abc: reset the figures, then sockA, sockB and sockC make 20, 15 and 10 calls
run_abc() {
	kwrite $KLAT_D/reset 1
	$B/sockA 20 > /dev/null
	$B/sockB 15 > /dev/null
	$B/sockC 10 > /dev/null
}

# abc_events TARGET: "A/B/C", TARGET's events of sockA, sockB and sockC in /tmp/ev
abc_events() {
	echo "$(nev " comm=sockA target=$1 ")/$(nev " comm=sockB target=$1 ")/$(nev " comm=sockC target=$1 ")"
}

# run_gated GATE... -- PID...: reset the figures, open the gates, wait for the pids
run_gated() {
	kwrite $KLAT_D/reset 1
	while [ "$1" != -- ]; do release "$1"; shift; done
	shift
	wait "$@"
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
is "$(mode_of $F)" 600 "filter is mode 0600"
like "$(head -n 1 $F)" '^# klat filter: ' "filter starts with its header"
is "$(terms $F)" "" "no filter terms after load"

# ---------------------------------------------------------------- comm=
set_filter "comm=sockA" "write comm=sockA"
kwrite $KLAT_D/reset 1
$B/sockA 40 > /tmp/oa
$B/sockB 25 > /tmp/ob
is "$(cat /tmp/oa; cat /tmp/ob)" "sockloop: calls=40 ok=40 fail=0 errno=0
sockloop: calls=25 ok=25 fail=0 errno=0" "sockA made 40 and sockB 25 socket() calls"
is "$(stat_field $S hits)" 40 "comm=sockA: hits == sockA's 40 calls, sockB's 25 not counted"
is "$(stats_col $S hits)" 40 "stats row shows the same 40 hits"
snap
is "$(nev " comm=sockA target=$S ")" 40 "log has sockA's 40 events"
is "$(nev " comm=sockB ")" 0 "log has no sockB event"
is "$(wc -l < /tmp/ev)" 40 "log has 40 events in all"

kwrite $F clear
is "$KW_RC:$KW_ERR" "0:" "write clear"
is "$(terms $F)" "" "no terms after clear"
$B/sockB 25 > /dev/null
is "$(stat_field $S hits)" 65 "after clear sockB's 25 calls count (40 + 25)"
snap
is "$(nev " comm=sockB target=$S ")" 25 "after clear sockB's 25 calls are logged"

# ---------------------------------------------------------------- pid=
three_sockA
set_filter "pid=$p1" "write pid=$p1"
run_gated $g1 $g2 $g3 -- $p1 $p2 $p3
is "$(cat /tmp/p1 /tmp/p2 /tmp/p3 | grep -c 'fail=0 ')" 3 "three sockA processes (30, 20, 10 calls) ran"
is "$(stat_field $S hits)" 30 "pid=$p1: hits == that process's 30 calls"
snap
is "$(nev " pid=$p1 tgid=$p1 comm=sockA target=$S ")" 30 "log has the 30 events of pid $p1"
is "$(wc -l < /tmp/ev)" 30 "log has no other event"

three_sockA
set_filter "pid=$p1,$p2" "write pid=$p1,$p2 (two values)"
run_gated $g1 $g2 $g3 -- $p1 $p2 $p3
is "$(stat_field $S hits)" 50 "pid=$p1,$p2: hits == 30 + 20, the third process's 10 not counted"
snap
is "$(nev " pid=$p1 ")" 30 "log: 30 events of pid $p1"
is "$(nev " pid=$p2 ")" 20 "log: 20 events of pid $p2"
is "$(nev " pid=$p3 ")" 0 "log: no event of pid $p3"
is "$(wc -l < /tmp/ev)" 50 "log has 50 events in all"

# ---------------------------------------------------------------- tgid= and pid= with threads
gated /tmp/t1 sockcall -t 15 2 1 0; t1=$GPID g1=$GN
gated /tmp/t2 sockcall -t 10 2 1 0; t2=$GPID g2=$GN
set_filter "tgid=$t1" "write tgid=$t1"
run_gated $g1 $g2 -- $t1 $t2
tid=$(sed -n 's/.* tid=\([0-9]*\) .*/\1/p' /tmp/t1)
like "$(cat /tmp/t1)" "^sockcall: tgid=$t1 tid=[0-9]+ calls=30 ok=30 fail=0 " "sockcall -t made 15 + 15 calls in two threads"
isnt "$tid" "$t1" "its second thread's id ($tid) is not the tgid"
is "$(stat_field $S hits)" 30 "tgid=$t1: hits == the 30 calls of both threads, the other process's 20 not counted"
snap
is "$(nev " pid=$t1 tgid=$t1 comm=sockcall ")" 15 "log: 15 events of the main thread"
is "$(nev " pid=$tid tgid=$t1 comm=sockcall ")" 15 "log: 15 events of the second thread (pid=$tid tgid=$t1)"
is "$(wc -l < /tmp/ev)" 30 "log has 30 events in all"

gated /tmp/t1 sockcall -t 15 2 1 0; t1=$GPID g1=$GN
kwrite $F "pid=$t1"
is "$KW_RC:$KW_ERR" "0:" "write pid=$t1"
run_gated $g1 -- $t1
tid=$(sed -n 's/.* tid=\([0-9]*\) .*/\1/p' /tmp/t1)
is "$(stat_field $S hits)" 15 "pid=$t1 of a 2-thread process: only the main thread's 15 calls count"
snap
is "$(nev " pid=$t1 tgid=$t1 ")" 15 "log: the main thread's 15 events"
is "$(nev " pid=$tid ")" 0 "log: no event of the second thread"

# ---------------------------------------------------------------- per-target filter and global filter
kwrite $KLAT_D/targets "syscall:close"
is "$KW_RC:$KW_ERR" "0:" "add syscall:close ($C)"
PF=$KLAT_D/probes/$S/filter
is "$(mode_of $PF)" 600 "probes/$S/filter is mode 0600"
like "$(head -n 1 $PF)" "^# klat filter for $S: " "probes/$S/filter header names the target"
is "$(terms $PF)" "" "no per-target terms yet"
kwrite $F "comm=sockA,sockB"
is "$KW_RC:$KW_ERR" "0:" "global filter comm=sockA,sockB"
kwrite $PF "comm=sockA,sockC"
is "$KW_RC:$KW_ERR" "0:" "per-target filter of $S comm=sockA,sockC"
is "$(terms $PF)" "comm=sockA,sockC" "per-target filter reads back comm=sockA,sockC"
is "$(terms $F)" "comm=sockA,sockB" "global filter still reads comm=sockA,sockB"
is "$(terms $KLAT_D/probes/$C/filter)" "" "$C has no per-target terms"
run_abc
is "$(stat_field $S hits)" 20 "$S: only sockA passes both filters (20 hits)"
is "$(stat_field $C hits)" 35 "$C (global filter only): sockA 20 + sockB 15 closes"
snap
is "$(abc_events $S)" "20/0/0" "log, $S events of sockA/sockB/sockC: 20/0/0"
is "$(abc_events $C)" "20/15/0" "log, $C events of sockA/sockB/sockC: 20/15/0"

kwrite $F clear
is "$KW_RC:$KW_ERR" "0:" "clear the global filter"
run_abc
is "$(stat_field $S hits)" 30 "$S with only its own filter: sockA 20 + sockC 10"
snap
is "$(abc_events $C)" "20/15/10" "$C with no filter logs the closes of sockA/sockB/sockC: 20/15/10"
kwrite $PF clear
is "$KW_RC:$KW_ERR" "0:" "clear the per-target filter"
is "$(terms $PF)" "" "per-target filter has no terms after clear"
kwrite $KLAT_D/reset 1
$B/sockB 15 > /dev/null
is "$(stat_field $S hits)" 15 "no filter at all: sockB's 15 calls count"
kwrite $KLAT_D/targets "-syscall:close"
is "$KW_RC:$KW_ERR" "0:" "remove syscall:close"

# ---------------------------------------------------------------- comm at 15 characters
kwrite $F "comm=sockloop_longna"
is "$KW_RC:$KW_ERR" "0:" "comm= of 15 characters is accepted"
is "$(terms $F)" "comm=sockloop_longna" "and reads back"
kwrite $KLAT_D/reset 1
$B/sockloop_longname_x 12 > /dev/null
$B/sockA 5 > /dev/null
is "$(stat_field $S hits)" 12 "comm=sockloop_longna matches sockloop_longname_x (comm truncated by the kernel): 12 hits"
snap
is "$(nev " comm=sockloop_longna target=$S ")" 12 "log: its 12 events with comm=sockloop_longna"

# ---------------------------------------------------------------- comm is compared whole
kwrite $F "comm=sock"
is "$KW_RC:$KW_ERR" "0:" "write comm=sock (a prefix of sockA)"
kwrite $KLAT_D/reset 1
$B/sockA 9 > /dev/null
is "$(stat_field $S hits):$(log_events | grep -c ' comm=sockA ')" "0:0" "comm=sock does not match sockA: no hits, no events"
kwrite $F "comm=sockAB"
$B/sockA 9 > /dev/null
is "$(stat_field $S hits)" 0 "comm=sockAB (sockA is its prefix) does not match sockA"
kwrite $F "comm=sockloop_longn"
$B/sockloop_longname_x 9 > /dev/null
is "$(stat_field $S hits)" 0 "comm=sockloop_longn (14 of the 15 characters) does not match sockloop_longna"
kwrite $F "comm=sock,sockAB,sockA"
$B/sockA 9 > /dev/null
is "$(stat_field $S hits)" 9 "comm=sock,sockAB,sockA: the exact one of three values matches (9 hits)"
kwrite $F clear
kwrite $PF "comm=sock"
is "$KW_RC:$KW_ERR" "0:" "per-target filter comm=sock"
kwrite $KLAT_D/reset 1
$B/sockA 9 > /dev/null
is "$(stat_field $S hits)" 0 "the per-target comm=sock does not match sockA either"
kwrite $PF clear

# ---------------------------------------------------------------- read back syntax
kwrite $F "comm=sockA pid=1,2"
is "$KW_RC" 0 "write 'comm=sockA pid=1,2'"
is "$(terms $F)" "pid=1,2 comm=sockA" "reads back 'pid=1,2 comm=sockA'"
kwrite $F "log_errors=1 comm=a,b tgid=7 log_min_ns=1000 pid=3"
is "$KW_RC" 0 "write all five keys"
t=$(terms $F)
is "$t" "pid=3 tgid=7 comm=a,b log_min_ns=1000 log_errors=1" "all five keys read back in the filter's syntax"
kwrite $F "$t"
is "$KW_RC:$(terms $F)" "0:$t" "what was read back can be written back unchanged"
kwrite $F "tgid=9"
is "$(terms $F)" "tgid=9" "a write replaces the whole filter (no merging)"
kwrite $F "$(printf '  pid=4\t  comm=x  ')"
is "$KW_RC:$(terms $F)" "0:pid=4 comm=x" "tabs and runs of spaces between terms"
kwrite $F "pid=1,2,3,4,5,6,7,8 comm=a,b,c,d,e,f,g,h"
is "$KW_RC:$(terms $F)" "0:pid=1,2,3,4,5,6,7,8 comm=a,b,c,d,e,f,g,h" "8 values a key are accepted"
kwrite $F "log_errors=0"
is "$KW_RC:$(terms $F)" "0:" "log_errors=0 alone is no filter"
kwrite $F "$(printf 'pid=1\ncomm=x\ntgid=2')"
is "$KW_RC:$(terms $F)" "0:pid=1 tgid=2 comm=x" "terms on several lines form one filter"
kwrite $F "pid=1 comm=y clear comm=x"
is "$KW_RC:$(terms $F)" "0:comm=x" "clear forgets the terms before it"
kwrite $F "pid=1 clear pid=2"
is "$KW_RC:$(terms $F)" "0:pid=2" "a key may be given again after clear"
kwrite $F "log_min_ns=0 log_errors=0"
is "$KW_RC:$(terms $F)" "0:" "'log_min_ns=0 log_errors=0' removes the filter"
kwrite $F "pid=5"
kwrite $F clear
is "$KW_RC:$(wc -l < $F)" "0:1" "after clear the file is just its header"

ok "rmmod klat" rmmod klat
dmesg_check
