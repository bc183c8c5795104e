// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl helpers: strict number parsing, unit formatting, escaping, file access and the
 * diagnosis of a missing /sys/kernel/debug/klat.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "klatctl_util.h"
#include "klat_errno.h"
#include "klat_parse.h"

#ifndef DEBUGFS_MAGIC
#define DEBUGFS_MAGIC	0x64626720
#endif

/* "klatctl: " and @fmt on ctx->err (stderr without one), no newline; the stream. */
__attribute__((format(printf, 2, 0)))
static FILE *err_begin(const struct klatctl_ctx *ctx, const char *fmt, va_list ap)
{
	FILE *f = ctx && ctx->err ? ctx->err : stderr;

	fputs("klatctl: ", f);
	vfprintf(f, fmt, ap);
	return f;
}

void klatctl_err(const struct klatctl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	f = err_begin(ctx, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

/* "PATH:LINE: cannot parse (ERRNO)", PATH from @fmt; returns -1. */
int klatctl_err_parse(const struct klatctl_ctx *ctx, int line, int err, const char *fmt, ...)
{
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	f = err_begin(ctx, fmt, ap);
	va_end(ap);
	fprintf(f, ":%d: cannot parse (%s)\n", line, klatctl_errno_name(err));
	return -1;
}

/*
 * Strict unsigned decimal: the whole string must be digits, no sign, no blanks, no overflow
 * (the module's klat_parse_u64() on a NUL terminated string).
 */
int klatctl_parse_u64(const char *s, uint64_t *out)
{
	u64 v;
	int ret;

	if (!s)
		return -EINVAL;
	ret = klat_parse_u64(s, strlen(s), &v);
	if (!ret)
		*out = v;
	return ret;
}

/*
 * Strict signed decimal, for ret= in the log: an optional '-' then digits.  As strtoll(), a
 * magnitude that does not fit is -ERANGE whatever follows it.
 */
int klatctl_parse_s64(const char *s, int64_t *out)
{
	const char *d;
	uint64_t v;
	u64 mag;
	size_t n;
	bool neg;
	int ret;

	if (!s)
		return -EINVAL;
	neg = *s == '-';
	d = s + neg;
	n = strspn(d, "0123456789");
	ret = klat_parse_u64(d, n, &mag);
	if (ret)
		return ret;
	v = mag;
	if (v > (uint64_t)INT64_MAX + neg)
		return -ERANGE;
	if (d[n])
		return -EINVAL;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

int klatctl_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v;
	int ret = klatctl_parse_u64(s, &v);

	if (ret)
		return ret;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* Seconds with up to three decimals ("1", "0.5", "2.25") into milliseconds. */
int klatctl_parse_interval_ms(const char *s, uint64_t *ms)
{
	char ipart[32];
	const char *dot;
	uint64_t sec, frac = 0;
	size_t ilen, flen, i;
	int ret;

	if (!s)
		return -EINVAL;
	dot = strchr(s, '.');
	ilen = dot ? (size_t)(dot - s) : strlen(s);
	if (ilen == 0 || ilen >= sizeof(ipart))
		return ilen ? -ERANGE : -EINVAL;
	memcpy(ipart, s, ilen);
	ipart[ilen] = '\0';
	ret = klatctl_parse_u64(ipart, &sec);
	if (ret)
		return ret;
	if (dot) {
		flen = strlen(dot + 1);
		if (flen == 0 || flen > 3)
			return -EINVAL;
		for (i = 0; i < 3; i++) {
			char c = i < flen ? dot[1 + i] : '0';

			if (c < '0' || c > '9')
				return -EINVAL;
			frac = frac * 10 + (uint64_t)(c - '0');
		}
	}
	if (sec > UINT64_MAX / 1000 - 1)
		return -ERANGE;
	*ms = sec * 1000 + frac;
	return 0;
}

/* The name of errno @err (either sign), from the module's table; "E?" if it has none. */
const char *klatctl_errno_name(int err)
{
	const char *n = klat_errno_name(err < 0 ? -err : err);

	return n ? n : "E?";
}

int klatctl_path(const struct klatctl_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n, m;

	n = snprintf(buf, len, "%s/", ctx->root);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, len - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0 || (size_t)m >= len - (size_t)n)
		return -ENAMETOOLONG;
	return 0;
}

/* Read a whole file.  debugfs files report size 0, so read until EOF. */
int klatctl_read_file(const char *path, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *b, *nb;
	ssize_t r;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	b = malloc(cap);
	if (!b) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (cap - n < 2048) {
			cap *= 2;
			nb = realloc(b, cap);
			if (!nb) {
				err = -ENOMEM;
				goto fail;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	if (len)
		*len = n;
	return 0;
fail:
	free(b);
	close(fd);
	return err;
}

/* Open @path for one command: the fd, or -errno. */
int klatctl_open_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/*
 * One write(2) of the whole command, as the kernel parses each write on its own, then close
 * @fd: 0, or the kernel's answer as -errno.
 */
int klatctl_write_fd(int fd, const char *data, size_t len)
{
	ssize_t r;

	do {
		r = write(fd, data, len);
	} while (r < 0 && errno == EINTR);
	if (r < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if ((size_t)r != len) {
		close(fd);
		return -EIO;
	}
	if (close(fd) < 0)
		return -errno;
	return 0;
}

/* klatctl_open_write() then klatctl_write_fd() */
int klatctl_write_file(const char *path, const char *data, size_t len)
{
	int fd = klatctl_open_write(path);

	return fd < 0 ? fd : klatctl_write_fd(fd, data, len);
}

/*
 * Why the klat directory cannot be used.  parent_is_debugfs: 1 if the directory above it is a
 * mounted debugfs, 0 if not, -1 if unknown.
 */
enum klatctl_root_state klatctl_root_diagnose(int stat_err, bool is_dir, bool default_root,
					      int parent_is_debugfs)
{
	if (stat_err < 0)
		stat_err = -stat_err;
	if (!stat_err)
		return is_dir ? KLATCTL_ROOT_OK : KLATCTL_ROOT_NOT_DIR;
	if (stat_err == EACCES || stat_err == EPERM)
		return KLATCTL_ROOT_EACCES;
	if (stat_err == ENOENT || stat_err == ENOTDIR) {
		if (default_root && parent_is_debugfs == 0)
			return KLATCTL_ROOT_NO_DEBUGFS;
		return KLATCTL_ROOT_NO_MODULE;
	}
	return KLATCTL_ROOT_OTHER;
}

/* The directory holding @root (dirname): /sys/kernel/debug for /sys/kernel/debug/klat. */
void klatctl_root_parent(const char *root, char *buf, size_t len)
{
	char *slash;

	snprintf(buf, len, "%s", root);
	slash = strrchr(buf, '/');
	if (slash && slash != buf)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else
		snprintf(buf, len, ".");
}

/* "PATH: permission denied (EACCES); klatctl must run as root" */
void klatctl_err_need_root(const struct klatctl_ctx *ctx, const char *path, int err)
{
	klatctl_err(ctx, "%s: permission denied (%s); klatctl must run as root", path,
		    klatctl_errno_name(err));
}

/* A directory that is not klat's: say so, and where klat is when it is right below. */
static void report_not_klat(const struct klatctl_ctx *ctx)
{
	char path[PATH_MAX];
	struct stat sb;
	int n = snprintf(path, sizeof(path), "%s/klat/targets", ctx->root);

	if (n > 0 && (size_t)n < sizeof(path) && stat(path, &sb) == 0) {
		klatctl_err(ctx, "%s has no targets file: klat is not at --root; did you mean "
			    "--root %s/klat?", ctx->root, ctx->root);
		return;
	}
	klatctl_err(ctx, "%s has no targets file: klat is not at --root (its directory is "
		    "/sys/kernel/debug/klat)", ctx->root);
}

void klatctl_report_root(const struct klatctl_ctx *ctx, enum klatctl_root_state st, int err)
{
	char parent[PATH_MAX];

	klatctl_root_parent(ctx->root, parent, sizeof(parent));

	switch (st) {
	case KLATCTL_ROOT_OK:
		break;
	case KLATCTL_ROOT_NO_DEBUGFS:
		klatctl_err(ctx, "debugfs is not mounted on %s; mount it with: "
			    "mount -t debugfs none %s", parent, parent);
		break;
	case KLATCTL_ROOT_NO_MODULE:
		klatctl_err(ctx, "%s not found: the klat module is not loaded; load it with: "
			    "modprobe klat (or insmod klat.ko)", ctx->root);
		break;
	case KLATCTL_ROOT_EACCES:
		klatctl_err_need_root(ctx, ctx->root, EACCES);
		break;
	case KLATCTL_ROOT_NOT_DIR:
		klatctl_err(ctx, "%s: not a directory; klat is not at --root (its directory is "
			    "/sys/kernel/debug/klat)", ctx->root);
		break;
	case KLATCTL_ROOT_NOT_KLAT:
		report_not_klat(ctx);
		break;
	case KLATCTL_ROOT_OTHER:
		klatctl_err(ctx, "%s: %s (%s)", ctx->root, strerror(err < 0 ? -err : err),
			    klatctl_errno_name(err));
		break;
	}
}

/* The exit status for a root in state @st */
int klatctl_root_exit(enum klatctl_root_state st)
{
	switch (st) {
	case KLATCTL_ROOT_OK:
		return KLATCTL_EXIT_OK;
	case KLATCTL_ROOT_NO_DEBUGFS:
	case KLATCTL_ROOT_NO_MODULE:
	case KLATCTL_ROOT_NOT_DIR:
	case KLATCTL_ROOT_NOT_KLAT:
		return KLATCTL_EXIT_NOKLAT;
	case KLATCTL_ROOT_EACCES:
	case KLATCTL_ROOT_OTHER:
		break;
	}
	return KLATCTL_EXIT_FAIL;
}

/* The state of ROOT/targets, in a directory that exists: the mark of klat's directory. */
static enum klatctl_root_state targets_state(const struct klatctl_ctx *ctx, int *err)
{
	char path[PATH_MAX];
	struct stat sb;

	if (klatctl_path(ctx, path, sizeof(path), "targets")) {
		*err = ENAMETOOLONG;
		return KLATCTL_ROOT_OTHER;
	}
	if (stat(path, &sb) == 0)
		return KLATCTL_ROOT_OK;
	*err = errno;
	if (errno == ENOENT || errno == ENOTDIR)
		return KLATCTL_ROOT_NOT_KLAT;
	return errno == EACCES || errno == EPERM ? KLATCTL_ROOT_EACCES : KLATCTL_ROOT_OTHER;
}

int klatctl_check_root(const struct klatctl_ctx *ctx)
{
	enum klatctl_root_state st;
	char parent[PATH_MAX];
	struct statfs sfs;
	struct stat sb;
	int err = 0, pdebugfs = -1;

	if (stat(ctx->root, &sb) < 0)
		err = errno;
	if (err == ENOENT || err == ENOTDIR) {
		klatctl_root_parent(ctx->root, parent, sizeof(parent));
		if (statfs(parent, &sfs) == 0)
			pdebugfs = (unsigned long)sfs.f_type == DEBUGFS_MAGIC;
		else if (errno == ENOENT)
			pdebugfs = 0;
	}
	st = klatctl_root_diagnose(err, !err && S_ISDIR(sb.st_mode), ctx->root_is_default,
				   pdebugfs);
	if (st == KLATCTL_ROOT_OK)
		st = targets_state(ctx, &err);
	if (st == KLATCTL_ROOT_OK)
		return 0;
	klatctl_report_root(ctx, st, err);
	return klatctl_root_exit(st);
}

/* Read ROOT/name: 0, or an exit status after a one-line message. */
int klatctl_read_root_file(const struct klatctl_ctx *ctx, const char *name, char **buf,
			   size_t *len)
{
	char path[PATH_MAX];
	int ret;

	ret = klatctl_check_root(ctx);
	if (ret)
		return ret;
	if (klatctl_path(ctx, path, sizeof(path), "%s", name)) {
		klatctl_err(ctx, "%s/%s: path too long", ctx->root, name);
		return KLATCTL_EXIT_FAIL;
	}
	ret = klatctl_read_file(path, buf, len);
	if (ret == -EACCES || ret == -EPERM) {
		klatctl_err_need_root(ctx, path, ret);
		return KLATCTL_EXIT_FAIL;
	}
	if (ret) {
		klatctl_err(ctx, "cannot read %s: %s (%s)", path, strerror(-ret),
			    klatctl_errno_name(ret));
		return ret == -ENOENT ? KLATCTL_EXIT_NOKLAT : KLATCTL_EXIT_FAIL;
	}
	return 0;
}

/*
 * CLOCK_REALTIME - CLOCK_MONOTONIC now, in ns: added to a CLOCK_MONOTONIC time, the wall-clock
 * time it corresponds to if the wall clock was not set or slewed since (the midpoint of two
 * monotonic reads around the realtime one).
 */
int64_t klatctl_wall_offset_ns(void)
{
	struct timespec m1, r, m2;
	int64_t mono;

	clock_gettime(CLOCK_MONOTONIC, &m1);
	clock_gettime(CLOCK_REALTIME, &r);
	clock_gettime(CLOCK_MONOTONIC, &m2);
	mono = ((int64_t)m1.tv_sec * 1000000000LL + m1.tv_nsec) / 2 +
	       ((int64_t)m2.tv_sec * 1000000000LL + m2.tv_nsec) / 2;
	return (int64_t)r.tv_sec * 1000000000LL + r.tv_nsec - mono;
}
