#!/bin/sh
# Print the version of the Debian kernel klat's VM tests boot: the newest one with
# both an image in /boot and headers in /usr/src (KLAT_KVER overrides).
set -e
if [ -n "$KLAT_KVER" ]; then echo "$KLAT_KVER"; exit 0; fi
for img in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -rV); do
	v=${img#/boot/vmlinuz-}
	if [ -e "/usr/src/linux-headers-$v/Makefile" ]; then echo "$v"; exit 0; fi
done
echo "no kernel with headers: apt-get install linux-image-amd64 linux-headers-amd64" >&2
exit 1
