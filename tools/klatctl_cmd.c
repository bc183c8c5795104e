// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl subcommands.  Each returns an exit status (KLATCTL_EXIT_*) and prints to ctx->out and
 * ctx->err, so the tests can run them against fixture trees.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "klatctl_cmd.h"
#include "klatctl_output.h"
#include "klatctl_parse.h"
#include "klatctl_strv.h"

/* A target name as a path component under probes/. */
static bool safe_component(const char *s)
{
	return *s && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

/*
 * A symbol we may write to targets: no blanks or control bytes (one command per line).  If
 * not, says so for command @what.
 */
static bool valid_symbol(const struct klatctl_ctx *ctx, const char *what, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || *p == '-')
		goto bad;
	for (; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			goto bad;
	return true;
bad:
	klatctl_err(ctx, "%s: invalid symbol '%s'", what, s);
	return false;
}

static void print_error_log_last(const struct klatctl_ctx *ctx)
{
	char path[PATH_MAX], *buf = NULL, *last;

	if (klatctl_path(ctx, path, sizeof(path), "error_log") ||
	    klatctl_read_file(path, &buf, NULL))
		return;
	last = klatctl_error_log_last(buf);
	if (last)
		fprintf(ctx->err, "%s\n", last);
	free(last);
	free(buf);
}

void klatctl_report_write_error(const struct klatctl_ctx *ctx, const char *what, const char *arg,
				int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EPERM:
		if (geteuid() == 0) {
			klatctl_err(ctx, "%s %s: operation not permitted (EPERM): is the kernel "
				    "locked down against kprobes?", what, arg);
			print_error_log_last(ctx);
			return;
		}
		/* fall through */
	case EACCES:
		klatctl_err_need_root(ctx, what, err);
		return;
	case EADDRNOTAVAIL:
		klatctl_err(ctx, "%s %s: several kernel functions have this name (EADDRNOTAVAIL); "
			    "klat cannot tell which to probe", what, arg);
		return;
	case ENOENT:
		if (!strcmp(what, "add"))
			klatctl_err(ctx, "add %s: unknown kernel symbol (ENOENT)", arg);
		else if (!strcmp(what, "del"))
			klatctl_err(ctx, "del %s: not a klat target (ENOENT)", arg);
		else
			klatctl_err(ctx, "%s %s: no such target (ENOENT)", what, arg);
		return;
	case EINVAL:
		if (!strcmp(what, "add"))
			klatctl_err(ctx, "add %s: the kernel refused to probe it (EINVAL): "
				    "blacklisted, not a function, or part of klat", arg);
		else if (!strcmp(what, "filter"))
			klatctl_err(ctx, "filter: invalid filter '%s' (EINVAL)", arg);
		else
			klatctl_err(ctx, "%s %s: invalid argument (EINVAL)", what, arg);
		print_error_log_last(ctx);
		return;
	default:
		klatctl_err(ctx, "%s %s: %s (%s)", what, arg, strerror(err),
			    klatctl_errno_name(err));
	}
}

/*
 * Open @path (a file of the klat directory) to write for command @what on @arg: 0 with the
 * descriptor in *@fdp, or an exit status after a message.  A file that cannot be opened is the
 * klat directory's fault (KLATCTL_EXIT_NOKLAT when it is missing).
 */
static int open_command(const struct klatctl_ctx *ctx, const char *path, const char *what,
			const char *arg, int *fdp)
{
	int fd = klatctl_open_write(path);

	*fdp = fd;
	if (fd == -ENOENT || fd == -ENOTDIR) {
		klatctl_err(ctx, "%s %s: cannot open %s: %s (%s); klat is not at --root", what,
			    arg, path, strerror(-fd), klatctl_errno_name(fd));
		return KLATCTL_EXIT_NOKLAT;
	}
	if (fd == -EACCES || fd == -EPERM) {
		klatctl_report_write_error(ctx, what, arg, fd);
		return KLATCTL_EXIT_FAIL;
	}
	if (fd < 0) {
		klatctl_err(ctx, "%s %s: cannot open %s: %s (%s)", what, arg, path, strerror(-fd),
			    klatctl_errno_name(fd));
		return KLATCTL_EXIT_FAIL;
	}
	return 0;
}

/*
 * Write one command to @path (a file of the klat directory) for command @what on @arg: 0, or
 * an exit status after a message (a failed write is the kernel's answer).
 */
static int write_command(const struct klatctl_ctx *ctx, const char *path, const char *data,
			 size_t len, const char *what, const char *arg)
{
	int fd, err, ret = open_command(ctx, path, what, arg, &fd);

	if (ret)
		return ret;
	err = klatctl_write_fd(fd, data, len);
	if (err) {
		klatctl_report_write_error(ctx, what, arg, err);
		return KLATCTL_EXIT_FAIL;
	}
	return 0;
}

int klatctl_cmd_list(const struct klatctl_ctx *ctx, bool json)
{
	struct klatctl_targets tg;
	int ret = klatctl_read_targets(ctx, &tg);

	if (ret)
		return ret;
	if (json)
		klatctl_print_targets_json(ctx->out, &tg);
	else
		klatctl_print_targets(ctx->out, &tg);
	klatctl_targets_free(&tg);
	return KLATCTL_EXIT_OK;
}

/* Select rows by names or globs; a plain name that is not a target is an error. */
static int select_rows(const struct klatctl_ctx *ctx, const struct klatctl_stats *st, char **names,
		       int nnames, bool **selp)
{
	bool *sel;
	size_t r;
	int i, ret = 0;

	*selp = NULL;
	if (!nnames)
		return 0;
	sel = calloc(st->nrows ? st->nrows : 1, sizeof(*sel));
	if (!sel)
		return -1;
	for (i = 0; i < nnames; i++) {
		bool found = false;

		for (r = 0; r < st->nrows; r++) {
			if (!fnmatch(names[i], st->rows[r].target, 0)) {
				sel[r] = true;
				found = true;
			}
		}
		if (!found && !klatctl_is_glob(names[i])) {
			klatctl_err(ctx, "%s: not a klat target (see 'klatctl list')", names[i]);
			ret = -1;
		}
	}
	if (ret) {
		free(sel);
		return ret;
	}
	*selp = sel;
	return 0;
}

static int read_probe_file(const struct klatctl_ctx *ctx, const char *target, const char *file,
			   char **buf)
{
	char path[PATH_MAX];

	if (!safe_component(target))
		return -EINVAL;
	if (klatctl_path(ctx, path, sizeof(path), "probes/%s/%s", target, file))
		return -ENAMETOOLONG;
	return klatctl_read_file(path, buf, NULL);
}

struct stats_window {
	const struct klatctl_ctx *ctx;
	const struct klatctl_stats_opts *o;
};

/* one window of stats -i/-d, as the table or a JSON document */
static int stats_window_report(void *arg, const struct klatctl_top_sample *now,
			       const struct klatctl_top_sample *prev)
{
	const struct stats_window *w = arg;
	const struct klatctl_stats_opts *o = w->o;
	struct klatctl_stats st;
	size_t *order = NULL;
	bool *sel = NULL;
	int ret = KLATCTL_EXIT_FAIL;

	if (klatctl_window_stats(now, prev, &st))
		return KLATCTL_EXIT_FAIL;
	if (select_rows(w->ctx, &st, o->symbols, o->nsymbols, &sel))
		goto out;
	if (o->sort && !(order = klatctl_stats_order(&st, o->sort_key)))
		goto out;
	if (o->json)
		klatctl_print_stats_json(w->ctx->out, &st, sel, order);
	else
		klatctl_print_stats_table(w->ctx->out, &st, sel, order, o->unit);
	ret = KLATCTL_EXIT_OK;
out:
	free(order);
	free(sel);
	klatctl_stats_free(&st);
	return ret;
}

/* stats -i/-d: the figures of each window, from samples of @src */
int klatctl_stats_window(const struct klatctl_ctx *ctx, const struct klatctl_stats_opts *o,
			 const struct klatctl_top_source *src)
{
	struct stats_window w = { .ctx = ctx, .o = o };
	struct klatctl_window_opts wo = o->win;
	struct klatctl_stats st;
	bool *sel = NULL;
	int ret;

	/* names that are no target fail now, not after the first window */
	if (o->nsymbols) {
		ret = klatctl_read_stats(ctx, &st);
		if (ret)
			return ret;
		ret = select_rows(ctx, &st, o->symbols, o->nsymbols, &sel);
		free(sel);
		klatctl_stats_free(&st);
		if (ret)
			return KLATCTL_EXIT_FAIL;
	}
	wo.no_stamp = o->json;
	wo.want = KLATCTL_SAMPLE_HIST | KLATCTL_SAMPLE_SUM;
	return klatctl_window_run(ctx, &wo, src, stats_window_report, &w);
}

