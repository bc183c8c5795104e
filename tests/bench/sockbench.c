// SPDX-License-Identifier: GPL-2.0
/*
 * sockbench: the klat benchmark's guest-side helper (static, no libc stdio in
 * the timed parts).
 *
 *   sockbench loop N RUNS [WARMUP]
 *	Times N calls of socket(AF_INET, SOCK_STREAM, 0) + close(), WARMUP
 *	(default 1) unreported-style warm-up runs first, then RUNS runs. Prints
 *	one line a run, after all runs are done:
 *	    run=I warmup=0|1 calls=N fails=F ns=TOTAL ns_per_call=X.XXX vcsw=V ivcsw=I
 *	fails counts socket() calls that returned -1 (the loop goes on); vcsw
 *	and ivcsw are the voluntary and involuntary context switches of the
 *	process during the run (getrusage), to spot a run that slept.
 *
 *   sockbench now
 *	Prints CLOCK_MONOTONIC in ns.
 *
 *   sockbench readtime FILE REPS
 *	Reads FILE whole REPS times (open, read to EOF, close) and prints
 *	    bytes=B reps=R min_ns=A median_ns=M max_ns=Z
 *
 *   sockbench write FILE BATCH [PREFIX] < LINES
 *	Writes the lines of stdin to FILE, BATCH lines a write() (a fresh open
 *	for each write, as `echo > FILE` would do). A write that fails is done
 *	again one line at a time, so one bad line costs only itself. PREFIX
 *	(e.g. "-") is put before every line. Prints
 *	    ok=N fail=F writes=W ns=T
 *	and, for each line that failed, "failed=LINE errno=E".
 *	ns is the time spent in open/write/close only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PROG "sockbench"
#include "../vm/progs/klat_prog.h"

struct run {
	unsigned long long ns;
	long fails;
	long vcsw, ivcsw;	/* context switches during the run */
};

static void csw(long *v, long *iv)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*v = ru.ru_nvcsw;
	*iv = ru.ru_nivcsw;
}

static int cmd_loop(int argc, char **argv)
{
	long n, runs, warm, r, i;
	struct run *res;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: sockbench loop N RUNS [WARMUP]\n");
		return 2;
	}
	n = num(argv[2], "count");
	runs = num(argv[3], "runs");
	warm = argc > 4 ? num(argv[4], "warmup") : 1;
	if (n < 1)
		n = 1;
	res = calloc((size_t)(runs + warm), sizeof(*res));
	if (!res)
		return 1;
	for (r = 0; r < runs + warm; r++) {
		unsigned long long t0, t1;
		long fails = 0, v0, iv0, v1, iv1;

		csw(&v0, &iv0);
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			int fd = socket(AF_INET, SOCK_STREAM, 0);

			if (fd < 0)
				fails++;
			else
				close(fd);
		}
		t1 = now_ns();
		csw(&v1, &iv1);
		res[r].ns = t1 - t0;
		res[r].fails = fails;
		res[r].vcsw = v1 - v0;
		res[r].ivcsw = iv1 - iv0;
	}
	for (r = 0; r < runs + warm; r++)
		printf("run=%ld warmup=%d calls=%ld fails=%ld ns=%llu ns_per_call=%.3f vcsw=%ld ivcsw=%ld\n",
		       r < warm ? r - warm : r - warm + 1, r < warm, n, res[r].fails, res[r].ns,
		       (double)res[r].ns / (double)n, res[r].vcsw, res[r].ivcsw);
	free(res);
	return 0;
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static int cmd_readtime(int argc, char **argv)
{
	static char buf[1 << 16];
	unsigned long long *t;
	long reps, r;
	size_t bytes = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: sockbench readtime FILE REPS\n");
		return 2;
	}
	reps = num(argv[3], "reps");
	if (reps < 1)
		reps = 1;
	t = calloc((size_t)reps, sizeof(*t));
	if (!t)
		return 1;
	for (r = 0; r < reps; r++) {
		unsigned long long t0 = now_ns();
		int fd = open(argv[2], O_RDONLY);
		ssize_t k;

		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		bytes = 0;
		while ((k = read(fd, buf, sizeof(buf))) > 0)
			bytes += (size_t)k;
		close(fd);
		t[r] = now_ns() - t0;
		if (k < 0) {
			perror(argv[2]);
			return 1;
		}
	}
	qsort(t, (size_t)reps, sizeof(*t), cmp_ull);
	printf("bytes=%zu reps=%ld min_ns=%llu median_ns=%llu max_ns=%llu\n", bytes, reps, t[0],
	       t[reps / 2], t[reps - 1]);
	free(t);
	return 0;
}

