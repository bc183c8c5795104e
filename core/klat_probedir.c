// SPDX-License-Identifier: GPL-2.0
/*
 * probes/SYMBOL/: one debugfs directory per target, with its stats, hist,
 * errors and filter files. They read the probe's figures and never take
 * klat_mutex: removing a target waits in debugfs_remove() for their readers,
 * with no klat lock held (klat_target_reap()). The filter file also serves
 * as the global klat/filter (klat_debugfs.c).
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "klat_errlog.h"
#include "klat_errno.h"
#include "klat_filter.h"
#include "klat_probe.h"
#include "klat_probedir.h"

/* probes/, or NULL before klat_probedir_init() and after klat_probedir_exit(); klat_mutex. */
static struct dentry *klat_probes_dir;

/* Copy a write from user space, capped; the caller kfree()s *@out. */
ssize_t klat_write_copy(const char __user *ubuf, size_t count, const char *file, char **out)
{
	char *buf;

	if (count > KLAT_WRITE_MAX) {
		klat_errlog_add(file, "", 0, 0, KLAT_E_TOO_BIG, E2BIG);
		return -E2BIG;
	}
	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	*out = buf;
	return 0;
}

/* filter -------------------------------------------------------------------- */

/* The filter file's inode->i_private: NULL for the global filter, else the probe. */
static struct klat_filter __rcu **klat_filter_slot(struct klat_probe *p)
{
	return p ? &p->filter : &klat_global_filter;
}

static int klat_filter_show(struct seq_file *m, void *v)
{
	struct klat_probe *p = m->private;
	struct klat_filter *f, copy;
	char buf[512];

	rcu_read_lock();
	f = rcu_dereference(*klat_filter_slot(p));
	if (f)
		copy = *f;
	rcu_read_unlock();
	seq_printf(m, "# klat filter%s%s: terms in force (none: every call is recorded)\n",
		   p ? " for " : "", p ? p->sym->name : "");
	if (f) {
		klat_filter_format(&copy, buf, sizeof(buf));
		seq_printf(m, "%s\n", buf);
	}
	return 0;
}

static int klat_filter_open(struct inode *inode, struct file *file)
{
	return single_open(file, klat_filter_show, inode->i_private);
}

static ssize_t klat_filter_write(struct file *file, const char __user *ubuf, size_t count,
				 loff_t *ppos)
{
	struct klat_probe *p = ((struct seq_file *)file->private_data)->private;
	char *buf;
	ssize_t ret;

	ret = klat_write_copy(ubuf, count, "filter", &buf);
	if (ret)
		return ret;
	ret = klat_filter_set(klat_filter_slot(p), buf, count, "filter");
	kfree(buf);
	return ret ? ret : count;
}

const struct file_operations klat_filter_fops = {
	.owner = THIS_MODULE,
	.open = klat_filter_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = klat_filter_write,
};

/* stats, hist, errors -------------------------------------------------------- */

/* Sum @p's figures into a buffer of the caller's (kfree()d by it). */
static struct klat_stats *klat_probe_snapshot(struct klat_probe *p)
{
	struct klat_stats *st = kmalloc(sizeof(*st), GFP_KERNEL);

	if (st)
		klat_probe_collect(p, st);
	return st;
}

static int klat_pstats_show(struct seq_file *m, void *v)
{
	struct klat_probe *p = m->private;
	struct klat_stats *st = klat_probe_snapshot(p);
	struct klat_summary s;
	u64 st_back;

	if (!st)
		return -ENOMEM;
	klat_summarize(st, &s);
	st_back = st->clock_back;
	kfree(st);
	seq_printf(m, "# klat stats for %s, times in ns\n", p->sym->name);
	seq_printf(m, "target: %s\n", p->sym->name);
	seq_printf(m, "hits: %llu\nerrors: %llu\nmissed: %llu\n", s.hits, s.errors,
		   klat_probe_missed(p));
	seq_printf(m, "min_ns: %llu\navg_ns: %llu\np50_ns: %llu\np90_ns: %llu\n", s.min, s.avg,
		   s.p50, s.p90);
	seq_printf(m, "p99_ns: %llu\nmax_ns: %llu\np999_ns: %llu\nstddev_ns: %llu\n", s.p99,
		   s.max, s.p999, s.stddev);
	seq_printf(m, "sum_ns: %llu\n", s.sum);
	seq_printf(m, "clock_back: %llu\n", st_back);
	return 0;
}

static int klat_phist_show(struct seq_file *m, void *v)
{
	struct klat_probe *p = m->private;
	struct klat_stats *st = klat_probe_snapshot(p);
	unsigned int i;
	u64 n = 0;

	if (!st)
		return -ENOMEM;
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		n += st->hist[i];
	seq_printf(m, "# klat histogram for %s: %llu calls\n", p->sym->name, n);
	seq_puts(m, "# low_ns high_ns count\n");
	for (i = 0; i < KLAT_HIST_BUCKETS; i++)
		if (st->hist[i])
			seq_printf(m, "%llu %llu %llu\n", klat_hist_low(i), klat_hist_high(i),
				   st->hist[i]);
	kfree(st);
	return 0;
}

