/*
** fiber.h -- a goroutine: a GC-allocated object holding its own value stack,
** call frames, defer and panic state, and its scheduling links.
**
** States and the only transitions (Go's gopark/goready):
**
**     new --sched_spawn--> RUNNABLE --worker picks--> RUNNING
**     RUNNING --budget spent (VM_YIELD)--> RUNNABLE
**     RUNNING --park (VM_PARKED)--> WAITING --sched_ready--> RUNNABLE
**     RUNNING --returns/exits (VM_DONE)--> DEAD
**
** Park protocol. A blocking operation (channel op, select, a parking native):
**   1. takes the lock of what it waits on (channel, mutex, timer heap...),
**   2. queues a Waiter naming this fiber, sets f->wait_reason/wait_obj,
**   3. sets f->park_unlock/park_arg (what the worker must release), and returns
**      VM_PARKED with pc still AT the blocking instruction;
**   4. the worker, after vm_execute() returned (the fiber is off the CPU, all its
**      state saved), calls park_unlock(park_arg). Only then can a waker see it.
** The waker (holding the same lock) dequeues the Waiter, completes the operation
** for the sleeper (writes the received value into *w->elem, sets w->success),
** drops the lock, then calls sched_ready(f). The readied fiber re-executes the
** blocking instruction with f->resumed == 1: the instruction sees the operation
** was completed by the waker, clears f->resumed and moves on.
**
** Invariant: a WAITING fiber's stack is never reallocated (only a running fiber
** grows its own stack), so Waiter.elem may point into it.
*/
#ifndef CSP_FIBER_H
#define CSP_FIBER_H

#include <stdatomic.h>
#include <stdint.h>
#include "vm/object.h"
#include "vm/opcodes.h"

typedef enum FiberStatus {
  FIBER_RUNNABLE, FIBER_RUNNING, FIBER_WAITING, FIBER_DEAD
} FiberStatus;

/* Why a fiber waits: printed in the deadlock dump and by :goroutines exactly as
** Go prints it (wait_reason_string in sched.c). */
typedef enum WaitReason {
  WAIT_NONE,
  WAIT_CHAN_SEND,        /* "chan send" */
  WAIT_CHAN_RECV,        /* "chan receive" */
  WAIT_CHAN_SEND_NIL,    /* "chan send (nil chan)" */
  WAIT_CHAN_RECV_NIL,    /* "chan receive (nil chan)" */
  WAIT_SELECT,           /* "select" */
  WAIT_SELECT_NOCASES,   /* "select (no cases)" */
  WAIT_SLEEP,            /* "sleep" */
  WAIT_WAITGROUP,        /* "sync.WaitGroup.Wait" */
  WAIT_MUTEX,            /* "sync.Mutex.Lock" */
  WAIT_RWMUTEX_R,        /* "sync.RWMutex.RLock" */
  WAIT_RWMUTEX_W,        /* "sync.RWMutex.Lock" */
  WAIT_COND,             /* "sync.Cond.Wait" */
  WAIT_IO,               /* "IO wait" */
  WAIT_REPL,             /* internal: the REPL's main fiber between inputs */
  WAIT_REASON_COUNT
} WaitReason;

typedef struct Chan Chan;

/* A Waiter is Go's sudog: one fiber waiting in one queue. A fiber embeds one for
** plain channel ops; select allocates one per case. Fields other than the links
** are protected by the lock of the queue the waiter is in. */
typedef struct Waiter {
  struct Fiber *fiber;
  struct Waiter *next, *prev;  /* WaitQ links (doubly linked: select unlinks from the middle) */
  Chan *chan;
  Value *elem;        /* send: the value to send; recv: where to store the value (may be NULL) */
  Value *ok_slot;     /* recv: where to store ok (NULL if not wanted) */
  int case_index;     /* select: which case */
  bool is_select;
  bool success;       /* true: completed by a partner; false: woken by close */
  uint64_t ticket;    /* for the teaching tools: message id (trace hooks) */
} Waiter;

