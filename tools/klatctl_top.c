// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl top: a live per-target view over the last interval.
 *
 * Each sample reads stats (hits and errors, cumulative) and probes/SYMBOL/hist (cumulative
 * bucket counts) of every target.  A frame is the difference of two samples: rates from the
 * counters, and p50, p99 and max from the buckets that grew.  Plain ANSI escapes, so it needs
 * nothing but a VT100-ish terminal; -b prints frames to ctx->out without one.
 *
 * Samples, the clock and the wait between frames without a terminal come from a
 * struct klatctl_top_source: klatctl passes klatctl_top_live (the klat directory, the monotonic
 * clock, a sleep); the tests pass fixture trees and a clock that the wait moves on.
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

#include "klatctl_top.h"
#include "klatctl_hist.h"
#include "klatctl_output.h"

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

/* probes/@t/@file of @c's root: 0 with its text in *@buf, or -errno */
static int sample_file(const struct klatctl_ctx *c, const char *t, const char *file, char **buf,
		       char *path, size_t len)
{
	if (klatctl_path(c, path, len, "probes/%s/%s", t, file))
		return -ENAMETOOLONG;
	return klatctl_read_file(path, buf, NULL);
}

/* what @want asks of row @r's target, into @s; a file missing is a target removed since
 * stats was read (or a module without it).  0, or -1 after a message. */
static int sample_row(const struct klatctl_ctx *ctx, const struct klatctl_ctx *c,
		      unsigned int want, struct klatctl_top_sample *s, size_t r)
{
	const char *t = s->st.rows[r].target;
	char *buf, path[PATH_MAX];
	int ret = 0, line = 0;

	s->procs[r].off = true;
	if (strchr(t, '/'))
		return 0;
	if ((want & KLATCTL_SAMPLE_HIST) && !sample_file(c, t, "hist", &buf, path, sizeof(path))) {
		ret = klatctl_hist_parse(buf, &s->hists[r], &line);
		free(buf);
		s->has_hist[r] = !ret;
	}
	if (!ret && (want & KLATCTL_SAMPLE_SUM) &&
	    !sample_file(c, t, "stats", &buf, path, sizeof(path))) {
		s->has_sum[r] = !klatctl_kv_get_u64(buf, "sum_ns", &s->sums[r]);
		free(buf);
	}
	if (!ret && (want & KLATCTL_SAMPLE_ERRS))
		sample_file(c, t, "errors", &s->errs[r], path, sizeof(path));
	if (!ret && (want & KLATCTL_SAMPLE_PROCS) &&
	    !sample_file(c, t, "procs", &buf, path, sizeof(path))) {
		ret = klatctl_procs_parse(buf, &s->procs[r], &line);
		free(buf);
		if (ret)
			s->procs[r].off = true;
	}
	if (ret)
		klatctl_err_parse(ctx, line, ret, "%s", path);
	return ret ? -1 : 0;
}

int klatctl_top_sample(const struct klatctl_ctx *ctx, const char *root, unsigned int want,
		       struct klatctl_top_sample *s)
{
	struct klatctl_ctx c = *ctx;
	size_t r, n;

	memset(s, 0, sizeof(*s));
	c.root = root;
	if (klatctl_read_stats(&c, &s->st))
		return -1;
	n = s->st.nrows ? s->st.nrows : 1;
	s->hists = calloc(n, sizeof(*s->hists));
	s->has_hist = calloc(n, sizeof(*s->has_hist));
	s->sums = calloc(n, sizeof(*s->sums));
	s->has_sum = calloc(n, sizeof(*s->has_sum));
	s->errs = calloc(n, sizeof(*s->errs));
	s->procs = calloc(n, sizeof(*s->procs));
	if (!s->hists || !s->has_hist || !s->sums || !s->has_sum || !s->errs || !s->procs) {
		klatctl_top_sample_free(s);
		return -1;
	}
	for (r = 0; r < s->st.nrows; r++) {
		if (sample_row(ctx, &c, want, s, r)) {
			klatctl_top_sample_free(s);
			return -1;
		}
	}
	return 0;
}

