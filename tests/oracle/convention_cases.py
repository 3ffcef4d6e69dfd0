#!/usr/bin/env python3
"""Writes fixtures/conventions/*.json: issue 18's conventions worked by hand
from the README's stated rules with exact fractions (and Gnumeric's PMT with
type 1 via ssconvert for the annuity due) — never by running repay.

usage: python3 tests/oracle/convention_cases.py   (needs gnumeric's ssconvert)
"""
import calendar
import datetime
import json
import os
from fractions import Fraction as F

from gnumeric import evaluate

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures",
                    "conventions")
D = datetime.date
out = []


def fixture(name, source, request, expected):
    out.append((name, source, request, expected))


def rnd(x, unit=F(1, 100), mode="half_up"):
    q = F(x) / unit
    n = q.numerator // q.denominator  # floor
    frac = q - n
    if mode == "half_up":
        if x >= 0:
            n += 1 if frac >= F(1, 2) else 0
        else:
            n += 1 if frac > F(1, 2) else 0
    elif mode == "up":
        n += 1 if frac > 0 else 0
    else:
        raise ValueError(mode)
    return n * unit


def t(x, places=2):
    x = F(x)
    n = int(x * 10 ** places)
    assert F(n, 10 ** places) == x, x
    s = "-" if n < 0 else ""
    n = abs(n)
    if places == 0:
        return f"{s}{n}"
    return f"{s}{n // 10 ** places}.{n % 10 ** places:0{places}d}"


def add_months(d, k):
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def annuity(p, i, n):
    if i == 0:
        return F(p) / n
    v = (1 + i) ** n
    return F(p) * i * v / (v - 1)


def gnumeric(formulas):
    return evaluate(formulas)


def rows_level(p, rates, payments, unit=F(1, 100)):
    """rows of a plan: interest = round(balance × rate_k), principal = payment −
    interest, the last clearing the balance (README Schedules, rules 1, 7)"""
    rows, b = [], F(p)
    n = len(rates)
    for k in range(n):
        it = rnd(b * rates[k], unit)
        pr = b if k == n - 1 else payments[k] - it
        b -= pr
        rows.append(dict(payment=pr + it, principal=pr, interest=it, balance=b))
    return rows


def row_json(r, keys=("payment", "principal", "interest", "balance"), places=2):
    return {k: t(r[k], places) for k in keys}


# ---- LPR + spread: two repricings inside periods ----------------------------
# 1,000,000, 5-year LPR − 30 bp, 24 months from 2023-03-10 (to 2025-03-10), repriced every
# January 1 (README "LPR + spread"). data/lpr.json: in force on 2023-03-10 the
# 2022-08-22 fixing (5y 4.30%) → 4.00%; on 2023-12-31 the 2023-06-20 5y 4.20%
# (listed at 2023-08-21) → 3.90%; on 2024-12-31 the 2024-10-21 fixing (5y
# 3.60%) → 3.30%. Installment 10 (2023-12-10 → 2024-01-10) and 22
# (2024-12-10 → 2025-01-10) hold the repricings: days counted 算头不算尾 (the
# start counts, the due date not), 22 at the old rate (Dec 10–31), 9 at the
# new one (Jan 1–9): the new rate from the repricing day's own interest on.
P = F(1000000)
r0, r1, r2 = F(4, 100), F(39, 1000), F(33, 1000)
N = 24  # to 2025-03-10: exactly the two repricings
M0 = rnd(annuity(P, r0 / 12, N))
rows, b, m = [], P, M0
rate_of = {}
for k in range(1, N + 1):
    if k < 10:
        rate = r0 / 12
    elif k == 10:
        rate = (r0 * 22 + r1 * 9) / 31 / 12
    elif k < 22:
        rate = r1 / 12
    elif k == 22:
        rate = (r1 * 22 + r2 * 9) / 31 / 12
    else:
        rate = r2 / 12
    it = rnd(b * rate)
    if k == N:
        pr = b
    elif k in (10, 22):  # the installment in progress keeps its regular principal part
        pr = m - rnd(b * (r0 if k == 10 else r1) / 12)
    else:
        pr = m - it
    b -= pr
    rows.append(dict(payment=pr + it, principal=pr, interest=it, balance=b))
    if k == 10:
        m = m1 = rnd(annuity(b, r1 / 12, N - 10))
    if k == 22:
        m = m2 = rnd(annuity(b, r2 / 12, N - 22))
