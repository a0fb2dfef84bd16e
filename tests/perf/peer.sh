#!/usr/bin/env bash
# Our generator beside progenitor on the same synthetic API (../shared/bench-peer:
# synth.py writes it as OpenAPI for progenitor and in our format for us), measured
# in one run so that the ratios hold on a noisy machine.
#
#   tests/perf/peer.sh [N ...]          # default: 32 320 1000
#   RUNS=5 BUILD=1 tests/perf/peer.sh 32 320
#   SET=synth tests/perf/peer.sh 32 320 1000
#
# SET=synth measures our own synthetic set instead (tests/src/bin/synth_specs.rs,
# seed 7): progenitor reads our OpenAPI export of it, rewritten into the
# OpenAPI 3.0 it accepts by tests/perf/openapi30.py (which says what changes).
#
# For each N: generated lines of both, then RUNS generation runs alternating
# ours (`meeting-api-codegen generate`, release) with progenitor's (bench-peer's
# progenitor-gen, release: generate_tokens, syn::parse2, prettyplease), wall time
# and peak memory (the child's alone: tests/perf/timed.py); medians and ratio ours / progenitor.
# BUILD=1 then runs bench-peer's run-ours.sh with PEER=1 for the same sizes:
# `cargo build` and `cargo check` of each generated crate, dependencies prebuilt,
# ours and progenitor's alternating (BUILD_RUNS=1 unless set), and prints its table.
#
# The harness is copied to a temporary folder (it writes beside itself); nothing
# of it is copied into this repository. PEER_DIR overrides ../shared/bench-peer.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peer=${PEER_DIR:-$root/../shared/bench-peer}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(32 320 1000)
[ -f "$peer/synth.py" ] || { echo "no bench-peer harness at $peer" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$peer" "$work/bench"
bench=$work/bench
(cd "$root" && cargo build -q --release -p meeting-api-codegen -p meeting-api-tests --bin synth_specs)
(cd "$bench/progenitor-gen" && cargo build -q --release --locked)
ours=$root/target/release/meeting-api-codegen
prog=$bench/progenitor-gen/target/release/progenitor-gen

set_name=${SET:-peer}
case $set_name in peer | synth) ;; *) echo "SET is peer or synth, not $set_name" >&2; exit 2 ;; esac
echo "# machine: $(nproc) cores, $(rustc --version), ours at $(git -C "$root" log -1 --format=%h), set $set_name"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
timed() { # timed FILE CMD...: appends "wall_s peak_kib" (tests/perf/timed.py)
  python3 "$root/tests/perf/timed.py" "$@"
}
printf '| N | lines ours | lines progenitor | ratio | gen ours s | gen progenitor s | ratio | peak ours MiB | peak progenitor MiB |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  d=$work/n$n
  mkdir -p "$d/specs"
  if [ "$set_name" = synth ]; then
    "$root/target/release/synth_specs" --endpoints "$n" --seed 7 --out "$d/specs" >/dev/null
    "$ours" openapi "$d/specs" --out "$d/openapi" >/dev/null
    python3 "$root/tests/perf/openapi30.py" "$d/openapi/synthetic.openapi.json" "$d/api.json"
  else
    python3 "$bench/synth.py" -n "$n" --seed 7 -o "$d/api.json" >/dev/null 2>&1
    python3 "$bench/synth.py" -n "$n" --seed 7 --format ours -o "$d/specs/synthetic.yaml" >/dev/null 2>&1
  fi
  for _ in $(seq 1 "$runs"); do
    timed "$d/ours.times" "$ours" generate "$d/specs" --out "$d/ours"
    timed "$d/prog.times" "$prog" "$d/api.json" "$d/prog.rs"
  done
  lo=$(wc -l < "$d/ours/synthetic.rs"); lp=$(wc -l < "$d/prog.rs")
  wo=$(cut -d' ' -f1 "$d/ours.times" | median); wp=$(cut -d' ' -f1 "$d/prog.times" | median)
  mo=$(cut -d' ' -f2 "$d/ours.times" | sort -n | tail -1); mp=$(cut -d' ' -f2 "$d/prog.times" | sort -n | tail -1)
  awk -v n="$n" -v lo="$lo" -v lp="$lp" -v wo="$wo" -v wp="$wp" -v mo="$mo" -v mp="$mp" 'BEGIN {
    printf "| %d | %d | %d | %.3f | %.4f | %.4f | %.3f | %.0f | %.0f |\n", n, lo, lp, lo / lp, wo, wp, wo / wp, mo / 1024, mp / 1024 }'
done

if [ -n "${BUILD:-}" ] && [ "$set_name" = synth ]; then
  echo "BUILD=1 is not run for SET=synth: bench-peer's build harness takes its own API only" >&2
fi
if [ -n "${BUILD:-}" ] && [ "$set_name" = peer ]; then
  git clone -q "$root" "$work/ours"
  mkdir -p "$bench/progenitor-client/generated"
  (cd "$bench" && GEN_RUNS=1 BUILD_RUNS=0 ./run.sh "${sizes[@]}" >/dev/null)
  (cd "$bench" && OURS_REPO="$work/ours" PEER=1 GEN_RUNS=1 BUILD_RUNS="${BUILD_RUNS:-1}" ./run-ours.sh "${sizes[@]}")
  python3 "$bench/report-ours.py" "$bench/out" "${sizes[@]}"
fi
