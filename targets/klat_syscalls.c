// SPDX-License-Identifier: GPL-2.0
/*
 * System calls of the running kernel: how each argument is shown (chosen once
 * per call from the kernel's argument names and types), the log's args= field,
 * the names users know, and the inner functions preferred to the __x64_sys_
 * wrappers. Pure logic, shared with the unit tests and fuzzers: no kernel or
 * libc headers, no allocation. The flag sets themselves are in
 * targets/klat_decode_*.c.
 *
 * Contexts: klat_sysent_classify() runs once per call at module load (process
 * context, may take its time); klat_sysent_format() in process context when the
 * log file is read; the name lookups when targets are parsed.
 */
#include "klat_syscalls.h"
#include "klat_sysargs.h"
#include "klat_decode.h"

/* ---- helpers shared by the decoders ---- */

const char *klat_lookup(const struct klat_name *tab, size_t n, u32 v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].val == v)
			return tab[i].name;
	return NULL;
}

void klat_put_enum(struct klat_buf *o, const struct klat_name *tab, size_t n, u32 v)
{
	const char *name = klat_lookup(tab, n, v);

	if (name)
		klat_buf_puts(o, name);
	else
		klat_buf_s32(o, (s32)v);
}

bool klat_put_flag_names(struct klat_buf *o, bool sep, const struct klat_name *tab,
			 size_t n, u64 *v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!tab[i].val || (*v & tab[i].val) != tab[i].val)
			continue;
		if (sep)
			klat_buf_puts(o, "|");
		klat_buf_puts(o, tab[i].name);
		sep = true;
		*v &= ~(u64)tab[i].val;
	}
	return sep;
}

void klat_put_flags_rest(struct klat_buf *o, bool sep, u64 v)
{
	if (v) {
		if (sep)
			klat_buf_puts(o, "|");
		klat_buf_hex(o, v);
	} else if (!sep) {
		klat_buf_puts(o, "0");
	}
}

void klat_put_flags(struct klat_buf *o, const char *first, const struct klat_name *tab,
		    size_t n, u64 v)
{
	bool sep = false;

	if (first) {
		klat_buf_puts(o, first);
		sep = true;
	}
	sep = klat_put_flag_names(o, sep, tab, n, &v);
	klat_put_flags_rest(o, sep, v);
}

struct klat_dec_area {
	const struct klat_decoder *decs;
	const size_t *n;
};

static const struct klat_dec_area klat_dec_areas[] = {
	{ klat_net_decoders, &klat_net_ndecoders },
	{ klat_fs_decoders, &klat_fs_ndecoders },
	{ klat_mm_decoders, &klat_mm_ndecoders },
	{ klat_proc_decoders, &klat_proc_ndecoders },
	{ klat_poll_decoders, &klat_poll_ndecoders },
};

const struct klat_decoder *klat_decoder(unsigned int arg)
{
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(klat_dec_areas); i++)
		for (j = 0; j < *klat_dec_areas[i].n; j++)
			if (klat_dec_areas[i].decs[j].arg == arg)
				return &klat_dec_areas[i].decs[j];
	return NULL;
}

void klat_put_dec(struct klat_buf *o, const struct klat_decoder *d, u64 v, const u64 *args)
{
	switch (d->kind) {
	case KLAT_DEC_ENUM:
		klat_put_enum(o, d->tab, d->n, (u32)v);
		break;
	case KLAT_DEC_FLAGS:
		klat_put_flags(o, NULL, d->tab, d->n, (u32)v);
		break;
	default:
		d->fn(o, d, v, args);
		break;
	}
}

/* ---- names ---- */

static bool klat_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* @s (NUL terminated) is the @len bytes at @name */
static bool klat_name_eq(const char *s, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i] || s[i] != name[i])
			return false;
	return !s[len];
}

static bool klat_in_list(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (klat_streq(list[i], s))
			return true;
	return false;
}

/* x86_64 system call table names whose kernel function has another name */
static const struct {
	const char *kname;
	const char *name;
} klat_aliases[] = {
	{ "newstat", "stat" },
	{ "newfstat", "fstat" },
	{ "newlstat", "lstat" },
	{ "newuname", "uname" },
	{ "umount", "umount2" },
	{ "sendfile64", "sendfile" },
};

