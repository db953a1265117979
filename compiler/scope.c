/*
** scope.c -- lexical scopes, symbol resolution, locals and upvalues.
**
** Scope chain, innermost first: block scopes of the function being compiled,
** then those of enclosing functions (a funclit's body scope's parent is the
** scope where the literal appears), then the package scope (session-wide:
** globals, functions, types, constants, imports), then the universe.
**
** Captured / address-taken variables: a dry pass over each top-level function
** (and the script body) records, on the declaring AST node (Node.aux), that a
** variable is captured by a closure or has its address taken; the real pass
** then boxes exactly those variables in Cells from their declaration on.
*/
#include "compiler/internal.h"
#include <string.h>

Scope *scope_new(Compiler *C, Scope *parent, FuncState *fs) {
  Scope *s = GC_MALLOC(sizeof *s);
  s->parent = parent;
  s->fs = fs;
  s->id = C ? ++C->S->scope_ids : 0;
  return s;
}

Sym *scope_find_local(Scope *s, const char *name) {
  for (Sym *y = s->syms; y; y = y->next)
    if (y->name == name) return y;
  return NULL;
}

Sym *sym_add(Scope *s, const char *name, SymKind kind) {
  Sym *y = GC_MALLOC(sizeof *y);
  y->name = intern(name);
  y->kind = kind;
  y->next = s->syms;
  y->global = -1;
  s->syms = y;
  return y;
}

void mark_captured(Node *decl, int mark) {
  if (!decl) return;
  uintptr_t m = (uintptr_t)decl->aux;
  decl->aux = (void *)(m | (uintptr_t)mark);
}

bool decl_boxed(Node *decl) {
  return decl && ((uintptr_t)decl->aux & (MARK_CAPTURED | MARK_ADDRESSED)) != 0;
}

int resolve_upvalue(FuncState *fs, Sym *s) {
  for (int i = 0; i < fs->nup; i++)
    if (fs->upsyms[i] == s) return i;
  UpvalDesc d;
  if (!fs->parent) return 0; /* cannot happen: locals belong to some function */
  if (s->fs == fs->parent) {
    d.from_parent_reg = 1;
    d.idx = (uint8_t)s->reg;
  } else {
    d.from_parent_reg = 0;
    d.idx = (uint8_t)resolve_upvalue(fs->parent, s);
  }
  if (fs->nup >= 255) {
    ERR(fs, NULL, "function too complex (too many captured variables)");
    return 0;
  }
  if (fs->nup == fs->capup) {
    fs->capup = fs->capup ? fs->capup * 2 : 8;
    UpvalDesc *nu = GC_MALLOC(sizeof(UpvalDesc) * (size_t)fs->capup);
    Sym **ns = GC_MALLOC(sizeof(Sym *) * (size_t)fs->capup);
    if (fs->nup) {
      memcpy(nu, fs->up, sizeof(UpvalDesc) * (size_t)fs->nup);
      memcpy(ns, fs->upsyms, sizeof(Sym *) * (size_t)fs->nup);
    }
    fs->up = nu;
    fs->upsyms = ns;
  }
  fs->up[fs->nup] = d;
  fs->upsyms[fs->nup] = s;
  return fs->nup++;
}

Sym *scope_lookup(FuncState *fs, Compiler *C, const char *name) {
  name = intern(name);
  Scope *sc = fs ? fs->scope : C->S->globals;
  for (; sc; sc = sc->parent) {
    Sym *y = scope_find_local(sc, name);
    if (y) {
      if (y->kind == SYM_LOCAL && fs && y->fs != fs) {
        /* captured from an enclosing function */
        mark_captured(y->decl, MARK_CAPTURED);
      }
      return y;
    }
  }
  /* script mode / REPL: any stdlib package name works without import */
  if (C->script || (C->opts && C->opts->repl)) {
    const char *path = api_package_by_name(name);
    if (path) {
      Sym *y = sym_add(C->S->globals, name, SYM_PKG);
      y->pkgpath = path;
      return y;
    }
  }
  return NULL;
}

void scope_open(FuncState *fs) {
  Scope *s = scope_new(fs->C, fs->scope, fs);
  s->nactive = fs->nactive;
  s->nlocals = fs->nlocals;
  fs->scope = s;
}

void scope_close(FuncState *fs) {
  Scope *s = fs->scope;
  int pc = fs->ncode;
  for (int i = s->nlocals; i < fs->nlocals; i++)
    if (fs->locals[i].endpc < 0) fs->locals[i].endpc = pc;
  fs->nactive = s->nactive;
  fs->freereg = fs->nactive;
  fs->scope = s->parent;
}

