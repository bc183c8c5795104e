// SPDX-License-Identifier: GPL-2.0
/*
 * klat targets: the commands written to `targets` (add, remove), the list of
 * live probes and the names asked for. A command is checked against the
 * kernel's lists (klat_ksyms.c), becomes a kretprobe (klat_probe.c) and a
 * probes/SYMBOL directory (klat_probedir.c); a removal is undone in that
 * order's reverse by klat_target_reap(), with no klat lock held.
 */
#include <linux/err.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include "klat_errlog.h"
#include "klat_ksyms.h"
#include "klat_log.h"
#include "klat_probe.h"
#include "klat_probedir.h"
#include "klat_systab.h"
#include "klat_target.h"

/* Protects klat_probes, klat_syms and every probe's list/dir/sym fields. */
DEFINE_MUTEX(klat_mutex);
/* The live probes (struct klat_probe.list); klat_mutex. */
LIST_HEAD(klat_probes);
/* Every name asked for (struct klat_sym.list), until module exit; klat_mutex. */
static LIST_HEAD(klat_syms);

/* The sym for @name (@len bytes), or NULL. Under klat_mutex. */
static struct klat_sym *klat_sym_find(const char *name, size_t len)
{
	struct klat_sym *s;

	list_for_each_entry(s, &klat_syms, list)
		if (strlen(s->name) == len && !memcmp(s->name, name, len))
			return s;
	return NULL;
}

/* Find or make the sym for @name; *@made says it is new. Under klat_mutex. */
static struct klat_sym *klat_sym_get(const char *name, size_t len, bool *made)
{
	struct klat_sym *s = klat_sym_find(name, len);

	*made = false;
	if (s)
		return s;
	s = kzalloc(struct_size(s, name, len + 1), GFP_KERNEL);
	if (!s)
		return NULL;
	memcpy(s->name, name, len);
	list_add_tail(&s->list, &klat_syms);
	*made = true;
	return s;
}

/*
 * Drop a sym made for a name that never became a target: no event points at
 * it, and keeping it would let bad names grow the list. Under klat_mutex.
 */
static void klat_sym_put_new(struct klat_sym *s)
{
	list_del(&s->list);
	kfree(s);
}

/* Woken when klat_target_reap() has finished with a name (klat_sym.reaping). */
static DECLARE_WAIT_QUEUE_HEAD(klat_reap_wq);

/*
 * Wait, without klat_mutex, until no removed probe named @name (@len bytes)
 * is still registered. Called and returns under klat_mutex. 0, 1 if it
 * dropped klat_mutex to wait (what was decided under it may be out of
 * date), or -EINTR.
 */
static int klat_sym_wait_reaped(const char *name, size_t len)
{
	struct klat_sym *s;
	int waited = 0;

	while ((s = klat_sym_find(name, len)) && s->reaping) {
		mutex_unlock(&klat_mutex);
		if (wait_event_interruptible(klat_reap_wq, !READ_ONCE(s->reaping))) {
			mutex_lock(&klat_mutex);
			return -EINTR;
		}
		mutex_lock(&klat_mutex);
		waited = 1;
	}
	return waited;
}

/* klat_sym_wait_reaped() for @name, or for every function system call @se may be probed at. */
static int klat_cmd_wait_reaped(const struct klat_sysent *se, const char *name, size_t len)
{
	const char *syms[KLAT_SYSTAB_CANDS];
	int i, n, ret, waited = 0;

	if (!se)
		return klat_sym_wait_reaped(name, len);
	n = klat_systab_candidates(se, syms);
	for (i = 0; i < n; i++) {
		ret = klat_sym_wait_reaped(syms[i], strlen(syms[i]));
		if (ret < 0)
			return ret;
		waited |= ret;
	}
	return waited;
}

static void klat_syms_free(void)
{
	struct klat_sym *s, *tmp;

	list_for_each_entry_safe(s, tmp, &klat_syms, list) {
		list_del(&s->list);
		kfree(s);
	}
}


/*
 * Add a target for kernel symbol @name (@len bytes). Already a target: success,
 * figures kept. On failure returns -errno and sets *@code to a KLAT_E_* code.
 * Under klat_mutex, with no removal of @name in progress (klat_target_cmd()
 * waited for it under the same hold of klat_mutex).
 */
