/*
** limits.h -- limits for running code you do not trust (`csp run` flags):
**
**   --timeout D          wall clock for the whole run (2s, 500ms, 1m30s; a bare
**                        number is seconds). Enforced by sched_run_main.
**   --max-mem SIZE       Boehm heap size (GC_set_max_heap_size): 64MB, 1GiB, 500k.
**   --max-goroutines N   goroutines alive at once, main included (sched_spawn).
**   --max-stack N        call depth of one goroutine, in frames (vm_grow_frames).
**   --max-output SIZE    bytes the program writes to stdout + stderr.
**
** Exceeding one prints "fatal error: <what> limit exceeded (--flag VALUE)" and
** the program ends with exit status 2. Sizes are binary: k/K/KB/KiB = 1024,
** M/MB/MiB = 1<<20, G/GB/GiB = 1<<30; a bare number is bytes.
**
** Independently of the flags, limits_install() makes running out of memory a
** clean "fatal error: runtime: out of memory" (exit 2) and drops Boehm's
** "GC Warning" lines.
**
** Thread rule: the limits are set by the CLI before the run starts and only
** read afterwards (plain loads); the output counter is atomic.
*/
#ifndef CSP_LIMITS_H
#define CSP_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Fiber;

typedef enum LimitKind {
  LIMIT_TIMEOUT,      /* nanoseconds */
  LIMIT_MEM,          /* bytes */
  LIMIT_GOROUTINES,   /* goroutines */
  LIMIT_STACK,        /* frames */
  LIMIT_OUTPUT,       /* bytes */
  LIMIT_COUNT
} LimitKind;

/* Current values, 0 = no limit. Hot paths test these directly. */
extern int64_t limits_max_frames;    /* LIMIT_STACK */
extern int64_t limits_max_output;    /* LIMIT_OUTPUT */

/* "64MB", "1GiB", "500k", "4096" -> bytes. False on junk, zero, overflow. */
bool limits_parse_size(const char *s, int64_t *out);
/* Go duration syntax ("2s", "500ms", "1m30s", "1.5h") or a bare number of
** seconds -> nanoseconds. False on junk, zero or negative, overflow. */
bool limits_parse_duration(const char *s, int64_t *ns);

/* Parse argv[*ip] if it is one of the limit flags ("--max-mem 64MB" or
** "--max-mem=64MB"); advances *ip past a separate value. Returns 1 when it
** consumed a flag, 0 when argv[*ip] is not a limit flag, -1 after printing
** an error to stderr. */
int limits_parse_flag(int argc, char **argv, int *ip);
/* Usage lines for --help. */
void limits_usage(void *file /* FILE* */);

/* Set a limit (value in the kind's unit; `spelling` is how the user wrote
** it, for messages; NULL formats the value). */
void limits_set(LimitKind k, int64_t value, const char *spelling);
int64_t limits_get(LimitKind k);

/* Install the OOM handler, the warning filter and the heap limit. Call once
** the flags are parsed, before the program runs. */
void limits_install(void);

/* The last step of the fatal paths that cannot go through the scheduler
** (out of memory, a GC abort, the watchdog): called with the exit status
** after the message is written, instead of _exit. The REPL sets it to copy
** what its output pipe holds to the terminal first. It must not allocate
** from the GC heap and must not return. */
extern void (*limits_hard_exit)(int code);

/* "memory limit exceeded (--max-mem 64MB)". `value` is used when the limit
** was not set through limits_set (a SchedConfig filled in directly). */
const char *limits_message(LimitKind k, int64_t value, char *buf, size_t size);

/* Print "fatal error: <limits_message>" (the first caller only) and end the
** program with status 2 (sched_exit). For LIMIT_STACK, f's stack follows. */
void limits_exceeded(LimitKind k, int64_t value, struct Fiber *f) __attribute__((noreturn));

/* Output accounting: of n bytes about to be written to stdout or stderr,
** how many fit under --max-output (n when there is no limit). Counted from
** any thread (recursion through natives runs csp code on helper threads). A caller given fewer than n writes those, releases its locks
** and calls limits_exceeded(LIMIT_OUTPUT, 0, NULL). */
size_t limits_output_allow(size_t n);

#endif
