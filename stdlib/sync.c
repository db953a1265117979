/*
** sync.c -- package sync: WaitGroup, Mutex, RWMutex, Once, Cond, Locker.
**
** Every blocking call parks the fiber (NATIVE_PARK + the park protocol),
** never the worker thread. The state objects are TY_NATIVE values whose
** NativeClass create() makes the state, so zero values work anywhere (a
** `var wg sync.WaitGroup`, a struct field, an embedded field).
**
** Each state has a small pthread mutex `lk` guarding its fields and its FIFO
** WaitQ of parked fibers (each parks with its embedded f->waiter). A parking
** native returns with lk HELD; the worker releases it once the fiber is off
** the CPU (park_unlock). Wakers hand the resource over under lk (the woken
** fiber owns the mutex / sees the counter at zero), drop lk, then
** sched_ready(): a resumed call (f->resumed) just returns.
**
** Lock order: Cond.lk -> Mutex.lk (Cond.Wait unlocks its Locker while its
** ticket is taken). No other nesting.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "stdlib/ext.h"

/* ---- vm/chan.c ---- */
void waitq_enqueue(WaitQ *q, Waiter *w);
void waitq_remove(WaitQ *q, Waiter *w);
Waiter *waitq_dequeue(WaitQ *q);

static void unlock_cb(void *m) { pthread_mutex_unlock((pthread_mutex_t *)m); }

/* Queue f on q and prepare the park: lk stays locked until park_unlock.
** f->park_q = q lets vm_cancel_park (a callback from native code may not
** park) unlink the waiter again; every waker takes it out with woken(). */
static int park_on(Fiber *f, WaitQ *q, pthread_mutex_t *lk, WaitReason why, void *obj) {
  Waiter *w = &f->waiter;
  w->fiber = f;
  w->chan = NULL;
  w->elem = NULL;
  w->ok_slot = NULL;
  w->is_select = false;
  w->success = false;
  waitq_enqueue(q, w);
  f->park_q = q;
  f->wait_reason = why;
  f->wait_obj = obj;
  f->park_unlock = unlock_cb;
  f->park_arg = lk;
  return NATIVE_PARK;
}

/* The fiber of a waiter just dequeued (under its queue's lock): no longer
** in a queue, so a later cancelled park must not unlink it from this one. */
static Fiber *woken(Waiter *w) {
  w->fiber->park_q = NULL;
  return w->fiber;
}

/* Fibers to ready once the lock is dropped (linked through schednext: a
** WAITING fiber is on no run queue). */
typedef struct FiberList { Fiber *head, *tail; } FiberList;

static void fl_push(FiberList *l, Fiber *f) {
  f->schednext = NULL;
  if (l->tail) l->tail->schednext = f;
  else l->head = f;
  l->tail = f;
}

static void fl_ready(FiberList *l) {
  Fiber *f = l->head;
  while (f) {
    Fiber *next = f->schednext;
    f->schednext = NULL;
    sched_ready(f);
    f = next;
  }
  l->head = l->tail = NULL;
}

static int64_t arg_int(const Value *args, int nargs, int i) {
  if (i >= nargs) return 0;
  Value v = args[i];
  if (v.kind == VAL_INT) return v.as.i;
  if (v.kind == VAL_FLOAT) return (int64_t)v.as.f;
  return 0;
}

/* ---- receivers ---- */

static pthread_mutex_t lazy_lock = PTHREAD_MUTEX_INITIALIZER;

