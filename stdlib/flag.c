/*
** flag.c -- package flag: the command-line flag set (Go's flag.CommandLine)
** with Int/Int64/Uint/String/Bool/Float64/Duration and their *Var forms,
** Parse (Go's syntax: -x, --x, -x=v, -x v, bool flags without a value, "--"
** and the first non-flag stop), Args/NArg/Arg/NFlag/Parsed/Set/Lookup-free
** basics, PrintDefaults and Usage with Go's layout.
**
** Errors are reported as Go's ExitOnError flag set does: the message and the
** usage on stderr, exit status 2 (0 for -h/-help).
**
** Lock rule: flags are defined and parsed by the main goroutine in practice;
** flag_lock guards the table anyway so concurrent definitions cannot corrupt
** it. It is never held while csp code runs.
*/
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

typedef enum FlagKind { FK_INT, FK_INT64, FK_UINT, FK_STRING, FK_BOOL, FK_FLOAT, FK_DURATION } FlagKind;

typedef struct Flag {
  const char *name;
  const char *usage;
  FlagKind kind;
  Value ptr;             /* where the value lives (a pointer value) */
  const char *defval;    /* Go's DefValue: the default as text */
  bool set;              /* given on the command line */
} Flag;

static pthread_mutex_t flag_lock = PTHREAD_MUTEX_INITIALIZER;
static Flag **flags;         /* static: a GC root */
static int nflags, flags_cap;
static Value rest;           /* flag.Args() after Parse */
static bool parsed;
static int usage_slot = -1;
static Value default_usage;

static Flag *find_flag(const char *name) {
  for (int i = 0; i < nflags; i++)
    if (strcmp(flags[i]->name, name) == 0) return flags[i];
  return NULL;
}

/* A time.Duration value of d nanoseconds. */
static Value duration_val(int64_t d) {
  const PkgMember *m = api_lookup("time", "Duration");
  Value v = INT_VAL(d);
  if (m && m->kind == MEMBER_TYPE && m->type) v.aux = m->type->id;
  return v;
}

/* Text of a value as Go's flag Value.String() prints it. */
static const char *value_text(Fiber *f, FlagKind k, Value v) {
  StrBuf b;
  sb_init(&b);
  switch (k) {
  case FK_STRING: return v.kind == VAL_STR ? AS_STR(v)->data : "";
  case FK_BOOL: return IS_TRUE(v) ? "true" : "false";
  case FK_UINT: sb_printf(&b, "%llu", (unsigned long long)v.as.i); break;
  case FK_FLOAT: {
    double x;
    if (!to_float(v, &x)) x = 0;
    fmt_float(&b, x, 'g', -1, 64);
    break;
  }
  case FK_DURATION: {
    Value r;
    if (f && api_call_method(f, duration_val(v.as.i), "String", NULL, 0, &r, 1) >= 1 &&
        r.kind == VAL_STR)
      return AS_STR(r)->data;
    sb_printf(&b, "%lld", (long long)v.as.i);
    break;
  }
  default: sb_printf(&b, "%lld", (long long)v.as.i); break;
  }
  return sb_cstr(&b);
}

/* {====================================================================
** Parsing values (strconv's syntax)
** ===================================================================== */

/* strconv.ParseInt(s, 0, 64) / ParseUint: 0 ok, 1 syntax error, 2 out of range. */
static int parse_int(const char *s, bool is_unsigned, int64_t *out) {
  const char *p = s;
  bool neg = false;
  if (*p == '+' || *p == '-') {
    if (is_unsigned) return 1;
    neg = *p == '-';
    p++;
  }
  int base = 10;
  char prev = 0;                /* 'P' after a 0x/0o/0b prefix, 'D' after a digit */
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; prev = 'P'; }
  else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) { base = 8; p += 2; prev = 'P'; }
  else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) { base = 2; p += 2; prev = 'P'; }
  else if (p[0] == '0' && p[1]) base = 8;   /* the 0 itself is a digit */
  uint64_t acc = 0;
  bool overflow = false;
  for (; *p; p++) {
    if (*p == '_') {
      if (prev != 'D' && prev != 'P') return 1;
      prev = '_';
      continue;
    }
    int d;
    if (*p >= '0' && *p <= '9') d = *p - '0';
    else if (*p >= 'a' && *p <= 'z') d = *p - 'a' + 10;
    else if (*p >= 'A' && *p <= 'Z') d = *p - 'A' + 10;
    else return 1;
    if (d >= base) return 1;
    prev = 'D';
    if (acc > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) overflow = true;
    else acc = acc * (uint64_t)base + (uint64_t)d;
  }
  if (prev != 'D') return 1;
  if (overflow) return 2;
  if (is_unsigned) {
    *out = (int64_t)acc;
    return 0;
  }
  if (neg ? acc > (uint64_t)INT64_MAX + 1 : acc > (uint64_t)INT64_MAX) return 2;
  *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
  return 0;
}

