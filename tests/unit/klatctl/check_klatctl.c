// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for klatctl (Check framework): strict number parsing, unit formatting, the parsers
 * of the klat debugfs files, histogram arithmetic, error reporting, and every output format
 * against the fixture trees in tests/fixtures with golden files in tests/fixtures/golden.
 *
 * KLAT_UPDATE_GOLDEN=1 rewrites the golden files from the current output instead of comparing
 * (review the diff before committing).
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include "klatctl.h"
#include "../klat_check.h"

#ifndef FIXTURES
#error "build with -DFIXTURES='\"/path/to/tests/fixtures\"'"
#endif

#define BASIC	FIXTURES "/basic/debugfs/klat"
#define BASIC2	FIXTURES "/basic2/debugfs/klat"
#define EXTCOLS	FIXTURES "/extcols/debugfs/klat"
#define EMPTY	FIXTURES "/empty/debugfs/klat"

/* ---- helpers ---- */

struct cap {
	struct klatctl_ctx ctx;
	char *out, *err;
	size_t outlen, errlen;
	int ret;
};

static void cap_begin(struct cap *c, const char *root)
{
	memset(c, 0, sizeof(*c));
	c->ctx.root = root;
	c->ctx.root_is_default = false;
	c->ctx.out = open_memstream(&c->out, &c->outlen);
	c->ctx.err = open_memstream(&c->err, &c->errlen);
	ck_assert_ptr_nonnull(c->ctx.out);
	ck_assert_ptr_nonnull(c->ctx.err);
}

static void cap_end(struct cap *c)
{
	fclose(c->ctx.out);
	fclose(c->ctx.err);
}

static void cap_free(struct cap *c)
{
	free(c->out);
	free(c->err);
}

/*
 * Run CALL, an expression on c.ctx that gives an exit status, into a fresh
 * capture @c of @root: its output in c.out and c.err, the status in c.ret.
 */
#define CAP_RUN(c, root, call)			\
	do {					\
		cap_begin(&(c), (root));	\
		(c).ret = (call);		\
		cap_end(&(c));			\
	} while (0)

