/*
** explain.h -- the teaching tools' view of a running program (issue 7):
** naming channels as in the source, explaining a deadlock goroutine by
** goroutine (with wait-for cycles), finding leaked goroutines by a
** reachability pass over the VM's own objects, and the in-memory event log
** that the trace hooks (vm/trace.h) fill for --trace and --msc.
**
** Everything here reads fibers, channels and stacks without their locks, so it
** must only run when the program is quiescent: after the run ended (deadlock,
** exit), or from a trace hook on the single worker of --seed / --procs 1 runs.
*/
#ifndef CSP_EXPLAIN_H
#define CSP_EXPLAIN_H

#include <stdio.h>
#include "vm/fiber.h"
#include "vm/strbuf.h"

/* ---- options (set by the cli before the run) ---- */
typedef struct TeachConfig {
  bool record;           /* keep the event log (--trace, --msc) */
  bool track;            /* keep the live-goroutine registry (--leaks, --detect-leaks) */
  bool detect_leaks;     /* report leaks the moment they appear */
  int shrink_buffers;    /* -1 off; else every buffered channel gets this capacity (0 or 1) */
  bool select_ordered;   /* the first ready select case wins */
  bool strict_close;     /* closed-channel panics say who closed it and where */
} TeachConfig;
extern TeachConfig teach_cfg;

/* The run's main fiber: the anchor to walk the all-fibers list (explain.c). */
void explain_set_main(Fiber *main_fiber);

/* ---- naming ---- */
/* The source name of the channel (or other object) a fiber blocks on, such as
** `done`, `results[2]`, `s.out`, `wg`; NULL when it cannot be derived. */
const char *explain_wait_name(Fiber *f);
/* The operation a parked fiber is blocked in, as source text: `ch <- 42`,
** `<-done`, `range jobs`, `select`, `wg.Wait()`. */
const char *explain_wait_op(Fiber *f);
/* The name of channel c at f's current instruction (a send, receive, select,
** range or close on it), or NULL. */
const char *explain_chan_name_at(Fiber *f, Chan *c);
/* The destination name of the MAKECHAN f just executed, or NULL. */
const char *explain_made_name(Fiber *f);
/* %v of a value for labels (no methods called, strings quoted, cut at ~40). */
const char *explain_value_text(Value v);
/* "made at file:line" for a channel, or "" if unknown. */
const char *explain_made_at(Chan *c);
/* Called by op_makechan (vm/ops.c) when trace_enabled: remember the name the
** channel gets where it is made (`tick := make(chan int)` names it tick). */
void trace_chan_made(Fiber *f, Chan *c);

/* ---- deadlock ---- */
/* True when the ended run is a total deadlock (every live fiber WAITING, none
** for I/O or the REPL, no timer pending). */
bool explain_is_deadlock(void);
/* Print, after Go's dump, why each goroutine is stuck and the wait-for cycles. */
void explain_deadlock(FILE *out);

/* ---- leaks ---- */
/* Report goroutines that can never wake. at_exit: main has returned; also
** reports goroutines still blocked or runnable at that point. Returns how
** many goroutines were reported. */
int explain_leaks(FILE *out, bool at_exit);
/* --detect-leaks: called from the trace hooks (single worker, no lock held)
** after a goroutine parked or exited; reports new leaks once each. */
void explain_leaks_live(void);

/* ---- the goroutine registry (kept by the trace hooks when teach_cfg.track) ---- */
int explain_live_fibers(Fiber ***out);   /* snapshot of live fibers, creation order */

/* ---- the event log (kept by the trace hooks when teach_cfg.record) ---- */
typedef enum TraceKind {
  TEV_SPAWN, TEV_RUN, TEV_STOP, TEV_PARK, TEV_READY, TEV_SEND, TEV_RECV,
  TEV_CLOSE, TEV_EXIT, TEV_CLOSEWAKE, TEV_END
} TraceKind;

typedef struct TraceEvent {
  int64_t ts;            /* ns: the real clock, or virtual clock + 1us per event under --seed */
  int64_t g;             /* goroutine (0: a timer / the runtime) */
  int64_t other;         /* SPAWN: the parent goroutine */
  int64_t msg;           /* SEND/RECV/CLOSE/CLOSEWAKE: message id pairing the two ends */
  uint64_t chan;         /* channel id (0: none) */
  int kind;              /* TraceKind */
  int arg;               /* RUN: worker; STOP: VMStatus; PARK: WaitReason; SEND: 1 if buffered */
  int line;              /* source line of the goroutine's current instruction */
  const char *text;      /* SEND/RECV: the value (%v); SPAWN: function; PARK: the op */
} TraceEvent;

typedef struct TraceChan {
  uint64_t id;
  const char *name;      /* where it was made, else where it was first used */
  const char *made_file;
  int made_line;
  int64_t cap;
} TraceChan;

/* Stop recording and hand out the log (valid until the process ends). */
int trace_log(TraceEvent **events, int64_t *dropped);
int trace_chans(TraceChan **chans);
/* Goroutine names for lifelines, indexed by id (NULL if unknown). */
const char *trace_goroutine_name(int64_t id);
/* The end of the run: one END event per goroutine still alive (for spans). */
void trace_finish(int status);
/* Keep at most n events (default 1,000,000); later ones are counted as dropped. */
void trace_set_max_events(int64_t n);

#endif
