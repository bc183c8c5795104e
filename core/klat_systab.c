// SPDX-License-Identifier: GPL-2.0
/*
 * klat's table of system calls: every x86_64 system call of the running
 * kernel, found at load from the kernel itself, with the names and types of
 * its arguments turned into decoders (targets/klat_syscalls.c).
 *
 *  - sys_call_table[nr] (its address from kallsyms) gives each call's
 *    function, __x64_sys_KNAME; a slot holding the ni_syscall stub is no call.
 *  - syscalls_metadata[nr] (CONFIG_FTRACE_SYSCALLS; the kernel fills it at
 *    boot from the same table) gives the arguments' names and types.
 *  - Without the table's address (kptr_restrict=2 hides every address) the
 *    __x64_sys_* functions in kallsyms are the calls: no numbers, and six
 *    arguments shown raw.
 *
 * Every read of kernel memory at an address from kallsyms goes through
 * copy_from_kernel_nofault(): such an address is trusted to be readable or
 * not, never to be right. A table that does not look like one (too few
 * calls) is dropped for the kallsyms names.
 *
 * Built once by klat_systab_init() and not changed until klat_systab_exit():
 * probe handlers and log readers use the entries without a lock.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/unistd.h>
#ifdef CONFIG_FTRACE_SYSCALLS
#include <trace/syscall.h>
#endif
#include "klat_ksyms.h"
#include "klat_parse.h"
#include "klat_sysargs.h"
#include "klat_systab.h"

#define KLAT_WRAPPER_PREFIX	"__x64_sys_"
#define KLAT_TYPE_LEN		KLAT_SC_TYPE	/* bytes of an argument's type string kept */
#define KLAT_SYSTAB_MIN		100	/* fewer calls than this: not the table */
#define KLAT_SYSTAB_MAX		1024	/* kallsyms fallback: at most this many */

struct klat_systab_ent {
	struct klat_sysent se;
	/*
	 * The function the table points at: __x64_sys_KNAME, or for a call
	 * without arguments (SYSCALL_DEFINE0: __x64_sys_, __ia32_sys_ and
	 * __do_sys_KNAME are one function) the name kallsyms and ftrace give it.
	 */
	char wrapper[KLAT_SC_NAME + 12];
};

/* The names a system call's function has in the table, by prefix. */
static const char * const klat_sys_prefixes[] = {
	KLAT_WRAPPER_PREFIX, "__ia32_sys_", "__do_sys_",
};

/* @sym less its klat_sys_prefixes[] prefix, or NULL if it has none. */
static const char *klat_sys_kname(const char *sym)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(klat_sys_prefixes); i++) {
		n = strlen(klat_sys_prefixes[i]);
		if (!strncmp(sym, klat_sys_prefixes[i], n))
			return sym + n;
	}
	return NULL;
}

static struct klat_systab_ent *klat_systab;	/* @klat_systab_n entries, by nr */
static unsigned int klat_systab_n, klat_systab_cap;
static bool klat_systab_table;			/* found through sys_call_table */

unsigned int klat_systab_count(void)
{
	return klat_systab_n;
}

const struct klat_sysent *klat_systab_get(unsigned int i)
{
	return i < klat_systab_n ? &klat_systab[i].se : NULL;
}

bool klat_systab_from_table(void)
{
	return klat_systab_table;
}

const char *klat_systab_wrapper(const struct klat_sysent *se)
{
	return container_of(se, struct klat_systab_ent, se)->wrapper;
}

static bool klat_name_is(const char *s, const char *name, size_t len)
{
	return strlen(s) == len && !memcmp(s, name, len);
}

/* The call named @name (@len bytes): the name users know, or the kernel's. */
const struct klat_sysent *klat_systab_find(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < klat_systab_n; i++)
		if (klat_name_is(klat_systab[i].se.name, name, len))
			return &klat_systab[i].se;
	for (i = 0; i < klat_systab_n; i++)
		if (klat_name_is(klat_systab[i].se.kname, name, len))
			return &klat_systab[i].se;
	return NULL;
}

/*
 * The functions @se can be probed at, best first, into @syms (at most
 * KLAT_SYSTAB_CANDS): its inner functions, then its __x64_sys_ wrapper.
 * Returns how many.
 */
int klat_systab_candidates(const struct klat_sysent *se, const char **syms)
{
	const char *const *in = klat_syscall_inner(se->kname, strlen(se->kname));
	int n = 0;

	for (; in && *in && n < KLAT_SYSTAB_CANDS - 1; in++)
		syms[n++] = *in;
	syms[n++] = klat_systab_wrapper(se);
	return n;
}

/*
 * The call whose wrapper (*@wrapper set) or inner function is @sym, or NULL.
 * Two calls sharing an inner function (accept, accept4): the first by number.
 */
