/*
** slices.c -- packages slices and maps (Go 1.21's generic helpers; csp is
** dynamically typed, so one native serves every element type).
**
** Ordering follows cmp.Compare: ints (unsigned ones as unsigned), floats
** (NaN before everything, NaNs equal), strings bytewise. Sorting is done in
** place in the slice's backing array: insertion sort up to 12 elements
** (as Go's pdqsort does, so small sorts give Go's order of equal elements),
** a stable merge sort above. SortFunc/SortStableFunc/BinarySearchFunc call
** the csp comparator through vm_call; if it panics, the sort stops and the
** panic propagates.
**
** maps.Keys/maps.Values return slices (golang.org/x/exp/maps' shape; Go 1.23
** returns iterators): the order is the map's iteration order. slices.Sorted
** and slices.Collect accept such a slice, so `slices.Sorted(maps.Keys(m))`
** works.
*/
#include <math.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

Value value_coerce(Type *t, Value v);   /* vm/value.c */

/* cmp.Compare. */
static int ord_cmp(Value a, Value b) {
  bool an = a.kind == VAL_FLOAT && isnan(a.as.f), bn = b.kind == VAL_FLOAT && isnan(b.as.f);
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  int c = value_compare(a, b);
  return c == 2 ? 0 : c;
}

/* The slice's element array (NULL for nil or non-slices). */
static Value *slice_elems(Value s, int64_t *n, ObjSlice **sl) {
  *sl = NULL;
  *n = 0;
  if (s.kind == VAL_SLICE && s.as.p) {
    *sl = s.as.p;
    *n = (*sl)->len;
    return (*sl)->arr->v + (*sl)->off;
  }
  if (s.kind == VAL_ARRAY) return seq_elems(s, n);
  return NULL;
}

static Type *slice_elem_type(Value s) {
  if (s.kind == VAL_SLICE && s.as.p) {
    Type *t = ((ObjSlice *)s.as.p)->arr->elem;
    if (t) return t;
  }
  if (s.kind == VAL_SLICE && s.aux) {   /* a typed nil slice */
    Type *t = type_by_id(s.aux);
    if (t && t->underlying && t->underlying->kind == TY_SLICE && t->underlying->elem)
      return t->underlying->elem;
  }
  return type_any;
}

static int not_slice(Fiber *f, const char *fname, Value v) {
  return arg_error(f, fname, 0, "slice", v);
}

#define SLICE_ARG(e, n, sl, i)                                             \
  int64_t n;                                                               \
  ObjSlice *sl;                                                            \
  Value *e = slice_elems(args[i], &n, &sl);                                \
  if (!e && !(args[i].kind == VAL_SLICE)) return not_slice(f, FNAME, args[i]); \
  (void)sl

/* {====================================================================
** Sorting
** ===================================================================== */

typedef struct Cmp {
  Fiber *f;
  Value fn;        /* NIL_VAL: ord_cmp */
  bool failed;
} Cmp;

static int cmp_call(Cmp *c, Value a, Value b) {
  if (IS_NIL(c->fn)) return ord_cmp(a, b);
  if (c->failed) return 0;
  Value args[2] = {a, b}, r;
  int k = vm_call(c->f, c->fn, args, 2, &r, 1);
  if (k < 1) {
    c->failed = true;
    return 0;
  }
  int64_t x = 0;
  to_int(r, &x);
  return x < 0 ? -1 : x > 0;
}

static void insertion(Cmp *c, Value *e, int64_t n) {
  for (int64_t i = 1; i < n && !c->failed; i++)
    for (int64_t j = i; j > 0 && cmp_call(c, e[j], e[j - 1]) < 0 && !c->failed; j--) {
      Value t = e[j];
      e[j] = e[j - 1];
      e[j - 1] = t;
    }
}

