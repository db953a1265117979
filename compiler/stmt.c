/*
** stmt.c -- statements: assignments and declarations inside functions,
** control flow (if, for, range, switch, type switch, select, labels, goto,
** break/continue), go/defer, return, and Go's terminating-statement rule.
**
** Loop variables follow Go 1.22: a boxed (captured) variable declared by a
** 3-clause for gets a fresh Cell each iteration, holding the previous
** iteration's value, just before the post statement; range variables are
** declared afresh in each iteration's scope.
*/
#include "compiler/internal.h"
#include "compiler/hint.h"
#include <string.h>
#include <stdio.h>

static const char *pending_label;   /* label attached to the next loop/switch/select */

/* ---- helpers ---- */
static bool is_blank(Node *n) {
  n = unparen(n);
  return n && n->kind == N_IDENT && strcmp(n->name, "_") == 0;
}

static LoopCtx *push_loop(FuncState *fs, LoopCtx *ctx, bool is_loop) {
  memset(ctx, 0, sizeof *ctx);
  ctx->prev = fs->loop;
  ctx->is_loop = is_loop;
  ctx->label = pending_label;
  ctx->cont_target = -1;
  pending_label = NULL;
  fs->loop = ctx;
  return ctx;
}

static void pop_loop(FuncState *fs, LoopCtx *ctx, int cont_target, int break_target) {
  plist_patch(fs, &ctx->conts, cont_target);
  plist_patch(fs, &ctx->breaks, break_target);
  fs->loop = ctx->prev;
}

/* Does the function body (not nested literals) contain defer? */
static bool has_defer_rec(Node *n) {
  if (!n) return false;
  if (n->kind == N_FUNCLIT) return false;
  if (n->kind == N_DEFER) return true;
  if (has_defer_rec(n->a) || has_defer_rec(n->b) || has_defer_rec(n->c) || has_defer_rec(n->d)) return true;
  for (int i = 0; i < n->list.len; i++) if (has_defer_rec(n->list.items[i])) return true;
  for (int i = 0; i < n->list2.len; i++) if (has_defer_rec(n->list2.items[i])) return true;
  return false;
}

bool function_has_defer(Node *body) { return has_defer_rec(body); }

/* ---- terminating statements (Go spec) ---- */
static bool has_break(Node *n, const char *label, int depth) {
  if (!n) return false;
  switch (n->kind) {
  case N_FUNCLIT: return false;
  case N_BREAK:
    if (!n->name) return depth == 0;
    return label && strcmp(n->name, label) == 0;
  case N_FOR: case N_RANGE: case N_SWITCH: case N_TYPESWITCH: case N_SELECT:
    depth++;
    break;
  default: break;
  }
  if (has_break(n->a, label, depth) || has_break(n->b, label, depth) || has_break(n->c, label, depth) ||
      has_break(n->d, label, depth))
    return true;
  for (int i = 0; i < n->list.len; i++) if (has_break(n->list.items[i], label, depth)) return true;
  for (int i = 0; i < n->list2.len; i++) if (has_break(n->list2.items[i], label, depth)) return true;
  return false;
}

static bool terminating_list(NodeList *l) {
  int i = l->len - 1;
  while (i >= 0 && l->items[i]->kind == N_EMPTY) i--;
  return i >= 0 && is_terminating(l->items[i]);
}

static bool term_labeled(Node *s, const char *label) {
  switch (s->kind) {
  case N_FOR:
    if (s->b) return false;
    return !has_break(s->d, label, 0);
  case N_SWITCH: case N_TYPESWITCH: case N_SELECT: {
    bool has_default = s->kind == N_SELECT;
    for (int i = 0; i < s->list.len; i++) {
      Node *c = s->list.items[i];
      if (s->kind == N_SELECT) { (void)0; }
      else if (c->list.len == 0) has_default = true;
      NodeList *body = &c->list2;
      int j = body->len - 1;
      while (j >= 0 && body->items[j]->kind == N_EMPTY) j--;
      bool ft = j >= 0 && body->items[j]->kind == N_FALLTHROUGH;
      if (!ft && !terminating_list(body)) return false;
      for (int k = 0; k < body->len; k++) if (has_break(body->items[k], label, 0)) return false;
    }
    return has_default;
  }
  default: return is_terminating(s);
  }
}

bool is_terminating(Node *s) {
  if (!s) return false;
  switch (s->kind) {
  case N_RETURN: case N_GOTO: return true;
  case N_EXPRSTMT: {
    Node *e = unparen(s->a);
    return e && e->kind == N_CALL && unparen(e->a)->kind == N_IDENT && strcmp(unparen(e->a)->name, "panic") == 0;
  }
  case N_BLOCK: return terminating_list(&s->list);
  case N_IF:
    if (!s->d) return false;
    return is_terminating(s->c) && is_terminating(s->d);
  case N_LABELED: return term_labeled(s->a, s->name);
  case N_FOR: case N_SWITCH: case N_TYPESWITCH: case N_SELECT:
    return term_labeled(s, NULL);
  default: return false;
  }
}

/* ---- declarations ---- */
static bool script_top(FuncState *fs) {
  return fs->is_init && fs->scope == fs->body_scope;
}

/* Store src (a temporary) into the new variable `name` declared by `decl`:
** for locals this adopts the register at nactive. */
static Sym *define_into(FuncState *fs, Node *id, int src, Type *t) {
  if (script_top(fs)) {
    Sym *g = scope_find_local(fs->C->S->globals, intern(id->name));
    if (g && g->kind == SYM_GLOBAL) {
      if (!g->type) g->type = t;
      if (g->boxed) {
        int c = alloc_reg(fs, 1);
        emit_abc(fs, OP_NEWCELL, c, src, 0);
        emit_abx(fs, OP_SETGLOBAL, c, g->global);
      } else emit_abx(fs, OP_SETGLOBAL, src, g->global);
      return g;
    }
  }
  int r = fs->nactive;
  emit_move(fs, r, src);
  return declare_local(fs, id->name, id, r, t);
}

static Type *value_type_for(Type *t) {
  return t;
}

