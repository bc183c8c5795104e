// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl parsers for the klat debugfs files (see CONTRACT.md), histogram arithmetic and the
 * expansion of shell globs against the kernel's traceable functions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klatctl_parse.h"

static const char *const ws = " \t\r";

static char *skip_ws(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

/* Split a line in place into at most max tokens; returns the number found. */
static int tokenize(char *line, char **tok, int max)
{
	char *save = NULL, *p;
	int n = 0;

	for (p = strtok_r(line, ws, &save); p; p = strtok_r(NULL, ws, &save)) {
		if (n == max)
			return max + 1;
		tok[n++] = p;
	}
	return n;
}

/* Name @t's columns after the @n pointers at @names (copied, not the strings). */
static int table_set_cols(struct klatctl_table *t, const void *names, int n)
{
	t->cols = calloc((size_t)n, sizeof(*t->cols));
	if (!t->cols)
		return -ENOMEM;
	t->ncols = n;
	memcpy(t->cols, names, (size_t)n * sizeof(*t->cols));
	return 0;
}

/* The number of names in a NULL terminated list. */
static int count_names(const char *const *names)
{
	int n = 0;

	while (names[n])
		n++;
	return n;
}

/* A '#' line: @t's header if it has a column @key_col and @t has none yet, else a comment. */
static int table_header(struct klatctl_table *t, char *line, const char *key_col)
{
	char *tok[KLATCTL_MAX_COLS + 2];
	int n, i;

	if (t->cols)
		return 0;
	n = tokenize(line + 1, tok, KLATCTL_MAX_COLS + 1);
	if (n > KLATCTL_MAX_COLS + 1)
		return -E2BIG;
	for (i = 0; i < n && strcmp(tok[i], key_col); i++)
		;
	return i == n ? 0 : table_set_cols(t, tok, n);
}

/* Append a row of cells @tok (at least t->ncols) from line @lineno; @cap: rows allocated. */
static int table_add_row(struct klatctl_table *t, char **tok, int lineno, size_t *cap)
{
	if (t->nrows == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		char **nc = realloc(t->cells, ncap * (size_t)t->ncols * sizeof(*nc));
		int *nl;

		if (!nc)
			return -ENOMEM;
		t->cells = nc;
		nl = realloc(t->lines, ncap * sizeof(*nl));
		if (!nl)
			return -ENOMEM;
		t->lines = nl;
		*cap = ncap;
	}
	memcpy(t->cells + t->nrows * (size_t)t->ncols, tok, (size_t)t->ncols * sizeof(*tok));
	t->lines[t->nrows++] = lineno;
	return 0;
}

/*
 * Parse a whitespace separated table.  The header is the first '#' line that has a column
 * called key_col; other '#' lines are comments.  Without a header, defcols (NULL terminated)
 * names the columns, or the text is rejected.  Rows may carry extra cells past the named
 * columns (ignored) but not fewer.
 */
int klatctl_table_parse(const char *text, const char *key_col, const char *const *defcols,
			struct klatctl_table *t, int *bad_line)
{
	char *tok[KLATCTL_MAX_COLS + 2];
	char *line, *next;
	size_t cap = 0;
	int lineno = 0, n, err;

	memset(t, 0, sizeof(*t));
	t->buf = strdup(text);
	if (!t->buf)
		return -ENOMEM;

	for (line = t->buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line = skip_ws(line);
		if (*line == '#') {
			err = table_header(t, line, key_col);
			if (err == -E2BIG)
				goto bad;
			if (err)
				goto fail;
			continue;
		}
		if (!*line)
			continue;
		if (!t->cols) {
			if (!defcols) {
				err = -EBADMSG;
				goto bad;
			}
			err = table_set_cols(t, defcols, count_names(defcols));
			if (err)
				goto fail;
		}
		n = tokenize(line, tok, KLATCTL_MAX_COLS + 1);
		if (n < t->ncols) {
			err = -EBADMSG;
			goto bad;
		}
		err = table_add_row(t, tok, lineno, &cap);
		if (err)
			goto fail;
	}
	if (!t->cols && defcols) {
		err = table_set_cols(t, defcols, count_names(defcols));
		if (err)
			goto fail;
	}
	if (!t->cols) {
		err = -EBADMSG;
		lineno = 0;
		goto bad;
	}
	return 0;
bad:
	if (bad_line)
		*bad_line = lineno;
fail:
	klatctl_table_free(t);
	return err;
}

int klatctl_table_col(const struct klatctl_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	return -1;
}

const char *klatctl_table_cell(const struct klatctl_table *t, size_t row, int col)
{
	return t->cells[row * (size_t)t->ncols + (size_t)col];
}

void klatctl_table_free(struct klatctl_table *t)
{
	free(t->buf);
	free(t->cols);
	free(t->cells);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

const char *const klatctl_field_names[KF_NR] = {
	[KF_HITS] = "hits",
	[KF_ERRORS] = "errors",
	[KF_MISSED] = "missed",
	[KF_MIN] = "min_ns",
	[KF_AVG] = "avg_ns",
	[KF_P50] = "p50_ns",
	[KF_P90] = "p90_ns",
	[KF_P99] = "p99_ns",
	[KF_MAX] = "max_ns",
	[KF_P999] = "p999_ns",
	[KF_STDDEV] = "stddev_ns",
};

/* The stats file: "# target hits errors ..." then one row per target, columns found by name. */
int klatctl_stats_parse(const char *text, struct klatctl_stats *st, int *bad_line)
{
	struct klatctl_table *t = &st->t;
	int tcol, c, k, i, ret;
	size_t r;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < KF_NR; i++)
		st->idx[i] = -1;
	ret = klatctl_table_parse(text, "target", NULL, t, bad_line);
	if (ret)
		return ret;
	tcol = klatctl_table_col(t, "target");
	if (t->ncols - 1 > KLATCTL_MAX_COLS) {
		ret = -E2BIG;
		goto out;
	}
	for (c = 0; c < t->ncols; c++) {
		if (c == tcol)
			continue;
		st->names[st->ncols] = t->cols[c];
		for (k = 0; k < KF_NR; k++)
			if (st->idx[k] < 0 && !strcmp(t->cols[c], klatctl_field_names[k]))
				st->idx[k] = st->ncols;
		st->ncols++;
	}
	st->rows = calloc(t->nrows ? t->nrows : 1, sizeof(*st->rows));
	if (!st->rows) {
		ret = -ENOMEM;
		goto out;
	}
	for (r = 0; r < t->nrows; r++) {
		struct klatctl_stats_row *row = &st->rows[r];

		row->target = klatctl_table_cell(t, r, tcol);
		for (c = 0, i = 0; c < t->ncols; c++) {
			bool known = false;

			if (c == tcol)
				continue;
			for (k = 0; k < KF_NR; k++)
				known |= st->idx[k] == i;
			row->s[i] = klatctl_table_cell(t, r, c);
			ret = klatctl_parse_u64(row->s[i], &row->v[i]);
			if (!ret) {
				row->num |= 1ULL << i;
			} else if (known) {
				if (bad_line)
					*bad_line = t->lines[r];
				goto out;
			}
			i++;
		}
		st->nrows++;
	}
	ret = 0;
out:
	if (ret)
		klatctl_stats_free(st);
	return ret;
}

bool klatctl_stats_has(const struct klatctl_stats *st, enum klatctl_field f)
{
	return st->idx[f] >= 0;
}

uint64_t klatctl_stats_get(const struct klatctl_stats *st, size_t row, enum klatctl_field f)
{
	return st->idx[f] >= 0 ? st->rows[row].v[st->idx[f]] : 0;
}

const struct klatctl_stats_row *klatctl_stats_find(const struct klatctl_stats *st,
						   const char *target)
{
	size_t r;

	for (r = 0; r < st->nrows; r++)
		if (!strcmp(st->rows[r].target, target))
			return &st->rows[r];
	return NULL;
}

void klatctl_stats_free(struct klatctl_stats *st)
{
	int c;

	klatctl_table_free(&st->t);
	free(st->rows);
	memset(st, 0, sizeof(*st));
	for (c = 0; c < KF_NR; c++)
		st->idx[c] = -1;
}

/*
 * The next line of the text at *@next, without its newline: its start, its length in *@len,
 * and *@next moved past it.  NULL at the end of the text.
 */
static const char *next_line(const char **next, size_t *len)
{
	const char *p = *next, *eol;

	if (!p || !*p)
		return NULL;
	eol = strchr(p, '\n');
	*len = eol ? (size_t)(eol - p) : strlen(p);
	*next = eol ? eol + 1 : NULL;
	return p;
}

/* "key: value" files such as probes/SYMBOL/stats. */
int klatctl_kv_get_u64(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key), llen;
	const char *p, *next = text;
	char val[32];

	while ((p = next_line(&next, &llen))) {
		if (llen > klen && !strncmp(p, key, klen) && p[klen] == ':') {
			const char *v = p + klen + 1;
			size_t vlen;

			while (*v == ' ' || *v == '\t')
				v++;
			vlen = (size_t)(p + llen - v);
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t' ||
					v[vlen - 1] == '\r'))
				vlen--;
			if (vlen >= sizeof(val))
				return -ERANGE;
			memcpy(val, v, vlen);
			val[vlen] = '\0';
			return klatctl_parse_u64(val, out);
		}
	}
	return -ENOENT;
}

