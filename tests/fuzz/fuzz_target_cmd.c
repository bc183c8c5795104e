// SPDX-License-Identifier: GPL-2.0
/*
 * klat_parse_target(): one `targets` line, with a random max_name.
 *
 * Input: 1 byte choosing how max_name is drawn, 2 bytes for it, then the line,
 * copied into a heap buffer of exactly its length (no NUL after it).
 *
 * Checks: the result is a KLAT_E_* code or KLAT_PARSE_SKIP; pos stays inside the
 * line; a parsed name lies inside the line, is a non-empty symbol of at most
 * max_name bytes, and the canonical line "[-][syscall:]NAME" parses to the same
 * command; error codes have a message and an errno.
 */
#include "fuzz_common.h"
#include "klat_parse.h"

static int is_sym(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '.');
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct klat_target_cmd cmd;
	uint8_t how = fuzz_u8(&in);
	size_t max_name = fuzz_u16(&in), pos = (size_t)-1, i;
	char *line;
	int rc;

	switch (how & 3) {
	case 0:
		max_name &= 0x3f;		/* short limits: NAME_LONG is reachable */
		break;
	case 1:
		max_name = 511;			/* the module's KSYM_NAME_LEN - 1 */
		break;
	case 2:
		max_name = (size_t)-1 - (how >> 2);	/* huge: no limit */
		break;
	default:
		break;				/* 0..65535 */
	}
	line = fuzz_dup_exact(in.p, in.n);
	rc = klat_parse_target(line, in.n, max_name, &cmd, &pos);

	FUZZ_ASSERT(rc >= 0 && rc <= KLAT_PARSE_SKIP);
	FUZZ_ASSERT(pos <= in.n);
	if (rc != KLAT_PARSE_SKIP) {
		FUZZ_ASSERT(klat_err_msg(rc) != NULL);
		FUZZ_ASSERT(klat_err_errno(rc) >= 0);
	}
	if (rc == KLAT_PARSE_SKIP) {
		/* blank, or a comment after leading blanks */
		for (i = 0; i < in.n && is_space(line[i]); i++)
			;
		FUZZ_ASSERT(i == in.n || line[i] == '#');
		FUZZ_ASSERT(!cmd.name && !cmd.len && !cmd.del && !cmd.syscall);
	} else if (rc != KLAT_E_OK) {
		FUZZ_ASSERT(!cmd.name && !cmd.len);
	} else {
		struct klat_target_cmd again;
		size_t off, clen, pos2;
		char *canon;
		int rc2;

		FUZZ_ASSERT(cmd.name && cmd.len > 0 && cmd.len <= max_name);
		FUZZ_ASSERT(cmd.name >= line && cmd.name + cmd.len <= line + in.n);
		off = (size_t)(cmd.name - line);
		FUZZ_ASSERT(pos == off + cmd.len);
		for (i = 0; i < cmd.len; i++)
			FUZZ_ASSERT(is_sym(cmd.name[i], i == 0));
		if (cmd.syscall)
			FUZZ_ASSERT(off >= 8 && !memcmp(cmd.name - 8, "syscall:", 8));
		if (cmd.del)
			FUZZ_ASSERT(off >= 1 + 8 * cmd.syscall &&
				    cmd.name[-1 - 8 * cmd.syscall] == '-');
		/* only blanks after the name */
		for (i = off + cmd.len; i < in.n; i++)
			FUZZ_ASSERT(is_space(line[i]));

		/* the canonical form of the command parses back to it */
		clen = cmd.del + 8 * cmd.syscall + cmd.len;
		canon = malloc(clen);
		FUZZ_ASSERT(canon);
		off = 0;
		if (cmd.del)
			canon[off++] = '-';
		if (cmd.syscall) {
			memcpy(canon + off, "syscall:", 8);
			off += 8;
		}
		memcpy(canon + off, cmd.name, cmd.len);
		rc2 = klat_parse_target(canon, clen, max_name, &again, &pos2);
		FUZZ_ASSERT(rc2 == KLAT_E_OK);
		FUZZ_ASSERT(again.del == cmd.del && again.syscall == cmd.syscall);
		FUZZ_ASSERT(again.len == cmd.len && !memcmp(again.name, cmd.name, cmd.len));
		FUZZ_ASSERT(again.name == canon + off && pos2 == clen);
		free(canon);
	}
	free(line);
	return 0;
}
