/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_PROBE_H
#define _KLAT_PROBE_H

#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include "klat_parse.h"
#include "klat_stats.h"

struct dentry;
struct klat_syscall;

/*
 * A symbol name klat has been asked for. Kept until module exit, so log events
 * can point at it after its probe is gone; a name added again reuses its sym.
 * On klat_syms, under klat_mutex.
 */
struct klat_sym {
	struct list_head list;
	struct klat_probe *probe;	/* the live probe, or NULL; klat_mutex */
	/*
	 * A removed probe of this name is still registered (queued for
	 * klat_probe_reap()); klat_mutex. Adding the name again waits for it,
	 * so that two probes never time (and log) the same calls.
	 */
	bool reaping;
	const struct klat_syscall *sc;	/* argument decoders, set when first probed */
	char name[];
};

/* One target: a kretprobe and its figures. */
struct klat_probe {
	struct kretprobe rp;
	struct list_head list;		/* on klat_probes, under klat_mutex */
	struct klat_sym *sym;
	const struct klat_syscall *sc;	/* known target (argument decoders), or NULL */
	/*
	 * Per-CPU figures. Probe handlers use this CPU's (preemption off, which is an
	 * RCU read side); reset swaps the pointer and frees the old one after
	 * synchronize_rcu(); readers sum all CPUs under rcu_read_lock().
	 */
	struct klat_stats __percpu *stats;
	struct klat_stats __percpu *old_stats;	/* during reset only */
	/* Per-target filter, or NULL for none. RCU; swapped under klat_filter_lock. */
	struct klat_filter __rcu *filter;
	struct dentry *dir;		/* probes/SYMBOL */
	u64 missed_base;		/* nmissed at the last reset */
};

/* Per call instance data (kretprobe data_size): entry time and, for the log, arguments. */
struct klat_call {
	u64 start;		/* klat_clock() at entry */
	u64 args[3];		/* valid when log */
	bool log;		/* the log was on at entry */
};

extern struct mutex klat_mutex;
extern struct list_head klat_probes;
extern struct mutex klat_filter_lock;
extern struct klat_filter __rcu *klat_global_filter;
extern unsigned int klat_maxactive;
#define KLAT_MAXACTIVE_MAX	4096	/* cap on kretprobe instances per target */
extern bool klat_log_enable;

int klat_target_cmd(const char *file, const char *line, size_t len, struct list_head *gone);
void klat_probe_reap(struct list_head *gone);
void klat_probe_del_all(void);
int klat_probes_reset(void);
int klat_probe_count(void);
void klat_probe_collect(struct klat_probe *p, struct klat_stats *sum);
u64 klat_probe_missed(struct klat_probe *p);
bool klat_probe_gone(struct klat_probe *p);
int klat_filter_set(struct klat_filter __rcu **slot, const char *buf, size_t len,
		    const char *file);
void klat_syms_free(void);

#endif /* _KLAT_PROBE_H */