static int klat_perrors_show(struct seq_file *m, void *v)
{
	struct klat_probe *p = m->private;
	struct klat_stats *st = klat_probe_snapshot(p);
	unsigned int i;

	if (!st)
		return -ENOMEM;
	seq_printf(m, "# klat errors for %s: %llu failing calls\n", p->sym->name, st->errors);
	seq_puts(m, "# errno name count\n");
	for (i = 1; i <= KLAT_ERRNO_MAX; i++) {
		const char *name = klat_errno_name(i);

		if (st->errnos[i])
			seq_printf(m, "%u %s %llu\n", i, name ? name : "-", st->errnos[i]);
	}
	if (st->errnos[0])
		seq_printf(m, "0 OTHER %llu\n", st->errnos[0]);
	kfree(st);
	return 0;
}

#define KLAT_PROBE_FOPS(name)							\
static int klat_##name##_open(struct inode *inode, struct file *file)		\
{										\
	return single_open(file, klat_##name##_show, inode->i_private);		\
}										\
static const struct file_operations klat_##name##_fops = {			\
	.owner = THIS_MODULE,							\
	.open = klat_##name##_open,						\
	.read = seq_read,							\
	.llseek = seq_lseek,							\
	.release = single_release,						\
}

KLAT_PROBE_FOPS(pstats);
KLAT_PROBE_FOPS(phist);
KLAT_PROBE_FOPS(perrors);

/* procs ----------------------------------------------------------------------- */

static int klat_pprocs_show(struct seq_file *m, void *v)
{
	struct klat_probe *p = m->private;
	struct klat_proc *rows;
	char comm[4 * KLAT_PROCS_COMM + 1];
	size_t i, n;

	if (READ_ONCE(p->procs_off) || !READ_ONCE(klat_procs_enable)) {
		seq_printf(m, "# klat procs: %s, off\n", p->sym->name);
		return 0;
	}
	rows = klat_probe_procs(p, &n);
	if (!rows)
		return -ENOMEM;
	seq_printf(m, "# klat procs: %s, %d slots per CPU, by total time\n", p->sym->name,
		   KLAT_PROCS_SLOTS);
	seq_puts(m, "# tgid comm calls errors total_ns max_ns avg_ns over_ns\n");
	for (i = 0; i < n; i++) {
		const struct klat_proc *r = &rows[i];

		/* an empty comm (prctl(PR_SET_NAME, "")) is its NUL, escaped: a field never empty */
		if (!klat_escape(comm, sizeof(comm), r->comm, strnlen(r->comm, KLAT_PROCS_COMM)))
			strscpy(comm, "\\000", sizeof(comm));
		seq_printf(m, "%u %s %llu %llu %llu %llu %llu %llu\n", r->tgid, comm, r->calls,
			   r->errors, r->total, r->max, div64_u64(r->total - r->over, r->calls),
			   r->over);
	}
	kvfree(rows);
	return 0;
}

static int klat_pprocs_open(struct inode *inode, struct file *file)
{
	return single_open(file, klat_pprocs_show, inode->i_private);
}

/* "0"/"off" or "1"/"on": this target's per-process figures. */
static ssize_t klat_pprocs_write(struct file *file, const char __user *ubuf, size_t count,
				 loff_t *ppos)
{
	struct klat_probe *p = ((struct seq_file *)file->private_data)->private;
	char buf[8];
	bool on;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (kstrtobool(strim(buf), &on))
		return -EINVAL;
	WRITE_ONCE(p->procs_off, !on);
	return count;
}

static const struct file_operations klat_pprocs_fops = {
	.owner = THIS_MODULE,
	.open = klat_pprocs_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = klat_pprocs_write,
};

/*
 * Make probes/SYMBOL for @p. Under klat_mutex. An error is not fatal: no files.
 * Before klat_probedir_init() (targets added at load) there is no directory
 * yet: klat_debugfs_init() makes them.
 */
struct dentry *klat_probedir_add(struct klat_probe *p)
{
	struct dentry *d;

	if (!klat_probes_dir)
		return NULL;
	d = debugfs_create_dir(p->sym->name, klat_probes_dir);
	if (IS_ERR(d))
		return NULL;
	debugfs_create_file("stats", 0400, d, p, &klat_pstats_fops);
	debugfs_create_file("hist", 0400, d, p, &klat_phist_fops);
	debugfs_create_file("errors", 0400, d, p, &klat_perrors_fops);
	debugfs_create_file("filter", 0600, d, p, &klat_filter_fops);
	debugfs_create_file("procs", 0600, d, p, &klat_pprocs_fops);
	return d;
}

/*
 * Remove probes/SYMBOL; returns once no one is inside one of its files.
 * Process context, no klat lock held (a reader stuck in a file would hold
 * up whoever waits here).
 */
void klat_probedir_del(struct klat_probe *p)
{
	debugfs_remove(p->dir);
	p->dir = NULL;
}

/*
 * Make probes/ in @parent. Under klat_mutex. An error is not fatal: no
 * directories for the probes.
 */
void klat_probedir_init(struct dentry *parent)
{
	klat_probes_dir = debugfs_create_dir("probes", parent);
	if (IS_ERR(klat_probes_dir))
		klat_probes_dir = NULL;
}

/* Forget probes/ once debugfs_remove() took it with its parent. Under klat_mutex. */
void klat_probedir_exit(void)
{
	klat_probes_dir = NULL;
}
