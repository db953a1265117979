/*
** ops.c -- the slow paths of the interpreter's instructions: arithmetic on
** sized/named/mixed operands, comparisons, conversions, indexing, slicing,
** fields and promoted fields, method lookup and receiver adaptation (SELF),
** pointers, builtins (len, append, copy, make, new, min/max, print/println),
** type assertions, range loops, and the coercion of values stored into typed
** slots.
**
** Every function that can fail raises the Go panic itself (vm_runtime_error
** and friends, with Go's exact texts) and returns false; the loop then
** unwinds. None of these functions call csp code, so Value* arguments that
** point into the fiber's stack stay valid for their whole run.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "vm/interp.h"
#include "vm/trace.h"    /* issue 7: trace_enabled, for op_makechan */
#include "vm/explain.h"  /* issue 7: trace_chan_made */
#include "vm/limits.h"   /* --max-output */

/* {====================================================================
** Integer kinds
** ===================================================================== */

static inline int kind_of_aux(uint32_t aux) {
  if (!aux) return TY_INT;
  Type *t = type_by_id(aux);
  return t ? t->kind : TY_INT;
}

static inline bool is_unsigned_kind(int k) { return k >= TY_UINT && k <= TY_UINTPTR; }

static inline bool val_unsigned(Value v) {
  return v.kind == VAL_INT && v.aux && is_unsigned_kind(kind_of_aux(v.aux));
}

/* Wrap x to the width of integer kind k (sign- or zero-extended). */
static inline int64_t wrap_int(int k, int64_t x) {
  switch (k) {
  case TY_INT8: return (int8_t)x;
  case TY_INT16: return (int16_t)x;
  case TY_INT32: return (int32_t)x;
  case TY_UINT8: return (uint8_t)x;
  case TY_UINT16: return (uint16_t)x;
  case TY_UINT32: return (uint32_t)x;
  default: return x;
  }
}

static inline double int_to_double(Value v) {
  return val_unsigned(v) ? (double)(uint64_t)v.as.i : (double)v.as.i;
}

/* float -> integer kind k, as amd64 does it (out of range: 0x8000000000000000). */
static int64_t float_to_int(double d, int k) {
  if (isnan(d)) return INT64_MIN;
  if (is_unsigned_kind(k)) {
    if (d >= 9223372036854775808.0) {
      if (d >= 18446744073709551616.0) return INT64_MIN;
      return (int64_t)((uint64_t)(d - 9223372036854775808.0) + ((uint64_t)1 << 63));
    }
  }
  if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) return INT64_MIN;
  return (int64_t)d;
}

static inline Value mk_int(int64_t x, uint32_t aux) {
  Value r = INT_VAL(x);
  r.aux = aux;
  return r;
}

static inline Value mk_float(double d, uint32_t aux) {
  if (aux && kind_of_aux(aux) == TY_FLOAT32) d = (double)(float)d;
  Value r = FLOAT_VAL(d);
  r.aux = aux;
  return r;
}

static const char *tname(Value v) { return type_str(value_type(v)); }

/* }==================================================================== */

/* {====================================================================
** Coercion on stores
** ===================================================================== */

Value vm_coerce(Type *t, Value v) {
  if (!t) return v;
  int k = t->kind;
  switch (k) {
  case TY_FLOAT32: case TY_FLOAT64:
    if (v.kind == VAL_INT) return mk_float(int_to_double(v), t->id);
    if (v.kind == VAL_FLOAT && v.aux != t->id && v.aux == 0) return mk_float(v.as.f, t->id);
    return v;
  case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
  case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR:
    if (v.kind == VAL_INT && v.aux == 0 && t->id != 0) return mk_int(wrap_int(k, v.as.i), t->id);
    if (v.kind == VAL_FLOAT) return mk_int(wrap_int(k, float_to_int(v.as.f, k)), t->id);
    return v;
  case TY_STRING:
    if (v.kind == VAL_STR && v.aux == 0 && t->id != 0) v.aux = t->id;
    return v;
  case TY_BOOL:
    if (v.kind == VAL_BOOL && v.aux == 0 && t->id != 0) v.aux = t->id;
    return v;
  case TY_SLICE:
    if (v.kind == VAL_NIL) return type_zero(t);
    if (v.kind == VAL_SLICE && v.aux == 0) v.aux = t->id;
    return v;
  case TY_MAP:
    if (v.kind == VAL_NIL) return type_zero(t);
    if (v.kind == VAL_MAP && v.aux == 0) v.aux = t->id;
    return v;
  case TY_CHAN:
    if (v.kind == VAL_NIL) return type_zero(t);
    if (v.kind == VAL_CHAN && v.aux == 0) v.aux = t->id;
    return v;
  case TY_FUNC:
    if (v.kind == VAL_NIL) return type_zero(t);
    return v;
  case TY_PTR:
    if (v.kind == VAL_NIL) return type_zero(t);
    return v;
  default:
    return v;
  }
}

/* Coerce v for a slot whose current content is `old` (no static type known:
** cells behind pointers). */
static Value coerce_like(Value old, Value v) {
  if (old.kind == VAL_FLOAT && v.kind == VAL_INT) return mk_float(int_to_double(v), old.aux);
  if (old.kind == v.kind && v.aux == 0 && old.aux != 0 &&
      (v.kind == VAL_INT || v.kind == VAL_FLOAT || v.kind == VAL_STR || v.kind == VAL_BOOL)) {
    if (v.kind == VAL_INT) return mk_int(wrap_int(kind_of_aux(old.aux), v.as.i), old.aux);
    v.aux = old.aux;
  }
  return v;
}

static Type *field_type(ObjStruct *s, int idx) {
  Type *t = s->type;
  if (t && t->kind == TY_STRUCT && idx >= 0 && idx < t->nfields) return t->fields[idx].type;
  return NULL;
}

/* }==================================================================== */

/* {====================================================================
** Arithmetic and comparison
** ===================================================================== */

static const char *op_symbol(int op) {
  switch (op) {
  case OP_ADD: return "+"; case OP_SUB: return "-"; case OP_MUL: return "*";
  case OP_DIV: return "/"; case OP_MOD: return "%"; case OP_BAND: return "&";
  case OP_BOR: return "|"; case OP_BXOR: return "^"; case OP_BANDNOT: return "&^";
  case OP_SHL: return "<<"; case OP_SHR: return ">>"; case OP_NEG: return "-";
  case OP_NOT: return "!"; case OP_BNOT: return "^"; case OP_EQ: return "==";
  case OP_LT: return "<"; case OP_LE: return "<=";
  default: return "?";
  }
}

static bool bad_operands(Fiber *f, int op, Value a, Value b) {
  vm_panicf(f, "csp: invalid operation: operator %s not defined on %s and %s", op_symbol(op),
            tname(a), tname(b));
  return false;
}

bool op_arith(Fiber *f, int op, Value *dst, Value a, Value b) {
  if (a.kind == VAL_INT && b.kind == VAL_INT) {
    bool shift = op == OP_SHL || op == OP_SHR;
    uint32_t aux = shift ? a.aux : (a.aux ? a.aux : b.aux);
    int k = kind_of_aux(aux);
    bool uns = is_unsigned_kind(k);
    int64_t x = a.as.i, y = b.as.i, r = 0;
    uint64_t ux = (uint64_t)x, uy = (uint64_t)y;
    switch (op) {
    case OP_ADD: r = (int64_t)(ux + uy); break;
    case OP_SUB: r = (int64_t)(ux - uy); break;
    case OP_MUL: r = (int64_t)(ux * uy); break;
    case OP_DIV:
      if (y == 0) { vm_runtime_error(f, "integer divide by zero"); return false; }
      if (uns) r = (int64_t)(ux / uy);
      else if (y == -1) r = (int64_t)(0 - ux);
      else r = x / y;
      break;
    case OP_MOD:
      if (y == 0) { vm_runtime_error(f, "integer divide by zero"); return false; }
      if (uns) r = (int64_t)(ux % uy);
      else if (y == -1) r = 0;
      else r = x % y;
      break;
    case OP_BAND: r = x & y; break;
    case OP_BOR: r = x | y; break;
    case OP_BXOR: r = x ^ y; break;
    case OP_BANDNOT: r = x & ~y; break;
    case OP_SHL: case OP_SHR:
      if (y < 0 && !val_unsigned(b)) { vm_runtime_error(f, "negative shift amount"); return false; }
      if (uy >= 64) r = (op == OP_SHL || uns) ? 0 : (x < 0 ? -1 : 0);
      else if (op == OP_SHL) r = (int64_t)(ux << uy);
      else r = uns ? (int64_t)(ux >> uy) : (x >> uy);
      break;
    default: return bad_operands(f, op, a, b);
    }
    *dst = mk_int(wrap_int(k, r), aux);
    return true;
  }
  if ((a.kind == VAL_FLOAT || a.kind == VAL_INT) && (b.kind == VAL_FLOAT || b.kind == VAL_INT)) {
    double x = a.kind == VAL_FLOAT ? a.as.f : int_to_double(a);
    double y = b.kind == VAL_FLOAT ? b.as.f : int_to_double(b);
    uint32_t aux = (a.kind == VAL_FLOAT && a.aux) ? a.aux : (b.kind == VAL_FLOAT ? b.aux : 0);
    double r;
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV: r = x / y; break;
    case OP_MOD: r = fmod(x, y); break;
    default: return bad_operands(f, op, a, b);
    }
    *dst = mk_float(r, aux);
    return true;
  }
  if (a.kind == VAL_STR && b.kind == VAL_STR && op == OP_ADD) {
    ObjString *sa = AS_STR(a), *sb = AS_STR(b);
    if (sb->len == 0) { *dst = a; if (!dst->aux) dst->aux = b.aux; return true; }
    if (sa->len == 0) { *dst = b; if (a.aux) dst->aux = a.aux; return true; }
    ObjString *s = str_alloc(sa->len + sb->len);
    memcpy(s->data, sa->data, (size_t)sa->len);
    memcpy(s->data + sa->len, sb->data, (size_t)sb->len);
    Value r = OBJ_VAL(VAL_STR, s);
    r.aux = a.aux ? a.aux : b.aux;
    *dst = r;
    return true;
  }
  return bad_operands(f, op, a, b);
}

