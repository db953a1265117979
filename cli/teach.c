/*
** teach.c -- the csp command's teaching tools (issue 7).
**
**   flags      --seed N|random, --trace FILE, --msc[=FILE.html], --leaks[=error],
**              --detect-leaks, --shrink-buffers[=0], --select=ordered,
**              --preempt-every=N, --strict-close, --no-explain
**   after run  the deadlock explanation (vm/explain.c), leak reports, the
**              Chrome trace-event file, the message sequence chart
**   commands   csp explore FILE: run under many schedules, group the outcomes
**              csp trace FILE.json: redraw a saved trace as a chart
**
** One path draws every chart: the event log (vm/trace.c) is written as Chrome
** trace-event JSON whose instant events carry everything the chart needs
** (args.csp = spawn/send/recv/close/closewake/exit/final/end), and the chart
** is built by parsing that JSON -- from memory for --msc, from a file for
** `csp trace`, so both give the same picture.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vm/gc.h"
#include "vm/explain.h"
#include "vm/strbuf.h"
#include "vm/trace.h"
#include "vm/vm.h"
#include "cli/cli.h"
#include "cli/teach.h"

/* ====================================================================
** flags
** ==================================================================== */

void teach_opts_init(TeachOpts *o) {
  memset(o, 0, sizeof *o);
  o->shrink_buffers = -1;
  o->explain = true;
}

/* "--name" or "--name=value": *val is the value after '=' (NULL without). */
static bool is_flag(const char *a, const char *name, const char **val) {
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0) return false;
  if (a[n] == 0) { *val = NULL; return true; }
  if (a[n] == '=') { *val = a + n + 1; return true; }
  return false;
}

static bool parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s) return false;
  char *end = NULL;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || s[0] == '-') return false;
  *out = v;
  return true;
}

int teach_parse_flag(TeachOpts *o, int argc, char **argv, int *i) {
  const char *a = argv[*i], *v;
  /* a flag whose value may be the next argument */
#define NEXT_VALUE() do { if (!v) { if (*i + 1 >= argc) goto missing; v = argv[++*i]; } } while (0)
  if (is_flag(a, "--seed", &v)) {
    NEXT_VALUE();
    if (strcmp(v, "random") == 0) {
      o->seed_random = true;
    } else if (!parse_u64(v, &o->seed)) {
      fprintf(stderr, "csp: --seed needs a number or 'random', not '%s'\n", v);
      return -1;
    }
    o->seed_set = true;
    return 1;
  }
  if (is_flag(a, "--trace", &v)) {
    NEXT_VALUE();
    o->trace_file = v;
    return 1;
  }
  if (is_flag(a, "--msc", &v)) {
    o->msc = true;
    if (v && *v) o->msc_html = v;
    return 1;
  }
  if (is_flag(a, "--leaks", &v)) {
    if (v && strcmp(v, "error") != 0) {
      fprintf(stderr, "csp: --leaks takes no value or =error\n");
      return -1;
    }
    o->leaks = v ? 2 : 1;
    return 1;
  }
  if (is_flag(a, "--detect-leaks", &v)) {
    o->detect_leaks = true;
    return 1;
  }
  if (is_flag(a, "--shrink-buffers", &v)) {
    if (v && strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
      fprintf(stderr, "csp: --shrink-buffers takes =0 or =1 (the default)\n");
      return -1;
    }
    o->shrink_buffers = v && strcmp(v, "0") == 0 ? 0 : 1;
    return 1;
  }
  if (is_flag(a, "--select", &v)) {
    if (!v || (strcmp(v, "ordered") != 0 && strcmp(v, "random") != 0)) {
      fprintf(stderr, "csp: --select takes =ordered or =random (the default)\n");
      return -1;
    }
    o->select_ordered = strcmp(v, "ordered") == 0;
    return 1;
  }
  if (is_flag(a, "--preempt-every", &v)) {
    NEXT_VALUE();
    uint64_t n;
    if (!parse_u64(v, &n) || n < 1 || n > 100000000) {
      fprintf(stderr, "csp: --preempt-every needs a number of instructions from 1 to 100000000\n");
      return -1;
    }
    o->preempt_every = (int)n;
    return 1;
  }
  if (is_flag(a, "--strict-close", &v)) {
    o->strict_close = true;
    return 1;
  }
  if (is_flag(a, "--no-explain", &v)) {
    o->explain = false;
    return 1;
  }
  return 0;
missing:
  fprintf(stderr, "csp: %s needs a value (see csp --help)\n", a);
  return -1;
#undef NEXT_VALUE
}

void teach_usage(FILE *out) {
  fprintf(out,
          "\nteaching flags (docs/teaching.md):\n"
          "  --seed N|random     deterministic schedule: one worker, seeded choices, virtual time\n"
          "  --trace FILE        write a Chrome trace (Perfetto, chrome://tracing)\n"
          "  --msc[=FILE.html]   message sequence chart on stderr (or as an HTML page)\n"
          "  --leaks[=error]     report goroutines left blocked at exit (=error: exit 3)\n"
          "  --detect-leaks      report each leaked goroutine the moment it leaks\n"
          "  --shrink-buffers[=0]  every buffered channel gets capacity 1 (or 0)\n"
          "  --select=ordered    the first ready select case wins\n"
          "  --preempt-every=N   switch goroutines every N instruction units\n"
          "  --strict-close      closed-channel panics say who closed it, and where\n"
          "  --no-explain        no explanation after a deadlock dump\n");
}

static uint64_t random_seed(void) {
  uint64_t s = 0;
  int fd = open("/dev/urandom", O_RDONLY);
  if (fd >= 0) {
    if (read(fd, &s, sizeof s) != (ssize_t)sizeof s) s = 0;
    close(fd);
  }
  if (!s) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)getpid();
  }
  return s % 1000000000ULL + 1;   /* short enough to type */
}

void teach_configure(TeachOpts *o, SchedConfig *cfg) {
  if (o->seed_set) {
    if (o->seed_random) o->seed = random_seed();
    cfg->deterministic = true;
    cfg->seed = o->seed;
  }
  /* the VM spends budget-1 units before it yields (it checks before each
  ** unit), so a budget of N+1 switches every N units */
  if (o->preempt_every > 0) cfg->budget = o->preempt_every + 1;
  teach_cfg.record = o->trace_file || o->msc;
  teach_cfg.track = o->leaks || o->detect_leaks;
  teach_cfg.detect_leaks = o->detect_leaks;
  teach_cfg.shrink_buffers = o->shrink_buffers;
  teach_cfg.select_ordered = o->select_ordered;
  teach_cfg.strict_close = o->strict_close;
  /* the live leak check reads every stack between two time slices: only
  ** safe with a single worker */
  if (o->detect_leaks && !cfg->deterministic) cfg->procs = 1;
  const char *max = getenv("CSP_TRACE_MAX");
  uint64_t n;
  if (max && parse_u64(max, &n)) trace_set_max_events((int64_t)n);
  trace_enabled = teach_cfg.record || teach_cfg.track;
  /* The teaching switches need hooks in chan.c / select.c that the runtime
  ** does not have yet (see docs/teaching.md): say so instead of pretending. */
  if (o->select_ordered || o->strict_close)
    fprintf(stderr, "csp: note: %s%snot available in this build yet (ignored)\n",
            o->select_ordered ? "--select=ordered " : "", o->strict_close ? "--strict-close " : "");
}

void teach_start(TeachOpts *o, Fiber *main_fiber) {
  (void)o;
  explain_set_main(main_fiber);
}

/* Wait (up to ~2 s) until no goroutine is in the middle of a time slice:
** after main returns, other workers finish their current slice. */
static void wait_quiescent(void) {
  for (int round = 0; round < 2000; round++) {
    Fiber **fs;
    int n = explain_live_fibers(&fs);
    bool busy = false;
    for (int i = 0; i < n && !busy; i++) busy = atomic_load(&fs[i]->status) == FIBER_RUNNING;
    if (!busy) return;
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
}

/* ====================================================================
** JSON output helpers
** ==================================================================== */

static void json_str(StrBuf *b, const char *s) {
  sb_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    switch (*p) {
    case '"': sb_puts(b, "\\\""); break;
    case '\\': sb_puts(b, "\\\\"); break;
    case '\n': sb_puts(b, "\\n"); break;
    case '\r': sb_puts(b, "\\r"); break;
    case '\t': sb_puts(b, "\\t"); break;
    case '<': sb_puts(b, "\\u003c"); break;   /* safe inside an HTML <script> */
    case '>': sb_puts(b, "\\u003e"); break;
    case '&': sb_puts(b, "\\u0026"); break;
    default:
      if (*p < 0x20) sb_printf(b, "\\u%04x", *p);
      else sb_putc(b, (char)*p);
    }
  }
  sb_putc(b, '"');
}

static void json_ts(StrBuf *b, int64_t ns) {
  if (ns < 0) ns = 0;
  sb_printf(b, "%lld.%03lld", (long long)(ns / 1000), (long long)(ns % 1000));
}

/* ====================================================================
** the Chrome trace
** ==================================================================== */

typedef struct GState {
  int state;            /* 0 none, 1 runnable, 2 running, 3 blocked, 4 done */
  int64_t since;
  const char *op;       /* blocked: the operation */
  const char *chan;     /* blocked: the channel's name where it was made */
  int line;
  bool seen;
} GState;

static const char *state_names[] = {"", "runnable", "running", "blocked", "done"};

