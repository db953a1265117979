/*
** bufio.c -- package bufio: Scanner, Reader and Writer over any io.Reader /
** io.Writer, following Go 1.19's bufio algorithms (buffer sizes, when the
** buffer is shifted, grown and flushed) so that results and error cases match.
**
** Scanner split functions: the four of the package (ScanLines, ScanWords,
** ScanRunes, ScanBytes) run in C when installed with Split; any other func
** value (a csp closure, possibly wrapping bufio.ScanWords) is called through
** vm_call with the buffered bytes as a []byte. The Scan* functions are also
** ordinary natives, callable from csp.
**
** Reading blocks the worker thread for *os.File (as os.File.Read does);
** other readers are called through their Read method. None of these objects
** is safe for concurrent use (as in Go).
*/
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

#define MAX_CONSECUTIVE_EMPTY_READS 100
#define START_BUF_SIZE 4096
#define MAX_SCAN_TOKEN_SIZE (64 * 1024)
#define DEFAULT_BUF_SIZE 4096
#define MIN_READ_BUFFER_SIZE 16

static Value err_too_long, err_negative_advance, err_advance_too_far, err_bad_read_count,
    err_final_token, err_buffer_full, err_negative_count, err_invalid_unread_byte,
    err_invalid_unread_rune;
static Value err_no_progress;   /* io.ErrNoProgress */

static Type *bytes_type;   /* []byte: typed nil results */

static NativeClass scanner_cls = {"*bufio.Scanner", NULL, NULL, NULL};
static NativeClass reader_cls = {"*bufio.Reader", NULL, NULL, NULL};
static NativeClass writer_cls = {"*bufio.Writer", NULL, NULL, NULL};

/* The state of a native object of class cls designated by v (the object or a
** pointer/cell holding it); NULL if v is something else (a nil pointer). */
static void *obj_data(Value v, const NativeClass *cls) { return native_data_of(v, cls); }

static int nil_receiver(Fiber *f) {
  vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return NATIVE_PANIC;
}

/* Propagate NATIVE_PANIC and NATIVE_PARK (a net.Conn or os.Stdin read parked
** the goroutine: the whole native re-runs when it is readied, so every state
** change before a read is kept in the object, never in locals). */
#define TRY(e) \
  do { \
    int rc_ = (e); \
    if (rc_ < 0) return rc_; \
  } while (0)

static bool same_obj(Value a, Value b) {
  return a.kind == b.kind && a.as.p == b.as.p && !IS_NIL(a);
}

/* {====================================================================
** Split functions (Go's ScanLines, ScanWords, ScanRunes, ScanBytes)
** ===================================================================== */

typedef struct Tok {
  const char *p;   /* token bytes (inside data) */
  int64_t n;
  bool present;    /* false: nil token */
} Tok;

typedef int64_t (*SplitC)(const char *data, int64_t n, bool at_eof, Tok *tok);

static int64_t drop_cr(const char *data, int64_t n) {
  return n > 0 && data[n - 1] == '\r' ? n - 1 : n;
}

static int64_t split_lines(const char *data, int64_t n, bool at_eof, Tok *tok) {
  tok->present = false;
  if (at_eof && n == 0) return 0;
  const char *nl = memchr(data, '\n', (size_t)n);
  if (nl) {
    int64_t i = nl - data;
    *tok = (Tok){data, drop_cr(data, i), true};
    return i + 1;
  }
  if (at_eof) {
    *tok = (Tok){data, drop_cr(data, n), true};
    return n;
  }
  return 0;
}

/* Go's bufio isSpace (unicode.IsSpace, spelled out). */
static bool scan_is_space(int32_t r) {
  if (r <= 0xFF) {
    switch (r) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r': case 0x85: case 0xA0:
      return true;
    }
    return false;
  }
  if (0x2000 <= r && r <= 0x200a) return true;
  switch (r) {
  case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
    return true;
  }
  return false;
}

static int64_t split_words(const char *data, int64_t n, bool at_eof, Tok *tok) {
  const unsigned char *u = (const unsigned char *)data;
  tok->present = false;
  int64_t start = 0;
  while (start < n) {
    int32_t r;
    int w = utf8_decode(u + start, (size_t)(n - start), &r);
    if (!scan_is_space(r)) break;
    start += w;
  }
  for (int64_t i = start; i < n;) {
    int32_t r;
    int w = utf8_decode(u + i, (size_t)(n - i), &r);
    if (scan_is_space(r)) {
      *tok = (Tok){data + start, i - start, true};
      return i + w;
    }
    i += w;
  }
  if (at_eof && n > start) {
    *tok = (Tok){data + start, n - start, true};
    return n;
  }
  return start;
}

/* utf8.FullRune: do the bytes begin with a full encoding (or an invalid one,
** which decodes as one error byte)? */
static bool full_rune(const unsigned char *s, int64_t n) {
  if (n <= 0) return false;
  unsigned c = s[0];
  int need = c < 0x80 ? 1 : c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
  if (n >= need) return true;
  for (int64_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80) return true;
  /* second-byte range restrictions (E0, ED, F0, F4) make some prefixes invalid */
  if (n >= 2) {
    unsigned c1 = s[1];
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return true;
  }
  return false;
}

