#!/bin/sh
# Flag decoding in the log, against the documented rule (names of the set
# bits joined by '|' in the documented order, a multi-bit name only when all
# its bits are set, |0xHEX for the bits left, 0 for none), and the whole
# args= field of each call around it: every argument of the call, in order,
# as name=value (names from the kernel's syscall metadata), joined by ','.
#
# - flags of sendmsg and recvmsg (syscall:sendmsg, syscall:recvmsg): every
#   named MSG_* bit alone, none, unnamed bits alone and mixed with named
#   ones, all named bits, all 32 bits; args=fd=N,msg=<hash>,flags=...;
# - sendto and recvfrom (syscall:sendto, syscall:recvfrom): all six
#   arguments, the flags (4th) decoded as MSG_* like sendmsg's, the buffer
#   hashed (the same 16 hex digits for the same buffer in both calls), the
#   NULL address (and recvfrom's NULL addr_len pointer) as NULL;
# - flags of openat (syscall:openat): the four access modes, every named
#   O_* bit alone, the parts of O_SYNC and O_TMPFILE alone (unnamed: hex),
#   both whole, unnamed bits, all named bits, all 32 bits; beside them
#   dfd=AT_FDCWD, the path as a quoted string and the mode in octal;
# - socketpair's arguments (syscall:socketpair): the family, the SOCK_* type
#   with its flags, the protocol and the usockvec pointer.
#
# The whole field is compared, never cut (the log no longer shortens args).
# Pointers are hashed, 16 lowercase hex digits: compared as <hash>.
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
# hashes: args fields on stdin with each pointer value (exactly 16 lowercase
# hex digits, the whole value of an item) replaced by <hash>
hashes() { sed -E 's/=[0-9a-f]{16}(,|$)/=<hash>\1/g'; }
# compare ARGS WANT: the lines of the file ARGS (args fields, pointers as
# <hash>) that are not exactly the same line of the file WANT: "line N: got
# X, want Y"; and the line counts when they differ
compare() {
	awk 'NR == FNR { w[FNR] = $0; nw = FNR; next }
		{ if ($0 != w[FNR]) print "line " FNR ": got \"" $0 "\", want \"" w[FNR] "\"" }
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
is "$(grep " target=__sys_socketpair " /tmp/ev77 | ev_field args | hashes)" \
	"family=AF_UNIX,type=SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC,protocol=0,usockvec=<hash>" \
	"socketpair: args=family=AF_UNIX,type=SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC,protocol=0,usockvec=<hash>"
for v in $MV; do decode $((v)) "" "$MSGT"; done > /tmp/want77
diag "msgflags tried: $MV"
for t in sendmsg:$FD0 recvmsg:$FD1; do
	f=__sys_${t%:*}
	grep " target=$f " /tmp/ev77 | ev_field args > /tmp/a77
	is "$(awk -v fd=${t#*:} -v n=$nv '$0 !~ "^fd=" fd ",msg=[0-9a-f]{16},flags=[^,=]+$" { print "line " NR ": " $0 }
		END { if (NR != n) print NR " events, want " n }' /tmp/a77)" "" \
		"$f: $nv events, each args=fd=${t#*:},msg=<hash>,flags=<flags>"
	hashes < /tmp/a77 > /tmp/h77
	sed "s/^/fd=${t#*:},msg=<hash>,flags=/" /tmp/want77 > /tmp/w77
	is "$(compare /tmp/h77 /tmp/w77)" "" "$f: each whole args field, its flags the documented decoding of the value passed"
done
is "$(grep " target=__sys_sendmsg " /tmp/ev77 | ev_field args | hashes | sed -n '1,3p;13p;19,20p')" \
	"fd=$FD0,msg=<hash>,flags=0
fd=$FD0,msg=<hash>,flags=MSG_OOB
fd=$FD0,msg=<hash>,flags=MSG_PEEK
fd=$FD0,msg=<hash>,flags=MSG_NOSIGNAL
fd=$FD0,msg=<hash>,flags=MSG_CMSG_CLOEXEC
fd=$FD0,msg=<hash>,flags=0x200" "sendmsg, written out: flags=0, MSG_OOB, MSG_PEEK, MSG_NOSIGNAL, MSG_CMSG_CLOEXEC, 0x200"
is "$(grep " target=__sys_recvmsg " /tmp/ev77 | ev_field args | hashes | sed -n '20,24p;26p')" \
	"fd=$FD1,msg=<hash>,flags=0x200
fd=$FD1,msg=<hash>,flags=0x600
fd=$FD1,msg=<hash>,flags=0x80000000
fd=$FD1,msg=<hash>,flags=MSG_OOB|MSG_DONTWAIT|0x200
fd=$FD1,msg=<hash>,flags=MSG_OOB|MSG_DONTWAIT|0x80000000
fd=$FD1,msg=<hash>,flags=MSG_OOB|MSG_PEEK|MSG_DONTROUTE|MSG_CTRUNC|MSG_PROBE|MSG_TRUNC|MSG_DONTWAIT|MSG_EOR|MSG_WAITALL|MSG_CONFIRM|MSG_ERRQUEUE|MSG_NOSIGNAL|MSG_MORE|MSG_WAITFORONE|MSG_BATCH|MSG_ZEROCOPY|MSG_FASTOPEN|MSG_CMSG_CLOEXEC|0x9bfa1600" \
	"recvmsg, written out: unnamed bits alone and after named ones (values 20 to 24), all 32 bits (value 26), not cut"
# sendto(fd0, buf, 7, FLAGS, NULL, 0) and recvfrom(fd1, buf, 64, FLAGS, NULL, NULL)
grep " target=__sys_sendto " /tmp/ev77 | ev_field args > /tmp/a77
hashes < /tmp/a77 > /tmp/h77
awk -v fd=$FD0 '{ print "fd=" fd ",buff=<hash>,len=7,flags=" $0 ",addr=NULL,addr_len=0" }' /tmp/want77 > /tmp/w77
is "$(compare /tmp/h77 /tmp/w77)" "" \
	"__sys_sendto: $nv events, each args=fd=$FD0,buff=<hash>,len=7,flags=<the documented decoding>,addr=NULL,addr_len=0"
sed -n 's/^fd=[0-9]*,buff=\([0-9a-f]\{16\}\),.*/\1/p' /tmp/a77 | sort -u > /tmp/b77
grep " target=__sys_recvfrom " /tmp/ev77 | ev_field args > /tmp/a77
hashes < /tmp/a77 > /tmp/h77
awk -v fd=$FD1 '{ print "fd=" fd ",ubuf=<hash>,size=64,flags=" $0 ",addr=NULL,addr_len=NULL" }' /tmp/want77 > /tmp/w77
sed -n 's/^fd=[0-9]*,ubuf=\([0-9a-f]\{16\}\),.*/\1/p' /tmp/a77 | sort -u >> /tmp/b77
is "$(compare /tmp/h77 /tmp/w77; [ $(sort -u /tmp/b77 | wc -l) -eq 1 ] || echo "buffer hashes: $(sort -u /tmp/b77 | tr '\n' ' ')")" "" \
	"__sys_recvfrom: $nv events, each args=fd=$FD1,ubuf=<hash>,size=64,flags=<the documented decoding>,addr=NULL,addr_len=NULL; the buffer hashed as in sendto"

# ---------------------------------------------------------------- oflags
touch /tmp/f77
kwrite $KLAT_D/reset 1
flagcall open /tmp/f77 $OV > /tmp/o77
P=$(sed -n 's/^flagcall: pid=\([0-9]*\) .*/\1/p' /tmp/o77)
no=$(echo $OV | wc -w)
like "$(cat /tmp/o77)" "^flagcall: pid=$P calls=$no " "flagcall made $no openat calls"
diag "oflags tried: $OV"
log_events | grep " pid=$P .* target=__x64_sys_openat " | ev_field args > /tmp/a77
is "$(awk -v n=$no '$0 !~ /^dfd=AT_FDCWD,filename="\/tmp\/f77",flags=[^,=]+,mode=0600$/ { print "line " NR ": " $0 }
	END { if (NR != n) print NR " events, want " n }' /tmp/a77)" "" \
	"__x64_sys_openat: $no events, each args=dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=<oflags>,mode=0600"
for v in $OV; do echo "dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=$(odecode $v),mode=0600"; done > /tmp/want77
is "$(compare /tmp/a77 /tmp/want77)" "" "__x64_sys_openat: each whole args field, its flags the documented decoding of the value passed"
sed -n 's/^dfd=AT_FDCWD,filename="\/tmp\/f77",flags=\([^,=]*\),mode=0600$/\1/p' /tmp/a77 > /tmp/g77
is "$(sed -n '1,4p' /tmp/a77)" "dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=O_RDONLY,mode=0600
dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=O_WRONLY,mode=0600
dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=O_RDWR,mode=0600
dfd=AT_FDCWD,filename=\"/tmp/f77\",flags=3,mode=0600" "openat, written out: the four access modes"
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
