/*
** type.c -- run-time type descriptors: the predeclared types (fixed TID ids),
** interning of composite types, named types, method tables, Go's type strings,
** method sets (type_implements), zero values, value_type, and the global name
** intern table.
**
** Lock rules:
**  - type_lock serialises every mutation of the type tables (interning a new
**    composite type, registering an id, adding a method, setting an underlying
**    type). intern_lock serialises insertions into the name table. Lock order:
**    type_lock before intern_lock (type constructors intern field names).
**  - Readers take no lock. Every table (the id table, the composite-type set,
**    the name set) is published with a release store after it is fully built
**    and never mutated afterwards except for filling an empty slot with a
**    release store of a fully initialised object; readers load with acquire.
**    A reader that misses retries under the lock.
**  - Method tables are copy-on-write: type_add_method builds a new items array
**    and publishes it (release) before the new count (release). Methods are
**    only appended (a redefinition replaces in a fresh copy), so a reader that
**    loads count (acquire) and then items always sees >= count valid entries.
*/
#include <pthread.h>
#include <string.h>
#include <stdlib.h>
#include "vm/gc.h"
#include "vm/type.h"
#include "vm/object.h"
#include "vm/map.h"
#include "vm/opcodes.h"   /* fiber.h (via chan.h) uses Instr without including it */
#include "vm/chan.h"
#include "vm/strbuf.h"

void vm_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#define LOAD_ACQ(p)      __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE_REL(p, v)  __atomic_store_n((p), (v), __ATOMIC_RELEASE)

static pthread_mutex_t type_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;

static int init_done;    /* set with a release store at the end of do_type_init */
static void ensure_init(void) {
  if (__builtin_expect(!LOAD_ACQ(&init_done), 0)) type_init();
}

/* Ids 12..15 are taken by these predeclared types (below TID_FIRST_USER). */
enum { TID_COMPLEX128 = 12, TID_ERROR = 13, TID_ANY = 14, TID_NILTYPE = 15 };

static uint64_t mix2(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)(a ^ 0x9E3779B97F4A7C15ull) * (b ^ 0xD6E8FEB86659FD93ull);
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static uint64_t hash_cstr(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;            /* FNV-1a, then a final mix */
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001b3ull;
  return mix2(h, n);
}

/* {====================================================================
** Name interning: an open-addressing set of NUL-terminated strings.
** ===================================================================== */

typedef struct NameSet {
  size_t mask;           /* slots - 1 (power of two minus one) */
  size_t count;          /* written under intern_lock only */
  const char *slots[];   /* NULL = empty */
} NameSet;

static NameSet *names;   /* published with STORE_REL; static data is a GC root */

static NameSet *nameset_new(size_t nslots) {
  NameSet *s = GC_MALLOC(sizeof(NameSet) + nslots * sizeof(char *));
  if (!s) vm_fatal("runtime: out of memory");
  s->mask = nslots - 1;
  s->count = 0;
  return s;
}

static const char *nameset_find(NameSet *s, const char *str, size_t n, uint64_t h) {
  if (!s) return NULL;
  for (size_t i = h & s->mask, probes = 0; probes <= s->mask; i = (i + 1) & s->mask, probes++) {
    const char *c = LOAD_ACQ(&s->slots[i]);
    if (!c) return NULL;
    if (memcmp(c, str, n) == 0 && c[n] == '\0') return c;
  }
  return NULL;
}

/* Caller holds intern_lock and knows c is absent. */
static void nameset_put(NameSet *s, const char *c, uint64_t h) {
  size_t i = h & s->mask;
  while (s->slots[i]) i = (i + 1) & s->mask;
  STORE_REL(&s->slots[i], c);
  s->count++;
}

const char *intern_n(const char *str, size_t n) {
  if (!str) { str = ""; n = 0; }
  uint64_t h = hash_cstr(str, n);
  const char *c = nameset_find(LOAD_ACQ(&names), str, n, h);
  if (c) return c;
  pthread_mutex_lock(&intern_lock);
  NameSet *s = names;
  c = nameset_find(s, str, n, h);
  if (!c) {
    if (!s || (s->count + 1) * 2 > s->mask + 1) {     /* keep the load <= 1/2 */
      NameSet *ns = nameset_new(s ? (s->mask + 1) * 2 : 1024);
      if (s)
        for (size_t i = 0; i <= s->mask; i++)
          if (s->slots[i]) nameset_put(ns, s->slots[i], hash_cstr(s->slots[i], strlen(s->slots[i])));
      STORE_REL(&names, ns);
      s = ns;
    }
    char *copy = GC_MALLOC_ATOMIC(n + 1);
    if (!copy) vm_fatal("runtime: out of memory");
    memcpy(copy, str, n);
    copy[n] = '\0';
    nameset_put(s, copy, h);
    c = copy;
  }
  pthread_mutex_unlock(&intern_lock);
  return c;
}

const char *intern(const char *s) { return intern_n(s ? s : "", s ? strlen(s) : 0); }

/* Names in tables are interned, but be forgiving to callers passing a literal. */
static inline bool name_eq(const char *a, const char *b) {
  return a == b || (a && b && a[0] == b[0] && strcmp(a, b) == 0);
}

