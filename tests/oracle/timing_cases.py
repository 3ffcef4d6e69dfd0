#!/usr/bin/env python3
"""Writes fixtures/timing/*.json: rates and present values of flows that do
not fall one regular period apart, each expectation worked out here — from
Regulation Z Appendix J's published examples, or by hand with exact
fractions from the README's rules (the schedule, the restructure, the
actuarial time of each flow) — never by running repay.

usage: python3 tests/oracle/timing_cases.py
"""
import calendar
import datetime
import json
import os
from fractions import Fraction as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "timing")
D = datetime.date
out = []


def fixture(name, source, request, expected):
    out.append((name, source, request, expected))


def r2(x):
    """half_up to the fen"""
    q = x * 100
    n = q.numerator // q.denominator
    if q - n >= F(1, 2):
        n += 1
    return F(n, 100)


def t2(x):
    n = int(r2(F(x)) * 100)
    return f"{'-' if n < 0 else ''}{abs(n) // 100}.{abs(n) % 100:02d}"


def add_months(d, k):
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def solve(f, lo=F(0), hi=F(1, 2), steps=80):
    """the root of a falling f on [lo, hi], by exact bisection"""
    for _ in range(steps):
        mid = (lo + hi) / 2
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid
    return lo


def approx(x, tol):
    return {"approx": f"{float(x):.15f}", "tolerance": tol}


# ---- Regulation Z, Appendix J (c): the published examples ------------------
# Amounts, dates and APRs as published (12 CFR 1026 App. J, 2024 CFR pp. 435–440);
# each APR is printed to 2 places of a percent, so it holds within 0.005%.
def monthly(start, amounts, step=1):
    return [(add_months(start, i * step), a) for i, a in enumerate(amounts)]


def every(start, amounts, days):
    return [(start + datetime.timedelta(days=days * i), a) for i, a in enumerate(amounts)]


REGZ = [
    ("c1i", "(c)(1)(i): $5,000, 24 monthly payments of $230 from 2-10-1978, advance 1-10-1978", "monthly",
     "5000", D(1978, 1, 10), monthly(D(1978, 2, 10), ["230"] * 24), "9.69"),
    ("c1ii", "(c)(1)(ii) long first period: $6,000, 36 × $200 from 4-1-1978, advance 2-10-1978 (t = 1, f = 19/30)",
     "monthly", "6000", D(1978, 2, 10), monthly(D(1978, 4, 1), ["200"] * 36), "11.82"),
    ("c1iv", "(c)(1)(iv) quarterly, long first period: $10,000, 40 × $385 from 10-1-1978, advance 5-23-1978 (f = 39/90)",
     "quarterly", "10000", D(1978, 5, 23), monthly(D(1978, 10, 1), ["385"] * 40, 3), "8.97"),
    ("c1v", "(c)(1)(v) weekly, long first period: $500, 30 × $17.60 from 4-21-1978, advance 3-20-1978 (t = 4, f = 4/7)",
     "weekly", "500", D(1978, 3, 20), every(D(1978, 4, 21), ["17.60"] * 30, 7), "14.96"),
    ("c2i", "(c)(2)(i) odd first payment: $5,000, $250 then 23 × $230 monthly from 2-10-1978",
     "monthly", "5000", D(1978, 1, 10), monthly(D(1978, 2, 10), ["250"] + ["230"] * 23), "10.08"),
    ("c3i", "(c)(3)(i) odd final payment: $5,000, 23 × $230 then $280 monthly from 2-10-1978",
     "monthly", "5000", D(1978, 1, 10), monthly(D(1978, 2, 10), ["230"] * 23 + ["280"]), "10.50"),
    ("c3ii", "(c)(3)(ii) every 2 weeks, short first period: $200, 19 × $9.50 then $30 from 4-11-1978, advance 4-3-1978 (f = 8/14)",
     "biweekly", "200", D(1978, 4, 3), every(D(1978, 4, 11), ["9.50"] * 19 + ["30"], 14), "12.22"),
    ("c4i", "(c)(4)(i) odd first and final payments: $5,000, $250, 22 × $230, $280 monthly from 2-10-1978",
     "monthly", "5000", D(1978, 1, 10), monthly(D(1978, 2, 10), ["250"] + ["230"] * 22 + ["280"]), "10.90"),
    ("c5ii", "(c)(5)(ii) single payment, 6 months: $1,000, $1,044 (unit-period 6 months)",
     "semiannual", "1000", D(1978, 1, 10), [(D(1978, 7, 10), "1044")], "8.80"),
    ("c5iii", "(c)(5)(iii) single payment, 18 months: $1,000, $1,135.19 (a year and 6/12)",
     "annual", "1000", D(1978, 1, 10), [(D(1979, 7, 10), "1135.19")], "8.76"),
    ("c5iv", "(c)(5)(iv) single payment, 2 years: $1,000, $1,240",
     "annual", "1000", D(1978, 1, 10), [(D(1980, 1, 10), "1240")], "11.36"),
    ("c6ii", "(c)(6)(ii) skipped payments plus single payments: $7,350 on 3-3-1978; 3 × $1,000 from 9-15-1978, "
             "$2,000 on 3-15-1979, 3 × $750 from 9-15-1979, $1,000 at t = 22, f = 29/30 (2-1-1980)",
     "monthly", "7350", D(1978, 3, 3),
     monthly(D(1978, 9, 15), ["1000"] * 3) + [(D(1979, 3, 15), "2000")] + monthly(D(1979, 9, 15), ["750"] * 3)
     + [(D(1980, 2, 1), "1000")], "10.22"),
]
for name, what, freq, advance, day, pays, apr in REGZ:
    flows = [{"date": day.isoformat(), "amount": advance}] + [{"date": d.isoformat(), "amount": "-" + a}
                                                              for d, a in pays]
    fixture(f"regz-{name}", f"Regulation Z, 12 CFR 1026 Appendix J {what}: APR {apr}% (published to 2 places)",
            {"op": "yield", "cash_flows": flows, "frequency": freq, "apr_odd_days": "reg_z"},
            {"ok": True, "actuarial": {"frequency": freq, "apr": approx(F(apr) / 100, "0.00005")}})


