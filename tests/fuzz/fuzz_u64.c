// SPDX-License-Identifier: GPL-2.0
/*
 * klat_parse_u64() of core/klat_parse.c (the module's strict decimal parser).
 *
 * Input: the number, copied into a heap buffer of exactly its length.
 *
 * Checks against a reference: 0 and the value for 1..n digits that fit in 64
 * bits (leading zeros allowed); else the first problem from the left decides:
 * -ERANGE once the digits so far do not fit, -EINVAL at any other byte (a sign,
 * a blank, a NUL) or for an empty string; *out is left alone on error. A value formatted back in decimal parses to itself.
 */
#include "fuzz_common.h"
#include "klat_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const u64 sentinel = 0x5a5a5a5a5a5a5a5aULL;
	unsigned __int128 ref = 0;
	int digits = size > 0, over = 0, rc;
	u64 v = sentinel;
	char *s, tmp[32];
	size_t i;

	/* left to right, the first problem decides: a stray byte or the overflow */
	for (i = 0; i < size; i++) {
		if (data[i] < '0' || data[i] > '9') {
			digits = 0;
			break;
		}
		ref = ref * 10 + (data[i] - '0');
		if (ref > UINT64_MAX) {
			over = 1;
			break;
		}
	}
	s = fuzz_dup_exact(data, size);
	rc = klat_parse_u64(s, size, &v);
	free(s);
	if (over) {
		FUZZ_ASSERT(rc == -ERANGE && v == sentinel);
		return 0;
	}
	if (!digits) {
		FUZZ_ASSERT(rc == -EINVAL && v == sentinel);
		return 0;
	}
	FUZZ_ASSERT(rc == 0 && v == (u64)ref);

	/* canonical decimal round trip */
	snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
	s = fuzz_dup_exact((const uint8_t *)tmp, strlen(tmp));
	v = sentinel;
	FUZZ_ASSERT(klat_parse_u64(s, strlen(tmp), &v) == 0 && v == (u64)ref);
	free(s);
	return 0;
}
