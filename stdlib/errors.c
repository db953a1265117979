/*
** errors.c -- package errors: New, Is, As, Unwrap (Go 1.19: no Join).
**
** Chains are walked through Unwrap() methods (native wrappers such as
** fmt.Errorf's %w results and *strconv.NumError, or csp methods via vm_call).
*/
#include <string.h>
#include "stdlib/stdlib_internal.h"

#define MAX_CHAIN 10000   /* a cyclic Unwrap chain must not hang */

/* Unwrap(err): the wrapped error or NIL_VAL; NATIVE_PANIC if the method panicked. */
static int unwrap(Fiber *f, Value err, Value *out) {
  *out = NIL_VAL;
  if (IS_NIL(err)) return 0;
  if (api_native_unwrap(err, out)) return 0;
  Value r[NATIVE_MAX_RESULTS];
  int n = api_call_method(f, err, "Unwrap", NULL, 0, r, 1);
  if (n == NATIVE_PANIC) return NATIVE_PANIC;
  if (n >= 1) *out = r[0];
  return 0;
}

#define FNAME "errors.New"
static int e_new(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = mk_error(s->data);
  return 1;
}
#undef FNAME

static int e_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  Value out;
  if (unwrap(f, args[0], &out) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = out;
  return 1;
}

static bool comparable(Value v) {
  switch (v.kind) {
  case VAL_SLICE: case VAL_MAP: case VAL_FUNC: return false;
  default: return true;
  }
}

static int e_is(Fiber *f, Value *args, int nargs, Value *res) {
  Value err = args[0], target = args[1];
  if (IS_NIL(target)) {
    res[0] = BOOL_VAL(IS_NIL(err));
    return 1;
  }
  bool cmp = comparable(target);
  for (int i = 0; i < MAX_CHAIN && !IS_NIL(err); i++) {
    if (cmp && err.kind == target.kind && value_equal(err, target)) {
      res[0] = BOOL_VAL(true);
      return 1;
    }
    Value r[NATIVE_MAX_RESULTS];
    int n = api_call_method(f, err, "Is", &target, 1, r, 1);
    if (n == NATIVE_PANIC) return NATIVE_PANIC;
    if (n >= 1 && IS_TRUE(r[0])) {
      res[0] = BOOL_VAL(true);
      return 1;
    }
    if (unwrap(f, err, &err) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  res[0] = BOOL_VAL(false);
  return 1;
}

/* Does err's dynamic type fit the target's static type t? t == NULL: the
** target's type is unknown (a nil pointer variable without type info): any
** pointer-like error fits. */
static bool assignable(Value err, Type *t) {
  Type *et = value_type(err);
  if (!t || t->kind == TY_NIL) return err.kind == VAL_PTR || err.kind == VAL_OBJ;
  Type *u = t->underlying ? t->underlying : t;
  if (u->kind == TY_INTERFACE) return type_implements(et, t);
  return et == t;
}

static int e_as(Fiber *f, Value *args, int nargs, Value *res) {
  Value err = args[0], target = args[1];
  if (target.kind != VAL_PTR || !target.as.p) {
    vm_panicf(f, "errors: target must be a non-nil pointer");
    return NATIVE_PANIC;
  }
  Type *pt = value_type(target);
  Type *t = pt && pt->kind == TY_PTR ? pt->elem : NULL;
  /* the compiler passes the target's static type when it knows it */
  if (nargs > 2 && args[2].kind == VAL_TYPE && args[2].as.p) t = args[2].as.p;
  if (t && t->kind == TY_INTERFACE && t->nimethods == 0) t = type_any;
  for (int i = 0; i < MAX_CHAIN && !IS_NIL(err); i++) {
    if (assignable(err, t)) {
      ptr_store(target, err);
      res[0] = BOOL_VAL(true);
      return 1;
    }
    Value r[NATIVE_MAX_RESULTS];
    int n = api_call_method(f, err, "As", &target, 1, r, 1);
    if (n == NATIVE_PANIC) return NATIVE_PANIC;
    if (n >= 1 && IS_TRUE(r[0])) {
      res[0] = BOOL_VAL(true);
      return 1;
    }
    if (unwrap(f, err, &err) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  res[0] = BOOL_VAL(false);
  return 1;
}

void open_errors(void) {
  const char *P = "errors";
  api_def_func(P, "New", e_new, 1);
  api_def_func(P, "Unwrap", e_unwrap, 1);
  api_def_func(P, "Is", e_is, 2);
  api_def_func(P, "As", e_as, 2);
}
