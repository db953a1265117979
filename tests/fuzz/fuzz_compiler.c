/*
** fuzz_compiler.c -- libFuzzer harness: parse any bytes (in-process), then
** compile the tree and disassemble the result (in a forked child: compiling
** takes global slots from a process-wide counter, see fuzz_common.h).
**
** Checks, besides the sanitizers: compile_file returns a function exactly when
** no error was reported, the first message has a position, and compiling
** a small input ends within the time limit.
*/
#include <stdlib.h>
#include <string.h>

#include "compiler/compile.h"
#include "parser/parse.h"
#include "vm/vm.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LIMIT_MS 10000

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_init();
  return 0;
}

typedef struct Job {
  Node *ast;
  Diag *diag;
  const char *src;
} Job;

static int compile_child(void *arg) {
  Job *j = arg;
  CompileSession *cs = compile_session_new("fuzz.csp");
  CompileOptions opts = {.repl = false, .run_main = true};
  Proto *p = compile_file(cs, j->ast, j->diag, &opts);
  if (!p && j->diag->count == 0) {
    fprintf(stderr, "fuzz_compiler: no function and no error message\n");
    abort();
  }
  if (j->diag->count > 0) {
    if (strncmp(j->diag->first, "fuzz.csp:", 9) != 0) {
      fprintf(stderr, "fuzz_compiler: first message without a position: %s\n", j->diag->first);
      abort();
    }
    return 1;
  }
  vm_disasm_proto(p, fuzz_devnull(), j->src);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  Diag diag;
  diag_init(&diag, "fuzz.csp", src, size);
  diag.out = fuzz_devnull();
  Node *ast = parse_source(&diag, src, size);
  if (!ast || diag.count) return 0;   /* fuzz_parser covers syntax errors */
  Job j = {ast, &diag, src};
  fuzz_child_run("fuzz_compiler", compile_child, &j, LIMIT_MS);
  return 0;
}