/* `a, b := x, y` and `var a, b T = x, y` (decl: type or NULL). */
static void compile_define(FuncState *fs, Node *at, NodeList *lhs, NodeList *rhs, Type *decl_t, bool is_var) {
  int nl = lhs->len, nr = rhs->len;
  bool top = script_top(fs);
  /* which names are new? */
  bool *isnew = GC_MALLOC_ATOMIC((size_t)nl + 1);
  int nnew = 0;
  for (int i = 0; i < nl; i++) {
    Node *id = lhs->items[i];
    isnew[i] = false;
    if (id->kind != N_IDENT) { ERR(fs, id, "non-name %s on left side of :=", node_name(id)); return; }
    if (is_blank(id)) continue;
    for (int j = 0; j < i; j++)
      if (lhs->items[j]->kind == N_IDENT && strcmp(lhs->items[j]->name, id->name) == 0)
        ERR(fs, id, "%s repeated on left side of :=", id->name);
    if (is_var || top || !scope_find_local(fs->scope, intern(id->name))) { isnew[i] = true; nnew++; }
  }
  if (!is_var && nnew == 0 && !top) {
    Node pos = *at;
    find_token(fs->C, at->line, at->col, ":=", &pos.line, &pos.col);
    ERR(fs, &pos, "no new variables on left side of :=");
  }
  int base = fs->freereg;
  Type **types = GC_MALLOC(sizeof(Type *) * (size_t)(nl + 1));
  fs->C->ctx = is_var ? "variable declaration" : "assignment";
  if (nr == 0) {
    alloc_reg(fs, nl);
    for (int i = 0; i < nl; i++) { emit_zero(fs, base + i, decl_t); types[i] = decl_t; }
  } else if (nr == 1 && nl > 1) {
    expr_multi(fs, rhs->items[0], base, nl, types);
    for (int i = 0; i < nl; i++) {
      if (decl_t) { coerce(fs, base + i, types[i], decl_t); types[i] = decl_t; }
    }
  } else {
    if (nl == 1 && nr == 1 && expr_nvalues(fs, rhs->items[0]) > 1) {
      /* Go's words; the variable is still declared (no "undefined" later) */
      ERR(fs, rhs->items[0], "assignment mismatch: 1 variable but %s returns %d values",
          node_name(unparen(rhs->items[0])->a), expr_nvalues(fs, rhs->items[0]));
    }
    if (nl != nr) {
      if (nr == 1) {
        int nv = expr_nvalues(fs, rhs->items[0]);
        ERR(fs, at, "assignment mismatch: %d variable%s but %s returns %d value%s", nl, nl == 1 ? "" : "s",
            node_name(rhs->items[0]), nv, nv == 1 ? "" : "s");
      } else
        ERR(fs, at, "assignment mismatch: %d variable%s but %d value%s", nl, nl == 1 ? "" : "s", nr, nr == 1 ? "" : "s");
      return;
    }
    alloc_reg(fs, nl);
    for (int i = 0; i < nl; i++) {
      Node *r = unparen(rhs->items[i]);
      Type *want = decl_t;
      Sym *old = NULL;
      if (!isnew[i] && !is_blank(lhs->items[i])) old = scope_find_local(fs->scope, intern(lhs->items[i]->name));
      if (old) want = old->type;
      if (r->kind == N_CALL && expr_nvalues(fs, r) == 0) ERR(fs, r, "%s (no value) used as value", node_name(r));
      Type *t = expr_to_copy(fs, r, base + i, want);
      if (want) { coerce(fs, base + i, t, want); t = want; }
      else {
        ConstVal c;
        if (const_eval(fs, r, &c) && !c.type) t = const_default_type(&c);
      }
      if (r->kind == N_IDENT && strcmp(r->name, "nil") == 0 && !want)
        ERR(fs, r, "use of untyped nil in %s", is_var ? "variable declaration" : "assignment");
      types[i] = value_type_for(t);
    }
  }
  /* existing variables first */
  for (int i = 0; i < nl; i++) {
    if (isnew[i] || is_blank(lhs->items[i])) continue;
    LValue lv = lvalue_prepare(fs, lhs->items[i]);
    lvalue_store(fs, &lv, base + i);
  }
  /* then the new ones, compacted to nactive.. */
  int k = 0;
  int na = fs->nactive;
  for (int i = 0; i < nl; i++) {
    if (!isnew[i]) continue;
    Node *id = lhs->items[i];
    if (top) { define_into(fs, id, base + i, types[i]); continue; }
    int dst = na + k;
    emit_move(fs, dst, base + i);
    fs->freereg = dst + 1 > fs->freereg ? dst + 1 : fs->freereg;
    declare_local(fs, id->name, id, dst, types[i]);
    k++;
  }
  free_to(fs, fs->nactive);
}

void compile_vardecl(FuncState *fs, Node *d, bool global) {
  (void)global;
  Type *t = d->a ? resolve_type(fs, d->a) : NULL;
  compile_define(fs, d, &d->list, &d->list2, t, true);
}

