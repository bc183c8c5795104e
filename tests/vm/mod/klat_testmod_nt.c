// SPDX-License-Identifier: GPL-2.0
/*
 * klat_testmod_nt: klat_testmod built again with klat_testmod_fn notrace, so
 * the same name is traceable while klat_testmod is loaded and not while this
 * module is (tests/vm/t/43-recheck.sh).
 */
#define KLAT_TESTMOD_FN_ATTR notrace
#include "klat_testmod.c"
