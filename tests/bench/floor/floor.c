// SPDX-License-Identifier: GPL-2.0
/*
 * klat_bench_floor: the klat benchmark's floor. One kretprobe whose handlers do
 * nothing, on the function named by the `func` parameter (default
 * __sys_socket). Whatever it costs is what any kretprobe-based tool pays
 * before doing any work of its own.
 */
#include <linux/kprobes.h>
#include <linux/module.h>

static char *func = "__sys_socket";
module_param(func, charp, 0444);
MODULE_PARM_DESC(func, "Function to probe (default __sys_socket)");

static int floor_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return 0;
}
NOKPROBE_SYMBOL(floor_entry);

static int floor_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return 0;
}
NOKPROBE_SYMBOL(floor_ret);

static struct kretprobe floor_rp = {
	.entry_handler = floor_entry,
	.handler = floor_ret,
	.data_size = 8,
};

static int __init floor_init(void)
{
	floor_rp.kp.symbol_name = func;
	return register_kretprobe(&floor_rp);
}

static void __exit floor_exit(void)
{
	unregister_kretprobe(&floor_rp);
}

module_init(floor_init);
module_exit(floor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klat benchmark floor: an empty kretprobe");
