/*
** compile.c -- the compiler's driver: sessions, package-level declarations
** (imports, types, constants, functions, methods, variables), function
** bodies (two passes: a dry pass that finds captured and address-taken
** variables, then code generation), Go's package-variable initialisation
** order, the init proto, and error reporting.
*/
#include "compiler/internal.h"
#include "compiler/hint.h"
#include <string.h>
#include <stdio.h>
#include <stdarg.h>

bool function_has_defer(Node *body);
int check_recursive_types(FuncState *fs, NodeList *decls);   /* typeexpr.c */
void emit_defer_epilogue(FuncState *fs);
void resolve_gotos(FuncState *fs);

/* ---- errors ---- */
static int last_err_line, last_err_col;
static char last_err_msg[200];

void c_error(FuncState *fs, Compiler *C, Node *at, const char *fmt, ...) {
  if (C->suppress > 0 || (fs && fs->dry)) return;
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  int line = at ? at->line : (fs ? fs->line : 1);
  int col = at ? at->col : 1;
  /* one message per spot: the first is the most specific (a second one at
  ** the same line:col is a consequence of it) */
  if (line == last_err_line && col == last_err_col) return;
  last_err_line = line;
  last_err_col = col;
  size_t ml = strlen(msg) < sizeof last_err_msg - 1 ? strlen(msg) : sizeof last_err_msg - 1;
  memcpy(last_err_msg, msg, ml);
  last_err_msg[ml] = 0;
  C->nerrors++;
  diag_error(C->diag, line, col, "%s", msg);
}

int64_t compiler_current_iota(FuncState *fs) { return fs->C->iota; }

