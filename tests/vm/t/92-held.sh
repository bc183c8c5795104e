#!/bin/sh
# Files held open across the removal of their target or rmmod must neither
# crash the kernel nor block the removal: a reader holding probes/X/stats
# (partly read), probes/X/hist (not read yet) and probes/X/filter open while
# target X is removed gets EIO on its next read or write (debugfs), the
# removal does not wait for it, and nothing crashes; the log held open across
# the removal still shows X's events (its snapshot).  Holding a klat file open
# makes rmmod fail (module in use) and rmmod succeeds once it is closed, also
# for a file whose target is gone.  dmesg stays clean.
. /tests/lib.sh
klat_require

plan 31

S=__sys_socket
X=hrtimer_nanosleep
D=$KLAT_D
EIO='Input/output error'

# readrest FD: the rest of the file open on FD; sets RR_RC, RR_OUT (stdout
# and stderr)
readrest() {
	RR_OUT=$(cat <&"$1" 2>&1)
	RR_RC=$?
}

ok "insmod targets=$S,$X" klat_load targets=$S,$X || bail_out "cannot load klat.ko"
sockloop 10 > /dev/null
sleeper 1000 5 > /dev/null
is "$(stat_field $X hits)" 5 "$X counted 5 calls"

# ---------------------------------------------------------------- removal
exec 3< $D/probes/$X/stats
read -r l1 <&3
is "$l1" "# klat stats for $X, times in ns" "fd 3: first line of probes/$X/stats read"
exec 4< $D/probes/$X/hist
exec 5> $D/probes/$X/filter
exec 6< $D/log
read -r l6 <&6
like "$l6" '^# klat log: ' "fd 6: first line of the log read"

# (without fds 3-6: busybox timeout's watchdog child would keep them open
# for up to a second after the command ends)
out=$(timeout 20 sh -c "echo -$X > $D/targets" 2>&1 3<&- 4<&- 5>&- 6<&-)
is "$?:$out" "0:" "removing $X while its files are held open succeeds at once"
is "$(target_row $X)" "" "$X is no longer a target"
nok "probes/$X/ is gone" test -e $D/probes/$X

readrest 3
failed_with "$RR_RC" "$RR_OUT" "$EIO" "fd 3 (probes/$X/stats, partly read): next read fails with EIO"
readrest 4
failed_with "$RR_RC" "$RR_OUT" "$EIO" "fd 4 (probes/$X/hist, not read): first read fails with EIO"
out=$( { echo pid=1 >&5; } 2>&1)
rc=$?
failed_with "$rc" "$out" "$EIO" "fd 5 (probes/$X/filter): a write fails with EIO"
readrest 6
is "$RR_RC" 0 "fd 6 (the log): the rest reads fine"
is "$(printf '%s\n' "$RR_OUT" | grep -c " target=$X ")" 5 "and still shows $X's 5 events"
is "$(printf '%s\n' "$RR_OUT" | grep -v '^#' | grep -Evc " target=($S|$X) ")" 0 "every event names $S or $X"

# the same name added again is a new file; the old descriptors stay dead
echo $X > $D/targets
sleeper 1000 3 > /dev/null
is "$(stat_field $X hits)" 3 "$X added again counts from zero (3)"
readrest 3
failed_with "$RR_RC" "$RR_OUT" "$EIO" "fd 3 still fails with EIO after $X is added again"

# rmmod while the dead descriptors are still open
refs=$(cat /sys/module/klat/refcnt)
cmp_ok "$refs" -ge 3 "module refcount counts the open files ($refs)"
out=$(rmmod klat 2>&1)
rc=$?
failed_with "$rc" "$out" 'Resource temporarily unavailable' "rmmod is refused while files of a removed target are open (module in use)"
ok "the module is still loaded" test -d $D/probes/$S
exec 3<&- 4<&- 5>&- 6<&-
is "$(cat /sys/module/klat/refcnt)" 0 "refcount back to 0 once closed"
ok "rmmod succeeds once they are closed" rmmod klat
dmesg_check "dmesg clean after EIO reads and rmmod"

# ---------------------------------------------------------------- rmmod
ok "insmod again" klat_load targets=$S
sockloop 7 > /dev/null
exec 3< $D/stats
read -r l1 <&3
like "$l1" '^# klat stats: 1 targets' "fd 3: first line of stats read"
out=$(rmmod klat 2>&1)
rc=$?
failed_with "$rc" "$out" 'Resource temporarily unavailable' "rmmod is refused while stats is open"
sockloop 2 > /dev/null
is "$(stat_field $S hits)" 9 "the module still counts (7 + 2)"
readrest 3
is "$RR_RC" 0 "the held stats reads on after the refused rmmod"
like "$RR_OUT" "^$S +[0-9]+ " "and shows the $S row"
exec 3<&-

exec 3< $D/probes/$S/hist
out=$(rmmod klat 2>&1)
rc=$?
failed_with "$rc" "$out" 'Resource temporarily unavailable' "rmmod is refused while probes/$S/hist is open"
exec 3<&-
ok "rmmod succeeds after closing it" rmmod klat
nok "debugfs klat/ is gone" test -e $D
dmesg_check
