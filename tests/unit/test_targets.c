// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for targets/klat_errno.{h,c}, targets/klat_syscalls.{h,c} and the
 * decoders of targets/klat_decode_*.c: errno names; the classification of every
 * system call of the kernel metadata fixtures (tests/fixtures/syscalls); the
 * args= log field, decoder by decoder, with its escapes and truncation at every
 * buffer size; the user-facing names and inner functions. The module hard-codes
 * the Linux x86_64 ABI numbers; here they are cross-checked against the C
 * library's and the kernel uapi headers' macros.
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/file.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <linux/close_range.h>

/* the uapi names glibc's <sys/mman.h> lacks (include/uapi/asm-generic/mman-common.h) */
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB	(21 << 26)
#define MAP_HUGE_1GB	(30 << 26)
#endif
#ifndef PROT_SEM
#define PROT_SEM	0x8
#endif

#include "klat_errno.h"
#include "klat_syscalls.h"
#include "klat_sysargs.h"
#include "klat_decode.h"
#include "klat_check.h"

struct named {
	long long val;
	const char *name;
};

#define N(x)	{ (x), #x }

/* ---- errno names ---- */

START_TEST(test_errno_spot)
{
	ck_assert_str_eq(klat_errno_name(1), "EPERM");
	ck_assert_str_eq(klat_errno_name(2), "ENOENT");
	ck_assert_str_eq(klat_errno_name(97), "EAFNOSUPPORT");
	ck_assert_str_eq(klat_errno_name(11), "EAGAIN");
	ck_assert_str_eq(klat_errno_name(35), "EDEADLK");
	ck_assert_str_eq(klat_errno_name(95), "EOPNOTSUPP");
	ck_assert_str_eq(klat_errno_name(133), "EHWPOISON");
	ck_assert_str_eq(klat_errno_name(512), "ERESTARTSYS");
	ck_assert_str_eq(klat_errno_name(516), "ERESTART_RESTARTBLOCK");
	ck_assert_str_eq(klat_errno_name(517), "EPROBE_DEFER");
	ck_assert_str_eq(klat_errno_name(519), "ENOPARAM");
	ck_assert_str_eq(klat_errno_name(521), "EBADHANDLE");
	ck_assert_str_eq(klat_errno_name(524), "ENOTSUPP");
	ck_assert_str_eq(klat_errno_name(530), "ERECALLCONFLICT");
	ck_assert_str_eq(klat_errno_name(531), "ENOGRACE");
	ck_assert_ptr_null(klat_errno_name(0));
	ck_assert_ptr_null(klat_errno_name(41));	/* gap: EWOULDBLOCK is 11 */
	ck_assert_ptr_null(klat_errno_name(58));	/* gap: EDEADLOCK is 35 */
	ck_assert_ptr_null(klat_errno_name(134));
	ck_assert_ptr_null(klat_errno_name(511));
	ck_assert_ptr_null(klat_errno_name(520));
	ck_assert_ptr_null(klat_errno_name(532));
	ck_assert_ptr_null(klat_errno_name(4095));
	ck_assert_ptr_null(klat_errno_name(-1));
	ck_assert_ptr_null(klat_errno_name(-97));
	ck_assert_ptr_null(klat_errno_name(INT_MIN));
	ck_assert_ptr_null(klat_errno_name(INT_MAX));
}
END_TEST

START_TEST(test_errno_coverage)
{
	int i;

	for (i = -1000; i <= 1000; i++) {
		const char *name = klat_errno_name(i);
		bool want = (i >= 1 && i <= 133 && i != 41 && i != 58) ||
			    (i >= 512 && i <= 531 && i != 520);

		ck_assert_msg(!!name == want, "errno %d: %s", i, name ? name : "NULL");
		if (name)
			ck_assert_msg(name[0] == 'E' && strlen(name) < 24, "errno %d: %s", i, name);
	}
}
END_TEST

/* every libc errno macro (x86_64 Linux) has our number and name; aliases the primary's */
static const struct named libc_errnos[] = {
	N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG), N(ENOEXEC),
	N(EBADF), N(ECHILD), N(EAGAIN), N(ENOMEM), N(EACCES), N(EFAULT), N(ENOTBLK),
	N(EBUSY), N(EEXIST), N(EXDEV), N(ENODEV), N(ENOTDIR), N(EISDIR), N(EINVAL),
	N(ENFILE), N(EMFILE), N(ENOTTY), N(ETXTBSY), N(EFBIG), N(ENOSPC), N(ESPIPE),
	N(EROFS), N(EMLINK), N(EPIPE), N(EDOM), N(ERANGE), N(EDEADLK), N(ENAMETOOLONG),
	N(ENOLCK), N(ENOSYS), N(ENOTEMPTY), N(ELOOP), N(ENOMSG), N(EIDRM), N(ECHRNG),
	N(EL2NSYNC), N(EL3HLT), N(EL3RST), N(ELNRNG), N(EUNATCH), N(ENOCSI), N(EL2HLT),
	N(EBADE), N(EBADR), N(EXFULL), N(ENOANO), N(EBADRQC), N(EBADSLT), N(EBFONT),
	N(ENOSTR), N(ENODATA), N(ETIME), N(ENOSR), N(ENONET), N(ENOPKG), N(EREMOTE),
	N(ENOLINK), N(EADV), N(ESRMNT), N(ECOMM), N(EPROTO), N(EMULTIHOP), N(EDOTDOT),
	N(EBADMSG), N(EOVERFLOW), N(ENOTUNIQ), N(EBADFD), N(EREMCHG), N(ELIBACC),
	N(ELIBBAD), N(ELIBSCN), N(ELIBMAX), N(ELIBEXEC), N(EILSEQ), N(ERESTART),
	N(ESTRPIPE), N(EUSERS), N(ENOTSOCK), N(EDESTADDRREQ), N(EMSGSIZE), N(EPROTOTYPE),
	N(ENOPROTOOPT), N(EPROTONOSUPPORT), N(ESOCKTNOSUPPORT), N(EOPNOTSUPP),
	N(EPFNOSUPPORT), N(EAFNOSUPPORT), N(EADDRINUSE), N(EADDRNOTAVAIL), N(ENETDOWN),
	N(ENETUNREACH), N(ENETRESET), N(ECONNABORTED), N(ECONNRESET), N(ENOBUFS),
	N(EISCONN), N(ENOTCONN), N(ESHUTDOWN), N(ETOOMANYREFS), N(ETIMEDOUT),
	N(ECONNREFUSED), N(EHOSTDOWN), N(EHOSTUNREACH), N(EALREADY), N(EINPROGRESS),
	N(ESTALE), N(EUCLEAN), N(ENOTNAM), N(ENAVAIL), N(EISNAM), N(EREMOTEIO), N(EDQUOT),
	N(ENOMEDIUM), N(EMEDIUMTYPE), N(ECANCELED), N(ENOKEY), N(EKEYEXPIRED),
	N(EKEYREVOKED), N(EKEYREJECTED), N(EOWNERDEAD), N(ENOTRECOVERABLE), N(ERFKILL),
	N(EHWPOISON),
};

START_TEST(test_errno_libc_macros)
{
	size_t i;

	ck_assert_uint_eq(ARRAY_SIZE(libc_errnos), 131);
	for (i = 0; i < ARRAY_SIZE(libc_errnos); i++) {
		const char *name = klat_errno_name((int)libc_errnos[i].val);

		ck_assert_msg(name && !strcmp(name, libc_errnos[i].name), "%s (%lld): got %s",
			      libc_errnos[i].name, libc_errnos[i].val, name ? name : "NULL");
	}
	ck_assert_str_eq(klat_errno_name(EWOULDBLOCK), "EAGAIN");
	ck_assert_str_eq(klat_errno_name(EDEADLOCK), "EDEADLK");
	ck_assert_str_eq(klat_errno_name(ENOTSUP), "EOPNOTSUPP");
}
END_TEST

START_TEST(test_errno_strerrorname)
{
	int i, checked = 0;

	for (i = 1; i <= 133; i++) {
		const char *libc = strerrorname_np(i);
		const char *ours = klat_errno_name(i);

		if (!libc) {
			ck_assert_msg(!ours, "errno %d: libc has none, we say %s", i, ours);
			continue;
		}
		checked++;
		ck_assert_msg(ours && !strcmp(ours, libc), "errno %d: libc %s, ours %s", i, libc,
			      ours ? ours : "NULL");
	}
	ck_assert_int_eq(checked, 131);
}
END_TEST

/* ---- helpers: system call entries as the module makes them ---- */

#define FIXTURES	"../fixtures/syscalls/"

static char out[1024];

/* fake %p: the module prints the kernel's pointer hash */
static void put_ptr_hash(struct klat_buf *o, u64 v)
{
	klat_buf_puts(o, "<");
	klat_buf_hex(o, v ^ 0x5a5a);
	klat_buf_puts(o, ">");
}

/*
 * @e from a metadata line's argument part ("fd:int;buf:char *;"), classified.
 * @types receives the type strings (pointers into @store).
 */
static void parse_meta(struct klat_sysent *e, const char *kname, const char *spec,
		       char store[KLAT_SC_ARGS][128], const char *types[KLAT_SC_ARGS])
{
	const char *p = spec;
	int n = 0;

	memset(e, 0, sizeof(*e));
	snprintf(e->kname, sizeof(e->kname), "%s", kname);
	snprintf(e->name, sizeof(e->name), "%s", klat_syscall_name(kname));
	e->nr = -1;
	while (*p && *p != '\n') {
		const char *colon = strchr(p, ':'), *semi = strchr(p, ';');

		ck_assert_msg(colon && semi && colon < semi && n < KLAT_SC_ARGS, "%s: %s", kname,
			      spec);
		snprintf(e->argname[n], KLAT_SC_NAME, "%.*s", (int)(colon - p), p);
		snprintf(store[n], 128, "%.*s", (int)(semi - colon - 1), colon + 1);
		types[n] = store[n];
		n++;
		p = semi + 1;
	}
	e->nargs = (u8)n;
	klat_sysent_classify(e, types);
}

static void mk(struct klat_sysent *e, const char *kname, const char *spec)
{
	char store[KLAT_SC_ARGS][128];
	const char *types[KLAT_SC_ARGS];

	parse_meta(e, kname, spec, store, types);
}

