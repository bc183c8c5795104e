// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl serve: GET /metrics answers with the exposition "stats --prometheus" prints (the
 * same klatctl_cmd_stats(), written into a memory stream) and the gauge klat_scrape_error.
 * libmicrohttpd does the HTTP: one internal polling thread, a bounded number of connections
 * and an idle timeout.  The main thread waits for SIGINT or SIGTERM and stops the daemon.
 *
 * Like node_exporter, a scrape whose data cannot be read (klat not loaded, debugfs not
 * mounted, a file that does not parse) still answers 200, with klat_scrape_error 1 and no
 * other family, so the scrape itself stays up and the error can be alerted on.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klatctl_cmd.h"
#include "klatctl_serve.h"

#ifdef KLATCTL_HAVE_MHD
#include <pthread.h>
#include <microhttpd.h>
#endif

/* "[ADDR]" into @a; @end is past the ']': 0 or -EINVAL */
static int parse_ipv6(const char *s, const char **end, struct klatctl_serve_addr *a,
		      const char **why)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&a->ss;
	const char *close = strchr(s, ']');
	char host[INET6_ADDRSTRLEN];
	size_t n;

	n = close ? (size_t)(close - s - 1) : 0;
	if (!close || !n || n >= sizeof(host)) {
		*why = "an IPv6 address goes in brackets, as [::1]:PORT";
		return -EINVAL;
	}
	memcpy(host, s + 1, n);
	host[n] = '\0';
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) != 1) {
		*why = "not a numeric IPv6 address";
		return -EINVAL;
	}
	sin6->sin6_family = AF_INET6;
	a->len = sizeof(*sin6);
	*end = close + 1;
	return 0;
}

/* "A.B.C.D" up to @colon into @a: 0 or -EINVAL */
static int parse_ipv4(const char *s, const char *colon, struct klatctl_serve_addr *a,
		      const char **why)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;
	char host[INET_ADDRSTRLEN];
	size_t n = (size_t)(colon - s);

	if (n >= sizeof(host) || memchr(s, ':', n)) {
		*why = n >= sizeof(host) ? "not a numeric IPv4 address (host names are not "
		       "accepted)" : "an IPv6 address goes in brackets, as [::1]:PORT";
		return -EINVAL;
	}
	memcpy(host, s, n);
	host[n] = '\0';
	if (inet_pton(AF_INET, host, &sin->sin_addr) != 1) {
		*why = "not a numeric IPv4 address (host names are not accepted)";
		return -EINVAL;
	}
	sin->sin_family = AF_INET;
	a->len = sizeof(*sin);
	return 0;
}

int klatctl_serve_parse_listen(const char *s, struct klatctl_serve_addr *a, const char **why)
{
	const char *colon = s ? strrchr(s, ':') : NULL;
	uint64_t port;

	memset(a, 0, sizeof(*a));
	*why = "expected ADDR:PORT";
	if (!colon)
		return -EINVAL;
	if (*s == '[') {
		if (parse_ipv6(s, &colon, a, why))
			return -EINVAL;
		if (*colon != ':') {
			*why = "expected :PORT after the bracketed address";
			return -EINVAL;
		}
	} else if (colon == s) {
		a->any = true;
		a->ss.ss_family = AF_INET6;	/* in6addr_any, dual stack where possible */
		a->len = sizeof(struct sockaddr_in6);
	} else if (parse_ipv4(s, colon, a, why)) {
		return -EINVAL;
	}
	if (klatctl_parse_uint(colon + 1, 0, 65535, &port)) {
		*why = "PORT must be a whole number from 0 to 65535";
		return -EINVAL;
	}
	if (a->ss.ss_family == AF_INET)
		((struct sockaddr_in *)&a->ss)->sin_port = htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)&a->ss)->sin6_port = htons((uint16_t)port);
	return 0;
}

/* @buf (klatctl's messages) as one line without "klatctl: " and the newline; malloc'd */
static char *one_line(const char *buf)
{
	const char *p = buf && *buf ? buf : "klatctl: unknown error";
	size_t n;

	if (!strncmp(p, "klatctl: ", 9))
		p += 9;
	n = strcspn(p, "\n");
	return strndup(p, n);
}

