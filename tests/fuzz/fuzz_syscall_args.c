// SPDX-License-Identifier: GPL-2.0
/*
 * klat_syscall_format_args() with random syscalls, arguments and buffer sizes;
 * klat_syscall_find() and klat_syscall_by_symbol() with random names.
 *
 * Input: 1 byte choosing the syscall (a known one by name, NULL, or a made-up
 * entry whose argument kinds come from the input, out-of-range ones too), 3
 * bytes of kinds, 2 bytes of buffer size, 3 x 8 bytes of arguments, then a name.
 *
 * Checks: the return value is the full length for every size (snprintf-like); the
 * output in an exact-size heap buffer is a NUL terminated prefix of the full
 * text; the full text is one log field (no blank, '=' or control byte), with one
 * non-empty comma separated item per shown argument. klat_syscall_find() finds
 * exactly the syscall of that name, and by_symbol() a syscall listing the symbol.
 */
#include "fuzz_common.h"
#include "klat_syscalls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"socket", "socketpair", "bind", "listen", "accept", "accept4", "connect",
	"getsockname", "getpeername", "sendto", "recvfrom", "setsockopt", "getsockopt",
	"shutdown", "sendmsg", "recvmsg", "openat", "read", "write", "close",
};
#define NNAMES	(sizeof(names) / sizeof(names[0]))

static void check_format(const struct klat_syscall *sc, const u64 *args, size_t bsize)
{
	size_t need, n, i, shown = 0, items = 1;
	char *full, *buf;

	need = klat_syscall_format_args(sc, args, NULL, 0);
	full = malloc(need + 1);
	FUZZ_ASSERT(full);
	n = klat_syscall_format_args(sc, args, full, need + 1);
	FUZZ_ASSERT(n == need && strlen(full) == need);
	for (i = 0; i < need; i++) {
		unsigned char c = (unsigned char)full[i];

		FUZZ_ASSERT(c > ' ' && c < 0x7f && c != '=' && c != '\\');
		if (c == ',') {
			/* items are never empty */
			FUZZ_ASSERT(i > 0 && i + 1 < need && full[i + 1] != ',');
			items++;
		}
	}
	for (i = 0; i < 3; i++)
		shown += !sc || sc->args[i] != KLAT_A_NONE;
	FUZZ_ASSERT(need ? items == shown : shown == 0);

	buf = malloc(bsize);
	FUZZ_ASSERT(buf || !bsize);
	n = klat_syscall_format_args(sc, args, buf, bsize);
	FUZZ_ASSERT(n == need);
	if (bsize) {
		size_t k = need < bsize - 1 ? need : bsize - 1;

		FUZZ_ASSERT(buf[k] == '\0' && strlen(buf) == k);
		FUZZ_ASSERT(!memcmp(buf, full, k));
	}
	free(buf);
	free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct klat_syscall custom = { .name = "fuzz" };
	const struct klat_syscall *sc, *found;
	uint8_t sel = fuzz_u8(&in), kinds[3];
	size_t bsize, i, j;
	u64 args[3];
	char *name;

	for (i = 0; i < 3; i++)
		kinds[i] = fuzz_u8(&in);
	bsize = fuzz_u16(&in) % 512;
	for (i = 0; i < 3; i++)
		args[i] = fuzz_u64(&in);

	if (sel < 0xe0) {
		sc = klat_syscall_find(names[sel % NNAMES], strlen(names[sel % NNAMES]));
		FUZZ_ASSERT(sc && !strcmp(sc->name, names[sel % NNAMES]));
	} else if (sel < 0xf0) {
		sc = NULL;		/* an unknown function: three pointers */
	} else {
		/* every kind, and a few past the last (the default case) */
		for (i = 0; i < 3; i++)
			custom.args[i] = (enum klat_arg)(kinds[i] % (KLAT_A_OFLAGS + 3));
		sc = &custom;
	}
	check_format(sc, args, bsize);

	/* the rest: a name to look up, exact length, then as a C string */
	name = fuzz_dup_exact(in.p, in.n);
	found = klat_syscall_find(name, in.n);
	if (found) {
		FUZZ_ASSERT(strlen(found->name) == in.n && !memcmp(found->name, name, in.n));
	} else {
		for (i = 0; i < NNAMES; i++)
			FUZZ_ASSERT(strlen(names[i]) != in.n || memcmp(names[i], name, in.n));
	}
	free(name);

	name = fuzz_dup_str(in.p, in.n);
	found = klat_syscall_by_symbol(name);
	if (found) {
		for (j = 0; j < 4 && found->syms[j] && strcmp(found->syms[j], name); j++)
			;
		FUZZ_ASSERT(j < 4 && found->syms[j]);
	}
	free(name);
	FUZZ_ASSERT(!klat_syscall_by_symbol(NULL));
	return 0;
}
