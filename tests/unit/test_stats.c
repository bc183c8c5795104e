// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/klat_stats.{h,c}: histogram bucketing, klat_stats_add,
 * merging, percentiles, average and standard deviation.
 */
#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klat_stats.h"
#include "klat_check.h"

#define LAST		(KLAT_HIST_BUCKETS - 1)
#define HOUR_NS		3600000000000ULL

static struct klat_stats *stats_new(void)
{
	struct klat_stats *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	return s;
}

/* a small deterministic PRNG, so failures reproduce */
static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rng(void)
{
	u64 x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rng_state = x;
	return x;
}

/* the documented percentile: midpoint of the bucket of @v (low of the open last one), clamped */
static u64 bucket_mid(u64 v, u64 min, u64 max)
{
	unsigned int i = klat_hist_index(v);
	u64 lo = klat_hist_low(i), hi = klat_hist_high(i);
	u64 m = i == LAST ? lo : lo + (hi - lo) / 2;

	return m < min ? min : m > max ? max : m;
}

static void add_n(struct klat_stats *s, u64 lat, u64 n)
{
	while (n--)
		klat_stats_add(s, lat, 0, 0, NULL);
}

/* ---------------------------------------------------------------- histogram */

START_TEST(test_hist_layout)
{
	/* the constants the debugfs hist file and the header comment rely on */
	ck_assert_uint_eq(KLAT_HIST_SUB, 16);
	ck_assert_uint_eq(KLAT_HIST_BUCKETS, 656);
	ck_assert_uint_eq(klat_hist_low(LAST), 31ULL << 39);
	ck_assert_uint_eq(klat_hist_high(LAST), U64_MAX);
}
END_TEST

START_TEST(test_hist_small_exact)
{
	u64 v;

	for (v = 0; v < 16; v++) {
		ck_assert_uint_eq(klat_hist_index(v), v);
		ck_assert_uint_eq(klat_hist_low((unsigned int)v), v);
		ck_assert_uint_eq(klat_hist_high((unsigned int)v), v);
	}
	ck_assert_uint_eq(klat_hist_index(16), 16);
}
END_TEST

START_TEST(test_hist_known_values)
{
	/* [16,32): width 1; [32,64): width 2; [64,128): width 4; [1024,2048): width 64 */
	ck_assert_uint_eq(klat_hist_index(31), 31);
	ck_assert_uint_eq(klat_hist_index(32), 32);
	ck_assert_uint_eq(klat_hist_index(33), 32);
	ck_assert_uint_eq(klat_hist_index(34), 33);
	ck_assert_uint_eq(klat_hist_index(63), 47);
	ck_assert_uint_eq(klat_hist_index(64), 48);
	ck_assert_uint_eq(klat_hist_index(67), 48);
	ck_assert_uint_eq(klat_hist_index(68), 49);
	ck_assert_uint_eq(klat_hist_low(32), 32);
	ck_assert_uint_eq(klat_hist_high(32), 33);
	ck_assert_uint_eq(klat_hist_low(48), 64);
	ck_assert_uint_eq(klat_hist_high(48), 67);
	ck_assert_uint_eq(klat_hist_index(1024), 112);
	ck_assert_uint_eq(klat_hist_low(112), 1024);
	ck_assert_uint_eq(klat_hist_high(112), 1087);
	ck_assert_uint_eq(klat_hist_index(1087), 112);
	ck_assert_uint_eq(klat_hist_index(1088), 113);
}
END_TEST

/* every bucket: low and high map back to it, buckets tile the range, widths bounded */
START_TEST(test_hist_every_bucket)
{
	unsigned int i;

	for (i = 0; i < KLAT_HIST_BUCKETS; i++) {
		u64 lo = klat_hist_low(i), hi = klat_hist_high(i);

		ck_assert_msg(klat_hist_index(lo) == i, "index(low(%u)=%" PRIu64 ") = %u",
			      i, lo, klat_hist_index(lo));
		ck_assert_msg(klat_hist_index(hi) == i, "index(high(%u)=%" PRIu64 ") = %u",
			      i, hi, klat_hist_index(hi));
		ck_assert_uint_le(lo, hi);
		if (i > 0) {
			ck_assert_uint_eq(klat_hist_high(i - 1) + 1, lo);
			ck_assert_uint_eq(klat_hist_index(lo - 1), i - 1);
			ck_assert_uint_gt(lo, klat_hist_low(i - 1));
		}
		if (i < LAST) {
			ck_assert_uint_eq(klat_hist_index(hi + 1), i + 1);
			ck_assert_msg(i < 16 || hi - lo + 1 <= lo / 16,
				      "bucket %u [%" PRIu64 ", %" PRIu64 "] wider than low/16",
				      i, lo, hi);
		}
		if (i < 16)
			ck_assert_uint_eq(hi, lo);
	}
}
END_TEST

