/*
 * connloop N [REFUSED]
 *
 * Listens on 127.0.0.1 (an ephemeral port), then N times: socket(), connect()
 * to the listener, accept(), close both.  Then REFUSED (default 0) times:
 * socket() and connect() to a loopback port nobody listens on, which fails
 * with ECONNREFUSED.  The listener is moved to fd 10 so that the connecting
 * socket is always fd 3: every connect() is connect(3, ADDR, 16).
 * Prints "connloop: connects=N ok=A fail=B refused=R fd=F port=P" (F the
 * connecting fd, P the listener's port).  Exit status 1 if a step other
 * than the expected failures failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PROG "connloop"
#include "klat_prog.h"

#define LISTEN_FD 10

/* a loopback port with no listener: bind to port 0, note it, close */
static unsigned short free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0)
		die("socket");
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || getsockname(s, (struct sockaddr *)&a, &len))
		die("bind");
	close(s);
	return a.sin_port;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	long n, refused = 0, i, ok = 0, fail = 0, nref = 0;
	int l, fd = -1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: connloop N [REFUSED]\n");
		return 2;
	}
	n = num(argv[1], "count");
	if (argc > 2)
		refused = num(argv[2], "refused count");

	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0)
		die("socket");
	if (l != LISTEN_FD) {
		if (dup2(l, LISTEN_FD) < 0)
			die("dup2");
		close(l);
		l = LISTEN_FD;
	}
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)))
		die("bind");
	if (listen(l, 16))
		die("listen");
	if (getsockname(l, (struct sockaddr *)&a, &len))
		die("getsockname");

	for (i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), s;

		if (c < 0)
			die("socket");
		fd = c;
		if (connect(c, (struct sockaddr *)&a, sizeof(a))) {
			fail++;
			close(c);
			continue;
		}
		ok++;
		s = accept(l, NULL, NULL);
		if (s < 0)
			die("accept");
		close(s);
		close(c);
	}

	if (refused) {
		struct sockaddr_in r = a;

		r.sin_port = free_port();
		for (i = 0; i < refused; i++) {
			int c = socket(AF_INET, SOCK_STREAM, 0);

			if (c < 0)
				die("socket");
			fd = c;
			if (connect(c, (struct sockaddr *)&r, sizeof(r)) == 0) {
				fprintf(stderr, "connloop: connect to port %u succeeded\n", ntohs(r.sin_port));
				return 1;
			}
			if (errno == ECONNREFUSED)
				nref++;
			else
				fprintf(stderr, "connloop: refused connect: %s\n", strerror(errno));
			close(c);
		}
	}
	close(l);
	printf("connloop: connects=%ld ok=%ld fail=%ld refused=%ld fd=%d port=%u\n",
	       n, ok, fail, nref, fd, ntohs(a.sin_port));
	return fail || nref != refused;
}