static const char *chan_name_of(TraceChan *chans, int nchans, uint64_t id) {
  for (int i = 0; i < nchans; i++)
    if (chans[i].id == id) {
      if (chans[i].name) return chans[i].name;
      break;
    }
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "chan#%llu", (unsigned long long)id);
  return b.data;
}

static TraceChan *chan_info(TraceChan *chans, int nchans, uint64_t id) {
  for (int i = 0; i < nchans; i++)
    if (chans[i].id == id) return &chans[i];
  return NULL;
}

static void ev_head(StrBuf *b, const char *ph, const char *name, const char *cat, int64_t ts, int64_t tid) {
  sb_puts(b, ",\n{\"ph\":");
  json_str(b, ph);
  sb_puts(b, ",\"name\":");
  json_str(b, name);
  if (cat) {
    sb_puts(b, ",\"cat\":");
    json_str(b, cat);
  }
  sb_puts(b, ",\"ts\":");
  json_ts(b, ts);
  sb_printf(b, ",\"pid\":1,\"tid\":%lld", (long long)tid);
}

static void span(StrBuf *b, GState *s, int64_t g, int64_t end) {
  if (s->state == 0 || s->state == 4) return;
  ev_head(b, "X", s->state == 3 && s->op ? s->op : state_names[s->state], "state", s->since, g);
  sb_puts(b, ",\"dur\":");
  json_ts(b, end > s->since ? end - s->since : 0);
  sb_puts(b, ",\"args\":{\"state\":");
  json_str(b, state_names[s->state]);
  if (s->line) sb_printf(b, ",\"line\":%d", s->line);
  sb_puts(b, "}}");
}

static void set_state(StrBuf *b, GState *s, int64_t g, int st, int64_t ts) {
  span(b, s, g, ts);
  s->state = st;
  s->since = ts;
  s->op = NULL;
  s->chan = NULL;
}

static GState *gstate(GState **tab, int64_t *cap, int64_t g) {
  if (g < 0) g = 0;
  if (g >= *cap) {
    int64_t nc = *cap ? *cap * 2 : 64;
    while (nc <= g) nc *= 2;
    GState *n = GC_MALLOC(sizeof(GState) * (size_t)nc);
    if (*cap) memcpy(n, *tab, sizeof(GState) * (size_t)*cap);
    *tab = n;
    *cap = nc;
  }
  return &(*tab)[g];
}

/* Write b to out and empty it (the buffer is kept for reuse). */
static void sb_drain(StrBuf *b, FILE *out) {
  if (b->len) fwrite(b->data, 1, b->len, out);
  b->len = 0;
  if (b->data) b->data[0] = 0;
}

/* Write the trace of the finished run as Chrome trace-event JSON. */
static void write_trace_json(TeachOpts *o, int status, FILE *out) {
  TraceEvent *ev;
  int64_t dropped = 0;
  int n = trace_log(&ev, &dropped);
  TraceChan *chans;
  int nch = trace_chans(&chans);
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"tool\":\"csp\",\"program\":");
  json_str(&b, o->display);
  if (o->seed_set) sb_printf(&b, ",\"seed\":\"%llu\"", (unsigned long long)o->seed);
  sb_printf(&b, ",\"status\":%d,\"dropped_events\":%lld},\n\"traceEvents\":[\n", status, (long long)dropped);
  sb_puts(&b, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"args\":{\"name\":");
  StrBuf t;
  sb_init(&t);
  sb_printf(&t, "csp %s", o->display ? o->display : "");
  json_str(&b, t.data);
  sb_puts(&b, "}}");

  /* which messages were received (flows only for complete pairs), who sent
  ** each close */
  int64_t maxmsg = 0;
  for (int i = 0; i < n; i++)
    if (ev[i].msg > maxmsg) maxmsg = ev[i].msg;
  uint8_t *recvd = GC_MALLOC_ATOMIC((size_t)maxmsg + 1);
  memset(recvd, 0, (size_t)maxmsg + 1);
  int64_t *closer = GC_MALLOC_ATOMIC(sizeof(int64_t) * ((size_t)maxmsg + 1));
  int64_t *closets = GC_MALLOC_ATOMIC(sizeof(int64_t) * ((size_t)maxmsg + 1));
  for (int i = 0; i < n; i++) {
    if (ev[i].kind == TEV_RECV && ev[i].msg > 0) recvd[ev[i].msg] |= 1;
    if (ev[i].kind == TEV_SEND && ev[i].msg > 0) recvd[ev[i].msg] |= 2;
    if (ev[i].kind == TEV_CLOSE) {
      closer[ev[i].msg] = ev[i].g;
      closets[ev[i].msg] = ev[i].ts;
    }
  }

  /* thread names */
  bool timers = false;
  for (int i = 0; i < n; i++) {
    if (ev[i].kind == TEV_SPAWN) {
      sb_printf(&b, ",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":%lld,\"args\":{\"name\":",
                (long long)ev[i].g);
      StrBuf nm;
      sb_init(&nm);
      sb_printf(&nm, "goroutine %lld %s", (long long)ev[i].g, ev[i].text ? ev[i].text : "");
      json_str(&b, nm.data);
      sb_printf(&b, "}},\n{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":1,\"tid\":%lld,"
                    "\"args\":{\"sort_index\":%lld}}", (long long)ev[i].g, (long long)ev[i].g);
    }
    if (ev[i].g == 0 && (ev[i].kind == TEV_SEND || ev[i].kind == TEV_CLOSE)) timers = true;
  }
  if (timers)
    sb_puts(&b, ",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"timers\"}}");

  GState *gs = NULL;
  int64_t gcap = 0, endts = n ? ev[n - 1].ts : 0;
  int64_t flowid = 0;
  for (int i = 0; i < n; i++) {
    if (b.len > (1u << 20)) sb_drain(&b, out);
    TraceEvent *e = &ev[i];
    GState *s = gstate(&gs, &gcap, e->g);
    const char *cn = e->chan ? chan_name_of(chans, nch, e->chan) : NULL;
    StrBuf lab;
    sb_init(&lab);
    switch (e->kind) {
    case TEV_SPAWN: {
      s->seen = true;
      set_state(&b, s, e->g, 1, e->ts);
      sb_printf(&lab, "go %s", e->text ? e->text : "?");
      ev_head(&b, "i", lab.data, "csp", e->ts, e->other);
      sb_printf(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"spawn\",\"g\":%lld,\"fn\":", (long long)e->g);
      json_str(&b, e->text);
      sb_printf(&b, ",\"parent\":%lld,\"line\":%d}}", (long long)e->other, e->line);
      if (e->other > 0) {
        flowid++;
        ev_head(&b, "s", lab.data, "spawn", e->ts, e->other);
        sb_printf(&b, ",\"id\":\"spawn%lld\"}", (long long)e->g);
        ev_head(&b, "f", lab.data, "spawn", e->ts, e->g);
        sb_printf(&b, ",\"bp\":\"e\",\"id\":\"spawn%lld\"}", (long long)e->g);
      }
      break;
    }
    case TEV_RUN:
      set_state(&b, s, e->g, 2, e->ts);
      s->line = e->line;
      break;
    case TEV_STOP:
      set_state(&b, s, e->g, e->arg == VM_YIELD ? 1 : 0, e->ts);
      break;
    case TEV_PARK:
      set_state(&b, s, e->g, 3, e->ts);
      s->op = e->text;
      s->line = e->line;
      s->chan = cn;
      break;
    case TEV_READY:
      set_state(&b, s, e->g, 1, e->ts);
      break;
    case TEV_EXIT:
      set_state(&b, s, e->g, 4, e->ts);
      ev_head(&b, "i", "exit", "csp", e->ts, e->g);
      sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"exit\"}}");
      break;
    case TEV_SEND: {
      TraceChan *ci = chan_info(chans, nch, e->chan);
      sb_printf(&lab, "%s <- %s", cn, e->text ? e->text : "");
      ev_head(&b, "i", lab.data, "csp", e->ts, e->g);
      sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"send\",\"chan\":");
      json_str(&b, cn);
      sb_puts(&b, ",\"value\":");
      json_str(&b, e->text);
      sb_printf(&b, ",\"msg\":%lld,\"buffered\":%d,\"line\":%d,\"chan_id\":%llu", (long long)e->msg, e->arg,
                e->line, (unsigned long long)e->chan);
      if (ci && ci->made_line > 0) {
        sb_puts(&b, ",\"made\":");
        StrBuf m;
        sb_init(&m);
        sb_printf(&m, "%s:%d", ci->made_file ? ci->made_file : "?", ci->made_line);
        json_str(&b, m.data);
      }
      sb_puts(&b, "}}");
      if (e->msg > 0 && e->msg <= maxmsg && recvd[e->msg] == 3) {
        ev_head(&b, "s", lab.data, "msg", e->ts, e->g);
        sb_printf(&b, ",\"id\":%lld}", (long long)e->msg);
      }
      break;
    }
    case TEV_RECV:
      sb_printf(&lab, "<-%s", cn);
      ev_head(&b, "i", lab.data, "csp", e->ts, e->g);
      sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"recv\",\"chan\":");
      json_str(&b, cn);
      sb_puts(&b, ",\"value\":");
      json_str(&b, e->text);
      sb_printf(&b, ",\"msg\":%lld,\"line\":%d}}", (long long)e->msg, e->line);
      if (e->msg > 0 && e->msg <= maxmsg && recvd[e->msg] == 3) {
        /* the flow's name is the message, as on the send */
        int64_t j = i;
        const char *val = e->text ? e->text : "";
        sb_init(&lab);
        sb_printf(&lab, "%s <- %s", cn, val);
        (void)j;
        ev_head(&b, "f", lab.data, "msg", e->ts, e->g);
        sb_printf(&b, ",\"bp\":\"e\",\"id\":%lld}", (long long)e->msg);
      }
      break;
    case TEV_CLOSE:
      sb_printf(&lab, "close(%s)", cn);
      ev_head(&b, "i", lab.data, "csp", e->ts, e->g);
      sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"close\",\"chan\":");
      json_str(&b, cn);
      sb_printf(&b, ",\"msg\":%lld,\"line\":%d}}", (long long)e->msg, e->line);
      break;
    case TEV_CLOSEWAKE:
      sb_printf(&lab, "<-%s (closed)", cn);
      ev_head(&b, "i", lab.data, "csp", e->ts, e->g);
      sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"closewake\",\"chan\":");
      json_str(&b, cn);
      sb_printf(&b, ",\"msg\":%lld,\"line\":%d}}", (long long)e->msg, e->line);
      if (e->msg > 0 && e->msg <= maxmsg) {
        sb_init(&lab);
        sb_printf(&lab, "close(%s)", cn);
        ev_head(&b, "s", lab.data, "close", closets[e->msg], closer[e->msg]);
        sb_printf(&b, ",\"id\":\"close%lld_%lld\"}", (long long)e->msg, (long long)e->g);
        ev_head(&b, "f", lab.data, "close", e->ts, e->g);
        sb_printf(&b, ",\"bp\":\"e\",\"id\":\"close%lld_%lld\"}", (long long)e->msg, (long long)e->g);
      }
      break;
    case TEV_END:
      endts = e->ts;
      break;
    }
  }
  /* close the spans still open; say how each goroutine ended */
  for (int64_t g = 0; g < gcap; g++) {
    GState *s = &gs[g];
    if (!s->seen || s->state == 4) continue;
    const char *st = state_names[s->state ? s->state : 1];
    const char *op = s->op, *on = s->state == 3 ? s->chan : NULL;
    span(&b, s, g, endts);
    ev_head(&b, "i", "end", "csp", endts, g);
    sb_puts(&b, ",\"s\":\"t\",\"args\":{\"csp\":\"final\",\"state\":");
    json_str(&b, st);
    if (op) {
      sb_puts(&b, ",\"op\":");
      json_str(&b, op);
    }
    if (on) {
      sb_puts(&b, ",\"chan\":");
      json_str(&b, on);
    }
    sb_printf(&b, ",\"line\":%d}}", s->line);
  }
  ev_head(&b, "i", "end of run", "csp", endts, 0);
  sb_printf(&b, ",\"s\":\"g\",\"args\":{\"csp\":\"end\",\"status\":%d,\"dropped\":%lld}}", status,
            (long long)dropped);
  sb_puts(&b, "\n]}\n");
  sb_drain(&b, out);
}

