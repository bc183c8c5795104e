/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl serve: the Prometheus exposition of "stats --prometheus" over HTTP (/metrics), through
 * libmicrohttpd.  The address parser and the scrape itself need no libmicrohttpd, so the tests
 * call them in any build; without it (KLATCTL_HAVE_MHD unset) the command only says so.
 */
#ifndef KLATCTL_SERVE_H
#define KLATCTL_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "klatctl_util.h"

/* loopback only by default: the metrics name kernel functions */
#define KLATCTL_SERVE_DEFAULT_LISTEN	"127.0.0.1:9717"
#define KLATCTL_SERVE_MAX_CONN		16	/* connections at once; more are refused */
#define KLATCTL_SERVE_TIMEOUT_S		10	/* an idle connection is closed after this */
#define KLATCTL_SERVE_CONTENT_TYPE	"text/plain; version=0.0.4; charset=utf-8"

struct klatctl_serve_addr {
	struct sockaddr_storage ss;	/* the address and port to bind */
	socklen_t len;
	bool any;			/* ":PORT": every address, IPv6 and IPv4 */
};

/*
 * "ADDR:PORT" into @a: ADDR a numeric IPv4 address, a numeric IPv6 address in brackets
 * ("[::1]"), or nothing (":PORT", every address); PORT 0..65535 (0: any free port).  0, or
 * -EINVAL with a reason in @why (static text).
 */
int klatctl_serve_parse_listen(const char *s, struct klatctl_serve_addr *a, const char **why);

/*
 * One scrape of /metrics: what "stats --prometheus" prints, then the gauge klat_scrape_error
 * (0, or 1 alone when klat's files could not be read).  The body in *@body (malloc'd, *@len
 * bytes); the failure's message, without "klatctl: " and the newline, in *@errmsg (malloc'd,
 * NULL on success).  0 scraped, 1 scrape error, -ENOMEM.
 */
int klatctl_serve_metrics(const struct klatctl_ctx *ctx, char **body, size_t *len,
			  char **errmsg);

struct klatctl_serve_opts {
	const char *listen;		/* ADDR:PORT; NULL: KLATCTL_SERVE_DEFAULT_LISTEN */
};

/* serve until SIGINT or SIGTERM: 0 then, 1 when it cannot listen, 2 without libmicrohttpd */
int klatctl_cmd_serve(const struct klatctl_ctx *ctx, const struct klatctl_serve_opts *o);

#endif /* KLATCTL_SERVE_H */