static const char error_rune[] = "\xef\xbf\xbd";

static int64_t split_runes(const char *data, int64_t n, bool at_eof, Tok *tok) {
  const unsigned char *u = (const unsigned char *)data;
  tok->present = false;
  if (at_eof && n == 0) return 0;
  if (n == 0) return 0;
  if (u[0] < 0x80) {
    *tok = (Tok){data, 1, true};
    return 1;
  }
  int32_t r;
  int w = utf8_decode(u, (size_t)n, &r);
  if (w > 1) {
    *tok = (Tok){data, w, true};
    return w;
  }
  if (!at_eof && !full_rune(u, n)) return 0;
  *tok = (Tok){error_rune, 3, true};
  return 1;
}

static int64_t split_bytes(const char *data, int64_t n, bool at_eof, Tok *tok) {
  tok->present = false;
  if (at_eof && n == 0) return 0;
  if (n == 0) return 0;
  *tok = (Tok){data, 1, true};
  return 1;
}

/* The natives bufio.ScanLines etc.: (data []byte, atEOF bool) (int, []byte, error). */
static int run_split_native(Fiber *f, SplitC fn, const char *fname, Value *args, int nargs,
                            Value *res) {
  StrBuf b;
  sb_init(&b);
  if (nargs < 2 || !bytes_of(args[0], &b)) return arg_error(f, fname, 0, "[]byte", args[0]);
  if (args[1].kind != VAL_BOOL) return arg_error(f, fname, 1, "bool", args[1]);
  Tok t;
  int64_t adv = fn(b.data ? b.data : "", (int64_t)b.len, args[1].as.b, &t);
  res[0] = INT_VAL(adv);
  res[1] = t.present ? mk_bytes(t.p, (size_t)t.n) : type_zero(bytes_type);
  res[2] = NIL_VAL;
  return 3;
}

static int scan_lines_n(Fiber *f, Value *a, int n, Value *r) {
  return run_split_native(f, split_lines, "bufio.ScanLines", a, n, r);
}
static int scan_words_n(Fiber *f, Value *a, int n, Value *r) {
  return run_split_native(f, split_words, "bufio.ScanWords", a, n, r);
}
static int scan_runes_n(Fiber *f, Value *a, int n, Value *r) {
  return run_split_native(f, split_runes, "bufio.ScanRunes", a, n, r);
}
static int scan_bytes_n(Fiber *f, Value *a, int n, Value *r) {
  return run_split_native(f, split_bytes, "bufio.ScanBytes", a, n, r);
}

/* A split func value -> its C implementation, or NULL for csp funcs. */
static SplitC split_c_of(Value fn) {
  if (fn.kind != VAL_NATIVE || !fn.as.p) return NULL;
  NativeFn nf = ((ObjNative *)fn.as.p)->fn;
  if (nf == scan_lines_n) return split_lines;
  if (nf == scan_words_n) return split_words;
  if (nf == scan_runes_n) return split_runes;
  if (nf == scan_bytes_n) return split_bytes;
  return NULL;
}

/* }==================================================================== */

/* {====================================================================
** Scanner
** ===================================================================== */

typedef struct Scanner {
  Value r;              /* the io.Reader */
  SplitC split_c;       /* NULL: call split (a csp func) */
  Value split;
  int64_t max_token;
  int64_t init_cap;     /* from Buffer(): first buffer size; 0 = START_BUF_SIZE */
  char *buf;
  int64_t len, start, end;
  char *tok;
  int64_t toklen;
  bool tok_present;
  Value err;
  int empties;
  bool scan_called, done;
} Scanner;

static void sc_set_err(Scanner *s, Value err) {
  if (IS_NIL(s->err) || same_obj(s->err, io_eof_value())) s->err = err;
}

#define FNAME "bufio.NewScanner"
static int new_scanner(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(1);
  Scanner *s = NEW(Scanner);
  s->r = args[0];
  s->split_c = split_lines;
  s->max_token = MAX_SCAN_TOKEN_SIZE;
  res[0] = obj_new(&scanner_cls, s);
  return 1;
}
#undef FNAME

/* Advance the start of the buffered data by n bytes. */
static bool sc_advance(Scanner *s, int64_t n) {
  if (n < 0) {
    sc_set_err(s, err_negative_advance);
    return false;
  }
  if (n > s->end - s->start) {
    sc_set_err(s, err_advance_too_far);
    return false;
  }
  s->start += n;
  return true;
}

