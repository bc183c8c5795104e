/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_PROBEDIR_H
#define _KLAT_PROBEDIR_H

#include <linux/fs.h>

struct dentry;
struct klat_probe;

#define KLAT_WRITE_MAX	(64 * 1024)	/* the largest write any file takes */

/* The filter file: inode->i_private is the probe, or NULL for the global filter. */
extern const struct file_operations klat_filter_fops;

ssize_t klat_write_copy(const char __user *ubuf, size_t count, const char *file, char **out);
void klat_probedir_init(struct dentry *parent);
void klat_probedir_exit(void);
struct dentry *klat_probedir_add(struct klat_probe *p);
void klat_probedir_del(struct klat_probe *p);

#endif /* _KLAT_PROBEDIR_H */
