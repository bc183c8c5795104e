#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests of the klatctl binary against the fixture trees: exit codes, one-line error
# messages, --help, every output format (golden files shared with check_klatctl), JSON parsed
# back with python3, Prometheus checked with promtool (skipped when either is missing), writes
# on a scratch copy, and one real `top -b` frame.  top over fixtures that change between frames
# is tested in check_klatctl.c, through klatctl_top_run()'s source.
#
# usage: KLATCTL=path/to/klatctl FIXTURES=path/to/tests/fixtures sh cli_test.sh

KLATCTL=${KLATCTL:-$(dirname "$0")/../../../tools/klatctl}
FIXTURES=${FIXTURES:-$(dirname "$0")/../../fixtures}
GOLDEN=$FIXTURES/golden
BASIC=$FIXTURES/basic/debugfs/klat
BASIC2=$FIXTURES/basic2/debugfs/klat
EMPTY=$FIXTURES/empty/debugfs/klat
EXTCOLS=$FIXTURES/extcols/debugfs/klat

unset KLAT_ROOT KLAT_TRACING
# ok DESC passes, fail DESC fails and shows the last run's stderr, skip DESC
. "$(dirname "$0")/../../tap.sh"
T=$(mktemp -d /tmp/klatctl-cli-XXXXXX)
at_exit 'rm -rf "$T"'
TAP_DIAG_FILE=$T/err

