/*
** sched.c -- the M:N scheduler: N worker OS threads run many fibers (Go's
** runtime/proc.go is the model, much reduced).
**
** Shape
**   - Each Worker (Go's P+M) owns a 256-slot ring run queue and a `runnext`
**     slot. The owner pushes at the tail; the owner and thieves take from the
**     head with a CAS (Go's runqput/runqget/runqgrab). A fiber readied by a
**     fiber running on this worker (channel hand-off) goes to runnext, so a
**     ping-pong pair stays on one worker and runs back to back.
**   - A global queue (intrusive list through Fiber.schednext, under S.lock)
**     takes fibers readied from outside a worker, and half a ring when it
**     overflows. Workers look at it every 61 ticks for fairness.
**   - An idle worker steals half of another worker's ring; if there is
**     nothing, it sleeps on its own condition variable (never spins). One
**     sleeping worker, the "watcher", uses a timed wait for the earliest timer.
**   - While fibers wait on I/O, one idle worker (np_poller) sleeps in
**     epoll_wait instead (netpoll.c), woken through an eventfd
**     (worker_signal); busy workers poll without blocking every 61 rounds.
**   - Preemption: vm_execute() returns VM_YIELD when its instruction budget is
**     spent; the fiber goes to the ring's tail.
**   - Deterministic mode (--seed): one worker, a single run list from which a
**     seeded PRNG picks the next fiber, a randomised budget, and a virtual
**     clock that jumps to the next timer when nothing can run.
**
** Invariants
**   - A fiber is in at most one run queue (runnext, a ring, the global queue or
**     the deterministic list) and only while RUNNABLE.
**   - Only the owner pushes into its ring and touches its runnext; the owner
**     only sleeps after finding both empty. Hence when every worker sleeps,
**     every ring is empty.
**   - sched_ready() is the only WAITING -> RUNNABLE transition (CAS on status:
**     a fiber is readied at most once per park; a stale wake-up for a park the
**     VM cancelled finds it not WAITING and is ignored).
**   - Every live fiber is on the all-fibers list (all_lock): it keeps parked
**     goroutines reachable for Boehm and serves the dump. Dead fibers leave it.
**
** Lock order: S.lock -> all_lock. A channel lock or the timer lock is never
** held while taking S.lock (wakers drop their locks before sched_ready).
**
** Deadlock: a worker that goes to sleep while no other worker is awake, the
** global queue is empty, no timer is pending and the current run's main fiber
** has not finished checks the all-fibers list (no fiber runnable, none waiting
** for I/O or the REPL) and reports Go's "all goroutines are asleep" dump.
**
** Program end: the worker that sees main return (VM_DONE), an unrecovered
** panic (VM_PANIC), os.Exit (VM_EXIT) or a deadlock records the exit status
** and wakes the main thread, which is waiting in sched_run_main(); that
** returns the status and the CLI exits. Before that, sched_before_exit (set by
** the stdlib) or the stdlib's stdlib_flush_stdout() flushes buffered output.
*/
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "vm/trace.h"
#include "vm/chan.h"      /* REPL sessions unlink abandoned waiters */
#include "vm/limits.h"
#include "vm/netpoll.h"     /* idle workers sleep in epoll_wait while fibers wait on I/O */

/* ---- timer.c ---- */
int64_t timer_next_when(void);
bool timers_pending(void);
int timers_fire_due(int64_t now);

#define RUNQ_SIZE 256
#define MAX_PROCS 256
#define DEFAULT_BUDGET 10000
#define RUNNEXT_STREAK_MAX 64   /* runnext hand-offs in a row before the ring head gets a turn */
#define FREE_FIBERS_MAX 64      /* dead fibers a worker keeps for reuse */
#define SPIN_ROUNDS 16          /* idle: look for work this many times before sleeping */
#define SPIN_PAUSES 16          /* x ~40 ns: ~10 us of spinning in all */
#define REUSE_STACK_MAX 64      /* only small stacks (values) and frame arrays are kept */
#define REUSE_FRAMES_MAX 16

/* Set by the stdlib: flush buffered stdout before the process ends. If NULL,
** a linked-in stdlib_flush_stdout() is used. */
void (*sched_before_exit)(void);
void stdlib_flush_stdout(void) __attribute__((weak));

/* Polled by the VM (if it wants) when its budget runs out: "yield now". */
_Atomic int sched_preempt_requested;

typedef struct Worker Worker;
struct Worker {
  int id;
  /* ---- run queue: owner pushes at tail; owner and thieves CAS head ---- */
  _Atomic uint32_t head;
  _Atomic uint32_t tail;
  _Atomic(Fiber *) ring[RUNQ_SIZE];
  Fiber *runnext;          /* owner only */
  /* ---- owner only ---- */
  Fiber *volatile cur;     /* GC-visible copy of the running fiber (TLS is no root) */
  uint64_t rng;
  uint32_t schedtick;
  uint32_t streak;         /* consecutive runnext picks */
  Fiber *freelist;         /* dead fibers kept for reuse (through schednext) */
  int nfree;
  bool spinning;           /* set by a waker (under S.lock) before the signal */
  /* ---- under S.lock ---- */
  bool started;
  bool idle;               /* on S.idle_list */
  int64_t watch_until;     /* when S.watcher == this: the deadline slept for */
  Worker *idle_next;
  pthread_t thread;
  pthread_cond_t cond;
};

enum { RS_IDLE, RS_RUNNING, RS_STOPPED, RS_EXITING };

static struct {
  pthread_mutex_t lock;        /* S.lock: global queue, idle list, run state, det list */
  pthread_cond_t main_cond;    /* the main thread waits here for run_done */
  pthread_condattr_t condattr; /* CLOCK_MONOTONIC */
  bool inited, threads_started;
  SchedConfig cfg;
  int budget;
  _Atomic int nprocs;         /* active workers (written under lock) */
  _Atomic int nstarted;        /* workers[0..nstarted) exist */
  Worker **workers;            /* GC_MALLOC'd [MAX_PROCS] */
  /* global queue */
  Fiber *gq_head, *gq_tail;
  _Atomic int64_t gq_len;
  /* sleeping workers */
  Worker *idle_list;
  _Atomic int npidle;
  _Atomic int nspinning;
  int nawake;                  /* workers not sleeping */
  Worker *watcher;             /* the idle worker sleeping until the next timer */
  /* the current run */
  _Atomic int run_state;
  Fiber *main;
  bool run_done;
  int run_code;
  /* deterministic mode */
  Fiber **det_q;
  int det_len, det_cap;
  uint64_t det_rng;
  _Atomic int64_t vclock;
  struct timespec t0;
} S = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* REPL session mode (sched_session_*): workers keep running between inputs;
** S.main is the running input's fiber (NULL between inputs); a panic or a
** deadlock ends that input only. session_interrupt names the input fiber that
** Ctrl-C is abandoning (see sched_session_interrupt). */
static bool session_mode;
static _Atomic int session_exit_code = -1;  /* os.Exit / a fatal error in session mode */
static int session_result;                 /* SessionResult of the finished input (S.lock) */
static Fiber *_Atomic session_interrupt;
static void session_finish(Fiber *f, int result, int code);
static int session_claim_waiting(Fiber *f);
static void session_deadlock(void);
static bool session_abandon(Fiber *f);
static bool session_step(struct Worker *w, Fiber *f, VMStatus st);
void waitq_remove(WaitQ *q, Waiter *w);   /* chan.c */

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
/* Dead fibers beyond a worker's own free list, shared in batches so that a
** worker that spawns can reuse what another one retired (Go's sched.gFree). */
static pthread_mutex_t free_lock = PTHREAD_MUTEX_INITIALIZER;
static Fiber *free_head;     /* through schednext */
static int free_count;
#define FREE_GLOBAL_MAX 4096
static Fiber *all_head, *all_tail;      /* all live fibers, in creation order */
static _Atomic int64_t ngoroutines;
static _Atomic int64_t next_goid = 1;
static _Atomic uint64_t seed_counter;

