/*
** object.c -- allocation of heap objects: strings, arrays, slices (with Go
** 1.19's append growth, size classes included), structs, cells, closures,
** protos, natives, bound methods and native objects.
**
** Everything is GC-allocated. String bytes are the only atomic (unscanned)
** payload allocated here; GC_MALLOC_ATOMIC memory is not zeroed, so every
** field of an atomic object is written before it is published.
** Strings of length 0 and 1 are shared static objects (immutable; their lazily
** computed hash is the same for every writer).
*/
#include <string.h>
#include <stdint.h>
#include "vm/gc.h"
#include "vm/object.h"

void vm_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
Value value_coerce(Type *t, Value v);   /* vm/value.c */

/* {====================================================================
** Strings
** ===================================================================== */

/* Same layout as ObjString (data at offset 12) with room for 1 byte + NUL. */
typedef struct SmallStr {
  int64_t len;
  uint32_t hash;
  char data[4];
} SmallStr;

_Static_assert(offsetof(SmallStr, data) == offsetof(ObjString, data), "SmallStr layout");

static SmallStr empty_str;            /* len 0, data "" */
static SmallStr byte_strs[256];       /* every one-byte string */

__attribute__((constructor)) static void init_small_strings(void) {
  for (int i = 0; i < 256; i++) {
    byte_strs[i].len = 1;
    byte_strs[i].data[0] = (char)i;
  }
}

ObjString *str_empty(void) { return (ObjString *)&empty_str; }

ObjString *str_alloc(int64_t len) {
  if (len <= 0) return str_empty();
  if ((uint64_t)len > ((uint64_t)1 << 40)) vm_fatal("runtime: out of memory");
  ObjString *s = GC_MALLOC_ATOMIC(sizeof(ObjString) + (size_t)len + 1);
  if (!s) vm_fatal("runtime: out of memory");
  s->len = len;
  s->hash = 0;
  s->data[len] = '\0';
  return s;
}

ObjString *str_new(const char *bytes, int64_t len) {
  if (len <= 0) return str_empty();
  if (!bytes) {                       /* fresh, zero-filled, writable */
    ObjString *s = str_alloc(len);
    memset(s->data, 0, (size_t)len);
    return s;
  }
  if (len == 1) return (ObjString *)&byte_strs[(uint8_t)bytes[0]];
  ObjString *s = str_alloc(len);
  memcpy(s->data, bytes, (size_t)len);
  return s;
}

Value str_val_n(const char *bytes, int64_t len) { return OBJ_VAL(VAL_STR, str_new(bytes, len)); }

Value str_val(const char *cstr) {
  return OBJ_VAL(VAL_STR, cstr ? str_new(cstr, (int64_t)strlen(cstr)) : str_empty());
}

static inline uint64_t rd64(const unsigned char *p) { uint64_t x; memcpy(&x, p, 8); return x; }
static inline uint64_t rd32(const unsigned char *p) { uint32_t x; memcpy(&x, p, 4); return x; }