# run CMD...: stdout to $T/out, stderr to $T/err, status in $rc
run() {
	"$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# expect NAME RC [STDERR-SUBSTRING]: the last run exited RC, stderr has the substring and, for
# a failure, is a single line.
expect() {
	name=$1
	want=$2
	msg=$3
	if [ "$rc" != "$want" ]; then
		fail "$name: exit $rc, want $want"
		return
	fi
	if [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then
		fail "$name: stderr lacks '$msg'"
		return
	fi
	if { [ "$want" = 1 ] || [ "$want" = 3 ]; } && [ "$(wc -l <"$T/err")" != 1 ]; then
		fail "$name: stderr is not one line"
		return
	fi
	ok "$name"
}

# same NAME GOLDEN-FILE: stdout of the last run equals the golden file
same() {
	if [ "$rc" != 0 ]; then
		fail "$1: exit $rc"
	elif cmp -s "$T/out" "$2"; then
		ok "$1"
	else
		fail "$1: differs from $2"
		diff -u "$2" "$T/out" | head -20 | sed 's/^/#   /'
	fi
}

K="$KLATCTL --root $BASIC"

# ---- help and usage ----
run $KLATCTL --help
expect "--help" 0
grep -q "^Examples:" "$T/out" && grep -q "^  top " "$T/out" && ok "--help lists commands and examples" ||
	fail "--help lists commands and examples"
for c in list add del syscalls stats hist log filter reset top errors procs; do
	run $KLATCTL $c --help
	if [ "$rc" = 0 ] && grep -q "^Usage: klatctl $c " "$T/out" && grep -qi "example" "$T/out"; then
		ok "$c --help"
	else
		fail "$c --help"
	fi
done
run $KLATCTL --version
expect "--version" 0
# the filter decides which calls are timed at all (sysfs-docs/debugfs-klat), and tgid= exists
run $KLATCTL filter --help
if grep -q "^  tgid=TGID" "$T/out" && grep -q "decide which calls are timed at all" "$T/out" &&
	! grep -q "statistics count every call" "$T/out"; then
	ok "filter --help: what the filter decides, tgid="
else
	fail "filter --help: what the filter decides, tgid="
fi
MAN=$(dirname "$0")/../../../tools/klatctl.8
if [ -f "$MAN" ] && grep -q '^\.BR tgid= ' "$MAN" && grep -q "is not timed and" "$MAN" &&
	! grep -q "statistics count every call" "$MAN"; then
	ok "man page: what the filter decides, tgid="
else
	fail "man page: what the filter decides, tgid="
fi

run $KLATCTL
expect "no command" 2 "missing COMMAND"
run $KLATCTL frobnicate
expect "unknown command" 2 "unknown command 'frobnicate'; see 'klatctl --help'"
run $KLATCTL stat
expect "did you mean" 2 "unknown command 'stat'; did you mean 'stats'?"
run $KLATCTL fitler
expect "did you mean, a swap" 2 "did you mean 'filter'?"
# -h and help CMD print what --help prints
run $KLATCTL --help
cp "$T/out" "$T/help"
run $KLATCTL -h
[ "$rc" = 0 ] && cmp -s "$T/out" "$T/help" && ok "-h is --help" || fail "-h is --help"
run $KLATCTL help
[ "$rc" = 0 ] && cmp -s "$T/out" "$T/help" && ok "help is --help" || fail "help is --help"
for c in stats hist filter; do
	run $KLATCTL $c --help
	cp "$T/out" "$T/help"
	run $KLATCTL help $c
	[ "$rc" = 0 ] && cmp -s "$T/out" "$T/help" && ok "help $c" || fail "help $c"
	run $KLATCTL $c -h
	[ "$rc" = 0 ] && cmp -s "$T/out" "$T/help" && ok "$c -h" || fail "$c -h"
done
run $KLATCTL help stat
expect "help of an unknown command" 2 "did you mean 'stats'?"
run $KLATCTL help stats hist
expect "help of two commands" 2 "help takes one COMMAND"
run $K list extra
expect "list takes no arguments" 2 "takes no arguments"
run $K stats --json --prometheus
expect "--json with --prometheus" 2 "exclude each other"
run $K add
expect "add without symbol" 2 "missing SYMBOL"
run $K del
expect "del without symbol" 2 "missing SYMBOL"
run $K del --all foo
expect "del --all with a symbol" 2 "--all takes no SYMBOL"
run $K hist
expect "hist without symbol" 2 "missing SYMBOL"
run $K stats --bogus
expect "unknown option" 2 "unrecognized option"
run $K stats --sort p98
expect "stats --sort of no column" 2 "invalid sort column 'p98'"
run $K stats -u --ms
expect "two units" 2 "exclude each other"
run $K stats --ns --json
expect "a unit with --json" 2 "are for the table"
run $K stats --sort p99 -p
expect "--sort with --prometheus" 2 "--sort is for the table and --json"

# strict numbers
for bad in 12x "" -1 0 99999999999999999999 1.2345 0.05; do
	run $K top -b -n 1 -d "$bad"
	expect "top -d '$bad' rejected" 2 "invalid interval"
done
for bad in 12x "" -1 0 18446744073709551616; do
	run $K top -b -n "$bad"
	expect "top -n '$bad' rejected" 2 "invalid -n"
done
for bad in 12x -5 0 1e3; do
	run $K add --max "$bad" 'tcp_*'
	expect "add --max '$bad' rejected" 2 "invalid --max"
done
run $K log -f -c x
expect "log -c x rejected" 2 "invalid --count"
run $K top -b -n 1 -s p50
expect "top -s p50 rejected" 2 "invalid sort key"

# ---- errors a user can hit ----
run $KLATCTL --root "$FIXTURES/nonexistent/klat" list
expect "module not loaded" 3 "modprobe klat (or insmod klat.ko)"
KLAT_ROOT=$FIXTURES/nonexistent/klat run $KLATCTL stats
expect "KLAT_ROOT honoured" 3 "$FIXTURES/nonexistent/klat not found"
KLAT_ROOT=$FIXTURES/nonexistent/klat run $KLATCTL --root "$BASIC" list
same "--root overrides KLAT_ROOT" "$GOLDEN/list.out"
run $K hist nosuch_fn
expect "hist of an unknown target" 1 "nosuch_fn: not a klat target"
run $K stats nosuch_fn
expect "stats of an unknown target" 1 "nosuch_fn: not a klat target"
run $K filter -t nosuch_fn
expect "filter of an unknown target" 1 "nosuch_fn: not a klat target"
# --root at the debugfs mount, not klat's directory in it: not the kernel's ENOENT
for c in "add vfs_read" "reset" "del vfs_read" "list" "stats" "hist __sys_socket" "filter pid=1"; do
	run $KLATCTL --root "$FIXTURES/basic/debugfs" $c
	expect "$c with --root at debugfs" 3 "klat is not at --root; did you mean --root $FIXTURES/basic/debugfs/klat?"
done
run $K add -n bogus_fn vfs_read
expect "add -n of an untraceable function" 1 "add: bogus_fn: not traceable"
[ "$(cat "$T/out")" = vfs_read ] && ok "add -n prints the traceable ones" ||
	fail "add -n prints the traceable ones"
run $K add -n syscall:nosuch
expect "add -n of an unknown syscall" 1 "add: syscall:nosuch: not a system call of this kernel"
run $K add -n syscall:newfstat syscall:read
[ "$rc" = 0 ] && [ "$(cat "$T/out" | tr '\n' ' ')" = "syscall:newfstat syscall:read " ] &&
	ok "add -n syscall:NAME, by the kernel's name too" || fail "add -n syscall:NAME, by the kernel's name too"
run $K add -n --max 40 'syscall:*'
expect "syscall glob over --max" 1 "'syscall:*' matches 41 system calls, more than --max 40"
run $K add -n --max 4 'syscall:*sock*'
expect "syscall glob over --max 4" 1 "'syscall:*sock*' matches 5 system calls, more than --max 4"
run $K add -n 'syscall:nomatch*'
expect "syscall glob matching nothing" 1 "no system call matches 'syscall:nomatch*'"
run $K syscalls nosuch
expect "syscalls of an unknown name" 1 "nosuch: not a system call of this kernel"
run $KLATCTL --root "$EXTCOLS" syscalls
expect "syscalls of an older module" 1 "this klat module does not list the system calls"
run $K add -n tcp_v4_early_demux
expect "add -n of a blacklisted function" 1 "tcp_v4_early_demux: not traceable: in the kprobes blacklist"
run $K add -n 'ext4_*'
expect "glob over --max" 1 "matches 123 traceable functions, more than --max 100"
run $K add -n 'nomatch_*'
expect "glob matching nothing" 1 "no traceable function matches 'nomatch_*'"
run $K add -n --tracing "$FIXTURES/nonexistent" 'tcp_*'
expect "no tracefs" 1 "is tracefs mounted?"
# not root: debugfs is 0700, so an ordinary user gets EACCES already on the klat directory
mkdir -p "$T/priv/klat"
chmod 755 "$T"
chmod 700 "$T/priv"
if [ "$(id -u)" != 0 ]; then
	run $KLATCTL --root "$T/priv/klat" list
	expect "not root" 1 "permission denied (EACCES); klatctl must run as root"
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups "$KLATCTL" --version >/dev/null 2>&1; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups $KLATCTL --root "$T/priv/klat" list
	expect "not root" 1 "permission denied (EACCES); klatctl must run as root"
else
	skip "not-root message (root without setpriv, or klatctl not reachable by nobody)"
fi

mkdir -p "$T/bad/klat"
printf '# target hits errors\nfoo 1 2\nbar 12x 0\n' >"$T/bad/klat/stats"
printf '# symbol state maxactive\n' >"$T/bad/klat/targets"
run $KLATCTL --root "$T/bad/klat" stats
expect "malformed stats" 1 "stats:3: cannot parse"

# ---- output formats (golden files) ----
run $K list
same "list" "$GOLDEN/list.out"
run $K list --json
same "list --json" "$GOLDEN/list.json"
run $K stats
same "stats" "$GOLDEN/stats.out"
run $K stats --json
same "stats --json" "$GOLDEN/stats.json"
run $K stats -j 'tcp_*' __sys_socket
same "stats --json SYMBOL..." "$GOLDEN/stats-select.json"
run $K stats --prometheus
same "stats --prometheus" "$GOLDEN/stats.prom"
cp "$T/out" "$T/stats.prom"
run $K stats --ns
same "stats --ns" "$GOLDEN/stats-ns.out"
# whole numbers sort with sort -n: p99 (column 9) ascending, the target without calls first
p99s=$(sed 1d "$T/out" | sort -k9 -n | awk '{ printf "%s ", $9 }')
[ "$p99s" = "- 3186 9469 637391 1661082762 " ] && ok "stats --ns | sort -k9 -n" ||
	fail "stats --ns | sort -k9 -n: $p99s"
run $K stats -u --sort p99
same "stats -u --sort p99" "$GOLDEN/stats-sort-p99-us.out"
run $K stats --milliseconds -s min
same "stats --milliseconds -s min" "$GOLDEN/stats-sort-min-ms.out"
run $K stats --json --sort errors
same "stats --json --sort errors" "$GOLDEN/stats-sort-errors.json"
run $KLATCTL --root "$EXTCOLS" stats
same "stats with reordered and appended columns" "$GOLDEN/stats-extcols.out"
run $KLATCTL --root "$EXTCOLS" stats --json
same "stats --json, appended columns" "$GOLDEN/stats-extcols.json"
cp "$T/out" "$T/extcols.json"
run $KLATCTL --root "$EMPTY" stats --json
same "stats --json, no target" "$GOLDEN/stats-empty.json"
cp "$T/out" "$T/empty.json"
run $KLATCTL --root "$EMPTY" stats -p
same "stats --prometheus, no target" "$GOLDEN/stats-empty.prom"
cp "$T/out" "$T/empty.prom"
run $K hist __sys_socket
same "hist" "$GOLDEN/hist-sys_socket.out"
run $K hist --fine __sys_socket
same "hist --fine" "$GOLDEN/hist-sys_socket-fine.out"
grep -q "^avg = 1811 nsecs, total: 217326 nsecs, count: 120$" "$T/out" &&
	ok "hist summary line" || fail "hist summary line"
run $K hist 'tcp_*'
same "hist with a glob" "$GOLDEN/hist-tcp_v4_connect.out"
run $K log
same "log" "$GOLDEN/log.out"
run $K log --raw
same "log --raw" "$GOLDEN/log-raw.out"
run $K errors
same "errors" "$GOLDEN/errors.out"
run $K errors --json
same "errors --json" "$GOLDEN/errors.json"
run $K hist -j __sys_socket vfs_fsync_range
same "hist --json" "$GOLDEN/hist.json"
run $K hist -j -f 'ext4_*'
same "hist --json --fine" "$GOLDEN/hist-fine.json"
run $K log --json
same "log --json" "$GOLDEN/log.json"
run timeout 10 $K log -f --json -d 0.1 -c 2
same "log -f --json" "$GOLDEN/log-follow.jsonl"
run $K log --json --raw
expect "log --json --raw" 2 "exclude each other"
run $K add -n 'tcp_v4_*' syscall:openat vfs_read
same "add --dry-run" "$GOLDEN/add-dry-run.out"
run $K syscalls
same "syscalls" "$GOLDEN/syscalls.out"
run $K syscalls --json
same "syscalls --json" "$GOLDEN/syscalls.json"
run $K syscalls 'epoll*' read newfstat '*sock*'
same "syscalls GLOB..." "$GOLDEN/syscalls-select.out"
run $K syscalls -j 'epoll*'
same "syscalls --json GLOB" "$GOLDEN/syscalls-epoll.json"
run $K filter
[ "$rc" = 0 ] && [ "$(tail -n 1 "$T/out")" = "pid=1234 log_errors=1" ] && ok "filter" || fail "filter"

# ---- procs ----
run $K procs
same "procs" "$GOLDEN/procs.out"
run $K procs -n 1 --json
same "procs -n 1 --json" "$GOLDEN/procs-n1.json"
run $KLATCTL --root "$BASIC2" procs -n 2 -u 'tcp_*' ext4_file_write_iter
same "procs -n 2 -u SYMBOLS" "$GOLDEN/procs-select-us.out"
grep -q "ext4_file_write_iter: per-process figures are off" "$T/err" &&
	ok "procs of a target switched off: a warning" || fail "procs of a target switched off: a warning"
run $K procs --ns __sys_socket
[ "$rc" = 0 ] && [ "$(awk '$2 == 1234 { print $6 }' "$T/out")" = 190089 ] && ok "procs --ns" ||
	fail "procs --ns"
run $K procs nosuch
expect "procs of no target" 1 "nosuch: not a klat target"
run $K procs --on
expect "procs --on without a symbol" 2 "--on and --off need a SYMBOL"
run $K procs --on --off x
expect "procs --on --off" 2 "exclude each other"
run $K procs --json -u
expect "procs --json -u" 2 "are for the table"
run $K procs --off -n 2 x
expect "procs --off -n" 2 "print nothing"
run $K procs -n 0
expect "procs -n 0" 2 "invalid -n '0'"
run $K top -P -s p99
expect "top -P -s" 2 "-P sorts by time/s"
run timeout 10 $K top -P -b -n 1 -d 0.1
[ "$rc" = 0 ] && [ "$(head -n 1 "$T/out")" = "klat top -P: 0 processes, 0.0 calls/s, every 0.1s, by time/s" ] &&
	ok "top -P -b: no process made a call between two reads of the same files" ||
	fail "top -P -b: $(head -n 1 "$T/out")"

# JSON parsed back
if command -v python3 >/dev/null 2>&1; then
	for j in "$GOLDEN/stats.json" "$T/extcols.json" "$T/empty.json"; do
		if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1 and isinstance(d["targets"], list)
for o in d["targets"]:
    assert isinstance(o["target"], str)
    for k in ("hits", "errors", "missed"):
        assert isinstance(o[k], int), k
    for k in ("min_ns", "avg_ns", "p50_ns", "p90_ns", "p99_ns", "max_ns"):
        if o["hits"]:
            assert isinstance(o[k], int), k
        else:
            assert o[k] is None, k
' "$j" 2>"$T/err"; then
			ok "JSON parses: $(basename "$j")"
		else
			fail "JSON parses: $(basename "$j")"
		fi
	done
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["targets"]
assert [o["target"] for o in d] == ["__sys_socket", "tcp_v4_connect", "do_sys_openat2", "ext4_file_write_iter", "vfs_fsync_range"]
assert d[1]["p999_ns"] == 1160821 and d[1]["stddev_ns"] == 113326 and d[1]["missed"] == 4
assert d[4]["hits"] == 0 and d[4]["min_ns"] is None
' "$GOLDEN/stats.json" 2>"$T/err" && ok "JSON values" || fail "JSON values"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1
assert [(o["target"], o["state"], o["maxactive"], o["syscall"]) for o in d["targets"]][:2] == [("__sys_socket", "active", 0, "socket"), ("tcp_v4_connect", "active", 64, None)]
' "$GOLDEN/list.json" 2>"$T/err" && ok "list --json parses" || fail "list --json parses"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 1 and len(d["syscalls"]) == 42
by = {o["name"]: o for o in d["syscalls"]}
assert by["read"] == {"nr": 0, "name": "read", "symbol": "ksys_read", "args": ["fd", "buf", "count"],
                      "state": "ok"}
assert by["perf_event_open"]["state"] == "notrace"
assert by["fstat"]["symbol"] == "__x64_sys_newfstat" and by["getpid"]["args"] == []
assert by["lookup_dcookie"]["args"] is None
nrs = [o["nr"] for o in d["syscalls"]]
assert nrs == sorted(nrs)
' "$GOLDEN/syscalls.json" 2>"$T/err" && ok "syscalls --json parses" || fail "syscalls --json parses"
	python3 -c '
import json, sys
frames = [json.loads(x) for x in open(sys.argv[1])]
assert len(frames) == 2
for f in frames:
    assert f["version"] == 1 and isinstance(f["time"], float) and f["interval_s"] == 2.0
    for t in f["targets"]:
        assert set(t) == {"target", "calls_s", "errors_s", "calls", "errors", "p50_ns", "p99_ns", "max_ns"}
        assert (t["p99_ns"] is None) == (t["calls"] == 0)
' "$GOLDEN/top.jsonl" 2>"$T/err" && ok "top --json parses" || fail "top --json parses"
	python3 -c '
import json, sys
g = sys.argv[1]
p = json.load(open(g + "/procs-n1.json"))
assert p["version"] == 1 and [o["tgid"] for o in p["procs"]] == [1234, 2001, 350]
assert set(p["procs"][0]) == {"target", "tgid", "comm", "calls", "errors", "total_ns", "max_ns", "avg_ns", "over_ns"}
f = [json.loads(x) for x in open(g + "/top-procs.jsonl")]
assert len(f) == 1 and f[0]["version"] == 1 and f[0]["interval_s"] == 2.0
r = f[0]["procs"]
assert [o["tgid"] for o in r] == [515, 3003, 2002, 2001, 350, 4242, 1234]
assert all(o["calls_s"] * 2 == o["calls"] for o in r)
assert sorted(r, key=lambda o: -o["time_ns_s"]) == r
' "$GOLDEN" 2>"$T/err" && ok "procs --json, top -P --json parse" || fail "procs --json, top -P --json parse"
	python3 -c '
import json, sys
g = sys.argv[1]
e = json.load(open(g + "/errors.json"))
assert e["version"] == 1 and e["errors"][0] == {"target": "__sys_socket", "errno": 97, "name": "EAFNOSUPPORT", "count": 2}
h = json.load(open(g + "/hist.json"))
assert h["version"] == 1
s = h["histograms"][0]
assert s["target"] == "__sys_socket" and s["count"] == 120 == sum(b["count"] for b in s["buckets"])
assert s["avg_ns"] == 1811 and s["sum_ns"] == 217326
assert all(b["high_ns"] == 2 * b["low_ns"] - 1 for b in s["buckets"])
assert h["histograms"][1]["avg_ns"] is None and h["histograms"][1]["buckets"] == []
l = json.load(open(g + "/log.json"))
assert l["version"] == 1 and l["capacity"] == 4096 and len(l["events"]) == 8
assert l["events"][1]["ret"] == -97 and l["events"][1]["errno_name"] == "EAFNOSUPPORT"
assert l["events"][0]["errno_name"] is None
lines = [json.loads(x) for x in open(g + "/log-follow.jsonl")]
assert [x["seq"] for x in lines] == list(range(1, 9)) and all(x["version"] == 1 for x in lines)
assert [dict(x, version=None) for x in lines] == [dict(x, version=None) for x in l["events"]]
' "$GOLDEN" 2>"$T/err" && ok "errors, hist, log --json parse" || fail "errors, hist, log --json parse"
else
	skip "JSON parse check (no python3)"
fi

# Prometheus checked by promtool
if command -v promtool >/dev/null 2>&1; then
	for p in "$T/stats.prom" "$T/empty.prom"; do
		if promtool check metrics <"$p" >"$T/err" 2>&1; then
			ok "promtool check metrics: $(basename "$p")"
		else
			fail "promtool check metrics: $(basename "$p")"
		fi
	done
else
	skip "promtool check metrics (promtool not installed)"
fi

# ---- top ----
run timeout 10 $K top -b -n 1 -d 0.1
[ "$rc" = 0 ] && [ "$(grep -c '^klat top: ' "$T/out")" = 1 ] && ok "top -b -d 0.1 (real sleep)" ||
	fail "top -b -d 0.1 (real sleep)"
run timeout 10 $K top --json -n 2 -d 0.1
if [ "$rc" = 0 ] && [ "$(wc -l <"$T/out")" = 2 ] && ! grep -q "$(printf '\033')" "$T/out" &&
	grep -q '^{"version": 1, "time": [0-9.]*, "interval_s": 0.1[0-9]*, "sort": "calls", "targets": \[{"target": "__sys_socket", "calls_s": 0.000, ' "$T/out"; then
	ok "top --json -n 2 -d 0.1: two lines"
else
	fail "top --json -n 2 -d 0.1: two lines"
fi

# ---- writes, on a scratch copy ----
cp -r "$FIXTURES/basic/debugfs" "$T/w"
W="$KLATCTL --root $T/w/klat"
run $W add tcp_v4_connect 'vfs_[rw]*'
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/targets" | tr '\n' ' ')" = "tcp_v4_connect vfs_read vfs_write " ] &&
	ok "add writes every symbol in one write" || fail "add writes every symbol in one write"
run $W add 'syscall:*sock*' syscall:newfstat
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/targets" | tr '\n' ' ')" = "syscall:socket syscall:getsockname syscall:socketpair syscall:setsockopt syscall:getsockopt syscall:newfstat " ] &&
	ok "add syscall:GLOB" || fail "add syscall:GLOB"