/* Run the split function on buf[start:end]. Returns 0, or NATIVE_PANIC.
** Sets *adv, the token (copied) and *err. */
static int sc_split(Fiber *f, Scanner *s, int64_t *adv, Value *err) {
  bool at_eof = !IS_NIL(s->err);
  const char *data = s->buf ? s->buf + s->start : "";
  int64_t n = s->end - s->start;
  *err = NIL_VAL;
  if (s->split_c) {
    Tok t;
    *adv = s->split_c(data, n, at_eof, &t);
    s->tok_present = t.present;
    s->toklen = t.present ? t.n : 0;
    if (t.present) {
      s->tok = GC_MALLOC_ATOMIC((size_t)t.n + 1);
      memcpy(s->tok, t.p, (size_t)t.n);
    }
    return 0;
  }
  Value a[2] = {mk_bytes(data, (size_t)n), BOOL_VAL(at_eof)};
  Value r[3];
  int k = vm_call(f, s->split, a, 2, r, 3);
  if (k == NATIVE_PANIC) return NATIVE_PANIC;
  for (int i = k; i < 3; i++) r[i] = NIL_VAL;
  int64_t av = 0;
  to_int(r[0], &av);
  *adv = av;
  *err = r[2];
  if ((r[1].kind == VAL_SLICE && r[1].as.p) || r[1].kind == VAL_STR) {
    StrBuf b;
    sb_init(&b);
    bytes_of(r[1], &b);
    s->tok_present = true;
    s->toklen = (int64_t)b.len;
    s->tok = b.data ? b.data : GC_MALLOC_ATOMIC(1);
  } else {
    s->tok_present = false;
    s->toklen = 0;
  }
  return 0;
}

/* Scan() bool: Go 1.19's (*Scanner).Scan. */
static int scanner_scan(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  res[0] = BOOL_VAL(false);
  if (s->done) return 1;
  s->scan_called = true;
  for (;;) {
    if (s->end > s->start || !IS_NIL(s->err)) {
      int64_t adv;
      Value err;
      if (sc_split(f, s, &adv, &err) == NATIVE_PANIC) return NATIVE_PANIC;
      if (!IS_NIL(err)) {
        if (same_obj(err, err_final_token)) {
          s->done = true;
          res[0] = BOOL_VAL(true);
          return 1;
        }
        sc_set_err(s, err);
        return 1;
      }
      if (!sc_advance(s, adv)) return 1;
      if (s->tok_present) {
        if (IS_NIL(s->err) || adv > 0) {
          s->empties = 0;
        } else if (++s->empties > MAX_CONSECUTIVE_EMPTY_READS) {
          vm_panic_value(f, mk_cstr("bufio.Scan: too many empty tokens without progressing"));
          return NATIVE_PANIC;
        }
        res[0] = BOOL_VAL(true);
        return 1;
      }
    }
    if (!IS_NIL(s->err)) {
      s->start = s->end = 0;
      return 1;
    }
    /* Need more data: shift, grow, read. */
    if (s->start > 0 && (s->end == s->len || s->start > s->len / 2)) {
      memmove(s->buf, s->buf + s->start, (size_t)(s->end - s->start));
      s->end -= s->start;
      s->start = 0;
    }
    if (s->end == s->len) {
      if (s->len >= s->max_token || s->len > INT64_MAX / 2) {
        sc_set_err(s, err_too_long);
        return 1;
      }
      int64_t nsize = s->len * 2;
      if (nsize == 0) nsize = s->init_cap > 0 ? s->init_cap : START_BUF_SIZE;
      if (nsize > s->max_token) nsize = s->max_token;
      char *nb = GC_MALLOC_ATOMIC((size_t)nsize + 1);
      if (s->end > s->start) memcpy(nb, s->buf + s->start, (size_t)(s->end - s->start));
      s->end -= s->start;
      s->start = 0;
      s->buf = nb;
      s->len = nsize;
    }
    for (int loop = 0;;) {
      Value err;
      int k = ext_read(f, s->r, s->buf + s->end, (size_t)(s->len - s->end), &err);
      if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK (net.c): re-run when readied */
      if (k < 0 || s->len - s->end < k) {
        sc_set_err(s, err_bad_read_count);
        break;
      }
      s->end += k;
      if (!IS_NIL(err)) {
        sc_set_err(s, err);
        break;
      }
      if (k > 0) {
        s->empties = 0;
        break;
      }
      if (++loop > MAX_CONSECUTIVE_EMPTY_READS) {
        sc_set_err(s, err_no_progress);
        break;
      }
    }
  }
}

static int scanner_text(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  res[0] = s->tok_present ? mk_str(s->tok, (size_t)s->toklen) : mk_cstr("");
  return 1;
}

static int scanner_bytes(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  res[0] = s->tok_present ? mk_bytes(s->tok, (size_t)s->toklen) : type_zero(bytes_type);
  return 1;
}

static int scanner_err(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  res[0] = same_obj(s->err, io_eof_value()) ? NIL_VAL : s->err;
  return 1;
}

