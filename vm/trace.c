/*
** trace.c -- the teaching tools' hook functions (see trace.h): the in-memory
** event log behind --trace and --msc, the registry of live goroutines behind
** the leak reports, and the live leak check of --detect-leaks.
**
** The hooks only run when trace_enabled is set (the cli sets it for --trace,
** --msc, --leaks, --detect-leaks), so a normal run pays one predictable branch
** per hook site.
**
** Message pairing. Every send gets a message id; the receive that takes the
** value gets the same id, which becomes a flow arrow in the trace and an arrow
** in the chart. Each channel keeps a FIFO of the ids of values sent into it
** and not yet received (a buffered channel's queue; for an unbuffered one, the
** id of a hand-off lives there between the SEND and RECV hooks the waker calls
** back to back). A sender that was parked and whose value a receiver took
** (chan.c calls no SEND hook for it) is logged when the receiver readies it:
** its READY hook finds the send completed (waiter.success) and logs the SEND;
** for an unbuffered channel the receive just logged on this thread (kept in
** tls_pending) gets its id. close() is a message to every receiver it wakes.
**
** Lock rules: one mutex, tlk, guards the log, the channel table and the
** registry. It is a leaf: hooks run with a channel lock held (SEND, RECV,
** CLOSE) or S.lock-free points (the rest), and take nothing under tlk except
** the GC's allocation lock.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/trace.h"
#include "vm/explain.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/vm.h"

bool sched_is_deterministic(void);

bool trace_enabled = false;

static pthread_mutex_t tlk = PTHREAD_MUTEX_INITIALIZER;

/* ====================================================================
** the registry of live goroutines (teach_cfg.track)
** ==================================================================== */

#define TOMB ((Fiber *)1)
static Fiber **reg_set;        /* open addressing over Fiber*, NULL empty, TOMB deleted */
static size_t reg_cap, reg_n, reg_used;

static size_t fhash(const Fiber *f) {
  uint64_t x = (uint64_t)(uintptr_t)f;
  x ^= x >> 29;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 32;
  return (size_t)x;
}

static void reg_insert_raw(Fiber **set, size_t cap, Fiber *f) {
  size_t i = fhash(f) & (cap - 1);
  while (set[i] && set[i] != TOMB) i = (i + 1) & (cap - 1);
  set[i] = f;
}

/* tlk held. */
static void reg_add(Fiber *f) {
  if ((reg_used + 1) * 2 > reg_cap) {
    size_t nc = reg_cap ? reg_cap : 64;
    while ((reg_n + 1) * 4 > nc) nc *= 2;
    Fiber **ns = GC_MALLOC(sizeof(Fiber *) * nc);
    for (size_t i = 0; i < reg_cap; i++)
      if (reg_set[i] && reg_set[i] != TOMB) reg_insert_raw(ns, nc, reg_set[i]);
    reg_set = ns;
    reg_cap = nc;
    reg_used = reg_n;
  }
  reg_insert_raw(reg_set, reg_cap, f);
  reg_n++;
  reg_used++;
}

/* tlk held. */
static void reg_remove(Fiber *f) {
  if (!reg_cap) return;
  for (size_t i = fhash(f) & (reg_cap - 1); reg_set[i]; i = (i + 1) & (reg_cap - 1)) {
    if (reg_set[i] == f) {
      reg_set[i] = TOMB;
      reg_n--;
      return;
    }
  }
}

static int cmp_fiber_id(const void *a, const void *b) {
  int64_t x = (*(Fiber *const *)a)->id, y = (*(Fiber *const *)b)->id;
  return x < y ? -1 : x > y;
}

int explain_live_fibers(Fiber ***out) {
  pthread_mutex_lock(&tlk);
  Fiber **v = GC_MALLOC(sizeof(Fiber *) * (reg_n + 1));
  int n = 0;
  for (size_t i = 0; i < reg_cap; i++)
    if (reg_set[i] && reg_set[i] != TOMB && atomic_load(&reg_set[i]->status) != FIBER_DEAD) v[n++] = reg_set[i];
  pthread_mutex_unlock(&tlk);
  qsort(v, (size_t)n, sizeof(Fiber *), cmp_fiber_id);
  *out = v;
  return n;
}

/* ====================================================================
** the event log (teach_cfg.record)
** ==================================================================== */

#define CHUNK 8192
static TraceEvent **chunks;
static int nchunks, capchunks;
static int64_t nevents, dropped, max_events = 1000000;
static bool stopped;
static int64_t last_ts;
static int64_t next_msg;

