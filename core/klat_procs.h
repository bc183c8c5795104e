/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-process figures of one target: which processes (tgid, comm) spend the
 * most time in it. Each CPU keeps a table of KLAT_PROCS_SLOTS processes,
 * weighted space-saving by total time: a process not in the table takes the
 * slot of the lightest one and inherits its total as an error bound (@over),
 * so a heavy process is never missed, and the table stays fixed in size
 * whatever the number of processes. Readers copy each CPU's table and merge
 * them by tgid. Pure logic, shared with the unit tests: no kernel headers
 * beyond klat_compat.h.
 */
#ifndef _KLAT_PROCS_H
#define _KLAT_PROCS_H

#include "klat_compat.h"

#define KLAT_PROCS_SLOTS	16
#define KLAT_PROCS_COMM		16	/* TASK_COMM_LEN */

/* One process in a table; empty while @calls is 0. */
struct klat_proc {
	u32 tgid;
	u32 pad;
	u64 calls;		/* since it took the slot */
	u64 errors;		/* since it took the slot */
	u64 total;		/* ns: its own time plus @over */
	u64 max;		/* ns, since it took the slot */
	u64 over;		/* ns of @total that may be other processes' */
	char comm[KLAT_PROCS_COMM];
};

/*
 * One CPU's table. Written by that CPU's return handler only (probe context:
 * handlers do not nest on one CPU, kprobes counts a nested hit as missed),
 * inside the seqcount window of its struct klat_stats; read by any CPU, which
 * retries while that count is odd or moved (klat_procs_copy()).
 */
struct klat_procs {
	u32 last;		/* the slot hit last: looked at first */
	u32 pad;
	struct klat_proc slot[KLAT_PROCS_SLOTS];
};

/* The slot of @tgid, or the lightest (an empty one first), into *@light. */
static inline struct klat_proc *klat_procs_find(struct klat_procs *t, u32 tgid,
						 struct klat_proc **light)
{
	struct klat_proc *min = &t->slot[0];
	unsigned int i;

	for (i = 0; i < KLAT_PROCS_SLOTS; i++) {
		struct klat_proc *s = &t->slot[i];

		if (s->calls && s->tgid == tgid) {
			t->last = i;
			return s;
		}
		if (min->calls && (!s->calls || s->total < min->total))
			min = s;	/* an empty slot, else the lightest */
	}
	t->last = min - t->slot;
	*light = min;
	return NULL;
}

/*
 * Count one call of @lat ns by process @tgid (@comm: TASK_COMM_LEN bytes).
 * Probe context, inside the writer's seqcount window (klat_stats_add()).
 */
static inline void klat_procs_add(struct klat_procs *t, u32 tgid, const char *comm,
				  u64 lat, bool err)
{
	struct klat_proc *s = &t->slot[t->last % KLAT_PROCS_SLOTS], *light = NULL;
	unsigned int i;

	if (!s->calls || s->tgid != tgid)
		s = klat_procs_find(t, tgid, &light);
	if (!s) {
		s = light;
		s->over = s->calls ? s->total : 0;
		s->total = s->over;
		s->tgid = tgid;
		s->calls = 0;
		s->errors = 0;
		s->max = 0;
		for (i = 0; i < KLAT_PROCS_COMM; i++)
			s->comm[i] = comm[i];
	}
	s->calls++;
	s->errors += err;
	s->total += lat;
	if (lat > s->max)
		s->max = lat;
}

bool klat_procs_copy(struct klat_procs *dst, const struct klat_procs *src, const u32 *seq);
size_t klat_procs_merge(struct klat_proc *rows, size_t n, const struct klat_procs *t);
void klat_procs_sort(struct klat_proc *rows, size_t n);

#endif /* _KLAT_PROCS_H */
