/*
** format.c -- Go's fmt formatting of csp values: the verbs and flags of
** Printf, Print/Println spacing, %v of every kind of value (sorted map keys,
** struct fields, pointers at top level as &{...}), Error()/String() methods at
** any depth, and strconv's float formatting (shortest round-trip digits).
**
** The structure follows Go's fmt package (print.go / format.go): printArg for
** a top-level operand, printValue for nested values, handleMethods for
** Error()/String(), badVerb for %!v(type=value). Calls into csp methods go
** through vm_call; a panic inside a method is recovered as Go does
** ("%!v(PANIC=String method: boom)"), or, for a nil pointer receiver, "<nil>".
**
** Thread-safety: no shared mutable state except lazily initialised,
** idempotent caches (interned method names, the C.UTF-8 locale).
*/
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "vm/gc.h"
#include "vm/format.h"
#include "vm/api.h"
#include "vm/map.h"
#include "vm/sched.h"   /* vm_cstack_low, vm_cstack_hop */

/* From vm/api.c (declared in stdlib/stdlib_internal.h for the stdlib). */
bool api_find_method(Value v, const char *name, Value *fn, Value *recv);
const char *api_native_error_text(Value v);
int fmt_sprintf_w(Fiber *f, StrBuf *b, const char *format, size_t flen, const Value *args,
                  int nargs, Value *wrapped);
void fmt_quote(StrBuf *b, const char *s, size_t n, bool ascii);
void fmt_quote_rune(StrBuf *b, int32_t r, bool ascii);
bool fmt_is_print(int32_t r);


/* {====================================================================
** UTF-8 (Go's decoding rules: an invalid byte is RuneError of width 1)
** ===================================================================== */

static int dec_rune(const unsigned char *s, size_t n, int32_t *r) {
  if (n == 0) { *r = 0xFFFD; return 0; }
  unsigned c = s[0];
  if (c < 0x80) { *r = (int32_t)c; return 1; }
  if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
    *r = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
    int32_t x = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
    if (x >= 0x800 && (x < 0xD800 || x > 0xDFFF)) { *r = x; return 3; }
  }
  if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
      (s[3] & 0xC0) == 0x80) {
    int32_t x = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                          (s[3] & 0x3F));
    if (x >= 0x10000 && x <= 0x10FFFF) { *r = x; return 4; }
  }
  *r = 0xFFFD;
  return 1;
}

static int enc_rune(char *out, int32_t r) {
  uint32_t c = (uint32_t)r;
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

static size_t rune_count(const char *s, size_t n) {
  size_t count = 0;
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    if (p[i] < 0x80) { i++; count++; continue; }
    int32_t r;
    i += (size_t)dec_rune(p + i, n - i, &r);
    count++;
  }
  return count;
}

/* }==================================================================== */

/* {====================================================================
** strconv.IsPrint and Quote
** ===================================================================== */

static locale_t utf8_locale(void) {
  static locale_t loc;
  static int tried;
  if (!__atomic_load_n(&tried, __ATOMIC_ACQUIRE)) {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!l) l = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
    if (!l) l = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
    locale_t expect = (locale_t)0;
    if (!__atomic_compare_exchange_n(&loc, &expect, l, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) && l)
      freelocale(l);
    __atomic_store_n(&tried, 1, __ATOMIC_RELEASE);
  }
  return __atomic_load_n(&loc, __ATOMIC_ACQUIRE);
}

bool fmt_is_print(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xFF) return r >= 0xA1 && r != 0xAD;
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return false;
  if ((r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000) return false;      /* private use */
  if ((r >= 0xFDD0 && r <= 0xFDEF) || (r & 0xFFFE) == 0xFFFE) return false;
  switch (r) {                                                         /* spaces, format */
  case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0x061C: case 0x180E:
  case 0xFEFF: case 0x06DD: case 0x070F: case 0x08E2: case 0x110BD: case 0x110CD:
    return false;
  }
  if (r >= 0x2000 && r <= 0x200F) return false;
  if (r >= 0x2028 && r <= 0x202E) return false;
  if (r >= 0x2060 && r <= 0x206F) return false;
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if (r >= 0x0600 && r <= 0x0605) return false;
  if (r >= 0x1D173 && r <= 0x1D17A) return false;
  if (r >= 0xE0000 && r <= 0xE007F) return false;
  locale_t l = utf8_locale();
  if (l) return iswprint_l((wint_t)r, l) != 0;
  return true;
}

static const char lowerhex[] = "0123456789abcdef";
static const char upperhex[] = "0123456789ABCDEF";

static void escaped_rune(StrBuf *b, int32_t r, char quote, bool ascii) {
  if (r == quote || r == '\\') {
    sb_putc(b, '\\');
    sb_putc(b, (char)r);
    return;
  }
  if (ascii) {
    if (r < 0x80 && fmt_is_print(r)) { sb_putc(b, (char)r); return; }
  } else if (fmt_is_print(r)) {
    char tmp[4];
    sb_putn(b, tmp, (size_t)enc_rune(tmp, r));
    return;
  }
  switch (r) {
  case '\a': sb_puts(b, "\\a"); return;
  case '\b': sb_puts(b, "\\b"); return;
  case '\f': sb_puts(b, "\\f"); return;
  case '\n': sb_puts(b, "\\n"); return;
  case '\r': sb_puts(b, "\\r"); return;
  case '\t': sb_puts(b, "\\t"); return;
  case '\v': sb_puts(b, "\\v"); return;
  }
  if (r < ' ' || r == 0x7F) {
    sb_puts(b, "\\x");
    sb_putc(b, lowerhex[(r >> 4) & 0xF]);
    sb_putc(b, lowerhex[r & 0xF]);
    return;
  }
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) || r < 0) r = 0xFFFD;
  if (r < 0x10000) {
    sb_puts(b, "\\u");
    for (int s = 12; s >= 0; s -= 4) sb_putc(b, lowerhex[(r >> s) & 0xF]);
  } else {
    sb_puts(b, "\\U");
    for (int s = 28; s >= 0; s -= 4) sb_putc(b, lowerhex[(r >> s) & 0xF]);
  }
}

void fmt_quote(StrBuf *b, const char *s, size_t n, bool ascii) {
  const unsigned char *p = (const unsigned char *)s;
  sb_putc(b, '"');
  for (size_t i = 0; i < n;) {
    int32_t r;
    int w;
    if (p[i] < 0x80) { r = p[i]; w = 1; }
    else w = dec_rune(p + i, n - i, &r);
    if (w == 1 && r == 0xFFFD) {
      sb_puts(b, "\\x");
      sb_putc(b, lowerhex[p[i] >> 4]);
      sb_putc(b, lowerhex[p[i] & 0xF]);
      i++;
      continue;
    }
    escaped_rune(b, r, '"', ascii);
    i += (size_t)w;
  }
  sb_putc(b, '"');
}

void fmt_quote_rune(StrBuf *b, int32_t r, bool ascii) {
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  sb_putc(b, '\'');
  escaped_rune(b, r, '\'', ascii);
  sb_putc(b, '\'');
}

static bool can_backquote(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    int32_t r;
    int w = dec_rune(p + i, n - i, &r);
    i += (size_t)w;
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == 0xFFFD) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Float formatting (strconv.FormatFloat)
** ===================================================================== */

typedef struct Digits {
  char d[800];   /* decimal digits, no leading zeros (nd == 0 for zero) */
  int nd;        /* number of digits */
  int dp;        /* decimal point position: value = 0.d * 10^dp */
} Digits;

/* Parse the output of "%.*e" (of a positive finite number) into digits. */
static void parse_e(const char *s, Digits *D) {
  D->nd = 0;
  const char *p = s;
  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9' && D->nd < (int)sizeof D->d - 1) D->d[D->nd++] = *p;
  int exp = *p == 'e' ? atoi(p + 1) : 0;
  D->dp = exp + 1;
  while (D->nd > 0 && D->d[D->nd - 1] == '0') D->nd--;      /* trim trailing zeros */
  if (D->nd == 0) D->dp = 0;
}

