#!/bin/sh
# An addition that waits for its name's removal (a reader stuck in
# probes/NAME/stats holds that removal: tests/vm/progs/uffdhold):
# - a module loaded meanwhile must not fail it: klat reads its lists again
#   after such a wait, as it does when a module comes while a writer waits
#   for klat_mutex (EIO only after three module events in a row). It used
#   to fail with EIO at once: the wait ran after the re-read loop;
# - a signal ends the wait with EINTR, and error_log says it was
#   interrupted (it used to say "out of memory").
. /tests/lib.sh
klat_require

need_testmod

need_userfaultfd
plan 11

T=$KLAT_D/targets
S=__sys_socket
GO=/tmp/46-go

# hold: a reader stuck in probes/$S/stats, and "-$S" waiting for it
hold() {
	hold_removal $S $GO
	hold=$HOLD_PID
	del=$DEL_PID
	sleep 1
}

ok "insmod klat.ko (targets=$S)" klat_load
[ -d /sys/module/klat_testmod ] && rmmod klat_testmod

# 1. a module comes while the addition waits
hold
sh -c "echo $S > $T; echo \$? > /tmp/46-add.out" 2>/dev/null &
add=$!
sleep 2
ok "adding $S waits for its removal" kill -0 $add
ok "insmod klat_testmod.ko meanwhile" insmod $TM
touch $GO
wait $hold
wait $del
wait $add
is "$(cat $GO.del):$(cat /tmp/46-add.out)" "0:0" \
	"the removal, and the addition after a module came meanwhile, succeed" ||
	grep -A 1 '^\[' $KLAT_D/error_log | tail -n 2 | diag -
sockloop 3 > /dev/null
is "$(target_row $S | cut -d' ' -f2):$(stat_field $S hits)" "active:3" "$S is active, counting from zero"
ok "rmmod klat_testmod" rmmod klat_testmod

# 2. a signal ends the wait
echo $S > $T
hold
sh -c "echo $S > $T; echo \$? > /tmp/46-add.out" 2>/dev/null &
add=$!
sleep 2
ok "adding $S waits for its removal again" kill -0 $add
kill -TERM $add
wait $add
touch $GO
wait $hold
wait $del
like "$(grep '^\[' $KLAT_D/error_log | tail -n 1)" '^\[.*\] targets: error: .*interrupted.* \(-EINTR\)$' \
	"error_log: the interrupted addition says so, with EINTR"
is "$(target_row $S)" "" "$S is not a target (its removal done, the addition interrupted)"
rm -f $GO

ok "rmmod klat" klat_unload
dmesg_check
