/*
** internal.h -- the compiler's private data structures, shared by its files:
** constant values (constfold.c), symbols and scopes (scope.c), type
** expressions and static types (typeexpr.c), the code emitter (emit.c),
** expressions (expr.c), statements (stmt.c) and declarations (compile.c).
**
** Invariants of a FuncState's registers (Lua-style):
**   registers [0, nactive) hold locals (named or hidden: range state, switch
**   tags, select blocks); [nactive, freereg) hold temporaries of the statement
**   being compiled; at every statement boundary freereg == nactive.
*/
#ifndef CSP_COMPILER_INTERNAL_H
#define CSP_COMPILER_INTERNAL_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler/compile.h"
#include "parser/ast.h"
#include "lexer/diag.h"
#include "vm/object.h"
#include "vm/type.h"
#include "vm/opcodes.h"
#include "vm/api.h"
#include "vm/gc.h"
#include "grammar.h"

#define MAX_REGS 250

/* vm/type.h names: the string type and the type-to-text function */
#define T_STRING type_string
#define tstr(t) type_str(t)

/* ---------------- constants (constfold.c) ---------------- */
typedef __int128 i128;

typedef enum ConstKind { CK_NONE = 0, CK_BOOL, CK_INT, CK_FLOAT, CK_STRING, CK_NIL } ConstKind;

/* An arbitrary-precision integer (constfold.c): sign and magnitude in 32-bit
** limbs, least significant first, no leading zero limbs; n == 0 is zero. */
typedef struct Big { uint32_t *d; int n; bool neg; } Big;

typedef struct ConstVal {
  ConstKind kind;
  Type *type;          /* NULL: untyped */
  bool rune;           /* untyped rune constant (default type int32) */
  bool b;
  i128 i;              /* CK_INT: the value, saturated if it needs more than 127 bits */
  Big num, den;        /* CK_INT: the exact value in num; CK_FLOAT: num/den * 2^exp2,
                          den > 0, exact while both stay below 4096 bits */
  int64_t exp2;
  const char *s;       /* CK_STRING */
  size_t slen;
} ConstVal;

/* ---------------- symbols and scopes (scope.c) ---------------- */
typedef enum SymKind {
  SYM_LOCAL,     /* a register of some function (possibly boxed in a Cell) */
  SYM_GLOBAL,    /* package-level variable: global slot */
  SYM_FUNC,      /* top-level function: global slot holding its closure */
  SYM_CONST,
  SYM_TYPE,
  SYM_PKG,       /* imported package */
  SYM_BUILTIN,   /* len, cap, append... */
  SYM_NIL,
} SymKind;

enum Builtin {
  BI_LEN = 1, BI_CAP, BI_APPEND, BI_COPY, BI_DELETE, BI_MAKE, BI_NEW, BI_PANIC,
  BI_RECOVER, BI_PRINT, BI_PRINTLN, BI_MIN, BI_MAX, BI_CLOSE, BI_COMPLEX,
  BI_REAL, BI_IMAG, BI_CLEAR,
};

/* A function signature known at compile time (top-level functions, methods). */
typedef struct FuncSig {
  int nparams;         /* including the receiver for methods */
  Type **params;       /* NULL entries: unknown */
  int nresults;
  Type **results;
  bool variadic;
} FuncSig;

typedef struct FuncState FuncState;

typedef struct Sym {
  const char *name;    /* interned */
  SymKind kind;
  struct Sym *next;    /* next symbol in the same scope */
  FuncState *fs;       /* SYM_LOCAL: owning function */
  int reg;             /* SYM_LOCAL: register */
  bool boxed;          /* SYM_LOCAL: the register holds a VAL_CELL */
  Node *decl;          /* declaring node (capture marks live in decl->aux) */
  int global;          /* SYM_GLOBAL / SYM_FUNC: slot */
  Type *type;          /* static type of a variable / the type of SYM_TYPE */
  ConstVal cv;         /* SYM_CONST */
  const char *pkgpath; /* SYM_PKG */
  FuncSig *sig;        /* SYM_FUNC */
  Proto *proto;        /* SYM_FUNC */
  int builtin;         /* SYM_BUILTIN */
  int startpc;         /* SYM_LOCAL: for debug info */
} Sym;

