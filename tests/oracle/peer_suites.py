#!/usr/bin/env python3
"""Writes fixtures/peers/*.json: the cases other projects' own test suites
assert, each as a repay request with the suite's expected value at the
suite's own tolerance. Every expected number is copied from the named test
file (the commit read is in SUITES below); nothing here is computed by
repay. The script runs offline: the cases are written out below.

  numpy-financial  numpy_financial/tests/test_financial.py and the docstring
                   examples its CI runs (spin test -- --doctest-modules)
  formulajs        test/financial.js, test/date-time.js (YEARFRAC, DAYS360)
  quantlib         test-suite/daycounters.cpp
  fineract         fineract-progressive-loan/.../ProgressiveEMICalculatorTest.java
                   (and LoanScheduleGeneratorTest.java: see NOT_EXPRESSIBLE)

Tolerances, as each suite states them:
  numpy assert_allclose(x, rtol, atol) → atol + rtol·|x| (rtol 1e-7 unless
  given); assert_decimal_close(tol) → tol; a doctest's printed value → half a
  unit of its last printed digit; formulajs approximately(x, δ) → δ;
  QuantLib |calc − expected| ≤ tol → tol; exact equality → exact.
Where a suite asserts equality with the result of its own inexact arithmetic
(numpy's 28-digit Decimal, a double's full repr, a Newton iteration's stopping
point) exact equality is impossible for an exact answer: the fixture then
says in "notes" which tolerance it uses and why — never silently looser.

Rates and IRRs print 12 places; where the suite's tolerance is finer the
fixture checks the proven bounds instead (rate_bounds, irr_periodic_bounds:
20 places, the low end rounded down, the high end up), with a precision the
request asks for: both ends within the tolerance put the true rate there.

Several roots: repay lists every rate (roots[], ascending); the index of
the one the suite means is found by scanning the sign of the NPV on a grid
of rates (root_index below, in floating point) — this picks the root, never
its value, which `repay check` then compares at the suite's tolerance.

What the suites assert that repay cannot express, or answers differently,
is the NOT_EXPRESSIBLE table of each suite below (test, reason).

usage: python3 tests/oracle/peer_suites.py [--check | --list]
  --check: write nothing; exit 1 if the committed fixtures differ
  --list:  print the NOT_EXPRESSIBLE table
"""
import json
import os
import sys
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "fixtures", "peers")

SUITES = {
    "numpy-financial": "numpy/numpy-financial@f47e8af289f9",
    "formulajs": "formulajs/formulajs@af0f0b41ed97",
    "quantlib": "lballabio/QuantLib@2a13d455048c",
    "fineract": "apache/fineract@4198b0bcf9a9",
}


def approx(x, tol):
    return {"approx": str(x), "tolerance": str(tol)}


def D(x):
    return Decimal(str(x))


def rtol(x, r="1e-7", atol="0"):
    """numpy's assert_allclose: |actual − x| ≤ atol + r·|x|."""
    t = D(atol) + D(r) * abs(D(x))
    return approx(x, t.normalize() if t else D(r))


def half_unit(x):
    """A value printed to its last digit (a doctest's rounded output)."""
    e = D(x).as_tuple().exponent
    return approx(x, Decimal(5) * Decimal(10) ** (e - 1))


def units(x, n):
    """n units of the last digit of x."""
    e = D(x).as_tuple().exponent
    return approx(x, Decimal(n) * Decimal(10) ** e)


def bounds(x, tol):
    """Both proven bounds of a rate within tol of x: the true rate is."""
    return {"[0]": approx(x, tol), "[1]": approx(x, tol)}


def case(cases, name, source, request, expected, notes=None):
    c = {"name": name, "source": source, "request": request, "expected": expected}
    if notes:
        c["notes"] = notes
    cases.append(c)


def tvm(solve, rate=None, ppy=None, **kw):
    r = {"op": "tvm", "solve": solve}
    if rate is not None:
        r["rate"] = rate
    if ppy:
        r["periods_per_year"] = ppy
    r.update({k: (str(v) if isinstance(v, float) else v) for k, v in kw.items() if v is not None})
    return r


def flows(values, ppy=1, **kw):
    r = {"op": "yield", "cash_flows": [str(v) for v in values], "periods_per_year": ppy}
    r.update(kw)
    return r


def err(code, path=None):
    e = {"code": code}
    if path:
        e["path"] = path
    return {"ok": False, "error": e}


def npv_sign(values, r):
    """The sign of the NPV at r, in floating point: it only locates which
    root is which (a root nearer a grid point than rounding is not in any
    of these suites' flows)."""
    x = 1.0 / (1.0 + r)
    s = 0.0
    for v in reversed(values):
        s = s * x + v
    return (s > 0) - (s < 0)


def root_count(values):
    """How many sign changes the exact NPV shows on a grid of 1/1000 from
    −99% to 1000% a period — whether repay lists roots[] or one rate."""
    return root_index(values, 10)


def root_index(values, near):
    """Which of repay's roots (ascending, each a sign change of the NPV
    between −99% and 1000%) the suite's value `near` is: the sign changes
    on a grid of 1/1000 below it. Only picks the index."""
    values = [float(v) for v in values]
    top = min(float(near) - 0.01, 10.0)
    count, prev, k = 0, npv_sign(values, -0.99), 1
    while -0.99 + k / 1000 <= top:
        sgn = npv_sign(values, -0.99 + k / 1000)
        if sgn and prev and sgn != prev:
            count += 1
        if sgn:
            prev = sgn
        k += 1
    return count


# ---------------------------------------------------------------- numpy-financial
NOT_EXPRESSIBLE = {"numpy-financial": [
    ("TestFinancial.test_when, test_decimal_with_when (12 asserts)",
     "each asserts two spellings of numpy's `when` (1 and 'begin', 0 and 'end') give the same "
     "answer: a property of numpy's argument parsing, with no expected value; repay has one "
     "spelling (type 0/1), whose answers are checked below"),
    ("TestNpv.test_fuzz, TestMirr.test_fuzz, TestNper.test_fuzz",
     "hypothesis fuzzing: random inputs, nothing asserted but that numpy does not crash"),
    ("TestNpv.test_invalid_rates_shape, test_invalid_cashflows_shape, "
     "TestMirr.test_mismatching_rates_raise",
     "array shapes of numpy's broadcasting (a 2-d rate, a 3-d cash-flow array): repay takes "
     "one question per request"),
    ("TestRate.test_rate_maximum_iterations_exception_*",
     "numpy's raise_exceptions flag (IterationsExceededError); the same inputs' answer (no "
     "rate: null, no_root) is checked by npf-rate-infeasible-* and npf-rate-gh48-4"),
    ("TestIpmt.test_0d_inputs",
     "asserts numpy returns a scalar for 0-d array input: a Python type, not a value"),
    ("TestIrr.test_npv_irr_congruence",
     "npv(irr(x), x) ≈ 0 composes two calls; repay's irr bounds are proven to bracket the NPV's "
     "sign change, which is the property, but no single request states it"),
    ("TestIrr.test_gh_15",
     "flows down to 1.3e-313 (beyond repay's 40 decimal places) and an IRR of −99.99999991%, "
     "below the −99% a period where repay's root search starts"),
]}


