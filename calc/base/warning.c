/*
 * warning.c — notes a computation wants its reader to see (not errors):
 * schedules, statements and plans keep a short list of them.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void rp_warning_add(rp_warning_t *list, int *count, const char *code, const char *message)
{
    if (*count >= RP_WARNING_MAX)
        return;
    rp_warning_t *w = &list[(*count)++];
    snprintf(w->code, sizeof w->code, "%s", code);
    snprintf(w->message, sizeof w->message, "%s", message);
}

void rp_warning_add_once(rp_warning_t *list, int *count, const char *code, const char *message)
{
    for (int i = 0; i < *count; i++)
        if (strcmp(list[i].code, code) == 0)
            return;
    rp_warning_add(list, count, code, message);
}
