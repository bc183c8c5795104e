/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KLAT_KSYMS_H
#define _KLAT_KSYMS_H

int klat_ksyms_init(void);
void klat_ksyms_exit(void);
void klat_ksyms_refresh(void);
bool klat_ksyms_outdated(void);
int klat_ksyms_check(const char *name);

#endif /* _KLAT_KSYMS_H */
