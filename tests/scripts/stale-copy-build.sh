#!/usr/bin/env bash
# Building the client from its checked-in copy (no `codegen` feature) after the
# specs changed must fail, naming what changed and the command that refreshes
# the copy, instead of compiling old generated code against new specs. Works on
# a copy of the checkout with one vendor file added and the first spec file (in
# name order, whatever it is) edited, built against this checkout's target dir.
#
#   tests/scripts/stale-copy-build.sh
set -euo pipefail
source "$(dirname "$0")/copy-checkout.sh"

first=$(cd "$copy/specs" && find . -name '*.yaml' | sed 's|^\./||' | sort | head -1)
[ -n "$first" ] || { echo "stale-copy-build: no spec under specs/"; exit 1; }
echo "# an edit after the copy was generated" >>"$copy/specs/$first"
cat >"$copy/specs/zz_added_vendor.yaml" <<'YAML'
vendor:
  name: zz_added_vendor
  title: A vendor added after the copy was generated
  base_url: https://added.example
  auth: none
operations:
  ping:
    title: ping
    method: GET
    path: /ping
YAML

set +e
output=$(cd "$copy" && CARGO_TARGET_DIR="$root/target" \
  cargo check -p meeting-api-client --locked --no-default-features --features rustls 2>&1)
status=$?
set -e

fail() { echo "stale-copy-build: $1"; echo "---- cargo output ----"; echo "$output" | tail -40; exit 1; }
[ "$status" -ne 0 ] || fail "the build used a stale copy without a word"
echo "$output" | grep -q "panicked" && fail "the build script panicked"
echo "$output" | grep -qF "are stale" || fail "the message does not say the copy is stale"
echo "$output" | grep -qF "changed: $first" || fail "the edited spec $first is not named"
echo "$output" | grep -qF "added: zz_added_vendor.yaml" || fail "the added spec is not named"
echo "$output" | grep -qF "cargo run -p meeting-api-codegen -- generate specs --hooks --out generated-client/src/generated" ||
  fail "the refreshing command is not given"
[ -n "${VERBOSE:-}" ] && echo "$output"
echo "stale-copy-build: a stale checked-in copy fails the build and names $first and the added file"
