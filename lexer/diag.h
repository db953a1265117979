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

/* ---- sources kept for run-time messages ----
** Panic traces quote the source line of the failing statement, so the source
** of every compiled unit stays reachable: the compiler calls
** diag_keep_source() once per compilation and stores the returned name (a
** fresh copy of `name`, one per compilation, so two REPL inputs with the
** same display name stay apart) as Proto.file. diag_source_line() finds the
** source by that pointer, else by the newest source with an equal name.
** Both are thread-safe (a lock guards the registry). */
const char *diag_keep_source(const Diag *d, const char *name);
/* Line `line` (1-based) of the source kept under `file`, without its
** newline (and '\r'); NULL if unknown. *len gets the line's length. */
const char *diag_source_line(const char *file, int line, size_t *len);
/* Write a source line (len bytes, no newline) for humans, after `indent`:
** control characters as spaces and, when the line is longer than
** DIAG_WINDOW columns, only a window around byte column `col` with "..." on
** the clipped sides (col 0: the start). Then, if caret, a second line with
** a '^' under column `col` (tabs copied so it lines up). */
#define DIAG_WINDOW 100
void diag_write_line(void *file /* FILE* */, const char *indent, const char *line, size_t len,
                     int col, bool caret);

#endif
