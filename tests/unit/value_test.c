/*
** value_test.c -- unit tests of vm/value.c and vm/object.c: strings and
** their hash, value_equal / value_hash / value_compare on every kind
** (pointer normalisation, nested structs and arrays, nil), value_copy
** (deep through structs/arrays, shallow through pointers/slices/maps), and
** append's growth compared with the capacities Go 1.19 prints.
**
** Prints `N passed, N failed` and exits 1 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "vm/gc.h"
#include "vm/object.h"
#include "vm/map.h"

int64_t slice_grow_cap(Type *elem, int64_t oldcap, int64_t needed);  /* vm/object.c */

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

#define EQ_HASH(a, b) (value_equal((a), (b)) && value_hash(a) == value_hash(b))

/* ---------------------------------------------------------------- strings */

static void test_strings(void) {
  ObjString *e = str_new("", 0);
  CHECK(e == str_empty() && e->len == 0 && e->data[0] == 0, "empty string shared");
  ObjString *a = str_new("hello", 5);
  CHECK(a->len == 5 && strcmp(a->data, "hello") == 0 && a->data[5] == 0, "str_new");
  ObjString *c = str_new("x", 1);
  CHECK(c->len == 1 && c->data[0] == 'x' && c->data[1] == 0 && c == str_new("xyz", 1), "1-byte strings shared");
  ObjString *z = str_new(NULL, 4);
  CHECK(z->len == 4 && z->data[0] == 0 && z->data[3] == 0 && z->data[4] == 0, "str_new(NULL): zeroed");
  ObjString *al = str_alloc(3);
  CHECK(al->len == 3 && al->data[3] == 0 && al->hash == 0, "str_alloc");
  Value s = str_val("héllo");
  CHECK(AS_STR(s)->len == 6, "utf-8 length");
  CHECK(str_val_n("ab\0cd", 5).kind == VAL_STR && AS_STR(str_val_n("ab\0cd", 5))->len == 5, "embedded NUL");
  uint32_t h1 = str_hash(a);
  CHECK(h1 != 0 && a->hash == h1 && str_hash(a) == h1, "hash cached");
  CHECK(str_hash(str_new("hello", 5)) == h1, "hash by content");
  CHECK(str_hash(str_empty()) != 0, "empty hash non-zero");
  /* distinct short strings should rarely collide */
  int coll = 0;
  uint32_t *hs = malloc(sizeof(uint32_t) * 20000);
  for (int i = 0; i < 20000; i++) {
    char buf[16];
    int n = snprintf(buf, sizeof buf, "%d", i);
    hs[i] = str_hash(str_new(buf, n));
  }
  for (int i = 0; i < 20000; i++)
    for (int j = i + 1; j < i + 64 && j < 20000; j++) coll += hs[i] == hs[j];
  free(hs);
  CHECK(coll == 0, "hash collisions among neighbours: %d", coll);
  /* every length 0..40 hashes all its bytes */
  char buf[64], buf2[64];
  int bad = 0;
  for (int n = 1; n <= 40; n++)
    for (int k = 0; k < n; k++) {
      memset(buf, 'a', sizeof buf);
      memcpy(buf2, buf, sizeof buf);
      buf2[k] = 'b';
      if (str_hash(str_new(buf, n)) == str_hash(str_new(buf2, n))) bad++;
    }
  CHECK(bad == 0, "byte positions not hashed: %d", bad);
}

/* --------------------------------------------------------------- equality */

static Type *point_type(void) {
  static Type *t;
  if (!t) {
    Field fs[2] = {{.name = "X", .type = type_int}, {.name = "Y", .type = type_int}};
    t = type_named("main", "Point", type_struct(fs, 2));
  }
  return t;
}

static Value point(int64_t x, int64_t y) {
  ObjStruct *s = struct_new(point_type());
  s->f[0] = INT_VAL(x);
  s->f[1] = INT_VAL(y);
  return OBJ_VAL(VAL_STRUCT, s);
}

