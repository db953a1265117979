/*
** sched_test.c -- C tests of scheduler internals a golden test cannot reach:
** the run-queue ring (FIFO order across the uint32 wrap of head/tail, the
** overflow to the global queue, runnext and its streak limit), concurrent
** stealing (every fiber taken exactly once), and the timer heap's order.
**
** It includes vm/sched.c and vm/timer.c to reach their static functions; the
** library's copies of those objects are then never linked in (every symbol
** they define is already defined here).
*/
#include "vm/sched.c"
#include "vm/timer.c"

#include <stdio.h>

static int passed, failed;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (cond) passed++;                                                        \
    else {                                                                     \
      failed++;                                                                \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                     \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

static Fiber *fake_fiber(int64_t id) {
  Fiber *f = NEW(Fiber);
  f->id = id;
  atomic_store(&f->status, FIBER_RUNNABLE);
  return f;
}

static Worker *fake_worker(int id) {
  Worker *w = NEW(Worker);
  w->id = id;
  return w;
}

static void drain_global(void) {
  pthread_mutex_lock(&S.lock);
  while (gq_pop_locked()) {}
  pthread_mutex_unlock(&S.lock);
}

/* ---- ring FIFO across the wrap of the 32-bit indices ---- */
static void test_ring_wrap(void) {
  Worker *w = fake_worker(0);
  atomic_store(&w->head, UINT32_MAX - 100);
  atomic_store(&w->tail, UINT32_MAX - 100);
  Fiber *fs[600];
  for (int i = 0; i < 600; i++) fs[i] = fake_fiber(i);
  int next_pop = 0, bad = 0;
  /* interleave pushes and pops so the indices cross 2^32 while non-empty */
  for (int i = 0; i < 600; i++) {
    ring_push(w, fs[i]);
    if (i % 3 != 0) {              /* net growth 1 per 3: stays under 256 */
      Fiber *f = runq_get(w);
      if (f != fs[next_pop]) bad++;
      next_pop++;
    }
  }
  Fiber *f;
  while ((f = runq_get(w)) != NULL) {
    if (next_pop >= 600 || f != fs[next_pop]) bad++;
    next_pop++;
  }
  CHECK(bad == 0, "ring order broken across the index wrap (%d bad)", bad);
  CHECK(next_pop == 600, "ring lost fibers: got %d of 600", next_pop);
  CHECK(atomic_load(&w->head) < 1000, "indices did not wrap (head=%u)", atomic_load(&w->head));
}

/* ---- a full ring moves half of itself + the new fiber to the global queue ---- */
static void test_ring_overflow(void) {
  drain_global();
  Worker *w = fake_worker(0);
  Fiber *fs[RUNQ_SIZE + 1];
  for (int i = 0; i <= RUNQ_SIZE; i++) fs[i] = fake_fiber(1000 + i);
  for (int i = 0; i <= RUNQ_SIZE; i++) ring_push(w, fs[i]);
  CHECK(atomic_load(&S.gq_len) == RUNQ_SIZE / 2 + 1, "global queue has %lld, want %d",
        (long long)atomic_load(&S.gq_len), RUNQ_SIZE / 2 + 1);
  /* the global queue holds the oldest half, then the newcomer */
  int bad = 0;
  pthread_mutex_lock(&S.lock);
  for (int i = 0; i < RUNQ_SIZE / 2; i++)
    if (gq_pop_locked() != fs[i]) bad++;
  if (gq_pop_locked() != fs[RUNQ_SIZE]) bad++;
  pthread_mutex_unlock(&S.lock);
  for (int i = RUNQ_SIZE / 2; i < RUNQ_SIZE; i++)
    if (runq_get(w) != fs[i]) bad++;
  CHECK(bad == 0, "overflow order wrong (%d bad)", bad);
  CHECK(runq_get(w) == NULL, "ring not empty after overflow test");
}

/* ---- runnext: LIFO slot in front of the ring, with a streak limit ---- */
static void test_runnext(void) {
  Worker *w = fake_worker(0);
  Fiber *a = fake_fiber(1), *b = fake_fiber(2), *c = fake_fiber(3);
  runq_put(w, a, false);
  runq_put(w, b, true);
  runq_put(w, c, true);            /* kicks b to the ring tail */
  CHECK(runq_get(w) == c, "runnext must run first");
  CHECK(runq_get(w) == a, "then the ring head");
  CHECK(runq_get(w) == b, "the kicked runnext went to the ring tail");
  CHECK(runq_get(w) == NULL, "empty");

  /* a ping-pong pair always in runnext must not starve the ring */
  Fiber *x = fake_fiber(4), *y = fake_fiber(5), *z = fake_fiber(6);
  runq_put(w, z, false);
  int turns = 0;
  Fiber *cur = x;
  for (; turns < 10 * RUNNEXT_STREAK_MAX; turns++) {
    runq_put(w, cur == x ? y : x, true);
    Fiber *got = runq_get(w);
    if (got == z) break;
    cur = got;
  }
  CHECK(turns <= RUNNEXT_STREAK_MAX + 1, "ring head starved for %d turns", turns);
  w->runnext = NULL;
}

/* ---- concurrent stealing: every fiber is taken exactly once ---- */
enum { STEAL_N = 200000 };
static Worker *victim;
static _Atomic int taken[STEAL_N];
static _Atomic int owner_done;

static void *thief(void *arg) {
  Worker *me = arg;
  Fiber *batch[RUNQ_SIZE / 2];
  while (!atomic_load(&owner_done) || !ring_empty(victim)) {
    uint32_t k = runq_grab(victim, batch);
    for (uint32_t i = 0; i < k; i++) atomic_fetch_add(&taken[batch[i]->id], 1);
    (void)me;
  }
  return NULL;
}

static void test_concurrent_steal(void) {
  drain_global();
  victim = fake_worker(0);
  Fiber **fs = NEW_ARRAY(Fiber *, STEAL_N);
  for (int i = 0; i < STEAL_N; i++) fs[i] = fake_fiber(i);
  pthread_t th[2];
  for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, thief, fake_worker(i + 1));
  for (int i = 0; i < STEAL_N; i++) {
    ring_push(victim, fs[i]);
    if (i % 2) {
      Fiber *f = runq_get(victim);
      if (f) atomic_fetch_add(&taken[f->id], 1);
    }
  }
  atomic_store(&owner_done, 1);
  for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
  Fiber *f;
  while ((f = runq_get(victim)) != NULL) atomic_fetch_add(&taken[f->id], 1);
  pthread_mutex_lock(&S.lock);
  while ((f = gq_pop_locked()) != NULL) atomic_fetch_add(&taken[f->id], 1);
  pthread_mutex_unlock(&S.lock);
  int lost = 0, dup = 0;
  for (int i = 0; i < STEAL_N; i++) {
    int n = atomic_load(&taken[i]);
    if (n == 0) lost++;
    if (n > 1) dup++;
  }
  CHECK(lost == 0 && dup == 0, "stealing lost %d and duplicated %d fibers", lost, dup);
}

