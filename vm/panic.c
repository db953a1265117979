/*
** panic.c -- panics, defers, recover, unwinding, tracebacks and fatal errors,
** with Go's rules and Go's texts.
**
** Unwinding does not pop frames as it goes (Go's gopanic doesn't either):
** a panic keeps a cursor, the frame whose deferred calls it is running. Each
** deferred call is pushed on top of the whole stack with FRAME_DEFERRED and
** its owner's index in `ret`; the owner is marked FRAME_PANICKING. When the
** deferred call returns:
**   - if it recovered the panic (recover() marks it), the stack is cut back
**     to the owner, which resumes at proto->recover_pc (code that runs the
**     remaining defers and returns the result registers);
**   - otherwise unwinding continues: the owner's next deferred call, then
**     its caller, and so on.
** A frame without deferred calls is passed over; a deferred frame is passed
** over to its owner (the panic it was running for is then "aborted", as in
** Go, and printed with the newer one). Reaching a C-boundary frame ends a
** vm_call() with NATIVE_PANIC; reaching the bottom frame is fatal, and since
** nothing was popped the trace shows every frame, as Go's does.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "vm/interp.h"
#include "vm/format.h"
#include "lexer/diag.h"

/* {====================================================================
** Raising
** ===================================================================== */

static PanicInt *new_panic(Fiber *f, Value v) {
  PanicInt *p = NEW(PanicInt);
  if (!p) vm_fatal("runtime: out of memory");
  p->pub.value = v;
  p->pub.link = f->panic;
  p->cursor = f->nframes - 1;
  p->pub.line = f->nframes > 0 ? vm_frame_line(f, f->nframes - 1) : 0;
  f->panic = &p->pub;
  return p;
}

void vm_panic_value(Fiber *f, Value v) {
  if (!f) vm_fatal("panic outside a goroutine");
  new_panic(f, v);
}

void vm_panicf(Fiber *f, const char *fmt, ...) {
  StrBuf b;
  sb_init(&b);
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  if (!f) vm_fatal("%s", sb_cstr(&b));
  new_panic(f, str_val_n(sb_cstr(&b), (int64_t)b.len));
}

static void runtime_error_v(Fiber *f, bool sigsegv, const char *prefix, const char *fmt, va_list ap) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, prefix);
  sb_vprintf(&b, fmt, ap);
  if (!f) vm_fatal("%s", sb_cstr(&b));
  PanicInt *p = new_panic(f, api_runtime_error_new(sb_cstr(&b)));
  p->pub.is_runtime_error = true;
  p->sigsegv = sigsegv;
}

void vm_runtime_error(Fiber *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  runtime_error_v(f, false, "runtime error: ", fmt, ap);
  va_end(ap);
}

void vm_runtime_error_plain(Fiber *f, bool sigsegv, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  runtime_error_v(f, sigsegv, "", fmt, ap);
  va_end(ap);
}

void vm_nil_deref(Fiber *f) {
  vm_runtime_error_plain(f, true, "runtime error: invalid memory address or nil pointer dereference");
}

/* }==================================================================== */

/* {====================================================================
** Defers, unwinding, recover
** ===================================================================== */

void vm_push_defer(Fiber *f, Value fn, const Value *args, int nargs, bool spread) {
  if (nargs < 0) nargs = 0;
  /* one allocation: the record and its arguments */
  Defer *d = GC_MALLOC(sizeof(Defer) + sizeof(Value) * (size_t)nargs);
  if (!d) vm_fatal("runtime: out of memory");
  d->fn = fn;
  d->nargs = nargs;
  d->spread = spread;
  d->args = (Value *)(d + 1);
  for (int j = 0; j < nargs; j++) d->args[j] = args[j];
  CallFrame *fr = &f->frames[f->nframes - 1];
  d->next = fr->defers;
  fr->defers = d;
}

/* Start deferred call d of frame `owner` on top of the stack. */
static int start_deferred(Fiber *f, int owner, Defer *d) {
  uint32_t slot = vm_stack_used(f);
  VM_ENSURE_STACK(f, (size_t)slot + (size_t)d->nargs + 2);
  f->stack[slot] = d->fn;
  for (int j = 0; j < d->nargs; j++) f->stack[slot + 1 + (uint32_t)j] = d->args[j];
  int r = vm_precall(f, slot, d->nargs, 0, d->spread);
  if (r == CALL_FRAME) {
    CallFrame *nf = &f->frames[f->nframes - 1];
    nf->flags |= FRAME_DEFERRED;
    nf->ret = (uint32_t)owner;
  }
  return r;
}

/* The older panic whose deferred call (run for frame `owner`) is abandoned. */
static void abort_older(PanicInt *p, int owner) {
  for (PanicRec *q = p->pub.link; q; q = q->link) {
    PanicInt *qi = (PanicInt *)q;
    if (!qi->aborted && qi->cursor == owner) {
      qi->aborted = true;
      return;
    }
  }
}

