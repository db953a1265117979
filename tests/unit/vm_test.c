/*
** vm_test.c -- C tests of the interpreter loop with hand-assembled protos (no
** compiler needed): arithmetic (plain, sized, float32), calls and multiple
** results, variadic packing, natives (including one that parks), tail calls,
** preemption,
** defer/recover/re-panic, runtime error texts, a 1,000,000-deep recursion,
** and the fatal stack overflow (in a child process).
**
** Fibers are driven directly with vm_execute() (no scheduler), the way a
** worker would. Prints `N passed, N failed` and exits 1 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "vm/gc.h"
#include "vm/opcodes.h"
#include "vm/vm.h"
#include "vm/api.h"

static int passed, failed;

#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    if (cond) {                                                           \
      passed++;                                                           \
    } else {                                                              \
      failed++;                                                           \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                \
      fprintf(stderr, __VA_ARGS__);                                       \
      fputc('\n', stderr);                                                \
    }                                                                     \
  } while (0)

/* ---- a tiny assembler ---- */

#define ABC(o, a, b, c) MK_ABC(OP_##o, a, b, c)
#define ABx(o, a, bx)   MK_ABx(OP_##o, a, bx)
#define AsBx(o, a, s)   MK_AsBx(OP_##o, a, s)
#define SJ(o, s)        MK_sJ(OP_##o, s)

static Proto *mkproto(const char *name, int nparams, int nregs, const Instr *code, int n,
                      const Value *k, int nk) {
  Proto *p = proto_new();
  p->name = name;
  p->file = "test.csp";
  p->line = 1;
  p->code = GC_MALLOC_ATOMIC(sizeof(Instr) * (size_t)n);
  memcpy(p->code, code, sizeof(Instr) * (size_t)n);
  p->ncode = n;
  p->lines = GC_MALLOC_ATOMIC(sizeof(int32_t) * (size_t)n);
  for (int i = 0; i < n; i++) p->lines[i] = 10 + i;
  if (nk) {
    p->k = GC_MALLOC(sizeof(Value) * (size_t)nk);
    memcpy(p->k, k, sizeof(Value) * (size_t)nk);
  }
  p->nk = nk;
  p->nparams = (uint8_t)nparams;
  p->nregs = (uint8_t)nregs;
  p->recover_pc = -1;
  p->ic = GC_MALLOC_ATOMIC(sizeof(uint64_t) * (size_t)n);
  memset(p->ic, 0, sizeof(uint64_t) * (size_t)n);
  return p;
}

static Value fnval(Proto *p) { return OBJ_VAL(VAL_FUNC, closure_new(p)); }

/* Run a fresh fiber for fn() to completion with the given budget; returns
** the final status and counts the yields. */
static VMStatus run_fiber(Fiber *f, int budget, int *yields) {
  for (;;) {
    VMStatus st = vm_execute(f, budget);
    if (st == VM_YIELD) {
      if (yields) (*yields)++;
      continue;
    }
    return st;
  }
}

static const char *panic_text(Fiber *f) {
  if (!f->panic) return "(no panic)";
  Value v = f->panic->value;
  if (v.kind == VAL_STR) return AS_STR(v)->data;
  const char *t = NULL;
  if (api_error_text(f, v, &t) && t) return t;
  return "(unprintable)";
}

/* Call fn through vm_call on a scratch fiber (results back in C). */
static int call(Value fn, const Value *args, int nargs, Value *res, int nres, Fiber **out) {
  Fiber *f = vm_new_fiber(NIL_VAL, NULL, 0);
  f->top = 1;
  if (out) *out = f;
  return vm_call(f, fn, args, nargs, res, nres);
}

/* ---- tests ---- */