/* the line of @kname in fixture @file, classified; fails if absent */
static void from_fixture(struct klat_sysent *e, const char *file, const char *kname)
{
	char path[256], line[1024];
	size_t kl = strlen(kname);
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "%s", file);
	f = fopen(path, "r");
	ck_assert_msg(f, "%s: cannot open", path);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, kname, kl) && line[kl] == ' ') {
			fclose(f);
			mk(e, kname, line + kl + 1);
			return;
		}
	}
	fclose(f);
	ck_abort_msg("%s: no line for %s", file, kname);
}

static const char *fmt_e(const struct klat_sysent *e, const u64 *args, const char *str,
			 int str_len, klat_put_ptr_fn *pp)
{
	size_t n = klat_sysent_format(e, args, str, str_len, pp, out, sizeof(out));

	ck_assert_uint_eq(n, strlen(out));
	return out;
}

/* one argument "v" decoded by @type, after @a0 (socket's family for PROTO) */
static const char *fmt1(unsigned int type, u64 a0, u64 v)
{
	struct klat_sysent e = { .nargs = 2, .str = -1 };
	u64 args[KLAT_SC_ARGS] = { a0, v };

	e.arg[0] = KLAT_A_NONE;
	e.arg[1] = (u8)type;
	strcpy(e.argname[1], "v");
	fmt_e(&e, args, NULL, -1, NULL);
	ck_assert_msg(!strncmp(out, "v=", 2), "%s", out);
	memmove(out, out + 2, strlen(out + 2) + 1);
	return out;
}

#define ck_fmt1(type, a0, v, want) do {						\
	const char *_got = fmt1((type), (a0), (v));				\
	ck_assert_msg(!strcmp(_got, (want)), "%s (0x%llx): got \"%s\", want \"%s\"", \
		      #type, (unsigned long long)(v), _got, (want));		\
} while (0)

/* ---- every decoder, every table entry ---- */

struct area {
	const char *name;
	const struct klat_decoder *decs;
	const size_t *n;
};

static const struct area areas[] = {
	{ "net", klat_net_decoders, &klat_net_ndecoders },
	{ "fs", klat_fs_decoders, &klat_fs_ndecoders },
	{ "mm", klat_mm_decoders, &klat_mm_ndecoders },
	{ "proc", klat_proc_decoders, &klat_proc_ndecoders },
	{ "poll", klat_poll_decoders, &klat_poll_ndecoders },
};

/* the kinds klat_sysent_format() shows itself, without a decoder */
static bool is_plain(unsigned int arg)
{
	return arg <= KLAT_A_FD || arg == KLAT_A_PTR || arg == KLAT_A_STR;
}

/* what decoder @d shows for its table entry @t */
static void want_entry(const struct klat_decoder *d, const struct klat_name *t, char *want,
		       size_t size)
{
	switch (d->arg) {
	case KLAT_A_OFLAGS:
		snprintf(want, size, "O_RDONLY|%s", t->name);
		break;
	case KLAT_A_MAPFLAGS:
		snprintf(want, size, "0|%s", t->name);
		break;
	case KLAT_A_CLONE:	/* CLONE_NEWTIME is in the exit signal byte: not clone's */
		if (t->val == 0x80)
			snprintf(want, size, "0x80");
		else
			snprintf(want, size, "%s", t->name);
		break;
	case KLAT_A_SOCKTYPE:	/* the flags are the socket type's */
	default:
		snprintf(want, size, "%s", t->name);
		break;
	}
}

START_TEST(test_decoder_tables)
{
	const struct area *a = &areas[_i];
	size_t i, j, entries = 0;

	ck_assert_uint_gt(*a->n, 0);
	for (i = 0; i < *a->n; i++) {
		const struct klat_decoder *d = &a->decs[i];

		ck_assert_msg(!is_plain(d->arg) && d->arg < KLAT_A_COUNT, "%s %zu", a->name, i);
		ck_assert_ptr_eq(klat_decoder(d->arg), d);
		ck_assert(d->kind != KLAT_DEC_FN || d->fn);
		ck_assert(d->what && d->what[0]);
		for (j = 0; j < d->n; j++) {
			char want[64];

			want_entry(d, &d->tab[j], want, sizeof(want));
			ck_fmt1(d->arg, AF_INET, d->tab[j].val, want);
			/* names are one log token */
			ck_assert(!strpbrk(d->tab[j].name, " ,=\"\\\t\n"));
			entries++;
		}
	}
	ck_assert_uint_gt(entries, *a->n);
}
END_TEST

/* every decoder enum value has exactly one decoder; the plain kinds none */
START_TEST(test_decoder_coverage)
{
	unsigned int arg;
	size_t i, j, found;

	for (arg = 0; arg < KLAT_A_COUNT + 5; arg++) {
		found = 0;
		for (i = 0; i < ARRAY_SIZE(areas); i++)
			for (j = 0; j < *areas[i].n; j++)
				found += areas[i].decs[j].arg == arg;
		if (is_plain(arg) || arg >= KLAT_A_COUNT) {
			ck_assert_msg(!found && !klat_decoder(arg), "arg %u", arg);
		} else {
			ck_assert_msg(found == 1, "arg %u: %zu decoders", arg, found);
			ck_assert_ptr_nonnull(klat_decoder(arg));
		}
	}
}
END_TEST

/* ---- golden strings, decoder by decoder ---- */

START_TEST(test_fmt_plain)
{
	ck_fmt1(KLAT_A_HEX, 0, 0, "0x0");
	ck_fmt1(KLAT_A_HEX, 0, 0x1f, "0x1f");
	ck_fmt1(KLAT_A_HEX, 0, ~0ULL, "0xffffffffffffffff");
	ck_fmt1(KLAT_A_INT, 0, 0xffffffffULL, "-1");
	ck_fmt1(KLAT_A_INT, 0, 0x1234567800000005ULL, "5");
	ck_fmt1(KLAT_A_INT, 0, 0x80000000ULL, "-2147483648");
	ck_fmt1(KLAT_A_FD, 0, 0xffffffffffffff9cULL, "-100");
	ck_fmt1(KLAT_A_FD, 0, 3, "3");
	ck_fmt1(KLAT_A_UINT, 0, 0xffffffffffffffffULL, "4294967295");
	ck_fmt1(KLAT_A_UINT, 0, 0x100000007ULL, "7");
	ck_fmt1(KLAT_A_LONG, 0, (u64)-1, "-1");
	ck_fmt1(KLAT_A_LONG, 0, 0x8000000000000000ULL, "-9223372036854775808");
	ck_fmt1(KLAT_A_LONG, 0, 0x7fffffffffffffffULL, "9223372036854775807");
	ck_fmt1(KLAT_A_LONG, 0, 4096, "4096");
	ck_fmt1(KLAT_A_SIZE, 0, ~0ULL, "18446744073709551615");
	ck_fmt1(KLAT_A_SIZE, 0, 0, "0");
	ck_fmt1(KLAT_A_PTR, 0, 0, "NULL");
	ck_fmt1(KLAT_A_PTR, 0, 0x7ffc12345678ULL, "0x7ffc12345678");
	ck_fmt1(KLAT_A_STR, 0, 0, "NULL");	/* a string not copied: its pointer */
	ck_fmt1(KLAT_A_STR, 0, 0x1000, "0x1000");
	ck_fmt1(KLAT_A_COUNT, 0, 0x10, "0x10");	/* out of range: hex */
	ck_fmt1(250, 0, 0, "0x0");
}
END_TEST

START_TEST(test_fmt_fs)
{
	ck_fmt1(KLAT_A_DFD, 0, (u32)AT_FDCWD, "AT_FDCWD");
	ck_fmt1(KLAT_A_DFD, 0, (u64)(s64)AT_FDCWD, "AT_FDCWD");
	ck_fmt1(KLAT_A_DFD, 0, 5, "5");
	ck_fmt1(KLAT_A_DFD, 0, (u32)-99, "-99");
	ck_fmt1(KLAT_A_MODE, 0, 0, "0");
	ck_fmt1(KLAT_A_MODE, 0, 0644, "0644");
	ck_fmt1(KLAT_A_MODE, 0, 01777, "01777");
	ck_fmt1(KLAT_A_MODE, 0, 7, "07");
	ck_fmt1(KLAT_A_MODE, 0, 0xffffffffffffffffULL, "037777777777");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_RDONLY, "O_RDONLY");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_RDONLY | O_CLOEXEC, "O_RDONLY|O_CLOEXEC");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		"O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_RDWR | O_SYNC, "O_RDWR|O_SYNC");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_RDWR | O_TMPFILE, "O_RDWR|O_TMPFILE");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_DIRECTORY, "O_RDONLY|O_DIRECTORY");
	ck_fmt1(KLAT_A_OFLAGS, 0, 3, "3");
	ck_fmt1(KLAT_A_OFLAGS, 0, O_WRONLY | 0x80000000u, "O_WRONLY|0x80000000");
	ck_fmt1(KLAT_A_OFLAGS, 0, 0100000 | O_NOATIME, "O_RDONLY|O_LARGEFILE|O_NOATIME");
	ck_fmt1(KLAT_A_FDFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_FDFLAGS, 0, O_CLOEXEC | O_NONBLOCK, "O_NONBLOCK|O_CLOEXEC");
	ck_fmt1(KLAT_A_ATFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_ATFLAGS, 0, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH,
		"AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH");
	ck_fmt1(KLAT_A_ATFLAGS, 0, AT_REMOVEDIR, "AT_REMOVEDIR");
	ck_fmt1(KLAT_A_ATFLAGS, 0, AT_STATX_DONT_SYNC | 1, "AT_STATX_DONT_SYNC|0x1");
	ck_fmt1(KLAT_A_EACCESS, 0, AT_EACCESS | AT_SYMLINK_NOFOLLOW,
		"AT_SYMLINK_NOFOLLOW|AT_EACCESS");
	ck_fmt1(KLAT_A_ACCESS, 0, F_OK, "F_OK");
	ck_fmt1(KLAT_A_ACCESS, 0, R_OK | W_OK | X_OK, "R_OK|W_OK|X_OK");
	ck_fmt1(KLAT_A_ACCESS, 0, X_OK | 8, "X_OK|0x8");
	ck_fmt1(KLAT_A_WHENCE, 0, SEEK_END, "SEEK_END");
	ck_fmt1(KLAT_A_WHENCE, 0, 9, "9");
	ck_fmt1(KLAT_A_FCNTL, 0, F_SETFL, "F_SETFL");
	ck_fmt1(KLAT_A_FCNTL, 0, F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC");
	ck_fmt1(KLAT_A_FCNTL, 0, 99, "99");
	ck_fmt1(KLAT_A_FLOCK, 0, LOCK_EX | LOCK_NB, "LOCK_EX|LOCK_NB");
	ck_fmt1(KLAT_A_RENAME, 0, RENAME_NOREPLACE, "RENAME_NOREPLACE");
	ck_fmt1(KLAT_A_CLOSERANGE, 0, CLOSE_RANGE_CLOEXEC, "CLOSE_RANGE_CLOEXEC");
	ck_fmt1(KLAT_A_MFD, 0, MFD_CLOEXEC | MFD_ALLOW_SEALING, "MFD_CLOEXEC|MFD_ALLOW_SEALING");
}
END_TEST

