#!/usr/bin/python3
"""The JSON Schema printed by `repay schema` against real requests and responses.

usage: schema_test.py REPAY DIR...

For every fixture (and request file) under the DIRs: the request is sent to
`repay run`; the response must validate against the op's response schema
(or error_response). A request answered ok must validate against its op's
request schema; a request refused for an unknown field or a wrong type must
be refused by the schema too. Needs Debian's python3-jsonschema.
"""
import json
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

repay, dirs = sys.argv[1], sys.argv[2:]
schema = json.loads(subprocess.run([repay, "schema"], check=True, capture_output=True).stdout)
Draft202012Validator.check_schema(schema)


def validator(name):
    return Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": schema["$defs"]})


failures, checked = [], 0
for d in dirs:
    for path in sorted(Path(d).rglob("*.json")):
        doc = json.loads(path.read_text())
        request = doc.get("request", doc)
        text = request if isinstance(request, str) else json.dumps(request)
        out = subprocess.run([repay, "run", "-"], input=text.encode(), capture_output=True).stdout
        response = json.loads(out)
        op = response.get("op") or (request.get("op") if isinstance(request, dict) else None)
        name = f"{op}_response" if response["ok"] else "error_response"
        errors = list(validator(name).iter_errors(response))
        if errors:
            failures.append(f"{path}: response vs {name}: {errors[0].message} at {list(errors[0].path)}")
        if isinstance(request, dict) and op in {"schedule", "statement", "yield", "restructure", "compare", "solve"}:
            req_errors = list(validator(f"{op}_request").iter_errors(request))
            code = None if response["ok"] else response["error"]["code"]
            if response["ok"] and req_errors:
                failures.append(f"{path}: an accepted request fails the schema: {req_errors[0].message}")
            # missing_field is left out: some requirements depend on other fields
            # (a statement needs start_date), which a flat table cannot say
            if code in ("unknown_field", "wrong_type") and not req_errors:
                failures.append(f"{path}: repay refuses it ({code}) but the schema accepts it")
        checked += 1

for f in failures:
    print(f, file=sys.stderr)
print(f"schema: {checked} cases, {len(failures)} failed")
sys.exit(1 if failures else 0)
