/*
** net.c -- package net over the netpoller (vm/netpoll.h): TCP over IPv4.
**
**   Listen("tcp", "127.0.0.1:0") *TCPListener: Accept, Close, Addr
**   Dial, DialTimeout                  *TCPConn: Read, Write, Close, CloseWrite,
**                                      LocalAddr, RemoteAddr, Set*Deadline
**   *TCPAddr {IP, Port, Zone} with String/Network; ErrClosed; *OpError with
**   Error/Unwrap/Timeout/Temporary; the Conn, Listener, Addr, Error interfaces.
**
** Blocking: every socket is non-blocking. An operation that gets EAGAIN parks
** its goroutine on the PollDesc (NATIVE_PARK) and re-runs when readied; a
** native called back from native code (f->c_depth > 0) cannot park and blocks
** its worker in poll(2) instead (netpoll_block). State kept across parks:
** Write's progress in f->native_phase (bytes written), Dial's socket in
** f->native_phase (fd + 1).
**
** io integration: io.c's ext_read calls net_ext_read (reads that may park,
** from bufio and the io functions, which propagate NATIVE_PARK and are
** restartable), and io.ReadAll/ReadFull/Copy call net_io_func first, which
** runs them here with their progress saved on the PollDesc (state_owner) so
** that a park loses nothing. os.Stdin is polled the same way when it is a
** pipe or a terminal (not in deterministic mode).
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/netpoll.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

bool sched_is_deterministic(void);   /* vm/sched.c */

#define TIME_BIAS ((int64_t)1 << 62)
#define NS_PER_SEC 1000000000LL

/* A write through net_write_to that parked: its progress, found again when
** the same fiber re-runs the same write (same length). pd->lock. */
typedef struct WProgress {
  Fiber *f;
  size_t n, done;
  struct WProgress *next;
} WProgress;

typedef struct NetConn {
  PollDesc *pd;
  WProgress *wprog;
  Value laddr, raddr;      /* *TCPAddr */
  const char *lstr, *rstr; /* their String() */
} NetConn;

typedef struct NetListener {
  PollDesc *pd;
  Value addr;
  const char *astr;
} NetListener;

typedef struct OpErr {
  const char *msg;
  Value wrap;
  bool timeout;
} OpErr;

static NativeClass conn_cls = {"*net.TCPConn", NULL, NULL, NULL};
static NativeClass listener_cls = {"*net.TCPListener", NULL, NULL, NULL};
static NativeClass operr_cls = {"*net.OpError", NULL, NULL, NULL};
static Type *tcpaddr_type;            /* net.TCPAddr (named struct) */
static Value err_closed;              /* net.ErrClosed */
static Value err_deadline;            /* os.ErrDeadlineExceeded */
static PollDesc *stdin_pd;
static pthread_mutex_t stdin_lock = PTHREAD_MUTEX_INITIALIZER;
static bool stdin_checked;

/* {====================================================================
** Helpers: objects, addresses, errors
** ===================================================================== */

static void *obj_of(Value v, const NativeClass *cls) { return native_data_of(v, cls); }

static int nil_recv(Fiber *f) {
  vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return NATIVE_PANIC;
}

static const char *addr_string(const struct sockaddr_in *sa) {
  char ip[INET_ADDRSTRLEN], buf[64];
  inet_ntop(AF_INET, &sa->sin_addr, ip, sizeof ip);
  snprintf(buf, sizeof buf, "%s:%d", ip, ntohs(sa->sin_port));
  return GC_STRDUP(buf);
}

/* A *net.TCPAddr value. Go prints the wildcard listener address as "[::]". */
static Value mk_addr(const struct sockaddr_in *sa) {
  ObjStruct *s = struct_new(tcpaddr_type);
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &sa->sin_addr, ip, sizeof ip);
  s->f[0] = mk_cstr(ip);
  s->f[1] = INT_VAL(ntohs(sa->sin_port));
  s->f[2] = mk_cstr("");
  return PTR_VAL(PTR_STRUCT, s, 0);
}

static const char *addr_text(ObjStruct *s) {
  const char *ip = s->f[0].kind == VAL_STR ? AS_STR(s->f[0])->data : "";
  int64_t port = s->f[1].kind == VAL_INT ? s->f[1].as.i : 0;
  char buf[128];
  if (!*ip || strcmp(ip, "0.0.0.0") == 0) snprintf(buf, sizeof buf, "[::]:%lld", (long long)port);
  else snprintf(buf, sizeof buf, "%s:%lld", ip, (long long)port);
  return GC_STRDUP(buf);
}

/* Go's errno text: glibc's with a lower-case first letter. */
static const char *errno_text(int e) {
  static __thread char buf[128];
  snprintf(buf, sizeof buf, "%s", strerror(e));
  if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] = (char)(buf[0] - 'A' + 'a');
  return buf;
}

static Value mk_operr(const char *msg, Value wrap, bool timeout) {
  OpErr *e = NEW(OpErr);
  e->msg = GC_STRDUP(msg);
  e->wrap = wrap;
  e->timeout = timeout;
  return obj_new(&operr_cls, e);
}

/* "op tcp [src->]dst: inner" */
static Value op_error(const char *op, const char *src, const char *dst, Value inner,
                      const char *inner_text, bool timeout) {
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "%s tcp ", op);
  if (src) sb_printf(&b, "%s->", src);
  if (dst) sb_printf(&b, "%s: ", dst);
  else b.len -= 1, sb_puts(&b, ": ");
  sb_puts(&b, inner_text);
  return mk_operr(b.data, inner, timeout);
}

