/*
 * ledger.h — the statement engine's working state, shared by its files,
 * lowest first: items.c (items, rates over time), overdue_interest.c
 * (罚息, 复利), reshape.c (rate changes, prepayment, acceleration),
 * end_of_day.c (the end of a day: grace, 违约金), allocate.c (waterfalls),
 * ledger.c (the event loop), statement.c (the summary), position.c.
 * Not part of the API.
 */
#ifndef RP_LEDGER_H
#define RP_LEDGER_H

#include "base/internal.h"
#include "schedule/tail.h"

/* What accrues on an item: its slots in item_state_t and its workings. */
enum { RP_SLOT_PENALTY, RP_SLOT_COMPOUND, RP_SLOT_LATE_FEE };
#define RP_ACCRUING 2 /* 罚息 and 复利 accrue daily; 违约金 is assessed */

/* Engine-only facts about one item, kept beside rp_statement_t.items. */
typedef struct item_state {
    mpq_t interest_exact;   /* the interest due, before rounding (adjustable)    */
    mpq_t pending[RP_ACCRUING];       /* 罚息 / 复利 accrued inside grace, not yet owed     */
    mpq_t accrued[RP_ACCRUING];       /* 罚息 / 复利 accrued and owed (exact, cumulative)   */
    int working[RP_ACCRUING + 1];         /* st->workings index for 罚息, 复利, 违约金, or −1     */
    int pending_from[RP_ACCRUING];    /* first segment of the working that is still pending */
    rp_date_t assess;       /* next grace end / late-fee date, or RP_DATE_NONE    */
    int late_fees;          /* late fees assessed so far                          */
    int removed;            /* a row dropped by shortening; compacted at the end  */
    mpq_t period_years;     /* the year fraction the interest was computed for    */
    /* The open run (overdue_interest.c): from run_from on, 罚息 and 复利 accrue on
     * run_base[] at the penalty rate of each day; the days are added to the
     * workings only when something needs them (a change of base, grace
     * ending, a posting the item is read at), so a stop costs nothing for
     * an overdue item nothing happened to. */
    rp_date_t run_from;     /* first day not yet accrued, or RP_DATE_NONE: no run */
    mpq_t run_base[RP_ACCRUING];
    int dirty;              /* its amounts changed: a new base from the next stop  */
    int unposted;           /* accrued grew since it was last posted              */
    int posted_at;          /* the posting point it was last posted at            */
    mpq_t *carried;         /* a plan's installment: of due[c], what was owed
                               before the agreement (NULL: nothing)           */
} item_state_t;

/* The contract rate over time, by interest day: rates[i] applies to the
 * days from dates[i] on. The ledger names a day of interest by the date it
 * ends on (the interest of 2024-01-01 is owed for the night into it), so a
 * change on d starts with day d + 1 — the interest of d itself is the old
 * rate's, as banks count days 算头不算尾 (the start counts, the end not). */
typedef struct rate_timeline {
    int count;
    rp_date_t *dates;
    mpq_t *contract;
    mpq_t *penalty;
} rate_timeline_t;

