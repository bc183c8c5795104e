/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Claiming a slot of the event log ring. Pure logic, shared with the unit
 * tests: no kernel headers beyond klat_compat.h.
 *
 * A writer takes sequence number @seq and then its slot (seq & mask). It owns
 * the slot while @busy is 1. Between the two steps it can be delayed (an
 * interrupt, a slow CPU) long enough for the ring to wrap: then another
 * writer may be in the slot (the newcomer drops its event rather than mix
 * fields with it), or may already have left a newer event there (the late
 * writer drops its older one rather than overwrite it).
 */
#ifndef _KLAT_SLOT_H
#define _KLAT_SLOT_H

#include "klat_compat.h"

/*
 * Claim a slot whose last whole event has sequence number *@slot_seq (0 if
 * none). True: the caller owns it and must klat_slot_release() it. Probe
 * context (any context): no lock, no wait.
 */
static inline bool klat_slot_claim(u32 *busy, const u64 *slot_seq, u64 seq)
{
	if (klat_cmpxchg(busy, 0, 1))	/* another writer is in it */
		return false;
	/* holding busy, *slot_seq is that of the last whole event */
	if (KLAT_READ_ONCE(*slot_seq) > seq) {
		klat_store_release(busy, 0);
		return false;
	}
	return true;
}

/* Give the slot up; its event's stores are ordered before this one. */
static inline void klat_slot_release(u32 *busy)
{
	klat_store_release(busy, 0);
}

#endif /* _KLAT_SLOT_H */