/* probes/@target/@file parsed as a table into @t: 1, 0 when unreadable, -1 after a message */
static int read_probe_table(const struct klatctl_ctx *ctx, const char *target, const char *file,
			    const char *first_col, const char *const *defcols,
			    struct klatctl_table *t)
{
	char *buf;
	int err, line = 0;

	err = read_probe_file(ctx, target, file, &buf);
	if (err) {
		if (ctx->verbose)
			klatctl_err(ctx, "warning: no %s for %s: %s", file, target, strerror(-err));
		return 0;
	}
	err = klatctl_table_parse(buf, first_col, defcols, t, &line);
	free(buf);
	if (err) {
		klatctl_err_parse(ctx, line, err, "%s/probes/%s/%s", ctx->root, target, file);
		return -1;
	}
	return 1;
}

/* an errors table has errno and count columns, and every count is a number: 0, or -1 */
static int prom_errors_check(const struct klatctl_ctx *ctx, const char *target,
			     const struct klatctl_table *t)
{
	int cc = klatctl_table_col(t, "count");
	uint64_t v;
	size_t r;

	for (r = 0; cc >= 0 && r < t->nrows; r++)
		if (klatctl_parse_u64(klatctl_table_cell(t, r, cc), &v))
			break;
	if (cc >= 0 && klatctl_table_col(t, "errno") >= 0 && r == t->nrows)
		return 0;
	klatctl_err_parse(ctx, r < t->nrows ? t->lines[r] : 0, -EINVAL, "%s/probes/%s/errors",
			  ctx->root, target);
	return -1;
}

/* what --prometheus needs beyond stats: each target's hist, sum_ns and errors; 0 or -1 */
static int prom_read(const struct klatctl_ctx *ctx, const struct klatctl_stats *st,
		     const bool *sel, struct klatctl_prom_target *pt)
{
	static const char *const errcols[] = { "errno", "name", "count", NULL };
	size_t r;

	for (r = 0; r < st->nrows; r++) {
		const char *t = st->rows[r].target;
		char *buf;
		int line = 0, err;

		if (sel && !sel[r])
			continue;
		err = read_probe_file(ctx, t, "hist", &buf);
		if (!err) {
			err = klatctl_hist_parse(buf, &pt[r].hist, &line);
			free(buf);
			if (err) {
				klatctl_err_parse(ctx, line, err, "%s/probes/%s/hist", ctx->root, t);
				return -1;
			}
			pt[r].has_hist = true;
		} else if (ctx->verbose) {
			klatctl_err(ctx, "warning: no histogram for %s: %s", t, strerror(-err));
		}
		if (!read_probe_file(ctx, t, "stats", &buf)) {
			pt[r].has_sum = !klatctl_kv_get_u64(buf, "sum_ns", &pt[r].sum_ns);
			free(buf);
		}
		err = read_probe_table(ctx, t, "errors", "errno", errcols, &pt[r].errors);
		if (err < 0)
			return -1;
		pt[r].has_errors = err > 0;
		if (pt[r].has_errors && prom_errors_check(ctx, t, &pt[r].errors))
			return -1;
	}
	return 0;
}

/* each selected row's state, from ROOT/targets, into @pt: 0, or an exit status */
static int prom_states(const struct klatctl_ctx *ctx, const struct klatctl_stats *st,
		       const bool *sel, struct klatctl_prom_target *pt)
{
	struct klatctl_targets tg;
	size_t r, i;
	int ret = klatctl_read_targets(ctx, &tg);

	if (ret)
		return ret;
	for (r = 0; r < st->nrows; r++) {
		if (sel && !sel[r])
			continue;
		for (i = 0; i < tg.n; i++) {
			if (strcmp(tg.v[i].symbol, st->rows[r].target))
				continue;
			pt[r].has_state = true;
			pt[r].up = !strcmp(tg.v[i].state, "active");
			break;
		}
	}
	klatctl_targets_free(&tg);
	return 0;
}

int klatctl_cmd_stats(const struct klatctl_ctx *ctx, const struct klatctl_stats_opts *o)
{
	if (o->window)
		return klatctl_stats_window(ctx, o, &klatctl_top_live);
	struct klatctl_prom_target *pt = NULL;
	struct klatctl_stats st;
	size_t *order = NULL;
	bool *sel = NULL;
	int ret = KLATCTL_EXIT_FAIL;
	size_t r;

	ret = klatctl_read_stats(ctx, &st);
	if (ret)
		return ret;
	ret = KLATCTL_EXIT_FAIL;
	if (select_rows(ctx, &st, o->symbols, o->nsymbols, &sel))
		goto out;
	if (o->sort && !(order = klatctl_stats_order(&st, o->sort_key)))
		goto out;
	if (o->json) {
		klatctl_print_stats_json(ctx->out, &st, sel, order);
	} else if (o->prometheus) {
		pt = calloc(st.nrows ? st.nrows : 1, sizeof(*pt));
		if (!pt || prom_read(ctx, &st, sel, pt))
			goto out;
		ret = prom_states(ctx, &st, sel, pt);
		if (ret)
			goto out;
		klatctl_print_prometheus(ctx->out, &st, sel, pt);
	} else {
		klatctl_print_stats_table(ctx->out, &st, sel, order, o->unit);
	}
	ret = KLATCTL_EXIT_OK;
out:
	free(order);
	if (pt) {
		for (r = 0; r < st.nrows; r++) {
			klatctl_hist_free(&pt[r].hist);
			if (pt[r].has_errors)
				klatctl_table_free(&pt[r].errors);
		}
		free(pt);
	}
	free(sel);
	klatctl_stats_free(&st);
	return ret;
}

/* hits and sum_ns of probes/@target/stats: a bit each, 1 and 2, when read */
static int read_sum(const struct klatctl_ctx *ctx, const char *target, uint64_t *hits,
		    uint64_t *sum)
{
	int have = 0;
	char *buf;

	if (read_probe_file(ctx, target, "stats", &buf))
		return 0;
	if (!klatctl_kv_get_u64(buf, "hits", hits))
		have |= 1;
	if (!klatctl_kv_get_u64(buf, "sum_ns", sum))
		have |= 2;
	free(buf);
	return have;
}

/*
 * @h of @symbol as a table or (with @first) an object of hist --json's list; @have: bit 1,
 * @hits is known, bit 2, @sum.
 */
static void hist_print(const struct klatctl_ctx *ctx, const char *symbol,
		       const struct klatctl_hist *h, bool fine, int have, uint64_t hits,
		       uint64_t sum, bool *first)
{
	uint64_t slots[KLATCTL_LOG2_SLOTS];
	int idx;

	if (first) {
		klatctl_json_item(ctx->out, first);
		klatctl_print_hist_json(ctx->out, symbol, h, fine, have & 1 ? &hits : NULL,
					have & 2 ? &sum : NULL);
		return;
	}
	fprintf(ctx->out, "%s: %llu calls\n", symbol, (unsigned long long)h->total);
	if (fine) {
		klatctl_print_fine_hist(ctx->out, h, "nsecs");
	} else {
		idx = klatctl_hist_log2(h, slots);
		klatctl_print_log2_hist(ctx->out, slots, idx + 1, "nsecs");
	}
	if (have == 3)
		klatctl_print_hist_summary(ctx->out, hits, sum, "nsecs");
}

/* The histogram of @symbol, as a table or (with @first) an object of hist --json's list */
static int hist_one(const struct klatctl_ctx *ctx, const char *symbol, bool fine, bool *first)
{
	uint64_t hits = 0, sum = 0;
	struct klatctl_hist h;
	char *buf;
	int err, line = 0, have;

	err = read_probe_file(ctx, symbol, "hist", &buf);
	if (err == -ENOENT || err == -EINVAL) {
		klatctl_err(ctx, "%s: not a klat target (see 'klatctl list')", symbol);
		return KLATCTL_EXIT_FAIL;
	}
	if (err) {
		klatctl_err(ctx, "%s/probes/%s/hist: %s (%s)", ctx->root, symbol, strerror(-err),
			    klatctl_errno_name(err));
		return KLATCTL_EXIT_FAIL;
	}
	err = klatctl_hist_parse(buf, &h, &line);
	free(buf);
	if (err) {
		klatctl_err_parse(ctx, line, err, "%s/probes/%s/hist", ctx->root, symbol);
		return KLATCTL_EXIT_FAIL;
	}
	have = read_sum(ctx, symbol, &hits, &sum);
	hist_print(ctx, symbol, &h, fine, have, hits, sum, first);
	klatctl_hist_free(&h);
	return KLATCTL_EXIT_OK;
}

