#!/usr/bin/env bash
# A broken spec must make `cargo build` fail with the rendered report (file:line:col,
# excerpt, hint) and no panic. Runs the real build script: a copy of the checkout
# with two mistakes in specs/yxt.yaml is built against this checkout's target dir,
# so only the workspace's own crates compile again.
#
#   tests/scripts/broken-spec-build.sh
set -euo pipefail
source "$(dirname "$0")/copy-checkout.sh"

spec="$copy/specs/yxt.yaml"
grep -q '^    method: PUT$' "$spec"
sed -i '0,/^    method: PUT$/s//    method: FETCH/' "$spec"
sed -i '0,/^      key: {type: string}$/s//      key: {type: strin}/' "$spec"
method_line=$(grep -n '^    method: FETCH$' "$spec" | cut -d: -f1)
type_line=$(grep -n '^      key: {type: strin}$' "$spec" | cut -d: -f1)

set +e
output=$(cd "$copy" && CARGO_TARGET_DIR="$root/target" cargo build -p meeting-api-tests --locked 2>&1)
status=$?
set -e

fail() { echo "broken-spec-build: $1"; echo "---- cargo output ----"; echo "$output" | tail -40; exit 1; }
[ "$status" -ne 0 ] || fail "cargo build succeeded with a broken spec"
echo "$output" | grep -q "panicked" && fail "the build script panicked"
echo "$output" | grep -qF "specs/yxt.yaml:$method_line:13" || fail "no location specs/yxt.yaml:$method_line:13 for the method"
echo "$output" | grep -qF "unknown method \`FETCH\`" || fail "the unknown method is not named"
echo "$output" | grep -qF "specs/yxt.yaml:$type_line:" || fail "no location on line $type_line for the type"
echo "$output" | grep -qF "did you mean \`string\`?" || fail "no hint for the misspelt type"
[ -n "${VERBOSE:-}" ] && echo "$output"
echo "broken-spec-build: cargo build fails with the located report (lines $method_line and $type_line)"
