/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Known targets: the system calls of the running kernel, by name, and how to
 * show their arguments and return values. The module finds the calls, their
 * argument names and types at run time (core/klat_systab.c); this file turns
 * those into decoders and prints them. Pure logic, shared with the unit tests
 * and fuzzers: no kernel or libc headers.
 */
#ifndef _KLAT_SYSCALLS_H
#define _KLAT_SYSCALLS_H

#include "klat_compat.h"
#include "klat_buf.h"

#define KLAT_SC_ARGS	6	/* a system call has at most six arguments */
#define KLAT_SC_NAME	32	/* bytes for a call's or an argument's name, NUL included */
#define KLAT_SC_STR	64	/* bytes of a user string copied at entry */

/* How to show one argument. Decoders for new flag sets go in targets/klat_decode_*.c. */
enum klat_arg {
	KLAT_A_NONE,		/* not shown */
	KLAT_A_HEX,		/* unknown meaning: 0x1f */
	KLAT_A_INT,		/* signed 32-bit decimal */
	KLAT_A_UINT,		/* unsigned 32-bit decimal */
	KLAT_A_LONG,		/* signed 64-bit decimal (loff_t, long) */
	KLAT_A_SIZE,		/* unsigned 64-bit decimal (size_t, counts) */
	KLAT_A_FD,		/* a file descriptor: signed decimal */
	KLAT_A_DFD,		/* a directory fd: AT_FDCWD or decimal */
	KLAT_A_PTR,		/* a user pointer: NULL, or hashed (put_ptr) */
	KLAT_A_STR,		/* a user string copied at entry: "/etc/passwd" */
	KLAT_A_MODE,		/* a file mode: 0644 */
	KLAT_A_FAMILY,		/* AF_INET */
	KLAT_A_SOCKTYPE,	/* SOCK_STREAM|SOCK_CLOEXEC */
	KLAT_A_PROTO,		/* IPPROTO_TCP for AF_INET/AF_INET6 (argument 0), else decimal */
	KLAT_A_SOCKFLAGS,	/* accept4 flags: SOCK_CLOEXEC|SOCK_NONBLOCK or 0 */
	KLAT_A_LEVEL,		/* setsockopt level: SOL_SOCKET, IPPROTO_TCP, ... */
	KLAT_A_SHUT,		/* SHUT_RD, SHUT_WR, SHUT_RDWR */
	KLAT_A_MSGFLAGS,	/* MSG_DONTWAIT|MSG_NOSIGNAL... or 0 */
	KLAT_A_OFLAGS,		/* O_RDONLY|O_CLOEXEC... */
	/* more decoders are added here, each one table or small function */
	/* files (targets/klat_decode_fs.c) */
	KLAT_A_FDFLAGS,		/* O_* without an access mode (pipe2, dup3): O_CLOEXEC or 0 */
	KLAT_A_ATFLAGS,		/* AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH, AT_REMOVEDIR... or 0 */
	KLAT_A_EACCESS,		/* faccessat2 flags: AT_EACCESS|AT_SYMLINK_NOFOLLOW or 0 */
	KLAT_A_ACCESS,		/* access modes: R_OK|W_OK|X_OK, F_OK */
	KLAT_A_WHENCE,		/* lseek: SEEK_SET, SEEK_CUR, ... */
	KLAT_A_FCNTL,		/* fcntl commands: F_GETFL, F_SETFD, ... */
	KLAT_A_FLOCK,		/* flock: LOCK_EX|LOCK_NB */
	KLAT_A_RENAME,		/* renameat2: RENAME_NOREPLACE, ... or 0 */
	KLAT_A_CLOSERANGE,	/* close_range: CLOSE_RANGE_CLOEXEC or 0 */
	KLAT_A_MFD,		/* memfd_create: MFD_CLOEXEC|MFD_ALLOW_SEALING or 0 */
	/* memory (targets/klat_decode_mm.c) */
	KLAT_A_PROT,		/* PROT_READ|PROT_WRITE, PROT_NONE */
	KLAT_A_MAPFLAGS,	/* MAP_PRIVATE|MAP_ANONYMOUS */
	KLAT_A_MADV,		/* MADV_DONTNEED, ... */
	KLAT_A_MREMAP,		/* MREMAP_MAYMOVE or 0 */
	KLAT_A_MSYNC,		/* MS_SYNC|MS_INVALIDATE */
	KLAT_A_MCL,		/* mlockall: MCL_CURRENT|MCL_FUTURE */
	/* processes, signals, time (targets/klat_decode_proc.c) */
	KLAT_A_SIGNAL,		/* SIGTERM, SIGRTMIN+3, or decimal (0) */
	KLAT_A_CLOCK,		/* CLOCK_MONOTONIC, or decimal (CPU and fd clocks) */
	KLAT_A_TIMERFLAGS,	/* TIMER_ABSTIME or 0 */
	KLAT_A_SIGHOW,		/* rt_sigprocmask: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */
	KLAT_A_WAITOPTS,	/* WNOHANG|WUNTRACED, __WALL... or 0 */
	KLAT_A_IDTYPE,		/* waitid: P_ALL, P_PID, P_PGID, P_PIDFD */
	KLAT_A_CLONE,		/* clone: CLONE_VM|CLONE_FS|...|SIGCHLD */
	KLAT_A_UNSHARE,		/* unshare, setns: CLONE_NEWNS|CLONE_NEWTIME... */
	KLAT_A_FUTEXOP,		/* FUTEX_WAIT|FUTEX_PRIVATE_FLAG */
	KLAT_A_PRCTL,		/* prctl options: PR_SET_NAME, ... */
	/* polling and event fds (targets/klat_decode_poll.c) */
	KLAT_A_POLLEVENTS,	/* POLLIN|POLLOUT (no argument of a call is one) */
	KLAT_A_EPOLLEVENTS,	/* EPOLLIN|EPOLLET (no argument of a call is one) */
	KLAT_A_EPOLLCTL,	/* EPOLL_CTL_ADD, EPOLL_CTL_MOD, EPOLL_CTL_DEL */
	KLAT_A_EPOLLFLAGS,	/* epoll_create1: EPOLL_CLOEXEC or 0 */
	KLAT_A_EFDFLAGS,	/* eventfd2: EFD_CLOEXEC|EFD_NONBLOCK|EFD_SEMAPHORE or 0 */
	KLAT_A_TFDFLAGS,	/* timerfd_create: TFD_CLOEXEC|TFD_NONBLOCK or 0 */
	KLAT_A_TFDSETFLAGS,	/* timerfd_settime: TFD_TIMER_ABSTIME... or 0 */
	KLAT_A_SFDFLAGS,	/* signalfd4: SFD_CLOEXEC|SFD_NONBLOCK or 0 */
	KLAT_A_COUNT		/* the number of decoders: not a decoder */
};

