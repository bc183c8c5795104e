// SPDX-License-Identifier: GPL-2.0
/*
 * Known targets: syscalls by name, the kernel functions that implement them, and
 * decoders for their first three arguments. Pure logic, shared with the unit
 * tests: no kernel or libc headers, so the constants are hard-coded. They are
 * the Linux x86_64 ABI values (AF_*, SOCK_*, IPPROTO_*, SOL_*, MSG_*, O_*).
 */
#include "klat_syscalls.h"
#include "klat_compat.h"
#include "klat_buf.h"

#ifndef ARRAY_SIZE	/* user space */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/*
 * syms: the function Linux 6.1 implements the syscall in first, then older names.
 * Before 4.17 (no pt_regs syscall wrappers on x86_64) sys_* took the arguments
 * directly, like the __sys_* and ksys_* helpers that replaced them.
 */
static const struct klat_syscall klat_syscalls[] = {
	{ .name = "socket", .syms = { "__sys_socket", "sys_socket" },
	  .args = { KLAT_A_FAMILY, KLAT_A_SOCKTYPE, KLAT_A_PROTO } },
	{ .name = "socketpair", .syms = { "__sys_socketpair", "sys_socketpair" },
	  .args = { KLAT_A_FAMILY, KLAT_A_SOCKTYPE, KLAT_A_PROTO } },
	{ .name = "bind", .syms = { "__sys_bind", "sys_bind" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "listen", .syms = { "__sys_listen", "sys_listen" },
	  .args = { KLAT_A_FD, KLAT_A_INT } },
	/*
	 * accept(2) and accept4(2) both end up in __sys_accept4: probing either name
	 * times calls of both syscalls.
	 */
	{ .name = "accept", .syms = { "__sys_accept4", "sys_accept4" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	/* flags is the fourth argument: not shown */
	{ .name = "accept4", .syms = { "__sys_accept4", "sys_accept4" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
	{ .name = "connect", .syms = { "__sys_connect", "sys_connect" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "getsockname", .syms = { "__sys_getsockname", "sys_getsockname" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
#ifdef KLAT_NO_SYS_GETPEERNAME
	/*
	 * 7.2 and 7.3 (Debian sid, experimental) have no __sys_getpeername:
	 * getpeername(2) and getsockname(2) both run __sys_getsockname(fd, addr, len,
	 * peer), one target for both. (Kbuild defines this from the kernel's
	 * <linux/socket.h>: see core/klat_kcompat.h. A fallback candidate instead
	 * would let -syscall:getpeername remove __sys_getsockname on 6.1.)
	 */
	{ .name = "getpeername", .syms = { "__sys_getsockname" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
#else
	{ .name = "getpeername", .syms = { "__sys_getpeername", "sys_getpeername" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_PTR } },
#endif
	{ .name = "sendto", .syms = { "__sys_sendto", "sys_sendto" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "recvfrom", .syms = { "__sys_recvfrom", "sys_recvfrom" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "setsockopt", .syms = { "__sys_setsockopt", "sys_setsockopt" },
	  .args = { KLAT_A_FD, KLAT_A_LEVEL, KLAT_A_INT } },
	{ .name = "getsockopt", .syms = { "__sys_getsockopt", "sys_getsockopt" },
	  .args = { KLAT_A_FD, KLAT_A_LEVEL, KLAT_A_INT } },
	{ .name = "shutdown", .syms = { "__sys_shutdown", "sys_shutdown" },
	  .args = { KLAT_A_FD, KLAT_A_SHUT } },
	{ .name = "sendmsg", .syms = { "__sys_sendmsg", "sys_sendmsg" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_MSGFLAGS } },
	{ .name = "recvmsg", .syms = { "__sys_recvmsg", "sys_recvmsg" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_MSGFLAGS } },
	/* no helper taking the syscall's arguments: the pt_regs wrapper */
	{ .name = "openat", .syms = { "__x64_sys_openat" }, .wrapper = true,
	  .args = { KLAT_A_DFD, KLAT_A_PTR, KLAT_A_OFLAGS } },
	{ .name = "read", .syms = { "ksys_read", "sys_read" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "write", .syms = { "ksys_write", "sys_write" },
	  .args = { KLAT_A_FD, KLAT_A_PTR, KLAT_A_UINT } },
	{ .name = "close", .syms = { "__x64_sys_close" }, .wrapper = true,
	  .args = { KLAT_A_FD } },
};

static bool klat_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* @s (NUL terminated) is the @len bytes at @name */
static bool klat_name_eq(const char *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i] || s[i] != name[i])
			return false;
	return !s[len];
}

const struct klat_syscall *klat_syscall_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(klat_syscalls); i++)
		if (klat_name_eq(klat_syscalls[i].name, name, len))
			return &klat_syscalls[i];
	return NULL;
}

const struct klat_syscall *klat_syscall_by_symbol(const char *sym)
{
	size_t i, j;

	if (!sym)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(klat_syscalls); i++)
		for (j = 0; j < ARRAY_SIZE(klat_syscalls[i].syms) && klat_syscalls[i].syms[j]; j++)
			if (klat_streq(klat_syscalls[i].syms[j], sym))
				return &klat_syscalls[i];
	return NULL;
}

static void klat_put_int(struct klat_buf *o, u64 v)
{
	klat_buf_s32(o, (s32)(u32)v);
}

struct klat_name {
	u32 val;
	const char *name;
};

/* @v's name in @tab, or NULL */
static const char *klat_lookup(const struct klat_name *tab, size_t n, u32 v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].val == v)
			return tab[i].name;
	return NULL;
}

/* @v's name, or @v as signed decimal */
static void klat_put_enum(struct klat_buf *o, const struct klat_name *tab, size_t n, u64 v)
{
	const char *name = klat_lookup(tab, n, (u32)v);

	if (name)
		klat_buf_puts(o, name);
	else
		klat_put_int(o, v);
}

/*
 * Flag names joined by '|', after @first if not NULL; an entry matches when all of
 * its bits are set (so a multi-bit one like O_SYNC must come before its parts).
 * Bits left over are shown in hex, and no bits at all as "0".
 */
static void klat_put_flags(struct klat_buf *o, const char *first,
			   const struct klat_name *tab, size_t n, u32 v)
{
	bool sep = false;
	size_t i;

	if (first) {
		klat_buf_puts(o, first);
		sep = true;
	}
	for (i = 0; i < n; i++) {
		if ((v & tab[i].val) != tab[i].val)
			continue;
		if (sep)
			klat_buf_puts(o, "|");
		klat_buf_puts(o, tab[i].name);
		sep = true;
		v &= ~tab[i].val;
	}
	if (v || !sep) {
		if (sep)
			klat_buf_puts(o, "|");
		if (v)
			klat_buf_hex(o, v);
		else
			klat_buf_puts(o, "0");
	}
}

#define KLAT_AF_INET	2
#define KLAT_AF_INET6	10

static const struct klat_name klat_families[] = {
	{ 0, "AF_UNSPEC" },
	{ 1, "AF_UNIX" },
	{ 2, "AF_INET" },
	{ 3, "AF_AX25" },
	{ 4, "AF_IPX" },
	{ 5, "AF_APPLETALK" },
	{ 6, "AF_NETROM" },
	{ 7, "AF_BRIDGE" },
	{ 8, "AF_ATMPVC" },
	{ 9, "AF_X25" },
	{ 10, "AF_INET6" },
	{ 11, "AF_ROSE" },
	{ 12, "AF_DECnet" },
	{ 13, "AF_NETBEUI" },
	{ 14, "AF_SECURITY" },
	{ 15, "AF_KEY" },
	{ 16, "AF_NETLINK" },
	{ 17, "AF_PACKET" },
	{ 18, "AF_ASH" },
	{ 19, "AF_ECONET" },
	{ 20, "AF_ATMSVC" },
	{ 21, "AF_RDS" },
	{ 22, "AF_SNA" },
	{ 23, "AF_IRDA" },
	{ 24, "AF_PPPOX" },
	{ 25, "AF_WANPIPE" },
	{ 26, "AF_LLC" },
	{ 27, "AF_IB" },
	{ 28, "AF_MPLS" },
	{ 29, "AF_CAN" },
	{ 30, "AF_TIPC" },
	{ 31, "AF_BLUETOOTH" },
	{ 32, "AF_IUCV" },
	{ 33, "AF_RXRPC" },
	{ 34, "AF_ISDN" },
	{ 35, "AF_PHONET" },
	{ 36, "AF_IEEE802154" },
	{ 37, "AF_CAIF" },
	{ 38, "AF_ALG" },
	{ 39, "AF_NFC" },
	{ 40, "AF_VSOCK" },
	{ 41, "AF_KCM" },
	{ 42, "AF_QIPCRTR" },
	{ 43, "AF_SMC" },
	{ 44, "AF_XDP" },
	{ 45, "AF_MCTP" },
};

static const struct klat_name klat_socktypes[] = {
	{ 1, "SOCK_STREAM" },
	{ 2, "SOCK_DGRAM" },
	{ 3, "SOCK_RAW" },
	{ 4, "SOCK_RDM" },
	{ 5, "SOCK_SEQPACKET" },
	{ 6, "SOCK_DCCP" },
	{ 10, "SOCK_PACKET" },
};

#define KLAT_SOCK_TYPE_MASK	0xf

static const struct klat_name klat_sockflags[] = {
	{ 04000, "SOCK_NONBLOCK" },
	{ 02000000, "SOCK_CLOEXEC" },
};

static const struct klat_name klat_ipprotos[] = {
	{ 0, "IPPROTO_IP" },
	{ 1, "IPPROTO_ICMP" },
	{ 2, "IPPROTO_IGMP" },
	{ 6, "IPPROTO_TCP" },
	{ 17, "IPPROTO_UDP" },
	{ 33, "IPPROTO_DCCP" },
	{ 41, "IPPROTO_IPV6" },
	{ 47, "IPPROTO_GRE" },
	{ 50, "IPPROTO_ESP" },
	{ 51, "IPPROTO_AH" },
	{ 58, "IPPROTO_ICMPV6" },
	{ 132, "IPPROTO_SCTP" },
	{ 136, "IPPROTO_UDPLITE" },
	{ 255, "IPPROTO_RAW" },
	{ 262, "IPPROTO_MPTCP" },
};

/* setsockopt levels: SOL_SOCKET (1) wins over IPPROTO_ICMP, SOL_RAW over IPPROTO_RAW */
static const struct klat_name klat_levels[] = {
	{ 0, "IPPROTO_IP" },
	{ 1, "SOL_SOCKET" },
	{ 6, "IPPROTO_TCP" },
	{ 17, "IPPROTO_UDP" },
	{ 41, "IPPROTO_IPV6" },
	{ 58, "IPPROTO_ICMPV6" },
	{ 132, "IPPROTO_SCTP" },
	{ 136, "IPPROTO_UDPLITE" },
	{ 255, "SOL_RAW" },
	{ 263, "SOL_PACKET" },
	{ 270, "SOL_NETLINK" },
	{ 279, "SOL_ALG" },
	{ 282, "SOL_TLS" },
	{ 283, "SOL_XDP" },
	{ 284, "SOL_MPTCP" },
};

static const struct klat_name klat_shuts[] = {
	{ 0, "SHUT_RD" },
	{ 1, "SHUT_WR" },
	{ 2, "SHUT_RDWR" },
};

static const struct klat_name klat_msgflags[] = {
	{ 0x1, "MSG_OOB" },
	{ 0x2, "MSG_PEEK" },
	{ 0x4, "MSG_DONTROUTE" },
	{ 0x8, "MSG_CTRUNC" },
	{ 0x10, "MSG_PROBE" },
	{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },
	{ 0x80, "MSG_EOR" },
	{ 0x100, "MSG_WAITALL" },
	{ 0x800, "MSG_CONFIRM" },
	{ 0x2000, "MSG_ERRQUEUE" },
	{ 0x4000, "MSG_NOSIGNAL" },
	{ 0x8000, "MSG_MORE" },
	{ 0x10000, "MSG_WAITFORONE" },
	{ 0x40000, "MSG_BATCH" },
	{ 0x4000000, "MSG_ZEROCOPY" },
	{ 0x20000000, "MSG_FASTOPEN" },
	{ 0x40000000, "MSG_CMSG_CLOEXEC" },
};

#define KLAT_O_ACCMODE	03

static const char * const klat_oaccmodes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "3" };

static const struct klat_name klat_oflags[] = {
	{ 0100, "O_CREAT" },
	{ 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },
	{ 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },		/* __O_SYNC | O_DSYNC */
	{ 010000, "O_DSYNC" },
	{ 020000, "O_ASYNC" },
	{ 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" },
	{ 020200000, "O_TMPFILE" },	/* __O_TMPFILE | O_DIRECTORY */
	{ 0200000, "O_DIRECTORY" },
	{ 0400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
};

#define KLAT_AT_FDCWD	(-100)

static void klat_put_arg(struct klat_buf *o, enum klat_arg type, u64 v, const u64 *args)
{
	u32 family;

	switch (type) {
	case KLAT_A_NONE:
		break;
	case KLAT_A_INT:
	case KLAT_A_FD:
		klat_put_int(o, v);
		break;
	case KLAT_A_UINT:
		klat_buf_u64(o, v);
		break;
	case KLAT_A_DFD:
		if ((s32)(u32)v == KLAT_AT_FDCWD)
			klat_buf_puts(o, "AT_FDCWD");
		else
			klat_put_int(o, v);
		break;
	case KLAT_A_PTR:
		klat_buf_hex(o, v);
		break;
	case KLAT_A_FAMILY:
		klat_put_enum(o, klat_families, ARRAY_SIZE(klat_families), v);
		break;
	case KLAT_A_SOCKTYPE: {
		const char *name = klat_lookup(klat_socktypes, ARRAY_SIZE(klat_socktypes),
					       (u32)v & KLAT_SOCK_TYPE_MASK);
		char tmp[12];

		if (!name) {
			snprintf(tmp, sizeof(tmp), "%u", (u32)v & KLAT_SOCK_TYPE_MASK);
			name = tmp;
		}
		klat_put_flags(o, name, klat_sockflags, ARRAY_SIZE(klat_sockflags),
			       (u32)v & ~KLAT_SOCK_TYPE_MASK);
		break;
	}
	case KLAT_A_PROTO:
		family = (u32)args[0];
		if (family == KLAT_AF_INET || family == KLAT_AF_INET6)
			klat_put_enum(o, klat_ipprotos, ARRAY_SIZE(klat_ipprotos), v);
		else
			klat_put_int(o, v);
		break;
	case KLAT_A_SOCKFLAGS:
		klat_put_flags(o, NULL, klat_sockflags, ARRAY_SIZE(klat_sockflags), (u32)v);
		break;
	case KLAT_A_LEVEL:
		klat_put_enum(o, klat_levels, ARRAY_SIZE(klat_levels), v);
		break;
	case KLAT_A_SHUT:
		klat_put_enum(o, klat_shuts, ARRAY_SIZE(klat_shuts), v);
		break;
	case KLAT_A_MSGFLAGS:
		klat_put_flags(o, NULL, klat_msgflags, ARRAY_SIZE(klat_msgflags), (u32)v);
		break;
	case KLAT_A_OFLAGS:
		klat_put_flags(o, klat_oaccmodes[v & KLAT_O_ACCMODE], klat_oflags,
			       ARRAY_SIZE(klat_oflags), (u32)v & ~KLAT_O_ACCMODE);
		break;
	default:
		klat_buf_hex(o, v);
		break;
	}
}

#define KLAT_NARGS	3	/* struct klat_syscall's args[] */

size_t klat_syscall_format_args(const struct klat_syscall *sc, const u64 *args,
				char *buf, size_t size)
{
	struct klat_buf o;
	bool sep = false;
	size_t i;

	klat_buf_init(&o, buf, size);
	for (i = 0; i < KLAT_NARGS; i++) {
		enum klat_arg type = sc ? sc->args[i] : KLAT_A_PTR;

		if (type == KLAT_A_NONE)
			continue;
		if (sep)
			klat_buf_puts(&o, ",");
		klat_put_arg(&o, type, args[i], args);
		sep = true;
	}
	return o.len;
}