static int bucket_cmp(const void *a, const void *b)
{
	const struct klatctl_bucket *x = a, *y = b;

	return x->low < y->low ? -1 : x->low > y->low;
}

/* probes/SYMBOL/hist: "# low_ns high_ns count" rows, non-empty buckets ascending. */
int klatctl_hist_parse(const char *text, struct klatctl_hist *h, int *bad_line)
{
	static const char *const defcols[] = { "low_ns", "high_ns", "count", NULL };
	struct klatctl_table t;
	int cl, ch, cc, ret = 0;
	size_t r;

	memset(h, 0, sizeof(*h));
	ret = klatctl_table_parse(text, "low_ns", defcols, &t, bad_line);
	if (ret)
		return ret;
	cl = klatctl_table_col(&t, "low_ns");
	ch = klatctl_table_col(&t, "high_ns");
	cc = klatctl_table_col(&t, "count");
	if (cl < 0 || ch < 0 || cc < 0) {
		if (bad_line)
			*bad_line = 0;
		ret = -EBADMSG;
		goto out;
	}
	h->b = calloc(t.nrows ? t.nrows : 1, sizeof(*h->b));
	if (!h->b) {
		ret = -ENOMEM;
		goto out;
	}
	for (r = 0; r < t.nrows; r++) {
		struct klatctl_bucket *b = &h->b[r];

		ret = klatctl_parse_u64(klatctl_table_cell(&t, r, cl), &b->low);
		if (!ret)
			ret = klatctl_parse_u64(klatctl_table_cell(&t, r, ch), &b->high);
		if (!ret)
			ret = klatctl_parse_u64(klatctl_table_cell(&t, r, cc), &b->count);
		if (!ret && b->high < b->low)
			ret = -EBADMSG;
		if (ret) {
			if (bad_line)
				*bad_line = t.lines[r];
			goto out;
		}
		h->total += b->count;
		h->n++;
	}
	qsort(h->b, h->n, sizeof(*h->b), bucket_cmp);
out:
	klatctl_table_free(&t);
	if (ret)
		klatctl_hist_free(h);
	return ret;
}

