/*
** fmt.c -- package fmt: Print/Println/Printf to the buffered stdout,
** Sprint, Sprintln, Sprintf, Errorf, Fprint* to any writer, and scanning (Sscan*, Scan* from
** standard input, Fscan* from any io.Reader).
**
** Formatting is vm/format.c. Results are written to `res` only after every
** call back into csp code (String methods, Write methods), because a nested
** native may reuse the fiber's result scratch buffer.
**
** Lock rule: in_lock protects the stdin buffer used by Scan*; it is held while
** a scan reads standard input (a blocking read holds the worker thread).
*/
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

/* io.ErrUnexpectedEOF (the package variable's value, so == works). */
static Value unexpected_eof_value(void) {
  const PkgMember *m = api_lookup("io", "ErrUnexpectedEOF");
  if (m && m->kind == MEMBER_VAR && vm_globals) return vm_globals[m->global];
  return mk_error("unexpected EOF");
}

/* A StrBuf starting in a caller's stack array (sb_reserve copies it to the
** GC heap if it grows). */
#define STACK_SB(name, size)      \
  char name##_mem[size];          \
  StrBuf name;                    \
  name.data = name##_mem;         \
  name.cap = sizeof name##_mem;   \
  name.len = 0;                   \
  name##_mem[0] = 0

static int write_result(Value *res, int64_t n, Value err) {
  res[0] = INT_VAL(n);
  res[1] = err;
  return 2;
}

/* {====================================================================
** Writers
** ===================================================================== */

int stdlib_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) {
  *err = NIL_VAL;
  int fd;
  if (os_file_fd(w, &fd)) {
    if (!stdlib_write_fd(fd, p, n)) {
      *err = mk_error(strerror(errno));
      return 0;
    }
    return (int)n;
  }
  if (strings_builder_append(w, p, n)) return (int)n;
  Value arg = mk_bytes(p, n);
  Value r[NATIVE_MAX_RESULTS];
  int k = api_call_method(f, w, "Write", &arg, 1, r, 2);
  if (k == NATIVE_PANIC) return NATIVE_PANIC;
  if (k == -3) {
    vm_panicf(f, "fmt: %s is not an io.Writer (missing Write method)",
              type_str(value_type(w)));
    return NATIVE_PANIC;
  }
  if (k >= 2) *err = r[1];
  return k >= 1 && r[0].kind == VAL_INT ? (int)r[0].as.i : (int)n;
}

/* }==================================================================== */

/* {====================================================================
** Print family
** ===================================================================== */

static int out_stdout(Fiber *f, StrBuf *b, Value *res) {
  (void)f;
  stdlib_write_stdout(b->data, b->len);
  return write_result(res, (int64_t)b->len, NIL_VAL);
}

static int fmt_print(Fiber *f, Value *args, int nargs, Value *res) {
  STACK_SB(b, 512);
  if (fmt_sprint(f, &b, args, nargs, false)) return NATIVE_PANIC;
  return out_stdout(f, &b, res);
}

static int fmt_println(Fiber *f, Value *args, int nargs, Value *res) {
  STACK_SB(b, 512);
  if (fmt_sprint(f, &b, args, nargs, true)) return NATIVE_PANIC;
  return out_stdout(f, &b, res);
}

#define FNAME "fmt.Printf"
static int fmt_printf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, fs);
  STACK_SB(b, 512);
  if (fmt_sprintf(f, &b, fs->data, (size_t)fs->len, args + 1, nargs - 1)) return NATIVE_PANIC;
  return out_stdout(f, &b, res);
}
#undef FNAME

static int fmt_sprint_(Fiber *f, Value *args, int nargs, Value *res) {
  STACK_SB(b, 256);
  if (fmt_sprint(f, &b, args, nargs, false)) return NATIVE_PANIC;
  res[0] = sb_value(&b);
  return 1;
}

static int fmt_sprintln_(Fiber *f, Value *args, int nargs, Value *res) {
  STACK_SB(b, 256);
  if (fmt_sprint(f, &b, args, nargs, true)) return NATIVE_PANIC;
  res[0] = sb_value(&b);
  return 1;
}

#define FNAME "fmt.Sprintf"
static int fmt_sprintf_(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, fs);
  STACK_SB(b, 256);
  if (fmt_sprintf(f, &b, fs->data, (size_t)fs->len, args + 1, nargs - 1)) return NATIVE_PANIC;
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

#define FNAME "fmt.Errorf"
static int fmt_errorf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, fs);
  STACK_SB(b, 256);
  Value wrapped;
  if (fmt_sprintf_w(f, &b, fs->data, (size_t)fs->len, args + 1, nargs - 1, &wrapped))
    return NATIVE_PANIC;
  res[0] = api_error_new(sb_cstr(&b), wrapped);
  return 1;
}
#undef FNAME

/* net.c: a write to a *net.TCPConn may park (NATIVE_PARK: the Fprint*
** call re-runs, re-formats the same text, and net.c skips what was sent). */
int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) __attribute__((weak));

static int fprint_common(Fiber *f, Value w, StrBuf *b, Value *res) {
  Value err;
  int n = net_write_to ? net_write_to(f, w, b->data, b->len, &err)
                       : stdlib_write_to(f, w, b->data, b->len, &err);
  if (n < 0) return n;
  return write_result(res, n, err);
}

#define FNAME "fmt.Fprint"
static int fmt_fprint(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  STACK_SB(b, 512);
  if (fmt_sprint(f, &b, args + 1, nargs - 1, false)) return NATIVE_PANIC;
  return fprint_common(f, args[0], &b, res);
}
#undef FNAME

#define FNAME "fmt.Fprintln"
static int fmt_fprintln(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  STACK_SB(b, 512);
  if (fmt_sprint(f, &b, args + 1, nargs - 1, true)) return NATIVE_PANIC;
  return fprint_common(f, args[0], &b, res);
}
#undef FNAME