static __thread Worker *tls_worker;
static __thread Fiber *tls_cur;

static void report_deadlock(void) __attribute__((noreturn));
static void fatal_panic(Fiber *f) __attribute__((noreturn));
static void block_forever(void) __attribute__((noreturn));

/* ====================================================================
** PRNG (xorshift64*), seeds
** ==================================================================== */

static inline uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  if (x == 0) x = 0x9E3779B97F4A7C15ULL;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

static uint64_t splitmix(uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (z ^ (z >> 31)) | 1;
}

static uint64_t new_seed(void) {
  if (S.cfg.deterministic) return rng_next(&S.det_rng) | 1;
  uint64_t c = atomic_fetch_add_explicit(&seed_counter, 1, memory_order_relaxed);
  return splitmix(c ^ ((uint64_t)S.t0.tv_nsec << 20) ^ (uint64_t)S.t0.tv_sec);
}

uint32_t sched_rand(Fiber *f, uint32_t n) {
  if (n <= 1) return 0;
  uint64_t r;
  if (S.cfg.deterministic) {
    r = rng_next(&S.det_rng);             /* one worker: no race */
  } else if (f) {
    r = rng_next(&f->rng);                /* f is running on this thread */
  } else if (tls_worker) {
    r = rng_next(&tls_worker->rng);
  } else {
    r = new_seed();
  }
  return (uint32_t)(((r >> 32) * (uint64_t)n) >> 32);
}

/* ====================================================================
** clock
** ==================================================================== */

int64_t sched_now(void) {
  if (S.cfg.deterministic) return atomic_load_explicit(&S.vclock, memory_order_relaxed);
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)(ts.tv_sec - S.t0.tv_sec) * 1000000000LL + (ts.tv_nsec - S.t0.tv_nsec);
}

/* The clock's origin: process start, before main() and any timer. */
__attribute__((constructor)) static void sched_clock_init(void) {
  clock_gettime(CLOCK_MONOTONIC, &S.t0);
}

/* Absolute CLOCK_MONOTONIC time for a sched_now() deadline (real mode). */
static struct timespec abs_deadline(int64_t when) {
  int64_t now = sched_now();
  if (when - now > 3600LL * 1000000000LL) when = now + 3600LL * 1000000000LL;
  struct timespec ts = S.t0;
  ts.tv_sec += when / 1000000000LL;
  ts.tv_nsec += when % 1000000000LL;
  while (ts.tv_nsec >= 1000000000L) { ts.tv_nsec -= 1000000000L; ts.tv_sec++; }
  while (ts.tv_nsec < 0) { ts.tv_nsec += 1000000000L; ts.tv_sec--; }
  return ts;
}

/* ====================================================================
** the all-fibers list
** ==================================================================== */

static void all_add(Fiber *f) {
  pthread_mutex_lock(&all_lock);
  f->allnext = NULL;
  f->allprev = all_tail;
  if (all_tail) all_tail->allnext = f;
  else all_head = f;
  all_tail = f;
  pthread_mutex_unlock(&all_lock);
}

static void all_remove(Fiber *f) {
  pthread_mutex_lock(&all_lock);
  if (f->allprev) f->allprev->allnext = f->allnext;
  else if (all_head == f) all_head = f->allnext;
  if (f->allnext) f->allnext->allprev = f->allprev;
  else if (all_tail == f) all_tail = f->allprev;
  f->allnext = f->allprev = NULL;
  pthread_mutex_unlock(&all_lock);
}

/* ====================================================================
** idle workers (S.lock held for the *_locked functions)
** ==================================================================== */

static void idle_push_locked(Worker *w) {
  w->idle = true;
  w->idle_next = S.idle_list;
  S.idle_list = w;
  atomic_fetch_add(&S.npidle, 1);
}

static void idle_remove_locked(Worker *w) {
  for (Worker **pp = &S.idle_list; *pp; pp = &(*pp)->idle_next) {
    if (*pp == w) {
      *pp = w->idle_next;
      w->idle_next = NULL;
      w->idle = false;
      atomic_fetch_sub(&S.npidle, 1);
      return;
    }
  }
}

/* Pop an idle, active worker (most recently idle first: warm caches). */
static Worker *idle_pop_locked(void) {
  for (Worker **pp = &S.idle_list; *pp; pp = &(*pp)->idle_next) {
    Worker *w = *pp;
    if (w->id < S.nprocs) {
      *pp = w->idle_next;
      w->idle_next = NULL;
      w->idle = false;
      atomic_fetch_sub(&S.npidle, 1);
      return w;
    }
  }
  return NULL;
}

/* The idle worker sleeping in epoll_wait (netpoll.c) instead of on its
** condition variable, or NULL (S.lock). */
static Worker *np_poller;

/* S.lock held: wake a sleeping worker, wherever it sleeps. */
static void worker_signal(Worker *w) {
  if (w == np_poller) netpoll_break();
  else pthread_cond_signal(&w->cond);
}

/* Wake one idle worker to look for work (Go's wakep). At most one worker is
** "spinning" (looking) at a time, so a burst of pushes wakes one thread.
** Called without locks, after the work was published. */
static void wake_idle(void) {
  atomic_thread_fence(memory_order_seq_cst);  /* pairs with worker_idle's re-check */
  if (atomic_load_explicit(&S.npidle, memory_order_relaxed) == 0) return;
  int zero = 0;
  if (!atomic_compare_exchange_strong(&S.nspinning, &zero, 1)) return;
  pthread_mutex_lock(&S.lock);
  Worker *w = idle_pop_locked();
  if (w) {
    w->spinning = true;
    worker_signal(w);
  }
  pthread_mutex_unlock(&S.lock);
  if (!w) atomic_fetch_sub(&S.nspinning, 1);
}

/* S.lock held: wake any idle worker (work was put where anyone can take it). */
static void wake_one_locked(void) {
  Worker *w = idle_pop_locked();
  if (w) worker_signal(w);
}

/* ====================================================================
** run queues
** ==================================================================== */

/* S.lock held. gq_len is only changed under S.lock; it is atomic so that
** workers can peek at it without the lock. */
static void gq_put_locked(Fiber *f) {
  f->schednext = NULL;
  if (S.gq_tail) S.gq_tail->schednext = f;
  else S.gq_head = f;
  S.gq_tail = f;
  atomic_store_explicit(&S.gq_len, atomic_load_explicit(&S.gq_len, memory_order_relaxed) + 1,
                        memory_order_relaxed);
}

static Fiber *gq_pop_locked(void) {
  Fiber *f = S.gq_head;
  if (!f) return NULL;
  S.gq_head = f->schednext;
  if (!S.gq_head) S.gq_tail = NULL;
  f->schednext = NULL;
  atomic_store_explicit(&S.gq_len, atomic_load_explicit(&S.gq_len, memory_order_relaxed) - 1,
                        memory_order_relaxed);
  return f;
}

static void ring_push(Worker *w, Fiber *f);

/* Take a fiber from the global queue and, unless max == 1, a fair share more
** into w's ring (Go's globrunqget). */
static Fiber *gq_get(Worker *w, int max) {
  pthread_mutex_lock(&S.lock);
  Fiber *f = gq_pop_locked();
  if (f && max != 1) {
    int64_t n = atomic_load_explicit(&S.gq_len, memory_order_relaxed) / (S.nprocs > 0 ? S.nprocs : 1);
    if (n > RUNQ_SIZE / 2) n = RUNQ_SIZE / 2;
    uint32_t h = atomic_load_explicit(&w->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->tail, memory_order_relaxed);
    int64_t room = RUNQ_SIZE - (int64_t)(t - h);
    if (n > room) n = room;
    for (int64_t i = 0; i < n; i++) {
      Fiber *g = gq_pop_locked();
      if (!g) break;
      atomic_store_explicit(&w->ring[t % RUNQ_SIZE], g, memory_order_relaxed);
      t++;
    }
    atomic_store_explicit(&w->tail, t, memory_order_release);
  }
  pthread_mutex_unlock(&S.lock);
  return f;
}

