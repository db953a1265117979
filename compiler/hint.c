/*
** hint.c -- compile errors a learner can act on: "did you mean" by edit
** distance, a missing import, "use x := ... to declare it", and the callee's
** signature in argument-count errors. See hint.h.
**
** Suggestions are deliberately shy: a candidate must be within 1 edit of a
** name of 4-5 bytes (or of a 3-byte name before a dot: "fnt" -> "fmt"), 2
** edits of a longer one (an adjacent swap, "conut" -> "count", is one edit),
** or differ only in letter case. Types are offered only where a type is
** wanted, and only variables on the left of `=`. A wrong hint is worse
** than none. Ties go to the candidate offered first: before a dot, stdlib
** package names; then the innermost scope outwards, to the package-level
** and predeclared names.
*/
#include "compiler/hint.h"
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <ctype.h>

/* {====================================================================
** Edit distance
** ===================================================================== */

/* Optimal string alignment distance (insert, delete, substitute, swap of
** two adjacent bytes), giving up above max (returns max + 1). */
static int osa_distance(const char *a, const char *b, int max) {
  int la = (int)strlen(a), lb = (int)strlen(b);
  if (la - lb > max || lb - la > max) return max + 1;
  if (la > 64 || lb > 64) return max + 1;
  int d[66][66];
  for (int i = 0; i <= la; i++) d[i][0] = i;
  for (int j = 0; j <= lb; j++) d[0][j] = j;
  for (int i = 1; i <= la; i++) {
    int rowmin = max + 1;
    for (int j = 1; j <= lb; j++) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
      if (v < rowmin) rowmin = v;
    }
    if (rowmin > max) return max + 1;
  }
  return d[la][lb];
}

typedef struct Best {
  const char *name;   /* what was not found */
  int allowed;        /* edits allowed */
  const char *best;
  int dist;           /* distance of best; a case-only difference counts 0 */
} Best;

static void best_init(Best *b, const char *name) {
  size_t n = strlen(name);
  b->name = name;
  b->allowed = n < 4 ? 0 : n < 6 ? 1 : 2;
  b->best = NULL;
  b->dist = 1 << 20;
}

static void best_offer(Best *b, const char *cand) {
  if (!cand || !cand[0] || strcmp(cand, "_") == 0 || strcmp(cand, b->name) == 0) return;
  int d;
  if (strcasecmp(cand, b->name) == 0) d = 0;
  else {
    if (b->allowed == 0) return;
    d = osa_distance(b->name, cand, b->allowed);
    if (d > b->allowed) return;
    /* a one-letter name is never a good guess for a longer one */
    if (strlen(cand) < 2) return;
  }
  if (d < b->dist) {
    b->best = cand;
    b->dist = d;
  }
}

const char *hint_closest(const char *name, const char *const *cands, int n) {
  if (!name || !cands) return NULL;
  Best b;
  best_init(&b, name);
  for (int i = 0; n < 0 ? cands[i] != NULL : i < n; i++) best_offer(&b, cands[i]);
  return b.best;
}

/* }==================================================================== */

/* {====================================================================
** Undefined names
** ===================================================================== */

/* The `=` statement being compiled (static data: a GC root, so the node
** stays valid for the membership test even after the compile is over). */
static Node *assign_stmt;

void hint_set_assign(Node *stmt) { assign_stmt = stmt; }

static bool on_assign_lhs(Node *at) {
  if (!assign_stmt || !at) return false;
  for (int i = 0; i < assign_stmt->list.len; i++)
    if (unparen(assign_stmt->list.items[i]) == at) return true;
  return false;
}

static bool quiet(FuncState *fs, Compiler *C) {
  return C->suppress > 0 || (fs && fs->dry);
}

/* Is `name` bound in the scopes visible from fs? */
static Sym *visible(FuncState *fs, Compiler *C, const char *name) {
  const char *in = intern(name);
  for (Scope *sc = fs ? fs->scope : C->S->globals; sc; sc = sc->parent) {
    Sym *y = scope_find_local(sc, in);
    if (y) return y;
  }
  return NULL;
}

