// SPDX-License-Identifier: GPL-2.0
/*
 * Decoders of process, signal and time arguments: signal numbers, clock ids,
 * TIMER_ABSTIME, rt_sigprocmask's how, wait options and waitid id types,
 * CLONE_* flags, futex operations, prctl options. Linux x86_64 ABI values
 * (arch/x86/include/uapi/asm/signal.h, include/uapi/linux/time.h,
 * include/uapi/linux/wait.h, include/uapi/linux/sched.h,
 * include/uapi/linux/futex.h, include/uapi/linux/prctl.h). Runs in process
 * context when the log is read (see klat_decode.h).
 */
#include "klat_decode.h"

static const struct klat_name klat_signals[] = {
	{ 1, "SIGHUP" },
	{ 2, "SIGINT" },
	{ 3, "SIGQUIT" },
	{ 4, "SIGILL" },
	{ 5, "SIGTRAP" },
	{ 6, "SIGABRT" },
	{ 7, "SIGBUS" },
	{ 8, "SIGFPE" },
	{ 9, "SIGKILL" },
	{ 10, "SIGUSR1" },
	{ 11, "SIGSEGV" },
	{ 12, "SIGUSR2" },
	{ 13, "SIGPIPE" },
	{ 14, "SIGALRM" },
	{ 15, "SIGTERM" },
	{ 16, "SIGSTKFLT" },
	{ 17, "SIGCHLD" },
	{ 18, "SIGCONT" },
	{ 19, "SIGSTOP" },
	{ 20, "SIGTSTP" },
	{ 21, "SIGTTIN" },
	{ 22, "SIGTTOU" },
	{ 23, "SIGURG" },
	{ 24, "SIGXCPU" },
	{ 25, "SIGXFSZ" },
	{ 26, "SIGVTALRM" },
	{ 27, "SIGPROF" },
	{ 28, "SIGWINCH" },
	{ 29, "SIGIO" },
	{ 30, "SIGPWR" },
	{ 31, "SIGSYS" },
};

#define KLAT_SIGRTMIN	32	/* the kernel's; the C library reserves the first two or three */
#define KLAT_SIGRTMAX	64

/* SIGTERM, SIGRTMIN, SIGRTMIN+5, or signed decimal (0: a check, no signal) */
static void klat_put_signal(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			    const u64 *args)
{
	u32 sig = (u32)v;

	(void)args;

	if (sig >= KLAT_SIGRTMIN && sig <= KLAT_SIGRTMAX) {
		klat_buf_puts(o, "SIGRTMIN");
		if (sig > KLAT_SIGRTMIN) {
			klat_buf_puts(o, "+");
			klat_buf_u64(o, sig - KLAT_SIGRTMIN);
		}
		return;
	}
	klat_put_enum(o, d->tab, d->n, sig);
}