tot_int = sum(r["interest"] for r in rows)
fixture(
    "lpr-5y-minus-30bp-two-repricings-inside-periods",
    "hand (tests/oracle/convention_cases.py, exact fractions), README 'LPR + spread': LPR from "
    "data/lpr.json — 5y 4.30% (2022-08-22) on 2023-03-10 → 4.00%; in force 2023-12-31: 4.20% "
    "→ 3.90% from 2024-01-01; in force 2024-12-31: 3.60% (2024-10-21) → 3.30% from 2025-01-01. "
    f"M = annuity(1,000,000, 4%/12, 24) rounded = {t(M0)}. Installment 10 (2023-12-10 → "
    f"2024-01-10): balance {t(rows[8]['balance'])} × (0.04×22 + 0.039×9)/31/12 = "
    f"{t(rows[9]['interest'])}, its principal the regular one (M − balance × 4%/12 = "
    f"{t(rows[9]['principal'])}: statement rule 9 as README rule 9 keeps an irregular first "
    f"period's principal); then annuity(balance {t(rows[9]['balance'])}, 3.9%/12, 14) = "
    f"{t(m1)}. Installment 22 (2024-12-10 → 2025-01-10): {t(rows[20]['balance'])} × (0.039×22 "
    f"+ 0.033×9)/31/12 = {t(rows[21]['interest'])}, principal {t(rows[21]['principal'])} "
    f"(the regular one at 3.9%); then annuity({t(rows[21]['balance'])}, "
    f"3.3%/12, 2) = {t(m2)}; the last clears the balance.",
    {"op": "schedule", "loan": {"principal": "1000000", "rate": {"lpr": "5y", "spread_bp": -30},
                                "term": 24, "start_date": "2023-03-10"}},
    {"lpr": {"initial": {"fixing_date": "2022-08-22", "lpr": "0.043", "rate": "0.04"},
             "repricings": [{"date": "2024-01-01", "lpr": "0.042", "rate": "0.039"},
                            {"date": "2025-01-01", "fixing_date": "2024-10-21",
                             "lpr": "0.036", "rate": "0.033"}]},
     "installments": {"[0]": row_json(rows[0]), "[8]": row_json(rows[8]), "[9]": row_json(rows[9]),
                      "[10]": row_json(rows[10]), "[20]": row_json(rows[20]),
                      "[21]": row_json(rows[21]), "[-1]": row_json(rows[-1])},
     "totals": {"interest": t(tot_int), "principal": "1000000.00"}})

# ---- LPR + spread: anniversary repricings, on due dates ---------------------
# 600,000, 1-year LPR + 50 bp, 36 months from 2023-03-10, repriced on each
# anniversary. On 2023-03-10 1y 3.65% (2022-08-22) → 4.15%; in force
# 2024-03-09: 3.45% (2023-08-21; 2024-02-20 kept 3.45%) → 3.95%; in force
# 2025-03-09: 3.10% (2024-10-21) → 3.60%. The repricing dates are due dates
# (installments 12 and 24). By the README's day count (days after the start
# up to and including the due date, new rate from the repricing date on) the
# installment due on the repricing date has 1 of its 29 / 28 days at the new
# rate: 2024-02-10 → 03-10 is 29 days, 2025-02-10 → 03-10 is 28.
P = F(600000)
a0, a1, a2 = F(415, 10000), F(395, 10000), F(360, 10000)
m = rnd(annuity(P, a0 / 12, 36))
ms = [m]
rows, b = [], P
for k in range(1, 37):
    if k < 12:
        rate = a0 / 12
    elif k <= 12:
        rate = a0 / 12
    elif k <= 24:
        rate = a1 / 12
    else:
        rate = a2 / 12
    it = rnd(b * rate)
    pr = b if k == 36 else m - it
    b -= pr
    rows.append(dict(payment=pr + it, principal=pr, interest=it, balance=b))
    if k == 12:
        m = rnd(annuity(b, a1 / 12, 24))
        ms.append(m)
    if k == 24:
        m = rnd(annuity(b, a2 / 12, 12))
        ms.append(m)