/*
 * The names @names stand for: a plain name as it is, a glob the targets it matches (a
 * warning when none); 0 or an exit status.
 */
static int expand_targets(const struct klatctl_ctx *ctx, const char *what, char **names,
			  int nnames, struct klatctl_strv *out)
{
	struct klatctl_targets tg = { 0 };
	bool have_tg = false;
	int i, ret = KLATCTL_EXIT_FAIL;
	size_t k, before;

	for (i = 0; i < nnames; i++) {
		if (!klatctl_is_glob(names[i])) {
			if (klatctl_strv_add(out, names[i]))
				goto out;
			continue;
		}
		if (!have_tg) {
			ret = klatctl_read_targets(ctx, &tg);
			if (ret)
				return ret;
			ret = KLATCTL_EXIT_FAIL;
			have_tg = true;
		}
		before = out->n;
		for (k = 0; k < tg.n; k++)
			if (!fnmatch(names[i], tg.v[k].symbol, 0) &&
			    klatctl_strv_add(out, tg.v[k].symbol))
				goto out;
		if (out->n == before)
			klatctl_err(ctx, "%s: warning: no target matches '%s'", what, names[i]);
	}
	ret = KLATCTL_EXIT_OK;
out:
	if (have_tg)
		klatctl_targets_free(&tg);
	return ret;
}

struct hist_window {
	const struct klatctl_ctx *ctx;
	const struct klatctl_hist_opts *o;
	const struct klatctl_strv *names;
};

/* one window of hist -i/-d: the histograms' difference, with the sums' for the summary */
static int hist_window_report(void *arg, const struct klatctl_top_sample *now,
			      const struct klatctl_top_sample *prev)
{
	const struct hist_window *w = arg;
	bool first = true;
	size_t k;

	if (w->o->json)
		klatctl_json_begin(w->ctx->out, "histograms");
	for (k = 0; k < w->names->n; k++) {
		const struct klatctl_stats_row *nr = klatctl_stats_find(&now->st, w->names->v[k]);
		const struct klatctl_stats_row *pr = klatctl_stats_find(&prev->st, w->names->v[k]);
		size_t r = nr ? (size_t)(nr - now->st.rows) : 0;
		size_t p = pr ? (size_t)(pr - prev->st.rows) : 0;
		uint64_t hits, sum;
		struct klatctl_hist d;
		int have = 1;

		if (!nr || !now->has_hist[r] ||
		    klatctl_hist_diff(&now->hists[r], pr && prev->has_hist[p] ? &prev->hists[p] :
				      NULL, &d))
			continue;	/* removed, or no histogram */
		hits = klatctl_stats_get(&now->st, r, KF_HITS);
		hits = klatctl_counter_delta(hits, pr ? klatctl_stats_get(&prev->st, p, KF_HITS) : 0);
		sum = klatctl_counter_delta(now->sums[r], pr ? prev->sums[p] : 0);
		if (now->has_sum[r] && (!pr || prev->has_sum[p]))
			have |= 2;
		if (k && !w->o->json)
			fputc('\n', w->ctx->out);
		hist_print(w->ctx, w->names->v[k], &d, w->o->fine, have, hits, sum,
			   w->o->json ? &first : NULL);
		klatctl_hist_free(&d);
	}
	if (w->o->json)
		klatctl_json_end(w->ctx->out, first);
	return KLATCTL_EXIT_OK;
}

/* each of @names has a histogram now: 0, or an exit status after a message */
static int hist_names_check(const struct klatctl_ctx *ctx, const struct klatctl_strv *names)
{
	size_t k;

	for (k = 0; k < names->n; k++) {
		char *buf;
		int err = read_probe_file(ctx, names->v[k], "hist", &buf);

		if (err) {
			klatctl_err(ctx, "%s: not a klat target (see 'klatctl list')", names->v[k]);
			return KLATCTL_EXIT_FAIL;
		}
		free(buf);
	}
	return KLATCTL_EXIT_OK;
}

/* hist -i/-d: the histograms of each window, from samples of @src */
int klatctl_hist_window(const struct klatctl_ctx *ctx, const struct klatctl_hist_opts *o,
			const struct klatctl_top_source *src)
{
	struct klatctl_strv names = { 0 };
	struct hist_window w = { .ctx = ctx, .o = o, .names = &names };
	struct klatctl_window_opts wo = o->win;
	int ret;

	ret = klatctl_check_root(ctx);
	if (!ret)
		ret = expand_targets(ctx, "hist", o->symbols, o->nsymbols, &names);
	if (!ret)
		ret = hist_names_check(ctx, &names);
	wo.no_stamp = o->json;
	wo.want = KLATCTL_SAMPLE_HIST | KLATCTL_SAMPLE_SUM;
	if (!ret)
		ret = klatctl_window_run(ctx, &wo, src, hist_window_report, &w);
	klatctl_strv_free(&names);
	return ret;
}

int klatctl_cmd_hist(const struct klatctl_ctx *ctx, const struct klatctl_hist_opts *o)
{
	if (o->window)
		return klatctl_hist_window(ctx, o, &klatctl_top_live);
	struct klatctl_strv names = { 0 };
	int ret, r, fail = KLATCTL_EXIT_OK;
	bool first = true;
	size_t k;

	ret = klatctl_check_root(ctx);
	if (ret)
		return ret;
	ret = expand_targets(ctx, "hist", o->symbols, o->nsymbols, &names);
	if (!ret && o->json)
		klatctl_json_begin(ctx->out, "histograms");
	for (k = 0; !ret && k < names.n; k++) {
		if (k && !o->json)
			fputc('\n', ctx->out);
		r = hist_one(ctx, names.v[k], o->fine, o->json ? &first : NULL);
		if (r)
			fail = r;
	}
	if (!ret && o->json)
		klatctl_json_end(ctx->out, first);
	if (!ret)
		ret = fail;
	klatctl_strv_free(&names);
	return ret;
}

static void sleep_ms(uint64_t ms)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ms / 1000),
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* whether @ev is of a target @o selects */
static bool log_selected(const struct klatctl_log_opts *o, const struct klatctl_event *ev)
{
	int i;

	for (i = 0; i < o->nsymbols; i++)
		if (!fnmatch(o->symbols[i], ev->target, 0))
			return true;
	return !o->nsymbols;
}

/* one event of the log, as @o asks; @wall_off: CLOCK_REALTIME - CLOCK_MONOTONIC for --wall */
static void log_event(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o,
		      const struct klatctl_event *ev, bool *first, int64_t wall_off)
{
	char when[48];

	if (!log_selected(o, ev))
		return;
	if (o->json && o->follow) {
		klatctl_print_event_json(ctx->out, ev, true);
		fputc('\n', ctx->out);
	} else if (o->json) {
		klatctl_json_item(ctx->out, first);
		klatctl_print_event_json(ctx->out, ev, false);
	} else if (o->raw) {
		fprintf(ctx->out, "%s\n", ev->line);
	} else if (o->wall) {
		klatctl_print_event_at(ctx->out, ev,
				       klatctl_fmt_wall(ev->ts_ns, wall_off, when, sizeof(when)));
	} else {
		klatctl_print_event(ctx->out, ev);
	}
}

static void log_header(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o)
{
	if (o->wall)
		klatctl_print_log_header_wall(ctx->out);
	else
		klatctl_print_log_header(ctx->out);
}

/* the log once, as a table, the kernel's lines or a JSON document */
static void log_once(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o,
		     const struct klatctl_log *log)
{
	int64_t off = o->wall ? klatctl_wall_offset_ns() : 0;
	bool first = true;
	size_t i;

	if (o->json)
		fprintf(ctx->out, "{\"version\": %d, \"capacity\": %llu, \"dropped\": %llu, "
			"\"events\": [", KLATCTL_JSON_VERSION, (unsigned long long)log->capacity,
			(unsigned long long)log->dropped);
	else if (!o->raw)
		log_header(ctx, o);
	for (i = 0; i < log->n; i++)
		log_event(ctx, o, &log->ev[i], &first, off);
	if (o->json)
		klatctl_json_end(ctx->out, first);
}

/* what log -f knows between polls */
struct log_follow {
	uint64_t last;		/* the highest seq read, of any target */
	bool seen;		/* an event was read: gaps after @last are losses */
};

/*
 * The events of @log newer than @st->last, each gap in seq numbers (of any target: a lost
 * event's target is unknown) reported as "LOST N events" where it is.
 */
