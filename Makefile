# repay — exact repayment-plan calculator. See README.md.
#
#   make            build/librepay.a and build/repay
#   make demo       install what is missing, build, run a real example
#   make check      install what is missing, build, run every test
#   make san        the tests again under AddressSanitizer + UBSan (build-san/)
#   make valgrind   the unit tests, fixtures and a batch under valgrind memcheck
#   make fuzz       libFuzzer on requests and parsers, FUZZ_SECONDS each (default 60)
#   make bench      speed and memory figures for this machine (prints, asserts nothing)
#   make wasm       build/wasm/: the core as WebAssembly + the browser page
#   make wasm-test  Node tests of the module over every fixture, its npm package, the page
#   make layers     calls go downward only, in no circle (tools/layers)
#   make install    PREFIX=/usr/local DESTDIR=: libraries, headers, repay.pc, man pages
#   make clean

CC      ?= cc
HOST_CC ?= cc
OPT     ?= -O2 -g
BUILD   ?= build
SAN_FLAGS =
WARN    = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wpointer-arith -Wformat=2 -Wno-format-truncation  # messages are cut to fit on purpose
CFLAGS  += $(OPT) $(WARN) $(SAN_FLAGS)
CPPFLAGS += -Iinclude -Icalc -D_POSIX_C_SOURCE=200809L -MMD -MP
LDFLAGS += $(SAN_FLAGS)
LIBS    = -lcjson -lgmp

LIB_SRC  = $(sort $(wildcard calc/*/*.c))
GEN_SRC  = $(BUILD)/gen/lpr_data.c $(BUILD)/gen/calendar_data.c $(BUILD)/gen/response_schema.c \
           $(BUILD)/gen/letter_zh.c $(BUILD)/gen/letter_en.c $(BUILD)/gen/letter_css.c
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:.c=.o)
CLI_OBJ  = $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard cli/*.c)))
TEST_SRC = $(sort $(wildcard tests/*/test_*.c))
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

DEBIAN_PACKAGES = libgmp-dev libcjson-dev check pkg-config python3-jsonschema

.PHONY: layers install install-test valgrind fuzz-deps fuzz-lib all deps demo check unit fixtures cli-test tool-test san bench fuzz clean wasm wasm-test web-deps

all: $(BUILD)/librepay.a $(BUILD)/repay

# V=1 shows the full commands.
Q = $(if $(V),,@)

$(BUILD)/librepay.a: $(LIB_OBJ)
	@echo "  AR    $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/repay: $(CLI_OBJ) $(BUILD)/librepay.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lpthread

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Check suites, one folder per layer (tests/base/test_round.c ↔ calc/base/round.c).
$(BUILD)/tests/%: tests/%.c $(BUILD)/librepay.a
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	$(Q)$(CC) $(CPPFLAGS) -Itests $(CHECK_CFLAGS) $(CFLAGS) -MF $@.d -o $@ $< $(BUILD)/librepay.a $(CHECK_LIBS) $(LIBS) -lm

# data/lpr.json, data/cn_calendar.json and data/response_schema.json ship inside the
# library as C strings.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(HOST_CC) -O2 -o $@ $<

$(BUILD)/gen/lpr_data.c: data/lpr.json $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_lpr_default_json < $< > $@

$(BUILD)/gen/calendar_data.c: data/cn_calendar.json $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_calendar_default_json < $< > $@

$(BUILD)/gen/response_schema.c: data/response_schema.json $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_response_schema_json < $< > $@

# the repayment letter's wording, one template per language, and its print style
$(BUILD)/gen/letter_zh.c: data/letter/zh.md $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_letter_zh < $< > $@

$(BUILD)/gen/letter_en.c: data/letter/en.md $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_letter_en < $< > $@

$(BUILD)/gen/letter_css.c: data/letter/letter.css $(BUILD)/tools/embed
	@mkdir -p $(dir $@)
	$(Q)$(BUILD)/tools/embed rp_letter_css < $< > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC    $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

# Installs the Debian packages the build needs, when any is missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '$$ build/repay schedule --format table examples/mortgage.json'
	@$(BUILD)/repay schedule --format table examples/mortgage.json | sed -n '1,8p;355,$$p'
	@echo
	@echo '$$ build/repay statement --format table examples/overdue.json'
	@$(BUILD)/repay statement --format table examples/overdue.json | sed -n '1,21p'

check: deps
	@$(MAKE) --no-print-directory all layers unit cli-test tool-test install-test fixtures wasm-test

# Calls go downward only, in no circle (tools/layers); a planted upward
# include must be caught.
layers: all
	@sh tests/tools/layers_test.sh $(BUILD)

# The finance-staff view of the same cases: every fixture through `repay check`;
# and fixtures/peers is what tests/oracle/peer_suites.py writes (offline, < 1 s).
fixtures: $(BUILD)/repay
	@$(BUILD)/repay check fixtures
	@/usr/bin/python3 tests/oracle/peer_suites.py --check

unit: $(TEST_BIN) $(BUILD)/repay
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; REPAY_BIN=$(BUILD)/repay $$t; done

