/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl histogram arithmetic on the buckets of probes/SYMBOL/hist: the difference of two
 * reads, percentiles (the module's meaning, see klat_hist_percentile()), the upper bound and
 * the folding into log2 slots.
 */
#ifndef KLATCTL_HIST_H
#define KLATCTL_HIST_H

#include <stddef.h>
#include <stdint.h>

struct klatctl_bucket {
	uint64_t low, high, count;
};

struct klatctl_hist {
	size_t n;
	struct klatctl_bucket *b;
	uint64_t total;
};


void klatctl_hist_free(struct klatctl_hist *h);
int klatctl_hist_diff(const struct klatctl_hist *now, const struct klatctl_hist *prev,
		      struct klatctl_hist *out);
uint64_t klatctl_hist_percentile(const struct klatctl_hist *h, unsigned int num, unsigned int den);
uint64_t klatctl_hist_upper_bound(const struct klatctl_hist *h);

#define KLATCTL_LOG2_SLOTS	64
int klatctl_log2_slot(uint64_t v);
int klatctl_hist_log2(const struct klatctl_hist *h, uint64_t slots[KLATCTL_LOG2_SLOTS]);

#endif /* KLATCTL_HIST_H */