/* ret=3 or ret=-97(EAFNOSUPPORT) */
static int parse_ret(char *v, struct klatctl_event *ev)
{
	char num[32], *paren = strchr(v, '(');
	size_t n, nlen;

	ev->ret_str = v;
	if (!paren)
		return klatctl_parse_s64(v, &ev->ret);
	n = strlen(paren);
	nlen = (size_t)(paren - v);
	if (n < 3 || paren[n - 1] != ')' || n - 2 >= sizeof(ev->ret_name) || nlen >= sizeof(num))
		return -EINVAL;
	memcpy(num, v, nlen);
	num[nlen] = '\0';
	memcpy(ev->ret_name, paren + 1, n - 2);
	ev->ret_name[n - 2] = '\0';
	return klatctl_parse_s64(num, &ev->ret);
}

/* One "key=value" token of a log line into @ev; unknown keys are skipped. */
static int log_field(char *tok, struct klatctl_event *ev, bool *have_seq)
{
	const struct {
		const char *key;
		uint64_t *v;
	} nums[] = {
		{ "ts_ns", &ev->ts_ns }, { "cpu", &ev->cpu }, { "pid", &ev->pid },
		{ "tgid", &ev->tgid }, { "lat_ns", &ev->lat_ns },
	};
	char *eq = strchr(tok, '='), *v;
	size_t i;

	if (!eq)
		return 0;
	*eq = '\0';
	v = eq + 1;
	if (!strcmp(tok, "seq")) {
		int ret = klatctl_parse_u64(v, &ev->seq);

		*have_seq = !ret;
		return ret;
	}
	for (i = 0; i < ARRAY_SIZE(nums); i++)
		if (!strcmp(tok, nums[i].key))
			return klatctl_parse_u64(v, nums[i].v);
	if (!strcmp(tok, "ret"))
		return parse_ret(v, ev);
	if (!strcmp(tok, "comm"))
		ev->comm = v;
	else if (!strcmp(tok, "target"))
		ev->target = v;
	else if (!strcmp(tok, "args"))
		ev->args = v;
	return 0;
}

