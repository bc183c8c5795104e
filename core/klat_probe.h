/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_PROBE_H
#define _KLAT_PROBE_H

#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include "klat_parse.h"
#include "klat_stats.h"
#include "klat_log.h"
#include "klat_syscalls.h"

struct dentry;
struct klat_sysent;

/*
 * A symbol name klat has been asked for. Kept until module exit, so log events
 * can point at it after its probe is gone; a name added again reuses its sym.
 * On klat_syms (klat_target.c), under klat_mutex.
 */
struct klat_sym {
	struct list_head list;
	struct klat_probe *probe;	/* the live probe, or NULL; klat_mutex */
	/*
	 * A removed probe of this name is still registered (queued for
	 * klat_target_reap()); klat_mutex. Adding the name again waits for it,
	 * so that two probes never time (and log) the same calls.
	 */
	bool reaping;
	/* the system call it was last probed as (argument decoders), or NULL; klat_mutex */
	const struct klat_sysent *se;
	char name[];
};

/* One target: a kretprobe and its figures. */
struct klat_probe {
	struct kretprobe rp;
	struct list_head list;		/* on klat_probes (klat_target.c), under klat_mutex */
	struct klat_sym *sym;
	const struct klat_sysent *se;	/* the system call it times (klat_systab.c), or NULL */
	bool wrapper;			/* the function is se's __x64_sys_ wrapper (pt_regs) */
	/*
	 * Per-CPU figures. Probe handlers use this CPU's (preemption off, which is an
	 * RCU read side); reset swaps the pointer and frees the old one after
	 * synchronize_rcu(); readers sum all CPUs under rcu_read_lock().
	 */
	struct klat_stats __percpu *stats;
	struct klat_stats __percpu *old_stats;	/* during reset only; klat_mutex */
	/* Per-target filter, or NULL for none. RCU; swapped under klat_filter_lock. */
	struct klat_filter __rcu *filter;
	/* probes/SYMBOL; klat_mutex, or the reaper's alone once detached (klat_probedir_del()) */
	struct dentry *dir;
	u64 missed_base;		/* nmissed at the last reset; written under klat_mutex */
	bool procs_off;			/* no per-process figures for it; its procs file */
};

/*
 * Per call instance data (kretprobe data_size): entry time and, for the log,
 * arguments and the user string argument of a system call.
 */
struct klat_call {
	u64 start;			/* klat_clock() at entry */
	bool log;			/* the log was on at entry */
	struct klat_log_in in;		/* valid when log */
};

/* Module parameters (klat_main.c), read without a lock. */
extern unsigned int klat_maxactive;
#define KLAT_MAXACTIVE_MAX	4096	/* cap on kretprobe instances per target */
extern bool klat_log_enable;
extern bool klat_procs_enable;
extern const struct kernel_param_ops klat_param_key_ops;

int klat_probe_create(struct klat_sym *sym, const struct klat_sysent *se,
		      struct klat_probe **out, int *code, bool *armed);
void klat_probes_unregister(struct list_head *gone, int n);
void klat_probe_free(struct klat_probe *p);
void klat_probe_collect(struct klat_probe *p, struct klat_stats *sum);
u64 klat_probe_missed_raw(struct klat_probe *p);
u64 klat_probe_missed(struct klat_probe *p);
bool klat_probe_gone(struct klat_probe *p);
struct klat_proc *klat_probe_procs(struct klat_probe *p, size_t *n);

#endif /* _KLAT_PROBE_H */
