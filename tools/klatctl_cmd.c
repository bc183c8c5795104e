// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl subcommands.  Each returns an exit status (KLAT_EXIT_*) and prints to ctx->out and
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

#include "klatctl.h"

/* A target name as a path component under probes/. */
static bool safe_component(const char *s)
{
	return *s && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

/* A symbol we may write to targets: no blanks or control bytes (one command per line). */
static bool valid_symbol(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || *p == '-')
		return false;
	for (; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static void print_error_log_last(const struct klat_ctx *ctx)
{
	char path[PATH_MAX], *buf = NULL, *last;

	if (klat_path(ctx, path, sizeof(path), "error_log") ||
	    klat_read_file(path, &buf, NULL))
		return;
	last = klat_error_log_last(buf);
	if (last)
		fprintf(ctx->err, "%s\n", last);
	free(last);
	free(buf);
}

void klat_report_write_error(const struct klat_ctx *ctx, const char *what, const char *arg,
			     int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EPERM:
		if (geteuid() == 0) {
			klat_err(ctx, "%s %s: operation not permitted (EPERM): is the kernel locked "
				 "down against kprobes?", what, arg);
			print_error_log_last(ctx);
			return;
		}
		/* fall through */
	case EACCES:
		klat_err(ctx, "%s: permission denied (%s); klatctl must run as root", what,
			 klat_errno_name(err));
		return;
	case EADDRNOTAVAIL:
		klat_err(ctx, "%s %s: several kernel functions have this name (EADDRNOTAVAIL); "
			 "klat cannot tell which to probe", what, arg);
		return;
	case ENOENT:
		if (!strcmp(what, "add"))
			klat_err(ctx, "add %s: unknown kernel symbol (ENOENT)", arg);
		else if (!strcmp(what, "del"))
			klat_err(ctx, "del %s: not a klat target (ENOENT)", arg);
		else
			klat_err(ctx, "%s %s: no such target (ENOENT)", what, arg);
		return;
	case EINVAL:
		if (!strcmp(what, "add"))
			klat_err(ctx, "add %s: the kernel refused to probe it (EINVAL): blacklisted, "
				 "not a function, or part of klat", arg);
		else if (!strcmp(what, "filter"))
			klat_err(ctx, "filter: invalid filter '%s' (EINVAL)", arg);
		else
			klat_err(ctx, "%s %s: invalid argument (EINVAL)", what, arg);
		print_error_log_last(ctx);
		return;
	default:
		klat_err(ctx, "%s %s: %s (%s)", what, arg, strerror(err), klat_errno_name(err));
	}
}

static int read_targets(const struct klat_ctx *ctx, struct klat_targets *tg)
{
	char *buf;
	int ret, line = 0;

	if (klat_read_root_file(ctx, "targets", &buf, NULL))
		return -1;
	ret = klat_targets_parse(buf, tg, &line);
	free(buf);
	if (ret) {
		klat_err(ctx, "%s/targets:%d: cannot parse (%s)", ctx->root, line,
			 klat_errno_name(ret));
		return -1;
	}
	return 0;
}

int klat_cmd_list(const struct klat_ctx *ctx)
{
	struct klat_targets tg;

	if (read_targets(ctx, &tg))
		return KLAT_EXIT_FAIL;
	klat_print_targets(ctx->out, &tg);
	klat_targets_free(&tg);
	return KLAT_EXIT_OK;
}

static int read_stats(const struct klat_ctx *ctx, struct klat_stats *st)
{
	char *buf;
	int ret, line = 0;

	if (klat_read_root_file(ctx, "stats", &buf, NULL))
		return -1;
	ret = klat_stats_parse(buf, st, &line);
	free(buf);
	if (ret) {
		klat_err(ctx, "%s/stats:%d: cannot parse (%s)", ctx->root, line,
			 klat_errno_name(ret));
		return -1;
	}
	return 0;
}

/* Select rows by names or globs; a plain name that is not a target is an error. */
static int select_rows(const struct klat_ctx *ctx, const struct klat_stats *st, char **names,
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
		if (!found && !klat_is_glob(names[i])) {
			klat_err(ctx, "%s: not a klat target (see 'klatctl list')", names[i]);
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

static int read_probe_file(const struct klat_ctx *ctx, const char *target, const char *file,
			   char **buf)
{
	char path[PATH_MAX];

	if (!safe_component(target))
		return -EINVAL;
	if (klat_path(ctx, path, sizeof(path), "probes/%s/%s", target, file))
		return -ENAMETOOLONG;
	return klat_read_file(path, buf, NULL);
}

int klat_cmd_stats(const struct klat_ctx *ctx, const struct klat_stats_opts *o)
{
	struct klat_prom_target *pt = NULL;
	struct klat_stats st;
	bool *sel = NULL;
	int ret = KLAT_EXIT_FAIL;
	size_t r;

	if (read_stats(ctx, &st))
		return KLAT_EXIT_FAIL;
	if (select_rows(ctx, &st, o->symbols, o->nsymbols, &sel))
		goto out;
	if (o->json) {
		klat_print_stats_json(ctx->out, &st, sel);
	} else if (o->prometheus) {
		pt = calloc(st.nrows ? st.nrows : 1, sizeof(*pt));
		if (!pt)
			goto out;
		for (r = 0; r < st.nrows; r++) {
			char *buf;
			int line = 0, err;

			if (sel && !sel[r])
				continue;
			err = read_probe_file(ctx, st.rows[r].target, "hist", &buf);
			if (!err) {
				err = klat_hist_parse(buf, &pt[r].hist, &line);
				free(buf);
				if (err) {
					klat_err(ctx, "%s/probes/%s/hist:%d: cannot parse (%s)",
						 ctx->root, st.rows[r].target, line,
						 klat_errno_name(err));
					goto out;
				}
				pt[r].has_hist = true;
			} else if (ctx->verbose) {
				klat_err(ctx, "warning: no histogram for %s: %s", st.rows[r].target,
					 strerror(-err));
			}
			if (!read_probe_file(ctx, st.rows[r].target, "stats", &buf)) {
				pt[r].has_sum = !klat_kv_get_u64(buf, "sum_ns", &pt[r].sum_ns);
				free(buf);
			}
		}
		klat_print_prometheus(ctx->out, &st, sel, pt);
	} else {
		klat_print_stats_table(ctx->out, &st, sel);
	}
	ret = KLAT_EXIT_OK;
out:
	if (pt) {
		for (r = 0; r < st.nrows; r++)
			klat_hist_free(&pt[r].hist);
		free(pt);
	}
	free(sel);
	klat_stats_free(&st);
	return ret;
}

int klat_cmd_hist(const struct klat_ctx *ctx, const struct klat_hist_opts *o)
{
	uint64_t slots[KLAT_LOG2_SLOTS];
	struct klat_hist h;
	char *buf;
	int err, line = 0, idx;

	if (klat_check_root(ctx))
		return KLAT_EXIT_FAIL;
	err = read_probe_file(ctx, o->symbol, "hist", &buf);
	if (err == -ENOENT || err == -EINVAL) {
		klat_err(ctx, "%s: not a klat target (see 'klatctl list')", o->symbol);
		return KLAT_EXIT_FAIL;
	}
	if (err) {
		klat_err(ctx, "%s/probes/%s/hist: %s (%s)", ctx->root, o->symbol, strerror(-err),
			 klat_errno_name(err));
		return KLAT_EXIT_FAIL;
	}
	err = klat_hist_parse(buf, &h, &line);
	free(buf);
	if (err) {
		klat_err(ctx, "%s/probes/%s/hist:%d: cannot parse (%s)", ctx->root, o->symbol,
			 line, klat_errno_name(err));
		return KLAT_EXIT_FAIL;
	}
	fprintf(ctx->out, "%s: %llu calls\n", o->symbol, (unsigned long long)h.total);
	if (o->fine) {
		klat_print_fine_hist(ctx->out, &h, "nsecs");
	} else {
		idx = klat_hist_log2(&h, slots);
		klat_print_log2_hist(ctx->out, slots, idx + 1, "nsecs");
	}
	klat_hist_free(&h);
	return KLAT_EXIT_OK;
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

int klat_cmd_log(const struct klat_ctx *ctx, const struct klat_log_opts *o)
{
	uint64_t last = 0, polls = 0;
	bool first = true;

	for (;;) {
		struct klat_log log;
		char *buf;
		int err, line = 0;
		size_t i;

		if (klat_read_root_file(ctx, "log", &buf, NULL))
			return KLAT_EXIT_FAIL;
		err = klat_log_parse(buf, &log, &line);
		free(buf);
		if (err) {
			klat_err(ctx, "%s/log:%d: cannot parse (%s)", ctx->root, line,
				 klat_errno_name(err));
			return KLAT_EXIT_FAIL;
		}
		if (first && !o->raw)
			klat_print_log_header(ctx->out);
		first = false;
		/* sequence numbers only go down when the module was reloaded: start over */
		if (log.n && log.ev[log.n - 1].seq < last)
			last = 0;
		for (i = 0; i < log.n; i++) {
			const struct klat_event *ev = &log.ev[i];

			if (o->follow && ev->seq <= last)
				continue;
			if (o->raw)
				fprintf(ctx->out, "%s\n", ev->line);
			else
				klat_print_event(ctx->out, ev);
			if (ev->seq > last)
				last = ev->seq;
		}
		klat_log_free(&log);
		fflush(ctx->out);
		if (!o->follow || (o->polls && ++polls >= o->polls))
			break;
		sleep_ms(o->interval_ms);
	}
	return KLAT_EXIT_OK;
}

static int load_text(const char *path, char **buf)
{
	return klat_read_file(path, buf, NULL);
}

/* dirname of the klat root, e.g. /sys/kernel/debug */
static void root_parent(const struct klat_ctx *ctx, char *buf, size_t len)
{
	char *slash;

	snprintf(buf, len, "%s", ctx->root);
	slash = strrchr(buf, '/');
	if (slash && slash != buf)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else
		snprintf(buf, len, ".");
}

static int load_available(const struct klat_ctx *ctx, struct klat_strv *avail,
			  struct klat_strv *black)
{
	char parent[PATH_MAX], path[PATH_MAX], ptracing[PATH_MAX];
	const char *dirs[2];
	char *buf = NULL;
	int ndirs = 0, i, n, err = -ENOENT;

	root_parent(ctx, parent, sizeof(parent));
	n = snprintf(ptracing, sizeof(ptracing), "%s/tracing", parent);
	if (n < 0 || (size_t)n >= sizeof(ptracing))
		return -1;
	if (ctx->tracing) {
		dirs[ndirs++] = ctx->tracing;
	} else {
		if (ctx->root_is_default)
			dirs[ndirs++] = KLAT_DEFAULT_TRACING;
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
			klat_err(ctx, "%s: permission denied (%s); klatctl must run as root", path,
				 klat_errno_name(err));
		else
			klat_err(ctx, "cannot read %s/available_filter_functions: %s; is tracefs "
				 "mounted? (mount -t tracefs nodev /sys/kernel/tracing, or use "
				 "--tracing DIR)", dirs[0], strerror(-err));
		return -1;
	}
	err = klat_parse_filter_functions(buf, avail);
	free(buf);
	if (err)
		return -1;

	n = snprintf(path, sizeof(path), "%s/kprobes/blacklist", parent);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	err = load_text(path, &buf);
	if (err) {
		if (ctx->verbose)
			klat_err(ctx, "warning: cannot read %s: %s; not skipping blacklisted "
				 "functions", path, strerror(-err));
		return 0;
	}
	err = klat_parse_blacklist(buf, black);
	free(buf);
	return err ? -1 : 0;
}

int klat_cmd_add(const struct klat_ctx *ctx, const struct klat_add_opts *o)
{
	struct klat_strv avail = { 0 }, black = { 0 }, todo = { 0 };
	bool loaded = false;
	char path[PATH_MAX];
	int i, ret = KLAT_EXIT_FAIL;
	size_t k;

	for (i = 0; i < o->nsymbols; i++) {
		const char *s = o->symbols[i];

		if (!valid_symbol(s)) {
			klat_err(ctx, "add: invalid symbol '%s'", s);
			ret = KLAT_EXIT_USAGE;
			goto out;
		}
		if (!strncmp(s, "syscall:", 8)) {
			if (!s[8]) {
				klat_err(ctx, "add: '%s': missing syscall name", s);
				ret = KLAT_EXIT_USAGE;
				goto out;
			}
			if (klat_strv_add(&todo, s))
				goto out;
		} else if (klat_is_glob(s)) {
			size_t before = todo.n;

			if (!loaded) {
				if (load_available(ctx, &avail, &black))
					goto out;
				loaded = true;
			}
			if (klat_glob_match(s, &avail, &black, &todo))
				goto out;
			if (todo.n == before) {
				klat_err(ctx, "add: no traceable function matches '%s'", s);
				goto out;
			}
			if (todo.n - before > o->max) {
				klat_err(ctx, "add: '%s' matches %zu traceable functions, more than "
					 "--max %llu; use a narrower pattern or raise --max", s,
					 todo.n - before, (unsigned long long)o->max);
				goto out;
			}
		} else if (klat_strv_add(&todo, s)) {
			goto out;
		}
	}

	if (o->dry_run) {
		for (k = 0; k < todo.n; k++)
			fprintf(ctx->out, "%s\n", todo.v[k]);
		ret = KLAT_EXIT_OK;
		goto out;
	}
	if (klat_check_root(ctx) || klat_path(ctx, path, sizeof(path), "targets"))
		goto out;
	ret = KLAT_EXIT_OK;
	for (k = 0; k < todo.n; k++) {
		char line[1024];
		int n = snprintf(line, sizeof(line), "%s\n", todo.v[k]);
		int err;

		if (n < 0 || (size_t)n >= sizeof(line)) {
			klat_err(ctx, "add: symbol too long: %s", todo.v[k]);
			ret = KLAT_EXIT_FAIL;
			continue;
		}
		err = klat_write_file(path, line, (size_t)n);
		if (err) {
			klat_report_write_error(ctx, "add", todo.v[k], err);
			ret = KLAT_EXIT_FAIL;
			if (err == -EACCES || err == -EPERM)
				break;	/* the same for every symbol */
		} else if (ctx->verbose) {
			fprintf(ctx->out, "added %s\n", todo.v[k]);
		}
	}
out:
	klat_strv_free(&avail);
	klat_strv_free(&black);
	klat_strv_free(&todo);
	return ret;
}

int klat_cmd_del(const struct klat_ctx *ctx, const struct klat_del_opts *o)
{
	struct klat_strv todo = { 0 };
	struct klat_targets tg = { 0 };
	bool have_tg = false;
	char path[PATH_MAX];
	int i, ret = KLAT_EXIT_FAIL;
	size_t k;

	if (klat_check_root(ctx))
		return KLAT_EXIT_FAIL;
	if (o->all || o->nsymbols) {
		for (i = 0; i < o->nsymbols && !o->all; i++) {
			if (klat_is_glob(o->symbols[i]))
				break;
		}
		if (o->all || i < o->nsymbols) {
			if (read_targets(ctx, &tg))
				return KLAT_EXIT_FAIL;
			have_tg = true;
		}
	}
	if (o->all) {
		for (k = 0; k < tg.n; k++)
			if (klat_strv_add(&todo, tg.v[k].symbol))
				goto out;
	}
	for (i = 0; i < o->nsymbols; i++) {
		const char *s = o->symbols[i];

		if (!valid_symbol(s)) {
			klat_err(ctx, "del: invalid symbol '%s'", s);
			ret = KLAT_EXIT_USAGE;
			goto out;
		}
		if (klat_is_glob(s)) {
			size_t before = todo.n;

			for (k = 0; k < tg.n; k++)
				if (!fnmatch(s, tg.v[k].symbol, 0) &&
				    klat_strv_add(&todo, tg.v[k].symbol))
					goto out;
			if (todo.n == before)
				klat_err(ctx, "del: warning: no target matches '%s'", s);
		} else if (klat_strv_add(&todo, s)) {
			goto out;
		}
	}
	if (klat_path(ctx, path, sizeof(path), "targets"))
		goto out;
	ret = KLAT_EXIT_OK;
	for (k = 0; k < todo.n; k++) {
		char line[1024];
		int n = snprintf(line, sizeof(line), "-%s\n", todo.v[k]);
		int err;

		if (n < 0 || (size_t)n >= sizeof(line)) {
			klat_err(ctx, "del: symbol too long: %s", todo.v[k]);
			ret = KLAT_EXIT_FAIL;
			continue;
		}
		err = klat_write_file(path, line, (size_t)n);
		if (err) {
			klat_report_write_error(ctx, "del", todo.v[k], err);
			ret = KLAT_EXIT_FAIL;
			if (err == -EACCES || err == -EPERM)
				break;
		} else if (ctx->verbose) {
			fprintf(ctx->out, "removed %s\n", todo.v[k]);
		}
	}
out:
	if (have_tg)
		klat_targets_free(&tg);
	klat_strv_free(&todo);
	return ret;
}

int klat_cmd_filter(const struct klat_ctx *ctx, const struct klat_filter_opts *o)
{
	char path[PATH_MAX], *buf;
	size_t len = 0, n;
	int i, err;

	if (klat_check_root(ctx))
		return KLAT_EXIT_FAIL;
	if (o->target) {
		if (!safe_component(o->target) ||
		    klat_path(ctx, path, sizeof(path), "probes/%s/filter", o->target) ||
		    access(path, F_OK)) {
			klat_err(ctx, "%s: not a klat target, or it has no filter (see 'klatctl "
				 "list')", o->target);
			return KLAT_EXIT_FAIL;
		}
	} else if (klat_path(ctx, path, sizeof(path), "filter")) {
		return KLAT_EXIT_FAIL;
	}

	if (!o->nterms) {
		err = klat_read_file(path, &buf, &len);
		if (err) {
			if (err == -EACCES || err == -EPERM)
				klat_err(ctx, "%s: permission denied (%s); klatctl must run as root",
					 path, klat_errno_name(err));
			else
				klat_err(ctx, "cannot read %s: %s", path, strerror(-err));
			return KLAT_EXIT_FAIL;
		}
		fputs(buf, ctx->out);
		if (len && buf[len - 1] != '\n')
			fputc('\n', ctx->out);
		free(buf);
		return KLAT_EXIT_OK;
	}

	for (i = 0; i < o->nterms; i++) {
		if (strpbrk(o->terms[i], "\n\r")) {
			klat_err(ctx, "filter: a term may not contain a newline");
			return KLAT_EXIT_USAGE;
		}
		len += strlen(o->terms[i]) + 1;
	}
	buf = malloc(len + 1);
	if (!buf)
		return KLAT_EXIT_FAIL;
	for (i = 0, n = 0; i < o->nterms; i++) {
		size_t l = strlen(o->terms[i]);

		memcpy(buf + n, o->terms[i], l);
		n += l;
		buf[n++] = i + 1 < o->nterms ? ' ' : '\n';
	}
	buf[n] = '\0';
	err = klat_write_file(path, buf, n);
	if (err) {
		buf[n - 1] = '\0';
		klat_report_write_error(ctx, "filter", buf, err);
	}
	free(buf);
	return err ? KLAT_EXIT_FAIL : KLAT_EXIT_OK;
}

int klat_cmd_reset(const struct klat_ctx *ctx)
{
	char path[PATH_MAX];
	int err;

	if (klat_check_root(ctx) || klat_path(ctx, path, sizeof(path), "reset"))
		return KLAT_EXIT_FAIL;
	err = klat_write_file(path, "1\n", 2);
	if (err) {
		klat_report_write_error(ctx, "reset", path, err);
		return KLAT_EXIT_FAIL;
	}
	return KLAT_EXIT_OK;
}

/* # target errno name count, from each probes/SYMBOL/errors */
int klat_cmd_errors(const struct klat_ctx *ctx, char **symbols, int nsymbols)
{
	static const char *const defcols[] = { "errno", "name", "count", NULL };
	struct klat_targets tg;
	struct klat_strv names = { 0 };
	int ret = KLAT_EXIT_OK, tw = (int)strlen("# target"), i;
	size_t k, r;

	if (read_targets(ctx, &tg))
		return KLAT_EXIT_FAIL;
	for (k = 0; k < tg.n; k++) {
		bool want = !nsymbols;

		for (i = 0; i < nsymbols && !want; i++)
			want = !fnmatch(symbols[i], tg.v[k].symbol, 0);
		if (want && klat_strv_add(&names, tg.v[k].symbol)) {
			ret = KLAT_EXIT_FAIL;
			goto out;
		}
	}
	for (i = 0; i < nsymbols; i++) {
		bool found = false;

		for (k = 0; k < names.n && !found; k++)
			found = !fnmatch(symbols[i], names.v[k], 0);
		if (!found && !klat_is_glob(symbols[i])) {
			klat_err(ctx, "%s: not a klat target (see 'klatctl list')", symbols[i]);
			ret = KLAT_EXIT_FAIL;
			goto out;
		}
	}
	for (k = 0; k < names.n; k++)
		if ((int)strlen(names.v[k]) > tw)
			tw = (int)strlen(names.v[k]);
	fprintf(ctx->out, "# %-*s %6s %-16s %10s\n", tw - 2, "target", "errno", "name", "count");
	for (k = 0; k < names.n; k++) {
		struct klat_table t;
		int ce, cn, cc, line = 0, err;
		char *buf;

		err = read_probe_file(ctx, names.v[k], "errors", &buf);
		if (err) {
			if (ctx->verbose)
				klat_err(ctx, "warning: %s: no errors file: %s", names.v[k],
					 strerror(-err));
			continue;
		}
		err = klat_table_parse(buf, "errno", defcols, &t, &line);
		free(buf);
		if (err) {
			klat_err(ctx, "%s/probes/%s/errors:%d: cannot parse (%s)", ctx->root,
				 names.v[k], line, klat_errno_name(err));
			ret = KLAT_EXIT_FAIL;
			continue;
		}
		ce = klat_table_col(&t, "errno");
		cn = klat_table_col(&t, "name");
		cc = klat_table_col(&t, "count");
		for (r = 0; ce >= 0 && cc >= 0 && r < t.nrows; r++)
			fprintf(ctx->out, "%-*s %6s %-16s %10s\n", tw, names.v[k],
				klat_table_cell(&t, r, ce),
				cn >= 0 ? klat_table_cell(&t, r, cn) : "-",
				klat_table_cell(&t, r, cc));
		klat_table_free(&t);
	}
out:
	klat_strv_free(&names);
	klat_targets_free(&tg);
	return ret;
}
