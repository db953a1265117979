# csp -- build, deps, test, bench.  One non-recursive Makefile; everything built
# goes under $(B) (default build/), generated C under $(B)/gen.
#
#   make            build ./csp (MODE=release: -O2)
#   make deps       install missing Debian packages (apt-get when root)
#   make test       build and run every test (ends with "N passed, N failed")
#   make run        run an example
#   make bench      benchmarks side by side with Go, Lua and Python
#   make test-san   the suite under ASan+UBSan (build-san/)
#   make valgrind   a subset under valgrind;  make soak   10 minutes of mixed load
#   make fuzz       libFuzzer harnesses (FUZZ_SECONDS each; tests/fuzz/fuzz.mk)
#   make MODE=debug                         -O0 -g
#   make DISPATCH=switch                    switch dispatch instead of computed goto

B        ?= build
MODE     ?= release
SANITIZE ?=
CC       ?= gcc

PKGS := make gcc pkg-config re2c lemon libgc-dev libedit-dev

WARN     := -Wall -Wextra -Wshadow -Wno-unused-parameter
CSTD     := -std=gnu11
CPPFLAGS += -I. -I$(B)/gen -DGC_THREADS -D_GNU_SOURCE -I/usr/include/editline
ifeq ($(MODE),debug)
  OPT := -O0 -g
else
  OPT := -O2 -g
endif
ifneq ($(SANITIZE),)
  # Boehm scans the stack conservatively: ASan's fake stacks would hide roots.
  OPT += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
  ifeq ($(findstring clang,$(CC)),clang)
    OPT += -fsanitize-address-use-after-return=never
  else
    OPT += --param asan-use-after-return=0
  endif
  B := $(B)-san
endif
ifeq ($(DISPATCH),switch)
  CPPFLAGS += -DCSP_SWITCH_DISPATCH
endif
# WERROR=1 (CI) makes warnings errors in normal builds. Not in sanitizer
# builds: gcc's -fsanitize instrumentation gives false -Wformat-overflow /
# -Wformat-truncation "argument is null" warnings on code that is clean
# without it.
ifneq ($(WERROR),)
  ifeq ($(SANITIZE),)
    WARN += -Werror
  endif
endif

# pkg-config is expanded lazily so `make deps` works on a bare machine.
GC_LIBS = $(shell pkg-config --libs bdw-gc 2>/dev/null || echo -lgc)
LDLIBS  = $(GC_LIBS) -ledit -lpthread -lm -ldl

CFLAGS  := $(CSTD) $(OPT) $(WARN) -MMD -MP

GEN_LEXER  := $(B)/gen/lexer.c
GEN_PARSER := $(B)/gen/grammar.c
GEN_TOKENS := $(B)/gen/grammar.h
LEMPAR     := /usr/share/lemon/lempar.c

LIB_SRCS := $(sort $(wildcard lexer/*.c parser/*.c compiler/*.c vm/*.c stdlib/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o) $(B)/gen/lexer.o $(B)/gen/grammar.o
CLI_OBJS := $(CLI_SRCS:%.c=$(B)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/unit/%)

.DELETE_ON_ERROR:
.PHONY: all deps test test-unit test-golden test-stress test-san valgrind soak run bench bench-quick clean help docs-check

# The binary is built as $(B)/csp; the default build also links it to ./csp.
# Other builds (SANITIZE, B=...) keep theirs apart, so they never clobber ./csp.
CSP_BIN := $(B)/csp

all: csp

ifeq ($(B),build)
csp: $(CSP_BIN)
	@ln -sf $(CSP_BIN) csp
else
csp: $(CSP_BIN)
endif

$(CSP_BIN): $(CLI_OBJS) $(B)/libcsp.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJS) $(B)/libcsp.a $(LDLIBS)

$(B)/libcsp.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c Makefile | $(GEN_TOKENS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# ---- generated sources (never committed) ----
$(GEN_LEXER): lexer/lexer.re
	@mkdir -p $(dir $@)
	re2c -W --utf8 -i --no-generation-date --no-version -I /usr/share/re2c/stdlib \
	  --depfile $(B)/gen/lexer.re.d -o $@ $<

$(GEN_PARSER): parser/grammar.y $(LEMPAR)
	@mkdir -p $(dir $@)
	cp parser/grammar.y $(B)/gen/grammar.y
	lemon -q -T$(LEMPAR) -d$(B)/gen $(B)/gen/grammar.y

$(GEN_TOKENS): $(GEN_PARSER) ;

$(B)/gen/%.o: $(B)/gen/%.c Makefile | $(GEN_TOKENS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-variable -Wno-unused-but-set-variable \
	  -Wno-sign-compare -Wno-implicit-fallthrough -c -o $@ $<

# ---- tests ----
$(B)/unit/%: tests/unit/%.c $(B)/libcsp.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(B)/libcsp.a $(LDLIBS)

test: csp $(UNIT_BINS)
	@python3 tests/all.py --build $(B) --csp $(CSP_BIN)

test-unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do $$t || exit 1; done

test-golden: csp
	@python3 tests/run.py --csp $(CSP_BIN)

# The suite under ASan+UBSan, in build-san/ with its own binary; UBSan
# reports stop the program so the tests see them.
test-san:
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(MAKE) SANITIZE=address,undefined test

# A subset of the golden tests under valgrind (tests/valgrind/subset.txt,
# Boehm's false positives suppressed by tests/valgrind/gc.supp).
valgrind: csp
	CSP_REAL=$(CSP_BIN) python3 tests/run.py --csp tests/valgrind/vgcsp --jobs 2 \
	  $$(grep -v '^#' tests/valgrind/subset.txt)

# Mixed programs for SOAK_SECONDS under --procs 2: flat RSS, checksums (not in CI).
SOAK_SECONDS ?= 600
soak: csp
	python3 tests/soak/soak.py --csp $(CSP_BIN) --seconds $(SOAK_SECONDS)

run: csp
	./csp run examples/hello.csp

bench: csp
	python3 bench/run.py

bench-quick: csp
	python3 bench/run.py --quick

docs-check: csp
	python3 docs/gen_opcodes.py --check

# ---- set-up ----
deps:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	cmd="apt-get update && apt-get install -y --no-install-recommends$$missing"; \
	if [ "$$(id -u)" = 0 ]; then echo "$$cmd"; sh -c "DEBIAN_FRONTEND=noninteractive $$cmd"; \
	else echo "deps: missing:$$missing"; echo "run as root: $$cmd"; exit 1; fi

clean:
	rm -rf $(B) $(B)-san csp

help:
	@sed -n '1,16p' Makefile

include tests/fuzz/fuzz.mk

-include $(shell find $(B) -name '*.d' 2>/dev/null)