static void compile_assign(FuncState *fs, Node *s) {
  NodeList *lhs = &s->list, *rhs = &s->list2;
  fs->C->ctx = "assignment";
  hint_set_assign(s->op == TK_ASSIGN ? s : NULL);
  int nl = lhs->len, nr = rhs->len;
  int save = fs->freereg;
  if (s->op == TK_ASSIGN && nl == 1 && nr == 1 && expr_nvalues(fs, rhs->items[0]) > 1) {
    /* reported here in Go's words; the same spot's "multiple-value" error is then dropped */
    ERR(fs, rhs->items[0], "assignment mismatch: 1 variable but %s returns %d values",
        node_name(unparen(rhs->items[0])->a), expr_nvalues(fs, rhs->items[0]));
  }
  if (s->op != TK_ASSIGN) {
    /* op-assign */
    LValue lv = lvalue_prepare(fs, lhs->items[0]);
    int t = lv.kind == LV_LOCAL ? lv.reg : alloc_reg(fs, 1);
    lvalue_load(fs, &lv, t);
    bool shift = s->op == TK_SHL || s->op == TK_SHR;
    ConstVal c;
    int r;
    Type *rt;
    if (const_eval(fs, rhs->items[0], &c)) {
      r = alloc_reg(fs, 1);
      if ((s->op == TK_SLASH || s->op == TK_PERCENT) && const_is_zero(&c) && (c.kind == CK_INT || type_is_int(lv.type)))
        ERR(fs, s, "invalid operation: division by zero");
      Value v = const_to_value(fs, rhs->items[0], &c, shift ? type_uint : (lv.type && type_is_basic(lv.type) ? lv.type : NULL));
      if (shift) v.aux = 0;
      emit_loadk(fs, r, v);
    } else r = expr_any(fs, rhs->items[0], &rt);
    OpCode o;
    switch (s->op) {
    case TK_PLUS: o = OP_ADD; break;
    case TK_MINUS: o = OP_SUB; break;
    case TK_STAR: o = OP_MUL; break;
    case TK_SLASH: o = OP_DIV; break;
    case TK_PERCENT: o = OP_MOD; break;
    case TK_AMP: o = OP_BAND; break;
    case TK_OR: o = OP_BOR; break;
    case TK_XOR: o = OP_BXOR; break;
    case TK_ANDNOT: o = OP_BANDNOT; break;
    case TK_SHL: o = OP_SHL; break;
    case TK_SHR: o = OP_SHR; break;
    default: o = OP_NOP; ERR(fs, s, "invalid assignment operator"); break;
    }
    emit_abc(fs, o, t, t, r);
    lvalue_store(fs, &lv, t);
    free_to(fs, save);
    return;
  }
  if (nr == 1 && nl > 1) {
    LValue *lv = GC_MALLOC(sizeof(LValue) * (size_t)nl);
    for (int i = 0; i < nl; i++) lv[i] = lvalue_prepare(fs, lhs->items[i]);
    int base = fs->freereg;
    Type **types = GC_MALLOC(sizeof(Type *) * (size_t)nl);
    expr_multi(fs, rhs->items[0], base, nl, types);
    for (int i = 0; i < nl; i++) {
      if (lv[i].kind == LV_BLANK) continue;
      coerce(fs, base + i, types[i], lv[i].type);
      lvalue_store(fs, &lv[i], base + i);
    }
    free_to(fs, save);
    return;
  }
  if (nl != nr) {
    if (nr == 1) {
      int nv = expr_nvalues(fs, rhs->items[0]);
      ERR(fs, s, "assignment mismatch: %d variable%s but %s returns %d value%s", nl, nl == 1 ? "" : "s",
          node_name(rhs->items[0]), nv, nv == 1 ? "" : "s");
    } else
      ERR(fs, s, "assignment mismatch: %d variable%s but %d value%s", nl, nl == 1 ? "" : "s", nr, nr == 1 ? "" : "s");
    return;
  }
  if (nl == 1) {
    LValue lv = lvalue_prepare(fs, lhs->items[0]);
    Node *r = unparen(rhs->items[0]);
    if (r->kind == N_CALL && expr_nvalues(fs, r) == 0) ERR(fs, r, "%s (no value) used as value", node_name(r));
    if (lv.kind == LV_BLANK) {
      int t = alloc_reg(fs, 1);
      expr_to(fs, r, t, NULL);
      free_to(fs, save);
      return;
    }
    bool direct = lv.kind == LV_LOCAL &&
                  (r->kind == N_BINARY || r->kind == N_INT || r->kind == N_FLOAT || r->kind == N_STRING ||
                   r->kind == N_RUNE || r->kind == N_CALL ||
                   (r->kind == N_UNARY && r->op != TK_AMP));
    if (direct && r->kind == N_CALL) {
      /* a call can only target the top register; through a temp */
      direct = false;
    }
    int dst = direct ? lv.reg : alloc_reg(fs, 1);
    Type *t;
    if (r->kind == N_COMPOSITE && !r->a && lv.type) t = expr_to(fs, r, dst, lv.type);
    else t = expr_to_copy(fs, r, dst, lv.type);
    coerce(fs, dst, t, lv.type);
    if (!direct) lvalue_store(fs, &lv, dst);
    if (lv.kind == LV_LOCAL && lv.sym && !lv.sym->type && t) { /* keep unknown: do not narrow */ }
    free_to(fs, save);
    return;
  }
  /* parallel assignment: lvalue operands, then all values, then the stores */
  LValue *lv = GC_MALLOC(sizeof(LValue) * (size_t)nl);
  for (int i = 0; i < nl; i++) lv[i] = lvalue_prepare(fs, lhs->items[i]);
  int base = alloc_reg(fs, nl);
  for (int i = 0; i < nl; i++) {
    Type *t = expr_to_copy(fs, rhs->items[i], base + i, lv[i].type);
    coerce(fs, base + i, t, lv[i].type);
  }
  for (int i = 0; i < nl; i++) lvalue_store(fs, &lv[i], base + i);
  free_to(fs, save);
}

/* ---- returns ---- */
static void load_results_for_return(FuncState *fs, int base) {
  for (int i = 0; i < fs->nresults; i++) {
    Sym *s = fs->result_syms ? fs->result_syms[i] : NULL;
    if (s) {
      if (s->boxed) emit_abc(fs, OP_CELLGET, base + i, s->reg, 0);
      else emit_move(fs, base + i, s->reg);
    } else emit_move(fs, base + i, fs->result_reg + i);
  }
}

/* The epilogue of functions with defer (also recover_pc). */
void emit_defer_epilogue(FuncState *fs) {
  fs->p->recover_pc = here(fs);
  emit_abc(fs, OP_RUNDEFERS, 0, 0, 0);
  bool direct = true;
  for (int i = 0; i < fs->nresults; i++) {
    Sym *s = fs->result_syms ? fs->result_syms[i] : NULL;
    if (s && (s->boxed || s->reg != fs->result_reg + i)) direct = false;
  }
  if (direct) {
    emit_abc(fs, OP_RETURN, fs->result_reg, fs->nresults + 1, 0);
    return;
  }
  int base = alloc_reg(fs, fs->nresults);
  load_results_for_return(fs, base);
  emit_abc(fs, OP_RETURN, base, fs->nresults + 1, 0);
  free_to(fs, base);
}

