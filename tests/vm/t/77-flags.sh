#!/bin/sh
# Flag decoding in the log, against the documented rule (names of the set
# bits joined by '|' in the documented order, a multi-bit name only when all
# its bits are set, |0xHEX for the bits left, 0 for none), field by field:
#
# - msgflags of sendmsg and recvmsg (syscall:sendmsg, syscall:recvmsg): every
#   named MSG_* bit alone, none, unnamed bits alone and mixed with named
#   ones, all named bits, all 32 bits; the fd and the msghdr pointer beside;
# - sendto and recvfrom (syscall:sendto, syscall:recvfrom): fd, buffer
#   pointer and length, the flags (4th argument) not shown;
# - oflags of openat (syscall:openat): the four access modes, every named
#   O_* bit alone, the parts of O_SYNC and O_TMPFILE alone (unnamed: hex),
#   both whole, unnamed bits, all named bits, all 32 bits;
# - the SOCK_* flags of socketpair's type (syscall:socketpair).
#
# The expected strings are computed here from the tables of
# sysfs-docs/debugfs-klat (with the Linux x86_64 values), and a few are also
# written out literally.
. /tests/lib.sh
klat_require

plan 20

# the documented tables, in the documented order, NAME:VALUE (decimal)
MSGT="MSG_OOB:1 MSG_PEEK:2 MSG_DONTROUTE:4 MSG_CTRUNC:8 MSG_PROBE:16 MSG_TRUNC:32
MSG_DONTWAIT:64 MSG_EOR:128 MSG_WAITALL:256 MSG_CONFIRM:2048 MSG_ERRQUEUE:8192
MSG_NOSIGNAL:16384 MSG_MORE:32768 MSG_WAITFORONE:65536 MSG_BATCH:262144
MSG_ZEROCOPY:67108864 MSG_FASTOPEN:536870912 MSG_CMSG_CLOEXEC:1073741824"
OT="O_CREAT:$((0100)) O_EXCL:$((0200)) O_NOCTTY:$((0400)) O_TRUNC:$((01000))
O_APPEND:$((02000)) O_NONBLOCK:$((04000)) O_SYNC:$((04010000)) O_DSYNC:$((010000))
O_ASYNC:$((020000)) O_DIRECT:$((040000)) O_LARGEFILE:$((0100000))
O_TMPFILE:$((020200000)) O_DIRECTORY:$((0200000)) O_NOFOLLOW:$((0400000))
O_NOATIME:$((01000000)) O_CLOEXEC:$((02000000)) O_PATH:$((010000000))"

# decode VALUE FIRST TABLE: the documented string for the 32-bit VALUE;
# FIRST (may be empty) comes before the flag names
decode() {
	awk -v v="$1" -v first="$2" -v tab="$3" '
		function hex(x,   s, d) {
			s = ""
			while (x > 0) { d = x % 16; s = substr("0123456789abcdef", d + 1, 1) s; x = (x - d) / 16 }
			return s
		}
		BEGIN {
			v += 0; out = first
			n = split(tab, t, /[ \n]+/)
			for (i = 1; i <= n; i++) {
				split(t[i], kv, ":"); b = kv[2] + 0
				if (and(v, b) == b) { out = out (out == "" ? "" : "|") kv[1]; v -= b }
			}
			if (v > 0) out = out (out == "" ? "" : "|") "0x" hex(v)
			else if (out == "") out = "0"
			print out
		}'
}
ACC="O_RDONLY O_WRONLY O_RDWR 3"
# odecode VALUE: the oflags string (access mode, then the flags)
odecode() {
	_v=$(($1))
	set -- $ACC
	shift $((_v % 4))
	decode $((_v - _v % 4)) "$1" "$OT"
}
# sumtab TABLE: the OR of every value in TABLE
sumtab() { echo "$1" | tr ' ' '\n' | awk -F: 'NF == 2 { s += $2 } END { printf "%.0f\n", s }'; }
# compare ARGS WANT: the lines of the file ARGS (args fields) that are not
# "A,B,W" cut to 127 characters (the documented limit), where A and B are
# that line's first two fields and W the same line of the file WANT (the
# decoded flags): "line N: got X, want Y"
compare() {
	awk 'NR == FNR { w[FNR] = $0; nw = FNR; next }
		{ split($0, a, ","); e = substr(a[1] "," a[2] "," w[FNR], 1, 127)
		  if ($0 != e) print "line " FNR ": got \"" $0 "\", want \"" e "\"" }
		END { if (FNR != nw) print FNR " lines, want " nw }' "$2" "$1"
}

# the flag values tried
MV="0"
for kv in $MSGT; do MV="$MV ${kv#*:}"; done
MALL=$(sumtab "$MSGT")
MV="$MV 0x200 0x600 0x80000000 0x241 0x80000041 $MALL 0xffffffff"
OV="0 1 2 3"
for kv in $OT; do OV="$OV ${kv#*:}"; done
OALL=$(sumtab "$OT")
OV="$OV 04000000 020000000 $((010000 | 04000000 | 1)) $((020000000 | 0200000 | 2)) 040000000 0x80000000 $((OALL | 2)) 0xffffffff"

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $KLAT_D/targets "$(printf 'syscall:sendmsg\nsyscall:recvmsg\nsyscall:sendto\nsyscall:recvfrom\nsyscall:openat\nsyscall:socketpair')"
is "$KW_RC:$KW_ERR" "0:" "add syscall:sendmsg, recvmsg, sendto, recvfrom, openat, socketpair"
kwrite $KLAT_D/filter "comm=flagcall"
is "$KW_RC:$KW_ERR" "0:" "filter comm=flagcall"
kwrite $KLAT_D/reset 1