# ---- an irregular first period (首期按实际天数) ----------------------------------
# 120,000 at 6% over 12 months from 2024-01-10, first due 2024-02-25 (46 days):
# README Schedules rules 2, 7, 9: the payment from PMT, interest of the first
# period by actual days at 6%/360, its principal what a regular period leaves.
P, i = F(120000), F(6, 100) / 12
g = (1 + i) ** 12
M = r2(P * i * g / (g - 1))
assert M == F("10327.97")
rows, B = [], P
for k in range(12):
    reg = r2(B * i)
    interest = r2(P * F(6, 100) / 360 * 46) if k == 0 else reg
    p = B if k == 11 else M - reg
    rows.append(p + interest)
    B -= p
assert rows[0] == F("10647.97") and rows[-1] == F("10327.99")
# The grid runs through 2023-12-25, 2024-01-25, 2024-02-25 …: each payment k is
# k whole months after 2024-01-25, and 2024-01-10 → 01-25 is 15 odd days of a
# 31-day grid period (actual), or 15/30 (Regulation Z).
for conv, odd in (("actual", F(15, 31)), ("reg_z", F(15, 30))):
    def npv(r, odd=odd):
        return -P + sum(a / ((1 + odd * r) * (1 + r) ** (k + 1)) for k, a in enumerate(rows))
    apr = 12 * solve(npv, F(0), F(1, 50))
    loan = {"principal": "120000", "rate": "6%", "term": 12, "start_date": "2024-01-10",
            "first_due_date": "2024-02-25"}
    if conv != "actual":
        loan["apr_odd_days"] = conv
    fixture(f"irregular-first-period-apr-{conv.replace('_', '-')}",
            f"hand: payments 10,647.97, 10 × 10,327.97, 10,327.99 (README rules 2, 7, 9); each k whole months "
            f"after 2024-01-25 plus {odd} of a month; 120,000 = Σ P/((1 + {odd}·i)(1 + i)^k) solved by exact "
            f"bisection: APR = 12i = {float(apr):.10f} (the dated XIRR 6.199% is 6.030% nominal)",
            {"op": "schedule", "loan": loan},
            {"ok": True, "summary": {"first_payment": "10647.97", "apr": approx(apr, "0.000000001")}})

