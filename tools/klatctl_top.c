// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl top: a live per-target view over the last interval.
 *
 * Each sample reads stats (hits and errors, cumulative) and probes/SYMBOL/hist (cumulative
 * bucket counts) of every target.  A frame is the difference of two samples: rates from the
 * counters, and p50, p99 and max from the buckets that grew.  Plain ANSI escapes, so it needs
 * nothing but a VT100-ish terminal; -b prints frames to stdout without one.
 *
 * Test hook: KLAT_TEST_TOP_ROOTS=DIR1:DIR2:... makes sample k read DIRk (the last one repeats)
 * instead of --root, with the nominal interval as the elapsed time, and in batch mode without
 * sleeping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "klatctl.h"

static const char *const sort_names[] = {
	[TOP_SORT_CALLS] = "calls",
	[TOP_SORT_P99] = "p99",
	[TOP_SORT_MAX] = "max",
	[TOP_SORT_ERRORS] = "errors",
};

int klatctl_top_parse_sort(const char *s, enum klatctl_top_sort *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sort_names); i++) {
		if (!strcmp(s, sort_names[i])) {
			*out = (enum klatctl_top_sort)i;
			return 0;
		}
	}
	return -EINVAL;
}

int klatctl_top_sample(const struct klatctl_ctx *ctx, const char *root, struct klatctl_top_sample *s)
{
	struct klatctl_ctx c = *ctx;
	char *buf, path[PATH_MAX];
	int ret, line = 0;
	size_t r;

	memset(s, 0, sizeof(*s));
	c.root = root;
	if (klatctl_read_root_file(&c, "stats", &buf, NULL))
		return -1;
	ret = klatctl_stats_parse(buf, &s->st, &line);
	free(buf);
	if (ret) {
		klatctl_err(ctx, "%s/stats:%d: cannot parse (%s)", root, line, klatctl_errno_name(ret));
		return -1;
	}
	s->hists = calloc(s->st.nrows ? s->st.nrows : 1, sizeof(*s->hists));
	s->has_hist = calloc(s->st.nrows ? s->st.nrows : 1, sizeof(*s->has_hist));
	if (!s->hists || !s->has_hist) {
		klatctl_top_sample_free(s);
		return -1;
	}
	for (r = 0; r < s->st.nrows; r++) {
		const char *t = s->st.rows[r].target;

		if (strchr(t, '/') || klatctl_path(&c, path, sizeof(path), "probes/%s/hist", t))
			continue;
		if (klatctl_read_file(path, &buf, NULL))
			continue;	/* removed since stats was read */
		ret = klatctl_hist_parse(buf, &s->hists[r], &line);
		free(buf);
		if (ret) {
			klatctl_err(ctx, "%s:%d: cannot parse (%s)", path, line, klatctl_errno_name(ret));
			klatctl_top_sample_free(s);
			return -1;
		}
		s->has_hist[r] = true;
	}
	return 0;
}

void klatctl_top_sample_free(struct klatctl_top_sample *s)
{
	size_t r;

	if (s->hists)
		for (r = 0; r < s->st.nrows; r++)
			klatctl_hist_free(&s->hists[r]);
	free(s->hists);
	free(s->has_hist);
	klatctl_stats_free(&s->st);
	memset(s, 0, sizeof(*s));
}

static enum klatctl_top_sort cmp_sort;

static int row_cmp(const void *a, const void *b)
{
	const struct klatctl_top_row *x = a, *y = b;
	double kx, ky;

	switch (cmp_sort) {
	case TOP_SORT_P99:
		kx = (double)x->p99;
		ky = (double)y->p99;
		break;
	case TOP_SORT_MAX:
		kx = (double)x->max;
		ky = (double)y->max;
		break;
	case TOP_SORT_ERRORS:
		kx = x->errors_s;
		ky = y->errors_s;
		break;
	default:
		kx = x->calls_s;
		ky = y->calls_s;
	}
	if (kx != ky)
		return kx > ky ? -1 : 1;
	return strcmp(x->target, y->target);
}

