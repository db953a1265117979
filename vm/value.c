/*
** value.c -- the generic operations on values: copying for value semantics,
** Go's ==, hashing consistent with ==, ordering, and store coercion.
**
** Equality rules (valid Go compares values of one static type, so mostly the
** payload decides):
**  - ints, floats, strings and bools compare payloads; an int and a float
**    compare numerically (untyped constants). Two basic values whose aux type
**    ids are both non-zero and differ are unequal (different dynamic types in
**    interfaces: int8(1) != int16(1)); aux 0 (an untyped constant or the
**    default type) is compatible with any aux.
**  - pointers compare their targets after normalisation: a pointer whose
**    target is a struct/array object (PTR_STRUCT, PTR_ARRAY, or a PTR_CELL /
**    PTR_FIELD / PTR_ELEM whose slot holds one) is identified by that object;
**    other PTR_FIELD/PTR_ELEM pointers by (base, index); PTR_CELL by the cell.
**  - structs and arrays element-wise; nil equals every typed nil; everything
**    else by identity.
** value_hash(a) == value_hash(b) whenever value_equal(a, b).
*/
#include <math.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/object.h"

void vm_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* vm/call.c: C stack checks for the recursive walkers (see vm_cstack_hop). */
bool vm_cstack_low(void);
void vm_cstack_hop(void (*fn)(void *), void *arg);

/* {====================================================================
** Copy
** ===================================================================== */

static inline bool is_aggregate_kind(uint8_t k) { return k == VAL_STRUCT || k == VAL_ARRAY; }

/* A sync.Mutex, sync.WaitGroup, atomic.Int64...: a fresh object holding a
** copy of the state (NativeClass.copy; value_is_copied_native). */
static Value copy_native(Value v) {
  const ObjNativeObj *o = v.as.p;
  void *d = __atomic_load_n(&o->data, __ATOMIC_ACQUIRE);
  return obj_new(o->cls, d ? o->cls->copy(d) : o->cls->create());
}

static Value copy_rec(Value v);

typedef struct CopyHop { Value v; } CopyHop;
static void copy_hop(void *p) { CopyHop *h = p; h->v = copy_rec(h->v); }

/* Recursion depth is bounded only by the value: when the C stack runs low
** the rest continues on a bigger one (vm_cstack_hop, vm/call.c). */
static Value copy_rec(Value v) {
  if (vm_cstack_low()) {
    CopyHop h = {v};
    vm_cstack_hop(copy_hop, &h);
    return h.v;
  }
  if (v.kind == VAL_STRUCT) {
    ObjStruct *s = v.as.p;
    if (!s) return v;
    ObjStruct *c = GC_MALLOC(sizeof(ObjStruct) + sizeof(Value) * s->n);
    if (!c) vm_fatal("runtime: out of memory");
    c->type = s->type;
    c->n = s->n;
    memcpy(c->f, s->f, sizeof(Value) * s->n);
    for (uint32_t i = 0; i < c->n; i++) {
      if (is_aggregate_kind(c->f[i].kind)) c->f[i] = copy_rec(c->f[i]);
      else if (value_is_copied_native(c->f[i])) c->f[i] = copy_native(c->f[i]);
    }
    v.as.p = c;
    return v;
  }
  if (v.kind == VAL_ARRAY) {
    ObjArray *a = v.as.p;
    if (!a) return v;
    ObjArray *c = GC_MALLOC(sizeof(ObjArray) + sizeof(Value) * (size_t)a->len);
    if (!c) vm_fatal("runtime: out of memory");
    c->elem = a->elem;
    c->len = a->len;
    memcpy(c->v, a->v, sizeof(Value) * (size_t)a->len);
    Type *et = a->elem;
    bool may_agg = !et || et->kind == TY_STRUCT || et->kind == TY_ARRAY ||
                   et->kind == TY_INTERFACE || et->kind == TY_NIL || et->kind == TY_NATIVE;
    if (may_agg)
      for (int64_t i = 0; i < c->len; i++) {
        if (is_aggregate_kind(c->v[i].kind)) c->v[i] = copy_rec(c->v[i]);
        else if (value_is_copied_native(c->v[i])) c->v[i] = copy_native(c->v[i]);
      }
    v.as.p = c;
    return v;
  }
  return v;
}