# ---- a bullet to a date ----------------------------------------------------------
# 10,000 at 12% from 2024-01-15 to 2025-01-15: 366 days × 12%/360 = 1,220.00
# of interest (README rule 5). 12 whole months: 10,000 (1 + i)^12 = 11,220.
interest = F(10000) * F(12, 100) / 360 * 366
assert interest == 1220
i12 = solve(lambda r: -F(10000) + F(11220) / (1 + r) ** 12, F(0), F(1, 10))
fixture("bullet-to-a-date",
        "hand: interest 10,000 × 12%/360 × 366 = 1,220; the payment 12 whole months after the start: "
        "APR = 12 × (1.122^(1/12) − 1) ≈ 11.567% (the dated XIRR 12.165% effective is 11.535% nominal); "
        "simple rate 1,220 / 10,000 / 1 year = 12.2%; under the 24% line nothing is excess",
        {"op": "yield", "loan": {"principal": "10000", "rate": "12%", "method": "bullet",
                                 "start_date": "2024-01-15", "maturity_date": "2025-01-15"},
         "caps": {"rule": "bank_24"}},
        {"ok": True, "apr": approx(12 * i12, "0.000000001"), "simple_rate": "0.122",
         "caps": {"within": True, "excess": "0.00"}})

# ---- a deferral priced at its own rate ---------------------------------------------
# 200,000 at 12% over 36 months from 2024-01-10, six installments paid on their
# due dates; on 2024-07-12 the installments to come are deferred 4 periods, the
# deferral's interest (balance × 12% × 4/12) paid with the first one after it.
P, i = F(200000), F(1, 100)
g = (1 + i) ** 36
M = r2(P * i * g / (g - 1))
assert M == F("6642.86")
B, sched = P, []
for k in range(36):
    interest = r2(B * i)
    p = B if k == 35 else M - interest
    sched.append((p, interest))
    B -= p
B6 = P - sum(p for p, _ in sched[:6])
accrued = r2(sched[6][1] * F(2, 31))  # 2024-07-10 → 07-12: 2 of the period's 31 days
claim = B6 + accrued
assert (t2(B6), t2(accrued)) == ("171437.06", "110.60")
defer = r2(B6 * F(12, 100) * F(4, 12))
pays = [sched[6][0] + sched[6][1] + defer] + [p + x for p, x in sched[7:]]
# Timing: the loan's grid is the 10th of each month; from 2024-07-12 the first
# grid date is 2024-08-10, 29 days of the 31-day period 07-10 → 08-10; the first
# payment (2024-12-10) is 4 whole months after it, the others one more each.
odd = F(29, 31)
def value(r):
    return sum(a / ((1 + odd * r) * (1 + r) ** (4 + k)) for k, a in enumerate(pays))
pv = value(F(1, 100))
recovery = pv / claim
apr = 12 * solve(lambda r: value(r) - claim, F(0), F(1, 20))
EV = [{"type": "payment", "date": add_months(D(2024, 1, 10), k + 1).isoformat(), "amount": "6642.86"}
      for k in range(6)]
fixture("deferral-at-its-own-rate",
        "hand: claim 171,437.06 + 110.60 (2 of 31 days of 1,714.37); the first installment after the deferral "
        f"pays 6,642.86 + 6,857.48 (171,437.06 × 12% × 4/12) on 2024-12-10 = 4 months + 29/31 after 2024-07-12; "
        f"PV at 1% a month = {float(pv):.4f}, recovery {float(recovery):.6f} (≈ 100%: simple interest for the "
        f"deferral against compound discounting), APR = {float(apr):.9f} (≈ 12%)",
        {"op": "restructure", "date": "2024-07-12",
         "loan": {"principal": "200000", "rate": "12%", "term": 36, "start_date": "2024-01-10"},
         "events": EV, "actions": [{"type": "defer", "installments": 4}]},
        {"ok": True, "summary": {"pv": t2(pv), "recovery": f"{float(recovery):.6f}",
                                 "apr": approx(apr, "0.000000001")},
         "installments": {"[0]": {"n": 11, "due_date": "2024-12-10", "payment": t2(pays[0])}}})

os.makedirs(ROOT, exist_ok=True)
for name, source, request, expected in out:
    with open(os.path.join(ROOT, f"{name}.json"), "w") as f:
        json.dump({"name": name, "source": source, "request": request, "expected": expected},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")
print(f"{len(out)} cases written to {os.path.normpath(ROOT)}")