void emit_return_seq(FuncState *fs, Node *at, NodeList *results) {
  int n = results ? results->len : 0;
  fs->C->ctx = "return statement";
  int save = fs->freereg;
  if (n == 0) {
    if (fs->nresults > 0 && !fs->named_results) {
      ERR(fs, at, "not enough return values\n\thave ()\n\twant (%d values)", fs->nresults);
      return;
    }
    if (fs->has_defer) { plist_add(&fs->ret_jumps, emit_jmp(fs)); return; }
    if (fs->nresults == 0) { emit_abc(fs, OP_RETURN, 0, 1, 0); return; }
    bool direct = true;
    for (int i = 0; i < fs->nresults; i++)
      if (fs->result_syms[i] &&   /* NULL: a blank `_` result, in result_reg + i */
          (fs->result_syms[i]->boxed || fs->result_syms[i]->reg != fs->result_reg + i)) direct = false;
    if (direct) { emit_abc(fs, OP_RETURN, fs->result_reg, fs->nresults + 1, 0); return; }
    int base = alloc_reg(fs, fs->nresults);
    load_results_for_return(fs, base);
    emit_abc(fs, OP_RETURN, base, fs->nresults + 1, 0);
    free_to(fs, save);
    return;
  }
  if (fs->nresults == 0) {
    ERR(fs, results->items[0], "too many return values");
    return;
  }
  int base = fs->freereg;
  if (n == 1 && fs->nresults > 1) {
    int nv = expr_nvalues(fs, results->items[0]);
    if (nv >= 0 && nv != fs->nresults) {
      ERR(fs, results->items[0], nv < fs->nresults ? "not enough return values" : "too many return values");
      return;
    }
    Type **types = GC_MALLOC(sizeof(Type *) * (size_t)fs->nresults);
    expr_multi(fs, results->items[0], base, fs->nresults, types);
    for (int i = 0; i < fs->nresults; i++) coerce(fs, base + i, types[i], fs->result_types[i]);
  } else {
    if (n != fs->nresults) {
      ERR(fs, results->items[0], n < fs->nresults ? "not enough return values\n\thave (...)\n\twant (...)"
                                                  : "too many return values\n\thave (...)\n\twant (...)");
      return;
    }
    /* a single unboxed local needs no copy: the frame dies */
    if (n == 1 && !fs->has_defer) {
      Node *r = unparen(results->items[0]);
      if (r->kind == N_IDENT) {
        Sym *s = scope_lookup(fs, fs->C, r->name);
        if (s && s->kind == SYM_LOCAL && s->fs == fs && !s->boxed &&
            (!type_needs_conv(fs->result_types[0]) || s->type == fs->result_types[0])) {
          emit_abc(fs, OP_RETURN, s->reg, 2, 0);
          return;
        }
      }
    }
    alloc_reg(fs, n);
    for (int i = 0; i < n; i++) {
      Node *r = unparen(results->items[i]);
      Type *want = fs->result_types[i];
      Type *t;
      if (r->kind == N_COMPOSITE && !r->a && want) t = expr_to(fs, r, base + i, want);
      else t = expr_to_copy(fs, r, base + i, want);
      coerce(fs, base + i, t, want);
    }
  }
  if (fs->has_defer) {
    for (int i = 0; i < fs->nresults; i++) {
      Sym *s = fs->result_syms ? fs->result_syms[i] : NULL;
      if (s) {
        if (s->boxed) emit_abc(fs, OP_CELLSET, s->reg, base + i, 0);
        else emit_move(fs, s->reg, base + i);
      } else emit_move(fs, fs->result_reg + i, base + i);
    }
    plist_add(&fs->ret_jumps, emit_jmp(fs));
  } else {
    emit_abc(fs, OP_RETURN, base, fs->nresults + 1, 0);
  }
  free_to(fs, save);
}

/* ---- go / defer ---- */
static int thunk_counter;

static Node *mk(NodeKind k, Node *at) {
  Node *n = ast_new(k, at->line, at->col);
  return n;
}

/* `defer close(ch)` -> `defer func(p0 ...){ close(p0) }(ch)` */
static Node *builtin_thunk(Node *call) {
  Node *ft = mk(N_FUNCTYPE, call);
  Node *body = mk(N_BLOCK, call);
  Node *inner = mk(N_CALL, call);
  inner->a = call->a;
  inner->op = call->op;
  Node *outer = mk(N_CALL, call);
  outer->op = call->op;
  for (int i = 0; i < call->list.len; i++) {
    char name[32];
    snprintf(name, sizeof name, "p%d", i);
    Node *f = mk(N_FIELD, call);
    f->name = intern(name);
    f->len = (int)strlen(name);
    ast_push(&ft->list, f);
    Node *id = mk(N_IDENT, call);
    id->name = f->name;
    id->len = f->len;
    ast_push(&inner->list, id);
    ast_push(&outer->list, call->list.items[i]);
  }
  Node *es = mk(N_EXPRSTMT, call);
  es->a = inner;
  ast_push(&body->list, es);
  Node *lit = mk(N_FUNCLIT, call);
  lit->a = ft;
  lit->b = body;
  outer->a = lit;
  thunk_counter++;
  return outer;
}

static void compile_go_defer(FuncState *fs, Node *s) {
  Node *call = unparen(s->a);
  const char *what = s->kind == N_GO ? "go" : "defer";
  if (!call || call->kind != N_CALL) {
    ERR(fs, s, "expression in %s must be function call", what);
    return;
  }
  if (try_type(fs, call->a)) {
    ERR(fs, s, "%s requires function call, not conversion", what);
    return;
  }
  int bi = builtin_of(fs, call->a);
  if (bi) {
    if (bi == BI_APPEND || bi == BI_CAP || bi == BI_LEN || bi == BI_MAKE || bi == BI_NEW || bi == BI_MIN || bi == BI_MAX) {
      ERR(fs, s, "%s discards result of %s", what, node_name(call));
      return;
    }
    /* evaluate the arguments now, call the builtin later: a tiny closure */
    call = (Node *)call->aux ? (Node *)call->aux : (call->aux = builtin_thunk(call));
  }
  int base = fs->freereg;
  compile_call_op(fs, call, base, 0, s->kind == N_GO ? OP_GO : OP_DEFER);
  free_to(fs, base);
}

/* ---- if / for / range ---- */
static void compile_if(FuncState *fs, Node *s) {
  scope_open(fs);
  if (s->a) compile_stmt(fs, s->a);
  PatchList f = {0};
  cond_jump(fs, s->b, false, &f);
  compile_block(fs, s->c, true);
  if (s->d) {
    int j = emit_jmp(fs);
    plist_patch(fs, &f, here(fs));
    if (s->d->kind == N_IF) compile_if(fs, s->d);
    else compile_block(fs, s->d, true);
    patch_here(fs, j);
  } else {
    plist_patch(fs, &f, here(fs));
  }
  scope_close(fs);
}

