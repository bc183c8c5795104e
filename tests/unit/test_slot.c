// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/klat_slot.h: claiming a slot of the event log ring,
 * including a writer delayed past a lap of the ring (it must not put its
 * older event over a newer one) and a writer meeting another in the slot.
 */
#include <check.h>
#include <stdlib.h>

#include "klat_slot.h"
#include "klat_check.h"

struct slot {
	u64 seq;
	u32 busy;
};

/* a writer that got through: what klat_log_record() does with the slot */
static void write_event(struct slot *s, u64 seq)
{
	ck_assert(klat_slot_claim(&s->busy, &s->seq, seq));
	s->seq = seq;
	klat_slot_release(&s->busy);
}

START_TEST(test_claim_empty_and_newer)
{
	struct slot s = { 0 };

	write_event(&s, 1);
	write_event(&s, 5);	/* the ring lapped: the next event of this slot */
	ck_assert_uint_eq(s.seq, 5);
	ck_assert_uint_eq(s.busy, 0);
}
END_TEST

/*
 * Writer A takes seq 5 and is delayed; B takes 5 + capacity (here 6, a
 * one-slot ring) and writes. A must then drop its older event.
 */
START_TEST(test_late_writer_drops_older)
{
	struct slot s = { 0 };

	write_event(&s, 6);
	ck_assert(!klat_slot_claim(&s.busy, &s.seq, 5));
	ck_assert_uint_eq(s.seq, 6);
	ck_assert_uint_eq(s.busy, 0);	/* and leaves the slot free */
	write_event(&s, 7);
	ck_assert_uint_eq(s.seq, 7);
}
END_TEST

START_TEST(test_busy_slot_refused)
{
	struct slot s = { 0 };

	ck_assert(klat_slot_claim(&s.busy, &s.seq, 3));
	ck_assert(!klat_slot_claim(&s.busy, &s.seq, 4));	/* A still in it */
	ck_assert_uint_eq(s.busy, 1);
	s.seq = 3;
	klat_slot_release(&s.busy);
	write_event(&s, 4);
	ck_assert_uint_eq(s.seq, 4);
}
END_TEST

static Suite *slot_suite(void)
{
	Suite *su = suite_create("klat_slot");
	TCase *tc = tcase_create("claim");

	tcase_add_test(tc, test_claim_empty_and_newer);
	tcase_add_test(tc, test_late_writer_drops_older);
	tcase_add_test(tc, test_busy_slot_refused);
	add_tcase(su, tc);
	return su;
}

KLAT_CHECK_MAIN(slot_suite)