static int klat_target_add(const char *name, size_t len, const struct klat_sysent *se, int *code)
{
	struct klat_probe *p;
	struct klat_sym *sym;
	bool made, armed;
	int ret;

	lockdep_assert_held(&klat_mutex);
	/* as kprobe_events: no new probes on a kernel locked down against them */
	ret = security_locked_down(LOCKDOWN_KPROBES);
	if (ret) {
		*code = KLAT_E_LOCKDOWN;
		return ret;
	}
	*code = KLAT_E_NOMEM;
	sym = klat_sym_get(name, len, &made);
	if (!sym)
		return -ENOMEM;
	if (sym->probe)
		return 0;
	/* decided before anything is registered: see klat_ksyms.c */
	*code = klat_ksyms_check(sym->name);
	if (*code) {
		ret = -klat_err_errno(*code);
		goto err_sym;
	}
	ret = klat_probe_create(sym, se, &p, code, &armed);
	if (ret) {
		if (armed)	/* events may point at @sym: it is kept */
			return ret;
		goto err_sym;
	}
	p->dir = klat_probedir_add(p);
	list_add_tail(&p->list, &klat_probes);
	sym->probe = p;
	return 0;

err_sym:
	if (made)
		klat_sym_put_new(sym);
	return ret;
}

/*
 * Take @p off the target list and queue it on @gone. Its files and its
 * kretprobe stay until klat_target_reap(), which waits for their users with no
 * klat lock held (a reader stuck in a probe file must not stall every other
 * klat operation). Under klat_mutex.
 */
static void klat_probe_detach(struct klat_probe *p, struct list_head *gone)
{
	list_del(&p->list);
	p->sym->probe = NULL;
	p->sym->reaping = true;
	list_add_tail(&p->list, gone);
}


/*
 * Remove the probes queued on @gone: their files, then their kretprobes, with
 * one RCU grace period for all of them (klat_probes_unregister()), then the
 * probes. Process context; needs no klat lock: nothing else can reach a
 * detached probe.
 */
void klat_target_reap(struct list_head *gone)
{
	struct klat_probe *p, *tmp;
	int n = 0;

	list_for_each_entry(p, gone, list) {
		klat_probedir_del(p);	/* waits for the files' users */
		n++;
	}
	if (!n)
		return;
	klat_probes_unregister(gone, n);
	mutex_lock(&klat_mutex);
	list_for_each_entry(p, gone, list)
		p->sym->reaping = false;
	mutex_unlock(&klat_mutex);
	wake_up_all(&klat_reap_wq);
	list_for_each_entry_safe(p, tmp, gone, list) {
		list_del(&p->list);
		klat_probe_free(p);
	}
}

/* Remove every target. */
static void klat_target_del_all(void)
{
	struct klat_probe *p, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&klat_mutex);
	list_for_each_entry_safe(p, tmp, &klat_probes, list)
		klat_probe_detach(p, &gone);
	mutex_unlock(&klat_mutex);
	klat_target_reap(&gone);
}

/* The target named @name (@len bytes), or NULL. Under klat_mutex. */
static struct klat_probe *klat_probe_find(const char *name, size_t len)
{
	struct klat_sym *s = klat_sym_find(name, len);

	return s ? s->probe : NULL;
}

/*
 * Take klat_mutex to add @name (@len bytes; @se: its system call, or NULL), with
 * the kernel's lists read since the last module event where possible and no
 * removal of the name in progress. Returns under klat_mutex: 0, or -EINTR.
 */
static int klat_target_lock_add(const struct klat_sysent *se, const char *name, size_t len)
{
	int ret, tries;

	for (tries = 0;;) {
		klat_ksyms_refresh();	/* reads kallsyms: not under klat_mutex */
		mutex_lock(&klat_mutex);
		/*
		 * Wait here for a removal of the name still in progress, so that
		 * the lists are checked again after that wait too.
		 */
		ret = klat_cmd_wait_reaped(se, name, len);
		if (ret < 0)
			return ret;
		/*
		 * A module came or went while this writer waited for klat_mutex
		 * or for a removal: read the lists again (klat_ksyms_check()
		 * refuses stale ones).
		 */
		if (!ret && (!klat_ksyms_outdated() || ++tries == 3))
			return 0;
		mutex_unlock(&klat_mutex);
	}
}

/*
 * The target a command names: @name (@len bytes), or the first live function
 * of system call @se; NULL if there is none. Under klat_mutex.
 */
static struct klat_probe *klat_cmd_probe(const struct klat_sysent *se, const char *name,
					 size_t len)
{
	const char *syms[KLAT_SYSTAB_CANDS];
	struct klat_probe *p = NULL;
	int i, n;

	if (!se)
		return klat_probe_find(name, len);
	n = klat_systab_candidates(se, syms);
	for (i = 0; i < n && !p; i++)
		p = klat_probe_find(syms[i], strlen(syms[i]));
	return p;
}

