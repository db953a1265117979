/*
** api.c -- the package registry (import path -> members) that the compiler
** resolves `fmt.Println` against, native methods and classes, method lookup
** on values as Go's method sets define it, and errors as values
** (errors.New / fmt.Errorf results, Error() of any value).
**
** Lock rule: reg_lock serialises registration (stdlib_init, at startup).
** Lookups take no lock: after startup the registry is only read. A package's
** member array is replaced (never mutated in place) when it grows, and the
** new array is published with a release store before the new count.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/format.h"
#include "vm/strbuf.h"

#define LOAD_ACQ(p)     __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define STORE_REL(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

/* {====================================================================
** Registry
** ===================================================================== */

typedef struct Package {
  const char *path;        /* "math/rand" */
  const char *name;        /* "rand" */
  PkgMember *members;      /* GC_MALLOC'd; replaced when it grows */
  int count, cap;
  const char **names;      /* api_package_members cache (NULL-terminated) */
} Package;

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static Package **pkgs;     /* static data: a GC root */
static int npkgs, pkgs_cap;
static const char **pkg_paths;   /* api_packages cache */

static Package *find_pkg(const char *path) {
  int n = LOAD_ACQ(&npkgs);
  Package **ps = LOAD_ACQ(&pkgs);
  for (int i = 0; i < n; i++)
    if (strcmp(ps[i]->path, path) == 0) return ps[i];
  return NULL;
}

/* Caller holds reg_lock. */
static Package *get_pkg(const char *path) {
  Package *p = find_pkg(path);
  if (p) return p;
  p = NEW(Package);
  p->path = intern(path);
  const char *slash = strrchr(path, '/');
  p->name = intern(slash ? slash + 1 : path);
  if (npkgs == pkgs_cap) {
    int ncap = pkgs_cap ? pkgs_cap * 2 : 32;
    Package **np = NEW_ARRAY(Package *, ncap);
    if (npkgs) memcpy(np, pkgs, sizeof(Package *) * (size_t)npkgs);
    STORE_REL(&pkgs, np);
    pkgs_cap = ncap;
  }
  pkgs[npkgs] = p;
  STORE_REL(&npkgs, npkgs + 1);
  pkg_paths = NULL;
  return p;
}

/* Caller holds reg_lock. Returns the member slot for name (new or existing). */
static PkgMember *member_slot(Package *p, const char *name) {
  for (int i = 0; i < p->count; i++)
    if (strcmp(p->members[i].name, name) == 0) return &p->members[i];
  if (p->count == p->cap) {
    int ncap = p->cap ? p->cap * 2 : 16;
    PkgMember *nm = NEW_ARRAY(PkgMember, ncap);
    if (p->count) memcpy(nm, p->members, sizeof(PkgMember) * (size_t)p->count);
    STORE_REL(&p->members, nm);
    p->cap = ncap;
  }
  PkgMember *m = &p->members[p->count];
  memset(m, 0, sizeof *m);
  m->name = intern(name);
  STORE_REL(&p->count, p->count + 1);
  p->names = NULL;
  return m;
}

static void def_member(const char *path, const char *name, MemberKind kind, Value v,
                       int global, Type *t, bool untyped) {
  pthread_mutex_lock(&reg_lock);
  PkgMember *m = member_slot(get_pkg(path), name);
  m->kind = kind;
  m->value = v;
  m->global = global;
  m->type = t;
  m->untyped_const = untyped;
  pthread_mutex_unlock(&reg_lock);
}

static const char *qualified(const char *path, const char *name) {
  const char *slash = strrchr(path, '/');
  const char *pkg = slash ? slash + 1 : path;
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "%s.%s", pkg, name);
  return sb_cstr(&b);
}

void api_def_func(const char *path, const char *name, NativeFn fn, int arity) {
  def_member(path, name, MEMBER_VALUE, native_new(qualified(path, name), fn, arity), 0, NULL, false);
}

void api_def_value(const char *path, const char *name, Value v) {
  def_member(path, name, MEMBER_VALUE, v, 0, NULL, false);
}

void api_def_const(const char *path, const char *name, Value v) {
  def_member(path, name, MEMBER_VALUE, v, 0, NULL, true);
}

int api_def_var(const char *path, const char *name, Value init) {
  int slot = vm_alloc_global(qualified(path, name));
  if (vm_globals) vm_globals[slot] = init;
  /* the variable's static type: its initial value's type (os.Args []string) */
  Type *t = IS_NIL(init) ? NULL : value_type(init);
  def_member(path, name, MEMBER_VAR, NIL_VAL, slot, t, false);
  return slot;
}