/* ====================================================================
** a small JSON reader (for `csp trace` and the charts)
** ==================================================================== */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JKind;

typedef struct JVal {
  int kind;
  bool b;
  double num;
  const char *str;
  struct JVal **items;   /* arrays and object values */
  const char **keys;     /* objects */
  int n;
} JVal;

typedef struct JParser {
  const char *s, *end;
  const char *err;
  int depth;
} JParser;

static void jws(JParser *p) {
  while (p->s < p->end && (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t')) p->s++;
}

static JVal *jnew(int kind) {
  JVal *v = GC_MALLOC(sizeof(JVal));
  v->kind = kind;
  return v;
}

static void put_utf8(StrBuf *b, unsigned cp) {
  if (cp < 0x80) sb_putc(b, (char)cp);
  else if (cp < 0x800) {
    sb_putc(b, (char)(0xC0 | (cp >> 6)));
    sb_putc(b, (char)(0x80 | (cp & 0x3F)));
  } else {
    sb_putc(b, (char)(0xE0 | (cp >> 12)));
    sb_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
    sb_putc(b, (char)(0x80 | (cp & 0x3F)));
  }
}

static const char *jstring(JParser *p) {
  if (p->s >= p->end || *p->s != '"') { p->err = "expected a string"; return NULL; }
  p->s++;
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "");
  while (p->s < p->end && *p->s != '"') {
    char c = *p->s++;
    if (c != '\\') { sb_putc(&b, c); continue; }
    if (p->s >= p->end) break;
    c = *p->s++;
    switch (c) {
    case 'n': sb_putc(&b, '\n'); break;
    case 't': sb_putc(&b, '\t'); break;
    case 'r': sb_putc(&b, '\r'); break;
    case 'b': sb_putc(&b, '\b'); break;
    case 'f': sb_putc(&b, '\f'); break;
    case 'u': {
      unsigned cp = 0;
      for (int k = 0; k < 4; k++) {
        if (p->s >= p->end) { p->err = "bad \\u escape"; return NULL; }
        char h = *p->s++;
        cp <<= 4;
        if (h >= '0' && h <= '9') cp |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f') cp |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') cp |= (unsigned)(h - 'A' + 10);
        else { p->err = "bad \\u escape"; return NULL; }
      }
      put_utf8(&b, cp);
      break;
    }
    default: sb_putc(&b, c);
    }
  }
  if (p->s >= p->end) { p->err = "unterminated string"; return NULL; }
  p->s++;
  return b.data;
}

static JVal *jvalue(JParser *p) {
  jws(p);
  if (p->s >= p->end) { p->err = "unexpected end of input"; return NULL; }
  if (++p->depth > 200) { p->err = "nested too deeply"; return NULL; }
  JVal *v = NULL;
  char c = *p->s;
  if (c == '{' || c == '[') {
    bool obj = c == '{';
    v = jnew(obj ? J_OBJ : J_ARR);
    p->s++;
    int cap = 0;
    jws(p);
    if (p->s < p->end && *p->s == (obj ? '}' : ']')) {
      p->s++;
      p->depth--;
      return v;
    }
    for (;;) {
      const char *key = NULL;
      if (obj) {
        jws(p);
        key = jstring(p);
        if (!key) return NULL;
        jws(p);
        if (p->s >= p->end || *p->s != ':') { p->err = "expected ':'"; return NULL; }
        p->s++;
      }
      JVal *item = jvalue(p);
      if (!item) return NULL;
      if (v->n == cap) {
        cap = cap ? cap * 2 : 8;
        JVal **ni = GC_MALLOC(sizeof(JVal *) * (size_t)cap);
        if (v->n) memcpy(ni, v->items, sizeof(JVal *) * (size_t)v->n);
        v->items = ni;
        if (obj) {
          const char **nk = GC_MALLOC(sizeof(char *) * (size_t)cap);
          if (v->n) memcpy(nk, v->keys, sizeof(char *) * (size_t)v->n);
          v->keys = nk;
        }
      }
      if (obj) v->keys[v->n] = key;
      v->items[v->n++] = item;
      jws(p);
      if (p->s < p->end && *p->s == ',') { p->s++; continue; }
      if (p->s < p->end && *p->s == (obj ? '}' : ']')) { p->s++; break; }
      p->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
      return NULL;
    }
  } else if (c == '"') {
    v = jnew(J_STR);
    v->str = jstring(p);
    if (!v->str) return NULL;
  } else if (c == 't' && p->end - p->s >= 4 && strncmp(p->s, "true", 4) == 0) {
    v = jnew(J_BOOL);
    v->b = true;
    p->s += 4;
  } else if (c == 'f' && p->end - p->s >= 5 && strncmp(p->s, "false", 5) == 0) {
    v = jnew(J_BOOL);
    p->s += 5;
  } else if (c == 'n' && p->end - p->s >= 4 && strncmp(p->s, "null", 4) == 0) {
    v = jnew(J_NULL);
    p->s += 4;
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    char *end = NULL;
    double d = strtod(p->s, &end);
    if (!end || end == p->s || end > p->end) { p->err = "bad number"; return NULL; }
    v = jnew(J_NUM);
    v->num = d;
    p->s = end;
  } else {
    p->err = "unexpected character";
    return NULL;
  }
  p->depth--;
  return v;
}

static JVal *jparse(const char *s, size_t len, const char **err, int *errline) {
  JParser p = {s, s + len, NULL, 0};
  JVal *v = jvalue(&p);
  if (v) {
    jws(&p);
    if (p.s < p.end) {
      p.err = "text after the JSON value";
      v = NULL;
    }
  }
  if (!v) {
    *err = p.err ? p.err : "invalid JSON";
    int line = 1;
    for (const char *q = s; q < p.s && q < p.end; q++) line += *q == '\n';
    *errline = line;
  }
  return v;
}

static JVal *jget(JVal *o, const char *key) {
  if (!o || o->kind != J_OBJ) return NULL;
  for (int i = 0; i < o->n; i++)
    if (strcmp(o->keys[i], key) == 0) return o->items[i];
  return NULL;
}

static const char *jstr(JVal *o, const char *key) {
  JVal *v = jget(o, key);
  return v && v->kind == J_STR ? v->str : NULL;
}

static int64_t jint(JVal *o, const char *key, int64_t dflt) {
  JVal *v = jget(o, key);
  return v && v->kind == J_NUM ? (int64_t)v->num : dflt;
}

/* ====================================================================
** the message sequence chart: model
** ==================================================================== */

