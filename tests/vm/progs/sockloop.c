/*
 * sockloop N [FAMILY [TYPE]]
 *
 * Calls socket(FAMILY, TYPE, 0) N times, closing every descriptor that was
 * returned.  FAMILY is a number or one of unix/inet/inet6 (default inet),
 * TYPE a number or stream/dgram (default stream).  N = 0 loops forever.
 * Prints "sockloop: calls=N ok=A fail=B errno=E" (E is the last errno,
 * 0 if none failed).  Exit status 0 unless the arguments are bad.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int parse_num(const char *s, const char *what, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "sockloop: bad %s '%s'\n", what, s);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n, family = AF_INET, type = SOCK_STREAM, i;
	unsigned long ok = 0, fail = 0;
	int last_errno = 0;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: sockloop N [unix|inet|inet6|NUM [stream|dgram|NUM]]\n");
		return 2;
	}
	if (parse_num(argv[1], "count", &n) || n < 0)
		return 2;
	if (argc > 2) {
		if (!strcmp(argv[2], "unix"))
			family = AF_UNIX;
		else if (!strcmp(argv[2], "inet"))
			family = AF_INET;
		else if (!strcmp(argv[2], "inet6"))
			family = AF_INET6;
		else if (parse_num(argv[2], "family", &family))
			return 2;
	}
	if (argc > 3) {
		if (!strcmp(argv[3], "stream"))
			type = SOCK_STREAM;
		else if (!strcmp(argv[3], "dgram"))
			type = SOCK_DGRAM;
		else if (parse_num(argv[3], "type", &type))
			return 2;
	}

	for (i = 0; n == 0 || i < n; i++) {
		int fd = socket((int)family, (int)type, 0);

		if (fd >= 0) {
			ok++;
			close(fd);
		} else {
			fail++;
			last_errno = errno;
		}
	}
	printf("sockloop: calls=%ld ok=%lu fail=%lu errno=%d\n", n, ok, fail, last_errno);
	return 0;
}
