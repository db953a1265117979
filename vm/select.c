/*
** select.c -- OP_SELECT (Go's runtime/select.go selectgo).
**
** Register layout (opcodes.h): regs = &R[A].
**   in:  regs[0] = int bitmask of send cases (bit i: case i sends)
**        regs[3+2i] = channel of case i, regs[4+2i] = value to send
**   out: regs[0] = chosen case (-1 = default), regs[1] = received value,
**        regs[2] = ok
**
** Algorithm (three passes, as Go):
**   1. A random poll order over the cases (sched_rand: seeded in
**      deterministic mode) and a lock order by channel address. Lock every
**      channel (each distinct one once), then poll in poll order; the first
**      ready case completes. None ready: `default` if present.
**   2. Enqueue one Waiter per case (is_select), in lock order, and park with
**      every channel still locked; the worker unlocks them all (park
**      protocol) through select_unlock.
**   3. Woken: exactly one waker won the CAS on f->select_done (waitq_dequeue)
**      and recorded the case in f->sel_fired. Relock all channels, reset
**      select_done, unlink the losing waiters, unlock.
**
** The Waiter array persists across the park, so it is GC_MALLOC'd (and kept in
** f->sel_waiters for reuse by the next select). It is laid out in lock order
** followed by one Value per waiter for send values; that order is also how
** select_unlock and pass 3 find the channels again.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "vm/api.h"
#include "vm/trace.h"

/* ---- chan.c ---- */
void waitq_enqueue(WaitQ *q, Waiter *w);
void waitq_remove(WaitQ *q, Waiter *w);
Waiter *waitq_dequeue(WaitQ *q);
bool chan_coerce(const Chan *c, Value *v);
Value chan_take_from_sender(Chan *c, Waiter *w);

#define MAX_CASES 256

static inline Chan *case_chan(Value *regs, int i) {
  Value v = regs[3 + 2 * i];
  return v.kind == VAL_CHAN ? (Chan *)v.as.p : NULL;
}

static inline bool case_is_send(uint64_t mask, int i) {
  return i < 64 && ((mask >> i) & 1);
}

