/*
** typeexpr.c -- type expressions (AST) to run-time Type descriptors, and the
** small static-type queries the code generator uses (is it a float, does a
** value of it need VCOPY, which field index has a name...).
**
** Static types are best effort: NULL means "unknown", and every decision
** taken on a NULL type must be the safe one (VCOPY, SELF, no conversion).
*/
#include "compiler/internal.h"
#include "compiler/hint.h"
#include <string.h>

Type *underlying(Type *t) {
  if (!t) return NULL;
  return t->underlying ? t->underlying : t;
}

bool type_is_float(Type *t) {
  return t && (t->kind == TY_FLOAT64 || t->kind == TY_FLOAT32);
}

bool type_is_int(Type *t) {
  return t && t->kind >= TY_INT && t->kind <= TY_UINTPTR;
}

bool type_is_string(Type *t) { return t && t->kind == TY_STRING; }

/* An interface type, named or not (error, any, interface{ M() }...). */
bool type_is_interface(Type *t) {
  while (t && t->underlying && t->underlying != t) t = t->underlying;
  return t && t->kind == TY_INTERFACE;
}

bool type_is_basic(Type *t) {
  return t && (t->kind <= TY_FLOAT64 || t->kind == TY_STRING);
}

bool type_needs_copy(Type *t) {
  if (!t) return true;
  /* TY_NATIVE: sync.Mutex, sync.WaitGroup... are structs in Go */
  return t->kind == TY_STRUCT || t->kind == TY_ARRAY || t->kind == TY_NATIVE;
}

bool type_needs_conv(Type *t) {
  if (!type_is_basic(t)) return false;
  if (t == type_int || t == T_STRING || t == type_bool) return false;
  return true;
}

Type *deref_type(Type *t) {
  if (t && t->kind == TY_PTR) return t->elem;
  return NULL;
}

Type *elem_type(Type *t) {
  if (!t) return NULL;
  if (t->kind == TY_PTR && t->elem && t->elem->kind == TY_ARRAY) t = t->elem;
  switch (t->kind) {
  case TY_SLICE: case TY_ARRAY: case TY_MAP: case TY_CHAN: return t->elem;
  case TY_STRING: return type_uint8;
  default: return NULL;
  }
}

/* Field lookup including promoted fields of embedded structs (depth-first,
** shallowest wins). index is set only for direct fields. */
static Type *field_rec(Type *t, const char *name, int *index, int depth) {
  if (!t || depth > 8) return NULL;
  if (t->kind == TY_PTR) t = t->elem;
  if (!t || t->kind != TY_STRUCT) return NULL;
  for (int i = 0; i < t->nfields; i++)
    if (t->fields[i].name == name) {
      if (index) *index = depth == 0 ? i : -1;
      return t->fields[i].type;
    }
  for (int i = 0; i < t->nfields; i++)
    if (t->fields[i].embedded) {
      Type *r = field_rec(t->fields[i].type, name, NULL, depth + 1);
      if (r) { if (index) *index = -1; return r; }
    }
  return NULL;
}

Type *struct_field_type(Type *t, const char *name, int *index) {
  if (index) *index = -1;
  return field_rec(t, intern(name), index, 0);
}

static Type *fn_result(Value fn, int *nres) {
  if (fn.kind == VAL_FUNC && fn.as.p) {
    Proto *p = ((ObjClosure *)fn.as.p)->proto;
    if (p && p->type) {
      *nres = p->type->nresults;
      return p->type->nresults == 1 ? p->type->results[0] : NULL;
    }
  }
  return NULL;
}

/* Static result type of method `name` on t (csp-declared methods only). */
Type *method_result_type(Type *t, const char *name, int *nres) {
  *nres = -1;
  if (!t) return NULL;
  name = intern(name);
  for (int depth = 0; depth < 2 && t; depth++) {
    const Method *m = type_find_method(t, name);
    if (m) return fn_result(m->fn, nres);
    t = t->kind == TY_PTR ? t->elem : NULL;
  }
  return NULL;
}

static const char *last_name(Node *n) {
  n = unparen(n);
  if (!n) return "";
  if (n->kind == N_IDENT || n->kind == N_SELECTOR) return n->name;
  if (n->kind == N_TPTR) return last_name(n->b);
  if (n->kind == N_UNARY && n->op == TK_STAR) return last_name(n->a);
  return "";
}

static void add_iface_methods(const char ***names, int *n, int *cap, Type *t) {
  if (!t) return;
  for (int i = 0; i < t->nimethods; i++) {
    if (*n == *cap) {
      *cap = *cap ? *cap * 2 : 8;
      const char **nn = GC_MALLOC(sizeof(char *) * (size_t)*cap);
      if (*n) memcpy(nn, *names, sizeof(char *) * (size_t)*n);
      *names = nn;
    }
    (*names)[(*n)++] = t->imethods[i];
  }
}

static Type *resolve(FuncState *fs, Node *t, bool report);

