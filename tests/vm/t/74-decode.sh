#!/bin/sh
# Decoded arguments and errno names in the log, so an event reads without
# the headers at hand, each argument as name=value: socket() family, type
# and flags, protocol; ret=-97(EAFNOSUPPORT); a target that is no syscall
# (hrtimer_nanosleep) keeps three raw hex values; syscall:openat shows
# AT_FDCWD, a real dirfd, the path, O_ flag names and the mode,
# syscall:close the fd; a syscall function added by its symbol
# (__sys_connect) is decoded too.
. /tests/lib.sh
klat_require

plan 49

S=__sys_socket
T=hrtimer_nanosleep
O=__x64_sys_openat
C=__x64_sys_close

# ev PID: the log events of process PID
ev() { log_events | grep " pid=$1 tgid=$1 "; }
# sc OUT ARGS...: run sockcall ARGS, its output to OUT; sets P to its pid
sc() {
	_o=$1
	shift
	sockcall "$@" > "$_o" &
	P=$!
	wait $P
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
# only our programs (busybox timeout sleeps, the shell opens and closes files)
kwrite $KLAT_D/filter "comm=sockcall,sleeper,fileops,connloop"
is "$KW_RC:$KW_ERR" "0:" "filter comm=sockcall,sleeper,fileops,connloop"
kwrite $KLAT_D/reset 1

# ---------------------------------------------------------------- socket()
sc /tmp/o 10 2 0x80001 6
is "$(cat /tmp/o)" "sockcall: tgid=$P tid=$P calls=10 ok=10 fail=0 errno=0" "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) x10 succeeded"
ev $P > /tmp/ev
is "$(wc -l < /tmp/ev)" 10 "log: 10 events"
is "$(ev_field args < /tmp/ev | sort | uniq -c | awk '{ print $1, $2 }')" "10 family=AF_INET,type=SOCK_STREAM|SOCK_CLOEXEC,protocol=IPPROTO_TCP" \
	"log: args=family=AF_INET,type=SOCK_STREAM|SOCK_CLOEXEC,protocol=IPPROTO_TCP"
is "$(ev_field ret < /tmp/ev | grep -Ev '^[0-9]+$')" "" "log: ret= is a plain fd (no errno name)"

sc /tmp/o 10 999 1 0
is "$(cat /tmp/o)" "sockcall: tgid=$P tid=$P calls=10 ok=0 fail=10 errno=97" "socket(999, SOCK_STREAM, 0) x10 failed with EAFNOSUPPORT"
ev $P > /tmp/ev
is "$(ev_field ret < /tmp/ev | sort | uniq -c | awk '{ print $1, $2 }')" "10 -97(EAFNOSUPPORT)" "log: ret=-97(EAFNOSUPPORT)"
is "$(ev_field args < /tmp/ev | sort | uniq -c | awk '{ print $1, $2 }')" "10 family=999,type=SOCK_STREAM,protocol=0" \
	"log: args=family=999,type=SOCK_STREAM,protocol=0"
is "$(grep -c " target=$S ret=-97(EAFNOSUPPORT) lat_ns=[0-9]* args=family=999,type=SOCK_STREAM,protocol=0$" /tmp/ev)" 10 \
	"log: the fields in order"

sc /tmp/o 5 1 0x802 0
is "$(ev $P | ev_field args | sort -u)" "family=AF_UNIX,type=SOCK_DGRAM|SOCK_NONBLOCK,protocol=0" "socket(AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK, 0): protocol stays a number"
sc /tmp/o 5 10 2 17
is "$(ev $P | ev_field args | sort -u)" "family=AF_INET6,type=SOCK_DGRAM,protocol=IPPROTO_UDP" "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)"
sc /tmp/o 3 2 0x80801 0
is "$(ev $P | ev_field args | sort -u)" "family=AF_INET,type=SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC,protocol=IPPROTO_IP" "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0)"
sc /tmp/o 3 2 3 1
is "$(ev $P | ev_field args | sort -u)" "family=AF_INET,type=SOCK_RAW,protocol=IPPROTO_ICMP" "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)"
is "$(ev $P | ev_field ret | grep -Ev '^[0-9]+$')" "" "  which succeeded (root)"
sc /tmp/o 3 2 2 6
is "$(cat /tmp/o)" "sockcall: tgid=$P tid=$P calls=3 ok=0 fail=3 errno=93" "socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) fails with EPROTONOSUPPORT"
is "$(ev $P | awk '{ print $8, $10 }' | sort | uniq -c | awk '{ print $1, $2, $3 }')" "3 ret=-93(EPROTONOSUPPORT) args=family=AF_INET,type=SOCK_DGRAM,protocol=IPPROTO_TCP" \
	"log: ret=-93(EPROTONOSUPPORT) args=family=AF_INET,type=SOCK_DGRAM,protocol=IPPROTO_TCP"
sc /tmp/o 3 2 1 12345
is "$(cat /tmp/o)" "sockcall: tgid=$P tid=$P calls=3 ok=0 fail=3 errno=22" "socket(AF_INET, SOCK_STREAM, 12345) fails with EINVAL"
is "$(ev $P | awk '{ print $8, $10 }' | sort | uniq -c | awk '{ print $1, $2, $3 }')" "3 ret=-22(EINVAL) args=family=AF_INET,type=SOCK_STREAM,protocol=12345" \
	"log: ret=-22(EINVAL) args=family=AF_INET,type=SOCK_STREAM,protocol=12345 (unknown protocol as a number)"
sc /tmp/o 3 77 0x40 0
is "$(ev $P | ev_field args | sort -u)" "family=77,type=0|0x40,protocol=0" "socket(77, 0x40, 0): unknown family and type as numbers, unknown type bits in hex"

# ---------------------------------------------------------------- raw hex for an unknown target
kwrite $KLAT_D/targets $T
is "$KW_RC:$KW_ERR:$(target_row $T | awk '{ print $4 }')" "0::-" "add $T (no system call: '-' in the syscall column)"
sleeper 1000000 3 > /dev/null &
P=$!
wait $P
ev $P | grep " target=$T " > /tmp/ev
is "$(wc -l < /tmp/ev)" 3 "log: 3 events of sleeper"
is "$(ev_field args < /tmp/ev | grep -Ev '^0x[0-9a-f]+,0x[0-9a-f]+,0x[0-9a-f]+$')" "" "log: args are three raw hex numbers"
like "$(ev_field args < /tmp/ev | sort -u)" '^0xf4240,0x1,0x[01]$' "log: args=0xf4240,0x1,... (1 ms, HRTIMER_MODE_REL, the clock)"
is "$(ev_field ret < /tmp/ev | sort -u)" "0" "log: ret=0, no errno name"
kwrite $KLAT_D/targets -$T

# ---------------------------------------------------------------- openat and close
kwrite $KLAT_D/targets "syscall:openat"
is "$KW_RC:$KW_ERR" "0:" "add syscall:openat"
is "$(target_row $O | awk '{ print $1, $4 }')" "$O openat" "listed as $O, syscall openat"
kwrite $KLAT_D/targets "syscall:close"
is "$KW_RC:$KW_ERR" "0:" "add syscall:close"
is "$(target_row $C | awk '{ print $1, $4 }')" "$C close" "listed as $C, syscall close"
kwrite $KLAT_D/reset 1
fileops 6 /tmp fo74.x > /tmp/fo &
P=$!
wait $P
is "$(cat /tmp/fo)" "fileops: n=6 fd=3 dirfd=3 fd2=4 enoent=1 ebadf=1" "fileops: 6 opens of fd 3, dirfd 3, fd 4, one ENOENT, one EBADF"
is "$(stat_field $O hits):$(stat_field $O errors)" "9:1" "$O: 9 hits, 1 error"
is "$(stat_field $C hits):$(stat_field $C errors)" "9:1" "$C: 9 hits, 1 error"
ev $P | grep " comm=fileops target=$O " > /tmp/eo
ev $P | grep " comm=fileops target=$C " > /tmp/ec
is "$(wc -l < /tmp/eo):$(wc -l < /tmp/ec)" "9:9" "log: 9 openat and 9 close events"
is "$(grep -c ' ret=3 lat_ns=[0-9]* args=dfd=AT_FDCWD,filename="/tmp/fo74.x",flags=O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC,mode=0644$' /tmp/eo)" 6 \
	"log: 6x openat ret=3 args=dfd=AT_FDCWD,filename=\"/tmp/fo74.x\",flags=O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC,mode=0644"
is "$(grep -c ' ret=3 lat_ns=[0-9]* args=dfd=AT_FDCWD,filename="/tmp",flags=O_RDONLY|O_DIRECTORY,mode=0$' /tmp/eo)" 1 \
	"log: openat ret=3 args=dfd=AT_FDCWD,filename=\"/tmp\",flags=O_RDONLY|O_DIRECTORY,mode=0"
is "$(grep -c ' ret=4 lat_ns=[0-9]* args=dfd=3,filename="fo74.x",flags=O_RDONLY,mode=0$' /tmp/eo)" 1 \
	"log: openat ret=4 args=dfd=3,filename=\"fo74.x\",flags=O_RDONLY,mode=0 (a real dirfd as a number)"
is "$(grep -c ' ret=-2(ENOENT) lat_ns=[0-9]* args=dfd=AT_FDCWD,filename="/tmp/fo74.x.nosuch",flags=O_RDONLY,mode=0$' /tmp/eo)" 1 \
	"log: openat ret=-2(ENOENT) args=dfd=AT_FDCWD,filename=\"/tmp/fo74.x.nosuch\",flags=O_RDONLY,mode=0"
is "$(ev_field args < /tmp/eo | grep -vc ',filename="')" 0 "log: every path is shown as a string, not a pointer"
is "$(grep -c ' ret=0 lat_ns=[0-9]* args=fd=3$' /tmp/ec)" 7 "log: 7x close ret=0 args=fd=3"
is "$(grep -c ' ret=0 lat_ns=[0-9]* args=fd=4$' /tmp/ec)" 1 "log: close ret=0 args=fd=4"
is "$(grep -c ' ret=-9(EBADF) lat_ns=[0-9]* args=fd=999$' /tmp/ec)" 1 "log: close ret=-9(EBADF) args=fd=999"
kwrite $KLAT_D/targets "$(printf -- '-syscall:openat\n-syscall:close')"
is "$KW_RC:$KW_ERR" "0:" "remove syscall:openat and syscall:close"

# ---------------------------------------------------------------- a syscall function added by symbol
kwrite $KLAT_D/targets "__sys_connect"
is "$KW_RC:$KW_ERR" "0:" "add __sys_connect by its symbol"
kwrite $KLAT_D/reset 1
connloop 3 2 > /tmp/cl &
P=$!
wait $P
like "$(cat /tmp/cl)" "^connloop: connects=3 ok=3 fail=0 refused=2 fd=3 " "connloop: 3 connects and 2 refused"
ev $P | grep " target=__sys_connect " > /tmp/ev
is "$(grep -cE ' ret=0 lat_ns=[0-9]+ args=fd=3,uservaddr=[0-9a-f]{16},addrlen=16$' /tmp/ev)" 3 \
	"log: 3x ret=0 args=fd=3,uservaddr=<hashed pointer>,addrlen=16"
is "$(grep -cE ' ret=-111\(ECONNREFUSED\) lat_ns=[0-9]+ args=fd=3,uservaddr=[0-9a-f]{16},addrlen=16$' /tmp/ev)" 2 \
	"log: 2x ret=-111(ECONNREFUSED) args=fd=3,uservaddr=<hashed pointer>,addrlen=16"
is "$(stat_field $S hits)" 7 "$S counted connloop's 7 socket() calls (listener, 3 + 2 clients, 1 to find a free port)"

ok "rmmod klat" rmmod klat
dmesg_check
