// SPDX-License-Identifier: GPL-2.0
/*
 * klat probes: one kretprobe per target, its handlers, and its figures.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>
#ifdef CONFIG_X86_TSC
#include <linux/clocksource.h>
#include <linux/jump_label.h>
#include <linux/math64.h>
#include <asm/tsc.h>
#endif
#include "klat_debugfs.h"
#include "klat_errlog.h"
#include "klat_ksyms.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_kcompat.h"
#include "../targets/klat_syscalls.h"

/* Protects klat_probes, klat_syms and every probe's list/dir/sym fields. */
DEFINE_MUTEX(klat_mutex);
LIST_HEAD(klat_probes);
static LIST_HEAD(klat_syms);
/* Serializes filter updates (not taken by readers or handlers, which use RCU). */
DEFINE_MUTEX(klat_filter_lock);
/* The filter every target applies, or NULL. RCU; updated under klat_filter_lock. */
struct klat_filter __rcu *klat_global_filter;

unsigned int klat_maxactive;
bool klat_log_enable = true;

/*
 * The latency clock. ktime_get_mono_fast_ns() is ~50 instructions (a seqcount
 * latch, an indirect call through the clocksource, a retpoline on most x86,
 * and a mult/shift), and the handlers need two a call: half of what klat adds
 * to an empty kretprobe. Where the kernel trusts the TSC, read it directly and
 * convert only the difference. Entry times for the log (CLOCK_MONOTONIC) are
 * made at return, as now - latency, and only for calls that are logged.
 */
#ifdef CONFIG_X86_TSC
static DEFINE_STATIC_KEY_FALSE(klat_tsc);
static u32 klat_tsc_mult, klat_tsc_shift;

/* Process context, before the first probe is armed. */
static void klat_clock_init(void)
{
	if (klat_tsc_mult || !boot_cpu_has(X86_FEATURE_TSC) || check_tsc_unstable() || !tsc_khz)
		return;
	/* ns per ms from TSC cycles per ms (tsc_khz) */
	clocks_calc_mult_shift(&klat_tsc_mult, &klat_tsc_shift, tsc_khz, NSEC_PER_MSEC, 3600);
	static_branch_enable(&klat_tsc);
}

static __always_inline u64 klat_clock(void)
{
	if (static_branch_likely(&klat_tsc))
		return rdtsc_ordered();
	return ktime_get_mono_fast_ns();
}

/* A difference of two klat_clock() readings, in ns. */
static __always_inline u64 klat_clock_ns(u64 delta)
{
	if (static_branch_likely(&klat_tsc))
		return mul_u64_u32_shr(delta, klat_tsc_mult, klat_tsc_shift);
	return delta;
}
#else
static void klat_clock_init(void) { }
static __always_inline u64 klat_clock(void) { return ktime_get_mono_fast_ns(); }
static __always_inline u64 klat_clock_ns(u64 delta) { return delta; }
#endif

static struct klat_probe *klat_probe_of(struct kretprobe_instance *ri)
{
	return container_of(get_kretprobe(ri), struct klat_probe, rp);
}

/*
 * Entry handler. Probe context: preemption off, any context; runs on the CPU
 * that called the target. Filtered-out calls return 1 so the kretprobe drops
 * its instance: they cost the filter check and are counted nowhere.
 */
static int klat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct klat_probe *p = klat_probe_of(ri);
	struct klat_call *c = (struct klat_call *)ri->data;
	const struct klat_filter *gf = rcu_dereference_sched(klat_global_filter);
	const struct klat_filter *pf = rcu_dereference_sched(p->filter);

	if (unlikely(gf || pf)) {
		struct task_struct *t = current;

		if (!klat_filter_task(gf, t->pid, t->tgid, t->comm) ||
		    !klat_filter_task(pf, t->pid, t->tgid, t->comm))
			return 1;
	}
	/* the arguments only matter to the log: a call entered with it off is not logged */
	c->log = READ_ONCE(klat_log_enable);
	if (c->log) {
		if (p->sc && p->sc->wrapper)	/* __x64_sys_*(const struct pt_regs *) */
			regs = (struct pt_regs *)regs_get_kernel_argument(regs, 0);
		c->args[0] = regs_get_kernel_argument(regs, 0);
		c->args[1] = regs_get_kernel_argument(regs, 1);
		c->args[2] = regs_get_kernel_argument(regs, 2);
	}
	c->start = klat_clock();
	return 0;
}
NOKPROBE_SYMBOL(klat_entry);