static Value conn_err(NetConn *c, const char *op, int kind, int e) {
  if (kind == NP_TIMEOUT) return op_error(op, c->lstr, c->rstr, err_deadline, "i/o timeout", true);
  if (kind == NP_CLOSED)
    return op_error(op, c->lstr, c->rstr, err_closed, "use of closed network connection", false);
  char inner[256];
  snprintf(inner, sizeof inner, "%s: %s", op, errno_text(e));
  if (e == EPIPE) snprintf(inner, sizeof inner, "%s: broken pipe", op);
  if (e == ECONNRESET) snprintf(inner, sizeof inner, "%s: connection reset by peer", op);
  return op_error(op, c->lstr, c->rstr, mk_error(inner), inner, false);
}

/* Parse "host:port" (host: IPv4 literal, "localhost", empty, or a name). */
static bool parse_addr(const char *s, struct sockaddr_in *sa, bool passive, const char **why) {
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  const char *colon = strrchr(s, ':');
  if (!colon) {
    *why = "missing port in address";
    return false;
  }
  char host[256];
  size_t hl = (size_t)(colon - s);
  if (hl >= sizeof host) {
    *why = "no such host";
    return false;
  }
  memcpy(host, s, hl);
  host[hl] = 0;
  if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
    *why = "IPv6 is not supported";
    return false;
  }
  char *end;
  const char *ps = colon + 1;
  long port = strtol(ps, &end, 10);
  if (!*ps || *end || port < 0 || port > 65535) {
    *why = "invalid port";
    return false;
  }
  sa->sin_port = htons((uint16_t)port);
  if (hl == 0) {
    sa->sin_addr.s_addr = htonl(passive ? INADDR_ANY : INADDR_LOOPBACK);
    return true;
  }
  if (strcmp(host, "localhost") == 0) {
    sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return true;
  }
  if (inet_pton(AF_INET, host, &sa->sin_addr) == 1) return true;
  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res = NULL;
  if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res) {
    *why = "no such host";
    return false;
  }
  sa->sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
  freeaddrinfo(res);
  return true;
}