static void compile_for(FuncState *fs, Node *s) {
  LoopCtx ctx;
  const char *label = pending_label;
  pending_label = NULL;
  scope_open(fs);
  Sym *first = fs->scope->syms;
  if (s->a) compile_stmt(fs, s->a);
  /* loop variables declared by init that are boxed: per-iteration cells */
  Sym *loopvars[16];
  int nlv = 0;
  for (Sym *y = fs->scope->syms; y && y != first; y = y->next)
    if (y->kind == SYM_LOCAL && y->boxed && nlv < 16) loopvars[nlv++] = y;
  /* Loop inversion: the condition is tested at the bottom, so an iteration
  ** costs one conditional jump (LTJ with its JMP fused) instead of a test at
  ** the top plus a JMP back. The first test is reached by one JMP. */
  int to_cond = s->b ? emit_jmp(fs) : -1;
  int top = here(fs);
  pending_label = label;
  push_loop(fs, &ctx, true);
  compile_block(fs, s->d, true);
  int cont = here(fs);
  if (nlv) {
    int t = alloc_reg(fs, 1);
    for (int i = 0; i < nlv; i++) {
      emit_abc(fs, OP_CELLGET, t, loopvars[i]->reg, 0);
      emit_abc(fs, OP_NEWCELL, loopvars[i]->reg, t, 0);
    }
    free_to(fs, t);
  }
  if (s->c) compile_stmt(fs, s->c);
  if (s->b) {
    patch_here(fs, to_cond);
    PatchList again = {0};
    cond_jump(fs, s->b, true, &again);
    plist_patch(fs, &again, top);
  } else {
    int j = emit_jmp(fs);
    patch_to(fs, j, top);
  }
  pop_loop(fs, &ctx, cont, here(fs));
  scope_close(fs);
}

static void compile_range(FuncState *fs, Node *s) {
  LoopCtx ctx;
  const char *label = pending_label;
  pending_label = NULL;
  scope_open(fs);
  int base = reserve_hidden(fs, 4);
  Type *ct = expr_to(fs, s->c, base, NULL);
  Type *u = ct;
  if (u && u->kind == TY_PTR && u->elem && u->elem->kind == TY_ARRAY) u = u->elem;
  Type *kt = NULL, *vt = NULL;
  if (u) {
    switch (u->kind) {
    case TY_SLICE: case TY_ARRAY: kt = type_int; vt = u->elem; break;
    case TY_STRING: kt = type_int; vt = type_int32; break;
    case TY_MAP: kt = u->key; vt = u->elem; break;
    case TY_CHAN: kt = u->elem; break;
    default: if (type_is_int(u)) kt = u; break;
    }
  }
  if (u && u->kind == TY_CHAN && s->b) ERR(fs, s->b, "range over %s permits only one iteration variable", node_name(s->c));
  emit_abc(fs, OP_RANGEINIT, base, 0, 0);
  int top = emit_asbx(fs, OP_RANGENEXT, base, 0);
  pending_label = label;
  push_loop(fs, &ctx, true);
  scope_open(fs);
  if (s->op == TK_DEFINE) {
    if (s->a && !is_blank(s->a)) {
      int r = fs->nactive;
      emit_move(fs, r, base + 2);
      declare_local(fs, s->a->name, s->a, r, kt);
    }
    if (s->b && !is_blank(s->b)) {
      int r = fs->nactive;
      if (type_needs_copy(vt)) emit_abc(fs, OP_VCOPY, r, base + 3, 0);
      else emit_move(fs, r, base + 3);
      declare_local(fs, s->b->name, s->b, r, vt);
    }
  } else if (s->op == TK_ASSIGN) {
    if (s->a && !is_blank(s->a)) {
      int save = fs->freereg;
      LValue lv = lvalue_prepare(fs, s->a);
      lvalue_store(fs, &lv, base + 2);
      free_to(fs, save);
    }
    if (s->b && !is_blank(s->b)) {
      int save = fs->freereg;
      LValue lv = lvalue_prepare(fs, s->b);
      int t = alloc_reg(fs, 1);
      if (type_needs_copy(vt)) emit_abc(fs, OP_VCOPY, t, base + 3, 0);
      else emit_move(fs, t, base + 3);
      lvalue_store(fs, &lv, t);
      free_to(fs, save);
    }
  }
  compile_block(fs, s->d, true);
  scope_close(fs);
  int cont = here(fs);
  int j = emit_jmp(fs);
  patch_to(fs, j, top);
  patch_to(fs, top, here(fs));
  pop_loop(fs, &ctx, cont, here(fs));
  scope_close(fs);
}

/* ---- switch ---- */
static int clause_fallthrough(Node *c) {
  NodeList *b = &c->list2;
  int j = b->len - 1;
  while (j >= 0 && b->items[j]->kind == N_EMPTY) j--;
  return j >= 0 && b->items[j]->kind == N_FALLTHROUGH;
}

static void compile_switch(FuncState *fs, Node *s) {
  LoopCtx ctx;
  const char *label = pending_label;
  pending_label = NULL;
  scope_open(fs);
  if (s->a) compile_stmt(fs, s->a);
  int tag = -1;
  Type *tt = NULL;
  if (s->b) {
    tag = reserve_hidden(fs, 1);
    tt = expr_to(fs, s->b, tag, NULL);
    ConstVal c;
    if (const_eval(fs, s->b, &c) && !c.type) tt = const_default_type(&c);
  }
  int n = s->list.len;
  PatchList *bodies = GC_MALLOC(sizeof(PatchList) * (size_t)(n + 1));
  int defclause = -1;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    if (c->list.len == 0) {
      if (defclause >= 0) ERR(fs, c, "multiple defaults in switch");
      defclause = i;
      continue;
    }
    for (int k = 0; k < c->list.len; k++) {
      Node *e = c->list.items[k];
      fs->line = e->line;
      if (tag >= 0) {
        int save = fs->freereg;
        int r = alloc_reg(fs, 1);
        Type *et = expr_to(fs, e, r, tt);
        ConstVal cv;
        if (type_is_interface(tt) && (type_is_interface(et) || const_eval(fs, e, &cv))) {
          /* an interface tag: Go compares as interfaces, dynamic types
          ** included (case 1 does not match int64(1)); see iface_compare */
          emit_abc(fs, OP_EQIF, r, tag, r);
          plist_add(&bodies[i], emit_asbx(fs, OP_JMPIF, r, 0));
        } else {
          emit_abc(fs, OP_EQJ, tag, r, 1);
          plist_add(&bodies[i], emit_jmp(fs));
        }
        free_to(fs, save);
      } else {
        cond_jump(fs, e, true, &bodies[i]);
      }
    }
  }
  PatchList end = {0};
  int jdef = emit_jmp(fs);
  pending_label = label;
  push_loop(fs, &ctx, false);
  bool def_patched = false;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    plist_patch(fs, &bodies[i], here(fs));
    if (i == defclause) { patch_here(fs, jdef); def_patched = true; }
    scope_open(fs);
    compile_stmts(fs, &c->list2);
    scope_close(fs);
    if (clause_fallthrough(c)) {
      if (i == n - 1) ERR(fs, c, "cannot fallthrough final case in switch");
    } else if (i < n - 1) plist_add(&end, emit_jmp(fs));
  }
  if (!def_patched) patch_here(fs, jdef);
  plist_patch(fs, &end, here(fs));
  pop_loop(fs, &ctx, here(fs), here(fs));
  scope_close(fs);
}

