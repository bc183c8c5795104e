#!/bin/sh
# A system call the kernel is built without
# (COND_SYSCALL) has a weak __x64_sys_NAME stub of its own that returns
# -ENOSYS, not the ni_syscall stub: klat_systab_read_table() only skips
# ni_syscall, so `syscalls` lists the stub as a call and syscall:NAME probes
# it. On Debian's 6.1: lookup_dcookie. Such a slot is no call, as ni_syscall.
. /tests/lib.sh
klat_require
plan 3

ok "insmod klat.ko" klat_load targets= || bail_out "cannot load klat.ko"
weak=$(awk '$2 ~ /^[wW]$/ && $3 ~ /^__x64_sys_/ { sub(/^__x64_sys_/, "", $3); print $3 }' /proc/kallsyms | sort -u)
diag "weak __x64_sys_ stubs: $(echo $weak)"
listed=
for w in $weak; do
	awk -v w="$w" '!/^#/ && $2 == w { found = 1 } END { exit !found }' $KLAT_D/syscalls && listed="$listed $w"
done
is "$listed" "" "syscalls lists no COND_SYSCALL stub as a call"
first=$(echo $weak | awk '{ print $1 }')
if [ -n "$first" ]; then
	kwrite $KLAT_D/targets "syscall:$first"
	nok "syscall:$first (an -ENOSYS stub) is refused" test "$KW_RC" = 0
else
	pass "no stub on this kernel"
fi