START_TEST(test_fmt_mm)
{
	ck_fmt1(KLAT_A_PROT, 0, PROT_NONE, "PROT_NONE");
	ck_fmt1(KLAT_A_PROT, 0, PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE");
	ck_fmt1(KLAT_A_PROT, 0, PROT_READ | PROT_EXEC | 0x100, "PROT_READ|PROT_EXEC|0x100");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE | MAP_ANONYMOUS, "MAP_PRIVATE|MAP_ANONYMOUS");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_SHARED, "MAP_SHARED");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_SHARED_VALIDATE | MAP_SYNC,
		"MAP_SHARED_VALIDATE|MAP_SYNC");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE,
		"MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB,
		"MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE | MAP_HUGETLB | MAP_HUGE_1GB,
		"MAP_PRIVATE|MAP_HUGETLB|MAP_HUGE_1GB");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE | (16ULL << 26), "MAP_PRIVATE|0x40000000");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, 4 | 0x100000000ULL, "4|0x100000000");
	ck_fmt1(KLAT_A_MADV, 0, MADV_DONTNEED, "MADV_DONTNEED");
	ck_fmt1(KLAT_A_MADV, 0, 102, "MADV_GUARD_INSTALL");
	ck_fmt1(KLAT_A_MADV, 0, 7, "7");
	ck_fmt1(KLAT_A_MREMAP, 0, MREMAP_MAYMOVE | MREMAP_FIXED, "MREMAP_MAYMOVE|MREMAP_FIXED");
	ck_fmt1(KLAT_A_MREMAP, 0, 0, "0");
	ck_fmt1(KLAT_A_MSYNC, 0, MS_SYNC | MS_INVALIDATE, "MS_INVALIDATE|MS_SYNC");
	ck_fmt1(KLAT_A_MCL, 0, MCL_CURRENT | MCL_FUTURE, "MCL_CURRENT|MCL_FUTURE");
}
END_TEST