#define FNAME "fmt.Fprintf"
static int fmt_fprintf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  ARG_STR(1, fs);
  STACK_SB(b, 512);
  if (fmt_sprintf(f, &b, fs->data, (size_t)fs->len, args + 2, nargs - 2)) return NATIVE_PANIC;
  return fprint_common(f, args[0], &b, res);
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Scanning: Go's fmt/scan.go rules. Input is read a rune at a time with one
** rune of pushback, as Go's readRune over an io.Reader does; a Scanner
** counts runes for widths (count/arg_limit). The first error is kept (Go
** panics with it and recovers in doScan/doScanf): after it every read gives
** EOF, pushback does nothing and nothing more is stored.
** The operand's static type is what its pointer designates: the kind of
** the value there and its type id (Value.aux) for sized and named types.
** ===================================================================== */

static pthread_mutex_t in_lock = PTHREAD_MUTEX_INITIALIZER;
static char *in_buf;          /* GC_MALLOC_ATOMIC'd; static: a root */
static size_t in_len, in_pos, in_cap;
static bool in_eof;

#define EOF_R (-1)
#define HUGE_WID ((int64_t)1 << 30)

/* Where the runes come from. */
typedef enum ScanSrc {
  SRC_STRING,             /* Sscan*: s[pos..n) */
  SRC_STDIN,              /* Scan*, Fscan* on os.Stdin: in_buf, holding in_lock */
  SRC_RUNES,              /* Fscan* on an io.RuneScanner: its ReadRune/UnreadRune */
  SRC_BYTES,              /* Fscan* on another io.Reader: one-byte reads (Go's readRune) */
} ScanSrc;

typedef struct Scanner {
  Fiber *f;
  ScanSrc src;
  const char *s;
  size_t n, pos;          /* SRC_STRING: s[pos..n) not read yet */
  Value rd;               /* SRC_BYTES: the reader */
  Value rr_fn, rr_recv, ur_fn, ur_recv;   /* SRC_RUNES: ReadRune, UnreadRune */
  int32_t peek_rune;      /* SRC_BYTES: >= 0 the pushed-back rune, else ^(the last one) */
  unsigned char pend[4];  /* SRC_BYTES: bytes read past a bad UTF-8 sequence */
  int npend;
  bool nl_is_space;       /* Scan/Sscan: newlines count as space */
  bool nl_is_end;         /* Scanln/Sscanln: a newline ends the input */
  bool at_eof;            /* Go's ss.atEOF: EOF (or the ending newline) was read */
  bool pushed;            /* the last rune read was pushed back (Go's peekRune) */
  int last_w, push_w;     /* bytes of the last rune read (0: nothing to push back), of the pushed one */
  int64_t count, arg_limit;   /* runes read; reads give EOF at arg_limit (widths) */
  bool failed;            /* err holds the scan's error */
  bool panicked;          /* a panic was raised in f */
  Value err;
  StrBuf buf;             /* token accumulator */
} Scanner;

static void sc_init(Scanner *sc, Fiber *f) {
  memset(sc, 0, sizeof *sc);
  sc->f = f;
  sc->arg_limit = HUGE_WID;
  sc->err = NIL_VAL;
  sc->peek_rune = -1;
  sb_init(&sc->buf);
}

/* Go reads os.Stdin through a one-rune lookahead that is discarded when the
** Scan call returns: a rune it pushed back is consumed (Scan leaves no
** newline behind for the next Scanln). Caller holds in_lock. */
static void stdin_done(Scanner *sc) {
  if (sc->pushed && in_pos + (size_t)sc->push_w <= in_len) in_pos += (size_t)sc->push_w;
  sc->pushed = false;
}

/* Caller holds in_lock. Only called with in_pos == in_len or to read more
** bytes of a rune begun at in_pos (the bytes before in_pos are kept while
** in_pos < in_len, so one rune can be pushed back). */
static bool stdin_fill(void) {
  if (in_eof) return false;
  if (in_pos > 0 && in_pos == in_len) in_pos = in_len = 0;
  if (in_len == in_cap) {
    size_t ncap = in_cap ? in_cap * 2 : 4096;
    char *nb = GC_MALLOC_ATOMIC(ncap);
    if (in_len) memcpy(nb, in_buf, in_len);
    in_buf = nb;
    in_cap = ncap;
  }
  stdlib_flush_stdout();          /* prompts appear before we block */
  for (;;) {
    ssize_t r = read(0, in_buf + in_len, in_cap - in_len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      in_eof = true;
      return false;
    }
    in_len += (size_t)r;
    return true;
  }
}

/* What Scan* read from standard input beyond what they consumed: Go's Scan
** reads os.Stdin a byte at a time, so the rest is still there for the next
** reader (a bufio.Reader on os.Stdin, os.Stdin.Read). Every stdin read
** takes these bytes first (os.c, io.c, net.c). */
size_t fmt_stdin_unread(char *buf, size_t n) {
  pthread_mutex_lock(&in_lock);
  size_t k = in_len - in_pos;
  if (k > n) k = n;
  if (k) memcpy(buf, in_buf + in_pos, k);
  in_pos += k;
  pthread_mutex_unlock(&in_lock);
  return k;
}

/* Byte k past the read position; -1 at the end of the input. */
static int sc_byte(Scanner *sc, size_t k) {
  if (sc->src == SRC_STDIN) {
    while (in_pos + k >= in_len)
      if (!stdin_fill()) return -1;
    return (unsigned char)in_buf[in_pos + k];
  }
  return sc->pos + k < sc->n ? (unsigned char)sc->s[sc->pos + k] : -1;
}

static void sc_move(Scanner *sc, int delta) {
  if (sc->src == SRC_STDIN) in_pos = (size_t)((int64_t)in_pos + delta);
  else sc->pos = (size_t)((int64_t)sc->pos + delta);
}

