// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for core/klat_parse.{h,c}: `targets` lines, error codes, strict
 * numbers, filter terms and their formatting, task matching and escaping.
 *
 * Every input is copied into a heap buffer of exactly its length (no NUL after
 * it), as the kernel's write() path hands it over, so the sanitizer build
 * catches any read past the end.
 */
#include <check.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klat_parse.h"
#include "klat_check.h"

/* a printable rendering of a test input for failure messages */
static const char *show(const char *s, size_t len)
{
	static char out[1024];
	size_t i, o = 0;

	for (i = 0; i < len && o + 5 < sizeof(out); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
	}
	out[o] = '\0';
	return out;
}

/* ----------------------------------------------------------------- targets */

struct target_res {
	int code;
	size_t pos;
	bool del, syscall;
	const char *name;	/* NULL, or into the input */
	ptrdiff_t name_off;
	size_t len;
};

static struct target_res target(const char *s, size_t len, size_t max_name)
{
	char *b = dup_exact(s, len);
	struct klat_target_cmd cmd;
	struct target_res r;

	memset(&cmd, 0x5a, sizeof(cmd));
	r.pos = 12345;
	r.code = klat_parse_target(b, len, max_name, &cmd, &r.pos);
	r.del = cmd.del;
	r.syscall = cmd.syscall;
	r.name = cmd.name;
	r.name_off = cmd.name ? cmd.name - b : -1;
	r.len = cmd.len;
	if (cmd.name)
		ck_assert(cmd.name >= b && cmd.name + cmd.len <= b + len);
	free(b);
	return r;
}

static const struct {
	const char *in;
	bool del, syscall;
	const char *name;
	size_t off;
} target_ok[] = {
	{ "__sys_socket",		false, false, "__sys_socket", 0 },
	{ "foo.isra.0",			false, false, "foo.isra.0", 0 },
	{ "tcp_v4_connect.cold.12",	false, false, "tcp_v4_connect.cold.12", 0 },
	{ "-name",			true, false, "name", 1 },
	{ "syscall:socket",		false, true, "socket", 8 },
	{ "-syscall:connect",		true, true, "connect", 9 },
	{ "  \t__sys_socket \r\n",	false, false, "__sys_socket", 3 },
	{ "\v\f-foo\t",			true, false, "foo", 3 },
	{ " syscall:x ",		false, true, "x", 9 },
	{ "syscall",			false, false, "syscall", 0 },
	{ "sys",			false, false, "sys", 0 },
	{ "_",				false, false, "_", 0 },
	{ "A9_z.",			false, false, "A9_z.", 0 },
	{ "Z",				false, false, "Z", 0 },
};

START_TEST(test_target_valid)
{
	const char *in = target_ok[_i].in;
	struct target_res r = target(in, strlen(in), 64);

	ck_assert_msg(r.code == KLAT_E_OK, "'%s': code %d pos %zu", show(in, strlen(in)),
		      r.code, r.pos);
	ck_assert_int_eq(r.del, target_ok[_i].del);
	ck_assert_int_eq(r.syscall, target_ok[_i].syscall);
	ck_assert_uint_eq(r.len, strlen(target_ok[_i].name));
	ck_assert_int_eq(r.name_off, (ptrdiff_t)target_ok[_i].off);
	ck_assert_int_eq(memcmp(in + r.name_off, target_ok[_i].name, r.len), 0);
}
END_TEST

static const char *const target_skip[] = {
	"", " ", "\t", "\r\n", " \t\r\n\v\f ", "#", "# comment", "   # indented",
	"#-foo bar+1 \x01\xff", "\t#syscall:",
};

START_TEST(test_target_skip)
{
	const char *in = target_skip[_i];
	struct target_res r = target(in, strlen(in), 64);

	ck_assert_msg(r.code == KLAT_PARSE_SKIP, "'%s': code %d", show(in, strlen(in)), r.code);
	ck_assert_uint_eq(r.pos, 0);
	ck_assert_ptr_null(r.name);
	ck_assert(!r.del);
	ck_assert(!r.syscall);
}
END_TEST

/* SKIP must be distinguishable from every error code, or a caller skips errors */
START_TEST(test_target_skip_distinct)
{
	int c;

	ck_assert_int_ne(KLAT_PARSE_SKIP, KLAT_E_OK);
	for (c = 0; c < KLAT_E_COUNT; c++)
		ck_assert_msg(KLAT_PARSE_SKIP != c, "KLAT_PARSE_SKIP == %d (%s)", c,
			      klat_err_msg(c));
}
END_TEST

