# SPDX-License-Identifier: GPL-2.0
#
# klatctl serve and the textfile collector's systemd units, sourced by cli_test.sh (its T, K,
# KLATCTL, BASIC, GOLDEN, run, expect and the TAP helpers).  The server listens on 127.0.0.1
# port 0 (a free port; klatctl prints the one it got) and is scraped with curl, a few requests
# a test; promtool checks the scrapes.  Without curl, promtool or systemd-analyze those tests
# are TAP skips; a klatctl built without libmicrohttpd must say so (exit 2).

SPID=
at_exit '[ -n "$SPID" ] && kill -9 "$SPID" 2>/dev/null'

# serve_start ROOT: klatctl --root ROOT serve on a free loopback port, in the background; its
# pid in SPID, its port in PORT, its stderr in $T/serve.err; fails if it does not listen in 5 s
serve_start() {
	$KLATCTL --root "$1" serve --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err" </dev/null &
	SPID=$!
	_i=0
	while [ $_i -lt 50 ]; do
		PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/metrics.*|\1|p' \
			"$T/serve.err")
		[ -n "$PORT" ] && return 0
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# serve_stop SIG: send SIG, wait up to 5 s (then SIGKILL); the exit status in src
serve_stop() {
	kill -"$1" "$SPID"
	_i=0
	while kill -0 "$SPID" 2>/dev/null && [ $_i -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -0 "$SPID" 2>/dev/null && kill -9 "$SPID"
	wait "$SPID"
	src=$?
	SPID=
}

# get PATH [CURL-ARGS...]: the HTTP status in code, headers in $T/hdr, body in $T/body
get() {
	_p=$1
	shift
	rm -f "$T/body"
	code=$(curl -sS --max-time 5 -D "$T/hdr" -o "$T/body" -w '%{http_code}' "$@" \
		"http://127.0.0.1:$PORT$_p" 2>"$T/err")
}

# header NAME: the value of header NAME in $T/hdr
header() {
	tr -d '\r' <"$T/hdr" | sed -n "s/^$1: //Ip"
}

# promtool_ok DESC FILE
promtool_ok() {
	if ! command -v promtool >/dev/null 2>&1; then
		skip "$1" "promtool not installed"
	elif promtool check metrics <"$2" >"$T/err" 2>&1; then
		ok "$1"
	else
		fail "$1"
	fi
}

# ---- usage ----
run $KLATCTL serve --help
if [ "$rc" = 0 ] && grep -q "^Usage: klatctl serve " "$T/out" && grep -q "9717" "$T/out"; then
	ok "serve --help"
else
	fail "serve --help"
fi
for l in 127.0.0.1 localhost:9717 ::1:9717 '[::1]' '[::1]9717' 127.0.0.1:65536 :x '' 1.2.3:80; do
	run timeout 10 $KLATCTL serve --listen "$l"
	expect "serve --listen '$l' is refused" 2 "invalid --listen '$l'"
done
run timeout 10 $KLATCTL serve extra
expect "serve takes no arguments" 2 "takes no arguments"

# the scrape's last family, after what stats --prometheus prints
cat >"$T/scrape-tail" <<'EOF'
# HELP klat_scrape_error 1 if klatctl could not read klat's files at this scrape (klat not loaded, debugfs not mounted, bad data), else 0.
# TYPE klat_scrape_error gauge
EOF

if ! command -v curl >/dev/null 2>&1; then
	skip "serve over HTTP" "curl not installed"
elif ! serve_start "$BASIC"; then
	if grep -q "built without libmicrohttpd" "$T/serve.err"; then
		wait "$SPID"
		[ $? = 2 ] && ok "serve without libmicrohttpd: exit 2 and says so" ||
			fail "serve without libmicrohttpd: exit 2 and says so"
		skip "serve over HTTP" "klatctl built without libmicrohttpd"
	else
		fail "serve starts and listens" "$(cat "$T/serve.err")"
	fi
else
	ok "serve starts and listens on a free port"
	get /metrics
	is "$code" 200 "GET /metrics: 200"
	is "$(header Content-Type)" "text/plain; version=0.0.4; charset=utf-8" \
		"GET /metrics: Content-Type of the text format 0.0.4"
	cp "$T/body" "$T/scrape.prom"
	cp "$T/body" "$T/out"
	rc=0
	same "GET /metrics: the golden scrape" "$GOLDEN/serve.prom"
	run $K stats --prometheus
	{ cat "$T/out" "$T/scrape-tail"; echo "klat_scrape_error 0"; } >"$T/want"
	cmp -s "$T/scrape.prom" "$T/want" && ok "GET /metrics: stats --prometheus, then klat_scrape_error 0" ||
		fail "GET /metrics: stats --prometheus, then klat_scrape_error 0"
	promtool_ok "promtool check metrics: a scrape of klatctl serve" "$T/scrape.prom"
	# curl --head writes the headers to -o too: no metric there, the length of the scrape
	get /metrics --head
	[ "$code" = 200 ] && ! grep -q '^klat_' "$T/body" &&
		[ "$(header Content-Length)" = "$(wc -c <"$T/scrape.prom" | tr -d ' ')" ] &&
		ok "HEAD /metrics: 200, the scrape's length, no body" ||
		fail "HEAD /metrics: 200, the scrape's length, no body"
	get /
	[ "$code" = 200 ] && grep -q 'href="/metrics"' "$T/body" && ok "GET /: a page linking /metrics" ||
		fail "GET /: a page linking /metrics"
	get /nosuch
	is "$code" 404 "GET /nosuch: 404"
	get /metrics/
	is "$code" 404 "GET /metrics/: 404"
	get /metrics -X POST -d x=1
	[ "$code" = 405 ] && [ "$(header Allow)" = "GET, HEAD" ] && ok "POST /metrics: 405, Allow: GET, HEAD" ||
		fail "POST /metrics: 405, Allow: GET, HEAD"
	get /metrics -X DELETE
	is "$code" 405 "DELETE /metrics: 405"
	run timeout 10 $K serve --listen "127.0.0.1:$PORT"
	expect "serve on a port in use: exit 1, says so" 1 "Address already in use (EADDRINUSE)"
	serve_stop TERM
	[ "$src" = 0 ] && grep -q "SIGTERM, stopping" "$T/serve.err" && ok "SIGTERM: serve exits 0" ||
		fail "SIGTERM: serve exits 0 (exit $src)"
fi

# klat going away and coming back under a running server
if command -v curl >/dev/null 2>&1 && ! grep -q "built without libmicrohttpd" "$T/serve.err"; then
	rm -rf "$T/sv"
	cp -r "$FIXTURES/basic/debugfs" "$T/sv"
	if serve_start "$T/sv/klat"; then
		mv "$T/sv/klat" "$T/sv/away"
		get /metrics
		{ cat "$T/scrape-tail"; echo "klat_scrape_error 1"; } >"$T/want"
		[ "$code" = 200 ] && cmp -s "$T/body" "$T/want" &&
			ok "klat gone: 200 with klat_scrape_error 1 alone" ||
			fail "klat gone: 200 with klat_scrape_error 1 alone (status $code)"
		cp "$T/body" "$T/gone.prom"
		promtool_ok "promtool check metrics: the scrape without klat" "$T/gone.prom"
		grep -q "scrape error (klat_scrape_error 1): .*not loaded" "$T/serve.err" &&
			ok "klat gone: the server logs why" || fail "klat gone: the server logs why"
		mv "$T/sv/away" "$T/sv/klat"
		get /metrics
		[ "$code" = 200 ] && cmp -s "$T/body" "$GOLDEN/serve.prom" &&
			ok "klat back: the full scrape again" || fail "klat back: the full scrape again"
		serve_stop INT
		is "$src" 0 "SIGINT: serve exits 0"
	else
		fail "serve starts on a scratch copy" "$(cat "$T/serve.err")"
	fi
fi

# ---- the textfile collector's units ----
rm -rf "$T/inst"
make -s -C "$(dirname "$KLATCTL")" install DESTDIR="$T/inst" PREFIX=/usr >"$T/out" 2>"$T/err"
U=$T/inst/usr/lib/systemd/system
if [ -f "$U/klat-textfile.service" ] && [ -f "$U/klat-textfile.timer" ] &&
	grep -q '^OnUnitActiveSec=15s$' "$U/klat-textfile.timer" &&
	grep -q '^WantedBy=timers.target$' "$U/klat-textfile.timer" &&
	grep -q ' /usr/sbin/klatctl stats --prometheus ' "$U/klat-textfile.service"; then
	ok "make install: klat-textfile.service and .timer (every 15 s) in lib/systemd/system"
else
	fail "make install: klat-textfile.service and .timer (every 15 s) in lib/systemd/system"
fi
if command -v systemd-analyze >/dev/null 2>&1; then
	if systemd-analyze verify --man=no "$U/klat-textfile.timer" "$U/klat-textfile.service" \
		>"$T/err" 2>&1 && [ ! -s "$T/err" ]; then
		ok "systemd-analyze verify: the textfile units, no warning"
	else
		fail "systemd-analyze verify: the textfile units, no warning"
	fi
else
	skip "systemd-analyze verify: the textfile units" "systemd-analyze not installed"
fi
# the service's command, as systemd runs it ($$ -> $), with this klatctl on the fixture
cmd=$(sed -n "s|^ExecStart=/bin/sh -c '\(.*\)'\$|\1|p" "$U/klat-textfile.service" |
	sed -e 's/\$\$/$/g' -e "s|/usr/sbin/klatctl|$KLATCTL|")
dir=$(sed -n 's|^Environment=KLAT_TEXTFILE_DIR=||p' "$U/klat-textfile.service")
is "$dir" /var/lib/prometheus/node-exporter "the textfile directory is node_exporter's Debian default"
mkdir -p "$T/tf"
if KLAT_ROOT=$BASIC KLAT_TEXTFILE_DIR=$T/tf sh -c "$cmd" 2>"$T/err" &&
	cmp -s "$T/tf/klat.prom" "$GOLDEN/stats.prom" && [ "$(ls "$T/tf")" = klat.prom ]; then
	ok "textfile service: klat.prom written whole, no temporary left"
else
	fail "textfile service: klat.prom written whole, no temporary left"
fi
if KLAT_ROOT=$T/nosuch KLAT_TEXTFILE_DIR=$T/tf sh -c "$cmd" 2>"$T/err"; then
	fail "textfile service without klat: fails, keeps the old file"
else
	cmp -s "$T/tf/klat.prom" "$GOLDEN/stats.prom" && [ "$(ls "$T/tf")" = klat.prom ] &&
		ok "textfile service without klat: fails, keeps the old file" ||
		fail "textfile service without klat: fails, keeps the old file"
fi