/* }==================================================================== */

/* {====================================================================
** The id table: id -> Type, plus a cache of type strings by id.
** ===================================================================== */

typedef struct TypeTab {
  uint32_t n, cap;       /* ids [0, n) are assigned */
  Type **types;
  const char **strs;     /* type_str cache; filled lazily (benign race: same string) */
} TypeTab;

static TypeTab *ttab;    /* published with STORE_REL */

/* Caller holds type_lock (or is type_init). Assigns t->id = next id, or `fixed`. */
static void register_type(Type *t, int64_t fixed) {
  TypeTab *tab = ttab;
  uint32_t id = fixed >= 0 ? (uint32_t)fixed : (tab ? tab->n : TID_FIRST_USER);
  if (id < TID_FIRST_USER && fixed < 0) id = TID_FIRST_USER;
  if (!tab || id >= tab->cap) {
    uint32_t ncap = tab ? tab->cap * 2 : 256;
    while (ncap <= id) ncap *= 2;
    TypeTab *nt = GC_MALLOC(sizeof(TypeTab));
    Type **ty = GC_MALLOC(sizeof(Type *) * ncap);
    const char **st = GC_MALLOC(sizeof(char *) * ncap);
    if (!nt || !ty || !st) vm_fatal("runtime: out of memory");
    if (tab) {
      memcpy(ty, tab->types, sizeof(Type *) * tab->n);
      memcpy(st, tab->strs, sizeof(char *) * tab->n);
    }
    nt->types = ty;
    nt->strs = st;
    nt->cap = ncap;
    nt->n = tab ? tab->n : TID_FIRST_USER;
    STORE_REL(&ttab, nt);
    tab = nt;
  }
  t->id = id;
  STORE_REL(&tab->types[id], t);
  if (id >= tab->n) STORE_REL(&tab->n, id + 1);
}

Type *type_by_id(uint32_t id) {
  if (id == 0) return type_int;
  ensure_init();
  TypeTab *tab = LOAD_ACQ(&ttab);
  if (!tab || id >= LOAD_ACQ(&tab->n)) return NULL;
  return LOAD_ACQ(&tab->types[id]);
}

/* }==================================================================== */

/* {====================================================================
** Interning composite types (Go's type identity -> pointer identity).
** ===================================================================== */

typedef struct TypeSet {
  size_t mask, count;
  Type *slots[];
} TypeSet;

static TypeSet *tset;    /* published with STORE_REL */

static uint64_t shape_hash(const Type *t) {
  uint64_t h = mix2(t->kind, (uintptr_t)t->elem);
  h = mix2(h ^ (uintptr_t)t->key, (uint64_t)t->len * 31 + (uint64_t)t->chan_dir);
  switch (t->kind) {
  case TY_FUNC:
    h = mix2(h, (uint64_t)t->nparams << 32 | (uint64_t)t->nresults << 1 | t->variadic);
    for (int i = 0; i < t->nparams; i++) h = mix2(h, (uintptr_t)t->params[i]);
    for (int i = 0; i < t->nresults; i++) h = mix2(h, (uintptr_t)t->results[i]);
    break;
  case TY_STRUCT:
    h = mix2(h, (uint64_t)t->nfields);
    for (int i = 0; i < t->nfields; i++) {
      const Field *f = &t->fields[i];
      h = mix2(h ^ (uintptr_t)f->name, (uintptr_t)f->type + f->embedded);
      if (f->tag) h = mix2(h, hash_cstr(f->tag, strlen(f->tag)));
    }
    break;
  case TY_INTERFACE:
    h = mix2(h, (uint64_t)t->nimethods);
    for (int i = 0; i < t->nimethods; i++) h = mix2(h, (uintptr_t)t->imethods[i]);
    break;
  default: break;
  }
  return h;
}

static bool shape_eq(const Type *a, const Type *b) {
  if (a->kind != b->kind || a->elem != b->elem || a->key != b->key || a->len != b->len ||
      a->chan_dir != b->chan_dir)
    return false;
  switch (a->kind) {
  case TY_FUNC:
    if (a->nparams != b->nparams || a->nresults != b->nresults || a->variadic != b->variadic)
      return false;
    for (int i = 0; i < a->nparams; i++) if (a->params[i] != b->params[i]) return false;
    for (int i = 0; i < a->nresults; i++) if (a->results[i] != b->results[i]) return false;
    return true;
  case TY_STRUCT:
    if (a->nfields != b->nfields) return false;
    for (int i = 0; i < a->nfields; i++) {
      const Field *x = &a->fields[i], *y = &b->fields[i];
      if (x->name != y->name || x->type != y->type || x->embedded != y->embedded) return false;
      if ((x->tag == NULL) != (y->tag == NULL)) return false;
      if (x->tag && strcmp(x->tag, y->tag) != 0) return false;
    }
    return true;
  case TY_INTERFACE:
    if (a->nimethods != b->nimethods) return false;
    for (int i = 0; i < a->nimethods; i++) if (a->imethods[i] != b->imethods[i]) return false;
    return true;
  default:
    return true;
  }
}