/* Follow a receiver (the object, a pointer to a location holding it, a
** boxed variable) to the native object, creating missing state lazily. */
static ObjNativeObj *recv_obj(Fiber *f, Value v, const NativeClass *cls) {
  Value *slot = NULL;
  for (int depth = 0; depth < 4 && v.kind != VAL_OBJ; depth++) {
    slot = NULL;
    if (v.kind == VAL_CELL && v.as.p) slot = &((Cell *)v.as.p)->v;
    else if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_CELL: slot = &((Cell *)v.as.p)->v; break;
      case PTR_FIELD: slot = &((ObjStruct *)v.as.p)->f[v.aux]; break;
      case PTR_ELEM: slot = &((ObjArray *)v.as.p)->v[v.aux]; break;
      default: break;
      }
    }
    if (!slot) break;
    v = *slot;
  }
  if (v.kind != VAL_OBJ && slot && v.kind == VAL_NIL) {
    /* a location that never got its zero value: give it one */
    pthread_mutex_lock(&lazy_lock);
    if (slot->kind == VAL_NIL) *slot = obj_new(cls, cls->create());
    v = *slot;
    pthread_mutex_unlock(&lazy_lock);
  }
  if (v.kind != VAL_OBJ || !v.as.p) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NULL;
  }
  ObjNativeObj *o = v.as.p;
  if (o->cls != cls) {
    vm_panicf(f, "csp: %s method called on a %s value", cls->name,
              o->cls && o->cls->name ? o->cls->name : "different");
    return NULL;
  }
  if (!__atomic_load_n(&o->data, __ATOMIC_ACQUIRE)) {
    void *nd = cls->create();
    void *expect = NULL;
    __atomic_compare_exchange_n(&o->data, &expect, nd, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
  }
  return o;
}

#define STATE(T, f, v, cls) ({ ObjNativeObj *o_ = recv_obj(f, v, cls); \
                               o_ ? (T *)__atomic_load_n(&o_->data, __ATOMIC_ACQUIRE) : NULL; })

/* ====================================================================
** WaitGroup
** ==================================================================== */

typedef struct WaitGroup {
  pthread_mutex_t lk;
  int64_t n;        /* counter */
  WaitQ q;          /* fibers in Wait */
} WaitGroup;

static void *wg_create(void) {
  WaitGroup *wg = NEW(WaitGroup);
  pthread_mutex_init(&wg->lk, NULL);
  return wg;
}
/* A copied WaitGroup keeps the counter, not the waiters (as Go's copy of
** the struct does); likewise for the other copies below. */
static void *wg_copy(void *p) {
  WaitGroup *src = p, *wg = wg_create();
  pthread_mutex_lock(&src->lk);
  wg->n = src->n;
  pthread_mutex_unlock(&src->lk);
  return wg;
}
static NativeClass wg_class = {"sync.WaitGroup", NULL, wg_create, wg_copy};

static int wg_add_delta(Fiber *f, WaitGroup *wg, int64_t d) {
  FiberList l = {0};
  pthread_mutex_lock(&wg->lk);
  wg->n += d;
  if (wg->n < 0) {
    wg->n -= d;
    pthread_mutex_unlock(&wg->lk);
    vm_panicf(f, "sync: negative WaitGroup counter");
    return NATIVE_PANIC;
  }
  if (wg->n == 0) {
    Waiter *w;
    while ((w = waitq_dequeue(&wg->q)) != NULL) fl_push(&l, woken(w));
  }
  pthread_mutex_unlock(&wg->lk);
  fl_ready(&l);
  return 0;
}

static int wg_add(Fiber *f, Value *args, int nargs, Value *res) {
  WaitGroup *wg = STATE(WaitGroup, f, args[0], &wg_class);
  if (!wg) return NATIVE_PANIC;
  return wg_add_delta(f, wg, arg_int(args, nargs, 1));
}

static int wg_done(Fiber *f, Value *args, int nargs, Value *res) {
  WaitGroup *wg = STATE(WaitGroup, f, args[0], &wg_class);
  if (!wg) return NATIVE_PANIC;
  return wg_add_delta(f, wg, -1);
}

static int wg_wait(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {           /* woken when the counter reached zero */
    f->resumed = 0;
    return 0;
  }
  WaitGroup *wg = STATE(WaitGroup, f, args[0], &wg_class);
  if (!wg) return NATIVE_PANIC;
  pthread_mutex_lock(&wg->lk);
  if (wg->n == 0) {
    pthread_mutex_unlock(&wg->lk);
    return 0;
  }
  return park_on(f, &wg->q, &wg->lk, WAIT_WAITGROUP, wg);
}

