/*
** map_test.c -- unit tests of vm/map.c: insert/find/delete, insertion-ordered
** iteration, growth to 1,000,000 int and string keys, tombstone churn,
** compaction during iteration, struct/float keys (NaN, +0/-0), unhashable
** keys, nil maps; prints ns/op for insert and lookup.
**
** Prints `N passed, N failed` and exits 1 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include "vm/gc.h"
#include "vm/map.h"

const char *map_key_error(Value key);   /* vm/map.c (not yet in map.h) */

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

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static Value sval(const char *s) { return str_val(s); }

static Value skey(int64_t i) {
  char buf[32];
  int n = snprintf(buf, sizeof buf, "key%lld", (long long)i);
  return str_val_n(buf, n);
}

static bool set(ObjMap *m, Value k, Value v) {
  const char *err = NULL;
  return map_set(m, k, v, &err);
}

/* ---------------------------------------------------------------- basics */

static void test_basics(void) {
  ObjMap *m = map_new(type_map(type_string, type_int), 0);
  CHECK(map_find(m, sval("a")) == NULL, "empty map find");
  CHECK(set(m, sval("a"), INT_VAL(1)), "set a");
  CHECK(set(m, sval("b"), INT_VAL(2)), "set b");
  CHECK(set(m, sval("c"), INT_VAL(3)), "set c");
  CHECK(m->count == 3, "count %lld", (long long)m->count);
  Value *v = map_find(m, sval("b"));
  CHECK(v && v->kind == VAL_INT && v->as.i == 2, "find b");
  CHECK(set(m, sval("b"), INT_VAL(20)), "overwrite b");
  v = map_find(m, sval("b"));
  CHECK(v && v->as.i == 20 && m->count == 3, "overwrite b value/count");
  map_delete(m, sval("a"));
  CHECK(map_find(m, sval("a")) == NULL && m->count == 2, "delete a");
  map_delete(m, sval("zz"));
  CHECK(m->count == 2, "delete absent");
  set(m, sval("a"), INT_VAL(100));     /* re-inserted: goes last */
  const char *order[] = {"b", "c", "a"};
  int64_t pos = 0;
  Value k, val;
  int i = 0;
  while (map_next(m, &pos, &k, &val)) {
    CHECK(i < 3 && k.kind == VAL_STR && strcmp(AS_STR(k)->data, order[i]) == 0,
          "order %d: %s", i, k.kind == VAL_STR ? AS_STR(k)->data : "?");
    i++;
  }
  CHECK(i == 3, "iterated %d", i);
  /* nil map */
  const char *err = NULL;
  CHECK(!map_set(NULL, sval("x"), INT_VAL(1), &err) && err &&
            strcmp(err, "assignment to entry in nil map") == 0, "nil map set: %s", err ? err : "-");
  CHECK(map_find(NULL, sval("x")) == NULL, "nil map find");
  pos = 0;
  CHECK(!map_next(NULL, &pos, &k, &val), "nil map next");
  map_delete(NULL, sval("x"));
  /* hint */
  ObjMap *h = map_new(NULL, 1000);
  for (int j = 0; j < 1000; j++) set(h, INT_VAL(j), INT_VAL(j * 2));
  CHECK(h->count == 1000 && h->cap_entries == 1000, "hint: no growth (%lld)", (long long)h->cap_entries);
}

/* ------------------------------------------------------- many keys, churn */

static void test_int_keys(int64_t n, double *ins_ns, double *find_ns) {
  ObjMap *m = map_new(type_map(type_int, type_int), 0);
  double t0 = now();
  for (int64_t i = 0; i < n; i++) set(m, INT_VAL(i * 7919), INT_VAL(i));
  double t1 = now();
  int64_t bad = 0;
  for (int64_t i = 0; i < n; i++) {
    Value *v = map_find(m, INT_VAL(i * 7919));
    if (!v || v->as.i != i) bad++;
  }
  double t2 = now();
  *ins_ns = (t1 - t0) * 1e9 / n;
  *find_ns = (t2 - t1) * 1e9 / n;
  CHECK(m->count == n, "int count %lld", (long long)m->count);
  CHECK(bad == 0, "int lookups wrong: %lld", (long long)bad);
  int64_t miss = 0;
  for (int64_t i = 0; i < 1000; i++)
    if (map_find(m, INT_VAL(i * 7919 + 1))) miss++;
  CHECK(miss == 0, "absent keys found: %lld", (long long)miss);
  /* delete the even ones, check the rest, iteration order intact */
  for (int64_t i = 0; i < n; i += 2) map_delete(m, INT_VAL(i * 7919));
  CHECK(m->count == n / 2, "after delete count %lld", (long long)m->count);
  bad = 0;
  for (int64_t i = 0; i < n; i++) {
    Value *v = map_find(m, INT_VAL(i * 7919));
    if ((i % 2 == 0) != (v == NULL)) bad++;
  }
  CHECK(bad == 0, "after delete lookups wrong: %lld", (long long)bad);
  int64_t pos = 0, expect = 1;
  Value k, v;
  bad = 0;
  while (map_next(m, &pos, &k, &v)) {
    if (v.as.i != expect || k.as.i != expect * 7919) bad++;
    expect += 2;
  }
  CHECK(bad == 0 && expect == n + 1, "iteration after delete (bad %lld)", (long long)bad);
}

