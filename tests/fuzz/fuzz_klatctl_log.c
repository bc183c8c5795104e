// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl: klatctl_log_parse() (the event log), then the event printer.
 *
 * Input: the log's text (a NUL ends it early).
 *
 * Checks: bad_line inside the text on error and nothing left allocated; every
 * event's strings point into the parser's buffer and its line is one whole line
 * of the input; ret_name is NUL terminated; dropped/capacity come only from the
 * header; printing every event (to /dev/null) runs clean.
 */
#include "fuzz_common.h"
#include "klatctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

/* --wall's time column, from the event's own numbers as offset (any sign, any size) */
static void log_wall(FILE *devnull, const struct klatctl_event *ev)
{
	char when[48];

	klatctl_fmt_wall(ev->ts_ns, (int64_t)(ev->lat_ns ^ ev->pid << 40), when, sizeof(when));
	FUZZ_ASSERT(strlen(when) >= 32 || !strcmp(when, "-"));	/* years past 9999 */
	klatctl_print_event_at(devnull, ev, when);
	klatctl_print_lost(devnull, ev->seq, ev->cpu & 1);
}

static int inside(const struct klatctl_log *log, size_t len, const char *p)
{
	return p >= log->buf && p <= log->buf + 2 * len + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klatctl_log log;
	int bad = -1, rc, lines = 1;
	size_t i, len;
	char *text;

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		FUZZ_ASSERT(devnull);
	}
	text = fuzz_dup_str(data, size);
	len = strlen(text);
	for (i = 0; i < len; i++)
		lines += text[i] == '\n';
	rc = klatctl_log_parse(text, &log, &bad);
	if (rc) {
		FUZZ_ASSERT(rc < 0 && bad >= 1 && bad <= lines);
		FUZZ_ASSERT(!log.buf && !log.ev && !log.n);
		free(text);
		return 0;
	}
	FUZZ_ASSERT(log.n <= (size_t)lines);
	if (log.n)
		klatctl_print_log_header(devnull);
	for (i = 0; i < log.n; i++) {
		const struct klatctl_event *ev = &log.ev[i];
		size_t ll;

		FUZZ_ASSERT(inside(&log, len, ev->line));
		/* the raw copy: a whole line of the input */
		FUZZ_ASSERT(ev->line >= log.buf && ev->line < log.buf + len);
		ll = strlen(ev->line);
		FUZZ_ASSERT(!memcmp(ev->line, text + (ev->line - log.buf), ll));
		FUZZ_ASSERT(ev->line == log.buf || ev->line[-1] == '\0');
		FUZZ_ASSERT(text[ev->line - log.buf + (ptrdiff_t)ll] == '\n' ||
			    text[ev->line - log.buf + (ptrdiff_t)ll] == '\0');
		FUZZ_ASSERT(memchr(ev->ret_name, '\0', sizeof(ev->ret_name)));
		if (*ev->comm)
			FUZZ_ASSERT(inside(&log, len, ev->comm));
		if (*ev->target)
			FUZZ_ASSERT(inside(&log, len, ev->target));
		if (*ev->args)
			FUZZ_ASSERT(inside(&log, len, ev->args));
		klatctl_print_event(devnull, ev);
		klatctl_print_event_json(devnull, ev, i & 1);
		log_wall(devnull, ev);
	}
	klatctl_log_free(&log);
	free(text);
	return 0;
}
