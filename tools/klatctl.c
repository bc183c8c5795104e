// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl - control the klat kernel module and report its latency statistics.
 *
 * klat registers kretprobes on the kernel functions written to /sys/kernel/debug/klat/targets
 * and reports per-function latency through debugfs (see CONTRACT.md and klatctl(8)).  This is
 * the command line: "klatctl [--root DIR] COMMAND [OPTIONS] [ARGS]", argp for the top level and
 * for each command.
 */
#define _GNU_SOURCE
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klatctl.h"

const char *argp_program_version = "klatctl 0.1";

static struct klatctl_ctx g_ctx = {
	.root = KLATCTL_DEFAULT_ROOT,
	.root_is_default = true,
};

/* positional arguments of the command being parsed */
static char **g_args;
static int g_nargs;

enum { OPT_ROOT = 0x100, OPT_TRACING };

static const struct argp_option common_options[] = {
	{ "root", OPT_ROOT, "DIR", 0,
	  "klat debugfs directory (default /sys/kernel/debug/klat, or $KLAT_ROOT)", 0 },
	{ "tracing", OPT_TRACING, "DIR", 0,
	  "tracefs directory holding available_filter_functions (default /sys/kernel/tracing "
	  "then /sys/kernel/debug/tracing, or $KLAT_TRACING)", 0 },
	{ "verbose", 'v', NULL, 0, "Report each change and each skipped file", 0 },
	{ NULL, 'h', NULL, 0, "Give this help list (as --help)", -1 },
	{ 0 },
};

static error_t common_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_ROOT:
		g_ctx.root = arg;
		g_ctx.root_is_default = false;
		return 0;
	case OPT_TRACING:
		g_ctx.tracing = arg;
		return 0;
	case 'v':
		g_ctx.verbose++;
		return 0;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp common_argp = { common_options, common_parse, NULL, NULL, NULL,
					 NULL, NULL };

static const struct argp_child common_child[] = {
	{ &common_argp, 0, "Common options:", 0 },
	{ 0 },
};

/* strict numbers for options */
static uint64_t opt_uint(struct argp_state *state, const char *opt, const char *arg,
			 uint64_t min, uint64_t max)
{
	uint64_t v = 0;

	if (klatctl_parse_uint(arg, min, max, &v))
		argp_error(state, "invalid %s '%s': expected a whole number from %llu to %llu", opt,
			   arg, (unsigned long long)min, (unsigned long long)max);
	return v;
}

static uint64_t opt_interval(struct argp_state *state, const char *arg)
{
	uint64_t ms = 0;

	if (klatctl_parse_interval_ms(arg, &ms) || ms < 100 || ms > 3600 * 1000)
		argp_error(state, "invalid interval '%s': expected seconds from 0.1 to 3600, "
			   "e.g. 1 or 0.5", arg);
	return ms;
}

/* ---- list ---- */

static bool list_json;

static const struct argp_option json_options[] = {
	{ "json", 'j', NULL, 0, "JSON (see JSON OUTPUT in klatctl(8))", 0 },
	{ 0 },
};

static const char list_doc[] =
	"Show the probed functions: one row per target with its state (active, or gone once "
	"the module holding it was unloaded), kretprobe maxactive, and the system call it was "
	"added as (syscall:NAME), \"-\" for none.\v"
	"Output:\n"
	"  # target                   state    maxactive syscall\n"
	"  __sys_socket               active           0 socket\n"
	"--json: {\"version\": 1, \"targets\": [{\"target\": \"__sys_socket\", \"state\": "
	"\"active\", \"maxactive\": 0, \"syscall\": \"socket\"}, ...]} (syscall null for "
	"none)\n"
	"\nExample:\n"
	"  klatctl list";

