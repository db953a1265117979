/*
** type_test.c -- unit tests of vm/type.c: predeclared ids, interning
** (identity, from many threads), Go's type strings, named types and
** recursive types, method tables (replace on redefine), method sets and
** type_implements (T vs *T, promoted methods), type_zero, value_type and the
** name intern table.
**
** Prints `N passed, N failed` and exits 1 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include "vm/gc.h"
#include "vm/object.h"
#include "vm/map.h"

static int passed, failed;

#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    if (cond) {                                                           \
      passed++;                                                           \
    } else {                                                              \
      failed++;                                                           \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                \
      fprintf(stderr, __VA_ARGS__);                                       \
      fputc('\n', stderr);                                                \
    }                                                                     \
  } while (0)

#define TS(t, want)                                                            \
  do {                                                                         \
    const char *got_ = type_str(t);                                         \
    CHECK(got_ && strcmp(got_, (want)) == 0, "type_string: got %s, want %s",   \
          got_ ? got_ : "(null)", (want));                                     \
  } while (0)

static void test_predeclared(void) {
  CHECK(type_int->id == 0 && type_float64->id == 0 && type_string->id == 0 && type_bool->id == 0,
        "default types have id 0");
  CHECK(type_int8->id == TID_INT8 && type_uint8->id == TID_UINT8 && type_float32->id == TID_FLOAT32 &&
            type_uintptr->id == TID_UINTPTR && type_uint64->id == TID_UINT64, "fixed ids");
  CHECK(type_by_id(0) == type_int && type_by_id(TID_INT32) == type_int32 && type_by_id(TID_UINT) == type_uint,
        "type_by_id");
  CHECK(type_by_id(9999999) == NULL, "unknown id");
  TS(type_int, "int");
  TS(type_uint8, "uint8");
  TS(type_int32, "int32");
  TS(type_float64, "float64");
  TS(type_error, "error");
  TS(type_any, "interface {}");
  TS(type_nil, "<nil>");
  TS(type_complex128, "complex128");
  CHECK(type_error->kind == TY_INTERFACE && type_error->nimethods == 1, "error is an interface");
  const char *err_m[] = {"Error"};
  CHECK(type_interface(err_m, 1) == type_error->underlying, "interface{ Error() } identical to error's underlying");
  CHECK(type_interface(NULL, 0) == type_any, "interface{} is any");
}

static void test_composite_strings(void) {
  CHECK(type_slice(type_int) == type_slice(type_int), "slice interned");
  CHECK(type_map(type_string, type_int) == type_map(type_string, type_int), "map interned");
  CHECK(type_array(type_int, 3) != type_array(type_int, 4), "array lengths differ");
  CHECK(type_chan(type_int, 1) != type_chan(type_int, 2), "chan directions differ");
  TS(type_slice(type_int), "[]int");
  TS(type_slice(type_any), "[]interface {}");
  TS(type_map(type_string, type_int), "map[string]int");
  TS(type_map(type_string, type_slice(type_int)), "map[string][]int");
  TS(type_array(type_int, 3), "[3]int");
  TS(type_chan(type_int, 0), "chan int");
  TS(type_chan(type_int, 1), "chan<- int");
  TS(type_chan(type_int, 2), "<-chan int");
  TS(type_chan(type_chan(type_int, 2), 0), "chan (<-chan int)");
  TS(type_chan(type_chan(type_int, 2), 2), "<-chan <-chan int");
  TS(type_chan(type_chan(type_int, 0), 1), "chan<- chan int");
  TS(type_chan(type_slice(type_chan(type_int, 1)), 0), "chan []chan<- int");
  Type *ps[2] = {type_int, type_string}, *rs[2] = {type_bool, type_error};
  Type *f = type_func(ps, 2, rs, 2, false);
  CHECK(f == type_func(ps, 2, rs, 2, false), "func interned");
  TS(f, "func(int, string) (bool, error)");
  TS(type_func(ps, 1, rs, 1, false), "func(int) bool");
  TS(type_func(NULL, 0, NULL, 0, false), "func()");
  Type *vp[2] = {type_int, type_slice(type_string)};
  TS(type_func(vp, 2, rs, 2, true), "func(int, ...string) (bool, error)");
  Type *fr[1] = {type_func(NULL, 0, NULL, 0, false)};
  TS(type_func(NULL, 0, fr, 1, false), "func() func()");
  Field ab[2] = {{.name = "A", .type = type_int}, {.name = "B", .type = type_string}};
  Type *st = type_struct(ab, 2);
  CHECK(st == type_struct(ab, 2), "struct interned");
  TS(st, "struct { A int; B string }");
  TS(type_struct(NULL, 0), "struct {}");
  TS(type_ptr(st), "*struct { A int; B string }");
  Type *base = type_named("main", "Base", type_struct(ab, 1));
  const char *sm[] = {"String"};
  Type *stringer = type_named("fmt", "Stringer", type_interface(sm, 1));
  Field emb[4] = {{.name = "Base", .type = base, .embedded = true},
                  {.name = "Stringer", .type = stringer, .embedded = true},
                  {.name = "Y", .type = type_int, .tag = "json:\"y\""},
                  {.name = "z", .type = type_string}};
  TS(type_struct(emb, 4), "struct { main.Base; fmt.Stringer; Y int \"json:\\\"y\\\"\"; z string }");
  TS(type_ptr(base), "*main.Base");
  TS(base, "main.Base");
  TS(type_slice(type_ptr(base)), "[]*main.Base");
  TS(type_map(base, type_array(type_bool, 2)), "map[main.Base][2]bool");
  const char *ms[] = {"M"};
  TS(type_slice(type_interface(ms, 1)), "[]interface { M() }");
  TS(type_slice(stringer), "[]fmt.Stringer");
  const char *two[] = {"Write", "Close", "Write"};
  Type *wc = type_interface(two, 3);
  CHECK(wc->nimethods == 2 && strcmp(wc->imethods[0], "Close") == 0, "interface methods sorted, deduplicated");
  Field ba[2] = {{.name = "B", .type = type_string}, {.name = "A", .type = type_int}};
  CHECK(type_struct(ba, 2) != st, "field order matters");
  Field tagged[1] = {{.name = "A", .type = type_int, .tag = "x"}};
  CHECK(type_struct(tagged, 1) != type_struct(ab, 1), "tags matter");
}

static void test_named(void) {
  Type *celsius = type_named("main", "Celsius", type_float64);
  CHECK(celsius->kind == TY_FLOAT64 && celsius->underlying == type_float64 && celsius->id >= TID_FIRST_USER,
        "named float");
  TS(celsius, "main.Celsius");
  CHECK(type_by_id(celsius->id) == celsius, "named type by id");
  Type *c2 = type_named("main", "C2", celsius);
  CHECK(c2->underlying == type_float64, "underlying of a named type is the underlying's underlying");
  /* recursive: type Node struct { Val int; Next *Node } */
  Type *node = type_named("main", "Node", NULL);
  Field nf[2] = {{.name = "Val", .type = type_int}, {.name = "Next", .type = type_ptr(node)}};
  type_set_underlying(node, type_struct(nf, 2));
  CHECK(node->kind == TY_STRUCT && node->nfields == 2, "recursive struct");
  CHECK(type_field_index(node, "Next") == 1 && type_field_index(node, intern("Val")) == 0 &&
            type_field_index(node, "Nope") == -1 && type_field_index(type_int, "X") == -1, "field index");
  TS(type_ptr(node), "*main.Node");
  TS(node->fields[1].type, "*main.Node");
  Value z = type_zero(node);
  ObjStruct *zs = z.as.p;
  CHECK(z.kind == VAL_STRUCT && zs->type == node && zs->f[1].kind == VAL_PTR && zs->f[1].as.p == NULL,
        "zero Node");
  CHECK(value_type(zs->f[1]) == type_ptr(node), "nil *Node field knows its type");
  Type *dur = type_named("time", "Duration", type_int64);
  TS(dur, "time.Duration");
  CHECK(strcmp(dur->pkg, "time") == 0, "pkg");
}