enum { R_SPAWN, R_MSG, R_CLOSE, R_WAKE, R_EXIT, R_FINAL, R_LOST, R_ELIDE };

typedef struct MRow {
  int kind;
  int a, b;              /* lifeline indices (from, to) */
  const char *label;
  bool buffered;
  const char *key;       /* for eliding repeats: kind + ends + channel */
} MRow;

typedef struct Msc {
  int nlife;
  int64_t *gid;          /* lifeline -> goroutine id */
  const char **name;
  int *start_row;        /* first row where the lifeline exists (-1: from the top) */
  MRow *rows;
  int nrows, caprows;
  int status;
  bool have_status;
  const char *title;
} Msc;

static int life_of(Msc *m, int64_t g) {
  for (int i = 0; i < m->nlife; i++)
    if (m->gid[i] == g) return i;
  return -1;
}

static MRow *add_row(Msc *m, int kind, int a, int b, const char *label) {
  if (m->nrows == m->caprows) {
    int nc = m->caprows ? m->caprows * 2 : 64;
    MRow *nr = GC_MALLOC(sizeof(MRow) * (size_t)nc);
    if (m->nrows) memcpy(nr, m->rows, sizeof(MRow) * (size_t)m->nrows);
    m->rows = nr;
    m->caprows = nc;
  }
  MRow *r = &m->rows[m->nrows++];
  memset(r, 0, sizeof *r);
  r->kind = kind;
  r->a = a;
  r->b = b;
  r->label = label;
  return r;
}

typedef struct MsgEnd {
  int64_t g;
  const char *chan, *value;
  bool buffered, have;
} MsgEnd;

static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *fmt(const char *f, ...) {
  StrBuf b;
  sb_init(&b);
  va_list ap;
  va_start(ap, f);
  sb_vprintf(&b, f, ap);
  va_end(ap);
  return b.data ? b.data : "";
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* Build the chart from a parsed trace. NULL (with *err) if it is not one of ours. */
static Msc *msc_from_json(JVal *root, const char **err) {
  JVal *evs = root && root->kind == J_ARR ? root : jget(root, "traceEvents");
  if (!evs || evs->kind != J_ARR) {
    *err = "no traceEvents array";
    return NULL;
  }
  Msc *m = GC_MALLOC(sizeof(Msc));
  JVal *other = jget(root, "otherData");
  m->title = jstr(other, "program");
  /* goroutines: every tid of a csp event, in id order */
  int64_t *ids = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(evs->n + 1));
  int nids = 0;
  int64_t maxmsg = 0;
  int ncsp = 0;
  for (int i = 0; i < evs->n; i++) {
    JVal *e = evs->items[i];
    JVal *args = jget(e, "args");
    const char *k = jstr(args, "csp");
    if (!k) continue;
    ncsp++;
    if (strcmp(k, "end") == 0) continue;
    int64_t g = jint(e, "tid", 0);
    if (strcmp(k, "spawn") == 0) g = jint(args, "g", 0);
    bool dup = false;
    for (int j = 0; j < nids && !dup; j++) dup = ids[j] == g;
    if (!dup) ids[nids++] = g;
    int64_t msg = jint(args, "msg", 0);
    if (msg > maxmsg) maxmsg = msg;
  }
  if (ncsp == 0) {
    *err = "no csp events in this trace (was it written by csp --trace?)";
    return NULL;
  }
  qsort(ids, (size_t)nids, sizeof(int64_t), cmp_i64);
  m->nlife = nids;
  m->gid = ids;
  m->name = GC_MALLOC(sizeof(char *) * (size_t)(nids + 1));
  m->start_row = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(nids + 1));
  for (int i = 0; i < nids; i++) {
    m->start_row[i] = -1;
    m->name[i] = ids[i] == 0 ? "timers" : ids[i] == 1 ? "main" : "?";
  }
  /* the receive side of each message, to know which sends are received */
  MsgEnd *sends = GC_MALLOC(sizeof(MsgEnd) * (size_t)(maxmsg + 1));
  MsgEnd *recvs = GC_MALLOC(sizeof(MsgEnd) * (size_t)(maxmsg + 1));
  int64_t *closer = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(maxmsg + 1));
  uint8_t *received = GC_MALLOC_ATOMIC((size_t)maxmsg + 1);
  memset(received, 0, (size_t)maxmsg + 1);
  for (int i = 0; i < evs->n; i++) {
    JVal *args = jget(evs->items[i], "args");
    const char *k = jstr(args, "csp");
    int64_t msg = jint(args, "msg", 0);
    if (k && strcmp(k, "recv") == 0 && msg > 0 && msg <= maxmsg) received[msg] = 1;
  }
  int64_t dropped = jint(other, "dropped_events", 0);
  for (int i = 0; i < evs->n; i++) {
    JVal *e = evs->items[i];
    JVal *args = jget(e, "args");
    const char *k = jstr(args, "csp");
    if (!k) continue;
    int64_t g = jint(e, "tid", 0);
    int64_t msg = jint(args, "msg", 0);
    if (dropped > 0 && strcmp(k, "final") == 0) continue;   /* states at a cut, not at the end */
    bool okmsg = msg > 0 && msg <= maxmsg;
    const char *chan = jstr(args, "chan");
    if (!chan) chan = "?";
    if (strcmp(k, "spawn") == 0) {
      int64_t child = jint(args, "g", 0);
      int c = life_of(m, child);
      const char *fn = jstr(args, "fn");
      if (c >= 0 && fn) m->name[c] = fn;
      if (jint(args, "parent", 0) > 0 && c >= 0) {
        m->start_row[c] = m->nrows;
        add_row(m, R_SPAWN, life_of(m, jint(args, "parent", 0)), c, fmt("go %s", fn ? fn : "?"));
      }
    } else if (strcmp(k, "send") == 0) {
      const char *val = jstr(args, "value");
      bool buf = jint(args, "buffered", 0) != 0;
      if (!okmsg || !received[msg]) {
        if (dropped > 0) continue;   /* its receive may be among the events not recorded */
        MRow *r = add_row(m, R_LOST, life_of(m, g), -1, fmt("%s <- %s (never received)", chan, val ? val : ""));
        r->buffered = buf;
        continue;
      }
      sends[msg] = (MsgEnd){g, chan, val, buf, true};
      if (recvs[msg].have) {
        MRow *r = add_row(m, R_MSG, life_of(m, g), life_of(m, recvs[msg].g), fmt("%s <- %s", chan, val ? val : ""));
        r->buffered = buf;
      }
    } else if (strcmp(k, "recv") == 0) {
      if (!okmsg) continue;
      recvs[msg] = (MsgEnd){g, chan, jstr(args, "value"), false, true};
      if (sends[msg].have) {
        MsgEnd *s = &sends[msg];
        MRow *r = add_row(m, R_MSG, life_of(m, s->g), life_of(m, g),
                          fmt("%s <- %s", s->chan, s->value ? s->value : ""));
        r->buffered = s->buffered;
      }
    } else if (strcmp(k, "close") == 0) {
      if (okmsg) closer[msg] = g;
      add_row(m, R_CLOSE, life_of(m, g), -1, fmt("close(%s)", chan));
    } else if (strcmp(k, "closewake") == 0) {
      int from = okmsg ? life_of(m, closer[msg]) : -1;
      add_row(m, R_WAKE, from, life_of(m, g), fmt("closed: <-%s", chan));
    } else if (strcmp(k, "exit") == 0) {
      add_row(m, R_EXIT, life_of(m, g), -1, NULL);
    } else if (strcmp(k, "final") == 0) {
      const char *st = jstr(args, "state");
      const char *op = jstr(args, "op");
      int64_t line = jint(args, "line", 0);
      const char *lab;
      const char *on = jstr(args, "chan");
      if (st && strcmp(st, "blocked") == 0) {
        lab = fmt("g%lld stuck: %s", (long long)g, op ? op : "?");
        if (on && op && !strstr(op, on)) lab = fmt("%s [%s]", lab, on);
        if (line > 0) lab = fmt("%s, line %lld", lab, (long long)line);
      } else {
        lab = fmt("g%lld %s at the end", (long long)g, st ? st : "?");
      }
      add_row(m, R_FINAL, life_of(m, g), -1, lab);
    } else if (strcmp(k, "end") == 0) {
      m->status = (int)jint(args, "status", 0);
      m->have_status = true;
    }
  }
  if (dropped > 0)
    add_row(m, R_ELIDE, -1, -1,
            fmt("trace cut: %lld events lost (CSP_TRACE_MAX)", (long long)dropped));
  for (int i = 0; i < m->nrows; i++) {
    MRow *r = &m->rows[i];
    const char *lab = r->label ? r->label : "";
    const char *arrow = strstr(lab, " <- ");
    int cl = arrow ? (int)(arrow - lab) : (int)strlen(lab);
    r->key = fmt("%d:%d:%d:%.*s", r->kind, r->a, r->b, r->kind == R_FINAL ? 0 : cl, lab);
  }
  return m;
}

/* ====================================================================
** the chart as text
** ==================================================================== */

#define TEXT_WIDTH 80
#define MAX_TEXT_LIVES 7

static void center(char *line, int width, int x, const char *s) {
  int n = (int)strlen(s);
  int start = x - n / 2;
  if (start < 0) start = 0;
  for (int i = 0; i < n && start + i < width; i++) line[start + i] = s[i];
}