static Type *typeset_find(TypeSet *s, const Type *proto, uint64_t h) {
  if (!s) return NULL;
  for (size_t i = h & s->mask, probes = 0; probes <= s->mask; i = (i + 1) & s->mask, probes++) {
    Type *t = LOAD_ACQ(&s->slots[i]);
    if (!t) return NULL;
    if (shape_eq(t, proto)) return t;
  }
  return NULL;
}

static void typeset_put(TypeSet *s, Type *t, uint64_t h) {
  size_t i = h & s->mask;
  while (s->slots[i]) i = (i + 1) & s->mask;
  STORE_REL(&s->slots[i], t);
  s->count++;
}


/* Return the interned type with proto's shape, creating it (a copy of proto
** made by `finish`, which must deep-copy proto's arrays) if absent. */
static Type *intern_type(Type *proto, void (*finish)(Type *)) {
  ensure_init();
  uint64_t h = shape_hash(proto);
  Type *t = typeset_find(LOAD_ACQ(&tset), proto, h);
  if (t) return t;
  pthread_mutex_lock(&type_lock);
  TypeSet *s = tset;
  t = typeset_find(s, proto, h);
  if (!t) {
    if (!s || (s->count + 1) * 2 > s->mask + 1) {
      size_t n = s ? (s->mask + 1) * 2 : 1024;
      TypeSet *ns = GC_MALLOC(sizeof(TypeSet) + n * sizeof(Type *));
      if (!ns) vm_fatal("runtime: out of memory");
      ns->mask = n - 1;
      if (s)
        for (size_t i = 0; i <= s->mask; i++)
          if (s->slots[i]) typeset_put(ns, s->slots[i], shape_hash(s->slots[i]));
      STORE_REL(&tset, ns);
      s = ns;
    }
    t = NEW(Type);
    if (!t) vm_fatal("runtime: out of memory");
    *t = *proto;
    t->underlying = t;
    t->name = NULL;
    t->pkg = NULL;
    memset(&t->methods, 0, sizeof t->methods);
    if (finish) finish(t);
    register_type(t, -1);
    typeset_put(s, t, h);
  }
  pthread_mutex_unlock(&type_lock);
  return t;
}

Type *type_slice(Type *elem) {
  Type p = {.kind = TY_SLICE, .elem = elem};
  return intern_type(&p, NULL);
}

Type *type_array(Type *elem, int64_t len) {
  Type p = {.kind = TY_ARRAY, .elem = elem, .len = len < 0 ? 0 : len};
  return intern_type(&p, NULL);
}

Type *type_map(Type *key, Type *val) {
  Type p = {.kind = TY_MAP, .key = key, .elem = val};
  return intern_type(&p, NULL);
}

Type *type_ptr(Type *elem) {
  Type p = {.kind = TY_PTR, .elem = elem};
  return intern_type(&p, NULL);
}

Type *type_chan(Type *elem, int dir) {
  Type p = {.kind = TY_CHAN, .elem = elem, .chan_dir = (dir == 1 || dir == 2) ? dir : 0};
  return intern_type(&p, NULL);
}

static void finish_func(Type *t) {
  Type **ps = t->nparams ? NEW_ARRAY(Type *, t->nparams) : NULL;
  Type **rs = t->nresults ? NEW_ARRAY(Type *, t->nresults) : NULL;
  if (ps) memcpy(ps, t->params, sizeof(Type *) * (size_t)t->nparams);
  if (rs) memcpy(rs, t->results, sizeof(Type *) * (size_t)t->nresults);
  t->params = ps;
  t->results = rs;
}

Type *type_func(Type **params, int np, Type **results, int nr, bool variadic) {
  if (np < 0 || !params) np = 0;
  if (nr < 0 || !results) nr = 0;
  Type p = {.kind = TY_FUNC, .nparams = np, .nresults = nr, .params = params,
            .results = results, .variadic = variadic && np > 0};
  return intern_type(&p, finish_func);
}

static void finish_struct(Type *t) {
  Field *fs = t->nfields ? NEW_ARRAY(Field, t->nfields) : NULL;
  for (int i = 0; i < t->nfields; i++) {
    fs[i] = t->fields[i];
    if (fs[i].tag) fs[i].tag = GC_STRDUP(fs[i].tag);
  }
  t->fields = fs;
}