static void compile_typeswitch(FuncState *fs, Node *s) {
  LoopCtx ctx;
  const char *label = pending_label;
  pending_label = NULL;
  scope_open(fs);
  if (s->a) compile_stmt(fs, s->a);
  int x = reserve_hidden(fs, 1);
  Node *subject = unparen(s->b);
  if (subject && subject->kind == N_TYPEASSERT) subject = subject->a;
  expr_to(fs, subject, x, NULL);
  int n = s->list.len;
  PatchList *bodies = GC_MALLOC(sizeof(PatchList) * (size_t)(n + 1));
  Type **single = GC_MALLOC(sizeof(Type *) * (size_t)(n + 1));
  int defclause = -1;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    if (c->list.len == 0) { defclause = i; continue; }
    for (int k = 0; k < c->list.len; k++) {
      Node *te = unparen(c->list.items[k]);
      fs->line = te->line;
      int save = fs->freereg;
      int t = alloc_reg(fs, 1);
      if (te->kind == N_IDENT && strcmp(te->name, "nil") == 0) {
        emit_loadtype(fs, t, type_nil);
        emit_abc(fs, OP_TYPEIS, t, x, t);
        plist_add(&bodies[i], emit_asbx(fs, OP_JMPIF, t, 0));
      } else {
        Type *ty = resolve_type(fs, te);
        if (ty) {
          if (c->list.len == 1) single[i] = ty;
          emit_loadtype(fs, t, ty);
          emit_abc(fs, OP_TYPEIS, t, x, t);
          plist_add(&bodies[i], emit_asbx(fs, OP_JMPIF, t, 0));
        }
      }
      free_to(fs, save);
    }
  }
  PatchList end = {0};
  int jdef = emit_jmp(fs);
  pending_label = label;
  push_loop(fs, &ctx, false);
  bool def_patched = false;
  for (int i = 0; i < n; i++) {
    Node *c = s->list.items[i];
    plist_patch(fs, &bodies[i], here(fs));
    if (i == defclause) { patch_here(fs, jdef); def_patched = true; }
    scope_open(fs);
    if (s->name && strcmp(s->name, "_") != 0) {
      int r = fs->nactive;
      emit_move(fs, r, x);
      declare_local(fs, s->name, c, r, single[i]);
    }
    compile_stmts(fs, &c->list2);
    scope_close(fs);
    if (clause_fallthrough(c)) ERR(fs, c, "cannot fallthrough in type switch");
    if (i < n - 1) plist_add(&end, emit_jmp(fs));
  }
  if (!def_patched) patch_here(fs, jdef);
  plist_patch(fs, &end, here(fs));
  pop_loop(fs, &ctx, here(fs), here(fs));
  scope_close(fs);
}

/* ---- select ---- */
static Node *recv_operand(Node *e) {
  e = unparen(e);
  if (e && e->kind == N_UNARY && e->op == TK_ARROW) return e->a;
  return NULL;
}

static void compile_select(FuncState *fs, Node *s) {
  LoopCtx ctx;
  const char *label = pending_label;
  pending_label = NULL;
  scope_open(fs);
  int n = 0;
  bool has_default = false;
  for (int i = 0; i < s->list.len; i++) {
    if (s->list.items[i]->a) n++;
    else {
      if (has_default) ERR(fs, s->list.items[i], "multiple defaults in select");
      has_default = true;
    }
  }
  if (n > 60) { ERR(fs, s, "select with too many cases"); n = 60; }
  int base = reserve_hidden(fs, 3 + 2 * n);
  int64_t mask = 0;
  int *caseidx = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(s->list.len + 1));
  int ci = 0;
  for (int i = 0; i < s->list.len && ci < n; i++) {
    Node *c = s->list.items[i];
    caseidx[i] = -1;
    if (!c->a) continue;
    Node *comm = c->a;
    fs->line = comm->line;
    int chr = base + 3 + 2 * ci, vr = base + 4 + 2 * ci;
    if (comm->kind == N_SEND) {
      Type *ct = expr_to(fs, comm->a, chr, NULL);
      Type *et = elem_type(ct);
      Type *t = expr_to_copy(fs, comm->b, vr, et);
      coerce(fs, vr, t, et);
      mask |= (int64_t)1 << ci;
    } else {
      Node *ch = NULL;
      if (comm->kind == N_EXPRSTMT) ch = recv_operand(comm->a);
      else if (comm->kind == N_ASSIGN && comm->list2.len == 1) ch = recv_operand(comm->list2.items[0]);
      if (!ch) { ERR(fs, comm, "select case must be receive, send or assign recv"); ci++; continue; }
      expr_to(fs, ch, chr, NULL);
      emit_loadnil(fs, vr, 1);
    }
    caseidx[i] = ci++;
  }
  emit_loadk(fs, base, INT_VAL(mask));
  fs->line = s->line;
  emit_abc(fs, OP_SELECT, base, n, has_default ? 1 : 0);
  PatchList *bodies = GC_MALLOC(sizeof(PatchList) * (size_t)(s->list.len + 1));
  int t = alloc_reg(fs, 1);
  for (int i = 0; i < s->list.len; i++) {
    if (!s->list.items[i]->a || caseidx[i] < 0) continue;
    emit_loadk(fs, t, INT_VAL(caseidx[i]));
    emit_abc(fs, OP_EQJ, base, t, 1);
    plist_add(&bodies[i], emit_jmp(fs));
  }
  free_to(fs, t);
  int jdef = emit_jmp(fs);   /* default (R[A] == -1) */
  pending_label = label;
  push_loop(fs, &ctx, false);
  PatchList end = {0};
  bool def_patched = false;
  for (int i = 0; i < s->list.len; i++) {
    Node *c = s->list.items[i];
    if (!c->a) { patch_here(fs, jdef); def_patched = true; }
    else plist_patch(fs, &bodies[i], here(fs));
    scope_open(fs);
    Node *comm = c->a;
    if (comm && comm->kind == N_ASSIGN) {
      fs->line = comm->line;
      Type *ct = infer_type(fs, recv_operand(comm->list2.items[0]));
      Type *et = elem_type(ct);
      if (comm->op == TK_DEFINE) {
        for (int k = 0; k < comm->list.len && k < 2; k++) {
          Node *id = comm->list.items[k];
          if (is_blank(id)) continue;
          int r = fs->nactive;
          emit_move(fs, r, base + 1 + k);
          declare_local(fs, id->name, id, r, k == 0 ? et : type_bool);
        }
      } else {
        for (int k = 0; k < comm->list.len && k < 2; k++) {
          if (is_blank(comm->list.items[k])) continue;
          int save = fs->freereg;
          LValue lv = lvalue_prepare(fs, comm->list.items[k]);
          lvalue_store(fs, &lv, base + 1 + k);
          free_to(fs, save);
        }
      }
    }
    compile_stmts(fs, &c->list2);
    scope_close(fs);
    if (i < s->list.len - 1) plist_add(&end, emit_jmp(fs));
  }
  if (!def_patched) patch_here(fs, jdef);
  plist_patch(fs, &end, here(fs));
  pop_loop(fs, &ctx, here(fs), here(fs));
  scope_close(fs);
}

