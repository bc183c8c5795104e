// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for targets/klat_errno.{h,c} and targets/klat_syscalls.{h,c}: errno
 * names, the syscall table and lookups, the argument decoders and their
 * truncation. The module hard-codes the Linux x86_64 ABI numbers; here they are
 * cross-checked against the C library's macros.
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "klat_errno.h"
#include "klat_syscalls.h"
#include "klat_check.h"

struct named {
	long long val;
	const char *name;
};

#define N(x)	{ (x), #x }

/* ---- errno names ---- */

START_TEST(test_errno_spot)
{
	ck_assert_str_eq(klat_errno_name(1), "EPERM");
	ck_assert_str_eq(klat_errno_name(2), "ENOENT");
	ck_assert_str_eq(klat_errno_name(97), "EAFNOSUPPORT");
	ck_assert_str_eq(klat_errno_name(11), "EAGAIN");
	ck_assert_str_eq(klat_errno_name(35), "EDEADLK");
	ck_assert_str_eq(klat_errno_name(95), "EOPNOTSUPP");
	ck_assert_str_eq(klat_errno_name(133), "EHWPOISON");
	ck_assert_str_eq(klat_errno_name(512), "ERESTARTSYS");
	ck_assert_str_eq(klat_errno_name(516), "ERESTART_RESTARTBLOCK");
	ck_assert_str_eq(klat_errno_name(517), "EPROBE_DEFER");
	ck_assert_str_eq(klat_errno_name(519), "ENOPARAM");
	ck_assert_str_eq(klat_errno_name(521), "EBADHANDLE");
	ck_assert_str_eq(klat_errno_name(524), "ENOTSUPP");
	ck_assert_str_eq(klat_errno_name(530), "ERECALLCONFLICT");
	ck_assert_str_eq(klat_errno_name(531), "ENOGRACE");
	ck_assert_ptr_null(klat_errno_name(0));
	ck_assert_ptr_null(klat_errno_name(41));	/* gap: EWOULDBLOCK is 11 */
	ck_assert_ptr_null(klat_errno_name(58));	/* gap: EDEADLOCK is 35 */
	ck_assert_ptr_null(klat_errno_name(134));
	ck_assert_ptr_null(klat_errno_name(511));
	ck_assert_ptr_null(klat_errno_name(520));
	ck_assert_ptr_null(klat_errno_name(532));
	ck_assert_ptr_null(klat_errno_name(4095));
	ck_assert_ptr_null(klat_errno_name(-1));
	ck_assert_ptr_null(klat_errno_name(-97));
	ck_assert_ptr_null(klat_errno_name(INT_MIN));
	ck_assert_ptr_null(klat_errno_name(INT_MAX));
}
END_TEST

START_TEST(test_errno_coverage)
{
	int i;

	for (i = -1000; i <= 1000; i++) {
		const char *name = klat_errno_name(i);
		bool want = (i >= 1 && i <= 133 && i != 41 && i != 58) ||
			    (i >= 512 && i <= 531 && i != 520);

		ck_assert_msg(!!name == want, "errno %d: %s", i, name ? name : "NULL");
		if (name)
			ck_assert_msg(name[0] == 'E' && strlen(name) < 24, "errno %d: %s", i, name);
	}
}
END_TEST

/* every libc errno macro (x86_64 Linux) has our number and name; aliases the primary's */
static const struct named libc_errnos[] = {
	N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG), N(ENOEXEC),
	N(EBADF), N(ECHILD), N(EAGAIN), N(ENOMEM), N(EACCES), N(EFAULT), N(ENOTBLK),
	N(EBUSY), N(EEXIST), N(EXDEV), N(ENODEV), N(ENOTDIR), N(EISDIR), N(EINVAL),
	N(ENFILE), N(EMFILE), N(ENOTTY), N(ETXTBSY), N(EFBIG), N(ENOSPC), N(ESPIPE),
	N(EROFS), N(EMLINK), N(EPIPE), N(EDOM), N(ERANGE), N(EDEADLK), N(ENAMETOOLONG),
	N(ENOLCK), N(ENOSYS), N(ENOTEMPTY), N(ELOOP), N(ENOMSG), N(EIDRM), N(ECHRNG),
	N(EL2NSYNC), N(EL3HLT), N(EL3RST), N(ELNRNG), N(EUNATCH), N(ENOCSI), N(EL2HLT),
	N(EBADE), N(EBADR), N(EXFULL), N(ENOANO), N(EBADRQC), N(EBADSLT), N(EBFONT),
	N(ENOSTR), N(ENODATA), N(ETIME), N(ENOSR), N(ENONET), N(ENOPKG), N(EREMOTE),
	N(ENOLINK), N(EADV), N(ESRMNT), N(ECOMM), N(EPROTO), N(EMULTIHOP), N(EDOTDOT),
	N(EBADMSG), N(EOVERFLOW), N(ENOTUNIQ), N(EBADFD), N(EREMCHG), N(ELIBACC),
	N(ELIBBAD), N(ELIBSCN), N(ELIBMAX), N(ELIBEXEC), N(EILSEQ), N(ERESTART),
	N(ESTRPIPE), N(EUSERS), N(ENOTSOCK), N(EDESTADDRREQ), N(EMSGSIZE), N(EPROTOTYPE),
	N(ENOPROTOOPT), N(EPROTONOSUPPORT), N(ESOCKTNOSUPPORT), N(EOPNOTSUPP),
	N(EPFNOSUPPORT), N(EAFNOSUPPORT), N(EADDRINUSE), N(EADDRNOTAVAIL), N(ENETDOWN),
	N(ENETUNREACH), N(ENETRESET), N(ECONNABORTED), N(ECONNRESET), N(ENOBUFS),
	N(EISCONN), N(ENOTCONN), N(ESHUTDOWN), N(ETOOMANYREFS), N(ETIMEDOUT),
	N(ECONNREFUSED), N(EHOSTDOWN), N(EHOSTUNREACH), N(EALREADY), N(EINPROGRESS),
	N(ESTALE), N(EUCLEAN), N(ENOTNAM), N(ENAVAIL), N(EISNAM), N(EREMOTEIO), N(EDQUOT),
	N(ENOMEDIUM), N(EMEDIUMTYPE), N(ECANCELED), N(ENOKEY), N(EKEYEXPIRED),
	N(EKEYREVOKED), N(EKEYREJECTED), N(EOWNERDEAD), N(ENOTRECOVERABLE), N(ERFKILL),
	N(EHWPOISON),
};