START_TEST(test_fmt_proc)
{
	ck_fmt1(KLAT_A_SIGNAL, 0, SIGTERM, "SIGTERM");
	ck_fmt1(KLAT_A_SIGNAL, 0, SIGKILL, "SIGKILL");
	ck_fmt1(KLAT_A_SIGNAL, 0, 0, "0");
	ck_fmt1(KLAT_A_SIGNAL, 0, 32, "SIGRTMIN");
	ck_fmt1(KLAT_A_SIGNAL, 0, 35, "SIGRTMIN+3");
	ck_fmt1(KLAT_A_SIGNAL, 0, 64, "SIGRTMIN+32");
	ck_fmt1(KLAT_A_SIGNAL, 0, 65, "65");
	ck_fmt1(KLAT_A_SIGNAL, 0, (u32)-1, "-1");
	ck_fmt1(KLAT_A_CLOCK, 0, CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	ck_fmt1(KLAT_A_CLOCK, 0, CLOCK_TAI, "CLOCK_TAI");
	ck_fmt1(KLAT_A_CLOCK, 0, 10, "10");
	ck_fmt1(KLAT_A_CLOCK, 0, (u32)-6, "-6");	/* a thread's CPU clock */
	ck_fmt1(KLAT_A_TIMERFLAGS, 0, TIMER_ABSTIME, "TIMER_ABSTIME");
	ck_fmt1(KLAT_A_TIMERFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_SIGHOW, 0, SIG_SETMASK, "SIG_SETMASK");
	ck_fmt1(KLAT_A_WAITOPTS, 0, 0, "0");
	ck_fmt1(KLAT_A_WAITOPTS, 0, WNOHANG | WUNTRACED, "WNOHANG|WUNTRACED");
	ck_fmt1(KLAT_A_WAITOPTS, 0, WEXITED | WNOWAIT | __WALL, "WEXITED|WNOWAIT|__WALL");
	ck_fmt1(KLAT_A_IDTYPE, 0, P_PID, "P_PID");
	ck_fmt1(KLAT_A_CLONE, 0, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
		CLONE_CHILD_CLEARTID,
		"CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
		"CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID");
	ck_fmt1(KLAT_A_CLONE, 0, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
		"CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	ck_fmt1(KLAT_A_CLONE, 0, SIGCHLD, "SIGCHLD");
	ck_fmt1(KLAT_A_CLONE, 0, 0, "0");
	ck_fmt1(KLAT_A_CLONE, 0, CLONE_VM | 0x7f, "CLONE_VM|0x7f");
	ck_fmt1(KLAT_A_CLONE, 0, 0x100000000ULL | SIGCHLD, "SIGCHLD|0x100000000");
	ck_fmt1(KLAT_A_UNSHARE, 0, CLONE_NEWNS | CLONE_NEWTIME, "CLONE_NEWTIME|CLONE_NEWNS");
	ck_fmt1(KLAT_A_UNSHARE, 0, 0, "0");
	ck_fmt1(KLAT_A_FUTEXOP, 0, FUTEX_WAIT | FUTEX_PRIVATE_FLAG,
		"FUTEX_WAIT|FUTEX_PRIVATE_FLAG");
	ck_fmt1(KLAT_A_FUTEXOP, 0, FUTEX_WAKE, "FUTEX_WAKE");
	ck_fmt1(KLAT_A_FUTEXOP, 0, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME,
		"FUTEX_WAIT_BITSET|FUTEX_PRIVATE_FLAG|FUTEX_CLOCK_REALTIME");
	ck_fmt1(KLAT_A_FUTEXOP, 0, 99 | 0x1000, "99|0x1000");
	ck_fmt1(KLAT_A_PRCTL, 0, PR_SET_NAME, "PR_SET_NAME");
	ck_fmt1(KLAT_A_PRCTL, 0, PR_SET_PTRACER, "PR_SET_PTRACER");
	ck_fmt1(KLAT_A_PRCTL, 0, 9999, "9999");
}
END_TEST

START_TEST(test_fmt_poll)
{
	ck_fmt1(KLAT_A_POLLEVENTS, 0, POLLIN | POLLOUT, "POLLIN|POLLOUT");
	ck_fmt1(KLAT_A_POLLEVENTS, 0, 0, "0");
	ck_fmt1(KLAT_A_EPOLLEVENTS, 0, EPOLLIN | EPOLLRDHUP | EPOLLET, "EPOLLIN|EPOLLRDHUP|EPOLLET");
	ck_fmt1(KLAT_A_EPOLLEVENTS, 0, EPOLLOUT | 0x4000, "EPOLLOUT|0x4000");
	ck_fmt1(KLAT_A_EPOLLCTL, 0, EPOLL_CTL_MOD, "EPOLL_CTL_MOD");
	ck_fmt1(KLAT_A_EPOLLCTL, 0, 0, "0");
	ck_fmt1(KLAT_A_EPOLLFLAGS, 0, EPOLL_CLOEXEC, "EPOLL_CLOEXEC");
	ck_fmt1(KLAT_A_EPOLLFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_EFDFLAGS, 0, EFD_CLOEXEC | EFD_NONBLOCK, "EFD_NONBLOCK|EFD_CLOEXEC");
	ck_fmt1(KLAT_A_EFDFLAGS, 0, EFD_SEMAPHORE, "EFD_SEMAPHORE");
	ck_fmt1(KLAT_A_TFDFLAGS, 0, TFD_CLOEXEC, "TFD_CLOEXEC");
	ck_fmt1(KLAT_A_TFDSETFLAGS, 0, TFD_TIMER_ABSTIME, "TFD_TIMER_ABSTIME");
	ck_fmt1(KLAT_A_SFDFLAGS, 0, SFD_NONBLOCK | SFD_CLOEXEC, "SFD_NONBLOCK|SFD_CLOEXEC");
}
END_TEST

START_TEST(test_fmt_net)
{
	ck_fmt1(KLAT_A_FAMILY, 0, AF_INET6, "AF_INET6");
	ck_fmt1(KLAT_A_FAMILY, 0, 999, "999");
	ck_fmt1(KLAT_A_FAMILY, 0, AF_MAX, "46");	/* first unnamed */
	ck_fmt1(KLAT_A_SOCKTYPE, 0, SOCK_STREAM | SOCK_CLOEXEC, "SOCK_STREAM|SOCK_CLOEXEC");
	ck_fmt1(KLAT_A_SOCKTYPE, 0, 0, "0");
	ck_fmt1(KLAT_A_SOCKTYPE, 0, 7, "7");
	ck_fmt1(KLAT_A_SOCKTYPE, 0, 15 | SOCK_NONBLOCK, "15|SOCK_NONBLOCK");
	ck_fmt1(KLAT_A_SOCKTYPE, 0, 0x10, "0|0x10");
	ck_fmt1(KLAT_A_PROTO, AF_INET, IPPROTO_TCP, "IPPROTO_TCP");
	ck_fmt1(KLAT_A_PROTO, AF_INET6, 0, "IPPROTO_IP");
	ck_fmt1(KLAT_A_PROTO, AF_UNIX, 6, "6");
	ck_fmt1(KLAT_A_PROTO, AF_INET, (u32)-1, "-1");
	ck_fmt1(KLAT_A_SOCKFLAGS, 0, 0, "0");
	ck_fmt1(KLAT_A_SOCKFLAGS, 0, SOCK_CLOEXEC | 1, "SOCK_CLOEXEC|0x1");
	ck_fmt1(KLAT_A_LEVEL, 0, SOL_SOCKET, "SOL_SOCKET");
	ck_fmt1(KLAT_A_LEVEL, 0, 12345, "12345");
	ck_fmt1(KLAT_A_SHUT, 0, SHUT_RDWR, "SHUT_RDWR");
	ck_fmt1(KLAT_A_MSGFLAGS, 0, MSG_DONTWAIT | MSG_NOSIGNAL, "MSG_DONTWAIT|MSG_NOSIGNAL");
	ck_fmt1(KLAT_A_MSGFLAGS, 0, 0x80000200u, "0x80000200");
	ck_fmt1(KLAT_A_MSGFLAGS, 0, 0, "0");
}
END_TEST

/* ---- the hard-coded numbers agree with the C library's and the uapi headers' ---- */

static const struct named libc_families[] = {
	N(AF_UNSPEC), N(AF_UNIX), N(AF_INET), N(AF_AX25), N(AF_IPX), N(AF_APPLETALK),
	N(AF_NETROM), N(AF_BRIDGE), N(AF_ATMPVC), N(AF_X25), N(AF_INET6), N(AF_ROSE),
	N(AF_DECnet), N(AF_NETBEUI), N(AF_SECURITY), N(AF_KEY), N(AF_NETLINK), N(AF_PACKET),
	N(AF_ASH), N(AF_ECONET), N(AF_ATMSVC), N(AF_RDS), N(AF_SNA), N(AF_IRDA), N(AF_PPPOX),
	N(AF_WANPIPE), N(AF_LLC), N(AF_IB), N(AF_MPLS), N(AF_CAN), N(AF_TIPC), N(AF_BLUETOOTH),
	N(AF_IUCV), N(AF_RXRPC), N(AF_ISDN), N(AF_PHONET), N(AF_IEEE802154), N(AF_CAIF),
	N(AF_ALG), N(AF_NFC), N(AF_VSOCK), N(AF_KCM), N(AF_QIPCRTR), N(AF_SMC),
#ifdef AF_XDP
	N(AF_XDP),
#endif
#ifdef AF_MCTP
	N(AF_MCTP),
#endif
};

static const struct named libc_socktypes[] = {
	N(SOCK_STREAM), N(SOCK_DGRAM), N(SOCK_RAW), N(SOCK_RDM), N(SOCK_SEQPACKET),
	N(SOCK_DCCP), N(SOCK_PACKET),
};

static const struct named libc_ipprotos[] = {
	N(IPPROTO_IP), N(IPPROTO_ICMP), N(IPPROTO_IGMP), N(IPPROTO_TCP), N(IPPROTO_UDP),
	N(IPPROTO_DCCP), N(IPPROTO_IPV6), N(IPPROTO_GRE), N(IPPROTO_ESP), N(IPPROTO_AH),
	N(IPPROTO_ICMPV6), N(IPPROTO_SCTP), N(IPPROTO_UDPLITE), N(IPPROTO_RAW),
#ifdef IPPROTO_MPTCP
	N(IPPROTO_MPTCP),
#endif
};

static const struct named libc_levels[] = {
	N(SOL_SOCKET), N(IPPROTO_IP), N(IPPROTO_TCP), N(IPPROTO_UDP), N(IPPROTO_IPV6),
	N(IPPROTO_ICMPV6), N(IPPROTO_SCTP), N(IPPROTO_UDPLITE), N(SOL_RAW), N(SOL_PACKET),
	N(SOL_NETLINK), N(SOL_ALG), N(SOL_TLS), N(SOL_XDP),
#ifdef SOL_MPTCP
	N(SOL_MPTCP),
#endif
};

static const struct named libc_shuts[] = { N(SHUT_RD), N(SHUT_WR), N(SHUT_RDWR) };

/* glibc still calls 0x10 by its old name, MSG_PROXY */
static const struct named libc_msgflags[] = {
	N(MSG_OOB), N(MSG_PEEK), N(MSG_DONTROUTE), N(MSG_CTRUNC), { MSG_PROXY, "MSG_PROBE" },
	N(MSG_TRUNC), N(MSG_DONTWAIT), N(MSG_EOR), N(MSG_WAITALL), N(MSG_CONFIRM),
	N(MSG_ERRQUEUE), N(MSG_NOSIGNAL), N(MSG_MORE), N(MSG_WAITFORONE), N(MSG_BATCH),
	N(MSG_ZEROCOPY), N(MSG_FASTOPEN), N(MSG_CMSG_CLOEXEC),
};

static const struct named libc_oflags[] = {
	N(O_CREAT), N(O_EXCL), N(O_NOCTTY), N(O_TRUNC), N(O_APPEND), N(O_NONBLOCK), N(O_DSYNC),
	N(O_SYNC), N(O_ASYNC), N(O_DIRECT), N(O_DIRECTORY), N(O_NOFOLLOW), N(O_NOATIME),
	N(O_CLOEXEC), N(O_PATH), N(O_TMPFILE),
	/* O_LARGEFILE is 0 in 64-bit user space: the kernel's 0100000 is checked above */
};

static const struct named libc_prots[] = {
	N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC), N(PROT_GROWSDOWN), N(PROT_GROWSUP),
};

static const struct named libc_mapflags[] = {
	N(MAP_FIXED), N(MAP_ANONYMOUS), N(MAP_32BIT), N(MAP_GROWSDOWN), N(MAP_DENYWRITE),
	N(MAP_EXECUTABLE), N(MAP_LOCKED), N(MAP_NORESERVE), N(MAP_POPULATE), N(MAP_NONBLOCK),
	N(MAP_STACK), N(MAP_HUGETLB), N(MAP_SYNC), N(MAP_FIXED_NOREPLACE),
#ifdef MAP_ABOVE4G
	N(MAP_ABOVE4G),
#endif
};

static const struct named libc_madvs[] = {
	N(MADV_NORMAL), N(MADV_RANDOM), N(MADV_SEQUENTIAL), N(MADV_WILLNEED), N(MADV_DONTNEED),
	N(MADV_FREE), N(MADV_REMOVE), N(MADV_DONTFORK), N(MADV_DOFORK), N(MADV_MERGEABLE),
	N(MADV_UNMERGEABLE), N(MADV_HUGEPAGE), N(MADV_NOHUGEPAGE), N(MADV_DONTDUMP),
	N(MADV_DODUMP), N(MADV_WIPEONFORK), N(MADV_KEEPONFORK), N(MADV_COLD), N(MADV_PAGEOUT),
	N(MADV_HWPOISON),
#ifdef MADV_POPULATE_READ
	N(MADV_POPULATE_READ), N(MADV_POPULATE_WRITE),
#endif
#ifdef MADV_COLLAPSE
	N(MADV_DONTNEED_LOCKED), N(MADV_COLLAPSE),
#endif
#ifdef MADV_GUARD_INSTALL
	N(MADV_GUARD_INSTALL), N(MADV_GUARD_REMOVE),
#endif
};

static const struct named libc_mremaps[] = {
	N(MREMAP_MAYMOVE), N(MREMAP_FIXED),
#ifdef MREMAP_DONTUNMAP
	N(MREMAP_DONTUNMAP),
#endif
};

static const struct named libc_msyncs[] = { N(MS_ASYNC), N(MS_INVALIDATE), N(MS_SYNC) };
static const struct named libc_mcls[] = { N(MCL_CURRENT), N(MCL_FUTURE), N(MCL_ONFAULT) };

static const struct named libc_signals[] = {
	N(SIGHUP), N(SIGINT), N(SIGQUIT), N(SIGILL), N(SIGTRAP), N(SIGABRT), N(SIGBUS),
	N(SIGFPE), N(SIGKILL), N(SIGUSR1), N(SIGSEGV), N(SIGUSR2), N(SIGPIPE), N(SIGALRM),
	N(SIGTERM), N(SIGSTKFLT), N(SIGCHLD), N(SIGCONT), N(SIGSTOP), N(SIGTSTP), N(SIGTTIN),
	N(SIGTTOU), N(SIGURG), N(SIGXCPU), N(SIGXFSZ), N(SIGVTALRM), N(SIGPROF), N(SIGWINCH),
	N(SIGIO), N(SIGPWR), N(SIGSYS),
};

static const struct named libc_clocks[] = {
	N(CLOCK_REALTIME), N(CLOCK_MONOTONIC), N(CLOCK_PROCESS_CPUTIME_ID),
	N(CLOCK_THREAD_CPUTIME_ID), N(CLOCK_MONOTONIC_RAW), N(CLOCK_REALTIME_COARSE),
	N(CLOCK_MONOTONIC_COARSE), N(CLOCK_BOOTTIME), N(CLOCK_REALTIME_ALARM),
	N(CLOCK_BOOTTIME_ALARM), N(CLOCK_TAI),
};

static const struct named libc_waitopts[] = {
	N(WNOHANG), N(WUNTRACED), N(WEXITED), N(WCONTINUED), N(WNOWAIT), N(__WNOTHREAD),
	N(__WALL), { (long long)(u32)__WCLONE, "__WCLONE" },
};

static const struct named libc_idtypes[] = { N(P_ALL), N(P_PID), N(P_PGID), N(P_PIDFD) };

static const struct named libc_clones[] = {
	N(CLONE_VM), N(CLONE_FS), N(CLONE_FILES), N(CLONE_SIGHAND), N(CLONE_PIDFD),
	N(CLONE_PTRACE), N(CLONE_VFORK), N(CLONE_PARENT), N(CLONE_THREAD), N(CLONE_NEWNS),
	N(CLONE_SYSVSEM), N(CLONE_SETTLS), N(CLONE_PARENT_SETTID), N(CLONE_CHILD_CLEARTID),
	N(CLONE_DETACHED), N(CLONE_UNTRACED), N(CLONE_CHILD_SETTID), N(CLONE_NEWCGROUP),
	N(CLONE_NEWUTS), N(CLONE_NEWIPC), N(CLONE_NEWUSER), N(CLONE_NEWPID), N(CLONE_NEWNET),
	{ (long long)(u32)CLONE_IO, "CLONE_IO" },
};

static const struct named libc_futexops[] = {
	N(FUTEX_WAIT), N(FUTEX_WAKE), N(FUTEX_FD), N(FUTEX_REQUEUE), N(FUTEX_CMP_REQUEUE),
	N(FUTEX_WAKE_OP), N(FUTEX_LOCK_PI), N(FUTEX_UNLOCK_PI), N(FUTEX_TRYLOCK_PI),
	N(FUTEX_WAIT_BITSET), N(FUTEX_WAKE_BITSET), N(FUTEX_WAIT_REQUEUE_PI),
	N(FUTEX_CMP_REQUEUE_PI),
#ifdef FUTEX_LOCK_PI2
	N(FUTEX_LOCK_PI2),
#endif
};

static const struct named libc_prctls[] = {
	N(PR_SET_PDEATHSIG), N(PR_GET_DUMPABLE), N(PR_SET_NAME), N(PR_GET_NAME),
	N(PR_SET_SECCOMP), N(PR_CAPBSET_DROP), N(PR_SET_TIMERSLACK), N(PR_SET_MM),
	N(PR_SET_CHILD_SUBREAPER), N(PR_SET_NO_NEW_PRIVS), N(PR_GET_TID_ADDRESS),
	N(PR_SET_THP_DISABLE), N(PR_CAP_AMBIENT), N(PR_SET_SPECULATION_CTRL),
	N(PR_SET_IO_FLUSHER), N(PR_SET_SYSCALL_USER_DISPATCH), N(PR_SCHED_CORE),
	N(PR_SET_PTRACER),
#ifdef PR_SET_MDWE
	N(PR_SET_MDWE), N(PR_GET_MDWE),
#endif
#ifdef PR_SET_MEMORY_MERGE
	N(PR_SET_MEMORY_MERGE), N(PR_GET_MEMORY_MERGE),
#endif
#ifdef PR_SET_VMA
	N(PR_SET_VMA),
#endif
};

static const struct named libc_pollevents[] = {
	N(POLLIN), N(POLLPRI), N(POLLOUT), N(POLLERR), N(POLLHUP), N(POLLNVAL), N(POLLRDNORM),
	N(POLLRDBAND), N(POLLWRNORM), N(POLLWRBAND), N(POLLMSG), N(POLLRDHUP),
};

static const struct named libc_epollevents[] = {
	N(EPOLLIN), N(EPOLLPRI), N(EPOLLOUT), N(EPOLLERR), N(EPOLLHUP), N(EPOLLRDNORM),
	N(EPOLLRDBAND), N(EPOLLWRNORM), N(EPOLLWRBAND), N(EPOLLMSG), N(EPOLLRDHUP),
	N(EPOLLEXCLUSIVE), N(EPOLLWAKEUP), N(EPOLLONESHOT), { (long long)(u32)EPOLLET, "EPOLLET" },
};

static const struct named libc_epollctls[] = {
	N(EPOLL_CTL_ADD), N(EPOLL_CTL_DEL), N(EPOLL_CTL_MOD),
};

static const struct named libc_atflags[] = {
	N(AT_SYMLINK_NOFOLLOW), N(AT_REMOVEDIR), N(AT_SYMLINK_FOLLOW), N(AT_NO_AUTOMOUNT),
	N(AT_EMPTY_PATH), N(AT_STATX_FORCE_SYNC), N(AT_STATX_DONT_SYNC), N(AT_RECURSIVE),
};

static const struct named libc_fcntls[] = {
	N(F_DUPFD), N(F_GETFD), N(F_SETFD), N(F_GETFL), N(F_SETFL), N(F_GETLK), N(F_SETLK),
	N(F_SETLKW), N(F_SETOWN), N(F_GETOWN), N(F_SETSIG), N(F_GETSIG), N(F_SETOWN_EX),
	N(F_GETOWN_EX), N(F_OFD_GETLK), N(F_OFD_SETLK), N(F_OFD_SETLKW), N(F_SETLEASE),
	N(F_GETLEASE), N(F_NOTIFY), N(F_DUPFD_CLOEXEC), N(F_SETPIPE_SZ), N(F_GETPIPE_SZ),
	N(F_ADD_SEALS), N(F_GET_SEALS), N(F_GET_RW_HINT), N(F_SET_RW_HINT),
	N(F_GET_FILE_RW_HINT), N(F_SET_FILE_RW_HINT),
#ifdef F_DUPFD_QUERY
	N(F_DUPFD_QUERY),
#endif
};

static const struct named libc_misc_flags[] = {
	N(LOCK_SH), N(LOCK_EX), N(LOCK_NB), N(LOCK_UN),
};

static void check_named(unsigned int type, u64 a0, const struct named *t, size_t n,
			const char *prefix)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char want[64];

		snprintf(want, sizeof(want), "%s%s", prefix, t[i].name);
		ck_assert_msg(!strcmp(fmt1(type, a0, (u64)t[i].val), want),
			      "%s (%lld): got %s", t[i].name, t[i].val, out);
	}
}

