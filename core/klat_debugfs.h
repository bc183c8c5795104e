/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_DEBUGFS_H
#define _KLAT_DEBUGFS_H

int klat_debugfs_init(void);
void klat_debugfs_exit(void);

#endif /* _KLAT_DEBUGFS_H */
