/*
** atomic.c -- package sync/atomic: the Add/Load/Store/Swap/CompareAndSwap
** functions on pointers (&x to a boxed variable, a struct field or an
** element holding a VAL_INT) and the Int32/Int64/Uint32/Uint64/Bool/Value
** types.
**
** Integer operations are __atomic builtins on the 8-byte payload of the
** target Value (the kind byte of an int location never changes); 32-bit and
** unsigned variants wrap with a CAS loop. atomic.Value holds a 16-byte Value,
** so it uses a striped lock table keyed by the state's address. Nothing here
** blocks or parks.
*/
#include <pthread.h>
#include <stdint.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/vm.h"

typedef enum AKind { AK_INT32, AK_INT64, AK_UINT32, AK_UINT64, AK_UINTPTR } AKind;

static const uint32_t ak_aux[] = {TID_INT32, TID_INT64, TID_UINT32, TID_UINT64, TID_UINTPTR};

static inline int64_t ak_wrap(AKind k, int64_t x) {
  switch (k) {
  case AK_INT32: return (int64_t)(int32_t)x;
  case AK_UINT32: return (int64_t)(uint32_t)x;
  default: return x;
  }
}

static inline Value ak_val(AKind k, int64_t x) {
  Value v = INT_VAL(x);
  v.aux = ak_aux[k];
  return v;
}

static int64_t arg_int(const Value *args, int nargs, int i) {
  if (i >= nargs) return 0;
  if (args[i].kind == VAL_INT) return args[i].as.i;
  if (args[i].kind == VAL_FLOAT) return (int64_t)args[i].as.f;
  return 0;
}

/* ---- the int64 cell behind a pointer ---- */

static int64_t *ptr_cell(Fiber *f, Value p) {
  Value *slot = NULL;
  if (p.kind == VAL_PTR && p.as.p) {
    switch (p.pk) {
    case PTR_CELL: slot = &((Cell *)p.as.p)->v; break;
    case PTR_FIELD: slot = &((ObjStruct *)p.as.p)->f[p.aux]; break;
    case PTR_ELEM: slot = &((ObjArray *)p.as.p)->v[p.aux]; break;
    default: break;
    }
  } else if (p.kind == VAL_CELL && p.as.p) {
    slot = &((Cell *)p.as.p)->v;
  }
  if (!slot) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NULL;
  }
  if (slot->kind != VAL_INT) {
    if (slot->kind == VAL_NIL) {
      slot->kind = VAL_INT;       /* a location without its zero value yet */
    } else {
      vm_panicf(f, "csp: sync/atomic: pointer to a %s, not an integer",
                value_kind_name(slot->kind));
      return NULL;
    }
  }
  return &slot->as.i;
}

/* ---- the operations, shared by the functions and the types ---- */

static int64_t op_add(int64_t *p, AKind k, int64_t d) {
  if (k == AK_INT64 || k == AK_UINT64 || k == AK_UINTPTR)
    return __atomic_add_fetch(p, d, __ATOMIC_SEQ_CST);
  int64_t old = __atomic_load_n(p, __ATOMIC_RELAXED), nw;
  do {
    nw = ak_wrap(k, old + d);
  } while (!__atomic_compare_exchange_n(p, &old, nw, true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
  return nw;
}

static bool op_cas(int64_t *p, AKind k, int64_t old, int64_t nw) {
  old = ak_wrap(k, old);
  nw = ak_wrap(k, nw);
  return __atomic_compare_exchange_n(p, &old, nw, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* ---- package functions: Op<Kind>(addr, ...) ---- */

#define PFN(NAME, K)                                                                   \
  static int fn_add_##NAME(Fiber *f, Value *a, int n, Value *r) {                      \
    int64_t *p = ptr_cell(f, a[0]);                                                    \
    if (!p) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, op_add(p, K, arg_int(a, n, 1)));                                  \
    return 1;                                                                          \
  }                                                                                    \
  static int fn_load_##NAME(Fiber *f, Value *a, int n, Value *r) {                     \
    int64_t *p = ptr_cell(f, a[0]);                                                    \
    if (!p) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, __atomic_load_n(p, __ATOMIC_SEQ_CST));                            \
    return 1;                                                                          \
  }                                                                                    \
  static int fn_store_##NAME(Fiber *f, Value *a, int n, Value *r) {                    \
    int64_t *p = ptr_cell(f, a[0]);                                                    \
    if (!p) return NATIVE_PANIC;                                                       \
    __atomic_store_n(p, ak_wrap(K, arg_int(a, n, 1)), __ATOMIC_SEQ_CST);               \
    return 0;                                                                          \
  }                                                                                    \
  static int fn_swap_##NAME(Fiber *f, Value *a, int n, Value *r) {                     \
    int64_t *p = ptr_cell(f, a[0]);                                                    \
    if (!p) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, __atomic_exchange_n(p, ak_wrap(K, arg_int(a, n, 1)), __ATOMIC_SEQ_CST)); \
    return 1;                                                                          \
  }                                                                                    \
  static int fn_cas_##NAME(Fiber *f, Value *a, int n, Value *r) {                      \
    int64_t *p = ptr_cell(f, a[0]);                                                    \
    if (!p) return NATIVE_PANIC;                                                       \
    r[0] = BOOL_VAL(op_cas(p, K, arg_int(a, n, 1), arg_int(a, n, 2)));                 \
    return 1;                                                                          \
  }

