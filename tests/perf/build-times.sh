#!/usr/bin/env bash
# Build cost of generated code: for each N, a synthetic spec set of N endpoints is
# generated into a throwaway crate that depends on meeting-api-client (no vendor
# features); dependencies are built first, then the crate's own `cargo build` and
# `cargo check` are timed from clean, and `cargo build` again with nothing changed.
#
#   tests/perf/build-times.sh 32 320 3200
#
# Prints one line per N: the crate's `cargo build` (its peak memory, rustc
# included, from GNU time), a second `cargo build` with nothing changed, and
# `cargo check` from clean.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/meeting-api-perf}
mkdir -p "$work"
(cd "$root" && cargo build -q --release -p meeting-api-tests -p meeting-api-codegen --bins)
export CARGO_TARGET_DIR="$work/target"
gnutime=/usr/bin/time
timer() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }; echo "$(date +%s.%N) - $s" | bc; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(32 320)
for n in "${sizes[@]}"; do
  crate="$work/n$n"
  rm -rf "$crate"; mkdir -p "$crate/src"
  "$root/target/release/synth_specs" --endpoints "$n" --out "$crate/specs" >/dev/null
  "$root/target/release/meeting-api-codegen" generate "$crate/specs" --out "$crate/src/generated" >/dev/null
  cat > "$crate/Cargo.toml" <<TOML
[package]
name = "synthetic-client-$n"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
meeting-api-client = { path = "$root/generated-client", default-features = false }

[workspace]
TOML
  echo 'pub mod synthetic { include!("generated/synthetic.rs"); }' > "$crate/src/lib.rs"
  fields=$(grep -c '^ *pub [a-z_0-9#]*: ' "$crate/src/generated/synthetic.rs" || true)
  lines=$(wc -l < "$crate/src/generated/synthetic.rs")
  # Dependencies prebuilt, for build and for check (check needs their metadata):
  # the crate itself is left out so that a large N is not compiled twice.
  (cd "$crate" && echo 'pub mod synthetic {}' > src/lib.rs && cargo build -q --lib && cargo check -q --lib)
  echo 'pub mod synthetic { include!("generated/synthetic.rs"); }' > "$crate/src/lib.rs"
  build=$(cd "$crate" && timer "$gnutime" -f %M -o "$work/rss-$n" cargo build --lib)
  rss=$(awk 'END {printf "%.0f", $1/1024}' "$work/rss-$n")
  noop=$(cd "$crate" && timer cargo build --lib)
  (cd "$crate" && cargo clean -q -p "synthetic-client-$n")
  check=$(cd "$crate" && timer cargo check --lib)
  echo "endpoints=$n struct_fields=$fields lines=$lines build_s=$build peak_rss_mib=$rss check_s=$check noop_build_s=$noop"
done
