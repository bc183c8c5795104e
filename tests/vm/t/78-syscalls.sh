#!/bin/sh
# Every system call of the running kernel as a syscall:NAME target: the
# syscalls file (one line per call: number, name, the function probed, the
# argument names); all the calls added in one write and removed in one
# write (timed); the names the targets file refuses; the decoded arguments
# of about thirty calls (tests/vm/progs/sysmix), every log field checked;
# and reset of single targets by name.
. /tests/lib.sh
klat_require

plan 95

TG=$KLAT_D/targets
SC=$KLAT_D/syscalls
R=$KLAT_D/reset
D=/tmp/sm78	# sysmix's directory

# now: seconds since boot, for timing
now() { cut -d' ' -f1 /proc/uptime; }
# secs START END: END - START, two decimals
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# symof NAME: the function syscall:NAME probes, from the syscalls file
symof() { awk -v n="$1" '!/^#/ && $2 == n { print $3 }' /tmp/sc78; }
# errlog_is MSG CMD DESC: the last error_log entry is "FILE: error: MSG" for command CMD
errlog_is() {
	_l=$(errlog_last)
	like "$(printf '%s\n' "$_l" | sed -n 1p)" "^\[ *[0-9]+\.[0-9]+\] $1\$" "$3: error_log says '$1'"
	is "$(printf '%s\n' "$_l" | sed -n 2p)" "  Command: $2" "$3: error_log shows the command"
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# ---------------------------------------------------------------- (a) the syscalls file
cat $SC > /tmp/sc78
grep -v '^#' /tmp/sc78 > /tmp/sc78.all
# the calls klat may probe here; the others are tried alone below
awk '$5 == "ok"' /tmp/sc78.all > /tmp/sc78.rows
awk '$5 != "ok"' /tmp/sc78.all > /tmp/sc78.refused
N=$(sed -n 's/^# klat syscalls: \([0-9]*\)$/\1/p' /tmp/sc78 | head -n 1)
like "$(sed -n 1p /tmp/sc78)" '^# klat syscalls: [0-9]+$' "syscalls: first line '# klat syscalls: N'"
cmp_ok "${N:-0}" -ge 250 "syscalls: N >= 250 calls ($N; a small config builds fewer)"
is "$(sed -n 2p /tmp/sc78)" "# nr name symbol args state" "syscalls: second line names the columns"
is "$(wc -l < /tmp/sc78.all)" "$N" "syscalls: N rows"
is "$(grep -Ev '^[0-9]+ [a-z_0-9]+ [A-Za-z_0-9.]+ ([A-Za-z_][A-Za-z_0-9]*(,[A-Za-z_][A-Za-z_0-9]*)*|-|\?) (ok|notrace|ambiguous|nosymbol|unknown|refused)$' /tmp/sc78.all | head -n 5)" "" \
	"syscalls: every row is 'nr name symbol args state' (args a,b,c or - or ?)"
is "$(awk '{ print $2 }' /tmp/sc78.all | sort | uniq -d | head -n 5)" "" "syscalls: names are unique"
is "$(awk '{ print $1 }' /tmp/sc78.all | sort | uniq -d | head -n 5)" "" "syscalls: numbers are unique"
is "$(mode_of $SC)" 400 "syscalls: mode 0400"
is "$(awk '$2 == "read"' /tmp/sc78.rows)" "0 read ksys_read fd,buf,count ok" "syscalls: 0 read ksys_read fd,buf,count ok"
is "$(awk '$2 == "fstat"' /tmp/sc78.rows)" "5 fstat __x64_sys_newfstat fd,statbuf ok" \
	"syscalls: 5 fstat __x64_sys_newfstat fd,statbuf (the user's name, the kernel's function)"
# a call without arguments (SYSCALL_DEFINE0): __x64_sys_getpid is an alias of
# __do_sys_getpid, the name kallsyms and ftrace give that one function
like "$(awk '$2 == "getpid"' /tmp/sc78.rows)" '^39 getpid (__x64_sys_getpid|__do_sys_getpid) - ok$' \
	"syscalls: 39 getpid __x64_sys_getpid (or its alias __do_sys_getpid) -"
is "$(awk '$2 == "socket"' /tmp/sc78.rows)" "41 socket __sys_socket family,type,protocol ok" \
	"syscalls: 41 socket __sys_socket family,type,protocol"
if grep -q ' __sys_getpeername$' /proc/kallsyms; then PEER=__sys_getpeername; else PEER=__x64_sys_getpeername; fi
is "$(awk '$2 == "getpeername" { print $3 }' /tmp/sc78.rows)" "$PEER" "syscalls: getpeername is $PEER on this kernel"
is "$(awk '$2 == "ni_syscall" || $2 == "newfstat"' /tmp/sc78.all)" "" "syscalls: no ni_syscall, no kernel alias name (newfstat)"
# a slot holding the sys_ni_syscall stub under another name (an alias at its
# address) is no call either
ni=$(awk '$3 == "__x64_sys_ni_syscall" { print $1; exit }' /proc/kallsyms)
case $ni in
*[!0]*)
	is "$(awk -v a="$ni" 'NR == FNR { if ($1 == a) s[$3] = 1; next } $3 in s { printf "%s(%s) ", $2, $3 }' \
		/proc/kallsyms /tmp/sc78.all)" "" "syscalls: no row is the ni_syscall stub (an alias at its address)" ;;
