#!/usr/bin/python3
"""A scripted MCP client against `repay mcp` (JSON-RPC 2.0 over stdio).

usage: mcp_test.py REPAY

Speaks the protocol as an agent's client would: initialize, the initialized
notification, tools/list (compact: under 20 KB), tools/call (a schedule
in summary and in full, a statement, a bad request, an unknown tool, the
schema tool), ping, and protocol errors. Expected figures are
the README's hand-checked ones (PMT(4.9%/12, 360, 1,000,000) = 5307.27).
"""
import json
import subprocess
import sys

from jsonschema import Draft202012Validator

repay = sys.argv[1]
proc = subprocess.Popen([repay, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
failures = []


def send(msg):
    proc.stdin.write((msg if isinstance(msg, str) else json.dumps(msg)) + "\n")
    proc.stdin.flush()


def ask(msg):
    send(msg)
    return json.loads(proc.stdout.readline())


def check(name, cond):
    if not cond:
        failures.append(name)


r = ask({"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                    "clientInfo": {"name": "test", "version": "1"}}})
check("initialize: id echoed", r["id"] == 1)
check("initialize: version agreed", r["result"]["protocolVersion"] == "2025-06-18")
check("initialize: tools capability", "tools" in r["result"]["capabilities"])
check("initialize: server name", r["result"]["serverInfo"]["name"] == "repay")

send({"jsonrpc": "2.0", "method": "notifications/initialized"})  # no answer expected

r = ask({"jsonrpc": "2.0", "id": "list", "method": "tools/list"})
tools = {t["name"]: t for t in r["result"]["tools"]}
check("tools/list: ten tools in the order of a negotiation",
      list(tools) == ["statement", "solve", "restructure", "letter", "compare", "schedule", "yield", "tvm",
                      "day_count", "schema"])
check("tools/list: under 20 KB", len(json.dumps(r)) < 20000)
for name, tool in tools.items():
    schema = tool["inputSchema"]
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # noqa: BLE001 — any schema error is a failure
        failures.append(f"{name}: inputSchema invalid: {e}")
    check(f"{name}: inputSchema is an object schema", schema.get("type") == "object")
    check(f"{name}: no op argument", "op" not in schema["properties"])
    check(f"{name}: compact, no $defs", "$defs" not in schema and "$ref" not in json.dumps(schema))
    check(f"{name}: has a description", len(tool["description"]) > 20)

mortgage = {"loan": {"principal": "1000000", "rate": "4.9%", "term": 360, "start_date": "2024-01-15"}}
check("schedule arguments fit the schema",
      not list(Draft202012Validator(tools["schedule"]["inputSchema"]).iter_errors(mortgage)))
r = ask({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "schedule", "arguments": mortgage}})
res = r["result"]
check("schedule: not an error", res["isError"] is False)
sched = json.loads(res["content"][0]["text"])
check("schedule: payment 5307.27", sched["summary"]["payment"] == "5307.27")
check("schedule: text content is the JSON", sched["totals"]["interest"] == "910615.12")
check("schedule: one copy of the answer, no structuredContent", "structuredContent" not in res)
check("schedule: summary by default, 3 of 360 rows", len(sched["installments"]) == 3
      and sched["installments_not_shown"] == 357)
check("schedule: the answer on one line", "\n" not in res["content"][0]["text"].rstrip("\n"))
r = ask({"jsonrpc": "2.0", "id": 31, "method": "tools/call",
         "params": {"name": "schedule", "arguments": {**mortgage, "detail": "full"}}})
check("schedule: detail full gives every row", len(json.loads(r["result"]["content"][0]["text"])["installments"]) == 360)

late = {"as_of": "2024-03-16", "loan": {**mortgage["loan"], "overdue": {"penalty_markup": "50%", "compound": True}},
        "events": [{"type": "payment", "date": "2024-03-16", "amount": "5339.78"}]}
r = ask({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "statement", "arguments": late}})
sc = json.loads(r["result"]["content"][0]["text"])
check("statement: owed today 5308.35", sc["summary"]["total_due"] == "5308.35")
check("statement: workings read out", "7.35%" in sc["workings"][0]["zh"])

r = ask({"jsonrpc": "2.0", "id": 5, "method": "tools/call",
         "params": {"name": "schedule", "arguments": {"loan": {"principal": "1000", "rate": "abc", "term": 12}}}})
check("bad request: isError", r["result"]["isError"] is True)
check("bad request: the path", json.loads(r["result"]["content"][0]["text"])["error"]["path"] == "$.loan.rate")

r = ask({"jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": {"name": "statement", "arguments": {"op": "schedule", **mortgage}}})
check("an op argument that disagrees is an error", r["result"]["isError"] is True)

r = ask({"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": {"name": "nope", "arguments": {}}})
check("unknown tool: -32602", r["error"]["code"] == -32602 and r["id"] == 7)
check("unknown tool: the names", "statement, solve, restructure, letter" in r["error"]["message"])
r = ask({"jsonrpc": "2.0", "id": 71, "method": "tools/call", "params": {"name": "schema", "arguments": {"name": "loan"}}})
loan_schema = json.loads(r["result"]["content"][0]["text"])
check("schema tool: the loan's schema", loan_schema["$ref"] == "#/$defs/loan" and "principal" in loan_schema["$defs"]["loan"]["properties"])
check("schema tool: only what the loan refers to", "goal" not in loan_schema["$defs"])
r = ask({"jsonrpc": "2.0", "id": 72, "method": "tools/call", "params": {"name": "schema", "arguments": {"name": "nonsense"}}})
check("schema tool: an unknown part is the tool's error", r["result"]["isError"] is True
      and "nonsense" in json.loads(r["result"]["content"][0]["text"])["error"]["message"])
r = ask({"jsonrpc": "2.0", "id": 8, "method": "resources/list"})
check("unknown method: -32601", r["error"]["code"] == -32601)
r = ask({"jsonrpc": "2.0", "id": 9, "method": "ping"})
check("ping", r["result"] == {} and r["id"] == 9)
r = ask("{not json")
check("parse error: -32700, id null", r["error"]["code"] == -32700 and r["id"] is None)
r = ask({"jsonrpc": "1.0", "id": 10, "method": "ping"})
check("wrong jsonrpc version: -32600", r["error"]["code"] == -32600)
r = ask({"jsonrpc": "2.0", "id": 11, "method": "tools/call", "params": {"name": "schedule", "arguments": [1]}})
check("arguments not an object: -32602", r["error"]["code"] == -32602)
r = ask({"jsonrpc": "2.0", "id": 12, "method": "initialize", "params": {"protocolVersion": "1999-01-01"}})
check("an unknown protocol version gets ours", r["result"]["protocolVersion"] == "2025-06-18")

proc.stdin.close()
check("exits 0 at end of input", proc.wait(timeout=10) == 0)
for f in failures:
    print("FAIL", f, file=sys.stderr)
print(f"mcp: {len(failures)} failed")
sys.exit(1 if failures else 0)