START_TEST(test_hist_monotonic)
{
	u64 v, prev = 0;
	unsigned int shift, k;

	for (v = 0; v < 70000; v++) {
		unsigned int idx = klat_hist_index(v);

		ck_assert_uint_ge(idx, prev);
		ck_assert_uint_le(idx, prev + 1);
		prev = idx;
	}
	/* around every power of two */
	for (shift = 4; shift < 64; shift++) {
		u64 p = 1ULL << shift;

		ck_assert_uint_le(klat_hist_index(p - 1), klat_hist_index(p));
		ck_assert_uint_le(klat_hist_index(p), klat_hist_index(p + 1));
	}
	/* random pairs, and every value lies in its bucket within 1/16 */
	for (k = 0; k < 50000; k++) {
		u64 a = rng() >> (rng() % 64), b = rng() >> (rng() % 64), t;
		unsigned int ia;

		if (a > b) {
			t = a;
			a = b;
			b = t;
		}
		ck_assert_uint_le(klat_hist_index(a), klat_hist_index(b));
		ia = klat_hist_index(a);
		ck_assert_uint_lt(ia, KLAT_HIST_BUCKETS);
		ck_assert_uint_le(klat_hist_low(ia), a);
		ck_assert_uint_ge(klat_hist_high(ia), a);
		if (ia < LAST)
			ck_assert_uint_le(a - klat_hist_low(ia), a / 16);
	}
}
END_TEST

START_TEST(test_hist_last_bucket)
{
	unsigned int shift;

	ck_assert_uint_eq(klat_hist_index(1ULL << 44), LAST);
	ck_assert_uint_eq(klat_hist_index((1ULL << 44) - 1), LAST);
	ck_assert_uint_eq(klat_hist_index((1ULL << 44) + 1), LAST);
	for (shift = 44; shift < 64; shift++)
		ck_assert_uint_eq(klat_hist_index(1ULL << shift), LAST);
	ck_assert_uint_eq(klat_hist_index(U64_MAX), LAST);
	ck_assert_uint_eq(klat_hist_index(klat_hist_low(LAST) - 1), LAST - 1);
	/* one hour is well below the open last bucket */
	ck_assert_uint_lt(HOUR_NS, klat_hist_low(LAST));
	ck_assert_uint_lt(klat_hist_index(HOUR_NS), LAST);
	ck_assert_uint_le(klat_hist_low(klat_hist_index(HOUR_NS)), HOUR_NS);
	ck_assert_uint_ge(klat_hist_high(klat_hist_index(HOUR_NS)), HOUR_NS);
	/* out-of-range indexes clamp */
	ck_assert_uint_eq(klat_hist_low(KLAT_HIST_BUCKETS), klat_hist_low(LAST));
	ck_assert_uint_eq(klat_hist_low(~0U), klat_hist_low(LAST));
	ck_assert_uint_eq(klat_hist_high(KLAT_HIST_BUCKETS), U64_MAX);
}
END_TEST

/* ------------------------------------------------------ return values / add */

START_TEST(test_ret_value)
{
	/* int-returning function: errno in the low half, upper half zero */
	ck_assert_int_eq(klat_ret_value(0x00000000ffffff9fULL), -97);
	ck_assert_int_eq(klat_ret_value(0x00000000ffffffffULL), -1);
	ck_assert_int_eq(klat_ret_value(0x00000000fffff001ULL), -4095);
	/* 0xfffff000 is not an errno range value: stays a positive 64-bit value */
	ck_assert_int_eq(klat_ret_value(0x00000000fffff000ULL), 0xfffff000LL);
	ck_assert_int_eq(klat_ret_value(0), 0);
	ck_assert_int_eq(klat_ret_value(3), 3);
	ck_assert_int_eq(klat_ret_value(0x7fffffffULL), 0x7fffffffLL);
	/* long-returning function: full 64-bit value */
	ck_assert_int_eq(klat_ret_value((u64)-97LL), -97);
	ck_assert_int_eq(klat_ret_value((u64)-4096LL), -4096);
	ck_assert_int_eq(klat_ret_value(0x1ffffff9fULL), 0x1ffffff9fLL);
	ck_assert_int_eq(klat_ret_value(0xffff888012345678ULL), (s64)0xffff888012345678ULL);

	ck_assert(klat_ret_is_err(klat_ret_value(0x00000000ffffff9fULL)));
	ck_assert(klat_ret_is_err(-1));
	ck_assert(klat_ret_is_err(-4095));
	ck_assert(!klat_ret_is_err(-4096));
	ck_assert(!klat_ret_is_err(0));
	ck_assert(!klat_ret_is_err(1));
	ck_assert(!klat_ret_is_err(INT64_MIN));
	ck_assert(!klat_ret_is_err(INT64_MAX));
	/* a kernel pointer is not an error */
	ck_assert(!klat_ret_is_err(klat_ret_value(0xffff888012345678ULL)));
	ck_assert(!klat_ret_is_err(klat_ret_value(0x00000000fffff000ULL)));
}
END_TEST

START_TEST(test_add_basic)
{
	struct klat_stats *s = stats_new();
	unsigned int i;
	u64 total = 0;

	klat_stats_add(s, 500, 0, 0, NULL);
	ck_assert_uint_eq(s->hits, 1);
	ck_assert_uint_eq(s->min, 500);
	ck_assert_uint_eq(s->max, 500);
	klat_stats_add(s, 100, 1, 0, NULL);
	klat_stats_add(s, 900, 42, 0, NULL);
	klat_stats_add(s, 300, 0, 0, NULL);
	ck_assert_uint_eq(s->hits, 4);
	ck_assert_uint_eq(s->min, 100);
	ck_assert_uint_eq(s->max, 900);
	ck_assert_uint_eq(s->sum, 1800);
	ck_assert(s->sumsq == (klat_u128)(500 * 500 + 100 * 100 + 900 * 900 + 300 * 300));
	ck_assert_uint_eq(s->errors, 0);
	ck_assert_uint_eq(s->hist[klat_hist_index(100)], 1);
	ck_assert_uint_eq(s->hist[klat_hist_index(300)], 1);
	ck_assert_uint_eq(s->hist[klat_hist_index(500)], 1);
	ck_assert_uint_eq(s->hist[klat_hist_index(900)], 1);
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		total += s->hist[i];
	ck_assert_uint_eq(total, 4);
	for (i = 0; i <= KLAT_ERRNO_MAX; i++)
		ck_assert_uint_eq(s->errnos[i], 0);
	free(s);
}
END_TEST