static void sort_rows(struct klatctl_top_row *rows, size_t n, enum klatctl_top_sort sort)
{
	cmp_sort = sort;
	qsort(rows, n, sizeof(*rows), row_cmp);
}

static uint64_t counter_delta(uint64_t now, uint64_t prev)
{
	return now >= prev ? now - prev : now;	/* a reset in between: count from zero */
}

/* One row per target of now; a target new since prev counts from zero. */
size_t klatctl_top_rows(const struct klatctl_top_sample *now, const struct klatctl_top_sample *prev,
		     double secs, enum klatctl_top_sort sort, struct klatctl_top_row **rowsp)
{
	struct klatctl_top_row *rows;
	size_t r, p, n = 0;

	rows = calloc(now->st.nrows ? now->st.nrows : 1, sizeof(*rows));
	if (!rows) {
		*rowsp = NULL;
		return 0;
	}
	for (r = 0; r < now->st.nrows; r++) {
		const char *t = now->st.rows[r].target;
		const struct klatctl_hist *ph = NULL;
		struct klatctl_top_row *row = &rows[n];
		uint64_t hp = 0, ep = 0;
		struct klatctl_hist d;

		row->target = strdup(t);
		if (!row->target)
			break;
		for (p = 0; prev && p < prev->st.nrows; p++) {
			if (strcmp(prev->st.rows[p].target, t))
				continue;
			hp = klatctl_stats_get(&prev->st, p, KF_HITS);
			ep = klatctl_stats_get(&prev->st, p, KF_ERRORS);
			if (prev->has_hist[p])
				ph = &prev->hists[p];
			break;
		}
		row->calls = counter_delta(klatctl_stats_get(&now->st, r, KF_HITS), hp);
		row->errors = counter_delta(klatctl_stats_get(&now->st, r, KF_ERRORS), ep);
		row->calls_s = secs > 0 ? (double)row->calls / secs : 0;
		row->errors_s = secs > 0 ? (double)row->errors / secs : 0;
		if (now->has_hist[r] && !klatctl_hist_diff(&now->hists[r], ph, &d)) {
			row->p50 = klatctl_hist_percentile(&d, 50, 100);
			row->p99 = klatctl_hist_percentile(&d, 99, 100);
			row->max = klatctl_hist_upper_bound(&d);
			klatctl_hist_free(&d);
		}
		n++;
	}
	sort_rows(rows, n, sort);
	*rowsp = rows;
	return n;
}

void klatctl_top_rows_free(struct klatctl_top_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].target);
	free(rows);
}

/* One line, cut at width on a terminal, with clear-to-end-of-line. */
static void put_line(FILE *f, const char *s, int width, bool tty)
{
	if (tty)
		fprintf(f, "%.*s\033[K\r\n", width, s);
	else
		fprintf(f, "%s\n", s);
}

#define TOP_NUM_W	47	/* " %9s %9s %8s %8s %8s" */

void klatctl_top_print_frame(FILE *f, const struct klatctl_top_row *rows, size_t n, double secs,
			  enum klatctl_top_sort sort, int width, int height, bool tty)
{
	char line[1024], a[32], b[32], c[32], d[32], e[32];
	double calls = 0, errors = 0;
	size_t i, shown = n;
	int tw = 28;

	for (i = 0; i < n; i++) {
		calls += rows[i].calls_s;
		errors += rows[i].errors_s;
	}
	if (tty) {
		tw = width - TOP_NUM_W;
		if (tw < 10)
			tw = 10;
		if (tw > 200)
			tw = 200;
		/* title, header, rows, footer: the footer has no newline, so nothing scrolls */
		if (height > 3 && n > (size_t)(height - 3))
			shown = (size_t)(height - 3);
		else if (height <= 3)
			shown = 0;
		fputs("\033[H", f);
	} else {
		for (i = 0; i < n; i++)
			if ((int)strlen(rows[i].target) > tw && strlen(rows[i].target) < 200)
				tw = (int)strlen(rows[i].target);
	}

