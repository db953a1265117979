/*
** fuzz_common.h -- what the libFuzzer harnesses share: one-time set-up of the
** GC, VM and stdlib, a NUL-terminated GC copy of the input, a /dev/null FILE
** for diagnostics, and a runner that executes a piece of work in a forked
** child under a wall-clock limit and turns crashes, sanitizer reports and
** hangs of the child into crashes of the fuzzer (so libFuzzer saves the input).
**
** Why a child: compiling allocates global slots from a process-wide counter
** (vm/globals.c, at most VM_MAX_GLOBALS) and running starts scheduler threads
** that never stop after a fatal error, so neither can be repeated in-process
** millions of times. The child's coverage counters are copied back to the
** parent through shared memory (fuzz_child_run), so libFuzzer still sees what
** compiling and running the input covered.
*/
#ifndef CSP_FUZZ_COMMON_H
#define CSP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* GC_INIT, vm_init, stdlib_init (once). */
void fuzz_init(void);
/* A GC_MALLOC_ATOMIC copy of data with a NUL after it (the lexer's contract). */
char *fuzz_copy(const uint8_t *data, size_t size);
/* An open FILE on /dev/null: diagnostics are formatted (that code runs) but
** not shown. */
FILE *fuzz_devnull(void);

/* Run fn(arg) in a forked child whose stdin/stdout are /dev/null and whose
** stderr is captured. The child's exit status is fn's return value, or
** whatever exit() the code under test calls. Aborts the fuzzer (after
** printing the child's stderr) when the child dies by a signal (segfault,
** sanitizer abort), or is still running after limit_ms (a hang). Returns the
** child's exit status. `what` names the harness in messages. */
typedef int (*FuzzChildFn)(void *arg);
int fuzz_child_run(const char *what, FuzzChildFn fn, void *arg, int limit_ms);

/* The captured stderr of the last child (NUL-terminated, possibly the tail
** only when it was long). */
const char *fuzz_child_stderr(void);

#endif
