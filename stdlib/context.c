/*
** context.c -- package context: Background, TODO, WithCancel, WithTimeout,
** WithDeadline, WithValue; the Canceled and DeadlineExceeded errors.
**
** A context is a native object whose state (Ctx) links to its parent. Cancel
** contexts own a `chan struct{}` made with chan_new and closed with
** chan_close when they are canceled, so `<-ctx.Done()` and select work as in
** Go. Cancellation propagates to registered children; deadline contexts arm
** a scheduler timer (vm/sched.h) whose callback cancels them with
** DeadlineExceeded. Value contexts delegate Done/Err/Deadline to the nearest
** cancelable ancestor. %T names follow Go 1.19 (*context.emptyCtx,
** *context.cancelCtx, *context.timerCtx, *context.valueCtx).
**
** Lock rule: each Ctx has a mutex `lk` guarding err, children and the done
** channel's close. A canceler takes its own lk, detaches the children, drops
** lk, then cancels the children one by one and finally takes the parent's lk
** to unlink itself: never two Ctx locks at once. Timer callbacks run on a
** worker with no locks held (sched.h) and follow the same path.
**
** Limitation: a parent that is a user-defined Context (not one of ours) does
** not propagate its cancellation to children (Go starts a goroutine for it).
*/
#include <pthread.h>
#include "vm/gc.h"
#include "vm/chan.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

typedef enum CtxKind { CTX_BACKGROUND, CTX_TODO, CTX_CANCEL, CTX_TIMER, CTX_VALUE } CtxKind;

typedef struct Ctx Ctx;

typedef struct CtxTimer {
  Timer t;           /* first: the timer heap holds &t, a base pointer */
  Ctx *c;
} CtxTimer;

struct Ctx {
  CtxKind kind;
  Ctx *parent;       /* NULL for Background/TODO (and user-defined parents) */
  Value self;        /* this context as a value */
  pthread_mutex_t lk;
  Chan *done;        /* CTX_CANCEL / CTX_TIMER */
  Value err;         /* NIL_VAL until canceled */
  Ctx **children;
  int nchildren, cap;
  CtxTimer *timer;   /* CTX_TIMER */
  Value deadline;    /* CTX_TIMER: a time.Time */
  Value key, val;    /* CTX_VALUE */
};

static NativeClass empty_cls = {"*context.emptyCtx", NULL, NULL, NULL};
static NativeClass cancel_cls = {"*context.cancelCtx", NULL, NULL, NULL};
static NativeClass timer_cls = {"*context.timerCtx", NULL, NULL, NULL};
static NativeClass value_cls = {"*context.valueCtx", NULL, NULL, NULL};
static NativeClass deadline_err_cls = {"context.deadlineExceededError", NULL, NULL, NULL};

static Value background, todo, err_canceled, err_deadline;   /* static: GC roots */
static Type *done_elem;    /* struct{} */

static Ctx *ctx_of(Value v) {
  ObjNativeObj *o = native_obj_of(v);
  if (o && (o->cls == &empty_cls || o->cls == &cancel_cls || o->cls == &timer_cls ||
            o->cls == &value_cls))
    return o->data;
  return NULL;
}

static Ctx *ctx_new(CtxKind kind, Ctx *parent, const NativeClass *cls) {
  Ctx *c = NEW(Ctx);
  c->kind = kind;
  c->parent = parent;
  pthread_mutex_init(&c->lk, NULL);
  if (kind == CTX_CANCEL || kind == CTX_TIMER) c->done = chan_new(done_elem, 0);
  c->self = obj_new(cls, c);
  return c;
}

/* The nearest ancestor-or-self that can be canceled (NULL: none). */
static Ctx *cancelable(Ctx *c) {
  while (c && c->kind == CTX_VALUE) c = c->parent;
  return c && (c->kind == CTX_CANCEL || c->kind == CTX_TIMER) ? c : NULL;
}

static void remove_child(Ctx *p, Ctx *child) {
  pthread_mutex_lock(&p->lk);
  for (int i = 0; i < p->nchildren; i++)
    if (p->children[i] == child) {
      p->children[i] = p->children[--p->nchildren];
      p->children[p->nchildren] = NULL;
      break;
    }
  pthread_mutex_unlock(&p->lk);
}

