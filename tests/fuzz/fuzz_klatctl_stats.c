// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl: klatctl_stats_parse() (the stats file), then every output of it.
 *
 * Input: the file's text (a NUL ends it early, as reading it with a C string
 * would). The first byte also picks which rows the printers select.
 *
 * Checks: a parsed table has a bounded column count, a number in every known
 * field of every row, the right "is a number" bits, and klatctl_stats_find() finds a
 * row of each target; the table, JSON and Prometheus printers (to /dev/null, the
 * errno counters with the input read as every target's errors file too) run
 * clean under ASan/UBSan; free leaves no leak.
 */
#include "fuzz_common.h"
#include "klatctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

/* the per-errno counters, each target's errors file being the input read as one */
static void prom_errno(const struct klatctl_stats *st, const bool *sel, const uint8_t *data,
		       size_t size)
{
	static const char *const defcols[] = { "errno", "name", "count", NULL };
	struct klatctl_prom_target *pt = calloc(st->nrows ? st->nrows : 1, sizeof(*pt));
	char *text = fuzz_dup_str(data, size);
	size_t r;

	FUZZ_ASSERT(pt && text);
	for (r = 0; r < st->nrows; r++)
		pt[r].has_errors = !klatctl_table_parse(text, "errno", defcols, &pt[r].errors,
							NULL);
	klatctl_print_prometheus(devnull, st, sel, pt);
	for (r = 0; r < st->nrows; r++)
		if (pt[r].has_errors)
			klatctl_table_free(&pt[r].errors);
	free(pt);
	free(text);
}

/* sort orders are permutations; every printer runs over any parsed table */
static void check_printers(const struct klatctl_stats *st, const uint8_t *data, size_t size)
{
	enum klatctl_field key = (enum klatctl_field)((size > 1 ? data[1] : 0) % KF_NR);
	bool *sel = calloc(st->nrows ? st->nrows : 1, sizeof(*sel));
	bool *seen = calloc(st->nrows ? st->nrows : 1, sizeof(*seen));
	size_t *order = klatctl_stats_order(st, key);
	uint8_t pick = size ? data[0] : 0;
	size_t r;

	FUZZ_ASSERT(sel && seen && order);
	for (r = 0; r < st->nrows; r++)
		sel[r] = (pick >> (r % 8)) & 1;
	/* a permutation of the rows */
	for (r = 0; r < st->nrows; r++) {
		FUZZ_ASSERT(order[r] < st->nrows && !seen[order[r]]);
		seen[order[r]] = true;
	}
	free(seen);
	klatctl_print_stats_table(devnull, st, NULL, NULL, KLATCTL_UNIT_AUTO);
	klatctl_print_stats_table(devnull, st, sel, order, KLATCTL_UNIT_NS);
	klatctl_print_stats_table(devnull, st, sel, NULL, KLATCTL_UNIT_US);
	klatctl_print_stats_table(devnull, st, NULL, order, KLATCTL_UNIT_MS);
	klatctl_print_stats_json(devnull, st, NULL, NULL);
	klatctl_print_stats_json(devnull, st, sel, order);
	klatctl_print_prometheus(devnull, st, NULL, NULL);
	klatctl_print_prometheus(devnull, st, sel, NULL);
	prom_errno(st, sel, data, size);
	free(order);
	free(sel);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klatctl_stats st;
	int bad = -1, rc, k, c;
	char *text;
	size_t r;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		FUZZ_ASSERT(devnull);
	}
	text = fuzz_dup_str(data, size);
	rc = klatctl_stats_parse(text, &st, &bad);
	if (rc) {
		FUZZ_ASSERT(rc < 0);
		FUZZ_ASSERT(bad >= 0);
		/* a failed parse leaves nothing to free */
		FUZZ_ASSERT(st.nrows == 0 && st.rows == NULL && st.t.buf == NULL);
		klatctl_stats_free(&st);
		free(text);
		return 0;
	}
	FUZZ_ASSERT(st.ncols >= 0 && st.ncols <= KLATCTL_MAX_COLS);
	FUZZ_ASSERT(st.ncols == st.t.ncols - 1);
	FUZZ_ASSERT(st.nrows == st.t.nrows);
	for (k = 0; k < KF_NR; k++) {
		FUZZ_ASSERT(st.idx[k] >= -1 && st.idx[k] < st.ncols);
		if (st.idx[k] >= 0)
			FUZZ_ASSERT(!strcmp(st.names[st.idx[k]], klatctl_field_names[k]));
	}
	for (r = 0; r < st.nrows; r++) {
		const struct klatctl_stats_row *row = &st.rows[r], *found;

		FUZZ_ASSERT(row->target && *row->target);
		for (c = 0; c < st.ncols; c++) {
			uint64_t v;
			int num = !klatctl_parse_u64(row->s[c], &v);

			FUZZ_ASSERT(row->s[c] && *row->s[c]);
			FUZZ_ASSERT(num == !!(row->num & (1ULL << c)));
			if (num)
				FUZZ_ASSERT(v == row->v[c]);
		}
		for (k = 0; k < KF_NR; k++) {
			if (!klatctl_stats_has(&st, (enum klatctl_field)k))
				continue;
			FUZZ_ASSERT(row->num & (1ULL << st.idx[k]));
			FUZZ_ASSERT(klatctl_stats_get(&st, r, (enum klatctl_field)k) ==
				    row->v[st.idx[k]]);
		}
		found = klatctl_stats_find(&st, row->target);
		FUZZ_ASSERT(found && found <= row && !strcmp(found->target, row->target));
	}

	check_printers(&st, data, size);
	klatctl_stats_free(&st);
	free(text);
	return 0;
}
