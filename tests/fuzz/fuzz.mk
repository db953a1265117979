# fuzz.mk -- libFuzzer targets for csp; a fragment the main Makefile includes
# (it uses the Makefile's LIB_SRCS, GEN_LEXER, GEN_PARSER, GEN_TOKENS, LDLIBS).
#
#   make fuzz                  build the harnesses, run each for $(FUZZ_SECONDS) s
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="run"
#   make fuzz-smoke            each harness for 10 s (CI)
#   make fuzz-build            only build build-fuzz/fuzz_{lexer,parser,compiler,run}
#
# Everything goes under build-fuzz/: the library compiled with clang,
# -fsanitize=fuzzer-no-link,address,undefined (no recovery from UB, no fake
# stacks: Boehm must see every frame, ../shared/TOOLCHAIN.md section 2), the
# harnesses, corpus/<harness>/ (what the fuzzer found, kept between runs),
# seeds/ (the tests and examples, copied at each run), artifacts/ (crash-*
# inputs: reproduce with `build-fuzz/fuzz_X artifacts/crash-...`) and logs/.
# Needs clang and libclang-rt-14-dev.

FUZZ_B        ?= build-fuzz
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_TARGETS  ?= lexer parser compiler run
FUZZ_FLAGS    ?=
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -fsanitize-address-use-after-return=never -fno-omit-frame-pointer
FUZZ_CPPFLAGS := -I. -I$(FUZZ_B)/gen -DGC_THREADS -D_GNU_SOURCE -I/usr/include/editline
FUZZ_CFLAGS   := -std=gnu11 -O1 -g $(FUZZ_SAN) -Wall -Wextra -Wno-unused-parameter -MMD -MP
FUZZ_GEN_CFLAGS := -Wno-unused-variable -Wno-unused-but-set-variable -Wno-sign-compare \
                   -Wno-implicit-fallthrough -Wno-unused-function

FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_B)/%.o) $(FUZZ_B)/gen/lexer.o $(FUZZ_B)/gen/grammar.o
FUZZ_BINS     := $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)
# Seeds: every test program and example except tests/robust (its known
# crashers would stop the fuzzers at start-up; the golden runner covers them).
FUZZ_SEEDS    := $(filter-out tests/robust/%,$(wildcard tests/*/*.csp tests/*/*/*.csp \
                   tests/*/*/*/*.csp tests/*/*.go tests/*/*/*.go tests/*/*/*/*.go examples/*.csp))

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-seeds

fuzz-build: $(FUZZ_BINS)

# The generated lexer and parser come from the Makefile's own rules.
$(FUZZ_B)/gen/lexer.c: $(GEN_LEXER)
	@mkdir -p $(dir $@)
	cp $< $@
$(FUZZ_B)/gen/grammar.c: $(GEN_PARSER) $(GEN_TOKENS)
	@mkdir -p $(dir $@)
	cp $(GEN_PARSER) $@
	cp $(GEN_TOKENS) $(FUZZ_B)/gen/grammar.h
$(FUZZ_B)/gen/grammar.h: $(FUZZ_B)/gen/grammar.c ;

$(FUZZ_B)/gen/%.o: $(FUZZ_B)/gen/%.c | $(FUZZ_B)/gen/grammar.h
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) $(FUZZ_GEN_CFLAGS) -fsanitize=fuzzer-no-link \
	  -c -o $@ $<

$(FUZZ_B)/%.o: %.c | $(FUZZ_B)/gen/grammar.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_B)/libcsp-fuzz.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_B)/fuzz_%: $(FUZZ_B)/tests/fuzz/fuzz_%.o $(FUZZ_B)/tests/fuzz/fuzz_common.o \
                  $(FUZZ_B)/libcsp-fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# Harness objects: instrumented too (fuzz_common.c finds the coverage counters).
$(FUZZ_B)/tests/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz_common.h | $(FUZZ_B)/gen/grammar.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

# Seeds: every test program and example, copied flat (names made unique).
fuzz-seeds:
	@rm -rf $(FUZZ_B)/seeds && mkdir -p $(FUZZ_B)/seeds
	@for f in $(FUZZ_SEEDS); do cp "$$f" "$(FUZZ_B)/seeds/$$(echo $$f | tr / _)"; done

# Run each harness; a harness that finds a crash fails the target after the
# others have run. The last line of each log holds libFuzzer's final stats.
# -rss_limit_mb=0: no libFuzzer RSS thread. The harnesses fork a child per
# input, and under ASan a thread that is starting up (ASan's thread init
# allocates) while the main thread forks leaves the allocator's lock held in
# the child, which then hangs at its first allocation in a new thread (seen
# in CI on the first input, about 1 run in 100). Without that thread the
# parent has only Boehm's marker, which GC_INIT waits for. The children have
# their own limit: a 256 MB Boehm heap (fuzz_run.c).
fuzz: fuzz-build fuzz-seeds
	@mkdir -p $(FUZZ_B)/artifacts $(FUZZ_B)/logs; st=0; \
	for n in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_B)/corpus/$$n; \
	  echo "== fuzz_$$n: $(FUZZ_SECONDS) s (log: $(FUZZ_B)/logs/$$n.log)"; \
	  if $(FUZZ_B)/fuzz_$$n -dict=tests/fuzz/go.dict -max_total_time=$(FUZZ_SECONDS) \
	       -timeout=60 -rss_limit_mb=0 -max_len=8192 -print_final_stats=1 \
	       -artifact_prefix=$(FUZZ_B)/artifacts/$$n- $(FUZZ_FLAGS) \
	       $(FUZZ_B)/corpus/$$n $(FUZZ_B)/seeds > $(FUZZ_B)/logs/$$n.log 2>&1; then \
	    echo "   ok: $$(grep -h 'stat::number_of_executed_units' $(FUZZ_B)/logs/$$n.log | sed 's/.*: *//') executions, corpus $$(ls $(FUZZ_B)/corpus/$$n | wc -l) inputs"; \
	  else \
	    st=1; echo "   FAILED: see $(FUZZ_B)/logs/$$n.log"; \
	    grep -h -m3 -E 'ERROR|==== fuzz|fuzz_[a-z]+:|runtime error|Test unit written' \
	      $(FUZZ_B)/logs/$$n.log | sed 's/^/   /'; \
	  fi; \
	done; exit $$st

fuzz-smoke: FUZZ_SECONDS = 10
fuzz-smoke: fuzz

-include $(shell find $(FUZZ_B) -name '*.d' 2>/dev/null)