const char *pkg_name_of(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* The matching '}' of a block whose '{' is at line:col (for "missing return"). */
static void block_end(Diag *d, int line, int col, int *eline, int *ecol) {
  *eline = line; *ecol = col;
  if (!d || !d->src) return;
  const char *p = d->src, *end = d->src + d->srclen;
  int l = 1;
  while (p < end && l < line) { if (*p == '\n') l++; p++; }
  p += col - 1;
  if (p >= end || *p != '{') {
    while (p < end && *p != '{') { if (*p == '\n') l++; p++; }
  }
  int depth = 0;
  const char *bol = p;
  for (const char *q = d->src; q < p; q++) if (*q == '\n') bol = q + 1;
  while (p < end) {
    char c = *p;
    if (c == '\n') { l++; p++; bol = p; continue; }
    if (c == '/' && p + 1 < end && p[1] == '/') { while (p < end && *p != '\n') p++; continue; }
    if (c == '/' && p + 1 < end && p[1] == '*') {
      p += 2;
      while (p + 1 < end && !(p[0] == '*' && p[1] == '/')) { if (*p == '\n') { l++; bol = p + 1; } p++; }
      p += 2;
      continue;
    }
    if (c == '"' || c == '\'') {
      p++;
      while (p < end && *p != c && *p != '\n') { if (*p == '\\') p++; p++; }
      p++;
      continue;
    }
    if (c == '`') {
      p++;
      while (p < end && *p != '`') { if (*p == '\n') { l++; bol = p + 1; } p++; }
      p++;
      continue;
    }
    if (c == '{') depth++;
    if (c == '}') {
      depth--;
      if (depth == 0) { *eline = l; *ecol = (int)(p - bol) + 1; return; }
    }
    p++;
  }
}

void find_token(Compiler *C, int line, int col, const char *tok, int *oline, int *ocol) {
  *oline = line; *ocol = col;
  Diag *d = C->diag;
  if (!d || !d->src) return;
  const char *p = d->src, *end = d->src + d->srclen;
  int l = 1;
  while (p < end && l < line) { if (*p == '\n') l++; p++; }
  const char *bol = p;
  p += col - 1;
  size_t tl = strlen(tok);
  while (p + tl <= end) {
    if (*p == '\n') { l++; bol = p + 1; if (l > line + 3) return; }
    if (*p == '"' || *p == '`' || *p == '\'') {
      char q = *p++;
      while (p < end && *p != q) { if (*p == '\\' && q != '`') p++; p++; }
      p++;
      continue;
    }
    if (memcmp(p, tok, tl) == 0) { *oline = l; *ocol = (int)(p - bol) + 1; return; }
    p++;
  }
}

/* ---- functions ---- */
static void fs_init(FuncState *fs, FuncState *parent, Compiler *C, const char *name, bool dry, Proto *into) {
  memset(fs, 0, sizeof *fs);
  fs->C = C;
  fs->parent = parent;
  fs->p = into ? into : proto_new();
  fs->name = name;
  fs->dry = dry;
  fs->scope = scope_new(C, parent ? parent->scope : C->S->globals, fs);
  fs->body_scope = fs->scope;
  fs->p->name = name;
  fs->p->file = C->S->filename;
  fs->p->recover_pc = -1;
}

static Proto *compile_function_into(FuncState *parent, Compiler *C, Node *ft, Node *body, Node *recv,
                                    const char *name, FuncSig *sig, bool dry, Proto *into, int line) {
  if (!parent && !dry) {
    C->suppress++;
    compile_function_into(NULL, C, ft, body, recv, name, sig, true, NULL, line);
    C->suppress--;
  }
  FuncState fsv, *fs = &fsv;
  fs_init(fs, parent, C, name, dry, into);
  fs->line = line;
  fs->p->line = line;
  int extra = recv ? 1 : 0;
  int np = extra + ft->list.len;
  if (np > 200) { ERR(fs, ft, "function too complex (too many parameters)"); np = 200; }
  fs->nactive = fs->freereg = fs->maxreg = np;
  bool variadic = ft->op == 1;
  for (int i = 0; i < np; i++) {
    Type *t = sig->params[i];
    if (variadic && i == np - 1) continue;
    if (t && type_needs_conv(t)) {
      int tr = alloc_reg(fs, 1);
      emit_loadtype(fs, tr, t);
      emit_abc(fs, OP_CONV, i, i, tr);
      free_to(fs, tr);
    }
  }
  for (int i = 0; i < np; i++) {
    Node *f = i < extra ? recv : ft->list.items[i - extra];
    Type *t = sig->params[i];
    if (f->name) declare_local(fs, f->name, f, i, t);
  }
  fs->nresults = ft->list2.len;
  fs->result_types = sig->results;
  fs->named_results = ft->list2.len > 0 && ft->list2.items[0]->name != NULL;
  fs->has_defer = function_has_defer(body);
  fs->result_reg = fs->nactive;
  if (fs->named_results) {
    fs->result_syms = GC_MALLOC(sizeof(Sym *) * (size_t)(fs->nresults + 1));
    for (int i = 0; i < fs->nresults; i++) {
      Node *f = ft->list2.items[i];
      int r = fs->nactive;
      emit_zero(fs, r, sig->results[i]);
      Sym *s = declare_local(fs, f->name, f, r, sig->results[i]);
      if (!s) reserve_hidden(fs, 0);
      fs->result_syms[i] = s;
      if (fs->nactive < r + 1) { fs->nactive = r + 1; fs->freereg = fs->nactive; }
    }
  } else if (fs->has_defer && fs->nresults > 0) {
    int r = reserve_hidden(fs, fs->nresults);
    for (int i = 0; i < fs->nresults; i++) emit_zero(fs, r + i, sig->results[i]);
    fs->result_reg = r;
  }
  fs->p->nparams = (uint8_t)np;
  fs->p->variadic = variadic;
  fs->p->nresults = (uint8_t)fs->nresults;
  fs->p->result_reg = (uint8_t)fs->result_reg;
  if (body) {
    compile_block(fs, body, false);
    bool term = is_terminating(body);
    if (!term && fs->nresults > 0) {
      int el, ec;
      block_end(C->diag, body->line, body->col, &el, &ec);
      Node at = {0};
      at.line = el; at.col = ec;
      ERR(fs, &at, "missing return");
    }
    if (body->list.len) {
      int el, ec;
      block_end(C->diag, body->line, body->col, &el, &ec);
      fs->line = el;
    }
    if (fs->has_defer) {
      plist_patch(fs, &fs->ret_jumps, here(fs));
      emit_defer_epilogue(fs);
    } else {
      emit_abc(fs, OP_RETURN, 0, 1, 0);
    }
  } else {
    ERR(fs, ft, "missing function body");
    emit_abc(fs, OP_RETURN, 0, 1, 0);
  }
  resolve_gotos(fs);
  Proto *p = finish_proto(fs);
  p->type = sig_to_type(sig);
  return p;
}

Proto *compile_function(FuncState *parent, Compiler *C, Node *functype, Node *body, Node *recv,
                        const char *name, FuncSig *sig, bool dry) {
  int line = functype ? functype->line : 0;
  return compile_function_into(parent, C, functype, body, recv, name, sig, dry, NULL, line);
}

/* ---- declarations ---- */
void declare_const_spec(FuncState *fs, Scope *sc, Node *spec, NodeList *prev_exprs, Type **prev_type) {
  Compiler *C = fs->C;
  NodeList *exprs = spec->list2.len ? &spec->list2 : prev_exprs;
  Type *t = NULL;
  if (spec->a) t = resolve_type(fs, spec->a);
  else if (!spec->list2.len && prev_type) t = *prev_type;
  if (spec->list2.len && prev_type) *prev_type = t;
  if (!exprs || exprs->len == 0) {
    ERR(fs, spec, "missing init expr for const declaration");
    return;
  }
  int64_t save = C->iota;
  C->iota = spec->ival;
  for (int i = 0; i < spec->list.len; i++) {
    Node *id = spec->list.items[i];
    if (i >= exprs->len) { ERR(fs, id, "missing init expr for const declaration"); break; }
    ConstVal c;
    int nerr = C->nerrors;
    if (!const_eval(fs, exprs->items[i], &c)) {
      if (C->nerrors == nerr)   /* else const_eval reported why (overflow...) */
        ERR(fs, exprs->items[i], "%s (value of type ...) is not constant", node_name(exprs->items[i]));
      continue;
    }
    if (t) {
      ConstVal r;
      if (!const_convert(fs, exprs->items[i], &c, t, &r)) {
        ERR(fs, exprs->items[i], "cannot use %s (untyped constant) as %s value in constant declaration", node_name(exprs->items[i]), tstr(t));
        continue;
      }
      c = r;
    }
    if (strcmp(id->name, "_") == 0) continue;
    Sym *y = sym_add(sc, id->name, SYM_CONST);
    y->cv = c;
    y->decl = id;
  }
  if (spec->list.len < exprs->len && spec->list2.len) ERR(fs, spec, "extra init expr");
  C->iota = save;
}

void compile_typedecl(FuncState *fs, Node *d) {
  if (d->op == 1) {
    Type *t = resolve_type(fs, d->a);
    Sym *y = sym_add(fs->scope, d->name, SYM_TYPE);
    y->type = t;
    return;
  }
  Type *named = type_named("main", d->name, NULL);
  Sym *y = sym_add(fs->scope, d->name, SYM_TYPE);
  y->type = named;
  Type *u = resolve_type(fs, d->a);
  NodeList one = {0};
  ast_push(&one, d);
  if (check_recursive_types(fs, &one) > 0) return;
  if (u) type_set_underlying(named, u);
}

/* ---- the session ---- */
CompileSession *compile_session_new(const char *filename) {
  CompileSession *S = GC_MALLOC(sizeof *S);
  S->filename = filename ? GC_STRDUP(filename) : "<input>";
  universe_init(S);
  return S;
}

Proto *compile_find_function(CompileSession *s, const char *name) {
  Sym *y = scope_find_local(s->globals, intern(name));
  if (y && y->kind == SYM_FUNC) return y->proto;
  return NULL;
}

/* ---- identifier collection (init order, address-taken globals) ---- */
typedef struct NameSet { const char **v; int n, cap; } NameSet;

static void ns_add(NameSet *s, const char *name) {
  for (int i = 0; i < s->n; i++) if (s->v[i] == name) return;
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 16;
    const char **nv = GC_MALLOC(sizeof(char *) * (size_t)s->cap);
    if (s->n) memcpy(nv, s->v, sizeof(char *) * (size_t)s->n);
    s->v = nv;
  }
  s->v[s->n++] = name;
}