static int scanner_split(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  if (s->scan_called) {
    vm_panic_value(f, mk_cstr("Split called after Scan"));
    return NATIVE_PANIC;
  }
  Value fn = nargs > 1 ? args[1] : NIL_VAL;
  s->split_c = split_c_of(fn);
  s->split = fn;
  if (!s->split_c && (fn.kind != VAL_FUNC && fn.kind != VAL_NATIVE && fn.kind != VAL_BOUND)) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  return 0;
}

static int scanner_buffer(Fiber *f, Value *args, int nargs, Value *res) {
  Scanner *s = obj_data(args[0], &scanner_cls);
  if (!s) return nil_receiver(f);
  if (s->scan_called) {
    vm_panic_value(f, mk_cstr("Buffer called after Scan"));
    return NATIVE_PANIC;
  }
  int64_t cap = 0, max = 0;
  if (nargs > 1 && args[1].kind == VAL_SLICE && args[1].as.p) cap = ((ObjSlice *)args[1].as.p)->cap;
  if (nargs > 2) to_int(args[2], &max);
  s->init_cap = cap;
  s->max_token = max;
  return 0;
}

/* }==================================================================== */

/* {====================================================================
** Reader
** ===================================================================== */

typedef struct Reader {
  Value rd;
  char *buf;
  int64_t size, r, w;
  Value err;
  int last_byte;        /* -1: none */
  int last_rune_size;   /* -1: none */
  StrBuf coll;          /* ReadString/ReadBytes fragments so far, kept across a park */
  bool collecting;
} Reader;

static Reader *reader_new(Value rd, int64_t size) {
  if (size < MIN_READ_BUFFER_SIZE) size = MIN_READ_BUFFER_SIZE;
  Reader *b = NEW(Reader);
  b->rd = rd;
  b->size = size;
  b->buf = GC_MALLOC_ATOMIC((size_t)size + 1);
  b->last_byte = -1;
  b->last_rune_size = -1;
  return b;
}

static int new_reader(Fiber *f, Value *args, int nargs, Value *res) {
  Value rd = nargs > 0 ? args[0] : NIL_VAL;
  Reader *old = obj_data(rd, &reader_cls);
  if (old && old->size >= DEFAULT_BUF_SIZE) {
    res[0] = rd;
    return 1;
  }
  res[0] = obj_new(&reader_cls, reader_new(rd, DEFAULT_BUF_SIZE));
  return 1;
}

static int new_reader_size(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t size = DEFAULT_BUF_SIZE;
  if (nargs > 1) to_int(args[1], &size);
  Value rd = nargs > 0 ? args[0] : NIL_VAL;
  Reader *old = obj_data(rd, &reader_cls);
  if (old && old->size >= size) {
    res[0] = rd;
    return 1;
  }
  res[0] = obj_new(&reader_cls, reader_new(rd, size));
  return 1;
}

static Value rd_read_err(Reader *b) {
  Value e = b->err;
  b->err = NIL_VAL;
  return e;
}

/* Read a new chunk into the buffer. Returns 0 or NATIVE_PANIC. */
static int rd_fill(Fiber *f, Reader *b) {
  if (b->r > 0) {
    memmove(b->buf, b->buf + b->r, (size_t)(b->w - b->r));
    b->w -= b->r;
    b->r = 0;
  }
  if (b->w >= b->size) {
    vm_panic_value(f, mk_cstr("bufio: tried to fill full buffer"));
    return NATIVE_PANIC;
  }
  for (int i = MAX_CONSECUTIVE_EMPTY_READS; i > 0; i--) {
    Value err;
    int k = ext_read(f, b->rd, b->buf + b->w, (size_t)(b->size - b->w), &err);
    if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK (net.c): re-run when readied */
    b->w += k;
    if (!IS_NIL(err)) {
      b->err = err;
      return 0;
    }
    if (k > 0) return 0;
  }
  b->err = err_no_progress;
  return 0;
}

/* Go's ReadSlice: the line (line, n) points into the buffer, valid until the next read. */
static int rd_read_slice(Fiber *f, Reader *b, int delim, const char **line, int64_t *n,
                         Value *err) {
  int64_t s = 0;
  *err = NIL_VAL;
  for (;;) {
    const char *hit = memchr(b->buf + b->r + s, delim, (size_t)(b->w - b->r - s));
    if (hit) {
      int64_t i = hit - (b->buf + b->r);
      *line = b->buf + b->r;
      *n = i + 1;
      b->r += i + 1;
      break;
    }
    if (!IS_NIL(b->err)) {
      *line = b->buf + b->r;
      *n = b->w - b->r;
      b->r = b->w;
      *err = rd_read_err(b);
      break;
    }
    if (b->w - b->r >= b->size) {
      b->r = b->w;
      *line = b->buf;
      *n = b->size;
      *err = err_buffer_full;
      break;
    }
    s = b->w - b->r;
    TRY(rd_fill(f, b));
  }
  if (*n > 0) {
    b->last_byte = (unsigned char)(*line)[*n - 1];
    b->last_rune_size = -1;
  }
  return 0;
}