Value value_copy(Value v) {
  if (value_is_copied_native(v)) return copy_native(v);
  if (!is_aggregate_kind(v.kind)) return v;
  return copy_rec(v);
}

/* }==================================================================== */

/* {====================================================================
** Store coercion: an untyped constant stored into a typed slot takes the
** slot's type (int -> float64/float32, aux of sized and named types).
** ===================================================================== */

Value value_coerce(Type *t, Value v) {
  if (!t) return v;
  uint8_t k = t->kind;
  switch (v.kind) {
  case VAL_INT:
    if (k == TY_FLOAT64 || k == TY_FLOAT32) {
      double d = (double)v.as.i;
      if (k == TY_FLOAT32) d = (float)d;
      Value f = FLOAT_VAL(d);
      f.aux = t->id;
      return f;
    }
    if (v.aux == 0 && k >= TY_INT && k <= TY_UINTPTR) v.aux = t->id;
    return v;
  case VAL_FLOAT:
    if (v.aux == 0 && (k == TY_FLOAT64 || k == TY_FLOAT32)) {
      v.aux = t->id;
      if (k == TY_FLOAT32) v.as.f = (float)v.as.f;
    }
    return v;
  case VAL_STR:
    if (v.aux == 0 && k == TY_STRING) v.aux = t->id;
    return v;
  case VAL_BOOL:
    if (v.aux == 0 && k == TY_BOOL) v.aux = t->id;
    return v;
  default:
    return v;
  }
}

/* }==================================================================== */

/* {====================================================================
** Equality
** ===================================================================== */

static inline bool aux_compat(uint32_t a, uint32_t b) { return a == b || a == 0 || b == 0; }

/* Canonical identity of a non-nil pointer: (base object, index or -1). */
static void ptr_norm(Value v, void **base, int64_t *idx) {
  *base = v.as.p;
  *idx = -1;
  switch (v.pk) {
  case PTR_CELL: {
    Cell *c = v.as.p;
    if (is_aggregate_kind(c->v.kind) && c->v.as.p) *base = c->v.as.p;
    return;
  }
  case PTR_FIELD: {
    ObjStruct *s = v.as.p;
    if (v.aux < s->n && is_aggregate_kind(s->f[v.aux].kind) && s->f[v.aux].as.p)
      *base = s->f[v.aux].as.p;
    else
      *idx = v.aux;
    return;
  }
  case PTR_ELEM: {
    ObjArray *a = v.as.p;
    if (v.aux < (uint64_t)a->len && is_aggregate_kind(a->v[v.aux].kind) && a->v[v.aux].as.p)
      *base = a->v[v.aux].as.p;
    else
      *idx = v.aux;
    return;
  }
  default:  /* PTR_STRUCT, PTR_ARRAY: the object itself */
    return;
  }
}

static bool str_equal(ObjString *x, ObjString *y) {
  if (x == y) return true;
  if (x->len != y->len) return false;
  if (x->hash && y->hash && x->hash != y->hash) return false;
  return memcmp(x->data, y->data, (size_t)x->len) == 0;
}

static inline Type *under_of(Type *t) { return t && t->underlying ? t->underlying : t; }
static inline bool is_iface_type(Type *t) {
  t = under_of(t);
  return t && t->kind == TY_INTERFACE;
}