/* ====================================================================
** Mutex (FIFO hand-off: Unlock gives the lock to the first waiter)
** ==================================================================== */

/* Mutex, RWMutex and Once start with the same two fields, lk and owner, so
** that sync_lock_owner (for the deadlock explainer, vm/explain.c) can read
** the owner of whatever lock state a fiber parked on (a WAIT_MUTEX fiber may
** be parked on a Once). */
typedef struct Mutex {
  pthread_mutex_t lk;
  int64_t owner;    /* id of the goroutine that locked it (0: unlocked) */
  bool locked;
  WaitQ q;
} Mutex;

static void *mutex_create(void) {
  Mutex *m = NEW(Mutex);
  pthread_mutex_init(&m->lk, NULL);
  return m;
}
static void *mutex_copy(void *p) {
  Mutex *src = p, *m = mutex_create();
  pthread_mutex_lock(&src->lk);
  m->locked = src->locked;
  m->owner = src->owner;
  pthread_mutex_unlock(&src->lk);
  return m;
}
static NativeClass mutex_class = {"sync.Mutex", NULL, mutex_create, mutex_copy};

/* Lock or park (returns 0 when acquired, NATIVE_PARK when queued). */
static int mutex_acquire(Fiber *f, Mutex *m) {
  pthread_mutex_lock(&m->lk);
  if (!m->locked) {
    m->locked = true;
    m->owner = f->id;
    pthread_mutex_unlock(&m->lk);
    return 0;
  }
  return park_on(f, &m->q, &m->lk, WAIT_MUTEX, m);
}

/* Unlock; false if it was not locked. */
static bool mutex_release(Mutex *m) {
  pthread_mutex_lock(&m->lk);
  if (!m->locked) {
    pthread_mutex_unlock(&m->lk);
    return false;
  }
  Waiter *w = waitq_dequeue(&m->q);
  if (w) {
    Fiber *g = woken(w);     /* stays locked: ownership passes to g */
    m->owner = g->id;
    pthread_mutex_unlock(&m->lk);
    sched_ready(g);
  } else {
    m->locked = false;
    m->owner = 0;
    pthread_mutex_unlock(&m->lk);
  }
  return true;
}

static int mutex_lock(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {          /* the unlocker handed us the lock */
    f->resumed = 0;
    return 0;
  }
  Mutex *m = STATE(Mutex, f, args[0], &mutex_class);
  if (!m) return NATIVE_PANIC;
  return mutex_acquire(f, m);
}

static int mutex_unlock(Fiber *f, Value *args, int nargs, Value *res) {
  Mutex *m = STATE(Mutex, f, args[0], &mutex_class);
  if (!m) return NATIVE_PANIC;
  if (!mutex_release(m)) vm_fatal("sync: unlock of unlocked mutex");
  return 0;
}

static int mutex_trylock(Fiber *f, Value *args, int nargs, Value *res) {
  Mutex *m = STATE(Mutex, f, args[0], &mutex_class);
  if (!m) return NATIVE_PANIC;
  pthread_mutex_lock(&m->lk);
  bool ok = !m->locked;
  if (ok) {
    m->locked = true;
    m->owner = f->id;
  }
  pthread_mutex_unlock(&m->lk);
  res[0] = BOOL_VAL(ok);
  return 1;
}

/* ====================================================================
** RWMutex: writer preference for new readers (a waiting writer blocks new
** RLocks), readers first on Unlock, so neither side starves.
** ==================================================================== */

typedef struct RWMutex {
  pthread_mutex_t lk;
  int64_t owner;     /* id of the goroutine holding the write lock (0: none) */
  int64_t readers;   /* active readers */
  bool writer;       /* a writer holds it */
  WaitQ rq, wq;      /* waiting readers, writers */
} RWMutex;