typedef struct ledger {
    const rp_loan_t *loan;
    const rp_terms_t *terms;
    const rp_events_t *events;
    const rp_replay_t *how;   /* the window, a plan to start from, extra events */
    rp_date_t start;          /* the loan's start_date, or the plan's date */
    const rp_round_t *rc;
    rp_statement_t *st;
    item_state_t *xs;         /* parallel to st->items                   */
    int states;               /* entries of xs initialised               */
    int cap;                  /* room in st->items and xs                */
    int installments;         /* items [0, installments) are installments */
    rate_timeline_t rates;
    rp_date_t clock;          /* every day up to here has accrued        */
    mpq_t credit;
    mpq_t rate_now;           /* the contract rate after today's changes */
    mpq_t level;              /* the annuity payment or principal step in force */
    int accelerated;
    int segments;             /* workings lines so far (bounded)         */
    int applied;              /* allocation lines so far (bounded)       */
    mpq_t late_fee_total;     /* all late fees assessed (against total_cap) */
    int post_epoch;           /* posting points so far                   */
    int lazy_epoch;           /* the last one a capped statement posted
                                 item by item (the cap out of reach) …    */
    rp_date_t lazy_date;      /* … and its date                           */
    int eager_epoch;          /* the last one that posted every item      */
    rp_date_t post_date;      /* the last posting point                  */
    mpq_t posted_total;       /* all 罚息 + 复利 posted (against a cap)   */
    /* A bound on all 罚息 + 复利 accrued, kept as runs open and close, so
     * that a posting point can tell the cap is still out of reach without
     * visiting every installment (overdue_interest.c): accrued_total + the open runs'
     * run_sum × F(today) − run_weight, F the penalty rate summed by day. */
    mpq_t accrued_total, run_sum, run_weight;
    mpq_t *rate_prefix;       /* F at each rate change, or NULL until needed */
    /* penalty_base outstanding_principal: all unpaid principal, kept up to
     * date as payments reach principal (unpaid_valid = 0: to be summed
     * again), and the installments before oldest_open, all closed */
    mpq_t unpaid_principal;
    int unpaid_valid;
    int oldest_open;
    int settled_upto;         /* items before it are settled for good (ledger.c) */
    int rebuild_at;           /* rate changes in the period of this installment
                                 have rows after it waiting to be re-amortized
                                 at rebuild_rate (reshape.c), or −1      */
    mpq_t rebuild_rate;
    mpq_t rebuild_balance;    /* the principal from that installment on  */
    mpq_t scratch[3];         /* temporaries of the daily accrual, kept so
                                 that no day allocates                    */
} ledger_t;

/* ledger.c */
/* Replays loan and events up to as_of into result (initialised): the
 * schedule, every event, penalties posted on as_of. The engine state stays
 * open in L for the caller to read (rp_statement_summarize sums it up);
 * close it with rp_ledger_close whatever the status. */
rp_status rp_ledger_open(ledger_t *L, rp_statement_t *result, const rp_loan_t *loan,
                         const rp_terms_t *terms, const rp_events_t *events,
                         const rp_replay_t *how, rp_date_t as_of, const rp_round_t *rc,
                         rp_error *err);
/* Event i of the replay: the loan's, then its own extra ones. */
const rp_event_t *rp_ledger_event(const ledger_t *L, int i);
void rp_ledger_close(ledger_t *L);
/* Appends installments k … last (not removed) to t. */
rp_status rp_ledger_tail(tail_t *t, const ledger_t *L, int k, rp_error *err);
rp_status rp_ledger_add_item(ledger_t *L, int *index, rp_error *err);
/* items.c: releasing an item, its engine state, a ledger entry. */
void rp_ledger_item_clear(rp_item_t *it);
/* Gives item k its carried amounts (zero), once; out = carried of c (0
 * when it has none). */
rp_status rp_ledger_carry(ledger_t *L, int k, rp_error *err);
void rp_ledger_carried(mpq_t out, const ledger_t *L, int k, rp_component c);
void rp_ledger_state_clear(item_state_t *x);
void rp_ledger_entry_clear(rp_entry_t *e);
/* Unpaid amount of component c of item k. */
void rp_ledger_unpaid(mpq_t out, const ledger_t *L, int k, rp_component c);
/* 1 if item k's principal, interest or fee is unpaid: it is in arrears. */
int rp_ledger_item_open(const ledger_t *L, int k);
/* 1 if nothing of item k is unpaid, penalties and late fees included. */
int rp_ledger_item_settled(const ledger_t *L, int k);
/* The working (its explanation lines) of item k's component c (罚息, 复利
 * or 违约金), created on first use; base_kind is the penalty base or −1. */
rp_status rp_ledger_working(ledger_t *L, int k, rp_component c, int base_kind, rp_working_t **out,
                            rp_error *err);
/* RP_E_RANGE at path when the workings are full (RP_MAX_WORKING_LINES),
 * the message ending with the likely cause. */
rp_status rp_ledger_segment_room(const ledger_t *L, const char *path, const char *cause,
                                 rp_error *err);
/* A new line at the end of working wk, days from..to (0 days when to <
 * from: a one-off charge), its base, rate and amount 0 to fill in. */