run $W add --max 41 'syscall:*'
[ "$rc" = 0 ] && cmp -s "$T/w/klat/targets" "$GOLDEN/add-syscall-all.targets" && ok "add --max 41 'syscall:*'" ||
	fail "add --max 41 'syscall:*'"
cp "$BASIC/targets" "$T/w/klat/targets"
run $W del 'syscall:sock*'
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/targets")" = "-__sys_socket" ] && ok "del syscall:GLOB" ||
	fail "del syscall:GLOB"
run $W add 'bad symbol'
expect "add rejects blanks" 2 "invalid symbol"
run $W del __sys_socket
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/targets")" = "-__sys_socket" ] && ok "del" || fail "del"
cp "$BASIC/targets" "$T/w/klat/targets"
run $W -v del --all
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/targets" | tr '\n' ' ')" = "-__sys_socket -tcp_v4_connect -do_sys_openat2 -ext4_file_write_iter -vfs_fsync_range " ] &&
	[ "$(wc -l <"$T/out")" = 5 ] && ok "del --all" || fail "del --all"
run $W filter pid=1,2 comm=foo log_min_ns=1000 log_errors=1
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/filter")" = "pid=1,2 comm=foo log_min_ns=1000 log_errors=1" ] &&
	ok "filter TERMS" || fail "filter TERMS"
