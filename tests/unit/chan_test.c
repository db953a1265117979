/*
** chan_test.c -- C tests of channel and select internals a golden test cannot
** reach: WaitQ unlink from the middle, the select_done claim, lock ordering
** with duplicate channels, buffered hand-off through parked senders, close
** waking everyone, and wake-ups racing between two threads (a select waiter
** woken exactly once, its value from the winner).
**
** Fibers here are fakes that never run: the test plays both the fiber (calls
** the operation, then what the worker does on VM_PARKED) and the waker. It
** includes the runtime's .c files to reach static functions; the library's
** copies of those objects are then never linked in.
*/
#include "vm/sched.c"
#include "vm/chan.c"
#include "vm/select.c"

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
  atomic_store(&f->status, FIBER_RUNNING);
  return f;
}

/* What the worker does after vm_execute returned VM_PARKED. */
static void park(Fiber *f) {
  void (*unlock)(void *) = f->park_unlock;
  void *arg = f->park_arg;
  f->park_unlock = NULL;
  atomic_store(&f->status, FIBER_WAITING);
  if (unlock) unlock(arg);
}

/* Take f off the global queue again (sched_ready from a non-worker thread
** puts it there) and mark it running, as a worker picking it would. */
static void drain_global(void) {
  pthread_mutex_lock(&S.lock);
  Fiber *f;
  while ((f = gq_pop_locked()) != NULL) atomic_store(&f->status, FIBER_RUNNING);
  pthread_mutex_unlock(&S.lock);
}

/* ---- WaitQ ---- */
static void test_waitq(void) {
  WaitQ q = {0};
  Waiter w[5];
  memset(w, 0, sizeof w);
  for (int i = 0; i < 5; i++) {
    w[i].case_index = i;
    waitq_enqueue(&q, &w[i]);
  }
  waitq_remove(&q, &w[2]);                     /* middle */
  waitq_remove(&q, &w[0]);                     /* first */
  waitq_remove(&q, &w[4]);                     /* last */
  waitq_remove(&q, &w[2]);                     /* already removed: no-op */
  Waiter *a = waitq_dequeue(&q), *b = waitq_dequeue(&q), *c = waitq_dequeue(&q);
  CHECK(a == &w[1] && b == &w[3] && c == NULL, "dequeue order after unlinks");
  CHECK(q.first == NULL && q.last == NULL, "queue empty");
  waitq_remove(&q, &w[1]);                     /* dequeued earlier: no-op */
  CHECK(q.first == NULL && q.last == NULL, "removing a dequeued waiter changed the queue");
  waitq_enqueue(&q, &w[3]);
  waitq_remove(&q, &w[3]);                     /* the only element */
  CHECK(q.first == NULL && q.last == NULL, "removing the only element");
}

/* ---- a select waiter is claimed by exactly one queue ---- */
static void test_select_claim(void) {
  Fiber *f = fake_fiber(1);
  WaitQ q1 = {0}, q2 = {0};
  Waiter w1 = {.fiber = f, .is_select = true, .case_index = 0};
  Waiter w2 = {.fiber = f, .is_select = true, .case_index = 1};
  Waiter plain = {.fiber = fake_fiber(2)};
  waitq_enqueue(&q1, &w1);
  waitq_enqueue(&q2, &w2);
  waitq_enqueue(&q2, &plain);
  CHECK(waitq_dequeue(&q1) == &w1, "first claim wins");
  CHECK(f->sel_fired == 0, "sel_fired records the winning case");
  CHECK(waitq_dequeue(&q2) == &plain, "the claimed fiber's other waiter is skipped");
  CHECK(q2.first == NULL, "skipped waiter was unlinked");
}

