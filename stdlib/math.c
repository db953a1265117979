/*
** math.c -- package math: the C library's functions with Go's special cases
** where they differ (Max/Min with NaN and signed zeros), and the constants
** (untyped, as Go declares them).
*/
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "stdlib/stdlib_internal.h"

#define F1(cname, goname, expr)                                            \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {         \
    double x;                                                              \
    if (!to_float(args[0], &x)) return arg_error(f, goname, 0, "float64", args[0]); \
    res[0] = FLOAT_VAL(expr);                                              \
    return 1;                                                              \
  }

#define F2(cname, goname, expr)                                            \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {         \
    double x, y;                                                           \
    if (!to_float(args[0], &x)) return arg_error(f, goname, 0, "float64", args[0]); \
    if (!to_float(args[1], &y)) return arg_error(f, goname, 1, "float64", args[1]); \
    res[0] = FLOAT_VAL(expr);                                              \
    return 1;                                                              \
  }

static double go_max(double x, double y) {
  if (isinf(x) && x > 0) return x;
  if (isinf(y) && y > 0) return y;
  if (isnan(x) || isnan(y)) return NAN;
  if (x == 0 && x == y) return signbit(x) ? y : x;
  return x > y ? x : y;
}

static double go_min(double x, double y) {
  if (isinf(x) && x < 0) return x;
  if (isinf(y) && y < 0) return y;
  if (isnan(x) || isnan(y)) return NAN;
  if (x == 0 && x == y) return signbit(x) ? x : y;
  return x < y ? x : y;
}

/* glibc's cbrt is not correctly rounded (cbrt(27) = 3.0000000000000004);
** one Newton step in long double fixes that. */
static double go_cbrt(double x) {
  double c = cbrt(x);
  if (c == 0 || !isfinite(c)) return c;
  long double lc = c;
  lc = lc - (lc * lc * lc - (long double)x) / (3 * lc * lc);
  return (double)lc;
}

static double go_dim(double x, double y) {
  double v = x - y;
  if (isnan(v)) return NAN;
  return v <= 0 ? 0 : v;
}

F1(m_sqrt, "math.Sqrt", sqrt(x))
F1(m_abs, "math.Abs", fabs(x))
F1(m_floor, "math.Floor", floor(x))
F1(m_ceil, "math.Ceil", ceil(x))
F1(m_trunc, "math.Trunc", trunc(x))
F1(m_round, "math.Round", round(x))
F1(m_round_even, "math.RoundToEven", nearbyint(x))
F1(m_log, "math.Log", log(x))
F1(m_log2, "math.Log2", log2(x))
F1(m_log10, "math.Log10", log10(x))
F1(m_log1p, "math.Log1p", log1p(x))
F1(m_exp, "math.Exp", exp(x))
F1(m_exp2, "math.Exp2", exp2(x))
F1(m_expm1, "math.Expm1", expm1(x))
F1(m_sin, "math.Sin", sin(x))
F1(m_cos, "math.Cos", cos(x))
F1(m_tan, "math.Tan", tan(x))
F1(m_asin, "math.Asin", asin(x))
F1(m_acos, "math.Acos", acos(x))
F1(m_atan, "math.Atan", atan(x))
F1(m_sinh, "math.Sinh", sinh(x))
F1(m_cosh, "math.Cosh", cosh(x))
F1(m_tanh, "math.Tanh", tanh(x))
F1(m_asinh, "math.Asinh", asinh(x))
F1(m_acosh, "math.Acosh", acosh(x))
F1(m_atanh, "math.Atanh", atanh(x))
F1(m_cbrt, "math.Cbrt", go_cbrt(x))
F1(m_gamma, "math.Gamma", tgamma(x))
F2(m_pow, "math.Pow", pow(x, y))
F2(m_max, "math.Max", go_max(x, y))
F2(m_min, "math.Min", go_min(x, y))
F2(m_mod, "math.Mod", fmod(x, y))
F2(m_remainder, "math.Remainder", remainder(x, y))
F2(m_atan2, "math.Atan2", atan2(x, y))
F2(m_hypot, "math.Hypot", hypot(x, y))
F2(m_copysign, "math.Copysign", copysign(x, y))
F2(m_dim, "math.Dim", go_dim(x, y))