static void *rw_create(void) {
  RWMutex *m = NEW(RWMutex);
  pthread_mutex_init(&m->lk, NULL);
  return m;
}
static void *rw_copy(void *p) {
  RWMutex *src = p, *m = rw_create();
  pthread_mutex_lock(&src->lk);
  m->owner = src->owner;
  m->readers = src->readers;
  m->writer = src->writer;
  pthread_mutex_unlock(&src->lk);
  return m;
}
static NativeClass rw_class = {"sync.RWMutex", NULL, rw_create, rw_copy};

static int rw_acquire_w(Fiber *f, RWMutex *m) {
  pthread_mutex_lock(&m->lk);
  if (!m->writer && m->readers == 0) {
    m->writer = true;
    m->owner = f->id;
    pthread_mutex_unlock(&m->lk);
    return 0;
  }
  return park_on(f, &m->wq, &m->lk, WAIT_RWMUTEX_W, m);
}

static bool rw_release_w(RWMutex *m) {
  FiberList l = {0};
  pthread_mutex_lock(&m->lk);
  if (!m->writer) {
    pthread_mutex_unlock(&m->lk);
    return false;
  }
  m->writer = false;
  m->owner = 0;
  Waiter *w;
  if (m->rq.first) {
    while ((w = waitq_dequeue(&m->rq)) != NULL) {
      m->readers++;
      fl_push(&l, woken(w));
    }
  } else if ((w = waitq_dequeue(&m->wq)) != NULL) {
    m->writer = true;
    m->owner = w->fiber->id;
    fl_push(&l, woken(w));
  }
  pthread_mutex_unlock(&m->lk);
  fl_ready(&l);
  return true;
}

static int rw_lock(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {
    f->resumed = 0;
    return 0;
  }
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  return rw_acquire_w(f, m);
}

static int rw_unlock(Fiber *f, Value *args, int nargs, Value *res) {
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  if (!rw_release_w(m)) vm_fatal("sync: Unlock of unlocked RWMutex");
  return 0;
}

static int rw_rlock(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {
    f->resumed = 0;
    return 0;
  }
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  pthread_mutex_lock(&m->lk);
  if (!m->writer && !m->wq.first) {
    m->readers++;
    pthread_mutex_unlock(&m->lk);
    return 0;
  }
  return park_on(f, &m->rq, &m->lk, WAIT_RWMUTEX_R, m);
}

static int rw_runlock(Fiber *f, Value *args, int nargs, Value *res) {
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  Fiber *g = NULL;
  pthread_mutex_lock(&m->lk);
  if (m->readers <= 0) {
    pthread_mutex_unlock(&m->lk);
    vm_fatal("sync: RUnlock of unlocked RWMutex");
  }
  m->readers--;
  if (m->readers == 0) {
    Waiter *w = waitq_dequeue(&m->wq);
    if (w) {
      m->writer = true;
      m->owner = w->fiber->id;
      g = woken(w);
    }
  }
  pthread_mutex_unlock(&m->lk);
  if (g) sched_ready(g);
  return 0;
}

static int rw_trylock(Fiber *f, Value *args, int nargs, Value *res) {
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  pthread_mutex_lock(&m->lk);
  bool ok = !m->writer && m->readers == 0;
  if (ok) {
    m->writer = true;
    m->owner = f->id;
  }
  pthread_mutex_unlock(&m->lk);
  res[0] = BOOL_VAL(ok);
  return 1;
}

static int rw_tryrlock(Fiber *f, Value *args, int nargs, Value *res) {
  RWMutex *m = STATE(RWMutex, f, args[0], &rw_class);
  if (!m) return NATIVE_PANIC;
  pthread_mutex_lock(&m->lk);
  bool ok = !m->writer && !m->wq.first;
  if (ok) m->readers++;
  pthread_mutex_unlock(&m->lk);
  res[0] = BOOL_VAL(ok);
  return 1;
}

/* ====================================================================
** Once
** ==================================================================== */

typedef struct Once {
  pthread_mutex_t lk;
  int64_t owner;     /* always 0: the lock layout of Mutex (sync_lock_owner) */
  _Atomic int done;
  bool running;      /* a fiber is inside f() */
  WaitQ q;           /* fibers waiting for it to finish */
} Once;