cli-test: $(BUILD)/repay
	@sh tests/tools/cli_test.sh $(BUILD)/repay

# batch, schema and the MCP server, driven from Python (Debian's python3-jsonschema);
# hostile_test.py: issue 14's hostile inputs on every interface.
tool-test: $(BUILD)/repay
	@/usr/bin/python3 tests/tools/batch_test.py $(BUILD)/repay
	@/usr/bin/python3 tests/tools/schema_test.py $(BUILD)/repay fixtures examples
	@/usr/bin/python3 tests/tools/mcp_test.py $(BUILD)/repay
	@/usr/bin/python3 tests/tools/mcp_negotiation.py $(BUILD)/repay
	@/usr/bin/python3 tests/tools/hostile_test.py $(BUILD)/repay
	@/usr/bin/python3 tests/tools/life_property.py $(BUILD)/repay

san:
	@REPAY_MEMORY_LIMIT_MB=0 REPAY_TIME_SCALE=10 $(MAKE) --no-print-directory BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" unit cli-test tool-test fixtures

# ---- WebAssembly (see README "In the browser") ----
# GMP and cJSON are built once from Debian's source packages into $(WASM_DEPS)
# (build/wasm-deps: kept across builds, removed by make clean); calc/ is
# compiled straight to wasm, with -Os: the page's budget is 250 KB gzipped,
# and at -O2 the inlined fast paths (issue 19) would take it over; -Os is
# smaller than main's -O2 build was and still faster (README "The page").
WASM_DEPS = build/wasm-deps
WASM_OUT  = $(BUILD)/wasm
WASM_WEB  = $(wildcard wasm/web/*)
WASM_PACKAGES = emscripten chromium dpkg-dev
EMCC_FLAGS = -Os -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Iinclude -Icalc -I$(WASM_DEPS)/include \
  -sMODULARIZE -sEXPORT_ES6 -sEXPORT_NAME=createRepayCore -sALLOW_MEMORY_GROWTH \
  -sENVIRONMENT=web -sEXPORTED_FUNCTIONS=@wasm/exports.json \
  -sEXPORTED_RUNTIME_METHODS=cwrap,UTF8ToString

web-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(WASM_PACKAGES)"

$(WASM_DEPS)/lib/libgmp.a:
	@sh wasm/build-deps.sh $(WASM_DEPS)

$(WASM_OUT)/repay.wasm: $(LIB_SRC) $(wildcard calc/*/*.h) $(wildcard include/*.h) wasm/repay_wasm.c \
                        wasm/exports.json Makefile $(GEN_SRC) $(WASM_DEPS)/lib/libgmp.a
	@mkdir -p $(WASM_OUT)
	@echo "  EMCC  $@"
	$(Q)NODE_PATH=/usr/share/nodejs emcc $(EMCC_FLAGS) -o $(WASM_OUT)/repay_core.mjs \
	  $(LIB_SRC) $(GEN_SRC) wasm/repay_wasm.c $(WASM_DEPS)/lib/libcjson.a $(WASM_DEPS)/lib/libgmp.a
	$(Q)mv $(WASM_OUT)/repay_core.wasm $@

wasm: web-deps $(WASM_OUT)/repay.wasm
	@cp wasm/repay.mjs wasm/npm/package.json wasm/npm/repay.d.ts $(WASM_OUT)/
	@mkdir -p $(WASM_OUT)/web && cp $(WASM_WEB) $(WASM_OUT)/web/
	@# served without whole-line // comments (the page's 250 KB budget; the
	@# sources keep them; no template literal spans lines in wasm/web/*.js)
	@for f in $(filter %.js,$(WASM_WEB)); do grep -v '^[[:space:]]*//' $$f > $(WASM_OUT)/web/$$(basename $$f); done
	@cp $(WASM_OUT)/repay.mjs $(WASM_OUT)/repay_core.mjs $(WASM_OUT)/repay.wasm $(WASM_OUT)/web/
	@echo "  WASM  $(WASM_OUT)/ ($$(du -k $(WASM_OUT)/repay.wasm | cut -f1) KB wasm)"

wasm/node_modules/playwright-core/package.json: wasm/package.json
	@cd wasm && npm install --no-audit --no-fund --silent
	@touch $@

wasm-test: wasm $(BUILD)/repay wasm/node_modules/playwright-core/package.json
	@node wasm/test/node.test.mjs $(WASM_OUT) $(BUILD)/repay fixtures examples
	@node wasm/test/package.test.mjs $(WASM_OUT)
	@node wasm/test/browser.test.mjs $(WASM_OUT) $(BUILD)/screenshot.png
	@node wasm/test/letter.test.mjs $(BUILD)/repay $(BUILD)/letter.pdf

# Every unit test in-process (CK_FORK=no), the fixtures and a batch under
# valgrind's memcheck: any invalid access, uninitialised read or leak fails.
VALGRIND = valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
valgrind: $(TEST_BIN) $(BUILD)/repay
	@dpkg -s valgrind >/dev/null 2>&1 || $(MAKE) --no-print-directory deps DEBIAN_PACKAGES=valgrind
	@set -e; log=$(BUILD)/valgrind.log; \
	for t in $(TEST_BIN); do echo "== valgrind $$t"; \
	  CK_FORK=no $(VALGRIND) $$t > $$log 2>&1 || { cat $$log; exit 1; }; tail -1 $$log; done; \
	echo "== valgrind repay check fixtures"; \
	$(VALGRIND) $(BUILD)/repay check fixtures > $$log 2>&1 || { cat $$log; exit 1; }; tail -1 $$log; \
	echo "== valgrind repay batch --jobs 2"; \
	for f in examples/*.json; do tr -d '\n' < $$f; echo; done > $(BUILD)/valgrind.jsonl; \
	$(VALGRIND) $(BUILD)/repay batch --jobs 2 $(BUILD)/valgrind.jsonl > $$log 2>&1 || { cat $$log; exit 1; }; \
	echo "$$(wc -l < $$log) answers"

# ---- fuzzing (libFuzzer: clang, ASan, UBSan) ----
# make fuzz FUZZ_SECONDS=60 runs each target that long from a seed corpus of
# every fixture's request; a crash leaves its input in build-fuzz/crash-*
# and fails. Found inputs are kept as regressions in tests/fuzz/regressions/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_request fuzz_parsers fuzz_csv fuzz_mcp
# command-line sources a target needs besides the library
FUZZ_SRC_fuzz_csv = cli/csvin.c cli/batch.c cli/visible.c
FUZZ_FLAGS   = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="clang libclang-rt-14-dev python3"

build-fuzz/%: tests/fuzz/%.c fuzz-lib
	@echo "  FUZZ  $@"
	$(Q)clang -O1 -g $(CPPFLAGS) -Icli -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_SRC_$*) \
	  build-fuzz/librepay.a $(LIBS) -lpthread

fuzz-lib:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang HOST_CC=cc OPT="-O1 -g" \
	  SAN_FLAGS="$(FUZZ_FLAGS) -Wno-unknown-warning-option" build-fuzz/librepay.a

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build-fuzz/%)
	@/usr/bin/python3 tests/fuzz/seed_corpus.py build-fuzz/corpus fixtures examples tests/fuzz/regressions
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "== $$t: replaying regressions, then $(FUZZ_SECONDS) s"; \
	  build-fuzz/$$t -runs=0 tests/fuzz/regressions/$$t; \
	  build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=4096 -artifact_prefix=build-fuzz/ -print_final_stats=1 \
	    build-fuzz/corpus/$$t > build-fuzz/$$t.log 2>&1 || { tail -60 build-fuzz/$$t.log; exit 1; }; \
	  grep -E '^Done|stat::number_of_executed_units|stat::peak_rss' build-fuzz/$$t.log; \
	done

# Figures for this machine (README "Performance"); never part of the tests.
$(BUILD)/bench: bench/bench.c $(BUILD)/librepay.a
	@echo "  LINK  $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(BUILD)/librepay.a $(LIBS) -lm

bench: $(BUILD)/bench $(BUILD)/repay
	@/usr/bin/python3 tests/tools/limits_suite.py $(BUILD)/limits > /dev/null
	@$(BUILD)/bench $(BUILD)/repay $(BUILD)/limits

# ---- install: what a C library ships (see README "From C") ----
# make install [PREFIX=/usr/local] [DESTDIR=…]: the static and shared
# library (soname librepay.so.MAJOR), the headers, repay.pc for pkg-config,
# the repay command, and the man pages repay(1) and librepay(3).
PREFIX  ?= /usr/local
VERSION := $(shell sed -n 's/^\#define RP_VERSION "\(.*\)"/\1/p' include/repay.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
PIC_OBJ  = $(LIB_OBJ:$(BUILD)/%.o=$(BUILD)/pic/%.o)

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC    $< (PIC)"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/pic/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/librepay.so.$(VERSION): $(PIC_OBJ)
	@echo "  LINK  $@"
	$(Q)$(CC) -shared -Wl,-soname,librepay.so.$(SOMAJOR) $(LDFLAGS) -o $@ $^ $(LIBS)

install: all $(BUILD)/librepay.so.$(VERSION)
	@printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$${prefix}/include' 'libdir=$${prefix}/lib' '' \
	  'Name: repay' 'Description: exact repayment plans, statements and restructuring' \
	  'Version: $(VERSION)' 'Requires: gmp' 'Requires.private: libcjson' 'Cflags: -I$${includedir}' \
	  'Libs: -L$${libdir} -lrepay' 'Libs.private: -lpthread' > $(BUILD)/repay.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man3
	install -m 755 $(BUILD)/repay $(DESTDIR)$(PREFIX)/bin/repay
	install -m 644 include/repay.h include/repay_advanced.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(BUILD)/librepay.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/librepay.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/
	ln -sf librepay.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/librepay.so.$(SOMAJOR)
	ln -sf librepay.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/librepay.so
	install -m 644 $(BUILD)/repay.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 644 docs/repay.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 docs/librepay.3 $(DESTDIR)$(PREFIX)/share/man/man3/

# A program built against an installed copy, statically and shared.
install-test: all
	@sh tests/tools/install_test.sh $(BUILD)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