/* Sort case indices by channel address (heap sort: no allocation, n log n). */
static void sort_by_chan(int *order, int n, Value *regs) {
  if (n <= 16) {
    for (int i = 1; i < n; i++) {
      int x = order[i];
      uintptr_t kx = (uintptr_t)case_chan(regs, x);
      int j = i - 1;
      while (j >= 0 && (uintptr_t)case_chan(regs, order[j]) > kx) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    return;
  }
  /* build a max-heap */
  for (int i = 1; i < n; i++) {
    int j = i;
    int x = order[j];
    uintptr_t kx = (uintptr_t)case_chan(regs, x);
    while (j > 0 && (uintptr_t)case_chan(regs, order[(j - 1) / 2]) < kx) {
      order[j] = order[(j - 1) / 2];
      j = (j - 1) / 2;
    }
    order[j] = x;
  }
  for (int i = n - 1; i > 0; i--) {
    int x = order[i];
    uintptr_t kx = (uintptr_t)case_chan(regs, x);
    order[i] = order[0];
    int j = 0;
    for (;;) {
      int k = 2 * j + 1;
      if (k >= i) break;
      if (k + 1 < i && (uintptr_t)case_chan(regs, order[k]) < (uintptr_t)case_chan(regs, order[k + 1]))
        k++;
      if ((uintptr_t)case_chan(regs, order[k]) <= kx) break;
      order[j] = order[k];
      j = k;
    }
    order[j] = x;
  }
}

static void lock_in_order(Value *regs, const int *lockorder, int n) {
  Chan *prev = NULL;
  for (int k = 0; k < n; k++) {
    Chan *c = case_chan(regs, lockorder[k]);
    if (c != prev) {
      pthread_mutex_lock(&c->lock);
      prev = c;
    }
  }
}

static void unlock_in_order(Value *regs, const int *lockorder, int n) {
  for (int k = n - 1; k >= 0; k--) {
    Chan *c = case_chan(regs, lockorder[k]);
    if (k > 0 && case_chan(regs, lockorder[k - 1]) == c) continue;
    pthread_mutex_unlock(&c->lock);
  }
}

/* park_unlock of a parked select: release every channel, highest address
** first. The fiber, once readied, relocks them lowest first, so it blocks on
** the lowest one (ours until the very end) before it can touch its waiters:
** reading ws[k].chan here is safe until the last unlock, and nothing is
** touched after it. */
static void select_unlock(void *arg) {
  Fiber *f = arg;
  Waiter *ws = f->sel_waiters;
  int n = f->sel_ncases;
  for (int k = n - 1; k >= 0; k--) {
    Chan *c = ws[k].chan;
    if (k > 0 && ws[k - 1].chan == c) continue;
    pthread_mutex_unlock(&c->lock);
  }
}

static int select_panic(Fiber *f, const char *msg) {
  vm_panic_value(f, api_runtime_error_new(msg));
  return CHAN_PANIC;
}

/* Pass 3: the fiber was readied by the waker of one case. */
static int select_finish(Fiber *f, Value *regs) {
  Waiter *ws = f->sel_waiters;
  int n = f->sel_ncases;
  Chan *prev = NULL;
  for (int k = 0; k < n; k++) {
    if (ws[k].chan != prev) {
      pthread_mutex_lock(&ws[k].chan->lock);
      prev = ws[k].chan;
    }
  }
  atomic_store(&f->select_done, 0);
  int fired = f->sel_fired;
  Waiter *win = NULL;
  for (int k = 0; k < n; k++) {
    Waiter *w = &ws[k];
    if (w->case_index == fired && !win) {
      win = w;                                   /* the waker unlinked it */
    } else {
      Chan *c = w->chan;
      waitq_remove(w->ok_slot ? &c->recvq : &c->sendq, w);
    }
  }
  bool send = win && win->ok_slot == NULL;
  bool ok = win && win->success;
  for (int k = n - 1; k >= 0; k--) {
    Chan *c = ws[k].chan;
    if (k > 0 && ws[k - 1].chan == c) continue;
    pthread_mutex_unlock(&c->lock);
  }
  /* forget the channels and the stack slots (the array is kept for reuse) */
  for (int k = 0; k < n; k++) {
    ws[k].fiber = NULL;
    ws[k].chan = NULL;
    ws[k].elem = NULL;
    ws[k].ok_slot = NULL;
    ws[k].next = ws[k].prev = NULL;
  }
  Value *vals = (Value *)(ws + n);
  for (int k = 0; k < n; k++) vals[k] = NIL_VAL;
  f->sel_ncases = 0;
  if (!win) vm_fatal("csp: select woken without a case");
  if (send && !ok) return select_panic(f, "send on closed channel");
  regs[0] = INT_VAL(fired);
  return CHAN_OK;
}

/* A Waiter array (plus one Value per waiter) for n cases, reusing f's. */
static Waiter *get_waiters(Fiber *f, int n) {
  size_t need = (size_t)n * (sizeof(Waiter) + sizeof(Value));
  Waiter *ws = f->sel_waiters;
  if (ws && GC_size(ws) >= need) {
    memset(ws, 0, need);
    return ws;
  }
  size_t sz = need < 4 * (sizeof(Waiter) + sizeof(Value)) ? 4 * (sizeof(Waiter) + sizeof(Value)) : need;
  ws = GC_MALLOC(sz);
  if (!ws) vm_fatal("runtime: out of memory");
  f->sel_waiters = ws;
  return ws;
}

int chan_select(Fiber *f, Value *regs, int ncases, bool has_default) {
  if (f->resumed) {
    f->resumed = 0;
    return select_finish(f, regs);
  }
  if (ncases > MAX_CASES) ncases = MAX_CASES;
  if (ncases == 0 && !has_default) return (f->wait_reason = WAIT_SELECT_NOCASES,
                                           f->wait_obj = NULL, f->park_unlock = NULL,
                                           CHAN_PARKED);
  uint64_t mask = regs[0].kind == VAL_INT ? (uint64_t)regs[0].as.i : 0;

  /* poll order: a random permutation of the cases with a channel (Go's
  ** insertion shuffle); nil channels never become ready. */
  int pollorder[MAX_CASES], lockorder[MAX_CASES];
  int np = 0;
  for (int i = 0; i < ncases; i++) {
    if (!case_chan(regs, i)) continue;
    int j = (int)sched_rand(f, (uint32_t)np + 1);
    pollorder[np] = pollorder[j];
    pollorder[j] = i;
    np++;
  }
  if (np == 0) {
    if (has_default) {
      regs[0] = INT_VAL(-1);
      return CHAN_OK;
    }
    f->wait_reason = WAIT_SELECT;    /* Go: cases, but all nil */
    f->wait_obj = NULL;
    f->park_unlock = NULL;
    return CHAN_PARKED;
  }
  memcpy(lockorder, pollorder, sizeof(int) * (size_t)np);
  sort_by_chan(lockorder, np, regs);

  /* allocate before locking: keep the critical section short */
  Waiter *ws = has_default ? NULL : get_waiters(f, np);

  lock_in_order(regs, lockorder, np);

  /* ---- pass 1: poll ---- */
  for (int k = 0; k < np; k++) {
    int i = pollorder[k];
    Chan *c = case_chan(regs, i);
    if (case_is_send(mask, i)) {
      if (c->closed) {
        unlock_in_order(regs, lockorder, np);
        return select_panic(f, "send on closed channel");
      }
      Waiter *w = waitq_dequeue(&c->recvq);
      if (w) {
        Value val = regs[4 + 2 * i];
        chan_coerce(c, &val);
        Fiber *r = w->fiber;
        if (w->elem) *w->elem = val;
        if (w->ok_slot) *w->ok_slot = BOOL_VAL(true);
        w->success = true;
        TRACE_SEND(f, c, val);
        TRACE_RECV(r, c, val);
        unlock_in_order(regs, lockorder, np);
        sched_ready(r);
        regs[0] = INT_VAL(i);
        return CHAN_OK;
      }
      if (c->qcount < c->cap) {
        Value val = regs[4 + 2 * i];
        chan_coerce(c, &val);
        c->buf[c->sendx] = val;
        if (++c->sendx == c->cap) c->sendx = 0;
        c->qcount++;
        TRACE_SEND(f, c, val);
        unlock_in_order(regs, lockorder, np);
        regs[0] = INT_VAL(i);
        return CHAN_OK;
      }
    } else {
      Waiter *w = waitq_dequeue(&c->sendq);
      if (w) {
        Fiber *s = w->fiber;
        Value val = chan_take_from_sender(c, w);
        TRACE_RECV(f, c, val);
        unlock_in_order(regs, lockorder, np);
        sched_ready(s);
        regs[1] = val;
        regs[2] = BOOL_VAL(true);
        regs[0] = INT_VAL(i);
        return CHAN_OK;
      }
      if (c->qcount > 0) {
        Value val = c->buf[c->recvx];
        c->buf[c->recvx] = NIL_VAL;
        if (++c->recvx == c->cap) c->recvx = 0;
        c->qcount--;
        TRACE_RECV(f, c, val);
        unlock_in_order(regs, lockorder, np);
        regs[1] = val;
        regs[2] = BOOL_VAL(true);
        regs[0] = INT_VAL(i);
        return CHAN_OK;
      }
      if (c->closed) {
        unlock_in_order(regs, lockorder, np);
        regs[1] = c->elem ? type_zero(c->elem) : NIL_VAL;
        regs[2] = BOOL_VAL(false);
        regs[0] = INT_VAL(i);
        return CHAN_OK;
      }
    }
  }

  if (has_default) {
    unlock_in_order(regs, lockorder, np);
    regs[0] = INT_VAL(-1);
    return CHAN_OK;
  }

  /* ---- pass 2: enqueue on every channel, in lock order, and park ---- */
  Value *vals = (Value *)(ws + np);
  atomic_store(&f->select_done, 0);
  for (int k = 0; k < np; k++) {
    int i = lockorder[k];
    Chan *c = case_chan(regs, i);
    Waiter *w = &ws[k];
    w->fiber = f;
    w->chan = c;
    w->case_index = i;
    w->is_select = true;
    w->success = false;
    if (case_is_send(mask, i)) {
      vals[k] = regs[4 + 2 * i];
      chan_coerce(c, &vals[k]);
      w->elem = &vals[k];
      w->ok_slot = NULL;                 /* NULL ok_slot marks a send case */
      waitq_enqueue(&c->sendq, w);
    } else {
      w->elem = &regs[1];
      w->ok_slot = &regs[2];
      waitq_enqueue(&c->recvq, w);
    }
  }
  f->sel_waiters = ws;
  f->sel_ncases = np;
  f->wait_reason = WAIT_SELECT;
  f->wait_obj = ws[0].chan;
  f->park_unlock = select_unlock;
  f->park_arg = f;
  return CHAN_PARKED;
}