/* A whole event line (@line, tokenized in place; @raw the same line untouched) into @ev. */
static int log_event(char *line, const char *raw, struct klatctl_event *ev)
{
	char *save = NULL, *tok;
	bool have_seq = false;
	int ret;

	*ev = (struct klatctl_event){ .comm = "", .target = "", .args = "", .ret_str = "0" };
	for (tok = strtok_r(line, ws, &save); tok; tok = strtok_r(NULL, ws, &save)) {
		ret = log_field(tok, ev, &have_seq);
		if (ret)
			return ret;
	}
	if (!have_seq)
		return -EBADMSG;
	ev->line = raw;
	return 0;
}

static int log_append(struct klatctl_log *log, const struct klatctl_event *ev, size_t *cap)
{
	if (log->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct klatctl_event *ne = realloc(log->ev, ncap * sizeof(*ne));

		if (!ne)
			return -ENOMEM;
		log->ev = ne;
		*cap = ncap;
	}
	log->ev[log->n++] = *ev;
	return 0;
}

/* "# klat log: capacity N events, N shown, N dropped"; other comments are skipped. */
static void log_comment(const char *line, struct klatctl_log *log)
{
	unsigned long long c, s, d;

	if (sscanf(line, "# klat log: capacity %llu events, %llu shown, %llu dropped",
		   &c, &s, &d) == 3) {
		log->capacity = c;
		log->dropped = d;
	}
}

/* The log: "seq=1 ts_ns=... comm=... target=... ret=-97 lat_ns=... args=..." per line. */
int klatctl_log_parse(const char *text, struct klatctl_log *log, int *bad_line)
{
	size_t len = strlen(text), cap = 0;
	char *raw, *work, *rl, *wl, *rnext, *wnext;
	int lineno = 0, ret;

	memset(log, 0, sizeof(*log));
	log->buf = malloc(2 * len + 2);
	if (!log->buf)
		return -ENOMEM;
	raw = log->buf;
	work = log->buf + len + 1;
	memcpy(raw, text, len + 1);
	memcpy(work, text, len + 1);

	for (rl = raw, wl = work; rl && *rl; rl = rnext, wl = wnext) {
		struct klatctl_event ev;

		rnext = strchr(rl, '\n');
		wnext = strchr(wl, '\n');
		if (rnext) {
			*rnext++ = '\0';
			*wnext++ = '\0';
		}
		lineno++;
		wl = skip_ws(wl);
		if (*wl == '#') {
			log_comment(wl, log);
			continue;
		}
		if (!*wl)
			continue;
		ret = log_event(wl, rl, &ev);
		if (ret)
			goto bad;
		ret = log_append(log, &ev, &cap);
		if (ret)
			goto fail;
	}
	return 0;
bad:
	if (bad_line)
		*bad_line = lineno;
fail:
	klatctl_log_free(log);
	return ret;
}

