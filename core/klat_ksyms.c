// SPDX-License-Identifier: GPL-2.0
/*
 * Which function names the kernel has more than once.
 *
 * register_kretprobe() silently probes the first of several functions with one
 * name (static functions such as name_show); klat refuses such names, as
 * kprobe_events does, rather than time a function the user did not mean.
 * Modules export no way to walk kallsyms, so the set of duplicated text symbol
 * names is read from /proc/kallsyms once, kept sorted, and read again after a
 * module comes or goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bsearch.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "klat_ksyms.h"
#include "klat_probe.h"
#include "klat_kcompat.h"

/*
 * Sorted duplicated names, one kvmalloc'd block. Swapped and searched under
 * klat_ksyms_lock, which is never held while kallsyms is read (a seq_file
 * read takes its own lock, and debugfs readers take klat_mutex under theirs).
 */
static DEFINE_MUTEX(klat_ksyms_lock);
static const char **klat_dups;
static size_t klat_ndups;
/* Set by the module notifier (any context) when the symbol set changed. */
static atomic_t klat_dups_stale = ATOMIC_INIT(1);

/* A growing array of names read from kallsyms (temporary). */
struct klat_names {
	char *pool;
	size_t pool_len, pool_cap;
	size_t *off;
	size_t n, cap;
};

/* Grow *@p from @old to @new bytes (kvrealloc()'s signature differs across kernels). */
static int klat_grow(void **p, size_t old, size_t new)
{
	void *n = kvmalloc(new, GFP_KERNEL);

	if (!n)
		return -ENOMEM;
	if (*p)
		memcpy(n, *p, old);
	kvfree(*p);
	*p = n;
	return 0;
}

static int klat_names_add(struct klat_names *nm, const char *s, size_t len)
{
	if (nm->pool_len + len + 1 > nm->pool_cap) {
		size_t cap = max_t(size_t, nm->pool_cap * 2, 1 << 20);

		if (klat_grow((void **)&nm->pool, nm->pool_len, cap))
			return -ENOMEM;
		nm->pool_cap = cap;
	}
	if (nm->n == nm->cap) {
		size_t cap = max_t(size_t, nm->cap * 2, 1 << 14);

		if (klat_grow((void **)&nm->off, nm->n * sizeof(*nm->off), cap * sizeof(*nm->off)))
			return -ENOMEM;
		nm->cap = cap;
	}
	memcpy(nm->pool + nm->pool_len, s, len);
	nm->pool[nm->pool_len + len] = '\0';
	nm->off[nm->n++] = nm->pool_len;
	nm->pool_len += len + 1;
	return 0;
}

/* "ffffffff81000000 T name\t[module]": keep text symbols' names. */
static int klat_names_line(struct klat_names *nm, const char *l, size_t len)
{
	const char *sp = memchr(l, ' ', len), *name, *end;

	if (!sp || sp + 3 >= l + len || (sp[1] != 't' && sp[1] != 'T') || sp[2] != ' ')
		return 0;
	name = sp + 3;
	end = memchr(name, '\t', l + len - name);
	return klat_names_add(nm, name, (end ? end : l + len) - name);
}

/*
 * /proc/kallsyms as init (pid 1) sees it, as the writer may be chrooted where
 * there is no /proc; failing that, as the writer sees it.
 */
static struct file *klat_open_kallsyms(void)
{
	struct pid *pid = find_get_pid(1);
	struct task_struct *init = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	struct file *f = ERR_PTR(-ESRCH);
	struct path root;
	bool have_root = false;

	put_pid(pid);
	if (init) {
		task_lock(init);
		if (init->fs) {
			get_fs_root(init->fs, &root);
			have_root = true;
		}
		task_unlock(init);
		put_task_struct(init);
	}
	if (have_root) {
		f = file_open_root(&root, "proc/kallsyms", O_RDONLY, 0);
		path_put(&root);
	}
	if (IS_ERR(f))
		f = filp_open("/proc/kallsyms", O_RDONLY, 0);
	return f;
}

/*
 * Read /proc/kallsyms. Its proc_ops have ->proc_read only, which kernel_read()
 * refuses, so read it through a scratch mapping in the caller's address space
 * (the writing process, or insmod at load).
 */