const char *klat_syscall_name(const char *kname)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(klat_aliases); i++)
		if (klat_streq(klat_aliases[i].kname, kname))
			return klat_aliases[i].name;
	return kname;
}

/*
 * Functions taking the call's arguments directly, preferred to the wrapper.
 * accept(2) and accept4(2) both end up in __sys_accept4. Linux 7.2 has no
 * __sys_getpeername: the module then falls back to the wrapper by itself.
 * getsockname has none: from 7.2 on, __sys_getsockname(..., peer) also runs
 * getpeername(2), and a target must time the call it is named after.
 */
static const struct {
	const char *name;
	const char *const syms[2];
} klat_inners[] = {
	{ "socket", { "__sys_socket" } },
	{ "socketpair", { "__sys_socketpair" } },
	{ "bind", { "__sys_bind" } },
	{ "listen", { "__sys_listen" } },
	{ "accept", { "__sys_accept4" } },
	{ "accept4", { "__sys_accept4" } },
	{ "connect", { "__sys_connect" } },
	{ "getpeername", { "__sys_getpeername" } },
	{ "sendto", { "__sys_sendto" } },
	{ "recvfrom", { "__sys_recvfrom" } },
	{ "setsockopt", { "__sys_setsockopt" } },
	{ "getsockopt", { "__sys_getsockopt" } },
	{ "shutdown", { "__sys_shutdown" } },
	{ "sendmsg", { "__sys_sendmsg" } },
	{ "recvmsg", { "__sys_recvmsg" } },
	{ "read", { "ksys_read" } },
	{ "write", { "ksys_write" } },
};

const char *const *klat_syscall_inner(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(klat_inners); i++)
		if (klat_name_eq(klat_inners[i].name, name, len))
			return klat_inners[i].syms;
	return NULL;
}

/* ---- classification (module load) ---- */

/* calls whose return value is a user address */
static const char *const klat_ret_ptrs[] = {
	"mmap", "mremap", "brk", "shmat", "map_shadow_stack",
};