/* The equality walk. Returns 1 (equal), 0 (unequal) or -1 (Go panics with
** "comparing uncomparable type T"; *bad = T).
** strict: the two values sit in interface-typed slots (a map[any] key, an
** `any` field, an interface comparison), so their dynamic types must be
** identical: int(1) != int8(1) != ID(1) != 1.0, nil != (*T)(nil). Otherwise
** the static type is shared and only payloads matter (aux 0, an untyped
** constant the compiler did not convert, matches any type id; an int and a
** float compare numerically). Fields and elements are strict exactly when
** their declared type is an interface. */
static int eq_walk(Value a, Value b, bool strict, Type **bad);

typedef struct EqHop { Value a, b; bool strict; Type *bad; int r; } EqHop;
static void eq_hop(void *p) {
  EqHop *h = p;
  h->r = eq_walk(h->a, h->b, h->strict, &h->bad);
}

static inline bool aux_eq(uint32_t a, uint32_t b, bool strict) {
  return a == b || (!strict && (a == 0 || b == 0));
}

static int eq_walk(Value a, Value b, bool strict, Type **bad) {
  while (a.kind == VAL_CELL) a = ((Cell *)a.as.p)->v;
  while (b.kind == VAL_CELL) b = ((Cell *)b.as.p)->v;
  if (a.kind != b.kind) {
    if (strict) return 0;
    if (a.kind == VAL_NIL) return value_is_nil(b);
    if (b.kind == VAL_NIL) return value_is_nil(a);
    if (a.kind == VAL_INT && b.kind == VAL_FLOAT) return (double)a.as.i == b.as.f;
    if (a.kind == VAL_FLOAT && b.kind == VAL_INT) return a.as.f == (double)b.as.i;
    return 0;
  }
  switch (a.kind) {
  case VAL_NIL: return 1;
  case VAL_BOOL: return a.as.b == b.as.b && aux_eq(a.aux, b.aux, strict);
  case VAL_INT: return a.as.i == b.as.i && a.pk == b.pk && a.pad == b.pad && aux_eq(a.aux, b.aux, strict);
  case VAL_FLOAT: return a.as.f == b.as.f && aux_eq(a.aux, b.aux, strict);
  case VAL_STR: return aux_eq(a.aux, b.aux, strict) && str_equal(a.as.p, b.as.p);
  case VAL_PTR: {
    if (!a.as.p || !b.as.p) {
      if (strict && a.as.p == b.as.p && a.aux != b.aux) return 0;  /* (*T)(nil) vs (*U)(nil) */
      return a.as.p == b.as.p;
    }
    if (a.pk == b.pk && a.as.p == b.as.p && a.aux == b.aux) return 1;
    void *ba, *bb;
    int64_t ia, ib;
    ptr_norm(a, &ba, &ia);
    ptr_norm(b, &bb, &ib);
    return ba == bb && ia == ib;
  }
  case VAL_STRUCT: case VAL_ARRAY:
    if (a.as.p == b.as.p) return 1;
    if (!a.as.p || !b.as.p) return 0;
    if (vm_cstack_low()) {
      EqHop h = {a, b, strict, NULL, 0};
      vm_cstack_hop(eq_hop, &h);
      if (h.r < 0) *bad = h.bad;
      return h.r;
    }
    if (a.kind == VAL_STRUCT) {
      ObjStruct *x = a.as.p, *y = b.as.p;
      if (x->type != y->type && x->type && y->type &&
          (strict || (x->type->name && y->type->name)))
        return 0;   /* different dynamic types */
      if (x->n != y->n) return 0;
      Type *st = under_of(x->type);
      int nf = st && st->kind == TY_STRUCT ? st->nfields : 0;
      for (uint32_t i = 0; i < x->n; i++) {
        bool fs = (int)i < nf && is_iface_type(st->fields[i].type);
        int r = eq_walk(x->f[i], y->f[i], fs, bad);
        if (r != 1) return r;
      }
      return 1;
    } else {
      ObjArray *x = a.as.p, *y = b.as.p;
      if (x->len != y->len) return 0;
      if (strict && x->elem && y->elem && x->elem != y->elem) return 0;
      bool es = is_iface_type(x->elem);
      for (int64_t i = 0; i < x->len; i++) {
        int r = eq_walk(x->v[i], y->v[i], es, bad);
        if (r != 1) return r;
      }
      return 1;
    }
  case VAL_OBJ: {
    ObjNativeObj *x = a.as.p, *y = b.as.p;
    if (x == y) return 1;
    return x && y && x->cls == y->cls && x->data && x->data == y->data;
  }
  case VAL_SLICE: case VAL_MAP: case VAL_FUNC: case VAL_NATIVE: case VAL_BOUND: {
    /* Not comparable in Go (except with nil, which the compiler handles):
    ** in interfaces, equal dynamic types make Go panic. */
    if (strict) {
      Type *ta = value_type(a), *tb = value_type(b);
      if (ta != tb) return 0;
      *bad = ta;
      return -1;
    }
    if (a.as.p && b.as.p && a.kind != VAL_NATIVE && a.kind != VAL_BOUND) {
      *bad = value_type(a);
      return -1;
    }
    return a.as.p == b.as.p;
  }
  default:  /* chans, types: identity */
    return a.as.p == b.as.p;
  }
}

