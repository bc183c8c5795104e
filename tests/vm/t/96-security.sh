#!/bin/sh
# Access and leaks: only root may use klat, and no file shows a kernel
# address (that would help an attacker defeat KASLR):
# - every file under /sys/kernel/debug/klat (probes/*/* included) is owned by
#   root, has no group or other permission bits, and has its documented mode;
# - uid 65534 (a passwd entry for nobody is added for the test, as in
#   80-klatctl.sh, then removed) gets EACCES ("Permission denied") opening
#   any of them for reading or for writing: with debugfs mounted 0700 (the
#   default: the directory stops it) and with debugfs remounted 0755, so that
#   each file's own mode is what refuses it;
# - no line of any klat file holds something that looks like a kernel
#   pointer (ffff and 12 more hex digits, or a return value that is a kernel
#   address read as a signed number: -1e12 and below) after calls of targets
#   whose arguments klat decodes, and of raw targets, whose kernel addresses
#   (vfs_read's struct file *, getname_flags' returned struct filename *) are
#   printed hashed, as %p prints them;
# - the module parameters have their documented modes (targets and log_size
#   0444, maxactive and log_enable 0644); nobody can read but not write them.
. /tests/lib.sh
klat_require

S=__sys_socket
X=hrtimer_nanosleep
D=$KLAT_D
DBG=/sys/kernel/debug
# file (relative to klat/) and its documented mode
MODES="targets 600
stats 400
log 400
reset 200
error_log 400
filter 600
syscalls 400
probes/$S/stats 400
probes/$S/hist 400
probes/$S/errors 400
probes/$S/filter 600
probes/$S/procs 600
probes/$X/stats 400
probes/$X/hist 400
probes/$X/errors 400
probes/$X/filter 600
probes/$X/procs 600"
NF=$(printf '%s\n' "$MODES" | wc -l)

plan $((NF * 3 + 14))

PTR='ffff[0-9a-f]{12}|ret=-[0-9]{13,}'

ok "insmod targets=$S,$X" klat_load targets=$S,$X || bail_out "cannot load klat.ko"

# ---------------------------------------------------------------- modes
is "$(find $D -type f | sed "s|^$D/||" | sort)" "$(printf '%s\n' "$MODES" | awk '{ print $1 }' | sort)" \
	"the files under klat/ are exactly the documented ones"
while read -r f m; do
	is "$(stat -c '%u %g %a' $D/$f)" "0 0 $m" "$f: owner root:root, mode $m"
done <<EOF
$MODES
EOF
is "$(stat -c '%a' $D) $(stat -c '%a' $D/probes) $(stat -c '%a' $D/probes/$S)" "755 755 755" \
	"klat/, probes/ and probes/$S/ are 0755"
s=
for p in targets log_size maxactive log_enable; do
	s="$s $p=$(stat -c '%a' $KLAT_P/$p)"
done
is "$s" " targets=444 log_size=444 maxactive=644 log_enable=644" "module parameters have their documented modes"

# ---------------------------------------------------------------- nobody
cat > /tmp/sec96.sh <<'EOF'
# as nobody: for each FILE, "FILE READ-RESULT WRITE-RESULT" (OPENED, or the
# error text after the last ": ")
for f in "$@"; do
	r=$( { : < "$f"; } 2>&1 ) && r=OPENED
	w=$( { : >> "$f"; } 2>&1 ) && w=OPENED
	printf '%s|%s|%s\n' "$f" "${r##*: }" "${w##*: }"
done
EOF
chmod 644 /tmp/sec96.sh
cp /etc/passwd /tmp/sec96.passwd
cp /etc/group /tmp/sec96.group
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> /etc/passwd
echo "nogroup:x:65534:" >> /etc/group
asnobody() {
	su -s /bin/sh nobody -c "id -u; sh /tmp/sec96.sh $*" 2>&1
}
files=$(printf '%s\n' "$MODES" | awk -v d=$D '{ printf "%s/%s ", d, $1 }')
params="$KLAT_P/targets $KLAT_P/log_size $KLAT_P/maxactive $KLAT_P/log_enable"
dbgmode=$(stat -c %a $DBG)
out700=$(asnobody $files)
mount -o remount,mode=755 $DBG
dbgmode2=$(stat -c %a $DBG)
out755=$(asnobody $files)
outp=$(asnobody $params)
mount -o remount,mode=$dbgmode $DBG
cp /tmp/sec96.passwd /etc/passwd
cp /tmp/sec96.group /etc/group
is "$(stat -c %a $DBG)" "$dbgmode" "debugfs is back to mode $dbgmode, passwd restored"

if [ "$(printf '%s\n' "$out700" | head -n 1)" != 65534 ]; then
	bail_out "cannot run as uid 65534: $out700"
fi
is "$dbgmode $dbgmode2" "700 755" "debugfs was mounted 0700, and remounted 0755 for the second round"
for round in 700 755; do
	eval "out=\$out$round"
	while read -r f m; do
		is "$(printf '%s\n' "$out" | grep -F "$D/$f|")" "$D/$f|Permission denied|Permission denied" \
			"nobody, debugfs 0$round: $f cannot be opened for reading or writing (EACCES)"
	done <<EOF
$MODES
EOF
done
is "$(printf '%s\n' "$outp" | sed 1d | sed "s|^$KLAT_P/||")" "targets|OPENED|Permission denied
log_size|OPENED|Permission denied
maxactive|OPENED|Permission denied
log_enable|OPENED|Permission denied" "nobody can read the module parameters but not write them"
kwrite $D/reset 1	# (busybox su logs to syslog: socket())
ok "the module still works" sh -c "sockloop 3 > /dev/null; [ \$(awk '\$1 == \"hits:\" { print \$2 }' $D/probes/$S/stats) = 3 ]"

# ---------------------------------------------------------------- pointers
# decoded targets only (plus hrtimer_nanosleep, whose raw arguments are
# numbers): socket, connect, accept, read, write, openat, close
for c in connect accept read write openat close; do
	echo "syscall:$c" > $D/targets
done
kwrite $D/reset 1
sockloop 20 > /dev/null
sockloop 5 999 > /dev/null
connloop 5 2 > /dev/null
sleeper 1000 5 > /dev/null
fileops 5 /tmp sec96.f > /dev/null
cat /proc/uptime > /dev/null
echo "log_min_ns=1" > $D/filter
printf 'nosuch_\377\n' > $D/targets 2>/dev/null
cmp_ok "$(log_header_field shown)" -gt 50 "the log has events of every decoded target ($(log_header_field shown))"
leaks=
for f in $(find $D -type f ! -name reset); do
	l=$(grep -E -m 3 -- "$PTR" $f)
	[ -z "$l" ] || leaks="$leaks
${f#$D/}: $l"
done
is "$leaks" "" "no klat file holds a kernel pointer after calls of decoded targets"

printf 'vfs_read\ngetname_flags\n' > $D/targets
kwrite $D/reset 1
cat /proc/uptime /etc/passwd > /dev/null
leak=$(grep -E -h -m 3 -- "$PTR" $D/log $D/stats $D/probes/*/* 2>/dev/null | head -n 3)
cmp_ok "$(grep -c 'target=vfs_read ' $D/log)" -gt 0 "the log has raw vfs_read events"
is "$leak" "" "raw targets (vfs_read, getname_flags): kernel addresses in args and ret are hashed"

ok "rmmod klat" rmmod klat
dmesg_check
