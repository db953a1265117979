/*
** chan.c -- channels (Go's runtime/chan.go): a lock, a ring buffer, FIFO wait
** queues of Waiters (sudogs), a closed flag. The invariants are in chan.h.
**
** Lock rules:
**   - c->lock protects every field of c and of the Waiters queued on c
**     (links, elem/ok targets, success). A select's Waiters are additionally
**     claimed by a CAS on their fiber's select_done (waitq_dequeue), so a
**     fiber waiting on several channels is woken exactly once.
**   - A blocking operation returns CHAN_PARKED with c->lock STILL HELD; the
**     worker releases it through f->park_unlock once the fiber is off the CPU
**     (the park protocol, fiber.h).
**   - Wakers complete the sleeper's operation under c->lock (write the value
**     into *w->elem, set w->success), drop the lock, and only then call
**     sched_ready(). close readies everyone after unlocking.
**   - Only the channel lock is held while touching a channel; no other lock is
**     taken under it except the GC's (allocation of zero values).
*/
#include <pthread.h>
#include <stdatomic.h>
#include "vm/gc.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/vm.h"
#include "vm/api.h"
#include "vm/trace.h"

/* ====================================================================
** wait queues (shared with select.c and the sync package)
** ==================================================================== */

void waitq_enqueue(WaitQ *q, Waiter *w) {
  w->next = NULL;
  w->prev = q->last;
  if (q->last) q->last->next = w;
  else q->first = w;
  q->last = w;
}

/* Unlink w from q if it is still there (Go's dequeueSudoG): a waiter that
** waitq_dequeue already removed has prev == next == NULL and is not first. */
void waitq_remove(WaitQ *q, Waiter *w) {
  Waiter *x = w->prev, *y = w->next;
  if (x) {
    if (y) {
      x->next = y;
      y->prev = x;
      w->next = w->prev = NULL;
      return;
    }
    x->next = NULL;          /* end of queue */
    q->last = x;
    w->prev = NULL;
    return;
  }
  if (y) {                   /* start of queue */
    y->prev = NULL;
    q->first = y;
    w->next = NULL;
    return;
  }
  if (q->first == w) {       /* the only element */
    q->first = NULL;
    q->last = NULL;
  }
}

/* Pop the first waiter that can still be woken. A select waiter whose fiber
** was already claimed through another case is dropped (Go: selectDone CAS).
** The winner's fiber gets sel_fired = the waiter's case. */
Waiter *waitq_dequeue(WaitQ *q) {
  for (;;) {
    Waiter *w = q->first;
    if (!w) return NULL;
    Waiter *y = w->next;
    if (!y) {
      q->first = NULL;
      q->last = NULL;
    } else {
      y->prev = NULL;
      q->first = y;
      w->next = NULL;
    }
    if (w->is_select) {
      uint32_t zero = 0;
      if (!atomic_compare_exchange_strong(&w->fiber->select_done, &zero, 1)) continue;
      w->fiber->sel_fired = w->case_index;
    }
    return w;
  }
}

/* ====================================================================
** helpers
** ==================================================================== */

static _Atomic uint64_t chan_ids;
static pthread_mutexattr_t chan_mutex_attr;
static pthread_once_t chan_attr_once = PTHREAD_ONCE_INIT;

static void chan_attr_init(void) {
  pthread_mutexattr_init(&chan_mutex_attr);
#ifdef PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP
  /* spins briefly before sleeping: channel critical sections are tiny */
  pthread_mutexattr_settype(&chan_mutex_attr, PTHREAD_MUTEX_ADAPTIVE_NP);
#endif
}

Chan *chan_new(Type *elem, int64_t cap) {
  pthread_once(&chan_attr_once, chan_attr_init);
  Chan *c = NEW(Chan);
  pthread_mutex_init(&c->lock, &chan_mutex_attr);
  c->elem = elem;
  c->cap = cap < 0 ? 0 : cap;
  if (c->cap > 0) {
    c->buf = NEW_ARRAY(Value, c->cap);
    if (!c->buf) vm_fatal("runtime: out of memory allocating a channel buffer of %lld elements",
                          (long long)c->cap);
  }
  c->id = atomic_fetch_add_explicit(&chan_ids, 1, memory_order_relaxed) + 1;
  return c;
}

static void chan_unlock_cb(void *arg) {
  pthread_mutex_unlock(&((Chan *)arg)->lock);
}

/* The zero value of c's element type (receive from a closed channel). */
static inline Value chan_zero(Chan *c) {
  return c->elem ? type_zero(c->elem) : NIL_VAL;
}

/* Go's channel ops panic with plain runtime errors whose text has no
** "runtime error: " prefix. */
static int chan_panic(Fiber *f, const char *msg) {
  vm_panic_value(f, api_runtime_error_new(msg));
  return CHAN_PANIC;
}

