/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The argument decoders of targets/klat_decode_*.c (private to targets/): each
 * enum klat_arg beyond the plain numbers is one struct klat_decoder, a table
 * of names shown as an enum or as flags, or a small function. Adding a flag
 * set is one table and one KLAT_DEC_*() entry in its area's list. Pure logic,
 * shared with the unit tests and fuzzers: no kernel or libc headers, so every
 * constant is the Linux x86_64 ABI value, hard-coded.
 *
 * Context: the decoders run in process context, when the log file is read
 * (klat_sysent_format()); they allocate nothing and take no lock.
 */
#ifndef _KLAT_DECODE_H
#define _KLAT_DECODE_H

#include "klat_compat.h"
#include "klat_buf.h"
#include "klat_syscalls.h"

#ifndef ARRAY_SIZE	/* user space */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

struct klat_name {
	u32 val;
	const char *name;
};

struct klat_decoder;

/*
 * Shows @v; @args: all the call's arguments (socket's protocol depends on the
 * family). A decoder that needs neither @d nor @args casts them to void.
 */
typedef void klat_dec_fn(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			 const u64 *args);

enum klat_dec_kind {
	/* these two take the low 32 bits (int and unsigned int arguments) */
	KLAT_DEC_ENUM,		/* the name of v, or v as signed decimal */
	KLAT_DEC_FLAGS,		/* names joined by '|', leftover bits in hex, "0" for none */
	KLAT_DEC_FN,		/* fn(), which may use tab and all 64 bits */
};

struct klat_decoder {
	u8 arg;				/* enum klat_arg */
	u8 kind;			/* enum klat_dec_kind */
	u16 n;				/* entries in tab */
	const struct klat_name *tab;
	klat_dec_fn *fn;
	const char *what;		/* what the values are, for tests: "AF_*" */
};

#define KLAT_DEC_ENUM(a, t, w) \
	{ .arg = (a), .kind = KLAT_DEC_ENUM, .tab = (t), .n = ARRAY_SIZE(t), .what = (w) }
#define KLAT_DEC_FLAGS(a, t, w) \
	{ .arg = (a), .kind = KLAT_DEC_FLAGS, .tab = (t), .n = ARRAY_SIZE(t), .what = (w) }
#define KLAT_DEC_FN(a, t, f, w) \
	{ .arg = (a), .kind = KLAT_DEC_FN, .tab = (t), .n = ARRAY_SIZE(t), .fn = (f), \
	  .what = (w) }

/* The decoders of each area, and how many. */
extern const struct klat_decoder klat_net_decoders[];
extern const size_t klat_net_ndecoders;
extern const struct klat_decoder klat_fs_decoders[];
extern const size_t klat_fs_ndecoders;
extern const struct klat_decoder klat_mm_decoders[];
extern const size_t klat_mm_ndecoders;
extern const struct klat_decoder klat_proc_decoders[];
extern const size_t klat_proc_ndecoders;
extern const struct klat_decoder klat_poll_decoders[];
extern const size_t klat_poll_ndecoders;

/* The decoder of @arg, or NULL (a plain number, or out of range). */
const struct klat_decoder *klat_decoder(unsigned int arg);

/* Shows @v with decoder @d (any kind). */
void klat_put_dec(struct klat_buf *o, const struct klat_decoder *d, u64 v, const u64 *args);

/* @v's name in @tab (@n entries), or NULL. */
const char *klat_lookup(const struct klat_name *tab, size_t n, u32 v);

/* @v's name in @tab, or @v (32 bits) as signed decimal. */
void klat_put_enum(struct klat_buf *o, const struct klat_name *tab, size_t n, u32 v);

/*
 * Flag names of @v joined by '|', after @first if not NULL. An entry matches
 * when all its bits are set (so a multi-bit one, O_SYNC, comes before its
 * parts) and is never 0. Bits left over are shown in hex; no bits and no
 * @first as "0".
 */
void klat_put_flags(struct klat_buf *o, const char *first, const struct klat_name *tab,
		    size_t n, u64 v);

/*
 * The parts of klat_put_flags(): the names of @tab whose bits are all in *@v,
 * each after a '|' when @sep (something is already shown), clearing their bits
 * from *@v; returns whether something is shown now. Then klat_put_flags_rest():
 * the bits left in hex, or "0" if nothing was shown at all.
 */
bool klat_put_flag_names(struct klat_buf *o, bool sep, const struct klat_name *tab,
			 size_t n, u64 *v);
void klat_put_flags_rest(struct klat_buf *o, bool sep, u64 v);

/* @v as a signed 32-bit decimal (int arguments: only the low 32 bits count). */
static inline void klat_put_int(struct klat_buf *o, u64 v)
{
	klat_buf_s32(o, (s32)(u32)v);
}

#endif /* _KLAT_DECODE_H */