/* ReadBytes/ReadString: ReadSlice fragments until delim or a real error. */
static int rd_collect(Fiber *f, Reader *b, int delim, StrBuf *out, Value *err) {
  if (!b->collecting) {
    sb_init(&b->coll);
    b->collecting = true;
  }
  for (;;) {
    const char *p;
    int64_t n;
    int rc = rd_read_slice(f, b, delim, &p, &n, err);
    if (rc < 0) {
      if (rc != NATIVE_PARK) b->collecting = false;
      return rc;
    }
    sb_putn(&b->coll, p, (size_t)n);
    if (!same_obj(*err, err_buffer_full)) {
      *out = b->coll;
      b->collecting = false;
      sb_init(&b->coll);
      return 0;
    }
  }
}

static int arg_delim(Value *args, int nargs) {
  int64_t d = 0;
  if (nargs > 1) to_int(args[1], &d);
  return (int)(unsigned char)d;
}

static int reader_readstring(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  StrBuf out;
  Value err;
  TRY(rd_collect(f, b, arg_delim(args, nargs), &out, &err));
  res[0] = sb_value(&out);
  res[1] = err;
  return 2;
}

static int reader_readbytes(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  StrBuf out;
  Value err;
  TRY(rd_collect(f, b, arg_delim(args, nargs), &out, &err));
  res[0] = mk_bytes(out.data ? out.data : "", out.len);
  res[1] = err;
  return 2;
}

static int reader_readslice(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  const char *p;
  int64_t n;
  Value err;
  TRY(rd_read_slice(f, b, arg_delim(args, nargs), &p, &n, &err));
  res[0] = mk_bytes(p, (size_t)n);
  res[1] = err;
  return 2;
}

/* ReadLine() (line []byte, isPrefix bool, err error) */
static int reader_readline(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  const char *p;
  int64_t n;
  Value err;
  TRY(rd_read_slice(f, b, '\n', &p, &n, &err));
  if (same_obj(err, err_buffer_full)) {
    if (n > 0 && p[n - 1] == '\r') {   /* keep \r for the next call (\r\n split) */
      b->r--;
      n--;
    }
    res[0] = mk_bytes(p, (size_t)n);
    res[1] = BOOL_VAL(true);
    res[2] = NIL_VAL;
    return 3;
  }
  if (n == 0) {
    res[0] = IS_NIL(err) ? mk_bytes("", 0) : type_zero(bytes_type);
    res[1] = BOOL_VAL(false);
    res[2] = err;
    return 3;
  }
  if (p[n - 1] == '\n') {
    int drop = n > 1 && p[n - 2] == '\r' ? 2 : 1;
    n -= drop;
  }
  res[0] = mk_bytes(p, (size_t)n);
  res[1] = BOOL_VAL(false);
  res[2] = NIL_VAL;
  return 3;
}

static int reader_readbyte(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  b->last_rune_size = -1;
  while (b->r == b->w) {
    if (!IS_NIL(b->err)) {
      res[0] = BYTE_VAL(0);
      res[1] = rd_read_err(b);
      return 2;
    }
    TRY(rd_fill(f, b));
  }
  unsigned char c = (unsigned char)b->buf[b->r++];
  b->last_byte = c;
  res[0] = BYTE_VAL(c);
  res[1] = NIL_VAL;
  return 2;
}

static int reader_unreadbyte(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  if (b->last_byte < 0 || (b->r == 0 && b->w > 0)) {
    res[0] = err_invalid_unread_byte;
    return 1;
  }
  if (b->r > 0) b->r--;
  else b->w = 1;
  b->buf[b->r] = (char)b->last_byte;
  b->last_byte = -1;
  b->last_rune_size = -1;
  res[0] = NIL_VAL;
  return 1;
}

static int reader_readrune(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  while (b->r + 4 > b->w && !full_rune((unsigned char *)b->buf + b->r, b->w - b->r) &&
         IS_NIL(b->err) && b->w - b->r < b->size)
    TRY(rd_fill(f, b));
  b->last_rune_size = -1;
  if (b->r == b->w) {
    res[0] = RUNE_VAL(0);
    res[1] = INT_VAL(0);
    res[2] = rd_read_err(b);
    return 3;
  }
  int32_t r = (unsigned char)b->buf[b->r];
  int size = 1;
  if (r >= 0x80) size = utf8_decode((unsigned char *)b->buf + b->r, (size_t)(b->w - b->r), &r);
  b->r += size;
  b->last_byte = (unsigned char)b->buf[b->r - 1];
  b->last_rune_size = size;
  res[0] = RUNE_VAL(r);
  res[1] = INT_VAL(size);
  res[2] = NIL_VAL;
  return 3;
}

static int reader_unreadrune(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  if (b->last_rune_size < 0 || b->r < b->last_rune_size) {
    res[0] = err_invalid_unread_rune;
    return 1;
  }
  b->r -= b->last_rune_size;
  b->last_byte = -1;
  b->last_rune_size = -1;
  res[0] = NIL_VAL;
  return 1;
}

