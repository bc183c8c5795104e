// SPDX-License-Identifier: GPL-2.0
/*
 * klat command parsing. Pure logic (see klat_parse.h); runs in process context
 * on the write() path, never in probe context.
 */
#include "klat_parse.h"
#include "klat_buf.h"

/* Each code's errno (0: "the kernel's errno, passed on") and message. */
static const struct {
	int err;
	const char *msg;
} klat_errs[KLAT_E_COUNT] = {
	[KLAT_E_OK] = { 0, "success" },
	[KLAT_E_NAME_EMPTY] = { EINVAL, "missing symbol name" },
	[KLAT_E_NAME_CHAR] = { EINVAL, "invalid character in symbol name" },
	[KLAT_E_NAME_LONG] = { EINVAL, "symbol name too long" },
	[KLAT_E_OFFSET] = { EINVAL, "SYMBOL+OFFSET is not supported; give a function name" },
	[KLAT_E_TRAILING] = { EINVAL, "unexpected text after the symbol name" },
	[KLAT_E_NO_SYMBOL] = { ENOENT, "unknown kernel symbol" },
	[KLAT_E_NOT_TARGET] = { ENOENT, "not a current target" },
	[KLAT_E_NO_SYSCALL] = { ENOENT, "unknown syscall name" },
	[KLAT_E_SELF] = { EINVAL, "klat does not probe its own code" },
	[KLAT_E_UNPROBEABLE] = { 0, "the kernel cannot probe this function" },
	[KLAT_E_AMBIGUOUS] = { EADDRNOTAVAIL, "several functions have this name" },
	[KLAT_E_NOT_FUNC] = { EINVAL, "not a function" },
	[KLAT_E_NOTRACE] = { EINVAL, "not a traceable function (notrace, __init or __exit code; see available_filter_functions)" },
	[KLAT_E_KSYMS] = { EIO, "cannot read the kernel's function lists (see the kernel log)" },
	[KLAT_E_LOCKDOWN] = { EPERM, "the kernel is locked down against kprobes" },
	[KLAT_E_TOO_BIG] = { E2BIG, "write too large" },
	[KLAT_E_NOMEM] = { ENOMEM, "out of memory" },
	[KLAT_E_INTR] = { EINTR, "interrupted while waiting for the removal of this name" },
	[KLAT_E_FILTER_EMPTY] = { EINVAL, "empty filter; write 'clear' to remove all terms" },
	[KLAT_E_FILTER_KEY] = { EINVAL, "unknown filter key" },
	[KLAT_E_FILTER_SYNTAX] = { EINVAL, "expected key=value" },
	[KLAT_E_FILTER_NUM] = { EINVAL, "bad number" },
	[KLAT_E_FILTER_COMM] = { EINVAL, "comm longer than the kernel's 15 characters" },
	[KLAT_E_FILTER_MANY] = { EINVAL, "too many values for one key" },
	[KLAT_E_FILTER_DUP] = { EINVAL, "key given twice" },
	[KLAT_E_FILTER_BOOL] = { EINVAL, "expected 0 or 1" },
	[KLAT_E_NI_SYSCALL] = { EINVAL, "ni_syscall is the stub of unimplemented system calls, not a call" },
	[KLAT_E_GLOB] = { EINVAL, "globs are not expanded here; klatctl add expands them" },
};

/* the errno of a code outside enum klat_err (positive, as in klat_errs[]) */
#define KLAT_ERRNO_BAD_CODE	EINVAL

const char *klat_err_msg(int code)
{
	if (code < 0 || code >= KLAT_E_COUNT)
		return "unknown error";
	return klat_errs[code].msg;
}

int klat_err_errno(int code)
{
	if (code < 0 || code >= KLAT_E_COUNT)
		return KLAT_ERRNO_BAD_CODE;
	return klat_errs[code].err;
}

static bool klat_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

static bool klat_issym(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '.');
}