static void test_arith(void) {
  Value k[] = {INT_VAL(1000000007), FLOAT_VAL(1.5)};
  Instr code[] = {
    AsBx(LOADI, 0, 6),
    AsBx(LOADI, 1, 7),
    ABC(MUL, 2, 0, 1),        /* 42 */
    ABC(ADDI, 2, 2, 127 + 8), /* 50 */
    ABC(SUB, 3, 2, 0),        /* 44 */
    ABC(DIV, 4, 3, 1),        /* 6 */
    ABC(MOD, 5, 3, 1),        /* 2 */
    AsBx(LOADI, 6, -7),
    ABC(DIV, 7, 6, 5),        /* -3 */
    ABC(MOD, 8, 6, 5),        /* -1 */
    ABx(LOADK, 9, 1),
    ABC(ADD, 10, 9, 0),       /* 7.5 (int converts) */
    ABC(RETURN, 2, 10, 0),    /* 9 results: R2..R10 */
  };
  Proto *p = mkproto("main.arith", 0, 12, code, (int)(sizeof code / sizeof code[0]), k, 2);
  Value res[9];
  int n = call(fnval(p), NULL, 0, res, 9, NULL);
  CHECK(n == 9, "arith: %d results", n);
  CHECK(res[0].as.i == 50 && res[1].as.i == 44 && res[2].as.i == 6 && res[3].as.i == 2,
        "arith: %lld %lld %lld %lld", (long long)res[0].as.i, (long long)res[1].as.i,
        (long long)res[2].as.i, (long long)res[3].as.i);
  CHECK(res[5].as.i == -3 && res[6].as.i == -1, "arith: -7/2=%lld -7%%2=%lld",
        (long long)res[5].as.i, (long long)res[6].as.i);
  CHECK(res[8].kind == VAL_FLOAT && res[8].as.f == 7.5, "arith: 1.5+6 = %g", res[8].as.f);
}

static void test_sized(void) {
  Value i8 = INT_VAL(127); i8.aux = TID_INT8;
  Value one8 = INT_VAL(1); one8.aux = TID_INT8;
  Value u8 = INT_VAL(200); u8.aux = TID_UINT8;
  Value u8b = INT_VAL(100); u8b.aux = TID_UINT8;
  Value u64 = INT_VAL(-1); u64.aux = TID_UINT64;
  Value f32 = FLOAT_VAL(0.1); f32.aux = TID_FLOAT32;
  Value k[] = {i8, one8, u8, u8b, u64, f32};
  Instr code[] = {
    ABx(LOADK, 0, 0), ABx(LOADK, 1, 1), ABC(ADD, 2, 0, 1),      /* int8: -128 */
    ABx(LOADK, 0, 2), ABx(LOADK, 1, 3), ABC(ADD, 3, 0, 1),      /* uint8: 44 */
    ABx(LOADK, 0, 4), AsBx(LOADI, 1, 2), ABC(DIV, 4, 0, 1),     /* uint64 max / 2 */
    ABx(LOADK, 0, 4), AsBx(LOADI, 1, 0), ABC(LT, 5, 1, 0),      /* 0 < uint64max: true */
    ABx(LOADK, 0, 5), ABC(ADD, 6, 0, 0),                        /* float32 0.1+0.1 */
    ABx(LOADK, 0, 0), AsBx(LOADI, 1, 1), ABC(SHL, 7, 0, 1),     /* int8 127<<1 = -2 */
    ABC(RETURN, 2, 7, 0),
  };
  Proto *p = mkproto("main.sized", 0, 9, code, (int)(sizeof code / sizeof code[0]), k, 6);
  Value res[6];
  int n = call(fnval(p), NULL, 0, res, 6, NULL);
  CHECK(n == 6, "sized: %d results", n);
  CHECK(res[0].as.i == -128 && res[0].aux == TID_INT8, "int8 127+1 = %lld", (long long)res[0].as.i);
  CHECK(res[1].as.i == 44 && res[1].aux == TID_UINT8, "uint8 200+100 = %lld", (long long)res[1].as.i);
  CHECK((uint64_t)res[2].as.i == UINT64_MAX / 2, "uint64 max/2 = %llu", (unsigned long long)res[2].as.i);
  CHECK(res[3].kind == VAL_BOOL && res[3].as.b, "unsigned compare");
  CHECK(res[4].as.f == (double)(float)((double)(float)0.1 * 2), "float32 rounding %.17g", res[4].as.f);
  CHECK(res[5].as.i == -2, "int8 shift = %lld", (long long)res[5].as.i);
}

