/*
** grammar.y -- the lemon grammar of csp (Go's syntax minus generics) and the
** parser driver: tokens from the lexer in, AST (parser/ast.h) out.
**
** Structure of the grammar:
**  - `type` is the type grammar used in declarations, parameters, results,
**    fields and conversions' inner positions; `expr` is the expression
**    grammar. Type literals that cannot be mistaken for expressions
**    ([]T, [N]T, map, chan, struct, interface, func) are also operands, so
**    conversions and make/new arguments work; `*T` in an expression is a
**    deref (N_UNARY TK_STAR) that the compiler reads as a pointer type where a
**    type is needed.
**  - Go's `if x == T{}` rule: statement headers (if/for/switch) use the
**    duplicated `hexpr` rules, which have no `T{...}` composite literal for
**    a bare (possibly qualified) type name; `[]T{}`, `map[K]V{}`, `[N]T{}`
**    and `struct{...}{}` stay composite literals, as in gc. Parentheses,
**    call arguments and indexes switch back to the full `expr`.
**  - A few shift/reduce choices that Go's recursive-descent parser makes
**    greedily are made here by precedence: the LOWPREC rules (a func type
**    without result, an unqualified type name, a type literal in a header)
**    yield to the tokens that continue them (`(`, `[`, `{`, `.`, `<-`, `*`).
**  - Error recovery: `stmt ::= error` / `topitem ::= error` let lemon
**    resynchronise at the next `;` or `}` of the enclosing statement list.
**    Messages are produced by the driver before the bad token is fed (see
**    parser_accepts), so the "expected" list is exact.
**
** All memory is GC-allocated: the lemon parser object and its stack (malloc,
** realloc and free are redirected to Boehm below) and every AST node.
*/

%name CspParse
%token_prefix TK_
%token_type {Token}
%default_type {Node *}
%extra_argument {PState *ps}
%stack_size 0
%start_symbol file

%include {
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "vm/gc.h"
#include "lexer/lexer.h"
#include "lexer/diag.h"
#include "parser/ast.h"
#include "parser/parse.h"

/* lemon's stack grows with malloc/realloc: it holds AST pointers, so it
** must live in the collected heap (TOOLCHAIN.md section 5). */
#undef malloc
#undef realloc
#undef free
#define malloc(n) GC_MALLOC(n)
#define realloc(p, n) GC_REALLOC(p, n)
#define free(p) GC_FREE(p)

typedef struct PState {
  Diag *diag;
  Node *root;            /* the N_FILE, set when the input is accepted */
  bool failed;           /* lemon gave up (parse failure at end of input) */
  bool reported;         /* the current token's error was already reported */
} PState;

/* A statement list under construction: `open` is true when the last
** statement was not empty, i.e. no `;` follows it yet. */
typedef struct SList { NodeList l; bool open; } SList;

/* ---- helpers defined in parser/parse.c ---- */
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
}

/* ---- tokens (the order fixes the TK_* numbers; keep the lexer in sync by name) */
%token PLUS MINUS STAR SLASH PERCENT AMP OR XOR SHL SHR ANDNOT ANDAND OROR ARROW
       INC DEC EQ NE LT LE GT GE NOT ASSIGN DEFINE ELLIPSIS LPAREN RPAREN LBRACK
       RBRACK LBRACE RBRACE COMMA DOT SEMI COLON TILDE
       PLUS_ASSIGN MINUS_ASSIGN STAR_ASSIGN SLASH_ASSIGN PERCENT_ASSIGN AMP_ASSIGN
       OR_ASSIGN XOR_ASSIGN SHL_ASSIGN SHR_ASSIGN ANDNOT_ASSIGN
       BREAK CASE CHAN CONST CONTINUE DEFAULT DEFER ELSE FALLTHROUGH FOR FUNC GO
       GOTO IF IMPORT INTERFACE MAP PACKAGE RANGE RETURN SELECT STRUCT SWITCH TYPE
       VAR IDENT INT FLOAT IMAG RUNE STRING.

/* Lowest first. LOWPREC is never produced by the lexer: rules tagged with it
** lose every shift/reduce choice against the tokens on the last line. */
%nonassoc LOWPREC.
%left OROR.
%left ANDAND.
%left EQ NE LT LE GT GE.
%left PLUS MINUS OR XOR.
%left STAR SLASH PERCENT SHL SHR AMP ANDNOT.
%nonassoc LPAREN LBRACK LBRACE DOT ARROW.

%syntax_error {
  /* The driver reports errors before feeding a token (with the exact
  ** expected set); this is only a safety net. */
  if (!ps->reported) {
    char buf[128];
    diag_error(ps->diag, TOKEN.line, TOKEN.col, "syntax error: unexpected %s",
               lexer_describe(&TOKEN, buf, sizeof buf));
    ps->reported = true;
  }
}
%parse_failure { ps->failed = true; }
%stack_overflow { ps->failed = true; }

/* =================================================================== file */

file ::= package_opt(P) imports(I) toplist(L). {
  Node *f = ast_new(N_FILE, 1, 1);
  f->name = P;
  f->len = P ? (int)strlen(P) : 0;
  f->list = L.l;
  f->list2 = I;
  ps->root = f;
}

