/*
** fmt.c -- package fmt: Print/Println/Printf to the buffered stdout,
** Sprint, Sprintln, Sprintf, Errorf, Fprint* to any writer, and basic scanning (Sscan, Sscanf,
** Sscanln, and Scan/Scanln/Scanf from standard input).
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
** Scanning
** ===================================================================== */

static pthread_mutex_t in_lock = PTHREAD_MUTEX_INITIALIZER;
static char *in_buf;          /* GC_MALLOC_ATOMIC'd; static: a root */
static size_t in_len, in_pos, in_cap;
static bool in_eof;

typedef struct Scanner {
  const char *s;
  size_t n, pos;
  bool from_stdin;
  bool nl_is_space;   /* Scan/Sscan: newlines count as space */
  bool peeked;        /* the last operation looked at a char without taking it */
} Scanner;

/* Go reads os.Stdin through a one-rune lookahead that is discarded when the
** Scan call returns: a char it looked at last is consumed (Scan leaves no
** newline behind for the next Scanln). Caller holds in_lock. */
static void stdin_done(Scanner *sc) {
  if (sc->peeked && in_pos < in_len) in_pos++;
  sc->peeked = false;
}

/* Caller holds in_lock. */
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

static int sc_peek(Scanner *sc) {
  if (sc->from_stdin) {
    if (in_pos >= in_len && !stdin_fill()) return -1;
    sc->peeked = true;
    return (unsigned char)in_buf[in_pos];
  }
  return sc->pos < sc->n ? (unsigned char)sc->s[sc->pos] : -1;
}

static void sc_next(Scanner *sc) {
  sc->peeked = false;
  if (sc->from_stdin) {
    if (in_pos < in_len) in_pos++;
  } else if (sc->pos < sc->n) {
    sc->pos++;
  }
}

static bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/* Skip spaces; newlines too if nl_is_space. Returns false at a newline that
** stops the scan (Scanln). */
static void skip_space(Scanner *sc, bool nl) {
  for (;;) {
    int c = sc_peek(sc);
    if (c < 0) return;
    if (is_space(c) || (nl && c == '\n')) { sc_next(sc); continue; }
    return;
  }
}

/* A token of characters accepted by `accept` (at most width bytes; width <= 0: no limit). */
static void sc_token(Scanner *sc, StrBuf *tok, bool (*accept)(int c, size_t i, const char *sofar), int width) {
  tok->len = 0;
  sb_reserve(tok, 1);
  tok->data[0] = 0;
  for (;;) {
    if (width > 0 && (int)tok->len >= width) return;
    int c = sc_peek(sc);
    if (c < 0 || !accept(c, tok->len, tok->data)) return;
    sb_putc(tok, (char)c);
    sc_next(sc);
  }
}

static bool acc_nonspace(int c, size_t i, const char *s) { (void)i; (void)s; return !is_space(c) && c != '\n'; }
static bool acc_int(int c, size_t i, const char *s) {
  (void)s;
  if (i == 0 && (c == '+' || c == '-')) return true;
  return (c >= '0' && c <= '9') || c == '_';
}
static bool acc_hex(int c, size_t i, const char *s) {
  (void)s;
  if (i == 0 && (c == '+' || c == '-')) return true;
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
/* Accept one char from set (case as given); true if taken. */
static bool sc_accept(Scanner *sc, StrBuf *tok, const char *set, int width) {
  if (width > 0 && (int)tok->len >= width) return false;
  int c = sc_peek(sc);
  if (c <= 0 || !strchr(set, c)) return false;
  sb_putc(tok, (char)c);
  sc_next(sc);
  return true;
}

/* Go's floatToken: sign, nan/inf, 0x prefix, digits, '.', exponent. */
static void float_token(Scanner *sc, StrBuf *tok, int width) {
  tok->len = 0;
  sb_reserve(tok, 1);
  tok->data[0] = 0;
  if (sc_accept(sc, tok, "nN", width) && sc_accept(sc, tok, "aA", width) && sc_accept(sc, tok, "nN", width))
    return;
  sc_accept(sc, tok, "+-", width);
  if (sc_accept(sc, tok, "iI", width) && sc_accept(sc, tok, "nN", width) && sc_accept(sc, tok, "fF", width))
    return;
  const char *digits = "0123456789_", *exp = "eEpP";
  if (sc_accept(sc, tok, "0", width) && sc_accept(sc, tok, "xX", width)) digits = "0123456789aAbBcCdDeEfF_";
  while (sc_accept(sc, tok, digits, width)) {}
  if (sc_accept(sc, tok, ".", width))
    while (sc_accept(sc, tok, digits, width)) {}
  if (sc_accept(sc, tok, exp, width)) {
    sc_accept(sc, tok, "+-", width);
    while (sc_accept(sc, tok, "0123456789_", width)) {}
  }
}

typedef struct ScanResult {
  Value err;          /* NIL_VAL: ok */
} ScanResult;

static Value numerr(const char *fn, const char *tok, const char *what) {
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "strconv.%s: parsing ", fn);
  fmt_quote(&b, tok, strlen(tok), false);
  sb_printf(&b, ": %s", what);
  return mk_error(sb_cstr(&b));
}

