#!/bin/sh
# Load/unload cycles of one kretprobe module while sleepers sit in the probed
# hrtimer_nanosleep on every CPU: tells the kernel's kretprobe behaviour apart
# from klat's. Kernel command line (KLAT_APPEND):
#   cycles.mod=klat|krpmin|kprobe_events
#                            what to cycle: klat.ko, the minimal kretprobe
#                            module, or the kernel's own kprobe_events with
#                            an r: probe (no module at all); default klat
#   cycles.n=N               cycles (default 200)
#   cycles.args="..."        extra insmod arguments, with , for spaces
. /tests/lib.sh

mod=klat n=200 margs=
for opt in $(cat /proc/cmdline); do
	case $opt in
	cycles.mod=*) mod=${opt#cycles.mod=} ;;
	cycles.n=*) n=${opt#cycles.n=} ;;
	cycles.args=*) margs=$(echo "${opt#cycles.args=}" | tr , ' ') ;;
	esac
done
T=/sys/kernel/tracing
# arm / disarm: one load and one unload of $mod
arm() {
	case $mod in
	kprobe_events)
		echo 'r:klatcyc hrtimer_nanosleep' >> $T/kprobe_events &&
			echo 1 > $T/events/kprobes/klatcyc/enable ;;
	# shellcheck disable=SC2086
	*) insmod "$ko" $margs ;;
	esac
}
disarm() {
	case $mod in
	kprobe_events)
		echo 0 > $T/events/kprobes/klatcyc/enable &&
			echo '-:klatcyc' >> $T/kprobe_events ;;
	*) rmmod "$name" ;;
	esac
}
case $mod in
kprobe_events) ;;
klat) ko=$KLAT_KO name=klat margs="targets=hrtimer_nanosleep $margs" ;;
*) ko=/tests/klat_$mod.ko name=klat_$mod ;;
esac

plan 3
percpu sleeper 1000000 0 > /dev/null 2>&1 &
sp=$!
percpu sleeper 100000 0 > /dev/null 2>&1 &
sp2=$!
sleep 1
fails=0 i=0 t0=$(date +%s)
while [ $i -lt "$n" ]; do
	i=$((i + 1))
	if ! arm; then
		fails=$((fails + 1)); diag "cycle $i: insmod failed"; continue
	fi
	sleep 0.0$((i % 10))
	if ! disarm; then
		fails=$((fails + 1)); diag "cycle $i: rmmod failed"
	fi
	if dmesg | grep -qE 'BUG:|Oops|WARNING:'; then
		diag "cycle $i: kernel report"
		break
	fi
done
diag "$mod: $i cycles in $(($(date +%s) - t0)) s"
is "$fails" 0 "$n load/unload cycles of $mod while sleepers run"
ok "the sleepers survived" kill -0 $sp $sp2
kill $sp $sp2 2>/dev/null
wait 2>/dev/null
dmesg_check
