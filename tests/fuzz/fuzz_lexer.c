/*
** fuzz_lexer.c -- libFuzzer harness: lex any bytes to end of input.
**
** Checks, besides the sanitizers: every token lies inside the buffer, lines
** and columns are positive and never go backwards, and the lexer reaches EOF
** in a bounded number of tokens (each token consumes input, except the
** semicolons it inserts, at most one per newline plus one at EOF).
*/
#include <stdlib.h>
#include <string.h>

#include "lexer/lexer.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_init();
  return 0;
}

static void fail(const char *msg, const Token *t, long ntok) {
  fprintf(stderr, "fuzz_lexer: %s (token %ld: kind %d, line %d, col %d, len %d)\n", msg, ntok,
          t->kind, t->line, t->col, t->len);
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  Diag diag;
  diag_init(&diag, "fuzz.csp", src, size);
  diag.out = fuzz_devnull();
  Lexer L;
  lexer_init(&L, &diag, src, size);
  Token t;
  long ntok = 0, limit = 2 * (long)size + 8;
  int last_line = 1;
  char desc[128];
  for (;;) {
    memset(&t, 0, sizeof t);
    int k = lexer_next(&L, &t);
    ntok++;
    if (ntok > limit) fail("too many tokens: the lexer does not advance", &t, ntok);
    if (t.line < 1 || t.col < 1) fail("non-positive line or column", &t, ntok);
    if (t.line < last_line) fail("line number went backwards", &t, ntok);
    last_line = t.line;
    if (t.len < 0 || (t.text && (t.text < src || t.text + t.len > src + size)))
      fail("token text outside the input", &t, ntok);
    lexer_describe(&t, desc, sizeof desc);
    (void)lexer_token_desc(k);
    if (k == 0) break;
  }
  /* EOF is sticky */
  if (lexer_next(&L, &t) != 0) fail("a token after EOF", &t, ntok);
  return 0;
}