#define CHECK_NAMED(type, a0, t, prefix)	check_named(type, a0, t, ARRAY_SIZE(t), prefix)

START_TEST(test_libc_values)
{
	CHECK_NAMED(KLAT_A_FAMILY, 0, libc_families, "");
	CHECK_NAMED(KLAT_A_SOCKTYPE, 0, libc_socktypes, "");
	CHECK_NAMED(KLAT_A_PROTO, AF_INET, libc_ipprotos, "");
	CHECK_NAMED(KLAT_A_PROTO, AF_INET6, libc_ipprotos, "");
	CHECK_NAMED(KLAT_A_LEVEL, 0, libc_levels, "");
	CHECK_NAMED(KLAT_A_SHUT, 0, libc_shuts, "");
	CHECK_NAMED(KLAT_A_MSGFLAGS, 0, libc_msgflags, "");
	CHECK_NAMED(KLAT_A_OFLAGS, 0, libc_oflags, "O_RDONLY|");
	CHECK_NAMED(KLAT_A_FDFLAGS, 0, libc_oflags, "");
	CHECK_NAMED(KLAT_A_PROT, 0, libc_prots, "");
	CHECK_NAMED(KLAT_A_MAPFLAGS, 0, libc_mapflags, "0|");
	CHECK_NAMED(KLAT_A_MADV, 0, libc_madvs, "");
	CHECK_NAMED(KLAT_A_MREMAP, 0, libc_mremaps, "");
	CHECK_NAMED(KLAT_A_MSYNC, 0, libc_msyncs, "");
	CHECK_NAMED(KLAT_A_MCL, 0, libc_mcls, "");
	CHECK_NAMED(KLAT_A_SIGNAL, 0, libc_signals, "");
	CHECK_NAMED(KLAT_A_CLOCK, 0, libc_clocks, "");
	CHECK_NAMED(KLAT_A_WAITOPTS, 0, libc_waitopts, "");
	CHECK_NAMED(KLAT_A_IDTYPE, 0, libc_idtypes, "");
	CHECK_NAMED(KLAT_A_CLONE, 0, libc_clones, "");
	CHECK_NAMED(KLAT_A_UNSHARE, 0, libc_clones, "");
	CHECK_NAMED(KLAT_A_FUTEXOP, 0, libc_futexops, "");
	CHECK_NAMED(KLAT_A_PRCTL, 0, libc_prctls, "");
	CHECK_NAMED(KLAT_A_POLLEVENTS, 0, libc_pollevents, "");
	CHECK_NAMED(KLAT_A_EPOLLEVENTS, 0, libc_epollevents, "");
	CHECK_NAMED(KLAT_A_EPOLLCTL, 0, libc_epollctls, "");
	CHECK_NAMED(KLAT_A_ATFLAGS, 0, libc_atflags, "");
	CHECK_NAMED(KLAT_A_FCNTL, 0, libc_fcntls, "");
	CHECK_NAMED(KLAT_A_FLOCK, 0, libc_misc_flags, "");
	ck_fmt1(KLAT_A_UNSHARE, 0, CLONE_NEWTIME, "CLONE_NEWTIME");
	ck_fmt1(KLAT_A_EACCESS, 0, AT_EACCESS, "AT_EACCESS");
	ck_fmt1(KLAT_A_TIMERFLAGS, 0, TIMER_ABSTIME, "TIMER_ABSTIME");
	ck_fmt1(KLAT_A_SIGHOW, 0, SIG_BLOCK, "SIG_BLOCK");
	ck_fmt1(KLAT_A_SIGHOW, 0, SIG_UNBLOCK, "SIG_UNBLOCK");
	ck_fmt1(KLAT_A_SIGNAL, 0, (u64)SIGRTMAX, "SIGRTMIN+32");
	ck_fmt1(KLAT_A_WHENCE, 0, SEEK_SET, "SEEK_SET");
	ck_fmt1(KLAT_A_WHENCE, 0, SEEK_CUR, "SEEK_CUR");
	ck_fmt1(KLAT_A_WHENCE, 0, SEEK_DATA, "SEEK_DATA");
	ck_fmt1(KLAT_A_WHENCE, 0, SEEK_HOLE, "SEEK_HOLE");
	ck_fmt1(KLAT_A_ACCESS, 0, R_OK, "R_OK");
	ck_fmt1(KLAT_A_ACCESS, 0, W_OK, "W_OK");
	ck_fmt1(KLAT_A_EPOLLFLAGS, 0, EPOLL_CLOEXEC, "EPOLL_CLOEXEC");
	ck_fmt1(KLAT_A_EFDFLAGS, 0, EFD_NONBLOCK, "EFD_NONBLOCK");
	ck_fmt1(KLAT_A_EFDFLAGS, 0, EFD_CLOEXEC, "EFD_CLOEXEC");
	ck_fmt1(KLAT_A_TFDFLAGS, 0, TFD_NONBLOCK, "TFD_NONBLOCK");
	ck_fmt1(KLAT_A_TFDSETFLAGS, 0, TFD_TIMER_CANCEL_ON_SET, "TFD_TIMER_CANCEL_ON_SET");
	ck_fmt1(KLAT_A_SFDFLAGS, 0, SFD_NONBLOCK, "SFD_NONBLOCK");
	ck_fmt1(KLAT_A_CLOSERANGE, 0, CLOSE_RANGE_UNSHARE, "CLOSE_RANGE_UNSHARE");
	ck_fmt1(KLAT_A_MFD, 0, MFD_HUGETLB, "MFD_HUGETLB");
	ck_fmt1(KLAT_A_RENAME, 0, RENAME_EXCHANGE, "RENAME_EXCHANGE");
	ck_fmt1(KLAT_A_RENAME, 0, RENAME_WHITEOUT, "RENAME_WHITEOUT");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_HUGE_2MB, "0|MAP_HUGE_2MB");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_HUGE_1GB, "0|MAP_HUGE_1GB");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE");
	ck_fmt1(KLAT_A_MAPFLAGS, 0, MAP_PRIVATE, "MAP_PRIVATE");
	ck_fmt1(KLAT_A_PROT, 0, PROT_SEM, "PROT_SEM");
}
END_TEST