static const struct {
	const char *in;
	size_t len;	/* 0: strlen */
	int code;
	size_t pos;
} target_bad[] = {
	{ "-",			0, KLAT_E_NAME_EMPTY, 1 },
	{ "  -  ",		0, KLAT_E_NAME_EMPTY, 3 },
	{ "syscall:",		0, KLAT_E_NAME_EMPTY, 8 },
	{ "-syscall:",		0, KLAT_E_NAME_EMPTY, 9 },
	{ " syscall: ",		0, KLAT_E_NAME_EMPTY, 9 },
	{ "a+0x10",		0, KLAT_E_OFFSET, 1 },
	{ "__sys_socket+4",	0, KLAT_E_OFFSET, 12 },
	{ "-foo+4",		0, KLAT_E_OFFSET, 4 },
	{ "syscall:bind+1",	0, KLAT_E_OFFSET, 12 },
	{ "foo+",		0, KLAT_E_OFFSET, 3 },
	{ "foo bar",		0, KLAT_E_TRAILING, 3 },
	{ "  foo\tbar  ",	0, KLAT_E_TRAILING, 5 },
	{ "foo # comment",	0, KLAT_E_TRAILING, 3 },
	{ "-foo bar",		0, KLAT_E_TRAILING, 4 },
	{ "syscall:a b",	0, KLAT_E_TRAILING, 9 },
	{ "+foo",		0, KLAT_E_NAME_CHAR, 0 },
	{ "1abc",		0, KLAT_E_NAME_CHAR, 0 },
	{ "-1abc",		0, KLAT_E_NAME_CHAR, 1 },
	{ ".foo",		0, KLAT_E_NAME_CHAR, 0 },
	{ "syscall:1abc",	0, KLAT_E_NAME_CHAR, 8 },
	{ "a/b",		0, KLAT_E_NAME_CHAR, 1 },
	{ "a-b",		0, KLAT_E_NAME_CHAR, 1 },
	{ "--foo",		0, KLAT_E_NAME_CHAR, 1 },
	{ "- foo",		0, KLAT_E_NAME_CHAR, 1 },
	{ "syscall:foo:bar",	0, KLAT_E_NAME_CHAR, 11 },
	{ "sys:foo",		0, KLAT_E_NAME_CHAR, 3 },
	{ "foo()",		0, KLAT_E_NAME_CHAR, 3 },
	{ "foo\x01",		0, KLAT_E_NAME_CHAR, 3 },
	{ "\x01" "foo",		0, KLAT_E_NAME_CHAR, 0 },
	{ "fo\x7fo",		0, KLAT_E_NAME_CHAR, 2 },
	{ "foo\x1b[0m",		0, KLAT_E_NAME_CHAR, 3 },
	{ "caf\xc3\xa9",	0, KLAT_E_NAME_CHAR, 3 },
	{ "\xff",		0, KLAT_E_NAME_CHAR, 0 },
	{ "-\x80" "abc",	0, KLAT_E_NAME_CHAR, 1 },
	{ "foo\0bar",		7, KLAT_E_NAME_CHAR, 3 },
	{ "foo\0",		4, KLAT_E_NAME_CHAR, 3 },
	{ "\0",			1, KLAT_E_NAME_CHAR, 0 },
	{ "-\0foo",		5, KLAT_E_NAME_CHAR, 1 },
	/* globs are klatctl's: the kernel says so instead of "invalid character" */
	{ "tcp_*",		0, KLAT_E_GLOB, 4 },
	{ "*",			0, KLAT_E_GLOB, 0 },
	{ "syscall:*sock*",	0, KLAT_E_GLOB, 8 },
	{ "-syscall:read?",	0, KLAT_E_GLOB, 13 },
	{ " vfs_[rw]*",		0, KLAT_E_GLOB, 5 },
};

START_TEST(test_target_reject)
{
	const char *in = target_bad[_i].in;
	size_t len = target_bad[_i].len ? target_bad[_i].len : strlen(in);
	struct target_res r = target(in, len, 64);

	ck_assert_msg(r.code == target_bad[_i].code && r.pos == target_bad[_i].pos,
		      "'%s': got code %d (%s) pos %zu, want %d (%s) pos %zu", show(in, len),
		      r.code, klat_err_msg(r.code), r.pos, target_bad[_i].code,
		      klat_err_msg(target_bad[_i].code), target_bad[_i].pos);
	ck_assert_int_ne(r.code, KLAT_PARSE_SKIP);
	ck_assert_int_eq(klat_err_errno(r.code), EINVAL);
}
END_TEST

START_TEST(test_target_max_name)
{
	static const size_t maxes[] = { 1, 8, 127, 511 };
	size_t max = maxes[_i];
	char *buf = malloc(max + 32);
	struct target_res r;

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'a', max + 32);

	/* exactly max: ok */
	r = target(buf, max, max);
	ck_assert_int_eq(r.code, KLAT_E_OK);
	ck_assert_uint_eq(r.len, max);

	/* max + 1: rejected, caret on the first byte over */
	r = target(buf, max + 1, max);
	ck_assert_int_eq(r.code, KLAT_E_NAME_LONG);
	ck_assert_uint_eq(r.pos, max);
	ck_assert_int_eq(klat_err_errno(r.code), EINVAL);

	/* much longer */
	r = target(buf, max + 30, max);
	ck_assert_int_eq(r.code, KLAT_E_NAME_LONG);
	ck_assert_uint_eq(r.pos, max);

	/* with a prefix and surrounding blanks */
	memcpy(buf, "  -syscall:", 11);
	r = target(buf, 11 + max, max);
	ck_assert_int_eq(r.code, KLAT_E_OK);
	ck_assert(r.del && r.syscall);
	ck_assert_uint_eq(r.len, max);
	r = target(buf, 11 + max + 1, max);
	ck_assert_int_eq(r.code, KLAT_E_NAME_LONG);
	ck_assert_uint_eq(r.pos, 11 + max);
	buf[11 + max] = ' ';
	r = target(buf, 11 + max + 1, max);
	ck_assert_int_eq(r.code, KLAT_E_OK);
	ck_assert_uint_eq(r.len, max);
	free(buf);
}
END_TEST

/* ------------------------------------------------------------ error table */

static const struct {
	int code;
	int err;
	const char *msg;
} err_table[] = {
	{ KLAT_E_OK,		0,		"success" },
	{ KLAT_E_NAME_EMPTY,	EINVAL,		"missing symbol name" },
	{ KLAT_E_NAME_CHAR,	EINVAL,		"invalid character in symbol name" },
	{ KLAT_E_NAME_LONG,	EINVAL,		"symbol name too long" },
	{ KLAT_E_OFFSET,	EINVAL,		"SYMBOL+OFFSET is not supported; give a function name" },
	{ KLAT_E_TRAILING,	EINVAL,		"unexpected text after the symbol name" },
	{ KLAT_E_NO_SYMBOL,	ENOENT,		"unknown kernel symbol" },
	{ KLAT_E_NOT_TARGET,	ENOENT,		"not a current target" },
	{ KLAT_E_NO_SYSCALL,	ENOENT,		"unknown syscall name" },
	{ KLAT_E_SELF,		EINVAL,		"klat does not probe its own code" },
	{ KLAT_E_UNPROBEABLE,	0,		"the kernel cannot probe this function" },
	{ KLAT_E_AMBIGUOUS,	EADDRNOTAVAIL,	"several functions have this name" },
	{ KLAT_E_NOT_FUNC,	EINVAL,		"not a function" },
	{ KLAT_E_NOTRACE,	EINVAL,		"not a traceable function (notrace, __init or __exit code; see available_filter_functions)" },
	{ KLAT_E_KSYMS,		EIO,		"cannot read the kernel's function lists (see the kernel log)" },
	{ KLAT_E_LOCKDOWN,	EPERM,		"the kernel is locked down against kprobes" },
	{ KLAT_E_TOO_BIG,	E2BIG,		"write too large" },
	{ KLAT_E_NOMEM,		ENOMEM,		"out of memory" },
	{ KLAT_E_INTR,		EINTR,		"interrupted while waiting for the removal of this name" },
	{ KLAT_E_FILTER_EMPTY,	EINVAL,		"empty filter; write 'clear' to remove all terms" },
	{ KLAT_E_FILTER_KEY,	EINVAL,		"unknown filter key" },
	{ KLAT_E_FILTER_SYNTAX,	EINVAL,		"expected key=value" },
	{ KLAT_E_FILTER_NUM,	EINVAL,		"bad number" },
	{ KLAT_E_FILTER_COMM,	EINVAL,		"comm longer than the kernel's 15 characters" },
	{ KLAT_E_FILTER_MANY,	EINVAL,		"too many values for one key" },
	{ KLAT_E_FILTER_DUP,	EINVAL,		"key given twice" },
	{ KLAT_E_FILTER_BOOL,	EINVAL,		"expected 0 or 1" },
	{ KLAT_E_NI_SYSCALL,	EINVAL,		"ni_syscall is the stub of unimplemented system calls, not a call" },
	{ KLAT_E_GLOB,		EINVAL,		"globs are not expanded here; klatctl add expands them" },
};