	snprintf(line, sizeof(line), "klat top: %zu targets, %s calls/s, %s errors/s, "
		 "every %.1fs, sort %s", n, klatctl_fmt_rate(calls, a, sizeof(a)),
		 klatctl_fmt_rate(errors, b, sizeof(b)), secs, sort_names[sort]);
	put_line(f, line, width, tty);
	snprintf(line, sizeof(line), "# %-*s %9s %9s %8s %8s %8s", tw - 2, "target", "calls/s",
		 "errors/s", "p50", "p99", "max");
	put_line(f, line, width, tty);
	for (i = 0; i < shown; i++) {
		const struct klatctl_top_row *r = &rows[i];
		bool any = r->p50 || r->p99 || r->max;

		snprintf(line, sizeof(line), "%-*.*s %9s %9s %8s %8s %8s", tw, tw, r->target,
			 klatctl_fmt_rate(r->calls_s, a, sizeof(a)),
			 klatctl_fmt_rate(r->errors_s, b, sizeof(b)),
			 any ? klatctl_fmt_ns(r->p50, c, sizeof(c)) : "-",
			 any ? klatctl_fmt_ns(r->p99, d, sizeof(d)) : "-",
			 any ? klatctl_fmt_ns(r->max, e, sizeof(e)) : "-");
		put_line(f, line, width, tty);
	}
	if (tty) {
		if (shown < n)
			snprintf(line, sizeof(line), "(%zu more) q: quit  c/p/m/e: sort by "
				 "calls/p99/max/errors", n - shown);
		else
			snprintf(line, sizeof(line), "q: quit  c/p/m/e: sort by "
				 "calls/p99/max/errors");
		fprintf(f, "%.*s\033[J", width, line);
	} else {
		fputc('\n', f);
	}
	fflush(f);
}

static volatile sig_atomic_t top_quit, top_winch;
static struct termios saved_tio;
static bool tio_saved, screen_on;

static void top_signal(int sig)
{
	if (sig == SIGWINCH)
		top_winch = 1;
	else
		top_quit = 1;
}

static void term_restore(void)
{
	if (screen_on) {
		/* show the cursor, leave the alternate screen */
		fputs("\033[H\033[2J\033[?25h\033[?1049l", stdout);
		fflush(stdout);
		screen_on = false;
	}
	if (tio_saved) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		tio_saved = false;
	}
}

static void term_setup(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
		tio = saved_tio;
		tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tio.c_cc[VMIN] = 0;
		tio.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &tio) == 0)
			tio_saved = true;
	}
	fputs("\033[?1049h\033[?25l\033[H\033[2J", stdout);
	fflush(stdout);
	screen_on = true;
	atexit(term_restore);
}