Type *type_struct(Field *fields, int n) {
  if (n < 0 || !fields) n = 0;
  /* Intern the names first (outside type_lock: lock order), in a scratch copy. */
  Field *tmp = n ? NEW_ARRAY(Field, n) : NULL;
  for (int i = 0; i < n; i++) {
    tmp[i] = fields[i];
    tmp[i].name = intern(fields[i].name ? fields[i].name : "");
  }
  Type p = {.kind = TY_STRUCT, .nfields = n, .fields = tmp};
  return intern_type(&p, finish_struct);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void finish_iface(Type *t) {
  const char **ms = t->nimethods ? NEW_ARRAY(const char *, t->nimethods) : NULL;
  if (ms) memcpy(ms, t->imethods, sizeof(char *) * (size_t)t->nimethods);
  t->imethods = ms;
}

Type *type_interface(const char **methods, int n) {
  if (n < 0 || !methods) n = 0;
  const char **tmp = n ? NEW_ARRAY(const char *, n) : NULL;
  for (int i = 0; i < n; i++) tmp[i] = intern(methods[i] ? methods[i] : "");
  if (n > 1) qsort(tmp, (size_t)n, sizeof(char *), cmp_names);
  int m = 0;                                   /* drop duplicates */
  for (int i = 0; i < n; i++)
    if (m == 0 || tmp[m - 1] != tmp[i]) tmp[m++] = tmp[i];
  Type p = {.kind = TY_INTERFACE, .nimethods = m, .imethods = tmp};
  return intern_type(&p, finish_iface);
}

/* }==================================================================== */

/* {====================================================================
** Named and native types, methods.
** ===================================================================== */

static uint64_t impl_cache[4096];   /* see type_implements */

static void impl_cache_clear(void) {
  for (size_t i = 0; i < sizeof impl_cache / sizeof impl_cache[0]; i++)
    __atomic_store_n(&impl_cache[i], 0, __ATOMIC_RELAXED);
}

static const char *qualify(const char *pkg, const char *name) {
  if (!name) name = "";
  if (!pkg || !*pkg) return intern(name);
  size_t lp = strlen(pkg), ln = strlen(name);
  char *buf = GC_MALLOC_ATOMIC(lp + ln + 2);
  if (!buf) vm_fatal("runtime: out of memory");
  memcpy(buf, pkg, lp);
  buf[lp] = '.';
  memcpy(buf + lp + 1, name, ln + 1);
  return intern_n(buf, lp + ln + 1);
}

/* Copy the structure of u into named type t (so t->fields etc. work directly). */
static void adopt_underlying(Type *t, Type *u) {
  t->kind = u->kind;
  t->underlying = u;
  t->elem = u->elem;
  t->key = u->key;
  t->len = u->len;
  t->chan_dir = u->chan_dir;
  t->nfields = u->nfields;
  t->fields = u->fields;
  t->nparams = u->nparams;
  t->nresults = u->nresults;
  t->params = u->params;
  t->results = u->results;
  t->variadic = u->variadic;
  t->nimethods = u->nimethods;
  t->imethods = u->imethods;
  if (u->kind == TY_NATIVE) t->native = u->native;
}

Type *type_named(const char *pkg, const char *name, Type *underlying) {
  ensure_init();
  const char *full = qualify(pkg, name);
  const char *ipkg = pkg ? intern(pkg) : NULL;
  Type *t = NEW(Type);
  if (!t) vm_fatal("runtime: out of memory");
  t->name = full;
  t->pkg = ipkg;
  t->kind = TY_STRUCT;          /* placeholder until the underlying type is set */
  t->underlying = t;
  if (underlying) {
    Type *u = underlying->name && underlying->underlying ? underlying->underlying : underlying;
    adopt_underlying(t, u);
  }
  pthread_mutex_lock(&type_lock);
  register_type(t, -1);
  pthread_mutex_unlock(&type_lock);
  return t;
}

void type_set_underlying(Type *named, Type *underlying) {
  if (!named || !underlying) return;
  Type *u = underlying;
  if (u->name && u->underlying && u->underlying != u) u = u->underlying;
  if (u == named) return;       /* `type T T`: invalid, keep the placeholder */
  pthread_mutex_lock(&type_lock);
  adopt_underlying(named, u);
  pthread_mutex_unlock(&type_lock);
  impl_cache_clear();
}

Type *type_native(const char *pkg, const char *name, const struct NativeClass *cls) {
  ensure_init();
  Type *t = NEW(Type);
  if (!t) vm_fatal("runtime: out of memory");
  t->kind = TY_NATIVE;
  t->name = qualify(pkg, name);
  t->pkg = pkg ? intern(pkg) : NULL;
  t->underlying = t;
  t->native = cls;
  pthread_mutex_lock(&type_lock);
  register_type(t, -1);
  pthread_mutex_unlock(&type_lock);
  return t;
}

void type_add_method(Type *t, const char *name, Value fn, bool ptr_recv) {
  if (!t || !name) return;
  name = intern(name);
  pthread_mutex_lock(&type_lock);
  MethodTable *mt = &t->methods;
  int n = mt->count;
  Method *items = NEW_ARRAY(Method, n + 1);
  if (!items) vm_fatal("runtime: out of memory");
  if (n) memcpy(items, mt->items, sizeof(Method) * (size_t)n);
  int at = n;
  for (int i = 0; i < n; i++)
    if (items[i].name == name) { at = i; break; }
  items[at].name = name;
  items[at].fn = fn;
  items[at].ptr_recv = ptr_recv;
  mt->cap = n + 1;
  STORE_REL(&mt->items, items);                 /* items before count: see the header */
  if (at == n) STORE_REL(&mt->count, n + 1);
  pthread_mutex_unlock(&type_lock);
  impl_cache_clear();
}

const Method *type_find_method(Type *t, const char *name) {
  if (!t || !name) return NULL;
  int n = LOAD_ACQ(&t->methods.count);
  Method *items = LOAD_ACQ(&t->methods.items);
  for (int i = 0; i < n; i++)
    if (name_eq(items[i].name, name)) return &items[i];
  return NULL;
}

int type_field_index(Type *t, const char *name) {
  if (!t || !name) return -1;
  Type *u = t->underlying ? t->underlying : t;
  if (u->kind != TY_STRUCT) return -1;
  for (int i = 0; i < u->nfields; i++)
    if (name_eq(u->fields[i].name, name)) return i;
  return -1;
}

/* }==================================================================== */

/* {====================================================================
** Predeclared types.
** ===================================================================== */

/* The predeclared types are static objects, so type_int & co. are valid from
** program start (even before type_init, e.g. in unit tests); type_init only
** registers them in the id table and the interning set. int, float64, string
** and bool all have id 0 (aux 0 = the kind's default type); type_by_id(0)
** answers type_int. */
#define BASIC(var, k, nm, tid) \
  static Type var##_obj = {.kind = (k), .id = (tid), .name = nm, .underlying = &var##_obj}
BASIC(t_bool, TY_BOOL, "bool", 0);
BASIC(t_int, TY_INT, "int", 0);
BASIC(t_int8, TY_INT8, "int8", TID_INT8);
BASIC(t_int16, TY_INT16, "int16", TID_INT16);
BASIC(t_int32, TY_INT32, "int32", TID_INT32);
BASIC(t_int64, TY_INT64, "int64", TID_INT64);
BASIC(t_uint, TY_UINT, "uint", TID_UINT);
BASIC(t_uint8, TY_UINT8, "uint8", TID_UINT8);
BASIC(t_uint16, TY_UINT16, "uint16", TID_UINT16);
BASIC(t_uint32, TY_UINT32, "uint32", TID_UINT32);
BASIC(t_uint64, TY_UINT64, "uint64", TID_UINT64);
BASIC(t_uintptr, TY_UINTPTR, "uintptr", TID_UINTPTR);
BASIC(t_float32, TY_FLOAT32, "float32", TID_FLOAT32);
BASIC(t_float64, TY_FLOAT64, "float64", 0);
BASIC(t_complex128, TY_COMPLEX128, "complex128", TID_COMPLEX128);
BASIC(t_string, TY_STRING, "string", 0);
BASIC(t_nil, TY_NIL, "<nil>", TID_NILTYPE);
#undef BASIC
static Type t_any_obj = {.kind = TY_INTERFACE, .id = TID_ANY, .underlying = &t_any_obj};
static const char *err_methods[1] = {"Error"};   /* interned by type_init */
static Type t_err_iface_obj = {.kind = TY_INTERFACE, .underlying = &t_err_iface_obj,
                               .nimethods = 1, .imethods = err_methods};
static Type t_error_obj = {.kind = TY_INTERFACE, .id = TID_ERROR, .name = "error",
                           .underlying = &t_err_iface_obj, .nimethods = 1, .imethods = err_methods};

Type *type_bool = &t_bool_obj, *type_int = &t_int_obj, *type_int8 = &t_int8_obj,
     *type_int16 = &t_int16_obj, *type_int32 = &t_int32_obj, *type_int64 = &t_int64_obj,
     *type_uint = &t_uint_obj, *type_uint8 = &t_uint8_obj, *type_uint16 = &t_uint16_obj,
     *type_uint32 = &t_uint32_obj, *type_uint64 = &t_uint64_obj, *type_uintptr = &t_uintptr_obj,
     *type_float32 = &t_float32_obj, *type_float64 = &t_float64_obj,
     *type_complex128 = &t_complex128_obj, *type_string = &t_string_obj,
     *type_error = &t_error_obj, *type_any = &t_any_obj, *type_nil = &t_nil_obj;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void do_type_init(void) {
  err_methods[0] = intern("Error");
  pthread_mutex_lock(&type_lock);
  Type *fixed[] = {&t_int8_obj, &t_int16_obj, &t_int32_obj, &t_int64_obj, &t_uint_obj,
                   &t_uint8_obj, &t_uint16_obj, &t_uint32_obj, &t_uint64_obj, &t_uintptr_obj,
                   &t_float32_obj, &t_complex128_obj, &t_error_obj, &t_any_obj, &t_nil_obj};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) register_type(fixed[i], fixed[i]->id);
  /* interface{} and interface{ Error() } built by type_interface() must be
  ** these very objects, so identity holds. */
  TypeSet *ts = GC_MALLOC(sizeof(TypeSet) + 1024 * sizeof(Type *));
  if (!ts) vm_fatal("runtime: out of memory");
  ts->mask = 1023;
  typeset_put(ts, &t_any_obj, shape_hash(&t_any_obj));
  register_type(&t_err_iface_obj, -1);
  typeset_put(ts, &t_err_iface_obj, shape_hash(&t_err_iface_obj));
  STORE_REL(&tset, ts);
  pthread_mutex_unlock(&type_lock);
  STORE_REL(&init_done, 1);                     /* last: ensure_init() tests it */
}

