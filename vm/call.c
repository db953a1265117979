/*
** call.c -- calls: frame set-up (argument checks, variadic packing), natives,
** bound methods, stack and frame-array growth, new fibers (recycled from the
** scheduler's free list when possible), the C-stack guard for recursion in C
** (vm_cstack_low/vm_cstack_hop), and vm_call(), the re-entry from natives
** into csp code through a C-boundary frame.
**
** The stack is a GC_MALLOC'd Value array that grows by reallocation (doubling);
** every Value* into it is invalid after a growth, which is why the loop
** re-derives its register base after anything that can call.
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "vm/interp.h"
#include "vm/limits.h"

/* {====================================================================
** Stack and frames
** ===================================================================== */

void vm_grow_stack(Fiber *f, size_t need) {
  if (need <= f->stack_cap) return;
  if (need > VM_MAX_STACK_VALUES) vm_stack_overflow(f);
  size_t ncap = f->stack_cap ? (size_t)f->stack_cap * 2 : VM_INITIAL_STACK;
  while (ncap < need) ncap *= 2;
  if (ncap > VM_MAX_STACK_VALUES) ncap = VM_MAX_STACK_VALUES;
  Value *ns = GC_MALLOC(ncap * sizeof(Value));
  if (!ns) vm_fatal("runtime: out of memory: cannot grow a goroutine stack to %zu values", ncap);
  if (f->stack && f->stack_cap) memcpy(ns, f->stack, (size_t)f->stack_cap * sizeof(Value));
  f->stack = ns;
  f->stack_cap = (uint32_t)ncap;
}

void vm_grow_frames(Fiber *f) {
  if (f->nframes >= VM_MAX_FRAMES) vm_stack_overflow(f);
  /* --max-stack: the array never grows past the limit, so the call that
  ** would need frame limit+1 comes back here (vm/limits.h) */
  if (limits_max_frames > 0 && f->nframes >= limits_max_frames) limits_exceeded(LIMIT_STACK, 0, f);
  int ncap = f->frames_cap ? f->frames_cap * 2 : VM_INITIAL_FRAMES;
  if (ncap > VM_MAX_FRAMES) ncap = VM_MAX_FRAMES;
  if (limits_max_frames > 0 && ncap > limits_max_frames) ncap = (int)limits_max_frames;
  CallFrame *nf = GC_MALLOC((size_t)ncap * sizeof(CallFrame));
  if (!nf) vm_fatal("runtime: out of memory: cannot grow a goroutine's frames");
  if (f->frames && f->nframes) memcpy(nf, f->frames, (size_t)f->nframes * sizeof(CallFrame));
  f->frames = nf;
  f->frames_cap = ncap;
}

/* First free stack slot above everything in use: the top frame's registers
** and a native's arguments (f->top is set before a native is called). */
uint32_t vm_stack_used(Fiber *f) {
  uint32_t used = f->top;
  if (f->nframes > 0) {
    CallFrame *fr = &f->frames[f->nframes - 1];
    uint32_t e = fr->base + fr->cl->proto->nregs;
    if (e > used) used = e;
  }
  return used;
}

/* }==================================================================== */

/* {====================================================================
** Calls
** ===================================================================== */

/* The element type of a variadic proto's last parameter, if known. */
static Type *variadic_elem(Proto *p) {
  Type *ft = p->type;
  if (!ft || ft->kind != TY_FUNC || ft->nparams < 1) return NULL;
  Type *last = ft->params[ft->nparams - 1];
  if (last && last->kind == TY_SLICE) return last->elem;
  return NULL;
}

/* Expand the slice in stack[fidx+nargs] into separate arguments (a spread
** call of a native). Returns the new argument count. */
static int spread_args(Fiber *f, uint32_t fidx, int nargs) {
  if (nargs < 1) return nargs;
  Value last = f->stack[fidx + (uint32_t)nargs];
  int64_t n = 0;
  ObjSlice *s = NULL;
  if (last.kind == VAL_SLICE && last.as.p) {
    s = last.as.p;
    n = s->len;
  }
  if (n > 1000000) n = 1000000;
  VM_ENSURE_STACK(f, fidx + (uint32_t)nargs + (uint32_t)n + 1);
  for (int64_t j = 0; j < n; j++) f->stack[fidx + (uint32_t)nargs + (uint32_t)j] = s->arr->v[s->off + j];
  return nargs - 1 + (int)n;
}