int klatctl_serve_metrics(const struct klatctl_ctx *ctx, char **body, size_t *len,
			  char **errmsg)
{
	struct klatctl_stats_opts o = { .prometheus = true };
	char *prom = NULL, *errs = NULL;
	size_t promlen = 0, errlen = 0;
	struct klatctl_ctx c = *ctx;
	FILE *f;
	int ret;

	*body = NULL;
	*errmsg = NULL;
	c.out = open_memstream(&prom, &promlen);
	c.err = open_memstream(&errs, &errlen);
	c.verbose = 0;
	ret = c.out && c.err ? klatctl_cmd_stats(&c, &o) : -ENOMEM;
	if (c.out)
		fclose(c.out);
	if (c.err)
		fclose(c.err);
	f = ret == -ENOMEM ? NULL : open_memstream(body, len);
	if (f) {
		if (!ret)
			fwrite(prom, 1, promlen, f);
		fputs("# HELP klat_scrape_error 1 if klatctl could not read klat's files at this "
		      "scrape (klat not loaded, debugfs not mounted, bad data), else 0.\n"
		      "# TYPE klat_scrape_error gauge\n", f);
		fprintf(f, "klat_scrape_error %d\n", ret ? 1 : 0);
		if (fclose(f))
			ret = -ENOMEM;
	} else {
		ret = -ENOMEM;
	}
	if (ret > 0)
		*errmsg = one_line(errs);
	free(prom);
	free(errs);
	if (ret < 0) {
		free(*body);
		*body = NULL;
		return -ENOMEM;
	}
	return ret ? 1 : 0;
}

#ifndef KLATCTL_HAVE_MHD

int klatctl_cmd_serve(const struct klatctl_ctx *ctx, const struct klatctl_serve_opts *o)
{
	(void)o;
	klatctl_err(ctx, "serve: this klatctl was built without libmicrohttpd (install "
		    "libmicrohttpd-dev and rebuild), so it cannot serve /metrics; see the "
		    "textfile collector in klatctl(8)");
	return KLATCTL_EXIT_USAGE;
}

#else /* KLATCTL_HAVE_MHD */

#if MHD_VERSION < 0x00097002
typedef int serve_result;
#else
typedef enum MHD_Result serve_result;
#endif

struct serve {
	const struct klatctl_ctx *ctx;
	char *last_err;		/* the last scrape's failure, to log each change once */
};

static const char index_html[] =
	"<!DOCTYPE html>\n<html><head><title>klat exporter</title></head>\n"
	"<body><h1>klat exporter</h1>\n"
	"<p>Kernel function latency from klat: <a href=\"/metrics\">/metrics</a></p>\n"
	"</body></html>\n";

/* @body (@len bytes; freed by MHD when @must_free) as the answer, with its status and type */
static serve_result respond(struct MHD_Connection *conn, unsigned int status, const char *type,
			    char *body, size_t len, bool must_free)
{
	struct MHD_Response *r;
	serve_result ret;

	r = MHD_create_response_from_buffer(len, body, must_free ? MHD_RESPMEM_MUST_FREE :
					    MHD_RESPMEM_PERSISTENT);
	if (!r) {
		if (must_free)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* log a scrape's failure when it differs from the last one, and the recovery */
static void note_scrape(struct serve *srv, char *errmsg)
{
	if (!errmsg) {
		if (srv->last_err)
			klatctl_err(srv->ctx, "serve: scrapes read klat's files again");
		free(srv->last_err);
		srv->last_err = NULL;
		return;
	}
	if (!srv->last_err || strcmp(srv->last_err, errmsg))
		klatctl_err(srv->ctx, "serve: scrape error (klat_scrape_error 1): %s", errmsg);
	free(srv->last_err);
	srv->last_err = errmsg;
}

static serve_result serve_metrics(struct serve *srv, struct MHD_Connection *conn)
{
	static char oom[] = "out of memory\n";
	char *body, *errmsg;
	size_t len;

	if (klatctl_serve_metrics(srv->ctx, &body, &len, &errmsg) < 0)
		return respond(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
			       oom, sizeof(oom) - 1, false);
	note_scrape(srv, errmsg);
	return respond(conn, MHD_HTTP_OK, KLATCTL_SERVE_CONTENT_TYPE, body, len, true);
}

static serve_result serve_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	static char not_allowed[] = "405 method not allowed: GET or HEAD\n";
	static char not_found[] = "404 page not found: see /metrics\n";
	const char *text = "text/plain; charset=utf-8";

	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	(void)con_cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return respond(conn, MHD_HTTP_METHOD_NOT_ALLOWED, text, not_allowed,
			       sizeof(not_allowed) - 1, false);
	if (!strcmp(url, "/metrics"))
		return serve_metrics(cls, conn);
	if (!strcmp(url, "/"))
		return respond(conn, MHD_HTTP_OK, "text/html; charset=utf-8", (char *)index_html,
			       sizeof(index_html) - 1, false);
	return respond(conn, MHD_HTTP_NOT_FOUND, text, not_found, sizeof(not_found) - 1, false);
}

static void serve_log(void *cls, const char *fmt, va_list ap)
{
	struct serve *srv = cls;
	FILE *f = srv->ctx->err ? srv->ctx->err : stderr;

	fputs("klatctl: serve: libmicrohttpd: ", f);
	vfprintf(f, fmt, ap);
	if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
		fputc('\n', f);
}

/* a listening socket on @a; the fd, or -errno */
static int serve_socket(const struct klatctl_serve_addr *a)
{
	struct sockaddr_in any4 = { .sin_family = AF_INET };
	const struct sockaddr *sa = (const struct sockaddr *)&a->ss;
	socklen_t len = a->len;
	int one = 1, v6only = !a->any, fd, err;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 && a->any && errno == EAFNOSUPPORT) {	/* no IPv6: every IPv4 address */
		any4.sin_port = ((const struct sockaddr_in6 *)sa)->sin6_port;
		sa = (const struct sockaddr *)&any4;
		len = sizeof(any4);
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	}
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (sa->sa_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only))) ||
	    bind(fd, sa, len) || listen(fd, KLATCTL_SERVE_MAX_CONN)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