def numpy_financial():
    c = []
    T = f"{SUITES['numpy-financial']} numpy_financial/tests/test_financial.py"
    DOC = f"{SUITES['numpy-financial']} numpy_financial/_financial.py docstring (run by CI: spin test -- --doctest-modules)"
    dec28 = ("numpy asserts equality with its own 28-digit Decimal arithmetic, whose every operation "
             "rounds: its last digits are rounding noise, so no exact answer can equal it. Compared "
             "within 100 units of its last (28th significant) digit (1000 for pmt and ppmt, whose "
             "division chains are longer: they differ by 126 and 362 units) — looser than the "
             "suite's equality, said so here; still better than 1e-23 relative")
    repr_note = ("a doctest prints the double numpy computed, to its full repr; that double carries the "
                 "float arithmetic's rounding error, so the exact answer is compared within 1e-12 "
                 "relative — looser than the doctest's text equality, said so here")

    # --- TestPV
    case(c, "npf-pv", f"{T} TestPV.test_pv (rtol 1e-2)", tvm("pv", "0.07", nper=20, pmt=12000, fv=0),
         {"pv": rtol("-127128.17", "1e-2")})
    case(c, "npf-pv-decimal", f"{T} TestPV.test_pv_decimal (assert_equal)", tvm("pv", "0.07", nper=20, pmt=12000, fv=0),
         {"pv": units("-127128.1709461939327295222005", 100)}, dec28)
    # --- TestRate
    case(c, "npf-rate", f"{T} TestRate.test_rate (rtol 1e-4)", tvm("rate", nper=10, pmt=0, pv=-3500, fv=10000),
         {"rate": rtol("0.1107", "1e-4")})
    for when in (0, 1):
        case(c, f"npf-rate-infeasible-type{when}",
             f"{T} TestRate.test_rate_with_infeasible_solution (number_type Decimal and float, when {when} and "
             f"'{'begin' if when else 'end'}': NaN)",
             tvm("rate", nper=12, pmt=400, pv=10000, fv=5000, type=when),
             {"rate": None, "warnings": [{"code": "no_root"}]},
             "NaN in numpy (pmt, pv and fv all of one sign: no rate repays); repay answers null with a "
             "no_root warning")
    case(c, "npf-rate-decimal", f"{T} TestRate.test_rate_decimal (assert_equal)",
         tvm("rate", nper=10, pmt=0, pv=-3500, fv=10000, precision="1e-20"),
         {"rate_bounds": bounds("0.1106908537142689284704528100", "0.000001")},
         "numpy asserts equality with where its Decimal Newton iteration stopped, and it stops once a "
         "step is below its tol, 1e-6 (npf.rate's documented default): the true rate, "
         "(10000/3500)^(1/10) − 1 = 0.11069085371075…, differs from that stopping point by 3.5e-12. "
         "Compared at the iteration's own tolerance 1e-6 — looser than the suite's equality, said "
         "so here; both proven bounds must lie within it")
    gh48 = [("-593.06", "214.07", "-0.39920185"), ("-4725.38", "4509.97", "-0.02305873"),
            ("-662.05", "224.11", "-0.41818459"), ("-428.78", "686.29", "0.26513414"),
            ("-13.65", "-329.67", None)]
    for i, (pv, fv, want) in enumerate(gh48):
        case(c, f"npf-rate-gh48-{i}", f"{T} TestRate.test_gh48 [{i}] (rtol 1e-7)",
             tvm("rate", nper=2, pmt=0, pv=pv, fv=fv),
             {"rate": rtol(want)} if want else {"rate": None, "warnings": [{"code": "no_root"}]},
             None if want else "NaN in numpy: no rate; repay answers null with a no_root warning")
    # --- TestNpv (numpy's npv does not discount the first value; nor does repay's)
    case(c, "npf-npv", f"{T} TestNpv.test_npv (rtol 1e-2)",
         flows([-15000, 1500, 2500, 3500, 4500, 6000], discount_rate="5%", npv_places=12),
         {"npv": rtol("122.89", "1e-2")})
    case(c, "npf-npv-rate-minus-1", f"{T} TestNpv.test_rate_of_negative_one_returns_nan (rate -1 and -1.0)",
         flows([0, 1, 2, 3, 4], discount_rate="-100%"), err("invalid_value", "$.discount_rate"),
         "NaN in numpy (a discount rate of −100% divides by zero); repay refuses the rate")
    # --- TestPmt
    case(c, "npf-pmt", f"{T} TestPmt.test_pmt_simple (rtol 1e-7)", tvm("pmt", "8%", 12, nper=60, pv=15000),
         {"pmt": rtol("-304.145914")})
    case(c, "npf-pmt-zero-rate", f"{T} TestPmt.test_pmt_zero_rate (rtol 1e-7)", tvm("pmt", "0", nper=60, pv=15000),
         {"pmt": rtol("-250")})
    for i, (r, n, pv, want) in enumerate([("0", 12, 2000, "-166.66667"), ("0.8", 3, 20000, "-19311.258"),
                                          ("0.3", 12, 2000, "-626.90814"), ("0.8", 3, 20000, "-19311.258")]):
        case(c, f"npf-pmt-broadcast-{i}", f"{T} TestPmt.test_pmt_broadcast [{i // 2}][{i % 2}] (rtol 1e-7)",
             tvm("pmt", r, nper=n, pv=pv), {"pmt": rtol(want)})
    case(c, "npf-pmt-decimal", f"{T} TestPmt.test_pmt_decimal_simple (assert_equal)", tvm("pmt", "8%", 12, nper=60, pv=15000),
         {"pmt": units("-304.1459143262052370338701494", 1000)}, dec28)
    case(c, "npf-pmt-decimal-zero-rate", f"{T} TestPmt.test_pmt_decimal_zero_rate (assert_equal)",
         tvm("pmt", "0", nper=60, pv=15000), {"pmt": "-250"})
    for i, (r, n, pv, want) in enumerate([("0", 12, 2000, "-166.6666666666666666666666667"),
                                          ("0.8", 3, 20000, "-19311.25827814569536423841060"),
                                          ("0.3", 12, 2000, "-626.9081401700757748402586600"),
                                          ("0.8", 3, 20000, "-19311.25827814569536423841060")]):
        case(c, f"npf-pmt-decimal-broadcast-{i}", f"{T} TestPmt.test_pmt_decimal_broadcast [{i // 2}][{i % 2}] (assert_equal)",
             tvm("pmt", r, nper=n, pv=pv), {"pmt": units(want, 100)}, dec28)
    # --- TestMirr
    for i, (vals, f, r, want) in enumerate((([-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000], "0.08", "0.055", "0.0666"),
                                            ([-120000, 39000, 30000, 21000, 37000, 46000], "0.10", "0.12", "0.126094"),
                                            ([100, 200, -50, 300, -200], "0.05", "0.06", "0.3428"))):
        tol = Decimal(10) ** D(want).as_tuple().exponent
        case(c, f"npf-mirr-{i}", f"{T} TestMirr.test_mirr [{i}] (atol 10^-(places of expected) = {tol})",
             flows(vals, mirr={"finance_rate": f, "reinvest_rate": r}), {"mirr": approx(want, tol)})
    case(c, "npf-mirr-nan", f"{T} TestMirr.test_mirr [3] (NaN) and test_mirr_no_real_solution_exception",
         flows([39000, 30000, 21000, 37000, 46000], mirr={"finance_rate": "0.10", "reinvest_rate": "0.12"}),
         {"mirr": None}, "NaN in numpy (NoRealSolutionError with raise_exceptions); repay answers null with a no_mirr warning")
    bvals = [[-4500, -800, 800, 800, 600], [-120000, 39000, 30000, 21000, 37000], [100, 200, -50, 300, -200]]
    bwant = [["-0.1784449", "-0.17328716", "-0.1684366"], ["0.04627293", "0.05437856", "0.06252201"],
             ["0.35712458", "0.40628857", "0.44435295"]]
    rates = list(zip(["0.05", "0.08", "0.10"], ["0.08", "0.10", "0.12"]))
    for i, vals in enumerate(bvals):
        for j, (f, r) in enumerate(rates):
            case(c, f"npf-mirr-broadcast-{i}{j}", f"{T} TestMirr.test_mirr_broadcast [{i}][{j}] (Google Sheets, rtol 1e-7)",
                 flows(vals, mirr={"finance_rate": f, "reinvest_rate": r}), {"mirr": rtol(bwant[i][j])})
            case(c, f"npf-mirr-doctest-broadcast-{i}{j}", f"{DOC} mirr(values, finance_rate, reinvestment_rate) [{i}][{j}] (8 significant digits printed)",
                 flows(vals, mirr={"finance_rate": f, "reinvest_rate": r}), {"mirr": half_unit(bwant[i][j])})
    # --- TestNper
    case(c, "npf-nper-zero-rate", f"{T} TestNper.test_basic_values [0] (rtol 1e-5)", tvm("nper", "0", pmt=-2000, pv=0, fv=100000),
         {"nper": rtol("50", "1e-5")})
    case(c, "npf-nper", f"{T} TestNper.test_basic_values [1] (Google Sheets, rtol 1e-5)", tvm("nper", "0.075", pmt=-2000, pv=0, fv=100000),
         {"nper": rtol("21.544944", "1e-5")})
    case(c, "npf-nper-gh18", f"{T} TestNper.test_gh_18 (rtol 1e-7)", tvm("nper", "0.1", pmt=0, pv=-500, fv=1500),
         {"nper": rtol("11.52670461")})
    case(c, "npf-nper-infinite", f"{T} TestNper.test_infinite_payments (inf)", tvm("nper", "0", pmt="0", pv=1000),
         err("invalid_value"),
         "numpy returns inf (no payment at no interest never repays); repay refuses it as an error")
    case(c, "npf-nper-no-interest", f"{T} TestNper.test_no_interest (== 10)", tvm("nper", "0", pmt=-100, pv=1000),
         {"nper_bounds": {"[0]": approx("10", "0"), "[1]": approx("10", "0")}})
    for when, want in ((0, "21.5449442"), (1, "20.76156441")):
        case(c, f"npf-nper-broadcast-type{when}", f"{T} TestNper.test_broadcast [{when}] (assert_allclose(…, 4): rtol 4)",
             tvm("nper", "0.075", pmt=-2000, pv=0, fv=100000, type=when), {"nper": rtol(want, "4")},
             "the test passes 4 as assert_allclose's third argument, rtol: a tolerance of 4 × the value, as "
             "the suite asserts (repay agrees to far better: see npf-nper)")
    # --- TestPpmt
    case(c, "npf-ppmt", f"{T} TestPpmt.test_float (rtol 1e-4)", tvm("ppmt", "10%", 12, per=1, nper=60, pv=55000),
         {"ppmt": rtol("-710.25", "1e-4")})
    case(c, "npf-ppmt-decimal", f"{T} TestPpmt.test_decimal (assert_equal)", tvm("ppmt", "10%", 12, per=1, nper=60, pv=55000),
         {"ppmt": units("-710.2541257864217612489830917", 1000)}, dec28)
    for when, want in ((1, "-1158.929712"), (0, "-710.254126")):
        case(c, f"npf-ppmt-type{when}", f"{T} TestPpmt.test_when_is_{'begin' if when else 'end'} (Google Sheets, rtol 1e-9)",
             tvm("ppmt", "10%", 12, per=1, nper=60, pv=55000, fv=0, type=when), {"ppmt": rtol(want, "1e-9")})
    for when, want in ((1, "-302.131703"), (0, "-204.145914")):
        case(c, f"npf-ppmt-decimal-type{when}", f"{T} TestPpmt.test_when_is_{'begin' if when else 'end'}_decimal (tol 1e-5)",
             tvm("ppmt", "8%", 12, per=1, nper=60, pv=15000, fv=0, type=when), {"ppmt": approx(want, "0.00001")})
    case(c, "npf-ppmt-per-0", f"{T} TestPpmt.test_invalid_per [0] (NaN)", tvm("ppmt", "10%", 12, per=0, nper=60, pv=15000),
         err("out_of_range", "$.per"), "NaN in numpy: there is no period 0; repay refuses it")
    case(c, "npf-ppmt-per-0-decimal", f"{T} TestPpmt.test_invalid_per [1] (NaN)", tvm("ppmt", "0.012", per=0, nper=60, pv=15000),
         err("out_of_range", "$.per"), "NaN in numpy: there is no period 0; repay refuses it")
    for k, (per, when, want) in enumerate(((1, 0, "-75.62318601"), (2, 0, "-76.25337923"), (3, 0, "-76.88882405"), (4, 0, "-77.52956425"),
                                           (1, 0, "-75.62318601"), (2, 1, "-75.62318601"), (3, 0, "-76.88882405"), (4, 1, "-76.88882405"))):
        variant = "when None" if k < 4 else "when [0, 1, 'end', 'begin']"
        req = tvm("ppmt", "10%", 12, per=per, nper=24, pv=2000, fv=0, type=when)
        case(c, f"npf-ppmt-broadcast-{k}", f"{T} TestPpmt.test_broadcast ({variant}) per {per} (rtol 1e-5)", req, {"ppmt": rtol(want, "1e-5")})
        case(c, f"npf-ppmt-broadcast-decimal-{k}", f"{T} TestPpmt.test_broadcast_decimal ({variant}) per {per} (tol 1e-8)", req,
             {"ppmt": approx(want, "0.00000001")})
    # --- TestIpmt
    req = tvm("ipmt", "10%", 12, per=1, nper=24, pv=2000)
    case(c, "npf-ipmt", f"{T} TestIpmt.test_float (rtol 1e-6)", req, {"ipmt": rtol("-16.666667", "1e-6")})
    case(c, "npf-ipmt-decimal", f"{T} TestIpmt.test_decimal (==)", req, {"ipmt": units("-16.66666666666666666666666667", 100)}, dec28)
    for when in (1, 0):
        r = tvm("ipmt", "10%", 12, per=1, nper=24, pv=2000, fv=0, type=when)
        if when:
            case(c, "npf-ipmt-begin", f"{T} TestIpmt.test_when_is_begin and test_when_is_begin_decimal (== 0)", r, {"ipmt": "0"})
        else:
            case(c, "npf-ipmt-end", f"{T} TestIpmt.test_when_is_end (rtol 1e-6)", r, {"ipmt": rtol("-16.666667", "1e-6")})
            case(c, "npf-ipmt-end-decimal", f"{T} TestIpmt.test_when_is_end_decimal (tol 1e-5)", r, {"ipmt": approx("-16.666667", "0.00001")})
    case(c, "npf-ipmt-gh17-0", f"{T} TestIpmt.test_gh_17 per 0 (NaN)",
         tvm("ipmt", "0.001988079518355057", per=0, nper=360, pv=300000, type=1), err("out_of_range", "$.per"),
         "NaN in numpy: there is no period 0; repay refuses it")
    for per, want in ((1, "0"), (2, "-594.107158"), (3, "-592.971592")):
        case(c, f"npf-ipmt-gh17-{per}", f"{T} TestIpmt.test_gh_17 per {per} (Google Sheets, rtol 1e-6)",
             tvm("ipmt", "0.001988079518355057", per=per, nper=360, pv=300000, type=1),
             {"ipmt": rtol(want, "1e-6") if want != "0" else "0"})
    case(c, "npf-ipmt-broadcast-0", f"{T} TestIpmt.test_broadcasting per 0 (NaN)", tvm("ipmt", "10%", 12, per=0, nper=24, pv=2000),
         err("out_of_range", "$.per"), "NaN in numpy: there is no period 0; repay refuses it")
    for per, want in ((1, "-16.66666667"), (2, "-16.03647345"), (3, "-15.40102862"), (4, "-14.76028842")):
        r = tvm("ipmt", "10%", 12, per=per, nper=24, pv=2000)
        case(c, f"npf-ipmt-broadcast-{per}", f"{T} TestIpmt.test_broadcasting per {per} (rtol 1e-6)", r, {"ipmt": rtol(want, "1e-6")})
        case(c, f"npf-ipmt-broadcast-decimal-{per}", f"{T} TestIpmt.test_decimal_broadcasting per {per} (tol 1e-4)", r,
             {"ipmt": approx(want, "0.0001")})
    # --- TestFv
    r = tvm("fv", "0.075", nper=20, pmt=-2000, pv=0, type=0)
    case(c, "npf-fv", f"{T} TestFv.test_float (rtol 1e-10)", r, {"fv": rtol("86609.362673042924", "1e-10")})
    case(c, "npf-fv-decimal", f"{T} TestFv.test_decimal (tol 1e-10)", r, {"fv": approx("86609.36267304300040536731624", "1E-10")})
    case(c, "npf-fv-end", f"{T} TestFv.test_when_is_end_float (Google Sheets, rtol 1e-10)", r, {"fv": rtol("86609.362673", "1e-10")})
    case(c, "npf-fv-end-decimal", f"{T} TestFv.test_when_is_end_decimal (tol 5)", r, {"fv": approx("86609.362673", "5")})
    r = tvm("fv", "0.075", nper=20, pmt=-2000, pv=0, type=1)
    case(c, "npf-fv-begin", f"{T} TestFv.test_when_is_begin_float (Google Sheets, rtol 1e-10)", r, {"fv": rtol("93105.064874", "1e-10")})
    case(c, "npf-fv-begin-decimal", f"{T} TestFv.test_when_is_begin_decimal (tol 5)", r, {"fv": approx("93105.064874", "5")})
    for r_, when, want in (("0.1", 0, "-610.51"), ("0.1", 1, "-671.561"), ("0.2", 0, "-744.16"), ("0.2", 1, "-892.992")):
        case(c, f"npf-fv-broadcast-{r_}-type{when}", f"{T} TestFv.test_broadcast rate {r_} when {when} (Google Sheets, rtol 1e-10)",
             tvm("fv", r_, nper=5, pmt=100, pv=0, type=when), {"fv": rtol(want, "1e-10")})
    for r_, want in (("0", "-500"), ("0.1", "-610.51")):
        case(c, f"npf-fv-some-rates-zero-{r_}", f"{T} TestFv.test_some_rates_zero rate {r_} (rtol 1e-10)",
             tvm("fv", r_, nper=5, pmt=100, pv=0), {"fv": rtol(want, "1e-10")})
    # --- TestIrr
    basic = [([-150000, 15000, 25000, 35000, 45000, 60000], "0.0524"), ([-100, 0, 0, 74], "-0.0955"),
             ([-100, 39, 59, 55, 20], "0.28095"), ([-100, 100, 0, -7], "-0.0833"),
             ([-100, 100, 0, 7], "0.06206"), ([-5, 10.5, 1, -8, 1], "0.0886")]

    def irr_case(name, src, vals, exp, extra=None):
        if root_count(vals) > 1:
            k = root_index(vals, exp["approx"])
            case(c, name, src, flows(vals), {"roots": {f"[{k}]": {"irr_periodic": exp}}},
                 f"several rates fit these flows: repay lists every rate, ascending (numpy's iteration "
                 f"finds one); the suite's is roots[{k}]" + (f". {extra}" if extra else ""))
        else:
            case(c, name, src, flows(vals), {"irr_periodic": exp}, extra)

    for i, (vals, want) in enumerate(basic):
        irr_case(f"npf-irr-{i}", f"{T} TestIrr.test_basic_values [{i}] (rtol 1e-2)", vals, rtol(want, "1e-2"))
    irr_case("npf-irr-trailing-zeros", f"{T} TestIrr.test_trailing_zeros (rtol 1e-2)", [-5, 10.5, 1, -8, 1, 0, 0, 0], rtol("0.0886", "1e-2"))
    for i, v in enumerate([(1, 2, 3), (-1, -2, -3)]):
        case(c, f"npf-irr-gh6744-{i}", f"{T} TestIrr.test_numpy_gh_6744 [{i}] (NaN)", flows(list(v)),
             {"irr_periodic": None, "warnings": [{"code": "no_root"}]}, "NaN in numpy; repay null with a no_root warning")
    gh39 = ["-217500.0", "-217500.0", "108466.80462450592", "101129.96439328062", "93793.12416205535", "86456.28393083003",
            "79119.44369960476", "71782.60346837944", "64445.76323715414", "57108.92300592884", "49772.08277470355",
            "42435.24254347826", "35098.40231225296", "27761.56208102766", "20424.721849802358", "13087.88161857707",
            "5751.041387351768", "-1585.7988438735192", "-8922.639075098821", "-16259.479306324123", "-23596.31953754941",
            "-30933.159768774713", "-38270.0", "-45606.8402312253", "-52943.680462450604", "-60280.520693675906",
            "-67617.36092490121"]
    irr_case("npf-irr-gh39", f"{T} TestIrr.test_gh_39 (rtol 1e-7)", [D(v) for v in gh39], rtol("0.12"))
    irr_case("npf-irr-gh44", f"{T} TestIrr.test_gh_44 (Google Sheets, rtol 1e-4)",
             [D(v) for v in ["-1678.87", "771.96", "1814.05", "3520.30", "3552.95", "3584.99", "4789.91", "-1"]], rtol("1.00426", "1e-4"))
    case(c, "npf-irr-no-solution", f"{T} TestIrr.test_irr_no_real_solution_exception", flows([40000, 5000, 8000, 12000, 30000]),
         {"irr_periodic": None, "warnings": [{"code": "no_root"}]},
         "NoRealSolutionError in numpy (raise_exceptions=True); repay answers null with a no_root warning")
    # --- docstring examples (doctest: the printed text; a rounded print → half a unit of its last digit)
    case(c, "npf-fv-doctest", f"{DOC} npf.fv(0.05/12, 10*12, -100, -100) → 15692.92889433575",
         tvm("fv", "5%", 12, nper=120, pmt=-100, pv=-100), {"fv": rtol("15692.92889433575", "1e-12")}, repr_note)
    for r_, want in (("5%", "15692.92889434"), ("6%", "16569.87435405"), ("7%", "17509.44688102")):
        case(c, f"npf-fv-doctest-array-{r_}", f"{DOC} npf.fv(np.array((0.05, 0.06, 0.07))/12, 10*12, -100, -100) (8 places printed)",
             tvm("fv", r_, 12, nper=120, pmt=-100, pv=-100), {"fv": half_unit(want)})
    case(c, "npf-pmt-doctest", f"{DOC} npf.pmt(0.075/12, 12*15, 200000) → -1854.0247200054619",
         tvm("pmt", "7.5%", 12, nper=180, pv=200000), {"pmt": rtol("-1854.0247200054619", "1e-12")}, repr_note)
    case(c, "npf-nper-doctest", f"{DOC} np.round(npf.nper(0.07/12, -150, 8000), 5) → 64.07335",
         tvm("nper", "7%", 12, pmt=-150, pv=8000), {"nper": half_unit("64.07335")})
    grid = [[["-30.827", "-32.987", "-34.94"], ["-20.734", "-22.517", "-24.158"], ["-15.847", "-17.366", "-18.78"]],
            [["-28.294", "-30.168", "-31.857"], ["-19.417", "-21.002", "-22.453"], ["-15.025", "-16.398", "-17.67"]],
            [["-26.234", "-27.891", "-29.381"], ["-18.303", "-19.731", "-21.034"], ["-14.311", "-15.566", "-16.722"]]]
    for i, r_ in enumerate(["0.05", "0.06", "0.07"]):
        for j, pmt in enumerate([100, 200, 300]):
            for k, pv in enumerate([7000, 8000, 9000]):
                case(c, f"npf-nper-doctest-grid-{i}{j}{k}", f"{DOC} npf.nper([0.05, 0.06, 0.07], [100, 200, 300], [7_000, 8_000, 9_000]).round(3) [{i}][{j}][{k}]",
                     tvm("nper", r_, pmt=pmt, pv=pv), {"nper": approx(grid[i][j][k], "0.0005")},
                     "broadcast over rate, pmt and pv on the three axes in that order; printed to 3 places (half a unit: 0.0005)")
    table = [("-200.58", "-17.17", "2299.42"), ("-201.96", "-15.79", "2097.46"), ("-203.35", "-14.40", "1894.11"),
             ("-204.74", "-13.01", "1689.37"), ("-206.15", "-11.60", "1483.22"), ("-207.56", "-10.18", "1275.66"),
             ("-208.99", "-8.76", "1066.67"), ("-210.42", "-7.32", "856.25"), ("-211.87", "-5.88", "644.38"),
             ("-213.32", "-4.42", "431.05"), ("-214.79", "-2.96", "216.26"), ("-216.26", "-1.49", "-0.00")]
    src = f"{DOC} ipmt/ppmt of 2500 at 0.0824/12 over 12 months, printed '{{0:2d}} {{1:8.2f}} {{2:8.2f}} {{3:8.2f}}'"
    for per, (pp, ip, bal) in enumerate(table, 1):
        for solve, want in (("ppmt", pp), ("ipmt", ip)):
            case(c, f"npf-ipmt-doctest-{solve}-{per}", f"{src}, row {per}",
                 tvm(solve, "8.24%", 12, per=per, nper=12, pv=2500), {solve: approx(want, "0.005")})
        moved = D(bal) - D("2500")
        case(c, f"npf-ipmt-doctest-balance-{per}", f"{src}, row {per}: the balance {bal}",
             tvm("cumprinc", "8.24%", 12, nper=12, pv=2500, start_period=1, end_period=per),
             {"cumprinc": approx(str(moved), "0.005")},
             f"the balance column is 2500 plus the principal paid so far: CUMPRINC over periods 1 … {per} = {bal} − 2500")
    case(c, "npf-ipmt-doctest-sum", f"{DOC} np.round(np.sum(ipmt), 2) → -112.98",
         tvm("cumipmt", "8.24%", 12, nper=12, pv=2500, start_period=1, end_period=12), {"cumipmt": approx("-112.98", "0.005")},
         "the sum of the table's twelve ipmt values: CUMIPMT over periods 1 … 12")
    case(c, "npf-pv-doctest", f"{DOC} npf.pv(0.05/12, 10*12, -100, 15692.93) → -100.00067131625819",
         tvm("pv", "5%", 12, nper=120, pmt=-100, fv="15692.93"), {"pv": rtol("-100.00067131625819", "1e-12")}, repr_note)
    for r_, want in (("5%", "-100.00067132"), ("4%", "-649.26771385"), ("3%", "-1273.78633713")):
        case(c, f"npf-pv-doctest-array-{r_}", f"{DOC} npf.pv(np.array((0.05, 0.04, 0.03))/12, 10*12, -100, 15692.93) (8 places printed)",
             tvm("pv", r_, 12, nper=120, pmt=-100, fv="15692.93"), {"pv": half_unit(want)})
    for i, (vals, want) in enumerate([([-100, 39, 59, 55, 20], "0.28095"), ([-100, 0, 0, 74], "-0.0955"),
                                      ([-100, 100, 0, -7], "-0.0833"), ([-100, 100, 0, 7], "0.06206"),
                                      ([-5, 10.5, 1, -8, 1], "0.0886")]):
        irr_case(f"npf-irr-doctest-{i}", f"{DOC} round(npf.irr({vals}), 5) → {want}", vals, approx(want, "0.000005"),
                 "round(x, 5) printed: within half a unit of the 5th place")
    for i, (vals, want) in enumerate([([-100, 0, 0, 74], "-0.0955"), ([-100, 100, 0, 7], "0.06206")]):
        irr_case(f"npf-irr-doctest-array-{i}", f"{DOC} npf.irr([[-100, 0, 0, 74], [-100, 100, 0, 7]]).round(5) [{i}]", vals,
                 approx(want, "0.000005"))
    case(c, "npf-npv-doctest", f"{DOC} np.round(npf.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]), 5) → 3065.22267",
         flows([-40000, 5000, 8000, 12000, 30000], discount_rate="8%", npv_places=5), {"npv": "3065.22267"},
         "np.round(x, 5) is round half even, as npv_places is")
    case(c, "npf-npv-doctest-first-zero", f"{DOC} cashflows[0] = 0; np.round(npf.npv(rate, cashflows) + initial_cashflow, 5) → 3065.22267",
         flows([0, 5000, 8000, 12000, 30000], discount_rate="8%", npv_places=5), {"npv": str(D("3065.22267") - D("-40000"))},
         "the doctest adds the first flow (−40000) back to the NPV of the rest: repay's NPV of the rest is 3065.22267 + 40000")
    for i, (r_, vals, want) in enumerate([("0", [-4000, 500, 800], "-2700"), ("0", [-5000, 600, 900], "-3500"),
                                          ("5%", [-4000, 500, 800], "-2798.19"), ("5%", [-5000, 600, 900], "-3612.24"),
                                          ("10%", [-4000, 500, 800], "-2884.3"), ("10%", [-5000, 600, 900], "-3710.74")]):
        case(c, f"npf-npv-doctest-broadcast-{i}", f"{DOC} npf.npv([0.00, 0.05, 0.10], [[-4_000, 500, 800], [-5_000, 600, 900]]).round(2) [{i // 2}][{i % 2}]",
             flows(vals, discount_rate=r_, npv_places=2), {"npv": approx(want, "0")},
             ".round(2) is round half even, as npv_places is; numpy prints -2700. and -2884.3 without trailing zeros, so the value is compared exactly")
    case(c, "npf-mirr-doctest", f"{DOC} npf.mirr([-100, 50, -60, 70], 0.10, 0.12) → -0.03909366594356467",
         flows([-100, 50, -60, 70], mirr={"finance_rate": "0.10", "reinvest_rate": "0.12"}),
         {"mirr": approx("-0.03909366594356467", "0.000000000001")},
         "a double's full repr; repay prints MIRR to 12 places (correctly rounded), so compared within 1e-12")
    case(c, "npf-mirr-doctest-nan", f"{DOC} npf.mirr([-100, -50, -60, -70], 0.10, 0.12) → nan",
         flows([-100, -50, -60, -70], mirr={"finance_rate": "0.10", "reinvest_rate": "0.12"}), {"mirr": None})
    case(c, "npf-mirr-doctest-raise", f"{DOC} npf.mirr([100, 50, 60, 70], 0.10, 0.12, raise_exceptions=True) → NoRealSolutionError",
         flows([100, 50, 60, 70], mirr={"finance_rate": "0.10", "reinvest_rate": "0.12"}),
         {"mirr": None, "warnings": {"[-1]": {"code": "no_mirr"}}}, "all flows of one sign: repay answers null with a no_mirr warning")
    return c