%type package_opt {const char *}
package_opt(A) ::= . { A = NULL; }
package_opt(A) ::= PACKAGE IDENT(N) SEMI. { A = parser_text(&N); }

%type imports {NodeList}
imports(A) ::= . { memset(&A, 0, sizeof A); }
imports(A) ::= imports(B) import_decl(D) SEMI. {
  A = B;
  for (int i = 0; i < D.len; i++) ast_push(&A, D.items[i]);
}

%type import_decl {NodeList}
import_decl(A) ::= IMPORT import_spec(S). { A = parser_list1(S); }
import_decl(A) ::= IMPORT LPAREN import_specs(L) RPAREN. { A = L; }

%type import_specs {NodeList}
import_specs(A) ::= import_spec_opt(S). { memset(&A, 0, sizeof A); if (S) ast_push(&A, S); }
import_specs(A) ::= import_specs(B) SEMI import_spec_opt(S). { A = B; if (S) ast_push(&A, S); }

import_spec_opt(A) ::= . { A = NULL; }
import_spec_opt(A) ::= import_spec(S). { A = S; }

import_spec(A) ::= STRING(P). { A = parser_import(NULL, &P); }
import_spec(A) ::= IDENT(N) STRING(P). { A = parser_import(&N, &P); }
import_spec(A) ::= DOT(N) STRING(P). { A = parser_import(&N, &P); }

%type toplist {SList}
toplist(A) ::= topitem(S). { memset(&A, 0, sizeof A); parser_stmt_add(&A, S); }
toplist(A) ::= toplist(B) SEMI topitem(S). { A = B; A.open = false; parser_stmt_add(&A, S); }

topitem(A) ::= stmt(S). { A = S; }
topitem(A) ::= funcdecl(F). { A = F; }

funcdecl(A) ::= FUNC(K) IDENT(N) signature(S) body_opt(B). {
  A = parser_node(N_FUNCDECL, &K);
  A->name = parser_text(&N); A->len = N.len;
  A->b = S; A->c = B;
}
funcdecl(A) ::= FUNC(K) params(R) IDENT(N) signature(S) body_opt(B). {
  A = parser_node(N_FUNCDECL, &K);
  A->name = parser_text(&N); A->len = N.len;
  A->a = parser_receiver(ps->diag, &K, R);
  A->b = S; A->c = B;
}

body_opt(A) ::= . { A = NULL; }
body_opt(A) ::= block(B). { A = B; }

/* ============================================================= statements */

block(A) ::= LBRACE(L) stmt_list(S) RBRACE. { A = parser_node(N_BLOCK, &L); A->list = S.l; }

%type stmt_list {SList}
stmt_list(A) ::= stmt(S). { memset(&A, 0, sizeof A); parser_stmt_add(&A, S); }
stmt_list(A) ::= stmt_list(B) SEMI stmt(S). { A = B; A.open = false; parser_stmt_add(&A, S); }

stmt(A) ::= . { A = NULL; }
stmt(A) ::= error. { A = NULL; }
stmt(A) ::= simple_stmt(S). { A = S; }
stmt(A) ::= decl(D). { A = D; }
stmt(A) ::= IDENT(N) COLON stmt(S). {
  A = parser_node(N_LABELED, &N);
  A->name = parser_text(&N); A->len = N.len;
  A->a = S ? S : parser_node(N_EMPTY, &N);
}
stmt(A) ::= GO(K) expr(E). { A = parser_gostmt(ps->diag, N_GO, &K, E); }
stmt(A) ::= DEFER(K) expr(E). { A = parser_gostmt(ps->diag, N_DEFER, &K, E); }
stmt(A) ::= RETURN(K). { A = parser_node(N_RETURN, &K); }
stmt(A) ::= RETURN(K) exprlist(L). { A = parser_node(N_RETURN, &K); A->list = L; }
stmt(A) ::= BREAK(K). { A = parser_node(N_BREAK, &K); }
stmt(A) ::= BREAK(K) IDENT(N). { A = parser_node(N_BREAK, &K); A->name = parser_text(&N); A->len = N.len; }
stmt(A) ::= CONTINUE(K). { A = parser_node(N_CONTINUE, &K); }
stmt(A) ::= CONTINUE(K) IDENT(N). { A = parser_node(N_CONTINUE, &K); A->name = parser_text(&N); A->len = N.len; }
stmt(A) ::= GOTO(K) IDENT(N). { A = parser_node(N_GOTO, &K); A->name = parser_text(&N); A->len = N.len; }
stmt(A) ::= FALLTHROUGH(K). { A = parser_node(N_FALLTHROUGH, &K); }
stmt(A) ::= block(B). { A = B; }
stmt(A) ::= if_stmt(S). { A = S; }
stmt(A) ::= for_stmt(S). { A = S; }
stmt(A) ::= switch_stmt(S). { A = S; }
stmt(A) ::= select_stmt(S). { A = S; }

/* ---- simple statements ---- */