static bool ns_has(NameSet *s, const char *name) {
  for (int i = 0; i < s->n; i++) if (s->v[i] == name) return true;
  return false;
}

static void collect_idents(Node *n, NameSet *ids, NameSet *sels) {
  if (!n) return;
  if (n->kind == N_IDENT && n->name) ns_add(ids, intern(n->name));
  if (n->kind == N_SELECTOR && n->name && sels) ns_add(sels, intern(n->name));
  collect_idents(n->a, ids, sels);
  collect_idents(n->b, ids, sels);
  collect_idents(n->c, ids, sels);
  collect_idents(n->d, ids, sels);
  for (int i = 0; i < n->list.len; i++) collect_idents(n->list.items[i], ids, sels);
  for (int i = 0; i < n->list2.len; i++) collect_idents(n->list2.items[i], ids, sels);
}

static void collect_addr(Node *n, NameSet *out) {
  if (!n) return;
  if (n->kind == N_UNARY && n->op == TK_AMP) {
    Node *x = unparen(n->a);
    if (x && x->kind == N_IDENT) ns_add(out, intern(x->name));
  }
  collect_addr(n->a, out);
  collect_addr(n->b, out);
  collect_addr(n->c, out);
  collect_addr(n->d, out);
  for (int i = 0; i < n->list.len; i++) collect_addr(n->list.items[i], out);
  for (int i = 0; i < n->list2.len; i++) collect_addr(n->list2.items[i], out);
}

/* Does n declare `name` (a parameter, :=, var, const, range or type switch
** variable)? Over-approximate: any such declaration anywhere inside n. */
static bool declares_name(Node *n, const char *name) {
  if (!n) return false;
  switch (n->kind) {
  case N_ASSIGN:
    if (n->op == TK_DEFINE)
      for (int i = 0; i < n->list.len; i++)
        if (n->list.items[i]->kind == N_IDENT && n->list.items[i]->name && intern(n->list.items[i]->name) == name)
          return true;
    break;
  case N_VARDECL: case N_CONSTDECL:
    for (int i = 0; i < n->list.len; i++)
      if (n->list.items[i]->name && intern(n->list.items[i]->name) == name) return true;
    break;
  case N_RANGE:
    if (n->op == TK_DEFINE) {
      if (n->a && n->a->kind == N_IDENT && intern(n->a->name) == name) return true;
      if (n->b && n->b->kind == N_IDENT && intern(n->b->name) == name) return true;
    }
    break;
  case N_TYPESWITCH: case N_FIELD: case N_TYPEDECL:
    if (n->name && intern(n->name) == name) return true;
    break;
  default: break;
  }
  if (declares_name(n->a, name) || declares_name(n->b, name) || declares_name(n->c, name) ||
      declares_name(n->d, name))
    return true;
  for (int i = 0; i < n->list.len; i++) if (declares_name(n->list.items[i], name)) return true;
  for (int i = 0; i < n->list2.len; i++) if (declares_name(n->list2.items[i], name)) return true;
  return false;
}