/* Go's utf8.FullRune: p[0..n) holds a whole rune or an invalid sequence. */
static bool full_rune(const unsigned char *p, int n) {
  unsigned char c = p[0];
  if (c < 0xC2 || c > 0xF4) return true;
  int need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (n >= need) return true;
  if (n >= 2) {
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi) return true;
    if (n >= 3 && (p[2] < 0x80 || p[2] > 0xBF)) return true;
  }
  return false;
}

static void sc_fail(Scanner *sc, Value e) {
  if (sc->failed) return;
  sc->failed = true;
  sc->err = e;
}

static void sc_fail_str(Scanner *sc, const char *msg) {
  if (!sc->failed) sc_fail(sc, mk_error(msg));
}

/* A call into the reader panicked (or tried to block): the scan stops and
** the native returns NATIVE_PANIC. */
static void sc_panicked(Scanner *sc, int k) {
  if (k == NATIVE_PARK)
    vm_panicf(sc->f, "csp: fmt.Fscan cannot wait for this reader; wrap it in a bufio.Reader that does not block");
  sc->panicked = true;
  sc_fail(sc, NIL_VAL);
}

/* SRC_BYTES: one byte of the reader (bytes left over from a bad UTF-8
** sequence first). False at EOF or on an error (kept in *err). */
static bool src_read_byte(Scanner *sc, unsigned char *b, Value *err) {
  *err = NIL_VAL;
  if (sc->npend > 0) {
    *b = sc->pend[0];
    memmove(sc->pend, sc->pend + 1, (size_t)--sc->npend);
    return true;
  }
  for (int tries = 0; tries < 100; tries++) {     /* io.ReadFull retries empty reads */
    char c;
    int k = ext_read(sc->f, sc->rd, &c, 1, err);
    if (k < 0) {
      sc_panicked(sc, k);
      *err = NIL_VAL;
      return false;
    }
    if (k == 1) {
      *b = (unsigned char)c;
      *err = NIL_VAL;
      return true;
    }
    if (!IS_NIL(*err)) return false;
  }
  *err = mk_error("multiple Read calls return no data or error");   /* io.ErrNoProgress */
  return false;
}

/* The next rune of a reader source: *r, or false at EOF / on an error. */
static bool src_reader_rune(Scanner *sc, int32_t *r) {
  Value err = NIL_VAL;
  if (sc->src == SRC_RUNES) {
    Value argv[1] = {sc->rr_recv}, res[3];
    int k = vm_call(sc->f, sc->rr_fn, argv, 1, res, 3);
    if (k < 0) {
      sc_panicked(sc, k);
      return false;
    }
    if (k < 3 || res[0].kind != VAL_INT) {
      sc_fail_str(sc, "csp: ReadRune returned no rune");
      return false;
    }
    err = res[2];
    *r = (int32_t)res[0].as.i;
  } else {                                     /* Go's readRune over an io.Reader */
    if (sc->peek_rune >= 0) {
      *r = sc->peek_rune;
      sc->peek_rune = ~*r;
      return true;
    }
    unsigned char p[4];
    if (!src_read_byte(sc, &p[0], &err)) goto fail;
    int n = 1;
    if (p[0] >= 0x80) {
      while (n < 4 && !full_rune(p, n)) {
        if (!src_read_byte(sc, &p[n], &err)) {
          if (sc->failed) return false;
          if (value_equal(err, io_eof_value())) break;
          goto fail;
        }
        n++;
      }
    }
    int w = utf8_decode(p, (size_t)n, r);
    for (int i = w; i < n && sc->npend < 4; i++) sc->pend[sc->npend++] = p[i];
    sc->peek_rune = ~*r;
    return true;
  }
  if (IS_NIL(err)) return true;
fail:
  if (sc->failed) return false;
  if (value_equal(err, io_eof_value())) sc->at_eof = true;
  else sc_fail(sc, err);
  return false;
}

/* Go's ss.getRune: the next rune (RUNE_ERROR for a bad byte), EOF_R at the
** end of the input, at the width limit, after the ending newline of Scanln
** and after an error. */
static int32_t get_rune(Scanner *sc) {
  if (sc->failed || sc->at_eof || sc->count >= sc->arg_limit) {
    sc->last_w = 0;
    return EOF_R;
  }
  int32_t r;
  if (sc->src == SRC_RUNES || sc->src == SRC_BYTES) {
    if (!src_reader_rune(sc, &r)) {
      sc->last_w = 0;
      return EOF_R;
    }
    sc->last_w = 1;
  } else {
    int b0 = sc_byte(sc, 0);
    if (b0 < 0) {
      sc->at_eof = true;
      sc->last_w = 0;
      return EOF_R;
    }
    unsigned char p[4] = {(unsigned char)b0, 0, 0, 0};
    int n = 1;
    while (n < 4 && !full_rune(p, n)) {
      int b = sc_byte(sc, (size_t)n);
      if (b < 0) break;
      p[n++] = (unsigned char)b;
    }
    int w = utf8_decode(p, (size_t)n, &r);
    sc_move(sc, w);
    sc->last_w = w;
  }
  sc->pushed = false;
  sc->count++;
  if (sc->nl_is_end && r == '\n') sc->at_eof = true;
  return r;
}

/* Go's ss.UnreadRune: push back the rune just read. */
static void unread_rune(Scanner *sc) {
  if (sc->failed || sc->last_w == 0) return;
  if (sc->src == SRC_RUNES) {
    Value argv[1] = {sc->ur_recv}, res[1];
    int k = vm_call(sc->f, sc->ur_fn, argv, 1, res, 1);
    if (k < 0) {
      sc_panicked(sc, k);
      return;
    }
  } else if (sc->src == SRC_BYTES) {
    if (sc->peek_rune < 0) sc->peek_rune = ~sc->peek_rune;
  } else {
    sc_move(sc, -sc->last_w);
  }
  sc->pushed = true;
  sc->push_w = sc->last_w;
  sc->last_w = 0;
  sc->at_eof = false;
  sc->count--;
}


