#!/usr/bin/env bash
# Writes every vendor's HTML reference and OpenAPI document with the CLI, then
# loads each page in headless Chromium and finds every operation the document
# lists (check-pages.mjs). Needs /usr/bin/chromium (Debian's chromium; .ci/run
# installs it) or $CHROMIUM, and node with npm (playwright-core, pinned in
# package-lock.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
out="$root/target/browser-pages"
rm -rf "$out"
cd "$root"
cargo run -q -p meeting-api-codegen --locked -- openapi specs --out "$out" >/dev/null
cargo run -q -p meeting-api-codegen --locked -- html specs --out "$out" >/dev/null
cd "$here"
npm ci --no-audit --no-fund --silent
node check-pages.mjs "$out"