void klatctl_top_sample_free(struct klatctl_top_sample *s)
{
	size_t r;

	for (r = 0; r < s->st.nrows; r++) {
		if (s->hists)
			klatctl_hist_free(&s->hists[r]);
		if (s->errs)
			free(s->errs[r]);
		if (s->procs)
			klatctl_procs_free(&s->procs[r]);
	}
	free(s->procs);
	free(s->errs);
	free(s->hists);
	free(s->has_hist);
	free(s->sums);
	free(s->has_sum);
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

uint64_t klatctl_counter_delta(uint64_t now, uint64_t prev)
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
		row->calls = klatctl_counter_delta(klatctl_stats_get(&now->st, r, KF_HITS), hp);
		row->errors = klatctl_counter_delta(klatctl_stats_get(&now->st, r, KF_ERRORS), ep);
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

/* the row of @t in @prev, or -1 */
static long prev_row(const struct klatctl_top_sample *prev, const char *t)
{
	size_t p;

	for (p = 0; prev && p < prev->st.nrows; p++)
		if (!strcmp(prev->st.rows[p].target, t))
			return (long)p;
	return -1;
}

/* the window's columns, in the kernel's order; min, max and stddev are "-" (see below) */
static const enum klatctl_field win_fields[] = {
	KF_HITS, KF_ERRORS, KF_MISSED, KF_MIN, KF_AVG, KF_P50, KF_P90, KF_P99, KF_MAX, KF_P999,
	KF_STDDEV,
};

static void win_set(struct klatctl_stats_row *row, int c, bool known, uint64_t v)
{
	if (known) {
		row->v[c] = v;
		row->num |= 1ULL << c;
	} else {
		row->s[c] = "-";
	}
}

/* row @r of @now over the window since @prev into @row */
static void window_row(const struct klatctl_top_sample *now, const struct klatctl_top_sample *prev,
		       size_t r, struct klatctl_stats_row *row)
{
	long p = prev_row(prev, now->st.rows[r].target);
	const struct klatctl_hist *ph = p >= 0 && prev->has_hist[p] ? &prev->hists[p] : NULL;
	bool has_sum = now->has_sum[r] && (p < 0 || prev->has_sum[p]);
	uint64_t hits, dsum;
	struct klatctl_hist d;
	bool hd;
	int c;

	row->target = now->st.rows[r].target;
	hits = klatctl_counter_delta(klatctl_stats_get(&now->st, r, KF_HITS),
			     p >= 0 ? klatctl_stats_get(&prev->st, (size_t)p, KF_HITS) : 0);
	dsum = klatctl_counter_delta(now->sums[r], p >= 0 ? prev->sums[p] : 0);
	hd = now->has_hist[r] && !klatctl_hist_diff(&now->hists[r], ph, &d);
	for (c = 0; c < (int)ARRAY_SIZE(win_fields); c++) {
		enum klatctl_field f = win_fields[c];
		uint64_t pv = p >= 0 ? klatctl_stats_get(&prev->st, (size_t)p, f) : 0;

		switch (f) {
		case KF_HITS:
		case KF_ERRORS:
		case KF_MISSED:
			win_set(row, c, klatctl_stats_has(&now->st, f),
				klatctl_counter_delta(klatctl_stats_get(&now->st, r, f), pv));
			break;
		case KF_AVG:
			win_set(row, c, has_sum && hits, hits ? dsum / hits : 0);
			break;
		case KF_P50:
		case KF_P90:
		case KF_P99:
		case KF_P999:
			win_set(row, c, hd && d.total,
				hd ? klatctl_hist_percentile(&d, f == KF_P999 ? 999 : f == KF_P50 ?
							     50 : f == KF_P90 ? 90 : 99,
							     f == KF_P999 ? 1000 : 100) : 0);
			break;
		default:
			win_set(row, c, false, 0);
		}
	}
	if (hd)
		klatctl_hist_free(&d);
}

/*
 * The figures of the window from @prev to @now as a stats table (pointing into @now): counts
 * are differences, avg_ns the difference of sum_ns over that of hits, percentiles those of the
 * difference of the histograms; min, max and stddev cannot be had from two reads and are "-".
 * A target new since @prev counts from zero.  0, or -ENOMEM.
 */
int klatctl_window_stats(const struct klatctl_top_sample *now,
			 const struct klatctl_top_sample *prev, struct klatctl_stats *out)
{
	size_t r;
	int c;

	memset(out, 0, sizeof(*out));
	for (c = 0; c < KF_NR; c++)
		out->idx[c] = -1;
	out->rows = calloc(now->st.nrows ? now->st.nrows : 1, sizeof(*out->rows));
	if (!out->rows)
		return -ENOMEM;
	for (c = 0; c < (int)ARRAY_SIZE(win_fields); c++) {
		out->names[c] = klatctl_field_names[win_fields[c]];
		out->idx[win_fields[c]] = c;
	}
	out->ncols = c;
	for (r = 0; r < now->st.nrows; r++)
		window_row(now, prev, r, &out->rows[r]);
	out->nrows = now->st.nrows;
	return 0;
}

void klatctl_top_rows_free(struct klatctl_top_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(rows[i].target);
	free(rows);
}

/* the row of process @tgid in target @t's table of @prev, or NULL */
static const struct klatctl_proc *prev_proc(const struct klatctl_top_sample *prev, const char *t,
					    uint64_t tgid)
{
	long p = prev_row(prev, t);
	const struct klatctl_procs *pr = p >= 0 ? &prev->procs[p] : NULL;
	size_t i;

	for (i = 0; pr && i < pr->n; i++)
		if (pr->v[i].tgid == tgid)
			return &pr->v[i];
	return NULL;
}

static int proc_row_cmp(const void *a, const void *b)
{
	const struct klatctl_top_proc_row *x = a, *y = b;
	int c;

	if (x->time_s != y->time_s)
		return x->time_s > y->time_s ? -1 : 1;
	if (x->calls_s != y->calls_s)
		return x->calls_s > y->calls_s ? -1 : 1;
	c = strcmp(x->target, y->target);
	if (c)
		return c;
	return x->tgid < y->tgid ? -1 : x->tgid > y->tgid;
}

/* one process @p of @t over the interval into @row: false when it made no call in it */
static bool proc_row(const struct klatctl_top_sample *prev, const char *t,
		     const struct klatctl_proc *p, double secs, struct klatctl_top_proc_row *row)
{
	const struct klatctl_proc *q = prev_proc(prev, t, p->tgid);

	/* not in the previous table: new, or back in a slot (its counts start again) */
	row->calls = klatctl_counter_delta(p->calls, q ? q->calls : 0);
	row->total_ns = klatctl_counter_delta(p->total_ns, q && p->calls >= q->calls ?
					      q->total_ns : 0);
	if (!row->calls)
		return false;
	row->target = strdup(t);
	row->comm = strdup(p->comm);
	row->tgid = p->tgid;
	row->max_ns = p->max_ns;
	row->calls_s = secs > 0 ? (double)row->calls / secs : 0;
	row->time_s = secs > 0 ? (double)row->total_ns / secs : 0;
	if (row->target && row->comm)
		return true;
	free(row->target);	/* out of memory: the row is left out */
	free(row->comm);
	memset(row, 0, sizeof(*row));
	return false;
}

/*
 * top -P: a row per process of each target's table in @now that made calls since @prev,
 * heaviest time/s first.  Processes are matched by target and tgid; a process not in the
 * previous table counts from zero.  Rows in *@rowsp, their number returned.
 */
size_t klatctl_top_proc_rows(const struct klatctl_top_sample *now,
			     const struct klatctl_top_sample *prev, double secs,
			     struct klatctl_top_proc_row **rowsp)
{
	struct klatctl_top_proc_row *rows;
	size_t r, i, n = 0, cap = 0;

	for (r = 0; r < now->st.nrows; r++)
		cap += now->procs[r].n;
	rows = calloc(cap ? cap : 1, sizeof(*rows));
	*rowsp = rows;
	if (!rows)
		return 0;
	for (r = 0; r < now->st.nrows; r++) {
		const struct klatctl_procs *pr = &now->procs[r];

		for (i = 0; i < pr->n; i++) {
			if (proc_row(prev, now->st.rows[r].target, &pr->v[i], secs, &rows[n]))
				n++;
		}
	}
	qsort(rows, n, sizeof(*rows), proc_row_cmp);
	return n;
}

void klatctl_top_proc_rows_free(struct klatctl_top_proc_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].target);
		free(rows[i].comm);
	}
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