static void merge_sort(Cmp *c, Value *e, Value *tmp, int64_t n) {
  if (n <= 12) {
    insertion(c, e, n);
    return;
  }
  int64_t h = n / 2;
  merge_sort(c, e, tmp, h);
  merge_sort(c, e + h, tmp, n - h);
  if (c->failed) return;
  if (cmp_call(c, e[h], e[h - 1]) >= 0) return;   /* already in order */
  int64_t i = 0, j = h, k = 0;
  while (i < h && j < n) {
    if (cmp_call(c, e[j], e[i]) < 0) tmp[k++] = e[j++];
    else tmp[k++] = e[i++];
    if (c->failed) return;
  }
  while (i < h) tmp[k++] = e[i++];
  while (j < n) tmp[k++] = e[j++];
  for (int64_t x = 0; x < n; x++) e[x] = tmp[x];
}

static int do_sort(Fiber *f, Value *e, int64_t n, Value fn) {
  Cmp c = {f, fn, false};
  if (n > 12) {
    Value *tmp = GC_MALLOC(sizeof(Value) * (size_t)n);
    merge_sort(&c, e, tmp, n);
  } else {
    insertion(&c, e, n);
  }
  return c.failed ? NATIVE_PANIC : 0;
}

#define FNAME "slices.Sort"
static int sl_sort(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  return do_sort(f, e, n, NIL_VAL);
}
#undef FNAME

#define FNAME "slices.SortFunc"
static int sl_sortfunc(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  SLICE_ARG(e, n, sl, 0);
  return do_sort(f, e, n, args[1]);
}
#undef FNAME

#define FNAME "slices.IsSorted"
static int sl_issorted(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  Cmp c = {f, nargs > 1 ? args[1] : NIL_VAL, false};
  bool ok = true;
  for (int64_t i = n - 1; i > 0 && ok; i--) {
    if (cmp_call(&c, e[i], e[i - 1]) < 0) ok = false;
    if (c.failed) return NATIVE_PANIC;
  }
  res[0] = BOOL_VAL(ok);
  return 1;
}
#undef FNAME

