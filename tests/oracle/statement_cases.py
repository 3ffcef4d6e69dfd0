#!/usr/bin/env python3
"""Writes fixtures/statement/*.json and fixtures/restructure/*.json: each
scenario's expected numbers worked out here step by step with exact
fractions, from the rules in README.md (Statements, Restructuring) and the
examples in DOMAIN.md — scenario by scenario, not by a general engine, and
never by running repay.

usage: python3 tests/oracle/statement_cases.py
"""
import datetime
import json
import os
from fractions import Fraction as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures")


def r2(x):
    """half_up to the fen"""
    q = x * 100
    n = q.numerator // q.denominator
    if q - n >= F(1, 2):
        n += 1
    return F(n, 100)


def t(x):
    """decimal text with two places"""
    x = r2(F(x)) if F(x) * 100 != int(F(x) * 100) else F(x)
    n = int(x * 100)
    s = "-" if n < 0 else ""
    n = abs(n)
    return f"{s}{n // 100}.{n % 100:02d}"


def days(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def annuity(P, annual, n):
    """rows (principal, interest) of an annuity by the README's rules"""
    i = F(annual) / 12
    g = (1 + i) ** n
    M = r2(P * i * g / (g - 1))
    rows, B = [], P
    for k in range(n):
        I = r2(B * i)
        p = B if k == n - 1 else M - I
        rows.append((p, I))
        B -= p
    return M, rows


LOAN = {"principal": "12000", "rate": "12%", "term": 12, "start_date": "2024-01-15"}
M, ROWS = annuity(F(12000), "0.12", 12)  # 1066.19; rows (946.19, 120.00), (955.65, 110.54) …
assert M == F("1066.19") and ROWS[0] == (F("946.19"), F(120))
DUES = ["2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "2024-06-15", "2024-07-15",
        "2024-08-15", "2024-09-15", "2024-10-15", "2024-11-15", "2024-12-15", "2025-01-15"]
PEN = F("0.18") / 360  # 12% × 1.5 a year, per day
pay = lambda d, a: {"type": "payment", "date": d, "amount": a}
out = {}


def fixture(folder, name, source, request, expected):
    out.setdefault(folder, []).append((name, source, request, expected))


# ---- statements ------------------------------------------------------------

# DOMAIN.md: installment 1 of the mortgage paid 30 days late
P1, I1 = F("1223.94"), F("4083.33")
pen = r2(P1 * F("0.0735") / 360 * 30)
comp = r2(I1 * F("0.0735") / 360 * 30)
assert (pen, comp, P1 + I1 + pen + comp) == (F("7.50"), F("25.01"), F("5339.78"))
fixture("statement", "domain-30-days-late",
        "DOMAIN.md: 1,223.94 × 7.35% / 360 × 30 = 7.50 (罚息), 4,083.33 × 7.35% / 360 × 30 = 25.01 (复利); 5,339.78 settles installment 1",
        {"op": "statement", "as_of": "2024-03-16",
         "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360, "start_date": "2024-01-15"},
         "events": [pay("2024-03-16", "5339.78")]},
        {"ok": True, "workings": {"[0]": {"n": 1, "component": "penalty_interest", "amount": "7.50"},
                                  "[1]": {"n": 1, "component": "compound_interest", "amount": "25.01"}},
         "installments": {"[0]": {"status": "paid_late", "days_past_due": 30,
                                  "outstanding": {"total": "0.00"}}}})

# no arrears: every installment paid on its due date
fixture("statement", "no-arrears",
        "hand: three installments of 1,066.19 paid on their due dates leave nothing due; installment 4 not due",
        {"op": "statement", "as_of": "2024-05-01", "loan": LOAN,
         "events": [pay(d, "1066.19") for d in DUES[:3]]},
        {"ok": True, "summary": {"status": "current", "total_due": "0.00", "dpd": 0, "bucket": "M0", "class": "normal"},
         "installments": {"[0]": {"status": "paid"}, "[3]": {"status": "not_due"}}})

# paid off: all 12 paid on time
fixture("statement", "paid-off",
        "hand: 11 × 1,066.19 and the last installment (1055.58 + 10.56 = 1,066.14) paid on time: nothing left",
        {"op": "statement", "as_of": "2025-02-01", "loan": LOAN,
         "events": [pay(d, "1066.19") for d in DUES[:11]] + [pay(DUES[11], "1066.14")]},
        {"ok": True, "summary": {"status": "paid_off", "payoff": "0.00", "total_due": "0.00"}})

# posting carries the residue
p1 = r2(ROWS[0][0] * PEN * 2)  # Feb 16–17
c1 = r2(ROWS[0][1] * PEN * 2)
p_all = r2(ROWS[0][0] * PEN * 6)
assert (p1, c1, p_all) == (F("0.95"), F("0.12"), F("2.84"))
fixture("statement", "posting-cumulative-residue",
        "hand: 946.19 × 0.18/360 a day; posted as the rounded cumulative: Feb 17 0.95, Feb 19 1.89 (0.94619 × 2 = 1.89238), Feb 21 2.84 (2.83857) — not 3 × 0.95; 1.00 paid twice to 复利 then 罚息",
        {"op": "statement", "as_of": "2024-02-21", "loan": LOAN,
         "events": [pay("2024-02-17", "1.00"), pay("2024-02-19", "1.00")]},
        {"ok": True, "owed": {"penalty_interest": "1.08", "compound_interest": "0.12", "total": "1067.39"},
         "installments": {"[0]": {"due": {"penalty_interest": "2.84", "compound_interest": "0.36"},
                                  "paid": {"penalty_interest": "1.76", "compound_interest": "0.24"}}}})

# grace: inside and outside, counting back or not
g = {"grace_days": 3}
fixture("statement", "grace-paid-inside",
        "hand: grace 3 days; paid in full on Feb 18 (due + 3): on time, no penalty",
        {"op": "statement", "as_of": "2024-02-20", "loan": dict(LOAN, overdue=g),
         "events": [pay("2024-02-18", "1066.19")]},
        {"ok": True, "summary": {"total_due": "0.00"}, "workings": [],
         "installments": {"[0]": {"status": "paid"}}})
pb = r2(ROWS[0][0] * PEN * 4)
cb = r2(ROWS[0][1] * PEN * 4)
fixture("statement", "grace-paid-after-counts-back",
        f"hand: paid Feb 19, a day after grace: 4 days counted back from the due date, 罚息 946.19 × 0.0005 × 4 = {t(pb)}, 复利 120 × 0.0005 × 4 = {t(cb)}; 1,066.19 leaves 2.13 of principal",
        {"op": "statement", "as_of": "2024-02-20", "loan": dict(LOAN, overdue=g),
         "events": [pay("2024-02-19", "1066.19")]},
        {"ok": True, "owed": {"principal": "2.13"},
         "installments": {"[0]": {"status": "partly_paid", "due": {"penalty_interest": t(pb), "compound_interest": t(cb)}}}})
fixture("statement", "grace-paid-after-no-count-back",
        "hand: grace_counts_back false: only Feb 19: 罚息 0.473095 → 0.47, 复利 0.06; 0.53 of principal left",
        {"op": "statement", "as_of": "2024-02-20",
         "loan": dict(LOAN, overdue={"grace_days": 3, "grace_counts_back": False}),
         "events": [pay("2024-02-19", "1066.19")]},
        {"ok": True, "owed": {"principal": "0.53"},
         "installments": {"[0]": {"due": {"penalty_interest": "0.47", "compound_interest": "0.06"}}}})

# late fees on a 0% loan: no penalty, 5% of 100 = 5 → floor 10, monthly
Z = {"principal": "1200", "rate": "0", "term": 12, "start_date": "2024-01-15"}
fixture("statement", "late-fee-floor-monthly",
        "hand: installments of 100.00 at 0%; 违约金 5% × 100 = 5.00 raised to the 10.00 floor, charged the day after each due date and monthly while unpaid: installment 1 on Feb 16 and Mar 16, installment 2 on Mar 16 = 30.00",
        {"op": "statement", "as_of": "2024-03-20",
         "loan": dict(Z, overdue={"late_fee": {"rate": "5%", "floor": "10", "frequency": "monthly"}})},
        {"ok": True, "owed": {"late_fees": "30.00", "penalty_interest": "0.00", "total": "230.00"},
         "installments": {"[0]": {"due": {"late_fees": "20.00"}}, "[1]": {"due": {"late_fees": "10.00"}}}})
fixture("statement", "late-fee-total-cap",
        "hand: as late-fee-floor-monthly with total_cap 25: 10 + 10, then 5 (cut to the cap)",
        {"op": "statement", "as_of": "2024-03-20",
         "loan": dict(Z, overdue={"late_fee": {"rate": "5%", "floor": "10", "frequency": "monthly", "total_cap": "25"}})},
        {"ok": True, "owed": {"late_fees": "25.00"}})
fixture("statement", "late-fee-minimum-payment",
        "hand: minimum payment 10% of 100.00 = 10.00; 4.00 paid leaves 6.00 of it: 5% × 6.00 = 0.30",
        {"op": "statement", "as_of": "2024-02-20",
         "loan": dict(Z, overdue={"late_fee": {"rate": "5%", "base": "minimum_payment", "minimum_payment": "10%"}}),
         "events": [pay("2024-02-15", "4.00")]},
        {"ok": True, "installments": {"[0]": {"due": {"late_fees": "0.30"}}}})

# penalty bases and explicit rates
fixture("statement", "penalty-base-installment",
        "hand: (946.19 + 120) × 0.0005 × 6 days = 3.19857 → 3.20, no 复利",
        {"op": "statement", "as_of": "2024-02-21",
         "loan": dict(LOAN, overdue={"penalty_base": "overdue_installment", "compound": False})},
        {"ok": True, "owed": {"penalty_interest": "3.20", "compound_interest": "0.00"}})
fixture("statement", "penalty-base-outstanding",
        "hand: all 12,000 of principal × 0.0005 × 6 days = 36.00; 复利 120 × 0.003 = 0.36",
        {"op": "statement", "as_of": "2024-02-21",
         "loan": dict(LOAN, overdue={"penalty_base": "outstanding_principal"})},
        {"ok": True, "owed": {"penalty_interest": "36.00", "compound_interest": "0.36"}})
fixture("statement", "explicit-penalty-rate-365",
        "hand: 36.5% on a 365-day basis = 0.1% a day: 946.19 × 0.001 × 6 = 5.67714 → 5.68",
        {"op": "statement", "as_of": "2024-02-21",
         "loan": dict(LOAN, overdue={"penalty_rate": "36.5%", "daily_basis": 365, "compound": False})},
        {"ok": True, "owed": {"penalty_interest": "5.68"}, "summary": {"penalty_rate": "0.365"}})
fixture("statement", "leap-day",
        "hand: due 2024-02-15, unpaid to 2024-03-01: Feb 16 … Feb 29 (14 days) + Mar 1 = 15 days; 946.19 × 0.0005 × 15 = 7.096425 → 7.10",
        {"op": "statement", "as_of": "2024-03-01", "loan": LOAN},
        {"ok": True, "summary": {"dpd": 15}, "owed": {"penalty_interest": "7.10"}})
fixture("statement", "penalty-follows-rate-change",
        "hand: penalty 18% until Feb 29, then 6% × 1.5 = 9% from Mar 1: 946.19 × (0.18 × 14 + 0.09 × 5) / 360 = 7.806068 → 7.81",
        {"op": "statement", "as_of": "2024-03-05", "loan": dict(LOAN, overdue={"compound": False}),
         "events": [{"type": "rate_change", "date": "2024-03-01", "rate": "6%"}]},
        {"ok": True, "owed": {"penalty_interest": "7.81"}, "summary": {"penalty_rate": "0.09"}})

# allocation orders
pen29, comp29 = r2(ROWS[0][0] * PEN * 29), r2(ROWS[0][1] * PEN * 29)
assert (pen29, comp29) == (F("13.72"), F("1.74"))
for name, alloc, applied in [
    ("allocation-bank-default", "bank_default",
     [{"n": 1, "component": "compound_interest", "amount": "1.74"}, {"n": 1, "component": "penalty_interest", "amount": "13.72"},
      {"n": 1, "component": "interest", "amount": "120.00"}, {"n": 1, "component": "principal", "amount": "164.54"}]),
    ("allocation-statutory", "statutory",
     [{"n": 1, "component": "compound_interest", "amount": "1.74"}, {"n": 1, "component": "penalty_interest", "amount": "13.72"},
      {"n": 1, "component": "interest", "amount": "120.00"}, {"n": 2, "component": "interest", "amount": "110.54"},
      {"n": 1, "component": "principal", "amount": "54.00"}]),
    ("allocation-principal-first", "principal_first", [{"n": 1, "component": "principal", "amount": "300.00"}]),
]:
    fixture("statement", name,
            "hand: on Mar 15 installment 1 is 29 days late (罚息 946.19 × 0.0005 × 29 = 13.72, 复利 1.74) and installment 2 due; 300.00 goes "
            + {"bank_default": "oldest first: 1.74, 13.72, 120.00, then 164.54 of principal 1",
               "statutory": "民法典 Art. 561 component by component: 1.74, 13.72, interest 120.00 and 110.54, then 54.00 of principal 1",
               "principal_first": "all to principal 1"}[alloc],
            {"op": "statement", "as_of": "2024-03-15", "loan": dict(LOAN, allocation=alloc),
             "events": [pay("2024-03-15", "300")]},
            {"ok": True, "allocations": [{"event": 0, "amount": "300.00", "applied": applied, "to_credit": "0.00"}]})
fixture("statement", "domain-statutory-example",
        "DOMAIN.md (statutory): owed fees 50, interest 300, principal 5,000; 1,000 pays 50, 300, then 650; 4,350 remains (a bullet of 5,000 at 6% for 12 months, the fee and payment on its due date)",
        {"op": "statement", "as_of": "2025-01-01",
         "loan": {"principal": "5000", "rate": "6%", "term": 12, "method": "bullet", "start_date": "2024-01-01", "allocation": "statutory"},
         "events": [{"type": "fee", "date": "2025-01-01", "amount": "50", "kind": "collection"}, pay("2025-01-01", "1000")]},
        {"ok": True, "owed": {"principal": "4350.00", "total": "4350.00"},
         "allocations": [{"applied": [{"fee_event": 0, "component": "fees", "amount": "50.00"},
                                      {"n": 1, "component": "interest", "amount": "300.00"},
                                      {"n": 1, "component": "principal", "amount": "650.00"}]}]})
fixture("statement", "overpayment-credit",
        "hand: 1,166.19 on Feb 15 pays installment 1 and leaves 100.00 of credit, used on Mar 15 for installment 2: 966.19 still due",
        {"op": "statement", "as_of": "2024-03-15", "loan": LOAN, "events": [pay("2024-02-15", "1166.19")]},
        {"ok": True, "summary": {"total_due": "966.19", "credit": "0.00"},
         "allocations": {"[0]": {"to_credit": "100.00"}, "[1]": {"source": "credit", "amount": "100.00", "date": "2024-03-15"}}})
fixture("statement", "overpayment-lower-payment",
        "hand: 3,066.19 on Mar 15 after two on-time payments: 2,000 prepays; installment 3's interest 10,098.16 × 1% − 2,000 × 1% = 80.98; the last 9 on 7,132.95 at 1%: Gnumeric PMT(0.01, 9, −7132.95) = 832.703 → 832.70",
        {"op": "statement", "as_of": "2024-03-20", "loan": dict(LOAN, overpayment="lower_payment"),
         "events": [pay("2024-02-15", "1066.19"), pay("2024-03-15", "3066.19")]},
        {"ok": True, "summary": {"prepaid": "2000.00"},
         "installments": {"[2]": {"due": {"interest": "80.98"}}, "[3]": {"due": {"total": "832.70"}}}})
fixture("statement", "acceleration",
        "hand: accelerated May 25 with only installment 1 paid: installment 5 (May 15 → Jun 15) carries 8,158.09 × 1% × 10/31 = 26.32 of interest; all 11,053.81 of principal is due",
        {"op": "statement", "as_of": "2024-05-26", "loan": LOAN,
         "events": [pay("2024-02-15", "1066.19"), {"type": "acceleration", "date": "2024-05-25"}]},
        {"ok": True, "owed": {"principal": "11053.81"},
         "installments": {"[4]": {"due": {"interest": "26.32"}, "accelerated": True}, "[5]": {"due_date": "2024-05-25", "accelerated": True}}})

# the five tiers at their boundaries (0% loan, installment 1 never paid)
for dpd, cls, bucket, date in [(90, "special_mention", "M3", "2024-05-15"), (91, "substandard", "M4", "2024-05-16"),
                               (270, "substandard", "M7+", "2024-11-11"), (271, "doubtful", "M7+", "2024-11-12"),
                               (360, "doubtful", "M7+", "2025-02-09"), (361, "loss", "M7+", "2025-02-10")]:
    assert days("2024-02-15", date) == dpd
    fixture("statement", f"class-2023-dpd-{dpd}",
            f"2023 risk classification rules as in DOMAIN.md: {dpd} days past due (2024-02-15 → {date}) → at least {cls}; bucket {bucket} (30-day buckets, M7+ beyond 180)",
            {"op": "statement", "as_of": date, "loan": Z},
            {"ok": True, "summary": {"dpd": dpd, "class": cls, "bucket": bucket}})
for dpd, cls in [(120, "substandard"), (121, "doubtful"), (180, "doubtful"), (181, "loss")]:
    date = (datetime.date(2024, 2, 15) + datetime.timedelta(days=dpd)).isoformat()
    fixture("statement", f"class-card-dpd-{dpd}",
            f"credit-card rules (2011) as in DOMAIN.md: 关注 1–90, 次级 91–120, 可疑 121–180, 损失 > 180: {dpd} days → {cls}",
            {"op": "statement", "as_of": date, "classification": "credit_card", "loan": Z},
            {"ok": True, "summary": {"dpd": dpd, "class": cls}})

# ---- restructuring ---------------------------------------------------------
# position B: five paid, installment 6 (due 2024-07-15) five days late on 2024-07-20
EV5 = [pay(d, "1066.19") for d in DUES[:5]]
P6, I6 = ROWS[5]
acc = r2(ROWS[6][1] * F(5, 31))  # installment 7's interest, Jul 15 → Aug 15, 5 days of 31
claim = sum(p for p, _ in ROWS[5:]) + I6 + acc + r2(P6 * PEN * 5) + r2(I6 * PEN * 5)
assert claim == F("7257.85"), claim
settle = r2(claim * F("0.8"))
fixture("restructure", "settle-20pct-off",
        f"hand: claim {t(claim)} (principal 7,173.48, interest 71.73 + {t(acc)} accrued, 罚息 2.49, 复利 0.18); 20% off: {t(settle)} today; the rest waived in the order 复利, 罚息, interest, principal",
        {"op": "restructure", "date": "2024-07-20", "loan": LOAN, "events": EV5,
         "actions": [{"type": "settle", "discount": "20%"}]},
        {"ok": True, "before": {"claim": {"total": t(claim)}},
         "summary": {"total_to_pay": t(settle), "pv": t(settle), "concession": t(claim - settle)},
         "waived": {"compound_interest": "0.18", "penalty_interest": "2.49", "interest": t(I6 + acc),
                    "principal": t(claim - settle - F("2.67") - I6 - acc)}})
fixture("restructure", "freeze-12-with-down-payment",
        "hand: freeze principal and interest (7,255.18), 罚息 and 复利 waived (2.67); 1,000 down takes the interest 81.70, then 918.30 of principal; 6,255.18 in 12: 521.26 × 11 + 521.32 from 2024-08-20",
        {"op": "restructure", "date": "2024-07-20", "loan": LOAN, "events": EV5,
         "actions": [{"type": "freeze", "installments": 12, "down_payment": "1000"}]},
        {"ok": True, "waived": {"total": "2.67"},
         "installments": {"[0]": {"n": 0, "payment": "1000.00", "arrears": "81.70"},
                          "[1]": {"n": 1, "due_date": "2024-08-20", "payment": "521.26"},
                          "[-1]": {"payment": "521.32"}},
         "summary": {"observation_end": "2025-08-20", "annual_rate": "0"}})
EV6 = [pay(d, "1066.19") for d in DUES[:6]]
fixture("restructure", "extend-6",
        "hand + Gnumeric PMT(0.01, 12, −6179.02) = 548.998 → 549.00: six paid on time, extended by 6 on 2024-07-15",
        {"op": "restructure", "date": "2024-07-15", "loan": LOAN, "events": EV6, "actions": [{"type": "extend", "periods": 6}]},
        {"ok": True, "summary": {"payment": "549.00", "installment_count": 12, "maturity_date": "2025-07-15",
                                 "observation_end": "2025-08-15"}})
fixture("restructure", "extend-art12-strict",
        "《贷款通则》 Art. 12: a 12-month loan may be extended by at most 12 months; 13 with strict is an error",
        {"op": "restructure", "date": "2024-07-15", "loan": LOAN, "events": EV6,
         "actions": [{"type": "extend", "periods": 13, "strict": True}]},
        {"ok": False, "error": {"code": "invalid_value", "path": "$.actions[0]"}})
fixture("restructure", "defer-3-accrue",
        "hand: deferring 3 periods: 6,179.02 × 12% × 3/12 = 185.37 of interest with the first installment after it: 61.79 + 185.37 = 247.16, due 2024-11-15",
        {"op": "restructure", "date": "2024-07-15", "loan": LOAN, "events": EV6,
         "actions": [{"type": "defer", "installments": 3}]},
        {"ok": True, "installments": {"[0]": {"n": 10, "due_date": "2024-11-15", "interest": "247.16"}}})
fixture("restructure", "freeze-61-card",
        "credit-card rules Art. 70: a card debt may be split into at most 60 installments",
        {"op": "restructure", "date": "2024-07-20", "loan": LOAN, "events": EV5,
         "actions": [{"type": "freeze", "installments": 61, "card": True}]},
        {"ok": False, "error": {"code": "invalid_value", "path": "$.actions[0].installments"}})
fixture("solve", "smallest-waiver-freeze-500x12",
        "hand: what is left, X, is paid as 11 × ⌊X/12⌋ and the rest last; X = 5,999.78 gives a last of 500.00, X = 5,999.79 of 500.01: waive 7,257.85 − 5,999.78 = 1,258.07",
        {"op": "solve", "date": "2024-07-20", "loan": LOAN, "events": EV5,
         "goal": {"type": "smallest_waiver", "capacity": "500", "term": 12}},
        {"ok": True, "feasible": True, "answer": {"waiver": "1258.07", "largest_payment": "500.00"},
         "next_better_fails": {"waiver": "1258.06", "largest_payment": "500.01"}})
fixture("solve", "max-discount-75pct",
        "hand: a lump sum today is worth itself: the smallest settlement with recovery ≥ 75% is ⌈0.75 × 7,257.85⌉ = 5,443.39",
        {"op": "solve", "date": "2024-07-20", "loan": LOAN, "events": EV5,
         "goal": {"type": "max_discount", "min_recovery": "75%"}},
        {"ok": True, "feasible": True, "answer": {"settlement": "5443.39", "discount": "1814.46"}})

# ---- grace: not late until it ends (README: dpd) -----------------------------
fixture("statement", "grace-not-late-inside",
        "README (dpd): an installment inside its grace days is due, not late: due 2024-02-15, 3 grace days, "
        "unpaid on 2024-02-17 — status due, dpd 0, M0, 正常",
        {"op": "statement", "as_of": "2024-02-17", "loan": dict(LOAN, overdue=g)},
        {"ok": True, "summary": {"status": "due", "dpd": 0, "bucket": "M0", "class": "normal"},
         "installments": {"[0]": {"status": "due", "days_past_due": 0}}})
fixture("statement", "grace-late-after-it-ends",
        "README (dpd): unpaid when grace ends (2024-02-18), the installment is 4 days past due on 2024-02-19, "
        "counted from its due date 2024-02-15: M1, 关注",
        {"op": "statement", "as_of": "2024-02-19", "loan": dict(LOAN, overdue=g)},
        {"ok": True, "summary": {"status": "overdue", "dpd": 4, "bucket": "M1", "class": "special_mention"},
         "installments": {"[0]": {"status": "overdue", "days_past_due": 4}}})

# ---- a single day's working names the day ---------------------------------------
# the mortgage's installment 2: principal 5,307.27 − r2(998,776.06 × 4.9%/12) = 5,307.27 − 4,078.34
P2 = F("5307.27") - r2(F("998776.06") * F("0.049") / 12)
assert P2 == F("1228.93") and r2(P2 * F("0.0735") / 360) == F("0.25")
fixture("statement", "working-one-day",
        "hand: installment 2 of DOMAIN.md's mortgage (principal 1,228.93) is one day late on 2024-03-16: "
        "1,228.93 × 7.35% / 360 × 1 = 0.25, and the sentence names the one day, not a span from it to itself",
        {"op": "statement", "as_of": "2024-03-16",
         "loan": {"principal": "1000000.00", "rate": "4.9%", "term": 360, "start_date": "2024-01-15"},
         "events": [pay("2024-03-16", "5339.78")]},
        {"ok": True, "workings": {"[2]": {"n": 2, "component": "penalty_interest", "amount": "0.25",
                                          "zh": "第2期罚息：逾期本金 1228.93 × 年利率 7.35% ÷ 360 × 1天（2024-03-16） = 0.25",
                                          "en": "Installment 2 penalty interest: overdue principal 1228.93 × 7.35% a year ÷ 360 × 1 day (2024-03-16) = 0.25"}}})

# ---- the solver at a fine unit and large amounts ----------------------------------
# on the start date the claim is the principal itself; a lump sum today is worth itself
fixture("solve", "max-discount-fine-unit",
        "hand: on the start date the claim is the principal, 900,000,000,000,000; a lump sum today is worth "
        "itself, so the smallest settlement with recovery ≥ 75% is 0.75 × 9e14 = 675,000,000,000,000.00000000 "
        "exactly, and one unit (0.00000001) less fails (regression: a search bound in a machine word)",
        {"op": "solve", "date": "2024-01-15",
         "loan": {"principal": "900000000000000", "rate": "12%", "term": 12, "start_date": "2024-01-15",
                  "rounding": {"unit": "0.00000001"}},
         "goal": {"type": "max_discount", "min_recovery": "75%"}},
        {"ok": True, "feasible": True, "answer": {"settlement": "675000000000000.00000000"},
         "next_better_fails": {"settlement": "674999999999999.99999999"}})
fixture("solve", "shortest-term-keeps-art12-warning",
        "《贷款通则》 Art. 12: a 36-month (medium-term) loan may be extended by at most 18 months; a plan that "
        "pays 2,000 a month on 200,000 at 12% must run far longer, and solve says so as restructure would",
        {"op": "solve", "date": "2024-03-20",
         "loan": {"principal": "200000", "rate": "12%", "term": 36, "start_date": "2024-01-10"},
         "goal": {"type": "shortest_term", "capacity": "2500"}},
        {"ok": True, "warnings": {"[0]": {"code": "art12_limit"}}})

for folder, items in out.items():
    path = os.path.join(ROOT, folder)
    os.makedirs(path, exist_ok=True)
    for name, source, request, expected in items:
        with open(os.path.join(path, f"{name}.json"), "w") as f:
            json.dump({"name": name, "source": source, "request": request, "expected": expected},
                      f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"{len(items)} cases written to {os.path.normpath(path)}")