static Proto *fib_proto(int slot) {
  /* func fib(n) { if n < 2 { return n }; return fib(n-1) + fib(n-2) } */
  Instr code[] = {
    AsBx(LOADI, 1, 2),
    ABC(LTJ, 0, 1, 0),           /* if !(n < 2) jump */
    SJ(JMP, 1),
    ABC(RETURN, 0, 2, 0),
    ABx(GETGLOBAL, 1, slot),
    ABC(ADDI, 2, 0, 127 - 1),
    ABC(CALL, 1, 2, 2),
    ABx(GETGLOBAL, 2, slot),
    ABC(ADDI, 3, 0, 127 - 2),
    ABC(CALL, 2, 2, 2),
    ABC(ADD, 1, 1, 2),
    ABC(RETURN, 1, 2, 0),
  };
  Proto *p = mkproto("main.fib", 1, 5, code, (int)(sizeof code / sizeof code[0]), NULL, 0);
  vm_globals[slot] = fnval(p);
  return p;
}

static void test_calls(void) {
  int slot = vm_alloc_global("fib");
  fib_proto(slot);
  Value arg = INT_VAL(20), res[1];
  int n = call(vm_globals[slot], &arg, 1, res, 1, NULL);
  CHECK(n == 1 && res[0].as.i == 6765, "fib(20) = %lld", (long long)res[0].as.i);

  /* multiple results: three() returns 1, 2, 3; caller takes all (C=0) and
  ** passes them on (B=0) to sum3 */
  Instr c3[] = {AsBx(LOADI, 0, 1), AsBx(LOADI, 1, 2), AsBx(LOADI, 2, 3), ABC(RETURN, 0, 4, 0)};
  Proto *three = mkproto("main.three", 0, 3, c3, 4, NULL, 0);
  Instr cs[] = {ABC(ADD, 0, 0, 1), ABC(ADD, 0, 0, 2), ABC(RETURN, 0, 2, 0)};
  Proto *sum3 = mkproto("main.sum3", 3, 3, cs, 3, NULL, 0);
  Value k[] = {fnval(three), fnval(sum3)};
  Instr cm[] = {
    ABx(LOADK, 0, 1), ABx(LOADK, 1, 0),
    ABC(CALL, 1, 1, 0),          /* R1.. = three() (all) */
    ABC(CALL, 0, 0, 2),          /* R0 = sum3(R1..top) */
    ABx(LOADK, 1, 0), ABC(CALL, 1, 1, 3),  /* R1, R2 = three() (two of three) */
    ABC(RETURN, 0, 4, 0),
  };
  Proto *m = mkproto("main.multi", 0, 6, cm, (int)(sizeof cm / sizeof cm[0]), k, 2);
  Value r3[3];
  n = call(fnval(m), NULL, 0, r3, 3, NULL);
  CHECK(n == 3 && r3[0].as.i == 6 && r3[1].as.i == 1 && r3[2].as.i == 2,
        "multi results: n=%d %lld %lld %lld", n, (long long)r3[0].as.i, (long long)r3[1].as.i,
        (long long)r3[2].as.i);
}