/* Read(p []byte) (n int, err error) */
static int reader_read(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  int64_t n;
  Value *dst = nargs > 1 ? seq_elems(args[1], &n) : (n = 0, NULL);
  res[0] = INT_VAL(0);
  if (n == 0) {
    res[1] = b->w > b->r ? NIL_VAL : rd_read_err(b);
    return 2;
  }
  if (b->r == b->w) {
    if (!IS_NIL(b->err)) {
      res[1] = rd_read_err(b);
      return 2;
    }
    if (n >= b->size) {   /* large read: straight into p */
      char *tmp = GC_MALLOC_ATOMIC((size_t)n);
      Value err;
      int k = ext_read(f, b->rd, tmp, (size_t)n, &err);
      if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK (net.c): re-run when readied */
      for (int i = 0; i < k; i++) dst[i] = BYTE_VAL((unsigned char)tmp[i]);
      if (k > 0) {
        b->last_byte = (unsigned char)tmp[k - 1];
        b->last_rune_size = -1;
      }
      b->err = err;
      res[0] = INT_VAL(k);
      res[1] = rd_read_err(b);
      return 2;
    }
    b->r = b->w = 0;
    Value err;
    int k = ext_read(f, b->rd, b->buf, (size_t)b->size, &err);
    if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK (net.c): re-run when readied */
    b->err = err;
    if (k == 0) {
      res[1] = rd_read_err(b);
      return 2;
    }
    b->w += k;
  }
  int64_t c = b->w - b->r < n ? b->w - b->r : n;
  for (int64_t i = 0; i < c; i++) dst[i] = BYTE_VAL((unsigned char)b->buf[b->r + i]);
  b->r += c;
  b->last_byte = (unsigned char)b->buf[b->r - 1];
  b->last_rune_size = -1;
  res[0] = INT_VAL(c);
  res[1] = NIL_VAL;
  return 2;
}

static int reader_buffered(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  res[0] = INT_VAL(b->w - b->r);
  return 1;
}

/* Peek(n) ([]byte, error) */
static int reader_peek(Fiber *f, Value *args, int nargs, Value *res) {
  Reader *b = obj_data(args[0], &reader_cls);
  if (!b) return nil_receiver(f);
  int64_t n = 0;
  if (nargs > 1) to_int(args[1], &n);
  if (n < 0) {
    res[0] = type_zero(bytes_type);
    res[1] = err_negative_count;
    return 2;
  }
  b->last_byte = -1;
  b->last_rune_size = -1;
  while (b->w - b->r < n && b->w - b->r < b->size && IS_NIL(b->err))
    TRY(rd_fill(f, b));
  Value err = NIL_VAL;
  if (n > b->size) {
    res[0] = mk_bytes(b->buf + b->r, (size_t)(b->w - b->r));
    res[1] = err_buffer_full;
    return 2;
  }
  int64_t avail = b->w - b->r;
  if (avail < n) {
    n = avail;
    err = rd_read_err(b);
    if (IS_NIL(err)) err = err_buffer_full;
  }
  res[0] = mk_bytes(b->buf + b->r, (size_t)n);
  res[1] = err;
  return 2;
}

/* }==================================================================== */

/* {====================================================================
** Writer
** ===================================================================== */

typedef struct Writer {
  Value wr;
  char *buf;
  int64_t size, n;
  Value err;
  int64_t resume_taken; /* a write parked (net.Conn): bytes of p it had taken */
} Writer;

/* net.c: stdlib_write_to, but a write to a *net.TCPConn may park the
** goroutine (NATIVE_PARK; the caller re-runs, the progress is kept there). */
int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) __attribute__((weak));

static Writer *writer_new(Value wr, int64_t size) {
  if (size <= 0) size = DEFAULT_BUF_SIZE;
  Writer *b = NEW(Writer);
  b->wr = wr;
  b->size = size;
  b->buf = GC_MALLOC_ATOMIC((size_t)size + 1);
  return b;
}

static int new_writer(Fiber *f, Value *args, int nargs, Value *res) {
  Value wr = nargs > 0 ? args[0] : NIL_VAL;
  Writer *old = obj_data(wr, &writer_cls);
  if (old && old->size >= DEFAULT_BUF_SIZE) {
    res[0] = wr;
    return 1;
  }
  res[0] = obj_new(&writer_cls, writer_new(wr, DEFAULT_BUF_SIZE));
  return 1;
}

static int new_writer_size(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t size = DEFAULT_BUF_SIZE;
  if (nargs > 1) to_int(args[1], &size);
  Value wr = nargs > 0 ? args[0] : NIL_VAL;
  Writer *old = obj_data(wr, &writer_cls);
  if (old && old->size >= size) {
    res[0] = wr;
    return 1;
  }
  res[0] = obj_new(&writer_cls, writer_new(wr, size));
  return 1;
}