/*
 * Detach the target named @name (@len bytes), or the first live function of
 * system call @se, onto @gone. 0, or -ENOENT if there is none. Under klat_mutex.
 */
static int klat_target_del(const struct klat_sysent *se, const char *name, size_t len,
			   struct list_head *gone)
{
	struct klat_probe *p = klat_cmd_probe(se, name, len);

	if (p)
		klat_probe_detach(p, gone);
	return p ? 0 : -ENOENT;
}

/*
 * Add system call @se at the first of its functions that can be probed: an
 * inner one (__sys_socket) if this kernel has it, else its __x64_sys_
 * wrapper. The error is the last function's. Under klat_mutex.
 */
static int klat_target_add_syscall(const struct klat_sysent *se, int *code)
{
	const char *syms[KLAT_SYSTAB_CANDS];
	int i, n = klat_systab_candidates(se, syms), ret = -ENOENT;

	for (i = 0; i < n; i++) {
		ret = klat_target_add(syms[i], strlen(syms[i]), se, code);
		/* no point trying another function: the next would fail alike */
		if (!ret || ret == -ENOMEM || ret == -EPERM || ret == -EINTR)
			break;
	}
	return ret;
}

/*
 * The system call @cmd names: 0, or a KLAT_E_* code (with *@pos at the name).
 * The ni_syscall stub fills the table's empty slots: it is no call.
 */
static int klat_cmd_syscall(const struct klat_target_cmd *cmd, const struct klat_sysent **se)
{
	static const char ni[] = "ni_syscall";

	if (cmd->len == sizeof(ni) - 1 && !memcmp(cmd->name, ni, cmd->len))
		return KLAT_E_NI_SYSCALL;
	*se = klat_systab_find(cmd->name, cmd->len);
	return *se ? KLAT_E_OK : KLAT_E_NO_SYSCALL;
}

/*
 * Run one `targets` line written to @file. A removed target is queued on
 * @gone for klat_target_reap(), so that the removals of one write share one
 * RCU grace period. Returns 0, or -errno after adding a line to error_log.
 */
int klat_target_cmd(const char *file, const char *line, size_t len, struct list_head *gone)
{
	const struct klat_sysent *se = NULL;
	struct klat_target_cmd cmd;
	size_t pos;
	int code, ret;

	code = klat_parse_target(line, len, KSYM_NAME_LEN - 1, &cmd, &pos);
	if (code == KLAT_PARSE_SKIP)
		return 0;
	if (!code && cmd.syscall) {
		code = klat_cmd_syscall(&cmd, &se);
		pos = cmd.name - line;
	}
	if (code) {
		ret = -klat_err_errno(code);
		goto err;
	}
	if (cmd.del) {
		mutex_lock(&klat_mutex);
		code = KLAT_E_NOT_TARGET;
		ret = klat_target_del(se, cmd.name, cmd.len, gone);
	} else {
		/* this write's own removals first: the name may be among them */
		klat_target_reap(gone);
		ret = klat_target_lock_add(se, cmd.name, cmd.len);
		if (ret < 0)
			code = KLAT_E_INTR;
		else if (se)
			ret = klat_target_add_syscall(se, &code);
		else
			ret = klat_target_add(cmd.name, cmd.len, NULL, &code);
	}
	mutex_unlock(&klat_mutex);
	if (!ret)
		return 0;
	pos = cmd.name - line;
err:
	klat_errlog_add(file, line, len, pos, code, -ret);
	return ret;
}

/* The number of targets. Under klat_mutex. */
int klat_target_count(void)
{
	struct klat_probe *p;
	int n = 0;

	lockdep_assert_held(&klat_mutex);
	list_for_each_entry(p, &klat_probes, list)
		n++;
	return n;
}

/*
 * Put in force the fresh per-CPU figures waiting in each probe's old_stats
 * (with @apply; and empty the log with @log), wait until no handler or reader
 * holds the figures they replace, and free those; without @apply only free
 * the fresh ones. Under klat_mutex: the reset's last step.
 */