PFN(Int32, AK_INT32)
PFN(Int64, AK_INT64)
PFN(Uint32, AK_UINT32)
PFN(Uint64, AK_UINT64)
PFN(Uintptr, AK_UINTPTR)

/* ---- the types ---- */

typedef struct AInt { int64_t v; } AInt;

static void *aint_create(void) {
  AInt *a = GC_MALLOC_ATOMIC(sizeof(AInt));
  a->v = 0;
  return a;
}

typedef struct AValue { Value v; } AValue;

static void *avalue_create(void) { return NEW(AValue); }

/* Copies by value (Go copies the struct): the current value. */
static void *aint_copy(void *p) {
  AInt *a = aint_create();
  a->v = __atomic_load_n(&((AInt *)p)->v, __ATOMIC_SEQ_CST);
  return a;
}

static pthread_mutex_t *stripe(const void *p);

static void *avalue_copy(void *p) {
  AValue *a = avalue_create();
  pthread_mutex_t *m = stripe(p);
  pthread_mutex_lock(m);
  a->v = ((AValue *)p)->v;
  pthread_mutex_unlock(m);
  return a;
}

static NativeClass int32_class = {"atomic.Int32", NULL, aint_create, aint_copy};
static NativeClass int64_class = {"atomic.Int64", NULL, aint_create, aint_copy};
static NativeClass uint32_class = {"atomic.Uint32", NULL, aint_create, aint_copy};
static NativeClass uint64_class = {"atomic.Uint64", NULL, aint_create, aint_copy};
static NativeClass uintptr_class = {"atomic.Uintptr", NULL, aint_create, aint_copy};
static NativeClass bool_class = {"atomic.Bool", NULL, aint_create, aint_copy};
static NativeClass value_class = {"atomic.Value", NULL, avalue_create, avalue_copy};

static pthread_mutex_t lazy_lock = PTHREAD_MUTEX_INITIALIZER;

/* The state behind a receiver (the object, or a pointer to where it lives). */
static void *recv_state(Fiber *f, Value v, const NativeClass *cls) {
  Value *slot = NULL;
  for (int depth = 0; depth < 4 && v.kind != VAL_OBJ; depth++) {
    slot = NULL;
    if (v.kind == VAL_CELL && v.as.p) slot = &((Cell *)v.as.p)->v;
    else if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_CELL: slot = &((Cell *)v.as.p)->v; break;
      case PTR_FIELD: slot = &((ObjStruct *)v.as.p)->f[v.aux]; break;
      case PTR_ELEM: slot = &((ObjArray *)v.as.p)->v[v.aux]; break;
      default: break;
      }
    }
    if (!slot) break;
    v = *slot;
  }
  if (v.kind != VAL_OBJ && slot && v.kind == VAL_NIL) {
    pthread_mutex_lock(&lazy_lock);
    if (slot->kind == VAL_NIL) *slot = obj_new(cls, cls->create());
    v = *slot;
    pthread_mutex_unlock(&lazy_lock);
  }
  if (v.kind != VAL_OBJ || !v.as.p) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NULL;
  }
  ObjNativeObj *o = v.as.p;
  if (o->cls != cls) {
    vm_panicf(f, "csp: %s method called on a %s value", cls->name,
              o->cls && o->cls->name ? o->cls->name : "different");
    return NULL;
  }
  void *d = __atomic_load_n(&o->data, __ATOMIC_ACQUIRE);
  if (!d) {
    void *nd = cls->create();
    void *expect = NULL;
    if (__atomic_compare_exchange_n(&o->data, &expect, nd, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
      d = nd;
    else
      d = expect;
  }
  return d;
}

#define TFN(NAME, K, CLS)                                                              \
  static int m_add_##NAME(Fiber *f, Value *a, int n, Value *r) {                       \
    AInt *s = recv_state(f, a[0], &CLS);                                               \
    if (!s) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, op_add(&s->v, K, arg_int(a, n, 1)));                              \
    return 1;                                                                          \
  }                                                                                    \
  static int m_load_##NAME(Fiber *f, Value *a, int n, Value *r) {                      \
    AInt *s = recv_state(f, a[0], &CLS);                                               \
    if (!s) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, __atomic_load_n(&s->v, __ATOMIC_SEQ_CST));                        \
    return 1;                                                                          \
  }                                                                                    \
  static int m_store_##NAME(Fiber *f, Value *a, int n, Value *r) {                     \
    AInt *s = recv_state(f, a[0], &CLS);                                               \
    if (!s) return NATIVE_PANIC;                                                       \
    __atomic_store_n(&s->v, ak_wrap(K, arg_int(a, n, 1)), __ATOMIC_SEQ_CST);           \
    return 0;                                                                          \
  }                                                                                    \
  static int m_swap_##NAME(Fiber *f, Value *a, int n, Value *r) {                      \
    AInt *s = recv_state(f, a[0], &CLS);                                               \
    if (!s) return NATIVE_PANIC;                                                       \
    r[0] = ak_val(K, __atomic_exchange_n(&s->v, ak_wrap(K, arg_int(a, n, 1)), __ATOMIC_SEQ_CST)); \
    return 1;                                                                          \
  }                                                                                    \
  static int m_cas_##NAME(Fiber *f, Value *a, int n, Value *r) {                       \
    AInt *s = recv_state(f, a[0], &CLS);                                               \
    if (!s) return NATIVE_PANIC;                                                       \
    r[0] = BOOL_VAL(op_cas(&s->v, K, arg_int(a, n, 1), arg_int(a, n, 2)));             \
    return 1;                                                                          \
  }