fixture(
    "lpr-1y-plus-50bp-anniversary-repricings",
    "hand (tests/oracle/convention_cases.py, exact fractions), README 'LPR + spread', "
    "repricing anniversary: 1y LPR 3.65% (2022-08-22) on 2023-03-10 → 4.15%; in force "
    "2024-03-09: 3.45% (2024-02-20) → 3.95%; in force 2025-03-09: 3.10% (2024-10-21) → 3.60%. "
    f"M = annuity(600,000, 4.15%/12, 36) = {t(ms[0])}; installment 12, due on the repricing "
    "date 2024-03-10, is all at 4.15% (interest for 2024-02-10 → 03-10); a repricing on a due "
    "date leaves nothing in progress, so from installment 13 the level payment is "
    f"annuity(balance after 12 = {t(rows[11]['balance'])}, 3.95%/12, 24) = {t(ms[1])}; "
    f"from 25 annuity({t(rows[23]['balance'])}, 3.6%/12, 12) = {t(ms[2])}; the last clears.",
    {"op": "schedule", "loan": {"principal": "600000",
                                "rate": {"lpr": "1y", "spread_bp": 50, "repricing": "anniversary"},
                                "term": 36, "start_date": "2023-03-10"}},
    {"summary": {"payment": t(ms[0])},
     "lpr": {"repricings": {"[0]": {"date": "2024-03-10", "fixing_date": "2024-02-20",
                                    "lpr": "0.0345", "rate": "0.0395"},
                            "[1]": {"date": "2025-03-10", "fixing_date": "2024-10-21",
                                    "lpr": "0.031", "rate": "0.036"}}},
     "installments": {"[0]": row_json(rows[0]), "[10]": row_json(rows[10]),
                      "[11]": row_json(rows[11]), "[12]": row_json(rows[12]),
                      "[13]": row_json(rows[13]), "[23]": row_json(rows[23]),
                      "[24]": row_json(rows[24]), "[-1]": row_json(rows[-1])},
     "totals": {"interest": t(sum(r["interest"] for r in rows))}})

# ---- balloon (尾款) -----------------------------------------------------------
# 100,000 at 6%, 12 months, 40,000 left for the last: the level payment
# solves 100,000 = M·a(12) + 40,000·v^12 at i = 0.5%, rounded once.
i = F(6, 100) / 12
v = 1 / (1 + i)
a12 = (1 - v ** 12) / i
Mb = rnd((100000 - 40000 * v ** 12) / a12)
rows = rows_level(100000, [i] * 12, [Mb] * 12)
fixture(
    "balloon-40000-of-100000-12",
    "hand (exact fractions): M = (100,000 − 40,000·v¹²)/a(12) at i = 0.5%, v = 1/1.005, "
    f"a(12) = (1 − v¹²)/i: {float((100000 - 40000 * v ** 12) / a12):.6f} → {t(Mb)}; "
    "interest = balance × 0.5% rounded; the 12th clears the balance (40,000 + the residue). "
    "Gnumeric: PMT(0.005,12,-100000,40000) = "
    + gnumeric(["=PMT(0.005,12,-100000,40000)"])[0],
    {"op": "schedule", "loan": {"principal": "100000", "rate": "6%", "term": 12,
                                "balloon": "40000"}},
    {"summary": {"payment": t(Mb), "balloon": "40000.00"},
     "installments": {"[0]": row_json(rows[0]), "[10]": row_json(rows[10]),
                      "[-1]": row_json(rows[-1])},
     "totals": {"interest": t(sum(r["interest"] for r in rows))}})