run $W filter -t tcp_v4_connect clear
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/probes/tcp_v4_connect/filter")" = "clear" ] && ok "filter -t" ||
	fail "filter -t"
run $W reset
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/reset")" = "1" ] && ok "reset" || fail "reset"
cp "$BASIC/targets" "$T/w/klat/targets"
run $W -v reset 'tcp_*' syscall:socket
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/reset" | tr '\n' ' ')" = "tcp_v4_connect syscall:socket " ] &&
	[ "$(cat "$T/out")" = "$(printf 'reset tcp_v4_connect\nreset syscall:socket')" ] &&
	ok "reset NAMES: one write, globs expanded" || fail "reset NAMES: one write, globs expanded"
run $W reset 2
expect "reset of a name starting with a digit" 2 "reset: invalid symbol '2'"
run $W reset 'a b'
expect "reset rejects blanks" 2 "invalid symbol"
: >"$T/w/klat/reset"
run $W reset 'nosuch*'
[ "$rc" = 0 ] && [ ! -s "$T/w/klat/reset" ] && grep -q "no target matches 'nosuch\*'" "$T/err" &&
	ok "reset GLOB matching nothing writes nothing" || fail "reset GLOB matching nothing writes nothing"
run $W procs --off 'tcp_*'
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/probes/tcp_v4_connect/procs")" = 0 ] && ok "procs --off GLOB" ||
	fail "procs --off GLOB"
