/*
 * visible.c — text from elsewhere (file names, messages quoting input)
 * written for a person at a terminal: control characters and bytes that
 * are not UTF-8 come out as \xHH, so nothing reaches the terminal as an
 * escape sequence.
 */
#include <string.h>

#include "cli.h"

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t sequence(const unsigned char *p, size_t left)
{
    unsigned char c = p[0];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || n > left)
        return 0;
    if (n > 1 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
                  (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)))
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    return n;
}

void cli_put_visible(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n = sequence(p + i, len - i);
        /* C0, DEL, C1 (U+0080–U+009F, C2 80–C2 9F) and broken bytes */
        if (n == 0 || p[i] < 0x20 || p[i] == 0x7F || (n == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)) {
            size_t k = n ? n : 1;
            for (size_t j = 0; j < k; j++)
                fprintf(f, "\\x%02X", p[i + j]);
            i += k;
            continue;
        }
        fwrite(p + i, 1, n, f);
        i += n;
    }
}
