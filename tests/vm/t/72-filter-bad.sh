#!/bin/sh
# Bad filter writes, which must neither change nor weaken the filter in
# force: unknown key, bad numbers, a 16-character comm,
# 9 values, a key given twice, an empty write, a bad bool, a term without '=',
# a bad term after a good one.  Each fails with EINVAL, adds an error_log
# entry giving the reason (caret under the bad term), and leaves the filter
# in force, which must still filter.  Same for a per-target filter.
. /tests/lib.sh
klat_require

plan 56

S=__sys_socket
F=$KLAT_D/filter
E=$KLAT_D/error_log
B=/tmp/b72
mkdir -p $B
cp /tests/bin/sockloop $B/sockA
ln -sf /tests/bin/sockloop $B/sockB


# unesc: stdin with every \ooo octal escape decoded
unesc() {
	awk '{
		o = ""
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\\" && substr($0, i + 1, 3) ~ /^[0-7][0-7][0-7]$/) {
				o = o sprintf("%c", substr($0, i + 1, 1) * 64 + substr($0, i + 2, 1) * 8 + substr($0, i + 3, 1))
				i += 3
			} else
				o = o c
		}
		printf "%s", o
	}'
}

# bad FILE WORDS REASON TERM: writing WORDS to FILE fails with EINVAL, adds an
# error_log entry "FILE: error: REASON (-EINVAL)" whose Command is WORDS
# and whose caret is under TERM (a substring of WORDS; "" for
# no caret check), and leaves FILE's terms as they were.  Three tests.
bad() {
	_before=$(terms "$1")
	_l0=$(errlog_last)
	kwrite "$1" "$2"
	_d="'$2'"
	[ -n "$2" ] || _d="an empty write"
	case "$KW_RC:$KW_ERR" in
	0:*) fail "$_d is refused with EINVAL" "the write succeeded" ;;
	*Invalid\ argument*) pass "$_d is refused with EINVAL" ;;
	*) fail "$_d is refused with EINVAL" "rc=$KW_RC: $KW_ERR" ;;
	esac
	_l=$(errlog_last)
	_m=$(printf '%s\n' "$_l" | sed -n 1p)
	_c=$(printf '%s\n' "$_l" | sed -n 2p)
	_k=$(printf '%s\n' "$_l" | sed -n 3p)
	_why=
	[ "$_l" != "$_l0" ] || _why="no new entry"
	case $_m in
	"["*"] filter: error: $3 (-EINVAL)") ;;
	*) _why="$_why; wrong message" ;;
	esac
	# the whole write as it was, without echo's newline (sysfs-docs/debugfs-klat)
	[ "$_c" = "  Command: $2" ] || _why="$_why; Command is not '$2'"
	if [ -n "$4" ]; then
		# the caret's column in the escaped command, decoded back: the text before TERM
		_col=$(printf '%s\n' "$_k" | awk '{ print index($0, "^") - 12 }')
		_pre=$(printf '%s\n' "${_c#  Command: }" | awk -v n="$_col" '{ print substr($0, 1, n) }' | unesc)
		_want=$(awk -v s="$2" -v t="$4" 'BEGIN { print substr(s, 1, index(s, t) - 1) }')
		[ "$_col" -ge 0 ] && [ "$_pre" = "$_want" ] || _why="$_why; caret not under '$4' (before it: '$_pre')"
	fi
	if [ -z "$_why" ]; then
		pass "$_d: error_log says '$3'"
	else
		fail "$_d: error_log says '$3'" "${_why#; }" "last error_log entry:" "$_l"
	fi
	is "$(terms "$1")" "$_before" "$_d leaves the filter as it was"
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $F "comm=sockA"
is "$KW_RC:$(terms $F)" "0:comm=sockA" "filter comm=sockA in force"

bad $F "foo=1" "unknown filter key" "foo"
bad $F "pid=abc" "bad number" "abc"
bad $F "pid=1,,2" "bad number" ",2"
bad $F "tgid=-5" "bad number" "-5"
bad $F "pid=2147483648" "bad number" "2147483648"
bad $F "log_min_ns=1x" "bad number" "1x"
bad $F "comm=abcdefghijklmnop" "comm longer than the kernel's 15 characters" "p"
bad $F "pid=1,2,3,4,5,6,7,8,9" "too many values for one key" "9"
bad $F "comm=a,b,c,d,e,f,g,h,i" "too many values for one key" "i"
bad $F "pid=1 pid=2" "key given twice" "pid=2"
bad $F "" "empty filter; write 'clear' to remove all terms" ""
bad $F "log_errors=2" "expected 0 or 1" "2"
bad $F "pid" "expected key=value" "pid"
bad $F "pid=1 bogus=2" "unknown filter key" "bogus"
bad $F "=5" "expected key=value" "=5"

kwrite $KLAT_D/reset 1
$B/sockA 20 > /dev/null
$B/sockB 15 > /dev/null
is "$(stat_field $S hits)" 20 "after the bad writes comm=sockA still filters: sockA's 20 calls, not sockB's 15"
is "$(log_events | grep -c ' comm=sockB ')" 0 "and sockB is not logged"

# per-target filter
PF=$KLAT_D/probes/$S/filter
kwrite $F clear
kwrite $PF "comm=sockB"
is "$KW_RC:$(terms $PF)" "0:comm=sockB" "per-target filter comm=sockB in force"
bad $PF "comm=sockA comm=sockB" "key given twice" "comm=sockB"
kwrite $KLAT_D/reset 1
$B/sockA 20 > /dev/null
$B/sockB 15 > /dev/null
is "$(stat_field $S hits)" 15 "the per-target filter still filters: sockB's 15 calls"

ok "rmmod klat" rmmod klat
dmesg_check
