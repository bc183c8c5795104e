/*
 * sysmix DIR
 *
 * About thirty different system calls, each made once through syscall(2)
 * (so neither libc nor the vDSO changes, adds or hides one), with fixed,
 * known arguments, for the decoded arguments of syscall:NAME targets in the
 * log. DIR must exist and be empty; sysmix makes in it:
 *
 *   mkdirat   (AT_FDCWD, "DIR/d", 0755)                                  0
 *   openat    (AT_FDCWD, "DIR/f", O_RDWR|O_CREAT|O_CLOEXEC, 0640)         F
 *   openat    (AT_FDCWD, "DIR/nosuch", O_RDONLY, 0)                      ENOENT
 *   openat    (AT_FDCWD, "DIR/LLL...L" (LONG bytes of L), O_RDONLY, 0)   ENOENT
 *   openat    (AT_FDCWD, "DIR/" ODD, O_WRONLY|O_CREAT|O_TRUNC, 0600)     G
 *             (ODD: a blank, ',', '=', '"', '\' and the byte 0xe9)
 *   write     (F, "hello, sysmix\n", 14)                                 14
 *   pread64   (F, buf, 5, 7)                                             5
 *   lseek     (F, 2, SEEK_SET)                                           2
 *   fstat     (F, &st)                   (the kernel's newfstat)        0
 *   mmap      (NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)  A
 *   mprotect  (A, 4096, PROT_READ)                                       0
 *   munmap    (A, 8192)                                                  0
 *   socket    (AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP)           S
 *   socket    (AF_UNIX, SOCK_DGRAM, 0)                                   U
 *   setsockopt(S, SOL_SOCKET, SO_REUSEADDR, &one, 4)                     0
 *   clock_gettime  (CLOCK_MONOTONIC, &ts)                                0
 *   clock_nanosleep(CLOCK_MONOTONIC, 0, {0 s, 1000 ns}, NULL)            0
 *   getpid    ()                                                         P
 *   kill      (P, 0)                                                     0
 *   rt_sigprocmask(SIG_BLOCK, {SIGUSR1}, &old, 8)                        0
 *   faccessat (AT_FDCWD, "DIR/f", R_OK)                                  0
 *   access    ("DIR/nosuch", R_OK)                                       ENOENT
 *   unlinkat  (AT_FDCWD, "DIR/d", AT_REMOVEDIR)                          0
 *   pipe2     (fds, O_CLOEXEC|O_NONBLOCK)                                0: R, W
 *   read      (R, buf, 16)                                               EAGAIN
 *   dup3      (F, DUPFD, O_CLOEXEC)                                      DUPFD
 *   fcntl     (R, F_GETFL, 0)                                            O_NONBLOCK
 *   epoll_create1(EPOLL_CLOEXEC)                                         E
 *   epoll_ctl (E, EPOLL_CTL_ADD, R, {EPOLLIN})                           0
 *   epoll_wait(E, evs, 4, 0)                                             0
 *   poll      ({R, POLLIN}, 1, 0)                                        0
 *   futex     (&word, FUTEX_WAKE|FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0)   0
 *   close     (DUPFD)                                                    0
 *
 * and prints, in that order, one line per call:
 *   CALL NAME ret=R [KEY=VALUE...]
 * R as klat's log shows a return value: decimal, or -ERRNO(NAME) for an
 * error; for mmap "ret=addr" (the address is shown hashed: the test compares
 * it with munmap's and mprotect's first argument). The KEY=VALUEs are what
 * a test needs to build the arguments' text and cannot know beforehand:
 * fd=, path= (as given to the kernel, unescaped: only openat's odd name has
 * bytes a shell would mind, and it is fixed here), pid=. Then
 * "sysmix: ok" if every call behaved as listed, else "sysmix: FAILED N"
 * and exit status 1. The output is written after the last call (a static
 * stdio buffer), so sysmix makes no write() of its own before then.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#define PROG "sysmix"
#include "klat_prog.h"

#define LONG	100	/* bytes of the long name: its path is cut at 64 in the log */
#define DUPFD	10
#define ODD	"a b,c=d\"e\\f\xe9"

static char out[16384];
static int failed;

static const struct named_num errnames[] = {
	{ "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EBADF", EBADF }, { "EAGAIN", EAGAIN },
	{ "ENOMEM", ENOMEM }, { "EACCES", EACCES }, { "EFAULT", EFAULT }, { "EEXIST", EEXIST },
	{ "ENOTDIR", ENOTDIR }, { "EINVAL", EINVAL }, { "ENOSYS", ENOSYS },
	{ "ENAMETOOLONG", ENAMETOOLONG },
};