/* Is the identifier `name` at `at` followed by a '.' in the source? */
static bool followed_by_dot(Compiler *C, Node *at, const char *name) {
  const Diag *d = C->diag;
  if (!d || !d->src || !at || at->line < 1 || at->col < 1) return false;
  const char *p = d->src, *end = d->src + d->srclen;
  for (int l = 1; l < at->line; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return false;
    p = nl + 1;
  }
  p += at->col - 1;
  size_t n = strlen(name);
  if (p + n >= end || strncmp(p, name, n) != 0) return false;
  p += n;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  return p < end && *p == '.';
}

/* want_type: the name was used as a type (only types are offered); else
** types are not offered ("cnt" is not a misspelt "int"), nor, on the left
** of `=`, anything but variables. */
static void undefined_common(FuncState *fs, Node *at, const char *name, bool want_type) {
  Compiler *C = fs->C;
  if (quiet(fs, C)) return;
  bool autoimport = C->script || (C->opts && C->opts->repl);
  /* a stdlib package used without its import */
  const char *path = autoimport || want_type ? NULL : api_package_by_name(name);
  if (path) {
    ERR(fs, at, "undefined: %s (add import \"%s\")", name, path);
    return;
  }
  bool assign = !want_type && on_assign_lhs(at);
  /* `fnt.Println`: a package name is the likelier meaning, so offer those first */
  bool selector = !want_type && !assign && followed_by_dot(C, at, name);
  Best b;
  best_init(&b, name);
  if (strlen(name) == 3 && selector) b.allowed = 1;   /* fnt -> fmt */
  const char **pk = api_packages();
  if (selector)
    for (int i = 0; pk && pk[i]; i++) best_offer(&b, pkg_name_of(pk[i]));
  for (Scope *sc = fs->scope; sc; sc = sc->parent)
    for (Sym *y = sc->syms; y; y = y->next) {
      if (want_type ? y->kind != SYM_TYPE : y->kind == SYM_TYPE) continue;
      if (assign && y->kind != SYM_LOCAL && y->kind != SYM_GLOBAL) continue;
      best_offer(&b, y->name);
    }
  if (b.best) {
    /* a package that is not imported yet: say so */
    const char *ppath = selector && !autoimport && !visible(fs, C, b.best) ? api_package_by_name(b.best) : NULL;
    if (ppath)
      ERR(fs, at, "undefined: %s (did you mean %s? add import \"%s\")", name, b.best, ppath);
    else
      ERR(fs, at, "undefined: %s (did you mean %s?)", name, b.best);
    return;
  }
  if (assign) {
    ERR(fs, at, "undefined: %s (use %s := ... to declare it)", name, name);
    return;
  }
  ERR(fs, at, "undefined: %s", name);
}

void hint_undefined(FuncState *fs, Node *at, const char *name) { undefined_common(fs, at, name, false); }

void hint_undefined_type(FuncState *fs, Node *at, const char *name) { undefined_common(fs, at, name, true); }

void hint_undefined_member(FuncState *fs, Node *at, const char *pkgname, const char *pkgpath,
                           const char *member) {
  if (quiet(fs, fs->C)) return;
  const char **members = api_package_members(pkgpath);
  Best b;
  best_init(&b, member);
  for (int i = 0; members && members[i]; i++) {
    /* only exported names can be used from outside */
    if (isupper((unsigned char)members[i][0])) best_offer(&b, members[i]);
  }
  if (b.best)
    ERR(fs, at, "undefined: %s.%s (did you mean %s.%s?)", pkgname, member, pkgname, b.best);
  else
    ERR(fs, at, "undefined: %s.%s", pkgname, member);
}

/* }==================================================================== */

/* {====================================================================
** Signatures and operands
** ===================================================================== */

typedef struct Buf {
  char s[400];
  size_t n;
} Buf;

static void put(Buf *b, const char *s) {
  size_t l = strlen(s);
  if (b->n + l >= sizeof b->s) l = sizeof b->s - 1 - b->n;
  memcpy(b->s + b->n, s, l);
  b->n += l;
  b->s[b->n] = 0;
}

static void put_type(Buf *b, Node *t);