/* ---- top level ---- */
typedef struct FuncDecl {
  Node *decl;
  Sym *sym;        /* SYM_FUNC (NULL for methods and init) */
  FuncSig *sig;
  Proto *proto;
  const char *name;
  Type *recv_type; bool ptr_recv;
  Value closure;   /* methods: created early for method expressions */
} FuncDecl;

static void flatten(Node *file, NodeList *out) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind == N_DECLGROUP) {
      for (int j = 0; j < d->list.len; j++) ast_push(out, d->list.items[j]);
    } else ast_push(out, d);
  }
}

static Type *recv_base(FuncState *fs, Node *t, bool *ptr) {
  t = unparen(t);
  *ptr = false;
  if (t && t->kind == N_TPTR) { *ptr = true; t = unparen(t->b); }
  else if (t && t->kind == N_UNARY && t->op == TK_STAR) { *ptr = true; t = unparen(t->a); }
  if (!t || t->kind != N_IDENT) { ERR(fs, t, "invalid receiver type"); return NULL; }
  Sym *s = scope_lookup(fs, fs->C, t->name);
  if (!s) { hint_undefined_type(fs, t, t->name); return NULL; }
  if (s->kind != SYM_TYPE) { ERR(fs, t, "%s is not a type", t->name); return NULL; }
  if (!s->type || !s->type->name || s->type->pkg == NULL || strcmp(s->type->pkg, "main") != 0) {
    ERR(fs, t, "cannot define new methods on non-local type %s", t->name);
    return NULL;
  }
  if (s->type->kind == TY_PTR || s->type->kind == TY_INTERFACE) {
    ERR(fs, t, "invalid receiver type %s (pointer or interface type)", t->name);
    return NULL;
  }
  return s->type;
}

static bool is_top_define(Node *s) {
  return s->kind == N_ASSIGN && s->op == TK_DEFINE;
}

/* Predeclare a package-level variable (or reuse its slot in the REPL). */
static Sym *predeclare_global(FuncState *pfs, Node *id, Type *t, NameSet *addr, int gen) {
  Compiler *C = pfs->C;
  const char *name = intern(id->name);
  if (strcmp(name, "_") == 0) return NULL;
  Sym *y = scope_find_local(C->S->globals, name);
  if (y && y->kind == SYM_GLOBAL) {
    if (y->startpc == gen && !C->script && !(C->opts && C->opts->repl))
      ERR(pfs, id, "%s redeclared in this block", name);
    if (t) y->type = t;
    y->startpc = gen;
    return y;
  }
  if (y && y->startpc == gen && !(C->opts && C->opts->repl)) ERR(pfs, id, "%s redeclared in this block", name);
  y = sym_add(C->S->globals, name, SYM_GLOBAL);
  y->global = vm_alloc_global(name);
  y->type = t;
  y->decl = id;
  y->startpc = gen;
  y->boxed = ns_has(addr, name);
  return y;
}

static int session_gen;

/* Package constants are evaluated in dependency order: `const a = b * 2;
** const b = 1` is valid Go; a cycle is Go's "initialization loop for a". */
typedef struct ConstEntry {
  Node *spec; NodeList *prev; Node *prevtn; bool grouped;
  int state;         /* 0 pending, 1 in progress, 2 done, 3 failed (cycle) */
} ConstEntry;
typedef struct ConstEntries { ConstEntry *v; int n, cap; } ConstEntries;

static void const_entry_add(ConstEntries *ce, Node *spec, NodeList *prev, Node *prevtn, bool grouped) {
  if (ce->n == ce->cap) {
    ce->cap = ce->cap ? ce->cap * 2 : 16;
    ConstEntry *nv = GC_MALLOC(sizeof(ConstEntry) * (size_t)ce->cap);
    if (ce->n) memcpy(nv, ce->v, sizeof(ConstEntry) * (size_t)ce->n);
    ce->v = nv;
  }
  ConstEntry *e = &ce->v[ce->n++];
  e->spec = spec; e->prev = prev; e->prevtn = prevtn; e->grouped = grouped; e->state = 0;
}

static int const_entry_find(ConstEntries *ce, const char *name, Node **id) {
  for (int i = 0; i < ce->n; i++)
    for (int j = 0; j < ce->v[i].spec->list.len; j++) {
      Node *x = ce->v[i].spec->list.items[j];
      if (x->name && intern(x->name) == name) { *id = x; return i; }
    }
  return -1;
}