/* Go's fmt isSpace (its own table, newlines included). */
static bool go_is_space(int32_t r) {
  if (r >= 0x09 && r <= 0x0d) return true;
  return r == ' ' || r == 0x85 || r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) ||
         r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
}

static bool in_set(const char *set, int32_t r) { return r > 0 && r < 0x80 && strchr(set, (int)r); }

/* Append r's UTF-8 encoding to b. */
static void put_rune(StrBuf *b, int32_t r) {
  char u[4];
  int k = utf8_encode(u, r);
  sb_putn(b, u, k >= 1 && k <= 4 ? (size_t)k : 0);
}

static void buf_rune(Scanner *sc, int32_t r) { put_rune(&sc->buf, r); }

/* The token accumulated so far as a NUL-terminated string. */
static const char *buf_str(Scanner *sc) {
  sb_reserve(&sc->buf, 1);
  sc->buf.data[sc->buf.len] = 0;
  return sc->buf.data;
}

static void skip_space(Scanner *sc) {
  for (;;) {
    int32_t r = get_rune(sc);
    if (r == EOF_R) return;
    if (r == '\r') {                          /* Go's peek("\n") */
      int32_t r2 = get_rune(sc);
      if (r2 != EOF_R) unread_rune(sc);
      if (r2 == '\n') continue;
    }
    if (r == '\n') {
      if (sc->nl_is_space) continue;
      sc_fail_str(sc, "unexpected newline");
      return;
    }
    if (!go_is_space(r)) {
      unread_rune(sc);
      return;
    }
  }
}

/* Go's ss.consume: take the next rune if it is in set (appending it to the
** token if accept). A rune not in set is pushed back only if accept. */
static bool consume(Scanner *sc, const char *set, bool accept) {
  int32_t r = get_rune(sc);
  if (r == EOF_R) return false;
  if (in_set(set, r)) {
    if (accept) buf_rune(sc, r);
    return true;
  }
  if (accept) unread_rune(sc);
  return false;
}

static bool accept(Scanner *sc, const char *set) { return consume(sc, set, true); }

static bool peek(Scanner *sc, const char *set) {
  int32_t r = get_rune(sc);
  if (r != EOF_R) unread_rune(sc);
  return in_set(set, r);
}

/* Go's notEOF: at the end of the input the scan stops with io.EOF. */
static void not_eof(Scanner *sc) {
  int32_t r = get_rune(sc);
  if (r == EOF_R) sc_fail(sc, io_eof_value());
  else unread_rune(sc);
}

static int32_t must_read_rune(Scanner *sc) {
  int32_t r = get_rune(sc);
  if (r == EOF_R) sc_fail(sc, unexpected_eof_value());
  return r;
}

static bool ok_verb(Scanner *sc, int32_t verb, const char *verbs, const char *typ) {
  if (sc->failed) return false;
  if (in_set(verbs, verb)) return true;
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "bad verb '%");
  put_rune(&b, verb);
  sb_printf(&b, "' for %s", typ);
  sc_fail_str(sc, sb_cstr(&b));
  return false;
}

/* Call strconv.<name> (so errors are its *strconv.NumError values): its
** first result in *out; false (the scan failed) if it returned an error. */
static bool call_strconv(Scanner *sc, const char *name, Value *args, int nargs, Value *out) {
  const PkgMember *m = api_lookup("strconv", name);
  if (!m || m->kind != MEMBER_VALUE || m->value.kind != VAL_NATIVE) {
    sc_fail_str(sc, "csp: strconv is missing");
    return false;
  }
  Value res[NATIVE_MAX_RESULTS];
  int k = ((ObjNative *)m->value.as.p)->fn(sc->f, args, nargs, res);
  if (k < 2) {
    if (k == NATIVE_PANIC) sc->panicked = true;
    sc_fail(sc, NIL_VAL);
    return false;
  }
  if (!IS_NIL(res[1])) {
    sc_fail(sc, res[1]);
    return false;
  }
  *out = res[0];
  return true;
}

/* ---- booleans and integers ---- */

static bool scan_bool(Scanner *sc, int32_t verb) {
  skip_space(sc);
  not_eof(sc);
  if (!ok_verb(sc, verb, "tv", "boolean")) return false;
  switch (get_rune(sc)) {
  case '0': return false;
  case '1': return true;
  case 't': case 'T':
    if (accept(sc, "rR") && (!accept(sc, "uU") || !accept(sc, "eE"))) sc_fail_str(sc, "syntax error scanning boolean");
    return true;
  case 'f': case 'F':
    if (accept(sc, "aA") && (!accept(sc, "lL") || !accept(sc, "sS") || !accept(sc, "eE")))
      sc_fail_str(sc, "syntax error scanning boolean");
    return false;
  }
  return false;
}

#define BIN_DIGITS "01"
#define OCT_DIGITS "01234567"
#define DEC_DIGITS "0123456789"
#define HEX_DIGITS "0123456789aAbBcCdDeEfF"

/* v's low `bits` bits, sign-extended. */
static int64_t sext(uint64_t v, int bits) {
  if (bits >= 64) return (int64_t)v;
  uint64_t m = (uint64_t)1 << (bits - 1);
  v &= ((uint64_t)1 << bits) - 1;
  return (int64_t)((v ^ m) - m);
}

static int64_t scan_rune(Scanner *sc, int bits) {
  not_eof(sc);
  int32_t r = get_rune(sc);
  if (sc->failed) return 0;
  if (sext((uint64_t)(int64_t)r, bits) != r) {
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "overflow on character value ");
    put_rune(&b, r);
    sc_fail_str(sc, sb_cstr(&b));
    return 0;
  }
  return r;
}

static void scan_number(Scanner *sc, const char *digits, bool have_digits) {
  if (!have_digits) {
    not_eof(sc);
    if (sc->failed) return;
    if (!accept(sc, digits)) {
      sc_fail_str(sc, "expected integer");
      return;
    }
  }
  while (accept(sc, digits)) {}
}

