/*
** chan.h -- channels, Go's hchan: a lock, a ring buffer, FIFO queues of waiting
** fibers, and a closed flag.
**
** Invariants (Go's chan.go):
**   - At least one of c->sendq and c->recvq is empty, except for an unbuffered
**     channel with a single goroutine blocked in select on both send and receive.
**   - For buffered channels: qcount > 0 implies recvq is empty;
**     qcount < cap implies sendq is empty.
**   - lock protects every field of the channel and the Waiters queued on it.
**
** The channel operations run inside the VM's opcodes. Each returns CHAN_OK,
** CHAN_PARKED (the fiber queued itself; the VM returns VM_PARKED and the worker
** unlocks the channel through f->park_unlock) or CHAN_PANIC (f->panic is set).
** They implement the park protocol (fiber.h): when called with f->resumed set,
** they finish the operation the waker completed (or panic: send on a channel
** that was closed while the sender waited).
*/
#ifndef CSP_CHAN_H
#define CSP_CHAN_H

#include <pthread.h>
#include "vm/fiber.h"

enum { CHAN_OK = 0, CHAN_PARKED = 1, CHAN_PANIC = 2 };

struct Chan {
  pthread_mutex_t lock;
  Type *elem;            /* element type (zero value on receive from closed) */
  int64_t cap;           /* dataqsiz */
  int64_t qcount;
  int64_t sendx, recvx;
  Value *buf;            /* cap slots, GC_MALLOC'd */
  bool closed;
  WaitQ recvq, sendq;
  /* teaching tools: where it was made, who closed it */
  int made_line;
  const char *made_file;
  int closed_line;
  int64_t closed_by;
  uint64_t id;
};

Chan *chan_new(Type *elem, int64_t cap);
int chan_send(Fiber *f, Chan *c, Value *v);                 /* c may be NULL: blocks forever */
int chan_recv(Fiber *f, Chan *c, Value *dst, Value *ok);    /* ok may be NULL */
int chan_close(Fiber *f, Chan *c);
int64_t chan_len(Chan *c);
int64_t chan_cap(Chan *c);
/* OP_SELECT: regs = &R[A], layout as documented in opcodes.h. */
int chan_select(Fiber *f, Value *regs, int ncases, bool has_default);
/* Non-blocking helpers for natives (time.Ticker/Timer delivery, context):
** try to send without blocking; returns false if it would block. */
bool chan_try_send(Chan *c, Value v);

#endif
