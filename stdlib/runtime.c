/*
** runtime.c -- package runtime: Gosched, NumGoroutine, NumCPU, GOMAXPROCS, GC,
** ReadMemStats (Boehm's counters in Go's MemStats field names),
** MemProfileRate, GOOS, GOARCH.
*/
#include <unistd.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "stdlib/ext.h"

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

/* runtime.MemStats: the fields a program is likely to read, as uint64. */
static const char *const memstats_fields[] = {
  "Alloc", "TotalAlloc", "Sys", "Lookups", "Mallocs", "Frees", "HeapAlloc", "HeapSys",
  "HeapIdle", "HeapInuse", "HeapReleased", "HeapObjects", "NumGC", "PauseTotalNs",
};
enum { MS_ALLOC, MS_TOTAL, MS_SYS, MS_LOOKUPS, MS_MALLOCS, MS_FREES, MS_HEAPALLOC, MS_HEAPSYS,
       MS_HEAPIDLE, MS_HEAPINUSE, MS_HEAPRELEASED, MS_HEAPOBJECTS, MS_NUMGC, MS_PAUSE, MS_COUNT };
static Type *memstats_type;

static int rt_readmemstats(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *st = ext_struct_of(nargs > 0 ? args[0] : NIL_VAL);
  if (!st || st->n < MS_COUNT) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  GC_word heap = 0, free_b = 0, unmapped = 0, since = 0, total = 0;
  GC_get_heap_usage_safe(&heap, &free_b, &unmapped, &since, &total);
  uint64_t inuse = heap > free_b + unmapped ? heap - free_b - unmapped : 0;
  uint64_t m[MS_COUNT] = {0};
  m[MS_ALLOC] = m[MS_HEAPALLOC] = m[MS_HEAPINUSE] = inuse;
  m[MS_TOTAL] = total;
  m[MS_SYS] = m[MS_HEAPSYS] = heap;
  m[MS_HEAPIDLE] = free_b + unmapped;
  m[MS_HEAPRELEASED] = unmapped;
  m[MS_NUMGC] = (uint64_t)GC_get_gc_no();
  for (int i = 0; i < MS_COUNT; i++) {
    Value x = INT_VAL((int64_t)m[i]);
    x.aux = i == MS_NUMGC ? TID_UINT32 : TID_UINT64;
    st->f[i] = x;
  }
  return 0;
}

void stdlib_open_runtime(void) {
  /* runtime.Error: what run-time panics hold (vm/api.c api_runtime_error_new) */
  static const char *rt_error_methods[] = {"Error", "RuntimeError"};
  api_def_type("runtime", "Error",
               type_named("runtime", "Error", type_interface(rt_error_methods, 2)));
  api_def_func("runtime", "Gosched", rt_gosched, 0);
  api_def_func("runtime", "NumGoroutine", rt_numgoroutine, 0);
  api_def_func("runtime", "NumCPU", rt_numcpu, 0);
  api_def_func("runtime", "GOMAXPROCS", rt_gomaxprocs, 1);
  api_def_func("runtime", "GC", rt_gc, 0);

  Field fields[MS_COUNT];
  for (int i = 0; i < MS_COUNT; i++)
    fields[i] = (Field){.name = memstats_fields[i], .type = i == MS_NUMGC ? type_uint32 : type_uint64};
  memstats_type = type_named("runtime", "MemStats", type_struct(fields, MS_COUNT));
  api_def_type("runtime", "MemStats", memstats_type);
  api_def_func("runtime", "ReadMemStats", rt_readmemstats, 1);
  Value rate = INT_VAL(0);   /* Go's linker sets 0 when no memory profile is taken */
  api_def_var("runtime", "MemProfileRate", rate);
  api_def_const("runtime", "GOOS", str_val("linux"));
#if defined(__x86_64__)
  api_def_const("runtime", "GOARCH", str_val("amd64"));
#elif defined(__aarch64__)
  api_def_const("runtime", "GOARCH", str_val("arm64"));
#else
  api_def_const("runtime", "GOARCH", str_val("unknown"));
#endif
}