rp_status rp_ledger_push_segment(ledger_t *L, rp_working_t *wk, rp_date_t from, rp_date_t to,
                                 rp_segment_t **out, rp_error *err);
/* The end of item k's grace (the day it ends at night); accelerated
 * items have none. */
rp_date_t rp_ledger_grace_end(const ledger_t *L, int k);
/* The contract (or penalty) annual rate in force on day d; the index of
 * that entry of L->rates. */
mpq_srcptr rp_ledger_contract_rate_on(const ledger_t *L, rp_date_t d);
mpq_srcptr rp_ledger_penalty_rate_on(const ledger_t *L, rp_date_t d);
int rp_ledger_rate_index(const ledger_t *L, rp_date_t d);

/* overdue_interest.c: 罚息 and 复利 */
/* Accrues 罚息 and 复利 for the days after L->clock up to and including d. */
rp_status rp_overdue_accrue(ledger_t *L, rp_date_t d, rp_error *err);
/* A posting point (a payment, credit used): what has accrued is owed,
 * rounded and cumulative. Without a penalty cap each item is posted when
 * it is next read (rp_overdue_sync), which gives the same amounts; with a
 * cap, every item now, in order, against the room left. */
rp_status rp_overdue_post(ledger_t *L, rp_error *err);
/* as_of: every run accrued to the clock and every item posted. */
rp_status rp_overdue_post_all(ledger_t *L, rp_error *err);
/* Brings item k's 罚息 and 复利 up to the last posting point; call before
 * reading its due penalty amounts during the replay. */
rp_status rp_overdue_sync(ledger_t *L, int k, rp_error *err);
/* Item k's amounts are changing (a payment, a reamortization): its run
 * takes a new base from the next stop. */
void rp_overdue_touch(ledger_t *L, int k);
/* Grace of item k ends at the end of day d: its pending 罚息 and 复利 are
 * owed (keep) or dropped. */
rp_status rp_overdue_grace_ends(ledger_t *L, int k, rp_date_t d, int keep, rp_error *err);
/* First assessment date of installment k (its grace end). */
rp_date_t rp_overdue_first_assessment(const ledger_t *L, int k);

/* end_of_day.c */
/* End of day d: grace periods ending, late fees falling due. */
rp_status rp_overdue_end_of_day(ledger_t *L, rp_date_t d, rp_error *err);

/* allocate.c */
/* Applies amount to what is payable on date d, by the allocation terms;
 * fills entry->applied and returns the rest in `left`. */
rp_status rp_allocate(ledger_t *L, rp_entry_t *entry, mpq_t left, rp_date_t d, rp_error *err);

/* reshape.c */
/* The first installment not yet due on d (its period contains d), or −1. */
int rp_reamortize_current(const ledger_t *L, rp_date_t d);
rp_status rp_reamortize_rate_change(ledger_t *L, rp_date_t d, mpq_srcptr old_rate,
                                    mpq_srcptr new_rate, rp_error *err);
/* Prepays up to amount of future principal on d; *used gets what it took. */
rp_status rp_reamortize_prepay(ledger_t *L, rp_date_t d, mpq_srcptr amount, mpq_t used,
                               rp_error *err);
rp_status rp_reamortize_accelerate(ledger_t *L, rp_date_t d, rp_error *err);
/* Re-amortizes the rows a rate change left waiting (nothing if none): due
 * before anything reads the installments after the one in progress. */
rp_status rp_reamortize_flush(ledger_t *L, rp_error *err);
/* Interest of the current period accrued up to d (for a payoff). */
void rp_reamortize_accrued_interest(mpq_t out, const ledger_t *L, rp_date_t d);

/* statement.c: the owed and payoff totals, statuses, DPD, bucket and class
 * of the replayed loan on as_of. */
void rp_statement_summarize(ledger_t *L, rp_date_t as_of);
/* Then the warnings a reader needs, and the rows a shorter term removed
 * dropped (item indexes change: read the ledger's items before). */
rp_status rp_statement_finish(ledger_t *L, rp_error *err);

#endif