/* Adapt a value to the channel's element type, as a store into a typed slot
** does (cross-cutting semantics): untyped int constants into float channels
** become floats, basic values take the element's named/sized type id, and
** structs/arrays are copied (value semantics). Returns true if changed. */
bool chan_coerce(const Chan *c, Value *v) {
  const Type *t = c->elem;
  if (!t) return false;
  switch (v->kind) {
  case VAL_INT:
    if (t->kind == TY_FLOAT64 || t->kind == TY_FLOAT32) {
      Value nv = FLOAT_VAL((double)v->as.i);
      nv.aux = t->id;
      *v = nv;
      return true;
    }
    if (v->aux == 0 && t->id != 0 && t->kind >= TY_INT && t->kind <= TY_UINTPTR) {
      v->aux = t->id;
      return true;
    }
    return false;
  case VAL_FLOAT:
    if (v->aux == 0 && t->id != 0 && (t->kind == TY_FLOAT64 || t->kind == TY_FLOAT32)) {
      v->aux = t->id;
      return true;
    }
    return false;
  case VAL_STR:
    if (v->aux == 0 && t->id != 0 && t->kind == TY_STRING) {
      v->aux = t->id;
      return true;
    }
    return false;
  case VAL_BOOL:
    if (v->aux == 0 && t->id != 0 && t->kind == TY_BOOL) {
      v->aux = t->id;
      return true;
    }
    return false;
  case VAL_STRUCT:
  case VAL_ARRAY:
    *v = value_copy(*v);
    return true;
  default:
    return false;
  }
}

/* Park forever (nil channel, select with only nil channels, select {}). */
static int park_forever(Fiber *f, WaitReason r) {
  f->wait_reason = r;
  f->wait_obj = NULL;
  f->park_unlock = NULL;
  f->park_arg = NULL;
  return CHAN_PARKED;
}

/* ====================================================================
** send
** ==================================================================== */

int chan_send(Fiber *f, Chan *c, Value *v) {
  if (f->resumed) {
    /* readied by a receiver (success) or by close (panic, as Go does) */
    f->resumed = 0;
    if (!f->waiter.success) return chan_panic(f, "send on closed channel");
    return CHAN_OK;
  }
  if (!c) return park_forever(f, WAIT_CHAN_SEND_NIL);
  Value val = *v;
  bool changed = chan_coerce(c, &val);

  pthread_mutex_lock(&c->lock);
  if (c->closed) {
    pthread_mutex_unlock(&c->lock);
    return chan_panic(f, "send on closed channel");
  }
  Waiter *w = waitq_dequeue(&c->recvq);
  if (w) {
    /* a receiver is waiting: hand the value straight to it */
    Fiber *r = w->fiber;
    if (w->elem) *w->elem = val;
    if (w->ok_slot) *w->ok_slot = BOOL_VAL(true);
    w->success = true;
    TRACE_SEND(f, c, val);
    TRACE_RECV(r, c, val);
    pthread_mutex_unlock(&c->lock);
    sched_ready(r);
    return CHAN_OK;
  }
  if (c->qcount < c->cap) {
    c->buf[c->sendx] = val;
    if (++c->sendx == c->cap) c->sendx = 0;
    c->qcount++;
    TRACE_SEND(f, c, val);
    pthread_mutex_unlock(&c->lock);
    return CHAN_OK;
  }
  /* block: the receiver that takes us reads *w->elem while we sleep. A
  ** coerced value needs a home that outlives this call: the fiber's native
  ** scratch buffer is free while it is parked in a SEND. */
  w = &f->waiter;
  if (changed) {
    f->res[NATIVE_MAX_RESULTS - 1] = val;
    w->elem = &f->res[NATIVE_MAX_RESULTS - 1];
  } else {
    w->elem = v;   /* the register: a WAITING fiber's stack never moves */
  }
  w->fiber = f;
  w->chan = c;
  w->ok_slot = NULL;
  w->case_index = 0;
  w->is_select = false;
  w->success = false;
  waitq_enqueue(&c->sendq, w);
  f->wait_reason = WAIT_CHAN_SEND;
  f->wait_obj = c;
  f->park_unlock = chan_unlock_cb;
  f->park_arg = c;
  return CHAN_PARKED;
}

bool chan_try_send(Chan *c, Value v) {
  if (!c) return false;
  chan_coerce(c, &v);
  pthread_mutex_lock(&c->lock);
  if (c->closed) {
    pthread_mutex_unlock(&c->lock);
    return false;
  }
  Waiter *w = waitq_dequeue(&c->recvq);
  if (w) {
    Fiber *r = w->fiber;
    if (w->elem) *w->elem = v;
    if (w->ok_slot) *w->ok_slot = BOOL_VAL(true);
    w->success = true;
    TRACE_SEND(NULL, c, v);
    TRACE_RECV(r, c, v);
    pthread_mutex_unlock(&c->lock);
    sched_ready(r);
    return true;
  }
  if (c->qcount < c->cap) {
    c->buf[c->sendx] = v;
    if (++c->sendx == c->cap) c->sendx = 0;
    c->qcount++;
    TRACE_SEND(NULL, c, v);
    pthread_mutex_unlock(&c->lock);
    return true;
  }
  pthread_mutex_unlock(&c->lock);
  return false;
}