typedef struct WaitQ {
  Waiter *first, *last;
} WaitQ;

typedef struct Defer {
  Value fn;
  Value *args;
  int nargs;
  bool spread;
  struct Defer *next;   /* LIFO */
} Defer;

/* frame flags */
enum {
  FRAME_C_BOUNDARY = 1,  /* entered from C by vm_call(): returning ends that vm_call */
  FRAME_DEFERRED   = 2,  /* this frame is a deferred call run by RUNDEFERS/unwinding */
  FRAME_PANICKING  = 4,  /* this frame is unwinding: after each deferred call
                            returns, continue the panic (or stop it if recovered) */
  FRAME_GO_ENTRY   = 8,  /* bottom frame of a goroutine */
};

typedef struct CallFrame {
  ObjClosure *cl;
  const Instr *pc;       /* saved program counter (next instruction) when not running */
  uint32_t base;         /* stack index of R[0] */
  uint32_t ret;          /* stack index where results go (the caller's R[A]) */
  int16_t nresults;      /* results wanted by the caller, -1 = all (sets top) */
  uint8_t flags;
  Defer *defers;
} CallFrame;

typedef struct PanicRec {
  Value value;
  bool recovered;
  bool is_runtime_error;    /* runtime.Error (prints "panic: runtime error: ...") */
  struct PanicRec *link;    /* an earlier panic this one interrupted */
  int line;                 /* where it was raised, for the trace */
} PanicRec;

typedef struct Fiber {
  /* ---- execution state (touched only by the worker running the fiber) ---- */
  Value *stack;            /* GC_MALLOC'd; grows by reallocation (copy) */
  uint32_t stack_cap;
  uint32_t top;            /* multi-result top (CALL C=0 / RETURN B=0) */
  CallFrame *frames;
  int nframes, frames_cap;
  PanicRec *panic;         /* current panic, NULL if none */
  Value res[NATIVE_MAX_RESULTS]; /* natives' result scratch buffer */
  uint8_t resumed;         /* set when readied after a park: the blocking op completes */
  int native_phase;        /* a parking native's state across parks; 0 on a fresh call */
  int c_depth;             /* nesting of vm_call() from natives */
  uint32_t wake_status;    /* set by the waker: e.g. CHAN_WAKE_CLOSED for a send */

  /* ---- identity and scheduling ---- */
  int64_t id;              /* goroutine id: main is 1 */
  _Atomic int status;      /* FiberStatus */
  WaitReason wait_reason;
  void *wait_obj;          /* the Chan / mutex waited on (dump, teaching tools) */
  int wait_line;           /* source line of the blocking op (dump) */
  struct Fiber *schednext; /* intrusive run-queue link */
  struct Fiber *allnext, *allprev; /* all-goroutines list (sched.c, under its lock) */
  void (*park_unlock)(void *);     /* see the park protocol */
  void *park_arg;
  WaitQ *park_q;           /* sync parks (stdlib/sync.c): the wait queue holding f->waiter,
                              set under that queue's lock, cleared by the waker that
                              dequeues it (under the lock) or by vm_cancel_park */
  int64_t sleep_until;     /* ns deadline for WAIT_SLEEP (monotonic or virtual clock) */
  int64_t created_line;    /* where `go` was executed (traceback "created by") */
  const char *created_by;  /* function that executed `go` */

  /* ---- channel / select waiting ---- */
  Waiter waiter;           /* the embedded waiter for a plain channel op */
  Waiter *sel_waiters;     /* select: one per case while parked */
  int sel_ncases;
  _Atomic uint32_t select_done; /* CAS 0->1 by the one waker that wins a select */
  int sel_fired;           /* select: the case that completed */

  /* ---- per-fiber extras ---- */
  uint64_t rng;            /* fast PRNG state (select order, map of rand) */
  void *user;              /* free for the REPL/teaching tools */
  _Atomic bool doomed;     /* REPL: an interrupted input left parked on a lock
                              (SESSION_DETACHED); sched.c kills it at its next
                              yield or cancellable park (session_step) */
} Fiber;

#endif
