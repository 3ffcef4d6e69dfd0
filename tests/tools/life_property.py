#!/usr/bin/env python3
"""A loan's life, as properties over random loans and agreements (issue 16).

usage: life_property.py REPAY [--count N] [--seed S]

For each random restructuring (the random requests of tools/compare-builds):
  1. replaying the loan's events with the response's as_event appended gives,
     on the restructure date, exactly the plan the response showed: every
     installment of plan 1 has the row's due date, payment and principal, and
     closing the loan that day costs the plan's debt;
  2. a later statement of that history with random payments (some late, some
     short) answers without an internal error, and its numbers keep their
     sums: every payment is in the allocations once; reinstated amounts equal
     what was waived on condition; owed and payoff add up by component;
  3. a second agreement on a later date (from the same generator) is either
     built or refused with exit 2 — never an internal error — and a statement
     after it keeps the same sums.
The oracle is the restructure response itself and the arithmetic of sums:
nothing here is the program's output pasted as an expectation.
"""
import argparse
import datetime
import importlib.machinery
import importlib.util
import json
import os
import random
import subprocess
import sys
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_loader(
    "compare_builds", importlib.machinery.SourceFileLoader(
        "compare_builds", os.path.join(HERE, "..", "..", "tools", "compare-builds")))
cb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cb)

COMPONENTS = ["principal", "interest", "penalty_interest", "compound_interest", "late_fees", "fees"]


def run(repay, req):
    p = subprocess.run([repay, "run", "-"], input=json.dumps(req), capture_output=True, text=True)
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None)


def day(text, n):
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=n)).isoformat()


def conditional(rng, actions):
    """Some waivers made conditional, sometimes a default clause."""
    days = rng.choice([0, 15, 30, 60])
    for a in actions:
        if a["type"] == "waive" and rng.random() < 0.6:
            a["condition"] = {"max_days_late": days}
    return actions


def sums_hold(st, events, why):
    """The statement's own arithmetic, recomputed."""
    problems = []
    paid = sum(F(e["amount"]) for e in events if e["type"] == "payment" and e["date"] <= st["as_of"])
    seen = sum(F(a["amount"]) for a in st["allocations"] if a["source"] == "payment")
    if paid != seen:
        problems.append(f"{why}: payments {paid} but allocations {seen}")
    for key in ("owed", "payoff"):
        total = sum(F(st[key][c]) for c in COMPONENTS)
        if total != F(st[key]["total"]):
            problems.append(f"{why}: {key} components do not add up")
    owed = {c: F(0) for c in COMPONENTS}
    for group in ("installments", "fees", "reinstated"):
        for it in st.get(group, []):
            if it["due_date" if group == "installments" else "date"] <= st["as_of"] and it["status"] != "restructured":
                for c in COMPONENTS:
                    owed[c] += F(it["outstanding"][c])
    for c in COMPONENTS:
        if owed[c] != F(st["owed"][c]):
            problems.append(f"{why}: owed {c} {st['owed'][c]} but the items owe {owed[c]}")
    for r in st.get("restructurings", []):
        if "breach" in r and "waived_on_condition" in r:
            if r["breach"]["reinstated"] != r["waived_on_condition"]:
                problems.append(f"{why}: reinstated ≠ waived on condition")
    return problems


