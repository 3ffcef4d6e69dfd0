/*
 * allocation.c — the order payments go in (the waterfalls): a bank's
 * usual order, 民法典 Art. 561's, principal first, or one of the
 * contract's own. Applying a payment by it is statement/allocate.c.
 */
#include "base/internal.h"

const char *const rp_across_names[RP_ACROSS_COUNT] = {
    [RP_OLDEST_FIRST] = "oldest_first",
    [RP_COMPONENT_FIRST] = "component_first",
};

const char *const rp_waterfall_names[RP_WATERFALL_COUNT] = {
    [RP_WATERFALL_BANK_DEFAULT] = "bank_default",
    [RP_WATERFALL_STATUTORY] = "statutory",
    [RP_WATERFALL_PRINCIPAL_FIRST] = "principal_first",
};

/* The usual order of willingness to waive: a lender gives up the charges
 * for lateness (违约金, 复利, 罚息) before fees, fees before ordinary
 * interest, and principal last. A settlement waives what it does not
 * cover in this order; solve's smallest waiver asks for it in this order. */
const rp_component rp_waive_order[RP_COMPONENT_COUNT] = {RP_LATE_FEE, RP_COMPOUND, RP_PENALTY,
                                                         RP_FEE,      RP_INTEREST, RP_PRINCIPAL};

void rp_allocation_preset(rp_allocation_t *a, rp_waterfall w)
{
    static const rp_component bank[RP_COMPONENT_COUNT] = {RP_FEE,     RP_LATE_FEE, RP_COMPOUND,
                                                          RP_PENALTY, RP_INTEREST, RP_PRINCIPAL};
    static const rp_component principal_first[RP_COMPONENT_COUNT] = {
        RP_PRINCIPAL, RP_INTEREST, RP_PENALTY, RP_COMPOUND, RP_LATE_FEE, RP_FEE};
    const rp_component *order = w == RP_WATERFALL_PRINCIPAL_FIRST ? principal_first : bank;
    for (int i = 0; i < RP_COMPONENT_COUNT; i++)
        a->order[i] = order[i];
    /* 民法典 Art. 561 orders costs, interest, principal over the whole debt;
     * 违约金 is counted with the costs and 罚息/复利 with the interest. */
    a->across = w == RP_WATERFALL_STATUTORY ? RP_COMPONENT_FIRST : RP_OLDEST_FIRST;
}

rp_status rp_allocation_check(const rp_allocation_t *a, rp_error *err)
{
    int seen[RP_COMPONENT_COUNT] = {0};
    for (int i = 0; i < RP_COMPONENT_COUNT; i++) {
        if ((unsigned)a->order[i] < RP_COMPONENT_COUNT && !seen[a->order[i]]++)
            continue;
        char names[RP_MESSAGE_MAX];
        rp_names_join(names, sizeof names, rp_component_names, RP_COMPONENT_COUNT);
        return rp_fail(err, RP_E_VALUE, "order", "order must list each of %s exactly once", names);
    }
    if ((unsigned)a->across >= RP_ACROSS_COUNT)
        return rp_fail(err, RP_E_VALUE, "across", "across must be oldest_first or component_first");
    return RP_OK;
}
