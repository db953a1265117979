/*
** parse.c -- AST building helpers for the grammar actions (parser/grammar.y,
** which also holds the driver parse_source), syntax error messages in gc's
** style, and the checks gc makes in its parser that an LALR grammar cannot
** express (`.(type)` outside a type switch, `:=` with a non-name, go/defer
** without a call, select cases...).
**
** The parser_* functions are called only from the generated parser; their
** prototypes live in grammar.y's %include block (keep both in sync).
*/
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include "vm/gc.h"
#include "lexer/lexer.h"
#include "lexer/diag.h"
#include "parser/ast.h"
#include "parser/parse.h"
#include "grammar.h"

/* Mirror of grammar.y's SList (statement list under construction). */
typedef struct SList { NodeList l; bool open; } SList;

/* ---- prototypes (also declared in grammar.y) ---- */
Node *parser_node(NodeKind k, const Token *t);
Node *parser_node_at(NodeKind k, const Node *pos);
Node *parser_ident(const Token *t);
Node *parser_literal(const Token *t);
const char *parser_text(const Token *t);
NodeList parser_list1(Node *n);
Node *parser_binary(const Token *op, Node *a, Node *b);
Node *parser_unary(const Token *op, Node *x);
Node *parser_complit(Diag *d, Node *type, NodeList elems, const Token *lbrace);
Node *parser_field(const Token *name, Node *type);
Node *parser_functype(Diag *d, const Token *pos, NodeList params, NodeList results);
NodeList parser_fix_params(Diag *d, NodeList params, bool results);
Node *parser_receiver(Diag *d, const Token *pos, NodeList params);
void parser_fields(NodeList *out, NodeList names, Node *type, const Token *tag);
Node *parser_cond(Diag *d, Node *stmt, const char *what);
Node *parser_if(Diag *d, const Token *kw, Node *init, Node *cond, Node *then, Node *els);
Node *parser_for(Diag *d, const Token *kw, Node *init, Node *cond, Node *post, Node *body);
Node *parser_range(Diag *d, const Token *kw, NodeList lhs, int op, Node *x, Node *body);
Node *parser_switch(Diag *d, const Token *kw, Node *init, Node *tag, NodeList clauses);
Node *parser_case(NodeList exprs, SList body, const Token *kw, bool is_default);
void parser_add_clause(Diag *d, NodeList *clauses, Node *c);
Node *parser_commclause(Diag *d, const Token *kw, Node *comm, SList body);
Node *parser_assign(Diag *d, NodeList lhs, int op, NodeList rhs);
Node *parser_gostmt(Diag *d, NodeKind k, const Token *kw, Node *call);
Node *parser_vardecl(NodeList names, Node *type, NodeList values);
Node *parser_constdecl(Diag *d, NodeList names, Node *type, NodeList values, bool has_values,
                  int iota, bool grouped);
Node *parser_import(const Token *alias, const Token *path);
void parser_stmt_add(SList *sl, Node *s);
void parser_syntax_error(Diag *d, const Token *t, const unsigned char *ok, int ntok);
void parser_check_tree(Diag *d, Node *root);

/* ============================================================ constructors */

static const char *dup_text(const char *s, int len) {
  char *c = GC_MALLOC_ATOMIC((size_t)len + 1);
  memcpy(c, s, (size_t)len);
  c[len] = 0;
  return c;
}

const char *parser_text(const Token *t) { return dup_text(t->text, t->len); }

Node *parser_node(NodeKind k, const Token *t) { return ast_new(k, t->line, t->col); }

Node *parser_node_at(NodeKind k, const Node *pos) {
  return pos ? ast_new(k, pos->line, pos->col) : ast_new(k, 0, 0);
}

NodeList parser_list1(Node *n) {
  NodeList l;
  memset(&l, 0, sizeof l);
  ast_push(&l, n);
  return l;
}

Node *parser_ident(const Token *t) {
  Node *n = parser_node(N_IDENT, t);
  n->name = parser_text(t);
  n->len = t->len;
  return n;
}

Node *parser_literal(const Token *t) {
  NodeKind k = N_INT;
  switch (t->kind) {
  case TK_INT: k = N_INT; break;
  case TK_FLOAT: k = N_FLOAT; break;
  case TK_IMAG: k = N_IMAG; break;
  case TK_RUNE: k = N_RUNE; break;
  case TK_STRING: k = N_STRING; break;
  default: break;
  }
  Node *n = parser_node(k, t);
  n->name = parser_text(t);
  n->len = t->len;
  n->ival = t->ival;
  n->fval = t->fval;
  if (k == N_STRING) { n->str = t->str; n->slen = t->slen; }
  if (t->flags & TOKF_OVERFLOW) n->op = 1;
  return n;
}

