#!/usr/bin/env python3
"""Derives fixtures/schedule/*.json from Gnumeric spreadsheets, never from repay.

Each case is a whole amortization table written as spreadsheet formulas —
PMT for the level payment, ROUND / ROUNDDOWN / ROUNDUP / MROUND for each
posted amount, EDATE for due dates — evaluated headless by ssconvert. Every
table is also recomputed here with exact fractions; a case whose two
derivations disagree is not written (the spreadsheet computes in binary
doubles and can misround an exact tie).

The rules are README.md's "Schedules": each period's interest is the balance
× the periodic rate, rounded; the annuity payment is rounded once; the last
installment clears the balance.

usage: python3 tests/oracle/schedule_gnumeric.py   (needs gnumeric's ssconvert)
"""
import datetime
import json
import os
import subprocess
import tempfile
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "schedule")
PER_YEAR = {"monthly": 12, "quarterly": 4, "semiannual": 2, "annual": 1, "biweekly": 26, "weekly": 52}
MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


def ssconvert(rows):
    """Evaluates a sheet given as rows of cells; returns rows of text."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.csv"), os.path.join(tmp, "out.csv")
        with open(src, "w") as f:
            for row in rows:
                f.write(",".join('"' + str(c).replace('"', '""') + '"' for c in row) + "\n")
        subprocess.run(["ssconvert", src, dst], check=True, capture_output=True)
        with open(dst) as f:
            return [line.rstrip("\n").split(",") for line in f]


def rnd(x, unit=F(1, 100), mode="half_up"):
    """Exact rounding to a multiple of unit (the README's modes)."""
    q = x / unit
    n = q.numerator // q.denominator  # floor
    r = q - n
    if r == 0:
        return n * unit
    if mode in ("down",):
        n = n if q > 0 else n + 1
    elif mode in ("up",):
        n = n + 1 if q > 0 else n
    elif mode == "floor":
        pass
    elif mode == "ceiling":
        n += 1
    elif mode == "half_even":
        if r > F(1, 2) or (r == F(1, 2) and n % 2 == 1):
            n += 1
    elif mode == "half_down":
        if r > F(1, 2) or (r == F(1, 2) and q < 0):
            n += 1
    else:  # half_up: ties away from zero
        if r > F(1, 2) or (r == F(1, 2) and q > 0):
            n += 1
    return n * unit


def sheet_round(expr, unit, mode):
    """The spreadsheet formula that rounds expr like `mode` to `unit`."""
    if unit == F(5, 100):
        return {"half_up": f"MROUND({expr},0.05)", "down": f"FLOOR({expr},0.05)",
                "up": f"CEILING({expr},0.05)"}[mode]
    digits = {F(1, 100): 2, F(1): 0, F(10): -1}[unit]
    fn = {"half_up": "ROUND", "down": "ROUNDDOWN", "up": "ROUNDUP", "floor": "ROUNDDOWN",
          "ceiling": "ROUNDUP"}[mode]
    return f"{fn}({expr},{digits})"


def text(x, places=2):
    """Exact decimal text of x with the given places."""
    x = F(x)
    scale = 10 ** places
    n = x * scale
    assert n.denominator == 1, x
    n = n.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    if places == 0:
        return f"{sign}{n}"
    return f"{sign}{n // scale}.{n % scale:0{places}d}"


def exact_schedule(c):
    """The table by the README's rules, in fractions (the cross-check)."""
    P, n, g = F(c["principal"]), c["term"], c.get("grace", 0)
    i = F(c["annual"]) / PER_YEAR[c["frequency"]]
    unit, mode = c["unit"], c["mode"]
    fee = F(c.get("fee", "0"))
    method, m = c["method"], n - g
    rows, B = [], P
    if method == "annuity":
        if i == 0:
            M = rnd(P / m, unit, mode)
        else:
            growth = (1 + i) ** m
            M = rnd(P * i * growth / (growth - 1), unit, mode)
    elif method in ("equal_principal", "flat"):
        step = rnd(P / m, unit, mode)
    if method == "bullet":
        I = rnd(P * i * n, unit, mode)
        return [(P + I + fee, P, I, fee, F(0))], None
    for k in range(1, n + 1):
        I = rnd((P if method == "flat" else B) * i, unit, mode)
        if k == n:
            pr = B
        elif k <= g or method == "interest_only":
            pr = F(0)
        elif method == "annuity":
            pr = M - rnd(B * i, unit, mode)
        else:
            pr = step
        B -= pr
        rows.append((pr + I + fee, pr, I, fee, B))
    level = M + fee if method == "annuity" else None
    return rows, level


def sheet(c):
    """The same table as spreadsheet formulas: one row per installment with
    columns A due date, B payment, C principal, D interest, E balance."""
    n, g = c["term"], c.get("grace", 0)
    ppy = PER_YEAR[c["frequency"]]
    i = f"({c['annual']}/{ppy})"
    unit, mode = c["unit"], c["mode"]
    P = c["principal"]
    fee = c.get("fee", "0")
    method, m = c["method"], n - g
    R = lambda e: sheet_round(e, unit, mode)
    start = c.get("start")
    rows = [[f'=DATE({start[0]},{start[1]},{start[2]})' if start else 0, "", "", "", P]]
    level = R(f"PMT({i},{m},-{P})") if c["annual"] != "0" else R(f"{P}/{m}")
    step = R(f"{P}/{m}")
    if method == "bullet":
        interest = R(f"{P}*{i}*{n}")
        return [rows[0], ["", f"={P}+{interest}+{fee}", f"={P}", f"={interest}", "=0"]], None
    for k in range(1, n + 1):
        r = k + 1  # this row; the previous balance is in E{k}
        due = f"=EDATE(A$1,{k * MONTHS[c['frequency']]})" if start and c["frequency"] in MONTHS else k
        base = f"E{k}" if method != "flat" else P
        interest = R(f"{base}*{i}")
        if k == n:
            principal = f"=E{k}"
        elif k <= g or method == "interest_only":
            principal = "=0"
        elif method == "annuity":
            principal = f"={level}-{R(f'E{k}*{i}')}"
        else:
            principal = f"={step}"
        rows.append([due, f"=C{r}+D{r}+{fee}", principal, f"={interest}", f"=E{k}-C{r}"])
    return rows, (f"={level}+{fee}" if method == "annuity" else None)


def row_json(values, places, due=None):
    payment, principal, interest, fee, balance = values
    o = {}
    if due:
        o["due_date"] = due
    o.update(payment=text(payment, places), principal=text(principal, places),
             interest=text(interest, places), fee=text(fee, places), balance=text(balance, places))
    return o


cases = []


def case(name, principal, annual, term, method="annuity", frequency="monthly", unit=F(1, 100),
         mode="half_up", grace=0, fee="0", start=None, note=""):
    cases.append(dict(name=name, principal=principal, annual=annual, term=term, method=method,
                      frequency=frequency, unit=unit, mode=mode, grace=grace, fee=fee, start=start,
                      note=note))


# DOMAIN.md's worked examples
case("domain-mortgage-annuity-4.9-360", "1000000", "0.049", 360, start=(2024, 1, 15),
     note="DOMAIN.md: M 5,307.27; row 1 1,223.94 + 4,083.33; last 5,305.19; interest 910,615.12")
case("domain-mortgage-equal-principal", "1000000", "0.049", 360, method="equal_principal",
     note="DOMAIN.md: first 6,861.11, second 6,849.77; interest 737,041.08")
# PMT across terms 1–480, rates 0–36%, every frequency
for name, p, r, n, fq in [
    ("pmt-term-1", "5000", "0.06", 1, "monthly"),
    ("pmt-term-2", "1000", "0.12", 2, "monthly"),
    ("pmt-term-3-zero-rate", "1000", "0", 3, "monthly"),
    ("pmt-term-6-36pct", "20000", "0.36", 6, "monthly"),
    ("pmt-term-12-24pct", "10000", "0.24", 12, "monthly"),
    ("pmt-term-12-zero-rate", "12000", "0", 12, "monthly"),
    ("pmt-term-24-18pct", "50000", "0.18", 24, "monthly"),
    ("pmt-term-36-8.5pct", "120000", "0.085", 36, "monthly"),
    ("pmt-term-60-3.65pct", "300000", "0.0365", 60, "monthly"),
    ("pmt-term-84-6pct", "250000", "0.06", 84, "monthly"),
    ("pmt-term-120-4.2pct", "800000", "0.042", 120, "monthly"),
    ("pmt-term-180-3.1pct", "1500000", "0.031", 180, "monthly"),
    ("pmt-term-240-4.65pct", "2000000", "0.0465", 240, "monthly"),
    ("pmt-term-300-5.88pct", "1200000", "0.0588", 300, "monthly"),
    ("pmt-term-480-4.9pct", "1000000", "0.049", 480, "monthly"),
    ("pmt-quarterly-20", "100000", "0.08", 20, "quarterly"),
    ("pmt-semiannual-10", "60000", "0.07", 10, "semiannual"),
    ("pmt-annual-5", "30000", "0.1", 5, "annual"),
    ("pmt-annual-30-1pct", "100000", "0.01", 30, "annual"),
    ("pmt-weekly-52", "5200", "0.26", 52, "weekly"),
    ("pmt-biweekly-26", "26000", "0.13", 26, "biweekly"),
    ("pmt-weekly-104-36pct", "10000", "0.36", 104, "weekly"),
    ("pmt-monthly-1pct-rate", "7777.77", "0.01", 18, "monthly"),
    ("pmt-odd-principal", "123456.78", "0.0725", 48, "monthly"),
    ("pmt-tiny-loan", "100", "0.15", 12, "monthly"),
]:
    case(name, p, r, n, frequency=fq)
# the other methods
case("equal-principal-12", "12000", "0.12", 12, method="equal_principal", start=(2024, 1, 31),
     note="month-end start: Jan 31 → Feb 29 → Mar 31 → Apr 30 (EDATE)")
case("equal-principal-quarterly", "40000", "0.06", 8, method="equal_principal", frequency="quarterly")
case("equal-principal-uneven", "10000", "0.09", 7, method="equal_principal")
case("interest-only-12", "12000", "0.12", 12, method="interest_only")
case("interest-only-quarterly", "500000", "0.045", 8, method="interest_only", frequency="quarterly")
case("bullet-12-months", "10000", "0.12", 12, method="bullet")
case("bullet-6-months", "200000", "0.0435", 6, method="bullet")
case("flat-card-12", "10000", "0.072", 12, method="flat",
     note="a card installment at 0.6% a month flat (DOMAIN.md), shown as interest here")
case("flat-24", "36000", "0.09", 24, method="flat")
case("grace-2-then-annuity", "10000", "0.12", 4, grace=2)
case("grace-6-then-annuity-60", "300000", "0.048", 60, grace=6)
case("grace-3-equal-principal", "90000", "0.06", 12, method="equal_principal", grace=3)
case("periodic-fee-annuity", "20000", "0.1", 12, fee="15")
case("periodic-fee-flat", "6000", "0.06", 6, method="flat", fee="10")
# rounding units and modes
case("unit-0.05-half-up", "10000", "0.07", 12, unit=F(5, 100))
case("unit-1-half-up", "50000", "0.065", 24, unit=F(1))
case("unit-10-half-up", "100000", "0.05", 12, unit=F(10))
case("mode-down", "10000", "0.07", 12, mode="down")
case("mode-up", "10000", "0.07", 12, mode="up")
case("mode-floor", "10000", "0.07", 12, mode="floor")
case("mode-ceiling", "10000", "0.07", 12, mode="ceiling")
case("unit-0.05-down", "10000", "0.07", 12, unit=F(5, 100), mode="down")
case("unit-10-up-equal-principal", "100000", "0.05", 12, method="equal_principal", unit=F(10), mode="up")

os.makedirs(OUT, exist_ok=True)
written = skipped = 0
for c in cases:
    rows, level_formula = sheet(c)
    got = ssconvert(rows + ([["", level_formula]] if level_formula else []))
    exact, level = exact_schedule(c)
    places = {F(1, 100): 2, F(5, 100): 2, F(1): 0, F(10): 0}[c["unit"]]
    table = got[1:len(rows)]
    sheet_rows = []
    for r in table:
        if len(r) < 5:
            raise SystemExit(f"{c['name']}: unexpected row from ssconvert: {r}")
        pay, pr, it, bal = (F(x) for x in r[1:5])
        sheet_rows.append((pay, pr, it, F(c["fee"]), bal))
    if c["method"] == "bullet":
        sheet_rows = [(F(table[0][1]), F(table[0][2]), F(table[0][3]), F(c["fee"]), F(0))]
    fine = lambda rows: [tuple(rnd(v, F(1, 10 ** 6)) for v in r) for r in rows]
    disagree = [k + 1 for k, (a, b) in enumerate(zip(fine(sheet_rows), fine(exact))) if a != b]
    tie = ""
    if disagree:
        # only an exact tie that binary doubles round the other way is accepted
        k = disagree[0] - 1
        base = (F(c["principal"]) if c["method"] == "flat" else
                F(c["principal"]) - sum(r[1] for r in exact[:k]))
        raw = base * F(c["annual"]) / PER_YEAR[c["frequency"]] / c["unit"]
        if (raw - raw.numerator // raw.denominator) != F(1, 2):
            print(f"skipped {c['name']}: spreadsheet and fractions disagree at row {k + 1}")
            skipped += 1
            continue
        tie = (f" Row {k + 1}'s interest is an exact tie ({text(raw * c['unit'], 3)}) that the "
               f"spreadsheet's binary doubles round down; the expectation follows the exact "
               f"fractions (half_up: ties away from zero).")
    dues = [r[0].replace("/", "-") for r in table] if c["start"] else None
    loan = {"principal": c["principal"], "rate": c["annual"], "term": c["term"]}
    if c["method"] != "annuity":
        loan["method"] = c["method"]
    if c["frequency"] != "monthly":
        loan["frequency"] = c["frequency"]
    if c["grace"]:
        loan["grace_periods"] = c["grace"]
    if c["fee"] != "0":
        loan["periodic_fee"] = c["fee"]
    if c["start"]:
        loan["start_date"] = datetime.date(*c["start"]).isoformat()
    if c["unit"] != F(1, 100) or c["mode"] != "half_up":
        loan["rounding"] = {"unit": str(float(c["unit"])) if c["unit"] < 1 else str(int(c["unit"])),
                            "mode": c["mode"]}
    totals = [sum(r[j] for r in exact) for j in range(4)]
    expected = {"ok": True,
                "totals": {"payment": text(totals[0], places), "principal": text(totals[1], places),
                           "interest": text(totals[2], places), "fee": text(totals[3], places)}}
    if level is not None:
        expected["summary"] = {"payment": text(level, places)}
    n = len(exact)
    pick = range(n) if n <= 12 else [0, 1, n - 2, n - 1]
    sel = {}
    for k in pick:
        o = row_json(exact[k], places, dues[k] if dues else None)
        o = {"n": k + 1, **o}
        sel[f"[{k}]" if n > 12 else k] = o
    expected["installments"] = [sel[k] for k in range(n)] if n <= 12 else sel
    pmt = f"; level payment {got[-1][1]} (PMT rounded)" if level_formula else ""
    source = (f"Gnumeric via ssconvert (tests/oracle/schedule_gnumeric.py): the whole table as "
              f"formulas — {'PMT, ' if c['method'] == 'annuity' else ''}"
              f"{sheet_round('x', c['unit'], c['mode']).split('(')[0]} per posted amount"
              f"{', EDATE for due dates' if c['start'] else ''}{pmt}; confirmed by exact fractions."
              f" {c['note']}{tie}").strip()
    with open(os.path.join(OUT, f"{c['name']}.json"), "w") as f:
        json.dump({"name": c["name"], "source": source, "request": {"op": "schedule", "loan": loan},
                   "expected": expected}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    written += 1
print(f"{written} cases written to {os.path.normpath(OUT)}, {skipped} skipped")
