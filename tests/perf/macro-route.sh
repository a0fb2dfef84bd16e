#!/usr/bin/env bash
# How long `generate_api!` takes on one spec, and the memory rustc holds by then.
#
#   tests/perf/macro-route.sh SPEC.yaml [RUNS]     # default 3 runs
#
# Makes a crate of its own in a temporary folder whose lib.rs is one
# `generate_api!` call on SPEC (dev profile, build-override `opt-level = 3`, as
# README advises for large specs), builds its dependencies first, then for each
# run starts `cargo build` and times from the crate's rustc appearing to the
# macro's module file being renamed into place (a module over 32 MB goes
# through a file: macros/src/expand.rs), polling rustc's VmHWM every 10 ms, and
# stops the compile there: what the compiler does next with the module is the
# expanded crate's cost, as it is for build.rs's output. A smaller module is
# handed over as tokens and has no file to wait for: the script says so.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: $0 SPEC.yaml [RUNS]" >&2; exit 2; }
spec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/tmp"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "macro_route"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
meeting-api-macros = { path = "$root/macros" }
meeting-api-client = { path = "$root/generated-client", default-features = false, features = ["rustls"] }

[profile.dev.build-override]
opt-level = 3

[workspace]
TOML
echo "" > "$work/src/lib.rs"
(cd "$work" && cargo build -q) || exit 1
echo "pub mod api { meeting_api_macros::generate_api!(\"$spec\"); }" > "$work/src/lib.rs"
for _ in $(seq 1 "$runs"); do
  rm -rf "$work/tmp/meeting-api-macros"
  touch "$work/src/lib.rs"
  (cd "$work" && TMPDIR="$work/tmp" cargo build -q >/dev/null 2>&1) &
  build=$!
  pid=""
  while [ -z "$pid" ]; do
    pid=$(pgrep -f "rustc.*--crate-name macro_route " | head -1)
    kill -0 "$build" 2>/dev/null || break
    sleep 0.005
  done
  [ -n "$pid" ] || { echo "the crate's rustc never started" >&2; exit 1; }
  start=$(date +%s%N)
  hwm=0
  written=""
  while kill -0 "$pid" 2>/dev/null; do
    kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [ -n "$kib" ] && hwm=$kib
    if compgen -G "$work/tmp/meeting-api-macros/*.rs" >/dev/null; then written=1; break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null
  wait "$build" 2>/dev/null
  if [ -z "$written" ]; then
    echo "rustc ended with no module file: the module is under the 32 MB limit (handed over as tokens)" >&2
    exit 1
  fi
  echo "module written after $(( (end - start) / 1000000 )) ms, rustc VmHWM $(( hwm / 1024 )) MiB"
done
