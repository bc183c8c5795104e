#!/bin/bash
# Build (or find in the cache) the klat debug kernel: Debian's linux-source-6.1
# configured from `make allnoconfig` + debug.config (KASAN, KMEMLEAK,
# PROVE_LOCKING, DEBUG_ATOMIC_SLEEP, DEBUG_OBJECTS, DEBUG_LIST, UBSAN, ...).
#
# usage: tests/debug-kernel/build.sh [--config-only]
#
# Prints the build directory on stdout (last line) when the kernel is ready:
#   DIR/bzImage        the kernel image to boot (KLAT_KERNEL)
#   DIR/linux          the whole build tree: make -C DIR/linux M=... modules
#   DIR/build.log      the build's output, DIR/ok its stamp and timings
# DIR is $KLAT_DEBUG_CACHE/<hash of debug.config, RECIPE, the source package
# version and the compiler>, so a change to any of them builds a new kernel
# and an unchanged one is reused.  (A changed one is a full build: a copy of
# an older tree does not help, as tools/objtool records its absolute path,
# is rebuilt in the copy, and every object depends on it.)  An interrupted
# build resumes where it stopped the next time.  Cache dirs unused for 14 days are deleted.
#
#   --config-only   stop after the config is made and verified
#
# Environment:
#   KLAT_DEBUG_CACHE   cache root (default /var/cache/klat-debug-kernel)
#   KLAT_DEBUG_JOBS    make -j (default: nproc)
#   KLAT_NO_INSTALL=1  never apt-get install missing packages
set -euo pipefail

# bump to force a rebuild when the way the kernel is built changes
RECIPE=1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
frag=$here/debug.config
cache=${KLAT_DEBUG_CACHE:-/var/cache/klat-debug-kernel}
jobs=${KLAT_DEBUG_JOBS:-$(nproc)}
srcpkg=linux-source-6.1
tarball=/usr/src/$srcpkg.tar.xz

config_only=0
for a in "$@"; do
	case $a in
	--config-only) config_only=1 ;;
	-h | --help) sed -n '2,/^set -e/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	*) echo "build.sh: unknown argument $a" >&2; exit 2 ;;
	esac
done

say() { echo "debug-kernel: $*" >&2; }
die() { say "$*"; exit 1; }

# ------------------------------------------------------------ packages
need=()
[ -f "$tarball" ] || need+=("$srcpkg")
for c in bc:bc bison:bison flex:flex cpio:cpio xz:xz-utils make:make gcc:gcc perl:perl \
	flock:util-linux; do
	command -v "${c%%:*}" >/dev/null || need+=("${c#*:}")
done
[ -f /usr/include/openssl/ssl.h ] || need+=(libssl-dev)
[ -f /usr/include/libelf.h ] || need+=(libelf-dev)
if [ ${#need[@]} -gt 0 ]; then
	# scripts/deps.sh: installs what is missing of these (as root; KLAT_NO_INSTALL=1: never)
	"$here/../../scripts/deps.sh" "${need[@]}" >&2 || die "cannot install ${need[*]}"
fi
[ -f "$tarball" ] || die "$tarball missing after installing $srcpkg"

# ------------------------------------------------------------ cache dir
srcver=$(dpkg-query -W -f='${Version}' "$srcpkg" 2>/dev/null || stat -c %s-%Y "$tarball")
ccver=$(gcc --version | head -n 1)
hash=$( { echo "recipe $RECIPE"; echo "src $srcver"; echo "cc $ccver"; cat "$frag"; } |
	sha256sum | cut -c1-16)
dir=$cache/$hash
tree=$dir/linux
mkdir -p "$dir" || die "cannot create $dir (run as root or set KLAT_DEBUG_CACHE)"

# one build at a time per cache dir; a second caller waits and reuses it
exec 9>"$dir/.lock"
if ! flock -n 9; then
	say "waiting for another build in $dir"
	flock 9
fi

if [ -f "$dir/ok" ] && [ -f "$dir/bzImage" ] && [ -f "$tree/Module.symvers" ]; then
	touch "$dir/ok"
	say "cached: $dir ($(sed -n 's/^release=//p' "$dir/ok"))"
	echo "$dir"
	exit 0
fi
rm -f "$dir/ok"

# old cache dirs (other hashes) not used for 14 days
find "$cache" -mindepth 2 -maxdepth 2 -name ok -mtime +14 2>/dev/null | while read -r s; do
	d=$(dirname "$s")
	[ "$d" != "$dir" ] && say "removing old cache $d" && rm -rf "$d"
done

log=$dir/build.log
say "building in $dir (log: $log)"
t0=$SECONDS

# ------------------------------------------------------------ source
if [ ! -f "$dir/.extracted" ]; then
	rm -rf "${tree:?}" "${dir:?}/$srcpkg"
	say "extracting $tarball"
	tar -C "$dir" -xJf "$tarball" || die "extracting $tarball failed"
	mv "$dir/$srcpkg" "$tree"
	touch "$dir/.extracted"
fi
t_extract=$((SECONDS - t0))

kmake() { make -C "$tree" ARCH=x86_64 "$@"; }

# ------------------------------------------------------------ config
# verify: every CONFIG_X=V line of the fragment must be in .config as is,
# every "# CONFIG_X is not set" line must not be set
verify_config() {
	local cfg=$1 bad=0 line sym
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			grep -qxF -- "$line" "$cfg" || {
				say "config: wanted $line, got: $(grep -E "^(# )?${line%%=*}[= ]" "$cfg" || echo "${line%%=*} absent")"
				bad=1
			}
			;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			if grep -qE "^$sym=" "$cfg"; then
				say "config: wanted $sym unset, got: $(grep -E "^$sym=" "$cfg")"
				bad=1
			fi
			;;
		esac
	done < "$frag"
	return $bad
}

if [ ! -f "$dir/.configured" ]; then
	say "configuring: allnoconfig + $(basename "$frag") + olddefconfig"
	{
		kmake allnoconfig &&
			"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "$frag" &&
			kmake olddefconfig
	} >>"$log" 2>&1 || die "configuring failed (see $log)"
	verify_config "$tree/.config" || die "the config lacks options debug.config asks for (see above)"
	touch "$dir/.configured"
fi
verify_config "$tree/.config" || die "the config lacks options debug.config asks for (see above)"
[ "$config_only" = 1 ] && { say "config ok: $tree/.config"; exit 0; }

# ------------------------------------------------------------ build
t1=$SECONDS
say "make -j$jobs (bzImage, modules_prepare, Module.symvers); takes a while"
kmake -j"$jobs" all >>"$log" 2>&1 || {
	tail -n 40 "$log" >&2
	die "kernel build failed (see $log)"
}
t_build=$((SECONDS - t1))
cp "$tree/arch/x86/boot/bzImage" "$dir/bzImage"
release=$(cat "$tree/include/config/kernel.release")
cat > "$dir/ok" <<EOF
release=$release
source=$srcpkg $srcver
compiler=$ccver
jobs=$jobs
extract_secs=$t_extract
build_secs=$t_build
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
say "built $release in $((SECONDS - t0))s (make: ${t_build}s with -j$jobs)"
echo "$dir"
