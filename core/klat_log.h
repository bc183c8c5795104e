/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_LOG_H
#define _KLAT_LOG_H

#include <linux/sched.h>
#include <linux/types.h>

struct klat_sym;

#define KLAT_LOG_ARGS		6	/* as KLAT_SC_ARGS */
#define KLAT_LOG_STR		64	/* as KLAT_SC_STR */
#define KLAT_LOG_SIZE_MAX	(1U << 18)	/* events; 192 bytes each */

/* One logged call. @seq is 0 while the slot is empty or being written. */
struct klat_event {
	u64 seq;
	u64 ts;				/* CLOCK_MONOTONIC ns at entry */
	u64 lat;			/* ns */
	u64 ret;			/* the raw return register */
	u64 args[KLAT_LOG_ARGS];
	const struct klat_sym *sym;	/* lives until module exit */
	u32 pid;
	u32 tgid;
	u32 cpu;
	u32 busy;			/* a writer owns the slot (cmpxchg 0 -> 1) */
	char comm[TASK_COMM_LEN];
	/* a system call's user string argument: strncpy_from_user_nofault()'s result */
	s32 str_len;
	char str[KLAT_LOG_STR];		/* valid to str_len (+ NUL), all if KLAT_LOG_STR */
};

/*
 * What the entry handler keeps of a call for the log: its arguments, and a
 * system call's user string argument (strncpy_from_user()'s result in
 * @str_len: the length, KLAT_LOG_STR for a string cut there, or < 0).
 */
struct klat_log_in {
	u64 args[KLAT_LOG_ARGS];
	s32 str_len;
	char str[KLAT_LOG_STR];
};

/* A copy of the log taken at open(), so every read of one open file agrees. */
struct klat_log_snap {
	char text[2048];		/* the reader's scratch: one event's decoded arguments */
	u64 dropped;
	u32 capacity;
	u32 count;
	struct klat_event ev[];
};

int klat_log_init(unsigned int size);
void klat_log_exit(void);
unsigned int klat_log_capacity(void);
void klat_log_record(const struct klat_sym *sym, u64 ts, u64 lat, u64 ret,
		     const struct klat_log_in *in);
struct klat_log_snap *klat_log_snapshot(void);
void klat_log_reset(void);

#endif /* _KLAT_LOG_H */
