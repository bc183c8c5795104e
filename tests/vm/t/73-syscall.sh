#!/bin/sh
# syscall:NAME targets, which spare the user the kernel function behind a
# syscall: syscall:connect adds __sys_connect (listed and
# probed under that symbol), counts exactly the connect() calls of connloop
# with decoded arguments, -syscall:connect removes it; syscall:nosuch fails
# with ENOENT and an error_log entry; the socket calls and a few file ones
# add and remove on this kernel, one by one and all in one write.
. /tests/lib.sh
klat_require

# names and the symbol each gets: the inner function where the kernel has one
# (targets/klat_syscalls.c), else the __x64_sys_ wrapper; where this kernel has
# no __sys_getpeername (7.2 and later), getpeername is its wrapper
if grep -q ' __sys_getpeername$' /proc/kallsyms; then
	PEER=__sys_getpeername
else
	PEER=__x64_sys_getpeername
fi
diag "getpeername is $PEER on this kernel"
NAMES="socket:__sys_socket socketpair:__sys_socketpair bind:__sys_bind listen:__sys_listen
accept:__sys_accept4 accept4:__sys_accept4 connect:__sys_connect getsockname:__x64_sys_getsockname
getpeername:$PEER sendto:__sys_sendto recvfrom:__sys_recvfrom
setsockopt:__sys_setsockopt getsockopt:__sys_getsockopt shutdown:__sys_shutdown
sendmsg:__sys_sendmsg recvmsg:__sys_recvmsg openat:__x64_sys_openat read:ksys_read
write:ksys_write close:__x64_sys_close"
# distinct symbols: 19 (accept and accept4 share one)
NSYMS=$(for ns in $NAMES; do echo "${ns#*:}"; done | sort -u | wc -l)

plan $((52 + 20))

TG=$KLAT_D/targets
E=$KLAT_D/error_log
S=__sys_connect
N=25	# connects
R=4	# refused connects


ok "insmod klat.ko targets= (none)" klat_load targets= || bail_out "cannot load klat.ko"
is "$(ntargets_header)" 0 "no targets"

# ---------------------------------------------------------------- syscall:connect
kwrite $TG "syscall:connect"
is "$KW_RC:$KW_ERR" "0:" "echo syscall:connect > targets"
is "$(target_row $S | awk '{ print $1, $2, $4 }')" "$S active connect" "targets lists $S, active, syscall connect"
is "$(ntargets_header)" 1 "exactly one target"
is "$(grep -v '^#' $TG | grep -c 'connect' )" 1 "no other row mentions connect (no 'syscall:connect' row)"
ok "probes/$S exists" test -d $KLAT_D/probes/$S
ok "probes/$S/stats exists" test -f $KLAT_D/probes/$S/stats
is "$(stats_row $S | awk '{ print $1 }')" "$S" "stats has a $S row"
kwrite $TG "syscall:connect"
is "$KW_RC:$(ntargets_header)" "0:1" "adding syscall:connect again succeeds, still one target"
kwrite $TG "$S"
is "$KW_RC:$(ntargets_header)" "0:1" "adding $S by name: the same target"

kwrite $KLAT_D/reset 1
connloop $N $R > /tmp/cl &
cpid=$!
wait $cpid
is "$(sed 's/ port=[0-9]*$//' /tmp/cl)" "connloop: connects=$N ok=$N fail=0 refused=$R fd=3" \
	"connloop: $N connects and $R refused ones, all on fd 3"
is "$(stat_field $S hits)" $((N + R)) "hits == the $((N + R)) connect() calls"
is "$(stat_field $S errors)" $R "errors == the $R refused ones"
log_events | grep " target=$S " > /tmp/ev
is "$(grep -c " pid=$cpid tgid=$cpid comm=connloop target=$S ret=0 " /tmp/ev)" $N "log: $N events with ret=0"
is "$(grep -c " pid=$cpid tgid=$cpid comm=connloop target=$S ret=-111(ECONNREFUSED) " /tmp/ev)" $R \
	"log: $R events with ret=-111(ECONNREFUSED)"
is "$(wc -l < /tmp/ev)" $((N + R)) "log: no other $S event"
is "$(ev_field args < /tmp/ev | grep -Ev '^fd=3,uservaddr=[0-9a-f]{16},addrlen=16$' | sort -u)" "" \
	"every event has args=fd=3,uservaddr=<hashed pointer>,addrlen=16"
is "$(ev_field args < /tmp/ev | grep -c 'uservaddr=NULL')" 0 "the sockaddr pointer is not NULL"

kwrite $TG "-syscall:connect"
is "$KW_RC:$KW_ERR" "0:" "echo -syscall:connect > targets"
is "$(target_row $S)" "" "targets no longer lists $S"
is "$(ntargets_header)" 0 "no targets"
nok "probes/$S is gone" test -e $KLAT_D/probes/$S
is "$(stats_row $S)" "" "stats has no $S row"
kwrite $KLAT_D/reset 1
connloop 5 > /dev/null
is "$(log_events | grep -c " target=$S ")" 0 "connect() calls are no longer logged"
n0=$(errlog_last)
kwrite $TG "-syscall:connect"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "-syscall:connect again: ENOENT"
like "$(errlog_last)" 'targets: error: .*\(-ENOENT\)' "error_log entry for it"
isnt "$(errlog_last)" "$n0" "the error_log entry is new"

