/*
** stdlib_internal.h -- what the stdlib packages share: the package open
** functions, the process-wide stdout buffer, argument checking/conversion for
** natives, and small constructors for strings, slices and errors.
**
** Argument helpers raise a Go-style panic in f and return false when an
** argument has the wrong kind (csp is dynamically typed: Go would have refused
** the program at compile time). Ints are accepted where floats are expected
** (untyped constants), and integral floats where ints are expected.
*/
#ifndef CSP_STDLIB_INTERNAL_H
#define CSP_STDLIB_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "vm/api.h"
#include "vm/format.h"
#include "vm/map.h"
#include "vm/sched.h"
#include "vm/strbuf.h"

/* ---- package open functions (stdlib.c calls them from stdlib_init) ---- */
void open_fmt(void);
void open_strings(void);
void open_strconv(void);
void open_math(void);
void open_errors(void);
void open_sort(void);
void open_os(void);
void open_unicode(void);

/* ---- process-wide stdout: a buffer guarded by a mutex ----
** Fully buffered when stdout is not a terminal, flushed after each write when
** it is; flushed at exit (atexit, and the scheduler calls it before it prints
** a panic or fatal error). Safe from any thread. */
void stdlib_flush_stdout(void);
/* fmt.c: bytes Scan* buffered from standard input but did not consume;
** stdin readers take them first. */
size_t fmt_stdin_unread(char *buf, size_t n);
void stdlib_write_stdout(const char *p, size_t n);
/* Write to a file descriptor: fd 1 goes through the stdout buffer. Returns
** false (errno set) on a write error. */
bool stdlib_write_fd(int fd, const char *p, size_t n);

/* Writers: an *os.File's descriptor (os.c); append to a strings.Builder
** (strings.c; v may be the Builder or a pointer to it). */
bool os_file_fd(Value v, int *fd);
bool strings_builder_append(Value v, const char *p, size_t n);
/* Write to any io.Writer value: *os.File, *strings.Builder, or a value with
** a Write([]byte) (int, error) method. Returns bytes written, or
** NATIVE_PANIC; *err gets the error (NIL_VAL if none). */
int stdlib_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err);

/* os.Args: the CLI calls this with the program path and its arguments. */
void stdlib_set_args(int argc, char **argv);

/* ---- implemented in vm/api.c and vm/format.c (not in their headers) ---- */
/* Find method `name` in v's method set as Go defines it (value receivers for
** values, all methods through pointers, promoted methods of embedded fields).
** On success *fn is the method and *recv the receiver to pass to it. */
bool api_find_method(Value v, const char *name, Value *fn, Value *recv);
/* Call method `name` of v with args; returns what vm_call returns, or -3 if v
** has no such method. */
int api_call_method(Fiber *f, Value v, const char *name, const Value *args, int nargs,
                    Value *res, int nres);
/* Error text of native error objects (errors.New, fmt.Errorf, strconv...),
** NULL if v is not one. */
const char *api_native_error_text(Value v);
/* Register a native class: its TY_NATIVE type named `name` ("*errors.errorString",
** "strings.Builder"), registered in package `path` as `tname` (NULL: not exported). */
Type *api_def_class(NativeClass *cls, const char *path, const char *tname);
/* The unwrapped error of a fmt.Errorf("%w") result or an error class with a
** wrap slot; NIL_VAL if none (natives only: csp Unwrap methods are called by
** errors.Unwrap). */
bool api_native_unwrap(Value v, Value *out);
/* fmt.Errorf's formatting: like fmt_sprintf, but %w accepts one error
** argument, stored in *wrapped (NIL_VAL if none). */
int fmt_sprintf_w(Fiber *f, StrBuf *b, const char *format, size_t flen, const Value *args,
                  int nargs, Value *wrapped);
/* Go's strconv.Quote (ascii: QuoteToASCII) appended to b. */
void fmt_quote(StrBuf *b, const char *s, size_t n, bool ascii);
/* strconv.QuoteRune. */
void fmt_quote_rune(StrBuf *b, int32_t r, bool ascii);
/* strconv.IsPrint. */
bool fmt_is_print(int32_t r);

/* ---- UTF-8 (Go's rules: invalid bytes decode as RuneError width 1) ---- */
#define RUNE_ERROR 0xFFFD
int utf8_decode(const unsigned char *s, size_t n, int32_t *r);   /* returns width >= 1 (0 if n == 0) */
int utf8_encode(char *out, int32_t r);                           /* returns 1..4 */
int utf8_rune_len(int32_t r);                                    /* -1 if invalid */

