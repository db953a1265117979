/*
** constfold.c -- compile-time constants: evaluation of constant expressions,
** Go's untyped constant arithmetic, conversions and materialisation as Values.
**
** Like Go's go/constant: untyped integers are exact (Go requires at least
** 256 bits; larger than 512 bits is "constant overflow", as in gc); floats are
** exact rationals num/den * 2^exp2 while num and den stay below 4096 bits
** (so 0.1+0.2 == 0.3), else rounded to a 512-bit mantissa with a 64-bit
** binary exponent (so 1e400 or 1e-5000 are fine and 1e1000000000 is a
** malformed constant). Conversions to float64/float32 are correctly rounded.
** Typed constants are range-checked against their type after each operation.
** All numbers are immutable Bigs (Boehm-allocated limbs).
*/
#include "compiler/internal.h"
#include <string.h>
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <stdlib.h>

#define MAXEXP 4096          /* exact rationals while components have fewer bits */
#define FPREC 512            /* mantissa bits of the larger floats */
#define INT_PREC 512         /* untyped integers: more bits is "constant overflow" */

/* {====================================================================
** Big: sign-magnitude integers
** ===================================================================== */

static const Big BIG_ZERO = {NULL, 0, false};

static uint32_t *limbs(int n) {
  uint32_t *d = GC_MALLOC_ATOMIC(sizeof(uint32_t) * (size_t)(n > 0 ? n : 1));
  memset(d, 0, sizeof(uint32_t) * (size_t)(n > 0 ? n : 1));
  return d;
}

static Big big_norm(Big a) {
  while (a.n > 0 && a.d[a.n - 1] == 0) a.n--;
  if (a.n == 0) a.neg = false;
  return a;
}

static Big big_u128(unsigned __int128 u, bool neg) {
  Big r;
  r.d = limbs(4);
  r.n = 0;
  while (u) { r.d[r.n++] = (uint32_t)u; u >>= 32; }
  r.neg = neg;
  return big_norm(r);
}

static Big big_i128(i128 v) {
  bool neg = v < 0;
  unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
  return big_u128(u, neg);
}

static Big big_one(void) { return big_u128(1, false); }

static int big_bitlen(Big a) {
  if (a.n == 0) return 0;
  return (a.n - 1) * 32 + (32 - __builtin_clz(a.d[a.n - 1]));
}

static bool big_bit(Big a, int64_t i) {
  if (i < 0 || i / 32 >= a.n) return false;
  return (a.d[i / 32] >> (i % 32)) & 1;
}

static int big_tz(Big a) {
  for (int i = 0; i < a.n; i++)
    if (a.d[i]) return i * 32 + __builtin_ctz(a.d[i]);
  return 0;
}

static int mag_cmp(Big a, Big b) {
  if (a.n != b.n) return a.n < b.n ? -1 : 1;
  for (int i = a.n - 1; i >= 0; i--)
    if (a.d[i] != b.d[i]) return a.d[i] < b.d[i] ? -1 : 1;
  return 0;
}

static int big_cmp(Big a, Big b) {
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  int c = mag_cmp(a, b);
  return a.neg ? -c : c;
}

static Big mag_add(Big a, Big b) {
  int n = (a.n > b.n ? a.n : b.n) + 1;
  Big r = {limbs(n), n, false};
  uint64_t carry = 0;
  for (int i = 0; i < n; i++) {
    uint64_t s = carry + (i < a.n ? a.d[i] : 0) + (i < b.n ? b.d[i] : 0);
    r.d[i] = (uint32_t)s;
    carry = s >> 32;
  }
  return big_norm(r);
}

/* |a| - |b|, |a| >= |b| */
static Big mag_sub(Big a, Big b) {
  Big r = {limbs(a.n), a.n, false};
  int64_t borrow = 0;
  for (int i = 0; i < a.n; i++) {
    int64_t s = (int64_t)a.d[i] - (i < b.n ? b.d[i] : 0) - borrow;
    borrow = s < 0;
    r.d[i] = (uint32_t)(s + (borrow ? ((int64_t)1 << 32) : 0));
  }
  return big_norm(r);
}

static Big big_add(Big a, Big b) {
  Big r;
  if (a.neg == b.neg) { r = mag_add(a, b); r.neg = a.neg; return big_norm(r); }
  int c = mag_cmp(a, b);
  if (c == 0) return BIG_ZERO;
  if (c > 0) { r = mag_sub(a, b); r.neg = a.neg; }
  else { r = mag_sub(b, a); r.neg = b.neg; }
  return big_norm(r);
}

static Big big_neg(Big a) { if (a.n) a.neg = !a.neg; return a; }
static Big big_abs(Big a) { a.neg = false; return a; }
static Big big_sub(Big a, Big b) { return big_add(a, big_neg(b)); }

