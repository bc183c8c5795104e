/*
 * reread [-p] FILE [BS]
 *
 * Checks that FILE reads the same however it is read, on one open file:
 *   pass 1: read(2) BS bytes at a time (default 1) to the end;
 *   pass 2: lseek(fd, 0, SEEK_SET), then read(2) 64 KiB at a time;
 *   pass 3: lseek to the middle of the content (SEEK_SET), read to the end:
 *           must be the second half of pass 1;
 *   pass 4: lseek(fd, 0, SEEK_SET) again, read 4095 bytes at a time (reads
 *           that straddle the 4 KiB pages seq_file fills).
 * Prints "reread: N bytes, same" or what differs, e.g.
 * "reread: pass 2 differs at byte K (N vs M bytes)".  With -p, writes the
 * content of pass 1 to stdout instead of the summary (and the summary to
 * stderr).  Exit status 0 if all passes agree, 1 if not, 2 on errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct buf {
	char *p;
	size_t len, cap;
};

static const char *name;

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("reread: realloc");
			exit(2);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* read @fd to EOF in chunks of @bs into @b */
static void slurp(int fd, size_t bs, struct buf *b)
{
	static char chunk[65536];
	ssize_t r;

	if (bs > sizeof(chunk))
		bs = sizeof(chunk);
	for (;;) {
		r = read(fd, chunk, bs);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "reread: %s: read: %s\n", name, strerror(errno));
			exit(2);
		}
		if (r == 0)
			return;
		put(b, chunk, (size_t)r);
	}
}

static void seek(int fd, off_t off)
{
	off_t r = lseek(fd, off, SEEK_SET);

	if (r != off) {
		fprintf(stderr, "reread: %s: lseek(%lld): %s\n", name, (long long)off,
			r < 0 ? strerror(errno) : "wrong offset");
		exit(2);
	}
}

static int same(const char *what, const struct buf *want, size_t woff, const struct buf *got,
		FILE *out)
{
	size_t n = want->len - woff, i;

	for (i = 0; i < n && i < got->len && want->p[woff + i] == got->p[i]; i++)
		;
	if (i == n && got->len == n)
		return 1;
	fprintf(out, "reread: %s differs at byte %zu (%zu vs %zu bytes)\n", what, woff + i, n,
		got->len);
	return 0;
}

int main(int argc, char **argv)
{
	struct buf p1 = { 0 }, p2 = { 0 }, p3 = { 0 }, p4 = { 0 };
	int print = 0, fd, ok = 1;
	size_t bs = 1, mid;
	FILE *out = stdout;

	if (argc > 1 && !strcmp(argv[1], "-p")) {
		print = 1;
		out = stderr;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: reread [-p] FILE [BS]\n");
		return 2;
	}
	name = argv[1];
	if (argc == 3)
		bs = strtoul(argv[2], NULL, 0);
	if (!bs)
		bs = 1;
	fd = open(name, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "reread: %s: %s\n", name, strerror(errno));
		return 2;
	}
	slurp(fd, bs, &p1);
	seek(fd, 0);
	slurp(fd, 65536, &p2);
	ok &= same("pass 2 (after lseek 0)", &p1, 0, &p2, out);
	mid = p1.len / 2;
	seek(fd, (off_t)mid);
	slurp(fd, 65536, &p3);
	ok &= same("pass 3 (after lseek to the middle)", &p1, mid, &p3, out);
	seek(fd, 0);
	slurp(fd, 4095, &p4);
	ok &= same("pass 4 (after lseek 0, 4095-byte reads)", &p1, 0, &p4, out);
	close(fd);
	if (print)
		fwrite(p1.p, 1, p1.len, stdout);
	if (ok)
		fprintf(out, "reread: %zu bytes, same\n", p1.len);
	return ok ? 0 : 1;
}
