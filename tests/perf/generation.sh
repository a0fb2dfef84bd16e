#!/usr/bin/env bash
# Generation time per stage and peak memory, for the real specs and for
# synthetic spec sets of N endpoints (tests/src/bin/synth_specs.rs, seed 7).
#
#   tests/perf/generation.sh [N ...]        # default: 100 1000 10000
#
# Two lines per spec set:
#   stages    parse / check+model / emit / format timed separately, one thread,
#             best of 3 runs (gen_bench);
#   pipeline  what build.rs and the CLI run (Config::load, then emit and format
#             every item in parallel), once, in a fresh process: its wall time
#             and peak resident memory (VmHWM).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/meeting-api-perf}
mkdir -p "$work"
(cd "$root" && cargo build -q --release -p meeting-api-tests --bins)
bin="$root/target/release"

echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
echo "== real specs ($root/specs)"
"$bin/gen_bench" "$root/specs" --runs 5 | sed 's/^/stages   /'
"$bin/gen_bench" "$root/specs" --pipeline | sed 's/^pipeline /pipeline /'
for n in "${@:-100 1000 10000}"; do
  dir="$work/synthetic-$n"
  rm -rf "$dir"
  "$bin/synth_specs" --endpoints "$n" --seed 7 --out "$dir" >/dev/null
  echo "== synthetic, $n endpoints ($(cat "$dir"/synthetic/*.yaml | wc -l) lines of YAML)"
  "$bin/gen_bench" "$dir" --runs 3 | sed 's/^/stages   /'
  "$bin/gen_bench" "$dir" --pipeline
done