/* a time of the top screen as JSON: ns, or null where the screen shows "-" */
static void json_ns(FILE *f, const char *key, bool any, uint64_t ns)
{
	fprintf(f, ", \"%s\": ", key);
	if (any)
		fprintf(f, "%llu", (unsigned long long)ns);
	else
		fputs("null", f);
}

/*
 * One frame of top --json, on one line: {"version": 1, "time": T, "interval_s": S, "sort":
 * "calls", "targets": [{"target", "calls_s", "errors_s", "calls", "errors", "p50_ns",
 * "p99_ns", "max_ns"}, ...]}; @wall: the time of the frame, seconds since the epoch.
 */
void klatctl_top_print_json(FILE *f, const struct klatctl_top_row *rows, size_t n, double secs,
			    enum klatctl_top_sort sort, double wall)
{
	size_t i;

	fprintf(f, "{\"version\": %d, \"time\": %.6f, \"interval_s\": %.3f, \"sort\": ",
		KLATCTL_JSON_VERSION, wall, secs);
	klatctl_json_str(f, sort_names[sort]);
	fputs(", \"targets\": [", f);
	for (i = 0; i < n; i++) {
		const struct klatctl_top_row *r = &rows[i];
		bool any = r->p50 || r->p99 || r->max;

		fputs(i ? ", {\"target\": " : "{\"target\": ", f);
		klatctl_json_str(f, r->target);
		fprintf(f, ", \"calls_s\": %.3f, \"errors_s\": %.3f, \"calls\": %llu, "
			"\"errors\": %llu", r->calls_s, r->errors_s, (unsigned long long)r->calls,
			(unsigned long long)r->errors);
		json_ns(f, "p50_ns", any, r->p50);
		json_ns(f, "p99_ns", any, r->p99);
		json_ns(f, "max_ns", any, r->max);
		fputc('}', f);
	}
	fputs("]}\n", f);
	fflush(f);
}