static void log_follow_poll(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o,
			    const struct klatctl_log *log, struct log_follow *st)
{
	int64_t off = o->wall ? klatctl_wall_offset_ns() : 0;
	size_t i;

	/* sequence numbers only go down when the module was reloaded: it counts from 1 again */
	if (log->n && log->ev[log->n - 1].seq < st->last)
		st->last = 0;
	for (i = 0; i < log->n; i++) {
		const struct klatctl_event *ev = &log->ev[i];

		if (ev->seq <= st->last)
			continue;
		if (st->seen && ev->seq - st->last > 1)
			klatctl_print_lost(ctx->out, ev->seq - st->last - 1, o->json);
		log_event(ctx, o, ev, NULL, off);
		st->last = ev->seq;
		st->seen = true;
	}
}

int klatctl_cmd_log(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o)
{
	struct log_follow st = { 0 };
	uint64_t polls = 0;
	bool first = true;

	for (;;) {
		struct klatctl_log log;
		int ret = klatctl_read_log(ctx, &log);

		if (ret)
			return ret;
		if (!o->follow) {
			log_once(ctx, o, &log);
			klatctl_log_free(&log);
			break;
		}
		if (first && !o->raw && !o->json)
			log_header(ctx, o);
		first = false;
		log_follow_poll(ctx, o, &log, &st);
		klatctl_log_free(&log);
		fflush(ctx->out);
		if (o->polls && ++polls >= o->polls)
			break;
		sleep_ms(o->interval_ms);
	}
	fflush(ctx->out);
	return KLATCTL_EXIT_OK;
}

static int load_text(const char *path, char **buf)
{
	return klatctl_read_file(path, buf, NULL);
}

static int load_available(const struct klatctl_ctx *ctx, struct klatctl_strv *avail,
			  struct klatctl_strv *black)
{
	char parent[PATH_MAX], path[PATH_MAX], ptracing[PATH_MAX];
	const char *dirs[2];
	char *buf = NULL;
	int ndirs = 0, i, n, err = -ENOENT;

	klatctl_root_parent(ctx->root, parent, sizeof(parent));
	n = snprintf(ptracing, sizeof(ptracing), "%s/tracing", parent);
	if (n < 0 || (size_t)n >= sizeof(ptracing))
		return -1;
	if (ctx->tracing) {
		dirs[ndirs++] = ctx->tracing;
	} else {
		if (ctx->root_is_default)
			dirs[ndirs++] = KLATCTL_DEFAULT_TRACING;
		dirs[ndirs++] = ptracing;
	}
	for (i = 0; i < ndirs; i++) {
		n = snprintf(path, sizeof(path), "%s/available_filter_functions", dirs[i]);
		if (n < 0 || (size_t)n >= sizeof(path)) {
			err = -ENAMETOOLONG;
			continue;
		}
		err = load_text(path, &buf);
		if (!err)
			break;
	}
	if (err) {
		if (err == -EACCES || err == -EPERM)
			klatctl_err_need_root(ctx, path, err);
		else
			klatctl_err(ctx, "cannot read %s/available_filter_functions: %s; is "
				    "tracefs mounted? (mount -t tracefs nodev /sys/kernel/tracing, "
				    "or use --tracing DIR)", dirs[0], strerror(-err));
		return -1;
	}
	err = klatctl_parse_filter_functions(buf, avail);
	free(buf);
	if (err)
		return -1;

	n = snprintf(path, sizeof(path), "%s/kprobes/blacklist", parent);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	err = load_text(path, &buf);
	if (err) {
		if (ctx->verbose)
			klatctl_err(ctx, "warning: cannot read %s: %s; not skipping blacklisted "
				    "functions", path, strerror(-err));
		return 0;
	}
	err = klatctl_parse_blacklist(buf, black);
	free(buf);
	return err ? -1 : 0;
}

/* the largest write() the kernel takes at once */
#define KLATCTL_WRITE_MAX	65536

/*
 * The commands for @todo's names from @k on, one a line ("-NAME" with @del), as many as fit
 * in one write, into @buf: their length; the first name after them in *@end.  A name that
 * cannot be a command (too long) fails with a message, -1.
 */
static long targets_chunk(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
			  size_t k, bool del, char *buf, size_t *end)
{
	size_t len = 0;

	for (*end = k; *end < todo->n; (*end)++) {
		size_t n = strlen(todo->v[*end]) + 1 + del;

		if (n > 1024) {
			klatctl_err(ctx, "%s: symbol too long: %s", del ? "del" : "add",
				    todo->v[*end]);
			return -1;
		}
		if (len + n > KLATCTL_WRITE_MAX)
			break;
		sprintf(buf + len, "%s%s\n", del ? "-" : "", todo->v[*end]);
		len += n;
	}
	return (long)len;
}

/*
 * Which of @todo's names @k .. @end - 1 the newest error_log entry says failed ("-NAME" with
 * @del): its index, or -1 when error_log cannot be read or names none of them.
 */
static long targets_failed(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
			   size_t k, size_t end, bool del)
{
	char path[PATH_MAX], *buf = NULL, *last = NULL, *cmd = NULL;
	long found = -1;

	if (klatctl_path(ctx, path, sizeof(path), "error_log") ||
	    klatctl_read_file(path, &buf, NULL))
		return -1;
	last = klatctl_error_log_last(buf);
	cmd = last ? klatctl_error_log_command(last, "targets") : NULL;
	for (; cmd && k < end && found < 0; k++) {
		char line[1040], *esc;

		snprintf(line, sizeof(line), "%s%s", del ? "-" : "", todo->v[k]);
		esc = klatctl_error_log_escape(line);
		if (esc && !strcmp(esc, cmd))
			found = (long)k;
		free(esc);
	}
	free(cmd);
	free(last);
	free(buf);
	return found;
}

static void targets_done(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
			 size_t k, size_t end, bool del)
{
	for (; ctx->verbose && k < end; k++)
		fprintf(ctx->out, "%s %s\n", del ? "removed" : "added", todo->v[k]);
}

/*
 * The kernel refused one line of the write of @todo's names @k .. *@next - 1 with @err: say
 * which and how far the write got, from error_log; *@next: the name to go on with.  An exit
 * status: KLATCTL_EXIT_FAIL, with *@next at @end when nothing more should be written.
 */
static int targets_refused(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
			   size_t k, size_t *next, bool del, int err)
{
	const char *what = del ? "del" : "add";
	size_t end = *next;
	long j = end - k == 1 ? (long)k : targets_failed(ctx, todo, k, end, del);

	if (j < 0) {
		klatctl_err(ctx, "%s: the kernel refused one of %zu names and error_log does not "
			    "say which: %s (%s); see 'klatctl list' for what was done", what,
			    end - k, strerror(-err), klatctl_errno_name(err));
		*next = todo->n;
		return KLATCTL_EXIT_FAIL;
	}
	klatctl_report_write_error(ctx, what, todo->v[j], err);
	targets_done(ctx, todo, k, (size_t)j, del);
	if (end - k > 1)
		klatctl_err(ctx, "%s: the write stopped at %s, name %ld of %zu: the %ld before it "
			    "were %s%s", what, todo->v[j], j + 1, todo->n, j - (long)k,
			    del ? "removed" : "added",
			    (size_t)j + 1 < todo->n ? "; writing the ones after it" : "");
	*next = err == -EACCES || err == -EPERM ? todo->n : (size_t)j + 1;
	return KLATCTL_EXIT_FAIL;
}

/*
 * Write the names of @todo to targets ("-NAME" with @del to remove them), one line each, in
 * as few write()s as the kernel's 64 KiB limit allows.  The kernel stops a write at its first
 * bad line: error_log tells which, and the names after it are written again.  An exit
 * status: KLATCTL_EXIT_FAIL if any name failed; stops at a permission error or a missing
 * targets file (KLATCTL_EXIT_NOKLAT), which would be the same for every name.
 */
static int write_targets(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
			 bool del)
{
	const char *what = del ? "del" : "add";
	int ret = KLATCTL_EXIT_OK, st, fd, err;
	char path[PATH_MAX], *buf;
	size_t k = 0, end;
	long len;

	if (klatctl_path(ctx, path, sizeof(path), "targets"))
		return KLATCTL_EXIT_FAIL;
	buf = malloc(KLATCTL_WRITE_MAX + 1);
	if (!buf)
		return KLATCTL_EXIT_FAIL;
	while (k < todo->n) {
		len = targets_chunk(ctx, todo, k, del, buf, &end);
		if (len < 0) {
			ret = KLATCTL_EXIT_FAIL;
			break;
		}
		st = open_command(ctx, path, what, todo->v[k], &fd);
		if (st) {
			ret = st;
			break;
		}
		err = klatctl_write_fd(fd, buf, (size_t)len);
		if (err) {
			ret = targets_refused(ctx, todo, k, &end, del, err);
		} else {
			targets_done(ctx, todo, k, end, del);
		}
		k = end;
	}
	free(buf);
	return ret;
}