START_TEST(test_errno_libc_macros)
{
	size_t i;

	ck_assert_uint_eq(ARRAY_SIZE(libc_errnos), 131);
	for (i = 0; i < ARRAY_SIZE(libc_errnos); i++) {
		const char *name = klat_errno_name((int)libc_errnos[i].val);

		ck_assert_msg(name && !strcmp(name, libc_errnos[i].name), "%s (%lld): got %s",
			      libc_errnos[i].name, libc_errnos[i].val, name ? name : "NULL");
	}
	ck_assert_str_eq(klat_errno_name(EWOULDBLOCK), "EAGAIN");
	ck_assert_str_eq(klat_errno_name(EDEADLOCK), "EDEADLK");
	ck_assert_str_eq(klat_errno_name(ENOTSUP), "EOPNOTSUPP");
}
END_TEST

START_TEST(test_errno_strerrorname)
{
	int i, checked = 0;

	for (i = 1; i <= 133; i++) {
		const char *libc = strerrorname_np(i);
		const char *ours = klat_errno_name(i);

		if (!libc) {
			ck_assert_msg(!ours, "errno %d: libc has none, we say %s", i, ours);
			continue;
		}
		checked++;
		ck_assert_msg(ours && !strcmp(ours, libc), "errno %d: libc %s, ours %s", i, libc,
			      ours ? ours : "NULL");
	}
	ck_assert_int_eq(checked, 131);
}
END_TEST

/* ---- the table and lookups ---- */

struct expect_sc {
	const char *name;
	const char *sym;
	bool wrapper;
	enum klat_arg args[3];
};