*) skip "syscalls: no row is the ni_syscall stub (an alias at its address)" "kallsyms shows no address for __x64_sys_ni_syscall" ;;
esac
diag "$N calls; $(grep -c ' ? [a-z]*$' /tmp/sc78.all) without argument metadata: $(awk '$4 == "?" { printf "%s ", $2 }' /tmp/sc78.all)"

# ---------------------------------------------------------------- (b) every call, one write
NSYM=$(awk '{ print $3 }' /tmp/sc78.rows | sort -u | wc -l)
all=$(awk '{ print "syscall:" $2 }' /tmp/sc78.rows)
t0=$(now)
kwrite $TG "$all"
t1=$(now)
ADD=$(secs $t0 $t1)
if [ "$KW_RC" = 0 ]; then
	pass "all $(wc -l < /tmp/sc78.rows) calls the syscalls file says are ok added in one write"
else
	fail "all calls the syscalls file says are ok added in one write" "rc=$KW_RC: $KW_ERR" "$(errlog_last)"
	# which ones, and why: each alone
	kwrite $TG "$(grep -v '^#' $TG | awk '{ print "-" $1 }')"
	for n in $(awk '{ print $2 }' /tmp/sc78.rows); do
		kwrite $TG "syscall:$n"
		if [ "$KW_RC" != 0 ]; then
			diag "syscall:$n ($(symof $n)): $KW_ERR: $(errlog_last | head -n 1)"
		fi
	done
fi
M=$(ntargets_header)
OK=$(wc -l < /tmp/sc78.rows)
diag "added $OK of $N calls in $ADD s (the others: $(awk '{ printf "%s(%s) ", $2, $5 }' /tmp/sc78.refused))"
is "$M" "$NSYM" "targets: $NSYM targets (the distinct symbols of the syscalls file)"
grep -v '^#' $TG > /tmp/tg78
is "$(awk '{ print $1 }' /tmp/tg78 | sort)" "$(awk '{ print $3 }' /tmp/sc78.rows | sort -u)" \
	"targets: exactly the symbols of the syscalls file"
is "$(awk 'NF != 4 || $2 != "active"' /tmp/tg78 | head -n 5)" "" "targets: every row 'symbol active maxactive syscall'"
# each row's syscall column is a call whose symbol the row is
is "$(awk 'NR == FNR { ok[$3 " " $2] = 1; next } !(($1 " " $4) in ok)' /tmp/sc78.rows /tmp/tg78 | head -n 5)" "" \
	"targets: the syscall column of every row is a call probed at that symbol"
