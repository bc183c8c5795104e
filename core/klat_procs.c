// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process figures: reading the per-CPU tables (see klat_procs.h). Pure
 * logic; runs in process context when probes/SYMBOL/procs is read.
 */
#include "klat_procs.h"

#define KLAT_PROCS_TRIES	16	/* copies of a busy table before taking the last */

/*
 * Copy one CPU's table @src, which its CPU may be writing: retried while a
 * handler is in it (the writer's seqcount *@seq odd) or was (it moved). False
 * if every try saw a writer: *@dst may then mix two calls' updates of a slot.
 */
bool klat_procs_copy(struct klat_procs *dst, const struct klat_procs *src, const u32 *seq)
{
	unsigned int try, i, j;

	for (try = 0; try < KLAT_PROCS_TRIES; try++) {
		u32 s0 = KLAT_READ_ONCE(*seq);

		klat_smp_rmb();	/* seq before the slots: pairs with klat_stats_add() */
		for (i = 0; i < KLAT_PROCS_SLOTS; i++) {
			const struct klat_proc *s = &src->slot[i];
			struct klat_proc *d = &dst->slot[i];

			d->tgid = KLAT_READ_ONCE(s->tgid);
			d->calls = KLAT_READ_ONCE(s->calls);
			d->errors = KLAT_READ_ONCE(s->errors);
			d->total = KLAT_READ_ONCE(s->total);
			d->max = KLAT_READ_ONCE(s->max);
			d->over = KLAT_READ_ONCE(s->over);
			for (j = 0; j < KLAT_PROCS_COMM; j++)
				d->comm[j] = KLAT_READ_ONCE(s->comm[j]);
		}
		klat_smp_rmb();	/* the slots before seq again */
		if (!(s0 & 1) && s0 == KLAT_READ_ONCE(*seq))
			return true;
	}
	/* a mixed copy: keep each row's bound within its total (avg_ns never wraps) */
	for (i = 0; i < KLAT_PROCS_SLOTS; i++)
		if (dst->slot[i].over > dst->slot[i].total)
			dst->slot[i].over = dst->slot[i].total;
	return false;
}

/*
 * Add the processes of one CPU's table @t to @rows (@n of them so far, room
 * for n + KLAT_PROCS_SLOTS): a tgid already there is summed into its row.
 * Returns the new number of rows.
 */
size_t klat_procs_merge(struct klat_proc *rows, size_t n, const struct klat_procs *t)
{
	size_t i, j, k;

	for (i = 0; i < KLAT_PROCS_SLOTS; i++) {
		const struct klat_proc *s = &t->slot[i];

		if (!s->calls)
			continue;
		for (j = 0; j < n && rows[j].tgid != s->tgid; j++)
			;
		if (j == n) {
			rows[n++] = *s;
			continue;
		}
		if (s->calls > rows[j].calls)	/* the comm seen most */
			for (k = 0; k < KLAT_PROCS_COMM; k++)
				rows[j].comm[k] = s->comm[k];
		rows[j].calls += s->calls;
		rows[j].errors += s->errors;
		rows[j].total += s->total;
		rows[j].over += s->over;
		if (s->max > rows[j].max)
			rows[j].max = s->max;
	}
	return n;
}

/* Sort @rows by total time, heaviest first; equal totals by tgid. */
void klat_procs_sort(struct klat_proc *rows, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct klat_proc r = rows[i];

		for (j = i; j > 0 && (rows[j - 1].total < r.total ||
				      (rows[j - 1].total == r.total && rows[j - 1].tgid > r.tgid)); j--)
			rows[j] = rows[j - 1];
		rows[j] = r;
	}
}