static void test_equal_hash(void) {
  CHECK(EQ_HASH(INT_VAL(5), INT_VAL(5)) && !value_equal(INT_VAL(5), INT_VAL(6)), "ints");
  CHECK(EQ_HASH(INT_VAL(1), FLOAT_VAL(1.0)) && EQ_HASH(FLOAT_VAL(3.0), INT_VAL(3)), "int == float numerically");
  CHECK(!value_equal(INT_VAL(1), FLOAT_VAL(1.5)), "1 != 1.5");
  CHECK(EQ_HASH(FLOAT_VAL(0.0), FLOAT_VAL(-0.0)), "+0 == -0");
  CHECK(!value_equal(FLOAT_VAL(NAN), FLOAT_VAL(NAN)), "NaN != NaN");
  CHECK(EQ_HASH(FLOAT_VAL(-7.0), INT_VAL(-7)), "-7.0 == -7");
  Value named = INT_VAL(3);
  named.aux = 40;
  CHECK(value_equal(named, INT_VAL(3)), "aux 0 compatible");
  Value i8 = INT_VAL(3), i16 = INT_VAL(3);
  i8.aux = TID_INT8;
  i16.aux = TID_INT16;
  CHECK(!value_equal(i8, i16), "int8(3) != int16(3) (interfaces)");
  CHECK(EQ_HASH(str_val("abc"), str_val_n("abcdef", 3)), "strings by bytes");
  CHECK(!value_equal(str_val("abc"), str_val("abd")) && !value_equal(str_val("ab"), str_val("abc")), "strings differ");
  CHECK(EQ_HASH(BOOL_VAL(true), BOOL_VAL(true)) && !value_equal(BOOL_VAL(true), BOOL_VAL(false)), "bools");
  CHECK(!value_equal(INT_VAL(1), str_val("1")) && !value_equal(BOOL_VAL(true), INT_VAL(1)), "kinds differ");
  /* nil */
  Value nilslice = OBJ_VAL(VAL_SLICE, NULL), nilmap = OBJ_VAL(VAL_MAP, NULL);
  Value nilptr = PTR_VAL(PTR_CELL, NULL, 0);
  CHECK(value_equal(NIL_VAL, nilslice) && value_equal(nilmap, NIL_VAL) && value_equal(nilptr, NIL_VAL),
        "nil equals typed nils");
  CHECK(value_equal(NIL_VAL, NIL_VAL) && !value_equal(NIL_VAL, INT_VAL(0)), "nil vs 0");
  CHECK(!value_equal(NIL_VAL, slice_make(type_int, 0, 0)), "nil != empty slice");
  /* structs, nested */
  CHECK(EQ_HASH(point(1, 2), point(1, 2)) && !value_equal(point(1, 2), point(2, 1)), "struct ==");
  Field ofs[2] = {{.name = "P", .type = point_type()}, {.name = "A", .type = type_array(type_string, 2)}};
  Type *ot = type_struct(ofs, 2);
  ObjStruct *o1 = struct_new(ot), *o2 = struct_new(ot);
  o1->f[0] = point(3, 4);
  o2->f[0] = point(3, 4);
  ((ObjArray *)o1->f[1].as.p)->v[1] = str_val("z");
  ((ObjArray *)o2->f[1].as.p)->v[1] = str_val("z");
  CHECK(EQ_HASH(OBJ_VAL(VAL_STRUCT, o1), OBJ_VAL(VAL_STRUCT, o2)), "nested struct/array ==");
  ((ObjArray *)o2->f[1].as.p)->v[0] = str_val("q");
  CHECK(!value_equal(OBJ_VAL(VAL_STRUCT, o1), OBJ_VAL(VAL_STRUCT, o2)), "nested array element differs");
  /* distinct named struct types with the same shape differ (interface compare) */
  Field fs[2] = {{.name = "X", .type = type_int}, {.name = "Y", .type = type_int}};
  Type *other = type_named("main", "Other", type_struct(fs, 2));
  ObjStruct *ob = struct_new(other);
  ob->f[0] = INT_VAL(1);
  ob->f[1] = INT_VAL(2);
  CHECK(!value_equal(point(1, 2), OBJ_VAL(VAL_STRUCT, ob)), "main.Point{1,2} != main.Other{1,2}");
  /* an anonymous struct literal equals the named one (assignable) */
  ObjStruct *an = struct_new(type_struct(fs, 2));
  an->f[0] = INT_VAL(1);
  an->f[1] = INT_VAL(2);
  CHECK(value_equal(point(1, 2), OBJ_VAL(VAL_STRUCT, an)), "anonymous == named");
  /* arrays */
  ObjArray *a1 = array_new(type_int, 3), *a2 = array_new(type_int, 3);
  CHECK(EQ_HASH(OBJ_VAL(VAL_ARRAY, a1), OBJ_VAL(VAL_ARRAY, a2)), "zero arrays equal");
  a2->v[2] = INT_VAL(1);
  CHECK(!value_equal(OBJ_VAL(VAL_ARRAY, a1), OBJ_VAL(VAL_ARRAY, a2)), "arrays differ");
  /* pointers */
  Value pv = point(1, 1);
  Cell *cell = cell_new(pv);
  Value pc = PTR_VAL(PTR_CELL, cell, 0);
  Value ps = PTR_VAL(PTR_STRUCT, pv.as.p, 0);
  CHECK(EQ_HASH(pc, ps), "&x (cell holding struct) == PTR_STRUCT to its object");
  CHECK(!value_equal(ps, PTR_VAL(PTR_STRUCT, point(1, 1).as.p, 0)), "distinct objects differ");
  Value pf1 = PTR_VAL(PTR_FIELD, pv.as.p, 1), pf2 = PTR_VAL(PTR_FIELD, pv.as.p, 1);
  CHECK(EQ_HASH(pf1, pf2) && !value_equal(pf1, PTR_VAL(PTR_FIELD, pv.as.p, 0)), "field pointers");
  CHECK(EQ_HASH(PTR_VAL(PTR_FIELD, o1, 0), PTR_VAL(PTR_STRUCT, o1->f[0].as.p, 0)),
        "&o.P == pointer to the inner struct object");
  CHECK(EQ_HASH(PTR_VAL(PTR_ELEM, a1, 2), PTR_VAL(PTR_ELEM, a1, 2)) &&
            !value_equal(PTR_VAL(PTR_ELEM, a1, 2), PTR_VAL(PTR_ELEM, a1, 1)), "elem pointers");
  Cell *ic = cell_new(INT_VAL(4));
  CHECK(EQ_HASH(PTR_VAL(PTR_CELL, ic, 0), PTR_VAL(PTR_CELL, ic, 0)) &&
            !value_equal(PTR_VAL(PTR_CELL, ic, 0), PTR_VAL(PTR_CELL, cell_new(INT_VAL(4)), 0)), "cell pointers");
  CHECK(!value_equal(nilptr, ps) && !value_equal(ps, nilptr), "nil ptr vs non-nil");
  /* identity kinds */
  Value sl = slice_make(type_int, 1, 1);
  /* slices and maps are not comparable (only with nil): Go would panic */
  Type *bad = NULL;
  CHECK(!value_equal(sl, sl) && value_equal_checked(sl, sl, &bad) == -1, "slices are not comparable");
  Value mp = OBJ_VAL(VAL_MAP, map_new(NULL, 0));
  bad = NULL;
  CHECK(!value_equal(mp, mp) && value_equal_checked(mp, mp, &bad) == -1, "maps are not comparable");
  static const NativeClass cls = {.name = "test.Obj"};
  int data;
  Value ob1 = obj_new(&cls, &data), ob2 = obj_new(&cls, &data);
  CHECK(EQ_HASH(ob1, ob2) && !value_equal(ob1, obj_new(&cls, NULL)), "native objects by data");
}