/* One open/write/close of @len bytes; 0 or errno. Adds the time spent to *@ns. */
static int write_once(const char *file, const char *buf, size_t len, unsigned long long *ns)
{
	unsigned long long t0 = now_ns();
	int fd = open(file, O_WRONLY);
	int err = 0;
	ssize_t k;

	if (fd < 0) {
		err = errno;
	} else {
		k = write(fd, buf, len);
		if (k < 0)
			err = errno;
		else if ((size_t)k != len)
			err = EIO;
		close(fd);
	}
	*ns += now_ns() - t0;
	return err;
}

static int cmd_write(int argc, char **argv)
{
	const char *file, *prefix;
	char **lines = NULL, *line = NULL, *buf;
	size_t cap = 0, nlines = 0, lcap = 0, i, j, bufcap = 0, plen;
	long batch, ok = 0, fail = 0, writes = 0;
	unsigned long long ns = 0;
	ssize_t k;

	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: sockbench write FILE BATCH [PREFIX] < LINES\n");
		return 2;
	}
	file = argv[2];
	batch = num(argv[3], "batch");
	if (batch < 1)
		batch = 1;
	prefix = argc > 4 ? argv[4] : "";
	plen = strlen(prefix);
	while ((k = getline(&line, &lcap, stdin)) >= 0) {
		while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
			line[--k] = 0;
		if (!k)
			continue;
		if (nlines == cap) {
			cap = cap ? 2 * cap : 256;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines)
				return 1;
		}
		lines[nlines] = malloc(plen + (size_t)k + 2);
		if (!lines[nlines])
			return 1;
		sprintf(lines[nlines], "%s%s\n", prefix, line);
		bufcap += plen + (size_t)k + 1;
		nlines++;
	}
	buf = malloc(bufcap + 1);
	if (!buf)
		return 1;
	/* all lines prepared before the clock runs */
	for (i = 0; i < nlines; i += (size_t)batch) {
		size_t end = i + (size_t)batch < nlines ? i + (size_t)batch : nlines, len = 0;

		for (j = i; j < end; j++) {
			size_t l = strlen(lines[j]);

			memcpy(buf + len, lines[j], l);
			len += l;
		}
		writes++;
		if (!write_once(file, buf, len, &ns)) {
			ok += (long)(end - i);
			continue;
		}
		/* redo this batch line by line: lines before the bad one are in already */
		for (j = i; j < end; j++) {
			int err;

			writes++;
			err = write_once(file, lines[j], strlen(lines[j]), &ns);
			if (err) {
				fail++;
				printf("failed=%.*s errno=%d\n", (int)strlen(lines[j]) - 1, lines[j], err);
			} else {
				ok++;
			}
		}
	}
	printf("ok=%ld fail=%ld writes=%ld ns=%llu\n", ok, fail, writes, ns);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "loop"))
		return cmd_loop(argc, argv);
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%llu\n", now_ns());
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "readtime"))
		return cmd_readtime(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "write"))
		return cmd_write(argc, argv);
	fprintf(stderr, "usage: sockbench loop N RUNS [WARMUP] | now | readtime FILE REPS |"
			" write FILE BATCH [PREFIX] < LINES\n");
	return 2;
}
