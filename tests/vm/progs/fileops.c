/*
 * fileops N DIR NAME
 *
 * openat(2) and close(2) with known arguments, each made with syscall(2) so
 * the kernel sees exactly these:
 *   N times: fd = openat(AT_FDCWD, "DIR/NAME", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
 *            close(fd)
 *   then:    d = openat(AT_FDCWD, "DIR", O_RDONLY|O_DIRECTORY)
 *            f = openat(d, "NAME", O_RDONLY); close(f); close(d)
 *   then:    openat(AT_FDCWD, "DIR/NAME.nosuch", O_RDONLY)  fails: ENOENT
 *            close(999)                                     fails: EBADF
 * So the process makes N+3 openat and N+3 close calls, two of them failing.
 * Prints "fileops: n=N fd=A dirfd=D fd2=F enoent=1 ebadf=1" (A: the fd the
 * N opens returned, 0/1 for the failures seen).  Exit status 1 if a call
 * did not behave like that.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROG "fileops"
#include "klat_prog.h"

#define BADFD 999

int main(int argc, char **argv)
{
	char path[4096], bad[4200];
	long n, i, fd = -1, d, f;
	int enoent, ebadf;

	if (argc != 4) {
		fprintf(stderr, "usage: fileops N DIR NAME\n");
		return 2;
	}
	n = num(argv[1], "N");
	snprintf(path, sizeof(path), "%s/%s", argv[2], argv[3]);
	snprintf(bad, sizeof(bad), "%s.nosuch", path);

	for (i = 0; i < n; i++) {
		fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			die("openat");
		if (syscall(SYS_close, fd))
			die("close");
	}
	d = syscall(SYS_openat, AT_FDCWD, argv[2], O_RDONLY | O_DIRECTORY, 0);
	if (d < 0)
		die("openat DIR");
	f = syscall(SYS_openat, d, argv[3], O_RDONLY, 0);
	if (f < 0)
		die("openat NAME");
	if (syscall(SYS_close, f) || syscall(SYS_close, d))
		die("close");
	enoent = syscall(SYS_openat, AT_FDCWD, bad, O_RDONLY, 0) < 0 && errno == ENOENT;
	ebadf = syscall(SYS_close, BADFD) < 0 && errno == EBADF;
	printf("fileops: n=%ld fd=%ld dirfd=%ld fd2=%ld enoent=%d ebadf=%d\n", n, fd, d, f, enoent, ebadf);
	return !(enoent && ebadf);
}
