#!/bin/sh
# Many targets in one write, and in the targets parameter: every line is
# applied in order; the first bad line stops the write with its errno and one
# error_log entry; the lines before it stay applied (registered, with their
# probes/ directories), none after it is; removals of many targets in one
# write, also stopped by a bad line; a mixed write; at load, one bad target
# in a long list fails the load and leaves no kprobe behind.
. /tests/lib.sh
klat_require

plan 38

T=$KLAT_D/targets
KPL=/sys/kernel/debug/kprobes/list
AFF=/sys/kernel/tracing/available_filter_functions
[ -r "$AFF" ] || AFF=/sys/kernel/debug/tracing/available_filter_functions

# in_targets FILE: how many of FILE's names are targets
in_targets() {
	grep -v '^#' "$T" | awk 'NR == FNR { w[$1] = 1; next } $1 in w { n++ } END { print n + 0 }' "$1" -
}
# in_kprobes FILE: how many of FILE's names kprobes/list shows
in_kprobes() {
	awk 'NR == FNR { w[$1] = 1; next } { s = $3; sub(/\+.*/, "", s) } s in w { n++ } END { print n + 0 }' \
		"$1" "$KPL"
}
# in_probedirs FILE: how many of FILE's names have a probes/ directory
in_probedirs() {
	ls "$KLAT_D/probes" | awk 'NR == FNR { w[$1] = 1; next } $1 in w { n++ } END { print n + 0 }' "$1" -
}
# dels FILE: FILE's names as -NAME lines
dels() { sed 's/^/-/' "$1"; }

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite "$T" -__sys_socket

# ---------------------------------------------------------------- candidates
# Functions spread over available_filter_functions, once each there and in
# kallsyms, not on the kprobe blacklist nor on paths that would be hit at
# every step (idle, printk, locks, scheduler); kept only if klat takes each
# alone, so that the batch's lines are known good.
awk '
	FNR == 1 { f++ }
	f == 1 { bl[$NF] = 1; next }
	f == 2 { if ($2 ~ /^[tT]$/) ks[$3]++; next }
	{ n[$1]++; if (NF == 1) order[++m] = $1 }
	END {
		for (i = 1; i <= m; i++) {
			s = order[i]
			if (n[s] != 1 || ks[s] != 1 || (s in bl)) continue
			if (s ~ /idle|panic|reboot|halt|power|exit|nmi|^klat|printk|console|serial|lock|sched|rcu|irq|tick|timer|clock|^_/) continue
			ok[++k] = s
		}
		for (i = 0; i < 60 && k; i++) print ok[int(i * k / 60) + 1]
	}' /sys/kernel/debug/kprobes/blacklist /proc/kallsyms "$AFF" | sort -u > /tmp/b47.try
: > /tmp/b47.all
while read -r s; do
	kwrite "$T" "$s"
	[ "$KW_RC" = 0 ] || continue
	kwrite "$T" "-$s"
	[ "$KW_RC" = 0 ] && echo "$s" >> /tmp/b47.all
done < /tmp/b47.try
NG=$(wc -l < /tmp/b47.all)
diag "$NG good names of $(wc -l < /tmp/b47.try) tried"
cmp_ok "$NG" -ge 30 "at least 30 functions klat takes one at a time ($NG)"
is "$(ntargets)" 0 "no targets before the batches"
H=$((NG / 2))
head -n "$H" /tmp/b47.all > /tmp/b47.a	# the lines before the bad one
tail -n +$((H + 1)) /tmp/b47.all > /tmp/b47.b	# the lines after it

# ---------------------------------------------------------------- add: all good
kwrite "$T" "$(cat /tmp/b47.all)"
is "$KW_RC:$KW_ERR" "0:" "$NG names in one write: accepted"
is "$(ntargets_header)" "$NG" "... the header counts $NG targets"
is "$(in_targets /tmp/b47.all)" "$NG" "... every name is a target"
is "$(in_kprobes /tmp/b47.all)" "$NG" "... every one is a registered kprobe"
is "$(in_probedirs /tmp/b47.all)" "$NG" "... every one has its probes/ directory"
is "$(grep -v '^#' "$T" | awk '$2 != "active"' | head -n 3)" "" "... all active"

# ---------------------------------------------------------------- remove: all in one write
kwrite "$T" "$(dels /tmp/b47.all)"
is "$KW_RC:$KW_ERR" "0:" "$NG removals in one write: accepted"
is "$(ntargets):$(in_kprobes /tmp/b47.all):$(ls "$KLAT_D/probes" | wc -l)" "0:0:0" \
	"... no target, no kprobe, no probes/ directory left"

