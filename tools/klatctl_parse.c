// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl parsers for the klat debugfs files (see CONTRACT.md), histogram arithmetic and the
 * expansion of shell globs against the kernel's traceable functions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "klatctl.h"

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
static int table_set_cols(struct klat_table *t, const void *names, int n)
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

/*
 * Parse a whitespace separated table.  The header is the first '#' line that has a column
 * called key_col; other '#' lines are comments.  Without a header, defcols (NULL terminated)
 * names the columns, or the text is rejected.  Rows may carry extra cells past the named
 * columns (ignored) but not fewer.
 */
int klat_table_parse(const char *text, const char *key_col, const char *const *defcols,
		     struct klat_table *t, int *bad_line)
{
	char *tok[KLAT_MAX_COLS + 2];
	char *line, *next;
	size_t cap = 0;
	int lineno = 0, n, i, err;

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
			if (t->cols)
				continue;
			n = tokenize(line + 1, tok, KLAT_MAX_COLS + 1);
			if (n > KLAT_MAX_COLS + 1) {
				err = -E2BIG;
				goto bad;
			}
			for (i = 0; i < n && strcmp(tok[i], key_col); i++)
				;
			if (i == n)
				continue;
			err = table_set_cols(t, tok, n);
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
		n = tokenize(line, tok, KLAT_MAX_COLS + 1);
		if (n < t->ncols) {
			err = -EBADMSG;
			goto bad;
		}
		if (t->nrows == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **nc = realloc(t->cells, ncap * (size_t)t->ncols * sizeof(*nc));
			int *nl;

			if (!nc) {
				err = -ENOMEM;
				goto fail;
			}
			t->cells = nc;
			nl = realloc(t->lines, ncap * sizeof(*nl));
			if (!nl) {
				err = -ENOMEM;
				goto fail;
			}
			t->lines = nl;
			cap = ncap;
		}
		memcpy(t->cells + t->nrows * (size_t)t->ncols, tok,
		       (size_t)t->ncols * sizeof(*tok));
		t->lines[t->nrows++] = lineno;
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
	klat_table_free(t);
	return err;
}

int klat_table_col(const struct klat_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	return -1;
}

const char *klat_table_cell(const struct klat_table *t, size_t row, int col)
{
	return t->cells[row * (size_t)t->ncols + (size_t)col];
}

void klat_table_free(struct klat_table *t)
{
	free(t->buf);
	free(t->cols);
	free(t->cells);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

const char *const klat_field_names[KF_NR] = {
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
int klat_stats_parse(const char *text, struct klat_stats *st, int *bad_line)
{
	struct klat_table *t = &st->t;
	int tcol, c, k, i, ret;
	size_t r;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < KF_NR; i++)
		st->idx[i] = -1;
	ret = klat_table_parse(text, "target", NULL, t, bad_line);
	if (ret)
		return ret;
	tcol = klat_table_col(t, "target");
	if (t->ncols - 1 > KLAT_MAX_COLS) {
		ret = -E2BIG;
		goto out;
	}
	for (c = 0; c < t->ncols; c++) {
		if (c == tcol)
			continue;
		st->names[st->ncols] = t->cols[c];
		for (k = 0; k < KF_NR; k++)
			if (st->idx[k] < 0 && !strcmp(t->cols[c], klat_field_names[k]))
				st->idx[k] = st->ncols;
		st->ncols++;
	}
	st->rows = calloc(t->nrows ? t->nrows : 1, sizeof(*st->rows));
	if (!st->rows) {
		ret = -ENOMEM;
		goto out;
	}
	for (r = 0; r < t->nrows; r++) {
		struct klat_stats_row *row = &st->rows[r];

		row->target = klat_table_cell(t, r, tcol);
		for (c = 0, i = 0; c < t->ncols; c++) {
			bool known = false;

			if (c == tcol)
				continue;
			for (k = 0; k < KF_NR; k++)
				known |= st->idx[k] == i;
			row->s[i] = klat_table_cell(t, r, c);
			ret = klat_parse_u64(row->s[i], &row->v[i]);
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
		klat_stats_free(st);
	return ret;
}

bool klat_stats_has(const struct klat_stats *st, enum klat_field f)
{
	return st->idx[f] >= 0;
}

uint64_t klat_stats_get(const struct klat_stats *st, size_t row, enum klat_field f)
{
	return st->idx[f] >= 0 ? st->rows[row].v[st->idx[f]] : 0;
}

const struct klat_stats_row *klat_stats_find(const struct klat_stats *st, const char *target)
{
	size_t r;

	for (r = 0; r < st->nrows; r++)
		if (!strcmp(st->rows[r].target, target))
			return &st->rows[r];
	return NULL;
}

void klat_stats_free(struct klat_stats *st)
{
	int c;

	klat_table_free(&st->t);
	free(st->rows);
	memset(st, 0, sizeof(*st));
	for (c = 0; c < KF_NR; c++)
		st->idx[c] = -1;
}

/* "key: value" files such as probes/SYMBOL/stats. */
int klat_kv_get_u64(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);
	const char *p = text;
	char val[32];

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);

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
			return klat_parse_u64(val, out);
		}
		p = eol ? eol + 1 : NULL;
	}
	return -ENOENT;
}