/* BinarySearch(x, target) / BinarySearchFunc(x, target, cmp) (int, bool) */
#define FNAME "slices.BinarySearch"
static int sl_binsearch(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  SLICE_ARG(e, n, sl, 0);
  Cmp c = {f, nargs > 2 ? args[2] : NIL_VAL, false};
  int64_t i = 0, j = n;
  while (i < j) {
    int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
    if (cmp_call(&c, e[h], args[1]) < 0) i = h + 1;
    else j = h;
    if (c.failed) return NATIVE_PANIC;
  }
  bool found = i < n && cmp_call(&c, e[i], args[1]) == 0;
  if (c.failed) return NATIVE_PANIC;
  res[0] = INT_VAL(i);
  res[1] = BOOL_VAL(found);
  return 2;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Searching, comparing, min/max
** ===================================================================== */

#define FNAME "slices.Index"
static int sl_index(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  SLICE_ARG(e, n, sl, 0);
  int64_t at = -1;
  for (int64_t i = 0; i < n; i++)
    if (value_equal(e[i], args[1])) {
      at = i;
      break;
    }
  res[0] = INT_VAL(at);
  return 1;
}
#undef FNAME

#define FNAME "slices.Contains"
static int sl_contains(Fiber *f, Value *args, int nargs, Value *res) {
  if (sl_index(f, args, nargs, res) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = BOOL_VAL(res[0].as.i >= 0);
  return 1;
}
#undef FNAME

/* IndexFunc(s, f func(E) bool) int */
#define FNAME "slices.IndexFunc"
static int sl_indexfunc(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  SLICE_ARG(e, n, sl, 0);
  int64_t at = -1;
  for (int64_t i = 0; i < n; i++) {
    Value r;
    Value x = e[i];
    int k = vm_call(f, args[1], &x, 1, &r, 1);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    if (k >= 1 && IS_TRUE(r)) {
      at = i;
      break;
    }
  }
  res[0] = INT_VAL(at);
  return 1;
}
#undef FNAME

static int sl_containsfunc(Fiber *f, Value *args, int nargs, Value *res) {
  if (sl_indexfunc(f, args, nargs, res) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = BOOL_VAL(res[0].as.i >= 0);
  return 1;
}

/* Equal(s1, s2) / EqualFunc(s1, s2, eq) */
#define FNAME "slices.Equal"
static int sl_equal(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  int64_t n1, n2;
  ObjSlice *s1, *s2;
  Value *a = slice_elems(args[0], &n1, &s1), *b = slice_elems(args[1], &n2, &s2);
  bool eq = n1 == n2;
  for (int64_t i = 0; eq && i < n1; i++) {
    if (nargs > 2) {
      Value x[2] = {a[i], b[i]}, r;
      int k = vm_call(f, args[2], x, 2, &r, 1);
      if (k == NATIVE_PANIC) return NATIVE_PANIC;
      eq = k >= 1 && IS_TRUE(r);
    } else {
      eq = value_equal(a[i], b[i]);
    }
  }
  res[0] = BOOL_VAL(eq);
  return 1;
}
#undef FNAME

/* Compare(s1, s2) int */
#define FNAME "slices.Compare"
static int sl_compare(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  int64_t n1, n2;
  ObjSlice *s1, *s2;
  Value *a = slice_elems(args[0], &n1, &s1), *b = slice_elems(args[1], &n2, &s2);
  for (int64_t i = 0; i < n1 && i < n2; i++) {
    int c = ord_cmp(a[i], b[i]);
    if (c) {
      res[0] = INT_VAL(c);
      return 1;
    }
  }
  res[0] = INT_VAL(n1 < n2 ? -1 : n1 > n2);
  return 1;
}
#undef FNAME

static int minmax(Fiber *f, Value *args, int nargs, Value *res, int sign, const char *fname,
                  bool with_func) {
  int64_t n;
  ObjSlice *sl;
  Value *e = nargs > 0 ? slice_elems(args[0], &n, &sl) : (n = 0, NULL);
  if (n == 0) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%s: empty list", fname);
    vm_panic_value(f, sb_value(&b));
    return NATIVE_PANIC;
  }
  Cmp c = {f, with_func && nargs > 1 ? args[1] : NIL_VAL, false};
  Value m = e[0];
  for (int64_t i = 1; i < n; i++) {
    if (!with_func) {
      /* Go's min/max: a NaN anywhere makes the result NaN */
      if (m.kind == VAL_FLOAT && isnan(m.as.f)) break;
      if (e[i].kind == VAL_FLOAT && isnan(e[i].as.f)) {
        m = e[i];
        break;
      }
    }
    int k = cmp_call(&c, e[i], m);
    if (c.failed) return NATIVE_PANIC;
    if (sign > 0 ? k > 0 : k < 0) m = e[i];
  }
  res[0] = value_copy(m);
  return 1;
}

static int sl_max(Fiber *f, Value *a, int n, Value *r) { return minmax(f, a, n, r, 1, "slices.Max", false); }
static int sl_min(Fiber *f, Value *a, int n, Value *r) { return minmax(f, a, n, r, -1, "slices.Min", false); }
static int sl_maxfunc(Fiber *f, Value *a, int n, Value *r) { return minmax(f, a, n, r, 1, "slices.MaxFunc", true); }
static int sl_minfunc(Fiber *f, Value *a, int n, Value *r) { return minmax(f, a, n, r, -1, "slices.MinFunc", true); }

/* }==================================================================== */

/* {====================================================================
** Building and rearranging
** ===================================================================== */

#define FNAME "slices.Reverse"
static int sl_reverse(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
    Value t = e[i];
    e[i] = e[j];
    e[j] = t;
  }
  return 0;
}
#undef FNAME

/* A fresh slice holding copies of e[0..n). */
static Value clone_of(Type *elem, const Value *e, int64_t n) {
  Value s = slice_make(elem, n, n);
  ObjSlice *sl = s.as.p;
  for (int64_t i = 0; i < n; i++) sl->arr->v[sl->off + i] = value_copy(e[i]);
  return s;
}

#define FNAME "slices.Clone"
static int sl_clone(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  if (args[0].kind == VAL_SLICE && !args[0].as.p) {
    res[0] = args[0];
    return 1;
  }
  res[0] = clone_of(slice_elem_type(args[0]), e, n);
  return 1;
}
#undef FNAME

/* Sorted(s) / Collect(s): Go 1.23 takes iterators; here a slice (maps.Keys). */
#define FNAME "slices.Sorted"
static int sl_sorted(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  Value s = clone_of(slice_elem_type(args[0]), e, n);
  ObjSlice *ns = s.as.p;
  if (do_sort(f, ns->arr->v + ns->off, n, nargs > 1 ? args[1] : NIL_VAL) == NATIVE_PANIC)
    return NATIVE_PANIC;
  res[0] = s;
  return 1;
}
#undef FNAME

#define FNAME "slices.Collect"
static int sl_collect(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  res[0] = clone_of(slice_elem_type(args[0]), e, n);
  return 1;
}
#undef FNAME

static int bounds(Fiber *f, int64_t i, int64_t j, int64_t n) {
  if (j < 0 || j > n) vm_runtime_error(f, "slice bounds out of range [:%lld] with capacity %lld",
                                       (long long)j, (long long)n);
  else vm_runtime_error(f, "slice bounds out of range [%lld:%lld]", (long long)i, (long long)j);
  return NATIVE_PANIC;
}

/* Insert(s, i, v...) S */
#define FNAME "slices.Insert"
static int sl_insert(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  SLICE_ARG(e, n, sl, 0);
  ARG_INT(1, i);
  int64_t m = nargs - 2;
  const Value *v = args + 2;
  if (i < 0 || i > n) return bounds(f, i, n, n);
  if (m == 0) {
    res[0] = args[0];
    return 1;
  }
  Type *elem = slice_elem_type(args[0]);
  int64_t cap = sl ? sl->cap : 0;
  if (n + m > cap) {
    /* append(s[:i], make(S, n+m-i)...), then fill */
    Value prefix = sl ? OBJ_VAL(VAL_SLICE, slice_new(sl->arr, sl->off, i, sl->cap)) : args[0];
    Value *zeros = GC_MALLOC(sizeof(Value) * (size_t)(n + m - i));
    for (int64_t k = 0; k < n + m - i; k++) zeros[k] = type_zero(elem);
    Value s2 = slice_append(prefix, elem, zeros, n + m - i);
    ObjSlice *ns = s2.as.p;
    Value *d = ns->arr->v + ns->off;
    for (int64_t k = 0; k < m; k++) d[i + k] = value_coerce(elem, v[k]);
    for (int64_t k = i; k < n; k++) d[k + m] = e[k];
    res[0] = s2;
    return 1;
  }
  Value *d = sl->arr->v + sl->off;
  for (int64_t k = n - 1; k >= i; k--) d[k + m] = d[k];
  for (int64_t k = 0; k < m; k++) d[i + k] = value_coerce(elem, v[k]);
  res[0] = OBJ_VAL(VAL_SLICE, slice_new(sl->arr, sl->off, n + m, sl->cap));
  return 1;
}
#undef FNAME

/* Delete(s, i, j) S: removes s[i:j] in place. */
#define FNAME "slices.Delete"
static int sl_delete(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(3);
  SLICE_ARG(e, n, sl, 0);
  ARG_INT(1, i);
  ARG_INT(2, j);
  if (j < 0 || j > n || i < 0 || i > j) return bounds(f, i, j, n);
  if (i == j) {
    res[0] = args[0];
    return 1;
  }
  for (int64_t k = j; k < n; k++) e[i + k - j] = e[k];
  res[0] = OBJ_VAL(VAL_SLICE, slice_new(sl->arr, sl->off, n - (j - i), sl->cap));
  return 1;
}
#undef FNAME

/* Compact(s) S / CompactFunc(s, eq) S: drop consecutive duplicates in place. */
#define FNAME "slices.Compact"
static int sl_compact(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  SLICE_ARG(e, n, sl, 0);
  if (n < 2) {
    res[0] = args[0];
    return 1;
  }
  int64_t k = 1;
  for (int64_t i = 1; i < n; i++) {
    bool dup;
    if (nargs > 1) {
      Value x[2] = {e[k - 1], e[i]}, r;
      int c = vm_call(f, args[1], x, 2, &r, 1);
      if (c == NATIVE_PANIC) return NATIVE_PANIC;
      dup = c >= 1 && IS_TRUE(r);
    } else {
      dup = value_equal(e[i], e[k - 1]);
    }
    if (!dup) {
      if (k != i) e[k] = e[i];
      k++;
    }
  }
  res[0] = OBJ_VAL(VAL_SLICE, slice_new(sl->arr, sl->off, k, sl->cap));
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** maps
** ===================================================================== */

static Type *map_type_of(Value m) {
  if (m.kind != VAL_MAP) return NULL;
  Type *t = m.as.p ? ((ObjMap *)m.as.p)->type : (m.aux ? type_by_id(m.aux) : NULL);
  if (t && t->underlying && t->underlying != t) t = t->underlying;
  return t;
}

static int maps_collect(Fiber *f, Value *args, int nargs, Value *res, bool keys) {
  Value m = nargs > 0 ? args[0] : NIL_VAL;
  if (m.kind != VAL_MAP) return arg_error(f, keys ? "maps.Keys" : "maps.Values", 0, "map", m);
  Type *mt = map_type_of(m);
  Type *elem = mt ? (keys ? mt->key : mt->elem) : type_any;
  if (!elem) elem = type_any;
  ObjMap *om = m.as.p;
  int64_t n = om ? om->count : 0;
  Value s = slice_make(elem, 0, n);
  ObjSlice *sl = s.as.p;
  int64_t pos = 0, k = 0;
  Value key, val;
  while (om && k < n && map_next(om, &pos, &key, &val)) {
    sl->arr->v[sl->off + k] = value_copy(keys ? key : val);
    k++;
  }
  res[0] = OBJ_VAL(VAL_SLICE, slice_new(sl->arr, sl->off, k, n));
  return 1;
}

static int mp_keys(Fiber *f, Value *a, int n, Value *r) { return maps_collect(f, a, n, r, true); }
static int mp_values(Fiber *f, Value *a, int n, Value *r) { return maps_collect(f, a, n, r, false); }

static int mp_clone(Fiber *f, Value *args, int nargs, Value *res) {
  Value m = nargs > 0 ? args[0] : NIL_VAL;
  if (m.kind != VAL_MAP) return arg_error(f, "maps.Clone", 0, "map", m);
  if (!m.as.p) {
    res[0] = m;
    return 1;
  }
  ObjMap *om = m.as.p;
  ObjMap *nm = map_new(om->type, om->count);
  int64_t pos = 0;
  Value key, val;
  const char *err = NULL;
  while (map_next(om, &pos, &key, &val)) map_set(nm, key, value_copy(val), &err);
  res[0] = OBJ_VAL(VAL_MAP, nm);
  return 1;
}

/* Copy(dst, src) */
static int mp_copy(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 2 || args[0].kind != VAL_MAP || args[1].kind != VAL_MAP)
    return arg_error(f, "maps.Copy", 0, "map", nargs ? args[0] : NIL_VAL);
  ObjMap *src = args[1].as.p, *dst = args[0].as.p;
  if (!src || src->count == 0) return 0;
  if (!dst) {
    vm_panic_value(f, mk_cstr("assignment to entry in nil map"));
    return NATIVE_PANIC;
  }
  int64_t pos = 0;
  Value key, val;
  const char *err = NULL;
  while (map_next(src, &pos, &key, &val)) map_set(dst, key, value_copy(val), &err);
  return 0;
}

/* DeleteFunc(m, del func(K, V) bool) */
static int mp_deletefunc(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 2 || args[0].kind != VAL_MAP) return arg_error(f, "maps.DeleteFunc", 0, "map", nargs ? args[0] : NIL_VAL);
  ObjMap *m = args[0].as.p;
  if (!m) return 0;
  /* collect first: deleting while iterating is fine in Go, and simple here */
  int64_t n = m->count, k = 0, pos = 0;
  Value *keys = GC_MALLOC(sizeof(Value) * (size_t)(n + 1));
  Value *vals = GC_MALLOC(sizeof(Value) * (size_t)(n + 1));
  Value key, val;
  while (k < n && map_next(m, &pos, &key, &val)) {
    keys[k] = key;
    vals[k++] = val;
  }
  for (int64_t i = 0; i < k; i++) {
    Value a[2] = {keys[i], vals[i]}, r;
    int c = vm_call(f, args[1], a, 2, &r, 1);
    if (c == NATIVE_PANIC) return NATIVE_PANIC;
    if (c >= 1 && IS_TRUE(r)) map_delete(m, keys[i]);
  }
  return 0;
}

