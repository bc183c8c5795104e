/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Known targets: syscalls by name, the kernel functions that implement them, and
 * decoders for their first three arguments. Pure logic, shared with the unit
 * tests: no kernel headers.
 */
#ifndef _KLAT_SYSCALLS_H
#define _KLAT_SYSCALLS_H

#include "klat_compat.h"

/* How to show one argument. */
enum klat_arg {
	KLAT_A_NONE,		/* not shown */
	KLAT_A_INT,		/* signed decimal */
	KLAT_A_UINT,		/* unsigned decimal (sizes, counts) */
	KLAT_A_FD,		/* an fd: signed decimal */
	KLAT_A_DFD,		/* a directory fd: AT_FDCWD or decimal */
	KLAT_A_PTR,		/* a user pointer: hex */
	KLAT_A_FAMILY,		/* AF_INET */
	KLAT_A_SOCKTYPE,	/* SOCK_STREAM|SOCK_CLOEXEC */
	KLAT_A_PROTO,		/* IPPROTO_TCP for AF_INET/AF_INET6 (argument 0), else decimal */
	KLAT_A_SOCKFLAGS,	/* accept4 flags: SOCK_CLOEXEC|SOCK_NONBLOCK or 0 */
	KLAT_A_LEVEL,		/* setsockopt level: SOL_SOCKET, IPPROTO_TCP, ... */
	KLAT_A_SHUT,		/* SHUT_RD, SHUT_WR, SHUT_RDWR */
	KLAT_A_MSGFLAGS,	/* MSG_DONTWAIT|MSG_NOSIGNAL... or 0 */
	KLAT_A_OFLAGS,		/* O_RDONLY|O_CLOEXEC... */
};

struct klat_syscall {
	const char *name;		/* the syscall's name: "socket" */
	const char *syms[4];		/* kernel functions, first found wins; NULL ended */
	bool wrapper;			/* syms take (const struct pt_regs *): __x64_sys_* */
	enum klat_arg args[3];
};

const struct klat_syscall *klat_syscall_find(const char *name, size_t len);
const struct klat_syscall *klat_syscall_by_symbol(const char *sym);
size_t klat_syscall_format_args(const struct klat_syscall *sc, const u64 *args,
				char *buf, size_t size);

#endif /* _KLAT_SYSCALLS_H */
