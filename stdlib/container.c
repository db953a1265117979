/*
** container.c -- packages container/heap, container/list and container/ring.
**
** heap: Go's algorithms (Init, Push, Pop, Remove, Fix with up/down sifting)
** over any heap.Interface value; Len/Less/Swap/Push/Pop are csp methods
** called through api_call_method, so the order of calls -- and therefore the
** order of equal elements -- is Go's.
**
** list and ring: their types are named struct types, so that `e.Value` and
** `r.Value` are ordinary field accesses (`e.Value.(*entry)`), pointers to them
** are PTR_STRUCT pointers and nil checks (`e != nil`) work as in Go:
**   list.Element {next, prev *Element; list *List; Value any}
**   list.List    {root *Element; len int}   -- root: a sentinel Element made
**                                              lazily (the zero List works)
**   ring.Ring    {next, prev *Ring; Value any}
** The methods are natives mirroring Go's code. Neither is safe for concurrent
** use (as in Go).
*/
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

static int nil_deref(Fiber *f) {
  vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return NATIVE_PANIC;
}

static Type *element_ptr_t, *list_ptr_t, *ring_ptr_t;   /* set by open_container */

/* Pointers to list/ring structs; nil ones carry their type (%T, methods). */
static inline Value sptr_t(ObjStruct *s, Type *pt) {
  return s ? PTR_VAL(PTR_STRUCT, s, 0) : type_zero(pt);
}
#define eptr(s) sptr_t((s), element_ptr_t)
#define lptr(s) sptr_t((s), list_ptr_t)
#define rptr(s) sptr_t((s), ring_ptr_t)

/* A *T field as an ObjStruct (NULL for nil). */
static inline ObjStruct *sfield(ObjStruct *s, int i) {
  Value v = s->f[i];
  return v.kind == VAL_PTR && v.pk == PTR_STRUCT ? (ObjStruct *)v.as.p : NULL;
}

/* {====================================================================
** container/heap
** ===================================================================== */

typedef struct HeapCtx {
  Fiber *f;
  Value h;
  bool failed;
} HeapCtx;

static int64_t h_len(HeapCtx *c) {
  if (c->failed) return 0;
  Value r;
  int k = api_call_method(c->f, c->h, "Len", NULL, 0, &r, 1);
  if (k < 1) {
    if (k != NATIVE_PANIC) {
      if (value_is_nil(c->h)) nil_deref(c->f);
      else vm_panicf(c->f, "interface conversion: %s is not heap.Interface: missing method Len",
                     type_str(value_type(c->h)));
    }
    c->failed = true;
    return 0;
  }
  int64_t n = 0;
  to_int(r, &n);
  return n;
}

static bool h_less(HeapCtx *c, int64_t i, int64_t j) {
  if (c->failed) return false;
  Value a[2] = {INT_VAL(i), INT_VAL(j)}, r;
  int k = api_call_method(c->f, c->h, "Less", a, 2, &r, 1);
  if (k < 1) {
    if (k != NATIVE_PANIC) vm_panicf(c->f, "heap: Less missing");
    c->failed = true;
    return false;
  }
  return IS_TRUE(r);
}

static void h_swap(HeapCtx *c, int64_t i, int64_t j) {
  if (c->failed) return;
  Value a[2] = {INT_VAL(i), INT_VAL(j)}, r;
  int k = api_call_method(c->f, c->h, "Swap", a, 2, &r, 0);
  if (k < 0) {
    if (k != NATIVE_PANIC) vm_panicf(c->f, "heap: Swap missing");
    c->failed = true;
  }
}

static void h_push(HeapCtx *c, Value x) {
  if (c->failed) return;
  Value r;
  int k = api_call_method(c->f, c->h, "Push", &x, 1, &r, 0);
  if (k < 0) {
    if (k != NATIVE_PANIC) vm_panicf(c->f, "heap: Push missing");
    c->failed = true;
  }
}

