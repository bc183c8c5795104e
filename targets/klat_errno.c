// SPDX-License-Identifier: GPL-2.0
/*
 * errno names. Pure logic, shared with the unit tests: no kernel or libc headers,
 * so the numbers are hard-coded: they are the Linux ABI (asm-generic/errno-base.h,
 * asm-generic/errno.h, used by x86_64) plus the kernel-internal codes of
 * include/linux/errno.h. Aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share their
 * primary's number and show the primary's name.
 */
#include "klat_errno.h"
#include "../core/klat_compat.h"

static const char * const klat_errno_user[] = {
	[1] = "EPERM",
	[2] = "ENOENT",
	[3] = "ESRCH",
	[4] = "EINTR",
	[5] = "EIO",
	[6] = "ENXIO",
	[7] = "E2BIG",
	[8] = "ENOEXEC",
	[9] = "EBADF",
	[10] = "ECHILD",
	[11] = "EAGAIN",		/* also EWOULDBLOCK */
	[12] = "ENOMEM",
	[13] = "EACCES",
	[14] = "EFAULT",
	[15] = "ENOTBLK",
	[16] = "EBUSY",
	[17] = "EEXIST",
	[18] = "EXDEV",
	[19] = "ENODEV",
	[20] = "ENOTDIR",
	[21] = "EISDIR",
	[22] = "EINVAL",
	[23] = "ENFILE",
	[24] = "EMFILE",
	[25] = "ENOTTY",
	[26] = "ETXTBSY",
	[27] = "EFBIG",
	[28] = "ENOSPC",
	[29] = "ESPIPE",
	[30] = "EROFS",
	[31] = "EMLINK",
	[32] = "EPIPE",
	[33] = "EDOM",
	[34] = "ERANGE",
	[35] = "EDEADLK",		/* also EDEADLOCK */
	[36] = "ENAMETOOLONG",
	[37] = "ENOLCK",
	[38] = "ENOSYS",
	[39] = "ENOTEMPTY",
	[40] = "ELOOP",
	/* 41: unused (EWOULDBLOCK is EAGAIN) */
	[42] = "ENOMSG",
	[43] = "EIDRM",
	[44] = "ECHRNG",
	[45] = "EL2NSYNC",
	[46] = "EL3HLT",
	[47] = "EL3RST",
	[48] = "ELNRNG",
	[49] = "EUNATCH",
	[50] = "ENOCSI",
	[51] = "EL2HLT",
	[52] = "EBADE",
	[53] = "EBADR",
	[54] = "EXFULL",
	[55] = "ENOANO",
	[56] = "EBADRQC",
	[57] = "EBADSLT",
	/* 58: unused (EDEADLOCK is EDEADLK) */
	[59] = "EBFONT",
	[60] = "ENOSTR",
	[61] = "ENODATA",
	[62] = "ETIME",
	[63] = "ENOSR",
	[64] = "ENONET",
	[65] = "ENOPKG",
	[66] = "EREMOTE",
	[67] = "ENOLINK",
	[68] = "EADV",
	[69] = "ESRMNT",
	[70] = "ECOMM",
	[71] = "EPROTO",
	[72] = "EMULTIHOP",
	[73] = "EDOTDOT",
	[74] = "EBADMSG",
	[75] = "EOVERFLOW",
	[76] = "ENOTUNIQ",
	[77] = "EBADFD",
	[78] = "EREMCHG",
	[79] = "ELIBACC",
	[80] = "ELIBBAD",
	[81] = "ELIBSCN",
	[82] = "ELIBMAX",
	[83] = "ELIBEXEC",
	[84] = "EILSEQ",
	[85] = "ERESTART",
	[86] = "ESTRPIPE",
	[87] = "EUSERS",
	[88] = "ENOTSOCK",
	[89] = "EDESTADDRREQ",
	[90] = "EMSGSIZE",
	[91] = "EPROTOTYPE",
	[92] = "ENOPROTOOPT",
	[93] = "EPROTONOSUPPORT",
	[94] = "ESOCKTNOSUPPORT",
	[95] = "EOPNOTSUPP",		/* also ENOTSUP in libc */
	[96] = "EPFNOSUPPORT",
	[97] = "EAFNOSUPPORT",
	[98] = "EADDRINUSE",
	[99] = "EADDRNOTAVAIL",
	[100] = "ENETDOWN",
	[101] = "ENETUNREACH",
	[102] = "ENETRESET",
	[103] = "ECONNABORTED",
	[104] = "ECONNRESET",
	[105] = "ENOBUFS",
	[106] = "EISCONN",
	[107] = "ENOTCONN",
	[108] = "ESHUTDOWN",
	[109] = "ETOOMANYREFS",
	[110] = "ETIMEDOUT",
	[111] = "ECONNREFUSED",
	[112] = "EHOSTDOWN",
	[113] = "EHOSTUNREACH",
	[114] = "EALREADY",
	[115] = "EINPROGRESS",
	[116] = "ESTALE",
	[117] = "EUCLEAN",
	[118] = "ENOTNAM",
	[119] = "ENAVAIL",
	[120] = "EISNAM",
	[121] = "EREMOTEIO",
	[122] = "EDQUOT",
	[123] = "ENOMEDIUM",
	[124] = "EMEDIUMTYPE",
	[125] = "ECANCELED",
	[126] = "ENOKEY",
	[127] = "EKEYEXPIRED",
	[128] = "EKEYREVOKED",
	[129] = "EKEYREJECTED",
	[130] = "EOWNERDEAD",
	[131] = "ENOTRECOVERABLE",
	[132] = "ERFKILL",
	[133] = "EHWPOISON",
};

