#!/usr/bin/env bash
# Every vendor of specs/ and of the conformance corpus, split across crates
# (`generate --split 3 --hooks`), and the extension of tests/extend-vendor
# (`--split 2`), builds as the crates it is written as: the
# crates are generated into a workspace of their own under target/, then
# linted with clippy and documented by rustdoc, both with -D warnings. No
# vendor is named here: whatever specs/ holds is split. Runs against this
# checkout's runtime (path dependency) and target dir; the workspace's lock
# file pins the dependencies' versions.
#
#   tests/scripts/split-build.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/target/split-build"
rm -rf "$work"
mkdir -p "$work"
dependency="meeting-api-client = { path = \"$root/generated-client\", default-features = false }"
for specs in specs tests/corpus; do
  cargo run -q -p meeting-api-codegen --locked -- generate "$root/$specs" --out "$work/$(basename "$specs")" \
    --split 3 --hooks --runtime-dependency "$dependency" >/dev/null
done
# An extension of a published vendor (tests/extend-vendor): its crates name the
# base's types in the runtime, so its runtime line turns on the base's feature.
extension="$root/tests/extend-vendor/specs"
base=$(grep -rhoE '^\s*extends:\s*[a-z_0-9]+' "$extension" | head -1 | sed -E 's/.*extends:\s*//')
[ -n "$base" ] || { echo "split-build: no extends: in $extension"; exit 1; }
cargo run -q -p meeting-api-codegen --locked -- generate "$extension" --out "$work/extension" --split 2 \
  --runtime-dependency "${dependency% \}}, features = [\"${base//_/-}\"] }" >/dev/null
# Members are the crates only (the folders also hold catalogue.md and specs.sha256).
{
  echo '[workspace]'
  printf 'members = ['
  for manifest in "$work"/*/*/Cargo.toml; do
    printf '"%s", ' "${manifest#"$work"/}" | sed 's|/Cargo.toml||'
  done
  echo ']'
  echo 'resolver = "2"'
} >"$work/Cargo.toml"
cp "$root/Cargo.lock" "$work/Cargo.lock"
crates=$(grep -o '"[^"]*"' "$work/Cargo.toml" | wc -l)
[ "$crates" -gt 0 ] || { echo "split-build: no crate was written"; exit 1; }
cd "$work"
CARGO_TARGET_DIR="$root/target" cargo clippy -q --workspace --all-targets -- -D warnings
CARGO_TARGET_DIR="$root/target" RUSTDOCFLAGS="-D warnings" cargo doc -q --workspace --no-deps
echo "split-build: $crates crates built, linted and documented"
