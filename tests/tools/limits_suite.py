#!/usr/bin/python3
"""The limits suite: requests at the edges of the documented limits that
cost the most work (issue 14, item 9). Each must answer — a result or a
documented refusal — in well under a second and 100 MB.

usage: limits_suite.py OUTDIR       writes OUTDIR/NAME.json, one request each

tests/tools/hostile_test.py runs them (loosely time-bounded: a hang detector, not
a benchmark); `make bench` times each in its own process and prints the
worst case.
"""
import datetime
import json
import os
import sys


def day(base, n):
    return str(base + datetime.timedelta(days=n))


D0 = datetime.date(2000, 1, 1)
WEEKLY = {"principal": "100000", "rate": "12%", "term": 1200, "frequency": "weekly", "start_date": "2000-01-01"}
MONTHLY = {"principal": "100000", "rate": "12%", "term": 360, "start_date": "2000-01-01"}


def payments(count, amount, every=1):
    return [{"type": "payment", "date": day(D0, every * (i + 1)), "amount": amount} for i in range(count)]


def suite():
    """NAME → (request, what the answer is: "ok" or an error code)."""
    s = {}
    tiny = payments(10000, "0.01")
    s["statement-10000-daily-payments-1200-weeks"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": WEEKLY, "events": tiny}, "ok")
    s["statement-10000-daily-payments-statutory"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": {**WEEKLY, "allocation": "statutory"}, "events": tiny}, "ok")
    s["statement-10000-daily-payments-penalty-cap"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": {**WEEKLY, "overdue": {"penalty_cap": "99999999"}},
         "events": tiny}, "ok")
    s["statement-10000-daily-payments-outstanding-base"] = (
        {"op": "statement", "as_of": day(D0, 10001),
         "loan": {**WEEKLY, "overdue": {"penalty_base": "outstanding_principal"}}, "events": tiny}, "ok")
    s["statement-10000-daily-payments-360-months"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": MONTHLY, "events": payments(10000, "1")}, "ok")
    s["statement-10000-daily-rate-changes"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": WEEKLY,
         "events": [{"type": "rate_change", "date": day(D0, i + 1), "rate": f"{5 + i % 10}%"} for i in range(10000)]},
        "out_of_range")
    current = []  # a rate change every week of a 1,200-week loan kept current
    for i in range(1199):
        current.append({"type": "rate_change", "date": day(D0, 7 * i + 3), "rate": f"{5 + i % 10}%"})
        current.append({"type": "payment", "date": day(D0, 7 * i + 7), "amount": "400"})
    s["statement-1200-weekly-rate-changes"] = (
        {"op": "statement", "as_of": day(D0, 8400), "loan": WEEKLY, "events": current}, "ok")
    fees = []
    for i in range(5000):
        fees.append({"type": "fee", "date": day(D0, i + 1), "amount": "1", "kind": "collection"})
        fees.append({"type": "payment", "date": day(D0, i + 1), "amount": "0.01"})
    s["statement-5000-fees-5000-payments"] = (
        {"op": "statement", "as_of": day(D0, 5002), "loan": WEEKLY, "events": fees}, "ok")
    for term in (24, 1200):
        s[f"statement-monthly-late-fees-1900-2200-term-{term}"] = (
            {"op": "statement", "as_of": "2200-12-31",
             "loan": {"principal": "1000", "rate": "0", "term": term, "start_date": "1900-01-01",
                      "overdue": {"late_fee": {"amount": "1", "frequency": "monthly"}}}}, "out_of_range")
    changes = [{"type": "rate_change", "date": day(D0, 10950 - 70 + 2 * i), "rate": f"{5 + i % 10}%"} for i in range(26)]
    s["statement-workings-near-the-limit"] = (
        {"op": "statement", "as_of": day(D0, 10960), "loan": MONTHLY, "events": changes}, "ok")
    case = {"date": day(D0, 10001), "loan": WEEKLY, "events": tiny}
    s["compare-16-proposals-10000-payments"] = (
        {"op": "compare", **case, "proposals": [
            {"name": f"proposal {i}", "actions": [{"type": "waive", "component": "penalty_interest", "share": f"{5 * i}%"},
                                                   {"type": "freeze", "installments": 60}]} for i in range(16)]}, "ok")
    s["solve-smallest-waiver-10000-payments"] = (
        {"op": "solve", **case, "goal": {"type": "smallest_waiver", "capacity": "200", "term": 60}}, "ok")
    s["yield-10000-dated-flows-1900-2200-discount"] = (
        {"op": "yield", "discount_rate": "5%",
         "cash_flows": [{"date": day(datetime.date(1900, 1, 1), 10 * i), "amount": "-1000" if i == 0 else "1"}
                        for i in range(10000)]}, "ok")
    s["yield-10000-periodic-flows"] = (
        {"op": "yield", "discount_rate": "5%", "cash_flows": ["-100000"] + ["11.5"] * 9999}, "ok")
    s["schedule-1200-installments"] = ({"op": "schedule", "loan": {**WEEKLY, "method": "annuity"}}, "ok")
    noted = [{**e, "note": "n" * 38} for e in payments(10000, "0.01")]
    s["statement-10000-noted-events-1-MiB"] = (
        {"op": "statement", "as_of": day(D0, 10001), "loan": WEEKLY, "events": noted}, "ok")
    # 100,000 values, the most a request may hold: read in full, then refused
    s["request-100000-values"] = (
        {"op": "schedule", "loan": {"principal": "1000", "rate": "12%", "term": 12}, "x": [0] * 99993},
        "unknown_field")
    return s


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (request, _) in suite().items():
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(request, f, separators=(",", ":"))
    print(f"limits suite: {len(suite())} requests in {out}")