static void put_fields(Buf *b, NodeList *l, bool results) {
  bool paren = !results || l->len > 1 || (l->len == 1 && l->items[0]->name);
  if (results && l->len == 0) return;
  if (results) put(b, " ");
  if (paren) put(b, "(");
  for (int i = 0; i < l->len; i++) {
    Node *f = l->items[i];
    if (i) put(b, ", ");
    if (f->name) {
      put(b, f->name);
      /* `a, b int`: fields of one group share their type node */
      if (i + 1 < l->len && l->items[i + 1]->name && l->items[i + 1]->a == f->a) continue;
      put(b, " ");
    }
    if (f->op == 1 && f->a && f->a->kind != N_TELLIPSIS) put(b, "...");
    put_type(b, f->a);
  }
  if (paren) put(b, ")");
}

static void put_type(Buf *b, Node *t) {
  char tmp[200];
  if (!t) { put(b, "?"); return; }
  switch (t->kind) {
  case N_IDENT: put(b, t->name); return;
  case N_PAREN: put(b, "("); put_type(b, t->a); put(b, ")"); return;
  case N_SELECTOR: put_type(b, t->a); put(b, "."); put(b, t->name); return;
  case N_TSLICE: put(b, "[]"); put_type(b, t->b); return;
  case N_TARRAY:
    put(b, "[");
    if (t->a) { expr_text(t->a, tmp, sizeof tmp); put(b, tmp); }
    else put(b, "...");
    put(b, "]");
    put_type(b, t->b);
    return;
  case N_TMAP: put(b, "map["); put_type(b, t->a); put(b, "]"); put_type(b, t->b); return;
  case N_TCHAN:
    put(b, t->op == 1 ? "chan<- " : t->op == 2 ? "<-chan " : "chan ");
    put_type(b, t->b);
    return;
  case N_TPTR: put(b, "*"); put_type(b, t->b); return;
  case N_UNARY:
    if (t->op == TK_STAR) { put(b, "*"); put_type(b, t->a); return; }
    break;
  case N_TELLIPSIS: put(b, "..."); put_type(b, t->b); return;
  case N_TFUNC: put(b, "func"); put_type(b, t->a); return;
  case N_FUNCTYPE: put_fields(b, &t->list, false); put_fields(b, &t->list2, true); return;
  case N_TSTRUCT: put(b, t->list.len ? "struct{...}" : "struct{}"); return;
  case N_TINTERFACE: put(b, t->list.len ? "interface{...}" : "interface{}"); return;
  default: break;
  }
  expr_text(t, tmp, sizeof tmp);
  put(b, tmp);
}

/* Go prints package main's types without "main." ("*P", "[]P"). */
static const char *type_name(Type *t) {
  const char *s = tstr(t);
  if (!s || !strstr(s, "main.")) return s;
  size_t n = strlen(s);
  char *out = GC_MALLOC_ATOMIC(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    bool word_start = i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '.');
    if (word_start && strncmp(s + i, "main.", 5) == 0) { i += 5; continue; }
    out[k++] = s[i++];
  }
  out[k] = 0;
  return out;
}

/* "func f(a, b int) int" from the declaration, or "func(int, int) int"
** from the static types; NULL when unknown. */
static const char *sig_text(FuncState *fs, Node *call, FuncSig *sig, int param_off) {
  Buf b = {{0}, 0};
  Node *callee = unparen(call->a);
  if (callee && callee->kind == N_IDENT) {
    Sym *s = visible(fs, fs->C, callee->name);
    if (s && s->kind == SYM_FUNC && s->decl && s->decl->kind == N_FUNCDECL && s->decl->b) {
      put(&b, "func ");
      put(&b, s->decl->name);
      put_type(&b, s->decl->b);
      return GC_STRDUP(b.s);
    }
  }
  if (callee && callee->kind == N_FUNCLIT && callee->a) {
    put(&b, "func");
    put_type(&b, callee->a);
    return GC_STRDUP(b.s);
  }
  if (!sig) return NULL;
  put(&b, "func(");
  for (int i = param_off; i < sig->nparams; i++) {
    Type *t = sig->params[i];
    if (!t) return NULL;
    if (i > param_off) put(&b, ", ");
    if (sig->variadic && i == sig->nparams - 1) {
      if (t->kind != TY_SLICE || !t->elem) return NULL;
      put(&b, "...");
      t = t->elem;
    }
    put(&b, type_name(t));
  }
  put(&b, ")");
  if (sig->nresults == 1) {
    if (!sig->results[0]) return NULL;
    put(&b, " ");
    put(&b, type_name(sig->results[0]));
  } else if (sig->nresults > 1) {
    put(&b, " (");
    for (int i = 0; i < sig->nresults; i++) {
      if (!sig->results[i]) return NULL;
      if (i) put(&b, ", ");
      put(&b, type_name(sig->results[i]));
    }
    put(&b, ")");
  }
  return GC_STRDUP(b.s);
}