run $W procs --on __sys_socket
[ "$rc" = 0 ] && [ "$(cat "$T/w/klat/probes/__sys_socket/procs")" = 1 ] && ok "procs --on" ||
	fail "procs --on"
run $W filter "$(printf 'a\nb')"
expect "filter rejects newlines" 2 "newline"

# log -f: prints each event once across polls, then new ones
run timeout 10 $W log -f -d 0.1 -c 3
[ "$rc" = 0 ] && [ "$(wc -l <"$T/out")" = 9 ] && ok "log -f -c 3" || fail "log -f -c 3"
(sleep 0.5; cp "$BASIC2/log" "$T/w/klat/log") &
run timeout 10 $W log -f -r -d 0.2 -c 8
wait
seqs=$(sed 's/^seq=\([0-9]*\) .*/\1/' "$T/out" | tr '\n' ' ')
[ "$rc" = 0 ] && [ "$seqs" = "1 2 3 4 5 6 7 8 9 10 " ] && ok "log -f prints only newer events" ||
	fail "log -f prints only newer events: $seqs"
# a reloaded module numbers its events from 1 again
cp "$BASIC/log" "$T/w/klat/log"
(sleep 0.5; printf 'seq=1 comm=a\nseq=2 comm=b\n' >"$T/w/klat/log") &
run timeout 10 $W log -f -r -d 0.2 -c 8
wait
seqs=$(sed 's/^seq=\([0-9]*\) .*/\1/' "$T/out" | tr '\n' ' ')
[ "$rc" = 0 ] && [ "$seqs" = "1 2 3 4 5 6 7 8 1 2 " ] && ok "log -f after a module reload" ||
	fail "log -f after a module reload: $seqs"

