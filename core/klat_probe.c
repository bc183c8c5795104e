// SPDX-License-Identifier: GPL-2.0
/*
 * klat probes: one kretprobe per target, its handlers, and its figures.
 */
#include <linux/jump_label.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#ifdef CONFIG_X86_TSC
#include <linux/clocksource.h>
#include <linux/math64.h>
#include <asm/tsc.h>
#endif
#include "klat_filter.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_kcompat.h"
#include "klat_systab.h"

unsigned int klat_maxactive;
bool klat_log_enable = true;
bool klat_procs_enable = true;
/* The handlers test these, not the bools: a jump, not a load and a branch. */
static DEFINE_STATIC_KEY_TRUE(klat_log_key);
static DEFINE_STATIC_KEY_TRUE(klat_procs_key);

/*
 * Set the log_enable or procs parameter (a bool) and its static key.
 * Process context (a write to the parameter, or insmod after the module's
 * jump labels are set up).
 */
static int klat_param_set_key(const char *val, const struct kernel_param *kp)
{
	struct static_key_true *key = kp->arg == &klat_log_enable ? &klat_log_key :
				      &klat_procs_key;
	int ret = param_set_bool(val, kp);

	if (ret)
		return ret;
	if (*(bool *)kp->arg)
		static_branch_enable(key);
	else
		static_branch_disable(key);
	return 0;
}

const struct kernel_param_ops klat_param_key_ops = {
	.set = klat_param_set_key,
	.get = param_get_bool,
};

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
 * Keep the call's arguments for the log, and a system call's user string
 * argument (a path), copied without faulting and cut at KLAT_SC_STR bytes.
 * Probe context (klat_entry()).
 */
static __always_inline void klat_entry_args(const struct klat_probe *p, struct pt_regs *regs,
					    struct klat_call *c)
{
	const struct klat_sysent *se = p->se;

	if (p->wrapper && se->nargs) {
		/*
		 * __x64_sys_*(const struct pt_regs *): the user's registers,
		 * syscall ABI. (A call without arguments may be probed at its
		 * __do_sys_ name, which takes none: its register is not read.)
		 */
		const struct pt_regs *u = (const struct pt_regs *)regs_get_kernel_argument(regs, 0);

		c->in.args[0] = u->di;
		c->in.args[1] = u->si;
		c->in.args[2] = u->dx;
		c->in.args[3] = u->r10;
		c->in.args[4] = u->r8;
		c->in.args[5] = u->r9;
	} else if (!p->wrapper) {
#ifdef CONFIG_X86_64
		/* the kernel's calling convention: regs_get_kernel_argument() unrolled */
		c->in.args[0] = regs->di;
		c->in.args[1] = regs->si;
		c->in.args[2] = regs->dx;
		c->in.args[3] = regs->cx;
		c->in.args[4] = regs->r8;
		c->in.args[5] = regs->r9;
#else
		int i;

		for (i = 0; i < KLAT_SC_ARGS; i++)
			c->in.args[i] = regs_get_kernel_argument(regs, i);
#endif
	}
	c->in.str_len = -1;
	if (se && se->str >= 0 && se->str < KLAT_SC_ARGS) {
		/*
		 * strncpy_from_user_nofault() is not exported: its body. With
		 * page faults disabled a fault is -EFAULT, never a sleep; the
		 * result is strlen, or KLAT_SC_STR for a string cut off there
		 * (not NUL terminated).
		 */
		pagefault_disable();
		c->in.str_len = strncpy_from_user(c->in.str,
						  (const char __user *)c->in.args[se->str],
						  KLAT_SC_STR);
		pagefault_enable();
	}
}

/*
 * Entry handler. Probe context: preemption off, any context; runs on the CPU
 * that called the target. Filtered-out calls return 1 so the kretprobe drops
 * its instance: they cost the filter check and are counted nowhere.
 */
static notrace int klat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct klat_probe *p = klat_probe_of(ri);
	struct klat_call *c = (struct klat_call *)ri->data;

	/* a filter anywhere: klat_filter_key is on (klat_filter.c) */
	if (static_branch_unlikely(&klat_filter_key)) {
		const struct klat_filter *gf = rcu_dereference_sched(klat_global_filter);
		const struct klat_filter *pf = rcu_dereference_sched(p->filter);
		struct task_struct *t = current;

		if ((gf || pf) && (!klat_filter_task(gf, t->pid, t->tgid, t->comm) ||
				   !klat_filter_task(pf, t->pid, t->tgid, t->comm)))
			return 1;
	}
	/* the arguments only matter to the log: a call entered with it off is not logged */
	c->log = static_branch_likely(&klat_log_key);
	if (c->log)
		klat_entry_args(p, regs, c);
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