START_TEST(test_add_min_zero)
{
	struct klat_stats *s = stats_new();

	/* a zero latency is a real minimum, not "unset" */
	klat_stats_add(s, 0, 0, 0, NULL);
	klat_stats_add(s, 7, 0, 0, NULL);
	ck_assert_uint_eq(s->min, 0);
	ck_assert_uint_eq(s->max, 7);
	free(s);

	s = stats_new();
	klat_stats_add(s, 7, 0, 0, NULL);
	klat_stats_add(s, 0, 0, 0, NULL);
	ck_assert_uint_eq(s->min, 0);
	ck_assert_uint_eq(s->hist[0], 1);
	ck_assert_uint_eq(s->hist[7], 1);
	free(s);

	/* the first hit sets min even when the (stale) min field is lower */
	s = stats_new();
	s->min = 1;
	klat_stats_add(s, 1000, 0, 0, NULL);
	ck_assert_uint_eq(s->min, 1000);
	free(s);
}
END_TEST

START_TEST(test_add_huge)
{
	struct klat_stats *s = stats_new();

	klat_stats_add(s, U64_MAX, 0, 0, NULL);
	ck_assert_uint_eq(s->max, U64_MAX);
	ck_assert_uint_eq(s->hist[LAST], 1);
	ck_assert(s->sumsq == (klat_u128)U64_MAX * U64_MAX);
	klat_stats_add(s, HOUR_NS, 0, 0, NULL);
	ck_assert_uint_eq(s->min, HOUR_NS);
	ck_assert_uint_eq(s->hist[LAST], 1);
	ck_assert_uint_eq(s->hist[klat_hist_index(HOUR_NS)], 1);
	free(s);
}
END_TEST

START_TEST(test_add_errors)
{
	struct klat_stats *s = stats_new();
	unsigned int i;

	/* int function returning -EAFNOSUPPORT: register reads 0x00000000ffffff9f */
	klat_stats_add(s, 10, klat_ret_value(0x00000000ffffff9fULL), 0, NULL);
	ck_assert_uint_eq(s->errors, 1);
	ck_assert_uint_eq(s->errnos[97], 1);
	ck_assert_uint_eq(s->hits, 1);

	/* not errors */
	klat_stats_add(s, 10, -4096, 0, NULL);
	klat_stats_add(s, 10, klat_ret_value((u64)-4096LL), 0, NULL);
	klat_stats_add(s, 10, 0, 0, NULL);
	klat_stats_add(s, 10, 5, 0, NULL);
	klat_stats_add(s, 10, klat_ret_value(0x00000000fffff000ULL), 0, NULL);
	klat_stats_add(s, 10, INT64_MIN, 0, NULL);
	ck_assert_uint_eq(s->errors, 1);
	ck_assert_uint_eq(s->hits, 7);

	/* errors, and their slots */
	klat_stats_add(s, 10, -1, 0, NULL);		/* EPERM */
	klat_stats_add(s, 10, -KLAT_ERRNO_MAX, 0, NULL);	/* last counted slot */
	klat_stats_add(s, 10, -(KLAT_ERRNO_MAX + 1), 0, NULL);	/* "other" */
	klat_stats_add(s, 10, -4095, 0, NULL);		/* "other" */
	klat_stats_add(s, 10, klat_ret_value(0x00000000fffff001ULL), 0, NULL);	/* -4095: "other" */
	klat_stats_add(s, 10, -97, 0, NULL);
	ck_assert_uint_eq(s->errors, 7);
	ck_assert_uint_eq(s->errnos[1], 1);
	ck_assert_uint_eq(s->errnos[97], 2);
	ck_assert_uint_eq(s->errnos[KLAT_ERRNO_MAX], 1);
	ck_assert_uint_eq(s->errnos[0], 3);
	for (i = 0; i <= KLAT_ERRNO_MAX; i++)
		if (i != 0 && i != 1 && i != 97 && i != KLAT_ERRNO_MAX)
			ck_assert_msg(s->errnos[i] == 0, "errnos[%u] = %" PRIu64, i, s->errnos[i]);
	ck_assert_uint_eq(s->hits, 13);
	ck_assert_uint_eq(s->sum, 130);
	free(s);
}
END_TEST

/* -------------------------------------------------------------------- merge */

