// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl histogram arithmetic on the buckets of probes/SYMBOL/hist: the difference of two
 * reads, percentiles with the module's meaning, the upper bound and the folding into log2
 * slots.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "klat_stats.h"
#include "klatctl_hist.h"

void klatctl_hist_free(struct klatctl_hist *h)
{
	free(h->b);
	memset(h, 0, sizeof(*h));
}

/*
 * Bucket counts are cumulative, so what happened between two reads is now - prev bucket by
 * bucket.  If any bucket went down (a reset between the reads), the interval is "now" itself.
 * Buckets whose difference is zero are dropped.
 */
int klatctl_hist_diff(const struct klatctl_hist *now, const struct klatctl_hist *prev,
		      struct klatctl_hist *out)
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
static uint64_t bucket_top(const struct klatctl_bucket *b)
{
	return b->high == UINT64_MAX ? b->low : b->high;
}

/*
 * The num/den quantile (50/100, 999/1000), as the module computes the percentiles of its stats
 * file: the midpoint of the bucket holding the value of rank ceil(total * num / den)
 * (klat_hist_rank(), klat_hist_mid()).  Unlike the module's, it is not clamped to an exact
 * min and max, which the buckets of an interval do not carry.  0 for an empty histogram.
 */
uint64_t klatctl_hist_percentile(const struct klatctl_hist *h, unsigned int num, unsigned int den)
{
	uint64_t cum = 0, rank = klat_hist_rank(h->total, num, den);
	size_t i;

	if (!rank || !h->n)
		return 0;
	for (i = 0; i < h->n; i++) {
		cum += h->b[i].count;
		if (cum >= rank)
			break;
	}
	if (i == h->n)
		i = h->n - 1;
	return klat_hist_mid(h->b[i].low, h->b[i].high);
}

/*
 * The high end of the highest non-empty bucket: a bound no call in the histogram exceeds
 * (top's max column).  Not a percentile.
 */
uint64_t klatctl_hist_upper_bound(const struct klatctl_hist *h)
{
	size_t i;

	for (i = h->n; i > 0; i--)
		if (h->b[i - 1].count)
			return bucket_top(&h->b[i - 1]);
	return 0;
}

/* funclatency's slots: slot 0 holds 0 and 1, slot i holds [2^i, 2^(i+1) - 1]. */
int klatctl_log2_slot(uint64_t v)
{
	if (v <= 1)
		return 0;
	return 63 - __builtin_clzll(v);
}

/*
 * Fold fine buckets into log2 slots, each by its low end (the kernel's log-linear buckets never
 * straddle a power of two).  Returns the highest non-empty slot, -1 if none.
 */
int klatctl_hist_log2(const struct klatctl_hist *h, uint64_t slots[KLATCTL_LOG2_SLOTS])
{
	int idx_max = -1, s;
	size_t i;

	memset(slots, 0, KLATCTL_LOG2_SLOTS * sizeof(slots[0]));
	for (i = 0; i < h->n; i++) {
		if (!h->b[i].count)
			continue;
		s = klatctl_log2_slot(h->b[i].low);
		slots[s] += h->b[i].count;
		if (s > idx_max)
			idx_max = s;
	}
	return idx_max;
}