/*
 * Append the traceable functions @glob matches to @todo; -1 after a message if there are
 * none or more than @max.
 */
static int add_glob(const struct klatctl_ctx *ctx, const char *glob, uint64_t max,
		    const struct klatctl_strv *avail, const struct klatctl_strv *black,
		    struct klatctl_strv *todo)
{
	size_t before = todo->n;

	if (klatctl_glob_match(glob, avail, black, todo))
		return -1;
	if (todo->n == before) {
		klatctl_err(ctx, "add: no traceable function matches '%s'", glob);
		return -1;
	}
	if (todo->n - before > max) {
		klatctl_err(ctx, "add: '%s' matches %zu traceable functions, more than --max %llu; "
			    "use a narrower pattern or raise --max", glob, todo->n - before,
			    (unsigned long long)max);
		return -1;
	}
	return 0;
}

/* what add reads from the kernel, each on first need */
struct add_lists {
	struct klatctl_strv avail, black;	/* available_filter_functions, the blacklist */
	bool loaded;
	struct klatctl_syscalls sc;		/* klat/syscalls */
	bool have_sc;
};

/* avail and black of @l read: 0, or an exit status after a message */
static int add_need_avail(const struct klatctl_ctx *ctx, struct add_lists *l)
{
	if (l->loaded)
		return 0;
	if (load_available(ctx, &l->avail, &l->black))
		return KLATCTL_EXIT_FAIL;
	l->loaded = true;
	return 0;
}

/* klat/syscalls of @l read: 0, or an exit status after a message */
static int add_need_syscalls(const struct klatctl_ctx *ctx, struct add_lists *l)
{
	int ret;

	if (l->have_sc)
		return 0;
	ret = klatctl_read_syscalls(ctx, &l->sc);
	if (!ret)
		l->have_sc = true;
	return ret;
}

static void add_lists_free(struct add_lists *l)
{
	klatctl_strv_free(&l->avail);
	klatctl_strv_free(&l->black);
	if (l->have_sc)
		klatctl_syscalls_free(&l->sc);
}

/*
 * Append syscall:NAME to @todo for each system call of klat/syscalls whose name @glob (the
 * part after "syscall:") matches, but ni_syscall; -1 after a message if there are none or
 * more than @max.
 */
static int add_syscall_glob(const struct klatctl_ctx *ctx, const char *glob, uint64_t max,
			    const struct klatctl_syscalls *sc, struct klatctl_strv *todo)
{
	size_t i, before = todo->n, skipped = 0;
	char name[160], why[256] = "";

	for (i = 0; i < sc->n; i++) {
		const char *n = sc->v[i].name;

		if (fnmatch(glob, n, 0) || !strcmp(n, "ni_syscall"))
			continue;
		if (strcmp(sc->v[i].state, "ok")) {	/* the kernel would refuse it */
			if (skipped++ < 4)
				snprintf(why + strlen(why), sizeof(why) - strlen(why), "%s%s (%s)",
					 skipped > 1 ? ", " : "", n, sc->v[i].state);
			continue;
		}
		snprintf(name, sizeof(name), "syscall:%s", n);
		if (klatctl_strv_add(todo, name))
			return -1;
	}
	if (todo->n == before) {
		klatctl_err(ctx, "add: no system call matches 'syscall:%s' (see 'klatctl syscalls')",
			    glob);
		return -1;
	}
	if (todo->n - before > max) {
		klatctl_err(ctx, "add: 'syscall:%s' matches %zu system calls, more than --max %llu; "
			    "use a narrower pattern or raise --max", glob, todo->n - before,
			    (unsigned long long)max);
		return -1;
	}
	if (skipped)
		klatctl_err(ctx, "add: 'syscall:%s': skipping %zu that klat cannot probe on this "
			    "kernel: %s%s", glob, skipped, why, skipped > 4 ? ", ..." : "");
	return 0;
}

/* whether add can take the function @sym: if not, a message saying why */
static bool traceable_function(const struct klatctl_ctx *ctx, const char *sym,
			       const struct add_lists *l)
{
	if (klatctl_strv_bsearch(&l->black, sym)) {
		klatctl_err(ctx, "add: %s: not traceable: in the kprobes blacklist", sym);
		return false;
	}
	if (klatctl_strv_bsearch(&l->avail, sym))
		return true;
	klatctl_err(ctx, "add: %s: not traceable: not in available_filter_functions (or "
		    "several functions have this name)", sym);
	return false;
}

/*
 * Whether add can take syscall:@name: a system call of klat/syscalls (by its name or the
 * kernel's) whose function the kernel's lists let klat probe; if not, a message saying why.
 */
static bool traceable_syscall(const struct klatctl_ctx *ctx, const char *name,
			      const struct add_lists *l)
{
	const struct klatctl_syscall *s = NULL;

	if (strcmp(name, "ni_syscall"))
		s = klatctl_syscalls_find(&l->sc, name);
	if (!s) {
		klatctl_err(ctx, "add: syscall:%s: not a system call of this kernel (see 'klatctl "
			    "syscalls')", name);
		return false;
	}
	if (klatctl_strv_bsearch(&l->black, s->symbol)) {
		klatctl_err(ctx, "add: syscall:%s: not traceable: its function %s is in the kprobes "
			    "blacklist", name, s->symbol);
		return false;
	}
	if (klatctl_strv_bsearch(&l->avail, s->symbol))
		return true;
	klatctl_err(ctx, "add: syscall:%s: not traceable: its function %s is not in "
		    "available_filter_functions", name, s->symbol);
	return false;
}

/* add -n: print the names of @todo; KLATCTL_EXIT_FAIL if one is not traceable */
static int add_dry_run(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo,
		       struct add_lists *l)
{
	int ret = KLATCTL_EXIT_OK;
	size_t k;

	for (k = 0; k < todo->n; k++) {
		if (!strncmp(todo->v[k], "syscall:", 8)) {
			ret = add_need_syscalls(ctx, l);
			if (ret)
				return ret;
			break;
		}
	}
	if (todo->n && add_need_avail(ctx, l))
		return KLATCTL_EXIT_FAIL;
	for (k = 0; k < todo->n; k++) {
		const char *s = todo->v[k];

		if (strncmp(s, "syscall:", 8) ? traceable_function(ctx, s, l) :
		    traceable_syscall(ctx, s + 8, l))
			fprintf(ctx->out, "%s\n", s);
		else
			ret = KLATCTL_EXIT_FAIL;
	}
	return ret;
}

/* the names add argument @s stands for, appended to @todo: 0, or an exit status */
static int add_expand(const struct klatctl_ctx *ctx, const struct klatctl_add_opts *o,
		      const char *s, struct add_lists *l, struct klatctl_strv *todo)
{
	int ret;

	if (!valid_symbol(ctx, "add", s))
		return KLATCTL_EXIT_USAGE;
	if (!strncmp(s, "syscall:", 8) && !s[8]) {
		klatctl_err(ctx, "add: '%s': missing syscall name", s);
		return KLATCTL_EXIT_USAGE;
	}
	if (!klatctl_is_glob(s))	/* syscall:NAME too: the kernel decides */
		return klatctl_strv_add(todo, s) ? KLATCTL_EXIT_FAIL : 0;
	if (!strncmp(s, "syscall:", 8)) {
		ret = add_need_syscalls(ctx, l);
		if (ret)
			return ret;
		return add_syscall_glob(ctx, s + 8, o->max, &l->sc, todo) ? KLATCTL_EXIT_FAIL : 0;
	}
	ret = add_need_avail(ctx, l);
	if (ret)
		return ret;
	return add_glob(ctx, s, o->max, &l->avail, &l->black, todo) ? KLATCTL_EXIT_FAIL : 0;
}

int klatctl_cmd_add(const struct klatctl_ctx *ctx, const struct klatctl_add_opts *o)
{
	struct klatctl_strv todo = { 0 };
	struct add_lists l = { 0 };
	int i, ret = KLATCTL_EXIT_OK;

	for (i = 0; i < o->nsymbols && !ret; i++)
		ret = add_expand(ctx, o, o->symbols[i], &l, &todo);
	if (ret)
		goto out;
	if (o->dry_run) {
		ret = add_dry_run(ctx, &todo, &l);
		goto out;
	}
	ret = klatctl_check_root(ctx);
	if (!ret)
		ret = write_targets(ctx, &todo, false);
out:
	add_lists_free(&l);
	klatctl_strv_free(&todo);
	return ret;
}