static void test_variadic(void) {
  /* func count(prefix, xs ...int) int { return len(xs) } */
  Instr cc[] = {ABC(LEN, 2, 1, 0), ABC(RETURN, 2, 2, 0)};
  Proto *cnt = mkproto("main.count", 2, 3, cc, 2, NULL, 0);
  cnt->variadic = 1;
  Value args[4] = {INT_VAL(0), INT_VAL(1), INT_VAL(2), INT_VAL(3)}, res[1];
  int n = call(fnval(cnt), args, 4, res, 1, NULL);
  CHECK(n == 1 && res[0].as.i == 3, "variadic packs 3, got %lld", (long long)res[0].as.i);
  n = call(fnval(cnt), args, 1, res, 1, NULL);
  CHECK(n == 1 && res[0].as.i == 0, "variadic with no extras: %lld", (long long)res[0].as.i);
}

/* natives */
static int nat_add(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f;
  int64_t s = 0;
  for (int i = 0; i < nargs; i++) s += args[i].as.i;
  res[0] = INT_VAL(s);
  res[1] = INT_VAL(nargs);
  return 2;
}

static int park_calls;
static int nat_park(Fiber *f, Value *args, int nargs, Value *res) {
  (void)args; (void)nargs;
  park_calls++;
  if (!f->resumed) {
    f->native_phase = 1;
    f->park_unlock = NULL;
    return NATIVE_PARK;
  }
  res[0] = INT_VAL(f->native_phase == 1 ? 99 : -1);
  return 1;
}

static void test_natives(void) {
  int slot = vm_alloc_global("out");
  Value k[] = {native_new("test.add", nat_add, -1), native_new("test.park", nat_park, 0)};
  Instr code[] = {
    ABx(LOADK, 0, 0), AsBx(LOADI, 1, 5), AsBx(LOADI, 2, 6), AsBx(LOADI, 3, 7),
    ABC(CALL, 0, 4, 3),          /* R0, R1 = add(5, 6, 7) */
    ABx(LOADK, 2, 1),
    ABC(CALL, 2, 1, 2),          /* R2 = park() */
    ABC(ADD, 0, 0, 2),           /* 18 + 99 */
    ABC(ADD, 0, 0, 1),           /* + 3 */
    ABx(SETGLOBAL, 0, slot),
    ABC(RETURN, 0, 1, 0),
  };
  Proto *p = mkproto("main.natives", 0, 5, code, (int)(sizeof code / sizeof code[0]), k, 2);
  Fiber *f = vm_new_fiber(fnval(p), NULL, 0);
  VMStatus st = vm_execute(f, 1000);
  CHECK(st == VM_PARKED, "parking native parks (%d)", st);
  CHECK(vm_current_line(f) == 16, "parked line %d", vm_current_line(f));
  f->resumed = 1;                 /* what sched_ready does */
  st = vm_execute(f, 1000);
  CHECK(st == VM_DONE, "resumed native completes (%d: %s)", st, panic_text(f));
  CHECK(vm_globals[slot].as.i == 120, "natives result %lld", (long long)vm_globals[slot].as.i);
  CHECK(park_calls == 2 && f->native_phase == 0 && f->resumed == 0, "park protocol state");

  /* a native goroutine body */
  Value a[2] = {INT_VAL(1), INT_VAL(2)};
  Fiber *g = vm_new_fiber(k[0], a, 2);
  CHECK(vm_execute(g, 100) == VM_DONE, "native goroutine body");
}

