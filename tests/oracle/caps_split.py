#!/usr/bin/env python3
"""Writes fixtures/caps/*.json: the court's split of 法释〔2020〕17号 Art. 31
worked here by hand — exact fractions where the loan's own rate is
rational, 80-digit decimals where it is a root — never by running repay.

The rule (README "Caps"): a contract made before 2020-08-20 and a case
filed after it: interest up to 2020-08-19 is judged against 24%, interest
from 2020-08-20 against 4 × the one-year LPR in force on the filing date.
Each stretch against its own cap: the loan is recomputed with a balance
that grows, in each stretch, at the LOWER of the stretch's cap and the
loan's own rate (the periodic IRR of its flows); every payment is applied
to it; whatever was paid beyond clearing it is the excess. Room left under
24% before the split is never carried over to pay for what lies over the
cap after it. The month that holds 2020-08-20 is shared pro rata by days.

LPR on the filing date 2021-03-01 (data/lpr.json): the 2020-04-20 fixing,
one-year 3.85%, so the cap from 2020-08-20 is 4 × 3.85% = 15.4%.

usage: python3 tests/oracle/caps_split.py
"""
import datetime
import json
import os
from decimal import Decimal, getcontext
from fractions import Fraction as F

getcontext().prec = 80
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "caps")
D = datetime.date

CAP1 = F(24, 100) / 12            # before 2020-08-20, a month
CAP2 = 4 * F(385, 10000) / 12     # 15.4% from 2020-08-20, a month
START = D(2019, 6, 1)
# 2019-06-01 → 2020-08-01 is 14 whole months; the 15th month runs
# 2020-08-01 → 2020-09-01 (31 days), 19 of them (Aug 1–19) before the split
SPLIT_PERIOD = 15
BEFORE, DAYS = (D(2020, 8, 20) - D(2020, 8, 1)).days, (D(2020, 9, 1) - D(2020, 8, 1)).days
assert (BEFORE, DAYS) == (19, 31)


def r2(x):
    """half_up to the fen (x ≥ 0)"""
    q = F(x) * 100
    n = q.numerator // q.denominator
    if q - n >= F(1, 2):
        n += 1
    return F(n, 100)


def t2(x):
    n = int(r2(x) * 100)
    return f"{n // 100}.{n % 100:02d}"


def month_rate(t, r1, r2_):
    """the rate of month t (1-based): r1 before the split, r2_ after, the split month pro rata"""
    if t < SPLIT_PERIOD:
        return r1
    if t > SPLIT_PERIOD:
        return r2_
    return (r1 * BEFORE + r2_ * (DAYS - BEFORE)) / DAYS


def recompute(principal, payments, r1, r2_):
    """balance after month-end payments[t-1] at t = 1 … n; its final value"""
    b = principal
    for t, pay in enumerate(payments, start=1):
        b = b * (1 + month_rate(t, r1, r2_)) - pay
    return b


def case(name, rate_pct, term, method, payments, own_rate, notes):
    b = recompute(F(100000), payments, min(own_rate, CAP1), min(own_rate, CAP2))
    excess = -b if b < 0 else 0
    req = {"op": "yield",
           "loan": {"principal": "100000", "rate": f"{rate_pct}%", "term": term,
                    "method": method, "start_date": "2019-06-01"},
           "caps": {"filing_date": "2021-03-01"}}
    exp = {"caps": {"basis": "24_36_rule", "cap": "0.24", "filing_date": "2021-03-01",
                    "from_split": {"from": "2020-08-20", "basis": "4x_lpr",
                                   "lpr_date": "2020-04-20", "lpr_one_year": "0.0385",
                                   "cap": "0.154"},
                    "within": excess == 0, "excess": t2(excess)}}
    src = ("hand (tests/oracle/caps_split.py, exact fractions): 法释〔2020〕17号 Art. 31, each "
           "stretch against its own cap. " + notes +
           f" Recomputed balance grows a month at min(own rate, 24%/12) for months 1–14, "
           f"the 15th month (2020-08-01 → 09-01) at (19·r1 + 12·r2)/31, then min(own rate, "
           f"15.4%/12); payments applied at each month end; final balance {float(b):.6f} "
           f"→ excess {t2(excess)}.")
    return name, src, req, exp


fixtures = []

