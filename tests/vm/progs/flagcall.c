/*
 * flagcall msg FLAGS...
 * flagcall open PATH FLAGS...
 *
 * System calls with known flag arguments, each made with syscall(2) so the
 * kernel sees exactly these values.  FLAGS are unsigned 32-bit numbers in
 * any base strtoul(3) takes (0x40, 0100, 64).
 *
 * msg: makes a socketpair(AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0)
 *      (non-blocking: no flag value can make a call wait), then for each
 *      FLAGS value, in this order:
 *        sendmsg(fd0, {1 byte}, FLAGS)
 *        recvmsg(fd1, {64 bytes}, FLAGS)
 *        sendto(fd0, buf, 7, FLAGS, NULL, 0)
 *        recvfrom(fd1, buf, 64, FLAGS, NULL, NULL)
 *      Prints "flagcall: pid=P fd0=A fd1=B calls=N" (N = 4 per value).
 * open: for each FLAGS value, openat(AT_FDCWD, PATH, FLAGS, 0600), closing
 *      the descriptor when one is returned.  PATH may be "" (ENOENT).
 *      Prints "flagcall: pid=P calls=N ok=A fail=B".
 *
 * Whether a call succeeds does not matter (the flags are what is looked
 * at); exit status 0 unless the arguments are bad or socketpair() fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define PROG "flagcall"
#include "klat_prog.h"

/* FLAGS: a num() of 32 bits, without sign or leading space */
static unsigned int flags(const char *s)
{
	long v = -1;

	if (*s >= '0' && *s <= '9')
		v = num(s, "flags");
	if (v < 0 || v > 0xffffffffL) {
		fprintf(stderr, PROG ": bad flags '%s'\n", s);
		exit(2);
	}
	return (unsigned int)v;
}

int main(int argc, char **argv)
{
	int i, sv[2];
	long calls = 0, ok = 0, fail = 0;

	if (argc >= 2 && !strcmp(argv[1], "msg")) {
		char buf[64] = "x";

		for (i = 2; i < argc; i++)	/* all bad arguments before any call */
			flags(argv[i]);
		if (syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv)) {
			fprintf(stderr, "flagcall: socketpair: %s\n", strerror(errno));
			return 1;
		}
		for (i = 2; i < argc; i++) {
			unsigned int f = flags(argv[i]);
			struct iovec iov = { buf, 1 };
			struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

			syscall(SYS_sendmsg, sv[0], &m, f);
			iov.iov_len = sizeof(buf);
			syscall(SYS_recvmsg, sv[1], &m, f);
			syscall(SYS_sendto, sv[0], buf, 7, f, NULL, 0);
			syscall(SYS_recvfrom, sv[1], buf, sizeof(buf), f, NULL, NULL);
			calls += 4;
		}
		printf("flagcall: pid=%d fd0=%d fd1=%d calls=%ld\n", (int)getpid(), sv[0], sv[1], calls);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "open")) {
		for (i = 3; i < argc; i++)
			flags(argv[i]);
		for (i = 3; i < argc; i++) {
			long fd = syscall(SYS_openat, AT_FDCWD, argv[2], flags(argv[i]), 0600);

			calls++;
			if (fd >= 0) {
				ok++;
				syscall(SYS_close, fd);
			} else {
				fail++;
			}
		}
		printf("flagcall: pid=%d calls=%ld ok=%ld fail=%ld\n", (int)getpid(), calls, ok, fail);
		return 0;
	}
	fprintf(stderr, "usage: flagcall msg FLAGS... | flagcall open PATH FLAGS...\n");
	return 2;
}
