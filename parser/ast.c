/*
** ast.c -- AST node allocation, lists, kind names and the S-expression dump
** used by parser tests and `csp parse`.
**
** Dump format: one node per line, children indented by two spaces, in slot
** order a, b, c, d, list, then list2 after a "--" line. An absent fixed slot
** followed by a present one prints as "-", so slot positions stay readable.
** A node line is "(KIND attrs" and the closing parens trail the last line.
*/
#include <stdio.h>
#include <string.h>
#include <inttypes.h>
#include "vm/gc.h"
#include "parser/ast.h"
#include "lexer/lexer.h"
#include "grammar.h"

Node *ast_new(NodeKind kind, int line, int col) {
  Node *n = GC_MALLOC(sizeof(Node));
  n->kind = kind;
  n->line = line;
  n->col = col;
  return n;
}

void ast_push(NodeList *l, Node *n) {
  if (l->len == l->cap) {
    int cap = l->cap ? l->cap * 2 : 4;
    Node **items = GC_MALLOC(sizeof(Node *) * (size_t)cap);
    if (l->len) memcpy(items, l->items, sizeof(Node *) * (size_t)l->len);
    l->items = items;
    l->cap = cap;
  }
  l->items[l->len++] = n;
}

static const char *const kind_names[N_KIND_COUNT] = {
  [N_FILE] = "FILE", [N_IMPORT] = "IMPORT", [N_FUNCDECL] = "FUNCDECL",
  [N_VARDECL] = "VARDECL", [N_CONSTDECL] = "CONSTDECL", [N_TYPEDECL] = "TYPEDECL",
  [N_DECLGROUP] = "DECLGROUP", [N_BLOCK] = "BLOCK", [N_EXPRSTMT] = "EXPRSTMT",
  [N_ASSIGN] = "ASSIGN", [N_INCDEC] = "INCDEC", [N_SEND] = "SEND", [N_IF] = "IF",
  [N_FOR] = "FOR", [N_RANGE] = "RANGE", [N_SWITCH] = "SWITCH",
  [N_TYPESWITCH] = "TYPESWITCH", [N_CASE] = "CASE", [N_SELECT] = "SELECT",
  [N_COMMCLAUSE] = "COMMCLAUSE", [N_RETURN] = "RETURN", [N_BREAK] = "BREAK",
  [N_CONTINUE] = "CONTINUE", [N_GOTO] = "GOTO", [N_FALLTHROUGH] = "FALLTHROUGH",
  [N_LABELED] = "LABELED", [N_GO] = "GO", [N_DEFER] = "DEFER", [N_EMPTY] = "EMPTY",
  [N_IDENT] = "IDENT", [N_INT] = "INT", [N_FLOAT] = "FLOAT", [N_IMAG] = "IMAG",
  [N_RUNE] = "RUNE", [N_STRING] = "STRING", [N_BINARY] = "BINARY", [N_UNARY] = "UNARY",
  [N_CALL] = "CALL", [N_INDEX] = "INDEX", [N_SLICE] = "SLICE", [N_SELECTOR] = "SELECTOR",
  [N_TYPEASSERT] = "TYPEASSERT", [N_COMPOSITE] = "COMPOSITE", [N_KEYVALUE] = "KEYVALUE",
  [N_FUNCLIT] = "FUNCLIT", [N_PAREN] = "PAREN", [N_TARRAY] = "TARRAY",
  [N_TSLICE] = "TSLICE", [N_TMAP] = "TMAP", [N_TCHAN] = "TCHAN", [N_TPTR] = "TPTR",
  [N_TFUNC] = "TFUNC", [N_FUNCTYPE] = "FUNCTYPE", [N_TSTRUCT] = "TSTRUCT",
  [N_TINTERFACE] = "TINTERFACE", [N_FIELD] = "FIELD", [N_TELLIPSIS] = "TELLIPSIS",
};

const char *ast_kind_name(NodeKind kind) {
  if ((int)kind < 0 || kind >= N_KIND_COUNT || !kind_names[kind]) return "?";
  return kind_names[kind];
}

/* Go-style quoting of decoded string bytes. */
static void put_quoted(FILE *f, const char *s, size_t n, char q) {
  fputc(q, f);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '\n': fputs("\\n", f); break;
    case '\t': fputs("\\t", f); break;
    case '\r': fputs("\\r", f); break;
    case '\\': fputs("\\\\", f); break;
    case 0: fputs("\\x00", f); break;
    default:
      if (c == (unsigned char)q) { fputc('\\', f); fputc(c, f); }
      else if (c < 0x20 || c == 0x7F) fprintf(f, "\\x%02x", c);
      else fputc(c, f);   /* UTF-8 bytes pass through */
    }
  }
  fputc(q, f);
}

