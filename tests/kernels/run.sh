#!/bin/bash
# klat on every kernel of the matrix, since kprobe and debugfs details move
# between releases: for each kernel, get Debian's
# kernel image and headers, build klat.ko and the test modules (tests/vm/mod)
# against exactly those headers with that release's gcc (W=1, and C=1 when
# sparse is there), then run the VM suite (tests/vm/run.sh) on that kernel.
#
# usage: tests/kernels/run.sh [--build-only] [--keep] [--list] [TEST...]
#
#   KLAT_KERNELS   which kernels, by name (default: all, in this order):
#                    5.10   bullseye            linux-image-amd64 (chroot)
#                    6.1    bookworm            the host's own linux-image-amd64
#                    6.12   bookworm-backports  linux-image-amd64 (chroot)
#                    sid    sid (7.x)           linux-image-amd64 (chroot)
#                    exp    experimental        linux-image-amd64 (sid chroot + experimental)
#                  e.g. KLAT_KERNELS="6.1 sid" make check-kernels
#   TEST...        instead of the whole suite: tests/vm/run.sh's TEST arguments
#   --build-only   build on each kernel, no VM
#   --keep         keep the temp dir (source copies, build logs)
#   --list         print the matrix with the versions the archive has now
#
# A kernel is named by its Debian package in a suite, and resolved each run to
# the newest version that suite has (so the matrix moves forward by itself);
# the exact versions used are printed and put in the summary.  Kernels the host
# release does not carry come from a `debootstrap --variant=minbase` chroot of
# their release, cached (with a lock and an ok stamp, as tests/debug-kernel/)
# in $KLAT_KERNELS_CACHE/<name>/ (default /var/cache/klat-kernels).  The chroot
# holds linux-headers-<ver> (which pulls its own gcc and linux-kbuild), make
# and sparse; the image package is downloaded there and unpacked to
# <name>/image/ (installing it would only run update-initramfs, which the VM
# does not use).  The module is built inside the chroot, on a copy of the
# work tree, with /proc mounted (objtool reads it).  A chroot is refreshed
# (apt-get update, install the newest kernel if it moved) when its stamp is
# older than KLAT_KERNELS_REFRESH hours (default 20; 0: every run; never: no
# network once it exists), so a second run the same day costs only VM time.
#
# Environment:
#   KLAT_KERNELS, KLAT_KERNELS_CACHE, KLAT_KERNELS_REFRESH   above
#   KLAT_MIRROR        Debian mirror (default: the host's own, from its apt
#                      sources: the first URI ending in /debian)
#   KLAT_SECURITY      security mirror (default: the host's, ending in
#                      /debian-security)
#   KLAT_RESULTS       where logs and summary.txt go (default: a dir under
#                      $KLAT_KERNELS_CACHE/results/, printed)
#   KLAT_TIMEOUT       one kernel's VM run, seconds (default here 900)
#   KLAT_NO_INSTALL=1  never apt-get install missing host packages
# Exit status: 0 every kernel built and passed, 1 a build or a test failed,
# 2 setup error (a chroot or a download failed).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${KLAT_KERNELS_CACHE:-/var/cache/klat-kernels}
# the archive this host's apt already uses (no mirror is named here)
host_uri() {	# SUFFIX: the first apt source URI that ends in /SUFFIX
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		grep -oE '(https?|file)://[^ ]*/'"$1"'/?( |$)' | head -n 1 | tr -d ' ' | sed 's#/$##'
}
mirror=${KLAT_MIRROR:-$(host_uri debian)}
secmirror=${KLAT_SECURITY:-$(host_uri debian-security)}
[ -n "$mirror" ] || { echo "kernels: no Debian mirror in the host's apt sources: set KLAT_MIRROR" >&2; exit 2; }
[ -n "$secmirror" ] || secmirror=${mirror}-security
refresh=${KLAT_KERNELS_REFRESH:-20}
ALL="5.10 6.1 6.12 sid exp"

say() { echo "kernels: $*" >&2; }
die() { say "$*"; exit 2; }

build_only=0 keep=0 list=0
args=()
for a in "$@"; do
	case $a in
	--build-only) build_only=1 ;;
	--keep) keep=1 ;;
	--list) list=1 ;;
	-h | --help) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
	-*) die "unknown option $a" ;;
	*) args+=("$a") ;;
	esac
done

