# SPDX-License-Identifier: GPL-2.0
#
# klat: build the module and klatctl, install them, and test them.
#
#   make                     klat.ko and tools/klatctl, against KDIR
#   make KDIR=/usr/src/linux-headers-6.1.0-56-amd64
#   make check               every test (installs missing Debian packages)
#   make style               checkpatch and function length on core/ and targets/
#   make check-kernels       the VM suite on every kernel of the matrix (KLAT_KERNELS=...)
#   make demo                boot a VM, load klat, show what it records

KERNELRELEASE ?= $(shell uname -r)
KERNELDIR ?= /lib/modules/$(KERNELRELEASE)/build
KDIR ?= $(KERNELDIR)
PREFIX ?= /usr
DESTDIR ?=
DEPMOD ?= depmod
PWD := $(CURDIR)

all: module tools

module:
	@$(MAKE) -C $(KDIR) M=$(PWD) modules

module-debug:
	@$(MAKE) -C $(KDIR) M=$(PWD) CONFIG_KLAT_DEBUG=y modules

tools:
	@$(MAKE) -C tools

clean:
	@$(MAKE) -C $(KDIR) M=$(PWD) clean 2>/dev/null || \
		rm -rf *.o *.ko *.mod* .*.cmd core/*.o core/.*.cmd targets/*.o targets/.*.cmd \
		Module.symvers modules.order
	@$(MAKE) -C tools clean
	@$(MAKE) -C tests/unit clean
	@$(MAKE) -C tests/fuzz clean
	@$(MAKE) -C tests/vm/mod clean KDIR=$(KDIR) 2>/dev/null || true

module-install:
	@$(MAKE) -C $(KDIR) M=$(PWD) INSTALL_MOD_DIR=extra modules_install
	$(DEPMOD) -a $(KERNELRELEASE)

install: module-install
	@$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

# --- tests ------------------------------------------------------------------
# The VM tests boot the Debian kernel that has headers installed; the module is
# built against exactly those headers.
KVER = $(shell scripts/kernel-version.sh)
VM_KDIR = /usr/src/linux-headers-$(KVER)

deps:
	@scripts/deps.sh

# kernel coding style of core/ and targets/: checkpatch.pl and function length
style:
	@scripts/style.sh

# W=1 and sparse, warnings are errors here
check-static:
	@$(MAKE) -C $(VM_KDIR) M=$(PWD) clean >/dev/null
	@$(MAKE) -C $(VM_KDIR) M=$(PWD) W=1 C=1 modules 2>&1 | tee .build.log
	@if grep -E "warning:|error:" .build.log; then \
		echo "klat: the module build has warnings" >&2; rm -f .build.log; exit 1; fi
	@rm -f .build.log

check-unit:
	@$(MAKE) -C tests/unit check
	@$(MAKE) -C tests/unit check-asan
	@$(MAKE) -C tools check
	@$(MAKE) -C tools check-asan

# each parser under libFuzzer for a bounded time (FUZZ_SECONDS each)
FUZZ_SECONDS ?= 15
check-fuzz:
	@$(MAKE) -C tests/fuzz check FUZZ_SECONDS=$(FUZZ_SECONDS)

check-vm:
	@$(MAKE) module KDIR=$(VM_KDIR)
	@$(MAKE) tools
	@$(MAKE) -C tests/vm/mod KDIR=$(VM_KDIR)
	@KLAT_KERNEL=/boot/vmlinuz-$(KVER) bash tests/vm/run.sh

check: deps
	@$(MAKE) style
	@$(MAKE) check-static
	@$(MAKE) check-unit
	@$(MAKE) check-fuzz
	@$(MAKE) check-vm
	@$(MAKE) check-soak

# 1000 add/remove and 1000 load/unload cycles, checked for slab, per-CPU, vmalloc and
# free-memory growth: two VM boots at once (12 minutes measured; SOAK_CYCLES to change
# the count)
SOAK_CYCLES ?= 1000
check-soak:
	@$(MAKE) module KDIR=$(VM_KDIR)
	@$(MAKE) tools
	@$(MAKE) -C tests/vm/mod KDIR=$(VM_KDIR)
	@KLAT_KERNEL=/boot/vmlinuz-$(KVER) KLAT_SOAK_CYCLES=$(SOAK_CYCLES) bash tests/vm/soak.sh

# the VM suite on a KASAN/KMEMLEAK/lockdep/UBSAN kernel built from linux-source-6.1
# (cached in /var/cache/klat-debug-kernel; the first build takes long: tests/debug-kernel/README.md)
check-debug: deps
	@bash tests/debug-kernel/run.sh

# kprobe and debugfs details move between releases, so: build (W=1, sparse) and run the
# VM suite on each Debian kernel of the matrix:
# 5.10 (bullseye), 6.1 (the host's), 6.12 (bookworm-backports), sid, experimental, the
# others from cached debootstrap chroots (tests/kernels/README.md).  Some of them:
#   make check-kernels KLAT_KERNELS="6.1 sid"
check-kernels: deps
	@bash tests/kernels/run.sh

# overhead benchmark: what a probed call costs against an unprobed one, one VM boot
# under -icount, table + JSON
bench: deps
	@$(MAKE) module KDIR=$(VM_KDIR)
	@KLAT_KERNEL=/boot/vmlinuz-$(KVER) bash tests/bench/run.sh

demo: deps
	@$(MAKE) module KDIR=$(VM_KDIR)
	@$(MAKE) tools
	@KLAT_KERNEL=/boot/vmlinuz-$(KVER) bash tests/vm/demo-run.sh

.PHONY: all module module-debug tools clean module-install install deps style check check-static \
	check-unit check-fuzz check-vm check-soak check-debug check-kernels demo bench
