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
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include "klat_debugfs.h"
#include "klat_errlog.h"
#include "klat_errno.h"
#include "klat_ksyms.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_probedir.h"
#include "klat_systab.h"
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
		seq_puts(m, "# symbol state maxactive syscall\n");
		return 0;
	}
	p = list_entry(v, struct klat_probe, list);
	seq_printf(m, "%s %s %d %s\n", p->sym->name, klat_probe_gone(p) ? "gone" : "active",
		   p->rp.maxactive, p->se ? p->se->name : "-");
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
 * The key user addresses are hashed with: chosen at load, so one address
 * shows as the same 16 hex digits (an mmap's result and the munmap of it)
 * until klat is reloaded. Not %p's key: %p shows "(____ptrval____)" until the
 * kernel's random pool is ready, which can be long after boot in a VM.
 */
static siphash_key_t klat_ptr_key __read_mostly;

/* 32 bits of it, as %p shows: "00000000" and eight hex digits, never "ffff..." */
static u64 klat_ptr_hash(u64 v)
{
	return (u32)siphash_1u64(v, &klat_ptr_key);
}

/*
 * A raw value that may be a kernel address: above user space and not an errno.
 * Shown hashed (%p), as the kernel shows pointers to users.
 */
static bool klat_kernel_addr(u64 v)
{
	return v >= TASK_SIZE_MAX && v < (u64)-4095;
}

/*
 * "ret=-97(EAFNOSUPPORT)" for errors, "ret=3" otherwise; a kernel address, or
 * the user address a system call such as mmap returns, hashed.
 */
static void klat_show_ret(struct seq_file *m, u64 raw, const struct klat_sysent *se)
{
	s64 ret = klat_ret_value(raw);
	const char *name = klat_ret_is_err(ret) ? klat_errno_name((int)-ret) : NULL;

	if (name)
		seq_printf(m, " ret=%lld(%s)", ret, name);
	else if (se && se->ret_ptr && raw)	/* mmap's address: as its munmap shows it */
		seq_printf(m, " ret=%016llx", klat_ptr_hash(raw));
	else if (klat_kernel_addr(raw))
		seq_printf(m, " ret=%p", (void *)(unsigned long)raw);
	else
		seq_printf(m, " ret=%lld", ret);
}

/* A user address in a system call's arguments: hashed. */
static void klat_put_hashed(struct klat_buf *o, u64 v)
{
	char tmp[20];

	snprintf(tmp, sizeof(tmp), "%016llx", klat_ptr_hash(v));
	klat_buf_puts(o, tmp);
}

/*
 * A system call's arguments decoded (targets/klat_syscalls.c); another
 * function's first three raw, in hex, kernel addresses hashed.
 */
static void klat_show_args(struct seq_file *m, const struct klat_event *e,
			   const struct klat_sysent *se, char *buf, size_t size)
{
	int i;

	if (se) {
		if (klat_sysent_format(se, e->args, e->str, e->str_len, klat_put_hashed,
				       buf, size) >= size)
			strscpy(buf + size - 4, "...", 4);	/* cut: never seen, but say so */
		seq_puts(m, buf);
		return;
	}
	for (i = 0; i < 3; i++) {
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
	const struct klat_sysent *se;
	char buf[128];

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "# klat log: capacity %u events, %u shown, %llu dropped\n",
			   s->capacity, s->count, s->dropped);
		seq_puts(m, "# seq= ts_ns= cpu= pid= tgid= comm= target= ret= lat_ns= args=\n");
		return 0;
	}
	/* the call the name was last probed as: may change under us, to another valid one */
	se = READ_ONCE(e->sym->se);
	klat_escape(buf, sizeof(buf), e->comm, strnlen(e->comm, sizeof(e->comm)));
	seq_printf(m, "seq=%llu ts_ns=%llu cpu=%u pid=%u tgid=%u comm=%s target=%s",
		   e->seq, e->ts, e->cpu, e->pid, e->tgid, buf, e->sym->name);
	klat_show_ret(m, e->ret, se);
	seq_printf(m, " lat_ns=%llu args=", e->lat);
	klat_show_args(m, e, se, s->text, sizeof(s->text));
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

/* syscalls ------------------------------------------------------------------ */

/* The table is fixed from load to unload (klat_systab.c): no lock. */
static void *klat_sys_start(struct seq_file *m, loff_t *pos)
{
	if (!*pos)
		return SEQ_START_TOKEN;
	return (void *)klat_systab_get(*pos - 1);
}

static void *klat_sys_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return klat_sys_start(m, pos);
}

