/*
** repl.c (compiler) -- what the REPL asks of the compiler besides compiling
** inputs into its CompileSession: the static type of an expression, as Go
** prints it, for `:type EXPR`. Nothing is emitted and nothing is committed.
*/
#include "compiler/internal.h"
#include <string.h>

const char *compile_repl_type(CompileSession *S, Node *e, Diag *diag);

/* The static type of e in the session's package scope (untyped constants
** get their default type), or NULL when the compiler does not know it. */
const char *compile_repl_type(CompileSession *S, Node *e, Diag *diag) {
  static const CompileOptions opts = {.repl = true, .run_main = false};
  Compiler Cv;
  memset(&Cv, 0, sizeof Cv);
  Cv.S = S;
  Cv.diag = diag;
  Cv.opts = &opts;
  Cv.script = true;
  Cv.iota = -1;
  Cv.suppress = 1;                 /* a probe: no messages */
  FuncState fsv;
  memset(&fsv, 0, sizeof fsv);
  fsv.C = &Cv;
  fsv.p = proto_new();
  fsv.name = "main.init";
  fsv.dry = true;
  fsv.is_init = true;
  fsv.scope = fsv.body_scope = S->globals;
  ConstVal c;
  if (const_eval(&fsv, e, &c)) {
    Type *t = c.type ? c.type : const_default_type(&c);
    if (t) return tstr(t);
  }
  Type *t = infer_type(&fsv, e);
  return t ? tstr(t) : NULL;
}

/* ---- undoing a failed input ----
** compile_file declares names in the session's package scope before it knows
** whether the input compiles (functions get a symbol and a proto, `y := ...`
** a global). A REPL input that fails must leave no trace, or a later input
** would see a function whose global was never set. The snapshot keeps the
** package scope's list head and a copy of every symbol (redefinitions update
** symbols in place); restoring puts both back. (Global slots allocated by the
** failed input stay allocated and unused.) */
typedef struct CompileSnapshot {
  Sym *head;
  int n;
  Sym **ptrs;
  Sym *copies;
  int ninit, scope_ids;
} CompileSnapshot;

CompileSnapshot *compile_session_snapshot(CompileSession *S);
void compile_session_restore(CompileSession *S, CompileSnapshot *snap);

CompileSnapshot *compile_session_snapshot(CompileSession *S) {
  CompileSnapshot *snap = GC_MALLOC(sizeof *snap);
  snap->head = S->globals->syms;
  int n = 0;
  for (Sym *y = snap->head; y; y = y->next) n++;
  snap->n = n;
  snap->ptrs = GC_MALLOC(sizeof(Sym *) * (size_t)(n + 1));
  snap->copies = GC_MALLOC(sizeof(Sym) * (size_t)(n + 1));
  int i = 0;
  for (Sym *y = snap->head; y && i < n; y = y->next, i++) {
    snap->ptrs[i] = y;
    snap->copies[i] = *y;
  }
  snap->ninit = S->ninit;
  snap->scope_ids = S->scope_ids;
  return snap;
}

void compile_session_restore(CompileSession *S, CompileSnapshot *snap) {
  S->globals->syms = snap->head;
  for (int i = 0; i < snap->n; i++) *snap->ptrs[i] = snap->copies[i];
  S->ninit = snap->ninit;
}