/* time.Time (unix ns + TIME_BIAS, 0 = zero Time) -> sched_now() deadline. */
static int64_t deadline_of(Value t) {
  int64_t v = t.kind == VAL_INT ? t.as.i : 0;
  if (v == 0) return 0;
  int64_t unix_ns = v - TIME_BIAS;
  int64_t wall;
  if (sched_is_deterministic()) {
    wall = 1257894000LL * NS_PER_SEC + sched_now();
  } else {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    wall = (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
  }
  int64_t d = sched_now() + (unix_ns - wall);
  return d <= 0 ? 1 : d;
}

static NetConn *conn_new(int fd) {
  NetConn *c = NEW(NetConn);
  c->pd = netpoll_open(fd, false);
  struct sockaddr_in la, ra;
  socklen_t ll = sizeof la, rl = sizeof ra;
  memset(&la, 0, sizeof la);
  memset(&ra, 0, sizeof ra);
  getsockname(fd, (struct sockaddr *)&la, &ll);
  getpeername(fd, (struct sockaddr *)&ra, &rl);
  c->laddr = mk_addr(&la);
  c->raddr = mk_addr(&ra);
  c->lstr = addr_string(&la);
  c->rstr = addr_string(&ra);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return c;
}

/* }==================================================================== */

/* {====================================================================
** Reading and writing (shared by the methods and the io hooks)
** ===================================================================== */

/* Read up to n bytes. Returns the count (>= 0) with *err set, or NATIVE_PARK
** (f parked; call again when readied). */
static int conn_read(Fiber *f, NetConn *c, char *buf, size_t n, Value *err) {
  *err = NIL_VAL;
  PollDesc *pd = c->pd;
  for (;;) {
    if (atomic_load(&pd->closing)) {
      *err = conn_err(c, "read", NP_CLOSED, 0);
      return 0;
    }
    if (netpoll_expired(pd, NP_READ)) {
      *err = conn_err(c, "read", NP_TIMEOUT, 0);
      return 0;
    }
    if (n == 0) return 0;
    uint32_t seq = netpoll_seq(pd, NP_READ);
    if (!netpoll_op_begin(pd)) continue;
    ssize_t k = recv(pd->fd, buf, n, 0);
    int e = errno;
    netpoll_op_end(pd);
    if (k > 0) return (int)k;
    if (k == 0) {
      *err = io_eof_value();
      return 0;
    }
    if (e == EINTR) continue;
    if (e != EAGAIN && e != EWOULDBLOCK) {
      *err = conn_err(c, "read", -1, e);
      return 0;
    }
    int rc = f && f->c_depth == 0 ? netpoll_park(pd, NP_READ, f, seq) : netpoll_block(pd, NP_READ);
    if (rc == NP_PARKED) return NATIVE_PARK;
    if (rc == NP_RETRY) continue;
    *err = conn_err(c, "read", rc, 0);
    return 0;
  }
}

/* Write p[*done..n). Returns 0 when finished or failed (*err), or NATIVE_PARK
** with *done updated (f parked). */
static int conn_write(Fiber *f, NetConn *c, const char *p, size_t n, size_t *done, Value *err) {
  *err = NIL_VAL;
  PollDesc *pd = c->pd;
  for (;;) {
    if (atomic_load(&pd->closing)) {
      *err = conn_err(c, "write", NP_CLOSED, 0);
      return 0;
    }
    if (netpoll_expired(pd, NP_WRITE)) {
      *err = conn_err(c, "write", NP_TIMEOUT, 0);
      return 0;
    }
    if (*done >= n) return 0;
    uint32_t seq = netpoll_seq(pd, NP_WRITE);
    if (!netpoll_op_begin(pd)) continue;
    ssize_t k = send(pd->fd, p + *done, n - *done, MSG_NOSIGNAL);
    int e = errno;
    netpoll_op_end(pd);
    if (k >= 0) {
      *done += (size_t)k;
      continue;
    }
    if (e == EINTR) continue;
    if (e != EAGAIN && e != EWOULDBLOCK) {
      *err = conn_err(c, "write", -1, e);
      return 0;
    }
    int rc = f && f->c_depth == 0 ? netpoll_park(pd, NP_WRITE, f, seq) : netpoll_block(pd, NP_WRITE);
    if (rc == NP_PARKED) return NATIVE_PARK;
    if (rc == NP_RETRY) continue;
    *err = conn_err(c, "write", rc, 0);
    return 0;
  }
}

/* os.Stdin through the poller: a pipe or terminal, not in deterministic mode
** (reads there stay blocking and ordered). NULL: read it the old way. */
static PollDesc *stdin_poll(void) {
  pthread_mutex_lock(&stdin_lock);
  if (!stdin_checked) {
    stdin_checked = true;
    if (!sched_is_deterministic()) {
      PollDesc *pd = netpoll_open(0, true);
      if (pd->registered) {
        pd->keep_fd = true;
        stdin_pd = pd;
      }
    }
  }
  pthread_mutex_unlock(&stdin_lock);
  return stdin_pd;
}

/* Read from stdin (blocking fd): wait for readability, then read(2). */
static int stdin_read(Fiber *f, PollDesc *pd, char *buf, size_t n, Value *err) {
  *err = NIL_VAL;
  if (n == 0) return 0;
  size_t got = fmt_stdin_unread(buf, n);
  if (got) return (int)got;
  stdlib_flush_stdout();   /* a prompt shows before we wait */
  for (;;) {
    uint32_t seq = netpoll_seq(pd, NP_READ);
    struct pollfd p = {.fd = 0, .events = POLLIN};
    int r = poll(&p, 1, 0);
    if (r > 0) {
      ssize_t k;
      do k = read(0, buf, n); while (k < 0 && errno == EINTR);
      if (k < 0) {
        *err = mk_error(errno_text(errno));
        return 0;
      }
      if (k == 0) *err = io_eof_value();
      return (int)k;
    }
    int rc = f && f->c_depth == 0 ? netpoll_park(pd, NP_READ, f, seq) : netpoll_block(pd, NP_READ);
    if (rc == NP_PARKED) return NATIVE_PARK;
  }
}

/* stdlib_write_to, except that a write to a *net.TCPConn from a native
** called by the VM parks (NATIVE_PARK) instead of blocking the worker. The
** caller must be restartable (bufio.Writer, fmt.Fprint*, io.WriteString,
** json.Encoder): when it re-runs the same write, the bytes already sent are
** skipped. Returns the bytes written or NATIVE_PANIC / NATIVE_PARK. */
int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err);
int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) {
  NetConn *c = obj_of(w, &conn_cls);
  if (!c || !f || f->c_depth > 0) return stdlib_write_to(f, w, p, n, err);
  size_t done = 0;
  pthread_mutex_lock(&c->pd->lock);
  for (WProgress **pp = &c->wprog; *pp; pp = &(*pp)->next) {
    if ((*pp)->f == f) {
      if ((*pp)->n == n) done = (*pp)->done;
      *pp = (*pp)->next;
      break;
    }
  }
  pthread_mutex_unlock(&c->pd->lock);
  int k = conn_write(f, c, p, n, &done, err);
  if (k == NATIVE_PARK) {
    /* f is parked with pd->lock held (released by the worker): add the
    ** record now, under that same lock */
    WProgress *wp = NEW(WProgress);
    wp->f = f;
    wp->n = n;
    wp->done = done;
    wp->next = c->wprog;
    c->wprog = wp;
    return NATIVE_PARK;
  }
  return (int)done;
}

/* A reader we can park on: a conn, or stdin when pollable. */
typedef struct Src {
  NetConn *c;
  PollDesc *stdin_pd;
} Src;

static bool src_of(Value r, Src *s) {
  s->c = obj_of(r, &conn_cls);
  s->stdin_pd = NULL;
  if (s->c) return true;
  int fd;
  if (os_file_fd(r, &fd) && fd == 0) {
    s->stdin_pd = stdin_poll();
    return s->stdin_pd != NULL;
  }
  return false;
}

static int src_read(Fiber *f, Src *s, char *buf, size_t n, Value *err) {
  if (s->c) return conn_read(f, s->c, buf, n, err);
  return stdin_read(f, s->stdin_pd, buf, n, err);
}

static PollDesc *src_pd(Src *s) { return s->c ? s->c->pd : s->stdin_pd; }

/* io.c's ext_read: reads from a conn or a pollable stdin (may park: the
** callers propagate NATIVE_PARK and are restartable). */
bool net_ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err, int *k);
bool net_ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err, int *k) {
  Src s;
  if (!src_of(r, &s)) return false;
  *k = src_read(f, &s, buf, n, err);
  return true;
}

