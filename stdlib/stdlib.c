/*
** stdlib.c -- stdlib_init (opens every package), the process-wide stdout
** buffer, os.Args, and the helpers natives share (stdlib_internal.h).
**
** Stdout lock rule: out_lock protects out_buf/out_len; it is held only while
** copying bytes or calling write(2), never while running csp code.
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/limits.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

Value value_coerce(Type *t, Value v);   /* vm/value.c */

/* {====================================================================
** stdout
** ===================================================================== */

#define OUT_CAP (64 * 1024)

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static char out_buf[OUT_CAP];
static size_t out_len;
static int out_tty = -1;     /* -1: not checked yet */

static bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* Caller holds out_lock. */
static bool flush_locked(void) {
  bool ok = true;
  if (out_len) ok = write_all(1, out_buf, out_len);
  out_len = 0;
  return ok;
}

void stdlib_flush_stdout(void) {
  pthread_mutex_lock(&out_lock);
  flush_locked();
  pthread_mutex_unlock(&out_lock);
}

static bool write_stdout_buffered(const char *p, size_t n) {
  bool ok = true;
  pthread_mutex_lock(&out_lock);
  if (out_tty < 0) out_tty = isatty(1);
  if (out_len + n > OUT_CAP) {
    ok = flush_locked();
    if (n >= OUT_CAP) {
      ok = write_all(1, p, n) && ok;
      pthread_mutex_unlock(&out_lock);
      return ok;
    }
  }
  memcpy(out_buf + out_len, p, n);
  out_len += n;
  if (out_tty) ok = flush_locked();
  pthread_mutex_unlock(&out_lock);
  return ok;
}

/* --max-output counts what the program writes to fd 1 and 2: write what
** fits, then (no lock held) end the program (vm/limits.h). */
static bool write_stdout(const char *p, size_t n) {
  size_t fits = limits_output_allow(n);
  bool ok = write_stdout_buffered(p, fits);
  if (fits < n) limits_exceeded(LIMIT_OUTPUT, 0, NULL);
  return ok;
}

void stdlib_write_stdout(const char *p, size_t n) { write_stdout(p, n); }

bool stdlib_write_fd(int fd, const char *p, size_t n) {
  if (fd == 1) return write_stdout(p, n);
  if (fd == 2) {
    size_t fits = limits_output_allow(n);
    bool ok = write_all(2, p, fits);
    if (fits < n) limits_exceeded(LIMIT_OUTPUT, 0, NULL);
    return ok;
  }
  return write_all(fd, p, n);
}

/* }==================================================================== */

/* {====================================================================
** Helpers
** ===================================================================== */

Value mk_slice(Type *elem, const Value *vals, int64_t n) {
  Value s = slice_make(elem, n, n);
  ObjSlice *sl = s.as.p;
  for (int64_t i = 0; i < n; i++) sl->arr->v[sl->off + i] = vals[i];
  return s;
}

Value mk_bytes(const char *p, size_t n) {
  Value s = slice_make(type_uint8, (int64_t)n, (int64_t)n);
  ObjSlice *sl = s.as.p;
  Value *v = sl->arr->v + sl->off;
  for (size_t i = 0; i < n; i++) v[i] = BYTE_VAL((unsigned char)p[i]);
  return s;
}

static Type *string_type(void) { return value_type(OBJ_VAL(VAL_STR, str_empty())); }

Value mk_str_slice(ObjString **strs, int64_t n) {
  Value s = slice_make(string_type(), n, n);
  ObjSlice *sl = s.as.p;
  for (int64_t i = 0; i < n; i++) sl->arr->v[sl->off + i] = OBJ_VAL(VAL_STR, strs[i]);
  return s;
}

bool bytes_of(Value v, StrBuf *b) {
  b->len = 0;
  if (b->data) b->data[0] = 0;
  if (v.kind == VAL_STR) {
    sb_putn(b, AS_STR(v)->data, (size_t)AS_STR(v)->len);
    return true;
  }
  if (v.kind == VAL_SLICE || v.kind == VAL_ARRAY) {
    int64_t n;
    Value *e = seq_elems(v, &n);
    sb_reserve(b, (size_t)n);
    for (int64_t i = 0; i < n; i++) b->data[b->len++] = (char)e[i].as.i;
    b->data[b->len] = 0;
    return true;
  }
  return false;
}

int arg_error(Fiber *f, const char *fname, int i, const char *want, Value got) {
  vm_panicf(f, "%s: argument %d must be %s, not %s", fname, i + 1, want,
            type_str(value_type(got)));
  return NATIVE_PANIC;
}

bool ptr_load(Value p, Value *out) {
  if (p.kind != VAL_PTR || !p.as.p) return false;
  switch (p.pk) {
  case PTR_CELL: *out = ((Cell *)p.as.p)->v; return true;
  case PTR_STRUCT: *out = OBJ_VAL(VAL_STRUCT, p.as.p); return true;
  case PTR_ARRAY: *out = OBJ_VAL(VAL_ARRAY, p.as.p); return true;
  case PTR_FIELD: {
    ObjStruct *s = p.as.p;
    if (p.aux >= s->n) return false;
    *out = s->f[p.aux];
    return true;
  }
  case PTR_ELEM: {
    ObjArray *a = p.as.p;
    if ((int64_t)p.aux >= a->len) return false;
    *out = a->v[p.aux];
    return true;
  }
  default: return false;
  }
}