int vm_precall(Fiber *f, uint32_t fidx, int nargs, int nresults, bool spread) {
  if (nargs < 0) nargs = 0;
  for (;;) {
    Value fn = f->stack[fidx];
    switch (fn.kind) {
    case VAL_FUNC: {
      ObjClosure *cl = fn.as.p;
      if (!cl) break;
      Proto *p = cl->proto;
      uint32_t base = fidx + 1;
      int np = p->nparams;
      size_t need = (size_t)base + (p->nregs > nargs ? p->nregs : nargs) + 1;
      VM_ENSURE_STACK(f, need);
      Value *args = f->stack + base;
      if (p->variadic && np > 0) {
        int fixed = np - 1;
        if (spread) {
          /* the last argument already is the slice */
          if (nargs < np) for (int a = nargs; a < np; a++) args[a] = NIL_VAL;
        } else {
          int extra = nargs - fixed;
          Value sl = OBJ_VAL(VAL_SLICE, NULL);
          if (extra > 0) {
            Type *elem = variadic_elem(p);
            sl = slice_append(sl, elem, &args[fixed], extra);
            args = f->stack + base;     /* (slice_append never re-enters) */
          } else {
            for (int a = nargs; a < fixed; a++) args[a] = NIL_VAL;
          }
          args[fixed] = sl;
        }
      } else {
        for (int a = nargs; a < np; a++) args[a] = NIL_VAL;
      }
      if (f->nframes >= f->frames_cap) vm_grow_frames(f);
      CallFrame *nf = &f->frames[f->nframes++];
      nf->cl = cl;
      nf->pc = p->code;
      nf->base = base;
      nf->ret = fidx;
      nf->nresults = (int16_t)nresults;
      nf->flags = 0;
      nf->defers = NULL;
      return CALL_FRAME;
    }
    case VAL_NATIVE: {
      ObjNative *nat = fn.as.p;
      if (spread) nargs = spread_args(f, fidx, nargs);
      f->top = fidx + 1 + (uint32_t)nargs;
      int n = nat->fn(f, f->stack + fidx + 1, nargs, f->res);
      if (n == NATIVE_PARK) return CALL_PARK;
      f->resumed = 0;
      f->native_phase = 0;
      if (n == NATIVE_PANIC || n < 0) {
        if (!f->panic) vm_panicf(f, "csp: native %s failed", nat->name ? nat->name : "?");
        return CALL_PANIC;
      }
      if (n > NATIVE_MAX_RESULTS) n = NATIVE_MAX_RESULTS;
      if (nresults < 0) {
        VM_ENSURE_STACK(f, fidx + (uint32_t)n + 1);
        for (int j = 0; j < n; j++) f->stack[fidx + j] = f->res[j];
        f->top = fidx + (uint32_t)n;
      } else {
        VM_ENSURE_STACK(f, fidx + (uint32_t)nresults + 1);
        int m = n < nresults ? n : nresults;
        for (int j = 0; j < m; j++) f->stack[fidx + j] = f->res[j];
        for (int j = m; j < nresults; j++) f->stack[fidx + j] = NIL_VAL;
      }
      return CALL_DONE;
    }
    case VAL_BOUND: {
      ObjBound *b = fn.as.p;
      if (!b) break;
      if (b->drop_first) {
        if (nargs > 0) {
          memmove(&f->stack[fidx + 1], &f->stack[fidx + 2], sizeof(Value) * (size_t)(nargs - 1));
          nargs--;
        }
      } else {
        VM_ENSURE_STACK(f, fidx + (uint32_t)nargs + 3);
        memmove(&f->stack[fidx + 2], &f->stack[fidx + 1], sizeof(Value) * (size_t)nargs);
        f->stack[fidx + 1] = b->recv;
        nargs++;
      }
      f->stack[fidx] = b->fn;
      continue;
    }
    default:
      break;
    }
    /* nil func (or not a function at all) */
    if (fn.kind == VAL_NIL || value_is_nil(fn)) vm_nil_deref(f);
    else vm_panicf(f, "csp: call of non-function value (%s)", value_kind_name(fn.kind));
    return CALL_PANIC;
  }
}

