/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klat command parsing: `targets` commands, filter terms, and escaping for output.
 *
 * Pure logic, shared with the user-space unit tests: no kernel headers. Every
 * parser reports a KLAT_E_* code and the byte offset the caret in error_log
 * points at.
 */
#ifndef _KLAT_PARSE_H
#define _KLAT_PARSE_H

#include "klat_compat.h"

/* C(code, errno, message): errno 0 means "the kernel's errno, passed on". */
#define KLAT_ERRORS								\
	C(OK,		0,		"success"),				\
	C(NAME_EMPTY,	EINVAL,		"missing symbol name"),			\
	C(NAME_CHAR,	EINVAL,		"invalid character in symbol name"),	\
	C(NAME_LONG,	EINVAL,		"symbol name too long"),		\
	C(OFFSET,	EINVAL,		"SYMBOL+OFFSET is not supported; give a function name"), \
	C(TRAILING,	EINVAL,		"unexpected text after the symbol name"), \
	C(NO_SYMBOL,	ENOENT,		"unknown kernel symbol"),		\
	C(NOT_TARGET,	ENOENT,		"not a current target"),		\
	C(NO_SYSCALL,	ENOENT,		"unknown syscall name"),		\
	C(SELF,		EINVAL,		"klat does not probe its own code"),	\
	C(UNPROBEABLE,	0,		"the kernel cannot probe this function"), \
	C(AMBIGUOUS,	EADDRNOTAVAIL,	"several functions have this name"),	\
	C(NOT_FUNC,	EINVAL,		"not a function"),			\
	C(NOTRACE,	EINVAL,		"not a traceable function (notrace, __init or __exit code; see available_filter_functions)"), \
	C(KSYMS,	EIO,		"cannot read the kernel's function lists (see the kernel log)"), \
	C(LOCKDOWN,	EPERM,		"the kernel is locked down against kprobes"), \
	C(TOO_BIG,	E2BIG,		"write too large"),			\
	C(NOMEM,	ENOMEM,		"out of memory"),			\
	C(INTR,		EINTR,		"interrupted while waiting for the removal of this name"), \
	C(FILTER_EMPTY,	EINVAL,		"empty filter; write 'clear' to remove all terms"), \
	C(FILTER_KEY,	EINVAL,		"unknown filter key"),			\
	C(FILTER_SYNTAX, EINVAL,	"expected key=value"),			\
	C(FILTER_NUM,	EINVAL,		"bad number"),				\
	C(FILTER_COMM,	EINVAL,		"comm longer than the kernel's 15 characters"), \
	C(FILTER_MANY,	EINVAL,		"too many values for one key"),		\
	C(FILTER_DUP,	EINVAL,		"key given twice"),			\
	C(FILTER_BOOL,	EINVAL,		"expected 0 or 1")

#undef C
#define C(a, b, c)	KLAT_E_##a
enum klat_err { KLAT_ERRORS, KLAT_E_COUNT };
#undef C

const char *klat_err_msg(int code);
int klat_err_errno(int code);

/* A parsed `targets` line. @name points into the parsed line (not NUL terminated). */
struct klat_target_cmd {
	bool del;		/* "-SYMBOL" */
	bool syscall;		/* "syscall:NAME" */
	const char *name;
	size_t len;
};

/* blank or comment line: nothing to do (distinct from every KLAT_E_* code) */
#define KLAT_PARSE_SKIP		KLAT_E_COUNT

int klat_parse_target(const char *line, size_t len, size_t max_name,
		      struct klat_target_cmd *cmd, size_t *pos);

/* Filter terms. Values of one key are alternatives; all keys must hold. */
#define KLAT_FILTER_VALS	8
#define KLAT_COMM_LEN		16	/* the kernel's TASK_COMM_LEN */

struct klat_filter {
	u32 npid, ntgid, ncomm;
	s32 pid[KLAT_FILTER_VALS];
	s32 tgid[KLAT_FILTER_VALS];
	char comm[KLAT_FILTER_VALS][KLAT_COMM_LEN];	/* NUL padded */
	u64 log_min_ns;
	bool log_errors;
};

int klat_parse_filter(const char *buf, size_t len, struct klat_filter *f, size_t *pos);
bool klat_filter_empty(const struct klat_filter *f);
size_t klat_filter_format(const struct klat_filter *f, char *buf, size_t size);

/* Does a task match the pid/tgid/comm terms of @f? (NULL @f: yes) */
static inline bool klat_filter_task(const struct klat_filter *f, s32 pid, s32 tgid,
				    const char *comm)
{
	u32 i;

	if (!f)
		return true;
	if (f->npid) {
		for (i = 0; i < f->npid && f->pid[i] != pid; i++)
			;
		if (i == f->npid)
			return false;
	}
	if (f->ntgid) {
		for (i = 0; i < f->ntgid && f->tgid[i] != tgid; i++)
			;
		if (i == f->ntgid)
			return false;
	}
	if (f->ncomm) {
		for (i = 0; i < f->ncomm; i++) {
			const char *a = f->comm[i];
			u32 k;

			for (k = 0; k < KLAT_COMM_LEN && a[k] == comm[k] && a[k]; k++)
				;
			if (k == KLAT_COMM_LEN || a[k] == comm[k])
				break;
		}
		if (i == f->ncomm)
			return false;
	}
	return true;
}

int klat_parse_u64(const char *s, size_t len, u64 *out);
size_t klat_escape(char *dst, size_t size, const char *src, size_t len);
size_t klat_escape_ctl(char *dst, size_t size, const char *src, size_t len);

#endif /* _KLAT_PARSE_H */