static char *slurp(const char *path)
{
	char *buf = NULL;

	if (klatctl_read_file(path, &buf, NULL))
		return NULL;
	return buf;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* the file @name under @root holds exactly @want */
static void file_is(const char *root, const char *name, const char *want)
{
	char path[PATH_MAX], *s;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	s = slurp(path);
	ck_assert_str_eq(s, want);
	free(s);
}

/*
 * PARSE(text, OUT, &line), a parser of a klat debugfs file, succeeds on the
 * fixture file @path.
 */
#define PARSE_FIXTURE(path, parse, out)					\
	do {								\
		char *buf_ = slurp(path);				\
		int line_ = 0;						\
									\
		ck_assert_ptr_nonnull(buf_);				\
		ck_assert_int_eq(parse(buf_, (out), &line_), 0);	\
		free(buf_);						\
	} while (0)

/* Compare with tests/fixtures/golden/NAME, or rewrite it under KLAT_UPDATE_GOLDEN=1. */
static void golden(const char *name, const char *actual)
{
	char path[PATH_MAX], apath[PATH_MAX];
	const char *upd = getenv("KLAT_UPDATE_GOLDEN");
	char *want;

	snprintf(path, sizeof(path), "%s/golden/%s", FIXTURES, name);
	if (upd && *upd == '1') {
		write_text(path, actual);
		return;
	}
	want = slurp(path);
	ck_assert_msg(want != NULL, "missing golden file %s", path);
	if (strcmp(want, actual)) {
		snprintf(apath, sizeof(apath), "/tmp/klatctl-%s.actual", name);
		write_text(apath, actual);
		ck_abort_msg("output differs from %s; got %s (diff -u %s %s)", path, apath, path,
			     apath);
	}
	free(want);
}

/* the command run into @c exited 0 and wrote golden/@name's output; frees @c */
static void cap_golden(struct cap *c, const char *name)
{
	ck_assert_msg(c->ret == 0, "%s: exit %d: %s", name, c->ret, c->err);
	golden(name, c->out);
	cap_free(c);
}

/*
 * The command run into @c exited @ret and wrote @err to stderr: all of it
 * when @exact, else somewhere in it. Frees @c.
 */
static void cap_fail(struct cap *c, int ret, const char *err, bool exact)
{
	ck_assert_int_eq(c->ret, ret);
	if (exact)
		ck_assert_str_eq(c->err, err);
	else
		ck_assert_ptr_nonnull(strstr(c->err, err));
	cap_free(c);
}

static int rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* A writable copy of a fixture tree, for the commands that write. */
static char tmpdir[PATH_MAX];

static const char *copy_fixture(const char *fixture)
{
	char cmd[PATH_MAX * 3];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/klatctl-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(cmd, sizeof(cmd), "cp -r '%s/%s/debugfs' '%s/'", FIXTURES, fixture, tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	strcat(tmpdir, "/debugfs/klat");
	return tmpdir;
}

static void drop_fixture(void)
{
	char *p = strstr(tmpdir, "/debugfs/klat");

	if (p)
		*p = '\0';
	nftw(tmpdir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- number parsing ---- */

START_TEST(test_parse_u64)
{
	uint64_t v = 7;

	ck_assert_int_eq(klatctl_parse_u64("0", &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(klatctl_parse_u64("123", &v), 0);
	ck_assert_uint_eq(v, 123);
	ck_assert_int_eq(klatctl_parse_u64("18446744073709551615", &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(klatctl_parse_u64("18446744073709551616", &v), -ERANGE);
	ck_assert_int_eq(klatctl_parse_u64("99999999999999999999999", &v), -ERANGE);
	v = 5;
	ck_assert_int_eq(klatctl_parse_u64("", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("12x", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("x12", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64(" 12", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("12 ", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("+12", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("-1", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("-0", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("0x10", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64("1.5", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_u64(NULL, &v), -EINVAL);
	ck_assert_uint_eq(v, 5);	/* untouched on error */
}
END_TEST

START_TEST(test_parse_s64)
{
	int64_t v;

	ck_assert_int_eq(klatctl_parse_s64("-97", &v), 0);
	ck_assert_int_eq(v, -97);
	ck_assert_int_eq(klatctl_parse_s64("4096", &v), 0);
	ck_assert_int_eq(v, 4096);
	ck_assert_int_eq(klatctl_parse_s64("-9223372036854775808", &v), 0);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(klatctl_parse_s64("9223372036854775808", &v), -ERANGE);
	ck_assert_int_eq(klatctl_parse_s64("-", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_s64("--1", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_s64("1-", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_s64("", &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_s64("+1", &v), -EINVAL);
}
END_TEST

START_TEST(test_parse_uint_range)
{
	uint64_t v;

	ck_assert_int_eq(klatctl_parse_uint("100", 1, 100, &v), 0);
	ck_assert_uint_eq(v, 100);
	ck_assert_int_eq(klatctl_parse_uint("1", 1, 100, &v), 0);
	ck_assert_int_eq(klatctl_parse_uint("0", 1, 100, &v), -ERANGE);
	ck_assert_int_eq(klatctl_parse_uint("101", 1, 100, &v), -ERANGE);
	ck_assert_int_eq(klatctl_parse_uint("5k", 1, 100, &v), -EINVAL);
	ck_assert_int_eq(klatctl_parse_uint("-5", 1, 100, &v), -EINVAL);
}
END_TEST

START_TEST(test_parse_interval)
{
	static const struct { const char *s; int ret; uint64_t ms; } cases[] = {
		{ "1", 0, 1000 }, { "0.5", 0, 500 }, { "2.25", 0, 2250 }, { "0.001", 0, 1 },
		{ "10.100", 0, 10100 }, { "0", 0, 0 },
		{ "", -EINVAL, 0 }, { ".5", -EINVAL, 0 }, { "1.", -EINVAL, 0 },
		{ "1.2345", -EINVAL, 0 }, { "1x", -EINVAL, 0 }, { "-1", -EINVAL, 0 },
		{ "1.5x", -EINVAL, 0 }, { "1.-5", -EINVAL, 0 }, { " 1", -EINVAL, 0 },
		{ "99999999999999999999", -ERANGE, 0 },
		{ "18446744073709551", -ERANGE, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t ms = 12345;
		int ret = klatctl_parse_interval_ms(cases[i].s, &ms);

		ck_assert_msg(ret == cases[i].ret, "'%s': ret %d, want %d", cases[i].s, ret,
			      cases[i].ret);
		if (!ret)
			ck_assert_msg(ms == cases[i].ms, "'%s': %llu ms", cases[i].s,
				      (unsigned long long)ms);
	}
}
END_TEST

/* ---- formatting ---- */

START_TEST(test_fmt_ns)
{
	static const struct { uint64_t ns; const char *s; } cases[] = {
		{ 0, "0ns" }, { 1, "1ns" }, { 999, "999ns" }, { 1000, "1.00us" },
		{ 1234, "1.23us" }, { 1235, "1.24us" }, { 9994, "9.99us" }, { 9995, "10.0us" },
		{ 12345, "12.3us" }, { 99949, "99.9us" }, { 99950, "100us" }, { 123456, "123us" },
		{ 999499, "999us" }, { 999500, "1.00ms" }, { 1230000, "1.23ms" },
		{ 12300000, "12.3ms" }, { 999999999, "1.00s" }, { 1500000000, "1.50s" },
		{ 61000000000ULL, "61.0s" }, { 1234567890123ULL, "1235s" },
		{ UINT64_MAX, "18446744074s" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_str_eq(klatctl_fmt_ns(cases[i].ns, buf, sizeof(buf)), cases[i].s);
}
END_TEST

START_TEST(test_fmt_seconds)
{
	char buf[48];

	ck_assert_str_eq(klatctl_fmt_seconds(0, buf, sizeof(buf)), "0");
	ck_assert_str_eq(klatctl_fmt_seconds(1, buf, sizeof(buf)), "0.000000001");
	ck_assert_str_eq(klatctl_fmt_seconds(1023, buf, sizeof(buf)), "0.000001023");
	ck_assert_str_eq(klatctl_fmt_seconds(1000000000, buf, sizeof(buf)), "1");
	ck_assert_str_eq(klatctl_fmt_seconds(1500000000, buf, sizeof(buf)), "1.5");
	ck_assert_str_eq(klatctl_fmt_seconds(34359738367ULL, buf, sizeof(buf)), "34.359738367");
}
END_TEST

START_TEST(test_fmt_rate)
{
	char buf[32];

	ck_assert_str_eq(klatctl_fmt_rate(0, buf, sizeof(buf)), "0.0");
	ck_assert_str_eq(klatctl_fmt_rate(-3, buf, sizeof(buf)), "0.0");
	ck_assert_str_eq(klatctl_fmt_rate(1234.56, buf, sizeof(buf)), "1234.6");
	ck_assert_str_eq(klatctl_fmt_rate(999999.9, buf, sizeof(buf)), "999999.9");
	ck_assert_str_eq(klatctl_fmt_rate(2.5e6, buf, sizeof(buf)), "2.50M");
	ck_assert_str_eq(klatctl_fmt_rate(3.2e9, buf, sizeof(buf)), "3.20G");
}
END_TEST

START_TEST(test_escape)
{
	char *s = NULL;
	size_t n;
	FILE *f = open_memstream(&s, &n);

	klatctl_json_str(f, "a\"b\\c\nd\x01");
	fputc(' ', f);
	klatctl_prom_label(f, "x\"y\\z\n");
	fclose(f);
	ck_assert_str_eq(s, "\"a\\\"b\\\\c\\nd\\u0001\" \"x\\\"y\\\\z\\n\"");
	free(s);
}
END_TEST

/* ---- parsers ---- */

START_TEST(test_table_parse)
{
	static const char *const defcols[] = { "a", "b", NULL };
	struct klatctl_table t;
	int line = -1;

	ck_assert_int_eq(klatctl_table_parse("# comment\n# x key y\n1 2 3 extra\n\n 4 5 6\n", "key",
					  NULL, &t, &line), 0);
	ck_assert_int_eq(t.ncols, 3);
	ck_assert_uint_eq(t.nrows, 2);
	ck_assert_int_eq(klatctl_table_col(&t, "y"), 2);
	ck_assert_int_eq(klatctl_table_col(&t, "nope"), -1);
	ck_assert_str_eq(klatctl_table_cell(&t, 1, 1), "5");
	ck_assert_int_eq(t.lines[1], 5);
	klatctl_table_free(&t);

	/* no header and no default columns */
	ck_assert_int_eq(klatctl_table_parse("1 2\n", "key", NULL, &t, &line), -EBADMSG);
	ck_assert_int_eq(line, 1);
	/* default columns */
	ck_assert_int_eq(klatctl_table_parse("1 2\n3 4\n", "key", defcols, &t, &line), 0);
	ck_assert_uint_eq(t.nrows, 2);
	klatctl_table_free(&t);
	/* short row */
	ck_assert_int_eq(klatctl_table_parse("# key b c\n1 2 3\n1 2\n", "key", NULL, &t, &line),
			 -EBADMSG);
	ck_assert_int_eq(line, 3);
	/* empty text: no header */
	ck_assert_int_eq(klatctl_table_parse("", "key", NULL, &t, &line), -EBADMSG);
}
END_TEST

START_TEST(test_stats_parse)
{
	struct klatctl_stats st;

	PARSE_FIXTURE(BASIC "/stats", klatctl_stats_parse, &st);
	ck_assert_uint_eq(st.nrows, 5);
	ck_assert_int_eq(st.ncols, 11);
	ck_assert_str_eq(st.rows[1].target, "tcp_v4_connect");
	ck_assert_uint_eq(klatctl_stats_get(&st, 1, KF_HITS), 2000);
	ck_assert_uint_eq(klatctl_stats_get(&st, 1, KF_MISSED), 4);
	ck_assert_uint_eq(klatctl_stats_get(&st, 1, KF_STDDEV), 113326);
	ck_assert(klatctl_stats_find(&st, "do_sys_openat2") == &st.rows[2]);
	ck_assert(klatctl_stats_find(&st, "nope") == NULL);
	klatctl_stats_free(&st);
}
END_TEST

START_TEST(test_stats_parse_by_name)
{
	struct klatctl_stats st;

	PARSE_FIXTURE(EXTCOLS "/stats", klatctl_stats_parse, &st);
	/* columns reordered: errors before hits, max before min */
	ck_assert_uint_eq(klatctl_stats_get(&st, 0, KF_HITS), 120);
	ck_assert_uint_eq(klatctl_stats_get(&st, 0, KF_ERRORS), 3);
	ck_assert_uint_eq(klatctl_stats_get(&st, 0, KF_MAX), 10240);
	ck_assert_uint_eq(klatctl_stats_get(&st, 0, KF_MIN), 1024);
	ck_assert_uint_eq(klatctl_stats_get(&st, 1, KF_P99), 655359);
	/* absent: p999 and stddev */
	ck_assert(!klatctl_stats_has(&st, KF_P999));
	ck_assert(!klatctl_stats_has(&st, KF_STDDEV));
	ck_assert_uint_eq(klatctl_stats_get(&st, 0, KF_P999), 0);
	/* appended columns kept, a number and a string */
	ck_assert_int_eq(st.ncols, 11);
	ck_assert_str_eq(st.names[9], "p9999_ns");
	ck_assert_uint_eq(st.rows[1].v[9], 983039);
	ck_assert(st.rows[1].num & (1ULL << 9));
	ck_assert_str_eq(st.names[10], "state");
	ck_assert(!(st.rows[1].num & (1ULL << 10)));
	ck_assert_str_eq(st.rows[1].s[10], "gone");
	klatctl_stats_free(&st);
}
END_TEST

START_TEST(test_stats_parse_bad)
{
	struct klatctl_stats st;
	int line = 0;

	ck_assert_int_eq(klatctl_stats_parse("# target hits errors\nfoo 1 2\nbar 12x 0\n", &st,
					  &line), -EINVAL);
	ck_assert_int_eq(line, 3);
	ck_assert_int_eq(klatctl_stats_parse("# target hits\nfoo -1\n", &st, &line), -EINVAL);
	ck_assert_int_eq(klatctl_stats_parse("# target hits\nfoo 99999999999999999999\n", &st,
					  &line), -ERANGE);
	ck_assert_int_eq(klatctl_stats_parse("foo 1 2 3\n", &st, &line), -EBADMSG);
	ck_assert_int_eq(klatctl_stats_parse("# target hits\nfoo\n", &st, &line), -EBADMSG);
	ck_assert_int_eq(line, 2);
	/* header only: no targets */
	ck_assert_int_eq(klatctl_stats_parse("# klat stats: 0 targets\n# target hits\n", &st, &line),
			 0);
	ck_assert_uint_eq(st.nrows, 0);
	klatctl_stats_free(&st);
}
END_TEST

START_TEST(test_kv)
{
	char *buf = slurp(BASIC "/probes/tcp_v4_connect/stats");
	uint64_t v = 0;

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(klatctl_kv_get_u64(buf, "sum_ns", &v), 0);
	ck_assert_uint_eq(v, 70786429);
	ck_assert_int_eq(klatctl_kv_get_u64(buf, "hits", &v), 0);
	ck_assert_uint_eq(v, 2000);
	ck_assert_int_eq(klatctl_kv_get_u64(buf, "sum", &v), -ENOENT);
	ck_assert_int_eq(klatctl_kv_get_u64(buf, "target", &v), -EINVAL);
	free(buf);
	ck_assert_int_eq(klatctl_kv_get_u64("a: 5  \r\nb:7", "b", &v), 0);
	ck_assert_uint_eq(v, 7);
	ck_assert_int_eq(klatctl_kv_get_u64("a: 5  \r\nb:7", "a", &v), 0);
	ck_assert_uint_eq(v, 5);
}
END_TEST

START_TEST(test_hist_parse)
{
	struct klatctl_hist h;
	int line = 0;

	PARSE_FIXTURE(BASIC "/probes/__sys_socket/hist", klatctl_hist_parse, &h);
	ck_assert_uint_eq(h.total, 120);
	ck_assert_uint_eq(h.n, 34);
	ck_assert_uint_eq(h.b[7].low, 1024);
	ck_assert_uint_eq(h.b[7].high, 1087);
	ck_assert_uint_eq(h.b[7].count, 6);
	klatctl_hist_free(&h);

	/* unsorted rows are sorted, no header is fine */
	ck_assert_int_eq(klatctl_hist_parse("20 29 1\n0 9 2\n10 19 3\n", &h, &line), 0);
	ck_assert_uint_eq(h.b[0].low, 0);
	ck_assert_uint_eq(h.b[2].low, 20);
	ck_assert_uint_eq(h.total, 6);
	klatctl_hist_free(&h);
	/* empty histogram */
	ck_assert_int_eq(klatctl_hist_parse("# klat histogram for x: 0 calls\n"
					 "# low_ns high_ns count\n", &h, &line), 0);
	ck_assert_uint_eq(h.n, 0);
	ck_assert_uint_eq(h.total, 0);
	klatctl_hist_free(&h);
	/* errors */
	ck_assert_int_eq(klatctl_hist_parse("# low_ns high_ns count\n10 5 1\n", &h, &line),
			 -EBADMSG);
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(klatctl_hist_parse("# low_ns high_ns count\n1 2 3\n4 5 x\n", &h, &line),
			 -EINVAL);
	ck_assert_int_eq(line, 3);
	ck_assert_int_eq(klatctl_hist_parse("# low_ns count\n1 2\n", &h, &line), -EBADMSG);
}
END_TEST

START_TEST(test_log_parse)
{
	struct klatctl_log log;
	int line = 0;

	PARSE_FIXTURE(BASIC "/log", klatctl_log_parse, &log);
	ck_assert_uint_eq(log.n, 8);
	ck_assert_uint_eq(log.capacity, 4096);
	ck_assert_uint_eq(log.dropped, 0);
	ck_assert_uint_eq(log.ev[1].seq, 2);
	ck_assert_int_eq(log.ev[1].ret, -97);
	ck_assert_str_eq(log.ev[1].ret_str, "-97(EAFNOSUPPORT)");
	ck_assert_str_eq(log.ev[1].ret_name, "EAFNOSUPPORT");
	ck_assert_str_eq(log.ev[0].ret_str, "3");
	ck_assert_str_eq(log.ev[0].ret_name, "");
	ck_assert_int_eq(log.ev[6].ret, 4096);
	ck_assert_uint_eq(log.ev[1].lat_ns, 8892);
	ck_assert_uint_eq(log.ev[1].pid, 417);
	ck_assert_uint_eq(log.ev[1].tgid, 416);
	ck_assert_uint_eq(log.ev[1].cpu, 1);
	ck_assert_str_eq(log.ev[1].comm, "sockloop");
	ck_assert_str_eq(log.ev[1].target, "__sys_socket");
	ck_assert_str_eq(log.ev[1].args, "999,SOCK_STREAM,0");
	ck_assert_str_eq(log.ev[5].comm, "my\\040proc");
	ck_assert(!strncmp(log.ev[0].line, "seq=1 ts_ns=5124456809 ", 23));
	klatctl_log_free(&log);

	/* unknown keys are ignored, missing ones default */
	ck_assert_int_eq(klatctl_log_parse("seq=9 future=1 lat_ns=5\n", &log, &line), 0);
	ck_assert_uint_eq(log.ev[0].seq, 9);
	ck_assert_str_eq(log.ev[0].comm, "");
	klatctl_log_free(&log);
	/* errors: no seq, bad numbers */
	ck_assert_int_eq(klatctl_log_parse("seq=1\nlat_ns=5\n", &log, &line), -EBADMSG);
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(klatctl_log_parse("seq=1 ret=12x\n", &log, &line), -EINVAL);
	ck_assert_int_eq(klatctl_log_parse("seq=-1\n", &log, &line), -EINVAL);
	ck_assert_int_eq(klatctl_log_parse("seq=1 ret=-5(EIO\n", &log, &line), -EINVAL);
	ck_assert_int_eq(klatctl_log_parse("seq=1 ret=-5()\n", &log, &line), -EINVAL);
	ck_assert_int_eq(klatctl_log_parse("seq=1 ret=x(EIO)\n", &log, &line), -EINVAL);
	ck_assert_int_eq(klatctl_log_parse("seq=1 ret=-9223372036854775808(EX)\n", &log, &line), 0);
	ck_assert(log.ev[0].ret == INT64_MIN);
	ck_assert_str_eq(log.ev[0].ret_name, "EX");
	klatctl_log_free(&log);
}
END_TEST

START_TEST(test_targets_parse)
{
	struct klatctl_targets tg;
	int line = 0;

	PARSE_FIXTURE(BASIC "/targets", klatctl_targets_parse, &tg);
	ck_assert_uint_eq(tg.n, 5);
	ck_assert_str_eq(tg.v[3].symbol, "ext4_file_write_iter");
	ck_assert_str_eq(tg.v[3].state, "gone");
	ck_assert_str_eq(tg.v[1].maxactive, "64");
	ck_assert_str_eq(tg.v[0].syscall, "socket");
	ck_assert_str_eq(tg.v[1].syscall, "-");
	klatctl_targets_free(&tg);

	/* without a header the contract's columns are assumed */
	ck_assert_int_eq(klatctl_targets_parse("foo active 0\n", &tg, &line), 0);
	ck_assert_str_eq(tg.v[0].symbol, "foo");
	ck_assert_str_eq(tg.v[0].syscall, "-");
	klatctl_targets_free(&tg);

	/* a module without the syscall column */
	PARSE_FIXTURE(EXTCOLS "/targets", klatctl_targets_parse, &tg);
	ck_assert_uint_eq(tg.n, 2);
	ck_assert_str_eq(tg.v[1].maxactive, "64");
	ck_assert_str_eq(tg.v[1].syscall, "-");
	klatctl_targets_free(&tg);

	/* a row short of the header's columns is malformed */
	ck_assert_int_eq(klatctl_targets_parse("# symbol state maxactive syscall\nfoo active 0 -\n"
					       "bar active 0\n", &tg, &line), -EBADMSG);
	ck_assert_int_eq(line, 3);
}
END_TEST

START_TEST(test_error_log_last)
{
	char *buf = slurp(BASIC "/error_log"), *last;

	ck_assert_ptr_nonnull(buf);
	last = klatctl_error_log_last(buf);
	ck_assert_ptr_nonnull(last);
	ck_assert_str_eq(last, "[   17.000042] filter: error: unknown filter term (EINVAL)\n"
			 "  Command: pid=1 colour=red\n"
			 "                 ^");
	free(last);
	free(buf);
	ck_assert_ptr_null(klatctl_error_log_last("# klat error_log: oldest first\n"));
	ck_assert_ptr_null(klatctl_error_log_last(""));
}
END_TEST

/* the command of error_log's newest entry, and a name escaped as the kernel shows it */
START_TEST(test_error_log_command)
{
	static const char log[] =
		"# klat error_log: the 2 most recent errors, oldest first\n"
		"[    5.123456] targets: error: unknown kernel symbol (-ENOENT)\n"
		"  Command: nosuch_fn\n"
		"           ^\n"
		"[    6.000001] targets: error: unknown syscall name (-ENOENT)\n"
		"  Command: syscall:nosuch\n"
		"                   ^\n";
	char *last = klatctl_error_log_last(log), *cmd, *esc;
	char longname[200];

	ck_assert_ptr_nonnull(last);
	cmd = klatctl_error_log_command(last, "targets");
	ck_assert_str_eq(cmd, "syscall:nosuch");
	free(cmd);
	ck_assert_ptr_null(klatctl_error_log_command(last, "filter"));
	free(last);
	/* an entry of a filter file is not one of targets */
	last = slurp(BASIC "/error_log");
	cmd = klatctl_error_log_command(strstr(last, "[   17."), "targets");
	ck_assert_ptr_null(cmd);
	cmd = klatctl_error_log_command(strstr(last, "[   17."), "filter");
	ck_assert_str_eq(cmd, "pid=1 colour=red");
	free(cmd);
	free(last);
	ck_assert_ptr_null(klatctl_error_log_command("garbage", "targets"));
	ck_assert_ptr_null(klatctl_error_log_command("[ 1.0] targets: error: x\n", "targets"));

	esc = klatctl_error_log_escape("a\tb\\c\xc3\xa9 d=e,f");
	ck_assert_str_eq(esc, "a\\011b\\134c\\303\\251 d=e,f");
	free(esc);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	esc = klatctl_error_log_escape(longname);
	ck_assert_uint_eq(strlen(esc), 127);
	free(esc);
}
END_TEST

START_TEST(test_syscalls_parse)
{
	struct klatctl_syscalls sc;
	const struct klatctl_syscall *s;
	int line = 0;

	PARSE_FIXTURE(BASIC "/syscalls", klatctl_syscalls_parse, &sc);
	ck_assert_uint_eq(sc.n, 42);
	ck_assert_uint_eq(sc.v[0].nr, 0);
	ck_assert_str_eq(sc.v[0].name, "read");
	ck_assert_str_eq(sc.v[0].symbol, "ksys_read");
	ck_assert_str_eq(sc.v[0].args, "fd,buf,count");
	ck_assert_str_eq(sc.v[0].state, "ok");
	ck_assert_str_eq(klatctl_syscalls_find(&sc, "perf_event_open")->state, "notrace");
	s = klatctl_syscalls_find(&sc, "fstat");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->nr, 5);
	/* the kernel's own name, from __x64_sys_NAME */
	ck_assert_ptr_eq(klatctl_syscalls_find(&sc, "newfstat"), s);
	ck_assert_ptr_eq(klatctl_syscalls_find(&sc, "newuname"), klatctl_syscalls_find(&sc, "uname"));
	ck_assert_ptr_null(klatctl_syscalls_find(&sc, "sys_socket"));
	ck_assert_ptr_null(klatctl_syscalls_find(&sc, "nosuch"));
	ck_assert_str_eq(klatctl_syscalls_find(&sc, "getpid")->args, "-");
	ck_assert_str_eq(klatctl_syscalls_find(&sc, "lookup_dcookie")->args, "?");
	klatctl_syscalls_free(&sc);

	/* columns by name, more appended; no header: the contract's */
	ck_assert_int_eq(klatctl_syscalls_parse("# args nr symbol name extra\nfd 3 __x64_sys_close "
						"close yes\n", &sc, &line), 0);
	ck_assert_str_eq(sc.v[0].name, "close");
	ck_assert_uint_eq(sc.v[0].nr, 3);
	klatctl_syscalls_free(&sc);
	ck_assert_int_eq(klatctl_syscalls_parse("39 getpid __x64_sys_getpid -\n", &sc, &line), 0);
	ck_assert_uint_eq(sc.n, 1);
	klatctl_syscalls_free(&sc);
	/* no state column (an older module): ok; nr "-" (the kallsyms fallback) */
	ck_assert_int_eq(klatctl_syscalls_parse("# nr name symbol args\n- getpid __x64_sys_getpid ?\n",
						&sc, &line), 0);
	ck_assert_uint_eq(sc.v[0].nr, KLATCTL_NR_NONE);
	ck_assert_str_eq(sc.v[0].state, "ok");
	klatctl_syscalls_free(&sc);
	ck_assert_int_ne(klatctl_syscalls_parse("# nr name symbol args state\n"
						"3 close __x64_sys_close fd not-ok\n", &sc, &line), 0);
	ck_assert_int_eq(klatctl_syscalls_parse("# klat syscalls: 0\n# nr name symbol args\n", &sc,
						&line), 0);
	ck_assert_uint_eq(sc.n, 0);
	klatctl_syscalls_free(&sc);
}
END_TEST

/* a malformed line of klat/syscalls is an error with its line number */
START_TEST(test_syscalls_parse_bad)
{
	static const char *const bad[] = {
		"x read ksys_read fd\n",		/* nr not a number */
		"-1 read ksys_read fd\n",
		"0 read ksys_read\n",			/* a column short */
		"0 re-ad ksys_read fd\n",		/* name not an identifier */
		"0 read ksys/read fd\n",
		"0 read ksys_read fd,,count\n",		/* an empty argument name */
		"0 read ksys_read fd,\n",
		"0 read ksys_read ,fd\n",
		"0 read ksys_read fd;buf\n",
		"0 read ksys_read ??\n",
		"0 1read ksys_read -\n",
	};
	struct klatctl_syscalls sc;
	char text[256];
	size_t i;
	int line;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(text, sizeof(text), "# klat syscalls: 2\n# nr name symbol args\n"
			 "3 close __x64_sys_close fd\n%s", bad[i]);
		line = 0;
		ck_assert_msg(klatctl_syscalls_parse(text, &sc, &line) == -EBADMSG, "%s", bad[i]);
		ck_assert_int_eq(line, 4);
	}
	/* a header without the args column */
	ck_assert_int_eq(klatctl_syscalls_parse("# nr name symbol\n0 read ksys_read\n", &sc, &line),
			 -EBADMSG);
}
END_TEST

START_TEST(test_filter_functions)
{
	struct klatctl_strv av = { 0 }, bl = { 0 }, out = { 0 };
	char *buf = slurp(FIXTURES "/basic/debugfs/tracing/available_filter_functions");

	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(klatctl_parse_filter_functions(buf, &av), 0);
	free(buf);
	/* 153 lines: a name listed twice (ambiguous), a placeholder and two klat functions */
	ck_assert_uint_eq(av.n, 148);
	ck_assert(!klatctl_strv_bsearch(&av, "tcp_v4_init_sock"));
	ck_assert(klatctl_strv_bsearch(&av, "tcp_v6_connect"));	/* " [ipv6]" stripped */
	ck_assert(klatctl_strv_bsearch(&av, "ext4_sync_file"));
	ck_assert(!klatctl_strv_bsearch(&av, "klat_ret_handler"));
	ck_assert(!klatctl_strv_bsearch(&av, "__ftrace_invalid_address___84"));

	buf = slurp(FIXTURES "/basic/debugfs/kprobes/blacklist");
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(klatctl_parse_blacklist(buf, &bl), 0);
	free(buf);
	ck_assert_uint_eq(bl.n, 3);
	ck_assert(klatctl_strv_bsearch(&bl, "tcp_v4_early_demux"));

	ck_assert_int_eq(klatctl_glob_match("tcp_v4_*", &av, &bl, &out), 0);
	ck_assert_uint_eq(out.n, 8);	/* 10 tcp_v4_ names, one ambiguous, one blacklisted */
	ck_assert_str_eq(out.v[0], "tcp_v4_connect");
	klatctl_strv_free(&out);
	ck_assert_int_eq(klatctl_glob_match("tcp_v4_*", &av, NULL, &out), 0);
	ck_assert_uint_eq(out.n, 9);
	klatctl_strv_free(&out);
	ck_assert_int_eq(klatctl_glob_match("__sys_[sb]*", &av, &bl, &out), 0);
	ck_assert_uint_eq(out.n, 3);	/* socket, socketpair, bind */
	klatctl_strv_free(&out);
	ck_assert_int_eq(klatctl_glob_match("ext4_gen_0?0", &av, &bl, &out), 0);
	ck_assert_uint_eq(out.n, 10);
	klatctl_strv_free(&out);

	ck_assert(klatctl_is_glob("a*"));
	ck_assert(klatctl_is_glob("a?"));
	ck_assert(klatctl_is_glob("[ab]"));
	ck_assert(!klatctl_is_glob("syscall:openat"));
	klatctl_strv_free(&av);
	klatctl_strv_free(&bl);
}
END_TEST

/* ---- histogram arithmetic ---- */

START_TEST(test_log2_slot)
{
	ck_assert_int_eq(klatctl_log2_slot(0), 0);
	ck_assert_int_eq(klatctl_log2_slot(1), 0);
	ck_assert_int_eq(klatctl_log2_slot(2), 1);
	ck_assert_int_eq(klatctl_log2_slot(3), 1);
	ck_assert_int_eq(klatctl_log2_slot(4), 2);
	ck_assert_int_eq(klatctl_log2_slot(1023), 9);
	ck_assert_int_eq(klatctl_log2_slot(1024), 10);
	ck_assert_int_eq(klatctl_log2_slot(2047), 10);
	ck_assert_int_eq(klatctl_log2_slot(UINT64_MAX), 63);
}
END_TEST

START_TEST(test_hist_log2)
{
	struct klatctl_bucket b[] = {
		{ 0, 0, 1 }, { 1, 1, 2 }, { 2, 2, 3 }, { 3, 3, 4 }, { 1024, 1087, 5 },
		{ 1984, 2047, 6 }, { 2048, 2175, 0 }, { 4096, 4351, 7 },
	};
	struct klatctl_hist h = { ARRAY_SIZE(b), b, 28 };
	uint64_t slots[KLATCTL_LOG2_SLOTS];
	int idx;

	idx = klatctl_hist_log2(&h, slots);
	ck_assert_int_eq(idx, 12);
	ck_assert_uint_eq(slots[0], 3);
	ck_assert_uint_eq(slots[1], 7);
	ck_assert_uint_eq(slots[10], 11);
	ck_assert_uint_eq(slots[11], 0);
	ck_assert_uint_eq(slots[12], 7);
	h.n = 0;
	ck_assert_int_eq(klatctl_hist_log2(&h, slots), -1);
}
END_TEST

START_TEST(test_hist_percentile)
{
	struct klatctl_bucket b[] = { { 10, 19, 50 }, { 20, 29, 40 }, { 30, 39, 9 }, { 40, 49, 1 } };
	struct klatctl_hist h = { ARRAY_SIZE(b), b, 100 }, e = { 0 };

	/* the module's meaning: the midpoint of the bucket holding the value of that rank */
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 50, 100), 14);
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 51, 100), 24);
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 90, 100), 24);
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 99, 100), 34);
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 999, 1000), 44);
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 0, 100), 14);
	ck_assert_uint_eq(klatctl_hist_upper_bound(&h), 49);
	ck_assert_uint_eq(klatctl_hist_percentile(&e, 50, 100), 0);
	/* the kernel's last bucket is open-ended: its low end stands for it */
	b[3].low = 1ULL << 44;
	b[3].high = UINT64_MAX;
	ck_assert_uint_eq(klatctl_hist_percentile(&h, 999, 1000), 1ULL << 44);
	ck_assert_uint_eq(klatctl_hist_upper_bound(&h), 1ULL << 44);
	ck_assert_uint_eq(klatctl_hist_upper_bound(&e), 0);
}
END_TEST

START_TEST(test_hist_diff)
{
	struct klatctl_bucket pb[] = { { 10, 19, 5 }, { 20, 29, 3 }, { 40, 49, 1 } };
	struct klatctl_bucket nb[] = { { 10, 19, 5 }, { 20, 29, 7 }, { 30, 39, 2 }, { 40, 49, 1 },
				    { 50, 59, 4 } };
	struct klatctl_bucket rb[] = { { 10, 19, 1 }, { 20, 29, 1 } };
	struct klatctl_hist prev = { ARRAY_SIZE(pb), pb, 9 }, now = { ARRAY_SIZE(nb), nb, 19 };
	struct klatctl_hist reset = { ARRAY_SIZE(rb), rb, 2 }, d;

	ck_assert_int_eq(klatctl_hist_diff(&now, &prev, &d), 0);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.total, 10);
	ck_assert_uint_eq(d.b[0].low, 20);
	ck_assert_uint_eq(d.b[0].count, 4);
	ck_assert_uint_eq(d.b[1].low, 30);
	ck_assert_uint_eq(d.b[2].count, 4);
	/* max over the interval: the highest bucket that grew */
	ck_assert_uint_eq(klatctl_hist_upper_bound(&d), 59);
	klatctl_hist_free(&d);

	/* counts went down: a reset in between, the interval is the new read */
	ck_assert_int_eq(klatctl_hist_diff(&reset, &prev, &d), 0);
	ck_assert_uint_eq(d.total, 2);
	ck_assert_uint_eq(d.n, 2);
	klatctl_hist_free(&d);
	/* a bucket vanished: also a reset */
	ck_assert_int_eq(klatctl_hist_diff(&prev, &now, &d), 0);
	ck_assert_uint_eq(d.total, 9);
	klatctl_hist_free(&d);
	/* no previous read */
	ck_assert_int_eq(klatctl_hist_diff(&now, NULL, &d), 0);
	ck_assert_uint_eq(d.total, 19);
	klatctl_hist_free(&d);
	/* nothing new */
	ck_assert_int_eq(klatctl_hist_diff(&now, &now, &d), 0);
	ck_assert_uint_eq(d.total, 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(klatctl_hist_upper_bound(&d), 0);
	klatctl_hist_free(&d);
}
END_TEST

/* a malformed file with two buckets of one low end: each prev bucket counts once */
START_TEST(test_hist_diff_dup_low)
{
	struct klatctl_bucket nb[] = { { 10, 20, 5 }, { 10, 20, 1 } }, pb[] = { { 10, 20, 3 } };
	struct klatctl_hist now = { ARRAY_SIZE(nb), nb, 6 }, prev = { ARRAY_SIZE(pb), pb, 3 }, d;

	ck_assert_int_eq(klatctl_hist_diff(&now, &prev, &d), 0);
	ck_assert_uint_eq(d.total, 3);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_uint_eq(d.b[0].count, 2);
	ck_assert_uint_eq(d.b[1].count, 1);
	klatctl_hist_free(&d);
}
END_TEST

/* ---- errors a user can hit ---- */

START_TEST(test_root_diagnose)
{
	ck_assert_int_eq(klatctl_root_diagnose(0, true, true, 1), KLATCTL_ROOT_OK);
	ck_assert_int_eq(klatctl_root_diagnose(0, false, true, 1), KLATCTL_ROOT_NOT_DIR);
	ck_assert_int_eq(klatctl_root_diagnose(ENOENT, false, true, 0), KLATCTL_ROOT_NO_DEBUGFS);
	ck_assert_int_eq(klatctl_root_diagnose(ENOENT, false, true, 1), KLATCTL_ROOT_NO_MODULE);
	ck_assert_int_eq(klatctl_root_diagnose(ENOENT, false, true, -1), KLATCTL_ROOT_NO_MODULE);
	ck_assert_int_eq(klatctl_root_diagnose(ENOENT, false, false, 0), KLATCTL_ROOT_NO_MODULE);
	ck_assert_int_eq(klatctl_root_diagnose(-EACCES, false, true, -1), KLATCTL_ROOT_EACCES);
	ck_assert_int_eq(klatctl_root_diagnose(EPERM, false, false, 1), KLATCTL_ROOT_EACCES);
	ck_assert_int_eq(klatctl_root_diagnose(EIO, false, false, 1), KLATCTL_ROOT_OTHER);
}
END_TEST

static char *report(enum klatctl_root_state st, int err)
{
	struct cap c;

	cap_begin(&c, "/sys/kernel/debug/klat");
	klatctl_report_root(&c.ctx, st, err);
	cap_end(&c);
	free(c.out);
	return c.err;
}

START_TEST(test_root_messages)
{
	char *m;

	m = report(KLATCTL_ROOT_NO_DEBUGFS, ENOENT);
	ck_assert_str_eq(m, "klatctl: debugfs is not mounted on /sys/kernel/debug; mount it with: "
			 "mount -t debugfs none /sys/kernel/debug\n");
	free(m);
	m = report(KLATCTL_ROOT_NO_MODULE, ENOENT);
	ck_assert_str_eq(m, "klatctl: /sys/kernel/debug/klat not found: the klat module is not "
			 "loaded; load it with: modprobe klat (or insmod klat.ko)\n");
	free(m);
	m = report(KLATCTL_ROOT_EACCES, EACCES);
	ck_assert_str_eq(m, "klatctl: /sys/kernel/debug/klat: permission denied (EACCES); klatctl "
			 "must run as root\n");
	free(m);
}
END_TEST

/* the root check on @root (the default one when @is_default) */
static int check_root(struct klatctl_ctx *ctx, bool is_default)
{
	ctx->root_is_default = is_default;
	return klatctl_check_root(ctx);
}

START_TEST(test_check_root)
{
	static const struct {
		const char *root;
		bool is_default;
		int ret;
		const char *err;	/* NULL: nothing on stderr */
	} t[] = {
		{ BASIC, false, 0, NULL },
		{ FIXTURES "/nonexistent/klat", false, KLATCTL_EXIT_NOKLAT, "modprobe klat" },
		{ BASIC "/stats", false, KLATCTL_EXIT_NOKLAT, "not a directory" },
		/* the default root on a machine without debugfs there (or without the module) */
		{ "/nonexistent-debugfs/klat", true, KLATCTL_EXIT_NOKLAT,
		  "mount -t debugfs none /nonexistent-debugfs" },
		/* the debugfs mount instead of klat's directory in it */
		{ FIXTURES "/basic/debugfs", false, KLATCTL_EXIT_NOKLAT,
		  "klat is not at --root; did you mean --root " FIXTURES "/basic/debugfs/klat?" },
		/* a directory without a targets file, and nothing like klat below it */
		{ FIXTURES "/basic/debugfs/tracing", false, KLATCTL_EXIT_NOKLAT,
		  "tracing has no targets file: klat is not at --root (its directory is " },
	};
	struct cap c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		CAP_RUN(c, t[i].root, check_root(&c.ctx, t[i].is_default));
		if (t[i].err) {
			cap_fail(&c, t[i].ret, t[i].err, false);
		} else {
			ck_assert_int_eq(c.ret, t[i].ret);
			ck_assert_uint_eq(c.errlen, 0);
			cap_free(&c);
		}
	}
}
END_TEST

struct write_err {
	const char *op, *arg;
	int err;
};

/* what the write error reports of @w say on stderr, one after the other (to free) */
static char *write_errors(const struct write_err *w, size_t n)
{
	struct cap c;
	size_t i;

	cap_begin(&c, BASIC);
	for (i = 0; i < n; i++)
		klatctl_report_write_error(&c.ctx, w[i].op, w[i].arg, w[i].err);
	cap_end(&c);
	free(c.out);
	return c.err;
}

START_TEST(test_write_errors)
{
	static const struct write_err w[] = {
		{ "add", "nosuch_fn", -ENOENT },
		{ "del", "nosuch_fn", ENOENT },
		{ "add", "x", -EACCES },
		{ "add", "do_int3", -EINVAL },
		{ "filter", "pid=1 colour=red", -EINVAL },
		{ "add", "x", -EBUSY },
		{ "add", "finish_task_switch", -EADDRNOTAVAIL },
	};
	char *err = write_errors(w, ARRAY_SIZE(w));

	golden("write_errors.err", err);
	free(err);
}
END_TEST

START_TEST(test_write_eperm)
{
	/* EPERM: lockdown for root, lack of privilege for anyone else */
	static const struct write_err w = { "add", "vfs_read", -EPERM };
	char *err = write_errors(&w, 1);

	if (geteuid() == 0)
		ck_assert_ptr_nonnull(strstr(err, "add vfs_read: operation not permitted (EPERM): "
					 "is the kernel locked down against kprobes?"));
	else
		ck_assert_str_eq(err, "klatctl: add: permission denied (EPERM); klatctl must run "
				 "as root\n");
	free(err);
}
END_TEST

/* ---- output formats against the fixture trees ---- */

START_TEST(test_golden_list)
{
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_list(&c.ctx, false));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "list.out");

	CAP_RUN(c, EMPTY, klatctl_cmd_list(&c.ctx, false));
	cap_golden(&c, "list-empty.out");

	CAP_RUN(c, BASIC, klatctl_cmd_list(&c.ctx, true));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "list.json");

	CAP_RUN(c, EMPTY, klatctl_cmd_list(&c.ctx, true));
	ck_assert_str_eq(c.out, "{\"version\": 1, \"targets\": []}\n");
	cap_free(&c);
}
END_TEST

/* JSON: null where the table shows "-", numbers where it can, strings otherwise */
START_TEST(test_json_nulls)
{
	struct klatctl_targets tg;
	struct klatctl_stats st;
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	int line = 0;

	ck_assert_int_eq(klatctl_stats_parse("# target hits errors min_ns avg_ns note\n"
					     "a 0 0 0 0 x\nb 2 1 5 7 y\n", &st, &line), 0);
	klatctl_print_stats_json(f, &st, NULL, NULL);
	klatctl_stats_free(&st);
	ck_assert_int_eq(klatctl_targets_parse("# symbol state maxactive\nx active -\n"
					       "y gone 64\n", &tg, &line), 0);
	klatctl_print_targets_json(f, &tg);
	klatctl_targets_free(&tg);
	fclose(f);
	ck_assert_str_eq(out, "{\"version\": 1, \"targets\": [\n"
			 "  {\"target\": \"a\", \"hits\": 0, \"errors\": 0, \"min_ns\": null, "
			 "\"avg_ns\": null, \"note\": \"x\"},\n"
			 "  {\"target\": \"b\", \"hits\": 2, \"errors\": 1, \"min_ns\": 5, "
			 "\"avg_ns\": 7, \"note\": \"y\"}\n]}\n"
			 "{\"version\": 1, \"targets\": [\n"
			 "  {\"target\": \"x\", \"state\": \"active\", \"maxactive\": null, "
			 "\"syscall\": null},\n"
			 "  {\"target\": \"y\", \"state\": \"gone\", \"maxactive\": 64, "
			 "\"syscall\": null}\n]}\n");
	free(out);
}
END_TEST

static void stats_golden(const char *root, bool json, bool prom, char **syms, int nsyms,
			 const char *name)
{
	struct klatctl_stats_opts o = { .json = json, .prometheus = prom, .symbols = syms,
				     .nsymbols = nsyms };
	struct cap c;

	CAP_RUN(c, root, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, name);
}

START_TEST(test_prometheus_errno)
{
	/* klat_errno_returns_total: the name, or the number for an errno without one */
	const char *root = copy_fixture("basic");
	struct klatctl_stats_opts o = { .prometheus = true };
	char *sel[] = { "__sys_socket" };
	char path[PATH_MAX];
	struct cap c;

	snprintf(path, sizeof(path), "%s/probes/__sys_socket/errors", root);
	write_text(path, "# klat errors for __sys_socket: 3 failing calls\n# errno name count\n"
		   "41 - 1\n97 EAFNOSUPPORT 1\n0 OTHER 1\n");
	o.symbols = sel;
	o.nsymbols = 1;
	CAP_RUN(c, root, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "klat_errors_total{target=\"__sys_socket\"} 3\n"
				     "# HELP klat_errno_returns_total Returns of the probed kernel "
				     "function with this errno.\n"
				     "# TYPE klat_errno_returns_total counter\n"
				     "klat_errno_returns_total{target=\"__sys_socket\",errno=\"41\"} 1\n"
				     "klat_errno_returns_total{target=\"__sys_socket\",errno="
				     "\"EAFNOSUPPORT\"} 1\n"
				     "klat_errno_returns_total{target=\"__sys_socket\",errno=\"OTHER\"} "
				     "1\n# HELP klat_missed_total "));
	cap_free(&c);

	/* a broken errors file is an error, as for hist */
	write_text(path, "# errno name count\n97 EAFNOSUPPORT 1x\n");
	CAP_RUN(c, root, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_int_eq(c.ret, KLATCTL_EXIT_FAIL);
	ck_assert_ptr_nonnull(strstr(c.err, "probes/__sys_socket/errors"));
	cap_free(&c);
	drop_fixture();
}
END_TEST

START_TEST(test_golden_stats)
{
	char *sel[] = { "tcp_*", "__sys_socket" };

	stats_golden(BASIC, false, false, NULL, 0, "stats.out");
	stats_golden(BASIC, true, false, NULL, 0, "stats.json");
	stats_golden(BASIC, false, true, NULL, 0, "stats.prom");
	stats_golden(BASIC, false, false, sel, 2, "stats-select.out");
	stats_golden(BASIC, true, false, sel, 2, "stats-select.json");
	stats_golden(EXTCOLS, false, false, NULL, 0, "stats-extcols.out");
	stats_golden(EXTCOLS, true, false, NULL, 0, "stats-extcols.json");
	stats_golden(EXTCOLS, false, true, NULL, 0, "stats-extcols.prom");
	stats_golden(EMPTY, false, false, NULL, 0, "stats-empty.out");
	stats_golden(EMPTY, true, false, NULL, 0, "stats-empty.json");
	stats_golden(EMPTY, false, true, NULL, 0, "stats-empty.prom");
}
END_TEST

/* stats with --sort and a fixed unit, against golden files */
static void stats_sorted_golden(const char *root, bool json, const char *col,
				enum klatctl_unit unit, const char *name)
{
	struct klatctl_stats_opts o = { .json = json, .sort = col != NULL, .unit = unit };
	struct cap c;

	if (col)
		ck_assert_int_eq(klatctl_stats_sort_key(col, &o.sort_key), 0);
	CAP_RUN(c, root, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, name);
}

START_TEST(test_stats_sort_units)
{
	stats_sorted_golden(BASIC, false, NULL, KLATCTL_UNIT_NS, "stats-ns.out");
	stats_sorted_golden(BASIC, false, "p99", KLATCTL_UNIT_US, "stats-sort-p99-us.out");
	stats_sorted_golden(BASIC, false, "min", KLATCTL_UNIT_MS, "stats-sort-min-ms.out");
	stats_sorted_golden(BASIC, true, "errors", KLATCTL_UNIT_AUTO, "stats-sort-errors.json");
	/* a column this kernel does not provide: every row equal, the kernel's order */
	stats_sorted_golden(EXTCOLS, false, "stddev", KLATCTL_UNIT_AUTO, "stats-extcols.out");
}
END_TEST

/* klatctl_stats_order() of the five rows of @st by @key is @want */
static void check_order(const struct klatctl_stats *st, enum klatctl_field key,
			const size_t *want)
{
	size_t *o = klatctl_stats_order(st, key);
	size_t i;

	ck_assert_ptr_nonnull(o);
	for (i = 0; i < 5; i++)
		ck_assert_msg(o[i] == want[i], "key %d: row %zu is %zu, want %zu",
			      (int)key, i, o[i], want[i]);
	free(o);
}

START_TEST(test_stats_order)
{
	static const char *const cols[] = { "hits", "errors", "missed", "min", "avg", "p50",
					    "p90", "p99", "p999", "max", "stddev" };
	struct klatctl_stats st;
	enum klatctl_field f;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cols); i++)
		ck_assert_int_eq(klatctl_stats_sort_key(cols[i], &f), 0);
	ck_assert_int_eq(klatctl_stats_sort_key("p99_ns", &f), -EINVAL);
	ck_assert_int_eq(klatctl_stats_sort_key("target", &f), -EINVAL);
	ck_assert_int_eq(klatctl_stats_sort_key("", &f), -EINVAL);

	PARSE_FIXTURE(BASIC "/stats", klatctl_stats_parse, &st);
	/* rows: __sys_socket, tcp_v4_connect, do_sys_openat2, ext4_file_write_iter, vfs_fsync_range */
	check_order(&st, KF_HITS, (const size_t[]){ 2, 1, 0, 3, 4 });
	/* ties (missed: 0 for all but tcp_v4_connect) keep the file's order */
	check_order(&st, KF_MISSED, (const size_t[]){ 1, 0, 2, 3, 4 });
	/* a time: the target without hits last, though its min is 0 like no other */
	check_order(&st, KF_MIN, (const size_t[]){ 3, 1, 0, 2, 4 });
	klatctl_stats_free(&st);
}
END_TEST

START_TEST(test_stats_unknown_target)
{
	struct klatctl_stats_opts o = { 0 };
	char *sel[] = { "nosuch_fn" };
	struct cap c;

	o.symbols = sel;
	o.nsymbols = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_int_eq(c.ret, KLATCTL_EXIT_FAIL);
	ck_assert_str_eq(c.err, "klatctl: nosuch_fn: not a klat target (see 'klatctl list')\n");
	ck_assert_uint_eq(c.outlen, 0);
	cap_free(&c);
}
END_TEST

START_TEST(test_prometheus_consistency)
{
	/* buckets cumulative and ending at the count, per target */
	struct klatctl_stats_opts o = { .prometheus = true };
	char *line, *save = NULL;
	uint64_t last = 0, v;
	struct cap c;
	int buckets = 0;

	CAP_RUN(c, BASIC, klatctl_cmd_stats(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	for (line = strtok_r(c.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strrchr(line, ' ');

		if (strncmp(line, "klat_latency_seconds_", 21))
			continue;
		ck_assert_ptr_nonnull(sp);
		if (!strncmp(line, "klat_latency_seconds_bucket", 27)) {
			ck_assert_int_eq(klatctl_parse_u64(sp + 1, &v), 0);
			ck_assert_msg(v >= last, "not cumulative: %s", line);
			last = v;
			buckets++;
			if (strstr(line, "le=\"+Inf\""))
				buckets = 0;
		} else if (!strncmp(line, "klat_latency_seconds_count", 26)) {
			ck_assert_int_eq(klatctl_parse_u64(sp + 1, &v), 0);
			ck_assert_uint_eq(v, last);
			last = 0;
		}
	}
	cap_free(&c);
}
END_TEST

static void hist_golden(const char *sym, bool fine, const char *name)
{
	char *syms[] = { (char *)sym };
	struct klatctl_hist_opts o = { .symbols = syms, .nsymbols = 1, .fine = fine };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_hist(&c.ctx, &o));
	cap_golden(&c, name);
}

START_TEST(test_golden_hist)
{
	char *syms[] = { "nosuch_fn" };
	struct klatctl_hist_opts o = { .symbols = syms, .nsymbols = 1 };
	struct cap c;

	hist_golden("__sys_socket", false, "hist-sys_socket.out");
	hist_golden("__sys_socket", true, "hist-sys_socket-fine.out");
	hist_golden("tcp_v4_connect", false, "hist-tcp_v4_connect.out");
	hist_golden("ext4_file_write_iter", false, "hist-ext4_file_write_iter.out");
	hist_golden("vfs_fsync_range", false, "hist-vfs_fsync_range.out");

	CAP_RUN(c, BASIC, klatctl_cmd_hist(&c.ctx, &o));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: nosuch_fn: not a klat target (see 'klatctl list')\n",
		 true);
}
END_TEST

/* hist takes globs, matched against the targets, as stats does */
START_TEST(test_hist_globs)
{
	char *syms[] = { "tcp_*", "vfs_f[s]ync_range", "nomatch_*" };
	struct klatctl_hist_opts o = { .symbols = syms, .nsymbols = 3 };
	char *one = NULL, *two = NULL, *want;
	struct cap c;

	one = slurp(FIXTURES "/golden/hist-tcp_v4_connect.out");
	two = slurp(FIXTURES "/golden/hist-vfs_fsync_range.out");
	ck_assert_ptr_nonnull(one);
	ck_assert_ptr_nonnull(two);
	ck_assert_int_ne(asprintf(&want, "%s\n%s", one, two), -1);
	CAP_RUN(c, BASIC, klatctl_cmd_hist(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, want);
	ck_assert_str_eq(c.err, "klatctl: hist: warning: no target matches 'nomatch_*'\n");
	cap_free(&c);
	free(want);
	free(one);
	free(two);
}
END_TEST

/* funclatency's summary line: avg, total and count, only when there were calls */
START_TEST(test_hist_summary)
{
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	klatctl_print_hist_summary(f, 9, 5678, "nsecs");
	klatctl_print_hist_summary(f, 0, 0, "nsecs");
	fclose(f);
	ck_assert_str_eq(out, "\navg = 630 nsecs, total: 5678 nsecs, count: 9\n");
	free(out);
}
END_TEST

/* the edit distance and the "did you mean" choice */
START_TEST(test_closest)
{
	static const char *const cmds[] = { "list", "add", "del", "stats", "hist", "log",
					    "filter", "reset", "top", "errors", "help" };
	size_t n = ARRAY_SIZE(cmds);

	ck_assert_uint_eq(klatctl_edit_distance("", ""), 0);
	ck_assert_uint_eq(klatctl_edit_distance("stats", "stats"), 0);
	ck_assert_uint_eq(klatctl_edit_distance("stat", "stats"), 1);
	ck_assert_uint_eq(klatctl_edit_distance("sttas", "stats"), 1);	/* a swap */
	ck_assert_uint_eq(klatctl_edit_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(klatctl_edit_distance("", "abc"), 3);
	ck_assert_str_eq(klatctl_closest("stat", cmds, n), "stats");
	ck_assert_str_eq(klatctl_closest("sttas", cmds, n), "stats");
	ck_assert_str_eq(klatctl_closest("fitler", cmds, n), "filter");
	ck_assert_str_eq(klatctl_closest("res", cmds, n), "reset");	/* a prefix */
	ck_assert_str_eq(klatctl_closest("tpo", cmds, n), "top");
	ck_assert_ptr_null(klatctl_closest("l", cmds, n));		/* list or log */
	ck_assert_ptr_null(klatctl_closest("frobnicate", cmds, n));
	ck_assert_ptr_null(klatctl_closest("", cmds, n));
	ck_assert_ptr_null(klatctl_closest("xy", cmds, n));		/* 2 edits of 2 bytes */
}
END_TEST

START_TEST(test_golden_log)
{
	struct klatctl_log_opts o = { .interval_ms = 1000 };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	cap_golden(&c, "log.out");

	o.raw = true;
	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	cap_golden(&c, "log-raw.out");

	o.raw = false;
	CAP_RUN(c, EMPTY, klatctl_cmd_log(&c.ctx, &o));
	cap_golden(&c, "log-empty.out");

	o.json = true;
	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "log.json");

	CAP_RUN(c, EMPTY, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_str_eq(c.out, "{\"version\": 1, \"capacity\": 4096, \"dropped\": 0, "
			 "\"events\": []}\n");
	cap_free(&c);

	/* -f --json: one object a line, each with the version, no header */
	o.follow = true;
	o.polls = 2;
	o.interval_ms = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "log-follow.jsonl");
}
END_TEST

START_TEST(test_log_follow)
{
	/* -f prints each event once, even when later reads still hold it */
	struct klatctl_log_opts o = { .follow = true, .interval_ms = 1, .polls = 3 };
	const char *root = copy_fixture("basic");
	struct cap c;
	int n = 0;
	char *p;

	CAP_RUN(c, root, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	for (p = c.out; (p = strchr(p, '\n')); p++)
		n++;
	ck_assert_int_eq(n, 9);	/* header + 8 events */
	cap_free(&c);

	drop_fixture();
}
END_TEST

START_TEST(test_log_select)
{
	/* log SYM...: names and globs select the events, a removed target's name included */
	char *sel[] = { "tcp_*", "ext4_file_write_iter" };
	struct klatctl_log_opts o = { .interval_ms = 1, .symbols = sel, .nsymbols = 2 };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	cap_golden(&c, "log-select.out");

	o.raw = true;
	o.follow = true;
	o.polls = 1;
	sel[0] = "__sys_socket";
	o.nsymbols = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(c.errlen, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "seq=1 "));
	ck_assert_ptr_nonnull(strstr(c.out, "\nseq=2 "));
	ck_assert_ptr_null(strstr(c.out, "seq=3 "));	/* other targets: not lost either */
	ck_assert_ptr_null(strstr(c.out, "LOST"));
	cap_free(&c);

	sel[0] = "no_such_*";
	o.raw = false;
	o.follow = false;
	CAP_RUN(c, BASIC, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "#     seq        time_s  cpu     pid    tgid comm             target  "
			 "                      lat ret                  args\n");
	cap_free(&c);
}
END_TEST

#define LOG_EV(seq, tgt)							\
	"seq=" #seq " ts_ns=5124456809 cpu=0 pid=400 tgid=400 comm=a target=" tgt	\
	" ret=3 lat_ns=1534 args=\n"

START_TEST(test_log_lost)
{
	/* -f: a gap in seq numbers is "LOST N events" where it is, of any target */
	const char *root = copy_fixture("basic");
	char path[PATH_MAX];
	char *sel[] = { "f" };
	struct klatctl_log_opts o = { .follow = true, .raw = true, .interval_ms = 1, .polls = 1 };
	struct cap c;

	snprintf(path, sizeof(path), "%s/log", root);
	write_text(path, "# klat log: capacity 4 events, 4 shown, 5 dropped\n"
		   LOG_EV(6, "f") LOG_EV(7, "g") LOG_EV(10, "g") LOG_EV(12, "f"));
	CAP_RUN(c, root, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	/* nothing before the first event read: it was not followed then */
	ck_assert_str_eq(c.out, LOG_EV(6, "f") LOG_EV(7, "g") "# LOST 2 events\n" LOG_EV(10, "g")
			 "# LOST 1 events\n" LOG_EV(12, "f"));
	cap_free(&c);

	o.symbols = sel;
	o.nsymbols = 1;
	CAP_RUN(c, root, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_str_eq(c.out, LOG_EV(6, "f") "# LOST 2 events\n# LOST 1 events\n" LOG_EV(12, "f"));
	cap_free(&c);

	o.raw = false;
	o.json = true;
	o.nsymbols = 0;
	CAP_RUN(c, root, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_ptr_nonnull(strstr(c.out, "\n{\"version\": 1, \"lost\": 2}\n{\"version\": 1, "
				     "\"seq\": 10,"));
	ck_assert_ptr_nonnull(strstr(c.out, "\n{\"version\": 1, \"lost\": 1}\n"));
	cap_free(&c);

	/* without -f the log is printed as it is */
	o.follow = false;
	o.json = false;
	o.raw = true;
	CAP_RUN(c, root, klatctl_cmd_log(&c.ctx, &o));
	ck_assert_ptr_null(strstr(c.out, "LOST"));
	cap_free(&c);
	drop_fixture();
}
END_TEST

START_TEST(test_log_wall)
{
	char buf[48];
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_str_eq(klatctl_fmt_wall(5124456809ULL, 1764450000000000000LL, buf, sizeof(buf)),
			 "2025-11-29T21:00:05.124456+00:00");
	/* a negative offset, a microsecond below the second */
	ck_assert_str_eq(klatctl_fmt_wall(999999999ULL, -1000000000LL + 1764450000000000000LL, buf,
					  sizeof(buf)), "2025-11-29T20:59:59.999999+00:00");
	setenv("TZ", "EST5", 1);
	tzset();
	ck_assert_str_eq(klatctl_fmt_wall(5124456809ULL, 1764450000000000000LL, buf, sizeof(buf)),
			 "2025-11-29T16:00:05.124456-05:00");
	setenv("TZ", "IST-5:30", 1);
	tzset();
	ck_assert_str_eq(klatctl_fmt_wall(0, 1764450000000000000LL, buf, sizeof(buf)),
			 "2025-11-30T02:30:00.000000+05:30");
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
	/* the offset is today's: REALTIME - MONOTONIC, after 2020 */
	ck_assert_int_gt(klatctl_wall_offset_ns(), 1577836800000000000LL - 100000000000000000LL);
}
END_TEST

START_TEST(test_golden_errors)
{
	char *sel[] = { "tcp_*", "vfs_fsync_range" };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_errors(&c.ctx, NULL, 0, false));
	cap_golden(&c, "errors.out");

	CAP_RUN(c, BASIC, klatctl_cmd_errors(&c.ctx, sel, 2, false));
	cap_golden(&c, "errors-select.out");

	CAP_RUN(c, BASIC, klatctl_cmd_errors(&c.ctx, NULL, 0, true));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "errors.json");

	/* a target without errors: an empty list */
	sel[0] = "vfs_fsync_range";
	CAP_RUN(c, BASIC, klatctl_cmd_errors(&c.ctx, sel, 1, true));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "{\"version\": 1, \"errors\": []}\n");
	cap_free(&c);

	/* a name that is no target: an error, and no document */
	sel[0] = "nosuch_fn";
	CAP_RUN(c, BASIC, klatctl_cmd_errors(&c.ctx, sel, 1, true));
	ck_assert_uint_eq(c.outlen, 0);
	cap_fail(&c, KLATCTL_EXIT_FAIL, "nosuch_fn: not a klat target", false);
}
END_TEST

/* hist --json: one object per target, log2 slots or (--fine) the kernel's buckets */
START_TEST(test_hist_json)
{
	char *syms[] = { "__sys_socket", "vfs_fsync_range" };
	struct klatctl_hist_opts o = { .symbols = syms, .nsymbols = 2, .json = true };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_hist(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "hist.json");

	o.fine = true;
	o.nsymbols = 1;
	syms[0] = "ext4_*";
	CAP_RUN(c, BASIC, klatctl_cmd_hist(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	cap_golden(&c, "hist-fine.json");
}
END_TEST

START_TEST(test_filter_read)
{
	struct klatctl_filter_opts o = { 0 };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_filter(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "# klat filter: terms in force (none: every call is recorded)\n"
			 "pid=1234 log_errors=1\n");
	cap_free(&c);

	o.target = "__sys_socket";
	CAP_RUN(c, BASIC, klatctl_cmd_filter(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "# klat filter for __sys_socket: terms in force (none: every call "
			 "is recorded)\nlog_min_ns=5000\n");
	cap_free(&c);

	o.target = "nosuch_fn";
	CAP_RUN(c, BASIC, klatctl_cmd_filter(&c.ctx, &o));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "nosuch_fn: not a klat target", false);
}
END_TEST

START_TEST(test_writes)
{
	const char *root = copy_fixture("basic");
	char path[PATH_MAX];
	char *terms[] = { "pid=1,2", "comm=foo", "log_min_ns=1000" };
	char *adds[] = { "__sys_bind", "syscall:openat" };
	char *dels[] = { "tcp_*" };
	struct klatctl_filter_opts fo = { .terms = terms, .nterms = 3 };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 2, .max = 100 };
	struct klatctl_del_opts dopt = { .symbols = dels, .nsymbols = 1 };
	struct cap c;

	cap_begin(&c, root);
	ck_assert_int_eq(klatctl_cmd_filter(&c.ctx, &fo), 0);
	file_is(root, "filter", "pid=1,2 comm=foo log_min_ns=1000\n");

	fo.target = "__sys_socket";
	fo.nterms = 1;
	terms[0] = "clear";
	ck_assert_int_eq(klatctl_cmd_filter(&c.ctx, &fo), 0);
	file_is(root, "probes/__sys_socket/filter", "clear\n");

	/* one write for all the names */
	ck_assert_int_eq(klatctl_cmd_add(&c.ctx, &ao), 0);
	file_is(root, "targets", "__sys_bind\nsyscall:openat\n");

	/* del with a glob matches the current targets */
	snprintf(path, sizeof(path), "%s/targets", root);
	write_text(path, "# klat targets: 2\n# symbol state maxactive\ntcp_v4_connect active 0\n"
		   "udp_sendmsg active 0\n");
	ck_assert_int_eq(klatctl_cmd_del(&c.ctx, &dopt), 0);
	file_is(root, "targets", "-tcp_v4_connect\n");

	ck_assert_int_eq(klatctl_cmd_reset(&c.ctx, NULL, 0), 0);
	file_is(root, "reset", "1\n");
	cap_end(&c);
	ck_assert_uint_eq(c.errlen, 0);
	cap_free(&c);
	drop_fixture();
}
END_TEST

/* reset NAME...: one write of the names, globs expanded; refused: which name, error_log's entry */
START_TEST(test_reset_names)
{
	const char *root = copy_fixture("basic");
	char *names[] = { "__sys_socket", "tcp_*", "syscall:sock*", "nosuch_*" };
	char *digit[] = { "1" }, *bad[] = { "__sys_socket", "nosuch" };
	char path[PATH_MAX];
	struct cap c;

	CAP_RUN(c, root, klatctl_cmd_reset(&c.ctx, names, 4));
	ck_assert_int_eq(c.ret, 0);
	file_is(root, "reset", "__sys_socket\ntcp_v4_connect\n");
	ck_assert_str_eq(c.err, "klatctl: reset: warning: no target matches 'nosuch_*'\n");
	cap_free(&c);

	/* only globs that match nothing: no write (it would reset everything) */
	snprintf(path, sizeof(path), "%s/reset", root);
	write_text(path, "");
	CAP_RUN(c, root, klatctl_cmd_reset(&c.ctx, names + 3, 1));
	ck_assert_int_eq(c.ret, 0);
	file_is(root, "reset", "");
	cap_free(&c);

	/* a name starting with a digit would reset everything */
	CAP_RUN(c, root, klatctl_cmd_reset(&c.ctx, digit, 1));
	cap_fail(&c, KLATCTL_EXIT_USAGE, "klatctl: reset: invalid symbol '1'\n", true);
	file_is(root, "reset", "");

	/* the write refused: the name error_log names, and its entry */
	snprintf(path, sizeof(path), "%s/error_log", root);
	write_text(path, "# klat error_log: the 1 most recent errors, oldest first\n"
		   "[   42.000001] reset: error: not a current target (ENOENT)\n"
		   "  Command: nosuch\n"
		   "           ^\n");
	snprintf(path, sizeof(path), "%s/reset", root);
	ck_assert_int_eq(remove(path), 0);
	ck_assert_int_eq(symlink("/dev/full", path), 0);
	CAP_RUN(c, root, klatctl_cmd_reset(&c.ctx, bad, 2));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: reset nosuch: No space left on device (ENOSPC); "
		 "nothing was reset\n"
		 "[   42.000001] reset: error: not a current target (ENOENT)\n"
		 "  Command: nosuch\n"
		 "           ^\n", true);
	drop_fixture();
}
END_TEST

/* klatctl add with the tracing directory given explicitly */
static int add_traced(struct klatctl_ctx *ctx, const char *tracing, struct klatctl_add_opts *ao)
{
	ctx->tracing = tracing;
	return klatctl_cmd_add(ctx, ao);
}

START_TEST(test_add_glob)
{
	char *adds[] = { "tcp_v4_*", "syscall:openat", "vfs_read" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 3, .max = 100, .dry_run = true };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	cap_golden(&c, "add-dry-run.out");

	/* over the cap: nothing is written, a clear message */
	adds[0] = "ext4_*";
	ao.nsymbols = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_int_eq(c.ret, KLATCTL_EXIT_FAIL);
	ck_assert_str_eq(c.err, "klatctl: add: 'ext4_*' matches 123 traceable functions, more than "
			 "--max 100; use a narrower pattern or raise --max\n");
	ck_assert_uint_eq(c.outlen, 0);
	cap_free(&c);
	ao.max = 123;
	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_int_eq(c.ret, 0);
	cap_free(&c);

	/* tracing directory given explicitly */
	adds[0] = "vfs_*";
	CAP_RUN(c, BASIC, add_traced(&c.ctx, FIXTURES "/basic/debugfs/tracing", &ao));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "vfs_fsync_range\nvfs_read\nvfs_write\n");
	cap_free(&c);

	adds[0] = "nomatch_*";
	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: add: no traceable function matches 'nomatch_*'\n",
		 true);

	adds[0] = "a\nb";
	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_int_eq(c.ret, KLATCTL_EXIT_USAGE);
	cap_free(&c);

	adds[0] = "x*";
	CAP_RUN(c, BASIC, add_traced(&c.ctx, FIXTURES "/nonexistent", &ao));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "is tracefs mounted?", false);
}
END_TEST

/* add -n checks each name against the kernel's lists and the syscalls klat knows */
START_TEST(test_add_dry_run_checks)
{
	char *adds[] = { "bogus_fn", "syscall:socket", "syscall:nosuch", "tcp_v4_early_demux",
			 "tcp_v4_init_sock", "vfs_read" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 6, .max = 100,
				       .dry_run = true };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_str_eq(c.out, "syscall:socket\nvfs_read\n");
	cap_fail(&c, KLATCTL_EXIT_FAIL,
		 "klatctl: add: bogus_fn: not traceable: not in available_filter_functions (or "
		 "several functions have this name)\n"
		 "klatctl: add: syscall:nosuch: not a system call of this kernel (see 'klatctl "
		 "syscalls')\n"
		 "klatctl: add: tcp_v4_early_demux: not traceable: in the kprobes blacklist\n"
		 "klatctl: add: tcp_v4_init_sock: not traceable: not in available_filter_functions "
		 "(or several functions have this name)\n", true);

	/* a syscall klat knows whose function this kernel cannot trace */
	adds[0] = "syscall:close";
	ao.nsymbols = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_uint_eq(c.outlen, 0);
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: add: syscall:close: not traceable: its function "
		 "__x64_sys_close is not in available_filter_functions\n", true);

	/* without the lists nothing can be checked */
	adds[0] = "vfs_read";
	CAP_RUN(c, BASIC, add_traced(&c.ctx, FIXTURES "/nonexistent", &ao));
	ck_assert_uint_eq(c.outlen, 0);
	cap_fail(&c, KLATCTL_EXIT_FAIL, "is tracefs mounted?", false);
}
END_TEST

/* syscalls [GLOB...] as a table and JSON */
START_TEST(test_golden_syscalls)
{
	char *globs[] = { "epoll*", "read", "newfstat", "*sock*" };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, NULL, 0, false));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "syscalls.out");
	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, NULL, 0, true));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "syscalls.json");
	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, globs, 4, false));
	cap_golden(&c, "syscalls-select.out");
	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, globs, 1, true));
	cap_golden(&c, "syscalls-epoll.json");

	/* a glob matching nothing is no error; an unknown name is */
	globs[0] = "nomatch*";
	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, globs, 1, false));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "#  nr name            symbol                    args                                             state\n");
	cap_free(&c);
	globs[0] = "nosuch";
	CAP_RUN(c, BASIC, klatctl_cmd_syscalls(&c.ctx, globs, 1, false));
	ck_assert_uint_eq(c.outlen, 0);
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: nosuch: not a system call of this kernel (see "
		 "'klatctl syscalls')\n", true);
}
END_TEST