START_TEST(test_err_codes)
{
	int i, j;

	ck_assert_int_eq(KLAT_E_COUNT, (int)ARRAY_SIZE(err_table));
	for (i = 0; i < (int)ARRAY_SIZE(err_table); i++) {
		ck_assert_int_eq(err_table[i].code, i);
		ck_assert_str_eq(klat_err_msg(i), err_table[i].msg);
		ck_assert_msg(klat_err_errno(i) == err_table[i].err, "errno of %d: %d, want %d",
			      i, klat_err_errno(i), err_table[i].err);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(klat_err_msg(i), klat_err_msg(j));
	}
}
END_TEST

START_TEST(test_err_out_of_range)
{
	static const int bad[] = { -1, -2, KLAT_E_COUNT, KLAT_E_COUNT + 1, 1000, INT_MAX,
				   INT_MIN };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_str_eq(klat_err_msg(bad[i]), "unknown error");
		ck_assert_int_eq(klat_err_errno(bad[i]), EINVAL);
	}
}
END_TEST

/* ----------------------------------------------------------------- numbers */

static const struct {
	const char *in;
	int ret;
	u64 val;
} u64_table[] = {
	{ "0",				0, 0 },
	{ "1",				0, 1 },
	{ "007",			0, 7 },
	{ "4294967296",			0, 4294967296ULL },
	{ "18446744073709551615",	0, UINT64_MAX },
	{ "000000000000000000000018446744073709551615", 0, UINT64_MAX },
	{ "18446744073709551610",	0, UINT64_MAX - 5 },
	{ "",				-EINVAL, 0 },
	{ "12x",			-EINVAL, 0 },
	{ "x12",			-EINVAL, 0 },
	{ "-1",				-EINVAL, 0 },
	{ "+1",				-EINVAL, 0 },
	{ " 1",				-EINVAL, 0 },
	{ "1 ",				-EINVAL, 0 },
	{ "1\n",			-EINVAL, 0 },
	{ "0x10",			-EINVAL, 0 },
	{ "1.0",			-EINVAL, 0 },
	{ "1,2",			-EINVAL, 0 },
	{ "18446744073709551616",	-ERANGE, 0 },
	{ "18446744073709551620",	-ERANGE, 0 },
	{ "18446744073709551700",	-ERANGE, 0 },
	{ "99999999999999999999",	-ERANGE, 0 },
	{ "184467440737095516150",	-ERANGE, 0 },
	{ "100000000000000000000000000", -ERANGE, 0 },
};

START_TEST(test_parse_u64)
{
	const char *in = u64_table[_i].in;
	size_t len = strlen(in);
	char *b = dup_exact(in, len);
	u64 v = 0xdeadbeef;
	int ret = klat_parse_u64(b, len, &v);

	ck_assert_msg(ret == u64_table[_i].ret, "'%s': ret %d, want %d", in, ret,
		      u64_table[_i].ret);
	if (!ret)
		ck_assert_uint_eq(v, u64_table[_i].val);
	free(b);
}
END_TEST

START_TEST(test_parse_u64_len)
{
	u64 v = 99;

	/* only @len bytes count */
	ck_assert_int_eq(klat_parse_u64("123x", 3, &v), 0);
	ck_assert_uint_eq(v, 123);
	ck_assert_int_eq(klat_parse_u64("123", 2, &v), 0);
	ck_assert_uint_eq(v, 12);
	ck_assert_int_eq(klat_parse_u64("5", 0, &v), -EINVAL);
	ck_assert_int_eq(klat_parse_u64("1\0", 2, &v), -EINVAL);
}
END_TEST

/* ----------------------------------------------------------------- filters */

static int filter(const char *s, size_t len, struct klat_filter *f, size_t *pos)
{
	char *b = dup_exact(s, len);
	int r;

	*pos = 12345;
	r = klat_parse_filter(b, len, f, pos);
	free(b);
	return r;
}

static void filter_eq(const struct klat_filter *a, const struct klat_filter *b)
{
	u32 i;

	ck_assert_uint_eq(a->npid, b->npid);
	ck_assert_uint_eq(a->ntgid, b->ntgid);
	ck_assert_uint_eq(a->ncomm, b->ncomm);
	for (i = 0; i < a->npid; i++)
		ck_assert_int_eq(a->pid[i], b->pid[i]);
	for (i = 0; i < a->ntgid; i++)
		ck_assert_int_eq(a->tgid[i], b->tgid[i]);
	for (i = 0; i < a->ncomm; i++)
		ck_assert_int_eq(memcmp(a->comm[i], b->comm[i], KLAT_COMM_LEN), 0);
	ck_assert_uint_eq(a->log_min_ns, b->log_min_ns);
	ck_assert_int_eq(a->log_errors, b->log_errors);
}

static struct klat_filter parse_ok(const char *s)
{
	struct klat_filter f;
	size_t pos;
	int r = filter(s, strlen(s), &f, &pos);

	ck_assert_msg(r == KLAT_E_OK, "'%s': code %d (%s) pos %zu", show(s, strlen(s)), r,
		      klat_err_msg(r), pos);
	return f;
}