/* ------------------------------------------------------------------ copy */

static void test_copy(void) {
  Field fs[4] = {{.name = "P", .type = point_type()},
                 {.name = "A", .type = type_array(point_type(), 2)},
                 {.name = "S", .type = type_slice(type_int)},
                 {.name = "Q", .type = type_ptr(point_type())}};
  Type *t = type_named("main", "Outer", type_struct(fs, 4));
  Value v = type_zero(t);
  ObjStruct *o = v.as.p;
  CHECK(o->n == 4 && o->f[0].kind == VAL_STRUCT && o->f[1].kind == VAL_ARRAY &&
            o->f[2].kind == VAL_SLICE && o->f[2].as.p == NULL && o->f[3].kind == VAL_PTR,
        "zero Outer");
  o->f[2] = slice_make(type_int, 2, 2);
  Value target = point(9, 9);
  o->f[3] = PTR_VAL(PTR_STRUCT, target.as.p, 0);
  Value c = value_copy(v);
  ObjStruct *oc = c.as.p;
  /* Outer holds a slice, so Outer values are not comparable: compare the
  ** comparable fields one by one */
  CHECK(oc != o && oc->type == t && value_equal(o->f[0], oc->f[0]) &&
            value_equal(o->f[1], oc->f[1]) && value_equal(o->f[3], oc->f[3]) &&
            oc->f[2].as.p == o->f[2].as.p, "copy is a new equal struct");
  CHECK(oc->f[0].as.p != o->f[0].as.p, "nested struct copied");
  CHECK(oc->f[1].as.p != o->f[1].as.p, "nested array copied");
  ObjArray *arr = o->f[1].as.p, *arrc = oc->f[1].as.p;
  CHECK(arrc->v[0].as.p != arr->v[0].as.p && arrc->v[1].as.p != arr->v[1].as.p, "structs in array copied");
  CHECK(oc->f[2].as.p == o->f[2].as.p, "slice shared");
  CHECK(oc->f[3].as.p == o->f[3].as.p, "pointer shared");
  ((ObjStruct *)oc->f[0].as.p)->f[0] = INT_VAL(100);
  CHECK(((ObjStruct *)o->f[0].as.p)->f[0].as.i == 0, "mutating the copy leaves the original");
  CHECK(value_copy(INT_VAL(3)).as.i == 3 && value_copy(str_val("x")).kind == VAL_STR, "scalars as is");
  Value named_arr = type_zero(type_named("main", "Arr", type_array(type_int, 2)));
  CHECK(value_copy(named_arr).aux == named_arr.aux && named_arr.aux != 0, "copy keeps aux");
}

