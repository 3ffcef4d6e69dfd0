#!/usr/bin/python3
"""Seed corpora for the fuzz targets, from the fixtures (nothing committed).

usage: seed_corpus.py OUT DIR...

OUT/fuzz_request gets every request found under the DIRs (as JSON text);
OUT/fuzz_parsers every string value in them (decimals, rates, dates) and a
few edge cases of each grammar.
"""
import hashlib
import json
import sys
from pathlib import Path

out, dirs = Path(sys.argv[1]), sys.argv[2:]
requests, strings = out / "fuzz_request", out / "fuzz_parsers"
requests.mkdir(parents=True, exist_ok=True)
strings.mkdir(parents=True, exist_ok=True)


def save(folder, text):
    data = text.encode()
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def walk(value):
    if isinstance(value, str):
        save(strings, value)
    elif isinstance(value, dict):
        for v in value.values():
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)


for d in dirs:
    for path in Path(d).rglob("*"):
        if not path.is_file():
            continue
        if path.suffix != ".json":
            save(requests if "fuzz_request" in path.parts else strings, path.read_text(errors="replace"))
            continue
        try:
            doc = json.loads(path.read_text())
        except ValueError:
            continue
        request = doc.get("request", doc) if isinstance(doc, dict) else doc
        save(requests, request if isinstance(request, str) else json.dumps(request, ensure_ascii=False))
        walk(request)
for s in ["0", "-0.00", "1e3", "1E-999999", "1e999999999", "4.9%", "5‰", "3‱", "万分之五",
          "千分之一点五", "月5‰", "日万分之0.5", "2024-02-29", "2023-02-29", "9999-12-31", ".5", "5."]:
    save(strings, s)
print(f"seed corpus: {sum(1 for _ in requests.iterdir())} requests, {sum(1 for _ in strings.iterdir())} strings")
