/*
** netpoll.c -- the epoll network poller (see netpoll.h for the protocol and
** the edge-triggered invariant).
**
** Memory: epoll keeps no GC pointer. Events carry (generation << 32 | fd) and
** are looked up in `table`, a GC-visible array indexed by fd that keeps every
** open PollDesc alive until its descriptor is closed; a stale event (the fd
** was closed and reused) has the wrong generation and is dropped.
**
** Lock rules:
**   - pd->lock protects dir[].seq/waiters/deadline/timer and the state fields.
**     It may be held while arming a timer (timer lock, then the scheduler
**     lock): nothing holds the scheduler lock or the timer lock while taking
**     a pd->lock (netpoll_wait runs with no scheduler lock held; timer
**     callbacks run with no lock held).
**   - A waker takes the waiters under pd->lock, drops it, then sched_ready()s.
**   - tab_lock protects table/table_cap; a leaf.
**   - np_waiters counts fibers parked here (they keep the program alive for
**     the deadlock check, which sees them as WAIT_IO).
*/
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/netpoll.h"

#define BREAK_TAG UINT64_MAX
#define MAX_EVENTS 256

static pthread_once_t np_once = PTHREAD_ONCE_INIT;
static int epfd = -1, evfd = -1;
static _Atomic int np_waiters;
static _Atomic uint32_t np_gen;

static pthread_mutex_t tab_lock = PTHREAD_MUTEX_INITIALIZER;
static PollDesc **volatile table;   /* GC root: [fd] -> open PollDesc */
static int table_cap;

static void np_init(void) {
  epfd = epoll_create1(EPOLL_CLOEXEC);
  evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epfd < 0 || evfd < 0) {
    fprintf(stderr, "fatal error: csp: cannot create the network poller: %s\n", strerror(errno));
    _exit(2);
  }
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = BREAK_TAG};
  epoll_ctl(epfd, EPOLL_CTL_ADD, evfd, &ev);
}

static void table_put(int fd, PollDesc *pd) {
  pthread_mutex_lock(&tab_lock);
  if (fd >= table_cap) {
    int ncap = table_cap ? table_cap : 64;
    while (ncap <= fd) ncap *= 2;
    PollDesc **nt = NEW_ARRAY(PollDesc *, ncap);
    for (int i = 0; i < table_cap; i++) nt[i] = table[i];
    table = nt;
    table_cap = ncap;
  }
  table[fd] = pd;
  pthread_mutex_unlock(&tab_lock);
}

static PollDesc *table_get(int fd, uint32_t gen) {
  PollDesc *pd = NULL;
  pthread_mutex_lock(&tab_lock);
  if (fd >= 0 && fd < table_cap) pd = table[fd];
  pthread_mutex_unlock(&tab_lock);
  return pd && pd->gen == gen ? pd : NULL;
}

PollDesc *netpoll_get(int fd) {
  PollDesc *pd = NULL;
  pthread_mutex_lock(&tab_lock);
  if (fd >= 0 && fd < table_cap) pd = table[fd];
  pthread_mutex_unlock(&tab_lock);
  return pd;
}

static void table_drop(PollDesc *pd) {
  pthread_mutex_lock(&tab_lock);
  if (pd->fd >= 0 && pd->fd < table_cap && table[pd->fd] == pd) table[pd->fd] = NULL;
  pthread_mutex_unlock(&tab_lock);
}

PollDesc *netpoll_open(int fd, bool oneshot) {
  pthread_once(&np_once, np_init);
  PollDesc *pd = NEW(PollDesc);
  pthread_mutex_init(&pd->lock, NULL);
  pd->fd = fd;
  pd->oneshot = oneshot;
  pd->gen = atomic_fetch_add(&np_gen, 1) + 1;
  table_put(fd, pd);
  struct epoll_event ev;
  ev.events = oneshot ? (EPOLLIN | EPOLLONESHOT)
                      : (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET);
  ev.data.u64 = ((uint64_t)pd->gen << 32) | (uint32_t)fd;
  pd->registered = epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == 0;
  if (!pd->registered) table_drop(pd);
  return pd;
}

