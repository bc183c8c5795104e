// SPDX-License-Identifier: GPL-2.0
/*
 * What klat knows about the kernel's functions by name, before it probes one.
 *
 * A kretprobe must only be armed where it cannot hurt. Modules export no way
 * to look a name up (kallsyms_lookup_name() is not exported) and the address
 * is known only once a probe is registered, which is too late: registering
 * already decodes the function to see whether the probe can be optimized,
 * and for a notrace function at the end of a module's text (an __exit
 * function) that decode runs into the guard page after it (6.4 and later).
 * So klat decides by name, from the kernel's own lists, and fails closed when
 * it cannot read them:
 *
 *  - /proc/kallsyms: every text symbol's name. A name missing there is
 *    unknown (ENOENT); a name the kernel has more than once is refused, since
 *    register_kretprobe() would silently probe the first of them (static
 *    functions such as name_show), as kprobe_events refuses it.
 *  - tracefs available_filter_functions: the functions ftrace can trace.
 *    Only these are probed (the rule kprobe_events applies through
 *    within_notrace_func()). With KPROBES_ON_FTRACE such a probe is
 *    ftrace-based and never optimized; notrace, __init and __exit code and
 *    ftrace's own functions are not in the list.
 *  - klat's own symbols (this module's symbol table, which during load also
 *    holds its init code): never probed.
 *
 * The lists are read at load, from insmod's context, and again after a
 * module comes or goes. A read that fails leaves klat refusing every new
 * target until a later read succeeds.
 */

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
#include "klat_parse.h"
#include "klat_kcompat.h"

#define KLAT_KSYM_DUP		0x1	/* more than one text symbol has this name */
#define KLAT_KSYM_TRACE		0x2	/* in available_filter_functions */

/*
 * The kernel's text symbol names, sorted and unique, with KLAT_KSYM_* flags.
 * @off and @flags have @n entries; @off indexes @pool. Replaced whole by
 * klat_ksyms_build() and searched under klat_ksyms_lock; NULL when the last
 * read failed.
 */
struct klat_ksyms {
	char *pool;
	u32 *off;
	u8 *flags;
	size_t n;
	u64 *other;		/* hashes of the names of other symbols (data), sorted */
	size_t nother;
};

/*
 * klat_ksyms_lock: swapping and searching klat_ksyms_cur; never held while a
 * list is read (a seq_file read takes its own locks, and debugfs readers take
 * klat_mutex under theirs). klat_ksyms_build_lock: one build at a time (two
 * concurrent builds once shared a sort context: an oops in strcmp <- sort).
 */
static DEFINE_MUTEX(klat_ksyms_lock);
static DEFINE_MUTEX(klat_ksyms_build_lock);
static struct klat_ksyms *klat_ksyms_cur;
/* Set by the module notifier (any context) when the symbol set changed. */
static atomic_t klat_ksyms_stale = ATOMIC_INIT(1);

static int klat_grow(void **p, size_t old, size_t new);

/* A growing array of names read from one list (temporary, or the pool of a klat_ksyms). */
struct klat_names {
	char *pool;
	size_t pool_len, pool_cap;
	u32 *off;
	size_t n, cap;
	u64 *other;		/* kallsyms only: hashes of the names of non-text symbols */
	size_t nother, other_cap;
	unsigned long addr[KLAT_KADDR_COUNT];	/* kallsyms only: see klat_kaddr_names */
	u64 *weak;		/* kallsyms only: hashes of vmlinux's weak __x64_sys_ names */
	size_t nweak, weak_cap;
};

/* The vmlinux data symbols whose addresses klat keeps (enum klat_kaddr). */
static const char * const klat_kaddr_names[KLAT_KADDR_COUNT] = {
	[KLAT_KADDR_SYS_CALL_TABLE] = "sys_call_table",
	[KLAT_KADDR_SYSCALLS_METADATA] = "syscalls_metadata",
};

/* Their addresses from the first read of kallsyms that had them; 0 if none (kptr_restrict). */
static unsigned long klat_kaddrs[KLAT_KADDR_COUNT];

/*
 * FNV-1a of a name. Only the names of data symbols are kept this way, to tell
 * "not a function" from "unknown": a collision changes an error message, never
 * what is probed.
 */
static u64 klat_name_hash(const char *s, size_t len)
{
	u64 h = 0xcbf29ce484222325ULL;

	while (len--)
		h = (h ^ (u8)*s++) * 0x100000001b3ULL;
	return h;
}

