#!/bin/bash
# klat on a debug kernel: the whole VM suite (tests/vm/t/*.sh) and then the
# kmemleak check (tests/debug-kernel/t/*.sh) under a kernel built with KASAN,
# KMEMLEAK, PROVE_LOCKING, DEBUG_ATOMIC_SLEEP, DEBUG_OBJECTS, DEBUG_LIST and
# UBSAN (see debug.config).  Any report of theirs fails the run: every VM test
# file checks the kernel log for BUG:/WARNING:/Call Trace/KASAN/UBSAN, the
# runner checks the whole boot's log at the end, and 99-kmemleak fails on a
# kmemleak report that belongs to klat.
#
# usage: tests/debug-kernel/run.sh [--keep] [TEST...]
#
#   TEST...  instead of all: paths of test files, or names/prefixes of
#            tests/vm/t files (as tests/vm/run.sh takes them)
#   --keep   keep the temp dir (source copy, module build log) and the VM logs
#
# Steps: build.sh (builds the kernel once, ~30 min with -j2, then cached in
# /var/cache/klat-debug-kernel/), copy the work tree (without .git and build
# outputs) to a temp dir, build klat.ko there against the debug kernel's
# tree (the repo's own klat.ko for the Debian kernel is left alone) and
# tools/klatctl, and run that copy's tests/vm/run.sh with KLAT_KERNEL and
# KLAT_KO pointing at them.  Exit status as tests/vm/run.sh: 0 all passed,
# 1 a test failed, 2 setup error (here also: the kernel or module build failed).
#
# Environment (besides build.sh's KLAT_DEBUG_CACHE, KLAT_DEBUG_JOBS):
#   KLAT_TIMEOUT          whole VM run, seconds (default here 1800; the run
#                         took ~700 s with 2 vCPUs on a busy 2-core host)
#   KLAT_TEST_TIMEOUT     one test file, seconds (default here 600; given
#                         to the VM's run-all.sh on the kernel command line)
#   KLAT_MEM, KLAT_SMP, KLAT_APPEND, KLAT_LOG_DIR   as for tests/vm/run.sh
#   KLAT_DEBUG_KERNEL=1 is also put in the VM's environment (the same way),
#                         for tests that want to do less on a slow kernel
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

say() { echo "debug-kernel: $*" >&2; }
die() { say "$*"; exit 2; }

keep=0
args=()
for a in "$@"; do
	case $a in
	--keep) keep=1 ;;
	-h | --help) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	-*) die "unknown option $a" ;;
	*) args+=("$a") ;;
	esac
done

t_start=$SECONDS
dir=$(bash "$here/build.sh" | tail -n 1)
[ -n "$dir" ] && [ -f "$dir/bzImage" ] || die "no debug kernel (build.sh failed)"
t_kernel=$((SECONDS - t_start))
tree=$dir/linux

tmp=$(mktemp -d "${TMPDIR:-/tmp}/klat-debug.XXXXXX") || die "mktemp failed"
cleanup() {
	if [ "$keep" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------ module + tools
src=$tmp/src
mkdir -p "$src"
tar -C "$root" -cf - --exclude=.git --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
	--exclude='*.mod.c' --exclude='.*.cmd' --exclude=Module.symvers --exclude=modules.order \
	--exclude=.tmp_versions . | tar -C "$src" -xf - || die "copying the work tree failed"
say "building klat.ko against $tree"
if ! make -C "$tree" ARCH=x86_64 M="$src" modules >"$tmp/module.log" 2>&1; then
	cat "$tmp/module.log" >&2
	keep=1
	die "the module build failed"
fi
if grep -E 'warning:|error:' "$tmp/module.log" >&2; then
	say "(warnings above from the module build against the debug kernel)"
fi
# the modules 99-gone.sh and stress/62-cycles.sh load (tests/vm/run.sh finds them
# in the copy's tests/vm/mod/)
say "building the test modules (tests/vm/mod) against $tree"
if ! make -C "$tree" ARCH=x86_64 M="$src/tests/vm/mod" modules >"$tmp/testmod.log" 2>&1; then
	cat "$tmp/testmod.log" >&2
	keep=1
	die "the test modules' build failed"
fi
make -C "$src/tools" clean >/dev/null 2>&1
make -C "$src/tools" >"$tmp/tools.log" 2>&1 || { cat "$tmp/tools.log" >&2; keep=1; die "building tools failed"; }

# ------------------------------------------------------------ tests
tests=()
if [ ${#args[@]} -eq 0 ]; then
	tests=("$src"/tests/vm/t/*.sh "$src"/tests/debug-kernel/t/*.sh)
else
	for a in "${args[@]}"; do
		if [ -f "$a" ]; then
			p=$(cd "$(dirname "$a")" && pwd)/$(basename "$a")
			case $p in
			"$root"/*) p=$src/${p#"$root"/} ;;
			esac
			tests+=("$p")
		elif [ -f "$src/tests/debug-kernel/t/$a" ]; then
			tests+=("$src/tests/debug-kernel/t/$a")
		else
			tests+=("$a")
		fi
	done
fi

export KLAT_KERNEL=$dir/bzImage
export KLAT_KO=$src/klat.ko
export KLAT_TIMEOUT=${KLAT_TIMEOUT:-1800}
# words with '=' and no '.' on the kernel command line end up in /init's
# environment, and run-all.sh takes KLAT_TEST_TIMEOUT from there
# RCU's stall timeout from 21 s to 60 s: this kernel runs syscalls ~1000x slower than
# Debian's under TCG, and 94-stress's load once kept a preempted RCU reader off the CPU
# past 21 s (the harness panics on a stall; a real hang is still caught)
export KLAT_APPEND="KLAT_TEST_TIMEOUT=${KLAT_TEST_TIMEOUT:-600} KLAT_DEBUG_KERNEL=1 rcupdate.rcu_cpu_stall_timeout=60 ${KLAT_APPEND:-}"
[ "$keep" = 1 ] && export KLAT_KEEP=1
say "kernel ready in ${t_kernel}s; VM run: timeout ${KLAT_TIMEOUT}s, ${#tests[@]} test file(s)"
t_vm=$SECONDS
bash "$src/tests/vm/run.sh" "${tests[@]}"
rc=$?
say "VM run took $((SECONDS - t_vm))s; total $((SECONDS - t_start))s (kernel $(sed -n 's/^release=//p' "$dir/ok"))"
exit $rc
