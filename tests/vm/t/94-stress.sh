#!/bin/sh
# Adding, removing and reading under load at once must keep exact counts
# and crash nothing (about 20 s of it): on every CPU a worker
# calling socket() (counted: runs of `sockloop 100` until told to stop), one
# calling nanosleep() and one calling read(); two writers adding and removing
# targets in a loop (overlapping sets, so they race on the same names, plus
# bad lines and per-target filter writes); two readers reading stats, log,
# targets, error_log and probes/*/* in a loop.  __sys_socket is never removed
# and nothing else calls socket(), so afterwards its hits must equal the
# workers' socket() calls exactly.  Then the targets file and probes/ agree,
# rmmod succeeds under the same workers' load and a reader (retried while the
# reader holds a file open: rmmod does not wait, it fails with EAGAIN), and
# insmod/rmmod works again.  dmesg clean.
. /tests/lib.sh
klat_require

plan 18

S=__sys_socket
D=$KLAT_D
# SECS at least, then on until every writer and reader has made ROUNDS
# rounds, at most MAXSECS more. A reader's round (every file, a 4096-event
# log) takes about 3 s on Debian's kernel and 15-30 s on the debug kernel
# (where a fixed 60 s once gave a reader only 2 rounds); there 2 rounds and
# at most 2 more minutes, as minutes of this load on that kernel under TCG
# are what once starved a preempted RCU reader past the stall timeout.
SECS=${KLAT_STRESS_SECS:-20}
if [ -n "${KLAT_DEBUG_KERNEL:-}" ]; then
	ROUNDS=2 MAXSECS=${KLAT_STRESS_MAXSECS:-120}
else
	ROUNDS=3 MAXSECS=${KLAT_STRESS_MAXSECS:-300}
fi
W=/tmp/s94
rm -rf $W
mkdir -p $W
A="hrtimer_nanosleep ksys_read __sys_connect vfs_write do_sys_openat2"
B="ksys_read ksys_write __sys_bind vfs_read __x64_sys_close hrtimer_nanosleep"

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $D/reset 1

# ---------------------------------------------------------------- load
# counted socket() workers: each completed `sockloop 100` appends its line
percpu sh -c "while [ ! -e $W/wstop ]; do sockloop 100 >> $W/cnt.\$\$; done" &
wk=$!
percpu sleeper 100000 0 > /dev/null 2>&1 &
sp=$!
percpu sh -c "while [ ! -e $W/stop ]; do cat /proc/self/stat /proc/uptime > /dev/null; done" &
rdw=$!

# writers: add a set of targets (one write), set a filter on one, remove them
# one by one; bad lines now and then
writer() {
	_set=$1 _i=0
	_add=$(printf '%s\\n' $_set)
	while [ ! -e $W/stop ]; do
		_i=$((_i + 1))
		printf "$_add" 2>/dev/null > $D/targets
		echo "comm=sleeper log_min_ns=$_i" 2>/dev/null > $D/probes/ksys_read/filter
		[ $((_i % 3)) = 0 ] && printf 'nosuch_fn_%d\nfoo bar\n' $_i 2>/dev/null > $D/targets
		for _t in $_set; do
			echo "-$_t" 2>/dev/null > $D/targets
		done
		echo $_i > $W/writer.$2
	done
}
writer "$A" a &
wa=$!
writer "$B" b &
wb=$!

