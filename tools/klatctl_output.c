// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl output formats: tables with '#' headers, funclatency-style histograms, JSON and the
 * Prometheus text exposition format.  All write to a FILE * so the tests can capture them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "klatctl_output.h"
#include "klatctl_util.h"

/*
 * Nanoseconds for reading: three significant digits in the largest unit that keeps the value
 * at or above 1, e.g. "950ns", "1.23us", "12.3ms", "123ms", "4.50s".  Seconds do not switch to
 * a larger unit, so very long times print as e.g. "1234s".
 */
char *klatctl_fmt_ns(uint64_t ns, char *buf, size_t len)
{
	static const struct { const char *name; uint64_t div; } units[] = {
		{ "us", 1000ULL }, { "ms", 1000000ULL }, { "s", 1000000000ULL },
	};
	size_t i;

	if (ns < 1000) {
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
		return buf;
	}
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		unsigned __int128 n = ns, d = units[i].div;
		uint64_t h = (uint64_t)((n * 100 + d / 2) / d);	/* hundredths */
		uint64_t t = (uint64_t)((n * 10 + d / 2) / d);		/* tenths */
		uint64_t w = (uint64_t)((n + d / 2) / d);		/* whole */

		if (h < 1000) {
			snprintf(buf, len, "%llu.%02llu%s", (unsigned long long)(h / 100),
				 (unsigned long long)(h % 100), units[i].name);
			return buf;
		}
		if (t < 1000) {
			snprintf(buf, len, "%llu.%llu%s", (unsigned long long)(t / 10),
				 (unsigned long long)(t % 10), units[i].name);
			return buf;
		}
		if (w < 1000 || i == ARRAY_SIZE(units) - 1) {
			snprintf(buf, len, "%llu%s", (unsigned long long)w, units[i].name);
			return buf;
		}
	}
	return buf;	/* not reached */
}

/* Exact decimal seconds for nanoseconds: 1023 -> "0.000001023", 1500000000 -> "1.5". */
char *klatctl_fmt_seconds(uint64_t ns, char *buf, size_t len)
{
	uint64_t sec = ns / 1000000000ULL, frac = ns % 1000000000ULL;
	char f[16];
	int i;

	if (!frac) {
		snprintf(buf, len, "%llu", (unsigned long long)sec);
		return buf;
	}
	snprintf(f, sizeof(f), "%09llu", (unsigned long long)frac);
	for (i = 8; i > 0 && f[i] == '0'; i--)
		f[i] = '\0';
	snprintf(buf, len, "%llu.%s", (unsigned long long)sec, f);
	return buf;
}

/* A per-second rate: one decimal below a million, then "1.23M" style. */
char *klatctl_fmt_rate(double v, char *buf, size_t len)
{
	if (v < 0)
		v = 0;
	if (v < 999999.95)
		snprintf(buf, len, "%.1f", v);
	else if (v < 999.995e6)
		snprintf(buf, len, "%.2fM", v / 1e6);
	else
		snprintf(buf, len, "%.2fG", v / 1e9);
	return buf;
}

