/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl - control and report tool for the klat kernel module.
 *
 * Shared declarations: parsers for the debugfs files described in CONTRACT.md, number parsing
 * and formatting helpers, output formats and the subcommands themselves.  Everything except
 * main() lives in libklatctl.a so the unit tests can call it directly.
 */
#ifndef KLATCTL_H
#define KLATCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KLAT_DEFAULT_ROOT	"/sys/kernel/debug/klat"
#define KLAT_DEFAULT_TRACING	"/sys/kernel/tracing"
#define KLAT_DEFAULT_MAX_GLOB	100

/* exit status */
#define KLAT_EXIT_OK		0
#define KLAT_EXIT_FAIL		1	/* runtime error: kernel refused, file missing */
#define KLAT_EXIT_USAGE		2	/* bad command line */

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct klat_ctx {
	const char *root;	/* klat debugfs directory */
	const char *tracing;	/* tracefs directory, NULL: search the defaults */
	bool root_is_default;	/* root came from neither --root nor KLAT_ROOT */
	int verbose;
	FILE *out;
	FILE *err;
};

/* ---- klatctl_util.c ---- */

void klat_err(const struct klat_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int klat_parse_u64(const char *s, uint64_t *out);
int klat_parse_s64(const char *s, int64_t *out);
int klat_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);
int klat_parse_interval_ms(const char *s, uint64_t *ms);

char *klat_fmt_ns(uint64_t ns, char *buf, size_t len);
char *klat_fmt_seconds(uint64_t ns, char *buf, size_t len);
char *klat_fmt_rate(double v, char *buf, size_t len);
void klat_json_str(FILE *f, const char *s);
void klat_prom_label(FILE *f, const char *s);
const char *klat_errno_name(int err);