/* (call, argument) -> decoder: what the argument's name and type cannot tell */
static const struct klat_override {
	const char *call;
	const char *arg;
	u8 type;
} klat_overrides[] = {
	/* files */
	{ "open", "flags", KLAT_A_OFLAGS },
	{ "openat", "flags", KLAT_A_OFLAGS },
	{ "open_by_handle_at", "flags", KLAT_A_OFLAGS },
	{ "mq_open", "oflag", KLAT_A_OFLAGS },
	{ "pipe2", "flags", KLAT_A_FDFLAGS },
	{ "dup3", "flags", KLAT_A_FDFLAGS },
	{ "inotify_init1", "flags", KLAT_A_FDFLAGS },
	{ "access", "mode", KLAT_A_ACCESS },
	{ "faccessat", "mode", KLAT_A_ACCESS },
	{ "faccessat2", "mode", KLAT_A_ACCESS },
	{ "faccessat2", "flags", KLAT_A_EACCESS },
	{ "newfstatat", "flag", KLAT_A_ATFLAGS },
	{ "fchownat", "flag", KLAT_A_ATFLAGS },
	{ "unlinkat", "flag", KLAT_A_ATFLAGS },
	{ "linkat", "flags", KLAT_A_ATFLAGS },
	{ "utimensat", "flags", KLAT_A_ATFLAGS },
	{ "statx", "flags", KLAT_A_ATFLAGS },
	{ "execveat", "flags", KLAT_A_ATFLAGS },
	{ "fchmodat2", "flags", KLAT_A_ATFLAGS },
	{ "getxattrat", "at_flags", KLAT_A_ATFLAGS },
	{ "setxattrat", "at_flags", KLAT_A_ATFLAGS },
	{ "listxattrat", "at_flags", KLAT_A_ATFLAGS },
	{ "removexattrat", "at_flags", KLAT_A_ATFLAGS },
	{ "file_getattr", "at_flags", KLAT_A_ATFLAGS },
	{ "file_setattr", "at_flags", KLAT_A_ATFLAGS },
	{ "renameat2", "flags", KLAT_A_RENAME },
	{ "lseek", "whence", KLAT_A_WHENCE },
	{ "fcntl", "cmd", KLAT_A_FCNTL },
	{ "flock", "cmd", KLAT_A_FLOCK },
	{ "close_range", "flags", KLAT_A_CLOSERANGE },
	{ "memfd_create", "flags", KLAT_A_MFD },
	/* strings not named like a path (the generic rule takes those) */
	{ "acct", "name", KLAT_A_STR },
	{ "umount", "name", KLAT_A_STR },
	{ "delete_module", "name_user", KLAT_A_STR },
	{ "memfd_create", "uname", KLAT_A_STR },
	{ "mq_open", "u_name", KLAT_A_STR },
	{ "mq_unlink", "u_name", KLAT_A_STR },
	{ "fgetxattr", "name", KLAT_A_STR },
	{ "fsetxattr", "name", KLAT_A_STR },
	{ "fremovexattr", "name", KLAT_A_STR },
	{ "name_to_handle_at", "name", KLAT_A_STR },
	{ "fsopen", "_fs_name", KLAT_A_STR },
	{ "fsconfig", "_key", KLAT_A_STR },
	{ "add_key", "_type", KLAT_A_STR },
	{ "request_key", "_type", KLAT_A_STR },
	{ "init_module", "uargs", KLAT_A_STR },
	{ "finit_module", "uargs", KLAT_A_STR },
	/* memory */
	{ "mmap", "prot", KLAT_A_PROT },
	{ "mmap", "flags", KLAT_A_MAPFLAGS },
	{ "mprotect", "prot", KLAT_A_PROT },
	{ "pkey_mprotect", "prot", KLAT_A_PROT },
	{ "remap_file_pages", "prot", KLAT_A_PROT },
	{ "madvise", "behavior", KLAT_A_MADV },
	{ "process_madvise", "behavior", KLAT_A_MADV },
	{ "mremap", "flags", KLAT_A_MREMAP },
	{ "msync", "flags", KLAT_A_MSYNC },
	{ "mlockall", "flags", KLAT_A_MCL },
	{ "clone", "newsp", KLAT_A_PTR },
	{ "clone", "tls", KLAT_A_PTR },
	/* sockets */
	{ "socket", "family", KLAT_A_FAMILY },
	{ "socket", "type", KLAT_A_SOCKTYPE },
	{ "socket", "protocol", KLAT_A_PROTO },
	{ "socketpair", "family", KLAT_A_FAMILY },
	{ "socketpair", "type", KLAT_A_SOCKTYPE },
	{ "socketpair", "protocol", KLAT_A_PROTO },
	{ "accept4", "flags", KLAT_A_SOCKFLAGS },
	{ "setsockopt", "level", KLAT_A_LEVEL },
	{ "getsockopt", "level", KLAT_A_LEVEL },
	{ "shutdown", "how", KLAT_A_SHUT },
	{ "sendto", "flags", KLAT_A_MSGFLAGS },
	{ "recvfrom", "flags", KLAT_A_MSGFLAGS },
	{ "sendmsg", "flags", KLAT_A_MSGFLAGS },
	{ "recvmsg", "flags", KLAT_A_MSGFLAGS },
	{ "sendmmsg", "flags", KLAT_A_MSGFLAGS },
	{ "recvmmsg", "flags", KLAT_A_MSGFLAGS },
	/* processes, signals, time */
	{ "kill", "sig", KLAT_A_SIGNAL },
	{ "tkill", "sig", KLAT_A_SIGNAL },
	{ "tgkill", "sig", KLAT_A_SIGNAL },
	{ "rt_sigaction", "sig", KLAT_A_SIGNAL },
	{ "rt_sigqueueinfo", "sig", KLAT_A_SIGNAL },
	{ "rt_tgsigqueueinfo", "sig", KLAT_A_SIGNAL },
	{ "pidfd_send_signal", "sig", KLAT_A_SIGNAL },
	{ "rt_sigprocmask", "how", KLAT_A_SIGHOW },
	{ "clock_nanosleep", "flags", KLAT_A_TIMERFLAGS },
	{ "timer_settime", "flags", KLAT_A_TIMERFLAGS },
	{ "wait4", "options", KLAT_A_WAITOPTS },
	{ "waitid", "options", KLAT_A_WAITOPTS },
	{ "waitid", "which", KLAT_A_IDTYPE },
	{ "clone", "clone_flags", KLAT_A_CLONE },
	{ "unshare", "unshare_flags", KLAT_A_UNSHARE },
	{ "setns", "flags", KLAT_A_UNSHARE },
	{ "futex", "op", KLAT_A_FUTEXOP },
	{ "futex", "val3", KLAT_A_HEX },
	{ "prctl", "option", KLAT_A_PRCTL },
	/* polling, event fds */
	{ "epoll_ctl", "op", KLAT_A_EPOLLCTL },
	{ "epoll_create1", "flags", KLAT_A_EPOLLFLAGS },
	{ "eventfd2", "flags", KLAT_A_EFDFLAGS },
	{ "timerfd_create", "flags", KLAT_A_TFDFLAGS },
	{ "timerfd_settime", "flags", KLAT_A_TFDSETFLAGS },
	{ "signalfd4", "flags", KLAT_A_SFDFLAGS },
};

