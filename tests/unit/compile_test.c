/*
** compile_test.c -- unit tests of the compiler: parses and compiles small
** programs and checks the emitted code (opcodes present, constants folded,
** protos' defer/recover metadata) and the compile errors' first lines.
*/
#include <stdio.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/vm.h"
#include "parser/parse.h"
#include "compiler/compile.h"
#include "stdlib/stdlib_internal.h"

static int failures, checks;

#define CHECK(cond, ...)                                   \
  do {                                                     \
    checks++;                                              \
    if (!(cond)) {                                         \
      failures++;                                          \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                        \
      fputc('\n', stderr);                                 \
    }                                                      \
  } while (0)

static Diag diag;

static Proto *compile_src(CompileSession *s, const char *src, bool repl) {
  diag_init(&diag, "t.csp", src, strlen(src));
  diag.quiet = true;
  Node *ast = parse_source(&diag, src, strlen(src));
  if (!ast) return NULL;
  CompileOptions opts = {.repl = repl, .run_main = !repl};
  return compile_file(s, ast, &diag, &opts);
}

static Proto *compile1(const char *src) {
  return compile_src(compile_session_new("t.csp"), src, false);
}

static int count_op(Proto *p, OpCode op) {
  int n = 0;
  if (!p) return 0;
  for (int i = 0; i < p->ncode; i++)
    if (GET_OP(p->code[i]) == op) n++;
  return n;
}

static void expect_error(const char *src, const char *msg) {
  Proto *p = compile1(src);
  CHECK(p == NULL, "expected an error for: %s", src);
  CHECK(strstr(diag.first, msg) != NULL, "expected '%s', got '%s'", msg, diag.first);
}

static void test_basics(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *init = compile_src(s,
                            "package main\nimport \"fmt\"\n"
                            "func add(a, b int) int { return a + b }\n"
                            "func main() { fmt.Println(add(1, 2)) }\n",
                            false);
  CHECK(init != NULL, "hello did not compile: %s", diag.first);
  Proto *m = compile_find_function(s, "main");
  CHECK(m != NULL, "main not found");
  CHECK(m && strcmp(m->name, "main.main") == 0, "proto name %s", m ? m->name : "?");
  CHECK(count_op(m, OP_CALL) == 2, "two calls in main");
  CHECK(count_op(m, OP_GETGLOBAL) == 1, "add via GETGLOBAL");
  CHECK(m && m->ic != NULL, "inline caches allocated");
  CHECK(m && m->lines != NULL && m->lines[0] == 4, "line table");
  Proto *add = compile_find_function(s, "add");
  CHECK(add && add->nparams == 2 && add->nresults == 1, "add signature");
}

static void test_constants(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *p = compile_src(s, "package main\nconst k = 1 << 10\nfunc f() int { return k * 2 }\nfunc main() {}\n", false);
  CHECK(p != NULL, "const program: %s", diag.first);
  Proto *f = compile_find_function(s, "f");
  bool found = false;
  for (int i = 0; f && i < f->ncode; i++)
    if (GET_OP(f->code[i]) == OP_LOADI && GET_sBx(f->code[i]) == 2048) found = true;
  CHECK(found, "k*2 folded to 2048");
  CHECK(count_op(f, OP_MUL) == 0, "no MUL left");
  /* float typed variable gets a float constant */
  s = compile_session_new("t.csp");
  p = compile_src(s, "package main\nfunc g() float64 { var x float64 = 1; return x }\nfunc main() {}\n", false);
  Proto *g = compile_find_function(s, "g");
  bool fl = false;
  for (int i = 0; g && i < g->nk; i++) if (g->k[i].kind == VAL_FLOAT) fl = true;
  CHECK(fl, "var x float64 = 1 holds a float constant");
}

static void test_closures(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *p = compile_src(s,
                         "package main\n"
                         "func counter() func() int { c := 0; return func() int { c++; return c } }\n"
                         "func main() { counter()() }\n",
                         false);
  CHECK(p != NULL, "closure program: %s", diag.first);
  Proto *c = compile_find_function(s, "counter");
  CHECK(count_op(c, OP_NEWCELL) == 1, "captured c is boxed");
  CHECK(c && c->nprotos == 1, "one nested proto");
  Proto *lit = c && c->nprotos ? c->protos[0] : NULL;
  CHECK(lit && strcmp(lit->name, "main.counter.func1") == 0, "literal name %s", lit ? lit->name : "?");
  CHECK(lit && lit->nupvals == 1 && lit->upvals[0].from_parent_reg == 1, "upvalue from parent register");
  CHECK(count_op(lit, OP_GETUPVAL) >= 1 && count_op(lit, OP_SETUPVAL) == 1, "upvalue access");
  /* uncaptured variables stay in plain registers */
  CHECK(count_op(compile_find_function(s, "main"), OP_NEWCELL) == 0, "no boxing in main");
  /* per-iteration loop variables: a fresh cell before the post statement */
  s = compile_session_new("t.csp");
  p = compile_src(s,
                  "package main\nfunc main() { var fs []func() int\n"
                  "for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) } }\n",
                  false);
  CHECK(count_op(compile_find_function(s, "main"), OP_NEWCELL) == 2, "loop var re-boxed per iteration");
}