/* --------------------------------------------------------------- compare */

static void test_compare(void) {
  CHECK(value_compare(INT_VAL(-1), INT_VAL(1)) < 0 && value_compare(INT_VAL(2), INT_VAL(1)) > 0 &&
            value_compare(INT_VAL(7), INT_VAL(7)) == 0, "signed ints");
  Value u1 = INT_VAL(-1), u2 = INT_VAL(1);
  u1.aux = u2.aux = TID_UINT64;
  CHECK(value_compare(u1, u2) > 0, "uint64 max > 1");
  Type *myu = type_named("main", "U", type_uint8);
  Value m1 = INT_VAL(-1);
  m1.aux = myu->id;
  CHECK(value_compare(m1, INT_VAL(1)) > 0, "named unsigned");
  CHECK(value_compare(FLOAT_VAL(1.5), INT_VAL(2)) < 0 && value_compare(INT_VAL(2), FLOAT_VAL(1.5)) > 0, "mixed");
  int n = value_compare(FLOAT_VAL(NAN), FLOAT_VAL(1));
  CHECK(!(n < 0) && !(n <= 0), "NaN < 1 and NaN <= 1 false");
  n = value_compare(FLOAT_VAL(1), FLOAT_VAL(NAN));
  CHECK(!(n < 0) && !(n <= 0), "1 < NaN false");
  CHECK(value_compare(str_val("abc"), str_val("abd")) < 0 && value_compare(str_val("ab"), str_val("abc")) < 0 &&
            value_compare(str_val("b"), str_val("abc")) > 0 && value_compare(str_val("x"), str_val("x")) == 0,
        "strings");
  CHECK(value_compare(str_val("\xff"), str_val("a")) > 0, "bytewise (unsigned)");
  CHECK(strcmp(value_kind_name(VAL_STRUCT), "struct") == 0 && strcmp(value_kind_name(200), "?") == 0, "kind names");
}

/* ---------------------------------------------------------------- append */

static int64_t cap_of(Value s) { return s.as.p ? ((ObjSlice *)s.as.p)->cap : 0; }
static int64_t len_of(Value s) { return s.as.p ? ((ObjSlice *)s.as.p)->len : 0; }

/* Append one zero value at a time; compare the distinct caps with Go's. */
static void check_growth(const char *what, Type *elem, const int64_t *want, int nwant, int64_t n) {
  Value s = OBJ_VAL(VAL_SLICE, NULL);
  Value z = type_zero(elem);
  int k = 0, bad = 0;
  int64_t last = -1;
  for (int64_t i = 0; i < n; i++) {
    s = slice_append(s, elem, &z, 1);
    if (cap_of(s) != last) {
      last = cap_of(s);
      if (k >= nwant || want[k] != last) bad++;
      k++;
    }
  }
  CHECK(bad == 0 && k == nwant && len_of(s) == n, "%s growth: %d mismatches, %d caps", what, bad, k);
}

