#!/bin/sh
# make layers must hold on the library, and must fail when a lower layer
# reaches up: a copy of calc/ with one upward include planted is refused.
# usage: sh tests/tools/layers_test.sh BUILD
set -u
BUILD=${1:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
if ! python3 tools/layers "$BUILD" > "$TMP/out"; then
    cat "$TMP/out"; fail=1
fi
cp -r calc "$TMP/calc"
printf '#include "api/ops.h"\n' >> "$TMP/calc/base/error.c"
if python3 tools/layers --root "$TMP" "$BUILD" > "$TMP/planted"; then
    echo "FAIL: an upward include from base/ into api/ was not found"; fail=1
elif ! grep -q 'base/error.c.*includes "api/ops.h" from api, a higher layer' "$TMP/planted"; then
    echo "FAIL: the planted include is not the breach reported:"; cat "$TMP/planted"; fail=1
fi
echo "layers: $( [ $fail -eq 0 ] && echo 'no breach, and a planted one is found' || echo failed)"
exit $fail