/*
 * The targets del's glob @s matches, appended to @todo (each once): by symbol, or for
 * syscall:GLOB by the name in their syscall column.  0, or -1 out of memory.
 */
static int del_glob(const struct klatctl_ctx *ctx, const char *what, const char *s,
		    const struct klatctl_targets *tg, struct klatctl_strv *todo)
{
	bool sys = !strncmp(s, "syscall:", 8), matched = false;
	size_t k, i;

	for (k = 0; k < tg->n; k++) {
		const char *sym = tg->v[k].symbol;

		if (sys ? !strcmp(tg->v[k].syscall, "-") || fnmatch(s + 8, tg->v[k].syscall, 0) :
		    fnmatch(s, sym, 0))
			continue;
		matched = true;
		for (i = 0; i < todo->n && strcmp(todo->v[i], sym); i++)
			;
		if (i == todo->n && klatctl_strv_add(todo, sym))
			return -1;
	}
	if (!matched)
		klatctl_err(ctx, "%s: warning: no target matches '%s'", what, s);
	return 0;
}

/* whether del needs the targets: for --all or a glob */
static bool del_needs_targets(const struct klatctl_del_opts *o)
{
	int i;

	for (i = 0; i < o->nsymbols; i++)
		if (klatctl_is_glob(o->symbols[i]))
			return true;
	return o->all;
}

int klatctl_cmd_del(const struct klatctl_ctx *ctx, const struct klatctl_del_opts *o)
{
	struct klatctl_strv todo = { 0 };
	struct klatctl_targets tg = { 0 };
	bool have_tg = false;
	int i, ret;
	size_t k;

	ret = klatctl_check_root(ctx);
	if (ret)
		return ret;
	if (del_needs_targets(o)) {
		ret = klatctl_read_targets(ctx, &tg);
		if (ret)
			return ret;
		have_tg = true;
	}
	ret = KLATCTL_EXIT_FAIL;
	if (o->all) {
		for (k = 0; k < tg.n; k++)
			if (klatctl_strv_add(&todo, tg.v[k].symbol))
				goto out;
	}
	for (i = 0; i < o->nsymbols; i++) {
		const char *s = o->symbols[i];

		if (!valid_symbol(ctx, "del", s)) {
			ret = KLATCTL_EXIT_USAGE;
			goto out;
		}
		if (klatctl_is_glob(s) ? del_glob(ctx, "del", s, &tg, &todo) : klatctl_strv_add(&todo, s))
			goto out;
	}
	ret = write_targets(ctx, &todo, true);
out:
	if (have_tg)
		klatctl_targets_free(&tg);
	klatctl_strv_free(&todo);
	return ret;
}

/* syscalls [GLOB...]: the system calls of klat/syscalls, those GLOBs name, as a table or JSON */
int klatctl_cmd_syscalls(const struct klatctl_ctx *ctx, char **globs, int nglobs, bool json)
{
	struct klatctl_syscalls sc;
	bool *sel = NULL;
	int i, ret = klatctl_read_syscalls(ctx, &sc);
	size_t k;

	if (ret)
		return ret;
	if (nglobs && !(sel = calloc(sc.n ? sc.n : 1, sizeof(*sel)))) {
		ret = KLATCTL_EXIT_FAIL;
		goto out;
	}
	for (i = 0; i < nglobs; i++) {
		const struct klatctl_syscall *one = NULL;

		if (!klatctl_is_glob(globs[i]) && !(one = klatctl_syscalls_find(&sc, globs[i]))) {
			klatctl_err(ctx, "%s: not a system call of this kernel (see 'klatctl "
				    "syscalls')", globs[i]);
			ret = KLATCTL_EXIT_FAIL;
		}
		if (one)
			sel[one - sc.v] = true;
		for (k = 0; !one && k < sc.n; k++)
			sel[k] |= !fnmatch(globs[i], sc.v[k].name, 0);
	}
	if (!ret && json)
		klatctl_print_syscalls_json(ctx->out, &sc, sel);
	else if (!ret)
		klatctl_print_syscalls(ctx->out, &sc, sel);
out:
	free(sel);
	klatctl_syscalls_free(&sc);
	return ret;
}

int klatctl_cmd_filter(const struct klatctl_ctx *ctx, const struct klatctl_filter_opts *o)
{
	char path[PATH_MAX], *buf, *terms;
	size_t len = 0, n;
	int i, err, ret;

	err = klatctl_check_root(ctx);
	if (err)
		return err;
	if (o->target) {
		if (!safe_component(o->target) ||
		    klatctl_path(ctx, path, sizeof(path), "probes/%s/filter", o->target) ||
		    access(path, F_OK)) {
			klatctl_err(ctx, "%s: not a klat target, or it has no filter (see 'klatctl "
				    "list')", o->target);
			return KLATCTL_EXIT_FAIL;
		}
	} else if (klatctl_path(ctx, path, sizeof(path), "filter")) {
		return KLATCTL_EXIT_FAIL;
	}

	if (!o->nterms) {
		err = klatctl_read_file(path, &buf, &len);
		if (err) {
			if (err == -EACCES || err == -EPERM)
				klatctl_err_need_root(ctx, path, err);
			else
				klatctl_err(ctx, "cannot read %s: %s", path, strerror(-err));
			return KLATCTL_EXIT_FAIL;
		}
		fputs(buf, ctx->out);
		if (len && buf[len - 1] != '\n')
			fputc('\n', ctx->out);
		free(buf);
		return KLATCTL_EXIT_OK;
	}

	for (i = 0; i < o->nterms; i++) {
		if (strpbrk(o->terms[i], "\n\r")) {
			klatctl_err(ctx, "filter: a term may not contain a newline");
			return KLATCTL_EXIT_USAGE;
		}
		len += strlen(o->terms[i]) + 1;
	}
	buf = malloc(len + 1);
	if (!buf)
		return KLATCTL_EXIT_FAIL;
	for (i = 0, n = 0; i < o->nterms; i++) {
		size_t l = strlen(o->terms[i]);

		memcpy(buf + n, o->terms[i], l);
		n += l;
		buf[n++] = i + 1 < o->nterms ? ' ' : '\n';
	}
	buf[n] = '\0';
	terms = strndup(buf, n - 1);	/* for a message */
	ret = terms ? write_command(ctx, path, buf, n, "filter", terms) : KLATCTL_EXIT_FAIL;
	free(terms);
	free(buf);
	return ret;
}

/*
 * reset NAME... was refused with @err: which name, from error_log, and the entry itself;
 * nothing was reset (the kernel resets all the names of a write or none).
 */
static void reset_refused(const struct klatctl_ctx *ctx, const struct klatctl_strv *todo, int err)
{
	char path[PATH_MAX], *buf = NULL, *last = NULL, *cmd = NULL;
	const char *name = todo->n == 1 ? todo->v[0] : NULL;
	size_t k;

	if (err < 0)
		err = -err;
	if (err == EACCES || err == EPERM) {
		klatctl_report_write_error(ctx, "reset", todo->v[0], err);
		return;
	}
	if (!klatctl_path(ctx, path, sizeof(path), "error_log") &&
	    !klatctl_read_file(path, &buf, NULL))
		last = klatctl_error_log_last(buf);
	cmd = last ? klatctl_error_log_command(last, "reset") : NULL;
	for (k = 0; cmd && !name && k < todo->n; k++) {
		char *esc = klatctl_error_log_escape(todo->v[k]);

		if (esc && !strcmp(esc, cmd))
			name = todo->v[k];
		free(esc);
	}
	if (err == ENOENT && name)
		klatctl_err(ctx, "reset %s: not a klat target (ENOENT); nothing was reset", name);
	else
		klatctl_err(ctx, "reset %s: %s (%s); nothing was reset", name ? name : "",
			    strerror(err), klatctl_errno_name(err));
	if (cmd)	/* the kernel's entry for this write */
		fprintf(ctx->err, "%s\n", last);
	free(cmd);
	free(last);
	free(buf);
}

/* the names reset NAME... writes, globs expanded against the targets: 0 or an exit status */
static int reset_expand(const struct klatctl_ctx *ctx, char **names, int nnames,
			struct klatctl_strv *todo)
{
	struct klatctl_targets tg = { 0 };
	bool have_tg = false;
	int i, ret = 0;