static void test_append(void) {
  static const int64_t ints[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408,
                                 5120, 7168, 9216, 12288, 16384, 21504, 27648, 34816, 44032, 55296,
                                 69632, 88064, 110592, 139264, 175104, 219136, 274432, 344064, 431104,
                                 539648, 674816, 843776, 1055744, 1319936, 1650688, 2064384};
  check_growth("[]int", type_int, ints, sizeof ints / sizeof ints[0], 2000000);
  static const int64_t strs[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3584, 5120};
  check_growth("[]string", type_string, strs, 16, 5000);
  static const int64_t bytes[] = {8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072, 4096, 5376};
  check_growth("[]byte", type_uint8, bytes, 13, 5000);
  static const int64_t i32s[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 864, 1344, 2048, 3072};
  check_growth("[]int32", type_int32, i32s, 13, 3000);
  Field s3f[3] = {{.name = "a", .type = type_int8}, {.name = "b", .type = type_int8}, {.name = "c", .type = type_int8}};
  static const int64_t s3[] = {2, 5, 10, 21, 42, 85, 170, 341, 682, 1066, 1621, 2261, 3157};
  check_growth("[]struct{a,b,c int8}", type_struct(s3f, 3), s3, 13, 3000);
  Field s24f[1] = {{.name = "a", .type = type_array(type_int, 3)}};
  static const int64_t s24[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365, 2048, 3072};
  check_growth("[]struct{a [3]int}", type_struct(s24f, 1), s24, 14, 3000);
  Field sef[2] = {{.name = "a", .type = type_int32}, {.name = "b", .type = type_struct(NULL, 0)}};
  static const int64_t se[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408};
  check_growth("[]struct{a int32; b struct{}}", type_struct(sef, 2), se, 15, 3000);
  Field s16f[2] = {{.name = "a", .type = type_int8}, {.name = "b", .type = type_int64}};
  check_growth("[]struct{a int8; b int64}", type_struct(s16f, 2), strs, 15, 3000);
  static const int64_t bools[] = {8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072};
  check_growth("[]bool", type_bool, bools, 11, 3000);

  /* multi-value appends (Go: 6 10 8 608), zero-size elements */
  Value vals[10];
  for (int i = 0; i < 10; i++) vals[i] = INT_VAL(i);
  CHECK(cap_of(slice_append(OBJ_VAL(VAL_SLICE, NULL), type_int, vals, 5)) == 6, "append(nil, 5 ints)");
  Value three = slice_append(OBJ_VAL(VAL_SLICE, NULL), type_int, vals, 3);
  CHECK(cap_of(three) == 3, "cap 3");
  CHECK(cap_of(slice_append(three, type_int, vals, 7)) == 10, "3 + 7 ints");
  CHECK(cap_of(slice_append(OBJ_VAL(VAL_SLICE, NULL), type_uint8, vals, 3)) == 8, "append(nil bytes, 3)");
  CHECK(cap_of(slice_append(slice_make(type_int, 300, 300), type_int, vals, 1)) == 608, "300 + 1");
  CHECK(slice_grow_cap(type_struct(NULL, 0), 0, 3) == 3, "zero-size elements");
  CHECK(slice_append(OBJ_VAL(VAL_SLICE, NULL), type_int, vals, 0).as.p == NULL, "append(nil) is nil");

  /* aliasing: within capacity the backing array is shared */
  Value base = slice_make(type_int, 2, 10);
  Value x = slice_append(base, type_int, &vals[7], 1);
  Value y = slice_append(base, type_int, &vals[8], 1);
  ObjSlice *xs = x.as.p, *ys = y.as.p;
  CHECK(xs->arr == ys->arr && xs->arr->v[2].as.i == 8, "shared backing array, last write wins");
  /* growth copies: old and new arrays hold distinct struct objects */
  Value ps = slice_make(point_type(), 3, 3);
  Value pt = point(5, 5);
  Value grown = slice_append(ps, point_type(), &pt, 1);
  ObjSlice *pss = ps.as.p, *gs = grown.as.p;
  CHECK(gs->arr != pss->arr && gs->arr->v[0].as.p != pss->arr->v[0].as.p, "grow copies structs");
  CHECK(gs->arr->v[3].as.p != pt.as.p && value_equal(gs->arr->v[3], pt), "appended struct copied");
  CHECK(gs->cap == 6 && gs->arr->v[4].kind == VAL_STRUCT && gs->arr->v[4].as.p != gs->arr->v[5].as.p,
        "tail beyond len holds distinct zero structs (cap %lld)", (long long)gs->cap);
  /* remove via overlapping append(s[:1], s[2:]...) */
  Value s5 = slice_append(OBJ_VAL(VAL_SLICE, NULL), type_int, vals, 5);
  ObjSlice *s5s = s5.as.p;
  Value head = OBJ_VAL(VAL_SLICE, slice_new(s5s->arr, 0, 1, s5s->cap));
  Value r = slice_append(head, type_int, s5s->arr->v + 2, 3);
  ObjSlice *rs = r.as.p;
  CHECK(rs->len == 4 && rs->arr == s5s->arr && rs->arr->v[0].as.i == 0 && rs->arr->v[1].as.i == 2 &&
            rs->arr->v[2].as.i == 3 && rs->arr->v[3].as.i == 4, "overlapping remove");
  /* insert shifting right (overlap the other way) */
  Value s6 = slice_append(OBJ_VAL(VAL_SLICE, NULL), type_int, vals, 4);
  ObjSlice *s6s = s6.as.p;                   /* cap 4: grow to a bigger array first */
  s6 = slice_append(s6, type_int, vals, 1);   /* 0 1 2 3 0, cap 8 */
  s6s = s6.as.p;
  Value pre = OBJ_VAL(VAL_SLICE, slice_new(s6s->arr, 0, 2, s6s->cap));
  Value ins = slice_append(pre, type_int, s6s->arr->v + 1, 4);  /* 0 1 | 1 2 3 0 */
  ObjSlice *is = ins.as.p;
  CHECK(is->len == 6 && is->arr->v[2].as.i == 1 && is->arr->v[3].as.i == 2 && is->arr->v[4].as.i == 3 &&
            is->arr->v[5].as.i == 0, "overlapping insert (memmove)");
  /* coercion: untyped ints appended to []float64 become floats */
  Value fl = slice_append(OBJ_VAL(VAL_SLICE, NULL), type_float64, vals + 3, 1);
  CHECK(((ObjSlice *)fl.as.p)->arr->v[0].kind == VAL_FLOAT && ((ObjSlice *)fl.as.p)->arr->v[0].as.f == 3.0,
        "int -> float64 element");
  Value bs = slice_append(OBJ_VAL(VAL_SLICE, NULL), type_uint8, vals + 3, 1);
  CHECK(((ObjSlice *)bs.as.p)->arr->v[0].aux == TID_UINT8, "byte elements carry uint8 aux");
  /* make */
  Value mk = slice_make(point_type(), 2, 4);
  ObjSlice *mks = mk.as.p;
  CHECK(mks->len == 2 && mks->cap == 4 && mks->arr->len == 4 && mks->arr->v[3].kind == VAL_STRUCT &&
            mks->arr->v[0].as.p != mks->arr->v[1].as.p, "make([]Point, 2, 4)");
  Value ms = slice_make(type_string, 3, 3);
  CHECK(((ObjSlice *)ms.as.p)->arr->v[2].kind == VAL_STR && AS_STR(((ObjSlice *)ms.as.p)->arr->v[2])->len == 0,
        "make([]string) zero strings");
}