/* }==================================================================== */

/* {====================================================================
** io.ReadAll / io.ReadFull / io.Copy over a conn or stdin
** ===================================================================== */

typedef struct IoState {
  int which;
  StrBuf acc;          /* ReadAll: bytes so far; ReadFull: bytes so far */
  char *chunk;         /* Copy: the chunk being written */
  size_t clen, cdone;  /* its length and how much was written */
  int64_t total;       /* Copy: bytes written */
} IoState;

static bool is_eof(Value e) {
  Value eof = io_eof_value();
  return !IS_NIL(e) && e.kind == eof.kind && e.as.p == eof.as.p;
}

/* The saved state of f's call on pd, or a fresh one. */
static IoState *state_get(PollDesc *pd, Fiber *f, int which) {
  IoState *st = pd->state;
  if (pd->state_owner == f && st && st->which == which && f->resumed) return st;
  st = NEW(IoState);
  st->which = which;
  sb_init(&st->acc);
  pd->state = st;
  pd->state_owner = f;
  return st;
}

static void state_done(PollDesc *pd, Fiber *f) {
  if (pd->state_owner == f) {
    pd->state = NULL;
    pd->state_owner = NULL;
  }
}

int net_io_func(Fiber *f, int which, Value *args, int nargs, Value *res);
int net_io_func(Fiber *f, int which, Value *args, int nargs, Value *res) {
  enum { NOT_MINE = -4 };
  if (nargs < (which == 0 ? 1 : 2)) return NOT_MINE;
  Src s;
  if (which == 0 || which == 1) {
    if (!src_of(args[0], &s)) return NOT_MINE;
    PollDesc *pd = src_pd(&s);
    IoState *st = state_get(pd, f, which);
    int64_t want = -1;
    Value *dst = NULL;
    if (which == 1) dst = seq_elems(args[1], &want);
    for (;;) {
      size_t chunk = 4096;
      if (which == 1) {
        if ((int64_t)st->acc.len >= want) break;
        chunk = (size_t)(want - (int64_t)st->acc.len);
      } else if (st->acc.len > 4096) {
        chunk = st->acc.len < 1 << 20 ? st->acc.len : 1 << 20;
      }
      sb_reserve(&st->acc, chunk);
      Value err;
      int k = src_read(f, &s, st->acc.data + st->acc.len, chunk, &err);
      if (k == NATIVE_PARK) return NATIVE_PARK;
      st->acc.len += (size_t)k;
      if (!IS_NIL(err)) {
        state_done(pd, f);
        if (which == 0) {
          res[0] = mk_bytes(st->acc.data ? st->acc.data : "", st->acc.len);
          res[1] = is_eof(err) ? NIL_VAL : err;
          return 2;
        }
        for (size_t i = 0; i < st->acc.len; i++) dst[i] = BYTE_VAL((unsigned char)st->acc.data[i]);
        res[0] = INT_VAL((int64_t)st->acc.len);
        if (st->acc.len > 0 && is_eof(err)) {
          const PkgMember *m = api_lookup("io", "ErrUnexpectedEOF");
          err = m && m->kind == MEMBER_VAR ? vm_globals[m->global] : mk_error("unexpected EOF");
        }
        res[1] = err;
        return 2;
      }
    }
    /* ReadFull: filled */
    state_done(pd, f);
    for (size_t i = 0; i < st->acc.len; i++) dst[i] = BYTE_VAL((unsigned char)st->acc.data[i]);
    res[0] = INT_VAL((int64_t)st->acc.len);
    res[1] = NIL_VAL;
    return 2;
  }
  /* Copy(dst, src) */
  NetConn *dc = obj_of(args[0], &conn_cls);
  bool src_ok = src_of(args[1], &s);
  if (!src_ok && !dc) return NOT_MINE;
  PollDesc *pd = src_ok ? src_pd(&s) : dc->pd;
  IoState *st = state_get(pd, f, 2);
  if (!st->chunk) st->chunk = GC_MALLOC_ATOMIC(32 * 1024);
  for (;;) {
    if (st->cdone < st->clen) {
      Value werr = NIL_VAL;
      if (dc) {
        int k = conn_write(f, dc, st->chunk, st->clen, &st->cdone, &werr);
        if (k == NATIVE_PARK) return NATIVE_PARK;
      } else {
        int w = stdlib_write_to(f, args[0], st->chunk + st->cdone, st->clen - st->cdone, &werr);
        if (w == NATIVE_PANIC) {
          state_done(pd, f);
          return NATIVE_PANIC;
        }
        st->cdone += (size_t)(w > 0 ? w : 0);
      }
      st->total += (int64_t)st->cdone;
      st->clen = st->cdone = 0;
      if (!IS_NIL(werr)) {
        state_done(pd, f);
        res[0] = INT_VAL(st->total);
        res[1] = werr;
        return 2;
      }
    }
    Value err;
    int k;
    if (src_ok) k = src_read(f, &s, st->chunk, 32 * 1024, &err);
    else k = ext_read(f, args[1], st->chunk, 32 * 1024, &err);
    if (k == NATIVE_PARK) return NATIVE_PARK;
    if (k == NATIVE_PANIC) {
      state_done(pd, f);
      return NATIVE_PANIC;
    }
    st->clen = (size_t)k;
    st->cdone = 0;
    if (!IS_NIL(err)) {
      if (k > 0) {   /* write what came with the error first (no park: finish it) */
        Value werr = NIL_VAL;
        if (dc) {
          size_t d = 0;
          Fiber *nf = NULL;   /* block rather than park: the error must not be lost */
          conn_write(nf, dc, st->chunk, st->clen, &d, &werr);
          st->total += (int64_t)d;
        } else {
          int w = stdlib_write_to(f, args[0], st->chunk, st->clen, &werr);
          if (w == NATIVE_PANIC) {
            state_done(pd, f);
            return NATIVE_PANIC;
          }
          st->total += w;
        }
        if (!IS_NIL(werr)) err = werr;
      }
      state_done(pd, f);
      res[0] = INT_VAL(st->total);
      res[1] = is_eof(err) ? NIL_VAL : err;
      return 2;
    }
  }
}

