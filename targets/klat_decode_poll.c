// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders of polling and event fd arguments: POLL* and EPOLL* event masks
 * (no call takes one directly: they are here for the structures a later
 * decoder may show), epoll_ctl operations, and the flags of epoll_create1,
 * eventfd2, timerfd_create, timerfd_settime and signalfd4. Linux x86_64 ABI
 * values (include/uapi/asm-generic/poll.h, include/uapi/linux/eventpoll.h,
 * include/uapi/linux/eventfd.h ...: their *_CLOEXEC is O_CLOEXEC and *_NONBLOCK
 * O_NONBLOCK). Runs in process context when the log is read (see klat_decode.h).
 */
#include "klat_decode.h"

static const struct klat_name klat_pollevents[] = {
	{ 0x1, "POLLIN" },
	{ 0x2, "POLLPRI" },
	{ 0x4, "POLLOUT" },
	{ 0x8, "POLLERR" },
	{ 0x10, "POLLHUP" },
	{ 0x20, "POLLNVAL" },
	{ 0x40, "POLLRDNORM" },
	{ 0x80, "POLLRDBAND" },
	{ 0x100, "POLLWRNORM" },
	{ 0x200, "POLLWRBAND" },
	{ 0x400, "POLLMSG" },
	{ 0x1000, "POLLREMOVE" },
	{ 0x2000, "POLLRDHUP" },
};

static const struct klat_name klat_epollevents[] = {
	{ 0x1, "EPOLLIN" },
	{ 0x2, "EPOLLPRI" },
	{ 0x4, "EPOLLOUT" },
	{ 0x8, "EPOLLERR" },
	{ 0x10, "EPOLLHUP" },
	{ 0x20, "EPOLLNVAL" },
	{ 0x40, "EPOLLRDNORM" },
	{ 0x80, "EPOLLRDBAND" },
	{ 0x100, "EPOLLWRNORM" },
	{ 0x200, "EPOLLWRBAND" },
	{ 0x400, "EPOLLMSG" },
	{ 0x2000, "EPOLLRDHUP" },
	{ 1U << 28, "EPOLLEXCLUSIVE" },
	{ 1U << 29, "EPOLLWAKEUP" },
	{ 1U << 30, "EPOLLONESHOT" },
	{ 1U << 31, "EPOLLET" },
};

static const struct klat_name klat_epollctls[] = {
	{ 1, "EPOLL_CTL_ADD" },
	{ 2, "EPOLL_CTL_DEL" },
	{ 3, "EPOLL_CTL_MOD" },
};

#define KLAT_O_NONBLOCK	04000
#define KLAT_O_CLOEXEC	02000000

static const struct klat_name klat_epollflags[] = {
	{ KLAT_O_CLOEXEC, "EPOLL_CLOEXEC" },
};

static const struct klat_name klat_efdflags[] = {
	{ 1, "EFD_SEMAPHORE" },
	{ KLAT_O_NONBLOCK, "EFD_NONBLOCK" },
	{ KLAT_O_CLOEXEC, "EFD_CLOEXEC" },
};

static const struct klat_name klat_tfdflags[] = {
	{ KLAT_O_NONBLOCK, "TFD_NONBLOCK" },
	{ KLAT_O_CLOEXEC, "TFD_CLOEXEC" },
};

static const struct klat_name klat_tfdsetflags[] = {
	{ 1, "TFD_TIMER_ABSTIME" },
	{ 2, "TFD_TIMER_CANCEL_ON_SET" },
};

static const struct klat_name klat_sfdflags[] = {
	{ KLAT_O_NONBLOCK, "SFD_NONBLOCK" },
	{ KLAT_O_CLOEXEC, "SFD_CLOEXEC" },
};

const struct klat_decoder klat_poll_decoders[] = {
	KLAT_DEC_FLAGS(KLAT_A_POLLEVENTS, klat_pollevents, "POLL*"),
	KLAT_DEC_FLAGS(KLAT_A_EPOLLEVENTS, klat_epollevents, "EPOLL*"),
	KLAT_DEC_ENUM(KLAT_A_EPOLLCTL, klat_epollctls, "EPOLL_CTL_*"),
	KLAT_DEC_FLAGS(KLAT_A_EPOLLFLAGS, klat_epollflags, "EPOLL_CLOEXEC"),
	KLAT_DEC_FLAGS(KLAT_A_EFDFLAGS, klat_efdflags, "EFD_*"),
	KLAT_DEC_FLAGS(KLAT_A_TFDFLAGS, klat_tfdflags, "TFD_*"),
	KLAT_DEC_FLAGS(KLAT_A_TFDSETFLAGS, klat_tfdsetflags, "TFD_TIMER_*"),
	KLAT_DEC_FLAGS(KLAT_A_SFDFLAGS, klat_sfdflags, "SFD_*"),
};

const size_t klat_poll_ndecoders = ARRAY_SIZE(klat_poll_decoders);
