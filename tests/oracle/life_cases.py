#!/usr/bin/env python3
"""Writes fixtures/life/*.json: a loan's life through restructure events
(README.md: "Statements: what is owed today", "Restructuring" and "A loan's
life: agreements kept or broken"). Each scenario's expected numbers are
worked out here step by step with exact fractions from those rules —
scenario by scenario, not by a general engine, and never by running repay.

One loan for every scenario: 12,000 at 12% a year, 12 monthly annuity
installments from 2024-01-15, the default overdue terms (penalty rate
12% × 1.5 = 18% a year on a 360-day basis: 0.05% a day; 罚息 on overdue
principal, 复利 on overdue interest, no grace, no late fee) and the
bank_default allocation.

usage: python3 tests/oracle/life_cases.py
"""
import datetime
import json
import os
from fractions import Fraction as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures")


def r2(x):
    """half_up to the fen"""
    q = F(x) * 100
    n = q.numerator // q.denominator
    if q - n >= F(1, 2):
        n += 1
    return F(n, 100)


def floor2(x):
    """down to the fen (x ≥ 0)"""
    q = F(x) * 100
    return F(q.numerator // q.denominator, 100)


def t(x):
    """decimal text with two places (x must be whole fen)"""
    x = F(x)
    assert x * 100 == int(x * 100), x
    n = int(x * 100)
    s = "-" if n < 0 else ""
    n = abs(n)
    return f"{s}{n // 100}.{n % 100:02d}"


def t6(x):
    """an exact accrual as the workings print it: "to 4 more places than the unit" (6 at 0.01);
    only used where the value is exact at 6 places"""
    x = F(x)
    assert x * 10**6 == int(x * 10**6), x
    n = int(x * 10**6)
    return f"{n // 10**6}.{n % 10**6:06d}"


def days(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def plus(a, n):
    return (datetime.date.fromisoformat(a) + datetime.timedelta(days=n)).isoformat()


def month(k):
    """the loan's k-th due date: 2024-01-15 + k months (computed from the anchor)"""
    y, m = divmod(k, 12)
    return datetime.date(2024 + y, 1 + m, 15).isoformat()


def annuity(P, i, n):
    """rows (principal, interest) of an annuity by README Schedules rules 1, 2, 7:
    M = P·i·(1+i)^n / ((1+i)^n − 1) rounded once; interest = balance × i rounded;
    the last row clears the balance"""
    g = (1 + i) ** n
    M = r2(P * i * g / (g - 1))
    rows, B = [], F(P)
    for k in range(n):
        I = r2(B * i)
        p = B if k == n - 1 else M - I
        rows.append((p, I))
        B -= p
    return M, rows


def spread(x, n):
    """reamortize: equal whole units, the last takes the rest"""
    each = floor2(F(x) / n)
    return [each] * (n - 1) + [x - each * (n - 1)]


def comps(principal=0, interest=0, pen=0, comp=0, late=0, fees=0, total=True):
    d = {"principal": t(principal), "interest": t(interest), "penalty_interest": t(pen),
         "compound_interest": t(comp), "late_fees": t(late), "fees": t(fees)}
    if total:
        d["total"] = t(principal + interest + pen + comp + late + fees)
    return d


i = F(12, 100) / 12           # 1% a month
DAY = F(18, 100) / 360        # penalty: 12% × 1.5 = 18% a year, ÷ 360 = 0.0005 a day
assert DAY == F(5, 10000)
LOAN = {"principal": "12000", "rate": "12%", "term": 12, "start_date": "2024-01-15"}
M, ROWS = annuity(F(12000), i, 12)
assert M == F("1066.19")
assert ROWS[:3] == [(F("946.19"), F("120.00")), (F("955.65"), F("110.54")), (F("965.21"), F("100.98"))]
pay = lambda d, a: {"type": "payment", "date": d, "amount": t(a)}
out = {}


def fixture(name, source, request, expected):
    out.setdefault("life", []).append((name, source, request, expected))


# =====================================================================
# 1. the agreement, as the restructure op prices it
# =====================================================================
# Nothing is paid. 2024-02-15 + 60 days = 2024-04-15 (Feb 16 … Apr 15: 14 + 31 + 15),
# which is also installment 3's due date.
D0 = "2024-04-15"
assert days("2024-02-15", D0) == 60 and month(3) == D0
# The position on D0 (README "The position on the date"; statement rules 1–3):
#  installment 1, due 02-15, 60 days late: 罚息 946.19 × 0.0005 × 60 = 28.3857 → 28.39,
#                                           复利 120.00 × 0.0005 × 60 = 3.60
#  installment 2, due 03-15, 31 days late (Mar 16 … Apr 15): 罚息 955.65 × 0.0155 = 14.812575 → 14.81,
#                                           复利 110.54 × 0.0155 = 1.71337 → 1.71
#  installment 3, due on the date: due, no day late yet
#  principal not yet due: 9,132.95; interest of the period in progress (installment 4,
#  Apr 15 → May 15) up to the date: 0 days → 0
pen1, comp1 = r2(ROWS[0][0] * DAY * 60), r2(ROWS[0][1] * DAY * 60)
pen2, comp2 = r2(ROWS[1][0] * DAY * 31), r2(ROWS[1][1] * DAY * 31)
assert (pen1, comp1, pen2, comp2) == (F("28.39"), F("3.60"), F("14.81"), F("1.71"))
PEN0, COMP0 = pen1 + pen2, comp1 + comp2                # 43.20, 5.31
INT0 = sum(I for _, I in ROWS[:3])                      # 331.52
assert (PEN0, COMP0, INT0) == (F("43.20"), F("5.31"), F("331.52"))
CLAIM0 = F(12000) + INT0 + PEN0 + COMP0                 # 12,380.03
assert CLAIM0 == F("12380.03")
WAIVED0 = PEN0 + COMP0                                  # 48.51

# The agreement, in the order that leaves no doubt what each action does:
#  waive 100% 罚息 and 100% 复利 on condition (max 30 days late) — off what is owed on the date;
#  extend 6 — "re-amortizes all principal — overdue principal included — over more installments on
#    the loan's due dates": the 9 installments to come (n 4 … 12) + 6 = 15 (n 4 … 18, 2024-05-15 …
#    2025-07-15) on all 12,000 at 1% a month;
#  reamortize — "spreads the arrears over the installments to come, in equal whole units (the last
#    takes the rest) … the rest into a new arrears column": what is still due on the date after the
#    two is the interest of installments 1–3, 331.52, over the 15: 22.10 × 14 + 22.12.
COND = {"max_days_late": 30}
ACTIONS = [{"type": "waive", "component": "penalty_interest", "share": "100%", "condition": COND},
           {"type": "waive", "component": "compound_interest", "share": "100%", "condition": COND},
           {"type": "extend", "periods": 6},
           {"type": "reamortize"}]
N1 = 15
M1, PLAN1 = annuity(F(12000), i, N1)
assert M1 == F("865.49") and PLAN1[0] == (F("745.49"), F("120.00")) and PLAN1[-1] == (F("856.85"), F("8.57"))
ARR1 = spread(INT0, N1)
assert ARR1[0] == F("22.10") and ARR1[-1] == F("22.12")
DUE1 = [month(4 + k) for k in range(N1)]             # n = 4 … 18
assert DUE1[0] == "2024-05-15" and DUE1[-1] == "2025-07-15"
PAY1 = [p + I + a for (p, I), a in zip(PLAN1, ARR1)]
assert PAY1[0] == F("887.59") and PAY1[-1] == F("887.54")
NEW_INT1 = sum(I for _, I in PLAN1)
DEBT1 = F(12000) + INT0                                  # principal in plan − capitalized (0) + arrears carried + interest_kept (0)
TOTAL1 = DEBT1 + NEW_INT1
assert CLAIM0 == WAIVED0 + DEBT1
PV1_exact = sum(x / (1 + i) ** (k + 1) for k, x in enumerate(PAY1))   # every row a whole period after the date
PV1 = r2(PV1_exact)


def irr_monthly(debt, flows):
    lo, hi = F(0), F(1, 50)
    for _ in range(70):
        mid = (lo + hi) / 2
        v = sum(x / (1 + mid) ** (k + 1) for k, x in enumerate(flows))
        lo, hi = (mid, hi) if v > debt else (lo, mid)
    return (lo + hi) / 2


APR1 = 12 * irr_monthly(DEBT1, PAY1)
rows_expected = {}
for k in (0, 1, 4, 14):
    p, I = PLAN1[k]
    rows_expected[f"[{k}]"] = {"n": 4 + k, "due_date": DUE1[k], "principal": t(p), "interest": t(I),
                               "arrears": t(ARR1[k]), "payment": t(PAY1[k])}
fixture("agreement-waive-on-condition-extend-reamortize",
        "hand: nothing paid; on 2024-04-15 installment 1 is 60 days late (罚息 946.19 × 0.0005 × 60 = 28.39, 复利 120 × 0.03 = 3.60), "
        "installment 2 31 days (14.81, 1.71), installment 3 due: claim 12,000 + 331.52 + 43.20 + 5.31 = 12,380.03; 罚息 and 复利 "
        "waived on condition (48.51); extend 6: 12,000 over 9 + 6 = 15 at 1%: M = 12000·0.01·1.01^15/(1.01^15−1) = 865.4851 → 865.49, "
        "first interest 120.00, last row 856.85 + 8.57; reamortize: the interest left due, 331.52, over 15 = 22.10 × 14 + 22.12; "
        f"debt 12,331.52, new interest {t(NEW_INT1)}, total {t(TOTAL1)}; pv Σ payment/1.01^k = {float(PV1_exact):.6f}; "
        "observation end = first due date 2024-05-15 + 1 year (later than + 2 periods)",
        {"op": "restructure", "date": D0, "loan": LOAN, "actions": ACTIONS},
        {"ok": True,
         "before": {"dpd": 60, "class": "special_mention",
                    "claim": comps(12000, INT0, PEN0, COMP0)},
         "waived": comps(0, 0, PEN0, COMP0),
         "summary": {"payment": t(PAY1[0]), "installment_count": 15, "first_due_date": "2024-05-15",
                     "maturity_date": "2025-07-15", "total_to_pay": t(TOTAL1), "waived": t(WAIVED0),
                     "saving": t(CLAIM0 - TOTAL1), "annual_rate": "0.12", "discount_rate": "0.12",
                     "apr": {"approx": f"{float(APR1):.12f}", "tolerance": "0.000000001"},
                     "pv": t(PV1), "concession": t(CLAIM0 - PV1), "observation_end": "2025-05-15"},
         "reconciliation": {"claim": t(CLAIM0), "waived": t(WAIVED0), "debt": t(DEBT1), "interest_kept": "0.00",
                            "capitalized": "0.00", "new_interest": t(NEW_INT1), "fees": "0.00",
                            "total_to_pay": t(TOTAL1), "pv": t(PV1), "time_value": t(TOTAL1 - PV1)},
         "totals": {"payment": t(TOTAL1), "principal": "12000.00", "interest": t(NEW_INT1), "arrears": t(INT0)},
         "installments": rows_expected,
         "as_event": {"type": "restructure", "date": D0, "actions": ACTIONS}})

EVENT1 = {"type": "restructure", "date": D0, "actions": ACTIONS}
ON_TIME = lambda k: pay(DUE1[k], PAY1[k])             # plan row k (0-based) paid in full on its due date
ENTRY1 = {"plan": 1, "event": 0, "date": D0, "actions": ["waive", "waive", "extend", "reamortize"],
          "dpd_before": 60, "class_before": "special_mention", "restructured_again": False,
          "installments": 15, "first_due_date": "2024-05-15", "maturity_date": "2025-07-15", "rate": "0.12",
          "waived": comps(0, 0, PEN0, COMP0), "waived_on_condition": comps(0, 0, PEN0, COMP0),
          "condition_max_days_late": 30}

# =====================================================================
# 2(a). the agreement kept
# =====================================================================
# 13 plan installments (2024-05-15 … 2025-05-15) paid in full on their due dates; on 2025-05-20 the
# observation period (2024-05-15 → 2025-05-15, Art. 20) is over with every installment in it paid on
# time: passed; nothing past due: class by DPD 正常, and no article applies any more.
fixture("kept-observation-passed",
        "hand (Art. 20): 13 plan installments of 887.59 paid on their due dates; observation 2024-05-15 → 2025-05-15 "
        "(first due date + 1 year, later than + 2 periods) reached with all 13 paid on time: passed; dpd 0 → normal by DPD, "
        "restructured false, class_rule dpd; the conditional waivers stand (nothing owed, 罚息/复利 0)",
        {"op": "statement", "as_of": "2025-05-20", "loan": LOAN,
         "events": [EVENT1] + [ON_TIME(k) for k in range(13)]},
        {"ok": True,
         "summary": {"status": "current", "total_due": "0.00", "dpd": 0, "class": "normal", "restructured": False,
                     "class_by_dpd": "normal", "class_rule": "dpd"},
         "owed": comps(),
         "restructurings": [dict(ENTRY1, standing="current", installments_due=13, paid_on_time=13, paid_late=0, missed=0,
                                 observation={"start": "2024-05-15", "end": "2025-05-15", "state": "passed"})],
         "installments": {"[0]": {"n": 1, "due_date": "2024-02-15", "status": "restructured",
                                  "outstanding": comps(ROWS[0][0], ROWS[0][1], pen1, comp1)},
                          "[3]": {"plan": 1, "n": 4, "due_date": "2024-05-15", "status": "paid"}}})
fixture("kept-completed",
        "hand: all 15 plan installments paid on their due dates (14 × 887.59, the last 856.85 + 8.57 + 22.12 = 887.54): "
        "paid off, standing completed, observation passed, class normal by DPD",
        {"op": "statement", "as_of": "2025-07-20", "loan": LOAN,
         "events": [EVENT1] + [ON_TIME(k) for k in range(15)]},
        {"ok": True,
         "summary": {"status": "paid_off", "payoff": "0.00", "dpd": 0, "class": "normal", "restructured": False,
                     "class_rule": "dpd"},
         "restructurings": [dict(ENTRY1, standing="completed", installments_due=15, paid_on_time=15, paid_late=0, missed=0,
                                 observation={"start": "2024-05-15", "end": "2025-05-15", "state": "passed"})]})

# =====================================================================
# 2(b). the condition broken: the 5th plan installment 40 days late
# =====================================================================
# Plan row 5 is n 8, due 2024-09-15: principal 775.76, interest 89.73, arrears 22.10 (carried
# interest). It is more than 30 days past due first on 2024-09-15 + 31 = 2024-10-16: the breach; the
# 48.51 waived on condition is owed again from that day as an item that bears nothing.
# Under bank_default (oldest installment first) no payment can pay row 6 (due 2024-10-15) before
# row 5, so row 6 is late too whenever row 5 is 40 days late: both are paid on 2024-10-25.
R5, R6 = 4, 5
p5, I5 = PLAN1[R5]
p6, I6 = PLAN1[R6]
assert (DUE1[R5], DUE1[R6]) == ("2024-09-15", "2024-10-15") and (p5, I5, p6, I6) == (F("775.76"), F("89.73"), F("783.52"), F("81.97"))
BREACH = plus(DUE1[R5], 31)
PAID_LATE = plus(DUE1[R5], 40)
assert (BREACH, PAID_LATE) == ("2024-10-16", "2024-10-25")
CI5, CI6 = I5 + ARR1[R5], I6 + ARR1[R6]                 # interest bearing 复利: its own + the carried 22.10
assert (CI5, CI6) == (F("111.83"), F("104.07"))
EVENTS_B = [EVENT1] + [ON_TIME(k) for k in range(4)]     # 2024-05-15 … 2024-08-15 on time

# (b1) 2024-10-20: nothing more paid. Row 5: 35 days (Sep 16 … Oct 20), row 6: 5 days (Oct 16 … 20).
AS_B1 = "2024-10-20"
d5, d6 = days(DUE1[R5], AS_B1), days(DUE1[R6], AS_B1)
assert (d5, d6) == (35, 5)
pen5a, comp5a = r2(p5 * DAY * d5), r2(CI5 * DAY * d5)   # 13.5758 → 13.58; 1.957025 → 1.96
pen6a, comp6a = r2(p6 * DAY * d6), r2(CI6 * DAY * d6)   # 1.9588 → 1.96; 0.260175 → 0.26
assert (pen5a, comp5a, pen6a, comp6a) == (F("13.58"), F("1.96"), F("1.96"), F("0.26"))
owed_b1 = comps(p5 + p6, CI5 + CI6, pen5a + pen6a + PEN0, comp5a + comp6a + COMP0)
# breach.max_days_late: "the limit it passed" (README, breach fields) — the condition's 30; on the
# breach date itself the installment is 31 days past due.
BREACH_ENTRY = {"date": BREACH, "n": 8, "max_days_late": 30, "reinstated": comps(0, 0, PEN0, COMP0), "accelerated": False}
fixture("broken-breach-reinstated",
        "hand: plan row 5 (n 8, due 2024-09-15: 775.76 + 89.73 + 22.10 carried interest) unpaid: more than 30 days late on "
        "2024-09-15 + 31 = 2024-10-16, the breach: 罚息 43.20 and 复利 5.31 owed again from that day (bearing nothing). On "
        "2024-10-20 row 5 is 35 days late: 罚息 775.76 × 0.0005 × 35 = 13.5758 → 13.58, 复利 (89.73 + 22.10) × 0.0175 = 1.957 → 1.96; "
        "row 6 (due 10-15) 5 days: 783.52 × 0.0025 = 1.9588 → 1.96, (81.97 + 22.10) × 0.0025 = 0.2602 → 0.26; owed "
        f"principal 1,559.28, interest 215.90, 罚息 {t(pen5a + pen6a + PEN0)}, 复利 {t(comp5a + comp6a + COMP0)}; dpd 35 → 关注",
        {"op": "statement", "as_of": AS_B1, "loan": LOAN, "events": EVENTS_B},
        {"ok": True,
         "summary": {"status": "overdue", "dpd": 35, "class": "special_mention", "class_by_dpd": "special_mention",
                     "restructured": True, "total_due": owed_b1["total"]},
         "owed": owed_b1,
         # "as an item of their own … (reinstated in the statement, each component on its own line)"
         "reinstated": [{"plan": 1, "date": BREACH, "due": comps(0, 0, PEN0, 0), "outstanding": comps(0, 0, PEN0, 0)},
                        {"plan": 1, "date": BREACH, "due": comps(0, 0, 0, COMP0), "outstanding": comps(0, 0, 0, COMP0)}],
         "restructurings": [dict(ENTRY1, standing="broken", breach=BREACH_ENTRY, observation={"state": "restarted"})],
         "installments": {"[7]": {"plan": 1, "n": 8, "due_date": "2024-09-15", "status": "overdue", "days_past_due": 35,
                                  "due": comps(p5, CI5, pen5a, comp5a)},
                          "[8]": {"plan": 1, "n": 9, "due_date": "2024-10-15", "status": "overdue", "days_past_due": 5}},
         "workings": {"[-4]": {"plan": 1, "n": 8, "component": "penalty_interest", "base": "overdue_principal",
                               "segments": [{"from": "2024-09-16", "to": AS_B1, "days": 35, "base": t(p5), "rate": "0.18"}],
                               "amount": t(pen5a)},
                      "[-3]": {"plan": 1, "n": 8, "component": "compound_interest",
                               "segments": [{"from": "2024-09-16", "to": AS_B1, "days": 35, "base": t(CI5), "rate": "0.18"}],
                               "amount": t(comp5a)},
                      "[-2]": {"plan": 1, "n": 9, "component": "penalty_interest", "amount": t(pen6a)},
                      "[-1]": {"plan": 1, "n": 9, "component": "compound_interest", "amount": t(comp6a)}}})

# (b2) on 2024-10-25 everything owed that day is paid (row 5 40 days late, row 6 10 days late, the
# reinstated 48.51); row 7 (n 10, 2024-11-15) is paid on time; statement on 2024-11-20.
pen5, comp5 = r2(p5 * DAY * 40), r2(CI5 * DAY * 40)     # 15.5152 → 15.52; 2.2366 → 2.24
pen6, comp6 = r2(p6 * DAY * 10), r2(CI6 * DAY * 10)     # 3.9176 → 3.92; 0.52035 → 0.52
assert (pen5, comp5, pen6, comp6) == (F("15.52"), F("2.24"), F("3.92"), F("0.52"))
catch_up = PAY1[R5] + pen5 + comp5 + PAY1[R6] + pen6 + comp6 + WAIVED0
assert catch_up == F("1845.89"), catch_up
AS_B2 = "2024-11-20"
# Art. 20: "A payment not made on time and in full restarts it from the day it fell late (its due
# date + grace + 1)": row 5 fell late on 2024-09-16, row 6 on 2024-10-16 — the later restart holds:
# 2024-10-16 → + 1 year 2025-10-16 (later than + 2 periods, 2024-12-16).
fixture("broken-paid-40-days-late",
        "hand: plan row 5 (n 8, due 2024-09-15) paid on 2024-10-25, 40 days late (Sep 16 … Oct 25): 罚息 775.76 × 0.0005 × 40 = "
        "15.5152 → 15.52, 复利 (89.73 + 22.10 carried) × 0.02 = 2.2366 → 2.24; row 6 (due 10-15, necessarily late too: bank_default pays "
        "the oldest first) 10 days: 3.9176 → 3.92, 0.52035 → 0.52; breach 2024-10-16 (due + 31) reinstates 43.20 + 5.31; "
        "887.59 × 2 + 15.52 + 2.24 + 3.92 + 0.52 + 48.51 = 1,845.89 pays it all; row 7 on time. Art. 21: 关注 before → at least 关注 "
        "(class by DPD normal); Art. 20: restarted from the latest day a payment fell late, 2024-10-16",
        {"op": "statement", "as_of": AS_B2, "loan": LOAN,
         "events": EVENTS_B + [pay(PAID_LATE, catch_up), ON_TIME(6)]},
        {"ok": True,
         "summary": {"status": "current", "total_due": "0.00", "dpd": 0, "class": "special_mention",
                     "class_by_dpd": "normal", "class_rule": "art21_at_least_special_mention", "restructured": True},
         "owed": comps(),
         "reinstated": [{"plan": 1, "date": BREACH, "due": comps(0, 0, PEN0, 0), "paid": comps(0, 0, PEN0, 0),
                         "outstanding": comps()},
                        {"plan": 1, "date": BREACH, "due": comps(0, 0, 0, COMP0), "paid": comps(0, 0, 0, COMP0),
                         "outstanding": comps()}],
         "restructurings": [dict(ENTRY1, standing="broken", installments_due=7, paid_on_time=5, paid_late=2, missed=0,
                                 breach=BREACH_ENTRY,
                                 observation={"state": "restarted", "restarted_on": "2024-10-16",
                                              "start": "2024-10-16", "end": "2025-10-16"})],
         "installments": {"[7]": {"plan": 1, "n": 8, "status": "paid_late", "days_past_due": 40,
                                  "due": comps(p5, CI5, pen5, comp5), "outstanding": comps()},
                          "[8]": {"plan": 1, "n": 9, "status": "paid_late", "days_past_due": 10,
                                  "due": comps(p6, CI6, pen6, comp6)},
                          "[9]": {"plan": 1, "n": 10, "status": "paid"}},
         "workings": {"[-4]": {"plan": 1, "n": 8, "component": "penalty_interest", "base": "overdue_principal", "basis": 360,
                               "segments": [{"from": "2024-09-16", "to": PAID_LATE, "days": 40, "base": t(p5), "rate": "0.18",
                                             "amount": t6(p5 * DAY * 40)}],
                               "accrued": t6(p5 * DAY * 40), "amount": t(pen5)},
                      "[-3]": {"plan": 1, "n": 8, "component": "compound_interest", "basis": 360,
                               "segments": [{"from": "2024-09-16", "to": PAID_LATE, "days": 40, "base": t(CI5), "rate": "0.18",
                                             "amount": t6(CI5 * DAY * 40)}],
                               "accrued": t6(CI5 * DAY * 40), "amount": t(comp5)},
                      "[-2]": {"plan": 1, "n": 9, "component": "penalty_interest",
                               "segments": [{"from": "2024-10-16", "to": PAID_LATE, "days": 10, "base": t(p6)}],
                               "amount": t(pen6)},
                      "[-1]": {"plan": 1, "n": 9, "component": "compound_interest",
                               "segments": [{"from": "2024-10-16", "to": PAID_LATE, "days": 10, "base": t(CI6)}],
                               "amount": t(comp6)}}})

# (b3) the restart alone: row 5 paid 10 days late (within the 30 days: no breach), the rest on time.
pen5c, comp5c = r2(p5 * DAY * 10), r2(CI5 * DAY * 10)   # 3.8788 → 3.88; 0.55915 → 0.56
assert (pen5c, comp5c) == (F("3.88"), F("0.56"))
fixture("late-within-condition-restarts-observation",
        "hand: plan row 5 (n 8, due 2024-09-15) paid 2024-09-25 with 10 days of 罚息 775.76 × 0.005 = 3.8788 → 3.88 and 复利 "
        "111.83 × 0.005 = 0.55915 → 0.56 (887.59 + 4.44 = 892.03); 10 ≤ 30 days: no breach, the waivers stand; Art. 20: "
        "observation restarted on the day it fell late, 2024-09-16, to 2025-09-16; Art. 21: at least 关注",
        {"op": "statement", "as_of": "2024-10-20", "loan": LOAN,
         "events": EVENTS_B + [pay("2024-09-25", PAY1[R5] + pen5c + comp5c), ON_TIME(R6)]},
        {"ok": True,
         "summary": {"dpd": 0, "total_due": "0.00", "class": "special_mention", "class_by_dpd": "normal",
                     "class_rule": "art21_at_least_special_mention", "restructured": True},
         "restructurings": [dict(ENTRY1, standing="current", installments_due=6, paid_on_time=5, paid_late=1, missed=0,
                                 observation={"state": "restarted", "restarted_on": "2024-09-16",
                                              "start": "2024-09-16", "end": "2025-09-16"})],
         "installments": {"[7]": {"plan": 1, "n": 8, "status": "paid_late", "days_past_due": 10,
                                  "due": comps(p5, CI5, pen5c, comp5c)}}})

# =====================================================================
# 2(c). restructured again inside the observation period
# =====================================================================
# Plan rows 1–6 (2024-05-15 … 2024-10-15) paid on time; on 2024-11-15 (row 7, n 10, due that day,
# unpaid) a second agreement: extend 3, reamortize.
D2 = "2024-11-15"
assert DUE1[6] == D2
B6 = F(12000) - sum(p for p, _ in PLAN1[:6])
p7, I7 = PLAN1[6]
assert (B6, p7, I7) == (F("7413.74"), F("791.35"), F("74.14"))
CARRIED = sum(ARR1[6:])                                  # rows 7 … 15: 22.10 × 8 + 22.12
assert CARRIED == F("198.92")
# "A second agreement starts from everything the first still asks for: amounts it carried to
# installments not yet due are owed on the new date": claim = principal 7,413.74 (row 7's 791.35
# due, the rest to come), interest 74.14 (row 7) + 198.92 carried, nothing late, interest in
# progress (Nov 15 → Dec 15) 0 days.
INT2 = I7 + CARRIED
CLAIM2 = B6 + INT2
# extend 3: the 8 installments to come (n 11 … 18) + 3 = 11 (n 11 … 21, 2024-12-15 … 2025-10-15) on
# 7,413.74 at 1%; reamortize: 273.06 over 11 = 24.82 × 10 + 24.86. Art. 12: 6 + 3 ≤ 12.
N2 = 11
M2, PLAN2 = annuity(B6, i, N2)
ARR2 = spread(INT2, N2)
assert ARR2[0] == F("24.82") and ARR2[-1] == F("24.86")
DUE2 = [month(11 + k) for k in range(N2)]
assert DUE2[0] == "2024-12-15" and DUE2[-1] == "2025-10-15"
PAY2 = [p + I + a for (p, I), a in zip(PLAN2, ARR2)]
ACTIONS2 = [{"type": "extend", "periods": 3}, {"type": "reamortize"}]
EVENTS_C = [EVENT1] + [ON_TIME(k) for k in range(6)] + [{"type": "restructure", "date": D2, "actions": ACTIONS2}]
fixture("second-agreement-plan",
        f"hand: after 6 plan installments on time, on 2024-11-15 the first plan still asks for principal 7,413.74 (12,000 − "
        f"6 rows), row 7's interest 74.14 (due that day) and the 198.92 of interest carried to rows 7 … 15 (22.10 × 8 + 22.12): "
        f"claim {t(CLAIM2)}; extend 3: 7,413.74 over 8 + 3 = 11 at 1%: M = {t(M2)}, first interest 74.14; reamortize 273.06 "
        f"over 11 = 24.82 × 10 + 24.86; observation end 2024-12-15 + 1 year",
        {"op": "restructure", "date": D2, "loan": LOAN, "events": EVENTS_C[:-1], "actions": ACTIONS2},
        {"ok": True,
         "before": {"dpd": 0, "claim": comps(B6, INT2)},
         "waived": comps(),
         "summary": {"payment": t(PAY2[0]), "installment_count": 11, "first_due_date": "2024-12-15",
                     "maturity_date": "2025-10-15", "observation_end": "2025-12-15"},
         "installments": {"[0]": {"n": 11, "due_date": "2024-12-15", "principal": t(PLAN2[0][0]), "interest": t(PLAN2[0][1]),
                                  "arrears": t(ARR2[0]), "payment": t(PAY2[0])},
                          "[-1]": {"n": 21, "due_date": "2025-10-15", "principal": t(PLAN2[-1][0]),
                                   "interest": t(PLAN2[-1][1]), "arrears": t(ARR2[-1]), "payment": t(PAY2[-1])}}})
ENTRY2 = {"plan": 2, "event": 7, "date": D2, "actions": ["extend", "reamortize"], "dpd_before": 0,
          "class_before": "special_mention", "restructured_again": True, "installments": 11,
          "first_due_date": "2024-12-15", "maturity_date": "2025-10-15", "rate": "0.12",
          "observation": {"start": "2024-12-15", "end": "2025-12-15", "state": "in_observation"}}
for rules, cls in [(None, "substandard"), ("draft_2019", "doubtful")]:
    req = {"op": "statement", "as_of": "2024-11-20", "loan": LOAN, "events": EVENTS_C}
    if rules:
        req["restructured_rules"] = rules
    fixture("restructured-again" + ("-draft-2019" if rules else ""),
            "risk classification rules Art. 22: restructured again (2024-11-15) inside the first plan's observation period "
            "(2024-05-15 → 2025-05-15) → at least " + ("可疑 by the 2019 draft (\"至少归为可疑类\")" if rules else "次级 (final 2023 text)")
            + "; dpd 0 (nothing due since) → normal by DPD; the second plan's observation runs from its first due date "
            "2024-12-15 to 2025-12-15; class_before 关注 (Art. 21 during the first observation)",
            req,
            {"ok": True,
             "summary": {"dpd": 0, "class": cls, "class_by_dpd": "normal", "class_rule": "art22_restructured_again",
                         "restructured": True},
             "restructurings": [{"plan": 1, "restructured_again": False, "superseded_on": D2}, ENTRY2]})

# =====================================================================
# 3. re_age
# =====================================================================
# Nothing paid until 2024-03-20: installment 1 is 34 days late, installment 2 5 days.
#  罚息 946.19 × 0.0005 × 34 = 16.08523 → 16.09, 955.65 × 0.0025 = 2.389125 → 2.39
#  复利 120.00 × 0.017 = 2.04, 110.54 × 0.0025 = 0.27635 → 0.28
# re_age 2: all of it (principal 1,901.84, interest 230.54, 罚息 18.48, 复利 2.32 = 2,153.18) to two
# installments after the last (2025-01-15): 2025-02-15 (n 13) and 2025-03-15 (n 14), split evenly
# (1,076.59 each: principal 950.92, the rest 125.67), no interest. Installments 3 … 12 are the
# contract's as they were (1,066.19; the last 1,066.14).
# Which components the rest of each row holds: README "What the plan carries": "A plan row's
# arrears are split back into the components they came from (…, in the order the loan's allocation
# pays them, earliest row first)" — bank_default pays fees, 违约金, 复利, 罚息, interest: row 13's
# 125.67 is 复利 2.32 + 罚息 18.48 + interest 104.87; row 14's is interest 125.67.
# (A first derivation split every component in half — 115.27 / 9.24 / 1.16 — overlooking this rule.)
DR = "2024-03-20"
pr1, cr1 = r2(ROWS[0][0] * DAY * 34), r2(ROWS[0][1] * DAY * 34)
pr2, cr2 = r2(ROWS[1][0] * DAY * 5), r2(ROWS[1][1] * DAY * 5)
assert (pr1, cr1, pr2, cr2) == (F("16.09"), F("2.04"), F("2.39"), F("0.28"))
RA_P, RA_I, RA_PEN, RA_COMP = ROWS[0][0] + ROWS[1][0], ROWS[0][1] + ROWS[1][1], pr1 + pr2, cr1 + cr2
RA_P13, RA_P14 = spread(RA_P, 2)
REST13, REST14 = spread(RA_I + RA_PEN + RA_COMP, 2)
assert (RA_P13, RA_P14, REST13, REST14) == (F("950.92"), F("950.92"), F("125.67"), F("125.67"))
# row 13: 复利, then 罚息, then interest
C13 = RA_COMP
P13 = RA_PEN
I13 = REST13 - C13 - P13
I14 = REST14
assert (C13, P13, I13, I14) == (F("2.32"), F("18.48"), F("104.87"), F("125.67"))
ROW13 = RA_P13 + REST13
assert ROW13 == F("1076.59")
# The restructure op for the same re-age: the interest of installment 3's period (Mar 15 → Apr 15)
# up to the date, 10,098.16 × 1% × 5/31 = 16.2874 → 16.29, is in the claim and stays inside
# installment 3's interest (interest_kept).
ACC3 = r2(F("10098.16") * i * 5 / 31)
assert ACC3 == F("16.29")
CLAIM_R = F(12000) + RA_I + ACC3 + RA_PEN + RA_COMP
DEBT_R = F(12000) + (REST13 + REST14) + ACC3
assert CLAIM_R == DEBT_R == F("12267.63")
INT_R = sum(I for _, I in ROWS[2:])
fixture("re-age-plan",
        "hand: on 2024-03-20 (nothing paid) installment 1 is 34 days late (罚息 16.09, 复利 2.04), installment 2 5 days (2.39, 0.28); "
        "claim 12,000 + interest 230.54 + 16.29 accrued (10,098.16 × 1% × 5/31) + 18.48 + 2.32 = 12,267.63; re_age 2: the 2,153.18 due "
        "to 2025-02-15 and 2025-03-15, 1,076.59 each (principal 950.92 + 125.67 other arrears), no interest; installments 3–12 unchanged",
        {"op": "restructure", "date": DR, "loan": LOAN, "actions": [{"type": "re_age", "installments": 2}]},
        {"ok": True,
         "before": {"dpd": 34, "claim": comps(12000, RA_I + ACC3, RA_PEN, RA_COMP)},
         "summary": {"installment_count": 12, "first_due_date": "2024-04-15", "maturity_date": "2025-03-15"},
         "reconciliation": {"claim": t(CLAIM_R), "waived": "0.00", "debt": t(DEBT_R), "interest_kept": t(ACC3),
                            "capitalized": "0.00", "new_interest": t(INT_R - ACC3), "total_to_pay": t(DEBT_R + INT_R - ACC3)},
         "installments": {"[0]": {"n": 3, "due_date": "2024-04-15", "principal": "965.21", "interest": "100.98",
                                  "arrears": "0.00", "payment": "1066.19"},
                          "[-2]": {"n": 13, "due_date": "2025-02-15", "principal": t(RA_P13), "interest": "0.00",
                                   "arrears": t(REST13), "payment": t(ROW13)},
                          "[-1]": {"n": 14, "due_date": "2025-03-15", "principal": t(RA_P14), "interest": "0.00",
                                   "arrears": t(REST14), "payment": t(RA_P14 + REST14)}}})
RE_AGE = {"type": "restructure", "date": DR, "actions": [{"type": "re_age", "installments": 2}]}
CONTRACT_PAY = [pay(month(k), "1066.19") for k in range(3, 12)] + [pay(month(12), "1066.14")]
fixture("re-age-before-new-dates",
        "hand: installments 1–2 (from 2024-02-15, 2024-03-15) re-aged on 2024-03-20 into 2025-02-15 and 2025-03-15; installments "
        "3–5 paid on time; on 2024-06-20 nothing is past its (new) due date: dpd 0; contractual_dpd from 2024-02-15: "
        "14 + 31 + 30 + 31 + 20 = 126",
        {"op": "statement", "as_of": "2024-06-20", "loan": LOAN, "events": [RE_AGE] + CONTRACT_PAY[:3]},
        {"ok": True, "summary": {"dpd": 0, "contractual_dpd": days("2024-02-15", "2024-06-20"), "total_due": "0.00"}})
assert days("2024-02-15", "2024-06-20") == 126
pen13, comp13 = r2(RA_P13 * DAY * 10), r2(I13 * DAY * 10)   # 4.7546 → 4.75; 0.52435 → 0.52
assert (pen13, comp13) == (F("4.75"), F("0.52"))
owed13 = comps(RA_P13, I13, P13 + pen13, C13 + comp13)
assert owed13["total"] == "1081.86"
fixture("re-age-first-new-installment-late",
        "hand: installments 3–12 paid on time; re-aged installment n 13 (2025-02-15: principal 950.92, carried 复利 2.32, 罚息 18.48 and "
        "interest 104.87 — its 125.67 of arrears split back in bank_default's order) unpaid on 2025-02-25: dpd 10 from its new date; "
        "contractual_dpd from 2024-02-15 = 376; it bears 罚息 950.92 × 0.0005 × 10 = 4.7546 → 4.75 and 复利 on its interest "
        "104.87 × 0.005 = 0.52435 → 0.52 (carried 罚息/复利 bear nothing): owed 950.92 + 104.87 + 23.23 + 2.84 = 1,081.86",
        {"op": "statement", "as_of": "2025-02-25", "loan": LOAN, "events": [RE_AGE] + CONTRACT_PAY},
        {"ok": True,
         "summary": {"status": "overdue", "dpd": 10, "contractual_dpd": days("2024-02-15", "2025-02-25"),
                     "total_due": owed13["total"]},
         "owed": owed13})
assert days("2024-02-15", "2025-02-25") == 376
fixture("re-age-second-new-installment-late",
        "hand: re-aged n 13 paid on 2025-02-15 (1,076.59), n 14 (2025-03-15) unpaid on 2025-03-20: dpd 5 from its new date; "
        "a re-aged installment is still unpaid, so contractual_dpd counts from the oldest original due date, 2024-02-15: 399",
        {"op": "statement", "as_of": "2025-03-20", "loan": LOAN,
         "events": [RE_AGE] + CONTRACT_PAY + [pay("2025-02-15", ROW13)]},
        {"ok": True, "summary": {"dpd": 5, "contractual_dpd": days("2024-02-15", "2025-03-20")}})
assert days("2024-02-15", "2025-03-20") == 399

# =====================================================================
# 4. errors
# =====================================================================
fixture("error-rate-change-after-restructure",
        "README (A loan's life: not replayed after a restructuring): a rate_change event after a restructure event is an error "
        "at the event's path, exit 2",
        {"op": "statement", "as_of": "2024-07-01", "loan": LOAN,
         "events": [EVENT1, {"type": "rate_change", "date": "2024-06-01", "rate": "6%"}]},
        {"ok": False, "error": {"code": "invalid_value", "path": "$.events[1].rate"}})
COND60 = [dict(ACTIONS[0]), dict(ACTIONS[1], condition={"max_days_late": 60})] + ACTIONS[2:]
fixture("error-two-conditions",
        "README (Conditional waivers): all conditional waivers of one agreement share one condition: 30 then 60 is an error "
        "at the second waiver's condition, exit 2",
        {"op": "restructure", "date": D0, "loan": LOAN, "actions": COND60},
        {"ok": False, "error": {"code": "invalid_value", "path": "$.actions[1].condition.max_days_late"}})
fixture("error-two-conditions-in-event",
        "README (Conditional waivers): the same agreement as a restructure event: the error at the event's action's path",
        {"op": "statement", "as_of": "2024-05-01", "loan": LOAN,
         "events": [{"type": "restructure", "date": D0, "actions": COND60}]},
        {"ok": False, "error": {"code": "invalid_value", "path": "$.events[0].actions[1].condition.max_days_late"}})

for folder, items in out.items():
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    for name, source, request, expected in items:
        with open(os.path.join(path, f"{name}.json"), "w") as f:
            json.dump({"name": name, "source": source, "request": request, "expected": expected},
                      f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"{len(items)} cases written to {os.path.normpath(path)}")
