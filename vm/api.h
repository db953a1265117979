/*
** api.h -- what stdlib packages and the CLI use to talk to the VM: package
** registration (the compiler resolves `fmt.Println` against it), native
** methods on types, and value helpers. stdlib/ includes this (and object.h,
** type.h, vm.h, sched.h, chan.h, format.h) -- never the compiler or parser.
*/
#ifndef CSP_API_H
#define CSP_API_H

#include "vm/object.h"
#include "vm/vm.h"

typedef enum MemberKind {
  MEMBER_VALUE,   /* a function (VAL_NATIVE or a compiled VAL_FUNC) or a constant */
  MEMBER_VAR,     /* a package variable: a global slot (os.Args, os.Stdout) */
  MEMBER_TYPE,    /* a type (sync.WaitGroup, time.Duration) */
} MemberKind;

typedef struct PkgMember {
  const char *name;
  MemberKind kind;
  Value value;          /* MEMBER_VALUE */
  int global;           /* MEMBER_VAR: slot in vm_globals */
  Type *type;           /* MEMBER_TYPE; for constants the constant's type if typed */
  bool untyped_const;   /* MEMBER_VALUE: an untyped constant (math.Pi, math.MaxInt64) */
} PkgMember;

/* path is the import path ("fmt", "math/rand"); the package name is its last element. */
void api_def_func(const char *path, const char *name, NativeFn fn, int arity);
void api_def_value(const char *path, const char *name, Value v);
void api_def_const(const char *path, const char *name, Value v); /* untyped constant */
int  api_def_var(const char *path, const char *name, Value init);  /* returns the global slot */
void api_def_type(const char *path, const char *name, Type *t);
/* A native method on a type (named or native), e.g. ("Add" on sync.WaitGroup). */
void api_def_method(Type *t, const char *name, NativeFn fn, int arity, bool ptr_recv);
const PkgMember *api_lookup(const char *path, const char *name);
bool api_package_exists(const char *path);
/* Member names of a package (for "did you mean" suggestions); NULL-terminated. */
const char **api_package_members(const char *path);
/* All package paths (NULL-terminated), for --help and suggestions. */
const char **api_packages(void);
/* Package path for a bare package name in script mode ("strings" -> "strings",
** "rand" -> "math/rand"); NULL if none. */
const char *api_package_by_name(const char *name);

/* Allocate a global slot (the compiler uses it for package-level variables). */
int vm_alloc_global(const char *name);

/* Errors as values: errors.New(msg) and fmt.Errorf results are *errors.errorString-like
** VAL_OBJ values whose Error() returns msg; wrap (may be NIL) is what Unwrap returns. */
Value api_error_new(const char *msg, Value wrap);
/* The value of a run-time panic (a runtime.Error, typed by its message). */
Value api_runtime_error_new(const char *msg);
/* Is v an error (has an Error() string method)? If so and f != NULL, get its text. */
bool api_error_text(Fiber *f, Value v, const char **text);

/* All stdlib packages (stdlib/stdlib.c calls each package's open function). */
void stdlib_init(void);

#endif