/* Do the global and @p's filters keep this call in the log? Probe context. */
static __always_inline bool klat_log_filters(const struct klat_probe *p, u64 lat, s64 ret)
{
	if (!static_branch_unlikely(&klat_filter_key))
		return true;
	return klat_log_wanted(rcu_dereference_sched(klat_global_filter), lat, ret) &&
	       klat_log_wanted(rcu_dereference_sched(p->filter), lat, ret);
}

/* Return handler. Probe context, as klat_entry(). */
static notrace int klat_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
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
	if (static_branch_likely(&klat_procs_key) && !READ_ONCE(p->procs_off))
		klat_stats_add(st, lat, ret, current->tgid, current->comm);
	else
		klat_stats_add(st, lat, ret, 0, NULL);
	if (static_branch_likely(&klat_log_key) && c->log && klat_log_filters(p, lat, ret))
		/* five arguments: a sixth on the stack costs a realigned frame */
		klat_log_record(p->sym, ktime_get_mono_fast_ns() - lat, lat, raw, &c->in);
	return 0;
}
NOKPROBE_SYMBOL(klat_ret);

void klat_probe_free(struct klat_probe *p)
{
	klat_filter_free(rcu_dereference_protected(p->filter, true));
	free_percpu(p->stats);
	kfree(p);
}

/*
 * Make and register the kretprobe for @sym (@se: the system call it is added
 * as, or NULL to look one up by the function's name). Returns 0 and the probe in *@out, or -errno with a
 * KLAT_E_* code in *@code; *@armed then says whether the probe was live for a
 * while (events may point at @sym). Under klat_mutex.
 */
int klat_probe_create(struct klat_sym *sym, const struct klat_sysent *se,
		      struct klat_probe **out, int *code, bool *armed)
{
	struct klat_probe *p;
	bool self;
	int ret;

	BUILD_BUG_ON(KLAT_LOG_ARGS != KLAT_SC_ARGS || KLAT_LOG_STR != KLAT_SC_STR);
	BUILD_BUG_ON(sizeof(((struct klat_call *)0)->in.str) != KLAT_SC_STR);
	klat_clock_init();
	*armed = false;
	*code = KLAT_E_NOMEM;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->stats = alloc_percpu(struct klat_stats);
	if (!p->stats) {
		ret = -ENOMEM;
		goto err_free;
	}
	p->sym = sym;
	/* the function is the call's wrapper, or one of its inner functions */
	p->se = klat_systab_by_symbol(sym->name, &p->wrapper);
	if (p->se && se)
		p->se = se;	/* accept and accept4 share __sys_accept4: as added */
	WRITE_ONCE(sym->se, p->se);	/* read by log readers without klat_mutex */
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
		*armed = true;
		unregister_kretprobe(&p->rp);
		ret = -EINVAL;
		goto err_free;
	}
	*out = p;
	return 0;

err_free:
	klat_probe_free(p);
	return ret;
}

/*
 * Unregister the @n probes on @gone, with one RCU grace period for all of them
 * (unregister_kretprobes() waits for every handler). Process context; needs no
 * klat lock: nothing else can reach a detached probe.
 */
void klat_probes_unregister(struct list_head *gone, int n)
{
	struct kretprobe **rps;
	struct klat_probe *p;
	int i = 0;

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

u64 klat_probe_missed_raw(struct klat_probe *p)
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
	return kprobe_gone(&p->rp.kp);
}

/*
 * @p's per-process figures, every CPU's table merged, heaviest first: an
 * array to kvfree() and its length in *@n, or NULL when out of memory.
 * Process context.
 */
struct klat_proc *klat_probe_procs(struct klat_probe *p, size_t *n)
{
	unsigned int ncpu = num_possible_cpus(), i = 0;
	struct klat_proc *rows = kvmalloc_array(ncpu, sizeof(*rows) * KLAT_PROCS_SLOTS,
						GFP_KERNEL);
	struct klat_procs *t = kvmalloc_array(ncpu, sizeof(*t), GFP_KERNEL);
	struct klat_stats __percpu *pcpu;
	int cpu;

	*n = 0;
	if (!rows || !t) {
		kvfree(rows);
		kvfree(t);
		return NULL;
	}
	/* under RCU only the copies; merging and sorting (quadratic) after, preemptible */
	rcu_read_lock();
	pcpu = READ_ONCE(p->stats);
	for_each_possible_cpu(cpu) {
		struct klat_stats *st = per_cpu_ptr(pcpu, cpu);

		if (i < ncpu)
			klat_procs_copy(&t[i++], &st->procs, &st->sumsq_seq);
	}
	rcu_read_unlock();
	while (i--) {
		*n = klat_procs_merge(rows, *n, &t[i]);
		cond_resched();
	}
	kvfree(t);
	klat_procs_sort(rows, *n);
	return rows;
}
