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

# ---- 1. batch --from-csv: every row gets exactly one answer line, in order
def sheet(name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def answers(p):
    return [json.loads(x) for x in p.stdout.decode().splitlines()]


rows = b"id,principal,rate,term\na,1000,12%,2\nb,10\"00,12%,2\nc,1000,12%,2\nd,1000,12%,2\ne,1000,12%,2\n"
p = run(["batch", "--from-csv", sheet("stray.csv", rows)])
out = answers(p)
check("1: a stray quote: five rows, five answers", len(out) == 5, f"{len(out)} answers")
check("1: the bad row is row 2's error line", len(out) == 5 and out[1]["ok"] is False
      and out[1]["error"]["path"] == "row 2", out[1:2])
check("1: the other rows in order", [o.get("id") for o in out] == ["a", None, "c", "d", "e"],
      [o.get("id") for o in out])
p = run(["batch", "--from-csv", sheet("open.csv", b'id,principal,rate,term\na,"1000,12%,2\nb,1000,12%,2\nc,1000,12%,2\n')])
out = answers(p)
check("1: a quote left open does not swallow the next rows", len(out) == 3 and out[0]["ok"] is False
      and [o.get("id") for o in out[1:]] == ["b", "c"], [o.get("id") for o in out])
p = run(["batch", "--from-csv", sheet("closing.csv", b'id,principal,rate,term\n"a"x,1000,12%,2\nb,1000,12%,2\n')])
out = answers(p)
check("1: text after a closing quote is an error for that row", len(out) == 2 and out[0]["ok"] is False
      and out[1].get("id") == "b", out)

# ---- 2. a cell with a control character, a CR inside or a NUL is an error for its row
for name, cell in [("CR inside", b"10\r00"), ("NUL", b"5%\x00junk"), ("escape", b"1000\x1b"),
                   ("tab", b"1000\t"), ("not UTF-8", b"10\xff00")]:
    col = b"rate" if name == "NUL" else b"principal"
    hdr = b"id,principal,rate,term\n"
    row = b"x," + (cell + b",12%,2" if col == b"principal" else b"1000," + cell + b",2")
    p = run(["batch", "--from-csv", sheet("ctl.csv", hdr + row + b"\ny,1000,12%,2\n")])
    out = answers(p)
    check(f"2: a cell with {name} is an error line, not another value",
          len(out) == 2 and out[0]["ok"] is False and out[0]["error"]["path"] == "row 1" and out[1].get("id") == "y",
          out[:1])
p = run(["batch", "--from-csv", sheet("crlf.csv", b"id,principal,rate,term\r\nx,1000,12%,2\r\n")])
check("2: CRLF line ends are still fine", answers(p)[0]["ok"] is True, p.stdout[:200])

# ---- 12. a folder as batch's input file: exit 2 with a message
p = run(["batch", tmp])
check("12: batch FOLDER: exit 2", p.returncode == 2 and b"folder" in p.stderr and not p.stdout,
      (p.returncode, p.stderr))
p = run(["batch", "--from-csv", tmp])
check("12: batch --from-csv FOLDER: exit 2", p.returncode == 2 and p.stderr, (p.returncode, p.stderr))

# ---- 13. batch --format csv is refused, not silently ignored
for fmt in ("csv", "table"):
    p = run(["batch", "--format", fmt], good_line := b'{"op": "schedule", "loan": {"principal": "1000", "rate": "12%", "term": 2}}\n')
    check(f"13: batch --format {fmt}: exit 2", p.returncode == 2 and b"--format" in p.stderr and not p.stdout,
          (p.returncode, p.stderr))
p = run(["batch", "--format", "json"], good_line)
check("13: batch --format json is fine", p.returncode == 0 and json.loads(p.stdout)["ok"] is True, p.stdout[:100])

# ---- 3, 7, 15. repay mcp: exact, strict, valid UTF-8 out
def mcp(lines):
    """Sends raw lines (bytes) to repay mcp; the replies, each checked to be valid UTF-8 JSON."""
    p = run(["mcp"], b"".join(x + b"\n" for x in lines))
    out = []
    for raw in p.stdout.split(b"\n")[:-1]:
        try:
            out.append(json.loads(raw.decode("utf-8", errors="strict")))
        except (UnicodeDecodeError, ValueError) as e:
            out.append({"invalid": str(e), "raw": raw[:120]})
    return p, out


def call(tool, arguments_text, id_text=b"1"):
    return (b'{"jsonrpc": "2.0", "id": ' + id_text + b', "method": "tools/call", "params": {"name": "' +
            tool.encode() + b'", "arguments": ' + arguments_text + b"}}")


for name, args in [
    ("principal 100000000000000.01 as a number",
     b'{"loan": {"principal": 100000000000000.01, "rate": "12%", "term": 12}}'),
    ("a rate of 20 decimals", b'{"loan": {"principal": "1000", "rate": 0.12345678901234567891, "term": 12}}'),
    ("term 12.0000000000000001", b'{"loan": {"principal": "1000", "rate": "12%", "term": 12.0000000000000001}}'),
    ("\\u0000 inside a rate", b'{"loan": {"principal": "1000", "rate": "12\\u0000%", "term": 12}}'),
    ("1e400", b'{"loan": {"principal": 1e400, "rate": "12%", "term": 12}}'),
    ("a name twice", b'{"loan": {"principal": "1000", "rate": "12%", "term": 12, "term": 13}}'),
]:
    p, out = mcp([call("schedule", args)])
    cli = run(["schedule", "--compact", "-"], args)
    res = out[0].get("result", {}) if out else {}
    text = res.get("content", [{}])[0].get("text") if res else None
    check(f"3: mcp {name}: the same bytes as the CLI", text == cli.stdout.decode(),
          f"\n  mcp: {str(text)[:160]}\n  cli: {cli.stdout.decode()[:160]}")
    check(f"3: mcp {name}: isError as the CLI's exit status", res.get("isError") == (cli.returncode != 0), res.get("isError"))
p, out = mcp([call("schedule", b'{"loan": {"principal": 100000000000000.01, "rate": 0.12345678901234567891, "term": 12}}')])
sc = json.loads(out[0]["result"]["content"][0]["text"]) if out and "result" in out[0] else {}
check("3: the answer keeps the .01", sc.get("summary", {}).get("principal") == "100000000000000.01", sc.get("summary"))
check("3: the answer keeps 20 decimals of the rate",
      sc.get("summary", {}).get("annual_rate") == "0.12345678901234567891", sc.get("summary"))
p, out = mcp([b'{"jsonrpc": "2.0", "id": 123456789012345678901234567890, "method": "ping"}'])
check("3: a long numeric id is echoed exactly", b'"id": 123456789012345678901234567890' in p.stdout, p.stdout)

p, out = mcp([b'{"jsonrpc": "2.0", "id": "\xff\xfe", "method": "ping"}',
              b'{"jsonrpc": "2.0", "id": 1, "method": "x\xc3"}',
              b'{"jsonrpc": "2.0", "id": 2, "method": "' + "中".encode() * 40 + b'"}',
              b'{"jsonrpc": "2.0", "id": 3, "method": "\\u001b[2J"}'])
check("7: four messages, four replies", len(out) == 4, out)
check("7: every reply is valid UTF-8 JSON", all("invalid" not in o for o in out), out)
check("7: invalid bytes are a parse error", len(out) == 4 and out[0].get("error", {}).get("code") == -32700
      and out[1].get("error", {}).get("code") == -32700, out[:2])
check("7: a long CJK method name is cut on a character", len(out) == 4 and out[2].get("error", {}).get("code") == -32601,
      out[2:3])
check("7: no escape character in an echoed method", b"\x1b" not in p.stdout, p.stdout)

p, out = mcp([b'{"jsonrpc": "2.0", "id": 1, "method": "ping"} junk',
              b'{"jsonrpc": "2.0", "id": 2, "method": "ping"}\x00{"jsonrpc": "2.0", "id": 3, "method": "nope"}',
              b'{"jsonrpc": "2.0", "id": 4, "method": "ping"}'])
check("15: junk after a message: a parse error", out and out[0].get("error", {}).get("code") == -32700, out[:1])
check("15: a NUL inside a line: a parse error, not the part before it",
      len(out) > 1 and out[1].get("error", {}).get("code") == -32700, out[1:2])
check("15: the next line still answered", len(out) == 3 and out[2].get("result") == {} and out[2].get("id") == 4, out)

# ---- 4. record keeps numbers as written: the skeleton passes its own check
rec = os.path.join(tmp, "exact.json")
with open(rec, "w") as f:
    f.write('{"op": "schedule", "loan": {"principal": 100000000000000.01, "rate": 0.12345678901234567891, "term": 12}}')
p = run(["record", rec])
check("4: record: exit 0", p.returncode == 0, p.stderr)
check("4: record keeps 100000000000000.01 and the 20-decimal rate as written",
      b"100000000000000.01," in p.stdout and b"0.12345678901234567891" in p.stdout, p.stdout[:300])
try:
    fx = json.loads(p.stdout)
    fx.pop("unverified", None)
    fx["source"] = "issue 14 item 4: the recorded request must reproduce its own response"
    skeleton = os.path.join(tmp, "exact-fixture.json")
    with open(skeleton, "wb") as f:
        f.write(p.stdout.replace(b'"unverified": true,', b""))
    c = run(["check", skeleton])
    check("4: the recorded fixture passes its own check", c.returncode == 0, c.stdout[:300])
except ValueError:
    check("4: record prints JSON", False, p.stdout[:200])
with open(rec, "w") as f:
    f.write('{"op": "schedule", "loan": {"principal": "1", "principal": "2", "rate": "1%", "term": 1}}')
p = run(["record", rec])
check("4: a request with a name twice cannot be recorded: exit 2", p.returncode == 2 and not p.stdout, p.stderr)

# ---- 5. CSV and formula injection: quoted cells, no formula, in every CSV
import csv
import io
names = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "a,b", "line\nbreak", "tab\tstart",
         "展期六个月方案"]