TFN(Int32, AK_INT32, int32_class)
TFN(Int64, AK_INT64, int64_class)
TFN(Uint32, AK_UINT32, uint32_class)
TFN(Uint64, AK_UINT64, uint64_class)
TFN(Uintptr, AK_UINTPTR, uintptr_class)

/* ---- atomic.Bool ---- */

static bool arg_bool(const Value *a, int n, int i) {
  return i < n && a[i].kind == VAL_BOOL && a[i].as.b;
}

static int b_load(Fiber *f, Value *a, int n, Value *r) {
  AInt *s = recv_state(f, a[0], &bool_class);
  if (!s) return NATIVE_PANIC;
  r[0] = BOOL_VAL(__atomic_load_n(&s->v, __ATOMIC_SEQ_CST) != 0);
  return 1;
}

static int b_store(Fiber *f, Value *a, int n, Value *r) {
  AInt *s = recv_state(f, a[0], &bool_class);
  if (!s) return NATIVE_PANIC;
  __atomic_store_n(&s->v, (int64_t)arg_bool(a, n, 1), __ATOMIC_SEQ_CST);
  return 0;
}

static int b_swap(Fiber *f, Value *a, int n, Value *r) {
  AInt *s = recv_state(f, a[0], &bool_class);
  if (!s) return NATIVE_PANIC;
  r[0] = BOOL_VAL(__atomic_exchange_n(&s->v, (int64_t)arg_bool(a, n, 1), __ATOMIC_SEQ_CST) != 0);
  return 1;
}