/* }==================================================================== */

/* {====================================================================
** Fibers
** ===================================================================== */

Fiber *vm_new_fiber_ex(Value fn, const Value *args, int nargs, bool spread) {
  if (nargs < 0) nargs = 0;
  /* A small stack, just enough for the body's frame when it is known (a
  ** parked goroutine should cost little); calls grow it on demand. */
  size_t need = (size_t)nargs + 2;
  if (fn.kind == VAL_FUNC && fn.as.p) {
    Proto *p = ((ObjClosure *)fn.as.p)->proto;
    size_t body = (size_t)(p->nregs > nargs ? p->nregs : nargs) + 2;
    if (body > need) need = body;
  }
  /* A dead fiber from this worker's free list comes back all zero except
  ** its (zeroed) stack and frame array, exactly like a fresh one. */
  Fiber *f = sched_fiber_reuse();
  if (!f) {
    f = NEW(Fiber);
    if (!f) vm_fatal("runtime: out of memory");
  }
  if (f->stack_cap < need || !f->stack) {
    size_t cap = 8;
    while (cap < need) cap *= 2;
    f->stack = GC_MALLOC(cap * sizeof(Value));
    if (!f->stack) vm_fatal("runtime: out of memory");
    f->stack_cap = (uint32_t)cap;
  }
  if (!f->frames || f->frames_cap < VM_INITIAL_FRAMES) {
    f->frames = GC_MALLOC(VM_INITIAL_FRAMES * sizeof(CallFrame));
    if (!f->frames) vm_fatal("runtime: out of memory");
    f->frames_cap = VM_INITIAL_FRAMES;
  }
  atomic_store_explicit(&f->status, FIBER_RUNNABLE, memory_order_relaxed);
  f->stack[0] = fn;
  for (int j = 0; j < nargs; j++) {
    Value v = args[j];
    f->stack[1 + j] = v;
  }
  f->top = 1 + (uint32_t)nargs;

  /* Unwrap bound methods now; a closure gets its bottom frame right away, a
  ** native is called when the fiber first runs. */
  for (;;) {
    Value g = f->stack[0];
    if (g.kind == VAL_BOUND && g.as.p) {
      ObjBound *b = g.as.p;
      int n = (int)f->top - 1;
      if (b->drop_first) {
        if (n > 0) {
          memmove(&f->stack[1], &f->stack[2], sizeof(Value) * (size_t)(n - 1));
          f->top--;
        }
      } else {
        VM_ENSURE_STACK(f, (size_t)n + 3);
        memmove(&f->stack[2], &f->stack[1], sizeof(Value) * (size_t)n);
        f->stack[1] = b->recv;
        f->top++;
      }
      f->stack[0] = b->fn;
      continue;
    }
    break;
  }
  Value g = f->stack[0];
  if (g.kind == VAL_FUNC && g.as.p) {
    int n = (int)f->top - 1;
    int r = vm_precall(f, 0, n, 0, spread);
    (void)r;                               /* closures always get a frame */
    f->frames[0].flags |= FRAME_GO_ENTRY;
    f->top = 0;
  } else if (g.kind == VAL_NATIVE && spread) {
    int n = spread_args(f, 0, (int)f->top - 1);
    f->top = 1 + (uint32_t)n;
  }
  return f;
}

Fiber *vm_new_fiber(Value fn, const Value *args, int nargs) {
  return vm_new_fiber_ex(fn, args, nargs, false);
}

/* }==================================================================== */