static const struct expect_sc expect_scs[] = {
	{ "socket", "__sys_socket", false, { KLAT_A_FAMILY, KLAT_A_SOCKTYPE, KLAT_A_PROTO } },
	{ "socketpair", "__sys_socketpair", false,
	  { KLAT_A_FAMILY, KLAT_A_SOCKTYPE, KLAT_A_PROTO } },
	{ "bind", "__sys_bind", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "listen", "__sys_listen", false, { KLAT_A_FD, KLAT_A_INT, KLAT_A_NONE } },
	{ "accept", "__sys_accept4", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	{ "accept4", "__sys_accept4", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	{ "connect", "__sys_connect", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "getsockname", "__sys_getsockname", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	{ "getpeername", "__sys_getpeername", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	{ "sendto", "__sys_sendto", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "recvfrom", "__sys_recvfrom", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "setsockopt", "__sys_setsockopt", false, { KLAT_A_FD, KLAT_A_LEVEL, KLAT_A_INT } },
	{ "getsockopt", "__sys_getsockopt", false, { KLAT_A_FD, KLAT_A_LEVEL, KLAT_A_INT } },
	{ "shutdown", "__sys_shutdown", false, { KLAT_A_FD, KLAT_A_SHUT, KLAT_A_NONE } },
	{ "sendmsg", "__sys_sendmsg", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_MSGFLAGS } },
	{ "recvmsg", "__sys_recvmsg", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_MSGFLAGS } },
	{ "openat", "__x64_sys_openat", true, { KLAT_A_DFD, KLAT_A_PTR, KLAT_A_OFLAGS } },
	{ "read", "ksys_read", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "write", "ksys_write", false, { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ "close", "__x64_sys_close", true, { KLAT_A_FD, KLAT_A_NONE, KLAT_A_NONE } },
};

static const struct klat_syscall *find(const char *s, size_t len)
{
	char *b = dup_exact(s, len);
	const struct klat_syscall *sc = klat_syscall_find(b, len);

	free(b);
	return sc;
}

START_TEST(test_find_all)
{
	const struct expect_sc *e = &expect_scs[_i];
	const struct klat_syscall *sc = find(e->name, strlen(e->name));
	int j;

	ck_assert_ptr_nonnull(sc);
	ck_assert_str_eq(sc->name, e->name);
	ck_assert_ptr_nonnull(sc->syms[0]);
	ck_assert_str_eq(sc->syms[0], e->sym);
	ck_assert_int_eq(sc->wrapper, e->wrapper);
	for (j = 0; j < 3; j++)
		ck_assert_int_eq(sc->args[j], e->args[j]);
	/* NULL ended, and every name a plausible symbol */
	ck_assert_ptr_null(sc->syms[ARRAY_SIZE(sc->syms) - 1]);
	for (j = 0; j < (int)ARRAY_SIZE(sc->syms) && sc->syms[j]; j++)
		ck_assert(strlen(sc->syms[j]) > 0 && !strchr(sc->syms[j], ' '));
	/* wrappers only have wrapper symbols */
	if (sc->wrapper)
		for (j = 0; j < (int)ARRAY_SIZE(sc->syms) && sc->syms[j]; j++)
			ck_assert(!strncmp(sc->syms[j], "__x64_sys_", 10));
}
END_TEST

START_TEST(test_by_symbol_all)
{
	const struct klat_syscall *sc = find(expect_scs[_i].name, strlen(expect_scs[_i].name));
	size_t j;

	for (j = 0; j < ARRAY_SIZE(sc->syms) && sc->syms[j]; j++) {
		const struct klat_syscall *by = klat_syscall_by_symbol(sc->syms[j]);

		ck_assert_ptr_nonnull(by);
		if (!strcmp(sc->name, "accept4"))	/* shares accept's symbols */
			ck_assert_str_eq(by->name, "accept");
		else
			ck_assert_ptr_eq(by, sc);
	}
}
END_TEST

START_TEST(test_find_edges)
{
	ck_assert_ptr_null(find("sock", 4));
	ck_assert_ptr_null(find("socketx", 7));
	ck_assert_ptr_null(find("", 0));
	ck_assert_ptr_null(find("Socket", 6));
	ck_assert_ptr_null(find("socket ", 7));
	ck_assert_ptr_null(find("nanosleep", 9));
	ck_assert_ptr_null(find("__sys_socket", 12));	/* symbols are not names */
	/* only len bytes count */
	ck_assert_str_eq(find("socketpair", 6)->name, "socket");
	ck_assert_str_eq(find("socketpair", 10)->name, "socketpair");
	ck_assert_str_eq(find("accept4", 6)->name, "accept");
	ck_assert_str_eq(find("accept4", 7)->name, "accept4");
	ck_assert_str_eq(find("readx", 4)->name, "read");
	ck_assert_ptr_null(find("socketpair", 7));
	ck_assert_ptr_null(klat_syscall_find("socket", 0));
}
END_TEST

START_TEST(test_by_symbol_edges)
{
	ck_assert_str_eq(klat_syscall_by_symbol("__sys_socket")->name, "socket");
	ck_assert_str_eq(klat_syscall_by_symbol("__sys_accept4")->name, "accept");
	ck_assert_str_eq(klat_syscall_by_symbol("__x64_sys_openat")->name, "openat");
	ck_assert_str_eq(klat_syscall_by_symbol("ksys_read")->name, "read");
	ck_assert_ptr_null(klat_syscall_by_symbol(""));
	ck_assert_ptr_null(klat_syscall_by_symbol(NULL));
	ck_assert_ptr_null(klat_syscall_by_symbol("socket"));
	ck_assert_ptr_null(klat_syscall_by_symbol("__sys_socke"));
	ck_assert_ptr_null(klat_syscall_by_symbol("__sys_socketx"));
	ck_assert_ptr_null(klat_syscall_by_symbol("__sys_socket_file"));
	ck_assert_ptr_null(klat_syscall_by_symbol("do_nanosleep"));
	ck_assert_ptr_null(klat_syscall_by_symbol("__x64_sys_socket"));
}
END_TEST

/* ---- formatting ---- */

static char out[512];

/* format with the named syscall's decoders (NULL: raw) */
static const char *fmt(const char *name, u64 a0, u64 a1, u64 a2)
{
	const struct klat_syscall *sc = name ? klat_syscall_find(name, strlen(name)) : NULL;
	u64 args[3] = { a0, a1, a2 };
	size_t n;

	ck_assert(!name || sc);
	n = klat_syscall_format_args(sc, args, out, sizeof(out));
	ck_assert_uint_eq(n, strlen(out));
	return out;
}

/* format one value with decoder @type as the only argument (after @a0 for PROTO) */
static const char *fmt1(enum klat_arg type, u64 a0, u64 v)
{
	struct klat_syscall sc = { .name = "t", .syms = { "t" } };
	u64 args[3] = { a0, v, 0 };
	size_t n;

	sc.args[0] = KLAT_A_NONE;
	sc.args[1] = type;
	n = klat_syscall_format_args(&sc, args, out, sizeof(out));
	ck_assert_uint_eq(n, strlen(out));
	return out;
}

START_TEST(test_fmt_socket)
{
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP),
			 "AF_INET,SOCK_STREAM|SOCK_CLOEXEC,IPPROTO_TCP");
	ck_assert_str_eq(fmt("socket", 999, SOCK_STREAM, 0), "999,SOCK_STREAM,0");
	ck_assert_str_eq(fmt("socket", AF_INET6, SOCK_DGRAM, 0), "AF_INET6,SOCK_DGRAM,IPPROTO_IP");
	ck_assert_str_eq(fmt("socket", AF_INET6, SOCK_RAW | SOCK_NONBLOCK, IPPROTO_ICMPV6),
			 "AF_INET6,SOCK_RAW|SOCK_NONBLOCK,IPPROTO_ICMPV6");
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 262),
			 "AF_INET,SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC,IPPROTO_MPTCP");
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_DGRAM, 9999), "AF_INET,SOCK_DGRAM,9999");
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_DGRAM, -1), "AF_INET,SOCK_DGRAM,-1");
	/* protocol names only for IP families */
	ck_assert_str_eq(fmt("socket", AF_UNIX, SOCK_STREAM, 6), "AF_UNIX,SOCK_STREAM,6");
	ck_assert_str_eq(fmt("socket", AF_NETLINK, SOCK_RAW, 0), "AF_NETLINK,SOCK_RAW,0");
	ck_assert_str_eq(fmt("socket", AF_PACKET, SOCK_RAW, 768), "AF_PACKET,SOCK_RAW,768");
	ck_assert_str_eq(fmt("socket", AF_VSOCK, SOCK_SEQPACKET, 0),
			 "AF_VSOCK,SOCK_SEQPACKET,0");
	ck_assert_str_eq(fmt("socketpair", AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0),
			 "AF_UNIX,SOCK_SEQPACKET|SOCK_CLOEXEC,0");
	/* socket types: unknown low bits in decimal, other bits in hex */
	ck_assert_str_eq(fmt("socket", AF_UNSPEC, 0, 0), "AF_UNSPEC,0,0");
	ck_assert_str_eq(fmt("socket", AF_INET, 7, 0), "AF_INET,7,IPPROTO_IP");
	ck_assert_str_eq(fmt("socket", AF_INET, 15 | SOCK_NONBLOCK, 0),
			 "AF_INET,15|SOCK_NONBLOCK,IPPROTO_IP");
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_STREAM | 0x100, 0),
			 "AF_INET,SOCK_STREAM|0x100,IPPROTO_IP");
	ck_assert_str_eq(fmt("socket", AF_INET, SOCK_STREAM | SOCK_CLOEXEC | 0x80000000u, 0),
			 "AF_INET,SOCK_STREAM|SOCK_CLOEXEC|0x80000000,IPPROTO_IP");
	ck_assert_str_eq(fmt("socket", AF_INET, 0x10, 0), "AF_INET,0|0x10,IPPROTO_IP");
	/* only the low 32 bits of int arguments count */
	ck_assert_str_eq(fmt("socket", 0xdead000000000002ull, 0xbeef000000000001ull,
			     0xf00d000000000006ull), "AF_INET,SOCK_STREAM,IPPROTO_TCP");
	ck_assert_str_eq(fmt("socket", 0xffffffffu, 1, 0), "-1,SOCK_STREAM,0");
}
END_TEST