# ---------------------------------------------------------------- formulajs
NOT_EXPRESSIBLE["formulajs"] = [
    ("test/financial.js ACCRINT, COUPDAYS, DISC, PRICEDISC, TBILLEQ, TBILLPRICE, TBILLYIELD, DOLLARDE, DOLLARFR",
     "securities and bond coupons (accrued interest, discount instruments, fractional dollar prices): "
     "repay prices loans, not securities"),
    ("test/financial.js DB, DDB, SLN, SYD", "depreciation schedules of an asset, not a loan's"),
    ("test/financial.js FVSCHEDULE", "a future value under a different rate each period: repay's tvm takes one rate"),
    ("test/financial.js EFFECT(-0.1, 4), NOMINAL(-0.1, 4) = #NUM!",
     "the spreadsheet refuses a negative rate; repay's rate of return is defined for it (−2.5% a quarter "
     "has an effective annual rate), so it answers rather than errs — a difference by design"),
]


def formulajs():
    c = []
    T = f"{SUITES['formulajs']} test/financial.js"
    TD = f"{SUITES['formulajs']} test/date-time.js"
    tol = "1e-9"  # approximately(x, 1e-9)
    p = lambda r: ("10%", 12) if r == "0.1/12" else ("6%", 12) if r == "0.06/12" else (r, None)

    def f(name, it, solve, rate, want, t=tol, notes=None, **kw):
        r, ppy = p(rate) if rate is not None else (None, None)
        exp = {solve: approx(want, t) if t else want}
        case(c, name, f"{T} it('{it}')", tvm(solve, r, ppy, **kw), exp, notes)

    def e(name, it, request, code="invalid_value", path=None, notes=None, src=T):
        case(c, name, f"{src} it('{it}')", request, err(code, path), notes)

    NUM = "#NUM! in the spreadsheet; repay refuses it"
    VAL = "#VALUE! in the spreadsheet (not a number); repay refuses it"
    # FV
    f("fjs-fv-1", "FV", "fv", "0.06/12", "2581.4033740601185", nper=10, pmt=-200, pv=-500, type=1)
    f("fjs-fv-2", "FV", "fv", "0.01", "12682.503013196976", nper=12, pmt=-1000, notes="0.12/12 is exactly 0.01 a period")
    case(c, "fjs-fv-3", f"{T} it('FV') FV(0.11/12, 35, -2000, undefined, 1)", tvm("fv", "11%", 12, nper=35, pmt=-2000, type=1),
         {"fv": approx("82846.24637190053", "2e-9")},
         "DISAGREES at the suite's 1e-9: formulajs's expected value is its double arithmetic's, 1.01e-9 above the exact "
         "answer 82846.246371899520082383… (Python's fractions give the same exact value; the double formula gives "
         "82846.24637190059). Compared within 2e-9 — looser than the suite's 1e-9, said so here")
    f("fjs-fv-4", "FV", "fv", "0.06/12", "2301.4018303408993", nper=12, pmt=-100, pv=-1000, type=1)
    f("fjs-fv-5", "FV", "fv", "0", "2200", t=None, nper=12, pmt=-100, pv=-1000, type=1)
    e("fjs-fv-invalid", "FV", tvm("fv", "invalid", nper=12, pmt=-100, pv=-1000, type=1), path="$.rate", notes=VAL)
    # NPER
    f("fjs-nper-1", "NPER", "nper", "0", "90", nper=None, pmt=-100, pv=-1000, fv=10000)
    f("fjs-nper-2", "NPER", "nper", "0.1/12", "63.39385422740764", pmt=-100, pv=-1000, fv=10000, type=0)
    f("fjs-nper-3", "NPER", "nper", "0.1/12", "63.016966422019685", pmt=-100, pv=-1000, fv=10000, type=1)
    f("fjs-nper-4", "NPER", "nper", "0.1/12", "63.39385422740764", pmt=-100, pv=-1000, fv=10000)
    f("fjs-nper-5", "NPER", "nper", "0.1/12", "-9.645090919837394", pmt=-100, pv=-1000)
    e("fjs-nper-invalid", "NPER", tvm("nper", "invalid", pmt=-100, pv=-1000), path="$.rate", notes=VAL)
    # MIRR
    case(c, "fjs-mirr", f"{T} it('MIRR')", flows([-75000, 12000, 15000, 18000, 21000, 24000], mirr={"finance_rate": "0.1", "reinvest_rate": "0.12"}),
         {"mirr": approx("0.07971710360838036", tol)})
    e("fjs-mirr-invalid", "MIRR", flows([-75000, 12000, 15000, 18000, 21000, 24000], mirr={"finance_rate": "invalid", "reinvest_rate": "0.12"}),
      path="$.mirr.finance_rate", notes=VAL)
    # PMT
    f("fjs-pmt-1", "PMT", "pmt", "0.06/12", "-129.0811608679973", nper=216, pv=0, fv=50000)
    f("fjs-pmt-2", "PMT", "pmt", "0.1/12", "-42075.45683100995", nper=24, pv=100000, fv=1000000, type=1)
    f("fjs-pmt-3", "PMT", "pmt", "0.1/12", "-42426.08563793503", nper=24, pv=100000, fv=1000000)
    f("fjs-pmt-4", "PMT", "pmt", "0.1/12", "-37811.59300418336", nper=24, pv=0, fv=1000000)
    f("fjs-pmt-5", "PMT", "pmt", "0.1/12", "-4614.49263375167", nper=24, pv=100000)
    f("fjs-pmt-6", "PMT", "pmt", "0", "-4166.666666666667", nper=24, pv=100000)
    e("fjs-pmt-invalid", "PMT", tvm("pmt", "invalid", nper=24, pv=100000), path="$.rate", notes=VAL)
    # PV
    f("fjs-pv-1", "PV", "pv", "0.1/12", "-29864.950264779152", nper=24, pmt=1000, fv=10000, type=0)
    f("fjs-pv-2", "PV", "pv", "0.1/12", "-30045.54072173169", nper=24, pmt=1000, fv=10000, type=1)
    f("fjs-pv-3", "PV", "pv", "0", "-34000", t=None, nper=24, pmt=1000, fv=10000, type=1)
    e("fjs-pv-invalid", "PV", tvm("pv", "invalid", nper=24, pmt=1000, fv=10000, type=1), path="$.rate", notes=VAL)
    # RATE
    guess = "RATE's guess ({}) only starts the spreadsheet's iteration: repay brackets every root, so the request has no guess"
    for i, (g, want) in enumerate([(None, "0.06517891177181546"), ("0.1", "0.06517891177181533"),
                                   ("0.75", "0.0651789117718154"), ("0.065", "0.06517891177181524")]):
        f(f"fjs-rate-{i}", "RATE", "rate", None, want, notes=guess.format(g) if g else None, nper=24, pmt=-1000, pv=-10000, fv=100000)
    f("fjs-rate-type1", "RATE", "rate", None, "0.0632395800018064", notes=guess.format("0.1"), nper=24, pmt=-1000, pv=-10000, fv=100000, type=1)
    e("fjs-rate-invalid", "RATE", tvm("rate", nper="invalid", pmt=-1000, pv=-10000, fv=100000, type=1), path="$.nper", notes=VAL)
    f("fjs-rate-5", "RATE", "rate", None, "0.007701472", nper=48, pmt=-200, pv=8000)
    f("fjs-rate-6", "RATE", "rate", None, "0.10646164", nper=37, pmt=-7200, pv=-40000, fv=4477839, type=0)
    f("fjs-rate-7", "RATE", "rate", None, "0.01651835816", nper=348, pmt="-13093.25", pv=790000,
      notes="-(157119/12) is exactly -13093.25")
    # IPMT / PPMT
    f("fjs-ipmt-1", "IPMT", "ipmt", "0.1/12", "928.8235718400465", per=6, nper=24, pv=100000, fv=1000000, type=0)
    f("fjs-ipmt-2", "IPMT", "ipmt", "0.1/12", "921.1473439736042", per=6, nper=24, pv=100000, fv=1000000, type=1)
    f("fjs-ipmt-3", "IPMT", "ipmt", "0.1/12", "0", t=None, per=1, nper=24, pv=100000, fv=1000000, type=1)
    f("fjs-ipmt-4", "IPMT", "ipmt", "0.1/12", "-833.3333333333334", per=1, nper=24, pv=100000, fv=1000000, type=0)
    e("fjs-ipmt-invalid", "IPMT", tvm("ipmt", "invalid", per=1, nper=24, pv=100000, fv=1000000, type=1), path="$.rate", notes=VAL)
    f("fjs-ppmt-1", "PPMT", "ppmt", "0.1/12", "-75.62318600836673", t="1e-8", per=1, nper=24, pv=2000, notes="approximately(x, 10e-9): 1e-8")
    f("fjs-ppmt-2", "PPMT", "ppmt", "0.08", "-27598.05346242135", t="1e-8", per=10, nper=10, pv=200000, notes="approximately(x, 10e-9): 1e-8")
    f("fjs-ppmt-3", "PPMT", "ppmt", "0.1/12", "-43354.909209775076", per=6, nper=24, pv=100000, fv=1000000, type=0)
    f("fjs-ppmt-4", "PPMT", "ppmt", "0.1/12", "-42996.60417498356", per=6, nper=24, pv=100000, fv=1000000, type=1)
    f("fjs-ppmt-5", "PPMT", "ppmt", "0.1/12", "-43354.909209775076", per=6, nper=24, pv=100000, fv=1000000)
    f("fjs-ppmt-6", "PPMT", "ppmt", "0.1/12", "-39413.55382706825", per=6, nper=24, pv=0, fv=1000000)
    f("fjs-ppmt-7", "PPMT", "ppmt", "0.1/12", "-3941.355382706826", per=6, nper=24, pv=100000)
    e("fjs-ppmt-invalid", "PPMT", tvm("ppmt", "invalid", per=6, nper=24, pv=100000), path="$.rate", notes=VAL)
    # CUMIPMT / CUMPRINC
    for solve, it, want0, want1, wantall0 in (("cumipmt", "CUMIPMT", "-9916.77251395708", "-9834.815716321069", "-19891.752778759568"),
                                              ("cumprinc", "CUMPRINC", "-614.0863271085149", "-609.0112334960476", "-1169.9649033716187")):
        f(f"fjs-{solve}-1", it, solve, "0.1/12", want0, nper=360, pv=100000, start_period=13, end_period=24, type=0)
        f(f"fjs-{solve}-2", it, solve, "0.1/12", want1, nper=360, pv=100000, start_period=13, end_period=24, type=1)
        f(f"fjs-{solve}-3", it, solve, "0.1/12", wantall0, nper=360, pv=100000, start_period=1, end_period=24, type=0)
        r10 = ("10%", 12)
        e(f"fjs-{solve}-negative-rate", it, tvm(solve, "-10%", 12, nper=360, pv=100000, start_period=13, end_period=24, type=0), path="$.rate", notes=NUM)
        e(f"fjs-{solve}-negative-nper", it, tvm(solve, *r10, nper=-360, pv=100000, start_period=13, end_period=24, type=0), path="$.nper", notes=NUM)
        e(f"fjs-{solve}-negative-pv", it, tvm(solve, *r10, nper=360, pv=-100000, start_period=13, end_period=24, type=0), path="$.pv", notes=NUM)
        e(f"fjs-{solve}-start-0", it, tvm(solve, *r10, nper=360, pv=100000, start_period=0, end_period=24, type=0), "out_of_range", "$.start_period", notes=NUM)
        e(f"fjs-{solve}-end-0", it, tvm(solve, *r10, nper=360, pv=100000, start_period=13, end_period=0, type=0), "out_of_range", "$.end_period", notes=NUM)
        e(f"fjs-{solve}-start-after-end", it, tvm(solve, *r10, nper=360, pv=100000, start_period=24, end_period=13, type=0), path="$.start_period", notes=NUM)
        e(f"fjs-{solve}-type-2", it, tvm(solve, *r10, nper=360, pv=100000, start_period=13, end_period=24, type=2), "out_of_range", "$.type", notes=NUM)
        e(f"fjs-{solve}-invalid", it, tvm(solve, "invalid", nper=360, pv=100000, start_period=13, end_period=24, type=0), path="$.rate", notes=VAL)
    f("fjs-cumprinc-4", "CUMPRINC", "cumprinc", "0.1/12", "-1986.7420529305305", nper=360, pv=100000, start_period=1, end_period=24, type=1)
    f("fjs-cumipmt-4", "CUMIPMT", "cumipmt", "0.005333", "-262.766924283291", nper=120, pv="737.17", start_period=1, end_period=120, type=0)
    f("fjs-cumipmt-5", "CUMIPMT", "cumipmt", "0.005333", "-257.462548900007", nper=120, pv="737.17", start_period=1, end_period=120, type=1)
    # EFFECT and NOMINAL, as rates of return: 1 grown over a year
    eff = "EFFECT(0.1, 4): 1 grows to 1.025 in a quarter (0.1/4), so its ear is the effective annual rate"
    case(c, "fjs-effect", f"{T} it('EFFECT')", flows(["-1", "1.025"], ppy=4), {"ear": approx("0.10381289062499977", tol)}, eff)
    case(c, "fjs-effect-4.5", f"{T} it('EFFECT') EFFECT(0.1, 4.5)", flows(["-1", "1.025"], ppy=4), {"ear": approx("0.10381289062499977", tol)},
         "the spreadsheet truncates npery 4.5 to 4 (the suite asserts the same value as EFFECT(0.1, 4)); repay takes whole "
         "periods only, so the request says 4")
    e("fjs-effect-rate-text", "EFFECT", flows(["-1", "Hello"], ppy=4), path="$.cash_flows[1]", notes=VAL + " (the rate enters as the grown amount)")
    e("fjs-effect-npery-text", "EFFECT", flows(["-1", "1.025"], ppy="World"), "wrong_type", "$.periods_per_year", notes=VAL)
    e("fjs-effect-npery-half", "EFFECT", flows(["-1", "1.025"], ppy=0.5), "wrong_type", "$.periods_per_year",
      notes="EFFECT(0.1, 0.5) is #NUM! (fewer than 1 period a year); repay refuses a non-whole periods_per_year")
    nom = "NOMINAL(0.1, 4): the quarterly rate that grows 1 to 1.1 in a year, times 4 — the apr of those flows"
    case(c, "fjs-nominal", f"{T} it('NOMINAL')", flows(["-1", "0", "0", "0", "1.1"], ppy=4), {"apr": approx("0.09645475633778045", tol)}, nom)
    case(c, "fjs-nominal-4.5", f"{T} it('NOMINAL') NOMINAL(0.1, 4.5)", flows(["-1", "0", "0", "0", "1.1"], ppy=4),
         {"apr": approx("0.09645475633778045", tol)}, "npery 4.5 truncated to 4 by the spreadsheet; " + nom)
    e("fjs-nominal-rate-text", "NOMINAL", flows(["-1", "0", "0", "0", "Hello"], ppy=4), path="$.cash_flows[4]", notes=VAL)
    e("fjs-nominal-npery-text", "NOMINAL", flows(["-1", "0", "0", "0", "1.1"], ppy="World"), "wrong_type", "$.periods_per_year", notes=VAL)
    e("fjs-nominal-npery-half", "NOMINAL", flows(["-1", "1.1"], ppy=0.5), "wrong_type", "$.periods_per_year",
      notes="NOMINAL(0.1, 0.5) is #NUM!; repay refuses a non-whole periods_per_year")
    # NPV (the spreadsheet discounts its first value a period: a 0 flow goes first)
    disc = "the spreadsheet's NPV discounts its first value one period; repay's flows start at t = 0, so a 0 flow goes first"
    for i, (r_, vals, want) in enumerate([("10%", [-10000, 2000, 4000, 8000], "1031.3503176012546"),
                                          ("10%", [-10000, 2000, 4000, 8000], "1031.3503176012546"),
                                          ("10%", [-75000], "-68181.81818181818"),
                                          ("12%", [12000, 15000, 18000, 21000, 24000], "62448.362521940246")]):
        case(c, f"fjs-npv-{i}", f"{T} it('NPV') [{i}]" + (" (values as an array)" if i == 1 else ""),
             flows([0] + vals, discount_rate=r_, npv_places=12), {"npv": approx(want, tol)}, disc)
    e("fjs-npv-invalid", "NPV", flows([0, 12000, 15000], discount_rate="invalid"), path="$.discount_rate", notes=VAL)
    # IRR
    base = [-75000, 12000, 15000, 18000, 21000, 24000]
    for i, (g, want) in enumerate([(None, "0.05715142887178467"), ("2-d range", "0.05715142887178467"), ("0.1", "0.05715142887178467"),
                                   ("0.075", "0.05715142887178447"), ("0.05", "0.05715142887178453")]):
        note = None
        if g == "2-d range":
            note = "IRR of a 3×2 range read row by row: the same flows"
        elif g:
            note = f"IRR's guess ({g}) only starts the spreadsheet's iteration: repay brackets every root"
        case(c, f"fjs-irr-{i}", f"{T} it('IRR')", flows(base), {"irr_periodic": approx(want, tol)}, note)
    for i, vals in enumerate([[12000, 15000, 18000, 21000, 24000], [-12000, -15000, -18000, -21000, -24000]]):
        case(c, f"fjs-irr-num-{i}", f"{T} it('IRR') (#NUM!: one sign)", flows(vals),
             {"irr_periodic": None, "warnings": [{"code": "no_root"}]}, "#NUM! in the spreadsheet; repay answers null with a no_root warning")
    case(c, "fjs-irr-invalid-guess", f"{T} it('IRR') IRR(…, 'invalid')", flows([-12000, -15000, -18000, -21000, -24000], precision="invalid"),
         err("invalid_value", "$.precision"),
         "#VALUE! for a guess that is not a number; repay takes no guess — its closest input, the precision, refused the same way")
    case(c, "fjs-irr-big", f"{T} it('IRR')", flows([-9765000, -24338874, -3354506, 814300, 1595562, 1975118, 1688159, 391944]),
         {"irr_periodic": approx("-0.33923419058193316", tol)})
    for i, note in enumerate([None, "nulls in the range are skipped by the spreadsheet: the same three flows",
                              "a column range with nulls: the same three flows"]):
        case(c, f"fjs-irr-escape-{i}", f"{T} it('should escape undefined value') [{i}]", flows([-4500, 3045, 2371]),
             {"irr_periodic": approx("0.13918184162670671", tol)}, note)
    case(c, "fjs-ispmt", f"{T} it('ISPMT') ISPMT(0.1/12, 6, 2*12, 100000) = -625",
         {"op": "schedule", "loan": {"principal": "100000", "rate": "10%", "term": 24, "method": "equal_principal"}},
         {"installments": {"[6]": {"interest": "625.00"}}},
         "ISPMT: the interest of period 6 (counted from 0) of an even-principal loan, paid out (negative) in the "
         "spreadsheet: 100000 × (1 − 6/24) × 0.1/12 = 625, repay's seventh installment's interest")
    e("fjs-ispmt-invalid", "ISPMT", {"op": "schedule", "loan": {"principal": "100000", "rate": "invalid", "term": 24, "method": "equal_principal"}},
      path="$.loan.rate", notes=VAL)
    case(c, "fjs-pduration", f"{T} it('PDURATION') PDURATION(0.1, 1000, 2000)", tvm("nper", "0.1", pmt=0, pv=-1000, fv=2000),
         {"nper": approx("7.272540897341714", tol)}, "PDURATION(r, pv, fv) = NPER(r, 0, −pv, fv)")
    for i, (args, path) in enumerate([(("Hello World!", -1000, 2000), "$.rate"), (("0.1", "Hello World!", 2000), "$.pv"),
                                      (("0.1", -1000, "Hello World!"), "$.fv")]):
        e(f"fjs-pduration-text-{i}", "PDURATION", tvm("nper", args[0], pmt=0, pv=args[1], fv=args[2]), path=path, notes=VAL)
    e("fjs-pduration-zero", "PDURATION", tvm("nper", "0", pmt=0, pv=-1000, fv=2000), path="$.pmt",
      notes="PDURATION(0, 1000, 2000) is #NUM!: at no interest and no payment nothing grows; repay refuses it (no number of periods)")
    e("fjs-pduration-negative", "PDURATION", tvm("nper", "-0.1", pmt=0, pv=-1000, fv=2000), path="$.rate",
      notes="PDURATION(-0.1, …) is #NUM!; repay refuses a negative rate for nper")
    case(c, "fjs-rri", f"{T} it('RRI') RRI(8, 10000, 11000)", tvm("rate", nper=8, pmt=0, pv=-10000, fv=11000),
         {"rate": approx("0.011985024140399592", tol)}, "RRI(n, pv, fv) = RATE(n, 0, −pv, fv)")
    e("fjs-rri-nan", "RRI", tvm("rate", nper="NaN", pmt=0, pv=-10000, fv=11000), path="$.nper", notes=VAL)
    e("fjs-rri-zero", "RRI", tvm("rate", nper=0, pmt=0, pv=-10000, fv=11000), "invalid_value", "$.nper",
      notes="RRI(0, …) is #NUM! (no periods); repay refuses nper 0")
    dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]
    vals = [-10000, 2750, 4250, 3250, 2750]
    dated = lambda vs: [{"date": d, "amount": str(v)} for d, v in zip(dates, vs)]
    case(c, "fjs-xirr", f"{T} it('XIRR') (within 1e-4)", {"op": "yield", "cash_flows": dated(vals)}, {"xirr": approx("0.373362535", "1e-4")})
    case(c, "fjs-xirr-one-sign", f"{T} it('XIRR') (all positive: #NUM!)", {"op": "yield", "cash_flows": dated([10000] + vals[1:])},
         {"xirr": None, "warnings": [{"code": "no_root"}]}, "#NUM! in the spreadsheet; repay answers null with a no_root warning")
    case(c, "fjs-xirr-invalid-guess", f"{T} it('XIRR') XIRR(…, 'invalid')", {"op": "yield", "cash_flows": dated(vals), "precision": "invalid"},
         err("invalid_value", "$.precision"), "#VALUE! for a guess that is not a number; repay takes no guess — its precision refused the same way")
    case(c, "fjs-xnpv", f"{T} it('XNPV') (within 0.1)", {"op": "yield", "cash_flows": dated(vals), "discount_rate": "9%"},
         {"npv": approx("2086.6718943024616", "0.1")})
    e("fjs-xnpv-invalid", "XNPV", {"op": "yield", "cash_flows": dated(vals), "discount_rate": "invalid"}, path="$.discount_rate", notes=VAL)
    # YEARFRAC and DAYS360 (test/date-time.js)
    def dc(name, it, conv, d1, d2, exp, notes=None, **kw):
        req = {"op": "day_count", "day_count": conv, "periods": [{"start": d1, "end": d2}]}
        req.update(kw)
        case(c, name, f"{TD} it('{it}')", req, {"periods": [exp]}, notes)
    yf = lambda x, t="1e-3": {"decimal": approx(x, t)}
    dc("fjs-yearfrac-0", "YEARFRAC", "30/360", "1900-01-01", "1900-01-02", yf("0.002777777777777778"), "basis omitted = 0, 30/360 US (NASD)")
    dc("fjs-yearfrac-0-b", "YEARFRAC", "30/360", "1900-01-31", "1900-03-31", yf("0.16666666666666666"))
    dc("fjs-yearfrac-0-c", "YEARFRAC", "30/360", "1900-01-31", "1900-02-01", yf("0.002777777777777778"))
    dc("fjs-yearfrac-0-d", "YEARFRAC", "30/360", "1900-01-30", "1900-03-31", yf("0.16666666666666666"))
    b1 = ("basis 1, actual/actual: dates in one calendar year count that year's days (ACT/ACT ISDA); dates at most a "
          "year apart across years count 366 if a February 29 falls between them, else 365 (ACT/365L's annual rule)")
    dc("fjs-yearfrac-1-a", "YEARFRAC", "ACT/ACT", "1900-01-01", "1900-01-02", yf("0.0027397260273972603"), b1)
    dc("fjs-yearfrac-1-b", "YEARFRAC", "ACT/365L", "1904-01-01", "1905-01-01", {"year_fraction": "1"}, b1, frequency="annual")
    dc("fjs-yearfrac-1-c", "YEARFRAC", "ACT/365L", "1903-05-01", "1904-05-01", {"year_fraction": "1"}, b1, frequency="annual")
    dc("fjs-yearfrac-1-d", "YEARFRAC", "ACT/ACT", "1904-01-01", "1904-01-02", yf("0.00273224043715847"), b1)
    dc("fjs-yearfrac-2", "YEARFRAC", "ACT/360", "1900-01-01", "1900-01-02", yf("0.002777777777777778"))
    dc("fjs-yearfrac-3", "YEARFRAC", "ACT/365", "1900-01-01", "1900-01-02", yf("0.0027397260273972603"))
    dc("fjs-yearfrac-4", "YEARFRAC", "30E/360", "1900-01-01", "1900-01-02", yf("0.002777777777777778"))
    for i, (d1, d2) in enumerate([("a", "1900-01-02"), ("1900-01-01", "a")]):
        req = {"op": "day_count", "day_count": "30/360", "periods": [{"start": d1, "end": d2}]}
        e(f"fjs-yearfrac-invalid-{i}", "YEARFRAC", req, path=f"$.periods[0].{'start' if i == 0 else 'end'}", notes=VAL, src=TD)
    for i, (d1, d2, eu, days) in enumerate([("1901-01-01", "1901-01-02", True, 1), ("1901-01-01", "1901-12-31", True, 359),
                                            ("1901-01-01", "1902-01-01", True, 360), ("1901-01-01", "1901-02-01", True, 30),
                                            ("1901-01-01", "1901-01-02", False, 1), ("1901-01-01", "1901-01-02", None, 1),
                                            ("1901-01-01", "1901-12-31", False, 360), ("1901-01-01", "1901-12-31", None, 360),
                                            ("1901-01-01", "1902-01-01", False, 360), ("1901-01-01", "1901-02-01", False, 30),
                                            ("1901-01-30", "1901-12-31", False, 330)]):
        dc(f"fjs-days360-{i}", "DAYS360", "30E/360" if eu else "30/360", d1, d2, {"days": days},
           "DAYS360(…, TRUE) is the European method (30E/360); FALSE or omitted the US method (30/360)")
    for i, (d1, d2, path) in enumerate([("1901-01-01", "a", "end"), ("a", "1901-01-02", "start")]):
        req = {"op": "day_count", "day_count": "30/360", "periods": [{"start": d1, "end": d2}]}
        e(f"fjs-days360-invalid-{i}", "DAYS360", req, path=f"$.periods[0].{path}", notes=VAL, src=TD)
    e("fjs-days360-invalid-method", "DAYS360", {"op": "day_count", "day_count": "a", "periods": [{"start": "1901-01-01", "end": "1901-01-02"}]},
      path="$.day_count", notes=VAL + " (the method)", src=TD)
    return c