/* Binary expressions sit at their left operand's start (go/ast's Pos). */
Node *parser_binary(const Token *op, Node *a, Node *b) {
  Node *n = a ? parser_node_at(N_BINARY, a) : parser_node(N_BINARY, op);
  n->op = op->kind;
  n->a = a;
  n->b = b;
  return n;
}

/* `<-chan T` in an expression: the receive operator applied to a
** bidirectional channel type is the receive-only channel type (gc). */
Node *parser_unary(const Token *op, Node *x) {
  if (op->kind == TK_ARROW && x && x->kind == N_TCHAN && x->op == 0) {
    x->op = 2;
    x->line = op->line;
    x->col = op->col;
    return x;
  }
  Node *n = parser_node(N_UNARY, op);
  n->op = op->kind;
  n->a = x;
  return n;
}

Node *parser_field(const Token *name, Node *type) {
  Node *f = parser_node(N_FIELD, name);
  if (name) { f->name = parser_text(name); f->len = name->len; }
  f->a = type;
  return f;
}

Node *parser_import(const Token *alias, const Token *path) {
  Node *n = parser_node(N_IMPORT, alias ? alias : path);
  n->str = path->str;
  n->slen = path->slen;
  if (alias) { n->name = parser_text(alias); n->len = alias->len; }
  return n;
}

void parser_stmt_add(SList *sl, Node *s) {
  if (s) {
    ast_push(&sl->l, s);
    sl->open = true;
  } else {
    sl->open = false;
  }
}

/* ================================================= expression text (msgs) */

typedef struct Buf { char *p; size_t n, cap; } Buf;

static void bput(Buf *b, const char *s) {
  size_t k = strlen(s);
  if (b->n + k + 1 > b->cap) {
    if (b->n + 4 >= b->cap) return;
    k = b->cap - b->n - 4;
    memcpy(b->p + b->n, s, k);
    b->n += k;
    memcpy(b->p + b->n, "...", 4);
    b->n += 3;
    return;
  }
  memcpy(b->p + b->n, s, k + 1);
  b->n += k;
}

static void expr_str(Buf *b, const Node *n, int depth);

static void list_str(Buf *b, const NodeList *l, int depth) {
  for (int i = 0; i < l->len; i++) {
    if (i) bput(b, ", ");
    expr_str(b, l->items[i], depth + 1);
  }
}

/* gc-like rendering of an expression for error messages (short forms for
** the rare kinds). */
static void expr_str(Buf *b, const Node *n, int depth) {
  if (!n) return;
  if (depth > 20) { bput(b, "..."); return; }
  switch (n->kind) {
  case N_IDENT: case N_INT: case N_FLOAT: case N_IMAG: case N_RUNE: case N_STRING:
    bput(b, n->name ? n->name : "?");
    break;
  case N_BINARY:
    expr_str(b, n->a, depth + 1);
    bput(b, " ");
    bput(b, lexer_token_text(n->op));
    bput(b, " ");
    expr_str(b, n->b, depth + 1);
    break;
  case N_UNARY:
    bput(b, lexer_token_text(n->op));
    expr_str(b, n->a, depth + 1);
    break;
  case N_PAREN:
    bput(b, "(");
    expr_str(b, n->a, depth + 1);
    bput(b, ")");
    break;
  case N_SELECTOR:
    expr_str(b, n->a, depth + 1);
    bput(b, ".");
    bput(b, n->name);
    break;
  case N_CALL:
    expr_str(b, n->a, depth + 1);
    bput(b, "(");
    list_str(b, &n->list, depth);
    if (n->op) bput(b, "...");
    bput(b, ")");
    break;
  case N_INDEX:
    expr_str(b, n->a, depth + 1);
    bput(b, "[");
    expr_str(b, n->b, depth + 1);
    bput(b, "]");
    break;
  case N_SLICE:
    expr_str(b, n->a, depth + 1);
    bput(b, "[");
    expr_str(b, n->b, depth + 1);
    bput(b, ":");
    expr_str(b, n->c, depth + 1);
    if (n->d) { bput(b, ":"); expr_str(b, n->d, depth + 1); }
    bput(b, "]");
    break;
  case N_TYPEASSERT:
    expr_str(b, n->a, depth + 1);
    bput(b, ".(");
    if (n->b) expr_str(b, n->b, depth + 1); else bput(b, "type");
    bput(b, ")");
    break;
  case N_COMPOSITE:
    expr_str(b, n->a, depth + 1);
    bput(b, "{…}");
    break;
  case N_FUNCLIT: bput(b, "func literal"); break;
  case N_TARRAY:
    bput(b, "[");
    if (n->a) expr_str(b, n->a, depth + 1); else bput(b, "...");
    bput(b, "]");
    expr_str(b, n->b, depth + 1);
    break;
  case N_TSLICE: bput(b, "[]"); expr_str(b, n->b, depth + 1); break;
  case N_TPTR: bput(b, "*"); expr_str(b, n->b, depth + 1); break;
  case N_TMAP:
    bput(b, "map[");
    expr_str(b, n->a, depth + 1);
    bput(b, "]");
    expr_str(b, n->b, depth + 1);
    break;
  case N_TCHAN:
    bput(b, n->op == 1 ? "chan<- " : n->op == 2 ? "<-chan " : "chan ");
    expr_str(b, n->b, depth + 1);
    break;
  case N_TFUNC: bput(b, "func(...)"); break;
  case N_TSTRUCT: bput(b, "struct{...}"); break;
  case N_TINTERFACE: bput(b, "interface{...}"); break;
  case N_KEYVALUE:
    expr_str(b, n->a, depth + 1);
    bput(b, ": ");
    expr_str(b, n->b, depth + 1);
    break;
  default:
    bput(b, ast_kind_name(n->kind));
    break;
  }
}

