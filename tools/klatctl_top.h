/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl top: a live per-target view over the last interval.
 */
#ifndef KLATCTL_TOP_H
#define KLATCTL_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "klatctl_parse.h"
#include "klatctl_util.h"

enum klatctl_top_sort { TOP_SORT_CALLS, TOP_SORT_P99, TOP_SORT_MAX, TOP_SORT_ERRORS };

struct klatctl_top_row {
	char *target;
	double calls_s, errors_s;
	uint64_t calls, errors;
	uint64_t p50, p99, max;		/* 0 when no call in the interval */
};

/* what a sample reads for each target, beyond klat/stats */
enum klatctl_sample_want {
	KLATCTL_SAMPLE_HIST	= 1 << 0,	/* probes/SYMBOL/hist */
	KLATCTL_SAMPLE_SUM	= 1 << 1,	/* sum_ns of probes/SYMBOL/stats */
	KLATCTL_SAMPLE_ERRS	= 1 << 2,	/* probes/SYMBOL/errors */
	KLATCTL_SAMPLE_PROCS	= 1 << 3,	/* probes/SYMBOL/procs */
};

struct klatctl_top_sample {
	struct klatctl_stats st;
	struct klatctl_hist *hists;	/* one per st row */
	bool *has_hist;
	uint64_t *sums;			/* sum_ns of probes/SYMBOL/stats, one per st row */
	bool *has_sum;
	char **errs;			/* probes/SYMBOL/errors as read, or NULL, per st row */
	struct klatctl_procs *procs;	/* probes/SYMBOL/procs, per st row (off when unread) */
};

/* one process of top -P: what it did over the last interval */
struct klatctl_top_proc_row {
	char *target;
	char *comm;
	uint64_t tgid;
	double calls_s, time_s;		/* calls, and ns of time in the target, per second */
	uint64_t calls, total_ns;	/* in the interval */
	uint64_t max_ns;		/* the longest call since the table began (not a window's) */
};

struct klatctl_top_opts {
	uint64_t interval_ms;
	uint64_t frames;		/* 0: forever */
	bool batch;
	bool json;			/* one JSON object a frame, a line each (no terminal) */
	bool procs;			/* -P: a row per process of each target, by time/s */
	enum klatctl_top_sort sort;
};

int klatctl_top_parse_sort(const char *s, enum klatctl_top_sort *out);
int klatctl_top_sample(const struct klatctl_ctx *ctx, const char *root, unsigned int want,
		       struct klatctl_top_sample *s);
void klatctl_top_sample_free(struct klatctl_top_sample *s);
size_t klatctl_top_rows(const struct klatctl_top_sample *now, const struct klatctl_top_sample *prev,
			double secs, enum klatctl_top_sort sort, struct klatctl_top_row **rows);
void klatctl_top_rows_free(struct klatctl_top_row *rows, size_t n);
uint64_t klatctl_counter_delta(uint64_t now, uint64_t prev);
size_t klatctl_top_proc_rows(const struct klatctl_top_sample *now,
			     const struct klatctl_top_sample *prev, double secs,
			     struct klatctl_top_proc_row **rows);
void klatctl_top_proc_rows_free(struct klatctl_top_proc_row *rows, size_t n);
void klatctl_top_print_procs(FILE *f, const struct klatctl_top_proc_row *rows, size_t n,
			     double secs, int width, int height, bool tty);
void klatctl_top_print_procs_json(FILE *f, const struct klatctl_top_proc_row *rows, size_t n,
				  double secs, double wall);
int klatctl_window_stats(const struct klatctl_top_sample *now,
			 const struct klatctl_top_sample *prev, struct klatctl_stats *out);
void klatctl_top_print_frame(FILE *f, const struct klatctl_top_row *rows, size_t n, double secs,
			     enum klatctl_top_sort sort, int width, int height, bool tty);
void klatctl_top_print_json(FILE *f, const struct klatctl_top_row *rows, size_t n, double secs,
			    enum klatctl_top_sort sort, double wall);

/*
 * Where top's samples come from, and its clock: klatctl_top_live reads the klat directory
 * (ctx->root) and sleeps; a test can read fixture trees and move a clock of its own.
 */
struct klatctl_top_source {
	/* read one sample into @s (@want: KLATCTL_SAMPLE_*): 0, or -1 after a message */
	int (*sample)(const struct klatctl_top_source *src, const struct klatctl_ctx *ctx,
		      unsigned int want, struct klatctl_top_sample *s);
	/* seconds on a monotonic clock */
	double (*clock)(const struct klatctl_top_source *src);
	/* without a terminal: wait until @deadline on that clock (or a signal to quit) */
	void (*wait)(const struct klatctl_top_source *src, double deadline);
	/* seconds since the epoch, for top --json's "time"; NULL: CLOCK_REALTIME */
	double (*wall)(const struct klatctl_top_source *src);
	void *priv;		/* the source's own state */
};

extern const struct klatctl_top_source klatctl_top_live;

/* stats, hist, errors -i/-d */
struct klatctl_window_opts {
	uint64_t interval_ms;		/* the window */
	uint64_t reports;		/* stop after this many, 0: at a signal */
	bool no_stamp;			/* no "# HH:MM:SS" line (JSON) */
	unsigned int want;		/* what each sample reads: KLATCTL_SAMPLE_* */
};

/* print the figures of the window from @prev to @now: an exit status */
typedef int (*klatctl_window_report)(void *arg, const struct klatctl_top_sample *now,
				     const struct klatctl_top_sample *prev);

int klatctl_window_run(const struct klatctl_ctx *ctx, const struct klatctl_window_opts *o,
		       const struct klatctl_top_source *src, klatctl_window_report report,
		       void *arg);

int klatctl_top_run(const struct klatctl_ctx *ctx, const struct klatctl_top_opts *o,
		    const struct klatctl_top_source *src);

#endif /* KLATCTL_TOP_H */