/* The panic was recovered by a deferred call of frame `owner`: cut the stack
** back and resume the owner at its recover code. */
static void recover_frame(Fiber *f, int owner) {
  PanicInt *p = (PanicInt *)f->panic;
  CallFrame *o = &f->frames[owner];
  f->nframes = owner + 1;
  o->flags &= (uint8_t)~(FRAME_PANICKING | FRAME_AT_PC | FRAME_TAILRET);
  PanicRec *q = p->pub.link;
  while (q && ((PanicInt *)q)->aborted) q = q->link;
  f->panic = q;
  Proto *pr = o->cl->proto;
  if (pr->recover_pc >= 0 && pr->recover_pc < pr->ncode) o->pc = pr->code + pr->recover_pc;
  else o->pc = pr->code + (pr->ncode > 0 ? pr->ncode - 1 : 0);   /* the final RETURN */
}

int vm_unwind(Fiber *f) {
  for (;;) {
    PanicInt *p = (PanicInt *)f->panic;
    if (!p) return UNWIND_RESUME;
    int i = p->cursor;
    if (i >= f->nframes) i = f->nframes - 1;
    if (i < 0) return UNWIND_FATAL;
    CallFrame *fr = &f->frames[i];
    if (fr->defers) {
      Defer *d = fr->defers;
      fr->defers = d->next;
      fr->flags |= FRAME_PANICKING;
      p->cursor = i;
      int r = start_deferred(f, i, d);
      if (r == CALL_FRAME) return UNWIND_RESUME;
      if (r == CALL_DONE) continue;
      if (r == CALL_PARK) {
        if (f->c_depth == 0) {
          fr = &f->frames[i];
          d->next = fr->defers;
          fr->defers = d;
          p->pending = true;
          return UNWIND_PARKED;
        }
        vm_cancel_park(f, false);
      }
      /* the deferred native raised a newer panic: it continues from here */
      PanicInt *np = (PanicInt *)f->panic;
      if (np != p) {
        np->cursor = i;
        p->aborted = true;
      }
      continue;
    }
    if (fr->flags & FRAME_DEFERRED) {
      int owner = (int)fr->ret;
      if (owner >= 0 && owner < i) {
        if (f->frames[owner].flags & FRAME_PANICKING) abort_older(p, owner);
        p->cursor = owner;
        continue;
      }
    }
    if (fr->flags & FRAME_C_BOUNDARY) {
      f->nframes = i;
      p->cursor = i - 1;
      return UNWIND_CBOUNDARY;
    }
    if (i == 0) return UNWIND_FATAL;
    p->cursor = i - 1;
  }
}

int vm_rundefers(Fiber *f) {
  int oi = f->nframes - 1;
  for (;;) {
    CallFrame *fr = &f->frames[oi];
    Defer *d = fr->defers;
    if (!d) return UNWIND_RESUME;          /* pc is already past RUNDEFERS */
    fr->defers = d->next;
    const Instr *after = fr->pc;
    fr->pc = after - 1;                    /* come back to RUNDEFERS */
    fr->flags |= FRAME_AT_PC;
    int r = start_deferred(f, oi, d);
    fr = &f->frames[oi];
    if (r == CALL_FRAME) return UNWIND_RESUME;
    if (r == CALL_PARK && f->c_depth == 0) {
      d->next = fr->defers;
      fr->defers = d;
      Proto *p = fr->cl->proto;
      int idx = (int)(fr->pc - p->code);
      f->wait_line = (p->lines && idx >= 0 && idx < p->ncode) ? p->lines[idx] : p->line;
      return UNWIND_PARKED;
    }
    fr->pc = after;
    fr->flags &= (uint8_t)~FRAME_AT_PC;
    if (r == CALL_DONE) continue;
    if (r == CALL_PARK) vm_cancel_park(f, false);
    ((PanicInt *)f->panic)->cursor = oi;
    return vm_unwind(f);
  }
}

int vm_deferred_return(Fiber *f) {
  int di = f->nframes - 1;
  CallFrame *d = &f->frames[di];
  int owner = (int)d->ret;
  if (owner < 0 || owner >= di) owner = di - 1;
  f->nframes = di;
  CallFrame *o = &f->frames[owner];
  if (!(o->flags & FRAME_PANICKING)) {
    /* an ordinary RUNDEFERS: back to it */
    f->nframes = owner + 1;
    o->flags &= (uint8_t)~FRAME_AT_PC;
    return UNWIND_RESUME;
  }
  PanicInt *p = (PanicInt *)f->panic;
  if (!p) {
    /* (cannot happen: a panicking frame always has its panic) */
    o->flags &= (uint8_t)~FRAME_PANICKING;
    f->nframes = owner + 1;
    return UNWIND_RESUME;
  }
  if (p->pub.recovered && p->cursor == owner) {
    recover_frame(f, owner);
    return UNWIND_RESUME;
  }
  p->cursor = owner;
  return vm_unwind(f);
}