static const char *estr(const Node *n, char *buf, size_t cap) {
  Buf b = { buf, 0, cap };
  buf[0] = 0;
  expr_str(&b, n, 0);
  return buf;
}

static const char *lstr(const NodeList *l, char *buf, size_t cap) {
  Buf b = { buf, 0, cap };
  buf[0] = 0;
  list_str(&b, l, 0);
  return buf;
}

/* "x := 1" / "assignment (x) = (1)" / "x++" ... as gc's String(stmt). */
static const char *stmt_str(const Node *s, char *buf, size_t cap) {
  char l[160], r[160];
  switch (s->kind) {
  case N_ASSIGN:
    lstr(&s->list, l, sizeof l);
    lstr(&s->list2, r, sizeof r);
    if (s->op == TK_ASSIGN)
      snprintf(buf, cap, "assignment (%s) = (%s)", l, r);
    else if (s->op == TK_DEFINE)
      snprintf(buf, cap, "%s := %s", l, r);
    else
      snprintf(buf, cap, "%s %s= %s", l, lexer_token_text(s->op), r);
    break;
  case N_INCDEC:
    snprintf(buf, cap, "%s%s", estr(s->a, l, sizeof l), lexer_token_text(s->op));
    break;
  case N_SEND:
    snprintf(buf, cap, "%s <- %s", estr(s->a, l, sizeof l), estr(s->b, r, sizeof r));
    break;
  default:
    snprintf(buf, cap, "%s", ast_kind_name(s->kind));
    break;
  }
  return buf;
}

/* ============================================================== composites */

/* Leftmost position of an expression (selectors sit at their name). */
static const Node *start_of(const Node *n) {
  while (n && n->a && (n->kind == N_SELECTOR || n->kind == N_CALL || n->kind == N_INDEX ||
                       n->kind == N_SLICE || n->kind == N_TYPEASSERT || n->kind == N_BINARY ||
                       (n->kind == N_COMPOSITE && n->a)))
    n = n->a;
  return n;
}

static bool is_type_name(const Node *t) {
  if (!t) return false;
  if (t->kind == N_IDENT) return true;
  return t->kind == N_SELECTOR && t->a && t->a->kind == N_IDENT;
}

Node *parser_complit(Diag *d, Node *type, NodeList elems, const Token *lbrace) {
  Node *n = type ? parser_node_at(N_COMPOSITE, type) : parser_node(N_COMPOSITE, lbrace);
  n->a = type;
  n->list = elems;
  if (type) {
    switch (type->kind) {
    case N_TARRAY: case N_TSLICE: case N_TMAP: case N_TSTRUCT:
      break;
    case N_PAREN:
      diag_error(d, type->line, type->col, "cannot parenthesize type in composite literal");
      break;
    default:
      if (!is_type_name(type)) {
        char b[200];
        diag_error(d, lbrace->line, lbrace->col, "invalid composite literal type %s",
                   estr(type, b, sizeof b));
      }
      break;
    }
  }
  return n;
}