START_TEST(test_merge_sums)
{
	struct klat_stats *a = stats_new(), *b = stats_new();

	klat_stats_add(a, 100, -2, 0, NULL);
	klat_stats_add(a, 200, 0, 0, NULL);
	klat_stats_add(b, 50, -2, 0, NULL);
	klat_stats_add(b, 5000, -3000, 0, NULL);
	klat_stats_add(b, 100, 0, 0, NULL);
	klat_stats_merge(a, b);
	ck_assert_uint_eq(a->hits, 5);
	ck_assert_uint_eq(a->errors, 3);
	ck_assert_uint_eq(a->min, 50);
	ck_assert_uint_eq(a->max, 5000);
	ck_assert_uint_eq(a->sum, 5450);
	ck_assert(a->sumsq == (klat_u128)(100 * 100 + 200 * 200 + 50 * 50 + 5000 * 5000 + 100 * 100));
	ck_assert_uint_eq(a->errnos[2], 2);
	ck_assert_uint_eq(a->errnos[0], 1);
	ck_assert_uint_eq(a->hist[klat_hist_index(100)], 2);
	ck_assert_uint_eq(a->hist[klat_hist_index(50)], 1);
	ck_assert_uint_eq(a->hist[klat_hist_index(5000)], 1);
	/* src unchanged */
	ck_assert_uint_eq(b->hits, 3);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_merge_empty_sides)
{
	struct klat_stats *dst = stats_new(), *src = stats_new();

	/* dst has hits, src none (min field 0): dst's min/max stay */
	klat_stats_add(dst, 100, 0, 0, NULL);
	klat_stats_add(dst, 300, 0, 0, NULL);
	klat_stats_merge(dst, src);
	ck_assert_uint_eq(dst->hits, 2);
	ck_assert_uint_eq(dst->min, 100);
	ck_assert_uint_eq(dst->max, 300);
	free(dst);
	free(src);

	/* dst empty (min field 0), src has hits: src's min/max taken */
	dst = stats_new();
	src = stats_new();
	klat_stats_add(src, 400, 0, 0, NULL);
	klat_stats_add(src, 700, 0, 0, NULL);
	klat_stats_merge(dst, src);
	ck_assert_uint_eq(dst->hits, 2);
	ck_assert_uint_eq(dst->min, 400);
	ck_assert_uint_eq(dst->max, 700);

	/* then a second source with a larger min and smaller max changes nothing */
	memset(src, 0, sizeof(*src));
	klat_stats_add(src, 500, 0, 0, NULL);
	klat_stats_merge(dst, src);
	ck_assert_uint_eq(dst->min, 400);
	ck_assert_uint_eq(dst->max, 700);
	ck_assert_uint_eq(dst->hits, 3);
	free(dst);
	free(src);

	/* both empty: still no hits */
	dst = stats_new();
	src = stats_new();
	klat_stats_merge(dst, src);
	ck_assert_uint_eq(dst->hits, 0);
	ck_assert_uint_eq(dst->min, 0);
	ck_assert_uint_eq(dst->max, 0);
	free(dst);
	free(src);
}
END_TEST

/* merging per-CPU parts summarizes the same as one stats block */
START_TEST(test_merge_equals_single)
{
	struct klat_stats *all = stats_new(), *cpu[4], *m = stats_new();
	struct klat_summary a, b;
	unsigned int i, k;

	for (k = 0; k < 4; k++)
		cpu[k] = stats_new();
	for (i = 0; i < 20000; i++) {
		u64 lat = 100 + rng() % 1000000;
		s64 ret = (rng() & 7) ? 0 : -(s64)(rng() % 200);

		klat_stats_add(all, lat, ret, 0, NULL);
		klat_stats_add(cpu[i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : 0], lat, ret, 0, NULL);
	}
	/* cpu[2] stays empty */
	for (k = 0; k < 4; k++)
		klat_stats_merge(m, cpu[k]);
	klat_summarize(all, &a);
	klat_summarize(m, &b);
	ck_assert_uint_eq(a.hits, b.hits);
	ck_assert_uint_eq(a.errors, b.errors);
	ck_assert_uint_eq(a.min, b.min);
	ck_assert_uint_eq(a.max, b.max);
	ck_assert_uint_eq(a.avg, b.avg);
	ck_assert_uint_eq(a.p50, b.p50);
	ck_assert_uint_eq(a.p90, b.p90);
	ck_assert_uint_eq(a.p99, b.p99);
	ck_assert_uint_eq(a.p999, b.p999);
	ck_assert_uint_eq(a.stddev, b.stddev);
	ck_assert_uint_eq(a.sum, b.sum);
	ck_assert_int_eq(memcmp(all->errnos, m->errnos, sizeof(all->errnos)), 0);
	ck_assert_int_eq(memcmp(all->hist, m->hist, sizeof(all->hist)), 0);
	for (k = 0; k < 4; k++)
		free(cpu[k]);
	free(all);
	free(m);
}
END_TEST

/* -------------------------------------------------------------- percentiles */

START_TEST(test_pct_constant)
{
	static const u64 vals[] = { 0, 1, 15, 16, 17, 12345, 1000001, HOUR_NS, 1ULL << 50 };
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	memset(s, 0, sizeof(*s));
	add_n(s, vals[_i], 1000);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.hits, 1000);
	ck_assert_uint_eq(o.min, vals[_i]);
	ck_assert_uint_eq(o.max, vals[_i]);
	ck_assert_uint_eq(o.p50, vals[_i]);
	ck_assert_uint_eq(o.p90, vals[_i]);
	ck_assert_uint_eq(o.p99, vals[_i]);
	ck_assert_uint_eq(o.p999, vals[_i]);
	ck_assert_uint_eq(o.avg, vals[_i]);
	ck_assert_uint_eq(o.stddev, 0);
	ck_assert_uint_eq(o.sum, vals[_i] * 1000);
	free(s);
}
END_TEST

