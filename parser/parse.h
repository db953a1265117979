/*
** parse.h -- the parser's entry point: source text in, AST (parser/ast.h) out.
*/
#ifndef CSP_PARSE_H
#define CSP_PARSE_H

#include "parser/ast.h"
#include "lexer/diag.h"

/* Parse a whole file (or REPL input). Returns an N_FILE node, or NULL when
** there were syntax errors (already reported through diag; diag->count > 0).
** The source must be NUL-terminated (src[len] == 0); NUL bytes inside it are
** errors. */
Node *parse_source(Diag *diag, const char *src, size_t len);

#endif
