#!/usr/bin/python3
"""Issue 14: hostile and careless input on every interface, one check (or a
few) per item of the issue, numbered as there. Each check fails on the
build before the fix.

usage: hostile_test.py REPAY

Expectations are error codes, paths, counts and bytes, never a money figure
taken from repay itself.
"""
import json
import os
import subprocess
import sys
import tempfile

repay = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="repay-hostile-")
failures = []


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}" if detail != "" else name)


def run(args, data=b"", timeout=60, **kw):
    if isinstance(data, str):
        data = data.encode()
    return subprocess.run([repay, *args], input=data, capture_output=True, timeout=timeout, **kw)


def error_of(out):
    """The error object of a JSON response (or of its first line)."""
    try:
        doc = json.loads(out)
    except ValueError:
        return {"code": "<not JSON>", "path": "", "message": out[:200]}
    return doc.get("error", {}) if isinstance(doc, dict) else {}


def expect_error(name, request, code, path, args=("run", "-")):
    p = run(list(args), request)
    e = error_of(p.stdout)
    check(name, p.returncode == 2 and e.get("code") == code and e.get("path") == path,
          f"exit {p.returncode}, {e.get('code')} at {e.get('path')}: {e.get('message')}")
    return e


LOAN = {"principal": "12000", "rate": "12%", "term": 12, "start_date": "2024-01-15"}
CASE = {"date": "2024-07-20", "loan": LOAN}


def req(op, **fields):
    return json.dumps({"op": op, **fields}, ensure_ascii=False)


# ---- 0. a rate over 1000% inside actions and goals: out_of_range, not exit 3
for name, request, path in [
    ("restructure rate", req("restructure", **CASE, actions=[{"type": "rate", "rate": "1001%"}]),
     "$.actions[0].rate"),
    ("extend rate", req("restructure", **CASE, actions=[{"type": "extend", "periods": 2, "rate": "1001%"}]),
     "$.actions[0].rate"),
    ("compare proposal", req("compare", **CASE, proposals=[{"name": "a", "actions": [{"type": "rate", "rate": "1001%"}]}]),
     "$.proposals[0].actions[0].rate"),
    ("solve goal.rate", req("solve", **CASE, goal={"type": "payment_for_term", "term": 12, "rate": "1200%"}),
     "$.goal.rate"),
    ("rate_change event", req("statement", as_of="2024-07-20", loan=LOAN,
                              events=[{"type": "rate_change", "date": "2024-03-01", "rate": {"monthly": "84%"}}]),
     "$.events[0].rate"),
    ("discount_rate", req("restructure", **CASE, discount_rate="1001%", actions=[{"type": "reamortize"}]),
     "$.discount_rate"),
]:
    expect_error(f"0: {name} over 1000%", request, "out_of_range", path)

# ---- the bare-rate trap (issue 13, 2.3): a bare number >= 1 is refused
for name, loan_extra, path in [
    ("rate 4.9", {"rate": 4.9}, "$.loan.rate"),
    ("rate \"4.9\"", {"rate": "4.9"}, "$.loan.rate"),
    ("rate 12.0", {"rate": 12.0}, "$.loan.rate"),
    ("rate {monthly: 1}", {"rate": {"monthly": 1}}, "$.loan.rate.monthly"),
    ("rate \"月5\"", {"rate": "月5"}, "$.loan.rate"),
    ("penalty_rate 18", {"overdue": {"penalty_rate": "18"}}, "$.loan.overdue.penalty_rate"),
    ("penalty_markup 1.5", {"overdue": {"penalty_markup": 1.5}}, "$.loan.overdue.penalty_markup"),
    ("late_fee rate 5", {"overdue": {"late_fee": {"rate": "5"}}}, "$.loan.overdue.late_fee.rate"),
]:
    e = expect_error(f"bare rate: {name}", req("schedule", loan={**LOAN, **loan_extra}), "invalid_value", path)
    check(f"bare rate: {name}: the message shows both readings",
          "reads as" in e.get("message", "") and "%" in e.get("message", ""), e.get("message"))
e = expect_error("bare rate: the README's example", req("schedule", loan={**LOAN, "rate": 4.9}), "invalid_value", "$.loan.rate")
check("bare rate: 4.9 reads as 490%", "4.9 reads as 490%" in e.get("message", "") and '"4.9%"' in e.get("message", "")
      and "0.049" in e.get("message", ""), e.get("message"))