int klat_path(const struct klat_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int klat_read_file(const char *path, char **buf, size_t *len);
int klat_write_file(const char *path, const char *data, size_t len);

enum klat_root_state {
	KLAT_ROOT_OK,
	KLAT_ROOT_NO_DEBUGFS,
	KLAT_ROOT_NO_MODULE,
	KLAT_ROOT_EACCES,
	KLAT_ROOT_NOT_DIR,
	KLAT_ROOT_OTHER,
};

enum klat_root_state klat_root_diagnose(int stat_err, bool is_dir, bool default_root,
					int parent_is_debugfs);
int klat_check_root(const struct klat_ctx *ctx);
void klat_report_root(const struct klat_ctx *ctx, enum klat_root_state st, int err);
int klat_read_root_file(const struct klat_ctx *ctx, const char *name, char **buf, size_t *len);

/* ---- klatctl_parse.c ---- */

/* A whitespace separated table whose columns are named by a "# name name ..." header line. */
struct klat_table {
	char *buf;		/* owns all strings below */
	int ncols;
	char **cols;
	size_t nrows;
	char **cells;		/* nrows * ncols */
	int *lines;		/* line number of each row, from 1 */
};

int klat_table_parse(const char *text, const char *first_col, const char *const *defcols,
		     struct klat_table *t, int *bad_line);
int klat_table_col(const struct klat_table *t, const char *name);
const char *klat_table_cell(const struct klat_table *t, size_t row, int col);
void klat_table_free(struct klat_table *t);

enum klat_field {
	KF_HITS, KF_ERRORS, KF_MISSED, KF_MIN, KF_AVG, KF_P50, KF_P90, KF_P99, KF_MAX, KF_P999,
	KF_STDDEV, KF_NR,
};

extern const char *const klat_field_names[KF_NR];

#define KLAT_MAX_COLS	64

struct klat_stats_row {
	const char *target;
	uint64_t v[KLAT_MAX_COLS];	/* numeric value of each column */
	const char *s[KLAT_MAX_COLS];	/* the cell as read */
	uint64_t num;			/* bit c set: column c is a number */
};

/*
 * The stats file.  Known fields must be numbers; columns added later by the kernel are kept
 * under their header names, as numbers when they parse as one and as strings otherwise.
 */
struct klat_stats {
	struct klat_table t;		/* owns the strings */
	int ncols;			/* columns but "target" */
	const char *names[KLAT_MAX_COLS];
	int idx[KF_NR];			/* column of each known field, -1 when absent */
	size_t nrows;
	struct klat_stats_row *rows;
};

int klat_stats_parse(const char *text, struct klat_stats *st, int *bad_line);
bool klat_stats_has(const struct klat_stats *st, enum klat_field f);
uint64_t klat_stats_get(const struct klat_stats *st, size_t row, enum klat_field f);
const struct klat_stats_row *klat_stats_find(const struct klat_stats *st, const char *target);
void klat_stats_free(struct klat_stats *st);

int klat_kv_get_u64(const char *text, const char *key, uint64_t *out);

struct klat_bucket {
	uint64_t low, high, count;
};

struct klat_hist {
	size_t n;
	struct klat_bucket *b;
	uint64_t total;
};

int klat_hist_parse(const char *text, struct klat_hist *h, int *bad_line);
void klat_hist_free(struct klat_hist *h);
int klat_hist_diff(const struct klat_hist *now, const struct klat_hist *prev,
		   struct klat_hist *out);
uint64_t klat_hist_percentile(const struct klat_hist *h, unsigned int num, unsigned int den);
uint64_t klat_hist_max(const struct klat_hist *h);

#define KLAT_LOG2_SLOTS	64
int klat_log2_slot(uint64_t v);
int klat_hist_log2(const struct klat_hist *h, uint64_t slots[KLAT_LOG2_SLOTS]);

struct klat_event {
	uint64_t seq, ts_ns, cpu, pid, tgid, lat_ns;
	int64_t ret;
	const char *ret_str;		/* as the kernel wrote it: "3", "-97(EAFNOSUPPORT)" */
	const char *comm, *target, *args;
	char ret_name[32];		/* "EAFNOSUPPORT", or "" */
	const char *line;		/* the whole line as read */
};

struct klat_log {
	char *buf;
	size_t n;
	struct klat_event *ev;
	uint64_t capacity, dropped;
};

int klat_log_parse(const char *text, struct klat_log *log, int *bad_line);
void klat_log_free(struct klat_log *log);

struct klat_target {
	char *symbol;
	char *state;
	char *maxactive;
};

struct klat_targets {
	struct klat_table t;
	size_t n;
	struct klat_target *v;
};

int klat_targets_parse(const char *text, struct klat_targets *tg, int *bad_line);
void klat_targets_free(struct klat_targets *tg);

char *klat_error_log_last(const char *text);

/* a growable list of strings */
struct klat_strv {
	size_t n, cap;
	char **v;
};

int klat_strv_add(struct klat_strv *sv, const char *s);
void klat_strv_sort_uniq(struct klat_strv *sv);
bool klat_strv_bsearch(const struct klat_strv *sv, const char *s);
void klat_strv_free(struct klat_strv *sv);

int klat_parse_filter_functions(const char *text, struct klat_strv *out);
int klat_parse_blacklist(const char *text, struct klat_strv *out);
bool klat_is_glob(const char *s);
int klat_glob_match(const char *pattern, const struct klat_strv *avail,
		    const struct klat_strv *blacklist, struct klat_strv *out);

/* ---- klatctl_output.c ---- */

void klat_print_log2_hist(FILE *f, const uint64_t *vals, int nvals, const char *val_type);
void klat_print_fine_hist(FILE *f, const struct klat_hist *h, const char *val_type);
void klat_print_stats_table(FILE *f, const struct klat_stats *st, const bool *sel);
void klat_print_stats_json(FILE *f, const struct klat_stats *st, const bool *sel);
void klat_print_targets(FILE *f, const struct klat_targets *tg);
void klat_print_log_header(FILE *f);
void klat_print_event(FILE *f, const struct klat_event *ev);

/* per target data for the Prometheus exposition */
struct klat_prom_target {
	bool has_hist;
	struct klat_hist hist;
	bool has_sum;
	uint64_t sum_ns;
};

void klat_print_prometheus(FILE *f, const struct klat_stats *st, const bool *sel,
			   const struct klat_prom_target *pt);

/* ---- klatctl_top.c ---- */

enum klat_top_sort { TOP_SORT_CALLS, TOP_SORT_P99, TOP_SORT_MAX, TOP_SORT_ERRORS };

struct klat_top_row {
	char *target;
	double calls_s, errors_s;
	uint64_t calls, errors;
	uint64_t p50, p99, max;		/* 0 when no call in the interval */
};

struct klat_top_sample {
	struct klat_stats st;
	struct klat_hist *hists;	/* one per st row */
	bool *has_hist;
};

struct klat_top_opts {
	uint64_t interval_ms;
	uint64_t frames;		/* 0: forever */
	bool batch;
	enum klat_top_sort sort;
};

int klat_top_parse_sort(const char *s, enum klat_top_sort *out);
int klat_top_sample(const struct klat_ctx *ctx, const char *root, struct klat_top_sample *s);
void klat_top_sample_free(struct klat_top_sample *s);
size_t klat_top_rows(const struct klat_top_sample *now, const struct klat_top_sample *prev,
		     double secs, enum klat_top_sort sort, struct klat_top_row **rows);
void klat_top_rows_free(struct klat_top_row *rows, size_t n);
void klat_top_print_frame(FILE *f, const struct klat_top_row *rows, size_t n, double secs,
			  enum klat_top_sort sort, int width, int height, bool tty);
int klat_top_run(const struct klat_ctx *ctx, const struct klat_top_opts *o);

/* ---- klatctl_cmd.c: the subcommands, callable from the tests ---- */

struct klat_stats_opts {
	bool json;
	bool prometheus;
	char **symbols;		/* optional filter: names or globs */
	int nsymbols;
};

struct klat_hist_opts {
	const char *symbol;
	bool fine;
};

struct klat_log_opts {
	bool follow;
	bool raw;
	uint64_t interval_ms;
	uint64_t polls;		/* follow: stop after this many polls, 0 = forever (tests) */
};

struct klat_add_opts {
	char **symbols;
	int nsymbols;
	uint64_t max;
	bool dry_run;
};

struct klat_del_opts {
	char **symbols;
	int nsymbols;
	bool all;
};

struct klat_filter_opts {
	const char *target;	/* NULL: the global filter */
	char **terms;
	int nterms;
};

int klat_cmd_list(const struct klat_ctx *ctx);
int klat_cmd_stats(const struct klat_ctx *ctx, const struct klat_stats_opts *o);
int klat_cmd_hist(const struct klat_ctx *ctx, const struct klat_hist_opts *o);
int klat_cmd_log(const struct klat_ctx *ctx, const struct klat_log_opts *o);
int klat_cmd_add(const struct klat_ctx *ctx, const struct klat_add_opts *o);
int klat_cmd_del(const struct klat_ctx *ctx, const struct klat_del_opts *o);
int klat_cmd_filter(const struct klat_ctx *ctx, const struct klat_filter_opts *o);
int klat_cmd_reset(const struct klat_ctx *ctx);
int klat_cmd_errors(const struct klat_ctx *ctx, char **symbols, int nsymbols);

void klat_report_write_error(const struct klat_ctx *ctx, const char *what, const char *arg,
			     int err);

#endif /* KLATCTL_H */