/* Round the digit string d[0..nd) (decimal point after `dp` digits) to p
** significant digits into out (not NUL-terminated); returns the new dp.
** Ties round to even (the 25 digits already carry the value's tail). */
static int round_digits(const char *d, int nd, int dp, int p, char *out) {
  memcpy(out, d, (size_t)p);
  bool up = false;
  if (p < nd) {
    char c = d[p];
    if (c > '5') up = true;
    else if (c == '5') {
      bool rest = false;
      for (int i = p + 1; i < nd; i++)
        if (d[i] != '0') { rest = true; break; }
      up = rest || ((out[p - 1] - '0') & 1);
    }
  }
  if (up) {
    int i = p - 1;
    while (i >= 0 && out[i] == '9') out[i--] = '0';
    if (i >= 0) out[i]++;
    else {                       /* 99..9 -> 100..0: one more integer digit */
      out[0] = '1';
      for (int k = 1; k < p; k++) out[k] = '0';
      dp++;
    }
  }
  return dp;
}

/* Does the decimal 0.d[0..p) * 10^dp read back as x? */
static bool round_trips(const char *d, int p, int dp, double x, int bits) {
  char buf[48];
  int n = 0;
  buf[n++] = d[0];
  buf[n++] = '.';
  memcpy(buf + n, d + 1, (size_t)(p - 1));
  n += p - 1;
  snprintf(buf + n, sizeof buf - (size_t)n, "e%d", dp - 1);
  return bits == 32 ? strtof(buf, NULL) == (float)x : strtod(buf, NULL) == x;
}

/* Shortest decimal that reads back as x (|x| > 0, finite): the fewest
** significant digits whose correctly rounded value parses back to x (bits:
** 64 or 32). Integers below 2^53 are their own digits. Otherwise one
** snprintf gives 25 significant digits, and a binary search over the digit
** count (round-tripping is monotonic in it) rounds that string and checks
** it with strtod. */
static void shortest_digits(double x, int bits, Digits *D) {
  if (bits == 64 && x < 9007199254740992.0 && x == floor(x)) {
    char buf[24];
    int n = snprintf(buf, sizeof buf, "%.0f", x);
    D->dp = n;
    while (n > 1 && buf[n - 1] == '0') n--;
    memcpy(D->d, buf, (size_t)n);
    D->nd = n;
    return;
  }
  char buf[64];
  snprintf(buf, sizeof buf, "%.24e", x);
  char all[32];
  int nd = 0;
  const char *q = buf;
  for (; *q && *q != 'e'; q++)
    if (*q >= '0' && *q <= '9') all[nd++] = *q;
  int dp = atoi(q + 1) + 1;
  char cand[32];
  int lo = 1, hi = bits == 32 ? 9 : 17;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    int cdp = round_digits(all, nd, dp, mid, cand);
    if (round_trips(cand, mid, cdp, x, bits)) hi = mid;
    else lo = mid + 1;
  }
  D->dp = round_digits(all, nd, dp, lo, D->d);
  D->nd = lo;
  while (D->nd > 1 && D->d[D->nd - 1] == '0') D->nd--;
}

/* x (positive, finite) rounded to n >= 1 significant digits (trailing zeros trimmed). */
static void fixed_digits(double x, int n, Digits *D) {
  if (n > 780) n = 780;
  char *buf = GC_MALLOC_ATOMIC((size_t)n + 32);
  snprintf(buf, (size_t)n + 32, "%.*e", n - 1, x);
  parse_e(buf, D);
}

static void put_exp(StrBuf *b, int exp, char e) {
  sb_putc(b, e);
  if (exp < 0) { sb_putc(b, '-'); exp = -exp; } else sb_putc(b, '+');
  if (exp < 10) { sb_putc(b, '0'); sb_putc(b, (char)('0' + exp)); }
  else sb_printf(b, "%d", exp);
}

static void fmt_e(StrBuf *b, bool neg, const Digits *D, int prec, char e) {
  if (neg) sb_putc(b, '-');
  sb_putc(b, D->nd ? D->d[0] : '0');
  if (prec > 0) {
    sb_putc(b, '.');
    int i = 1;
    int m = D->nd < prec + 1 ? D->nd : prec + 1;
    if (i < m) { sb_putn(b, D->d + i, (size_t)(m - i)); i = m; }
    for (; i <= prec; i++) sb_putc(b, '0');
  }
  put_exp(b, D->nd == 0 ? 0 : D->dp - 1, e);
}

static void fmt_f(StrBuf *b, bool neg, const Digits *D, int prec) {
  if (neg) sb_putc(b, '-');
  if (D->dp > 0) {
    int m = D->nd < D->dp ? D->nd : D->dp;
    sb_putn(b, D->d, (size_t)m);
    for (; m < D->dp; m++) sb_putc(b, '0');
  } else {
    sb_putc(b, '0');
  }
  if (prec > 0) {
    sb_putc(b, '.');
    for (int i = 1; i <= prec; i++) {
      int j = D->dp + i - 1;
      sb_putc(b, (j >= 0 && j < D->nd) ? D->d[j] : '0');
    }
  }
}

static void fmt_float_b(StrBuf *b, bool neg, uint64_t mant, int exp, int mantbits) {
  if (neg) sb_putc(b, '-');
  sb_printf(b, "%llu", (unsigned long long)mant);
  exp -= mantbits;
  sb_printf(b, "p%s%d", exp >= 0 ? "+" : "", exp);
}