/* The ring is full: move half of it plus f to the global queue (Go's
** runqputslow). Returns false if a thief got there first (retry). */
static bool ring_put_slow(Worker *w, Fiber *f, uint32_t h, uint32_t t) {
  enum { HALF = RUNQ_SIZE / 2 };
  Fiber *batch[HALF + 1];
  uint32_t n = (t - h) / 2;
  if (n != HALF) return false;
  for (uint32_t i = 0; i < n; i++)
    batch[i] = atomic_load_explicit(&w->ring[(h + i) % RUNQ_SIZE], memory_order_relaxed);
  if (!atomic_compare_exchange_strong_explicit(&w->head, &h, h + n, memory_order_acq_rel,
                                               memory_order_relaxed))
    return false;
  batch[n] = f;
  pthread_mutex_lock(&S.lock);
  for (uint32_t i = 0; i <= n; i++) gq_put_locked(batch[i]);
  pthread_mutex_unlock(&S.lock);
  return true;
}

/* Owner only: push f at the tail of w's ring. */
static void ring_push(Worker *w, Fiber *f) {
  for (;;) {
    uint32_t h = atomic_load_explicit(&w->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->tail, memory_order_relaxed);
    if (t - h < RUNQ_SIZE) {
      atomic_store_explicit(&w->ring[t % RUNQ_SIZE], f, memory_order_relaxed);
      atomic_store_explicit(&w->tail, t + 1, memory_order_release);
      return;
    }
    if (ring_put_slow(w, f, h, t)) return;
  }
}

static inline bool ring_empty(Worker *w) {
  return atomic_load_explicit(&w->head, memory_order_acquire) ==
         atomic_load_explicit(&w->tail, memory_order_acquire);
}

/* Owner only. next: into runnext; the previous runnext, if any, goes to the
** ring without waking anyone: a fiber readied by a channel operation is
** usually short-lived and communication-bound, and a thief would only move
** the hand-offs across cores (measured: select and fan-in twice as slow).
** A new fiber (spawn) does wake an idle worker; so does a fiber that spends
** its whole budget while others wait (runq_put_yield), so CPU-bound work
** spreads to all workers within one time slice. */
static void runq_put(Worker *w, Fiber *f, bool next) {
  if (next) {
    Fiber *old = w->runnext;
    w->runnext = f;
    if (old) ring_push(w, old);
    return;
  }
  ring_push(w, f);
  wake_idle();
}

/* A fiber that spent its budget goes to the ring's tail. If nothing else is
** queued here it runs again at once, so waking a thief would only bounce a
** lone CPU-bound fiber between cores. */
static void runq_put_yield(Worker *w, Fiber *f) {
  bool alone = !w->runnext && ring_empty(w);
  ring_push(w, f);
  if (!alone) wake_idle();
}

/* Owner only. runnext first (ping-pong locality), except that after
** RUNNEXT_STREAK_MAX hand-offs in a row the ring head gets a turn, so a pair
** of goroutines passing a value back and forth cannot starve the rest. */
static Fiber *runq_get(Worker *w) {
  Fiber *next = w->runnext;
  if (next) {
    if (w->streak < RUNNEXT_STREAK_MAX || ring_empty(w)) {
      w->runnext = NULL;
      w->streak++;
      return next;
    }
  }
  w->streak = 0;
  for (;;) {
    uint32_t h = atomic_load_explicit(&w->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&w->tail, memory_order_relaxed);
    if (t == h) {
      if (next) {   /* unreachable in practice: ring_empty said no */
        w->runnext = NULL;
        return next;
      }
      return NULL;
    }
    Fiber *f = atomic_load_explicit(&w->ring[h % RUNQ_SIZE], memory_order_relaxed);
    if (atomic_compare_exchange_weak_explicit(&w->head, &h, h + 1, memory_order_acq_rel,
                                              memory_order_relaxed))
      return f;
  }
}

/* Take half of victim's ring into batch (Go's runqgrab, without runnext:
** a runnext fiber is about to run on its owner, stealing it would split a
** ping-pong pair across cores). Returns how many. */
static uint32_t runq_grab(Worker *v, Fiber **batch) {
  for (;;) {
    uint32_t h = atomic_load_explicit(&v->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&v->tail, memory_order_acquire);
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) return 0;
    if (n > RUNQ_SIZE / 2) continue;   /* inconsistent h, t */
    for (uint32_t i = 0; i < n; i++)
      batch[i] = atomic_load_explicit(&v->ring[(h + i) % RUNQ_SIZE], memory_order_relaxed);
    if (atomic_compare_exchange_weak_explicit(&v->head, &h, h + n, memory_order_acq_rel,
                                              memory_order_relaxed))
      return n;
  }
}

static Fiber *steal_work(Worker *w) {
  int n = atomic_load_explicit(&S.nstarted, memory_order_acquire);
  if (n <= 1) return NULL;
  uint32_t start = (uint32_t)(((rng_next(&w->rng) >> 32) * (uint64_t)n) >> 32);
  Fiber *batch[RUNQ_SIZE / 2];
  for (int i = 0; i < n; i++) {
    Worker *v = S.workers[(start + (uint32_t)i) % (uint32_t)n];
    if (!v || v == w) continue;
    uint32_t k = runq_grab(v, batch);
    if (k == 0) continue;
    for (uint32_t j = 0; j + 1 < k; j++) ring_push(w, batch[j]);
    return batch[k - 1];
  }
  return NULL;
}

/* Is there anything to run anywhere (for the re-check before sleeping)? */
static bool any_work(void) {
  if (atomic_load(&S.gq_len) > 0) return true;
  int n = atomic_load_explicit(&S.nstarted, memory_order_acquire);
  for (int i = 0; i < n; i++) {
    Worker *v = S.workers[i];
    if (v && !ring_empty(v)) return true;
  }
  return false;
}

/* ---- deterministic mode: one list, random pick (S.lock) ---- */

static void det_put(Fiber *f) {
  pthread_mutex_lock(&S.lock);
  if (S.det_len == S.det_cap) {
    int ncap = S.det_cap ? S.det_cap * 2 : 256;
    Fiber **nq = NEW_ARRAY(Fiber *, ncap);
    if (S.det_len) memcpy(nq, S.det_q, sizeof(Fiber *) * (size_t)S.det_len);
    S.det_q = nq;
    S.det_cap = ncap;
  }
  S.det_q[S.det_len++] = f;
  if (S.idle_list) wake_one_locked();
  pthread_mutex_unlock(&S.lock);
}

/* S.lock held. */
static Fiber *det_take_locked(void) {
  if (S.det_len == 0) return NULL;
  uint32_t j = (uint32_t)(((rng_next(&S.det_rng) >> 32) * (uint64_t)S.det_len) >> 32);
  Fiber *f = S.det_q[j];
  S.det_q[j] = S.det_q[--S.det_len];
  S.det_q[S.det_len] = NULL;
  return f;
}

/* Queue a runnable fiber from wherever we are. */
static void enqueue(Fiber *f, bool next) {
  if (S.cfg.deterministic) {
    det_put(f);
    return;
  }
  Worker *w = tls_worker;
  if (w && w->id < S.nprocs) {
    runq_put(w, f, next);
    return;
  }
  pthread_mutex_lock(&S.lock);
  gq_put_locked(f);
  wake_one_locked();
  pthread_mutex_unlock(&S.lock);
}

/* ====================================================================
** spawn, ready
** ==================================================================== */