const char *hint_arg_counts(FuncState *fs, Node *call, FuncSig *sig, int param_off, int have, int want,
                            bool variadic) {
  char buf[500];
  const char *st = sig ? sig_text(fs, call, sig, param_off) : NULL;
  int w = variadic ? want - 1 : want;
  snprintf(buf, sizeof buf, " (have %d, want %s%d%s%s)", have, variadic ? "at least " : "", w < 0 ? 0 : w,
           st ? ": " : "", st ? st : "");
  return GC_STRDUP(buf);
}

const char *hint_operand(FuncState *fs, Node *e, Type *t) {
  char buf[300];
  e = unparen(e);
  if (e && e->kind == N_IDENT) {
    Sym *s = visible(fs, fs->C, e->name);
    if (s && (s->kind == SYM_LOCAL || s->kind == SYM_GLOBAL) && (t || s->type)) {
      snprintf(buf, sizeof buf, "variable of type %s", type_name(t ? t : s->type));
      return GC_STRDUP(buf);
    }
    if (s && s->kind == SYM_CONST && s->cv.kind != CK_NONE) {
      const ConstVal *c = &s->cv;
      const char *v = const_str(c);
      if (c->kind == CK_STRING) {
        snprintf(buf, sizeof buf, "\"%.60s\"", c->s ? c->s : "");
        v = GC_STRDUP(buf);
      }
      if (c->type) snprintf(buf, sizeof buf, "constant %s of type %s", v, type_name(c->type));
      else {
        const char *k = c->rune ? "rune" : c->kind == CK_INT ? "int" : c->kind == CK_FLOAT ? "float"
                        : c->kind == CK_STRING ? "string" : c->kind == CK_BOOL ? "bool" : "nil";
        snprintf(buf, sizeof buf, "untyped %s constant %s", k, v);
      }
      return GC_STRDUP(buf);
    }
  }
  if (!t) return "value";
  snprintf(buf, sizeof buf, "value of type %s", type_name(t));
  return GC_STRDUP(buf);
}

bool hint_not_callable(Type *t) {
  t = underlying(t);
  if (!t) return false;
  switch (t->kind) {
  case TY_FUNC: case TY_INTERFACE: case TY_NATIVE: case TY_NIL: case TY_KIND_COUNT: return false;
  default: return true;
  }
}

/* }==================================================================== */

/* {====================================================================
** Fields and methods
** ===================================================================== */

void hint_no_member(FuncState *fs, Node *e, Type *t, const char *const *cands) {
  if (quiet(fs, fs->C)) return;
  const char *best = hint_closest(e->name, cands, -1);
  const char *what = node_name(e->a);
  const char *tn = type_name(t);
  if (best && strcasecmp(best, e->name) == 0) /* Go's own words for a case slip */
    ERR(fs, e, "%s.%s undefined (type %s has no field or method %s, but does have %s)", what, e->name, tn,
        e->name, best);
  else if (best)
    ERR(fs, e, "%s.%s undefined (type %s has no field or method %s, did you mean %s?)", what, e->name, tn,
        e->name, best);
  else
    ERR(fs, e, "%s.%s undefined (type %s has no field or method %s)", what, e->name, tn, e->name);
}

/* }==================================================================== */
