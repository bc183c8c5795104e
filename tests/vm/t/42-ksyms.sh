#!/bin/sh
# klat's copy of the kernel's function lists (/proc/kallsyms for duplicated
# names, available_filter_functions for traceable ones), read again after a
# module comes or goes:
#  - writers adding and removing targets while a module is loaded and
#    unloaded in a loop: the re-reads run one at a time (two at once once
#    shared a sort context and oopsed in strcmp <- sort);
#  - when a list cannot be read (/proc or tracefs hidden by another mount),
#    klat refuses new targets with EIO instead of taking names it cannot
#    check (an ambiguous name was once accepted), and takes them again once
#    the list can be read.
. /tests/lib.sh
klat_require
plan 15

T=$KLAT_D/targets
TM=${KLAT_TESTMOD:-/tests/klat_testmod.ko}
[ -f "$TM" ] || bail_out "no $TM"
[ -d /sys/module/klat_testmod ] && rmmod klat_testmod

ok "insmod klat.ko" klat_load "targets="

# --- re-reads under concurrent writers ----------------------------------------
rm -f /tmp/stop-k /tmp/adds
for s in vfs_read __sys_socket hrtimer_nanosleep; do
	( n=0
	  while [ ! -e /tmp/stop-k ]; do
		echo $s > "$T" 2>/dev/null && n=$((n + 1))
		echo -$s > "$T" 2>/dev/null
	  done
	  echo $n >> /tmp/adds ) &
done
cycles=0
end=$(( $(cut -d. -f1 /proc/uptime) + 15 ))
while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
	insmod "$TM" && rmmod klat_testmod && cycles=$((cycles + 1))
done
touch /tmp/stop-k
wait
diag "module load/unload cycles: $cycles; adds per writer: $(echo $(cat /tmp/adds))"
cmp_ok "$cycles" -gt 3 "several module loads and unloads ran"
is "$(awk '$1 > 0 { n++ } END { print n + 0 }' /tmp/adds)" 3 "each of the 3 writers added its target meanwhile"
ok "klat still answers" cat "$KLAT_D/targets"

# --- /proc/kallsyms cannot be read -------------------------------------------------
insmod "$TM"	# do_sys_openat2 is now ambiguous, and the lists are stale
mount -t tmpfs none /proc
kwrite "$T" do_sys_openat2
umount /proc
is "$KW_RC" 1 "with /proc hidden: the write fails"
like "$KW_ERR" 'Input/output error' "... with EIO"
like "$(grep 'targets: error:' "$KLAT_D/error_log" | tail -n 1)" "cannot read the kernel's function lists" \
	"... and error_log says why"
is "$(target_row do_sys_openat2)" "" "the ambiguous name was not taken"
like "$(dmesg | grep 'klat: cannot read /proc/kallsyms' | tail -n 1)" 'no new targets' \
	"the kernel log names the file"
kwrite "$T" do_sys_openat2
like "$KW_ERR" 'Cannot assign requested address' "with /proc back: the name is refused as ambiguous"

# --- available_filter_functions cannot be read -------------------------------------
rmmod klat_testmod	# stale again
umount /sys/kernel/tracing 2>/dev/null
mount -t tmpfs none /sys/kernel/debug/tracing
kwrite "$T" vfs_read
umount /sys/kernel/debug/tracing
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
like "$KW_ERR" 'Input/output error' "with tracefs hidden: adding vfs_read fails with EIO"
is "$(target_row vfs_read)" "" "vfs_read was not taken"
kwrite "$T" vfs_read
is "$KW_RC:$(target_row vfs_read | cut -d' ' -f2)" "0:active" "with tracefs back: vfs_read is taken"
ok "rmmod klat" klat_unload
dmesg_check
