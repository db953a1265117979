/*
** hint.h -- compile errors a learner can act on (compiler/hint.c): "did you
** mean" suggestions by edit distance over the names in scope (locals, outer
** functions' locals, package names, predeclared names, imported and stdlib
** package names, package members), "use x := ... to declare it" for an
** assignment to an undeclared name, a missing import, and the signature text
** shown by "not enough / too many arguments in call".
**
** Every message still goes through c_error (so dry passes stay silent and
** file:line:col, the source line and the caret come from lexer/diag.c).
*/
#ifndef CSP_COMPILER_HINT_H
#define CSP_COMPILER_HINT_H

#include "compiler/internal.h"

/* Report "undefined: NAME" at `at`, with the best hint for it. */
void hint_undefined(FuncState *fs, Node *at, const char *name);
/* The same for a name used as a type (only type names are suggested). */
void hint_undefined_type(FuncState *fs, Node *at, const char *name);
/* Report "undefined: PKG.MEMBER" for a missing package member. */
void hint_undefined_member(FuncState *fs, Node *at, const char *pkgname, const char *pkgpath,
                           const char *member);
/* Report "x.f undefined (type T has no field or method f)" for selector e
** on static type t; cands: the type's field and method names (NULL-ended). */
void hint_no_member(FuncState *fs, Node *e, Type *t, const char *const *cands);
/* compile_assign tells which `=` statement it compiles: an undefined name on
** its left side gets "(use x := ... to declare it)". */
void hint_set_assign(Node *stmt);
/* The closest of `cands` (n entries, NULL-terminated if n < 0) to `name`
** by edit distance, or NULL when none is close enough. */
const char *hint_closest(const char *name, const char *const *cands, int n);
/* " (have N, want M: func f(a, b int))" for an argument-count error; sig and
** param_off as the call site knows them (sig may be NULL). */
const char *hint_arg_counts(FuncState *fs, Node *call, FuncSig *sig, int param_off, int have, int want,
                            bool variadic);
/* "variable of type int", "untyped int constant 1", "value of type []int"
** (Go's operand descriptions) for e of static type t. */
const char *hint_operand(FuncState *fs, Node *e, Type *t);
/* Can a value of static type t certainly not be called? (unknown: false) */
bool hint_not_callable(Type *t);

#endif