/*
 * One system call of the running kernel, as the module found it (or as a test
 * makes it). Filled by core/klat_systab.c: @name, @kname, @nr, @nargs and
 * @argname from the kernel, then klat_sysent_classify() sets the rest. Never
 * changed after that: the probe handlers and the log read it without a lock.
 */
struct klat_sysent {
	char name[KLAT_SC_NAME];	/* as users and man pages know it: "fstat" */
	char kname[KLAT_SC_NAME];	/* the kernel's name: "newfstat" (__x64_sys_newfstat) */
	s16 nr;				/* x86_64 system call number, or -1 */
	u8 nargs;			/* arguments shown, 0 to KLAT_SC_ARGS */
	s8 str;				/* the argument copied at entry as a user string, or -1 */
	bool ret_ptr;			/* returns a user address (mmap): shown hashed */
	bool meta;			/* argument names and types came from the kernel */
	u8 arg[KLAT_SC_ARGS];		/* enum klat_arg of each argument */
	char argname[KLAT_SC_ARGS][KLAT_SC_NAME];
};

/*
 * Set @e's decoders (arg[], str, ret_ptr) from its kname, nargs, argname[] and
 * the kernel's type strings @types[0 .. nargs-1] ("const char *",
 * "unsigned int", ...: the metadata has no __user; an entry may be NULL:
 * type unknown). With @types NULL
 * (the kernel has no syscall metadata) the call shows six arguments arg0 ..
 * arg5 in hex, whatever @e said.
 */
void klat_sysent_classify(struct klat_sysent *e, const char *const *types);

/* Shows a user pointer that is not NULL (the module: hashed, as %p does). */
typedef void klat_put_ptr_fn(struct klat_buf *o, u64 v);

/*
 * @e's arguments @args[0 .. nargs-1] as one log field: "fd=3,buf=<ptr>,count=4096",
 * no blank or control byte in it (user strings escaped). @str and @str_len: the
 * user string argument (e->str) as copied at entry: @str_len is what
 * strncpy_from_user(str, ptr, KLAT_SC_STR) returned (< 0: not copied, shown
 * as a pointer; else the string's length; KLAT_SC_STR: 64 bytes or more, all
 * KLAT_SC_STR bytes valid, no NUL, shown with a "..." marker). Returns the full length, as snprintf() does.
 */
size_t klat_sysent_format(const struct klat_sysent *e, const u64 *args,
			  const char *str, int str_len, klat_put_ptr_fn *put_ptr,
			  char *buf, size_t size);

/* The name users know for the kernel's @kname ("newfstat" -> "fstat"), or @kname. */
const char *klat_syscall_name(const char *kname);

/*
 * Functions that implement system call @name (@len bytes, the user's or the
 * kernel's name) and are preferred to its __x64_sys_ wrapper (better timing or
 * argument access: __sys_socket), NULL ended; or NULL for none. They take the
 * call's arguments in order, in the kernel's calling convention.
 */
const char *const *klat_syscall_inner(const char *name, size_t len);

#endif /* _KLAT_SYSCALLS_H */