static bool const_entry_eval(FuncState *pfs, ConstEntries *ce, int i) {
  ConstEntry *e = &ce->v[i];
  if (e->state == 2) return true;
  if (e->state == 3) return false;
  e->state = 1;
  NodeList *exprs = e->spec->list2.len ? &e->spec->list2 : e->prev;
  NameSet refs = {0};
  if (exprs) for (int k = 0; k < exprs->len; k++) collect_idents(exprs->items[k], &refs, NULL);
  bool ok = true;
  for (int k = 0; k < refs.n; k++) {
    Node *id;
    int j = const_entry_find(ce, refs.v[k], &id);
    if (j < 0) continue;
    if (ce->v[j].state == 1) {
      ERR(pfs, id, "initialization loop for %s", refs.v[k]);
      ok = false;
    } else if (!const_entry_eval(pfs, ce, j)) ok = false;
  }
  e = &ce->v[i];
  if (!ok) { e->state = 3; return false; }
  Type *prevt = NULL;
  if (e->grouped && e->prevtn) prevt = resolve_type(pfs, e->prevtn);
  declare_const_spec(pfs, pfs->C->S->globals, e->spec, e->prev, e->grouped ? &prevt : NULL);
  e->state = 2;
  return true;
}

/* Compile the init body (var initialisers / script statements). */
static void compile_init_body(FuncState *fs, NodeList *items, Node **order, int norder,
                              NodeList *plain_vars, FuncDecl *inits, int ninits, Sym *mainsym) {
  Compiler *C = fs->C;
  /* a script's top-level defers run when its top level ends (the epilogue below) */
  if (C->script)
    for (int i = 0; i < items->len; i++)
      if (items->items[i]->kind != N_FUNCDECL && function_has_defer(items->items[i])) fs->has_defer = true;
  /* zero values of package variables without initialisers */
  for (int i = 0; i < plain_vars->len; i++) {
    Node *spec = plain_vars->items[i];
    Type *t = spec->a ? resolve_type(fs, spec->a) : NULL;
    for (int j = 0; j < spec->list.len; j++) {
      Sym *g = scope_find_local(C->S->globals, intern(spec->list.items[j]->name));
      if (!g || g->kind != SYM_GLOBAL) continue;
      int r = alloc_reg(fs, 1);
      emit_zero(fs, r, t);
      if (g->boxed) emit_abc(fs, OP_NEWCELL, r, r, 0);
      emit_abx(fs, OP_SETGLOBAL, r, g->global);
      free_to(fs, fs->nactive);
    }
  }
  if (C->script) {
    for (int i = 0; i < items->len; i++) {
      Node *s = items->items[i];
      switch (s->kind) {
      case N_FUNCDECL: case N_TYPEDECL: case N_CONSTDECL: case N_IMPORT: break;
      case N_VARDECL:
        if (s->list2.len) { fs->line = s->line; compile_vardecl(fs, s, true); }
        break;
      default: compile_stmt(fs, s); break;
      }
      free_to(fs, fs->nactive);
    }
  } else {
    for (int i = 0; i < norder; i++) {
      fs->line = order[i]->line;
      compile_vardecl(fs, order[i], true);
      free_to(fs, fs->nactive);
    }
  }
  for (int i = 0; i < ninits; i++) {
    int r = alloc_reg(fs, 1);
    fs->line = inits[i].decl->line;
    emit_abx(fs, OP_LOADK, r, add_const(fs, OBJ_VAL(VAL_FUNC, closure_new(inits[i].proto))));
    emit_abc(fs, OP_CALL, r, 1, 1);
    free_to(fs, fs->nactive);
  }
  if (mainsym && C->opts && C->opts->run_main) {
    int r = alloc_reg(fs, 1);
    emit_abx(fs, OP_GETGLOBAL, r, mainsym->global);
    emit_abc(fs, OP_CALL, r, 1, 1);
    free_to(fs, fs->nactive);
  }
  if (fs->has_defer) {
    plist_patch(fs, &fs->ret_jumps, here(fs));
    emit_defer_epilogue(fs);
  } else {
    emit_abc(fs, OP_RETURN, 0, 1, 0);
  }
}