START_TEST(test_pct_single)
{
	static const u64 vals[] = { 0, 9, 33, 1000, 123456789, HOUR_NS };
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	klat_stats_add(s, vals[_i], -5, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.hits, 1);
	ck_assert_uint_eq(o.errors, 1);
	ck_assert_uint_eq(o.min, vals[_i]);
	ck_assert_uint_eq(o.max, vals[_i]);
	ck_assert_uint_eq(o.avg, vals[_i]);
	ck_assert_uint_eq(o.p50, vals[_i]);
	ck_assert_uint_eq(o.p90, vals[_i]);
	ck_assert_uint_eq(o.p99, vals[_i]);
	ck_assert_uint_eq(o.p999, vals[_i]);
	ck_assert_uint_eq(o.stddev, 0);
	ck_assert_uint_eq(o.sum, vals[_i]);
	free(s);
}
END_TEST

/* uniform 1..N: percentile vs the exact value of rank ceil(N p) */
START_TEST(test_pct_uniform)
{
	static const u64 ns[] = { 1, 2, 3, 10, 16, 100, 1000, 12345, 100000 };
	static const u32 ps[] = { 1, 10000, 25000, 50000, 75000, 90000, 99000, 99900, 99990,
				  100000 };
	u64 n = ns[_i], v, total = 0;
	struct klat_stats *s = stats_new();
	struct klat_summary o;
	unsigned int i, k;

	for (v = 1; v <= n; v++)
		klat_stats_add(s, v, 0, 0, NULL);
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		total += s->hist[i];
	ck_assert_uint_eq(total, n);
	for (k = 0; k < sizeof(ps) / sizeof(ps[0]); k++) {
		/* exact rank, computed the slow way */
		u64 rank = (n * ps[k] + 99999) / 100000 ?: 1;
		u64 got = klat_hist_percentile(s->hist, n, ps[k], 1, n);
		u64 err = got > rank ? got - rank : rank - got;

		ck_assert_msg(err * 16 <= rank, "N=%" PRIu64 " p=%u: got %" PRIu64 ", exact %" PRIu64,
			      n, ps[k], got, rank);
		ck_assert_uint_eq(got, bucket_mid(rank, 1, n));
		if (rank < 16)
			ck_assert_uint_eq(got, rank);
	}
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.min, 1);
	ck_assert_uint_eq(o.max, n);
	ck_assert_uint_eq(o.avg, (n + 1) / 2);
	ck_assert_uint_le(o.min, o.p50);
	ck_assert_uint_le(o.p50, o.p90);
	ck_assert_uint_le(o.p90, o.p99);
	ck_assert_uint_le(o.p99, o.p999);
	ck_assert_uint_le(o.p999, o.max);
	ck_assert_uint_eq(o.p50, klat_hist_percentile(s->hist, n, 50000, 1, n));
	ck_assert_uint_eq(o.p90, klat_hist_percentile(s->hist, n, 90000, 1, n));
	ck_assert_uint_eq(o.p99, klat_hist_percentile(s->hist, n, 99000, 1, n));
	ck_assert_uint_eq(o.p999, klat_hist_percentile(s->hist, n, 99900, 1, n));
	free(s);
}
END_TEST

START_TEST(test_pct_p999)
{
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	/* 1000 calls: 998 fast, 2 slow -> p99 fast, p99.9 (rank 999) slow */
	add_n(s, 100, 998);
	add_n(s, 1000000, 2);
	klat_summarize(s, &o);
	/* 100 lies in bucket [100, 103]: midpoint 101 */
	ck_assert_uint_eq(bucket_mid(100, 100, 1000000), 101);
	ck_assert_uint_eq(o.p50, 101);
	ck_assert_uint_eq(o.p90, 101);
	ck_assert_uint_eq(o.p99, 101);
	ck_assert_uint_eq(o.p999, bucket_mid(1000000, 100, 1000000));
	ck_assert_uint_ge(o.p999, klat_hist_low(klat_hist_index(1000000)));
	ck_assert_uint_le(o.p999, 1000000);
	free(s);

	/* 999 fast, 1 slow: rank 999 is still fast */
	s = stats_new();
	add_n(s, 100, 999);
	add_n(s, 1000000, 1);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.p999, 101);
	ck_assert_uint_eq(o.max, 1000000);
	ck_assert_uint_eq(klat_hist_percentile(s->hist, 1000, 100000, 100, 1000000),
			  bucket_mid(1000000, 100, 1000000));
	free(s);
}
END_TEST