static int bucket_cmp(const void *a, const void *b)
{
	const struct klat_bucket *x = a, *y = b;

	return x->low < y->low ? -1 : x->low > y->low;
}

/* probes/SYMBOL/hist: "# low_ns high_ns count" rows, non-empty buckets ascending. */
int klat_hist_parse(const char *text, struct klat_hist *h, int *bad_line)
{
	static const char *const defcols[] = { "low_ns", "high_ns", "count", NULL };
	struct klat_table t;
	int cl, ch, cc, ret = 0;
	size_t r;

	memset(h, 0, sizeof(*h));
	ret = klat_table_parse(text, "low_ns", defcols, &t, bad_line);
	if (ret)
		return ret;
	cl = klat_table_col(&t, "low_ns");
	ch = klat_table_col(&t, "high_ns");
	cc = klat_table_col(&t, "count");
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
		struct klat_bucket *b = &h->b[r];

		ret = klat_parse_u64(klat_table_cell(&t, r, cl), &b->low);
		if (!ret)
			ret = klat_parse_u64(klat_table_cell(&t, r, ch), &b->high);
		if (!ret)
			ret = klat_parse_u64(klat_table_cell(&t, r, cc), &b->count);
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
	klat_table_free(&t);
	if (ret)
		klat_hist_free(h);
	return ret;
}

void klat_hist_free(struct klat_hist *h)
{
	free(h->b);
	memset(h, 0, sizeof(*h));
}

/*
 * Bucket counts are cumulative, so what happened between two reads is now - prev bucket by
 * bucket.  If any bucket went down (a reset between the reads), the interval is "now" itself.
 * Buckets whose difference is zero are dropped.
 */
int klat_hist_diff(const struct klat_hist *now, const struct klat_hist *prev,
		   struct klat_hist *out)
{
	size_t i, j = 0;
	bool reset = false;

	memset(out, 0, sizeof(*out));
	out->b = calloc(now->n ? now->n : 1, sizeof(*out->b));
	if (!out->b)
		return -ENOMEM;
	if (prev) {
		for (i = 0; i < now->n && !reset; i++) {
			while (j < prev->n && prev->b[j].low < now->b[i].low) {
				if (prev->b[j].count)
					reset = true;
				j++;
			}
			if (j < prev->n && prev->b[j].low == now->b[i].low) {
				if (prev->b[j].count > now->b[i].count)
					reset = true;
				j++;
			}
		}
		for (; j < prev->n && !reset; j++)
			if (prev->b[j].count)
				reset = true;
	}
	j = 0;
	for (i = 0; i < now->n; i++) {
		uint64_t c = now->b[i].count;

		if (prev && !reset) {
			while (j < prev->n && prev->b[j].low < now->b[i].low)
				j++;
			if (j < prev->n && prev->b[j].low == now->b[i].low)
				c -= prev->b[j++].count;	/* each prev bucket once */
		}
		if (!c)
			continue;
		out->b[out->n] = now->b[i];
		out->b[out->n].count = c;
		out->total += c;
		out->n++;
	}
	return 0;
}