static void dump_attrs(const Node *n, FILE *f) {
  switch (n->kind) {
  case N_INT:
    fprintf(f, " %s =%" PRIu64 "%s", n->name ? n->name : "", (uint64_t)n->ival,
            n->op ? " overflow" : "");
    return;
  case N_FLOAT: case N_IMAG:
    fprintf(f, " %s =%.17g%s", n->name ? n->name : "", n->fval, n->op ? " overflow" : "");
    return;
  case N_RUNE:
    fprintf(f, " %s =%" PRId64, n->name ? n->name : "", n->ival);
    return;
  case N_STRING:
    fputc(' ', f);
    put_quoted(f, n->str ? n->str : "", n->slen, '"');
    return;
  case N_IMPORT:
    fputc(' ', f);
    put_quoted(f, n->str ? n->str : "", n->slen, '"');
    if (n->name) fprintf(f, " as %s", n->name);
    return;
  default:
    break;
  }
  if (n->name) fprintf(f, " %s", n->name);
  switch (n->kind) {
  case N_ASSIGN:
    if (n->op == TK_ASSIGN || n->op == TK_DEFINE) fprintf(f, " %s", lexer_token_text(n->op));
    else fprintf(f, " %s=", lexer_token_text(n->op));
    break;
  case N_INCDEC: case N_BINARY: case N_UNARY:
    fprintf(f, " %s", lexer_token_text(n->op));
    break;
  case N_RANGE:
    if (n->op) fprintf(f, " %s", lexer_token_text(n->op));
    break;
  case N_CALL:
    if (n->op) fputs(" ...", f);
    break;
  case N_CASE:
    if (n->op) fputs(" fallthrough", f);
    break;
  case N_TCHAN:
    fputs(n->op == 1 ? " send" : n->op == 2 ? " recv" : "", f);
    break;
  case N_FUNCTYPE:
    if (n->op) fputs(" variadic", f);
    break;
  case N_FIELD:
    if (n->op) fputs(n->a && n->a->kind == N_TELLIPSIS ? " variadic" : " embedded", f);
    if (n->str) { fputs(" tag=", f); put_quoted(f, n->str, n->slen, '`'); }
    break;
  case N_TYPEDECL:
    if (n->op) fputs(" alias", f);
    break;
  case N_CONSTDECL:
    fprintf(f, " iota=%" PRId64, n->ival);
    break;
  default:
    break;
  }
}

static void indent_to(FILE *f, int indent) {
  for (int i = 0; i < indent; i++) fputc(' ', f);
}

/* Fixed slots shown (as "-" when absent) before a node's list items, so a
** list item is never mistaken for a slot. */
static int list_slots(NodeKind k) {
  switch (k) {
  case N_VARDECL: case N_CONSTDECL: case N_COMMCLAUSE: case N_CALL: case N_COMPOSITE:
    return 1;
  case N_SWITCH: case N_TYPESWITCH:
    return 2;
  default:
    return 0;
  }
}

static void dump(const Node *n, int indent, FILE *f) {
  indent_to(f, indent);
  if (!n) { fputc('-', f); return; }
  fprintf(f, "(%s", ast_kind_name(n->kind));
  dump_attrs(n, f);
  const Node *slots[4] = { n->a, n->b, n->c, n->d };
  int last = -1;
  for (int i = 0; i < 4; i++) if (slots[i]) last = i;
  if ((n->list.len || n->list2.len) && last < list_slots(n->kind) - 1)
    last = list_slots(n->kind) - 1;
  for (int i = 0; i <= last; i++) {
    fputc('\n', f);
    dump(slots[i], indent + 2, f);
  }
  for (int i = 0; i < n->list.len; i++) {
    fputc('\n', f);
    dump(n->list.items[i], indent + 2, f);
  }
  if (n->list2.len) {
    fputc('\n', f);
    indent_to(f, indent + 2);
    fputs("--", f);
    for (int i = 0; i < n->list2.len; i++) {
      fputc('\n', f);
      dump(n->list2.items[i], indent + 2, f);
    }
  }
  fputc(')', f);
}

void ast_dump(Node *n, int indent, void *file) {
  FILE *f = file ? (FILE *)file : stdout;
  dump(n, indent, f);
  fputc('\n', f);
}