void api_def_type(const char *path, const char *name, Type *t) {
  def_member(path, name, MEMBER_TYPE, NIL_VAL, 0, t, false);
}

/* "strings.Builder" + M -> "strings.(*Builder).M"; "*errors.errorString" too. */
static const char *method_qualname(Type *t, const char *name, bool ptr_recv) {
  const char *tn = t && t->name ? t->name : (t ? type_str(t) : "?");
  bool star = tn[0] == '*';
  if (star) tn++;
  const char *dot = strrchr(tn, '.');
  StrBuf b;
  sb_init(&b);
  if (dot) sb_putn(&b, tn, (size_t)(dot - tn + 1));
  const char *base = dot ? dot + 1 : tn;
  if (star || ptr_recv) sb_printf(&b, "(*%s).%s", base, name);
  else sb_printf(&b, "%s.%s", base, name);
  return sb_cstr(&b);
}

/* arity counts the arguments after the receiver; the native receives the
** receiver as args[0], so ObjNative.arity is arity + 1 (or -1). */
void api_def_method(Type *t, const char *name, NativeFn fn, int arity, bool ptr_recv) {
  if (!t) return;
  Value nv = native_new(method_qualname(t, name, ptr_recv), fn, arity < 0 ? -1 : arity + 1);
  type_add_method(t, intern(name), nv, ptr_recv);
  /* Pointer classes (*pkg.T): their type is *T; T carries the methods too so
  ** that method sets of *T (type_implements) see them. */
  if (t->kind == TY_PTR && !t->name && t->elem && t->elem->kind == TY_NATIVE)
    type_add_method(t->elem, intern(name), nv, true);
}

Type *api_def_class(NativeClass *cls, const char *path, const char *tname) {
  const char *n = cls->name;
  Type *t;
  if (n[0] == '*') {
    /* A pointer-to-struct in Go (*errors.errorString): values have type *T. */
    const char *dot = strrchr(n, '.');
    const char *pkg = dot ? intern_n(n + 1, (size_t)(dot - n - 1)) : NULL;
    Type *elem = type_native(pkg, dot ? dot + 1 : n + 1, cls);
    t = type_ptr(elem);
    if (path && tname) api_def_type(path, tname, elem);
  } else {
    const char *dot = strrchr(n, '.');
    const char *pkg = dot ? intern_n(n, (size_t)(dot - n)) : NULL;
    t = type_native(pkg, dot ? dot + 1 : n, cls);
    if (path && tname) api_def_type(path, tname, t);
  }
  cls->type = t;
  return t;
}

const PkgMember *api_lookup(const char *path, const char *name) {
  Package *p = find_pkg(path);
  if (!p) return NULL;
  int n = LOAD_ACQ(&p->count);
  PkgMember *ms = LOAD_ACQ(&p->members);
  for (int i = 0; i < n; i++)
    if (strcmp(ms[i].name, name) == 0) return &ms[i];
  return NULL;
}

bool api_package_exists(const char *path) { return find_pkg(path) != NULL; }