static void add_localinfo(FuncState *fs, const char *name, int reg) {
  if (fs->nlocals == fs->caplocals) {
    fs->caplocals = fs->caplocals ? fs->caplocals * 2 : 16;
    LocalInfo *n = GC_MALLOC(sizeof(LocalInfo) * (size_t)fs->caplocals);
    if (fs->nlocals) memcpy(n, fs->locals, sizeof(LocalInfo) * (size_t)fs->nlocals);
    fs->locals = n;
  }
  LocalInfo *li = &fs->locals[fs->nlocals++];
  li->name = name;
  li->reg = reg;
  li->startpc = fs->ncode;
  li->endpc = -1;
}

Sym *declare_local(FuncState *fs, const char *name, Node *decl, int reg, Type *t) {
  if (reg + 1 > fs->nactive) fs->nactive = reg + 1;
  if (fs->freereg < fs->nactive) fs->freereg = fs->nactive;
  if (fs->maxreg < fs->nactive) fs->maxreg = fs->nactive;
  if (!name || strcmp(name, "_") == 0) return NULL;
  Sym *y = sym_add(fs->scope, name, SYM_LOCAL);
  y->fs = fs;
  y->reg = reg;
  y->decl = decl;
  y->type = t;
  y->boxed = decl_boxed(decl);
  if (y->boxed) emit_abc(fs, OP_NEWCELL, reg, reg, 0);
  y->startpc = fs->ncode;
  add_localinfo(fs, y->name, reg);
  return y;
}

int reserve_hidden(FuncState *fs, int n) {
  int r = fs->nactive;
  if (fs->freereg > r) r = fs->freereg;
  fs->nactive = r + n;
  fs->freereg = fs->nactive;
  if (fs->nactive > MAX_REGS) {
    ERR(fs, NULL, "function too complex");
    fs->nactive = fs->freereg = MAX_REGS;
  }
  if (fs->maxreg < fs->nactive) fs->maxreg = fs->nactive;
  return r;
}

/* ---- the universe ---- */
static void add_type(Scope *u, const char *name, Type *t) {
  Sym *y = sym_add(u, name, SYM_TYPE);
  y->type = t;
}

static void add_builtin(Scope *u, const char *name, int id) {
  Sym *y = sym_add(u, name, SYM_BUILTIN);
  y->builtin = id;
}

void universe_init(CompileSession *S) {
  Scope *u = scope_new(NULL, NULL, NULL);
  add_type(u, "bool", type_bool);
  add_type(u, "int", type_int);
  add_type(u, "int8", type_int8);
  add_type(u, "int16", type_int16);
  add_type(u, "int32", type_int32);
  add_type(u, "rune", type_int32);
  add_type(u, "int64", type_int64);
  add_type(u, "uint", type_uint);
  add_type(u, "uint8", type_uint8);
  add_type(u, "byte", type_uint8);
  add_type(u, "uint16", type_uint16);
  add_type(u, "uint32", type_uint32);
  add_type(u, "uint64", type_uint64);
  add_type(u, "uintptr", type_uintptr);
  add_type(u, "float32", type_float32);
  add_type(u, "float64", type_float64);
  add_type(u, "complex128", type_complex128);
  add_type(u, "string", T_STRING);
  add_type(u, "error", type_error);
  add_type(u, "any", type_any);
  Sym *y = sym_add(u, "true", SYM_CONST);
  y->cv.kind = CK_BOOL; y->cv.b = true;
  y = sym_add(u, "false", SYM_CONST);
  y->cv.kind = CK_BOOL; y->cv.b = false;
  y = sym_add(u, "iota", SYM_CONST);
  y->cv.kind = CK_NONE;
  sym_add(u, "nil", SYM_NIL);
  add_builtin(u, "len", BI_LEN);
  add_builtin(u, "cap", BI_CAP);
  add_builtin(u, "append", BI_APPEND);
  add_builtin(u, "copy", BI_COPY);
  add_builtin(u, "delete", BI_DELETE);
  add_builtin(u, "make", BI_MAKE);
  add_builtin(u, "new", BI_NEW);
  add_builtin(u, "panic", BI_PANIC);
  add_builtin(u, "recover", BI_RECOVER);
  add_builtin(u, "print", BI_PRINT);
  add_builtin(u, "println", BI_PRINTLN);
  add_builtin(u, "min", BI_MIN);
  add_builtin(u, "max", BI_MAX);
  add_builtin(u, "close", BI_CLOSE);
  add_builtin(u, "complex", BI_COMPLEX);
  add_builtin(u, "real", BI_REAL);
  add_builtin(u, "imag", BI_IMAG);
  add_builtin(u, "clear", BI_CLEAR);
  S->universe = u;
  S->globals = scope_new(NULL, u, NULL);
}