static Value h_pop(HeapCtx *c) {
  if (c->failed) return NIL_VAL;
  Value r = NIL_VAL;
  int k = api_call_method(c->f, c->h, "Pop", NULL, 0, &r, 1);
  if (k < 0) {
    if (k != NATIVE_PANIC) vm_panicf(c->f, "heap: Pop missing");
    c->failed = true;
    return NIL_VAL;
  }
  return k >= 1 ? r : NIL_VAL;
}

static void h_up(HeapCtx *c, int64_t j) {
  for (;;) {
    int64_t i = (j - 1) / 2;   /* parent (C and Go both truncate: j = 0 gives 0) */
    if (i == j || !h_less(c, j, i) || c->failed) break;
    h_swap(c, i, j);
    j = i;
  }
}

static bool h_down(HeapCtx *c, int64_t i0, int64_t n) {
  int64_t i = i0;
  for (;;) {
    int64_t j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    int64_t j = j1;
    int64_t j2 = j1 + 1;
    if (j2 < n && h_less(c, j2, j1)) j = j2;
    if (c->failed || !h_less(c, j, i) || c->failed) break;
    h_swap(c, i, j);
    i = j;
  }
  return i > i0;
}

#define HEAP_CTX(c) HeapCtx c = {f, nargs > 0 ? args[0] : NIL_VAL, false}

static int heap_init(Fiber *f, Value *args, int nargs, Value *res) {
  HEAP_CTX(c);
  int64_t n = h_len(&c);
  for (int64_t i = n / 2 - 1; i >= 0 && !c.failed; i--) h_down(&c, i, n);
  return c.failed ? NATIVE_PANIC : 0;
}

static int heap_push(Fiber *f, Value *args, int nargs, Value *res) {
  HEAP_CTX(c);
  h_push(&c, nargs > 1 ? args[1] : NIL_VAL);
  h_up(&c, h_len(&c) - 1);
  return c.failed ? NATIVE_PANIC : 0;
}

static int heap_pop(Fiber *f, Value *args, int nargs, Value *res) {
  HEAP_CTX(c);
  int64_t n = h_len(&c) - 1;
  h_swap(&c, 0, n);
  h_down(&c, 0, n);
  res[0] = h_pop(&c);
  return c.failed ? NATIVE_PANIC : 1;
}

static int heap_remove(Fiber *f, Value *args, int nargs, Value *res) {
  HEAP_CTX(c);
  int64_t i = 0;
  if (nargs > 1) to_int(args[1], &i);
  int64_t n = h_len(&c) - 1;
  if (n != i) {
    h_swap(&c, i, n);
    if (!h_down(&c, i, n)) h_up(&c, i);
  }
  res[0] = h_pop(&c);
  return c.failed ? NATIVE_PANIC : 1;
}

static int heap_fix(Fiber *f, Value *args, int nargs, Value *res) {
  HEAP_CTX(c);
  int64_t i = 0;
  if (nargs > 1) to_int(args[1], &i);
  if (!h_down(&c, i, h_len(&c))) h_up(&c, i);
  return c.failed ? NATIVE_PANIC : 0;
}

/* }==================================================================== */

/* {====================================================================
** container/list
** ===================================================================== */

enum { E_NEXT, E_PREV, E_LIST, E_VALUE, E_NFIELDS };
enum { L_ROOT, L_LEN, L_NFIELDS };

static Type *element_t, *list_t;

static ObjStruct *list_of(Fiber *f, Value v) {
  ObjStruct *s = ext_struct_of(v);
  if (!s || s->type != list_t) return NULL;
  return s;
}

static ObjStruct *elem_of(Value v) {
  ObjStruct *s = ext_struct_of(v);
  return s && s->type == element_t ? s : NULL;
}

static ObjStruct *list_init(ObjStruct *l) {
  ObjStruct *root = sfield(l, L_ROOT);
  if (!root) {
    root = struct_new(element_t);
    l->f[L_ROOT] = eptr(root);
  }
  root->f[E_NEXT] = eptr(root);
  root->f[E_PREV] = eptr(root);
  root->f[E_LIST] = lptr(l);
  l->f[L_LEN] = INT_VAL(0);
  return l;
}

