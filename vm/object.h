/*
** object.h -- heap object layouts and the operations on values that every part
** of the VM shares (allocation, equality, hashing, copying, strings, slices, maps).
**
** Objects carry no common header: a Value's kind says what as.p points to.
** All objects are GC-allocated; pointer-free payloads (string bytes) are atomic.
*/
#ifndef CSP_OBJECT_H
#define CSP_OBJECT_H

#include "vm/value.h"
#include "vm/type.h"

typedef struct Fiber Fiber;

/* ---- strings: immutable bytes, NUL-terminated for convenience ---- */
typedef struct ObjString {
  int64_t len;
  uint32_t hash;        /* 0 = not computed yet (benign race: same value) */
  char data[];          /* len bytes + NUL */
} ObjString;

/* ---- arrays (value semantics) and slice backing stores ---- */
typedef struct ObjArray {
  Type *elem;           /* element type (zero values, %T); may be NULL for internal arrays */
  int64_t len;
  Value v[];
} ObjArray;

/* A slice header is immutable once built: s[i:j] and append make new headers. */
typedef struct ObjSlice {
  ObjArray *arr;
  int64_t off, len, cap;  /* elements arr->v[off .. off+len), capacity off+cap <= arr->len */
} ObjSlice;

/* ---- structs (value semantics) ---- */
typedef struct ObjStruct {
  Type *type;           /* the struct type (named or anonymous) */
  uint32_t n;
  Value f[];
} ObjStruct;

/* ---- boxed variables (captured by closures or address-taken) ---- */
typedef struct Cell {
  Value v;
} Cell;

/* ---- functions ---- */
typedef struct UpvalDesc {
  uint8_t from_parent_reg; /* 1: the parent frame's register `idx` holds the Cell (VAL_CELL);
                              0: the parent closure's upvalue `idx` */
  uint8_t idx;
} UpvalDesc;

typedef struct LocalInfo {   /* debug info: a named register live in [startpc, endpc) */
  const char *name;
  int reg, startpc, endpc;
} LocalInfo;

typedef struct Proto {
  const char *name;          /* Go-style: "main.f", "main.(*T).M", "main.T.M", "main.f.func1",
                                "main.init" (top-level code of a script) */
  const char *file;          /* source file name as given on the command line */
  int line;                  /* line of the func keyword */
  uint32_t *code;
  int ncode;
  int32_t *lines;            /* lines[pc] = source line of code[pc] */
  Value *k;                  /* constants */
  int nk;
  const char **names;        /* field/method names used by GETFIELD/SETFIELD/SELF/ADDRFIELD
                                (interned), indexed by the instruction's C operand (< 256) */
  int nnames;
  struct Proto **protos;     /* nested function literals (CLOSURE Bx) */
  int nprotos;
  UpvalDesc *upvals;
  int nupvals;
  uint8_t nparams;           /* fixed parameters, including a method's receiver */
  uint8_t variadic;          /* 1: extra arguments are packed into a slice in R[nparams-1] */
  uint8_t nregs;             /* registers used (frame size) */
  uint8_t nresults;          /* declared results */
  int32_t recover_pc;        /* where a frame resumes after a recovered panic
                                (code that runs remaining defers and returns the
                                result registers); -1 if the function has no defer */
  uint8_t result_reg;        /* first register of the result variables (for recover_pc) */
  LocalInfo *locals;         /* for the disassembler and the REPL */
  int nlocals;
  uint64_t *ic;              /* inline caches, one 64-bit word per instruction (ncode) */
  Type *type;                /* the func type, if known (for %T) */
} Proto;

typedef struct ObjClosure {
  Proto *proto;
  int nup;
  Cell *up[];
} ObjClosure;

/* ---- natives ----
** A native gets its arguments in args[0..nargs) and writes its results into
** res[0..] (a scratch buffer of NATIVE_MAX_RESULTS values, not aliasing args),
** returning how many it wrote, or one of:
**   NATIVE_PANIC  a panic was raised with vm_panic*(f, ...) (see vm.h)
**   NATIVE_PARK   the fiber must park (the native queued it somewhere and set
**                 f->park_unlock); the call instruction is NOT completed: when the
**                 fiber is readied it re-executes the same call with f->resumed
**                 set and f->native_phase kept, so the native finishes its work
**                 (Sleep: phase 1 means "slept", return 0 results).
** A native that calls back into csp code uses vm_call() (vm.h).
*/
#define NATIVE_MAX_RESULTS 8
#define NATIVE_PANIC (-1)
#define NATIVE_PARK  (-2)
typedef int (*NativeFn)(Fiber *f, Value *args, int nargs, Value *res);

