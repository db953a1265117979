/*
** os.c -- package os (basics): Args, Exit, Getenv/LookupEnv/Setenv/Environ,
** Stdin/Stdout/Stderr (*os.File values with Write, WriteString, Read, Close,
** Name), Open, Create, ReadFile, WriteFile, Remove. Errors are *fs.PathError
** structs (Op, Path, Err readable) whose Err is a syscall.Errno, so
** errors.Is(err, os.ErrNotExist) works and Error() is Go's
** "open x: no such file or directory"; the Err* sentinels and IsNotExist &co.
**
** Writes to Stdout go through the process-wide stdout buffer (stdlib.c).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"

void stdlib_register_args(void);   /* stdlib.c */

/* {====================================================================
** Errors
** ===================================================================== */

/* *fs.PathError is a real struct (Go's fields Op, Path, Err are readable:
** pe.Op), with native Error and Unwrap methods. Err is a syscall.Errno: a
** named uintptr whose Error() is the C library's text in Go's lowercase form
** and whose Is() matches the os.Err* sentinels as Go's does. */
static Type *pe_type;        /* fs.PathError (the named struct) */
static Type *errno_type;     /* syscall.Errno */
static Value err_invalid, err_permission, err_exist, err_not_exist, err_closed;

static ObjStruct *path_error_of(Value v) {
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind == VAL_PTR && v.pk == PTR_STRUCT && v.as.p) {
    ObjStruct *s = v.as.p;
    if (s->type == pe_type && s->n == 3) return s;
  }
  if (v.kind == VAL_STRUCT && v.as.p) {
    ObjStruct *s = v.as.p;
    if (s->type == pe_type && s->n == 3) return s;
  }
  return NULL;
}

static Value errno_error(int e) {
  Value v = INT_VAL(e);
  v.aux = errno_type->id;
  return v;
}

static Value mk_path_error(const char *op, const char *path, Value err) {
  ObjStruct *st = struct_new(pe_type);
  st->f[0] = mk_cstr(op);
  st->f[1] = mk_cstr(path);
  st->f[2] = err;
  return PTR_VAL(PTR_STRUCT, st, 0);
}

static Value path_error(const char *op, const char *path, int e) {
  return mk_path_error(op, path, errno_error(e));
}

static int pe_error(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *pe = path_error_of(args[0]);
  if (!pe) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  const char *et = NULL;
  if (!IS_NIL(pe->f[2]) && !api_error_text(f, pe->f[2], &et)) et = NULL;
  if (f && f->panic) return NATIVE_PANIC;
  StrBuf b;
  sb_init(&b);
  ObjString *op = pe->f[0].kind == VAL_STR ? AS_STR(pe->f[0]) : str_empty();
  ObjString *path = pe->f[1].kind == VAL_STR ? AS_STR(pe->f[1]) : str_empty();
  if (op->len > 0) sb_putn(&b, op->data, (size_t)op->len);
  sb_putc(&b, ' ');
  if (path->len > 0) sb_putn(&b, path->data, (size_t)path->len);
  sb_puts(&b, ": ");
  sb_puts(&b, et ? et : "<nil>");
  res[0] = sb_value(&b);
  return 1;
}

static int pe_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  ObjStruct *pe = path_error_of(args[0]);
  res[0] = pe ? pe->f[2] : NIL_VAL;
  return 1;
}

static int64_t errno_of(Value v) {
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind == VAL_PTR && v.pk == PTR_CELL && v.as.p) v = ((Cell *)v.as.p)->v;
  return v.kind == VAL_INT ? v.as.i : 0;
}

/* Go's syscall error text: strerror with a lowercase first letter. */
static int errno_error_m(Fiber *f, Value *args, int nargs, Value *res) {
  int e = (int)errno_of(args[0]);
  char buf[256];
  snprintf(buf, sizeof buf, "%s", strerror(e));
  if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z')) buf[0] = (char)(buf[0] + 32);
  res[0] = mk_cstr(buf);
  return 1;
}