# ------------------------------------------------------------ the matrix
# name -> release of the chroot ("host": none), apt sources, pinned suite
# (the suite whose packages win; empty: the release's own)
release_of() {
	case $1 in
	5.10) echo bullseye ;; 6.1) echo host ;; 6.12) echo bookworm ;;
	sid) echo sid ;; exp) echo sid ;; *) return 1 ;;
	esac
}
sources_of() {
	case $1 in
	5.10) printf 'deb %s bullseye main\ndeb %s bullseye-security main\n' "$mirror" "$secmirror" ;;
	6.12) printf 'deb %s bookworm main\ndeb %s bookworm-backports main\n' "$mirror" "$mirror" ;;
	sid) printf 'deb %s sid main\n' "$mirror" ;;
	exp) printf 'deb %s sid main\ndeb %s experimental main\n' "$mirror" "$mirror" ;;
	esac
}
# (n=: the codename; bookworm-backports' suite is oldstable-backports now)
pin_of() {
	case $1 in 6.12) echo n=bookworm-backports ;; exp) echo a=experimental ;; esac
}
canon() {
	case $1 in
	5.10 | bullseye) echo 5.10 ;; 6.1 | bookworm | host) echo 6.1 ;;
	6.12 | bookworm-backports | bpo | trixie) echo 6.12 ;; sid | unstable | 7) echo sid ;;
	exp | experimental) echo exp ;; *) return 1 ;;
	esac
}

kernels=()
for k in ${KLAT_KERNELS:-$ALL}; do
	c=$(canon "$k") || die "unknown kernel '$k' (known: $ALL)"
	kernels+=("$c")
done

