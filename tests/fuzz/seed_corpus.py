#!/usr/bin/python3
"""Seed corpora for the fuzz targets, from the fixtures (nothing committed).

usage: seed_corpus.py OUT DIR...

OUT/fuzz_request gets every request found under the DIRs (as JSON text);
OUT/fuzz_parsers every string value in them (decimals, rates, dates) and a
few edge cases of each grammar; OUT/fuzz_mcp each request as an MCP
tools/call message, and the protocol's other methods; OUT/fuzz_csv each
schedule loan as a one-row sheet. Files under DIR/<target>/ (the kept
regressions) go to that target as they are.
"""
import hashlib
import json
import sys
from pathlib import Path

out, dirs = Path(sys.argv[1]), sys.argv[2:]
targets = ["fuzz_request", "fuzz_parsers", "fuzz_csv", "fuzz_mcp"]
folder = {t: out / t for t in targets}
for f in folder.values():
    f.mkdir(parents=True, exist_ok=True)
COLUMNS = ["principal", "rate", "term", "method", "start_date", "first_due_date", "maturity_date",
           "frequency", "day_count", "daily_basis", "grace_periods", "flat_charge", "periodic_fee",
           "upfront_fee"]


def save(target, data):
    if isinstance(data, str):
        data = data.encode()
    (folder[target] / hashlib.sha1(data).hexdigest()).write_bytes(data)


def walk(value):
    if isinstance(value, str):
        save("fuzz_parsers", value)
    elif isinstance(value, dict):
        for v in value.values():
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)


def csv_cell(v):
    text = v if isinstance(v, str) else json.dumps(v)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def seed_case(doc):
    request = doc.get("request", doc) if isinstance(doc, dict) else doc
    text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    save("fuzz_request", text)
    walk(request)
    if isinstance(request, dict) and request.get("op") in ("schedule", "statement", "yield",
                                                           "restructure", "compare", "solve",
                                                           "tvm", "day_count"):
        args = {k: v for k, v in request.items() if k != "op"}
        save("fuzz_mcp", json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                     "params": {"name": request["op"], "arguments": args}},
                                    ensure_ascii=False))
    loan = request.get("loan") if isinstance(request, dict) else None
    if isinstance(loan, dict) and all(k in COLUMNS for k in loan):
        cols = [k for k in COLUMNS if k in loan]
        save("fuzz_csv", "id," + ",".join(cols) + "\n" + "x," + ",".join(csv_cell(loan[k]) for k in cols) + "\n")


for d in dirs:
    for path in Path(d).rglob("*"):
        if not path.is_file():
            continue
        if path.suffix not in (".json", ".jsonl"):
            save(next((t for t in targets if t in path.parts), "fuzz_parsers"), path.read_bytes())
            continue
        try:
            text = path.read_text()
            docs = ([json.loads(l) for l in text.splitlines() if l.strip()] if path.suffix == ".jsonl"
                    else json.loads(text))
        except ValueError:
            continue
        for doc in docs if isinstance(docs, list) else [docs]:
            seed_case(doc)
for s in ["0", "-0.00", "1e3", "1E-999999", "1e999999999", "4.9%", "5‰", "3‱", "万分之五",
          "千分之一点五", "月5‰", "日万分之0.5", "2024-02-29", "2023-02-29", "9999-12-31", ".5", "5.",
          "4.9", "120%"]:
    save("fuzz_parsers", s)
for m in [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18"}},
          {"jsonrpc": "2.0", "method": "notifications/initialized"},
          {"jsonrpc": "2.0", "id": "a", "method": "tools/list"},
          {"jsonrpc": "2.0", "id": 7, "method": "ping"},
          {"jsonrpc": "2.0", "id": 8, "method": "nope"}]:
    save("fuzz_mcp", json.dumps(m))
print("seed corpus: " + ", ".join(f"{sum(1 for _ in folder[t].iterdir())} for {t}" for t in targets))