static bool same_err(Value a, Value b) {
  return a.kind == b.kind && a.as.p == b.as.p && !IS_NIL(a);
}

/* Go's syscall.Errno.Is */
static bool errno_is(int64_t e, Value target) {
  if (same_err(target, err_permission)) return e == EACCES || e == EPERM;
  if (same_err(target, err_exist)) return e == EEXIST || e == ENOTEMPTY;
  if (same_err(target, err_not_exist)) return e == ENOENT;
  return false;
}

static int errno_is_m(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(nargs >= 2 && errno_is(errno_of(args[0]), args[1]));
  return 1;
}

/* os.IsNotExist & co.: Go's underlyingErrorIs (unwraps only *PathError). */
static bool underlying_is(Value err, Value target) {
  ObjStruct *pe = path_error_of(err);
  if (pe) err = pe->f[2];
  if (same_err(err, target)) return true;
  if (err.kind == VAL_INT && err.aux == errno_type->id) return errno_is(err.as.i, target);
  return false;
}

static int os_is_not_exist(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(underlying_is(args[0], err_not_exist));
  return 1;
}
static int os_is_exist(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(underlying_is(args[0], err_exist));
  return 1;
}
static int os_is_permission(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(underlying_is(args[0], err_permission));
  return 1;
}

static Value eof_error;   /* fallback io.EOF; static: a root */

static Value io_eof(void) {
  const PkgMember *m = api_lookup("io", "EOF");
  if (m) {
    if (m->kind == MEMBER_VALUE) return m->value;
    if (m->kind == MEMBER_VAR && vm_globals) return vm_globals[m->global];
  }
  if (IS_NIL(eof_error)) eof_error = mk_error("EOF");
  return eof_error;
}

/* }==================================================================== */

/* {====================================================================
** *os.File
** ===================================================================== */

typedef struct File {
  int fd;
  const char *name;
  bool closed;
} File;

static NativeClass file_cls = {"*os.File", NULL, NULL, NULL};

static File *file_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind != VAL_OBJ || !v.as.p || ((ObjNativeObj *)v.as.p)->cls != &file_cls) return NULL;
  return ((ObjNativeObj *)v.as.p)->data;
}

bool os_file_fd(Value v, int *fd) {
  File *fl = file_of(v);
  if (!fl) return false;
  *fd = fl->closed ? -1 : fl->fd;
  return true;
}

static Value new_file(int fd, const char *name) {
  File *fl = NEW(File);
  fl->fd = fd;
  fl->name = name;
  return obj_new(&file_cls, fl);
}

static Value closed_error(File *fl, const char *op) {
  return mk_path_error(op, fl->name, err_closed);
}

static int do_write(Fiber *f, File *fl, const char *p, size_t n, Value *res) {
  if (!fl) {
    vm_panicf(f, "os: invalid use of nil *os.File");
    return NATIVE_PANIC;
  }
  if (fl->closed) {
    res[0] = INT_VAL(0);
    res[1] = closed_error(fl, "write");
    return 2;
  }
  if (!stdlib_write_fd(fl->fd, p, n)) {
    int e = errno;
    res[0] = INT_VAL(0);
    res[1] = path_error("write", fl->name, e);
    return 2;
  }
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}

#define FNAME "(*os.File).WriteString"
static int file_write_string(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(1, s);
  return do_write(f, file_of(args[0]), s->data, (size_t)s->len, res);
}
#undef FNAME

#define FNAME "(*os.File).Write"
static int file_write(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (!bytes_of(args[1], &b)) return arg_error(f, FNAME, 0, "[]byte", args[1]);
  return do_write(f, file_of(args[0]), b.data ? b.data : "", b.len, res);
}
#undef FNAME

/* Read(p []byte): blocks the worker thread (no poller integration yet). */
bool net_ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err, int *k) __attribute__((weak));

