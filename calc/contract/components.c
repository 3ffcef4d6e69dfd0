/*
 * components.c — the parts a debt is made of (principal, interest, 罚息,
 * 复利, 违约金, fees): their names and their sum.
 */
#include "base/internal.h"

const char *const rp_component_names[RP_COMPONENT_COUNT] = {
    [RP_PRINCIPAL] = "principal",   [RP_INTEREST] = "interest",
    [RP_PENALTY] = "penalty_interest", [RP_COMPOUND] = "compound_interest",
    [RP_LATE_FEE] = "late_fees",    [RP_FEE] = "fees",
};

void rp_components_total(mpq_t out, mpq_t const *v)
{
    mpq_set_ui(out, 0, 1);
    for (int c = 0; c < RP_COMPONENT_COUNT; c++)
        rp_qadd(out, out, v[c]);
}