/* Append the hash of @s (@len bytes) to the growing array *@v (*@n of *@cap used). */
static int klat_hash_add(u64 **v, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (*n == *cap) {
		size_t c = max_t(size_t, *cap * 2, 1 << 12);

		if (klat_grow((void **)v, *n * sizeof(u64), c * sizeof(u64)))
			return -ENOMEM;
		*cap = c;
	}
	(*v)[(*n)++] = klat_name_hash(s, len);
	return 0;
}

static int klat_other_add(struct klat_names *nm, const char *s, size_t len)
{
	return klat_hash_add(&nm->other, &nm->nother, &nm->other_cap, s, len);
}

/*
 * The weak system call functions of vmlinux (type W or w): COND_SYSCALL's
 * ENOSYS stubs of the calls it is built without; a call that is built has a
 * strong function of that name instead. Kept from the first read only.
 */
static u64 *klat_ksyms_weak_v;
static size_t klat_ksyms_nweak;

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
	if (!len)
		return 0;
	if (nm->pool_len + len + 1 > nm->pool_cap) {
		size_t cap = max_t(size_t, nm->pool_cap * 2, 1 << 20);

		if (cap > U32_MAX || klat_grow((void **)&nm->pool, nm->pool_len, cap))
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

static void klat_names_free(struct klat_names *nm)
{
	kvfree(nm->pool);
	kvfree(nm->off);
	kvfree(nm->other);
	kvfree(nm->weak);
}

/* Keep the address @a (@alen hex digits) if @name (@len bytes) is one of klat_kaddr_names. */
static void klat_kaddr_line(struct klat_names *nm, const char *a, size_t alen,
			    const char *name, size_t len)
{
	char hex[2 * sizeof(long) + 1];
	unsigned long v;
	int i;

	for (i = 0; i < KLAT_KADDR_COUNT; i++) {
		if (strlen(klat_kaddr_names[i]) != len || memcmp(klat_kaddr_names[i], name, len))
			continue;
		if (alen >= sizeof(hex))
			return;
		memcpy(hex, a, alen);
		hex[alen] = '\0';
		if (!kstrtoul(hex, 16, &v))
			nm->addr[i] = v;
	}
}

/*
 * kallsyms: "ffffffff81000000 T name\t[module]". Text symbols (t, T, and W or w
 * for weak functions) are kept by name, the others by hash.
 */
static int klat_kallsyms_line(struct klat_names *nm, const char *l, size_t len)
{
	const char *sp = memchr(l, ' ', len), *name, *end;

	if (!sp || sp + 3 >= l + len || sp[2] != ' ')
		return 0;
	name = sp + 3;
	end = memchr(name, '\t', l + len - name);
	if (!end)
		end = l + len;
	if ((sp[1] == 'w' || sp[1] == 'W') && end == l + len && end - name > 10 &&
	    !memcmp(name, "__x64_sys_", 10) &&
	    klat_hash_add(&nm->weak, &nm->nweak, &nm->weak_cap, name, end - name))
		return -ENOMEM;
	if (strchr("tTwW", sp[1]))
		return klat_names_add(nm, name, end - name);
	if (end == l + len)	/* vmlinux's own: no "\t[module]" */
		klat_kaddr_line(nm, l, sp - l, name, end - name);
	return klat_other_add(nm, name, end - name);
}

/* available_filter_functions: "name" or "name [module]" (an empty line for a freed record). */
static int klat_ftrace_line(struct klat_names *nm, const char *l, size_t len)
{
	size_t i;

	for (i = 0; i < len && l[i] != ' ' && l[i] != '\t'; i++)
		;
	return klat_names_add(nm, l, i);
}

/*
 * Open @path (relative to /) as init (pid 1) sees it, as the writer may be
 * chrooted where there is no /proc; failing that, as the writer sees it.
 */
static struct file *klat_open_root(const char *path)
{
	struct pid *pid = find_get_pid(1);
	struct task_struct *init = pid ? get_pid_task(pid, PIDTYPE_PID) : NULL;
	struct file *f = ERR_PTR(-ESRCH);
	char abs[80];
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
		f = file_open_root(&root, path, O_RDONLY, 0);
		path_put(&root);
	}
	if (IS_ERR(f)) {
		snprintf(abs, sizeof(abs), "/%s", path);
		f = filp_open(abs, O_RDONLY, 0);
	}
	return f;
}

/*
 * Read @f to its end into @buf (@bufsz bytes at a time). A file with only
 * ->read_iter is read with kernel_read(); a seq_file with ->read (kallsyms and
 * tracefs on most kernels) cannot be given a kernel buffer, so it is read
 * through a scratch mapping in the caller's address space (the writing
 * process, or insmod at load) and copied. Each whole line goes to @line.
 */