/* Equal(m1, m2) / EqualFunc(m1, m2, eq) */
static int mp_equal(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 2 || args[0].kind != VAL_MAP || args[1].kind != VAL_MAP)
    return arg_error(f, "maps.Equal", 0, "map", nargs ? args[0] : NIL_VAL);
  ObjMap *a = args[0].as.p, *b = args[1].as.p;
  int64_t na = a ? a->count : 0, nb = b ? b->count : 0;
  bool eq = na == nb;
  int64_t pos = 0;
  Value key, val;
  while (eq && a && map_next(a, &pos, &key, &val)) {
    Value *v2 = b ? map_find(b, key) : NULL;
    if (!v2) {
      eq = false;
      break;
    }
    if (nargs > 2) {
      Value x[2] = {val, *v2}, r;
      int c = vm_call(f, args[2], x, 2, &r, 1);
      if (c == NATIVE_PANIC) return NATIVE_PANIC;
      eq = c >= 1 && IS_TRUE(r);
    } else {
      eq = value_equal(val, *v2);
    }
  }
  res[0] = BOOL_VAL(eq);
  return 1;
}

/* }==================================================================== */

void open_slices(void) {
  const char *S = "slices";
  api_def_func(S, "Sort", sl_sort, 1);
  api_def_func(S, "SortFunc", sl_sortfunc, 2);
  api_def_func(S, "SortStableFunc", sl_sortfunc, 2);
  api_def_func(S, "IsSorted", sl_issorted, 1);
  api_def_func(S, "IsSortedFunc", sl_issorted, 2);
  api_def_func(S, "BinarySearch", sl_binsearch, 2);
  api_def_func(S, "BinarySearchFunc", sl_binsearch, 3);
  api_def_func(S, "Index", sl_index, 2);
  api_def_func(S, "IndexFunc", sl_indexfunc, 2);
  api_def_func(S, "Contains", sl_contains, 2);
  api_def_func(S, "ContainsFunc", sl_containsfunc, 2);
  api_def_func(S, "Equal", sl_equal, 2);
  api_def_func(S, "EqualFunc", sl_equal, 3);
  api_def_func(S, "Compare", sl_compare, 2);
  api_def_func(S, "Max", sl_max, 1);
  api_def_func(S, "Min", sl_min, 1);
  api_def_func(S, "MaxFunc", sl_maxfunc, 2);
  api_def_func(S, "MinFunc", sl_minfunc, 2);
  api_def_func(S, "Reverse", sl_reverse, 1);
  api_def_func(S, "Clone", sl_clone, 1);
  api_def_func(S, "Sorted", sl_sorted, 1);
  api_def_func(S, "SortedFunc", sl_sorted, 2);
  api_def_func(S, "Collect", sl_collect, 1);
  api_def_func(S, "Insert", sl_insert, -1);
  api_def_func(S, "Delete", sl_delete, 3);
  api_def_func(S, "Compact", sl_compact, 1);
  api_def_func(S, "CompactFunc", sl_compact, 2);

  const char *M = "maps";
  api_def_func(M, "Keys", mp_keys, 1);
  api_def_func(M, "Values", mp_values, 1);
  api_def_func(M, "Clone", mp_clone, 1);
  api_def_func(M, "Copy", mp_copy, 2);
  api_def_func(M, "DeleteFunc", mp_deletefunc, 2);
  api_def_func(M, "Equal", mp_equal, 2);
  api_def_func(M, "EqualFunc", mp_equal, 3);
}
