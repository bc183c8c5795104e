#!/bin/sh
# probes/SYMBOL/errors, the count of each errno a target returned, and that
# it agrees with the errors columns: after K socket(999, ...) calls (EAFNOSUPPORT),
# J socket(AF_INET, SOCK_STREAM, 12345) calls (EINVAL: protocol >= IPPROTO_MAX)
# and L socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) calls (EPROTONOSUPPORT) the
# file has exactly the lines "97 EAFNOSUPPORT K" etc., ascending by errno, and
# the errors columns of stats and probes/SYMBOL/stats equal their sum.
. /tests/lib.sh
klat_require

plan 30

S=__sys_socket
ER=$KLAT_D/probes/$S/errors
K=30 J=20 L=7 G=25	# failing x3 kinds, successful

rows() { grep -v '^#' "$1"; }
rowsum() { rows "$1" | awk '{ s += $3 } END { print s + 0 }'; }
# sc ARGS...: sockcall ARGS; prints its errno= and fail= as "FAIL ERRNO"
sc() { sockcall "$@" | sed -n 's/.* fail=\([0-9]*\) errno=\([0-9]*\)$/\1 \2/p'; }

ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"
kwrite $KLAT_D/filter "comm=sockcall"
is "$KW_RC" 0 "filter comm=sockcall"
is "$(mode_of $ER)" 400 "probes/$S/errors is mode 0400"
kwrite $KLAT_D/reset 1
is "$(head -n 1 $ER)" "# klat errors for $S: 0 failing calls" "header after reset: 0 failing calls"
is "$(sed -n 2p $ER)" "# errno name count" "second header line: errno name count"
is "$(rows $ER)" "" "no rows after reset"

is "$(sc $G 2 1 0)" "0 0" "$G successful socket() calls"
is "$(rows $ER)" "" "successful calls add no row"
is "$(head -n 1 $ER)" "# klat errors for $S: 0 failing calls" "header: still 0 failing calls"

is "$(sc $K 999 1 0)" "$K 97" "$K socket(999, SOCK_STREAM, 0) calls fail with 97"
is "$(rows $ER)" "97 EAFNOSUPPORT $K" "errors: '97 EAFNOSUPPORT $K'"
is "$(sc $J 2 1 12345)" "$J 22" "$J socket(AF_INET, SOCK_STREAM, 12345) calls fail with 22"
is "$(sc $L 2 2 6)" "$L 93" "$L socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP) calls fail with 93"
is "$(rows $ER)" "22 EINVAL $J
93 EPROTONOSUPPORT $L
97 EAFNOSUPPORT $K" "errors: exactly three rows, ascending by errno, with exact counts"
tot=$((K + J + L))
is "$(head -n 1 $ER)" "# klat errors for $S: $tot failing calls" "header: $tot failing calls"
is "$(rowsum $ER)" $tot "rows sum to $tot"
is "$(stats_col $S errors)" "$(rowsum $ER)" "stats errors column == sum of the errors rows"
is "$(stat_field $S errors)" $tot "probes/$S/stats errors: $tot"
is "$(stat_field $S hits)" $((tot + G)) "hits: $tot failing + $G successful"
is "$(log_events | grep -c ' ret=-22(EINVAL) ')" $J "log agrees: $J events ret=-22(EINVAL)"
is "$(log_events | grep -c ' ret=-93(EPROTONOSUPPORT) ')" $L "log agrees: $L events ret=-93(EPROTONOSUPPORT)"

# more of one kind only changes its row; other threads count the same
sockcall -t 5 999 1 0 > /dev/null
is "$(rows $ER | grep '^97 ')" "97 EAFNOSUPPORT $((K + 10))" "5 + 5 more from two threads: '97 EAFNOSUPPORT $((K + 10))'"
is "$(rows $ER | grep -v '^97 ')" "22 EINVAL $J
93 EPROTONOSUPPORT $L" "the other rows are unchanged"
is "$(stats_col $S errors)" "$(rowsum $ER)" "stats errors column == sum of the rows ($(rowsum $ER))"

# the filter keeps other processes' errors out of the rows too
ln -sf /tests/bin/sockcall /tmp/other75
/tmp/other75 9 999 1 0 > /dev/null
is "$(rows $ER | grep '^97 ')" "97 EAFNOSUPPORT $((K + 10))" "errors of a filtered-out process are not counted"

# another target, no errors: no rows
kwrite $KLAT_D/targets "syscall:close"
sockcall 4 2 1 0 > /dev/null
is "$(stat_field __x64_sys_close hits):$(rows $KLAT_D/probes/__x64_sys_close/errors)" "4:" \
	"__x64_sys_close: 4 hits, no error rows"

kwrite $KLAT_D/reset 1
is "$(head -n 1 $ER):$(rows $ER)" "# klat errors for $S: 0 failing calls:" "reset empties the errors file"
is "$(stats_col $S errors)" 0 "and the errors column"

ok "rmmod klat" rmmod klat
dmesg_check
