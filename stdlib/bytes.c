/*
** bytes.c -- package bytes: Buffer (a native type whose zero value works:
** `var buf bytes.Buffer`), NewBuffer, NewBufferString, and the []byte
** versions of the strings functions (Contains, Equal, Compare, Index,
** Split, Join, ToUpper, TrimSpace, Fields, Repeat, ...).
**
** The functions convert their []byte arguments to strings, run the strings
** package's native (looked up in the registry, so both packages always
** agree), and convert string results back to fresh []byte ([]string to
** [][]byte). Go returns subslices of the argument where it can (Split,
** Fields, Trim*): csp returns copies, which only differs if the caller
** writes through the result. bytes.Reader is strings.c's reader under its
** own type name.
*/
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

/* {====================================================================
** Conversions
** ===================================================================== */

static Type *bytes_type;        /* []byte */

static Type *under_t(Type *t) { return t && t->underlying ? t->underlying : t; }

/* Is v a []byte (or a nil of that type)? */
static bool is_bytes(Value v) {
  if (v.kind != VAL_SLICE) return false;
  Type *t = under_t(value_type(v));
  if (t && t->kind == TY_SLICE && t->elem) return under_t(t->elem)->kind == TY_UINT8;
  if (v.as.p) {   /* untyped backing store: look at the elements */
    ObjSlice *s = v.as.p;
    return s->len == 0 || (s->arr->v[s->off].kind == VAL_INT);
  }
  return true;
}

static Value bytes_to_str(Value v) {
  int64_t n;
  Value *e = seq_elems(v, &n);
  if (n == 0) return OBJ_VAL(VAL_STR, str_empty());
  ObjString *s = str_alloc(n);
  for (int64_t i = 0; i < n; i++) s->data[i] = (char)e[i].as.i;
  return OBJ_VAL(VAL_STR, s);
}

/* [][]byte -> []string (for Join) */
static Value bytes_slice_to_strs(Value v) {
  int64_t n;
  Value *e = seq_elems(v, &n);
  ObjString **strs = NEW_ARRAY(ObjString *, n + 1);
  for (int64_t i = 0; i < n; i++) strs[i] = AS_STR(bytes_to_str(e[i]));
  return mk_str_slice(strs, n);
}

static Value str_to_bytes(Value v) {
  return mk_bytes(AS_STR(v)->data, (size_t)AS_STR(v)->len);
}

static Value strs_to_bytes_slice(Value v) {
  int64_t n;
  Value *e = seq_elems(v, &n);
  Value out = slice_make(bytes_type, n, n);
  ObjSlice *sl = out.as.p;
  for (int64_t i = 0; i < n; i++)
    sl->arr->v[sl->off + i] = e[i].kind == VAL_STR ? str_to_bytes(e[i]) : e[i];
  return out;
}

/* }==================================================================== */

/* {====================================================================
** Functions: wrappers over the strings natives
** ===================================================================== */

typedef struct Wrap {
  const char *name;     /* the same name in both packages */
  int arity;
} Wrap;

static const Wrap wraps[] = {
  {"Contains", 2}, {"ContainsAny", 2}, {"ContainsRune", 2}, {"Count", 2},
  {"Compare", 2}, {"HasPrefix", 2}, {"HasSuffix", 2}, {"Index", 2}, {"IndexAny", 2},
  {"IndexByte", 2}, {"IndexRune", 2}, {"IndexFunc", 2}, {"LastIndex", 2},
  {"LastIndexAny", 2}, {"LastIndexByte", 2}, {"EqualFold", 2},
  {"Split", 2}, {"SplitN", 3}, {"SplitAfter", 2}, {"SplitAfterN", 3},
  {"Fields", 1}, {"FieldsFunc", 2}, {"Join", 2}, {"Repeat", 2},
  {"Replace", 4}, {"ReplaceAll", 3}, {"ToUpper", 1}, {"ToLower", 1}, {"ToTitle", 1},
  {"Title", 1}, {"Map", 2}, {"TrimSpace", 1}, {"Trim", 2}, {"TrimLeft", 2},
  {"TrimRight", 2}, {"TrimFunc", 2}, {"TrimLeftFunc", 2}, {"TrimRightFunc", 2},
  {"TrimPrefix", 2}, {"TrimSuffix", 2},
};