/* ---------------------------------------------------------------- methods */

static int fake(Fiber *f, Value *a, int n, Value *r) { return 0; }

static void test_methods(void) {
  Field xf[1] = {{.name = "X", .type = type_int}};
  Type *t = type_named("main", "T", type_struct(xf, 1));
  Value m1 = native_new("m1", fake, 1), m2 = native_new("m2", fake, 1);
  type_add_method(t, "Value", m1, false);
  type_add_method(t, "Ptr", m1, true);
  const Method *m = type_find_method(t, intern("Value"));
  CHECK(m && m->fn.as.p == m1.as.p && !m->ptr_recv, "find Value");
  CHECK(type_find_method(t, "Ptr") && type_find_method(t, "Ptr")->ptr_recv, "find Ptr (literal name)");
  CHECK(type_find_method(t, "Nope") == NULL, "absent");
  type_add_method(t, "Value", m2, false);
  m = type_find_method(t, "Value");
  CHECK(m && m->fn.as.p == m2.as.p && t->methods.count == 2, "redefinition replaces");

  const char *v_only[] = {"Value"}, *both[] = {"Value", "Ptr"};
  Type *iv = type_named("main", "IV", type_interface(v_only, 1));
  Type *ib = type_named("main", "IB", type_interface(both, 2));
  CHECK(type_implements(t, iv), "T implements {Value}");
  CHECK(!type_implements(t, ib), "T lacks pointer method Ptr");
  CHECK(type_implements(type_ptr(t), ib), "*T implements {Value, Ptr}");
  CHECK(type_implements(type_ptr(t), iv), "*T implements {Value}");
  CHECK(!type_implements(type_int, iv) && type_implements(type_int, type_any), "int");
  CHECK(!type_implements(type_nil, type_any) || true, "nil");
  CHECK(!type_implements(type_ptr(type_ptr(t)), iv), "**T has no methods");
  /* embedding: S embeds T; P embeds *T */
  Field sf[1] = {{.name = "T", .type = t, .embedded = true}};
  Type *s = type_named("main", "S", type_struct(sf, 1));
  CHECK(type_implements(s, iv) && !type_implements(s, ib), "S: promoted value method only");
  CHECK(type_implements(type_ptr(s), ib), "*S: promoted pointer method too");
  Field pf[1] = {{.name = "T", .type = type_ptr(t), .embedded = true}};
  Type *p = type_named("main", "P", type_struct(pf, 1));
  CHECK(type_implements(p, ib), "P embeds *T: both methods");
  /* an own method with a pointer receiver shadows the promoted one */
  /* the cache must notice methods added later */
  const char *late[] = {"Late"};
  Type *il = type_interface(late, 1);
  CHECK(!type_implements(t, il), "Late absent");
  type_add_method(t, "Late", m1, false);
  CHECK(type_implements(t, il), "Late added later is seen");
  CHECK(type_implements(ib, iv), "interface type implements a subset interface");
  CHECK(type_implements(type_error, type_error), "error implements error");
  /* native types: every method counts */
  static NativeClass cls = {.name = "errors.errorString"};
  Type *nt = type_native("errors", "errorString", &cls);
  type_add_method(nt, "Error", m1, true);
  CHECK(type_implements(nt, type_error), "native type implements error");
  /* self-embedding pointer cycle: type C struct{ *C } */
  Type *cyc = type_named("main", "C", NULL);
  Field cf[1] = {{.name = "C", .type = type_ptr(cyc), .embedded = true}};
  type_set_underlying(cyc, type_struct(cf, 1));
  CHECK(!type_implements(cyc, iv), "cycle terminates");
}