static __thread int64_t tls_pending = -1;     /* unmatched RECV event on this thread */
static __thread uint64_t tls_pending_chan;
static __thread uint64_t tls_close_chan;      /* the close this thread just did */
static __thread int64_t tls_close_msg;

static int64_t now_ts(void) {
  int64_t t;
  if (sched_is_deterministic()) t = sched_now() + nevents * 1000;   /* 1 us per event */
  else t = sched_now();
  if (t <= last_ts) t = last_ts + 1;
  last_ts = t;
  return t;
}

static TraceEvent *ev_at(int64_t i) { return &chunks[i / CHUNK][i % CHUNK]; }

/* tlk held. Returns the new event (zeroed but for ts, kind, g) or NULL. */
static TraceEvent *ev_new(int kind, int64_t g) {
  if (stopped) return NULL;
  if (nevents >= max_events) {
    dropped++;
    return NULL;
  }
  if (nevents / CHUNK >= nchunks) {
    if (nchunks == capchunks) {
      int nc = capchunks ? capchunks * 2 : 16;
      TraceEvent **n = GC_MALLOC(sizeof(TraceEvent *) * (size_t)nc);
      if (nchunks) memcpy(n, chunks, sizeof(TraceEvent *) * (size_t)nchunks);
      chunks = n;
      capchunks = nc;
    }
    chunks[nchunks++] = GC_MALLOC(sizeof(TraceEvent) * CHUNK);
  }
  TraceEvent *e = ev_at(nevents);
  memset(e, 0, sizeof *e);
  e->ts = now_ts();
  e->kind = kind;
  e->g = g;
  nevents++;
  return e;
}

/* ---- channels ---- */

typedef struct ChanState {
  TraceChan info;
  int64_t *fifo;         /* message ids sent and not yet received */
  int64_t head, len, cap;
  struct ChanState *next;
} ChanState;

#define CHAN_BUCKETS 1024
static ChanState *chan_tab[CHAN_BUCKETS];
static int nchans;

/* tlk held. The state of c, created on first sight; f (may be NULL) names it
** from its current instruction if it has no name yet. */
static ChanState *chan_state(Chan *c, Fiber *f) {
  ChanState *s = chan_tab[c->id % CHAN_BUCKETS];
  while (s && s->info.id != c->id) s = s->next;
  if (!s) {
    s = GC_MALLOC(sizeof(ChanState));
    s->info.id = c->id;
    s->info.made_file = c->made_file;
    s->info.made_line = c->made_line;
    s->info.cap = c->cap;
    s->next = chan_tab[c->id % CHAN_BUCKETS];
    chan_tab[c->id % CHAN_BUCKETS] = s;
    nchans++;
  }
  if (!s->info.name && f) s->info.name = explain_chan_name_at(f, c);
  return s;
}

static void fifo_push(ChanState *s, int64_t id) {
  if (s->len == s->cap) {
    int64_t nc = s->cap ? s->cap * 2 : 8;
    int64_t *n = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)nc);
    for (int64_t i = 0; i < s->len; i++) n[i] = s->fifo[(s->head + i) % s->cap];
    s->fifo = n;
    s->cap = nc;
    s->head = 0;
  }
  s->fifo[(s->head + s->len) % s->cap] = id;
  s->len++;
}

static int64_t fifo_pop(ChanState *s) {
  if (s->len == 0) return 0;
  int64_t id = s->fifo[s->head];
  s->head = (s->head + 1) % s->cap;
  s->len--;
  return id;
}

/* ---- goroutine names ---- */

static const char **gnames;
static int64_t capgnames;

/* Lifeline names: "main.clock" -> "clock", "main.main.func2" -> "func2". */
static const char *short_name(const char *n) {
  if (!n) return "?";
  const char *lit = strstr(n, ".func");
  if (lit && lit[5] >= '0' && lit[5] <= '9') return lit + 1;
  if (strncmp(n, "main.", 5) == 0 && n[5]) return n + 5;
  return n;
}

static void set_gname(int64_t id, const char *name) {
  if (id < 0) return;
  if (id >= capgnames) {
    int64_t nc = capgnames ? capgnames * 2 : 256;
    while (nc <= id) nc *= 2;
    const char **n = GC_MALLOC(sizeof(char *) * (size_t)nc);
    if (capgnames) memcpy(n, gnames, sizeof(char *) * (size_t)capgnames);
    gnames = n;
    capgnames = nc;
  }
  gnames[id] = name;
}

const char *trace_goroutine_name(int64_t id) {
  return id >= 0 && id < capgnames ? gnames[id] : NULL;
}