START_TEST(test_fmt_fds_ptrs)
{
	ck_assert_str_eq(fmt("close", 3, 77, 88), "3");
	ck_assert_str_eq(fmt("close", 0xffffffffu, 0, 0), "-1");
	ck_assert_str_eq(fmt("close", 0x1234567800000005ull, 0, 0), "5");
	ck_assert_str_eq(fmt("close", 0x80000000u, 0, 0), "-2147483648");
	ck_assert_str_eq(fmt("listen", 4, 128, 99), "4,128");
	ck_assert_str_eq(fmt("listen", 4, -1, 99), "4,-1");
	ck_assert_str_eq(fmt("listen", 4, 0xfffffffffffffffeull, 99), "4,-2");
	ck_assert_str_eq(fmt("bind", 3, 0x7ffc12345678ull, 16), "3,0x7ffc12345678,16");
	ck_assert_str_eq(fmt("connect", 3, 0, 110), "3,0x0,110");
	ck_assert_str_eq(fmt("accept", 3, 0, 0), "3,0x0,0x0");
	ck_assert_str_eq(fmt("accept4", 3, 0x10, 0x20), "3,0x10,0x20");
	ck_assert_str_eq(fmt("getsockname", 5, 0xffffffffffffffffull, 1),
			 "5,0xffffffffffffffff,0x1");
	ck_assert_str_eq(fmt("getpeername", 5, 1, 2), "5,0x1,0x2");
	ck_assert_str_eq(fmt("read", 0, 0x55d0c0de0000ull, 4096), "0,0x55d0c0de0000,4096");
	ck_assert_str_eq(fmt("write", 1, 0x1000, 18446744073709551615ull),
			 "1,0x1000,18446744073709551615");
	ck_assert_str_eq(fmt("sendto", 3, 0x1000, 0), "3,0x1000,0");
	ck_assert_str_eq(fmt("recvfrom", 3, 0x1000, 65536), "3,0x1000,65536");
}
END_TEST