Value vm_recover(Fiber *f) {
  if (f->nframes < 2) return NIL_VAL;
  CallFrame *fr = &f->frames[f->nframes - 1];
  if (!(fr->flags & FRAME_DEFERRED)) return NIL_VAL;
  PanicInt *p = (PanicInt *)f->panic;
  if (!p || p->pub.recovered || p->aborted) return NIL_VAL;
  int owner = (int)fr->ret;
  if (owner < 0 || owner >= f->nframes - 1) return NIL_VAL;
  if (!(f->frames[owner].flags & FRAME_PANICKING) || p->cursor != owner) return NIL_VAL;
  p->pub.recovered = true;
  return p->pub.value;
}

/* }==================================================================== */

/* {====================================================================
** Lines and traces
** ===================================================================== */

int vm_frame_line(Fiber *f, int i) {
  if (i < 0 || i >= f->nframes) return 0;
  CallFrame *fr = &f->frames[i];
  Proto *p = fr->cl ? fr->cl->proto : NULL;
  if (!p) return 0;
  if (!p->lines || !fr->pc || p->ncode <= 0) return p->line;
  int idx = (int)(fr->pc - p->code);
  if (!(fr->flags & FRAME_AT_PC)) idx--;
  if (idx < 0) idx = 0;
  if (idx >= p->ncode) idx = p->ncode - 1;
  return p->lines[idx];
}

int vm_current_line(Fiber *f) {
  if (!f || f->nframes <= 0) return 0;
  return vm_frame_line(f, f->nframes - 1);
}

/* One frame: "main.f(...)\n\tFILE:LINE\n"; with show_src, then the source
** line itself (leading blanks dropped) as "\t> text", clipped like compile
** errors' lines. The source comes from the registry the compiler fills
** (lexer/diag.h); frames of unknown sources print no such line. */
static void print_frame(Fiber *f, int i, FILE *out, bool show_src) {
  CallFrame *fr = &f->frames[i];
  Proto *p = fr->cl ? fr->cl->proto : NULL;
  const char *name = p && p->name ? p->name : "?";
  const char *args = p && (p->nparams > 0 || p->variadic) ? "(...)" : "()";
  int line = vm_frame_line(f, i);
  fprintf(out, "%s%s\n\t%s:%d\n", name, args, p && p->file ? p->file : "?", line);
  if (!show_src || !p || !p->file) return;
  size_t len;
  const char *src = diag_source_line(p->file, line, &len);
  if (!src) return;
  while (len > 0 && (*src == ' ' || *src == '\t')) { src++; len--; }
  while (len > 0 && (src[len - 1] == ' ' || src[len - 1] == '\t')) len--;
  if (len == 0) return;
  diag_write_line(out, "\t> ", src, len, 0, false);
}

#define TRACE_HEAD 50
#define TRACE_TAIL 50

/* The stack of f, innermost frame first, as Go prints it; with show_src the
** failing (innermost) frame also shows its source line. */
static void print_stack(Fiber *f, FILE *out, bool show_src) {
  if (!f) return;
  int n = f->nframes;
  /* The script/program entry proto (main.init: package initialisers, then
  ** main) is our own frame, not one Go shows below main.main. */
  int lo = 0;
  if (n > 1 && f->frames[0].cl && f->frames[0].cl->proto->name &&
      strcmp(f->frames[0].cl->proto->name, "main.init") == 0)
    lo = 1;
  if (n == 0 && f->stack && f->top > 0 && f->stack[0].kind == VAL_NATIVE) {
    ObjNative *nat = f->stack[0].as.p;
    fprintf(out, "%s(...)\n\t<native>\n", nat && nat->name ? nat->name : "?");
  }
  if (n - lo <= TRACE_HEAD + TRACE_TAIL) {
    for (int i = n - 1; i >= lo; i--) print_frame(f, i, out, show_src && i == n - 1);
  } else {
    for (int i = n - 1; i >= n - TRACE_HEAD; i--) print_frame(f, i, out, show_src && i == n - 1);
    fprintf(out, "...additional frames elided...\n");
    for (int i = lo + TRACE_TAIL - 1; i >= lo; i--) print_frame(f, i, out, false);
  }
  if (f->created_by) {
    const char *file_name = "?";
    if (n > 0 && f->frames[0].cl && f->frames[0].cl->proto->file) file_name = f->frames[0].cl->proto->file;
    fprintf(out, "created by %s\n\t%s:%lld\n", f->created_by, file_name, (long long)f->created_line);
  }
}

