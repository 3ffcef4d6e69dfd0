/*
 * events.c — the list of dated events a statement replays.
 */
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

const char *const rp_event_type_names[RP_EVENT_TYPE_COUNT] = {
    [RP_EVENT_PAYMENT] = "payment",
    [RP_EVENT_FEE] = "fee",
    [RP_EVENT_RATE_CHANGE] = "rate_change",
    [RP_EVENT_ACCELERATION] = "acceleration",
    [RP_EVENT_RESTRUCTURE] = "restructure",
};

void rp_events_init(rp_events_t *ev)
{
    ev->count = ev->cap = 0;
    ev->items = NULL;
}

void rp_events_clear(rp_events_t *ev)
{
    for (int i = 0; i < ev->count; i++) {
        mpq_clears(ev->items[i].amount, ev->items[i].rate, NULL);
        rp_agreement_free(ev->items[i].agreement);
    }
    free(ev->items);
    rp_events_init(ev);
}

rp_event_t *rp_events_add(rp_events_t *ev, rp_event_type type)
{
    if (ev->count >= RP_MAX_EVENTS)
        return NULL;
    if (ev->count == ev->cap) {
        int cap = ev->cap ? ev->cap * 2 : 16;
        rp_event_t *grown = realloc(ev->items, sizeof *grown * (size_t)cap);
        if (!grown)
            return NULL;
        ev->items = grown;
        ev->cap = cap;
    }
    rp_event_t *e = &ev->items[ev->count++];
    e->type = type;
    e->date = RP_DATE_NONE;
    mpq_inits(e->amount, e->rate, NULL);
    memset(e->kind, 0, sizeof e->kind);
    e->component = RP_FEE;
    e->agreement = NULL;
    return e;
}