void klatctl_log_free(struct klatctl_log *log)
{
	free(log->buf);
	free(log->ev);
	memset(log, 0, sizeof(*log));
}

/* targets: "# symbol state maxactive syscall" rows (older modules: no syscall column). */
int klatctl_targets_parse(const char *text, struct klatctl_targets *tg, int *bad_line)
{
	static const char *const defcols[] = { "symbol", "state", "maxactive", NULL };
	int cs, cst, cm, csc, ret;
	size_t r;

	memset(tg, 0, sizeof(*tg));
	ret = klatctl_table_parse(text, "symbol", defcols, &tg->t, bad_line);
	if (ret)
		return ret;
	cs = klatctl_table_col(&tg->t, "symbol");
	cst = klatctl_table_col(&tg->t, "state");
	cm = klatctl_table_col(&tg->t, "maxactive");
	csc = klatctl_table_col(&tg->t, "syscall");
	if (cs < 0) {
		klatctl_table_free(&tg->t);
		return -EBADMSG;
	}
	tg->v = calloc(tg->t.nrows ? tg->t.nrows : 1, sizeof(*tg->v));
	if (!tg->v) {
		klatctl_table_free(&tg->t);
		return -ENOMEM;
	}
	for (r = 0; r < tg->t.nrows; r++) {
		tg->v[r].symbol = (char *)klatctl_table_cell(&tg->t, r, cs);
		tg->v[r].state = (char *)(cst >= 0 ? klatctl_table_cell(&tg->t, r, cst) : "-");
		tg->v[r].maxactive = (char *)(cm >= 0 ? klatctl_table_cell(&tg->t, r, cm) : "-");
		tg->v[r].syscall = (char *)(csc >= 0 ? klatctl_table_cell(&tg->t, r, csc) : "-");
	}
	tg->n = tg->t.nrows;
	return 0;
}

void klatctl_targets_free(struct klatctl_targets *tg)
{
	klatctl_table_free(&tg->t);
	free(tg->v);
	memset(tg, 0, sizeof(*tg));
}

/* a C identifier (with @dot, also '.' after the first character, as in foo.isra.0) */
static bool is_ident(const char *s, size_t n, bool dot)
{
	size_t i;

	if (!n || (s[0] >= '0' && s[0] <= '9') || s[0] == '.')
		return false;
	for (i = 0; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || (dot && s[i] == '.')))
			return false;
	return true;
}

/* the args column of klat/syscalls: "-", "?" or identifiers separated by commas */
static bool syscall_args_ok(const char *s)
{
	size_t n;

	if (!strcmp(s, "-") || !strcmp(s, "?"))
		return true;
	for (;;) {
		n = strcspn(s, ",");
		if (!is_ident(s, n, false))
			return false;
		if (!s[n])
			return true;
		s += n + 1;
	}
}

/* row @r of @sc's table into sc->v[r]: 0, or -EBADMSG when a cell is malformed */
static int syscall_row(struct klatctl_syscalls *sc, size_t r, const int *col)
{
	struct klatctl_syscall *s = &sc->v[r];
	const char *nr = klatctl_table_cell(&sc->t, r, col[0]);

	s->name = klatctl_table_cell(&sc->t, r, col[1]);
	s->symbol = klatctl_table_cell(&sc->t, r, col[2]);
	s->args = klatctl_table_cell(&sc->t, r, col[3]);
	s->state = col[4] < 0 ? "ok" : klatctl_table_cell(&sc->t, r, col[4]);
	if (!strcmp(nr, "-"))
		s->nr = KLATCTL_NR_NONE;
	else if (klatctl_parse_u64(nr, &s->nr))
		return -EBADMSG;
	if (!is_ident(s->state, strlen(s->state), false) ||
	    !is_ident(s->name, strlen(s->name), false) ||
	    !is_ident(s->symbol, strlen(s->symbol), true) ||
	    !syscall_args_ok(s->args))
		return -EBADMSG;
	return 0;
}

/*
 * klat/syscalls: "# nr name symbol args state" rows, columns found by name (more may be
 * appended; state may be missing: "ok"). Every cell is checked: nr a number or "-", name,
 * symbol and state identifiers, args "-", "?" or identifiers separated by commas; a
 * malformed row fails with its line in *@bad_line.
 */
