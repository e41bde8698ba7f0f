# roic: the ROI report compiler. `make`, `make demo`, `make check`; see README.md.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
# The DejaVu faces of the charts and the PDF (Debian fonts-dejavu-core).
FONT_DIR ?= /usr/share/fonts/truetype/dejavu
# The hyphenation dictionaries of the PDF's tables (Debian hyphen-fr,
# hyphen-en-us: hyph_fr.dic, hyph_en_US.dic).
HYPHEN_DIR ?= /usr/share/hyphen
# Subsets of them for the PDF (SPEC 5.2), made by pyftsubset (fonttools):
# Latin-1, Latin Extended-A, punctuation, currency, arrows and the math
# signs used, U+FFFD; no hinting, no layout tables.
SUBSET_UNICODES = U+0020-007E,U+00A0-017F,U+0192,U+02C6-02DC,U+2010-2027,U+202F-203A,U+2044,U+20AC,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264-2265,U+25A0-25A1,U+25CF,U+FFFD
SUBSETS = build/fonts/DejaVuSans.ttf build/fonts/DejaVuSans-Bold.ttf
DATADIR = $(PREFIX)/share/roic
DOCDIR = $(PREFIX)/share/doc/roic
PKGS = libcmark cairo cairo-ft freetype2 jansson sqlite3 libcrypto zlib
# Evaluated when a recipe runs, after scripts/deps.sh has installed them.
# libharu, libcsv and libhyphen have no .pc file on Debian.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
NOPC_LIBS = -lhpdf -lcsv -lhyphen
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) $(NOPC_LIBS) -lm -pthread

# `make SANITIZE=address,undefined check` builds apart, in build/san-*.
ifdef SANITIZE
VARIANT = san-$(subst $(comma),-,$(SANITIZE))
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
VARIANT = release
SANFLAGS =
endif
comma := ,
B = build/$(VARIANT)

WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wpointer-arith -Wno-unused-parameter
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DROIC_VERSION='"$(VERSION)"' -DROIC_FONT_DIR='"$(FONT_DIR)"' \
	-DROIC_HYPHEN_DIR='"$(HYPHEN_DIR)"' \
	-DROIC_SUBSET_DIRS='"$(DATADIR)/fonts:$(CURDIR)/build/fonts"' $(WARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS)

LIB_SRC = src/util.c src/diag.c src/record.c src/jtok.c src/store.c src/metrics.c \
	src/format.c src/assets.c src/view.c src/mustache.c src/html.c src/build.c \
	src/ingest.c src/ingest_json.c src/ingest_csv.c src/ingest_warn.c \
	src/font.c src/chart_spec.c \
	src/chart.c src/chart_cairo.c src/directive.c src/chart_pdf.c src/pdf.c \
	src/sign.c src/verify.c src/config.c src/schema.c \
	src/hyphenate.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/assets_data.o $(B)/charts_data.o
