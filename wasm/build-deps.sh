#!/bin/sh
# Builds GMP and cJSON for WebAssembly from Debian's source packages, into
# $1 (default build/wasm-deps), once: a finished build is kept and reused.
# Needs emscripten and, the first time, network access to Debian's archive.
# Nothing downloaded here is committed: it all lives under build/.
set -eu
OUT=$(realpath -m "${1:-build/wasm-deps}")
export NODE_PATH=/usr/share/nodejs   # emcc's optimizer needs Debian's acorn
if [ -f "$OUT/lib/libgmp.a" ] && [ -f "$OUT/lib/libcjson.a" ]; then
    echo "wasm deps: cached in $OUT"
    exit 0
fi
mkdir -p "$OUT/src" "$OUT/lib" "$OUT/include"

# Debian's source packages need a deb-src entry (same archive and key).
if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    if [ "$(id -u)" = 0 ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            > /etc/apt/sources.list.d/repay-deb-src.sources
        apt-get update -qq
    else
        echo "wasm deps: add a deb-src entry for bookworm (as root) and run again" >&2
        exit 2
    fi
fi

cd "$OUT/src"
if [ ! -d gmp ]; then
    apt-get source -qq --download-only gmp
    dpkg-source -x gmp_*.dsc gmp >/dev/null
fi
if [ ! -d cjson ]; then
    apt-get source -qq --download-only cjson
    dpkg-source -x cjson_*.dsc cjson >/dev/null
fi

# GMP: the Debian tarball has no doc/, which configure expects.
if [ ! -f "$OUT/lib/libgmp.a" ]; then
    cd "$OUT/src/gmp"
    mkdir -p doc
    printf 'all install uninstall clean distclean check installcheck dvi html info pdf ps:\n\t@:\n' > doc/Makefile.in
    emconfigure ./configure --host=none --disable-assembly --disable-cxx --enable-static \
        --disable-shared --prefix="$OUT" CC_FOR_BUILD=gcc CFLAGS="-O2" >/dev/null
    emmake make -j"$(nproc)" >/dev/null
    emmake make install >/dev/null
fi

# cJSON is one C file.
if [ ! -f "$OUT/lib/libcjson.a" ]; then
    cd "$OUT/src/cjson"
    emcc -O2 -c cJSON.c -o cJSON.o
    emar rcs "$OUT/lib/libcjson.a" cJSON.o
    mkdir -p "$OUT/include/cjson"
    cp cJSON.h "$OUT/include/cjson/"
fi
echo "wasm deps: built in $OUT"