static bool klat_log_wanted(const struct klat_filter *f, u64 lat, s64 ret)
{
	if (!f)
		return true;
	if (lat < f->log_min_ns)
		return false;
	return !f->log_errors || klat_ret_is_err(ret);
}

/* Return handler. Probe context, as klat_entry(). */
static int klat_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	u64 now = klat_clock();
	struct klat_probe *p = klat_probe_of(ri);
	struct klat_call *c = (struct klat_call *)ri->data;
	struct klat_stats *st = this_cpu_ptr(READ_ONCE(p->stats));
	u64 raw = regs_return_value(regs);
	s64 ret = klat_ret_value(raw);
	bool back;
	u64 lat = klat_clock_ns(klat_delta(now, c->start, &back));

	if (unlikely(back))
		st->clock_back++;
	klat_stats_add(st, lat, ret);
	if (c->log && READ_ONCE(klat_log_enable) &&
	    klat_log_wanted(rcu_dereference_sched(klat_global_filter), lat, ret) &&
	    klat_log_wanted(rcu_dereference_sched(p->filter), lat, ret))
		klat_log_record(p->sym, ktime_get_mono_fast_ns() - lat, lat, raw, c->args);
	return 0;
}
NOKPROBE_SYMBOL(klat_ret);

/* The sym for @name (@len bytes), or NULL. Under klat_mutex. */
static struct klat_sym *klat_sym_find(const char *name, size_t len)
{
	struct klat_sym *s;

	list_for_each_entry(s, &klat_syms, list)
		if (strlen(s->name) == len && !memcmp(s->name, name, len))
			return s;
	return NULL;
}

/* Find or make the sym for @name; *@made says it is new. Under klat_mutex. */
static struct klat_sym *klat_sym_get(const char *name, size_t len, bool *made)
{
	struct klat_sym *s = klat_sym_find(name, len);

	*made = false;
	if (s)
		return s;
	s = kzalloc(struct_size(s, name, len + 1), GFP_KERNEL);
	if (!s)
		return NULL;
	memcpy(s->name, name, len);
	list_add_tail(&s->list, &klat_syms);
	*made = true;
	return s;
}

/*
 * Drop a sym made for a name that never became a target: no event points at
 * it, and keeping it would let bad names grow the list. Under klat_mutex.
 */
static void klat_sym_put_new(struct klat_sym *s)
{
	list_del(&s->list);
	kfree(s);
}

/* Woken when klat_probe_reap() has finished with a name (klat_sym.reaping). */
static DECLARE_WAIT_QUEUE_HEAD(klat_reap_wq);

/*
 * Wait, without klat_mutex, until no removed probe named @name (@len bytes)
 * is still registered. Called and returns under klat_mutex. 0, 1 if it
 * dropped klat_mutex to wait (what was decided under it may be out of
 * date), or -EINTR.
 */
static int klat_sym_wait_reaped(const char *name, size_t len)
{
	struct klat_sym *s;
	int waited = 0;

	while ((s = klat_sym_find(name, len)) && s->reaping) {
		mutex_unlock(&klat_mutex);
		if (wait_event_interruptible(klat_reap_wq, !READ_ONCE(s->reaping))) {
			mutex_lock(&klat_mutex);
			return -EINTR;
		}
		mutex_lock(&klat_mutex);
		waited = 1;
	}
	return waited;
}

/* klat_sym_wait_reaped() for @name, or for every candidate of @sc. */
static int klat_cmd_wait_reaped(const struct klat_syscall *sc, const char *name, size_t len)
{
	const char * const *s;
	int ret, waited = 0;

	if (!sc)
		return klat_sym_wait_reaped(name, len);
	for (s = sc->syms; *s; s++) {
		ret = klat_sym_wait_reaped(*s, strlen(*s));
		if (ret < 0)
			return ret;
		waited |= ret;
	}
	return waited;
}