_Static_assert(offsetof(Mutex, owner) == offsetof(RWMutex, owner) &&
               offsetof(Mutex, owner) == offsetof(Once, owner), "sync_lock_owner reads owner");

/* For vm/explain.c: the goroutine id that holds the lock a fiber parked on
** with WAIT_MUTEX / WAIT_RWMUTEX_R / WAIT_RWMUTEX_W (state = its wait_obj),
** 0 when unknown (readers only, a Once, unlocked). Read without lk: only
** called once the program is quiescent. */
int64_t sync_lock_owner(const void *state, int why) {
  if (!state || (why != WAIT_MUTEX && why != WAIT_RWMUTEX_R && why != WAIT_RWMUTEX_W)) return 0;
  return ((const Mutex *)state)->owner;
}

static void *once_create(void) {
  Once *o = NEW(Once);
  pthread_mutex_init(&o->lk, NULL);
  return o;
}
static void *once_copy(void *p) {
  Once *src = p, *o = once_create();
  atomic_store(&o->done, atomic_load(&src->done));
  return o;
}
static NativeClass once_class = {"sync.Once", NULL, once_create, once_copy};

static int once_do(Fiber *f, Value *args, int nargs, Value *res) {
  if (f->resumed) {          /* the running call finished */
    f->resumed = 0;
    return 0;
  }
  Once *o = STATE(Once, f, args[0], &once_class);
  if (!o) return NATIVE_PANIC;
  if (atomic_load(&o->done)) return 0;
  pthread_mutex_lock(&o->lk);
  if (atomic_load(&o->done)) {
    pthread_mutex_unlock(&o->lk);
    return 0;
  }
  if (o->running) return park_on(f, &o->q, &o->lk, WAIT_MUTEX, o);
  o->running = true;
  pthread_mutex_unlock(&o->lk);

  Value tmp[NATIVE_MAX_RESULTS];
  int r = nargs > 1 ? vm_call(f, args[1], NULL, 0, tmp, 0) : 0;

  /* done even if f panicked (Go: "if f panics, Do considers it to have returned") */
  FiberList l = {0};
  pthread_mutex_lock(&o->lk);
  atomic_store(&o->done, 1);
  o->running = false;
  Waiter *w;
  while ((w = waitq_dequeue(&o->q)) != NULL) fl_push(&l, woken(w));
  pthread_mutex_unlock(&o->lk);
  fl_ready(&l);
  return r == NATIVE_PANIC ? NATIVE_PANIC : 0;
}

/* ====================================================================
** Cond: a struct type {L Locker; notify} with a ticket-based notify list
** (Go's notifyList): Wait takes a ticket before unlocking L, so a Signal
** between the unlock and the park is not lost.
** ==================================================================== */

typedef struct CondState {
  pthread_mutex_t lk;
  uint64_t wait_ticket;    /* next ticket to hand out */
  uint64_t notify_ticket;  /* tickets below this were notified */
  WaitQ q;                 /* parked waiters; Waiter.ticket = their ticket */
} CondState;

static void *cond_create(void) {
  CondState *c = NEW(CondState);
  pthread_mutex_init(&c->lk, NULL);
  return c;
}
static NativeClass cond_class = {"sync.notifyList", NULL, cond_create, NULL};
static Type *cond_type, *locker_type;

/* The Cond struct behind a receiver. */
static ObjStruct *cond_struct(Fiber *f, Value v) {
  ObjStruct *s = ext_struct_of(v);
  if (!s) vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return s;
}

static CondState *cond_state(Fiber *f, ObjStruct *s) {
  if (s->n < 2) {
    vm_panicf(f, "csp: sync.Cond: bad receiver");
    return NULL;
  }
  Value slot = PTR_VAL(PTR_FIELD, s, 1);
  return STATE(CondState, f, slot, &cond_class);
}

