// SPDX-License-Identifier: GPL-2.0
/*
 * klat_testmod: a module with functions for klat to probe, for the VM test
 * of targets in a module that goes away (tests/vm/t/99-gone.sh).
 *
 *   klat_testmod_fn(x)    returns x + 1 (a unique, traceable name)
 *   klat_testmod_fail(x)  returns -EIO
 *   klat_testmod_notrace(x)  returns x - 1; notrace, so not traceable
 *   klat_testmod_exit()   the module's __exit function (notrace, the last of its text)
 *   do_sys_openat2(x)     returns x; a static function of vmlinux (fs/open.c)
 *                         has this name too, so while this module is loaded
 *                         the name is ambiguous
 *
 * Writing N to /sys/module/klat_testmod/parameters/call calls
 * klat_testmod_fn N times (and this module's do_sys_openat2 once); writing N
 * to .../fail calls klat_testmod_fail N times. klat must refuse the notrace
 * and __exit functions (tests/vm/t/41-unsafe.sh).
 */
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static long klat_testmod_sink;

/* milliseconds the init function sleeps (its __init code is live meanwhile) */
static unsigned int init_sleep_ms;
module_param(init_sleep_ms, uint, 0444);
MODULE_PARM_DESC(init_sleep_ms, "Sleep this long in the init function");

noinline long klat_testmod_fn(long x)
{
	barrier();
	return x + 1;
}

noinline long do_sys_openat2(long x)
{
	barrier();
	return x;
}

noinline notrace long klat_testmod_notrace(long x)
{
	barrier();
	return x - 1;
}

noinline long klat_testmod_fail(long x)
{
	barrier();
	return x >= 0 ? -EIO : x;
}

static int klat_testmod_call(const char *val, long (*fn)(long))
{
	unsigned int n, i;
	int ret = kstrtouint(val, 0, &n);

	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		WRITE_ONCE(klat_testmod_sink, fn(i));
	return 0;
}

static int klat_testmod_call_set(const char *val, const struct kernel_param *kp)
{
	WRITE_ONCE(klat_testmod_sink, do_sys_openat2(0));
	WRITE_ONCE(klat_testmod_sink, klat_testmod_notrace(1));
	return klat_testmod_call(val, klat_testmod_fn);
}

static int klat_testmod_fail_set(const char *val, const struct kernel_param *kp)
{
	return klat_testmod_call(val, klat_testmod_fail);
}

static const struct kernel_param_ops klat_testmod_call_ops = {
	.set = klat_testmod_call_set,
};

static const struct kernel_param_ops klat_testmod_fail_ops = {
	.set = klat_testmod_fail_set,
};

module_param_cb(call, &klat_testmod_call_ops, NULL, 0200);
MODULE_PARM_DESC(call, "Write N: call klat_testmod_fn() N times");
module_param_cb(fail, &klat_testmod_fail_ops, NULL, 0200);
MODULE_PARM_DESC(fail, "Write N: call klat_testmod_fail() N times");

static int __init klat_testmod_init(void)
{
	if (init_sleep_ms)
		msleep(init_sleep_ms);
	WRITE_ONCE(klat_testmod_sink, 0);
	return 0;
}

static void __exit klat_testmod_exit(void)
{
	WRITE_ONCE(klat_testmod_sink, 0);
}

module_init(klat_testmod_init);
module_exit(klat_testmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klat VM test helper: functions to probe in a module");