# ---------------------------------------------------------------- add: good lines, a bad one, good lines
n0=$(errlog_n)
kwrite "$T" "$(cat /tmp/b47.a; echo nosuch_klat_fn47; cat /tmp/b47.b)"
isnt "$KW_RC" 0 "$H good lines, an unknown name, $((NG - H)) more: the write fails"
like "$KW_ERR" 'No such file or directory' "... with the bad line's ENOENT"
is "$(errlog_n)" $((n0 + 1)) "... one error_log entry"
like "$(errlog_last | sed -n 1p)" '^\[ *[0-9]+\.[0-9]+\] targets: error: unknown kernel symbol \(-ENOENT\)$' \
	"... which says unknown kernel symbol (-ENOENT)"
is "$(errlog_last | sed -n 2p)" "  Command: nosuch_klat_fn47" "... and shows the bad line"
is "$(in_targets /tmp/b47.a):$(in_kprobes /tmp/b47.a):$(in_probedirs /tmp/b47.a)" "$H:$H:$H" \
	"... the $H lines before it stay applied (targets, kprobes, probes/)"
is "$(in_targets /tmp/b47.b):$(in_kprobes /tmp/b47.b):$(in_probedirs /tmp/b47.b)" "0:0:0" \
	"... none of the lines after it is applied"
is "$(ntargets)" "$H" "... $H targets in all"
sockloop 5 > /dev/null
is "$(grep -v '^#' "$T" | awk '$2 != "active"' | head -n 3)" "" "... those left are active"

# a bad line of another kind (a data symbol): EINVAL, the same rules
kwrite "$T" "$(cat /tmp/b47.b; echo init_task; echo -"$(head -n 1 /tmp/b47.a)")"
kw_refused 'Invalid argument' "the other half, a data symbol, a removal: the data symbol's EINVAL"
is "$(in_targets /tmp/b47.b):$(in_kprobes /tmp/b47.b)" "$((NG - H)):$((NG - H))" \
	"... the $((NG - H)) lines before it are applied"
is "$(in_targets /tmp/b47.a)" "$H" "... the removal after it is not"

# ---------------------------------------------------------------- remove: good lines, a bad one, good lines
kwrite "$T" "$(dels /tmp/b47.a; echo -nosuch_klat_fn47; dels /tmp/b47.b)"
isnt "$KW_RC" 0 "$H removals, a non-target, $((NG - H)) more: the write fails"
like "$KW_ERR" 'No such file or directory' "... with the non-target's ENOENT"
is "$(errlog_last | sed -n 2p)" "  Command: -nosuch_klat_fn47" "... error_log shows the bad line"
is "$(in_targets /tmp/b47.a):$(in_kprobes /tmp/b47.a):$(in_probedirs /tmp/b47.a)" "0:0:0" \
	"... the $H removals before it are done (no target, kprobe or directory)"
is "$(in_targets /tmp/b47.b):$(in_kprobes /tmp/b47.b)" "$((NG - H)):$((NG - H))" \
	"... the removals after it are not"

# a mixed write: the rest removed, the first half added again, in one write
kwrite "$T" "$(dels /tmp/b47.b; cat /tmp/b47.a)"
is "$KW_RC:$KW_ERR" "0:" "removals and additions mixed in one write: accepted"
is "$(in_targets /tmp/b47.a):$(in_targets /tmp/b47.b)" "$H:0" "... each applied"
kwrite "$T" "$(dels /tmp/b47.a)"
is "$(ntargets)" 0 "... and removed again"
dmesg_check "dmesg is clean after the writes"

# ---------------------------------------------------------------- at load
# A string parameter holds at most 1023 bytes: as many names as fit in 900.
awk '{ n += length($0) + 1 } n < 900' /tmp/b47.all > /tmp/b47.l
NL=$(wc -l < /tmp/b47.l)
HL=$((NL / 2))
head -n "$HL" /tmp/b47.l > /tmp/b47.la
tail -n +$((HL + 1)) /tmp/b47.l > /tmp/b47.lb
L=$(tr '\n' ',' < /tmp/b47.l)
ok "insmod targets=<$NL names>" klat_load "targets=${L%,}"
is "$(ntargets):$(in_kprobes /tmp/b47.l)" "$NL:$NL" "... $NL targets, each a kprobe"
klat_unload
is "$(in_kprobes /tmp/b47.l)" 0 "rmmod: no kprobe left"
L=$(tr '\n' ',' < /tmp/b47.la)nosuch_klat_fn47,$(tr '\n' ',' < /tmp/b47.lb)
insmod "$KLAT_KO" "targets=${L%,}" > /dev/null 2>&1
isnt "$?" 0 "insmod targets=<$HL names>,nosuch_klat_fn47,<$((NL - HL)) names>: fails"
like "$(dmesg | tail -n 5)" "klat: cannot add target 'nosuch_klat_fn47': -ENOENT" "... the kernel log names the bad target"
is "$(klat_loaded && echo loaded)$(in_kprobes /tmp/b47.l)" 0 "... no module and no kprobe left behind"