static void fmt_float_x(StrBuf *b, int prec, char verb, bool neg, uint64_t mant, int exp,
                        int mantbits) {
  if (mant == 0) exp = 0;
  mant <<= 60 - mantbits;
  while (mant != 0 && (mant & ((uint64_t)1 << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = (unsigned)prec * 4;
    uint64_t extra = (mant << shift) & (((uint64_t)1 << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > ((uint64_t)1 << 59)) mant++;
    mant <<= 60 - shift;
    if (mant & ((uint64_t)1 << 61)) {
      mant >>= 1;
      exp++;
    }
  }
  const char *hex = verb == 'X' ? upperhex : lowerhex;
  if (neg) sb_putc(b, '-');
  sb_putc(b, '0');
  sb_putc(b, verb);
  sb_putc(b, (char)('0' + ((mant >> 60) & 1)));
  mant <<= 4;
  if (prec < 0 && mant != 0) {
    sb_putc(b, '.');
    while (mant != 0) {
      sb_putc(b, hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  } else if (prec > 0) {
    sb_putc(b, '.');
    for (int i = 0; i < prec; i++) {
      sb_putc(b, hex[(mant >> 60) & 15]);
      mant <<= 4;
    }
  }
  sb_putc(b, verb == 'X' ? 'P' : 'p');
  if (exp < 0) { sb_putc(b, '-'); exp = -exp; } else sb_putc(b, '+');
  if (exp < 100) { sb_putc(b, (char)('0' + exp / 10)); sb_putc(b, (char)('0' + exp % 10)); }
  else sb_printf(b, "%d", exp);
}

void fmt_float(StrBuf *b, double x, int verb, int prec, int bits) {
  if (verb == 'v') verb = 'g';
  if (verb == 'F') verb = 'f';
  if (bits == 32) x = (double)(float)x;
  if (isnan(x)) { sb_puts(b, "NaN"); return; }
  if (isinf(x)) { sb_puts(b, x > 0 ? "+Inf" : "-Inf"); return; }
  bool neg = signbit(x) != 0;
  if (verb == 'b' || verb == 'x' || verb == 'X') {
    uint64_t mant;
    int exp, mantbits;
    if (bits == 32) {
      float fx = (float)x;
      uint32_t u;
      memcpy(&u, &fx, 4);
      exp = (int)((u >> 23) & 0xFF);
      mant = u & ((1u << 23) - 1);
      mantbits = 23;
      if (exp == 0) exp++;
      else mant |= (uint64_t)1 << 23;
      exp += -127;
    } else {
      uint64_t u;
      memcpy(&u, &x, 8);
      exp = (int)((u >> 52) & 0x7FF);
      mant = u & (((uint64_t)1 << 52) - 1);
      mantbits = 52;
      if (exp == 0) exp++;
      else mant |= (uint64_t)1 << 52;
      exp += -1023;
    }
    if (verb == 'b') fmt_float_b(b, neg, mant, exp, mantbits);
    else fmt_float_x(b, prec, (char)verb, neg, mant, exp, mantbits);
    return;
  }
  double ax = fabs(x);
  bool shortest = prec < 0;
  Digits D;
  if (ax == 0) {
    D.nd = 0;
    D.dp = 0;
  } else if (shortest) {
    shortest_digits(ax, bits, &D);
  } else {
    switch (verb) {
    case 'e': case 'E':
      fixed_digits(ax, prec + 1, &D);
      break;
    case 'f': {
      /* digits up to prec places after the point: let snprintf round */
      size_t cap = (size_t)prec + 350;
      char *buf = GC_MALLOC_ATOMIC(cap);
      snprintf(buf, cap, "%.*f", prec, ax);
      if (neg) sb_putc(b, '-');
      sb_puts(b, buf);
      return;
    }
    case 'g': case 'G':
      if (prec == 0) prec = 1;
      fixed_digits(ax, prec, &D);
      break;
    default:
      sb_putc(b, '%');
      sb_putc(b, (char)verb);
      return;
    }
  }
  switch (verb) {
  case 'e': case 'E':
    fmt_e(b, neg, &D, shortest ? D.nd - 1 : prec, (char)verb);
    return;
  case 'f':
    fmt_f(b, neg, &D, shortest ? (D.nd - D.dp > 0 ? D.nd - D.dp : 0) : prec);
    return;
  case 'g': case 'G': {
    int eprec = prec;
    if (eprec > D.nd && D.nd >= D.dp) eprec = D.nd;
    if (shortest) eprec = 6;
    int exp = D.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (shortest || prec > D.nd) prec = D.nd;
      fmt_e(b, neg, &D, prec - 1, verb == 'g' ? 'e' : 'E');
      return;
    }
    if (shortest || prec > D.dp) prec = D.nd;
    fmt_f(b, neg, &D, prec - D.dp > 0 ? prec - D.dp : 0);
    return;
  }
  default:
    sb_putc(b, '%');
    sb_putc(b, (char)verb);
  }
}

/* }==================================================================== */

/* {====================================================================
** The printer state (Go's pp + fmt)
** ===================================================================== */

typedef struct Fmt {
  Fiber *f;
  StrBuf *b;
  /* flags of the current verb */
  bool minus, plus, sharp, space, zero;
  bool plus_v, sharp_v;
  bool wid_present, prec_present;
  int wid, prec;
  /* state */
  bool erroring;       /* inside badVerb: do not call methods */
  bool panicking;      /* printing a recovered panic value */
  bool wrap_errs;      /* Errorf: %w allowed */
  bool wrapped_set;
  bool top_bytes;      /* printing a top-level []byte: %#v says "[]byte" (Go's printArg) */
  Value wrapped;
  int status;          /* 0, or NATIVE_PANIC once a method panic must propagate */
} Fmt;

static void clear_flags(Fmt *p) {
  p->minus = p->plus = p->sharp = p->space = p->zero = false;
  p->plus_v = p->sharp_v = false;
  p->wid_present = p->prec_present = false;
  p->wid = p->prec = 0;
}

static void write_padding(Fmt *p, int n) {
  if (n <= 0) return;
  sb_reserve(p->b, (size_t)n);
  memset(p->b->data + p->b->len, p->zero ? '0' : ' ', (size_t)n);
  p->b->len += (size_t)n;
  p->b->data[p->b->len] = 0;
}

/* Append s with width padding (width counts runes). */
static void pad(Fmt *p, const char *s, size_t n) {
  if (!p->wid_present || p->wid == 0) {
    sb_putn(p->b, s, n);
    return;
  }
  int width = p->wid - (int)rune_count(s, n);
  if (!p->minus) {
    write_padding(p, width);
    sb_putn(p->b, s, n);
  } else {
    sb_putn(p->b, s, n);
    write_padding(p, width);
  }
}

static void pad_str(Fmt *p, const char *s) { pad(p, s, strlen(s)); }

/* Precision truncates strings to that many runes. */
static size_t truncate_len(Fmt *p, const char *s, size_t n) {
  if (!p->prec_present) return n;
  int left = p->prec;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    if (left-- <= 0) return i;
    int32_t r;
    i += u[i] < 0x80 ? 1 : (size_t)dec_rune(u + i, n - i, &r);
  }
  return n;
}

static void fmt_s(Fmt *p, const char *s, size_t n) { pad(p, s, truncate_len(p, s, n)); }

static void fmt_q(Fmt *p, const char *s, size_t n) {
  n = truncate_len(p, s, n);
  if (p->sharp && can_backquote(s, n)) {
    StrBuf t;
    sb_init(&t);
    sb_putc(&t, '`');
    sb_putn(&t, s, n);
    sb_putc(&t, '`');
    pad(p, t.data, t.len);
    return;
  }
  StrBuf t;
  sb_init(&t);
  fmt_quote(&t, s, n, p->plus);
  pad(p, t.data, t.len);
}

/* %x / %X of a string or byte slice. */
static void fmt_sbx(Fmt *p, const unsigned char *s, size_t length, const char *digits) {
  if (p->prec_present && (size_t)p->prec < length) length = (size_t)p->prec;
  int width = 2 * (int)length;
  if (width > 0) {
    if (p->space) {
      if (p->sharp) width *= 2;
      width += (int)length - 1;
    } else if (p->sharp) {
      width += 2;
    }
  } else {
    if (p->wid_present) write_padding(p, p->wid);
    return;
  }
  if (p->wid_present && p->wid > width && !p->minus) write_padding(p, p->wid - width);
  StrBuf *b = p->b;
  if (p->sharp) { sb_putc(b, '0'); sb_putc(b, digits[16]); }
  for (size_t i = 0; i < length; i++) {
    if (p->space && i > 0) {
      sb_putc(b, ' ');
      if (p->sharp) { sb_putc(b, '0'); sb_putc(b, digits[16]); }
    }
    sb_putc(b, digits[s[i] >> 4]);
    sb_putc(b, digits[s[i] & 0xF]);
  }
  if (p->wid_present && p->wid > width && p->minus) write_padding(p, p->wid - width);
}

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void fmt_integer(Fmt *p, uint64_t u, int base, bool is_signed, int verb, const char *digits) {
  bool negative = is_signed && (int64_t)u < 0;
  if (negative) u = -u;
  size_t cap = 80;
  if (p->wid_present || p->prec_present) cap += (size_t)p->wid + (size_t)p->prec + 3;
  char small[96];
  char *buf = cap <= sizeof small ? small : GC_MALLOC_ATOMIC(cap);
  int prec = 0;
  if (p->prec_present) {
    prec = p->prec;
    if (prec == 0 && u == 0) {
      bool old = p->zero;
      p->zero = false;
      write_padding(p, p->wid);
      p->zero = old;
      return;
    }
  } else if (p->zero && p->wid_present) {
    prec = p->wid;
    if (negative || p->plus || p->space) prec--;
  }
  size_t i = cap;
  switch (base) {
  case 10:
    while (u >= 10) { buf[--i] = (char)('0' + u % 10); u /= 10; }
    break;
  case 16:
    while (u >= 16) { buf[--i] = digits[u & 0xF]; u >>= 4; }
    break;
  case 8:
    while (u >= 8) { buf[--i] = (char)('0' + (u & 7)); u >>= 3; }
    break;
  case 2:
    while (u >= 2) { buf[--i] = (char)('0' + (u & 1)); u >>= 1; }
    break;
  }
  buf[--i] = digits[u];
  while (i > 0 && prec > (int)(cap - i)) buf[--i] = '0';
  if (p->sharp) {
    switch (base) {
    case 2: buf[--i] = 'b'; buf[--i] = '0'; break;
    case 8: if (buf[i] != '0') buf[--i] = '0'; break;
    case 16: buf[--i] = digits[16]; buf[--i] = '0'; break;
    }
  }
  if (verb == 'O') { buf[--i] = 'o'; buf[--i] = '0'; }
  if (negative) buf[--i] = '-';
  else if (p->plus) buf[--i] = '+';
  else if (p->space) buf[--i] = ' ';
  bool old = p->zero;
  p->zero = false;
  pad(p, buf + i, cap - i);
  p->zero = old;
}

static void fmt_0x64(Fmt *p, uint64_t v, bool leading0x) {
  bool sharp = p->sharp;
  p->sharp = leading0x;
  fmt_integer(p, v, 16, false, 'v', ldigits);
  p->sharp = sharp;
}

static void fmt_c(Fmt *p, uint64_t c) {
  int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
  char tmp[4];
  pad(p, tmp, (size_t)enc_rune(tmp, r));
}

static void fmt_qc(Fmt *p, uint64_t c) {
  int32_t r = c > 0x10FFFF ? 0xFFFD : (int32_t)c;
  StrBuf t;
  sb_init(&t);
  fmt_quote_rune(&t, r, p->plus);
  pad(p, t.data, t.len);
}

static void fmt_unicode(Fmt *p, uint64_t u) {
  int prec = 4;
  if (p->prec_present && p->prec > 4) prec = p->prec;
  StrBuf t;
  sb_init(&t);
  char hex[20];
  int n = 0;
  uint64_t x = u;
  do { hex[n++] = upperhex[x & 0xF]; x >>= 4; } while (x);
  sb_puts(&t, "U+");
  for (int k = n; k < prec; k++) sb_putc(&t, '0');
  while (n > 0) sb_putc(&t, hex[--n]);
  if (p->sharp && u <= 0x10FFFF && fmt_is_print((int32_t)u)) {
    char tmp[4];
    sb_puts(&t, " '");
    sb_putn(&t, tmp, (size_t)enc_rune(tmp, (int32_t)u));
    sb_putc(&t, '\'');
  }
  bool old = p->zero;
  p->zero = false;
  pad(p, t.data, t.len);
  p->zero = old;
}

/* fmt.fmtFloat: strconv formatting plus flags. */
static void fmt_float_flags(Fmt *p, double v, int bits, int verb, int prec) {
  if (p->prec_present) prec = p->prec;
  StrBuf t;
  char small[64];
  t.data = small;
  t.cap = sizeof small;
  t.len = 0;
  sb_putc(&t, '+');
  fmt_float(&t, v, verb, prec, bits);
  char *num = t.data;
  size_t n = t.len;
  if (num[1] == '-' || num[1] == '+') { num++; n--; }
  if (p->space && num[0] == '+' && !p->plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {
    bool old = p->zero;
    p->zero = false;
    if (num[1] == 'N' && !p->space && !p->plus) { num++; n--; }
    pad(p, num, n);
    p->zero = old;
    return;
  }
  StrBuf out;                      /* num with the sharp-flag adjustments */
  if (p->sharp && verb != 'b') {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
      digits = prec;
      if (digits == -1) digits = 6;
    }
    char tail[16];
    size_t ntail = 0;
    bool has_point = false, saw_nonzero = false;
    size_t end = n;
    for (size_t i = 1; i < end; i++) {
      char c = num[i];
      if (c == '.') { has_point = true; continue; }
      if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        ntail = end - i < sizeof tail ? end - i : sizeof tail;
        memcpy(tail, num + i, ntail);
        end = i;
        break;
      }
      if (c != '0') saw_nonzero = true;
      if (saw_nonzero) digits--;
    }
    sb_init(&out);
    if (end > 0 && end <= n) sb_putn(&out, num, end);
    if (!has_point) {
      if (end == 2 && num[1] == '0') digits--;
      sb_putc(&out, '.');
    }
    while (digits > 0) { sb_putc(&out, '0'); digits--; }
    sb_putn(&out, tail, ntail);
    num = out.data;
    n = out.len;
  }
  if (p->plus || num[0] != '+') {
    if (p->zero && p->wid_present && p->wid > (int)n) {
      sb_putc(p->b, num[0]);
      write_padding(p, p->wid - (int)n);
      if (n > 1) sb_putn(p->b, num + 1, n - 1);
      return;
    }
    pad(p, num, n);
    return;
  }
  if (n > 1) pad(p, num + 1, n - 1);
}

/* }==================================================================== */

/* {====================================================================
** Values: types, methods
** ===================================================================== */

static const char *name_error, *name_string, *name_gostring;

static void init_names(void) {
  if (!__atomic_load_n(&name_gostring, __ATOMIC_ACQUIRE)) {
    name_error = intern("Error");
    name_string = intern("String");
    __atomic_store_n(&name_gostring, intern("GoString"), __ATOMIC_RELEASE);
  }
}

static Type *under(Type *t) { return t && t->underlying ? t->underlying : t; }

/* The type of a basic value: its aux type, else the slot's if that is a
** basic type of the same family (elements of []byte stored with aux 0). */
static Type *basic_type(Value v, Type *slot) {
  if (v.aux) {
    Type *t = type_by_id(v.aux);
    if (t) return t;
  }
  Type *u = under(slot);
  if (u) {
    int k = u->kind;
    if (v.kind == VAL_INT && k >= TY_INT && k <= TY_UINTPTR) return slot;
    if (v.kind == VAL_FLOAT && (k == TY_FLOAT32 || k == TY_FLOAT64)) return slot;
  }
  return value_type(v);
}

static Type *dyn_type(Value v, Type *slot) {
  switch (v.kind) {
  case VAL_INT: case VAL_FLOAT: case VAL_STR: case VAL_BOOL: return basic_type(v, slot);
  default: return value_type(v);
  }
}

static bool is_unsigned_kind(int k) { return k >= TY_UINT && k <= TY_UINTPTR; }

static uintptr_t value_addr(Value v) {
  switch (v.kind) {
  case VAL_PTR:
    if (!v.as.p) return 0;
    if (v.pk == PTR_FIELD) return (uintptr_t)&((ObjStruct *)v.as.p)->f[v.aux];
    if (v.pk == PTR_ELEM) return (uintptr_t)&((ObjArray *)v.as.p)->v[v.aux];
    return (uintptr_t)v.as.p;
  case VAL_SLICE: {
    ObjSlice *s = v.as.p;
    if (!s) return 0;
    return (uintptr_t)(s->arr->v + s->off);
  }
  default: return (uintptr_t)v.as.p;
  }
}

static bool deref(Value p, Value *out) {
  if (p.kind != VAL_PTR || !p.as.p) return false;
  switch (p.pk) {
  case PTR_CELL: *out = ((Cell *)p.as.p)->v; return true;
  case PTR_STRUCT: *out = OBJ_VAL(VAL_STRUCT, p.as.p); return true;
  case PTR_ARRAY: *out = OBJ_VAL(VAL_ARRAY, p.as.p); return true;
  case PTR_FIELD: {
    ObjStruct *s = p.as.p;
    if (p.aux >= s->n) return false;
    *out = s->f[p.aux];
    return true;
  }
  case PTR_ELEM: {
    ObjArray *a = p.as.p;
    if ((int64_t)p.aux >= a->len) return false;
    *out = a->v[p.aux];
    return true;
  }
  default: return false;
  }
}

static void print_arg(Fmt *p, Value v, int verb);
static void print_value(Fmt *p, Value v, Type *slot, int verb, int depth);

static void fmt_string(Fmt *p, const char *s, size_t n, int verb, Value v, Type *slot);

/* Call a String/Error/GoString method; on success *out is its result. On a
** panic, prints Go's recovery text and returns false with *printed set. */
static bool call_method(Fmt *p, Value fn, Value recv, Value arg, int verb, const char *what,
                        Value *out, bool *printed) {
  Value res[NATIVE_MAX_RESULTS];
  *printed = false;
  PanicRec *saved = p->f->panic;
  int n = vm_call(p->f, fn, &recv, 1, res, 1);
  if (n == NATIVE_PANIC) {
    /* Go's catchPanic: recover the method's panic and print it in place. */
    if (!p->panicking && p->f->panic && p->f->panic != saved) {
      Value pv = p->f->panic->value;
      p->f->panic = saved;
      *printed = true;
      if (arg.kind == VAL_PTR && !arg.as.p) {      /* Go: a nil pointer receiver */
        sb_puts(p->b, "<nil>");
        return false;
      }
      Fmt old = *p;
      clear_flags(p);
      sb_puts(p->b, "%!");
      char tmp[4];
      sb_putn(p->b, tmp, (size_t)enc_rune(tmp, verb));
      sb_puts(p->b, "(PANIC=");
      sb_puts(p->b, what);
      sb_puts(p->b, " method: ");
      p->panicking = true;
      print_arg(p, pv, 'v');
      p->panicking = false;
      sb_putc(p->b, ')');
      int st = p->status;
      *p = old;
      p->status = st;
      return false;
    }
    p->status = NATIVE_PANIC;
    *printed = true;
    return false;
  }
  if (n < 1) { *out = OBJ_VAL(VAL_STR, str_empty()); return true; }
  *out = res[0];
  return true;
}

static void bad_verb(Fmt *p, Value v, bool valid, Type *slot, int verb);

/* Go's handleMethods: Error() / String() for v s x X q, GoString() for %#v. */
static bool handle_methods(Fmt *p, Value v, Type *slot, int verb) {
  if (p->erroring || p->status) return false;
  if (verb == 'w') {
    const char *dummy;
    bool is_err = api_error_text(NULL, v, &dummy);
    if (!is_err || !p->wrap_errs || p->wrapped_set) {
      p->wrapped_set = false;
      p->wrapped = NIL_VAL;
      p->wrap_errs = false;
      bad_verb(p, v, true, slot, verb);
      return true;
    }
    p->wrapped_set = true;
    p->wrapped = v;
    verb = 'v';
  }
  if (v.kind == VAL_NIL) return false;
  init_names();
  if (!p->f) {                 /* no fiber: only native errors, no csp methods */
    if (p->sharp_v) return false;
    switch (verb) {
    case 'v': case 's': case 'x': case 'X': case 'q': break;
    default: return false;
    }
    const char *t = api_native_error_text(v);
    if (!t) return false;
    fmt_string(p, t, strlen(t), verb, NIL_VAL, NULL);
    return true;
  }
  if (p->sharp_v) {
    Value fn, recv;
    if (v.kind != VAL_OBJ && api_find_method(v, name_gostring, &fn, &recv)) {
      Value r;
      bool printed;
      if (call_method(p, fn, recv, v, verb, "GoString", &r, &printed)) {
        if (r.kind == VAL_STR) fmt_s(p, AS_STR(r)->data, (size_t)AS_STR(r)->len);
      }
      return true;
    }
    return false;
  }
  switch (verb) {
  case 'v': case 's': case 'x': case 'X': case 'q': break;
  default: return false;
  }
  const char *nt = api_native_error_text(v);
  if (nt) {
    fmt_string(p, nt, strlen(nt), verb, NIL_VAL, NULL);
    return true;
  }
  Value fn, recv;
  const char *what = "Error";
  if (v.kind == VAL_PTR && !v.as.p) {
    /* A typed nil pointer: Go calls the method with a nil receiver (a
    ** pointer method may handle nil); a panic, or a value method (which
    ** cannot be called through nil), prints "<nil>". */
    Type *pt = value_type(v);
    Type *et = pt && pt->kind == TY_PTR ? pt->elem : NULL;
    const Method *m = et ? type_find_method(et, name_error) : NULL;
    if (!m) {
      what = "String";
      m = et ? type_find_method(et, name_string) : NULL;
    }
    if (!m) return false;
    if (!m->ptr_recv) {
      sb_puts(p->b, "<nil>");
      return true;
    }
    fn = m->fn;
    recv = v;
  } else if (!api_find_method(v, name_error, &fn, &recv)) {
    what = "String";
    if (!api_find_method(v, name_string, &fn, &recv)) return false;
  }
  Value r;
  bool printed;
  if (call_method(p, fn, recv, v, verb, what, &r, &printed)) {
    if (r.kind == VAL_STR) fmt_string(p, AS_STR(r)->data, (size_t)AS_STR(r)->len, verb, NIL_VAL, NULL);
    else print_value(p, r, NULL, verb, 1);
  }
  return true;
}

/* }==================================================================== */

/* {====================================================================
** printValue and friends
** ===================================================================== */

static void put_verb(StrBuf *b, int verb) {
  char tmp[4];
  sb_putn(b, tmp, (size_t)enc_rune(tmp, verb));
}

static void bad_verb(Fmt *p, Value v, bool valid, Type *slot, int verb) {
  p->erroring = true;
  sb_puts(p->b, "%!");
  put_verb(p->b, verb);
  sb_putc(p->b, '(');
  if (valid && v.kind != VAL_NIL) {
    sb_puts(p->b, type_str(dyn_type(v, slot)));
    sb_putc(p->b, '=');
    print_value(p, v, slot, 'v', 0);
  } else {
    sb_puts(p->b, "<nil>");
  }
  sb_putc(p->b, ')');
  p->erroring = false;
}

static void fmt_bool(Fmt *p, bool x, int verb, Value v, Type *slot) {
  if (verb == 't' || verb == 'v') pad_str(p, x ? "true" : "false");
  else bad_verb(p, v, true, slot, verb);
}

/* pp.fmtInteger */
static void fmt_int_verb(Fmt *p, uint64_t u, bool is_signed, int verb, Value v, Type *slot) {
  switch (verb) {
  case 'v':
    if (p->sharp_v && !is_signed) fmt_0x64(p, u, true);
    else fmt_integer(p, u, 10, is_signed, verb, ldigits);
    break;
  case 'd': fmt_integer(p, u, 10, is_signed, verb, ldigits); break;
  case 'b': fmt_integer(p, u, 2, is_signed, verb, ldigits); break;
  case 'o': case 'O': fmt_integer(p, u, 8, is_signed, verb, ldigits); break;
  case 'x': fmt_integer(p, u, 16, is_signed, verb, ldigits); break;
  case 'X': fmt_integer(p, u, 16, is_signed, verb, udigits); break;
  case 'c': fmt_c(p, u); break;
  case 'q': fmt_qc(p, u); break;
  case 'U': fmt_unicode(p, u); break;
  default: bad_verb(p, v, true, slot, verb);
  }
}

/* pp.fmtFloat */
static void fmt_float_verb(Fmt *p, double x, int bits, int verb, Value v, Type *slot) {
  switch (verb) {
  case 'v': fmt_float_flags(p, x, bits, 'g', -1); break;
  case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float_flags(p, x, bits, verb, -1); break;
  case 'f': case 'e': case 'E': fmt_float_flags(p, x, bits, verb, 6); break;
  case 'F': fmt_float_flags(p, x, bits, 'f', 6); break;
  default: bad_verb(p, v, true, slot, verb);
  }
}

/* pp.fmtString */
static void fmt_string(Fmt *p, const char *s, size_t n, int verb, Value v, Type *slot) {
  switch (verb) {
  case 'v':
    if (p->sharp_v) fmt_q(p, s, n);
    else fmt_s(p, s, n);
    break;
  case 's': fmt_s(p, s, n); break;
  case 'x': fmt_sbx(p, (const unsigned char *)s, n, ldigits); break;
  case 'X': fmt_sbx(p, (const unsigned char *)s, n, udigits); break;
  case 'q': fmt_q(p, s, n); break;
  default:
    if (v.kind == VAL_NIL) v = OBJ_VAL(VAL_STR, str_new(s, (int64_t)n));
    bad_verb(p, v, true, slot, verb);
  }
}

static void fmt_pointer(Fmt *p, Value v, Type *slot, int verb) {
  uintptr_t u;
  switch (v.kind) {
  case VAL_CHAN: case VAL_FUNC: case VAL_MAP: case VAL_PTR: case VAL_SLICE:
  case VAL_NATIVE: case VAL_BOUND: case VAL_OBJ:
    u = value_addr(v);
    break;
  default:
    bad_verb(p, v, true, slot, verb);
    return;
  }
  switch (verb) {
  case 'v':
    if (p->sharp_v) {
      sb_putc(p->b, '(');
      sb_puts(p->b, type_str(dyn_type(v, slot)));
      sb_puts(p->b, ")(");
      if (u == 0) sb_puts(p->b, "nil");
      else fmt_0x64(p, (uint64_t)u, true);
      sb_putc(p->b, ')');
    } else if (u == 0) {
      pad_str(p, "<nil>");
    } else {
      fmt_0x64(p, (uint64_t)u, !p->sharp);
    }
    break;
  case 'p': fmt_0x64(p, (uint64_t)u, !p->sharp); break;
  case 'b': case 'o': case 'd': case 'x': case 'X':
    fmt_int_verb(p, (uint64_t)u, false, verb, v, slot);
    break;
  default: bad_verb(p, v, true, slot, verb);
  }
}

/* ---- map key ordering (Go's internal/fmtsort) ---- */

static int kind_rank(Value v) { return v.kind; }

static int compare_keys(Value a, Value b, Type *kt);

typedef struct CmpHop { Value a, b; Type *kt; int r; } CmpHop;
static void cmp_hop(void *arg) {
  CmpHop *h = arg;
  h->r = compare_keys(h->a, h->b, h->kt);
}

static int compare_keys(Value a, Value b, Type *kt) {
  if (a.kind != b.kind) return kind_rank(a) < kind_rank(b) ? -1 : 1;
  if ((a.kind == VAL_STRUCT || a.kind == VAL_ARRAY) && vm_cstack_low()) {
    CmpHop h = {a, b, kt, 0};    /* keys nested deeper than the C stack */
    vm_cstack_hop(cmp_hop, &h);
    return h.r;
  }
  switch (a.kind) {
  case VAL_NIL: return 0;
  case VAL_BOOL: return a.as.b == b.as.b ? 0 : (!a.as.b ? -1 : 1);
  case VAL_INT: {
    Type *t = under(basic_type(a, kt));
    if (t && is_unsigned_kind(t->kind)) {
      uint64_t x = (uint64_t)a.as.i, y = (uint64_t)b.as.i;
      return x < y ? -1 : x > y;
    }
    return a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
  }
  case VAL_FLOAT: {
    double x = a.as.f, y = b.as.f;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    if (isnan(x) && !isnan(y)) return -1;
    if (!isnan(x) && isnan(y)) return 1;
    return 0;
  }
  case VAL_STR: {
    ObjString *x = AS_STR(a), *y = AS_STR(b);
    int64_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->data, y->data, (size_t)n);
    if (c) return c < 0 ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
  }
  case VAL_STRUCT: {
    ObjStruct *x = a.as.p, *y = b.as.p;
    Type *st = under(x->type);
    for (uint32_t i = 0; i < x->n && i < y->n; i++) {
      Type *ft = st && st->kind == TY_STRUCT && (int)i < st->nfields ? st->fields[i].type : NULL;
      int c = compare_keys(x->f[i], y->f[i], ft);
      if (c) return c;
    }
    return 0;
  }
  case VAL_ARRAY: {
    ObjArray *x = a.as.p, *y = b.as.p;
    for (int64_t i = 0; i < x->len && i < y->len; i++) {
      int c = compare_keys(x->v[i], y->v[i], x->elem);
      if (c) return c;
    }
    return 0;
  }
  default: {
    uintptr_t x = value_addr(a), y = value_addr(b);
    return x < y ? -1 : x > y;
  }
  }
}

typedef struct KV { Value k, v; } KV;

/* Insertion sort for small maps, merge sort otherwise (stable, no qsort
** context pointer needed). */
static void sort_kvs(KV *kv, int64_t n, Type *kt) {
  if (n < 2) return;
  if (n <= 16) {
    for (int64_t i = 1; i < n; i++) {
      KV x = kv[i];
      int64_t j = i;
      while (j > 0 && compare_keys(x.k, kv[j - 1].k, kt) < 0) { kv[j] = kv[j - 1]; j--; }
      kv[j] = x;
    }
    return;
  }
  int64_t h = n / 2;
  sort_kvs(kv, h, kt);
  sort_kvs(kv + h, n - h, kt);
  KV *tmp = GC_MALLOC(sizeof(KV) * (size_t)n);
  int64_t i = 0, j = h, k = 0;
  while (i < h && j < n) {
    if (compare_keys(kv[j].k, kv[i].k, kt) < 0) tmp[k++] = kv[j++];
    else tmp[k++] = kv[i++];
  }
  while (i < h) tmp[k++] = kv[i++];
  while (j < n) tmp[k++] = kv[j++];
  memcpy(kv, tmp, sizeof(KV) * (size_t)n);
}

static bool exported(const char *name) {
  if (!name || !*name) return false;
  unsigned char c = (unsigned char)name[0];
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  int32_t r;
  dec_rune((const unsigned char *)name, strlen(name), &r);
  locale_t l = utf8_locale();
  return l ? iswupper_l((wint_t)r, l) != 0 : false;
}

/* A native object printed without methods (erroring, or no fiber): error
** values print as Go prints the struct behind them (&{msg}). */
static void print_native_obj(Fmt *p, Value v, int verb) {
  const char *msg = api_native_error_text(v);
  ObjNativeObj *o = v.as.p;
  bool ptr = o && o->cls && o->cls->name && o->cls->name[0] == '*';
  if (msg) {
    if (p->sharp_v) {
      Type *t = value_type(v);
      sb_putc(p->b, '&');
      sb_puts(p->b, type_str(t && t->kind == TY_PTR && t->elem ? t->elem : t));
      sb_puts(p->b, "{s:");
      fmt_q(p, msg, strlen(msg));
      sb_putc(p->b, '}');
      return;
    }
    sb_puts(p->b, "&{");
    fmt_string(p, msg, strlen(msg), verb, NIL_VAL, NULL);
    sb_putc(p->b, '}');
    return;
  }
  if (p->sharp_v) sb_puts(p->b, type_str(value_type(v)));
  else if (ptr) sb_putc(p->b, '&');
  sb_puts(p->b, "{}");
}

static bool is_byte_type(Type *t) {
  t = under(t);
  return t && t->kind == TY_UINT8;
}

/* can_iface (print_value_x): false below an unexported struct field, where
** Go's reflection cannot call methods (Value.CanInterface is false). */
static void print_value_x(Fmt *p, Value v, Type *slot, int verb, int depth, bool can_iface);

static void print_value(Fmt *p, Value v, Type *slot, int verb, int depth) {
  print_value_x(p, v, slot, verb, depth, true);
}

static void print_seq(Fmt *p, Value v, const Value *elems, int64_t n, Type *elem, Type *whole,
                      bool is_nil_slice, int verb, int depth, bool can_iface) {
  if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && is_byte_type(elem)) {
    char small[256];
    char *bytes = n <= (int64_t)sizeof small ? small : GC_MALLOC_ATOMIC((size_t)n + 1);
    for (int64_t i = 0; i < n; i++) bytes[i] = (char)elems[i].as.i;
    switch (verb) {
    case 's': fmt_s(p, bytes, (size_t)n); break;
    case 'q': fmt_q(p, bytes, (size_t)n); break;
    case 'x': fmt_sbx(p, (const unsigned char *)bytes, (size_t)n, ldigits); break;
    case 'X': fmt_sbx(p, (const unsigned char *)bytes, (size_t)n, udigits); break;
    }
    return;
  }
  (void)v;
  if (p->sharp_v) {
    sb_puts(p->b, depth == 0 && p->top_bytes ? "[]byte" : type_str(whole));
    if (is_nil_slice) {
      sb_puts(p->b, "(nil)");
      return;
    }
    sb_putc(p->b, '{');
    for (int64_t i = 0; i < n && !p->status; i++) {
      if (i > 0) sb_puts(p->b, ", ");
      print_value_x(p, elems[i], elem, verb, depth + 1, can_iface);
    }
    sb_putc(p->b, '}');
  } else {
    sb_putc(p->b, '[');
    for (int64_t i = 0; i < n && !p->status; i++) {
      if (i > 0) sb_putc(p->b, ' ');
      print_value_x(p, elems[i], elem, verb, depth + 1, can_iface);
    }
    sb_putc(p->b, ']');
  }
}