static void test_string_keys(int64_t n, double *ins_ns, double *find_ns) {
  ObjMap *m = map_new(type_map(type_string, type_int), 0);
  Value *keys = GC_MALLOC(sizeof(Value) * n);
  Value *probe = GC_MALLOC(sizeof(Value) * n);   /* equal strings, distinct objects */
  for (int64_t i = 0; i < n; i++) {
    keys[i] = skey(i);
    probe[i] = skey(i);
  }
  double t0 = now();
  for (int64_t i = 0; i < n; i++) set(m, keys[i], INT_VAL(i));
  double t1 = now();
  int64_t bad = 0;
  for (int64_t i = 0; i < n; i++) {
    Value *v = map_find(m, probe[i]);
    if (!v || v->as.i != i) bad++;
  }
  double t2 = now();
  *ins_ns = (t1 - t0) * 1e9 / n;
  *find_ns = (t2 - t1) * 1e9 / n;
  CHECK(m->count == n && bad == 0, "string keys: count %lld bad %lld", (long long)m->count, (long long)bad);
  CHECK(map_find(m, sval("nokey")) == NULL, "absent string");
  CHECK(map_find(m, sval("")) == NULL, "absent empty string");
  set(m, sval(""), INT_VAL(-1));
  Value *e = map_find(m, str_val_n("", 0));
  CHECK(e && e->as.i == -1, "empty string key");
}

static void test_churn(void) {
  /* A sliding window of 100 live keys over 1,000,000 inserts: tombstones must
  ** be reclaimed, not accumulate. */
  ObjMap *m = map_new(type_map(type_int, type_int), 0);
  int64_t bad = 0;
  for (int64_t i = 0; i < 1000000; i++) {
    set(m, INT_VAL(i), INT_VAL(i));
    if (i >= 100) map_delete(m, INT_VAL(i - 100));
    if (i % 9973 == 0) {
      Value *v = map_find(m, INT_VAL(i));
      if (!v || v->as.i != i) bad++;
      if (i >= 100 && map_find(m, INT_VAL(i - 100))) bad++;
    }
  }
  CHECK(bad == 0, "churn lookups bad %lld", (long long)bad);
  CHECK(m->count == 100, "churn count %lld", (long long)m->count);
  CHECK(m->cap_entries <= 512, "churn capacity grew to %lld", (long long)m->cap_entries);
  int64_t pos = 0, expect = 1000000 - 100, n = 0;
  Value k, v;
  while (map_next(m, &pos, &k, &v)) {
    if (k.as.i != expect) bad++;
    expect++;
    n++;
  }
  CHECK(n == 100 && bad == 0, "churn iteration n=%lld bad=%lld", (long long)n, (long long)bad);
}

/* Deleting during iteration hides unvisited entries; inserting enough to
** force compaction must not skip or repeat entries that existed before. */
static void test_iterate_mutate(void) {
  ObjMap *m = map_new(type_map(type_int, type_int), 0);
  for (int i = 0; i < 64; i++) set(m, INT_VAL(i), INT_VAL(i));
  for (int i = 0; i < 64; i++)
    if (i % 4 != 0) map_delete(m, INT_VAL(i));    /* 16 live, 48 tombstones */
  int seen[64] = {0};
  int64_t pos = 0;
  Value k, v;
  int steps = 0, extra = 0;
  while (map_next(m, &pos, &k, &v)) {
    if (k.as.i < 64) seen[k.as.i]++;
    else extra++;
    if (steps == 3) {
      map_delete(m, INT_VAL(60));                  /* not yet visited: must not appear */
      for (int j = 0; j < 500; j++) set(m, INT_VAL(1000 + j), INT_VAL(j));  /* compacts/grows */
    }
    steps++;
  }
  int bad = 0;
  for (int i = 0; i < 64; i++) {
    int want = (i % 4 == 0 && i != 60) ? 1 : 0;
    if (seen[i] != want) bad++;
  }
  CHECK(bad == 0, "iteration with compaction: %d keys wrong", bad);
  CHECK(extra <= 500, "new keys produced at most once each (%d)", extra);
}