int klatctl_syscalls_parse(const char *text, struct klatctl_syscalls *sc, int *bad_line)
{
	static const char *const defcols[] = { "nr", "name", "symbol", "args", NULL };
	int col[5], i, ret;
	size_t r;

	memset(sc, 0, sizeof(*sc));
	ret = klatctl_table_parse(text, "nr", defcols, &sc->t, bad_line);
	if (ret)
		return ret;
	for (i = 0; i < 4; i++) {
		col[i] = klatctl_table_col(&sc->t, defcols[i]);
		if (col[i] < 0) {
			klatctl_syscalls_free(sc);
			return -EBADMSG;
		}
	}
	col[4] = klatctl_table_col(&sc->t, "state");	/* appended later: may be absent */
	sc->v = calloc(sc->t.nrows ? sc->t.nrows : 1, sizeof(*sc->v));
	if (!sc->v) {
		klatctl_syscalls_free(sc);
		return -ENOMEM;
	}
	for (r = 0; r < sc->t.nrows; r++) {
		if (syscall_row(sc, r, col)) {
			if (bad_line)
				*bad_line = sc->t.lines[r];
			klatctl_syscalls_free(sc);
			return -EBADMSG;
		}
	}
	sc->n = sc->t.nrows;
	return 0;
}

void klatctl_syscalls_free(struct klatctl_syscalls *sc)
{
	klatctl_table_free(&sc->t);
	free(sc->v);
	memset(sc, 0, sizeof(*sc));
}

/*
 * The system call @name: by the name users know, or by the kernel's own name (newfstat for
 * fstat, as syscall:NAME takes it too), which its symbol __x64_sys_NAME gives; or NULL.
 */
const struct klatctl_syscall *klatctl_syscalls_find(const struct klatctl_syscalls *sc,
						    const char *name)
{
	size_t i;

	for (i = 0; i < sc->n; i++)
		if (!strcmp(sc->v[i].name, name))
			return &sc->v[i];
	for (i = 0; i < sc->n; i++)
		if (!strncmp(sc->v[i].symbol, "__x64_sys_", 10) &&
		    !strcmp(sc->v[i].symbol + 10, name))
			return &sc->v[i];
	return NULL;
}

/* The last entry of error_log: from its last "[timestamp]" line to the end, newly allocated. */
char *klatctl_error_log_last(const char *text)
{
	const char *p, *next = text, *last = NULL;
	size_t n;

	while ((p = next_line(&next, &n)))
		if (*p == '[')
			last = p;
	if (!last)
		return NULL;
	n = strlen(last);
	while (n && (last[n - 1] == '\n' || last[n - 1] == '\r'))
		n--;
	return strndup(last, n);
}

/*
 * The command of error_log entry @entry (from klatctl_error_log_last()) as the kernel showed
 * it (escaped), if the entry is of a write to @file ("targets"): newly allocated, or NULL.
 */
char *klatctl_error_log_command(const char *entry, const char *file)
{
	static const char cmd[] = "  Command: ";
	const char *p = strchr(entry, ']'), *next;
	size_t n, flen = strlen(file);

	if (*entry != '[' || !p || strncmp(p + 1, " ", 1) || strncmp(p + 2, file, flen) ||
	    p[2 + flen] != ':')
		return NULL;
	next = entry;
	while ((p = next_line(&next, &n)))
		if (n >= sizeof(cmd) - 1 && !strncmp(p, cmd, sizeof(cmd) - 1))
			return strndup(p + sizeof(cmd) - 1, n - (sizeof(cmd) - 1));
	return NULL;
}

#define KLATCTL_ERRLOG_CMD_MAX	127

/*
 * @cmd as error_log shows a command: control bytes, '\\' and bytes above 0x7e as \ooo, cut
 * to 127 bytes; newly allocated, or NULL.
 */
