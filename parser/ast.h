/*
** ast.h -- the abstract syntax tree built by the parser and read by the compiler.
**
** One node struct for every kind, Lua-parser style: a kind, a position, and a few
** generic slots whose meaning depends on the kind (documented per kind below).
** Nodes are GC-allocated (GC_MALLOC) and never freed explicitly.
**
** Conventions for the slots:
**   a, b, c, d : single children (NULL when absent)
**   list       : ordered children (NodeList)
**   list2      : a second ordered list where a kind needs two
**   name/len   : identifier text or literal source text (not NUL-terminated
**                in the source, but ast_* constructors copy it NUL-terminated)
**   op         : an operator token kind (TK_* from the lemon grammar), or a flag
**   ival/fval  : literal values decoded by the lexer (int, float, rune)
**   str/slen   : decoded string literal bytes (escapes processed), NUL-terminated
*/
#ifndef CSP_AST_H
#define CSP_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct Node Node;

typedef struct NodeList {
  Node **items;
  int len, cap;
} NodeList;

typedef enum NodeKind {
  /* ---- files and declarations ---- */
  N_FILE,        /* list: top-level decls and statements in source order;
                    name: package name or NULL (script mode);
                    list2: N_IMPORT nodes */
  N_IMPORT,      /* str: import path ("fmt", "math/rand"); name: alias or NULL
                    ("_" and "." are kept as alias text) */
  N_FUNCDECL,    /* name: function name; a: receiver N_FIELD or NULL (method);
                    b: N_FUNCTYPE signature; c: body N_BLOCK or NULL */
  N_VARDECL,     /* one spec of `var`: list: N_IDENT names; a: type or NULL;
                    list2: initialiser expressions (may be empty) */
  N_CONSTDECL,   /* one spec of `const`: list: N_IDENT names; a: type or NULL;
                    list2: expressions (empty = repeat previous spec's list, Go's
                    implicit repetition); ival: iota value of this spec */
  N_TYPEDECL,    /* name: type name; a: the type expression; op: 1 if alias (`type A = B`) */
  N_DECLGROUP,   /* list: several N_VARDECL / N_CONSTDECL / N_TYPEDECL from one
                    parenthesised group (`var ( ... )`) */

  /* ---- statements ---- */
  N_BLOCK,       /* list: statements */
  N_EXPRSTMT,    /* a: expression */
  N_ASSIGN,      /* list: lhs exprs; list2: rhs exprs; op: TK_ASSIGN for `=`,
                    TK_DEFINE for `:=`, or the binary operator token for op-assign
                    (TK_PLUS for `+=`, TK_SHL for `<<=`, ...) */
  N_INCDEC,      /* a: operand; op: TK_INC or TK_DEC */
  N_SEND,        /* a: channel; b: value */
  N_IF,          /* a: init stmt or NULL; b: condition; c: then N_BLOCK;
                    d: else (N_BLOCK or N_IF) or NULL */
  N_FOR,         /* a: init stmt or NULL; b: cond or NULL; c: post stmt or NULL;
                    d: body N_BLOCK */
  N_RANGE,       /* for-range: a: key expr or NULL; b: value expr or NULL;
                    c: the ranged expression; d: body; op: TK_DEFINE, TK_ASSIGN,
                    or 0 for `for range x` */
  N_SWITCH,      /* a: init or NULL; b: tag expr or NULL; list: N_CASE clauses */
  N_TYPESWITCH,  /* a: init or NULL; name: bound variable or NULL (`switch v := x.(type)`);
                    b: the expression x; list: N_CASE clauses (case list holds types,
                    N_IDENT "nil" for nil) */
  N_CASE,        /* list: case expressions (empty = default); list2: statements;
                    op: 1 if the clause ends with fallthrough (also kept as an
                    N_FALLTHROUGH statement at the end of list2) */
  N_SELECT,      /* list: N_COMMCLAUSE clauses */
  N_COMMCLAUSE,  /* a: the comm statement: N_SEND, N_EXPRSTMT(<-ch),
                    N_ASSIGN(x[, ok] = / := <-ch), or NULL for default;
                    list2: statements */
  N_RETURN,      /* list: results */
  N_BREAK,       /* name: label or NULL */
  N_CONTINUE,    /* name: label or NULL */
  N_GOTO,        /* name: label */
  N_FALLTHROUGH,
  N_LABELED,     /* name: label; a: the labelled statement */
  N_GO,          /* a: call expression (N_CALL) */
  N_DEFER,       /* a: call expression (N_CALL) */
  N_EMPTY,       /* empty statement */

  /* ---- expressions ---- */
  N_IDENT,       /* name (also `_`, `nil`, `true`, `false`, `iota`, builtin names:
                    the parser does not resolve names) */
  N_INT,         /* ival: value (decoded; op=1 if it overflowed uint64: the compiler
                    reports "constant overflows"); name: source text */
  N_FLOAT,       /* fval; name: source text */
  N_IMAG,        /* imaginary literal: parsed, rejected by the compiler */
  N_RUNE,        /* ival: code point */
  N_STRING,      /* str/slen: decoded bytes (interpreted or raw) */
  N_BINARY,      /* op: TK_PLUS ... TK_OROR; a, b */
  N_UNARY,       /* op: TK_PLUS TK_MINUS TK_NOT TK_XOR TK_AMP (address-of)
                    TK_STAR (deref) TK_ARROW (receive); a: operand */
  N_CALL,        /* a: callee; list: arguments; op: 1 if the last argument is
                    followed by `...` (spread). Conversions `T(x)` and builtin
                    calls also parse as N_CALL (a may be a type node) */
  N_INDEX,       /* a: operand; b: index. (Generic instantiation is out of scope.) */
  N_SLICE,       /* a: operand; b: low or NULL; c: high or NULL; d: max or NULL */
  N_SELECTOR,    /* a: operand; name: field/method/package member */
  N_TYPEASSERT,  /* a: operand; b: type (NULL for `.(type)`, only in type switches) */
  N_COMPOSITE,   /* a: type (N_T* or N_IDENT/N_SELECTOR naming a type, or NULL for
                    an elided type inside another composite literal); list:
                    elements: plain expressions or N_KEYVALUE */
  N_KEYVALUE,    /* a: key (N_IDENT for struct field names); b: value */
  N_FUNCLIT,     /* a: N_FUNCTYPE; b: body N_BLOCK */
  N_PAREN,       /* a: inner expression (kept so `(T){}` rules and errors work) */

  /* ---- types ---- */
  N_TARRAY,      /* a: length expr (NULL for `[...]T`); b: element type */
  N_TSLICE,      /* b: element type */
  N_TMAP,        /* a: key type; b: value type */
  N_TCHAN,       /* b: element type; op: 0 both ways, 1 send-only (chan<-),
                    2 receive-only (<-chan) */
  N_TPTR,        /* b: pointee type */
  N_TFUNC,       /* a: N_FUNCTYPE */
  N_FUNCTYPE,    /* list: parameters (N_FIELD); list2: results (N_FIELD);
                    op: 1 if the last parameter is variadic (`...T`) */
  N_TSTRUCT,     /* list: N_FIELD */
  N_TINTERFACE,  /* list: N_FIELD (methods: name + N_FUNCTYPE in a) and embedded
                    interfaces (name NULL, a: type) */
  N_FIELD,       /* name: field/param name or NULL (unnamed param / embedded field);
                    a: type; op: 1 if embedded (struct) or variadic (param);
                    str: struct tag or NULL. A group `a, b int` becomes one N_FIELD
                    per name, all sharing the same type node. */
  N_TELLIPSIS,   /* `...T` in a parameter list: b: element type */

  N_KIND_COUNT
} NodeKind;

struct Node {
  NodeKind kind;
  int line, col;        /* 1-based; col in bytes, as go/token */
  int op;
  const char *name;     /* NUL-terminated copy, or NULL */
  int len;              /* strlen(name) */
  Node *a, *b, *c, *d;
  NodeList list, list2;
  int64_t ival;
  double fval;
  const char *str;      /* decoded string literal / import path / tag (NUL-terminated) */
  size_t slen;
  void *aux;            /* free for the compiler's use (resolution results) */
};

/* Constructors (parser/ast.c). All allocate with GC_MALLOC. */
Node *ast_new(NodeKind kind, int line, int col);
void ast_push(NodeList *l, Node *n);
const char *ast_kind_name(NodeKind kind);
/* S-expression dump for debugging and parser tests (`csp parse FILE`). */
void ast_dump(Node *n, int indent, void *file /* FILE* */);

#endif