static int klat_read_lines(struct file *f, char *buf, size_t bufsz, struct klat_names *nm,
			   int (*line)(struct klat_names *nm, const char *l, size_t len))
{
	unsigned long ubuf = 0;
	size_t have = 0;
	loff_t pos = 0;
	int ret = 0;

	if (!f->f_op->read) {
		if (!f->f_op->read_iter)
			return -EINVAL;
	} else {
		if (!current->mm)
			return -ESRCH;
		ubuf = vm_mmap(NULL, 0, bufsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       0);
		if (IS_ERR_VALUE(ubuf))
			return (int)ubuf;
	}
	for (;;) {
		char *l = buf, *nl;
		ssize_t r;

		if (ubuf) {
			r = f->f_op->read(f, (char __user *)ubuf, bufsz - have, &pos);
			if (r > 0 && copy_from_user(buf + have, (char __user *)ubuf, r))
				r = -EFAULT;
		} else {
			r = kernel_read(f, buf + have, bufsz - have, &pos);
		}
		if (r < 0) {
			ret = r;
			break;
		}
		have += r;
		while ((nl = memchr(l, '\n', buf + have - l))) {
			ret = line(nm, l, nl - l);
			if (ret)
				goto out;
			l = nl + 1;
		}
		have = buf + have - l;
		memmove(buf, l, have);
		if (!r)
			break;
		if (have == bufsz) {	/* a line longer than the buffer: not a list we know */
			ret = -EINVAL;
			break;
		}
		cond_resched();
	}
out:
	if (ubuf)
		vm_munmap(ubuf, bufsz);
	return ret;
}

/* Read the first of @paths that opens into @nm. */
static int klat_read_list(const char * const *paths, struct klat_names *nm,
			  int (*line)(struct klat_names *nm, const char *l, size_t len))
{
	const size_t bufsz = PAGE_SIZE * 4;
	struct file *f = ERR_PTR(-ENOENT);
	char *buf;
	int ret;

	for (; *paths && IS_ERR(f); paths++)
		f = klat_open_root(*paths);
	if (IS_ERR(f))
		return PTR_ERR(f);
	buf = kmalloc(bufsz, GFP_KERNEL);
	ret = buf ? klat_read_lines(f, buf, bufsz, nm, line) : -ENOMEM;
	kfree(buf);
	filp_close(f, NULL);
	return ret;
}

static int klat_off_cmp(const void *a, const void *b, const void *pool)
{
	return strcmp((const char *)pool + *(const u32 *)a, (const char *)pool + *(const u32 *)b);
}

static int klat_u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void klat_names_sort(struct klat_names *nm)
{
	sort_r(nm->off, nm->n, sizeof(nm->off[0]), klat_off_cmp, NULL, nm->pool);
	sort(nm->other, nm->nother, sizeof(nm->other[0]), klat_u64_cmp, NULL);
}

static void klat_ksyms_free(struct klat_ksyms *k)
{
	if (!k)
		return;
	kvfree(k->pool);
	kvfree(k->off);
	kvfree(k->flags);
	kvfree(k->other);
	kfree(k);
}

/* Turn the sorted text names @nm into a klat_ksyms (taking its memory): one entry per name. */
static struct klat_ksyms *klat_ksyms_from(struct klat_names *nm)
{
	struct klat_ksyms *k = kzalloc(sizeof(*k), GFP_KERNEL);
	size_t i, n = 0;

	if (!k)
		return NULL;
	k->flags = kvzalloc(max_t(size_t, nm->n, 1), GFP_KERNEL);
	if (!k->flags) {
		kfree(k);
		return NULL;
	}
	for (i = 0; i < nm->n; i++) {
		if (n && !strcmp(nm->pool + nm->off[n - 1], nm->pool + nm->off[i])) {
			k->flags[n - 1] |= KLAT_KSYM_DUP;
			continue;
		}
		nm->off[n++] = nm->off[i];
	}
	k->pool = nm->pool;
	k->off = nm->off;
	k->n = n;
	k->other = nm->other;
	k->nother = nm->nother;
	nm->pool = NULL;
	nm->off = NULL;
	nm->other = NULL;
	return k;
}

