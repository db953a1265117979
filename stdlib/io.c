/*
** io.c -- package io: the EOF and ErrUnexpectedEOF errors, the Reader/Writer
** family of interface types, ReadAll, ReadFull, WriteString, Copy and
** Discard; plus the helpers the other issue-4 packages share (ext.h):
** reading from any io.Reader and finding the struct behind a receiver.
**
** io.EOF is a package variable (a global slot) holding one error object, so
** `err == io.EOF` compares identities as in Go; os.File.Read and bufio look
** it up and return that same object.
*/
#include <errno.h>
#include <unistd.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

static int eof_slot = -1;
static Value eof_fallback;         /* static: a GC root */
static Value unexpected_eof;       /* io.ErrUnexpectedEOF */

Value io_eof_value(void) {
  if (eof_slot >= 0 && vm_globals && !IS_NIL(vm_globals[eof_slot])) return vm_globals[eof_slot];
  if (IS_NIL(eof_fallback)) eof_fallback = mk_error("EOF");
  return eof_fallback;
}

ObjStruct *ext_struct_of(Value v) {
  for (int depth = 0; depth < 6; depth++) {
    if (v.kind == VAL_STRUCT && v.as.p) return v.as.p;
    if (v.kind == VAL_CELL && v.as.p) { v = ((Cell *)v.as.p)->v; continue; }
    if (v.kind == VAL_PTR && v.as.p) {
      switch (v.pk) {
      case PTR_STRUCT: return v.as.p;
      case PTR_CELL: v = ((Cell *)v.as.p)->v; continue;
      case PTR_FIELD: {
        ObjStruct *s = v.as.p;
        if (v.aux >= s->n) return NULL;
        v = s->f[v.aux];
        continue;
      }
      case PTR_ELEM: {
        ObjArray *a = v.as.p;
        if ((int64_t)v.aux >= a->len) return NULL;
        v = a->v[v.aux];
        continue;
      }
      default: return NULL;
      }
    }
    return NULL;
  }
  return NULL;
}

/* net.c: a *net.TCPConn or a pollable os.Stdin is read there, parking the
** goroutine (the result may be NATIVE_PARK: callers propagate it and are
** restartable); io.ReadAll/ReadFull/Copy over them run there (-4: not mine). */
bool net_ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err, int *k) __attribute__((weak));
int net_io_func(Fiber *f, int which, Value *args, int nargs, Value *res) __attribute__((weak));
int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) __attribute__((weak));
#define NET_IO(which) \
  do { \
    if (net_io_func) { \
      int k_ = net_io_func(f, (which), args, nargs, res); \
      if (k_ != -4) return k_; \
    } \
  } while (0)

int ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err) {
  *err = NIL_VAL;
  int fd, k_;
  if (net_ext_read && net_ext_read(f, r, buf, n, err, &k_)) return k_;
  if (r.kind == VAL_OBJ && strings_reader_read(r, buf, n, &k_, err)) return k_;
  if (os_file_fd(r, &fd) && fd >= 0) {
    if (n == 0) return 0;
    if (fd == 0) {
      size_t got = fmt_stdin_unread(buf, n);
      if (got) return (int)got;
      stdlib_flush_stdout();   /* a prompt shows before we block */
    }
    ssize_t k;
    do k = read(fd, buf, n); while (k < 0 && errno == EINTR);
    if (k < 0) {
      *err = mk_error(strerror(errno));
      return 0;
    }
    if (k == 0) *err = io_eof_value();
    return (int)k;
  }
  /* Any other reader: call its Read method with a fresh []byte. */
  Value p = slice_make(type_uint8, (int64_t)n, (int64_t)n);
  Value res[2];
  int k = api_call_method(f, r, "Read", &p, 1, res, 2);
  if (k == NATIVE_PANIC) return NATIVE_PANIC;
  if (k == -3) {
    if (value_is_nil(r))
      vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    else
      vm_panicf(f, "interface conversion: %s is not io.Reader: missing method Read",
                type_str(value_type(r)));
    return NATIVE_PANIC;
  }
  int64_t cnt = 0;
  if (k >= 1) to_int(res[0], &cnt);
  if (k >= 2) *err = res[1];
  if (cnt < 0 || cnt > (int64_t)n) {
    vm_panicf(f, "bufio: reader returned negative count from Read");
    return NATIVE_PANIC;
  }
  int64_t len;
  Value *e = seq_elems(p, &len);
  for (int64_t i = 0; i < cnt && i < len; i++) buf[i] = (char)e[i].as.i;
  return (int)cnt;
}