# ---------------------------------------------------------------- syscall:nosuch
kwrite $TG "syscall:connect"
kwrite $TG "syscall:nosuch"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "syscall:nosuch fails with ENOENT"
l=$(errlog_last)
like "$(printf '%s\n' "$l" | sed -n 1p)" '^\[ *[0-9]+\.[0-9]+\] targets: error: unknown syscall name \(-ENOENT\)$' \
	"error_log: targets: error: unknown syscall name (-ENOENT)"
is "$(printf '%s\n' "$l" | sed -n 2p)" "  Command: syscall:nosuch" "error_log: Command: syscall:nosuch"
c1=$(printf '%s\n' "$l" | sed -n 2p | awk '{ print index($0, "nosuch") }')
c2=$(printf '%s\n' "$l" | sed -n 3p | awk '{ print index($0, "^") }')
is "$c2" "$c1" "error_log: the caret is under 'nosuch'"
is "$(ntargets_header)" 1 "the failed write changed no target"
kwrite $TG "-syscall:nosuch"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "-syscall:nosuch fails with ENOENT"
kwrite $TG "syscall:"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*Invalid argument' "'syscall:' without a name fails with EINVAL"
kwrite $TG "syscall:SOCKET"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "syscall names are case sensitive: syscall:SOCKET is ENOENT"
kwrite $TG "-syscall:connect"
is "$KW_RC:$(ntargets_header)" "0:0" "remove syscall:connect"

# ---------------------------------------------------------------- every name, one by one
for ns in $NAMES; do
	n=${ns%%:*} sym=${ns#*:}
	why=
	kwrite $TG "syscall:$n"
	[ "$KW_RC" = 0 ] || why="add failed (rc=$KW_RC: $KW_ERR; error_log: $(errlog_last | head -n 1))"
	if [ -z "$why" ]; then
		row=$(grep -v '^#' $TG | awk '{ print $1, $2, $4 }')
		[ "$row" = "$sym active $n" ] || why="targets shows '$row', expected '$sym active $n'"
		[ -d $KLAT_D/probes/$sym ] || why="$why; no probes/$sym"
		kwrite $TG "-syscall:$n"
		[ "$KW_RC" = 0 ] || why="$why; remove failed (rc=$KW_RC: $KW_ERR)"
		[ "$(ntargets_header)" = 0 ] || why="$why; $(ntargets_header) targets left after removing"
		[ ! -e $KLAT_D/probes/$sym ] || why="$why; probes/$sym left after removing"
	fi
	if [ -z "$why" ]; then
		pass "syscall:$n adds $sym and -syscall:$n removes it"
	else
		fail "syscall:$n adds $sym and -syscall:$n removes it" "$why"
	fi
	kwrite $TG "-$sym"	# in case
done

# ---------------------------------------------------------------- all names in one write
all=$(for ns in $NAMES; do echo "syscall:${ns%%:*}"; done)
kwrite $TG "$all"
is "$KW_RC:$KW_ERR" "0:" "all 20 names in one write"
is "$(ntargets_header)" $NSYMS "$NSYMS targets (accept and accept4 share __sys_accept4)"
want=$(for ns in $NAMES; do echo "${ns#*:}"; done | sort -u)
is "$(grep -v '^#' $TG | awk '{ print $1 }' | sort)" "$want" "targets lists the $NSYMS symbols"
is "$(grep -v '^#' $TG | awk '$2 != "active"')" "" "all of them active"
is "$(grep -v '^#' $KLAT_D/stats | wc -l)" $NSYMS "stats has $NSYMS rows"
kwrite $TG "-syscall:accept4"
is "$KW_RC:$(ntargets_header)" "0:$((NSYMS - 1))" "-syscall:accept4 removes __sys_accept4"
is "$(target_row __sys_accept4)" "" "__sys_accept4 is gone"
kwrite $TG "-syscall:accept"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "-syscall:accept then: ENOENT (already removed)"
kwrite $TG "-syscall:getpeername"
is "$KW_RC:$(ntargets_header)" "0:$((NSYMS - 2))" "-syscall:getpeername removes $PEER"
is "$(target_row __x64_sys_getsockname | awk '{ print $1, $2 }')" "__x64_sys_getsockname active" \
	"__x64_sys_getsockname stays: a target of its own"
skip_names="accept accept4 getpeername"
rm_all=$(for ns in $NAMES; do case " $skip_names " in *" ${ns%%:*} "*) ;; *) echo "-syscall:${ns%%:*}" ;; esac; done)
kwrite $TG "$rm_all"
is "$KW_RC:$KW_ERR" "0:" "the other $(echo "$rm_all" | wc -l) removed in one write"
is "$(ntargets_header)" 0 "no targets left"
is "$(ls $KLAT_D/probes | wc -l)" 0 "probes/ is empty"

ok "rmmod klat" rmmod klat
dmesg_check