/* ------------------------------------------------------------ key kinds */

static void test_float_keys(void) {
  ObjMap *m = map_new(type_map(type_float64, type_int), 0);
  double nan = NAN;
  for (int i = 0; i < 3; i++) set(m, FLOAT_VAL(nan), INT_VAL(i));
  CHECK(m->count == 3, "NaN inserts are new keys: %lld", (long long)m->count);
  CHECK(map_find(m, FLOAT_VAL(nan)) == NULL, "NaN never found");
  map_delete(m, FLOAT_VAL(nan));
  CHECK(m->count == 3, "delete NaN is a no-op");
  set(m, FLOAT_VAL(0.0), INT_VAL(1));
  set(m, FLOAT_VAL(-0.0), INT_VAL(2));
  CHECK(m->count == 4, "+0 and -0 are one key: %lld", (long long)m->count);
  Value *v = map_find(m, FLOAT_VAL(0.0));
  CHECK(v && v->as.i == 2, "+0 finds -0's value");
  int64_t pos = 0;
  Value k, val;
  int found_zero = 0;
  while (map_next(m, &pos, &k, &val))
    if (k.kind == VAL_FLOAT && k.as.f == 0) found_zero = signbit(k.as.f) ? -1 : 1;
  CHECK(found_zero == -1, "key updated to -0 as Go does");
  /* untyped int constant keys coerce to float64 and collide with 1.0 */
  set(m, INT_VAL(1), INT_VAL(10));
  v = map_find(m, FLOAT_VAL(1.0));
  CHECK(v && v->as.i == 10, "int key 1 == float key 1.0");
  v = map_find(m, INT_VAL(1));
  CHECK(v && v->as.i == 10, "find with int 1");
  set(m, FLOAT_VAL(1.0), INT_VAL(11));
  CHECK(m->count == 5, "1 and 1.0 one key (%lld)", (long long)m->count);
  pos = 0;
  bool all_float = true;
  while (map_next(m, &pos, &k, &val)) all_float &= k.kind == VAL_FLOAT;
  CHECK(all_float, "stored keys are float64");
  set(m, FLOAT_VAL(2.5), INT_VAL(25));
  v = map_find(m, FLOAT_VAL(2.5));
  CHECK(v && v->as.i == 25, "2.5");
}

static void test_struct_keys(void) {
  Field fs[2] = {{.name = "X", .type = type_int}, {.name = "Y", .type = type_string}};
  Type *pt = type_named("main", "P", type_struct(fs, 2));
  ObjMap *m = map_new(type_map(pt, type_int), 0);
  for (int i = 0; i < 1000; i++) {
    ObjStruct *s = struct_new(pt);
    s->f[0] = INT_VAL(i % 10);
    s->f[1] = skey(i / 10);
    set(m, OBJ_VAL(VAL_STRUCT, s), INT_VAL(i));
  }
  CHECK(m->count == 1000, "struct keys count %lld", (long long)m->count);
  int bad = 0;
  for (int i = 0; i < 1000; i++) {
    ObjStruct *s = struct_new(pt);
    s->f[0] = INT_VAL(i % 10);
    s->f[1] = skey(i / 10);
    Value *v = map_find(m, OBJ_VAL(VAL_STRUCT, s));
    if (!v || v->as.i != i) bad++;
  }
  CHECK(bad == 0, "struct key lookups bad %d", bad);
  /* the map owns a copy of the key: mutating the caller's struct is harmless */
  ObjStruct *k = struct_new(pt);
  k->f[0] = INT_VAL(777);
  set(m, OBJ_VAL(VAL_STRUCT, k), INT_VAL(1));
  k->f[0] = INT_VAL(778);
  ObjStruct *q = struct_new(pt);
  q->f[0] = INT_VAL(777);
  CHECK(map_find(m, OBJ_VAL(VAL_STRUCT, q)) != NULL, "key copied on insert");
  /* array keys */
  ObjMap *am = map_new(type_map(type_array(type_int, 3), type_int), 0);
  ObjArray *a = array_new(type_int, 3);
  a->v[1] = INT_VAL(5);
  set(am, OBJ_VAL(VAL_ARRAY, a), INT_VAL(9));
  ObjArray *b = array_new(type_int, 3);
  b->v[1] = INT_VAL(5);
  Value *v = map_find(am, OBJ_VAL(VAL_ARRAY, b));
  CHECK(v && v->as.i == 9, "array key");
}