/* a module without klat/syscalls, or a malformed one */
START_TEST(test_syscalls_missing)
{
	const char *root = copy_fixture("basic");
	char *adds[] = { "syscall:*sock*" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 1, .max = 100 };
	char path[PATH_MAX], *orig = slurp(BASIC "/targets");
	struct cap c;

	snprintf(path, sizeof(path), "%s/syscalls", root);
	write_text(path, "# nr name symbol args\n0 read ksys_read fd\n1 write ksys_write fd,,x\n");
	CAP_RUN(c, root, klatctl_cmd_syscalls(&c.ctx, NULL, 0, false));
	ck_assert_uint_eq(c.outlen, 0);
	cap_fail(&c, KLATCTL_EXIT_FAIL, "/syscalls:3: cannot parse", false);
	remove(path);
	CAP_RUN(c, root, klatctl_cmd_syscalls(&c.ctx, NULL, 0, false));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "/syscalls: no such file; this klat module does not list "
		 "the system calls (load a newer klat.ko)\n", false);
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "this klat module does not list the system calls", false);
	file_is(root, "targets", orig);	/* nothing written */
	free(orig);
	drop_fixture();
}
END_TEST

/* add syscall:GLOB: the names klat/syscalls matches, in one write, under --max */
START_TEST(test_add_syscall_glob)
{
	const char *root = copy_fixture("basic");
	char *adds[] = { "syscall:*sock*", "vfs_read", "syscall:newfstat" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 3, .max = 100 };
	char path[PATH_MAX], *all;
	struct cap c;

	snprintf(path, sizeof(path), "%s/targets", root);
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(c.errlen, 0);
	cap_free(&c);
	file_is(root, "targets", "syscall:socket\nsyscall:getsockname\nsyscall:socketpair\n"
		"syscall:setsockopt\nsyscall:getsockopt\nvfs_read\nsyscall:newfstat\n");

	/* -v: one line per name */
	cap_begin(&c, root);
	c.ctx.verbose = 1;
	c.ret = klatctl_cmd_add(&c.ctx, &ao);
	cap_end(&c);
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "added syscall:socket\nadded syscall:getsockname\n"
			 "added syscall:socketpair\nadded syscall:setsockopt\n"
			 "added syscall:getsockopt\nadded vfs_read\nadded syscall:newfstat\n");
	cap_free(&c);

	/* over --max: nothing written */
	write_text(path, "");
	adds[0] = "syscall:*";
	ao.nsymbols = 1;
	ao.max = 40;
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	/* perf_event_open is "notrace" in the fixture: not counted, skipped with the reason */
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: add: 'syscall:*' matches 41 system calls, more "
		 "than --max 40; use a narrower pattern or raise --max\n", true);
	file_is(root, "targets", "");
	ao.max = 41;
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.err, "klatctl: add: 'syscall:*': skipping 1 that klat cannot probe on "
			 "this kernel: perf_event_open (notrace)\n");
	cap_free(&c);
	all = slurp(path);
	golden("add-syscall-all.targets", all);
	free(all);

	adds[0] = "syscall:nomatch*";
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: add: no system call matches 'syscall:nomatch*' "
		 "(see 'klatctl syscalls')\n", true);
	adds[0] = "syscall:";
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_USAGE, "missing syscall name", false);
	drop_fixture();
}
END_TEST

