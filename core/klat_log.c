// SPDX-License-Identifier: GPL-2.0
/*
 * klat event log: one lock-free ring of fixed-size events shared by all CPUs.
 *
 * A writer takes the next sequence number from klat_log_seq (one atomic add,
 * the only cross-CPU write on this path) and owns slot seq & mask: the ring keeps
 * exactly the newest `capacity` events, overwriting the oldest, and never blocks
 * or allocates. A writer first claims its slot (busy, cmpxchg 0 -> 1); when the
 * ring wraps around while another writer still fills that slot, the newcomer
 * drops its event rather than mix fields with it. Each slot is also guarded like
 * a seqcount: its seq is zeroed before the fields are written and set after, so
 * a reader that sees the same non-zero seq before and after copying a slot has
 * a whole event.
 */

#include <linux/atomic.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "klat_log.h"
#include "klat_slot.h"

/* Set at init, freed at exit; slots written by probe handlers, any context. */
static struct klat_event *klat_ring;
static u32 klat_ring_mask;
/* The last sequence number handed out; events are numbered from 1. */
static atomic64_t klat_log_seq = ATOMIC64_INIT(0);
/* Events numbered up to this were emptied by a reset. Written under klat_mutex. */
static u64 klat_log_reset_seq;

int klat_log_init(unsigned int size)
{
	size = roundup_pow_of_two(clamp_t(unsigned int, size, 1, KLAT_LOG_SIZE_MAX));
	klat_ring = vzalloc(array_size(size, sizeof(*klat_ring)));
	if (!klat_ring)
		return -ENOMEM;
	klat_ring_mask = size - 1;
	return 0;
}

void klat_log_exit(void)
{
	vfree(klat_ring);
	klat_ring = NULL;
}

unsigned int klat_log_capacity(void)
{
	return klat_ring_mask + 1;
}

/* Probe context (preemption off, any context): no lock, no allocation. */
void klat_log_record(const struct klat_sym *sym, u64 ts, u64 lat, u64 ret,
		     const struct klat_log_in *in)
{
	u64 seq = atomic64_inc_return(&klat_log_seq);
	struct klat_event *e = &klat_ring[seq & klat_ring_mask];

	if (!klat_slot_claim(&e->busy, &e->seq, seq))	/* see klat_slot.h */
		return;
	WRITE_ONCE(e->seq, 0);
	/*
	 * seq = 0 before the fields: pairs with the second smp_rmb() in
	 * klat_log_snapshot(), so a reader that copied any new field sees seq
	 * changed when it reads it again.
	 */
	smp_wmb();
	e->ts = ts;
	e->lat = lat;
	e->ret = ret;
	memcpy(e->args, in->args, sizeof(e->args));
	e->str_len = in->str_len;
	if (in->str_len >= 0)	/* the string and its NUL, or all of a cut one */
		memcpy(e->str, in->str, min_t(int, in->str_len + 1, KLAT_LOG_STR));
	e->sym = sym;
	e->pid = current->pid;
	e->tgid = current->tgid;
	e->cpu = smp_processor_id();
	memcpy(e->comm, current->comm, sizeof(e->comm));
	/*
	 * The fields before the new seq: pairs with the first smp_rmb() in
	 * klat_log_snapshot(), so a reader that sees @seq copies this event.
	 */
	smp_wmb();
	WRITE_ONCE(e->seq, seq);
	klat_slot_release(&e->busy);
}

static int klat_event_cmp(const void *a, const void *b)
{
	const struct klat_event *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Copy the log, oldest first. Process context; the caller holds klat_mutex
 * (against klat_log_reset). Returns NULL when out of memory.
 */
struct klat_log_snap *klat_log_snapshot(void)
{
	u32 cap = klat_ring_mask + 1, i, n = 0;
	struct klat_log_snap *s;
	u64 last, written;

	s = kvmalloc(struct_size(s, ev, cap), GFP_KERNEL);
	if (!s)
		return NULL;
	last = atomic64_read(&klat_log_seq);
	for (i = 0; i < cap; i++) {
		struct klat_event *e = &klat_ring[i], *d = &s->ev[n];
		u64 seq = READ_ONCE(e->seq);

		if (seq <= klat_log_reset_seq)
			continue;
		/* seq before the fields: pairs with the second smp_wmb() in klat_log_record() */
		smp_rmb();
		memcpy(d, e, sizeof(*d));
		/* the fields before seq again: pairs with the first smp_wmb() in klat_log_record() */
		smp_rmb();
		if (READ_ONCE(e->seq) != seq || d->seq != seq)
			continue;
		n++;
	}
	sort(s->ev, n, sizeof(s->ev[0]), klat_event_cmp, NULL);
	written = last - klat_log_reset_seq;
	s->dropped = written > cap ? written - cap : 0;
	s->capacity = cap;
	s->count = n;
	return s;
}

/* Empty the log: events numbered so far are no longer shown. Under klat_mutex. */
void klat_log_reset(void)
{
	klat_log_reset_seq = atomic64_read(&klat_log_seq);
}