/* {====================================================================
** Functions
** ===================================================================== */

static bool is_eof(Value e) {
  if (IS_NIL(e)) return false;
  Value eof = io_eof_value();
  return e.kind == eof.kind && e.as.p == eof.as.p;
}

/* io.ReadAll(r) ([]byte, error): EOF is not an error. */
static int io_readall(Fiber *f, Value *args, int nargs, Value *res) {
  NET_IO(0);
  StrBuf b;
  sb_init(&b);
  size_t chunk = 512;
  for (;;) {
    sb_reserve(&b, chunk);
    Value err;
    int k = ext_read(f, args[0], b.data + b.len, chunk, &err);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    b.len += (size_t)k;
    if (!IS_NIL(err)) {
      res[0] = mk_bytes(b.data, b.len);
      res[1] = is_eof(err) ? NIL_VAL : err;
      return 2;
    }
    if (chunk < 64 * 1024) chunk *= 2;
  }
}

/* io.ReadFull(r, buf) (n int, err error): fills buf or reports
** ErrUnexpectedEOF (some bytes) / EOF (none). */
static int io_readfull(Fiber *f, Value *args, int nargs, Value *res) {
  NET_IO(1);
  int64_t n;
  Value *dst = seq_elems(args[1], &n);
  char *tmp = GC_MALLOC_ATOMIC((size_t)n + 1);
  int64_t got = 0;
  Value err = NIL_VAL;
  while (got < n) {
    int k = ext_read(f, args[0], tmp + got, (size_t)(n - got), &err);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    got += k;
    if (!IS_NIL(err)) break;
  }
  for (int64_t i = 0; i < got; i++) dst[i] = BYTE_VAL((unsigned char)tmp[i]);
  if (got >= n) err = NIL_VAL;
  else if (got > 0 && is_eof(err)) err = unexpected_eof;
  res[0] = INT_VAL(got);
  res[1] = err;
  return 2;
}

#define FNAME "io.WriteString"
static int io_writestring(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(1, s);
  Value fn, recv;
  if (api_find_method(args[0], "WriteString", &fn, &recv)) {
    Value a[2] = {recv, args[1]};
    int k = vm_call(f, fn, a, 2, res, 2);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    for (int i = k; i < 2; i++) res[i] = i == 0 ? INT_VAL(0) : NIL_VAL;
    return 2;
  }
  Value err = NIL_VAL;
  int k = net_write_to ? net_write_to(f, args[0], s->data, (size_t)s->len, &err)
                       : stdlib_write_to(f, args[0], s->data, (size_t)s->len, &err);
  if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK (net.c): re-run */
  res[0] = INT_VAL(k);
  res[1] = err;
  return 2;
}
#undef FNAME