/* A bucket's upper bound; the kernel's last bucket is open (high = 2^64 - 1): its low end. */
static uint64_t bucket_top(const struct klat_bucket *b)
{
	return b->high == UINT64_MAX ? b->low : b->high;
}

/*
 * The num/den quantile (50/100, 999/1000): the high end of the bucket holding the
 * ceil(total * num / den)-th smallest value.  0 for an empty histogram.
 */
uint64_t klat_hist_percentile(const struct klat_hist *h, unsigned int num, unsigned int den)
{
	unsigned __int128 rank;
	uint64_t cum = 0;
	size_t i;

	if (!h->total || !den)
		return 0;
	rank = ((unsigned __int128)h->total * num + den - 1) / den;
	if (rank < 1)
		rank = 1;
	for (i = 0; i < h->n; i++) {
		cum += h->b[i].count;
		if (cum >= rank)
			return bucket_top(&h->b[i]);
	}
	return h->n ? bucket_top(&h->b[h->n - 1]) : 0;
}

/* The high end of the highest non-empty bucket. */
uint64_t klat_hist_max(const struct klat_hist *h)
{
	size_t i;

	for (i = h->n; i > 0; i--)
		if (h->b[i - 1].count)
			return bucket_top(&h->b[i - 1]);
	return 0;
}

/* funclatency's slots: slot 0 holds 0 and 1, slot i holds [2^i, 2^(i+1) - 1]. */
int klat_log2_slot(uint64_t v)
{
	if (v <= 1)
		return 0;
	return 63 - __builtin_clzll(v);
}

/*
 * Fold fine buckets into log2 slots, each by its low end (the kernel's log-linear buckets never
 * straddle a power of two).  Returns the highest non-empty slot, -1 if none.
 */
int klat_hist_log2(const struct klat_hist *h, uint64_t slots[KLAT_LOG2_SLOTS])
{
	int idx_max = -1, s;
	size_t i;

	memset(slots, 0, KLAT_LOG2_SLOTS * sizeof(slots[0]));
	for (i = 0; i < h->n; i++) {
		if (!h->b[i].count)
			continue;
		s = klat_log2_slot(h->b[i].low);
		slots[s] += h->b[i].count;
		if (s > idx_max)
			idx_max = s;
	}
	return idx_max;
}

/* ret=3 or ret=-97(EAFNOSUPPORT) */
static int parse_ret(char *v, struct klat_event *ev)
{
	char num[32], *paren = strchr(v, '(');
	size_t n, nlen;

	ev->ret_str = v;
	if (!paren)
		return klat_parse_s64(v, &ev->ret);
	n = strlen(paren);
	nlen = (size_t)(paren - v);
	if (n < 3 || paren[n - 1] != ')' || n - 2 >= sizeof(ev->ret_name) || nlen >= sizeof(num))
		return -EINVAL;
	memcpy(num, v, nlen);
	num[nlen] = '\0';
	memcpy(ev->ret_name, paren + 1, n - 2);
	ev->ret_name[n - 2] = '\0';
	return klat_parse_s64(num, &ev->ret);
}

