// SPDX-License-Identifier: GPL-2.0
/* The decoders of targets/klat_decode_mm.c: see fuzz_decode_area.h. */
#define AREA	klat_mm_decoders
#define AREA_N	klat_mm_ndecoders
#include "fuzz_decode_area.h"
