/*
** diag.c -- compile-time diagnostics: "file:line:col: message", the source
** line and a caret under the column, Go-style; at most DIAG_MAX messages,
** then "too many errors" once (as gc does). Long source lines are clipped
** to a window around the column. Also the registry of compiled sources that
** run-time panic traces quote lines from (see diag.h).
*/
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <pthread.h>
#include "lexer/diag.h"
#include "vm/gc.h"

void diag_init(Diag *d, const char *filename, const char *src, size_t len) {
  memset(d, 0, sizeof *d);
  d->filename = filename;
  d->src = src;
  d->srclen = len;
}

/* {====================================================================
** Showing source lines
** ===================================================================== */

void diag_write_line(void *file, const char *indent, const char *line, size_t len, int col, bool caret) {
  FILE *f = file ? (FILE *)file : stderr;
  if (!indent) indent = "";
  if (col < 0) col = 0;
  /* the window [start, end) of bytes shown */
  size_t start = 0, end = len;
  if (len > DIAG_WINDOW) {
    size_t c = col > 0 ? (size_t)col - 1 : 0;
    start = c > DIAG_WINDOW / 2 ? c - DIAG_WINDOW / 2 : 0;
    end = start + DIAG_WINDOW;
    if (end > len) {
      end = len;
      start = len - DIAG_WINDOW;
    }
    /* never cut a UTF-8 sequence */
    while (start > 0 && start < len && ((unsigned char)line[start] & 0xC0) == 0x80) start++;
    while (end < len && end > start && ((unsigned char)line[end] & 0xC0) == 0x80) end--;
  }
  fputs(indent, f);
  if (start > 0) fputs("...", f);
  for (size_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)line[i];
    /* keep the terminal sane: control characters (NUL...) shown as spaces */
    fputc(c < 0x20 && c != '\t' ? ' ' : c, f);
  }
  if (end < len) fputs("...", f);
  fputc('\n', f);
  if (!caret) return;
  fputs(indent, f);
  if (start > 0) fputs("   ", f);
  size_t target = col > 0 ? (size_t)col - 1 : 0;
  for (size_t i = start; i < target && i < end; i++) {
    unsigned char c = (unsigned char)line[i];
    if (c == '\t') fputc('\t', f);
    else if ((c & 0xC0) != 0x80) fputc(' ', f);
  }
  /* a column past the end of the line (EOF, newline): pad with spaces */
  for (size_t k = len, n = 0; k < target && n < DIAG_WINDOW; k++, n++) fputc(' ', f);
  fputs("^\n", f);
}

/* Find line `line` (1-based) of src; false if there is no such line. */
static bool find_line(const char *src, size_t srclen, int line, const char **lp, size_t *ll) {
  if (!src || line < 1) return false;
  const char *p = src, *end = src + srclen;
  for (int l = 1; l < line; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return false;
    p = nl + 1;
  }
  if (p > end) return false;
  const char *e = memchr(p, '\n', (size_t)(end - p));
  if (!e) e = end;
  if (e > p && e[-1] == '\r') e--;
  *lp = p;
  *ll = (size_t)(e - p);
  return true;
}

/* Print source line `line` and a caret under byte column `col`. */
static void print_source_line(const Diag *d, FILE *f, int line, int col) {
  const char *lp;
  size_t ll;
  if (!d->src) return;
  if (!find_line(d->src, d->srclen, line, &lp, &ll)) return;
  diag_write_line(f, "", lp, ll, col, true);
}

/* }==================================================================== */

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

/* {====================================================================
** Sources kept for run time
** ===================================================================== */

typedef struct KeptSource {
  const char *name;   /* the copy handed out (Proto.file) */
  const char *src;
  size_t len;
} KeptSource;

/* Lock rule: kept/nkept/capkept only under kept_lock. `kept` is static
** data, hence a GC root; entries are never removed. */
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static KeptSource *kept;
static int nkept, capkept;

const char *diag_keep_source(const Diag *d, const char *name) {
  if (!name) name = d && d->filename ? d->filename : "<input>";
  size_t nl = strlen(name);
  char *copy = GC_MALLOC_ATOMIC(nl + 1);
  if (!copy) return name;
  memcpy(copy, name, nl + 1);
  if (!d || !d->src) return copy;
  const char *src = d->src;
  if (!GC_base((void *)src)) {
    /* not GC memory (a caller's buffer): keep our own copy */
    char *s = GC_MALLOC_ATOMIC(d->srclen + 1);
    if (!s) return copy;
    memcpy(s, d->src, d->srclen);
    s[d->srclen] = 0;
    src = s;
  }
  pthread_mutex_lock(&kept_lock);
  if (nkept == capkept) {
    int ncap = capkept ? capkept * 2 : 16;
    KeptSource *nk = GC_MALLOC(sizeof(KeptSource) * (size_t)ncap);
    if (!nk) { pthread_mutex_unlock(&kept_lock); return copy; }
    if (nkept) memcpy(nk, kept, sizeof(KeptSource) * (size_t)nkept);
    kept = nk;
    capkept = ncap;
  }
  kept[nkept].name = copy;
  kept[nkept].src = src;
  kept[nkept].len = d->srclen;
  nkept++;
  pthread_mutex_unlock(&kept_lock);
  return copy;
}

const char *diag_source_line(const char *file, int line, size_t *len) {
  if (!file) return NULL;
  const char *src = NULL;
  size_t srclen = 0;
  pthread_mutex_lock(&kept_lock);
  for (int i = nkept - 1; i >= 0; i--)
    if (kept[i].name == file) { src = kept[i].src; srclen = kept[i].len; break; }
  if (!src)
    for (int i = nkept - 1; i >= 0; i--)
      if (strcmp(kept[i].name, file) == 0) { src = kept[i].src; srclen = kept[i].len; break; }
  pthread_mutex_unlock(&kept_lock);
  const char *lp;
  size_t ll;
  if (!src || !find_line(src, srclen, line, &lp, &ll)) return NULL;
  *len = ll;
  return lp;
}

/* }==================================================================== */
