#!/bin/sh
# klatctl serve against the real module (klatctl with libmicrohttpd and its
# libraries from the initramfs), scraped with busybox nc (the static busybox's
# wget crashes with SIGSEGV in the initramfs): the exposition of
# a real target, a scrape that follows the calls, the scrape error when klat
# is unloaded, and a clean exit on SIGTERM.
. /tests/lib.sh
klat_require

plan 16

S=__sys_socket
K=klatctl
command -v $K > /dev/null || bail_out "no klatctl in /tests/bin (run make tools first)"

SPID=
at_exit '[ -n "$SPID" ] && kill -9 "$SPID" 2> /dev/null'

# scrape PATH: GET http://127.0.0.1:$PORT/PATH over HTTP/1.0; the body in
# /tmp/k84.body, WRC 0 when the status is 200
scrape() {
	printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" |
		timeout 10 nc 127.0.0.1 "$PORT" > /tmp/k84.raw 2> /tmp/k84.nc
	tr -d '\r' < /tmp/k84.raw | sed '1,/^$/d' > /tmp/k84.body
	WRC=1
	head -n 1 /tmp/k84.raw | grep -q '^HTTP/1\.[01] 200 ' && WRC=0
}

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

$K serve --listen 127.0.0.1:0 > /tmp/k84.out 2> /tmp/k84.err < /dev/null &
SPID=$!
PORT=
i=0
while [ $i -lt 100 ] && [ -z "$PORT" ] && kill -0 $SPID 2> /dev/null; do
	sleep 0.1
	PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/metrics.*|\1|p' /tmp/k84.err)
	i=$((i + 1))
done
if [ -z "$PORT" ]; then
	diag "$(cat /tmp/k84.err)"
	bail_out "klatctl serve does not listen"
fi
pass "klatctl serve listens on 127.0.0.1:$PORT"

# calls_in FILE: the value of klat_calls_total for $S in an exposition
calls_in() {
	sed -n "s/^klat_calls_total{target=\"$S\"} \([0-9]*\)$/\1/p" "$1"
}

# every socket() counts: nc's own too, made before the server reads the files
sockloop 25 > /dev/null
sockloop 4 999 > /dev/null
scrape /metrics
is "$WRC" 0 "GET /metrics: status 200"
B=$(cat /tmp/k84.body)
c1=$(calls_in /tmp/k84.body)
is "${c1:-none}" "$(stat_field $S hits)" "klat_calls_total of $S is the kernel's hits ($c1)"
cmp_ok "${c1:-0}" -ge 29 "at least the 29 calls made"
contains "$B" "klat_errors_total{target=\"$S\"} 4" "klat_errors_total: 4"
contains "$B" "klat_errno_returns_total{target=\"$S\",errno=\"EAFNOSUPPORT\"} 4" "per-errno counter: EAFNOSUPPORT 4"
contains "$B" "klat_latency_seconds_count{target=\"$S\"} $c1" "histogram count: $c1"
contains "$B" "klat_target_up{target=\"$S\"} 1" "klat_target_up 1"
contains "$B" "klat_scrape_error 0" "klat_scrape_error 0"
# the same lines as stats --prometheus, which reads the same files
$K stats --prometheus > /tmp/k84.prom
is "$(grep -v '^klat_scrape_error\|^# [A-Z]* klat_scrape_error' /tmp/k84.body | cmp - /tmp/k84.prom && echo same)" same \
	"the scrape is stats --prometheus plus klat_scrape_error"

sockloop 10 > /dev/null
scrape /metrics
c2=$(calls_in /tmp/k84.body)
is "$((${c2:-0} - ${c1:-0}))" 11 "the next scrape counts the 10 calls more (and nc's socket())"

rmmod klat
scrape /metrics
is "$WRC:$(grep '^klat_scrape_error ' /tmp/k84.body)" "0:klat_scrape_error 1" "klat unloaded: 200 with klat_scrape_error 1"
is "$(grep -c '^klat_calls_total' /tmp/k84.body)" 0 "and no other family"

kill -TERM $SPID
wait $SPID
is "$?" 0 "SIGTERM: serve exits 0"
SPID=

dmesg_check