simple_stmt(A) ::= expr(E). { A = parser_node_at(N_EXPRSTMT, E); A->a = E; }
simple_stmt(A) ::= expr(C) ARROW expr(V). { A = parser_node_at(N_SEND, C); A->a = C; A->b = V; }
simple_stmt(A) ::= expr(E) INC. { A = parser_node_at(N_INCDEC, E); A->a = E; A->op = TK_INC; }
simple_stmt(A) ::= expr(E) DEC. { A = parser_node_at(N_INCDEC, E); A->a = E; A->op = TK_DEC; }
simple_stmt(A) ::= exprlist(L) ASSIGN exprlist(R). { A = parser_assign(ps->diag, L, TK_ASSIGN, R); }
simple_stmt(A) ::= exprlist(L) DEFINE exprlist(R). { A = parser_assign(ps->diag, L, TK_DEFINE, R); }
simple_stmt(A) ::= expr(L) assign_op(O) expr(R). { A = parser_assign(ps->diag, parser_list1(L), O, parser_list1(R)); }

%type assign_op {int}
assign_op(A) ::= PLUS_ASSIGN. { A = TK_PLUS; }
assign_op(A) ::= MINUS_ASSIGN. { A = TK_MINUS; }
assign_op(A) ::= STAR_ASSIGN. { A = TK_STAR; }
assign_op(A) ::= SLASH_ASSIGN. { A = TK_SLASH; }
assign_op(A) ::= PERCENT_ASSIGN. { A = TK_PERCENT; }
assign_op(A) ::= AMP_ASSIGN. { A = TK_AMP; }
assign_op(A) ::= OR_ASSIGN. { A = TK_OR; }
assign_op(A) ::= XOR_ASSIGN. { A = TK_XOR; }
assign_op(A) ::= SHL_ASSIGN. { A = TK_SHL; }
assign_op(A) ::= SHR_ASSIGN. { A = TK_SHR; }
assign_op(A) ::= ANDNOT_ASSIGN. { A = TK_ANDNOT; }

/* header versions (no T{} composite literal) */
hsimple(A) ::= hexpr(E). { A = parser_node_at(N_EXPRSTMT, E); A->a = E; }
hsimple(A) ::= hexpr(C) ARROW hexpr(V). { A = parser_node_at(N_SEND, C); A->a = C; A->b = V; }
hsimple(A) ::= hexpr(E) INC. { A = parser_node_at(N_INCDEC, E); A->a = E; A->op = TK_INC; }
hsimple(A) ::= hexpr(E) DEC. { A = parser_node_at(N_INCDEC, E); A->a = E; A->op = TK_DEC; }
hsimple(A) ::= hexprlist(L) ASSIGN hexprlist(R). { A = parser_assign(ps->diag, L, TK_ASSIGN, R); }
hsimple(A) ::= hexprlist(L) DEFINE hexprlist(R). { A = parser_assign(ps->diag, L, TK_DEFINE, R); }
hsimple(A) ::= hexpr(L) assign_op(O) hexpr(R). { A = parser_assign(ps->diag, parser_list1(L), O, parser_list1(R)); }

hsimple_opt(A) ::= . { A = NULL; }
hsimple_opt(A) ::= hsimple(S). { A = S; }

/* ---- if / for / switch / select ---- */

if_stmt(A) ::= IF(K) hsimple(C) block(T) else_opt(E). {
  A = parser_if(ps->diag, &K, NULL, parser_cond(ps->diag, C, "if"), T, E);
}
if_stmt(A) ::= IF(K) hsimple_opt(I) SEMI(S) hsimple(C) block(T) else_opt(E). {
  (void)S;
  A = parser_if(ps->diag, &K, I, parser_cond(ps->diag, C, "if"), T, E);
}
if_stmt(A) ::= IF(K) block(T) else_opt(E). {
  diag_error(ps->diag, T->line, T->col, "syntax error: missing condition in if statement");
  A = parser_if(ps->diag, &K, NULL, NULL, T, E);
}
if_stmt(A) ::= IF(K) hsimple_opt(I) SEMI(S) block(T) else_opt(E). {
  if (S.flags & TOKF_AUTOSEMI)
    diag_error(ps->diag, S.line, S.col, "syntax error: unexpected newline, expected { after if clause");
  else
    diag_error(ps->diag, S.line, S.col, "syntax error: missing condition in if statement");
  A = parser_if(ps->diag, &K, I, NULL, T, E);
}

else_opt(A) ::= . { A = NULL; }
else_opt(A) ::= ELSE if_stmt(S). { A = S; }
else_opt(A) ::= ELSE block(B). { A = B; }

for_stmt(A) ::= FOR(K) block(B). { A = parser_for(ps->diag, &K, NULL, NULL, NULL, B); }
for_stmt(A) ::= FOR(K) hsimple(C) block(B). {
  A = parser_for(ps->diag, &K, NULL, parser_cond(ps->diag, C, "for"), NULL, B);
}
for_stmt(A) ::= FOR(K) hsimple_opt(I) SEMI hsimple_opt(C) SEMI hsimple_opt(P) block(B). {
  A = parser_for(ps->diag, &K, I, C ? parser_cond(ps->diag, C, "for") : NULL, P, B);
}
for_stmt(A) ::= FOR(K) hexprlist(L) ASSIGN RANGE hexpr(X) block(B). {
  A = parser_range(ps->diag, &K, L, TK_ASSIGN, X, B);
}
for_stmt(A) ::= FOR(K) hexprlist(L) DEFINE RANGE hexpr(X) block(B). {
  A = parser_range(ps->diag, &K, L, TK_DEFINE, X, B);
}
for_stmt(A) ::= FOR(K) RANGE hexpr(X) block(B). {
  NodeList none; memset(&none, 0, sizeof none);
  A = parser_range(ps->diag, &K, none, 0, X, B);
}

