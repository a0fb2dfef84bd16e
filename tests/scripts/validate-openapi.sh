#!/usr/bin/env bash
# Exports every vendor of specs/ (and of the conformance corpus and the hostile
# spec, which reach constructs the vendors do not) as OpenAPI 3.1 with the CLI,
# and validates each document with an independent validator:
# openapi-spec-validator from PyPI, pinned with everything it installs in
# openapi-validator-requirements.txt, in a virtualenv under target/.
set -euo pipefail
cd "$(dirname "$0")/../.."

requirements=tests/scripts/openapi-validator-requirements.txt
venv=target/openapi-validator-venv
# Reinstalled when the pins change.
stamp="$venv/requirements.txt"
if ! cmp -s "$requirements" "$stamp" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi

out=target/openapi
rm -rf "$out"
cargo run -q -p meeting-api-codegen --locked -- openapi specs tests/corpus tests/hostile-specs --out "$out" >/dev/null

# One document per vendor folder entry of specs/ at least: the export found them all.
vendors=$(cargo run -q -p meeting-api-codegen --locked -- check specs | sed -n 's/^ok: \([0-9]*\) vendors.*/\1/p')
documents=0
for doc in "$out"/*.openapi.json; do
  "$venv/bin/openapi-spec-validator" "$doc"
  documents=$((documents + 1))
done
if [ "$documents" -lt "$vendors" ]; then
  echo "only $documents documents for the $vendors vendors of specs/"
  exit 1
fi
echo "$documents OpenAPI documents valid"
