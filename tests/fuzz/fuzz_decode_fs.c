// SPDX-License-Identifier: GPL-2.0
/* The decoders of targets/klat_decode_fs.c: see fuzz_decode_area.h. */
#define AREA	klat_fs_decoders
#define AREA_N	klat_fs_ndecoders
#include "fuzz_decode_area.h"