/* }==================================================================== */

/* {====================================================================
** Conn methods
** ===================================================================== */

static int c_read(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  int64_t n = 0;
  Value *dst = nargs > 1 ? seq_elems(args[1], &n) : NULL;
  char stackbuf[4096];
  char *buf = n <= (int64_t)sizeof stackbuf ? stackbuf : GC_MALLOC_ATOMIC((size_t)n);
  Value err;
  int k = conn_read(f, c, buf, (size_t)n, &err);
  if (k == NATIVE_PARK) return NATIVE_PARK;
  for (int i = 0; i < k; i++) dst[i] = BYTE_VAL((unsigned char)buf[i]);
  res[0] = INT_VAL(k);
  res[1] = err;
  return 2;
}

static int c_write(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  StrBuf b;
  sb_init(&b);
  if (nargs < 2 || !bytes_of(args[1], &b))
    return arg_error(f, "(*net.TCPConn).Write", 0, "[]byte", nargs > 1 ? args[1] : NIL_VAL);
  size_t done = f->resumed ? (size_t)f->native_phase : 0;
  Value err;
  int k = conn_write(f, c, b.data ? b.data : "", b.len, &done, &err);
  if (k == NATIVE_PARK) {
    f->native_phase = (int)done;
    return NATIVE_PARK;
  }
  res[0] = INT_VAL((int64_t)done);
  res[1] = err;
  return 2;
}

static int c_close(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  res[0] = netpoll_close(c->pd) ? NIL_VAL : conn_err(c, "close", NP_CLOSED, 0);
  return 1;
}

static int c_closewrite(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  if (!netpoll_op_begin(c->pd)) {
    res[0] = conn_err(c, "close", NP_CLOSED, 0);
    return 1;
  }
  shutdown(c->pd->fd, SHUT_WR);
  netpoll_op_end(c->pd);
  res[0] = NIL_VAL;
  return 1;
}

static int sockopt(Fiber *f, Value *args, int nargs, Value *res, int level, int opt) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  int on = nargs > 1 && args[1].kind == VAL_BOOL && args[1].as.b;
  if (!netpoll_op_begin(c->pd)) {
    res[0] = conn_err(c, "set", NP_CLOSED, 0);
    return 1;
  }
  setsockopt(c->pd->fd, level, opt, &on, sizeof on);
  netpoll_op_end(c->pd);
  res[0] = NIL_VAL;
  return 1;
}

static int c_setnodelay(Fiber *f, Value *a, int n, Value *r) {
  return sockopt(f, a, n, r, IPPROTO_TCP, TCP_NODELAY);
}

static int c_setkeepalive(Fiber *f, Value *a, int n, Value *r) {
  return sockopt(f, a, n, r, SOL_SOCKET, SO_KEEPALIVE);
}

static int c_laddr(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  res[0] = c->laddr;
  return 1;
}

static int c_raddr(Fiber *f, Value *args, int nargs, Value *res) {
  NetConn *c = obj_of(args[0], &conn_cls);
  if (!c) return nil_recv(f);
  res[0] = c->raddr;
  return 1;
}

static int set_deadline(Fiber *f, Value *args, int nargs, Value *res, int which) {
  NetConn *c = obj_of(args[0], &conn_cls);
  NetListener *l = c ? NULL : obj_of(args[0], &listener_cls);
  if (!c && !l) return nil_recv(f);
  PollDesc *pd = c ? c->pd : l->pd;
  if (atomic_load(&pd->closing)) {
    res[0] = c ? conn_err(c, "set", NP_CLOSED, 0)
               : op_error("set", NULL, l->astr, err_closed, "use of closed network connection", false);
    return 1;
  }
  int64_t dl = deadline_of(nargs > 1 ? args[1] : NIL_VAL);
  if (which != NP_WRITE) netpoll_set_deadline(pd, NP_READ, dl);
  if (which != NP_READ) netpoll_set_deadline(pd, NP_WRITE, dl);
  res[0] = NIL_VAL;
  return 1;
}

static int c_setdeadline(Fiber *f, Value *a, int n, Value *r) { return set_deadline(f, a, n, r, 2); }
static int c_setrdeadline(Fiber *f, Value *a, int n, Value *r) { return set_deadline(f, a, n, r, NP_READ); }
static int c_setwrdeadline(Fiber *f, Value *a, int n, Value *r) { return set_deadline(f, a, n, r, NP_WRITE); }

/* }==================================================================== */

/* {====================================================================
** Listen, Accept, Dial
** ===================================================================== */

