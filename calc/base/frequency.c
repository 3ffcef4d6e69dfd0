/*
 * frequency.c — how often installments fall: the names, the periods a
 * year (each exact: a 15-day period is 1/24 of a year, as a 360-day year
 * counts it, and two months 1/6), and the length of one period in months
 * or in days.
 */
#include "internal.h"

const char *const rp_frequency_names[RP_FREQ_COUNT] = {
    [RP_FREQ_MONTHLY] = "monthly",   [RP_FREQ_QUARTERLY] = "quarterly",
    [RP_FREQ_SEMIANNUAL] = "semiannual", [RP_FREQ_ANNUAL] = "annual",
    [RP_FREQ_BIWEEKLY] = "biweekly", [RP_FREQ_WEEKLY] = "weekly",
    [RP_FREQ_BIMONTHLY] = "bimonthly", [RP_FREQ_DAYS_15] = "every_15_days",
};

/* One row per frequency: periods a year, months a period, days a period
 * (a period is counted in months or in days, never both). */
static const struct {
    int per_year, months, days;
} period_of[RP_FREQ_COUNT] = {
    [RP_FREQ_MONTHLY] = {12, 1, 0},   [RP_FREQ_QUARTERLY] = {4, 3, 0},
    [RP_FREQ_SEMIANNUAL] = {2, 6, 0}, [RP_FREQ_ANNUAL] = {1, 12, 0},
    [RP_FREQ_BIWEEKLY] = {26, 0, 14}, [RP_FREQ_WEEKLY] = {52, 0, 7},
    [RP_FREQ_BIMONTHLY] = {6, 2, 0},  [RP_FREQ_DAYS_15] = {24, 0, 15},
};

int rp_frequency_per_year(rp_frequency f)
{
    return (unsigned)f < RP_FREQ_COUNT ? period_of[f].per_year : 12;
}

int rp_frequency_months(rp_frequency f)
{
    return (unsigned)f < RP_FREQ_COUNT ? period_of[f].months : 1;
}

int rp_frequency_days(rp_frequency f)
{
    return (unsigned)f < RP_FREQ_COUNT ? period_of[f].days : 0;
}