void sched_spawn(Fiber *f) {
  f->id = atomic_fetch_add(&next_goid, 1);
  if (!f->rng) f->rng = new_seed();
  int64_t n = atomic_fetch_add(&ngoroutines, 1) + 1;
  if (S.cfg.max_goroutines > 0 && n > S.cfg.max_goroutines)
    limits_exceeded(LIMIT_GOROUTINES, S.cfg.max_goroutines, NULL);   /* vm/limits.c */
  all_add(f);
  atomic_store_explicit(&f->status, FIBER_RUNNABLE, memory_order_relaxed);
  TRACE_SPAWN(f);
  enqueue(f, false);
}

void sched_ready(Fiber *f) {
  int expect = FIBER_WAITING;
  if (!atomic_compare_exchange_strong(&f->status, &expect, FIBER_RUNNABLE)) {
    /* Not parked: a wake-up for a park the VM cancelled (a blocking call
    ** inside a callback from native code). Readying it would run it twice. */
    return;
  }
  f->resumed = 1;
  TRACE_READY(f);
  enqueue(f, true);
}

/* Gosched: requeue the parked (WAITING) caller behind everything runnable. */
void sched_ready_yield(Fiber *f) {
  int expect = FIBER_WAITING;
  if (!atomic_compare_exchange_strong(&f->status, &expect, FIBER_RUNNABLE)) return;
  f->resumed = 1;
  TRACE_READY(f);
  enqueue(f, false);
}

Fiber *sched_current(void) { return tls_cur; }

/* For the time package: virtual clock and a fixed epoch under --seed. */
bool sched_is_deterministic(void) { return S.cfg.deterministic; }

int64_t sched_num_goroutines(void) { return atomic_load(&ngoroutines); }

int sched_procs(void) { return S.nprocs > 0 ? S.nprocs : 1; }

void sched_request_preempt(void) { atomic_store(&sched_preempt_requested, 1); }

/* ====================================================================
** exit paths
** ==================================================================== */

static void flush_output(void) {
  if (sched_before_exit) sched_before_exit();
  else if (stdlib_flush_stdout) stdlib_flush_stdout();
  fflush(stdout);
  fflush(stderr);
}

static void block_forever(void) {
  for (;;) pause();
}

/* The first fatal event wins; later ones (another panic racing) block. */
static bool become_exiting(void) {
  bool won = atomic_exchange(&S.run_state, RS_EXITING) != RS_EXITING;
  if (won) sched_request_preempt();
  return won;
}

static void signal_done(int code) {
  pthread_mutex_lock(&S.lock);
  S.run_done = true;
  S.run_code = code;
  pthread_cond_broadcast(&S.main_cond);
  pthread_mutex_unlock(&S.lock);
}

void sched_exit(int code) {
  if (tls_worker && session_mode) {
    /* REPL: the main thread prints what is left and exits (sched_session_exit_code) */
    flush_output();
    pthread_mutex_lock(&S.lock);
    atomic_store(&session_exit_code, code);
    pthread_cond_broadcast(&S.main_cond);
    pthread_mutex_unlock(&S.lock);
    block_forever();
  }
  if (tls_worker) {
    /* From a fiber (os.Exit, a fatal error): hand the status to the main
    ** thread; this worker never runs again. */
    if (!become_exiting()) block_forever();
    flush_output();
    signal_done(code);
    block_forever();
  }
  flush_output();
  exit(code);
}

static void fatal_panic(Fiber *f) {
  if (!become_exiting()) block_forever();
  flush_output();
  vm_report_panic(f);
  fflush(stderr);
  signal_done(2);
  block_forever();
}

static void report_deadlock(void) {
  if (!become_exiting()) block_forever();
  flush_output();
  fputs("fatal error: all goroutines are asleep - deadlock!\n\n", stderr);
  sched_dump_goroutines(stderr);
  fflush(stderr);
  signal_done(2);
  block_forever();
}

/* S.lock held, every worker asleep, no timers, global queue empty. Can any
** fiber still run? (A fiber waiting for I/O or the REPL can.) */
static bool deadlock_confirm_locked(void) {
  if (S.run_done || !S.main || S.det_len > 0) return false;
  if (atomic_load(&S.run_state) != RS_RUNNING) return false;
  bool dead = true;
  pthread_mutex_lock(&all_lock);
  for (Fiber *f = all_head; f; f = f->allnext) {
    int st = atomic_load(&f->status);
    if (st != FIBER_WAITING || f->wait_reason == WAIT_IO || f->wait_reason == WAIT_REPL) {
      dead = false;
      break;
    }
  }
  pthread_mutex_unlock(&all_lock);
  return dead;
}

/* ====================================================================
** worker sleep
** ==================================================================== */

static inline bool worker_active(Worker *w) {
  return atomic_load_explicit(&S.run_state, memory_order_relaxed) == RS_RUNNING &&
         w->id < S.nprocs;
}

/* The run is stopped (between runs, after main returned, exiting) or this
** worker is disabled (GOMAXPROCS shrank): hand off queued work if disabled,
** then sleep until the worker may run again. */
static void worker_stop(Worker *w) {
  pthread_mutex_lock(&S.lock);
  if (atomic_load(&S.run_state) == RS_RUNNING && w->id >= S.nprocs) {
    /* disabled: give runnable fibers to the others */
    if (w->runnext) {
      gq_put_locked(w->runnext);
      w->runnext = NULL;
    }
    pthread_mutex_unlock(&S.lock);
    Fiber *batch[RUNQ_SIZE / 2];
    uint32_t k;
    while ((k = runq_grab(w, batch)) > 0) {
      pthread_mutex_lock(&S.lock);
      for (uint32_t i = 0; i < k; i++) gq_put_locked(batch[i]);
      pthread_mutex_unlock(&S.lock);
    }
    pthread_mutex_lock(&S.lock);
    if (S.gq_len > 0 || timers_pending()) wake_one_locked();
  }
  S.nawake--;
  if (w->spinning) {
    w->spinning = false;
    atomic_fetch_sub(&S.nspinning, 1);
  }
  while (!worker_active(w)) pthread_cond_wait(&w->cond, &S.lock);
  S.nawake++;
  pthread_mutex_unlock(&S.lock);
}

/* S.lock held, w idle, fibers wait on I/O: sleep in epoll_wait (as the one
** np_poller) until an event, the next timer (when no other worker watches
** the timers) or a netpoll_break (worker_signal). The lock is dropped during
** the wait; readied fibers go to w's own queue. Returns true when w must stop
** idling (fibers readied, a timer due, or w was popped by a waker). */
static bool idle_netpoll_locked(Worker *w, int64_t next) {
  int64_t tmo = -1;
  if (S.cfg.deterministic) {
    tmo = next != INT64_MAX ? 0 : -1;     /* virtual time: just look */
  } else if (next != INT64_MAX && (S.watcher == NULL || S.watcher == w)) {
    S.watcher = w;
    w->watch_until = next;
    tmo = next - sched_now();
    if (tmo < 0) tmo = 0;
  }
  np_poller = w;
  pthread_mutex_unlock(&S.lock);
  int n = netpoll_wait(tmo);
  pthread_mutex_lock(&S.lock);
  np_poller = NULL;
  if (S.watcher == w) S.watcher = NULL;
  bool due = timers_pending() && sched_now() >= timer_next_when();
  if (n == 0 && S.cfg.deterministic && next != INT64_MAX) {
    if (next > atomic_load(&S.vclock)) atomic_store(&S.vclock, next);
    due = true;
  }
  if (n > 0 || due || !w->idle) {
    if (w->idle) idle_remove_locked(w);
    if (n > 1) wake_one_locked();          /* let another worker steal some */
    return true;
  }
  return false;
}