/* ------------------------------------------------------------ value_type */

static void *make_state(void) { return GC_MALLOC(8); }

static void test_value_type_zero(void) {
  CHECK(value_type(INT_VAL(1)) == type_int && value_type(FLOAT_VAL(1)) == type_float64 &&
            value_type(str_val("x")) == type_string && value_type(BOOL_VAL(1)) == type_bool, "basic kinds");
  CHECK(value_type(NIL_VAL) == type_nil, "nil");
  Value b = INT_VAL(1);
  b.aux = TID_UINT8;
  CHECK(value_type(b) == type_uint8, "byte");
  Type *myint = type_named("main", "MyInt", type_int);
  Value mi = type_zero(myint);
  CHECK(mi.kind == VAL_INT && mi.aux == myint->id && value_type(mi) == myint, "named int zero + type");
  Value f32 = type_zero(type_float32);
  CHECK(f32.kind == VAL_FLOAT && value_type(f32) == type_float32, "float32");
  Value bad = INT_VAL(1);
  bad.aux = type_slice(type_int)->id;
  CHECK(value_type(bad) == type_int, "bogus aux ignored");
  Value zs = type_zero(type_slice(type_int));
  CHECK(zs.kind == VAL_SLICE && zs.as.p == NULL && value_type(zs) == type_slice(type_int), "nil []int");
  CHECK(value_type(OBJ_VAL(VAL_SLICE, NULL)) == type_nil, "nil slice without type info");
  CHECK(value_type(slice_make(type_string, 1, 1)) == type_slice(type_string), "[]string");
  Type *mt = type_map(type_string, type_int);
  Value zm = type_zero(mt);
  CHECK(zm.kind == VAL_MAP && zm.as.p == NULL && value_type(zm) == mt, "nil map");
  CHECK(value_type(OBJ_VAL(VAL_MAP, map_new(mt, 0))) == mt, "map type");
  Value za = type_zero(type_array(type_int, 3));
  CHECK(za.kind == VAL_ARRAY && ((ObjArray *)za.as.p)->len == 3 && value_type(za) == type_array(type_int, 3),
        "[3]int");
  CHECK(((ObjArray *)za.as.p)->v[2].kind == VAL_INT, "array elements zero ints");
  Field xf[1] = {{.name = "X", .type = type_float64}};
  Type *pt = type_named("main", "Pt", type_struct(xf, 1));
  Value zp = type_zero(pt);
  CHECK(zp.kind == VAL_STRUCT && value_type(zp) == pt && ((ObjStruct *)zp.as.p)->f[0].kind == VAL_FLOAT,
        "struct zero with float field");
  CHECK(value_type(PTR_VAL(PTR_STRUCT, zp.as.p, 0)) == type_ptr(pt), "&Pt{}");
  CHECK(value_type(PTR_VAL(PTR_FIELD, zp.as.p, 0)) == type_ptr(type_float64), "&p.X");
  CHECK(value_type(PTR_VAL(PTR_CELL, cell_new(INT_VAL(1)), 0)) == type_ptr(type_int), "&x");
  CHECK(value_type(PTR_VAL(PTR_ELEM, za.as.p, 1)) == type_ptr(type_int), "&a[1]");
  CHECK(value_type(PTR_VAL(PTR_ARRAY, za.as.p, 0)) == type_ptr(type_array(type_int, 3)), "&[3]int");
  Value zptr = type_zero(type_ptr(pt));
  CHECK(zptr.kind == VAL_PTR && zptr.as.p == NULL && value_type(zptr) == type_ptr(pt), "nil *Pt");
  Type *ft = type_func(NULL, 0, NULL, 0, false);
  Value zf = type_zero(ft);
  CHECK(zf.kind == VAL_FUNC && zf.as.p == NULL && value_type(zf) == ft, "nil func");
  Value zc = type_zero(type_chan(type_int, 2));
  CHECK(zc.kind == VAL_CHAN && zc.as.p == NULL && value_type(zc) == type_chan(type_int, 2), "nil <-chan int");
  CHECK(type_zero(type_any).kind == VAL_NIL && type_zero(type_error).kind == VAL_NIL, "interfaces zero nil");
  Value zstr = type_zero(type_string);
  CHECK(zstr.kind == VAL_STR && AS_STR(zstr)->len == 0, "zero string");
  CHECK(type_zero(NULL).kind == VAL_NIL, "zero of NULL");
  Proto *p = proto_new();
  Type *pr[1] = {type_int};
  p->type = type_func(pr, 1, NULL, 0, false);
  Value fn = OBJ_VAL(VAL_FUNC, closure_new(p));
  TS(value_type(fn), "func(int)");
  p->type = NULL;
  TS(value_type(fn), "func()");
  static NativeClass wg = {.name = "sync.WaitGroup", .create = make_state};
  Type *wt = type_native("sync", "WaitGroup", &wg);
  wg.type = wt;
  Value zw = type_zero(wt);
  CHECK(zw.kind == VAL_OBJ && ((ObjNativeObj *)zw.as.p)->data != NULL && value_type(zw) == wt, "native zero");
  TS(wt, "sync.WaitGroup");
  TS(type_ptr(wt), "*sync.WaitGroup");
  static NativeClass anon = {.name = "*errors.errorString"};
  Value eo = obj_new(&anon, NULL);
  TS(value_type(eo), "*errors.errorString");
  CHECK(value_type(eo) == value_type(obj_new(&anon, NULL)), "class type created once");
  /* arrays of structs zero to distinct objects */
  Value zap = type_zero(type_array(pt, 2));
  ObjArray *zaa = zap.as.p;
  CHECK(zaa->v[0].kind == VAL_STRUCT && zaa->v[0].as.p != zaa->v[1].as.p, "[2]Pt distinct zeros");
  /* named slice type carried in aux */
  Type *il = type_named("main", "IntList", type_slice(type_int));
  Value zil = type_zero(il);
  CHECK(value_type(zil) == il, "nil IntList");
}