/* The last user of a closing descriptor closes it (exactly once). */
static void final_close(PollDesc *pd) {
  bool expect = false;
  if (!atomic_compare_exchange_strong(&pd->fd_closed, &expect, true)) return;
  if (pd->registered) epoll_ctl(epfd, EPOLL_CTL_DEL, pd->fd, NULL);
  table_drop(pd);
  if (!pd->keep_fd) close(pd->fd);
}

bool netpoll_op_begin(PollDesc *pd) {
  atomic_fetch_add(&pd->ops, 1);
  if (atomic_load(&pd->closing)) {
    netpoll_op_end(pd);
    return false;
  }
  return true;
}

void netpoll_op_end(PollDesc *pd) {
  if (atomic_fetch_sub(&pd->ops, 1) == 1 && atomic_load(&pd->closing)) final_close(pd);
}

/* Take the waiters of one direction (pd->lock held), and its timer. */
static IoWaiter *take_waiter_locked(PollDesc *pd, int mode, Timer **t) {
  PollDir *d = &pd->dir[mode];
  IoWaiter *w = d->waiters;
  *t = d->timer;
  d->waiters = NULL;
  d->timer = NULL;
  return w;
}

static int wake(IoWaiter *w, Timer *t) {
  if (t) timer_stop(t);
  int n = 0;
  for (; w; w = w->next, n++) {
    atomic_fetch_sub(&np_waiters, 1);
    sched_ready(w->f);
  }
  return n;
}

bool netpoll_close(PollDesc *pd) {
  bool expect = false;
  if (!atomic_compare_exchange_strong(&pd->closing, &expect, true)) return false;
  IoWaiter *w[2];
  Timer *t[2];
  pthread_mutex_lock(&pd->lock);
  for (int m = 0; m < 2; m++) w[m] = take_waiter_locked(pd, m, &t[m]);
  pthread_mutex_unlock(&pd->lock);
  for (int m = 0; m < 2; m++) wake(w[m], t[m]);
  atomic_fetch_add(&pd->ops, 1);
  netpoll_op_end(pd);
  return true;
}

/* A deadline timer of one park. */
typedef struct DeadlineTimer {
  Timer t;          /* first: the heap holds &t */
  PollDesc *pd;
  int mode;
} DeadlineTimer;

static void deadline_fire(Timer *t, void *arg) {
  DeadlineTimer *dt = arg;
  PollDesc *pd = dt->pd;
  IoWaiter *w = NULL;
  pthread_mutex_lock(&pd->lock);
  PollDir *d = &pd->dir[dt->mode];
  if (d->timer == t) {
    w = d->waiters;
    d->waiters = NULL;
    d->timer = NULL;
  }
  pthread_mutex_unlock(&pd->lock);
  wake(w, NULL);
}

/* pd->lock held: arm the deadline timer of the parked waiter of `mode`. */
static void arm_locked(PollDesc *pd, int mode) {
  PollDir *d = &pd->dir[mode];
  DeadlineTimer *dt = NEW(DeadlineTimer);
  dt->t.when = d->deadline;
  dt->t.fn = deadline_fire;
  dt->t.arg = dt;
  dt->t.heap_index = -1;
  dt->pd = pd;
  dt->mode = mode;
  d->timer = &dt->t;
  timer_start(&dt->t);
}

static void unlock_pd(void *arg) {
  pthread_mutex_unlock(&((PollDesc *)arg)->lock);
}

bool netpoll_expired(PollDesc *pd, int mode) {
  int64_t dl = __atomic_load_n(&pd->dir[mode].deadline, __ATOMIC_ACQUIRE);
  return dl > 0 && sched_now() >= dl;
}

int netpoll_park(PollDesc *pd, int mode, Fiber *f, uint32_t seq) {
  pthread_mutex_lock(&pd->lock);
  PollDir *d = &pd->dir[mode];
  int rc = -1;
  if (atomic_load(&pd->closing)) rc = NP_CLOSED;
  else if (d->deadline > 0 && sched_now() >= d->deadline) rc = NP_TIMEOUT;
  else if (d->seq != seq || !pd->registered) rc = NP_RETRY;
  if (rc >= 0) {
    pthread_mutex_unlock(&pd->lock);
    return rc;
  }
  if (pd->oneshot) {
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT,
                             .data.u64 = ((uint64_t)pd->gen << 32) | (uint32_t)pd->fd};
    epoll_ctl(epfd, EPOLL_CTL_MOD, pd->fd, &ev);
  }
  IoWaiter *iw = NEW(IoWaiter);
  iw->f = f;
  iw->next = d->waiters;
  d->waiters = iw;
  atomic_fetch_add(&np_waiters, 1);
  f->wait_reason = WAIT_IO;
  f->wait_obj = pd;
  if (d->deadline > 0 && !d->timer) arm_locked(pd, mode);
  f->park_unlock = unlock_pd;
  f->park_arg = pd;
  return NP_PARKED;
}

