#!/usr/bin/python3
"""repay batch (JSON Lines and --from-csv), record and --bom, end to end.

usage: batch_test.py REPAY

Expected figures: PMT(12%/12, 2, 1000) = 507.51 and PMT(4.9%/12, 360,
1,000,000) = 5307.27 (Gnumeric; README). Memory is read from the child's
peak RSS (getrusage), never from the clock.
"""
import json
import os
import resource
import select
import subprocess
import sys
import tempfile

repay = sys.argv[1]
failures = []
tmp = tempfile.mkdtemp(prefix="repay-batch-")


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name} {detail}")


def run(args, data=b"", **kw):
    return subprocess.run([repay, *args], input=data, capture_output=True, **kw)


def lines(out):
    return [json.loads(x) for x in out.decode().splitlines()]


def loan(i, rate="12%"):
    return {"id": i, "op": "schedule", "loan": {"principal": "1000", "rate": rate, "term": 2}}


# order, ids, errors per line, blank lines
reqs = [json.dumps(loan(i)) for i in range(300)]
reqs[7] = '{"id": 7, "op": "schedule", "loan": {"principal": "1000", "rate": "abc", "term": 2}}'
reqs[8] = "this is not json"
reqs[9] = ""
data = ("\n".join(reqs) + "\n").encode()
for jobs in ("1", "2", "8"):
    p = run(["batch", "--jobs", jobs], data)
    out = lines(p.stdout)
    check(f"jobs {jobs}: exit 0", p.returncode == 0, p.stderr)
    check(f"jobs {jobs}: one answer per request (blank lines skipped)", len(out) == 299, len(out))
    ids = [o.get("id") for o in out]
    check(f"jobs {jobs}: order kept", ids[:7] == list(range(7)) and ids[9:] == list(range(10, 300)), ids[:12])
    check(f"jobs {jobs}: payment", out[0]["summary"]["payment"] == "507.51")
    check(f"jobs {jobs}: a bad request answers with its id and path",
          out[7]["ok"] is False and out[7]["id"] == 7 and out[7]["error"]["path"] == "$.loan.rate")
    check(f"jobs {jobs}: a line that is not JSON gets an error line",
          out[8]["ok"] is False and out[8]["error"]["code"] == "invalid_json")

# the same answers as one request at a time
single = json.loads(run(["run", "-"], json.dumps(loan("x", "4.9%")).encode()).stdout)
batched = lines(run(["batch"], (json.dumps(loan("x", "4.9%")) + "\n").encode()).stdout)[0]
check("batch answer = run answer", single == batched)

# CRLF and no final newline
out = lines(run(["batch"], (json.dumps(loan(1)) + "\r\n" + json.dumps(loan(2))).encode()).stdout)
check("CRLF and a last line without newline", [o["id"] for o in out] == [1, 2])

# a 10 MB line is answered with an error and skipped; memory stays bounded
big = os.path.join(tmp, "big.jsonl")
with open(big, "wb") as f:
    f.write((json.dumps(loan(1)) + "\n").encode())
    f.write(b'{"id": 2, "pad": "' + b"x" * (10 << 20) + b'"}\n')
    f.write((json.dumps(loan(3)) + "\n").encode())
before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
p = run(["batch", "--jobs", "2", big])
out = lines(p.stdout)
check("10 MB line: three answers", len(out) == 3, len(out))
check("10 MB line: too_large", out[1]["error"]["code"] == "too_large" and "line 2" in out[1]["error"]["message"])
check("10 MB line: the next line still answered", out[2]["id"] == 3 and out[2]["ok"])

# a long stream: 20,000 requests through a pipe, peak memory bounded
stream = (json.dumps(loan(1)) + "\n").encode() * 20000
p = run(["batch", "--jobs", "2"], stream)
check("20,000 lines: 20,000 answers", p.stdout.count(b"\n") == 20000)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
# AddressSanitizer's shadow memory and quarantine make RSS meaningless: the
# sanitizer run sets REPAY_MEMORY_LIMIT_MB=0 to leave this one check out.
limit_mb = int(os.environ.get("REPAY_MEMORY_LIMIT_MB", "64"))
if limit_mb:
    check(f"peak memory under {limit_mb} MB", peak_kb < limit_mb * 1024, f"{peak_kb} KB")

# a file that does not exist; bad options
check("missing file: exit 2", run(["batch", os.path.join(tmp, "nope.jsonl")]).returncode == 2)
check("--jobs 0: exit 2", run(["batch", "--jobs", "0"]).returncode == 2)
check("--jobs on schedule: exit 2", run(["schedule", "--jobs", "2"]).returncode == 2)