cmp = req("compare", **CASE, proposals=[{"name": n, "actions": [{"type": "extend", "periods": i + 1}]}
                                       for i, n in enumerate(names)])
p = run(["run", "--format", "csv", "-"], cmp)
rows = list(csv.reader(io.StringIO(p.stdout.decode())))
check("5: compare csv: a header and one row per proposal", len(rows) == len(names) + 1, rows)
check("5: compare csv: every row has the header's columns", all(len(r) == len(rows[0]) for r in rows), rows)
cells = [r[0] for r in rows[1:]]
check("5: no cell starts with a formula character", all(c[:1] not in "=+-@\t\r" for c in cells), cells)
check("5: text cells are quoted", all(line.startswith('"') for line in p.stdout.decode().splitlines()[1:]),
      p.stdout.decode().splitlines()[1:3])
check("5: a plain name keeps its text", "展期六个月方案" in cells, cells)
for fmt_id in ["=1+2", "a,b", "-x"]:
    p = run(["run", "--format", "csv", "-"], req("yield", id=fmt_id, cash_flows=["100", "-110"], periods_per_year=1))
    rows = list(csv.reader(io.StringIO(p.stdout.decode())))
    check(f"5: yield csv with the id {fmt_id!r}: two cells a row, none a formula",
          all(len(r) == 2 and r[1][:1] not in "=+@" and (r[1][:1] != "-" or r[1][1:2].isdigit()) for r in rows),
          rows[:3])

