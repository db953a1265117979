/*
** rand.c -- package math/rand on our own generator (xoshiro256**, seeded
** through splitmix64). Seeded sequences are deterministic but differ from
** Go's (Go's additive lagged Fibonacci source is not reproduced); like Go
** 1.19 the global source starts as if Seed(1) had been called.
**
** The algorithms on top of the source follow Go's (Int63n/Int31n rejection,
** Float64 from 53 bits, Perm and Shuffle as Fisher-Yates), and the panics use
** Go's texts ("invalid argument to Intn").
**
** Lock rule: the global source is guarded by global_lock (top-level functions
** are safe for concurrent use, as in Go); a *rand.Rand from New is not.
** Shuffle's swap callback runs with no lock held.
*/
#include <math.h>
#include <pthread.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

typedef struct Src {
  uint64_t s[4];
  Value user;       /* a csp rand.Source (Int63/Seed methods); NIL: ours */
} Src;

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static void src_seed(Src *r, int64_t seed) {
  uint64_t x = (uint64_t)seed;
  for (int i = 0; i < 4; i++) r->s[i] = splitmix(&x);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t src_next(Src *r) {
  uint64_t *s = r->s;
  uint64_t res = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return res;
}

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static Src global_src;
static bool global_init;

static NativeClass rand_cls = {"*rand.Rand", NULL, NULL, NULL};
static NativeClass source_cls = {"*rand.rngSource", NULL, NULL, NULL};

/* A generator handle: the global source (locked) or a Rand's. */
typedef struct Gen {
  Fiber *f;
  Src *src;         /* NULL: the global source */
  bool failed;      /* a user Source's Int63 panicked */
} Gen;

/* 63 random bits (Source.Int63). */
static int64_t gen_int63(Gen *g) {
  if (!g->src) {
    pthread_mutex_lock(&global_lock);
    if (!global_init) {
      src_seed(&global_src, 1);
      global_init = true;
    }
    uint64_t x = src_next(&global_src);
    pthread_mutex_unlock(&global_lock);
    return (int64_t)(x >> 1);
  }
  if (!IS_NIL(g->src->user)) {
    if (g->failed) return 0;
    Value r;
    int k = api_call_method(g->f, g->src->user, "Int63", NULL, 0, &r, 1);
    if (k < 1) {
      if (k != NATIVE_PANIC) vm_panicf(g->f, "rand: Source has no Int63 method");
      g->failed = true;
      return 0;
    }
    int64_t v = 0;
    to_int(r, &v);
    return v;
  }
  return (int64_t)(src_next(g->src) >> 1);
}

static uint64_t gen_uint64(Gen *g) {
  if (!g->src || IS_NIL(g->src->user)) {
    if (!g->src) {
      uint64_t hi = (uint64_t)gen_int63(g), lo = (uint64_t)gen_int63(g);
      return hi >> 31 | lo << 32;
    }
    return src_next(g->src);
  }
  return (uint64_t)gen_int63(g) >> 31 | (uint64_t)gen_int63(g) << 32;
}

static int32_t gen_int31(Gen *g) { return (int32_t)(gen_int63(g) >> 32); }

static int64_t gen_int63n(Gen *g, int64_t n) {
  if ((n & (n - 1)) == 0) return gen_int63(g) & (n - 1);
  int64_t max = (int64_t)((1ull << 63) - 1 - (1ull << 63) % (uint64_t)n);
  int64_t v = gen_int63(g);
  while (v > max && !g->failed) v = gen_int63(g);
  return v % n;
}

static int32_t gen_int31n(Gen *g, int32_t n) {
  if ((n & (n - 1)) == 0) return gen_int31(g) & (n - 1);
  int32_t max = (int32_t)((1u << 31) - 1 - (1u << 31) % (uint32_t)n);
  int32_t v = gen_int31(g);
  while (v > max && !g->failed) v = gen_int31(g);
  return v % n;
}

static int64_t gen_intn(Gen *g, int64_t n) {
  if (n <= 0x7fffffff) return gen_int31n(g, (int32_t)n);
  return gen_int63n(g, n);
}

static double gen_float64(Gen *g) {
  for (;;) {
    double x = (double)gen_int63n(g, 1ll << 53) / (double)(1ll << 53);
    if (x < 1.0) return x;
  }
}

/* {====================================================================
** The API, shared by the package functions and *Rand's methods: `self`
** is 1 for methods (args[0] is the receiver).
** ===================================================================== */

static Src *rand_src_of(Value v) { return native_data_of(v, &rand_cls); }

static bool gen_setup(Fiber *f, Gen *g, Value *args, int self) {
  g->f = f;
  g->failed = false;
  g->src = NULL;
  if (!self) return true;
  g->src = rand_src_of(args[0]);
  if (!g->src) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return false;
  }
  return true;
}

