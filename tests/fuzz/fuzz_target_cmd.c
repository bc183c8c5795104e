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

/* the canonical line "[-][syscall:]NAME" of a parsed @cmd parses back to it */
static void check_canonical(const struct klat_target_cmd *cmd, size_t max_name)
{
	struct klat_target_cmd again;
	size_t off = 0, clen = cmd->del + 8 * cmd->syscall + cmd->len, pos2;
	char *canon = malloc(clen);
	int rc2;

	FUZZ_ASSERT(canon);
	if (cmd->del)
		canon[off++] = '-';
	if (cmd->syscall) {
		memcpy(canon + off, "syscall:", 8);
		off += 8;
	}
	memcpy(canon + off, cmd->name, cmd->len);
	rc2 = klat_parse_target(canon, clen, max_name, &again, &pos2);
	FUZZ_ASSERT(rc2 == KLAT_E_OK);
	FUZZ_ASSERT(again.del == cmd->del && again.syscall == cmd->syscall);
	FUZZ_ASSERT(again.len == cmd->len && !memcmp(again.name, cmd->name, cmd->len));
	FUZZ_ASSERT(again.name == canon + off && pos2 == clen);
	free(canon);
}

/* a parsed @cmd of @line (@n bytes): its name, prefixes and what follows */
static void check_parsed(const char *line, size_t n, size_t max_name,
			 const struct klat_target_cmd *cmd, size_t pos)
{
	size_t off, i;

	FUZZ_ASSERT(cmd->name && cmd->len > 0 && cmd->len <= max_name);
	FUZZ_ASSERT(cmd->name >= line && cmd->name + cmd->len <= line + n);
	off = (size_t)(cmd->name - line);
	FUZZ_ASSERT(pos == off + cmd->len);
	for (i = 0; i < cmd->len; i++)
		FUZZ_ASSERT(is_sym(cmd->name[i], i == 0));
	if (cmd->syscall)
		FUZZ_ASSERT(off >= 8 && !memcmp(cmd->name - 8, "syscall:", 8));
	if (cmd->del)
		FUZZ_ASSERT(off >= 1 + 8 * cmd->syscall &&
			    cmd->name[-1 - 8 * cmd->syscall] == '-');
	/* only blanks after the name */
	for (i = off + cmd->len; i < n; i++)
		FUZZ_ASSERT(is_space(line[i]));
	check_canonical(cmd, max_name);
}

/* max_name as the input's first byte @how chooses, from the 16 bits @v */
static size_t draw_max_name(uint8_t how, size_t v)
{
	switch (how & 3) {
	case 0:
		return v & 0x3f;		/* short limits: NAME_LONG is reachable */
	case 1:
		return 511;			/* the module's KSYM_NAME_LEN - 1 */
	case 2:
		return (size_t)-1 - (how >> 2);	/* huge: no limit */
	default:
		return v;			/* 0..65535 */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct klat_target_cmd cmd;
	uint8_t how = fuzz_u8(&in);
	size_t max_name = draw_max_name(how, fuzz_u16(&in)), pos = (size_t)-1, i;
	char *line;
	int rc;

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
		check_parsed(line, in.n, max_name, &cmd, pos);
	}
	free(line);
	return 0;
}
