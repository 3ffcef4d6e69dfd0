/*
 * terms.c — a loan's terms beyond its schedule, together: the overdue terms
 * (overdue_terms.c), the allocation order (allocation.c), what happens to
 * an overpayment, the classification table and DPD buckets
 * (classification.c), each with its default.
 */
#include "base/internal.h"

const char *const rp_overpayment_names[RP_OVERPAY_COUNT] = {
    [RP_OVERPAY_CREDIT] = "credit",
    [RP_OVERPAY_SHORTEN_TERM] = "shorten_term",
    [RP_OVERPAY_LOWER_PAYMENT] = "lower_payment",
};

void rp_terms_init(rp_terms_t *t)
{
    rp_overdue_init(&t->overdue);
    rp_allocation_preset(&t->allocation, RP_WATERFALL_BANK_DEFAULT);
    t->overpayment = RP_OVERPAY_CREDIT;
    t->classification = RP_CLASS_LOANS_2023;
    t->restructured_rules = RP_RESTRUCTURED_2023;
    rp_buckets_default(t);
}

void rp_terms_clear(rp_terms_t *t)
{
    rp_overdue_clear(&t->overdue);
}