/* Nothing to run: go to sleep until woken (work, a timer, a state change).
** Returns to let the caller look for work again. */
static void worker_idle(Worker *w) {
  pthread_mutex_lock(&S.lock);
  if (!worker_active(w) || S.gq_len > 0 || S.det_len > 0) {
    pthread_mutex_unlock(&S.lock);
    return;
  }
  idle_push_locked(w);
  S.nawake--;
  bool was_spinning = w->spinning;
  w->spinning = false;
  pthread_mutex_unlock(&S.lock);
  if (was_spinning) atomic_fetch_sub(&S.nspinning, 1);

  /* Re-check after announcing ourselves idle: a producer publishes work and
  ** then reads npidle/nspinning (wake_idle); one of the two sees the other. */
  atomic_thread_fence(memory_order_seq_cst);
  bool work = !S.cfg.deterministic && any_work();

  pthread_mutex_lock(&S.lock);
  if (work) {
    if (w->idle) idle_remove_locked(w);
    S.nawake++;
    pthread_mutex_unlock(&S.lock);
    return;
  }
  for (;;) {
    if (!w->idle) break;                        /* woken by wake_idle/wake_one */
    if (!worker_active(w) || S.det_len > 0) {
      idle_remove_locked(w);
      break;
    }
    int64_t next = timer_next_when();
    if (S.nawake == 0 && S.gq_len == 0 && next == INT64_MAX) {
      if (deadlock_confirm_locked()) {
        idle_remove_locked(w);
        S.nawake++;
        pthread_mutex_unlock(&S.lock);
        if (session_mode) {   /* REPL: report it, end that input, go on */
          session_deadlock();
          return;
        }
        report_deadlock();
      }
    }
    if (netpoll_active() && (np_poller == NULL || np_poller == w)) {
      if (idle_netpoll_locked(w, next)) break;
      continue;
    }
    if (S.cfg.deterministic && next != INT64_MAX) {
      /* virtual time: nothing runnable, jump the clock to the next timer */
      idle_remove_locked(w);
      if (next > atomic_load(&S.vclock)) atomic_store(&S.vclock, next);
      break;
    }
    if (next != INT64_MAX && (S.watcher == NULL || S.watcher == w)) {
      S.watcher = w;
      w->watch_until = next;
      struct timespec ts = abs_deadline(next);
      int rc = pthread_cond_timedwait(&w->cond, &S.lock, &ts);
      if (S.watcher == w) S.watcher = NULL;
      if (rc == ETIMEDOUT || sched_now() >= timer_next_when()) {
        if (w->idle) idle_remove_locked(w);
        break;                                  /* go fire the timers */
      }
    } else {
      pthread_cond_wait(&w->cond, &S.lock);
    }
  }
  S.nawake++;
  pthread_mutex_unlock(&S.lock);
}

/* timer.c: a timer earlier than any pending one was added. */
void sched_timer_notify(int64_t when) {
  if (S.cfg.deterministic || !S.threads_started) return;
  pthread_mutex_lock(&S.lock);
  if (S.watcher) {
    if (when < S.watcher->watch_until) worker_signal(S.watcher);
  } else if (S.nawake == 0) {
    wake_one_locked();
  }
  pthread_mutex_unlock(&S.lock);
}

/* ====================================================================
** the worker loop
** ==================================================================== */

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/* Before sleeping, poll for work briefly while another worker is awake (it
** may be about to produce some): a futex sleep and wake costs more than a
** short gap between bursts. Bounded (~10 us), so idle workers still use no
** CPU. */
static Fiber *spin_for_work(Worker *w) {
  if (S.nprocs < 2 || S.nawake < 2) return NULL;
  for (int round = 0; round < SPIN_ROUNDS; round++) {
    for (int i = 0; i < SPIN_PAUSES; i++) cpu_relax();
    if (!worker_active(w) || timers_pending()) return NULL;
    Fiber *f = runq_get(w);
    if (!f && atomic_load_explicit(&S.gq_len, memory_order_relaxed) > 0) f = gq_get(w, 0);
    if (!f) f = steal_work(w);
    if (f) return f;
  }
  return NULL;
}

static Fiber *find_runnable(Worker *w) {
  for (;;) {
    if (UNLIKELY(!worker_active(w))) {
      worker_stop(w);
      continue;
    }
    if (timers_pending()) {
      int64_t now = sched_now();
      if (timer_next_when() <= now) timers_fire_due(now);
    }
    Fiber *f = NULL;
    if (S.cfg.deterministic) {
      pthread_mutex_lock(&S.lock);
      f = det_take_locked();
      pthread_mutex_unlock(&S.lock);
      if (f) return f;
      worker_idle(w);
      continue;
    }
    w->schedtick++;
    /* fibers waiting on I/O while no worker is idle: look now and then */
    if (w->schedtick % 61 == 0 && netpoll_active() && netpoll_wait(0) > 1) wake_idle();
    if (w->schedtick % 61 == 0 && atomic_load_explicit(&S.gq_len, memory_order_relaxed) > 0)
      f = gq_get(w, 1);
    if (!f) f = runq_get(w);
    if (!f && atomic_load_explicit(&S.gq_len, memory_order_relaxed) > 0) f = gq_get(w, 0);
    if (!f) f = steal_work(w);
    if (!f) f = spin_for_work(w);
    if (f) {
      if (w->spinning) {
        /* found work while looking: maybe there is more, let another look */
        w->spinning = false;
        if (atomic_fetch_sub(&S.nspinning, 1) == 1) wake_idle();
      }
      return f;
    }
    worker_idle(w);
  }
}

static void fiber_exit(Fiber *f) {
  TRACE_EXIT(f);
  atomic_store(&f->status, FIBER_DEAD);
  all_remove(f);
  atomic_fetch_sub(&ngoroutines, 1);
}

/* Keep a dead fiber (and its small stack and frame array) for the next spawn
** on this worker: most goroutines are short, and reusing them spares the GC
** about 1 KB per goroutine. Everything is cleared, so a kept fiber holds no
** pointer to live state. A dead fiber is in no queue and no wait list; a late
** sleep timer checks wait_obj, which is cleared here. */
static void fiber_recycle(Worker *w, Fiber *f) {
  if (f->c_depth != 0 || !f->stack || !f->frames || f->stack_cap > REUSE_STACK_MAX ||
      f->frames_cap > REUSE_FRAMES_MAX)
    return;
  if (w->nfree >= FREE_FIBERS_MAX) {
    /* move half to the shared pool (or drop them if it is full) */
    Fiber *batch = NULL, *last = NULL;
    int n = 0;
    while (w->nfree > FREE_FIBERS_MAX / 2) {
      Fiber *g = w->freelist;
      w->freelist = g->schednext;
      w->nfree--;
      g->schednext = batch;
      if (!batch) last = g;
      batch = g;
      n++;
    }
    pthread_mutex_lock(&free_lock);
    if (free_count + n <= FREE_GLOBAL_MAX) {
      last->schednext = free_head;
      free_head = batch;
      free_count += n;
    }
    pthread_mutex_unlock(&free_lock);
  }
  Value *stack = f->stack;
  uint32_t scap = f->stack_cap;
  CallFrame *frames = f->frames;
  int fcap = f->frames_cap;
  memset(stack, 0, sizeof(Value) * scap);
  memset(frames, 0, sizeof(CallFrame) * (size_t)fcap);
  memset(f, 0, sizeof *f);
  f->stack = stack;
  f->stack_cap = scap;
  f->frames = frames;
  f->frames_cap = fcap;
  atomic_store_explicit(&f->status, FIBER_DEAD, memory_order_relaxed);
  f->schednext = w->freelist;
  w->freelist = f;
  w->nfree++;
}

/* For vm_new_fiber: a recycled fiber, all zero except its stack (stack,
** stack_cap; zeroed) and frame array (frames, frames_cap; zeroed), status
** FIBER_DEAD; or NULL (allocate a new one). Only on a worker thread. */
Fiber *sched_fiber_reuse(void) {
  Worker *w = tls_worker;
  if (!w) return NULL;
  if (!w->freelist && free_count > 0) {
    /* refill from the shared pool: half of our capacity at once */
    pthread_mutex_lock(&free_lock);
    while (free_head && w->nfree < FREE_FIBERS_MAX / 2) {
      Fiber *g = free_head;
      free_head = g->schednext;
      free_count--;
      g->schednext = w->freelist;
      w->freelist = g;
      w->nfree++;
    }
    pthread_mutex_unlock(&free_lock);
  }
  if (!w->freelist) return NULL;
  Fiber *f = w->freelist;
  w->freelist = f->schednext;
  w->nfree--;
  f->schednext = NULL;
  return f;
}