# log -f: a gap between two reads is "# LOST N events" (JSON: {"version": 1, "lost": N})
cp "$BASIC/log" "$T/w/klat/log"
(sleep 0.5; sed -n '1,2p;$p' "$BASIC/log" | sed 's/^seq=8 /seq=12 /' >"$T/w/klat/log") &
run timeout 10 $W log -f -r -d 0.2 -c 8
wait
seqs=$(sed 's/^seq=\([0-9]*\) .*/\1/' "$T/out" | tr '\n' ' ')
[ "$rc" = 0 ] && [ "$seqs" = "1 2 3 4 5 6 7 8 # LOST 3 events 12 " ] &&
	ok "log -f reports a gap as LOST" || fail "log -f reports a gap as LOST: $seqs"
cp "$BASIC/log" "$T/w/klat/log"
(sleep 0.5; sed -n '1,2p;$p' "$BASIC/log" | sed 's/^seq=8 /seq=12 /' >"$T/w/klat/log") &
run timeout 10 $W log -f --json -d 0.2 -c 8
wait
[ "$rc" = 0 ] && [ "$(sed -n 9p "$T/out")" = '{"version": 1, "lost": 3}' ] &&
	grep -q '^{"version": 1, "seq": 12, ' "$T/out" && ok "log -f --json reports LOST" ||
	fail "log -f --json reports LOST"
