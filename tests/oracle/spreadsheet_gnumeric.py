#!/usr/bin/env python3
"""Writes fixtures/spreadsheet/*.json from Gnumeric (ssconvert evaluates the
spreadsheet functions headless), never from repay: the `tvm` op against FV,
PV, PMT, NPER and RATE (type 0 and 1), `yield`'s `mirr` against MIRR, and
the `day_count` op against YEARFRAC (basis 0–4) and DAYS360 (US and European).

Each case is one spreadsheet formula (two for a YEARFRAC: the fraction and
its day count) written into a CSV that ssconvert reads and writes back
evaluated; Gnumeric's printed double becomes the expectation. Doubles are
not exact, so every non-integer answer is compared with a tolerance:

  FV, PV, PMT     10^(e − 11) for an answer of magnitude 10^e (e ≥ 0), else
                  1e-11: about 1e-11 relative — a double formula's error is
                  ~1e-14 relative, repay prints 30 places or the exact value
  NPER, RATE,     1e-10: repay prints 12 places (within 5e-13); Gnumeric's
  MIRR            RATE is a Newton iteration, closed forms for the others
  YEARFRAC        1e-12 on `decimal` (15 places), with the day count exact
  DAYS360         exact (an integer)

Spreadsheet day-count bases and repay's conventions (README "Day counts").
Gnumeric's definitions (goffice/utils/datetime.c go_date_days_between_basis,
gnumeric src/gnm-datetime.c yearfrac) are modelled below in gnm_* functions,
and the README's in readme_*; a pair goes into a fixture under a repay
convention only where the two definitions agree on it (checked here with
exact fractions, which also checks that the model matches what the
installed Gnumeric printed). Where they do not, the pair is listed in
NOT_EXPRESSIBLE with the reason and no fixture is written:

  basis 0 / DAYS360(…, FALSE)  Gnumeric's "MSRB 30/360" → repay "30/360"
      (30/360 US, SIA). Gnumeric applies D2 = 31 → 30 before it moves a
      February-end D1 to the 30th, so a February-end D1 with a 31st D2 keeps
      D2 = 31 (2023-02-28 → 2023-03-31: 31 days; SIA: 30). Not expressible.
  basis 1  Gnumeric's (Excel's) actual/actual: days / (365 + February 29s
      per year). Within one calendar year that is days / the year's length,
      repay "ACT/ACT" (ISDA). Across a year end but at most a year apart it
      is 366 if (the start year is leap and the start is in January or
      February) or (the end year is leap and the end is on or after February
      29), else 365 — repay "ACT/365L" with frequency annual (366 if a
      February 29 falls in (start, end]), except when the start IS February
      29 (Gnumeric 366, ACT/365L 365). More than a year apart Gnumeric
      averages the year lengths of every calendar year touched
      (days / (365 + leap days / years)), a convention repay does not claim
      (ACT/ACT ISDA sums each year's share): not expressible.
  basis 2  ACT/360 → "ACT/360";  basis 3  ACT/365 → "ACT/365" (fixed)
  basis 4 / DAYS360(…, TRUE)  European 30/360 (any 31st → 30) → "30E/360"

Known disagreements (Gnumeric and repay define the same thing yet answer
differently): KNOWN_DISAGREEMENTS below, each case left out of the fixtures.

usage: python3 tests/oracle/spreadsheet_gnumeric.py [--list]
  (needs gnumeric's ssconvert; the committed JSON is what `make fixtures`
  checks, so the tests never need Gnumeric)
  --list: print NOT_EXPRESSIBLE and KNOWN_DISAGREEMENTS
"""
import calendar
import datetime
import json
import math
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction as F

from gnumeric import evaluate

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "spreadsheet")
SCRIPT = "tests/oracle/spreadsheet_gnumeric.py"
D = datetime.date

RATE_TOLERANCE = "1e-10"
YEARFRAC_TOLERANCE = "1e-12"


def gnumeric(formulas):
    """Evaluates formulas (one per row, column A); each must give a number."""
    got = evaluate(formulas)
    assert len(got) == len(formulas), (len(got), len(formulas))
    for formula, value in zip(formulas, got):
        try:
            Decimal(value)
        except Exception:
            raise SystemExit(f"Gnumeric did not give a number: {formula} = {value}")
    return got


def gnumeric_version():
    out = subprocess.run(["ssconvert", "--version"], check=True, capture_output=True, text=True)
    return out.stdout.split("'")[1]  # ssconvert version '1.12.55'


