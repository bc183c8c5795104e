/* SPDX-License-Identifier: GPL-2.0 */
/* errno names. Pure logic, shared with the unit tests: no kernel headers. */
#ifndef _KLAT_ERRNO_H
#define _KLAT_ERRNO_H

/* "EAFNOSUPPORT" for 97; NULL for a number with no name. */
const char *klat_errno_name(int err);

#endif /* _KLAT_ERRNO_H */