static int parse_bool(const char *s, bool *out) {
  static const char *t[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char *fl[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (int i = 0; i < 6; i++) {
    if (strcmp(s, t[i]) == 0) { *out = true; return 0; }
    if (strcmp(s, fl[i]) == 0) { *out = false; return 0; }
  }
  return 1;
}

static int parse_float(const char *s, double *out) {
  if (!*s || s[0] == ' ' || s[0] == '\t' || s[0] == '\n') return 1;
  const char *q = s + (*s == '+' || *s == '-');
  if (strcasecmp(q, "inf") == 0 || strcasecmp(q, "infinity") == 0) {
    *out = *s == '-' ? -INFINITY : INFINITY;
    return 0;
  }
  if (strcasecmp(q, "nan") == 0) {
    *out = NAN;
    return 0;
  }
  if (!((*q >= '0' && *q <= '9') || *q == '.')) return 1;
  StrBuf b;
  sb_init(&b);
  for (const char *p = s; *p; p++)
    if (*p != '_') sb_putc(&b, *p);
  char *end;
  errno = 0;
  double x = strtod(sb_cstr(&b), &end);
  if (*end) return 1;
  if (errno == ERANGE && isinf(x)) return 2;
  *out = x;
  return 0;
}

/* Set a flag from text: 0 ok, 1 parse error, 2 range error, NATIVE_PANIC. */
static int flag_set(Fiber *f, Flag *fl, const char *text) {
  Value v;
  switch (fl->kind) {
  case FK_STRING: v = mk_cstr(text); break;
  case FK_BOOL: {
    bool b;
    if (parse_bool(text, &b)) return 1;
    v = BOOL_VAL(b);
    break;
  }
  case FK_FLOAT: {
    double x;
    int e = parse_float(text, &x);
    if (e) return e;
    v = FLOAT_VAL(x);
    break;
  }
  case FK_DURATION: {
    const PkgMember *m = api_lookup("time", "ParseDuration");
    if (!m || m->kind != MEMBER_VALUE) return 1;
    Value a = mk_cstr(text), r[2];
    int k = vm_call(f, m->value, &a, 1, r, 2);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    if (k < 2 || !IS_NIL(r[1])) return 1;
    v = duration_val(r[0].as.i);
    break;
  }
  default: {
    int64_t x;
    int e = parse_int(text, fl->kind == FK_UINT, &x);
    if (e) return e;
    v = fl->kind == FK_INT64 ? TYPED_INT(x, TID_INT64)
        : fl->kind == FK_UINT ? TYPED_INT(x, TID_UINT) : INT_VAL(x);
    break;
  }
  }
  ptr_store(fl->ptr, v);
  fl->set = true;
  return 0;
}

/* }==================================================================== */

/* {====================================================================
** Defining flags
** ===================================================================== */

static int def_flag(Fiber *f, FlagKind kind, Value *args, int nargs, Value *res, bool var) {
  int o = var ? 1 : 0;   /* *Var forms take the pointer first */
  if (nargs < 3 + o || args[o].kind != VAL_STR) {
    vm_panicf(f, "flag: bad arguments");
    return NATIVE_PANIC;
  }
  const char *name = AS_STR(args[o])->data;
  Value def = args[o + 1];
  const char *usage = args[o + 2].kind == VAL_STR ? AS_STR(args[o + 2])->data : "";
  switch (kind) {
  case FK_STRING: if (def.kind != VAL_STR) def = mk_cstr(""); break;
  case FK_BOOL: if (def.kind != VAL_BOOL) def = BOOL_VAL(false); break;
  case FK_FLOAT: {
    double x = 0;
    to_float(def, &x);
    def = FLOAT_VAL(x);
    break;
  }
  case FK_DURATION: {
    int64_t x = 0;
    to_int(def, &x);
    def = duration_val(x);
    break;
  }
  default: {
    int64_t x = 0;
    to_int(def, &x);
    def = kind == FK_INT64 ? TYPED_INT(x, TID_INT64) : kind == FK_UINT ? TYPED_INT(x, TID_UINT) : INT_VAL(x);
    break;
  }
  }
  Flag *fl = NEW(Flag);
  fl->name = name;
  fl->usage = usage;
  fl->kind = kind;
  fl->defval = value_text(f, kind, def);
  if (var) {
    fl->ptr = args[0];
    if (!ptr_store(fl->ptr, def)) {
      vm_runtime_error(f, "invalid memory address or nil pointer dereference");
      return NATIVE_PANIC;
    }
  } else {
    fl->ptr = PTR_VAL(PTR_CELL, cell_new(def), 0);
  }
  pthread_mutex_lock(&flag_lock);
  bool dup = find_flag(name) != NULL;
  if (!dup) {
    if (nflags == flags_cap) {
      int ncap = flags_cap ? flags_cap * 2 : 16;
      Flag **nf = NEW_ARRAY(Flag *, ncap);
      if (nflags) memcpy(nf, flags, sizeof(Flag *) * (size_t)nflags);
      flags = nf;
      flags_cap = ncap;
    }
    flags[nflags++] = fl;
  }
  pthread_mutex_unlock(&flag_lock);
  if (dup) {
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "flag redefined: %s", name);
    stdlib_flush_stdout();
    stdlib_write_fd(2, b.data, b.len);
    stdlib_write_fd(2, "\n", 1);
    vm_panic_value(f, sb_value(&b));
    return NATIVE_PANIC;
  }
  if (var) return 0;
  res[0] = fl->ptr;
  return 1;
}

#define DEF(fn, kind)                                                                   \
  static int fn(Fiber *f, Value *a, int n, Value *r) { return def_flag(f, kind, a, n, r, false); } \
  static int fn##var(Fiber *f, Value *a, int n, Value *r) { return def_flag(f, kind, a, n, r, true); }
DEF(fl_int, FK_INT)
DEF(fl_int64, FK_INT64)
DEF(fl_uint, FK_UINT)
DEF(fl_string, FK_STRING)
DEF(fl_bool, FK_BOOL)
DEF(fl_float64, FK_FLOAT)
DEF(fl_duration, FK_DURATION)
#undef DEF

/* }==================================================================== */

/* {====================================================================
** Usage, Parse and the accessors
** ===================================================================== */

static int cmp_flag(const void *a, const void *b) {
  return strcmp((*(Flag *const *)a)->name, (*(Flag *const *)b)->name);
}

static void print_defaults(StrBuf *out) {
  pthread_mutex_lock(&flag_lock);
  int n = nflags;
  Flag **sorted = NEW_ARRAY(Flag *, n + 1);
  if (n) memcpy(sorted, flags, sizeof(Flag *) * (size_t)n);
  pthread_mutex_unlock(&flag_lock);
  qsort(sorted, (size_t)n, sizeof(Flag *), cmp_flag);
  for (int i = 0; i < n; i++) {
    Flag *fl = sorted[i];
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "  -%s", fl->name);
    /* UnquoteUsage: a `name` in backquotes names the value */
    const char *u = fl->usage, *q1 = strchr(u, '`'), *q2 = q1 ? strchr(q1 + 1, '`') : NULL;
    StrBuf usage;
    sb_init(&usage);
    const char *vname = NULL;
    if (q1 && q2) {
      int nlen = (int)(q2 - q1 - 1);
      vname = intern_n(q1 + 1, (size_t)nlen);
      sb_printf(&usage, "%.*s%.*s%s", (int)(q1 - u), u, nlen, q1 + 1, q2 + 1);
    } else {
      sb_puts(&usage, u);
      switch (fl->kind) {
      case FK_BOOL: vname = ""; break;
      case FK_DURATION: vname = "duration"; break;
      case FK_FLOAT: vname = "float"; break;
      case FK_STRING: vname = "string"; break;
      case FK_UINT: vname = "uint"; break;
      default: vname = "int"; break;
      }
    }
    if (vname && *vname) sb_printf(&b, " %s", vname);
    if (b.len <= 4) sb_putc(&b, '\t');
    else sb_puts(&b, "\n    \t");
    for (const char *p = sb_cstr(&usage); *p; p++) {
      if (*p == '\n') sb_puts(&b, "\n    \t");
      else sb_putc(&b, *p);
    }
    static const char *zero[] = {"0", "0", "0", "", "false", "0", "0s"};
    if (strcmp(fl->defval, zero[fl->kind]) != 0) {
      if (fl->kind == FK_STRING) {
        sb_puts(&b, " (default ");
        fmt_quote(&b, fl->defval, strlen(fl->defval), false);
        sb_putc(&b, ')');
      } else {
        sb_printf(&b, " (default %s)", fl->defval);
      }
    }
    sb_putc(&b, '\n');
    sb_putn(out, b.data, b.len);
  }
}