static void test_unhashable(void) {
  ObjMap *m = map_new(type_map(type_any, type_int), 0);
  const char *err = NULL;
  Value sl = slice_make(type_int, 0, 0);
  CHECK(!map_set(m, sl, INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type []int") == 0,
        "slice key: %s", err ? err : "-");
  err = NULL;
  Value mv = OBJ_VAL(VAL_MAP, map_new(type_map(type_int, type_int), 0));
  CHECK(!map_set(m, mv, INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type map[int]int") == 0,
        "map key: %s", err ? err : "-");
  Field fs[1] = {{.name = "s", .type = type_slice(type_int)}};
  Type *tt = type_named("main", "T", type_struct(fs, 1));
  err = NULL;
  CHECK(!map_set(m, OBJ_VAL(VAL_STRUCT, struct_new(tt)), INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type main.T") == 0,
        "struct with slice: %s", err ? err : "-");
  Type *at = type_array(type_slice(type_int), 2);
  err = NULL;
  CHECK(!map_set(m, type_zero(at), INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type [2][]int") == 0,
        "array of slices: %s", err ? err : "-");
  Field ws[1] = {{.name = "x", .type = type_any}};
  Type *wt = type_named("main", "W", type_struct(ws, 1));
  ObjStruct *w = struct_new(wt);
  w->f[0] = slice_make(type_int, 1, 1);
  err = NULL;
  CHECK(!map_set(m, OBJ_VAL(VAL_STRUCT, w), INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type []int") == 0,
        "interface field holding a slice: %s", err ? err : "-");
  ObjMap *wm = map_new(type_map(wt, type_int), 0);   /* static key type W */
  err = NULL;
  CHECK(!map_set(wm, OBJ_VAL(VAL_STRUCT, w), INT_VAL(1), &err) && err &&
            strcmp(err, "runtime error: hash of unhashable type []int") == 0,
        "map[W]int with a slice inside: %s", err ? err : "-");
  CHECK(map_key_error(OBJ_VAL(VAL_STRUCT, w)) != NULL && map_key_error(INT_VAL(1)) == NULL &&
            map_key_error(sl) != NULL, "map_key_error");
  w->f[0] = INT_VAL(3);
  CHECK(map_set(m, OBJ_VAL(VAL_STRUCT, w), INT_VAL(1), &err), "hashable W");
  CHECK(m->count == 1, "only the hashable key stored");
  /* interface keys of different dynamic types */
  set(m, INT_VAL(1), INT_VAL(1));
  set(m, sval("1"), INT_VAL(2));
  set(m, BOOL_VAL(true), INT_VAL(3));
  CHECK(m->count == 4, "mixed interface keys %lld", (long long)m->count);
  Value i8 = INT_VAL(1);
  i8.aux = TID_INT8;
  Value i16 = INT_VAL(1);
  i16.aux = TID_INT16;
  set(m, i8, INT_VAL(8));
  set(m, i16, INT_VAL(16));
  Value *v = map_find(m, i16);
  CHECK(v && v->as.i == 16, "int16(1) distinct from int8(1)");
}

static void test_value_coercion(void) {
  ObjMap *m = map_new(type_map(type_string, type_float64), 0);
  set(m, sval("x"), INT_VAL(3));
  Value *v = map_find(m, sval("x"));
  CHECK(v && v->kind == VAL_FLOAT && v->as.f == 3.0, "int stored into float64 value slot");
  Type *myint = type_named("main", "MyInt", type_int);
  ObjMap *n = map_new(type_map(myint, type_int), 0);
  set(n, INT_VAL(5), INT_VAL(1));
  int64_t pos = 0;
  Value k, val;
  CHECK(map_next(n, &pos, &k, &val) && k.aux == myint->id, "untyped key takes the key type");
  Value typed = INT_VAL(5);
  typed.aux = myint->id;
  CHECK(map_find(n, typed) != NULL && map_find(n, INT_VAL(5)) != NULL, "find typed/untyped");
}

int main(void) {
  GC_INIT();
  type_init();
  test_basics();
  double ii, fi, is, fs;
  test_int_keys(1000000, &ii, &fi);
  test_string_keys(1000000, &is, &fs);
  test_churn();
  test_iterate_mutate();
  test_float_keys();
  test_struct_keys();
  test_unhashable();
  test_value_coercion();
  printf("map_test: 1M int keys: insert %.1f ns/op, lookup %.1f ns/op\n", ii, fi);
  printf("map_test: 1M string keys: insert %.1f ns/op, lookup %.1f ns/op\n", is, fs);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