bool op_unary(Fiber *f, int op, Value *dst, Value a) {
  switch (op) {
  case OP_NEG:
    if (a.kind == VAL_INT) { *dst = mk_int(wrap_int(kind_of_aux(a.aux), (int64_t)(0 - (uint64_t)a.as.i)), a.aux); return true; }
    if (a.kind == VAL_FLOAT) { *dst = mk_float(-a.as.f, a.aux); return true; }
    break;
  case OP_NOT:
    if (a.kind == VAL_BOOL) { a.as.b = !a.as.b; *dst = a; return true; }
    break;
  case OP_BNOT:
    if (a.kind == VAL_INT) { *dst = mk_int(wrap_int(kind_of_aux(a.aux), ~a.as.i), a.aux); return true; }
    break;
  }
  vm_panicf(f, "csp: invalid operation: operator %s not defined on %s", op_symbol(op), tname(a));
  return false;
}

/* vm/value.c: == with Go's "comparing uncomparable type" (-1, *bad set). */

/* The result r (1, 0, -1) of an equality walk: -1 is Go's panic. */
static bool equal_result(Fiber *f, int r, Type *bad, Value a, bool *res) {
  if (r < 0) {
    vm_runtime_error(f, "comparing uncomparable type %s", bad ? type_str(bad) : tname(a));
    return false;
  }
  *res = r == 1;
  return true;
}

bool op_iface_equal(Fiber *f, Value a, Value b, bool *res) {
  Type *bad = NULL;
  int r = value_equal_iface(a, b, &bad);
  return equal_result(f, r, bad, a, res);
}

static int str_cmp(Value a, Value b) {
  ObjString *x = AS_STR(a), *y = AS_STR(b);
  int64_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->data, y->data, (size_t)n);
  if (c) return c;
  return x->len < y->len ? -1 : x->len > y->len ? 1 : 0;
}

/* A type declared by the program (package main)? */
static bool is_program_type(uint32_t aux) {
  if (aux < TID_FIRST_USER) return false;
  Type *t = type_by_id(aux);
  return t && t->name && t->pkg && strcmp(t->pkg, "main") == 0;
}

/* Type ids of two basic operands of ==: see op_compare. */
static inline bool aux_match(uint32_t a, uint32_t b) {
  return a == b || (!is_program_type(a) && !is_program_type(b));
}

