#!/usr/bin/env bash
# Runs a command (a cargo build) and reports its wall time and the peak of the
# memory its compilers hold at once: the sum of the resident sets of every
# rustc running at the same moment, polled every 0.2 s from /proc (GNU time's
# peak is one process's, which hides crates compiled side by side).
#
#   tests/perf/build-peak.sh cargo build
#
# Prints "wall_s peak_sum_mib peak_one_mib" on the last line.
set -uo pipefail
"$@" &
pid=$!
start=$(date +%s.%N)
peak_sum=0
peak_one=0
while kill -0 "$pid" 2>/dev/null; do
  sum=0
  for status in /proc/[0-9]*/status; do
    name=$(awk '/^Name:/ {print $2; exit}' "$status" 2>/dev/null) || continue
    [ "$name" = rustc ] || continue
    kib=$(awk '/^VmRSS:/ {print $2; exit}' "$status" 2>/dev/null) || continue
    [ -n "$kib" ] || continue
    sum=$((sum + kib))
    [ "$kib" -gt "$peak_one" ] && peak_one=$kib
  done
  [ "$sum" -gt "$peak_sum" ] && peak_sum=$sum
  sleep 0.2
done
wait "$pid"
rc=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v p="$peak_sum" -v o="$peak_one" \
  'BEGIN { printf "%.1f %.0f %.0f\n", e - s, p / 1024, o / 1024 }'
exit "$rc"