/* ============================================================== parameters */

/* Go's parameter lists: either every parameter is named or none is. A run of
** bare names followed by `name T` shares T: `a, b int` parses as [type a],
** [b int] and becomes [a int], [b int] with one shared type node. */
NodeList parser_fix_params(Diag *d, NodeList params, bool results) {
  int named = 0;
  for (int i = 0; i < params.len; i++)
    if (params.items[i]->name) named++;
  if (named > 0) {
    Node *type = NULL;
    bool variadic = false;
    bool mixed = false;
    for (int i = params.len - 1; i >= 0; i--) {
      Node *f = params.items[i];
      if (f->name) {
        type = f->a;
        variadic = f->op;
        continue;
      }
      /* an unnamed entry must be a bare name taking the type after it */
      if (f->a && f->a->kind == N_IDENT && type && !variadic) {
        f->name = f->a->name;
        f->len = f->a->len;
        f->line = f->a->line;
        f->col = f->a->col;
        f->a = type;
      } else {
        mixed = true;
        if (f->a && f->a->kind == N_IDENT && type && variadic) {
          /* `a, b ...int`: gc says the ... can only be final */
          diag_error(d, f->line, f->col, "can only use ... with final parameter in list");
          return params;
        }
      }
    }
    if (mixed) {
      Node *f = params.items[params.len - 1];
      for (int i = 0; i < params.len; i++)
        if (!params.items[i]->name) { f = params.items[i]; break; }
      diag_error(d, f->line, f->col, "syntax error: mixed named and unnamed %s",
                 results ? "results" : "parameters");
      return params;
    }
  }
  for (int i = 0; i < params.len - 1; i++) {
    Node *f = params.items[i];
    if (f->op) {
      diag_error(d, f->a ? f->a->line : f->line, f->a ? f->a->col : f->col,
                 "can only use ... with final parameter in list");
      break;
    }
  }
  return params;
}

Node *parser_functype(Diag *d, const Token *pos, NodeList params, NodeList results) {
  Node *n = pos ? parser_node(N_FUNCTYPE, pos)
                : parser_node_at(N_FUNCTYPE, params.len ? params.items[0] : NULL);
  n->list = parser_fix_params(d, params, false);
  n->list2 = parser_fix_params(d, results, true);
  if (n->list.len && n->list.items[n->list.len - 1]->op) n->op = 1;
  for (int i = 0; i < n->list2.len; i++) {
    Node *f = n->list2.items[i];
    if (f->op) {
      diag_error(d, f->line, f->col, "can only use ... with final parameter in list");
      break;
    }
  }
  return n;
}

Node *parser_receiver(Diag *d, const Token *pos, NodeList params) {
  if (params.len != 1) {
    diag_error(d, pos->line, pos->col, params.len == 0 ? "method has no receiver"
                                                       : "method has multiple receivers");
    return params.len ? params.items[0] : NULL;
  }
  Node *r = parser_fix_params(d, params, false).items[0];
  if (r->op) diag_error(d, r->line, r->col, "invalid use of ... in receiver");
  return r;
}

void parser_fields(NodeList *out, NodeList names, Node *type, const Token *tag) {
  for (int i = 0; i < names.len; i++) {
    Node *id = names.items[i];
    Node *f = parser_node_at(N_FIELD, id);
    f->name = id->name;
    f->len = id->len;
    f->a = type;
    if (tag) { f->str = tag->str; f->slen = tag->slen; }
    ast_push(out, f);
  }
}

/* ============================================================== statements */

/* A header's condition: the simple statement must be an expression. */
Node *parser_cond(Diag *d, Node *s, const char *what) {
  (void)what;
  if (!s) return NULL;
  if (s->kind == N_EXPRSTMT) return s->a;
  char buf[400];
  diag_error(d, s->line, s->col, "syntax error: cannot use %s as value",
             stmt_str(s, buf, sizeof buf));
  return NULL;
}

Node *parser_if(Diag *d, const Token *kw, Node *init, Node *cond, Node *then, Node *els) {
  (void)d;
  Node *n = parser_node(N_IF, kw);
  n->a = init;
  n->b = cond;
  n->c = then;
  n->d = els;
  return n;
}