/* "ret=R" for syscall()'s result @r (errno set when it is -1) */
static const char *retstr(long r)
{
	static char s[64];
	size_t i;

	if (r != -1) {
		snprintf(s, sizeof(s), "ret=%ld", r);
		return s;
	}
	for (i = 0; i < N_ITEMS(errnames); i++)
		if (errnames[i].val == errno)
			break;
	snprintf(s, sizeof(s), "ret=-%d(%s)", errno,
		 i < N_ITEMS(errnames) ? errnames[i].name : "?");
	return s;
}

/* @r is what the call should have returned (-E: failed with errno E) */
static void want(const char *name, long r, long expect)
{
	long got = r == -1 ? -errno : r;

	if (got != expect) {
		failed++;
		fprintf(stderr, PROG ": %s returned %ld, expected %ld\n", name, got, expect);
	}
}

/* the paths, descriptors and buffer the calls share */
static char f[256], nosuch[256], lng[256], odd[256], d[256], buf[64];
static int fds[2];
static long fd;

/* mkdirat, openat x4, write, pread64, lseek, fstat */
static void calls_files(void)
{
	long r, g;

	r = syscall(SYS_mkdirat, AT_FDCWD, d, 0755);
	printf("CALL mkdirat %s path=%s\n", retstr(r), d);
	want("mkdirat", r, 0);

	fd = syscall(SYS_openat, AT_FDCWD, f, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	printf("CALL openat %s path=%s\n", retstr(fd), f);
	want("openat", fd >= 0 ? 0 : fd, 0);
	r = syscall(SYS_openat, AT_FDCWD, nosuch, O_RDONLY, 0);
	printf("CALL openat %s path=%s\n", retstr(r), nosuch);
	want("openat nosuch", r, -ENOENT);
	r = syscall(SYS_openat, AT_FDCWD, lng, O_RDONLY, 0);
	printf("CALL openat %s path=%s\n", retstr(r), lng);
	want("openat long", r, -ENOENT);
	g = syscall(SYS_openat, AT_FDCWD, odd, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	printf("CALL openat %s path=odd\n", retstr(g));
	want("openat odd", g >= 0 ? 0 : g, 0);

	r = syscall(SYS_write, fd, "hello, sysmix\n", 14);
	printf("CALL write %s fd=%ld\n", retstr(r), fd);
	want("write", r, 14);
	r = syscall(SYS_pread64, fd, buf, 5, 7);
	printf("CALL pread64 %s fd=%ld\n", retstr(r), fd);
	want("pread64", r, 5);
	r = syscall(SYS_lseek, fd, 2, SEEK_SET);
	printf("CALL lseek %s fd=%ld\n", retstr(r), fd);
	want("lseek", r, 2);
	{
		struct stat st;

		r = syscall(SYS_fstat, fd, &st);
		printf("CALL fstat %s fd=%ld\n", retstr(r), fd);
		want("fstat", r, 0);
	}

}

/* mmap, mprotect, munmap */
static void calls_mm(void)
{
	long r;
	void *a;

	a = (void *)syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("CALL mmap %s\n", a == MAP_FAILED ? retstr(-1) : "ret=addr");
	want("mmap", a == MAP_FAILED ? -1 : 0, 0);
	r = syscall(SYS_mprotect, a, 4096, PROT_READ);
	printf("CALL mprotect %s\n", retstr(r));
	want("mprotect", r, 0);
	r = syscall(SYS_munmap, a, 8192);
	printf("CALL munmap %s\n", retstr(r));
	want("munmap", r, 0);

}

/* socket x2, setsockopt */
static void calls_net(void)
{
	int one = 1;
	long r, s, u;

	s = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	printf("CALL socket %s family=AF_INET\n", retstr(s));
	want("socket inet", s >= 0 ? 0 : s, 0);
	u = syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
	printf("CALL socket %s family=AF_UNIX\n", retstr(u));
	want("socket unix", u >= 0 ? 0 : u, 0);
	r = syscall(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	printf("CALL setsockopt %s fd=%ld\n", retstr(r), s);
	want("setsockopt", r, 0);

}

/* clock_gettime, clock_nanosleep, getpid, kill, rt_sigprocmask */
static void calls_time_sig(void)
{
	struct timespec ts, sl = { 0, 1000 };
	sigset_t set, old;
	long r, pid;

	r = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	printf("CALL clock_gettime %s\n", retstr(r));
	want("clock_gettime", r, 0);
	r = syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &sl, NULL);
	printf("CALL clock_nanosleep %s\n", retstr(r));
	want("clock_nanosleep", r, 0);

	pid = syscall(SYS_getpid);
	printf("CALL getpid %s\n", retstr(pid));
	r = syscall(SYS_kill, pid, 0);
	printf("CALL kill %s pid=%ld\n", retstr(r), pid);
	want("kill", r, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 8);
	printf("CALL rt_sigprocmask %s\n", retstr(r));
	want("rt_sigprocmask", r, 0);

}

/* faccessat, access, unlinkat, pipe2, read, dup3, fcntl */
static void calls_access_pipe(void)
{
	long r;

	r = syscall(SYS_faccessat, AT_FDCWD, f, R_OK);
	printf("CALL faccessat %s path=%s\n", retstr(r), f);
	want("faccessat", r, 0);
	r = syscall(SYS_access, nosuch, R_OK);
	printf("CALL access %s path=%s\n", retstr(r), nosuch);
	want("access", r, -ENOENT);
	r = syscall(SYS_unlinkat, AT_FDCWD, d, AT_REMOVEDIR);
	printf("CALL unlinkat %s path=%s\n", retstr(r), d);
	want("unlinkat", r, 0);

	r = syscall(SYS_pipe2, fds, O_CLOEXEC | O_NONBLOCK);
	printf("CALL pipe2 %s rfd=%d wfd=%d\n", retstr(r), fds[0], fds[1]);
	want("pipe2", r, 0);
	r = syscall(SYS_read, fds[0], buf, 16);
	printf("CALL read %s fd=%d\n", retstr(r), fds[0]);
	want("read", r, -EAGAIN);
	r = syscall(SYS_dup3, fd, DUPFD, O_CLOEXEC);
	printf("CALL dup3 %s fd=%ld newfd=%d\n", retstr(r), fd, DUPFD);
	want("dup3", r, DUPFD);
	r = syscall(SYS_fcntl, fds[0], F_GETFL, 0);
	printf("CALL fcntl %s fd=%d\n", retstr(r), fds[0]);
	want("fcntl", r, O_NONBLOCK);

}

/* epoll_create1, epoll_ctl, epoll_wait, poll, futex, close */
static void calls_poll(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[4];
	unsigned int word = 0;
	struct pollfd pfd;
	long r, e;

	e = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	printf("CALL epoll_create1 %s\n", retstr(e));
	want("epoll_create1", e >= 0 ? 0 : e, 0);
	ev.data.fd = fds[0];
	r = syscall(SYS_epoll_ctl, e, EPOLL_CTL_ADD, fds[0], &ev);
	printf("CALL epoll_ctl %s epfd=%ld fd=%d\n", retstr(r), e, fds[0]);
	want("epoll_ctl", r, 0);
	r = syscall(SYS_epoll_wait, e, evs, 4, 0);
	printf("CALL epoll_wait %s epfd=%ld\n", retstr(r), e);
	want("epoll_wait", r, 0);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	r = syscall(SYS_poll, &pfd, 1, 0);
	printf("CALL poll %s\n", retstr(r));
	want("poll", r, 0);
	r = syscall(SYS_futex, &word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
	printf("CALL futex %s\n", retstr(r));
	want("futex", r, 0);

	r = syscall(SYS_close, DUPFD);
	printf("CALL close %s fd=%d\n", retstr(r), DUPFD);
	want("close", r, 0);

}

int main(int argc, char **argv)
{
	size_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: sysmix DIR\n");
		return 2;
	}
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	snprintf(d, sizeof(d), "%s/d", argv[1]);
	snprintf(f, sizeof(f), "%s/f", argv[1]);
	snprintf(nosuch, sizeof(nosuch), "%s/nosuch", argv[1]);
	snprintf(odd, sizeof(odd), "%s/" ODD, argv[1]);
	n = (size_t)snprintf(lng, sizeof(lng), "%s/", argv[1]);
	memset(lng + n, 'L', LONG);
	lng[n + LONG] = '\0';

	/* in this order: the test reads the events back in it */
	calls_files();
	calls_mm();
	calls_net();
	calls_time_sig();
	calls_access_pipe();
	calls_poll();

	if (failed)
		printf(PROG ": FAILED %d\n", failed);
	else
		printf(PROG ": ok\n");
	return failed ? 1 : 0;
}