START_TEST(test_filter_keys)
{
	struct klat_filter f;

	f = parse_ok("pid=42");
	ck_assert_uint_eq(f.npid, 1);
	ck_assert_int_eq(f.pid[0], 42);
	ck_assert_uint_eq(f.ntgid + f.ncomm, 0);
	ck_assert(!klat_filter_empty(&f));

	f = parse_ok("tgid=7");
	ck_assert_uint_eq(f.ntgid, 1);
	ck_assert_int_eq(f.tgid[0], 7);
	ck_assert_uint_eq(f.npid, 0);

	f = parse_ok("comm=sockloop");
	ck_assert_uint_eq(f.ncomm, 1);
	ck_assert_str_eq(f.comm[0], "sockloop");
	ck_assert_int_eq(memcmp(f.comm[0], "sockloop\0\0\0\0\0\0\0\0", KLAT_COMM_LEN), 0);

	f = parse_ok("log_min_ns=5000");
	ck_assert_uint_eq(f.log_min_ns, 5000);
	ck_assert(!klat_filter_empty(&f));

	f = parse_ok("log_min_ns=18446744073709551615");
	ck_assert_uint_eq(f.log_min_ns, UINT64_MAX);

	f = parse_ok("log_errors=1");
	ck_assert(f.log_errors);
	ck_assert(!klat_filter_empty(&f));

	f = parse_ok("log_errors=0");
	ck_assert(!f.log_errors);
	ck_assert(klat_filter_empty(&f));

	f = parse_ok("log_min_ns=0");
	ck_assert(klat_filter_empty(&f));

	f = parse_ok("pid=0 tgid=2147483647");
	ck_assert_int_eq(f.pid[0], 0);
	ck_assert_int_eq(f.tgid[0], INT_MAX);

	f = parse_ok("comm=a=b");
	ck_assert_str_eq(f.comm[0], "a=b");
}
END_TEST

START_TEST(test_filter_multi)
{
	struct klat_filter f;
	u32 i;

	f = parse_ok("pid=1,2,3");
	ck_assert_uint_eq(f.npid, 3);
	ck_assert_int_eq(f.pid[0], 1);
	ck_assert_int_eq(f.pid[1], 2);
	ck_assert_int_eq(f.pid[2], 3);

	f = parse_ok("pid=1,2,3,4,5,6,7,8");
	ck_assert_uint_eq(f.npid, 8);
	for (i = 0; i < 8; i++)
		ck_assert_int_eq(f.pid[i], (s32)i + 1);

	f = parse_ok("tgid=10,20,30,40,50,60,70,80");
	ck_assert_uint_eq(f.ntgid, 8);
	ck_assert_int_eq(f.tgid[7], 80);

	f = parse_ok("comm=a,bb,ccc,d,e,f,g,012345678901234");
	ck_assert_uint_eq(f.ncomm, 8);
	ck_assert_str_eq(f.comm[0], "a");
	ck_assert_str_eq(f.comm[1], "bb");
	ck_assert_str_eq(f.comm[2], "ccc");
	ck_assert_str_eq(f.comm[7], "012345678901234");

	/* all keys, any order, any whitespace, trailing newline */
	f = parse_ok("  log_errors=1\tcomm=x,y \n pid=5,6\r\ntgid=9 log_min_ns=100\n");
	ck_assert_uint_eq(f.npid, 2);
	ck_assert_int_eq(f.pid[0], 5);
	ck_assert_int_eq(f.pid[1], 6);
	ck_assert_uint_eq(f.ntgid, 1);
	ck_assert_int_eq(f.tgid[0], 9);
	ck_assert_uint_eq(f.ncomm, 2);
	ck_assert_str_eq(f.comm[0], "x");
	ck_assert_str_eq(f.comm[1], "y");
	ck_assert_uint_eq(f.log_min_ns, 100);
	ck_assert(f.log_errors);
}
END_TEST

START_TEST(test_filter_comm_15)
{
	struct klat_filter f = parse_ok("comm=0123456789abcde");

	ck_assert_uint_eq(f.ncomm, 1);
	ck_assert_str_eq(f.comm[0], "0123456789abcde");
	ck_assert_int_eq(f.comm[0][15], '\0');
}
END_TEST

START_TEST(test_filter_clear)
{
	struct klat_filter f;

	f = parse_ok("clear");
	ck_assert(klat_filter_empty(&f));
	ck_assert_uint_eq(f.npid + f.ntgid + f.ncomm, 0);

	f = parse_ok("  clear\n");
	ck_assert(klat_filter_empty(&f));

	f = parse_ok("pid=1 comm=x log_errors=1 log_min_ns=5 clear");
	ck_assert(klat_filter_empty(&f));
	ck_assert_uint_eq(f.npid + f.ntgid + f.ncomm, 0);

	f = parse_ok("clear pid=1");
	ck_assert_uint_eq(f.npid, 1);
	ck_assert_int_eq(f.pid[0], 1);

	/* clear forgets the keys seen, so one may be given again */
	f = parse_ok("pid=1 tgid=3 clear pid=2");
	ck_assert_uint_eq(f.npid, 1);
	ck_assert_int_eq(f.pid[0], 2);
	ck_assert_uint_eq(f.ntgid, 0);

	f = parse_ok("clear clear");
	ck_assert(klat_filter_empty(&f));
}
END_TEST