/* Write p straight to the underlying writer: bytes written or NATIVE_PANIC. */
static int wr_raw(Fiber *f, Writer *b, const char *p, int64_t n, Value *err) {
  *err = NIL_VAL;
  if (IS_NIL(b->wr)) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  if (net_write_to) return net_write_to(f, b->wr, p, (size_t)n, err);
  return stdlib_write_to(f, b->wr, p, (size_t)n, err);
}

/* Flush: 0 or NATIVE_PANIC; the error (if any) is in b->err. */
static int wr_flush(Fiber *f, Writer *b) {
  if (!IS_NIL(b->err) || b->n == 0) return 0;
  Value err;
  int k = wr_raw(f, b, b->buf, b->n, &err);
  if (k < 0) return k;   /* NATIVE_PANIC or NATIVE_PARK (state unchanged) */
  if (k < b->n && IS_NIL(err)) {
    const PkgMember *m = api_lookup("io", "ErrShortWrite");
    err = m && m->kind == MEMBER_VAR ? vm_globals[m->global] : mk_error("short write");
  }
  if (!IS_NIL(err)) {
    if (k > 0 && k < b->n) memmove(b->buf, b->buf + k, (size_t)(b->n - k));
    b->n -= k;
    b->err = err;
    return 0;
  }
  b->n = 0;
  return 0;
}

static int writer_flush(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  TRY(wr_flush(f, b));
  res[0] = b->err;
  return 1;
}

/* Go's Write (large writes bypass an empty buffer) or WriteString (always
** through the buffer). Returns 0 or NATIVE_PANIC; *nn = bytes taken. */
static int wr_write(Fiber *f, Writer *b, const char *p, int64_t n, bool direct, int64_t *nn) {
  *nn = 0;
  if (b->resume_taken > 0) {   /* re-run after a park: skip what that call took */
    int64_t s = b->resume_taken < n ? b->resume_taken : n;
    p += s;
    n -= s;
    *nn = s;
    b->resume_taken = 0;
  }
  while (n > b->size - b->n && IS_NIL(b->err)) {
    int64_t k;
    if (direct && b->n == 0) {
      Value err;
      int w = wr_raw(f, b, p, n, &err);
      if (w == NATIVE_PARK) b->resume_taken = *nn;
      if (w < 0) return w;
      k = w;
      b->err = err;
    } else {
      k = b->size - b->n;
      memcpy(b->buf + b->n, p, (size_t)k);
      b->n += k;
      int rc = wr_flush(f, b);
      if (rc == NATIVE_PARK) {   /* undo: the re-run copies the same chunk again */
        b->n -= k;
        b->resume_taken = *nn;
      }
      if (rc < 0) return rc;
    }
    *nn += k;
    p += k;
    n -= k;
  }
  if (!IS_NIL(b->err)) return 0;
  memcpy(b->buf + b->n, p, (size_t)n);
  b->n += n;
  *nn += n;
  return 0;
}

static int writer_write(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  StrBuf s;
  sb_init(&s);
  if (nargs < 2 || !bytes_of(args[1], &s)) return arg_error(f, "(*bufio.Writer).Write", 0, "[]byte", nargs > 1 ? args[1] : NIL_VAL);
  int64_t nn;
  TRY(wr_write(f, b, s.data ? s.data : "", (int64_t)s.len, true, &nn));
  res[0] = INT_VAL(nn);
  res[1] = b->err;
  return 2;
}

#define FNAME "(*bufio.Writer).WriteString"
static int writer_writestring(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  ARG_COUNT(2);
  ARG_STR(1, s);
  int64_t nn;
  TRY(wr_write(f, b, s->data, s->len, false, &nn));
  res[0] = INT_VAL(nn);
  res[1] = b->err;
  return 2;
}
#undef FNAME

static int writer_writebyte(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  int64_t c = 0;
  if (nargs > 1) to_int(args[1], &c);
  if (!IS_NIL(b->err)) {
    res[0] = b->err;
    return 1;
  }
  if (b->size - b->n <= 0) {
    TRY(wr_flush(f, b));
    if (!IS_NIL(b->err)) {
      res[0] = b->err;
      return 1;
    }
  }
  b->buf[b->n++] = (char)c;
  res[0] = NIL_VAL;
  return 1;
}

static int writer_writerune(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  int64_t r = 0;
  if (nargs > 1) to_int(args[1], &r);
  char enc[4];
  int w = utf8_encode(enc, (int32_t)r);
  int64_t nn;
  TRY(wr_write(f, b, enc, w, false, &nn));
  res[0] = INT_VAL(nn);
  res[1] = b->err;
  return 2;
}

static int writer_buffered(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  res[0] = INT_VAL(b->n);
  return 1;
}

static int writer_available(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  res[0] = INT_VAL(b->size - b->n);
  return 1;
}

static int writer_size(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  res[0] = INT_VAL(b->size);
  return 1;
}

static int writer_reset(Fiber *f, Value *args, int nargs, Value *res) {
  Writer *b = obj_data(args[0], &writer_cls);
  if (!b) return nil_receiver(f);
  b->wr = nargs > 1 ? args[1] : NIL_VAL;
  b->n = 0;
  b->err = NIL_VAL;
  return 0;
}

