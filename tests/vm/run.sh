#!/bin/bash
# klat VM test runner.
#
# usage: bash tests/vm/run.sh [--shell] [--keep] [TEST...]
#
# Builds the static helpers (tests/vm/progs/*.c) and an initramfs holding
# klat.ko (run `make` at the repo root first), boots it under
# `qemu-system-x86_64 -accel tcg,thread=single`, runs the TAP tests tests/vm/t/*.sh (or the
# ones given: a path, a file name, or a prefix such as 20) and prints a
# summary.  Exit status: 0 all passed, 1 a test failed / VM crashed or timed
# out, 2 setup error.
#
#   --shell   boot into an interactive shell instead (tests in /tests;
#             run /tests/run-all.sh by hand; `exit` powers off)
#   --keep    keep the per-run temp dir (logs, initramfs) even on success
#
# Environment:
#   KLAT_KERNEL   kernel image (default: newest /boot/vmlinuz-*)
#   KLAT_KO       module (default: ./klat.ko at the repo root)
#   KLAT_TIMEOUT  seconds for the whole VM run (default 900)
#   KLAT_SMP      vCPUs (default 2), KLAT_MEM memory (default 1G)
#   KLAT_ACCEL    qemu -accel value (default tcg,thread=single: one host
#                 thread runs every vCPU in turn; see below)
#   KLAT_APPEND   extra kernel command line
#   KLAT_LOG_DIR  if set, copy console.log and tap.log there
#   KLAT_NO_INSTALL=1  never install missing tools (scripts/deps.sh)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

shell=0 keep=${KLAT_KEEP:-0}
args=()
for a in "$@"; do
	case $a in
	--shell) shell=1 ;;
	--keep) keep=1 ;;
	-h | --help) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
	*) args+=("$a") ;;
	esac
done

say() { echo "run.sh: $*" >&2; }
die() { say "$*"; exit 2; }

# ------------------------------------------------------------ dependencies
need_pkgs=()
want() { need_pkgs+=("$1"); }

have_static_busybox() {
	local b
	b=$(command -v busybox) || return 1
	! ldd "$b" >/dev/null 2>&1
}

command -v qemu-system-x86_64 >/dev/null || want qemu-system-x86
have_static_busybox || want busybox-static
command -v cpio >/dev/null || want cpio
command -v gzip >/dev/null || want gzip
command -v gcc >/dev/null || want gcc
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || want libc6-dev
command -v timeout >/dev/null || want coreutils
if [ -z "${KLAT_KERNEL:-}" ] && ! compgen -G '/boot/vmlinuz-*' >/dev/null; then
	want linux-image-amd64
fi
# scripts/deps.sh installs them (as root; KLAT_NO_INSTALL=1: never, it says what is missing)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	"$root/scripts/deps.sh" "${need_pkgs[@]}" >&2 || die "missing packages: ${need_pkgs[*]}"
fi

# ------------------------------------------------------------ inputs
kernel=${KLAT_KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
[ -n "$kernel" ] && [ -r "$kernel" ] || die "no readable kernel image (set KLAT_KERNEL)"
ko=${KLAT_KO:-$root/klat.ko}

# kernel release from the bzImage header (setup header field kernel_version)
kernel_release() {
	local off
	off=$(od -An -tu2 -j 526 -N 2 "$1" 2>/dev/null | tr -d ' ') || return
	[ -n "$off" ] && [ "$off" -gt 0 ] || return
	dd if="$1" bs=1 skip=$((off + 512)) count=128 2>/dev/null | tr '\0' '\n' | head -n 1 | cut -d' ' -f1
}
krel=$(kernel_release "$kernel")
if [ -f "$ko" ]; then
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || strings "$ko" 2>/dev/null | sed -n 's/^vermagic=//p' | head -n 1)
	if [ -n "$krel" ] && [ -n "$vermagic" ] && [ "${vermagic%% *}" != "$krel" ]; then
		say "warning: $ko is for '${vermagic%% *}' but $kernel is '$krel'; insmod will fail"
	fi
else
	say "warning: no module at $ko (run make at the repo root); module tests will fail"
fi