typedef struct WrapData {
  NativeFn fn;
  const char *name;
  bool joins;        /* Join: the first argument is a [][]byte */
} WrapData;

/* One trampoline per wrapped function would need code generation; instead
** every wrapper is a separate ObjNative whose fn finds its WrapData by
** index in a table filled at registration. */
#define MAX_WRAPS 48
static WrapData wrap_data[MAX_WRAPS];

/* Positions that take a func (Map's first, the ...Func functions' second). */
static bool is_func_arg(const WrapData *w, int i) {
  size_t n = strlen(w->name);
  if (strcmp(w->name, "Map") == 0) return i == 0;
  return i == 1 && n > 4 && strcmp(w->name + n - 4, "Func") == 0;
}

static int call_wrapped(Fiber *f, const WrapData *w, Value *args, int nargs, Value *res) {
  Value a[8];
  if (nargs > 8) nargs = 8;
  for (int i = 0; i < nargs; i++) {
    Value v = args[i];
    if (w->joins && i == 0 && v.kind == VAL_SLICE) a[i] = bytes_slice_to_strs(v);
    else if (is_bytes(v)) a[i] = bytes_to_str(v);
    else if (v.kind == VAL_NIL && !is_func_arg(w, i)) a[i] = OBJ_VAL(VAL_STR, str_empty());
    else a[i] = v;
  }
  int n = w->fn(f, a, nargs, res);
  if (n < 0) return n;
  for (int i = 0; i < n; i++) {
    if (res[i].kind == VAL_STR) res[i] = str_to_bytes(res[i]);
    else if (res[i].kind == VAL_SLICE) res[i] = strs_to_bytes_slice(res[i]);
  }
  return n;
}

#define WRAPPER(i) \
  static int wrap_##i(Fiber *f, Value *args, int nargs, Value *res) { \
    return call_wrapped(f, &wrap_data[i], args, nargs, res); \
  }
WRAPPER(0) WRAPPER(1) WRAPPER(2) WRAPPER(3) WRAPPER(4) WRAPPER(5) WRAPPER(6) WRAPPER(7)
WRAPPER(8) WRAPPER(9) WRAPPER(10) WRAPPER(11) WRAPPER(12) WRAPPER(13) WRAPPER(14) WRAPPER(15)
WRAPPER(16) WRAPPER(17) WRAPPER(18) WRAPPER(19) WRAPPER(20) WRAPPER(21) WRAPPER(22) WRAPPER(23)
WRAPPER(24) WRAPPER(25) WRAPPER(26) WRAPPER(27) WRAPPER(28) WRAPPER(29) WRAPPER(30) WRAPPER(31)
WRAPPER(32) WRAPPER(33) WRAPPER(34) WRAPPER(35) WRAPPER(36) WRAPPER(37) WRAPPER(38) WRAPPER(39)
WRAPPER(40) WRAPPER(41) WRAPPER(42) WRAPPER(43) WRAPPER(44) WRAPPER(45) WRAPPER(46) WRAPPER(47)
static const NativeFn wrapper_fns[MAX_WRAPS] = {
  wrap_0, wrap_1, wrap_2, wrap_3, wrap_4, wrap_5, wrap_6, wrap_7, wrap_8, wrap_9, wrap_10,
  wrap_11, wrap_12, wrap_13, wrap_14, wrap_15, wrap_16, wrap_17, wrap_18, wrap_19, wrap_20,
  wrap_21, wrap_22, wrap_23, wrap_24, wrap_25, wrap_26, wrap_27, wrap_28, wrap_29, wrap_30,
  wrap_31, wrap_32, wrap_33, wrap_34, wrap_35, wrap_36, wrap_37, wrap_38, wrap_39, wrap_40,
  wrap_41, wrap_42, wrap_43, wrap_44, wrap_45, wrap_46, wrap_47,
};