void vm_print_stack(Fiber *f, void *file) {
  print_stack(f, file ? (FILE *)file : stderr, false);
}

/* Go's printpanicval (after preprintpanics turned errors and Stringers into
** their text). */
static void panic_text(Fiber *f, StrBuf *b, Value v) {
  PanicRec *saved = f ? f->panic : NULL;
  const char *txt = NULL;
  if (f && v.kind != VAL_STR && v.kind != VAL_NIL && v.kind != VAL_INT && v.kind != VAL_FLOAT &&
      v.kind != VAL_BOOL && api_error_text(f, v, &txt) && txt) {
    f->panic = saved;
    sb_puts(b, txt);
    return;
  }
  if (f) f->panic = saved;
  if (f && v.kind != VAL_NIL) {
    Value fn, recv;
    if (vm_find_method(f, v, intern("String"), &fn, &recv) == 1) {
      Value res[1];
      int n = vm_call(f, fn, &recv, 1, res, 1);
      f->panic = saved;
      if (n == 1 && res[0].kind == VAL_STR) {
        sb_putn(b, AS_STR(res[0])->data, (size_t)AS_STR(res[0])->len);
        return;
      }
    }
    f->panic = saved;
  }
  bool named = v.aux >= TID_FIRST_USER &&
               (v.kind == VAL_INT || v.kind == VAL_FLOAT || v.kind == VAL_STR || v.kind == VAL_BOOL);
  const char *tname = named ? type_str(value_type(v)) : NULL;
  switch (v.kind) {
  case VAL_NIL: sb_puts(b, "nil"); return;
  case VAL_BOOL:
    if (named) sb_printf(b, "%s(%s)", tname, v.as.b ? "true" : "false");
    else sb_puts(b, v.as.b ? "true" : "false");
    return;
  case VAL_INT: {
    Type *t = value_type(v);
    bool uns = t && t->kind >= TY_UINT && t->kind <= TY_UINTPTR;
    if (named) sb_printf(b, "%s(", tname);
    if (uns) sb_printf(b, "%llu", (unsigned long long)v.as.i);
    else sb_printf(b, "%lld", (long long)v.as.i);
    if (named) sb_putc(b, ')');
    return;
  }
  case VAL_FLOAT:
    if (named) sb_printf(b, "%s(", tname);
    vm_print_float(b, v.as.f);
    if (named) sb_putc(b, ')');
    return;
  case VAL_STR:
    if (named) sb_printf(b, "%s(\"", tname);
    sb_putn(b, AS_STR(v)->data, (size_t)AS_STR(v)->len);
    if (named) sb_puts(b, "\")");
    return;
  default:
    sb_printf(b, "(%s) %p", type_str(value_type(v)), v.as.p);
    return;
  }
}

void vm_report_panic(Fiber *f) {
  if (!f) return;
  PanicRec *chain[64];
  int n = 0;
  for (PanicRec *p = f->panic; p && n < 64; p = p->link) chain[n++] = p;
  StrBuf b;
  sb_init(&b);
  bool segv = false;
  f->c_depth++;                 /* Error()/String() callbacks must not park */
  for (int k = n - 1; k >= 0; k--) {
    PanicRec *p = chain[k];
    if (k != n - 1) sb_putc(&b, '\t');
    sb_puts(&b, "panic: ");
    panic_text(f, &b, p->value);
    if (p->recovered) sb_puts(&b, " [recovered]");
    sb_putc(&b, '\n');
    if (((PanicInt *)p)->sigsegv) segv = true;
  }
  f->c_depth--;
  if (segv) sb_puts(&b, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n");
  sb_printf(&b, "\ngoroutine %lld [running]:\n", (long long)f->id);
  fputs(sb_cstr(&b), stderr);
  print_stack(f, stderr, true);
  fflush(stderr);
}

/* }==================================================================== */

/* {====================================================================
** Fatal errors
** ===================================================================== */

void vm_fatal(const char *fmt, ...) {
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "fatal error: ");
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  sb_putc(&b, '\n');
  fflush(stdout);
  fputs(sb_cstr(&b), stderr);
  Fiber *f = sched_current();
  if (f && f->nframes > 0) {
    fprintf(stderr, "\ngoroutine %lld [running]:\n", (long long)f->id);
    print_stack(f, stderr, true);
  }
  fflush(stderr);
  sched_exit(2);
}

void vm_stack_overflow(Fiber *f) {
  fflush(stdout);
  fputs("runtime: goroutine stack exceeds 1000000000-byte limit\n"
        "fatal error: stack overflow\n\n", stderr);
  fprintf(stderr, "goroutine %lld [running]:\n", (long long)f->id);
  print_stack(f, stderr, true);
  fflush(stderr);
  sched_exit(2);
}

/* }==================================================================== */