/* Strict decimal: digits only, no sign, no overflow, not empty. */
int klat_parse_u64(const char *s, size_t len, u64 *out)
{
	u64 v = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		unsigned int d;

		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		d = (unsigned int)(s[i] - '0');
		if (v > (U64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/*
 * Parse one `targets` line (without its newline):
 *	[-]SYMBOL | [-]syscall:NAME | blank | # comment
 * SYMBOL is a C identifier, also with '.' after the first character
 * (foo.isra.0); @max_name bounds its length.
 */
int klat_parse_target(const char *line, size_t len, size_t max_name,
		      struct klat_target_cmd *cmd, size_t *pos)
{
	size_t i = 0, start, end = len;
	static const char sys[] = "syscall:";

	*cmd = (struct klat_target_cmd){ 0 };
	*pos = 0;
	while (i < len && klat_isspace(line[i]))
		i++;
	while (end > i && klat_isspace(line[end - 1]))
		end--;
	if (i == end || line[i] == '#')
		return KLAT_PARSE_SKIP;
	if (line[i] == '-') {
		cmd->del = true;
		i++;
	}
	if (end - i >= sizeof(sys) - 1) {
		size_t k;

		for (k = 0; k < sizeof(sys) - 1 && line[i + k] == sys[k]; k++)
			;
		if (k == sizeof(sys) - 1) {
			cmd->syscall = true;
			i += k;
		}
	}
	start = i;
	*pos = i;
	if (i == end)
		return KLAT_E_NAME_EMPTY;
	while (i < end && klat_issym(line[i], i == start))
		i++;
	*pos = i;
	if (i < end) {
		if (line[i] == '*' || line[i] == '?' || line[i] == '[')
			return KLAT_E_GLOB;
		if (i > start && line[i] == '+')
			return KLAT_E_OFFSET;
		if (i > start && klat_isspace(line[i]))
			return KLAT_E_TRAILING;
		return KLAT_E_NAME_CHAR;
	}
	if (i - start > max_name) {
		*pos = start + max_name;
		return KLAT_E_NAME_LONG;
	}
	cmd->name = line + start;
	cmd->len = i - start;
	return KLAT_E_OK;
}

static bool klat_key_is(const char *k, size_t klen, const char *want)
{
	size_t i;

	for (i = 0; i < klen && want[i] && k[i] == want[i]; i++)
		;
	return i == klen && !want[i];
}

/* Parse "v1,v2,..." of pids into @vals. */
static int klat_parse_ids(const char *v, size_t vlen, s32 *vals, u32 *n, size_t base,
			  size_t *pos)
{
	size_t i = 0;

	while (1) {
		size_t s = i;
		u64 x = 0;

		while (i < vlen && v[i] != ',')
			i++;
		*pos = base + s;
		if (*n == KLAT_FILTER_VALS)
			return KLAT_E_FILTER_MANY;
		if (klat_parse_u64(v + s, i - s, &x) || x > 0x7fffffff)
			return KLAT_E_FILTER_NUM;
		vals[(*n)++] = (s32)x;
		if (i == vlen)
			return KLAT_E_OK;
		i++;
	}
}

static int klat_parse_comms(const char *v, size_t vlen, struct klat_filter *f, size_t base,
			    size_t *pos)
{
	size_t i = 0;

	while (1) {
		size_t s = i, k;

		while (i < vlen && v[i] != ',')
			i++;
		*pos = base + s;
		if (f->ncomm == KLAT_FILTER_VALS)
			return KLAT_E_FILTER_MANY;
		if (i == s)
			return KLAT_E_FILTER_SYNTAX;
		/* a NUL would end the comm early: shown back, it would not be this filter */
		for (k = s; k < i && v[k]; k++)
			;
		if (k < i) {
			*pos = base + k;
			return KLAT_E_FILTER_SYNTAX;
		}
		if (i - s > KLAT_COMM_LEN - 1) {
			*pos = base + s + KLAT_COMM_LEN - 1;
			return KLAT_E_FILTER_COMM;
		}
		for (k = 0; k < KLAT_COMM_LEN; k++)
			f->comm[f->ncomm][k] = k < i - s ? v[s + k] : '\0';
		f->ncomm++;
		if (i == vlen)
			return KLAT_E_OK;
		i++;
	}
}

/* Filter keys, one bit each in klat_parse_filter()'s set of keys seen. */
enum klat_fkey {
	KLAT_FKEY_PID = 1,
	KLAT_FKEY_TGID = 2,
	KLAT_FKEY_COMM = 4,
	KLAT_FKEY_LOG_MIN_NS = 8,
	KLAT_FKEY_LOG_ERRORS = 16,
};

static const struct {
	const char *name;
	enum klat_fkey key;
} klat_fkeys[] = {
	{ "pid", KLAT_FKEY_PID },
	{ "tgid", KLAT_FKEY_TGID },
	{ "comm", KLAT_FKEY_COMM },
	{ "log_min_ns", KLAT_FKEY_LOG_MIN_NS },
	{ "log_errors", KLAT_FKEY_LOG_ERRORS },
};

/* The value @v (@vlen bytes, at offset @base of the write) of key @key into @f. */
static int klat_parse_fvalue(enum klat_fkey key, const char *v, size_t vlen,
			     struct klat_filter *f, size_t base, size_t *pos)
{
	u64 x = 0;

	switch (key) {
	case KLAT_FKEY_PID:
		return klat_parse_ids(v, vlen, f->pid, &f->npid, base, pos);
	case KLAT_FKEY_TGID:
		return klat_parse_ids(v, vlen, f->tgid, &f->ntgid, base, pos);
	case KLAT_FKEY_COMM:
		return klat_parse_comms(v, vlen, f, base, pos);
	case KLAT_FKEY_LOG_MIN_NS:
		f->log_min_ns = 0;
		if (klat_parse_u64(v, vlen, &x))
			return KLAT_E_FILTER_NUM;
		f->log_min_ns = x;
		return KLAT_E_OK;
	default:
		f->log_errors = vlen == 1 && v[0] == '1';
		if (vlen != 1 || (v[0] != '0' && v[0] != '1'))
			return KLAT_E_FILTER_BOOL;
		return KLAT_E_OK;
	}
}

/* One term "key=value", bytes [@ts, @te) of @buf, into @f; @seen: the keys so far. */
static int klat_parse_fterm(const char *buf, size_t ts, size_t te, struct klat_filter *f,
			    unsigned int *seen, size_t *pos)
{
	size_t eq, k;

	for (eq = ts; eq < te && buf[eq] != '='; eq++)
		;
	if (eq == te || eq == ts)
		return KLAT_E_FILTER_SYNTAX;
	for (k = 0; k < ARRAY_SIZE(klat_fkeys); k++)
		if (klat_key_is(buf + ts, eq - ts, klat_fkeys[k].name))
			break;
	if (k == ARRAY_SIZE(klat_fkeys))
		return KLAT_E_FILTER_KEY;
	if (*seen & klat_fkeys[k].key)
		return KLAT_E_FILTER_DUP;
	*seen |= klat_fkeys[k].key;
	*pos = eq + 1;
	return klat_parse_fvalue(klat_fkeys[k].key, buf + eq + 1, te - eq - 1, f, eq + 1, pos);
}

/*
 * Parse a filter write: whitespace separated terms
 *	pid=N[,N...] tgid=N[,N...] comm=NAME[,NAME...] log_min_ns=N log_errors=0|1 clear
 * into @f (zeroed first). `clear` drops the terms before it. On error @f is
 * garbage: the caller keeps its old filter.
 */
int klat_parse_filter(const char *buf, size_t len, struct klat_filter *f, size_t *pos)
{
	unsigned int seen = 0;
	size_t i = 0, ts;
	bool any = false;
	int err;

	*f = (struct klat_filter){ 0 };
	*pos = 0;
	while (1) {
		while (i < len && klat_isspace(buf[i]))
			i++;
		if (i == len)
			break;
		ts = i;
		while (i < len && !klat_isspace(buf[i]))
			i++;
		any = true;
		*pos = ts;
		if (klat_key_is(buf + ts, i - ts, "clear")) {
			*f = (struct klat_filter){ 0 };
			seen = 0;
			continue;
		}
		err = klat_parse_fterm(buf, ts, i, f, &seen, pos);
		if (err)
			return err;
	}
	if (!any)
		return KLAT_E_FILTER_EMPTY;
	return KLAT_E_OK;
}

bool klat_filter_empty(const struct klat_filter *f)
{
	return !f->npid && !f->ntgid && !f->ncomm && !f->log_min_ns && !f->log_errors;
}

/* " key=" (no blank first in @b) and the @n ids, comma separated; nothing for none. */
static void klat_buf_ids(struct klat_buf *b, const char *key, const s32 *ids, u32 n)
{
	u32 i;

	if (!n)
		return;
	klat_buf_puts(b, key + !b->len);
	for (i = 0; i < n; i++) {
		if (i)
			klat_buf_puts(b, ",");
		klat_buf_u64(b, (u64)ids[i]);
	}
}

/*
 * The terms of @f in the syntax klat_parse_filter() takes, space separated,
 * no newline; "" for an empty filter. Returns the length it needs (like snprintf).
 */
size_t klat_filter_format(const struct klat_filter *f, char *buf, size_t size)
{
	struct klat_buf b;
	u32 i;

	klat_buf_init(&b, buf, size);
	klat_buf_ids(&b, " pid=", f->pid, f->npid);
	klat_buf_ids(&b, " tgid=", f->tgid, f->ntgid);
	if (f->ncomm) {
		klat_buf_puts(&b, b.len ? " comm=" : "comm=");
		for (i = 0; i < f->ncomm; i++) {
			char c[KLAT_COMM_LEN];
			u32 k;

			for (k = 0; k < KLAT_COMM_LEN - 1; k++)
				c[k] = f->comm[i][k];
			c[KLAT_COMM_LEN - 1] = '\0';
			if (i)
				klat_buf_puts(&b, ",");
			klat_buf_puts(&b, c);
		}
	}
	if (f->log_min_ns) {
		klat_buf_puts(&b, b.len ? " log_min_ns=" : "log_min_ns=");
		klat_buf_u64(&b, f->log_min_ns);
	}
	if (f->log_errors)
		klat_buf_puts(&b, b.len ? " log_errors=1" : "log_errors=1");
	return b.len;
}

static size_t klat_escape_set(char *dst, size_t size, const char *src, size_t len,
			      bool fields)
{
	size_t i, o = 0;

	if (!size)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)src[i];
		bool esc = c < ' ' || c >= 0x7f || c == '\\' ||
			   (fields && (c == ' ' || c == ',' || c == '='));

		if (esc) {
			if (o + 4 >= size)
				break;
			dst[o++] = '\\';
			dst[o++] = (char)('0' + (c >> 6));
			dst[o++] = (char)('0' + ((c >> 3) & 7));
			dst[o++] = (char)('0' + (c & 7));
		} else {
			if (o + 1 >= size)
				break;
			dst[o++] = (char)c;
		}
	}
	dst[o] = '\0';
	return o;
}

/*
 * Copy @len bytes of @src to @dst (@size bytes, always NUL terminated), writing
 * whitespace, '\\', ',' and '=' and bytes outside printable ASCII as \ooo, so a
 * field never splits. Stops before an escape that would not fit. Returns the
 * length written.
 */
size_t klat_escape(char *dst, size_t size, const char *src, size_t len)
{
	return klat_escape_set(dst, size, src, len, true);
}

/* As klat_escape(), but only control bytes, '\\' and bytes above 0x7e: for commands. */
size_t klat_escape_ctl(char *dst, size_t size, const char *src, size_t len)
{
	return klat_escape_set(dst, size, src, len, false);
}