# --from-csv
def csv_file(name, text, bom=False):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    return path

good = csv_file("loans.csv",
                'id,principal,rate,term,method,start_date,rounding_unit\r\n'
                'a,1000000,4.9%,360,annuity,2024-01-15,\r\n'
                'b,1000,12%,2,,,\r\n'
                '"c, quoted",1000,"月1%",2,equal_principal,2024-01-31,1\r\n'
                'd,1000,12%\r\n'
                'e,1000,abc,2,,,\r\n', bom=True)
p = run(["batch", "--from-csv", good, "--jobs", "2"])
out = lines(p.stdout)
check("csv: exit 0", p.returncode == 0, p.stderr)
check("csv: five answers", len(out) == 5, len(out))
check("csv: a mortgage row", out[0]["id"] == "a" and out[0]["summary"]["payment"] == "5307.27")
check("csv: empty cells take defaults", out[1]["summary"]["payment"] == "507.51")
# 1000/2 = 500 principal + 1000 × 1% = 10 interest, rounded to whole yuan
check("csv: quoted id, Chinese rate, equal principal, unit 1",
      out[2]["id"] == "c, quoted" and out[2]["installments"][0]["payment"] == "510")
check("csv: a short row is an error line", out[3]["ok"] is False and "row 4 has 3 cells" in out[3]["error"]["message"])
check("csv: a bad cell has the JSON path", out[4]["error"]["path"] == "$.loan.rate")
p = run(["batch", "--from-csv", csv_file("missing.csv", "id,principal,term\nx,1,1\n")])
check("csv: missing column rate: exit 2", p.returncode == 2 and b'missing column "rate"' in p.stderr, p.stderr)
p = run(["batch", "--from-csv", csv_file("unknown.csv", "principal,rate,term,colour\n1,1%,1,red\n")])
check("csv: unknown column: exit 2", p.returncode == 2 and b'unknown column "colour"' in p.stderr, p.stderr)
p = run(["batch", "--from-csv", csv_file("empty.csv", "")])
check("csv: no header: exit 2", p.returncode == 2)

# --bom on csv output
p = run(["schedule", "--format", "csv", "--bom", "-"], json.dumps(loan(1)).encode())
check("--bom: starts with EF BB BF then the header", p.stdout.startswith(b"\xef\xbb\xbfn,due_date,payment"))
p = run(["schedule", "--format", "json", "--bom", "-"], json.dumps(loan(1)).encode())
check("--bom: not on JSON", p.stdout.startswith(b"{"))

# a client that writes one line and waits for its answer before the next
# (an agent's pipe) is answered each time, with --jobs 1 and 2: the answers
# are flushed whenever nothing read is left unanswered
for jobs in ("1", "2"):
    child = subprocess.Popen([repay, "batch", "--jobs", jobs], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got = []
    for i in range(3):
        child.stdin.write((json.dumps(loan(i)) + "\n").encode())
        child.stdin.flush()
        ready, _, _ = select.select([child.stdout], [], [], 10)
        got.append(json.loads(child.stdout.readline()) if ready else None)
    child.stdin.close()
    rest = child.stdout.read()
    child.wait(10)
    check(f"jobs {jobs}: each answer while the client waits",
          [a and a["id"] for a in got] == [0, 1, 2] and rest == b"" and child.returncode == 0,
          (got, rest))

# record → a skeleton that check refuses until verified
req = os.path.join(tmp, "two-months.json")
with open(req, "w") as f:
    json.dump(loan("r"), f)
p = run(["record", req])
fx = json.loads(p.stdout)
check("record: exit 0", p.returncode == 0, p.stderr)
check("record: named after the file", fx["name"] == "two-months")
check("record: marked unverified", fx["unverified"] is True and fx["source"].startswith("UNVERIFIED"))
check("record: the response as expected", fx["expected"]["summary"]["payment"] == "507.51")
skeleton = os.path.join(tmp, "skeleton.json")
with open(skeleton, "w") as f:
    json.dump(fx, f)
p = run(["check", skeleton])
check("check: an unverified fixture fails", p.returncode == 1 and b"unverified" in p.stdout, p.stdout)
fx.pop("unverified")
fx["source"] = "PMT(12%/12, 2, 1000) = 507.51 by hand"
with open(skeleton, "w") as f:
    json.dump(fx, f)
check("check: once verified it passes", run(["check", skeleton]).returncode == 0)

for f in failures:
    print("FAIL", f, file=sys.stderr)
print(f"batch: {len(failures)} failed")
sys.exit(1 if failures else 0)