static bool check_network(Fiber *f, const char *op, Value net, const char *addr, Value *errv) {
  const char *n = net.kind == VAL_STR ? AS_STR(net)->data : "";
  if (strcmp(n, "tcp") == 0 || strcmp(n, "tcp4") == 0) return true;
  char msg[300];
  snprintf(msg, sizeof msg, "%s %s: unknown network %s", op, n, n);
  if (strcmp(n, "tcp6") == 0 || strcmp(n, "udp") == 0 || strcmp(n, "unix") == 0)
    snprintf(msg, sizeof msg, "%s %s %s: csp supports only tcp over IPv4", op, n, addr);
  *errv = mk_operr(msg, NIL_VAL, false);
  return false;
}

#define FNAME "net.Listen"
static int n_listen(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  ARG_STR(1, addr);
  res[0] = type_zero(listener_cls.type);
  if (!check_network(f, "listen", args[0], addr->data, &res[1])) return 2;
  struct sockaddr_in sa;
  const char *why;
  if (!parse_addr(addr->data, &sa, true, &why)) {
    char msg[400];
    snprintf(msg, sizeof msg, "listen tcp: address %s: %s", addr->data, why);
    res[1] = mk_operr(msg, NIL_VAL, false);
    return 2;
  }
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  const char *step = "socket";
  if (fd >= 0) {
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    step = "bind";
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
      step = "listen";
      if (listen(fd, 4096) == 0) step = NULL;
    }
  }
  if (step) {
    int e = errno;
    if (fd >= 0) close(fd);
    char inner[200], msg[400];
    snprintf(inner, sizeof inner, "%s: %s", step, errno_text(e));
    snprintf(msg, sizeof msg, "listen tcp %s: %s", addr->data, inner);
    res[1] = mk_operr(msg, mk_error(inner), false);
    return 2;
  }
  NetListener *l = NEW(NetListener);
  struct sockaddr_in la;
  socklen_t ll = sizeof la;
  getsockname(fd, (struct sockaddr *)&la, &ll);
  l->addr = mk_addr(&la);
  l->astr = addr_text(((Value)l->addr).as.p);
  l->pd = netpoll_open(fd, false);
  res[0] = obj_new(&listener_cls, l);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