/* ---- labels ---- */
static int *scope_chain(FuncState *fs, int *n) {
  int k = 0;
  for (Scope *s = fs->scope; s && s->fs == fs; s = s->parent) k++;
  int *ids = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(k + 1));
  k = 0;
  for (Scope *s = fs->scope; s && s->fs == fs; s = s->parent) ids[k++] = s->id;
  *n = k;
  return ids;
}

static LabelInfo *find_label(FuncState *fs, const char *name) {
  for (LabelInfo *l = fs->labels; l; l = l->next)
    if (strcmp(l->name, name) == 0) return l;
  return NULL;
}

static void compile_labeled(FuncState *fs, Node *s) {
  LabelInfo *l = find_label(fs, s->name);
  if (l && l->pc >= 0) {
    ERR(fs, s, "label %s already defined", s->name);
  } else {
    if (!l) {
      l = GC_MALLOC(sizeof *l);
      l->name = s->name;
      l->next = fs->labels;
      fs->labels = l;
    }
    l->pc = here(fs);
    l->line = s->line;
    l->col = s->col;
    l->scope_chain = scope_chain(fs, &l->nchain);
    l->bline = fs->scope->line;
    l->bcol = fs->scope->col;
  }
  Node *inner = s->a;
  if (inner && (inner->kind == N_FOR || inner->kind == N_RANGE || inner->kind == N_SWITCH ||
                inner->kind == N_TYPESWITCH || inner->kind == N_SELECT))
    pending_label = s->name;
  if (inner) compile_stmt(fs, inner);
  pending_label = NULL;
}

static void compile_branch(FuncState *fs, Node *s) {
  bool is_break = s->kind == N_BREAK;
  LoopCtx *ctx = fs->loop;
  if (s->name) {
    for (; ctx; ctx = ctx->prev)
      if (ctx->label && strcmp(ctx->label, s->name) == 0) break;
    LabelInfo *l = find_label(fs, s->name);
    if (l) l->used = true;
    if (!ctx || (!is_break && !ctx->is_loop)) {
      ERR(fs, s, "invalid %s label %s", is_break ? "break" : "continue", s->name);
      return;
    }
  } else {
    if (!is_break) while (ctx && !ctx->is_loop) ctx = ctx->prev;
    if (!ctx) {
      ERR(fs, s, is_break ? "break is not in a loop, switch, or select" : "continue is not in a loop");
      return;
    }
  }
  plist_add(is_break ? &ctx->breaks : &ctx->conts, emit_jmp(fs));
}

static void compile_goto(FuncState *fs, Node *s) {
  GotoInfo *g = GC_MALLOC(sizeof *g);
  g->name = s->name;
  g->pc = emit_jmp(fs);
  find_token(fs->C, s->line, s->col + 4, s->name, &g->line, &g->col);
  g->scope_chain = scope_chain(fs, &g->nchain);
  g->next = fs->gotos;
  fs->gotos = g;
}

void resolve_gotos(FuncState *fs) {
  for (GotoInfo *g = fs->gotos; g; g = g->next) {
    LabelInfo *l = find_label(fs, g->name);
    if (!l || l->pc < 0) {
      Node at = {0};
      at.line = g->line; at.col = g->col;
      ERR(fs, &at, "label %s not defined", g->name);
      continue;
    }
    l->used = true;
    /* the label's block must enclose the goto */
    int inner = l->nchain ? l->scope_chain[0] : -1;
    bool ok = false;
    for (int i = 0; i < g->nchain; i++) if (g->scope_chain[i] == inner) ok = true;
    if (!ok) {
      Node at = {0};
      at.line = g->line; at.col = g->col;
      ERR(fs, &at, "goto %s jumps into block starting at %s:%d:%d", g->name, fs->C->S->filename, l->bline, l->bcol);
      continue;
    }
    patch_to(fs, g->pc, l->pc);
  }
  for (LabelInfo *l = fs->labels; l; l = l->next) {
    if (!l->used && l->pc >= 0) {
      Node at = {0};
      at.line = l->line; at.col = l->col;
      ERR(fs, &at, "label %s defined and not used", l->name);
    }
  }
}

/* ---- expression statements (REPL: show values) ---- */
static bool is_print_call(FuncState *fs, Node *call) {
  Node *c = unparen(call->a);
  if (c->kind == N_SELECTOR && c->a && c->a->kind == N_IDENT) {
    Sym *s = scope_lookup(fs, fs->C, c->a->name);
    if (s && s->kind == SYM_PKG) {
      if (strcmp(s->pkgpath, "fmt") == 0 && (strncmp(c->name, "Print", 5) == 0 || strncmp(c->name, "Fprint", 6) == 0))
        return true;
      if (strcmp(s->pkgpath, "fmt") != 0) return false;
    }
  }
  return false;
}

