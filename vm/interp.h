/*
** interp.h -- PRIVATE to the interpreter's own files (vm.c, call.c, panic.c,
** ops.c, debug.c, globals.c): the pieces they share. Nothing outside these
** files includes it; their public face is vm.h.
**
** Frame and stack invariants (the loop relies on them):
**  - frames[0..nframes) is the call stack; frames[nframes-1] is running.
**    A csp frame's registers are stack[base .. base+proto->nregs); its callee
**    value sits at stack[base-1] (so a frame's "function slot" is base-1).
**  - frame->pc is the next instruction to execute. When FRAME_AT_PC is set the
**    frame stopped AT an instruction that must run again (a park, a yield at
**    a CALL, a RUNDEFERS waiting for its deferred call): only the source line
**    shown in traces differs (lines[pc] instead of lines[pc-1]).
**  - A FRAME_DEFERRED frame discards its results; its `ret` field holds the
**    index of the frame that deferred it (its "owner"). While a panic unwinds,
**    the frames between a deferred call and its owner are dead panic-site
**    frames, kept so that a fatal panic prints the whole stack as Go does.
**  - The stack (Value array) moves when it grows: never keep a Value* into it
**    across anything that may call csp code or push a frame.
*/
#ifndef CSP_INTERP_H
#define CSP_INTERP_H

#include <stdatomic.h>
#include "vm/opcodes.h"   /* fiber.h uses Instr without including it */
#include "vm/vm.h"
#include "vm/map.h"
#include "vm/chan.h"
#include "vm/sched.h"
#include "vm/api.h"
#include "vm/strbuf.h"

/* A frame flag of our own (fiber.h uses 1..8). */
#define FRAME_AT_PC 0x80
/* The frame runs a TAILCALL as call-then-return: when its callee comes back,
** the re-executed TAILCALL returns R[A..top). */
#define FRAME_TAILRET 0x40

/* Limits of one goroutine's stack: 256 MB of Values and 2.5 million frames
** (a quarter of Go's 1 GB: csp frames are larger than Go's, and runaway
** recursion should end in about a second, not after 2 GB of growth). Deep
** but finite recursion of a million calls still works. The overflow message
** keeps Go's wording. */
#define VM_MAX_STACK_VALUES ((uint32_t)((256u << 20) / sizeof(Value)))
#define VM_MAX_FRAMES 2500000
#define VM_INITIAL_STACK 32
#define VM_INITIAL_FRAMES 2

/* Internal results of vm_run() beyond VMStatus (nested runs of vm_call). */
enum { VM_CRETURN = 100, VM_CPANIC = 101 };

/* Results of vm_precall(). */
enum { CALL_FRAME, CALL_DONE, CALL_PANIC, CALL_PARK };

/* Results of vm_unwind() and friends. */
enum { UNWIND_RESUME, UNWIND_FATAL, UNWIND_CBOUNDARY, UNWIND_PARKED };

/* The VM's own view of a panic: PanicRec plus the unwinding cursor. */
typedef struct PanicInt {
  PanicRec pub;         /* must stay first: f->panic points here */
  int cursor;           /* frame whose defers this panic is running */
  bool aborted;         /* a newer panic unwound through our deferred call */
  bool sigsegv;         /* nil dereference: print Go's [signal SIGSEGV...] line */
  bool pending;         /* a deferred native parked mid-unwind: resume unwinding */
} PanicInt;

/* sched.c: set when every running fiber should yield soon. */
extern _Atomic int sched_preempt_requested;
/* chan.c: unlink a waiter from a wait queue (used to cancel a park). */
void waitq_remove(WaitQ *q, Waiter *w);

/* ---- vm.c ---- */
int vm_run(Fiber *f, int budget);

/* ---- call.c ---- */
void vm_grow_stack(Fiber *f, size_t need);
void vm_grow_frames(Fiber *f);
#define VM_ENSURE_STACK(f, n) \
  do { if ((size_t)(n) > (f)->stack_cap) vm_grow_stack((f), (size_t)(n)); } while (0)
