/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One decoder area of targets/klat_decode_*.c, fuzzed: included by
 * fuzz_decode_<area>.c after it defines AREA (the area's decoder list) and
 * AREA_N (its length), so every decoder is fuzzed by its area's target.
 *
 * Input: 1 byte choosing the area's decoder, 2 bytes of buffer size, the value
 * (8 bytes) and argument 0 (8 bytes: socket's family for IPPROTO_*).
 *
 * Checks: the decoder alone (klat_put_dec()) writes a non-empty value without
 * a blank, control, ',', '=' or non-ASCII byte; as the one argument of a call,
 * klat_sysent_format() returns the full length for every size and an
 * exact-size heap buffer holds a NUL-terminated prefix of the full text.
 */
#include "fuzz_common.h"
#include "klat_syscalls.h"
#include "klat_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	const struct klat_decoder *d = &AREA[fuzz_u8(&in) % AREA_N];
	struct klat_sysent e = { .nargs = 1, .str = -1, .argname = { "v" } };
	size_t bsize = fuzz_u16(&in) % 512, need, n, i;
	u64 args[KLAT_SC_ARGS] = { 0 };
	char full[600], *buf;
	struct klat_buf o;
	u64 v;

	v = fuzz_u64(&in);
	args[0] = fuzz_u64(&in);
	klat_buf_init(&o, full, sizeof(full));
	klat_put_dec(&o, d, v, args);
	FUZZ_ASSERT(o.len > 0 && o.len < sizeof(full) && strlen(full) == o.len);
	for (i = 0; i < o.len; i++) {
		unsigned char c = (unsigned char)full[i];

		FUZZ_ASSERT(c > ' ' && c < 0x7f && c != ',' && c != '=');
	}
	FUZZ_ASSERT(klat_decoder(d->arg) == d);

	/* the same as a call's only argument: v=VALUE, at every buffer size */
	e.arg[0] = d->arg;
	args[0] = v;
	need = klat_sysent_format(&e, args, NULL, -1, NULL, NULL, 0);
	n = klat_sysent_format(&e, args, NULL, -1, NULL, full, sizeof(full));
	FUZZ_ASSERT(n == need && strlen(full) == need && !strncmp(full, "v=", 2));
	buf = malloc(bsize);
	FUZZ_ASSERT(buf || !bsize);
	n = klat_sysent_format(&e, args, NULL, -1, NULL, buf, bsize);
	FUZZ_ASSERT(n == need);
	if (bsize) {
		size_t k = need < bsize - 1 ? need : bsize - 1;

		FUZZ_ASSERT(buf[k] == '\0' && strlen(buf) == k && !memcmp(buf, full, k));
	}
	free(buf);
	return 0;
}