Node *parser_for(Diag *d, const Token *kw, Node *init, Node *cond, Node *post, Node *body) {
  Node *n = parser_node(N_FOR, kw);
  if (post && post->kind == N_ASSIGN && post->op == TK_DEFINE)
    diag_error(d, post->line, post->col, "syntax error: cannot declare in post statement of for loop");
  n->a = init;
  n->b = cond;
  n->c = post;
  n->d = body;
  return n;
}

Node *parser_range(Diag *d, const Token *kw, NodeList lhs, int op, Node *x, Node *body) {
  Node *n = parser_node(N_RANGE, kw);
  if (lhs.len > 2) {
    Node *e = lhs.items[2];
    diag_error(d, e->line, e->col, "range clause permits at most two iteration variables");
  }
  if (op == TK_DEFINE) {
    for (int i = 0; i < lhs.len; i++) {
      Node *e = lhs.items[i];
      if (e->kind != N_IDENT) {
        char b[200];
        const Node *st = start_of(e);
        diag_error(d, st->line, st->col, "syntax error: non-name %s on left side of :=",
                   estr(e, b, sizeof b));
        break;
      }
    }
  }
  n->a = lhs.len > 0 ? lhs.items[0] : NULL;
  n->b = lhs.len > 1 ? lhs.items[1] : NULL;
  n->c = x;
  n->d = body;
  n->op = op;
  return n;
}

static bool is_type_guard(const Node *e) { return e && e->kind == N_TYPEASSERT && !e->b; }

/* Rewrite an expression used as a type (type switch cases) into type form:
** `*T` (a deref in expression syntax) becomes N_TPTR, parentheses vanish. */
static Node *expr_to_type(Node *e) {
  if (!e) return e;
  if (e->kind == N_PAREN) return expr_to_type(e->a);
  if (e->kind == N_UNARY && e->op == TK_STAR) {
    Node *p = parser_node_at(N_TPTR, e);
    p->b = expr_to_type(e->a);
    return p;
  }
  return e;
}

Node *parser_switch(Diag *d, const Token *kw, Node *init, Node *tag, NodeList clauses) {
  if (clauses.len) clauses.items[clauses.len - 1]->ival = 0;
  Node *guard = NULL;
  const char *bound = NULL;
  if (tag && tag->kind == N_EXPRSTMT && is_type_guard(tag->a)) {
    guard = tag->a;
  } else if (tag && tag->kind == N_ASSIGN && tag->op == TK_DEFINE && tag->list.len == 1 &&
             tag->list2.len == 1 && is_type_guard(tag->list2.items[0]) &&
             tag->list.items[0]->kind == N_IDENT) {
    guard = tag->list2.items[0];
    bound = tag->list.items[0]->name;
  }
  if (guard) {
    Node *n = parser_node(N_TYPESWITCH, kw);
    n->a = init;
    n->name = bound;
    n->len = bound ? (int)strlen(bound) : 0;
    n->b = guard->a;
    n->list = clauses;
    for (int i = 0; i < clauses.len; i++) {
      Node *c = clauses.items[i];
      for (int j = 0; j < c->list.len; j++) c->list.items[j] = expr_to_type(c->list.items[j]);
    }
    return n;
  }
  Node *n = parser_node(N_SWITCH, kw);
  n->a = init;
  n->b = parser_cond(d, tag, "switch");
  n->list = clauses;
  return n;
}

Node *parser_case(NodeList exprs, SList body, const Token *kw, bool is_default) {
  (void)is_default;
  Node *c = parser_node(N_CASE, kw);
  c->list = exprs;
  c->list2 = body.l;
  if (body.l.len && body.l.items[body.l.len - 1]->kind == N_FALLTHROUGH) c->op = 1;
  c->ival = body.open;   /* scratch: cleared by parser_add_clause / parser_switch */
  return c;
}

/* gc: a clause's statements must end with `;` before the next case. */
void parser_add_clause(Diag *d, NodeList *clauses, Node *c) {
  if (clauses->len) {
    Node *prev = clauses->items[clauses->len - 1];
    if (prev->ival) {
      diag_error(d, c->line, c->col, "syntax error: unexpected keyword %s at end of statement",
                 c->list.len || c->a || (c->kind == N_COMMCLAUSE && c->op) ? "case" : "default");
    }
    prev->ival = 0;
  }
  if (c->kind == N_COMMCLAUSE) c->op = 0;
  ast_push(clauses, c);
}

static bool is_recv(const Node *e) {
  while (e && e->kind == N_PAREN) e = e->a;
  return e && e->kind == N_UNARY && e->op == TK_ARROW;
}

