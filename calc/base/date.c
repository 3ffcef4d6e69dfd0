/*
 * date.c — civil dates as day serials (days since 1970-01-01, proleptic
 * Gregorian), ISO text, and month arithmetic anchored on a start day.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

int rp_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int rp_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && rp_is_leap_year(year) ? 29 : days[month - 1];
}

int rp_date_valid(int year, int month, int day)
{
    return year >= RP_MIN_YEAR && year <= RP_MAX_YEAR && month >= 1 && month <= 12 && day >= 1 &&
           day <= rp_days_in_month(year, month);
}

/* Counting from March makes February the last month of a "year", so leap
 * days fall at the end and the month lengths follow a 153-days-per-5-months
 * pattern. Years here are positive (≥ RP_MIN_YEAR), so plain division works. */
rp_date_t rp_date_from_ymd(int year, int month, int day)
{
    int y = month <= 2 ? year - 1 : year;
    int m = month <= 2 ? month + 9 : month - 3; /* March = 0 … February = 11 */
    int era = y / 400, year_of_era = y - era * 400;
    int day_of_year = (153 * m + 2) / 5 + day - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

void rp_date_to_ymd(rp_date_t date, int *year, int *month, int *day)
{
    int z = date + 719468;
    int era = z / 146097, day_of_era = z - era * 146097;
    int year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int m = (5 * day_of_year + 2) / 153; /* March = 0 */
    *day = day_of_year - (153 * m + 2) / 5 + 1;
    *month = m < 10 ? m + 3 : m - 9;
    *year = year_of_era + era * 400 + (*month <= 2);
}

static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

rp_status rp_date_parse(rp_date_t *out, const char *s, rp_error *err)
{
    size_t len = strnlen(s, 11);
    int y = -1, m = -1, d = -1;
    if (len == 10 && s[4] == '-' && s[7] == '-') {
        y = read_digits(s, 4);
        m = read_digits(s + 5, 2);
        d = read_digits(s + 8, 2);
    }
    if (y < 0 || m < 0 || d < 0)
        return rp_fail(err, RP_E_VALUE, NULL, "expected a date as YYYY-MM-DD, like 2024-01-15");
    if (m < 1 || m > 12 || d < 1 || d > rp_days_in_month(y, m))
        return rp_fail(err, RP_E_VALUE, NULL, "%04d-%02d-%02d is not a calendar date", y, m, d);
    if (y < RP_MIN_YEAR || y > RP_MAX_YEAR)
        return rp_fail(err, RP_E_RANGE, NULL, "dates must lie between %d-01-01 and %d-12-31",
                       RP_MIN_YEAR, RP_MAX_YEAR);
    *out = rp_date_from_ymd(y, m, d);
    return RP_OK;
}

void rp_date_format(char buf[RP_DATE_TEXT], rp_date_t date)
{
    int y, m, d;
    rp_date_to_ymd(date, &y, &m, &d);
    /* Dates stay within the year limits, so four digits always suffice. */
    int fields[3] = {y, m, d}, widths[3] = {4, 2, 2};
    char *o = buf;
    for (int f = 0; f < 3; f++) {
        for (int w = widths[f] - 1, v = fields[f]; w >= 0; w--, v /= 10)
            o[w] = (char)('0' + v % 10);
        o += widths[f];
        *o++ = f < 2 ? '-' : '\0';
    }
}

rp_status rp_date_add_months(rp_date_t *out, rp_date_t anchor, int months, rp_error *err)
{
    int y, m, d;
    rp_date_to_ymd(anchor, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;
    long ny = total / 12;
    int nm = (int)(total % 12) + 1;
    if (total < 0 || ny < RP_MIN_YEAR || ny > RP_MAX_YEAR)
        return rp_fail(err, RP_E_RANGE, NULL, "the date falls after %d-12-31 or before %d-01-01",
                       RP_MAX_YEAR, RP_MIN_YEAR);
    int last = rp_days_in_month((int)ny, nm);
    *out = rp_date_from_ymd((int)ny, nm, d < last ? d : last);
    return RP_OK;
}