static const struct {
	const char *in;
	int code;
	size_t pos;
} filter_bad[] = {
	{ "",				KLAT_E_FILTER_EMPTY, 0 },
	{ " ",				KLAT_E_FILTER_EMPTY, 0 },
	{ " \t\r\n\v\f",		KLAT_E_FILTER_EMPTY, 0 },
	{ "foo=1",			KLAT_E_FILTER_KEY, 0 },
	{ "PID=1",			KLAT_E_FILTER_KEY, 0 },
	{ "pi=1",			KLAT_E_FILTER_KEY, 0 },
	{ "pidx=1",			KLAT_E_FILTER_KEY, 0 },
	{ "clear=1",			KLAT_E_FILTER_KEY, 0 },
	{ "pid=1 foo=1",		KLAT_E_FILTER_KEY, 6 },
	{ "pid",			KLAT_E_FILTER_SYNTAX, 0 },
	{ "pid=1 comm",			KLAT_E_FILTER_SYNTAX, 6 },
	{ "clearx",			KLAT_E_FILTER_SYNTAX, 0 },
	{ "pid=1 clear foo",		KLAT_E_FILTER_SYNTAX, 12 },
	{ "=5",				KLAT_E_FILTER_SYNTAX, 0 },
	{ "  =5",			KLAT_E_FILTER_SYNTAX, 2 },
	{ "pid=",			KLAT_E_FILTER_NUM, 4 },
	{ "pid=12x",			KLAT_E_FILTER_NUM, 4 },
	{ "pid=-1",			KLAT_E_FILTER_NUM, 4 },
	{ "pid=+1",			KLAT_E_FILTER_NUM, 4 },
	{ "pid=0x10",			KLAT_E_FILTER_NUM, 4 },
	{ "pid=1,x",			KLAT_E_FILTER_NUM, 6 },
	{ "tgid=abc",			KLAT_E_FILTER_NUM, 5 },
	{ "pid=2147483648",		KLAT_E_FILTER_NUM, 4 },
	{ "pid=4294967297",		KLAT_E_FILTER_NUM, 4 },
	{ "tgid=1,2147483648",		KLAT_E_FILTER_NUM, 7 },
	{ "pid=99999999999999999999999", KLAT_E_FILTER_NUM, 4 },
	{ "log_min_ns=",		KLAT_E_FILTER_NUM, 11 },
	{ "log_min_ns=1x",		KLAT_E_FILTER_NUM, 11 },
	{ "log_min_ns=-1",		KLAT_E_FILTER_NUM, 11 },
	{ "log_min_ns=18446744073709551616", KLAT_E_FILTER_NUM, 11 },
	{ "pid=1,,2",			KLAT_E_FILTER_NUM, 6 },
	{ "pid=1,",			KLAT_E_FILTER_NUM, 6 },
	{ "pid=,1",			KLAT_E_FILTER_NUM, 4 },
	{ "tgid=1,,2",			KLAT_E_FILTER_NUM, 7 },
	{ "comm=a,,b",			KLAT_E_FILTER_SYNTAX, 7 },
	{ "comm=",			KLAT_E_FILTER_SYNTAX, 5 },
	{ "comm=a,",			KLAT_E_FILTER_SYNTAX, 7 },
	{ "comm=0123456789abcdef",	KLAT_E_FILTER_COMM, 20 },
	{ "comm=ok,0123456789abcdefgh",	KLAT_E_FILTER_COMM, 23 },
	{ "pid=1,2,3,4,5,6,7,8,9",	KLAT_E_FILTER_MANY, 20 },
	{ "tgid=1,2,3,4,5,6,7,8,9",	KLAT_E_FILTER_MANY, 21 },
	{ "comm=a,b,c,d,e,f,g,h,i",	KLAT_E_FILTER_MANY, 21 },
	{ "pid=1 pid=2",		KLAT_E_FILTER_DUP, 6 },
	{ "comm=a tgid=1 comm=b",	KLAT_E_FILTER_DUP, 14 },
	{ "log_min_ns=1 log_min_ns=1",	KLAT_E_FILTER_DUP, 13 },
	{ "log_errors=1 log_errors=1",	KLAT_E_FILTER_DUP, 13 },
	{ "log_errors=2",		KLAT_E_FILTER_BOOL, 11 },
	{ "log_errors=",		KLAT_E_FILTER_BOOL, 11 },
	{ "log_errors=10",		KLAT_E_FILTER_BOOL, 11 },
	{ "log_errors=yes",		KLAT_E_FILTER_BOOL, 11 },
	{ "pid=1 log_errors=",		KLAT_E_FILTER_BOOL, 17 },
};

/*
 * A NUL in a comm value: rejected, caret on it. Taken before, it ended the comm early,
 * and the filter file showed "comm=" for "comm=\0", which a write rejects (fuzz_filter).
 */
static const struct {
	const char *in;
	size_t len;
	size_t pos;
} filter_nul[] = {
	{ "comm=\0",		6, 5 },
	{ "comm=a\0b",		8, 6 },
	{ "comm=a,\0",		8, 7 },
	{ "comm=x\0",		7, 6 },
	{ "pid=1 comm=ok,\0\0", 16, 14 },
};

START_TEST(test_filter_reject_nul)
{
	struct klat_filter f;
	size_t pos;
	int r = filter(filter_nul[_i].in, filter_nul[_i].len, &f, &pos);

	ck_assert_msg(r == KLAT_E_FILTER_SYNTAX && pos == filter_nul[_i].pos,
		      "'%s': got code %d (%s) pos %zu, want pos %zu",
		      show(filter_nul[_i].in, filter_nul[_i].len), r, klat_err_msg(r), pos,
		      filter_nul[_i].pos);
}
END_TEST

START_TEST(test_filter_reject)
{
	const char *in = filter_bad[_i].in;
	struct klat_filter f;
	size_t pos;
	int r = filter(in, strlen(in), &f, &pos);

	ck_assert_msg(r == filter_bad[_i].code && pos == filter_bad[_i].pos,
		      "'%s': got code %d (%s) pos %zu, want %d (%s) pos %zu", show(in, strlen(in)),
		      r, klat_err_msg(r), pos, filter_bad[_i].code,
		      klat_err_msg(filter_bad[_i].code), filter_bad[_i].pos);
	ck_assert_int_eq(klat_err_errno(r), EINVAL);
	ck_assert_uint_le(pos, strlen(in));
}
END_TEST

static char *format(const struct klat_filter *f)
{
	size_t need = klat_filter_format(f, NULL, 0);
	char *buf = malloc(need + 1);
	size_t got;

	ck_assert_ptr_nonnull(buf);
	got = klat_filter_format(f, buf, need + 1);
	ck_assert_uint_eq(got, need);
	ck_assert_uint_eq(strlen(buf), need);
	return buf;
}

