#!/bin/sh
# With kernel.kptr_restrict=2 klat finds the system calls
# through the kallsyms fallback (klat_systab_add_name), which names every
# call __x64_sys_NAME. A SYSCALL_DEFINE0 call's __x64_sys_, __ia32_sys_ and
# __do_sys_ names are one function, and ftrace's available_filter_functions
# lists it under one of them only (on 6.1: __do_sys_getpid), so syscall:getpid
# is refused as not traceable. It must add, as it does with the table.
. /tests/lib.sh
klat_require
plan 4

old=$(cat /proc/sys/kernel/kptr_restrict)
echo 2 > /proc/sys/kernel/kptr_restrict
ok "insmod klat.ko with kptr_restrict=2" klat_load targets= || bail_out "cannot load klat.ko"
echo "$old" > /proc/sys/kernel/kptr_restrict
dmesg | grep 'klat: loaded' | tail -1 | diag -
grep -E ' (getpid|fork|sched_yield) ' $KLAT_D/syscalls | diag -
kwrite $KLAT_D/targets "syscall:getpid"
is "$KW_RC:$KW_ERR" "0:" "syscall:getpid adds with the kallsyms fallback"
tail -1 $KLAT_D/error_log | diag -
kwrite $KLAT_D/targets "syscall:sched_yield"
is "$KW_RC:$KW_ERR" "0:" "syscall:sched_yield adds with the kallsyms fallback"
tail -1 $KLAT_D/error_log | diag -
klat_unload
ok "rmmod" true
