/*
 * logcheck SECS FILE COMM=ARGS...
 *
 * For SECS seconds, opens and reads FILE (the klat log) again and again and
 * checks that every event is whole: an event whose comm is one of the COMMs
 * given must have exactly those ARGS (args= field), and every event of one
 * pid must have one comm.  A torn event (fields of two calls mixed, e.g. when
 * two CPUs write the same ring slot) breaks one of these.
 * Also, the newest event of each read (the highest seq=) must be at least as
 * new as that of every read before: a writer that took its sequence number
 * early and claimed the slot late must not put an older event over a newer
 * one (with a one-event log, the newest event would go backwards).
 * Prints "logcheck: reads=R events=E checked=C torn=T older=O" and, for the
 * first torn events, "logcheck: torn: LINE" (and "logcheck: older: ...").
 * Exit status 0 if T and O are 0 and some event was checked, 1 otherwise, 2
 * on errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXPID 4194304

static char **pidcomm;

/* the value of KEY= in LINE (space separated fields), copied to OUT */
static int field(const char *line, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *p = line;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			const char *v = p + klen + 1, *e = strchr(v, ' ');
			size_t n = e ? (size_t)(e - v) : strlen(v);

			if (n >= size)
				n = size - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return 1;
		}
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return 0;
}

static unsigned long events, checked, torn, older;
static unsigned long long newest;

/* FILE read whole into BUF (NUL-terminated); exits 2 on an error */
static void read_log(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "logcheck: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((r = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)r;
	close(fd);
	if (r < 0) {
		fprintf(stderr, "logcheck: read: %s\n", strerror(errno));
		exit(2);
	}
	buf[len] = '\0';
}

/* the newest event of this read (highest seq=) is not older than any before */
static void check_newest(const char *buf)
{
	unsigned long long top = 0;
	const char *q = buf;

	while ((q = strstr(q, "\nseq=")) || (q == buf && !strncmp(buf, "seq=", 4))) {
		unsigned long long v = strtoull(q + (*q == '\n' ? 5 : 4), NULL, 10);

		if (v > top)
			top = v;
		q++;
	}
	if (top && top < newest) {
		if (older < 5)
			printf("logcheck: older: newest seq %llu after %llu\n", top, newest);
		older++;
	}
	if (top > newest)
		newest = top;
}

/* whether event LINE is torn: args other than its COMM=ARGS, or a pid's second comm */
static int torn_event(const char *line, int nwant, char **want)
{
	char comm[64], args[160], pids[32];
	int bad = 0, i;
	long pid;

	if (!field(line, "comm", comm, sizeof(comm)) || !field(line, "args", args, sizeof(args)) ||
	    !field(line, "pid", pids, sizeof(pids)))
		return 1;
	for (i = 0; i < nwant; i++) {
		const char *eq = strchr(want[i], '=');

		if (eq && strlen(comm) == (size_t)(eq - want[i]) &&
		    !strncmp(want[i], comm, strlen(comm))) {
			checked++;
			if (strcmp(eq + 1, args))
				bad = 1;
		}
	}
	pid = atol(pids);
	if (pid > 0 && pid < MAXPID) {
		if (!pidcomm[pid])
			pidcomm[pid] = strdup(comm);
		else if (strcmp(pidcomm[pid], comm))
			bad = 1;
	}
	return bad;
}

int main(int argc, char **argv)
{
	static char buf[8 << 20];
	unsigned long reads = 0;
	struct timespec t0, t;
	double secs;

	if (argc < 4) {
		fprintf(stderr, "usage: logcheck SECS FILE COMM=ARGS...\n");
		return 2;
	}
	secs = atof(argv[1]);
	pidcomm = calloc(MAXPID, sizeof(*pidcomm));
	if (!pidcomm)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		char *line, *save;

		read_log(argv[2], buf, sizeof(buf));
		reads++;
		check_newest(buf);
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == '#')
				continue;
			events++;
			if (torn_event(line, argc - 3, argv + 3)) {
				if (torn < 5)
					printf("logcheck: torn: %s\n", line);
				torn++;
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < secs);
	printf("logcheck: reads=%lu events=%lu checked=%lu torn=%lu older=%lu\n", reads, events,
	       checked, torn, older);
	return torn || older || !checked;
}