static int file_read(Fiber *f, Value *args, int nargs, Value *res) {
  File *fl = file_of(args[0]);
  if (!fl) {
    vm_panicf(f, "os: invalid use of nil *os.File");
    return NATIVE_PANIC;
  }
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  if (fl->closed) {
    res[0] = INT_VAL(0);
    res[1] = closed_error(fl, "read");
    return 2;
  }
  if (n == 0) {
    res[0] = INT_VAL(0);
    res[1] = NIL_VAL;
    return 2;
  }
  if (fl->fd == 0) stdlib_flush_stdout();
  char *buf = GC_MALLOC_ATOMIC((size_t)n);
  if (fl->fd == 0) {
    size_t got = fmt_stdin_unread(buf, (size_t)n);
    if (got) {
      for (size_t i = 0; i < got; i++) e[i] = BYTE_VAL((unsigned char)buf[i]);
      res[0] = INT_VAL((int64_t)got);
      res[1] = NIL_VAL;
      return 2;
    }
  }
  if (fl->fd == 0 && net_ext_read) {
    /* net.c: a pipe or terminal stdin is polled, parking only this goroutine */
    Value err;
    int k;
    if (net_ext_read(f, args[0], buf, (size_t)n, &err, &k)) {
      if (k < 0) return k;   /* NATIVE_PARK: re-run when readable */
      for (int i = 0; i < k; i++) e[i] = BYTE_VAL((unsigned char)buf[i]);
      res[0] = INT_VAL(k);
      res[1] = err;
      return 2;
    }
  }
  ssize_t r;
  do r = read(fl->fd, buf, (size_t)n); while (r < 0 && errno == EINTR);
  if (r < 0) {
    int er = errno;
    res[0] = INT_VAL(0);
    res[1] = path_error("read", fl->name, er);
    return 2;
  }
  for (ssize_t i = 0; i < r; i++) e[i] = BYTE_VAL((unsigned char)buf[i]);
  res[0] = INT_VAL(r);
  res[1] = r == 0 ? io_eof() : NIL_VAL;
  return 2;
}

static int file_close(Fiber *f, Value *args, int nargs, Value *res) {
  File *fl = file_of(args[0]);
  if (!fl) {
    vm_panicf(f, "os: invalid use of nil *os.File");
    return NATIVE_PANIC;
  }
  if (fl->closed) {
    res[0] = closed_error(fl, "close");
    return 1;
  }
  if (fl->fd == 1) stdlib_flush_stdout();
  fl->closed = true;
  if (fl->fd > 2) close(fl->fd);
  res[0] = NIL_VAL;
  return 1;
}

static int file_name(Fiber *f, Value *args, int nargs, Value *res) {
  File *fl = file_of(args[0]);
  res[0] = mk_cstr(fl ? fl->name : "");
  return 1;
}

static int file_sync(Fiber *f, Value *args, int nargs, Value *res) {
  File *fl = file_of(args[0]);
  if (fl && fl->fd == 1) stdlib_flush_stdout();
  res[0] = NIL_VAL;
  return 1;
}

/* }==================================================================== */

/* {====================================================================
** Functions
** ===================================================================== */

#define FNAME "os.Exit"
static int os_exit(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_INT(0, code);
  stdlib_flush_stdout();
  sched_exit((int)code);
}
#undef FNAME

#define FNAME "os.Getenv"
static int os_getenv(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, k);
  const char *v = getenv(k->data);
  res[0] = mk_cstr(v ? v : "");
  return 1;
}
#undef FNAME

#define FNAME "os.LookupEnv"
static int os_lookupenv(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, k);
  const char *v = getenv(k->data);
  res[0] = mk_cstr(v ? v : "");
  res[1] = BOOL_VAL(v != NULL);
  return 2;
}
#undef FNAME