# ---- 6. terminal escapes: no control character of user text reaches the terminal
evil = "\x1b[2J\x1b]0;pwned\x07\u202e"
for fmt in ("table", "csv"):
    p = run(["run", "--format", fmt, "-"], req("compare", **CASE, proposals=[{"name": evil, "actions": [{"type": "extend", "periods": 2}]}]))
    check(f"6: compare {fmt}: no raw escape", b"\x1b" not in p.stdout and b"\x07" not in p.stdout
          and "\u202e".encode() not in p.stdout, p.stdout[:200])
p = run(["run", "--format", "table", "-"], req("statement", as_of="2024-07-20", loan=LOAN,
                                              buckets=[{"label": "\x1b[31mM0", "max_dpd": 0}, {"label": "\x1b]0;x\x07"}]))
check("6: statement table: a bucket label's escapes are shown, not sent", p.returncode == 0 and b"\x1b" not in p.stdout,
      p.stdout[:200])
p = run(["run", "--format", "table", "-"], req("yield", id=evil, cash_flows=["100", "-110"], periods_per_year=1))
check("6: yield table: no raw escape", b"\x1b" not in p.stdout and b"\x07" not in p.stdout, p.stdout[:200])
p = run(["run", "-"], req("schedule", loan={**LOAN, "principal": "1000\x1b[2J"}))
check("6: the stderr line quotes no escape", b"\x1b" not in p.stderr and p.returncode == 2, p.stderr)
p = run(["run", "-"], req("schedule", loan={**LOAN, "principal": "1000元"}))


def utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


check("6: a message quoting a CJK character stays UTF-8", p.returncode == 2 and utf8(p.stdout) and utf8(p.stderr),
      p.stdout)

