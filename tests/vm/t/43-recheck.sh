#!/bin/sh
# The name check of klat_ksyms_check() must hold at the moment the kretprobe
# is registered. A writer reads the kernel's lists (klat_ksyms_refresh()),
# then waits for klat_mutex; if a module that makes a name traceable goes and
# one that has the same name notrace comes meanwhile, the check must not pass
# on the old lists: register_kretprobe() resolves the name afresh, and would
# arm an int3 probe on notrace module code (on 6.4 and later the same path
# decodes past the end of an __exit function: the oops of issue 15).
#
# klat_mutex is held here for as long as the test needs by a target removal
# that waits in debugfs_remove() for a reader of probes/SYMBOL/stats whose
# copy to user space is stuck on a userfaultfd page (uffdhold).
. /tests/lib.sh
klat_require
plan 9

T=$KLAT_D/targets
TM=${KLAT_TESTMOD:-/tests/klat_testmod.ko}
TMNT=${KLAT_TESTMOD_NT:-/tests/klat_testmod_nt.ko}
KPL=/sys/kernel/debug/kprobes/list
GO=/tmp/43-go
rm -f $GO /tmp/43-*.out

# wait_stack PID REGEX NOT-REGEX [TENTHS]: until /proc/PID/stack matches
# REGEX and not NOT-REGEX
wait_stack() {
	_i=0
	while [ $_i -lt ${4:-300} ]; do
		if grep -Eq "$2" /proc/$1/stack 2>/dev/null &&
		   ! grep -Eq "$3" /proc/$1/stack 2>/dev/null; then
			return 0
		fi
		kill -0 $1 2>/dev/null || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

[ -f "$TM" ] && [ -f "$TMNT" ] || bail_out "no $TM or $TMNT"
ok "insmod klat.ko (targets=__sys_socket)" klat_load
ok "insmod klat_testmod.ko: klat_testmod_fn traceable" insmod "$TM"

# 1. a reader of probes/__sys_socket/stats, stuck in copy_to_user()
uffdhold "$KLAT_D/probes/__sys_socket/stats" $GO 300 > /tmp/43-hold.out 2>&1 &
hold=$!
i=0
while [ $i -lt 300 ] && ! grep -q blocked /tmp/43-hold.out; do sleep 0.1; i=$((i + 1)); done
if ! grep -q blocked /tmp/43-hold.out; then
	touch $GO
	bail_out "uffdhold did not block: $(cat /tmp/43-hold.out)"
fi

# 2. removing __sys_socket takes klat_mutex and waits for that reader
# (sh -c: the shell that writes is $!, its stack is the write's)
sh -c "echo -__sys_socket > $T; echo \$? > /tmp/43-del.out" 2>/dev/null &
del=$!
wait_stack $del 'debugfs|wait_for_completion' '^$' 300 ||
	diag "the removal does not wait in debugfs_remove: $(cat /proc/$del/stack 2>&1)"
# 3. a writer that reads the lists (klat_testmod loaded) and waits for klat_mutex
sh -c "echo klat_testmod_fn > $T; echo \$? > /tmp/43-add.out" 2> /tmp/43-add.err &
add=$!
if wait_stack $add 'klat_target_cmd' 'klat_ksyms|klat_read|seq_read|kallsyms|ftrace' 600; then
	pass "the writer read the lists and waits for klat_mutex"
else
	fail "the writer read the lists and waits for klat_mutex" "$(cat /proc/$add/stack 2>&1)"
fi

# 4. the module changes under it: same name, now notrace
rmmod klat_testmod
ok "insmod klat_testmod_nt.ko: klat_testmod_fn notrace" insmod "$TMNT"
grep -q '^klat_testmod_fn ' /sys/kernel/tracing/available_filter_functions 2>/dev/null ||
	grep -q '^klat_testmod_fn ' /sys/kernel/debug/tracing/available_filter_functions 2>/dev/null
is "$?" 1 "klat_testmod_fn is no longer in available_filter_functions"

# 5. let everything go
touch $GO
wait $hold
wait $del
wait $add
is "$(cat /tmp/43-del.out)" 0 "the removal finished"
add_res="$(cat /tmp/43-add.out) $(cat /tmp/43-add.err)"
like "$add_res" '^1 .*Invalid argument' "the notrace klat_testmod_fn is refused (not a traceable function)"
kp=$(grep ' klat_testmod_fn+0x' $KPL 2>/dev/null)
if [ -z "$kp" ] || echo "$kp" | grep -q FTRACE; then
	pass "no int3 kprobe on notrace module code"
else
	fail "no int3 kprobe on notrace module code" "kprobes/list: $kp" "targets: $(target_row klat_testmod_fn)"
fi
dmesg_check

echo -klat_testmod_fn > "$T" 2>/dev/null
rmmod klat_testmod_nt 2>/dev/null
rmmod klat_testmod 2>/dev/null
klat_unload
rm -f $GO
exit 0