static void test_tailcall(void) {
  /* func count(n, acc) { if n == 0 { return acc }; return count(n-1, acc+1) } as a TAILCALL */
  int slot = vm_alloc_global("count");
  Value k[] = {INT_VAL(0)};
  Instr code[] = {
    ABx(LOADK, 2, 0),
    ABC(EQJ, 0, 2, 0), SJ(JMP, 1),
    ABC(RETURN, 1, 2, 0),
    ABx(GETGLOBAL, 2, slot),
    ABC(ADDI, 3, 0, 127 - 1),
    ABC(ADDI, 4, 1, 128),
    ABC(TAILCALL, 2, 3, 0),
    ABC(RETURN, 2, 0, 0),
  };
  Proto *p = mkproto("main.count", 2, 6, code, (int)(sizeof code / sizeof code[0]), k, 1);
  vm_globals[slot] = fnval(p);
  Value args[2] = {INT_VAL(1000000), INT_VAL(0)}, res[1];
  Fiber *f;
  int n = call(vm_globals[slot], args, 2, res, 1, &f);
  CHECK(n == 1 && res[0].as.i == 1000000, "tail calls: %d %lld", n, (long long)res[0].as.i);
  CHECK(f->frames_cap <= 8, "tail calls reuse the frame (frames_cap %d)", f->frames_cap);

  /* a TAILCALL of a native returns the native's results */
  Value kn[] = {native_new("test.add", nat_add, -1)};
  Instr cn[] = {ABx(LOADK, 0, 0), AsBx(LOADI, 1, 4), AsBx(LOADI, 2, 5), ABC(TAILCALL, 0, 3, 0),
                ABC(RETURN, 0, 0, 0)};
  Proto *pn = mkproto("main.tailnative", 0, 4, cn, 5, kn, 1);
  Value r2[2];
  n = call(fnval(pn), NULL, 0, r2, 2, NULL);
  CHECK(n == 2 && r2[0].as.i == 9 && r2[1].as.i == 2, "tail-called native: %d %lld", n,
        (long long)r2[0].as.i);

  /* a TAILCALL of a variadic closure (call-then-return path) */
  Instr cc[] = {ABC(LEN, 2, 1, 0), ABC(RETURN, 2, 2, 0)};
  Proto *cnt = mkproto("main.count2", 2, 3, cc, 2, NULL, 0);
  cnt->variadic = 1;
  Value kv[] = {fnval(cnt)};
  Instr cv[] = {ABx(LOADK, 0, 0), AsBx(LOADI, 1, 0), AsBx(LOADI, 2, 1), AsBx(LOADI, 3, 2),
                ABC(TAILCALL, 0, 4, 0), ABC(RETURN, 0, 0, 0)};
  Proto *pv = mkproto("main.tailvariadic", 0, 5, cv, 6, kv, 1);
  n = call(fnval(pv), NULL, 0, res, 1, NULL);
  CHECK(n == 1 && res[0].as.i == 2, "tail-called variadic: %d %lld", n, (long long)res[0].as.i);
}

static void test_preempt(void) {
  /* for i := 0; i < 100000; i++ {} */
  int slot = vm_alloc_global("loopout");
  Value k[] = {INT_VAL(100000)};
  Instr code[] = {
    AsBx(LOADI, 0, 0), ABx(LOADK, 1, 0),
    ABC(LTJ, 0, 1, 0), SJ(JMP, 2),    /* while i < n */
    ABC(ADDI, 0, 0, 128),
    SJ(JMP, -4),
    ABx(SETGLOBAL, 0, slot),
    ABC(RETURN, 0, 1, 0),
  };
  Proto *p = mkproto("main.loop", 0, 3, code, (int)(sizeof code / sizeof code[0]), k, 1);
  Fiber *f = vm_new_fiber(fnval(p), NULL, 0);
  int yields = 0;
  VMStatus st = run_fiber(f, 1000, &yields);
  CHECK(st == VM_DONE && vm_globals[slot].as.i == 100000, "loop result %lld", (long long)vm_globals[slot].as.i);
  CHECK(yields >= 99 && yields <= 101, "yields %d", yields);
}