def plain(s):
    """Gnumeric's printed double as a positional decimal (1.2E-21 → 0.0…012)."""
    d = Decimal(s)
    return format(d, "f") if "e" in s.lower() else s


def money_tolerance(s):
    x = abs(Decimal(s))
    e = math.floor(math.log10(x)) if x >= 1 else 0
    return f"1e-{11 - e}" if e < 11 else "1"


# ---- the day-count definitions, as exact fractions -------------------------

def last_of_feb(d):
    return d.month == 2 and d.day == calendar.monthrange(d.year, 2)[1]


def d360(y1, m1, d1, y2, m2, d2):
    return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)


def gnm_msrb_30_360(a, b):
    """goffice days_between_GO_BASIS_MSRB_30_360 (YEARFRAC basis 0, DAYS360 method 0)."""
    if a == b:
        return 0
    d1, d2 = a.day, b.day
    if d1 == 31:
        d1 = 30
    if d2 == 31 and d1 == 30:
        d2 = 30
    if last_of_feb(a):
        if last_of_feb(b):
            d2 = 30
        d1 = 30
    return d360(a.year, a.month, d1, b.year, b.month, d2)


def readme_30_360_us(a, b):
    """README "30/360": 30/360 US (SIA)."""
    d1, d2 = a.day, b.day
    if last_of_feb(a) and last_of_feb(b):
        d2 = 30
    if last_of_feb(a):
        d1 = 30
    if d2 == 31 and d1 >= 30:
        d2 = 30
    if d1 == 31:
        d1 = 30
    return d360(a.year, a.month, d1, b.year, b.month, d2)


def e30_360(a, b):
    """Gnumeric 30E_360 (basis 4, DAYS360 method 1) and README "30E/360" alike."""
    return d360(a.year, a.month, min(a.day, 30), b.year, b.month, min(b.day, 30))


