/*
** runtime.c -- package runtime: Gosched, NumGoroutine, NumCPU, GOMAXPROCS, GC.
*/
#include <unistd.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/sched.h"

/* ---- vm/sched.c ---- */
void sched_ready_yield(Fiber *f);

/* park_unlock of Gosched: requeue behind the runnable fibers (Go puts it on
** the global queue; here: the tail of this worker's queue). */
static void gosched_commit(void *arg) { sched_ready_yield((Fiber *)arg); }

static int rt_gosched(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {
    f->resumed = 0;
    return 0;
  }
  f->wait_reason = WAIT_NONE;
  f->wait_obj = NULL;
  f->park_unlock = gosched_commit;
  f->park_arg = f;
  return NATIVE_PARK;
}

static int rt_numgoroutine(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = INT_VAL(sched_num_goroutines());
  return 1;
}

static int rt_numcpu(Fiber *f, Value *args, int nargs, Value *res) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  res[0] = INT_VAL(n > 0 ? n : 1);
  return 1;
}

static int rt_gomaxprocs(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n = nargs > 0 && args[0].kind == VAL_INT ? args[0].as.i : 0;
  if (n > 1 << 20) n = 1 << 20;
  res[0] = INT_VAL(sched_set_procs((int)n));
  return 1;
}

static int rt_gc(Fiber *f, Value *args, int nargs, Value *res) {
  GC_gcollect();
  return 0;
}

void stdlib_open_runtime(void) {
  api_def_func("runtime", "Gosched", rt_gosched, 0);
  api_def_func("runtime", "NumGoroutine", rt_numgoroutine, 0);
  api_def_func("runtime", "NumCPU", rt_numcpu, 0);
  api_def_func("runtime", "GOMAXPROCS", rt_gomaxprocs, 1);
  api_def_func("runtime", "GC", rt_gc, 0);
}
