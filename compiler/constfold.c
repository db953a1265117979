/*
** constfold.c -- compile-time constants: evaluation of constant expressions,
** Go's untyped constant arithmetic, conversions and materialisation as Values.
**
** Untyped integer constants are exact within 128 bits (so `1 << 100 >> 98`
** works); untyped float constants are kept as an exact rational of two 128-bit
** integers while that is possible (so 0.1+0.2 == 0.3 holds, as in Go) and fall
** back to long double otherwise. Typed constants are range-checked against
** their type after every operation.
*/
#include "compiler/internal.h"
#include <string.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>


/* ---- small helpers ---- */
void const_int(ConstVal *c, i128 v) {
  memset(c, 0, sizeof *c);
  c->kind = CK_INT;
  c->i = v;
}

void const_float(ConstVal *c, long double f) {
  memset(c, 0, sizeof *c);
  c->kind = CK_FLOAT;
  c->f = f;
  c->exact = false;
}

static i128 i128_abs(i128 x) { return x < 0 ? -x : x; }

static i128 gcd128(i128 a, i128 b) {
  a = i128_abs(a); b = i128_abs(b);
  while (b) { i128 t = a % b; a = b; b = t; }
  return a;
}

static void float_rat(ConstVal *c, i128 num, i128 den) {
  memset(c, 0, sizeof *c);
  c->kind = CK_FLOAT;
  if (den < 0) { num = -num; den = -den; }
  i128 g = gcd128(num, den);
  if (g > 1) { num /= g; den /= g; }
  c->exact = true;
  c->num = num;
  c->den = den;
  c->f = (long double)num / (long double)den;
}

static long double cv_float(const ConstVal *c) {
  if (c->kind == CK_INT) return (long double)c->i;
  if (c->kind == CK_FLOAT) return c->exact ? (long double)c->num / (long double)c->den : c->f;
  return 0;
}

static void to_float(ConstVal *c) {
  if (c->kind == CK_INT) {
    Type *t = c->type;
    float_rat(c, c->i, 1);
    c->type = t;
  }
}

bool const_is_zero(const ConstVal *c) {
  if (c->kind == CK_INT) return c->i == 0;
  if (c->kind == CK_FLOAT) return cv_float(c) == 0;
  return false;
}

bool cv_negative(const ConstVal *c) {
  return cv_float(c) < 0;
}

static void i128_str(i128 v, char *buf, size_t n) {
  char tmp[64];
  int k = 0;
  bool neg = v < 0;
  unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
  do { tmp[k++] = (char)('0' + (int)(u % 10)); u /= 10; } while (u && k < 60);
  size_t j = 0;
  if (neg && j + 1 < n) buf[j++] = '-';
  while (k > 0 && j + 1 < n) buf[j++] = tmp[--k];
  buf[j] = 0;
}

const char *const_str(const ConstVal *c) {
  char *buf = GC_MALLOC_ATOMIC(128);
  switch (c->kind) {
  case CK_INT: i128_str(c->i, buf, 128); break;
  case CK_FLOAT: {
    long double f = cv_float(c);
    if (f == floorl(f) && fabsl(f) < 1e21L) snprintf(buf, 128, "%.0Lf", f);
    else snprintf(buf, 128, "%.6Lg", f);
    break;
  }
  case CK_BOOL: snprintf(buf, 128, "%s", c->b ? "true" : "false"); break;
  case CK_STRING: snprintf(buf, 128, "%.100s", c->s); break;
  default: snprintf(buf, 128, "nil"); break;
  }
  return buf;
}

Type *const_default_type(const ConstVal *c) {
  if (c->type) return c->type;
  switch (c->kind) {
  case CK_BOOL: return type_bool;
  case CK_INT: return c->rune ? type_int32 : type_int;
  case CK_FLOAT: return type_float64;
  case CK_STRING: return T_STRING;
  default: return NULL;
  }
}