void type_init(void) { pthread_once(&init_once, do_type_init); }

/* }==================================================================== */

/* {====================================================================
** value_type
** ===================================================================== */

static bool is_int_kind(int k) { return k >= TY_INT && k <= TY_UINTPTR; }

/* The type recorded in aux, if it exists and has kind `k` (or satisfies pred). */
static inline Type *aux_type(uint32_t aux, int k) {
  if (!aux) return NULL;
  Type *t = type_by_id(aux);
  return (t && t->kind == k) ? t : NULL;
}

static Type *generic_func;   /* func() */

static Type *func_generic(void) {
  Type *t = LOAD_ACQ(&generic_func);
  if (!t) {
    t = type_func(NULL, 0, NULL, 0, false);
    STORE_REL(&generic_func, t);
  }
  return t;
}

/* Class -> type for native classes whose cls->type was never set. */
typedef struct ClsType { const NativeClass *cls; Type *type; struct ClsType *next; } ClsType;
static ClsType *cls_types;

static Type *native_class_type(const NativeClass *cls) {
  if (cls->type) return cls->type;
  pthread_mutex_lock(&type_lock);
  ClsType *c = cls_types;
  for (; c; c = c->next)
    if (c->cls == cls) break;
  pthread_mutex_unlock(&type_lock);
  if (c) return c->type;
  Type *t = type_native(NULL, cls->name ? cls->name : "native", cls);
  pthread_mutex_lock(&type_lock);
  for (c = cls_types; c; c = c->next)
    if (c->cls == cls) { t = c->type; break; }
  if (!c) {
    c = NEW(ClsType);
    c->cls = cls;
    c->type = t;
    c->next = cls_types;
    cls_types = c;
  }
  pthread_mutex_unlock(&type_lock);
  return t;
}