# ---------------------------------------------------------------- QuantLib
NOT_EXPRESSIBLE["quantlib"] = [
    ("testActualActual: the 7 ActualActual::AFB cases", "ACT/ACT AFB (Euro) is not one of repay's day counts"),
    ("testActualActualIsma: the third (quarterly, not end of month, 1999-11-30 → 2000-04-30, expected "
     "91/364 + 61/360)",
     "DISAGREES: QuantLib rolls each quasi-coupon date from the one before (2000-02-29 + 3 months = "
     "2000-05-29, a 90-day period); repay's ACT/ACT ICMA grid is the anchor plus whole periods "
     "(1999-11-30 + 6 months = 2000-05-30, 91 days) and gives 152/364 = 0.417582… against 0.419444…; "
     "no request field moves repay's grid to QuantLib's, so no fixture is written"),
    ("testActualActualWithSemiannualSchedule: the daily loops; testActualActualWithAnnualSchedule; "
     "testActualActualWithSchedule: the 'with and without reference dates agree' checks",
     "each compares two QuantLib calls (with and without explicit reference dates, or against the "
     "test's own helper actualActualDaycountComputation): no expected value is written in the test"),
    ("testSimple, testOne", "SimpleDayCounter and the 1/1 day counter are not repay day counts"),
    ("testBusiness252", "Business/252 needs the Brazilian business-day calendar; repay ships the mainland calendar only"),
    ("testThirty365 (4 cases, days and year fraction)", "30/365 is not one of repay's day counts"),
    ("testAct36525 (14 cases)", "ACT/365.25 is not one of repay's day counts"),
    ("testAct366: the pair 2006-05-15 → 2006-03-17 (−0.16120218579235)",
     "a negative year fraction: repay's day_count takes the earlier date first (the reversed pair, "
     "0.16120218579235, is the next case and is checked)"),
    ("testActual365_Canadian", "ACT/365 Canadian (and its refusal of short or long reference periods) is not a repay day count"),
    ("testIntraday", "times of day (QL_HIGH_RESOLUTION_DATE): repay counts whole days"),
    ("testActualActualOutOfScheduleRange", "an exception for a date beyond a bond schedule: repay's ICMA grid is unbounded"),
    ("testActualConsistency", "relations between ACT/365, ACT/366, ACT/364, ACT/365.25 and ACT/360 (incl. last day) "
     "with no expected values; ACT/364, ACT/365.25 and ACT/360 inclusive are not repay day counts"),
    ("testYearFraction2DateBulk, testYearFraction2DateRounding",
     "the inverse (a date from a year fraction): repay's day_count goes from dates to fractions only"),
]


