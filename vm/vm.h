/*
** vm.h -- the interpreter's interface: run a fiber for a time slice, call csp
** code from C, raise panics, and the program-wide state (globals).
**
** The VM is stackless: csp calls push CallFrames on the fiber, never C frames,
** so vm_execute() can return at any instruction boundary (budget spent, parked)
** and be called again later, on any worker thread, to continue.
*/
#ifndef CSP_VM_H
#define CSP_VM_H

#include "vm/fiber.h"
#include "vm/opcodes.h"

typedef enum VMStatus {
  VM_DONE,      /* the fiber's bottom function returned */
  VM_YIELD,     /* budget spent or preemption requested: requeue it */
  VM_PARKED,    /* blocked: the worker must call f->park_unlock(f->park_arg) */
  VM_PANIC,     /* an unrecovered panic reached the bottom: the program must die
                   (vm_report_panic has the message and trace to print) */
  VM_EXIT,      /* os.Exit / runtime.Goexit of main: vm_exit_code holds the code */
} VMStatus;

/* Run f until it finishes, parks, panics fatally or spends `budget`
** instruction-units (counted on calls and backward jumps). */
VMStatus vm_execute(Fiber *f, int budget);

/* A new fiber whose bottom frame calls fn(args...). Not yet scheduled. */
Fiber *vm_new_fiber(Value fn, const Value *args, int nargs);

/* Call csp (or native) code from a native, re-entering the loop on the same
** fiber (a C_BOUNDARY frame). Returns the number of results written to res, or
** NATIVE_PANIC if a panic escaped (it stays in f->panic for the native to
** propagate by returning NATIVE_PANIC). The callee must not park: blocking
** inside such a callback (e.g. a channel op inside a String() method) panics
** with "csp: blocking operation inside a callback from native code". */
int vm_call(Fiber *f, Value fn, const Value *args, int nargs, Value *res, int nres);

/* Raise a panic in f. Natives then return NATIVE_PANIC. */
void vm_panic_value(Fiber *f, Value v);
void vm_panicf(Fiber *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A runtime error: value is a runtime.Error whose Error() is "runtime error: <msg>". */
void vm_runtime_error(Fiber *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Go's throw: fatal error, not recoverable ("fatal error: <msg>"), exit 2. */
void vm_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Print "panic: <value>" (with " [recovered]" chains as Go does), a blank line,
** "goroutine N [running]:" and the csp stack of f, to stderr. */
void vm_report_panic(Fiber *f);
/* Print f's csp stack (function(...)\n\tfile:line per frame), Go-style. */
void vm_print_stack(Fiber *f, void *file /* FILE* */);
/* Current source line of the top frame (for traces and the deadlock dump). */
int vm_current_line(Fiber *f);

/* Program-wide state. Globals are a fixed array of 65536 slots (OP_GETGLOBAL's
** Bx), so their addresses never move: natives and the REPL may hold pointers. */
#define VM_MAX_GLOBALS 65536
extern Value *vm_globals;
extern const char *vm_global_names[VM_MAX_GLOBALS];  /* for the REPL and errors */
extern int vm_exit_code;

void vm_init(void);                 /* GC_INIT must have run; creates globals, types */

/* The disassembler (vm/debug.c). */
void vm_disasm_proto(Proto *p, void *file /* FILE* */, const char *source /* may be NULL */);

#endif
