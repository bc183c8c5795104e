/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_KSYMS_H
#define _KLAT_KSYMS_H

int klat_ksyms_init(void);
void klat_ksyms_exit(void);
void klat_ksyms_refresh(void);
bool klat_ksyms_outdated(void);
int klat_ksyms_check(const char *name);

/* vmlinux data symbols whose addresses klat reads from kallsyms */
enum klat_kaddr {
	KLAT_KADDR_SYS_CALL_TABLE,	/* x86_64's sys_call_table[] */
	KLAT_KADDR_SYSCALLS_METADATA,	/* ftrace's syscalls_metadata (a pointer to an array) */
	KLAT_KADDR_COUNT
};

unsigned long klat_ksyms_addr(enum klat_kaddr which);
bool klat_ksyms_weak(const char *name);
int klat_ksyms_each_prefix(const char *prefix, void (*fn)(const char *name, void *arg),
			   void *arg);

#endif /* _KLAT_KSYMS_H */
