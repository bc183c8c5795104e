// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders of socket arguments: address families, socket types and flags, IP
 * protocols, socket option levels, shutdown how, MSG_* flags. Linux x86_64 ABI
 * values (include/linux/socket.h, include/uapi/linux/in.h, include/linux/net.h).
 * Runs in process context when the log is read (see klat_decode.h).
 */
#include "klat_decode.h"

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

/* the type in the low 4 bits, then SOCK_NONBLOCK|SOCK_CLOEXEC */
static void klat_put_socktype(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			      const u64 *args)
{
	u32 type = (u32)v & KLAT_SOCK_TYPE_MASK;
	const char *name = klat_lookup(d->tab, d->n, type);
	char tmp[4];

	(void)args;

	if (!name) {	/* 0, 7 .. 15 */
		tmp[0] = (char)('0' + type / 10);
		tmp[1] = (char)('0' + type % 10);
		tmp[2] = '\0';
		name = type < 10 ? tmp + 1 : tmp;
	}
	klat_put_flags(o, name, klat_sockflags, ARRAY_SIZE(klat_sockflags),
		       (u32)v & ~KLAT_SOCK_TYPE_MASK);
}

/* protocol names only for the IP families (argument 0: socket, socketpair) */
static void klat_put_proto(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			   const u64 *args)
{
	u32 family = (u32)args[0];

	if (family == KLAT_AF_INET || family == KLAT_AF_INET6)
		klat_put_enum(o, d->tab, d->n, (u32)v);
	else
		klat_put_int(o, v);
}

const struct klat_decoder klat_net_decoders[] = {
	KLAT_DEC_ENUM(KLAT_A_FAMILY, klat_families, "AF_*"),
	KLAT_DEC_FN(KLAT_A_SOCKTYPE, klat_socktypes, klat_put_socktype, "SOCK_*"),
	KLAT_DEC_FN(KLAT_A_PROTO, klat_ipprotos, klat_put_proto, "IPPROTO_*"),
	KLAT_DEC_FLAGS(KLAT_A_SOCKFLAGS, klat_sockflags, "SOCK_NONBLOCK|SOCK_CLOEXEC"),
	KLAT_DEC_ENUM(KLAT_A_LEVEL, klat_levels, "SOL_*"),
	KLAT_DEC_ENUM(KLAT_A_SHUT, klat_shuts, "SHUT_*"),
	KLAT_DEC_FLAGS(KLAT_A_MSGFLAGS, klat_msgflags, "MSG_*"),
};

const size_t klat_net_ndecoders = ARRAY_SIZE(klat_net_decoders);
