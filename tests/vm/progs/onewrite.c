/*
 * onewrite FILE [MAX]
 *
 * Reads all of standard input (at most MAX bytes, default 4 MiB) and makes
 * exactly one write(2) of all of it to FILE, opened O_WRONLY (no O_CREAT, no
 * O_TRUNC), even when stdin is empty (a write of 0 bytes).  The shell's echo
 * and printf may split a long string into several writes; a klat file parses
 * each write on its own, so tests of what one write does use this.
 * Prints "onewrite: N bytes" when write() returned N (N may be less than the
 * input: then "onewrite: N of M bytes"), or "onewrite: FILE: <strerror>" on
 * failure (glibc's text, as busybox prints it, e.g. "Invalid argument").
 * Exit status 0 when all bytes were written, 1 otherwise, 2 on usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t max = 4 << 20, len = 0;
	char *buf;
	ssize_t r;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: onewrite FILE [MAX] < DATA\n");
		return 2;
	}
	if (argc == 3)
		max = strtoul(argv[2], NULL, 0);
	buf = malloc(max + 1);
	if (!buf) {
		perror("onewrite: malloc");
		return 2;
	}
	while (len < max) {
		r = read(0, buf + len, max - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			perror("onewrite: read stdin");
			return 2;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		printf("onewrite: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	r = write(fd, buf, len);
	if (r < 0) {
		printf("onewrite: %s: %s\n", argv[1], strerror(errno));
		close(fd);
		return 1;
	}
	if ((size_t)r != len) {
		printf("onewrite: %zd of %zu bytes\n", r, len);
		close(fd);
		return 1;
	}
	printf("onewrite: %zd bytes\n", r);
	if (close(fd)) {
		printf("onewrite: %s: close: %s\n", argv[1], strerror(errno));
		return 1;
	}
	return 0;
}
