// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl's number parsing and formatting (tools/klatctl_util.c):
 * klatctl_parse_u64/s64/uint/interval_ms against reference readings, and
 * klatctl_fmt_ns/klatctl_fmt_seconds/klatctl_fmt_rate into exact-size heap buffers.
 *
 * Input: 8 bytes of value (for the formatters, and min/max of parse_uint), 1
 * byte of buffer size, then the string to parse (a NUL ends it).
 *
 * Checks: u64 accepts exactly 1+ decimal digits that fit, s64 an optional '-'
 * then digits that fit in int64 (ERANGE when the digits overflow, whatever
 * follows; EINVAL for any other stray byte); parse_uint honours its
 * bounds; interval_ms is whole seconds plus 1..3 decimals, in milliseconds; the
 * formatters always NUL terminate inside the buffer and the seconds format reads
 * back to the nanoseconds.
 */
#include <limits.h>

#include "fuzz_common.h"
#include "klatctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A reference reading, left to right like strtoull()/strtoll() and the checks
 * around them: -1 not a number (no digit first, or a stray byte after the
 * digits), 1 the digits overflow (whatever follows them), 0 ok. @limit is the
 * largest magnitude that fits.
 */
static int ref_int(const char *s, int sign, unsigned __int128 limit_pos,
		   unsigned __int128 limit_neg, unsigned __int128 *mag, int *neg)
{
	*mag = 0;
	*neg = 0;
	if (sign && *s == '-') {
		*neg = 1;
		s++;
	}
	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		*mag = *mag * 10 + (unsigned int)(*s - '0');
		if (*mag > (*neg ? limit_neg : limit_pos))
			return 1;
	}
	return *s ? -1 : 0;
}

static void check_parsers(const char *s, uint64_t a, uint64_t b)
{
	uint64_t u = 7, lo = a < b ? a : b, hi = a < b ? b : a, ms = 7;
	unsigned __int128 mag;
	int64_t i = 7;
	int neg, r, rc;

	r = ref_int(s, 0, UINT64_MAX, 0, &mag, &neg);
	rc = klatctl_parse_u64(s, &u);
	if (r < 0)
		FUZZ_ASSERT(rc == -EINVAL && u == 7);
	else if (r > 0)
		FUZZ_ASSERT(rc == -ERANGE && u == 7);
	else
		FUZZ_ASSERT(rc == 0 && u == (uint64_t)mag);

	rc = klatctl_parse_uint(s, lo, hi, &u);
	if (r < 0)
		FUZZ_ASSERT(rc == -EINVAL);
	else if (r > 0 || mag < lo || mag > hi)
		FUZZ_ASSERT(rc == -ERANGE);
	else
		FUZZ_ASSERT(rc == 0 && u == (uint64_t)mag);

	r = ref_int(s, 1, INT64_MAX, (unsigned __int128)INT64_MAX + 1, &mag, &neg);
	rc = klatctl_parse_s64(s, &i);
	if (r < 0) {
		FUZZ_ASSERT(rc == -EINVAL && i == 7);
	} else if (r > 0) {
		FUZZ_ASSERT(rc == -ERANGE && i == 7);
	} else {
		FUZZ_ASSERT(rc == 0);
		FUZZ_ASSERT(neg ? (mag == (unsigned __int128)INT64_MAX + 1 ? i == INT64_MIN :
				   i == -(int64_t)mag) : i == (int64_t)mag);
	}

	/* interval: digits[.d{1,3}] in ms */
	rc = klatctl_parse_interval_ms(s, &ms);
	{
		const char *dot = strchr(s, '.');
		size_t il = dot ? (size_t)(dot - s) : strlen(s);
		char ip[64];
		uint64_t sec;
		int ok = il > 0 && il < 32;

		if (ok) {
			memcpy(ip, s, il);
			ip[il] = '\0';
			ok = !klatctl_parse_u64(ip, &sec);
		}
		if (ok && dot) {
			size_t fl = strlen(dot + 1), k;

			ok = fl >= 1 && fl <= 3;
			for (k = 0; ok && k < fl; k++)
				ok = dot[1 + k] >= '0' && dot[1 + k] <= '9';
		}
		if (ok)
			ok = sec <= UINT64_MAX / 1000 - 1;
		if (!ok) {
			FUZZ_ASSERT(rc < 0 && ms == 7);
		} else {
			uint64_t frac = 0;
			size_t k;

			for (k = 0; k < 3; k++)
				frac = frac * 10 + (uint64_t)(dot && k < strlen(dot + 1) ?
							      dot[1 + k] - '0' : 0);
			FUZZ_ASSERT(rc == 0 && ms == sec * 1000 + frac);
		}
	}
}

static void check_fmt(uint64_t v, size_t len)
{
	char *buf = malloc(len), full[64];
	unsigned __int128 back = 0;
	double d;
	char *p;

	FUZZ_ASSERT(buf);
	memcpy(&d, &v, sizeof(d));

	FUZZ_ASSERT(klatctl_fmt_ns(v, buf, len) == buf && memchr(buf, '\0', len));
	FUZZ_ASSERT(klatctl_fmt_seconds(v, buf, len) == buf && memchr(buf, '\0', len));
	FUZZ_ASSERT(klatctl_fmt_rate(d, buf, len) == buf && memchr(buf, '\0', len));
	FUZZ_ASSERT(klatctl_fmt_rate((double)v, buf, len) == buf && memchr(buf, '\0', len));
	free(buf);

	/* seconds read back exactly */
	klatctl_fmt_seconds(v, full, sizeof(full));
	for (p = full; *p && *p != '.'; p++) {
		FUZZ_ASSERT(*p >= '0' && *p <= '9');
		back = back * 10 + (unsigned int)(*p - '0');
	}
	back *= 1000000000u;
	if (*p == '.') {
		unsigned __int128 scale = 100000000u;

		FUZZ_ASSERT(p[1] && p[strlen(p) - 1] != '0');	/* no trailing zero */
		for (p++; *p; p++, scale /= 10) {
			FUZZ_ASSERT(*p >= '0' && *p <= '9' && scale);
			back += scale * (unsigned int)(*p - '0');
		}
	}
	FUZZ_ASSERT(back == v);
	klatctl_fmt_ns(v, full, sizeof(full));
	FUZZ_ASSERT(strlen(full) < 16);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint64_t v = fuzz_u64(&in), w;
	size_t len = (size_t)fuzz_u8(&in) % 40 + 1;
	const uint8_t *z;
	char *s;

	w = fuzz_u64(&in);
	z = memchr(in.p, 0, in.n);
	s = fuzz_dup_str(in.p, z ? (size_t)(z - in.p) : in.n);
	check_parsers(s, v, w);
	free(s);
	check_fmt(v, len);
	return 0;
}
