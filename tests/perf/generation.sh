#!/usr/bin/env bash
# Generation time per stage and peak memory, for the real specs and for
# synthetic spec sets of N endpoints (tests/src/bin/synth_specs.rs, seed 7).
#
#   tests/perf/generation.sh [N ...]        # default: 100 1000 10000
#
# Three lines per spec set:
#   stages    parse / check+model / emit / format timed separately, one thread,
#             best of 3 runs (gen_bench);
#   pipeline  what build.rs and generate_api! run (Config::load, then emit and
#             format every item in parallel), with the system allocator as they
#             have it, once, in a fresh process: wall time and peak memory (VmHWM);
#   cli       `meeting-api-codegen generate` end to end (mimalloc; files written
#             into an empty folder), wall time and peak memory from GNU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/meeting-api-perf}
mkdir -p "$work"
(cd "$root" && cargo build -q --release -p meeting-api-tests --bins && cargo build -q --release -p meeting-api-codegen)
bin="$root/target/release"

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
echo "== real specs ($root/specs)"
"$bin/gen_bench" "$root/specs" --runs 5 | sed 's/^/stages   /'
"$bin/gen_bench" "$root/specs" --pipeline
cli() {
  rm -rf "$work/out"
  /usr/bin/time -f "cli      wall_s=%e peak_rss_mib=%M" "$bin/meeting-api-codegen" generate "$1" --out "$work/out" 2>&1 >/dev/null \
    | awk '/^cli/ { sub(/peak_rss_mib=[0-9]+/, sprintf("peak_rss_mib=%.1f", substr($3, 14) / 1024)); print }'
}
cli "$root/specs"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
for n in "${sizes[@]}"; do
  dir="$work/synthetic-$n"
  rm -rf "$dir"
  "$bin/synth_specs" --endpoints "$n" --seed 7 --out "$dir" >/dev/null
  echo "== synthetic, $n endpoints ($(cat "$dir"/synthetic/*.yaml | wc -l) lines of YAML)"
  "$bin/gen_bench" "$dir" --runs 3 | sed 's/^/stages   /'
  "$bin/gen_bench" "$dir" --pipeline
  cli "$dir"
done