static void klat_stats_swap(bool apply, bool log)
{
	struct klat_probe *p;

	list_for_each_entry(p, &klat_probes, list) {
		struct klat_stats __percpu *fresh = p->old_stats;

		if (!fresh || !apply)
			continue;
		WRITE_ONCE(p->missed_base, klat_probe_missed_raw(p));
		p->old_stats = p->stats;
		WRITE_ONCE(p->stats, fresh);
	}
	if (apply) {
		if (log)
			klat_log_reset();
		synchronize_rcu();
	}
	list_for_each_entry(p, &klat_probes, list) {
		free_percpu(p->old_stats);
		p->old_stats = NULL;
	}
}

/*
 * Zero every target's figures and empty the log. Each target gets fresh per-CPU
 * figures; the old ones are freed once no handler or reader can hold them.
 * All or nothing: when memory for the fresh figures cannot be had, nothing is
 * reset and -ENOMEM is returned (figures are never zeroed under a handler).
 */
int klat_target_reset(void)
{
	struct klat_probe *p;
	int ret = 0;

	mutex_lock(&klat_mutex);
	list_for_each_entry(p, &klat_probes, list) {
		p->old_stats = alloc_percpu(struct klat_stats);
		if (!p->old_stats) {
			ret = -ENOMEM;
			break;
		}
	}
	klat_stats_swap(!ret, true);
	mutex_unlock(&klat_mutex);
	return ret;
}

/*
 * The target a `reset` line names (SYMBOL or syscall:NAME) into *@out, with
 * fresh per-CPU figures waiting in its old_stats (once per target, however
 * often it is named). 0 (also for a blank line: *@out NULL), or -errno after
 * adding a line to error_log. Under klat_mutex.
 */
static int klat_reset_mark(const char *file, const char *line, size_t len,
			   struct klat_probe **out)
{
	const struct klat_sysent *se = NULL;
	struct klat_target_cmd cmd;
	struct klat_probe *p = NULL;
	int code, ret = -ENOENT;
	size_t pos;

	*out = NULL;
	code = klat_parse_target(line, len, KSYM_NAME_LEN - 1, &cmd, &pos);
	if (code == KLAT_PARSE_SKIP)
		return 0;
	if (!code && cmd.del) {		/* "-SYMBOL" means nothing here */
		code = KLAT_E_NAME_CHAR;
		pos = cmd.name - 1 - line;
	} else if (!code && cmd.syscall) {
		code = klat_cmd_syscall(&cmd, &se);
		pos = cmd.name - line;
	}
	if (code) {
		ret = -klat_err_errno(code);
		goto err;
	}
	p = klat_cmd_probe(se, cmd.name, cmd.len);
	code = p ? KLAT_E_NOMEM : KLAT_E_NOT_TARGET;
	if (p && !p->old_stats)
		p->old_stats = alloc_percpu(struct klat_stats);
	if (p && p->old_stats) {
		*out = p;
		return 0;
	}
	ret = p ? -ENOMEM : -ENOENT;
	pos = cmd.name - line;
err:
	klat_errlog_add(file, line, len, pos, code, -ret);
	return ret;
}

/*
 * Zero the figures of the targets named in @buf (@count bytes, one per line),
 * keeping the log. All or nothing: a bad line (error_log says which) or no
 * memory resets none of them. One RCU grace period for all.
 */
int klat_target_reset_names(const char *file, const char *buf, size_t count)
{
	struct klat_probe *p;
	size_t off = 0;
	int ret = 0;

	mutex_lock(&klat_mutex);
	while (off < count && !ret) {
		const char *nl = memchr(buf + off, '\n', count - off);
		size_t len = nl ? (size_t)(nl - (buf + off)) : count - off;

		ret = klat_reset_mark(file, buf + off, len, &p);
		off += len + 1;
	}
	klat_stats_swap(!ret, false);
	mutex_unlock(&klat_mutex);
	return ret;
}

/*
 * Add each comma-separated target of @list (the targets parameter), at load.
 * A target that cannot be added fails the load: every target goes again.
 */
int klat_target_init(const char *list)
{
	const char *s = list;

	while (s && *s) {
		const char *end = strchrnul(s, ',');
		LIST_HEAD(gone);
		int ret = klat_target_cmd("targets=", s, end - s, &gone);

		klat_target_reap(&gone);

		if (ret) {
			pr_err("cannot add target '%.*s': %pe\n",
			       (int)(end - s), s, ERR_PTR(ret));
			klat_target_exit();
			return ret;
		}
		s = *end ? end + 1 : end;
	}
	return 0;
}

/*
 * Remove every target, and free the names asked for (the log's events still
 * point at them, but no file reads the log any more). Process context, after
 * klat_debugfs_exit().
 */
void klat_target_exit(void)
{
	klat_target_del_all();
	klat_syms_free();
}
