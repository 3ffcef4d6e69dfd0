/*
 * fuzz_parsers.c — libFuzzer target: any text through the decimal, rate
 * and date parsers. A parse either fails with a status or gives a value
 * that formats and parses back to itself (decimals, dates).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "repay_advanced.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return 0; /* the parsers refuse long text before reading it */
    char text[257];
    memcpy(text, data, size);
    text[size] = '\0';
    mpq_t q, back;
    mpq_inits(q, back, NULL);
    rp_error err;
    if (rp_decimal_parse(q, text, &err) == RP_OK) {
        /* the fewest places that show q exactly (it has at most 40) */
        int places = 0;
        mpz_t scaled;
        mpz_init(scaled);
        for (;; places++) {
            mpz_ui_pow_ui(scaled, 10, (unsigned long)places);
            if (mpz_divisible_p(scaled, mpq_denref(q)) || places > 40)
                break;
        }
        mpz_clear(scaled);
        if (places > 40)
            abort(); /* the parser promised at most 40 places */
        char buf[160];
        size_t n = rp_decimal_format(buf, sizeof buf, q, places, RP_ROUND_HALF_EVEN);
        /* what fits the parser's length limit must read back the same */
        if (n <= RP_MAX_DECIMAL_CHARS &&
            (rp_decimal_parse(back, buf, &err) != RP_OK || !mpq_equal(q, back)))
            abort();
    }
    rp_rate_unit unit;
    (void)rp_rate_parse(q, &unit, text, &err);
    rp_date_t d;
    if (rp_date_parse(&d, text, &err) == RP_OK) {
        char buf[RP_DATE_TEXT];
        rp_date_format(buf, d);
        rp_date_t again;
        if (rp_date_parse(&again, buf, &err) != RP_OK || again != d)
            abort();
    }
    mpq_clears(q, back, NULL);
    return 0;
}
