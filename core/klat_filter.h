/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_FILTER_H
#define _KLAT_FILTER_H

#include <linux/jump_label.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include "klat_parse.h"

extern struct klat_filter __rcu *klat_global_filter;
DECLARE_STATIC_KEY_FALSE(klat_filter_key);

int klat_filter_set(struct klat_filter __rcu **slot, const char *buf, size_t len,
		    const char *file);
void klat_filter_exit(void);
void klat_filter_free(struct klat_filter *f);

#endif /* _KLAT_FILTER_H */