static void test_defer_recover(void) {
  int slot = vm_alloc_global("recovered");
  /* func handler() { r := recover(); recovered = r } */
  Instr ch[] = {ABC(RECOVER, 0, 0, 0), ABx(SETGLOBAL, 0, slot), ABC(RETURN, 0, 1, 0)};
  Proto *handler = mkproto("main.f.func1", 0, 2, ch, 3, NULL, 0);
  /* func f() (r int) { r = 1; defer handler(); panic("boom"); [recover_pc:] RUNDEFERS; return r } */
  Value k[] = {fnval(handler), str_val("boom")};
  Instr cf[] = {
    AsBx(LOADI, 0, 7),
    ABx(LOADK, 1, 0), ABC(DEFER, 1, 1, 0),
    ABx(LOADK, 1, 1), ABC(PANIC, 1, 0, 0),
    ABC(RUNDEFERS, 0, 0, 0), ABC(RETURN, 0, 2, 0),
  };
  Proto *fp = mkproto("main.f", 0, 3, cf, (int)(sizeof cf / sizeof cf[0]), k, 2);
  fp->recover_pc = 5;
  Value res[1];
  Fiber *f;
  int n = call(fnval(fp), NULL, 0, res, 1, &f);
  CHECK(n == 1 && res[0].as.i == 7, "recover returns result %d %lld", n, (long long)res[0].as.i);
  CHECK(vm_globals[slot].kind == VAL_STR && strcmp(AS_STR(vm_globals[slot])->data, "boom") == 0,
        "recover() got the panic value");
  CHECK(f->panic == NULL, "panic cleared after recovery");

  /* normal return runs defers too (recover gives nil) */
  vm_globals[slot] = INT_VAL(5);
  Instr cn[] = {
    AsBx(LOADI, 0, 3), ABx(LOADK, 1, 0), ABC(DEFER, 1, 1, 0),
    ABC(RUNDEFERS, 0, 0, 0), ABC(RETURN, 0, 2, 0),
  };
  Proto *np = mkproto("main.g", 0, 3, cn, 5, k, 2);
  np->recover_pc = 3;
  n = call(fnval(np), NULL, 0, res, 1, NULL);
  CHECK(n == 1 && res[0].as.i == 3 && vm_globals[slot].kind == VAL_NIL, "defer on normal return");

  /* re-panic in the deferred call: "panic: boom [recovered]" then "panic: again" */
  Instr cr[] = {ABC(RECOVER, 0, 0, 0), ABx(LOADK, 0, 0), ABC(PANIC, 0, 0, 0), ABC(RETURN, 0, 1, 0)};
  Value kr[] = {str_val("again")};
  Proto *rep = mkproto("main.h.func1", 0, 2, cr, 4, kr, 1);
  Value kh[] = {fnval(rep), str_val("boom")};
  Instr chh[] = {
    ABx(LOADK, 1, 0), ABC(DEFER, 1, 1, 0),
    ABx(LOADK, 1, 1), ABC(PANIC, 1, 0, 0),
    ABC(RUNDEFERS, 0, 0, 0), ABC(RETURN, 0, 1, 0),
  };
  Proto *hp = mkproto("main.h", 0, 3, chh, 6, kh, 2);
  hp->recover_pc = 4;
  Fiber *g = vm_new_fiber(fnval(hp), NULL, 0);
  VMStatus st = run_fiber(g, 1000, NULL);
  CHECK(st == VM_PANIC, "re-panic is fatal (%d)", st);
  CHECK(g->panic && strcmp(panic_text(g), "again") == 0, "latest panic: %s", panic_text(g));
  CHECK(g->panic && g->panic->link && g->panic->link->recovered, "first panic marked recovered");

  /* the report, captured */
  fflush(stderr);
  FILE *tmp = tmpfile();
  int saved = dup(2);
  dup2(fileno(tmp), 2);
  g->id = 1;
  vm_report_panic(g);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  rewind(tmp);
  char buf[2048] = {0};
  size_t got = fread(buf, 1, sizeof buf - 1, tmp);
  fclose(tmp);
  (void)got;
  CHECK(strncmp(buf, "panic: boom [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\nmain.h.func1()\n\ttest.csp:12\n",
                strlen("panic: boom [recovered]\n\tpanic: again\n\ngoroutine 1 [running]:\nmain.h.func1()\n\ttest.csp:12\n")) == 0,
        "report:\n%s", buf);
  CHECK(strstr(buf, "main.h()\n\ttest.csp:13\n") != NULL, "report shows the panicking frame:\n%s", buf);
}