/* {====================================================================
** The C stack
**
** Natives that call back into csp (vm_call: String() methods called by fmt,
** sort's less function) and the walkers over nested values (==, copying,
** hashing checks, printing) recurse in C, as deep as the program or the
** value goes. Instead of a fixed depth limit, a recursive step asks
** vm_cstack_low() whether the thread's C stack is nearly used up; if so it
** runs the rest of its work through vm_cstack_hop(), on a new thread with a
** large stack, while the current thread waits for it (so the fiber is still
** run by one thread at a time). The hops together stand in for Go's 1 GB
** goroutine stack: past CSTACK_MAX_HOPS it is Go's fatal "stack overflow".
** Hop threads are created through gc.h's pthread_create (registered with
** Boehm, so everything on their stacks is scanned).
** ===================================================================== */

#include <pthread.h>
#include <stdint.h>

#define CSTACK_MARGIN    ((uintptr_t)256 << 10)  /* what one recursive step may use */
#define CSTACK_HOP_SIZE  ((size_t)64 << 20)      /* stack of a hop thread (reserved lazily) */
#define CSTACK_MAX_HOPS  3

static __thread uintptr_t cs_limit;     /* hop below this address; 0 = not known yet */
static __thread int cs_hops;            /* hops that led to this thread */
static __thread Fiber *cs_fiber;        /* a hop thread: the fiber it works for */

static void cstack_init(void) {
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  uintptr_t lo = 0;
  pthread_attr_t a;
  if (pthread_getattr_np(pthread_self(), &a) == 0) {
    void *addr = NULL;
    size_t size = 0;
    if (pthread_attr_getstack(&a, &addr, &size) == 0 && addr &&
        here > (uintptr_t)addr && here - (uintptr_t)addr <= size)
      lo = (uintptr_t)addr;
    pthread_attr_destroy(&a);
  }
  /* Unknown bounds, or an "unlimited" main stack: assume 8 MB below here. */
  if (!lo || here - lo > ((uintptr_t)1 << 30)) lo = here > ((uintptr_t)8 << 20) ? here - ((uintptr_t)8 << 20) : 0;
  uintptr_t lim = lo + CSTACK_MARGIN;
  if (lim >= here) lim = here - 1;       /* tiny stack: hop at once */
  cs_limit = lim;
}

bool vm_cstack_low(void) {
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
  if (__builtin_expect(cs_limit == 0, 0)) cstack_init();
  return sp < cs_limit;
}

static void cstack_overflow(Fiber *f) __attribute__((noreturn));
static void cstack_overflow(Fiber *f) {
  if (f) vm_stack_overflow(f);
  fflush(stdout);
  fputs("runtime: goroutine stack exceeds 1000000000-byte limit\n"
        "fatal error: stack overflow\n", stderr);
  fflush(stderr);
  sched_exit(2);
}

typedef struct CStackHop {
  void (*fn)(void *);
  void *arg;
  int hops;
  Fiber *fiber;
} CStackHop;

static void *cstack_hop_main(void *p) {
  CStackHop *h = p;
  cs_hops = h->hops;
  cs_fiber = h->fiber;
  cs_limit = 0;
  h->fn(h->arg);
  return NULL;
}

void vm_cstack_hop(void (*fn)(void *), void *arg) {
  Fiber *f = sched_current();
  if (!f) f = cs_fiber;
  if (cs_hops >= CSTACK_MAX_HOPS) cstack_overflow(f);
  CStackHop h = {fn, arg, cs_hops + 1, f};
  pthread_attr_t a;
  pthread_attr_init(&a);
  pthread_attr_setstacksize(&a, CSTACK_HOP_SIZE);
  pthread_t t;
  int rc = pthread_create(&t, &a, cstack_hop_main, &h);
  pthread_attr_destroy(&a);
  if (rc != 0) cstack_overflow(f);   /* no thread for more stack: as if it ran out */
  pthread_join(t, NULL);
}

/* }==================================================================== */

/* {====================================================================
** Re-entry from natives
** ===================================================================== */

static const char callback_park_msg[] = "csp: blocking operation inside a callback from native code";

