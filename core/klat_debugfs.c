// SPDX-License-Identifier: GPL-2.0
/*
 * klat's files in debugfs (/sys/kernel/debug/klat). All are root only. This is
 * klat/ and its top-level files: targets, stats, log, reset, error_log and
 * filter; probes/SYMBOL/ is klat_probedir.c's. A write here runs a command
 * (klat_target.c, klat_filter.c); a read merges the probes' figures.
 *
 * Locking: files that list targets (targets, stats, log) hold klat_mutex while
 * they read. Files under probes/SYMBOL/ (klat_probedir.c) never take klat_mutex:
 * removing a target waits in debugfs_remove() for their readers.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "klat_debugfs.h"
#include "klat_errlog.h"
#include "klat_errno.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_probedir.h"
#include "klat_syscalls.h"
#include "klat_target.h"

/* klat/: set and cleared under klat_mutex, by klat_debugfs_init() and _exit() only. */
static struct dentry *klat_dir;
/* Scratch for the stats file, which holds klat_mutex while it reads. */
static struct klat_stats klat_scratch;

/* targets ------------------------------------------------------------------ */

static void *klat_list_start(struct seq_file *m, loff_t *pos)
{
	mutex_lock(&klat_mutex);
	return seq_list_start_head(&klat_probes, *pos);
}

static void *klat_list_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &klat_probes, pos);
}

static void klat_list_stop(struct seq_file *m, void *v)
{
	mutex_unlock(&klat_mutex);
}

static int klat_targets_show(struct seq_file *m, void *v)
{
	struct klat_probe *p;

	if (v == &klat_probes) {
		seq_printf(m, "# klat targets: %d\n", klat_target_count());
		seq_puts(m, "# symbol state maxactive\n");
		return 0;
	}
	p = list_entry(v, struct klat_probe, list);
	seq_printf(m, "%s %s %d\n", p->sym->name, klat_probe_gone(p) ? "gone" : "active",
		   p->rp.maxactive);
	return 0;
}

static const struct seq_operations klat_targets_sops = {
	.start = klat_list_start,
	.next = klat_list_next,
	.stop = klat_list_stop,
	.show = klat_targets_show,
};

static int klat_targets_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &klat_targets_sops);
}

/*
 * One command per line, run in order. The first bad line fails the write with
 * its errno; the lines before it stay done.
 */
static ssize_t klat_targets_write(struct file *file, const char __user *ubuf, size_t count,
				  loff_t *ppos)
{
	char *buf, *line;
	size_t off = 0;
	ssize_t ret;
	LIST_HEAD(gone);

	ret = klat_write_copy(ubuf, count, "targets", &buf);
	if (ret)
		return ret;
	while (off < count) {
		char *nl = memchr(buf + off, '\n', count - off);
		size_t len = nl ? (size_t)(nl - (buf + off)) : count - off;

		line = buf + off;
		ret = klat_target_cmd("targets", line, len, &gone);
		if (ret)
			goto out;
		off += len + 1;
	}
	ret = count;
out:
	klat_target_reap(&gone);
	kfree(buf);
	return ret;
}

static const struct file_operations klat_targets_fops = {
	.owner = THIS_MODULE,
	.open = klat_targets_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
	.write = klat_targets_write,
};

/* stats ---------------------------------------------------------------------- */

static int klat_stats_show(struct seq_file *m, void *v)
{
	struct klat_summary s;
	struct klat_probe *p;

	if (v == &klat_probes) {
		seq_printf(m, "# klat stats: %d targets, times in ns\n", klat_target_count());
		seq_printf(m, "%-30s %12s %10s %8s %12s %12s %12s %12s %12s %12s %12s %12s\n",
			   "# target", "hits", "errors", "missed", "min_ns", "avg_ns", "p50_ns",
			   "p90_ns", "p99_ns", "max_ns", "p999_ns", "stddev_ns");
		return 0;
	}
	p = list_entry(v, struct klat_probe, list);
	klat_probe_collect(p, &klat_scratch);
	klat_summarize(&klat_scratch, &s);
	seq_printf(m, "%-30s %12llu %10llu %8llu %12llu %12llu %12llu %12llu %12llu %12llu %12llu %12llu\n",
		   p->sym->name, s.hits, s.errors, klat_probe_missed(p), s.min, s.avg, s.p50,
		   s.p90, s.p99, s.max, s.p999, s.stddev);
	return 0;
}

static const struct seq_operations klat_stats_sops = {
	.start = klat_list_start,
	.next = klat_list_next,
	.stop = klat_list_stop,
	.show = klat_stats_show,
};

static int klat_stats_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &klat_stats_sops);
}

static const struct file_operations klat_stats_fops = {
	.owner = THIS_MODULE,
	.open = klat_stats_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/* log ------------------------------------------------------------------------ */

static void *klat_log_start(struct seq_file *m, loff_t *pos)
{
	struct klat_log_snap *s = m->private;

	if (!*pos)
		return SEQ_START_TOKEN;
	return *pos <= s->count ? &s->ev[*pos - 1] : NULL;
}

static void *klat_log_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return klat_log_start(m, pos);
}

static void klat_log_stop(struct seq_file *m, void *v)
{
}

/*
 * A raw value that may be a kernel address: above user space and not an errno.
 * Shown hashed (%p), as the kernel shows pointers to users.
 */