/* add -n syscall:NAME checks klat/syscalls and the function's traceability */
START_TEST(test_add_dry_run_syscalls)
{
	char *adds[] = { "syscall:read", "syscall:fstat", "syscall:newfstat", "syscall:getpid",
			 "syscall:lookup_dcookie", "syscall:ni_syscall", "syscall:sys_read",
			 "syscall:*sock*" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 8, .max = 100,
				       .dry_run = true };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_add(&c.ctx, &ao));
	golden("add-dry-run-syscalls.out", c.out);
	cap_fail(&c, KLATCTL_EXIT_FAIL,
		 "klatctl: add: syscall:lookup_dcookie: not traceable: its function "
		 "__x64_sys_lookup_dcookie is not in available_filter_functions\n"
		 "klatctl: add: syscall:ni_syscall: not a system call of this kernel (see 'klatctl "
		 "syscalls')\n"
		 "klatctl: add: syscall:sys_read: not a system call of this kernel (see 'klatctl "
		 "syscalls')\n"
		 "klatctl: add: syscall:setsockopt: not traceable: its function __sys_setsockopt is "
		 "not in available_filter_functions\n"
		 "klatctl: add: syscall:getsockopt: not traceable: its function __sys_getsockopt is "
		 "not in available_filter_functions\n", true);
}
END_TEST

