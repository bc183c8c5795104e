/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl - control and report tool for the klat kernel module.
 *
 * Every unit's header, for main() and the tests.  Everything except main() lives in
 * libklatctl.a so the unit tests can call it directly.  The module's shared pure code
 * (core/, targets/) is compiled into it too; klat_ names only that code, klatctl_ names
 * klatctl's own.
 */
#ifndef KLATCTL_H
#define KLATCTL_H

#include "klatctl_util.h"
#include "klatctl_strv.h"
#include "klatctl_hist.h"
#include "klatctl_parse.h"
#include "klatctl_output.h"
#include "klatctl_top.h"
#include "klatctl_cmd.h"
#include "klatctl_serve.h"

#endif /* KLATCTL_H */