# log SYM... and --wall
cp "$BASIC/log" "$T/w/klat/log"
run $W log 'tcp_*' ext4_file_write_iter
same "log SYM..." "$GOLDEN/log-select.out"
run env TZ=UTC $W log --wall __sys_socket
[ "$rc" = 0 ] && [ "$(head -c 14 "$T/out")" = "#     seq time" ] &&
	[ "$(grep -cE '^ +[12] [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00 +[0-9]+ ' \
		"$T/out")" = 2 ] && ok "log --wall" || fail "log --wall"
run $W log --wall --json
expect "log --wall is not for --json" 2 "--wall is for the table"

# stats -i/-d: windows from two reads (the figures are checked in check_klatctl.c)
rm -rf "$T/win" && mkdir "$T/win" && cp -r "$BASIC/." "$T/win/"
(sleep 0.3; cp -r "$BASIC2/." "$T/win/") &
run timeout 10 $KLATCTL --root "$T/win" stats -d 1 --ns __sys_socket
wait
[ "$rc" = 0 ] && [ "$(wc -l <"$T/out")" = 3 ] && grep -qE '^# [0-9]{2}:[0-9]{2}:[0-9]{2}$' "$T/out" &&
	grep -qE '^__sys_socket +50 +1 +0 +- +1506 ' "$T/out" && ok "stats -d" || fail "stats -d"
run timeout 10 $W stats -i 0.1 -c 3
[ "$rc" = 0 ] && [ "$(grep -c '^# [0-9][0-9]:' "$T/out")" = 3 ] &&
	[ "$(grep -c '^__sys_socket  *0  *0  *0  *-' "$T/out")" = 3 ] && ok "stats -i -c" ||
	fail "stats -i -c"
run timeout 10 $W stats -i 0.1 -d 0.35
[ "$rc" = 0 ] && [ "$(grep -c '^# [0-9][0-9]:' "$T/out")" = 3 ] && ok "stats -i -d" ||
	fail "stats -i -d"
run timeout --preserve-status -s INT 0.5 $W stats -i 0.2
[ "$rc" = 0 ] && [ "$(grep -c '^# [0-9][0-9]:' "$T/out")" -ge 1 ] && ok "stats -i ends at SIGINT" ||
	fail "stats -i ends at SIGINT: exit $rc"
run timeout 10 $W stats -d 1 nosuch
[ "$rc" = 1 ] && [ ! -s "$T/out" ] && grep -q "nosuch: not a klat target" "$T/err" &&
	ok "stats -d checks its names first" || fail "stats -d checks its names first"
run $W stats -d 1 --prometheus
expect "stats -d is not for --prometheus" 2 "not for --prometheus"
run $W stats -c 2
expect "stats -c needs -i" 2 "-c counts the reports of -i"
run $W stats -i 0.05
expect "stats -i checks its number" 2 "invalid interval '0.05'"