#define FNAME "os.Setenv"
static int os_setenv(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, k);
  ARG_STR(1, v);
  if (k->len == 0 || memchr(k->data, '=', (size_t)k->len) || setenv(k->data, v->data, 1) != 0) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "setenv: invalid argument");
    res[0] = mk_error(sb_cstr(&b));
    return 1;
  }
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

#define FNAME "os.Unsetenv"
static int os_unsetenv(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, k);
  unsetenv(k->data);
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

extern char **environ;

static int os_environ(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n = 0;
  while (environ && environ[n]) n++;
  ObjString **strs = NEW_ARRAY(ObjString *, n + 1);
  for (int64_t i = 0; i < n; i++) strs[i] = str_new(environ[i], (int64_t)strlen(environ[i]));
  res[0] = mk_str_slice(strs, n);
  return 1;
}

/* os.Open(name) (*File, error): read-only; os.Create(name): O_RDWR|O_CREATE|O_TRUNC, 0666. */
static int open_file(Fiber *f, ObjString *path, int flags, Value *res) {
  int fd = open(path->data, flags | O_CLOEXEC, 0666);
  if (fd < 0) {
    Value nilf = OBJ_VAL(VAL_PTR, NULL);
    nilf.aux = file_cls.type ? file_cls.type->id : 0;
    res[0] = nilf;
    res[1] = path_error("open", path->data, errno);
    return 2;
  }
  size_t n = (size_t)path->len;
  char *name = GC_MALLOC_ATOMIC(n + 1);
  memcpy(name, path->data, n + 1);
  res[0] = new_file(fd, name);
  res[1] = NIL_VAL;
  return 2;
}

#define FNAME "os.Open"
static int os_open(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, path);
  return open_file(f, path, O_RDONLY, res);
}
#undef FNAME

#define FNAME "os.Create"
static int os_create(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, path);
  return open_file(f, path, O_RDWR | O_CREAT | O_TRUNC, res);
}
#undef FNAME

#define FNAME "os.ReadFile"
static int os_readfile(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, path);
  int fd = open(path->data, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    res[0] = (Value){.kind = VAL_SLICE};
    res[1] = path_error("open", path->data, errno);
    return 2;
  }
  StrBuf b;
  sb_init(&b);
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    res[0] = (Value){.kind = VAL_SLICE};
    res[1] = path_error("read", path->data, EISDIR);
    return 2;
  }
  char buf[65536];
  for (;;) {
    ssize_t r = read(fd, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      close(fd);
      res[0] = (Value){.kind = VAL_SLICE};
      res[1] = path_error("read", path->data, e);
      return 2;
    }
    if (r == 0) break;
    sb_putn(&b, buf, (size_t)r);
  }
  close(fd);
  res[0] = mk_bytes(b.data ? b.data : "", b.len);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

#define FNAME "os.WriteFile"
static int os_writefile(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, path);
  StrBuf b;
  sb_init(&b);
  if (!bytes_of(args[1], &b)) return arg_error(f, FNAME, 1, "[]byte", args[1]);
  ARG_INT(2, perm);
  int fd = open(path->data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)(perm & 07777));
  if (fd < 0) {
    res[0] = path_error("open", path->data, errno);
    return 1;
  }
  const char *p = b.data ? b.data : "";
  size_t n = b.len;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      int e = errno;
      close(fd);
      res[0] = path_error("write", path->data, e);
      return 1;
    }
    p += w;
    n -= (size_t)w;
  }
  close(fd);
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

#define FNAME "os.Remove"
static int os_remove(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, path);
  if (remove(path->data) != 0) {
    res[0] = path_error("remove", path->data, errno);
    return 1;
  }
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

static int os_getwd(Fiber *f, Value *args, int nargs, Value *res) {
  char buf[4096];
  if (!getcwd(buf, sizeof buf)) {
    res[0] = OBJ_VAL(VAL_STR, str_empty());
    res[1] = errno_error(errno);
    return 2;
  }
  res[0] = mk_cstr(buf);
  res[1] = NIL_VAL;
  return 2;
}