/* Map lifelines onto at most MAX_TEXT_LIVES columns: main, then the busiest
** goroutines; the rest share an "others" column. */
static int *text_columns(Msc *m, int *ncols, const char ***colnames) {
  int *col = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(m->nlife + 1));
  const char **names = GC_MALLOC(sizeof(char *) * (MAX_TEXT_LIVES + 2));
  if (m->nlife <= MAX_TEXT_LIVES) {
    for (int i = 0; i < m->nlife; i++) {
      col[i] = i;
      names[i] = m->name[i];
    }
    *ncols = m->nlife;
    *colnames = names;
    return col;
  }
  int *act = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(m->nlife + 1));
  memset(act, 0, sizeof(int) * (size_t)(m->nlife + 1));
  for (int r = 0; r < m->nrows; r++) {
    if (m->rows[r].kind != R_MSG && m->rows[r].kind != R_WAKE) continue;
    if (m->rows[r].a >= 0) act[m->rows[r].a]++;
    if (m->rows[r].b >= 0) act[m->rows[r].b]++;
  }
  bool *keep = GC_MALLOC_ATOMIC((size_t)m->nlife + 1);
  memset(keep, 0, (size_t)m->nlife + 1);
  int nkeep = 0;
  int main_l = life_of(m, 1);
  if (main_l >= 0) { keep[main_l] = true; nkeep++; }
  while (nkeep < MAX_TEXT_LIVES - 1) {
    int best = -1;
    for (int i = 0; i < m->nlife; i++)
      if (!keep[i] && (best < 0 || act[i] > act[best])) best = i;
    if (best < 0) break;
    keep[best] = true;
    nkeep++;
  }
  int c = 0;
  for (int i = 0; i < m->nlife; i++)
    if (keep[i]) {
      names[c] = m->name[i];
      col[i] = c++;
    }
  names[c] = fmt("%d others", m->nlife - nkeep);
  for (int i = 0; i < m->nlife; i++)
    if (!keep[i]) col[i] = c;
  *ncols = c + 1;
  *colnames = names;
  return col;
}

static void msc_text(Msc *m, FILE *out) {
  int ncols;
  const char **cname;
  int *col = text_columns(m, &ncols, &cname);
  int W = 50 / (ncols ? ncols : 1);
  if (W > 16) W = 16;
  if (W < 7) W = 7;
  int L = ncols * W;
  int notew = TEXT_WIDTH - L - 2;
  bool *active = GC_MALLOC_ATOMIC((size_t)ncols + 1);
  memset(active, 0, (size_t)ncols + 1);
  for (int i = 0; i < m->nlife; i++)
    if (m->start_row[i] < 0) active[col[i]] = true;
  if (ncols > 0 && col[m->nlife - 1] != m->nlife - 1) active[ncols - 1] = true;   /* "others" */
#define X(c) ((c) * W + W / 2)
  char *line = GC_MALLOC_ATOMIC((size_t)L + TEXT_WIDTH + 2);

  fprintf(out, "message sequence chart%s%s\n", m->title ? " of " : "", m->title ? m->title : "");
  memset(line, ' ', (size_t)L);
  line[L] = 0;
  for (int c = 0; c < ncols; c++) {
    int64_t g = -1;
    for (int i = 0; i < m->nlife; i++)
      if (col[i] == c && (g < 0 || m->gid[i] < g)) g = m->gid[i];
    bool others = c == ncols - 1 && m->nlife > ncols;
    center(line, L, X(c), others ? "..." : g == 0 ? "time" : fmt("g%lld", (long long)g));
  }
  for (int k = L - 1; k >= 0 && line[k] == ' '; k--) line[k] = 0;
  fprintf(out, "%s\n", line);
  memset(line, ' ', (size_t)L);
  line[L] = 0;
  for (int c = 0; c < ncols; c++) {
    char nm[32];
    snprintf(nm, sizeof nm, "%.*s", W - 1, cname[c] ? cname[c] : "?");
    center(line, L, X(c), nm);
  }
  for (int k = L - 1; k >= 0 && line[k] == ' '; k--) line[k] = 0;
  fprintf(out, "%s\n", line);

  int r = 0;
  while (r < m->nrows) {
    /* a run of a repeated pattern of p rows, k times: show the first and the
    ** last round, and one line for the rounds between */
    int bestp = 0, bestk = 0;
    for (int p = 1; p <= 4 && r + p <= m->nrows; p++) {
      int k = 1;
      for (;;) {
        int base = r + k * p;
        if (base + p > m->nrows) break;
        bool same = true;
        for (int j = 0; j < p && same; j++) same = strcmp(m->rows[base + j].key, m->rows[r + j].key) == 0;
        if (!same) break;
        k++;
      }
      if (k >= 4 && k * p > bestk * bestp) { bestp = p; bestk = k; }
    }
    int nshow = 1, skip_from = -1, skip_to = -1;
    if (bestp) {
      nshow = bestk * bestp;
      skip_from = r + bestp;
      skip_to = r + (bestk - 1) * bestp;   /* exclusive */
    }
    for (int q = r; q < r + nshow; q++) {
      if (q == skip_from) {
        memset(line, ' ', (size_t)L);
        line[L] = 0;
        for (int c = 0; c < ncols; c++)
          if (active[c]) line[X(c)] = ':';
        for (int k = L - 1; k >= 0 && line[k] == ' '; k--) line[k] = 0;
        const char *note = fmt("... %d more rows like these ...", skip_to - skip_from);
        fprintf(out, "%-*s  %s\n", L, line, note);
        q = skip_to - 1;
        continue;
      }
      MRow *row = &m->rows[q];
      int a = row->a >= 0 ? col[row->a] : -1, b = row->b >= 0 ? col[row->b] : -1;
      memset(line, ' ', (size_t)L);
      line[L] = 0;
      if (row->kind == R_SPAWN && b >= 0) active[b] = true;
      for (int c = 0; c < ncols; c++)
        if (active[c]) line[X(c)] = '|';
      const char *note = NULL;
      switch (row->kind) {
      case R_SPAWN: case R_MSG: case R_WAKE: {
        if (a < 0 || b < 0) {
          note = row->label;
          if (b >= 0) line[X(b)] = row->kind == R_SPAWN ? '+' : '|';
          break;
        }
        if (a == b) {
          line[X(a)] = row->kind == R_SPAWN ? '+' : '@';
          note = a == ncols - 1 && m->nlife > ncols ? fmt("(among others) %s", row->label)
                                                    : fmt("(to itself) %s", row->label);
          break;
        }
        char shaft = row->kind == R_MSG ? (row->buffered ? '~' : '-') : '.';
        int x1 = X(a), x2 = X(b), lo = x1 < x2 ? x1 : x2, hi = x1 < x2 ? x2 : x1;
        for (int x = lo + 1; x < hi; x++) line[x] = shaft;
        if (x2 > x1) line[x2 - 1] = '>';
        else line[x2 + 1] = '<';
        if (row->kind == R_SPAWN) line[x2] = '+';
        const char *lab = row->label ? row->label : "";
        int n = (int)strlen(lab), room = hi - lo - 5;
        if (n <= room) {
          int start = lo + 2 + (room - n) / 2 + 1;
          line[start - 1] = ' ';
          memcpy(line + start, lab, (size_t)n);
          line[start + n] = ' ';
        } else {
          note = lab;
        }
        break;
      }
      case R_CLOSE:
        if (a >= 0) line[X(a)] = 'X';
        note = row->label;
        break;
      case R_EXIT:
        if (a >= 0) {
          line[X(a)] = 'o';
          if (!(a == ncols - 1 && m->nlife > ncols)) active[a] = false;
        }
        break;
      case R_FINAL:
        if (a >= 0) {
          line[X(a)] = '#';
          if (!(a == ncols - 1 && m->nlife > ncols)) active[a] = false;
        }
        note = row->label;
        break;
      case R_LOST:
        if (a >= 0) line[X(a)] = '>';
        note = row->label;
        break;
      case R_ELIDE:
        for (int c = 0; c < ncols; c++)
          if (active[c]) line[X(c)] = ':';
        note = row->label;
        break;
      }
      for (int k = L - 1; k >= 0 && line[k] == ' '; k--) line[k] = 0;
      if (note) {
        int n = (int)strlen(note);
        const char *cut = strstr(note, ", line ");
        if (n > notew && cut) {
          note = fmt("%.*s", (int)(cut - note), note);
          n = (int)strlen(note);
        }
        if (n > notew) fprintf(out, "%-*s  %.*s...\n", L, line, notew - 3 > 0 ? notew - 3 : 0, note);
        else fprintf(out, "%-*s  %s\n", L, line, note);
      } else {
        fprintf(out, "%s\n", line);
      }
    }
    r += nshow;
  }
#undef X
  fprintf(out, "legend: --> send  ~~> buffered send  ..> go, close  X close  o done  # stuck\n");
  if (m->have_status) fprintf(out, "exit status %d\n", m->status);
  fflush(out);
}

/* ====================================================================
** the chart as an HTML page (SVG drawn by a script from embedded data, and
** checked by the same script: lifelines and arrows must line up)
** ==================================================================== */