static void test_runtime_errors(void) {
  Value k[] = {INT_VAL(5)};
  Value sl = slice_make(type_int, 3, 3);
  Value k2[] = {sl, INT_VAL(5)};
  (void)k;
  Instr ci[] = {ABx(LOADK, 0, 0), ABx(LOADK, 1, 1), ABC(GETINDEX, 2, 0, 1), ABC(RETURN, 2, 2, 0)};
  Proto *p = mkproto("main.idx", 0, 3, ci, 4, k2, 2);
  Fiber *f = vm_new_fiber(fnval(p), NULL, 0);
  VMStatus st = run_fiber(f, 1000, NULL);
  CHECK(st == VM_PANIC && strcmp(panic_text(f), "runtime error: index out of range [5] with length 3") == 0,
        "index error: %s", panic_text(f));
  CHECK(f->panic && f->panic->line == 12, "panic line %d", f->panic ? f->panic->line : -1);

  Instr cd[] = {AsBx(LOADI, 0, 1), AsBx(LOADI, 1, 0), ABC(DIV, 2, 0, 1), ABC(RETURN, 2, 2, 0)};
  p = mkproto("main.div", 0, 3, cd, 4, NULL, 0);
  f = vm_new_fiber(fnval(p), NULL, 0);
  st = run_fiber(f, 1000, NULL);
  CHECK(st == VM_PANIC && strcmp(panic_text(f), "runtime error: integer divide by zero") == 0,
        "div error: %s", panic_text(f));

  Value k3[] = {sl};
  Instr cs[] = {ABx(LOADK, 0, 0), AsBx(LOADI, 2, 5), ABC(SLICE, 3, 0, 2), ABC(RETURN, 3, 2, 0)};
  p = mkproto("main.slice", 0, 5, cs, 4, k3, 1);
  f = vm_new_fiber(fnval(p), NULL, 0);
  st = run_fiber(f, 1000, NULL);
  CHECK(st == VM_PANIC && strcmp(panic_text(f), "runtime error: slice bounds out of range [:5] with capacity 3") == 0,
        "slice error: %s", panic_text(f));

  Instr cn[] = {ABC(LOADNIL, 0, 0, 0), ABC(CALL, 0, 1, 1), ABC(RETURN, 0, 1, 0)};
  p = mkproto("main.nilcall", 0, 2, cn, 3, NULL, 0);
  f = vm_new_fiber(fnval(p), NULL, 0);
  st = run_fiber(f, 1000, NULL);
  CHECK(st == VM_PANIC && strcmp(panic_text(f), "runtime error: invalid memory address or nil pointer dereference") == 0,
        "nil call: %s", panic_text(f));

  Value kt[] = {str_val("x"), OBJ_VAL(VAL_TYPE, type_int)};
  Instr ca[] = {ABx(LOADK, 0, 0), ABx(LOADK, 1, 1), ABC(ASSERT, 2, 0, 1), ABC(RETURN, 2, 2, 0)};
  p = mkproto("main.assert", 0, 3, ca, 4, kt, 2);
  f = vm_new_fiber(fnval(p), NULL, 0);
  st = run_fiber(f, 1000, NULL);
  CHECK(st == VM_PANIC && strcmp(panic_text(f), "interface conversion: interface {} is string, not int") == 0,
        "assert: %s", panic_text(f));
}