static const struct {
	const char *in, *out;
} format_table[] = {
	{ "clear",			"" },
	{ "log_errors=0 log_min_ns=0",	"" },
	{ "pid=1",			"pid=1" },
	{ "tgid=7",			"tgid=7" },
	{ "comm=x",			"comm=x" },
	{ "log_min_ns=1",		"log_min_ns=1" },
	{ "log_errors=1",		"log_errors=1" },
	{ "pid=3,1,2",			"pid=3,1,2" },
	{ "log_errors=1 comm=a,b tgid=3 log_min_ns=5 pid=1,2",
	  "pid=1,2 tgid=3 comm=a,b log_min_ns=5 log_errors=1" },
	{ " \tcomm=sockloop\n log_errors=1 ", "comm=sockloop log_errors=1" },
	{ "tgid=2147483647 log_min_ns=18446744073709551615",
	  "tgid=2147483647 log_min_ns=18446744073709551615" },
	{ "comm=0123456789abcde,a=b",	"comm=0123456789abcde,a=b" },
	{ "pid=0,00,007",		"pid=0,0,7" },
	{ "pid=1,2,3,4,5,6,7,8 tgid=1,2,3,4,5,6,7,8 comm=a,b,c,d,e,f,g,h",
	  "pid=1,2,3,4,5,6,7,8 tgid=1,2,3,4,5,6,7,8 comm=a,b,c,d,e,f,g,h" },
};

START_TEST(test_filter_format)
{
	struct klat_filter f = parse_ok(format_table[_i].in), g;
	char *s = format(&f);

	ck_assert_str_eq(s, format_table[_i].out);
	/* and it parses back to the same filter ("" is the empty filter) */
	if (*s) {
		g = parse_ok(s);
		filter_eq(&f, &g);
	} else {
		ck_assert(klat_filter_empty(&f));
	}
	free(s);
}
END_TEST

START_TEST(test_filter_format_truncate)
{
	struct klat_filter f = parse_ok("pid=12,345 tgid=6 comm=sockloop log_min_ns=789 log_errors=1");
	const char *full = "pid=12,345 tgid=6 comm=sockloop log_min_ns=789 log_errors=1";
	size_t n = strlen(full), size;
	char buf[128];

	ck_assert_uint_eq(klat_filter_format(&f, NULL, 0), n);
	for (size = 0; size <= n + 2; size++) {
		memset(buf, '@', sizeof(buf));
		ck_assert_uint_eq(klat_filter_format(&f, buf, size), n);
		if (!size) {
			ck_assert_int_eq(buf[0], '@');
			continue;
		}
		/* snprintf-like: a NUL terminated prefix, nothing written past @size */
		ck_assert_uint_eq(strlen(buf), size - 1 < n ? size - 1 : n);
		ck_assert_int_eq(strncmp(buf, full, strlen(buf)), 0);
		ck_assert_int_eq(buf[size], '@');
	}
}
END_TEST

/* random filters survive format -> parse unchanged */
START_TEST(test_filter_roundtrip_random)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_-.:/+#@!~[]=";
	unsigned int seed = 12345, iter;

	for (iter = 0; iter < 2000; iter++) {
		struct klat_filter f = { 0 }, g;
		char *s;
		u32 i, k;
		size_t pos;
		int r;

		f.npid = (u32)(rand_r(&seed) % (KLAT_FILTER_VALS + 1));
		for (i = 0; i < f.npid; i++)
			f.pid[i] = rand_r(&seed) % 3 ? rand_r(&seed) % 100000 : rand_r(&seed);
		f.ntgid = (u32)(rand_r(&seed) % (KLAT_FILTER_VALS + 1));
		for (i = 0; i < f.ntgid; i++)
			f.tgid[i] = rand_r(&seed);
		f.ncomm = (u32)(rand_r(&seed) % (KLAT_FILTER_VALS + 1));
		for (i = 0; i < f.ncomm; i++) {
			u32 len = 1 + (u32)(rand_r(&seed) % (KLAT_COMM_LEN - 1));

			for (k = 0; k < len; k++)
				f.comm[i][k] = chars[rand_r(&seed) % (sizeof(chars) - 1)];
		}
		if (rand_r(&seed) % 2)
			f.log_min_ns = ((u64)rand_r(&seed) << 33) ^ (u64)rand_r(&seed);
		f.log_errors = rand_r(&seed) % 2;

		s = format(&f);
		if (!*s) {
			ck_assert(klat_filter_empty(&f));
			free(s);
			continue;
		}
		r = filter(s, strlen(s), &g, &pos);
		ck_assert_msg(r == KLAT_E_OK, "'%s': code %d pos %zu", s, r, pos);
		filter_eq(&f, &g);
		free(s);
	}
}
END_TEST

START_TEST(test_filter_empty)
{
	struct klat_filter f = { 0 };

	ck_assert(klat_filter_empty(&f));
	f.npid = 1;
	ck_assert(!klat_filter_empty(&f));
	f.npid = 0;
	f.ntgid = 1;
	ck_assert(!klat_filter_empty(&f));
	f.ntgid = 0;
	f.ncomm = 1;
	ck_assert(!klat_filter_empty(&f));
	f.ncomm = 0;
	f.log_min_ns = 1;
	ck_assert(!klat_filter_empty(&f));
	f.log_min_ns = 0;
	f.log_errors = true;
	ck_assert(!klat_filter_empty(&f));
}
END_TEST

/* --------------------------------------------------------- task matching */

/* a task comm exactly as the kernel keeps it: 16 bytes, NUL padded */
static char *task_comm(const char *name)
{
	char *c = calloc(1, KLAT_COMM_LEN);

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_lt(strlen(name), KLAT_COMM_LEN);
	memcpy(c, name, strlen(name));
	return c;
}

static bool match(const struct klat_filter *f, s32 pid, s32 tgid, const char *comm)
{
	char *c = task_comm(comm);
	bool r = klat_filter_task(f, pid, tgid, c);

	free(c);
	return r;
}

/*
 * Rows of task matches: a row with a filter parses it (it must parse), the
 * rows after it check tasks against it until the next filter.
 */
struct match_row {
	const char *filter;
	s32 pid, tgid;
	const char *comm;
	bool want;
};

static void check_matches(const struct match_row *t, size_t n)
{
	struct klat_filter f;
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i].filter) {
			f = parse_ok(t[i].filter);
			continue;
		}
		ck_assert_msg(match(&f, t[i].pid, t[i].tgid, t[i].comm) == t[i].want,
			      "row %zu: pid %d tgid %d comm '%s' should %smatch", i, t[i].pid,
			      t[i].tgid, t[i].comm, t[i].want ? "" : "not ");
	}
}