/* ====================================================================
** receive
** ==================================================================== */

/* c->lock held, w a dequeued sender: take its value (Go's recv()). For a
** buffered channel (then full) take the head and put the sender's value at
** the tail. */
Value chan_take_from_sender(Chan *c, Waiter *w) {
  Value val;
  if (c->cap == 0) {
    val = *w->elem;
  } else {
    val = c->buf[c->recvx];
    c->buf[c->recvx] = *w->elem;
    if (++c->recvx == c->cap) c->recvx = 0;
    c->sendx = c->recvx;
  }
  w->success = true;
  return val;
}

int chan_recv(Fiber *f, Chan *c, Value *dst, Value *ok) {
  if (f->resumed) {
    /* the sender (or close) already wrote *dst and *ok */
    f->resumed = 0;
    return CHAN_OK;
  }
  if (!c) return park_forever(f, WAIT_CHAN_RECV_NIL);

  pthread_mutex_lock(&c->lock);
  if (c->closed && c->qcount == 0) {
    pthread_mutex_unlock(&c->lock);
    if (dst) *dst = chan_zero(c);
    if (ok) *ok = BOOL_VAL(false);
    return CHAN_OK;
  }
  Waiter *w = waitq_dequeue(&c->sendq);
  if (w) {
    Fiber *s = w->fiber;
    Value val = chan_take_from_sender(c, w);
    TRACE_RECV(f, c, val);
    pthread_mutex_unlock(&c->lock);
    if (dst) *dst = val;
    if (ok) *ok = BOOL_VAL(true);
    sched_ready(s);
    return CHAN_OK;
  }
  if (c->qcount > 0) {
    Value val = c->buf[c->recvx];
    c->buf[c->recvx] = NIL_VAL;           /* drop the reference for the GC */
    if (++c->recvx == c->cap) c->recvx = 0;
    c->qcount--;
    TRACE_RECV(f, c, val);
    pthread_mutex_unlock(&c->lock);
    if (dst) *dst = val;
    if (ok) *ok = BOOL_VAL(true);
    return CHAN_OK;
  }
  /* block: a sender writes straight into *dst (a register) */
  w = &f->waiter;
  w->fiber = f;
  w->chan = c;
  w->elem = dst;
  w->ok_slot = ok;
  w->case_index = 0;
  w->is_select = false;
  w->success = false;
  waitq_enqueue(&c->recvq, w);
  f->wait_reason = WAIT_CHAN_RECV;
  f->wait_obj = c;
  f->park_unlock = chan_unlock_cb;
  f->park_arg = c;
  return CHAN_PARKED;
}

/* ====================================================================
** close
** ==================================================================== */

int chan_close(Fiber *f, Chan *c) {
  if (!c) return chan_panic(f, "close of nil channel");
  pthread_mutex_lock(&c->lock);
  if (c->closed) {
    pthread_mutex_unlock(&c->lock);
    return chan_panic(f, "close of closed channel");
  }
  c->closed = true;
  if (f) {
    c->closed_by = f->id;
    c->closed_line = vm_current_line(f);
  }
  TRACE_CLOSE(f, c);
  /* Collect every waiter (through the fibers' schednext: a WAITING fiber is
  ** on no run queue) and ready them after unlocking. */
  Fiber *head = NULL, *tail = NULL;
  Waiter *w;
  while ((w = waitq_dequeue(&c->recvq)) != NULL) {
    if (w->elem) *w->elem = chan_zero(c);
    if (w->ok_slot) *w->ok_slot = BOOL_VAL(false);
    w->success = false;
    Fiber *g = w->fiber;
    g->schednext = NULL;
    if (tail) tail->schednext = g;
    else head = g;
    tail = g;
  }
  while ((w = waitq_dequeue(&c->sendq)) != NULL) {
    w->success = false;       /* the sender panics when it resumes */
    Fiber *g = w->fiber;
    g->schednext = NULL;
    if (tail) tail->schednext = g;
    else head = g;
    tail = g;
  }
  pthread_mutex_unlock(&c->lock);
  while (head) {
    Fiber *next = head->schednext;
    head->schednext = NULL;
    sched_ready(head);
    head = next;
  }
  return CHAN_OK;
}

int64_t chan_len(Chan *c) {
  if (!c) return 0;
  return __atomic_load_n(&c->qcount, __ATOMIC_RELAXED);
}

int64_t chan_cap(Chan *c) {
  return c ? c->cap : 0;
}