static void ctx_cancel(Ctx *c, bool remove_from_parent, Value err) {
  pthread_mutex_lock(&c->lk);
  if (!IS_NIL(c->err)) {
    pthread_mutex_unlock(&c->lk);
    return;
  }
  c->err = err;
  Ctx **kids = c->children;
  int nkids = c->nchildren;
  c->children = NULL;
  c->nchildren = c->cap = 0;
  pthread_mutex_unlock(&c->lk);
  /* closing outside lk: chan_close takes the channel's own lock */
  if (c->done) chan_close(NULL, c->done);
  for (int i = 0; i < nkids; i++) ctx_cancel(kids[i], false, err);
  if (c->timer) timer_stop(&c->timer->t);
  if (remove_from_parent) {
    Ctx *p = cancelable(c->parent);
    if (p) remove_child(p, c);
  }
}

/* Register child under its cancelable ancestor (or cancel it at once if
** that ancestor is already canceled). */
static void propagate(Ctx *child) {
  Ctx *p = cancelable(child->parent);
  if (!p) return;
  pthread_mutex_lock(&p->lk);
  if (!IS_NIL(p->err)) {
    Value err = p->err;
    pthread_mutex_unlock(&p->lk);
    ctx_cancel(child, false, err);
    return;
  }
  if (p->nchildren == p->cap) {
    int ncap = p->cap ? p->cap * 2 : 4;
    Ctx **nk = NEW_ARRAY(Ctx *, ncap);
    if (p->nchildren) memcpy(nk, p->children, sizeof(Ctx *) * (size_t)p->nchildren);
    p->children = nk;
    p->cap = ncap;
  }
  p->children[p->nchildren++] = child;
  pthread_mutex_unlock(&p->lk);
}

static Ctx *parent_arg(Fiber *f, Value *args, int nargs) {
  Value p = nargs > 0 ? args[0] : NIL_VAL;
  if (value_is_nil(p)) {
    vm_panic_value(f, mk_cstr("cannot create context from nil parent"));
    return NULL;
  }
  Ctx *c = ctx_of(p);
  if (!c) c = ctx_of(background);   /* a user-defined Context: no propagation */
  return c;
}

/* The cancel function: a method value bound to the context. */
static int cancel_fn(Fiber *f, Value *args, int nargs, Value *res) {
  Ctx *c = ctx_of(args[0]);
  if (c) ctx_cancel(c, true, err_canceled);
  return 0;
}
static Value cancel_native;

/* {====================================================================
** Constructors
** ===================================================================== */

static int ctx_background(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = background;
  return 1;
}

static int ctx_todo(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = todo;
  return 1;
}

static int ctx_withcancel(Fiber *f, Value *args, int nargs, Value *res) {
  Ctx *p = parent_arg(f, args, nargs);
  if (!p) return NATIVE_PANIC;
  Ctx *c = ctx_new(CTX_CANCEL, p, &cancel_cls);
  propagate(c);
  res[0] = c->self;
  res[1] = bound_new(c->self, cancel_native);
  return 2;
}

static void timer_fire(Timer *t, void *arg) {
  CtxTimer *ct = arg;
  ctx_cancel(ct->c, true, err_deadline);
}

/* Call a package function or method of time by name. */
static int time_call(Fiber *f, const char *fn, const Value *args, int nargs, Value *out) {
  const PkgMember *m = api_lookup("time", fn);
  if (!m || m->kind != MEMBER_VALUE) {
    vm_panicf(f, "context: time.%s missing", fn);
    return NATIVE_PANIC;
  }
  return vm_call(f, m->value, args, nargs, out, 1);
}

/* A deadline context ending at wall time `deadline` (a time.Time), which is
** `remaining` ns away. */
static int with_deadline(Fiber *f, Ctx *p, Value deadline, int64_t remaining, Value *res) {
  /* the parent's deadline is sooner: a plain cancel context does */
  for (Ctx *a = p; a; a = a->parent) {
    if (a->kind == CTX_TIMER) {
      Value r[1];
      Value args[1] = {a->deadline};
      int k = time_call(f, "Until", args, 1, r);
      if (k == NATIVE_PANIC) return NATIVE_PANIC;
      if (k >= 1 && r[0].as.i < remaining) {
        Value a0[1] = {p->self};
        return ctx_withcancel(f, a0, 1, res);
      }
      break;
    }
  }
  Ctx *c = ctx_new(CTX_TIMER, p, &timer_cls);
  c->deadline = deadline;
  propagate(c);
  res[0] = c->self;
  res[1] = bound_new(c->self, cancel_native);
  if (remaining <= 0) {
    ctx_cancel(c, true, err_deadline);
    return 2;
  }
  pthread_mutex_lock(&c->lk);
  if (IS_NIL(c->err)) {
    CtxTimer *ct = NEW(CtxTimer);
    ct->c = c;
    ct->t.heap_index = -1;
    ct->t.when = sched_now() + remaining;
    ct->t.fn = timer_fire;
    ct->t.arg = ct;
    c->timer = ct;
    timer_start(&ct->t);
  }
  pthread_mutex_unlock(&c->lk);
  return 2;
}