# ---- 8. repay check: regular files only, each path once, loops detected, skips said
folder = os.path.join(tmp, "cases")
os.makedirs(os.path.join(folder, "sub"))
case = {"name": "two months", "source": "PMT(12%/12, 2, 1000) = 507.51 (Gnumeric)",
        "request": {"op": "schedule", "loan": {"principal": "1000", "rate": "12%", "term": 2}},
        "expected": {"summary": {"payment": "507.51"}}}
with open(os.path.join(folder, "good.json"), "w") as f:
    json.dump(case, f)
os.mkfifo(os.path.join(folder, "fifo.json"))
os.symlink(".", os.path.join(folder, "loop1"))
os.symlink(".", os.path.join(folder, "loop2"))
os.symlink("nowhere.json", os.path.join(folder, "dangling.json"))
os.symlink("self.json", os.path.join(folder, "self.json"))
os.symlink("../good.json", os.path.join(folder, "sub", "again.json"))
try:
    p = run(["check", folder], timeout=20)
    out = p.stdout.decode()
    check("8: check finishes, exit 0", p.returncode == 0, (p.returncode, out[-300:]))
    check("8: the one case runs once", "1 passed, 0 failed" in out, out[-200:])
    for name, why in [("fifo.json", "FIFO"), ("dangling.json", "dangling"), ("self.json", "loop"),
                      ("loop1", "already visited"), ("loop2", "already visited"), ("again.json", "already run")]:
        check(f"8: {name} is skipped, saying why", any(l.startswith("SKIP") and name in l and why in l
                                                       for l in out.splitlines()), out)
    check("8: the summary counts the skips", "6 skipped" in out, out.splitlines()[-1:])
except subprocess.TimeoutExpired:
    check("8: check on a folder with a FIFO and link loops finishes", False, "timed out")
try:
    p = run(["check", os.path.join(folder, "fifo.json")], timeout=20)
    check("8: check FIFO named on the command line: exit 2, not a hang", p.returncode == 2 and b"FIFO" in p.stderr,
          (p.returncode, p.stderr))
except subprocess.TimeoutExpired:
    check("8: check FIFO named on the command line finishes", False, "timed out")

# ---- 9. the limits suite: legal requests with the most work answer (a result
# or a documented refusal) with bounded time, memory and output. The time
# bound is a loose hang detector (each takes well under a second here; the
# old build took 10 s to 280 s on several); REPAY_TIME_SCALE stretches it
# under sanitizers, REPAY_MEMORY_LIMIT_MB=0 leaves memory out there.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import limits_suite  # noqa: E402
import time  # noqa: E402

time_limit = 5.0 * float(os.environ.get("REPAY_TIME_SCALE", "1"))
memory_mb = int(os.environ.get("REPAY_MEMORY_LIMIT_MB", "64")) and 100
for name, (request, expect) in limits_suite.suite().items():
    path = os.path.join(tmp, name + ".json")
    with open(path, "w") as f:
        json.dump(request, f, separators=(",", ":"))
    with open(path, "rb") as fin, open(path + ".out", "wb") as fout:
        start = time.monotonic()
        proc = subprocess.Popen([repay, "run", "-"], stdin=fin, stdout=fout, stderr=subprocess.DEVNULL)
        deadline = start + 12 * time_limit  # wall clock: a hang is killed
        while True:  # wait4, not poll: the child's own peak memory
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
            time.sleep(0.01)
        proc.returncode = status
        # the bound is on CPU time: other work on a loaded machine stretches
        # the wall clock, never the request's own work
        seconds = usage.ru_utime + usage.ru_stime
        if time.monotonic() > deadline:
            seconds = float("inf")
    size = os.path.getsize(path + ".out")
    with open(path + ".out", "rb") as f:
        head = f.read(4096)
    code = "ok" if head.startswith(b'{\n  "ok": true') else error_of(open(path + ".out", "rb").read()).get("code")
    check(f"9: {name}: answers within {time_limit:.0f} s of CPU", seconds < time_limit, f"{seconds:.1f} s")
    check(f"9: {name}: {expect}", code == expect, code)
    if memory_mb:
        check(f"9: {name}: peak memory under {memory_mb} MB", usage.ru_maxrss < memory_mb * 1024,
              f"{usage.ru_maxrss} KB")
    check(f"9: {name}: output under 10 MB", size < 10 << 20, f"{size} bytes")

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
