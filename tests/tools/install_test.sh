#!/bin/sh
# make install into a scratch root, then build two programs against the
# installed copy only, with pkg-config: one on the stable JSON API
# (repay.h), linked to the shared library and then statically, and one on
# the typed API (repay_advanced.h). Each runs and its answer is checked.
# usage: sh tests/tools/install_test.sh BUILD
set -u
BUILD=${1:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

make --no-print-directory -s install BUILD="$BUILD" PREFIX=/usr DESTDIR="$TMP/root" > "$TMP/install.log" 2>&1 ||
    { cat "$TMP/install.log"; echo "install: make install failed"; exit 1; }
for f in bin/repay include/repay.h include/repay_advanced.h lib/librepay.a lib/librepay.so \
         lib/pkgconfig/repay.pc share/man/man1/repay.1 share/man/man3/librepay.3; do
    [ -e "$TMP/root/usr/$f" ] || bad "not installed: $f"
done
soname=$(objdump -p "$TMP/root/usr/lib/librepay.so" 2>/dev/null | sed -n 's/.*SONAME *//p')
[ "$soname" = "librepay.so.0" ] || bad "soname is '$soname', not librepay.so.0"

export PKG_CONFIG_PATH="$TMP/root/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$TMP/root"
cat > "$TMP/json.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <repay.h>

int main(void)
{
    /* DOMAIN.md: 1,000,000 at 4.9% over 360 months pays 5,307.27 */
    const char *req = "{\"op\": \"schedule\", \"loan\": {\"principal\": \"1000000\", "
                      "\"rate\": \"4.9%\", \"term\": 360}}";
    rp_options_t opt = {.format = RP_FORMAT_JSON, .one_line = 1};
    char *out = NULL;
    rp_status st = rp_run(&out, req, strlen(req), &opt, NULL);
    int ok = st == RP_OK && out && strstr(out, "\"payment\": \"5307.27\"");
    printf("%s %s\n", RP_VERSION, ok ? "5307.27" : "wrong");
    rp_free(out);
    return ok ? 0 : 1;
}
C
cat > "$TMP/typed.c" <<'C'
#include <stdio.h>
#include <repay_advanced.h>

int main(void)
{
    rp_loan_t loan;
    rp_round_t rc;
    rp_schedule_t s;
    rp_loan_init(&loan);
    rp_round_init(&rc);
    rp_schedule_init(&s);
    mpq_set_ui(loan.principal, 12000, 1);
    mpq_set_ui(loan.annual_rate, 12, 100);
    mpq_canonicalize(loan.annual_rate);
    loan.term = 12;
    int ok = rp_schedule_build(&s, &loan, &rc, NULL) == RP_OK;
    char text[32] = "";
    if (ok) /* PMT(1%, 12, 12000) = 1,066.19 */
        rp_decimal_format(text, sizeof text, s.level_payment, 2, RP_ROUND_HALF_UP);
    printf("%s\n", text);
    rp_schedule_clear(&s);
    rp_round_clear(&rc);
    rp_loan_clear(&loan);
    return ok ? 0 : 1;
}
C
CC=${CC:-cc}
if $CC -o "$TMP/json-shared" "$TMP/json.c" $(pkg-config --cflags --libs repay) 2> "$TMP/cc.log"; then
    out=$(LD_LIBRARY_PATH="$TMP/root/usr/lib" "$TMP/json-shared") || bad "shared: exit $?"
    [ "$out" = "0.1.0 5307.27" ] || bad "shared: '$out'"
    ldd "$TMP/json-shared" | grep -q "librepay.so.0 => $TMP/root" ||
        LD_LIBRARY_PATH="$TMP/root/usr/lib" ldd "$TMP/json-shared" | grep -q "librepay.so.0" ||
        bad "shared: not linked to librepay.so.0"
else
    cat "$TMP/cc.log"; bad "shared: does not build with pkg-config --cflags --libs repay"
fi
if $CC -o "$TMP/json-static" "$TMP/json.c" $(pkg-config --cflags repay) \
        "$TMP/root/usr/lib/librepay.a" $(pkg-config --libs --static repay | sed 's/-lrepay//') 2> "$TMP/cc.log"; then
    out=$("$TMP/json-static") || bad "static: exit $?"
    [ "$out" = "0.1.0 5307.27" ] || bad "static: '$out'"
else
    cat "$TMP/cc.log"; bad "static: does not build"
fi
if $CC -o "$TMP/typed" "$TMP/typed.c" $(pkg-config --cflags --libs repay) 2> "$TMP/cc.log"; then
    out=$(LD_LIBRARY_PATH="$TMP/root/usr/lib" "$TMP/typed") || bad "typed: exit $?"
    [ "$out" = "1066.19" ] || bad "typed: '$out'"
else
    cat "$TMP/cc.log"; bad "typed: does not build against repay_advanced.h"
fi
out=$("$TMP/root/usr/bin/repay" --version) || bad "the installed repay does not run"
if command -v groff > /dev/null; then
    for m in "$TMP/root/usr/share/man/man1/repay.1" "$TMP/root/usr/share/man/man3/librepay.3"; do
        groff -k -man -Tutf8 -ww -z "$m" 2> "$TMP/man.log" || bad "$m does not format"
        [ -s "$TMP/man.log" ] && { cat "$TMP/man.log"; bad "$m: groff warns"; }
    done
fi
echo "install: $( [ $fail -eq 0 ] && echo 'installed copy builds and runs (shared, static, typed)' || echo failed)"
exit $fail
