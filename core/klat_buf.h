/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A string builder with snprintf semantics: @len counts every byte appended,
 * even those cut off, and @buf stays NUL terminated when @size is not 0.
 * Pure logic, shared with the user-space unit tests and klatctl: no kernel
 * headers beyond klat_compat.h, no libc.
 */
#ifndef _KLAT_BUF_H
#define _KLAT_BUF_H

#include "klat_compat.h"

struct klat_buf {
	char *buf;
	size_t size;
	size_t len;
};

/* Start building into @buf (@size bytes): "" so far. */
static inline void klat_buf_init(struct klat_buf *b, char *buf, size_t size)
{
	*b = (struct klat_buf){ .buf = buf, .size = size };
	if (size)
		buf[0] = '\0';
}

/* Append the string @s. */
static inline void klat_buf_puts(struct klat_buf *b, const char *s)
{
	for (; *s; s++, b->len++)
		if (b->len + 1 < b->size)
			b->buf[b->len] = *s;
	if (b->size)
		b->buf[b->len < b->size ? b->len : b->size - 1] = '\0';
}

/* Append @v in decimal. */
static inline void klat_buf_u64(struct klat_buf *b, u64 v)
{
	char tmp[21];
	int i = 20;

	tmp[i] = '\0';
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	klat_buf_puts(b, tmp + i);
}

/* Append @v, taken as a signed 32-bit value, in decimal. */
static inline void klat_buf_s32(struct klat_buf *b, s32 v)
{
	if (v < 0) {
		klat_buf_puts(b, "-");
		klat_buf_u64(b, (u64)-(s64)v);
	} else {
		klat_buf_u64(b, (u64)v);
	}
}

/* Append @v in hex, with a 0x prefix. */
static inline void klat_buf_hex(struct klat_buf *b, u64 v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[19];
	int i = 18;

	tmp[i] = '\0';
	do {
		tmp[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	klat_buf_puts(b, tmp + i);
}

#endif /* _KLAT_BUF_H */