def quantlib():
    c = []
    T = f"{SUITES['quantlib']} test-suite/daycounters.cpp"
    MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                          "September", "October", "November", "December"], 1)}

    def d(day, month, year):
        m = MONTHS.get(month) or next(v for k, v in MONTHS.items() if k.startswith(month))
        return f"{year:04d}-{m:02d}-{day:02d}"

    def dc(name, test, conv, start, end, exp, notes=None, **kw):
        req = {"op": "day_count", "day_count": conv, "periods": [{"start": start, "end": end}]}
        req.update(kw)
        case(c, name, f"{T} {test}", req, {"periods": [exp]}, notes)

    # testActualActual: |calculated − expected| ≤ 1e-10
    aa = [("ISDA", (1, "November", 2003), (1, "May", 2004), None, "0.497724380567"),
          ("ISMA", (1, "November", 2003), (1, "May", 2004), ((1, "November", 2003), (1, "May", 2004)), "0.500000000000"),
          ("ISDA", (1, "February", 1999), (1, "July", 1999), None, "0.410958904110"),
          ("ISMA", (1, "February", 1999), (1, "July", 1999), ((1, "July", 1998), (1, "July", 1999)), "0.410958904110"),
          ("ISDA", (1, "July", 1999), (1, "July", 2000), None, "1.001377348600"),
          ("ISMA", (1, "July", 1999), (1, "July", 2000), ((1, "July", 1999), (1, "July", 2000)), "1.000000000000"),
          ("ISDA", (15, "August", 2002), (15, "July", 2003), None, "0.915068493151"),
          ("ISMA", (15, "August", 2002), (15, "July", 2003), ((15, "January", 2003), (15, "July", 2003)), "0.915760869565"),
          ("ISDA", (15, "July", 2003), (15, "January", 2004), None, "0.504004790778"),
          ("ISMA", (15, "July", 2003), (15, "January", 2004), ((15, "July", 2003), (15, "January", 2004)), "0.500000000000"),
          ("ISDA", (30, "July", 1999), (30, "January", 2000), None, "0.503892506924"),
          ("ISMA", (30, "July", 1999), (30, "January", 2000), ((30, "July", 1999), (30, "January", 2000)), "0.500000000000"),
          ("ISDA", (30, "January", 2000), (30, "June", 2000), None, "0.415300546448"),
          ("ISMA", (30, "January", 2000), (30, "June", 2000), ((30, "January", 2000), (30, "July", 2000)), "0.417582417582")]
    months_between = lambda a, b: (b[2] - a[2]) * 12 + MONTHS[b[1]] - MONTHS[a[1]]
    for i, (conv, s, e, ref, want) in enumerate(aa):
        exp = {"decimal": approx(want, "1e-10")}
        if conv == "ISDA":
            dc(f"ql-actact-{i}-isda", "testActualActual (ActualActual::ISDA, tol 1e-10)", "ACT/ACT", d(*s), d(*e), exp)
        else:
            n = months_between(*ref)
            freq = {6: "semiannual", 12: "annual"}[n]
            dc(f"ql-actact-{i}-isma", f"testActualActual (ActualActual::ISMA, reference period {d(*ref[0])} – {d(*ref[1])}, tol 1e-10)",
               "ACT/ACT ICMA", d(*s), d(*e), exp,
               f"QuantLib's reference period is a {freq} coupon period ending {d(*ref[1])}: repay's frequency {freq} "
               f"with that date as the grid's anchor", frequency=freq, anchor=d(*ref[1]))
    # testActualActualIsma (a schedule with odd last period), tol 1e-10
    dc("ql-isma-odd-last-semiannual", "testActualActualIsma (semiannual, not end of month: 152/(182·2))", "ACT/ACT ICMA",
       "2000-01-30", "2000-06-30", {"year_fraction": "38/91"}, "152/(182·2) = 38/91 exactly; the suite compares within 1e-10",
       frequency="semiannual", anchor="2000-01-30")
    dc("ql-isma-odd-last-quarterly-eom", "testActualActualIsma (quarterly, end of month: 91/(91·4) + 61/(92·4))", "ACT/ACT ICMA",
       "1999-11-30", "2000-04-30", {"year_fraction": "153/368"},
       "91/(91·4) + 61/(92·4) = 153/368 exactly; the schedule's grid keeps to month ends (1999-11-30, 2000-02-29, 2000-05-31)",
       frequency="quarterly", anchor="1999-11-30", end_of_month=True)
    # testActualActualWithSemiannualSchedule (US government bond calendar, unadjusted, backwards, end of month)
    W = "testActualActualWithSemiannualSchedule"
    sem = dict(frequency="semiannual", anchor="2017-08-31", end_of_month=True)
    for i, what in enumerate(["dayCounter (with schedule)", "dayCounterNoSchedule", "dayCounterNoSchedule with reference dates"]):
        dc(f"ql-semiannual-zero-{i}", f"{W} yearFraction(referencePeriodStart, referencePeriodStart) == 0 ({what})",
           "ACT/ACT ICMA", "2017-08-31", "2017-08-31", {"year_fraction": "0"}, None, **sem)
    for i, what in enumerate(["with schedule", "no schedule, explicit reference period"]):
        dc(f"ql-semiannual-half-{i}", f"{W} yearFraction(2017-08-31, 2018-02-28) == 0.5 ({what})",
           "ACT/ACT ICMA", "2017-08-31", "2018-02-28", {"year_fraction": "1/2"},
           "schedule.date(1), date(2) of the schedule from 2017-01-10, first coupon 2017-08-31, to 2026-02-28, backwards, end of month", **sem)
    dc("ql-semiannual-long-first", f"{W} long first coupon: 0.5 + dayCount(2017-01-10, 2017-02-28) / (2·dayCount(2016-08-31, 2017-02-28))",
       "ACT/ACT ICMA", "2017-01-10", "2017-08-31", {"year_fraction": str(Fraction(1, 2) + Fraction(49, 2 * 181))},
       "the test's expected value is written as that formula; the two actual day counts are 49 and 181, so 0.5 + 49/362 = "
       "115/181, compared exactly (the suite allows 1e-10)", **sem)
    # testActualActualWithSchedule (Canada calendar, unadjusted, backwards, end of month), tol 1e-10
    W = "testActualActualWithSchedule"
    for i, what in enumerate(["t_with_reference", "t_no_reference", "t_total"]):
        dc(f"ql-schedule-long-first-{i}", f"{W} long first coupon 2017-01-17 → 2017-08-31 = 0.6160220994 ({what})",
           "ACT/ACT ICMA", "2017-01-17", "2017-08-31", {"decimal": approx("0.6160220994", "1e-10")}, None, **sem)
    for i, what in enumerate(["t_with_reference", "t_no_reference"]):
        dc(f"ql-schedule-first-qp-{i}", f"{W} settlement in the first quasi-period: 2017-01-17 → 2017-01-29 = 0.03314917127071823 (12.0/362) ({what})",
           "ACT/ACT ICMA", "2017-01-17", "2017-01-29", {"decimal": approx("0.03314917127071823", "1e-10")}, None, **sem)
    dc("ql-schedule-rest", f"{W} t_expected_first_qp + yearFraction(2017-01-29, 2017-08-31) == 0.6160220994",
       "ACT/ACT ICMA", "2017-01-29", "2017-08-31", {"decimal": approx(str(D("0.6160220994") - D("0.03314917127071823")), "1e-10")},
       "the suite asserts the sum; the part from 2017-01-29 is its expected total less its expected first part", **sem)
    # 30/360 families: exact day counts
    bond = [(20, "August", 2006, 20, "February", 2007, 180), (20, "February", 2007, 20, "August", 2007, 180),
            (20, "August", 2007, 20, "February", 2008, 180), (20, "February", 2008, 20, "August", 2008, 180),
            (20, "August", 2008, 20, "February", 2009, 180), (20, "February", 2009, 20, "August", 2009, 180),
            (31, "August", 2006, 28, "February", 2007, 178), (28, "February", 2007, 31, "August", 2007, 183),
            (31, "August", 2007, 29, "February", 2008, 179), (29, "February", 2008, 31, "August", 2008, 182),
            (31, "August", 2008, 28, "February", 2009, 178), (28, "February", 2009, 31, "August", 2009, 183),
            (31, "January", 2006, 28, "February", 2006, 28), (30, "January", 2006, 28, "February", 2006, 28),
            (28, "February", 2006, 3, "March", 2006, 5), (14, "February", 2006, 28, "February", 2006, 14),
            (30, "September", 2006, 31, "October", 2006, 30), (31, "October", 2006, 28, "November", 2006, 28),
            (31, "August", 2007, 28, "February", 2008, 178), (28, "February", 2008, 28, "August", 2008, 180),
            (28, "February", 2008, 30, "August", 2008, 182), (28, "February", 2008, 31, "August", 2008, 183),
            (26, "February", 2007, 28, "February", 2008, 362), (26, "February", 2007, 29, "February", 2008, 363),
            (29, "February", 2008, 28, "February", 2009, 359), (28, "February", 2008, 30, "March", 2008, 32),
            (28, "February", 2008, 31, "March", 2008, 33)]
    for i, (a, b, y, a2, b2, y2, n) in enumerate(bond):
        dc(f"ql-30360-bond-{i}", "testThirty360_BondBasis (dayCount, exact)", "30/360 ISDA", d(a, b, y), d(a2, b2, y2), {"days": n},
           "Thirty360::BondBasis is 30/360 ISDA (the ISDA 2006 bond basis)" if i == 0 else None)
    euro = [(20, "August", 2006, 20, "February", 2007, 180), (20, "February", 2007, 20, "August", 2007, 180),
            (20, "August", 2007, 20, "February", 2008, 180), (20, "February", 2008, 20, "August", 2008, 180),
            (20, "August", 2008, 20, "February", 2009, 180), (20, "February", 2009, 20, "August", 2009, 180),
            (28, "February", 2006, 31, "August", 2006, 182), (31, "August", 2006, 28, "February", 2007, 178),
            (28, "February", 2007, 31, "August", 2007, 182), (31, "August", 2007, 29, "February", 2008, 179),
            (29, "February", 2008, 31, "August", 2008, 181), (31, "August", 2008, 28, "February", 2009, 178),
            (28, "February", 2009, 31, "August", 2009, 182), (31, "August", 2009, 28, "February", 2010, 178),
            (28, "February", 2010, 31, "August", 2010, 182), (31, "August", 2010, 28, "February", 2011, 178),
            (28, "February", 2011, 31, "August", 2011, 182), (31, "August", 2011, 29, "February", 2012, 179),
            (31, "January", 2006, 28, "February", 2006, 28), (30, "January", 2006, 28, "February", 2006, 28),
            (28, "February", 2006, 3, "March", 2006, 5), (14, "February", 2006, 28, "February", 2006, 14),
            (30, "September", 2006, 31, "October", 2006, 30), (31, "October", 2006, 28, "November", 2006, 28),
            (31, "August", 2007, 28, "February", 2008, 178), (28, "February", 2008, 28, "August", 2008, 180),
            (28, "February", 2008, 30, "August", 2008, 182), (28, "February", 2008, 31, "August", 2008, 182),
            (26, "February", 2007, 28, "February", 2008, 362), (26, "February", 2007, 29, "February", 2008, 363),
            (29, "February", 2008, 28, "February", 2009, 359), (28, "February", 2008, 30, "March", 2008, 32),
            (28, "February", 2008, 31, "March", 2008, 32)]
    for i, (a, b, y, a2, b2, y2, n) in enumerate(euro):
        dc(f"ql-30360-euro-{i}", "testThirty360_EurobondBasis (dayCount, exact)", "30E/360", d(a, b, y), d(a2, b2, y2), {"days": n},
           "Thirty360::EurobondBasis is 30E/360" if i == 0 else None)
    usa = [(20, "August", 2006, 20, "February", 2007, 180), (20, "February", 2007, 20, "August", 2007, 180),
           (20, "August", 2007, 20, "February", 2008, 180), (20, "February", 2008, 20, "August", 2008, 180),
           (20, "August", 2008, 20, "February", 2009, 180), (20, "February", 2009, 20, "August", 2009, 180),
           (31, "August", 2006, 28, "February", 2007, 178), (28, "February", 2007, 31, "August", 2007, 180),
           (31, "August", 2007, 29, "February", 2008, 179), (29, "February", 2008, 31, "August", 2008, 180),
           (31, "August", 2008, 28, "February", 2009, 178), (28, "February", 2009, 31, "August", 2009, 180),
           (31, "January", 2006, 28, "February", 2006, 28), (30, "January", 2006, 28, "February", 2006, 28),
           (28, "February", 2006, 3, "March", 2006, 3), (14, "February", 2006, 28, "February", 2006, 14),
           (30, "September", 2006, 31, "October", 2006, 30), (31, "October", 2006, 28, "November", 2006, 28),
           (31, "August", 2007, 28, "February", 2008, 178), (28, "February", 2008, 28, "August", 2008, 180),
           (28, "February", 2008, 30, "August", 2008, 182), (28, "February", 2008, 31, "August", 2008, 183),
           (26, "February", 2007, 28, "February", 2008, 362), (26, "February", 2007, 29, "February", 2008, 363),
           (29, "February", 2008, 28, "February", 2009, 360), (28, "February", 2008, 30, "March", 2008, 32),
           (28, "February", 2008, 31, "March", 2008, 33)]
    for i, (a, b, y, a2, b2, y2, n) in enumerate(usa):
        dc(f"ql-30360-usa-{i}", "testThirty360_USA (dayCount, exact)", "30/360", d(a, b, y), d(a2, b2, y2), {"days": n},
           "Thirty360::USA is 30/360 US (SIA)" if i == 0 else None)
    isda = [("2009-08-20", [(20, "August", 2006, 20, "February", 2007, 180), (20, "February", 2007, 20, "August", 2007, 180),
                            (20, "August", 2007, 20, "February", 2008, 180), (20, "February", 2008, 20, "August", 2008, 180),
                            (20, "August", 2008, 20, "February", 2009, 180), (20, "February", 2009, 20, "August", 2009, 180)]),
            ("2012-02-29", [(28, "February", 2006, 31, "August", 2006, 180), (31, "August", 2006, 28, "February", 2007, 180),
                            (28, "February", 2007, 31, "August", 2007, 180), (31, "August", 2007, 29, "February", 2008, 180),
                            (29, "February", 2008, 31, "August", 2008, 180), (31, "August", 2008, 28, "February", 2009, 180),
                            (28, "February", 2009, 31, "August", 2009, 180), (31, "August", 2009, 28, "February", 2010, 180),
                            (28, "February", 2010, 31, "August", 2010, 180), (31, "August", 2010, 28, "February", 2011, 180),
                            (28, "February", 2011, 31, "August", 2011, 180), (31, "August", 2011, 29, "February", 2012, 179)]),
            ("2008-02-29", [(31, "January", 2006, 28, "February", 2006, 30), (30, "January", 2006, 28, "February", 2006, 30),
                            (28, "February", 2006, 3, "March", 2006, 3), (14, "February", 2006, 28, "February", 2006, 16),
                            (30, "September", 2006, 31, "October", 2006, 30), (31, "October", 2006, 28, "November", 2006, 28),
                            (31, "August", 2007, 28, "February", 2008, 178), (28, "February", 2008, 28, "August", 2008, 180),
                            (28, "February", 2008, 30, "August", 2008, 182), (28, "February", 2008, 31, "August", 2008, 182),
                            (28, "February", 2007, 28, "February", 2008, 358), (28, "February", 2007, 29, "February", 2008, 359),
                            (29, "February", 2008, 28, "February", 2009, 360), (29, "February", 2008, 30, "March", 2008, 30),
                            (29, "February", 2008, 31, "March", 2008, 30)])]
    for k, (term, rows) in enumerate(isda):
        for i, (a, b, y, a2, b2, y2, n) in enumerate(rows):
            dc(f"ql-30360-isda-{k + 1}-{i}", f"testThirty360_ISDA data{k + 1} (terminationDate {term}; dayCount, exact)", "30E/360 ISDA",
               d(a, b, y), d(a2, b2, y2), {"days": n},
               "Thirty360::ISDA with a termination date is 30E/360 ISDA with that maturity" if i == 0 else None, maturity=term)
    # testAct366, tol 1e-12
    dates = [(1, "February", 2002), (4, "February", 2002), (16, "May", 2003), (17, "December", 2003), (17, "December", 2004),
             (19, "December", 2005), (2, "January", 2006), (13, "March", 2006), (15, "May", 2006), (17, "March", 2006),
             (15, "May", 2006), (26, "July", 2006), (28, "June", 2007), (16, "September", 2009), (26, "July", 2016)]
    want = ["0.00819672131147541", "1.27322404371585", "0.587431693989071", "1.0000000000000", "1.00273224043716",
            "0.0382513661202186", "0.191256830601093", "0.172131147540984", "-0.16120218579235", "0.16120218579235",
            "0.19672131147541", "0.920765027322404", "2.21584699453552", "6.84426229508197"]
    for i in range(1, len(dates)):
        if want[i - 1].startswith("-"):
            continue  # the reversed pair: see NOT_EXPRESSIBLE
        dc(f"ql-act366-{i}", "testAct366 (tol 1e-12)", "ACT/366", d(*dates[i - 1]), d(*dates[i]),
           {"decimal": approx(want[i - 1], "1e-12")},
           "the expected value is printed to 15 significant digits; repay's decimal to 15 places" if i == 1 else None)
    return c


