// SPDX-License-Identifier: GPL-2.0
/*
 * klat: kernel function latency, on demand.
 *
 * Write a function's name to /sys/kernel/debug/klat/targets and klat times
 * every call of it with a kretprobe: per-CPU counters and a log-linear
 * histogram, percentiles, errors by errno, and an event log.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "klat_debugfs.h"
#include "klat_filter.h"
#include "klat_ksyms.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_systab.h"
#include "klat_target.h"

static char *targets = "__sys_socket";
module_param(targets, charp, 0444);
MODULE_PARM_DESC(targets, "Targets added at load, comma separated (default __sys_socket)");

static unsigned int log_size = 4096;
module_param(log_size, uint, 0444);
MODULE_PARM_DESC(log_size, "Events kept in the log, rounded up to a power of two (max 262144)");

module_param_named(maxactive, klat_maxactive, uint, 0644);
MODULE_PARM_DESC(maxactive, "Concurrent calls timed per target (0: the kernel's default; at most 4096); for targets added later");

module_param_cb(log_enable, &klat_param_key_ops, &klat_log_enable, 0644);
MODULE_PARM_DESC(log_enable, "Record calls in the event log (default 1)");
module_param_cb(procs, &klat_param_key_ops, &klat_procs_enable, 0644);
MODULE_PARM_DESC(procs, "Keep per-process figures (probes/SYMBOL/procs) for every target (default 1)");

/*
 * The debugfs files come last: a file opened during init would otherwise
 * outlive a failing init (the module is freed whatever its refcount, and
 * closing the file then faults in full_proxy_release()). Once they exist,
 * nothing fails.
 */
static int __init klat_init(void)
{
	int ret;

	ret = klat_log_init(log_size);
	if (ret)
		return ret;
	log_size = klat_log_capacity();
	ret = klat_ksyms_init();
	if (ret)
		goto err_log;
	ret = klat_systab_init();	/* after ksyms: it reads their addresses */
	if (ret)
		goto err_ksyms;
	ret = klat_target_init(targets);	/* undoes itself on failure */
	if (ret)
		goto err_systab;
	ret = klat_debugfs_init();
	if (ret)
		goto err_targets;
	pr_info("loaded, log of %u events, %u system calls%s\n", log_size, klat_systab_count(),
		klat_systab_from_table() ? "" : " (from kallsyms: no sys_call_table)");
	return 0;

err_targets:
	klat_target_exit();
	klat_filter_exit();	/* no init: set only through the files */
err_systab:
	klat_systab_exit();
err_ksyms:
	klat_ksyms_exit();
err_log:
	klat_log_exit();
	return ret;
}

/*
 * The files go first: debugfs_remove() waits for every reader and writer in
 * them, so no targets write can land after the targets are removed. The
 * global filter goes once no probe is registered (the handlers read it).
 */
static void __exit klat_exit(void)
{
	klat_debugfs_exit();
	klat_target_exit();
	klat_filter_exit();
	klat_systab_exit();
	klat_ksyms_exit();
	klat_log_exit();
	pr_info("unloaded\n");
}

module_init(klat_init);
module_exit(klat_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("klat developers");
MODULE_DESCRIPTION("Kernel function latency statistics, on demand, through kretprobes");