is "$(ls $KLAT_D/probes | wc -l)" "$NSYM" "probes/ has $NSYM directories"
t0=$(now)
kwrite $TG "$(awk '{ print "-" $1 }' /tmp/tg78)"
t1=$(now)
RM=$(secs $t0 $t1)
is "$KW_RC:$KW_ERR" "0:" "all $M removed in one write of -SYMBOL lines"
is "$(ntargets_header):$(grep -vc '^#' $TG)" "0:0" "targets is empty"
is "$(ls $KLAT_D/probes | wc -l)" 0 "probes/ is empty"
dmesg_check "dmesg is clean after adding and removing every call"
diag "calls: $N, added: $M, add: $ADD s, remove: $RM s"
# a call the syscalls file says klat may not probe is refused, with its reason
bad=""
while read -r _nr n sym _a st; do
	kwrite $TG "syscall:$n"
	case "$st:$KW_RC:$(errlog_last | head -n 1)" in
	notrace:[1-9]*:*"not a traceable function"*"(-EINVAL)") ;;
	ambiguous:[1-9]*:*"several functions have this name"*) ;;
	nosymbol:[1-9]*:*"unknown kernel symbol (-ENOENT)") ;;
	*) bad="$bad $n($st:$KW_RC)" ;;
	esac
done < /tmp/sc78.refused
is "$bad" "" "every call not 'ok' ($(wc -l < /tmp/sc78.refused)) is refused, with the reason its state gives"
is "$(ntargets_header)" 0 "none of them added"

# ---------------------------------------------------------------- (c) names refused
kwrite $TG "syscall:nosuchcall"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "syscall:nosuchcall: ENOENT"
errlog_is 'targets: error: unknown syscall name \(-ENOENT\)' "syscall:nosuchcall" "syscall:nosuchcall"
kwrite $TG "syscall:ni_syscall"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*Invalid argument' "syscall:ni_syscall: EINVAL"
errlog_is 'targets: error: ni_syscall is the stub of unimplemented system calls, not a call \(-EINVAL\)' \
	"syscall:ni_syscall" "syscall:ni_syscall"
kwrite $TG "syscall:*sock*"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*Invalid argument' "syscall:*sock*: EINVAL"
errlog_is 'targets: error: globs are not expanded here; klatctl add expands them \(-EINVAL\)' \
	"syscall:*sock*" "syscall:*sock*"
is "$(ntargets_header)" 0 "no target added by them"

# ---------------------------------------------------------------- (d) decoded arguments
F=__x64_sys_newfstat
kwrite $TG "syscall:newfstat"
is "$KW_RC:$(target_row $F | awk '{ print $1, $2, $4 }')" "0:$F active fstat" \
	"syscall:newfstat (the kernel's name) adds $F, listed as fstat"
kwrite $TG "syscall:fstat"
is "$KW_RC:$(ntargets_header)" "0:1" "syscall:fstat: the same target"
kwrite $TG "-syscall:fstat"
is "$KW_RC:$(ntargets_header)" "0:0" "-syscall:fstat removes it"

CALLS="mkdirat openat write pread64 lseek fstat mmap mprotect munmap socket setsockopt clock_gettime
clock_nanosleep getpid kill rt_sigprocmask faccessat access unlinkat pipe2 read dup3 fcntl
epoll_create1 epoll_ctl epoll_wait poll futex close"
kwrite $TG "$(for n in $CALLS; do echo "syscall:$n"; done)"
is "$KW_RC:$KW_ERR" "0:" "the $(echo $CALLS | wc -w) calls of sysmix added in one write"
is "$(ntargets_header)" "$(for n in $CALLS; do symof $n; done | sort -u | wc -l)" "one target each"
kwrite $KLAT_D/filter "comm=sysmix"
is "$KW_RC:$KW_ERR" "0:" "filter comm=sysmix"
kwrite $R 1
rm -rf $D
mkdir -p $D
sysmix $D > /tmp/sm78.out 2>&1 &
P=$!
wait $P
is "$(tail -n 1 /tmp/sm78.out)" "sysmix: ok" "sysmix: every call behaved as planned"
grep '^CALL ' /tmp/sm78.out > /tmp/sm78.calls
NC=$(wc -l < /tmp/sm78.calls)
# its events from mkdirat's to close's (single-threaded: in call order), reduced
# to "target=S ret=R args=A", every hashed pointer as @H
log_events | grep " pid=$P tgid=$P comm=sysmix " > /tmp/sm78.ev
awk -v a="target=$(symof mkdirat)" -v b="target=$(symof close)" '
	{ l[NR] = $0 }
	index($0, " " a " ") && !s { s = NR }
	index($0, " " b " ") { e = NR }
	END { for (i = s; s && i <= e; i++) print l[i] }' /tmp/sm78.ev > /tmp/sm78.slice