/* The log: "seq=1 ts_ns=... comm=... target=... ret=-97 lat_ns=... args=..." per line. */
int klat_log_parse(const char *text, struct klat_log *log, int *bad_line)
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
		struct klat_event ev = { .comm = "", .target = "", .args = "", .ret_str = "0" };
		char *save = NULL, *tok;
		bool have_seq = false;

		rnext = strchr(rl, '\n');
		wnext = strchr(wl, '\n');
		if (rnext) {
			*rnext++ = '\0';
			*wnext++ = '\0';
		}
		lineno++;
		wl = skip_ws(wl);
		if (*wl == '#') {
			unsigned long long c, s, d;

			if (sscanf(wl, "# klat log: capacity %llu events, %llu shown, %llu dropped",
				   &c, &s, &d) == 3) {
				log->capacity = c;
				log->dropped = d;
			}
			continue;
		}
		if (!*wl)
			continue;
		for (tok = strtok_r(wl, ws, &save); tok; tok = strtok_r(NULL, ws, &save)) {
			char *eq = strchr(tok, '=');
			const char *k = tok, *v;

			if (!eq)
				continue;
			*eq = '\0';
			v = eq + 1;
			ret = 0;
			if (!strcmp(k, "seq")) {
				ret = klat_parse_u64(v, &ev.seq);
				have_seq = !ret;
			} else if (!strcmp(k, "ts_ns")) {
				ret = klat_parse_u64(v, &ev.ts_ns);
			} else if (!strcmp(k, "cpu")) {
				ret = klat_parse_u64(v, &ev.cpu);
			} else if (!strcmp(k, "pid")) {
				ret = klat_parse_u64(v, &ev.pid);
			} else if (!strcmp(k, "tgid")) {
				ret = klat_parse_u64(v, &ev.tgid);
			} else if (!strcmp(k, "lat_ns")) {
				ret = klat_parse_u64(v, &ev.lat_ns);
			} else if (!strcmp(k, "ret")) {
				ret = parse_ret(eq + 1, &ev);
			} else if (!strcmp(k, "comm")) {
				ev.comm = v;
			} else if (!strcmp(k, "target")) {
				ev.target = v;
			} else if (!strcmp(k, "args")) {
				ev.args = v;
			}
			if (ret)
				goto bad;
		}
		if (!have_seq) {
			ret = -EBADMSG;
			goto bad;
		}
		ev.line = rl;
		if (log->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct klat_event *ne = realloc(log->ev, ncap * sizeof(*ne));

			if (!ne) {
				ret = -ENOMEM;
				goto fail;
			}
			log->ev = ne;
			cap = ncap;
		}
		log->ev[log->n++] = ev;
	}
	return 0;
bad:
	if (bad_line)
		*bad_line = lineno;
fail:
	klat_log_free(log);
	return ret;
}

void klat_log_free(struct klat_log *log)
{
	free(log->buf);
	free(log->ev);
	memset(log, 0, sizeof(*log));
}

/* targets: "# symbol state maxactive" rows. */
int klat_targets_parse(const char *text, struct klat_targets *tg, int *bad_line)
{
	static const char *const defcols[] = { "symbol", "state", "maxactive", NULL };
	int cs, cst, cm, ret;
	size_t r;

	memset(tg, 0, sizeof(*tg));
	ret = klat_table_parse(text, "symbol", defcols, &tg->t, bad_line);
	if (ret)
		return ret;
	cs = klat_table_col(&tg->t, "symbol");
	cst = klat_table_col(&tg->t, "state");
	cm = klat_table_col(&tg->t, "maxactive");
	if (cs < 0) {
		klat_table_free(&tg->t);
		return -EBADMSG;
	}
	tg->v = calloc(tg->t.nrows ? tg->t.nrows : 1, sizeof(*tg->v));
	if (!tg->v) {
		klat_table_free(&tg->t);
		return -ENOMEM;
	}
	for (r = 0; r < tg->t.nrows; r++) {
		tg->v[r].symbol = (char *)klat_table_cell(&tg->t, r, cs);
		tg->v[r].state = (char *)(cst >= 0 ? klat_table_cell(&tg->t, r, cst) : "-");
		tg->v[r].maxactive = (char *)(cm >= 0 ? klat_table_cell(&tg->t, r, cm) : "-");
	}
	tg->n = tg->t.nrows;
	return 0;
}

void klat_targets_free(struct klat_targets *tg)
{
	klat_table_free(&tg->t);
	free(tg->v);
	memset(tg, 0, sizeof(*tg));
}

/* The last entry of error_log: from its last "[timestamp]" line to the end, newly allocated. */
char *klat_error_log_last(const char *text)
{
	const char *p = text, *last = NULL;
	size_t n;
	char *s;

	while (p && *p) {
		const char *q = p;

		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '[' && q == p)
			last = p;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!last)
		return NULL;
	n = strlen(last);
	while (n && (last[n - 1] == '\n' || last[n - 1] == '\r'))
		n--;
	s = strndup(last, n);
	return s;
}

