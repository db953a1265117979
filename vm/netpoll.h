/*
** netpoll.h -- the network poller: one epoll instance shared by all workers.
** Sockets are non-blocking; a goroutine whose read/write/accept/connect would
** block parks on its PollDesc (park protocol, fiber.h) and is readied when
** epoll reports readiness, when a deadline timer fires, or when the
** descriptor is closed. The scheduler (sched.c) lets one idle worker sleep in
** epoll_wait (netpoll_wait) instead of on its condition variable; an eventfd
** (netpoll_break) wakes it when other work arrives.
**
** Edge-triggered registration (EPOLLET), once per descriptor, for
** EPOLLIN|EPOLLOUT|EPOLLRDHUP. The invariant that makes it lossless: each
** direction has a sequence number bumped (under pd->lock) by every readiness
** event. An operation reads the sequence BEFORE its syscall; after EAGAIN it
** takes pd->lock and parks only if the sequence is unchanged -- an edge that
** arrived after the syscall started is seen, and the operation retries.
** A woken operation always retries the syscall (wake-ups may be spurious).
*/
#ifndef CSP_NETPOLL_H
#define CSP_NETPOLL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "vm/fiber.h"
#include "vm/sched.h"

enum { NP_READ = 0, NP_WRITE = 1 };

/* A fiber parked on one direction (several goroutines may wait on one
** descriptor, e.g. Accept in many goroutines: all are woken, all retry). */
typedef struct IoWaiter {
  Fiber *f;
  struct IoWaiter *next;
} IoWaiter;

typedef struct PollDir {
  uint32_t seq;          /* readiness events seen (pd->lock) */
  IoWaiter *waiters;     /* the parked fibers (pd->lock) */
  int64_t deadline;      /* sched_now() deadline, 0 = none (pd->lock) */
  Timer *timer;          /* the armed deadline timer of the current park */
} PollDir;

typedef struct PollDesc {
  pthread_mutex_t lock;
  int fd;
  uint32_t gen;          /* matches the epoll event's tag (fd reuse) */
  bool registered;       /* in epoll (false: not pollable, e.g. a regular file) */
  _Atomic bool closing;  /* Close was called: operations fail with ErrClosed */
  _Atomic int ops;       /* syscalls in progress; the fd is closed when 0 */
  _Atomic bool fd_closed;
  bool keep_fd;          /* do not close(2) the descriptor (stdin) */
  bool oneshot;          /* level/oneshot registration (stdin, not non-blocking) */
  PollDir dir[2];
  /* a restartable native's saved state (io.Copy/ReadAll over this fd) */
  Fiber *state_owner;
  void *state;
} PollDesc;

/* Register fd (already O_NONBLOCK unless oneshot) with the poller. Returns a
** PollDesc (registered == false if epoll refuses the fd). */
PollDesc *netpoll_open(int fd, bool oneshot);
/* The open PollDesc of fd, or NULL. */
PollDesc *netpoll_get(int fd);
/* Close: fail current and future operations, wake the waiters, unregister;
** the descriptor is closed once no syscall uses it. False if already closing. */
bool netpoll_close(PollDesc *pd);
/* Bracket a syscall on pd->fd: false if the descriptor is closing. */
bool netpoll_op_begin(PollDesc *pd);
void netpoll_op_end(PollDesc *pd);
static inline uint32_t netpoll_seq(PollDesc *pd, int mode) {
  return __atomic_load_n(&pd->dir[mode].seq, __ATOMIC_ACQUIRE);
}

/* After EAGAIN: park f until readiness, the deadline or close.
**   NP_PARKED  f is set up to park: the native returns NATIVE_PARK
**   NP_RETRY   an edge arrived since `seq`: retry the syscall now
**   NP_TIMEOUT the deadline has passed
**   NP_CLOSED  pd is closing */
enum { NP_PARKED, NP_RETRY, NP_TIMEOUT, NP_CLOSED };
int netpoll_park(PollDesc *pd, int mode, Fiber *f, uint32_t seq);
/* The same without parking: block this worker thread in poll(2) (for
** operations inside a callback from native code, which cannot park).
** Returns NP_RETRY, NP_TIMEOUT or NP_CLOSED. */
int netpoll_block(PollDesc *pd, int mode);
/* Has the deadline of this direction passed? */
bool netpoll_expired(PollDesc *pd, int mode);
/* Set a deadline (sched_now() ns, 0 = none); re-arms a parked waiter. */
void netpoll_set_deadline(PollDesc *pd, int mode, int64_t deadline);

/* ---- for the scheduler ---- */
/* Fibers are parked on I/O (an idle worker should sleep in epoll_wait). */
bool netpoll_active(void);
/* epoll_wait for up to timeout_ns (-1: forever, 0: poll) and ready the fibers
** whose descriptors are ready. Returns the number of fibers readied. */
int netpoll_wait(int64_t timeout_ns);
/* Wake the thread sleeping in netpoll_wait. */
void netpoll_break(void);

#endif