FuncSig *sig_from_functype(FuncState *fs, Node *ft, Type *recv) {
  FuncSig *s = GC_MALLOC(sizeof *s);
  int extra = recv ? 1 : 0;
  s->nparams = ft->list.len + extra;
  s->params = GC_MALLOC(sizeof(Type *) * (size_t)(s->nparams + 1));
  if (recv) s->params[0] = recv;
  for (int i = 0; i < ft->list.len; i++) {
    Node *f = ft->list.items[i];
    s->params[i + extra] = f->a ? resolve(fs, f->a, true) : NULL;
  }
  s->variadic = ft->op == 1;
  s->nresults = ft->list2.len;
  s->results = GC_MALLOC(sizeof(Type *) * (size_t)(s->nresults + 1));
  for (int i = 0; i < ft->list2.len; i++) {
    Node *f = ft->list2.items[i];
    s->results[i] = f->a ? resolve(fs, f->a, true) : NULL;
  }
  return s;
}

Type *sig_to_type(FuncSig *s) {
  for (int i = 0; i < s->nparams; i++) if (!s->params[i]) return NULL;
  for (int i = 0; i < s->nresults; i++) if (!s->results[i]) return NULL;
  return type_func(s->params, s->nparams, s->results, s->nresults, s->variadic);
}

static Type *resolve(FuncState *fs, Node *t, bool report) {
  Compiler *C = fs->C;
  if (!t) return NULL;
  switch (t->kind) {
  case N_PAREN:
    return resolve(fs, t->a, report);
  case N_IDENT: {
    Sym *s = scope_lookup(fs, C, t->name);
    if (s && s->kind == SYM_TYPE) return s->type;
    if (report) {
      if (!s) hint_undefined_type(fs, t, t->name);
      else ERR(fs, t, "%s is not a type", t->name);
    }
    return NULL;
  }
  case N_SELECTOR: {
    if (t->a && t->a->kind == N_IDENT) {
      Sym *s = scope_lookup(fs, C, t->a->name);
      if (s && s->kind == SYM_PKG) {
        const PkgMember *m = api_lookup(s->pkgpath, t->name);
        if (m && m->kind == MEMBER_TYPE) return m->type;
        if (report) {
          if (!m) ERR(fs, t, "undefined: %s.%s", t->a->name, t->name);
          else ERR(fs, t, "%s.%s is not a type", t->a->name, t->name);
        }
        return NULL;
      }
    }
    if (report) ERR(fs, t, "%s is not a type", node_name(t));
    return NULL;
  }
  case N_UNARY:
    if (t->op == TK_STAR) {
      Type *e = resolve(fs, t->a, report);
      return e ? type_ptr(e) : NULL;
    }
    break;
  case N_TPTR: {
    Type *e = resolve(fs, t->b, report);
    return e ? type_ptr(e) : NULL;
  }
  case N_TSLICE: case N_TELLIPSIS: {
    Type *e = resolve(fs, t->b, report);
    return e ? type_slice(e) : NULL;
  }
  case N_TARRAY: {
    Type *e = resolve(fs, t->b, report);
    if (!e) return NULL;
    if (!t->a) return type_array(e, -1);  /* [...]T: the composite literal fixes it */
    ConstVal c;
    bool ok = const_eval(fs, t->a, &c);
    if (ok && c.kind == CK_FLOAT) {
      ConstVal r;
      int save = fs->C->suppress;
      fs->C->suppress = 1;
      ok = const_convert(fs, t->a, &c, type_int, &r);
      fs->C->suppress = save;
      if (ok) c = r;
    }
    if (!ok || c.kind != CK_INT) {
      if (report) ERR(fs, t->a, "array length %s (value of type int) must be constant", node_name(t->a));
      return NULL;
    }
    if (c.i < 0) {
      if (report) ERR(fs, t->a, "invalid array length %s", const_str(&c));
      return NULL;
    }
    return type_array(e, (int64_t)c.i);
  }
  case N_TMAP: {
    Type *k = resolve(fs, t->a, report), *v = resolve(fs, t->b, report);
    return k && v ? type_map(k, v) : NULL;
  }
  case N_TCHAN: {
    Type *e = resolve(fs, t->b, report);
    return e ? type_chan(e, t->op) : NULL;
  }
  case N_TFUNC:
    return resolve(fs, t->a, report);
  case N_FUNCTYPE: {
    FuncSig *s = sig_from_functype(fs, t, NULL);
    return sig_to_type(s);
  }
  case N_TSTRUCT: {
    int n = t->list.len;
    Field *f = GC_MALLOC(sizeof(Field) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
      Node *fd = t->list.items[i];
      f[i].type = resolve(fs, fd->a, report);
      if (!f[i].type) f[i].type = type_any;
      f[i].embedded = fd->op == 1;
      f[i].name = intern(fd->name ? fd->name : last_name(fd->a));
      f[i].tag = fd->str;
    }
    return type_struct(f, n);
  }
  case N_TINTERFACE: {
    const char **names = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < t->list.len; i++) {
      Node *m = t->list.items[i];
      if (m->name) {
        Type tmp;
        memset(&tmp, 0, sizeof tmp);
        const char *one = intern(m->name);
        tmp.nimethods = 1;
        tmp.imethods = &one;
        add_iface_methods(&names, &n, &cap, &tmp);
      } else {
        Type *e = resolve(fs, m->a, report);
        if (e && e->kind == TY_INTERFACE) add_iface_methods(&names, &n, &cap, e);
      }
    }
    return type_interface(names, n);
  }
  default:
    break;
  }
  if (report) ERR(fs, t, "%s is not a type", node_name(t));
  return NULL;
}