/* Mark the names of @k that are in the sorted list @tr as traceable. */
static void klat_ksyms_mark_traceable(struct klat_ksyms *k, const struct klat_names *tr)
{
	size_t i = 0, j = 0;

	while (i < k->n && j < tr->n) {
		int c = strcmp(k->pool + k->off[i], tr->pool + tr->off[j]);

		if (!c)
			k->flags[i] |= KLAT_KSYM_TRACE;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
}

static const char * const klat_kallsyms_paths[] = { "proc/kallsyms", NULL };
static const char * const klat_ftrace_paths[] = {
	"sys/kernel/tracing/available_filter_functions",
	"sys/kernel/debug/tracing/available_filter_functions",
	NULL
};

/*
 * Keep the addresses and weak names @nm found, the first time it found them
 * (vmlinux does not change); the weak names' memory is taken from @nm.
 */
static void klat_kaddrs_keep(struct klat_names *nm)
{
	int i;

	for (i = 0; i < KLAT_KADDR_COUNT; i++)
		if (!klat_kaddrs[i])
			klat_kaddrs[i] = nm->addr[i];
	if (!klat_ksyms_weak_v && nm->nweak) {
		sort(nm->weak, nm->nweak, sizeof(nm->weak[0]), klat_u64_cmp, NULL);
		klat_ksyms_weak_v = nm->weak;
		klat_ksyms_nweak = nm->nweak;
		nm->weak = NULL;
	}
}

/*
 * Is @name a weak function of vmlinux (an ENOSYS stub), as far as the first
 * read of kallsyms showed? Process context, after klat_ksyms_init().
 */
bool klat_ksyms_weak(const char *name)
{
	u64 h = klat_name_hash(name, strlen(name));

	return klat_ksyms_weak_v &&
	       bsearch(&h, klat_ksyms_weak_v, klat_ksyms_nweak, sizeof(h), klat_u64_cmp);
}

/*
 * The address of vmlinux data symbol @which, as kallsyms showed it, or 0 (not
 * read yet, not there, or hidden by kptr_restrict). Only an address to read
 * with copy_from_kernel_nofault(): kallsyms may be wrong about a symbol's type.
 */
unsigned long klat_ksyms_addr(enum klat_kaddr which)
{
	return which < KLAT_KADDR_COUNT ? READ_ONCE(klat_kaddrs[which]) : 0;
}

/*
 * Call @fn for each text symbol name starting with @prefix, in sorted order,
 * under klat_ksyms_lock (@fn must not call back into klat_ksyms). Process
 * context. Returns the number of names, or -EIO when the lists are not read.
 */
int klat_ksyms_each_prefix(const char *prefix, void (*fn)(const char *name, void *arg),
			   void *arg)
{
	size_t lo = 0, hi, plen = strlen(prefix);
	int n = 0;

	mutex_lock(&klat_ksyms_lock);
	if (!klat_ksyms_cur) {
		mutex_unlock(&klat_ksyms_lock);
		return -EIO;
	}
	hi = klat_ksyms_cur->n;
	while (lo < hi) {	/* the first name not below @prefix */
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(klat_ksyms_cur->pool + klat_ksyms_cur->off[mid], prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < klat_ksyms_cur->n; lo++, n++) {
		const char *name = klat_ksyms_cur->pool + klat_ksyms_cur->off[lo];

		if (strncmp(name, prefix, plen))
			break;
		fn(name, arg);
	}
	mutex_unlock(&klat_ksyms_lock);
	return n;
}

/*
 * Read both lists and put the result in force (or NULL, if a read failed).
 * Process context, no klat lock held; under klat_ksyms_build_lock.
 */
static int klat_ksyms_build(void)
{
	struct klat_names all = { }, tr = { };
	struct klat_ksyms *k = NULL, *old;
	int ret;

	lockdep_assert_held(&klat_ksyms_build_lock);
	atomic_set(&klat_ksyms_stale, 0);
	ret = klat_read_list(klat_kallsyms_paths, &all, klat_kallsyms_line);
	if (ret) {
		pr_warn("cannot read /proc/kallsyms (%pe): no new targets until it can be read\n",
			ERR_PTR(ret));
		goto out;
	}
	if (IS_ENABLED(CONFIG_KPROBES_ON_FTRACE)) {
		ret = klat_read_list(klat_ftrace_paths, &tr, klat_ftrace_line);
		if (ret) {
			pr_warn("cannot read available_filter_functions (%pe; is tracefs mounted?): no new targets until it can be read\n",
				ERR_PTR(ret));
			goto out;
		}
	}
	klat_names_sort(&all);
	klat_names_sort(&tr);
	ret = -ENOMEM;
	k = klat_ksyms_from(&all);
	if (!k)
		goto out;
	klat_ksyms_mark_traceable(k, &tr);
	klat_kaddrs_keep(&all);
	ret = 0;
out:
	if (ret)
		atomic_set(&klat_ksyms_stale, 1);
	mutex_lock(&klat_ksyms_lock);
	old = klat_ksyms_cur;
	klat_ksyms_cur = k;
	mutex_unlock(&klat_ksyms_lock);
	klat_ksyms_free(old);
	klat_names_free(&all);
	klat_names_free(&tr);
	return ret;
}

/*
 * Read the lists again if a module came or went since they were read (or the
 * last read failed). Process context; call without klat_mutex.
 */
void klat_ksyms_refresh(void)
{
	if (!atomic_read(&klat_ksyms_stale))
		return;
	mutex_lock(&klat_ksyms_build_lock);
	if (atomic_read(&klat_ksyms_stale))
		klat_ksyms_build();
	mutex_unlock(&klat_ksyms_build_lock);
}

/* Did a module come or go since the lists in force were read (or did the read fail)? */
bool klat_ksyms_outdated(void)
{
	return atomic_read(&klat_ksyms_stale);
}

/* Is @name one of this module's symbols (init code too, while it loads)? */
static bool klat_ksyms_own(const char *name)
{
#ifdef CONFIG_KALLSYMS
	const struct mod_kallsyms *ks;
	bool own = false;
	unsigned int i;

	preempt_disable();
	ks = rcu_dereference_sched(THIS_MODULE->kallsyms);
	for (i = 0; ks && i < ks->num_symtab && !own; i++)
		own = !strcmp(ks->strtab + ks->symtab[i].st_name, name);
	preempt_enable();
	return own;
#else
	return false;
#endif
}

/*
 * May klat probe the function @name? KLAT_E_OK, or the KLAT_E_* code that
 * says why not. Process context.
 */
int klat_ksyms_check(const char *name)
{
	size_t lo = 0, hi;
	int code = KLAT_E_NO_SYMBOL;
	u8 flags = 0;

	if (klat_ksyms_own(name))
		return KLAT_E_SELF;
	if (!IS_ENABLED(CONFIG_KPROBES_ON_FTRACE))
		return KLAT_E_NOTRACE;
	mutex_lock(&klat_ksyms_lock);
	/* a module came or went since the lists were read: they may lie about @name */
	if (!klat_ksyms_cur || klat_ksyms_outdated()) {
		mutex_unlock(&klat_ksyms_lock);
		return KLAT_E_KSYMS;
	}
	hi = klat_ksyms_cur->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, klat_ksyms_cur->pool + klat_ksyms_cur->off[mid]);

		if (!c) {
			flags = klat_ksyms_cur->flags[mid];
			code = KLAT_E_OK;
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (code) {
		u64 h = klat_name_hash(name, strlen(name));

		if (bsearch(&h, klat_ksyms_cur->other, klat_ksyms_cur->nother, sizeof(h),
			    klat_u64_cmp))
			code = KLAT_E_NOT_FUNC;
	}
	mutex_unlock(&klat_ksyms_lock);
	if (code)
		return code;
	if (flags & KLAT_KSYM_DUP)
		return KLAT_E_AMBIGUOUS;
	if (!(flags & KLAT_KSYM_TRACE))
		return KLAT_E_NOTRACE;
	return KLAT_E_OK;
}

static int klat_module_event(struct notifier_block *nb, unsigned long action, void *data)
{
	if (action == MODULE_STATE_COMING || action == MODULE_STATE_LIVE ||
	    action == MODULE_STATE_GOING)
		atomic_set(&klat_ksyms_stale, 1);
	return NOTIFY_DONE;
}

static struct notifier_block klat_module_nb = {
	.notifier_call = klat_module_event,
};

/*
 * Read the lists at load, from insmod's context, so a later writer that cannot
 * see /proc (a chroot) still has them. A failed read is not fatal: targets are
 * refused until a read succeeds.
 */
int klat_ksyms_init(void)
{
	int ret;

	ret = register_module_notifier(&klat_module_nb);
	if (ret)
		return ret;
	mutex_lock(&klat_ksyms_build_lock);
	klat_ksyms_build();
	mutex_unlock(&klat_ksyms_build_lock);
	return 0;
}

void klat_ksyms_exit(void)
{
	kvfree(klat_ksyms_weak_v);
	klat_ksyms_weak_v = NULL;
	unregister_module_notifier(&klat_module_nb);
	klat_ksyms_free(klat_ksyms_cur);
	klat_ksyms_cur = NULL;
}