static void main_done(Fiber *f) {
  fiber_exit(f);
  if (session_mode) {   /* a REPL input returned: the workers go on */
    session_finish(f, SESSION_DONE, 0);
    return;
  }
  pthread_mutex_lock(&S.lock);
  if (S.main == f && !S.run_done) {
    int running = RS_RUNNING;
    atomic_compare_exchange_strong(&S.run_state, &running, RS_STOPPED);
    S.run_done = true;
    S.run_code = 0;
    pthread_cond_broadcast(&S.main_cond);
  }
  pthread_mutex_unlock(&S.lock);
}

static void run_fiber(Worker *w, Fiber *f) {
  w->cur = f;
  tls_cur = f;
  atomic_store_explicit(&f->status, FIBER_RUNNING, memory_order_relaxed);
  TRACE_RUN(f, w->id);
  int budget = S.budget;
  if (S.cfg.deterministic)
    budget = S.budget / 2 + (int)(((rng_next(&S.det_rng) >> 32) * (uint64_t)S.budget) >> 32) + 1;
  VMStatus st = vm_execute(f, budget);
  TRACE_STOP(f, (int)st);
  tls_cur = NULL;
  if (UNLIKELY(session_mode) && (st == VM_YIELD || st == VM_PARKED || st == VM_PANIC || st == VM_EXIT)) {
    if (session_step(w, f, st)) {
      w->cur = NULL;
      return;
    }
  }
  switch (st) {
  case VM_YIELD:
    atomic_store_explicit(&f->status, FIBER_RUNNABLE, memory_order_relaxed);
    if (!S.cfg.deterministic && w->id < S.nprocs) runq_put_yield(w, f);
    else enqueue(f, false);
    break;
  case VM_PARKED: {
    /* Park protocol step 4: f is off the CPU; only now release what it
    ** waits on. Read the unlock first: once released, f may run elsewhere
    ** and park again. */
    void (*unlock)(void *) = f->park_unlock;
    void *arg = f->park_arg;
    f->park_unlock = NULL;
    f->park_arg = NULL;
    TRACE_PARK(f, (int)f->wait_reason, f->wait_obj);
    atomic_store_explicit(&f->status, FIBER_WAITING, memory_order_release);
    if (unlock) unlock(arg);
    break;
  }
  case VM_DONE:
    if (f == S.main) {
      main_done(f);
    } else {
      fiber_exit(f);
      fiber_recycle(w, f);
    }
    break;
  case VM_PANIC:
    fatal_panic(f);
  case VM_EXIT:
    if (!become_exiting()) block_forever();
    flush_output();
    signal_done(vm_exit_code);
    block_forever();
  }
  w->cur = NULL;
}

static void *worker_main(void *arg) {
  Worker *w = arg;
  tls_worker = w;
  if (!GC_thread_is_registered()) {
    fprintf(stderr, "fatal error: csp: worker thread not registered with the GC\n");
    abort();
  }
  for (;;) {
    Fiber *f = find_runnable(w);
    run_fiber(w, f);
  }
  return NULL;
}

/* S.lock held. */
static void start_worker_locked(int id) {
  Worker *w = S.workers[id];
  if (!w) {
    w = NEW(Worker);
    w->id = id;
    w->rng = splitmix((uint64_t)id * 7919 + new_seed());
    pthread_cond_init(&w->cond, &S.condattr);
    S.workers[id] = w;
  }
  if (w->started) return;
  w->started = true;
  S.nawake++;
  if (id + 1 > atomic_load(&S.nstarted)) atomic_store_explicit(&S.nstarted, id + 1, memory_order_release);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int rc = pthread_create(&w->thread, &attr, worker_main, w);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    fprintf(stderr, "fatal error: csp: cannot create a worker thread: %s\n", strerror(rc));
    exit(2);
  }
}

/* ====================================================================
** public API
** ==================================================================== */

void sched_init(const SchedConfig *cfg) {
  pthread_mutex_lock(&S.lock);
  if (!S.inited) {
    S.inited = true;
    pthread_condattr_init(&S.condattr);
    pthread_condattr_setclock(&S.condattr, CLOCK_MONOTONIC);
    pthread_cond_init(&S.main_cond, &S.condattr);
    S.workers = NEW_ARRAY(Worker *, MAX_PROCS);
    atomic_store(&S.run_state, RS_IDLE);
  }
  S.cfg = *cfg;
  S.budget = cfg->budget > 0 ? cfg->budget : DEFAULT_BUDGET;
  int n = cfg->procs;
  if (n <= 0) {
    const char *env = getenv("CSPMAXPROCS");
    if (env && *env) n = atoi(env);
  }
  if (n <= 0) n = (int)sysconf(_SC_NPROCESSORS_ONLN);
  if (n <= 0) n = 1;
  if (n > MAX_PROCS) n = MAX_PROCS;
  if (cfg->deterministic) {
    n = 1;
    S.det_rng = splitmix(cfg->seed);
    atomic_store(&S.vclock, 0);
  }
  S.nprocs = n;
  pthread_mutex_unlock(&S.lock);
}

static void ensure_inited(void) {
  if (!S.inited) {
    SchedConfig cfg = {0};
    sched_init(&cfg);
  }
}

int sched_run_main(Fiber *main_fiber) {
  ensure_inited();
  pthread_mutex_lock(&S.lock);
  if (atomic_load(&S.run_state) == RS_EXITING) {
    int code = S.run_code;
    pthread_mutex_unlock(&S.lock);
    return code;
  }
  if (!S.threads_started) {
    S.threads_started = true;
    for (int i = 0; i < S.nprocs; i++) start_worker_locked(i);
  }
  S.main = main_fiber;
  S.run_done = false;
  S.run_code = 0;
  pthread_mutex_unlock(&S.lock);

  sched_spawn(main_fiber);

  pthread_mutex_lock(&S.lock);
  int expect = atomic_load(&S.run_state);
  if (expect != RS_EXITING) atomic_store(&S.run_state, RS_RUNNING);
  int ns = atomic_load(&S.nstarted);
  for (int i = 0; i < ns; i++)
    if (S.workers[i]) worker_signal(S.workers[i]);
  bool timed = S.cfg.timeout_ns > 0;
  struct timespec dl;
  if (timed) {
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_sec += S.cfg.timeout_ns / 1000000000LL;
    dl.tv_nsec += S.cfg.timeout_ns % 1000000000LL;
    if (dl.tv_nsec >= 1000000000L) { dl.tv_nsec -= 1000000000L; dl.tv_sec++; }
  }
  while (!S.run_done) {
    if (timed) {
      int rc = pthread_cond_timedwait(&S.main_cond, &S.lock, &dl);
      if (rc == ETIMEDOUT && !S.run_done) {
        pthread_mutex_unlock(&S.lock);
        if (become_exiting()) {
          flush_output();
          char msg[200];   /* "time limit exceeded (--timeout 2s)" */
          fprintf(stderr, "fatal error: %s\n", limits_message(LIMIT_TIMEOUT, S.cfg.timeout_ns, msg, sizeof msg));
          fflush(stderr);
          return 2;
        }
        pthread_mutex_lock(&S.lock);   /* someone else is ending the run */
        timed = false;
      }
    } else {
      pthread_cond_wait(&S.main_cond, &S.lock);
    }
  }
  int code = S.run_code;
  S.main = NULL;
  pthread_mutex_unlock(&S.lock);
  flush_output();
  return code;
}

