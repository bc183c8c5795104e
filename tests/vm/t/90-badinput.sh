#!/bin/sh
# Bad input to every writable file must fail cleanly (an errno, an error_log
# entry, nothing changed, no crash): a table of writes to targets, filter,
# probes/SYMBOL/filter and reset, each made with exactly one write(2)
# (tests/vm/progs/onewrite; the shell would split long strings).  One `row`
# line per input:
#
#   row FILE BYTES EXPECT MESSAGE [TARGETS-AFTER]
#
#   FILE      targets, filter (the global one), pfilter (probes/__sys_socket/
#             filter) or reset
#   BYTES     the bytes written, as a printf(1) format ('abc\000def\n'), or
#             @PATH of a file made below (long names, 1 MiB, 64 KiB)
#   EXPECT    "ok" (write() returns the whole count), or the errno's text as
#             glibc's strerror() and busybox print it ("Invalid argument")
#   MESSAGE   ERE the message of the newest error_log entry must match (the
#             entry must be new; the "[time] FILE: error: " before it and the
#             " (-ENAME)" after it, from EXPECT, are checked too), or "none":
#             error_log must not change
#   TARGETS-AFTER  the targets (symbols, in order) after the write, when the
#             write changes them (a multi-line write whose bad line comes
#             after good ones); default: unchanged
#
# Five tests per row: (1) write()'s result; (2) error_log; (3) targets,
# global and per-target filter are as expected (unchanged unless the row says
# otherwise); (4) nothing recorded is lost: __sys_socket's hits and its events
# in the log are what they were (a reset row that succeeds: zero, and the log
# is empty; a reset row that fails resets nothing);
# (5) the module still works: 3 more socket() calls are counted exactly.
# Before the table: 50 socket() calls, a global filter comm=sockloop and a
# per-target filter, so a row that clobbered a filter or the counts shows.
# At the end, a writer chrooted where there is no /proc adds an ambiguous
# name.
. /tests/lib.sh
klat_require

plan $(($(grep -c '^row ' "$0") * 5 + 11))

S=__sys_socket
T=$KLAT_D/targets
F=$KLAT_D/filter
PF=$KLAT_D/probes/$S/filter
R=$KLAT_D/reset
E=$KLAT_D/error_log
B=/tmp/b90
mkdir -p $B

# ---------------------------------------------------------------- helpers

# errno text (glibc) -> name, for the " (-ENAME)" of error_log
errname() {
	case $1 in
	"No such file or directory") echo ENOENT ;;
	"Invalid argument") echo EINVAL ;;
	"Cannot assign requested address") echo EADDRNOTAVAIL ;;
	"Argument list too long") echo E2BIG ;;
	"Operation not permitted") echo EPERM ;;
	"Cannot allocate memory") echo ENOMEM ;;
	*) echo "?" ;;
	esac
}

# state: the targets (symbols), the global filter's and the per-target
# filter's terms, on three lines
state() {
	awk -v t=$T -v f=$F '
		FNR == 1 { k = (FILENAME == t) ? "targets" : (FILENAME == f) ? "filter" : "pfilter"; o[k] = "" }
		!/^#/ { o[k] = o[k] (o[k] == "" ? "" : " ") (k == "targets" ? $1 : $0) }
		END { printf "targets: %s\nfilter: %s\npfilter: %s\n", o["targets"], o["filter"], o["pfilter"] }' \
		$T $F $PF 2>/dev/null
}
sock_events() { log_events | grep -c " target=$S "; }
hits() { stat_field $S hits; }