switch_stmt(A) ::= SWITCH(K) LBRACE case_clauses(C) RBRACE. {
  A = parser_switch(ps->diag, &K, NULL, NULL, C);
}
switch_stmt(A) ::= SWITCH(K) hsimple(T) LBRACE case_clauses(C) RBRACE. {
  A = parser_switch(ps->diag, &K, NULL, T, C);
}
switch_stmt(A) ::= SWITCH(K) hsimple_opt(I) SEMI LBRACE case_clauses(C) RBRACE. {
  A = parser_switch(ps->diag, &K, I, NULL, C);
}
switch_stmt(A) ::= SWITCH(K) hsimple_opt(I) SEMI hsimple(T) LBRACE case_clauses(C) RBRACE. {
  A = parser_switch(ps->diag, &K, I, T, C);
}

%type case_clauses {NodeList}
case_clauses(A) ::= . { memset(&A, 0, sizeof A); }
case_clauses(A) ::= case_clauses(B) case_clause(C). { A = B; parser_add_clause(ps->diag, &A, C); }

case_clause(A) ::= CASE(K) exprlist(L) COLON stmt_list(S). { A = parser_case(L, S, &K, false); }
case_clause(A) ::= DEFAULT(K) COLON stmt_list(S). {
  NodeList none; memset(&none, 0, sizeof none);
  A = parser_case(none, S, &K, true);
}

select_stmt(A) ::= SELECT(K) LBRACE comm_clauses(C) RBRACE. {
  A = parser_node(N_SELECT, &K);
  A->list = C;
  if (A->list.len) A->list.items[A->list.len - 1]->ival = 0;
}

%type comm_clauses {NodeList}
comm_clauses(A) ::= . { memset(&A, 0, sizeof A); }
comm_clauses(A) ::= comm_clauses(B) comm_clause(C). { A = B; parser_add_clause(ps->diag, &A, C); }

comm_clause(A) ::= CASE(K) simple_stmt(C) COLON stmt_list(S). { A = parser_commclause(ps->diag, &K, C, S); }
comm_clause(A) ::= DEFAULT(K) COLON stmt_list(S). { A = parser_commclause(ps->diag, &K, NULL, S); }

/* =========================================================== declarations */

decl(A) ::= VAR var_spec(S). { A = S; }
decl(A) ::= VAR(K) LPAREN var_specs(L) RPAREN. { A = parser_node(N_DECLGROUP, &K); A->list = L; }
decl(A) ::= CONST const_spec(S). {
  A = parser_constdecl(ps->diag, S->list, S->a, S->list2, S->op, 0, false);
}
decl(A) ::= CONST(K) LPAREN const_specs(L) RPAREN. {
  A = parser_node(N_DECLGROUP, &K);
  for (int i = 0; i < L.len; i++) {
    Node *s = L.items[i];
    ast_push(&A->list, parser_constdecl(ps->diag, s->list, s->a, s->list2, s->op, i, true));
  }
}
decl(A) ::= TYPE type_spec(S). { A = S; }
decl(A) ::= TYPE(K) LPAREN type_specs(L) RPAREN. { A = parser_node(N_DECLGROUP, &K); A->list = L; }

%type var_specs {NodeList}
var_specs(A) ::= var_spec_opt(S). { memset(&A, 0, sizeof A); if (S) ast_push(&A, S); }
var_specs(A) ::= var_specs(B) SEMI var_spec_opt(S). { A = B; if (S) ast_push(&A, S); }
var_spec_opt(A) ::= . { A = NULL; }
var_spec_opt(A) ::= var_spec(S). { A = S; }

var_spec(A) ::= identlist(N) type(T). { NodeList e; memset(&e, 0, sizeof e); A = parser_vardecl(N, T, e); }
var_spec(A) ::= identlist(N) type(T) ASSIGN exprlist(V). { A = parser_vardecl(N, T, V); }
var_spec(A) ::= identlist(N) ASSIGN exprlist(V). { A = parser_vardecl(N, NULL, V); }

/* A const spec is first collected in a scratch N_CONSTDECL (list names,
** a type, list2 values, op = has values); decl builds the real one. */
%type const_specs {NodeList}
const_specs(A) ::= const_spec_opt(S). { memset(&A, 0, sizeof A); if (S) ast_push(&A, S); }
const_specs(A) ::= const_specs(B) SEMI const_spec_opt(S). { A = B; if (S) ast_push(&A, S); }
const_spec_opt(A) ::= . { A = NULL; }
const_spec_opt(A) ::= const_spec(S). { A = S; }