# ---- stepped payments (阶梯还款) ----------------------------------------------
# 100,000 at 6%, 36 months, +200 every 12: P = M·a(36) + 200·v¹²·a(24) +
# 200·v²⁴·a(12); M rounded once; payments M, M+200, M+400.
a = lambda n: (1 - v ** n) / i
Ms = rnd((100000 - 200 * v ** 12 * a(24) - 200 * v ** 24 * a(12)) / a(36))
pays = [Ms] * 12 + [Ms + 200] * 12 + [Ms + 400] * 12
rows = rows_level(100000, [i] * 36, pays)
fixture(
    "step-up-200-every-12-of-36",
    "hand (exact fractions), README 'Timing and shape' step: 100,000 = M·a(36) + 200·v¹²·a(24) "
    f"+ 200·v²⁴·a(12) at i = 0.5%: M = {t(Ms)}; payments {t(Ms)} (1–12), {t(Ms + 200)} "
    f"(13–24), {t(Ms + 400)} (25–35), interest = balance × 0.5% rounded, the 36th clears "
    f"the balance: {t(rows[-1]['payment'])}.",
    {"op": "schedule", "loan": {"principal": "100000", "rate": "6%", "term": 36,
                                "step": {"every": 12, "amount": "200"}}},
    {"summary": {"payment": t(Ms)},
     "installments": {"[11]": row_json(rows[11]), "[12]": row_json(rows[12]),
                      "[24]": row_json(rows[24]), "[-1]": row_json(rows[-1])},
     "totals": {"interest": t(sum(r["interest"] for r in rows))}})

# stepped down by a share: every 6, −5% of the payment before
sh = F(95, 100)
# payments M·sh^j for block j, but each step is posted: M_j = round(M_{j−1} × 0.95)?
# The README: "the payment changes by that amount or share of the payment
# before it" — a share step is not worked here (its rounding per step is not
# stated); only the amount step above.

# ---- custom list (个性化分期) --------------------------------------------------
rows = rows_level(10000, [F(1, 100)] * 4, [F(1000), F(2000), F(3000), None])
fixture(
    "custom-payments-1000-2000-3000",
    "hand: 10,000 at 12% (1% a month), custom payments 1,000, 2,000, 3,000 then the last "
    "clears: interest 100.00, 91.00 (9,100 × 1%), 71.91 (7,191 × 1%), then balance 4,262.91 "
    f"+ 42.63 = {t(rows[-1]['payment'])}.",
    {"op": "schedule", "loan": {"principal": "10000", "rate": "12%", "term": 4,
                                "method": "custom", "custom": {"payments": ["1000", "2000", "3000"]}}},
    {"installments": [row_json(r) for r in rows]})

b = F(12000)
rows = []
for k, pp in enumerate([F(0), F(3000), F(5000), None]):
    it = rnd(b * F(1, 100))
    pr = b if pp is None else pp
    b -= pr
    rows.append(dict(payment=pr + it, principal=pr, interest=it, balance=b))
fixture(
    "custom-principal-0-3000-5000",
    "hand: 12,000 at 12%, custom principal parts 0 (interest only), 3,000, 5,000, the last "
    "clears: interest 120.00, 120.00, 90.00, 40.00 (4,000 × 1%).",
    {"op": "schedule", "loan": {"principal": "12000", "rate": "12%", "term": 4,
                                "method": "custom", "custom": {"principal": ["0", "3000", "5000"]}}},
    {"installments": [row_json(r) for r in rows]})

# ---- payments at the start of each period (timing start) ---------------------
# PMT type 1: M = P·i/((1 − v^n)(1 + i)); the first on start_date is all
# principal (no time has passed), then interest on the balance each period.
Md = rnd(annuity(100000, i, 12) / (1 + i))
g = gnumeric(["=PMT(0.005,12,-100000,0,1)"])[0]
rows, b = [], F(100000)
for k in range(12):
    it = rnd(b * i) if k > 0 else F(0)
    pr = b if k == 11 else Md - it
    b -= pr
    rows.append(dict(payment=pr + it, principal=pr, interest=it, balance=b))