static error_t list_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	(void)state;
	if (key == 'j') {
		list_json = true;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int run_list(char **args, int nargs)
{
	(void)args;
	(void)nargs;
	return klatctl_cmd_list(&g_ctx, list_json);
}

/* ---- add ---- */

static struct klatctl_add_opts add_opts = { .max = KLATCTL_DEFAULT_MAX_GLOB };

static const struct argp_option add_options[] = {
	{ "max", 'm', "N", 0, "Refuse a glob matching more than N functions (default 100)", 0 },
	{ "dry-run", 'n', NULL, 0, "Print the functions that would be added, checked against "
	  "the kernel's lists (available_filter_functions, kprobes blacklist, klat's syscalls); "
	  "add nothing; exit 1 if one is not traceable", 0 },
	{ 0 },
};

static error_t add_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'm':
		add_opts.max = opt_uint(state, "--max", arg, 1, 100000);
		return 0;
	case 'n':
		add_opts.dry_run = true;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char add_doc[] =
	"Probe kernel functions.  A SYMBOL is a function name, syscall:NAME for the function "
	"implementing a system call, or a shell glob (*, ?, [...]) matched against the traceable "
	"functions in available_filter_functions, minus those in the kprobes blacklist; "
	"syscall:GLOB matches the names of 'klatctl syscalls'.  --max caps what one glob may "
	"add.  All names go to the kernel in one write.  Adding a function already probed keeps "
	"its statistics.\v"
	"Examples:\n"
	"  klatctl add __sys_socket            # one function\n"
	"  klatctl add syscall:openat          # the function behind openat(2)\n"
	"  klatctl add 'syscall:*sock*'        # every system call with sock in its name\n"
	"  klatctl add --max 400 'syscall:*'   # every system call\n"
	"  klatctl add 'tcp_v4_*' 'udp_sendmsg' # a glob and a function\n"
	"  klatctl add -n 'ext4_*'             # show what the glob matches\n"
	"  klatctl add --max 300 'ext4_*'      # allow a larger glob";

static int run_add(char **args, int nargs)
{
	add_opts.symbols = args;
	add_opts.nsymbols = nargs;
	return klatctl_cmd_add(&g_ctx, &add_opts);
}

/* ---- del ---- */

static struct klatctl_del_opts del_opts;

static const struct argp_option del_options[] = {
	{ "all", 'a', NULL, 0, "Remove every target", 0 },
	{ 0 },
};

static error_t del_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	switch (key) {
	case 'a':
		del_opts.all = true;
		return 0;
	case ARGP_KEY_END:
		if (!g_nargs && !del_opts.all)
			argp_error(state, "missing SYMBOL (or --all)");
		if (g_nargs && del_opts.all)
			argp_error(state, "--all takes no SYMBOL");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char del_doc[] =
	"Stop probing functions; their statistics go with them.  A SYMBOL may be a shell glob, "
	"matched against the current targets; syscall:GLOB matches the system call they were "
	"added as (list's syscall column).\v"
	"Examples:\n"
	"  klatctl del __sys_socket\n"
	"  klatctl del 'tcp_*'\n"
	"  klatctl del 'syscall:*sock*'\n"
	"  klatctl del --all";

static int run_del(char **args, int nargs)
{
	del_opts.symbols = args;
	del_opts.nsymbols = nargs;
	return klatctl_cmd_del(&g_ctx, &del_opts);
}

/* ---- syscalls ---- */

static bool syscalls_json;

static const char syscalls_doc[] =
	"List the system calls of the running kernel, as klat found them (klat/syscalls), or "
	"those whose names the GLOBs match: number, the name syscall:NAME takes, the kernel "
	"function it probes, and the argument names (\"-\": none, \"?\": unknown).\v"
	"Output:\n"
	"  #  nr name   symbol       args\n"
	"      0 read   ksys_read    fd,buf,count\n"
	"--json: {\"version\": 1, \"syscalls\": [{\"nr\": 0, \"name\": \"read\", \"symbol\": "
	"\"ksys_read\", \"args\": [\"fd\", \"buf\", \"count\"]}, ...]} (args null when unknown)\n"
	"\nExamples:\n"
	"  klatctl syscalls\n"
	"  klatctl syscalls 'epoll*'\n"
	"  klatctl add 'syscall:epoll*'";

static error_t syscalls_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	(void)state;
	if (key == 'j') {
		syscalls_json = true;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int run_syscalls(char **args, int nargs)
{
	return klatctl_cmd_syscalls(&g_ctx, args, nargs, syscalls_json);
}

/* ---- stats, hist, errors: -i/-d/-c ---- */

#define WINDOW_OPTIONS									\
	{ "interval", 'i', "SECS", 0, "Every SECS seconds, the figures of those SECS seconds only", \
	  0 },										\
	{ "duration", 'd', "SECS", 0, "One report for the next SECS seconds (with -i: stop then)", \
	  0 },										\
	{ "count", 'c', "N", 0, "With -i, stop after N reports", 0 }

/* -i, -d and -c, for window_end() */
static uint64_t win_interval_ms, win_duration_ms, win_count;

static error_t window_parse(int key, const char *arg, struct argp_state *state)
{
	switch (key) {
	case 'i':
		win_interval_ms = opt_interval(state, arg);
		return 0;
	case 'd':
		win_duration_ms = opt_interval(state, arg);
		return 0;
	case 'c':
		win_count = opt_uint(state, "--count", arg, 1, UINT32_MAX);
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

/* -i/-d/-c into @w; false without -i or -d */
static bool window_end(struct argp_state *state, struct klatctl_window_opts *w)
{
	if (win_count && !win_interval_ms)
		argp_error(state, "-c counts the reports of -i");
	if (!win_interval_ms && !win_duration_ms)
		return false;
	w->interval_ms = win_interval_ms ? win_interval_ms : win_duration_ms;
	w->reports = win_count;
	if (!win_interval_ms)
		w->reports = 1;
	else if (win_duration_ms && (!win_count || win_duration_ms / win_interval_ms < win_count))
		w->reports = win_duration_ms / win_interval_ms ? win_duration_ms / win_interval_ms : 1;
	return true;
}

/* ---- stats ---- */

static struct klatctl_stats_opts stats_opts;

enum { OPT_NS = 0x200 };

static const struct argp_option stats_options[] = {
	{ "json", 'j', NULL, 0, "JSON: one object per target, times in ns (see JSON OUTPUT in "
	  "klatctl(8))", 0 },
	{ "prometheus", 'p', NULL, 0, "Prometheus text exposition format", 0 },
	{ "sort", 's', "COL", 0, "Sort by column COL, largest first: hits, errors, missed, min, "
	  "avg, p50, p90, p99, p999, max or stddev", 0 },
	{ "ns", OPT_NS, NULL, 0, "Times in whole nanoseconds (columns min_ns, avg_ns, ...)", 0 },
	{ "us", 'u', NULL, 0, "Times in whole microseconds, rounded down (min_us, ...)", 0 },
	{ "microseconds", 0, NULL, OPTION_ALIAS, NULL, 0 },
	{ "ms", 'm', NULL, 0, "Times in whole milliseconds, rounded down (min_ms, ...)", 0 },
	{ "milliseconds", 0, NULL, OPTION_ALIAS, NULL, 0 },
	WINDOW_OPTIONS,
	{ 0 },
};

static void stats_unit(struct argp_state *state, enum klatctl_unit unit)
{
	if (stats_opts.unit != KLATCTL_UNIT_AUTO && stats_opts.unit != unit)
		argp_error(state, "--ns, -u and -m exclude each other");
	stats_opts.unit = unit;
}

static error_t stats_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'j':
		stats_opts.json = true;
		return 0;
	case 'p':
		stats_opts.prometheus = true;
		return 0;
	case 's':
		if (klatctl_stats_sort_key(arg, &stats_opts.sort_key))
			argp_error(state, "invalid sort column '%s': expected hits, errors, missed, "
				   "min, avg, p50, p90, p99, p999, max or stddev", arg);
		stats_opts.sort = true;
		return 0;
	case OPT_NS:
		stats_unit(state, KLATCTL_UNIT_NS);
		return 0;
	case 'u':
		stats_unit(state, KLATCTL_UNIT_US);
		return 0;
	case 'm':
		stats_unit(state, KLATCTL_UNIT_MS);
		return 0;
	case 'i':
	case 'd':
	case 'c':
		return window_parse(key, arg, state);
	case ARGP_KEY_END:
		stats_opts.window = window_end(state, &stats_opts.win);
		if (stats_opts.window && stats_opts.prometheus)
			argp_error(state, "-i and -d are not for --prometheus (it has counters)");
		if (stats_opts.json && stats_opts.prometheus)
			argp_error(state, "--json and --prometheus exclude each other");
		if (stats_opts.unit != KLATCTL_UNIT_AUTO && (stats_opts.json || stats_opts.prometheus))
			argp_error(state, "--ns, -u and -m are for the table (JSON and Prometheus "
				   "have their own units)");
		if (stats_opts.sort && stats_opts.prometheus)
			argp_error(state, "--sort is for the table and --json");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char stats_doc[] =
	"Show latency statistics since each target was added (or the last reset), or with -i/-d "
	"of a window, for all targets or those named (names or globs).\v"
	"Table columns: target, hits (calls timed), errors (returns of a negative errno), missed "
	"(calls not timed: no free kretprobe instance), then times: min, avg, p50, p90, p99, "
	"p999, max, stddev, each in ns/us/ms/s with three significant digits, \"-\" when the "
	"target has no hits.  With --ns, -u or -m the times are whole numbers of that unit "
	"(rounded down) under the headers min_ns, avg_ns, ... (or _us, _ms), for sort -n.\n"
	"--sort COL orders the rows by a column, largest first; targets without hits come last "
	"for a time column, ties keep the kernel's order.\n"
	"--json prints {\"version\": 1, \"targets\": [...]}, one object per target with every "
	"column of the kernel's stats file: target, hits, errors, missed, min_ns, avg_ns, p50_ns, "
	"p90_ns, p99_ns, max_ns, p999_ns, stddev_ns (when present); times null without hits.\n"
	"--prometheus prints counters klat_calls_total, klat_errors_total, klat_missed_total and "
	"the histogram klat_latency_seconds, all labelled target=\"SYMBOL\", and "
	"klat_errno_returns_total{target=\"SYMBOL\",errno=\"ENOENT\"}, one series per errno that "
	"occurred, and the gauge klat_target_up{target=\"SYMBOL\"}, 1 active, 0 gone ('klatctl "
	"serve' serves the same over HTTP).\n"
	"-i SECS prints, every SECS seconds, a line \"# HH:MM:SS\" and the figures of those "
	"seconds only (worked out from two reads; nothing is reset): hits, errors and missed "
	"are differences, avg from the sums, percentiles from the histograms' difference; min, "
	"max and stddev are \"-\" (they cannot be had from two reads).  -d SECS: one report "
	"over the next SECS seconds (with -i: stop then); -c N: stop after N reports; Ctrl-C "
	"ends.\n"
	"\nExamples:\n"
	"  klatctl stats\n"
	"  klatctl stats 'tcp_*'\n"
	"  klatctl stats --sort p99 | head -n 6     # the five slowest at p99\n"
	"  klatctl stats --ns | sort -k9 -n         # sort(1) on p99 in ns\n"
	"  klatctl stats -u                         # times in whole microseconds\n"
	"  klatctl stats -i 1 -c 5 'tcp_*'          # 5 one-second windows\n"
	"  klatctl stats -d 10 --sort p99           # next 10 s, slowest first\n"
	"  klatctl stats --prometheus | grep errno  # per-errno counters\n"
	"  klatctl stats --json | jq '.targets[] | select(.p99_ns > 1000000)'\n"
	"  klatctl stats --prometheus > /var/lib/node_exporter/klat.prom";

static int run_stats(char **args, int nargs)
{
	stats_opts.symbols = args;
	stats_opts.nsymbols = nargs;
	return klatctl_cmd_stats(&g_ctx, &stats_opts);
}

/* ---- hist ---- */

static struct klatctl_hist_opts hist_opts;

static const struct argp_option hist_options[] = {
	{ "fine", 'f', NULL, 0, "Print the kernel's log-linear buckets as they are", 0 },
	{ "json", 'j', NULL, 0, "JSON (see JSON OUTPUT in klatctl(8))", 0 },
	WINDOW_OPTIONS,
	{ 0 },
};

static error_t hist_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'f':
		hist_opts.fine = true;
		return 0;
	case 'j':
		hist_opts.json = true;
		return 0;
	case ARGP_KEY_END:
		hist_opts.window = window_end(state, &hist_opts.win);
		return 0;
	}
	return window_parse(key, arg, state);
}

static const char hist_doc[] =
	"Print the latency distribution of each target named (names, or globs matched against "
	"the targets) as a power-of-two histogram, like funclatency: rows \"low -> high : count "
	"|****|\" in nanoseconds, then a line with the mean, the total and the count.  With -i "
	"SECS, every SECS seconds a line \"# HH:MM:SS\" and the histograms of those seconds only "
	"(the difference of two reads; nothing is reset); -d SECS: one report, of the next SECS "
	"seconds (with -i: stop then); -c N: stop after N reports; Ctrl-C ends.\v"
	"Example:\n"
	"  # klatctl hist __sys_socket\n"
	"  __sys_socket: 120 calls\n"
	"       nsecs               : count    distribution\n"
	"           0 -> 1          : 0        |                                        |\n"
	"  ...\n"
	"        1024 -> 2047       : 87       |****************************************|\n"
	"        2048 -> 4095       : 30       |*************                           |\n"
	"\n"
	"  avg = 1811 nsecs, total: 217326 nsecs, count: 120\n"
	"\n"
	"  klatctl hist 'tcp_v4_*'            # every target the glob matches\n"
	"  klatctl hist --json __sys_socket   # {\"version\": 1, \"histograms\": [{\"target\": ...,\n"
	"                                     #  \"count\", \"sum_ns\", \"avg_ns\", \"buckets\": [{\"low_ns\",\n"
	"                                     #  \"high_ns\", \"count\"}, ...]}]}\n"
	"  klatctl hist --fine __sys_socket   # the kernel's finer buckets\n"
	"  klatctl hist -i 1 -c 10 vfs_read   # 10 windows of 1 s\n"
	"  klatctl hist -d 5 'tcp_*'          # the next five seconds only";

static int run_hist(char **args, int nargs)
{
	hist_opts.symbols = args;
	hist_opts.nsymbols = nargs;
	return klatctl_cmd_hist(&g_ctx, &hist_opts);
}

/* ---- log ---- */

static struct klatctl_log_opts log_opts = { .interval_ms = 1000 };

enum { OPT_WALL = 0x300 };

static const struct argp_option log_options[] = {
	{ "follow", 'f', NULL, 0, "Keep polling and print new events as they come", 0 },
	{ "interval", 'd', "SECS", 0, "With -f, poll every SECS seconds (default 1)", 0 },
	{ "count", 'c', "N", 0, "With -f, stop after N polls", 0 },
	{ "raw", 'r', NULL, 0, "Print the kernel's lines unchanged", 0 },
	{ "json", 'j', NULL, 0, "JSON (see JSON OUTPUT in klatctl(8)); with -f one object a line",
	  0 },
	{ "wall", OPT_WALL, NULL, 0, "Local wall-clock time (ISO 8601) instead of time_s", 0 },
	{ 0 },
};

static error_t log_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'f':
		log_opts.follow = true;
		return 0;
	case 'd':
		log_opts.interval_ms = opt_interval(state, arg);
		return 0;
	case 'c':
		log_opts.polls = opt_uint(state, "--count", arg, 1, UINT32_MAX);
		return 0;
	case 'r':
		log_opts.raw = true;
		return 0;
	case 'j':
		log_opts.json = true;
		return 0;
	case OPT_WALL:
		log_opts.wall = true;
		return 0;
	case ARGP_KEY_END:
		if (log_opts.raw && log_opts.json)
			argp_error(state, "--raw and --json exclude each other");
		if (log_opts.wall && (log_opts.raw || log_opts.json))
			argp_error(state, "--wall is for the table: not with --raw or --json");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char log_doc[] =
	"Print the event log (calls selected by the filter, oldest first), of every target or of "
	"the SYMBOLs (names or globs; a removed target's events stay in the log).  With -f, keep "
	"polling and print only events with a sequence number above the last one read; a gap in "
	"sequence numbers (events of any target overwritten before they were read) is reported "
	"where it is as a line '# LOST N events' ({\"version\": 1, \"lost\": N} with --json).\v"
	"Columns: seq, time_s (CLOCK_MONOTONIC at entry, seconds; with --wall: time, local "
	"wall-clock time, see klatctl(8) for its precision), cpu, pid, tgid, comm, target, "
	"ret (signed; -97 is -EAFNOSUPPORT), lat (latency), args.\n"
	"\nExamples:\n"
	"  klatctl log\n"
	"  klatctl log 'tcp_*' do_sys_openat2\n"
	"  klatctl log --wall      # time: 2026-11-29T21:05:12.123456+01:00\n"
	"  klatctl log -f -d 0.5   # LOST lines for gaps\n"
	"  klatctl log --json      # {\"version\": 1, \"capacity\", \"dropped\", \"events\": [...]}\n"
	"  klatctl log -f --json   # one {\"version\": 1, \"seq\": ...} object a line\n"
	"  klatctl filter log_errors=1 && klatctl log -f";

static int run_log(char **args, int nargs)
{
	log_opts.symbols = args;
	log_opts.nsymbols = nargs;
	return klatctl_cmd_log(&g_ctx, &log_opts);
}

/* ---- filter ---- */

static struct klatctl_filter_opts filter_opts;

static const struct argp_option filter_options[] = {
	{ "target", 't', "SYMBOL", 0, "The filter of one target, probes/SYMBOL/filter", 0 },
	{ 0 },
};

static error_t filter_parse(int key, char *arg, struct argp_state *state)
{
	(void)state;
	switch (key) {
	case 't':
		filter_opts.target = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char filter_doc[] =
	"Without TERMs, print the filter.  With TERMs, write them (joined by spaces) as the new "
	"filter, the global one or with -t one target's; a call must pass both.  pid=, tgid= "
	"and comm= decide which calls are timed at all: a call that does not match is counted "
	"nowhere (not in stats, hist, errors or the log).  log_min_ns= and log_errors= only "
	"decide which timed calls are logged; the statistics count them either way.\v"
	"Terms (each key once; commas separate alternatives, up to 8; all keys must hold):\n"
	"  pid=PID[,PID...]      only calls by these threads (kernel pid)\n"
	"  tgid=TGID[,TGID...]   only calls by these processes\n"
	"  comm=NAME[,NAME...]   only calls by tasks with exactly this comm\n"
	"  log_min_ns=NS         log only calls of at least NS nanoseconds\n"
	"  log_errors=0|1        1: log only failing calls (-4095..-1)\n"
	"  clear                 forget the terms before it; alone: no filter\n"
	"\nExamples:\n"
	"  klatctl filter\n"
	"  klatctl filter tgid=$(pidof nginx | tr ' ' ,)   # time only nginx's calls\n"
	"  klatctl filter pid=1,2 comm=foo log_min_ns=1000 log_errors=1\n"
	"  klatctl filter clear\n"
	"  klatctl filter -t __sys_socket log_min_ns=50000";

static int run_filter(char **args, int nargs)
{
	filter_opts.terms = args;
	filter_opts.nterms = nargs;
	return klatctl_cmd_filter(&g_ctx, &filter_opts);
}

/* ---- reset ---- */

static const char reset_doc[] =
	"Without SYMBOLs, zero the statistics of every target and empty the log (sequence "
	"numbers go on).  With SYMBOLs (names, syscall:NAME, or globs matched against the "
	"current targets; syscall:GLOB against the system call they were added as), zero only "
	"those targets' statistics and keep the log.  The names go to the kernel in one write: "
	"if one is not a target, none is reset, and the kernel's error_log entry is shown.\v"
	"Examples:\n"
	"  klatctl reset\n"
	"  klatctl reset __sys_socket\n"
	"  klatctl reset 'tcp_v4_*' syscall:openat";

static int run_reset(char **args, int nargs)
{
	return klatctl_cmd_reset(&g_ctx, args, nargs);
}

/* ---- errors ---- */

static const char errors_doc[] =
	"Show which errors the targets returned, from probes/SYMBOL/errors, for all targets or "
	"those named (names or globs).  With -i SECS, every SECS seconds a line \"# HH:MM:SS\" "
	"and the errnos returned in those seconds only, with their counts there (the difference "
	"of two reads; nothing is reset); -d SECS: one report, of the next SECS seconds (with "
	"-i: stop then); -c N: stop after N reports; Ctrl-C ends.\v"
	"Output:\n"
	"  # target        errno name                  count\n"
	"  __sys_socket       97 EAFNOSUPPORT              3\n"
	"--json: {\"version\": 1, \"errors\": [{\"target\": \"__sys_socket\", \"errno\": 97, "
	"\"name\": \"EAFNOSUPPORT\", \"count\": 3}, ...]}\n"
	"\nExamples:\n"
	"  klatctl errors 'tcp_*'\n"
	"  klatctl errors -i 5 do_sys_openat2   # which errnos, every 5 seconds";

static bool errors_json, errors_window;
static struct klatctl_window_opts errors_win;

static const struct argp_option errors_options[] = {
	{ "json", 'j', NULL, 0, "JSON (see JSON OUTPUT in klatctl(8))", 0 },
	WINDOW_OPTIONS,
	{ 0 },
};

static error_t errors_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'j':
		errors_json = true;
		return 0;
	case ARGP_KEY_END:
		errors_window = window_end(state, &errors_win);
		return 0;
	}
	return window_parse(key, arg, state);
}

static int run_errors(char **args, int nargs)
{
	if (errors_window)
		return klatctl_errors_window(&g_ctx, args, nargs, errors_json, &errors_win,
					     &klatctl_top_live);
	return klatctl_cmd_errors(&g_ctx, args, nargs, errors_json);
}

/* ---- procs ---- */

static struct klatctl_procs_opts procs_opts;

enum { OPT_PROCS_ON = 0x400, OPT_PROCS_OFF };

static const struct argp_option procs_options[] = {
	{ "rows", 'n', "N", 0, "The N heaviest processes of each target (default all)", 0 },
	{ "json", 'j', NULL, 0, "JSON (see JSON OUTPUT in klatctl(8))", 0 },
	{ "ns", OPT_NS, NULL, 0, "Times in whole nanoseconds (total_ns, max_ns, ...)", 0 },
	{ "us", 'u', NULL, 0, "Times in whole microseconds, rounded down", 0 },
	{ "ms", 'm', NULL, 0, "Times in whole milliseconds, rounded down", 0 },
	{ "on", OPT_PROCS_ON, NULL, 0, "Switch the per-process figures of the SYMBOLs on", 0 },
	{ "off", OPT_PROCS_OFF, NULL, 0, "Switch them off (the kernel forgets them)", 0 },
	{ 0 },
};

static void procs_unit(struct argp_state *state, enum klatctl_unit unit)
{
	if (procs_opts.unit != KLATCTL_UNIT_AUTO && procs_opts.unit != unit)
		argp_error(state, "--ns, -u and -m exclude each other");
	procs_opts.unit = unit;
}

/* checks of procs' options together */
static void procs_end(struct argp_state *state)
{
	if (procs_opts.set && !g_nargs)
		argp_error(state, "--on and --off need a SYMBOL");
	if (procs_opts.set && (procs_opts.json || procs_opts.max_rows ||
			       procs_opts.unit != KLATCTL_UNIT_AUTO))
		argp_error(state, "--on and --off print nothing: not with -n, --json or a unit");
	if (procs_opts.json && procs_opts.unit != KLATCTL_UNIT_AUTO)
		argp_error(state, "--ns, -u and -m are for the table (JSON has ns)");
}

static error_t procs_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'n':
		procs_opts.max_rows = opt_uint(state, "-n", arg, 1, UINT32_MAX);
		return 0;
	case 'j':
		procs_opts.json = true;
		return 0;
	case OPT_NS:
		procs_unit(state, KLATCTL_UNIT_NS);
		return 0;
	case 'u':
		procs_unit(state, KLATCTL_UNIT_US);
		return 0;
	case 'm':
		procs_unit(state, KLATCTL_UNIT_MS);
		return 0;
	case OPT_PROCS_ON:
	case OPT_PROCS_OFF:
		if (procs_opts.set)
			argp_error(state, "--on and --off exclude each other");
		procs_opts.set = key == OPT_PROCS_ON ? 1 : -1;
		return 0;
	case ARGP_KEY_END:
		procs_end(state);
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char procs_doc[] =
	"Show which processes (by tgid) called each target, all or those named (names or globs), "
	"from probes/SYMBOL/procs: a row per process with its calls, errors, total, max and "
	"average time and over, the most by which total may be too high (the process took the "
	"table slot of a lighter one).  The kernel keeps a few processes per CPU, the heaviest by "
	"total time; rows come heaviest first.  Targets whose table is off show no row.\v"
	"Output:\n"
	"  # target        tgid comm       calls errors  total    max    avg   over\n"
	"  __sys_socket    1234 nginx       5000      3 12.3ms  100us 2.47us    0ns\n"
	"--json: {\"version\": 1, \"procs\": [{\"target\": \"__sys_socket\", \"tgid\": 1234, "
	"\"comm\": \"nginx\", \"calls\": 5000, \"errors\": 3, \"total_ns\": 12345678, "
	"\"max_ns\": 99999, \"avg_ns\": 2469, \"over_ns\": 0}, ...]}\n"
	"--on/--off switch the tables of the SYMBOLs (the module parameter procs switches all).\n"
	"\nExamples:\n"
	"  klatctl procs\n"
	"  klatctl procs -n 3 'tcp_*'          # the three heaviest of each\n"
	"  klatctl procs --json __sys_socket\n"
	"  klatctl procs --off do_sys_openat2\n"
	"  klatctl top -P                     # processes per second";

static int run_procs(char **args, int nargs)
{
	procs_opts.symbols = args;
	procs_opts.nsymbols = nargs;
	return klatctl_cmd_procs(&g_ctx, &procs_opts);
}

/* ---- top ---- */

static struct klatctl_top_opts top_opts = { .interval_ms = 1000, .sort = TOP_SORT_CALLS };

static const struct argp_option top_options[] = {
	{ "delay", 'd', "SECS", 0, "Refresh every SECS seconds (default 1)", 0 },
	{ "sort", 's', "KEY", 0, "Sort by calls, p99, max or errors (default calls)", 0 },
	{ "batch", 'b', NULL, 0, "Print frames to stdout, no terminal needed", 0 },
	{ "iterations", 'n', "N", 0, "Stop after N frames", 0 },
	{ "json", 'j', NULL, 0, "One JSON object a frame, a line each, no terminal (see JSON "
	  "OUTPUT in klatctl(8))", 0 },
	{ "procs", 'P', NULL, 0, "A row per process of each target (probes/SYMBOL/procs): "
	  "calls/s, time/s and max, by time/s", 0 },
	{ 0 },
};

static bool top_sort_given;

static error_t top_parse(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'd':
		top_opts.interval_ms = opt_interval(state, arg);
		return 0;
	case 's':
		if (klatctl_top_parse_sort(arg, &top_opts.sort))
			argp_error(state, "invalid sort key '%s': expected calls, p99, max or "
				   "errors", arg);
		top_sort_given = true;
		return 0;
	case 'P':
		top_opts.procs = true;
		return 0;
	case ARGP_KEY_END:
		if (top_opts.procs && top_sort_given)
			argp_error(state, "-P sorts by time/s: not with --sort");
		return 0;
	case 'b':
		top_opts.batch = true;
		return 0;
	case 'n':
		top_opts.frames = opt_uint(state, "-n", arg, 1, UINT32_MAX);
		return 0;
	case 'j':
		top_opts.json = true;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char top_doc[] =
	"Live view of the targets: one row each with calls/s, errors/s, p50, p99 and max over the "
	"last interval.  Keys: q quits; c, p, m, e sort by calls, p99, max, errors; s cycles.  "
	"Without a terminal (or with -b) frames go to stdout one after the other; with --json "
	"each frame is one JSON object on a line of its own.\v"
	"Percentiles and max come from the growth of the kernel histogram between two reads: "
	"percentiles are bucket midpoints, as in the kernel's stats file (within about 3%), max "
	"the high end of the highest bucket; \"-\" means no call in the interval.\n"
	"\nExamples:\n"
	"  klatctl top\n"
	"  klatctl top -d 5 -s p99\n"
	"  klatctl top -b -n 3 > top.txt\n"
	"  klatctl top --json -d 5 -n 12   # {\"version\": 1, \"time\": ..., \"targets\": [...]}\n"
	"  klatctl top -P                  # processes: calls/s, time/s (time in the target per "
	"second), max\n"
	"  klatctl top -P --json           # {\"version\": 1, ..., \"procs\": [{\"target\", \"tgid\", "
	"\"comm\", \"calls_s\", \"time_ns_s\", \"calls\", \"total_ns\", \"max_ns\"}, ...]}";

static int run_top(char **args, int nargs)
{
	int ret;

	(void)args;
	(void)nargs;
	ret = klatctl_check_root(&g_ctx);
	if (ret)
		return ret;
	if (top_opts.json ||
	    (!top_opts.batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))))
		top_opts.batch = true;
	return klatctl_top_run(&g_ctx, &top_opts, &klatctl_top_live);
}

/* ---- serve ---- */

static struct klatctl_serve_opts serve_opts;

static const struct argp_option serve_options[] = {
	{ "listen", 'l', "ADDR:PORT", 0, "Listen there (default " KLATCTL_SERVE_DEFAULT_LISTEN
	  "): 127.0.0.1:9717, 0.0.0.0:9717, [::1]:9717, [::]:9717, or :9717 for every address; "
	  "port 0 picks a free one", 0 },
	{ 0 },
};

static error_t serve_parse(int key, char *arg, struct argp_state *state)
{
	struct klatctl_serve_addr a;
	const char *why;

	if (key != 'l')
		return ARGP_ERR_UNKNOWN;
	if (klatctl_serve_parse_listen(arg, &a, &why))
		argp_error(state, "invalid --listen '%s': %s", arg, why);
	serve_opts.listen = arg;
	return 0;
}

static const char serve_doc[] =
	"Serve the Prometheus exposition of 'stats --prometheus' over HTTP until SIGINT or "
	"SIGTERM.  GET /metrics: the exposition (text/plain; version=0.0.4) and the gauge "
	"klat_scrape_error, 1 (with status 200 and no other family) when klat's files cannot be "
	"read, as when klat is not loaded; GET /: a page linking /metrics; other paths 404, "
	"methods other than GET and HEAD 405.  At most 16 connections at once, idle ones closed "
	"after 10 s.\v"
	"Examples:\n"
	"  klatctl serve                            # http://127.0.0.1:9717/metrics\n"
	"  klatctl serve --listen :9717             # every address (IPv6 and IPv4)\n"
	"  klatctl serve --listen [::1]:9717\n"
	"  curl -s localhost:9717/metrics | promtool check metrics";

static int run_serve(char **args, int nargs)
{
	(void)args;
	(void)nargs;
	return klatctl_cmd_serve(&g_ctx, &serve_opts);
}

/* ---- top level ---- */

/* A command: its options, positional arguments and help, and what runs it. */
struct command {
	const char *name;
	const struct argp_option *options;	/* NULL: none but the common ones */
	argp_parser_t parse;			/* its options (and checks at ARGP_KEY_END) */
	const char *args_doc;			/* NULL: takes no arguments */
	const char *missing;			/* error without arguments; NULL: optional */
	const char *doc;
	int (*run)(char **args, int nargs);
};

static const struct command commands[] = {
	{ "list", json_options, list_parse, NULL, NULL, list_doc, run_list },
	{ "add", add_options, add_parse, "SYMBOL...", "missing SYMBOL", add_doc, run_add },
	{ "del", del_options, del_parse, "[SYMBOL...]", NULL, del_doc, run_del },
	{ "syscalls", json_options, syscalls_parse, "[GLOB...]", NULL, syscalls_doc,
	  run_syscalls },
	{ "stats", stats_options, stats_parse, "[SYMBOL...]", NULL, stats_doc, run_stats },
	{ "hist", hist_options, hist_parse, "SYMBOL...", "missing SYMBOL", hist_doc, run_hist },
	{ "log", log_options, log_parse, "[SYMBOL...]", NULL, log_doc, run_log },
	{ "filter", filter_options, filter_parse, "[TERM...]", NULL, filter_doc, run_filter },
	{ "reset", NULL, NULL, "[SYMBOL...]", NULL, reset_doc, run_reset },
	{ "top", top_options, top_parse, NULL, NULL, top_doc, run_top },
	{ "errors", errors_options, errors_parse, "[SYMBOL...]", NULL, errors_doc, run_errors },
	{ "serve", serve_options, serve_parse, NULL, NULL, serve_doc, run_serve },
	{ "procs", procs_options, procs_parse, "[SYMBOL...]", NULL, procs_doc, run_procs },
};

/* Every command's parser: positional arguments into g_args, the rest to the command's own. */
static error_t command_parse(int key, char *arg, struct argp_state *state)
{
	const struct command *cmd = state->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (!cmd->args_doc)
			argp_error(state, "this command takes no arguments");
		g_args[g_nargs++] = arg;
		return 0;
	case ARGP_KEY_END:
		if (cmd->missing && !g_nargs)
			argp_error(state, "%s", cmd->missing);
		break;
	}
	return cmd->parse ? cmd->parse(key, arg, state) : ARGP_ERR_UNKNOWN;
}

static int g_cmd_index;

static error_t main_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	switch (key) {
	case ARGP_KEY_ARG:
		/* the command: stop here, the rest belongs to it */
		g_cmd_index = state->next - 1;
		state->next = state->argc;
		return 0;
	case ARGP_KEY_END:
		if (!g_cmd_index)
			argp_error(state, "missing COMMAND");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const char main_doc[] =
	"klatctl -- control klat, the kernel function latency tracer, and report its "
	"statistics.\v"
	"Commands:\n"
	"  list                 show the probed functions\n"
	"  add SYMBOL...        probe functions (names, syscall:NAME, globs)\n"
	"  del SYMBOL...|--all  stop probing functions\n"
	"  syscalls [GLOB...]   the kernel's system calls (for syscall:NAME)\n"
	"  stats [SYMBOL...]    latency statistics (table, --json, --prometheus)\n"
	"  hist SYMBOL...       latency histograms (log2, or --fine; names or globs)\n"
	"  log [-f] [SYMBOL...] the event log\n"
	"  filter [TERM...]     show or set the filter (which calls are timed, logged)\n"
	"  errors [SYMBOL...]   errors returned, by errno\n"
	"  procs [SYMBOL...]    which processes called the targets, heaviest first\n"
	"  reset [SYMBOL...]    zero all statistics and the log, or some targets' statistics\n"
	"  top                  live per-target view\n"
	"  serve                Prometheus /metrics over HTTP\n"	"  help [COMMAND]       this help, or COMMAND's (as COMMAND --help)\n"
	"\nExamples:\n"
	"  klatctl add __sys_socket 'tcp_v4_*'\n"
	"  klatctl stats\n"
	"  klatctl hist __sys_socket\n"
	"  klatctl top -s p99\n"
	"  klatctl --root ./fixture/klat stats --json\n"
	"  . tools/klatctl.bash-completion   # bash completion (make install puts it in\n"
	"                                    # share/bash-completion/completions)\n"
	"\nRun 'klatctl help COMMAND' (or 'klatctl COMMAND --help', -h) for the options and "
	"examples of a command.  See "
	"klatctl(8).\n"
	"Exit status: 0 success, 1 failure, 2 usage error, 3 klat is not at --root.";

static const struct argp main_argp = { NULL, main_parse, "COMMAND [ARG...]", main_doc,
				       common_child, NULL, NULL };

static int find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return (int)i;
	return -1;
}

/* "unknown command 'stat'; did you mean 'stats'? see 'klatctl --help'": a usage error */
static int unknown_command(const char *name)
{
	const char *names[ARRAY_SIZE(commands) + 1];
	const char *best;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		names[i] = commands[i].name;
	names[i] = "help";
	best = klatctl_closest(name, names, ARRAY_SIZE(names));
	if (best)
		klatctl_err(&g_ctx, "unknown command '%s'; did you mean '%s'? see 'klatctl --help'",
			    name, best);
	else
		klatctl_err(&g_ctx, "unknown command '%s'; see 'klatctl --help'", name);
	return KLATCTL_EXIT_USAGE;
}

/* Parse the command line of commands[@i], its name at @argv[0], and run it. */
static int run_command(int i, int argc, char **argv)
{
	struct argp argp = { .parser = command_parse, .children = common_child };
	char name[64];
	char **sub_argv;
	int ret;

	sub_argv = calloc((size_t)argc + 1, sizeof(*sub_argv));
	g_args = calloc((size_t)argc + 1, sizeof(*g_args));
	if (!sub_argv || !g_args) {
		klatctl_err(&g_ctx, "out of memory");
		return KLATCTL_EXIT_FAIL;
	}
	snprintf(name, sizeof(name), "klatctl %s", commands[i].name);
	sub_argv[0] = name;
	memcpy(sub_argv + 1, argv + 1, (size_t)(argc - 1) * sizeof(*argv));
	argp.options = commands[i].options;
	argp.args_doc = commands[i].args_doc;
	argp.doc = commands[i].doc;
	argp_parse(&argp, argc, sub_argv, 0, NULL, (void *)&commands[i]);

	ret = commands[i].run(g_args, g_nargs);
	free(g_args);
	free(sub_argv);
	return ret;
}

/* "klatctl help [COMMAND]": the help of klatctl or of COMMAND, as --help prints it */
static int run_help(int argc, char **argv)
{
	char help[] = "--help";
	char *help_argv[] = { argv[argc > 1 ? 1 : 0], help, NULL };
	int i;

	if (argc > 2) {
		klatctl_err(&g_ctx, "help takes one COMMAND; see 'klatctl --help'");
		return KLATCTL_EXIT_USAGE;
	}
	if (argc < 2) {
		char prog[] = "klatctl", help_opt[] = "--help";
		char *main_argv[] = { prog, help_opt, NULL };

		argp_parse(&main_argp, 2, main_argv, ARGP_IN_ORDER, NULL, NULL);
		return KLATCTL_EXIT_OK;	/* not reached: --help exits */
	}
	i = find_command(argv[1]);
	if (i < 0)
		return unknown_command(argv[1]);
	return run_command(i, 2, help_argv);
}

int main(int argc, char **argv)
{
	const char *env;
	int i;

	argp_err_exit_status = KLATCTL_EXIT_USAGE;
	g_ctx.out = stdout;
	g_ctx.err = stderr;
	env = getenv("KLAT_ROOT");
	if (env && *env) {
		g_ctx.root = env;
		g_ctx.root_is_default = false;
	}
	env = getenv("KLAT_TRACING");
	if (env && *env)
		g_ctx.tracing = env;

	argp_parse(&main_argp, argc, argv, ARGP_IN_ORDER, NULL, NULL);

	if (!strcmp(argv[g_cmd_index], "help"))
		return run_help(argc - g_cmd_index, argv + g_cmd_index);
	i = find_command(argv[g_cmd_index]);
	if (i < 0)
		return unknown_command(argv[g_cmd_index]);
	return run_command(i, argc - g_cmd_index, argv + g_cmd_index);
}