static const char *fiber_func_name(Fiber *f) {
  if (f->id == 1) return "main";
  if (f->nframes > 0 && f->frames[0].cl) return short_name(f->frames[0].cl->proto->name);
  if (f->stack && f->top > 0) {
    Value v = f->stack[0];
    if (v.kind == VAL_NATIVE && v.as.p) return ((ObjNative *)v.as.p)->name;
    if (v.kind == VAL_FUNC && v.as.p) return short_name(((ObjClosure *)v.as.p)->proto->name);
  }
  return "?";
}

/* ====================================================================
** hooks
** ==================================================================== */

static _Atomic bool leak_dirty;

void trace_hook_spawn(Fiber *f) {
  if (!teach_cfg.track && !teach_cfg.record) return;
  Fiber *parent = sched_current();
  pthread_mutex_lock(&tlk);
  if (teach_cfg.track) reg_add(f);
  if (teach_cfg.record) {
    set_gname(f->id, fiber_func_name(f));
    TraceEvent *e = ev_new(TEV_SPAWN, f->id);
    if (e) {
      e->other = parent ? parent->id : 0;
      e->line = (int)f->created_line;
      e->text = gnames[f->id];
    }
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_run(Fiber *f, int worker) {
  if (teach_cfg.detect_leaks && atomic_exchange(&leak_dirty, false)) explain_leaks_live();
  if (!teach_cfg.record) return;
  pthread_mutex_lock(&tlk);
  TraceEvent *e = ev_new(TEV_RUN, f->id);
  if (e) {
    e->arg = worker;
    e->line = vm_current_line(f);
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_stop(Fiber *f, int status) {
  if (!teach_cfg.record) return;
  pthread_mutex_lock(&tlk);
  TraceEvent *e = ev_new(TEV_STOP, f->id);
  if (e) {
    e->arg = status;
    e->line = vm_current_line(f);
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_park(Fiber *f, int reason, void *obj) {
  if (teach_cfg.detect_leaks) atomic_store(&leak_dirty, true);
  if (!teach_cfg.record) return;
  const char *op = explain_wait_op(f);
  pthread_mutex_lock(&tlk);
  TraceEvent *e = ev_new(TEV_PARK, f->id);
  if (e) {
    e->arg = reason;
    e->line = f->wait_line;
    e->text = op;
    if (obj && (reason == WAIT_CHAN_SEND || reason == WAIT_CHAN_RECV || reason == WAIT_SELECT)) {
      ChanState *s = chan_state((Chan *)obj, f);
      e->chan = s->info.id;
    }
  }
  pthread_mutex_unlock(&tlk);
}

/* The waiter of f that completed: its plain one, or a select's fired case. */
static Waiter *fired_waiter(Fiber *f) {
  if (f->wait_reason == WAIT_CHAN_SEND || f->wait_reason == WAIT_CHAN_RECV) return &f->waiter;
  if (f->wait_reason == WAIT_SELECT && f->sel_waiters)
    for (int k = 0; k < f->sel_ncases; k++)
      if (f->sel_waiters[k].case_index == f->sel_fired) return &f->sel_waiters[k];
  return NULL;
}

void trace_hook_ready(Fiber *f) {
  if (!teach_cfg.record) return;
  Waiter *w = fired_waiter(f);
  bool is_send = w && w->chan &&
                 (f->wait_reason == WAIT_CHAN_SEND || (f->wait_reason == WAIT_SELECT && !w->ok_slot));
  pthread_mutex_lock(&tlk);
  if (w && w->chan && is_send && w->success && w->elem) {
    /* a parked sender whose value a receiver took */
    ChanState *s = chan_state(w->chan, f);
    TraceEvent *e = ev_new(TEV_SEND, f->id);
    if (e) {
      e->msg = ++next_msg;
      e->chan = s->info.id;
      e->text = explain_value_text(*w->elem);
      e->arg = w->chan->cap > 0;
      e->line = f->wait_line;
      if (tls_pending >= 0 && tls_pending_chan == s->info.id) {
        TraceEvent *r = ev_at(tls_pending);
        r->msg = e->msg;
        e->ts = r->ts;        /* the rendezvous: one instant */
        tls_pending = -1;
      } else {
        fifo_push(s, e->msg);
      }
    }
  } else if (w && w->chan && !is_send && !w->success) {
    /* a receiver woken by close */
    ChanState *s = chan_state(w->chan, f);
    TraceEvent *e = ev_new(TEV_CLOSEWAKE, f->id);
    if (e) {
      e->chan = s->info.id;
      e->msg = tls_close_chan == s->info.id ? tls_close_msg : 0;
      e->line = f->wait_line;
    }
  }
  TraceEvent *e = ev_new(TEV_READY, f->id);
  if (e) e->line = f->wait_line;
  pthread_mutex_unlock(&tlk);
}

void trace_hook_send(Fiber *f, Chan *ch, Value v) {
  if (!teach_cfg.record) return;
  const char *text = explain_value_text(v);
  pthread_mutex_lock(&tlk);
  ChanState *s = chan_state(ch, f);
  TraceEvent *e = ev_new(TEV_SEND, f ? f->id : 0);
  if (e) {
    e->msg = ++next_msg;
    e->chan = s->info.id;
    e->text = text;
    e->arg = ch->cap > 0;
    e->line = f ? vm_current_line(f) : 0;
    fifo_push(s, e->msg);
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_recv(Fiber *f, Chan *ch, Value v) {
  if (!teach_cfg.record) return;
  const char *text = explain_value_text(v);
  pthread_mutex_lock(&tlk);
  ChanState *s = chan_state(ch, f);
  TraceEvent *e = ev_new(TEV_RECV, f ? f->id : 0);
  if (e) {
    e->chan = s->info.id;
    e->text = text;
    e->line = f ? (atomic_load(&f->status) == FIBER_WAITING ? f->wait_line : vm_current_line(f)) : 0;
    e->msg = fifo_pop(s);
    if (e->msg == 0 && ch->cap == 0) {
      tls_pending = nevents - 1;     /* the parked sender's READY names the message */
      tls_pending_chan = s->info.id;
    }
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_close(Fiber *f, Chan *ch) {
  if (!teach_cfg.record) return;
  pthread_mutex_lock(&tlk);
  ChanState *s = chan_state(ch, f);
  TraceEvent *e = ev_new(TEV_CLOSE, f ? f->id : 0);
  if (e) {
    e->msg = ++next_msg;
    e->chan = s->info.id;
    e->line = f ? vm_current_line(f) : 0;
    tls_close_chan = s->info.id;
    tls_close_msg = e->msg;
  }
  pthread_mutex_unlock(&tlk);
}

void trace_hook_exit(Fiber *f) {
  if (teach_cfg.detect_leaks) atomic_store(&leak_dirty, true);
  if (!teach_cfg.track && !teach_cfg.record) return;
  pthread_mutex_lock(&tlk);
  if (teach_cfg.track) reg_remove(f);
  if (teach_cfg.record) {
    TraceEvent *e = ev_new(TEV_EXIT, f->id);
    if (e) e->line = vm_current_line(f);
  }
  pthread_mutex_unlock(&tlk);
}

/* Called from op_makechan (vm/ops.c) while trace_enabled. */
void trace_chan_made(Fiber *f, Chan *c) {
  if (!teach_cfg.record || !f) return;
  const char *name = explain_made_name(f);
  pthread_mutex_lock(&tlk);
  ChanState *s = chan_state(c, NULL);
  if (name) s->info.name = name;
  pthread_mutex_unlock(&tlk);
}

/* ====================================================================
** reading the log
** ==================================================================== */

void trace_finish(int status) {
  pthread_mutex_lock(&tlk);
  if (!stopped) {
    TraceEvent *e = ev_new(TEV_END, 0);
    if (e) e->arg = status;
    stopped = true;
  }
  pthread_mutex_unlock(&tlk);
}

int trace_log(TraceEvent **events, int64_t *ndropped) {
  pthread_mutex_lock(&tlk);
  stopped = true;
  TraceEvent *v = GC_MALLOC(sizeof(TraceEvent) * (size_t)(nevents + 1));
  for (int64_t i = 0; i < nevents; i++) v[i] = *ev_at(i);
  int n = (int)nevents;
  if (ndropped) *ndropped = dropped;
  pthread_mutex_unlock(&tlk);
  *events = v;
  return n;
}

int trace_chans(TraceChan **out) {
  pthread_mutex_lock(&tlk);
  TraceChan *v = GC_MALLOC(sizeof(TraceChan) * (size_t)(nchans + 1));
  int n = 0;
  for (int b = 0; b < CHAN_BUCKETS; b++)
    for (ChanState *s = chan_tab[b]; s; s = s->next) v[n++] = s->info;
  pthread_mutex_unlock(&tlk);
  *out = v;
  return n;
}

void trace_set_max_events(int64_t n) {
  if (n > 0) max_events = n;
}