ObjNativeObj *native_obj_of(Value v) {
  for (int depth = 0; depth < 4; depth++) {
    if (v.kind == VAL_OBJ) return v.as.p;
    Value x;
    if (v.kind == VAL_CELL && v.as.p) v = ((Cell *)v.as.p)->v;
    else if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
    else return NULL;
  }
  return NULL;
}

void *native_data_of(Value v, const NativeClass *cls) {
  ObjNativeObj *o = native_obj_of(v);
  return o && o->cls == cls ? o->data : NULL;
}

bool ptr_store(Value p, Value v) {
  if (p.kind != VAL_PTR || !p.as.p) return false;
  switch (p.pk) {
  case PTR_CELL: ((Cell *)p.as.p)->v = v; return true;
  case PTR_FIELD: {
    ObjStruct *s = p.as.p;
    if (p.aux >= s->n) return false;
    Type *st = s->type && s->type->underlying ? s->type->underlying : s->type;
    if (st && st->kind == TY_STRUCT && (int)p.aux < st->nfields)
      v = value_coerce(st->fields[p.aux].type, v);
    s->f[p.aux] = v;
    return true;
  }
  case PTR_ELEM: {
    ObjArray *a = p.as.p;
    if ((int64_t)p.aux >= a->len) return false;
    a->v[p.aux] = value_coerce(a->elem, v);
    return true;
  }
  case PTR_STRUCT: {
    ObjStruct *s = p.as.p;
    if (v.kind != VAL_STRUCT || !v.as.p) return false;
    ObjStruct *src = v.as.p;
    for (uint32_t i = 0; i < s->n && i < src->n; i++) s->f[i] = value_copy(src->f[i]);
    return true;
  }
  case PTR_ARRAY: {
    ObjArray *a = p.as.p;
    if (v.kind != VAL_ARRAY || !v.as.p) return false;
    ObjArray *src = v.as.p;
    for (int64_t i = 0; i < a->len && i < src->len; i++) a->v[i] = value_copy(src->v[i]);
    return true;
  }
  default: return false;
  }
}

int utf8_decode(const unsigned char *s, size_t n, int32_t *r) {
  if (n == 0) { *r = RUNE_ERROR; return 0; }
  unsigned c = s[0];
  if (c < 0x80) { *r = (int32_t)c; return 1; }
  if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
    *r = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
    int32_t x = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F));
    if (x >= 0x800 && (x < 0xD800 || x > 0xDFFF)) { *r = x; return 3; }
  }
  if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
      (s[3] & 0xC0) == 0x80) {
    int32_t x = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
                          (s[3] & 0x3F));
    if (x >= 0x10000 && x <= 0x10FFFF) { *r = x; return 4; }
  }
  *r = RUNE_ERROR;
  return 1;
}

int utf8_rune_len(int32_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= 0x10FFFF) return 4;
  return -1;
}

int utf8_encode(char *out, int32_t r) {
  if (utf8_rune_len(r) < 0) r = RUNE_ERROR;
  uint32_t c = (uint32_t)r;
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* }==================================================================== */

/* {====================================================================
** os.Args and stdlib_init
** ===================================================================== */

static int args_slot = -1;

void stdlib_set_args(int argc, char **argv) {
  if (args_slot < 0 || !vm_globals) return;
  if (argc < 0) argc = 0;
  ObjString **strs = NEW_ARRAY(ObjString *, argc + 1);
  for (int i = 0; i < argc; i++) strs[i] = str_new(argv[i], (int64_t)strlen(argv[i]));
  vm_globals[args_slot] = mk_str_slice(strs, argc);
}

/* os.c registers os.Args through this. */
void stdlib_register_args(void);
void stdlib_register_args(void) {
  Value empty = mk_str_slice(NULL, 0);
  args_slot = api_def_var("os", "Args", empty);
}

static void exit_flush(void) { stdlib_flush_stdout(); }

/* Packages written in other files of stdlib/ by other people: each defines
** stdlib_open_<name>(void). WRITTEN_PACKAGES are referenced strongly (a weak
** reference would not pull their object file out of libcsp.a); FUTURE_PACKAGES
** are weak so that a package not written yet is skipped: move a name to the
** first list when its file exists. */
#define WRITTEN_PACKAGES(X) X(time) X(sync) X(atomic) X(runtime) X(net) X(json) X(bytes)
#define FUTURE_PACKAGES(X) X(rand) X(bufio) X(io) X(context) X(slices) X(maps) X(csp)
#define DECL_OPEN(n) void stdlib_open_##n(void);
#define WEAK_OPEN(n) void stdlib_open_##n(void) __attribute__((weak));
WRITTEN_PACKAGES(DECL_OPEN)
FUTURE_PACKAGES(WEAK_OPEN)
#undef DECL_OPEN
#undef WEAK_OPEN

void stdlib_init(void) {
  static bool done;
  if (done) return;
  done = true;
  open_errors();
  open_fmt();
  open_strings();
  open_strconv();
  open_math();
  open_sort();
  open_os();
  open_unicode();
  open_io();
  open_bufio();
  open_rand();
  open_container();
  open_slices();
  open_flag();
  open_context();
#define CALL_OPEN(n) stdlib_open_##n();
#define CALL_WEAK(n) if (stdlib_open_##n) stdlib_open_##n();
  WRITTEN_PACKAGES(CALL_OPEN)
  FUTURE_PACKAGES(CALL_WEAK)
#undef CALL_OPEN
#undef CALL_WEAK
  atexit(exit_flush);
}

/* }==================================================================== */
