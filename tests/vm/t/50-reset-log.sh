#!/bin/sh
# reset, and the log ring: seq starts at 1 and is never restarted, the
# header's dropped count, log_size=16 keeps exactly the newest events.
. /tests/lib.sh
klat_require

plan 30

S=__sys_socket
ok "insmod klat.ko" klat_load || bail_out "cannot load klat.ko"

# the first event of a fresh module has seq=1
sockloop 1 > /dev/null
first=$(log_events | head -n 1)
like "$first" '^seq=1 .* comm=sockloop target=__sys_socket ' "first event of a fresh module has seq=1"

sockloop 30 > /dev/null
sockloop 5 999 > /dev/null
cmp_ok "$(stat_field $S hits)" -ge 36 "hits before reset"
lastseq=$(log_events | tail -n 1 | ev_field seq)
cmp_ok "$(log_events | wc -l)" -ge 36 "log has events before reset"

kwrite "$KLAT_D/reset" 1
is "$KW_RC:$KW_ERR" "0:" "write to reset succeeds"
is "$(grep -v '^#' "$KLAT_D/probes/$S/stats" | sed -n '2,$p' | awk '{ print $2 }' | sort -u)" 0 \
	"probe stats: hits, errors and every time are 0 after reset"
is "$(stats_row $S | awk '{ $1 = ""; print }' | tr -s ' ' '\n' | grep -v '^$' | sort -u)" 0 \
	"stats row is all zeros after reset"
is "$(hist_rows $S)" "" "hist has no rows after reset"
is "$(head -n 1 "$KLAT_D/probes/$S/hist")" "# klat histogram for $S: 0 calls" "hist header says 0 calls"
is "$(log_events)" "" "log is empty after reset"
like "$(head -n 1 "$KLAT_D/log")" '^# klat log: capacity 4096 events, 0 shown, 0 dropped$' "log header says 0 shown, 0 dropped"
like "$(target_row $S)" "^${S}[[:space:]]+active" "reset keeps the targets"

# seq is not restarted by reset
sockloop 2 > /dev/null
seqs=$(log_events | ev_field seq | tr '\n' ' ')
is "$seqs" "$((lastseq + 1)) $((lastseq + 2)) " "seq continues after reset ($lastseq -> $((lastseq + 1)))"
is "$(stat_field $S hits)" 2 "hits count again from 0 after reset"

# a small log: only the newest events remain, the header counts the dropped ones
ok "insmod log_size=16" klat_load log_size=16
sockloop 1 > /dev/null
a=$(log_events | ev_field seq)
is "$a" 1 "one event, seq=1"
sockloop 40 > /dev/null
log_events > /tmp/ev
is "$(wc -l < /tmp/ev)" 16 "16 events remain after 41 calls"
like "$(head -n 1 "$KLAT_D/log")" '^# klat log: capacity 16 events, 16 shown, 25 dropped$' "header: capacity 16, 16 shown, 25 dropped"
dropped=$(log_header_field dropped)
cmp_ok "${dropped:-0}" -gt 0 "dropped > 0"
is "$(ev_field seq < /tmp/ev | tr '\n' ' ')" "$(seq $((a + 25)) $((a + 40)) | tr '\n' ' ')" \
	"the newest 16 events remain, seq $((a + 25))..$((a + 40)), oldest first"
is "$(ev_field comm < /tmp/ev | sort -u)" sockloop "they are all sockloop's"
is "$(stat_field $S hits)" 41 "hits counts all 41 calls"

# wrap around many times
sockloop 1000 > /dev/null
log_events > /tmp/ev
is "$(wc -l < /tmp/ev)" 16 "still 16 events after 1000 more calls"
is "$(ev_field seq < /tmp/ev | awk 'NR == 1 { s = $1 } NR > 1 && $1 != s + NR - 1 { print "gap"; exit }')" "" \
	"the remaining seqs are consecutive"
is "$(ev_field seq < /tmp/ev | tail -n 1)" $((a + 1040)) "the last seq is the newest call's"
like "$(head -n 1 "$KLAT_D/log")" '^# klat log: capacity 16 events, 16 shown, 1025 dropped$' "header: 1025 dropped"

kwrite "$KLAT_D/reset" 1
is "$(log_events)" "" "reset empties the small log"
sockloop 3 > /dev/null
is "$(log_events | ev_field seq | tr '\n' ' ')" "$((a + 1041)) $((a + 1042)) $((a + 1043)) " "seq continues after reset of the small log"

ok "rmmod klat" rmmod klat
dmesg_check