/* del syscall:GLOB matches the targets' syscall column; each symbol once */
START_TEST(test_del_syscall_glob)
{
	const char *root = copy_fixture("basic");
	char *dels[] = { "syscall:*sock*", "syscall:accept*", "syscall:read", "syscall:nomatch*" };
	struct klatctl_del_opts o = { .symbols = dels, .nsymbols = 4 };
	char path[PATH_MAX];
	struct cap c;

	snprintf(path, sizeof(path), "%s/targets", root);
	write_text(path, "# klat targets: 5\n# symbol state maxactive syscall\n"
		   "__sys_socket active 10 socket\n__sys_accept4 active 10 accept4\n"
		   "tcp_v4_connect active 10 -\n__sys_getsockname active 10 getsockname\n"
		   "ksys_read active 10 read\n");
	CAP_RUN(c, root, klatctl_cmd_del(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.err, "klatctl: del: warning: no target matches 'syscall:nomatch*'\n");
	cap_free(&c);
	file_is(root, "targets", "-__sys_socket\n-__sys_getsockname\n-__sys_accept4\n"
		"-syscall:read\n");

	/* a module without the syscall column: no target was added as a syscall */
	write_text(path, "# klat targets: 1\n# symbol state maxactive\n__sys_socket active 10\n");
	o.nsymbols = 1;
	CAP_RUN(c, root, klatctl_cmd_del(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.err, "klatctl: del: warning: no target matches 'syscall:*sock*'\n");
	cap_free(&c);
	drop_fixture();
}
END_TEST

/*
 * The kernel stops a write at its first bad line (here every write fails: targets is
 * /dev/full): error_log names the line, the names after it are written again.
 */
START_TEST(test_add_write_refused)
{
	const char *root = copy_fixture("basic");
	char *adds[] = { "vfs_read", "nosuch_fn", "vfs_write", "tcp_v4_rcv" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 4, .max = 100 };
	char path[PATH_MAX];
	struct cap c;

	snprintf(path, sizeof(path), "%s/targets", root);
	remove(path);
	ck_assert_int_eq(symlink("/dev/full", path), 0);
	snprintf(path, sizeof(path), "%s/error_log", root);
	write_text(path, "# klat error_log: the 2 most recent errors, oldest first\n"
		   "[    5.123456] targets: error: unknown kernel symbol (-ENOENT)\n"
		   "  Command: vfs_write\n"
		   "           ^\n"
		   "[    6.000000] targets: error: unknown kernel symbol (-ENOENT)\n"
		   "  Command: nosuch_fn\n"
		   "           ^\n");
	cap_begin(&c, root);
	c.ctx.verbose = 1;
	c.ret = klatctl_cmd_add(&c.ctx, &ao);
	cap_end(&c);
	ck_assert_str_eq(c.out, "added vfs_read\n");
	cap_fail(&c, KLATCTL_EXIT_FAIL,
		 "klatctl: add nosuch_fn: No space left on device (ENOSPC)\n"
		 "klatctl: add: the write stopped at nosuch_fn, name 2 of 4: the 1 before it were "
		 "added; writing the ones after it\n"
		 "klatctl: add: the kernel refused one of 2 names and error_log does not say which: "
		 "No space left on device (ENOSPC); see 'klatctl list' for what was done\n", true);

	/* one name: its error, as it always was */
	ao.symbols = adds + 3;
	ao.nsymbols = 1;
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_FAIL,
		 "klatctl: add tcp_v4_rcv: No space left on device (ENOSPC)\n", true);
	drop_fixture();
}
END_TEST

/* remove @name from the scratch copy @root */
static void remove_file(const char *root, const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	ck_assert_int_eq(unlink(path), 0);
}

/*
 * A klat file that cannot be opened is not the kernel's answer: "klat is not at --root",
 * exit status 3, for every command, reading or writing.
 */
START_TEST(test_not_klat)
{
	const char *root = copy_fixture("basic");
	char *adds[] = { "vfs_read" };
	char *terms[] = { "pid=1" };
	struct klatctl_add_opts ao = { .symbols = adds, .nsymbols = 1, .max = 100 };
	struct klatctl_filter_opts fo = { .terms = terms, .nterms = 1 };
	char *hsyms[] = { "__sys_socket" };
	struct klatctl_hist_opts ho = { .symbols = hsyms, .nsymbols = 1 };
	struct klatctl_stats_opts so = { 0 };
	char want[PATH_MAX * 2];
	struct cap c;

	remove_file(root, "reset");
	CAP_RUN(c, root, klatctl_cmd_reset(&c.ctx, NULL, 0));
	snprintf(want, sizeof(want), "klatctl: reset %s/reset: cannot open %s/reset: No such file "
		 "or directory (ENOENT); klat is not at --root\n", root, root);
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, want, true);

	remove_file(root, "filter");
	CAP_RUN(c, root, klatctl_cmd_filter(&c.ctx, &fo));
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, "klatctl: filter pid=1: cannot open ", false);

	remove_file(root, "stats");
	CAP_RUN(c, root, klatctl_cmd_stats(&c.ctx, &so));
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, "/stats: No such file or directory (ENOENT)", false);

	/* without targets it is not klat's directory: every command says so first */
	remove_file(root, "targets");
	CAP_RUN(c, root, klatctl_cmd_add(&c.ctx, &ao));
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, "has no targets file: klat is not at --root", false);
	CAP_RUN(c, root, klatctl_cmd_hist(&c.ctx, &ho));
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, "has no targets file: klat is not at --root", false);
	CAP_RUN(c, root, klatctl_cmd_list(&c.ctx, false));
	cap_fail(&c, KLATCTL_EXIT_NOKLAT, "has no targets file: klat is not at --root", false);
	drop_fixture();
}
END_TEST