fixture(
    "timing-start-annuity-due-12",
    f"Gnumeric PMT(0.005,12,-100000,0,1) = {g} via ssconvert (tests/oracle/convention_cases.py) "
    f"→ {t(Md)}; by hand the first payment on 2024-01-15 is all principal, then interest = "
    "balance × 0.5% a month, the 12th (2024-12-15) clears the balance.",
    {"op": "schedule", "loan": {"principal": "100000", "rate": "6%", "term": 12,
                                "start_date": "2024-01-15", "timing": "start"}},
    {"summary": {"payment": t(Md)},
     "installments": {"[0]": dict(row_json(rows[0]), due_date="2024-01-15"),
                      "[1]": dict(row_json(rows[1]), due_date="2024-02-15"),
                      "[-1]": dict(row_json(rows[-1]), due_date="2024-12-15")},
     "totals": {"interest": t(sum(r["interest"] for r in rows))}})

# ---- level_payment adjusted (Fineract EMI adjustment) -----------------------
def run_level(p, i, n, m, unit):
    return rows_level(p, [i] * n, [m] * n, unit)


u = F(1)
i15 = F(15, 100) / 12
m = rnd(annuity(1000, i15, 24), u)
rows = run_level(1000, i15, 24, m, u)
trail = [f"M = {t(m, 0)}, last {t(rows[-1]['payment'], 0)}"]
for _ in range(3):
    diff = rows[-1]["payment"] - m
    if abs(diff) <= 24 // 2:
        break
    m2 = m + rnd(diff / 24, u)
    rows2 = run_level(1000, i15, 24, m2, u)
    if abs(rows2[-1]["payment"] - m2) < abs(diff):
        m, rows = m2, rows2
        trail.append(f"M → {t(m, 0)} (difference {t(diff, 0)} ÷ 24 rounded), last "
                     f"{t(rows[-1]['payment'], 0)}")
    else:
        break
fixture(
    "level-payment-adjusted-1000-15pct-24-whole-yuan",
    "hand (exact fractions), README 'Conventions' level_payment adjusted: 1,000 at 15%, 24 "
    "months, unit 1: annuity 48.49 → " + "; ".join(trail) + f"; |last − M| ≤ ⌊24/2⌋ = 12: kept.",
    {"op": "schedule", "loan": {"principal": "1000", "rate": "15%", "term": 24,
                                "level_payment": "adjusted", "rounding": {"unit": "1"}}},
    {"summary": {"payment": t(m, 0), "last_payment": t(rows[-1]["payment"], 0)},
     "totals": {"interest": t(sum(r["interest"] for r in rows), 0)}})

# ---- payment_multiple --------------------------------------------------------
i49 = F(49, 1000) / 12
m = rnd(annuity(1000000, i49, 360), F(1), "up")
rows = run_level(1000000, i49, 360, m, F(1, 100))
fixture(
    "payment-multiple-whole-yuan-up-mortgage",
    "hand (exact fractions): 1,000,000 at 4.9%, 360 months, payment_multiple unit 1 up: "
    f"annuity 5,307.267… → {t(m)}; interest = balance × 4.9%/12 to the fen, the last clears "
    f"the balance: {t(rows[-1]['payment'])}.",
    {"op": "schedule", "loan": {"principal": "1000000", "rate": "4.9%", "term": 360,
                                "payment_multiple": {"unit": "1"}}},
    {"summary": {"payment": t(m), "last_payment": t(rows[-1]["payment"])},
     "installments": {"[0]": row_json(rows[0]), "[-1]": row_json(rows[-1])},
     "totals": {"interest": t(sum(r["interest"] for r in rows))}})