Type *resolve_type(FuncState *fs, Node *t) { return resolve(fs, t, true); }

Type *try_type(FuncState *fs, Node *t) {
  if (!is_type_expr(fs, t)) return NULL;
  return resolve(fs, t, false);
}

bool is_type_expr(FuncState *fs, Node *n) {
  if (!n) return false;
  switch (n->kind) {
  case N_PAREN: return is_type_expr(fs, n->a);
  case N_IDENT: {
    Sym *s = scope_lookup(fs, fs->C, n->name);
    return s && s->kind == SYM_TYPE;
  }
  case N_SELECTOR: {
    if (!n->a || n->a->kind != N_IDENT) return false;
    Sym *s = scope_lookup(fs, fs->C, n->a->name);
    if (!s || s->kind != SYM_PKG) return false;
    const PkgMember *m = api_lookup(s->pkgpath, n->name);
    return m && m->kind == MEMBER_TYPE;
  }
  case N_UNARY: return n->op == TK_STAR && is_type_expr(fs, n->a);
  case N_TARRAY: case N_TSLICE: case N_TMAP: case N_TCHAN: case N_TPTR: case N_TFUNC:
  case N_FUNCTYPE: case N_TSTRUCT: case N_TINTERFACE: case N_TELLIPSIS:
    return true;
  default: return false;
  }
}

/* ---- Go's "invalid recursive type" ----
** A declared type must not contain itself by value: through struct fields,
** array elements or embedded interfaces, directly or via other types of the
** same declaration list. Pointers, slices, maps, channels and functions
** break the cycle (`type T struct{ next *T }` is fine). */
static Node *find_typedecl(NodeList *decls, const char *name) {
  for (int i = 0; i < decls->len; i++) {
    Node *d = decls->items[i];
    if (d->kind == N_TYPEDECL && d->name && strcmp(d->name, name) == 0) return d;
  }
  return NULL;
}

static bool type_reaches(Node *t, const char *target, NodeList *decls, NodeList *seen) {
  while (t && t->kind == N_PAREN) t = t->a;
  if (!t) return false;
  switch (t->kind) {
  case N_IDENT: {
    if (strcmp(t->name, target) == 0) return true;
    Node *d = find_typedecl(decls, t->name);
    if (!d) return false;
    for (int i = 0; i < seen->len; i++) if (seen->items[i] == d) return false;
    ast_push(seen, d);
    return type_reaches(d->a, target, decls, seen);
  }
  case N_TSTRUCT:
    for (int i = 0; i < t->list.len; i++)
      if (type_reaches(t->list.items[i]->a, target, decls, seen)) return true;
    return false;
  case N_TARRAY:
    return t->a && type_reaches(t->b, target, decls, seen);
  case N_TINTERFACE:
    for (int i = 0; i < t->list.len; i++) {
      Node *m = t->list.items[i];
      if (!m->name && type_reaches(m->a, target, decls, seen)) return true;
    }
    return false;
  default:
    return false;
  }
}

static bool decl_reaches(Node *d, const char *target, NodeList *decls) {
  NodeList seen = {0};
  ast_push(&seen, d);
  return type_reaches(d->a, target, decls, &seen);
}

/* Reports each cycle once, at its first declaration; returns the number of
** invalid types (their underlying type must not be set). */
int check_recursive_types(FuncState *fs, NodeList *decls) {
  NodeList reported = {0};
  int bad = 0;
  for (int i = 0; i < decls->len; i++) {
    Node *d = decls->items[i];
    if (d->kind != N_TYPEDECL || !d->name || !d->a) continue;
    bool skip = false;
    for (int k = 0; k < reported.len && !skip; k++) {
      Node *r = reported.items[k];
      if (r == d || (decl_reaches(d, r->name, decls) && decl_reaches(r, d->name, decls))) skip = true;
    }
    if (skip || !decl_reaches(d, d->name, decls)) continue;
    bad++;
    ast_push(&reported, d);
    Node *a = unparen(d->a);
    if (a && a->kind == N_IDENT && strcmp(a->name, d->name) == 0) continue;  /* `type T T`: reported already */
    ERR(fs, d, "invalid recursive type %s", d->name);
  }
  return bad;
}