int klat_strv_add(struct klat_strv *sv, const char *s)
{
	char *d;

	if (sv->n == sv->cap) {
		size_t ncap = sv->cap ? sv->cap * 2 : 64;
		char **nv = realloc(sv->v, ncap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		sv->v = nv;
		sv->cap = ncap;
	}
	d = strdup(s);
	if (!d)
		return -ENOMEM;
	sv->v[sv->n++] = d;
	return 0;
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void klat_strv_sort_uniq(struct klat_strv *sv)
{
	size_t i, j = 0;

	if (!sv->n)
		return;
	qsort(sv->v, sv->n, sizeof(*sv->v), strp_cmp);
	for (i = 1; i < sv->n; i++) {
		if (!strcmp(sv->v[i], sv->v[j]))
			free(sv->v[i]);
		else
			sv->v[++j] = sv->v[i];
	}
	sv->n = j + 1;
}

bool klat_strv_bsearch(const struct klat_strv *sv, const char *s)
{
	return sv->n && bsearch(&s, sv->v, sv->n, sizeof(*sv->v), strp_cmp);
}

void klat_strv_free(struct klat_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* Sort, then drop every name that occurs more than once. */
static void strv_sort_drop_dups(struct klat_strv *sv)
{
	size_t i = 0, j, n = 0;

	if (!sv->n)	/* qsort(NULL, 0, ...) is undefined */
		return;
	qsort(sv->v, sv->n, sizeof(*sv->v), strp_cmp);
	while (i < sv->n) {
		for (j = i + 1; j < sv->n && !strcmp(sv->v[i], sv->v[j]); j++)
			;
		if (j == i + 1) {
			sv->v[n++] = sv->v[i];
		} else {
			for (; i < j; i++)
				free(sv->v[i]);
		}
		i = j;
	}
	sv->n = n;
}

/*
 * available_filter_functions: "name" or "name [module]" per line.  Keeps the names, without
 * the ftrace placeholders for unresolvable addresses and without klat's own functions, sorted.
 * A name listed more than once (static functions of the same name in several files, or in a
 * module and the kernel) is left out: klat refuses ambiguous names (EADDRNOTAVAIL).
 */
int klat_parse_filter_functions(const char *text, struct klat_strv *out)
{
	const char *p = text;
	char name[512];

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);
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
			if (!skip && klat_strv_add(out, name))
				return -ENOMEM;
		}
		p = eol ? eol + 1 : NULL;
	}
	strv_sort_drop_dups(out);
	return 0;
}

/* kprobes/blacklist: "0xstart-0xend\tsymbol" per line. */
int klat_parse_blacklist(const char *text, struct klat_strv *out)
{
	const char *p = text;
	char line[1024];

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);
		char *tok[4];
		int n;

		if (llen < sizeof(line)) {
			memcpy(line, p, llen);
			line[llen] = '\0';
			n = tokenize(line, tok, 3);
			if (n >= 2 && n <= 3 && tok[0][0] != '#') {
				if (klat_strv_add(out, tok[1]))
					return -ENOMEM;
			} else if (n == 1 && tok[0][0] != '#' && strncmp(tok[0], "0x", 2)) {
				if (klat_strv_add(out, tok[0]))
					return -ENOMEM;
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	klat_strv_sort_uniq(out);
	return 0;
}

bool klat_is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Names in avail (sorted) matching pattern and not blacklisted, appended to out. */
int klat_glob_match(const char *pattern, const struct klat_strv *avail,
		    const struct klat_strv *blacklist, struct klat_strv *out)
{
	size_t i;

	for (i = 0; i < avail->n; i++) {
		if (fnmatch(pattern, avail->v[i], 0))
			continue;
		if (blacklist && klat_strv_bsearch(blacklist, avail->v[i]))
			continue;
		if (klat_strv_add(out, avail->v[i]))
			return -ENOMEM;
	}
	return 0;
}