# ---- first_period: separate and solved --------------------------------------
# 120,000 at 6%, 12 months from 2024-01-10, first due 2024-02-25 (46 days).
# separate: broken period 2024-01-10 → 2024-01-25 (one period before the first
# due date), 15 days × 6%/360 × 120,000 = 300.00 on start_date; then a
# regular schedule from 2024-01-25.
i6 = F(6, 100) / 12
Mr = rnd(annuity(120000, i6, 12))
rows = run_level(120000, i6, 12, Mr, F(1, 100))
fixture(
    "first-period-separate",
    "hand: broken-period interest 120,000 × 6% × 15/360 (2024-01-10 → 01-25, daily rate = "
    f"annual/360) = 300.00 on 2024-01-10 as row 1; then annuity(120,000, 0.5%, 12) = {t(Mr)} "
    "from 2024-02-25, interest = balance × 0.5%.",
    {"op": "schedule", "loan": {"principal": "120000", "rate": "6%", "term": 12,
                                "start_date": "2024-01-10", "first_due_date": "2024-02-25",
                                "first_period": "separate"}},
    {"installments": {"[0]": {"due_date": "2024-01-10", "payment": "300.00", "interest": "300.00",
                              "principal": "0.00", "balance": "120000.00"},
                      "[1]": dict(row_json(rows[0]), due_date="2024-02-25"),
                      "[-1]": dict(row_json(rows[-1]), due_date="2025-01-25")}})

# solved: the first period's rate is 6% × 46/360 (its actual days at the
# daily rate), the others 0.5%; M solves 120,000 = Σ M / ((1+f)(1+i)^(k−1)).
f1 = F(6, 100) * 46 / 360
disc = sum(1 / ((1 + f1) * (1 + i6) ** (k - 1)) for k in range(1, 13))
Mv = rnd(120000 / disc)
rows = rows_level(120000, [f1] + [i6] * 11, [Mv] * 12)
fixture(
    "first-period-solved",
    "hand (exact fractions): first period 2024-01-10 → 02-25 = 46 days at 6%/360 a day, "
    "f = 0.06×46/360; M solves 120,000 = Σ_{k=1..12} M/((1+f)(1.005)^(k−1)) → "
    f"{t(Mv)}; the first interest 120,000 × f = {t(rows[0]['interest'])}, then balance × "
    f"0.5%; the last clears: {t(rows[-1]['payment'])}.",
    {"op": "schedule", "loan": {"principal": "120000", "rate": "6%", "term": 12,
                                "start_date": "2024-01-10", "first_due_date": "2024-02-25",
                                "first_period": "solved"}},
    {"summary": {"payment": t(Mv)},
     "installments": {"[0]": row_json(rows[0]), "[1]": row_json(rows[1]),
                      "[-1]": row_json(rows[-1])}})

# ---- business days: the mainland calendar of 2024 ---------------------------
# 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号): days off
# Jan 1; Feb 10–17; Apr 4–6; May 1–5; Jun 10; Sep 15–17; Oct 1–7; working
# weekend days Feb 4, Feb 18, Apr 7, Apr 28, May 11, Sep 14, Sep 29, Oct 12.
# 2025 (国办发明电〔2024〕12号): Jan 1 off.
off = {D(2024, 1, 1), D(2025, 1, 1)}
for a_, b_ in [((2, 10), (2, 17)), ((4, 4), (4, 6)), ((5, 1), (5, 5)), ((6, 10), (6, 10)),
               ((9, 15), (9, 17)), ((10, 1), (10, 7))]:
    d = D(2024, *a_)
    while d <= D(2024, *b_):
        off.add(d)
        d += datetime.timedelta(days=1)
work = {D(2024, 2, 4), D(2024, 2, 18), D(2024, 4, 7), D(2024, 4, 28), D(2024, 5, 11),
        D(2024, 9, 14), D(2024, 9, 29), D(2024, 10, 12)}


def working(d):
    return d in work or (d.weekday() < 5 and d not in off)


def roll(d, rule):
    step = 1 if rule == "following" else -1
    while not working(d):
        d += datetime.timedelta(days=step)
    return d