bool value_equal(Value a, Value b) {
  if (a.kind == b.kind && a.kind == VAL_INT)
    return a.as.i == b.as.i && a.pk == b.pk && a.pad == b.pad && aux_compat(a.aux, b.aux);
  Type *bad = NULL;
  return eq_walk(a, b, false, &bad) == 1;
}

/* Go's == on two values whose dynamic types must match (interface
** comparisons, map[any] keys): 1, 0, or -1 with *bad set when Go would panic
** "comparing uncomparable type T". Declared where used (vm/ops.c, vm/map.c). */
int value_equal_iface(Value a, Value b, Type **bad) {
  return eq_walk(a, b, true, bad);
}

/* Go's == where the static type is shared (struct == struct): -1 as above. */
int value_equal_checked(Value a, Value b, Type **bad) {
  return eq_walk(a, b, false, bad);
}

/* }==================================================================== */

/* {====================================================================
** Hashing (must agree with map.c's inline int/string paths)
** ===================================================================== */

static inline uint64_t mulmix(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t hash_i64(int64_t i) {
  return mulmix((uint64_t)i ^ 0x9E3779B97F4A7C15ull, 0xD6E8FEB86659FD93ull);
}

static inline uint64_t hash_ptr(const void *p) { return hash_i64((int64_t)(uintptr_t)p); }

static uint64_t nan_seq;

static uint64_t hash_float(double f) {
  if (f != f) /* NaN: never equal to anything, so spread them (Go uses a random hash) */
    return hash_i64((int64_t)__atomic_add_fetch(&nan_seq, 0x9E3779B97F4A7C15ull, __ATOMIC_RELAXED));
  if (f >= -9223372036854775808.0 && f < 9223372036854775808.0) {
    int64_t i = (int64_t)f;
    if ((double)i == f) return hash_i64(i);   /* 1.0 hashes like 1; -0 like 0 */
  }
  uint64_t bits;
  memcpy(&bits, &f, 8);
  return mulmix(bits ^ 0x2d358dccaa6c78a5ull, 0x8bb84b93962eacc9ull);
}

static uint64_t hash_depth(Value v, int depth) {
  switch (v.kind) {
  case VAL_NIL: return 0x51ed270b27d0b4b3ull;
  case VAL_BOOL: return hash_i64(v.as.b ? 0x1234567 : 0x7654321);
  case VAL_INT: return hash_i64(v.as.i);
  case VAL_FLOAT: return hash_float(v.as.f);
  case VAL_STR: return str_hash(v.as.p);
  case VAL_PTR: {
    if (!v.as.p) return 0x51ed270b27d0b4b3ull;   /* == nil */
    void *base;
    int64_t idx;
    ptr_norm(v, &base, &idx);
    return mulmix(hash_ptr(base), (uint64_t)idx * 2 + 0x9fb21c651e98df25ull);
  }
  case VAL_STRUCT: {
    ObjStruct *s = v.as.p;
    uint64_t h = 0x3c6ef372fe94f82bull;
    if (!s || depth > 64) return h;
    for (uint32_t i = 0; i < s->n; i++) h = mulmix(h ^ hash_depth(s->f[i], depth + 1), 0xa54ff53a5f1d36f1ull);
    return h;
  }
  case VAL_ARRAY: {
    ObjArray *a = v.as.p;
    uint64_t h = 0x510e527fade682d1ull;
    if (!a || depth > 64) return h;
    for (int64_t i = 0; i < a->len; i++) h = mulmix(h ^ hash_depth(a->v[i], depth + 1), 0xa54ff53a5f1d36f1ull);
    return h;
  }
  case VAL_OBJ: {
    ObjNativeObj *o = v.as.p;
    return hash_ptr(o && o->data ? o->data : (void *)o);
  }
  case VAL_CELL: return hash_depth(((Cell *)v.as.p)->v, depth + 1);
  case VAL_SLICE: case VAL_MAP: case VAL_FUNC: case VAL_CHAN:
    if (!v.as.p) return 0x51ed270b27d0b4b3ull;   /* typed nil == nil */
    return hash_ptr(v.as.p);
  default:
    return hash_ptr(v.as.p);
  }
}

uint64_t value_hash(Value v) { return hash_depth(v, 0); }

/* }==================================================================== */

/* {====================================================================
** Ordering
** ===================================================================== */

static bool is_unsigned_aux(uint32_t aux) {
  if (aux == 0) return false;
  if (aux >= TID_UINT && aux <= TID_UINTPTR) return true;
  if (aux < TID_FIRST_USER) return false;
  Type *t = type_by_id(aux);
  return t && t->kind >= TY_UINT && t->kind <= TY_UINTPTR;
}

/* <0, 0, >0. Unordered comparisons (a NaN operand) return 2, so that both
** `cmp < 0` (a < b) and `cmp <= 0` (a <= b) are false, and so are the swapped
** forms the VM uses for > and >=. Strings compare bytewise. */
int value_compare(Value a, Value b) {
  if (a.kind == VAL_INT && b.kind == VAL_INT) {
    uint32_t aux = a.aux ? a.aux : b.aux;
    if (aux && is_unsigned_aux(aux)) {
      uint64_t x = (uint64_t)a.as.i, y = (uint64_t)b.as.i;
      return x < y ? -1 : x > y;
    }
    return a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
  }
  if ((a.kind == VAL_INT || a.kind == VAL_FLOAT) && (b.kind == VAL_INT || b.kind == VAL_FLOAT)) {
    double x = a.kind == VAL_INT ? (double)a.as.i : a.as.f;
    double y = b.kind == VAL_INT ? (double)b.as.i : b.as.f;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    return 2;
  }
  if (a.kind == VAL_STR && b.kind == VAL_STR) {
    ObjString *x = a.as.p, *y = b.as.p;
    if (x == y) return 0;
    int64_t n = x->len < y->len ? x->len : y->len;
    int c = n ? memcmp(x->data, y->data, (size_t)n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return x->len < y->len ? -1 : x->len > y->len;
  }
  if (a.kind == VAL_BOOL && b.kind == VAL_BOOL) return (int)a.as.b - (int)b.as.b;
  return value_equal(a, b) ? 0 : 2;
}

/* }==================================================================== */

const char *value_kind_name(uint8_t kind) {
  static const char *const names[VAL_KIND_COUNT] = {
    "nil", "bool", "int", "float", "string", "slice", "array", "struct", "map",
    "pointer", "func", "native", "bound", "chan", "object", "type", "cell",
  };
  return kind < VAL_KIND_COUNT ? names[kind] : "?";
}