/* a user string when its type is a char pointer */
static const char *const klat_path_names[] = {
	"filename", "pathname", "path", "oldname", "newname", "specialfile", "special",
	"library", "dev_name", "dir_name", "new_root", "put_old", "from_pathname",
	"to_pathname",
};

static const char *const klat_fd_names[] = {
	"fd", "oldfd", "newfd", "epfd", "fd_in", "fd_out", "fdin", "fdout", "ufd",
	"fildes", "out_fd", "in_fd", "pidfd", "fanotify_fd", "ruleset_fd", "kernel_fd",
	"initrd_fd", "group_fd", "mountdirfd", "fs_fd", "mqdes",
};

static const char *const klat_dfd_names[] = {
	"dfd", "olddfd", "newdfd", "from_dfd", "to_dfd",
};

static const char *const klat_clock_names[] = {
	"which_clock", "clockid",
};

/* unsigned long arguments that are user addresses, or sizes */
static const char *const klat_addr_names[] = {
	"addr", "start", "new_addr", "brk",
};

static const char *const klat_len_names[] = {
	"len", "old_len", "new_len", "count", "size", "len_in",
	"off", "offset", "pgoff",	/* file offsets: decimal, as lseek's and pread64's */
};

/* type strings (after any "const ") that give the decoder directly */
static const struct {
	const char *type;
	u8 arg;
} klat_types[] = {
	{ "int", KLAT_A_INT }, { "pid_t", KLAT_A_INT }, { "__s32", KLAT_A_INT },
	{ "key_t", KLAT_A_INT }, { "mqd_t", KLAT_A_INT }, { "key_serial_t", KLAT_A_INT },
	{ "timer_t", KLAT_A_INT }, { "clockid_t", KLAT_A_CLOCK },
	{ "unsigned int", KLAT_A_UINT }, { "unsigned", KLAT_A_UINT }, { "u32", KLAT_A_UINT },
	{ "__u32", KLAT_A_UINT }, { "uid_t", KLAT_A_UINT }, { "gid_t", KLAT_A_UINT },
	{ "qid_t", KLAT_A_UINT },
	{ "long", KLAT_A_LONG }, { "loff_t", KLAT_A_LONG }, { "off_t", KLAT_A_LONG },
	{ "size_t", KLAT_A_SIZE },
	{ "umode_t", KLAT_A_MODE },
	{ "cap_user_header_t", KLAT_A_PTR }, { "cap_user_data_t", KLAT_A_PTR },
};

#define KLAT_IN(list, s)	klat_in_list(list, ARRAY_SIZE(list), s)

static bool klat_has_char(const char *s, char c)
{
	for (; *s; s++)
		if (*s == c)
			return true;
	return false;
}

/* @t without a leading "const " */
static const char *klat_skip_const(const char *t)
{
	static const char c[] = "const ";
	size_t i;

	for (i = 0; c[i]; i++)
		if (t[i] != c[i])
			return t;
	return t + i;
}

static int klat_override(const char *call, const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(klat_overrides); i++)
		if (klat_streq(klat_overrides[i].arg, arg) &&
		    klat_streq(klat_overrides[i].call, call))
			return klat_overrides[i].type;
	return -1;
}

