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

/* Parse and registration outcomes; klat_err_msg() and klat_err_errno() describe each. */
enum klat_err {
	KLAT_E_OK,
	KLAT_E_NAME_EMPTY,
	KLAT_E_NAME_CHAR,
	KLAT_E_NAME_LONG,
	KLAT_E_OFFSET,
	KLAT_E_TRAILING,
	KLAT_E_NO_SYMBOL,
	KLAT_E_NOT_TARGET,
	KLAT_E_NO_SYSCALL,
	KLAT_E_SELF,
	KLAT_E_UNPROBEABLE,
	KLAT_E_AMBIGUOUS,
	KLAT_E_NOT_FUNC,
	KLAT_E_NOTRACE,
	KLAT_E_KSYMS,
	KLAT_E_LOCKDOWN,
	KLAT_E_TOO_BIG,
	KLAT_E_NOMEM,
	KLAT_E_INTR,
	KLAT_E_FILTER_EMPTY,
	KLAT_E_FILTER_KEY,
	KLAT_E_FILTER_SYNTAX,
	KLAT_E_FILTER_NUM,
	KLAT_E_FILTER_COMM,
	KLAT_E_FILTER_MANY,
	KLAT_E_FILTER_DUP,
	KLAT_E_FILTER_BOOL,
	KLAT_E_NI_SYSCALL,
	KLAT_E_GLOB,
	KLAT_E_COUNT
};

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
