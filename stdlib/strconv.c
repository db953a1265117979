/*
** strconv.c -- package strconv: Itoa/Atoi, ParseInt/ParseUint/ParseFloat/
** ParseBool, the Format and Quote functions and Unquote, with Go's error values: a
** *strconv.NumError whose Error() is `strconv.Atoi: parsing "x": invalid
** syntax`, wrapping ErrSyntax / ErrRange (errors.Is works through Unwrap).
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"

static Value err_syntax, err_range;   /* strconv.ErrSyntax / ErrRange; static: roots */

/* {====================================================================
** NumError
** ===================================================================== */

typedef struct NumError {
  const char *func;   /* "Atoi" */
  ObjString *num;     /* the input */
  Value err;          /* ErrSyntax, ErrRange, or another error */
} NumError;

static NativeClass numerror_cls = {"*strconv.NumError", NULL, NULL, NULL};

static NumError *numerror_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind != VAL_OBJ || !v.as.p || ((ObjNativeObj *)v.as.p)->cls != &numerror_cls) return NULL;
  return ((ObjNativeObj *)v.as.p)->data;
}

static Value num_error(const char *func, const char *s, size_t n, Value err) {
  NumError *e = NEW(NumError);
  e->func = func;
  e->num = str_new(s, (int64_t)n);
  e->err = err;
  return obj_new(&numerror_cls, e);
}

static int ne_error(Fiber *f, Value *args, int nargs, Value *res) {
  NumError *e = numerror_of(args[0]);
  if (!e) { res[0] = OBJ_VAL(VAL_STR, str_empty()); return 1; }
  const char *et = NULL;
  api_error_text(f, e->err, &et);
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "strconv.%s: parsing ", e->func);
  fmt_quote(&b, e->num->data, (size_t)e->num->len, false);
  sb_puts(&b, ": ");
  sb_puts(&b, et ? et : "<nil>");
  res[0] = sb_value(&b);
  return 1;
}

static int ne_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  NumError *e = numerror_of(args[0]);
  res[0] = e ? e->err : NIL_VAL;
  return 1;
}

static Value errorf_base(const char *what, int64_t n) {
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "%s %lld", what, (long long)n);
  return mk_error(sb_cstr(&b));
}

/* }==================================================================== */

/* {====================================================================
** Integers
** ===================================================================== */

static char lower(char c) { return (char)(c | 0x20); }

static bool underscore_ok(const char *s, size_t n) {
  char saw = '^';
  size_t i = 0;
  if (n >= 1 && (s[0] == '-' || s[0] == '+')) { s++; n--; }
  bool hex = false;
  if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < n; i++) {
    if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

/* ParseUint: returns 0 ok, or sets *err (a NumError to be relabelled by the caller). */
static uint64_t parse_uint(const char *fn, const char *s0, size_t n0, int base, int bits, Value *err) {
  *err = NIL_VAL;
  const char *s = s0;
  size_t n = n0;
  if (n == 0) { *err = num_error(fn, s0, n0, err_syntax); return 0; }
  bool base0 = base == 0;
  if (base >= 2 && base <= 36) {
  } else if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (n >= 3 && lower(s[1]) == 'b') { base = 2; s += 2; n -= 2; }
      else if (n >= 3 && lower(s[1]) == 'o') { base = 8; s += 2; n -= 2; }
      else if (n >= 3 && lower(s[1]) == 'x') { base = 16; s += 2; n -= 2; }
      else { base = 8; s += 1; n -= 1; }
    }
  } else {
    *err = num_error(fn, s0, n0, errorf_base("invalid base", base));
    return 0;
  }
  if (bits == 0) bits = 64;
  else if (bits < 0 || bits > 64) {
    *err = num_error(fn, s0, n0, errorf_base("invalid bit size", bits));
    return 0;
  }
  uint64_t max = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
  uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1;
  bool underscores = false;
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    int d;
    if (c == '_' && base0) { underscores = true; continue; }
    if (c >= '0' && c <= '9') d = c - '0';
    else if (lower(c) >= 'a' && lower(c) <= 'z') d = lower(c) - 'a' + 10;
    else { *err = num_error(fn, s0, n0, err_syntax); return 0; }
    if (d >= base) { *err = num_error(fn, s0, n0, err_syntax); return 0; }
    if (v >= cutoff) { *err = num_error(fn, s0, n0, err_range); return max; }
    v *= (uint64_t)base;
    uint64_t v1 = v + (uint64_t)d;
    if (v1 < v || v1 > max) { *err = num_error(fn, s0, n0, err_range); return max; }
    v = v1;
  }
  if (underscores && !underscore_ok(s0, n0)) { *err = num_error(fn, s0, n0, err_syntax); return 0; }
  return v;
}

