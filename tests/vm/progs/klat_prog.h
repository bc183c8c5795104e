/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the static test programs share (the programs in tests/vm/progs
 * and tests/bench/sockbench.c): strict parsing of number arguments, the exit on a
 * failed step, a monotonic clock and one counted socket() call. Each program
 * defines PROG, its name in messages, before including this; everything is
 * static inline, so each program still builds from its one .c file
 * (gcc -static -O2 -Wall -Wextra).
 */
#ifndef KLAT_PROG_H
#define KLAT_PROG_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PROG
#error "define PROG (the program's name in messages) before including klat_prog.h"
#endif

/*
 * The number @s, in any base strtol(3) takes (0x40, 0100, 64), all of it and
 * in range; otherwise "PROG: bad WHAT 'S'" and exit status 2.
 */
static inline long num_signed(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, PROG ": bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

/* num_signed(), and not negative */
static inline long num(const char *s, const char *what)
{
	long v = num_signed(s, what);

	if (v < 0) {
		fprintf(stderr, PROG ": bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

#define N_ITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct named_num {
	const char *name;
	long val;
};

/* @s as one of the @n names of @t (its value), else as num_signed() */
static inline long named_num(const char *s, const char *what, const struct named_num *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, t[i].name))
			return t[i].val;
	return num_signed(s, what);
}

/* "PROG: WHAT: strerror(errno)" and exit status 1 */
static inline void die(const char *what)
{
	fprintf(stderr, PROG ": %s: %s\n", what, strerror(errno));
	exit(1);
}

/* CLOCK_MONOTONIC in ns */
static inline unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

/*
 * One socket(@family, @type, @proto) call, its descriptor closed: counted in
 * *@ok, or in *@fail with its errno in *@last_errno
 */
static inline void socket_once(int family, int type, int proto, unsigned long *ok,
			       unsigned long *fail, int *last_errno)
{
	int fd = socket(family, type, proto);

	if (fd >= 0) {
		(*ok)++;
		close(fd);
	} else {
		(*fail)++;
		*last_errno = errno;
	}
}

#endif /* KLAT_PROG_H */