static Type *ptr_target_type(Value v) {
  switch (v.pk) {
  case PTR_CELL: {
    Cell *c = v.as.p;
    Value x = c->v;
    if (x.kind == VAL_NIL) return type_any;
    return value_type(x);
  }
  case PTR_STRUCT: return ((ObjStruct *)v.as.p)->type;
  case PTR_ARRAY: {
    ObjArray *a = v.as.p;
    if (v.aux) {   /* the named array type, when the pointer's maker knew it */
      Type *nt = type_by_id(v.aux);
      if (nt && nt->kind == TY_ARRAY) return nt;
    }
    return type_array(a->elem ? a->elem : type_any, a->len);
  }
  case PTR_FIELD: {
    ObjStruct *s = v.as.p;
    Type *st = s->type ? s->type->underlying : NULL;
    if (st && st->kind == TY_STRUCT && v.aux < (uint32_t)st->nfields && st->fields[v.aux].type)
      return st->fields[v.aux].type;
    return v.aux < s->n ? value_type(s->f[v.aux]) : type_any;
  }
  case PTR_ELEM: {
    ObjArray *a = v.as.p;
    if (a->elem) return a->elem;
    return v.aux < a->len ? value_type(a->v[v.aux]) : type_any;
  }
  default: return type_any;
  }
}

Type *value_type(Value v) {
  ensure_init();
  Type *t;
  switch (v.kind) {
  case VAL_NIL: return type_nil;
  case VAL_BOOL:
    return (t = aux_type(v.aux, TY_BOOL)) ? t : type_bool;
  case VAL_INT:
    if (v.aux) {
      t = type_by_id(v.aux);
      if (t && is_int_kind(t->kind)) return t;
    }
    return type_int;
  case VAL_FLOAT:
    if (v.aux) {
      t = type_by_id(v.aux);
      if (t && (t->kind == TY_FLOAT64 || t->kind == TY_FLOAT32)) return t;
    }
    return type_float64;
  case VAL_STR:
    return (t = aux_type(v.aux, TY_STRING)) ? t : type_string;
  case VAL_SLICE: {
    if ((t = aux_type(v.aux, TY_SLICE))) return t;
    ObjSlice *s = v.as.p;
    /* A nil slice whose Value does not carry its type id (aux, set by
    ** type_zero) has no type information left: it reports type_nil. */
    if (!s) return type_nil;
    return type_slice(s->arr && s->arr->elem ? s->arr->elem : type_any);
  }
  case VAL_ARRAY: {
    if ((t = aux_type(v.aux, TY_ARRAY))) return t;
    ObjArray *a = v.as.p;
    if (!a) return type_nil;
    return type_array(a->elem ? a->elem : type_any, a->len);
  }
  case VAL_STRUCT: {
    ObjStruct *s = v.as.p;
    return s && s->type ? s->type : type_nil;
  }
  case VAL_MAP: {
    if ((t = aux_type(v.aux, TY_MAP))) return t;
    ObjMap *m = v.as.p;
    if (m && m->type) return m->type;
    return m ? type_map(type_any, type_any) : type_nil;
  }
  case VAL_PTR:
    if (!v.as.p) return (t = aux_type(v.aux, TY_PTR)) ? t : type_nil;
    return type_ptr(ptr_target_type(v));
  case VAL_FUNC: {
    if ((t = aux_type(v.aux, TY_FUNC))) return t;
    ObjClosure *c = v.as.p;
    if (!c) return type_nil;
    return c->proto && c->proto->type ? c->proto->type : func_generic();
  }
  case VAL_NATIVE:
  case VAL_BOUND:
    return func_generic();
  case VAL_CHAN: {
    if ((t = aux_type(v.aux, TY_CHAN))) return t;
    Chan *c = v.as.p;
    if (!c) return type_nil;
    return type_chan(c->elem ? c->elem : type_any, 0);
  }
  case VAL_OBJ: {
    ObjNativeObj *o = v.as.p;
    if (!o || !o->cls) return type_nil;
    return native_class_type(o->cls);
  }
  case VAL_CELL: {
    Cell *c = v.as.p;
    return c ? value_type(c->v) : type_nil;
  }
  case VAL_TYPE:
  default:
    return type_nil;
  }
}