#define GEN_OR_FAIL()                                              \
  Gen g;                                                           \
  if (!gen_setup(f, &g, args, self)) return NATIVE_PANIC

#define DONE(n) return g.failed ? NATIVE_PANIC : (n)

static int arg_n(Fiber *f, Value *args, int nargs, int i, int64_t *out, const char *fname) {
  if (i >= nargs || !to_int(args[i], out)) {
    vm_panicf(f, "invalid argument to %s", fname);
    return NATIVE_PANIC;
  }
  return 0;
}

static int do_int63(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = TYPED_INT(gen_int63(&g), TID_INT64);
  DONE(1);
}
static int do_int31(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = TYPED_INT(gen_int31(&g), TID_INT32);
  DONE(1);
}
static int do_int(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = INT_VAL((uint64_t)gen_int63(&g));
  DONE(1);
}
static int do_uint32(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = TYPED_INT((uint32_t)(gen_int63(&g) >> 31), TID_UINT32);
  DONE(1);
}
static int do_uint64(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = TYPED_INT(gen_uint64(&g), TID_UINT64);
  DONE(1);
}
static int do_intn(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n;
  if (arg_n(f, args, nargs, self, &n, "Intn") || n <= 0) {
    if (!f->panic) vm_panicf(f, "invalid argument to Intn");
    return NATIVE_PANIC;
  }
  res[0] = INT_VAL(gen_intn(&g, n));
  DONE(1);
}
static int do_int63n(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n;
  if (arg_n(f, args, nargs, self, &n, "Int63n") || n <= 0) {
    if (!f->panic) vm_panicf(f, "invalid argument to Int63n");
    return NATIVE_PANIC;
  }
  res[0] = TYPED_INT(gen_int63n(&g, n), TID_INT64);
  DONE(1);
}
static int do_int31n(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n;
  if (arg_n(f, args, nargs, self, &n, "Int31n") || n <= 0 || n > 0x7fffffff) {
    if (!f->panic) vm_panicf(f, "invalid argument to Int31n");
    return NATIVE_PANIC;
  }
  res[0] = TYPED_INT(gen_int31n(&g, (int32_t)n), TID_INT32);
  DONE(1);
}
static int do_float64(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  res[0] = FLOAT_VAL(gen_float64(&g));
  DONE(1);
}
static int do_float32(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  float x;
  do x = (float)gen_float64(&g); while (x == 1.0f && !g.failed);
  Value v = FLOAT_VAL((double)x);
  v.aux = TID_FLOAT32;
  res[0] = v;
  DONE(1);
}
static int do_normfloat64(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  /* Box-Muller (Go uses a ziggurat; the distribution is the same) */
  double u1, u2;
  do u1 = gen_float64(&g); while (u1 <= 0 && !g.failed);
  u2 = gen_float64(&g);
  res[0] = FLOAT_VAL(sqrt(-2.0 * log(u1)) * cos(2 * M_PI * u2));
  DONE(1);
}
static int do_expfloat64(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  double u;
  do u = gen_float64(&g); while (u <= 0 && !g.failed);
  res[0] = FLOAT_VAL(-log(u));
  DONE(1);
}
static int do_perm(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n;
  if (arg_n(f, args, nargs, self, &n, "Perm")) return NATIVE_PANIC;
  if (n < 0) {
    vm_runtime_error(f, "makeslice: len out of range");
    return NATIVE_PANIC;
  }
  Value s = slice_make(type_int, n, n);
  Value *e = ((ObjSlice *)s.as.p)->arr->v + ((ObjSlice *)s.as.p)->off;
  /* Go's: m[i] = m[j]; m[j] = i for j = Intn(i+1) */
  for (int64_t i = 0; i < n; i++) {
    int64_t j = gen_intn(&g, i + 1);
    e[i] = e[j];
    e[j] = INT_VAL(i);
  }
  res[0] = s;
  DONE(1);
}
static int do_shuffle(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n;
  if (arg_n(f, args, nargs, self, &n, "Shuffle")) return NATIVE_PANIC;
  if (n < 0) {
    vm_panicf(f, "invalid argument to Shuffle");
    return NATIVE_PANIC;
  }
  Value swap = nargs > self + 1 ? args[self + 1] : NIL_VAL;
  for (int64_t i = n - 1; i > 0; i--) {
    int64_t j = i + 1 <= 0x7fffffff ? gen_int31n(&g, (int32_t)(i + 1)) : gen_int63n(&g, i + 1);
    if (g.failed) return NATIVE_PANIC;
    Value a[2] = {INT_VAL(i), INT_VAL(j)};
    Value r[1];
    if (vm_call(f, swap, a, 2, r, 0) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  return 0;
}
static int do_seed(Fiber *f, Value *args, int nargs, Value *res, int self) {
  int64_t seed = 0;
  if (nargs > self) to_int(args[self], &seed);
  if (!self) {
    pthread_mutex_lock(&global_lock);
    src_seed(&global_src, seed);
    global_init = true;
    pthread_mutex_unlock(&global_lock);
    return 0;
  }
  Src *s = rand_src_of(args[0]);
  if (!s) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  if (!IS_NIL(s->user)) {
    Value a = INT_VAL(seed);
    Value r[1];
    int k = api_call_method(f, s->user, "Seed", &a, 1, r, 0);
    return k == NATIVE_PANIC ? NATIVE_PANIC : 0;
  }
  src_seed(s, seed);
  return 0;
}
static int do_read(Fiber *f, Value *args, int nargs, Value *res, int self) {
  GEN_OR_FAIL();
  int64_t n = 0;
  Value *e = nargs > self ? seq_elems(args[self], &n) : NULL;
  for (int64_t i = 0; i < n; i += 7) {
    int64_t v = gen_int63(&g);
    for (int k = 0; k < 7 && i + k < n; k++, v >>= 8) e[i + k] = BYTE_VAL(v & 0xff);
  }
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  DONE(2);
}

/* Package functions (self = 0) and methods (self = 1) from one body. */
#define BOTH(name)                                                                   \
  static int pkg_##name(Fiber *f, Value *a, int n, Value *r) { return do_##name(f, a, n, r, 0); } \
  static int m_##name(Fiber *f, Value *a, int n, Value *r) { return do_##name(f, a, n, r, 1); }
BOTH(int63) BOTH(int31) BOTH(int) BOTH(uint32) BOTH(uint64) BOTH(intn) BOTH(int63n)
BOTH(int31n) BOTH(float64) BOTH(float32) BOTH(normfloat64) BOTH(expfloat64) BOTH(perm)
BOTH(shuffle) BOTH(seed) BOTH(read)
#undef BOTH

/* NewSource(seed) Source: our generator as a *rand.rngSource. */
static int pkg_newsource(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t seed = 0;
  if (nargs > 0) to_int(args[0], &seed);
  Src *s = NEW(Src);
  src_seed(s, seed);
  res[0] = obj_new(&source_cls, s);
  return 1;
}

static Src *source_of(Value v) {
  if (v.kind == VAL_OBJ && v.as.p && ((ObjNativeObj *)v.as.p)->cls == &source_cls)
    return ((ObjNativeObj *)v.as.p)->data;
  return NULL;
}

static int src_int63_m(Fiber *f, Value *args, int nargs, Value *res) {
  Src *s = source_of(args[0]);
  if (!s) return vm_runtime_error(f, "invalid memory address or nil pointer dereference"), NATIVE_PANIC;
  res[0] = TYPED_INT(src_next(s) >> 1, TID_INT64);
  return 1;
}
static int src_uint64_m(Fiber *f, Value *args, int nargs, Value *res) {
  Src *s = source_of(args[0]);
  if (!s) return vm_runtime_error(f, "invalid memory address or nil pointer dereference"), NATIVE_PANIC;
  res[0] = TYPED_INT(src_next(s), TID_UINT64);
  return 1;
}
static int src_seed_m(Fiber *f, Value *args, int nargs, Value *res) {
  Src *s = source_of(args[0]);
  if (!s) return vm_runtime_error(f, "invalid memory address or nil pointer dereference"), NATIVE_PANIC;
  int64_t seed = 0;
  if (nargs > 1) to_int(args[1], &seed);
  src_seed(s, seed);
  return 0;
}

/* New(src Source) *Rand: shares the state of one of our sources, or calls a
** user's Source through its methods. */
static int pkg_new(Fiber *f, Value *args, int nargs, Value *res) {
  Value v = nargs > 0 ? args[0] : NIL_VAL;
  Src *s = source_of(v);
  if (!s) {
    if (value_is_nil(v)) {
      vm_runtime_error(f, "invalid memory address or nil pointer dereference");
      return NATIVE_PANIC;
    }
    s = NEW(Src);
    s->user = v;
  }
  res[0] = obj_new(&rand_cls, s);
  return 1;
}

void open_rand(void) {
  const char *P = "math/rand";
  static const struct { const char *name; NativeFn pkg, m; int arity; } fns[] = {
    {"Int63", pkg_int63, m_int63, 0},       {"Int31", pkg_int31, m_int31, 0},
    {"Int", pkg_int, m_int, 0},             {"Uint32", pkg_uint32, m_uint32, 0},
    {"Uint64", pkg_uint64, m_uint64, 0},    {"Intn", pkg_intn, m_intn, 1},
    {"Int63n", pkg_int63n, m_int63n, 1},    {"Int31n", pkg_int31n, m_int31n, 1},
    {"Float64", pkg_float64, m_float64, 0}, {"Float32", pkg_float32, m_float32, 0},
    {"NormFloat64", pkg_normfloat64, m_normfloat64, 0},
    {"ExpFloat64", pkg_expfloat64, m_expfloat64, 0},
    {"Perm", pkg_perm, m_perm, 1},          {"Shuffle", pkg_shuffle, m_shuffle, 2},
    {"Seed", pkg_seed, m_seed, 1},          {"Read", pkg_read, m_read, 1},
  };
  Type *rt = api_def_class(&rand_cls, P, "Rand");
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    api_def_func(P, fns[i].name, fns[i].pkg, fns[i].arity);
    api_def_method(rt, fns[i].name, fns[i].m, fns[i].arity, true);
  }
  api_def_func(P, "NewSource", pkg_newsource, 1);
  api_def_func(P, "New", pkg_new, 1);
  Type *st = api_def_class(&source_cls, NULL, NULL);
  api_def_method(st, "Int63", src_int63_m, 0, true);
  api_def_method(st, "Uint64", src_uint64_m, 0, true);
  api_def_method(st, "Seed", src_seed_m, 1, true);
  const char *sm[] = {"Int63", "Seed"};
  api_def_type(P, "Source", type_named("rand", "Source", type_interface(sm, 2)));
  const char *sm64[] = {"Int63", "Seed", "Uint64"};
  api_def_type(P, "Source64", type_named("rand", "Source64", type_interface(sm64, 3)));
}
