#!/bin/sh
# Harness smoke test: the VM environment works (debugfs, tracefs, kprobes,
# kretprobes via kprobe_events, test helpers).  Does not need klat.ko.
. /tests/lib.sh

plan 10

ok "debugfs is mounted" test -d /sys/kernel/debug/kprobes
ok "kprobes/list is readable" test -r /sys/kernel/debug/kprobes/list
bl=$(wc -l < /sys/kernel/debug/kprobes/blacklist)
cmp_ok "$bl" -gt 10 "kprobes/blacklist is populated"
ok "tracefs is mounted" test -w /sys/kernel/tracing/kprobe_events
is "$(nproc)" 2 "VM has 2 CPUs"

out=$(sockloop 7)
is "$out" "sockloop: calls=7 ok=7 fail=0 errno=0" "sockloop: inet sockets work"
out=$(sockloop 3 999)
is "$out" "sockloop: calls=3 ok=0 fail=3 errno=97" "sockloop: family 999 fails with EAFNOSUPPORT"

# a kretprobe through ftrace's kprobe_events on __sys_socket; the type of $retval is
# given (x64: hex), as 6.12 and later otherwise take it from BTF (int: "ret=3")
T=/sys/kernel/tracing
echo 'r:klatsmoke __sys_socket ret=$retval:x64' > $T/kprobe_events &&
	echo 1 > $T/events/kprobes/klatsmoke/enable && echo > $T/trace
sockloop 5 > /dev/null
n=$(grep -c 'klatsmoke:.*ret=0x' $T/trace)
is "$n" 5 "kprobe_events kretprobe on __sys_socket saw 5 returns"
like "$(cat /sys/kernel/debug/kprobes/list)" '__sys_socket.*\[FTRACE\]' "kprobes/list shows the probe on ftrace"
echo 0 > $T/events/kprobes/klatsmoke/enable
echo '-:klatsmoke' >> $T/kprobe_events

dmesg_check