/* %v: a 0b, 0o, 0x or 0 (octal) prefix; base 0 lets ParseInt read it and underscores. */
static void scan_base_prefix(Scanner *sc, int *base, const char **digits, bool *zero) {
  *base = 0;
  *zero = true;
  if (!peek(sc, "0")) {
    *digits = DEC_DIGITS "_";
    *zero = false;
    return;
  }
  accept(sc, "0");
  if (peek(sc, "bB")) { consume(sc, "bB", true); *digits = BIN_DIGITS "_"; }
  else if (peek(sc, "oO")) { consume(sc, "oO", true); *digits = OCT_DIGITS "_"; }
  else if (peek(sc, "xX")) { consume(sc, "xX", true); *digits = HEX_DIGITS "_"; }
  else *digits = OCT_DIGITS "_";
}

/* Go's scanInt / scanUint for an integer of `bits` bits. */
static int64_t scan_int(Scanner *sc, int32_t verb, int bits, bool uns) {
  if (verb == 'c') return scan_rune(sc, bits);
  skip_space(sc);
  not_eof(sc);
  if (!ok_verb(sc, verb, "bdoUxXv", "integer")) return 0;
  int base = 10;
  const char *digits = DEC_DIGITS;
  if (verb == 'b') { base = 2; digits = BIN_DIGITS; }
  else if (verb == 'o') { base = 8; digits = OCT_DIGITS; }
  else if (verb == 'x' || verb == 'X' || verb == 'U') { base = 16; digits = HEX_DIGITS; }
  bool have = false;
  if (verb == 'U') {
    if (!consume(sc, "U", false) || !consume(sc, "+", false)) {
      sc_fail_str(sc, "bad unicode format ");
      return 0;
    }
  } else {
    if (!uns) accept(sc, "+-");   /* a sign stays in the token */
    if (verb == 'v') scan_base_prefix(sc, &base, &digits, &have);
  }
  scan_number(sc, digits, have);
  if (sc->failed) return 0;
  const char *tok = buf_str(sc);
  Value args[3] = {mk_cstr(tok), INT_VAL(base), INT_VAL(64)}, v;
  if (!call_strconv(sc, uns ? "ParseUint" : "ParseInt", args, 3, &v)) return 0;
  int64_t i = v.as.i;
  bool over = uns ? (bits < 64 && ((uint64_t)i >> bits) != 0) : sext((uint64_t)i, bits) != i;
  if (over) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "%sinteger overflow on token %s", uns ? "unsigned " : "", tok);
    sc_fail_str(sc, sb_cstr(&b));
    return 0;
  }
  return i;
}

/* ---- floats ---- */

/* Go's floatToken: nan, sign, inf, 0x prefix, digits, '.', exponent. */
static const char *float_token(Scanner *sc) {
  sc->buf.len = 0;
  if (accept(sc, "nN") && accept(sc, "aA") && accept(sc, "nN")) return buf_str(sc);
  accept(sc, "+-");
  if (accept(sc, "iI") && accept(sc, "nN") && accept(sc, "fF")) return buf_str(sc);
  const char *digits = DEC_DIGITS "_", *exp = "eEpP";
  if (accept(sc, "0") && accept(sc, "xX")) {
    digits = HEX_DIGITS "_";
    exp = "pP";
  }
  while (accept(sc, digits)) {}
  if (accept(sc, "."))
    while (accept(sc, digits)) {}
  if (accept(sc, exp)) {
    accept(sc, "+-");
    while (accept(sc, DEC_DIGITS "_")) {}
  }
  return buf_str(sc);
}

/* Go's convertFloat: a decimal mantissa may have a binary exponent "p". */
static double convert_float(Scanner *sc, const char *str, int bits) {
  const char *p = strchr(str, 'p');
  Value v, args[2];
  if (p && !strpbrk(str, "xX")) {
    /* Go relabels the errors with the whole token: parsing it whole gives that text */
    args[0] = mk_str(str, (size_t)(p - str));
    args[1] = INT_VAL(bits);
    if (!call_strconv(sc, "ParseFloat", args, 2, &v)) {
      if (!sc->panicked) {
        sc->failed = false;
        args[0] = mk_cstr(str);
        Value w;
        if (call_strconv(sc, "ParseFloat", args, 2, &w)) sc_fail_str(sc, "strconv.ParseFloat: invalid syntax");
      }
      return 0;
    }
    double f = v.as.f;
    args[0] = mk_cstr(p + 1);
    if (!call_strconv(sc, "Atoi", args, 1, &v)) {
      if (!sc->panicked) {
        sc->failed = false;
        args[0] = mk_cstr(str);
        Value w;
        if (call_strconv(sc, "Atoi", args, 1, &w)) sc_fail_str(sc, "strconv.Atoi: invalid syntax");
      }
      return 0;
    }
    int64_t m = v.as.i;
    if (m > 100000) m = 100000;
    if (m < -100000) m = -100000;
    return ldexp(f, (int)m);
  }
  args[0] = mk_cstr(str);
  args[1] = INT_VAL(bits);
  if (!call_strconv(sc, "ParseFloat", args, 2, &v)) return 0;
  return v.as.f;
}

/* ---- strings ---- */

static int hex_digit(int32_t d) {
  if (d >= '0' && d <= '9') return d - '0';
  if (d >= 'a' && d <= 'f') return 10 + d - 'a';
  if (d >= 'A' && d <= 'F') return 10 + d - 'A';
  return -1;
}

