/*
 * uffdhold FILE GOFILE [SECONDS]
 *
 * Keeps a read(2) of FILE stuck inside the kernel: the read's buffer is a
 * page registered with userfaultfd, so the kernel's copy to it faults and
 * waits. Prints "blocked" once that fault is pending (the reader is then
 * inside FILE's read handler, past its show(), in copy_to_user()), waits until
 * GOFILE exists (at most SECONDS, default 120), resolves the fault and prints
 * "read N" (or "read: <strerror>"). Used to hold a debugfs file "in use", so
 * that a debugfs_remove() of it waits, for as long as a test needs.
 * Exit status 0 when the read was held and then completed, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fd;
static char *page;
static ssize_t got;
static int got_errno;

static void *reader(void *arg)
{
	(void)arg;
	got = read(fd, page, 4096);
	got_errno = errno;
	return NULL;
}

int main(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy cp;
	struct uffd_msg msg;
	struct pollfd pfd;
	static char src[4096];
	pthread_t th;
	int uffd, secs = argc > 3 ? atoi(argv[3]) : 120, i;

	if (argc < 3) {
		fprintf(stderr, "usage: uffdhold FILE GOFILE [SECONDS]\n");
		return 2;
	}
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api)) {
		printf("uffdhold: userfaultfd: %s\n", strerror(errno));
		return 1;
	}
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 1;
	reg.range.start = (unsigned long)page;
	reg.range.len = 4096;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg)) {
		printf("uffdhold: UFFDIO_REGISTER: %s\n", strerror(errno));
		return 1;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		printf("uffdhold: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (pthread_create(&th, NULL, reader, NULL))
		return 1;
	pfd.fd = uffd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 30000) != 1 || read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT) {
		printf("uffdhold: no fault\n");
		return 1;
	}
	printf("blocked\n");
	fflush(stdout);
	for (i = 0; i < secs * 20 && access(argv[2], F_OK); i++)
		usleep(50000);
	memset(src, 'x', sizeof(src));
	cp.dst = (unsigned long)page;
	cp.src = (unsigned long)src;
	cp.len = 4096;
	cp.mode = 0;
	if (ioctl(uffd, UFFDIO_COPY, &cp))
		printf("uffdhold: UFFDIO_COPY: %s\n", strerror(errno));
	pthread_join(th, NULL);
	if (got < 0)
		printf("read: %s\n", strerror(got_errno));
	else
		printf("read %zd\n", got);
	fflush(stdout);
	return got < 0;
}