static const char *html_head =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>";
static const char *html_style =
    "</title>\n<style>\n"
    "body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fff}\n"
    "h1{font-size:22px;margin:0 0 4px} p.sub{margin:0 0 16px;color:#555}\n"
    "svg text{font-size:15px;font-family:Menlo,Consolas,monospace}\n"
    ".head rect{fill:#eef2ff;stroke:#445;stroke-width:1.5}\n"
    ".head text{font-weight:bold;text-anchor:middle}\n"
    ".lifeline{stroke:#999;stroke-width:2;stroke-dasharray:6 5}\n"
    ".msg{stroke:#b22;stroke-width:2.5}\n"
    ".msg.buffered{stroke-dasharray:10 5}\n"
    ".spawn{stroke:#283;stroke-width:2;stroke-dasharray:3 4}\n"
    ".wake{stroke:#26b;stroke-width:2;stroke-dasharray:2 4}\n"
    ".label{text-anchor:middle;fill:#111;paint-order:stroke;stroke:#fff;stroke-width:4px}\n"
    ".note{fill:#444}\n"
    ".close line{stroke:#000;stroke-width:3}\n"
    ".done{fill:#fff;stroke:#555;stroke-width:2}\n"
    ".stuck{fill:#fdd;stroke:#b22;stroke-width:2}\n"
    "#csp-check{color:#888;font-size:11px}\n"
    "</style></head>\n<body>\n";
static const char *html_script =
    "<script>\n"
    "(function () {\n"
    "  var d = JSON.parse(document.getElementById('csp-data').textContent);\n"
    "  var NS = 'http://www.w3.org/2000/svg', svg = document.getElementById('msc');\n"
    "  var colW = 190, rowH = 42, top = 70, left = 16, n = d.lifelines.length, boxH = 40;\n"
    "  // widen the columns until every label fits between the ends of its arrow\n"
    "  var probe = document.createElementNS(NS, 'text');\n"
    "  probe.setAttribute('class', 'label'); svg.appendChild(probe);\n"
    "  d.rows.forEach(function (r) {\n"
    "    if ((r.kind !== 'msg' && r.kind !== 'wake' && r.kind !== 'spawn') || r.a < 0 || r.b < 0 || r.a === r.b) return;\n"
    "    probe.textContent = r.label;\n"
    "    var need = (probe.getComputedTextLength() + 36) / Math.abs(r.a - r.b);\n"
    "    if (r.kind === 'spawn') need += (colW / 2 - 20) / Math.abs(r.a - r.b);\n"
    "    if (need > colW) colW = Math.ceil(need);\n"
    "  });\n"
    "  svg.removeChild(probe);\n"
    "  function X(i) { return left + colW / 2 + i * colW; }\n"
    "  function Y(r) { return top + (r + 0.5) * rowH; }\n"
    "  function el(tag, attrs, parent, text) {\n"
    "    var e = document.createElementNS(NS, tag);\n"
    "    for (var k in attrs) e.setAttribute(k, attrs[k]);\n"
    "    if (text !== undefined) e.textContent = text;\n"
    "    (parent || svg).appendChild(e); return e;\n"
    "  }\n"
    "  var H = top + (d.rows.length + 1) * rowH;\n"
    "  svg.setAttribute('width', left * 2 + n * colW + 360);\n"
    "  svg.setAttribute('height', H + 10);\n"
    "  var defs = el('defs', {});\n"
    "  [['red', '#b22'], ['green', '#283'], ['blue', '#26b']].forEach(function (m) {\n"
    "    var mk = el('marker', {id: 'head-' + m[0], viewBox: '0 0 10 10', refX: 10, refY: 5,\n"
    "      markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse'}, defs);\n"
    "    el('path', {d: 'M0,0 L10,5 L0,10 z', fill: m[1]}, mk);\n"
    "  });\n"
    "  var endRow = d.lifelines.map(function () { return d.rows.length; });\n"
    "  d.rows.forEach(function (r, k) { if (r.kind === 'exit' && r.a >= 0) endRow[r.a] = k; });\n"
    "  d.lifelines.forEach(function (l, i) {\n"
    "    var g = el('g', {'class': 'head', 'data-g': l.g});\n"
    "    var y0 = l.start < 0 ? 10 : Y(l.start) - boxH / 2;\n"
    "    var bw = Math.min(colW - 40, 220);\n"
    "    el('rect', {x: X(i) - bw / 2, y: y0, width: bw, height: boxH, rx: 6}, g);\n"
    "    el('text', {x: X(i), y: y0 + 17}, g, l.g === 0 ? 'timers' : 'goroutine ' + l.g);\n"
    "    el('text', {x: X(i), y: y0 + 34}, g, l.name);\n"
    "    el('line', {'class': 'lifeline', x1: X(i), x2: X(i), y1: y0 + boxH, y2: Y(endRow[i]),\n"
    "      'data-g': l.g});\n"
    "  });\n"
    "  var noteX = left + n * colW + 10;\n"
    "  d.rows.forEach(function (r, k) {\n"
    "    var y = Y(k);\n"
    "    if (r.kind === 'msg' || r.kind === 'spawn' || r.kind === 'wake') {\n"
    "      var cls = r.kind === 'msg' ? 'msg arrow' + (r.buffered ? ' buffered' : '') : r.kind + ' arrow';\n"
    "      var head = r.kind === 'msg' ? 'red' : r.kind === 'spawn' ? 'green' : 'blue';\n"
    "      if (r.a < 0 || r.b < 0 || r.a === r.b) {\n"
    "        var x = X(r.b >= 0 ? r.b : r.a);\n"
    "        el('path', {'class': cls.replace(' arrow', ''), d: 'M' + x + ',' + (y - 10) + ' h40 v20 h-40',\n"
    "          fill: 'none', 'marker-end': 'url(#head-' + head + ')'});\n"
    "        el('text', {'class': 'note', x: x + 46, y: y + 5}, null, r.label);\n"
    "        return;\n"
    "      }\n"
    "      var x1 = X(r.a), x2 = X(r.b);\n"
    "      if (r.kind === 'spawn') { cls = 'spawn'; x2 += (x2 > x1 ? -1 : 1) * (colW / 2 - 20); }\n"
    "      el('line', {'class': cls, x1: x1, y1: y, x2: x2, y2: y, 'marker-end': 'url(#head-' + head + ')',\n"
    "        'data-from': d.lifelines[r.a].g, 'data-to': d.lifelines[r.b].g});\n"
    "      el('text', {'class': 'label', x: (x1 + x2) / 2, y: y - 6}, null, r.label);\n"
    "    } else if (r.kind === 'close') {\n"
    "      var g = el('g', {'class': 'close'}), x = X(r.a);\n"
    "      el('line', {x1: x - 8, y1: y - 8, x2: x + 8, y2: y + 8}, g);\n"
    "      el('line', {x1: x - 8, y1: y + 8, x2: x + 8, y2: y - 8}, g);\n"
    "      el('text', {'class': 'note', x: x + 14, y: y + 5}, null, r.label);\n"
    "    } else if (r.kind === 'exit') {\n"
    "      el('circle', {'class': 'done', cx: X(r.a), cy: y, r: 7});\n"
    "    } else if (r.kind === 'final' || r.kind === 'lost' || r.kind === 'cut') {\n"
    "      var x = X(r.a);\n"
    "      if (r.kind === 'cut') x = X(0);\n"
    "      if (r.kind === 'final') el('rect', {'class': 'stuck', x: x - 8, y: y - 8, width: 16, height: 16});\n"
    "      el('text', {'class': 'note', x: noteX, y: y + 5}, null, r.label);\n"
    "      el('line', {x1: x + 10, y1: y, x2: noteX - 6, y2: y, stroke: '#ccc', 'stroke-dasharray': '1 3'});\n"
    "    }\n"
    "  });\n"
    "  // self-check, on the browser's own layout: every arrow starts and ends\n"
    "  // on a lifeline, every label has a rendered width\n"
    "  var lifelines = svg.querySelectorAll('line.lifeline'), xs = [];\n"
    "  for (var i = 0; i < lifelines.length; i++) xs.push(lifelines[i].getBBox().x);\n"
    "  var arrows = svg.querySelectorAll('line.arrow'), ok = lifelines.length === n;\n"
    "  function onLine(x) { return xs.some(function (v) { return Math.abs(v - x) < 0.5; }); }\n"
    "  for (var j = 0; j < arrows.length; j++) {\n"
    "    var b = arrows[j].getBBox();\n"
    "    if (!onLine(b.x) || !onLine(b.x + b.width)) ok = false;\n"
    "  }\n"
    "  var labels = svg.querySelectorAll('text.label'), blank = 0;\n"
    "  for (var t = 0; t < labels.length; t++) {\n"
    "    var lb = labels[t].getBBox(), ar = labels[t].previousSibling.getBBox();\n"
    "    if (lb.width <= 0 || lb.x < ar.x - 0.5 || lb.x + lb.width > ar.x + ar.width + 0.5) blank++;\n"
    "  }\n"
    "  if (blank) ok = false;\n"
    "  document.getElementById('csp-check').textContent = 'lifelines=' + lifelines.length +\n"
    "    ' arrows=' + arrows.length + ' labels=' + labels.length + ' ' + (ok ? 'ok' : 'BAD');\n"
    "})();\n"
    "</script>\n</body></html>\n";

static const char *row_kind_name(int k) {
  switch (k) {
  case R_SPAWN: return "spawn";
  case R_MSG: return "msg";
  case R_CLOSE: return "close";
  case R_WAKE: return "wake";
  case R_EXIT: return "exit";
  case R_FINAL: return "final";
  case R_LOST: return "lost";
  case R_ELIDE: return "cut";
  default: return "other";
  }
}