const struct klat_sysent *klat_systab_by_symbol(const char *sym, bool *wrapper)
{
	const char *cands[KLAT_SYSTAB_CANDS];
	unsigned int i;
	int j, n;

	*wrapper = false;
	for (i = 0; i < klat_systab_n; i++) {
		n = klat_systab_candidates(&klat_systab[i].se, cands);
		for (j = 0; j < n; j++) {
			if (strcmp(cands[j], sym))
				continue;
			*wrapper = j == n - 1;
			return &klat_systab[i].se;
		}
	}
	return NULL;
}

/*
 * A new entry for the function @sym, number @nr, no arguments yet; NULL if
 * full or taken.
 */
static struct klat_sysent *klat_systab_add(const char *sym, int nr)
{
	const char *kname = klat_sys_kname(sym);
	struct klat_systab_ent *e;

	if (!kname || klat_systab_n == klat_systab_cap || strlen(sym) >= sizeof(e->wrapper) ||
	    strlen(kname) >= KLAT_SC_NAME || klat_systab_find(kname, strlen(kname)))
		return NULL;
	e = &klat_systab[klat_systab_n++];
	memset(e, 0, sizeof(*e));
	strscpy(e->se.kname, kname, sizeof(e->se.kname));
	strscpy(e->se.name, klat_syscall_name(kname), sizeof(e->se.name));
	strscpy(e->wrapper, sym, sizeof(e->wrapper));
	e->se.nr = nr;
	e->se.str = -1;
	return &e->se;
}

#ifdef CONFIG_FTRACE_SYSCALLS
/*
 * Copy the kernel string at @src into @dst (@size bytes, cut and NUL
 * terminated there) a byte at a time, without faulting
 * (strncpy_from_kernel_nofault() is not exported). Init only: a few
 * thousand bytes. The length, or -EFAULT.
 */