Node *parser_commclause(Diag *d, const Token *kw, Node *comm, SList body) {
  Node *c = parser_node(N_COMMCLAUSE, kw);
  c->a = comm;
  c->list2 = body.l;
  c->ival = body.open;
  c->op = comm != NULL;   /* scratch for parser_add_clause's message */
  if (comm) {
    bool ok = false;
    switch (comm->kind) {
    case N_SEND: ok = true; break;
    case N_EXPRSTMT: ok = is_recv(comm->a); break;
    case N_ASSIGN:
      ok = (comm->op == TK_ASSIGN || comm->op == TK_DEFINE) && comm->list.len <= 2 &&
           comm->list2.len == 1 && is_recv(comm->list2.items[0]);
      break;
    default: break;
    }
    if (!ok)
      diag_error(d, comm->line, comm->col, "select case must be receive, send or assign recv");
  }
  return c;
}

Node *parser_assign(Diag *d, NodeList lhs, int op, NodeList rhs) {
  Node *n = parser_node_at(N_ASSIGN, lhs.len ? lhs.items[0] : NULL);
  n->list = lhs;
  n->list2 = rhs;
  n->op = op;
  if (op == TK_DEFINE) {
    for (int i = 0; i < lhs.len; i++) {
      Node *e = lhs.items[i];
      if (e && e->kind != N_IDENT) {
        char b[200];
        const Node *st = start_of(e);
        diag_error(d, st->line, st->col, "syntax error: non-name %s on left side of :=",
                   estr(e, b, sizeof b));
        break;
      }
    }
  }
  return n;
}

Node *parser_gostmt(Diag *d, NodeKind k, const Token *kw, Node *call) {
  Node *n = parser_node(k, kw);
  n->a = call;
  const char *what = k == N_GO ? "go" : "defer";
  if (call && call->kind != N_CALL) {
    Node *e = call;
    if (e->kind == N_PAREN) {
      while (e->kind == N_PAREN) e = e->a;
      if (e && e->kind == N_CALL) {
        diag_error(d, call->line, call->col, "expression in %s must not be parenthesized", what);
        n->a = e;
        return n;
      }
    }
    diag_error(d, call->line, call->col, "expression in %s must be function call", what);
  }
  return n;
}

Node *parser_vardecl(NodeList names, Node *type, NodeList values) {
  Node *n = parser_node_at(N_VARDECL, names.items[0]);
  n->list = names;
  n->a = type;
  n->list2 = values;
  return n;
}

Node *parser_constdecl(Diag *d, NodeList names, Node *type, NodeList values, bool has_values,
                  int iota, bool grouped) {
  Node *n = parser_node_at(N_CONSTDECL, names.items[0]);
  n->list = names;
  n->a = type;
  n->list2 = values;
  n->ival = iota;
  if (!has_values) {
    Node *id = names.items[0];
    if (type)
      diag_error(d, type->line, type->col, "const declaration cannot have type without expression");
    else if (!grouped || iota == 0)
      diag_error(d, id->line, id->col, "missing init expr for const declaration");
  }
  return n;
}

/* ============================================================ error texts */

static bool in(const unsigned char *ok, int ntok, int k) { return k > 0 && k < ntok && ok[k]; }

static const int binops[] = {
  TK_OROR, TK_ANDAND, TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_PLUS, TK_MINUS,
  TK_OR, TK_XOR, TK_STAR, TK_SLASH, TK_PERCENT, TK_SHL, TK_SHR, TK_AMP, TK_ANDNOT,
};
/* tokens that only continue an operand/expression just parsed */
static const int continuers[] = {
  TK_DOT, TK_LPAREN, TK_LBRACK, TK_LBRACE, TK_INC, TK_DEC, TK_ASSIGN, TK_DEFINE, TK_ARROW,
  TK_PLUS_ASSIGN, TK_MINUS_ASSIGN, TK_STAR_ASSIGN, TK_SLASH_ASSIGN, TK_PERCENT_ASSIGN,
  TK_AMP_ASSIGN, TK_OR_ASSIGN, TK_XOR_ASSIGN, TK_SHL_ASSIGN, TK_SHR_ASSIGN, TK_ANDNOT_ASSIGN,
};
static const int expr_start[] = {
  TK_IDENT, TK_INT, TK_FLOAT, TK_IMAG, TK_RUNE, TK_STRING, TK_LPAREN, TK_LBRACK, TK_FUNC,
  TK_STRUCT, TK_MAP, TK_CHAN, TK_INTERFACE, TK_STAR, TK_ARROW, TK_PLUS, TK_MINUS, TK_NOT,
  TK_XOR, TK_AMP,
};
static const int stmt_start[] = {
  TK_BREAK, TK_CONTINUE, TK_FALLTHROUGH, TK_GOTO, TK_RETURN, TK_GO, TK_DEFER, TK_IF,
  TK_FOR, TK_SWITCH, TK_SELECT, TK_VAR, TK_CONST, TK_TYPE, TK_LBRACE, TK_SEMI,
};
static const int type_start[] = {
  TK_IDENT, TK_LPAREN, TK_LBRACK, TK_FUNC, TK_STRUCT, TK_MAP, TK_CHAN, TK_INTERFACE,
  TK_STAR, TK_ARROW,
};
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool all_in(const unsigned char *ok, int ntok, const int *set, int n) {
  for (int i = 0; i < n; i++)
    if (!in(ok, ntok, set[i])) return false;
  return true;
}

