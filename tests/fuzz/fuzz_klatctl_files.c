// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl: the other debugfs/tracefs file parsers. The first byte picks one:
 *   0 klatctl_targets_parse() (targets) and its printer
 *   1 klatctl_parse_filter_functions() (available_filter_functions) and
 *     klatctl_glob_match() against it, with a blacklist
 *   2 klatctl_parse_blacklist() (kprobes/blacklist)
 *   3 klatctl_kv_get_u64() (probes/SYMBOL/stats) and klatctl_error_log_last()
 * The rest is the file's text (a NUL ends it; for 1 and 3 what follows the NUL is
 * the glob pattern or the key).
 *
 * Checks: targets rows are non-empty cells; function and blacklist lists come
 * back sorted without duplicates, without comments, ftrace placeholders or
 * klat's own functions; globs only return listed, non-blacklisted names that
 * match; kv values agree with a strict decimal parse; error_log_last returns a
 * suffix of the text that starts with '['. No leak.
 */
#define _GNU_SOURCE
#include <fnmatch.h>

#include "fuzz_common.h"
#include "klatctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static void check_sorted_unique(const struct klatctl_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++) {
		FUZZ_ASSERT(sv->v[i] && *sv->v[i]);
		if (i)
			FUZZ_ASSERT(strcmp(sv->v[i - 1], sv->v[i]) < 0);
		FUZZ_ASSERT(klatctl_strv_bsearch(sv, sv->v[i]));
	}
}

static void do_targets(const char *text)
{
	struct klatctl_targets tg;
	int bad = -1;
	size_t i;

	if (klatctl_targets_parse(text, &tg, &bad)) {
		FUZZ_ASSERT(bad >= 0 && !tg.v && !tg.n);
		return;
	}
	for (i = 0; i < tg.n; i++)
		FUZZ_ASSERT(*tg.v[i].symbol && *tg.v[i].state && *tg.v[i].maxactive);
	klatctl_print_targets(devnull, &tg);
	klatctl_print_targets_json(devnull, &tg);
	klatctl_targets_free(&tg);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* available_filter_functions read independently: the names klatctl should keep */
static void ref_functions(const char *text, struct klatctl_strv *names)
{
	const char *p = text;

	while (*p) {
		const char *eol = strchrnul(p, '\n');
		size_t n = strcspn(p, " \t\r\n");
		const char *m = p + n;

		while (m < eol && (*m == ' ' || *m == '\t'))
			m++;
		if (n && n < 512 && *p != '#' && strncmp(p, "__ftrace_invalid_address__", 26) &&
		    !(eol - m >= 6 && !strncmp(m, "[klat]", 6))) {
			char *d = strndup(p, n);

			FUZZ_ASSERT(d && !klatctl_strv_add(names, d));
			free(d);
		}
		p = *eol ? eol + 1 : eol;
	}
}

static void do_functions(const char *text, const char *pattern)
{
	static const char bl_text[] = "0xffffffff81000000-0xffffffff81000010\tdo_one\n"
				      "0x0-0x0 tcp_v4_connect [kernel]\n";
	struct klatctl_strv avail = { 0 }, bl = { 0 }, out = { 0 }, out2 = { 0 }, ref = { 0 };
	size_t i, j, k;

	ref_functions(text, &ref);
	FUZZ_ASSERT(!klatctl_parse_filter_functions(text, &avail));
	check_sorted_unique(&avail);
	for (i = 0; i < avail.n; i++) {
		FUZZ_ASSERT(avail.v[i][0] != '#');
		FUZZ_ASSERT(strncmp(avail.v[i], "__ftrace_invalid_address__", 26));
		FUZZ_ASSERT(!strpbrk(avail.v[i], " \t\r\n"));
	}
	/* exactly the names listed once, in order */
	if (ref.n)
		qsort(ref.v, ref.n, sizeof(*ref.v), cmp_str);
	for (i = 0, k = 0; i < ref.n; i = j) {
		for (j = i + 1; j < ref.n && !strcmp(ref.v[i], ref.v[j]); j++)
			;
		if (j == i + 1) {
			FUZZ_ASSERT(k < avail.n && !strcmp(avail.v[k], ref.v[i]));
			k++;
		}
	}
	FUZZ_ASSERT(k == avail.n);
	klatctl_strv_free(&ref);

	/* bounded: glibc fnmatch() backtracks, exponential in the number of '*' */
	if (pattern && strlen(pattern) <= 32 && avail.n <= 64) {
		FUZZ_ASSERT(!klatctl_parse_blacklist(bl_text, &bl));
		FUZZ_ASSERT(!klatctl_glob_match(pattern, &avail, &bl, &out));
		FUZZ_ASSERT(!klatctl_glob_match(pattern, &avail, NULL, &out2));
		FUZZ_ASSERT(out.n <= out2.n && out2.n <= avail.n);
		for (i = 0; i < out.n; i++) {
			FUZZ_ASSERT(klatctl_strv_bsearch(&avail, out.v[i]));
			FUZZ_ASSERT(!klatctl_strv_bsearch(&bl, out.v[i]));
			FUZZ_ASSERT(!fnmatch(pattern, out.v[i], 0));
		}
		(void)klatctl_is_glob(pattern);
	}
	klatctl_strv_free(&out2);
	klatctl_strv_free(&out);
	klatctl_strv_free(&bl);
	klatctl_strv_free(&avail);
}

static void do_blacklist(const char *text)
{
	struct klatctl_strv bl = { 0 };
	size_t i;

	FUZZ_ASSERT(!klatctl_parse_blacklist(text, &bl));
	check_sorted_unique(&bl);
	for (i = 0; i < bl.n; i++)
		FUZZ_ASSERT(!strpbrk(bl.v[i], " \t\r\n"));
	klatctl_strv_free(&bl);
}

/* the value of "key: value" as a reference reading of the text: 1 if found */
static int ref_kv(const char *text, const char *key, const char **v, size_t *vlen)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (*p) {
		const char *eol = strchrnul(p, '\n');

		if ((size_t)(eol - p) > klen && !strncmp(p, key, klen) && p[klen] == ':') {
			const char *s = p + klen + 1, *e = eol;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
				e--;
			*v = s;
			*vlen = (size_t)(e - s);
			return 1;
		}
		p = *eol ? eol + 1 : eol;
	}
	return 0;
}