/* the decoder of argument @name of type @type (NULL: unknown) of call @call */
static u8 klat_classify_arg(const char *call, const char *name, const char *type)
{
	int ov = klat_override(call, name);
	const char *t;
	size_t i;

	if (ov >= 0)
		return (u8)ov;
	if (type && klat_has_char(type, '*')) {
		t = klat_skip_const(type);
		if ((klat_streq(t, "char *") || klat_streq(t, "char *const")) &&
		    KLAT_IN(klat_path_names, name))
			return KLAT_A_STR;
		return KLAT_A_PTR;
	}
	if (KLAT_IN(klat_fd_names, name))
		return KLAT_A_FD;
	if (KLAT_IN(klat_dfd_names, name))
		return KLAT_A_DFD;
	if (KLAT_IN(klat_clock_names, name))
		return KLAT_A_CLOCK;
	if (!type)
		return KLAT_A_HEX;
	t = klat_skip_const(type);
	if (klat_streq(t, "unsigned long")) {
		if (KLAT_IN(klat_addr_names, name))
			return KLAT_A_PTR;
		if (KLAT_IN(klat_len_names, name))
			return KLAT_A_SIZE;
		return KLAT_A_HEX;
	}
	for (i = 0; i < ARRAY_SIZE(klat_types); i++)
		if (klat_streq(klat_types[i].type, t))
			return klat_types[i].arg;
	return KLAT_A_HEX;
}

/* "arg0" .. "arg5" */
static void klat_set_argname(char *dst, unsigned int i)
{
	dst[0] = 'a';
	dst[1] = 'r';
	dst[2] = 'g';
	dst[3] = (char)('0' + i);
	dst[4] = '\0';
}

void klat_sysent_classify(struct klat_sysent *e, const char *const *types)
{
	unsigned int i;

	e->kname[KLAT_SC_NAME - 1] = '\0';
	e->str = -1;
	e->ret_ptr = KLAT_IN(klat_ret_ptrs, e->kname);
	e->meta = !!types;
	if (!types)
		e->nargs = KLAT_SC_ARGS;
	else if (e->nargs > KLAT_SC_ARGS)
		e->nargs = KLAT_SC_ARGS;
	for (i = 0; i < KLAT_SC_ARGS; i++) {
		if (i >= e->nargs) {
			e->arg[i] = KLAT_A_NONE;
			continue;
		}
		if (!types) {
			klat_set_argname(e->argname[i], i);
			e->arg[i] = KLAT_A_HEX;
			continue;
		}
		e->argname[i][KLAT_SC_NAME - 1] = '\0';
		e->arg[i] = klat_classify_arg(e->kname, e->argname[i], types[i]);
		if (e->arg[i] != KLAT_A_STR)
			continue;
		if (e->str < 0)
			e->str = (s8)i;
		else
			e->arg[i] = KLAT_A_PTR;	/* only the first string is copied */
	}
}

/* ---- the log's args= field (process context, when the log is read) ---- */

static const char klat_hexdigits[] = "0123456789abcdef";

/* \xNN */
static void klat_put_esc(struct klat_buf *o, u8 c)
{
	char tmp[5] = { '\\', 'x', klat_hexdigits[c >> 4], klat_hexdigits[c & 15], '\0' };

	klat_buf_puts(o, tmp);
}

static void klat_put_char(struct klat_buf *o, char c)
{
	char tmp[2] = { c, '\0' };

	klat_buf_puts(o, tmp);
}

/*
 * A user string, quoted: bytes outside '!' .. '~', and \ " , = (the log's
 * separators and the escape itself) as \xNN; a cut-off one ends "...
 */
static void klat_put_str(struct klat_buf *o, const char *s, int len)
{
	bool cut = len >= KLAT_SC_STR;
	int i;

	if (cut)
		len = KLAT_SC_STR;
	klat_buf_puts(o, "\"");
	for (i = 0; i < len; i++) {
		u8 c = (u8)s[i];

		if (c < 0x21 || c > 0x7e || c == '\\' || c == '"' || c == ',' || c == '=')
			klat_put_esc(o, c);
		else
			klat_put_char(o, (char)c);
	}
	klat_buf_puts(o, cut ? "\"..." : "\"");
}