static ObjStruct *lazy_root(ObjStruct *l) {
  ObjStruct *root = sfield(l, L_ROOT);
  if (!root || !sfield(root, E_NEXT)) {
    list_init(l);
    root = sfield(l, L_ROOT);
  }
  return root;
}

static void list_addlen(ObjStruct *l, int64_t d) { l->f[L_LEN] = INT_VAL(l->f[L_LEN].as.i + d); }

static ObjStruct *list_insert(ObjStruct *l, ObjStruct *e, ObjStruct *at) {
  ObjStruct *next = sfield(at, E_NEXT);
  e->f[E_PREV] = eptr(at);
  e->f[E_NEXT] = eptr(next);
  at->f[E_NEXT] = eptr(e);
  next->f[E_PREV] = eptr(e);
  e->f[E_LIST] = lptr(l);
  list_addlen(l, 1);
  return e;
}

static ObjStruct *list_insert_value(ObjStruct *l, Value v, ObjStruct *at) {
  ObjStruct *e = struct_new(element_t);
  e->f[E_VALUE] = v;
  return list_insert(l, e, at);
}

static void list_remove(ObjStruct *l, ObjStruct *e) {
  ObjStruct *prev = sfield(e, E_PREV), *next = sfield(e, E_NEXT);
  prev->f[E_NEXT] = eptr(next);
  next->f[E_PREV] = eptr(prev);
  e->f[E_NEXT] = eptr(NULL);
  e->f[E_PREV] = eptr(NULL);
  e->f[E_LIST] = eptr(NULL);
  list_addlen(l, -1);
}

static void list_move(ObjStruct *e, ObjStruct *at) {
  if (e == at) return;
  ObjStruct *prev = sfield(e, E_PREV), *next = sfield(e, E_NEXT);
  prev->f[E_NEXT] = eptr(next);
  next->f[E_PREV] = eptr(prev);
  ObjStruct *an = sfield(at, E_NEXT);
  e->f[E_PREV] = eptr(at);
  e->f[E_NEXT] = eptr(an);
  at->f[E_NEXT] = eptr(e);
  an->f[E_PREV] = eptr(e);
}

#define LIST_RECV(l)                          \
  ObjStruct *l = list_of(f, args[0]);          \
  if (!l) return nil_deref(f)

static int list_new(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = lptr(list_init(struct_new(list_t)));
  return 1;
}

static int list_init_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  res[0] = lptr(list_init(l));
  return 1;
}

static int list_len_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  res[0] = INT_VAL(l->f[L_LEN].as.i);
  return 1;
}

static int list_front_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ObjStruct *root = sfield(l, L_ROOT);
  res[0] = eptr(l->f[L_LEN].as.i == 0 || !root ? NULL : sfield(root, E_NEXT));
  return 1;
}

static int list_back_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ObjStruct *root = sfield(l, L_ROOT);
  res[0] = eptr(l->f[L_LEN].as.i == 0 || !root ? NULL : sfield(root, E_PREV));
  return 1;
}

static int list_pushfront_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ObjStruct *root = lazy_root(l);
  res[0] = eptr(list_insert_value(l, nargs > 1 ? args[1] : NIL_VAL, root));
  return 1;
}

static int list_pushback_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ObjStruct *root = lazy_root(l);
  res[0] = eptr(list_insert_value(l, nargs > 1 ? args[1] : NIL_VAL, sfield(root, E_PREV)));
  return 1;
}

/* The element argument i, or a nil-deref panic (Go dereferences it). */
#define ELEM_ARG(e, i)                                   \
  ObjStruct *e = nargs > (i) ? elem_of(args[i]) : NULL;  \
  if (!e) return nil_deref(f)

static int list_insertbefore_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(mark, 2);
  if (sfield(mark, E_LIST) != l) {
    res[0] = eptr(NULL);
    return 1;
  }
  res[0] = eptr(list_insert_value(l, args[1], sfield(mark, E_PREV)));
  return 1;
}