const_spec(A) ::= identlist(N). {
  A = parser_node_at(N_CONSTDECL, N.items[0]); A->list = N;
}
const_spec(A) ::= identlist(N) type(T). {
  A = parser_node_at(N_CONSTDECL, N.items[0]); A->list = N; A->a = T;
}
const_spec(A) ::= identlist(N) type(T) ASSIGN exprlist(V). {
  A = parser_node_at(N_CONSTDECL, N.items[0]); A->list = N; A->a = T; A->list2 = V; A->op = 1;
}
const_spec(A) ::= identlist(N) ASSIGN exprlist(V). {
  A = parser_node_at(N_CONSTDECL, N.items[0]); A->list = N; A->list2 = V; A->op = 1;
}

%type type_specs {NodeList}
type_specs(A) ::= type_spec_opt(S). { memset(&A, 0, sizeof A); if (S) ast_push(&A, S); }
type_specs(A) ::= type_specs(B) SEMI type_spec_opt(S). { A = B; if (S) ast_push(&A, S); }
type_spec_opt(A) ::= . { A = NULL; }
type_spec_opt(A) ::= type_spec(S). { A = S; }

type_spec(A) ::= IDENT(N) type(T). {
  A = parser_node(N_TYPEDECL, &N); A->name = parser_text(&N); A->len = N.len; A->a = T;
}
type_spec(A) ::= IDENT(N) ASSIGN type(T). {
  A = parser_node(N_TYPEDECL, &N); A->name = parser_text(&N); A->len = N.len; A->a = T; A->op = 1;
}

%type identlist {NodeList}
identlist(A) ::= IDENT(N). { A = parser_list1(parser_ident(&N)); }
identlist(A) ::= identlist(B) COMMA IDENT(N). { A = B; ast_push(&A, parser_ident(&N)); }

/* ================================================================== types */

type(A) ::= type_na(T). { A = T; }
type(A) ::= ARROW(K) CHAN type(T). { A = parser_node(N_TCHAN, &K); A->b = T; A->op = 2; }

/* a type that does not start with `<-` (the element of `chan T`: Go binds
** `chan <-chan T` as `chan<- (chan T)`) */
type_na(A) ::= typename(T). { A = T; }
type_na(A) ::= typelit(T). { A = T; }
type_na(A) ::= LPAREN type(T) RPAREN. { A = T; }

/* result type: no leading `(` (that starts a result parameter list) */
type_np(A) ::= typename(T). { A = T; }
type_np(A) ::= typelit(T). { A = T; }
type_np(A) ::= ARROW(K) CHAN type(T). { A = parser_node(N_TCHAN, &K); A->b = T; A->op = 2; }

typename(A) ::= IDENT(N). [LOWPREC] { A = parser_ident(&N); }
typename(A) ::= IDENT(P) DOT IDENT(N). {
  A = parser_node(N_SELECTOR, &N); A->a = parser_ident(&P); A->name = parser_text(&N); A->len = N.len;
}

typelit(A) ::= exprtype(T). { A = T; }
typelit(A) ::= STAR(K) type(T). { A = parser_node(N_TPTR, &K); A->b = T; }
typelit(A) ::= FUNC(K) signature(S). { A = parser_node(N_TFUNC, &K); A->a = S; }

/* type literals that are also operands in expressions */
exprtype(A) ::= LBRACK(K) expr(N) RBRACK type(T). { A = parser_node(N_TARRAY, &K); A->a = N; A->b = T; }
exprtype(A) ::= LBRACK(K) ELLIPSIS RBRACK type(T). { A = parser_node(N_TARRAY, &K); A->b = T; }
exprtype(A) ::= LBRACK(K) RBRACK type(T). { A = parser_node(N_TSLICE, &K); A->b = T; }
exprtype(A) ::= MAP(K) LBRACK type(KT) RBRACK type(VT). { A = parser_node(N_TMAP, &K); A->a = KT; A->b = VT; }
exprtype(A) ::= CHAN(K) type_na(T). { A = parser_node(N_TCHAN, &K); A->b = T; }
exprtype(A) ::= CHAN(K) ARROW type(T). { A = parser_node(N_TCHAN, &K); A->b = T; A->op = 1; }
exprtype(A) ::= STRUCT(K) LBRACE field_list(F) RBRACE. { A = parser_node(N_TSTRUCT, &K); A->list = F; }
exprtype(A) ::= INTERFACE(K) LBRACE iface_list(F) RBRACE. { A = parser_node(N_TINTERFACE, &K); A->list = F; }

%type field_list {NodeList}
field_list(A) ::= field_decl(F). { A = F; }
field_list(A) ::= field_list(B) SEMI field_decl(F). {
  A = B;
  for (int i = 0; i < F.len; i++) ast_push(&A, F.items[i]);
}

%type field_decl {NodeList}
field_decl(A) ::= . { memset(&A, 0, sizeof A); }
field_decl(A) ::= identlist(N) type(T). { memset(&A, 0, sizeof A); parser_fields(&A, N, T, NULL); }
field_decl(A) ::= identlist(N) type(T) STRING(G). { memset(&A, 0, sizeof A); parser_fields(&A, N, T, &G); }
field_decl(A) ::= embedded(E). { A = parser_list1(E); }
field_decl(A) ::= embedded(E) STRING(G). { A = parser_list1(E); E->str = G.str; E->slen = G.slen; }

embedded(A) ::= typename(T). { A = parser_node_at(N_FIELD, T); A->a = T; A->op = 1; }
embedded(A) ::= STAR(K) typename(T). {
  Node *p = parser_node(N_TPTR, &K); p->b = T;
  A = parser_node(N_FIELD, &K); A->a = p; A->op = 1;
}

