/*
** strbuf.h -- a growable byte buffer on the GC heap (atomic: holds no pointers).
*/
#ifndef CSP_STRBUF_H
#define CSP_STRBUF_H

#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include "vm/gc.h"

typedef struct StrBuf {
  char *data;
  size_t len, cap;
} StrBuf;

static inline void sb_init(StrBuf *b) { b->data = NULL; b->len = b->cap = 0; }

static inline void sb_reserve(StrBuf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t ncap = b->cap ? b->cap * 2 : 64;
  while (ncap < b->len + extra + 1) ncap *= 2;
  char *nd = (char *)GC_MALLOC_ATOMIC(ncap);
  if (b->len) memcpy(nd, b->data, b->len);
  b->data = nd;
  b->cap = ncap;
}

static inline void sb_putn(StrBuf *b, const char *s, size_t n) {
  sb_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

static inline void sb_putc(StrBuf *b, char c) {
  sb_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = 0;
}

static inline void sb_puts(StrBuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

static inline void sb_vprintf(StrBuf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n <= 0) return;
  sb_reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

static inline void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void sb_printf(StrBuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(b, fmt, ap);
  va_end(ap);
}

/* NUL-terminated contents ("" when empty). */
static inline const char *sb_cstr(StrBuf *b) { return b->data ? b->data : ""; }

#endif
