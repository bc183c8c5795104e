/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_ERRLOG_H
#define _KLAT_ERRLOG_H

#include <linux/types.h>

struct seq_file;

#define KLAT_ERRLOG_ENTRIES	16	/* the most recent errors kept */
#define KLAT_ERRLOG_CMD_LEN	128	/* bytes of a command kept, escaped */

void klat_errlog_add(const char *file, const char *cmd, size_t len, size_t pos,
		     int code, int err);
int klat_errlog_show(struct seq_file *m, void *v);

#endif /* _KLAT_ERRLOG_H */
