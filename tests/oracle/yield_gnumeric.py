#!/usr/bin/env python3
"""Derives fixtures/yield/*.json from Gnumeric (ssconvert evaluates the
spreadsheet functions RATE, IRR, XIRR and XNPV headless), never from repay.

Each case is written as a spreadsheet formula; Gnumeric's answer becomes the
expectation, compared with a tolerance because the spreadsheet's iterative
solvers agree with exact values only to about 1e-10 (TOOLCHAIN.md).

usage: python3 tests/oracle/yield_gnumeric.py   (needs gnumeric's ssconvert)
"""
import datetime
import json
import os
from fractions import Fraction

from gnumeric import evaluate

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "yield")
RATE_TOLERANCE = "0.000000001"   # 1e-9
MONEY_TOLERANCE = "0.006"        # XNPV: the spreadsheet's double vs our cents


def gnumeric(formulas):
    return evaluate(formulas)


def money(x):
    """Exact text of an amount with two decimals (x is a Fraction)."""
    cents = Fraction(x) * 100
    assert cents.denominator == 1, x
    sign = "-" if cents < 0 else ""
    cents = abs(cents.numerator)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


cases = []


def periodic(name, flows, ppy=12, note=""):
    """IRR of flows one period apart; APR = IRR × ppy."""
    arr = "{" + ",".join(money(x) for x in flows) + "}"
    cases.append(dict(kind="irr", name=name, flows=flows, ppy=ppy, note=note,
                      formulas=[f"=IRR({arr})", f"=IRR({arr})*{ppy}"]))


def level(name, n, pmt, pv, ppy=12):
    """RATE(n, -pmt, pv): a level payment loan, as cash flows."""
    flows = [Fraction(pv)] + [-Fraction(pmt)] * n
    cases.append(dict(kind="rate", name=name, flows=flows, ppy=ppy,
                      note=f"RATE({n},-{pmt},{pv})",
                      formulas=[f"=RATE({n},-{pmt},{pv})", f"=RATE({n},-{pmt},{pv})*{ppy}"]))


def dated(name, flows, discount=None):
    """XIRR of dated flows (ACT/365), and XNPV at `discount` if given."""
    vals = "{" + ",".join(money(a) for _, a in flows) + "}"
    days = "{" + ",".join(str((d - datetime.date(1899, 12, 30)).days) for d, _ in flows) + "}"
    formulas = [f"=XIRR({vals},{days})"]
    if discount is not None:
        formulas.append(f"=XNPV({discount},{vals},{days})")
    cases.append(dict(kind="xirr", name=name, flows=flows, discount=discount, formulas=formulas))


# RATE: level payment loans across terms and rates
level("rate-card-10000-12x893.33", 12, "893.33", "10000")
level("rate-mortgage-4.9-360", 360, "5307.27", "1000000")
level("rate-car-36x1000", 36, "1000", "30000")
level("rate-short-2x510", 2, "510", "1000")
level("rate-payday-4x300", 4, "300", "1000", ppy=52)
level("rate-quarterly-20", 20, "1500", "25000", ppy=4)
level("rate-annual-10", 10, "1300", "10000", ppy=1)
level("rate-60x2200-36pct", 60, "2200", "60000")
level("rate-120x1100", 120, "1100", "100000")
level("rate-240x700", 240, "700", "100000")

# IRR: uneven flows
periodic("irr-card-real-last-893.37", [Fraction(10000)] + [Fraction("-893.33")] * 11 + [Fraction("-893.37")],
         note="DOMAIN.md: 0.6% a month flat is 13.03% by IRR")
periodic("irr-upfront-fee-5pct", [Fraction(9500)] + [Fraction("-860.66")] * 12,
         note="10,000 at 6% with 500 deducted up front")
periodic("irr-balloon", [Fraction(50000)] + [Fraction(-250)] * 11 + [Fraction(-50250)])
periodic("irr-growing", [Fraction(-1000), Fraction(100), Fraction(200), Fraction(300), Fraction(400), Fraction(500)], ppy=1)
periodic("irr-investment-negative-return", [Fraction(-1000), Fraction(300), Fraction(300), Fraction(300)], ppy=1)
periodic("irr-zero-rate", [Fraction(1200)] + [Fraction(-100)] * 12)
periodic("irr-interest-only", [Fraction(12000)] + [Fraction(-120)] * 11 + [Fraction(-12120)])
periodic("irr-grace-then-level", [Fraction(10000), Fraction(-100), Fraction(-100), Fraction("-5075.12"), Fraction("-5075.13")])
periodic("irr-weekly", [Fraction(5000)] + [Fraction("-98.5")] * 52, ppy=52)
periodic("irr-biweekly", [Fraction(5000)] + [Fraction("-198")] * 26, ppy=26)
periodic("irr-semiannual", [Fraction(20000)] + [Fraction("-2400")] * 10, ppy=2)
periodic("irr-irregular-sizes", [Fraction(7000), Fraction(-1000), Fraction(-2500), Fraction(0), Fraction(-4200)], ppy=4)