# reader N [USECS]: read every file in a loop, pausing USECS between rounds
reader() {
	_i=0
	while [ ! -e $W/stop ]; do
		_i=$((_i + 1))
		cat $D/stats $D/log $D/targets $D/error_log $D/filter > /dev/null 2>&1
		for _f in $D/probes/*/*; do
			cat "$_f" > /dev/null 2>&1
		done
		[ -n "${2:-}" ] && usleep $2
		echo $_i > $W/reader.$1
	done
}
reader 1 &
r1=$!
reader 2 &
r2=$!

# nrounds NAME: the rounds loop NAME (writer.a, reader.1, ...) has completed
nrounds() {
	_r=$(cat $W/$1 2>/dev/null)
	echo "${_r:-0}"
}
# rounds N NAME...: true once every loop NAME has made N rounds
rounds() {
	_n=$1
	shift
	for _l in "$@"; do
		[ "$(nrounds $_l)" -ge "$_n" ] || return 1
	done
}
sleep $SECS
waited=0
while ! rounds $ROUNDS writer.a writer.b reader.1 reader.2 && [ $waited -lt $MAXSECS ]; do
	sleep 1
	waited=$((waited + 1))
done
diag "the load ran $((SECS + waited)) s"
touch $W/wstop
wait $wk
is "$?" 0 "the socket() workers ran on every CPU and stopped"
calls=$(cat $W/cnt.* | sed -n 's/^sockloop: calls=\([0-9]*\) ok=\([0-9]*\) .*/\1 \2/p' |
	awk '{ c += $1; o += $2 } END { print c + 0, o + 0 }')
cmp_ok "${calls% *}" -gt 0 "the workers made ${calls% *} socket() calls"
is "$(stat_field $S hits) $(stat_field $S errors)" "${calls% *} 0" \
	"$S hits == the workers' socket() calls (${calls% *}), no errors"
is "$(stats_col $S hits)" "${calls% *}" "the stats file agrees"

# the writers go on while the rest is checked; stop them for the invariants
touch $W/stop
wait $wa $wb $r1 $r2 $rdw
diag "writer loops: $(nrounds writer.a) + $(nrounds writer.b), reader loops: $(nrounds reader.1) + $(nrounds reader.2)"
for l in writer.a writer.b reader.1 reader.2; do
	cmp_ok "$(nrounds $l)" -ge $ROUNDS "${l%.*} ${l#*.} made $ROUNDS rounds or more"
done
tl=$(grep -v '^#' $D/targets | awk '{ print $1 }' | sort)
pl=$(ls $D/probes | sort)
is "$pl" "$tl" "probes/ has a directory for each target and no other"
is "$(printf '%s\n' "$tl" | uniq -d)" "" "no target listed twice"
is "$(head -n 1 $D/targets)" "# klat targets: $(printf '%s\n' "$tl" | grep -c .)" "the header counts them"
dmesg_check "dmesg clean after the stress"

# ------------------------------------------------- rmmod under the same load
# The workers (socket, nanosleep, read on every CPU) run on.  rmmod does not
# wait for open files: it fails with EAGAIN while one is open, so the writers
# (whose writes take long) are stopped, and one reader pauses 10 ms between
# rounds; rmmod is retried until it finds no file open.
rm -f $W/stop
percpu sockloop 0 > /dev/null 2>&1 &
sl=$!
percpu sh -c "while [ ! -e $W/stop ]; do cat /proc/self/stat /proc/uptime > /dev/null; done" &
rdw=$!
reader 1 10000 &
r1=$!
sleep 2
# unload: rmmod until it succeeds (only EAGAIN allowed), at most 100 tries
unload() {
	tries=0
	while [ $tries -lt 100 ]; do
		tries=$((tries + 1))
		rmmod klat 2> $W/rmmod.err && return 0
		grep -q 'Resource temporarily unavailable' $W/rmmod.err || return 1
		usleep 5000
	done
	return 1
}
unload
ok "rmmod under load succeeds (attempt $tries)" test ! -e /sys/module/klat
if [ -e /sys/module/klat ]; then diag "last rmmod: $(cat $W/rmmod.err)"; fi

out=$(timeout 60 insmod $KLAT_KO targets=$S,hrtimer_nanosleep 2>&1)
is "$?:$out" "0:" "insmod again under load"
sleep 1
cmp_ok "$(stat_field $S hits)" -gt 0 "it counts socket() calls again"
unload
ok "rmmod again (attempt $tries)" test ! -e /sys/module/klat

touch $W/stop
kill $sl $sp 2>/dev/null
wait $r1 $rdw $sl $sp 2>/dev/null
dmesg_check