/* io.Copy(dst, src) (written int64, err error). */
static int io_copy(Fiber *f, Value *args, int nargs, Value *res) {
  NET_IO(2);
  /* Go: src.WriteTo(dst) if src is an io.WriterTo, else dst.ReadFrom(src)
  ** if dst is an io.ReaderFrom (the number and size of Writes differ). */
  static const char *const via[2] = {"WriteTo", "ReadFrom"};
  for (int w = 0; w < 2; w++) {
    Value fn, recv;
    if (!api_find_method(args[w == 0 ? 1 : 0], via[w], &fn, &recv)) continue;
    Value a[2] = {recv, args[w == 0 ? 0 : 1]};
    Value out[NATIVE_MAX_RESULTS];
    int k = vm_call(f, fn, a, 2, out, 2);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    res[0] = k >= 1 ? out[0] : INT_VAL(0);
    res[1] = k >= 2 ? out[1] : NIL_VAL;
    return 2;
  }
  size_t cap = 32 * 1024;
  char *buf = GC_MALLOC_ATOMIC(cap);
  int64_t total = 0;
  for (;;) {
    Value err;
    int k = ext_read(f, args[1], buf, cap, &err);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    if (k > 0) {
      Value werr = NIL_VAL;
      int w = stdlib_write_to(f, args[0], buf, (size_t)k, &werr);
      if (w == NATIVE_PANIC) return NATIVE_PANIC;
      total += w;
      if (!IS_NIL(werr)) {
        res[0] = INT_VAL(total);
        res[1] = werr;
        return 2;
      }
    }
    if (!IS_NIL(err)) {
      res[0] = INT_VAL(total);
      res[1] = is_eof(err) ? NIL_VAL : err;
      return 2;
    }
  }
}

/* io.Discard: a writer that drops everything. */
static NativeClass discard_cls = {"io.discard", NULL, NULL, NULL};

static int discard_write(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n = 0;
  if (args[1].kind == VAL_STR) n = AS_STR(args[1])->len;
  else seq_elems(args[1], &n);
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}

/* }==================================================================== */

static Type *iface(const char *name, const char **methods, int n) {
  Type *t = type_named("io", name, type_interface(methods, n));
  api_def_type("io", name, t);
  return t;
}

void open_io(void) {
  const char *P = "io";
  eof_slot = api_def_var(P, "EOF", mk_error("EOF"));
  unexpected_eof = mk_error("unexpected EOF");
  api_def_var(P, "ErrUnexpectedEOF", unexpected_eof);
  api_def_var(P, "ErrShortWrite", mk_error("short write"));
  api_def_var(P, "ErrClosedPipe", mk_error("io: read/write on closed pipe"));
  api_def_var(P, "ErrNoProgress", mk_error("multiple Read calls return no data or error"));

  iface("Reader", (const char *[]){"Read"}, 1);
  iface("Writer", (const char *[]){"Write"}, 1);
  iface("Closer", (const char *[]){"Close"}, 1);
  iface("ReadWriter", (const char *[]){"Read", "Write"}, 2);
  iface("ReadCloser", (const char *[]){"Read", "Close"}, 2);
  iface("WriteCloser", (const char *[]){"Write", "Close"}, 2);
  iface("ReadWriteCloser", (const char *[]){"Read", "Write", "Close"}, 3);
  iface("StringWriter", (const char *[]){"WriteString"}, 1);
  iface("ByteReader", (const char *[]){"ReadByte"}, 1);
  iface("ByteWriter", (const char *[]){"WriteByte"}, 1);
  iface("RuneReader", (const char *[]){"ReadRune"}, 1);
  iface("ByteScanner", (const char *[]){"ReadByte", "UnreadByte"}, 2);
  iface("RuneScanner", (const char *[]){"ReadRune", "UnreadRune"}, 2);
  iface("Seeker", (const char *[]){"Seek"}, 1);
  iface("ReadSeeker", (const char *[]){"Read", "Seek"}, 2);
  iface("ReaderAt", (const char *[]){"ReadAt"}, 1);
  iface("WriterTo", (const char *[]){"WriteTo"}, 1);
  iface("ReaderFrom", (const char *[]){"ReadFrom"}, 1);
  api_def_const(P, "SeekStart", INT_VAL(0));
  api_def_const(P, "SeekCurrent", INT_VAL(1));
  api_def_const(P, "SeekEnd", INT_VAL(2));

  api_def_func(P, "ReadAll", io_readall, 1);
  api_def_func(P, "ReadFull", io_readfull, 2);
  api_def_func(P, "WriteString", io_writestring, 2);
  api_def_func(P, "Copy", io_copy, 2);

  Type *dt = api_def_class(&discard_cls, NULL, NULL);
  api_def_method(dt, "Write", discard_write, 1, false);
  api_def_method(dt, "WriteString", discard_write, 1, false);
  api_def_var(P, "Discard", obj_new(&discard_cls, NULL));
}
