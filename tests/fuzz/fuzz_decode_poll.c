// SPDX-License-Identifier: GPL-2.0
/* The decoders of targets/klat_decode_poll.c: see fuzz_decode_area.h. */
#define AREA	klat_poll_decoders
#define AREA_N	klat_poll_ndecoders
#include "fuzz_decode_area.h"