#define TOP_PROCS_NUM_W	57	/* " %8s %-16s %9s %9s %9s" */

/* top -P: a frame of processes, as klatctl_top_print_frame() one of targets */
void klatctl_top_print_procs(FILE *f, const struct klatctl_top_proc_row *rows, size_t n,
			     double secs, int width, int height, bool tty)
{
	char line[1024], a[32], b[32], c[32];
	size_t i, shown = n;
	double calls = 0;
	int tw = 20;

	for (i = 0; i < n; i++)
		calls += rows[i].calls_s;
	if (tty) {
		tw = width - TOP_PROCS_NUM_W < 10 ? 10 : width - TOP_PROCS_NUM_W;
		tw = tw > 200 ? 200 : tw;
		shown = height > 3 ? (n < (size_t)(height - 3) ? n : (size_t)(height - 3)) : 0;
		fputs("\033[H", f);
	} else {
		for (i = 0; i < n; i++)
			if ((int)strlen(rows[i].target) > tw && strlen(rows[i].target) < 200)
				tw = (int)strlen(rows[i].target);
	}
	snprintf(line, sizeof(line), "klat top -P: %zu processes, %s calls/s, every %.1fs, by "
		 "time/s", n, klatctl_fmt_rate(calls, a, sizeof(a)), secs);
	put_line(f, line, width, tty);
	snprintf(line, sizeof(line), "# %-*s %8s %-16s %9s %9s %9s", tw - 2, "target", "tgid",
		 "comm", "calls/s", "time/s", "max");
	put_line(f, line, width, tty);
	for (i = 0; i < shown; i++) {
		const struct klatctl_top_proc_row *r = &rows[i];

		snprintf(line, sizeof(line), "%-*.*s %8llu %-16.16s %9s %9s %9s", tw, tw, r->target,
			 (unsigned long long)r->tgid, r->comm,
			 klatctl_fmt_rate(r->calls_s, a, sizeof(a)),
			 klatctl_fmt_ns((uint64_t)(r->time_s + 0.5), b, sizeof(b)),
			 klatctl_fmt_ns(r->max_ns, c, sizeof(c)));
		put_line(f, line, width, tty);
	}
	if (tty) {
		snprintf(line, sizeof(line), shown < n ? "(%zu more) q: quit" : "q: quit", n - shown);
		fprintf(f, "%.*s\033[J", width, line);
	} else {
		fputc('\n', f);
	}
	fflush(f);
}