def add_years(d, k):
    y = d.year + k
    return D(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def gnm_actact(a, b):
    """gnumeric yearfrac() basis 1."""
    days = (b - a).days
    if b > add_years(a, 1):
        years = b.year + 1 - a.year
        feb29s = (D(b.year + 1, 1, 1) - D(a.year, 1, 1)).days - 365 * years
    else:
        years = 1
        feb29s = int((calendar.isleap(a.year) and a.month < 3) or
                     (calendar.isleap(b.year) and (b.month, b.day) >= (2, 29)))
    return F(days) / (365 + F(feb29s, years))


def readme_act_act_isda(a, b):
    total = F(0)
    for y in range(a.year, b.year + 1):
        lo, hi = max(a, D(y, 1, 1)), min(b, D(y + 1, 1, 1))
        if hi > lo:
            total += F((hi - lo).days, 366 if calendar.isleap(y) else 365)
    return total


def readme_act_365l_annual(a, b):
    """README ACT/365L, an annual period: 366 if it holds a February 29 (start excluded)."""
    leap = any(calendar.isleap(y) and a < D(y, 2, 29) <= b for y in range(a.year, b.year + 1))
    return F((b - a).days, 366 if leap else 365)


# ---- cases -------------------------------------------------------------------

cases = []               # dict(name, formulas, build(values) → (request, expected), source, notes)
# (formula, reason, the modelled Gnumeric value): Gnumeric's definition is not one repay
# claims on this pair; evaluated too, to check the model says what Gnumeric does
NOT_EXPRESSIBLE = []
# (formula, request, Gnumeric's value, repay's value): found by `repay check`, left out
KNOWN_DISAGREEMENTS = []


def num(x):
    return str(x)


TVM_ARGS = {  # the spreadsheet's argument order
    "fv": ("rate", "nper", "pmt", "pv", "type"),
    "pv": ("rate", "nper", "pmt", "fv", "type"),
    "pmt": ("rate", "nper", "pv", "fv", "type"),
    "nper": ("rate", "pmt", "pv", "fv", "type"),
    "rate": ("nper", "pmt", "pv", "fv", "type"),
}


def tvm(name, solve, rate=None, ppy=1, nper=None, pmt="0", pv="0", fv="0", type_=0, notes=None):
    """One spreadsheet TVM function. rate is the annual (ppy > 1) or per-period
    fraction as text; the formula divides it by ppy as a spreadsheet user
    would (0.049/12), the request says the same with periods_per_year."""
    vals = {"rate": rate if ppy == 1 else f"{rate}/{ppy}", "nper": nper, "pmt": pmt, "pv": pv,
            "fv": fv, "type": type_}
    formula = f"={solve.upper()}(" + ",".join(str(vals[k]) for k in TVM_ARGS[solve]) + ")"
    request = {"op": "tvm", "solve": solve}
    if solve != "rate":
        request["rate"] = rate
        if ppy != 1:
            request["periods_per_year"] = ppy
    if solve != "nper":
        request["nper"] = nper
    for k in ("pmt", "pv", "fv"):
        if k in TVM_ARGS[solve]:
            request[k] = vals[k]
    request["type"] = type_

    def build(got):
        v = plain(got[0])
        tol = RATE_TOLERANCE if solve in ("nper", "rate") else money_tolerance(v)
        return request, {solve: {"approx": v, "tolerance": tol}}
    cases.append(dict(group="tvm", name=f"gnm-{name}", formulas=[formula], build=build, notes=notes))


def mirr(name, flows, finance, reinvest, notes=None):
    arr = "{" + ",".join(flows) + "}"
    formula = f"=MIRR({arr},{finance},{reinvest})"
    request = {"op": "yield", "cash_flows": list(flows), "periods_per_year": 1,
               "mirr": {"finance_rate": finance, "reinvest_rate": reinvest}}

    def build(got):
        return request, {"mirr": {"approx": plain(got[0]), "tolerance": RATE_TOLERANCE}}
    cases.append(dict(group="mirr", name=f"gnm-{name}", formulas=[formula], build=build, notes=notes))


def date_f(d):
    return f"DATE({d.year},{d.month},{d.day})"


BASIS_NAME = {0: "US (NASD) 30/360", 1: "actual/actual", 2: "actual/360", 3: "actual/365",
              4: "European 30/360"}


def yearfrac(name, basis, a, b, notes=None):
    """YEARFRAC(a, b, basis), and its day count from Gnumeric: DAYS360 for the
    30/360 bases (the same goffice routine YEARFRAC uses), b − a otherwise."""
    formula = f"=YEARFRAC({date_f(a)},{date_f(b)},{basis})"
    days_formula = {0: f"=DAYS360({date_f(a)},{date_f(b)},FALSE)",
                    4: f"=DAYS360({date_f(a)},{date_f(b)},TRUE)"}.get(basis, f"={date_f(b)}-{date_f(a)}")
    extra = {}
    if basis == 0:
        gnm, conv = F(gnm_msrb_30_360(a, b), 360), "30/360"
        if gnm != F(readme_30_360_us(a, b), 360):
            NOT_EXPRESSIBLE.append((formula, "Gnumeric's MSRB 30/360 tests D2 = 31 before moving a February-end D1 "
                                             f"to the 30th: {gnm_msrb_30_360(a, b)} days, 30/360 US (SIA) "
                                             f"{readme_30_360_us(a, b)}", gnm))
            return
        mine = F(readme_30_360_us(a, b), 360)
    elif basis == 1:
        gnm = gnm_actact(a, b)
        if a.year == b.year:
            conv, mine = "ACT/ACT", readme_act_act_isda(a, b)
        elif b <= add_years(a, 1):
            conv, mine = "ACT/365L", readme_act_365l_annual(a, b)
            extra = {"frequency": "annual"}
        else:
            NOT_EXPRESSIBLE.append((formula, "dates more than a year apart: Gnumeric divides by the mean year length "
                                             "of every calendar year touched (days / (365 + leap days / years)), "
                                             "no convention repay claims (ACT/ACT ISDA sums each year's share)",
                                    gnm_actact(a, b)))
            return
        if gnm != mine:
            NOT_EXPRESSIBLE.append((formula, f"Gnumeric's actual/actual gives {gnm}, {conv} {mine} "
                                             "(a start on February 29: Gnumeric counts 366, ACT/365L leaves the start out)",
                                    gnm))
            return
    elif basis == 2:
        conv, gnm = "ACT/360", F((b - a).days, 360)
        mine = gnm
    elif basis == 3:
        conv, gnm = "ACT/365", F((b - a).days, 365)
        mine = gnm
    else:
        conv, gnm = "30E/360", F(e30_360(a, b), 360)
        mine = gnm
    request = {"op": "day_count", "day_count": conv, **extra,
               "periods": [{"start": a.isoformat(), "end": b.isoformat()}]}

    def build(got):
        v, days = plain(got[0]), got[1]
        assert abs(Decimal(v) - Decimal(gnm.numerator) / Decimal(gnm.denominator)) < Decimal("1e-14"), \
            (formula, v, gnm, "the model of Gnumeric's definition is wrong")
        assert abs(Decimal(v) - Decimal(mine.numerator) / Decimal(mine.denominator)) < Decimal("1e-14"), \
            (formula, v, mine)
        return request, {"periods": [{"days": int(days), "decimal": {"approx": v, "tolerance": YEARFRAC_TOLERANCE}}]}
    cases.append(dict(group="day_count", name=f"gnm-{name}", formulas=[formula, days_formula], build=build,
                      notes=notes or f"basis {basis} ({BASIS_NAME[basis]}) is repay's {conv}"
                      + (" with frequency annual" if extra else "")))


def days360(name, a, b, european, notes=None):
    formula = f"=DAYS360({date_f(a)},{date_f(b)},{'TRUE' if european else 'FALSE'})"
    if european:
        conv, gnm, mine = "30E/360", e30_360(a, b), e30_360(a, b)
    else:
        conv, gnm, mine = "30/360", gnm_msrb_30_360(a, b), readme_30_360_us(a, b)
        if gnm != mine:
            NOT_EXPRESSIBLE.append((formula, "Gnumeric's US method tests D2 = 31 before moving a February-end D1 to "
                                             f"the 30th: {gnm} days, 30/360 US (SIA) {mine}", F(gnm)))
            return
    request = {"op": "day_count", "day_count": conv, "periods": [{"start": a.isoformat(), "end": b.isoformat()}]}

    def build(got):
        assert int(got[0]) == gnm, (formula, got[0], gnm, "the model of Gnumeric's definition is wrong")
        return request, {"periods": [{"days": int(got[0])}]}
    cases.append(dict(group="day_count", name=f"gnm-{name}", formulas=[formula], build=build,
                      notes=notes or ("the European method is repay's 30E/360" if european else
                                      "the US method (FALSE) is repay's 30/360 (US, SIA) on this pair")))


# FV: savings plans and a mortgage's balance (FV of the loan and its payments)
tvm("fv-savings-monthly-type0", "fv", rate="0.05", ppy=12, nper=60, pmt="-500", pv="-10000")
tvm("fv-savings-monthly-type1", "fv", rate="0.05", ppy=12, nper=60, pmt="-500", pv="-10000", type_=1)
tvm("fv-zero-rate-type0", "fv", rate="0", nper=24, pmt="-250", pv="-1000")
tvm("fv-zero-rate-type1", "fv", rate="0", nper=24, pmt="-250", pv="-1000", type_=1)
tvm("fv-mortgage-balance-after-10y", "fv", rate="0.049", ppy=12, nper=120, pmt="-5307.27", pv="1000000",
    notes="the balance still owed after 120 of 360 payments of 5307.27 (negative: owed)")
tvm("fv-withdrawals-quarterly-type1", "fv", rate="0.06", ppy=4, nper=20, pmt="1000", pv="-20000", type_=1,
    notes="a deposit of 20000 with 1000 withdrawn at the start of each quarter")
# PV: what a payment buys
tvm("pv-mortgage-type0", "pv", rate="0.049", ppy=12, nper=360, pmt="-5307.27")
tvm("pv-car-balloon-type1", "pv", rate="0.08", ppy=12, nper=48, pmt="-450", fv="-5000", type_=1)
tvm("pv-zero-rate", "pv", rate="0", nper=36, pmt="-300")
tvm("pv-annuity-received-annual-type1", "pv", rate="0.035", nper=10, pmt="12000", type_=1,
    notes="an annuity received (positive pmt): its price is paid out, negative")
tvm("pv-zero-coupon", "pv", rate="0.1", ppy=12, nper=24, fv="-50000")
tvm("pv-loan-with-balloon-type0", "pv", rate="0.0435", ppy=4, nper=20, pmt="-3000", fv="-20000")
# PMT: installments
tvm("pmt-mortgage-type0", "pmt", rate="0.049", ppy=12, nper=360, pv="1000000")
tvm("pmt-mortgage-type1", "pmt", rate="0.049", ppy=12, nper=360, pv="1000000", type_=1)
tvm("pmt-car-balloon-type0", "pmt", rate="0.06", ppy=12, nper=36, pv="30000", fv="-10000")
tvm("pmt-zero-rate-type1", "pmt", rate="0", nper=12, pv="12000", type_=1)
tvm("pmt-lender-view-quarterly", "pmt", rate="0.0435", ppy=4, nper=20, pv="-50000",
    notes="the lender's view: the loan paid out (negative pv), installments received (positive)")
tvm("pmt-sinking-fund-type1", "pmt", rate="0.04", ppy=12, nper=120, fv="100000", type_=1)
tvm("pmt-lease-residual-type1", "pmt", rate="0.055", ppy=12, nper=60, pv="45000", fv="-15000", type_=1)
# NPER: how long
tvm("nper-readme-1pct", "nper", rate="0.01", pmt="-100", pv="1000")
tvm("nper-card-type1", "nper", rate="0.12", ppy=12, pmt="-500", pv="20000", type_=1)
tvm("nper-zero-rate", "nper", rate="0", pmt="-250", pv="6000")
tvm("nper-mortgage-balloon", "nper", rate="0.05", ppy=12, pmt="-2000", pv="250000", fv="-50000")
tvm("nper-drawdown-type1", "nper", rate="0.03", ppy=12, pmt="300", pv="-10000", type_=1,
    notes="withdrawals of 300 from a deposit of 10000 (negative pv), at each month's start")
tvm("nper-savings-target", "nper", rate="0.06", ppy=12, pmt="-1000", fv="50000")
# RATE: the periodic rate of a level payment
tvm("rate-48x200-type0", "rate", nper=48, pmt="-200", pv="8000")
tvm("rate-48x200-type1", "rate", nper=48, pmt="-200", pv="8000", type_=1)
tvm("rate-zero", "rate", nper=12, pmt="-100", pv="1200",
    notes="12 × 100 repays 1200 exactly: a rate of 0 (Gnumeric's Newton stops a few ulps off)")
tvm("rate-60x1933.28", "rate", nper=60, pmt="-1933.28", pv="100000")
tvm("rate-balloon-type1", "rate", nper=24, pmt="-400", pv="10000", fv="-1000", type_=1)
tvm("rate-investment-annual", "rate", nper=10, pmt="1200", pv="-10000",
    notes="an investor's view: 10000 paid (negative pv), 1200 a year received")
tvm("rate-savings-to-target", "rate", nper=120, pmt="-1000", fv="150000")

# MIRR
mirr("mirr-readme", ["-120000", "39000", "30000", "21000", "37000", "46000"], "0.1", "0.12")
mirr("mirr-lender-card-monthly", ["-10000"] + ["893.33"] * 12, "0.005", "0.003",
     notes="the lender's view of 10000 repaid in 12 × 893.33, funded at 0.5% and reinvested at 0.3% a month")
mirr("mirr-negative-inside", ["-50000", "15000", "-5000", "20000", "25000", "10000"], "0.08", "0.05",
     notes="a negative flow after the first: discounted at the finance rate")
mirr("mirr-zero-rates", ["-1000", "300", "400", "500"], "0", "0")
mirr("mirr-borrower-view", ["10000", "-3000", "-3000", "-3000", "-3000"], "0.06", "0.04",
     notes="the borrower's view (advance positive): the repayments are the negative flows, discounted at "
           "the finance rate, and the advance is compounded at the reinvestment rate — MIRR is not symmetric "
           "in the signs")

# YEARFRAC
yearfrac("yearfrac-b0-31st-to-31st", 0, D(2024, 1, 31), D(2024, 3, 31))
yearfrac("yearfrac-b0-feb-end-start", 0, D(2023, 2, 28), D(2023, 8, 30))
yearfrac("yearfrac-b0-feb-end-both", 0, D(2023, 2, 28), D(2024, 2, 29),
         notes="basis 0 is repay's 30/360 (US, SIA): both dates February's last day, both count as the 30th")
yearfrac("yearfrac-b0-feb-end-end", 0, D(2024, 1, 15), D(2024, 2, 29))
yearfrac("yearfrac-b0-multi-year", 0, D(2019, 3, 15), D(2026, 9, 10))
yearfrac("yearfrac-b0-feb-end-to-31st", 0, D(2023, 2, 28), D(2023, 3, 31))  # NOT_EXPRESSIBLE
yearfrac("yearfrac-b1-leap-year", 1, D(2024, 3, 1), D(2024, 5, 15))
yearfrac("yearfrac-b1-non-leap-year", 1, D(2023, 1, 31), D(2023, 12, 31))
yearfrac("yearfrac-b1-leap-jan-to-feb-end", 1, D(2024, 1, 10), D(2024, 2, 29))
yearfrac("yearfrac-b1-across-year-feb29", 1, D(2023, 11, 15), D(2024, 5, 15))
yearfrac("yearfrac-b1-across-year-no-leap", 1, D(2022, 7, 1), D(2023, 6, 30))
yearfrac("yearfrac-b1-across-year-before-feb29", 1, D(2023, 3, 1), D(2024, 2, 28))
yearfrac("yearfrac-b1-multi-year", 1, D(2020, 1, 15), D(2025, 6, 30))          # NOT_EXPRESSIBLE
yearfrac("yearfrac-b1-from-feb29", 1, D(2024, 2, 29), D(2025, 2, 28))          # NOT_EXPRESSIBLE
yearfrac("yearfrac-b2-to-feb-end", 2, D(2024, 1, 31), D(2024, 2, 29))
yearfrac("yearfrac-b2-multi-year", 2, D(2022, 12, 15), D(2027, 3, 15))
yearfrac("yearfrac-b3-leap-year-span", 3, D(2024, 2, 29), D(2025, 2, 28))
yearfrac("yearfrac-b3-multi-year", 3, D(2021, 6, 30), D(2025, 12, 31))
yearfrac("yearfrac-b4-feb-end-to-31st", 4, D(2024, 2, 29), D(2024, 8, 31))
yearfrac("yearfrac-b4-multi-year", 4, D(2023, 1, 31), D(2028, 2, 29))
yearfrac("yearfrac-b4-31st-to-feb-end", 4, D(2023, 8, 31), D(2024, 2, 28))

# DAYS360
days360("days360-us-31st-to-31st", D(2024, 1, 31), D(2024, 3, 31), False)
days360("days360-us-30th-to-31st", D(2024, 1, 30), D(2024, 3, 31), False)
days360("days360-us-29th-to-31st", D(2024, 1, 29), D(2024, 3, 31), False)
days360("days360-us-31st-to-30th", D(2024, 3, 31), D(2024, 4, 30), False)
days360("days360-us-feb-end-both", D(2024, 2, 29), D(2025, 2, 28), False)
days360("days360-us-feb-end-start", D(2020, 2, 29), D(2025, 5, 30), False)
days360("days360-us-feb-end-to-31st", D(2020, 2, 29), D(2025, 5, 31), False)   # NOT_EXPRESSIBLE
days360("days360-eu-31st-to-31st", D(2024, 1, 31), D(2024, 3, 31), True)
days360("days360-eu-29th-to-31st", D(2024, 1, 29), D(2024, 3, 31), True)
days360("days360-eu-feb-end-both", D(2024, 2, 29), D(2025, 2, 28), True)
days360("days360-eu-multi-year", D(2019, 12, 31), D(2024, 8, 31), True)


def main():
    if "--list" in sys.argv[1:]:
        for formula, why, _ in NOT_EXPRESSIBLE:
            print(f"not expressible: {formula}\n    {why}")
        for formula, request, gnm, repay in KNOWN_DISAGREEMENTS:
            print(f"disagreement: {formula} = {gnm} (Gnumeric); repay {repay}\n    {json.dumps(request)}")
        return
    version = gnumeric_version()
    formulas = [f for c in cases for f in c["formulas"]]
    answers = gnumeric(formulas + [f for f, _, _ in NOT_EXPRESSIBLE])
    for (formula, why, model), got in zip(NOT_EXPRESSIBLE, answers[len(formulas):]):
        assert abs(Decimal(got) - Decimal(model.numerator) / Decimal(model.denominator)) < Decimal("1e-14"), \
            (formula, got, model, "the model of Gnumeric's definition is wrong")
    groups, i = {}, 0
    for c in cases:
        got = answers[i:i + len(c["formulas"])]
        i += len(c["formulas"])
        request, expected = c["build"](got)
        source = (f"Gnumeric {version} via ssconvert ({SCRIPT}): "
                  + "; ".join(f"{f} = {g}" for f, g in zip(c["formulas"], got)))
        case = {"name": c["name"], "source": source, "request": request, "expected": expected}
        if c["notes"]:
            case["notes"] = c["notes"]
        groups.setdefault(c["group"], []).append(case)
    os.makedirs(OUT, exist_ok=True)
    for group, items in groups.items():
        names = [x["name"] for x in items]
        assert len(names) == len(set(names)), group
        with open(os.path.join(OUT, f"gnumeric-{group.replace('_', '-')}.json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    print(", ".join(f"{g} {len(v)}" for g, v in groups.items()),
          f"cases written to {os.path.normpath(OUT)}; {len(NOT_EXPRESSIBLE)} not expressible, "
          f"{len(KNOWN_DISAGREEMENTS)} known disagreements (--list)")


if __name__ == "__main__":
    main()