# hist -i/-d
rm -rf "$T/win" && mkdir "$T/win" && cp -r "$BASIC/." "$T/win/"
(sleep 0.3; cp -r "$BASIC2/." "$T/win/") &
run timeout 10 $KLATCTL --root "$T/win" hist -d 1 '__sys_*'
wait
[ "$rc" = 0 ] && grep -qE '^# [0-9]{2}:[0-9]{2}:[0-9]{2}$' "$T/out" &&
	grep -qx '__sys_socket: 50 calls' "$T/out" &&
	grep -qx 'avg = 1506 nsecs, total: 75330 nsecs, count: 50' "$T/out" && ok "hist -d" ||
	fail "hist -d"
run timeout 10 $W hist -i 0.1 -c 2 __sys_socket
[ "$rc" = 0 ] && [ "$(grep -c '^# [0-9][0-9]:' "$T/out")" = 2 ] &&
	[ "$(grep -cx '__sys_socket: 0 calls' "$T/out")" = 2 ] && ok "hist -i -c" || fail "hist -i -c"
run $W hist -d 1 nosuch
expect "hist -d checks its names first" 1 "nosuch: not a klat target"

# errors -i/-d
rm -rf "$T/win" && mkdir "$T/win" && cp -r "$BASIC/." "$T/win/"
(sleep 0.3; cp -r "$BASIC2/." "$T/win/") &
run timeout 10 $KLATCTL --root "$T/win" errors -d 1 do_sys_openat2
wait
[ "$rc" = 0 ] && [ "$(wc -l <"$T/out")" = 4 ] && grep -qE '^# [0-9]{2}:[0-9]{2}:[0-9]{2}$' "$T/out" &&
	grep -qE '^do_sys_openat2 +2 ENOENT +99$' "$T/out" && ok "errors -d" || fail "errors -d"
run timeout 10 $KLATCTL --root "$T/win" errors -i 0.1 -c 2
[ "$rc" = 0 ] && [ "$(grep -c '^# [0-9][0-9]:' "$T/out")" = 2 ] && [ "$(wc -l <"$T/out")" = 4 ] &&
	ok "errors -i -c: no errno grew" || fail "errors -i -c: no errno grew"
run $W errors -c 1
expect "errors -c needs -i" 2 "-c counts the reports of -i"

# ---- bash completion ----
COMPL=$(dirname "$KLATCTL")/klatctl.bash-completion
if command -v bash >/dev/null 2>&1 && [ -f "$COMPL" ]; then
	# complete WORD...: COMPREPLY for the command line ending in the last WORD, one line
	cat >"$T/compl.bash" <<'EOS'
. "$1"
shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_klatctl
echo "${COMPREPLY[*]}"
EOS
	complete_is() {
		name=$1
		want=$2
		shift 2
		got=$(bash "$T/compl.bash" "$COMPL" "$KLATCTL" "$@" 2>"$T/err")
		[ "$got" = "$want" ] && ok "completion: $name" || fail "completion: $name: '$got'"
	}
	complete_is "commands" "stats" st
	complete_is "options of a command" "--sort" stats --so
	complete_is "stats --sort values" "p90 p99 p999" stats --sort p9
	complete_is "top --sort values" "errors" top -s e
	complete_is "targets from list" "tcp_v4_connect" --root "$BASIC" hist tc
	complete_is "reset takes targets" "tcp_v4_connect" --root "$BASIC" reset tc
	complete_is "procs options" "--off --on" procs --o
	complete_is "top -P" "-P" top -P
	complete_is "log targets" "__sys_socket tcp_v4_connect do_sys_openat2 ext4_file_write_iter vfs_fsync_range" \
		--root "$BASIC" log ""
	complete_is "add: available_filter_functions" "__sys_socket __sys_socketpair" \
		--tracing "$FIXTURES/basic/debugfs/tracing" add __sys_so
	complete_is "no names after -i" "" --root "$BASIC" stats -i ""
	complete_is "help COMMAND" "errors" help er
	complete_is "syscalls command" "syscalls" sysc
	complete_is "add syscall:NAME" "syscall:epoll_create syscall:epoll_create1" \
		--root "$BASIC" add syscall:epoll_cr
	complete_is "add sys: also offers syscall:" "syscall:" --root "$BASIC" add sysc
	complete_is "syscalls GLOB: names" "getpid getpeername getppid" --root "$BASIC" syscalls getp
	complete_is "common options" "--tracing=" --t
else
	skip "completion (bash or the script missing)"
fi
rm -rf "$T/inst"
if make -s -C "$(dirname "$KLATCTL")" install DESTDIR="$T/inst" PREFIX=/usr >"$T/out" 2>"$T/err" &&
	cmp -s "$COMPL" "$T/inst/usr/share/bash-completion/completions/klatctl"; then
	ok "make install: bash completion"
else
	fail "make install: bash completion"
fi

# ---- serve, and the textfile collector's units ----
. "$(dirname "$0")/serve_test.sh"

done_testing
echo
tap_summary cli