static inline uint64_t mulmix(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* A multiply-mix byte hash (16 bytes per round; short inputs read by
** overlapping loads). Not cryptographic; map keys are not attacker-chosen. */
static uint64_t hash_bytes(const unsigned char *p, size_t n) {
  const uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                 k2 = 0x8ebc6af09c88c6e3ull, k3 = 0x589965cc75374cc3ull;
  uint64_t h = k0 ^ (n * k3), a, b;
  if (n <= 16) {
    if (n >= 4) {
      if (n >= 8) { a = rd64(p); b = rd64(p + n - 8); }
      else { a = rd32(p) << 32 | rd32(p + n - 4); b = 0; }
    } else if (n > 0) {
      a = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    while (i > 16) {
      h = mulmix(rd64(p) ^ k1, rd64(p + 8) ^ h);
      p += 16;
      i -= 16;
    }
    a = rd64(p + i - 16);
    b = rd64(p + i - 8);
  }
  return mulmix(k1 ^ n, mulmix(a ^ k1, b ^ h ^ k2));
}

uint32_t str_hash(ObjString *s) {
  uint32_t h = __atomic_load_n(&s->hash, __ATOMIC_RELAXED);
  if (h) return h;
  uint64_t x = hash_bytes((const unsigned char *)s->data, (size_t)s->len);
  h = (uint32_t)(x ^ (x >> 32));
  if (h == 0) h = 1;
  __atomic_store_n(&s->hash, h, __ATOMIC_RELAXED);   /* benign race: same value */
  return h;
}

/* }==================================================================== */

/* {====================================================================
** Arrays and slices
** ===================================================================== */

static inline bool is_aggregate(const Value *v) {
  return v->kind == VAL_STRUCT || v->kind == VAL_ARRAY;
}

/* Can an element of type t hold a struct/array object (which needs copying)? */
static inline bool may_hold_aggregate(Type *t) {
  if (!t) return true;
  switch (t->kind) {
  case TY_STRUCT: case TY_ARRAY: case TY_INTERFACE: case TY_NIL: return true;
  default: return false;
  }
}

/* Does the zero value of t need a fresh object per slot? */
static inline bool zero_is_fresh(Type *t) {
  return t && (t->kind == TY_STRUCT || t->kind == TY_ARRAY || t->kind == TY_NATIVE);
}

/* Fill v[from, to) with zero values of t. */
static void fill_zero(Value *v, int64_t from, int64_t to, Type *t, bool already_zeroed) {
  if (from >= to) return;
  if (zero_is_fresh(t)) {
    for (int64_t i = from; i < to; i++) v[i] = type_zero(t);
    return;
  }
  Value z = type_zero(t);   /* VAL_NIL for NULL/interfaces */
  if (z.kind == VAL_NIL && z.pk == 0 && z.aux == 0) {
    if (!already_zeroed) memset(v + from, 0, sizeof(Value) * (size_t)(to - from));
    return;
  }
  for (int64_t i = from; i < to; i++) v[i] = z;
}

static ObjArray *array_alloc(Type *elem, int64_t len) {
  if (len < 0) len = 0;
  if ((uint64_t)len > (((uint64_t)1 << 40) - sizeof(ObjArray)) / sizeof(Value))
    vm_fatal("runtime: out of memory");
  ObjArray *a = GC_MALLOC(sizeof(ObjArray) + sizeof(Value) * (size_t)len);
  if (!a) vm_fatal("runtime: out of memory");
  a->elem = elem;
  a->len = len;
  return a;
}

ObjArray *array_new(Type *elem, int64_t len) {
  ObjArray *a = array_alloc(elem, len);
  fill_zero(a->v, 0, a->len, elem, true);
  return a;
}

ObjSlice *slice_new(ObjArray *arr, int64_t off, int64_t len, int64_t cap) {
  ObjSlice *s = NEW(ObjSlice);
  if (!s) vm_fatal("runtime: out of memory");
  s->arr = arr;
  s->off = off;
  s->len = len;
  s->cap = cap;
  return s;
}

Value slice_make(Type *elem, int64_t len, int64_t cap) {
  if (len < 0) len = 0;
  if (cap < len) cap = len;
  ObjArray *a = array_new(elem, cap);
  return OBJ_VAL(VAL_SLICE, slice_new(a, 0, len, cap));
}

/* ---- Go 1.19 growslice: capacity growth and malloc size classes ---- */

static const uint16_t size_classes[] = {
  8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
  288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280,
  1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528,
  6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072,
  20480, 21760, 24576, 27264, 28672, 32768,
};

/* Go's roundupsize: the size the allocator really hands out. */
static uint64_t go_roundupsize(uint64_t size) {
  if (size < 32768) {
    int lo = 0, hi = (int)(sizeof size_classes / sizeof size_classes[0]) - 1;
    while (lo < hi) {                    /* first class >= size */
      int mid = (lo + hi) / 2;
      if (size_classes[mid] >= size) hi = mid;
      else lo = mid + 1;
    }
    return size == 0 ? 0 : size_classes[lo];
  }
  if (size + 8192 < size) return size;
  return (size + 8191) & ~(uint64_t)8191;
}

static uint64_t go_align(Type *t, int depth);

/* Size in bytes of a Go value of type t (amd64), for append's growth rounding. */
static uint64_t go_size(Type *t, int depth) {
  if (!t) return 16;                     /* interface */
  if (depth > 16) return 8;
  switch (t->kind) {
  case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
  case TY_INT16: case TY_UINT16: return 2;
  case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
  case TY_INT: case TY_INT64: case TY_UINT: case TY_UINT64: case TY_UINTPTR: case TY_FLOAT64:
  case TY_MAP: case TY_PTR: case TY_FUNC: case TY_CHAN: case TY_NATIVE:
    return 8;
  case TY_COMPLEX128: case TY_STRING: case TY_INTERFACE: case TY_NIL: return 16;
  case TY_SLICE: return 24;
  case TY_ARRAY: {
    uint64_t e = go_size(t->elem, depth + 1);
    if (t->len > 0 && e > ((uint64_t)1 << 48) / (uint64_t)t->len) return (uint64_t)1 << 48;
    return e * (uint64_t)(t->len > 0 ? t->len : 0);
  }
  case TY_STRUCT: {
    uint64_t off = 0, maxal = 1;
    for (int i = 0; i < t->nfields; i++) {
      Type *ft = t->fields[i].type;
      uint64_t al = go_align(ft, depth + 1), sz = go_size(ft, depth + 1);
      if (al > maxal) maxal = al;
      off = (off + al - 1) & ~(al - 1);
      off += sz;
      if (off > ((uint64_t)1 << 48)) return (uint64_t)1 << 48;
    }
    /* Go pads a struct whose last field is zero-sized (so &last stays inside). */
    if (t->nfields > 0 && off > 0 && go_size(t->fields[t->nfields - 1].type, depth + 1) == 0) off++;
    return (off + maxal - 1) & ~(maxal - 1);
  }
  default: return 8;
  }
}

static uint64_t go_align(Type *t, int depth) {
  if (!t) return 8;
  if (depth > 16) return 8;
  switch (t->kind) {
  case TY_ARRAY: return go_align(t->elem, depth + 1);
  case TY_STRUCT: {
    uint64_t m = 1;
    for (int i = 0; i < t->nfields; i++) {
      uint64_t a = go_align(t->fields[i].type, depth + 1);
      if (a > m) m = a;
    }
    return m;
  }
  case TY_COMPLEX128: case TY_STRING: case TY_INTERFACE: case TY_SLICE: case TY_NIL: return 8;
  default: {
    uint64_t s = go_size(t, depth + 1);
    return s >= 8 ? 8 : (s == 0 ? 1 : s);
  }
  }
}

/* The capacity Go 1.19 gives a slice of element type elem, capacity oldcap,
** that must grow to hold `needed` elements. Exposed for the unit tests. */
int64_t slice_grow_cap(Type *elem, int64_t oldcap, int64_t needed) {
  int64_t newcap = oldcap, doublecap = oldcap + oldcap;
  if (needed > doublecap) {
    newcap = needed;
  } else if (oldcap < 256) {
    newcap = doublecap;
  } else {
    while (0 < newcap && newcap < needed) newcap += (newcap + 3 * 256) / 4;
    if (newcap <= 0) newcap = needed;
  }
  uint64_t es = go_size(elem, 0);
  if (es == 0) return needed;
  if ((uint64_t)newcap > ((uint64_t)1 << 48) / es) return newcap;
  uint64_t mem = go_roundupsize((uint64_t)newcap * es);
  int64_t c = (int64_t)(mem / es);
  return c < needed ? needed : c;
}

/* Store n values at dst (regions may overlap: append(s[:i], s[i+1:]...)),
** giving each struct/array element its own copy and coercing untyped ints
** for float element types. */
static void store_values(Value *dst, const Value *src, int64_t n, Type *elem) {
  memmove(dst, src, sizeof(Value) * (size_t)n);
  bool coerce = elem && (elem->kind == TY_FLOAT64 || elem->kind == TY_FLOAT32 || elem->id != 0);
  bool agg = may_hold_aggregate(elem);
  if (!coerce && !agg) return;
  for (int64_t i = 0; i < n; i++) {
    if (agg && is_aggregate(&dst[i])) dst[i] = value_copy(dst[i]);
    else if (coerce) dst[i] = value_coerce(elem, dst[i]);
  }
}

Value slice_append(Value s, Type *elem, const Value *vals, int64_t n) {
  ObjSlice *sl = s.kind == VAL_SLICE ? (ObjSlice *)s.as.p : NULL;
  if (n <= 0 || !vals) return s;
  if (!elem && sl && sl->arr) elem = sl->arr->elem;
  if (!elem && s.aux) {               /* a typed nil slice carries its type id */
    Type *st = type_by_id(s.aux);
    if (st && st->kind == TY_SLICE) elem = st->elem;
  }
  int64_t len = sl ? sl->len : 0, cap = sl ? sl->cap : 0;
  if (len > INT64_MAX - n) vm_fatal("runtime: out of memory");
  int64_t needed = len + n;
  Value r = s;
  r.kind = VAL_SLICE;
  r.pk = 0;
  if (needed <= cap) {
    Value *base = sl->arr->v + sl->off;
    store_values(base + len, vals, n, elem);
    r.as.p = slice_new(sl->arr, sl->off, needed, cap);
    return r;
  }
  int64_t newcap = slice_grow_cap(elem, cap, needed);
  ObjArray *na = array_alloc(elem, newcap);
  if (len > 0) {
    /* Copy the old elements (Go copies memory: the old and new backing
    ** arrays must not share struct/array objects). */
    memcpy(na->v, sl->arr->v + sl->off, sizeof(Value) * (size_t)len);
    if (may_hold_aggregate(elem))
      for (int64_t i = 0; i < len; i++)
        if (is_aggregate(&na->v[i])) na->v[i] = value_copy(na->v[i]);
  }
  store_values(na->v + len, vals, n, elem);
  fill_zero(na->v, needed, newcap, elem, true);
  r.as.p = slice_new(na, 0, needed, newcap);
  return r;
}

/* }==================================================================== */

/* {====================================================================
** Structs, cells, functions, natives
** ===================================================================== */

ObjStruct *struct_new(Type *t) {
  Type *u = t ? (t->underlying ? t->underlying : t) : NULL;
  uint32_t n = (u && u->kind == TY_STRUCT && u->nfields > 0) ? (uint32_t)u->nfields : 0;
  ObjStruct *s = GC_MALLOC(sizeof(ObjStruct) + sizeof(Value) * n);
  if (!s) vm_fatal("runtime: out of memory");
  s->type = t;
  s->n = n;
  for (uint32_t i = 0; i < n; i++) s->f[i] = type_zero(u->fields[i].type);
  return s;
}

Cell *cell_new(Value v) {
  Cell *c = NEW(Cell);
  if (!c) vm_fatal("runtime: out of memory");
  c->v = v;
  return c;
}

ObjClosure *closure_new(Proto *p) {
  int nup = p && p->nupvals > 0 ? p->nupvals : 0;
  ObjClosure *c = GC_MALLOC(sizeof(ObjClosure) + sizeof(Cell *) * (size_t)nup);
  if (!c) vm_fatal("runtime: out of memory");
  c->proto = p;
  c->nup = nup;
  return c;
}

Proto *proto_new(void) {
  Proto *p = NEW(Proto);
  if (!p) vm_fatal("runtime: out of memory");
  p->recover_pc = -1;
  return p;
}

Value native_new(const char *name, NativeFn fn, int arity) {
  ObjNative *n = NEW(ObjNative);
  if (!n) vm_fatal("runtime: out of memory");
  n->name = name;
  n->fn = fn;
  n->arity = arity;
  return OBJ_VAL(VAL_NATIVE, n);
}

Value bound_new(Value recv, Value fn) {
  ObjBound *b = NEW(ObjBound);
  if (!b) vm_fatal("runtime: out of memory");
  b->recv = recv;
  b->fn = fn;
  b->drop_first = false;
  return OBJ_VAL(VAL_BOUND, b);
}

Value obj_new(const NativeClass *cls, void *data) {
  ObjNativeObj *o = NEW(ObjNativeObj);
  if (!o) vm_fatal("runtime: out of memory");
  o->cls = cls;
  o->data = data;
  return OBJ_VAL(VAL_OBJ, o);
}

/* }==================================================================== */