static void clear(unsigned char *ok, int ntok, const int *set, int n) {
  for (int i = 0; i < n; i++)
    if (set[i] > 0 && set[i] < ntok) ok[set[i]] = 0;
}

/* "syntax error: unexpected X, expected Y" where Y is what the tables allow,
** shortened gc-style ("expression", "type", "statement", "at end of
** statement", "possibly missing comma or )"). ok[k] != 0 for acceptable k. */
void parser_syntax_error(Diag *d, const Token *t, const unsigned char *ok_in, int ntok) {
  unsigned char ok[256];
  if (ntok > 256) ntok = 256;
  memcpy(ok, ok_in, (size_t)ntok);
  char what[128];
  lexer_describe(t, what, sizeof what);

  const char *words[80];
  int nw = 0;
  if (all_in(ok, ntok, binops, NELEM(binops))) {
    /* an operand was just completed: only what ends it is interesting */
    clear(ok, ntok, binops, NELEM(binops));
    clear(ok, ntok, continuers, NELEM(continuers));
    if (in(ok, ntok, TK_COMMA) && in(ok, ntok, TK_RPAREN) && in(ok, ntok, TK_ELLIPSIS)) {
      diag_error(d, t->line, t->col,
                 "syntax error: unexpected %s in argument list; possibly missing comma or )", what);
      return;
    }
    if (in(ok, ntok, TK_COMMA) && in(ok, ntok, TK_RBRACE) && !in(ok, ntok, TK_SEMI)) {
      diag_error(d, t->line, t->col,
                 "syntax error: unexpected %s in composite literal; possibly missing comma or }",
                 what);
      return;
    }
  }
  bool statement = all_in(ok, ntok, expr_start, NELEM(expr_start)) &&
                   in(ok, ntok, TK_IF) && in(ok, ntok, TK_FOR);
  if (statement) {
    clear(ok, ntok, expr_start, NELEM(expr_start));
    clear(ok, ntok, stmt_start, NELEM(stmt_start));
    clear(ok, ntok, (const int[]){ TK_CASE, TK_DEFAULT, TK_IMPORT, TK_PACKAGE }, 4);
    if (!in(ok, ntok, TK_RBRACE)) words[nw++] = "statement";
  } else if (all_in(ok, ntok, expr_start, NELEM(expr_start))) {
    clear(ok, ntok, expr_start, NELEM(expr_start));
    words[nw++] = "expression";
  } else if (all_in(ok, ntok, type_start, NELEM(type_start))) {
    clear(ok, ntok, type_start, NELEM(type_start));
    words[nw++] = "type";
  }
  if (nw == 0 && in(ok, ntok, TK_SEMI) && t->kind != TK_SEMI) {
    if (in(ok, ntok, TK_RPAREN) && !in(ok, ntok, TK_RBRACE)) {
      diag_error(d, t->line, t->col, "syntax error: unexpected %s in grouped declaration; "
                 "possibly missing semicolon or newline or )", what);
      return;
    }
    if (in(ok, ntok, TK_RBRACE) && in(ok, ntok, TK_STRING) && !in(ok, ntok, TK_IDENT)) {
      diag_error(d, t->line, t->col, "syntax error: unexpected %s in struct type; "
                 "possibly missing semicolon or newline or }", what);
      return;
    }
    if (t->kind != TK_LBRACE) {
      diag_error(d, t->line, t->col, "syntax error: unexpected %s at end of statement", what);
      return;
    }
    /* a `{` where a statement ends (a header): list what may come instead */
    ok[TK_COMMA] = ok[TK_COLON] = 0;
  }
  for (int k = 1; k < ntok && nw < NELEM(words); k++)
    if (ok[k]) words[nw++] = lexer_token_desc(k);

  char list[600];
  Buf b = { list, 0, sizeof list };
  list[0] = 0;
  for (int i = 0; i < nw; i++) {
    if (i > 0) bput(&b, i == nw - 1 ? " or " : ", ");
    bput(&b, words[i]);
  }
  if (nw == 0)
    diag_error(d, t->line, t->col, "syntax error: unexpected %s", what);
  else
    diag_error(d, t->line, t->col, "syntax error: unexpected %s, expected %s", what, list);
}