/* negative ids are CPU-time clocks of a process or thread, or fd clocks: decimal */
static const struct klat_name klat_clocks[] = {
	{ 0, "CLOCK_REALTIME" },
	{ 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" },
	{ 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" },
	{ 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" },
	{ 7, "CLOCK_BOOTTIME" },
	{ 8, "CLOCK_REALTIME_ALARM" },
	{ 9, "CLOCK_BOOTTIME_ALARM" },
	{ 11, "CLOCK_TAI" },
};

static const struct klat_name klat_timerflags[] = {
	{ 1, "TIMER_ABSTIME" },
};

static const struct klat_name klat_sighows[] = {
	{ 0, "SIG_BLOCK" },
	{ 1, "SIG_UNBLOCK" },
	{ 2, "SIG_SETMASK" },
};

/* WSTOPPED (waitid) is WUNTRACED's bit */
static const struct klat_name klat_waitopts[] = {
	{ 0x1, "WNOHANG" },
	{ 0x2, "WUNTRACED" },
	{ 0x4, "WEXITED" },
	{ 0x8, "WCONTINUED" },
	{ 0x01000000, "WNOWAIT" },
	{ 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" },
	{ 0x80000000, "__WCLONE" },
};

static const struct klat_name klat_idtypes[] = {
	{ 0, "P_ALL" },
	{ 1, "P_PID" },
	{ 2, "P_PGID" },
	{ 3, "P_PIDFD" },
};

/*
 * CLONE_NEWTIME first: it is in clone's exit signal byte (CSIGNAL), so only
 * unshare and setns (and clone3) take it; clone() decodes from the second entry.
 */
static const struct klat_name klat_clones[] = {
	{ 0x80, "CLONE_NEWTIME" },
	{ 0x100, "CLONE_VM" },
	{ 0x200, "CLONE_FS" },
	{ 0x400, "CLONE_FILES" },
	{ 0x800, "CLONE_SIGHAND" },
	{ 0x1000, "CLONE_PIDFD" },
	{ 0x2000, "CLONE_PTRACE" },
	{ 0x4000, "CLONE_VFORK" },
	{ 0x8000, "CLONE_PARENT" },
	{ 0x10000, "CLONE_THREAD" },
	{ 0x20000, "CLONE_NEWNS" },
	{ 0x40000, "CLONE_SYSVSEM" },
	{ 0x80000, "CLONE_SETTLS" },
	{ 0x100000, "CLONE_PARENT_SETTID" },
	{ 0x200000, "CLONE_CHILD_CLEARTID" },
	{ 0x400000, "CLONE_DETACHED" },
	{ 0x800000, "CLONE_UNTRACED" },
	{ 0x1000000, "CLONE_CHILD_SETTID" },
	{ 0x2000000, "CLONE_NEWCGROUP" },
	{ 0x4000000, "CLONE_NEWUTS" },
	{ 0x8000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
};

#define KLAT_CSIGNAL	0xffULL

/* the CLONE_* flags, then the exit signal of the low byte: CLONE_VM|...|SIGCHLD */
static void klat_put_clone(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			   const u64 *args)
{
	u64 rest = v & ~KLAT_CSIGNAL;
	u32 sig = (u32)(v & KLAT_CSIGNAL);
	const char *name = klat_lookup(klat_signals, ARRAY_SIZE(klat_signals), sig);
	bool sep;

	(void)args;

	sep = klat_put_flag_names(o, false, d->tab + 1, d->n - 1, &rest);
	if (name) {
		if (sep)
			klat_buf_puts(o, "|");
		klat_buf_puts(o, name);
		sep = true;
	} else {
		rest |= sig;	/* 0, or no signal: in hex */
	}
	klat_put_flags_rest(o, sep, rest);
}

static const struct klat_name klat_futexops[] = {
	{ 0, "FUTEX_WAIT" },
	{ 1, "FUTEX_WAKE" },
	{ 2, "FUTEX_FD" },
	{ 3, "FUTEX_REQUEUE" },
	{ 4, "FUTEX_CMP_REQUEUE" },
	{ 5, "FUTEX_WAKE_OP" },
	{ 6, "FUTEX_LOCK_PI" },
	{ 7, "FUTEX_UNLOCK_PI" },
	{ 8, "FUTEX_TRYLOCK_PI" },
	{ 9, "FUTEX_WAIT_BITSET" },
	{ 10, "FUTEX_WAKE_BITSET" },
	{ 11, "FUTEX_WAIT_REQUEUE_PI" },
	{ 12, "FUTEX_CMP_REQUEUE_PI" },
	{ 13, "FUTEX_LOCK_PI2" },
};

static const struct klat_name klat_futexflags[] = {
	{ 128, "FUTEX_PRIVATE_FLAG" },
	{ 256, "FUTEX_CLOCK_REALTIME" },
};

#define KLAT_FUTEX_CMD	0x7fU

/* the command (low 7 bits: name or decimal), then FUTEX_PRIVATE_FLAG|FUTEX_CLOCK_REALTIME */
static void klat_put_futexop(struct klat_buf *o, const struct klat_decoder *d, u64 v,
			     const u64 *args)
{
	u64 rest = (u32)v & ~KLAT_FUTEX_CMD;

	(void)args;

	klat_put_enum(o, d->tab, d->n, (u32)v & KLAT_FUTEX_CMD);
	klat_put_flag_names(o, true, klat_futexflags, ARRAY_SIZE(klat_futexflags), &rest);
	klat_put_flags_rest(o, true, rest);
}

static const struct klat_name klat_prctls[] = {
	{ 1, "PR_SET_PDEATHSIG" },
	{ 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" },
	{ 4, "PR_SET_DUMPABLE" },
	{ 5, "PR_GET_UNALIGN" },
	{ 6, "PR_SET_UNALIGN" },
	{ 7, "PR_GET_KEEPCAPS" },
	{ 8, "PR_SET_KEEPCAPS" },
	{ 9, "PR_GET_FPEMU" },
	{ 10, "PR_SET_FPEMU" },
	{ 11, "PR_GET_FPEXC" },
	{ 12, "PR_SET_FPEXC" },
	{ 13, "PR_GET_TIMING" },
	{ 14, "PR_SET_TIMING" },
	{ 15, "PR_SET_NAME" },
	{ 16, "PR_GET_NAME" },
	{ 19, "PR_GET_ENDIAN" },
	{ 20, "PR_SET_ENDIAN" },
	{ 21, "PR_GET_SECCOMP" },
	{ 22, "PR_SET_SECCOMP" },
	{ 23, "PR_CAPBSET_READ" },
	{ 24, "PR_CAPBSET_DROP" },
	{ 25, "PR_GET_TSC" },
	{ 26, "PR_SET_TSC" },
	{ 27, "PR_GET_SECUREBITS" },
	{ 28, "PR_SET_SECUREBITS" },
	{ 29, "PR_SET_TIMERSLACK" },
	{ 30, "PR_GET_TIMERSLACK" },
	{ 31, "PR_TASK_PERF_EVENTS_DISABLE" },
	{ 32, "PR_TASK_PERF_EVENTS_ENABLE" },
	{ 33, "PR_MCE_KILL" },
	{ 34, "PR_MCE_KILL_GET" },
	{ 35, "PR_SET_MM" },
	{ 36, "PR_SET_CHILD_SUBREAPER" },
	{ 37, "PR_GET_CHILD_SUBREAPER" },
	{ 38, "PR_SET_NO_NEW_PRIVS" },
	{ 39, "PR_GET_NO_NEW_PRIVS" },
	{ 40, "PR_GET_TID_ADDRESS" },
	{ 41, "PR_SET_THP_DISABLE" },
	{ 42, "PR_GET_THP_DISABLE" },
	{ 45, "PR_SET_FP_MODE" },
	{ 46, "PR_GET_FP_MODE" },
	{ 47, "PR_CAP_AMBIENT" },
	{ 52, "PR_GET_SPECULATION_CTRL" },
	{ 53, "PR_SET_SPECULATION_CTRL" },
	{ 55, "PR_SET_TAGGED_ADDR_CTRL" },
	{ 56, "PR_GET_TAGGED_ADDR_CTRL" },
	{ 57, "PR_SET_IO_FLUSHER" },
	{ 58, "PR_GET_IO_FLUSHER" },
	{ 59, "PR_SET_SYSCALL_USER_DISPATCH" },
	{ 62, "PR_SCHED_CORE" },
	{ 65, "PR_SET_MDWE" },
	{ 66, "PR_GET_MDWE" },
	{ 67, "PR_SET_MEMORY_MERGE" },
	{ 68, "PR_GET_MEMORY_MERGE" },
	{ 0x53564d41, "PR_SET_VMA" },
	{ 0x59616d61, "PR_SET_PTRACER" },
};

const struct klat_decoder klat_proc_decoders[] = {
	KLAT_DEC_FN(KLAT_A_SIGNAL, klat_signals, klat_put_signal, "SIG*"),
	KLAT_DEC_ENUM(KLAT_A_CLOCK, klat_clocks, "CLOCK_*"),
	KLAT_DEC_FLAGS(KLAT_A_TIMERFLAGS, klat_timerflags, "TIMER_ABSTIME"),
	KLAT_DEC_ENUM(KLAT_A_SIGHOW, klat_sighows, "SIG_BLOCK..."),
	KLAT_DEC_FLAGS(KLAT_A_WAITOPTS, klat_waitopts, "W*"),
	KLAT_DEC_ENUM(KLAT_A_IDTYPE, klat_idtypes, "P_*"),
	KLAT_DEC_FN(KLAT_A_CLONE, klat_clones, klat_put_clone, "CLONE_*|SIG*"),
	KLAT_DEC_FLAGS(KLAT_A_UNSHARE, klat_clones, "CLONE_*"),
	KLAT_DEC_FN(KLAT_A_FUTEXOP, klat_futexops, klat_put_futexop, "FUTEX_*"),
	KLAT_DEC_ENUM(KLAT_A_PRCTL, klat_prctls, "PR_*"),
};

const size_t klat_proc_ndecoders = ARRAY_SIZE(klat_proc_decoders);