static const char *prog_name(void) {
  const PkgMember *m = api_lookup("os", "Args");
  if (m && m->kind == MEMBER_VAR && vm_globals) {
    int64_t n;
    Value *e = seq_elems(vm_globals[m->global], &n);
    if (n > 0 && e[0].kind == VAL_STR) return AS_STR(e[0])->data;
  }
  return "csp";
}

static int fl_printdefaults(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  print_defaults(&b);
  stdlib_flush_stdout();
  if (b.len) stdlib_write_fd(2, b.data, b.len);
  return 0;
}

static int fl_default_usage(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "Usage of %s:\n", prog_name());
  print_defaults(&b);
  stdlib_flush_stdout();
  stdlib_write_fd(2, b.data, b.len);
  return 0;
}

/* Print msg (if any) and the usage, then exit as ExitOnError does. */
static int fail(Fiber *f, const char *msg, int code) {
  if (msg) {
    stdlib_flush_stdout();
    stdlib_write_fd(2, msg, strlen(msg));
    stdlib_write_fd(2, "\n", 1);
  }
  Value u = usage_slot >= 0 && vm_globals ? vm_globals[usage_slot] : NIL_VAL;
  Value tmp[1];
  if (u.kind == VAL_FUNC || u.kind == VAL_NATIVE || u.kind == VAL_BOUND) {
    if (vm_call(f, u, NULL, 0, tmp, 0) == NATIVE_PANIC) return NATIVE_PANIC;
  } else {
    fl_default_usage(f, NULL, 0, tmp);
  }
  sched_exit(code);
}