/* ---- classification of the kernels' real metadata ---- */

static const char *const fixture_files[] = { "meta-6.1.txt", "meta-7.3.txt" };

/* argument names whose decoder the generic rules fix, whatever the call */
static const char *const known_fd[] = {
	"fd", "oldfd", "newfd", "epfd", "fd_in", "fd_out", "fdin", "fdout", "ufd", "out_fd",
	"in_fd", "pidfd", "fanotify_fd", "ruleset_fd", "kernel_fd", "initrd_fd", "group_fd",
	"mountdirfd", "fs_fd", "mqdes",
};
static const char *const known_dfd[] = { "dfd", "olddfd", "newdfd", "from_dfd", "to_dfd" };
static const char *const known_path[] = {
	"filename", "pathname", "path", "oldname", "newname", "specialfile", "dev_name",
	"new_root",
};

static bool in(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return true;
	return false;
}

#define IN(list, s)	in(list, ARRAY_SIZE(list), s)

static void check_line(const char *file, const char *line, int *strs, int *hex)
{
	char kname[64], store[KLAT_SC_ARGS][128];
	const char *types[KLAT_SC_ARGS], *sp = strchr(line, ' ');
	struct klat_sysent e;
	u64 args[KLAT_SC_ARGS] = { 3, 0x7ffc0000, 2, 0, 5, 6 };
	int i, first = -1;

	ck_assert_msg(sp && sp - line < (long)sizeof(kname), "%s: %s", file, line);
	snprintf(kname, sizeof(kname), "%.*s", (int)(sp - line), line);
	parse_meta(&e, kname, sp + 1, store, types);
	ck_assert(e.meta);
	ck_assert_uint_le(e.nargs, KLAT_SC_ARGS);
	for (i = 0; i < e.nargs; i++) {
		const char *n = e.argname[i];
		bool ptr = strchr(types[i], '*');

		ck_assert_msg(e.arg[i] != KLAT_A_NONE && e.arg[i] < KLAT_A_COUNT, "%s %s", kname, n);
		*hex += e.arg[i] == KLAT_A_HEX;
		if (IN(known_fd, n) && !ptr)
			ck_assert_msg(e.arg[i] == KLAT_A_FD, "%s %s: %d", kname, n, e.arg[i]);
		if (IN(known_dfd, n))
			ck_assert_msg(e.arg[i] == KLAT_A_DFD, "%s %s: %d", kname, n, e.arg[i]);
		if (!strcmp(types[i], "umode_t"))
			ck_assert_msg(e.arg[i] == KLAT_A_MODE, "%s %s", kname, n);
		if (!strcmp(types[i], "size_t"))
			ck_assert_msg(e.arg[i] == KLAT_A_SIZE, "%s %s", kname, n);
		if (ptr)
			ck_assert_msg(e.arg[i] == KLAT_A_PTR || e.arg[i] == KLAT_A_STR, "%s %s",
				      kname, n);
		if (e.arg[i] == KLAT_A_STR && first < 0)
			first = i;
		if (IN(known_path, n) && first < 0)
			ck_abort_msg("%s %s: a path not copied", kname, n);
	}
	/* the first string argument, and only it */
	ck_assert_int_eq(e.str, first);
	for (i = 0; i < e.nargs; i++)
		ck_assert(e.arg[i] != KLAT_A_STR || i == e.str);
	*strs += first >= 0;
	for (; i < KLAT_SC_ARGS; i++)
		ck_assert_int_eq(e.arg[i], KLAT_A_NONE);
	/* it formats, one item per argument */
	fmt_e(&e, args, "/x", 2, NULL);
	ck_assert(!strchr(out, ' '));
}

START_TEST(test_fixture_lines)
{
	char path[256], line[1024];
	int lines = 0, strs = 0, hex = 0;
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "%s", fixture_files[_i]);
	f = fopen(path, "r");
	ck_assert_msg(f, "%s", path);
	while (fgets(line, sizeof(line), f)) {
		check_line(fixture_files[_i], line, &strs, &hex);
		lines++;
	}
	fclose(f);
	ck_assert_int_gt(lines, 300);
	ck_assert_int_gt(strs, 60);
	ck_assert_int_lt(hex, 160);	/* unknown: flags of rare calls, unsigned long */
}
END_TEST

/*
 * klat's own table (klat_sysargs.c, for kernels without metadata) gives every
 * call of the 6.1 fixture the same argument names and decoders the kernel's
 * metadata gives, and knows every call of both fixtures.
 */
START_TEST(test_sysargs_table)
{
	char path[256], line[1024], types[KLAT_SC_ARGS * KLAT_SC_TYPE];
	const char *file = fixture_files[_i];
	int lines = 0, same = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "%s", file);
	f = fopen(path, "r");
	ck_assert_msg(f, "%s", path);
	while (fgets(line, sizeof(line), f)) {
		struct klat_sysent meta, tab;
		char *sp = strchr(line, ' ');

		ck_assert_ptr_nonnull(sp);
		*sp = '\0';
		mk(&meta, line, sp + 1);
		memset(&tab, 0, sizeof(tab));
		snprintf(tab.kname, sizeof(tab.kname), "%.31s", line);
		ck_assert_msg(klat_sysargs_fill(&tab, types), "%s: %s not in klat_sysargs", file, line);
		lines++;
		if (tab.nargs != meta.nargs)	/* a trailing argument added later (7.x bpf) */
			continue;
		for (i = 0; i < meta.nargs; i++)
			ck_assert_str_eq(tab.argname[i], meta.argname[i]);
		same++;
	}
	fclose(f);
	ck_assert_int_gt(lines, 300);
	ck_assert_int_ge(same, lines - 2);
	memset(types, 'x', sizeof(types));
	{
		struct klat_sysent e = { .kname = "openat" };
		const char *tp[KLAT_SC_ARGS] = { 0 };

		ck_assert(klat_sysargs_fill(&e, types));
		ck_assert_int_eq(e.nargs, 4);
		ck_assert_str_eq(e.argname[1], "filename");
		ck_assert_str_eq(types + 1 * KLAT_SC_TYPE, "const char *");
		for (i = 0; i < e.nargs; i++)
			tp[i] = types + i * KLAT_SC_TYPE;
		klat_sysent_classify(&e, tp);
		ck_assert_int_eq(e.str, 1);
		ck_assert_int_eq(e.arg[2], KLAT_A_OFLAGS);
	}
	{
		struct klat_sysent e = { .kname = "getpid" };

		ck_assert(klat_sysargs_fill(&e, types));
		ck_assert_int_eq(e.nargs, 0);
	}
	{
		struct klat_sysent e = { .kname = "nosuchcall" };

		ck_assert(!klat_sysargs_fill(&e, types));
	}
}
END_TEST

/* real-looking calls, decoded field by field (the 6.1 metadata, then 7.3's) */
START_TEST(test_fixture_decode)
{
	const char *file = fixture_files[_i];
	struct klat_sysent e;

	from_fixture(&e, file, "openat");
	{
		u64 a[] = { (u64)(s64)AT_FDCWD, 0x7ffc1000, O_RDONLY | O_CLOEXEC, 0 };

		ck_assert_str_eq(fmt_e(&e, a, "/etc/passwd", 11, put_ptr_hash),
				 "dfd=AT_FDCWD,filename=\"/etc/passwd\",flags=O_RDONLY|O_CLOEXEC,"
				 "mode=0");
		ck_assert_int_eq(e.str, 1);
		ck_assert(!e.ret_ptr);
		a[2] = O_WRONLY | O_CREAT | O_EXCL;
		a[3] = 0600;
		ck_assert_str_eq(fmt_e(&e, a, NULL, -14, put_ptr_hash),
				 "dfd=AT_FDCWD,filename=<0x7ffc4a5a>,flags=O_WRONLY|O_CREAT|O_EXCL,"
				 "mode=0600");
	}
	from_fixture(&e, file, "mmap");
	{
		u64 a[] = { 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			    (u64)-1, 0 };

		ck_assert(e.ret_ptr);
		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, put_ptr_hash),
				 "addr=NULL,len=8192,prot=PROT_READ|PROT_WRITE,"
				 "flags=MAP_PRIVATE|MAP_ANONYMOUS,fd=-1,off=0");
	}
	from_fixture(&e, file, "socket");
	{
		u64 a[] = { AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP };

		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
				 "family=AF_INET6,type=SOCK_STREAM|SOCK_NONBLOCK,"
				 "protocol=IPPROTO_TCP");
	}
	from_fixture(&e, file, "clock_nanosleep");
	{
		u64 a[] = { CLOCK_MONOTONIC, TIMER_ABSTIME, 0x7ffc2000, 0 };

		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
				 "which_clock=CLOCK_MONOTONIC,flags=TIMER_ABSTIME,"
				 "rqtp=0x7ffc2000,rmtp=NULL");
	}
	from_fixture(&e, file, "kill");
	{
		u64 a[] = { (u32)-1234, SIGTERM };

		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL), "pid=-1234,sig=SIGTERM");
	}
}
END_TEST

START_TEST(test_fixture_decode2)
{
	const char *file = fixture_files[_i];
	struct klat_sysent e;

	from_fixture(&e, file, "futex");
	{
		u64 a[] = { 0x7f0012340, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0xffffffff };

		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
				 "uaddr=0x7f0012340,op=FUTEX_WAIT|FUTEX_PRIVATE_FLAG,val=2,"
				 "utime=NULL,uaddr2=NULL,val3=0xffffffff");
	}
	from_fixture(&e, file, "epoll_ctl");
	{
		u64 a[] = { 4, EPOLL_CTL_ADD, 7, 0x7ffc3000 };

		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
				 "epfd=4,op=EPOLL_CTL_ADD,fd=7,event=0x7ffc3000");
	}
	from_fixture(&e, file, "read");
	{
		u64 a[] = { 0, 0x55d0c0de0000, 4096 };

		ck_assert_int_eq(e.str, -1);
		ck_assert_str_eq(fmt_e(&e, a, "ignored", 7, NULL),
				 "fd=0,buf=0x55d0c0de0000,count=4096");
	}
	from_fixture(&e, file, "write");
	{
		u64 a[] = { 1, 0x55d0c0de0000, 13 };

		ck_assert_int_eq(e.str, -1);	/* a buffer, not a path */
		ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
				 "fd=1,buf=0x55d0c0de0000,count=13");
	}
	from_fixture(&e, file, "execve");
	{
		u64 a[] = { 0x7ffc4000, 0x7ffc5000, 0x7ffc6000 };

		ck_assert_int_eq(e.str, 0);
		ck_assert_str_eq(fmt_e(&e, a, "/usr/bin/env", 12, NULL),
				 "filename=\"/usr/bin/env\",argv=0x7ffc5000,envp=0x7ffc6000");
	}
}
END_TEST