/* Range of an integer type; false if t is not an integer type. */
static bool int_range(Type *t, i128 *lo, i128 *hi) {
  Type *u = underlying(t);
  if (!u) return false;
  switch (u->kind) {
  case TY_INT: case TY_INT64: *lo = INT64_MIN; *hi = INT64_MAX; return true;
  case TY_INT8: *lo = -128; *hi = 127; return true;
  case TY_INT16: *lo = -32768; *hi = 32767; return true;
  case TY_INT32: *lo = INT32_MIN; *hi = INT32_MAX; return true;
  case TY_UINT: case TY_UINT64: case TY_UINTPTR: *lo = 0; *hi = (i128)UINT64_MAX; return true;
  case TY_UINT8: *lo = 0; *hi = 255; return true;
  case TY_UINT16: *lo = 0; *hi = 65535; return true;
  case TY_UINT32: *lo = 0; *hi = UINT32_MAX; return true;
  default: return false;
  }
}

static const char *tname(Type *t) { return t ? tstr(t) : "?"; }

/* Check a typed constant fits its type. */
static bool check_typed(FuncState *fs, Node *at, ConstVal *c) {
  if (!c->type) return true;
  i128 lo, hi;
  if (c->kind == CK_INT && int_range(c->type, &lo, &hi)) {
    if (c->i < lo || c->i > hi) {
      ERR(fs, at, "%s (constant %s of type %s) overflows %s", at ? node_name(at) : const_str(c),
          const_str(c), tname(c->type), tname(c->type));
      return false;
    }
  }
  return true;
}

