/*
 * percpu PROG [ARGS...]
 *
 * Starts one copy of PROG on every online CPU (child i pinned to the i-th
 * CPU of the affinity mask), waits for all of them and exits 0 only if every
 * copy exited 0.  SIGTERM/SIGINT sent to percpu are forwarded to the
 * children, so `percpu sockloop 0 & ...; kill $!` stops the whole group.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXKIDS 1024

static pid_t kids[MAXKIDS];
static int nkids;

static void forward(int sig)
{
	int i;

	for (i = 0; i < nkids; i++)
		if (kids[i] > 0)
			kill(kids[i], sig);
}

int main(int argc, char **argv)
{
	cpu_set_t all;
	struct sigaction sa;
	int cpu, i, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: percpu PROG [ARGS...]\n");
		return 2;
	}
	if (sched_getaffinity(0, sizeof(all), &all)) {
		perror("percpu: sched_getaffinity");
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	for (cpu = 0; cpu < CPU_SETSIZE && nkids < MAXKIDS; cpu++) {
		cpu_set_t one;
		pid_t pid;

		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		pid = fork();
		if (pid < 0) {
			perror("percpu: fork");
			failed = 1;
			break;
		}
		if (pid == 0) {
			if (sched_setaffinity(0, sizeof(one), &one))
				perror("percpu: sched_setaffinity");
			execvp(argv[1], argv + 1);
			fprintf(stderr, "percpu: exec %s: %s\n", argv[1], strerror(errno));
			_exit(127);
		}
		kids[nkids++] = pid;
	}

	for (i = 0; i < nkids; i++) {
		int st;
		pid_t r;

		do
			r = waitpid(kids[i], &st, 0);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			failed = 1;
			continue;
		}
		kids[i] = 0;
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			failed = 1;
	}
	return failed;
}
