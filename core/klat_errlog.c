// SPDX-License-Identifier: GPL-2.0
/*
 * klat error_log: the most recent bad commands, oldest first, in the style of
 * tracefs' error_log (a caret under the offending byte).
 */

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched/clock.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include "klat_errlog.h"
#include "klat_parse.h"

struct klat_errlog_entry {
	u64 ts;			/* local_clock(), ns */
	const char *file;	/* a string literal */
	int code;		/* KLAT_E_* */
	int err;		/* positive errno */
	unsigned int caret;	/* column of the caret in cmd */
	char cmd[KLAT_ERRLOG_CMD_LEN];	/* escaped, NUL terminated */
};

/* Process context only (write() paths). Protected by klat_errlog_lock. */
static DEFINE_MUTEX(klat_errlog_lock);
static struct klat_errlog_entry klat_errlog[KLAT_ERRLOG_ENTRIES];
static unsigned int klat_errlog_next;	/* total entries ever added */

/*
 * Record that command @cmd (@len bytes, raw) written to @file failed with
 * KLAT_E_* @code and errno @err, at byte @pos of @cmd.
 */
void klat_errlog_add(const char *file, const char *cmd, size_t len, size_t pos,
		     int code, int err)
{
	struct klat_errlog_entry *e;

	while (len && (cmd[len - 1] == '\n' || cmd[len - 1] == '\r'))
		len--;
	mutex_lock(&klat_errlog_lock);
	e = &klat_errlog[klat_errlog_next++ % KLAT_ERRLOG_ENTRIES];
	e->ts = local_clock();
	e->file = file;
	e->code = code;
	e->err = err;
	/* the caret column is the escaped length of the bytes before it */
	e->caret = klat_escape_ctl(e->cmd, sizeof(e->cmd), cmd, min(pos, len));
	klat_escape_ctl(e->cmd, sizeof(e->cmd), cmd, len);
	if (e->caret > strlen(e->cmd))
		e->caret = strlen(e->cmd);
	mutex_unlock(&klat_errlog_lock);
}

int klat_errlog_show(struct seq_file *m, void *v)
{
	unsigned int i, n;

	mutex_lock(&klat_errlog_lock);
	n = min_t(unsigned int, klat_errlog_next, KLAT_ERRLOG_ENTRIES);
	seq_printf(m, "# klat error_log: the %u most recent errors, oldest first\n",
		   KLAT_ERRLOG_ENTRIES);
	for (i = klat_errlog_next - n; i != klat_errlog_next; i++) {
		struct klat_errlog_entry *e = &klat_errlog[i % KLAT_ERRLOG_ENTRIES];
		u64 sec = e->ts;
		u32 nsec = do_div(sec, NSEC_PER_SEC);

		seq_printf(m, "[%5llu.%06u] %s: error: %s (%pe)\n", sec, nsec / 1000,
			   e->file, klat_err_msg(e->code), ERR_PTR(-e->err));
		seq_printf(m, "  Command: %s\n", e->cmd);
		seq_printf(m, "  %*s^\n", (int)(e->caret + sizeof("Command: ") - 1), "");
	}
	mutex_unlock(&klat_errlog_lock);
	return 0;
}