/* ---- Unicode (stdlib/unicode.c) ---- */
bool uni_is_letter(int32_t r);
bool uni_is_digit(int32_t r);
bool uni_is_space(int32_t r);
bool uni_is_upper(int32_t r);
bool uni_is_lower(int32_t r);
bool uni_is_punct(int32_t r);
int32_t uni_to_upper(int32_t r);
int32_t uni_to_lower(int32_t r);
int32_t uni_to_title(int32_t r);
int32_t uni_simple_fold(int32_t r);

/* ---- values ---- */
#define TYPED_INT(x, tid) ((Value){.kind = VAL_INT, .aux = (tid), .as.i = (int64_t)(x)})
#define RUNE_VAL(x) TYPED_INT(x, TID_INT32)
#define BYTE_VAL(x) TYPED_INT((uint8_t)(x), TID_UINT8)

static inline Value mk_str(const char *s, size_t n) { return str_val_n(s, (int64_t)n); }
static inline Value mk_cstr(const char *s) { return str_val(s); }
static inline Value sb_value(StrBuf *b) { return str_val_n(b->data ? b->data : "", (int64_t)b->len); }

/* Elements of a slice or array value (NULL and *n = 0 for nil/empty). */
static inline Value *seq_elems(Value v, int64_t *n) {
  if (v.kind == VAL_SLICE && v.as.p) {
    ObjSlice *s = (ObjSlice *)v.as.p;
    *n = s->len;
    return s->arr->v + s->off;
  }
  if (v.kind == VAL_ARRAY && v.as.p) {
    ObjArray *a = (ObjArray *)v.as.p;
    *n = a->len;
    return a->v;
  }
  *n = 0;
  return NULL;
}

/* A fresh []T of n elements copied from vals. */
Value mk_slice(Type *elem, const Value *vals, int64_t n);
/* []byte from bytes. */
Value mk_bytes(const char *p, size_t n);
/* []string from strings. */
Value mk_str_slice(ObjString **strs, int64_t n);

/* Bytes of a string or []byte value into b (replaces its contents). */
bool bytes_of(Value v, StrBuf *b);

/* Error value with a message (errors.New). */
static inline Value mk_error(const char *msg) { return api_error_new(msg, NIL_VAL); }

/* ---- argument checking ---- */
/* Panics "fname: argument N must be KIND, not TYPE" and returns NATIVE_PANIC. */
int arg_error(Fiber *f, const char *fname, int i, const char *want, Value got);

static inline bool to_int(Value v, int64_t *out) {
  if (v.kind == VAL_INT) { *out = v.as.i; return true; }
  if (v.kind == VAL_FLOAT && v.as.f == (double)(int64_t)v.as.f) { *out = (int64_t)v.as.f; return true; }
  return false;
}
static inline bool to_float(Value v, double *out) {
  if (v.kind == VAL_FLOAT) { *out = v.as.f; return true; }
  if (v.kind == VAL_INT) { *out = (double)v.as.i; return true; }
  return false;
}

#define ARG_STR(i, var)                                                   \
  ObjString *var;                                                         \
  do {                                                                    \
    if (args[i].kind != VAL_STR) return arg_error(f, FNAME, (i), "string", args[i]); \
    var = AS_STR(args[i]);                                                \
  } while (0)
#define ARG_INT(i, var)                                                   \
  int64_t var;                                                            \
  do {                                                                    \
    if (!to_int(args[i], &var)) return arg_error(f, FNAME, (i), "int", args[i]); \
  } while (0)
#define ARG_FLOAT(i, var)                                                 \
  double var;                                                             \
  do {                                                                    \
    if (!to_float(args[i], &var)) return arg_error(f, FNAME, (i), "float64", args[i]); \
  } while (0)
#define ARG_BOOL(i, var)                                                  \
  bool var;                                                               \
  do {                                                                    \
    if (args[i].kind != VAL_BOOL) return arg_error(f, FNAME, (i), "bool", args[i]); \
    var = args[i].as.b;                                                   \
  } while (0)
#define ARG_COUNT(n)                                                      \
  do {                                                                    \
    if (nargs < (n)) {                                                    \
      vm_panicf(f, "%s: not enough arguments (%d, want %d)", FNAME, nargs, (n)); \
      return NATIVE_PANIC;                                                \
    }                                                                     \
  } while (0)

/* Dereference a non-nil pointer value; false if p is not a usable pointer. */
bool ptr_load(Value p, Value *out);
/* Store through a pointer (coercing to the slot's type where it has one). */
bool ptr_store(Value p, Value v);
/* The native object v designates: the object itself, or a pointer or cell
** holding it (a few levels deep); NULL for anything else (a nil pointer). */
ObjNativeObj *native_obj_of(Value v);
/* Its data when the object is of class cls; NULL otherwise. */
void *native_data_of(Value v, const NativeClass *cls);

#endif
