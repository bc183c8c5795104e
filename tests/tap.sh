# TAP helpers for klat's shell tests: the VM tests (through tests/vm/lib.sh,
# under busybox ash in the test VM) and tests/unit/klatctl/cli_test.sh (dash
# or bash on the host).  POSIX sh only, no bash.  Sourcing it installs an EXIT
# trap that checks the plan and makes the exit status 1 when a test failed;
# a script that needs its own clean-up at exit gives it to at_exit, not trap.
#
#   plan N / done_testing      the plan first, or after the last test
#   pass, fail, skip, todo, ok, nok   one test each; ok DESC without a command passes
#   is, isnt, like, unlike, contains, cmp_ok   compare and report
#   diag, bail_out, skip_all, tap_summary LABEL
#
# TAP_DIAG_FILE: when set, fail also shows that file's lines (e.g. the
# stderr of the command a test ran) as diagnostics.

_tap_planned=
_tap_run=0
_tap_failed=0
_tap_skipped=0
_tap_at_exit=

# ---------------------------------------------------------------- TAP core

plan() {
	_tap_planned=$1
	echo "1..$1"
}

# done_testing: the plan after the last test, for a file that counts as it goes
done_testing() {
	plan "$_tap_run"
}

diag() {
	# every argument line (and every line of stdin with `diag -`) as "# ..."
	if [ "$1" = - ]; then
		sed 's/^/# /'
	else
		printf '%s\n' "$*" | sed 's/^/# /'
	fi
}

pass() {
	_tap_run=$((_tap_run + 1))
	echo "ok $_tap_run - $1"
}

# fail DESC [DIAG...]
fail() {
	_tap_run=$((_tap_run + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_run - $1"
	shift
	for _l in "$@"; do
		diag "$_l"
	done
	if [ -n "${TAP_DIAG_FILE:-}" ] && [ -s "$TAP_DIAG_FILE" ]; then
		diag - < "$TAP_DIAG_FILE"
	fi
	return 1
}
not_ok() { fail "$@"; }

# todo DESC REASON: a known failure, not counted as one (TAP "# TODO")
todo() {
	_tap_run=$((_tap_run + 1))
	echo "not ok $_tap_run - $1 # TODO $2"
}

# skip DESC [REASON]
skip() {
	_tap_run=$((_tap_run + 1))
	_tap_skipped=$((_tap_skipped + 1))
	echo "ok $_tap_run - $1 # SKIP ${2:-}"
}

# ok DESC [CMD [ARGS...]]: passes if CMD exits 0 (without CMD: passes)
ok() {
	_d=$1
	shift
	if _o=$("$@" 2>&1); then
		pass "$_d"
	else
		fail "$_d" "command failed (rc=$?): $*" ${_o:+"output: $_o"}
	fi
}

# nok DESC CMD [ARGS...]: passes if CMD exits non-zero
nok() {
	_d=$1
	shift
	if _o=$("$@" 2>&1); then
		fail "$_d" "command unexpectedly succeeded: $*" ${_o:+"output: $_o"}
	else
		pass "$_d"
	fi
}

# is GOT EXPECTED DESC
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3" "     got: '$1'" "expected: '$2'"
	fi
}

isnt() {
	if [ "$1" != "$2" ]; then
		pass "$3"
	else
		fail "$3" "     got: '$1'" "expected anything else"
	fi
}

# _tap_grep E|F WANT GOT PATTERN DESC WHY: passes if grep -E or -F finds
# PATTERN in a line of GOT (WANT 1) or finds it in none (WANT 0)
_tap_grep() {
	if printf '%s\n' "$3" | grep -q"$1" -- "$4"; then _tg=1; else _tg=0; fi
	if [ "$_tg" = "$2" ]; then
		pass "$5"
	else
		fail "$5" "     got: '$3'" "$6"
	fi
}

# like GOT ERE DESC (grep -E on any line of GOT)
like() { _tap_grep E 1 "$1" "$2" "$3" "expected to match: /$2/"; }

unlike() { _tap_grep E 0 "$1" "$2" "$3" "expected not to match: /$2/"; }

# contains GOT STRING DESC (fixed string, grep -F)
contains() { _tap_grep F 1 "$1" "$2" "$3" "expected to contain: '$2'"; }

# is_num X: true if X is a (possibly negative) decimal integer
is_num() {
	case $1 in
	'' | - | *[!0-9-]* | ?*-*) return 1 ;;
	esac
	return 0
}

# cmp_ok A OP B DESC: numeric comparison with test(1) OP (-eq -ne -lt -le -gt -ge)
cmp_ok() {
	if is_num "$1" && is_num "$3" && [ "$1" "$2" "$3" ]; then
		pass "$4"
	else
		fail "$4" "    got: '$1' $2 '$3' is false"
	fi
}

bail_out() {
	echo "Bail out! $*"
	exit 255
}

# skip_all REASON: skip the whole file (TAP "1..0 # SKIP"), before plan
skip_all() {
	echo "1..0 # SKIP $*"
	_tap_planned=0
	exit 0
}

# at_exit CMD: run CMD (a shell command line) when the script exits
at_exit() {
	_tap_at_exit="$_tap_at_exit$1
"
}

# tap_summary LABEL: "LABEL: P passed, F failed, S skipped"
tap_summary() {
	echo "$1: $((_tap_run - _tap_failed - _tap_skipped)) passed, $_tap_failed failed, $_tap_skipped skipped"
}

# Called automatically on exit: checks the plan, sets the exit status.
_tap_exit() {
	_rc=$?
	trap - EXIT
	eval "$_tap_at_exit"
	if [ -n "$_tap_planned" ] && [ "$_tap_run" -ne "$_tap_planned" ]; then
		diag "Looks like you planned $_tap_planned tests but ran $_tap_run."
		[ "$_rc" -eq 0 ] && _rc=1
	fi
	if [ "$_tap_failed" -gt 0 ]; then
		diag "Looks like you failed $_tap_failed test(s) of $_tap_run run."
		[ "$_rc" -eq 0 ] && _rc=1
	fi
	exit "$_rc"
}
trap _tap_exit EXIT

