#!/bin/sh
# Writing the targets file: add (idempotent, keeps stats), remove, and the
# errors: unknown symbol, malformed lines, removing a non-target, blacklisted,
# data and klat's own functions; error_log entries; multi-line writes;
# the maxactive parameter.
. /tests/lib.sh
klat_require

plan 54

T=$KLAT_D/targets
EL=$KLAT_D/error_log

el_lines() { grep -c . "$EL"; }
# el_new N: the error_log after its first N lines
el_new() { sed -n "$(($1 + 1)),\$p" "$EL"; }

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# adding an existing target keeps it and its stats
sockloop 25 > /dev/null
h=$(stat_field __sys_socket hits)
cmp_ok "$h" -ge 25 "__sys_socket has hits ($h)"
kwrite "$T" __sys_socket
is "$KW_RC:$KW_ERR" "0:" "adding the existing target __sys_socket succeeds"
is "$(stat_field __sys_socket hits)" "$h" "... and keeps its hits"
is "$(ntargets)" 1 "... and does not duplicate it"

# add and remove
kwrite "$T" hrtimer_nanosleep
is "$KW_RC:$KW_ERR" "0:" "add hrtimer_nanosleep"
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active[[:space:]]+[0-9]+[[:space:]]+-$' "hrtimer_nanosleep is listed active"
is "$(head -n 1 "$T")" "# klat targets: 2" "targets header counts 2"
ok "probes/hrtimer_nanosleep/ exists" test -d "$KLAT_D/probes/hrtimer_nanosleep"
is "$(stats_row hrtimer_nanosleep | awk '{ print $1, $2 }')" "hrtimer_nanosleep 0" "stats has a row with 0 hits"
kwrite "$T" -hrtimer_nanosleep
is "$KW_RC:$KW_ERR" "0:" "-hrtimer_nanosleep removes it"
nok "probes/hrtimer_nanosleep/ is gone" test -e "$KLAT_D/probes/hrtimer_nanosleep"
is "$(target_row hrtimer_nanosleep)" "" "hrtimer_nanosleep no longer in targets"
is "$(stats_row hrtimer_nanosleep)" "" "hrtimer_nanosleep no longer in stats"
is "$(head -n 1 "$T")" "# klat targets: 1" "targets header counts 1"

# unknown symbol: ENOENT
n0=$(el_lines)
kwrite "$T" nosuch_klat_fn
isnt "$KW_RC" 0 "unknown symbol: write fails"
like "$KW_ERR" 'No such file or directory' "unknown symbol: ENOENT"
like "$(el_new "$n0")" 'nosuch_klat_fn' "error_log gained an entry with the command"
like "$(el_new "$n0")" '^\[ *[0-9]+\.[0-9]+\] targets: error: unknown kernel symbol \(-ENOENT\)$' "error_log entry: [time] targets: error: ... (ENOENT)"
like "$(el_new "$n0")" '^ +Command: nosuch_klat_fn$' "error_log entry has a Command: line"
like "$(el_new "$n0")" '^ +\^$' "error_log entry has a caret line"

# malformed: EINVAL
for cmd in "foo bar" "a+0x10" "bad%name"; do
	n0=$(el_lines)
	kwrite "$T" "$cmd"
	kw_refused 'Invalid argument' "malformed '$cmd': EINVAL"
	contains "$(el_new "$n0")" "  Command: $cmd" "error_log shows the malformed command '$cmd'"
done

# removing a symbol that is not a target: ENOENT
kwrite "$T" -hrtimer_nanosleep
isnt "$KW_RC" 0 "removing a non-target fails"
like "$KW_ERR" 'No such file or directory' "removing a non-target: ENOENT"

# a blacklisted function: EINVAL
bl=
for c in kprobe_int3_handler do_int3 exc_int3 notify_die kprobe_exceptions_notify; do
	if awk -v s="$c" '$2 == s { f = 1 } END { exit !f }' /sys/kernel/debug/kprobes/blacklist &&
		[ "$(awk -v s="$c" '$3 == s' /proc/kallsyms | wc -l)" -eq 1 ]; then
		bl=$c
		break
	fi