/* the override table's daily calls, as the fixtures classify them */
START_TEST(test_fixture_overrides)
{
	const char *file = fixture_files[_i];
	struct klat_sysent e;

	from_fixture(&e, file, "accept4");
	ck_assert_int_eq(e.arg[3], KLAT_A_SOCKFLAGS);
	from_fixture(&e, file, "setsockopt");
	ck_assert_int_eq(e.arg[1], KLAT_A_LEVEL);
	from_fixture(&e, file, "shutdown");
	ck_assert_int_eq(e.arg[1], KLAT_A_SHUT);
	from_fixture(&e, file, "recvmsg");
	ck_assert_int_eq(e.arg[2], KLAT_A_MSGFLAGS);
	from_fixture(&e, file, "sendto");
	ck_assert_int_eq(e.arg[3], KLAT_A_MSGFLAGS);
	from_fixture(&e, file, "mprotect");
	ck_assert_int_eq(e.arg[0], KLAT_A_PTR);
	ck_assert_int_eq(e.arg[2], KLAT_A_PROT);
	from_fixture(&e, file, "madvise");
	ck_assert_int_eq(e.arg[2], KLAT_A_MADV);
	from_fixture(&e, file, "mremap");
	ck_assert_int_eq(e.arg[3], KLAT_A_MREMAP);
	ck_assert_int_eq(e.arg[4], KLAT_A_PTR);
	ck_assert(e.ret_ptr);
	from_fixture(&e, file, "msync");
	ck_assert_int_eq(e.arg[2], KLAT_A_MSYNC);
	from_fixture(&e, file, "brk");
	ck_assert(e.ret_ptr);
	from_fixture(&e, file, "shmat");
	ck_assert(e.ret_ptr);
	from_fixture(&e, file, "munmap");
	ck_assert(!e.ret_ptr);
}
END_TEST

START_TEST(test_fixture_overrides2)
{
	const char *file = fixture_files[_i];
	struct klat_sysent e;

	from_fixture(&e, file, "rt_sigprocmask");
	ck_assert_int_eq(e.arg[0], KLAT_A_SIGHOW);
	from_fixture(&e, file, "tgkill");
	ck_assert_int_eq(e.arg[2], KLAT_A_SIGNAL);
	from_fixture(&e, file, "timer_create");
	ck_assert_int_eq(e.arg[0], KLAT_A_CLOCK);
	from_fixture(&e, file, "timerfd_create");
	ck_assert_int_eq(e.arg[0], KLAT_A_CLOCK);
	ck_assert_int_eq(e.arg[1], KLAT_A_TFDFLAGS);
	from_fixture(&e, file, "epoll_create1");
	ck_assert_int_eq(e.arg[0], KLAT_A_EPOLLFLAGS);
	from_fixture(&e, file, "eventfd2");
	ck_assert_int_eq(e.arg[1], KLAT_A_EFDFLAGS);
	from_fixture(&e, file, "signalfd4");
	ck_assert_int_eq(e.arg[3], KLAT_A_SFDFLAGS);
	from_fixture(&e, file, "fcntl");
	ck_assert_int_eq(e.arg[1], KLAT_A_FCNTL);
	from_fixture(&e, file, "lseek");
	ck_assert_int_eq(e.arg[1], KLAT_A_LONG);
	ck_assert_int_eq(e.arg[2], KLAT_A_WHENCE);
	from_fixture(&e, file, "faccessat2");
	ck_assert_int_eq(e.arg[2], KLAT_A_ACCESS);
	ck_assert_int_eq(e.arg[3], KLAT_A_EACCESS);
	from_fixture(&e, file, "unlinkat");
	ck_assert_int_eq(e.arg[2], KLAT_A_ATFLAGS);
	from_fixture(&e, file, "newfstatat");
	ck_assert_str_eq(e.name, "newfstatat");
	ck_assert_int_eq(e.arg[3], KLAT_A_ATFLAGS);
	from_fixture(&e, file, "wait4");
	ck_assert_int_eq(e.arg[2], KLAT_A_WAITOPTS);
	from_fixture(&e, file, "waitid");
	ck_assert_int_eq(e.arg[0], KLAT_A_IDTYPE);
	from_fixture(&e, file, "clone");
	ck_assert_int_eq(e.arg[0], KLAT_A_CLONE);
	ck_assert_int_eq(e.arg[4], KLAT_A_PTR);
	from_fixture(&e, file, "pipe2");
	ck_assert_int_eq(e.arg[0], KLAT_A_PTR);
	ck_assert_int_eq(e.arg[1], KLAT_A_FDFLAGS);
	from_fixture(&e, file, "dup3");
	ck_assert_int_eq(e.arg[2], KLAT_A_FDFLAGS);
	from_fixture(&e, file, "openat2");
	ck_assert_int_eq(e.arg[2], KLAT_A_PTR);
	ck_assert_int_eq(e.arg[3], KLAT_A_SIZE);
	from_fixture(&e, file, "creat");
	ck_assert_int_eq(e.arg[1], KLAT_A_MODE);
	from_fixture(&e, file, "acct");
	ck_assert_int_eq(e.str, 0);
	from_fixture(&e, file, "memfd_create");
	ck_assert_int_eq(e.str, 0);
	ck_assert_int_eq(e.arg[1], KLAT_A_MFD);
	from_fixture(&e, file, "rename");
	ck_assert_int_eq(e.str, 0);
	ck_assert_int_eq(e.arg[1], KLAT_A_PTR);	/* the second string */
	from_fixture(&e, file, "sethostname");
	ck_assert_int_eq(e.str, -1);	/* not NUL terminated */
	from_fixture(&e, file, "newstat");
	ck_assert_str_eq(e.name, "stat");
	from_fixture(&e, file, "prctl");
	ck_assert_int_eq(e.arg[0], KLAT_A_PRCTL);
}
END_TEST

/* no metadata: six hex arguments; nargs 0 and NULL types entries */
START_TEST(test_classify_edges)
{
	struct klat_sysent e = { .kname = "mmap", .nargs = 2, .str = 5 };
	const char *types[KLAT_SC_ARGS] = { NULL, "int" };
	u64 a[KLAT_SC_ARGS] = { 1, 2, 3, 0, 0xffffffffffffffffULL, 6 };
	int i;

	klat_sysent_classify(&e, NULL);
	ck_assert_int_eq(e.nargs, 6);
	ck_assert_int_eq(e.str, -1);
	ck_assert(!e.meta);
	ck_assert(e.ret_ptr);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(e.arg[i], KLAT_A_HEX);
	ck_assert_str_eq(fmt_e(&e, a, "x", 1, NULL),
			 "arg0=0x1,arg1=0x2,arg2=0x3,arg3=0x0,arg4=0xffffffffffffffff,arg5=0x6");

	memset(&e, 0, sizeof(e));
	strcpy(e.kname, "getpid");
	klat_sysent_classify(&e, types);
	ck_assert_int_eq(e.nargs, 0);
	ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL), "");
	ck_assert_uint_eq(klat_sysent_format(&e, a, NULL, -1, NULL, NULL, 0), 0);

	/* unknown types: names still count; an out of range nargs is clamped */
	memset(&e, 0, sizeof(e));
	strcpy(e.kname, "x");
	strcpy(e.argname[0], "fd");
	strcpy(e.argname[1], "flags");
	e.nargs = 9;
	{
		const char *t6[KLAT_SC_ARGS] = { NULL, NULL, "struct foo *", "unsigned long",
						 "const int", "__u64" };

		klat_sysent_classify(&e, t6);
	}
	ck_assert_int_eq(e.nargs, 6);
	ck_assert_int_eq(e.arg[0], KLAT_A_FD);
	ck_assert_int_eq(e.arg[1], KLAT_A_HEX);
	ck_assert_int_eq(e.arg[2], KLAT_A_PTR);
	ck_assert_int_eq(e.arg[3], KLAT_A_HEX);
	ck_assert_int_eq(e.arg[4], KLAT_A_INT);
	ck_assert_int_eq(e.arg[5], KLAT_A_HEX);
	/* empty names print as argN */
	ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL),
			 "fd=1,flags=0x2,arg2=0x3,arg3=0x0,arg4=-1,arg5=0x6");
}
END_TEST

/* ---- user strings ---- */

static struct klat_sysent str_e(void)
{
	struct klat_sysent e;

	mk(&e, "unlink", "pathname:const char *;");
	ck_assert_int_eq(e.str, 0);
	return e;
}

