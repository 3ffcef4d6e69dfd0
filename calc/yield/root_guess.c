/*
 * root_guess.c — where the IRR search should look first, in floating point.
 *
 * Floating point in calc/ is only this guess (and yield.c placing it in a
 * grid cell): never a result. yield.c proves a bracket around the guessed
 * root with exact signs (or the proven bounds of signbound.c), and
 * searches exactly when the guess was wrong; a bad guess costs time, never
 * a digit.
 */
#include <stdlib.h>

#include "signbound.h"

#define GUESS_MAX_BITS 900  /* coefficients beyond 2^900: no guess        */
#define GUESS_STEPS 80      /* bisection and Newton steps together        */
#define GUESS_CLOSE 4e-16   /* a step this small (relative): done         */
#define SPLITTER 134217729.0 /* 2^27 + 1: Dekker's split (a guess; proven in yield.c) */

/* v = Σ c_i z^(D−i) and its derivative, for z ≤ 1 (every power ≤ 1), or
 * Σ c_i z^(−i) — the same sign, z^D > 0 — for z > 1; *slope is the
 * derivative of whichever was evaluated, so v / slope is a Newton step.
 * A bound for the guess only: yield.c proves the bracket with exact signs. */
static double value_at(const double *c, int n, double z, double *slope) /* a guess */
{
    double v = 0, d = 0; /* guess arithmetic, never a result */
    if (z <= 1) {
        for (int i = 0; i < n; i++) {
            d = d * z + v;
            v = v * z + c[i];
        }
        *slope = d;
    } else {
        double y = 1 / z; /* guess arithmetic, never a result */
        for (int i = n - 1; i >= 0; i--) {
            d = d * y + v;
            v = v * y + c[i];
        }
        *slope = -d * y * y; /* d/dz of Σ c_i y^i, y = 1/z */
    }
    return v;
}

/* Σ c_i z^(D−i) as if in twice the precision (compensated Horner: the
 * rounding error of each product and sum, by Dekker's and Knuth's exact
 * transformations, is carried along), and its plain derivative. Near the
 * root the plain sum is mostly rounding; this one still says how far.
 * Still only a guess: yield.c proves whatever it is used for exactly. */
static double value_compensated(const double *c, int n, double z,
                                double *slope) /* a guess: proven in yield.c */
{
    double s = 0, err = 0, d = 0; /* guess arithmetic, never a result */
    double zs = SPLITTER * z, zh = zs - (zs - z), zl = z - zh;
    for (int i = 0; i < n; i++) {
        d = d * z + s;
        double p = s * z;
        double ss = SPLITTER * s, sh = ss - (ss - s), sl = s - sh;
        double pe = sl * zl - (((p - sh * zh) - sl * zh) - sh * zl); /* s·z = p + pe */
        double t = p + c[i], b = t - p;
        double te = (p - (t - b)) + (c[i] - b); /* p + c_i = t + te */
        s = t;
        err = err * z + (pe + te);
    }
    *slope = d;
    return s + err;
}

/* the guess's sign only: exact signs decide in yield.c */
static int sign_of(double v)
{
    return (v > 0) - (v < 0);
}

int rp_poly_root_guess(double *root, double *correction, mpz_t const *c, int n, double lo,
                       double hi)
{
    double *cd = n > 0 ? calloc((size_t)n, sizeof *cd) : NULL;
    if (!cd)
        return 0;
    int ok = 1;
    for (int i = 0; i < n; i++) {
        ok &= mpz_sizeinbase(c[i], 2) < GUESS_MAX_BITS;
        cd[i] = ok ? mpz_get_d(c[i]) : 0; /* exact below 2^53 */
    }
    double slope = 0, slo = value_at(cd, n, lo, &slope), shi = value_at(cd, n, hi, &slope);
    ok = ok && sign_of(slo) * sign_of(shi) < 0;
    double z = (lo + hi) / 2;
    for (int step = 0; ok && step < GUESS_STEPS && lo < z && z < hi; step++) {
        double v = value_at(cd, n, z, &slope);
        if (v != v || slope != slope) { /* NaN: no guess */
            ok = 0;
            break;
        }
        if (v == 0)
            break;
        if (sign_of(v) == sign_of(slo))
            lo = z;
        else
            hi = z;
        /* Newton while it stays inside the bracket, halving otherwise */
        double next = slope != 0 ? z - v / slope : lo;
        if (!(lo < next && next < hi))
            next = lo + (hi - lo) / 2;
        double moved = next > z ? next - z : z - next;
        z = next;
        if (moved <= z * GUESS_CLOSE) /* as close as a double gets */
            break;
    }
    /* one Newton step more from a value not lost to rounding: the root is
     * z + correction, finer than one double near z can say */
    double v = ok ? value_compensated(cd, n, z, &slope) : 0, step = 0;
    if (ok && slope != 0 && v - v == 0 && slope - slope == 0) /* both finite */
        step = -v / slope;
    free(cd);
    *root = z;
    *correction = step - step == 0 ? step : 0;
    return ok;
}