typedef struct PrintHop {
  Fmt *p;
  Value v;
  Type *slot;
  int verb, depth;
  bool can_iface;
} PrintHop;

static void print_hop(void *arg) {
  PrintHop *h = arg;
  print_value_x(h->p, h->v, h->slot, h->verb, h->depth, h->can_iface);
}

static void print_value_x(Fmt *p, Value v, Type *slot, int verb, int depth, bool can_iface) {
  if (p->status) return;
  if (vm_cstack_low()) {
    /* Go prints values of any depth (a cycle through maps or slices ends
    ** in Go's stack overflow): continue on a bigger C stack */
    PrintHop h = {p, v, slot, verb, depth, can_iface};
    vm_cstack_hop(print_hop, &h);
    return;
  }
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (depth > 0 && can_iface && v.kind != VAL_NIL) {
    if (handle_methods(p, v, slot, verb)) return;
  }
  switch (v.kind) {
  case VAL_NIL:
    if (p->sharp_v) {
      sb_puts(p->b, type_str(slot && under(slot)->kind == TY_INTERFACE ? slot : type_any));
      sb_puts(p->b, "(nil)");
    } else if (depth == 0 && verb != 'v') {
      bad_verb(p, v, false, slot, verb);
    } else {
      sb_puts(p->b, "<nil>");
    }
    return;
  case VAL_BOOL: fmt_bool(p, v.as.b, verb, v, slot); return;
  case VAL_INT: {
    Type *t = under(basic_type(v, slot));
    fmt_int_verb(p, (uint64_t)v.as.i, !(t && is_unsigned_kind(t->kind)), verb, v, slot);
    return;
  }
  case VAL_FLOAT: {
    Type *t = under(basic_type(v, slot));
    fmt_float_verb(p, v.as.f, t && t->kind == TY_FLOAT32 ? 32 : 64, verb, v, slot);
    return;
  }
  case VAL_STR:
    fmt_string(p, AS_STR(v)->data, (size_t)AS_STR(v)->len, verb, v, slot);
    return;
  case VAL_MAP: {
    ObjMap *m = v.as.p;
    Type *mt = dyn_type(v, slot);
    Type *mu = under(mt);
    if (p->sharp_v) {
      sb_puts(p->b, type_str(mt));
      if (!m) {
        sb_puts(p->b, "(nil)");
        return;
      }
      sb_putc(p->b, '{');
    } else {
      sb_puts(p->b, "map[");
    }
    if (m && m->count > 0) {
      int64_t n = 0;
      KV *kv = GC_MALLOC(sizeof(KV) * (size_t)m->count);
      int64_t pos = 0;
      Value k, x;
      while (n < m->count && map_next(m, &pos, &k, &x)) {
        kv[n].k = k;
        kv[n].v = x;
        n++;
      }
      Type *kt = mu && mu->kind == TY_MAP ? mu->key : NULL;
      Type *vt = mu && mu->kind == TY_MAP ? mu->elem : NULL;
      sort_kvs(kv, n, kt);
      for (int64_t i = 0; i < n && !p->status; i++) {
        if (i > 0) {
          if (p->sharp_v) sb_puts(p->b, ", ");
          else sb_putc(p->b, ' ');
        }
        print_value_x(p, kv[i].k, kt, verb, depth + 1, can_iface);
        sb_putc(p->b, ':');
        print_value_x(p, kv[i].v, vt, verb, depth + 1, can_iface);
      }
    }
    sb_putc(p->b, p->sharp_v ? '}' : ']');
    return;
  }
  case VAL_STRUCT: {
    ObjStruct *s = v.as.p;
    Type *st = under(s->type);
    if (p->sharp_v) sb_puts(p->b, type_str(s->type));
    sb_putc(p->b, '{');
    for (uint32_t i = 0; i < s->n && !p->status; i++) {
      if (i > 0) {
        if (p->sharp_v) sb_puts(p->b, ", ");
        else sb_putc(p->b, ' ');
      }
      const Field *fd = st && st->kind == TY_STRUCT && (int)i < st->nfields ? &st->fields[i] : NULL;
      if ((p->plus_v || p->sharp_v) && fd && fd->name && *fd->name) {
        sb_puts(p->b, fd->name);
        sb_putc(p->b, ':');
      }
      bool ci = can_iface && (!fd || exported(fd->name));
      print_value_x(p, s->f[i], fd ? fd->type : NULL, verb, depth + 1, ci);
    }
    sb_putc(p->b, '}');
    return;
  }
  case VAL_SLICE: {
    ObjSlice *s = v.as.p;
    Type *t = dyn_type(v, slot);
    Type *elem = under(t) && under(t)->kind == TY_SLICE ? under(t)->elem : NULL;
    if (!elem && s) elem = s->arr->elem;
    if (!s) {
      print_seq(p, v, NULL, 0, elem, t, true, verb, depth, can_iface);
      return;
    }
    print_seq(p, v, s->arr->v + s->off, s->len, elem, t, false, verb, depth, can_iface);
    return;
  }
  case VAL_ARRAY: {
    ObjArray *a = v.as.p;
    Type *t = dyn_type(v, slot);
    print_seq(p, v, a->v, a->len, a->elem, t, false, verb, depth, can_iface);
    return;
  }
  case VAL_PTR:
    if (depth == 0 && v.as.p) {
      Value x;
      if (deref(v, &x)) {
        if (x.kind == VAL_CELL) x = ((Cell *)x.as.p)->v;
        switch (x.kind) {
        case VAL_ARRAY: case VAL_SLICE: case VAL_STRUCT: case VAL_MAP: {
          sb_putc(p->b, '&');
          Type *pt = value_type(v);
          print_value_x(p, x, pt && under(pt)->kind == TY_PTR ? under(pt)->elem : NULL, verb,
                        depth + 1, can_iface);
          return;
        }
        default: break;
        }
      }
    }
    fmt_pointer(p, v, slot, verb);
    return;
  case VAL_CHAN: case VAL_FUNC: case VAL_NATIVE: case VAL_BOUND:
    fmt_pointer(p, v, slot, verb);
    return;
  case VAL_OBJ:
    if (verb == 'p') { fmt_pointer(p, v, slot, verb); return; }
    print_native_obj(p, v, verb);
    return;
  case VAL_TYPE:
    fmt_s(p, type_str((Type *)v.as.p), strlen(type_str((Type *)v.as.p)));
    return;
  default:
    sb_puts(p->b, "?");
    return;
  }
}

