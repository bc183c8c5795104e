/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_DEBUGFS_H
#define _KLAT_DEBUGFS_H

struct dentry;
struct klat_probe;

#define KLAT_WRITE_MAX	(64 * 1024)	/* the largest write any file takes */

int klat_debugfs_init(void);
void klat_debugfs_exit(void);
struct dentry *klat_debugfs_probe_add(struct klat_probe *p);
void klat_debugfs_probe_del(struct klat_probe *p);

#endif /* _KLAT_DEBUGFS_H */