START_TEST(test_top_frames)
{
	struct klatctl_top_sample s1, s2, s3;
	struct klatctl_top_row *rows;
	struct klatctl_ctx ctx = { .root = BASIC, .out = stdout, .err = stderr };
	char *out = NULL;
	size_t len, n;
	FILE *f = open_memstream(&out, &len);

	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC, KLATCTL_SAMPLE_HIST, &s1), 0);
	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC2, KLATCTL_SAMPLE_HIST, &s2), 0);
	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC, KLATCTL_SAMPLE_HIST, &s3), 0);
	/* a sample reads only what it is asked for: top needs neither sums nor errors */
	ck_assert(s1.has_hist[0] && !s1.has_sum[0] && !s1.errs[0]);

	n = klatctl_top_rows(&s2, &s1, 1.0, TOP_SORT_CALLS, &rows);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(rows[0].target, "do_sys_openat2");
	ck_assert_uint_eq(rows[0].calls, 4000);
	ck_assert_uint_eq(rows[0].errors, 100);
	ck_assert_str_eq(rows[4].target, "ext4_file_write_iter");
	ck_assert_uint_eq(rows[4].calls, 0);
	ck_assert_uint_eq(rows[4].max, 0);
	klatctl_top_print_frame(f, rows, n, 1.0, TOP_SORT_CALLS, 1024, 0, false);
	klatctl_top_rows_free(rows, n);

	n = klatctl_top_rows(&s2, &s1, 2.0, TOP_SORT_P99, &rows);
	ck_assert_str_eq(rows[0].target, "vfs_fsync_range");
	klatctl_top_print_frame(f, rows, n, 2.0, TOP_SORT_P99, 1024, 0, false);
	klatctl_top_rows_free(rows, n);
	n = klatctl_top_rows(&s2, &s1, 2.0, TOP_SORT_MAX, &rows);
	klatctl_top_print_frame(f, rows, n, 2.0, TOP_SORT_MAX, 1024, 0, false);
	klatctl_top_rows_free(rows, n);
	n = klatctl_top_rows(&s2, &s1, 2.0, TOP_SORT_ERRORS, &rows);
	klatctl_top_print_frame(f, rows, n, 2.0, TOP_SORT_ERRORS, 1024, 0, false);
	klatctl_top_rows_free(rows, n);

	/* counters went down between s2 and s3 (a reset): the interval is s3 itself */
	n = klatctl_top_rows(&s3, &s2, 1.0, TOP_SORT_CALLS, &rows);
	ck_assert_str_eq(rows[0].target, "do_sys_openat2");
	ck_assert_uint_eq(rows[0].calls, 15000);
	klatctl_top_print_frame(f, rows, n, 1.0, TOP_SORT_CALLS, 1024, 0, false);
	klatctl_top_rows_free(rows, n);

	/* a terminal of 80x8: names cut, rows cut with a "more" line, escapes */
	n = klatctl_top_rows(&s2, &s1, 1.0, TOP_SORT_CALLS, &rows);
	klatctl_top_print_frame(f, rows, n, 1.0, TOP_SORT_CALLS, 80, 7, true);
	klatctl_top_rows_free(rows, n);
	fclose(f);
	golden("top-frames.out", out);
	free(out);

	klatctl_top_sample_free(&s1);
	klatctl_top_sample_free(&s2);
	klatctl_top_sample_free(&s3);

	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC, KLATCTL_SAMPLE_SUM | KLATCTL_SAMPLE_ERRS,
					    &s1), 0);
	ck_assert(!s1.has_hist[0] && s1.has_sum[0] && s1.errs[0]);
	klatctl_top_sample_free(&s1);
}
END_TEST