#define FILTER(s)	{ (s), 0, 0, NULL, false }

static const struct match_row task_rows[] = {
	FILTER("clear"),
	{ NULL, 1, 1, "x", true },
	FILTER("log_errors=1 log_min_ns=100"),	/* not task terms */
	{ NULL, 1, 1, "x", true },

	FILTER("pid=1,2,3"),
	{ NULL, 1, 99, "x", true },
	{ NULL, 2, 99, "x", true },
	{ NULL, 3, 99, "x", true },
	{ NULL, 4, 99, "x", false },
	{ NULL, 0, 1, "x", false },	/* tgid is not pid */

	FILTER("tgid=10,20"),
	{ NULL, 11, 10, "x", true },
	{ NULL, 21, 20, "x", true },
	{ NULL, 10, 11, "x", false },

	FILTER("pid=0"),
	{ NULL, 0, 0, "swapper/0", true },
	{ NULL, 1, 0, "swapper/0", false },

	/* all keys must hold */
	FILTER("pid=5 tgid=4 comm=a"),
	{ NULL, 5, 4, "a", true },
	{ NULL, 5, 4, "b", false },
	{ NULL, 5, 3, "a", false },
	{ NULL, 6, 4, "a", false },

	FILTER("pid=1,2,3,4,5,6,7,8"),
	{ NULL, 8, 0, "x", true },
	{ NULL, 9, 0, "x", false },
};

static const struct match_row comm_rows[] = {
	/* exact match, not prefix, either way */
	FILTER("comm=sock"),
	{ NULL, 1, 1, "sock", true },
	{ NULL, 1, 1, "sockloop", false },
	{ NULL, 1, 1, "soc", false },
	{ NULL, 1, 1, "", false },
	{ NULL, 1, 1, "Sock", false },
	FILTER("comm=sockloop"),
	{ NULL, 1, 1, "sockloop", true },
	{ NULL, 1, 1, "sock", false },
	{ NULL, 1, 1, "sockloop2", false },

	/* a list: any */
	FILTER("comm=bash,sockloop,sshd"),
	{ NULL, 1, 1, "sockloop", true },
	{ NULL, 1, 1, "sshd", true },
	{ NULL, 1, 1, "bash", true },
	{ NULL, 1, 1, "ssh", false },

	/* 15 characters: the whole kernel comm */
	FILTER("comm=0123456789abcde"),
	{ NULL, 1, 1, "0123456789abcde", true },
	{ NULL, 1, 1, "0123456789abcd", false },
	{ NULL, 1, 1, "0123456789abcdX", false },
	{ NULL, 1, 1, "123456789abcde", false },
};

START_TEST(test_filter_task)
{
	ck_assert(match(NULL, 1, 1, "x"));
	check_matches(task_rows, ARRAY_SIZE(task_rows));
}
END_TEST

START_TEST(test_filter_task_comm)
{
	struct klat_filter f;

	check_matches(comm_rows, ARRAY_SIZE(comm_rows));

	/* a filter built by hand with all 16 bytes used still stops at 16 */
	memset(&f, 0, sizeof(f));
	f.ncomm = 1;
	memcpy(f.comm[0], "0123456789abcdef", KLAT_COMM_LEN);
	{
		char c[KLAT_COMM_LEN];

		memcpy(c, "0123456789abcdef", KLAT_COMM_LEN);
		ck_assert(klat_filter_task(&f, 1, 1, c));
		c[15] = 'g';
		ck_assert(!klat_filter_task(&f, 1, 1, c));
	}
}
END_TEST

/* ---------------------------------------------------------------- escaping */

static const struct {
	const char *in;
	size_t len;	/* 0: strlen */
	const char *out;
} esc_table[] = {
	{ "sockloop",		0, "sockloop" },
	{ "",			0, "" },
	{ "a b",		0, "a\\040b" },
	{ "a\tb",		0, "a\\011b" },
	{ "a\nb\r",		0, "a\\012b\\015" },
	{ "a\\b",		0, "a\\134b" },
	{ "a=b,c",		0, "a\\075b\\054c" },
	{ "caf\xc3\xa9",	0, "caf\\303\\251" },
	{ "\x7f\xff\x80",	0, "\\177\\377\\200" },
	{ "\x01\x1f",		0, "\\001\\037" },
	{ "a\0b",		3, "a\\000b" },
	{ "kworker/0:1H-ev",	0, "kworker/0:1H-ev" },
	{ "!\"#$%&'()*+-./:;<>?@[]^_`{|}~", 0, "!\"#$%&'()*+-./:;<>?@[]^_`{|}~" },
};

START_TEST(test_escape)
{
	const char *in = esc_table[_i].in;
	size_t len = esc_table[_i].len ? esc_table[_i].len : strlen(in);
	char *src = dup_exact(in, len);
	char dst[256];
	size_t n;

	memset(dst, '@', sizeof(dst));
	n = klat_escape(dst, sizeof(dst), src, len);
	ck_assert_str_eq(dst, esc_table[_i].out);
	ck_assert_uint_eq(n, strlen(esc_table[_i].out));
	free(src);
}
END_TEST

/* every byte value: escaped exactly when it must be, as 3 octal digits */
START_TEST(test_escape_ctl)
{
	char out[64];
	const char in[] = "pid=1,2 comm=a\tb\\c\x80\n";

	ck_assert_uint_eq(klat_escape_ctl(out, sizeof(out), in, sizeof(in) - 1),
			  strlen("pid=1,2 comm=a\\011b\\134c\\200\\012"));
	ck_assert_str_eq(out, "pid=1,2 comm=a\\011b\\134c\\200\\012");
	/* never splits an escape: 5 bytes hold "ab" but not "ab\011" */
	ck_assert_uint_eq(klat_escape_ctl(out, 5, "ab\tc", 4), 2);
	ck_assert_str_eq(out, "ab");
}
END_TEST

START_TEST(test_escape_all_bytes)
{
	unsigned int c;

	for (c = 0; c < 256; c++) {
		char src = (char)c, dst[8], want[8];
		bool esc = c <= ' ' || c >= 0x7f || c == '\\' || c == ',' || c == '=';
		size_t n = klat_escape(dst, sizeof(dst), &src, 1);

		if (esc)
			snprintf(want, sizeof(want), "\\%03o", c);
		else
			snprintf(want, sizeof(want), "%c", c);
		ck_assert_msg(!strcmp(dst, want), "byte 0x%02x: '%s', want '%s'", c, dst, want);
		ck_assert_uint_eq(n, strlen(want));
	}
}
END_TEST