static int list_insertafter_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(mark, 2);
  if (sfield(mark, E_LIST) != l) {
    res[0] = eptr(NULL);
    return 1;
  }
  res[0] = eptr(list_insert_value(l, args[1], mark));
  return 1;
}

static int list_remove_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(e, 1);
  if (sfield(e, E_LIST) == l) list_remove(l, e);
  res[0] = e->f[E_VALUE];
  return 1;
}

static int list_movetofront_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(e, 1);
  ObjStruct *root = sfield(l, L_ROOT);
  if (sfield(e, E_LIST) != l || !root || sfield(root, E_NEXT) == e) return 0;
  list_move(e, root);
  return 0;
}

static int list_movetoback_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(e, 1);
  ObjStruct *root = sfield(l, L_ROOT);
  if (sfield(e, E_LIST) != l || !root || sfield(root, E_PREV) == e) return 0;
  list_move(e, sfield(root, E_PREV));
  return 0;
}

static int list_movebefore_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(e, 1);
  ELEM_ARG(mark, 2);
  if (sfield(e, E_LIST) != l || e == mark || sfield(mark, E_LIST) != l) return 0;
  list_move(e, sfield(mark, E_PREV));
  return 0;
}

static int list_moveafter_m(Fiber *f, Value *args, int nargs, Value *res) {
  LIST_RECV(l);
  ELEM_ARG(e, 1);
  ELEM_ARG(mark, 2);
  if (sfield(e, E_LIST) != l || e == mark || sfield(mark, E_LIST) != l) return 0;
  list_move(e, mark);
  return 0;
}

/* PushBackList / PushFrontList: copy other's values to the back of l (in
** order) or to its front (walking other backwards, each inserted at the
** front). n bounds the walk, so l.PushBackList(l) copies l once. */
static int push_list(Fiber *f, Value *args, int nargs, bool back) {
  LIST_RECV(l);
  ObjStruct *other = nargs > 1 ? list_of(f, args[1]) : NULL;
  if (!other) return nil_deref(f);
  ObjStruct *root = lazy_root(l);
  int64_t n = other->f[L_LEN].as.i;
  ObjStruct *oroot = sfield(other, L_ROOT);
  int step = back ? E_NEXT : E_PREV;
  ObjStruct *e = n > 0 && oroot ? sfield(oroot, step) : NULL;
  for (int64_t i = n; i > 0 && e; i--) {
    list_insert_value(l, e->f[E_VALUE], back ? sfield(root, E_PREV) : root);
    e = sfield(e, step);
  }
  return 0;
}

static int list_pushbacklist_m(Fiber *f, Value *args, int nargs, Value *res) {
  return push_list(f, args, nargs, true);
}

static int list_pushfrontlist_m(Fiber *f, Value *args, int nargs, Value *res) {
  return push_list(f, args, nargs, false);
}

static int elem_next_m(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *e = elem_of(args[0]);
  if (!e) return nil_deref(f);
  ObjStruct *p = sfield(e, E_NEXT), *l = sfield(e, E_LIST);
  res[0] = eptr(l && p != sfield(l, L_ROOT) ? p : NULL);
  return 1;
}

static int elem_prev_m(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *e = elem_of(args[0]);
  if (!e) return nil_deref(f);
  ObjStruct *p = sfield(e, E_PREV), *l = sfield(e, E_LIST);
  res[0] = eptr(l && p != sfield(l, L_ROOT) ? p : NULL);
  return 1;
}

/* }==================================================================== */

/* {====================================================================
** container/ring
** ===================================================================== */

enum { R_NEXT, R_PREV, R_VALUE, R_NFIELDS };
static Type *ring_t;

static ObjStruct *ring_of(Value v) {
  ObjStruct *s = ext_struct_of(v);
  return s && s->type == ring_t ? s : NULL;
}