void klat_syms_free(void)
{
	struct klat_sym *s, *tmp;

	list_for_each_entry_safe(s, tmp, &klat_syms, list) {
		list_del(&s->list);
		kfree(s);
	}
}

static void klat_probe_free(struct klat_probe *p)
{
	kfree(rcu_dereference_protected(p->filter, true));
	free_percpu(p->stats);
	kfree(p);
}

/*
 * Add a target for kernel symbol @name (@len bytes). Already a target: success,
 * figures kept. On failure returns -errno and sets *@code to a KLAT_E_* code.
 * Under klat_mutex, with no removal of @name in progress (klat_target_cmd()
 * waited for it under the same hold of klat_mutex).
 */
static int klat_probe_add(const char *name, size_t len, const struct klat_syscall *sc, int *code)
{
	struct klat_probe *p;
	struct klat_sym *sym;
	bool made, self;
	int ret;

	lockdep_assert_held(&klat_mutex);
	klat_clock_init();
	/* as kprobe_events: no new probes on a kernel locked down against them */
	ret = security_locked_down(LOCKDOWN_KPROBES);
	if (ret) {
		*code = KLAT_E_LOCKDOWN;
		return ret;
	}
	*code = KLAT_E_NOMEM;
	sym = klat_sym_get(name, len, &made);
	if (!sym)
		return -ENOMEM;
	if (sym->probe)
		return 0;
	/* decided before anything is registered: see klat_ksyms.c */
	*code = klat_ksyms_check(sym->name);
	if (*code) {
		ret = -klat_err_errno(*code);
		goto err_sym;
	}
	*code = KLAT_E_NOMEM;
	ret = -ENOMEM;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		goto err_sym;
	p->stats = alloc_percpu(struct klat_stats);
	if (!p->stats)
		goto err_free;
	p->sym = sym;
	p->sc = sc ? sc : klat_syscall_by_symbol(sym->name);
	sym->sc = p->sc;
	p->rp.kp.symbol_name = sym->name;
	p->rp.entry_handler = klat_entry;
	p->rp.handler = klat_ret;
	p->rp.data_size = sizeof(struct klat_call);
	p->rp.maxactive = min_t(unsigned int, READ_ONCE(klat_maxactive), KLAT_MAXACTIVE_MAX);
	ret = register_kretprobe(&p->rp);
	if (ret) {
		/* never armed, so no event points at @sym */
		*code = ret == -ENOENT ? KLAT_E_NO_SYMBOL : KLAT_E_UNPROBEABLE;
		goto err_free;
	}
	/*
	 * klat_ksyms_check() refused klat's own names already; this is the
	 * last line of defence. The probe was live, so events may point at
	 * @sym: it is kept.
	 */
	self = within_module((unsigned long)p->rp.kp.addr, THIS_MODULE);
	if (self || !(p->rp.kp.flags & KPROBE_FLAG_FTRACE)) {
		/* not ftrace-based: the name resolved to other code than was checked */
		*code = self ? KLAT_E_SELF : KLAT_E_NOTRACE;
		unregister_kretprobe(&p->rp);
		klat_probe_free(p);
		return -EINVAL;
	}
	p->dir = klat_debugfs_probe_add(p);
	list_add_tail(&p->list, &klat_probes);
	sym->probe = p;
	return 0;

err_free:
	klat_probe_free(p);
err_sym:
	if (made)
		klat_sym_put_new(sym);
	return ret;
}

/*
 * Take @p off the target list and queue it on @gone. Its files and its
 * kretprobe stay until klat_probe_reap(), which waits for their users with no
 * klat lock held (a reader stuck in a probe file must not stall every other
 * klat operation). Under klat_mutex.
 */
static void klat_probe_detach(struct klat_probe *p, struct list_head *gone)
{
	list_del(&p->list);
	p->sym->probe = NULL;
	p->sym->reaping = true;
	list_add_tail(&p->list, gone);
}


/*
 * Unregister and free the probes queued on @gone, with one RCU grace period
 * for all of them (unregister_kretprobes() waits for every handler). Process
 * context; needs no klat lock: nothing else can reach a detached probe.
 */