static int fl_parse(Fiber *f, Value *args, int nargs, Value *res) {
  const PkgMember *m = api_lookup("os", "Args");
  int64_t n = 0;
  Value *av = m && m->kind == MEMBER_VAR && vm_globals ? seq_elems(vm_globals[m->global], &n) : NULL;
  int64_t i = 1;
  parsed = true;
  StrBuf msg;
  sb_init(&msg);
  while (i < n) {
    if (av[i].kind != VAL_STR) break;
    const char *s = AS_STR(av[i])->data;
    size_t len = (size_t)AS_STR(av[i])->len;
    if (len < 2 || s[0] != '-') break;
    int minuses = 1;
    if (s[1] == '-') {
      minuses = 2;
      if (len == 2) {
        i++;
        break;
      }
    }
    const char *name = s + minuses;
    if (!*name || name[0] == '-' || name[0] == '=') {
      sb_printf(&msg, "bad flag syntax: %s", s);
      return fail(f, sb_cstr(&msg), 2);
    }
    i++;
    const char *eq = strchr(name + 1, '=');
    const char *value = NULL;
    const char *fname = name;
    if (eq) {
      fname = intern_n(name, (size_t)(eq - name));
      value = eq + 1;
    }
    Flag *fl = find_flag(fname);
    if (!fl) {
      if (strcmp(fname, "help") == 0 || strcmp(fname, "h") == 0) return fail(f, NULL, 0);
      sb_printf(&msg, "flag provided but not defined: -%s", fname);
      return fail(f, sb_cstr(&msg), 2);
    }
    int e;
    if (fl->kind == FK_BOOL) {
      e = flag_set(f, fl, value ? value : "true");
      if (e == NATIVE_PANIC) return NATIVE_PANIC;
      if (e) {
        sb_puts(&msg, "invalid boolean value ");
        fmt_quote(&msg, value, strlen(value), false);
        sb_printf(&msg, " for -%s: parse error", fname);
        return fail(f, sb_cstr(&msg), 2);
      }
    } else {
      if (!value && i < n && av[i].kind == VAL_STR) value = AS_STR(av[i++])->data;
      if (!value) {
        sb_printf(&msg, "flag needs an argument: -%s", fname);
        return fail(f, sb_cstr(&msg), 2);
      }
      e = flag_set(f, fl, value);
      if (e == NATIVE_PANIC) return NATIVE_PANIC;
      if (e) {
        sb_puts(&msg, "invalid value ");
        fmt_quote(&msg, value, strlen(value), false);
        sb_printf(&msg, " for flag -%s: %s", fname, e == 2 ? "value out of range" : "parse error");
        return fail(f, sb_cstr(&msg), 2);
      }
    }
  }
  int64_t k = i < n ? n - i : 0;
  ObjString **strs = NEW_ARRAY(ObjString *, k + 1);
  for (int64_t j = 0; j < k; j++)
    strs[j] = av[i + j].kind == VAL_STR ? AS_STR(av[i + j]) : str_empty();
  rest = mk_str_slice(strs, k);
  return 0;
}

