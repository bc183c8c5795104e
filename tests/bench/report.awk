# klat benchmark report: reads guest.sh's output (INFO/ROW/CHECK/SCALE/FAILED
# lines), prints the table and writes JSON to the file in the variable json.
# Used by run.sh: awk -v json=F -v elapsed=S -v kernel_img=K -f report.awk RESULTS
# Exit status 1 when the guest reported a failure, 10 when a target was
# missed, else 0.
function median(a, n,   i, j, t, b) {
	for (i = 1; i <= n; i++) b[i] = a[i]
	for (i = 2; i <= n; i++) for (j = i; j > 1 && b[j - 1] > b[j]; j--) { t = b[j]; b[j] = b[j - 1]; b[j - 1] = t }
	return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
}
function kv(line, key,   i, n, f, v) {	# value of key=value in line
	n = split(line, f, " ")
	for (i = 1; i <= n; i++)
		if (index(f[i], key "=") == 1) {
			v = substr(f[i], length(key) + 2)
			return v ~ /^-?[0-9]+(\.[0-9]+)?$/ ? v + 0 : v	# numbers compare as numbers
		}
	return ""
}
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function jnum(x) { return x == "" ? "null" : x }
$1 == "INFO" { for (i = 2; i <= NF; i++) { split($i, p, "="); info[p[1]] = substr($i, length(p[1]) + 2) } next }
$1 == "ROW" {
	r = $2
	if (!(r in seen)) { seen[r] = 1; order[++nrows] = r }
	v = kv($0, "ns_per_call")
	if (kv($0, "warmup") == 1) warm[r] = warm[r] (warm[r] == "" ? "" : ",") v
	else { nrun[r]++; run[r, nrun[r]] = v; runs_s[r] = runs_s[r] (runs_s[r] == "" ? "" : ",") v }
	fails[r] += kv($0, "fails")
	next
}
$1 == "CHECK" { checks = checks "  " substr($0, 7) "\n"; next }
$1 == "SCALE" {
	# "SCALE TYPE k=v ..." or "SCALE k=v ...": every k=v lands in sc[TYPE, k]
	t = index($2, "=") ? "" : $2
	for (i = t == "" ? 2 : 3; i <= NF; i++)
		if ((j = index($i, "=")) > 0) {
			k = substr($i, 1, j - 1)
			if (k == "add_failed" || k == "del_failed") { sc["failnames"] = sc["failnames"] " " substr($i, j + 1); continue }
			sc[t, k] = kv($0, k)
		}
	next
}
$1 == "FAILED" { failed[++nfailed] = $0; next }
END {
	label["base"] = "base: nothing on __sys_socket"
	label["floor"] = "floor: empty kretprobe"
	label["stats"] = "klat stats only (log_enable=0)"
	label["stats_noprocs"] = "klat stats only, procs=N"
	label["stats_log"] = "klat stats + log (log_enable=1)"
	label["filtered"] = "klat, filter rejects caller"
	label["kprobe_events"] = "ftrace kprobe_events r-probe"
	label["stats_scale"] = "klat stats only, +N targets"
	label["base_end"] = "base again (drift check)"
	label["floor_scale"] = "floor, +N klat targets armed"
	label["stats_scale_last"] = "klat stats only, +N, re-added last"
	target["stats"] = 1.35; target["stats_noprocs"] = 1.2
	target["stats_log"] = 1.6; target["filtered"] = 1.1
	for (i = 1; i <= nrows; i++) {
		r = order[i]; n = nrun[r]
		for (k = 1; k <= n; k++) a[k] = run[r, k]
		med[r] = median(a, n)
		mn = a[1]; mx = a[1]
		for (k = 2; k <= n; k++) { if (a[k] < mn) mn = a[k]; if (a[k] > mx) mx = a[k] }
		spread[r] = med[r] > 0 ? 100 * (mx - mn) / med[r] : 0
	}
	hb = ("base" in med); hf = ("floor" in med)
	if (hf && hb) fo = med["floor"] - med["base"]
	missed = 0
	label["stats_scale"] = "klat stats only, +" (sc["", "targets_now"] == "" ? "N" : sc["", "targets_now"] - 1) " targets"
	label["floor_scale"] = "floor, +" (sc["", "targets_now"] == "" ? "N" : sc["", "targets_now"] - 1) " klat targets armed"
	label["stats_scale_last"] = "klat stats only, +" (sc["", "targets_now"] == "" ? "N" : sc["", "targets_now"] - 1) ", re-added last"
	for (i = 1; i <= nrows; i++)
		if (!(order[i] in label)) {
			r = order[i]; label[r] = r
			if (r ~ /^var_.*_log$/) label[r] = "variant " substr(r, 5, length(r) - 8) " (log_enable=1)"
			else if (r ~ /^var_/) label[r] = "variant " substr(r, 5) " (log_enable=0)"
		}
	printf "\nklat benchmark: socket(AF_INET, SOCK_STREAM, 0) + close(), %s calls a run, median of %s runs (+1 warm-up)\n", info["calls"], info["runs"]
	printf "kernel %s, qemu TCG -icount shift=0,sleep=off -smp 1 (1 ns = 1 guest instruction), clocksource %s\n\n", info["kernel"], info["clocksource"]
	printf "%-36s %10s %10s %8s %7s  %s\n", "row", "ns/call", "over base", "x floor", "spread", "target"
	for (i = 1; i <= nrows; i++) {
		r = order[i]
		ov[r] = hb ? med[r] - med["base"] : ""
		xf[r] = (hf && hb && fo > 0 && r != "base") ? ov[r] / fo : ""
		tg = ""; ok[r] = ""
		if (r in target) {
			ok[r] = (xf[r] != "" && xf[r] <= target[r]) ? 1 : 0
			tg = sprintf("<= %.1fx floor: %s", target[r], ok[r] ? "met" : "MISSED")
		}
		if ((r == "stats" || r == "stats_noprocs" || r == "stats_log" || r == "filtered" || r == "stats_scale" || r == "stats_scale_last") && ("kprobe_events" in med)) {
			kb = med[r] < med["kprobe_events"]
			tg = tg (tg == "" ? "" : ", ") (kb ? "below kprobe_events" : "NOT below kprobe_events")
			if (!kb) ok[r] = 0
		}
		if (ok[r] == "0") missed++
		printf "%-36s %10.1f %10s %8s %6.2f%%  %s\n", label[r], med[r], r == "base" || !hb ? "-" : sprintf("%+.1f", ov[r]),
			xf[r] == "" ? "-" : sprintf("%.2f", xf[r]), spread[r], tg
	}
	if (("stats_scale" in med) && ("stats" in med) && hb) {
		sdiff = ov["stats"] != 0 ? 100 * (ov["stats_scale"] - ov["stats"]) / ov["stats"] : 0
		cdiff = 100 * (med["stats_scale"] - med["stats"]) / med["stats"]
		sok = (sdiff < 5 && sdiff > -5)
		if (!sok) missed++
	}
	printf "\nspread = (max - min) / median of the %s runs; x floor = overhead over base / the floor's overhead (%s ns)\n", info["runs"], hf && hb ? sprintf("%.1f", fo) : "-"
	for (r in fails) if (fails[r] > 0) printf "warning: %s: %d socket() calls failed\n", r, fails[r]
	if (sc["add", "ok"] != "") {
		nadd = sc["add", "ok"]; ndel = sc["del", "ok"]
		dfree = sc["add", "before_memfree"] - sc["add", "after_memfree"]
		dpcpu = sc["add", "after_percpu"] - sc["add", "before_percpu"]
		dslab = sc["add", "after_slab"] - sc["add", "before_slab"]
		printf "\nscale: %d other targets added (of %d usable functions; %d failed%s)\n", nadd, sc["", "usable_functions"], sc["add", "fail"], sc["failnames"]
		printf "  times are guest time: under icount, instructions at 1 ns each, plus idle waits (RCU grace\n"
		printf "  periods, ...) jumped through to the next timer\n"
		printf "  add %d targets:    %9.1f ms  (%.3f ms each; %.1f ms of it idle; %d writes: one, and one a line after a failure)\n", nadd, sc["add", "ns"] / 1e6, nadd ? sc["add", "ns"] / 1e6 / nadd : 0, 1000 * (sc["add", "mid_idle_s"] - sc["add", "before_idle_s"]), sc["add", "writes"]
		if (ndel != "")
			printf "  remove %d targets: %9.1f ms  (%.3f ms each; %.1f ms of it idle; %d failed)\n", ndel, sc["del", "ns"] / 1e6, ndel ? sc["del", "ns"] / 1e6 / ndel : 0, 1000 * (sc["del", "mid_idle_s"] - sc["del", "before_idle_s"]), sc["del", "fail"]
		printf "  memory per target: %.1f KiB of MemFree+per-CPU free lists (%.1f KiB of it Slab), %.1f KiB Percpu (1 possible CPU:\n", nadd ? dfree / nadd : 0, nadd ? dslab / nadd : 0, nadd ? dpcpu / nadd : 0
		printf "    klat's stats are per CPU, so Percpu grows with the CPU count); MemFree moves by %+d KiB\n", sc["memnoise", "after_memfree"] - sc["memnoise", "before_memfree"]
		printf "    between two readings with nothing done in between\n"
		mi = ""
		for (k in sc) { split(k, kk, SUBSEP); if (kk[1] == "meminfo_add") mi = mi " " kk[2] "=" sc[k] }
		if (mi != "") printf "  /proc/meminfo fields (kB) that moved by 64 or more over the add:%s\n", mi
		if (ndel != "")
			printf "  after removing them all: MemFree %+.1f KiB, Percpu %+.1f KiB per target, against before the add\n", ndel ? (sc["del", "after_memfree"] - sc["del", "start_memfree"]) / ndel : 0, ndel ? (sc["del", "after_percpu"] - sc["del", "start_percpu"]) / ndel : 0
		rs_ok = sc["read_stats", "max_ns"] != "" && sc["read_stats", "max_ns"] < 50e6
		if (!rs_ok) missed++
		printf "  read stats (%d lines, %d bytes): median %.2f ms, max %.2f ms of %d reads: %s\n", sc["read_stats", "lines"], sc["read_stats", "bytes"], sc["read_stats", "median_ns"] / 1e6, sc["read_stats", "max_ns"] / 1e6, sc["read_stats", "reps"], rs_ok ? "< 50 ms, met" : "MISSED (< 50 ms)"
		printf "  read targets (%d bytes): median %.2f ms\n", sc["read_targets", "bytes"], sc["read_targets", "median_ns"] / 1e6
		if ("stats_scale" in med)
			printf "  __sys_socket with them present: %.1f ns/call (%+.2f%% vs stats only), overhead %+.1f ns\n    (%+.2f%% vs stats only: %+.1f): %s\n", med["stats_scale"], cdiff, ov["stats_scale"], sdiff, ov["stats"], sok ? "within 5%, met" : "MISSED (within 5%)"
		if ("stats_scale_last" in med)
			printf "  the same, __sys_socket re-added after the others (first in its kprobe hash chain): %+.1f ns\n    overhead (%+.2f%% vs stats only)\n", ov["stats_scale_last"], ov["stats"] ? 100 * (ov["stats_scale_last"] - ov["stats"]) / ov["stats"] : 0
		if (("floor_scale" in med) && ("floor" in med))
			printf "  the floor's empty kretprobe registered after them: %+.1f ns/call vs the floor row\n", med["floor_scale"] - med["floor"]
		printf "  %d of the first picks were on the socket path (hit every 10 calls or more) and were swapped for others\n", sc["", "hot_swapped"]
	}
	if (checks != "") printf "\nchecks:\n%s", checks
	for (i = 1; i <= nfailed; i++) print failed[i]
	printf "\nVM wall time %d s; targets missed: %d\n", elapsed, missed

	# JSON
	printf "{\n" > json
	printf "  \"benchmark\": \"socket(AF_INET, SOCK_STREAM, 0) + close()\",\n" > json
	printf "  \"kernel\": %s,\n  \"kernel_image\": %s,\n  \"clocksource\": %s,\n", jstr(info["kernel"]), jstr(kernel_img), jstr(info["clocksource"]) > json
	printf "  \"vm\": \"qemu-system-x86_64 -accel tcg -icount shift=0,sleep=off -smp 1\",\n" > json
	printf "  \"time_unit\": \"ns of guest virtual time (1 ns = 1 instruction)\",\n" > json
	printf "  \"calls_per_run\": %s,\n  \"runs\": %s,\n  \"warmup_runs\": %s,\n  \"vm_wall_seconds\": %d,\n", info["calls"], info["runs"], info["warmup"], elapsed > json
	printf "  \"floor_overhead_ns\": %s,\n", (hf && hb) ? sprintf("%.3f", fo) : "null" > json
	printf "  \"rows\": [\n" > json
	for (i = 1; i <= nrows; i++) {
		r = order[i]
		printf "    {\"name\": %s, \"label\": %s, \"ns_per_call\": %.3f, \"overhead_ns\": %s, \"x_floor\": %s, \"spread_pct\": %.3f, \"runs_ns_per_call\": [%s], \"warmup_ns_per_call\": [%s], \"target_x_floor\": %s, \"target_met\": %s}%s\n",
			jstr(r), jstr(label[r]), med[r], (hb && r != "base") ? sprintf("%.3f", ov[r]) : "null",
			xf[r] == "" ? "null" : sprintf("%.4f", xf[r]), spread[r], runs_s[r], warm[r],
			(r in target) ? target[r] : "null", ok[r] == "" ? "null" : (ok[r] ? "true" : "false"), i < nrows ? "," : "" > json
	}
	printf "  ],\n" > json
	if (sc["add", "ok"] != "") {
		printf "  \"scale\": {\"targets\": %d, \"add_failures\": %d, \"add_ms\": %.3f, \"add_idle_ms\": %.0f, \"remove_targets\": %s, \"remove_failures\": %s, \"remove_ms\": %s, \"remove_idle_ms\": %s,", nadd, sc["add", "fail"], sc["add", "ns"] / 1e6, 1000 * (sc["add", "mid_idle_s"] - sc["add", "before_idle_s"]), jnum(ndel), jnum(sc["del", "fail"]), sc["del", "ns"] == "" ? "null" : sprintf("%.3f", sc["del", "ns"] / 1e6), sc["del", "ns"] == "" ? "null" : sprintf("%.0f", 1000 * (sc["del", "mid_idle_s"] - sc["del", "before_idle_s"])) > json
		printf " \"memfree_kib_per_target\": %.2f, \"slab_kib_per_target\": %.2f, \"percpu_kib_per_target\": %.2f,", nadd ? dfree / nadd : 0, nadd ? dslab / nadd : 0, nadd ? dpcpu / nadd : 0 > json
		printf " \"read_stats_ms_median\": %.3f, \"read_stats_ms_max\": %.3f, \"read_stats_bytes\": %d, \"read_stats_met\": %s,", sc["read_stats", "median_ns"] / 1e6, sc["read_stats", "max_ns"] / 1e6, sc["read_stats", "bytes"], rs_ok ? "true" : "false" > json
		printf " \"hot_targets_swapped\": %d,", sc["", "hot_swapped"] > json
		if ("stats_scale_last" in med)
			printf " \"socket_overhead_readded_last_ns\": %.3f,", ov["stats_scale_last"] > json
		printf " \"memfree_noise_kib\": %d,", sc["memnoise", "after_memfree"] - sc["memnoise", "before_memfree"] > json
		if (("floor_scale" in med) && ("floor" in med))
			printf " \"floor_ns_per_call_delta_with_targets\": %.3f,", med["floor_scale"] - med["floor"] > json
		if ("stats_scale" in med)
			printf " \"socket_overhead_ns\": %.3f, \"socket_overhead_vs_stats_pct\": %.3f, \"socket_ns_per_call_vs_stats_pct\": %.3f, \"overhead_met\": %s},\n", ov["stats_scale"], sdiff, cdiff, sok ? "true" : "false" > json
		else
			printf " \"socket_overhead_ns\": null},\n" > json
	}
	printf "  \"targets_missed\": %d,\n  \"failures\": %d\n}\n", missed, nfailed > json
	close(json)
	exit (nfailed > 0 ? 1 : (missed > 0 ? 10 : 0))
}