static void term_size(int *w, int *h)
{
	struct winsize ws;

	*w = 80;
	*h = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait until deadline; on a terminal, handle keys. Returns 1 to redraw now, 0 at deadline. */
static int top_wait(double deadline, bool tty, enum klatctl_top_sort *sort)
{
	for (;;) {
		double left = deadline - now_s();
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		char keys[32];
		ssize_t n, i;
		int ms;

		if (top_quit)
			return 0;
		if (top_winch) {
			top_winch = 0;
			return 1;
		}
		if (left <= 0)
			return 0;
		ms = (int)(left * 1000) + 1;
		if (!tty) {
			struct timespec ts = {
				.tv_sec = ms / 1000,
				.tv_nsec = (ms % 1000) * 1000000L,
			};

			nanosleep(&ts, NULL);
			continue;
		}
		if (poll(&pfd, 1, ms) <= 0)
			continue;
		n = read(STDIN_FILENO, keys, sizeof(keys));
		if (n == 0) {
			top_quit = 1;	/* stdin closed */
			return 0;
		}
		for (i = 0; i < n; i++) {
			switch (keys[i]) {
			case 'q':
			case 'Q':
				top_quit = 1;
				return 0;
			case 'c':
				*sort = TOP_SORT_CALLS;
				return 1;
			case 'p':
				*sort = TOP_SORT_P99;
				return 1;
			case 'm':
				*sort = TOP_SORT_MAX;
				return 1;
			case 'e':
				*sort = TOP_SORT_ERRORS;
				return 1;
			case 's':
				*sort = (enum klatctl_top_sort)((*sort + 1) % ARRAY_SIZE(sort_names));
				return 1;
			case 'L' & 0x1f:	/* ^L */
				fputs("\033[2J", stdout);
				return 1;
			}
		}
	}
}

int klatctl_top_run(const struct klatctl_ctx *ctx, const struct klatctl_top_opts *o)
{
	struct klatctl_top_sample prev, cur;
	struct klatctl_top_row *rows = NULL;
	struct klatctl_ctx c = *ctx;
	char *errbuf = NULL;
	size_t errlen = 0;
	enum klatctl_top_sort sort = o->sort;
	const char *roots_env = getenv("KLAT_TEST_TOP_ROOTS");
	char *roots = NULL, *rootv[16];
	int nroots = 0, k = 0, width, height, ret = KLATCTL_EXIT_OK;
	double t_prev, t_now, secs = (double)o->interval_ms / 1000.0;
	uint64_t frames = 0;
	size_t nrows = 0;
	bool tty = !o->batch && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	struct sigaction sa;

	if (roots_env && *roots_env) {
		char *save = NULL, *p;

		roots = strdup(roots_env);
		for (p = strtok_r(roots, ":", &save); p && nroots < (int)ARRAY_SIZE(rootv);
		     p = strtok_r(NULL, ":", &save))
			rootv[nroots++] = p;
	}
#define SAMPLE_ROOT() (nroots ? rootv[k < nroots ? k : nroots - 1] : ctx->root)

	if (!nroots && klatctl_check_root(ctx)) {
		free(roots);
		return KLATCTL_EXIT_FAIL;
	}
	if (klatctl_top_sample(&c, SAMPLE_ROOT(), &prev)) {
		free(roots);
		return KLATCTL_EXIT_FAIL;
	}
	k++;
	t_prev = now_s();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = top_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (tty) {
		/* messages would vanish with the alternate screen: keep them until it is gone */
		c.err = open_memstream(&errbuf, &errlen);
		if (!c.err)
			c.err = ctx->err;
		sigaction(SIGWINCH, &sa, NULL);
		term_setup();
		term_size(&width, &height);
		fputs("klat top: collecting...\033[K\r\n", stdout);
		fflush(stdout);
	} else {
		width = 1024;
		height = 0;
	}

	while (!top_quit) {
		double deadline = t_prev + (double)o->interval_ms / 1000.0;

		if (!nroots || tty) {
			while (top_wait(deadline, tty, &sort) && !top_quit) {
				if (!rows)
					continue;
				term_size(&width, &height);
				sort_rows(rows, nrows, sort);
				klatctl_top_print_frame(stdout, rows, nrows, secs, sort, width, height,
						     tty);
			}
			if (top_quit)
				break;
		}
		if (klatctl_top_sample(&c, SAMPLE_ROOT(), &cur)) {
			ret = KLATCTL_EXIT_FAIL;
			break;
		}
		k++;
		t_now = now_s();
		if (!nroots)
			secs = t_now - t_prev;
		klatctl_top_rows_free(rows, nrows);
		nrows = klatctl_top_rows(&cur, &prev, secs, sort, &rows);
		klatctl_top_sample_free(&prev);
		prev = cur;
		t_prev = t_now;
		if (tty)
			term_size(&width, &height);
		klatctl_top_print_frame(stdout, rows, nrows, secs, sort, width, height, tty);
		if (o->frames && ++frames >= o->frames)
			break;
	}
#undef SAMPLE_ROOT
	klatctl_top_rows_free(rows, nrows);
	klatctl_top_sample_free(&prev);
	term_restore();
	if (c.err != ctx->err) {
		fclose(c.err);
		if (errlen)
			fwrite(errbuf, 1, errlen, ctx->err ? ctx->err : stderr);
		free(errbuf);
	}
	free(roots);
	return ret;
}