static int fl_args(Fiber *f, Value *args, int nargs, Value *res) {
  if (rest.kind != VAL_SLICE) rest = mk_str_slice(NULL, 0);
  res[0] = rest;
  return 1;
}

static int fl_narg(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t n = 0;
  seq_elems(rest, &n);
  res[0] = INT_VAL(n);
  return 1;
}

static int fl_arg(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t i = -1, n = 0;
  if (nargs > 0) to_int(args[0], &i);
  Value *e = seq_elems(rest, &n);
  res[0] = i >= 0 && i < n ? e[i] : mk_cstr("");
  return 1;
}

static int fl_nflag(Fiber *f, Value *args, int nargs, Value *res) {
  int64_t c = 0;
  pthread_mutex_lock(&flag_lock);
  for (int i = 0; i < nflags; i++) c += flags[i]->set;
  pthread_mutex_unlock(&flag_lock);
  res[0] = INT_VAL(c);
  return 1;
}

static int fl_parsed(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(parsed);
  return 1;
}

/* Set(name, value string) error */
static int fl_set(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs < 2 || args[0].kind != VAL_STR || args[1].kind != VAL_STR)
    return arg_error(f, "flag.Set", 0, "string", nargs ? args[0] : NIL_VAL);
  Flag *fl = find_flag(AS_STR(args[0])->data);
  StrBuf b;
  sb_init(&b);
  if (!fl) {
    sb_printf(&b, "no such flag -%s", AS_STR(args[0])->data);
    res[0] = mk_error(sb_cstr(&b));
    return 1;
  }
  int e = flag_set(f, fl, AS_STR(args[1])->data);
  if (e == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = e ? mk_error(e == 2 ? "value out of range" : "parse error") : NIL_VAL;
  return 1;
}

/* }==================================================================== */

void open_flag(void) {
  const char *P = "flag";
  static const struct { const char *name; NativeFn fn; int arity; } fns[] = {
    {"Int", fl_int, 3},           {"IntVar", fl_intvar, 4},
    {"Int64", fl_int64, 3},       {"Int64Var", fl_int64var, 4},
    {"Uint", fl_uint, 3},         {"UintVar", fl_uintvar, 4},
    {"String", fl_string, 3},     {"StringVar", fl_stringvar, 4},
    {"Bool", fl_bool, 3},         {"BoolVar", fl_boolvar, 4},
    {"Float64", fl_float64, 3},   {"Float64Var", fl_float64var, 4},
    {"Duration", fl_duration, 3}, {"DurationVar", fl_durationvar, 4},
    {"Parse", fl_parse, 0},       {"Parsed", fl_parsed, 0},
    {"Args", fl_args, 0},         {"NArg", fl_narg, 0},
    {"Arg", fl_arg, 1},           {"NFlag", fl_nflag, 0},
    {"Set", fl_set, 2},           {"PrintDefaults", fl_printdefaults, 0},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    api_def_func(P, fns[i].name, fns[i].fn, fns[i].arity);
  default_usage = native_new("flag.Usage", fl_default_usage, 0);
  usage_slot = api_def_var(P, "Usage", default_usage);
  api_def_var(P, "ErrHelp", mk_error("flag: help requested"));
}
