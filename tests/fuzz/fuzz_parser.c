/*
** fuzz_parser.c -- libFuzzer harness: parse_source on any bytes, then dump the
** tree (csp parse) into /dev/null.
**
** Checks, besides the sanitizers: parse_source returns a tree exactly when no
** error was reported (a NULL tree without a message would make csp exit 1
** silently), and the first message has the "file:line:col: " shape.
*/
#include <stdlib.h>
#include <string.h>

#include "parser/parse.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_init();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  Diag diag;
  diag_init(&diag, "fuzz.csp", src, size);
  diag.out = fuzz_devnull();
  Node *ast = parse_source(&diag, src, size);
  if (!ast && diag.count == 0) {
    fprintf(stderr, "fuzz_parser: no tree and no error message\n");
    abort();
  }
  if (diag.count > 0 && strncmp(diag.first, "fuzz.csp:", 9) != 0) {
    fprintf(stderr, "fuzz_parser: first message without a position: %s\n", diag.first);
    abort();
  }
  if (ast && diag.count == 0) ast_dump(ast, 0, fuzz_devnull());
  return 0;
}