static Proto *compile_file_body(CompileSession *S, Node *file, Diag *diag, const CompileOptions *opts) {
  static const CompileOptions defopts = {false, true};
  Compiler Cv, *C = &Cv;
  memset(C, 0, sizeof *C);
  C->S = S;
  C->diag = diag;
  /* keep this source for panic traces; protos name it by this pointer */
  if (diag) S->filename = diag_keep_source(diag, diag->filename ? diag->filename : S->filename);
  C->opts = opts ? opts : &defopts;
  C->script = file->name == NULL;
  C->iota = -1;
  last_err_line = 0;
  int gen = ++session_gen;
  FuncState pfsv, *pfs = &pfsv;   /* package-level context for types and constants */
  fs_init(pfs, NULL, C, "main.init", false, NULL);
  pfs->scope = S->globals;
  pfs->body_scope = S->globals;

  /* imports */
  for (int i = 0; i < file->list2.len; i++) {
    Node *im = file->list2.items[i];
    const char *path = im->str ? im->str : "";
    if (!api_package_exists(path)) {
      ERR(pfs, im, "package %s is not in std", path);
      continue;
    }
    const char *name = im->name ? im->name : pkg_name_of(path);
    if (strcmp(name, "_") == 0) continue;
    if (strcmp(name, ".") == 0) { ERR(pfs, im, "dot imports are not supported"); continue; }
    Sym *y = sym_add(S->globals, name, SYM_PKG);
    y->pkgpath = path;
  }

  NodeList items = {0};
  flatten(file, &items);
  NameSet addr = {0};
  collect_addr(file, &addr);

  /* types: names first (recursive types), then underlying types */
  for (int i = 0; i < items.len; i++) {
    Node *d = items.items[i];
    if (d->kind != N_TYPEDECL || d->op == 1) continue;
    Sym *old = scope_find_local(S->globals, intern(d->name));
    if (old && old->startpc == gen) ERR(pfs, d, "%s redeclared in this block", d->name);
    Type *named = type_named("main", d->name, NULL);
    Sym *y = sym_add(S->globals, d->name, SYM_TYPE);
    y->type = named;
    y->startpc = gen;
    y->decl = d;
  }
  for (int i = 0; i < items.len; i++) {
    Node *d = items.items[i];
    if (d->kind != N_TYPEDECL) continue;
    if (d->op == 1) {
      Sym *y = sym_add(S->globals, d->name, SYM_TYPE);
      y->type = resolve_type(pfs, d->a);
      y->startpc = gen;
      continue;
    }
    Sym *y = scope_find_local(S->globals, intern(d->name));
    Type *u = resolve_type(pfs, d->a);
    if (u && y) {
      if (u == y->type) ERR(pfs, d, "invalid recursive type %s", d->name);
      else type_set_underlying(y->type, u);
    }
  }
  check_recursive_types(pfs, &items);   /* `type T [2]T`, `type T struct{ t T }` */
  /* constants, in dependency order (groups carry implicit repetition) */
  {
    ConstEntries ce = {0};
    for (int i = 0; i < file->list.len; i++) {
      Node *d = file->list.items[i];
      if (d->kind == N_CONSTDECL) const_entry_add(&ce, d, NULL, NULL, false);
      else if (d->kind == N_DECLGROUP) {
        NodeList *prev = NULL;
        Node *prevtn = NULL;
        for (int j = 0; j < d->list.len; j++) {
          Node *x = d->list.items[j];
          if (x->kind != N_CONSTDECL) continue;
          if (x->list2.len) { prev = &x->list2; prevtn = x->a; }
          const_entry_add(&ce, x, prev, prevtn, true);
        }
      }
    }
    for (int i = 0; i < ce.n; i++) const_entry_eval(pfs, &ce, i);
  }
  /* functions and methods: signatures, slots, protos */
  int nf = 0;
  for (int i = 0; i < items.len; i++) if (items.items[i]->kind == N_FUNCDECL) nf++;
  FuncDecl *fd = GC_MALLOC(sizeof(FuncDecl) * (size_t)(nf + 1));
  FuncDecl *inits = GC_MALLOC(sizeof(FuncDecl) * (size_t)(nf + 1));
  int nfd = 0, ninits = 0;
  Sym *mainsym = NULL;
  for (int i = 0; i < items.len; i++) {
    Node *d = items.items[i];
    if (d->kind != N_FUNCDECL) continue;
    FuncDecl f;
    memset(&f, 0, sizeof f);
    f.decl = d;
    f.proto = proto_new();
    char buf[300];
    if (d->a) {
      bool ptr;
      Type *rt = recv_base(pfs, d->a->a, &ptr);
      if (!rt) continue;
      f.recv_type = rt;
      f.ptr_recv = ptr;
      f.sig = sig_from_functype(pfs, d->b, ptr ? type_ptr(rt) : rt);
      const char *tn = strchr(rt->name, '.') ? strchr(rt->name, '.') + 1 : rt->name;
      if (ptr) snprintf(buf, sizeof buf, "main.(*%s).%s", tn, d->name);
      else snprintf(buf, sizeof buf, "main.%s.%s", tn, d->name);
      f.name = intern(buf);
      int fi;
      if (struct_field_type(rt, d->name, &fi) && fi >= 0)
        ERR(pfs, d, "field and method with the same name %s", d->name);
      f.closure = OBJ_VAL(VAL_FUNC, closure_new(f.proto));
      compiler_note_method(rt, d->name, f.sig, f.closure);
      fd[nfd++] = f;
      continue;
    }
    f.sig = sig_from_functype(pfs, d->b, NULL);
    snprintf(buf, sizeof buf, "main.%s", d->name);
    f.name = intern(buf);
    if (strcmp(d->name, "init") == 0) {
      if (d->b->list.len || d->b->list2.len) ERR(pfs, d, "func init must have no arguments and no return values");
      snprintf(buf, sizeof buf, "main.init.%d", S->ninit++);
      f.name = intern(buf);
      inits[ninits++] = f;
      fd[nfd++] = f;
      continue;
    }
    if (strcmp(d->name, "main") == 0 && (d->b->list.len || d->b->list2.len))
      ERR(pfs, d, "func main must have no arguments and no return values");
    Sym *y = scope_find_local(S->globals, intern(d->name));
    if (y && y->kind == SYM_FUNC) {
      if (y->startpc == gen) ERR(pfs, d, "%s redeclared in this block", d->name);
    } else {
      if (y && y->startpc == gen) ERR(pfs, d, "%s redeclared in this block", d->name);
      int slot = y && y->kind == SYM_FUNC ? y->global : vm_alloc_global(intern(d->name));
      y = sym_add(S->globals, d->name, SYM_FUNC);
      y->global = slot;
    }
    y->sig = f.sig;
    y->proto = f.proto;
    y->startpc = gen;
    y->decl = d;
    f.sym = y;
    if (strcmp(d->name, "main") == 0) mainsym = y;
    fd[nfd++] = f;
  }
  if (!mainsym && !C->script && !(C->opts && C->opts->repl) && strcmp(file->name, "main") == 0) {
    Node *at = file->list.len ? file->list.items[0] : file;
    Node pos = *at;
    pos.line = 1;   /* Go names no position (a link-time error) */
    pos.col = 1;
    ERR(pfs, &pos, "function main is undeclared in the main package");
  }
  /* package variables (and script top-level := names) */
  NodeList varspecs = {0}, plain = {0};
  for (int i = 0; i < items.len; i++) {
    Node *d = items.items[i];
    if (d->kind == N_VARDECL) {
      Type *t = d->a ? resolve_type(pfs, d->a) : NULL;
      for (int j = 0; j < d->list.len; j++) {
        Type *vt = t;
        if (!vt && d->list2.len == d->list.len) {
          ConstVal c;
          if (const_eval(pfs, d->list2.items[j], &c)) vt = const_default_type(&c);
          else vt = infer_type(pfs, d->list2.items[j]);
        }
        predeclare_global(pfs, d->list.items[j], vt, &addr, gen);
      }
      if (d->list2.len) ast_push(&varspecs, d);
      else ast_push(&plain, d);
    } else if (C->script && is_top_define(d)) {
      for (int j = 0; j < d->list.len; j++) {
        Node *id = d->list.items[j];
        if (id->kind != N_IDENT) continue;
        Type *vt = NULL;
        if (d->list2.len == d->list.len) {
          ConstVal c;
          if (const_eval(pfs, d->list2.items[j], &c)) vt = const_default_type(&c);
          else vt = infer_type(pfs, d->list2.items[j]);
        }
        predeclare_global(pfs, id, vt, &addr, gen);
      }
    }
  }
  /* function bodies */
  for (int i = 0; i < nfd; i++) {
    FuncDecl *f = &fd[i];
    Node *d = f->decl;
    compile_function_into(NULL, C, d->b, d->c, d->a, f->name, f->sig, false, f->proto, d->line);
    if (f->sym) {
      PendingGlobal *pg = GC_MALLOC(sizeof *pg);
      pg->slot = f->sym->global;
      pg->v = OBJ_VAL(VAL_FUNC, closure_new(f->proto));
      pg->next = C->pglobals;
      C->pglobals = pg;
    } else if (f->recv_type) {
      PendingMethod *pm = GC_MALLOC(sizeof *pm);
      pm->t = f->recv_type;
      pm->name = intern(d->name);
      pm->fn = f->closure;
      pm->ptr = f->ptr_recv;
      pm->next = C->methods;
      C->methods = pm;
    }
  }
  for (int i = 0; i < ninits; i++)
    for (int j = 0; j < nfd; j++) if (fd[j].decl == inits[i].decl) inits[i].proto = fd[j].proto;

  /* package variable initialisation order (file mode): Go's dependency order */
  Node **order = GC_MALLOC(sizeof(Node *) * (size_t)(varspecs.len + 1));
  int norder = 0;
  if (!C->script && varspecs.len) {
    NameSet varnames = {0};
    for (int i = 0; i < varspecs.len; i++)
      for (int j = 0; j < varspecs.items[i]->list.len; j++) ns_add(&varnames, intern(varspecs.items[i]->list.items[j]->name));
    NameSet *deps = GC_MALLOC(sizeof(NameSet) * (size_t)varspecs.len);
    for (int i = 0; i < varspecs.len; i++) {
      NameSet refs = {0}, sels = {0};
      for (int j = 0; j < varspecs.items[i]->list2.len; j++) collect_idents(varspecs.items[i]->list2.items[j], &refs, &sels);
      /* transitively through functions and methods */
      NameSet seen = {0};
      for (int k = 0; k < refs.n || k < sels.n; k++) {
        for (int m = 0; m < nfd; m++) {
          Node *d = fd[m].decl;
          const char *dn = intern(d->name);
          bool hit = (!d->a && k < refs.n && refs.v[k] == dn) || (d->a && k < sels.n && sels.v[k] == dn);
          if (hit && !ns_has(&seen, (const char *)d)) {
            ns_add(&seen, (const char *)d);
            /* names the function declares itself (params, locals) shadow the globals */
            NameSet frefs = {0};
            collect_idents(d->c, &frefs, &sels);
            for (int q = 0; q < frefs.n; q++)
              if (!declares_name(d->b, frefs.v[q]) && !declares_name(d->a, frefs.v[q]) &&
                  !declares_name(d->c, frefs.v[q]))
                ns_add(&refs, frefs.v[q]);
          }
        }
      }
      for (int k = 0; k < refs.n; k++) {
        if (!ns_has(&varnames, refs.v[k])) continue;
        bool own = false;
        for (int j = 0; j < varspecs.items[i]->list.len; j++)
          if (intern(varspecs.items[i]->list.items[j]->name) == refs.v[k]) {
            own = true;
            ERR(pfs, varspecs.items[i]->list.items[j], "initialization loop for %s", refs.v[k]);
          }
        if (!own) ns_add(&deps[i], refs.v[k]);
      }
    }
    bool *done = GC_MALLOC_ATOMIC((size_t)varspecs.len + 1);
    memset(done, 0, (size_t)varspecs.len + 1);
    NameSet inited = {0};
    for (int round = 0; round < varspecs.len; round++) {
      int pick = -1;
      for (int i = 0; i < varspecs.len && pick < 0; i++) {
        if (done[i]) continue;
        bool ok = true;
        for (int k = 0; k < deps[i].n; k++) if (!ns_has(&inited, deps[i].v[k])) { ok = false; break; }
        if (ok) pick = i;
      }
      if (pick < 0) {
        for (int i = 0; i < varspecs.len; i++) if (!done[i]) { pick = i; break; }
        ERR(pfs, varspecs.items[pick]->list.len ? varspecs.items[pick]->list.items[0] : varspecs.items[pick],
            "initialization loop for %s",
            varspecs.items[pick]->list.len ? varspecs.items[pick]->list.items[0]->name : "?");
      }
      done[pick] = true;
      order[norder++] = varspecs.items[pick];
      for (int j = 0; j < varspecs.items[pick]->list.len; j++) ns_add(&inited, intern(varspecs.items[pick]->list.items[j]->name));
    }
  }

  /* the init proto: dry pass, then the real one */
  for (int pass = 0; pass < 2; pass++) {
    bool dry = pass == 0;
    if (dry) C->suppress++;
    FuncState fsv, *fs = &fsv;
    fs_init(fs, NULL, C, "main.init", dry, NULL);
    fs->is_init = true;
    fs->line = 1;
    compile_init_body(fs, &items, order, norder, &plain, inits, ninits, mainsym);
    resolve_gotos(fs);
    Proto *p = finish_proto(fs);
    if (dry) { C->suppress--; continue; }
    if (C->nerrors > 0 || diag->count > 0) return NULL;
    /* commit */
    for (PendingGlobal *pg = C->pglobals; pg; pg = pg->next) vm_globals[pg->slot] = pg->v;
    for (PendingMethod *pm = C->methods; pm; pm = pm->next) type_add_method(pm->t, pm->name, pm->fn, pm->ptr);
    return p;
  }
  return NULL;
}