/* %q: a double-quoted string (strconv.Unquote rules) or a raw back-quoted one. */
static void quoted_string(Scanner *sc) {
  not_eof(sc);
  int32_t quote = get_rune(sc);
  if (sc->failed) return;
  if (quote == '`') {
    for (;;) {
      int32_t r = must_read_rune(sc);
      if (sc->failed || r == quote) return;
      buf_rune(sc, r);
    }
  }
  if (quote == '"') {
    sb_putc(&sc->buf, '"');
    for (;;) {
      int32_t r = must_read_rune(sc);
      if (sc->failed) return;
      buf_rune(sc, r);
      if (r == '\\') {
        int32_t e = must_read_rune(sc);
        if (sc->failed) return;
        buf_rune(sc, e);
      } else if (r == '"') {
        break;
      }
    }
    Value args[1] = {mk_cstr(buf_str(sc))}, v;
    if (!call_strconv(sc, "Unquote", args, 1, &v)) return;
    ObjString *s = (ObjString *)v.as.p;
    sc->buf.len = 0;
    sb_putn(&sc->buf, s->data, (size_t)s->len);
    return;
  }
  sc_fail_str(sc, "expected quoted string");
}

/* %x: pairs of hex digits, one byte each. */
static void hex_string(Scanner *sc) {
  not_eof(sc);
  for (;;) {
    int32_t r1 = get_rune(sc);
    if (r1 == EOF_R) break;
    int v1 = hex_digit(r1);
    if (v1 < 0) {
      unread_rune(sc);
      break;
    }
    int v2 = hex_digit(must_read_rune(sc));
    if (sc->failed) return;
    if (v2 < 0) {
      sc_fail_str(sc, "illegal hex digit");
      return;
    }
    sb_putc(&sc->buf, (char)(v1 << 4 | v2));
  }
  if (!sc->failed && sc->buf.len == 0) sc_fail_str(sc, "no hex data for %x string");
}

/* Go's convertString: the string is left in sc->buf. */
static void convert_string(Scanner *sc, int32_t verb) {
  if (!ok_verb(sc, verb, "svqxX", "string")) return;
  skip_space(sc);
  not_eof(sc);
  if (sc->failed) return;
  if (verb == 'q') {
    quoted_string(sc);
  } else if (verb == 'x' || verb == 'X') {
    hex_string(sc);
  } else {                                     /* %s, %v: the next word */
    for (;;) {
      int32_t r = get_rune(sc);
      if (r == EOF_R) break;
      if (go_is_space(r)) {
        unread_rune(sc);
        break;
      }
      buf_rune(sc, r);
    }
  }
}

/* ---- one operand ---- */

static void cant_scan(Scanner *sc, Type *t) {
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "can't scan type: %s", t && t->kind != TY_NIL ? type_str(type_ptr(t)) : "*interface {}");
  sc_fail_str(sc, sb_cstr(&b));
}

static int int_bits(int kind) {
  switch (kind) {
  case TY_INT8: case TY_UINT8: return 8;
  case TY_INT16: case TY_UINT16: return 16;
  case TY_INT32: case TY_UINT32: return 32;
  default: return 64;
  }
}

/* Go's scanOne: scan one operand into what ptr designates. */
static void scan_one(Scanner *sc, int32_t verb, Value ptr) {
  sc->buf.len = 0;
  if (sc->failed) return;
  if (ptr.kind != VAL_PTR) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "type not a pointer: %s", type_str(value_type(ptr)));
    sc_fail_str(sc, sb_cstr(&b));
    return;
  }
  if (!ptr.as.p) {
    vm_runtime_error(sc->f, "invalid memory address or nil pointer dereference");
    sc->panicked = true;
    sc_fail(sc, NIL_VAL);
    return;
  }
  Value cur;
  if (!ptr_load(ptr, &cur)) {
    cant_scan(sc, NULL);
    return;
  }
  Type *t = value_type(cur);
  Type *u = t->underlying ? t->underlying : t;
  Value v = cur;
  switch (u->kind) {
  case TY_BOOL:
    if (cur.kind != VAL_BOOL) break;
    v.as.b = scan_bool(sc, verb);
    if (!sc->failed) ptr_store(ptr, v);
    return;
  case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
  case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR:
    if (cur.kind != VAL_INT) break;
    v.as.i = scan_int(sc, verb, int_bits(u->kind), u->kind >= TY_UINT);
    if (!sc->failed) ptr_store(ptr, v);
    return;
  case TY_FLOAT32: case TY_FLOAT64: {
    if (cur.kind != VAL_FLOAT) break;
    bool f32 = u->kind == TY_FLOAT32;
    /* Go checks the verb only for float32/float64 themselves, not named float types */
    if (t == u && !ok_verb(sc, verb, "beEfFgGv", f32 ? "float32" : "float64")) return;
    skip_space(sc);
    not_eof(sc);
    if (sc->failed) return;
    double x = convert_float(sc, float_token(sc), f32 ? 32 : 64);
    if (sc->failed) return;
    v.as.f = f32 ? (double)(float)x : x;
    ptr_store(ptr, v);
    return;
  }
  case TY_STRING:
    if (cur.kind != VAL_STR) break;
    convert_string(sc, verb);
    if (sc->failed) return;
    v = mk_str(sc->buf.data ? sc->buf.data : "", sc->buf.len);
    v.aux = cur.aux;
    ptr_store(ptr, v);
    return;
  case TY_SLICE: {
    if (cur.kind != VAL_SLICE) break;
    Type *e = u->elem;
    Type *eu = e && e->underlying ? e->underlying : e;
    if (!eu || eu->kind != TY_UINT8) break;
    convert_string(sc, verb);
    if (sc->failed) return;
    if (e == type_uint8) {
      v = mk_bytes(sc->buf.data ? sc->buf.data : "", sc->buf.len);
    } else {                                   /* []B for a named byte type B */
      Value *els = GC_MALLOC(sizeof(Value) * (sc->buf.len ? sc->buf.len : 1));
      for (size_t i = 0; i < sc->buf.len; i++)
        els[i] = (Value){.kind = VAL_INT, .aux = e->id, .as.i = (unsigned char)sc->buf.data[i]};
      v = mk_slice(e, els, (int64_t)sc->buf.len);
    }
    v.aux = cur.aux;
    ptr_store(ptr, v);
    return;
  }
  default:
    break;
  }
  cant_scan(sc, t);
}

/* ---- Scan, Scanln, Scanf ---- */