START_TEST(test_strings)
{
	struct klat_sysent e = str_e();
	u64 a[1] = { 0x7ffc1000 };
	char s64[KLAT_SC_STR + 8], want[400];
	int i;

	ck_assert_str_eq(fmt_e(&e, a, "/tmp/a b", 8, NULL), "pathname=\"/tmp/a\\x20b\"");
	ck_assert_str_eq(fmt_e(&e, a, "a\"b\\c,d=e", 9, NULL),
			 "pathname=\"a\\x22b\\x5cc\\x2cd\\x3de\"");
	ck_assert_str_eq(fmt_e(&e, a, "\t\n\x7f\x80\xff", 5, NULL),
			 "pathname=\"\\x09\\x0a\\x7f\\x80\\xff\"");
	ck_assert_str_eq(fmt_e(&e, a, "", 0, NULL), "pathname=\"\"");
	ck_assert_str_eq(fmt_e(&e, a, "a\0b", 3, NULL), "pathname=\"a\\x00b\"");
	ck_assert_str_eq(fmt_e(&e, a, "~!#", 3, NULL), "pathname=\"~!#\"");
	/* only str_len bytes count */
	ck_assert_str_eq(fmt_e(&e, a, "/etc/passwd", 4, NULL), "pathname=\"/etc\"");
	/* not copied (a fault, -EFAULT): the pointer; NULL stays NULL */
	ck_assert_str_eq(fmt_e(&e, a, "/etc", -14, NULL), "pathname=0x7ffc1000");
	ck_assert_str_eq(fmt_e(&e, a, "/etc", -14, put_ptr_hash), "pathname=<0x7ffc4a5a>");
	ck_assert_str_eq(fmt_e(&e, a, NULL, 4, NULL), "pathname=0x7ffc1000");
	a[0] = 0;
	ck_assert_str_eq(fmt_e(&e, a, NULL, -14, put_ptr_hash), "pathname=NULL");
	/* cut off at KLAT_SC_STR bytes: all shown, then the marker */
	for (i = 0; i < (int)sizeof(s64); i++)
		s64[i] = (char)('a' + i % 26);
	snprintf(want, sizeof(want), "pathname=\"%.*s\"...", KLAT_SC_STR, s64);
	ck_assert_str_eq(fmt_e(&e, a, s64, KLAT_SC_STR, NULL), want);
	ck_assert_str_eq(fmt_e(&e, a, s64, KLAT_SC_STR + 5, NULL), want);
	snprintf(want, sizeof(want), "pathname=\"%.*s\"", KLAT_SC_STR - 1, s64);
	ck_assert_str_eq(fmt_e(&e, a, s64, KLAT_SC_STR - 1, NULL), want);
	/* every byte: escaped or itself, never a blank or control byte */
	for (i = 0; i < 256; i++) {
		char c = (char)i;
		bool plain = i > 0x20 && i < 0x7f && !strchr("\\\",=", i);

		fmt_e(&e, a, &c, 1, NULL);
		if (plain)
			snprintf(want, sizeof(want), "pathname=\"%c\"", i);
		else
			snprintf(want, sizeof(want), "pathname=\"\\x%02x\"", i);
		ck_assert_str_eq(out, want);
	}
	/* a string argument that is not e->str is a pointer */
	e.str = -1;
	a[0] = 0x1000;
	ck_assert_str_eq(fmt_e(&e, a, "/etc", 4, NULL), "pathname=0x1000");
}
END_TEST

/* argument names are printed as C identifiers only */
START_TEST(test_argnames)
{
	struct klat_sysent e = { .nargs = 1, .str = -1 };
	u64 a[1] = { 5 };

	e.arg[0] = KLAT_A_INT;
	strcpy(e.argname[0], "a b=c");
	ck_assert_str_eq(fmt_e(&e, a, NULL, -1, NULL), "a\\x20b\\x3dc=5");
	memset(e.argname[0], 'x', KLAT_SC_NAME);	/* not NUL terminated */
	fmt_e(&e, a, NULL, -1, NULL);
	ck_assert_uint_eq(strlen(out), KLAT_SC_NAME + 2);
}
END_TEST

/* ---- buffer sizes: snprintf semantics at every size ---- */

#define CANARY	0x5a

static void check_sizes(const struct klat_sysent *e, const u64 *args, const char *str,
			int str_len, klat_put_ptr_fn *pp)
{
	char full[1024], buf[1100];
	size_t len, size, i;

	len = klat_sysent_format(e, args, str, str_len, pp, full, sizeof(full));
	ck_assert_uint_eq(len, strlen(full));
	ck_assert_uint_eq(klat_sysent_format(e, args, str, str_len, pp, NULL, 0), len);
	for (size = 0; size <= len + 2; size++) {
		char *b = malloc(size ? size : 1);	/* exact size: ASan sees overruns */

		memset(buf, CANARY, sizeof(buf));
		ck_assert_uint_eq(klat_sysent_format(e, args, str, str_len, pp, buf + 8, size), len);
		for (i = 0; i < 8; i++)
			ck_assert_int_eq(buf[i], CANARY);
		for (i = 8 + size; i < sizeof(buf); i++)
			ck_assert_msg(buf[i] == CANARY, "%s size %zu: byte %zu written", e->kname,
				      size, i - 8);
		if (size) {
			size_t n = len < size - 1 ? len : size - 1;

			ck_assert(!memcmp(buf + 8, full, n));
			ck_assert_int_eq(buf[8 + n], '\0');
		}
		ck_assert_uint_eq(klat_sysent_format(e, args, str, str_len, pp, b, size), len);
		if (size)
			ck_assert_uint_eq(strlen(b), len < size - 1 ? len : size - 1);
		free(b);
	}
}

START_TEST(test_sizes)
{
	struct klat_sysent e;
	u64 m = ~0ULL;
	char s64[KLAT_SC_STR];

	memset(s64, ',', sizeof(s64));
	from_fixture(&e, "meta-6.1.txt", "openat");
	{
		u64 a[] = { (u32)AT_FDCWD, 0x7ffc1000, O_RDWR | O_CREAT | O_SYNC | 0x80000000u, 0644 };

		check_sizes(&e, a, "/etc/pass wd", 12, put_ptr_hash);
		check_sizes(&e, a, s64, KLAT_SC_STR, NULL);
		check_sizes(&e, a, NULL, -1, NULL);
	}
	from_fixture(&e, "meta-6.1.txt", "mmap");
	{
		u64 a[] = { m, m, m, m, m, m };

		check_sizes(&e, a, NULL, -1, put_ptr_hash);
	}
	from_fixture(&e, "meta-7.3.txt", "clone");
	{
		u64 a[] = { m, m, m, m, m };

		check_sizes(&e, a, NULL, -1, NULL);
	}
	from_fixture(&e, "meta-7.3.txt", "sendto");
	{
		u64 a[] = { 3, 0, 0, m, 0, 0 };

		check_sizes(&e, a, NULL, -1, NULL);
	}
	e.nargs = 0;
	check_sizes(&e, &m, NULL, -1, NULL);
}
END_TEST

/* ---- names users know, inner functions ---- */

START_TEST(test_names)
{
	static const char *const pairs[][2] = {
		{ "newstat", "stat" }, { "newfstat", "fstat" }, { "newlstat", "lstat" },
		{ "newuname", "uname" }, { "umount", "umount2" }, { "sendfile64", "sendfile" },
		{ "newfstatat", "newfstatat" }, { "openat", "openat" }, { "pread64", "pread64" },
		{ "", "" }, { "stat", "stat" }, { "newstatx", "newstatx" },
	};
	const char *k = "socket";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++)
		ck_assert_str_eq(klat_syscall_name(pairs[i][0]), pairs[i][1]);
	ck_assert_ptr_eq(klat_syscall_name(k), k);	/* not an alias: the same string */
}
END_TEST

static const char *inner0(const char *s, size_t len)
{
	char *b = dup_exact(s, len);
	const char *const *syms = klat_syscall_inner(b, len);
	const char *r = syms ? syms[0] : NULL;

	free(b);
	if (syms)
		ck_assert_ptr_null(syms[1]);	/* NULL ended */
	return r;
}

START_TEST(test_inner)
{
	static const char *const pairs[][2] = {
		{ "socket", "__sys_socket" }, { "socketpair", "__sys_socketpair" },
		{ "bind", "__sys_bind" }, { "listen", "__sys_listen" },
		{ "accept", "__sys_accept4" }, { "accept4", "__sys_accept4" },
		{ "connect", "__sys_connect" },
		{ "getpeername", "__sys_getpeername" }, { "sendto", "__sys_sendto" },
		{ "recvfrom", "__sys_recvfrom" }, { "setsockopt", "__sys_setsockopt" },
		{ "getsockopt", "__sys_getsockopt" }, { "shutdown", "__sys_shutdown" },
		{ "sendmsg", "__sys_sendmsg" }, { "recvmsg", "__sys_recvmsg" },
		{ "read", "ksys_read" }, { "write", "ksys_write" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pairs); i++) {
		const char *got = inner0(pairs[i][0], strlen(pairs[i][0]));

		ck_assert_msg(got && !strcmp(got, pairs[i][1]), "%s: %s", pairs[i][0],
			      got ? got : "NULL");
		ck_assert(!strncmp(got, "__sys_", 6) || !strncmp(got, "ksys_", 5));
	}
	ck_assert_ptr_null(inner0("openat", 6));
	ck_assert_ptr_null(inner0("close", 5));
	ck_assert_ptr_null(inner0("sock", 4));
	ck_assert_ptr_null(inner0("", 0));
	ck_assert_ptr_null(inner0("__sys_socket", 12));
	ck_assert_ptr_null(inner0("socketx", 7));
	/* only len bytes count */
	ck_assert_str_eq(inner0("socketpair", 6), "__sys_socket");
	ck_assert_str_eq(inner0("readv", 4), "ksys_read");
	ck_assert_ptr_null(inner0("socketpair", 7));
}
END_TEST

static Suite *targets_suite(void)
{
	Suite *s = suite_create("targets");
	TCase *tc;

	tc = tcase_create("errno");
	tcase_add_test(tc, test_errno_spot);
	tcase_add_test(tc, test_errno_coverage);
	tcase_add_test(tc, test_errno_libc_macros);
	tcase_add_test(tc, test_errno_strerrorname);
	add_tcase(s, tc);

	tc = tcase_create("decoders");
	tcase_add_loop_test(tc, test_decoder_tables, 0, ARRAY_SIZE(areas));
	tcase_add_test(tc, test_decoder_coverage);
	tcase_add_test(tc, test_fmt_plain);
	tcase_add_test(tc, test_fmt_net);
	tcase_add_test(tc, test_fmt_fs);
	tcase_add_test(tc, test_fmt_mm);
	tcase_add_test(tc, test_fmt_proc);
	tcase_add_test(tc, test_fmt_poll);
	tcase_add_test(tc, test_libc_values);
	add_tcase(s, tc);

	tc = tcase_create("classify");
	tcase_add_loop_test(tc, test_fixture_lines, 0, ARRAY_SIZE(fixture_files));
	tcase_add_loop_test(tc, test_sysargs_table, 0, ARRAY_SIZE(fixture_files));
	tcase_add_loop_test(tc, test_fixture_decode, 0, ARRAY_SIZE(fixture_files));
	tcase_add_loop_test(tc, test_fixture_decode2, 0, ARRAY_SIZE(fixture_files));
	tcase_add_loop_test(tc, test_fixture_overrides, 0, ARRAY_SIZE(fixture_files));
	tcase_add_loop_test(tc, test_fixture_overrides2, 0, ARRAY_SIZE(fixture_files));
	tcase_add_test(tc, test_classify_edges);
	add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_argnames);
	tcase_add_test(tc, test_sizes);
	add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_inner);
	add_tcase(s, tc);
	return s;
}

KLAT_CHECK_MAIN(targets_suite)