# XIRR and XNPV: dated flows
d = datetime.date
dated("xirr-card-monthly", [(d(2024, 1, 1), Fraction(10000))] +
      [(d(2024 + (m // 12), m % 12 + 1, 1), Fraction("-893.33")) for m in range(1, 12)] +
      [(d(2025, 1, 1), Fraction("-893.37"))], discount="0.05")
dated("xirr-two-flows-leap-year", [(d(2024, 1, 1), Fraction(-1000)), (d(2025, 1, 1), Fraction(1100))], discount="0.08")
dated("xirr-irregular", [(d(2023, 3, 15), Fraction(-5000)), (d(2023, 7, 1), Fraction(1200)),
                         (d(2023, 12, 31), Fraction(1500)), (d(2024, 6, 30), Fraction(3000))], discount="0.1")
dated("xirr-short-loan-fees", [(d(2024, 5, 10), Fraction(9700)), (d(2024, 6, 10), Fraction(-3400)),
                               (d(2024, 7, 10), Fraction(-3400)), (d(2024, 8, 12), Fraction(-3400))], discount="0.24")
dated("xirr-payday-14-days", [(d(2024, 3, 1), Fraction(1000)), (d(2024, 3, 15), Fraction(-1050))])
dated("xirr-negative", [(d(2022, 1, 1), Fraction(-10000)), (d(2023, 1, 1), Fraction(3000)),
                        (d(2024, 1, 1), Fraction(3000)), (d(2025, 1, 1), Fraction(3000))], discount="0.03")
dated("xirr-same-day-flows", [(d(2024, 1, 1), Fraction(-500)), (d(2024, 1, 1), Fraction(-500)),
                              (d(2024, 12, 31), Fraction(1080))])
dated("xirr-five-years", [(d(2020, 8, 20), Fraction(100000))] +
      [(d(2021 + y, 8, 20), Fraction(-25000)) for y in range(5)], discount="0.05")
dated("xirr-mortgage-like", [(d(2024, 1, 15), Fraction(200000))] +
      [(d(2024 + ((m) // 12), (m % 12) + 1, 15), Fraction("-1880")) for m in range(1, 121)] +
      [], discount="0.049")

answers = gnumeric([f for c in cases for f in c["formulas"]])
os.makedirs(OUT, exist_ok=True)
i = 0
for c in cases:
    got = answers[i:i + len(c["formulas"])]
    i += len(c["formulas"])
    if c["kind"] in ("irr", "rate"):
        request = {"op": "yield", "cash_flows": [money(x) for x in c["flows"]],
                   "periods_per_year": c["ppy"]}
        expected = {"ok": True, "method": "periodic",
                    "irr_periodic": {"approx": got[0], "tolerance": RATE_TOLERANCE},
                    "apr": {"approx": got[1], "tolerance": RATE_TOLERANCE}}
        source = (f"Gnumeric {'RATE' if c['kind'] == 'rate' else 'IRR'} via ssconvert "
                  f"(tests/oracle/yield_gnumeric.py): {c['formulas'][0][:80]}… = {got[0]}; "
                  f"×{c['ppy']} = {got[1]}. {c['note']}")
    else:
        request = {"op": "yield", "cash_flows": [{"date": dt.isoformat(), "amount": money(a)}
                                                 for dt, a in c["flows"]]}
        expected = {"ok": True, "method": "dated",
                    "xirr": {"approx": got[0], "tolerance": RATE_TOLERANCE}}
        source = f"Gnumeric XIRR via ssconvert (tests/oracle/yield_gnumeric.py) = {got[0]}"
        if c["discount"] is not None:
            request["discount_rate"] = c["discount"]
            expected["npv"] = {"approx": got[1], "tolerance": MONEY_TOLERANCE}
            source += f"; XNPV({c['discount']}) = {got[1]}"
    with open(os.path.join(OUT, f"gnumeric-{c['name']}.json"), "w") as f:
        json.dump({"name": f"gnumeric-{c['name']}", "source": source,
                   "request": request, "expected": expected}, f, ensure_ascii=False, indent=1)
        f.write("\n")
print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")