char *klatctl_error_log_escape(const char *cmd)
{
	const unsigned char *p = (const unsigned char *)cmd;
	char *out = malloc(strlen(cmd) * 4 + 1), *o = out;

	if (!out)
		return NULL;
	for (; *p; p++) {
		if (*p < ' ' || *p == '\\' || *p > 0x7e)
			o += sprintf(o, "\\%03o", *p);
		else
			*o++ = (char)*p;
	}
	*o = '\0';
	if (o - out > KLATCTL_ERRLOG_CMD_MAX)
		out[KLATCTL_ERRLOG_CMD_MAX] = '\0';
	return out;
}

/* "# klat procs: SYMBOL, off": the first line of a procs file switched off */
static bool procs_is_off(const char *text)
{
	static const char head[] = "# klat procs: ", off[] = ", off";
	size_t n = strcspn(text, "\n");

	while (n && (text[n - 1] == ' ' || text[n - 1] == '\r'))
		n--;
	return !strncmp(text, head, sizeof(head) - 1) && n >= sizeof(head) - 1 + sizeof(off) - 1 &&
	       !strncmp(text + n - (sizeof(off) - 1), off, sizeof(off) - 1);
}

/* row @r of @pr->t into @pr->v[r]: 0, or -EINVAL when a number is not one */
static int procs_row(struct klatctl_procs *pr, size_t r, const int *c)
{
	struct klatctl_proc *p = &pr->v[r];
	uint64_t *dst[] = { &p->tgid, &p->calls, &p->errors, &p->total_ns, &p->max_ns,
			    &p->avg_ns, &p->over_ns };
	size_t i;

	p->comm = klatctl_table_cell(&pr->t, r, c[1]);
	for (i = 0; i < ARRAY_SIZE(dst); i++) {
		int col = c[i ? i + 1 : 0];

		*dst[i] = 0;
		if (col >= 0 && klatctl_parse_u64(klatctl_table_cell(&pr->t, r, col), dst[i]))
			return -EINVAL;
	}
	if (c[6] < 0)	/* no avg_ns column: from the others */
		p->avg_ns = p->calls ? p->total_ns / p->calls : 0;
	return 0;
}

/*
 * probes/SYMBOL/procs.  tgid, comm, calls and total_ns must be there; errors, max_ns and
 * over_ns count as 0 and avg_ns as total_ns / calls when the kernel lacks them.
 */
int klatctl_procs_parse(const char *text, struct klatctl_procs *pr, int *bad_line)
{
	static const char *const names[] = { "tgid", "comm", "calls", "errors", "total_ns",
					     "max_ns", "avg_ns", "over_ns" };
	int c[ARRAY_SIZE(names)], err;
	size_t i, r;

	memset(pr, 0, sizeof(*pr));
	if (procs_is_off(text)) {
		pr->off = true;
		return 0;
	}
	err = klatctl_table_parse(text, "tgid", NULL, &pr->t, bad_line);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		c[i] = klatctl_table_col(&pr->t, names[i]);
	if (c[1] < 0 || c[2] < 0 || c[4] < 0) {
		err = -EBADMSG;
		if (bad_line)
			*bad_line = 0;
		goto fail;
	}
	pr->v = calloc(pr->t.nrows ? pr->t.nrows : 1, sizeof(*pr->v));
	if (!pr->v) {
		err = -ENOMEM;
		goto fail;
	}
	for (r = 0; r < pr->t.nrows; r++) {
		err = procs_row(pr, r, c);
		if (err) {
			if (bad_line)
				*bad_line = pr->t.lines[r];
			goto fail;
		}
	}
	pr->n = pr->t.nrows;
	return 0;
fail:
	klatctl_procs_free(pr);
	return err;
}

void klatctl_procs_free(struct klatctl_procs *pr)
{
	klatctl_table_free(&pr->t);
	free(pr->v);
	memset(pr, 0, sizeof(*pr));
}

/*
 * available_filter_functions: "name" or "name [module]" per line.  Keeps the names, without
 * the ftrace placeholders for unresolvable addresses and without klat's own functions, sorted.
 * A name listed more than once (static functions of the same name in several files, or in a
 * module and the kernel) is left out: klat refuses ambiguous names (EADDRNOTAVAIL).
 */