/* The compiler recurses over the AST, so a 20,000-deep chain such as
** `1+1+...` or `f()()...` needs far more than the main thread's 8 MB stack:
** compile on a thread with a large stack (reserved, committed only as used). */
#include <pthread.h>
#define COMPILE_STACK_SIZE ((size_t)1 << 30)

typedef struct CompileJob {
  CompileSession *S; Node *file; Diag *diag; const CompileOptions *opts;
  Proto *result;
} CompileJob;

static void *compile_thread(void *arg) {
  CompileJob *j = arg;
  j->result = compile_file_body(j->S, j->file, j->diag, j->opts);
  return NULL;
}

Proto *compile_file(CompileSession *S, Node *file, Diag *diag, const CompileOptions *opts) {
  CompileJob *j = GC_MALLOC(sizeof *j);
  j->S = S; j->file = file; j->diag = diag; j->opts = opts;
  pthread_attr_t attr;
  pthread_t th;
  bool ok = pthread_attr_init(&attr) == 0;
  if (ok && pthread_attr_setstacksize(&attr, COMPILE_STACK_SIZE) != 0) ok = false;
  if (ok && pthread_create(&th, &attr, compile_thread, j) == 0) {
    pthread_join(th, NULL);
  } else {
    j->result = compile_file_body(S, file, diag, opts);   /* no thread: the caller's stack */
  }
  if (ok) pthread_attr_destroy(&attr);
  return j->result;
}