void klatctl_json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* A Prometheus label value: backslash, double quote and newline are escaped. */
void klatctl_prom_label(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '"')
			fputs("\\\"", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void print_stars(FILE *f, uint64_t val, uint64_t val_max, int width)
{
	int num_stars, num_spaces, i;
	bool need_plus;

	num_stars = 0;
	if (val_max)
		num_stars = (int)((val < val_max ? val : val_max) * (uint64_t)width / val_max);
	num_spaces = width - num_stars;
	need_plus = val > val_max;

	for (i = 0; i < num_stars; i++)
		fputc('*', f);
	for (i = 0; i < num_spaces; i++)
		fputc(' ', f);
	if (need_plus)
		fputc('+', f);
}

/* libbpf-tools' print_log2_hist(): slot i is [2^i, 2^(i+1) - 1], slot 0 is [0, 1]. */
void klatctl_print_log2_hist(FILE *f, const uint64_t *vals, int nvals, const char *val_type)
{
	int stars_max = 40, idx_max = -1;
	uint64_t val, val_max = 0;
	unsigned long long low, high;
	int stars, width, i;

	for (i = 0; i < nvals; i++) {
		val = vals[i];
		if (val > 0)
			idx_max = i;
		if (val > val_max)
			val_max = val;
	}

	if (idx_max < 0)
		return;

	fprintf(f, "%*s%-*s : count    distribution\n", idx_max <= 32 ? 5 : 15, "",
		idx_max <= 32 ? 19 : 29, val_type);

	if (idx_max <= 32)
		stars = stars_max;
	else
		stars = stars_max / 2;

	for (i = 0; i <= idx_max; i++) {
		low = i < 63 ? (1ULL << (i + 1)) >> 1 : 1ULL << 63;
		high = i < 63 ? (1ULL << (i + 1)) - 1 : ~0ULL;
		if (low == high)
			low -= 1;
		val = vals[i];
		width = idx_max <= 32 ? 10 : 20;
		fprintf(f, "%*llu -> %-*llu : %-8llu |", width, low, width, high,
			(unsigned long long)val);
		print_stars(f, val, val_max, stars);
		fputs("|\n", f);
	}
}

static int digits(uint64_t v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* The kernel's own log-linear buckets, one row each, in the same layout. */
void klatctl_print_fine_hist(FILE *f, const struct klatctl_hist *h, const char *val_type)
{
	uint64_t val_max = 0;
	int width = 10;
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (h->b[i].count > val_max)
			val_max = h->b[i].count;
		if (digits(h->b[i].high) > width)
			width = digits(h->b[i].high);
	}
	if (!h->n)
		return;
	fprintf(f, "%*s%-*s : count    distribution\n", 5, "", 2 * width + 4 - 5, val_type);
	for (i = 0; i < h->n; i++) {
		fprintf(f, "%*llu -> %-*llu : %-8llu |", width, (unsigned long long)h->b[i].low,
			width, (unsigned long long)h->b[i].high,
			(unsigned long long)h->b[i].count);
		print_stars(f, h->b[i].count, val_max, 40);
		fputs("|\n", f);
	}
}

static const struct {
	const char *head;
	enum klatctl_field f;
	bool time;
	int width;
} stats_cols[] = {
	{ "hits", KF_HITS, false, 10 },
	{ "errors", KF_ERRORS, false, 8 },
	{ "missed", KF_MISSED, false, 8 },
	{ "min", KF_MIN, true, 8 },
	{ "avg", KF_AVG, true, 8 },
	{ "p50", KF_P50, true, 8 },
	{ "p90", KF_P90, true, 8 },
	{ "p99", KF_P99, true, 8 },
	{ "p999", KF_P999, true, 8 },
	{ "max", KF_MAX, true, 8 },
	{ "stddev", KF_STDDEV, true, 8 },
};

int klatctl_stats_sort_key(const char *name, enum klatctl_field *f)
{
	size_t c;

	for (c = 0; c < ARRAY_SIZE(stats_cols); c++) {
		if (!strcmp(name, stats_cols[c].head)) {
			*f = stats_cols[c].f;
			return 0;
		}
	}
	return -EINVAL;
}

struct sort_item {
	uint64_t v;
	bool has;		/* a value: the column exists and, for a time, the target has hits */
	size_t row;
};

/* descending by value, rows without one last, then in the file's order */
static int sort_item_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	if (x->has != y->has)
		return x->has ? -1 : 1;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The rows of @st sorted by column @key, largest first; malloc'd, NULL when out of memory. */
size_t *klatctl_stats_order(const struct klatctl_stats *st, enum klatctl_field key)
{
	bool time = key != KF_HITS && key != KF_ERRORS && key != KF_MISSED;
	struct sort_item *it = calloc(st->nrows ? st->nrows : 1, sizeof(*it));
	size_t *order = calloc(st->nrows ? st->nrows : 1, sizeof(*order));
	size_t r;

	if (!it || !order) {
		free(it);
		free(order);
		return NULL;
	}
	for (r = 0; r < st->nrows; r++) {
		it[r].row = r;
		it[r].v = klatctl_stats_get(st, r, key);
		it[r].has = klatctl_stats_has(st, key) &&
			    (!time || klatctl_stats_get(st, r, KF_HITS) > 0);
	}
	if (st->nrows)
		qsort(it, st->nrows, sizeof(*it), sort_item_cmp);
	for (r = 0; r < st->nrows; r++)
		order[r] = it[r].row;
	free(it);
	return order;
}

static const struct {
	const char *suffix;
	uint64_t div;
} units[] = {
	[KLATCTL_UNIT_AUTO] = { "", 1 },
	[KLATCTL_UNIT_NS] = { "_ns", 1 },
	[KLATCTL_UNIT_US] = { "_us", 1000 },
	[KLATCTL_UNIT_MS] = { "_ms", 1000000 },
};

static void print_stats_header(FILE *f, int tw, enum klatctl_unit unit)
{
	char head[32];
	size_t c;

	fprintf(f, "# %-*s", tw - 2, "target");
	for (c = 0; c < ARRAY_SIZE(stats_cols); c++) {
		bool fixed = stats_cols[c].time && unit != KLATCTL_UNIT_AUTO;

		snprintf(head, sizeof(head), "%s%s", stats_cols[c].head,
			 stats_cols[c].time ? units[unit].suffix : "");
		fprintf(f, " %*s", fixed ? 12 : stats_cols[c].width, head);
	}
	fputc('\n', f);
}

static void print_stats_row(FILE *f, const struct klatctl_stats *st, size_t r, int tw,
			    enum klatctl_unit unit)
{
	bool hits = klatctl_stats_get(st, r, KF_HITS) > 0;
	char buf[32];
	size_t c;

	fprintf(f, "%-*s", tw, st->rows[r].target);
	for (c = 0; c < ARRAY_SIZE(stats_cols); c++) {
		enum klatctl_field fl = stats_cols[c].f;
		uint64_t v = klatctl_stats_get(st, r, fl);
		bool fixed = stats_cols[c].time && unit != KLATCTL_UNIT_AUTO;
		const char *s = buf;

		if (!klatctl_stats_has(st, fl) || !(st->rows[r].num & (1ULL << st->idx[fl])))
			s = "-";	/* the column, or (in a window) the figure, is unknown */
		else if (stats_cols[c].time && !hits)
			s = "-";
		else if (stats_cols[c].time && !fixed)
			klatctl_fmt_ns(v, buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%llu",
				 (unsigned long long)(fixed ? v / units[unit].div : v));
		fprintf(f, " %*s", fixed ? 12 : stats_cols[c].width, s);
	}
	fputc('\n', f);
}

/*
 * # target        hits  errors  missed      min      avg ...
 * Counts are plain integers, times carry their unit, or with a fixed @unit are whole numbers
 * of it (rounded down) under headers min_us, avg_us ...; "-" for a time of a target without
 * hits or a column the kernel does not provide.
 */
void klatctl_print_stats_table(FILE *f, const struct klatctl_stats *st, const bool *sel,
			       const size_t *order, enum klatctl_unit unit)
{
	int tw = (int)strlen("# target");
	size_t i, r;

	for (r = 0; r < st->nrows; r++)
		if ((!sel || sel[r]) && (int)strlen(st->rows[r].target) > tw)
			tw = (int)strlen(st->rows[r].target);
	print_stats_header(f, tw, unit);
	for (i = 0; i < st->nrows; i++) {
		r = order ? order[i] : i;
		if (!sel || sel[r])
			print_stats_row(f, st, r, tw, unit);
	}
}

/* the time columns of procs */
static const char *const procs_times[] = { "total", "max", "avg", "over" };

void klatctl_print_procs_header(FILE *f, int tw, enum klatctl_unit unit)
{
	char head[32];
	size_t c;

	fprintf(f, "# %-*s %8s %-16s %10s %8s", tw - 2, "target", "tgid", "comm", "calls",
		"errors");
	for (c = 0; c < ARRAY_SIZE(procs_times); c++) {
		snprintf(head, sizeof(head), "%s%s", procs_times[c], units[unit].suffix);
		fprintf(f, " %*s", unit != KLATCTL_UNIT_AUTO ? 12 : 9, head);
	}
	fputc('\n', f);
}

/*
 * One process of probes/SYMBOL/procs under klatctl_print_procs_header(): times with their
 * unit, or whole numbers of a fixed @unit (rounded down); comm as the kernel escaped it.
 */
void klatctl_print_proc_row(FILE *f, const char *target, const struct klatctl_proc *p, int tw,
			    enum klatctl_unit unit)
{
	const uint64_t v[] = { p->total_ns, p->max_ns, p->avg_ns, p->over_ns };
	char buf[32];
	size_t c;

	fprintf(f, "%-*s %8llu %-16s %10llu %8llu", tw, target, (unsigned long long)p->tgid,
		p->comm, (unsigned long long)p->calls, (unsigned long long)p->errors);
	for (c = 0; c < ARRAY_SIZE(v); c++) {
		if (unit == KLATCTL_UNIT_AUTO && !v[c])
			snprintf(buf, sizeof(buf), "0");
		else if (unit == KLATCTL_UNIT_AUTO)
			klatctl_fmt_ns(v[c], buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%llu",
				 (unsigned long long)(v[c] / units[unit].div));
		fprintf(f, " %*s", unit != KLATCTL_UNIT_AUTO ? 12 : 9, buf);
	}
	fputc('\n', f);
}

/*
 * {"target": "__sys_socket", "tgid": 1234, "comm": "nginx", "calls": 5000, "errors": 3,
 * "total_ns": 12345678, "max_ns": 99999, "avg_ns": 2469, "over_ns": 0}
 */
void klatctl_print_proc_json(FILE *f, const char *target, const struct klatctl_proc *p)
{
	fputs("{\"target\": ", f);
	klatctl_json_str(f, target);
	fprintf(f, ", \"tgid\": %llu, \"comm\": ", (unsigned long long)p->tgid);
	klatctl_json_str(f, p->comm);
	fprintf(f, ", \"calls\": %llu, \"errors\": %llu, \"total_ns\": %llu, \"max_ns\": %llu, "
		"\"avg_ns\": %llu, \"over_ns\": %llu}", (unsigned long long)p->calls,
		(unsigned long long)p->errors, (unsigned long long)p->total_ns,
		(unsigned long long)p->max_ns, (unsigned long long)p->avg_ns,
		(unsigned long long)p->over_ns);
}

/* {"version": 1, "@list": [ */
void klatctl_json_begin(FILE *f, const char *list)
{
	fprintf(f, "{\"version\": %d, ", KLATCTL_JSON_VERSION);
	klatctl_json_str(f, list);
	fputs(": [", f);
}

/* before each object of the list: one a line */
void klatctl_json_item(FILE *f, bool *first)
{
	fputs(*first ? "\n  " : ",\n  ", f);
	*first = false;
}

void klatctl_json_end(FILE *f, bool first)
{
	fputs(first ? "]}\n" : "\n]}\n", f);
}

/* @s as a JSON number when it is a strict unsigned decimal, null for "-", else a string */
void klatctl_json_u64_or_str(FILE *f, const char *s)
{
	uint64_t v;

	if (!strcmp(s, "-"))
		fputs("null", f);
	else if (!klatctl_parse_u64(s, &v))
		fprintf(f, "%llu", (unsigned long long)v);
	else
		klatctl_json_str(f, s);
}

/* a time ("..._ns") of a target without hits: null, as the table shows "-" */
static bool json_null_time(const struct klatctl_stats *st, size_t r, int c)
{
	size_t n = strlen(st->names[c]);

	return klatctl_stats_get(st, r, KF_HITS) == 0 && n > 3 &&
	       !strcmp(st->names[c] + n - 3, "_ns");
}

/*
 * {"version": 1, "targets": [{"target": "x", "hits": 1, ...}, ...]}: every column of the
 * stats file under its own name; times of a target without hits are null.
 */
void klatctl_print_stats_json(FILE *f, const struct klatctl_stats *st, const bool *sel,
			      const size_t *order)
{
	bool first = true;
	size_t i, r;
	int c;

	klatctl_json_begin(f, "targets");
	for (i = 0; i < st->nrows; i++) {
		r = order ? order[i] : i;
		if (sel && !sel[r])
			continue;
		klatctl_json_item(f, &first);
		fputs("{\"target\": ", f);
		klatctl_json_str(f, st->rows[r].target);
		for (c = 0; c < st->ncols; c++) {
			fputs(", ", f);
			klatctl_json_str(f, st->names[c]);
			fputs(": ", f);
			if (json_null_time(st, r, c))
				fputs("null", f);
			else if (st->rows[r].num & (1ULL << c))
				fprintf(f, "%llu", (unsigned long long)st->rows[r].v[c]);
			else	/* "-": unknown, null */
				klatctl_json_u64_or_str(f, st->rows[r].s[c]);
		}
		fputc('}', f);
	}
	klatctl_json_end(f, first);
}

/* Histogram buckets of the exposition: le = 2^(i+1) - 1 ns for these log2 slots, then +Inf. */
#define PROM_SLOT_FIRST	7	/* le 255ns */
#define PROM_SLOT_LAST	34	/* le 34.359738367s */

static void prom_family(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void prom_counter(FILE *f, const struct klatctl_stats *st, const bool *sel,
			 enum klatctl_field fl, const char *name, const char *help)
{
	size_t r;

	if (!klatctl_stats_has(st, fl))
		return;
	prom_family(f, name, "counter", help);
	for (r = 0; r < st->nrows; r++) {
		if (sel && !sel[r])
			continue;
		fprintf(f, "%s{target=", name);
		klatctl_prom_label(f, st->rows[r].target);
		fprintf(f, "} %llu\n", (unsigned long long)klatctl_stats_get(st, r, fl));
	}
}

/*
 * klat_errno_returns_total{target, errno}: a series per errno of each target's errors file;
 * its own family, so that klat_errors_total{target} stays as it was and neither is counted
 * twice by a sum over a family.
 */
static void prom_errno(FILE *f, const struct klatctl_stats *st, const bool *sel,
		       const struct klatctl_prom_target *pt)
{
	bool any = false;
	size_t r, i;

	for (r = 0; pt && r < st->nrows; r++) {
		const struct klatctl_table *t = &pt[r].errors;
		int ce, cn, cc;

		if ((sel && !sel[r]) || !pt[r].has_errors)
			continue;
		ce = klatctl_table_col(t, "errno");
		cn = klatctl_table_col(t, "name");
		cc = klatctl_table_col(t, "count");
		for (i = 0; ce >= 0 && cc >= 0 && i < t->nrows; i++) {
			const char *name = cn >= 0 ? klatctl_table_cell(t, i, cn) : "-";
			uint64_t n;

			if (klatctl_parse_u64(klatctl_table_cell(t, i, cc), &n))
				continue;
			if (!any)
				prom_family(f, "klat_errno_returns_total", "counter",
					    "Returns of the probed kernel function with this errno.");
			any = true;
			fputs("klat_errno_returns_total{target=", f);
			klatctl_prom_label(f, st->rows[r].target);
			fputs(",errno=", f);
			klatctl_prom_label(f, strcmp(name, "-") ? name : klatctl_table_cell(t, i, ce));
			fprintf(f, "} %llu\n", (unsigned long long)n);
		}
	}
}

/* klat_latency_seconds{target}: the log2 buckets from 255 ns to 34 s, then +Inf */
static void prom_hist(FILE *f, const struct klatctl_stats *st, const bool *sel,
		      const struct klatctl_prom_target *pt)
{
	bool any_hist = false;
	char buf[48];
	size_t r, i;
	int s;

	for (r = 0; r < st->nrows; r++)
		if ((!sel || sel[r]) && pt && pt[r].has_hist)
			any_hist = true;
	if (!any_hist)
		return;
	prom_family(f, "klat_latency_seconds", "histogram",
		    "Latency of the probed kernel function, from entry to return.");
	for (r = 0; r < st->nrows; r++) {
		const struct klatctl_hist *h = &pt[r].hist;
		uint64_t cum = 0, sum;

		if ((sel && !sel[r]) || !pt[r].has_hist)
			continue;
		i = 0;
		for (s = PROM_SLOT_FIRST; s <= PROM_SLOT_LAST; s++) {
			uint64_t le = (1ULL << (s + 1)) - 1;

			for (; i < h->n && h->b[i].high <= le; i++)
				cum += h->b[i].count;
			fputs("klat_latency_seconds_bucket{target=", f);
			klatctl_prom_label(f, st->rows[r].target);
			fprintf(f, ",le=\"%s\"} %llu\n", klatctl_fmt_seconds(le, buf, sizeof(buf)),
				(unsigned long long)cum);
		}
		fputs("klat_latency_seconds_bucket{target=", f);
		klatctl_prom_label(f, st->rows[r].target);
		fprintf(f, ",le=\"+Inf\"} %llu\n", (unsigned long long)h->total);

		if (pt[r].has_sum)
			sum = pt[r].sum_ns;
		else
			sum = klatctl_stats_get(st, r, KF_AVG) * klatctl_stats_get(st, r, KF_HITS);
		fputs("klat_latency_seconds_sum{target=", f);
		klatctl_prom_label(f, st->rows[r].target);
		fprintf(f, "} %s\n", klatctl_fmt_seconds(sum, buf, sizeof(buf)));
		fputs("klat_latency_seconds_count{target=", f);
		klatctl_prom_label(f, st->rows[r].target);
		fprintf(f, "} %llu\n", (unsigned long long)h->total);
	}
}

/*
 * klat_target_up{target}: 1 while the target's kretprobe is active, 0 once it is gone (the
 * module holding the function was unloaded); the last family, so the ones before stay as
 * they were.  Without @pt (no ROOT/targets read) there is no such family.
 */
static void prom_target_up(FILE *f, const struct klatctl_stats *st, const bool *sel,
			   const struct klatctl_prom_target *pt)
{
	size_t r;

	if (!pt)
		return;
	prom_family(f, "klat_target_up", "gauge",
		    "1 if klat's probe on the kernel function is active, 0 if it is gone.");
	for (r = 0; r < st->nrows; r++) {
		if ((sel && !sel[r]) || !pt[r].has_state)
			continue;
		fputs("klat_target_up{target=", f);
		klatctl_prom_label(f, st->rows[r].target);
		fprintf(f, "} %d\n", pt[r].up ? 1 : 0);
	}
}

void klatctl_print_prometheus(FILE *f, const struct klatctl_stats *st, const bool *sel,
			      const struct klatctl_prom_target *pt)
{
	prom_counter(f, st, sel, KF_HITS, "klat_calls_total",
		     "Returns of the probed kernel function seen by klat.");
	prom_counter(f, st, sel, KF_ERRORS, "klat_errors_total",
		     "Returns of the probed kernel function with a negative errno.");
	prom_errno(f, st, sel, pt);
	prom_counter(f, st, sel, KF_MISSED, "klat_missed_total",
		     "Calls of the probed kernel function klat could not time (kretprobe misses).");
	prom_hist(f, st, sel, pt);
	prom_target_up(f, st, sel, pt);
}

/* # target state maxactive */
void klatctl_print_targets(FILE *f, const struct klatctl_targets *tg)
{
	int tw = (int)strlen("# target");
	size_t i;

	for (i = 0; i < tg->n; i++)
		if ((int)strlen(tg->v[i].symbol) > tw)
			tw = (int)strlen(tg->v[i].symbol);
	fprintf(f, "# %-*s %-8s %9s %s\n", tw - 2, "target", "state", "maxactive", "syscall");
	for (i = 0; i < tg->n; i++)
		fprintf(f, "%-*s %-8s %9s %s\n", tw, tg->v[i].symbol, tg->v[i].state,
			tg->v[i].maxactive, tg->v[i].syscall);
}

/* a cell that is "-" for none: null, else a JSON string */
static void json_str_or_null(FILE *f, const char *s)
{
	if (strcmp(s, "-"))
		klatctl_json_str(f, s);
	else
		fputs("null", f);
}

/*
 * {"version": 1, "targets": [{"target": "x", "state": "active", "maxactive": 0,
 * "syscall": "socket"}, ...]}; syscall null for a target not added as syscall:NAME
 */
void klatctl_print_targets_json(FILE *f, const struct klatctl_targets *tg)
{
	bool first = true;
	size_t i;

	klatctl_json_begin(f, "targets");
	for (i = 0; i < tg->n; i++) {
		klatctl_json_item(f, &first);
		fputs("{\"target\": ", f);
		klatctl_json_str(f, tg->v[i].symbol);
		fputs(", \"state\": ", f);
		klatctl_json_str(f, tg->v[i].state);
		fputs(", \"maxactive\": ", f);
		klatctl_json_u64_or_str(f, tg->v[i].maxactive);
		fputs(", \"syscall\": ", f);
		json_str_or_null(f, tg->v[i].syscall);
		fputc('}', f);
	}
	klatctl_json_end(f, first);
}

/* @sel: rows to print (NULL: all) */
void klatctl_print_syscalls(FILE *f, const struct klatctl_syscalls *sc, const bool *sel)
{
	int nw = (int)strlen("name"), sw = (int)strlen("symbol"), aw = (int)strlen("args");
	size_t i;

	for (i = 0; i < sc->n; i++) {
		if ((int)strlen(sc->v[i].name) > nw)
			nw = (int)strlen(sc->v[i].name);
		if ((int)strlen(sc->v[i].symbol) > sw)
			sw = (int)strlen(sc->v[i].symbol);
		if ((int)strlen(sc->v[i].args) > aw)
			aw = (int)strlen(sc->v[i].args);
	}
	fprintf(f, "#%4s %-*s %-*s %-*s %s\n", "nr", nw, "name", sw, "symbol", aw, "args",
		"state");
	for (i = 0; i < sc->n; i++) {
		char nr[24] = "-";

		if (sel && !sel[i])
			continue;
		if (sc->v[i].nr != KLATCTL_NR_NONE)
			snprintf(nr, sizeof(nr), "%llu", (unsigned long long)sc->v[i].nr);
		fprintf(f, "%5s %-*s %-*s %-*s %s\n", nr, nw, sc->v[i].name, sw, sc->v[i].symbol,
			aw, sc->v[i].args, sc->v[i].state);
	}
}

/* the args column as a JSON array: [] for "-", null for "?" */
static void syscall_args_json(FILE *f, const char *args)
{
	size_t n;

	if (!strcmp(args, "?")) {
		fputs("null", f);
		return;
	}
	fputc('[', f);
	for (; strcmp(args, "-"); args += n + 1) {
		char name[128];

		n = strcspn(args, ",");
		snprintf(name, sizeof(name), "%.*s", (int)n, args);
		klatctl_json_str(f, name);
		if (!args[n])
			break;
		fputs(", ", f);
	}
	fputc(']', f);
}

/*
 * {"version": 1, "syscalls": [{"nr": 0, "name": "read", "symbol": "ksys_read", "args":
 * ["fd", "buf", "count"]}, ...]}; @sel: rows to print (NULL: all)
 */
void klatctl_print_syscalls_json(FILE *f, const struct klatctl_syscalls *sc, const bool *sel)
{
	bool first = true;
	size_t i;

	klatctl_json_begin(f, "syscalls");
	for (i = 0; i < sc->n; i++) {
		if (sel && !sel[i])
			continue;
		klatctl_json_item(f, &first);
		if (sc->v[i].nr == KLATCTL_NR_NONE)
			fputs("{\"nr\": null, \"name\": ", f);
		else
			fprintf(f, "{\"nr\": %llu, \"name\": ", (unsigned long long)sc->v[i].nr);
		klatctl_json_str(f, sc->v[i].name);
		fputs(", \"symbol\": ", f);
		klatctl_json_str(f, sc->v[i].symbol);
		fputs(", \"args\": ", f);
		syscall_args_json(f, sc->v[i].args);
		fputs(", \"state\": ", f);
		klatctl_json_str(f, sc->v[i].state);
		fputc('}', f);
	}
	klatctl_json_end(f, first);
}

#define LOG_SEQ_W	9

/* # seq time_s cpu pid tgid comm target lat ret args */
void klatctl_print_log_header(FILE *f)
{
	fprintf(f, "#%*s %13s %4s %7s %7s %-16s %-24s %8s %-20s %s\n", LOG_SEQ_W - 1, "seq",
		"time_s", "cpu", "pid", "tgid", "comm", "target", "lat", "ret", "args");
}

/* the header of the --wall table: time instead of time_s */
void klatctl_print_log_header_wall(FILE *f)
{
	fprintf(f, "#%*s %-32s %4s %7s %7s %-16s %-24s %8s %-20s %s\n", LOG_SEQ_W - 1, "seq",
		"time", "cpu", "pid", "tgid", "comm", "target", "lat", "ret", "args");
}

/*
 * CLOCK_MONOTONIC @ts_ns plus @off_ns (CLOCK_REALTIME - CLOCK_MONOTONIC) as local ISO-8601
 * time with microseconds and the UTC offset: "2026-11-29T21:05:12.123456+01:00".
 */
char *klatctl_fmt_wall(uint64_t ts_ns, int64_t off_ns, char *buf, size_t len)
{
	int64_t t = (int64_t)(ts_ns + (uint64_t)off_ns);	/* wraps, never overflows */
	time_t sec = (time_t)(t / 1000000000LL);
	long us = (long)(t % 1000000000LL / 1000);
	char date[32], zone[8];
	struct tm tm;

	if (us < 0) {
		us += 1000000;
		sec--;
	}
	if (!localtime_r(&sec, &tm) || !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm) ||
	    strftime(zone, sizeof(zone), "%z", &tm) != 5) {
		snprintf(buf, len, "-");
		return buf;
	}
	snprintf(buf, len, "%s.%06ld%.3s:%s", date, us, zone, zone + 3);
	return buf;
}

/* one event as a table row, its time column @when (NULL: monotonic seconds) */
void klatctl_print_event_at(FILE *f, const struct klatctl_event *ev, const char *when)
{
	char ts[32], lat[32];

	snprintf(ts, sizeof(ts), "%llu.%06llu", (unsigned long long)(ev->ts_ns / 1000000000ULL),
		 (unsigned long long)(ev->ts_ns % 1000000000ULL / 1000));
	fprintf(f, "%*llu %*s %4llu %7llu %7llu %-16s %-24s %8s %-20s %s\n", LOG_SEQ_W,
		(unsigned long long)ev->seq, when ? -32 : 13, when ? when : ts,
		(unsigned long long)ev->cpu,
		(unsigned long long)ev->pid, (unsigned long long)ev->tgid, ev->comm, ev->target,
		klatctl_fmt_ns(ev->lat_ns, lat, sizeof(lat)), ev->ret_str,
		*ev->args ? ev->args : "-");
}

void klatctl_print_event(FILE *f, const struct klatctl_event *ev)
{
	klatctl_print_event_at(f, ev, NULL);
}

/* a gap of @n events in the log's sequence numbers, as perf's "LOST N events" */
void klatctl_print_lost(FILE *f, uint64_t n, bool json)
{
	if (json)
		fprintf(f, "{\"version\": %d, \"lost\": %llu}\n", KLATCTL_JSON_VERSION,
			(unsigned long long)n);
	else
		fprintf(f, "# LOST %llu events\n", (unsigned long long)n);
}

/*
 * {"seq": 1, "ts_ns": 5124456809, "cpu": 0, "pid": 400, "tgid": 400, "comm": "sockloop",
 * "target": "__sys_socket", "lat_ns": 1534, "ret": -97, "errno_name": "EAFNOSUPPORT",
 * "args": "AF_INET,SOCK_STREAM,IPPROTO_IP"}; errno_name and args null when there are none.
 */
void klatctl_print_event_json(FILE *f, const struct klatctl_event *ev, bool version)
{
	fputc('{', f);
	if (version)
		fprintf(f, "\"version\": %d, ", KLATCTL_JSON_VERSION);
	fprintf(f, "\"seq\": %llu, \"ts_ns\": %llu, \"cpu\": %llu, \"pid\": %llu, \"tgid\": %llu, "
		"\"comm\": ", (unsigned long long)ev->seq, (unsigned long long)ev->ts_ns,
		(unsigned long long)ev->cpu, (unsigned long long)ev->pid,
		(unsigned long long)ev->tgid);
	klatctl_json_str(f, ev->comm);
	fputs(", \"target\": ", f);
	klatctl_json_str(f, ev->target);
	fprintf(f, ", \"lat_ns\": %llu, \"ret\": %lld, \"errno_name\": ",
		(unsigned long long)ev->lat_ns, (long long)ev->ret);
	if (ev->ret_name[0])
		klatctl_json_str(f, ev->ret_name);
	else
		fputs("null", f);
	fputs(", \"args\": ", f);
	if (*ev->args)
		klatctl_json_str(f, ev->args);
	else
		fputs("null", f);
	fputc('}', f);
}

/* funclatency's line under a histogram: "avg = 1811 nsecs, total: 217326 nsecs, count: 120" */
void klatctl_print_hist_summary(FILE *f, uint64_t count, uint64_t sum, const char *val_type)
{
	if (!count)
		return;
	fprintf(f, "\navg = %llu %s, total: %llu %s, count: %llu\n",
		(unsigned long long)(sum / count), val_type, (unsigned long long)sum, val_type,
		(unsigned long long)count);
}

static void json_bucket(FILE *f, bool *first, uint64_t low, uint64_t high, uint64_t count)
{
	fprintf(f, "%s{\"low_ns\": %llu, \"high_ns\": %llu, \"count\": %llu}", *first ? "" : ", ",
		(unsigned long long)low, (unsigned long long)high, (unsigned long long)count);
	*first = false;
}

/*
 * {"target": "x", "count": 120, "sum_ns": 217326, "avg_ns": 1811, "buckets": [{"low_ns": 512,
 * "high_ns": 1023, "count": 10}, ...]}: the non-empty log2 slots (or, @fine, kernel buckets).
 */
void klatctl_print_hist_json(FILE *f, const char *target, const struct klatctl_hist *h,
			     bool fine, const uint64_t *hits, const uint64_t *sum_ns)
{
	uint64_t slots[KLATCTL_LOG2_SLOTS];
	bool first = true;
	size_t i;
	int s, top;

	fputs("{\"target\": ", f);
	klatctl_json_str(f, target);
	fprintf(f, ", \"count\": %llu, \"sum_ns\": ", (unsigned long long)h->total);
	if (sum_ns)
		fprintf(f, "%llu", (unsigned long long)*sum_ns);
	else
		fputs("null", f);
	if (sum_ns && hits && *hits)
		fprintf(f, ", \"avg_ns\": %llu", (unsigned long long)(*sum_ns / *hits));
	else
		fputs(", \"avg_ns\": null", f);
	fputs(", \"buckets\": [", f);
	if (fine) {
		for (i = 0; i < h->n; i++)
			if (h->b[i].count)
				json_bucket(f, &first, h->b[i].low, h->b[i].high, h->b[i].count);
	} else {
		top = klatctl_hist_log2(h, slots);
		for (s = 0; s <= top; s++)
			if (slots[s])
				json_bucket(f, &first, s ? 1ULL << s : 0,
					    s == 63 ? UINT64_MAX : (2ULL << s) - 1, slots[s]);
	}
	fputs("]}", f);
}