/* }==================================================================== */

/* {====================================================================
** type_str
** ===================================================================== */

static void put_quoted(StrBuf *b, const char *s) {
  sb_putc(b, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '"': sb_puts(b, "\\\""); break;
    case '\\': sb_puts(b, "\\\\"); break;
    case '\n': sb_puts(b, "\\n"); break;
    case '\t': sb_puts(b, "\\t"); break;
    case '\r': sb_puts(b, "\\r"); break;
    default:
      if (c < 0x20 || c == 0x7f) sb_printf(b, "\\x%02x", c);
      else sb_putc(b, (char)c);
    }
  }
  sb_putc(b, '"');
}

static void write_type(StrBuf *b, Type *t, int depth) {
  if (!t) { sb_puts(b, "<nil>"); return; }
  if (t->name) { sb_puts(b, t->name); return; }
  if (depth > 64) { sb_puts(b, "..."); return; }
  switch (t->kind) {
  case TY_SLICE: sb_puts(b, "[]"); write_type(b, t->elem, depth + 1); break;
  case TY_ARRAY:
    sb_printf(b, "[%lld]", (long long)t->len);
    write_type(b, t->elem, depth + 1);
    break;
  case TY_PTR: sb_putc(b, '*'); write_type(b, t->elem, depth + 1); break;
  case TY_MAP:
    sb_puts(b, "map[");
    write_type(b, t->key, depth + 1);
    sb_putc(b, ']');
    write_type(b, t->elem, depth + 1);
    break;
  case TY_CHAN:
    if (t->chan_dir == 1) sb_puts(b, "chan<- ");
    else if (t->chan_dir == 2) sb_puts(b, "<-chan ");
    else sb_puts(b, "chan ");
    if (t->chan_dir == 0 && t->elem && !t->elem->name && t->elem->kind == TY_CHAN &&
        t->elem->chan_dir == 2) {
      sb_putc(b, '(');
      write_type(b, t->elem, depth + 1);
      sb_putc(b, ')');
    } else {
      write_type(b, t->elem, depth + 1);
    }
    break;
  case TY_FUNC:
    sb_puts(b, "func(");
    for (int i = 0; i < t->nparams; i++) {
      if (i) sb_puts(b, ", ");
      Type *p = t->params[i];
      if (t->variadic && i == t->nparams - 1) {
        sb_puts(b, "...");
        write_type(b, p && p->kind == TY_SLICE ? p->elem : p, depth + 1);
      } else {
        write_type(b, p, depth + 1);
      }
    }
    sb_putc(b, ')');
    if (t->nresults == 1) {
      sb_putc(b, ' ');
      write_type(b, t->results[0], depth + 1);
    } else if (t->nresults > 1) {
      sb_puts(b, " (");
      for (int i = 0; i < t->nresults; i++) {
        if (i) sb_puts(b, ", ");
        write_type(b, t->results[i], depth + 1);
      }
      sb_putc(b, ')');
    }
    break;
  case TY_STRUCT:
    if (t->nfields == 0) { sb_puts(b, "struct {}"); break; }
    sb_puts(b, "struct { ");
    for (int i = 0; i < t->nfields; i++) {
      const Field *f = &t->fields[i];
      if (i) sb_puts(b, "; ");
      if (!f->embedded) {
        sb_puts(b, f->name);
        sb_putc(b, ' ');
      }
      write_type(b, f->type, depth + 1);
      if (f->tag && *f->tag) {
        sb_putc(b, ' ');
        put_quoted(b, f->tag);
      }
    }
    sb_puts(b, " }");
    break;
  case TY_INTERFACE:
    /* Method signatures are not recorded: methods print as "M()". */
    if (t->nimethods == 0) { sb_puts(b, "interface {}"); break; }
    sb_puts(b, "interface { ");
    for (int i = 0; i < t->nimethods; i++) {
      if (i) sb_puts(b, "; ");
      sb_puts(b, t->imethods[i]);
      sb_puts(b, "()");
    }
    sb_puts(b, " }");
    break;
  case TY_NIL: sb_puts(b, "<nil>"); break;
  default: sb_puts(b, "?"); break;
  }
}