done
[ -n "$bl" ] || bl=$(awk '{ print $2 }' /sys/kernel/debug/kprobes/blacklist | while read -r s; do
	[ "$(awk -v s="$s" '$3 == s && ($2 == "t" || $2 == "T")' /proc/kallsyms | wc -l)" -eq 1 ] && { echo "$s"; break; }
done)
diag "blacklisted function: $bl"
kwrite "$T" "$bl"
kw_refused 'Invalid argument' "blacklisted $bl: EINVAL"
is "$(target_row "$bl")" "" "blacklisted $bl is not a target"

# a data symbol: EINVAL
kwrite "$T" init_task
kw_refused 'Invalid argument' "data symbol init_task: EINVAL"

# one of klat's own functions: EINVAL
own=$(awk '$4 == "[klat]" && ($2 == "t" || $2 == "T") { print $3; exit }' /proc/kallsyms)
diag "klat's own function: $own"
kwrite "$T" "$own"
if [ -n "$own" ] && [ "$KW_RC" -ne 0 ] && echo "$KW_ERR" | grep -q 'Invalid argument'; then
	pass "klat's own function $own: EINVAL"
else
	fail "klat's own function $own: EINVAL" "rc=$KW_RC err='$KW_ERR'"
fi
is "$(ntargets)" 1 "failed adds left only __sys_socket"

# several lines: applied in order, the first bad one stops the write
kwrite "$T" "$(printf 'hrtimer_nanosleep\nnosuch_klat_fn\nvfs_read')"
isnt "$KW_RC" 0 "multi-line write with a bad 2nd line fails"
like "$KW_ERR" 'No such file or directory' "... with the 2nd line's ENOENT"
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active' "... the 1st line stays applied"
is "$(target_row vfs_read)" "" "... the 3rd line is not applied"
kwrite "$T" "$(printf '%s\n%s\n%s' -hrtimer_nanosleep vfs_read -vfs_read)"
is "$KW_RC:$KW_ERR" "0:" "multi-line write of good lines succeeds"
is "$(target_row hrtimer_nanosleep)$(target_row vfs_read)" "" "... and applied all lines"

# removals of one write are unregistered together at its end: a target
# removed and added again in one write starts afresh and counts each call once
kwrite "$T" hrtimer_nanosleep
sleeper 1000000 3 > /dev/null
is "$(stat_field hrtimer_nanosleep hits)" 3 "a target counts 3 sleeps"
kwrite "$T" "$(printf '%s\n%s' -hrtimer_nanosleep hrtimer_nanosleep)"
is "$KW_RC:$KW_ERR" "0:" "removed and added again in one write"
is "$(stat_field hrtimer_nanosleep hits)" 0 "... starts afresh"
sleeper 1000000 4 > /dev/null
is "$(stat_field hrtimer_nanosleep hits)" 4 "... and counts each later call once"
# a bad line among removals: those before it are done (and their probes
# unregistered), those after it are not
kwrite "$T" "$(printf '%s\n' vfs_read ksys_read)"
kwrite "$T" "$(printf '%s\n%s\n%s\n%s' -hrtimer_nanosleep -vfs_read -nosuch_klat_fn -ksys_read)"
like "$KW_ERR" 'No such file or directory' "a removal of a non-target among removals fails with ENOENT"
is "$(target_row hrtimer_nanosleep)$(target_row vfs_read)" "" "... the removals before it are done"
nok "... and their directories are gone" test -e "$KLAT_D/probes/vfs_read"
like "$(target_row ksys_read)" '^ksys_read[[:space:]]+active' "... the one after it is not"
kwrite "$T" -ksys_read

# maxactive applies to targets added later
old=$(target_row __sys_socket | awk '{ print $3 }')
echo 5 > "$KLAT_P/maxactive"
is "$(cat "$KLAT_P/maxactive")" 5 "maxactive parameter is writable"
kwrite "$T" hrtimer_nanosleep
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active[[:space:]]+5[[:space:]]+-$' "a target added after maxactive=5 has maxactive 5"
is "$(target_row __sys_socket | awk '{ print $3 }')" "$old" "an older target keeps its maxactive"
echo 0 > "$KLAT_P/maxactive"

# the targets file still reads back consistently
is "$(head -n 1 "$T")" "# klat targets: $(ntargets)" "targets header count matches its rows"

ok "rmmod klat" rmmod klat
dmesg_check