static int klat_strncpy_kernel(char *dst, const char *src, int size)
{
	int i;

	for (i = 0; i < size - 1; i++) {
		if (copy_from_kernel_nofault(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	dst[i] = '\0';
	return i;
}

/*
 * Argument names of call @nr from the kernel's metadata (syscalls_metadata at
 * @metap) into @se, their types into @types. False if there is none or it
 * does not look right (its name is not sys_KNAME).
 */
static bool klat_systab_meta(struct klat_sysent *se, unsigned long metap, int nr,
			     char types[][KLAT_TYPE_LEN])
{
	struct syscall_metadata *const *arr, *mp;
	const char *tp[KLAT_SC_ARGS], *ap[KLAT_SC_ARGS];
	struct syscall_metadata m;
	char name[KLAT_SC_NAME + 4];
	int i, n;

	if (!metap || copy_from_kernel_nofault(&arr, (void *)metap, sizeof(arr)) || !arr ||
	    copy_from_kernel_nofault(&mp, arr + nr, sizeof(mp)) || !mp ||
	    copy_from_kernel_nofault(&m, mp, sizeof(m)))
		return false;
	n = m.nb_args;
	if (n < 0 || n > KLAT_SC_ARGS ||
	    klat_strncpy_kernel(name, m.name, sizeof(name)) <= 0 ||
	    strncmp(name, "sys_", 4) || strcmp(name + 4, se->kname))
		return false;
	if (n && (copy_from_kernel_nofault(tp, m.types, n * sizeof(tp[0])) ||
		  copy_from_kernel_nofault(ap, m.args, n * sizeof(ap[0]))))
		return false;
	for (i = 0; i < n; i++)
		if (klat_strncpy_kernel(se->argname[i], ap[i], KLAT_SC_NAME) <= 0 ||
		    klat_strncpy_kernel(types[i], tp[i], KLAT_TYPE_LEN) <= 0)
			return false;
	se->nargs = n;
	return true;
}
#else
static bool klat_systab_meta(struct klat_sysent *se, unsigned long metap, int nr,
			     char types[][KLAT_TYPE_LEN])
{
	return false;
}
#endif

/* Is the kernel's syscalls_metadata array at @metap there to be read? */
static bool klat_systab_have_meta(unsigned long metap)
{
	void *arr = NULL;

	return IS_ENABLED(CONFIG_FTRACE_SYSCALLS) && metap &&
	       !copy_from_kernel_nofault(&arr, (void *)metap, sizeof(arr)) && arr;
}

/*
 * Give @se its decoders: from the metadata of call @nr if the kernel has
 * any (@have_meta), else from klat's table of the x86_64 calls' arguments
 * (CONFIG_FTRACE_SYSCALLS off), else raw. True if the kernel's metadata had it.
 */
static bool klat_systab_classify(struct klat_sysent *se, unsigned long metap, bool have_meta,
				 int nr)
{
	static char types[KLAT_SC_ARGS][KLAT_TYPE_LEN];	/* init only: one caller at a time */
	const char *tps[KLAT_SC_ARGS] = { };
	bool meta = have_meta && nr >= 0 && klat_systab_meta(se, metap, nr, types);
	int i;

	if (meta || (!have_meta && klat_sysargs_fill(se, types[0]))) {
		for (i = 0; i < se->nargs; i++)
			tps[i] = types[i];
		se->meta = true;
		klat_sysent_classify(se, tps);
		return meta;
	}
	se->nargs = 0;
	memset(se->argname, 0, sizeof(se->argname));
	klat_sysent_classify(se, NULL);
	return false;
}

/* Read sys_call_table at @table. Returns the number of calls found. */
static int klat_systab_read_table(unsigned long table, unsigned long metap)
{
	char *sym = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
	bool have_meta = klat_systab_have_meta(metap);
	int nr;

	if (!sym)
		return -ENOMEM;
	for (nr = 0; nr < NR_syscalls; nr++) {
		const char *kname;
		struct klat_sysent *se;
		unsigned long fn;

		if (copy_from_kernel_nofault(&fn, (void *)(table + nr * sizeof(fn)), sizeof(fn)))
			break;
		sprint_symbol_no_offset(sym, fn);
		kname = klat_sys_kname(sym);
		/*
		 * A module's function ("name [mod]"), anything but a call's, the
		 * ni_syscall stub, or the weak ENOSYS stub of a call the kernel
		 * is built without: not a call.
		 */
		if (!kname || strchr(sym, ' ') || !strcmp(kname, "ni_syscall") ||
		    klat_ksyms_weak(sym))
			continue;
		se = klat_systab_add(sym, nr);
		/*
		 * Every SYSCALL_DEFINE has metadata: a slot without any holds
		 * the ENOSYS stub of a call this kernel is built without
		 * (COND_SYSCALL: 6.1's lookup_dcookie), no call.
		 */
		if (se && !klat_systab_classify(se, metap, have_meta, nr) && have_meta)
			klat_systab_n--;
		cond_resched();
	}
	kfree(sym);
	return klat_systab_n;
}

/* klat_ksyms_each_prefix() callback: one __x64_sys_ name. Under klat_ksyms_lock. */
static void klat_systab_add_name(const char *sym, void *arg)
{
	const char *kname = sym + sizeof(KLAT_WRAPPER_PREFIX) - 1;
	struct klat_sysent *se;

	if (strcmp(kname, "ni_syscall") && !klat_ksyms_weak(sym)) {
		se = klat_systab_add(sym, -1);
		if (se)
			klat_systab_classify(se, 0, false, -1);
	}
}

/*
 * The kallsyms fallback names every call __x64_sys_KNAME, but a call without
 * arguments is one function under three names and ftrace lists it under one
 * of them only (__do_sys_getpid): probe it under the one ftrace can trace.
 */
static void klat_systab_aliases(void)
{
	char alt[sizeof(klat_systab[0].wrapper)];
	unsigned int i;
	size_t j;

	for (i = 0; i < klat_systab_n; i++) {
		struct klat_systab_ent *e = &klat_systab[i];

		if (klat_ksyms_check(e->wrapper) == KLAT_E_OK)
			continue;
		for (j = 1; j < ARRAY_SIZE(klat_sys_prefixes); j++) {
			snprintf(alt, sizeof(alt), "%s%s", klat_sys_prefixes[j], e->se.kname);
			if (klat_ksyms_check(alt) == KLAT_E_OK) {
				strscpy(e->wrapper, alt, sizeof(e->wrapper));
				break;
			}
		}
	}
}

/*
 * Find the system calls. Process context, at load, after klat_ksyms_init().
 * Never fails the load: with neither the table nor kallsyms, no call is known
 * and syscall:NAME is ENOENT.
 */
int klat_systab_init(void)
{
	unsigned long table = klat_ksyms_addr(KLAT_KADDR_SYS_CALL_TABLE);
	unsigned long metap = klat_ksyms_addr(KLAT_KADDR_SYSCALLS_METADATA);

	klat_systab_cap = max_t(unsigned int, NR_syscalls, KLAT_SYSTAB_MAX);
	klat_systab = kvcalloc(klat_systab_cap, sizeof(*klat_systab), GFP_KERNEL);
	if (!klat_systab)
		return -ENOMEM;
	if (table && klat_systab_read_table(table, metap) >= KLAT_SYSTAB_MIN) {
		klat_systab_table = true;
		return 0;
	}
	if (table)
		pr_warn("sys_call_table does not look like one: system calls from kallsyms\n");
	klat_systab_n = 0;
	klat_ksyms_each_prefix(KLAT_WRAPPER_PREFIX, klat_systab_add_name, NULL);
	klat_systab_aliases();
	return 0;
}

void klat_systab_exit(void)
{
	kvfree(klat_systab);
	klat_systab = NULL;
	klat_systab_n = 0;
}