# ---------------------------------------------------------------- msgflags
flagcall msg $MV > /tmp/o77
set -- $(sed -n 's/^flagcall: pid=\([0-9]*\) fd0=\([0-9]*\) fd1=\([0-9]*\) calls=\([0-9]*\)$/\1 \2 \3 \4/p' /tmp/o77)
P=$1 FD0=$2 FD1=$3
nv=$(echo $MV | wc -w)
is "$4" $((nv * 4)) "flagcall made sendmsg, recvmsg, sendto and recvfrom with $nv flag values"
log_events | grep " pid=$P " > /tmp/ev77
is "$(grep " target=__sys_socketpair " /tmp/ev77 | ev_field args)" "AF_UNIX,SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC,0" \
	"socketpair: args=AF_UNIX,SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC,0"
for v in $MV; do decode $((v)) "" "$MSGT"; done > /tmp/want77
diag "msgflags tried: $MV"
for t in sendmsg:$FD0 recvmsg:$FD1; do
	f=__sys_${t%:*}
	grep " target=$f " /tmp/ev77 | ev_field args > /tmp/a77
	is "$(awk -F, -v fd=${t#*:} '$1 != fd || $2 !~ /^0x[0-9a-f]+$/ || $2 == "0x0" || NF != 3' /tmp/a77)" "" \
		"$f: every event has args=$t,0x<msghdr>,<flags>"
	is "$(compare /tmp/a77 /tmp/want77)" "" "$f: each flags field is the documented decoding of the value passed (args cut at 127)"
done
is "$(grep " target=__sys_sendmsg " /tmp/ev77 | ev_field args | cut -d, -f3 | sed -n '1,3p;13p;19,20p')" \
	"0
MSG_OOB
MSG_PEEK
MSG_NOSIGNAL
MSG_CMSG_CLOEXEC
0x200" "sendmsg, written out: 0, MSG_OOB, MSG_PEEK, MSG_NOSIGNAL, MSG_CMSG_CLOEXEC, 0x200"
is "$(grep " target=__sys_recvmsg " /tmp/ev77 | ev_field args | cut -d, -f3 | sed -n '20,24p')" \
	"0x200
0x600
0x80000000
MSG_OOB|MSG_DONTWAIT|0x200
MSG_OOB|MSG_DONTWAIT|0x80000000" "recvmsg, written out: unnamed bits alone and after named ones (values 20 to 24)"
is "$(grep " target=__sys_sendto " /tmp/ev77 | ev_field args | awk -F, -v fd=$FD0 '$1 == fd && $2 ~ /^0x[0-9a-f]+$/ && $2 != "0x0" && $3 == 7 && NF == 3' | wc -l)" $nv \
	"__sys_sendto: $nv events args=$FD0,0x<buf>,7 (the length; the flags are not shown)"
is "$(grep " target=__sys_recvfrom " /tmp/ev77 | ev_field args | awk -F, -v fd=$FD1 '$1 == fd && $2 ~ /^0x[0-9a-f]+$/ && $2 != "0x0" && $3 == 64 && NF == 3' | wc -l)" $nv \
	"__sys_recvfrom: $nv events args=$FD1,0x<buf>,64"

# ---------------------------------------------------------------- oflags
touch /tmp/f77
kwrite $KLAT_D/reset 1
flagcall open /tmp/f77 $OV > /tmp/o77
P=$(sed -n 's/^flagcall: pid=\([0-9]*\) .*/\1/p' /tmp/o77)
no=$(echo $OV | wc -w)
like "$(cat /tmp/o77)" "^flagcall: pid=$P calls=$no " "flagcall made $no openat calls"
diag "oflags tried: $OV"
log_events | grep " pid=$P .* target=__x64_sys_openat " | ev_field args > /tmp/a77
is "$(awk -F, '$1 != "AT_FDCWD" || $2 !~ /^0x[0-9a-f]+$/ || $2 == "0x0" || NF != 3' /tmp/a77)" "" \
	"__x64_sys_openat: every event has args=AT_FDCWD,0x<path>,<oflags>"
for v in $OV; do odecode $v; done > /tmp/want77
is "$(compare /tmp/a77 /tmp/want77)" "" "__x64_sys_openat: each oflags field is the documented decoding of the value passed (args cut at 127)"
cut -d, -f3 /tmp/a77 > /tmp/g77
is "$(sed -n '1,4p' /tmp/g77)" "O_RDONLY
O_WRONLY
O_RDWR
3" "openat, written out: the four access modes"
is "$(grep -e 0x100000 -e 0x400000 -e O_SYNC -e O_TMPFILE -e 'O_DSYNC$' /tmp/g77 | grep -v O_CREAT)" "O_RDONLY|O_SYNC
O_RDONLY|O_DSYNC
O_RDONLY|O_TMPFILE
O_RDONLY|0x100000
O_RDONLY|0x400000
O_WRONLY|O_SYNC
O_RDWR|O_TMPFILE" \
	"openat, written out: O_SYNC and O_TMPFILE whole (without O_DSYNC, O_DIRECTORY), their parts alone in hex"

ok "rmmod klat" rmmod klat
dmesg_check