static int64_t parse_int(const char *fn, const char *s0, size_t n0, int base, int bits, Value *err) {
  *err = NIL_VAL;
  if (n0 == 0) { *err = num_error(fn, s0, n0, err_syntax); return 0; }
  const char *s = s0;
  size_t n = n0;
  bool neg = false;
  if (s[0] == '+') { s++; n--; }
  else if (s[0] == '-') { neg = true; s++; n--; }
  Value e;
  uint64_t un = parse_uint(fn, s, n, base, bits, &e);
  if (!IS_NIL(e)) {
    NumError *ne = numerror_of(e);
    if (ne && !value_equal(ne->err, err_range)) {
      ne->num = str_new(s0, (int64_t)n0);
      *err = e;
      return 0;
    }
  }
  if (bits == 0) bits = 64;
  if (bits < 1 || bits > 64) bits = 64;
  uint64_t cutoff = (uint64_t)1 << (bits - 1);
  if (!neg && un >= cutoff) { *err = num_error(fn, s0, n0, err_range); return (int64_t)(cutoff - 1); }
  /* negate in uint64_t: un may be 2^63, whose int64_t negation overflows */
  if (neg && un > cutoff) { *err = num_error(fn, s0, n0, err_range); return (int64_t)(0 - cutoff); }
  return neg ? (int64_t)(0 - un) : (int64_t)un;
}

#define FNAME "strconv.Itoa"
static int sc_itoa(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, i);
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%lld", (long long)i);
  res[0] = mk_str(buf, (size_t)n);
  return 1;
}
#undef FNAME

#define FNAME "strconv.Atoi"
static int sc_atoi(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  Value err;
  int64_t v = parse_int("Atoi", s->data, (size_t)s->len, 10, 0, &err);
  res[0] = INT_VAL(v);
  res[1] = err;
  return 2;
}
#undef FNAME

#define FNAME "strconv.ParseInt"
static int sc_parse_int(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, base);
  ARG_INT(2, bits);
  Value err;
  int64_t v = parse_int("ParseInt", s->data, (size_t)s->len, (int)base, (int)bits, &err);
  res[0] = TYPED_INT(v, TID_INT64);
  res[1] = err;
  return 2;
}
#undef FNAME

#define FNAME "strconv.ParseUint"
static int sc_parse_uint(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, base);
  ARG_INT(2, bits);
  Value err;
  uint64_t v = parse_uint("ParseUint", s->data, (size_t)s->len, (int)base, (int)bits, &err);
  res[0] = TYPED_INT((int64_t)v, TID_UINT64);
  res[1] = err;
  return 2;
}
#undef FNAME

static Value format_bits(uint64_t u, int base, bool neg) {
  char buf[72];
  int i = (int)sizeof buf;
  const char *digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  do {
    buf[--i] = digits[u % (uint64_t)base];
    u /= (uint64_t)base;
  } while (u);
  if (neg) buf[--i] = '-';
  return mk_str(buf + i, sizeof buf - (size_t)i);
}

#define FNAME "strconv.FormatInt"
static int sc_format_int(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, i);
  ARG_INT(1, base);
  if (base < 2 || base > 36) {
    vm_panicf(f, "strconv: illegal AppendInt/FormatInt base");
    return NATIVE_PANIC;
  }
  res[0] = format_bits(i < 0 ? -(uint64_t)i : (uint64_t)i, (int)base, i < 0);
  return 1;
}
#undef FNAME

#define FNAME "strconv.FormatUint"
static int sc_format_uint(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, i);
  ARG_INT(1, base);
  if (base < 2 || base > 36) {
    vm_panicf(f, "strconv: illegal AppendInt/FormatInt base");
    return NATIVE_PANIC;
  }
  res[0] = format_bits((uint64_t)i, (int)base, false);
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Floats and bools
** ===================================================================== */

static bool eq_fold(const char *a, size_t n, const char *lit) {
  size_t m = strlen(lit);
  if (n != m) return false;
  for (size_t i = 0; i < n; i++)
    if (lower(a[i]) != lit[i]) return false;
  return true;
}