/* ---- timer heap: fires in (when, seq) order; stopped timers never fire ---- */
static int64_t fired_order[2000];
static int nfired;

static void record(Timer *t, void *arg) {
  (void)t;
  fired_order[nfired++] = (int64_t)(intptr_t)arg;
}

static void test_timer_heap(void) {
  enum { N = 1000 };
  Timer **ts = NEW_ARRAY(Timer *, N);
  uint64_t rng = 12345;
  for (int i = 0; i < N; i++) {
    Timer *t = NEW(Timer);
    t->heap_index = -1;
    t->when = 1000 + (int64_t)(rng_next(&rng) % 50);   /* many equal deadlines */
    t->fn = record;
    t->arg = (void *)(intptr_t)i;
    ts[i] = t;
    timer_start(t);
  }
  CHECK(timers_count() == N, "heap has %lld timers", (long long)timers_count());
  int stopped = 0;
  for (int i = 0; i < N; i += 7) {
    if (timer_stop(ts[i])) stopped++;
  }
  CHECK(!timer_stop(ts[0]), "stopping twice must report false");
  /* re-arm one: it moves behind every timer with its (new) deadline */
  ts[1]->when = 1049;
  timer_start(ts[1]);
  CHECK(timer_next_when() >= 1000, "next deadline %lld", (long long)timer_next_when());
  nfired = 0;
  CHECK(timers_fire_due(999) == 0, "nothing is due before 1000");
  int n = timers_fire_due(1 << 30);
  CHECK(n == N - stopped, "fired %d, want %d", n, N - stopped);
  int bad = 0;
  for (int k = 1; k < nfired; k++) {
    Timer *p = ts[fired_order[k - 1]], *q = ts[fired_order[k]];
    if (p->when > q->when || (p->when == q->when && p->seq > q->seq)) bad++;
  }
  CHECK(bad == 0, "timers fired out of order (%d inversions)", bad);
  for (int k = 0; k < nfired; k++)
    if (fired_order[k] % 7 == 0) bad++;
  CHECK(bad == 0, "a stopped timer fired");
  CHECK(!timers_pending(), "heap should be empty");

  /* a ticker re-arms, skipping missed periods */
  Timer *tk = NEW(Timer);
  tk->heap_index = -1;
  tk->when = 100;
  tk->period = 10;
  tk->fn = record;
  tk->arg = (void *)(intptr_t)7;
  timer_start(tk);
  nfired = 0;
  timers_fire_due(135);
  CHECK(nfired == 1 && tk->when == 140, "ticker: fired %d, next %lld", nfired, (long long)tk->when);
  CHECK(timer_stop(tk), "ticker pending");
}

/* ---- wait reason strings are Go's ---- */
static void test_wait_reasons(void) {
  CHECK(!strcmp(wait_reason_string(WAIT_CHAN_RECV), "chan receive"), "chan receive");
  CHECK(!strcmp(wait_reason_string(WAIT_SELECT_NOCASES), "select (no cases)"), "select (no cases)");
  CHECK(!strcmp(wait_reason_string(WAIT_CHAN_RECV_NIL), "chan receive (nil chan)"), "nil chan");
  CHECK(!strcmp(wait_reason_string(WAIT_WAITGROUP), "sync.WaitGroup.Wait"), "waitgroup");
}

int main(void) {
  GC_INIT();
  test_ring_wrap();
  test_ring_overflow();
  test_runnext();
  test_concurrent_steal();
  test_timer_heap();
  test_wait_reasons();
  printf("sched_test: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