static int ctx_withtimeout(Fiber *f, Value *args, int nargs, Value *res) {
  Ctx *p = parent_arg(f, args, nargs);
  if (!p) return NATIVE_PANIC;
  int64_t d = 0;
  if (nargs > 1) to_int(args[1], &d);
  Value now, deadline;
  if (time_call(f, "Now", NULL, 0, &now) == NATIVE_PANIC) return NATIVE_PANIC;
  Value dv = nargs > 1 ? args[1] : INT_VAL(0);
  if (api_call_method(f, now, "Add", &dv, 1, &deadline, 1) < 1) {
    if (!f->panic) vm_panicf(f, "context: time.Time.Add missing");
    return NATIVE_PANIC;
  }
  return with_deadline(f, p, deadline, d, res);
}

static int ctx_withdeadline(Fiber *f, Value *args, int nargs, Value *res) {
  Ctx *p = parent_arg(f, args, nargs);
  if (!p) return NATIVE_PANIC;
  Value deadline = nargs > 1 ? args[1] : NIL_VAL;
  Value r;
  if (time_call(f, "Until", &deadline, 1, &r) == NATIVE_PANIC) return NATIVE_PANIC;
  int64_t remaining = 0;
  to_int(r, &remaining);
  return with_deadline(f, p, deadline, remaining, res);
}

static int ctx_withvalue(Fiber *f, Value *args, int nargs, Value *res) {
  Ctx *p = parent_arg(f, args, nargs);
  if (!p) return NATIVE_PANIC;
  Value key = nargs > 1 ? args[1] : NIL_VAL;
  if (IS_NIL(key)) {
    vm_panic_value(f, mk_cstr("nil key"));
    return NATIVE_PANIC;
  }
  Ctx *c = ctx_new(CTX_VALUE, p, &value_cls);
  c->key = key;
  c->val = nargs > 2 ? args[2] : NIL_VAL;
  res[0] = c->self;
  return 1;
}

/* }==================================================================== */

/* {====================================================================
** Methods (shared by every context class)
** ===================================================================== */

#define CTX_RECV(c)                                        \
  Ctx *c = ctx_of(args[0]);                                \
  if (!c) {                                                \
    vm_runtime_error(f, "invalid memory address or nil pointer dereference"); \
    return NATIVE_PANIC;                                   \
  }

static int m_done(Fiber *f, Value *args, int nargs, Value *res) {
  CTX_RECV(c);
  Ctx *a = cancelable(c);
  Type *ct = type_chan(done_elem, 2);   /* <-chan struct{} */
  if (a) {
    res[0] = OBJ_VAL(VAL_CHAN, a->done);
    res[0].aux = ct->id;
  } else {
    res[0] = type_zero(ct);
  }
  return 1;
}

static int m_err(Fiber *f, Value *args, int nargs, Value *res) {
  CTX_RECV(c);
  Ctx *a = cancelable(c);
  if (!a) {
    res[0] = NIL_VAL;
    return 1;
  }
  pthread_mutex_lock(&a->lk);
  res[0] = a->err;
  pthread_mutex_unlock(&a->lk);
  return 1;
}

static int m_value(Fiber *f, Value *args, int nargs, Value *res) {
  CTX_RECV(c);
  Value key = nargs > 1 ? args[1] : NIL_VAL;
  for (Ctx *a = c; a; a = a->parent) {
    Type *bad = NULL;   /* keys compare as interface values: key("user") != "user" */
    if (a->kind == CTX_VALUE && value_equal_iface(a->key, key, &bad) == 1) {
      res[0] = a->val;
      return 1;
    }
  }
  res[0] = NIL_VAL;
  return 1;
}

/* Deadline() (deadline time.Time, ok bool) */
static int m_deadline(Fiber *f, Value *args, int nargs, Value *res) {
  CTX_RECV(c);
  for (Ctx *a = c; a; a = a->parent) {
    if (a->kind == CTX_TIMER) {
      res[0] = a->deadline;
      res[1] = BOOL_VAL(true);
      return 2;
    }
  }
  const PkgMember *m = api_lookup("time", "Time");
  res[0] = m && m->kind == MEMBER_TYPE && m->type ? type_zero(m->type) : NIL_VAL;
  res[1] = BOOL_VAL(false);
  return 2;
}