static void test_deep_recursion(void) {
  /* func down(n) { if n == 0 { return 0 }; return down(n-1) + 1 } */
  int slot = vm_alloc_global("down");
  Value zero = INT_VAL(0);
  Value k[] = {zero};
  Instr code[] = {
    ABx(LOADK, 1, 0),
    ABC(EQJ, 0, 1, 0), SJ(JMP, 1),
    ABC(RETURN, 0, 2, 0),
    ABx(GETGLOBAL, 1, slot),
    ABC(ADDI, 2, 0, 127 - 1),
    ABC(CALL, 1, 2, 2),
    ABC(ADDI, 1, 1, 128),
    ABC(RETURN, 1, 2, 0),
  };
  Proto *p = mkproto("main.down", 1, 4, code, (int)(sizeof code / sizeof code[0]), k, 1);
  vm_globals[slot] = fnval(p);
  int out = vm_alloc_global("downout");
  Value km[] = {INT_VAL(1000000)};
  Instr cm[] = {ABx(GETGLOBAL, 0, slot), ABx(LOADK, 1, 0), ABC(CALL, 0, 2, 2), ABx(SETGLOBAL, 0, out), ABC(RETURN, 0, 1, 0)};
  Proto *m = mkproto("main.main", 0, 3, cm, 5, km, 1);
  Fiber *f = vm_new_fiber(fnval(m), NULL, 0);
  int yields = 0;
  VMStatus st = run_fiber(f, 10000, &yields);
  CHECK(st == VM_DONE && vm_globals[out].as.i == 1000000, "1e6-deep recursion: %d %lld", st,
        (long long)vm_globals[out].as.i);
  CHECK(f->frames_cap >= 1000000, "frames grew to %d", f->frames_cap);

  /* unbounded recursion dies like Go, in a child process */
  fflush(stdout);
  fflush(stderr);
  int pipefd[2];
  if (pipe(pipefd) != 0) return;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    Instr ci[] = {ABx(GETGLOBAL, 1, slot), ABC(ADDI, 2, 0, 128), ABC(CALL, 1, 2, 2), ABC(RETURN, 1, 2, 0)};
    Proto *inf = mkproto("main.forever", 1, 4, ci, 4, NULL, 0);
    vm_globals[slot] = fnval(inf);
    Value a = INT_VAL(0);
    Fiber *g = vm_new_fiber(vm_globals[slot], &a, 1);
    g->id = 1;
    run_fiber(g, 1 << 30, NULL);
    _exit(0);
  }
  close(pipefd[1]);
  char buf[8192];
  size_t len = 0;
  ssize_t r;
  while ((r = read(pipefd[0], buf + len, sizeof buf - 1 - len)) > 0) {
    len += (size_t)r;
    if (len >= sizeof buf - 1) {
      char sink[4096];
      while (read(pipefd[0], sink, sizeof sink) > 0) {}
      break;
    }
  }
  buf[len] = 0;
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 2, "overflow exit status %d", WEXITSTATUS(status));
  const char *want = "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n";
  CHECK(strncmp(buf, want, strlen(want)) == 0,
        "overflow message:\n%.300s", buf);
  CHECK(strstr(buf, "...additional frames elided...") != NULL, "overflow trace is elided");
}

static void test_disasm(void) {
  int slot = vm_alloc_global("fib2");
  Proto *p = fib_proto(slot);
  FILE *tmp = tmpfile();
  vm_disasm_proto(p, tmp, NULL);
  rewind(tmp);
  char buf[4096] = {0};
  size_t got = fread(buf, 1, sizeof buf - 1, tmp);
  fclose(tmp);
  (void)got;
  CHECK(strstr(buf, "main.fib") && strstr(buf, "GETGLOBAL") && strstr(buf, "; fib2") &&
            strstr(buf, "ADDI") && strstr(buf, "; -1"),
        "disasm:\n%s", buf);
}

int main(int argc, char **argv) {
  (void)argc; (void)argv;
  GC_INIT();
  vm_init();
  test_arith();
  test_sized();
  test_calls();
  test_variadic();
  test_natives();
  test_tailcall();
  test_preempt();
  test_defer_recover();
  test_runtime_errors();
  test_deep_recursion();
  test_disasm();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
