#!/bin/sh
# Bad module parameters must fail the load or the write cleanly and leave
# nothing behind (sysfs-docs/sysfs-module-klat):
#
#   load ARGS EXPECT [DMESG-ERE]   insmod klat.ko ARGS: EXPECT is "ok" or the
#                                  errno text busybox insmod prints (strerror,
#                                  but for ENOENT "unknown symbol in module,
#                                  or unknown parameter"); a failed load
#                                  leaves no module (and no klat/ in debugfs);
#                                  DMESG-ERE: a kernel log line it must add
#   param PARAM VALUE EXPECT       write VALUE (a printf format) in one
#                                  write(2) to parameters/PARAM while
#                                  loaded: a failure leaves the value as it
#                                  was, and the module still counts
#
# Then maxactive above 4096 is used as 4096 for targets added later.
. /tests/lib.sh
klat_require

plan $(($(grep -c '^load ' "$0") * 2 + $(grep -c '^param ' "$0") * 3 + 7))

S=__sys_socket
P=$KLAT_P
IV='Invalid argument'
NE='unknown symbol in module, or unknown parameter'	# busybox insmod's ENOENT

# load ARGS EXPECT [DMESG-ERE]
load() {
	_args=$1 _exp=$2
	klat_unload
	echo "klat-test: load $_args" > /dev/kmsg
	# shellcheck disable=SC2086
	_out=$(insmod $KLAT_KO $_args 2>&1)
	_rc=$?
	if [ "$_exp" = ok ]; then
		is "$_rc:$_out" "0:" "insmod $_args: loads"
	else
		case "$_rc:$_out" in
		0:*) fail "insmod $_args: fails with '$_exp'" "it loaded" ;;
		*": $_exp") pass "insmod $_args: fails with '$_exp'" ;;
		*) fail "insmod $_args: fails with '$_exp'" "rc=$_rc: $_out" ;;
		esac
	fi
	_log=$(dmesg | awk -v m="klat-test: load $_args" 'index($0, m) { buf = ""; next } { buf = buf $0 "\n" } END { printf "%s", buf }')
	if [ "$_exp" = ok ]; then
		_why=
		[ -d $KLAT_D ] || _why="no klat/ in debugfs"
		[ -z "${3:-}" ] || printf '%s\n' "$_log" | grep -Eq -- "$3" || _why="$_why; no kernel log line /$3/"
		if [ -z "$_why" ]; then pass "insmod $_args: module works${3:+, kernel log /$3/}"; else fail "insmod $_args: module works${3:+, kernel log /$3/}" "${_why#; }" "$_log"; fi
	else
		_why=
		[ ! -e /sys/module/klat ] || _why="module left loaded"
		[ ! -e $KLAT_D ] || _why="$_why; klat/ left in debugfs"
		[ -z "${3:-}" ] || printf '%s\n' "$_log" | grep -Eq -- "$3" || _why="$_why; no kernel log line /$3/"
		if [ -z "$_why" ]; then pass "insmod $_args: nothing left behind${3:+, kernel log /$3/}"; else fail "insmod $_args: nothing left behind${3:+, kernel log /$3/}" "${_why#; }" "$_log"; fi
	fi
}

# param PARAM VALUE EXPECT
param() {
	_p=$1 _v=$2 _exp=$3
	_old=$(cat $P/$_p)
	_out=$(printf "$_v" | onewrite $P/$_p)
	_rc=$?
	if [ "$_exp" = ok ]; then
		is "$_rc" 0 "$_p <- '$_v': accepted"
		pass "$_p <- '$_v': (value checked below)"
	else
		case "$_rc:$_out" in
		1:*": $_exp") pass "$_p <- '$_v': fails with '$_exp'" ;;
		*) fail "$_p <- '$_v': fails with '$_exp'" "rc=$_rc: $_out" ;;
		esac
		is "$(cat $P/$_p)" "$_old" "$_p <- '$_v': value unchanged ($_old)"
	fi
	kwrite $KLAT_D/reset 1
	sockloop 3 > /dev/null
	is "$(stat_field $S hits)" 3 "$_p <- '$_v': the module still counts"
}

# ---------------------------------------------------------------- at load
load "maxactive=-1" "$IV"
load "maxactive=abc" "$IV"
load "maxactive=" "$IV"
load "maxactive=99999999999" 'Numerical result out of range'
load "log_size=-5" "$IV"
load "log_size=abc" "$IV"
load "log_enable=maybe" "$IV"
load "targets=nosuch_fn_xyz" "$NE" "klat: cannot add target 'nosuch_fn_xyz': -ENOENT"
load "targets=$S,nosuch_fn_xyz" "$NE" "klat: cannot add target 'nosuch_fn_xyz': -ENOENT"
load "targets=jiffies" "$IV" "klat: cannot add target 'jiffies': -EINVAL"
load "targets=name_show" 'Cannot assign requested address' "klat: cannot add target 'name_show': -EADDRNOTAVAIL"
load "targets=$S+4" "$IV" "klat: cannot add target '$S\\+4': -EINVAL"
load "targets=syscall:nosuch" "$NE" "klat: cannot add target 'syscall:nosuch': -ENOENT"
load "targets=,,$S,," ok
load "nosuch_param=1" ok "unknown parameter 'nosuch_param' ignored"
load "log_size=0" ok

# ---------------------------------------------------------------- runtime
klat_unload
ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
param maxactive -1 "$IV"
param maxactive abc "$IV"
param maxactive '\n' "$IV"
param maxactive 4294967296 'Numerical result out of range'
param log_enable maybe "$IV"
param log_enable '\n' "$IV"
param log_size 16 'Permission denied'
param targets nosuch_fn 'Permission denied'
param maxactive 5000 ok

is "$(cat $P/maxactive)" 5000 "maxactive reads 5000"
kwrite $KLAT_D/targets hrtimer_nanosleep
is "$KW_RC" 0 "a target added with maxactive=5000"
is "$(target_row hrtimer_nanosleep | awk '{ print $3 }')" 4096 "gets maxactive 4096 (the cap)"
defmax=$(kernel_default_maxactive)
is "$(target_row $S | awk '{ print $3 }')" $defmax "the target added at load keeps the kernel's default ($defmax)"
ok "rmmod klat" rmmod klat
dmesg_check