# ---------------------------------------------------------------- Fineract
NOT_EXPRESSIBLE["fineract"] = [
    ("ProgressiveEMICalculatorTest: every checkPeriod's rateFactor (the 2nd value)",
     "the rate factor (annual rate × the period's year fraction, rounded to 12 digits) is an intermediate of "
     "Fineract's model that repay does not print; repay gives each row's exact year fraction instead (\"show\": "
     "[\"year_fraction\"]) and the interest that follows from it, which is checked"),
    ("ProgressiveEMICalculatorTest: checkPeriod(…, 0, 0, …)'s interestDue of interest period 0",
     "the zero-length interest period Fineract opens at disbursement (0.0 by construction); repay has no such period"),
    ("ProgressiveEMICalculatorTest: testRateFactorByRepaymentEveryMonthMethod_* (2), testFnValueFunction_*, "
     "testEMICalculator_generateInterestScheduleModel, testEMICalculation_performance's getLoanTermInDays and @Timeout",
     "internal functions of Fineract's EMI calculator (rate factors, the annuity's fn value, the model's "
     "term in days) and a time limit: no schedule to compare"),
    ("ProgressiveEMICalculatorTest: multi_disbursedAmt200_2ndOnDueDate, multiDisbursedAmt300InSamePeriod, "
     "multiDisbursedAmt200InDifferentPeriod, multiDisbursedAmt150InSamePeriod_backdated_disbursement",
     "a second disbursement into a running schedule (a tranche loan): repay's loan has one principal, paid out once"),
    ("ProgressiveEMICalculatorTest: multi_disbursedAmt200_2ndOnDueDate, multiDisbursedAmt300InSamePeriod, "
     "multiDisbursedAmt200InDifferentPeriod: the checkPeriods before the second disbursement",
     "the same loan (100 at 9.4822%, 360/30, 6 months) and the same numbers as "
     "testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month (fineract-emi-360-30): no new case"),
    ("ProgressiveEMICalculatorTest: _reschedule_interest_on0201_4per, _reschedule_interest_on0215_4per, "
     "_add_balance_correction_on0215, _payoff_on0215, _payoff_on0115 (the assertions after the first event)",
     "events inside the EMI model (a rate change on a date with Fineract's re-amortization, a balance correction, "
     "a payoff's interest to a date) that its tests drive through the calculator's internal API; repay's statement "
     "and restructure ops model such events with their own conventions, not Fineract's, so no like-for-like request exists "
     "(the two rate-change tests are also @Disabled at this commit). The assertions made before any event are "
     "fixtures (fineract-emi-360-30-7pct-*), but for payoff_on0215's getPayableDetails(03-01, 03-01), the same numbers "
     "as add_balance_correction_on0215's, and the payables as of a date inside a period (a payoff amount, not a row)"),
    ("ProgressiveEMICalculatorTest: testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_reschedule",
     "its second period runs 2024-02-01 → 2024-03-15 (charged as one 30/360 month), then the 15th of each month: "
     "repay's only irregular period is the first (first_due_date), later due dates follow one grid, so the schedule cannot be stated"),
    ("ProgressiveEMICalculatorTest: testEMICalculation_performance, 0 < principal due and 0 < interest due of every period",
     "a sign, not a value: repay check compares values; the EMI (8.65) and the last balance the test asserts are checked "
     "(fineract-emi-360-30-12m-7pct)"),
    ("ProgressiveEMICalculatorTest: testEMICalculation_disbursedAmt100_dayInYearsActual_daysInMonthActual_repayEvery1Month",
     "the test's repayment periods have gaps (period 3 runs 2024-02-12 → 2024-03-01, period 4 starts 2024-03-12): "
     "repay's due dates are one unbroken grid, so the schedule cannot be stated"),
    ("LoanScheduleGeneratorTest.testGenerateLoanSchedule (192.22 at 9.99%, 360/30, disbursed 2024-01-15 into a "
     "period from 2024-01-01)",
     "DISAGREES in the broken first period: Fineract charges 17/31 of a 30/360 month (17 days over the month's "
     "actual 31: interest 0.88, EMI 32.85); repay's irregular first period counts actual days at the daily rate "
     "(annual ÷ 360 or 365: 0.91), and none of its first_period, daily_basis or day_count settings gives 17/31 "
     "of a month — no fixture is written"),
]


