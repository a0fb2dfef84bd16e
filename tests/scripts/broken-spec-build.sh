#!/usr/bin/env bash
# A broken spec must make `cargo build` fail with the rendered report (file:line:col,
# excerpt, hint) and no panic. Runs the real build script: a copy of the checkout
# with one more vendor file, holding two mistakes, is built against this
# checkout's target dir, so only the workspace's own crates compile again. The
# broken file is added, not edited into a vendor's spec, so this script names no
# spec of specs/ (a vendor may be split into a folder without breaking it).
#
#   tests/scripts/broken-spec-build.sh
set -euo pipefail
source "$(dirname "$0")/copy-checkout.sh"

spec="$copy/specs/zz_broken_build.yaml"
cat >"$spec" <<'YAML'
vendor:
  name: zz_broken_build
  title: A vendor with two mistakes, added by tests/scripts/broken-spec-build.sh
  base_url: https://broken.example
  auth: none
operations:
  fetch_room:
    title: a method that does not exist
    method: FETCH
    path: /rooms
    query:
      key: {type: strin}
YAML
method_line=$(grep -n '^    method: FETCH$' "$spec" | cut -d: -f1)
type_line=$(grep -n '^      key: {type: strin}$' "$spec" | cut -d: -f1)

set +e
output=$(cd "$copy" && CARGO_TARGET_DIR="$root/target" cargo build -p meeting-api-tests --locked 2>&1)
status=$?
set -e

fail() { echo "broken-spec-build: $1"; echo "---- cargo output ----"; echo "$output" | tail -40; exit 1; }
[ "$status" -ne 0 ] || fail "cargo build succeeded with a broken spec"
echo "$output" | grep -q "panicked" && fail "the build script panicked"
echo "$output" | grep -qF "specs/zz_broken_build.yaml:$method_line:13" || fail "no location specs/zz_broken_build.yaml:$method_line:13 for the method"
echo "$output" | grep -qF "unknown method \`FETCH\`" || fail "the unknown method is not named"
echo "$output" | grep -qF "specs/zz_broken_build.yaml:$type_line:" || fail "no location on line $type_line for the type"
echo "$output" | grep -qF "did you mean \`string\`?" || fail "no hint for the misspelt type"
[ -n "${VERBOSE:-}" ] && echo "$output"
echo "broken-spec-build: cargo build fails with the located report (lines $method_line and $type_line)"