/* Go's printArg: a top-level operand. */
static void print_arg(Fmt *p, Value v, int verb) {
  if (p->status) return;
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind == VAL_NIL) {
    if (verb == 'T' || verb == 'v') pad_str(p, "<nil>");
    else bad_verb(p, v, false, NULL, verb);
    return;
  }
  if (verb == 'T') {
    const char *ts = type_str(value_type(v));
    fmt_s(p, ts, strlen(ts));
    return;
  }
  if (verb == 'p') {
    fmt_pointer(p, v, NULL, 'p');
    return;
  }
  switch (v.kind) {
  case VAL_BOOL: case VAL_INT: case VAL_FLOAT: case VAL_STR:
    if (v.aux == 0 || v.aux < TID_FIRST_USER) {   /* predeclared: no methods */
      if (verb == 'w') { bad_verb(p, v, true, NULL, verb); return; }
      print_value(p, v, NULL, verb, 0);
      return;
    }
    break;
  default: break;
  }
  if (handle_methods(p, v, NULL, verb)) return;
  if (v.kind == VAL_SLICE) {
    Type *t = value_type(v);
    p->top_bytes = t && !t->name && t->kind == TY_SLICE && t->elem == type_uint8;
  }
  print_value(p, v, NULL, verb, 0);
  p->top_bytes = false;
}