START_TEST(test_top_sort_keys)
{
	enum klatctl_top_sort s;

	ck_assert_int_eq(klatctl_top_parse_sort("calls", &s), 0);
	ck_assert_int_eq(s, TOP_SORT_CALLS);
	ck_assert_int_eq(klatctl_top_parse_sort("p99", &s), 0);
	ck_assert_int_eq(s, TOP_SORT_P99);
	ck_assert_int_eq(klatctl_top_parse_sort("max", &s), 0);
	ck_assert_int_eq(klatctl_top_parse_sort("errors", &s), 0);
	ck_assert_int_eq(s, TOP_SORT_ERRORS);
	ck_assert_int_eq(klatctl_top_parse_sort("p50", &s), -EINVAL);
	ck_assert_int_eq(klatctl_top_parse_sort("", &s), -EINVAL);
}
END_TEST

/*
 * klatctl_top_run() through its source seam: sample k reads roots[k] (the last one repeats),
 * and the wait moves the clock to its deadline, so every interval is the nominal one and
 * nothing sleeps.
 */
struct fixture_source {
	const char *const *roots;
	size_t n, next;
	double now;
};

static int fixture_sample(const struct klatctl_top_source *src, const struct klatctl_ctx *ctx,
			  unsigned int want, struct klatctl_top_sample *s)
{
	struct fixture_source *fs = src->priv;
	const char *root = fs->roots[fs->next < fs->n ? fs->next : fs->n - 1];

	fs->next++;
	return klatctl_top_sample(ctx, root, want, s);
}

static double fixture_clock(const struct klatctl_top_source *src)
{
	return ((const struct fixture_source *)src->priv)->now;
}

static void fixture_wait(const struct klatctl_top_source *src, double deadline)
{
	((struct fixture_source *)src->priv)->now = deadline;
}

/* the wall clock of top --json: a fixed day plus the source's clock */
static double fixture_wall(const struct klatctl_top_source *src)
{
	return 1764450000.25 + fixture_clock(src);
}

/* a klatctl_top_source that reads @fs's roots in turn */
#define FIXTURE_SOURCE(fs)	{ .sample = fixture_sample, .clock = fixture_clock,	\
				  .wait = fixture_wait, .wall = fixture_wall, .priv = &(fs) }

/* top -b -n FRAMES -s SORT over @roots; its output, newly allocated */
static char *top_over(const char *const *roots, size_t n, uint64_t frames,
		      enum klatctl_top_sort sort)
{
	struct fixture_source fs = { .roots = roots, .n = n };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	struct klatctl_top_opts o = {
		.interval_ms = 1000, .frames = frames, .batch = true, .sort = sort,
	};
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct klatctl_ctx ctx = { .root = roots[0], .out = f, .err = stderr };

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(klatctl_top_run(&ctx, &o, &src), KLATCTL_EXIT_OK);
	fclose(f);
	ck_assert_uint_eq(fs.next, frames + 1);
	return out;
}

/* lines of @text for which @match is true */
static int count_lines_if(const char *text, bool (*match)(const char *line, size_t len))
{
	int n = 0;

	while (*text) {
		size_t len = strcspn(text, "\n");

		n += match(text, len);
		text += len + (text[len] == '\n');
	}
	return n;
}

static bool is_title(const char *l, size_t len)
{
	return len >= 10 && !strncmp(l, "klat top: ", 10);
}

/* "# target  calls/s  errors/s  p50  p99  max", blanks of any width */
static bool is_header(const char *l, size_t len)
{
	static const char *const words[] = { "#", "target", "calls/s", "errors/s", "p50", "p99",
					     "max" };
	const char *end = l + len;
	size_t i, w;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		if (i && (l == end || *l != ' '))
			return false;
		while (i && l < end && *l == ' ')
			l++;
		w = strlen(words[i]);
		if ((size_t)(end - l) < w || strncmp(l, words[i], w))
			return false;
		l += w;
	}
	return l == end;
}

static bool is_row(const char *l, size_t len)
{
	return len && ((*l >= 'a' && *l <= 'z') || (*l >= '0' && *l <= '9') || *l == '_');
}

/* top -b -n 3 over fixtures that change between frames (basic, basic2, basic) */
START_TEST(test_top_run_batch)
{
	static const char *const roots[] = { BASIC, BASIC2, BASIC };
	char *out = top_over(roots, ARRAY_SIZE(roots), 3, TOP_SORT_CALLS);

	golden("top-batch.out", out);
	ck_assert_int_eq(count_lines_if(out, is_title), 3);
	ck_assert_int_eq(count_lines_if(out, is_header), 3);
	ck_assert_int_eq(count_lines_if(out, is_row), 3 * 6);
	free(out);
}
END_TEST

/* top -n 1 -s p99 over basic then basic2: the slowest target comes first */
START_TEST(test_top_run_sort_p99)
{
	static const char *const roots[] = { BASIC, BASIC2 };
	char *out = top_over(roots, ARRAY_SIZE(roots), 1, TOP_SORT_P99);
	const char *l3 = out;
	int i;

	for (i = 0; i < 2 && l3; i++) {
		l3 = strchr(l3, '\n');
		if (l3)
			l3++;
	}
	ck_assert_ptr_nonnull(l3);
	ck_assert_msg(!strncmp(l3, "vfs_fsync_range ", 16), "third line: %.40s", l3);
	free(out);
}
END_TEST

/* top --json over basic then basic2: one object a frame, a line each */
START_TEST(test_top_json)
{
	static const char *const roots[] = { BASIC, BASIC2, BASIC };
	struct fixture_source fs = { .roots = roots, .n = 3 };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	struct klatctl_top_opts o = {
		.interval_ms = 2000, .frames = 2, .json = true, .sort = TOP_SORT_P99,
	};
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);
	struct klatctl_ctx ctx = { .root = BASIC, .out = f, .err = stderr };

	ck_assert_int_eq(klatctl_top_run(&ctx, &o, &src), KLATCTL_EXIT_OK);
	fclose(f);
	golden("top.jsonl", out);
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_int_eq(count_lines_if(out, is_title), 0);
	free(out);
}
END_TEST

/* probes/SYMBOL/procs: rows, the off line, columns missing or bad */
START_TEST(test_procs_parse)
{
	struct klatctl_procs pr;
	int line = 0;

	PARSE_FIXTURE(BASIC "/probes/tcp_v4_connect/procs", klatctl_procs_parse, &pr);
	ck_assert(!pr.off);
	ck_assert_uint_eq(pr.n, 3);
	ck_assert_uint_eq(pr.v[0].tgid, 2001);
	ck_assert_str_eq(pr.v[0].comm, "curl");
	ck_assert_uint_eq(pr.v[0].calls, 989);
	ck_assert_uint_eq(pr.v[0].errors, 6);
	ck_assert_uint_eq(pr.v[0].total_ns, 40104930);
	ck_assert_uint_eq(pr.v[0].max_ns, 1731899);
	ck_assert_uint_eq(pr.v[0].avg_ns, 40550);
	ck_assert_str_eq(pr.v[2].comm, "my\\040proc");
	klatctl_procs_free(&pr);
	PARSE_FIXTURE(BASIC2 "/probes/tcp_v4_connect/procs", klatctl_procs_parse, &pr);
	ck_assert_uint_eq(pr.v[2].over_ns, 180000);
	klatctl_procs_free(&pr);

	ck_assert_int_eq(klatctl_procs_parse("# klat procs: __sys_socket, off\n", &pr, &line), 0);
	ck_assert(pr.off);
	ck_assert_uint_eq(pr.n, 0);
	klatctl_procs_free(&pr);
	/* the table of a target without processes yet */
	ck_assert_int_eq(klatctl_procs_parse("# klat procs: x, 16 slots per CPU, by total time\n"
					     "# tgid comm calls errors total_ns max_ns avg_ns "
					     "over_ns\n", &pr, &line), 0);
	ck_assert(!pr.off);
	ck_assert_uint_eq(pr.n, 0);
	klatctl_procs_free(&pr);
	/* columns found by name, in any order; avg from the others when missing */
	ck_assert_int_eq(klatctl_procs_parse("# comm tgid total_ns calls extra\n"
					     "a 7 1000 4 x\n", &pr, &line), 0);
	ck_assert_uint_eq(pr.v[0].tgid, 7);
	ck_assert_uint_eq(pr.v[0].avg_ns, 250);
	ck_assert_uint_eq(pr.v[0].over_ns, 0);
	klatctl_procs_free(&pr);
	/* bad: a number that is not one, no header, no total_ns */
	ck_assert_int_eq(klatctl_procs_parse("# tgid comm calls total_ns\n1 a 2 3\n1 b 2x 3\n",
					     &pr, &line), -EINVAL);
	ck_assert_int_eq(line, 3);
	ck_assert_int_eq(klatctl_procs_parse("1 a 2 3\n", &pr, &line), -EBADMSG);
	ck_assert_int_eq(klatctl_procs_parse("# tgid comm calls\n1 a 2\n", &pr, &line), -EBADMSG);
	ck_assert_int_eq(klatctl_procs_parse("# tgid comm calls total_ns\n1 a 2\n", &pr, &line),
			 -EBADMSG);
}
END_TEST

/* procs: the table, -n, units, JSON, a selection, an off target, a klat without procs */
START_TEST(test_golden_procs)
{
	char *sel[] = { "tcp_*", "ext4_file_write_iter" }, *one[] = { "nosuch" };
	struct klatctl_procs_opts o = { 0 };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_cmd_procs(&c.ctx, &o));
	ck_assert_uint_eq(c.errlen, 0);
	cap_golden(&c, "procs.out");
	o.json = true;
	o.max_rows = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_procs(&c.ctx, &o));
	cap_golden(&c, "procs-n1.json");
	o.json = false;
	o.max_rows = 2;
	o.unit = KLATCTL_UNIT_US;
	o.symbols = sel;
	o.nsymbols = 2;
	CAP_RUN(c, BASIC2, klatctl_cmd_procs(&c.ctx, &o));
	ck_assert_str_eq(c.err, "klatctl: procs: warning: ext4_file_write_iter: per-process "
			 "figures are off (klatctl procs --on ext4_file_write_iter)\n");
	cap_golden(&c, "procs-select-us.out");
	/* stats of a module without procs files: the header alone */
	memset(&o, 0, sizeof(o));
	CAP_RUN(c, EXTCOLS, klatctl_cmd_procs(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_ptr_nonnull(strchr(c.out, '\n'));
	ck_assert_ptr_null(strchr(strchr(c.out, '\n') + 1, '\n'));
	cap_free(&c);
	o.symbols = one;
	o.nsymbols = 1;
	CAP_RUN(c, BASIC, klatctl_cmd_procs(&c.ctx, &o));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "nosuch: not a klat target", false);
}
END_TEST