/* Go's doScan: Sscan / Sscanln / Scan / Scanln over sc with operands ptrs. */
static int do_scan(Scanner *sc, const Value *ptrs, int n) {
  int count = 0;
  for (int i = 0; i < n; i++) {
    scan_one(sc, 'v', ptrs[i]);
    if (sc->failed) return count;
    count++;
  }
  if (sc->nl_is_end) {                        /* the rest of the line must be spaces */
    for (;;) {
      int32_t r = get_rune(sc);
      if (r == '\n' || r == EOF_R) break;
      if (!go_is_space(r)) {
        sc_fail_str(sc, "expected newline");
        break;
      }
    }
  }
  return count;
}

/* The rune at f[i..n) and its width (RUNE_ERROR and 0 past the end). */
static int32_t fmt_rune(const char *f, size_t n, size_t i, int *w) {
  int32_t r = RUNE_ERROR;
  *w = i < n ? utf8_decode((const unsigned char *)f + i, n - i, &r) : 0;
  return r;
}

/* Go's ss.advance: match the format's spaces, newlines and literal text up
** to the next verb. Returns the bytes of f used, -1 if the input does not
** match the literal text. */
static int64_t advance(Scanner *sc, const char *f, size_t n) {
  size_t i = 0;
  while (i < n) {
    int w;
    int32_t fc = fmt_rune(f, n, i, &w);
    if (go_is_space(fc)) {
      int newlines = 0;
      bool trailing = false;
      while (go_is_space(fc) && i < n) {
        if (fc == '\n') {
          newlines++;
          trailing = false;
        } else {
          trailing = true;
        }
        i += (size_t)w;
        fc = fmt_rune(f, n, i, &w);
      }
      for (int j = 0; j < newlines; j++) {
        int32_t ic = get_rune(sc);
        while (go_is_space(ic) && ic != '\n') ic = get_rune(sc);
        if (ic != '\n' && ic != EOF_R) {
          sc_fail_str(sc, "newline in format does not match input");
          return 0;
        }
      }
      if (trailing) {
        int32_t ic = get_rune(sc);
        if (newlines == 0) {
          if (!go_is_space(ic) && ic != EOF_R) {
            sc_fail_str(sc, "expected space in input to match format");
            return 0;
          }
          if (ic == '\n') {
            sc_fail_str(sc, "newline in input does not match format");
            return 0;
          }
        }
        while (go_is_space(ic) && ic != '\n') ic = get_rune(sc);
        if (ic != EOF_R) unread_rune(sc);
      }
      continue;
    }
    if (fc == '%') {
      if (i + (size_t)w == n) {
        sc_fail_str(sc, "missing verb: % at end of format string");
        return 0;
      }
      int w2;
      if (fmt_rune(f, n, i + (size_t)w, &w2) != '%') return (int64_t)i;
      i += (size_t)w;                          /* %% matches a literal % */
    }
    int32_t ic = must_read_rune(sc);
    if (sc->failed) return 0;
    if (fc != ic) {
      unread_rune(sc);
      return -1;
    }
    i += (size_t)w;
  }
  return (int64_t)i;
}

/* Go's doScanf. */
static int do_scanf(Scanner *sc, const char *f, size_t flen, const Value *ptrs, int n) {
  int count = 0;
  int64_t end = (int64_t)flen - 1;
  for (int64_t i = 0; i <= end;) {
    int64_t w = advance(sc, f + i, flen - (size_t)i);
    if (sc->failed) return count;
    if (w > 0) {
      i += w;
      continue;
    }
    if (f[i] != '%') {
      if (w < 0) sc_fail_str(sc, "input does not match format");
      break;
    }
    i++;                                        /* the % */
    /* Go's parsenum: a width, never the format's last byte */
    int64_t wid = 0;
    bool wid_present = false;
    if (i >= end) {
      i = end;
    } else {
      int64_t j = i;
      for (; j < end && f[j] >= '0' && f[j] <= '9'; j++) {
        if (wid > 1000000) {                    /* crazy long number */
          wid = 0;
          wid_present = false;
          j = end;
          break;
        }
        wid = wid * 10 + (f[j] - '0');
        wid_present = true;
      }
      i = j;
    }
    int cw;
    int32_t c = fmt_rune(f, flen, (size_t)i, &cw);
    i += cw;
    if (c != 'c') skip_space(sc);
    if (sc->failed) return count;
    if (c == '%') {                             /* after a width: %5% */
      skip_space(sc);
      not_eof(sc);
      if (!sc->failed && !accept(sc, "%")) sc_fail_str(sc, "missing literal %");
      if (sc->failed) return count;
      continue;
    }
    sc->arg_limit = HUGE_WID;
    if (!wid_present) wid = HUGE_WID;
    if (sc->count + wid < sc->arg_limit) sc->arg_limit = sc->count + wid;
    if (count >= n) {
      StrBuf b;
      sb_init(&b);
      sb_puts(&b, "too few operands for format '%");
      sb_putn(&b, f + i - cw, flen - (size_t)(i - cw));
      sb_putc(&b, '\'');
      sc_fail_str(sc, sb_cstr(&b));
      return count;
    }
    scan_one(sc, c, ptrs[count]);
    if (sc->failed) return count;
    count++;
    sc->arg_limit = HUGE_WID;
  }
  if (!sc->failed && count < n) sc_fail_str(sc, "too many operands");
  return count;
}

static int scan_result(Scanner *sc, int n, Value *res) {
  if (sc->panicked) return NATIVE_PANIC;
  return write_result(res, n, sc->failed ? sc->err : NIL_VAL);
}

#define FNAME "fmt.Sscan"
static int fmt_sscan(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, s);
  Scanner sc;
  sc_init(&sc, f);
  sc.s = s->data;
  sc.n = (size_t)s->len;
  sc.nl_is_space = true;
  int n = do_scan(&sc, args + 1, nargs - 1);
  return scan_result(&sc, n, res);
}
#undef FNAME