void klat_probe_reap(struct list_head *gone)
{
	struct kretprobe **rps;
	struct klat_probe *p, *tmp;
	int n = 0, i = 0;

	list_for_each_entry(p, gone, list) {
		klat_debugfs_probe_del(p);	/* waits for the files' users */
		n++;
	}
	if (!n)
		return;
	rps = kmalloc_array(n, sizeof(*rps), GFP_KERNEL);
	list_for_each_entry(p, gone, list) {
		if (rps)
			rps[i++] = &p->rp;
		else
			unregister_kretprobe(&p->rp);
	}
	if (rps)
		unregister_kretprobes(rps, n);
	kfree(rps);
	mutex_lock(&klat_mutex);
	list_for_each_entry(p, gone, list)
		p->sym->reaping = false;
	mutex_unlock(&klat_mutex);
	wake_up_all(&klat_reap_wq);
	list_for_each_entry_safe(p, tmp, gone, list) {
		list_del(&p->list);
		klat_probe_free(p);
	}
}


/* Remove every target. */
void klat_probe_del_all(void)
{
	struct klat_probe *p, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&klat_mutex);
	list_for_each_entry_safe(p, tmp, &klat_probes, list)
		klat_probe_detach(p, &gone);
	mutex_unlock(&klat_mutex);
	klat_probe_reap(&gone);
}

/* The target named @name (@len bytes), or NULL. Under klat_mutex. */
static struct klat_probe *klat_probe_find(const char *name, size_t len)
{
	struct klat_sym *s = klat_sym_find(name, len);

	return s ? s->probe : NULL;
}

/*
 * Run one `targets` line written to @file. A removed target is queued on
 * @gone for klat_probe_reap(), so that the removals of one write share one
 * RCU grace period. Returns 0, or -errno after adding a line to error_log.
 */
int klat_target_cmd(const char *file, const char *line, size_t len, struct list_head *gone)
{
	const struct klat_syscall *sc = NULL;
	struct klat_target_cmd cmd;
	const char *name;
	struct klat_probe *p;
	size_t pos, nlen;
	int code, ret, tries;

	code = klat_parse_target(line, len, KSYM_NAME_LEN - 1, &cmd, &pos);
	if (code == KLAT_PARSE_SKIP)
		return 0;
	if (code) {
		ret = -klat_err_errno(code);
		goto err;
	}
	name = cmd.name;
	nlen = cmd.len;
	if (cmd.syscall) {
		sc = klat_syscall_find(cmd.name, cmd.len);
		if (!sc) {
			code = KLAT_E_NO_SYSCALL;
			pos = cmd.name - line;
			ret = -ENOENT;
			goto err;
		}
	}
	/* this write's own removals first: the name may be among them */
	if (!cmd.del)
		klat_probe_reap(gone);
	for (tries = 0;;) {
		if (!cmd.del)
			klat_ksyms_refresh();	/* reads kallsyms: not under klat_mutex */
		mutex_lock(&klat_mutex);
		if (cmd.del)
			break;
		/*
		 * Wait here for a removal of the name still in progress, so that
		 * the lists are checked again after that wait too.
		 */
		ret = klat_cmd_wait_reaped(sc, name, nlen);
		if (ret < 0) {
			code = KLAT_E_INTR;
			goto unlock;
		}
		/*
		 * A module came or went while this writer waited for klat_mutex
		 * or for a removal: read the lists again (klat_ksyms_check()
		 * refuses stale ones).
		 */
		if (!ret && (!klat_ksyms_outdated() || ++tries == 3))
			break;
		mutex_unlock(&klat_mutex);
	}
	if (cmd.del) {
		p = NULL;
		if (sc) {
			const char * const *s;

			for (s = sc->syms; *s && !p; s++)
				p = klat_probe_find(*s, strlen(*s));
		} else {
			p = klat_probe_find(name, nlen);
		}
		if (p)
			klat_probe_detach(p, gone);
		code = KLAT_E_NOT_TARGET;
		ret = p ? 0 : -ENOENT;
	} else if (sc) {
		const char * const *s;

		/* the first of the candidate symbols this kernel has */
		for (s = sc->syms, ret = -ENOENT; *s && ret == -ENOENT; s++)
			ret = klat_probe_add(*s, strlen(*s), sc, &code);
	} else {
		ret = klat_probe_add(name, nlen, NULL, &code);
	}
unlock:
	mutex_unlock(&klat_mutex);
	if (!ret)
		return 0;
	pos = cmd.name - line;
err:
	klat_errlog_add(file, line, len, pos, code, -ret);
	return ret;
}