/*
 * The function syscall:NAME probes: the first of its candidates klat may
 * probe, else the last; *@code says whether klat may probe it (KLAT_E_*).
 */
static const char *klat_sys_symbol(const struct klat_sysent *se, int *code)
{
	const char *syms[KLAT_SYSTAB_CANDS];
	int i, n = klat_systab_candidates(se, syms);

	for (i = 0; i < n; i++) {
		*code = klat_ksyms_check(syms[i]);
		if (*code == KLAT_E_OK)
			return syms[i];
	}
	return syms[n - 1];
}

/* The syscalls file's state column: may syscall:NAME be added, and if not, why. */
static const char *klat_sys_state(int code)
{
	switch (code) {
	case KLAT_E_OK:
		return "ok";
	case KLAT_E_NOTRACE:
		return "notrace";
	case KLAT_E_AMBIGUOUS:
		return "ambiguous";
	case KLAT_E_NO_SYMBOL:
		return "nosymbol";
	case KLAT_E_KSYMS:
		return "unknown";
	default:
		return "refused";
	}
}

static int klat_sys_show(struct seq_file *m, void *v)
{
	const struct klat_sysent *se = v;
	const char *sym;
	int i, code;

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "# klat syscalls: %u\n", klat_systab_count());
		seq_puts(m, "# nr name symbol args state\n");
		return 0;
	}
	if (se->nr >= 0)
		seq_printf(m, "%d ", se->nr);
	else
		seq_puts(m, "- ");
	sym = klat_sys_symbol(se, &code);
	seq_printf(m, "%s %s ", se->name, sym);
	if (!se->meta)
		seq_putc(m, '?');
	else if (!se->nargs)
		seq_putc(m, '-');
	for (i = 0; se->meta && i < se->nargs; i++)
		seq_printf(m, "%s%s", i ? "," : "", se->argname[i]);
	seq_printf(m, " %s\n", klat_sys_state(code));
	return 0;
}

static const struct seq_operations klat_sys_sops = {
	.start = klat_sys_start,
	.next = klat_sys_next,
	.stop = klat_log_stop,
	.show = klat_sys_show,
};

static int klat_sys_open(struct inode *inode, struct file *file)
{
	klat_ksyms_refresh();	/* klat_sys_symbol() checks names against the lists */
	return seq_open(file, &klat_sys_sops);
}

static const struct file_operations klat_sys_fops = {
	.owner = THIS_MODULE,
	.open = klat_sys_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/* reset, error_log, filter ---------------------------------------------------- */

/*
 * Text that resets everything: nothing but blanks, or a number first (the
 * "echo 1 > reset" of before targets could be named; no name starts with one).
 */
static bool klat_reset_all(const char *buf, size_t count)
{
	size_t i;

	for (i = 0; i < count && isspace(buf[i]); i++)
		;
	return i == count || isdigit(buf[i]);
}

/*
 * Zero every target's figures and empty the log; or, given target names one
 * per line, zero those targets' figures only (all or nothing).
 */
static ssize_t klat_reset_write(struct file *file, const char __user *ubuf, size_t count,
				loff_t *ppos)
{
	ssize_t ret;
	char *buf;

	ret = klat_write_copy(ubuf, count, "reset", &buf);
	if (ret)
		return ret;
	if (klat_reset_all(buf, count))
		ret = klat_target_reset();
	else
		ret = klat_target_reset_names("reset", buf, count);
	kfree(buf);
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
	get_random_bytes(&klat_ptr_key, sizeof(klat_ptr_key));
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
	debugfs_create_file("syscalls", 0400, klat_dir, NULL, &klat_sys_fops);
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