/* procs --on/--off: 1 or 0 to each named target's procs file */
START_TEST(test_procs_switch)
{
	const char *root = copy_fixture("basic");
	char *names[] = { "tcp_*", "__sys_socket" }, *bad[] = { "nosuch" };
	struct klatctl_procs_opts o = { .symbols = names, .nsymbols = 2, .set = -1 };
	struct cap c;

	CAP_RUN(c, root, klatctl_cmd_procs(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	file_is(root, "probes/tcp_v4_connect/procs", "0\n");
	file_is(root, "probes/__sys_socket/procs", "0\n");
	cap_free(&c);
	o.set = 1;
	o.nsymbols = 1;
	CAP_RUN(c, root, klatctl_cmd_procs(&c.ctx, &o));
	ck_assert_int_eq(c.ret, 0);
	file_is(root, "probes/tcp_v4_connect/procs", "1\n");
	cap_free(&c);
	o.symbols = bad;
	CAP_RUN(c, root, klatctl_cmd_procs(&c.ctx, &o));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "klatctl: nosuch: not a klat target, or it has no procs "
		 "file (see 'klatctl list')\n", true);
	drop_fixture();
}
END_TEST

/* top -P over basic then basic2: each process's calls and time in the interval */
START_TEST(test_top_procs)
{
	static const char *const roots[] = { BASIC, BASIC2 };
	struct fixture_source fs = { .roots = roots, .n = 2 };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	struct klatctl_top_opts o = { .interval_ms = 2000, .frames = 1, .batch = true,
				      .procs = true };
	struct klatctl_top_proc_row *rows;
	struct klatctl_top_sample a, b;
	struct klatctl_ctx ctx = { .root = BASIC, .err = stderr };
	struct cap c;
	size_t n, i;

	CAP_RUN(c, BASIC, klatctl_top_run(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	cap_golden(&c, "top-procs.out");
	fs.next = 0;
	fs.now = 0;
	o.json = true;
	CAP_RUN(c, BASIC, klatctl_top_run(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	cap_golden(&c, "top-procs.jsonl");

	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC, KLATCTL_SAMPLE_PROCS, &a), 0);
	ck_assert_int_eq(klatctl_top_sample(&ctx, BASIC2, KLATCTL_SAMPLE_PROCS, &b), 0);
	n = klatctl_top_proc_rows(&b, &a, 2.0, &rows);
	/* nginx 50, curl 41, wget 174, ab 95 (new), journal 2946, bash 1054, postgres 5 (new);
	 * sshd and systemd made no call, my\040proc left the table */
	ck_assert_uint_eq(n, 7);
	for (i = 0; i < n; i++) {
		ck_assert(i == 0 || rows[i - 1].time_s >= rows[i].time_s);
		if (rows[i].tgid == 1234) {
			ck_assert_uint_eq(rows[i].calls, 50);
			ck_assert_uint_eq(rows[i].total_ns, 265419 - 190089);
			ck_assert(rows[i].calls_s == 25.0);
		}
		if (rows[i].tgid == 3003)
			ck_assert_uint_eq(rows[i].calls, 95);
		ck_assert(rows[i].tgid != 88 && rows[i].tgid != 1 && rows[i].tgid != 2003);
	}
	ck_assert_str_eq(rows[0].comm, "postgres");
	klatctl_top_proc_rows_free(rows, n);
	klatctl_top_sample_free(&a);
	klatctl_top_sample_free(&b);
}
END_TEST

/* the row of @target in @text: its fields from the second, split at blanks */
static int row_fields(const char *text, const char *target, char f[12][24])
{
	size_t tl = strlen(target);
	const char *p = text;
	int n = 0;

	while (p && strncmp(p, target, tl))
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	ck_assert_msg(p != NULL, "no row %s", target);
	p += tl;
	while (n < 12 && sscanf(p, " %23s", f[n]) == 1 && *p != '\n') {
		p += strspn(p, " ");
		p += strcspn(p, " \n");
		n++;
	}
	return n;
}

/* stats -d over basic then basic2: the window's figures are those of the difference */
START_TEST(test_stats_window)
{
	static const char *const roots[] = { BASIC, BASIC2 };
	struct fixture_source fs = { .roots = roots, .n = 2 };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	struct klatctl_stats_opts o = {
		.window = true, .unit = KLATCTL_UNIT_NS, .win = { .interval_ms = 1000, .reports = 1 },
	};
	char f[12][24];
	const char *body;
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_stats_window(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(fs.next, 2);
	ck_assert_uint_eq(fs.now, 1.0);
	/* "# HH:MM:SS", then the table */
	ck_assert_msg(strlen(c.out) > 11 && !strncmp(c.out, "# ", 2) && c.out[4] == ':' &&
		      c.out[7] == ':' && c.out[10] == '\n', "stamp: %.12s", c.out);
	body = c.out + 11;
	golden("stats-window-ns.out", body);
	/* hits 170 - 120, errors 4 - 3, missed 0 - 0; min -; avg (292656 - 217326) / 50 */
	ck_assert_int_eq(row_fields(body, "__sys_socket ", f), 11);
	ck_assert_str_eq(f[0], "50");
	ck_assert_str_eq(f[1], "1");
	ck_assert_str_eq(f[2], "0");
	ck_assert_str_eq(f[3], "-");
	ck_assert_str_eq(f[4], "1506");
	ck_assert_str_eq(f[9], "-");	/* max */
	ck_assert_str_eq(f[10], "-");	/* stddev */
	/* 2310 - 2000 calls, (121045664 - 70786429) / 310 ns on average */
	ck_assert_int_eq(row_fields(body, "tcp_v4_connect ", f), 11);
	ck_assert_str_eq(f[0], "310");
	ck_assert_str_eq(f[4], "162126");
	cap_free(&c);

	/* JSON: no stamp line, null where the table shows "-" */
	fs.next = 0;
	fs.now = 0;
	o.json = true;
	CAP_RUN(c, BASIC, klatctl_stats_window(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "{\"version\": 1, \"targets\": [\n  {\"target\": "
				     "\"__sys_socket\", \"hits\": 50, \"errors\": 1, \"missed\": 0, "
				     "\"min_ns\": null, \"avg_ns\": 1506, "));
	ck_assert_ptr_nonnull(strstr(c.out, "\"max_ns\": null, "));
	cap_free(&c);
}
END_TEST

/* hist -d over basic then basic2: the difference of the histograms and of the sums */
START_TEST(test_hist_window)
{
	static const char *const roots[] = { BASIC, BASIC2 };
	struct fixture_source fs = { .roots = roots, .n = 2 };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	char *sel[] = { "__sys_*", "vfs_fsync_range" };
	struct klatctl_hist_opts o = {
		.symbols = sel, .nsymbols = 2, .window = true,
		.win = { .interval_ms = 1000, .reports = 1 },
	};
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_hist_window(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(fs.next, 2);
	ck_assert_msg(strlen(c.out) > 11 && !strncmp(c.out, "# ", 2) && c.out[4] == ':' &&
		      c.out[10] == '\n', "stamp: %.12s", c.out);
	golden("hist-window.out", c.out + 11);
	/* 170 - 120 calls, (292656 - 217326) ns */
	ck_assert_ptr_nonnull(strstr(c.out, "\n__sys_socket: 50 calls\n"));
	ck_assert_ptr_nonnull(strstr(c.out, "avg = 1506 nsecs, total: 75330 nsecs, count: 50\n"));
	cap_free(&c);

	fs.next = 0;
	o.json = true;
	o.nsymbols = 1;
	sel[0] = "__sys_socket";
	CAP_RUN(c, BASIC, klatctl_hist_window(&c.ctx, &o, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_ptr_nonnull(strstr(c.out, "{\"version\": 1, \"histograms\": [\n  {\"target\": "
				     "\"__sys_socket\", \"count\": 50, \"sum_ns\": 75330, "
				     "\"avg_ns\": 1506, \"buckets\": ["));
	cap_free(&c);

	/* a plain name that is no target: exit 1 before any window */
	fs.next = 0;
	sel[0] = "nosuch";
	CAP_RUN(c, BASIC, klatctl_hist_window(&c.ctx, &o, &src));
	cap_fail(&c, KLATCTL_EXIT_FAIL, "nosuch: not a klat target", false);
	ck_assert_uint_eq(fs.next, 0);
}
END_TEST

/* errors -d over basic then basic2: each errno's count in the window, only those that grew */
START_TEST(test_errors_window)
{
	static const char *const roots[] = { BASIC, BASIC2 };
	struct fixture_source fs = { .roots = roots, .n = 2 };
	struct klatctl_top_source src = FIXTURE_SOURCE(fs);
	struct klatctl_window_opts win = { .interval_ms = 1000, .reports = 1 };
	char *sel[] = { "tcp_*", "__sys_socket" };
	struct cap c;

	CAP_RUN(c, BASIC, klatctl_errors_window(&c.ctx, NULL, 0, false, &win, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_uint_eq(fs.next, 2);
	ck_assert_msg(strlen(c.out) > 11 && !strncmp(c.out, "# ", 2) && c.out[4] == ':' &&
		      c.out[10] == '\n', "stamp: %.12s", c.out);
	golden("errors-window.out", c.out + 11);
	/* ECONNREFUSED 9 -> 15, EMFILE 1 -> 1 (not shown), ETIMEDOUT new */
	ck_assert_ptr_nonnull(strstr(c.out, "\ntcp_v4_connect          111 ECONNREFUSED              "
				     "6\n"));
	ck_assert_ptr_nonnull(strstr(c.out, " 110 ETIMEDOUT                 1\n"));
	ck_assert_ptr_null(strstr(c.out, "EMFILE"));
	cap_free(&c);

	fs.next = 0;
	CAP_RUN(c, BASIC, klatctl_errors_window(&c.ctx, sel, 2, true, &win, &src));
	ck_assert_int_eq(c.ret, 0);
	ck_assert_str_eq(c.out, "{\"version\": 1, \"errors\": [\n"
			 "  {\"target\": \"__sys_socket\", \"errno\": 97, \"name\": \"EAFNOSUPPORT\", "
			 "\"count\": 1},\n"
			 "  {\"target\": \"tcp_v4_connect\", \"errno\": 111, \"name\": \"ECONNREFUSED\", "
			 "\"count\": 6},\n"
			 "  {\"target\": \"tcp_v4_connect\", \"errno\": 101, \"name\": \"ENETUNREACH\", "
			 "\"count\": 1},\n"
			 "  {\"target\": \"tcp_v4_connect\", \"errno\": 110, \"name\": \"ETIMEDOUT\", "
			 "\"count\": 1}\n]}\n");
	cap_free(&c);
}
END_TEST

START_TEST(test_print_log2_hist_layout)
{
	/* slots above 32 switch to the wide layout, as in libbpf-tools */
	uint64_t vals[KLATCTL_LOG2_SLOTS] = { 0 };
	char *out = NULL;
	size_t len;
	FILE *f = open_memstream(&out, &len);

	vals[1] = 2;
	vals[2] = 4;
	klatctl_print_log2_hist(f, vals, 3, "nsecs");
	vals[33] = 1;
	klatctl_print_log2_hist(f, vals, 34, "nsecs");
	klatctl_print_log2_hist(f, vals, 0, "nsecs");	/* empty: nothing */
	fclose(f);
	golden("log2-layout.out", out);
	free(out);
}
END_TEST

/* serve --listen: what binds where, and what is refused */
START_TEST(test_serve_listen)
{
	static const struct {
		const char *s;
		int family;	/* 0: refused */
		bool any;
		unsigned int port;
	} t[] = {
		{ "127.0.0.1:9717", AF_INET, false, 9717 },
		{ "0.0.0.0:0", AF_INET, false, 0 },
		{ ":9717", AF_INET6, true, 9717 },
		{ "[::]:65535", AF_INET6, false, 65535 },
		{ "[::1]:1", AF_INET6, false, 1 },
		{ "127.0.0.1", 0, false, 0 },
		{ "localhost:9717", 0, false, 0 },
		{ "::1:9717", 0, false, 0 },
		{ "[::1]", 0, false, 0 },
		{ "[::1]9717", 0, false, 0 },
		{ "[]:80", 0, false, 0 },
		{ "[fe80::1%lo]:80", 0, false, 0 },
		{ "127.0.0.1:65536", 0, false, 0 },
		{ "127.0.0.1:-1", 0, false, 0 },
		{ "127.0.0.1: 80", 0, false, 0 },
		{ ":", 0, false, 0 },
		{ "", 0, false, 0 },
	};
	struct klatctl_serve_addr a;
	const char *why;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		int ret = klatctl_serve_parse_listen(t[i].s, &a, &why);
		unsigned int port;

		if (!t[i].family) {
			ck_assert_msg(ret == -EINVAL && why && *why, "'%s' accepted", t[i].s);
			continue;
		}
		ck_assert_msg(ret == 0, "'%s' refused: %s", t[i].s, why);
		ck_assert_int_eq(a.ss.ss_family, t[i].family);
		ck_assert_int_eq(a.any, t[i].any);
		port = t[i].family == AF_INET ? ntohs(((struct sockaddr_in *)&a.ss)->sin_port) :
			ntohs(((struct sockaddr_in6 *)&a.ss)->sin6_port);
		ck_assert_uint_eq(port, t[i].port);
	}
}
END_TEST

/* a scrape: stats --prometheus and klat_scrape_error 0; without klat, the gauge alone at 1 */
START_TEST(test_serve_metrics)
{
	struct klatctl_ctx ctx = { .root = BASIC };
	char *body, *errmsg;
	size_t len;

	ck_assert_int_eq(klatctl_serve_metrics(&ctx, &body, &len, &errmsg), 0);
	ck_assert_ptr_null(errmsg);
	ck_assert_uint_eq(len, strlen(body));
	golden("serve.prom", body);
	free(body);

	ctx.root = FIXTURES "/nosuch/klat";
	ck_assert_int_eq(klatctl_serve_metrics(&ctx, &body, &len, &errmsg), 1);
	ck_assert_ptr_nonnull(errmsg);
	ck_assert_ptr_null(strchr(errmsg, '\n'));
	ck_assert_ptr_nonnull(strstr(errmsg, "not found"));
	ck_assert_ptr_nonnull(strstr(body, "\nklat_scrape_error 1\n"));
	ck_assert_ptr_null(strstr(body, "klat_calls_total"));
	free(body);
	free(errmsg);
}
END_TEST

/* log -f's LOST lines, log SYMBOL..., --wall; Prometheus errno counters */
static void add_log_prom_tests(Suite *s)
{
	TCase *tc = tcase_create("log and prometheus");

	tcase_add_test(tc, test_log_select);
	tcase_add_test(tc, test_log_lost);
	tcase_add_test(tc, test_log_wall);
	tcase_add_test(tc, test_prometheus_errno);
	tcase_add_test(tc, test_serve_listen);
	tcase_add_test(tc, test_serve_metrics);
	add_tcase(s, tc);
}

/* stats, hist and errors -i/-d */
static void add_window_tests(Suite *s)
{
	TCase *tc = tcase_create("windows");

	tcase_add_test(tc, test_stats_window);
	tcase_add_test(tc, test_hist_window);
	tcase_add_test(tc, test_errors_window);
	add_tcase(s, tc);
}

/* klat/syscalls, syscall:GLOB, one write of many names and error_log's answer, top --json */
static void add_syscall_tests(Suite *s)
{
	TCase *tc = tcase_create("syscalls and writes");

	tcase_add_test(tc, test_error_log_command);
	tcase_add_test(tc, test_syscalls_parse);
	tcase_add_test(tc, test_syscalls_parse_bad);
	tcase_add_test(tc, test_golden_syscalls);
	tcase_add_test(tc, test_syscalls_missing);
	tcase_add_test(tc, test_add_syscall_glob);
	tcase_add_test(tc, test_add_dry_run_syscalls);
	tcase_add_test(tc, test_del_syscall_glob);
	tcase_add_test(tc, test_add_write_refused);
	tcase_add_test(tc, test_top_json);
	tcase_add_test(tc, test_procs_parse);
	tcase_add_test(tc, test_golden_procs);
	tcase_add_test(tc, test_procs_switch);
	tcase_add_test(tc, test_top_procs);
	add_tcase(s, tc);
}

static Suite *klatctl_suite(void)
{
	Suite *s = suite_create("klatctl");
	TCase *tc;

	tc = tcase_create("numbers");
	tcase_add_test(tc, test_parse_u64);
	tcase_add_test(tc, test_parse_s64);
	tcase_add_test(tc, test_parse_uint_range);
	tcase_add_test(tc, test_parse_interval);
	add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_fmt_ns);
	tcase_add_test(tc, test_fmt_seconds);
	tcase_add_test(tc, test_fmt_rate);
	tcase_add_test(tc, test_escape);
	add_tcase(s, tc);

	tc = tcase_create("parsers");
	tcase_add_test(tc, test_table_parse);
	tcase_add_test(tc, test_stats_parse);
	tcase_add_test(tc, test_stats_parse_by_name);
	tcase_add_test(tc, test_stats_parse_bad);
	tcase_add_test(tc, test_kv);
	tcase_add_test(tc, test_hist_parse);
	tcase_add_test(tc, test_log_parse);
	tcase_add_test(tc, test_targets_parse);
	tcase_add_test(tc, test_error_log_last);
	tcase_add_test(tc, test_filter_functions);
	add_tcase(s, tc);

	tc = tcase_create("histogram");
	tcase_add_test(tc, test_log2_slot);
	tcase_add_test(tc, test_hist_log2);
	tcase_add_test(tc, test_hist_percentile);
	tcase_add_test(tc, test_hist_diff);
	tcase_add_test(tc, test_hist_diff_dup_low);
	tcase_add_test(tc, test_print_log2_hist_layout);
	add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_root_diagnose);
	tcase_add_test(tc, test_root_messages);
	tcase_add_test(tc, test_check_root);
	tcase_add_test(tc, test_write_errors);
	tcase_add_test(tc, test_write_eperm);
	add_tcase(s, tc);

	tc = tcase_create("commands");
	tcase_add_test(tc, test_golden_list);
	tcase_add_test(tc, test_json_nulls);
	tcase_add_test(tc, test_golden_stats);
	tcase_add_test(tc, test_stats_sort_units);
	tcase_add_test(tc, test_stats_order);
	tcase_add_test(tc, test_stats_unknown_target);
	tcase_add_test(tc, test_prometheus_consistency);
	tcase_add_test(tc, test_golden_hist);
	tcase_add_test(tc, test_hist_globs);
	tcase_add_test(tc, test_hist_json);
	tcase_add_test(tc, test_hist_summary);
	tcase_add_test(tc, test_closest);
	tcase_add_test(tc, test_golden_log);
	tcase_add_test(tc, test_log_follow);
	tcase_add_test(tc, test_golden_errors);
	tcase_add_test(tc, test_filter_read);
	tcase_add_test(tc, test_writes);
	tcase_add_test(tc, test_reset_names);
	tcase_add_test(tc, test_add_glob);
	tcase_add_test(tc, test_add_dry_run_checks);
	tcase_add_test(tc, test_not_klat);
	tcase_add_test(tc, test_top_frames);
	tcase_add_test(tc, test_top_sort_keys);
	tcase_add_test(tc, test_top_run_batch);
	tcase_add_test(tc, test_top_run_sort_p99);
	add_tcase(s, tc);
	add_window_tests(s);
	add_syscall_tests(s);
	add_log_prom_tests(s);
	return s;
}

KLAT_CHECK_MAIN(klatctl_suite)
