// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/klat_procs.[ch]: the per-CPU space-saving table of the
 * heaviest processes (add, replacement of the lightest with its total as the
 * error bound), the copy a reader takes of a table being written, and the
 * merge and sort of several CPUs' tables.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "klat_procs.h"
#include "klat_stats.h"
#include "klat_check.h"

static char comm[KLAT_PROCS_COMM];

static void add(struct klat_procs *t, u32 tgid, u64 lat, bool err)
{
	memset(comm, 0, sizeof(comm));
	snprintf(comm, sizeof(comm), "p%u", tgid);
	klat_procs_add(t, tgid, comm, lat, err);
}

static const struct klat_proc *slot_of(const struct klat_procs *t, u32 tgid)
{
	for (int i = 0; i < KLAT_PROCS_SLOTS; i++)
		if (t->slot[i].calls && t->slot[i].tgid == tgid)
			return &t->slot[i];
	return NULL;
}

START_TEST(test_add_counts)
{
	struct klat_procs t = { 0 };
	const struct klat_proc *s;

	add(&t, 10, 100, false);
	add(&t, 10, 300, true);
	add(&t, 0, 50, false);		/* tgid 0 (idle, interrupts) is a process too */
	s = slot_of(&t, 10);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->calls, 2);
	ck_assert_uint_eq(s->errors, 1);
	ck_assert_uint_eq(s->total, 400);
	ck_assert_uint_eq(s->max, 300);
	ck_assert_uint_eq(s->over, 0);
	ck_assert_str_eq(s->comm, "p10");
	s = slot_of(&t, 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->calls, 1);
	ck_assert_uint_eq(s->total, 50);
}
END_TEST

/* A full table: a new process takes the lightest slot and inherits its total. */
START_TEST(test_replace_lightest)
{
	struct klat_procs t = { 0 };
	const struct klat_proc *s;
	u32 i;

	for (i = 1; i <= KLAT_PROCS_SLOTS; i++)
		add(&t, i, 1000 * i, false);	/* process 1 is the lightest */
	add(&t, 99, 7, true);
	ck_assert_ptr_null(slot_of(&t, 1));
	s = slot_of(&t, 99);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->calls, 1);
	ck_assert_uint_eq(s->errors, 1);
	ck_assert_uint_eq(s->over, 1000);
	ck_assert_uint_eq(s->total, 1007);
	ck_assert_uint_eq(s->max, 7);
	ck_assert_str_eq(s->comm, "p99");
	/* the next newcomer takes process 99's slot now (1007 < 2000) */
	add(&t, 100, 1, false);
	ck_assert_ptr_null(slot_of(&t, 99));
	ck_assert_uint_eq(slot_of(&t, 100)->over, 1007);
	/* a heavy process is never lost: every total stays an upper bound */
	for (i = 2; i <= KLAT_PROCS_SLOTS; i++)
		ck_assert_uint_eq(slot_of(&t, i)->total, 1000 * i);
}
END_TEST

/*
 * Space-saving keeps a process whose share of the time is above 1/SLOTS,
 * however many light ones come and go.
 */
START_TEST(test_heavy_survives_churn)
{
	struct klat_procs t = { 0 };
	u32 i;

	for (i = 0; i < 5000; i++) {
		add(&t, 7, 100, false);			/* about a third of the time */
		add(&t, 1000 + i % 997, 100, false);	/* hundreds of light ones */
		add(&t, 3000 + i % 503, 100, false);
	}
	ck_assert_ptr_nonnull(slot_of(&t, 7));
	ck_assert_uint_ge(slot_of(&t, 7)->total, 5000 * 100);
	ck_assert_uint_le(slot_of(&t, 7)->total - slot_of(&t, 7)->over, 5000 * 100);
}
END_TEST

START_TEST(test_copy_busy)
{
	struct klat_procs t = { 0 }, d = { 0 };
	u32 seq = 4;

	add(&t, 5, 10, false);
	ck_assert(klat_procs_copy(&d, &t, &seq));
	ck_assert(!memcmp(&d.slot, &t.slot, sizeof(t.slot)));
	seq++;		/* a writer in it, forever */
	ck_assert(!klat_procs_copy(&d, &t, &seq));
	/* a mixed copy never has a bound above its total (avg_ns = (total - over) / calls) */
	t.slot[0].over = t.slot[0].total + 5;
	ck_assert(!klat_procs_copy(&d, &t, &seq));
	ck_assert_uint_eq(d.slot[0].over, d.slot[0].total);
}
END_TEST

/* klat_stats_add() counts the process in the seqcount window of the sum of squares */
START_TEST(test_stats_add_procs)
{
	struct klat_stats *s = calloc(1, sizeof(*s));
	char c[KLAT_PROCS_COMM] = "comm42";	/* TASK_COMM_LEN bytes, as current->comm */

	ck_assert_ptr_nonnull(s);
	klat_stats_add(s, 100, 0, 42, c);
	klat_stats_add(s, 50, -2, 42, c);
	klat_stats_add(s, 70, 0, 0, NULL);	/* not counted per process */
	ck_assert_uint_eq(s->sumsq_seq, 6);
	ck_assert_uint_eq(s->hits, 3);
	ck_assert_uint_eq(s->procs.slot[0].tgid, 42);
	ck_assert_uint_eq(s->procs.slot[0].calls, 2);
	ck_assert_uint_eq(s->procs.slot[0].errors, 1);
	ck_assert_uint_eq(s->procs.slot[0].total, 150);
	ck_assert_str_eq(s->procs.slot[0].comm, "comm42");
	ck_assert_uint_eq(s->procs.slot[1].calls, 0);
	free(s);
}
END_TEST

START_TEST(test_merge_sort)
{
	struct klat_procs a = { 0 }, b = { 0 };
	struct klat_proc rows[2 * KLAT_PROCS_SLOTS];
	size_t n;

	add(&a, 1, 100, false);
	add(&a, 2, 500, true);
	add(&b, 2, 50, false);
	add(&b, 2, 900, false);
	add(&b, 3, 300, false);
	add(&b, 4, 300, false);
	n = klat_procs_merge(rows, 0, &a);
	n = klat_procs_merge(rows, n, &b);
	ck_assert_uint_eq(n, 4);
	klat_procs_sort(rows, n);
	ck_assert_uint_eq(rows[0].tgid, 2);
	ck_assert_uint_eq(rows[0].calls, 3);
	ck_assert_uint_eq(rows[0].errors, 1);
	ck_assert_uint_eq(rows[0].total, 1450);
	ck_assert_uint_eq(rows[0].max, 900);
	ck_assert_uint_eq(rows[1].tgid, 3);	/* 300 each: by tgid */
	ck_assert_uint_eq(rows[2].tgid, 4);
	ck_assert_uint_eq(rows[3].tgid, 1);
	ck_assert_uint_eq(klat_procs_merge(rows, 0, &(struct klat_procs){ 0 }), 0);
}
END_TEST

static Suite *procs_suite(void)
{
	Suite *su = suite_create("klat_procs");
	TCase *tc = tcase_create("procs");

	tcase_add_test(tc, test_add_counts);
	tcase_add_test(tc, test_replace_lightest);
	tcase_add_test(tc, test_heavy_survives_churn);
	tcase_add_test(tc, test_copy_busy);
	tcase_add_test(tc, test_stats_add_procs);
	tcase_add_test(tc, test_merge_sort);
	add_tcase(su, tc);
	return su;
}

KLAT_CHECK_MAIN(procs_suite)
