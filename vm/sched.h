/*
** sched.h -- the M:N scheduler: N worker OS threads run many fibers.
**
** Shape (Go's runtime is the model): each worker has a local run queue (a ring)
** and a `runnext` slot; there is a global queue; idle workers steal, then sleep
** on a condition variable (or in epoll_wait once the poller exists) -- never
** spin. Timers live in a heap owned by the scheduler. Deterministic mode
** (--seed) runs one worker, draws every choice from a seeded PRNG and uses
** virtual time. Every event of interest goes through the trace hooks in
** vm/trace.h, which cost one predictable branch when tracing is off.
**
** Deadlock: when every worker is idle, all queues are empty, no timer is pending
** and no fiber waits on I/O, no fiber can ever run again: print Go's
** "fatal error: all goroutines are asleep - deadlock!", a blank line, each
** goroutine ("goroutine 1 [chan receive]:" + its csp stack), and exit 2.
*/
#ifndef CSP_SCHED_H
#define CSP_SCHED_H

#include <stdio.h>
#include "vm/fiber.h"

typedef struct SchedConfig {
  int procs;                 /* workers; 0 = CSPMAXPROCS env or number of cores */
  bool deterministic;        /* --seed: one worker, PRNG choices, virtual time */
  uint64_t seed;
  int budget;                /* instruction units per time slice (0 = default) */
  int64_t max_goroutines;    /* 0 = unlimited (--max-goroutines) */
  int64_t timeout_ns;        /* 0 = none (--timeout) */
} SchedConfig;

void sched_init(const SchedConfig *cfg);
/* Run `main_fiber` (id 1) and everything it starts until main returns, exits,
** panics or deadlocks. Returns the process exit status (0, 2, or os.Exit's). */
int sched_run_main(Fiber *main_fiber);
/* Make a new fiber runnable (assigns its id, registers it in the all-fibers list). */
void sched_spawn(Fiber *f);
/* WAITING -> RUNNABLE. Called by wakers after dropping their locks. From a
** worker, the fiber goes to that worker's runnext slot (ping-pong locality). */
void sched_ready(Fiber *f);
/* The fiber running on the calling worker thread (NULL outside workers). */
Fiber *sched_current(void);
/* Monotonic clock in ns (virtual clock in deterministic mode). */
int64_t sched_now(void);
/* A uniformly random number in [0, n) for scheduling choices (select order):
** seeded PRNG in deterministic mode, per-worker fast PRNG otherwise. */
uint32_t sched_rand(Fiber *f, uint32_t n);
int64_t sched_num_goroutines(void);
int sched_procs(void);
int sched_set_procs(int n);           /* runtime.GOMAXPROCS; returns the previous value */
void sched_request_preempt(void);     /* make running fibers yield soon (Ctrl-C, limits) */
/* Exit the whole program from any thread (os.Exit, fatal errors): flushes
** buffered output first. */
void sched_exit(int code) __attribute__((noreturn));
/* Print every goroutine Go-style ("goroutine N [reason]:" + stack). */
void sched_dump_goroutines(FILE *out);
const char *wait_reason_string(WaitReason r);

/* ---- REPL sessions (cli/repl.c): the workers keep running between inputs;
** each input is one fiber. A panic, deadlock or interrupt ends that input
** only (reported on stderr); a background goroutine's panic is reported and
** kills only that goroutine. os.Exit and fatal errors still end the process:
** the worker hands the status to the REPL, which restores the terminal. ---- */
typedef enum SessionResult {
  SESSION_RUNNING = -1, SESSION_DONE, SESSION_PANIC, SESSION_DEADLOCK, SESSION_INTERRUPTED,
  SESSION_DETACHED,    /* interrupted while blocked on a Mutex/RWMutex/Cond/I/O: it stays
                          parked as a background goroutine (killing it could lose the
                          lock or signal handed to it), doomed: once woken it is ended
                          at its next yield, channel/sleep park or Mutex.Lock park */
  SESSION_EXIT         /* os.Exit or a fatal error: sched_session_exit_code() */
} SessionResult;
void sched_session_begin(void);              /* start the workers for good (after sched_init) */
void sched_session_start(Fiber *input);      /* spawn an input; none may be running */
/* Wait up to timeout_ms for the input to end: SESSION_RUNNING or how it ended. */
int sched_session_wait(int timeout_ms);
/* Ctrl-C: abandon the running input (a loop when its budget runs out, a
** parked one at once); sched_session_wait then returns SESSION_INTERRUPTED. */
void sched_session_interrupt(void);
/* -1, or the status the process must exit with (os.Exit, a fatal error such
** as a stack overflow; its message is already written). */
int sched_session_exit_code(void);
/* Visit every live goroutine (under the all-goroutines lock: fn must not block). */
void sched_each_fiber(void (*fn)(Fiber *f, void *arg), void *arg);
Fiber *sched_first_fiber(void);              /* oldest live goroutine or NULL */

/* ---- timers (a heap in the scheduler; fire by readying a fiber or calling
** a C callback on a worker) ---- */
typedef struct Timer Timer;
typedef void (*TimerFn)(Timer *t, void *arg);
struct Timer {
  int64_t when;          /* sched_now() deadline */
  int64_t period;        /* > 0: ticker */
  TimerFn fn;            /* called from a worker with no locks held; must not block */
  void *arg;
  int heap_index;        /* -1 when not in the heap */
  uint64_t seq;          /* FIFO order among equal deadlines */
};
void timer_start(Timer *t);           /* add (t->when set) */
bool timer_stop(Timer *t);            /* true if it was pending */
/* Park f until `deadline` (time.Sleep): call from a native, then return NATIVE_PARK. */
void sched_sleep_until(Fiber *f, int64_t deadline);

/* A recycled dead fiber for vm_new_fiber (sched.c; NULL off a worker or if none). */
Fiber *sched_fiber_reuse(void);
/* C stack for recursion in C (vm/call.c): is this thread's C stack nearly
** used up? Then run fn(arg) on a fresh large stack and wait for it (fatal
** "stack overflow" once Go's 1 GB limit is reached in total). */
bool vm_cstack_low(void);
void vm_cstack_hop(void (*fn)(void *), void *arg);

#endif