/* Scan one operand into *ptr; verb 'v' for Sscan. Returns NIL_VAL or the error. */
static Value scan_one(Scanner *sc, Value ptr, int verb, int width, bool *eof) {
  Value cur;
  *eof = false;
  if (!ptr_load(ptr, &cur)) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "can't scan type: %s", type_str(value_type(ptr)));
    return mk_error(sb_cstr(&b));
  }
  if (verb != 'c') skip_space(sc, sc->nl_is_space);
  int c0 = sc_peek(sc);
  if (c0 < 0) {
    *eof = true;
    return io_eof_value();     /* the io.EOF value: err == io.EOF */
  }
  StrBuf tok;
  sb_init(&tok);
  if (verb == 'c') {
    unsigned char buf[4];
    int n = 0;
    while (n < 4) {
      int c = sc_peek(sc);
      if (c < 0) break;
      if (n > 0 && (c & 0xC0) != 0x80) break;
      buf[n++] = (unsigned char)c;
      sc_next(sc);
      int32_t r;
      if (utf8_decode(buf, (size_t)n, &r) == n && r != RUNE_ERROR) break;
    }
    int32_t r;
    utf8_decode(buf, (size_t)n, &r);
    cur = cur.kind == VAL_INT ? (Value){.kind = VAL_INT, .aux = cur.aux, .as.i = r} : RUNE_VAL(r);
    ptr_store(ptr, cur);
    return NIL_VAL;
  }
  switch (cur.kind) {
  case VAL_INT: {
    int base = 10;
    if (verb == 'x' || verb == 'X') { base = 16; sc_token(sc, &tok, acc_hex, width); }
    else if (verb == 'b') { base = 2; sc_token(sc, &tok, acc_int, width); }
    else if (verb == 'o') { base = 8; sc_token(sc, &tok, acc_int, width); }
    else sc_token(sc, &tok, acc_int, width);
    const char *t = sb_cstr(&tok);
    bool has_digit = false;
    for (const char *q = t; *q; q++)
      if (*q != '+' && *q != '-' && *q != '_') has_digit = true;
    if (!has_digit) return mk_error("expected integer");
    errno = 0;
    char *end;
    Type *ty = value_type(cur);
    Type *u = ty && ty->underlying ? ty->underlying : ty;
    bool uns = u && u->kind >= TY_UINT && u->kind <= TY_UINTPTR;
    int64_t x;
    if (uns) {
      if (t[0] == '-') return mk_error("bad unsigned integer");   /* rare */
      x = (int64_t)strtoull(t, &end, base);
    } else {
      x = strtoll(t, &end, base);
    }
    if (errno == ERANGE) return numerr(uns ? "ParseUint" : "ParseInt", t, "value out of range");
    cur.as.i = x;
    ptr_store(ptr, cur);
    return NIL_VAL;
  }
  case VAL_FLOAT: {
    float_token(sc, &tok, width);
    const char *t = sb_cstr(&tok);
    char *end;
    double x = strtod(t, &end);
    if (!*t || *end) return numerr("ParseFloat", t, "invalid syntax");
    cur.as.f = x;
    ptr_store(ptr, cur);
    return NIL_VAL;
  }
  case VAL_STR: {
    sc_token(sc, &tok, acc_nonspace, width);
    Value s = mk_str(tok.data ? tok.data : "", tok.len);
    s.aux = cur.aux;
    ptr_store(ptr, s);
    return NIL_VAL;
  }
  case VAL_BOOL: {
    /* Go's scanBool: one rune decides; "true"/"false" must be complete */
    int c = sc_peek(sc);
    sc_next(sc);
    bool ok = true, val = false;
    if (c == '1') val = true;
    else if (c == 't' || c == 'T') {
      val = true;
      if (sc_accept(sc, &tok, "rR", 0) && (!sc_accept(sc, &tok, "uU", 0) || !sc_accept(sc, &tok, "eE", 0))) ok = false;
    } else if (c == 'f' || c == 'F') {
      if (sc_accept(sc, &tok, "aA", 0) &&
          (!sc_accept(sc, &tok, "lL", 0) || !sc_accept(sc, &tok, "sS", 0) || !sc_accept(sc, &tok, "eE", 0)))
        ok = false;
    }
    if (!ok) return mk_error("syntax error scanning boolean");
    cur.as.b = val;
    ptr_store(ptr, cur);
    return NIL_VAL;
  }
  default: {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "can't scan type: %s", type_str(value_type(ptr)));
    return mk_error(sb_cstr(&b));
  }
  }
}

