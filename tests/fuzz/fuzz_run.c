/*
** fuzz_run.c -- libFuzzer harness: the whole pipeline under limits. The input
** is parsed in-process; compiling and running happen in a forked child (see
** fuzz_common.h) with the scheduler's wall-clock limit (RUN_MS), at most
** 10000 goroutines, a 256 MB heap, stdout to /dev/null and one worker
** (FUZZ_PROCS=N for more).
**
** A crash: the child dies by a signal (segfault, sanitizer report, abort), or
** it is still alive LIMIT_MS after it started although the scheduler should
** have ended it at RUN_MS (a hang the time limit cannot stop), or it exits
** with a status other than 0, 1 (compile error) or 2 (panic, fatal error)
** or with 2 and no message, unless the program mentions Exit (os.Exit).
**
** Out of memory: past the 256 MB cap Boehm returns NULL, and csp must turn
** that into "fatal error: runtime: out of memory" wherever it allocates; a
** NULL dereference is a crash like any other. FUZZ_OOM_FN=1 installs a
** handler that ends the child cleanly instead, to look for other bugs once
** such a crash is known.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/gc.h"
#include "compiler/compile.h"
#include "parser/parse.h"
#include "stdlib/stdlib_internal.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RUN_MS 300
#define LIMIT_MS 10000
#define MAX_HEAP ((size_t)256 << 20)

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_init();
  return 0;
}

typedef struct Job {
  Node *ast;
  Diag *diag;
} Job;

static void *oom_fn(size_t n) {
  static const char msg[] = "fatal error: runtime: out of memory\n";
  (void)n;
  if (write(2, msg, sizeof msg - 1) < 0) {}
  exit(2);
}

static int run_child(void *arg) {
  Job *j = arg;
  GC_set_max_heap_size(MAX_HEAP);
  if (getenv("FUZZ_OOM_FN")) GC_set_oom_fn(oom_fn);
  CompileSession *cs = compile_session_new("fuzz.csp");
  CompileOptions opts = {.repl = false, .run_main = true};
  Proto *p = compile_file(cs, j->ast, j->diag, &opts);
  if (!p || j->diag->count) return 1;
  static char name[] = "fuzz.csp";
  char *args[] = {name, NULL};
  stdlib_set_args(1, args);
  SchedConfig cfg = {0};
  const char *np = getenv("FUZZ_PROCS");
  cfg.procs = np && atoi(np) > 0 ? atoi(np) : 1;
  cfg.max_goroutines = 10000;
  cfg.timeout_ns = (int64_t)RUN_MS * 1000000;
  sched_init(&cfg);
  Fiber *main_fiber = vm_new_fiber(OBJ_VAL(VAL_FUNC, closure_new(p)), NULL, 0);
  return sched_run_main(main_fiber);
}

static bool mentions(const uint8_t *data, size_t size, const char *word) {
  size_t n = strlen(word);
  for (size_t i = 0; i + n <= size; i++)
    if (memcmp(data + i, word, n) == 0) return true;
  return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  Diag diag;
  diag_init(&diag, "fuzz.csp", src, size);
  diag.out = fuzz_devnull();
  Node *ast = parse_source(&diag, src, size);
  if (!ast || diag.count) return 0;
  Job j = {ast, &diag};
  int st = fuzz_child_run("fuzz_run", run_child, &j, LIMIT_MS);
  if (mentions(data, size, "Exit")) return 0;
  const char *err = fuzz_child_stderr();
  if (st != 0 && st != 1 && st != 2) {
    fprintf(stderr, "fuzz_run: exit status %d; stderr:\n%s\n", st, err);
    abort();
  }
  if (st == 2 && !strstr(err, "panic: ") && !strstr(err, "fatal error: ")) {
    fprintf(stderr, "fuzz_run: exit status 2 without a panic or fatal error; stderr:\n%s\n", err);
    abort();
  }
  return 0;
}
