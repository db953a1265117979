/*
** trace.h -- hook points for the teaching tools (issue 7: --trace, --msc,
** leak reports). The scheduler and channel code call these macros at every
** event of interest; each is one predictable branch on a global bool, so they
** cost nothing measurable when tracing is off. The hook functions live in
** vm/trace.c (empty until the teaching tools fill them in).
**
** Hooks are called with no scheduler lock held unless noted; a channel hook
** (SEND/RECV/CLOSE) is called with the channel's lock held, so a hook must not
** block or take channel locks.
*/
#ifndef CSP_TRACE_H
#define CSP_TRACE_H

#include <stdbool.h>
#include "vm/fiber.h"

#ifndef LIKELY
#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#endif

/* Set once before the scheduler starts (cli flags); read everywhere. */
extern bool trace_enabled;

void trace_hook_spawn(Fiber *f);                         /* f created (id assigned) */
void trace_hook_run(Fiber *f, int worker);               /* f starts a time slice */
void trace_hook_stop(Fiber *f, int status);              /* slice ended (VMStatus) */
void trace_hook_park(Fiber *f, int reason, void *obj);   /* f blocks (WaitReason) */
void trace_hook_ready(Fiber *f);                         /* f made runnable again */
void trace_hook_send(Fiber *f, Chan *ch, Value v);       /* v entered ch (lock held) */
void trace_hook_recv(Fiber *f, Chan *ch, Value v);       /* v left ch for f (lock held) */
void trace_hook_close(Fiber *f, Chan *ch);               /* f closed ch (lock held) */
void trace_hook_exit(Fiber *f);                          /* f finished */

#define TRACE_SPAWN(f)          do { if (UNLIKELY(trace_enabled)) trace_hook_spawn(f); } while (0)
#define TRACE_RUN(f, w)         do { if (UNLIKELY(trace_enabled)) trace_hook_run(f, w); } while (0)
#define TRACE_STOP(f, st)       do { if (UNLIKELY(trace_enabled)) trace_hook_stop(f, st); } while (0)
#define TRACE_PARK(f, r, obj)   do { if (UNLIKELY(trace_enabled)) trace_hook_park(f, r, obj); } while (0)
#define TRACE_READY(f)          do { if (UNLIKELY(trace_enabled)) trace_hook_ready(f); } while (0)
#define TRACE_SEND(f, ch, v)    do { if (UNLIKELY(trace_enabled)) trace_hook_send(f, ch, v); } while (0)
#define TRACE_RECV(f, ch, v)    do { if (UNLIKELY(trace_enabled)) trace_hook_recv(f, ch, v); } while (0)
#define TRACE_CLOSE(f, ch)      do { if (UNLIKELY(trace_enabled)) trace_hook_close(f, ch); } while (0)
#define TRACE_EXIT(f)           do { if (UNLIKELY(trace_enabled)) trace_hook_exit(f); } while (0)

#endif