START_TEST(test_fmt_openat)
{
	ck_assert_str_eq(fmt("openat", (u32)AT_FDCWD, 0x1000, O_RDONLY),
			 "AT_FDCWD,0x1000,O_RDONLY");
	ck_assert_str_eq(fmt("openat", (u64)(s64)AT_FDCWD, 0x1000, O_RDONLY),
			 "AT_FDCWD,0x1000,O_RDONLY");
	ck_assert_str_eq(fmt("openat", 3, 0x1000, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC),
			 "3,0x1000,O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC");
	ck_assert_str_eq(fmt("openat", 3, 0x1000, O_RDWR | O_EXCL | O_NOCTTY | O_APPEND),
			 "3,0x1000,O_RDWR|O_EXCL|O_NOCTTY|O_APPEND");
	ck_assert_str_eq(fmt("openat", -99, 0, 3), "-99,0x0,3");
	ck_assert_str_eq(fmt("openat", 0, 0, O_RDONLY | O_SYNC), "0,0x0,O_RDONLY|O_SYNC");
	ck_assert_str_eq(fmt("openat", 0, 0, O_RDONLY | O_DSYNC), "0,0x0,O_RDONLY|O_DSYNC");
	ck_assert_str_eq(fmt("openat", 0, 0, 04000000), "0,0x0,O_RDONLY|0x100000");
	ck_assert_str_eq(fmt("openat", 0, 0, O_RDWR | O_TMPFILE), "0,0x0,O_RDWR|O_TMPFILE");
	ck_assert_str_eq(fmt("openat", 0, 0, O_DIRECTORY), "0,0x0,O_RDONLY|O_DIRECTORY");
	ck_assert_str_eq(fmt("openat", 0, 0, 020000000), "0,0x0,O_RDONLY|0x400000");
	ck_assert_str_eq(fmt("openat", 0, 0, O_PATH | O_NOFOLLOW | O_CLOEXEC),
			 "0,0x0,O_RDONLY|O_NOFOLLOW|O_CLOEXEC|O_PATH");
	ck_assert_str_eq(fmt("openat", 0, 0, O_RDONLY | 0100000 | O_DIRECT | O_NOATIME),
			 "0,0x0,O_RDONLY|O_DIRECT|O_LARGEFILE|O_NOATIME");
	ck_assert_str_eq(fmt("openat", 0, 0, O_WRONLY | O_NONBLOCK | O_ASYNC | 0x80000000u),
			 "0,0x0,O_WRONLY|O_NONBLOCK|O_ASYNC|0x80000000");
}
END_TEST

START_TEST(test_fmt_sockopt_shutdown_msg)
{
	ck_assert_str_eq(fmt("setsockopt", 3, SOL_SOCKET, SO_REUSEADDR), "3,SOL_SOCKET,2");
	ck_assert_str_eq(fmt("getsockopt", 3, IPPROTO_TCP, 1), "3,IPPROTO_TCP,1");
	ck_assert_str_eq(fmt("setsockopt", 3, IPPROTO_IP, -5), "3,IPPROTO_IP,-5");
	ck_assert_str_eq(fmt("setsockopt", 3, SOL_RAW, 1), "3,SOL_RAW,1");
	ck_assert_str_eq(fmt("setsockopt", 3, 12345, 1), "3,12345,1");
	ck_assert_str_eq(fmt("setsockopt", 3, -1, 1), "3,-1,1");
	ck_assert_str_eq(fmt("shutdown", 3, SHUT_RD, 9), "3,SHUT_RD");
	ck_assert_str_eq(fmt("shutdown", 3, SHUT_WR, 9), "3,SHUT_WR");
	ck_assert_str_eq(fmt("shutdown", 3, SHUT_RDWR, 9), "3,SHUT_RDWR");
	ck_assert_str_eq(fmt("shutdown", 3, 7, 9), "3,7");
	ck_assert_str_eq(fmt("sendmsg", 3, 0x1000, 0), "3,0x1000,0");
	ck_assert_str_eq(fmt("sendmsg", 3, 0x1000, MSG_DONTWAIT | MSG_NOSIGNAL),
			 "3,0x1000,MSG_DONTWAIT|MSG_NOSIGNAL");
	ck_assert_str_eq(fmt("recvmsg", 3, 0x1000, MSG_PEEK | MSG_TRUNC | MSG_CMSG_CLOEXEC),
			 "3,0x1000,MSG_PEEK|MSG_TRUNC|MSG_CMSG_CLOEXEC");
	ck_assert_str_eq(fmt("recvmsg", 3, 0x1000, MSG_WAITALL | 0x200),
			 "3,0x1000,MSG_WAITALL|0x200");
	ck_assert_str_eq(fmt("recvmsg", 3, 0x1000, 0x80000200u), "3,0x1000,0x80000200");
	ck_assert_str_eq(fmt("sendmsg", 3, 0x1000, 0xffffffff00000001ull), "3,0x1000,MSG_OOB");
}
END_TEST