/* }==================================================================== */

void open_bufio(void) {
  const char *P = "bufio";
  err_too_long = mk_error("bufio.Scanner: token too long");
  err_negative_advance = mk_error("bufio.Scanner: SplitFunc returns negative advance count");
  err_advance_too_far = mk_error("bufio.Scanner: SplitFunc returns advance count beyond input");
  err_bad_read_count = mk_error("bufio.Scanner: Read returned impossible count");
  err_final_token = mk_error("final token");
  err_buffer_full = mk_error("bufio: buffer full");
  err_negative_count = mk_error("bufio: negative count");
  err_invalid_unread_byte = mk_error("bufio: invalid use of UnreadByte");
  err_invalid_unread_rune = mk_error("bufio: invalid use of UnreadRune");
  const PkgMember *np = api_lookup("io", "ErrNoProgress");
  err_no_progress = np && np->kind == MEMBER_VAR && vm_globals
                        ? vm_globals[np->global]
                        : mk_error("multiple Read calls return no data or error");
  api_def_var(P, "ErrTooLong", err_too_long);
  api_def_var(P, "ErrNegativeAdvance", err_negative_advance);
  api_def_var(P, "ErrAdvanceTooFar", err_advance_too_far);
  api_def_var(P, "ErrBadReadCount", err_bad_read_count);
  api_def_var(P, "ErrFinalToken", err_final_token);
  api_def_var(P, "ErrBufferFull", err_buffer_full);
  api_def_var(P, "ErrNegativeCount", err_negative_count);
  api_def_var(P, "ErrInvalidUnreadByte", err_invalid_unread_byte);
  api_def_var(P, "ErrInvalidUnreadRune", err_invalid_unread_rune);
  api_def_const(P, "MaxScanTokenSize", INT_VAL(MAX_SCAN_TOKEN_SIZE));

  Type *bytes_t = type_slice(type_uint8);
  bytes_type = bytes_t;
  Type *params[2] = {bytes_t, type_bool};
  Type *results[3] = {type_int, bytes_t, type_error};
  Type *split_t = type_named("bufio", "SplitFunc", type_func(params, 2, results, 3, false));
  api_def_type(P, "SplitFunc", split_t);
  api_def_func(P, "ScanLines", scan_lines_n, 2);
  api_def_func(P, "ScanWords", scan_words_n, 2);
  api_def_func(P, "ScanRunes", scan_runes_n, 2);
  api_def_func(P, "ScanBytes", scan_bytes_n, 2);

  Type *t = api_def_class(&scanner_cls, P, "Scanner");
  api_def_func(P, "NewScanner", new_scanner, 1);
  api_def_method(t, "Scan", scanner_scan, 0, true);
  api_def_method(t, "Text", scanner_text, 0, true);
  api_def_method(t, "Bytes", scanner_bytes, 0, true);
  api_def_method(t, "Err", scanner_err, 0, true);
  api_def_method(t, "Split", scanner_split, 1, true);
  api_def_method(t, "Buffer", scanner_buffer, 2, true);

  t = api_def_class(&reader_cls, P, "Reader");
  api_def_func(P, "NewReader", new_reader, 1);
  api_def_func(P, "NewReaderSize", new_reader_size, 2);
  api_def_method(t, "ReadString", reader_readstring, 1, true);
  api_def_method(t, "ReadBytes", reader_readbytes, 1, true);
  api_def_method(t, "ReadSlice", reader_readslice, 1, true);
  api_def_method(t, "ReadLine", reader_readline, 0, true);
  api_def_method(t, "ReadByte", reader_readbyte, 0, true);
  api_def_method(t, "UnreadByte", reader_unreadbyte, 0, true);
  api_def_method(t, "ReadRune", reader_readrune, 0, true);
  api_def_method(t, "UnreadRune", reader_unreadrune, 0, true);
  api_def_method(t, "Read", reader_read, 1, true);
  api_def_method(t, "Buffered", reader_buffered, 0, true);
  api_def_method(t, "Peek", reader_peek, 1, true);

  t = api_def_class(&writer_cls, P, "Writer");
  api_def_func(P, "NewWriter", new_writer, 1);
  api_def_func(P, "NewWriterSize", new_writer_size, 2);
  api_def_method(t, "Write", writer_write, 1, true);
  api_def_method(t, "WriteString", writer_writestring, 1, true);
  api_def_method(t, "WriteByte", writer_writebyte, 1, true);
  api_def_method(t, "WriteRune", writer_writerune, 1, true);
  api_def_method(t, "Flush", writer_flush, 0, true);
  api_def_method(t, "Buffered", writer_buffered, 0, true);
  api_def_method(t, "Available", writer_available, 0, true);
  api_def_method(t, "Size", writer_size, 0, true);
  api_def_method(t, "Reset", writer_reset, 1, true);
}