uint32_t vm_stack_used(Fiber *f);
int vm_precall(Fiber *f, uint32_t fidx, int nargs, int nresults, bool spread);
Fiber *vm_new_fiber_ex(Value fn, const Value *args, int nargs, bool spread);
/* A park attempted where the fiber cannot park (inside vm_call): undo the
** queueing if possible, release the park lock and raise Go-style panic. */
void vm_cancel_park(Fiber *f, bool chan_op);

/* ---- panic.c ---- */
int vm_unwind(Fiber *f);
int vm_rundefers(Fiber *f);
int vm_deferred_return(Fiber *f);
Value vm_recover(Fiber *f);
void vm_push_defer(Fiber *f, Value fn, const Value *args, int nargs, bool spread);
void vm_runtime_error_plain(Fiber *f, bool sigsegv, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void vm_nil_deref(Fiber *f);
int vm_frame_line(Fiber *f, int i);
void vm_stack_overflow(Fiber *f) __attribute__((noreturn));

/* ---- ops.c: slow paths. Each returns false when it raised a panic. ---- */
Value vm_coerce(Type *t, Value v);
/* Go's runtime float printing (print/println, panics): +1.500000e+000 */
void vm_print_float(StrBuf *b, double v);
bool op_arith(Fiber *f, int op, Value *dst, Value a, Value b);
bool op_unary(Fiber *f, int op, Value *dst, Value a);
bool op_compare(Fiber *f, int op, Value a, Value b, bool *res);
/* == on two interface values (EQIF): false unless the dynamic types are
** identical; Go's "comparing uncomparable type" panic when they are and the
** type has no ==. */
bool op_iface_equal(Fiber *f, Value a, Value b, bool *res);
bool op_getfield(Fiber *f, Proto *p, int pci, Value *dst, Value obj, const char *name);
bool op_setfield(Fiber *f, Proto *p, int pci, Value obj, const char *name, Value v);
bool op_getfieldi(Fiber *f, Value *dst, Value obj, int idx);
bool op_setfieldi(Fiber *f, Value obj, int idx, Value v);
bool op_getindex(Fiber *f, Value *dst, Value obj, Value key);
bool op_getindex2(Fiber *f, Value *dst, Value obj, Value key);
bool op_setindex(Fiber *f, Value obj, Value key, Value v);
bool op_slice(Fiber *f, Value *dst, const Value *args, int c);
bool op_addrfield(Fiber *f, Value *dst, Value obj, const char *name);
bool op_addrindex(Fiber *f, Value *dst, Value obj, Value key);
Value op_boxptr(Value v);
bool op_deref(Fiber *f, Value *dst, Value p);
bool op_storederef(Fiber *f, Value p, Value v);
bool op_len(Fiber *f, Value *dst, Value v, bool cap);
bool op_append(Fiber *f, Value *dst, Value s, const Value *vals, int n);
bool op_appendspread(Fiber *f, Value *dst, Value s, Value more);
bool op_copy(Fiber *f, Value *dst, Value to, Value from);
bool op_delete(Fiber *f, Value m, Value key);
bool op_make(Fiber *f, Value *dst, const Value *args, int nsizes);
bool op_makechan(Fiber *f, Value *dst, Value t, Value size, bool has_size);
bool op_new(Fiber *f, Value *dst, Value t);
bool op_conv(Fiber *f, Value *dst, Value v, Value t);
bool op_assert(Fiber *f, Value *dst, Value v, Value t, int mode); /* 0 ASSERT, 1 ASSERT2, 2 TYPEIS */
void op_print(Fiber *f, const Value *args, int n, bool ln);
bool op_minmax(Fiber *f, Value *dst, const Value *args, int n, bool max);
bool op_self(Fiber *f, Proto *p, int pci, Value *ra, Value recv, const char *name);
/* The inline-cache word of GETFIELD/SETFIELD: Type* | field index << 48. */
#define IC_PTR_MASK (((uint64_t)1 << 48) - 1)
void op_rangeinit(Fiber *f, Value *ra);
int op_rangenext(Fiber *f, Value *ra);   /* 1 produced, 0 exhausted, -1 panic */
Value op_closure(Fiber *f, Proto *p, ObjClosure *parent, Value *R);
/* Method lookup shared with panic.c (Stringer panics): 1 found, 0 not, -1 panic. */
int vm_find_method(Fiber *f, Value recv, const char *name, Value *fn, Value *adapted);

#endif
