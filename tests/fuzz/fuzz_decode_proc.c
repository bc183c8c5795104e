// SPDX-License-Identifier: GPL-2.0
/* The decoders of targets/klat_decode_proc.c: see fuzz_decode_area.h. */
#define AREA	klat_proc_decoders
#define AREA_N	klat_proc_ndecoders
#include "fuzz_decode_area.h"
