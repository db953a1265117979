/*
** main.c -- the csp command: run, check, disasm, parse, repl.
**
**   csp [flags] FILE [args]        run a program (any file name; - is stdin)
**   csp [flags] run FILE [args]
**   csp check FILE                 compile only (exit 1 on errors)
**   csp disasm FILE                bytecode listing with source lines
**   csp parse FILE                 AST dump (debugging the grammar)
**   csp | csp repl                 interactive REPL (stdin not a terminal: script)
**
** Exit status: 0 success, 1 compile errors / usage, 2 panics and fatal errors.
** A client of the VM's API like any other (Lua's lua.c is the model).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/gc.h"
#include "vm/api.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "parser/parse.h"
#include "compiler/compile.h"
#include "stdlib/stdlib_internal.h"
#include "cli/cli.h"

#define CSP_VERSION "0.1.0"

static void usage(FILE *out) {
  fprintf(out,
          "csp " CSP_VERSION " -- a Go-style CSP language: goroutines, channels, select\n"
          "\n"
          "usage:\n"
          "  csp [flags] FILE [args]       run a program (.csp, .go, any name; - reads stdin)\n"
          "  csp [flags] run FILE [args]   the same\n"
          "  csp check FILE                compile only; report errors (exit 1)\n"
          "  csp disasm FILE               list the bytecode with source lines\n"
          "  csp parse FILE                dump the syntax tree\n"
          "  csp repl                      interactive session (also: csp with no arguments)\n"
          "\n"
          "flags:\n"
          "  --procs N      worker threads (default: CSPMAXPROCS or the number of cores)\n"
          "  --version      print the version\n"
          "  --help         this text\n"
          "\n"
          "exit status: 0 ok, 1 compile error, 2 panic or fatal error (deadlock...)\n"
          "packages:");
  const char **pk = api_packages();
  for (int i = 0; pk && pk[i]; i++) fprintf(out, " %s", pk[i]);
  fprintf(out, "\n");
}

/* Read a whole file (or stdin for "-") into a GC buffer with a NUL after it. */
char *cli_read_file(const char *path, size_t *len) {
  FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!fp) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = GC_MALLOC_ATOMIC(cap);
  for (;;) {
    if (n + 1 >= cap) {
      char *nb = GC_MALLOC_ATOMIC(cap * 2);
      memcpy(nb, buf, n);
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, fp);
    n += got;
    if (got == 0) break;
  }
  buf[n] = 0;
  if (fp != stdin) fclose(fp);
  *len = n;
  return buf;
}

/* Parse and compile a file; NULL after reporting errors. */
static Proto *load_program(const char *path, const char *display, Node **ast_out, bool parse_only) {
  size_t len;
  char *src = cli_read_file(path, &len);
  if (!src) {
    fprintf(stderr, "csp: cannot read %s: %s\n", path, strerror(errno));
    exit(1);
  }
  Diag diag;
  diag_init(&diag, display, src, len);
  Node *ast = parse_source(&diag, src, len);
  if (!ast || diag.count) return NULL;
  if (ast_out) *ast_out = ast;
  if (parse_only) return NULL;
  CompileSession *cs = compile_session_new(display);
  CompileOptions opts = {.repl = false, .run_main = true};
  Proto *p = compile_file(cs, ast, &diag, &opts);
  if (!p || diag.count) return NULL;
  return p;
}

int main(int argc, char **argv) {
  GC_INIT();
  GC_allow_register_threads();
  vm_init();
  stdlib_init();

  SchedConfig cfg = {0};
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf("csp " CSP_VERSION "\n");
      return 0;
    } else if (strcmp(a, "--procs") == 0 || strncmp(a, "--procs=", 8) == 0) {
      const char *v = a[7] == '=' ? a + 8 : (i + 1 < argc ? argv[++i] : NULL);
      char *end = NULL;
      long n = v ? strtol(v, &end, 10) : 0;
      if (!v || *end || n < 1 || n > 256) {
        fprintf(stderr, "csp: --procs needs a number from 1 to 256\n");
        return 1;
      }
      cfg.procs = (int)n;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "csp: unknown flag %s (see csp --help)\n", a);
      return 1;
    } else {
      break;
    }
  }

  const char *cmd = "run";
  if (i < argc && (strcmp(argv[i], "run") == 0 || strcmp(argv[i], "check") == 0 ||
                   strcmp(argv[i], "disasm") == 0 || strcmp(argv[i], "parse") == 0 ||
                   strcmp(argv[i], "repl") == 0)) {
    cmd = argv[i++];
  }
  if (strcmp(cmd, "repl") == 0 || (i >= argc && strcmp(cmd, "run") == 0)) {
    if (i >= argc && !isatty(0)) {
      /* `echo '...' | csp`: the input is a script */
      argv[argc] = NULL;
      static char dash[] = "-";
      char *args[] = {dash, NULL};
      stdlib_set_args(1, args);
      Proto *p = load_program("-", "<stdin>", NULL, false);
      if (!p) return 1;
      sched_init(&cfg);
      return sched_run_main(vm_new_fiber(OBJ_VAL(VAL_FUNC, closure_new(p)), NULL, 0));
    }
    return cli_repl(&cfg);
  }
  if (i >= argc) {
    fprintf(stderr, "csp: %s needs a file (see csp --help)\n", cmd);
    return 1;
  }
  const char *path = argv[i];
  const char *display = strcmp(path, "-") == 0 ? "<stdin>" : path;

  if (strcmp(cmd, "parse") == 0) {
    Node *ast = NULL;
    load_program(path, display, &ast, true);
    if (!ast) return 1;
    ast_dump(ast, 0, stdout);
    return 0;
  }
  Proto *p = load_program(path, display, NULL, false);
  if (!p) return 1;
  if (strcmp(cmd, "check") == 0) return 0;
  if (strcmp(cmd, "disasm") == 0) {
    size_t len;
    const char *src = cli_read_file(path, &len);
    cli_disasm_program(p, src);
    return 0;
  }
  stdlib_set_args(argc - i, argv + i);
  sched_init(&cfg);
  Fiber *main_fiber = vm_new_fiber(OBJ_VAL(VAL_FUNC, closure_new(p)), NULL, 0);
  return sched_run_main(main_fiber);
}