const char *type_str(Type *t) {
  if (!t) return "<nil>";
  if (t->name) return t->name;
  TypeTab *tab = LOAD_ACQ(&ttab);
  bool cacheable = tab && t->id != 0 && t->id < LOAD_ACQ(&tab->n) && LOAD_ACQ(&tab->types[t->id]) == t;
  if (cacheable) {
    const char *s = LOAD_ACQ(&tab->strs[t->id]);
    if (s) return s;
  }
  StrBuf b;
  sb_init(&b);
  write_type(&b, t, 0);
  const char *s = sb_cstr(&b);
  if (cacheable) STORE_REL(&tab->strs[t->id], s);
  return s;
}

/* }==================================================================== */

/* {====================================================================
** Method sets and interface satisfaction.
** ===================================================================== */

/* Is method `name` in the method set of base type `t` (named, struct, native)?
** `addr`: the value is addressable through a pointer (method set of *T). */
static bool has_method(Type *t, const char *name, bool addr, int depth) {
  if (!t || depth > 8) return false;
  if (t->kind == TY_PTR && !t->name) {          /* *T: all methods of T */
    if (addr) return false;                      /* **T has no methods */
    return has_method(t->elem, name, true, depth);
  }
  if (t->kind == TY_INTERFACE) {
    Type *u = t->underlying ? t->underlying : t;
    for (int i = 0; i < u->nimethods; i++)
      if (name_eq(u->imethods[i], name)) return true;
    return false;
  }
  const Method *m = type_find_method(t, name);
  if (m && (addr || !m->ptr_recv || t->kind == TY_NATIVE)) return true;
  if (m) return false;                           /* found but pointer receiver: shadows */
  Type *u = t->underlying ? t->underlying : t;
  if (u->kind != TY_STRUCT) return false;
  for (int i = 0; i < u->nfields; i++) {
    const Field *f = &u->fields[i];
    if (!f->embedded || !f->type) continue;
    if (f->type->kind == TY_PTR && !f->type->name) {
      if (has_method(f->type->elem, name, true, depth + 1)) return true;
    } else if (has_method(f->type, name, addr, depth + 1)) {
      return true;
    }
  }
  return false;
}

bool type_implements(Type *t, Type *iface) {
  if (!iface) return false;
  Type *it = iface->underlying ? iface->underlying : iface;
  if (it->kind != TY_INTERFACE) return t == iface;
  if (it->nimethods == 0) return true;
  if (!t || t->kind == TY_NIL) return false;
  /* Cache: one word per entry, (t->id, iface->id, valid, result). Ids are
  ** unique for every type that can have methods (id 0 is shared by the four
  ** plain basic types, which have none). */
  uint64_t tid = t->id, iid = iface->id;
  bool cacheable = tid != 0 && iid != 0 && tid < (1u << 31) && iid < (1u << 31);
  uint64_t key = tid << 33 | iid << 2 | 2;
  size_t slot = (size_t)(mix2(tid, iid) & (sizeof impl_cache / sizeof impl_cache[0] - 1));
  if (cacheable) {
    uint64_t e = __atomic_load_n(&impl_cache[slot], __ATOMIC_RELAXED);
    if ((e & ~(uint64_t)1) == key) return e & 1;
  }
  bool ok = true;
  for (int i = 0; i < it->nimethods && ok; i++)
    ok = has_method(t, it->imethods[i], false, 0);
  if (cacheable) __atomic_store_n(&impl_cache[slot], key | ok, __ATOMIC_RELAXED);
  return ok;
}

/* }==================================================================== */

/* {====================================================================
** Zero values.
** ===================================================================== */

Value type_zero(Type *t) {
  Value v = NIL_VAL;
  if (!t) return v;
  switch (t->kind) {
  case TY_BOOL: v = BOOL_VAL(false); v.aux = t->id; return v;
  case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
  case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR:
    v = INT_VAL(0); v.aux = t->id; return v;
  case TY_FLOAT32: case TY_FLOAT64: case TY_COMPLEX128:
    v = FLOAT_VAL(0.0); v.aux = t->kind == TY_COMPLEX128 ? 0 : t->id; return v;
  case TY_STRING: v = OBJ_VAL(VAL_STR, str_empty()); v.aux = t->id; return v;
  /* Typed nils carry their type's id in aux so that value_type (%T) can
  ** still name them ("[]int", "map[string]int", "*main.T"). */
  case TY_SLICE: v.kind = VAL_SLICE; v.aux = t->id; return v;
  case TY_MAP: v.kind = VAL_MAP; v.aux = t->id; return v;
  case TY_PTR: v.kind = VAL_PTR; v.pk = PTR_CELL; v.aux = t->id; return v;
  case TY_FUNC: v.kind = VAL_FUNC; v.aux = t->id; return v;
  case TY_CHAN: v.kind = VAL_CHAN; v.aux = t->id; return v;
  case TY_ARRAY: {
    v = OBJ_VAL(VAL_ARRAY, array_new(t->elem, t->len));
    if (t->name) v.aux = t->id;
    return v;
  }
  case TY_STRUCT: return OBJ_VAL(VAL_STRUCT, struct_new(t));
  case TY_NATIVE: {
    const NativeClass *cls = t->native;
    if (!cls) return NIL_VAL;
    return obj_new(cls, cls->create ? cls->create() : NULL);
  }
  case TY_INTERFACE:
  case TY_NIL:
  default:
    return NIL_VAL;
  }
}

/* }==================================================================== */
