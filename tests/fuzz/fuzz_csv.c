/*
 * fuzz_csv.c — libFuzzer target: any bytes as a sheet for repay batch
 * --from-csv (cli/csvin.c). Whatever the input: no crash, leak or hang;
 * either the header is refused, or every line after it that is not blank
 * gets exactly one answer, in order (issue 14, items 1 and 2): a request
 * that is a JSON object, or an error line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lines after the first that are not blank ("" or a lone empty quoted cell). */
static long rows_expected(const uint8_t *data, size_t size)
{
    long rows = 0;
    size_t start = 0;
    int header = 1;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    while (start < size) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t n = end - start;
        if (n > 0 && data[start + n - 1] == '\r')
            n--;
        int blank = n == 0 || (n == 2 && data[start] == '"' && data[start + 1] == '"');
        if (header)
            header = 0;
        else if (!blank)
            rows++;
        start = end + 1;
    }
    return rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in)
        return 0;
    source_t src;
    long answers = 0;
    if (cli_csv_source(&src, in, "fuzz.csv") == 0) {
        char *text = NULL;
        size_t len = 0;
        source_item item;
        while ((item = src.next(&src, &text, &len)) != SOURCE_END) {
            if (!text || strlen(text) != len)
                abort();
            if (item == SOURCE_REQUEST) {
                char *out = NULL;
                rp_options_t opt = {.format = RP_FORMAT_JSON, .one_line = 1};
                rp_status st = rp_run(&out, text, len, &opt, NULL);
                /* a row always becomes a JSON object: never invalid_json */
                if (!out || st == RP_E_JSON || rp_status_exit_code(st) == 3)
                    abort();
                rp_free(out);
            } else if (strncmp(text, "{\"ok\":false,", 12) != 0) {
                abort();
            }
            free(text);
            text = NULL;
            answers++;
        }
        if (answers != rows_expected(data, size))
            abort(); /* a row lost, or one answered twice */
    }
    cli_csv_source_close(&src);
    fclose(in);
    return 0;
}