static void compile_exprstmt(FuncState *fs, Node *s) {
  Node *e = unparen(s->a);
  int base = fs->freereg;
  bool repl = fs->C->opts && fs->C->opts->repl && fs->is_init && fs->scope == fs->body_scope;
  const PkgMember *show = repl ? api_lookup("csp/repl", "show") : NULL;
  if (e->kind == N_CALL) {
    int bi = builtin_of(fs, e->a);
    bool conv = try_type(fs, e->a) != NULL;
    int nv = bi || conv ? expr_nvalues(fs, e) : expr_nvalues(fs, e);
    if (bi && nv == 1 && !show && bi != BI_RECOVER && bi != BI_COPY) {
      ERR(fs, e, "%s (value of type ...) is not used", node_name(e));
    }
    if (show && nv != 0 && !is_print_call(fs, e)) {
      int sr = alloc_reg(fs, 1);
      emit_loadk(fs, sr, show->value);
      if (bi || conv) {
        alloc_reg(fs, 1);
        expr_to(fs, e, sr + 1, NULL);
        emit_abc(fs, OP_CALL, sr, 2, 1);
      } else {
        compile_call(fs, e, sr + 1, nv, NULL);
        emit_abc(fs, OP_CALL, sr, nv < 0 ? 0 : nv + 1, 1);
      }
      free_to(fs, base);
      return;
    }
    if (bi) {
      int r = alloc_reg(fs, 1);
      compile_builtin(fs, e, bi, r);
    } else if (conv) {
      int r = alloc_reg(fs, 1);
      expr_to(fs, e, r, NULL);
    } else {
      compile_call(fs, e, base, 0, NULL);
    }
    free_to(fs, base);
    return;
  }
  if (e->kind == N_UNARY && e->op == TK_ARROW) {
    int r = alloc_reg(fs, 1);
    expr_to(fs, e, r, NULL);
    if (show) {
      int sr = alloc_reg(fs, 2);
      emit_loadk(fs, sr, show->value);
      emit_move(fs, sr + 1, r);
      emit_abc(fs, OP_CALL, sr, 2, 1);
    }
    free_to(fs, base);
    return;
  }
  if (show) {
    int sr = alloc_reg(fs, 2);
    emit_loadk(fs, sr, show->value);
    expr_to(fs, e, sr + 1, NULL);
    emit_abc(fs, OP_CALL, sr, 2, 1);
    free_to(fs, base);
    return;
  }
  int r = alloc_reg(fs, 1);
  Type *t = expr_to(fs, e, r, NULL);
  ConstVal c;
  if (repl) {
    /* the REPL without a show hook: just evaluate */
  } else if (const_eval(fs, e, &c)) {
    ERR(fs, e, "%s (untyped %s constant) is not used", node_name(e),
        c.kind == CK_INT ? (c.rune ? "rune" : "int") : c.kind == CK_FLOAT ? "float" : c.kind == CK_STRING ? "string" : "bool");
  } else if (t) ERR(fs, e, "%s (value of type %s) is not used", node_name(e), tstr(t));
  else ERR(fs, e, "%s (value) is not used", node_name(e));
  free_to(fs, base);
}

/* ---- statements ---- */
void compile_decl_stmt(FuncState *fs, Node *d) {
  switch (d->kind) {
  case N_VARDECL: compile_vardecl(fs, d, false); break;
  case N_CONSTDECL: declare_const_spec(fs, fs->scope, d, NULL, NULL); break;
  case N_TYPEDECL: compile_typedecl(fs, d); break;
  case N_DECLGROUP: {
    NodeList *prev = NULL;
    Type *prevt = NULL;
    for (int i = 0; i < d->list.len; i++) {
      Node *x = d->list.items[i];
      if (x->kind == N_CONSTDECL) {
        if (x->list2.len) { prev = &x->list2; prevt = NULL; }
        declare_const_spec(fs, fs->scope, x, prev, &prevt);
      } else compile_decl_stmt(fs, x);
    }
    break;
  }
  default: break;
  }
}

void compile_stmt(FuncState *fs, Node *s) {
  if (!s) return;
  if (s->line) fs->line = s->line;
  switch (s->kind) {
  case N_BLOCK: compile_block(fs, s, true); break;
  case N_EXPRSTMT: compile_exprstmt(fs, s); break;
  case N_ASSIGN:
    if (s->op == TK_DEFINE) compile_define(fs, s, &s->list, &s->list2, NULL, false);
    else compile_assign(fs, s);
    break;
  case N_INCDEC: {
    int save = fs->freereg;
    LValue lv = lvalue_prepare(fs, s->a);
    int t = lv.kind == LV_LOCAL ? lv.reg : alloc_reg(fs, 1);
    lvalue_load(fs, &lv, t);
    emit_abc(fs, OP_ADDI, t, t, (s->op == TK_INC ? 1 : -1) + OFFSET_sC);
    lvalue_store(fs, &lv, t);
    free_to(fs, save);
    break;
  }
  case N_SEND: {
    int save = fs->freereg;
    Type *ct;
    int ch = expr_any(fs, s->a, &ct);
    int v = alloc_reg(fs, 1);
    Type *et = elem_type(ct);
    Type *vt = expr_to_copy(fs, s->b, v, et);
    coerce(fs, v, vt, et);
    fs->line = s->line;
    emit_abc(fs, OP_SEND, ch, v, 0);
    free_to(fs, save);
    break;
  }
  case N_IF: compile_if(fs, s); break;
  case N_FOR: compile_for(fs, s); break;
  case N_RANGE: compile_range(fs, s); break;
  case N_SWITCH: compile_switch(fs, s); break;
  case N_TYPESWITCH: compile_typeswitch(fs, s); break;
  case N_SELECT: compile_select(fs, s); break;
  case N_RETURN: emit_return_seq(fs, s, &s->list); break;
  case N_BREAK: case N_CONTINUE: compile_branch(fs, s); break;
  case N_GOTO: compile_goto(fs, s); break;
  case N_FALLTHROUGH: break;  /* handled by the switch (must end a clause) */
  case N_LABELED: compile_labeled(fs, s); break;
  case N_GO: case N_DEFER: compile_go_defer(fs, s); break;
  case N_EMPTY: break;
  case N_VARDECL: case N_CONSTDECL: case N_TYPEDECL: case N_DECLGROUP:
    compile_decl_stmt(fs, s);
    break;
  case N_FUNCDECL:
    ERR(fs, s, "function declaration not allowed here");
    break;
  default:
    ERR(fs, s, "unexpected %s statement", ast_kind_name(s->kind));
    break;
  }
  free_to(fs, fs->nactive);
}

void compile_stmts(FuncState *fs, NodeList *l) {
  for (int i = 0; i < l->len; i++) {
    Node *s = l->items[i];
    if (s->kind == N_FALLTHROUGH) {
      int j = i + 1;
      while (j < l->len && l->items[j]->kind == N_EMPTY) j++;
      if (j < l->len) ERR(fs, s, "fallthrough statement out of place");
    }
    compile_stmt(fs, s);
  }
}

void compile_block(FuncState *fs, Node *block, bool new_scope) {
  if (!block) return;
  if (block->kind != N_BLOCK) { compile_stmt(fs, block); return; }
  if (new_scope) {
    scope_open(fs);
    fs->scope->line = block->line;
    fs->scope->col = block->col;
  }
  compile_stmts(fs, &block->list);
  if (new_scope) scope_close(fs);
}