/*
 * One frame of top -P --json, on one line: {"version": 1, "time": T, "interval_s": S,
 * "procs": [{"target", "tgid", "comm", "calls_s", "time_ns_s", "calls", "total_ns",
 * "max_ns"}, ...]}; time_ns_s: ns spent in the target per second.
 */
void klatctl_top_print_procs_json(FILE *f, const struct klatctl_top_proc_row *rows, size_t n,
				  double secs, double wall)
{
	size_t i;

	fprintf(f, "{\"version\": %d, \"time\": %.6f, \"interval_s\": %.3f, \"procs\": [",
		KLATCTL_JSON_VERSION, wall, secs);
	for (i = 0; i < n; i++) {
		const struct klatctl_top_proc_row *r = &rows[i];

		fputs(i ? ", {\"target\": " : "{\"target\": ", f);
		klatctl_json_str(f, r->target);
		fprintf(f, ", \"tgid\": %llu, \"comm\": ", (unsigned long long)r->tgid);
		klatctl_json_str(f, r->comm);
		fprintf(f, ", \"calls_s\": %.3f, \"time_ns_s\": %.0f, \"calls\": %llu, "
			"\"total_ns\": %llu, \"max_ns\": %llu}", r->calls_s, r->time_s,
			(unsigned long long)r->calls, (unsigned long long)r->total_ns,
			(unsigned long long)r->max_ns);
	}
	fputs("]}\n", f);
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

static int live_sample(const struct klatctl_top_source *src, const struct klatctl_ctx *ctx,
		       unsigned int want, struct klatctl_top_sample *s)
{
	(void)src;
	return klatctl_top_sample(ctx, ctx->root, want, s);
}

static double live_clock(const struct klatctl_top_source *src)
{
	(void)src;
	return now_s();
}

/* Sleep until @deadline, or until a signal asks to quit. */
static void live_wait(const struct klatctl_top_source *src, double deadline)
{
	double left;

	(void)src;
	while (!top_quit && (left = deadline - now_s()) > 0) {
		int ms = (int)(left * 1000) + 1;
		struct timespec ts = {
			.tv_sec = ms / 1000,
			.tv_nsec = (ms % 1000) * 1000000L,
		};

		nanosleep(&ts, NULL);
	}
}

const struct klatctl_top_source klatctl_top_live = {
	.sample = live_sample,
	.clock = live_clock,
	.wait = live_wait,
};

/* A key pressed on the terminal. Returns 1 to redraw now, 0 to quit, -1 to ignore it. */
static int top_key(char key, enum klatctl_top_sort *sort)
{
	switch (key) {
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
	return -1;
}

/* On a terminal: wait until deadline, handling keys. Returns 1 to redraw now, 0 at deadline. */
static int top_wait_tty(double deadline, enum klatctl_top_sort *sort)
{
	for (;;) {
		double left = deadline - now_s();
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		char keys[32];
		ssize_t n, i;

		if (top_quit)
			return 0;
		if (top_winch) {
			top_winch = 0;
			return 1;
		}
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		n = read(STDIN_FILENO, keys, sizeof(keys));
		if (n == 0) {
			top_quit = 1;	/* stdin closed */
			return 0;
		}
		for (i = 0; i < n; i++) {
			int r = top_key(keys[i], sort);

			if (r >= 0)
				return r;
		}
	}
}

/* One run of top: what klatctl_top_run() keeps between frames. */
struct top_state {
	const struct klatctl_ctx *ctx;		/* as given */
	struct klatctl_ctx c;			/* same, messages held back on a terminal */
	const struct klatctl_top_source *src;
	const struct klatctl_top_opts *o;
	char *errbuf;
	size_t errlen;
	enum klatctl_top_sort sort;
	struct klatctl_top_sample prev;
	struct klatctl_top_row *rows;
	size_t nrows;
	struct klatctl_top_proc_row *prows;	/* -P */
	size_t nprows;
	double t_prev, secs;
	int width, height;
	bool tty;
};

/* Signals, and on a terminal its setup. */
static void top_start(struct top_state *t)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = top_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (!t->tty) {
		t->width = 1024;
		t->height = 0;
		return;
	}
	/* messages would vanish with the alternate screen: keep them until it is gone */
	t->c.err = open_memstream(&t->errbuf, &t->errlen);
	if (!t->c.err)
		t->c.err = t->ctx->err;
	sigaction(SIGWINCH, &sa, NULL);
	term_setup();
	term_size(&t->width, &t->height);
	fputs("klat top: collecting...\033[K\r\n", stdout);
	fflush(stdout);
}

static void top_finish(struct top_state *t)
{
	klatctl_top_rows_free(t->rows, t->nrows);
	klatctl_top_proc_rows_free(t->prows, t->nprows);
	klatctl_top_sample_free(&t->prev);
	term_restore();
	if (t->c.err != t->ctx->err) {
		fclose(t->c.err);
		if (t->errlen)
			fwrite(t->errbuf, 1, t->errlen, t->ctx->err ? t->ctx->err : stderr);
		free(t->errbuf);
	}
}

/* seconds since the epoch, from @src or CLOCK_REALTIME */
static double wall_s(const struct klatctl_top_source *src)
{
	struct timespec ts;

	if (src->wall)
		return src->wall(src);
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void top_draw(struct top_state *t)
{
	if (t->o->procs && t->o->json) {
		klatctl_top_print_procs_json(t->c.out, t->prows, t->nprows, t->secs, wall_s(t->src));
		return;
	}
	if (t->tty)
		term_size(&t->width, &t->height);
	if (t->o->procs) {
		klatctl_top_print_procs(t->c.out, t->prows, t->nprows, t->secs, t->width,
					t->height, t->tty);
		return;
	}
	if (t->o->json) {
		klatctl_top_print_json(t->c.out, t->rows, t->nrows, t->secs, t->sort,
				       wall_s(t->src));
		return;
	}
	klatctl_top_print_frame(t->c.out, t->rows, t->nrows, t->secs, t->sort, t->width,
				t->height, t->tty);
}

/* Wait out the interval (on a terminal, redrawing on keys). False: quit. */
static bool top_wait_interval(struct top_state *t)
{
	double deadline = t->t_prev + (double)t->o->interval_ms / 1000.0;

	if (!t->tty) {
		t->src->wait(t->src, deadline);
		return !top_quit;
	}
	while (top_wait_tty(deadline, &t->sort) && !top_quit) {
		if (!t->rows && !t->prows)
			continue;
		sort_rows(t->rows, t->nrows, t->sort);
		top_draw(t);
	}
	return !top_quit;
}

/* what a sample of top reads: the histograms, or with -P the processes */
static unsigned int top_want(const struct klatctl_top_opts *o)
{
	return o->procs ? KLATCTL_SAMPLE_PROCS : KLATCTL_SAMPLE_HIST;
}

/* Take a sample and show the interval since the previous one. */
static int top_step(struct top_state *t)
{
	struct klatctl_top_sample cur;
	double now;

	if (t->src->sample(t->src, &t->c, top_want(t->o), &cur))
		return -1;
	now = t->src->clock(t->src);
	t->secs = now - t->t_prev;
	if (t->o->procs) {
		klatctl_top_proc_rows_free(t->prows, t->nprows);
		t->nprows = klatctl_top_proc_rows(&cur, &t->prev, t->secs, &t->prows);
	} else {
		klatctl_top_rows_free(t->rows, t->nrows);
		t->nrows = klatctl_top_rows(&cur, &t->prev, t->secs, t->sort, &t->rows);
	}
	klatctl_top_sample_free(&t->prev);
	t->prev = cur;
	t->t_prev = now;
	top_draw(t);
	return 0;
}

int klatctl_top_run(const struct klatctl_ctx *ctx, const struct klatctl_top_opts *o,
		    const struct klatctl_top_source *src)
{
	struct top_state t = {
		.ctx = ctx, .c = *ctx, .src = src, .o = o, .sort = o->sort,
		.secs = (double)o->interval_ms / 1000.0,
		.tty = !o->batch && !o->json && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO),
	};
	uint64_t frames = 0;
	int ret = KLATCTL_EXIT_OK;

	if (!t.c.out)
		t.c.out = stdout;
	if (src->sample(src, ctx, top_want(o), &t.prev))
		return KLATCTL_EXIT_FAIL;
	t.t_prev = src->clock(src);
	top_start(&t);
	while (!top_quit && top_wait_interval(&t)) {
		if (top_step(&t)) {
			ret = KLATCTL_EXIT_FAIL;
			break;
		}
		if (o->frames && ++frames >= o->frames)
			break;
	}
	top_finish(&t);
	return ret;
}

/*
 * stats, hist and errors -i/-d: a sample now, then after each interval another, and @report
 * on the two, after a line "# HH:MM:SS" (local time at the window's end).  Ends after
 * o->reports reports (0: never) or at SIGINT, SIGTERM or SIGHUP, without a report for the
 * unfinished window.
 */
int klatctl_window_run(const struct klatctl_ctx *ctx, const struct klatctl_window_opts *o,
		       const struct klatctl_top_source *src, klatctl_window_report report,
		       void *arg)
{
	struct klatctl_top_sample prev, now;
	struct sigaction sa;
	double t;
	uint64_t n = 0;
	int ret = KLATCTL_EXIT_OK;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = top_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (src->sample(src, ctx, o->want, &prev))
		return KLATCTL_EXIT_FAIL;
	t = src->clock(src);
	while (!top_quit) {
		char stamp[16];
		time_t wall;
		struct tm tm;

		t += (double)o->interval_ms / 1000.0;
		src->wait(src, t);
		if (top_quit)
			break;
		if (src->sample(src, ctx, o->want, &now)) {
			ret = KLATCTL_EXIT_FAIL;
			break;
		}
		wall = time(NULL);
		if (!localtime_r(&wall, &tm) || !strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm))
			snprintf(stamp, sizeof(stamp), "-");
		if (!o->no_stamp)
			fprintf(ctx->out, "# %s\n", stamp);
		ret = report(arg, &now, &prev);
		fflush(ctx->out);
		klatctl_top_sample_free(&prev);
		prev = now;
		if (ret || (o->reports && ++n >= o->reports))
			break;
	}
	klatctl_top_sample_free(&prev);
	return ret;
}