int klat_probe_count(void)
{
	struct klat_probe *p;
	int n = 0;

	lockdep_assert_held(&klat_mutex);
	list_for_each_entry(p, &klat_probes, list)
		n++;
	return n;
}

/* Sum every CPU's figures of @p into @sum. Process context. */
void klat_probe_collect(struct klat_probe *p, struct klat_stats *sum)
{
	struct klat_stats __percpu *pcpu;
	int cpu;

	memset(sum, 0, sizeof(*sum));
	rcu_read_lock();
	pcpu = READ_ONCE(p->stats);
	for_each_possible_cpu(cpu)
		klat_stats_merge(sum, per_cpu_ptr(pcpu, cpu));
	rcu_read_unlock();
}

static u64 klat_probe_missed_raw(struct klat_probe *p)
{
	/* kretprobe.nmissed is an int: read it as the unsigned count it is */
	return (u64)(unsigned int)READ_ONCE(p->rp.nmissed) + READ_ONCE(p->rp.kp.nmissed);
}

/* Calls the kretprobe could not time (no free instance, or recursion), since reset. */
u64 klat_probe_missed(struct klat_probe *p)
{
	u64 raw = klat_probe_missed_raw(p), base = READ_ONCE(p->missed_base);

	/* a reset may raise the base after @raw was read: 0, not 2^64 - n */
	return raw > base ? raw - base : 0;
}

bool klat_probe_gone(struct klat_probe *p)
{
	return p->rp.kp.flags & KPROBE_FLAG_GONE;
}

/*
 * Zero every target's figures and empty the log. Each target gets fresh per-CPU
 * figures; the old ones are freed once no handler or reader can hold them.
 * All or nothing: when memory for the fresh figures cannot be had, nothing is
 * reset and -ENOMEM is returned (figures are never zeroed under a handler).
 */
int klat_probes_reset(void)
{
	struct klat_probe *p;
	int ret = 0;

	mutex_lock(&klat_mutex);
	list_for_each_entry(p, &klat_probes, list) {
		p->old_stats = alloc_percpu(struct klat_stats);
		if (!p->old_stats) {
			ret = -ENOMEM;
			break;
		}
	}
	if (ret) {
		list_for_each_entry(p, &klat_probes, list) {
			free_percpu(p->old_stats);
			p->old_stats = NULL;
		}
		goto out;
	}
	/* swap: old_stats takes the figures in force, stats the fresh ones */
	list_for_each_entry(p, &klat_probes, list) {
		struct klat_stats __percpu *fresh = p->old_stats;

		WRITE_ONCE(p->missed_base, klat_probe_missed_raw(p));
		p->old_stats = p->stats;
		WRITE_ONCE(p->stats, fresh);
	}
	klat_log_reset();
	synchronize_rcu();
	list_for_each_entry(p, &klat_probes, list) {
		free_percpu(p->old_stats);
		p->old_stats = NULL;
	}
out:
	mutex_unlock(&klat_mutex);
	return ret;
}

/*
 * Replace the filter in *@slot by the terms in @buf, written to @file. A bad term
 * leaves the filter in force and returns -EINVAL after a line in error_log.
 */
int klat_filter_set(struct klat_filter __rcu **slot, const char *buf, size_t len,
		    const char *file)
{
	struct klat_filter *f, *old;
	size_t pos;
	int code;

	f = kmalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	code = klat_parse_filter(buf, len, f, &pos);
	if (code) {
		kfree(f);
		klat_errlog_add(file, buf, len, pos, code, klat_err_errno(code));
		return -klat_err_errno(code);
	}
	if (klat_filter_empty(f)) {
		kfree(f);
		f = NULL;
	}
	mutex_lock(&klat_filter_lock);
	old = rcu_replace_pointer(*slot, f, lockdep_is_held(&klat_filter_lock));
	mutex_unlock(&klat_filter_lock);
	synchronize_rcu();
	kfree(old);
	return 0;
}
