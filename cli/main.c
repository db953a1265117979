/*
** main.c -- the csp command: run, check, disasm, parse, repl.
**
**   csp [flags] FILE [args]        run a program (any file name; - is stdin)
**   csp [flags] run FILE [args]
**   csp check FILE                 compile only (exit 1 on errors)
**   csp disasm FILE                bytecode listing with source lines
**   csp parse FILE                 AST dump (debugging the grammar)
**   csp | csp repl                 interactive REPL (stdin not a terminal: script)
**   csp explore FILE [--runs N]    run under many schedules, group the outcomes
**   csp trace FILE.json            redraw a saved --trace as a message chart
**
** Teaching flags (--seed, --trace, --msc, --leaks...) are parsed and applied
** by cli/teach.c, before and after the run.
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
#include "vm/limits.h"
#include "vm/vm.h"
#include "parser/parse.h"
#include "compiler/compile.h"
#include "stdlib/stdlib_internal.h"
#include "cli/cli.h"
#include "cli/teach.h"

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
          "  csp explore FILE [--runs N]   run under many schedules and group the outcomes\n"
          "  csp trace FILE.json [--msc=OUT.html]  draw a saved --trace as a message chart\n"
          "\n"
          "flags (before or after run):\n"
          "  --procs N      worker threads (default: CSPMAXPROCS or the number of cores)\n"
          "  --version      print the version\n"
          "  --help         this text\n");
  teach_usage(out);
  limits_usage(out);
  fprintf(out,
          "\n"
          "exit status: 0 ok, 1 compile error, 2 panic or fatal error (deadlock...),\n"
          "3 leaks with --leaks=error\n"
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

/* Parse flags from argv[*i] on, up to the first non-flag. Returns -1 to go
** on, or an exit status (--help, --version, a bad flag). */
static int parse_flags(int argc, char **argv, int *ip, SchedConfig *cfg, TeachOpts *teach) {
  int i = *ip, lr;
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
      cfg->procs = (int)n;
    } else if ((lr = limits_parse_flag(argc, argv, &i)) != 0) {
      if (lr < 0) return 1;
    } else if (a[0] == '-' && a[1] == '-') {
      int r = teach_parse_flag(teach, argc, argv, &i);
      if (r < 0) return 1;
      if (r == 0) {
        fprintf(stderr, "csp: unknown flag %s (see csp --help)\n", a);
        return 1;
      }
    } else {
      break;
    }
  }
  *ip = i;
  return -1;
}

/* Run a compiled program with the teaching tools around it. */
static int run_program(Proto *p, SchedConfig *cfg, TeachOpts *teach) {
  teach_configure(teach, cfg);
  cfg->max_goroutines = limits_get(LIMIT_GOROUTINES);
  cfg->timeout_ns = limits_get(LIMIT_TIMEOUT);
  limits_install();
  sched_init(cfg);
  Fiber *main_fiber = vm_new_fiber(OBJ_VAL(VAL_FUNC, closure_new(p)), NULL, 0);
  teach_start(teach, main_fiber);
  int status = sched_run_main(main_fiber);
  return teach_finish(teach, status);
}

int main(int argc, char **argv) {
  GC_INIT();
  GC_allow_register_threads();
  vm_init();
  stdlib_init();
  limits_install();   /* clean out-of-memory, no GC warnings */

  SchedConfig cfg = {0};
  TeachOpts teach;
  teach_opts_init(&teach);
  int i = 1;
  int rc = parse_flags(argc, argv, &i, &cfg, &teach);
  if (rc >= 0) return rc;

  const char *cmd = "run";
  if (i < argc && (strcmp(argv[i], "run") == 0 || strcmp(argv[i], "check") == 0 ||
                   strcmp(argv[i], "disasm") == 0 || strcmp(argv[i], "parse") == 0 ||
                   strcmp(argv[i], "repl") == 0 || strcmp(argv[i], "explore") == 0 ||
                   strcmp(argv[i], "trace") == 0)) {
    cmd = argv[i++];
  }
  if (strcmp(cmd, "explore") == 0) return teach_explore(argc - i, argv + i);
  if (strcmp(cmd, "trace") == 0) return teach_trace_cmd(argc - i, argv + i);
  if (strcmp(cmd, "run") == 0 || strcmp(cmd, "repl") == 0) {
    /* `csp run --trace out.json FILE`: flags after the command too */
    rc = parse_flags(argc, argv, &i, &cfg, &teach);
    if (rc >= 0) return rc;
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
      teach.display = "<stdin>";
      return run_program(p, &cfg, &teach);
    }
    /* the limits a session can keep: memory and goroutines (a time limit
    ** is for runs: a session waits on its user) */
    if (limits_get(LIMIT_TIMEOUT) > 0)
      fprintf(stderr, "csp: --timeout does not apply to the REPL; ignored\n");
    cfg.max_goroutines = limits_get(LIMIT_GOROUTINES);
    limits_install();
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
  teach.display = display;
  return run_program(p, &cfg, &teach);
}
