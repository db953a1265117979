/*
** type.h -- run-time type descriptors.
**
** csp is dynamically typed, but Go programs need types at run time: zero values
** (`var p Point`, `make([]Point, 3)`), conversions, `%T`, struct field names,
** method tables, interface satisfaction in assertions and type switches.
** The compiler builds Type objects from type expressions (type_* constructors
** below) and stores them as VAL_TYPE constants. Types are interned where Go's
** type identity says two types are identical (type_slice(int) returns the same
** object each time), so identity is pointer equality.
**
** Every Type has a small integer id (index in the global type table); values of
** basic kinds carry it in Value.aux (0 for int/float64/string/bool).
** Thread-safety: type construction and method registration take a global lock;
** lookups read immutable data or use the method table's lock-free read path
** (a table is replaced, never mutated in place, once published).
*/
#ifndef CSP_TYPE_H
#define CSP_TYPE_H

#include "vm/value.h"

typedef enum TypeKind {
  TY_BOOL, TY_INT, TY_INT8, TY_INT16, TY_INT32, TY_INT64,
  TY_UINT, TY_UINT8, TY_UINT16, TY_UINT32, TY_UINT64, TY_UINTPTR,
  TY_FLOAT32, TY_FLOAT64, TY_COMPLEX128, TY_STRING,
  TY_SLICE, TY_ARRAY, TY_MAP, TY_PTR, TY_FUNC, TY_CHAN,
  TY_STRUCT, TY_INTERFACE,
  TY_NATIVE,     /* a stdlib object type (sync.Mutex, strings.Builder...): VAL_OBJ */
  TY_NIL,        /* the type of untyped nil (internal) */
  TY_KIND_COUNT
} TypeKind;

/* Fixed ids of predeclared types (Value.aux). TID_INT.. must stay 0 for the
** four plain kinds so that aux == 0 means "the default type of the kind". */
enum {
  TID_DEFAULT = 0, /* int for VAL_INT, float64 for VAL_FLOAT, string, bool */
  TID_INT8 = 1, TID_INT16, TID_INT32, TID_INT64,
  TID_UINT, TID_UINT8, TID_UINT16, TID_UINT32, TID_UINT64, TID_UINTPTR,
  TID_FLOAT32,
  TID_FIRST_USER = 16
};

typedef struct Type Type;

typedef struct Field {
  const char *name;   /* field name ("" never; embedded fields use the type's name) */
  Type *type;
  bool embedded;
  const char *tag;    /* struct tag or NULL */
} Field;

typedef struct Method {
  const char *name;   /* interned */
  Value fn;           /* VAL_FUNC (closure taking the receiver as first param) or VAL_NATIVE */
  bool ptr_recv;      /* declared with a pointer receiver */
} Method;

typedef struct MethodTable {
  int count, cap;
  Method *items;      /* sorted by name pointer (interned), or linear for small */
} MethodTable;

struct Type {
  uint8_t kind;          /* TypeKind */
  uint32_t id;           /* index in the type table; basic values carry it in aux */
  const char *name;      /* "main.Point", "int", "time.Duration"; NULL if unnamed */
  const char *pkg;       /* package of a named type ("main", "time"); NULL otherwise */
  Type *underlying;      /* for named types: the underlying type; else itself */
  Type *elem;            /* slice, array, ptr, chan, map value */
  Type *key;             /* map key */
  int64_t len;           /* array length */
  int chan_dir;          /* 0 both, 1 send-only, 2 receive-only */
  int nfields;           /* struct */
  Field *fields;
  int nparams, nresults; /* func */
  Type **params, **results;
  bool variadic;
  int nimethods;         /* interface: method names (interned), sorted */
  const char **imethods;
  MethodTable methods;   /* methods declared on this (named) type; for T these
                            include pointer-receiver methods flagged ptr_recv */
  const struct NativeClass *native; /* TY_NATIVE: the class of its VAL_OBJ values */
  void *cache;           /* free for the VM (e.g. zero-value template) */
};

/* Predeclared types. */
extern Type *type_bool, *type_int, *type_int8, *type_int16, *type_int32, *type_int64,
    *type_uint, *type_uint8, *type_uint16, *type_uint32, *type_uint64, *type_uintptr,
    *type_float32, *type_float64, *type_complex128, *type_string, *type_error,
    *type_any, *type_nil;

void type_init(void);                       /* creates the predeclared types */
Type *type_by_id(uint32_t id);
Type *type_slice(Type *elem);               /* interned */
Type *type_array(Type *elem, int64_t len);  /* interned */
Type *type_map(Type *key, Type *val);       /* interned */
Type *type_ptr(Type *elem);                 /* interned */
Type *type_chan(Type *elem, int dir);       /* interned */
Type *type_func(Type **params, int np, Type **results, int nr, bool variadic);
Type *type_struct(Field *fields, int n);    /* anonymous struct type */
Type *type_interface(const char **methods, int n);
/* A named type: `type Point struct{...}` declares type_named("main", "Point", u).
** The underlying type may be set later (recursive types): type_set_underlying. */
Type *type_named(const char *pkg, const char *name, Type *underlying);
void type_set_underlying(Type *named, Type *underlying);
Type *type_native(const char *pkg, const char *name, const struct NativeClass *cls);

/* Methods: add (or replace, for the REPL) a method on a named type. */
void type_add_method(Type *t, const char *name, Value fn, bool ptr_recv);
/* Lookup on a type, following embedded fields (promoted methods) is done by the
** VM; this looks at t's own table only. Returns NULL if absent. */
const Method *type_find_method(Type *t, const char *name);
int type_field_index(Type *t, const char *name); /* -1 if absent (struct types) */

/* The dynamic type of a value (for %T, type switches, assertions). Never NULL:
** nil gives type_nil. */
Type *value_type(Value v);
/* Go's type string: "int", "[]int", "map[string]int", "*main.T", "chan int",
** "func(int) string", "struct { A int }", "main.Point". Cached per type. */
const char *type_str(Type *t);
/* Does dynamic type `t` (of a non-nil value) implement interface `iface`? */
bool type_implements(Type *t, Type *iface);
/* Zero value of a type: fresh objects for structs and arrays; typed nils
** (slice/map/ptr/func/chan) carry their type id in aux so %T works on them.
** (Type ids 12-15 are complex128, error, any and the nil type.) */
Value type_zero(Type *t);
/* Intern a name (method and field names are compared by pointer). */
const char *intern(const char *s);
const char *intern_n(const char *s, size_t n);

#endif