/* The native object behind a Locker value, or NULL for other Lockers. */
static ObjNativeObj *locker_obj(Value v) {
  for (int depth = 0; depth < 4; depth++) {
    if (v.kind == VAL_OBJ) return v.as.p;
    if (v.kind == VAL_CELL && v.as.p) { v = ((Cell *)v.as.p)->v; continue; }
    if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_CELL: v = ((Cell *)v.as.p)->v; continue;
      case PTR_FIELD: v = ((ObjStruct *)v.as.p)->f[v.aux]; continue;
      case PTR_ELEM: v = ((ObjArray *)v.as.p)->v[v.aux]; continue;
      default: break;
      }
    }
    break;
  }
  return NULL;
}

/* Call L.Lock or L.Unlock of a user-defined Locker (must not block). */
static int call_locker_method(Fiber *f, Value l, const char *name) {
  const char *iname = intern(name);
  Type *t = value_type(l);
  const Method *m = t ? type_find_method(t, iname) : NULL;
  if (!m && t && t->kind == TY_PTR && t->elem) m = type_find_method(t->elem, iname);
  if (!m) {
    vm_panicf(f, "csp: sync.Cond: the Locker has no %s method", name);
    return NATIVE_PANIC;
  }
  Value tmp[NATIVE_MAX_RESULTS];
  return vm_call(f, m->fn, &l, 1, tmp, 0) == NATIVE_PANIC ? NATIVE_PANIC : 0;
}

/* Lock L again after a wakeup: 0 = locked, NATIVE_PARK = queued on it. */
static int cond_relock(Fiber *f, Value l) {
  ObjNativeObj *o = locker_obj(l);
  if (o && o->cls == &mutex_class) return mutex_acquire(f, o->data);
  if (o && o->cls == &rw_class) return rw_acquire_w(f, o->data);
  if (value_is_nil(l)) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  return call_locker_method(f, l, "Lock");
}

static int cond_unlock_l(Fiber *f, Value l) {
  ObjNativeObj *o = locker_obj(l);
  if (o && o->cls == &mutex_class) {
    if (!mutex_release(o->data)) vm_fatal("sync: unlock of unlocked mutex");
    return 0;
  }
  if (o && o->cls == &rw_class) {
    if (!rw_release_w(o->data)) vm_fatal("sync: Unlock of unlocked RWMutex");
    return 0;
  }
  if (value_is_nil(l)) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  return call_locker_method(f, l, "Unlock");
}

/* native_phase: 0 fresh call; 1 parked on the cond; 2 parked relocking L. */
static int cond_wait(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *s = cond_struct(f, args[0]);
  if (!s) return NATIVE_PANIC;
  if (f->resumed) {
    f->resumed = 0;
    if (f->native_phase == 2) {             /* L was handed to us */
      f->native_phase = 0;
      return 0;
    }
    goto relock;                            /* phase 1: notified */
  }
  CondState *c = cond_state(f, s);
  if (!c) return NATIVE_PANIC;
  if (f->c_depth > 0) {
    /* In a callback from native code the park is always cancelled
    ** (vm_cancel_park panics): take no ticket, or a later Signal would be
    ** spent on a waiter that never waits. Unlock L as Wait does, and queue
    ** under a ticket no Signal picks; the cancel unlinks it again. */
    if (cond_unlock_l(f, s->f[0]) == NATIVE_PANIC) return NATIVE_PANIC;
    pthread_mutex_lock(&c->lk);
    f->waiter.ticket = UINT64_MAX;
    return park_on(f, &c->q, &c->lk, WAIT_COND, c);
  }
  pthread_mutex_lock(&c->lk);
  uint64_t t = c->wait_ticket++;
  pthread_mutex_unlock(&c->lk);
  if (cond_unlock_l(f, s->f[0]) == NATIVE_PANIC) return NATIVE_PANIC;
  pthread_mutex_lock(&c->lk);
  if (t < c->notify_ticket) {               /* signalled in between */
    pthread_mutex_unlock(&c->lk);
    goto relock;
  }
  f->waiter.ticket = t;
  f->native_phase = 1;
  return park_on(f, &c->q, &c->lk, WAIT_COND, c);
relock: {
    int r = cond_relock(f, s->f[0]);
    f->native_phase = r == NATIVE_PARK ? 2 : 0;
    return r;
  }
}