/* ---------------------------------------------------------------- objects */

static NativeClass counter_cls = {.name = "test.Counter"};

static void test_objects(void) {
  Proto *p = proto_new();
  CHECK(p->recover_pc == -1 && p->ncode == 0, "proto_new");
  p->nupvals = 3;
  ObjClosure *c = closure_new(p);
  CHECK(c->nup == 3 && c->up[2] == NULL && c->proto == p, "closure_new");
  Value n = native_new("fmt.Println", NULL, -1);
  CHECK(n.kind == VAL_NATIVE && ((ObjNative *)n.as.p)->arity == -1, "native_new");
  Value b = bound_new(INT_VAL(1), n);
  CHECK(b.kind == VAL_BOUND && ((ObjBound *)b.as.p)->recv.as.i == 1 && !((ObjBound *)b.as.p)->drop_first, "bound_new");
  Value o = obj_new(&counter_cls, NULL);
  CHECK(o.kind == VAL_OBJ && ((ObjNativeObj *)o.as.p)->cls == &counter_cls, "obj_new");
  Cell *cl = cell_new(INT_VAL(9));
  CHECK(cl->v.as.i == 9, "cell_new");
  ObjStruct *s = struct_new(NULL);
  CHECK(s->n == 0, "struct_new(NULL)");
}

int main(void) {
  GC_INIT();
  type_init();
  test_strings();
  test_equal_hash();
  test_copy();
  test_compare();
  test_append();
  test_objects();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
