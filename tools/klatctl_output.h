/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl output formats: tables with '#' headers, funclatency-style histograms, JSON and the
 * Prometheus text exposition format, and the formatting of times and rates they use.
 */
#ifndef KLATCTL_OUTPUT_H
#define KLATCTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "klatctl_parse.h"

/* units for reading: "1.23us", exact seconds "0.000001023", rates "1.2M" */
char *klatctl_fmt_ns(uint64_t ns, char *buf, size_t len);
char *klatctl_fmt_seconds(uint64_t ns, char *buf, size_t len);
char *klatctl_fmt_rate(double v, char *buf, size_t len);
/* quoted and escaped for JSON, and for a Prometheus label value */
void klatctl_json_str(FILE *f, const char *s);
void klatctl_prom_label(FILE *f, const char *s);

void klatctl_print_log2_hist(FILE *f, const uint64_t *vals, int nvals, const char *val_type);
void klatctl_print_fine_hist(FILE *f, const struct klatctl_hist *h, const char *val_type);
void klatctl_print_hist_summary(FILE *f, uint64_t count, uint64_t sum, const char *val_type);
/* one object of hist --json's list; @sum_ns, @hits: NULL when probes/SYMBOL/stats lacks them */
void klatctl_print_hist_json(FILE *f, const char *target, const struct klatctl_hist *h,
			     bool fine, const uint64_t *hits, const uint64_t *sum_ns);
/* the unit of the stats table's time columns: "1.23us" (auto), or whole ns, us or ms */
enum klatctl_unit { KLATCTL_UNIT_AUTO, KLATCTL_UNIT_NS, KLATCTL_UNIT_US, KLATCTL_UNIT_MS };

/* stats --sort: a column of the table by its name ("p99"), and the rows in that order */
int klatctl_stats_sort_key(const char *name, enum klatctl_field *f);
size_t *klatctl_stats_order(const struct klatctl_stats *st, enum klatctl_field key);

/* @sel: rows to print (NULL: all); @order: the order of the rows (NULL: the file's) */
void klatctl_print_stats_table(FILE *f, const struct klatctl_stats *st, const bool *sel,
			       const size_t *order, enum klatctl_unit unit);
void klatctl_print_stats_json(FILE *f, const struct klatctl_stats *st, const bool *sel,
			      const size_t *order);
void klatctl_print_targets(FILE *f, const struct klatctl_targets *tg);
void klatctl_print_targets_json(FILE *f, const struct klatctl_targets *tg);
/* klat/syscalls as a table or a JSON document; @sel: the rows to print (NULL: all) */
void klatctl_print_syscalls(FILE *f, const struct klatctl_syscalls *sc, const bool *sel);
void klatctl_print_syscalls_json(FILE *f, const struct klatctl_syscalls *sc, const bool *sel);

/*
 * Every --json document: {"version": KLATCTL_JSON_VERSION, "LIST": [ one object a line ]}.
 * The version changes only when a key is removed or changes meaning; keys may be added.
 */
#define KLATCTL_JSON_VERSION	1
void klatctl_json_begin(FILE *f, const char *list);
void klatctl_json_item(FILE *f, bool *first);
void klatctl_json_end(FILE *f, bool first);
void klatctl_json_u64_or_str(FILE *f, const char *s);
void klatctl_print_log_header(FILE *f);
void klatctl_print_log_header_wall(FILE *f);
char *klatctl_fmt_wall(uint64_t ts_ns, int64_t off_ns, char *buf, size_t len);
void klatctl_print_event_at(FILE *f, const struct klatctl_event *ev, const char *when);
void klatctl_print_lost(FILE *f, uint64_t n, bool json);
void klatctl_print_event(FILE *f, const struct klatctl_event *ev);
/* one event as a JSON object; @version: with "version" first, for a line of its own */
void klatctl_print_event_json(FILE *f, const struct klatctl_event *ev, bool version);

/* procs: "# target tgid comm calls errors total max avg over", a row per process */
void klatctl_print_procs_header(FILE *f, int tw, enum klatctl_unit unit);
void klatctl_print_proc_row(FILE *f, const char *target, const struct klatctl_proc *p, int tw,
			    enum klatctl_unit unit);
/* one object of procs --json's list */
void klatctl_print_proc_json(FILE *f, const char *target, const struct klatctl_proc *p);

/* per target data for the Prometheus exposition */
struct klatctl_prom_target {
	bool has_hist;
	struct klatctl_hist hist;
	bool has_sum;
	uint64_t sum_ns;
	bool has_errors;
	struct klatctl_table errors;	/* probes/SYMBOL/errors: errno name count */
	bool has_state;			/* the target's line of ROOT/targets was read */
	bool up;			/* its state there is active (not gone) */
};

void klatctl_print_prometheus(FILE *f, const struct klatctl_stats *st, const bool *sel,
			      const struct klatctl_prom_target *pt);

#endif /* KLATCTL_OUTPUT_H */
