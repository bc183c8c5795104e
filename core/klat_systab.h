/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_SYSTAB_H
#define _KLAT_SYSTAB_H

#include <linux/types.h>
#include "klat_syscalls.h"

/* the most functions one system call is tried at: its inner ones, then its wrapper */
#define KLAT_SYSTAB_CANDS	4

int klat_systab_init(void);
void klat_systab_exit(void);
unsigned int klat_systab_count(void);
const struct klat_sysent *klat_systab_get(unsigned int i);
const struct klat_sysent *klat_systab_find(const char *name, size_t len);
int klat_systab_candidates(const struct klat_sysent *se, const char **syms);
const char *klat_systab_wrapper(const struct klat_sysent *se);
const struct klat_sysent *klat_systab_by_symbol(const char *sym, bool *wrapper);
bool klat_systab_from_table(void);

#endif /* _KLAT_SYSTAB_H */