START_TEST(test_fmt_sockflags)
{
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, 0), "0");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_NONBLOCK), "SOCK_NONBLOCK");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_CLOEXEC | SOCK_NONBLOCK),
			 "SOCK_NONBLOCK|SOCK_CLOEXEC");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_CLOEXEC | 1), "SOCK_CLOEXEC|0x1");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, 0x10), "0x10");
}
END_TEST

START_TEST(test_fmt_raw)
{
	ck_assert_str_eq(fmt(NULL, 0, 1, 0xffffffffffffffffull), "0x0,0x1,0xffffffffffffffff");
	ck_assert_str_eq(fmt(NULL, 0x7ffc00001234ull, 0xa, 0xb), "0x7ffc00001234,0xa,0xb");
}
END_TEST

/* the hard-coded numbers agree with the C library's */

static const struct named libc_families[] = {
	N(AF_UNSPEC), N(AF_UNIX), N(AF_INET), N(AF_AX25), N(AF_IPX), N(AF_APPLETALK),
	N(AF_NETROM), N(AF_BRIDGE), N(AF_ATMPVC), N(AF_X25), N(AF_INET6), N(AF_ROSE),
	N(AF_DECnet), N(AF_NETBEUI), N(AF_SECURITY), N(AF_KEY), N(AF_NETLINK), N(AF_PACKET),
	N(AF_ASH), N(AF_ECONET), N(AF_ATMSVC), N(AF_RDS), N(AF_SNA), N(AF_IRDA), N(AF_PPPOX),
	N(AF_WANPIPE), N(AF_LLC), N(AF_IB), N(AF_MPLS), N(AF_CAN), N(AF_TIPC), N(AF_BLUETOOTH),
	N(AF_IUCV), N(AF_RXRPC), N(AF_ISDN), N(AF_PHONET), N(AF_IEEE802154), N(AF_CAIF),
	N(AF_ALG), N(AF_NFC), N(AF_VSOCK), N(AF_KCM), N(AF_QIPCRTR), N(AF_SMC),
#ifdef AF_XDP
	N(AF_XDP),
#endif
#ifdef AF_MCTP
	N(AF_MCTP),
#endif
};

static const struct named libc_socktypes[] = {
	N(SOCK_STREAM), N(SOCK_DGRAM), N(SOCK_RAW), N(SOCK_RDM), N(SOCK_SEQPACKET),
	N(SOCK_DCCP), N(SOCK_PACKET),
};

static const struct named libc_ipprotos[] = {
	N(IPPROTO_IP), N(IPPROTO_ICMP), N(IPPROTO_IGMP), N(IPPROTO_TCP), N(IPPROTO_UDP),
	N(IPPROTO_DCCP), N(IPPROTO_IPV6), N(IPPROTO_GRE), N(IPPROTO_ESP), N(IPPROTO_AH),
	N(IPPROTO_ICMPV6), N(IPPROTO_SCTP), N(IPPROTO_UDPLITE), N(IPPROTO_RAW),
#ifdef IPPROTO_MPTCP
	N(IPPROTO_MPTCP),
#endif
};

static const struct named libc_levels[] = {
	N(SOL_SOCKET), N(IPPROTO_IP), N(IPPROTO_TCP), N(IPPROTO_UDP), N(IPPROTO_IPV6),
	N(IPPROTO_ICMPV6), N(IPPROTO_SCTP), N(IPPROTO_UDPLITE), N(SOL_RAW), N(SOL_PACKET),
	N(SOL_NETLINK), N(SOL_ALG), N(SOL_TLS), N(SOL_XDP),
#ifdef SOL_MPTCP
	N(SOL_MPTCP),
#endif
};

static const struct named libc_shuts[] = { N(SHUT_RD), N(SHUT_WR), N(SHUT_RDWR) };

