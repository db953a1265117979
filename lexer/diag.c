/*
** diag.c -- compile-time diagnostics: "file:line:col: message", the source
** line and a caret under the column, Go-style; at most DIAG_MAX messages,
** then "too many errors" once (as gc does).
*/
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include "lexer/diag.h"

void diag_init(Diag *d, const char *filename, const char *src, size_t len) {
  memset(d, 0, sizeof *d);
  d->filename = filename;
  d->src = src;
  d->srclen = len;
}

/* Print source line `line` and a caret under byte column `col`. Tabs are
** copied into the caret line so it aligns; UTF-8 continuation bytes take no
** column on screen. */
static void print_source_line(const Diag *d, FILE *f, int line, int col) {
  if (!d->src || line < 1) return;
  const char *p = d->src, *end = d->src + d->srclen;
  for (int l = 1; l < line && p < end; p++)
    if (*p == '\n') l++;
  if (p >= end && line > 1 && (p == d->src || p[-1] != '\n')) return;
  const char *e = p;
  while (e < end && *e != '\n') e++;
  const char *shown_end = e;
  if (shown_end > p && shown_end[-1] == '\r') shown_end--;
  for (const char *q = p; q < shown_end; q++) {
    unsigned char c = (unsigned char)*q;
    /* keep the terminal sane: control characters (NUL...) shown as spaces */
    fputc(c < 0x20 && c != '\t' ? ' ' : c, f);
  }
  fputc('\n', f);
  for (const char *q = p; q < p + (col - 1) && q < shown_end; q++) {
    unsigned char c = (unsigned char)*q;
    if (c == '\t') fputc('\t', f);
    else if ((c & 0xC0) != 0x80) fputc(' ', f);
  }
  /* a column past the end of the line (EOF, newline): pad with spaces */
  for (long k = (long)(shown_end - p); k < col - 1; k++) fputc(' ', f);
  fputs("^\n", f);
}

void diag_error(Diag *d, int line, int col, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (line < 1) line = 1;
  if (col < 1) col = 1;
  const char *file = d->filename ? d->filename : "<input>";
  d->count++;
  if (d->count == 1)
    snprintf(d->first, sizeof d->first, "%s:%d:%d: %s", file, line, col, msg);
  if (d->quiet || d->count > DIAG_MAX + 1) return;
  FILE *f = d->out ? (FILE *)d->out : stderr;
  if (d->count == DIAG_MAX + 1) {
    fprintf(f, "%s:%d:%d: too many errors\n", file, line, col);
    return;
  }
  fprintf(f, "%s:%d:%d: %s\n", file, line, col, msg);
  print_source_line(d, f, line, col);
}