/* ================================================================== checks */

/* Walk the tree for what the grammar admits but Go rejects: `.(type)` outside
** a type switch header. The parser's depth limit counts only brackets, so a
** chain such as `1+1+...` (millions of terms on one line) is a tree that deep:
** the walk keeps its own stack (GC heap) instead of recursing on the C stack.
** Nodes are visited in pre-order (a, b, c, d, list, list2), so messages come
** out in source order. */
typedef struct CheckStack { Node **items; size_t len, cap; } CheckStack;

static void check_push(CheckStack *st, Node *n) {
  if (!n) return;
  if (st->len == st->cap) {
    size_t cap = st->cap ? st->cap * 2 : 256;
    Node **items = GC_MALLOC(cap * sizeof *items);
    if (st->len) memcpy(items, st->items, st->len * sizeof *items);
    st->items = items;
    st->cap = cap;
  }
  st->items[st->len++] = n;
}

/* Push a list's items last first. Fields of one group (`a, b, c T`) share
** their type node: visit it once, or nested groups would cost exponential
** time. */
static void check_push_list(CheckStack *st, const NodeList *l) {
  for (int i = l->len - 1; i >= 0; i--) {
    Node *it = l->items[i];
    if (i > 0 && it && it->kind == N_FIELD && l->items[i - 1] &&
        l->items[i - 1]->kind == N_FIELD && l->items[i - 1]->a == it->a)
      continue;
    check_push(st, it);
  }
}

/* Longest left-deep chain of binary operators (`x+x+...+x`) the compiler is
** given. It compiles such a chain recursively on its 1 GB stack (about 700
** bytes a level), so millions of terms would overflow it; 100,000 is five
** times the deepest chain the tests expect to work. A chain whose operands
** are all literals (`1+1+...`) is exempt: constant folding walks it without
** recursion. */
#define MAX_BINARY_CHAIN 100000

static bool is_literal(const Node *n) {
  return n && (n->kind == N_INT || n->kind == N_FLOAT || n->kind == N_RUNE ||
               n->kind == N_STRING);
}

/* A binary expression on top of its chain: check the chain's length, then
** push the operands directly (the spine's own nodes need no other check), so
** each spine is walked once. */
static void check_binary_chain(Diag *d, CheckStack *st, Node *top) {
  size_t depth = 0;
  bool literals = true;
  Node *x = top;
  for (; x && x->kind == N_BINARY; x = x->a) {
    depth++;
    if (!is_literal(x->b)) literals = false;
  }
  if (!is_literal(x)) literals = false;
  if (depth > MAX_BINARY_CHAIN && !literals) {
    diag_error(d, top->line, top->col, "expression nested too deeply");
    return;
  }
  /* pre-order: the leftmost operand first, then the right operands from
  ** the innermost to the top */
  for (Node *y = top; y && y->kind == N_BINARY; y = y->a) check_push(st, y->b);
  check_push(st, x);
}

void parser_check_tree(Diag *d, Node *root) {
  CheckStack st = { NULL, 0, 0 };
  check_push(&st, root);
  while (st.len > 0) {
    Node *n = st.items[--st.len];
    if (n->kind == N_TYPEASSERT && !n->b)
      diag_error(d, n->line, n->col, "use of .(type) outside type switch");
    if (n->kind == N_BINARY) {
      check_binary_chain(d, &st, n);
      continue;
    }
    /* children in reverse, so `a` is popped first */
    check_push_list(&st, &n->list2);
    check_push_list(&st, &n->list);
    check_push(&st, n->d);
    check_push(&st, n->c);
    check_push(&st, n->b);
    check_push(&st, n->a);
  }
}
