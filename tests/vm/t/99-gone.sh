#!/bin/sh
# Targets in a module that goes away must not leave a dangling probe or
# crash klat: with the test
# module tests/vm/mod/klat_testmod.ko (at /tests/klat_testmod.ko; the whole
# file is skipped without it):
# - its functions are targets like any other (hits, errors, log);
# - rmmod of that module while they are targets succeeds (klat holds no
#   reference on it); the targets turn "gone", keep their figures, files and
#   log events; adding one again succeeds and keeps it gone; loading the
#   module again does not re-arm it (calls are not counted);
# - removing a gone target works, and adding it again (module loaded) times
#   the new module's function from zero;
# - a name the module shares with a static function of vmlinux
#   (do_sys_openat2) is ambiguous (EADDRNOTAVAIL) only while the module is
#   loaded: klat reads kallsyms again when modules come and go; also when
#   the writer is chrooted where there is no /proc;
# - rmmod klat with a gone target, and loading klat while the module's
#   function is a parameter target then unloading the module, are clean.
. /tests/lib.sh
klat_require

need_testmod

plan 38

F=klat_testmod_fn
E=klat_testmod_fail
MP=/sys/module/klat_testmod/parameters
D=$KLAT_D
state() { target_row "$1" | awk '{ print $2 }'; }

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
[ -d /sys/module/klat_testmod ] && rmmod klat_testmod
ok "insmod klat_testmod.ko" insmod $TM

# ---------------------------------------------------------------- active
printf '%s\n%s\n' $F $E > $D/targets
is "$(state $F) $(state $E)" "active active" "$F and $E are active targets"
echo 5 > $MP/call
echo 3 > $MP/fail
is "$(stat_field $F hits) $(stat_field $F errors)" "5 0" "$F: 5 calls, no errors"
is "$(stat_field $E hits) $(stat_field $E errors)" "3 3" "$E: 3 calls, 3 errors"
is "$(grep -v '^#' $D/probes/$E/errors)" "5 EIO 3" "$E's errors: 5 EIO 3"
is "$(log_events | grep -c " target=$F ")" 5 "the log has $F's 5 events"

# ---------------------------------------------------------------- gone
out=$(timeout 30 rmmod klat_testmod 2>&1)
is "$?:$out" "0:" "rmmod klat_testmod while its functions are targets"
is "$(state $F) $(state $E)" "gone gone" "both targets are now gone"
is "$(head -n 1 $D/targets)" "# klat targets: 3" "the header still counts them"
is "$(stat_field $F hits) $(stat_field $E errors)" "5 3" "their figures are kept"
ok "their files still read" cat $D/probes/$F/stats $D/probes/$F/hist $D/probes/$E/errors $D/probes/$F/filter
is "$(log_events | grep -c " target=$F ")" 5 "their log events are kept"
kwrite $D/targets $F
is "$KW_RC:$(state $F):$(stat_field $F hits)" "0:gone:5" "adding $F again succeeds, keeps it gone and its figures"
ok "insmod klat_testmod.ko again" insmod $TM
echo 4 > $MP/call
is "$(state $F):$(stat_field $F hits)" "gone:5" "the module loaded again: $F is not re-armed, calls not counted"

kwrite $D/targets -$F
is "$KW_RC:$(target_row $F)" "0:" "the gone target $F is removed"
nok "probes/$F/ is gone" test -e $D/probes/$F
kwrite $D/targets $F
is "$KW_RC:$(state $F)" "0:active" "$F added again: active (the new module's function)"
echo 4 > $MP/call
is "$(stat_field $F hits)" 4 "it counts from zero: 4"
sockloop 3 > /dev/null
is "$(stat_field __sys_socket hits)" 3 "__sys_socket counts on"

# ---------------------------------------------------------------- ambiguity
kwrite $D/targets do_sys_openat2
is "$KW_RC:$KW_ERR" "1:sh: write error: Cannot assign requested address" \
	"do_sys_openat2 is ambiguous while klat_testmod (which has one too) is loaded"
like "$(grep '^\[' $D/error_log | tail -n 1)" 'targets: error: several functions have this name \(-EADDRNOTAVAIL\)$' \
	"error_log: several functions have this name"
out=$(timeout 30 rmmod klat_testmod 2>&1)
is "$?:$out:$(state $F):$(state $E)" "0::gone:gone" "rmmod klat_testmod again: $F and $E gone"
kwrite $D/targets do_sys_openat2
is "$KW_RC:$(state do_sys_openat2)" "0:active" "without the module do_sys_openat2 is unique again and is added"
kwrite $D/targets -do_sys_openat2
# the module loaded again, and the first writer is chrooted where there is no
# /proc: klat cannot read kallsyms in its context after the module event
mkdir -p /tmp/j99/bin
cp /bin/busybox /tmp/j99/bin/busybox
insmod $TM
out=$(chroot /tmp/j99 /bin/busybox sh -c 'echo do_sys_openat2 >&3' 3> $D/targets 2>&1)
is "$?:$out" "1:sh: write error: Cannot assign requested address" \
	"the module loaded again, a writer chrooted without /proc: do_sys_openat2 is ambiguous"
kwrite $D/targets -do_sys_openat2
rmmod klat_testmod
is "$(target_row do_sys_openat2)" "" "do_sys_openat2 is not a target"
kwrite $D/targets -$E
is "$KW_RC:$(target_row $E)" "0:" "the gone target $E is removed"
kwrite $D/targets klat_testmod_fn_nosuch
is "$KW_RC" 1 "an unknown name still fails (ENOENT)"

# ---------------------------------------------------------------- unloads
out=$(timeout 30 rmmod klat 2>&1)
is "$?:$out" "0:" "rmmod klat with a gone target ($F)"
dmesg_check "dmesg clean after the gone targets"
ok "insmod klat_testmod.ko" insmod $TM
out=$(timeout 60 insmod $KLAT_KO targets=__sys_socket,$F 2>&1)
is "$?:$out:$(state $F)" "0::active" "insmod klat targets=__sys_socket,$F"
echo 2 > $MP/call
is "$(stat_field $F hits)" 2 "$F counts 2"
out=$(timeout 30 rmmod klat_testmod 2>&1)
is "$?:$out:$(state $F)" "0::gone" "rmmod klat_testmod: $F gone"
ok "rmmod klat" rmmod klat
ok "insmod and rmmod klat_testmod once more" sh -c "insmod $TM && rmmod klat_testmod"
dmesg_check
