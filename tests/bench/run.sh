#!/bin/bash
# klat overhead benchmark (`make bench`).
#
# usage: bash tests/bench/run.sh [--calls N] [--runs N] [--scale N] [--rows LIST]
#                                [--json FILE] [--keep]
#
# Boots the Debian kernel under qemu-system-x86_64 -accel tcg -icount
# shift=0,sleep=off -smp 1 (guest time counts instructions, 1 ns each, so the
# figures repeat) with a busybox initramfs, and in that one boot times
# socket(AF_INET, SOCK_STREAM, 0) + close() in a loop (tests/bench/sockbench.c)
# with, in turn: nothing probing __sys_socket (base), an empty kretprobe
# (floor, tests/bench/floor/), klat stats only, klat stats + log, klat with a
# filter that rejects the caller, and an ftrace kprobe_events return probe.
# Then klat with 500 more targets: time to add and remove them, memory per
# target, time to read stats, overhead on __sys_socket with them present.
# Prints a table and writes it as JSON.
#
#   --calls N   calls per run (default 50000)
#   --runs N    timed runs per row, median reported (default 3); each row
#               has one warm-up run of the same length first
#   --scale N   other targets for the scale part (default 500; 0 skips it)
#   --rows L    rows to run, comma separated (default all: base,floor,stats,
#               stats_log,filtered,scale,kprobe_events,base_end)
#   --json F    JSON output (default $KLAT_BENCH_JSON, else
#               tests/bench/results/latest.json)
#   --keep      keep the temp dir (initramfs, console.log, raw results)
#   --variant NAME=KO   also time another build of klat (a patched copy, to
#               see what a change saves): rows var_NAME (log_enable=0) and
#               var_NAME_log (log_enable=1); repeatable
#
# Environment:
#   KLAT_KERNEL        kernel image (default: the newest /boot/vmlinuz-* that
#                      has headers in /usr/src)
#   KLAT_KDIR          headers to build the floor module against (default
#                      /usr/src/linux-headers-<release of KLAT_KERNEL>)
#   KLAT_KO            klat module (default: klat.ko at the repo root; build it
#                      with `make module KDIR=<those headers>` first)
#   KLAT_BENCH_JSON    JSON output path (--json wins)
#   KLAT_BENCH_TIMEOUT seconds for the VM (default 1800)
#   KLAT_BENCH_STRICT=1  exit 3 when a target is missed (default: report only)
#
# Exit status: 0 the benchmark ran (targets met or not, unless STRICT), 1 the
# VM run failed or a row is missing, 2 setup error, 3 a target missed (STRICT).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

calls=50000 runs=3 scale=500 rows=all keep=0
variants=()
json=${KLAT_BENCH_JSON:-$here/results/latest.json}
say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--calls) calls=${2:?}; shift ;;
	--runs) runs=${2:?}; shift ;;
	--scale) scale=${2:?}; shift ;;
	--rows) rows=${2:?}; shift ;;
	--json) json=${2:?}; shift ;;
	--variant) variants+=("${2:?}"); shift ;;
	--keep) keep=1 ;;
	-h | --help) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	*) die "unknown argument $1 (see --help)" ;;
	esac
	shift
done
for v in "$calls" "$runs" "$scale"; do
	case $v in '' | *[!0-9]*) die "not a number: $v" ;; esac
done
[ "$calls" -ge 1 ] && [ "$runs" -ge 1 ] || die "--calls and --runs must be at least 1"
case $rows in *[!a-z_,]*) die "bad --rows '$rows'" ;; esac

# scripts/deps.sh installs what is missing (as root; KLAT_NO_INSTALL=1: never)
pkgs="qemu-system-x86 busybox-static cpio gzip gcc make libc6-dev"
"$here/../../scripts/deps.sh" $pkgs >&2 || die "missing packages of: $pkgs"
for c in qemu-system-x86_64 busybox cpio gzip gcc make; do
	command -v $c >/dev/null || die "missing $c (scripts/deps.sh $pkgs)"
done
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || die "no static libc (scripts/deps.sh libc6-dev)"

# ------------------------------------------------------------ inputs
kernel_release() {	# from the bzImage setup header (kernel_version field)
	local off
	off=$(od -An -tu2 -j 526 -N 2 "$1" 2>/dev/null | tr -d ' ') || return
	[ -n "$off" ] && [ "$off" -gt 0 ] || return
	dd if="$1" bs=1 skip=$((off + 512)) count=128 2>/dev/null | tr '\0' '\n' | head -n 1 | cut -d' ' -f1
}
kernel=${KLAT_KERNEL:-}
if [ -z "$kernel" ]; then
	for img in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -rV); do
		if [ -e "/usr/src/linux-headers-${img#/boot/vmlinuz-}/Makefile" ]; then
			kernel=$img
			break
		fi
	done