static int cond_signal(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *s = cond_struct(f, args[0]);
  if (!s) return NATIVE_PANIC;
  CondState *c = cond_state(f, s);
  if (!c) return NATIVE_PANIC;
  Fiber *g = NULL;
  pthread_mutex_lock(&c->lk);
  if (c->notify_ticket != c->wait_ticket) {
    uint64_t t = c->notify_ticket++;
    for (Waiter *w = c->q.first; w; w = w->next) {
      if (w->ticket == t) {
        waitq_remove(&c->q, w);
        g = woken(w);
        break;
      }
    }
  }
  pthread_mutex_unlock(&c->lk);
  if (g) sched_ready(g);
  return 0;
}

static int cond_broadcast(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *s = cond_struct(f, args[0]);
  if (!s) return NATIVE_PANIC;
  CondState *c = cond_state(f, s);
  if (!c) return NATIVE_PANIC;
  FiberList l = {0};
  pthread_mutex_lock(&c->lk);
  c->notify_ticket = c->wait_ticket;
  Waiter *w;
  while ((w = waitq_dequeue(&c->q)) != NULL) fl_push(&l, woken(w));
  pthread_mutex_unlock(&c->lk);
  fl_ready(&l);
  return 0;
}

static int sync_newcond(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *s = struct_new(cond_type);
  s->f[0] = nargs > 0 ? args[0] : NIL_VAL;
  if (s->f[1].kind != VAL_OBJ) s->f[1] = obj_new(&cond_class, cond_create());
  res[0] = PTR_VAL(PTR_STRUCT, s, 0);
  return 1;
}

/* ====================================================================
** registration
** ==================================================================== */

static Type *def_native_type(const char *name, NativeClass *cls) {
  Type *t = type_native("sync", name, cls);
  cls->type = t;
  api_def_type("sync", name, t);
  return t;
}

void stdlib_open_sync(void) {
  Type *t = def_native_type("WaitGroup", &wg_class);
  api_def_method(t, "Add", wg_add, -1, true);
  api_def_method(t, "Done", wg_done, -1, true);
  api_def_method(t, "Wait", wg_wait, -1, true);

  t = def_native_type("Mutex", &mutex_class);
  api_def_method(t, "Lock", mutex_lock, -1, true);
  api_def_method(t, "Unlock", mutex_unlock, -1, true);
  api_def_method(t, "TryLock", mutex_trylock, -1, true);

  t = def_native_type("RWMutex", &rw_class);
  api_def_method(t, "Lock", rw_lock, -1, true);
  api_def_method(t, "Unlock", rw_unlock, -1, true);
  api_def_method(t, "RLock", rw_rlock, -1, true);
  api_def_method(t, "RUnlock", rw_runlock, -1, true);
  api_def_method(t, "TryLock", rw_trylock, -1, true);
  api_def_method(t, "TryRLock", rw_tryrlock, -1, true);

  t = def_native_type("Once", &once_class);
  api_def_method(t, "Do", once_do, -1, true);

  const char *lm[] = {"Lock", "Unlock"};
  locker_type = type_named("sync", "Locker", type_interface(lm, 2));
  api_def_type("sync", "Locker", locker_type);

  Type *notify = type_native("sync", "notifyList", &cond_class);
  cond_class.type = notify;
  Field fields[2] = {
    {.name = "L", .type = locker_type},
    {.name = "notify", .type = notify},
  };
  cond_type = type_named("sync", "Cond", type_struct(fields, 2));
  api_def_type("sync", "Cond", cond_type);
  api_def_method(cond_type, "Wait", cond_wait, -1, true);
  api_def_method(cond_type, "Signal", cond_signal, -1, true);
  api_def_method(cond_type, "Broadcast", cond_broadcast, -1, true);
  api_def_func("sync", "NewCond", sync_newcond, 1);
}
