/*
** diag.h -- compile-time diagnostics shared by the lexer, parser and compiler.
**
** Messages are Go-shaped: "file:line:col: message", followed by the source line
** and a caret under the column. Up to DIAG_MAX errors are reported; after that,
** reporting stops (the caller checks diag->count). `incomplete` is set when an
** error was caused by the end of input (unterminated string/comment, missing
** closing brace...): the REPL uses it to read another line instead of failing.
*/
#ifndef CSP_DIAG_H
#define CSP_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#define DIAG_MAX 10

typedef struct Diag {
  const char *filename;  /* as shown in messages */
  const char *src;       /* whole source (NUL-terminated), for the quoted line */
  size_t srclen;
  int count;             /* errors reported so far */
  bool incomplete;       /* an error was at end of input */
  bool quiet;            /* collect but do not print (REPL probing) */
  void *out;             /* FILE* to print to; NULL means stderr */
  char first[512];       /* text of the first message ("file:l:c: msg") */
} Diag;

void diag_init(Diag *d, const char *filename, const char *src, size_t len);
/* Report an error at line:col (1-based). printf-style message. */
void diag_error(Diag *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
