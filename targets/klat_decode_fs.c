// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders of file arguments: open flags with their access mode, directory
 * fds (AT_FDCWD), file modes, AT_* flags, access(2) modes, lseek whence,
 * fcntl commands, flock operations, renameat2, close_range and memfd_create
 * flags. Linux x86_64 ABI values (include/uapi/asm-generic/fcntl.h,
 * include/uapi/linux/fcntl.h, ...). Runs in process context when the log is
 * read (see klat_decode.h).
 */
#include "klat_decode.h"

#define KLAT_O_ACCMODE	03

static const char * const klat_oaccmodes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "3" };

static const struct klat_name klat_oflags[] = {
	{ 0100, "O_CREAT" },
	{ 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },
	{ 04000, "O_NONBLOCK" },
	{ 04010000, "O_SYNC" },		/* __O_SYNC | O_DSYNC */
	{ 010000, "O_DSYNC" },
	{ 020000, "O_ASYNC" },
	{ 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" },
	{ 020200000, "O_TMPFILE" },	/* __O_TMPFILE | O_DIRECTORY */
	{ 0200000, "O_DIRECTORY" },
	{ 0400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
};

/* the access mode (the low two bits), then the other flags */
static void klat_put_oflags(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			    const u64 *args)
{
	(void)args;

	klat_put_flags(o, klat_oaccmodes[v & KLAT_O_ACCMODE], d->tab, d->n,
		       (u32)v & ~KLAT_O_ACCMODE);
}

#define KLAT_AT_FDCWD	(-100)

static const struct klat_name klat_dfds[] = {
	{ (u32)KLAT_AT_FDCWD, "AT_FDCWD" },
};

/* AT_FDCWD or the fd in decimal */
static void klat_put_dfd(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			 const u64 *args)
{
	(void)args;

	klat_put_enum(o, d->tab, d->n, (u32)v);
}

/* the file type and permission bits, for the tests' table walk */
static const struct klat_name klat_modes[] = {
	{ 0644, "0644" },
	{ 0755, "0755" },
	{ 01777, "01777" },
	{ 0100600, "0100600" },
};

/* octal with a leading 0 (0644), 0 alone for none; the low 32 bits */
static void klat_put_mode(struct klat_buf *o, const struct klat_decoder *d,
			  u64 v, const u64 *args)
{
	char tmp[13];
	u32 m = (u32)v;
	int i = 12;

	(void)d;
	(void)args;

	tmp[i] = '\0';
	do {
		tmp[--i] = (char)('0' + (m & 7));
		m >>= 3;
	} while (m);
	if (tmp[i] != '0')
		tmp[--i] = '0';
	klat_buf_puts(o, tmp + i);
}

/* AT_* flags of the *at calls (AT_EACCESS and AT_HANDLE_FID share AT_REMOVEDIR's bit) */
static const struct klat_name klat_atflags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_REMOVEDIR" },
	{ 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" },
	{ 0x8000, "AT_RECURSIVE" },
};

/* faccessat2 */
static const struct klat_name klat_eaccess[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_EACCESS" },
	{ 0x1000, "AT_EMPTY_PATH" },
};

static const struct klat_name klat_access[] = {
	{ 4, "R_OK" },
	{ 2, "W_OK" },
	{ 1, "X_OK" },
};

/* R_OK|W_OK|X_OK, or F_OK for 0 */
static void klat_put_access(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			    const u64 *args)
{
	(void)args;

	if (!(u32)v)
		klat_buf_puts(o, "F_OK");
	else
		klat_put_flags(o, NULL, d->tab, d->n, (u32)v);
}

static const struct klat_name klat_whences[] = {
	{ 0, "SEEK_SET" },
	{ 1, "SEEK_CUR" },
	{ 2, "SEEK_END" },
	{ 3, "SEEK_DATA" },
	{ 4, "SEEK_HOLE" },
};

/* x86_64: F_GETLK is the 64-bit one; 1024 is F_LINUX_SPECIFIC_BASE */
static const struct klat_name klat_fcntls[] = {
	{ 0, "F_DUPFD" },
	{ 1, "F_GETFD" },
	{ 2, "F_SETFD" },
	{ 3, "F_GETFL" },
	{ 4, "F_SETFL" },
	{ 5, "F_GETLK" },
	{ 6, "F_SETLK" },
	{ 7, "F_SETLKW" },
	{ 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },
	{ 10, "F_SETSIG" },
	{ 11, "F_GETSIG" },
	{ 15, "F_SETOWN_EX" },
	{ 16, "F_GETOWN_EX" },
	{ 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" },
	{ 37, "F_OFD_SETLK" },
	{ 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" },
	{ 1025, "F_GETLEASE" },
	{ 1026, "F_NOTIFY" },
	{ 1027, "F_DUPFD_QUERY" },
	{ 1028, "F_CREATED_QUERY" },
	{ 1029, "F_CANCELLK" },
	{ 1030, "F_DUPFD_CLOEXEC" },
	{ 1031, "F_SETPIPE_SZ" },
	{ 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" },
	{ 1034, "F_GET_SEALS" },
	{ 1035, "F_GET_RW_HINT" },
	{ 1036, "F_SET_RW_HINT" },
	{ 1037, "F_GET_FILE_RW_HINT" },
	{ 1038, "F_SET_FILE_RW_HINT" },
};

static const struct klat_name klat_flocks[] = {
	{ 1, "LOCK_SH" },
	{ 2, "LOCK_EX" },
	{ 4, "LOCK_NB" },
	{ 8, "LOCK_UN" },
	{ 32, "LOCK_MAND" },
	{ 64, "LOCK_READ" },
	{ 128, "LOCK_WRITE" },
};

static const struct klat_name klat_renames[] = {
	{ 1, "RENAME_NOREPLACE" },
	{ 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" },
};

static const struct klat_name klat_closeranges[] = {
	{ 2, "CLOSE_RANGE_UNSHARE" },
	{ 4, "CLOSE_RANGE_CLOEXEC" },
};

/* the huge page size bits (MFD_HUGE_*, from bit 26) are left in hex */
static const struct klat_name klat_mfds[] = {
	{ 0x1, "MFD_CLOEXEC" },
	{ 0x2, "MFD_ALLOW_SEALING" },
	{ 0x4, "MFD_HUGETLB" },
	{ 0x8, "MFD_NOEXEC_SEAL" },
	{ 0x10, "MFD_EXEC" },
};

const struct klat_decoder klat_fs_decoders[] = {
	KLAT_DEC_FN(KLAT_A_OFLAGS, klat_oflags, klat_put_oflags, "O_*"),
	KLAT_DEC_FN(KLAT_A_DFD, klat_dfds, klat_put_dfd, "AT_FDCWD"),
	KLAT_DEC_FN(KLAT_A_MODE, klat_modes, klat_put_mode, "mode"),
	KLAT_DEC_FLAGS(KLAT_A_FDFLAGS, klat_oflags, "O_* (no access mode)"),
	KLAT_DEC_FLAGS(KLAT_A_ATFLAGS, klat_atflags, "AT_*"),
	KLAT_DEC_FLAGS(KLAT_A_EACCESS, klat_eaccess, "AT_EACCESS"),
	KLAT_DEC_FN(KLAT_A_ACCESS, klat_access, klat_put_access, "R_OK|W_OK|X_OK"),
	KLAT_DEC_ENUM(KLAT_A_WHENCE, klat_whences, "SEEK_*"),
	KLAT_DEC_ENUM(KLAT_A_FCNTL, klat_fcntls, "F_*"),
	KLAT_DEC_FLAGS(KLAT_A_FLOCK, klat_flocks, "LOCK_*"),
	KLAT_DEC_FLAGS(KLAT_A_RENAME, klat_renames, "RENAME_*"),
	KLAT_DEC_FLAGS(KLAT_A_CLOSERANGE, klat_closeranges, "CLOSE_RANGE_*"),
	KLAT_DEC_FLAGS(KLAT_A_MFD, klat_mfds, "MFD_*"),
};

const size_t klat_fs_ndecoders = ARRAY_SIZE(klat_fs_decoders);