static bool klat_kernel_addr(u64 v)
{
	return v >= TASK_SIZE_MAX && v < (u64)-4095;
}

/* "ret=-97(EAFNOSUPPORT)" for errors, "ret=3" otherwise, a kernel address hashed */
static void klat_show_ret(struct seq_file *m, u64 raw)
{
	s64 ret = klat_ret_value(raw);
	const char *name = klat_ret_is_err(ret) ? klat_errno_name((int)-ret) : NULL;

	if (name)
		seq_printf(m, " ret=%lld(%s)", ret, name);
	else if (klat_kernel_addr(raw))
		seq_printf(m, " ret=%p", (void *)(unsigned long)raw);
	else
		seq_printf(m, " ret=%lld", ret);
}

/* Decoded arguments of a known target; raw ones in hex, kernel addresses hashed. */
static void klat_show_args(struct seq_file *m, const struct klat_event *e)
{
	char buf[128];
	int i;

	if (e->sym->sc) {
		klat_syscall_format_args(e->sym->sc, e->args, buf, sizeof(buf));
		seq_puts(m, buf);
		return;
	}
	for (i = 0; i < KLAT_LOG_ARGS; i++) {
		u64 v = e->args[i];

		if (klat_kernel_addr(v))
			seq_printf(m, "%s%p", i ? "," : "", (void *)(unsigned long)v);
		else
			seq_printf(m, "%s0x%llx", i ? "," : "", v);
	}
}

static int klat_log_show(struct seq_file *m, void *v)
{
	struct klat_log_snap *s = m->private;
	const struct klat_event *e = v;
	char buf[128];

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "# klat log: capacity %u events, %u shown, %llu dropped\n",
			   s->capacity, s->count, s->dropped);
		seq_puts(m, "# seq= ts_ns= cpu= pid= tgid= comm= target= ret= lat_ns= args=\n");
		return 0;
	}
	klat_escape(buf, sizeof(buf), e->comm, strnlen(e->comm, sizeof(e->comm)));
	seq_printf(m, "seq=%llu ts_ns=%llu cpu=%u pid=%u tgid=%u comm=%s target=%s",
		   e->seq, e->ts, e->cpu, e->pid, e->tgid, buf, e->sym->name);
	klat_show_ret(m, e->ret);
	seq_printf(m, " lat_ns=%llu args=", e->lat);
	klat_show_args(m, e);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations klat_log_sops = {
	.start = klat_log_start,
	.next = klat_log_next,
	.stop = klat_log_stop,
	.show = klat_log_show,
};

static int klat_log_open(struct inode *inode, struct file *file)
{
	struct klat_log_snap *s;
	int ret;

	mutex_lock(&klat_mutex);
	s = klat_log_snapshot();
	mutex_unlock(&klat_mutex);
	if (!s)
		return -ENOMEM;
	ret = seq_open(file, &klat_log_sops);
	if (ret) {
		kvfree(s);
		return ret;
	}
	((struct seq_file *)file->private_data)->private = s;
	return 0;
}

static int klat_log_release(struct inode *inode, struct file *file)
{
	kvfree(((struct seq_file *)file->private_data)->private);
	return seq_release(inode, file);
}

static const struct file_operations klat_log_fops = {
	.owner = THIS_MODULE,
	.open = klat_log_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = klat_log_release,
};

/* reset, error_log, filter ---------------------------------------------------- */

static ssize_t klat_reset_write(struct file *file, const char __user *ubuf, size_t count,
				loff_t *ppos)
{
	int ret = klat_target_reset();

	return ret ? ret : count;
}

static const struct file_operations klat_reset_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = klat_reset_write,
	.llseek = noop_llseek,
};

static int klat_errlog_open(struct inode *inode, struct file *file)
{
	return single_open(file, klat_errlog_show, NULL);
}

static const struct file_operations klat_errlog_fops = {
	.owner = THIS_MODULE,
	.open = klat_errlog_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/* Make every file, and probes/SYMBOL for the targets added at load. Cannot fail once made. */
int klat_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("klat", NULL);
	struct klat_probe *p;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	mutex_lock(&klat_mutex);
	klat_dir = dir;
	klat_probedir_init(klat_dir);
	list_for_each_entry(p, &klat_probes, list)
		p->dir = klat_probedir_add(p);
	mutex_unlock(&klat_mutex);
	debugfs_create_file("targets", 0600, klat_dir, NULL, &klat_targets_fops);
	debugfs_create_file("stats", 0400, klat_dir, NULL, &klat_stats_fops);
	debugfs_create_file("log", 0400, klat_dir, NULL, &klat_log_fops);
	debugfs_create_file("reset", 0200, klat_dir, NULL, &klat_reset_fops);
	debugfs_create_file("error_log", 0400, klat_dir, NULL, &klat_errlog_fops);
	debugfs_create_file("filter", 0600, klat_dir, NULL, &klat_filter_fops);
	return 0;
}

/*
 * Remove every file, waiting for the readers and writers inside them, before
 * the targets go (see klat_exit()). The probes' directories went with it.
 */
void klat_debugfs_exit(void)
{
	struct klat_probe *p;

	debugfs_remove(klat_dir);
	mutex_lock(&klat_mutex);
	list_for_each_entry(p, &klat_probes, list)
		p->dir = NULL;
	klat_dir = NULL;
	klat_probedir_exit();
	mutex_unlock(&klat_mutex);
}