/* glibc still calls 0x10 by its old name, MSG_PROXY */
static const struct named libc_msgflags[] = {
	N(MSG_OOB), N(MSG_PEEK), N(MSG_DONTROUTE), N(MSG_CTRUNC), { MSG_PROXY, "MSG_PROBE" },
	N(MSG_TRUNC), N(MSG_DONTWAIT), N(MSG_EOR), N(MSG_WAITALL), N(MSG_CONFIRM),
	N(MSG_ERRQUEUE), N(MSG_NOSIGNAL), N(MSG_MORE), N(MSG_WAITFORONE), N(MSG_BATCH),
	N(MSG_ZEROCOPY), N(MSG_FASTOPEN), N(MSG_CMSG_CLOEXEC),
};

static const struct named libc_oflags[] = {
	N(O_CREAT), N(O_EXCL), N(O_NOCTTY), N(O_TRUNC), N(O_APPEND), N(O_NONBLOCK), N(O_DSYNC),
	N(O_SYNC), N(O_ASYNC), N(O_DIRECT), N(O_DIRECTORY), N(O_NOFOLLOW), N(O_NOATIME),
	N(O_CLOEXEC), N(O_PATH), N(O_TMPFILE),
	/* O_LARGEFILE is 0 in 64-bit user space: the kernel's 0100000 is checked above */
};

static void check_named(enum klat_arg type, u64 a0, const struct named *t, size_t n,
			const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char want[64];

		snprintf(want, sizeof(want), "%s%s", prefix, t[i].name);
		ck_assert_msg(!strcmp(fmt1(type, a0, (u64)t[i].val), want),
			      "%s (%lld): got %s", t[i].name, t[i].val, out);
	}
}

START_TEST(test_libc_values)
{
	check_named(KLAT_A_FAMILY, 0, libc_families, ARRAY_SIZE(libc_families), "");
	check_named(KLAT_A_SOCKTYPE, 0, libc_socktypes, ARRAY_SIZE(libc_socktypes), "");
	check_named(KLAT_A_PROTO, AF_INET, libc_ipprotos, ARRAY_SIZE(libc_ipprotos), "");
	check_named(KLAT_A_PROTO, AF_INET6, libc_ipprotos, ARRAY_SIZE(libc_ipprotos), "");
	check_named(KLAT_A_LEVEL, 0, libc_levels, ARRAY_SIZE(libc_levels), "");
	check_named(KLAT_A_SHUT, 0, libc_shuts, ARRAY_SIZE(libc_shuts), "");
	check_named(KLAT_A_MSGFLAGS, 0, libc_msgflags, ARRAY_SIZE(libc_msgflags), "");
	check_named(KLAT_A_OFLAGS, 0, libc_oflags, ARRAY_SIZE(libc_oflags), "O_RDONLY|");
	ck_assert_str_eq(fmt1(KLAT_A_OFLAGS, 0, O_RDONLY), "O_RDONLY");
	ck_assert_str_eq(fmt1(KLAT_A_OFLAGS, 0, O_WRONLY), "O_WRONLY");
	ck_assert_str_eq(fmt1(KLAT_A_OFLAGS, 0, O_RDWR), "O_RDWR");
	ck_assert_str_eq(fmt1(KLAT_A_OFLAGS, 0, O_ACCMODE), "3");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_NONBLOCK), "SOCK_NONBLOCK");
	ck_assert_str_eq(fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_CLOEXEC), "SOCK_CLOEXEC");
	ck_assert_str_eq(fmt1(KLAT_A_DFD, 0, (u32)AT_FDCWD), "AT_FDCWD");
	ck_assert_str_eq(fmt1(KLAT_A_FAMILY, 0, AF_MAX), "46");	/* first unnamed */
}
END_TEST

/* ---- truncation ---- */

#define CANARY	0x5a

static void check_trunc(const char *name, u64 a0, u64 a1, u64 a2)
{
	const struct klat_syscall *sc = name ? klat_syscall_find(name, strlen(name)) : NULL;
	u64 args[3] = { a0, a1, a2 };
	char full[512], buf[600];
	size_t len, size, i;

	len = klat_syscall_format_args(sc, args, full, sizeof(full));
	ck_assert_uint_eq(len, strlen(full));
	ck_assert_uint_gt(len, 0);
	for (size = 0; size <= len + 2; size++) {
		char *b = malloc(size ? size : 1);	/* exact size: ASan sees overruns */

		memset(buf, CANARY, sizeof(buf));
		ck_assert_uint_eq(klat_syscall_format_args(sc, args, buf + 8, size), len);
		for (i = 0; i < 8; i++)
			ck_assert_int_eq(buf[i], CANARY);
		for (i = 8 + size; i < sizeof(buf); i++)
			ck_assert_msg(buf[i] == CANARY, "%s size %zu: byte %zu written",
				      name ? name : "raw", size, i - 8);
		if (size) {
			size_t n = len < size - 1 ? len : size - 1;

			ck_assert(!memcmp(buf + 8, full, n));
			ck_assert_int_eq(buf[8 + n], '\0');
		}
		ck_assert_uint_eq(klat_syscall_format_args(sc, args, b, size), len);
		if (size)
			ck_assert_uint_eq(strlen(b), len < size - 1 ? len : size - 1);
		free(b);
	}
}

