#!/bin/sh
# Functions klat must refuse before it registers anything, and loads and
# unloads that must leave nothing behind. Each of these once oopsed a kernel
# or left freed memory in use:
#  - klat's own exit function (6.12: the optimizer decoded past the end of
#    the module's text), and one of its functions that other tasks call while
#    it is refused (the log kept events pointing at a freed name);
#  - another module's __exit and notrace functions, and notrace functions of
#    vmlinux: not traceable, so refused (as kprobe_events refuses them);
#  - a load that fails on its targets= parameter while another process opens
#    klat's files (closing one after the module was freed faulted);
#  - unloads while writers add and remove targets.
. /tests/lib.sh
klat_require
plan 41

T=$KLAT_D/targets
TM=${KLAT_TESTMOD:-/tests/klat_testmod.ko}
KPL=/sys/kernel/debug/kprobes/list

# kprobes on NAME, from the kernel's own list
kprobes_on() {
	grep -c " $1+0x" "$KPL" 2>/dev/null
}

# refused NAME ERRNO-TEXT MESSAGE-REGEX DESC
refused() {
	kwrite "$T" "$1"
	kw_refused "$2" "$4: $2"
	like "$(grep 'targets: error:' "$KLAT_D/error_log" | tail -n 1)" "$3" "$4: error_log says why"
	is "$(target_row "$1")$(kprobes_on "$1")" "0" "$4: not a target, no kprobe left on it"
}

ok "insmod klat.ko" klat_load

# --- klat's own code ---------------------------------------------------------
refused klat_exit 'Invalid argument' 'klat does not probe its own code' "klat's __exit function"
refused klat_debugfs_exit 'Invalid argument' 'klat does not probe its own code' \
	"klat's own traceable function"

# klat_err_msg runs whenever error_log is read: refused before anything is
# armed, no call of it can be logged
echo 1 > "$KLAT_D/reset"
( i=0; while [ $i -lt 400 ]; do cat "$KLAT_D/error_log" >/dev/null; i=$((i + 1)); done ) &
rd=$!
n=0
while [ $n -lt 20 ]; do
	echo klat_err_msg > "$T" 2>/dev/null && break
	n=$((n + 1))
done
wait $rd
is "$n" 20 "klat_err_msg refused 20 times while error_log is read"
is "$(log_events | grep -c 'target=klat_')" 0 "the log has no event of klat's own functions"
is "$(target_row klat_err_msg)$(kprobes_on klat_err_msg)" "0" "klat_err_msg: no target, no kprobe"

# --- another module's __exit and notrace functions ---------------------------
[ -d /sys/module/klat_testmod ] && rmmod klat_testmod
if [ -f "$TM" ] && insmod "$TM"; then
	pass "insmod klat_testmod.ko"
	refused klat_testmod_exit 'Invalid argument' 'not a traceable function' \
		"another module's __exit function"
	refused klat_testmod_notrace 'Invalid argument' 'not a traceable function' \
		"another module's notrace function"
	kwrite "$T" klat_testmod_init
	is "$KW_RC:$(kprobes_on klat_testmod_init)" "1:0" "another module's freed __init function: refused"
	kwrite "$T" klat_testmod_fn
	is "$KW_RC" 0 "the module's traceable function is still taken"
	kwrite "$T" -klat_testmod_fn
	ok "rmmod klat_testmod" rmmod klat_testmod
else
	fail "insmod klat_testmod.ko" "no $TM"
	for i in 1 2 3 4 5 6 7 8 9; do fail "(klat_testmod not loaded)"; done
fi