static bool msc_html(Msc *m, const char *path) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, html_head);
  StrBuf title;
  sb_init(&title);
  sb_printf(&title, "csp: messages of %s", m->title ? m->title : "a program");
  for (const char *p = title.data; *p; p++) {
    if (*p == '<') sb_puts(&b, "&lt;");
    else if (*p == '&') sb_puts(&b, "&amp;");
    else sb_putc(&b, *p);
  }
  sb_puts(&b, html_style);
  sb_puts(&b, "<h1>");
  for (const char *p = title.data; *p; p++) {
    if (*p == '<') sb_puts(&b, "&lt;");
    else if (*p == '&') sb_puts(&b, "&amp;");
    else sb_putc(&b, *p);
  }
  sb_puts(&b, "</h1>\n<p class=\"sub\">solid red: unbuffered send &middot; dashed red: buffered send "
              "&middot; green: go &middot; blue: woken by close &middot; X: close &middot; "
              "circle: goroutine done &middot; red square: stuck at the end");
  if (m->have_status) sb_printf(&b, " &middot; exit status %d", m->status);
  sb_puts(&b, "</p>\n<svg id=\"msc\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n"
              "<pre id=\"csp-check\"></pre>\n<script id=\"csp-data\" type=\"application/json\">\n");
  sb_puts(&b, "{\"lifelines\":[");
  for (int i = 0; i < m->nlife; i++) {
    sb_printf(&b, "%s{\"g\":%lld,\"name\":", i ? "," : "", (long long)m->gid[i]);
    json_str(&b, m->name[i]);
    sb_printf(&b, ",\"start\":%d}", m->start_row[i]);
  }
  sb_puts(&b, "],\n\"rows\":[");
  for (int r = 0; r < m->nrows; r++) {
    MRow *row = &m->rows[r];
    sb_printf(&b, "%s\n{\"kind\":\"%s\",\"a\":%d,\"b\":%d,\"buffered\":%s,\"label\":", r ? "," : "",
              row_kind_name(row->kind), row->a, row->b, row->buffered ? "true" : "false");
    json_str(&b, row->label ? row->label : "");
    sb_putc(&b, '}');
  }
  sb_puts(&b, "]}\n</script>\n");
  sb_puts(&b, html_script);
  FILE *fp = fopen(path, "wb");
  if (!fp) {
    fprintf(stderr, "csp: cannot write %s: %s\n", path, strerror(errno));
    return false;
  }
  fwrite(b.data, 1, b.len, fp);
  fclose(fp);
  return true;
}

/* ====================================================================
** after the run
** ==================================================================== */

static bool render_charts(const char *json, bool text, const char *html) {
  const char *err = NULL;
  int errline = 0;
  JVal *root = jparse(json, strlen(json), &err, &errline);
  if (!root) {
    fprintf(stderr, "csp: the trace is not valid JSON (line %d: %s)\n", errline, err);
    return false;
  }
  Msc *m = msc_from_json(root, &err);
  if (!m) {
    fprintf(stderr, "csp: cannot draw a chart: %s\n", err);
    return false;
  }
  if (html) {
    if (!msc_html(m, html)) return false;
  }
  if (text) msc_text(m, stderr);
  return true;
}

int teach_finish(TeachOpts *o, int status) {
  if (status == 2 && o->explain && explain_is_deadlock()) explain_deadlock(stderr);
  if (o->seed_random && status != 0)
    fprintf(stderr, "csp: this run used --seed %llu; replay it with: csp --seed %llu %s\n",
            (unsigned long long)o->seed, (unsigned long long)o->seed, o->display ? o->display : "FILE");
  if (o->leaks && status == 0) {
    wait_quiescent();
    int n = explain_leaks(stderr, true);
    if (n > 0 && o->leaks == 2) status = 3;
  }
  if (teach_cfg.record) {
    trace_finish(status);
    bool ok = true;
    if (o->trace_file) {
      FILE *fp = fopen(o->trace_file, "wb");
      if (fp) {
        write_trace_json(o, status, fp);
        ok = fclose(fp) == 0;
        if (!ok) fprintf(stderr, "csp: cannot write %s: %s\n", o->trace_file, strerror(errno));
      } else {
        fprintf(stderr, "csp: cannot write %s: %s\n", o->trace_file, strerror(errno));
        ok = false;
      }
    }
    if (o->msc) {
      /* the chart is drawn from the same JSON that --trace writes */
      char *mem = NULL;
      size_t memlen = 0;
      FILE *ms = open_memstream(&mem, &memlen);
      if (ms) {
        write_trace_json(o, status, ms);
        fclose(ms);
        if (!render_charts(mem, o->msc_html == NULL, o->msc_html)) ok = false;
        free(mem);
      }
    }
    if (!ok && status == 0) status = 1;
  }
  fflush(stderr);
  return status;
}

/* ====================================================================
** csp trace FILE.json
** ==================================================================== */

int teach_trace_cmd(int argc, char **argv) {
  const char *file = NULL, *html = NULL;
  for (int i = 0; i < argc; i++) {
    const char *v;
    if (is_flag(argv[i], "--msc", &v)) {
      html = v && *v ? v : NULL;
    } else if (argv[i][0] == '-' && argv[i][1] == '-') {
      fprintf(stderr, "csp trace: unknown flag %s (usage: csp trace FILE.json [--msc=OUT.html])\n", argv[i]);
      return 1;
    } else if (!file) {
      file = argv[i];
    } else {
      fprintf(stderr, "csp trace: one trace file at a time\n");
      return 1;
    }
  }
  if (!file) {
    fprintf(stderr, "usage: csp trace FILE.json [--msc=OUT.html]\n");
    return 1;
  }
  size_t len;
  char *src = cli_read_file(file, &len);
  if (!src) {
    fprintf(stderr, "csp: cannot read %s: %s\n", file, strerror(errno));
    return 1;
  }
  const char *err = NULL;
  int errline = 0;
  JVal *root = jparse(src, len, &err, &errline);
  if (!root) {
    fprintf(stderr, "csp: %s:%d: not valid JSON: %s\n", file, errline, err);
    return 1;
  }
  Msc *m = msc_from_json(root, &err);
  if (!m) {
    fprintf(stderr, "csp: %s: %s\n", file, err);
    return 1;
  }
  if (html) return msc_html(m, html) ? 0 : 1;
  msc_text(m, stdout);
  return 0;
}

/* ====================================================================
** csp explore FILE
** ==================================================================== */

typedef struct Outcome {
  const char *kind;      /* "output", "panic", "deadlock", "leak", "timeout", "exit N" */
  const char *key;       /* what makes two runs the same outcome */
  const char *show;      /* a few lines to show */
  int count;
  uint64_t min_seed;
  const char *how;       /* the flags that reproduce it */
} Outcome;

static char *read_all_fd(int fd, size_t *len) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "");
  lseek(fd, 0, SEEK_SET);
  char buf[8192];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) sb_putn(&b, buf, (size_t)n);
  *len = b.len;
  return b.data;
}

static int tmp_fd(void) {
  char path[] = "/tmp/csp-explore-XXXXXX";
  int fd = mkstemp(path);
  if (fd >= 0) unlink(path);
  return fd;
}

/* Replace every goroutine number in a dump line ("goroutine 12 [") by N: the
** same deadlock in two schedules may number its goroutines differently. */
static const char *normalise(const char *s) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "");
  while (*s) {
    if (strncmp(s, "goroutine ", 10) == 0 || strncmp(s, "goroutines ", 11) == 0) {
      size_t k = s[9] == 's' ? 11 : 10;
      sb_putn(&b, s, k);
      s += k;
      if (*s >= '0' && *s <= '9') {
        sb_putc(&b, 'N');
        while ((*s >= '0' && *s <= '9') || *s == ',' || (*s == ' ' && s[1] >= '0' && s[1] <= '9')) s++;
      }
      continue;
    }
    sb_putc(&b, *s++);
  }
  return b.data;
}

/* The first n lines of s. */
static const char *first_lines(const char *s, int n) {
  const char *p = s;
  for (int i = 0; i < n && *p; i++) {
    const char *nl = strchr(p, '\n');
    if (!nl) { p += strlen(p); break; }
    p = nl + 1;
  }
  return fmt("%.*s", (int)(p - s), s);
}

typedef struct Job {
  pid_t pid;
  int out, err;
  uint64_t seed;
  int preempt;
  struct timespec start;
  bool active;
} Job;