START_TEST(test_truncation)
{
	check_trunc("socket", AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC | 0x100,
		    IPPROTO_TCP);
	check_trunc("socket", 12345, 15, 777);
	check_trunc("openat", (u32)AT_FDCWD, 0x7ffc12345678ull,
		    O_RDWR | O_CREAT | O_EXCL | O_SYNC | O_TMPFILE | O_CLOEXEC | 0x80000000u);
	check_trunc("recvmsg", 2147483647, 0xffffffffffffffffull, 0xffffffffu);
	check_trunc("write", 0x80000000u, 0xffffffffffffffffull, 0xffffffffffffffffull);
	check_trunc("close", 3, 0, 0);
	check_trunc("shutdown", 3, SHUT_RDWR, 0);
	check_trunc("setsockopt", 3, SOL_SOCKET, -1);
	check_trunc(NULL, 0xffffffffffffffffull, 0xffffffffffffffffull, 0xffffffffffffffffull);
}
END_TEST

START_TEST(test_size_zero_null_buf)
{
	u64 args[3] = { AF_INET, SOCK_STREAM, IPPROTO_TCP };

	ck_assert_uint_eq(klat_syscall_format_args(klat_syscall_find("socket", 6), args, NULL, 0),
			  strlen("AF_INET,SOCK_STREAM,IPPROTO_TCP"));
	ck_assert_uint_eq(klat_syscall_format_args(NULL, args, NULL, 0), strlen("0x2,0x1,0x6"));
}
END_TEST

/*
 * Plausible arguments fit the module's 128-byte log buffer. (Flag words with
 * every bit set do not: up to 251 bytes for MSG_*, cut off safely as above.)
 */
START_TEST(test_plausible_fits)
{
	u64 m = 0xffffffffffffffffull;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(expect_scs); i++) {
		const char *name = expect_scs[i].name;

		ck_assert_msg(strlen(fmt(name, 0x80000000u, m, m)) < 128 ||
			      expect_scs[i].args[2] == KLAT_A_MSGFLAGS ||
			      expect_scs[i].args[2] == KLAT_A_OFLAGS, "%s: %s", name, out);
	}
	ck_assert_uint_lt(strlen(fmt(NULL, m, m, m)), 128);
	ck_assert_uint_lt(strlen(fmt("openat", (u32)AT_FDCWD, 0x7ffc12345678ull,
				     O_RDWR | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK |
				     O_SYNC | O_DIRECT | O_NOFOLLOW | O_NOATIME | O_CLOEXEC)), 128);
	ck_assert_uint_lt(strlen(fmt("sendmsg", 2147483647, 0x7ffc12345678ull,
				     MSG_DONTWAIT | MSG_NOSIGNAL | MSG_MORE | MSG_EOR |
				     MSG_ZEROCOPY | MSG_FASTOPEN | MSG_CONFIRM | MSG_WAITALL)), 128);
	ck_assert_uint_lt(strlen(fmt("socket", AF_IEEE802154, SOCK_SEQPACKET | SOCK_NONBLOCK |
				     SOCK_CLOEXEC, -2147483647 - 1)), 128);
}
END_TEST

static Suite *targets_suite(void)
{
	Suite *s = suite_create("targets");
	TCase *tc;

	tc = tcase_create("errno");
	tcase_add_test(tc, test_errno_spot);
	tcase_add_test(tc, test_errno_coverage);
	tcase_add_test(tc, test_errno_libc_macros);
	tcase_add_test(tc, test_errno_strerrorname);
	add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_loop_test(tc, test_find_all, 0, ARRAY_SIZE(expect_scs));
	tcase_add_loop_test(tc, test_by_symbol_all, 0, ARRAY_SIZE(expect_scs));
	tcase_add_test(tc, test_find_edges);
	tcase_add_test(tc, test_by_symbol_edges);
	add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_fmt_socket);
	tcase_add_test(tc, test_fmt_fds_ptrs);
	tcase_add_test(tc, test_fmt_openat);
	tcase_add_test(tc, test_fmt_sockopt_shutdown_msg);
	tcase_add_test(tc, test_fmt_sockflags);
	tcase_add_test(tc, test_fmt_raw);
	tcase_add_test(tc, test_libc_values);
	add_tcase(s, tc);

	tc = tcase_create("truncation");
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_size_zero_null_buf);
	tcase_add_test(tc, test_plausible_fits);
	add_tcase(s, tc);
	return s;
}

KLAT_CHECK_MAIN(targets_suite)