typedef struct Scope {
  Sym *syms;
  struct Scope *parent;
  FuncState *fs;       /* NULL for universe / package scopes */
  int id;              /* unique id (goto-into-block checks) */
  int nactive;         /* fs->nactive when the scope was opened */
  int nlocals;         /* fs->nlocals when the scope was opened */
  int line, col;       /* where the block starts (messages) */
} Scope;

/* marks on declaring nodes (Node.aux), set by the dry pass */
#define MARK_CAPTURED 1
#define MARK_ADDRESSED 2

/* ---------------- functions being compiled ---------------- */
typedef struct PatchList {
  int *pcs;
  int n, cap;
} PatchList;

typedef struct LoopCtx {
  struct LoopCtx *prev;
  const char *label;   /* label of the statement or NULL */
  bool is_loop;        /* loops accept continue; switch/select only break */
  PatchList breaks, conts;
  int cont_target;     /* -1 until known */
} LoopCtx;

typedef struct LabelInfo {
  const char *name;
  int pc;              /* -1 until defined */
  int line, col;
  bool used;
  int *scope_chain;    /* ids of enclosing scopes where the label is defined */
  int nchain;
  int bline, bcol;     /* start of the block holding the label */
  struct LabelInfo *next;
} LabelInfo;

typedef struct GotoInfo {
  const char *name;
  int pc;
  int line, col;
  int *scope_chain;
  int nchain;
  struct GotoInfo *next;
} GotoInfo;

typedef struct Compiler Compiler;

struct FuncState {
  Compiler *C;
  FuncState *parent;
  Proto *p;
  const char *name;
  bool dry;            /* dry pass: only discovers captured/addressed variables */
  Instr *code; int32_t *lines; int ncode, capcode;
  Value *k; int nk, capk;
  int *khash; int khcap;      /* add_const's index: slots hold k index + 1, 0 = empty */
  const char **names; int nnames, capnames;
  Proto **protos; int nprotos, capprotos;
  UpvalDesc *up; Sym **upsyms; int nup, capup;
  LocalInfo *locals; int nlocals, caplocals;
  int nactive, freereg, maxreg;
  Scope *scope;
  Scope *body_scope;   /* the function's outermost scope */
  LoopCtx *loop;
  LabelInfo *labels;
  GotoInfo *gotos;
  int line;            /* current source line for emitted code */
  int nfunclits;
  /* results */
  int nresults;
  Type **result_types;
  Sym **result_syms;   /* named results (NULL entries for unnamed) */
  bool named_results;
  bool has_defer;
  int result_reg;
  PatchList ret_jumps; /* functions with defer: returns jump to the epilogue */
  bool is_init;        /* the init proto (script top level) */
};

/* ---------------- the compiler / session ---------------- */
struct CompileSession {
  const char *filename;
  Scope *universe;
  Scope *globals;      /* package scope, kept across REPL inputs */
  int scope_ids;
  int ninit;           /* count of init functions */
};

typedef struct PendingMethod {
  Type *t; const char *name; Value fn; bool ptr;
  struct PendingMethod *next;
} PendingMethod;

typedef struct PendingGlobal {
  int slot; Value v;
  struct PendingGlobal *next;
} PendingGlobal;

struct Compiler {
  CompileSession *S;
  Diag *diag;
  const CompileOptions *opts;
  Scope *file_scope;   /* imports (file mode) */
  bool script;
  int suppress;        /* >0: errors are not reported (dry passes) */
  int nerrors;
  PendingMethod *methods;
  PendingGlobal *pglobals;
  const char *ctx;     /* context for conversion messages ("assignment"...) */
  int64_t iota;        /* iota of the const spec being evaluated, -1 outside */
};