int klatctl_parse_filter_functions(const char *text, struct klatctl_strv *out)
{
	const char *p, *next = text;
	char name[512];
	size_t llen;

	while ((p = next_line(&next, &llen))) {
		size_t nlen = strcspn(p, " \t\r\n");
		const char *mod = p + nlen;

		if (nlen && nlen < sizeof(name) && *p != '#') {
			bool skip;

			memcpy(name, p, nlen);
			name[nlen] = '\0';
			while (mod < p + llen && (*mod == ' ' || *mod == '\t'))
				mod++;
			skip = !strncmp(name, "__ftrace_invalid_address__", 26) ||
			       (mod + 6 <= p + llen && !strncmp(mod, "[klat]", 6));
			if (!skip && klatctl_strv_add(out, name))
				return -ENOMEM;
		}
	}
	klatctl_strv_sort_drop_dups(out);
	return 0;
}

/* kprobes/blacklist: "0xstart-0xend\tsymbol" per line. */
int klatctl_parse_blacklist(const char *text, struct klatctl_strv *out)
{
	const char *p, *next = text;
	char line[1024];
	size_t llen;

	while ((p = next_line(&next, &llen))) {
		char *tok[4];
		int n;

		if (llen < sizeof(line)) {
			memcpy(line, p, llen);
			line[llen] = '\0';
			n = tokenize(line, tok, 3);
			if (n >= 2 && n <= 3 && tok[0][0] != '#') {
				if (klatctl_strv_add(out, tok[1]))
					return -ENOMEM;
			} else if (n == 1 && tok[0][0] != '#' && strncmp(tok[0], "0x", 2)) {
				if (klatctl_strv_add(out, tok[0]))
					return -ENOMEM;
			}
		}
	}
	klatctl_strv_sort_uniq(out);
	return 0;
}


static int parse_targets(const char *text, void *out, int *bad_line)
{
	return klatctl_targets_parse(text, out, bad_line);
}

static int parse_stats(const char *text, void *out, int *bad_line)
{
	return klatctl_stats_parse(text, out, bad_line);
}

static int parse_log(const char *text, void *out, int *bad_line)
{
	return klatctl_log_parse(text, out, bad_line);
}

static int parse_syscalls(const char *text, void *out, int *bad_line)
{
	return klatctl_syscalls_parse(text, out, bad_line);
}

/* Read ROOT/@name and parse it into @out: 0, or an exit status after a one-line message. */
static int read_root_parsed(const struct klatctl_ctx *ctx, const char *name,
			    int (*parse)(const char *text, void *out, int *bad_line), void *out)
{
	char *buf;
	int ret, line = 0;

	ret = klatctl_read_root_file(ctx, name, &buf, NULL);
	if (ret)
		return ret;
	ret = parse(buf, out, &line);
	free(buf);
	if (ret) {
		klatctl_err_parse(ctx, line, ret, "%s/%s", ctx->root, name);
		return KLATCTL_EXIT_FAIL;
	}
	return 0;
}

int klatctl_read_targets(const struct klatctl_ctx *ctx, struct klatctl_targets *tg)
{
	return read_root_parsed(ctx, "targets", parse_targets, tg);
}

int klatctl_read_stats(const struct klatctl_ctx *ctx, struct klatctl_stats *st)
{
	return read_root_parsed(ctx, "stats", parse_stats, st);
}

int klatctl_read_log(const struct klatctl_ctx *ctx, struct klatctl_log *log)
{
	return read_root_parsed(ctx, "log", parse_log, log);
}

/*
 * ROOT/syscalls read and parsed: 0, or an exit status after a one-line message.  A klat
 * directory without it is that of a module older than the file: that says so.
 */
int klatctl_read_syscalls(const struct klatctl_ctx *ctx, struct klatctl_syscalls *sc)
{
	char path[PATH_MAX];
	int ret = klatctl_check_root(ctx);

	if (ret)
		return ret;
	if (!klatctl_path(ctx, path, sizeof(path), "syscalls") && access(path, F_OK) &&
	    errno == ENOENT) {
		klatctl_err(ctx, "%s: no such file; this klat module does not list the system "
			    "calls (load a newer klat.ko)", path);
		return KLATCTL_EXIT_FAIL;
	}
	return read_root_parsed(ctx, "syscalls", parse_syscalls, sc);
}
