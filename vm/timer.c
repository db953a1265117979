/*
** timer.c -- the scheduler's timers: one binary min-heap of Timer* ordered by
** (when, seq), under one lock. Sleep, time.After/Tick/NewTimer/AfterFunc all
** become heap entries; there is no timer thread: a worker that finds the
** earliest deadline due (sched.c: find_runnable) pops and fires the due
** timers, and an idle worker sleeps with a timeout at the earliest deadline.
**
** Lock rules:
**   - tlock protects heap[], hlen, hcap, tseq and every Timer's heap_index,
**     `when` while it is in the heap.
**   - Timer callbacks (t->fn) are called with NO lock held (they ready fibers,
**     send on channels, spawn goroutines) and must not block.
**   - tlock is a leaf: nothing else is locked while it is held.
**     sched_timer_notify (which takes the scheduler lock) is called after
**     dropping it.
**   - timer_next mirrors heap[0]->when (INT64_MAX when empty). It is written
**     under tlock and read without it (atomic): a stale read is harmless
**     because every path that adds an earlier timer also notifies the sleeper.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "vm/gc.h"
#include "vm/sched.h"

/* sched.c: wake the worker sleeping for the timers if `when` is earlier than
** what it waits for. Called with no locks held. */
void sched_timer_notify(int64_t when);

static pthread_mutex_t tlock = PTHREAD_MUTEX_INITIALIZER;
static Timer **volatile heap;   /* GC_MALLOC'd: the heap keeps its timers (and
                                   their args: fibers, channels) alive */
static int hlen, hcap;
static uint64_t tseq;
static _Atomic int64_t timer_next = INT64_MAX;

static inline bool timer_less(const Timer *a, const Timer *b) {
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void sift_up(int i) {
  Timer *t = heap[i];
  while (i > 0) {
    int p = (i - 1) / 2;
    if (!timer_less(t, heap[p])) break;
    heap[i] = heap[p];
    heap[i]->heap_index = i;
    i = p;
  }
  heap[i] = t;
  t->heap_index = i;
}

static void sift_down(int i) {
  Timer *t = heap[i];
  for (;;) {
    int l = 2 * i + 1;
    if (l >= hlen) break;
    int m = l;
    if (l + 1 < hlen && timer_less(heap[l + 1], heap[l])) m = l + 1;
    if (!timer_less(heap[m], t)) break;
    heap[i] = heap[m];
    heap[i]->heap_index = i;
    i = m;
  }
  heap[i] = t;
  t->heap_index = i;
}

/* Is t in the heap? (A zeroed Timer has heap_index 0: check the slot too.) */
static inline bool in_heap(const Timer *t) {
  return t->heap_index >= 0 && t->heap_index < hlen && heap[t->heap_index] == t;
}

/* tlock held. */
static void heap_remove(int i) {
  Timer *t = heap[i];
  hlen--;
  if (i != hlen) {
    heap[i] = heap[hlen];
    heap[i]->heap_index = i;
    heap[hlen] = NULL;
    if (i > 0 && timer_less(heap[i], heap[(i - 1) / 2])) sift_up(i);
    else sift_down(i);
  } else {
    heap[hlen] = NULL;
  }
  t->heap_index = -1;
}

/* tlock held. */
static void heap_push(Timer *t) {
  if (hlen == hcap) {
    int ncap = hcap ? hcap * 2 : 64;
    Timer **nh = NEW_ARRAY(Timer *, ncap);
    for (int i = 0; i < hlen; i++) nh[i] = heap[i];
    heap = nh;
    hcap = ncap;
  }
  heap[hlen] = t;
  t->heap_index = hlen;
  hlen++;
  sift_up(hlen - 1);
}

static inline void update_next(void) {
  atomic_store_explicit(&timer_next, hlen ? heap[0]->when : INT64_MAX, memory_order_release);
}

void timer_start(Timer *t) {
  pthread_mutex_lock(&tlock);
  if (in_heap(t)) heap_remove(t->heap_index);
  t->seq = ++tseq;
  heap_push(t);
  bool first = heap[0] == t;
  update_next();
  pthread_mutex_unlock(&tlock);
  if (first) sched_timer_notify(t->when);
}

bool timer_stop(Timer *t) {
  pthread_mutex_lock(&tlock);
  bool was = in_heap(t);
  if (was) {
    heap_remove(t->heap_index);
    update_next();
  } else {
    t->heap_index = -1;
  }
  pthread_mutex_unlock(&tlock);
  return was;
}

/* ---- used by sched.c ---- */

int64_t timer_next_when(void) {
  return atomic_load_explicit(&timer_next, memory_order_acquire);
}

bool timers_pending(void) {
  return timer_next_when() != INT64_MAX;
}

int64_t timers_count(void) {
  pthread_mutex_lock(&tlock);
  int64_t n = hlen;
  pthread_mutex_unlock(&tlock);
  return n;
}

/* Fire every timer whose deadline is <= now. Periodic timers are re-armed
** (missed periods are skipped, as Go does) before their callback runs.
** Called from a worker with no lock held; returns the number fired. */
int timers_fire_due(int64_t now) {
  int fired = 0;
  for (;;) {
    Timer *batch[64];
    int n = 0;
    pthread_mutex_lock(&tlock);
    while (hlen > 0 && heap[0]->when <= now && n < 64) {
      Timer *t = heap[0];
      if (t->period > 0) {
        t->when += t->period * (1 + (now - t->when) / t->period);
        t->seq = ++tseq;
        sift_down(0);
      } else {
        heap_remove(0);
      }
      batch[n++] = t;
    }
    update_next();
    pthread_mutex_unlock(&tlock);
    for (int i = 0; i < n; i++) batch[i]->fn(batch[i], batch[i]->arg);
    fired += n;
    if (n < 64) break;
  }
  return fired;
}

/* ---- time.Sleep ---- */

/* The fiber parked on this very timer (wait_obj == t): a park cancelled by
** the VM (a Sleep inside a callback from native code) clears wait_obj, and
** then the late timer must not wake the fiber. */
static void sleep_wake(Timer *t, void *arg) {
  Fiber *f = arg;
  if (__atomic_load_n(&f->wait_obj, __ATOMIC_ACQUIRE) == (void *)t) sched_ready(f);
}

/* park_unlock for a sleeping fiber: the timer is armed only once the fiber is
** off the CPU (park protocol), so it cannot be readied while still running. */
static void sleep_commit(void *arg) {
  timer_start((Timer *)arg);
}

void sched_sleep_until(Fiber *f, int64_t deadline) {
  Timer *t = NEW(Timer);
  t->when = deadline;
  t->fn = sleep_wake;
  t->arg = f;
  t->heap_index = -1;
  f->sleep_until = deadline;
  f->wait_reason = WAIT_SLEEP;
  f->wait_obj = t;
  f->park_unlock = sleep_commit;
  f->park_arg = t;
}