# 1. 20%, interest only, 36 months: 1,666.67 a month (100,000 × 20%/12 =
# 1,666.666… half up), 101,666.67 at the end. Flows at par: the own rate is
# exactly 1,666.67 / 100,000 = 0.0166667 a month (< 2%, > 1.28333…%).
pay = r2(F(100000) * F(20, 100) / 12)
assert pay == F(166667, 100)
own = pay / 100000
fixtures.append(case(
    "split-20pct-interest-only-36", 20, 36, "interest_only",
    [pay] * 35 + [100000 + pay], own,
    "100,000 at 20% from 2019-06-01, interest only (先息后本), 36 months: 1,666.67 a month, "
    "own rate 1,666.67/100,000 = 0.0166667 a month (20.00004% a year) — under 24% before "
    "the split, over 15.4% after it. Before the fix the 4% of room under 24% for 14.6 "
    "months was carried over and the loan showed within, excess 0.00."))

# 2. 30%, interest only, 36 months: over both caps — the caps throughout
pay30 = r2(F(100000) * F(30, 100) / 12)
fixtures.append(case(
    "split-30pct-interest-only-36", 30, 36, "interest_only",
    [pay30] * 35 + [100000 + pay30], pay30 / 100000,
    "100,000 at 30%, interest only, 36 months: 2,500.00 a month, own rate 2.5% a month — "
    "over 24% before the split and over 15.4% after it: each stretch at its cap."))

# 3. 12%, interest only, 36 months: under both caps — within, nothing excess
pay12 = r2(F(100000) * F(12, 100) / 12)
fixtures.append(case(
    "split-12pct-interest-only-36", 12, 36, "interest_only",
    [pay12] * 35 + [100000 + pay12], pay12 / 100000,
    "100,000 at 12%, interest only, 36 months: 1,000.00 a month, own rate 1% a month — under "
    "both caps: the balance grows at the loan's own rate and ends at exactly 0."))

# 4. 20% bullet, 24 months: one payment 100,000 + 100,000 × 20% × 24/12 =
# 140,000 at month 24 (2021-06-01). Own rate r = 1.4^(1/24) − 1 a month
# (16.94% a year: between the caps), irrational: 80-digit decimals.
r = Decimal("1.4") ** (Decimal(1) / Decimal(24)) - 1
c1, c2 = Decimal(24) / Decimal(1200), Decimal("0.154") / Decimal(12)
assert c2 < r < c1
g = (1 + r) ** 14 * (1 + (r * 19 + c2 * 12) / 31) * (1 + c2) ** 9
b = Decimal(100000) * g - Decimal(140000)
excess = -b
assert excess > 0
cents = (excess * 100).to_integral_value(rounding="ROUND_HALF_UP")
fixtures.append((
    "split-20pct-bullet-24",
    "hand (tests/oracle/caps_split.py, 80-digit decimals): 法释〔2020〕17号 Art. 31, each "
    "stretch against its own cap. 100,000 at 20% bullet (到期一次还本付息) from 2019-06-01, 24 "
    "months: 140,000 paid on 2021-06-01; the loan's own rate r = 1.4^(1/24) − 1 = "
    f"{r:.12f} a month (APR {r * 12:.6f}: under 24%, over 15.4%). Recomputed: "
    "100,000 × (1+r)^14 × (1 + (19r + 12·0.154/12)/31) × (1 + 0.154/12)^9 = "
    f"{Decimal(100000) * g:.6f}; paid 140,000: excess {excess:.6f} → {cents / 100:.2f}.",
    {"op": "yield",
     "loan": {"principal": "100000", "rate": "20%", "term": 24, "method": "bullet",
              "start_date": "2019-06-01"},
     "caps": {"filing_date": "2021-03-01"}},
    {"caps": {"from_split": {"cap": "0.154"}, "within": False, "excess": f"{cents / 100:.2f}"}}))

os.makedirs(ROOT, exist_ok=True)
for name, src, req, exp in fixtures:
    with open(os.path.join(ROOT, name + ".json"), "w", encoding="utf-8") as fh:
        json.dump({"name": name, "source": src, "request": req, "expected": exp}, fh,
                  ensure_ascii=False, indent=1)
        fh.write("\n")
    print(name, exp["caps"]["excess"])