/* Sscan / Sscanln / Scan / Scanln over sc with operands ptrs. */
static int do_scan(Scanner *sc, const Value *ptrs, int n, bool ln, Value *err) {
  *err = NIL_VAL;
  int count = 0;
  for (int i = 0; i < n; i++) {
    if (ln) {
      skip_space(sc, false);
      if (sc_peek(sc) == '\n') {
        *err = mk_error("unexpected newline");
        return count;
      }
    }
    bool eof;
    Value e = scan_one(sc, ptrs[i], 'v', 0, &eof);
    if (!IS_NIL(e)) {
      (void)eof;
      *err = e;
      return count;
    }
    count++;
  }
  if (ln) {
    skip_space(sc, false);
    int c = sc_peek(sc);
    if (c == '\n') sc_next(sc);
    else if (c >= 0) *err = mk_error("expected newline");
  }
  return count;
}

static int do_scanf(Scanner *sc, const char *fmt, size_t flen, const Value *ptrs, int n, Value *err) {
  *err = NIL_VAL;
  int count = 0, argi = 0;
  size_t i = 0;
  while (i < flen) {
    char c = fmt[i];
    if (c == '%') {
      i++;
      if (i < flen && fmt[i] == '%') {
        skip_space(sc, false);
        if (sc_peek(sc) != '%') { *err = mk_error("missing literal %"); return count; }
        sc_next(sc);
        i++;
        continue;
      }
      int width = 0;
      while (i < flen && fmt[i] >= '0' && fmt[i] <= '9') width = width * 10 + (fmt[i++] - '0');
      if (i >= flen) { *err = mk_error("too few operands for format '%'"); return count; }
      int verb = (unsigned char)fmt[i++];
      if (argi >= n) {
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, "too few operands for format '%%%c'", verb);
        *err = mk_error(sb_cstr(&b));
        return count;
      }
      bool eof;
      Value e = scan_one(sc, ptrs[argi++], verb, width, &eof);
      if (!IS_NIL(e)) {
        *err = e;
        return count;
      }
      count++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      while (i < flen && (fmt[i] == ' ' || fmt[i] == '\t' || fmt[i] == '\r')) i++;
      skip_space(sc, false);
      continue;
    }
    if (c == '\n') {
      i++;
      skip_space(sc, false);
      int ic = sc_peek(sc);
      if (ic == '\n') sc_next(sc);
      else if (ic >= 0) { *err = mk_error("newline in format does not match input"); return count; }
      continue;
    }
    int ic = sc_peek(sc);
    if (ic < 0) { *err = unexpected_eof_value(); return count; }   /* Go's mustReadRune */
    if (ic != (unsigned char)c) { *err = mk_error("input does not match format"); return count; }
    sc_next(sc);
    i++;
  }
  if (argi < n) *err = mk_error("too many operands");
  return count;
}

#define FNAME "fmt.Sscan"
static int fmt_sscan(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, s);
  Scanner sc = {.s = s->data, .n = (size_t)s->len, .nl_is_space = true};
  Value err;
  int n = do_scan(&sc, args + 1, nargs - 1, false, &err);
  return write_result(res, n, err);
}
#undef FNAME

#define FNAME "fmt.Sscanln"
static int fmt_sscanln(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, s);
  Scanner sc = {.s = s->data, .n = (size_t)s->len};
  Value err;
  int n = do_scan(&sc, args + 1, nargs - 1, true, &err);
  return write_result(res, n, err);
}
#undef FNAME

#define FNAME "fmt.Sscanf"
static int fmt_sscanf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(2);
  ARG_STR(0, s);
  ARG_STR(1, fs);
  Scanner sc = {.s = s->data, .n = (size_t)s->len};
  Value err;
  int n = do_scanf(&sc, fs->data, (size_t)fs->len, args + 2, nargs - 2, &err);
  return write_result(res, n, err);
}
#undef FNAME

static int fmt_scan(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f;
  Scanner sc = {.from_stdin = true, .nl_is_space = true};
  Value err;
  pthread_mutex_lock(&in_lock);
  int n = do_scan(&sc, args, nargs, false, &err);
  stdin_done(&sc);
  pthread_mutex_unlock(&in_lock);
  return write_result(res, n, err);
}

static int fmt_scanln(Fiber *f, Value *args, int nargs, Value *res) {
  (void)f;
  Scanner sc = {.from_stdin = true};
  Value err;
  pthread_mutex_lock(&in_lock);
  int n = do_scan(&sc, args, nargs, true, &err);
  stdin_done(&sc);
  pthread_mutex_unlock(&in_lock);
  return write_result(res, n, err);
}

#define FNAME "fmt.Scanf"
static int fmt_scanf(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  ARG_STR(0, fs);
  Scanner sc = {.from_stdin = true};
  Value err;
  pthread_mutex_lock(&in_lock);
  int n = do_scanf(&sc, fs->data, (size_t)fs->len, args + 1, nargs - 1, &err);
  stdin_done(&sc);
  pthread_mutex_unlock(&in_lock);
  return write_result(res, n, err);
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
  const char *str[] = {"String"};
  api_def_type(P, "Stringer", type_named("fmt", "Stringer", type_interface(str, 1)));
  const char *gostr[] = {"GoString"};
  api_def_type(P, "GoStringer", type_named("fmt", "GoStringer", type_interface(gostr, 1)));
}
