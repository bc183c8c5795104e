// SPDX-License-Identifier: GPL-2.0
/*
 * klat_parse_filter() and klat_filter_format().
 *
 * Input: the filter write, copied into a heap buffer of exactly its length.
 *
 * Checks: pos stays inside the write; a parsed filter is well formed (counts in
 * range, comms NUL padded, pids non-negative); klat_filter_format() returns the
 * length it writes, is snprintf-like for every smaller size (an exact-size heap
 * buffer, always NUL terminated, a prefix of the full text), and its text parses
 * back to an identical filter ("" for an empty one, which the module shows as no
 * terms at all).
 */
#include "fuzz_common.h"
#include "klat_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void filter_eq(const struct klat_filter *a, const struct klat_filter *b)
{
	u32 i;

	FUZZ_ASSERT(a->npid == b->npid && a->ntgid == b->ntgid && a->ncomm == b->ncomm);
	for (i = 0; i < a->npid; i++)
		FUZZ_ASSERT(a->pid[i] == b->pid[i]);
	for (i = 0; i < a->ntgid; i++)
		FUZZ_ASSERT(a->tgid[i] == b->tgid[i]);
	for (i = 0; i < a->ncomm; i++)
		FUZZ_ASSERT(!memcmp(a->comm[i], b->comm[i], KLAT_COMM_LEN));
	FUZZ_ASSERT(a->log_min_ns == b->log_min_ns);
	FUZZ_ASSERT(a->log_errors == b->log_errors);
}

static void filter_sane(const struct klat_filter *f)
{
	u32 i, k;

	FUZZ_ASSERT(f->npid <= KLAT_FILTER_VALS && f->ntgid <= KLAT_FILTER_VALS &&
		    f->ncomm <= KLAT_FILTER_VALS);
	for (i = 0; i < f->npid; i++)
		FUZZ_ASSERT(f->pid[i] >= 0);
	for (i = 0; i < f->ntgid; i++)
		FUZZ_ASSERT(f->tgid[i] >= 0);
	for (i = 0; i < f->ncomm; i++) {
		FUZZ_ASSERT(f->comm[i][KLAT_COMM_LEN - 1] == '\0');
		for (k = 0; k < KLAT_COMM_LEN && f->comm[i][k]; k++)
			;
		for (; k < KLAT_COMM_LEN; k++)
			FUZZ_ASSERT(f->comm[i][k] == '\0');	/* NUL padded */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klat_filter f, g;
	size_t pos = (size_t)-1, pos2, need, n, sz;
	char *buf, *full;
	int rc, rc2;

	buf = fuzz_dup_exact(data, size);
	rc = klat_parse_filter(buf, size, &f, &pos);
	FUZZ_ASSERT(rc >= 0 && rc < KLAT_E_COUNT);
	FUZZ_ASSERT(pos <= size);
	FUZZ_ASSERT(klat_err_msg(rc) != NULL);
	free(buf);
	if (rc != KLAT_E_OK)
		return 0;
	filter_sane(&f);

	need = klat_filter_format(&f, NULL, 0);
	full = malloc(need + 1);
	FUZZ_ASSERT(full);
	n = klat_filter_format(&f, full, need + 1);
	FUZZ_ASSERT(n == need && strlen(full) == need);
	FUZZ_ASSERT(!memchr(full, '\n', need));

	/* every smaller size: exact-size buffer, NUL terminated prefix, same return */
	for (sz = 1; sz <= need; sz++) {
		char *small = malloc(sz);

		FUZZ_ASSERT(small);
		n = klat_filter_format(&f, small, sz);
		FUZZ_ASSERT(n == need);
		FUZZ_ASSERT(small[sz - 1] == '\0' && strlen(small) == sz - 1);
		FUZZ_ASSERT(!memcmp(small, full, sz - 1));
		free(small);
	}

	if (klat_filter_empty(&f)) {
		FUZZ_ASSERT(need == 0);
	} else {
		/* round trip: the shown terms, written back, give the same filter */
		FUZZ_ASSERT(need > 0);
		buf = fuzz_dup_exact((const uint8_t *)full, need);
		rc2 = klat_parse_filter(buf, need, &g, &pos2);
		if (rc2 != KLAT_E_OK)
			fprintf(stderr, "round trip: '%s' -> %s at %zu\n", full,
				klat_err_msg(rc2), pos2);
		FUZZ_ASSERT(rc2 == KLAT_E_OK);
		filter_eq(&f, &g);
		free(buf);
	}
	free(full);
	return 0;
}
