#!/bin/sh
# A reader stuck inside a probe file (its copy to user space waits on a
# userfaultfd page: tests/vm/progs/uffdhold) makes the removal of that target
# wait, as debugfs_remove() must; it must not stall anything else. Once that
# removal held klat_mutex while it waited, and every targets, stats, log and
# reset access hung behind it. Adding the name again waits for the removal
# (two probes must never time the same calls) and then starts from zero.
. /tests/lib.sh
klat_require
need_userfaultfd
plan 13

T=$KLAT_D/targets
S=__sys_socket
GO=/tmp/43-go
rm -f $GO /tmp/43-*.out

# bounded DESC CMD...: CMD finishes, successfully, within 30 s
bounded() {
	_d=$1
	shift
	if timeout 30 "$@" > /dev/null 2>&1; then pass "$_d"; else fail "$_d" "rc=$?"; fi
}

ok "insmod klat.ko (targets=$S)" klat_load
sockloop 5 > /dev/null

# 1. a reader of probes/$S/stats, stuck in copy_to_user(), and 2. the
# removal of $S, waiting for it
hold_removal $S $GO
hold=$HOLD_PID
del=$DEL_PID
sleep 2
ok "the removal waits for the stuck reader" kill -0 $del
is "$(target_row $S)" "" "... while $S is already gone from targets"

# 3. everything else goes on
bounded "targets reads meanwhile" cat "$T"
bounded "stats reads meanwhile" cat "$KLAT_D/stats"
bounded "the log opens and reads meanwhile" cat "$KLAT_D/log"
bounded "another target is added and removed meanwhile" sh -c "echo vfs_read > $T && echo -vfs_read > $T"
bounded "reset works meanwhile" sh -c "echo 1 > $KLAT_D/reset"

# 4. adding $S again waits for its removal
sh -c "echo $S > $T; echo \$? > /tmp/43-add.out" 2>/dev/null &
add=$!
sleep 2
ok "adding $S again waits for its removal" kill -0 $add

# 5. let the reader go: both finish, and $S starts from zero
touch $GO
wait $hold
wait $del
wait $add
is "$(cat $GO.del):$(cat /tmp/43-add.out)" "0:0" "the removal and the new addition both succeed"
sockloop 3 > /dev/null
is "$(target_row $S | cut -d' ' -f2):$(stat_field $S hits)" "active:3" "$S is active again, counting from zero"
ok "rmmod klat" klat_unload
rm -f $GO
dmesg_check