sed -E 's/^.* (target=[^ ]* ret=[^ ]*) lat_ns=[0-9]+ (args=.*)$/\1 \2/' /tmp/sm78.slice |
	sed -E 's/=[0-9a-f]{16}(,| |$)/=@H\1/g; s/=[0-9a-f]{16}(,| |$)/=@H\1/g' > /tmp/sm78.got
is "$(wc -l < /tmp/sm78.got)" "$NC" "log: $NC events of sysmix from mkdirat to close, one per call"

# the expected "target=S ret=R args=A" of each CALL line of sysmix
ODDQ='"'$D'/a\x20b\x2cc\x3dd\x22e\x5cf\xe9"'
i=0
while read -r tag name ret rest; do
	i=$((i + 1))
	fd= path= pid= epfd= newfd= family=
	for kv in $rest; do
		case $kv in
		fd=*) fd=${kv#fd=} ;;
		rfd=*) fd=${kv#rfd=} ;;
		path=*) path=${kv#path=} ;;
		pid=*) pid=${kv#pid=} ;;
		epfd=*) epfd=${kv#epfd=} ;;
		newfd=*) newfd=${kv#newfd=} ;;
		family=*) family=${kv#family=} ;;
		esac
	done
	[ "$ret" = ret=addr ] && ret=ret=@H
	q="\"$path\""
	case $name in
	mkdirat) a="dfd=AT_FDCWD,pathname=$q,mode=0755" ;;
	openat)
		case $path in
		$D/f) a="dfd=AT_FDCWD,filename=$q,flags=O_RDWR|O_CREAT|O_CLOEXEC,mode=0640" ;;
		$D/nosuch) a="dfd=AT_FDCWD,filename=$q,flags=O_RDONLY,mode=0" ;;
		odd) a="dfd=AT_FDCWD,filename=$ODDQ,flags=O_WRONLY|O_CREAT|O_TRUNC,mode=0600" ;;
		*) a="dfd=AT_FDCWD,filename=\"$(printf '%s' "$path" | cut -c1-64)\"...,flags=O_RDONLY,mode=0" ;;
		esac ;;
	write) a="fd=$fd,buf=@H,count=14" ;;
	pread64) a="fd=$fd,buf=@H,count=5,pos=7" ;;
	lseek) a="fd=$fd,offset=2,whence=SEEK_SET" ;;
	fstat) a="fd=$fd,statbuf=@H" ;;
	mmap) a="addr=NULL,len=8192,prot=PROT_READ|PROT_WRITE,flags=MAP_PRIVATE|MAP_ANONYMOUS,fd=-1,off=0" ;;
	mprotect) a="start=@H,len=4096,prot=PROT_READ" ;;
	munmap) a="addr=@H,len=8192" ;;
	socket)
		if [ "$family" = AF_INET ]; then
			a="family=AF_INET,type=SOCK_STREAM|SOCK_CLOEXEC,protocol=IPPROTO_TCP"
		else
			a="family=AF_UNIX,type=SOCK_DGRAM,protocol=0"
		fi ;;
	setsockopt) a="fd=$fd,level=SOL_SOCKET,optname=2,optval=@H,optlen=4" ;;
	clock_gettime) a="which_clock=CLOCK_MONOTONIC,tp=@H" ;;
	clock_nanosleep) a="which_clock=CLOCK_MONOTONIC,flags=0,rqtp=@H,rmtp=NULL" ;;
	getpid) a="" ;;
	kill) a="pid=$pid,sig=0" ;;
	rt_sigprocmask) a="how=SIG_BLOCK,nset=@H,oset=@H,sigsetsize=8" ;;
	faccessat) a="dfd=AT_FDCWD,filename=$q,mode=R_OK" ;;
	access) a="filename=$q,mode=R_OK" ;;
	unlinkat) a="dfd=AT_FDCWD,pathname=$q,flag=AT_REMOVEDIR" ;;
	pipe2) a="fildes=@H,flags=O_NONBLOCK|O_CLOEXEC" ;;
	read) a="fd=$fd,buf=@H,count=16" ;;
	dup3) a="oldfd=$fd,newfd=$newfd,flags=O_CLOEXEC" ;;
	fcntl) a="fd=$fd,cmd=F_GETFL,arg=0x0" ;;
	epoll_create1) a="flags=EPOLL_CLOEXEC" ;;
	epoll_ctl) a="epfd=$epfd,op=EPOLL_CTL_ADD,fd=$fd,event=@H" ;;
	epoll_wait) a="epfd=$epfd,events=@H,maxevents=4,timeout=0" ;;
	poll) a="ufds=@H,nfds=1,timeout_msecs=0" ;;
	futex) a="uaddr=@H,op=FUTEX_WAKE|FUTEX_PRIVATE_FLAG,val=1,utime=NULL,uaddr2=NULL,val3=0x0" ;;
	close) a="fd=$fd" ;;
	*) a="(sysmix made a call this test does not know: $name)" ;;
	esac
	want="target=$(symof $name) $ret args=$a"
	got=$(sed -n "${i}p" /tmp/sm78.got)
	if [ "$got" = "$want" ]; then
		pass "log: $name: $want"
	else
		fail "log: $name: $want" "     got: '$got'" "   event: '$(sed -n "${i}p" /tmp/sm78.slice)'"
	fi