/* "http://ADDR:PORT/metrics" of the bound socket @fd, as a user would type it; its family */
static int serve_url(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss = { .ss_family = AF_INET };
	socklen_t sl = sizeof(ss);
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned int port = 0;

	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET) {
			struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

			inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
			port = ntohs(sin->sin_port);
		} else {
			struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

			inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
			port = ntohs(sin6->sin6_port);
		}
	}
	snprintf(buf, len, ss.ss_family == AF_INET6 ? "http://[%s]:%u/metrics" :
		 "http://%s:%u/metrics", host, port);
	return ss.ss_family;
}

/* run the daemon on the listening @fd until SIGINT or SIGTERM: an exit status */
static int serve_run(struct serve *srv, int fd, bool ipv6)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	struct MHD_Daemon *d;
	sigset_t set, old;
	int sig = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);	/* MHD's thread inherits the mask */
	if (ipv6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL, serve_request, srv,
			     MHD_OPTION_EXTERNAL_LOGGER, serve_log, srv,	/* first */
			     MHD_OPTION_LISTEN_SOCKET, fd,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned int)KLATCTL_SERVE_MAX_CONN,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)KLATCTL_SERVE_TIMEOUT_S,
			     MHD_OPTION_END);
	if (!d) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		close(fd);
		klatctl_err(srv->ctx, "serve: libmicrohttpd could not start");
		return KLATCTL_EXIT_FAIL;
	}
	while (sigwait(&set, &sig))
		;
	klatctl_err(srv->ctx, "serve: %s, stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_stop_daemon(d);	/* closes @fd */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return KLATCTL_EXIT_OK;
}

int klatctl_cmd_serve(const struct klatctl_ctx *ctx, const struct klatctl_serve_opts *o)
{
	const char *listen_on = o->listen ? o->listen : KLATCTL_SERVE_DEFAULT_LISTEN;
	struct serve srv = { .ctx = ctx };
	struct klatctl_serve_addr a;
	char url[INET6_ADDRSTRLEN + 32], *body, *errmsg;
	const char *why;
	size_t len;
	int fd, ret, family;

	if (klatctl_serve_parse_listen(listen_on, &a, &why)) {
		klatctl_err(ctx, "serve: invalid --listen '%s': %s", listen_on, why);
		return KLATCTL_EXIT_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	fd = serve_socket(&a);
	if (fd < 0) {
		klatctl_err(ctx, "serve: cannot listen on %s: %s (%s)%s", listen_on, strerror(-fd),
			    klatctl_errno_name(fd), fd == -EADDRINUSE ?
			    "; another program has that port: pick another with --listen" : "");
		return KLATCTL_EXIT_FAIL;
	}
	family = serve_url(fd, url, sizeof(url));
	klatctl_err(ctx, "serve: listening on %s (klat at %s)", url, ctx->root);
	/* a first scrape, so that a missing klat shows in the log at once */
	if (klatctl_serve_metrics(ctx, &body, &len, &errmsg) >= 0) {
		note_scrape(&srv, errmsg);
		free(body);
	}
	fflush(ctx->err);
	ret = serve_run(&srv, fd, family == AF_INET6);
	free(srv.last_err);
	return ret;
}

#endif /* KLATCTL_HAVE_MHD */