# --- notrace functions of vmlinux ----------------------------------------------
# text symbols of vmlinux that appear once, are not in available_filter_functions
# and not on the kprobe blacklist (which has its own error), and that klat's
# parser takes
AFF=/sys/kernel/tracing/available_filter_functions
[ -r "$AFF" ] || AFF=/sys/kernel/debug/tracing/available_filter_functions
notrace=$(awk -v aff="$AFF" -v bl=/sys/kernel/debug/kprobes/blacklist '
	BEGIN {
		while ((getline l < aff) > 0) { split(l, f, " "); tr[f[1]] = 1 }
		while ((getline l < bl) > 0) { split(l, f, " "); nb[f[2]] = 1 }
	}
	NF == 3 && ($2 == "t" || $2 == "T") && $3 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ &&
	$3 !~ /^__(pfx|cfi)_/ { n[$3]++; if (!($3 in tr) && !($3 in nb)) cand[$3] = 1 }
	END { k = 0; for (s in cand) if (n[s] == 1 && k < 3) { print s; k++ } }' /proc/kallsyms)
diag "notrace functions of vmlinux: $(echo $notrace)"
is "$(echo $notrace | wc -w)" 3 "found 3 notrace functions of vmlinux to try"
for f in $notrace; do
	refused "$f" 'Invalid argument' 'not a traceable function' "vmlinux notrace $f"
done

# a data symbol is not a function; 7.x's kallsyms gives some data symbols
# (init_task, jiffies) type T, so klat takes them for text and refuses them
# as not traceable (sysfs-docs: "not a function")
nofn='not a function'
grep -q ' [tT] init_task$' /proc/kallsyms && nofn='not a traceable function'
refused init_task 'Invalid argument' "$nofn" "the data symbol init_task"
ok "rmmod klat" klat_unload

# --- a load that fails on its targets while klat's files are opened -----------
# twenty good targets and then a bad one: the load takes long enough for an
# opener to get in, if the files existed before the targets were added
good=__sys_socket,vfs_read,vfs_write,vfs_open,do_sys_poll,hrtimer_nanosleep,__sys_connect
good=$good,__sys_bind,__sys_listen,__sys_sendto,__sys_recvfrom,ksys_read,ksys_write
good=$good,do_filp_open,path_openat,getname_flags,__sys_socketpair,__sys_shutdown,do_sys_openat2
rm -f /tmp/opened /tmp/stop-open
(
	while [ ! -e /tmp/stop-open ]; do
		for f in "$T" "$KLAT_D/stats" "$KLAT_D/probes/__sys_socket/stats"; do
			( exec 3<"$f" && echo "$f" >> /tmp/opened && sleep 1 ) 2>/dev/null
		done
	done
) &
op=$!
fails=0
i=0
while [ $i -lt 4 ]; do
	insmod "$KLAT_KO" "targets=$good,klat_no_such_function" 2>/dev/null || fails=$((fails + 1))
	i=$((i + 1))
done
touch /tmp/stop-open
wait $op
is "$fails" 4 "4 loads with a bad target all failed"
ok "klat is not loaded after them" sh -c '! [ -d /sys/module/klat ]'
is "$(cat /tmp/opened 2>/dev/null | wc -l)" 0 "no klat file could be opened during a failing load"
is "$(grep -c ' r  ' "$KPL")" 0 "no kretprobe is left registered"

# --- unloads while writers add and remove targets -------------------------------
# a writer holds the module while its file is open (rmmod then fails with
# EBUSY), so the writers pause between writes and rmmod is retried
cyc=0 unloaded=0
while [ $cyc -lt 3 ]; do
	klat_load "targets=" || break
	rm -f /tmp/stop-w
	for s in vfs_read __sys_socket; do
		( while [ ! -e /tmp/stop-w ]; do
			echo $s > "$T" 2>/dev/null
			usleep 20000
			echo -$s > "$T" 2>/dev/null
			usleep 20000
		done ) &
	done
	sleep 1
	k=0
	while [ $k -lt 1000 ] && [ -d /sys/module/klat ]; do
		rmmod klat 2>/dev/null
		k=$((k + 1))
	done
	[ -d /sys/module/klat ] || unloaded=$((unloaded + 1))
	touch /tmp/stop-w
	wait
	cyc=$((cyc + 1))
done
is "$unloaded" 3 "3 unloads while two writers add and remove targets"
is "$(grep -c ' r  ' "$KPL")" 0 "no kretprobe is left registered after them"
dmesg_check
