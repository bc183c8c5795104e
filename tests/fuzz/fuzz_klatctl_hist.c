// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl: klatctl_hist_parse() (probes/SYMBOL/hist) and the arithmetic on its
 * result: diff of two reads, percentiles, max, log2 folding, both printers and
 * the Prometheus histogram.
 *
 * Input: "now" text, a NUL, "prev" text, then (after a second NUL) bytes for the
 * quantile asked.
 *
 * Checks: buckets sorted by low end with low <= high, total the (wrapping) sum of
 * the counts, bad_line inside the text on error; a diff without prev is now
 * without its empty buckets, and with prev (distinct low ends) has no empty
 * bucket and only now's buckets, none fuller than in now; a percentile is 0 or the
 * midpoint of a bucket (its low end for an open one); max is 0 or the top of the
 * highest non-empty bucket; log2 slots add up to the total.
 */
#include "fuzz_common.h"
#include "klatctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static uint64_t top(const struct klatctl_bucket *b)
{
	return b->high == UINT64_MAX ? b->low : b->high;
}

/* a percentile stands for its bucket by the midpoint, as in the module */
static uint64_t mid(const struct klatctl_bucket *b)
{
	return b->high == UINT64_MAX ? b->low : b->low + (b->high - b->low) / 2;
}

static int count_lines(const char *s)
{
	int n = 1;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int parse(const char *text, struct klatctl_hist *h)
{
	int bad = -1, rc = klatctl_hist_parse(text, h, &bad);
	uint64_t sum = 0;
	size_t i;

	if (rc) {
		FUZZ_ASSERT(rc < 0 && bad >= 0 && bad <= count_lines(text));
		FUZZ_ASSERT(!h->b && !h->n && !h->total);
		return rc;
	}
	FUZZ_ASSERT(h->b);
	for (i = 0; i < h->n; i++) {
		FUZZ_ASSERT(h->b[i].low <= h->b[i].high);
		if (i)
			FUZZ_ASSERT(h->b[i - 1].low <= h->b[i].low);
		sum += h->b[i].count;
	}
	FUZZ_ASSERT(sum == h->total);
	return 0;
}

static int distinct_lows(const struct klatctl_hist *h)
{
	size_t i;

	for (i = 1; i < h->n; i++)
		if (h->b[i - 1].low == h->b[i].low)
			return 0;
	return 1;
}

static void check_value(const struct klatctl_hist *h, uint64_t v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < h->n && mid(&h->b[i]) != v; i++)
		;
	FUZZ_ASSERT(i < h->n);
}

static void check_derived(const struct klatctl_hist *h, unsigned int num, unsigned int den)
{
	uint64_t slots[KLATCTL_LOG2_SLOTS], sum = 0, mx;
	struct klatctl_prom_target pt = { .has_hist = true, .hist = *h };
	struct klatctl_stats st;
	size_t i;
	int hi;

	check_value(h, klatctl_hist_percentile(h, num, den));
	check_value(h, klatctl_hist_percentile(h, 50, 100));
	check_value(h, klatctl_hist_percentile(h, 999, 1000));
	if (!h->total)
		FUZZ_ASSERT(klatctl_hist_percentile(h, num, den) == 0);
	mx = klatctl_hist_upper_bound(h);
	for (i = h->n; i > 0 && !h->b[i - 1].count; i--)
		;
	FUZZ_ASSERT(mx == (i ? top(&h->b[i - 1]) : 0));

	hi = klatctl_hist_log2(h, slots);
	FUZZ_ASSERT(hi >= -1 && hi < KLATCTL_LOG2_SLOTS);
	for (i = 0; i < KLATCTL_LOG2_SLOTS; i++) {
		sum += slots[i];
		if ((int)i > hi)
			FUZZ_ASSERT(!slots[i]);
	}
	FUZZ_ASSERT(sum == h->total);
	klatctl_print_log2_hist(devnull, slots, hi + 1, "nsecs");
	klatctl_print_log2_hist(devnull, slots, KLATCTL_LOG2_SLOTS, "nsecs");
	klatctl_print_fine_hist(devnull, h, "nsecs");
	klatctl_print_hist_json(devnull, "x", h, false, NULL, NULL);
	klatctl_print_hist_json(devnull, "x", h, true, &h->total, &sum);
	klatctl_print_hist_summary(devnull, h->total, sum, "nsecs");

	/* the exposition of one target with this histogram */
	if (!klatctl_stats_parse("# target hits avg_ns\nx 3 7\n", &st, NULL)) {
		klatctl_print_prometheus(devnull, &st, NULL, &pt);
		pt.has_sum = true;
		pt.sum_ns = h->total;
		klatctl_print_prometheus(devnull, &st, NULL, &pt);
		klatctl_stats_free(&st);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klatctl_hist now, prev, diff;
	const uint8_t *z1, *z2 = NULL;
	char *a, *b = NULL;
	unsigned int num = 50, den = 100;
	size_t i, j;
	int have_prev;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		FUZZ_ASSERT(devnull);
	}
	z1 = memchr(data, 0, size);
	a = fuzz_dup_str(data, z1 ? (size_t)(z1 - data) : size);
	if (z1) {
		const uint8_t *p = z1 + 1;
		size_t n = size - (size_t)(p - data);

		z2 = memchr(p, 0, n);
		b = fuzz_dup_str(p, z2 ? (size_t)(z2 - p) : n);
		if (z2) {
			struct fuzz_in in = { z2 + 1, size - (size_t)(z2 + 1 - data) };

			num = fuzz_u16(&in);
			den = fuzz_u16(&in);
		}
	}

	if (parse(a, &now)) {
		free(a);
		free(b);
		return 0;
	}
	check_derived(&now, num, den);

	have_prev = b && !parse(b, &prev);
	FUZZ_ASSERT(!klatctl_hist_diff(&now, have_prev ? &prev : NULL, &diff));
	FUZZ_ASSERT(diff.n <= now.n);
	if (!have_prev) {
		/* now itself, without its empty buckets */
		for (i = 0, j = 0; j < now.n; j++) {
			if (!now.b[j].count)
				continue;
			FUZZ_ASSERT(i < diff.n);
			FUZZ_ASSERT(!memcmp(&diff.b[i], &now.b[j], sizeof(diff.b[i])));
			i++;
		}
		FUZZ_ASSERT(i == diff.n);
	} else if (distinct_lows(&now) && distinct_lows(&prev)) {
		/*
		 * Each bucket of the diff is one of now's, in order, never fuller. (A file
		 * with two buckets of one low end, which the kernel never writes, can give
		 * a wrapped count: see README.)
		 */
		for (i = 0, j = 0; i < diff.n; i++) {
			FUZZ_ASSERT(diff.b[i].count);
			while (j < now.n && now.b[j].low != diff.b[i].low)
				j++;
			FUZZ_ASSERT(j < now.n && now.b[j].high == diff.b[i].high);
			FUZZ_ASSERT(diff.b[i].count <= now.b[j].count);
			j++;
		}
	}
	check_derived(&diff, num, den);
	klatctl_hist_free(&diff);
	if (have_prev)
		klatctl_hist_free(&prev);
	klatctl_hist_free(&now);
	free(a);
	free(b);
	return 0;
}