rown=0
# row FILE BYTES EXPECT MESSAGE [TARGETS-AFTER]: see the top of the file
row() {
	_file=$1 _bytes=$2 _exp=$3 _msg=$4
	rown=$((rown + 1))
	case $_file in
	targets) _path=$T _lab=targets ;;
	filter) _path=$F _lab=filter ;;
	pfilter) _path=$PF _lab=filter ;;
	reset) _path=$R _lab=reset ;;
	*) bail_out "row $rown: bad FILE '$_file'" ;;
	esac
	case $_bytes in
	@*) _in=${_bytes#@} _d="$_file <- ${_in##*/}" ;;
	*) _in=$B/in; printf "$_bytes" > $_in; _d="$_file <- '$_bytes'" ;;
	esac
	_n=$(wc -c < "$_in")
	_d="row $rown: $_d"
	_st0=$(state)
	if [ $# -ge 5 ]; then
		_want=$(printf '%s\n' "$_st0" | sed "1s/.*/targets: $5/")
	else
		_want=$_st0
	fi
	_h0=$(hits)
	_ev0=$(sock_events)
	_e0=$(cat $E)

	_out=$(onewrite "$_path" < "$_in")
	_rc=$?
	# (1) write()'s result
	if [ "$_exp" = ok ]; then
		if [ $_rc -eq 0 ] && [ "$_out" = "onewrite: $((_n)) bytes" ]; then
			pass "$_d: write succeeds"
		else
			fail "$_d: write succeeds" "rc=$_rc: $_out"
		fi
	else
		case "$_rc:$_out" in
		1:"onewrite: $_path: $_exp") pass "$_d: fails with '$_exp'" ;;
		*) fail "$_d: fails with '$_exp'" "rc=$_rc: $_out" ;;
		esac
	fi
	# (2) error_log
	_e1=$(cat $E)
	if [ "$_msg" = none ]; then
		if [ "$_e1" = "$_e0" ]; then
			pass "$_d: error_log unchanged"
		else
			fail "$_d: error_log unchanged" "new entries:" "$(printf '%s\n' "$_e1" | grep -v '^#' | tail -n 3)"
		fi
	else
		_last=$(printf '%s\n' "$_e1" | grep '^\[' | tail -n 1)
		_re="^\[ *[0-9]+\.[0-9]{6}\] $_lab: error: $_msg \(-$(errname "$_exp")\)\$"
		if [ "$_e1" != "$_e0" ] && printf '%s\n' "$_last" | grep -Eq -- "$_re"; then
			pass "$_d: error_log: $_msg"
		else
			[ "$_e1" != "$_e0" ] || _last="(no new entry) $_last"
			fail "$_d: error_log: $_msg" "newest entry: $_last" "expected: /$_re/"
		fi
	fi
	# (3) targets and filters
	_st1=$(state)
	if [ "$_st1" = "$_want" ]; then
		pass "$_d: targets and filters as expected"
	else
		fail "$_d: targets and filters as expected" "got:" "$_st1" "expected:" "$_want"
		# put the filters back, so that the next rows test what they say
		kwrite $F "comm=sockloop"
		kwrite $PF "comm=sockloop,onewrite"
	fi
	# (4) nothing recorded lost (a reset that succeeds: all zeroed)
	_h1=$(hits)
	if [ "$_file" = reset ] && [ "$_exp" = ok ]; then
		_lg=$(log_header_field shown)
		is "$_h1 $_lg" "0 0" "$_d: reset: hits 0, log empty"
	else
		_ev1=$(sock_events)
		is "$_h1 $_ev1" "$_h0 $_ev0" "$_d: hits and logged events of $S kept ($_h0, $_ev0)"
	fi
	# (5) still counts
	sockloop 3 > /dev/null
	is "$(hits)" $((_h1 + 3)) "$_d: 3 more socket() calls are counted"
}

# ---------------------------------------------------------------- setup

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
is "$(sockloop 50)" "sockloop: calls=50 ok=50 fail=0 errno=0" "sockloop made 50 socket() calls"
is "$(hits)" 50 "$S counted 50 calls"
kwrite $F "comm=sockloop"
kwrite $PF "comm=sockloop,onewrite"
is "$(state)" "targets: $S
filter: comm=sockloop
pfilter: comm=sockloop,onewrite" "one target, a global and a per-target filter"