/* ---- lock order: sorted by address, duplicates locked once ---- */
static void test_lock_order(void) {
  Chan *ch[4];
  for (int i = 0; i < 4; i++) ch[i] = chan_new(type_int, 0);
  for (int n = 5; n <= 40; n += 35) {          /* insertion sort, then heap sort */
    Value *regs = NEW_ARRAY(Value, 3 + 2 * n);
    int order[64];
    for (int i = 0; i < n; i++) {
      regs[3 + 2 * i] = OBJ_VAL(VAL_CHAN, ch[(i * 7 + 3) % 4]);
      order[i] = n - 1 - i;
    }
    sort_by_chan(order, n, regs);
    int bad = 0;
    for (int i = 1; i < n; i++)
      if ((uintptr_t)case_chan(regs, order[i - 1]) > (uintptr_t)case_chan(regs, order[i])) bad++;
    CHECK(bad == 0, "lock order not sorted for n=%d", n);
    lock_in_order(regs, order, n);              /* would self-deadlock on a duplicate */
    int busy = 0;
    for (int i = 0; i < 4; i++) busy += pthread_mutex_trylock(&ch[i]->lock) != 0;
    CHECK(busy == 4, "every distinct channel locked (%d)", busy);
    unlock_in_order(regs, order, n);
    int freed = 0;
    for (int i = 0; i < 4; i++) {
      if (pthread_mutex_trylock(&ch[i]->lock) == 0) {
        freed++;
        pthread_mutex_unlock(&ch[i]->lock);
      }
    }
    CHECK(freed == 4, "every channel unlocked exactly once (%d)", freed);
  }

  /* a select on the same unbuffered channel twice (send and receive) parks
  ** and its park_unlock releases the channel once */
  Chan *c = ch[0];
  Fiber *f = fake_fiber(3);
  Value *regs = NEW_ARRAY(Value, 7);
  regs[0] = INT_VAL(1);                          /* case 0 sends */
  regs[3] = OBJ_VAL(VAL_CHAN, c);
  regs[4] = INT_VAL(42);
  regs[5] = OBJ_VAL(VAL_CHAN, c);
  CHECK(chan_select(f, regs, 2, false) == CHAN_PARKED, "select parks");
  park(f);
  CHECK(pthread_mutex_trylock(&c->lock) == 0, "channel unlocked after the park");
  pthread_mutex_unlock(&c->lock);
  CHECK(c->sendq.first && c->recvq.first, "waiters on both queues");
  /* a receiver takes the send case */
  Fiber *r = fake_fiber(4);
  Value got = NIL_VAL;
  CHECK(chan_recv(r, c, &got, NULL) == CHAN_OK && got.as.i == 42, "received the select's value");
  CHECK(atomic_load(&f->status) == FIBER_RUNNABLE && f->resumed, "select readied");
  drain_global();
  CHECK(chan_select(f, regs, 2, false) == CHAN_OK && regs[0].as.i == 0, "send case won");
  CHECK(!c->sendq.first && !c->recvq.first, "losing waiter dequeued");
}

/* ---- buffered channel: FIFO through parked senders; close ---- */
static void test_buffered(void) {
  Chan *c = chan_new(type_int, 2);
  Fiber *s = fake_fiber(10), *r = fake_fiber(11);
  Value v1 = INT_VAL(1), v2 = INT_VAL(2), v3 = INT_VAL(3);
  CHECK(chan_send(s, c, &v1) == CHAN_OK && chan_send(s, c, &v2) == CHAN_OK, "two fit");
  CHECK(chan_send(s, c, &v3) == CHAN_PARKED, "third parks");
  park(s);
  CHECK(chan_len(c) == 2, "len 2");
  Value got = NIL_VAL, ok = NIL_VAL;
  CHECK(chan_recv(r, c, &got, &ok) == CHAN_OK && got.as.i == 1 && ok.as.b, "recv 1");
  CHECK(atomic_load(&s->status) == FIBER_RUNNABLE, "sender readied");
  drain_global();
  CHECK(chan_send(s, c, &v3) == CHAN_OK, "resumed send completes");
  CHECK(chan_recv(r, c, &got, NULL) == CHAN_OK && got.as.i == 2, "recv 2");
  CHECK(chan_recv(r, c, &got, NULL) == CHAN_OK && got.as.i == 3, "recv 3 (moved from the sender)");
  CHECK(chan_len(c) == 0, "empty");

  /* close wakes parked receivers with the zero value and ok=false */
  Fiber *r2 = fake_fiber(12);
  Value g1 = INT_VAL(99), o1 = BOOL_VAL(true), g2 = INT_VAL(99), o2 = BOOL_VAL(true);
  CHECK(chan_recv(r, c, &g1, &o1) == CHAN_PARKED, "r parks");
  park(r);
  CHECK(chan_recv(r2, c, &g2, &o2) == CHAN_PARKED, "r2 parks");
  park(r2);
  CHECK(chan_close(NULL, c) == CHAN_OK, "close");
  CHECK(atomic_load(&r->status) == FIBER_RUNNABLE && atomic_load(&r2->status) == FIBER_RUNNABLE,
        "close readied both");
  CHECK(g1.kind == VAL_INT && g1.as.i == 0 && !o1.as.b && g2.as.i == 0 && !o2.as.b,
        "zero value and ok=false");
  drain_global();
  CHECK(chan_recv(r, c, &g1, &o1) == CHAN_OK, "resumed recv completes");
  Value g3, o3;
  CHECK(chan_recv(r, c, &g3, &o3) == CHAN_OK && g3.as.i == 0 && !o3.as.b, "recv from closed");
}

