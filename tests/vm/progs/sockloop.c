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

#define PROG "sockloop"
#include "klat_prog.h"

static const struct named_num families[] = {
	{ "unix", AF_UNIX }, { "inet", AF_INET }, { "inet6", AF_INET6 },
};
static const struct named_num types[] = { { "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM } };

int main(int argc, char **argv)
{
	long n, family = AF_INET, type = SOCK_STREAM, i;
	unsigned long ok = 0, fail = 0;
	int last_errno = 0;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: sockloop N [unix|inet|inet6|NUM [stream|dgram|NUM]]\n");
		return 2;
	}
	n = num(argv[1], "count");
	if (argc > 2)
		family = named_num(argv[2], "family", families, N_ITEMS(families));
	if (argc > 3)
		type = named_num(argv[3], "type", types, N_ITEMS(types));

	for (i = 0; n == 0 || i < n; i++)
		socket_once((int)family, (int)type, 0, &ok, &fail, &last_errno);
	printf("sockloop: calls=%ld ok=%lu fail=%lu errno=%d\n", n, ok, fail, last_errno);
	return 0;
}