int netpoll_block(PollDesc *pd, int mode) {
  for (;;) {
    if (atomic_load(&pd->closing)) return NP_CLOSED;
    int64_t dl = __atomic_load_n(&pd->dir[mode].deadline, __ATOMIC_ACQUIRE);
    int ms = 100;    /* re-check closing now and then */
    if (dl > 0) {
      int64_t left = dl - sched_now();
      if (left <= 0) return NP_TIMEOUT;
      if (left / 1000000 + 1 < ms) ms = (int)(left / 1000000 + 1);
    }
    struct pollfd p = {.fd = pd->fd, .events = mode == NP_READ ? POLLIN : POLLOUT};
    int n = poll(&p, 1, ms);
    if (n > 0) return NP_RETRY;
    if (n < 0 && errno != EINTR) return NP_RETRY;
  }
}

void netpoll_set_deadline(PollDesc *pd, int mode, int64_t deadline) {
  IoWaiter *w = NULL;
  Timer *old = NULL;
  pthread_mutex_lock(&pd->lock);
  PollDir *d = &pd->dir[mode];
  __atomic_store_n(&d->deadline, deadline, __ATOMIC_RELEASE);
  if (d->waiters) {
    old = d->timer;
    d->timer = NULL;
    if (deadline > 0 && sched_now() >= deadline) {
      w = d->waiters;              /* already expired: wake them to time out */
      d->waiters = NULL;
    } else if (deadline > 0) {
      arm_locked(pd, mode);
    }
  }
  pthread_mutex_unlock(&pd->lock);
  if (old) timer_stop(old);
  wake(w, NULL);
}

bool netpoll_active(void) {
  return epfd >= 0 && atomic_load_explicit(&np_waiters, memory_order_acquire) > 0;
}

void netpoll_break(void) {
  if (evfd < 0) return;
  uint64_t one = 1;
  ssize_t r = write(evfd, &one, sizeof one);
  (void)r;
}

/* One direction of pd became ready: bump its sequence, wake its waiter. */
static int ready_dir(PollDesc *pd, int mode) {
  Timer *t;
  pthread_mutex_lock(&pd->lock);
  pd->dir[mode].seq++;
  IoWaiter *w = take_waiter_locked(pd, mode, &t);
  pthread_mutex_unlock(&pd->lock);
  return wake(w, t);
}

int netpoll_wait(int64_t timeout_ns) {
  if (epfd < 0) return 0;
  int ms;
  if (timeout_ns < 0) ms = -1;
  else if (timeout_ns == 0) ms = 0;
  else if (timeout_ns > 3600LL * 1000000000LL) ms = 3600 * 1000;
  else ms = (int)((timeout_ns + 999999) / 1000000);
  struct epoll_event evs[MAX_EVENTS];
  int n = epoll_wait(epfd, evs, MAX_EVENTS, ms);
  int readied = 0;
  for (int i = 0; i < n; i++) {
    uint64_t tag = evs[i].data.u64;
    if (tag == BREAK_TAG) {
      /* Only a blocking poll drains the wake-up: a busy worker's 0-timeout
      ** poll must leave it for the idle worker sleeping in epoll_wait, or
      ** that worker sleeps on past the wake meant for it (the event is
      ** level-triggered, so it stays visible until drained). */
      if (timeout_ns != 0) {
        uint64_t v;
        ssize_t r = read(evfd, &v, sizeof v);
        (void)r;
      }
      continue;
    }
    PollDesc *pd = table_get((int)(uint32_t)tag, (uint32_t)(tag >> 32));
    if (!pd) continue;
    uint32_t e = evs[i].events;
    if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) readied += ready_dir(pd, NP_READ);
    if (e & (EPOLLOUT | EPOLLHUP | EPOLLERR)) readied += ready_dir(pd, NP_WRITE);
  }
  return readied;
}