done < /tmp/sm78.calls
# plan: the 33 CALL lines sysmix prints
[ "$i" = 33 ] || diag "sysmix printed $i calls, the plan counts 33"

# the address mmap returned, hashed: the same hash as munmap's and mprotect's
evof() { grep " target=$(symof $1) " /tmp/sm78.slice; }
h=$(evof mmap | ev_field ret)
like "$h" '^00000000[0-9a-f]{8}$' "log: mmap's ret is a hashed pointer ($h)"
is "$(evof mprotect | ev_field args | sed 's/,.*//'):$(evof munmap | ev_field args | sed 's/,.*//')" \
	"start=$h:addr=$h" "log: mprotect's start and munmap's addr have the hash of mmap's ret"

# ---------------------------------------------------------------- (e) reset by name
G=$(symof getpid)
K=$(symof kill)
O=$(symof openat)
nev0=$(log_events | wc -l)
is "$(stat_field $G hits):$(stat_field $K hits):$(stat_field $O hits)" "1:1:4" "hits: getpid 1, kill 1, openat 4"
kwrite $R "syscall:getpid"
is "$KW_RC:$KW_ERR" "0:" "echo syscall:getpid > reset"
is "$(stat_field $G hits)" 0 "$G: hits 0"
is "$(stat_field $K hits):$(stat_field $O hits)" "1:4" "the other targets keep theirs"
is "$(log_events | wc -l)" "$nev0" "the log keeps its $nev0 events"
kwrite $R "$K"
is "$KW_RC:$(stat_field $K hits):$(stat_field $O hits)" "0:0:4" "echo $K > reset: by its symbol, that target only"
kwrite $R "nosuch"
like "$KW_RC:$KW_ERR" '^[1-9][0-9]*:.*No such file or directory' "echo nosuch > reset: ENOENT"
errlog_is 'reset: error: not a current target \(-ENOENT\)' "nosuch" "reset nosuch"
kwrite $R 1
is "$KW_RC:$KW_ERR" "0:" "echo 1 > reset"
is "$(stat_field $O hits):$(stat_field $(symof close) hits)" "0:0" "every target's hits are 0"
is "$(log_events | wc -l)" 0 "the log is empty"

ok "rmmod klat" rmmod klat
dmesg_check
