// SPDX-License-Identifier: GPL-2.0
/* The decoders of targets/klat_decode_net.c: see fuzz_decode_area.h. */
#define AREA	klat_net_decoders
#define AREA_N	klat_net_ndecoders
#include "fuzz_decode_area.h"