fi
[ -n "$kernel" ] && [ -r "$kernel" ] || die "no kernel image with headers (set KLAT_KERNEL)"
krel=$(kernel_release "$kernel")
[ -n "$krel" ] || krel=${kernel#*/vmlinuz-}
kdir=${KLAT_KDIR:-/usr/src/linux-headers-$krel}
[ -e "$kdir/Makefile" ] || die "no kernel headers at $kdir (set KLAT_KDIR)"
ko=${KLAT_KO:-$root/klat.ko}
[ -f "$ko" ] || die "no $ko: run 'make module KDIR=$kdir' first (or set KLAT_KO)"
vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || strings "$ko" | sed -n 's/^vermagic=//p' | head -n 1)
[ "${vermagic%% *}" = "$krel" ] ||
	die "$ko is for '${vermagic%% *}', the kernel is '$krel': run 'make module KDIR=$kdir'"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/klat-bench.XXXXXX") || die "mktemp failed"
cleanup() { if [ "$keep" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT

# ------------------------------------------------------------ build
mkdir -p "$tmp/bin" "$tmp/floor"
${CC:-gcc} -static -O2 -Wall -Wextra -o "$tmp/bin/sockbench" "$here/sockbench.c" ||
	die "building sockbench failed"
cp "$here/floor/floor.c" "$here/floor/Kbuild" "$tmp/floor/"
make -s -C "$kdir" M="$tmp/floor" modules >"$tmp/floor/build.log" 2>&1 ||
	{ cat "$tmp/floor/build.log" >&2; die "building the floor module failed"; }
varfiles=()
for v in "${variants[@]}"; do
	vn=${v%%=*} vk=${v#*=}
	case $vn in '' | *[!a-z0-9_]*) die "bad variant name '$vn' (a-z, 0-9, _)" ;; esac
	[ -f "$vk" ] || die "variant $vn: no module $vk"
	varfiles+=(-f "$vk:/bench/var/$vn.ko")
done
KLAT_KO=$ko bash "$root/tests/vm/mkinitramfs.sh" -m "$ko" -p "$tmp/bin" "${varfiles[@]}" \
	-f "$tmp/floor/klat_bench_floor.ko:/bench/klat_bench_floor.ko" \
	-f "$here/guest.sh:/bench/guest.sh" -f "$here/init:/init" \
	"$tmp/initramfs.cpio.gz" "$here/guest.sh" || die "mkinitramfs failed"

# ------------------------------------------------------------ boot
guest_rows=all
[ "$rows" = all ] || guest_rows=$(echo "$rows" | tr , +)
append="console=ttyS0 quiet loglevel=1 panic=-1 nokaslr"
append="$append klat.bench=calls=$calls,runs=$runs,warmup=1,scale=$scale,rows=$guest_rows"
say "kernel $kernel ($krel), module $ko; $calls calls a run, $runs runs + 1 warm-up a row, scale $scale"
say "qemu -accel tcg -icount shift=0,sleep=off -smp 1: takes about 4-5 minutes"
start=$SECONDS
timeout -k 10 "${KLAT_BENCH_TIMEOUT:-1800}" qemu-system-x86_64 -accel tcg \
	-icount shift=0,sleep=off -smp 1 -m 1G -nographic -no-reboot -nodefaults \
	-no-user-config -kernel "$kernel" -initrd "$tmp/initramfs.cpio.gz" -append "$append" \
	-serial mon:stdio -serial "file:$tmp/results.txt" </dev/null 2>&1 |
	tee "$tmp/console.raw" | grep --line-buffered -aoE $'(bench: |KLAT-BENCH-END)[^\r]*' >&2
qrc=${PIPESTATUS[0]}
tr -d '\r' < "$tmp/console.raw" > "$tmp/console.log"
elapsed=$((SECONDS - start))
if [ "$qrc" -ne 0 ] || ! grep -q '^KLAT-BENCH-END status=0' "$tmp/console.log"; then
	keep=1
	grep -E -A25 'Kernel panic|Oops|BUG:' "$tmp/console.log" | head -n 60 >&2
	say "the VM run failed (qemu status $qrc, ${elapsed}s); logs in $tmp"
	exit 1
fi
tr -d '\r' < "$tmp/results.txt" > "$tmp/results.clean"

# ------------------------------------------------------------ report
mkdir -p "$(dirname "$json")" || die "cannot create $(dirname "$json")"
awk -v json="$json" -v elapsed="$elapsed" -v kernel_img="$kernel" -f "$here/report.awk" "$tmp/results.clean"
arc=$?
cp "$tmp/results.clean" "${json%.json}.raw.txt" 2>/dev/null
echo "JSON: $json (guest output: ${json%.json}.raw.txt)"
[ "$keep" = 1 ] && say "raw results: $tmp/results.clean"
if [ "$arc" -eq 1 ]; then
	keep=1
	say "the guest reported failures; logs in $tmp"
	exit 1
fi
for r in base floor stats stats_log filtered kprobe_events; do
	case ",$rows," in ,all, | *,$r,*) grep -q "^ROW $r " "$tmp/results.clean" || { say "row $r is missing"; keep=1; exit 1; } ;; esac
done
if [ "$arc" -eq 10 ] && [ "${KLAT_BENCH_STRICT:-0}" = 1 ]; then
	exit 3
fi
exit 0