static void do_kv(const char *text, const char *key)
{
	size_t tl = strlen(text), end, n, vlen = 0;
	const char *rv = NULL;
	uint64_t v = 0, ref;
	char *last;
	int rc;

	if (!key || !*key)
		key = "sum_ns";
	rc = klatctl_kv_get_u64(text, key, &v);
	if (!ref_kv(text, key, &rv, &vlen)) {
		FUZZ_ASSERT(rc == -ENOENT);
	} else if (vlen >= 32) {
		FUZZ_ASSERT(rc == -ERANGE);
	} else {
		char tmp[32];

		memcpy(tmp, rv, vlen);
		tmp[vlen] = '\0';
		FUZZ_ASSERT(rc == klatctl_parse_u64(tmp, &ref));
		if (!rc)
			FUZZ_ASSERT(v == ref);
	}

	/* the last line starting with '[' to the end, without trailing newlines */
	last = klatctl_error_log_last(text);
	for (end = tl; end && (text[end - 1] == '\n' || text[end - 1] == '\r'); end--)
		;
	if (last) {
		n = strlen(last);
		FUZZ_ASSERT(last[0] == '[' && n <= end);
		FUZZ_ASSERT(!memcmp(text + end - n, last, n));
		FUZZ_ASSERT(end == n || text[end - n - 1] == '\n');
		/* no later line starts with '[' */
		FUZZ_ASSERT(!strstr(last + 1, "\n["));
		free(last);
	} else {
		FUZZ_ASSERT(text[0] != '[' && !strstr(text, "\n["));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *z;
	char *text, *arg = NULL;
	uint8_t sel;

	if (!size)
		return 0;
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		FUZZ_ASSERT(devnull);
	}
	sel = data[0] & 3;
	data++;
	size--;
	z = memchr(data, 0, size);
	text = fuzz_dup_str(data, z ? (size_t)(z - data) : size);
	if (z)
		arg = fuzz_dup_str(z + 1, size - (size_t)(z + 1 - data));

	switch (sel) {
	case 0:
		do_targets(text);
		break;
	case 1:
		do_functions(text, arg);
		break;
	case 2:
		do_blacklist(text);
		break;
	default:
		do_kv(text, arg);
		break;
	}
	free(arg);
	free(text);
	return 0;
}
