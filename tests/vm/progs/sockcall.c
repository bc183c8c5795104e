/*
 * sockcall [-t] N FAMILY TYPE PROTOCOL
 *
 * Calls socket(FAMILY, TYPE, PROTOCOL) N times, closing every descriptor
 * returned.  The three are numbers in any base strtol(3) takes, e.g.
 * `sockcall 5 2 0x80001 6` is socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC,
 * IPPROTO_TCP).  With -t a second thread then makes N more calls, so the
 * process makes 2N calls, N of them from a task whose pid (the thread id)
 * is not the process's tgid.
 * Prints "sockcall: tgid=P tid=T calls=C ok=A fail=B errno=E": T is the
 * second thread's id (P without -t), C all calls made, E the last errno (0
 * if none failed).  Exit status 0 unless the arguments are bad.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROG "sockcall"
#include "klat_prog.h"

static long n, family, type, proto;
static unsigned long ok, fail, calls;
static int last_errno;
static long tid;

static void *loop(void *arg)
{
	long i;

	if (arg)
		tid = syscall(SYS_gettid);
	for (i = 0; i < n; i++) {
		calls++;
		socket_once((int)family, (int)type, (int)proto, &ok, &fail, &last_errno);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int thread = 0;

	if (argc > 1 && !strcmp(argv[1], "-t")) {
		thread = 1;
		argv++;
		argc--;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: sockcall [-t] N FAMILY TYPE PROTOCOL\n");
		return 2;
	}
	n = num(argv[1], "count");
	family = num_signed(argv[2], "family");
	type = num_signed(argv[3], "type");
	proto = num_signed(argv[4], "protocol");
	tid = getpid();
	loop(NULL);
	if (thread) {
		pthread_t t;
		int err = pthread_create(&t, NULL, loop, (void *)1);

		if (err) {
			fprintf(stderr, "sockcall: pthread_create: %s\n", strerror(err));
			return 1;
		}
		pthread_join(t, NULL);
	}
	printf("sockcall: tgid=%d tid=%ld calls=%lu ok=%lu fail=%lu errno=%d\n",
	       (int)getpid(), tid, calls, ok, fail, last_errno);
	return 0;
}
