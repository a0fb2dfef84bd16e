#!/usr/bin/env python3
"""Rewrites one of our OpenAPI 3.1 exports into the OpenAPI 3.0 subset that
progenitor reads, for the side-by-side measurement of tests/perf/peer.sh:

    python3 tests/perf/openapi30.py IN.openapi.json OUT.json

- `openapi` becomes 3.0.3 (progenitor refuses 3.1);
- a form body whose one field carries JSON (`params`, our `form_json`) becomes
  a JSON body of that JSON's schema: progenitor has no form encoding, and the
  JSON body keeps every field for it to generate, as ours does;
- the `default` reply (our vendor's error envelope) becomes `4XX` and `5XX`:
  progenitor counts `default` among the success replies, which may have one
  type;
- 3.1's `type: [T, "null"]` becomes `type: T, nullable: true`, and
  `examples: [..]` in a schema becomes `example`.

What the rewrite drops (the form encoding) only makes progenitor's input
simpler; no field, type or operation is removed.
"""
import json
import sys


def schema30(node):
    if isinstance(node, list):
        return [schema30(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: schema30(v) for k, v in node.items()}
    ty = out.get("type")
    if isinstance(ty, list):
        rest = [t for t in ty if t != "null"]
        out["type"] = rest[0] if len(rest) == 1 else rest
        if "null" in ty:
            out["nullable"] = True
    if isinstance(out.get("examples"), list) and "type" in out:
        examples = out.pop("examples")
        if examples:
            out["example"] = examples[0]
    return out


def body30(body):
    content = body.get("content", {})
    for media, entry in list(content.items()):
        props = entry.get("schema", {}).get("properties", {})
        carried = [p for p in props.values() if "contentSchema" in p]
        if entry.get("encoding") and len(carried) == 1:
            del content[media]
            content["application/json"] = {"schema": carried[0]["contentSchema"]}
        else:
            entry.pop("encoding", None)
    return body


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    doc["openapi"] = "3.0.3"
    for ops in doc.get("paths", {}).values():
        for op in ops.values():
            if isinstance(op, dict) and "requestBody" in op:
                body30(op["requestBody"])
            replies = op.get("responses", {}) if isinstance(op, dict) else {}
            if "default" in replies:
                failure = replies.pop("default")
                replies["4XX"] = failure
                replies["5XX"] = failure
    doc = schema30(doc)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:3])