/* bytes.Equal(a, b []byte) bool */
static int b_equal(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t na, nb;
  Value *a = seq_elems(args[0], &na), *b = seq_elems(args[1], &nb);
  bool eq = na == nb;
  for (int64_t i = 0; eq && i < na; i++) eq = (uint8_t)a[i].as.i == (uint8_t)b[i].as.i;
  res[0] = BOOL_VAL(eq);
  return 1;
}

/* bytes.Runes(s []byte) []rune */
static int b_runes(Fiber *f, Value *args, int nargs, Value *res) {
  Value s = bytes_to_str(args[0]);
  ObjString *str = AS_STR(s);
  int64_t n = 0;
  Value *tmp = NEW_ARRAY(Value, str->len + 1);
  for (int64_t i = 0; i < str->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)str->data + i, (size_t)(str->len - i), &r);
    tmp[n++] = RUNE_VAL(r);
    i += w;
  }
  res[0] = mk_slice(type_int32, tmp, n);
  return 1;
}

/* }==================================================================== */

/* {====================================================================
** bytes.Buffer
** ===================================================================== */

typedef struct Buffer {
  char *buf;          /* GC_MALLOC_ATOMIC; bytes [off, len) are unread */
  int64_t off, len, cap;
  int last_read;      /* 0: other; > 0: width of the last ReadRune; -1: ReadByte/Read */
} Buffer;

static void *buffer_create(void) { return NEW(Buffer); }

static NativeClass buffer_cls = {"bytes.Buffer", NULL, buffer_create, NULL};

static Buffer *buffer_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind != VAL_OBJ || !v.as.p) return NULL;
  ObjNativeObj *o = v.as.p;
  if (o->cls != &buffer_cls) return NULL;
  if (!o->data) o->data = buffer_create();
  return o->data;
}

static int nil_buffer(Fiber *f) {
  vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return NATIVE_PANIC;
}

/* Room for n more bytes: slide the unread bytes down or reallocate (2*cap+n, as Go). */
static void buf_grow(Buffer *b, int64_t n) {
  int64_t m = b->len - b->off;
  if (m == 0 && b->off != 0) b->off = b->len = 0;
  if (b->len + n <= b->cap) return;
  if (m + n <= b->cap / 2 && b->buf) {
    memmove(b->buf, b->buf + b->off, (size_t)m);
  } else {
    int64_t ncap = 2 * b->cap + n;
    if (ncap < 64) ncap = 64;
    char *nb = GC_MALLOC_ATOMIC((size_t)ncap);
    if (!nb) vm_fatal("runtime: out of memory");
    if (m) memcpy(nb, b->buf + b->off, (size_t)m);
    b->buf = nb;
    b->cap = ncap;
  }
  b->off = 0;
  b->len = m;
}

static void buf_put(Buffer *b, const char *p, int64_t n) {
  b->last_read = 0;
  if (n <= 0) return;
  buf_grow(b, n);
  memcpy(b->buf + b->len, p, (size_t)n);
  b->len += n;
}

bool bytes_buffer_append(Value v, const char *p, size_t n) {
  Buffer *b = buffer_of(v);
  if (!b) return false;
  buf_put(b, p, (int64_t)n);
  return true;
}

