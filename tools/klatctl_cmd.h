/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl subcommands, callable from the tests: each returns an exit status (KLATCTL_EXIT_*)
 * and prints to ctx->out and ctx->err.
 */
#ifndef KLATCTL_CMD_H
#define KLATCTL_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "klatctl_output.h"
#include "klatctl_top.h"
#include "klatctl_util.h"

struct klatctl_stats_opts {
	bool json;
	bool prometheus;
	char **symbols;		/* optional filter: names or globs */
	int nsymbols;
	bool sort;		/* rows by sort_key, largest first (table and JSON) */
	enum klatctl_field sort_key;
	enum klatctl_unit unit;	/* of the table's times */
	bool window;		/* -i/-d: the figures of windows, as win says */
	struct klatctl_window_opts win;
};

struct klatctl_hist_opts {
	char **symbols;		/* names or globs (matched against the targets) */
	int nsymbols;
	bool fine;
	bool json;
	bool window;		/* -i/-d: the histograms of windows, as win says */
	struct klatctl_window_opts win;
};

struct klatctl_log_opts {
	bool follow;
	bool raw;
	bool json;		/* a document; with follow, one object a line */
	bool wall;		/* the table's time as local wall-clock time */
	char **symbols;		/* only these targets (names or globs); none: all */
	int nsymbols;
	uint64_t interval_ms;
	uint64_t polls;		/* follow: stop after this many polls, 0 = forever (tests) */
};

struct klatctl_add_opts {
	char **symbols;
	int nsymbols;
	uint64_t max;
	bool dry_run;
};

struct klatctl_del_opts {
	char **symbols;
	int nsymbols;
	bool all;
};

struct klatctl_filter_opts {
	const char *target;	/* NULL: the global filter */
	char **terms;
	int nterms;
};

struct klatctl_procs_opts {
	char **symbols;		/* names or globs (matched against the targets); none: all */
	int nsymbols;
	uint64_t max_rows;	/* the heaviest N processes of each target; 0: all */
	bool json;
	enum klatctl_unit unit;	/* of the table's times */
	int set;		/* 1 --on, -1 --off: switch the SYMBOLs' tables; 0: show them */
};

int klatctl_cmd_list(const struct klatctl_ctx *ctx, bool json);
int klatctl_cmd_stats(const struct klatctl_ctx *ctx, const struct klatctl_stats_opts *o);
int klatctl_stats_window(const struct klatctl_ctx *ctx, const struct klatctl_stats_opts *o,
			 const struct klatctl_top_source *src);
int klatctl_cmd_hist(const struct klatctl_ctx *ctx, const struct klatctl_hist_opts *o);
int klatctl_hist_window(const struct klatctl_ctx *ctx, const struct klatctl_hist_opts *o,
			const struct klatctl_top_source *src);
int klatctl_cmd_log(const struct klatctl_ctx *ctx, const struct klatctl_log_opts *o);
int klatctl_cmd_add(const struct klatctl_ctx *ctx, const struct klatctl_add_opts *o);
int klatctl_cmd_del(const struct klatctl_ctx *ctx, const struct klatctl_del_opts *o);
int klatctl_cmd_syscalls(const struct klatctl_ctx *ctx, char **globs, int nglobs, bool json);
int klatctl_cmd_filter(const struct klatctl_ctx *ctx, const struct klatctl_filter_opts *o);
int klatctl_cmd_reset(const struct klatctl_ctx *ctx, char **names, int nnames);
int klatctl_cmd_errors(const struct klatctl_ctx *ctx, char **symbols, int nsymbols, bool json);
int klatctl_errors_window(const struct klatctl_ctx *ctx, char **symbols, int nsymbols, bool json,
			  const struct klatctl_window_opts *win,
			  const struct klatctl_top_source *src);

int klatctl_cmd_procs(const struct klatctl_ctx *ctx, const struct klatctl_procs_opts *o);

void klatctl_report_write_error(const struct klatctl_ctx *ctx, const char *what, const char *arg,
				int err);

#endif /* KLATCTL_CMD_H */