/* Go's String() of contexts (contextName / stringify). */
static int ctx_name(Fiber *f, Ctx *c, StrBuf *b) {
  switch (c->kind) {
  case CTX_BACKGROUND: sb_puts(b, "context.Background"); return 0;
  case CTX_TODO: sb_puts(b, "context.TODO"); return 0;
  default: break;
  }
  if (c->parent && ctx_name(f, c->parent, b) == NATIVE_PANIC) return NATIVE_PANIC;
  if (c->kind == CTX_CANCEL) {
    sb_puts(b, ".WithCancel");
    return 0;
  }
  if (c->kind == CTX_TIMER) {
    sb_puts(b, ".WithDeadline(");
    if (fmt_value(f, b, c->deadline, false, false) == NATIVE_PANIC) return NATIVE_PANIC;
    sb_puts(b, " [");
    Value r, d = c->deadline;
    if (time_call(f, "Until", &d, 1, &r) == NATIVE_PANIC) return NATIVE_PANIC;
    const PkgMember *m = api_lookup("time", "Duration");
    if (m && m->kind == MEMBER_TYPE && m->type) r.aux = m->type->id;
    if (fmt_value(f, b, r, false, false) == NATIVE_PANIC) return NATIVE_PANIC;
    sb_puts(b, "])");
    return 0;
  }
  sb_printf(b, ".WithValue(type %s, val ", type_str(value_type(c->key)));
  Value v = c->val, fn, recv;
  if (v.kind == VAL_STR) sb_putn(b, AS_STR(v)->data, (size_t)AS_STR(v)->len);
  else if (IS_NIL(v)) sb_puts(b, "<nil>");
  else if (api_find_method(v, "String", &fn, &recv)) {
    if (fmt_value(f, b, v, false, false) == NATIVE_PANIC) return NATIVE_PANIC;
  } else sb_puts(b, "<not Stringer>");
  sb_putc(b, ')');
  return 0;
}

static int m_string(Fiber *f, Value *args, int nargs, Value *res) {
  CTX_RECV(c);
  StrBuf b;
  sb_init(&b);
  if (ctx_name(f, c, &b) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = sb_value(&b);
  return 1;
}

static int de_error(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = mk_cstr("context deadline exceeded");
  return 1;
}

static int de_true(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = BOOL_VAL(true);
  return 1;
}

/* }==================================================================== */

void open_context(void) {
  const char *P = "context";
  done_elem = type_struct(NULL, 0);
  NativeClass *classes[] = {&empty_cls, &cancel_cls, &timer_cls, &value_cls};
  for (int i = 0; i < 4; i++) {
    Type *t = api_def_class(classes[i], NULL, NULL);
    api_def_method(t, "Done", m_done, 0, true);
    api_def_method(t, "Err", m_err, 0, true);
    api_def_method(t, "Value", m_value, 1, true);
    api_def_method(t, "Deadline", m_deadline, 0, true);
    api_def_method(t, "String", m_string, 0, true);
  }
  Type *de = api_def_class(&deadline_err_cls, NULL, NULL);
  api_def_method(de, "Error", de_error, 0, false);
  api_def_method(de, "Timeout", de_true, 0, false);
  api_def_method(de, "Temporary", de_true, 0, false);

  background = ctx_new(CTX_BACKGROUND, NULL, &empty_cls)->self;
  todo = ctx_new(CTX_TODO, NULL, &empty_cls)->self;
  err_canceled = mk_error("context canceled");
  err_deadline = obj_new(&deadline_err_cls, NULL);
  cancel_native = native_new("context.CancelFunc", cancel_fn, -1);

  const char *cm[] = {"Deadline", "Done", "Err", "Value"};
  api_def_type(P, "Context", type_named("context", "Context", type_interface(cm, 4)));
  api_def_type(P, "CancelFunc", type_named("context", "CancelFunc", type_func(NULL, 0, NULL, 0, false)));
  api_def_var(P, "Canceled", err_canceled);
  api_def_var(P, "DeadlineExceeded", err_deadline);
  api_def_func(P, "Background", ctx_background, 0);
  api_def_func(P, "TODO", ctx_todo, 0);
  api_def_func(P, "WithCancel", ctx_withcancel, 1);
  api_def_func(P, "WithTimeout", ctx_withtimeout, 2);
  api_def_func(P, "WithDeadline", ctx_withdeadline, 2);
  api_def_func(P, "WithValue", ctx_withvalue, 3);
}