	for (i = 0; i < nnames && !ret; i++) {
		const char *s = names[i];

		/* a write starting with a digit resets everything: no name starts with one */
		if (*s >= '0' && *s <= '9') {
			klatctl_err(ctx, "reset: invalid symbol '%s'", s);
			ret = KLATCTL_EXIT_USAGE;
			break;
		}
		if (!valid_symbol(ctx, "reset", s)) {
			ret = KLATCTL_EXIT_USAGE;
			break;
		}
		if (!klatctl_is_glob(s)) {
			ret = klatctl_strv_add(todo, s) ? KLATCTL_EXIT_FAIL : 0;
			continue;
		}
		if (!have_tg) {
			ret = klatctl_read_targets(ctx, &tg);
			if (ret)
				break;
			have_tg = true;
		}
		ret = del_glob(ctx, "reset", s, &tg, todo) ? KLATCTL_EXIT_FAIL : 0;
	}
	if (have_tg)
		klatctl_targets_free(&tg);
	return ret;
}

/*
 * reset: every target's figures and the log; reset NAME...: those targets' figures only
 * (names, syscall:NAME or globs matched against the targets), all in one write, so the
 * kernel resets all of them or, when one is no target, none.
 */
int klatctl_cmd_reset(const struct klatctl_ctx *ctx, char **names, int nnames)
{
	struct klatctl_strv todo = { 0 };
	char path[PATH_MAX], *buf = NULL;
	size_t k, len = 0;
	int ret, fd, err;

	ret = klatctl_check_root(ctx);
	if (ret)
		return ret;
	if (klatctl_path(ctx, path, sizeof(path), "reset"))
		return KLATCTL_EXIT_FAIL;
	if (!nnames)
		return write_command(ctx, path, "1\n", 2, "reset", path);
	ret = reset_expand(ctx, names, nnames, &todo);
	if (ret || !todo.n)	/* only globs that matched nothing: said so, nothing to do */
		goto out;
	for (k = 0; k < todo.n; k++)
		len += strlen(todo.v[k]) + 1;
	ret = KLATCTL_EXIT_FAIL;
	if (len > KLATCTL_WRITE_MAX) {
		klatctl_err(ctx, "reset: %zu names are more than one write of %d bytes takes; "
			    "name fewer", todo.n, KLATCTL_WRITE_MAX);
		goto out;
	}
	buf = malloc(len + 1);
	if (!buf)
		goto out;
	for (k = 0, len = 0; k < todo.n; k++)
		len += (size_t)sprintf(buf + len, "%s\n", todo.v[k]);
	ret = open_command(ctx, path, "reset", todo.v[0], &fd);
	if (ret)
		goto out;
	err = klatctl_write_fd(fd, buf, len);
	if (err) {
		reset_refused(ctx, &todo, err);
		ret = KLATCTL_EXIT_FAIL;
	}
	for (k = 0; !err && ctx->verbose && k < todo.n; k++)
		fprintf(ctx->out, "reset %s\n", todo.v[k]);
out:
	free(buf);
	klatctl_strv_free(&todo);
	return ret;
}

/* The targets @symbols (names or globs; all without) select into @names: 0 or an exit status. */
static int errors_targets(const struct klatctl_ctx *ctx, char **symbols, int nsymbols,
			  struct klatctl_strv *names)
{
	struct klatctl_targets tg;
	int ret, i;
	size_t k;

	ret = klatctl_read_targets(ctx, &tg);
	if (ret)
		return ret;
	for (k = 0; k < tg.n && !ret; k++) {
		bool want = !nsymbols;

		for (i = 0; i < nsymbols && !want; i++)
			want = !fnmatch(symbols[i], tg.v[k].symbol, 0);
		if (want && klatctl_strv_add(names, tg.v[k].symbol))
			ret = KLATCTL_EXIT_FAIL;
	}
	for (i = 0; i < nsymbols && !ret; i++) {
		bool found = false;

		for (k = 0; k < names->n && !found; k++)
			found = !fnmatch(symbols[i], names->v[k], 0);
		if (!found && !klatctl_is_glob(symbols[i])) {
			klatctl_err(ctx, "%s: not a klat target (see 'klatctl list')", symbols[i]);
			ret = KLATCTL_EXIT_FAIL;
		}
	}
	klatctl_targets_free(&tg);
	return ret;
}

/* one row of errors: the table's (target column @tw wide) or, with @first, a JSON object */
static void errors_row(const struct klatctl_ctx *ctx, const char *target, const char *errno_s,
		       const char *name, const char *count, int tw, bool *first)
{
	if (!first) {
		fprintf(ctx->out, "%-*s %6s %-16s %10s\n", tw, target, errno_s, name, count);
		return;
	}
	klatctl_json_item(ctx->out, first);
	fputs("{\"target\": ", ctx->out);
	klatctl_json_str(ctx->out, target);
	fputs(", \"errno\": ", ctx->out);
	klatctl_json_u64_or_str(ctx->out, errno_s);
	fputs(", \"name\": ", ctx->out);
	if (strcmp(name, "-"))
		klatctl_json_str(ctx->out, name);
	else
		fputs("null", ctx->out);
	fputs(", \"count\": ", ctx->out);
	klatctl_json_u64_or_str(ctx->out, count);
	fputc('}', ctx->out);
}

/*
 * The rows of probes/@target/errors, as table rows (target column @tw wide) or, with @first,
 * JSON objects; 0 or an exit status.
 */
static int errors_print_target(const struct klatctl_ctx *ctx, const char *target, int tw,
			       bool *first)
{
	static const char *const defcols[] = { "errno", "name", "count", NULL };
	struct klatctl_table t;
	int ce, cn, cc, line = 0, err;
	size_t r;
	char *buf;

	err = read_probe_file(ctx, target, "errors", &buf);
	if (err) {
		if (ctx->verbose)
			klatctl_err(ctx, "warning: %s: no errors file: %s", target, strerror(-err));
		return 0;
	}
	err = klatctl_table_parse(buf, "errno", defcols, &t, &line);
	free(buf);
	if (err) {
		klatctl_err_parse(ctx, line, err, "%s/probes/%s/errors", ctx->root, target);
		return KLATCTL_EXIT_FAIL;
	}
	ce = klatctl_table_col(&t, "errno");
	cn = klatctl_table_col(&t, "name");
	cc = klatctl_table_col(&t, "count");
	for (r = 0; ce >= 0 && cc >= 0 && r < t.nrows; r++)
		errors_row(ctx, target, klatctl_table_cell(&t, r, ce),
			   cn >= 0 ? klatctl_table_cell(&t, r, cn) : "-",
			   klatctl_table_cell(&t, r, cc), tw, first);
	klatctl_table_free(&t);
	return 0;
}

/* probes/@target/errors text @txt as a table: 0, or an exit status after a message */
static int errors_table(const struct klatctl_ctx *ctx, const char *target, const char *txt,
			struct klatctl_table *t)
{
	static const char *const defcols[] = { "errno", "name", "count", NULL };
	int err, line = 0;

	err = klatctl_table_parse(txt, "errno", defcols, t, &line);
	if (err || klatctl_table_col(t, "errno") < 0 || klatctl_table_col(t, "count") < 0) {
		if (!err)
			klatctl_table_free(t);
		klatctl_err_parse(ctx, line, err ? err : -EINVAL, "%s/probes/%s/errors",
				  ctx->root, target);
		return KLATCTL_EXIT_FAIL;
	}
	return KLATCTL_EXIT_OK;
}

/* the count of errno @e in @t, 0 when it is not there (or @t is NULL) */
static uint64_t errors_count(const struct klatctl_table *t, const char *e)
{
	int ce = t ? klatctl_table_col(t, "errno") : -1, cc = t ? klatctl_table_col(t, "count") : -1;
	uint64_t v;
	size_t r;

	for (r = 0; ce >= 0 && r < t->nrows; r++)
		if (!strcmp(klatctl_table_cell(t, r, ce), e))
			return klatctl_parse_u64(klatctl_table_cell(t, r, cc), &v) ? 0 : v;
	return 0;
}

/* the rows of errors -i/-d for @target: the errnos whose count grew from @prev to @now */
static int errors_window_target(const struct klatctl_ctx *ctx, const char *target,
				const char *now, const char *prev, int tw, bool *first)
{
	struct klatctl_table tn, tp;
	bool has_prev = false;
	int ce, cn;
	size_t r;

	if (!now)
		return KLATCTL_EXIT_OK;	/* no errors file: as errors without -i */
	if (errors_table(ctx, target, now, &tn))
		return KLATCTL_EXIT_FAIL;
	if (prev && !errors_table(ctx, target, prev, &tp))
		has_prev = true;
	ce = klatctl_table_col(&tn, "errno");
	cn = klatctl_table_col(&tn, "name");
	for (r = 0; r < tn.nrows; r++) {
		const char *e = klatctl_table_cell(&tn, r, ce);
		uint64_t d = klatctl_counter_delta(errors_count(&tn, e),
						   errors_count(has_prev ? &tp : NULL, e));
		char count[24];

		if (!d)
			continue;
		snprintf(count, sizeof(count), "%llu", (unsigned long long)d);
		errors_row(ctx, target, e, cn >= 0 ? klatctl_table_cell(&tn, r, cn) : "-", count,
			   tw, first);
	}
	klatctl_table_free(&tn);
	if (has_prev)
		klatctl_table_free(&tp);
	return KLATCTL_EXIT_OK;
}