/* }==================================================================== */

/* {====================================================================
** Entry points
** ===================================================================== */

static void fmt_init(Fmt *p, Fiber *f, StrBuf *b) {
  memset(p, 0, sizeof *p);
  p->f = f;
  p->b = b;
  p->wrapped = NIL_VAL;
}

int fmt_value(Fiber *f, StrBuf *b, Value v, bool plus, bool sharp) {
  Fmt p;
  fmt_init(&p, f, b);
  p.plus_v = plus;
  p.sharp_v = sharp;
  print_arg(&p, v, 'v');
  return p.status;
}

int fmt_sprint(Fiber *f, StrBuf *b, const Value *args, int nargs, bool ln) {
  Fmt p;
  fmt_init(&p, f, b);
  bool prev_string = false;
  for (int i = 0; i < nargs && !p.status; i++) {
    Value a = args[i];
    if (a.kind == VAL_CELL) a = ((Cell *)a.as.p)->v;
    bool is_string = a.kind == VAL_STR;
    if (i > 0 && (ln || (!is_string && !prev_string))) sb_putc(b, ' ');
    clear_flags(&p);
    print_arg(&p, a, 'v');
    prev_string = is_string;
  }
  if (ln) sb_putc(b, '\n');
  return p.status;
}

static bool too_large(int x) { return x > 1000000 || x < -1000000; }