/* ---- literal parsing ---- */
static bool parse_int_text(const char *s, i128 *out) {
  int base = 10;
  const char *p = s;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; }
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) { base = 2; p += 2; }
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) { base = 8; p += 2; }
  else if (p[0] == '0' && p[1]) { base = 8; p += 1; }
  i128 v = 0;
  for (; *p; p++) {
    int d;
    if (*p == '_') continue;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (*p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
    else if (*p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
    else return false;
    if (d >= base) return false;
    if (__builtin_mul_overflow(v, (i128)base, &v)) return false;
    if (__builtin_add_overflow(v, (i128)d, &v)) return false;
  }
  *out = v;
  return true;
}

static bool pow10_128(int e, i128 *out) {
  i128 v = 1;
  for (int i = 0; i < e; i++)
    if (__builtin_mul_overflow(v, (i128)10, &v)) return false;
  *out = v;
  return true;
}

/* Decimal float literal to an exact rational when it fits. */
static bool parse_float_text(const char *s, i128 *num, i128 *den) {
  if (!s) return false;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return false;
  i128 m = 0;
  int scale = 0;
  bool dot = false;
  const char *p = s;
  for (; *p; p++) {
    if (*p == '_') continue;
    if (*p == '.') { dot = true; continue; }
    if (*p == 'e' || *p == 'E') break;
    if (*p < '0' || *p > '9') return false;
    if (__builtin_mul_overflow(m, (i128)10, &m)) return false;
    if (__builtin_add_overflow(m, (i128)(*p - '0'), &m)) return false;
    if (dot) scale++;
  }
  int e = 0;
  if (*p == 'e' || *p == 'E') {
    p++;
    e = atoi(p);
  }
  e -= scale;
  i128 pw;
  if (e >= 0) {
    if (!pow10_128(e, &pw)) return false;
    if (__builtin_mul_overflow(m, pw, &m)) return false;
    *num = m; *den = 1;
  } else {
    if (!pow10_128(-e, &pw)) return false;
    *num = m; *den = pw;
  }
  return true;
}

/* ---- arithmetic ---- */
static bool rat_op(int op, i128 an, i128 ad, i128 bn, i128 bd, i128 *rn, i128 *rd) {
  i128 x, y, z;
  switch (op) {
  case TK_PLUS: case TK_MINUS:
    if (__builtin_mul_overflow(an, bd, &x)) return false;
    if (__builtin_mul_overflow(bn, ad, &y)) return false;
    if (op == TK_PLUS ? __builtin_add_overflow(x, y, &z) : __builtin_sub_overflow(x, y, &z)) return false;
    *rn = z;
    return !__builtin_mul_overflow(ad, bd, rd);
  case TK_STAR:
    if (__builtin_mul_overflow(an, bn, rn)) return false;
    return !__builtin_mul_overflow(ad, bd, rd);
  case TK_SLASH:
    if (__builtin_mul_overflow(an, bd, rn)) return false;
    return !__builtin_mul_overflow(ad, bn, rd);
  }
  return false;
}

static int cmp_result(int op, int cmp) {
  switch (op) {
  case TK_EQ: return cmp == 0;
  case TK_NE: return cmp != 0;
  case TK_LT: return cmp < 0;
  case TK_LE: return cmp <= 0;
  case TK_GT: return cmp > 0;
  case TK_GE: return cmp >= 0;
  }
  return 0;
}

static bool is_cmp(int op) {
  return op == TK_EQ || op == TK_NE || op == TK_LT || op == TK_LE || op == TK_GT || op == TK_GE;
}

bool const_binary(FuncState *fs, Node *at, int op, const ConstVal *a0, const ConstVal *b0, ConstVal *out) {
  ConstVal a = *a0, b = *b0;
  memset(out, 0, sizeof *out);
  if (op == TK_ANDAND || op == TK_OROR) {
    if (a.kind != CK_BOOL || b.kind != CK_BOOL) return false;
    out->kind = CK_BOOL;
    out->b = op == TK_ANDAND ? (a.b && b.b) : (a.b || b.b);
    out->type = a.type ? a.type : b.type;
    return true;
  }
  if (op == TK_SHL || op == TK_SHR) {
    if (a.kind == CK_FLOAT && a.exact && a.den == 1 && !a.type) {
      i128 n = a.num;
      const_int(&a, n);
    }
    if (b.kind == CK_FLOAT && b.exact && b.den == 1) { i128 n = b.num; const_int(&b, n); }
    if (a.kind != CK_INT || b.kind != CK_INT) return false;
    if (b.i < 0) { ERR(fs, at, "invalid shift count %s", const_str(&b)); return false; }
    *out = a;
    if (op == TK_SHR) {
      out->i = b.i >= 127 ? (a.i < 0 ? -1 : 0) : a.i >> (int)b.i;
    } else {
      if (a.i == 0) out->i = 0;
      else {
        if (b.i >= 126) { ERR(fs, at, "constant shift overflow"); return false; }
        i128 r = a.i << (int)b.i;
        if ((r >> (int)b.i) != a.i) { ERR(fs, at, "constant shift overflow"); return false; }
        out->i = r;
      }
    }
    if (out->type) {
      /* typed shifts wrap like run-time arithmetic would not: Go reports overflow */
      return check_typed(fs, at, out);
    }
    return true;
  }
  /* strings */
  if (a.kind == CK_STRING || b.kind == CK_STRING) {
    if (a.kind != CK_STRING || b.kind != CK_STRING) return false;
    if (op == TK_PLUS) {
      out->kind = CK_STRING;
      out->type = a.type ? a.type : b.type;
      char *s = GC_MALLOC_ATOMIC(a.slen + b.slen + 1);
      memcpy(s, a.s, a.slen);
      memcpy(s + a.slen, b.s, b.slen);
      s[a.slen + b.slen] = 0;
      out->s = s;
      out->slen = a.slen + b.slen;
      return true;
    }
    if (is_cmp(op)) {
      size_t n = a.slen < b.slen ? a.slen : b.slen;
      int c = memcmp(a.s, b.s, n);
      if (c == 0) c = a.slen < b.slen ? -1 : a.slen > b.slen ? 1 : 0;
      out->kind = CK_BOOL;
      out->b = cmp_result(op, c);
      return true;
    }
    return false;
  }
  if (a.kind == CK_BOOL || b.kind == CK_BOOL) {
    if (a.kind != b.kind) return false;
    if (op == TK_EQ || op == TK_NE) {
      out->kind = CK_BOOL;
      out->b = (a.b == b.b) == (op == TK_EQ);
      return true;
    }
    return false;
  }
  if ((a.kind != CK_INT && a.kind != CK_FLOAT) || (b.kind != CK_INT && b.kind != CK_FLOAT)) return false;
  /* result type */
  Type *rt = a.type ? a.type : b.type;
  bool rune = (a.rune || b.rune) && !rt;
  bool want_float = (rt && type_is_float(rt)) || (!rt && (a.kind == CK_FLOAT || b.kind == CK_FLOAT));
  if (rt && type_is_int(rt)) {
    /* a typed integer: the untyped operand must be an integral value */
    ConstVal *ops[2] = {&a, &b};
    for (int i = 0; i < 2; i++) {
      ConstVal *o = ops[i];
      if (o->kind == CK_FLOAT) {
        long double f = cv_float(o);
        if (f != floorl(f)) {
          ERR(fs, at, "%s (untyped float constant) truncated to %s", const_str(o), tname(rt));
          return false;
        }
        if (o->exact && o->den == 1) const_int(o, o->num);
        else const_int(o, (i128)f);
      }
    }
    want_float = false;
  }
  if ((op == TK_SLASH || op == TK_PERCENT) && const_is_zero(&b)) {
    ERR(fs, at, "invalid operation: division by zero");
    return false;
  }
  if (is_cmp(op)) {
    int c;
    if (a.kind == CK_INT && b.kind == CK_INT) c = a.i < b.i ? -1 : a.i > b.i;
    else {
      to_float(&a); to_float(&b);
      if (a.exact && b.exact) {
        i128 x, y;
        if (!__builtin_mul_overflow(a.num, b.den, &x) && !__builtin_mul_overflow(b.num, a.den, &y))
          c = x < y ? -1 : x > y;
        else { long double fa = cv_float(&a), fb = cv_float(&b); c = fa < fb ? -1 : fa > fb; }
      } else { long double fa = cv_float(&a), fb = cv_float(&b); c = fa < fb ? -1 : fa > fb; }
    }
    out->kind = CK_BOOL;
    out->b = cmp_result(op, c);
    return true;
  }
  if (!want_float) {
    if (a.kind != CK_INT || b.kind != CK_INT) return false;
    i128 r = 0;
    bool ovf = false;
    switch (op) {
    case TK_PLUS: ovf = __builtin_add_overflow(a.i, b.i, &r); break;
    case TK_MINUS: ovf = __builtin_sub_overflow(a.i, b.i, &r); break;
    case TK_STAR: ovf = __builtin_mul_overflow(a.i, b.i, &r); break;
    case TK_SLASH: r = a.i / b.i; break;
    case TK_PERCENT: r = a.i % b.i; break;
    case TK_AMP: r = a.i & b.i; break;
    case TK_OR: r = a.i | b.i; break;
    case TK_XOR: r = a.i ^ b.i; break;
    case TK_ANDNOT: r = a.i & ~b.i; break;
    default: return false;
    }
    if (ovf) { ERR(fs, at, "constant overflow"); return false; }
    const_int(out, r);
    out->type = rt;
    out->rune = rune;
    return check_typed(fs, at, out);
  }
  /* floats */
  if (op == TK_PERCENT || op == TK_AMP || op == TK_OR || op == TK_XOR || op == TK_ANDNOT) {
    ERR(fs, at, "invalid operation: operator %s not defined on untyped float", op == TK_PERCENT ? "%" : "bitwise");
    return false;
  }
  to_float(&a); to_float(&b);
  i128 rn, rd;
  if (a.exact && b.exact && rat_op(op, a.num, a.den, b.num, b.den, &rn, &rd) && rd != 0) {
    float_rat(out, rn, rd);
  } else {
    long double fa = cv_float(&a), fb = cv_float(&b), r = 0;
    switch (op) {
    case TK_PLUS: r = fa + fb; break;
    case TK_MINUS: r = fa - fb; break;
    case TK_STAR: r = fa * fb; break;
    case TK_SLASH: r = fa / fb; break;
    default: return false;
    }
    const_float(out, r);
  }
  out->type = rt;
  return true;
}

bool const_unary(FuncState *fs, Node *at, int op, const ConstVal *a, ConstVal *out) {
  *out = *a;
  switch (op) {
  case TK_PLUS:
    return a->kind == CK_INT || a->kind == CK_FLOAT;
  case TK_MINUS:
    if (a->kind == CK_INT) { out->i = -a->i; return check_typed(fs, at, out); }
    if (a->kind == CK_FLOAT) {
      if (a->exact) out->num = -a->num;
      out->f = -a->f;
      return true;
    }
    return false;
  case TK_NOT:
    if (a->kind != CK_BOOL) return false;
    out->b = !a->b;
    return true;
  case TK_XOR:
    if (a->kind != CK_INT) return false;
    if (a->type) {
      Type *u = underlying(a->type);
      i128 lo, hi;
      int_range(u, &lo, &hi);
      if (lo == 0) out->i = hi & ~a->i;   /* unsigned: flip within width */
      else out->i = ~a->i;
    } else out->i = ~a->i;
    return true;
  }
  return false;
}

static void utf8_encode(int64_t r, char *buf, size_t *n) {
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) { buf[0] = (char)r; *n = 1; }
  else if (r < 0x800) { buf[0] = (char)(0xC0 | (r >> 6)); buf[1] = (char)(0x80 | (r & 0x3F)); *n = 2; }
  else if (r < 0x10000) {
    buf[0] = (char)(0xE0 | (r >> 12)); buf[1] = (char)(0x80 | ((r >> 6) & 0x3F));
    buf[2] = (char)(0x80 | (r & 0x3F)); *n = 3;
  } else {
    buf[0] = (char)(0xF0 | (r >> 18)); buf[1] = (char)(0x80 | ((r >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((r >> 6) & 0x3F)); buf[3] = (char)(0x80 | (r & 0x3F)); *n = 4;
  }
}

bool const_convert(FuncState *fs, Node *at, const ConstVal *a, Type *t, ConstVal *out) {
  Type *u = underlying(t);
  if (!u) return false;
  *out = *a;
  out->rune = false;
  if (type_is_int(u)) {
    if (a->kind == CK_FLOAT) {
      long double f = cv_float(a);
      if (f != floorl(f)) {
        ERR(fs, at, "cannot convert %s (untyped float constant) to type %s (truncated)", const_str(a), tname(t));
        return false;
      }
      i128 v = (a->exact && a->den == 1) ? a->num : (i128)f;
      const_int(out, v);
    } else if (a->kind != CK_INT) return false;
    out->type = t;
    i128 lo, hi;
    int_range(u, &lo, &hi);
    if (out->i < lo || out->i > hi) {
      if (a->type) ERR(fs, at, "cannot convert %s (constant %s of type %s) to type %s", const_str(a), const_str(a), tname(a->type), tname(t));
      else ERR(fs, at, "cannot convert %s (untyped int constant) to type %s", const_str(a), tname(t));
      return false;
    }
    return true;
  }
  if (type_is_float(u)) {
    if (a->kind == CK_INT) { to_float(out); }
    else if (a->kind != CK_FLOAT) return false;
    out->type = t;
    if (u->kind == TY_FLOAT32) { float f = (float)cv_float(out); const_float(out, f); out->type = t; }
    return true;
  }
  if (u->kind == TY_STRING) {
    if (a->kind == CK_STRING) { out->type = t; return true; }
    if (a->kind == CK_INT) {
      char *buf = GC_MALLOC_ATOMIC(8);
      size_t n;
      utf8_encode(a->i > INT32_MAX || a->i < 0 ? 0xFFFD : (int64_t)a->i, buf, &n);
      buf[n] = 0;
      memset(out, 0, sizeof *out);
      out->kind = CK_STRING;
      out->s = buf;
      out->slen = n;
      out->type = t;
      return true;
    }
    return false;
  }
  if (u->kind == TY_BOOL) {
    if (a->kind != CK_BOOL) return false;
    out->type = t;
    return true;
  }
  return false;
}

static uint32_t aux_of(Type *t) {
  if (!t || t == type_int || t == type_float64 || t == T_STRING || t == type_bool) return 0;
  return t->id;
}

Value const_to_value(FuncState *fs, Node *at, const ConstVal *c0, Type *t) {
  ConstVal c = *c0;
  if (!t || !type_is_basic(t) || (c.type && !t)) t = const_default_type(&c);
  if (c.type) t = c.type;
  if (!t) return NIL_VAL;
  Type *u = underlying(t);
  Value v = NIL_VAL;
  if (type_is_int(u)) {
    if (c.kind == CK_FLOAT) {
      long double f = cv_float(&c);
      if (f != floorl(f)) {
        ERR(fs, at, "cannot use %s (untyped float constant) as %s value in assignment (truncated)", const_str(&c), tname(t));
        return INT_VAL(0);
      }
      i128 iv = (c.exact && c.den == 1) ? c.num : (i128)f;
      const_int(&c, iv);
    }
    if (c.kind != CK_INT) return NIL_VAL;
    i128 lo, hi;
    int_range(u, &lo, &hi);
    if (c.i < lo || c.i > hi) {
      if (c0->type) ERR(fs, at, "constant %s overflows %s", const_str(&c), tname(t));
      else {
        const char *txt = at ? node_name(at) : const_str(&c);
        const char *ctx = fs->C->ctx ? fs->C->ctx : "assignment";
        if (strcmp(txt, const_str(&c)) == 0)
          ERR(fs, at, "cannot use %s (untyped int constant) as %s value in %s (overflows)", txt, tname(t), ctx);
        else
          ERR(fs, at, "cannot use %s (untyped int constant %s) as %s value in %s (overflows)", txt, const_str(&c), tname(t), ctx);
      }
      return INT_VAL(0);
    }
    v = INT_VAL((int64_t)(uint64_t)(unsigned __int128)c.i);
    v.aux = aux_of(t);
    return v;
  }
  if (type_is_float(u)) {
    if (c.kind != CK_INT && c.kind != CK_FLOAT) return NIL_VAL;
    long double f = cv_float(&c);
    double d = (double)f;
    if (isinf(d) && !isinfl(f)) {
      ERR(fs, at, "cannot use %s (untyped float constant) as %s value in expression (overflows)", const_str(&c), tname(t));
    }
    if (u->kind == TY_FLOAT32) d = (float)d;
    v = FLOAT_VAL(d);
    v.aux = aux_of(t);
    return v;
  }
  if (u->kind == TY_STRING && c.kind == CK_STRING) {
    v = str_val_n(c.s, (int64_t)c.slen);
    v.aux = aux_of(t);
    return v;
  }
  if (u->kind == TY_BOOL && c.kind == CK_BOOL) {
    v = BOOL_VAL(c.b);
    v.aux = aux_of(t);
    return v;
  }
  if (u->kind == TY_INTERFACE) {
    Type *d = const_default_type(&c0[0]);
    if (d && d->kind != TY_INTERFACE) return const_to_value(fs, at, c0, d);
  }
  return v;
}

ConstVal const_from_value(Value v, Type *t, bool untyped) {
  ConstVal c;
  memset(&c, 0, sizeof c);
  switch (v.kind) {
  case VAL_INT: const_int(&c, (v.aux == TID_UINT64 || v.aux == TID_UINT) ? (i128)(uint64_t)v.as.i : (i128)v.as.i); break;
  case VAL_FLOAT: {
    /* exact when it is an integer or a short decimal */
    double d = v.as.f;
    if (d == floor(d) && fabs(d) < 1e30) float_rat(&c, (i128)d, 1);
    else const_float(&c, d);
    break;
  }
  case VAL_STR: c.kind = CK_STRING; c.s = AS_STR(v)->data; c.slen = (size_t)AS_STR(v)->len; break;
  case VAL_BOOL: c.kind = CK_BOOL; c.b = v.as.b; break;
  default: c.kind = CK_NONE; return c;
  }
  c.type = untyped ? NULL : t;
  return c;
}

/* ---- evaluation of constant expressions ---- */
extern int64_t compiler_current_iota(FuncState *fs);

bool const_eval(FuncState *fs, Node *e, ConstVal *out) {
  memset(out, 0, sizeof *out);
  if (!e) return false;
  switch (e->kind) {
  case N_INT: {
    i128 v;
    if (e->name && parse_int_text(e->name, &v)) { const_int(out, v); return true; }
    if (e->op == 1) { ERR(fs, e, "integer constant overflow"); const_int(out, 0); return true; }
    const_int(out, (i128)(uint64_t)e->ival);
    return true;
  }
  case N_FLOAT: {
    i128 n, d;
    if (parse_float_text(e->name, &n, &d)) float_rat(out, n, d);
    else {
      long double f = e->name ? strtold(e->name, NULL) : e->fval;
      if (e->name && strchr(e->name, '_')) f = e->fval;
      const_float(out, f);
    }
    return true;
  }
  case N_RUNE:
    const_int(out, e->ival);
    out->rune = true;
    return true;
  case N_STRING:
    out->kind = CK_STRING;
    out->s = e->str ? e->str : "";
    out->slen = e->str ? e->slen : 0;
    return true;
  case N_PAREN:
    return const_eval(fs, e->a, out);
  case N_IDENT: {
    Sym *s = scope_lookup(fs, fs->C, e->name);
    if (!s) return false;
    if (s->kind == SYM_CONST) {
      if (s->name == intern("iota") && s->cv.kind == CK_NONE) {
        int64_t io = compiler_current_iota(fs);
        if (io < 0) return false;
        const_int(out, io);
        return true;
      }
      *out = s->cv;
      return true;
    }
    return false;
  }
  case N_SELECTOR: {
    if (!e->a || e->a->kind != N_IDENT) return false;
    Sym *s = scope_lookup(fs, fs->C, e->a->name);
    if (!s || s->kind != SYM_PKG) return false;
    const PkgMember *m = api_lookup(s->pkgpath, e->name);
    if (!m || m->kind != MEMBER_VALUE) return false;
    if (m->value.kind != VAL_INT && m->value.kind != VAL_FLOAT && m->value.kind != VAL_STR &&
        m->value.kind != VAL_BOOL)
      return false;
    if (!m->untyped_const && !m->type) return false;
    *out = const_from_value(m->value, m->type, m->untyped_const);
    return true;
  }
  case N_UNARY: {
    if (e->op != TK_PLUS && e->op != TK_MINUS && e->op != TK_NOT && e->op != TK_XOR) return false;
    ConstVal a;
    if (!const_eval(fs, e->a, &a)) return false;
    return const_unary(fs, e, e->op, &a, out);
  }
  case N_BINARY: {
    ConstVal a, b;
    if (!const_eval(fs, e->a, &a)) return false;
    if (!const_eval(fs, e->b, &b)) return false;
    return const_binary(fs, e, e->op, &a, &b, out);
  }
  case N_CALL: {
    if (e->list.len != 1 || e->op) return false;
    int bi = builtin_of(fs, e->a);
    if (bi == BI_LEN) {
      ConstVal a;
      if (!const_eval(fs, e->list.items[0], &a) || a.kind != CK_STRING) return false;
      const_int(out, (i128)a.slen);
      return true;
    }
    if (bi) return false;
    Type *t = try_type(fs, e->a);
    if (!t || !type_is_basic(t)) return false;
    ConstVal a;
    if (!const_eval(fs, e->list.items[0], &a)) return false;
    return const_convert(fs, e, &a, t, out);
  }
  default:
    return false;
  }
}