struct errors_window {
	const struct klatctl_ctx *ctx;
	const struct klatctl_strv *names;
	bool json;
	int tw;
};

static int errors_window_report(void *arg, const struct klatctl_top_sample *now,
				const struct klatctl_top_sample *prev)
{
	const struct errors_window *w = arg;
	int ret = KLATCTL_EXIT_OK;
	bool first = true;
	size_t k;

	if (w->json)
		klatctl_json_begin(w->ctx->out, "errors");
	else
		fprintf(w->ctx->out, "# %-*s %6s %-16s %10s\n", w->tw - 2, "target", "errno", "name",
			"count");
	for (k = 0; k < w->names->n && !ret; k++) {
		const struct klatctl_stats_row *nr = klatctl_stats_find(&now->st, w->names->v[k]);
		const struct klatctl_stats_row *pr = klatctl_stats_find(&prev->st, w->names->v[k]);

		if (nr)		/* else removed during the window */
			ret = errors_window_target(w->ctx, w->names->v[k],
						   now->errs[nr - now->st.rows],
						   pr ? prev->errs[pr - prev->st.rows] : NULL, w->tw,
						   w->json ? &first : NULL);
	}
	if (w->json)
		klatctl_json_end(w->ctx->out, first);
	return ret;
}

/* errors -i/-d: the errnos of each window, from samples of @src */
int klatctl_errors_window(const struct klatctl_ctx *ctx, char **symbols, int nsymbols, bool json,
			  const struct klatctl_window_opts *win,
			  const struct klatctl_top_source *src)
{
	struct klatctl_strv names = { 0 };
	struct errors_window w = { .ctx = ctx, .names = &names, .json = json };
	struct klatctl_window_opts wo = *win;
	size_t k;
	int ret;

	w.tw = (int)strlen("# target");
	ret = errors_targets(ctx, symbols, nsymbols, &names);
	for (k = 0; k < names.n; k++)
		if ((int)strlen(names.v[k]) > w.tw)
			w.tw = (int)strlen(names.v[k]);
	wo.no_stamp = json;
	wo.want = KLATCTL_SAMPLE_ERRS;
	if (!ret)
		ret = klatctl_window_run(ctx, &wo, src, errors_window_report, &w);
	klatctl_strv_free(&names);
	return ret;
}

/* # target errno name count, from each probes/SYMBOL/errors; or JSON */
int klatctl_cmd_errors(const struct klatctl_ctx *ctx, char **symbols, int nsymbols, bool json)
{
	struct klatctl_strv names = { 0 };
	int ret, tw = (int)strlen("# target"), r;
	bool first = true;
	size_t k;

	ret = errors_targets(ctx, symbols, nsymbols, &names);
	if (ret)
		goto out;
	for (k = 0; k < names.n; k++)
		if ((int)strlen(names.v[k]) > tw)
			tw = (int)strlen(names.v[k]);
	if (json)
		klatctl_json_begin(ctx->out, "errors");
	else
		fprintf(ctx->out, "# %-*s %6s %-16s %10s\n", tw - 2, "target", "errno", "name",
			"count");
	for (k = 0; k < names.n; k++) {
		r = errors_print_target(ctx, names.v[k], tw, json ? &first : NULL);
		if (r)
			ret = r;
	}
	if (json)
		klatctl_json_end(ctx->out, first);
out:
	klatctl_strv_free(&names);
	return ret;
}

/* probes/@target/procs parsed into @pr: 1, 0 when there is none (-ENOENT in *@err), -1 after
 * a message */
static int procs_read(const struct klatctl_ctx *ctx, const char *target,
		      struct klatctl_procs *pr, int *err)
{
	char *buf;
	int line = 0;

	*err = read_probe_file(ctx, target, "procs", &buf);
	if (*err) {
		if (ctx->verbose)
			klatctl_err(ctx, "warning: no procs for %s: %s", target, strerror(-*err));
		return 0;
	}
	*err = klatctl_procs_parse(buf, pr, &line);
	free(buf);
	if (*err) {
		klatctl_err_parse(ctx, line, *err, "%s/probes/%s/procs", ctx->root, target);
		return -1;
	}
	return 1;
}

/* procs --on/--off: "1" or "0" to probes/NAME/procs of each target named: an exit status */
static int procs_switch(const struct klatctl_ctx *ctx, const struct klatctl_procs_opts *o)
{
	const char *what = o->set > 0 ? "procs --on" : "procs --off";
	struct klatctl_strv names = { 0 };
	char path[PATH_MAX];
	int ret, r;
	size_t k;

	ret = klatctl_check_root(ctx);
	if (!ret)
		ret = expand_targets(ctx, "procs", o->symbols, o->nsymbols, &names);
	for (k = 0; !ret && k < names.n; k++) {
		if (!safe_component(names.v[k]) ||
		    klatctl_path(ctx, path, sizeof(path), "probes/%s/procs", names.v[k]) ||
		    access(path, F_OK)) {
			klatctl_err(ctx, "%s: not a klat target, or it has no procs file (see "
				    "'klatctl list')", names.v[k]);
			ret = KLATCTL_EXIT_FAIL;
			break;
		}
		r = write_command(ctx, path, o->set > 0 ? "1\n" : "0\n", 2, what, names.v[k]);
		if (r)
			ret = r;
		else if (ctx->verbose)
			fprintf(ctx->out, "%s %s\n", o->set > 0 ? "on" : "off", names.v[k]);
	}
	klatctl_strv_free(&names);
	return ret;
}

/* the procs of @names read into @pr (one each, off or none when not read): an exit status */
static int procs_read_all(const struct klatctl_ctx *ctx, const struct klatctl_procs_opts *o,
			  const struct klatctl_strv *names, struct klatctl_procs *pr)
{
	size_t k;
	int err;

	for (k = 0; k < names->n; k++) {
		int r = procs_read(ctx, names->v[k], &pr[k], &err);

		if (r < 0)
			return KLATCTL_EXIT_FAIL;
		if (!r)
			pr[k].off = true;	/* no file: a klat without per-process figures */
		else if (pr[k].off && o->nsymbols)
			klatctl_err(ctx, "procs: warning: %s: per-process figures are off (klatctl "
				    "procs --on %s)", names->v[k], names->v[k]);
	}
	return KLATCTL_EXIT_OK;
}

/*
 * procs [SYMBOL...]: the processes of each target (all, or those named), heaviest first as
 * the kernel orders them, the first o->max_rows of each; a table or JSON.  --on/--off switch.
 */
int klatctl_cmd_procs(const struct klatctl_ctx *ctx, const struct klatctl_procs_opts *o)
{
	struct klatctl_strv names = { 0 };
	struct klatctl_procs *pr = NULL;
	int ret, tw = (int)strlen("# target");
	bool first = true;
	size_t k, i;

	if (o->set)
		return procs_switch(ctx, o);
	ret = errors_targets(ctx, o->symbols, o->nsymbols, &names);
	if (ret)
		goto out;
	ret = KLATCTL_EXIT_FAIL;
	pr = calloc(names.n ? names.n : 1, sizeof(*pr));
	if (!pr)
		goto out;
	ret = procs_read_all(ctx, o, &names, pr);
	if (ret)
		goto out;
	for (k = 0; k < names.n; k++)
		if (pr[k].n && (int)strlen(names.v[k]) > tw)
			tw = (int)strlen(names.v[k]);
	if (o->json)
		klatctl_json_begin(ctx->out, "procs");
	else
		klatctl_print_procs_header(ctx->out, tw, o->unit);
	for (k = 0; k < names.n; k++) {
		for (i = 0; i < pr[k].n && (!o->max_rows || i < o->max_rows); i++) {
			if (!o->json) {
				klatctl_print_proc_row(ctx->out, names.v[k], &pr[k].v[i], tw, o->unit);
				continue;
			}
			klatctl_json_item(ctx->out, &first);
			klatctl_print_proc_json(ctx->out, names.v[k], &pr[k].v[i]);
		}
	}
	if (o->json)
		klatctl_json_end(ctx->out, first);
out:
	for (k = 0; pr && k < names.n; k++)
		klatctl_procs_free(&pr[k]);
	free(pr);
	klatctl_strv_free(&names);
	return ret;
}