TEMPLATES = $(shell cd templates && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
CHARTS = $(shell cd charts && ls *.json | LC_ALL=C sort)
HDR = $(wildcard src/*.h)

TESTS = test_record test_jtok test_util test_format test_mustache test_chart \
	test_hyphenate
TEST_BIN = $(TESTS:%=$(B)/tests/%)
# Tools the shell suites run (not cmocka tests).
TEST_TOOLS = $(B)/tests/kpis_props $(B)/tests/bench_view $(B)/tests/chart_golden \
	$(B)/tests/sign_file $(B)/tests/schema_props

# Writes docs/templates.md (the reference of the templates and charts).
DOC_TOOL = $(B)/tools/templates_doc

.PHONY: all roic deps deps-check web-deps demo check check-bins suite test golden bench screenshots fuzz fuzz-build fixtures \
	fixtures-big install uninstall clean format docs

all: roic

deps:
	@sh scripts/deps.sh build

deps-check:
	@sh scripts/deps.sh check

# Chromium, Java and the npm tools of the page checks (vnu, axe-core).
web-deps:
	@sh scripts/web-deps.sh

$(B)/%.o: src/%.c $(HDR) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Glyphs without hinting, but the font's cvt, fpgm and prep kept: libharu
# 2.3 rewrites a missing prep as an empty last table and fails to save a
# PDF whose font data then ends on a multiple of 8 KiB (found by
# fuzz_markdown; tests/regress/fuzz-markdown-empty-prep.md).
build/fonts/%.ttf: $(FONT_DIR)/%.ttf Makefile | deps
	@mkdir -p $(@D)
	pyftsubset $< --unicodes='$(SUBSET_UNICODES)' --no-hinting \
	    '--hinting-tables-=cvt ,fpgm,prep' --layout-features='' \
	    --output-file=$@.tmp 2>/dev/null && mv $@.tmp $@

$(B)/roic: $(LIB_OBJ) $(B)/main.o $(SUBSETS)
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(LIB_OBJ) $(B)/main.o $(LDFLAGS) $(PKG_LIBS)

# ./roic is the binary of the last variant built.
roic: $(B)/roic
	@cmp -s $< $@ || cp $< $@

$(B)/tests/%: tests/%.c tests/xorshift.h $(LIB_OBJ) | deps-check
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(PKG_LIBS) -lcmocka

$(DOC_TOOL): tools/templates_doc.c $(LIB_OBJ) | deps-check
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(PKG_LIBS)

# The reference page, from the view model's schema (src/schema.c) and the
# built-in templates and charts; commit it (the suite checks it is current).
docs: $(DOC_TOOL)
	$(DOC_TOOL) >docs/templates.md.tmp && mv docs/templates.md.tmp docs/templates.md

tools/embed: tools/embed.c
	$(CC) -O2 -Wall -Wextra -o $@ $<

# The built-in templates, compiled into roic.
build/gen/assets_data.c: tools/embed $(addprefix templates/,$(TEMPLATES))
	@mkdir -p $(@D)
	tools/embed $@ assets_builtin templates $(TEMPLATES)

# The built-in chart specs, likewise.
build/gen/charts_data.c: tools/embed $(addprefix charts/,$(CHARTS))
	@mkdir -p $(@D)
	tools/embed $@ charts_builtin charts $(CHARTS)

$(B)/%_data.o: build/gen/%_data.c src/assets.h | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

tools/genkpi: tools/genkpi.c
	$(CC) -O2 -Wall -Wextra -o $@ $< -lm

tools/rusage: tools/rusage.c
	$(CC) -O2 -Wall -Wextra -o $@ $<

# The bundled fixtures, made by tools/genkpi (committed; regenerate on purpose).
fixtures: tools/genkpi
	rm -rf fixtures/exports
	tools/genkpi demo fixtures/exports

# Benchmark-size data: N tenants x 13 months (not committed).
N ?= 1000
fixtures-big: tools/genkpi
	rm -rf build/big-$(N)
	tools/genkpi bench $(N) build/big-$(N)

# Ingests the fixtures and builds every tenant's site into out/, its PDFs
# signed with a test certificate made once into demo-keys/ (not committed).
demo: roic
	@mkdir -p out
	rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	./roic ingest --db out/demo.db fixtures/exports
	@[ -f demo-keys/signer.key ] || ./roic keygen --out demo-keys --name "Demo MSP"
	./roic build --db out/demo.db --out out --all-months --operator-index \
	    --msp-name "Demo MSP" --sign-key demo-keys/signer.key \
	    --sign-cert demo-keys/signer.pem --sign-chain demo-keys/ca.pem
	@echo "open out/northwind-health/index.html (the portal of a tenant);"
	@echo "check a PDF's signature: pdfsig out/northwind-health/2026-10/report.pdf"

$(TEST_TOOLS): $(B)/tests/%: tests/%.c $(LIB_OBJ) | deps-check
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(PKG_LIBS)

# make check: the suite with roic as built and, at the same time, the
# whole suite again with roic built with ASan and UBSan (build/san-*; any
# report fails), then their sum. `make SANITIZE=... check` runs the latter
# alone.
SAN_CHECK = address,undefined
SAN_B = build/san-$(subst $(comma),-,$(SAN_CHECK))
ifndef SANITIZE
check: deps-check web-deps roic tools/genkpi tools/rusage $(TEST_BIN) $(TEST_TOOLS) $(DOC_TOOL)
	@$(MAKE) --no-print-directory -j2 SANITIZE=$(SAN_CHECK) check-bins
	@ROIC=./$(B)/roic TESTBIN=$(B)/tests TESTS="$(TESTS)" \
	    SAN_ROIC=./$(SAN_B)/roic SAN_TESTBIN=$(SAN_B)/tests sh tests/check.sh
else
check: deps-check web-deps check-bins
	@ROIC=./$(B)/roic TESTBIN=$(B)/tests TESTS="$(TESTS)" ROIC_SANITIZED=1 \
	    sh tests/run.sh
endif

# What the suite runs, without touching ./roic.
check-bins: $(B)/roic tools/genkpi tools/rusage $(TEST_BIN) $(TEST_TOOLS) $(DOC_TOOL)

test: check

# Some shell suites alone, with roic as built (no sanitizer run):
# `make suite SUITES="t_ingest t_pdf"`; TESTS= adds unit tests.
suite: roic tools/genkpi tools/rusage $(TEST_BIN) $(TEST_TOOLS) $(DOC_TOOL)
	@ROIC=./$(B)/roic TESTBIN=$(B)/tests TESTS="$(SUITE_TESTS)" \
	    SUITES="$(SUITES)" sh tests/run.sh

# Pictures of the demo site for the README (after make demo).
screenshots: demo web-deps
	@sh scripts/screenshots.sh

# Rewrites the golden view models and docs/templates.md; review the diff
# before committing.
golden: roic $(B)/tests/chart_golden docs
	@CHART_GOLDEN=$(B)/tests/chart_golden sh tests/golden.sh

bench: deps-check roic tools/genkpi tools/rusage $(TEST_TOOLS)
	@N=$(N) BENCH_VIEW=$(B)/tests/bench_view SIGN_FILE=$(B)/tests/sign_file sh tests/bench.sh

FUZZ_TARGETS = fuzz_json fuzz_csv fuzz_chart fuzz_mustache fuzz_markdown fuzz_sign
FUZZ_TIME ?= 60
FUZZ_DEFS = -DROIC_VERSION='"$(VERSION)"' -DROIC_FONT_DIR='"$(FONT_DIR)"' \
	-DROIC_HYPHEN_DIR='"$(HYPHEN_DIR)"' \
	-DROIC_SUBSET_DIRS='"$(CURDIR)/build/fonts"'
fuzz-build: build/gen/assets_data.c build/gen/charts_data.c $(SUBSETS)
	@sh scripts/deps.sh fuzz
	@mkdir -p build/fuzz
	for t in $(FUZZ_TARGETS); do \
	  clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
	    -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Isrc $(FUZZ_DEFS) \
	    $$(pkg-config --cflags $(PKGS)) -o build/fuzz/$$t tests/fuzz/$$t.c \
	    $(LIB_SRC) build/gen/assets_data.c build/gen/charts_data.c $$(pkg-config --libs $(PKGS)) \
	    $(NOPC_LIBS) -lm -pthread || exit 1; \
	done

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus-$$t; \
	  echo "fuzzing $$t for $(FUZZ_TIME) s"; \
	  build/fuzz/$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -close_fd_mask=3 \
	    -artifact_prefix=build/fuzz/$$t- build/fuzz/corpus-$$t \
	    tests/fuzz/seeds-$${t#fuzz_} 2>&1 | tail -n 3 || exit 1; \
	done

install: roic
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 roic $(DESTDIR)$(BINDIR)/roic
	install -m 644 man/roic.1 $(DESTDIR)$(MANDIR)/man1/roic.1
	install -d $(DESTDIR)$(DATADIR)/fonts
	install -m 644 $(SUBSETS) $(DESTDIR)$(DATADIR)/fonts/
	for f in $(TEMPLATES); do \
	  install -D -m 644 templates/$$f $(DESTDIR)$(DATADIR)/templates/$$f || exit 1; \
	done
	install -d $(DESTDIR)$(DATADIR)/charts $(DESTDIR)$(DOCDIR)
	install -m 644 $(addprefix charts/,$(CHARTS)) $(DESTDIR)$(DATADIR)/charts/
	install -m 644 docs/templates.md $(DESTDIR)$(DOCDIR)/templates.md

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/roic $(DESTDIR)$(MANDIR)/man1/roic.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

format:
	clang-format -i src/*.c src/*.h tests/*.c

clean:
	rm -rf build roic tools/genkpi tools/rusage tools/embed