static int l_accept(Fiber *f, Value *args, int nargs, Value *res) {
  NetListener *l = obj_of(args[0], &listener_cls);
  if (!l) return nil_recv(f);
  PollDesc *pd = l->pd;
  res[0] = type_zero(conn_cls.type);
  for (;;) {
    int rc = -1;
    if (atomic_load(&pd->closing)) rc = NP_CLOSED;
    else if (netpoll_expired(pd, NP_READ)) rc = NP_TIMEOUT;
    if (rc < 0) {
      uint32_t seq = netpoll_seq(pd, NP_READ);
      if (!netpoll_op_begin(pd)) continue;
      int fd = accept4(pd->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
      int e = errno;
      netpoll_op_end(pd);
      if (fd >= 0) {
        res[0] = obj_new(&conn_cls, conn_new(fd));
        res[1] = NIL_VAL;
        return 2;
      }
      if (e == EINTR || e == ECONNABORTED) continue;
      if (e != EAGAIN && e != EWOULDBLOCK) {
        char inner[200];
        snprintf(inner, sizeof inner, "accept: %s", errno_text(e));
        res[1] = op_error("accept", NULL, l->astr, mk_error(inner), inner, false);
        return 2;
      }
      rc = f->c_depth == 0 ? netpoll_park(pd, NP_READ, f, seq) : netpoll_block(pd, NP_READ);
      if (rc == NP_PARKED) return NATIVE_PARK;
      if (rc == NP_RETRY) continue;
    }
    if (rc == NP_TIMEOUT)
      res[1] = op_error("accept", NULL, l->astr, err_deadline, "i/o timeout", true);
    else
      res[1] = op_error("accept", NULL, l->astr, err_closed, "use of closed network connection", false);
    return 2;
  }
}

static int l_close(Fiber *f, Value *args, int nargs, Value *res) {
  NetListener *l = obj_of(args[0], &listener_cls);
  if (!l) return nil_recv(f);
  res[0] = netpoll_close(l->pd)
               ? NIL_VAL
               : op_error("close", NULL, l->astr, err_closed, "use of closed network connection", false);
  return 1;
}

static int l_addr(Fiber *f, Value *args, int nargs, Value *res) {
  NetListener *l = obj_of(args[0], &listener_cls);
  if (!l) return nil_recv(f);
  res[0] = l->addr;
  return 1;
}

/* Dial / DialTimeout. Phase (f->native_phase): 0 fresh, fd+1 while the
** connect is in progress (parked on writability). */
static int dial(Fiber *f, Value *args, int nargs, Value *res, int64_t timeout) {
  if (nargs < 2 || args[1].kind != VAL_STR)
    return arg_error(f, "net.Dial", 1, "string", nargs > 1 ? args[1] : NIL_VAL);
  const char *addr = AS_STR(args[1])->data;
  res[0] = type_zero(conn_cls.type);
  PollDesc *pd = NULL;
  int fd = -1;
  if (f->resumed && f->native_phase > 0) {
    fd = f->native_phase - 1;
    pd = netpoll_get(fd);
  }
  char dst[300];
  snprintf(dst, sizeof dst, "%s", addr);
  if (!pd) {
    if (!check_network(f, "dial", args[0], addr, &res[1])) return 2;
    struct sockaddr_in sa;
    const char *why;
    if (!parse_addr(addr, &sa, false, &why)) {
      char msg[400];
      if (strcmp(why, "no such host") == 0) {
        char host[260];
        const char *colon = strrchr(addr, ':');
        size_t hl = colon ? (size_t)(colon - addr) : strlen(addr);
        if (hl > 255) hl = 255;
        memcpy(host, addr, hl);
        host[hl] = 0;
        snprintf(msg, sizeof msg, "dial tcp: lookup %s: no such host", host);
      } else {
        snprintf(msg, sizeof msg, "dial tcp: address %s: %s", addr, why);
      }
      res[1] = mk_operr(msg, NIL_VAL, false);
      return 2;
    }
    snprintf(dst, sizeof dst, "%s", addr_string(&sa));
    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      char inner[200];
      snprintf(inner, sizeof inner, "socket: %s", errno_text(errno));
      res[1] = op_error("dial", NULL, dst, mk_error(inner), inner, false);
      return 2;
    }
    int r;
    do r = connect(fd, (struct sockaddr *)&sa, sizeof sa); while (r < 0 && errno == EINTR);
    if (r == 0) {
      res[0] = obj_new(&conn_cls, conn_new(fd));
      res[1] = NIL_VAL;
      return 2;
    }
    if (errno != EINPROGRESS) {
      int e = errno;
      close(fd);
      char inner[200];
      snprintf(inner, sizeof inner, "connect: %s", errno_text(e));
      res[1] = op_error("dial", NULL, dst, mk_error(inner), inner, false);
      return 2;
    }
    pd = netpoll_open(fd, false);
    if (timeout > 0) netpoll_set_deadline(pd, NP_WRITE, sched_now() + timeout);
  } else {
    /* resumed: the address we dial, for messages, from the args again */
    struct sockaddr_in sa;
    const char *why;
    if (parse_addr(addr, &sa, false, &why)) snprintf(dst, sizeof dst, "%s", addr_string(&sa));
  }
  for (;;) {
    uint32_t seq = netpoll_seq(pd, NP_WRITE);
    int soerr = 0;
    socklen_t sl = sizeof soerr;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    bool done = soerr != 0 || (poll(&p, 1, 0) > 0 && (p.revents & (POLLOUT | POLLERR | POLLHUP)));
    if (done && soerr == 0) {
      sl = sizeof soerr;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
    }
    int rc = -1;
    if (!done) {
      rc = f->c_depth == 0 ? netpoll_park(pd, NP_WRITE, f, seq) : netpoll_block(pd, NP_WRITE);
      if (rc == NP_PARKED) {
        f->native_phase = fd + 1;
        return NATIVE_PARK;
      }
      if (rc == NP_RETRY) continue;
    }
    /* finished: success, failure or timeout; the descriptor leaves the
    ** poller (a new PollDesc is made for the conn) */
    pd->keep_fd = true;
    netpoll_close(pd);
    if (rc == NP_TIMEOUT || rc == NP_CLOSED) {
      close(fd);
      res[1] = op_error("dial", NULL, dst, err_deadline, "i/o timeout", true);
      return 2;
    }
    if (soerr != 0) {
      close(fd);
      char inner[200];
      snprintf(inner, sizeof inner, "connect: %s", errno_text(soerr));
      res[1] = op_error("dial", NULL, dst, mk_error(inner), inner, false);
      return 2;
    }
    res[0] = obj_new(&conn_cls, conn_new(fd));
    res[1] = NIL_VAL;
    return 2;
  }
}

static int n_dial(Fiber *f, Value *args, int nargs, Value *res) {
  return dial(f, args, nargs, res, 0);
}

static int n_dialtimeout(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t t = 0;
  if (nargs > 2) to_int(args[2], &t);
  if (nargs > 2 && t < 0 && !(f->resumed && f->native_phase > 0)) {
    res[0] = type_zero(conn_cls.type);
    const char *addr = nargs > 1 && args[1].kind == VAL_STR ? AS_STR(args[1])->data : "";
    res[1] = op_error("dial", NULL, addr, err_deadline, "i/o timeout", true);
    return 2;
  }
  return dial(f, args, nargs, res, t);
}

/* }==================================================================== */

/* JoinHostPort(host, port string) string */
static int n_joinhostport(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 2 || args[0].kind != VAL_STR || args[1].kind != VAL_STR)
    return arg_error(f, "net.JoinHostPort", 0, "string", nargs > 0 ? args[0] : NIL_VAL);
  const char *h = AS_STR(args[0])->data;
  StrBuf b;
  sb_init(&b);
  if (strchr(h, ':')) sb_printf(&b, "[%s]:%s", h, AS_STR(args[1])->data);
  else sb_printf(&b, "%s:%s", h, AS_STR(args[1])->data);
  res[0] = sb_value(&b);
  return 1;
}

/* SplitHostPort(hostport string) (host, port string, err error) */
static int n_splithostport(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 1 || args[0].kind != VAL_STR)
    return arg_error(f, "net.SplitHostPort", 0, "string", nargs > 0 ? args[0] : NIL_VAL);
  ObjString *s = AS_STR(args[0]);
  res[0] = mk_cstr("");
  res[1] = mk_cstr("");
  res[2] = NIL_VAL;
  const char *colon = strrchr(s->data, ':');
  char msg[300];
  if (!colon) {
    snprintf(msg, sizeof msg, "address %s: missing port in address", s->data);
    res[2] = mk_error(msg);
    return 3;
  }
  const char *h = s->data;
  size_t hl = (size_t)(colon - h);
  if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
    h++;
    hl -= 2;
  } else if (memchr(h, ':', hl)) {
    snprintf(msg, sizeof msg, "address %s: too many colons in address", s->data);
    res[2] = mk_error(msg);
    return 3;
  }
  res[0] = mk_str(h, hl);
  res[1] = mk_cstr(colon + 1);
  return 3;
}

