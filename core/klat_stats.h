/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klat statistics: a log-linear (HDR style) latency histogram plus counters.
 *
 * Pure logic, shared with the user-space unit tests: no kernel headers.
 *
 * Bucketing: values below 16 ns get one bucket each. Above, every power of two
 * [2^m, 2^(m+1)) is split into 16 equal sub-buckets of width 2^(m-4), so a
 * bucket is at most 1/16 of its lowest value wide. The last bucket also holds
 * everything from 2^KLAT_HIST_MAX_SHIFT ns (about 4.9 hours) up.
 */
#ifndef _KLAT_STATS_H
#define _KLAT_STATS_H

#include "klat_compat.h"
#include "klat_procs.h"

#define KLAT_HIST_SUB_BITS	4
#define KLAT_HIST_SUB		(1U << KLAT_HIST_SUB_BITS)
#define KLAT_HIST_MAX_SHIFT	44
#define KLAT_HIST_BUCKETS	((KLAT_HIST_MAX_SHIFT - KLAT_HIST_SUB_BITS + 1) * KLAT_HIST_SUB)

/* errnos counted one by one; anything above lands in slot 0 ("other") */
#define KLAT_ERRNO_MAX		149

/*
 * One CPU's figures for one probe. Written only by that CPU's probe handlers,
 * which never nest on one CPU (kprobes counts a nested hit as missed); read
 * racily by readers, who only sum (each u64 is read whole on 64-bit). The
 * 128-bit @sumsq is two words, and a row of @procs several: @sumsq_seq (odd
 * while either is written, as a seqcount) lets a reader take one whole value.
 */
struct klat_stats {
	u64 hits;
	u32 sumsq_seq;
	u64 errors;
	u64 min;		/* valid when hits != 0 */
	u64 max;
	u64 sum;
	u64 clock_back;		/* calls whose clock went backwards (counted as 0 ns) */
	klat_u128 sumsq;
	u64 errnos[KLAT_ERRNO_MAX + 1];
	u64 hist[KLAT_HIST_BUCKETS];
	/* per-process figures (klat_procs.h): not summed by klat_stats_merge() */
	struct klat_procs procs;
};

/* Derived figures, all in ns; every time is 0 when there are no hits. */
struct klat_summary {
	u64 hits;
	u64 errors;
	u64 min;
	u64 avg;
	u64 p50;
	u64 p90;
	u64 p99;
	u64 p999;
	u64 max;
	u64 stddev;
	u64 sum;
};

static inline unsigned int klat_hist_index(u64 v)
{
	unsigned int msb;

	if (v < KLAT_HIST_SUB)
		return (unsigned int)v;
	msb = 63 - (unsigned int)__builtin_clzll(v);
	if (msb >= KLAT_HIST_MAX_SHIFT)
		return KLAT_HIST_BUCKETS - 1;
	return (msb - KLAT_HIST_SUB_BITS + 1) * KLAT_HIST_SUB +
	       (unsigned int)((v >> (msb - KLAT_HIST_SUB_BITS)) & (KLAT_HIST_SUB - 1));
}

/*
 * A kernel function's return register as a signed value. A function returning int
 * leaves the upper half of the register zero, so a 32-bit negative errno there is
 * sign-extended; anything else is taken as a 64-bit value.
 */
static inline s64 klat_ret_value(u64 raw)
{
	if (!(raw >> 32) && (u32)raw >= (u32)-4095)
		return (s64)(s32)(u32)raw;
	return (s64)raw;
}

/* The kernel's IS_ERR_VALUE rule, applied to klat_ret_value(): -4095..-1. */
static inline bool klat_ret_is_err(s64 ret)
{
	return ret < 0 && ret >= -4095;
}

/*
 * The latency of a call from two clock readings. A clock can step back (the
 * TSC's stability is checked once; ktime_get_mono_fast_ns() may go back across
 * a timekeeping update): such a call counts as 0 ns and sets *@back, rather
 * than wrapping to about 1.8e19 ns and poisoning max, sum and stddev for good.
 */
static inline u64 klat_delta(u64 now, u64 start, bool *back)
{
	*back = (s64)(now - start) < 0;
	return *back ? 0 : now - start;
}

/*
 * Record one call; with @comm not NULL, also for process @tgid in the
 * per-process table. Hot path: no division, no lock.
 */
static inline void klat_stats_add(struct klat_stats *s, u64 lat, s64 ret, u32 tgid,
				  const char *comm)
{
	bool err = klat_ret_is_err(ret);

	if (!s->hits || lat < s->min)
		s->min = lat;
	if (lat > s->max)
		s->max = lat;
	s->hits++;
	s->sum += lat;
	KLAT_WRITE_ONCE(s->sumsq_seq, s->sumsq_seq + 1);
	klat_smp_wmb();
	s->sumsq += (klat_u128)lat * lat;
	if (comm)
		klat_procs_add(&s->procs, tgid, comm, lat, err);
	klat_smp_wmb();
	KLAT_WRITE_ONCE(s->sumsq_seq, s->sumsq_seq + 1);
	s->hist[klat_hist_index(lat)]++;
	if (err) {
		s->errors++;
		s->errnos[-ret <= KLAT_ERRNO_MAX ? -ret : 0]++;
	}
}

/* @s's sum of squares, both halves of one value (@s may be being added to). */
static inline klat_u128 klat_stats_sumsq(const struct klat_stats *s)
{
	klat_u128 v;
	u32 seq, tries = 0;

	/*
	 * The writer is a probe handler (preemption off): it is out of the
	 * window within nanoseconds. The bound only keeps a reader from
	 * spinning for good if that ever failed to hold.
	 */
	do {
		seq = KLAT_READ_ONCE(s->sumsq_seq);
		klat_smp_rmb();
		v = s->sumsq;
		klat_smp_rmb();
	} while (((seq & 1) || seq != KLAT_READ_ONCE(s->sumsq_seq)) && ++tries < KLAT_SEQ_TRIES);
	return v;
}

u64 klat_hist_low(unsigned int idx);
u64 klat_hist_high(unsigned int idx);
void klat_stats_merge(struct klat_stats *dst, const struct klat_stats *src);
u64 klat_hist_rank(u64 total, u32 num, u32 den);
u64 klat_hist_mid(u64 low, u64 high);
u64 klat_hist_percentile(const u64 *hist, u64 total, u32 per_100k, u64 min, u64 max);
void klat_summarize(const struct klat_stats *s, struct klat_summary *out);

#endif /* _KLAT_STATS_H */