/* ---------------- errors (compile.c) ---------------- */
void c_error(FuncState *fs, Compiler *C, Node *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define ERR(fs, n, ...) c_error((fs), (fs)->C, (n), __VA_ARGS__)

/* ---------------- constfold.c ---------------- */
bool const_eval(FuncState *fs, Node *e, ConstVal *out);   /* false: not constant */
bool const_binary(FuncState *fs, Node *at, int op, const ConstVal *a, const ConstVal *b, ConstVal *out);
bool const_unary(FuncState *fs, Node *at, int op, const ConstVal *a, ConstVal *out);
bool const_convert(FuncState *fs, Node *at, const ConstVal *a, Type *t, ConstVal *out);
/* The run-time value of a constant (checks range; t overrides the constant's type if not NULL). */
Value const_to_value(FuncState *fs, Node *at, const ConstVal *c, Type *t);
Type *const_default_type(const ConstVal *c);
ConstVal const_from_value(Value v, Type *t, bool untyped);
void const_int(ConstVal *c, i128 v);
void const_float(ConstVal *c, long double f);
bool const_is_zero(const ConstVal *c);
bool cv_negative(const ConstVal *c);
const char *const_str(const ConstVal *c);   /* for messages */

/* ---------------- scope.c ---------------- */
Scope *scope_new(Compiler *C, Scope *parent, FuncState *fs);
Sym *scope_find_local(Scope *s, const char *name);    /* in s only */
Sym *scope_lookup(FuncState *fs, Compiler *C, const char *name);  /* whole chain */
Sym *sym_add(Scope *s, const char *name, SymKind kind);
void universe_init(CompileSession *S);
void scope_open(FuncState *fs);
void scope_close(FuncState *fs);
/* Declare a local in register reg (already holding its value; boxed if marked). */
Sym *declare_local(FuncState *fs, const char *name, Node *decl, int reg, Type *t);
/* Reserve a hidden local register (range state, switch tag...). */
int reserve_hidden(FuncState *fs, int n);
/* Resolve a SYM_LOCAL of an enclosing function to an upvalue index of fs. */
int resolve_upvalue(FuncState *fs, Sym *s);
void mark_captured(Node *decl, int mark);
bool decl_boxed(Node *decl);

/* ---------------- typeexpr.c ---------------- */
Type *resolve_type(FuncState *fs, Node *t);           /* NULL + error if not a type */
Type *try_type(FuncState *fs, Node *t);               /* NULL if not a type (no error) */
bool is_type_expr(FuncState *fs, Node *n);
Type *underlying(Type *t);
bool type_is_float(Type *t);
bool type_is_int(Type *t);
bool type_is_basic(Type *t);
bool type_is_string(Type *t);
bool type_is_interface(Type *t);
bool type_needs_copy(Type *t);       /* struct/array, or unknown (NULL) */
bool type_needs_conv(Type *t);       /* float64, sized int, named basic */
FuncSig *sig_from_functype(FuncState *fs, Node *ft, Type *recv);
Type *sig_to_type(FuncSig *s);
Type *struct_field_type(Type *t, const char *name, int *index);
Type *elem_type(Type *t);            /* slices, arrays, maps, chans, ptr to array */
Type *deref_type(Type *t);
Type *method_result_type(Type *t, const char *name, int *nres);

/* ---------------- emit.c ---------------- */
int emit(FuncState *fs, Instr i);
int emit_abc(FuncState *fs, OpCode op, int a, int b, int c);
int emit_abx(FuncState *fs, OpCode op, int a, int bx);
int emit_asbx(FuncState *fs, OpCode op, int a, int sbx);
int emit_jmp(FuncState *fs);                /* returns pc to patch */
void patch_to(FuncState *fs, int pc, int target);
void patch_here(FuncState *fs, int pc);
void plist_add(PatchList *l, int pc);
void plist_patch(FuncState *fs, PatchList *l, int target);
int here(FuncState *fs);
int add_const(FuncState *fs, Value v);
int add_name(FuncState *fs, const char *name);
int alloc_reg(FuncState *fs, int n);        /* temporaries at freereg */
void free_to(FuncState *fs, int reg);
void emit_loadk(FuncState *fs, int reg, Value v);
void emit_loadtype(FuncState *fs, int reg, Type *t);
void emit_move(FuncState *fs, int dst, int src);
void emit_loadnil(FuncState *fs, int reg, int n);
void emit_zero(FuncState *fs, int reg, Type *t);   /* zero value of t (nil if unknown) */
Proto *finish_proto(FuncState *fs);

/* ---------------- expr.c ---------------- */
/* Compile e into register reg. want: the static type of the destination
** (untyped constants adapt), may be NULL. Returns the static type (or NULL). */
Type *expr_to(FuncState *fs, Node *e, int reg, Type *want);
/* Value of e in some register (a local's own register when possible: the
** caller must not write to it). */
int expr_any(FuncState *fs, Node *e, Type **ty);
/* As expr_to, but copying structs/arrays read from locations (VCOPY). */
Type *expr_to_copy(FuncState *fs, Node *e, int reg, Type *want);
/* Evaluate a multi-value expression into n consecutive registers at base. */
void expr_multi(FuncState *fs, Node *e, int base, int n, Type **types);
/* Number of values e produces (1 unless a call with known results / comma-ok form); -1 unknown call. */
int expr_nvalues(FuncState *fs, Node *e);
/* Conditional jumps: jump to the returned list when e's truth == when. */
void cond_jump(FuncState *fs, Node *e, bool when, PatchList *out);
Type *infer_type(FuncState *fs, Node *e);        /* static type without emitting code */
bool is_lvalue_read(Node *e);                    /* ident/selector/index/deref (needs VCOPY) */
void coerce(FuncState *fs, int reg, Type *have, Type *want);
/* Call: compile callee+args at base, emit CALL with nres results (-1: all). */
void compile_call(FuncState *fs, Node *call, int base, int nres, int *nres_out);
/* Function literal / function body into a new proto. */
Proto *compile_function(FuncState *parent, Compiler *C, Node *functype, Node *body,
                        Node *recv, const char *name, FuncSig *sig, bool dry);
Node *unparen(Node *n);
const char *node_name(Node *n);              /* identifier text for messages */
void expr_text(Node *e, char *buf, size_t n); /* source-ish rendering for messages */
int builtin_of(FuncState *fs, Node *callee);    /* BI_* or 0 */
Type *compile_builtin(FuncState *fs, Node *call, int bi, int reg);
/* Position of the first `tok` at or after line:col in the source (for Go's error columns). */
void find_token(Compiler *C, int line, int col, const char *tok, int *oline, int *ocol);
FuncSig *known_sig(FuncState *fs, Node *callee, const char **fname);
void compiler_note_method(Type *t, const char *name, FuncSig *sig, Value fn);
/* Callee and arguments at base, then `op` (CALL, GO or DEFER). */
void compile_call_op(FuncState *fs, Node *call, int base, int nres, OpCode op);

/* lvalues (expr.c) */
typedef enum LvKind { LV_NONE, LV_LOCAL, LV_CELL, LV_UPVAL, LV_GLOBAL, LV_FIELD, LV_INDEX, LV_DEREF, LV_BLANK } LvKind;
typedef struct LValue {
  LvKind kind;
  int reg;          /* local register / cell register / object register / pointer register */
  int key;          /* LV_INDEX: key register; LV_FIELD: name index; LV_UPVAL: upvalue; LV_GLOBAL: slot */
  Type *type;       /* static type of the location */
  Sym *sym;
} LValue;
/* Evaluate the parts of an lvalue (object and key into temporaries). */
LValue lvalue_prepare(FuncState *fs, Node *e);
void lvalue_store(FuncState *fs, LValue *lv, int src);
void lvalue_load(FuncState *fs, LValue *lv, int dst);

/* ---------------- stmt.c ---------------- */
void compile_block(FuncState *fs, Node *block, bool new_scope);
void compile_stmt(FuncState *fs, Node *s);
void compile_stmts(FuncState *fs, NodeList *l);
bool is_terminating(Node *s);
void emit_return_seq(FuncState *fs, Node *at, NodeList *results);
void compile_vardecl(FuncState *fs, Node *d, bool global);
void compile_constdecl(FuncState *fs, Node *d, ConstVal *prev_iota_exprs);
void compile_typedecl(FuncState *fs, Node *d);
void compile_decl_stmt(FuncState *fs, Node *d);

/* ---------------- compile.c ---------------- */
const char *pkg_name_of(const char *path);
void declare_const_spec(FuncState *fs, Scope *sc, Node *spec, NodeList *prev_exprs, Type **prev_type);

#endif