int sched_set_procs(int n) {
  ensure_inited();
  pthread_mutex_lock(&S.lock);
  int old = S.nprocs;
  if (n > 0 && !S.cfg.deterministic) {
    if (n > MAX_PROCS) n = MAX_PROCS;
    S.nprocs = n;
    if (S.threads_started) {
      for (int i = 0; i < n; i++) start_worker_locked(i);
      int ns = atomic_load(&S.nstarted);
      for (int i = 0; i < ns; i++)
        if (S.workers[i]) worker_signal(S.workers[i]);
    }
  }
  pthread_mutex_unlock(&S.lock);
  return old;
}

/* ====================================================================
** goroutine dump
** ==================================================================== */

const char *wait_reason_string(WaitReason r) {
  static const char *const names[WAIT_REASON_COUNT] = {
    [WAIT_NONE] = "waiting",
    [WAIT_CHAN_SEND] = "chan send",
    [WAIT_CHAN_RECV] = "chan receive",
    [WAIT_CHAN_SEND_NIL] = "chan send (nil chan)",
    [WAIT_CHAN_RECV_NIL] = "chan receive (nil chan)",
    [WAIT_SELECT] = "select",
    [WAIT_SELECT_NOCASES] = "select (no cases)",
    [WAIT_SLEEP] = "sleep",
    [WAIT_WAITGROUP] = "sync.WaitGroup.Wait",
    [WAIT_MUTEX] = "sync.Mutex.Lock",
    [WAIT_RWMUTEX_R] = "sync.RWMutex.RLock",
    [WAIT_RWMUTEX_W] = "sync.RWMutex.Lock",
    [WAIT_COND] = "sync.Cond.Wait",
    [WAIT_IO] = "IO wait",
    [WAIT_REPL] = "repl",
  };
  if ((unsigned)r >= WAIT_REASON_COUNT || !names[r]) return "waiting";
  return names[r];
}

static const char *fiber_state_string(Fiber *f) {
  switch (atomic_load(&f->status)) {
  case FIBER_RUNNING: return "running";
  case FIBER_RUNNABLE: return "runnable";
  case FIBER_WAITING: return wait_reason_string(f->wait_reason);
  default: return "dead";
  }
}

void sched_dump_goroutines(FILE *out) {
  pthread_mutex_lock(&all_lock);
  bool first = true;
  for (Fiber *f = all_head; f; f = f->allnext) {
    if (!first) fputc('\n', out);
    first = false;
    fprintf(out, "goroutine %lld [%s]:\n", (long long)f->id, fiber_state_string(f));
    vm_print_stack(f, out);
  }
  pthread_mutex_unlock(&all_lock);
  fflush(out);
}

/* ====================================================================
** REPL sessions (cli/repl.c)
**
** One fiber per input. sched_session_begin() starts the workers for good;
** sched_session_start() spawns an input as S.main; sched_session_wait()
** polls for its end. In session mode the ends of a program become ends of
** an input: main returning, its panic (reported, the process goes on), a
** deadlock (reported with the dump; the input is abandoned, the other
** goroutines stay as they are) or Ctrl-C. A background goroutine's panic
** is reported and only that goroutine dies. os.Exit still ends the process.
**
** Interrupt: sched_session_interrupt() names the input in session_interrupt.
** The input is abandoned at its next stop: a worker that sees it yield (a
** running fiber yields every budget: ~10k calls or backward jumps, so also
** a `for {}`) kills it (session_step), a parked one is
** claimed by session_claim_waiting() (CAS WAITING -> DEAD, so a late
** sched_ready is ignored, and its Waiters are unlinked from the channels
** under their locks). Both the worker and the polling main thread try; the
** status CAS lets exactly one of them finish the input. A parked input
** that cannot be claimed (a lock or I/O wait) is detached: it stays parked,
** with f->doomed set, and the worker ends it at its next yield or
** cancellable park (channel, select, sleep, Mutex.Lock: session_step). (No
** sched_request_preempt here: while that flag is set every fiber yields at
** every check without progress -- it is meant for exiting -- so a window
** between an interrupt and its target's end would stall the background.)
** ==================================================================== */

void sched_session_begin(void) {
  ensure_inited();
  pthread_mutex_lock(&S.lock);
  session_mode = true;
  if (!S.threads_started) {
    S.threads_started = true;
    for (int i = 0; i < S.nprocs; i++) start_worker_locked(i);
  }
  S.main = NULL;
  S.run_done = true;
  atomic_store(&S.run_state, RS_RUNNING);
  int ns = atomic_load(&S.nstarted);
  for (int i = 0; i < ns; i++)
    if (S.workers[i]) worker_signal(S.workers[i]);
  pthread_mutex_unlock(&S.lock);
}

void sched_session_start(Fiber *f) {
  pthread_mutex_lock(&S.lock);
  S.main = f;
  S.run_done = false;
  S.run_code = 0;
  session_result = SESSION_RUNNING;
  atomic_store(&session_interrupt, NULL);
  pthread_mutex_unlock(&S.lock);
  sched_spawn(f);
}

/* The input f ended with `result`: wake the REPL (once). */
static void session_finish(Fiber *f, int result, int code) {
  pthread_mutex_lock(&S.lock);
  if (S.main == f && !S.run_done) {
    S.run_done = true;
    S.run_code = code;
    session_result = result;
    pthread_cond_broadcast(&S.main_cond);
  }
  pthread_mutex_unlock(&S.lock);
}

/* Take a parked fiber out of the scheduler's hands for good (Ctrl-C,
** deadlock): CLAIM_DEAD. CLAIM_NONE if it is not WAITING (it runs or was
** readied). CLAIM_DETACHED for a sync wait (Mutex, RWMutex, Cond: the lock
** or signal would be handed to a dead fiber and lost) or an I/O wait (the
** poller owns its registration): it stays parked and simply becomes a
** background goroutine. */
enum { CLAIM_NONE, CLAIM_DEAD, CLAIM_DETACHED };

static bool session_sync_wait(WaitReason r) {
  return r == WAIT_MUTEX || r == WAIT_RWMUTEX_R || r == WAIT_RWMUTEX_W || r == WAIT_COND ||
         r == WAIT_IO;
}

/* Is w queued in q? (q's lock held) */
static bool session_waitq_holds(const WaitQ *q, const Waiter *w) {
  for (const Waiter *x = q->first; x; x = x->next)
    if (x == w) return true;
  return false;
}

static int session_claim_frozen(Fiber *f);

/* The reads of f's park fields here race with f itself: between reading
** them and the CAS, f may be readied, run and park again somewhere else
** (the old park's fields then describe nothing). So a channel wait is
** re-validated under the channel's lock: f's waiter still queued on c means
** f is parked on c and stays so while we hold the lock (only c's wakers,
** under c's lock, can dequeue and ready it); not queued, f moved (or a waker
** dequeued it and is about to ready it): look again. Other waits are
** claimed without a lock and re-read once f is frozen (session_claim_frozen). */
static int session_claim_waiting(Fiber *f) {
  for (int tries = 0; tries < 8; tries++) {
    if (atomic_load(&f->status) != FIBER_WAITING) return CLAIM_NONE;
    WaitReason r = f->wait_reason;
    if (session_sync_wait(r)) return CLAIM_DETACHED;
    if (r == WAIT_CHAN_SEND || r == WAIT_CHAN_RECV) {
      Chan *c = f->waiter.chan;
      if (!c) continue;
      pthread_mutex_lock(&c->lock);
      WaitQ *q = r == WAIT_CHAN_SEND ? &c->sendq : &c->recvq;
      bool won = false;
      if (session_waitq_holds(q, &f->waiter)) {
        int expect = FIBER_WAITING;
        won = atomic_compare_exchange_strong(&f->status, &expect, FIBER_DEAD);
        if (won) waitq_remove(q, &f->waiter);
      }
      pthread_mutex_unlock(&c->lock);
      if (won) return CLAIM_DEAD;
      continue;
    }
    int expect = FIBER_WAITING;
    if (!atomic_compare_exchange_strong(&f->status, &expect, FIBER_DEAD)) return CLAIM_NONE;
    return session_claim_frozen(f);
  }
  return CLAIM_NONE;   /* it keeps moving: the caller tries again at its next stop */
}