#define FNAME "bytes.(*Buffer).Write"
static int buf_write(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  b->last_read = 0;
  if (n > 0) {
    buf_grow(b, n);
    for (int64_t i = 0; i < n; i++) b->buf[b->len++] = (char)e[i].as.i;
  }
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

#define FNAME "bytes.(*Buffer).WriteString"
static int buf_write_string(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_STR(1, s);
  buf_put(b, s->data, s->len);
  res[0] = INT_VAL(s->len);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

#define FNAME "bytes.(*Buffer).WriteByte"
static int buf_write_byte(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_INT(1, c);
  char ch = (char)c;
  buf_put(b, &ch, 1);
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

#define FNAME "bytes.(*Buffer).WriteRune"
static int buf_write_rune(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_INT(1, r);
  char tmp[4];
  int n = utf8_encode(tmp, (int32_t)r);
  buf_put(b, tmp, n);
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

static int buf_string(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) {   /* Go: a nil *Buffer prints "<nil>" */
    res[0] = mk_cstr("<nil>");
    return 1;
  }
  res[0] = mk_str(b->buf ? b->buf + b->off : "", (size_t)(b->len - b->off));
  return 1;
}

static int buf_bytes(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  res[0] = mk_bytes(b->buf ? b->buf + b->off : "", (size_t)(b->len - b->off));
  return 1;
}

static int buf_len(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  res[0] = INT_VAL(b->len - b->off);
  return 1;
}

static int buf_cap(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  res[0] = INT_VAL(b->cap);
  return 1;
}

static int buf_reset(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  b->off = b->len = 0;
  b->last_read = 0;
  return 0;
}

#define FNAME "bytes.(*Buffer).Truncate"
static int buf_truncate(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_INT(1, n);
  if (n == 0) {
    b->off = b->len = 0;
    b->last_read = 0;
    return 0;
  }
  b->last_read = 0;
  if (n < 0 || n > b->len - b->off) {
    vm_panicf(f, "bytes.Buffer: truncation out of range");
    return NATIVE_PANIC;
  }
  b->len = b->off + n;
  return 0;
}
#undef FNAME

#define FNAME "bytes.(*Buffer).Grow"
static int buf_grow_m(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_INT(1, n);
  if (n < 0) {
    vm_panicf(f, "bytes.Buffer.Grow: negative count");
    return NATIVE_PANIC;
  }
  buf_grow(b, n);
  return 0;
}
#undef FNAME

static Value eof_or(bool eof) { return eof ? io_eof_value() : NIL_VAL; }

/* Read(p []byte) (n int, err error) */
static int buf_read(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  b->last_read = 0;
  if (b->len - b->off == 0) {
    b->off = b->len = 0;
    res[0] = INT_VAL(0);
    res[1] = eof_or(n != 0);
    return 2;
  }
  int64_t m = b->len - b->off;
  if (n < m) m = n;
  for (int64_t i = 0; i < m; i++) e[i] = BYTE_VAL((unsigned char)b->buf[b->off + i]);
  b->off += m;
  if (m > 0) b->last_read = -1;
  res[0] = INT_VAL(m);
  res[1] = NIL_VAL;
  return 2;
}

/* Next(n int) []byte */
#define FNAME "bytes.(*Buffer).Next"
static int buf_next(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  ARG_INT(1, n);
  b->last_read = 0;
  int64_t m = b->len - b->off;
  if (n > m) n = m;
  if (n < 0) n = 0;
  res[0] = mk_bytes(b->buf ? b->buf + b->off : "", (size_t)n);
  b->off += n;
  if (n > 0) b->last_read = -1;
  return 1;
}
#undef FNAME

static int buf_read_byte(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  if (b->len - b->off == 0) {
    b->off = b->len = 0;
    res[0] = BYTE_VAL(0);
    res[1] = io_eof_value();
    return 2;
  }
  res[0] = BYTE_VAL((unsigned char)b->buf[b->off++]);
  b->last_read = -1;
  res[1] = NIL_VAL;
  return 2;
}

static int buf_read_rune(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  if (b->len - b->off == 0) {
    b->off = b->len = 0;
    res[0] = RUNE_VAL(0);
    res[1] = INT_VAL(0);
    res[2] = io_eof_value();
    return 3;
  }
  int32_t r;
  int w = utf8_decode((const unsigned char *)b->buf + b->off, (size_t)(b->len - b->off), &r);
  b->off += w;
  b->last_read = w;
  res[0] = RUNE_VAL(r);
  res[1] = INT_VAL(w);
  res[2] = NIL_VAL;
  return 3;
}

static int buf_unread_rune(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  if (b->last_read <= 0) {
    res[0] = mk_error("bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune");
    return 1;
  }
  if (b->off >= b->last_read) b->off -= b->last_read;
  b->last_read = 0;
  res[0] = NIL_VAL;
  return 1;
}

static int buf_unread_byte(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  if (b->last_read == 0) {
    res[0] = mk_error("bytes.Buffer: UnreadByte: previous operation was not a successful read");
    return 1;
  }
  b->last_read = 0;
  if (b->off > 0) b->off--;
  res[0] = NIL_VAL;
  return 1;
}

/* ReadString(delim) / ReadBytes(delim): up to and including delim; io.EOF
** if delim is not found (with what was left). */
static int read_until(Fiber *f, Value *args, int nargs, Value *res, bool as_string) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  int64_t delim;
  if (nargs < 2 || !to_int(args[1], &delim)) return arg_error(f, "bytes.(*Buffer).ReadString", 1, "byte", nargs < 2 ? NIL_VAL : args[1]);
  const char *start = b->buf ? b->buf + b->off : "";
  int64_t m = b->len - b->off;
  const char *hit = m > 0 ? memchr(start, (int)(uint8_t)delim, (size_t)m) : NULL;
  int64_t take = hit ? (int64_t)(hit - start) + 1 : m;
  res[0] = as_string ? mk_str(start, (size_t)take) : mk_bytes(start, (size_t)take);
  res[1] = hit ? NIL_VAL : io_eof_value();
  b->off += take;
  b->last_read = -1;
  return 2;
}

static int buf_read_string(Fiber *f, Value *args, int nargs, Value *res) {
  return read_until(f, args, nargs, res, true);
}

static int buf_read_bytes(Fiber *f, Value *args, int nargs, Value *res) {
  return read_until(f, args, nargs, res, false);
}

/* WriteTo(w io.Writer) (n int64, err error) */
static int buf_write_to(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  b->last_read = 0;
  int64_t m = b->len - b->off;
  Value err = NIL_VAL;
  int64_t w = 0;
  if (m > 0) {
    int k = stdlib_write_to(f, args[1], b->buf + b->off, (size_t)m, &err);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    w = k;
    if (w > m) {
      vm_panicf(f, "bytes.Buffer.WriteTo: invalid Write count");
      return NATIVE_PANIC;
    }
    b->off += w;
    if (w != m && IS_NIL(err)) {
      const PkgMember *pm = api_lookup("io", "ErrShortWrite");
      err = pm && pm->kind == MEMBER_VAR ? vm_globals[pm->global] : mk_error("short write");
    }
  }
  if (b->off == b->len) b->off = b->len = 0;
  res[0] = TYPED_INT(w, TID_INT64);
  res[1] = err;
  return 2;
}

/* ReadFrom(r io.Reader) (n int64, err error): reads until EOF. */
static int buf_read_from(Fiber *f, Value *args, int nargs, Value *res) {
  Buffer *b = buffer_of(args[0]);
  if (!b) return nil_buffer(f);
  b->last_read = 0;
  int64_t total = 0;
  for (;;) {
    buf_grow(b, 512);
    Value err;
    int k = ext_read(f, args[1], b->buf + b->len, (size_t)(b->cap - b->len), &err);
    if (k == NATIVE_PANIC || k == NATIVE_PARK) return k;
    b->len += k;
    total += k;
    if (!IS_NIL(err)) {
      Value eof = io_eof_value();
      res[0] = TYPED_INT(total, TID_INT64);
      res[1] = err.kind == eof.kind && err.as.p == eof.as.p ? NIL_VAL : err;
      return 2;
    }
  }
}

static Value new_buffer_from(const char *p, int64_t n) {
  Buffer *b = NEW(Buffer);
  if (n > 0) {
    b->buf = GC_MALLOC_ATOMIC((size_t)n);
    memcpy(b->buf, p, (size_t)n);
    b->len = b->cap = n;
  }
  return PTR_VAL(PTR_CELL, cell_new(obj_new(&buffer_cls, b)), 0);
}

/* NewBuffer(buf []byte) *Buffer */
static int b_new_buffer(Fiber *f, Value *args, int nargs, Value *res) {
  Value s = bytes_to_str(args[0]);
  res[0] = new_buffer_from(AS_STR(s)->data, AS_STR(s)->len);
  return 1;
}

/* NewReader(b []byte) *Reader */
static int b_new_reader(Fiber *f, Value *args, int nargs, Value *res) {
  Value s = bytes_to_str(args[0]);
  res[0] = bytes_reader_new(AS_STR(s)->data, (size_t)AS_STR(s)->len);
  return 1;
}

#define FNAME "bytes.NewBufferString"
static int b_new_buffer_string(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = new_buffer_from(s->data, s->len);
  return 1;
}
#undef FNAME

/* }==================================================================== */

void stdlib_open_bytes(void) {
  const char *P = "bytes";
  bytes_type = type_slice(type_uint8);
  int nw = (int)(sizeof wraps / sizeof wraps[0]);
  for (int i = 0; i < nw && i < MAX_WRAPS; i++) {
    const PkgMember *m = api_lookup("strings", wraps[i].name);
    if (!m || m->kind != MEMBER_VALUE || m->value.kind != VAL_NATIVE) continue;
    ObjNative *sn = m->value.as.p;
    wrap_data[i].fn = sn->fn;
    wrap_data[i].name = wraps[i].name;
    wrap_data[i].joins = strcmp(wraps[i].name, "Join") == 0;
    api_def_func(P, wraps[i].name, wrapper_fns[i], wraps[i].arity);
  }
  api_def_func(P, "Equal", b_equal, 2);
  api_def_func(P, "Runes", b_runes, 1);
  api_def_const(P, "MinRead", INT_VAL(512));

  Type *bt = api_def_class(&buffer_cls, P, "Buffer");
  api_def_method(bt, "Write", buf_write, 1, true);
  api_def_method(bt, "WriteString", buf_write_string, 1, true);
  api_def_method(bt, "WriteByte", buf_write_byte, 1, true);
  api_def_method(bt, "WriteRune", buf_write_rune, 1, true);
  api_def_method(bt, "String", buf_string, 0, true);
  api_def_method(bt, "Bytes", buf_bytes, 0, true);
  api_def_method(bt, "Len", buf_len, 0, true);
  api_def_method(bt, "Cap", buf_cap, 0, true);
  api_def_method(bt, "Reset", buf_reset, 0, true);
  api_def_method(bt, "Truncate", buf_truncate, 1, true);
  api_def_method(bt, "Grow", buf_grow_m, 1, true);
  api_def_method(bt, "Read", buf_read, 1, true);
  api_def_method(bt, "Next", buf_next, 1, true);
  api_def_method(bt, "ReadByte", buf_read_byte, 0, true);
  api_def_method(bt, "ReadRune", buf_read_rune, 0, true);
  api_def_method(bt, "UnreadByte", buf_unread_byte, 0, true);
  api_def_method(bt, "UnreadRune", buf_unread_rune, 0, true);
  api_def_method(bt, "ReadString", buf_read_string, 1, true);
  api_def_method(bt, "ReadBytes", buf_read_bytes, 1, true);
  api_def_method(bt, "WriteTo", buf_write_to, 1, true);
  api_def_method(bt, "ReadFrom", buf_read_from, 1, true);
  api_def_func(P, "NewBuffer", b_new_buffer, 1);
  api_def_func(P, "NewBufferString", b_new_buffer_string, 1);
  api_def_func(P, "NewReader", b_new_reader, 1);
}