static ObjStruct *ring_init(ObjStruct *r) {
  r->f[R_NEXT] = rptr(r);
  r->f[R_PREV] = rptr(r);
  return r;
}

static ObjStruct *ring_next(ObjStruct *r) {
  ObjStruct *n = sfield(r, R_NEXT);
  return n ? n : ring_init(r);
}

static ObjStruct *ring_prev(ObjStruct *r) {
  if (!sfield(r, R_NEXT)) return ring_init(r);
  return sfield(r, R_PREV);
}

static ObjStruct *ring_move(ObjStruct *r, int64_t n) {
  if (!sfield(r, R_NEXT)) return ring_init(r);
  for (; n < 0; n++) r = sfield(r, R_PREV);
  for (; n > 0; n--) r = sfield(r, R_NEXT);
  return r;
}

static ObjStruct *ring_link(ObjStruct *r, ObjStruct *s) {
  ObjStruct *n = ring_next(r);
  if (s) {
    ObjStruct *p = ring_prev(s);
    r->f[R_NEXT] = rptr(s);
    s->f[R_PREV] = rptr(r);
    n->f[R_PREV] = rptr(p);
    p->f[R_NEXT] = rptr(n);
  }
  return n;
}

#define RING_RECV(r)                   \
  ObjStruct *r = ring_of(args[0]);     \
  if (!r) return nil_deref(f)

static int ring_new(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n = 0;
  if (nargs > 0) to_int(args[0], &n);
  if (n <= 0) {
    res[0] = rptr(NULL);
    return 1;
  }
  ObjStruct *r = struct_new(ring_t), *p = r;
  for (int64_t i = 1; i < n; i++) {
    ObjStruct *q = struct_new(ring_t);
    q->f[R_PREV] = rptr(p);
    p->f[R_NEXT] = rptr(q);
    p = q;
  }
  p->f[R_NEXT] = rptr(r);
  r->f[R_PREV] = rptr(p);
  res[0] = rptr(r);
  return 1;
}

static int ring_next_m(Fiber *f, Value *args, int nargs, Value *res) {
  RING_RECV(r);
  res[0] = rptr(ring_next(r));
  return 1;
}

static int ring_prev_m(Fiber *f, Value *args, int nargs, Value *res) {
  RING_RECV(r);
  res[0] = rptr(ring_prev(r));
  return 1;
}

static int ring_move_m(Fiber *f, Value *args, int nargs, Value *res) {
  RING_RECV(r);
  int64_t n = 0;
  if (nargs > 1) to_int(args[1], &n);
  res[0] = rptr(ring_move(r, n));
  return 1;
}

static int ring_link_m(Fiber *f, Value *args, int nargs, Value *res) {
  RING_RECV(r);
  ObjStruct *s = nargs > 1 ? ring_of(args[1]) : NULL;
  res[0] = rptr(ring_link(r, s));
  return 1;
}

static int ring_unlink_m(Fiber *f, Value *args, int nargs, Value *res) {
  RING_RECV(r);
  int64_t n = 0;
  if (nargs > 1) to_int(args[1], &n);
  if (n <= 0) {
    res[0] = rptr(NULL);
    return 1;
  }
  res[0] = rptr(ring_link(r, ring_move(r, n + 1)));
  return 1;
}

static int ring_len_m(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *r = ring_of(args[0]);
  int64_t n = 0;
  if (r) {
    n = 1;
    for (ObjStruct *p = ring_next(r); p != r; p = sfield(p, R_NEXT)) n++;
  }
  res[0] = INT_VAL(n);
  return 1;
}

