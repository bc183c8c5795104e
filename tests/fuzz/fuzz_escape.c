// SPDX-License-Identifier: GPL-2.0
/*
 * klat_escape() and klat_escape_ctl() with random destination sizes.
 *
 * Input: 1 byte selecting the function, 2 bytes for the size, then the source,
 * copied into a heap buffer of exactly its length. The destination is a heap
 * buffer of exactly `size` bytes (malloc(0) for 0), so ASan reports any write
 * past it.
 *
 * Checks: nothing written for size 0; otherwise the result is NUL terminated at
 * the returned length (< size), is made only of bytes that need no escape and
 * \ooo escapes (never split), decodes to a prefix of the source, and stops only
 * when the next byte's unit would not fit; with room for everything it decodes to
 * the whole source.
 */
#include "fuzz_common.h"
#include "klat_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int needs_escape(unsigned char c, int fields)
{
	return c < ' ' || c >= 0x7f || c == '\\' ||
	       (fields && (c == ' ' || c == ',' || c == '='));
}

/* check @dst (from @n returned) against @src; returns the source bytes consumed */
static size_t check_out(const char *dst, size_t n, size_t size, const char *src, size_t len,
			int fields)
{
	size_t i = 0, o = 0;

	FUZZ_ASSERT(n < size);
	FUZZ_ASSERT(dst[n] == '\0');
	while (o < n) {
		unsigned char c = (unsigned char)src[i];

		FUZZ_ASSERT(i < len);
		if (dst[o] == '\\') {
			unsigned int v;

			FUZZ_ASSERT(o + 4 <= n);
			FUZZ_ASSERT(dst[o + 1] >= '0' && dst[o + 1] <= '3');
			FUZZ_ASSERT(dst[o + 2] >= '0' && dst[o + 2] <= '7');
			FUZZ_ASSERT(dst[o + 3] >= '0' && dst[o + 3] <= '7');
			v = (unsigned int)(dst[o + 1] - '0') << 6 |
			    (unsigned int)(dst[o + 2] - '0') << 3 |
			    (unsigned int)(dst[o + 3] - '0');
			FUZZ_ASSERT(v == c && needs_escape(c, fields));
			o += 4;
		} else {
			FUZZ_ASSERT((unsigned char)dst[o] == c && !needs_escape(c, fields));
			o++;
		}
		i++;
	}
	/* stopped early only because the next unit does not fit (and its NUL) */
	if (i < len)
		FUZZ_ASSERT(n + (needs_escape((unsigned char)src[i], fields) ? 4 : 1) >= size);
	return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint8_t how = fuzz_u8(&in);
	int fields = !(how & 1);
	size_t dsize = fuzz_u16(&in), n, used;
	size_t (*esc)(char *, size_t, const char *, size_t) =
		fields ? klat_escape : klat_escape_ctl;
	char *src, *dst;

	if (how & 2)
		dsize %= 64;		/* mostly small destinations */
	src = fuzz_dup_exact(in.p, in.n);

	dst = malloc(dsize);
	FUZZ_ASSERT(dst || !dsize);
	n = esc(dst, dsize, src, in.n);
	if (!dsize)
		FUZZ_ASSERT(n == 0);
	else
		check_out(dst, n, dsize, src, in.n, fields);
	free(dst);

	/* room for every byte escaped: the whole source */
	dsize = 4 * in.n + 1;
	dst = malloc(dsize);
	FUZZ_ASSERT(dst);
	n = esc(dst, dsize, src, in.n);
	used = check_out(dst, n, dsize, src, in.n, fields);
	FUZZ_ASSERT(used == in.n);
	FUZZ_ASSERT(strlen(dst) == n);
	free(dst);
	free(src);
	return 0;
}