/* parsenum: returns the number and whether one was present; *i advances. */
static int parse_num(const char *s, size_t *i, size_t end, bool *isnum) {
  int num = 0;
  *isnum = false;
  if (*i >= end) return 0;
  size_t k = *i;
  for (; k < end && s[k] >= '0' && s[k] <= '9'; k++) {
    if (too_large(num)) {
      *isnum = false;
      *i = end;
      return 0;
    }
    num = num * 10 + (s[k] - '0');
    *isnum = true;
  }
  *i = k;
  return num;
}

typedef struct ArgState {
  int argnum;
  bool reordered;
  bool good_argnum;
} ArgState;

/* argNumber: an explicit [n] index at format[*i]; returns found. */
static bool arg_number(ArgState *st, const char *format, size_t *i, size_t end, int nargs) {
  if (*i >= end || format[*i] != '[') return false;
  st->reordered = true;
  /* parseArgNumber on format[*i:] */
  size_t start = *i;
  size_t wid = 1;
  bool ok = false;
  int index = 0;
  if (end - start >= 3) {
    for (size_t k = start + 1; k < end; k++) {
      if (format[k] == ']') {
        size_t q = start + 1;
        bool isnum;
        int w = parse_num(format, &q, k, &isnum);
        if (!isnum || q != k) {
          wid = k - start + 1;
          ok = false;
        } else {
          index = w - 1;
          wid = k - start + 1;
          ok = true;
        }
        break;
      }
    }
  }
  if (ok && index >= 0 && index < nargs) {
    st->argnum = index;
    *i = start + wid;
    return true;
  }
  st->good_argnum = false;
  *i = start + wid;
  return ok;
}