/* f was just CASed WAITING -> DEAD without a lock: nothing can run or ready
** it now, and its park fields are final (written before the WAITING store
** the CAS read) -- but maybe of a later park than the caller looked at. */
static int session_claim_frozen(Fiber *f) {
  WaitReason r = f->wait_reason;
  if (session_sync_wait(r)) {
    /* it parked on a lock after all: give it back. (A hand-off in these
    ** few instructions would be lost -- sched_ready ignores a DEAD fiber --
    ** but it needs f readied and re-parked inside the claim's own window.) */
    atomic_store(&f->status, FIBER_WAITING);
    return CLAIM_DETACHED;
  }
  Chan *c = (r == WAIT_CHAN_SEND || r == WAIT_CHAN_RECV) ? f->waiter.chan : NULL;
  if (c) {
    pthread_mutex_lock(&c->lock);
    WaitQ *q = r == WAIT_CHAN_SEND ? &c->sendq : &c->recvq;
    if (session_waitq_holds(q, &f->waiter)) waitq_remove(q, &f->waiter);
    pthread_mutex_unlock(&c->lock);
  }
  if (r == WAIT_SELECT && f->sel_waiters) {
    /* wakers that have not claimed the select yet now skip its waiters */
    uint32_t zero = 0;
    atomic_compare_exchange_strong(&f->select_done, &zero, 1);
    for (int k = 0; k < f->sel_ncases; k++) {
      Waiter *sw = &f->sel_waiters[k];
      if (!sw->chan) continue;
      pthread_mutex_lock(&sw->chan->lock);
      waitq_remove(sw->ok_slot ? &sw->chan->recvq : &sw->chan->sendq, sw);
      pthread_mutex_unlock(&sw->chan->lock);
    }
  }
  if (r == WAIT_SLEEP && f->wait_obj) timer_stop((Timer *)f->wait_obj);  /* no stale timer keeps the session "busy" */
  /* (a WaitGroup waiter stays queued: its wake-up is ignored by sched_ready) */
  return CLAIM_DEAD;
}

/* Abandon the input f (Ctrl-C) if it is parked; true when the input ended. */
static bool session_abandon(Fiber *f) {
  switch (session_claim_waiting(f)) {
  case CLAIM_DEAD:
    fiber_exit(f);
    session_finish(f, SESSION_INTERRUPTED, 0);
    return true;
  case CLAIM_DETACHED: {
    /* it stays parked, but must not run the input on for good if it gets
    ** the lock: session_step kills it at its next yield or cancellable park.
    ** Stop naming it as the interrupt target before the input ends. */
    atomic_store(&f->doomed, true);
    Fiber *self = f;
    atomic_compare_exchange_strong(&session_interrupt, &self, NULL);
    session_finish(f, SESSION_DETACHED, 0);
    return true;
  }
  default:
    return false;
  }
}

/* After vm_execute in session mode: true when f was dealt with here. */
static bool session_step(Worker *w, Fiber *f, VMStatus st) {
  (void)w;
  if (st == VM_PANIC) {
    flush_output();
    vm_report_panic(f);
    fflush(stderr);
    fiber_exit(f);
    if (f == S.main) session_finish(f, SESSION_PANIC, 2);
    return true;
  }
  if (st == VM_EXIT) sched_exit(vm_exit_code);   /* os.Exit ends the session */
  /* the interrupted input, or a detached one (doomed: no longer S.main) */
  bool target = f == atomic_load(&session_interrupt);
  if (!target && !atomic_load_explicit(&f->doomed, memory_order_relaxed)) return false;
  if (st == VM_YIELD) {
    fiber_exit(f);
    if (target) session_finish(f, SESSION_INTERRUPTED, 0);
    return true;
  }
  if (f->wait_reason == WAIT_MUTEX && f->park_q) {
    /* Mutex.Lock (or Once.Do) parking: its park lock is still held, so no
    ** Unlock can have handed it the mutex yet. Leave the queue as if Lock
    ** had never been called, and die. */
    waitq_remove(f->park_q, &f->waiter);
    f->park_q = NULL;
    void (*unlock)(void *) = f->park_unlock;
    void *arg = f->park_arg;
    f->park_unlock = NULL;
    f->park_arg = NULL;
    if (unlock) unlock(arg);
    fiber_exit(f);
    if (target) session_finish(f, SESSION_INTERRUPTED, 0);
    return true;
  }
  /* a doomed fiber's other lock, Cond and I/O waits park as usual (their
  ** queues carry state: a Cond ticket, readers held back by a writer) */
  if (!target && session_sync_wait(f->wait_reason)) return false;
  /* VM_PARKED: finish the park (protocol step 4), then abandon it */
  void (*unlock)(void *) = f->park_unlock;
  void *arg = f->park_arg;
  f->park_unlock = NULL;
  f->park_arg = NULL;
  TRACE_PARK(f, (int)f->wait_reason, f->wait_obj);
  atomic_store(&f->status, FIBER_WAITING);
  if (unlock) unlock(arg);
  session_abandon(f);
  return true;
}

/* Every goroutine is asleep while an input runs: Go's report, then the
** input is abandoned; the others stay parked (a later input may wake them). */
static void session_deadlock(void) {
  pthread_mutex_lock(&S.lock);
  Fiber *f = S.run_done ? NULL : S.main;
  pthread_mutex_unlock(&S.lock);
  if (!f) return;
  flush_output();
  fputs("fatal error: all goroutines are asleep - deadlock!\n\n", stderr);
  sched_dump_goroutines(stderr);
  fflush(stderr);
  int claim = session_claim_waiting(f);
  if (claim == CLAIM_DEAD) fiber_exit(f);
  else if (claim == CLAIM_DETACHED) atomic_store(&f->doomed, true);  /* as for Ctrl-C */
  session_finish(f, SESSION_DEADLOCK, 2);
}

int sched_session_wait(int timeout_ms) {
  pthread_mutex_lock(&S.lock);
  if (!S.run_done && S.main && timeout_ms > 0) {
    struct timespec dl;
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_sec += timeout_ms / 1000;
    dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (dl.tv_nsec >= 1000000000L) { dl.tv_nsec -= 1000000000L; dl.tv_sec++; }
    pthread_cond_timedwait(&S.main_cond, &S.lock, &dl);
  }
  Fiber *t = atomic_load(&session_interrupt);
  if (!S.run_done && t && t == S.main) {
    /* the worker may have parked it before it saw the interrupt */
    pthread_mutex_unlock(&S.lock);
    session_abandon(t);
    pthread_mutex_lock(&S.lock);
  }
  int r = SESSION_RUNNING;
  if (atomic_load(&session_exit_code) >= 0) {
    pthread_mutex_unlock(&S.lock);
    return SESSION_EXIT;
  }
  if (S.run_done || !S.main) {
    r = S.main ? session_result : SESSION_DONE;
    S.main = NULL;
    S.run_done = true;
    atomic_store(&session_interrupt, NULL);
  }
  pthread_mutex_unlock(&S.lock);
  if (r != SESSION_RUNNING) flush_output();
  return r;
}

void sched_session_interrupt(void) {
  pthread_mutex_lock(&S.lock);
  Fiber *f = S.run_done ? NULL : S.main;
  pthread_mutex_unlock(&S.lock);
  if (!f) return;
  atomic_store(&session_interrupt, f);
}

int sched_session_exit_code(void) { return atomic_load(&session_exit_code); }

void sched_each_fiber(void (*fn)(Fiber *f, void *arg), void *arg) {
  pthread_mutex_lock(&all_lock);
  for (Fiber *f = all_head; f; f = f->allnext) fn(f, arg);
  pthread_mutex_unlock(&all_lock);
}

Fiber *sched_first_fiber(void) {
  pthread_mutex_lock(&all_lock);
  Fiber *f = all_head;
  pthread_mutex_unlock(&all_lock);
  return f;
}
