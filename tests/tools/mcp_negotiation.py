#!/usr/bin/python3
"""A negotiation as an agent runs it through `repay mcp`, in three calls.

usage: mcp_negotiation.py REPAY

The borrower of issue 17: 200,000 at 12% over 36 months from 2024-01-10,
four installments paid, 63 days late on 2024-08-12, 罚息 at +50% with 复利.
The agent asks what is owed (statement), which offers fit (solve, goal
offer: capacity 5,000 a month, 85% recovery at 6%, at most 60
installments) and writes the best one (letter). The owed amounts are
derived here independently, with fractions: the level payment
200000 × 1% ÷ (1 − 1.01⁻³⁶) = 6,642.86, each row's interest at 1% rounded
half up, 罚息 on overdue principal and 复利 on overdue interest at
12% × 1.5 ÷ 360 a day. Prints the bytes the agent read.
"""
import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction as F

repay = sys.argv[1]
proc = subprocess.Popen([repay, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
failures = []
read = 0


def ask(msg):
    global read
    proc.stdin.write(json.dumps(msg, ensure_ascii=False) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    read += len(line.encode())
    return json.loads(line)


def check(name, cond, got=None):
    if not cond:
        failures.append(f"{name}: {got}" if got is not None else name)


def cents(x):
    return Decimal(x.numerator) / Decimal(x.denominator)


def r2(x):
    return F(cents(x).quantize(Decimal("0.01"), ROUND_HALF_UP))


# ---- independent derivation: the schedule's first rows and what is owed
P, i, n = F(200000), F(1, 100), 36
pay = r2(P * i / (1 - (1 + i) ** -n))
rows, bal = [], P
for k in range(1, 8):
    interest = r2(bal * i)
    rows.append((pay - interest, interest))
    bal -= pay - interest
daily = F(12, 100) * F(3, 2) / 360
late_days = {5: 63, 6: 33, 7: 2}  # 2024-06-10, 07-10, 08-10 to 08-12
penalty = sum(r2(rows[k - 1][0] * daily * d) for k, d in late_days.items())
compound = sum(r2(rows[k - 1][1] * daily * d) for k, d in late_days.items())
overdue = sum(rows[k - 1][0] + rows[k - 1][1] for k in late_days)
# payoff: the balance after installment 7 and installment 8's interest for
# the 2 of its 31 days run (2024-08-10 to 08-12), pro rata, rounded once
balance7 = P - sum(p for p, _ in rows)
payoff = overdue + penalty + compound + balance7 + r2(balance7 * i * F(2, 31))
# a freeze keeps principal, interest and fees and waives 罚息 and 复利: the
# rest in level installments (the last takes the remainder); the fewest
# within a capacity of 5,000 (PV falls as a freeze lengthens, so it is the
# lender's best): ⌈kept ÷ 5000⌉, each ⌊kept ÷ n⌋ to the fen
kept = payoff - penalty - compound
freeze_n = -(-kept // 5000)
freeze_pay = F(int(kept / freeze_n * 100), 100)

loan = {"principal": "200000", "rate": "12%", "term": 36, "start_date": "2024-01-10",
        "overdue": {"penalty_markup": "50%", "compound": True}}
events = [{"type": "payment", "date": f"2024-0{m}-10", "amount": str(cents(pay))} for m in (2, 3, 4, 5)]

ask({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18"}})
tools = ask({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
listed = len(json.dumps(tools, ensure_ascii=False).encode())
check("tools/list under 20 KB", listed < 20000, listed)
read = 0  # what the negotiation itself reads


def call(k, tool, args):
    r = ask({"jsonrpc": "2.0", "id": k, "method": "tools/call", "params": {"name": tool, "arguments": args}})
    text = r["result"]["content"][0]["text"]
    check(f"{tool}: not an error", r["result"]["isError"] is False, text[:300])
    return text


# 1. what is owed today
st = json.loads(call(2, "statement", {"loan": loan, "events": events, "as_of": "2024-08-12"}))
check("statement: 63 days past due", st["summary"]["dpd"] == 63, st["summary"]["dpd"])
check("statement: 关注", st["summary"]["class_zh"] == "关注")
check("statement: 罚息 derived by hand", F(st["owed"]["penalty_interest"]) == penalty,
      (st["owed"]["penalty_interest"], cents(penalty)))
check("statement: 复利 derived by hand", F(st["owed"]["compound_interest"]) == compound,
      (st["owed"]["compound_interest"], cents(compound)))
check("statement: owed today", F(st["owed"]["total"]) == overdue + penalty + compound,
      (st["owed"]["total"], cents(overdue + penalty + compound)))
check("statement: payoff derived by hand", F(st["payoff"]["total"]) == payoff,
      (st["payoff"]["total"], cents(payoff)))

# 2. the offers that fit every constraint at once
goal = {"type": "offer", "capacity": "5000", "min_recovery": "85%", "max_term": 60}
sv = json.loads(call(3, "solve", {"loan": loan, "events": events, "date": "2024-08-12",
                                  "discount_rate": "6%", "goal": goal}))
check("solve: a best offer", sv["best"] in ("extend", "freeze", "settle"), sv.get("best"))
check("solve: the price says its discount rate",
      all(o["summary"]["discount_rate_source"] == "given" for o in sv["offers"]))
for o in sv["offers"]:
    if not o["feasible"]:
        continue
    s = o["summary"]
    check(f"solve {o['family']}: within capacity", F(s["payment"]) <= 5000, s["payment"])
    check(f"solve {o['family']}: at least 85%", F(s["recovery"]) >= F(85, 100), s["recovery"])
    check(f"solve {o['family']}: at most 60 installments", s["installment_count"] <= 60)
    check(f"solve {o['family']}: no legal limit broken", not o.get("warnings"), o.get("warnings"))
    check(f"solve {o['family']}: summary rows only", len(o["installments"]) <= 3)
freeze = next((o for o in sv["offers"] if o["family"] == "freeze"), {})
check("solve: the freeze derived by hand", freeze.get("feasible") and
      freeze["summary"]["installment_count"] == freeze_n and F(freeze["summary"]["payment"]) == freeze_pay,
      (freeze.get("summary", {}).get("installment_count"), freeze.get("summary", {}).get("payment"),
       freeze_n, cents(freeze_pay)))
check("solve: the freeze proved by one fewer", freeze.get("next_better_fails", {}).get("term") == freeze_n - 1,
      freeze.get("next_better_fails"))
best = next(o for o in sv["offers"] if o["family"] == sv["best"])

# 3. the written plan of the best offer
letter = call(4, "letter", {"loan": loan, "events": events, "date": "2024-08-12",
                            "discount_rate": "6%", "actions": best["actions"]})
check("letter: 还款计划确认书", letter.startswith("# 还款计划确认书"), letter[:80])
check("letter: the offer's payment", best["summary"]["payment"] in letter, best["summary"]["payment"])
check("letter: the offer's count", str(best["summary"]["installment_count"]) in letter)
check("letter: what was owed on the day", st["payoff"]["total"] in letter, st["payoff"]["total"])

proc.stdin.close()
proc.wait(timeout=10)
for f in failures:
    print("FAIL", f, file=sys.stderr)
print(f"mcp negotiation: 3 calls, {read} bytes read (tools/list {listed}), {len(failures)} failed")
sys.exit(1 if failures else 0)