static bool int_from_arg(const Value *args, int nargs, int *argnum, int *num) {
  bool is_int = false;
  *num = 0;
  if (*argnum < nargs) {
    Value a = args[*argnum];
    if (a.kind == VAL_CELL) a = ((Cell *)a.as.p)->v;
    if (a.kind == VAL_INT) {
      Type *t = under(basic_type(a, NULL));
      bool neg_unsigned = t && is_unsigned_kind(t->kind) && a.as.i < 0;
      if (!neg_unsigned) {
        if (a.as.i > 1000000 || a.as.i < -1000000) return (*argnum)++, false;  /* tooLarge */
        *num = (int)a.as.i;
        is_int = true;
      }
    }
    (*argnum)++;
  }
  return is_int;
}

static int do_printf(Fmt *p, const char *format, size_t end, const Value *args, int nargs) {
  StrBuf *b = p->b;
  ArgState st = {0, false, true};
  bool after_index = false;
  size_t i = 0;
  while (i < end && !p->status) {
    st.good_argnum = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') i++;
    if (i > lasti) sb_putn(b, format + lasti, i - lasti);
    if (i >= end) break;
    i++;                                            /* skip % */
    clear_flags(p);
    /* flags */
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') p->sharp = true;
      else if (c == '0') p->zero = !p->minus;
      else if (c == '+') p->plus = true;
      else if (c == '-') { p->minus = true; p->zero = false; }
      else if (c == ' ') p->space = true;
      else break;
    }
    /* argument index */
    after_index = arg_number(&st, format, &i, end, nargs);
    /* width */
    if (i < end && format[i] == '*') {
      i++;
      p->wid_present = int_from_arg(args, nargs, &st.argnum, &p->wid);
      if (!p->wid_present) sb_puts(b, "%!(BADWIDTH)");
      if (p->wid < 0) {
        p->wid = -p->wid;
        p->minus = true;
        p->zero = false;
      }
      after_index = false;
    } else {
      bool isnum;
      p->wid = parse_num(format, &i, end, &isnum);
      p->wid_present = isnum;
      if (after_index && p->wid_present) st.good_argnum = false;
    }
    /* precision */
    if (i + 1 < end && format[i] == '.') {
      i++;
      if (after_index) st.good_argnum = false;
      after_index = arg_number(&st, format, &i, end, nargs);
      if (i < end && format[i] == '*') {
        i++;
        p->prec_present = int_from_arg(args, nargs, &st.argnum, &p->prec);
        if (p->prec < 0) {
          p->prec = 0;
          p->prec_present = false;
        }
        if (!p->prec_present) sb_puts(b, "%!(BADPREC)");
        after_index = false;
      } else {
        bool isnum;
        p->prec = parse_num(format, &i, end, &isnum);
        p->prec_present = true;
        if (!isnum) p->prec = 0;
      }
    }
    if (!after_index) after_index = arg_number(&st, format, &i, end, nargs);
    if (i >= end) {
      sb_puts(b, "%!(NOVERB)");
      break;
    }
    int32_t verb;
    int size = 1;
    if ((unsigned char)format[i] < 0x80) verb = (unsigned char)format[i];
    else size = dec_rune((const unsigned char *)format + i, end - i, &verb);
    i += (size_t)size;

    if (verb == '%') {
      sb_putc(b, '%');
    } else if (!st.good_argnum) {
      sb_puts(b, "%!");
      put_verb(b, verb);
      sb_puts(b, "(BADINDEX)");
    } else if (st.argnum >= nargs) {
      sb_puts(b, "%!");
      put_verb(b, verb);
      sb_puts(b, "(MISSING)");
    } else {
      if (verb == 'v') {
        p->sharp_v = p->sharp;
        p->sharp = false;
        p->plus_v = p->plus;
        p->plus = false;
      }
      print_arg(p, args[st.argnum], verb);
      st.argnum++;
    }
  }
  if (!p->status && !st.reordered && st.argnum < nargs) {
    clear_flags(p);
    sb_puts(b, "%!(EXTRA ");
    for (int k = st.argnum; k < nargs; k++) {
      if (k > st.argnum) sb_puts(b, ", ");
      Value a = args[k];
      if (a.kind == VAL_CELL) a = ((Cell *)a.as.p)->v;
      if (a.kind == VAL_NIL) {
        sb_puts(b, "<nil>");
      } else {
        sb_puts(b, type_str(value_type(a)));
        sb_putc(b, '=');
        print_arg(p, a, 'v');
      }
    }
    sb_putc(b, ')');
  }
  return p->status;
}

int fmt_sprintf(Fiber *f, StrBuf *b, const char *format, size_t flen, const Value *args, int nargs) {
  Fmt p;
  fmt_init(&p, f, b);
  return do_printf(&p, format, flen, args, nargs);
}

int fmt_sprintf_w(Fiber *f, StrBuf *b, const char *format, size_t flen, const Value *args,
                  int nargs, Value *wrapped) {
  Fmt p;
  fmt_init(&p, f, b);
  p.wrap_errs = true;
  int st = do_printf(&p, format, flen, args, nargs);
  *wrapped = p.wrapped_set ? p.wrapped : NIL_VAL;
  return st;
}

/* }==================================================================== */
