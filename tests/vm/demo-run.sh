#!/bin/bash
# `make demo`: boot the VM with tests/vm/demo.sh and print what it showed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
logs=$(mktemp -d /tmp/klat-demo.XXXXXX)
trap 'rm -rf "$logs"' EXIT
KLAT_LOG_DIR=$logs bash "$here/run.sh" "$here/demo.sh" >"$logs/run.out" 2>&1
rc=$?
sed -n '/^KLAT-TEST-BEGIN.*demo/,/^KLAT-TEST-END/p' "$logs/tap.log" | tr -d '\r' |
	grep -vE '^(KLAT-TEST-|1\.\.|ok [0-9]|not ok [0-9])'
tail -n 6 "$logs/run.out"
exit $rc