tests=()
if [ ${#args[@]} -eq 0 ]; then
	tests=("$here"/t/*.sh)
else
	for a in "${args[@]}"; do
		if [ -f "$a" ]; then
			tests+=("$(cd "$(dirname "$a")" && pwd)/$(basename "$a")")
		elif [ -f "$here/t/$a" ]; then
			tests+=("$here/t/$a")
		else
			m=("$here"/t/"$a"*.sh)
			[ ${#m[@]} -eq 1 ] && [ -f "${m[0]}" ] || die "no unique test matching '$a'"
			tests+=("${m[0]}")
		fi
	done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/klat-vm.XXXXXX") || die "mktemp failed"
cleanup() {
	if [ "$keep" = 1 ]; then
		say "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

# ------------------------------------------------------------ build
mkdir -p "$tmp/bin"
for c in "$here"/progs/*.c; do
	[ -f "$c" ] || continue
	p=$(basename "$c" .c)
	${CC:-gcc} -static -O2 -Wall -Wextra -o "$tmp/bin/$p" "$c" || die "building $c failed"
done
# the module 99-gone.sh probes into, when built (make check-vm builds it)
extra_files=()
testmod=${KLAT_TESTMOD_KO:-$here/mod/klat_testmod.ko}
[ -f "$testmod" ] && extra_files+=(-f "$testmod:/tests/klat_testmod.ko")
krpmin=${KLAT_KRPMIN_KO:-$here/mod/klat_krpmin.ko}
[ -f "$krpmin" ] && extra_files+=(-f "$krpmin:/tests/klat_krpmin.ko")
KLAT_KO=$ko bash "$here/mkinitramfs.sh" -p "$tmp/bin" "${extra_files[@]}" "$tmp/initramfs.cpio.gz" "${tests[@]}" ||
	die "mkinitramfs failed"

# ------------------------------------------------------------ boot
smp=${KLAT_SMP:-2} mem=${KLAT_MEM:-1G} accel=${KLAT_ACCEL:-tcg,thread=single}
# Single-threaded TCG by default. With one host thread per vCPU (MTTCG, the
# default of -accel tcg), QEMU 7.2 does not reliably emulate code that one
# vCPU patches while another runs it, and every kprobe, kretprobe and ftrace
# user arms and disarms probes by patching code: a 30-line kretprobe module
# (tests/vm/mod/klat_krpmin.c) cycled under load oopsed within 2 cycles
# (RIP 0: a CPU met an int3 that text_poke_bp had already finished with, and
# the kprobe core single-stepped the ftrace-based probe's NULL insn slot), and
# the kernel's own kprobe_events, cycled the same way with no module loaded,
# stalled RCU within 25 s. Single-threaded, 300 cycles of each and 200 of
# klat ran clean (tests/vm/stress/62-cycles.sh). The guest still has 2 CPUs,
# preemption and IPIs; only the host runs them in turn.
qemu=(qemu-system-x86_64 -accel "$accel" -m "$mem" -smp "$smp" -nographic -no-reboot
	-nodefaults -no-user-config -kernel "$kernel" -initrd "$tmp/initramfs.cpio.gz")
if [ "$shell" = 1 ]; then
	append="console=ttyS0 panic=-1 klat.shell ${KLAT_APPEND:-}"
	"${qemu[@]}" -serial mon:stdio -append "$append"
	exit $?
fi

run_names=()
for t in "${tests[@]}"; do run_names+=("t/$(basename "$t")"); done
# a soft lockup, RCU stall or hung task ends the run at once (with a trace)
# instead of at the timeout; an Oops does not, so later tests still run
append="console=ttyS0 panic=-1 quiet softlockup_panic=1 hung_task_panic=1"
append+=" sysctl.kernel.panic_on_rcu_stall=1 klat.run=/tests/run-all.sh klat.tap=/dev/ttyS1 ${KLAT_APPEND:-}"
say "kernel $kernel ($krel), module ${ko}, ${#tests[@]} test file(s), smp=$smp, accel $accel"
start=$SECONDS
timeout -k 10 "${KLAT_TIMEOUT:-900}" "${qemu[@]}" -append "$append" \
	-serial mon:stdio -serial "file:$tmp/tap.log" </dev/null 2>&1 |
	tr -d '\r' | tee "$tmp/console.log"
qrc=${PIPESTATUS[0]}
elapsed=$((SECONDS - start))

if [ -n "${KLAT_LOG_DIR:-}" ]; then
	mkdir -p "$KLAT_LOG_DIR" && cp "$tmp/console.log" "$tmp/tap.log" "$KLAT_LOG_DIR/" 2>/dev/null
fi

# ------------------------------------------------------------ results
tap=$tmp/tap.log
if [ ! -s "$tap" ] || ! grep -q '^KLAT-TEST-BEGIN' "$tap"; then
	tap=$tmp/console.log
fi
tr -d '\r' < "$tap" > "$tmp/tap.clean"

echo
echo "================ klat VM test summary ================"
awk -v expected="${run_names[*]}" '
	function finish(n,   r) {
		r = "PASS"
		if (!ended[n]) { r = "FAIL"; why[n] = why[n] " (no end marker: VM died or hung here)" }
		else if (rc[n] != 0) { r = "FAIL"; why[n] = why[n] " rc=" rc[n] }
		if (plan[n] == "") { r = "FAIL"; why[n] = why[n] " (no plan)" }
		else if (run[n] != plan[n]) { r = "FAIL"; why[n] = why[n] " (planned " plan[n] ", ran " run[n] ")" }
		if (bad[n] > 0) r = "FAIL"
		if (bail[n] != "") { r = "FAIL"; why[n] = why[n] " (" bail[n] ")" }
		return r
	}
	/^KLAT-TEST-BEGIN / { cur = $2; order[++nf] = cur; seen[cur] = 1; plan[cur] = ""; run[cur] = 0; bad[cur] = 0; next }
	/^KLAT-TEST-END / {
		n = $2; ended[n] = 1
		for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "rc") rc[n] = kv[2]; if (kv[1] == "secs") secs[n] = kv[2] }
		cur = ""; next
	}
	cur == "" { next }
	/^1\.\.[0-9]+/ { plan[cur] = substr($1, 4) + 0; next }
	/^ok( |$)/ { run[cur]++; next }
	/^not ok( |$)/ {
		run[cur]++
		if ($0 !~ /# *TODO/) { bad[cur]++; fails[cur] = fails[cur] "      " $0 "\n" }
		next
	}
	/^Bail out!/ { bail[cur] = $0; next }
	END {
		nfail = 0; total = 0; tfail = 0
		for (i = 1; i <= nf; i++) {
			n = order[i]; r = finish(n)
			if (r != "PASS") nfail++
			total += run[n]; tfail += bad[n]
			printf "%s %-28s %3d/%-3d %6ss%s\n", r, n, run[n] - bad[n], (plan[n] == "" ? run[n] : plan[n]), (secs[n] == "" ? "?" : secs[n]), why[n]
			printf "%s", fails[n]
		}
		ne = split(expected, ex, " ")
		for (i = 1; i <= ne; i++)
			if (!(ex[i] in seen)) { printf "FAIL %-28s not run\n", ex[i]; nfail++ }
		if (!("final-dmesg" in seen)) { print "FAIL final-dmesg                  not run"; nfail++ }
		printf "files: %d, tests: %d, failed tests: %d, failed files: %d\n", nf, total, tfail, nfail
		exit nfail > 0
	}' "$tmp/tap.clean"
arc=$?

status=0
[ "$arc" -eq 0 ] || status=1
if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	say "VM timed out after ${KLAT_TIMEOUT:-900}s"
	status=1
elif [ "$qrc" -ne 0 ]; then
	say "qemu exited with status $qrc"
	status=1
fi
if grep -qE 'Kernel panic|---\[ end trace|soft lockup|self-detected stall|blocked for more than' "$tmp/console.log"; then
	say "the kernel panicked, oopsed or locked up; first report:"
	grep -E -m 1 -B2 -A40 'Kernel panic|Oops|BUG:|WARNING:|self-detected stall|soft lockup' "$tmp/console.log" >&2
	status=1
fi
if ! grep -q '^KLAT-END status=' "$tmp/console.log"; then
	say "no KLAT-END marker: the VM did not finish the run"
	status=1
fi
if [ "$status" -ne 0 ]; then
	keep=1
	echo "RESULT: FAIL (${elapsed}s; logs in $tmp)"
else
	echo "RESULT: PASS (${elapsed}s)"
fi
exit "$status"
