/*
 * sleeper NS N
 *
 * Sleeps NS nanoseconds N times with nanosleep(2) (which the kernel
 * implements with hrtimer_nanosleep).  N = 0 loops forever.  Prints
 * "sleeper: sleeps=N min_ns=A max_ns=B total_ns=C" measured with
 * CLOCK_MONOTONIC around each call.  Exit status 1 if a sleep failed.
 */
#include <stdint.h>

#define PROG "sleeper"
#include "klat_prog.h"

int main(int argc, char **argv)
{
	long long ns, n, i;
	int64_t min = INT64_MAX, max = 0, total = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: sleeper NS N\n");
		return 2;
	}
	ns = num(argv[1], "NS");
	n = num(argv[2], "N");

	for (i = 0; n == 0 || i < n; i++) {
		struct timespec req = { ns / 1000000000, ns % 1000000000 };
		int64_t t0 = now_ns(), d;

		if (nanosleep(&req, NULL))
			die("nanosleep");
		d = now_ns() - t0;
		if (d < min)
			min = d;
		if (d > max)
			max = d;
		total += d;
	}
	if (!n || !i)
		min = 0;
	printf("sleeper: sleeps=%lld min_ns=%lld max_ns=%lld total_ns=%lld\n",
	       i, (long long)min, (long long)max, (long long)total);
	return 0;
}
