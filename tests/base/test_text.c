/*
 * test_text.c — user text on its way out (calc/base/text.c): CSV cells quoted
 * and neutralized, terminal text with its control characters shown,
 * UTF-8 checked and cut on character boundaries (issue 14, items 5–7).
 */
#include <stdio.h>

#include "testutil.h"

#include "base/buf.h"

static const struct {
    const char *text;
    int user;
    const char *cell;
} cells[] = {
    {"1234.50", 0, "1234.50"},
    {"-893.33", 0, "-893.33"},          /* a number stays a number */
    {"2024-01-15", 1, "2024-01-15"},    /* and a date a date */
    {"paid_late", 0, "paid_late"},      /* a word of ours as it is */
    {"irr_bounds[0]", 0, "irr_bounds[0]"},
    {"paid_late", 1, "\"paid_late\""},  /* user text always quoted */
    {"=HYPERLINK(\"x\")", 1, "\"'=HYPERLINK(\"\"x\"\")\""},
    {"+1", 0, "\"'+1\""},
    {"-1+2", 1, "\"'-1+2\""},
    {"@SUM(A1)", 1, "\"'@SUM(A1)\""},
    {"\tx", 1, "\"'\\x09x\""},
    {"a,b", 0, "\"a,b\""},
    {"line\nbreak", 1, "\"line\\x0Abreak\""},
    {"\x1b[2J", 1, "\"\\x1B[2J\""},
    {"展期六个月", 1, "\"展期六个月\""},
    {"", 1, "\"\""},
};

START_TEST(csv_cell)
{
    rp_buf_t b;
    rp_buf_init(&b);
    rp_buf_csv_cell(&b, cells[_i].text, cells[_i].user);
    ck_assert_str_eq(b.data ? b.data : "", cells[_i].cell);
    rp_buf_clear(&b);
}
END_TEST

static const struct {
    const char *text;
    const char *shown;
} visible[] = {
    {"plain 中文", "plain 中文"},
    {"\x1b]0;pwned\x07", "\\x1B]0;pwned\\x07"},
    {"a\x7f", "a\\x7F"},
    {"c1 \xc2\x9b", "c1 \\x9B"},                 /* C1 CSI */
    {"bidi \xe2\x80\xae", "bidi \\u202E"},       /* RIGHT-TO-LEFT OVERRIDE */
    {"broken \xe4\xb8", "broken \\xE4\\xB8"},     /* a cut sequence */
    {"\xff", "\\xFF"},
};

START_TEST(visible_text)
{
    rp_buf_t b;
    rp_buf_init(&b);
    rp_buf_visible(&b, visible[_i].text, strlen(visible[_i].text));
    ck_assert_str_eq(b.data ? b.data : "", visible[_i].shown);
    rp_buf_clear(&b);
}
END_TEST

START_TEST(width_and_cuts)
{
    ck_assert_uint_eq(rp_text_width("abc"), 3);
    ck_assert_uint_eq(rp_text_width("展期"), 4);
    ck_assert_uint_eq(rp_text_width("ａ"), 2); /* full-width */
    /* a message cut in the middle of a character drops the broken end */
    rp_error err;
    char big[RP_MESSAGE_MAX * 2];
    size_t n = 1;
    big[0] = 'x'; /* so that 320 falls inside a character */
    while (n + 3 < sizeof big - 1) {
        memcpy(big + n, "中", 3);
        n += 3;
    }
    big[n] = '\0';
    rp_fail(&err, RP_E_VALUE, "$", "%s", big);
    size_t len = strlen(err.message);
    ck_assert(len < RP_MESSAGE_MAX && len > RP_MESSAGE_MAX - 4);
    ck_assert_uint_eq((len - 1) % 3, 0); /* 'x' then whole characters */
}
END_TEST

/* rp_buf_cat writes what snprintf writes for its three conversions. */
START_TEST(cat_as_printf)
{
    rp_buf_t b;
    rp_buf_init(&b);
    rp_buf_cat(&b, "第%d期%s：%s × %s%% ÷ %d", 12, "罚息", "946.19", "18", -360);
    ck_assert_str_eq(b.data, "第12期罚息：946.19 × 18% ÷ -360");
    rp_buf_cat(&b, "%d|%d|%%|%s", 0, -2147483647 - 1, "");
    ck_assert_str_eq(b.data, "第12期罚息：946.19 × 18% ÷ -3600|-2147483648|%|");
    rp_buf_cat(NULL, "%s", "nothing, no crash");
    b.len = 0;
    /* a lone % at the end is dropped, nothing read past it (a format the
     * compiler would refuse: its check is switched off for this line) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
    rp_buf_cat(&b, "ends in %d%", 5);
#pragma GCC diagnostic pop
    ck_assert_str_eq(b.data, "ends in 5");
    rp_buf_clear(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, csv_cell, 0, (int)(sizeof cells / sizeof cells[0]));
    tcase_add_loop_test(tc, visible_text, 0, (int)(sizeof visible / sizeof visible[0]));
    tcase_add_test(tc, width_and_cuts);
    tcase_add_test(tc, cat_as_printf);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
