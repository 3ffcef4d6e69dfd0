/*
 * freeze.c — 停息挂账 / 个性化分期: the debt fixed on the date (the components
 * kept; the rest waived), interest stopped, and split into monthly
 * installments, with an optional down payment and fee.
 */
#include "restructure.h"

rp_status rp_act_freeze(work_t *w, const rp_action_t *a, int i, rp_error *err)
{
    mpq_t amount[RP_COMPONENT_COUNT], p, other, debt, fee, down;
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_init(amount[c]);
    mpq_inits(p, other, debt, fee, down, NULL);
    rp_work_remaining(amount, w);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++) {
        if (a->keep & (1u << c)) {
            rp_qadd(c == RP_PRINCIPAL ? p : other, c == RP_PRINCIPAL ? p : other, amount[c]);
        } else {
            rp_qadd(w->plan->waived[c], w->plan->waived[c], amount[c]);
        }
    }
    rp_status st = RP_OK;
    rp_qadd(debt, p, other);
    if (mpq_sgn(debt) == 0)
        st = rp_work_fail(err, RP_E_VALUE, i, NULL, "nothing is left to freeze");
    if (st == RP_OK && a->periods > RP_CARD_MAX_INSTALLMENTS) {
        if (a->card)
            st = rp_work_fail(err, RP_E_VALUE, i, "installments",
                              "《商业银行信用卡业务监督管理办法》 Art. 70: a card debt may be split "
                              "into at most " RP_XSTR(RP_CARD_MAX_INSTALLMENTS) " installments (5 years)");
        else
            rp_work_warn(w, "over_60_installments",
                         "more than " RP_XSTR(RP_CARD_MAX_INSTALLMENTS) " installments (5 years): the "
                         "most the credit-card rules (Art. 70) allow for card debt; no rule sets it "
                         "for other loans — flagged by analogy");
    }
    if (st == RP_OK && (a->given & RP_HAS_DOWN_PAYMENT) && mpq_sgn(a->down_payment) > 0) {
        if (mpq_cmp(a->down_payment, debt) >= 0)
            st = rp_work_fail(err, RP_E_VALUE, i, "down_payment",
                         "the down payment must be less than the frozen debt");
        mpq_set(down, a->down_payment);
    }
    if (st == RP_OK) {
        /* the down payment is due on the date: the other debt first */
        mpq_t da, dp;
        mpq_inits(da, dp, NULL);
        mpq_set(da, mpq_cmp(down, other) < 0 ? down : other);
        rp_qsub(dp, down, da);
        rp_qsub(other, other, da);
        rp_qsub(p, p, dp);
        /* the fee per installment: an amount, or a share of the debt left */
        rp_qadd(debt, p, other);
        if (a->given & RP_HAS_FEE) {
            mpq_set(fee, a->fee);
        } else if (a->given & RP_HAS_FEE_SHARE) {
            mpq_mul(fee, debt, a->fee_share);
            rp_round(fee, fee, w->rc);
        } else {
            mpq_set_ui(fee, 0, 1);
        }
        rp_date_t first;
        st = rp_date_add_months(&first, w->date, 1, err);
        if (st == RP_OK)
            st = rp_work_terminal_rows(w, p, other, a->periods, first, fee, err);
        rp_qadd(w->due_now[RP_PRINCIPAL], w->due_now[RP_PRINCIPAL], dp);
        rp_qadd(w->due_now[RP_FEE], w->due_now[RP_FEE], da);
        mpq_set_ui(w->rate, 0, 1);
        mpq_clears(da, dp, NULL);
    }
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        mpq_clear(amount[c]);
    mpq_clears(p, other, debt, fee, down, NULL);
    return st;
}
