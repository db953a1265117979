/*
** os.c -- package os (basics): Args, Exit, Getenv/LookupEnv/Setenv/Environ,
** Stdin/Stdout/Stderr (*os.File values with Write, WriteString, Read, Close,
** Name), ReadFile, WriteFile. Errors are *fs.PathError values whose Error()
** is Go's "open x: no such file or directory".
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

typedef struct PathError {
  const char *op, *path;
  Value err;
} PathError;

static NativeClass path_error_cls = {"*fs.PathError", NULL, NULL};

static PathError *path_error_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind != VAL_OBJ || !v.as.p || ((ObjNativeObj *)v.as.p)->cls != &path_error_cls) return NULL;
  return ((ObjNativeObj *)v.as.p)->data;
}

/* Go's syscall error text: strerror with a lowercase first letter. */
static Value errno_error(int e) {
  const char *s = strerror(e);
  char buf[256];
  snprintf(buf, sizeof buf, "%s", s);
  if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z')) buf[0] = (char)(buf[0] + 32);
  return mk_error(buf);
}

static Value path_error(const char *op, const char *path, int e) {
  PathError *pe = NEW(PathError);
  pe->op = op;
  size_t n = strlen(path);
  char *p = GC_MALLOC_ATOMIC(n + 1);
  memcpy(p, path, n + 1);
  pe->path = p;
  pe->err = errno_error(e);
  return obj_new(&path_error_cls, pe);
}

static int pe_error(Fiber *f, Value *args, int nargs, Value *res) {
  PathError *pe = path_error_of(args[0]);
  if (!pe) { res[0] = OBJ_VAL(VAL_STR, str_empty()); return 1; }
  const char *et = NULL;
  api_error_text(f, pe->err, &et);
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "%s %s: %s", pe->op, pe->path, et ? et : "");
  res[0] = sb_value(&b);
  return 1;
}

static int pe_unwrap(Fiber *f, Value *args, int nargs, Value *res) {
  PathError *pe = path_error_of(args[0]);
  res[0] = pe ? pe->err : NIL_VAL;
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

static NativeClass file_cls = {"*os.File", NULL, NULL};

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
  PathError *pe = NEW(PathError);
  pe->op = op;
  pe->path = fl->name;
  pe->err = mk_error("file already closed");
  return obj_new(&path_error_cls, pe);
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
    PathError *pe = NEW(PathError);
    pe->op = "write";
    pe->path = fl->name;
    pe->err = errno_error(e);
    res[0] = INT_VAL(0);
    res[1] = obj_new(&path_error_cls, pe);
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
  ssize_t r;
  do r = read(fl->fd, buf, (size_t)n); while (r < 0 && errno == EINTR);
  if (r < 0) {
    int er = errno;
    PathError *pe = NEW(PathError);
    pe->op = "read";
    pe->path = fl->name;
    pe->err = errno_error(er);
    res[0] = INT_VAL(0);
    res[1] = obj_new(&path_error_cls, pe);
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
  Type *pt = api_def_class(&path_error_cls, "io/fs", "PathError");
  api_def_method(pt, "Error", pe_error, 0, true);
  api_def_method(pt, "Unwrap", pe_unwrap, 0, true);
  api_def_type(P, "PathError", pt->elem);

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