static int os_getpid(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = INT_VAL(getpid());
  return 1;
}

static int os_hostname(Fiber *f, Value *args, int nargs, Value *res) {
  char buf[256];
  if (gethostname(buf, sizeof buf) != 0) {
    res[0] = OBJ_VAL(VAL_STR, str_empty());
    res[1] = errno_error(errno);
    return 2;
  }
  buf[sizeof buf - 1] = 0;
  res[0] = mk_cstr(buf);
  res[1] = NIL_VAL;
  return 2;
}

/* }==================================================================== */

void open_os(void) {
  const char *P = "os";
  errno_type = type_named("syscall", "Errno", type_uintptr);
  api_def_method(errno_type, "Error", errno_error_m, 0, false);
  api_def_method(errno_type, "Is", errno_is_m, 1, false);
  Field pf[3] = {{.name = "Op", .type = type_string},
                 {.name = "Path", .type = type_string},
                 {.name = "Err", .type = type_error}};
  pe_type = type_named("fs", "PathError", type_struct(pf, 3));
  api_def_method(pe_type, "Error", pe_error, 0, true);
  api_def_method(pe_type, "Unwrap", pe_unwrap, 0, true);
  api_def_type("io/fs", "PathError", pe_type);
  api_def_type(P, "PathError", pe_type);
  /* Go's oserror values, shared by io/fs and os. */
  err_invalid = mk_error("invalid argument");
  err_permission = mk_error("permission denied");
  err_exist = mk_error("file already exists");
  err_not_exist = mk_error("file does not exist");
  err_closed = mk_error("file already closed");
  static const char *const pkgs[] = {"io/fs", "os"};
  for (int i = 0; i < 2; i++) {
    api_def_var(pkgs[i], "ErrInvalid", err_invalid);
    api_def_var(pkgs[i], "ErrPermission", err_permission);
    api_def_var(pkgs[i], "ErrExist", err_exist);
    api_def_var(pkgs[i], "ErrNotExist", err_not_exist);
    api_def_var(pkgs[i], "ErrClosed", err_closed);
  }
  api_def_func(P, "IsNotExist", os_is_not_exist, 1);
  api_def_func(P, "IsExist", os_is_exist, 1);
  api_def_func(P, "IsPermission", os_is_permission, 1);
  api_def_func(P, "Open", os_open, 1);
  api_def_func(P, "Create", os_create, 1);

  Type *ft = api_def_class(&file_cls, P, "File");
  api_def_method(ft, "Write", file_write, 1, true);
  api_def_method(ft, "WriteString", file_write_string, 1, true);
  api_def_method(ft, "Read", file_read, 1, true);
  api_def_method(ft, "Close", file_close, 0, true);
  api_def_method(ft, "Name", file_name, 0, true);
  api_def_method(ft, "Sync", file_sync, 0, true);

  api_def_var(P, "Stdin", new_file(0, "/dev/stdin"));
  api_def_var(P, "Stdout", new_file(1, "/dev/stdout"));
  api_def_var(P, "Stderr", new_file(2, "/dev/stderr"));
  stdlib_register_args();

  api_def_func(P, "Exit", os_exit, 1);
  api_def_func(P, "Getenv", os_getenv, 1);
  api_def_func(P, "LookupEnv", os_lookupenv, 1);
  api_def_func(P, "Setenv", os_setenv, 2);
  api_def_func(P, "Unsetenv", os_unsetenv, 1);
  api_def_func(P, "Environ", os_environ, 0);
  api_def_func(P, "ReadFile", os_readfile, 1);
  api_def_func(P, "WriteFile", os_writefile, 3);
  api_def_func(P, "Remove", os_remove, 1);
  api_def_func(P, "Getwd", os_getwd, 0);
  api_def_func(P, "Getpid", os_getpid, 0);
  api_def_func(P, "Hostname", os_hostname, 0);
}
