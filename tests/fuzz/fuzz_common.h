/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libFuzzer targets in tests/fuzz: a small consumer of the
 * fuzzer's bytes (like LLVM's FuzzedDataProvider, in C) and an assertion that is
 * never compiled out.
 */
#ifndef KLAT_FUZZ_COMMON_H
#define KLAT_FUZZ_COMMON_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* abort() so libFuzzer saves the input as a crash; not affected by NDEBUG */
#define FUZZ_ASSERT(cond)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n",	\
				__FILE__, __LINE__, #cond);			\
			abort();						\
		}								\
	} while (0)

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

/* the next byte, 0 once the input is used up */
static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	uint8_t b;

	if (!in->n)
		return 0;
	b = *in->p++;
	in->n--;
	return b;
}

static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t v = fuzz_u8(in);

	return (uint16_t)(v | (uint16_t)fuzz_u8(in) << 8);
}

static inline uint64_t fuzz_u64(struct fuzz_in *in)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)fuzz_u8(in) << (8 * i);
	return v;
}

/*
 * A copy of @len bytes in a heap buffer of exactly that size (no NUL after it), so
 * ASan reports any read past the end. For @len 0 it is malloc(0): under ASan a
 * valid pointer whose every byte is out of bounds.
 */
static inline char *fuzz_dup_exact(const uint8_t *data, size_t len)
{
	char *s = malloc(len);

	if (!s && len)
		abort();
	if (len)
		memcpy(s, data, len);
	return s;
}

/* A NUL-terminated copy: for the klatctl parsers, which take C strings. */
static inline char *fuzz_dup_str(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (!s)
		abort();
	if (len)
		memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

#endif /* KLAT_FUZZ_COMMON_H */
