/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl parsers for the files of the klat debugfs directory (see CONTRACT.md) and the
 * kernel's lists of traceable and blacklisted functions.
 */
#ifndef KLATCTL_PARSE_H
#define KLATCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "klatctl_hist.h"
#include "klatctl_strv.h"
#include "klatctl_util.h"

/* A whitespace separated table whose columns are named by a "# name name ..." header line. */
struct klatctl_table {
	char *buf;		/* owns all strings below */
	int ncols;
	char **cols;
	size_t nrows;
	char **cells;		/* nrows * ncols */
	int *lines;		/* line number of each row, from 1 */
};

int klatctl_table_parse(const char *text, const char *first_col, const char *const *defcols,
			struct klatctl_table *t, int *bad_line);
int klatctl_table_col(const struct klatctl_table *t, const char *name);
const char *klatctl_table_cell(const struct klatctl_table *t, size_t row, int col);
void klatctl_table_free(struct klatctl_table *t);

enum klatctl_field {
	KF_HITS, KF_ERRORS, KF_MISSED, KF_MIN, KF_AVG, KF_P50, KF_P90, KF_P99, KF_MAX, KF_P999,
	KF_STDDEV, KF_NR,
};

extern const char *const klatctl_field_names[KF_NR];

#define KLATCTL_MAX_COLS	64

struct klatctl_stats_row {
	const char *target;
	uint64_t v[KLATCTL_MAX_COLS];	/* numeric value of each column */
	const char *s[KLATCTL_MAX_COLS];	/* the cell as read */
	uint64_t num;			/* bit c set: column c is a number */
};

/*
 * The stats file.  Known fields must be numbers; columns added later by the kernel are kept
 * under their header names, as numbers when they parse as one and as strings otherwise.
 */
struct klatctl_stats {
	struct klatctl_table t;		/* owns the strings */
	int ncols;			/* columns but "target" */
	const char *names[KLATCTL_MAX_COLS];
	int idx[KF_NR];			/* column of each known field, -1 when absent */
	size_t nrows;
	struct klatctl_stats_row *rows;
};

int klatctl_stats_parse(const char *text, struct klatctl_stats *st, int *bad_line);
bool klatctl_stats_has(const struct klatctl_stats *st, enum klatctl_field f);
uint64_t klatctl_stats_get(const struct klatctl_stats *st, size_t row, enum klatctl_field f);
const struct klatctl_stats_row *klatctl_stats_find(const struct klatctl_stats *st,
						   const char *target);
void klatctl_stats_free(struct klatctl_stats *st);

int klatctl_kv_get_u64(const char *text, const char *key, uint64_t *out);

int klatctl_hist_parse(const char *text, struct klatctl_hist *h, int *bad_line);

struct klatctl_event {
	uint64_t seq, ts_ns, cpu, pid, tgid, lat_ns;
	int64_t ret;
	const char *ret_str;		/* as the kernel wrote it: "3", "-97(EAFNOSUPPORT)" */
	const char *comm, *target, *args;
	char ret_name[32];		/* "EAFNOSUPPORT", or "" */
	const char *line;		/* the whole line as read */
};

struct klatctl_log {
	char *buf;
	size_t n;
	struct klatctl_event *ev;
	uint64_t capacity, dropped;
};

int klatctl_log_parse(const char *text, struct klatctl_log *log, int *bad_line);
void klatctl_log_free(struct klatctl_log *log);

struct klatctl_target {
	char *symbol;
	char *state;
	char *maxactive;
	char *syscall;		/* the name it was added as by syscall:NAME, or "-" */
};

struct klatctl_targets {
	struct klatctl_table t;
	size_t n;
	struct klatctl_target *v;
};

int klatctl_targets_parse(const char *text, struct klatctl_targets *tg, int *bad_line);
void klatctl_targets_free(struct klatctl_targets *tg);

char *klatctl_error_log_last(const char *text);
char *klatctl_error_log_command(const char *entry, const char *file);
char *klatctl_error_log_escape(const char *cmd);

/* klat/syscalls: "# nr name symbol args", one row per system call of the running kernel */
#define KLATCTL_NR_NONE	UINT64_MAX	/* nr "-": the kernel could not read its table */

struct klatctl_syscall {
	uint64_t nr;		/* or KLATCTL_NR_NONE */
	const char *name;	/* what syscall:NAME takes */
	const char *symbol;	/* the function syscall:NAME probes */
	const char *args;	/* "fd,buf,count"; "-": none; "?": unknown */
	const char *state;	/* "ok", or why klat may not probe it ("notrace"); "ok" if absent */
};

struct klatctl_syscalls {
	struct klatctl_table t;
	size_t n;
	struct klatctl_syscall *v;
};

int klatctl_syscalls_parse(const char *text, struct klatctl_syscalls *sc, int *bad_line);
void klatctl_syscalls_free(struct klatctl_syscalls *sc);
const struct klatctl_syscall *klatctl_syscalls_find(const struct klatctl_syscalls *sc,
						    const char *name);

/*
 * probes/SYMBOL/procs: "# klat procs: SYMBOL, 16 slots per CPU, by total time", then
 * "# tgid comm calls errors total_ns max_ns avg_ns over_ns" and a row per process, heaviest
 * first; or the one line "# klat procs: SYMBOL, off" when the table is switched off.
 */
struct klatctl_proc {
	uint64_t tgid, calls, errors, total_ns, max_ns, avg_ns;
	uint64_t over_ns;	/* total_ns may be over by at most this much */
	const char *comm;	/* escaped as the kernel wrote it: no blanks */
};

struct klatctl_procs {
	struct klatctl_table t;	/* owns the strings */
	bool off;		/* the table is switched off: no rows */
	size_t n;
	struct klatctl_proc *v;
};

int klatctl_procs_parse(const char *text, struct klatctl_procs *pr, int *bad_line);
void klatctl_procs_free(struct klatctl_procs *pr);

int klatctl_parse_filter_functions(const char *text, struct klatctl_strv *out);
int klatctl_parse_blacklist(const char *text, struct klatctl_strv *out);

/* ROOT/targets, ROOT/stats, ROOT/log read and parsed: 0, or an exit status (KLATCTL_EXIT_*)
 * after a one-line message. */
int klatctl_read_targets(const struct klatctl_ctx *ctx, struct klatctl_targets *tg);
int klatctl_read_stats(const struct klatctl_ctx *ctx, struct klatctl_stats *st);
int klatctl_read_log(const struct klatctl_ctx *ctx, struct klatctl_log *log);
int klatctl_read_syscalls(const struct klatctl_ctx *ctx, struct klatctl_syscalls *sc);

#endif /* KLATCTL_PARSE_H */