static int b_cas(Fiber *f, Value *a, int n, Value *r) {
  AInt *s = recv_state(f, a[0], &bool_class);
  if (!s) return NATIVE_PANIC;
  int64_t old = arg_bool(a, n, 1);
  r[0] = BOOL_VAL(__atomic_compare_exchange_n(&s->v, &old, (int64_t)arg_bool(a, n, 2), false,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
  return 1;
}

/* ---- atomic.Value: striped locks (a Value is 16 bytes) ---- */

#define NSTRIPES 64
static pthread_mutex_t stripes[NSTRIPES];

static pthread_mutex_t *stripe(const void *p) {
  uintptr_t x = (uintptr_t)p;
  x ^= x >> 17;
  return &stripes[(x >> 4) % NSTRIPES];
}

static bool value_store_check(Fiber *f, AValue *s, Value v) {
  if (v.kind == VAL_NIL) {
    vm_panicf(f, "sync/atomic: store of nil value into Value");
    return false;
  }
  if (s->v.kind != VAL_NIL && value_type(s->v) != value_type(v)) {
    vm_panicf(f, "sync/atomic: store of inconsistently typed value into Value");
    return false;
  }
  return true;
}

static int v_load(Fiber *f, Value *a, int n, Value *r) {
  AValue *s = recv_state(f, a[0], &value_class);
  if (!s) return NATIVE_PANIC;
  pthread_mutex_t *m = stripe(s);
  pthread_mutex_lock(m);
  r[0] = s->v;
  pthread_mutex_unlock(m);
  return 1;
}

static int v_store(Fiber *f, Value *a, int n, Value *r) {
  AValue *s = recv_state(f, a[0], &value_class);
  if (!s) return NATIVE_PANIC;
  Value v = n > 1 ? a[1] : NIL_VAL;
  pthread_mutex_t *m = stripe(s);
  pthread_mutex_lock(m);
  bool ok = value_store_check(f, s, v);
  if (ok) s->v = v;
  pthread_mutex_unlock(m);
  return ok ? 0 : NATIVE_PANIC;
}

static int v_swap(Fiber *f, Value *a, int n, Value *r) {
  AValue *s = recv_state(f, a[0], &value_class);
  if (!s) return NATIVE_PANIC;
  Value v = n > 1 ? a[1] : NIL_VAL;
  pthread_mutex_t *m = stripe(s);
  pthread_mutex_lock(m);
  bool ok = value_store_check(f, s, v);
  if (ok) {
    r[0] = s->v;
    s->v = v;
  }
  pthread_mutex_unlock(m);
  return ok ? 1 : NATIVE_PANIC;
}

static int v_cas(Fiber *f, Value *a, int n, Value *r) {
  AValue *s = recv_state(f, a[0], &value_class);
  if (!s) return NATIVE_PANIC;
  Value old = n > 1 ? a[1] : NIL_VAL, nw = n > 2 ? a[2] : NIL_VAL;
  pthread_mutex_t *m = stripe(s);
  pthread_mutex_lock(m);
  bool ok = value_store_check(f, s, nw);
  bool swapped = false;
  if (ok && (s->v.kind == VAL_NIL ? old.kind == VAL_NIL : value_equal(s->v, old))) {
    s->v = nw;
    swapped = true;
  }
  pthread_mutex_unlock(m);
  if (!ok) return NATIVE_PANIC;
  r[0] = BOOL_VAL(swapped);
  return 1;
}

/* ---- registration ---- */

static Type *def_type(const char *name, NativeClass *cls) {
  Type *t = type_native("atomic", name, cls);   /* %T prints the package name */
  cls->type = t;
  api_def_type("sync/atomic", name, t);
  return t;
}

#define DEF_FUNCS(NAME)                                                   \
  api_def_func("sync/atomic", "Add" #NAME, fn_add_##NAME, 2);             \
  api_def_func("sync/atomic", "Load" #NAME, fn_load_##NAME, 1);           \
  api_def_func("sync/atomic", "Store" #NAME, fn_store_##NAME, 2);         \
  api_def_func("sync/atomic", "Swap" #NAME, fn_swap_##NAME, 2);           \
  api_def_func("sync/atomic", "CompareAndSwap" #NAME, fn_cas_##NAME, 3);

#define DEF_TYPE(NAME, CLS)                                               \
  do {                                                                    \
    Type *t_ = def_type(#NAME, &CLS);                                     \
    api_def_method(t_, "Add", m_add_##NAME, -1, true);                    \
    api_def_method(t_, "Load", m_load_##NAME, -1, true);                  \
    api_def_method(t_, "Store", m_store_##NAME, -1, true);                \
    api_def_method(t_, "Swap", m_swap_##NAME, -1, true);                  \
    api_def_method(t_, "CompareAndSwap", m_cas_##NAME, -1, true);         \
  } while (0)

void stdlib_open_atomic(void) {
  for (int i = 0; i < NSTRIPES; i++) pthread_mutex_init(&stripes[i], NULL);
  DEF_FUNCS(Int32)
  DEF_FUNCS(Int64)
  DEF_FUNCS(Uint32)
  DEF_FUNCS(Uint64)
  DEF_FUNCS(Uintptr)
  DEF_TYPE(Int32, int32_class);
  DEF_TYPE(Int64, int64_class);
  DEF_TYPE(Uint32, uint32_class);
  DEF_TYPE(Uint64, uint64_class);
  DEF_TYPE(Uintptr, uintptr_class);

  Type *t = def_type("Bool", &bool_class);
  api_def_method(t, "Load", b_load, -1, true);
  api_def_method(t, "Store", b_store, -1, true);
  api_def_method(t, "Swap", b_swap, -1, true);
  api_def_method(t, "CompareAndSwap", b_cas, -1, true);

  t = def_type("Value", &value_class);
  api_def_method(t, "Load", v_load, -1, true);
  api_def_method(t, "Store", v_store, -1, true);
  api_def_method(t, "Swap", v_swap, -1, true);
  api_def_method(t, "CompareAndSwap", v_cas, -1, true);
}