def money(x, unit):
    """x cut down to whole units, as text with the unit's places"""
    x = (x / unit).numerator // (x / unit).denominator * unit
    places = 0
    while (unit * 10 ** places).denominator != 1:
        places += 1
    q = x * 10 ** places
    text = str(q.numerator // q.denominator)
    if places:
        text = text.rjust(places + 1, "0")
        text = text[:-places] + "." + text[-places:]
    return text


def later_payments(rng, rows, upto, unit):
    """Pay the plan: mostly on time and in full, sometimes late, short or not at all."""
    events = []
    for row in rows:
        if row["due_date"] > upto:
            break
        amount = F(row["payment"])
        roll = rng.random()
        if amount <= 0 or roll < 0.15:
            continue  # nothing due, or missed
        date = row["due_date"] if roll < 0.75 else day(row["due_date"], rng.randint(1, 50))
        if roll > 0.9:
            amount = amount / 2
        text = money(amount, unit)
        if F(text) > 0 and date <= upto:
            events.append({"type": "payment", "date": date, "amount": text})
    return events


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repay")
    ap.add_argument("--count", type=int, default=int(os.environ.get("LIFE_CASES", "150")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("LIFE_SEED", "16")))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    gen = cb.Gen(rng, regular=False)
    failures, built, replayed, later = [], 0, 0, 0
    for case in range(args.count):
        req = gen.restructure()
        req["actions"] = conditional(rng, req["actions"])
        if rng.random() < 0.3:
            req["default"] = {"days_late": rng.choice([30, 60, 90]), "accelerate": rng.random() < 0.5}
        code, res = run(args.repay, req)
        if code == 3:
            failures.append(f"case {case}: restructure internal error: {json.dumps(req)}")
            continue
        if code != 0:
            continue
        built += 1
        history = req["events"] + [res["as_event"]]
        st_req = {"op": "statement", "as_of": req["date"], "loan": req["loan"], "events": history}
        code, st = run(args.repay, st_req)
        if code != 0:
            failures.append(f"case {case}: replaying as_event failed ({code}): {json.dumps(st_req)}")
            continue
        replayed += 1
        rows = [(r["due_date"], r["payment"], r["principal"]) for r in res["installments"]]
        items = [(i["due_date"], i["due"]["total"], i["due"]["principal"])
                 for i in st["installments"] if i.get("plan") == 1]
        if rows != items:
            failures.append(f"case {case}: the replayed plan differs from the response: {json.dumps(st_req)}")
        # closing the loan that day costs the debt, and the interest capitalized
        # (it is principal now), less the borrower's credit the plan took up
        credit = sum(F(x["amount"]) for a in st["allocations"] if a["source"] == "credit"
                     and a["date"] == req["date"] for x in a["applied"] if x.get("plan") == 1)
        rec = res["reconciliation"]
        if F(st["summary"]["payoff"]) + credit != F(rec["debt"]) + F(rec["capitalized"]):
            failures.append(f"case {case}: payoff on the date {st['summary']['payoff']} + credit "
                            f"{credit} ≠ debt {rec['debt']} + capitalized {rec['capitalized']}: "
                            f"{json.dumps(st_req)}")
        failures += sums_hold(st, history, f"case {case} on the date")
        # later: pay the plan (or not), then a statement and maybe a second agreement
        end = day(req["date"], rng.randint(20, 500))
        unit = F(req["loan"].get("rounding", {}).get("unit", "0.01"))
        history2 = history + later_payments(rng, res["installments"], end, unit)
        code, st2 = run(args.repay, {"op": "statement", "as_of": end, "loan": req["loan"], "events": history2})
        if code == 3 or code is None:
            failures.append(f"case {case}: later statement internal error: {json.dumps(history2)}")
            continue
        if code == 0:
            later += 1
            failures += sums_hold(st2, history2, f"case {case} later")
        if rng.random() < 0.5:
            again = {"op": "restructure", "date": end, "loan": req["loan"], "events": history2,
                     "actions": gen.actions()}
            code, res2 = run(args.repay, again)
            if code == 3:
                failures.append(f"case {case}: second restructure internal error: {json.dumps(again)}")
            elif code == 0:
                history3 = history2 + [res2["as_event"]]
                code, st3 = run(args.repay, {"op": "statement", "as_of": day(end, rng.randint(0, 200)),
                                            "loan": req["loan"], "events": history3})
                if code == 3:
                    failures.append(f"case {case}: statement after two agreements internal error")
                elif code == 0:
                    failures += sums_hold(st3, history3, f"case {case} after two")
    for f in failures[:20]:
        print(f)
    print(f"life: {args.count} cases, {built} plans built, {replayed} replayed from as_event, "
          f"{later} later statements, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
