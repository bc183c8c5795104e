// SPDX-License-Identifier: GPL-2.0
/*
 * klat statistics: bucket bounds, merging, percentiles and standard deviation.
 * Pure logic (see klat_stats.h); runs at read time, never in probe context.
 */
#include "klat_stats.h"

/* Lowest value that lands in bucket @idx. */
u64 klat_hist_low(unsigned int idx)
{
	unsigned int e;

	if (idx < KLAT_HIST_SUB)
		return idx;
	if (idx >= KLAT_HIST_BUCKETS)
		idx = KLAT_HIST_BUCKETS - 1;
	e = idx / KLAT_HIST_SUB;
	return (u64)(KLAT_HIST_SUB + idx % KLAT_HIST_SUB) << (e - 1);
}

/* Highest value that lands in bucket @idx (inclusive); the last bucket is open. */
u64 klat_hist_high(unsigned int idx)
{
	if (idx >= KLAT_HIST_BUCKETS - 1)
		return U64_MAX;
	return klat_hist_low(idx + 1) - 1;
}

/* Add @src's figures to @dst (min/max only where @src has hits). */
void klat_stats_merge(struct klat_stats *dst, const struct klat_stats *src)
{
	unsigned int i;
	u64 hits = src->hits;

	if (hits) {
		if (!dst->hits || src->min < dst->min)
			dst->min = src->min;
		if (src->max > dst->max)
			dst->max = src->max;
	}
	dst->hits += hits;
	dst->errors += src->errors;
	dst->sum += src->sum;
	dst->clock_back += src->clock_back;
	dst->sumsq += klat_stats_sumsq(src);
	for (i = 0; i <= KLAT_ERRNO_MAX; i++)
		dst->errnos[i] += src->errnos[i];
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		dst->hist[i] += src->hist[i];
}

/*
 * The rank, counting from 1 at the fastest, of the value at quantile @num/@den
 * (99.9% is 999/1000) of @total values: ceil(total * num / den), at least 1.
 * @num above @den counts as @den; 0 when @total or @den is 0.
 */
u64 klat_hist_rank(u64 total, u32 num, u32 den)
{
	u64 rank;

	if (!total || !den)
		return 0;
	if (num > den)
		num = den;
	/* without overflowing total * num */
	rank = KLAT_DIV64(total, den) * num + KLAT_DIV64((total % den) * num + den - 1, den);
	return rank ? rank : 1;
}

/*
 * The value that stands for a bucket [@low, @high] in a percentile: its
 * midpoint, rounded down; the low bound for the last, open bucket (@high is
 * U64_MAX).
 */
u64 klat_hist_mid(u64 low, u64 high)
{
	return high == U64_MAX ? low : low + (high - low) / 2;
}

/*
 * The value at percentile @per_100k (99.9% is 99900) of the @total values
 * counted in @hist: the midpoint of the bucket holding the value of rank
 * klat_hist_rank(), clamped to the exact [@min, @max]. 0 when @total is 0.
 */
u64 klat_hist_percentile(const u64 *hist, u64 total, u32 per_100k, u64 min, u64 max)
{
	u64 rank, seen = 0, v;
	unsigned int i;

	if (!total)
		return 0;
	rank = klat_hist_rank(total, per_100k, 100000);
	for (i = 0; i < KLAT_HIST_BUCKETS; i++) {
		seen += hist[i];
		if (seen >= rank)
			break;
	}
	if (i == KLAT_HIST_BUCKETS)
		return max;
	v = klat_hist_mid(klat_hist_low(i), klat_hist_high(i));
	if (v < min)
		v = min;
	if (v > max)
		v = max;
	return v;
}

/* floor(a / b) for a 128-bit a; shift-subtract, as the kernel has no 128-bit division. */
static klat_u128 klat_div128(klat_u128 a, u64 b)
{
	klat_u128 q = 0, r = 0;
	int i;

	if (!b)
		return 0;
	for (i = 127; i >= 0; i--) {
		r = (r << 1) | ((a >> i) & 1);
		if (r >= b) {
			r -= b;
			q |= (klat_u128)1 << i;
		}
	}
	return q;
}

/* floor(sqrt(a)) of a 128-bit value. */
static u64 klat_sqrt128(klat_u128 a)
{
	u64 res = 0;
	int bit;

	for (bit = 63; bit >= 0; bit--) {
		u64 t = res | ((u64)1 << bit);

		if ((klat_u128)t * t <= a)
			res = t;
	}
	return res;
}

/* Fill @out from merged figures @s. */
void klat_summarize(const struct klat_stats *s, struct klat_summary *out)
{
	klat_u128 sum2_n;
	u64 hits = s->hits, total = 0;
	unsigned int i;

	*out = (struct klat_summary){ .hits = hits, .errors = s->errors, .sum = s->sum };
	if (!hits)
		return;
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		total += s->hist[i];
	out->min = s->min;
	out->max = s->max;
	out->avg = KLAT_DIV64(s->sum, hits);
	out->p50 = klat_hist_percentile(s->hist, total, 50000, s->min, s->max);
	out->p90 = klat_hist_percentile(s->hist, total, 90000, s->min, s->max);
	out->p99 = klat_hist_percentile(s->hist, total, 99000, s->min, s->max);
	out->p999 = klat_hist_percentile(s->hist, total, 99900, s->min, s->max);
	/*
	 * population variance: (sumsq - sum^2 / n) / n, in 128 bits. Not
	 * E[x^2] - avg^2: the rounded-down avg loses up to 2 * avg.
	 */
	sum2_n = klat_div128((klat_u128)s->sum * s->sum, hits);
	if (s->sumsq > sum2_n)
		out->stddev = klat_sqrt128(klat_div128(s->sumsq - sum2_n, hits));
}