/* Go's readFloat syntax check: returns true if s is a well-formed float. */
static bool float_syntax(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  int base = 10;
  char expch = 'e';
  if (i + 2 <= n && s[i] == '0' && lower(s[i + 1]) == 'x') {
    base = 16;
    expch = 'p';
    i += 2;
  }
  bool sawdot = false, sawdigits = false, underscores = false;
  for (; i < n; i++) {
    char c = s[i];
    if (c == '_') { underscores = true; continue; }
    if (c == '.') {
      if (sawdot) return false;
      sawdot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (base == 16 && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true;
      continue;
    }
    break;
  }
  if (!sawdigits) return false;
  if (i < n && lower(s[i]) == expch) {
    i++;
    if (i >= n) return false;
    if (s[i] == '+' || s[i] == '-') i++;
    if (i >= n || s[i] < '0' || s[i] > '9') return false;
    for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
      if (s[i] == '_') underscores = true;
  } else if (base == 16) {
    return false;                                  /* hex mantissa needs a 'p' exponent */
  }
  if (i != n) return false;
  if (underscores && !underscore_ok(s, n)) return false;
  return true;
}

static double parse_float(const char *s, size_t n, int bits, Value *err) {
  *err = NIL_VAL;
  /* special values */
  size_t i = 0;
  bool neg = false;
  if (n > 0 && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
  if (eq_fold(s + i, n - i, "inf") || eq_fold(s + i, n - i, "infinity")) return neg ? -INFINITY : INFINITY;
  if (i == 0 && eq_fold(s, n, "nan")) return NAN;
  if (!float_syntax(s, n)) {
    *err = num_error("ParseFloat", s, n, err_syntax);
    return 0;
  }
  char *clean = GC_MALLOC_ATOMIC(n + 1);
  size_t k = 0;
  for (size_t j = 0; j < n; j++)
    if (s[j] != '_') clean[k++] = s[j];
  clean[k] = 0;
  errno = 0;
  double v;
  if (bits == 32) {
    float fv = strtof(clean, NULL);
    v = fv;
  } else {
    v = strtod(clean, NULL);
  }
  if (isinf(v)) *err = num_error("ParseFloat", s, n, err_range);
  return v;
}

#define FNAME "strconv.ParseFloat"
static int sc_parse_float(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, bits);
  Value err;
  double v = parse_float(s->data, (size_t)s->len, (int)bits, &err);
  res[0] = FLOAT_VAL(v);
  res[1] = err;
  return 2;
}
#undef FNAME

#define FNAME "strconv.ParseBool"
static int sc_parse_bool(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  const char *t = s->data;
  static const char *const yes[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char *const no[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (int i = 0; i < 6; i++) {
    if (strcmp(t, yes[i]) == 0 && (size_t)s->len == strlen(yes[i])) {
      res[0] = BOOL_VAL(true);
      res[1] = NIL_VAL;
      return 2;
    }
    if (strcmp(t, no[i]) == 0 && (size_t)s->len == strlen(no[i])) {
      res[0] = BOOL_VAL(false);
      res[1] = NIL_VAL;
      return 2;
    }
  }
  res[0] = BOOL_VAL(false);
  res[1] = num_error("ParseBool", s->data, (size_t)s->len, err_syntax);
  return 2;
}
#undef FNAME

#define FNAME "strconv.FormatBool"
static int sc_format_bool(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_BOOL(0, b);
  res[0] = mk_cstr(b ? "true" : "false");
  return 1;
}
#undef FNAME

#define FNAME "strconv.FormatFloat"
static int sc_format_float(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  ARG_INT(1, fmtc);
  ARG_INT(2, prec);
  ARG_INT(3, bits);
  StrBuf b;
  sb_init(&b);
  switch (fmtc) {
  case 'e': case 'E': case 'f': case 'g': case 'G': case 'b': case 'x': case 'X':
    fmt_float(&b, x, (int)fmtc, (int)prec, (int)bits);
    break;
  default:
    sb_putc(&b, '%');
    sb_putc(&b, (char)fmtc);
  }
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Quoting
** ===================================================================== */

#define FNAME "strconv.Quote"
static int sc_quote(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  StrBuf b;
  sb_init(&b);
  fmt_quote(&b, s->data, (size_t)s->len, false);
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

#define FNAME "strconv.QuoteToASCII"
static int sc_quote_ascii(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  StrBuf b;
  sb_init(&b);
  fmt_quote(&b, s->data, (size_t)s->len, true);
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

#define FNAME "strconv.QuoteRune"
static int sc_quote_rune(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, r);
  StrBuf b;
  sb_init(&b);
  fmt_quote_rune(&b, r == (int32_t)r ? (int32_t)r : RUNE_ERROR, false);
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

#define FNAME "strconv.QuoteRuneToASCII"
static int sc_quote_rune_ascii(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, r);
  StrBuf b;
  sb_init(&b);
  fmt_quote_rune(&b, r == (int32_t)r ? (int32_t)r : RUNE_ERROR, true);
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

static int unhex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (lower(c) >= 'a' && lower(c) <= 'f') return lower(c) - 'a' + 10;
  return -1;
}

/* Go's UnquoteChar: decode one (possibly escaped) char at s[*i]; writes its
** UTF-8 (or the raw byte for \x / octal escapes) to b. */
static bool unquote_char(const char *s, size_t n, size_t *i, char quote, StrBuf *b) {
  unsigned char c = (unsigned char)s[*i];
  if (c == (unsigned char)quote && (quote == '\'' || quote == '"')) return false;
  if (c >= 0x80) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s + *i, n - *i, &r);
    sb_putn(b, s + *i, (size_t)w);
    *i += (size_t)w;
    return true;
  }
  if (c != '\\') {
    sb_putc(b, (char)c);
    (*i)++;
    return true;
  }
  if (*i + 1 >= n) return false;
  char e = s[*i + 1];
  *i += 2;
  switch (e) {
  case 'a': sb_putc(b, '\a'); return true;
  case 'b': sb_putc(b, '\b'); return true;
  case 'f': sb_putc(b, '\f'); return true;
  case 'n': sb_putc(b, '\n'); return true;
  case 'r': sb_putc(b, '\r'); return true;
  case 't': sb_putc(b, '\t'); return true;
  case 'v': sb_putc(b, '\v'); return true;
  case 'x': case 'u': case 'U': {
    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
    if (*i + (size_t)len > n) return false;
    int32_t v = 0;
    for (int k = 0; k < len; k++) {
      int d = unhex(s[*i + (size_t)k]);
      if (d < 0) return false;
      v = (v << 4) | d;
    }
    *i += (size_t)len;
    if (e == 'x') { sb_putc(b, (char)v); return true; }
    if (utf8_rune_len(v) < 0) return false;
    char tmp[4];
    sb_putn(b, tmp, (size_t)utf8_encode(tmp, v));
    return true;
  }
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
    int v = e - '0';
    if (*i + 2 > n) return false;
    for (int k = 0; k < 2; k++) {
      int d = s[*i + (size_t)k] - '0';
      if (d < 0 || d > 7) return false;
      v = (v << 3) | d;
    }
    *i += 2;
    if (v > 255) return false;
    sb_putc(b, (char)v);
    return true;
  }
  case '\\': sb_putc(b, '\\'); return true;
  case '\'': case '"':
    if (e != quote) return false;
    sb_putc(b, e);
    return true;
  default: return false;
  }
}

/* strconv.Unquote: false on a syntax error. */
static bool unquote(const char *s, size_t n, StrBuf *out) {
  if (n < 2) return false;
  char q = s[0];
  if (q != s[n - 1]) return false;
  const char *in = s + 1;
  size_t m = n - 2;
  if (q == '`') {
    for (size_t i = 0; i < m; i++) {
      if (in[i] == '`') return false;
      if (in[i] != '\r') sb_putc(out, in[i]);
    }
    return true;
  }
  if (q != '"' && q != '\'') return false;
  for (size_t i = 0; i < m; i++)
    if (in[i] == '\n') return false;
  if (q == '\'') {
    /* exactly one character */
    size_t i = 0;
    if (m == 0) return false;
    if (!unquote_char(in, m, &i, q, out)) return false;
    return i == m;
  }
  size_t i = 0;
  while (i < m)
    if (!unquote_char(in, m, &i, q, out)) return false;
  return true;
}

#define FNAME "strconv.Unquote"
static int sc_unquote(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  StrBuf b;
  sb_init(&b);
  if (!unquote(s->data, (size_t)s->len, &b)) {
    res[0] = OBJ_VAL(VAL_STR, str_empty());
    res[1] = err_syntax;
    return 2;
  }
  res[0] = sb_value(&b);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

/* }==================================================================== */

void open_strconv(void) {
  const char *P = "strconv";
  err_syntax = mk_error("invalid syntax");
  err_range = mk_error("value out of range");
  api_def_value(P, "ErrSyntax", err_syntax);
  api_def_value(P, "ErrRange", err_range);
  api_def_const(P, "IntSize", INT_VAL(64));
  Type *t = api_def_class(&numerror_cls, P, "NumError");
  api_def_method(t, "Error", ne_error, 0, true);
  api_def_method(t, "Unwrap", ne_unwrap, 0, true);
  api_def_func(P, "Itoa", sc_itoa, 1);
  api_def_func(P, "Atoi", sc_atoi, 1);
  api_def_func(P, "ParseInt", sc_parse_int, 3);
  api_def_func(P, "ParseUint", sc_parse_uint, 3);
  api_def_func(P, "ParseFloat", sc_parse_float, 2);
  api_def_func(P, "ParseBool", sc_parse_bool, 1);
  api_def_func(P, "FormatInt", sc_format_int, 2);
  api_def_func(P, "FormatUint", sc_format_uint, 2);
  api_def_func(P, "FormatFloat", sc_format_float, 4);
  api_def_func(P, "FormatBool", sc_format_bool, 1);
  api_def_func(P, "Quote", sc_quote, 1);
  api_def_func(P, "QuoteToASCII", sc_quote_ascii, 1);
  api_def_func(P, "QuoteRune", sc_quote_rune, 1);
  api_def_func(P, "QuoteRuneToASCII", sc_quote_rune_ascii, 1);
  api_def_func(P, "Unquote", sc_unquote, 1);
}