static int ring_do_m(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *r = ring_of(args[0]);
  if (!r) return 0;
  Value fn = nargs > 1 ? args[1] : NIL_VAL;
  Value tmp[1];
  if (vm_call(f, fn, &r->f[R_VALUE], 1, tmp, 0) == NATIVE_PANIC) return NATIVE_PANIC;
  for (ObjStruct *p = ring_next(r); p && p != r; p = sfield(p, R_NEXT)) {
    Value v = p->f[R_VALUE];
    if (vm_call(f, fn, &v, 1, tmp, 0) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  return 0;
}

/* }==================================================================== */

void open_container(void) {
  /* heap */
  const char *H = "container/heap";
  const char *hm[] = {"Len", "Less", "Swap", "Push", "Pop"};
  api_def_type(H, "Interface", type_named("heap", "Interface", type_interface(hm, 5)));
  api_def_func(H, "Init", heap_init, 1);
  api_def_func(H, "Push", heap_push, 2);
  api_def_func(H, "Pop", heap_pop, 1);
  api_def_func(H, "Remove", heap_remove, 2);
  api_def_func(H, "Fix", heap_fix, 2);

  /* list */
  const char *L = "container/list";
  element_t = type_named("list", "Element", NULL);
  list_t = type_named("list", "List", NULL);
  Type *ep = type_ptr(element_t), *lp = type_ptr(list_t);
  element_ptr_t = ep;
  list_ptr_t = lp;
  Field ef[E_NFIELDS] = {
    {.name = intern("next"), .type = ep},
    {.name = intern("prev"), .type = ep},
    {.name = intern("list"), .type = lp},
    {.name = intern("Value"), .type = type_any},
  };
  type_set_underlying(element_t, type_struct(ef, E_NFIELDS));
  Field lf[L_NFIELDS] = {
    {.name = intern("root"), .type = ep},
    {.name = intern("len"), .type = type_int},
  };
  type_set_underlying(list_t, type_struct(lf, L_NFIELDS));
  api_def_type(L, "Element", element_t);
  api_def_type(L, "List", list_t);
  api_def_func(L, "New", list_new, 0);
  static const struct { const char *name; NativeFn fn; int arity; } lm[] = {
    {"Init", list_init_m, 0},           {"Len", list_len_m, 0},
    {"Front", list_front_m, 0},         {"Back", list_back_m, 0},
    {"PushFront", list_pushfront_m, 1}, {"PushBack", list_pushback_m, 1},
    {"InsertBefore", list_insertbefore_m, 2}, {"InsertAfter", list_insertafter_m, 2},
    {"Remove", list_remove_m, 1},       {"MoveToFront", list_movetofront_m, 1},
    {"MoveToBack", list_movetoback_m, 1}, {"MoveBefore", list_movebefore_m, 2},
    {"MoveAfter", list_moveafter_m, 2}, {"PushBackList", list_pushbacklist_m, 1},
    {"PushFrontList", list_pushfrontlist_m, 1},
  };
  for (size_t i = 0; i < sizeof lm / sizeof lm[0]; i++)
    api_def_method(list_t, lm[i].name, lm[i].fn, lm[i].arity, true);
  api_def_method(element_t, "Next", elem_next_m, 0, true);
  api_def_method(element_t, "Prev", elem_prev_m, 0, true);

  /* ring */
  const char *R = "container/ring";
  ring_t = type_named("ring", "Ring", NULL);
  Type *rp = type_ptr(ring_t);
  ring_ptr_t = rp;
  Field rf[R_NFIELDS] = {
    {.name = intern("next"), .type = rp},
    {.name = intern("prev"), .type = rp},
    {.name = intern("Value"), .type = type_any},
  };
  type_set_underlying(ring_t, type_struct(rf, R_NFIELDS));
  api_def_type(R, "Ring", ring_t);
  api_def_func(R, "New", ring_new, 1);
  api_def_method(ring_t, "Next", ring_next_m, 0, true);
  api_def_method(ring_t, "Prev", ring_prev_m, 0, true);
  api_def_method(ring_t, "Move", ring_move_m, 1, true);
  api_def_method(ring_t, "Link", ring_link_m, 1, true);
  api_def_method(ring_t, "Unlink", ring_unlink_m, 1, true);
  api_def_method(ring_t, "Len", ring_len_m, 0, true);
  api_def_method(ring_t, "Do", ring_do_m, 1, true);
}