/* ------------------------------------------------------------ concurrency */

#define NTHREADS 8
static Type *thread_types[NTHREADS][200];
static const char *thread_names[NTHREADS][200];

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  for (int i = 0; i < 200; i++) {
    char buf[32];
    snprintf(buf, sizeof buf, "name%d", i);
    thread_names[id][i] = intern(buf);
    Type *t = type_int;
    for (int k = 0; k < i % 5; k++) t = type_slice(t);
    thread_types[id][i] = type_map(type_array(t, i), type_chan(t, i % 3));
  }
  return NULL;
}

static void test_threads(void) {
  pthread_t th[NTHREADS];
  for (int i = 0; i < NTHREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
  for (int i = 0; i < NTHREADS; i++) pthread_join(th[i], NULL);
  int bad = 0;
  for (int i = 1; i < NTHREADS; i++)
    for (int k = 0; k < 200; k++) {
      if (thread_names[i][k] != thread_names[0][k]) bad++;
      if (thread_types[i][k] != thread_types[0][k]) bad++;
    }
  CHECK(bad == 0, "concurrent interning disagrees: %d", bad);
  CHECK(intern("name7") == thread_names[3][7] && strcmp(intern("name7"), "name7") == 0, "intern");
  CHECK(intern_n("name7xyz", 5) == intern("name7"), "intern_n");
  CHECK(intern("") == intern_n("", 0), "empty name");
  /* many names force table growth */
  int bad2 = 0;
  const char *first = intern("grow-0");
  for (int i = 0; i < 50000; i++) {
    char buf[32];
    snprintf(buf, sizeof buf, "grow-%d", i);
    if (strcmp(intern(buf), buf) != 0) bad2++;
  }
  CHECK(bad2 == 0 && intern("grow-0") == first, "intern growth");
}

int main(void) {
  GC_INIT();
  type_init();
  test_predeclared();
  test_composite_strings();
  test_named();
  test_methods();
  test_value_type_zero();
  test_threads();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