#define FNAME "fmt.Sscanln"
static int fmt_sscanln(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, s);
  Scanner sc;
  sc_init(&sc, f);
  sc.s = s->data;
  sc.n = (size_t)s->len;
  sc.nl_is_end = true;
  int n = do_scan(&sc, args + 1, nargs - 1);
  return scan_result(&sc, n, res);
}
#undef FNAME

#define FNAME "fmt.Sscanf"
static int fmt_sscanf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  ARG_STR(0, s);
  ARG_STR(1, fs);
  Scanner sc;
  sc_init(&sc, f);
  sc.s = s->data;
  sc.n = (size_t)s->len;
  int n = do_scanf(&sc, fs->data, (size_t)fs->len, args + 2, nargs - 2);
  return scan_result(&sc, n, res);
}
#undef FNAME

/* Scan, Scanln, Scanf: the same over standard input, holding in_lock. */
static int stdin_scan(Fiber *f, bool ln, const char *fs, size_t flen, const Value *args, int nargs,
                      Value *res) {
  Scanner sc;
  sc_init(&sc, f);
  sc.src = SRC_STDIN;
  sc.nl_is_space = !ln && !fs;
  sc.nl_is_end = ln;
  pthread_mutex_lock(&in_lock);
  int n = fs ? do_scanf(&sc, fs, flen, args, nargs) : do_scan(&sc, args, nargs);
  stdin_done(&sc);
  pthread_mutex_unlock(&in_lock);
  return scan_result(&sc, n, res);
}

static int fmt_scan(Fiber *f, Value *args, int nargs, Value *res) {
  return stdin_scan(f, false, NULL, 0, args, nargs, res);
}

static int fmt_scanln(Fiber *f, Value *args, int nargs, Value *res) {
  return stdin_scan(f, true, NULL, 0, args, nargs, res);
}

#define FNAME "fmt.Scanf"
static int fmt_scanf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, fs);
  return stdin_scan(f, false, fs->data, (size_t)fs->len, args + 1, nargs - 1, res);
}
#undef FNAME

/* Fscan, Fscanln, Fscanf: os.Stdin is standard input as for Scan; an
** io.RuneScanner (bufio.Reader, strings.Reader, bytes.Buffer...) is used
** directly, so a rune pushed back stays in it for the next read; any other
** reader is read a byte at a time, as Go does. */
static int reader_scan(Fiber *f, const char *fname, Value rd, bool ln, const char *fs, size_t flen,
                       const Value *args, int nargs, Value *res) {
  int fd;
  if (os_file_fd(rd, &fd) && fd == 0) return stdin_scan(f, ln, fs, flen, args, nargs, res);
  Scanner sc;
  sc_init(&sc, f);
  sc.nl_is_space = !ln && !fs;
  sc.nl_is_end = ln;
  sc.rd = rd;
  if (api_find_method(rd, "ReadRune", &sc.rr_fn, &sc.rr_recv) &&
      api_find_method(rd, "UnreadRune", &sc.ur_fn, &sc.ur_recv)) {
    sc.src = SRC_RUNES;
  } else if (api_find_method(rd, "Read", &sc.rr_fn, &sc.rr_recv) || os_file_fd(rd, &fd)) {
    sc.src = SRC_BYTES;
  } else {
    vm_panicf(f, "%s: %s is not an io.Reader", fname, type_str(value_type(rd)));
    return NATIVE_PANIC;
  }
  int n = fs ? do_scanf(&sc, fs, flen, args, nargs) : do_scan(&sc, args, nargs);
  return scan_result(&sc, n, res);
}

#define FNAME "fmt.Fscan"
static int fmt_fscan(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  return reader_scan(f, FNAME, args[0], false, NULL, 0, args + 1, nargs - 1, res);
}
#undef FNAME

#define FNAME "fmt.Fscanln"
static int fmt_fscanln(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  return reader_scan(f, FNAME, args[0], true, NULL, 0, args + 1, nargs - 1, res);
}
#undef FNAME

#define FNAME "fmt.Fscanf"
static int fmt_fscanf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  ARG_STR(1, fs);
  return reader_scan(f, FNAME, args[0], false, fs->data, (size_t)fs->len, args + 2, nargs - 2, res);
}
#undef FNAME

/* }==================================================================== */

void open_fmt(void) {
  const char *P = "fmt";
  api_def_func(P, "Print", fmt_print, -1);
  api_def_func(P, "Println", fmt_println, -1);
  api_def_func(P, "Printf", fmt_printf, -1);
  api_def_func(P, "Sprint", fmt_sprint_, -1);
  api_def_func(P, "Sprintln", fmt_sprintln_, -1);
  api_def_func(P, "Sprintf", fmt_sprintf_, -1);
  api_def_func(P, "Errorf", fmt_errorf, -1);
  api_def_func(P, "Fprint", fmt_fprint, -1);
  api_def_func(P, "Fprintln", fmt_fprintln, -1);
  api_def_func(P, "Fprintf", fmt_fprintf, -1);
  api_def_func(P, "Sscan", fmt_sscan, -1);
  api_def_func(P, "Sscanln", fmt_sscanln, -1);
  api_def_func(P, "Sscanf", fmt_sscanf, -1);
  api_def_func(P, "Scan", fmt_scan, -1);
  api_def_func(P, "Scanln", fmt_scanln, -1);
  api_def_func(P, "Scanf", fmt_scanf, -1);
  api_def_func(P, "Fscan", fmt_fscan, -1);
  api_def_func(P, "Fscanln", fmt_fscanln, -1);
  api_def_func(P, "Fscanf", fmt_fscanf, -1);
  const char *str[] = {"String"};
  api_def_type(P, "Stringer", type_named("fmt", "Stringer", type_interface(str, 1)));
  const char *gostr[] = {"GoString"};
  api_def_type(P, "GoStringer", type_named("fmt", "GoStringer", type_interface(gostr, 1)));
}
