// SPDX-License-Identifier: GPL-2.0
/*
 * klat_sysent_classify() with random argument names and types, then
 * klat_sysent_format() with random arguments, user strings and buffer sizes;
 * klat_syscall_name() and klat_syscall_inner() with random names.
 *
 * Input: 1 byte of mode (bit 0: no metadata, types NULL; bit 1: keep the
 * decoders classify chose, else take them from the next 6 bytes, out-of-range
 * ones too), 6 bytes of decoders, 1 byte of nargs (any value), 2 bytes of
 * buffer size, 2 bytes of str_len (signed), 6 x 8 bytes of arguments, 1 byte of
 * user string length and the string, then "kname arg:type;arg:type;..." (a
 * metadata line) whose kname is also looked up as a name.
 *
 * Checks: the return value is the full length for every buffer size (as
 * snprintf); an exact-size heap buffer holds a NUL terminated prefix of the full
 * text; the text is one log field (no byte <= 0x20 or >= 0x7f) of one non-empty
 * name=value item per shown argument, joined by ','; classify keeps its
 * promises (nargs <= 6, str the first KLAT_A_STR, the rest NONE).
 */
#include "fuzz_common.h"
#include "klat_syscalls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put_ptr(struct klat_buf *o, u64 v)
{
	klat_buf_puts(o, "p");
	klat_buf_hex(o, v * 0x9e3779b97f4a7c15ULL);
}

static void check_format(const struct klat_sysent *e, const u64 *args, const char *str,
			 int str_len, size_t bsize)
{
	size_t need, n, i, shown = 0, items = 1;
	char *full, *buf;

	need = klat_sysent_format(e, args, str, str_len, put_ptr, NULL, 0);
	full = malloc(need + 1);
	FUZZ_ASSERT(full);
	n = klat_sysent_format(e, args, str, str_len, put_ptr, full, need + 1);
	FUZZ_ASSERT(n == need && strlen(full) == need);
	for (i = 0; i < need; i++) {
		unsigned char c = (unsigned char)full[i];

		FUZZ_ASSERT(c > ' ' && c < 0x7f);
		if (c == ',') {
			/* items are never empty */
			FUZZ_ASSERT(i > 0 && i + 1 < need && full[i + 1] != ',');
			items++;
		}
	}
	for (i = 0; i < e->nargs && i < KLAT_SC_ARGS; i++)
		shown += e->arg[i] != KLAT_A_NONE;
	FUZZ_ASSERT(need ? items == shown : shown == 0);
	if (need)
		FUZZ_ASSERT(strchr(full, '=') && full[0] != '=');

	buf = malloc(bsize);
	FUZZ_ASSERT(buf || !bsize);
	n = klat_sysent_format(e, args, str, str_len, put_ptr, buf, bsize);
	FUZZ_ASSERT(n == need);
	if (bsize) {
		size_t k = need < bsize - 1 ? need : bsize - 1;

		FUZZ_ASSERT(buf[k] == '\0' && strlen(buf) == k);
		FUZZ_ASSERT(!memcmp(buf, full, k));
	}
	free(buf);
	free(full);
}

/* "kname a:t;b:t;" from @p, @n bytes, into @e and @types (pointing into @store) */
static void parse_line(struct klat_sysent *e, const uint8_t *p, size_t n,
		       char store[KLAT_SC_ARGS][64], const char *types[KLAT_SC_ARGS])
{
	size_t i = 0, k = 0;
	int a = 0;

	while (i < n && p[i] != ' ' && k < KLAT_SC_NAME - 1)
		e->kname[k++] = (char)p[i++];
	e->kname[k] = '\0';
	while (i < n && p[i] != ' ')
		i++;
	i++;
	while (i < n && a < KLAT_SC_ARGS) {
		k = 0;
		while (i < n && p[i] != ':' && p[i] != ';' && k < KLAT_SC_NAME - 1)
			e->argname[a][k++] = (char)p[i++];
		e->argname[a][k] = '\0';
		if (i < n && p[i] == ':')
			i++;
		k = 0;
		while (i < n && p[i] != ';' && k < 63)
			store[a][k++] = (char)p[i++];
		store[a][k] = '\0';
		/* an empty type: unknown (NULL) */
		types[a] = k ? store[a] : NULL;
		i++;
		a++;
	}
	e->nargs = (u8)a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct klat_sysent e;
	uint8_t mode = fuzz_u8(&in), kinds[KLAT_SC_ARGS], nargs, slen;
	char store[KLAT_SC_ARGS][64], str[KLAT_SC_STR + 8];
	const char *types[KLAT_SC_ARGS] = { NULL };
	const char *const *syms;
	size_t bsize, i;
	int str_len;
	u64 args[KLAT_SC_ARGS];
	char *name;

	memset(&e, 0, sizeof(e));
	for (i = 0; i < KLAT_SC_ARGS; i++)
		kinds[i] = fuzz_u8(&in);
	nargs = fuzz_u8(&in);
	bsize = fuzz_u16(&in) % 600;
	str_len = (int16_t)fuzz_u16(&in);
	for (i = 0; i < KLAT_SC_ARGS; i++)
		args[i] = fuzz_u64(&in);
	slen = fuzz_u8(&in) % (KLAT_SC_STR + 8);
	memset(str, 0, sizeof(str));
	for (i = 0; i < slen; i++)
		str[i] = (char)fuzz_u8(&in);
	/* str_len may claim more than was copied, up to KLAT_SC_STR (the module's bound) */
	if (str_len > KLAT_SC_STR)
		str_len = KLAT_SC_STR;

	parse_line(&e, in.p, in.n, store, types);
	klat_sysent_classify(&e, mode & 1 ? NULL : types);
	FUZZ_ASSERT(e.nargs <= KLAT_SC_ARGS && e.meta == !(mode & 1));
	FUZZ_ASSERT(e.str >= -1 && e.str < (int)e.nargs);
	for (i = 0; i < KLAT_SC_ARGS; i++) {
		FUZZ_ASSERT(e.arg[i] < KLAT_A_COUNT);
		FUZZ_ASSERT((i < e.nargs) == (e.arg[i] != KLAT_A_NONE));
		FUZZ_ASSERT(e.arg[i] != KLAT_A_STR || (int)i == e.str);
	}
	if (e.str >= 0)
		FUZZ_ASSERT(e.arg[e.str] == KLAT_A_STR);
	if (!(mode & 2)) {
		/* every decoder, and a few past the last (shown in hex) */
		for (i = 0; i < KLAT_SC_ARGS; i++)
			e.arg[i] = kinds[i] % (KLAT_A_COUNT + 3);
		e.nargs = nargs;
		e.str = (s8)(kinds[0] % 8) - 1;
	}
	check_format(&e, args, str, str_len, bsize);
	check_format(&e, args, NULL, -1, bsize);

	/* the kname as a name to map and to look up */
	FUZZ_ASSERT(klat_syscall_name(e.kname));
	name = fuzz_dup_exact((const uint8_t *)e.kname, strlen(e.kname));
	syms = klat_syscall_inner(name, strlen(e.kname));
	if (syms) {
		FUZZ_ASSERT(syms[0] && !syms[1]);
		FUZZ_ASSERT(!strncmp(syms[0], "__sys_", 6) || !strncmp(syms[0], "ksys_", 5));
	}
	free(name);
	return 0;
}
