#!/usr/bin/env python3
"""Writes fixtures/errors/*.json: bad requests and the error the README's
contract promises for each (code and JSON path; messages are not compared).

usage: python3 tests/oracle/error_cases.py
"""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "errors")
LOAN = {"principal": "100000", "rate": "6%", "term": 12, "start_date": "2024-01-15"}


def loan(**changes):
    l = dict(LOAN)
    for k, v in changes.items():
        if v is None:
            l.pop(k, None)
        else:
            l[k] = v
    return l


cases = [
    # name, request, code, path, why (README section)
    ("missing-principal", {"op": "schedule", "loan": loan(principal=None)}, "missing_field", "$.loan.principal", "loan: principal is required"),
    ("principal-negative", {"op": "schedule", "loan": loan(principal="-5")}, "invalid_value", "$.loan.principal", "amounts are ≥ 0; principal > 0"),
    ("principal-zero", {"op": "schedule", "loan": loan(principal="0")}, "invalid_value", "$.loan.principal", "principal > 0"),
    ("principal-1e20", {"op": "schedule", "loan": loan(principal="1e20")}, "out_of_range", "$.loan.principal", "Limits: |amount| < 10^15"),
    ("principal-tenth-of-fen", {"op": "schedule", "loan": loan(principal="1000.005")}, "invalid_value", "$.loan.principal", "principal is a whole number of rounding units"),
    ("term-zero", {"op": "schedule", "loan": loan(term=0)}, "out_of_range", "$.loan.term", "Limits: term 1 … 1200"),
    ("term-100000", {"op": "schedule", "loan": loan(term=100000)}, "out_of_range", "$.loan.term", "Limits: term 1 … 1200"),
    ("term-as-string", {"op": "schedule", "loan": loan(term="12")}, "wrong_type", "$.loan.term", "integers are JSON numbers"),
    ("rate-abc", {"op": "schedule", "loan": loan(rate="abc")}, "invalid_value", "$.loan.rate", "Rates"),
    ("rate-double-percent", {"op": "schedule", "loan": loan(rate="5%%")}, "invalid_value", "$.loan.rate", "Rates: \"5%%\" is refused"),
    ("rate-one-over-zero", {"op": "schedule", "loan": loan(rate="1/0")}, "invalid_value", "$.loan.rate", "Rates: \"1/0\" is refused"),
    ("rate-negative", {"op": "schedule", "loan": loan(rate="-200%")}, "invalid_value", "$.loan.rate", "rates must be ≥ 0"),
    ("rate-over-1000pct", {"op": "schedule", "loan": loan(rate="1001%")}, "out_of_range", "$.loan.rate", "Limits: annual rate ≤ 1000%"),
    ("start-date-feb-29-2023", {"op": "schedule", "loan": loan(start_date="2023-02-29")}, "invalid_value", "$.loan.start_date", "2023-02-29 is not a date"),
    ("start-date-1800", {"op": "schedule", "loan": loan(start_date="1800-01-01")}, "out_of_range", "$.loan.start_date", "Limits: dates 1900 … 2200"),
    ("first-due-before-start", {"op": "schedule", "loan": loan(first_due_date="2024-01-10")}, "invalid_value", "$.loan.first_due_date", "first_due_date after start_date"),
    ("unknown-loan-field", {"op": "schedule", "loan": loan(principle="100")}, "unknown_field", "$.loan.principle", "unknown fields are errors"),
    ("unknown-top-field", {"op": "schedule", "foo": 1, "loan": LOAN}, "unknown_field", "$.foo", "unknown fields are errors"),
    ("method-unknown", {"op": "schedule", "loan": loan(method="equal")}, "invalid_value", "$.loan.method", "method names"),
    ("rounding-mode-unknown", {"op": "schedule", "loan": loan(rounding={"mode": "nearest"})}, "invalid_value", "$.loan.rounding.mode", "Rounding modes"),
    ("rounding-unit-zero", {"op": "schedule", "loan": loan(rounding={"unit": "0"})}, "invalid_value", "$.loan.rounding.unit", "unit > 0"),
    ("grace-equals-term", {"op": "schedule", "loan": loan(grace_periods=12)}, "invalid_value", "$.loan.grace_periods", "grace_periods < term"),
    ("timing-start-interest-only", {"op": "schedule", "loan": loan(method="interest_only", timing="start")}, "invalid_value", "$.loan.timing", "timing start is for all but bullet and interest_only (its first payment would be 0.00)"),
    ("op-unknown", {"op": "nope", "loan": LOAN}, "invalid_value", "$.op", "op names"),
    ("statement-without-as-of", {"op": "statement", "loan": LOAN}, "missing_field", "$.as_of", "as_of is required"),
    ("statement-as-of-before-start", {"op": "statement", "as_of": "2023-12-31", "loan": LOAN}, "invalid_value", "$.as_of", "as_of ≥ start_date"),
    ("statement-without-start-date", {"op": "statement", "as_of": "2024-03-01", "loan": loan(start_date=None)}, "missing_field", "$.loan.start_date", "a statement requires start_date"),
    ("payment-before-start", {"op": "statement", "as_of": "2024-03-01", "loan": LOAN, "events": [{"type": "payment", "date": "2024-01-01", "amount": "100"}]}, "invalid_value", "$.events[0].date", "events before start_date"),
    ("payment-zero", {"op": "statement", "as_of": "2024-03-01", "loan": LOAN, "events": [{"type": "payment", "date": "2024-02-01", "amount": "0"}]}, "invalid_value", "$.events[0].amount", "amounts > 0"),
    ("event-type-unknown", {"op": "statement", "as_of": "2024-03-01", "loan": LOAN, "events": [{"type": "refund", "date": "2024-02-01"}]}, "invalid_value", "$.events[0].type", "event types"),
    ("two-accelerations", {"op": "statement", "as_of": "2024-05-01", "loan": LOAN, "events": [{"type": "acceleration", "date": "2024-04-01"}, {"type": "acceleration", "date": "2024-04-02"}]}, "invalid_value", "$.events[1]", "acceleration at most once"),
    ("penalty-rate-and-markup", {"op": "statement", "as_of": "2024-03-01", "loan": loan(overdue={"penalty_markup": "50%", "penalty_rate": "9%"})}, "invalid_value", "$.loan.overdue.penalty_rate", "penalty_rate not together with penalty_markup"),
    ("compound-with-installment-base", {"op": "statement", "as_of": "2024-03-01", "loan": loan(overdue={"penalty_base": "overdue_installment"})}, "invalid_value", "$.loan.overdue.compound", "overdue_installment needs compound false"),
    ("late-fee-floor-above-cap", {"op": "statement", "as_of": "2024-03-01", "loan": loan(overdue={"late_fee": {"rate": "5%", "floor": "20", "cap": "10"}})}, "invalid_value", "$.loan.overdue.late_fee.floor", "floor ≤ cap"),
    ("yield-no-flows", {"op": "yield", "cash_flows": ["100"]}, "invalid_value", "$.cash_flows", "at least two flows"),
    ("yield-loan-and-flows", {"op": "yield", "loan": LOAN, "cash_flows": ["1", "-2"]}, "missing_field", "$.cash_flows", "loan or cash_flows, not both"),
    ("yield-dates-backwards", {"op": "yield", "cash_flows": [{"date": "2024-02-01", "amount": "-1"}, {"date": "2024-01-01", "amount": "2"}]}, "invalid_value", "$.cash_flows[1].date", "dated flows in date order"),
    ("restructure-waive-over-100pct", {"op": "restructure", "date": "2024-03-01", "loan": LOAN, "actions": [{"type": "waive", "component": "interest", "share": "150%"}]}, "invalid_value", "$.actions[0].share", "waivers ≤ 100%"),
    ("restructure-unknown-action", {"op": "restructure", "date": "2024-03-01", "loan": LOAN, "actions": [{"type": "forgive"}]}, "invalid_value", "$.actions[0].type", "action types"),
    ("solve-capacity-zero", {"op": "solve", "date": "2024-03-01", "loan": LOAN, "goal": {"type": "shortest_term", "capacity": "0"}}, "invalid_value", "$.goal.capacity", "capacity > 0"),
]

os.makedirs(OUT, exist_ok=True)
for name, request, code, path, why in cases:
    fixture = {"name": f"error-{name}",
               "source": f"README.md contract ({why}): error code {code} at {path}",
               "request": request,
               "expected": {"ok": False, "error": {"code": code, "path": path}}}
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")