/* ---- coercion into typed channels ---- */
static void test_coerce(void) {
  Chan *c = chan_new(type_float64, 1);
  Fiber *s = fake_fiber(20);
  Value v = INT_VAL(3), got;
  chan_send(s, c, &v);
  chan_recv(s, c, &got, NULL);
  CHECK(got.kind == VAL_FLOAT && got.as.f == 3.0, "int into chan float64 became a float");
  CHECK(v.kind == VAL_INT, "the sender's register is untouched");
}

/* ---- wake-ups racing between two threads ---- */
enum { RACE_ROUNDS = 20000 };
static Chan *ra, *rb;
static pthread_barrier_t bar;
static _Atomic int wins[2];
static int race_mode;          /* 0: two senders; 1: a sender and a closer */

static void *racer(void *arg) {
  int which = (int)(intptr_t)arg;
  for (int i = 0; i < RACE_ROUNDS; i++) {
    pthread_barrier_wait(&bar);
    if (race_mode == 1 && which == 1) {
      chan_close(NULL, rb);
    } else if (chan_try_send(which ? rb : ra, INT_VAL(which + 1))) {
      atomic_fetch_add(&wins[which], 1);
    }
    pthread_barrier_wait(&bar);
  }
  return NULL;
}

static void test_race(int mode) {
  race_mode = mode;
  atomic_store(&wins[0], 0);
  atomic_store(&wins[1], 0);
  pthread_barrier_init(&bar, NULL, 3);
  pthread_t th[2];
  for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, racer, (void *)(intptr_t)i);
  Fiber *f = fake_fiber(99);
  Value *regs = NEW_ARRAY(Value, 7);
  int bad = 0, readied = 0, closed_wins = 0;
  for (int i = 0; i < RACE_ROUNDS; i++) {
    ra = chan_new(type_int, 0);
    rb = chan_new(type_int, 0);
    regs[0] = INT_VAL(0);                       /* two receive cases */
    regs[3] = OBJ_VAL(VAL_CHAN, ra);
    regs[5] = OBJ_VAL(VAL_CHAN, rb);
    if (chan_select(f, regs, 2, false) != CHAN_PARKED) bad++;
    park(f);
    int w0 = atomic_load(&wins[0]), w1 = atomic_load(&wins[1]);
    pthread_barrier_wait(&bar);                 /* go */
    pthread_barrier_wait(&bar);                 /* both done */
    int dw = atomic_load(&wins[0]) - w0 + atomic_load(&wins[1]) - w1;
    if (atomic_load(&f->status) == FIBER_RUNNABLE && f->resumed) readied++;
    drain_global();
    if (chan_select(f, regs, 2, false) != CHAN_OK) bad++;
    int64_t k = regs[0].as.i;
    if (mode == 0) {
      if (dw != 1) bad++;                       /* exactly one sender got through */
      if (regs[1].as.i != k + 1 || !regs[2].as.b) bad++;   /* its value */
    } else {
      if (k == 1) {
        closed_wins++;
        if (regs[2].as.b || regs[1].as.i != 0) bad++;      /* closed: zero, !ok */
      } else if (regs[1].as.i != 1 || !regs[2].as.b) bad++;
    }
    if (ra->recvq.first || rb->recvq.first) bad++;         /* losers dequeued */
  }
  for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
  pthread_barrier_destroy(&bar);
  CHECK(bad == 0, "race mode %d: %d bad rounds", mode, bad);
  CHECK(readied == RACE_ROUNDS, "race mode %d: readied %d of %d", mode, readied, RACE_ROUNDS);
  if (mode == 1) CHECK(closed_wins > 0, "close never won a round");
}

int main(void) {
  GC_INIT();
  test_waitq();
  test_select_claim();
  test_lock_order();
  test_buffered();
  test_coerce();
  test_race(0);
  test_race(1);
  printf("chan_test: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
