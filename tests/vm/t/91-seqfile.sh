#!/bin/sh
# Reading klat files in any size of read and after lseek() gives the same
# bytes (the seq_file paging must not lose or repeat a line): on a quiet
# system (no workload running,
# log_enable=1) every klat file reads the same bytes one byte at a time
# (dd bs=1) as in one bulk read (cat), and reading it again after lseek() to 0
# (or to its middle) on the same open file gives the same bytes again
# (tests/vm/progs/reread).  The files are made big enough to span several
# 4 KiB seq_file pages: 30 targets, 16 long error_log entries, over 300 log
# events, errors and several histogram rows for __sys_socket.  The log is a
# snapshot per open, so the two opens of dd and cat agree only because
# nothing runs in between: the targets are socket calls and syscalls nothing
# in the VM makes while the files are read.
. /tests/lib.sh
klat_require

FILES="stats log targets error_log filter probes/__sys_socket/stats probes/__sys_socket/hist
probes/__sys_socket/errors probes/__sys_socket/filter"
NF=$(echo $FILES | wc -w)
plan $((NF * 3 + 11))

S=__sys_socket
D=$KLAT_D
T=$D/targets

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
is "$(cat $KLAT_P/log_enable)" Y "log_enable is Y"

# 30 targets: the socket calls (nothing in the VM but our helpers makes them)
# and syscall entry points no busybox tool used here calls
for c in socketpair bind listen accept connect getsockname getpeername sendto recvfrom \
	setsockopt getsockopt shutdown sendmsg recvmsg; do
	echo "syscall:$c" > $T 2>/dev/null
done
for c in mincore mlock munlock mlockall munlockall msync swapon swapoff sethostname \
	setdomainname acct pivot_root syncfs ioprio_set ioprio_get personality \
	sched_rr_get_interval vhangup sched_get_priority_max sched_get_priority_min; do
	[ "$(grep -vc '^#' $T)" -ge 30 ] && break
	echo "__x64_sys_$c" > $T 2>/dev/null
done
nt=$(grep -vc '^#' $T)
cmp_ok "$nt" -ge 30 "30 targets or more ($nt)"

# events: successful and failing socket() calls, connect/accept/...
sockloop 200 > /dev/null
sockloop 50 999 > /dev/null	# EAFNOSUPPORT
sockcall 20 2 1 12345 > /dev/null	# EINVAL
connloop 20 5 > /dev/null
# error_log: 16 long entries (commands cut at 127 bytes, escapes, carets far right)
i=0
while [ $i -lt 16 ]; do
	i=$((i + 1))
	if [ $((i % 2)) = 0 ]; then
		printf 'klat_nosuch_%03d_%0600d\n' $i 0 > $T 2>/dev/null	# too long
	else
		printf 'klat_%0110d\001\377name%03d\n' 0 $i > $T 2>/dev/null	# bad char
	fi
done
echo "comm=sockloop,connloop,sockcall log_min_ns=1" > $D/filter
echo "pid=1,2,3,4,5,6,7,8 tgid=9,10 comm=a,b,c,d,e,f,g,h log_min_ns=18446744073709551615 log_errors=1" \
	> $D/probes/$S/filter

ev=$(log_header_field shown)
cmp_ok "$ev" -ge 300 "the log holds 300 events or more ($ev)"
is "$(grep -c '^\[' $D/error_log)" 16 "error_log holds 16 entries"
cmp_ok "$(hist_rows $S | wc -l)" -ge 3 "$S's histogram has several rows"
cmp_ok "$(grep -vc '^#' $D/probes/$S/errors)" -ge 2 "$S's errors file has several rows"
sz=$(cat $D/stats | wc -c)
cmp_ok "$sz" -gt 4096 "stats is over a page ($sz bytes)"
sz=$(cat $D/error_log | wc -c)
cmp_ok "$sz" -gt 4096 "error_log is over a page ($sz bytes)"

# nothing runs from here on: every read must see the same bytes
for f in $FILES; do
	p=$D/$f
	bulk=$(cat $p | md5sum | cut -d' ' -f1)
	n=$(cat $p | wc -c)
	byte=$(dd if=$p bs=1 2>/dev/null | md5sum | cut -d' ' -f1)
	nb=$(dd if=$p bs=1 2>/dev/null | wc -c)
	if [ "$n" -gt 0 ] && [ "$bulk" = "$byte" ] && [ "$n" = "$nb" ]; then
		pass "$f: read a byte at a time = bulk read ($n bytes)"
	else
		fail "$f: read a byte at a time = bulk read ($n bytes)" "bulk: $n bytes, $bulk; bytewise: $nb bytes, $byte"
		dd if=$p bs=1 2>/dev/null > /tmp/r91.byte
		cat $p > /tmp/r91.bulk
		diff /tmp/r91.bulk /tmp/r91.byte | head -n 10 | diag -
	fi
	out=$(reread $p 1)
	is "$?:$out" "0:reread: $n bytes, same" "$f: after lseek to 0 and to the middle it reads the same again"
	out=$(reread $p 100)
	is "$?:$out" "0:reread: $n bytes, same" "$f: same with 100-byte reads"
done

ok "rmmod klat" rmmod klat
dmesg_check
