/*
 * caps.c — legal caps on the annualized cost of credit.
 *
 * Private lending (Supreme People's Court provisions on private lending,
 * as revised 2020-08-20): interest, overdue interest, 违约金 and fees
 * together are capped at 4 × the one-year LPR in force when the contract
 * was made; contracts made before 2020-08-20 follow the old lines (24% a
 * year protected, interest beyond 36% void). Licensed lenders are outside
 * that rule, but courts cut banks' total cost above 24% a year.
 */
#include "base/internal.h"

/* The private-lending rule's terms (法释〔2020〕17号, in force 2020-08-20):
 * the cap is LPR_MULTIPLE × the one-year LPR; contracts made before
 * NEW_RULE_FROM keep the old lines, OLD_PROTECTED_PERCENT a year protected
 * and interest beyond OLD_VOID_PERCENT void. */
#define LPR_MULTIPLE 4
#define NEW_RULE_FROM rp_date_from_ymd(2020, 8, 20)
#define OLD_PROTECTED_PERCENT 24
#define OLD_VOID_PERCENT 36
/* the line courts apply to a licensed lender's total cost */
#define BANK_CAP_PERCENT 24
/* a table last checked more than this many days before the contract date
 * may miss a fixing (fixings come monthly, around the 20th) */
#define LPR_STALE_DAYS 31

const char *const rp_cap_rule_names[RP_CAP_RULE_COUNT] = {
    [RP_CAP_PRIVATE_LENDING] = "private_lending",
    [RP_CAP_BANK_24] = "bank_24",
    [RP_CAP_CUSTOM] = "custom",
};

const char *const rp_cap_basis_names[RP_CAP_BASIS_COUNT] = {
    [RP_CAP_BASIS_LPR4] = "4x_lpr",
    [RP_CAP_BASIS_OLD_RULE] = "24_36_rule",
    [RP_CAP_BASIS_BANK_24] = "bank_24",
    [RP_CAP_BASIS_CUSTOM] = "custom",
};

void rp_cap_check_init(rp_cap_check_t *c)
{
    mpq_inits(c->cap, c->void_line, c->excess, c->cap_after, NULL);
    c->split = RP_DATE_NONE;
    c->lpr_after = -1;
    c->stale_after = 0;
    mpq_set_si(c->void_line, -1, 1);
    c->basis = RP_CAP_BASIS_CUSTOM;
    c->lpr_index = -1;
    c->stale = 0;
    c->within = 1;
}

void rp_cap_check_clear(rp_cap_check_t *c)
{
    mpq_clears(c->cap, c->void_line, c->excess, c->cap_after, NULL);
}

rp_status rp_cap_rate(rp_cap_check_t *out, rp_cap_rule rule, rp_date_t contract_date,
                      const mpq_t custom_cap, const rp_lpr_t *lpr, rp_error *err)
{
    return rp_cap_rate_filed(out, rule, contract_date, RP_DATE_NONE, custom_cap, lpr, err);
}

/* 法释〔2020〕17号 Art. 31: a case filed after the rule, on a contract made
 * before it — the old line for the interest up to the day before
 * NEW_RULE_FROM, from it the new rule's cap at the time of filing. */
static rp_status split_at_filing(rp_cap_check_t *c, rp_date_t filing_date, const rp_lpr_t *lpr,
                                 rp_error *err)
{
    if (filing_date < NEW_RULE_FROM)
        return RP_OK; /* filed under the old rule: one cap */
    c->lpr_after = lpr ? rp_lpr_find(lpr, filing_date) : -1;
    if (c->lpr_after < 0)
        return rp_fail(err, RP_E_RANGE, "filing_date",
                       "the LPR table has no fixing on or before the filing date");
    c->split = NEW_RULE_FROM;
    mpq_set_ui(c->cap_after, LPR_MULTIPLE, 1);
    mpq_mul(c->cap_after, c->cap_after, lpr->one_year[c->lpr_after]);
    c->stale_after = lpr->checked_through != RP_DATE_NONE &&
                     filing_date > lpr->checked_through + LPR_STALE_DAYS;
    return RP_OK;
}

rp_status rp_cap_rate_filed(rp_cap_check_t *out, rp_cap_rule rule, rp_date_t contract_date,
                            rp_date_t filing_date, const mpq_t custom_cap, const rp_lpr_t *lpr,
                            rp_error *err)
{
    rp_cap_check_t c;
    rp_cap_check_init(&c);
    rp_status st = RP_OK;
    if (rule == RP_CAP_PRIVATE_LENDING) {
        if (contract_date == RP_DATE_NONE) {
            st = rp_fail(err, RP_E_MISSING, "contract_date",
                         "the private-lending cap depends on the contract date");
        } else if (contract_date < NEW_RULE_FROM) {
            c.basis = RP_CAP_BASIS_OLD_RULE;
            mpq_set_ui(c.cap, OLD_PROTECTED_PERCENT, 100);
            mpq_set_ui(c.void_line, OLD_VOID_PERCENT, 100);
            mpq_canonicalize(c.cap);
            mpq_canonicalize(c.void_line);
            if (filing_date != RP_DATE_NONE)
                st = split_at_filing(&c, filing_date, lpr, err);
        } else {
            c.basis = RP_CAP_BASIS_LPR4;
            c.lpr_index = lpr ? rp_lpr_find(lpr, contract_date) : -1;
            if (c.lpr_index < 0) {
                st = rp_fail(err, RP_E_RANGE, "contract_date",
                             "the LPR table has no fixing on or before the contract date");
            } else {
                mpq_set_ui(c.cap, LPR_MULTIPLE, 1);
                mpq_mul(c.cap, c.cap, lpr->one_year[c.lpr_index]);
                c.stale = lpr->checked_through != RP_DATE_NONE &&
                          contract_date > lpr->checked_through + LPR_STALE_DAYS;
            }
        }
    } else if (rule == RP_CAP_BANK_24) {
        c.basis = RP_CAP_BASIS_BANK_24;
        mpq_set_ui(c.cap, BANK_CAP_PERCENT, 100);
        mpq_canonicalize(c.cap);
    } else {
        if (mpq_sgn(custom_cap) <= 0)
            st = rp_fail(err, RP_E_VALUE, "cap", "a custom cap must be greater than 0");
        c.basis = RP_CAP_BASIS_CUSTOM;
        mpq_set(c.cap, custom_cap);
    }
    if (st == RP_OK) {
        rp_cap_check_t old = *out;
        *out = c;
        rp_cap_check_clear(&old);
    } else {
        rp_cap_check_clear(&c);
    }
    return st;
}