static void classify(Outcome **outs, int *nouts, int *capouts, const char *stdout_s, const char *stderr_s,
                     int status, bool timed_out, uint64_t seed, int preempt, const char *file) {
  const char *kind, *key, *show;
  if (timed_out) {
    kind = "timeout";
    key = "timeout";
    show = first_lines(stdout_s, 3);
  } else if (strstr(stderr_s, "fatal error: all goroutines are asleep - deadlock!")) {
    kind = "deadlock";
    /* the goroutine headers and their top frames, ids removed */
    StrBuf k;
    sb_init(&k);
    sb_puts(&k, "deadlock\n");
    const char *why = strstr(stderr_s, "csp: why each goroutine is blocked:");
    const char *p = why ? why : stderr_s;
    sb_puts(&k, normalise(p));
    key = k.data;
    show = why ? first_lines(why, 6) : first_lines(stderr_s, 6);
  } else if (strncmp(stderr_s, "panic: ", 7) == 0 || strstr(stderr_s, "\npanic: ")) {
    kind = "panic";
    const char *p = strncmp(stderr_s, "panic: ", 7) == 0 ? stderr_s : strstr(stderr_s, "\npanic: ") + 1;
    key = fmt("panic\n%s", first_lines(p, 1));
    show = first_lines(p, 1);
  } else if (status != 0 && status != 3) {
    kind = fmt("exit %d", status);
    key = fmt("exit %d\n%s", status, first_lines(stderr_s, 1));
    show = first_lines(stderr_s, 2);
  } else {
    const char *leak = strstr(stderr_s, "csp: ");
    if (leak && (strstr(leak, "leaked") || strstr(leak, "still blocked"))) {
      /* the same goroutines left behind (by where they were created), the
      ** same output: one outcome, whatever state each was caught in */
      kind = "leak";
      StrBuf k;
      sb_init(&k);
      sb_printf(&k, "leak\n%s\n", stdout_s);
      const char *c = leak, *note = strstr(leak, "csp: note:");
      while ((c = strstr(c, "created by ")) != NULL && (!note || c < note)) {
        const char *nl = strchr(c, '\n');
        int n = nl ? (int)(nl - c) : (int)strlen(c);
        sb_printf(&k, "%.*s\n", n, c);
        c += n;
      }
      key = k.data;
      show = first_lines(leak, 4);
    } else {
      kind = "output";
      key = fmt("output\n%s", stdout_s);
      show = first_lines(stdout_s, 4);
    }
  }
  for (int i = 0; i < *nouts; i++) {
    Outcome *o = &(*outs)[i];
    if (strcmp(o->key, key) == 0) {
      o->count++;
      if (seed < o->min_seed) {
        o->min_seed = seed;
        o->show = show;
        o->how = preempt ? fmt("--seed %llu --preempt-every=%d", (unsigned long long)seed, preempt)
                         : fmt("--seed %llu", (unsigned long long)seed);
      }
      return;
    }
  }
  if (*nouts == *capouts) {
    int nc = *capouts ? *capouts * 2 : 16;
    Outcome *n = GC_MALLOC(sizeof(Outcome) * (size_t)nc);
    if (*nouts) memcpy(n, *outs, sizeof(Outcome) * (size_t)*nouts);
    *outs = n;
    *capouts = nc;
  }
  Outcome *o = &(*outs)[(*nouts)++];
  o->kind = kind;
  o->key = key;
  o->show = show;
  o->count = 1;
  o->min_seed = seed;
  o->how = preempt ? fmt("--seed %llu --preempt-every=%d", (unsigned long long)seed, preempt)
                   : fmt("--seed %llu", (unsigned long long)seed);
  (void)file;
}

static double elapsed(struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The schedule of run i: seeds 1..N; every other run also preempts often
** (a small budget per slice), which finds races in short critical sections
** quickly. */
static int preempt_for(int i) {
  static const int budgets[] = {1, 2, 3, 5, 8, 13};
  return i % 2 == 1 ? budgets[(i / 2) % 6] : 0;
}

int teach_explore(int argc, char **argv) {
  const char *file = NULL;
  int runs = 100, jobs = 0;
  double timeout = 10;
  bool verbose = false, leaks = true;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i], *v;
    if (is_flag(a, "--runs", &v)) {
      if (!v) v = i + 1 < argc ? argv[++i] : "";
      runs = atoi(v);
      if (runs < 1 || runs > 1000000) {
        fprintf(stderr, "csp explore: --runs needs a number from 1 to 1000000\n");
        return 1;
      }
    } else if (is_flag(a, "--jobs", &v)) {
      if (!v) v = i + 1 < argc ? argv[++i] : "";
      jobs = atoi(v);
    } else if (is_flag(a, "--timeout", &v)) {
      if (!v) v = i + 1 < argc ? argv[++i] : "";
      timeout = atof(v);
      if (timeout <= 0) timeout = 10;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      verbose = true;
    } else if (strcmp(a, "--no-leaks") == 0) {
      leaks = false;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "csp explore: unknown flag %s\n"
                      "usage: csp explore FILE [--runs N] [--jobs N] [--timeout SECONDS] [--no-leaks] [-v]\n", a);
      return 1;
    } else if (!file) {
      file = a;
    } else {
      fprintf(stderr, "csp explore: one program at a time\n");
      return 1;
    }
  }
  if (!file) {
    fprintf(stderr, "usage: csp explore FILE [--runs N] [--jobs N] [--timeout SECONDS] [--no-leaks] [-v]\n");
    return 1;
  }
  if (access(file, R_OK) != 0) {
    fprintf(stderr, "csp: cannot read %s: %s\n", file, strerror(errno));
    return 1;
  }
  if (jobs <= 0) {
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = nc > 0 ? (int)nc : 1;
    if (jobs > 8) jobs = 8;
  }
  char self[4096];
  ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
  if (sl <= 0) {
    fprintf(stderr, "csp explore: cannot find the csp executable (/proc/self/exe)\n");
    return 1;
  }
  self[sl] = 0;

  Outcome *outs = NULL;
  int nouts = 0, capouts = 0;
  Job *js = GC_MALLOC(sizeof(Job) * (size_t)jobs);
  int next = 0, done = 0;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (done < runs) {
    /* start jobs */
    for (int j = 0; j < jobs && next < runs; j++) {
      if (js[j].active) continue;
      int out = tmp_fd(), err = tmp_fd();
      if (out < 0 || err < 0) {
        fprintf(stderr, "csp explore: cannot create temporary files: %s\n", strerror(errno));
        return 1;
      }
      uint64_t seed = (uint64_t)next + 1;
      int pre = preempt_for(next);
      char seedarg[32], prearg[48];
      snprintf(seedarg, sizeof seedarg, "--seed=%llu", (unsigned long long)seed);
      snprintf(prearg, sizeof prearg, "--preempt-every=%d", pre);
      char *args[10];
      int na = 0;
      args[na++] = self;
      args[na++] = seedarg;
      if (pre) args[na++] = prearg;
      if (leaks) args[na++] = (char *)"--leaks";
      args[na++] = (char *)"run";
      args[na++] = (char *)file;
      args[na] = NULL;
      fflush(stdout);
      fflush(stderr);
      pid_t pid = fork();
      if (pid < 0) {
        fprintf(stderr, "csp explore: fork: %s\n", strerror(errno));
        return 1;
      }
      if (pid == 0) {
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) dup2(nul, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(self, args);
        _exit(127);
      }
      js[j] = (Job){pid, out, err, seed, pre, {0, 0}, true};
      clock_gettime(CLOCK_MONOTONIC, &js[j].start);
      next++;
    }
    /* reap */
    bool any = false;
    for (int j = 0; j < jobs; j++) {
      if (!js[j].active) continue;
      int st = 0;
      pid_t r = waitpid(js[j].pid, &st, WNOHANG);
      bool timed_out = false;
      if (r == 0) {
        if (elapsed(&js[j].start) < timeout) continue;
        kill(js[j].pid, SIGKILL);
        waitpid(js[j].pid, &st, 0);
        timed_out = true;
      }
      any = true;
      size_t lo, le;
      char *so = read_all_fd(js[j].out, &lo), *se = read_all_fd(js[j].err, &le);
      close(js[j].out);
      close(js[j].err);
      int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
      if (status == 1 && strstr(se, ": error") && nouts == 0 && done == 0) {
        fputs(se, stderr);   /* a compile error: the same for every schedule */
        return 1;
      }
      classify(&outs, &nouts, &capouts, so, se, status, timed_out, js[j].seed, js[j].preempt, file);
      if (verbose)
        fprintf(stderr, "run %llu%s: %s\n", (unsigned long long)js[j].seed,
                js[j].preempt ? fmt(" (preempt %d)", js[j].preempt) : "",
                timed_out ? "timeout" : fmt("exit %d", status));
      js[j].active = false;
      done++;
    }
    if (!any) {
      struct timespec ts = {0, 2000000};
      nanosleep(&ts, NULL);
    }
  }
  /* most frequent first */
  for (int i = 1; i < nouts; i++)
    for (int j = i; j > 0 && (outs[j].count > outs[j - 1].count ||
                              (outs[j].count == outs[j - 1].count && outs[j].min_seed < outs[j - 1].min_seed));
         j--) {
      Outcome t = outs[j];
      outs[j] = outs[j - 1];
      outs[j - 1] = t;
    }
  printf("csp explore: %d runs of %s (seeds 1-%d; every other run preempts every 1-13 units)\n", runs, file,
         runs);
  printf("%d distinct outcome%s in %.1fs:\n", nouts, nouts == 1 ? "" : "s", elapsed(&t0));
  bool bad = nouts > 1;
  int shown = 0, hidden_runs = 0;
  for (int i = 0; i < nouts; i++) {
    Outcome *o = &outs[i];
    if (strcmp(o->kind, "output") != 0) bad = true;
    if (shown >= 8 && !verbose) {
      hidden_runs += o->count;
      continue;
    }
    shown++;
    printf("\n%5d run%s  %-8s  smallest seed: csp %s %s\n", o->count, o->count == 1 ? " " : "s", o->kind, o->how,
           file);
    const char *p = o->show;
    while (p && *p) {
      const char *nl = strchr(p, '\n');
      int n = nl ? (int)(nl - p) : (int)strlen(p);
      printf("         | %.*s\n", n > 68 ? 68 : n, p);
      if (!nl) break;
      p = nl + 1;
    }
  }
  if (nouts > shown)
    printf("\n... and %d more outcomes (%d runs; -v lists them all)\n", nouts - shown, hidden_runs);
  if (nouts == 1 && !bad) printf("\none outcome: no schedule-dependent behaviour found\n");
  fflush(stdout);
  return bad ? 3 : 0;
}