# a function on the kprobe blacklist: the first (of the first 30) whose name
# is a single text symbol of the kernel (a duplicate would be EADDRNOTAVAIL)
BL=$(awk 'NR == FNR { if (NF == 2 && n < 30) { want[$2] = ++n; names[n] = $2 }; next }
	($2 == "t" || $2 == "T") && ($3 in want) { cnt[$3]++ }
	END { for (i = 1; i <= n; i++) if (cnt[names[i]] == 1) { print names[i]; exit } }' \
	/sys/kernel/debug/kprobes/blacklist /proc/kallsyms)
isnt "$BL" "" "a function on the kprobe blacklist: $BL"

# generated inputs
name() { head -c "$1" /dev/zero | tr '\0' x | sed 's/^/klat_nosuch_/' | head -c "$1"; echo; }
# the longest name klat takes is KSYM_NAME_LEN - 1: 511 from 6.1 on, 127 before
# (sysfs-docs/debugfs-klat)
case $(uname -r) in
[1-5].* | 6.0.*) KLEN=128 ;;
*) KLEN=512 ;;
esac
diag "kernel $(uname -r): KSYM_NAME_LEN $KLEN"
name 200 > $B/name200
name $((KLEN - 1)) > $B/name$((KLEN - 1))
name $KLEN > $B/name$KLEN
name 4096 > $B/name4096
head -c 1048576 /dev/zero | tr '\0' a > $B/a-1MiB
head -c 65536 /dev/zero | tr '\0' '\n' > $B/nl-65536
head -c 65537 /dev/zero | tr '\0' '\n' > $B/nl-65537
is "$(wc -c < $B/name4096 | tr -d ' ') $(wc -c < $B/a-1MiB | tr -d ' ') $(wc -c < $B/nl-65537 | tr -d ' ')" \
	"4097 1048576 65537" "generated inputs have the intended sizes"

NC='invalid character in symbol name'
IV='Invalid argument'
NE='No such file or directory'

# ---------------------------------------------------------------- targets
row targets '' ok none
row targets ' \t\n\n  \r\n\f\v\n' ok none
row targets '# a comment\n   # another one __sys_socket\n' ok none
row targets '__sys_socket\n' ok none
row targets ' \t __sys_socket \r\n' ok none
# (the plan counts the lines starting with "row ": one per row)
if [ 200 -lt $KLEN ]; then
	E200=$NE M200='unknown kernel symbol'
else
	E200=$IV M200='symbol name too long'
fi
row targets @$B/name200 "$E200" "$M200"
row targets @$B/name$((KLEN - 1)) "$NE" 'unknown kernel symbol'
row targets @$B/name$KLEN "$IV" 'symbol name too long'
row targets @$B/name4096 "$IV" 'symbol name too long'
row targets 'foo/bar\n' "$IV" "$NC"
row targets '../../etc\n' "$IV" "$NC"
row targets 'foo bar\n' "$IV" 'unexpected text after the symbol name'
row targets 'foo\tbar\n' "$IV" 'unexpected text after the symbol name'
row targets '__sys_socket # comment\n' "$IV" 'unexpected text after the symbol name'
row targets 'ab\001cd\n' "$IV" "$NC"
row targets 'ab\033[0m\n' "$IV" "$NC"
row targets 'abc\177\n' "$IV" "$NC"
row targets 'caf\303\251\n' "$IV" "$NC"
row targets '\377\376\n' "$IV" "$NC"
row targets 'abc\000def\n' "$IV" "$NC"
row targets '\000\n' "$IV" "$NC"
row targets '__sys_socket\000\n' "$IV" "$NC"
row targets '9abc\n' "$IV" "$NC"
row targets 'vmlinux:__sys_socket\n' "$IV" "$NC"
row targets '--__sys_socket\n' "$IV" "$NC"
row targets '-\n' "$IV" 'missing symbol name'
row targets 'syscall:\n' "$IV" 'missing symbol name'
row targets 'syscall:nosuch_call\n' "$NE" 'unknown syscall name'
row targets '-klat_never_added_xyz\n' "$NE" 'not a current target'
row targets '-hrtimer_nanosleep\n' "$NE" 'not a current target'
# 7.x's kallsyms types jiffies T: then refused as not traceable (sysfs-docs)
nofn='not a function'
grep -q ' [tT] jiffies$' /proc/kallsyms && nofn='not a traceable function .*'
row targets 'jiffies\n' "$IV" "$nofn"
row targets "$BL\\n" "$IV" '(the kernel cannot probe this function|not a traceable function .*)'
row targets 'klat_target_cmd\n' "$IV" 'klat does not probe its own code'
row targets 'klat_entry\n' "$IV" 'klat does not probe its own code'
row targets 'name_show\n' 'Cannot assign requested address' 'several functions have this name'
row targets '__sys_socket+4\n' "$IV" 'SYMBOL\+OFFSET is not supported; give a function name'
row targets @$B/a-1MiB 'Argument list too long' 'write too large'
row targets @$B/nl-65537 'Argument list too long' 'write too large'
row targets @$B/nl-65536 ok none
# several lines: those before the bad one are applied, the bad one fails the
# write, those after it are not run
row targets 'hrtimer_nanosleep\nfoo bar\nksys_read\n' "$IV" 'unexpected text after the symbol name' "$S hrtimer_nanosleep"
row targets '-hrtimer_nanosleep\n' ok none "$S"
row targets 'ksys_read\n-ksys_read\n-ksys_read\nhrtimer_nanosleep\n' "$NE" 'not a current target'
row targets 'hrtimer_nanosleep\n-hrtimer_nanosleep' ok none

