/*
** value.h -- the tagged value every register, constant, field and element holds.
**
** A Value is 16 bytes: a kind byte, a pointer-kind byte, a 32-bit aux word and an
** 8-byte payload (Lua's TValue is the model). Pointers are stored as plain
** addresses in `as.p` so Boehm's conservative scan sees them (never NaN-box).
**
** Invariants:
**  - VAL_STR: as.p is never NULL (the empty string is a shared static object).
**  - VAL_SLICE, VAL_MAP, VAL_PTR, VAL_FUNC, VAL_CHAN: as.p == NULL is the typed nil
**    of that kind (prints "[]", "map[]", "<nil>"...). VAL_NIL is the untyped nil /
**    nil interface.
**  - VAL_STRUCT and VAL_ARRAY have value semantics: a struct/array object is owned
**    by exactly one location (a register, cell, field, element, map slot, or the
**    anonymous target of a PTR_STRUCT/PTR_ARRAY pointer). Copying a value out of a
**    location into another location goes through value_copy() (OP_VCOPY).
**  - aux: for VAL_INT/VAL_FLOAT/VAL_STR/VAL_BOOL it is the id of the value's named
**    or sized type (0 = the predeclared int/float64/string/bool; see type.h TID_*);
**    arithmetic results take the left operand's aux, or the right's if left is 0,
**    and wrap to the width of sized integer types. For VAL_PTR it is the field or
**    element index (PTR_FIELD, PTR_ELEM).
*/
#ifndef CSP_VALUE_H
#define CSP_VALUE_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum ValKind {
  VAL_NIL = 0,  /* untyped nil, nil interface */
  VAL_BOOL,     /* as.b */
  VAL_INT,      /* as.i (int64, wrapping) */
  VAL_FLOAT,    /* as.f */
  VAL_STR,      /* as.p -> ObjString */
  VAL_SLICE,    /* as.p -> ObjSlice, NULL = nil slice */
  VAL_ARRAY,    /* as.p -> ObjArray (value semantics) */
  VAL_STRUCT,   /* as.p -> ObjStruct (value semantics) */
  VAL_MAP,      /* as.p -> ObjMap, NULL = nil map */
  VAL_PTR,      /* as.p -> target (see PtrKind), NULL = nil pointer */
  VAL_FUNC,     /* as.p -> ObjClosure, NULL = nil func */
  VAL_NATIVE,   /* as.p -> ObjNative (builtin/stdlib function) */
  VAL_BOUND,    /* as.p -> ObjBound (method value, receiver bound) */
  VAL_CHAN,     /* as.p -> Chan, NULL = nil channel */
  VAL_OBJ,      /* as.p -> ObjNativeObj (stdlib object: Builder, WaitGroup, ...) */
  VAL_TYPE,     /* as.p -> Type (types as values: conversions, type switches) */
  VAL_CELL,     /* as.p -> Cell: internal, a register holding a boxed variable */
  VAL_KIND_COUNT
} ValKind;

typedef enum PtrKind {
  PTR_CELL = 0, /* as.p -> Cell; *p is cell->v */
  PTR_STRUCT,   /* as.p -> ObjStruct; *p is the struct itself (from &T{} / new(T) /
                   pointer-receiver calls on addressable struct values) */
  PTR_ARRAY,    /* as.p -> ObjArray; *p is the array itself */
  PTR_FIELD,    /* as.p -> ObjStruct; *p is fields[aux] */
  PTR_ELEM,     /* as.p -> ObjArray; *p is v[aux] (also &slice[i]) */
} PtrKind;

typedef struct Value {
  uint8_t kind;   /* ValKind */
  uint8_t pk;     /* PtrKind when kind == VAL_PTR; 0 otherwise, except in a
                     time.Time (a VAL_INT): the top bits of its 72-bit time */
  uint16_t pad;   /* 0, except in a time.Time: its location code
                     (stdlib/time_zone.c); == and map keys compare it */
  uint32_t aux;   /* type id (basic kinds) or index (pointers) */
  union {
    int64_t i;
    double f;
    bool b;
    void *p;
  } as;
} Value;

/* ---- constructors (C99 compound literals; cheap, inlinable) ---- */
#define NIL_VAL            ((Value){.kind = VAL_NIL})
#define BOOL_VAL(x)        ((Value){.kind = VAL_BOOL, .as.b = (x)})
#define INT_VAL(x)         ((Value){.kind = VAL_INT, .as.i = (int64_t)(x)})
#define FLOAT_VAL(x)       ((Value){.kind = VAL_FLOAT, .as.f = (x)})
#define OBJ_VAL(k, ptr)    ((Value){.kind = (k), .as.p = (void *)(ptr)})
#define PTR_VAL(pkind, ptr, idx) \
  ((Value){.kind = VAL_PTR, .pk = (pkind), .aux = (uint32_t)(idx), .as.p = (void *)(ptr)})

#define IS_NIL(v)    ((v).kind == VAL_NIL)
#define IS_INT(v)    ((v).kind == VAL_INT)
#define IS_FLOAT(v)  ((v).kind == VAL_FLOAT)
#define IS_STR(v)    ((v).kind == VAL_STR)
#define IS_BOOL(v)   ((v).kind == VAL_BOOL)

/* True for nil and for the typed nils (nil slice, map, pointer, func, chan). */
static inline bool value_is_nil(Value v) {
  switch (v.kind) {
  case VAL_NIL: return true;
  case VAL_SLICE: case VAL_MAP: case VAL_PTR: case VAL_FUNC: case VAL_CHAN:
    return v.as.p == NULL;
  default: return false;
  }
}

/* Go truthiness is only for bools; the compiler guarantees conditions are bool. */
#define IS_TRUE(v) ((v).kind == VAL_BOOL && (v).as.b)

#endif