static int klat_read_kallsyms(struct klat_names *nm)
{
	const size_t bufsz = PAGE_SIZE * 4;
	unsigned long ubuf;
	struct file *f;
	size_t have = 0;
	loff_t pos = 0;
	char *buf;
	int ret = 0;

	if (!current->mm)
		return -ESRCH;
	f = klat_open_kallsyms();
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = -EINVAL;
	if (!f->f_op->read)
		goto out;
	ret = -ENOMEM;
	buf = kmalloc(bufsz, GFP_KERNEL);
	if (!buf)
		goto out;
	ubuf = vm_mmap(NULL, 0, bufsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(ubuf)) {
		ret = (int)ubuf;
		goto out_free;
	}
	ret = 0;
	for (;;) {
		ssize_t r = f->f_op->read(f, (char __user *)ubuf, bufsz - have, &pos);
		char *l = buf, *nl;

		if (r < 0) {
			ret = r;
			break;
		}
		if (copy_from_user(buf + have, (char __user *)ubuf, r)) {
			ret = -EFAULT;
			break;
		}
		have += r;
		while ((nl = memchr(l, '\n', buf + have - l))) {
			ret = klat_names_line(nm, l, nl - l);
			if (ret)
				goto out_unmap;
			l = nl + 1;
		}
		have = buf + have - l;
		memmove(buf, l, have);
		if (!r || have == bufsz)	/* end, or a line longer than the buffer */
			break;
		cond_resched();
	}
out_unmap:
	vm_munmap(ubuf, bufsz);
out_free:
	kfree(buf);
out:
	filp_close(f, NULL);
	return ret;
}

static const char *klat_names_pool;

static int klat_off_cmp(const void *a, const void *b)
{
	return strcmp(klat_names_pool + *(const size_t *)a, klat_names_pool + *(const size_t *)b);
}

static int klat_str_cmp(const void *key, const void *elt)
{
	return strcmp(key, *(const char * const *)elt);
}

/* Rebuild klat_dups from kallsyms. Process context, no klat lock held. */
static int klat_dups_build(void)
{
	const char **old;
	struct klat_names nm = { };
	size_t i, n = 0, bytes = 0;
	const char **d;
	char *p;
	int ret;

	atomic_set(&klat_dups_stale, 0);
	ret = klat_read_kallsyms(&nm);
	if (ret)
		goto out;
	klat_names_pool = nm.pool;
	sort(nm.off, nm.n, sizeof(nm.off[0]), klat_off_cmp, NULL);
	/* count each duplicated name once */
	for (i = 1; i < nm.n; i++) {
		const char *a = nm.pool + nm.off[i - 1], *b = nm.pool + nm.off[i];

		if (!strcmp(a, b) && (i < 2 || strcmp(nm.pool + nm.off[i - 2], a))) {
			n++;
			bytes += strlen(a) + 1;
		}
	}
	d = kvmalloc(n * sizeof(*d) + bytes, GFP_KERNEL);
	if (!d && n) {
		ret = -ENOMEM;
		goto out;
	}
	p = (char *)(d + n);
	for (i = 1, n = 0; i < nm.n; i++) {
		const char *a = nm.pool + nm.off[i - 1], *b = nm.pool + nm.off[i];

		if (!strcmp(a, b) && (i < 2 || strcmp(nm.pool + nm.off[i - 2], a))) {
			d[n++] = p;
			strcpy(p, a);
			p += strlen(a) + 1;
		}
	}
	mutex_lock(&klat_ksyms_lock);
	old = klat_dups;
	klat_dups = d;
	klat_ndups = n;
	mutex_unlock(&klat_ksyms_lock);
	kvfree(old);
out:
	if (ret)
		atomic_set(&klat_dups_stale, 1);
	klat_names_pool = NULL;
	kvfree(nm.pool);
	kvfree(nm.off);
	return ret;
}

/*
 * Read the names again if a module came or went since they were read. Process
 * context; call without klat_mutex. A failed read keeps the old names.
 */
void klat_ksyms_refresh(void)
{
	int ret;

	if (!atomic_read(&klat_dups_stale))
		return;
	ret = klat_dups_build();
	if (ret)
		pr_warn_once("cannot read /proc/kallsyms (%pe): names of new modules not checked for duplicates\n",
			     ERR_PTR(ret));
}

/* Does the kernel have more than one function named @name? */
bool klat_ksyms_ambiguous(const char *name)
{
	bool ret;

	mutex_lock(&klat_ksyms_lock);
	ret = klat_dups && bsearch(name, klat_dups, klat_ndups, sizeof(*klat_dups), klat_str_cmp);
	mutex_unlock(&klat_ksyms_lock);
	return ret;
}

static int klat_module_event(struct notifier_block *nb, unsigned long action, void *data)
{
	if (action == MODULE_STATE_LIVE || action == MODULE_STATE_GOING)
		atomic_set(&klat_dups_stale, 1);
	return NOTIFY_DONE;
}

static struct notifier_block klat_module_nb = {
	.notifier_call = klat_module_event,
};

/*
 * Read the names at load, from insmod's context, so a later writer that cannot
 * see /proc (a chroot) still has them; a failed re-read keeps the old set.
 */
int klat_ksyms_init(void)
{
	int ret;

	ret = klat_dups_build();
	if (ret)
		pr_warn("cannot read /proc/kallsyms at load (%pe); will try again\n", ERR_PTR(ret));
	return register_module_notifier(&klat_module_nb);
}

void klat_ksyms_exit(void)
{
	unregister_module_notifier(&klat_module_nb);
	kvfree(klat_dups);
	klat_dups = NULL;
}
