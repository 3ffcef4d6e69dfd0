/*
 * grid.h — dates one period apart (grid.c). Private to calc/.
 */
#ifndef RP_GRID_H
#define RP_GRID_H

#include "internal.h"

/* anchor + j periods of f, on `day` of the month (the anchor's; 31 keeps
 * to month ends), clamped to the month's last day. */
typedef struct rp_grid {
    rp_date_t anchor;
    int day;
    rp_frequency f;
} rp_grid_t;

/* The grid through anchor, on the anchor's day of month. */
rp_grid_t rp_grid_at(rp_date_t anchor, rp_frequency f);

/* The date `months` months before from, on `day` (clamped). */
rp_date_t rp_grid_months_back(rp_date_t from, int months, int day);

/* Point j of the grid (j may be negative). */
rp_date_t rp_grid_point(const rp_grid_t *g, long j);

/* The index of the last point on or before date. */
long rp_grid_floor(const rp_grid_t *g, rp_date_t date);

#endif