void vm_cancel_park(Fiber *f, bool chan_op) {
  /* Take the fiber back out of the queue it joined, then release the lock
  ** the park would have released. */
  if (chan_op) {
    if (f->wait_reason == WAIT_SELECT && f->sel_waiters && f->park_unlock) {
      for (int k = 0; k < f->sel_ncases; k++) {
        Waiter *w = &f->sel_waiters[k];
        if (!w->chan) continue;
        waitq_remove(w->ok_slot ? &w->chan->recvq : &w->chan->sendq, w);
      }
    } else if (f->waiter.chan && f->park_unlock) {
      Waiter *w = &f->waiter;
      waitq_remove(f->wait_reason == WAIT_CHAN_SEND ? &w->chan->sendq : &w->chan->recvq, w);
    }
  }
  if (f->park_q) {
    /* a sync park (Mutex, RWMutex, WaitGroup, Cond, Once): its lock is still
    ** held (released below), so no waker has dequeued f->waiter yet */
    waitq_remove(f->park_q, &f->waiter);
    f->park_q = NULL;
  }
  void (*unlock)(void *) = f->park_unlock;
  void *arg = f->park_arg;
  f->park_unlock = NULL;
  f->park_arg = NULL;
  f->wait_reason = WAIT_NONE;
  f->wait_obj = NULL;
  if (unlock) unlock(arg);
  f->resumed = 0;
  f->native_phase = 0;
  vm_panicf(f, "%s", callback_park_msg);
}

typedef struct CallHop {
  Fiber *f;
  Value fn;
  const Value *args;
  int nargs, nres, r;
  Value *res;
} CallHop;

static void call_hop(void *p) {
  CallHop *h = p;
  h->r = vm_call(h->f, h->fn, h->args, h->nargs, h->res, h->nres);
}

int vm_call(Fiber *f, Value fn, const Value *args, int nargs, Value *res, int nres) {
  if (nargs < 0) nargs = 0;
  if (vm_cstack_low()) {
    /* deep recursion through natives: continue on a bigger C stack */
    CallHop h = {f, fn, args, nargs, nres, 0, res};
    vm_cstack_hop(call_hop, &h);
    return h.r;
  }
  /* Save what the calling native may still need. */
  Value saved_res[NATIVE_MAX_RESULTS];
  memcpy(saved_res, f->res, sizeof saved_res);
  uint32_t saved_top = f->top;
  int saved_phase = f->native_phase;
  uint8_t saved_resumed = f->resumed;
  int saved_nframes = f->nframes;

  uint32_t slot = vm_stack_used(f);
  VM_ENSURE_STACK(f, (size_t)slot + (size_t)nargs + 2);
  f->stack[slot] = fn;
  for (int j = 0; j < nargs; j++) f->stack[slot + 1 + (uint32_t)j] = args[j];
  f->native_phase = 0;
  f->resumed = 0;
  f->c_depth++;
  int r = vm_precall(f, slot, nargs, -1, false);
  if (r == CALL_FRAME) {
    f->frames[f->nframes - 1].flags |= FRAME_C_BOUNDARY;
    int st = vm_run(f, INT_MAX / 2);
    r = st == VM_CRETURN ? CALL_DONE : CALL_PANIC;
    if (r == CALL_PANIC) f->nframes = saved_nframes;
  } else if (r == CALL_PARK) {
    vm_cancel_park(f, false);
    r = CALL_PANIC;
  }
  f->c_depth--;
  int n = 0;
  if (r == CALL_DONE) {
    n = (int)(f->top - slot);
    if (n < 0) n = 0;
    if (n > nres) n = nres;
    for (int j = 0; j < n; j++) res[j] = f->stack[slot + (uint32_t)j];
  }
  memcpy(f->res, saved_res, sizeof saved_res);
  /* results may live in f->res (res == f->res): write them back on top */
  if (r == CALL_DONE && res == f->res)
    for (int j = 0; j < n; j++) f->res[j] = f->stack[slot + (uint32_t)j];
  f->top = saved_top;
  f->native_phase = saved_phase;
  f->resumed = saved_resumed;
  return r == CALL_DONE ? n : NATIVE_PANIC;
}

/* }==================================================================== */