#define FNAME "math.Inf"
static int m_inf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, sign);
  res[0] = FLOAT_VAL(sign >= 0 ? INFINITY : -INFINITY);
  return 1;
}
#undef FNAME

static int m_nan(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = FLOAT_VAL(NAN);
  return 1;
}

#define FNAME "math.IsInf"
static int m_is_inf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  ARG_INT(1, sign);
  res[0] = BOOL_VAL((sign >= 0 && x == INFINITY) || (sign <= 0 && x == -INFINITY));
  return 1;
}
#undef FNAME

#define FNAME "math.IsNaN"
static int m_is_nan(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  res[0] = BOOL_VAL(isnan(x));
  return 1;
}
#undef FNAME

#define FNAME "math.Signbit"
static int m_signbit(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  res[0] = BOOL_VAL(signbit(x) != 0);
  return 1;
}
#undef FNAME

#define FNAME "math.Float64bits"
static int m_f64bits(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  uint64_t u;
  memcpy(&u, &x, 8);
  res[0] = TYPED_INT((int64_t)u, TID_UINT64);
  return 1;
}
#undef FNAME

#define FNAME "math.Float64frombits"
static int m_f64frombits(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, u);
  double x;
  memcpy(&x, &u, 8);
  res[0] = FLOAT_VAL(x);
  return 1;
}
#undef FNAME

#define FNAME "math.Float32bits"
static int m_f32bits(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  float fx = (float)x;
  uint32_t u;
  memcpy(&u, &fx, 4);
  res[0] = TYPED_INT(u, TID_UINT32);
  return 1;
}
#undef FNAME

#define FNAME "math.Float32frombits"
static int m_f32frombits(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, u);
  uint32_t w = (uint32_t)u;
  float x;
  memcpy(&x, &w, 4);
  Value v = FLOAT_VAL((double)x);
  v.aux = TID_FLOAT32;
  res[0] = v;
  return 1;
}
#undef FNAME

#define FNAME "math.Modf"
static int m_modf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  double ip;
  double frac = modf(x, &ip);
  res[0] = FLOAT_VAL(ip);
  res[1] = FLOAT_VAL(frac);
  return 2;
}
#undef FNAME

#define FNAME "math.Frexp"
static int m_frexp(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  int e;
  double fr = frexp(x, &e);
  res[0] = FLOAT_VAL(fr);
  res[1] = INT_VAL(e);
  return 2;
}
#undef FNAME

#define FNAME "math.Ldexp"
static int m_ldexp(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_FLOAT(0, x);
  ARG_INT(1, e);
  res[0] = FLOAT_VAL(ldexp(x, (int)(e > 100000 ? 100000 : e < -100000 ? -100000 : e)));
  return 1;
}
#undef FNAME