# ------------------------------------------------------------ host packages
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v flock >/dev/null || need+=(util-linux)
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -e /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
if [ ${#need[@]} -gt 0 ]; then
	# scripts/deps.sh: installs what is missing of these (as root; KLAT_NO_INSTALL=1: never)
	"$root/scripts/deps.sh" "${need[@]}" >&2 || die "cannot install ${need[*]}"
fi
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot)"

mkdir -p "$cache" || die "cannot create $cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/klat-kernels.XXXXXX") || die "mktemp failed"
mounted=()
cleanup() {
	local m
	for m in "${mounted[@]}"; do umount -l "$m" 2>/dev/null; done
	if [ "$keep" = 1 ]; then say "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# in_chroot DIR CMD...: run CMD in the chroot with /proc (objtool) and /dev mounted
in_chroot() {
	local d=$1
	shift
	if ! mountpoint -q "$d/proc"; then
		mount -t proc proc "$d/proc" && mounted+=("$d/proc")
	fi
	if ! mountpoint -q "$d/dev"; then
		mount --bind /dev "$d/dev" && mounted+=("$d/dev")
	fi
	chroot "$d" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@"
}
umount_chroot() {
	umount -l "$1/dev" 2>/dev/null
	umount -l "$1/proc" 2>/dev/null
}

# resolve_image: in the (updated) chroot, the package name of the kernel image
# that linux-image-amd64 of the pinned suite (or of the release) depends on
APT_OPTS=(-o Acquire::Check-Valid-Until=false -o Acquire::Retries=3 -o APT::Install-Recommends=false)
resolve_image() {
	local d=$1
	in_chroot "$d" apt-cache "${APT_OPTS[@]}" show --no-all-versions linux-image-amd64 |
		sed -n 's/^Depends: //p' | tr ',' '\n' | grep -oE 'linux-image-[0-9][^ ]*-amd64' | head -n 1
}

# vmlinuz_in DIR ABI: the kernel image unpacked in DIR (boot/vmlinuz-ABI up to
# 6.x; 7.x packages it as usr/lib/modules/ABI/vmlinuz in linux-binary-ABI)
vmlinuz_in() {
	local f
	for f in "$1/boot/vmlinuz-$2" "$1/usr/lib/modules/$2/vmlinuz"; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# setup_chroot NAME: make or refresh <cache>/NAME; sets ROOT, IMAGE, KREL, PKGVER
setup_chroot() {
	local name=$1 rel dir stamp age fresh=0 img abi hdr
	rel=$(release_of "$name")
	dir=$cache/$name
	ROOT=$dir/root
	mkdir -p "$dir"
	exec 9>"$dir/.lock"
	flock -n 9 || { say "$name: waiting for another run using $dir"; flock 9; }
	stamp=$dir/ok
	if [ -f "$stamp" ] && [ -f "$ROOT/etc/debian_version" ]; then
		age=$(( ($(date +%s) - $(stat -c %Y "$stamp")) / 3600 ))
		if [ "$refresh" = never ] || [ "$age" -lt "$refresh" ]; then
			fresh=1
		fi
	else
		rm -f "$stamp"
		if [ ! -f "$dir/.bootstrapped" ]; then
			rm -rf "$ROOT"
			say "$name: debootstrap --variant=minbase $rel (first run only)"
			local t0=$SECONDS
			debootstrap --variant=minbase "$rel" "$ROOT" "$mirror" >"$dir/debootstrap.log" 2>&1 || {
				tail -n 20 "$dir/debootstrap.log" >&2
				return 1
			}
			echo "debootstrap_secs=$((SECONDS - t0))" > "$dir/times"
			touch "$dir/.bootstrapped"
		fi
	fi
	if [ "$fresh" = 0 ]; then
		local t1=$SECONDS pin
		sources_of "$name" > "$ROOT/etc/apt/sources.list"
		pin=$(pin_of "$name")
		rm -f "$ROOT/etc/apt/preferences.d/klat"
		if [ -n "$pin" ]; then
			printf 'Package: *\nPin: release %s\nPin-Priority: 990\n' "$pin" > "$ROOT/etc/apt/preferences.d/klat"
		fi
		echo 'Acquire::Check-Valid-Until "false";' > "$ROOT/etc/apt/apt.conf.d/99klat"
		# apt-get here runs inside the chroot, another Debian than the host's:
		# scripts/deps.sh is for the host's packages (setup_host, need above)
		say "$name: apt-get update in the chroot"
		in_chroot "$ROOT" apt-get "${APT_OPTS[@]}" -qq update >&2 || { umount_chroot "$ROOT"; return 1; }
		img=$(resolve_image "$ROOT")
		[ -n "$img" ] || { say "$name: no kernel image package found"; umount_chroot "$ROOT"; return 1; }
		abi=${img#linux-image-}
		hdr=linux-headers-$abi
		say "$name: installing $hdr (with its gcc), make, sparse"
		in_chroot "$ROOT" apt-get "${APT_OPTS[@]}" -y -qq install "$hdr" make sparse >"$dir/apt.log" 2>&1 || {
			tail -n 20 "$dir/apt.log" >&2
			umount_chroot "$ROOT"
			return 1
		}
		# the image: unpacked, not installed (no initramfs wanted)
		if [ -z "$(vmlinuz_in "$dir/image" "$abi")" ]; then
			say "$name: downloading $img"
			rm -rf "$dir/image" "$ROOT/tmp/klat-image"
			mkdir -p "$ROOT/tmp/klat-image"
			# 7.x: the vmlinuz is in linux-binary-<abi>, which the image package depends on
			# (the _apt user must be able to write where apt-get download puts it)
			local pkgs=$img
			pkgs="$pkgs $(in_chroot "$ROOT" apt-cache show --no-all-versions "$img" | sed -n 's/^Depends: //p' |
				tr ',' '\n' | grep -oF "linux-binary-$abi" | head -n 1)"
			chmod 777 "$ROOT/tmp/klat-image"
			in_chroot "$ROOT" sh -c "cd /tmp/klat-image && apt-get -o Acquire::Check-Valid-Until=false -qq download $pkgs" >&2 || {
				umount_chroot "$ROOT"
				return 1
			}
			for deb in "$ROOT"/tmp/klat-image/*.deb; do
				dpkg-deb -x "$deb" "$dir/image" || { umount_chroot "$ROOT"; return 1; }
			done
			rm -rf "$ROOT/tmp/klat-image"
		fi
		in_chroot "$ROOT" apt-get -qq clean
		umount_chroot "$ROOT"
		{
			echo "image=$img"
			echo "abi=$abi"
			echo "version=$(in_chroot "$ROOT" dpkg-query -W -f='${Version}' "$hdr")"
			echo "refreshed=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
			echo "refresh_secs=$((SECONDS - t1))"
		} > "$stamp"
		umount_chroot "$ROOT"
	else
		say "$name: cached chroot $ROOT (refreshed $(sed -n 's/^refreshed=//p' "$stamp"))"
		touch "$stamp"
	fi
	abi=$(sed -n 's/^abi=//p' "$stamp")
	KREL=$abi
	PKGVER=$(sed -n 's/^version=//p' "$stamp")
	IMAGE=$(vmlinuz_in "$dir/image" "$abi")
	[ -n "$IMAGE" ] || { say "$name: no vmlinuz for $abi in $dir/image"; return 1; }
	return 0
}

# setup_host: the 6.1 row, from the host's own packages (scripts/deps.sh)
setup_host() {
	"$root/scripts/deps.sh" >&2 || return 1
	local img cand inst
	img=$(dpkg-query -W -f='${Depends}' linux-image-amd64 | grep -oE 'linux-image-[0-9][^ ,]*-amd64' | head -n 1)
	[ -n "$img" ] || return 1
	KREL=${img#linux-image-}
	ROOT=
	IMAGE=/boot/vmlinuz-$KREL
	PKGVER=$(dpkg-query -W -f='${Version}' "linux-headers-$KREL" 2>/dev/null)
	[ -n "$PKGVER" ] || { say "6.1: linux-headers-$KREL is not installed"; return 1; }
	inst=$(dpkg-query -W -f='${Version}' linux-image-amd64)
	cand=$(apt-cache policy linux-image-amd64 2>/dev/null | sed -n 's/^ *Candidate: //p')
	if [ -n "$cand" ] && [ "$cand" != "$inst" ]; then
		say "6.1: note: the archive has linux-image-amd64 $cand, installed is $inst (apt-get install linux-image-amd64 linux-headers-amd64 to move on)"
	fi
	[ -f "$IMAGE" ]
}

if [ "$list" = 1 ]; then
	for k in "${kernels[@]}"; do
		if [ "$(release_of "$k")" = host ]; then
			setup_host && echo "$k host $KREL $PKGVER"
		elif [ -f "$cache/$k/ok" ]; then
			echo "$k $(release_of "$k") $(pin_of "$k") $(sed -n 's/^abi=//p' "$cache/$k/ok") $(sed -n 's/^version=//p' "$cache/$k/ok") (cached $(sed -n 's/^refreshed=//p' "$cache/$k/ok"))"
		else
			echo "$k $(release_of "$k") (no chroot yet)"
		fi
	done
	exit 0
fi

# ------------------------------------------------------------ the work tree copy
copy_tree() {
	mkdir -p "$1"
	tar -C "$root" -cf - --exclude=.git --exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='.*.cmd' --exclude=Module.symvers --exclude=modules.order \
		--exclude=.tmp_versions --exclude=tools --exclude=tests/fuzz --exclude=tests/unit . |
		tar -C "$1" -xf -
}

# host tools, once: klatctl runs in every VM (a user-space binary: any kernel)
make -C "$root/tools" >"$tmp/tools.log" 2>&1 || { cat "$tmp/tools.log" >&2; die "building tools/klatctl failed"; }

results=${KLAT_RESULTS:-$cache/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$results" || die "cannot create $results"
summary=$results/summary.txt
printf '%-5s %-26s %-26s %-8s %-4s %-6s %-8s %6s %6s %6s  %s\n' kernel release package-version gcc \
	build warn vm setup_s build_s vm_s failing > "$summary"

status=0
for k in "${kernels[@]}"; do
	say "===== $k ====="
	t0=$SECONDS
	ROOT="" IMAGE="" KREL="" PKGVER=""
	if [ "$(release_of "$k")" = host ]; then
		setup_host; rc=$?
	else
		setup_chroot "$k"; rc=$?
		exec 9>&-
	fi
	t_setup=$((SECONDS - t0))
	if [ "$rc" != 0 ]; then
		say "$k: setup failed"
		printf '%-5s %-26s %-26s %-8s %-4s %-6s %-8s %6s %6s %6s  %s\n' "$k" - - - - - "SETUP-FAIL" \
			"$t_setup" - - "chroot/download failed" >> "$summary"
		[ "$status" = 0 ] && status=2
		continue
	fi
	say "$k: kernel $KREL, package version $PKGVER, image $IMAGE"

	# build: W=1, plus C=1 when sparse is there (as make check-static)
	t1=$SECONDS
	if [ -n "$ROOT" ]; then
		bdir=/tmp/klat-build-$k
		rm -rf "${ROOT:?}$bdir"
		copy_tree "$ROOT$bdir"
		kdir=/usr/src/linux-headers-$KREL
		run() { in_chroot "$ROOT" "$@"; }
		out=$ROOT$bdir
	else
		bdir=$tmp/src-$k
		copy_tree "$bdir"
		kdir=/usr/src/linux-headers-$KREL
		run() { "$@"; }
		out=$bdir
	fi
	cflag=
	run sh -c 'command -v sparse' >/dev/null 2>&1 && cflag=C=1
	# 7.x's Makefile runs scripts/checker-valid.sh before C=1, and Debian's headers do
	# not ship it (C=1 then quietly checks nothing): put in one of ours, which says 1
	# when the checker runs and knows __typeof_unqual__, as the kernel's asks
	common=$ROOT/usr/src/linux-headers-${KREL%-amd64}-common
	if [ -n "$cflag" ] && grep -qs 'scripts/checker-valid.sh' "$common/Makefile" &&
		[ ! -e "$common/scripts/checker-valid.sh" ]; then
		cat > "$common/scripts/checker-valid.sh" <<'CHK'
#!/bin/sh
# not Debian's: tests/kernels/run.sh of klat puts it here, as linux-headers lacks it
command -v "$1" >/dev/null 2>&1 || { echo 0; exit 0; }
t=$(mktemp --suffix=.c) || { echo 0; exit 0; }
printf 'int f(const int *q)\n{\n\t__typeof_unqual__(*q) v = *q;\n\treturn v;\n}\n' > "$t"
if "$@" "$t" 2>&1 | grep -q error; then echo 0; else echo 1; fi
rm -f "$t"
CHK
		chmod 755 "$common/scripts/checker-valid.sh"
		say "$k: added scripts/checker-valid.sh to $common (Debian's headers lack it)"
	fi
	gccv=$(grep -m1 '^CONFIG_CC_VERSION_TEXT' "$ROOT$kdir/.config" | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | tail -n 1)
	run make -C "$kdir" M="$bdir" W=1 $cflag modules >"$results/$k-build.log" 2>&1
	brc=$?
	run make -C "$kdir" M="$bdir/tests/vm/mod" modules >"$results/$k-testmod.log" 2>&1
	mrc=$?
	[ -n "$ROOT" ] && umount_chroot "$ROOT"
	t_build=$((SECONDS - t1))
	nwarn=$(grep -cE 'warning:' "$results/$k-build.log")
	if [ -n "$cflag" ] && grep -q 'C=1 specified, but' "$results/$k-build.log"; then
		say "$k: sparse did not run (see $results/$k-build.log)"
		cflag="C=1 (sparse refused)"
		nwarn=$((nwarn + 1))
	fi
	build=ok
	if [ "$brc" != 0 ] || [ ! -f "$out/klat.ko" ]; then
		build=FAIL
		grep -E 'error:' "$results/$k-build.log" | head -n 10 >&2
	elif [ "$mrc" != 0 ]; then
		build=FAIL
		say "$k: tests/vm/mod build failed:"
		grep -E 'error:' "$results/$k-testmod.log" | head -n 10 >&2
	fi
	[ "$nwarn" -gt 0 ] && grep -E 'warning:' "$results/$k-build.log" | head -n 10 >&2
	say "$k: build $build, $nwarn warning(s) (W=1${cflag:+ $cflag}, gcc $gccv), ${t_build}s"
	[ "$build" = ok ] && [ "$nwarn" = 0 ] || status=1

	# VM suite
	vm=- t_vm=- failing=
	if [ "$build" = ok ] && [ "$build_only" = 0 ]; then
		t2=$SECONDS
		KLAT_KERNEL=$IMAGE KLAT_KO=$out/klat.ko \
			KLAT_TESTMOD_KO=$out/tests/vm/mod/klat_testmod.ko KLAT_KRPMIN_KO=$out/tests/vm/mod/klat_krpmin.ko \
			KLAT_TIMEOUT=${KLAT_TIMEOUT:-900} KLAT_LOG_DIR=$results/$k-vm \
			nice bash "$root/tests/vm/run.sh" "${args[@]}" >"$results/$k-vm.log" 2>&1
		vrc=$?
		t_vm=$((SECONDS - t2))
		sed -n '/klat VM test summary/,$p' "$results/$k-vm.log" >&2
		if [ "$vrc" = 0 ]; then
			vm=PASS
		else
			vm=FAIL
			status=1
			failing=$(grep -E '^FAIL ' "$results/$k-vm.log" | awk '{print $2}' | sed 's|^t/||; s|\.sh$||' | paste -sd' ')
			grep -q 'panicked, oopsed' "$results/$k-vm.log" && failing="$failing (oops)"
			grep -q 'timed out' "$results/$k-vm.log" && failing="$failing (timeout)"
		fi
	fi
	printf '%-5s %-26s %-26s %-8s %-4s %-6s %-8s %6s %6s %6s  %s\n' "$k" "$KREL" "$PKGVER" "${gccv:--}" \
		"$build" "$nwarn" "$vm" "$t_setup" "$t_build" "$t_vm" "${failing:--}" >> "$summary"
done

echo
echo "================ klat kernel matrix ($(date -u +%Y-%m-%d)) ================"
cat "$summary"
echo "logs: $results"
exit $status