START_TEST(test_pct_midpoint_and_clamp)
{
	u64 hist[KLAT_HIST_BUCKETS] = { 0 };

	/* ten values in [1024, 1087]: midpoint 1055, clamped to [min, max] */
	hist[112] = 10;
	ck_assert_uint_eq(klat_hist_percentile(hist, 10, 50000, 1024, 1087), 1055);
	ck_assert_uint_eq(klat_hist_percentile(hist, 10, 50000, 1060, 1087), 1060);
	ck_assert_uint_eq(klat_hist_percentile(hist, 10, 50000, 1024, 1030), 1030);
	/* p0 is rank 1; p > 100% clamps to 100% */
	hist[200] = 10;
	ck_assert_uint_eq(klat_hist_percentile(hist, 20, 0, 0, U64_MAX), 1055);
	ck_assert_uint_eq(klat_hist_percentile(hist, 20, 100001, 0, U64_MAX),
			  klat_hist_low(200) + (klat_hist_high(200) - klat_hist_low(200)) / 2);
	ck_assert_uint_eq(klat_hist_percentile(hist, 20, ~0U, 0, U64_MAX),
			  klat_hist_low(200) + (klat_hist_high(200) - klat_hist_low(200)) / 2);
	/* open last bucket: its low, clamped */
	memset(hist, 0, sizeof(hist));
	hist[LAST] = 1;
	ck_assert_uint_eq(klat_hist_percentile(hist, 1, 50000, 0, U64_MAX), klat_hist_low(LAST));
	ck_assert_uint_eq(klat_hist_percentile(hist, 1, 50000, 1ULL << 50, 1ULL << 50), 1ULL << 50);
	/* a total above what the histogram holds: max */
	ck_assert_uint_eq(klat_hist_percentile(hist, 5, 99000, 0, 777), 777);
}
END_TEST

START_TEST(test_pct_total_zero)
{
	u64 hist[KLAT_HIST_BUCKETS] = { 0 };
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	hist[100] = 5;
	ck_assert_uint_eq(klat_hist_percentile(hist, 0, 50000, 10, 20), 0);
	ck_assert_uint_eq(klat_hist_percentile(hist, 0, 100000, 10, 20), 0);
	memset(&o, 0xa5, sizeof(o));
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.hits, 0);
	ck_assert_uint_eq(o.errors, 0);
	ck_assert_uint_eq(o.min, 0);
	ck_assert_uint_eq(o.avg, 0);
	ck_assert_uint_eq(o.p50, 0);
	ck_assert_uint_eq(o.p90, 0);
	ck_assert_uint_eq(o.p99, 0);
	ck_assert_uint_eq(o.p999, 0);
	ck_assert_uint_eq(o.max, 0);
	ck_assert_uint_eq(o.stddev, 0);
	ck_assert_uint_eq(o.sum, 0);
	free(s);
}
END_TEST

/* total * p must not overflow: totals near 2^63 and 2^64 */
START_TEST(test_pct_large_totals)
{
	u64 hist[KLAT_HIST_BUCKETS] = { 0 };
	u64 t = 1ULL << 63, mid100, mid200;

	mid100 = klat_hist_low(100) + (klat_hist_high(100) - klat_hist_low(100)) / 2;
	mid200 = klat_hist_low(200) + (klat_hist_high(200) - klat_hist_low(200)) / 2;
	hist[100] = t / 2;
	hist[200] = t / 2;
	/* rank of p50 is exactly 2^62: the last value of bucket 100 */
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 50000, 0, U64_MAX), mid100);
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 50001, 0, U64_MAX), mid200);
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 1, 0, U64_MAX), mid100);
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 99900, 0, U64_MAX), mid200);
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 100000, 0, U64_MAX), mid200);

	/* 2^63 - 1 in bucket 100, one in bucket 200: only p100 reaches it */
	hist[100] = t - 1;
	hist[200] = 1;
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 99999, 0, U64_MAX), mid100);
	ck_assert_uint_eq(klat_hist_percentile(hist, t, 100000, 0, U64_MAX), mid200);

	/* a total of U64_MAX */
	hist[100] = U64_MAX - 10;
	hist[200] = 10;
	ck_assert_uint_eq(klat_hist_percentile(hist, U64_MAX, 99900, 0, U64_MAX), mid100);
	ck_assert_uint_eq(klat_hist_percentile(hist, U64_MAX, 100000, 0, U64_MAX), mid200);
}
END_TEST

/* ---------------------------------------------------------- stddev and avg */

/* population standard deviation of @n values, in long double */
static long double ref_stddev(const u64 *v, size_t n)
{
	long double mean = 0, var = 0;
	size_t i;

	for (i = 0; i < n; i++)
		mean += v[i];
	mean /= n;
	for (i = 0; i < n; i++)
		var += ((long double)v[i] - mean) * ((long double)v[i] - mean);
	return sqrtl(var / n);
}

START_TEST(test_stddev_constant)
{
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	add_n(s, 1000000007ULL, 12345);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.stddev, 0);
	free(s);
}
END_TEST