static Big big_mul(Big a, Big b) {
  if (!a.n || !b.n) return BIG_ZERO;
  int n = a.n + b.n;
  Big r = {limbs(n), n, a.neg != b.neg};
  for (int i = 0; i < a.n; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < b.n; j++) {
      uint64_t t = (uint64_t)a.d[i] * b.d[j] + r.d[i + j] + carry;
      r.d[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    r.d[i + b.n] = (uint32_t)carry;
  }
  return big_norm(r);
}

/* magnitude shifts (the sign is kept) */
static Big big_shl(Big a, int64_t k) {
  if (!a.n || k <= 0) return a;
  int64_t w = k / 32, s = k % 32;
  int n = a.n + (int)w + 1;
  Big r = {limbs(n), n, a.neg};
  for (int i = 0; i < a.n; i++) {
    uint64_t v = (uint64_t)a.d[i] << s;
    r.d[i + w] |= (uint32_t)v;
    r.d[i + w + 1] |= (uint32_t)(v >> 32);
  }
  return big_norm(r);
}

static Big big_shr_mag(Big a, int64_t k) {
  if (!a.n || k <= 0) return a;
  int64_t w = k / 32, s = k % 32;
  if (w >= a.n) return BIG_ZERO;
  int n = a.n - (int)w;
  Big r = {limbs(n), n, a.neg};
  for (int i = 0; i < n; i++) {
    uint64_t v = a.d[i + w];
    if (i + w + 1 < a.n) v |= (uint64_t)a.d[i + w + 1] << 32;
    r.d[i] = (uint32_t)(v >> s);
  }
  return big_norm(r);
}

/* |a| / d for a one-limb divisor; the remainder in *rem */
static Big mag_divsmall(Big a, uint32_t d, uint32_t *rem) {
  Big q = {limbs(a.n), a.n, false};
  uint64_t r = 0;
  for (int i = a.n - 1; i >= 0; i--) {
    uint64_t cur = (r << 32) | a.d[i];
    q.d[i] = (uint32_t)(cur / d);
    r = cur % d;
  }
  *rem = (uint32_t)r;
  return big_norm(q);
}

/* |a| / |b| (b != 0), truncated; *rem gets |a| mod |b|. Binary long division:
** the numbers here are at most a few thousand bits. */
static Big mag_divmod(Big a, Big b, Big *rem) {
  a.neg = b.neg = false;
  if (mag_cmp(a, b) < 0) { *rem = a; return BIG_ZERO; }
  if (b.n == 1) {
    uint32_t r;
    Big q = mag_divsmall(a, b.d[0], &r);
    *rem = big_u128(r, false);
    return q;
  }
  int rn = b.n + 1;
  uint32_t *R = limbs(rn);
  Big q = {limbs(a.n), a.n, false};
  for (int64_t i = (int64_t)big_bitlen(a) - 1; i >= 0; i--) {
    uint32_t carry = big_bit(a, i);
    for (int j = 0; j < rn; j++) {
      uint32_t nc = R[j] >> 31;
      R[j] = (R[j] << 1) | carry;
      carry = nc;
    }
    /* R >= b ? */
    int c = 0;
    for (int j = rn - 1; j >= 0 && c == 0; j--) {
      uint32_t bj = j < b.n ? b.d[j] : 0;
      if (R[j] != bj) c = R[j] < bj ? -1 : 1;
    }
    if (c >= 0) {
      int64_t borrow = 0;
      for (int j = 0; j < rn; j++) {
        int64_t s = (int64_t)R[j] - (j < b.n ? b.d[j] : 0) - borrow;
        borrow = s < 0;
        R[j] = (uint32_t)(s + (borrow ? ((int64_t)1 << 32) : 0));
      }
      q.d[i / 32] |= 1u << (i % 32);
    }
  }
  Big r = {R, rn, false};
  *rem = big_norm(r);
  return big_norm(q);
}

/* Go's truncated division: quotient toward zero, remainder with a's sign */
static Big big_quo(Big a, Big b, Big *rem) {
  Big r;
  Big q = mag_divmod(a, b, &r);
  q.neg = a.neg != b.neg;
  r.neg = a.neg;
  *rem = big_norm(r);
  return big_norm(q);
}

static Big big_gcd(Big a, Big b) {
  a.neg = b.neg = false;
  if (!a.n) return b;
  if (!b.n) return a;
  int za = big_tz(a), zb = big_tz(b);
  int k = za < zb ? za : zb;
  a = big_shr_mag(a, za);
  for (;;) {
    b = big_shr_mag(b, big_tz(b));
    if (mag_cmp(a, b) > 0) { Big t = a; a = b; b = t; }
    b = mag_sub(b, a);
    if (!b.n) break;
  }
  return big_shl(a, k);
}

static bool big_is_one(Big a) { return a.n == 1 && a.d[0] == 1 && !a.neg; }

/* the value saturated to the i128 range (for the ConstVal.i mirror) */
static i128 big_to_i128_sat(Big a) {
  if (big_bitlen(a) > 126) {
    i128 max = (i128)(((unsigned __int128)1 << 127) - 1);
    return a.neg ? -max : max;
  }
  unsigned __int128 u = 0;
  for (int i = a.n - 1; i >= 0; i--) u = (u << 32) | a.d[i];
  return a.neg ? -(i128)u : (i128)u;
}

static bool big_fits_i64(Big a, int64_t *out) {
  if (big_bitlen(a) > 64) return false;
  uint64_t u = 0;
  for (int i = a.n - 1; i >= 0; i--) u = (u << 32) | a.d[i];
  if (a.neg) {
    if (u > (uint64_t)1 << 63) return false;
    *out = (int64_t)(0 - u);
  } else {
    if (u > (uint64_t)INT64_MAX) return false;
    *out = (int64_t)u;
  }
  return true;
}

static char *big_str(Big a) {
  size_t cap = (size_t)big_bitlen(a) * 10 / 33 + 16;
  char *tmp = GC_MALLOC_ATOMIC(cap), *out = GC_MALLOC_ATOMIC(cap + 1);
  size_t k = 0;
  Big m = big_abs(a);
  if (!m.n) tmp[k++] = '0';
  while (m.n) {
    uint32_t r;
    m = mag_divsmall(m, 1000000000u, &r);
    for (int j = 0; j < 9 && (m.n || r); j++) { tmp[k++] = (char)('0' + r % 10); r /= 10; }
  }
  size_t j = 0;
  if (a.neg) out[j++] = '-';
  while (k > 0) out[j++] = tmp[--k];
  out[j] = 0;
  return out;
}

/* two's complement in n limbs (n large enough) */
static uint32_t *big_twos(Big a, int n) {
  uint32_t *d = limbs(n);
  for (int i = 0; i < a.n && i < n; i++) d[i] = a.d[i];
  if (a.neg) {
    uint64_t carry = 1;
    for (int i = 0; i < n; i++) {
      uint64_t v = (uint64_t)(uint32_t)~d[i] + carry;
      d[i] = (uint32_t)v;
      carry = v >> 32;
    }
  }
  return d;
}

static Big big_from_twos(uint32_t *d, int n) {
  bool neg = d[n - 1] >> 31;
  if (neg) {
    uint64_t carry = 1;
    for (int i = 0; i < n; i++) {
      uint64_t v = (uint64_t)(uint32_t)~d[i] + carry;
      d[i] = (uint32_t)v;
      carry = v >> 32;
    }
  }
  Big r = {d, n, neg};
  return big_norm(r);
}

static Big big_bitop(int op, Big a, Big b) {
  int n = (a.n > b.n ? a.n : b.n) + 1;
  uint32_t *x = big_twos(a, n), *y = big_twos(b, n);
  for (int i = 0; i < n; i++) {
    switch (op) {
    case TK_AMP: x[i] &= y[i]; break;
    case TK_OR: x[i] |= y[i]; break;
    case TK_XOR: x[i] ^= y[i]; break;
    case TK_ANDNOT: x[i] &= ~y[i]; break;
    }
  }
  return big_from_twos(x, n);
}

/* arithmetic shift right: floor(a / 2^k) */
static Big big_sar(Big a, int64_t k) {
  if (!a.neg) return big_shr_mag(a, k);
  /* -(((|a| - 1) >> k) + 1) */
  Big m = big_sub(big_abs(a), big_one());
  m = big_shr_mag(m, k);
  return big_neg(big_add(m, big_one()));
}

/* }==================================================================== */

/* {====================================================================
** Constant values: helpers, floats, text
** ===================================================================== */

static void set_int(ConstVal *c, Big v) {
  c->kind = CK_INT;
  c->num = v;
  c->den = BIG_ZERO;
  c->exp2 = 0;
  c->i = big_to_i128_sat(v);
}

void const_int(ConstVal *c, i128 v) {
  memset(c, 0, sizeof *c);
  set_int(c, big_i128(v));
}

static void int_of_big(ConstVal *c, Big v) {
  memset(c, 0, sizeof *c);
  set_int(c, v);
}

/* num/den (num >= 0, den > 0) ~= m * 2^e with m of exactly prec bits,
** rounded to nearest, ties to even. */
static void rat_round(Big num, Big den, int prec, Big *m, int64_t *e) {
  num.neg = den.neg = false;
  if (!num.n) { *m = BIG_ZERO; *e = 0; return; }
  int64_t s = (int64_t)prec + 2 - ((int64_t)big_bitlen(num) - big_bitlen(den));
  Big a = num, b = den, r;
  if (s >= 0) a = big_shl(a, s);
  else b = big_shl(b, -s);
  Big q = mag_divmod(a, b, &r);
  bool sticky = r.n != 0;
  int64_t extra = (int64_t)big_bitlen(q) - prec;
  int64_t ex = -s;
  if (extra > 0) {
    bool half = big_bit(q, extra - 1);
    for (int64_t k = 0; k < extra - 1 && !sticky; k++) if (big_bit(q, k)) sticky = true;
    q = big_shr_mag(q, extra);
    ex += extra;
    if (half && (sticky || big_bit(q, 0))) q = mag_add(q, big_one());
    if (big_bitlen(q) > prec) { q = big_shr_mag(q, 1); ex++; }
  }
  *m = q;
  *e = ex;
}

/* A float in canonical form: odd num and den (powers of two in exp2),
** reduced; rounded to FPREC bits once a component reaches MAXEXP bits. */
static void flt_norm(ConstVal *c) {
  c->kind = CK_FLOAT;
  if (!c->num.n) { c->num = BIG_ZERO; c->den = big_one(); c->exp2 = 0; return; }
  if (!c->den.n) c->den = big_one();
  if (c->den.neg) { c->den.neg = false; c->num = big_neg(c->num); }
  int z = big_tz(c->num);
  if (z) { c->num = big_shr_mag(c->num, z); c->exp2 += z; }
  z = big_tz(c->den);
  if (z) { c->den = big_shr_mag(c->den, z); c->exp2 -= z; }
  if (!big_is_one(c->den)) {
    Big g = big_gcd(c->num, c->den), r;
    if (!big_is_one(g)) {
      bool neg = c->num.neg;
      c->num = mag_divmod(c->num, g, &r);
      c->num.neg = neg;
      c->num = big_norm(c->num);
      c->den = mag_divmod(c->den, g, &r);
    }
  }
  if (big_bitlen(c->num) >= MAXEXP || big_bitlen(c->den) >= MAXEXP) {
    bool neg = c->num.neg;
    Big m;
    int64_t e;
    rat_round(c->num, c->den, FPREC, &m, &e);
    int z2 = big_tz(m);
    m = big_shr_mag(m, z2);
    m.neg = neg;
    c->num = big_norm(m);
    c->den = big_one();
    c->exp2 += e + z2;
  }
}

static void flt_from(ConstVal *c, Big num, Big den, int64_t exp2) {
  memset(c, 0, sizeof *c);
  c->num = num;
  c->den = den;
  c->exp2 = exp2;
  flt_norm(c);
}

void const_float(ConstVal *c, long double f) {
  memset(c, 0, sizeof *c);
  if (f == 0 || !isfinite(f)) { flt_from(c, BIG_ZERO, big_one(), 0); return; }
  int e;
  long double m = frexpl(fabsl(f), &e);   /* [0.5, 1) */
  uint64_t mant = (uint64_t)ldexpl(m, 64);
  flt_from(c, big_u128(mant, f < 0), big_one(), (int64_t)e - 64);
}

static void to_float(ConstVal *c) {
  if (c->kind != CK_INT) return;
  Type *t = c->type;
  flt_from(c, c->num, big_one(), 0);
  c->type = t;
}

static bool flt_is_int(const ConstVal *c) { return big_is_one(c->den) && c->exp2 >= 0; }

/* the integer value of an integral float, if it has at most maxbits bits */
static bool flt_to_big(const ConstVal *c, Big *out, int64_t maxbits) {
  if (!flt_is_int(c)) return false;
  if ((int64_t)big_bitlen(c->num) + c->exp2 > maxbits) return false;
  *out = big_shl(c->num, c->exp2);
  return true;
}

bool const_is_zero(const ConstVal *c) {
  return (c->kind == CK_INT || c->kind == CK_FLOAT) && c->num.n == 0;
}

bool cv_negative(const ConstVal *c) {
  return (c->kind == CK_INT || c->kind == CK_FLOAT) && c->num.neg;
}

/* correctly rounded binary value: |c| ~= m * 2^e with prec bits */
static void cv_round(const ConstVal *c, int prec, uint64_t *m, int64_t *e) {
  Big den = c->kind == CK_FLOAT ? c->den : big_one();
  Big bm;
  rat_round(c->num, den, prec, &bm, e);
  if (c->kind == CK_FLOAT) *e += c->exp2;
  uint64_t u = 0;
  for (int i = bm.n - 1; i >= 0; i--) u = (u << 32) | bm.d[i];
  *m = u;
}

static double cv_double(const ConstVal *c) {
  if (!c->num.n) return 0;
  uint64_t m;
  int64_t e;
  cv_round(c, 53, &m, &e);
  double d = e > 2000 ? INFINITY : e < -2200 ? 0.0 : ldexp((double)m, (int)e);
  return c->num.neg ? -d : d;
}

static float cv_float32(const ConstVal *c) {
  if (!c->num.n) return 0;
  uint64_t m;
  int64_t e;
  cv_round(c, 24, &m, &e);
  double d = e > 400 ? INFINITY : e < -400 ? 0.0 : ldexp((double)m, (int)e);
  float f = (float)d;
  return c->num.neg ? -f : f;
}

/* go/constant's String for floats: %.6g of the float64 value when that is in
** range, else an approximate decimal mantissa and exponent ("1e+400"). */
static const char *float_str(const ConstVal *c) {
  char *buf = GC_MALLOC_ATOMIC(64);
  double d = cv_double(c);
  bool zero = c->num.n == 0;
  if (!isinf(d) && zero == (d == 0)) { snprintf(buf, 64, "%.6g", d); return buf; }
  uint64_t m;
  int64_t e;
  cv_round(c, 53, &m, &e);
  double mant = ldexp((double)m, -53);   /* [0.5, 1) */
  if (c->num.neg) mant = -mant;
  double dd = (double)(e + 53) * (M_LN2 / M_LN10);
  int64_t ee = (int64_t)dd;
  mant *= pow(10, dd - (double)ee);
  double am = fabs(mant);
  if (am < 1 - 0.5e-6) { mant *= 10; ee--; }
  else if (am >= 10) { mant /= 10; ee++; }
  snprintf(buf, 64, "%.6ge%+lld", mant, (long long)ee);
  return buf;
}

const char *const_str(const ConstVal *c) {
  char *buf;
  switch (c->kind) {
  case CK_INT: return big_str(c->num);
  case CK_FLOAT: return float_str(c);
  case CK_BOOL: return c->b ? "true" : "false";
  case CK_STRING:
    buf = GC_MALLOC_ATOMIC(128);
    snprintf(buf, 128, "%.100s", c->s);
    return buf;
  default: return "nil";
  }
}

/* Go's operand description of a constant: "untyped int constant", "untyped
** float constant 1e+400", "constant 300 of type int8" (the value is left out
** when it reads like the expression's text). */
static const char *cdesc(const ConstVal *c, const char *txt, const char *val) {
  char *buf = GC_MALLOC_ATOMIC(strlen(val) + 100);
  bool same = txt && strcmp(txt, val) == 0;
  if (c->type) {
    if (same) sprintf(buf, "constant of type %s", tstr(c->type));
    else sprintf(buf, "constant %s of type %s", val, tstr(c->type));
    return buf;
  }
  const char *k = c->rune ? "rune" : c->kind == CK_INT ? "int" : c->kind == CK_FLOAT ? "float"
                  : c->kind == CK_STRING ? "string" : "bool";
  if (same) sprintf(buf, "untyped %s constant", k);
  else sprintf(buf, "untyped %s constant %s", k, val);
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

/* A type as gc's messages write it: types of package main unqualified. */
static const char *tname(Type *t) {
  const char *s = t ? tstr(t) : "?";
  if (!strstr(s, "main.")) return s;
  size_t n = strlen(s), k = 0;
  char *out = GC_MALLOC_ATOMIC(n + 1);
  for (size_t i = 0; i < n;) {
    char p = i ? s[i - 1] : ' ';
    bool word_start = !(p == '_' || p == '.' || (p >= '0' && p <= '9') || (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z'));
    if (word_start && strncmp(s + i, "main.", 5) == 0) { i += 5; continue; }
    out[k++] = s[i++];
  }
  out[k] = 0;
  return out;
}

/* Check a typed constant fits its type; typed floats are rounded to it. */
static bool check_typed(FuncState *fs, Node *at, ConstVal *c) {
  if (!c->type) return true;
  i128 lo, hi;
  if (c->kind == CK_INT && int_range(c->type, &lo, &hi)) {
    if (c->i < lo || c->i > hi) {
      ERR(fs, at, "%s (constant %s of type %s) overflows %s", at ? node_name(at) : const_str(c),
          const_str(c), tname(c->type), tname(underlying(c->type)));
      return false;
    }
  }
  Type *u = underlying(c->type);
  if (c->kind == CK_FLOAT && u && (u->kind == TY_FLOAT32 || u->kind == TY_FLOAT64)) {
    double d = u->kind == TY_FLOAT32 ? (double)cv_float32(c) : cv_double(c);
    if (isinf(d)) {
      ERR(fs, at, "%s (constant %s of type %s) overflows %s", at ? node_name(at) : const_str(c),
          const_str(c), tname(c->type), tname(underlying(c->type)));
      return false;
    }
    Type *t = c->type;
    const_float(c, d);
    c->type = t;
  }
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Literals
** ===================================================================== */

static Big big_muladd_small(Big a, uint32_t m, uint32_t add) {
  Big r = {limbs(a.n + 1), a.n + 1, false};
  uint64_t carry = add;
  for (int i = 0; i < a.n; i++) {
    uint64_t t = (uint64_t)a.d[i] * m + carry;
    r.d[i] = (uint32_t)t;
    carry = t >> 32;
  }
  r.d[a.n] = (uint32_t)carry;
  return big_norm(r);
}

static bool parse_int_text(const char *s, Big *out) {
  int base = 10;
  const char *p = s;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; }
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) { base = 2; p += 2; }
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) { base = 8; p += 2; }
  else if (p[0] == '0' && p[1]) { base = 8; p += 1; }
  Big v = BIG_ZERO;
  for (; *p; p++) {
    int d;
    if (*p == '_') continue;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (*p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
    else if (*p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
    else return false;
    if (d >= base) return false;
    v = big_muladd_small(v, (uint32_t)base, (uint32_t)d);
  }
  *out = v;
  return true;
}

static void flt_mul(const ConstVal *a, const ConstVal *b, ConstVal *out) {
  flt_from(out, big_mul(a->num, b->num), big_mul(a->den, b->den), a->exp2 + b->exp2);
}

/* 10^k as a float (exact while small, else rounded to FPREC bits) */
static void pow10_float(int64_t k, ConstVal *out) {
  ConstVal base, acc;
  flt_from(&acc, big_one(), big_one(), 0);
  flt_from(&base, big_u128(5, false), big_one(), 0);
  for (int64_t e = k; e > 0; e >>= 1) {
    if (e & 1) { ConstVal t; flt_mul(&acc, &base, &t); acc = t; }
    if (e > 1) { ConstVal t; flt_mul(&base, &base, &t); base = t; }
  }
  acc.exp2 += k;   /* 10^k = 5^k * 2^k */
  *out = acc;
}

/* A float literal: 1 ok, 0 not understood, -1 malformed (out of range). */
static int parse_float_text(const char *s, ConstVal *out) {
  if (!s) return 0;
  const char *p = s;
  bool hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
  if (hex) p += 2;
  Big m = BIG_ZERO;
  int64_t frac = 0, ndig = 0;
  bool dot = false;
  for (; *p; p++) {
    if (*p == '_') continue;
    if (*p == '.') { dot = true; continue; }
    int d;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (hex && *p >= 'a' && *p <= 'f') d = *p - 'a' + 10;
    else if (hex && *p >= 'A' && *p <= 'F') d = *p - 'A' + 10;
    else break;
    m = big_muladd_small(m, hex ? 16 : 10, (uint32_t)d);
    if (m.n) ndig++;
    if (dot) frac++;
  }
  int64_t e = 0;
  if ((!hex && (*p == 'e' || *p == 'E')) || (hex && (*p == 'p' || *p == 'P'))) {
    p++;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+') p++;
    for (; *p; p++) {
      if (*p == '_') continue;
      if (*p < '0' || *p > '9') return 0;
      if (e < (int64_t)1 << 40) e = e * 10 + (*p - '0');
    }
    if (neg) e = -e;
  }
  if (*p) return 0;
  if (hex) {
    flt_from(out, m, big_one(), e - 4 * frac);
    return 1;
  }
  int64_t e10 = e - frac;
  if (!m.n) { flt_from(out, BIG_ZERO, big_one(), 0); return 1; }
  /* big.Float's exponent is an int32 (in bits): beyond it Go has no value */
  int64_t mag10 = ndig + e10;
  if (mag10 > 646456993) return -1;
  if (mag10 < -646457000) { flt_from(out, BIG_ZERO, big_one(), 0); return 1; }
  if (e10 >= -1300 && e10 <= 1300) {
    Big p10 = big_one(), ten = big_u128(10, false);
    for (int64_t k = e10 < 0 ? -e10 : e10, i = 0; i < k; i++) p10 = big_mul(p10, ten);
    if (e10 >= 0) flt_from(out, big_mul(m, p10), big_one(), 0);
    else flt_from(out, m, p10, 0);
    return 1;
  }
  ConstVal pw, mv;
  pow10_float(e10 < 0 ? -e10 : e10, &pw);
  flt_from(&mv, m, big_one(), 0);
  if (e10 >= 0) flt_mul(&mv, &pw, out);
  else flt_from(out, big_mul(mv.num, pw.den), big_mul(mv.den, pw.num), mv.exp2 - pw.exp2);
  return 1;
}

/* }==================================================================== */

/* {====================================================================
** Arithmetic
** ===================================================================== */

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

/* gc's names of operations that can overflow ("constant addition overflow") */
static const char *op_name(int op) {
  switch (op) {
  case TK_PLUS: return "addition";
  case TK_MINUS: return "subtraction";
  case TK_STAR: return "multiplication";
  case TK_XOR: return "bitwise XOR";
  case TK_SHL: return "shift";
  default: return "";
  }
}

/* gc reports an overflowing operation at its operator: find it in the source
** just before the right operand (falls back to the expression's start). */
static Node *op_pos(FuncState *fs, Node *at, Node *tmp) {
  if (!at || at->kind != N_BINARY || !at->b || !fs->C->diag || !fs->C->diag->src) return at;
  const char *tok = at->op == TK_PLUS ? "+" : at->op == TK_MINUS ? "-" : at->op == TK_STAR ? "*"
                    : at->op == TK_XOR ? "^" : at->op == TK_SHL ? "<<" : NULL;
  if (!tok) return at;
  const char *src = fs->C->diag->src;
  size_t len = fs->C->diag->srclen, off = 0;
  int line = 1;
  while (off < len && line < at->b->line) { if (src[off] == '\n') line++; off++; }
  off += (size_t)(at->b->col > 0 ? at->b->col - 1 : 0);
  if (off > len) return at;
  size_t tl = strlen(tok), p = off;
  while (p > 0 && (src[p - 1] == ' ' || src[p - 1] == '\t' || src[p - 1] == '\n' || src[p - 1] == '\r')) p--;
  if (p < tl || memcmp(src + p - tl, tok, tl) != 0) return at;
  p -= tl;
  *tmp = *at;
  tmp->line = 1;
  size_t bol = 0;
  for (size_t k = 0; k < p; k++) if (src[k] == '\n') { tmp->line++; bol = k + 1; }
  tmp->col = (int)(p - bol) + 1;
  return tmp;
}

/* log2 of |x| roughly (floats in canonical form) */
static int64_t flt_mag(const ConstVal *x) {
  return (int64_t)big_bitlen(x->num) - big_bitlen(x->den) + x->exp2;
}

/* a op b on floats (both CK_FLOAT) */
static void flt_op(int op, const ConstVal *a, const ConstVal *b, ConstVal *out) {
  switch (op) {
  case TK_PLUS: case TK_MINUS: {
    if (!b->num.n) { *out = *a; return; }
    if (!a->num.n) { *out = *b; if (op == TK_MINUS) out->num = big_neg(out->num); return; }
    int64_t e = a->exp2 < b->exp2 ? a->exp2 : b->exp2;
    int64_t da = a->exp2 - e, db = b->exp2 - e;
    if (da > 3 * MAXEXP || db > 3 * MAXEXP) {
      /* far apart: the smaller one is below the precision of the larger */
      if (flt_mag(a) >= flt_mag(b)) *out = *a;
      else { *out = *b; if (op == TK_MINUS) out->num = big_neg(out->num); }
      return;
    }
    Big na = big_mul(big_shl(a->num, da), b->den);
    Big nb = big_mul(big_shl(b->num, db), a->den);
    flt_from(out, op == TK_PLUS ? big_add(na, nb) : big_sub(na, nb), big_mul(a->den, b->den), e);
    return;
  }
  case TK_STAR:
    flt_mul(a, b, out);
    return;
  case TK_SLASH: {
    Big den = big_mul(a->den, b->num);
    flt_from(out, big_mul(a->num, b->den), den, a->exp2 - b->exp2);
    return;
  }
  }
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
    Big v;
    if (a.kind == CK_FLOAT && !a.type && flt_to_big(&a, &v, 100000)) { bool r = a.rune; int_of_big(&a, v); a.rune = r; }
    if (b.kind == CK_FLOAT && flt_to_big(&b, &v, 100000)) int_of_big(&b, v);
    if (a.kind != CK_INT || b.kind != CK_INT) return false;
    if (b.num.neg) {
      const char *txt = at && at->kind == N_BINARY ? node_name(at->b) : const_str(&b);
      ERR(fs, at && at->kind == N_BINARY ? at->b : at, "invalid operation: negative shift count %s (%s)", txt,
          cdesc(&b, txt, const_str(&b)));
      return false;
    }
    int64_t s;
    if (!big_fits_i64(b.num, &s) || s > 1023 - 1 + 52) {
      const char *txt = at && at->kind == N_BINARY ? node_name(at->b) : const_str(&b);
      ERR(fs, at && at->kind == N_BINARY ? at->b : at, "invalid operation: invalid shift count %s (%s)", txt,
          cdesc(&b, txt, const_str(&b)));
      return false;
    }
    Type *t = a.type;
    bool rune = a.rune;
    int_of_big(out, op == TK_SHR ? big_sar(a.num, s) : big_shl(a.num, s));
    out->type = t;
    out->rune = rune;
    if (!t && big_bitlen(out->num) > INT_PREC) {
      Node tmp;
      ERR(fs, op_pos(fs, at, &tmp), "constant shift overflow");
      return false;
    }
    return check_typed(fs, at, out);
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
        Big v;
        if (!flt_to_big(o, &v, 100000)) {
          ERR(fs, at, "%s (untyped float constant) truncated to %s", const_str(o), tname(rt));
          return false;
        }
        Type *ot = o->type;
        int_of_big(o, v);
        o->type = ot;
      }
    }
    want_float = false;
  }
  if ((op == TK_SLASH || op == TK_PERCENT) && const_is_zero(&b)) {
    ERR(fs, at && at->kind == N_BINARY && at->b ? at->b : at, "invalid operation: division by zero");
    return false;
  }
  if (is_cmp(op)) {
    int c;
    if (a.kind == CK_INT && b.kind == CK_INT) c = big_cmp(a.num, b.num);
    else {
      to_float(&a); to_float(&b);
      ConstVal d;
      flt_op(TK_MINUS, &a, &b, &d);
      c = !d.num.n ? 0 : d.num.neg ? -1 : 1;
    }
    out->kind = CK_BOOL;
    out->b = cmp_result(op, c);
    return true;
  }
  if (!want_float) {
    if (a.kind != CK_INT || b.kind != CK_INT) return false;
    Big r = BIG_ZERO, rem;
    int64_t x, y;
    switch (op) {
    case TK_PLUS: r = big_add(a.num, b.num); break;
    case TK_MINUS: r = big_sub(a.num, b.num); break;
    case TK_STAR: r = big_mul(a.num, b.num); break;
    case TK_SLASH:
      /* go/constant divides int64-sized values in int64: MinInt64 / -1 wraps */
      if (big_fits_i64(a.num, &x) && big_fits_i64(b.num, &y) && x == INT64_MIN && y == -1) r = a.num;
      else r = big_quo(a.num, b.num, &rem);
      break;
    case TK_PERCENT: big_quo(a.num, b.num, &rem); r = rem; break;
    case TK_AMP: case TK_OR: case TK_XOR: case TK_ANDNOT: r = big_bitop(op, a.num, b.num); break;
    default: return false;
    }
    int_of_big(out, r);
    out->type = rt;
    out->rune = rune;
    if (!rt && big_bitlen(r) > INT_PREC) {
      Node tmp;
      ERR(fs, op_pos(fs, at, &tmp), "constant %s overflow", op_name(op));
      return false;
    }
    return check_typed(fs, at, out);
  }
  /* floats */
  if (op == TK_PERCENT || op == TK_AMP || op == TK_OR || op == TK_XOR || op == TK_ANDNOT) {
    const char *opt = op == TK_PERCENT ? "%" : op == TK_AMP ? "&" : op == TK_OR ? "|" : op == TK_XOR ? "^" : "&^";
    if (at && at->kind == N_BINARY) {
      ConstVal fa = a;
      to_float(&fa);
      const char *txt = node_name(at->a);
      ERR(fs, at, "invalid operation: operator %s not defined on %s (%s)", opt, txt, cdesc(&fa, txt, const_str(&fa)));
    } else ERR(fs, at, "invalid operation: operator %s not defined on untyped float", opt);
    return false;
  }
  to_float(&a); to_float(&b);
  if (op != TK_PLUS && op != TK_MINUS && op != TK_STAR && op != TK_SLASH) return false;
  flt_op(op, &a, &b, out);
  out->type = rt;
  return check_typed(fs, at, out);
}

bool const_unary(FuncState *fs, Node *at, int op, const ConstVal *a, ConstVal *out) {
  *out = *a;
  switch (op) {
  case TK_PLUS:
    return a->kind == CK_INT || a->kind == CK_FLOAT;
  case TK_MINUS:
    if (a->kind == CK_INT) { set_int(out, big_neg(a->num)); return check_typed(fs, at, out); }
    if (a->kind == CK_FLOAT) { out->num = big_neg(a->num); return true; }
    return false;
  case TK_NOT:
    if (a->kind != CK_BOOL) return false;
    out->b = !a->b;
    return true;
  case TK_XOR:
    if (a->kind != CK_INT) return false;
    if (a->type) {
      i128 lo, hi;
      if (int_range(underlying(a->type), &lo, &hi) && lo == 0) {
        set_int(out, big_bitop(TK_XOR, big_i128(hi), a->num));   /* unsigned: flip within width */
        return true;
      }
    }
    set_int(out, big_sub(big_neg(a->num), big_one()));   /* ^x == -x - 1 */
    return true;
  }
  return false;
}

/* }==================================================================== */

/* {====================================================================
** Conversions and values
** ===================================================================== */
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

/* gc reports a failed constant conversion at its argument */
static Node *conv_arg_node(Node *at) {
  if (at && at->kind == N_CALL && at->list.len == 1) return at->list.items[0];
  return at;
}

/* the source text of a conversion's argument (for messages) */
static const char *conv_arg_text(Node *at, const ConstVal *a) {
  if (at && at->kind == N_CALL && at->list.len == 1) return node_name(at->list.items[0]);
  return const_str(a);
}

bool const_convert(FuncState *fs, Node *at, const ConstVal *a, Type *t, ConstVal *out) {
  Type *u = underlying(t);
  if (!u) return false;
  *out = *a;
  out->rune = false;
  if (type_is_int(u)) {
    Big v;
    const char *val = NULL;
    if (a->kind == CK_FLOAT) {
      if (!flt_to_big(a, &v, 20000)) {
        const char *txt = conv_arg_text(at, a);
        ERR(fs, conv_arg_node(at), "cannot convert %s (%s) to type %s", txt, cdesc(a, txt, const_str(a)), tname(t));
        return false;
      }
      val = big_str(v);   /* Go shows the value already made an integer */
    } else if (a->kind == CK_INT) v = a->num;
    else return false;
    int_of_big(out, v);
    out->type = t;
    i128 lo, hi;
    int_range(u, &lo, &hi);
    if (big_bitlen(v) > 126 || out->i < lo || out->i > hi) {
      const char *txt = conv_arg_text(at, a);
      ERR(fs, conv_arg_node(at), "cannot convert %s (%s) to type %s", txt, cdesc(a, txt, val ? val : const_str(a)), tname(t));
      return false;
    }
    return true;
  }
  if (type_is_float(u)) {
    if (a->kind == CK_INT) to_float(out);
    else if (a->kind != CK_FLOAT) return false;
    double d = u->kind == TY_FLOAT32 ? (double)cv_float32(out) : cv_double(out);
    if (isinf(d)) {
      const char *txt = conv_arg_text(at, a);
      ERR(fs, conv_arg_node(at), "cannot convert %s (%s) to type %s", txt, cdesc(a, txt, const_str(a)), tname(t));
      return false;
    }
    const_float(out, d);   /* typed float constants are rounded to their type */
    out->type = t;
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
  const char *ctx = fs->C->ctx ? fs->C->ctx : "assignment";
  if (type_is_int(u)) {
    Big big;
    if (c.kind == CK_FLOAT) {
      i128 lo, hi;
      int_range(u, &lo, &hi);
      bool ok = flt_to_big(&c, &big, 200);
      if (ok) {
        ConstVal iv;
        int_of_big(&iv, big);
        ok = iv.i >= lo && iv.i <= hi;
      }
      if (!ok) {
        /* gc: an untyped float that is not a valid integer of the type is "truncated" */
        const char *txt = at ? node_name(at) : const_str(&c);
        ERR(fs, at, "cannot use %s (%s) as %s value in %s (truncated)", txt, cdesc(&c, txt, const_str(&c)),
            tname(t), ctx);
        return INT_VAL(0);
      }
      Type *ct = c.type;
      int_of_big(&c, big);
      c.type = ct;
    }
    if (c.kind != CK_INT) return NIL_VAL;
    i128 lo, hi;
    int_range(u, &lo, &hi);
    if (big_bitlen(c.num) > 126 || c.i < lo || c.i > hi) {
      if (c0->type) ERR(fs, at, "constant %s overflows %s", const_str(&c), tname(t));
      else {
        const char *txt = at ? node_name(at) : const_str(&c);
        ERR(fs, at, "cannot use %s (%s) as %s value in %s (overflows)", txt, cdesc(&c, txt, const_str(&c)),
            tname(t), ctx);
      }
      return INT_VAL(0);
    }
    v = INT_VAL((int64_t)(uint64_t)(unsigned __int128)c.i);
    v.aux = aux_of(t);
    return v;
  }
  if (type_is_float(u)) {
    if (c.kind != CK_INT && c.kind != CK_FLOAT) return NIL_VAL;
    double d = u->kind == TY_FLOAT32 ? (double)cv_float32(&c) : cv_double(&c);
    if (isinf(d)) {
      if (c0->type) ERR(fs, at, "constant %s overflows %s", const_str(&c), tname(t));
      else {
        const char *txt = at ? node_name(at) : const_str(&c);
        ERR(fs, at, "cannot use %s (%s) as %s value in %s (overflows)", txt, cdesc(&c, txt, const_str(&c)),
            tname(t), ctx);
      }
      d = 0;
    }
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
  case VAL_INT:
    const_int(&c, (v.aux == TID_UINT64 || v.aux == TID_UINT || v.aux == TID_UINTPTR)
                      ? (i128)(uint64_t)v.as.i : (i128)v.as.i);
    break;
  case VAL_FLOAT: const_float(&c, v.as.f); break;
  case VAL_STR: c.kind = CK_STRING; c.s = AS_STR(v)->data; c.slen = (size_t)AS_STR(v)->len; break;
  case VAL_BOOL: c.kind = CK_BOOL; c.b = v.as.b; break;
  default: c.kind = CK_NONE; return c;
  }
  c.type = untyped ? NULL : t;
  return c;
}

/* }==================================================================== */

/* {====================================================================
** Evaluation of constant expressions
** ===================================================================== */
extern int64_t compiler_current_iota(FuncState *fs);

/* Binary expressions found not to be constant, with the context they were
** evaluated in (scope, its newest symbol, iota). expr_to asks const_eval at
** every level of a chain such as `x+x+...+x`; without this each question
** would walk the whole chain again (quadratic). An open-addressing set. */
typedef struct NonConst { Node *e; Scope *sc; Sym *syms; int64_t iota; } NonConst;
static NonConst *nonconst;
static size_t nonconst_cap, nonconst_n;

static size_t nc_slot(Node *e) { return (size_t)(((uintptr_t)e >> 4) * 0x9E3779B97F4A7C15ull); }

static bool nonconst_has(FuncState *fs, Node *e) {
  if (!nonconst_n) return false;
  Sym *syms = fs->scope ? fs->scope->syms : NULL;
  for (size_t i = nc_slot(e) & (nonconst_cap - 1);; i = (i + 1) & (nonconst_cap - 1)) {
    NonConst *c = &nonconst[i];
    if (!c->e) return false;
    if (c->e == e) return c->sc == fs->scope && c->syms == syms && c->iota == fs->C->iota;
  }
}

static void nonconst_add(FuncState *fs, Node *e) {
  if ((nonconst_n + 1) * 2 > nonconst_cap) {
    size_t ncap = nonconst_cap ? nonconst_cap * 2 : 1024;
    NonConst *old = nonconst, *nt = GC_MALLOC(sizeof(NonConst) * ncap);
    size_t ocap = nonconst_cap;
    nonconst = nt;
    nonconst_cap = ncap;
    for (size_t k = 0; k < ocap; k++) {
      if (!old[k].e) continue;
      size_t i = nc_slot(old[k].e) & (ncap - 1);
      while (nt[i].e) i = (i + 1) & (ncap - 1);
      nt[i] = old[k];
    }
  }
  size_t i = nc_slot(e) & (nonconst_cap - 1);
  while (nonconst[i].e && nonconst[i].e != e) i = (i + 1) & (nonconst_cap - 1);
  if (!nonconst[i].e) nonconst_n++;
  nonconst[i].e = e;
  nonconst[i].sc = fs->scope;
  nonconst[i].syms = fs->scope ? fs->scope->syms : NULL;
  nonconst[i].iota = fs->C->iota;
}

/* Left-deep chains of binary operators (`1+1+...+1`, 20,000 terms) are
** evaluated iteratively: walk down the left spine, then fold upwards. */
static bool eval_binary_chain(FuncState *fs, Node *e, ConstVal *out) {
  int n = 0, cap = 64;
  Node **spine = GC_MALLOC(sizeof(Node *) * (size_t)cap);
  Node *x = e;
  while (x && x->kind == N_BINARY) {
    if (n == cap) {
      Node **ns = GC_MALLOC(sizeof(Node *) * (size_t)cap * 2);
      memcpy(ns, spine, sizeof(Node *) * (size_t)n);
      spine = ns;
      cap *= 2;
    }
    spine[n++] = x;
    x = x->a;
  }
  ConstVal acc;
  int fail = -1;   /* spine[0..fail] are not constant */
  if (!const_eval(fs, x, &acc)) fail = n - 1;
  for (int i = n - 1; i >= 0 && fail < 0; i--) {
    ConstVal b, r;
    if (!const_eval(fs, spine[i]->b, &b) || !const_binary(fs, spine[i], spine[i]->op, &acc, &b, &r)) fail = i;
    else acc = r;
  }
  if (fail >= 0) {
    if (n > 8) for (int i = 0; i <= fail; i++) nonconst_add(fs, spine[i]);
    return false;
  }
  *out = acc;
  return true;
}

bool const_eval(FuncState *fs, Node *e, ConstVal *out) {
  memset(out, 0, sizeof *out);
  if (!e) return false;
  switch (e->kind) {
  case N_INT: {
    Big v;
    if (e->name && parse_int_text(e->name, &v)) { int_of_big(out, v); return true; }
    const_int(out, (i128)(uint64_t)e->ival);
    return true;
  }
  case N_FLOAT: {
    int r = parse_float_text(e->name, out);
    if (r < 0) {
      ERR(fs, e, "malformed constant: %s", e->name);
      flt_from(out, BIG_ZERO, big_one(), 0);
      return true;
    }
    if (r == 0) const_float(out, e->fval);
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
    if (nonconst_has(fs, e)) return false;
    if (e->a && e->a->kind == N_BINARY) return eval_binary_chain(fs, e, out);
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

/* }==================================================================== */
