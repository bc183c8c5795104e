/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klat's kernel-version compatibility, all in one place (kernel only; the
 * user/kernel shared types of the pure logic are in klat_compat.h).
 *
 * The kernels klat is built and tested on are the matrix of
 * tests/kernels/run.sh: 5.10 (bullseye), 6.1 (bookworm), 6.12
 * (bookworm-backports), sid and experimental (7.x).  Each shim below says
 * which of them need it.  As in WireGuard's compat layer, a shim tests for the
 * feature (a macro the feature defines) where there is one, and the version
 * only where there is none (written KERNEL_VERSION(...) > LINUX_VERSION_CODE:
 * checkpatch wants the constant on the right).  Include this after the kernel
 * headers the shim is about.
 */
#ifndef _KLAT_KCOMPAT_H
#define _KLAT_KCOMPAT_H

#include <linux/version.h>
#include <linux/fs.h>
#include <linux/kprobes.h>

/*
 * get_kretprobe(): the kretprobe an instance belongs to.  Added in 5.11 when
 * the kretprobe hash went away (commit d741bf41d7c7, "kprobes: Remove
 * kretprobe hash"); before that the instance pointed at it directly (ri->rp).
 * Needed by: 5.10.  A static inline function, not a macro: no feature test.
 */
#if KERNEL_VERSION(5, 11, 0) > LINUX_VERSION_CODE
static inline struct kretprobe *get_kretprobe(struct kretprobe_instance *ri)
{
	return ri->rp;
}
#endif

/*
 * file_open_root(): takes a struct path since 5.12 (commit ffb37ca3bd16,
 * "switch file_open_root() to struct path"); before, the dentry and the mount.
 * Needed by: 5.10.  A function, not a macro: no feature test.  (The macro's
 * own name in its body is not expanded again: it calls the real function.)
 */
#if KERNEL_VERSION(5, 12, 0) > LINUX_VERSION_CODE
#define file_open_root(path, name, flags, mode) \
	file_open_root((path)->dentry, (path)->mnt, (name), (flags), (mode))
#endif

/*
 * Not here: functions that come and go between releases (7.2 has no
 * __sys_getpeername). klat_systab.c learns the running kernel's system calls
 * at load, and a call whose inner function is gone is probed at its
 * __x64_sys_ wrapper.
 */

#endif /* _KLAT_KCOMPAT_H */