/* the argument's name: a C identifier, any other byte as \xNN; argN if empty */
static void klat_put_argname(struct klat_buf *o, const struct klat_sysent *e,
			     unsigned int i)
{
	const char *n = e->argname[i];
	size_t j;

	if (!n[0]) {
		klat_buf_puts(o, "arg");
		klat_buf_u64(o, i);
		return;
	}
	for (j = 0; j < KLAT_SC_NAME && n[j]; j++) {
		char c = n[j];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			klat_put_char(o, c);
		else
			klat_put_esc(o, (u8)c);
	}
}

static void klat_put_ptr(struct klat_buf *o, u64 v, klat_put_ptr_fn *put_ptr)
{
	if (!v)
		klat_buf_puts(o, "NULL");
	else if (put_ptr)
		put_ptr(o, v);
	else
		klat_buf_hex(o, v);
}

static void klat_put_arg(struct klat_buf *o, unsigned int type, u64 v, const u64 *args,
			 klat_put_ptr_fn *put_ptr)
{
	const struct klat_decoder *d;

	switch (type) {
	case KLAT_A_INT:
	case KLAT_A_FD:
		klat_put_int(o, v);
		break;
	case KLAT_A_UINT:
		klat_buf_u64(o, (u32)v);
		break;
	case KLAT_A_LONG:
		if ((s64)v < 0) {
			klat_buf_puts(o, "-");
			klat_buf_u64(o, 0 - v);
		} else {
			klat_buf_u64(o, v);
		}
		break;
	case KLAT_A_SIZE:
		klat_buf_u64(o, v);
		break;
	case KLAT_A_PTR:
	case KLAT_A_STR:	/* not copied: the pointer */
		klat_put_ptr(o, v, put_ptr);
		break;
	default:
		d = klat_decoder(type);
		if (d)
			klat_put_dec(o, d, v, args);
		else
			klat_buf_hex(o, v);	/* KLAT_A_HEX, or out of range */
		break;
	}
}

size_t klat_sysent_format(const struct klat_sysent *e, const u64 *args,
			  const char *str, int str_len, klat_put_ptr_fn *put_ptr,
			  char *buf, size_t size)
{
	unsigned int i, n = e->nargs < KLAT_SC_ARGS ? e->nargs : KLAT_SC_ARGS;
	struct klat_buf o;
	bool sep = false;

	klat_buf_init(&o, buf, size);
	for (i = 0; i < n; i++) {
		if (e->arg[i] == KLAT_A_NONE)
			continue;
		if (sep)
			klat_buf_puts(&o, ",");
		sep = true;
		klat_put_argname(&o, e, i);
		klat_buf_puts(&o, "=");
		if (e->arg[i] == KLAT_A_STR && e->str == (s8)i && str && str_len >= 0)
			klat_put_str(&o, str, str_len);
		else
			klat_put_arg(&o, e->arg[i], args[i], args, put_ptr);
	}
	return o.len;
}

/*
 * On a kernel without syscall metadata: @e's argument names (nargs,
 * argname[]) from klat's table (klat_sysargs.c) by its kname, their types
 * into @types (KLAT_SC_ARGS strings of KLAT_SC_TYPE bytes, one after the
 * other). False if the table does not have the call. Init only.
 */
bool klat_sysargs_fill(struct klat_sysent *e, char *types)
{
	const struct klat_sysargs *a = NULL;
	unsigned int i;
	size_t j, k;

	for (i = 0; i < klat_nsysargs && !a; i++)
		if (klat_streq(klat_sysargs[i].kname, e->kname))
			a = &klat_sysargs[i];
	if (!a)
		return false;
	for (i = 0; i < KLAT_SC_ARGS && a->args[i]; i++) {
		const char *s = a->args[i];

		for (j = 0; s[j] && s[j] != ':' && j + 1 < KLAT_SC_NAME; j++)
			e->argname[i][j] = s[j];
		e->argname[i][j] = '\0';
		while (s[j] && s[j] != ':')
			j++;
		if (s[j] == ':')
			j++;
		for (k = 0; s[j + k] && k + 1 < KLAT_SC_TYPE; k++)
			types[i * KLAT_SC_TYPE + k] = s[j + k];
		types[i * KLAT_SC_TYPE + k] = '\0';
	}
	e->nargs = (u8)i;
	return true;
}
