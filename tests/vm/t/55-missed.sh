#!/bin/sh
# More concurrent callers of a sleeping target than maxactive: the calls that
# found no free kretprobe instance are reported in missed, reset zeroes it,
# and the timed calls are still right.
. /tests/lib.sh
klat_require

plan 9

ok "insmod maxactive=2 targets=hrtimer_nanosleep" klat_load maxactive=2 targets=hrtimer_nanosleep
like "$(target_row hrtimer_nanosleep)" '^hrtimer_nanosleep[[:space:]]+active[[:space:]]+2[[:space:]]+-$' "maxactive 2"

# 6 sleepers of 10 sleeps of 20 ms each, all at once: at most 2 are timed at a time
i=0
while [ $i -lt 6 ]; do
	sleeper 20000000 10 > /dev/null &
	i=$((i + 1))
done
wait
hits=$(stat_field hrtimer_nanosleep hits)
missed=$(stat_field hrtimer_nanosleep missed)
diag "hits=$hits missed=$missed"
cmp_ok "$missed" -gt 0 "calls beyond maxactive are counted as missed"
cmp_ok "$hits" -gt 0 "the calls that got an instance are timed"
is "$((hits + missed))" 60 "timed + missed = the 60 calls made"
is "$(stats_col hrtimer_nanosleep missed)" "$missed" "the stats file shows the same missed"
cmp_ok "$(stat_field hrtimer_nanosleep min_ns)" -ge 20000000 "timed calls took at least the 20 ms slept"

kwrite "$KLAT_D/reset" 1
is "$(stat_field hrtimer_nanosleep missed)" 0 "reset zeroes missed"

klat_unload
dmesg_check
