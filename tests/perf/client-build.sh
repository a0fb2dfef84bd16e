#!/usr/bin/env bash
# What building meeting-api-client costs a user, in a copy of the checkout with
# its own target dir (so the checkout's target is untouched):
#
#   1. the published route (checked-in src/generated, no generator): a clean
#      build of everything, then of the crate alone with dependencies prebuilt,
#      all vendors and one vendor; `cargo check` likewise;
#   2. the workspace route (`codegen`: build.rs runs the generator): the clean
#      build of everything, so the difference is what syn, prettyplease,
#      serde_yaml and minijinja add; the crate alone after editing one YAML file;
#   3. a build with nothing changed, and whether it reran the build script.
#
#   tests/perf/client-build.sh
set -euo pipefail
source "$(dirname "$0")/../scripts/copy-checkout.sh"
cd "$copy"
export CARGO_TARGET_DIR="$copy/target" CARGO_TERM_COLOR=never

secs() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "FAILED: $*" >&2; exit 1; }; printf '%.1f' "$(echo "$(date +%s.%N) - $s" | bc)"; }
client=(-p meeting-api-client --lib --locked)

echo "# machine: $(nproc) cores, $(rustc --version), debug profile"
echo "== published route (checked-in code, no generator)"
echo "clean build, dependencies included:        $(secs cargo build "${client[@]}") s"
cargo check -q "${client[@]}"   # dependencies' metadata for the check below
cargo clean -q -p meeting-api-client
echo "crate alone, all vendors:                   $(secs cargo build "${client[@]}") s"
cargo clean -q -p meeting-api-client
echo "crate alone, check, all vendors:            $(secs cargo check "${client[@]}") s"
cargo build -q "${client[@]}" --no-default-features --features kedacom
cargo clean -q -p meeting-api-client
echo "crate alone, kedacom only:                  $(secs cargo build "${client[@]}" --no-default-features --features kedacom) s"
cargo check -q "${client[@]}" --no-default-features --features yxt
cargo clean -q -p meeting-api-client
echo "crate alone, yxt only:                      $(secs cargo build "${client[@]}" --no-default-features --features yxt) s"

echo "== workspace route (codegen: build.rs runs the generator over specs/)"
rm -rf "$CARGO_TARGET_DIR"
echo "clean build, dependencies included:        $(secs cargo build "${client[@]}" --features codegen) s"
cargo check -q "${client[@]}" --features codegen
sed -i 's/^    doc: 修改直播室信息。$/    doc: 修改直播室信息 (edited)。/' specs/yxt.yaml
grep -q '(edited)' specs/yxt.yaml
echo "after editing specs/yxt.yaml, build:        $(secs cargo build "${client[@]}" --features codegen) s"
# The edit reached the generated code (and so the compiled crate).
grep -q '(edited)' "$CARGO_TARGET_DIR"/debug/build/meeting-api-client-*/out/yxt.rs ||
  { echo "the edited spec was not regenerated"; exit 1; }
sed -i 's/ (edited)。$/ (edited again)。/' specs/yxt.yaml
echo "after editing specs/yxt.yaml, check:        $(secs cargo check "${client[@]}" --features codegen) s"
echo "nothing changed, build:                     $(secs cargo build "${client[@]}" --features codegen) s"
if cargo build -v "${client[@]}" --features codegen 2>&1 | grep -q 'Running `.*build-script-build`'; then
  echo "nothing changed: the build script RAN again"
  exit 1
fi
echo "nothing changed: the build script did not run (cargo -v shows no build-script-build)"