i12 = F(1, 100)
M12 = rnd(annuity(12000, i12, 12))
rows = run_level(12000, i12, 12, M12, F(1, 100))
for rule in ("following", "preceding"):
    dues = [roll(add_months(D(2024, 1, 1), k), rule) for k in range(1, 13)]
    moved = [f"{add_months(D(2024, 1, 1), k + 1)} → {dues[k]}" for k in range(12)
             if dues[k] != add_months(D(2024, 1, 1), k + 1)]
    fixture(
        f"business-days-mainland-2024-{rule}",
        "hand: the State Council's 2024 holiday notice (国办发明电〔2023〕7号: 国庆节 Oct 1–7 off, "
        "Sep 29 and Oct 12 worked; 劳动节 May 1–5 off) and 2025-01-01 (元旦); due dates on the "
        f"1st rolled {rule}: " + "; ".join(moved) + ". accrual unadjusted: interest as on the "
        f"contractual dates, annuity(12,000, 1%, 12) = {t(M12)}, interest = balance × 1%.",
        {"op": "schedule", "loan": {"principal": "12000", "rate": "12%", "term": 12,
                                    "start_date": "2024-01-01",
                                    "business_days": {"roll": rule}}},
        {"installments": [dict(row_json(r), due_date=str(dues[k])) for k, r in enumerate(rows)]})

# ---- arrears tolerance -------------------------------------------------------
# 3,000 at 12%, 3 months from 2024-01-15: M = annuity(3000, 1%, 3) = 1020.07;
# interest 30.00, 20.10 (2,009.93 × 1%), 10.10 (1,009.96 × 1%); the last
# 1,020.06. Paid 1,020.00, 1,020.07, 1,020.06: 0.07 short (plus any 罚息 on
# it: less than a fen a day), under a 1.00 tolerance: not past due. Without
# it the loan is past due from the last due date 2024-04-15: 249 days on
# 2024-12-20 (15 + 31+30+31+31+30+31+30 + 20).
Ma = rnd(annuity(3000, i12, 3))
assert Ma == F(102007, 100)
assert (D(2024, 12, 20) - D(2024, 4, 15)).days == 249
req = {"op": "statement", "as_of": "2024-12-20",
       "loan": {"principal": "3000", "rate": "12%", "term": 3, "start_date": "2024-01-15",
                "overdue": {"arrears_tolerance": "1.00"}},
       "events": [{"type": "payment", "date": "2024-02-15", "amount": "1020.00"},
                  {"type": "payment", "date": "2024-03-15", "amount": "1020.07"},
                  {"type": "payment", "date": "2024-04-15", "amount": "1020.06"}]}
fixture(
    "arrears-tolerance-1.00-residue-0.07",
    "hand: annuity(3,000, 1%, 3) = 1,020.0663 → 1,020.07; rows 1,020.07, 1,020.07, 1,020.06; "
    "paid 1,020.00, 1,020.07, 1,020.06 (oldest first): 0.07 of principal short, moving from "
    "installment 1 to 2 to 3; 罚息 at 12% × 1.5 = 18% / 360 a day (README defaults): 0.07 × "
    "0.18 × 29/360 = 0.001015 → 0.00, × 31/360 → 0.00, × 249/360 (2024-04-16 → 12-20) = "
    "0.008715 → 0.01; owed 0.08, within the 1.00 tolerance: not past due: dpd 0, class normal.",
    req, {"summary": {"dpd": 0, "class": "normal", "total_due": "0.08"},
          "owed": {"principal": "0.07", "penalty_interest": "0.01"}})
req2 = json.loads(json.dumps(req))
del req2["loan"]["overdue"]
fixture(
    "arrears-tolerance-none-residue-0.07",
    "hand: the same loan without a tolerance: the 0.07 residue keeps the last installment "
    "(due 2024-04-15) unpaid: 249 days past due on 2024-12-20 (Apr 16–30 = 15, May–Nov = 214, "
    "Dec 1–20 = 20).",
    req2, {"summary": {"dpd": 249}})

os.makedirs(ROOT, exist_ok=True)
for name, source, request, expected in out:
    with open(os.path.join(ROOT, name + ".json"), "w", encoding="utf-8") as fh:
        json.dump({"name": name, "source": source, "request": request, "expected": expected},
                  fh, ensure_ascii=False, indent=1)
        fh.write("\n")
print(len(out), "fixtures written to", os.path.normpath(ROOT))