%type iface_list {NodeList}
iface_list(A) ::= iface_elem(E). { memset(&A, 0, sizeof A); if (E) ast_push(&A, E); }
iface_list(A) ::= iface_list(B) SEMI iface_elem(E). { A = B; if (E) ast_push(&A, E); }

iface_elem(A) ::= . { A = NULL; }
iface_elem(A) ::= IDENT(N) signature(S). { A = parser_field(&N, S); }
iface_elem(A) ::= typename(T). { A = parser_node_at(N_FIELD, T); A->a = T; }

/* ---- signatures and parameters ---- */

signature(A) ::= params(P). [LOWPREC] {
  NodeList none; memset(&none, 0, sizeof none);
  A = parser_functype(ps->diag, NULL, P, none);
}
signature(A) ::= params(P) params(R). { A = parser_functype(ps->diag, NULL, P, R); }
signature(A) ::= params(P) type_np(T). {
  Node *f = parser_node_at(N_FIELD, T); f->a = T;
  A = parser_functype(ps->diag, NULL, P, parser_list1(f));
}

%type params {NodeList}
params(A) ::= LPAREN RPAREN. { memset(&A, 0, sizeof A); }
params(A) ::= LPAREN param_list(L) comma_opt RPAREN. { A = L; }

%type param_list {NodeList}
param_list(A) ::= param(P). { A = parser_list1(P); }
param_list(A) ::= param_list(B) COMMA param(P). { A = B; ast_push(&A, P); }

param(A) ::= type(T). { A = parser_node_at(N_FIELD, T); A->a = T; }
param(A) ::= IDENT(N) type(T). { A = parser_field(&N, T); }
param(A) ::= IDENT(N) ELLIPSIS(E) type(T). {
  Node *e = parser_node(N_TELLIPSIS, &E); e->b = T;
  A = parser_field(&N, e); A->op = 1;
}
param(A) ::= ELLIPSIS(E) type(T). {
  Node *e = parser_node(N_TELLIPSIS, &E); e->b = T;
  A = parser_node(N_FIELD, &E); A->a = e; A->op = 1;
}

comma_opt ::= .
comma_opt ::= COMMA.

/* ============================================================ expressions */

%type exprlist {NodeList}
exprlist(A) ::= expr(E). { A = parser_list1(E); }
exprlist(A) ::= exprlist(B) COMMA expr(E). { A = B; ast_push(&A, E); }

expr(A) ::= unary(U). { A = U; }
expr(A) ::= expr(X) OROR(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) ANDAND(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) EQ(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) NE(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) LT(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) LE(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) GT(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) GE(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) PLUS(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) MINUS(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) OR(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) XOR(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) STAR(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) SLASH(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) PERCENT(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) SHL(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) SHR(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) AMP(O) expr(Y). { A = parser_binary(&O, X, Y); }
expr(A) ::= expr(X) ANDNOT(O) expr(Y). { A = parser_binary(&O, X, Y); }