const char **api_package_members(const char *path) {
  Package *p = find_pkg(path);
  if (!p) return NULL;
  pthread_mutex_lock(&reg_lock);
  if (!p->names) {
    const char **names = NEW_ARRAY(const char *, p->count + 1);
    for (int i = 0; i < p->count; i++) names[i] = p->members[i].name;
    p->names = names;
  }
  const char **r = p->names;
  pthread_mutex_unlock(&reg_lock);
  return r;
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **api_packages(void) {
  pthread_mutex_lock(&reg_lock);
  if (!pkg_paths) {
    const char **ps = NEW_ARRAY(const char *, npkgs + 1);
    for (int i = 0; i < npkgs; i++) ps[i] = pkgs[i]->path;
    qsort(ps, (size_t)npkgs, sizeof(char *), cmp_cstr);
    pkg_paths = ps;
  }
  const char **r = pkg_paths;
  pthread_mutex_unlock(&reg_lock);
  return r;
}

const char *api_package_by_name(const char *name) {
  int n = LOAD_ACQ(&npkgs);
  Package **ps = LOAD_ACQ(&pkgs);
  for (int i = 0; i < n; i++)
    if (strcmp(ps[i]->path, name) == 0) return ps[i]->path;   /* exact path first */
  for (int i = 0; i < n; i++)
    if (strcmp(ps[i]->name, name) == 0) return ps[i]->path;
  return NULL;
}

/* }==================================================================== */

/* {====================================================================
** Method lookup on values (Go's method sets)
** ===================================================================== */

static bool deref_ptr(Value p, Value *out) {
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

/* The method table owner for a non-pointer value (named type, struct type,
** native class), or NULL. */
static Type *method_owner(Value v) {
  switch (v.kind) {
  case VAL_NIL: case VAL_CELL: case VAL_TYPE: return NULL;
  case VAL_STRUCT: return v.as.p ? ((ObjStruct *)v.as.p)->type : NULL;
  case VAL_OBJ: {
    ObjNativeObj *o = v.as.p;
    return o && o->cls ? value_type(v) : NULL;
  }
  default: {
    Type *t = value_type(v);
    return t && t->name ? t : NULL;
  }
  }
}

static bool find_method(Value v, const char *name, bool addressable, Value self_ptr,
                        Value *fn, Value *recv, int depth);

/* Promoted methods: v is a struct value (addressable through self_ptr if
** `addressable`). */
static bool find_promoted(Value v, const char *name, bool addressable, Value *fn,
                          Value *recv, int depth) {
  if (v.kind != VAL_STRUCT || !v.as.p || depth > 8) return false;
  ObjStruct *s = v.as.p;
  Type *st = s->type ? (s->type->underlying ? s->type->underlying : s->type) : NULL;
  if (!st || st->kind != TY_STRUCT) return false;
  for (int i = 0; i < st->nfields && (uint32_t)i < s->n; i++) {
    if (!st->fields[i].embedded) continue;
    Value fv = s->f[i];
    Value fp = PTR_VAL(PTR_FIELD, s, i);
    if (find_method(fv, name, addressable, fp, fn, recv, depth + 1)) return true;
  }
  return false;
}

/* v: the value; addressable/self_ptr: v can be reached through pointer self_ptr
** (pointer-receiver methods are in the method set). */
static bool find_method(Value v, const char *name, bool addressable, Value self_ptr,
                        Value *fn, Value *recv, int depth) {
  if (depth > 8) return false;
  if (v.kind == VAL_PTR) {
    Value x;
    if (!deref_ptr(v, &x)) return false;
    if (x.kind == VAL_PTR) return false;              /* **T has no methods */
    return find_method(x, name, true, v, fn, recv, depth + 1);
  }
  Type *t = method_owner(v);
  if (!t) return false;
  const Method *m = type_find_method(t, name);
  if (!m && t->kind == TY_PTR && t->elem) m = type_find_method(t->elem, name);
  if (m) {
    if (v.kind == VAL_OBJ) {                          /* native objects are references */
      *fn = m->fn;
      *recv = v;
      return true;
    }
    if (m->ptr_recv) {
      if (!addressable) return false;
      *fn = m->fn;
      *recv = self_ptr;
      return true;
    }
    *fn = m->fn;
    *recv = value_copy(v);
    return true;
  }
  return find_promoted(v, name, addressable, fn, recv, depth);
}

bool api_find_method(Value v, const char *name, Value *fn, Value *recv) {
  return find_method(v, name, false, NIL_VAL, fn, recv, 0);
}

int api_call_method(Fiber *f, Value v, const char *name, const Value *args, int nargs,
                    Value *res, int nres) {
  Value fn, recv;
  if (!api_find_method(v, name, &fn, &recv)) return -3;
  Value argv[16];
  if (nargs > 15) nargs = 15;
  argv[0] = recv;
  for (int i = 0; i < nargs; i++) argv[i + 1] = args[i];
  return vm_call(f, fn, argv, nargs + 1, res, nres);
}

/* }==================================================================== */

/* {====================================================================
** Errors as values
** ===================================================================== */

typedef struct ErrData {
  ObjString *msg;
  Value wrap;       /* NIL_VAL: none */
} ErrData;

static NativeClass error_string_cls = {"*errors.errorString", NULL, NULL, NULL};
static NativeClass wrap_error_cls = {"*fmt.wrapError", NULL, NULL, NULL};
/* The run-time panics' values, as Go types them; all satisfy runtime.Error
** (they have RuntimeError()). See api_runtime_error_new. */
static NativeClass rt_bounds_cls = {"runtime.boundsError", NULL, NULL, NULL};
static NativeClass rt_string_cls = {"runtime.errorString", NULL, NULL, NULL};
static NativeClass rt_plain_cls = {"runtime.plainError", NULL, NULL, NULL};
static NativeClass rt_assert_cls = {"*runtime.TypeAssertionError", NULL, NULL, NULL};

static bool is_error_class(const NativeClass *c) {
  return c == &error_string_cls || c == &wrap_error_cls || c == &rt_bounds_cls ||
         c == &rt_string_cls || c == &rt_plain_cls || c == &rt_assert_cls;
}

static ErrData *err_data(Value v) {
  if (v.kind == VAL_PTR) {
    Value x;
    if (!deref_ptr(v, &x)) return NULL;
    v = x;
  }
  if (v.kind != VAL_OBJ || !v.as.p) return NULL;
  ObjNativeObj *o = v.as.p;
  if (!is_error_class(o->cls)) return NULL;
  return o->data;
}

static int err_error(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f;
  ErrData *d = nargs > 0 ? err_data(args[0]) : NULL;
  res[0] = d && d->msg ? OBJ_VAL(VAL_STR, d->msg) : OBJ_VAL(VAL_STR, str_empty());
  return 1;
}

static int err_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f;
  ErrData *d = nargs > 0 ? err_data(args[0]) : NULL;
  res[0] = d ? d->wrap : NIL_VAL;
  return 1;
}

static int err_runtime_error(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f; (void)args; (void)nargs; (void)res;
  return 0;
}

static pthread_once_t err_once = PTHREAD_ONCE_INIT;

static void err_init(void) {
  type_init();
  Type *t = api_def_class(&error_string_cls, NULL, NULL);
  api_def_method(t, "Error", err_error, 0, true);
  t = api_def_class(&wrap_error_cls, NULL, NULL);
  api_def_method(t, "Error", err_error, 0, true);
  api_def_method(t, "Unwrap", err_unwrap, 0, true);
  NativeClass *rt[] = {&rt_bounds_cls, &rt_string_cls, &rt_plain_cls, &rt_assert_cls};
  for (size_t i = 0; i < sizeof rt / sizeof rt[0]; i++) {
    t = api_def_class(rt[i], NULL, NULL);
    api_def_method(t, "Error", err_error, 0, true);
    api_def_method(t, "RuntimeError", err_runtime_error, 0, true);
  }
}

Value api_error_new(const char *msg, Value wrap) {
  pthread_once(&err_once, err_init);
  ErrData *d = NEW(ErrData);
  d->msg = str_new(msg ? msg : "", msg ? (int64_t)strlen(msg) : 0);
  d->wrap = wrap;
  return obj_new(IS_NIL(wrap) ? &error_string_cls : &wrap_error_cls, d);
}

/* The value of a run-time panic with message msg, typed as Go types it:
** index and slice bounds -> runtime.boundsError; "interface conversion"
** -> *runtime.TypeAssertionError; other "runtime error: ..." ->
** runtime.errorString; the rest (nil map write, closed channels) ->
** runtime.plainError. */
Value api_runtime_error_new(const char *msg) {
  pthread_once(&err_once, err_init);
  ErrData *d = NEW(ErrData);
  d->msg = str_new(msg, (int64_t)strlen(msg));
  d->wrap = NIL_VAL;
  const NativeClass *c = &rt_plain_cls;
  if (strncmp(msg, "runtime error: index out of range", 33) == 0 ||
      strncmp(msg, "runtime error: slice bounds out of range", 40) == 0)
    c = &rt_bounds_cls;
  else if (strncmp(msg, "interface conversion", 20) == 0) c = &rt_assert_cls;
  else if (strncmp(msg, "runtime error: ", 15) == 0) c = &rt_string_cls;
  return obj_new(c, d);
}

const char *api_native_error_text(Value v) {
  ErrData *d = err_data(v);
  return d ? (d->msg ? d->msg->data : "") : NULL;
}

bool api_native_unwrap(Value v, Value *out) {
  ErrData *d = err_data(v);
  if (!d) return false;
  *out = d->wrap;
  return true;
}

bool api_error_text(Fiber *f, Value v, const char **text) {
  const char *t = api_native_error_text(v);
  if (t) {
    if (text) *text = t;
    return true;
  }
  Value fn, recv;
  if (!api_find_method(v, "Error", &fn, &recv)) return false;
  if (text) *text = NULL;
  if (!f) return true;
  Value res[NATIVE_MAX_RESULTS];
  int n = vm_call(f, fn, &recv, 1, res, 1);
  if (n >= 1 && res[0].kind == VAL_STR && text) *text = AS_STR(res[0])->data;
  return true;
}

/* }==================================================================== */
