/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl helpers: the context every command runs in, exit codes, messages, strict number
 * parsing, file access and the diagnosis of a missing klat directory.
 */
#ifndef KLATCTL_UTIL_H
#define KLATCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KLATCTL_DEFAULT_ROOT	"/sys/kernel/debug/klat"
#define KLATCTL_DEFAULT_TRACING	"/sys/kernel/tracing"
#define KLATCTL_DEFAULT_MAX_GLOB	100

/* exit status */
#define KLATCTL_EXIT_OK		0
#define KLATCTL_EXIT_FAIL		1	/* runtime error: the kernel refused, bad data */
#define KLATCTL_EXIT_USAGE		2	/* bad command line */
#define KLATCTL_EXIT_NOKLAT		3	/* klat is not at the root: no debugfs, no module,
						   no such directory or no targets file in it */

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

struct klatctl_ctx {
	const char *root;	/* klat debugfs directory */
	const char *tracing;	/* tracefs directory, NULL: search the defaults */
	bool root_is_default;	/* root came from neither --root nor KLAT_ROOT */
	int verbose;
	FILE *out;
	FILE *err;
};

void klatctl_err(const struct klatctl_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int klatctl_err_parse(const struct klatctl_ctx *ctx, int line, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

int klatctl_parse_u64(const char *s, uint64_t *out);
int klatctl_parse_s64(const char *s, int64_t *out);
int klatctl_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);
int klatctl_parse_interval_ms(const char *s, uint64_t *ms);
int64_t klatctl_wall_offset_ns(void);

const char *klatctl_errno_name(int err);

int klatctl_path(const struct klatctl_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int klatctl_read_file(const char *path, char **buf, size_t *len);
int klatctl_write_file(const char *path, const char *data, size_t len);
int klatctl_open_write(const char *path);
int klatctl_write_fd(int fd, const char *data, size_t len);

enum klatctl_root_state {
	KLATCTL_ROOT_OK,
	KLATCTL_ROOT_NO_DEBUGFS,
	KLATCTL_ROOT_NO_MODULE,
	KLATCTL_ROOT_EACCES,
	KLATCTL_ROOT_NOT_DIR,
	KLATCTL_ROOT_NOT_KLAT,		/* a directory without klat's targets file */
	KLATCTL_ROOT_OTHER,
};

enum klatctl_root_state klatctl_root_diagnose(int stat_err, bool is_dir, bool default_root,
					      int parent_is_debugfs);
/* 0, or an exit status (KLATCTL_EXIT_NOKLAT, _FAIL) after a one-line message */
int klatctl_check_root(const struct klatctl_ctx *ctx);
int klatctl_root_exit(enum klatctl_root_state st);
void klatctl_report_root(const struct klatctl_ctx *ctx, enum klatctl_root_state st, int err);
int klatctl_read_root_file(const struct klatctl_ctx *ctx, const char *name, char **buf,
			   size_t *len);
void klatctl_root_parent(const char *root, char *buf, size_t len);
void klatctl_err_need_root(const struct klatctl_ctx *ctx, const char *path, int err);

#endif /* KLATCTL_UTIL_H */