bool op_compare(Fiber *f, int op, Value a, Value b, bool *res) {
  if (op == OP_EQ) {
    if (a.kind == VAL_NIL || b.kind == VAL_NIL) {
      /* Untyped nil equals every typed nil (p == nil). An interface holding
      ** a typed nil pointer compared with nil is compiled as TYPEIS <nil>,
      ** which is false for it, as in Go. */
      *res = value_is_nil(a) && value_is_nil(b);
      return true;
    }
    /* Basic values: payloads, and dynamic types as far as the operands'
    ** type ids (aux) can tell. The compiler types a constant compared with
    ** a value of a program-declared type (ID(5) == x), so a plain 5 against
    ** an ID here is an interface comparison: unequal, as in Go. Predeclared
    ** and stdlib types are compared leniently: a native's result (a byte
    ** from ReadByte, a time.Duration) has a type the compiler does not
    ** know, and the constant it is compared with keeps its default type
    ** (so any(int8(1)) == any(int16(1)) is true here, false in Go). An int
    ** and a float are different dynamic types (the compiler converts
    ** untyped constants compared with floats). */
    if (a.kind == VAL_INT && b.kind == VAL_INT) {
      *res = a.as.i == b.as.i && a.pk == b.pk && a.pad == b.pad && aux_match(a.aux, b.aux);
      return true;
    }
    if (a.kind == VAL_FLOAT && b.kind == VAL_FLOAT) {
      *res = a.as.f == b.as.f && aux_match(a.aux, b.aux);
      return true;
    }
    if ((a.kind == VAL_INT && b.kind == VAL_FLOAT) || (a.kind == VAL_FLOAT && b.kind == VAL_INT)) {
      *res = false;
      return true;
    }
    if (a.kind == VAL_STR && b.kind == VAL_STR) {
      *res = aux_match(a.aux, b.aux) && AS_STR(a)->len == AS_STR(b)->len && str_cmp(a, b) == 0;
      return true;
    }
    if (a.kind == VAL_BOOL && b.kind == VAL_BOOL) {
      *res = aux_match(a.aux, b.aux) && a.as.b == b.as.b;
      return true;
    }
    if (a.kind == b.kind && (a.kind == VAL_SLICE || a.kind == VAL_MAP || a.kind == VAL_FUNC)) {
      if (a.as.p && b.as.p) {
        vm_runtime_error(f, "comparing uncomparable type %s", tname(a));
        return false;
      }
      *res = a.as.p == b.as.p;
      return true;
    }
    if (a.kind == b.kind && (a.kind == VAL_STRUCT || a.kind == VAL_ARRAY)) {
      Type *bad = NULL;
      int r = value_equal_checked(a, b, &bad);
      return equal_result(f, r, bad, a, res);
    }
    *res = value_equal(a, b);
    return true;
  }
  /* ordering */
  int c;
  if (a.kind == VAL_INT && b.kind == VAL_INT) {
    if (val_unsigned(a) || val_unsigned(b)) {
      uint64_t x = (uint64_t)a.as.i, y = (uint64_t)b.as.i;
      c = x < y ? -1 : x > y;
    } else {
      c = a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
    }
  } else if ((a.kind == VAL_INT || a.kind == VAL_FLOAT) && (b.kind == VAL_INT || b.kind == VAL_FLOAT)) {
    double x = a.kind == VAL_FLOAT ? a.as.f : int_to_double(a);
    double y = b.kind == VAL_FLOAT ? b.as.f : int_to_double(b);
    *res = op == OP_LT ? x < y : x <= y;     /* NaN: false */
    return true;
  } else if (a.kind == VAL_STR && b.kind == VAL_STR) {
    c = str_cmp(a, b);
  } else {
    return bad_operands(f, op, a, b);
  }
  *res = op == OP_LT ? c < 0 : c <= 0;
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Pointers and fields
** ===================================================================== */

/* *p (p non-nil). */
static bool ptr_load(Value p, Value *out) {
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

/* Follow cells and pointers to a struct. 1: *out set; -2: nil pointer; 0: no struct. */
static int struct_of(Value v, ObjStruct **out) {
  for (int guard = 0; guard < 8; guard++) {
    switch (v.kind) {
    case VAL_STRUCT: *out = v.as.p; return 1;
    case VAL_CELL: v = ((Cell *)v.as.p)->v; continue;
    case VAL_PTR:
      if (!v.as.p) return -2;
      if (v.pk == PTR_STRUCT) { *out = v.as.p; return 1; }
      if (!ptr_load(v, &v)) return -2;
      if (v.kind == VAL_PTR) return 0;     /* **T has no fields */
      continue;
    case VAL_NIL: return -2;
    default: return 0;
    }
  }
  return 0;
}

/* Field `name` in s at embedding depth exactly d. 1 found, -2 nil embedded
** pointer on the way, 0 not found. */
static int find_field_d(ObjStruct *s, const char *name, int d, ObjStruct **os, int *idx) {
  if (d == 0) {
    int i = type_field_index(s->type, name);
    if (i >= 0 && (uint32_t)i < s->n) { *os = s; *idx = i; return 1; }
    return 0;
  }
  Type *t = s->type;
  if (!t || t->kind != TY_STRUCT) return 0;
  int nilhit = 0;
  for (int i = 0; i < t->nfields && (uint32_t)i < s->n; i++) {
    if (!t->fields[i].embedded) continue;
    ObjStruct *inner = NULL;
    int r = struct_of(s->f[i], &inner);
    if (r == -2) {
      /* a nil embedded pointer: only an error if the field lies behind it */
      Type *ft = t->fields[i].type;
      Type *et = ft && ft->kind == TY_PTR ? ft->elem : NULL;
      if (et && d == 1 && type_field_index(et, name) >= 0) nilhit = -2;
      continue;
    }
    if (r != 1) continue;
    r = find_field_d(inner, name, d - 1, os, idx);
    if (r) return r;
  }
  return nilhit;
}

/* 1 found, 0 not a field, -2 nil pointer on the way. */
static int resolve_field(Value v, const char *name, ObjStruct **os, int *idx) {
  ObjStruct *s = NULL;
  int r = struct_of(v, &s);
  if (r != 1) return r;
  for (int d = 0; d <= 6; d++) {
    r = find_field_d(s, name, d, os, idx);
    if (r) return r;
  }
  return 0;
}

/* The type *p points to, without interning the pointer type itself. */
static Type *pointee_type(Value v) {
  if (!v.as.p) {
    Type *pt = v.aux ? type_by_id(v.aux) : NULL;
    return pt && pt->kind == TY_PTR ? pt->elem : NULL;
  }
  switch (v.pk) {
  case PTR_STRUCT: return ((ObjStruct *)v.as.p)->type;
  case PTR_CELL: {
    Value x = ((Cell *)v.as.p)->v;
    return x.kind == VAL_NIL ? NULL : value_type(x);
  }
  case PTR_FIELD: {
    ObjStruct *s = v.as.p;
    Type *ft = field_type(s, (int)v.aux);
    if (ft) return ft;
    return v.aux < s->n ? value_type(s->f[v.aux]) : NULL;
  }
  case PTR_ELEM: {
    ObjArray *a = v.as.p;
    if (a->elem) return a->elem;
    return (int64_t)v.aux < a->len ? value_type(a->v[v.aux]) : NULL;
  }
  default: {
    Type *pt = value_type(v);
    return pt && pt->kind == TY_PTR ? pt->elem : NULL;
  }
  }
}

static int find_method_d(Fiber *f, Value v, const char *name, Value *fn, Value *out, int d) {
  Cell *cell = NULL;
  if (v.kind == VAL_CELL) {
    cell = v.as.p;
    v = cell->v;
  }
  bool isptr = v.kind == VAL_PTR;
  Value target = v;
  Type *t;
  if (isptr) {
    t = pointee_type(v);
    if (v.as.p) {
      if (!ptr_load(v, &target)) target = NIL_VAL;
    } else {
      target = NIL_VAL;
    }
  } else {
    t = value_type(v);
  }
  if (!t) return 0;
  if (d == 0) {
    const Method *m = type_find_method(t, name);
    if (!m) return 0;
    if (t->kind == TY_NATIVE) {
      Value o = isptr ? target : v;
      if (o.kind != VAL_OBJ) { vm_nil_deref(f); return -1; }
      *out = o;
    } else if (m->ptr_recv) {
      if (isptr) *out = v;
      else if (cell) *out = PTR_VAL(PTR_CELL, cell, 0);
      else if (v.kind == VAL_STRUCT) *out = PTR_VAL(PTR_STRUCT, v.as.p, 0);
      else if (v.kind == VAL_ARRAY) *out = PTR_VAL(PTR_ARRAY, v.as.p, v.aux);
      else *out = PTR_VAL(PTR_CELL, cell_new(v), 0);
    } else {
      if (isptr && !v.as.p) { vm_nil_deref(f); return -1; }
      Value x = isptr ? target : v;
      if (value_needs_copy(x)) x = value_copy(x);
      *out = x;
    }
    *fn = m->fn;
    return 1;
  }
  Value sv = isptr ? target : v;
  if (sv.kind != VAL_STRUCT) return 0;
  ObjStruct *s = sv.as.p;
  Type *st = s->type;
  if (!st || st->kind != TY_STRUCT) return 0;
  for (int i = 0; i < st->nfields && (uint32_t)i < s->n; i++) {
    if (!st->fields[i].embedded) continue;
    Value fv = s->f[i];
    Type *ft = st->fields[i].type;
    Value sub;
    if (fv.kind == VAL_PTR || fv.kind == VAL_OBJ || (ft && ft->kind == TY_INTERFACE)) sub = fv;
    else sub = PTR_VAL(PTR_FIELD, s, i);
    int r = find_method_d(f, sub, name, fn, out, d - 1);
    if (r) return r;
  }
  return 0;
}

int vm_find_method(Fiber *f, Value recv, const char *name, Value *fn, Value *adapted) {
  for (int d = 0; d <= 6; d++) {
    int r = find_method_d(f, recv, name, fn, adapted, d);
    if (r) return r;
  }
  return 0;
}

static bool no_field(Fiber *f, Value v, const char *name) {
  if (value_is_nil(v)) vm_nil_deref(f);
  else vm_panicf(f, "csp: %s has no field or method %s", tname(v), name);
  return false;
}

/* SELF's inline cache (one per instruction, in proto->ic): the method found
** for receivers of one shape. Immutable once published; a miss replaces it. */
typedef struct SelfIC {
  Type *t;            /* the struct type (or native type) of the receiver */
  Method *items;      /* t's method table when cached (replaced on redefinition) */
  uint8_t shape;      /* SHAPE_* of the receiver */
  bool ptr_recv;      /* method declared on *T */
  Value fn;
} SelfIC;

enum { SHAPE_NONE, SHAPE_STRUCT, SHAPE_PTR_STRUCT, SHAPE_OBJ };

static int recv_shape(Value v, Type **t) {
  switch (v.kind) {
  case VAL_STRUCT: *t = ((ObjStruct *)v.as.p)->type; return SHAPE_STRUCT;
  case VAL_PTR:
    if (v.pk == PTR_STRUCT && v.as.p) { *t = ((ObjStruct *)v.as.p)->type; return SHAPE_PTR_STRUCT; }
    return SHAPE_NONE;
  case VAL_OBJ: {
    ObjNativeObj *o = v.as.p;
    if (!o || !o->cls || !o->cls->type) return SHAPE_NONE;
    *t = o->cls->type;
    return SHAPE_OBJ;
  }
  default: return SHAPE_NONE;
  }
}

bool op_self(Fiber *f, Proto *p, int pci, Value *ra, Value recv, const char *name) {
  uint64_t *ic = (p->ic && pci >= 0 && pci < p->ncode) ? &p->ic[pci] : NULL;
  Type *t = NULL;
  int shape = recv_shape(recv, &t);
  if (ic && shape != SHAPE_NONE) {
    SelfIC *c = (SelfIC *)(uintptr_t)__atomic_load_n(ic, __ATOMIC_ACQUIRE);
    if (c && c->t == t && c->shape == shape &&
        c->items == __atomic_load_n(&t->methods.items, __ATOMIC_ACQUIRE)) {
      Value x = recv;
      if (shape == SHAPE_STRUCT) {
        x = c->ptr_recv ? PTR_VAL(PTR_STRUCT, recv.as.p, 0) : value_copy(recv);
      } else if (shape == SHAPE_PTR_STRUCT && !c->ptr_recv) {
        x = value_copy(OBJ_VAL(VAL_STRUCT, recv.as.p));
      }
      ra[0] = c->fn;
      ra[1] = x;
      return true;
    }
  }
  Value fn, adapted;
  int r = vm_find_method(f, recv, name, &fn, &adapted);
  if (r == 1) {
    if (ic && shape != SHAPE_NONE) {
      const Method *m = type_find_method(t, name);
      if (m && m->fn.kind == fn.kind && m->fn.as.p == fn.as.p) {   /* found at depth 0 */
        SelfIC *c = NEW(SelfIC);
        c->t = t;
        c->items = __atomic_load_n(&t->methods.items, __ATOMIC_ACQUIRE);
        c->shape = (uint8_t)shape;
        c->ptr_recv = m->ptr_recv;
        c->fn = fn;
        __atomic_store_n(ic, (uint64_t)(uintptr_t)c, __ATOMIC_RELEASE);
      }
    }
    ra[0] = fn;
    ra[1] = adapted;
    return true;
  }
  if (r < 0) return false;
  ObjStruct *os;
  int idx;
  r = resolve_field(recv, name, &os, &idx);
  if (r == 1) {
    Value b = bound_new(recv, os->f[idx]);
    ((ObjBound *)b.as.p)->drop_first = true;
    ra[0] = b;
    ra[1] = recv;
    return true;
  }
  if (r == -2) { vm_nil_deref(f); return false; }
  return no_field(f, recv, name);
}


bool op_getfield(Fiber *f, Proto *p, int pci, Value *dst, Value obj, const char *name) {
  uint64_t *ic = (p->ic && pci >= 0 && pci < p->ncode) ? &p->ic[pci] : NULL;
  ObjStruct *s = NULL;
  if (obj.kind == VAL_STRUCT) s = obj.as.p;
  else if (obj.kind == VAL_PTR && obj.pk == PTR_STRUCT) s = obj.as.p;
  if (ic && s) {
    uint64_t w = __atomic_load_n(ic, __ATOMIC_RELAXED);
    if (w && (w & IC_PTR_MASK) == (uint64_t)(uintptr_t)s->type) {
      uint32_t idx = (uint32_t)(w >> 48);
      if (idx < s->n) { *dst = s->f[idx]; return true; }
    }
  }
  ObjStruct *os;
  int idx;
  int r = resolve_field(obj, name, &os, &idx);
  if (r == 1) {
    if (ic && s && os == s && idx < 0xFFFF && ((uintptr_t)s->type & ~IC_PTR_MASK) == 0)
      __atomic_store_n(ic, (uint64_t)(uintptr_t)s->type | ((uint64_t)idx << 48), __ATOMIC_RELAXED);
    *dst = os->f[idx];
    return true;
  }
  /* a method value */
  Value fn, adapted;
  int m = vm_find_method(f, obj, name, &fn, &adapted);
  if (m == 1) {
    *dst = bound_new(adapted, fn);
    return true;
  }
  if (m < 0) return false;
  if (r == -2) { vm_nil_deref(f); return false; }
  return no_field(f, obj, name);
}

bool op_setfield(Fiber *f, Proto *p, int pci, Value obj, const char *name, Value v) {
  uint64_t *ic = (p->ic && pci >= 0 && pci < p->ncode) ? &p->ic[pci] : NULL;
  ObjStruct *s = NULL;
  if (obj.kind == VAL_STRUCT) s = obj.as.p;
  else if (obj.kind == VAL_PTR && obj.pk == PTR_STRUCT) s = obj.as.p;
  if (ic && s) {
    uint64_t w = __atomic_load_n(ic, __ATOMIC_RELAXED);
    if (w && (w & IC_PTR_MASK) == (uint64_t)(uintptr_t)s->type) {
      uint32_t idx = (uint32_t)(w >> 48);
      if (idx < s->n) {
        s->f[idx] = vm_coerce(field_type(s, (int)idx), v);
        return true;
      }
    }
  }
  ObjStruct *os;
  int idx;
  int r = resolve_field(obj, name, &os, &idx);
  if (r == 1) {
    if (ic && s && os == s && idx < 0xFFFF && ((uintptr_t)s->type & ~IC_PTR_MASK) == 0)
      __atomic_store_n(ic, (uint64_t)(uintptr_t)s->type | ((uint64_t)idx << 48), __ATOMIC_RELAXED);
    os->f[idx] = vm_coerce(field_type(os, idx), v);
    return true;
  }
  if (r == -2) { vm_nil_deref(f); return false; }
  return no_field(f, obj, name);
}

bool op_getfieldi(Fiber *f, Value *dst, Value obj, int idx) {
  ObjStruct *s = NULL;
  int r = struct_of(obj, &s);
  if (r == -2) { vm_nil_deref(f); return false; }
  if (r != 1 || idx < 0 || (uint32_t)idx >= s->n) {
    vm_panicf(f, "csp: field %d of non-struct %s", idx, tname(obj));
    return false;
  }
  *dst = s->f[idx];
  return true;
}

bool op_setfieldi(Fiber *f, Value obj, int idx, Value v) {
  ObjStruct *s = NULL;
  int r = struct_of(obj, &s);
  if (r == -2) { vm_nil_deref(f); return false; }
  if (r != 1 || idx < 0 || (uint32_t)idx >= s->n) {
    vm_panicf(f, "csp: field %d of non-struct %s", idx, tname(obj));
    return false;
  }
  s->f[idx] = vm_coerce(field_type(s, idx), v);
  return true;
}

bool op_addrfield(Fiber *f, Value *dst, Value obj, const char *name) {
  ObjStruct *os;
  int idx;
  int r = resolve_field(obj, name, &os, &idx);
  if (r == 1) {
    *dst = PTR_VAL(PTR_FIELD, os, idx);
    return true;
  }
  if (r == -2) { vm_nil_deref(f); return false; }
  return no_field(f, obj, name);
}

Value op_boxptr(Value v) {
  if (v.kind == VAL_STRUCT) return PTR_VAL(PTR_STRUCT, v.as.p, 0);
  if (v.kind == VAL_ARRAY) return PTR_VAL(PTR_ARRAY, v.as.p, v.aux);
  return PTR_VAL(PTR_CELL, cell_new(v), 0);
}

bool op_deref(Fiber *f, Value *dst, Value p) {
  if (p.kind == VAL_CELL) { *dst = ((Cell *)p.as.p)->v; return true; }
  if (p.kind != VAL_PTR) {
    if (p.kind == VAL_NIL) { vm_nil_deref(f); return false; }
    *dst = p;       /* (auto-deref of a non-pointer: the value itself) */
    return true;
  }
  if (!p.as.p || !ptr_load(p, dst)) { vm_nil_deref(f); return false; }
  return true;
}

bool op_storederef(Fiber *f, Value p, Value v) {
  if (p.kind == VAL_CELL) { ((Cell *)p.as.p)->v = v; return true; }
  if (p.kind != VAL_PTR || !p.as.p) { vm_nil_deref(f); return false; }
  switch (p.pk) {
  case PTR_CELL: {
    Cell *c = p.as.p;
    c->v = coerce_like(c->v, v);
    return true;
  }
  case PTR_STRUCT: {
    ObjStruct *d = p.as.p;
    if (v.kind != VAL_STRUCT) { vm_panicf(f, "csp: cannot store %s through *%s", tname(v), type_str(d->type)); return false; }
    ObjStruct *s = v.as.p;
    if (s == d) return true;
    uint32_t n = s->n < d->n ? s->n : d->n;
    for (uint32_t j = 0; j < n; j++) d->f[j] = s->f[j];
    return true;
  }
  case PTR_ARRAY: {
    ObjArray *d = p.as.p;
    if (v.kind != VAL_ARRAY) { vm_panicf(f, "csp: cannot store %s through an array pointer", tname(v)); return false; }
    ObjArray *s = v.as.p;
    if (s == d) return true;
    int64_t n = s->len < d->len ? s->len : d->len;
    memmove(d->v, s->v, sizeof(Value) * (size_t)n);
    return true;
  }
  case PTR_FIELD: {
    ObjStruct *s = p.as.p;
    if (p.aux >= s->n) { vm_nil_deref(f); return false; }
    s->f[p.aux] = vm_coerce(field_type(s, (int)p.aux), v);
    return true;
  }
  case PTR_ELEM: {
    ObjArray *a = p.as.p;
    if ((int64_t)p.aux >= a->len) { vm_nil_deref(f); return false; }
    a->v[p.aux] = a->elem ? vm_coerce(a->elem, v) : coerce_like(a->v[p.aux], v);
    return true;
  }
  default:
    vm_nil_deref(f);
    return false;
  }
}

/* }==================================================================== */

/* {====================================================================
** Indexing, slicing
** ===================================================================== */

static bool to_index(Fiber *f, Value k, int64_t *out, bool *uns) {
  *uns = false;
  if (k.kind == VAL_INT) {
    *out = k.as.i;
    *uns = val_unsigned(k);
    return true;
  }
  if (k.kind == VAL_FLOAT && k.as.f == floor(k.as.f) && fabs(k.as.f) < 9e18) {
    *out = (int64_t)k.as.f;
    return true;
  }
  vm_panicf(f, "csp: invalid index of type %s", tname(k));
  return false;
}

static bool index_error(Fiber *f, int64_t i, bool uns, int64_t len) {
  if (uns && i < 0)
    vm_runtime_error(f, "index out of range [%llu] with length %lld", (unsigned long long)i, (long long)len);
  else if (i < 0)
    vm_runtime_error(f, "index out of range [%lld]", (long long)i);
  else
    vm_runtime_error(f, "index out of range [%lld] with length %lld", (long long)i, (long long)len);
  return false;
}

static bool check_hashable(Fiber *f, Value k) {
  if (k.kind <= VAL_STR || k.kind == VAL_PTR || k.kind == VAL_CHAN) return true;
  const char *e = map_key_error(k);
  if (e) {
    static const char pre[] = "runtime error: ";
    if (strncmp(e, pre, sizeof pre - 1) == 0) e += sizeof pre - 1;
    vm_runtime_error(f, "%s", e);
    return false;
  }
  return true;
}

static Type *map_type_of(Value m) {
  if (m.as.p) {
    ObjMap *om = m.as.p;
    if (om->type) return om->type;
  }
  if (m.aux) {
    Type *t = type_by_id(m.aux);
    if (t && t->kind == TY_MAP) return t;
  }
  return NULL;
}

static Value map_zero(Value m) {
  Type *t = map_type_of(m);
  return t && t->elem ? type_zero(t->elem) : NIL_VAL;
}

/* Deref pointers/cells to an array (for indexing through *[N]T). */
static int array_of(Value v, ObjArray **out) {
  for (int guard = 0; guard < 4; guard++) {
    if (v.kind == VAL_ARRAY) { *out = v.as.p; return 1; }
    if (v.kind == VAL_CELL) { v = ((Cell *)v.as.p)->v; continue; }
    if (v.kind == VAL_PTR) {
      if (!v.as.p) return -2;
      if (!ptr_load(v, &v)) return -2;
      continue;
    }
    return 0;
  }
  return 0;
}

static bool map_lookup(Fiber *f, Value m, Value key, Value *dst, bool *found) {
  if (!check_hashable(f, key)) return false;
  ObjMap *om = m.as.p;
  *found = false;
  if (!om) { *dst = map_zero(m); return true; }
  if (om->type && om->type->key) key = vm_coerce(om->type->key, key);
  Value *slot = map_find(om, key);
  if (slot) {
    *dst = *slot;
    *found = true;
  } else {
    *dst = map_zero(m);
  }
  return true;
}

bool op_getindex(Fiber *f, Value *dst, Value obj, Value key) {
  if (obj.kind == VAL_CELL) obj = ((Cell *)obj.as.p)->v;
  if (obj.kind == VAL_MAP) {
    bool found;
    return map_lookup(f, obj, key, dst, &found);
  }
  int64_t i;
  bool uns;
  if (!to_index(f, key, &i, &uns)) return false;
  switch (obj.kind) {
  case VAL_SLICE: {
    ObjSlice *s = obj.as.p;
    int64_t len = s ? s->len : 0;
    if (uns ? (uint64_t)i >= (uint64_t)len : (i < 0 || i >= len)) return index_error(f, i, uns, len);
    *dst = s->arr->v[s->off + i];
    return true;
  }
  case VAL_STR: {
    ObjString *s = AS_STR(obj);
    if (uns ? (uint64_t)i >= (uint64_t)s->len : (i < 0 || i >= s->len)) return index_error(f, i, uns, s->len);
    *dst = mk_int((unsigned char)s->data[i], TID_UINT8);
    return true;
  }
  default: {
    ObjArray *a = NULL;
    int r = array_of(obj, &a);
    if (r == -2) { vm_nil_deref(f); return false; }
    if (r != 1) {
      if (obj.kind == VAL_NIL) { vm_nil_deref(f); return false; }
      vm_panicf(f, "csp: cannot index %s", tname(obj));
      return false;
    }
    if (uns ? (uint64_t)i >= (uint64_t)a->len : (i < 0 || i >= a->len)) return index_error(f, i, uns, a->len);
    *dst = a->v[i];
    return true;
  }
  }
}

bool op_getindex2(Fiber *f, Value *dst, Value obj, Value key) {
  if (obj.kind == VAL_CELL) obj = ((Cell *)obj.as.p)->v;
  if (obj.kind != VAL_MAP) {
    if (!op_getindex(f, dst, obj, key)) return false;
    dst[1] = BOOL_VAL(true);
    return true;
  }
  Value v;
  bool found;
  if (!map_lookup(f, obj, key, &v, &found)) return false;
  dst[0] = v;
  dst[1] = BOOL_VAL(found);
  return true;
}

bool op_setindex(Fiber *f, Value obj, Value key, Value v) {
  if (obj.kind == VAL_CELL) obj = ((Cell *)obj.as.p)->v;
  if (obj.kind == VAL_MAP) {
    ObjMap *m = obj.as.p;
    if (!check_hashable(f, key)) return false;
    if (!m) {
      vm_runtime_error_plain(f, false, "assignment to entry in nil map");
      return false;
    }
    if (m->type) {
      if (m->type->key) key = vm_coerce(m->type->key, key);
      if (m->type->elem) v = vm_coerce(m->type->elem, v);
    }
    const char *err = NULL;
    if (!map_set(m, key, v, &err)) {
      if (err && strncmp(err, "runtime error: ", 15) == 0) vm_runtime_error(f, "%s", err + 15);
      else vm_runtime_error_plain(f, false, "%s", err ? err : "assignment to entry in map failed");
      return false;
    }
    return true;
  }
  int64_t i;
  bool uns;
  if (!to_index(f, key, &i, &uns)) return false;
  if (obj.kind == VAL_SLICE) {
    ObjSlice *s = obj.as.p;
    int64_t len = s ? s->len : 0;
    if (uns ? (uint64_t)i >= (uint64_t)len : (i < 0 || i >= len)) return index_error(f, i, uns, len);
    Value *slot = &s->arr->v[s->off + i];
    *slot = s->arr->elem ? vm_coerce(s->arr->elem, v) : coerce_like(*slot, v);
    return true;
  }
  ObjArray *a = NULL;
  int r = array_of(obj, &a);
  if (r == -2) { vm_nil_deref(f); return false; }
  if (r != 1) {
    if (obj.kind == VAL_NIL) { vm_nil_deref(f); return false; }
    vm_panicf(f, "csp: cannot index %s", tname(obj));
    return false;
  }
  if (uns ? (uint64_t)i >= (uint64_t)a->len : (i < 0 || i >= a->len)) return index_error(f, i, uns, a->len);
  a->v[i] = a->elem ? vm_coerce(a->elem, v) : coerce_like(a->v[i], v);
  return true;
}

bool op_addrindex(Fiber *f, Value *dst, Value obj, Value key) {
  if (obj.kind == VAL_CELL) obj = ((Cell *)obj.as.p)->v;
  int64_t i;
  bool uns;
  if (!to_index(f, key, &i, &uns)) return false;
  if (obj.kind == VAL_SLICE) {
    ObjSlice *s = obj.as.p;
    int64_t len = s ? s->len : 0;
    if (uns ? (uint64_t)i >= (uint64_t)len : (i < 0 || i >= len)) return index_error(f, i, uns, len);
    *dst = PTR_VAL(PTR_ELEM, s->arr, s->off + i);
    return true;
  }
  ObjArray *a = NULL;
  int r = array_of(obj, &a);
  if (r == -2 || (r != 1 && obj.kind == VAL_NIL)) { vm_nil_deref(f); return false; }
  if (r != 1) { vm_panicf(f, "csp: cannot take the address of an element of %s", tname(obj)); return false; }
  if (uns ? (uint64_t)i >= (uint64_t)a->len : (i < 0 || i >= a->len)) return index_error(f, i, uns, a->len);
  *dst = PTR_VAL(PTR_ELEM, a, i);
  return true;
}

static bool slice_bound(Fiber *f, Value v, int64_t *out) {
  bool uns;
  if (!to_index(f, v, out, &uns)) return false;
  if (uns && *out < 0) *out = INT64_MAX;
  return true;
}

bool op_slice(Fiber *f, Value *dst, const Value *args, int c) {
  Value obj = args[0];
  if (obj.kind == VAL_CELL) obj = ((Cell *)obj.as.p)->v;
  bool has_lo = c & 1, has_hi = c & 2, three = c & 4;
  int64_t len, cap;
  bool is_slice = false, is_str = false;
  ObjArray *arr = NULL;
  ObjSlice *sl = NULL;
  switch (obj.kind) {
  case VAL_SLICE:
    is_slice = true;
    sl = obj.as.p;
    len = sl ? sl->len : 0;
    cap = sl ? sl->cap : 0;
    break;
  case VAL_STR:
    is_str = true;
    len = cap = AS_STR(obj)->len;
    break;
  default: {
    int r = array_of(obj, &arr);
    if (r == -2 || (r != 1 && obj.kind == VAL_NIL)) { vm_nil_deref(f); return false; }
    if (r != 1) { vm_panicf(f, "csp: cannot slice %s", tname(obj)); return false; }
    len = cap = arr->len;
    break;
  }
  }
  int64_t lo = 0, hi = len, max = cap;
  if (has_lo && !slice_bound(f, args[1], &lo)) return false;
  if (has_hi && !slice_bound(f, args[2], &hi)) return false;
  if (three && !slice_bound(f, args[3], &max)) return false;
  const char *what = is_slice ? "capacity" : "length";
  if (three) {
    if (max < 0) { vm_runtime_error(f, "slice bounds out of range [::%lld]", (long long)max); return false; }
    if (max > cap) {
      vm_runtime_error(f, "slice bounds out of range [::%lld] with %s %lld", (long long)max, what, (long long)cap);
      return false;
    }
    if (hi < 0) { vm_runtime_error(f, "slice bounds out of range [:%lld:]", (long long)hi); return false; }
    if (hi > max) {
      vm_runtime_error(f, "slice bounds out of range [:%lld:%lld]", (long long)hi, (long long)max);
      return false;
    }
    if (lo < 0) { vm_runtime_error(f, "slice bounds out of range [%lld::]", (long long)lo); return false; }
    if (lo > hi) {
      vm_runtime_error(f, "slice bounds out of range [%lld:%lld:]", (long long)lo, (long long)hi);
      return false;
    }
  } else {
    if (hi < 0) { vm_runtime_error(f, "slice bounds out of range [:%lld]", (long long)hi); return false; }
    if (hi > cap) {
      vm_runtime_error(f, "slice bounds out of range [:%lld] with %s %lld", (long long)hi, what, (long long)cap);
      return false;
    }
    if (lo < 0) { vm_runtime_error(f, "slice bounds out of range [%lld:]", (long long)lo); return false; }
    if (lo > hi) {
      vm_runtime_error(f, "slice bounds out of range [%lld:%lld]", (long long)lo, (long long)hi);
      return false;
    }
    max = cap;
  }
  if (is_str) {
    Value r = (lo == 0 && hi == len) ? obj : str_val_n(AS_STR(obj)->data + lo, hi - lo);
    r.aux = obj.aux;
    *dst = r;
    return true;
  }
  Value r = OBJ_VAL(VAL_SLICE, NULL);
  if (is_slice) {
    r.aux = obj.aux;
    if (sl) r.as.p = slice_new(sl->arr, sl->off + lo, hi - lo, max - lo);
  } else {
    r.as.p = slice_new(arr, lo, hi - lo, max - lo);
  }
  *dst = r;
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Builtins
** ===================================================================== */

bool op_len(Fiber *f, Value *dst, Value v, bool cap) {
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  int64_t n = 0;
  switch (v.kind) {
  case VAL_STR: n = AS_STR(v)->len; break;
  case VAL_SLICE: n = v.as.p ? (cap ? ((ObjSlice *)v.as.p)->cap : ((ObjSlice *)v.as.p)->len) : 0; break;
  case VAL_ARRAY: n = ((ObjArray *)v.as.p)->len; break;
  case VAL_MAP: n = v.as.p ? ((ObjMap *)v.as.p)->count : 0; break;
  case VAL_CHAN: n = cap ? chan_cap(v.as.p) : chan_len(v.as.p); break;
  case VAL_NIL: n = 0; break;
  case VAL_PTR: {
    ObjArray *a = NULL;
    if (array_of(v, &a) == 1) { n = a->len; break; }
    if (!v.as.p) {
      Type *t = v.aux ? type_by_id(v.aux) : NULL;   /* len of a nil *[N]T is N */
      if (t && t->kind == TY_PTR && t->elem && t->elem->kind == TY_ARRAY) { n = t->elem->len; break; }
      vm_nil_deref(f);
      return false;
    }
    vm_panicf(f, "csp: invalid argument for len: %s", tname(v));
    return false;
  }
  default:
    vm_panicf(f, "csp: invalid argument for %s: %s", cap ? "cap" : "len", tname(v));
    return false;
  }
  *dst = INT_VAL(n);
  return true;
}

static Type *slice_elem(Value s) {
  if (s.aux) {
    Type *t = type_by_id(s.aux);
    if (t && t->kind == TY_SLICE) return t->elem;
  }
  if (s.kind == VAL_SLICE && s.as.p) return ((ObjSlice *)s.as.p)->arr->elem;
  return NULL;
}

bool op_append(Fiber *f, Value *dst, Value s, const Value *vals, int n) {
  if (s.kind == VAL_NIL) s = OBJ_VAL(VAL_SLICE, NULL);
  if (s.kind != VAL_SLICE) { vm_panicf(f, "csp: first argument to append must be a slice; have %s", tname(s)); return false; }
  *dst = n > 0 ? slice_append(s, slice_elem(s), vals, n) : s;
  return true;
}

/* The bytes of a string as uint8 Values. */
static Value *string_bytes(ObjString *str, Type *elem) {
  Value *tmp = GC_MALLOC_ATOMIC(sizeof(Value) * (size_t)(str->len ? str->len : 1));
  uint32_t aux = elem ? elem->id : TID_UINT8;
  for (int64_t j = 0; j < str->len; j++) tmp[j] = mk_int((unsigned char)str->data[j], aux);
  return tmp;
}

bool op_appendspread(Fiber *f, Value *dst, Value s, Value more) {
  if (s.kind == VAL_NIL) s = OBJ_VAL(VAL_SLICE, NULL);
  if (s.kind != VAL_SLICE) { vm_panicf(f, "csp: first argument to append must be a slice; have %s", tname(s)); return false; }
  Type *elem = slice_elem(s);
  if (more.kind == VAL_SLICE) {
    ObjSlice *m = more.as.p;
    *dst = (m && m->len > 0) ? slice_append(s, elem, m->arr->v + m->off, m->len) : s;
    return true;
  }
  if (more.kind == VAL_STR) {
    ObjString *str = AS_STR(more);
    *dst = str->len > 0 ? slice_append(s, elem, string_bytes(str, elem), str->len) : s;
    return true;
  }
  if (more.kind == VAL_NIL) { *dst = s; return true; }
  vm_panicf(f, "csp: cannot append %s...", tname(more));
  return false;
}

bool op_copy(Fiber *f, Value *dst, Value to, Value from) {
  if (to.kind != VAL_SLICE && to.kind != VAL_NIL) { vm_panicf(f, "csp: copy to %s", tname(to)); return false; }
  ObjSlice *d = to.kind == VAL_SLICE ? to.as.p : NULL;
  int64_t dn = d ? d->len : 0;
  int64_t n = 0;
  if (from.kind == VAL_STR) {
    ObjString *str = AS_STR(from);
    n = str->len < dn ? str->len : dn;
    uint32_t aux = d && d->arr->elem ? d->arr->elem->id : TID_UINT8;
    for (int64_t j = 0; j < n; j++) d->arr->v[d->off + j] = mk_int((unsigned char)str->data[j], aux);
  } else if (from.kind == VAL_SLICE || from.kind == VAL_NIL) {
    ObjSlice *s = from.kind == VAL_SLICE ? from.as.p : NULL;
    int64_t sn = s ? s->len : 0;
    n = sn < dn ? sn : dn;
    if (n > 0) {
      Value *dv = d->arr->v + d->off;
      memmove(dv, s->arr->v + s->off, sizeof(Value) * (size_t)n);
      for (int64_t j = 0; j < n; j++)
        if (value_needs_copy(dv[j])) dv[j] = value_copy(dv[j]);
    }
  } else {
    vm_panicf(f, "csp: copy from %s", tname(from));
    return false;
  }
  *dst = INT_VAL(n);
  return true;
}

bool op_delete(Fiber *f, Value m, Value key) {
  if (m.kind == VAL_CELL) m = ((Cell *)m.as.p)->v;
  if (m.kind != VAL_MAP && m.kind != VAL_NIL) { vm_panicf(f, "csp: delete from %s", tname(m)); return false; }
  if (!check_hashable(f, key)) return false;
  ObjMap *om = m.kind == VAL_MAP ? m.as.p : NULL;
  if (!om) return true;
  if (om->type && om->type->key) key = vm_coerce(om->type->key, key);
  map_delete(om, key);
  return true;
}

static bool size_arg(Fiber *f, Value v, int64_t *out) {
  if (v.kind == VAL_INT) {
    *out = val_unsigned(v) && v.as.i < 0 ? INT64_MAX : v.as.i;
    return true;
  }
  if (v.kind == VAL_FLOAT && v.as.f == floor(v.as.f) && fabs(v.as.f) < 9e18) {
    *out = (int64_t)v.as.f;
    return true;
  }
  vm_panicf(f, "csp: non-integer size argument of type %s", tname(v));
  return false;
}

#define MAX_MAKE_LEN ((int64_t)1 << 40)

bool op_makechan(Fiber *f, Value *dst, Value tv, Value size, bool has_size) {
  if (tv.kind != VAL_TYPE) { vm_panicf(f, "csp: make of a non-type"); return false; }
  Type *t = tv.as.p;
  Type *elem = t->kind == TY_CHAN ? t->elem : t;
  int64_t n = 0;
  if (has_size && !size_arg(f, size, &n)) return false;
  if (n < 0 || n > MAX_MAKE_LEN) {
    vm_runtime_error_plain(f, false, "makechan: size out of range");
    return false;
  }
  /* issue 7: --shrink-buffers gives every buffered channel made by the
  ** program capacity 1 (or 0); the time package's channels keep theirs */
  if (UNLIKELY(teach_cfg.shrink_buffers >= 0) && n > teach_cfg.shrink_buffers) n = teach_cfg.shrink_buffers;
  Chan *c = chan_new(elem, n);
  /* issue 7 (teaching tools): where the channel was made, for the deadlock
  ** explanation and the trace; the trace also names it after its destination */
  c->made_line = vm_current_line(f);
  c->made_file = f->nframes > 0 && f->frames[f->nframes - 1].cl ? f->frames[f->nframes - 1].cl->proto->file : NULL;
  if (UNLIKELY(trace_enabled)) trace_chan_made(f, c);
  Value r = OBJ_VAL(VAL_CHAN, c);
  if (t->kind == TY_CHAN) r.aux = t->id;
  *dst = r;
  return true;
}

bool op_make(Fiber *f, Value *dst, const Value *args, int nsizes) {
  Value tv = args[0];
  if (tv.kind != VAL_TYPE) { vm_panicf(f, "csp: make of a non-type"); return false; }
  Type *t = tv.as.p;
  switch (t->kind) {
  case TY_SLICE: {
    int64_t len = 0, cap;
    if (nsizes >= 1 && !size_arg(f, args[1], &len)) return false;
    cap = len;
    if (nsizes >= 2 && !size_arg(f, args[2], &cap)) return false;
    if (len < 0 || len > MAX_MAKE_LEN) { vm_runtime_error(f, "makeslice: len out of range"); return false; }
    if (cap < len || cap > MAX_MAKE_LEN) { vm_runtime_error(f, "makeslice: cap out of range"); return false; }
    Value r = slice_make(t->elem, len, cap);
    r.aux = t->id;
    *dst = r;
    return true;
  }
  case TY_MAP: {
    int64_t hint = 0;
    if (nsizes >= 1 && !size_arg(f, args[1], &hint)) return false;
    if (hint < 0) hint = 0;          /* Go ignores a negative run-time hint */
    if (hint > (1 << 24)) hint = 1 << 24;
    Value r = OBJ_VAL(VAL_MAP, map_new(t, hint));
    r.aux = t->id;
    *dst = r;
    return true;
  }
  case TY_CHAN:
    return op_makechan(f, dst, tv, nsizes >= 1 ? args[1] : INT_VAL(0), nsizes >= 1);
  default:
    vm_panicf(f, "csp: cannot make %s", type_str(t));
    return false;
  }
}

bool op_new(Fiber *f, Value *dst, Value tv) {
  if (tv.kind != VAL_TYPE) { vm_panicf(f, "csp: new of a non-type"); return false; }
  Type *t = tv.as.p;
  if (t->kind == TY_STRUCT) *dst = PTR_VAL(PTR_STRUCT, struct_new(t), 0);
  else if (t->kind == TY_ARRAY) *dst = PTR_VAL(PTR_ARRAY, array_new(t->elem, t->len), t->name ? t->id : 0);
  else *dst = PTR_VAL(PTR_CELL, cell_new(type_zero(t)), 0);
  return true;
}

/* UTF-8 encode rune r into buf (4 bytes); invalid runes give U+FFFD. */
static int utf8_encode(char *buf, int64_t r) {
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) { buf[0] = (char)r; return 1; }
  if (r < 0x800) {
    buf[0] = (char)(0xC0 | (r >> 6));
    buf[1] = (char)(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    buf[0] = (char)(0xE0 | (r >> 12));
    buf[1] = (char)(0x80 | ((r >> 6) & 0x3F));
    buf[2] = (char)(0x80 | (r & 0x3F));
    return 3;
  }
  buf[0] = (char)(0xF0 | (r >> 18));
  buf[1] = (char)(0x80 | ((r >> 12) & 0x3F));
  buf[2] = (char)(0x80 | ((r >> 6) & 0x3F));
  buf[3] = (char)(0x80 | (r & 0x3F));
  return 4;
}

/* Decode one rune at s[0..n): Go's rules, invalid -> (U+FFFD, 1). */
static int32_t utf8_decode(const unsigned char *s, int64_t n, int *width) {
  unsigned c = s[0];
  *width = 1;
  if (c < 0x80) return (int32_t)c;
  int need;
  int32_t r, min;
  if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { need = 2; r = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { need = 3; r = c & 0x07; min = 0x10000; }
  else return 0xFFFD;
  if (n < need + 1) return 0xFFFD;
  for (int j = 1; j <= need; j++) {
    unsigned cc = s[j];
    if ((cc & 0xC0) != 0x80) return 0xFFFD;
    r = (r << 6) | (int32_t)(cc & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
  *width = need + 1;
  return r;
}

static bool conv_to_string(Fiber *f, Value *dst, Value v, Type *t) {
  uint32_t aux = t->id;
  switch (v.kind) {
  case VAL_STR: v.aux = aux; *dst = v; return true;
  case VAL_INT: {
    char buf[4];
    int64_t r = v.as.i;
    if (val_unsigned(v) && r < 0) r = -1;
    int n = utf8_encode(buf, r);
    Value s = str_val_n(buf, n);
    s.aux = aux;
    *dst = s;
    return true;
  }
  case VAL_SLICE: case VAL_NIL: {
    ObjSlice *s = v.kind == VAL_SLICE ? v.as.p : NULL;
    Type *et = v.kind == VAL_SLICE ? slice_elem(v) : NULL;
    bool runes = et ? et->kind == TY_INT32 : false;
    if (!et && s && s->len > 0) {
      Value e0 = s->arr->v[s->off];
      runes = e0.kind == VAL_INT && kind_of_aux(e0.aux) == TY_INT32;
    }
    StrBuf b;
    sb_init(&b);
    for (int64_t j = 0; s && j < s->len; j++) {
      Value e = s->arr->v[s->off + j];
      int64_t x = e.kind == VAL_INT ? e.as.i : 0;
      if (runes) {
        char buf[4];
        sb_putn(&b, buf, (size_t)utf8_encode(buf, x));
      } else {
        sb_putc(&b, (char)(unsigned char)x);
      }
    }
    Value r = str_val_n(sb_cstr(&b), (int64_t)b.len);
    r.aux = aux;
    *dst = r;
    return true;
  }
  default:
    vm_panicf(f, "csp: cannot convert %s to %s", tname(v), type_str(t));
    return false;
  }
}

bool op_conv(Fiber *f, Value *dst, Value v, Value tv) {
  if (tv.kind != VAL_TYPE) { *dst = v; return true; }
  Type *t = tv.as.p;
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  int k = t->kind;
  switch (k) {
  case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
  case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR: {
    int64_t x;
    /* already a T: as is (a time.Time keeps its pk and pad) */
    if (v.kind == VAL_INT && v.aux == t->id) { *dst = v; return true; }
    if (v.kind == VAL_INT) x = v.as.i;
    else if (v.kind == VAL_FLOAT) x = float_to_int(v.as.f, k);
    else break;
    *dst = mk_int(wrap_int(k, x), t->id);
    return true;
  }
  case TY_FLOAT32: case TY_FLOAT64: case TY_COMPLEX128: {
    double d;
    if (v.kind == VAL_INT) d = int_to_double(v);
    else if (v.kind == VAL_FLOAT) d = v.as.f;
    else break;
    if (k == TY_FLOAT32) d = (double)(float)d;
    Value r = FLOAT_VAL(d);
    r.aux = k == TY_COMPLEX128 ? 0 : t->id;
    *dst = r;
    return true;
  }
  case TY_STRING:
    return conv_to_string(f, dst, v, t);
  case TY_BOOL:
    if (v.kind != VAL_BOOL) break;
    v.aux = t->id;
    *dst = v;
    return true;
  case TY_SLICE:
    if (v.kind == VAL_STR) {
      ObjString *s = AS_STR(v);
      Type *et = t->elem;
      Value r;
      if (et && et->kind == TY_INT32) {
        int64_t n = 0;
        for (int64_t j = 0; j < s->len; n++) {
          int w;
          utf8_decode((const unsigned char *)s->data + j, s->len - j, &w);
          j += w;
        }
        r = slice_make(et, n, n);
        ObjSlice *sl = r.as.p;
        int64_t pos = 0;
        for (int64_t j = 0; j < n; j++) {
          int w;
          int32_t rr = utf8_decode((const unsigned char *)s->data + pos, s->len - pos, &w);
          sl->arr->v[j] = mk_int(rr, et->id);
          pos += w;
        }
      } else {
        r = slice_make(et, s->len, s->len);
        ObjSlice *sl = r.as.p;
        uint32_t aux = et ? et->id : TID_UINT8;
        for (int64_t j = 0; j < s->len; j++) sl->arr->v[j] = mk_int((unsigned char)s->data[j], aux);
      }
      r.aux = t->id;
      *dst = r;
      return true;
    }
    if (v.kind == VAL_NIL) { *dst = type_zero(t); return true; }
    if (v.kind != VAL_SLICE) break;
    v.aux = t->id;
    *dst = v;
    return true;
  case TY_MAP: case TY_CHAN: case TY_FUNC:
    if (v.kind == VAL_NIL) { *dst = type_zero(t); return true; }
    if ((k == TY_MAP && v.kind == VAL_MAP) || (k == TY_CHAN && v.kind == VAL_CHAN) ||
        (k == TY_FUNC && v.kind == VAL_FUNC))
      v.aux = t->id;
    *dst = v;
    return true;
  case TY_PTR:
    if (v.kind == VAL_NIL) { *dst = type_zero(t); return true; }
    *dst = v;
    return true;
  case TY_STRUCT:
    if (v.kind == VAL_STRUCT && ((ObjStruct *)v.as.p)->type != t) {
      Value c = value_copy(v);
      ((ObjStruct *)c.as.p)->type = t;
      *dst = c;
      return true;
    }
    *dst = v;
    return true;
  case TY_ARRAY:
    if (v.kind == VAL_ARRAY && t->name) v.aux = t->id;
    *dst = v;
    return true;
  default:
    *dst = v;
    return true;
  }
  vm_panicf(f, "csp: cannot convert %s to %s", tname(v), type_str(t));
  return false;
}

static bool same_type(Type *a, Type *b) {
  if (a == b) return true;
  if (!a || !b || a->name || b->name) return false;
  if (a->kind != b->kind) return false;
  return strcmp(type_str(a), type_str(b)) == 0;
}

/* The first method of interface `it` that dynamic type t lacks. */
static const char *missing_method(Type *t, Type *it) {
  Type *u = it->underlying ? it->underlying : it;
  for (int j = 0; j < u->nimethods; j++) {
    Type *one = type_interface(&u->imethods[j], 1);
    if (!type_implements(t, one)) return u->imethods[j];
  }
  return u->nimethods > 0 ? u->imethods[0] : "?";
}

bool op_assert(Fiber *f, Value *dst, Value v, Value tv, int mode) {
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  Type *t = tv.kind == VAL_TYPE ? tv.as.p : NULL;
  bool ok;
  bool iface = t && t->kind == TY_INTERFACE;
  Type *have = v.kind == VAL_NIL ? NULL : value_type(v);
  if (!t || t->kind == TY_NIL) ok = v.kind == VAL_NIL;
  else if (v.kind == VAL_NIL) ok = false;
  else if (iface) ok = type_implements(have, t);
  else ok = same_type(have, t);
  if (mode == 2) {
    *dst = BOOL_VAL(ok);
    return true;
  }
  if (ok) {
    if (value_needs_copy(v)) v = value_copy(v);
    dst[0] = v;
    if (mode == 1) dst[1] = BOOL_VAL(true);
    return true;
  }
  if (mode == 1) {
    dst[0] = t ? type_zero(t) : NIL_VAL;
    dst[1] = BOOL_VAL(false);
    return true;
  }
  const char *want = t ? type_str(t) : "<nil>";
  if (!have) {
    if (iface) vm_runtime_error_plain(f, false, "interface conversion: interface is nil, not %s", want);
    else vm_runtime_error_plain(f, false, "interface conversion: interface {} is nil, not %s", want);
  } else if (iface) {
    vm_runtime_error_plain(f, false, "interface conversion: %s is not %s: missing method %s",
                           type_str(have), want, missing_method(have, t));
  } else {
    const char *hs = type_str(have);
    if (strcmp(hs, want) == 0)
      vm_runtime_error_plain(f, false, "interface conversion: interface {} is %s, not %s (types from different scopes)", hs, want);
    else
      vm_runtime_error_plain(f, false, "interface conversion: interface {} is %s, not %s", hs, want);
  }
  return false;
}

/* Go's runtime printfloat: sign, one digit, '.', 6 digits, e, sign, 3 digits. */
void vm_print_float(StrBuf *b, double v) {
  if (v != v) { sb_puts(b, "NaN"); return; }
  if (v + v == v && v > 0) { sb_puts(b, "+Inf"); return; }
  if (v + v == v && v < 0) { sb_puts(b, "-Inf"); return; }
  enum { N = 7 };
  char buf[N + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (1 / v < 0) buf[0] = '-';
  } else {
    if (v < 0) { v = -v; buf[0] = '-'; }
    while (v >= 10) { e++; v /= 10; }
    while (v < 1) { e--; v *= 10; }
    double h = 5.0;
    for (int j = 0; j < N; j++) h /= 10;
    v += h;
    if (v >= 10) { e++; v /= 10; }
  }
  for (int j = 0; j < N; j++) {
    int s = (int)v;
    buf[j + 2] = (char)(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[N + 2] = 'e';
  buf[N + 3] = '+';
  if (e < 0) { e = -e; buf[N + 3] = '-'; }
  buf[N + 4] = (char)(e / 100 + '0');
  buf[N + 5] = (char)(e / 10 % 10 + '0');
  buf[N + 6] = (char)(e % 10 + '0');
  sb_putn(b, buf, sizeof buf);
}

static void print_one(StrBuf *b, Value v) {
  switch (v.kind) {
  case VAL_NIL: sb_puts(b, "(0x0,0x0)"); return;
  case VAL_BOOL: sb_puts(b, v.as.b ? "true" : "false"); return;
  case VAL_INT:
    if (val_unsigned(v)) sb_printf(b, "%llu", (unsigned long long)v.as.i);
    else sb_printf(b, "%lld", (long long)v.as.i);
    return;
  case VAL_FLOAT: vm_print_float(b, v.as.f); return;
  case VAL_STR: sb_putn(b, AS_STR(v)->data, (size_t)AS_STR(v)->len); return;
  case VAL_SLICE: {
    ObjSlice *s = v.as.p;
    sb_printf(b, "[%lld/%lld]0x%llx", (long long)(s ? s->len : 0), (long long)(s ? s->cap : 0),
              (unsigned long long)(uintptr_t)(s ? (void *)(s->arr->v + s->off) : NULL));
    return;
  }
  case VAL_CELL: print_one(b, ((Cell *)v.as.p)->v); return;
  default:
    sb_printf(b, "0x%llx", (unsigned long long)(uintptr_t)v.as.p);
    return;
  }
}

void op_print(Fiber *f, const Value *args, int n, bool ln) {
  (void)f;
  StrBuf b;
  sb_init(&b);
  for (int j = 0; j < n; j++) {
    if (ln && j > 0) sb_putc(&b, ' ');
    print_one(&b, args[j]);
  }
  if (ln) sb_putc(&b, '\n');
  if (b.len) {
    size_t fits = limits_output_allow(b.len);   /* --max-output counts print too */
    fwrite(b.data, 1, fits, stderr);
    fflush(stderr);
    if (fits < b.len) limits_exceeded(LIMIT_OUTPUT, 0, NULL);
  }
}

bool op_minmax(Fiber *f, Value *dst, const Value *args, int n, bool max) {
  if (n <= 0) { vm_panicf(f, "csp: min/max of nothing"); return false; }
  bool anyfloat = false, anystr = false;
  for (int j = 0; j < n; j++) {
    if (args[j].kind == VAL_FLOAT) anyfloat = true;
    else if (args[j].kind == VAL_STR) anystr = true;
    else if (args[j].kind != VAL_INT) {
      vm_panicf(f, "csp: invalid argument to %s: %s", max ? "max" : "min", tname(args[j]));
      return false;
    }
  }
  if (anystr) {
    Value r = args[0];
    for (int j = 1; j < n; j++) {
      if (args[j].kind != VAL_STR) return bad_operands(f, OP_LT, r, args[j]);
      int c = str_cmp(args[j], r);
      if (max ? c > 0 : c < 0) r = args[j];
    }
    *dst = r;
    return true;
  }
  if (anyfloat) {
    uint32_t aux = 0;
    for (int j = 0; j < n; j++)
      if (args[j].kind == VAL_FLOAT && args[j].aux) { aux = args[j].aux; break; }
    double r = args[0].kind == VAL_FLOAT ? args[0].as.f : int_to_double(args[0]);
    for (int j = 1; j < n; j++) {
      double x = args[j].kind == VAL_FLOAT ? args[j].as.f : int_to_double(args[j]);
      if (isnan(r) || isnan(x)) { r = NAN; continue; }
      if (max) {
        if (x > r || (x == 0 && r == 0 && !signbit(x))) r = x;
      } else {
        if (x < r || (x == 0 && r == 0 && signbit(x))) r = x;
      }
    }
    *dst = mk_float(r, aux);
    return true;
  }
  Value r = args[0];
  bool uns = false;
  for (int j = 0; j < n; j++)
    if (val_unsigned(args[j])) uns = true;
  for (int j = 1; j < n; j++) {
    Value x = args[j];
    bool gt = uns ? (uint64_t)x.as.i > (uint64_t)r.as.i : x.as.i > r.as.i;
    bool lt = uns ? (uint64_t)x.as.i < (uint64_t)r.as.i : x.as.i < r.as.i;
    if (max ? gt : lt) r = x;
  }
  uint32_t aux = r.aux;
  for (int j = 0; j < n && !aux; j++) aux = args[j].aux;
  r.aux = aux;
  *dst = r;
  return true;
}

/* }==================================================================== */

/* {====================================================================
** Range loops, closures
** ===================================================================== */

void op_rangeinit(Fiber *f, Value *ra) {
  (void)f;
  Value c = ra[0];
  if (c.kind == VAL_CELL) c = ((Cell *)c.as.p)->v;
  if (c.kind == VAL_ARRAY) {
    c = value_copy(c);
  } else if (c.kind == VAL_PTR) {
    Value t;
    if (c.as.p && ptr_load(c, &t) && t.kind == VAL_ARRAY) c = t;
    else c = NIL_VAL;
  }
  ra[0] = c;
  ra[1] = INT_VAL(0);
}

int op_rangenext(Fiber *f, Value *ra) {
  Value c = ra[0];
  int64_t pos = ra[1].kind == VAL_INT ? ra[1].as.i : 0;
  switch (c.kind) {
  case VAL_INT:
    if (pos >= c.as.i) return 0;
    ra[2] = mk_int(pos, c.aux);
    ra[1].as.i = pos + 1;
    return 1;
  case VAL_SLICE: {
    ObjSlice *s = c.as.p;
    if (!s || pos >= s->len) return 0;
    Value v = s->arr->v[s->off + pos];
    if (value_needs_copy(v)) v = value_copy(v);
    ra[2] = INT_VAL(pos);
    ra[3] = v;
    ra[1].as.i = pos + 1;
    return 1;
  }
  case VAL_ARRAY: {
    ObjArray *a = c.as.p;
    if (pos >= a->len) return 0;
    Value v = a->v[pos];
    if (value_needs_copy(v)) v = value_copy(v);
    ra[2] = INT_VAL(pos);
    ra[3] = v;
    ra[1].as.i = pos + 1;
    return 1;
  }
  case VAL_STR: {
    ObjString *s = AS_STR(c);
    if (pos >= s->len) return 0;
    int w;
    int32_t r = utf8_decode((const unsigned char *)s->data + pos, s->len - pos, &w);
    ra[2] = INT_VAL(pos);
    ra[3] = mk_int(r, TID_INT32);
    ra[1].as.i = pos + w;
    return 1;
  }
  case VAL_MAP: {
    ObjMap *m = c.as.p;
    if (!m) return 0;
    Value k, v;
    if (!map_next(m, &pos, &k, &v)) return 0;
    if (value_needs_copy(v)) v = value_copy(v);
    ra[2] = k;
    ra[3] = v;
    ra[1] = INT_VAL(pos);
    return 1;
  }
  case VAL_NIL:
    return 0;
  default:
    vm_panicf(f, "csp: cannot range over %s", tname(c));
    return -1;
  }
}

Value op_closure(Fiber *f, Proto *p, ObjClosure *parent, Value *R) {
  (void)f;
  ObjClosure *c = closure_new(p);
  for (int j = 0; j < p->nupvals && j < c->nup; j++) {
    UpvalDesc u = p->upvals[j];
    if (u.from_parent_reg) {
      Value r = R[u.idx];
      c->up[j] = r.kind == VAL_CELL ? (Cell *)r.as.p : cell_new(r);
    } else {
      c->up[j] = (parent && u.idx < parent->nup) ? parent->up[u.idx] : cell_new(NIL_VAL);
    }
  }
  return OBJ_VAL(VAL_FUNC, c);
}

/* }==================================================================== */