/* small buffers: a NUL terminated prefix that never ends inside an escape */
START_TEST(test_escape_truncate)
{
	static const char src[] = "ab c\\d\xff" "e";	/* units: a b \040 c \134 d \377 e */
	static const char *const units[] = { "a", "b", "\\040", "c", "\\134", "d", "\\377", "e" };
	size_t len = sizeof(src) - 1, size;
	char full[64];
	size_t nfull = klat_escape(full, sizeof(full), src, len);

	ck_assert_str_eq(full, "ab\\040c\\134d\\377e");
	ck_assert_uint_eq(nfull, 17);
	for (size = 1; size <= nfull + 3; size++) {
		char dst[64];
		size_t n, want = 0, u;

		/* whole units that fit in size - 1 bytes */
		for (u = 0; u < 8 && want + strlen(units[u]) <= size - 1; u++)
			want += strlen(units[u]);
		memset(dst, '@', sizeof(dst));
		n = klat_escape(dst, size, src, len);
		ck_assert_msg(n == want, "size %zu: wrote %zu, want %zu", size, n, want);
		ck_assert_int_eq(dst[n], '\0');
		ck_assert_int_eq(strncmp(dst, full, n), 0);
		ck_assert_int_eq(dst[size], '@');
		if (size < 64 - 1)
			ck_assert_int_eq(dst[size + 1], '@');
	}
	/* size 1: only the NUL; size 0: nothing written */
	{
		char d[4] = "@@@";

		ck_assert_uint_eq(klat_escape(d, 1, "abc", 3), 0);
		ck_assert_int_eq(d[0], '\0');
		ck_assert_int_eq(d[1], '@');
		d[0] = '@';
		ck_assert_uint_eq(klat_escape(d, 0, "abc", 3), 0);
		ck_assert_int_eq(d[0], '@');
		ck_assert_uint_eq(klat_escape(NULL, 0, "abc", 3), 0);
	}
	/* an escape needs 4 bytes plus the NUL */
	{
		char d[8];

		ck_assert_uint_eq(klat_escape(d, 4, " ", 1), 0);
		ck_assert_str_eq(d, "");
		ck_assert_uint_eq(klat_escape(d, 5, " ", 1), 4);
		ck_assert_str_eq(d, "\\040");
		ck_assert_uint_eq(klat_escape(d, 5, "x ", 2), 1);
		ck_assert_str_eq(d, "x");
		/* stops at the first escape that does not fit, even if later bytes would */
		ck_assert_uint_eq(klat_escape(d, 5, "x y", 3), 1);
		ck_assert_str_eq(d, "x");
	}
}
END_TEST

/* unescape(escape(x)) == x for random bytes, and the output has no separators */
START_TEST(test_escape_roundtrip)
{
	unsigned int seed = 777, iter;

	for (iter = 0; iter < 2000; iter++) {
		char src[32], dst[32 * 4 + 1], back[32];
		size_t len = (size_t)(rand_r(&seed) % 33), i, o = 0, n;

		for (i = 0; i < len; i++)
			src[i] = (char)rand_r(&seed);
		n = klat_escape(dst, sizeof(dst), src, len);
		ck_assert_uint_eq(strlen(dst), n);
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)dst[i];

			ck_assert(c > ' ' && c < 0x7f && c != ',' && c != '=');
			if (c == '\\') {
				ck_assert(i + 3 < n + 1);
				back[o++] = (char)(((dst[i + 1] - '0') << 6) |
						   ((dst[i + 2] - '0') << 3) | (dst[i + 3] - '0'));
				i += 3;
			} else {
				back[o++] = (char)c;
			}
		}
		ck_assert_uint_eq(o, len);
		ck_assert_int_eq(memcmp(back, src, len), 0);
	}
}
END_TEST

static Suite *parse_suite(void)
{
	Suite *s = suite_create("klat_parse");
	TCase *tc;

	tc = tcase_create("target");
	tcase_add_loop_test(tc, test_target_valid, 0, ARRAY_SIZE(target_ok));
	tcase_add_loop_test(tc, test_target_skip, 0, ARRAY_SIZE(target_skip));
	tcase_add_test(tc, test_target_skip_distinct);
	tcase_add_loop_test(tc, test_target_reject, 0, ARRAY_SIZE(target_bad));
	tcase_add_loop_test(tc, test_target_max_name, 0, 4);
	add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_err_codes);
	tcase_add_test(tc, test_err_out_of_range);
	add_tcase(s, tc);

	tc = tcase_create("u64");
	tcase_add_loop_test(tc, test_parse_u64, 0, ARRAY_SIZE(u64_table));
	tcase_add_test(tc, test_parse_u64_len);
	add_tcase(s, tc);

	tc = tcase_create("filter");
	tcase_add_test(tc, test_filter_keys);
	tcase_add_test(tc, test_filter_multi);
	tcase_add_test(tc, test_filter_comm_15);
	tcase_add_test(tc, test_filter_clear);
	tcase_add_loop_test(tc, test_filter_reject, 0, ARRAY_SIZE(filter_bad));
	tcase_add_loop_test(tc, test_filter_reject_nul, 0, ARRAY_SIZE(filter_nul));
	tcase_add_loop_test(tc, test_filter_format, 0, ARRAY_SIZE(format_table));
	tcase_add_test(tc, test_filter_format_truncate);
	tcase_add_test(tc, test_filter_roundtrip_random);
	tcase_add_test(tc, test_filter_empty);
	tcase_add_test(tc, test_filter_task);
	tcase_add_test(tc, test_filter_task_comm);
	add_tcase(s, tc);

	tc = tcase_create("escape");
	tcase_add_loop_test(tc, test_escape, 0, ARRAY_SIZE(esc_table));
	tcase_add_test(tc, test_escape_all_bytes);
	tcase_add_test(tc, test_escape_ctl);
	tcase_add_test(tc, test_escape_truncate);
	tcase_add_test(tc, test_escape_roundtrip);
	add_tcase(s, tc);
	return s;
}

KLAT_CHECK_MAIN(parse_suite)