def fineract():
    c = []
    T = f"{SUITES['fineract']} fineract-progressive-loan/src/test/java/org/apache/fineract/portfolio/loanproduct/calc/ProgressiveEMICalculatorTest.java"
    conv = {"rounding": {"unit": "0.01", "mode": "half_even"}, "level_payment": "adjusted"}
    NOTE = ("Fineract's conventions: money to 0.01 half even (MoneyHelper), the EMI adjusted so the last installment "
            "differs least (ProgressiveEMICalculator); each checkPeriod's emi, interest due, principal due and outstanding "
            "balance are compared exactly (assertEquals on doubles of 2-place money); due dates are the test's repayment periods")

    def sched(name, test, loan, rows, dates, extra=""):
        inst = {}
        for i, (emi, interest, principal, balance) in enumerate(rows):
            inst[f"[{i}]"] = {"due_date": dates[i], "payment": approx(emi, "0"), "interest": approx(interest, "0"),
                              "principal": approx(principal, "0"), "balance": approx(balance, "0")}
        req = {"op": "schedule", "loan": dict(loan, **conv)}
        case(c, name, f"{T} {test}", req, {"summary": {"installment_count": len(rows)}, "installments": inst},
             NOTE + (f"; {extra}" if extra else ""))

    monthly = ["2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01"]
    sched("fineract-emi-365-actual", "testEMICalculation_CheckEmiButNewEmiNotBetterThanOriginal",
          {"principal": "100", "rate": "15.678%", "term": 6, "start_date": "2024-01-01", "day_count": "ACT/365", "annuity_rate": "actual"},
          [("17.43", "1.33", "16.1", "83.9"), ("17.43", "1.05", "16.38", "67.52"), ("17.43", "0.90", "16.53", "50.99"),
           ("17.43", "0.66", "16.77", "34.22"), ("17.43", "0.46", "16.97", "17.25"), ("17.47", "0.22", "17.25", "0.0")], monthly,
          "DAYS_365 / DaysInMonth ACTUAL: ACT/365 with the annuity solved from each period's own rate factor (annuity_rate actual)")
    sched("fineract-emi-360-30", "testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month",
          {"principal": "100", "rate": "9.4822%", "term": 6, "start_date": "2024-01-01"},
          [("17.13", "0.79", "16.34", "83.66"), ("17.13", "0.66", "16.47", "67.19"), ("17.13", "0.53", "16.60", "50.59"),
           ("17.13", "0.40", "16.73", "33.86"), ("17.13", "0.27", "16.86", "17.0"), ("17.13", "0.13", "17.00", "0.0")], monthly,
          "DAYS_360 / DAYS_30: every month is 30/360 of the year, the periodic rate annual ÷ 12 (day_count period)")
    sched("fineract-emi-no-interest", "testEMICalculation_disbursedAmt1000_NoInterest_repayEvery1Month",
          {"principal": "1000", "rate": "0", "term": 4, "start_date": "2024-01-01"},
          [("250.0", "0.0", "250.0", "750.0"), ("250.0", "0.0", "250.0", "500.0"), ("250.0", "0.0", "250.0", "250.0"),
           ("250.0", "0.0", "250.0", "0.0")], monthly[:4])
    sched("fineract-emi-weekly-364", "testEMICalculation_disbursedAmt100_dayInYears364_daysInMonthActual_repayEvery1Week",
          {"principal": "100", "rate": "9.4822%", "term": 6, "start_date": "2024-01-01", "frequency": "weekly"},
          [("16.77", "0.18", "16.59", "83.41"), ("16.77", "0.15", "16.62", "66.79"), ("16.77", "0.12", "16.65", "50.14"),
           ("16.77", "0.09", "16.68", "33.46"), ("16.77", "0.06", "16.71", "16.75"), ("16.78", "0.03", "16.75", "0.0")],
          ["2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05", "2024-02-12"],
          "DAYS_364, every week: 7/364 of the year is exactly a 52nd, repay's weekly periodic rate (annual ÷ 52)")
    sched("fineract-emi-biweekly-364", "testEMICalculation_disbursedAmt100_dayInYears364_daysInMonthActual_repayEvery2Week",
          {"principal": "100", "rate": "9.4822%", "term": 3, "start_date": "2024-01-01", "frequency": "biweekly"},
          [("33.57", "0.36", "33.21", "66.79"), ("33.57", "0.24", "33.33", "33.46"), ("33.58", "0.12", "33.46", "0.0")],
          ["2024-01-15", "2024-01-29", "2024-02-12"],
          "DAYS_364, every 2 weeks: 14/364 is exactly a 26th, repay's biweekly periodic rate (annual ÷ 26)")
    sched("fineract-emi-15-days-360", "testEMICalculation_disbursedAmt100_dayInYears360_daysInMonthDoesntMatter_repayEvery15Days",
          {"principal": "100", "rate": "9.4822%", "term": 6, "start_date": "2024-01-01", "frequency": "every_15_days"},
          [("16.90", "0.40", "16.50", "83.50"), ("16.90", "0.33", "16.57", "66.93"), ("16.90", "0.26", "16.64", "50.29"),
           ("16.90", "0.20", "16.70", "33.59"), ("16.90", "0.13", "16.77", "16.82"), ("16.89", "0.07", "16.82", "0.0")],
          ["2024-01-16", "2024-01-31", "2024-02-15", "2024-03-01", "2024-03-16", "2024-03-31"],
          "DAYS_360, every 15 days: 15/360 is exactly a 24th, repay's every_15_days periodic rate (annual ÷ 24)")

    def partial(name, test, loan, rows, extra):
        """Only the fields the test asserts: rows maps an installment index to {field: value}."""
        inst = {f"[{i}]": {k: (v if k == "due_date" else approx(v, "0")) for k, v in row.items()} for i, row in rows.items()}
        req = {"op": "schedule", "loan": dict(loan, **conv)}
        case(c, name, f"{T} {test}", req, {"installments": inst}, NOTE + f"; {extra}")

    loan7 = {"principal": "100", "rate": "7%", "start_date": "2024-01-01"}
    year = monthly + ["2024-08-01", "2024-09-01", "2024-10-01", "2024-11-01", "2024-12-01", "2025-01-01"]
    rows = {i: {"due_date": year[i], "payment": "8.65"} for i in range(11)}
    rows[11] = {"due_date": year[11], "balance": "0.0"}
    partial("fineract-emi-360-30-12m-7pct", "testEMICalculation_performance", dict(loan7, term=12), rows,
            "DAYS_360 / DAYS_30 as fineract-emi-360-30; the test asserts the EMI of periods 1–11 (8.65) and the last "
            "outstanding balance (0.0), besides principal and interest due above zero in every period (a sign: not compared)")
    partial("fineract-emi-360-30-7pct-payoff-on0115", "testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_payoff_on0115",
            dict(loan7, term=6), {0: {"due_date": "2024-02-01", "interest": "0.58", "principal": "16.43"}},
            "the one assertion made before any payment: getPayableDetails(2024-02-01, 2024-02-01), period 1's payable on its "
            "own due date, i.e. its scheduled interest and principal (EMI − interest; ProgressiveEMICalculator.getPayableDetails)")
    partial("fineract-emi-360-30-7pct-balance-correction", "testEMICalculation_disbursedAmt100_dayInYears360_daysInMonth30_repayEvery1Month_add_balance_correction_on0215",
            dict(loan7, term=6), {0: {"due_date": "2024-02-01", "balance": "83.57"},
                                  1: {"due_date": "2024-03-01", "interest": "0.49", "principal": "16.52"}},
            "the assertion made before the balance correction on the due date: getPayableDetails(2024-03-01, 2024-03-01), "
            "period 2's scheduled interest and principal, and its outstanding balance at the period's start (83.57: the balance "
            "after installment 1); the assertion as of 2024-01-01 (principal 17.01, interest 0.0) is a payable on a date, not a row")
    return c


SUITE_FUNCS = [("numpy-financial", numpy_financial), ("formulajs", formulajs), ("quantlib", quantlib), ("fineract", fineract)]


def render(cases):
    return json.dumps(cases, ensure_ascii=False, indent=1) + "\n"


def main():
    if "--list" in sys.argv[1:]:
        for name, _ in SUITE_FUNCS:
            for test, why in NOT_EXPRESSIBLE.get(name, []):
                print(f"{name}: {test}\n    {why}")
        return
    check = "--check" in sys.argv[1:]
    stale, counts = [], []
    for name, fn in SUITE_FUNCS:
        cases = fn()
        names = [x["name"] for x in cases]
        assert len(names) == len(set(names)), f"{name}: duplicate case names"
        path = os.path.join(OUT, name + ".json")
        text = render(cases)
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            os.makedirs(OUT, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        counts.append(f"{name} {len(cases)}")
    print("peer suites:", ", ".join(counts), "cases" + (" (fixtures/peers up to date)" if check and not stale else ""))
    if stale:
        print("out of date (run python3 tests/oracle/peer_suites.py):", *stale, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