/* Kernel-internal codes, never seen by user space (include/linux/errno.h). */
#define KLAT_ERRNO_KERNEL_BASE	512

static const char * const klat_errno_kernel[] = {
	[512 - KLAT_ERRNO_KERNEL_BASE] = "ERESTARTSYS",
	[513 - KLAT_ERRNO_KERNEL_BASE] = "ERESTARTNOINTR",
	[514 - KLAT_ERRNO_KERNEL_BASE] = "ERESTARTNOHAND",
	[515 - KLAT_ERRNO_KERNEL_BASE] = "ENOIOCTLCMD",
	[516 - KLAT_ERRNO_KERNEL_BASE] = "ERESTART_RESTARTBLOCK",
	[517 - KLAT_ERRNO_KERNEL_BASE] = "EPROBE_DEFER",
	[518 - KLAT_ERRNO_KERNEL_BASE] = "EOPENSTALE",
	[519 - KLAT_ERRNO_KERNEL_BASE] = "ENOPARAM",
	/* 520: unused */
	[521 - KLAT_ERRNO_KERNEL_BASE] = "EBADHANDLE",
	[522 - KLAT_ERRNO_KERNEL_BASE] = "ENOTSYNC",
	[523 - KLAT_ERRNO_KERNEL_BASE] = "EBADCOOKIE",
	[524 - KLAT_ERRNO_KERNEL_BASE] = "ENOTSUPP",
	[525 - KLAT_ERRNO_KERNEL_BASE] = "ETOOSMALL",
	[526 - KLAT_ERRNO_KERNEL_BASE] = "ESERVERFAULT",
	[527 - KLAT_ERRNO_KERNEL_BASE] = "EBADTYPE",
	[528 - KLAT_ERRNO_KERNEL_BASE] = "EJUKEBOX",
	[529 - KLAT_ERRNO_KERNEL_BASE] = "EIOCBQUEUED",
	[530 - KLAT_ERRNO_KERNEL_BASE] = "ERECALLCONFLICT",
	[531 - KLAT_ERRNO_KERNEL_BASE] = "ENOGRACE",
};

#ifndef ARRAY_SIZE	/* user space */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

const char *klat_errno_name(int err)
{
	unsigned int k;

	if (err > 0 && (unsigned int)err < ARRAY_SIZE(klat_errno_user))
		return klat_errno_user[err];
	if (err < KLAT_ERRNO_KERNEL_BASE)
		return NULL;
	k = (unsigned int)(err - KLAT_ERRNO_KERNEL_BASE);
	return k < ARRAY_SIZE(klat_errno_kernel) ? klat_errno_kernel[k] : NULL;
}