void open_math(void) {
  const char *P = "math";
  struct { const char *name; NativeFn fn; int arity; } fns[] = {
    {"Sqrt", m_sqrt, 1}, {"Abs", m_abs, 1}, {"Floor", m_floor, 1}, {"Ceil", m_ceil, 1},
    {"Trunc", m_trunc, 1}, {"Round", m_round, 1}, {"RoundToEven", m_round_even, 1},
    {"Log", m_log, 1}, {"Log2", m_log2, 1}, {"Log10", m_log10, 1}, {"Log1p", m_log1p, 1},
    {"Exp", m_exp, 1}, {"Exp2", m_exp2, 1}, {"Expm1", m_expm1, 1},
    {"Sin", m_sin, 1}, {"Cos", m_cos, 1}, {"Tan", m_tan, 1}, {"Asin", m_asin, 1},
    {"Acos", m_acos, 1}, {"Atan", m_atan, 1}, {"Sinh", m_sinh, 1}, {"Cosh", m_cosh, 1},
    {"Tanh", m_tanh, 1}, {"Asinh", m_asinh, 1}, {"Acosh", m_acosh, 1}, {"Atanh", m_atanh, 1},
    {"Cbrt", m_cbrt, 1}, {"Gamma", m_gamma, 1},
    {"Pow", m_pow, 2}, {"Max", m_max, 2}, {"Min", m_min, 2}, {"Mod", m_mod, 2},
    {"Remainder", m_remainder, 2}, {"Atan2", m_atan2, 2}, {"Hypot", m_hypot, 2},
    {"Copysign", m_copysign, 2}, {"Dim", m_dim, 2},
    {"Inf", m_inf, 1}, {"NaN", m_nan, 0}, {"IsInf", m_is_inf, 2}, {"IsNaN", m_is_nan, 1},
    {"Signbit", m_signbit, 1}, {"Float64bits", m_f64bits, 1},
    {"Float64frombits", m_f64frombits, 1}, {"Float32bits", m_f32bits, 1},
    {"Float32frombits", m_f32frombits, 1}, {"Modf", m_modf, 1}, {"Frexp", m_frexp, 1},
    {"Ldexp", m_ldexp, 2},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) api_def_func(P, fns[i].name, fns[i].fn, fns[i].arity);

  api_def_const(P, "Pi", FLOAT_VAL(3.14159265358979323846264338327950288419716939937510582097494459));
  api_def_const(P, "E", FLOAT_VAL(2.71828182845904523536028747135266249775724709369995957496696763));
  api_def_const(P, "Phi", FLOAT_VAL(1.61803398874989484820458683436563811772030917980576286213544862));
  api_def_const(P, "Sqrt2", FLOAT_VAL(1.41421356237309504880168872420969807856967187537694807317667974));
  api_def_const(P, "SqrtE", FLOAT_VAL(1.64872127070012814684865078831848183173497066087895369155826457));
  api_def_const(P, "SqrtPi", FLOAT_VAL(1.77245385090551602729816748334114518279754945612238712821380779));
  api_def_const(P, "SqrtPhi", FLOAT_VAL(1.27201964951406896425242246173749149171560804184009624861664038));
  api_def_const(P, "Ln2", FLOAT_VAL(0.693147180559945309417232121458176568075500134360255254120680009));
  api_def_const(P, "Log2E", FLOAT_VAL(1 / 0.693147180559945309417232121458176568075500134360255254120680009));
  api_def_const(P, "Ln10", FLOAT_VAL(2.30258509299404568401799145468436420760110148862877297603332790));
  api_def_const(P, "Log10E", FLOAT_VAL(1 / 2.30258509299404568401799145468436420760110148862877297603332790));
  api_def_const(P, "MaxFloat64", FLOAT_VAL(DBL_MAX));
  api_def_const(P, "SmallestNonzeroFloat64", FLOAT_VAL(4.9406564584124654417656879286822137236505980e-324));
  api_def_const(P, "MaxFloat32", FLOAT_VAL((double)FLT_MAX));
  api_def_const(P, "SmallestNonzeroFloat32", FLOAT_VAL(1.401298464324817070923729583289916131280e-45));
  api_def_const(P, "MaxInt", INT_VAL(INT64_MAX));
  api_def_const(P, "MinInt", INT_VAL(INT64_MIN));
  api_def_const(P, "MaxInt8", INT_VAL(INT8_MAX));
  api_def_const(P, "MinInt8", INT_VAL(INT8_MIN));
  api_def_const(P, "MaxInt16", INT_VAL(INT16_MAX));
  api_def_const(P, "MinInt16", INT_VAL(INT16_MIN));
  api_def_const(P, "MaxInt32", INT_VAL(INT32_MAX));
  api_def_const(P, "MinInt32", INT_VAL(INT32_MIN));
  api_def_const(P, "MaxInt64", INT_VAL(INT64_MAX));
  api_def_const(P, "MinInt64", INT_VAL(INT64_MIN));
  api_def_const(P, "MaxUint8", INT_VAL(UINT8_MAX));
  api_def_const(P, "MaxUint16", INT_VAL(UINT16_MAX));
  api_def_const(P, "MaxUint32", INT_VAL(UINT32_MAX));
  /* 1<<64 - 1 does not fit an int64: the bits with aux uint64 (the compiler
  ** reads such a constant as unsigned) */
  api_def_const(P, "MaxUint64", TYPED_INT(-1, TID_UINT64));
  api_def_const(P, "MaxUint", TYPED_INT(-1, TID_UINT64));
}