/* {====================================================================
** Addr, OpError
** ===================================================================== */

static int a_string(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *s = ext_struct_of(args[0]);
  if (!s) {
    res[0] = mk_cstr("<nil>");
    return 1;
  }
  res[0] = mk_cstr(addr_text(s));
  return 1;
}

static int a_network(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = mk_cstr("tcp");
  return 1;
}

static int e_error(Fiber *f, Value *args, int nargs, Value *res) {
  OpErr *e = obj_of(args[0], &operr_cls);
  if (!e) return nil_recv(f);
  res[0] = mk_cstr(e->msg);
  return 1;
}

static int e_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  OpErr *e = obj_of(args[0], &operr_cls);
  if (!e) return nil_recv(f);
  res[0] = e->wrap;
  return 1;
}

static int e_timeout(Fiber *f, Value *args, int nargs, Value *res) {
  OpErr *e = obj_of(args[0], &operr_cls);
  if (!e) return nil_recv(f);
  res[0] = BOOL_VAL(e->timeout);
  return 1;
}

static int e_temporary(Fiber *f, Value *args, int nargs, Value *res) {
  OpErr *e = obj_of(args[0], &operr_cls);
  if (!e) return nil_recv(f);
  res[0] = BOOL_VAL(e->timeout);
  return 1;
}

/* }==================================================================== */

static Type *iface(const char *name, const char **methods, int n) {
  Type *t = type_named("net", name, type_interface(methods, n));
  api_def_type("net", name, t);
  return t;
}

void stdlib_open_net(void);
void stdlib_open_net(void) {
  const char *P = "net";
  err_closed = mk_error("use of closed network connection");
  api_def_var(P, "ErrClosed", err_closed);
  const PkgMember *m = api_lookup("os", "ErrDeadlineExceeded");
  if (m && m->kind == MEMBER_VAR && vm_globals) {
    err_deadline = vm_globals[m->global];
  } else {
    err_deadline = mk_error("i/o timeout");
    api_def_var("os", "ErrDeadlineExceeded", err_deadline);
  }

  Field fields[3] = {
    {.name = intern("IP"), .type = type_string},
    {.name = intern("Port"), .type = type_int},
    {.name = intern("Zone"), .type = type_string},
  };
  tcpaddr_type = type_named("net", "TCPAddr", type_struct(fields, 3));
  api_def_type(P, "TCPAddr", tcpaddr_type);
  api_def_method(tcpaddr_type, "String", a_string, 0, true);
  api_def_method(tcpaddr_type, "Network", a_network, 0, true);

  iface("Addr", (const char *[]){"Network", "String"}, 2);
  iface("Conn", (const char *[]){"Close", "LocalAddr", "Read", "RemoteAddr", "SetDeadline",
                                 "SetReadDeadline", "SetWriteDeadline", "Write"}, 8);
  iface("Listener", (const char *[]){"Accept", "Addr", "Close"}, 3);
  iface("Error", (const char *[]){"Error", "Temporary", "Timeout"}, 3);

  Type *t = api_def_class(&conn_cls, P, "TCPConn");
  api_def_method(t, "Read", c_read, 1, true);
  api_def_method(t, "Write", c_write, 1, true);
  api_def_method(t, "Close", c_close, 0, true);
  api_def_method(t, "CloseWrite", c_closewrite, 0, true);
  api_def_method(t, "LocalAddr", c_laddr, 0, true);
  api_def_method(t, "RemoteAddr", c_raddr, 0, true);
  api_def_method(t, "SetDeadline", c_setdeadline, 1, true);
  api_def_method(t, "SetReadDeadline", c_setrdeadline, 1, true);
  api_def_method(t, "SetWriteDeadline", c_setwrdeadline, 1, true);
  api_def_method(t, "SetNoDelay", c_setnodelay, 1, true);
  api_def_method(t, "SetKeepAlive", c_setkeepalive, 1, true);

  t = api_def_class(&listener_cls, P, "TCPListener");
  api_def_method(t, "Accept", l_accept, 0, true);
  api_def_method(t, "Close", l_close, 0, true);
  api_def_method(t, "Addr", l_addr, 0, true);
  api_def_method(t, "SetDeadline", c_setrdeadline, 1, true);

  t = api_def_class(&operr_cls, P, "OpError");
  api_def_method(t, "Error", e_error, 0, true);
  api_def_method(t, "Unwrap", e_unwrap, 0, true);
  api_def_method(t, "Timeout", e_timeout, 0, true);
  api_def_method(t, "Temporary", e_temporary, 0, true);

  api_def_func(P, "Listen", n_listen, 2);
  api_def_func(P, "Dial", n_dial, 2);
  api_def_func(P, "DialTimeout", n_dialtimeout, 3);
  api_def_func(P, "JoinHostPort", n_joinhostport, 2);
  api_def_func(P, "SplitHostPort", n_splithostport, 1);
}
