// SPDX-License-Identifier: GPL-2.0
/*
 * klat filters: the global one, and putting any filter in force. Probe
 * handlers read a filter under RCU (preemption off); a new one replaces the
 * old under klat_filter_lock, which is freed after a grace period.
 */
#include <linux/jump_label.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include "klat_errlog.h"
#include "klat_filter.h"

/* Serializes filter updates (not taken by readers or handlers, which use RCU). */
static DEFINE_MUTEX(klat_filter_lock);
/* The filter every target applies, or NULL. RCU; updated under klat_filter_lock. */
struct klat_filter __rcu *klat_global_filter;
/*
 * On while any filter (global or a target's) is in force: one count per
 * filter, taken before it is published and dropped once it is gone, so the
 * handlers skip the two filter pointers altogether when there is none.
 */
DEFINE_STATIC_KEY_FALSE(klat_filter_key);

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
	if (f)
		static_branch_inc(&klat_filter_key);
	mutex_lock(&klat_filter_lock);
	old = rcu_replace_pointer(*slot, f, lockdep_is_held(&klat_filter_lock));
	mutex_unlock(&klat_filter_lock);
	synchronize_rcu();
	klat_filter_free(old);
	return 0;
}

/* Free @f (or nothing), which no handler can hold any more. Process context. */
void klat_filter_free(struct klat_filter *f)
{
	if (!f)
		return;
	kfree(f);
	static_branch_dec(&klat_filter_key);
}

/*
 * Free the global filter. Process context, once no probe is registered (no
 * handler can hold it) and no file can set it.
 */
void klat_filter_exit(void)
{
	klat_filter_free(rcu_dereference_protected(klat_global_filter, true));
	RCU_INIT_POINTER(klat_global_filter, NULL);
}
