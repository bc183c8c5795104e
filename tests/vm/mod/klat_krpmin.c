// SPDX-License-Identifier: GPL-2.0
/*
 * klat_krpmin: the smallest kretprobe module, for telling kernel kretprobe
 * behaviour apart from klat's in the load/unload stress tests
 * (tests/vm/stress/). It registers one kretprobe on the symbol given as
 * sym= (default hrtimer_nanosleep), counts hits in an atomic, and
 * unregisters it at unload. Nothing else.
 */
#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/module.h>

static char *sym = "hrtimer_nanosleep";
module_param(sym, charp, 0444);

static atomic_long_t krpmin_hits;

static int krpmin_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic_long_inc(&krpmin_hits);
	return 0;
}
NOKPROBE_SYMBOL(krpmin_ret);

static struct kretprobe krpmin_rp = {
	.handler = krpmin_ret,
};

static int __init krpmin_init(void)
{
	krpmin_rp.kp.symbol_name = sym;
	return register_kretprobe(&krpmin_rp);
}

static void __exit krpmin_exit(void)
{
	unregister_kretprobe(&krpmin_rp);
	pr_info("krpmin: %ld hits, %d missed\n", atomic_long_read(&krpmin_hits),
		krpmin_rp.nmissed);
}

module_init(krpmin_init);
module_exit(krpmin_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klat test helper: a minimal kretprobe");
