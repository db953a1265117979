/*
** compile.h -- the compiler: AST (parser/ast.h) to bytecode (vm/opcodes.h).
**
** A CompileSession holds what persists between compilations: the global scope
** (package-level names -> global slots, functions, types, methods, imports).
** A file is compiled once with a fresh session; the REPL keeps one session and
** compiles each input into it, so declarations persist and a redefined
** function replaces the old one (same global slot).
*/
#ifndef CSP_COMPILE_H
#define CSP_COMPILE_H

#include "parser/ast.h"
#include "lexer/diag.h"
#include "vm/object.h"

typedef struct CompileSession CompileSession;

typedef struct CompileOptions {
  bool repl;          /* REPL input: expression statements print "=> value" (via
                         the native registered as api "csp/repl"."show"), and
                         func main is not called automatically */
  bool run_main;      /* call main() after the top-level code (files: true) */
} CompileOptions;

CompileSession *compile_session_new(const char *filename);
/* Compile one parsed file / REPL input. Returns the proto of a function taking
** no arguments that runs, in order: package-level var initialisers (in
** dependency order, as Go does), init() functions, top-level statements
** (script mode), then main() if declared and opts->run_main. Returns NULL if
** errors were reported through diag. */
Proto *compile_file(CompileSession *s, Node *file, Diag *diag, const CompileOptions *opts);
/* Look up a global function by name (REPL :disasm); NULL if none. */
Proto *compile_find_function(CompileSession *s, const char *name);

#endif