static void test_defer(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *p = compile_src(s,
                         "package main\n"
                         "func f() (err error) { defer func() { recover() }(); return nil }\n"
                         "func main() { f() }\n",
                         false);
  CHECK(p != NULL, "defer program: %s", diag.first);
  Proto *f = compile_find_function(s, "f");
  CHECK(f && f->recover_pc >= 0, "recover_pc set");
  CHECK(f && GET_OP(f->code[f->recover_pc]) == OP_RUNDEFERS, "recover_pc points at RUNDEFERS");
  CHECK(count_op(f, OP_DEFER) == 1, "one DEFER");
  CHECK(compile_find_function(s, "main")->recover_pc == -1, "no defer in main");
}

static void test_methods_and_types(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *p = compile_src(s,
                         "package main\n"
                         "type P struct{ X, Y int }\n"
                         "func (p *P) Move() { p.X++ }\n"
                         "func main() { p := P{1, 2}; p.Move(); q := &P{Y: 3}; _ = q\n"
                         "  var i interface{} = p; switch v := i.(type) { case P: _ = v; case nil: } }\n",
                         false);
  CHECK(p != NULL, "methods program: %s", diag.first);
  Proto *m = compile_find_function(s, "main");
  CHECK(count_op(m, OP_SELF) == 1, "method call via SELF");
  CHECK(count_op(m, OP_SETFIELDI) == 3, "struct literal fields by index");
  CHECK(count_op(m, OP_BOXPTR) == 1, "&P{} boxes");
  CHECK(count_op(m, OP_TYPEIS) == 2, "type switch tests");
}

static void test_select_range(void) {
  CompileSession *s = compile_session_new("t.csp");
  Proto *p = compile_src(s,
                         "package main\n"
                         "func main() { ch := make(chan int, 1); ch <- 1\n"
                         "  select { case v := <-ch: _ = v; case ch <- 2: default: }\n"
                         "  for k, v := range map[string]int{\"a\": 1} { _, _ = k, v }\n"
                         "  close(ch) }\n",
                         false);
  CHECK(p != NULL, "select program: %s", diag.first);
  Proto *m = compile_find_function(s, "main");
  CHECK(count_op(m, OP_SELECT) == 1 && count_op(m, OP_MAKECHAN) == 1, "select/makechan");
  CHECK(count_op(m, OP_RANGEINIT) == 1 && count_op(m, OP_RANGENEXT) == 1, "range");
  CHECK(count_op(m, OP_CLOSE) == 1 && count_op(m, OP_SEND) == 1, "close/send");
}

static void test_errors(void) {
  expect_error("package main\nfunc main() { x := 1; x := 2; _ = x }\n", "no new variables on left side of :=");
  expect_error("package main\nfunc main() { y = 1 }\n", "undefined: y");
  expect_error("package main\nfunc f() int { for {} ; }\nfunc g(x int) int { if x > 0 { return 1 } }\nfunc main() {}\n",
               "missing return");
  expect_error("package main\nfunc f(a, b int) {}\nfunc main() { f(1) }\n", "not enough arguments in call to f");
  expect_error("package main\nfunc f(a int) {}\nfunc main() { f(1, 2) }\n", "too many arguments in call to f");
  expect_error("package main\nfunc f() int { return 1 }\nfunc main() { a, b := f(); _, _ = a, b }\n",
               "assignment mismatch: 2 variables but f returns 1 value");
  expect_error("package main\nimport \"fmt\"\nfunc main() { fmt.Prinln(1) }\n", "undefined: fmt.Prinln");
  expect_error("package main\nimport \"nosuchpkg\"\nfunc main() {}\n", "package nosuchpkg is not in std");
  expect_error("package main\nfunc main() { break }\n", "break is not in a loop, switch, or select");
  expect_error("package main\nfunc main() { continue }\n", "continue is not in a loop");
  expect_error("package main\nfunc main() {\nL:\n for {} }\n", "label L defined and not used");
  expect_error("package main\nfunc main() { x := 1; _ = x / 0 }\n", "invalid operation: division by zero");
  expect_error("package main\nfunc main() { x := 1 << 70; _ = x }\n", "overflows");
  expect_error("package main\nfunc main() { goto L; { L: } }\n", "goto L jumps into block");
  expect_error("package main\nfunc main() { fmt.Println(1) }\n", "undefined: fmt");
  /* script mode: stdlib packages need no import */
  Proto *p = compile1("fmt.Println(1)\n");
  CHECK(p != NULL, "script without import: %s", diag.first);
  /* unused variables and imports are not errors */
  p = compile1("package main\nimport \"strings\"\nfunc main() { x := 1 }\n");
  CHECK(p != NULL, "unused var/import accepted: %s", diag.first);
}

static void test_repl(void) {
  CompileSession *s = compile_session_new("<repl>");
  Proto *p1 = compile_src(s, "func f() int { return 1 }\n", true);
  CHECK(p1 != NULL, "repl 1: %s", diag.first);
  Proto *f1 = compile_find_function(s, "f");
  Proto *p2 = compile_src(s, "func f() int { return 2 }\nx := f()\n", true);
  CHECK(p2 != NULL, "repl 2: %s", diag.first);
  Proto *f2 = compile_find_function(s, "f");
  CHECK(f1 && f2 && f1 != f2, "redefinition gives a new proto");
  Proto *p3 = compile_src(s, "x + 1\n", true);
  CHECK(p3 != NULL, "repl 3 sees x: %s", diag.first);
}

int main(void) {
  GC_INIT();
  vm_init();
  stdlib_init();
  test_basics();
  test_constants();
  test_closures();
  test_defer();
  test_methods_and_types();
  test_select_range();
  test_errors();
  test_repl();
  printf("compile_test: %d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}
