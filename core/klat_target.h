/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_TARGET_H
#define _KLAT_TARGET_H

#include <linux/list.h>
#include <linux/mutex.h>

extern struct mutex klat_mutex;
extern struct list_head klat_probes;

int klat_target_init(const char *list);
void klat_target_exit(void);
int klat_target_cmd(const char *file, const char *line, size_t len, struct list_head *gone);
void klat_target_reap(struct list_head *gone);
int klat_target_count(void);
int klat_target_reset(void);
int klat_target_reset_names(const char *file, const char *buf, size_t count);

#endif /* _KLAT_TARGET_H */