unary(A) ::= primary(P). { A = P; }
unary(A) ::= PLUS(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= MINUS(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= NOT(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= XOR(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= STAR(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= AMP(O) unary(X). { A = parser_unary(&O, X); }
unary(A) ::= ARROW(O) unary(X). { A = parser_unary(&O, X); }

primary(A) ::= operand(O). { A = O; }
primary(A) ::= primary(X) DOT IDENT(N). {
  A = parser_node(N_SELECTOR, &N); A->a = X; A->name = parser_text(&N); A->len = N.len;
}
primary(A) ::= primary(X) DOT LPAREN type(T) RPAREN. { A = parser_node_at(N_TYPEASSERT, X); A->a = X; A->b = T; }
primary(A) ::= primary(X) DOT LPAREN TYPE RPAREN. { A = parser_node_at(N_TYPEASSERT, X); A->a = X; }
primary(A) ::= primary(X) LBRACK expr(I) RBRACK. { A = parser_node_at(N_INDEX, X); A->a = X; A->b = I; }
primary(A) ::= primary(X) LBRACK expr_opt(L) COLON expr_opt(H) RBRACK. {
  A = parser_node_at(N_SLICE, X); A->a = X; A->b = L; A->c = H;
}
primary(A) ::= primary(X) LBRACK expr_opt(L) COLON expr(H) COLON expr(M) RBRACK. {
  A = parser_node_at(N_SLICE, X); A->a = X; A->b = L; A->c = H; A->d = M;
}
primary(A) ::= primary(X) LPAREN RPAREN. { A = parser_node_at(N_CALL, X); A->a = X; }
primary(A) ::= primary(X) LPAREN exprlist(L) comma_opt RPAREN. {
  A = parser_node_at(N_CALL, X); A->a = X; A->list = L;
}
primary(A) ::= primary(X) LPAREN exprlist(L) ELLIPSIS comma_opt RPAREN. {
  A = parser_node_at(N_CALL, X); A->a = X; A->list = L; A->op = 1;
}
primary(A) ::= primary(X) LBRACE(B) elems(E) RBRACE. { A = parser_complit(ps->diag, X, E, &B); }

operand(A) ::= INT(T). { A = parser_literal(&T); }
operand(A) ::= FLOAT(T). { A = parser_literal(&T); }
operand(A) ::= IMAG(T). { A = parser_literal(&T); }
operand(A) ::= RUNE(T). { A = parser_literal(&T); }
operand(A) ::= STRING(T). { A = parser_literal(&T); }
operand(A) ::= IDENT(T). { A = parser_ident(&T); }
operand(A) ::= LPAREN(K) expr(E) RPAREN. { A = parser_node(N_PAREN, &K); A->a = E; }
operand(A) ::= FUNC(K) signature(S) block(B). { A = parser_node(N_FUNCLIT, &K); A->a = S; A->b = B; }
operand(A) ::= FUNC(K) signature(S). [LOWPREC] { A = parser_node(N_TFUNC, &K); A->a = S; }
operand(A) ::= exprtype(T). { A = T; }

expr_opt(A) ::= . { A = NULL; }
expr_opt(A) ::= expr(E). { A = E; }

%type elems {NodeList}
elems(A) ::= . { memset(&A, 0, sizeof A); }
elems(A) ::= elem_list(L) comma_opt. { A = L; }

%type elem_list {NodeList}
elem_list(A) ::= elem(E). { A = parser_list1(E); }
elem_list(A) ::= elem_list(B) COMMA elem(E). { A = B; ast_push(&A, E); }

elem(A) ::= elemval(V). { A = V; }
elem(A) ::= elemval(K) COLON elemval(V). { A = parser_node_at(N_KEYVALUE, K); A->a = K; A->b = V; }

elemval(A) ::= expr(E). { A = E; }
elemval(A) ::= LBRACE(B) elems(E) RBRACE. { A = parser_complit(ps->diag, NULL, E, &B); }

/* ---- header expressions: the same without `T{...}` ---- */

%type hexprlist {NodeList}
hexprlist(A) ::= hexpr(E). { A = parser_list1(E); }
hexprlist(A) ::= hexprlist(B) COMMA hexpr(E). { A = B; ast_push(&A, E); }

hexpr(A) ::= hunary(U). { A = U; }
hexpr(A) ::= hexpr(X) OROR(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) ANDAND(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) EQ(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) NE(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) LT(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) LE(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) GT(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) GE(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) PLUS(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) MINUS(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) OR(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) XOR(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) STAR(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) SLASH(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) PERCENT(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) SHL(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) SHR(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) AMP(O) hexpr(Y). { A = parser_binary(&O, X, Y); }
hexpr(A) ::= hexpr(X) ANDNOT(O) hexpr(Y). { A = parser_binary(&O, X, Y); }

hunary(A) ::= hprimary(P). { A = P; }
hunary(A) ::= PLUS(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= MINUS(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= NOT(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= XOR(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= STAR(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= AMP(O) hunary(X). { A = parser_unary(&O, X); }
hunary(A) ::= ARROW(O) hunary(X). { A = parser_unary(&O, X); }

hprimary(A) ::= hoperand(O). { A = O; }
hprimary(A) ::= hprimary(X) DOT IDENT(N). {
  A = parser_node(N_SELECTOR, &N); A->a = X; A->name = parser_text(&N); A->len = N.len;
}
hprimary(A) ::= hprimary(X) DOT LPAREN type(T) RPAREN. { A = parser_node_at(N_TYPEASSERT, X); A->a = X; A->b = T; }
hprimary(A) ::= hprimary(X) DOT LPAREN TYPE RPAREN. { A = parser_node_at(N_TYPEASSERT, X); A->a = X; }
hprimary(A) ::= hprimary(X) LBRACK expr(I) RBRACK. { A = parser_node_at(N_INDEX, X); A->a = X; A->b = I; }
hprimary(A) ::= hprimary(X) LBRACK expr_opt(L) COLON expr_opt(H) RBRACK. {
  A = parser_node_at(N_SLICE, X); A->a = X; A->b = L; A->c = H;
}
hprimary(A) ::= hprimary(X) LBRACK expr_opt(L) COLON expr(H) COLON expr(M) RBRACK. {
  A = parser_node_at(N_SLICE, X); A->a = X; A->b = L; A->c = H; A->d = M;
}
hprimary(A) ::= hprimary(X) LPAREN RPAREN. { A = parser_node_at(N_CALL, X); A->a = X; }
hprimary(A) ::= hprimary(X) LPAREN exprlist(L) comma_opt RPAREN. {
  A = parser_node_at(N_CALL, X); A->a = X; A->list = L;
}
hprimary(A) ::= hprimary(X) LPAREN exprlist(L) ELLIPSIS comma_opt RPAREN. {
  A = parser_node_at(N_CALL, X); A->a = X; A->list = L; A->op = 1;
}

hoperand(A) ::= INT(T). { A = parser_literal(&T); }
hoperand(A) ::= FLOAT(T). { A = parser_literal(&T); }
hoperand(A) ::= IMAG(T). { A = parser_literal(&T); }
hoperand(A) ::= RUNE(T). { A = parser_literal(&T); }
hoperand(A) ::= STRING(T). { A = parser_literal(&T); }
hoperand(A) ::= IDENT(T). { A = parser_ident(&T); }
hoperand(A) ::= LPAREN(K) expr(E) RPAREN. { A = parser_node(N_PAREN, &K); A->a = E; }
hoperand(A) ::= FUNC(K) signature(S) block(B). { A = parser_node(N_FUNCLIT, &K); A->a = S; A->b = B; }
hoperand(A) ::= exprtype(T). [LOWPREC] { A = T; }
hoperand(A) ::= exprtype(T) LBRACE(B) elems(E) RBRACE. { A = parser_complit(ps->diag, T, E, &B); }

/* =================================================================== code */

%code {

/* Deepest parser stack accepted (entries, roughly one per open paren /
** brace / operator). Beyond it the input is rejected with an error instead
** of exhausting memory or the compiler's C stack. */
#define PARSE_MAX_DEPTH 5000

/* Would the terminal `tok` be shifted (or accepted) in the parser's current
** configuration? Simulates lemon's reduce loop on a virtual stack: the real
** stack below `rtop` plus a small overlay of pushed states, so the parser is
** not modified. (Uses lempar internals; lemon 3.40 is pinned.) */
static int parser_accepts(yyParser *p, int tok) {
  YYACTIONTYPE over[128];
  int nover = 0;
  int rtop = (int)(p->yytos - p->yystack);
  YYACTIONTYPE act = p->yytos->stateno;
  for (;;) {
    act = yy_find_shift_action((YYCODETYPE)tok, act);
    if (act >= YY_MIN_REDUCE) {
      unsigned rule = act - YY_MIN_REDUCE;
      int n = -yyRuleInfoNRhs[rule];
      while (n > 0 && nover > 0) { nover--; n--; }
      rtop -= n;
      if (rtop < 0) return 0;
      YYACTIONTYPE below = nover ? over[nover - 1] : p->yystack[rtop].stateno;
      YYACTIONTYPE go = yy_find_reduce_action(below, yyRuleInfoLhs[rule]);
      if (nover == (int)(sizeof over / sizeof over[0])) return 1; /* give up: assume ok */
      over[nover++] = go;
      act = go;
      continue;
    }
    if (act <= YY_MAX_SHIFTREDUCE) return 1;
    return act == YY_ACCEPT_ACTION;
  }
}

/* The parser is recovering from an error (lemon discards tokens until one
** fits after the `error` symbol, and reports nothing until 3 shifts). */
static bool parser_recovering(yyParser *p) { return p->yyerrcnt >= 0; }

static int parser_depth(yyParser *p) { return (int)(p->yytos - p->yystack); }


Node *parse_source(Diag *diag, const char *src, size_t len) {
  PState ps;
  memset(&ps, 0, sizeof ps);
  ps.diag = diag;
  int base = diag->count;
  bool first_seen = false, first_incomplete = false;
  Lexer L;
  lexer_init(&L, diag, src, len);
  yyParser *p = CspParseAlloc(GC_malloc);
  if (!p) {
    diag_error(diag, 1, 1, "out of memory");
    return NULL;
  }
  unsigned char ok[YYNTOKEN];
  int skip_braces = 0;   /* braces opened inside discarded input */
  Token t;
  int k;
  do {
    k = lexer_next(&L, &t);
    if (!first_seen && diag->count > base) {
      first_seen = true;
      first_incomplete = diag->incomplete;
    }
    if (diag->count - base > DIAG_MAX) break;
    if (parser_depth(p) >= PARSE_MAX_DEPTH) {
      diag_error(diag, t.line, t.col, "expression nested too deeply");
      break;
    }
    ps.reported = false;
    if (skip_braces > 0 && k != 0) {
      /* discarding a braced region after an error: keep it balanced */
      if (k == TK_LBRACE) skip_braces++;
      else if (k == TK_RBRACE) skip_braces--;
      continue;
    }
    if (!parser_accepts(p, k)) {
      if (!parser_recovering(p)) {
        bool at_eof = k == 0 || (t.flags & TOKF_EOFSEMI);
        ps.reported = true;   /* also when suppressed: keep lemon quiet */
        if (!(at_eof && diag->count > base)) {
          /* gc: no follow-up errors at EOF */
          for (int i = 0; i < YYNTOKEN; i++)
            ok[i] = (unsigned char)(i > 0 && i != YYERRORSYMBOL && i != TK_LOWPREC &&
                                    parser_accepts(p, i));
          parser_syntax_error(diag, &t, ok, YYNTOKEN);
          if (!first_seen) {
            first_seen = true;
            first_incomplete = at_eof;
            if (at_eof) diag->incomplete = true;
          }
        }
      } else if (k == TK_LBRACE) {
        /* lemon will discard this `{` while recovering: discard its whole
        ** block with it, so its `}` does not close an outer construct */
        skip_braces = 1;
        continue;
      }
    }
    CspParse(p, k, t, &ps);
  } while (k != 0 && !ps.failed);
  if (first_seen) diag->incomplete = first_incomplete;
  if (diag->count > base || !ps.root) {
    if (diag->count == base) diag_error(diag, t.line, t.col, "syntax error");
    return NULL;
  }
  parser_check_tree(diag, ps.root);
  if (diag->count > base) return NULL;
  return ps.root;
}

} /* %code */
