/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Types for klat's pure logic, so the same source compiles in the module and in the
 * user-space unit tests. Nothing here may include other kernel headers.
 */
#ifndef _KLAT_COMPAT_H
#define _KLAT_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/math64.h>
#include <linux/errno.h>
#include <linux/kernel.h>	/* snprintf */
#include <asm/barrier.h>
#include <linux/compiler.h>
#define KLAT_DIV64(a, b)	div64_u64((a), (b))
#define KLAT_READ_ONCE(x)	READ_ONCE(x)
#define KLAT_WRITE_ONCE(x, v)	WRITE_ONCE(x, v)
/*
 * The seqcount barriers of klat_stats_add() (writer, wmb) and klat_stats_sumsq()
 * (reader, rmb): each rmb there pairs with the writer's wmb on the other side of
 * the sumsq store.
 */
/* reader side: pairs with klat_smp_wmb() in the writer */
#define klat_smp_rmb()		smp_rmb()
/* writer side: pairs with klat_smp_rmb() in the reader */
#define klat_smp_wmb()		smp_wmb()
#define klat_cmpxchg(p, o, n)	cmpxchg(p, o, n)
/* a slot's release (klat_slot.h): pairs with the full barrier of the next claim's cmpxchg */
#define klat_store_release(p, v)	smp_store_release(p, v)
/* retries of a seqcount reader whose writer runs with preemption off */
#define KLAT_SEQ_TRIES		(1U << 24)
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#define KLAT_DIV64(a, b)	((a) / (b))
#define KLAT_READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define KLAT_WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define klat_smp_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define klat_smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
/* cmpxchg(): the value found at *@p (the store happened if it equals @o) */
#define klat_cmpxchg(p, o, n) ({						\
	__typeof__(*(p)) _klat_o = (o);						\
	__atomic_compare_exchange_n((p), &_klat_o, (n), 0, __ATOMIC_SEQ_CST,	\
				    __ATOMIC_SEQ_CST);				\
	_klat_o;								\
})
#define klat_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
/* a user-space writer (the unit tests' thread) can be preempted mid-update */
#define KLAT_SEQ_TRIES		UINT32_MAX
#ifndef U64_MAX
#define U64_MAX		UINT64_MAX
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#endif

/* 128-bit unsigned integer: multiply/add/shift only (no division in the kernel). */
#define klat_u128 unsigned __int128

#endif /* _KLAT_COMPAT_H */