for name, request, path in [
    ("waive share 1", req("restructure", **CASE, actions=[{"type": "waive", "component": "interest", "share": 1}]),
     "$.actions[0].share"),
    ("settle discount \"20\"", req("restructure", **CASE, actions=[{"type": "settle", "discount": "20"}]),
     "$.actions[0].discount"),
    ("min_recovery 80", req("solve", **CASE, goal={"type": "max_discount", "min_recovery": 80}), "$.goal.min_recovery"),
    ("discount_rate 5", req("restructure", **CASE, discount_rate=5, actions=[{"type": "reamortize"}]), "$.discount_rate"),
    ("caps.cap 24", req("yield", cash_flows=["100", "-110"], periods_per_year=1, caps={"rule": "custom", "cap": 24}),
     "$.caps.cap"),
    ("yield discount_rate 3", req("yield", cash_flows=["100", "-110"], discount_rate="3"), "$.discount_rate"),
]:
    expect_error(f"bare share: {name}", request, "invalid_value", path)
for name, rate in [("0.049", 0.049), ("\"0.049\"", "0.049"), ("\"4.9%\"", "4.9%"), ("\"120%\"", "120%"),
                   ("百分之二十四", "百分之二十四"), ("\"月5‰\"", "月5‰"), ("0", 0)]:
    p = run(["run", "-"], req("schedule", loan={**LOAN, "rate": rate}))
    check(f"bare rate: {name} still accepted", p.returncode == 0, p.stdout[:200])

# ---- 10. memory: a non-scalar id, or a huge tree, is refused before it is built
expect_error("10: an array id", '{"op": "schedule", "id": [' + ",".join(["1"] * 1000) + '], "loan": {}}',
             "wrong_type", "$.id")
expect_error("10: an object id", '{"op": "schedule", "id": {"a": 1}, "loan": {}}', "wrong_type", "$.id")
big_id = '{"op": "schedule", "id": [' + ",".join(["1"] * 524000) + '], "loan": {}}'
expect_error("10: a 1 MiB array id", big_id, "too_large", "$")
many = '{"op": "schedule", "loan": {"principal": "1", "rate": "1%", "term": 1}, "x": [' + ",".join(["1"] * 150000) + "]}"
expect_error("10: more values than the limit", many, "too_large", "$")
limit_mb = int(os.environ.get("REPAY_MEMORY_LIMIT_MB", "64"))
if limit_mb:  # RSS means nothing under AddressSanitizer (see batch_test.py)
    import resource
    lines = (big_id + "\n") * 16
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run([repay, "batch", "--jobs", "8"], input=lines.encode(), capture_output=True, timeout=60)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    check("10: 16 one-MiB array ids on 8 jobs: 16 answers", p.stdout.count(b"\n") == 16, p.stdout[:200])
    check(f"10: 16 one-MiB array ids on 8 jobs: peak memory under {limit_mb * 2} MB",
          peak < limit_mb * 2 * 1024, f"{peak} KB")

# ---- 11. strict JSON: control characters, raw newlines and tabs in strings, two BOMs
good = '{"op": "schedule", "loan": {"principal": "1000", "rate": "12%", "term": 2}}'
for name, text in [
    ("form feed as whitespace", good.replace('"loan":', '\f"loan":')),
    ("a control character as whitespace", good.replace('"loan":', '\x01"loan":')),
    ("a vertical tab as whitespace", good.replace('"loan":', '\x0b"loan":')),
    ("a raw newline in a string", good.replace('"12%"', '"12\n%"')),
    ("a raw tab in a string", good.replace('"12%"', '"12\t%"')),
    ("two BOMs", "\ufeff\ufeff" + good),
    ("junk after the request", good + " x"),
    ("a lone surrogate escape", good.replace('"1000"', '"1000\\ud800"')),
]:
    expect_error(f"11: {name}", text, "invalid_json", "$")
p = run(["run", "-"], "\ufeff" + good)
check("11: one BOM is still fine", p.returncode == 0, p.stdout[:200])

# ---- 14. a duplicate key inside a rate object is duplicate_field
expect_error("14: duplicate key in a rate object",
             '{"op": "schedule", "loan": {"principal": "1000", "rate": {"annual": "1%", "annual": "2%"}, "term": 2}}',
             "duplicate_field", "$.loan.rate.annual")
expect_error("14: duplicate key in an event",
             '{"op": "statement", "as_of": "2024-03-01", "loan": {"principal": "1000", "rate": "12%", "term": 2, '
             '"start_date": "2024-01-01"}, "events": [{"type": "payment", "date": "2024-02-01", "amount": "1", "amount": "2"}]}',
             "duplicate_field", "$.events[0].amount")

for f in failures:
    print("FAIL", f, file=sys.stderr)
print(f"hostile: {len(failures)} failed")
sys.exit(1 if failures else 0)