typedef struct ObjNative {
  const char *name;   /* "fmt.Println", "strings.(*Builder).WriteString" */
  NativeFn fn;
  int arity;          /* -1 = variadic / unchecked; otherwise the compiler checks */
  void *data;         /* free for the native */
} ObjNative;

/* A method value x.M: calling it inserts recv as the first argument. If
** drop_first is set, it is a func-valued field reached through SELF: the call
** drops the receiver argument instead. */
typedef struct ObjBound {
  Value recv;
  Value fn;
  bool drop_first;
} ObjBound;

/* A stdlib object (VAL_OBJ). Its class gives the methods; data is the state. */
typedef struct NativeClass {
  const char *name;            /* "sync.WaitGroup" */
  Type *type;                  /* its TY_NATIVE type (set at registration) */
  void *(*create)(void);       /* zero value's state */
  /* The state of a by-value copy (`wg2 := wg`, passing a struct that holds
  ** a Mutex): Go copies the struct, so the copy starts with the original's
  ** counter or lock state and no waiters. NULL: copies share one state. */
  void *(*copy)(void *state);
} NativeClass;

typedef struct ObjNativeObj {
  const NativeClass *cls;
  void *data;
} ObjNativeObj;

/* A native object whose class copies its state by value (NativeClass.copy:
** sync.Mutex, sync.WaitGroup, atomic.Int64...). */
static inline bool value_is_copied_native(Value v) {
  return v.kind == VAL_OBJ && v.as.p && ((const ObjNativeObj *)v.as.p)->cls &&
         ((const ObjNativeObj *)v.as.p)->cls->copy;
}

/* Does a by-value copy of v need value_copy()? Structs, arrays and those. */
static inline bool value_needs_copy(Value v) {
  return v.kind == VAL_STRUCT || v.kind == VAL_ARRAY || value_is_copied_native(v);
}

/* ---- allocation ---- */
ObjString *str_new(const char *bytes, int64_t len);   /* copies */
ObjString *str_alloc(int64_t len);                    /* uninitialised data, NUL set */
ObjString *str_empty(void);
Value str_val(const char *cstr);                      /* from a C string */
Value str_val_n(const char *bytes, int64_t len);
uint32_t str_hash(ObjString *s);
#define AS_STR(v) ((ObjString *)(v).as.p)

ObjArray *array_new(Type *elem, int64_t len);          /* elements = zero of elem */
ObjSlice *slice_new(ObjArray *arr, int64_t off, int64_t len, int64_t cap);
Value slice_make(Type *elem, int64_t len, int64_t cap); /* make([]T, len, cap) */
/* append: Go 1.19's growth rule with its size classes, computed with Go's element
** sizes so printed capacities match; copies struct/array elements and coerces
** them to elem. Returns the new slice. */
Value slice_append(Value s, Type *elem, const Value *vals, int64_t n);
int64_t slice_grow_cap(Type *elem, int64_t oldcap, int64_t needed); /* growslice */
ObjStruct *struct_new(Type *t);                        /* fields = zero values */
Cell *cell_new(Value v);
ObjClosure *closure_new(Proto *p);                     /* upvalues to be filled */
Proto *proto_new(void);
Value native_new(const char *name, NativeFn fn, int arity);
Value bound_new(Value recv, Value fn);
Value obj_new(const NativeClass *cls, void *data);

/* ---- generic operations (vm/value.c) ---- */
/* Copy for value semantics: structs and arrays are copied (recursively for
** nested struct/array fields); everything else is returned as is. */
Value value_copy(Value v);
/* Store coercion into a slot of type t: an untyped int into a float slot becomes
** a float, a basic value takes t's named/sized type id (see helper-brief). */
Value value_coerce(Type *t, Value v);
/* Go's == (the caller has checked comparability where Go would at compile
** time); false for uncomparable values such as slices and maps. */
bool value_equal(Value a, Value b);
/* Go's == with the comparability check: 1 equal, 0 unequal, -1 when Go would
** panic "comparing uncomparable type T" (*bad = T). The _iface form also
** requires equal dynamic types (interface comparisons, map[any] keys). */
int value_equal_checked(Value a, Value b, Type **bad);
int value_equal_iface(Value a, Value b, Type **bad);
/* Hash consistent with value_equal (map keys). */
uint64_t value_hash(Value v);
/* Ordering for <, <= on ints, floats, strings; returns <0, 0, >0 (NaN: see value.c). */
int value_compare(Value a, Value b);
/* Debug rendering (not Go formatting: that is vm/format.c). */
const char *value_kind_name(uint8_t kind);

#endif