/* two values a, b: the population stddev is |a - b| / 2 (rounded down) */
START_TEST(test_stddev_two)
{
	static const u64 pairs[][2] = {
		{ 100, 200 }, { 200, 100 }, { 0, 2 }, { 0, 1000 }, { 5, 5 },
		{ 1000, 1002 }, { 1000000, 1000002 }, { 1000000, 1000001 },
		{ 1000000, 1000003 }, { 999999999, 1000000000 }, { 123456789, 987654321 },
		{ 1000000000000ULL, 3000000000000ULL }, { HOUR_NS, HOUR_NS + 7 },
	};
	u64 a = pairs[_i][0], b = pairs[_i][1];
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	klat_stats_add(s, a, 0, 0, NULL);
	klat_stats_add(s, b, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_msg(o.stddev == (a > b ? a - b : b - a) / 2,
		      "stddev(%" PRIu64 ", %" PRIu64 ") = %" PRIu64 ", want %" PRIu64,
		      a, b, o.stddev, (a > b ? a - b : b - a) / 2);
	ck_assert_uint_eq(o.avg, (a + b) / 2);
	free(s);
}
END_TEST

/* a tight cluster far from zero: E[x^2] - E[x]^2 must not lose the small variance */
START_TEST(test_stddev_tight_cluster)
{
	u64 v[3] = { 1000000000ULL, 1000000000ULL, 1000000001ULL };
	struct klat_stats *s = stats_new();
	struct klat_summary o;
	long double ref = ref_stddev(v, 3);	/* 0.47 */

	klat_stats_add(s, v[0], 0, 0, NULL);
	klat_stats_add(s, v[1], 0, 0, NULL);
	klat_stats_add(s, v[2], 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_msg(fabsl((long double)o.stddev - ref) <= 1,
		      "stddev %" PRIu64 ", want %.3Lf", o.stddev, ref);
	free(s);
}
END_TEST

START_TEST(test_stddev_uniform)
{
	static const u64 ns[] = { 2, 3, 10, 1000, 100000 };
	u64 n = ns[_i], v;
	struct klat_stats *s = stats_new();
	struct klat_summary o;
	long double exact = sqrtl(((long double)n * n - 1) / 12);

	for (v = 1; v <= n; v++)
		klat_stats_add(s, v, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_msg(fabsl((long double)o.stddev - exact) <= 1,
		      "N=%" PRIu64 ": stddev %" PRIu64 ", want %.3Lf", n, o.stddev, exact);
	free(s);
}
END_TEST

START_TEST(test_stddev_large)
{
	struct klat_stats *s = stats_new();
	struct klat_summary o;
	u64 *v = malloc(1000 * sizeof(*v));
	long double ref;
	unsigned int k;

	/* 1e12 .. 1.999e12 ns in steps of 1e9: sumsq ~ 2^81, needs 128 bits */
	ck_assert_ptr_nonnull(v);
	for (k = 0; k < 1000; k++) {
		v[k] = 1000000000000ULL + (u64)k * 1000000000ULL;
		klat_stats_add(s, v[k], 0, 0, NULL);
	}
	ref = ref_stddev(v, 1000);
	klat_summarize(s, &o);
	ck_assert_msg(fabsl((long double)o.stddev - ref) <= 1,
		      "stddev %" PRIu64 ", want %.3Lf", o.stddev, ref);
	ck_assert_uint_eq(o.avg, 1000000000000ULL + 499500000000ULL);
	free(s);
	free(v);

	/* a million hits around 1e12 ns, stddev 1 */
	s = stats_new();
	add_n(s, 1000000000000ULL, 500000);
	add_n(s, 1000000000002ULL, 500000);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.stddev, 1);
	ck_assert_uint_eq(o.avg, 1000000000001ULL);
	ck_assert_uint_eq(o.sum, 1000000000001000000ULL);
	free(s);

	/* two hours and zero: stddev one hour */
	s = stats_new();
	klat_stats_add(s, 0, 0, 0, NULL);
	klat_stats_add(s, 2 * HOUR_NS, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.stddev, HOUR_NS);
	free(s);
}
END_TEST

START_TEST(test_stddev_random)
{
	struct klat_stats *s = stats_new();
	struct klat_summary o;
	u64 *v = malloc(5000 * sizeof(*v));
	long double ref;
	unsigned int k;
	u64 base, spread;

	rng_state = 0x2545f4914f6cdd1dULL * (u64)(_i + 1);
	base = 1 + rng() % 100000000ULL;
	spread = 1 + rng() % 10000;
	ck_assert_ptr_nonnull(v);
	for (k = 0; k < 5000; k++) {
		v[k] = base + rng() % spread;
		klat_stats_add(s, v[k], 0, 0, NULL);
	}
	ref = ref_stddev(v, 5000);
	klat_summarize(s, &o);
	ck_assert_msg(fabsl((long double)o.stddev - ref) <= 1,
		      "base %" PRIu64 " spread %" PRIu64 ": stddev %" PRIu64 ", want %.3Lf",
		      base, spread, o.stddev, ref);
	free(s);
	free(v);
}
END_TEST

START_TEST(test_avg)
{
	struct klat_stats *s = stats_new();
	struct klat_summary o;

	klat_stats_add(s, 1, 0, 0, NULL);
	klat_stats_add(s, 2, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.avg, 1);	/* floor(3/2) */
	klat_stats_add(s, 3, 0, 0, NULL);
	klat_stats_add(s, 4, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.avg, 2);	/* floor(10/4) */
	klat_stats_add(s, 90, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.avg, 20);
	ck_assert_uint_eq(o.sum, 100);
	ck_assert_uint_eq(o.hits, 5);
	free(s);

	s = stats_new();
	add_n(s, HOUR_NS, 1000);
	klat_stats_add(s, 0, 0, 0, NULL);
	klat_summarize(s, &o);
	ck_assert_uint_eq(o.avg, HOUR_NS * 1000 / 1001);
	free(s);
}
END_TEST

/* ---------------------------------------------------------------- concurrency */

/*
 * A reader sums a CPU's figures while that CPU's handler adds to them. With
 * a constant latency L every consistent sum of squares is k * L^2 for a k
 * between the hits seen before and after the read. L^2 is just below 2^64,
 * so nearly every add carries into the upper half: a read that takes the two
 * halves of the 128-bit sum at different times is off by 2^64.
 */
#define TORN_L		((u64)4294967291ULL)	/* the largest prime below 2^32 */

struct torn_ctx {
	struct klat_stats *s;
	volatile int stop;
};

static void *torn_writer(void *arg)
{
	struct torn_ctx *c = arg;

	while (!c->stop)
		klat_stats_add(c->s, TORN_L, 0, 0, NULL);
	return NULL;
}

START_TEST(test_sumsq_read_while_added)
{
	struct torn_ctx c = { .s = stats_new() };
	struct klat_stats *sum = stats_new();
	klat_u128 l2 = (klat_u128)TORN_L * TORN_L;
	pthread_t th;
	unsigned long reads, bad = 0;

	ck_assert_int_eq(pthread_create(&th, NULL, torn_writer, &c), 0);
	for (reads = 0; reads < 2000000; reads++) {
		u64 before = __atomic_load_n(&c.s->hits, __ATOMIC_ACQUIRE), after;
		klat_u128 k;

		memset(sum, 0, sizeof(*sum));
		klat_stats_merge(sum, c.s);
		after = __atomic_load_n(&c.s->hits, __ATOMIC_ACQUIRE);
		k = sum->sumsq / l2;
		if (sum->sumsq % l2 || k + 1 < before || k > after + 1)
			bad++;
	}
	c.stop = 1;
	pthread_join(th, NULL);
	ck_assert_msg(!bad, "%lu of %lu reads saw a torn sum of squares", bad, reads);
	free(c.s);
	free(sum);
}
END_TEST

START_TEST(test_delta_clock_back)
{
	bool back = true;

	ck_assert_uint_eq(klat_delta(1000, 400, &back), 600);
	ck_assert(!back);
	ck_assert_uint_eq(klat_delta(400, 400, &back), 0);
	ck_assert(!back);
	/* a step back is 0 ns and reported, not 2^64 - 600 */
	ck_assert_uint_eq(klat_delta(400, 1000, &back), 0);
	ck_assert(back);
	back = false;
	ck_assert_uint_eq(klat_delta(0, 10, &back), 0);
	ck_assert(back);
	/* a counter that wrapped forwards is still a small positive delta */
	ck_assert_uint_eq(klat_delta(5, U64_MAX - 4, &back), 10);
	ck_assert(!back);
}
END_TEST

START_TEST(test_clock_back_counted)
{
	struct klat_stats *a = stats_new(), *b = stats_new(), *sum = stats_new();

	a->clock_back = 2;
	b->clock_back = 3;
	klat_stats_merge(sum, a);
	klat_stats_merge(sum, b);
	ck_assert_uint_eq(sum->clock_back, 5);
	free(a);
	free(b);
	free(sum);
}
END_TEST

static Suite *stats_suite(void)
{
	Suite *s = suite_create("klat_stats");
	TCase *tc;

	tc = tcase_create("hist");
	tcase_add_test(tc, test_hist_layout);
	tcase_add_test(tc, test_hist_small_exact);
	tcase_add_test(tc, test_hist_known_values);
	tcase_add_test(tc, test_hist_every_bucket);
	tcase_add_test(tc, test_hist_monotonic);
	tcase_add_test(tc, test_hist_last_bucket);
	add_tcase(s, tc);

	tc = tcase_create("add");
	tcase_add_test(tc, test_ret_value);
	tcase_add_test(tc, test_add_basic);
	tcase_add_test(tc, test_add_min_zero);
	tcase_add_test(tc, test_add_huge);
	tcase_add_test(tc, test_add_errors);
	add_tcase(s, tc);

	tc = tcase_create("merge");
	tcase_add_test(tc, test_merge_sums);
	tcase_add_test(tc, test_merge_empty_sides);
	tcase_add_test(tc, test_merge_equals_single);
	add_tcase(s, tc);

	tc = tcase_create("percentile");
	tcase_add_loop_test(tc, test_pct_constant, 0, 9);
	tcase_add_loop_test(tc, test_pct_single, 0, 6);
	tcase_add_loop_test(tc, test_pct_uniform, 0, 9);
	tcase_add_test(tc, test_pct_p999);
	tcase_add_test(tc, test_pct_midpoint_and_clamp);
	tcase_add_test(tc, test_pct_total_zero);
	tcase_add_test(tc, test_pct_large_totals);
	add_tcase(s, tc);

	tc = tcase_create("stddev");
	tcase_add_test(tc, test_stddev_constant);
	tcase_add_loop_test(tc, test_stddev_two, 0, 13);
	tcase_add_test(tc, test_stddev_tight_cluster);
	tcase_add_loop_test(tc, test_stddev_uniform, 0, 5);
	tcase_add_test(tc, test_stddev_large);
	tcase_add_loop_test(tc, test_stddev_random, 0, 20);
	tcase_add_test(tc, test_avg);
	add_tcase(s, tc);

	tc = tcase_create("concurrency");
	tcase_add_test(tc, test_sumsq_read_while_added);
	tcase_add_test(tc, test_delta_clock_back);
	tcase_add_test(tc, test_clock_back_counted);
	add_tcase(s, tc);
	return s;
}

KLAT_CHECK_MAIN(stats_suite)