# ---------------------------------------------------------------- filters
row filter 'foo=1\n' "$IV" 'unknown filter key'
row filter 'pid=abc\n' "$IV" 'bad number'
row filter 'pid=99999999999999999999\n' "$IV" 'bad number'
row filter 'log_min_ns=-1\n' "$IV" 'bad number'
row filter 'comm=abcdefghijklmnop\n' "$IV" "comm longer than the kernel's 15 characters"
row filter '' "$IV" "empty filter; write 'clear' to remove all terms"
row filter ' \n\t\r\n' "$IV" "empty filter; write 'clear' to remove all terms"
row filter 'pid=1\0002\n' "$IV" 'bad number'
row filter '\000\n' "$IV" 'expected key=value'
row filter 'comm=sock\000loop\n' "$IV" 'expected key=value'
row filter 'comm=\000\n' "$IV" 'expected key=value'
row filter @$B/a-1MiB 'Argument list too long' 'write too large'
row pfilter 'pid=1,2,3,4,5,6,7,8,9\n' "$IV" 'too many values for one key'
row pfilter 'log_errors=2\n' "$IV" 'expected 0 or 1'
row pfilter '' "$IV" "empty filter; write 'clear' to remove all terms"
row pfilter 'tgid=1\000\n' "$IV" 'bad number'

# ---------------------------------------------------------------- reset
# A write of blanks only, or starting with a digit, resets everything; any
# other is target names, one per line, all or nothing: garbage fails (EINVAL,
# an error_log entry) and resets nothing, as does a write over 64 KiB (E2BIG).
# The failing rows come first, while __sys_socket has many calls to lose.
row reset '\000\377 garbage -__sys_socket\n' "$IV" "$NC"
row reset @$B/a-1MiB 'Argument list too long' 'write too large'
row reset '1\n' ok none
row reset '' ok none

# ---------------------------------------------------------------- no /proc
# A writer whose root has no /proc (a chroot, a container).  klat finds
# duplicated names in /proc/kallsyms, read in the context of the process
# that adds the first target after a load (or after any module came or
# went): that must not make an ambiguous name acceptable.
mkdir -p $B/jail/bin
cp /bin/busybox $B/jail/bin/busybox
ok "reload klat.ko with no targets" klat_load targets=
out=$(chroot $B/jail /bin/busybox sh -c 'echo name_show >&3' 3> $T 2>&1)
is "$?:$out" "1:sh: write error: Cannot assign requested address" \
	"a writer chrooted where there is no /proc: name_show fails with EADDRNOTAVAIL"
is "$(grep -v '^#' $T | awk '{ print $1 }')" "" "and no target is added"
echo -name_show 2> /dev/null > $T

ok "rmmod klat" rmmod klat
dmesg_check
