/*
** limits.c -- limits for untrusted code (--timeout, --max-mem,
** --max-goroutines, --max-stack, --max-output) and the out-of-memory path.
**
** Who enforces what:
**   --timeout         sched_run_main (SchedConfig.timeout_ns), message from here
**   --max-goroutines  sched_spawn (SchedConfig.max_goroutines), message from here
**   --max-stack       vm_grow_frames in call.c (limits_max_frames)
**   --max-mem         Boehm (GC_set_max_heap_size): an allocation past it
**                     returns through our OOM function, which ends the program
**   --max-output      the stdlib's stdout buffer and fd 2 writes ask
**                     limits_output_allow() (print/println: not yet)
**
** Exceeding a limit prints one "fatal error: ... limit exceeded (--flag V)"
** line (the first one only: `fired`) and ends through sched_exit, like any
** fatal error. A --timeout watchdog thread backs the scheduler's clean path.
**
** The OOM function runs on whatever thread failed to allocate, without the
** GC lock held (Boehm calls it after unlocking), possibly inside a VM lock:
** it must not allocate or take scheduler locks. It prints with write(2) from
** a stack buffer and _exits.
*/
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "vm/gc.h"
#include "vm/limits.h"
#include "vm/sched.h"
#include "vm/vm.h"

int64_t limits_max_frames;
int64_t limits_max_output;

static int64_t values[LIMIT_COUNT];
static char spellings[LIMIT_COUNT][40];
static atomic_llong output_used;
static atomic_int fired;          /* the first limit to trip prints; later ones just exit */

/* Output flushing before the message, as the scheduler does it. */
extern void (*sched_before_exit)(void);
void stdlib_flush_stdout(void) __attribute__((weak));

static const char *const flag_names[LIMIT_COUNT] = {
  [LIMIT_TIMEOUT] = "--timeout",
  [LIMIT_MEM] = "--max-mem",
  [LIMIT_GOROUTINES] = "--max-goroutines",
  [LIMIT_STACK] = "--max-stack",
  [LIMIT_OUTPUT] = "--max-output",
};

static const char *const what_names[LIMIT_COUNT] = {
  [LIMIT_TIMEOUT] = "time",
  [LIMIT_MEM] = "memory",
  [LIMIT_GOROUTINES] = "goroutine",
  [LIMIT_STACK] = "stack",
  [LIMIT_OUTPUT] = "output",
};

#define MAX_LIMIT ((int64_t)1 << 62)
#define MIN_STACK_FRAMES 16     /* the scheduler reuses frame arrays of up to 16 */

/* {====================================================================
** Parsing
** ===================================================================== */

/* A non-negative decimal number at *p ("12", "1.5", ".5"); advances *p. */
static bool parse_number(const char **p, double *out) {
  const char *s = *p;
  if (!((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9'))) return false;
  double v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  if (*s == '.') {
    s++;
    double scale = 0.1;
    while (*s >= '0' && *s <= '9') {
      v += (*s++ - '0') * scale;
      scale /= 10;
    }
  }
  *p = s;
  *out = v;
  return true;
}

bool limits_parse_size(const char *s, int64_t *out) {
  if (!s) return false;
  double v;
  if (!parse_number(&s, &v)) return false;
  static const struct { const char *suffix; double mult; } units[] = {
    {"", 1}, {"b", 1},
    {"k", 1024.0}, {"kb", 1024.0}, {"kib", 1024.0},
    {"m", 1048576.0}, {"mb", 1048576.0}, {"mib", 1048576.0},
    {"g", 1073741824.0}, {"gb", 1073741824.0}, {"gib", 1073741824.0},
    {"t", 1099511627776.0}, {"tb", 1099511627776.0}, {"tib", 1099511627776.0},
  };
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    if (strcasecmp(s, units[i].suffix) != 0) continue;
    double bytes = floor(v * units[i].mult);
    if (!(bytes >= 1) || bytes >= (double)MAX_LIMIT) return false;
    *out = (int64_t)bytes;
    return true;
  }
  return false;
}

bool limits_parse_duration(const char *s, int64_t *ns) {
  if (!s || !*s) return false;
  static const struct { const char *unit; double ns; } units[] = {
    {"ns", 1}, {"us", 1e3}, {"\xc2\xb5s", 1e3}, {"\xce\xbcs", 1e3}, {"ms", 1e6},
    {"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
  };
  double total = 0, v;
  const char *p = s;
  if (parse_number(&p, &v) && *p == 0) {
    total = v * 1e9;                       /* a bare number: seconds */
  } else {
    for (p = s; *p;) {
      if (!parse_number(&p, &v)) return false;
      const char *u = p;
      while (*p && !((*p >= '0' && *p <= '9') || *p == '.')) p++;
      size_t ulen = (size_t)(p - u);
      bool found = false;
      for (size_t i = 0; ulen && i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].unit) == ulen && memcmp(units[i].unit, u, ulen) == 0) {
          total += v * units[i].ns;
          found = true;
          break;
        }
      }
      if (!found) return false;            /* "1m30": Go wants a unit */
    }
  }
  total = floor(total);
  if (!(total >= 1) || total >= (double)MAX_LIMIT) return false;
  *ns = (int64_t)total;
  return true;
}

static bool parse_count(const char *s, int64_t *out) {
  if (!s || !(*s >= '0' && *s <= '9')) return false;
  errno = 0;
  char *end;
  long long n = strtoll(s, &end, 10);
  if (errno || *end || n < 1) return false;
  *out = n;
  return true;
}

static void write_str(int fd, const char *s);

/* The scheduler enforces --timeout from the start of the run and ends it
** cleanly (output flushed). This thread is the backstop for everything
** else: compiling a huge input, a worker stuck holding a lock, a write to a
** pipe nobody reads. It counts from flag parsing, gives the clean path a
** second, then prints the message and _exits without touching any lock. */
static int64_t watchdog_ns;
static struct timespec watchdog_deadline;

void (*limits_hard_exit)(int code);

static _Noreturn void hard_exit(int code) {
  if (limits_hard_exit) limits_hard_exit(code);
  _exit(code);
}

/* A second fatal event while the first one's message is being written (two
** workers out of memory at once): exiting now would cut that message off,
** so wait for its exit; 2 s later, exit anyway. */
static _Noreturn void lost_fatal_race(int code) {
  struct timespec ts = {2, 0};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
  _exit(code);
}

static void *watchdog(void *arg) {
  (void)arg;
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &watchdog_deadline, NULL) == EINTR) {
  }
  if (!atomic_exchange(&fired, 1)) {
    char msg[200], line[240];
    limits_message(LIMIT_TIMEOUT, watchdog_ns, msg, sizeof msg);
    snprintf(line, sizeof line, "fatal error: %s\n", msg);
    write_str(2, line);
  }
  hard_exit(2);
  return NULL;
}

static void start_watchdog(int64_t ns) {
  static bool started;
  if (started) return;               /* a second --timeout: the first one's thread stays */
  started = true;
  watchdog_ns = ns;
  clock_gettime(CLOCK_MONOTONIC, &watchdog_deadline);
  int64_t grace = 1000000000LL;
  int64_t sec = (ns + grace) / 1000000000LL, nsec = (ns + grace) % 1000000000LL;
  watchdog_deadline.tv_sec += (time_t)sec;
  watchdog_deadline.tv_nsec += (long)nsec;
  if (watchdog_deadline.tv_nsec >= 1000000000L) {
    watchdog_deadline.tv_nsec -= 1000000000L;
    watchdog_deadline.tv_sec++;
  }
  pthread_t t;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  if (pthread_create(&t, &attr, watchdog, NULL) != 0) started = false;
  pthread_attr_destroy(&attr);
}

int limits_parse_flag(int argc, char **argv, int *ip) {
  const char *a = argv[*ip];
  int k = -1;
  size_t flen = 0;
  for (int j = 0; j < LIMIT_COUNT; j++) {
    flen = strlen(flag_names[j]);
    if (strncmp(a, flag_names[j], flen) == 0 && (a[flen] == 0 || a[flen] == '=')) {
      k = j;
      break;
    }
  }
  if (k < 0) return 0;
  const char *v = NULL;
  if (a[flen] == '=') v = a + flen + 1;
  else if (*ip + 1 < argc) v = argv[++*ip];
  int64_t n = 0;
  bool ok = false;
  const char *want = "";
  switch ((LimitKind)k) {
  case LIMIT_TIMEOUT:
    ok = limits_parse_duration(v, &n);
    want = "a duration such as 2s, 500ms or 1m30s";
    break;
  case LIMIT_MEM:
  case LIMIT_OUTPUT:
    ok = limits_parse_size(v, &n);
    want = "a size such as 64MB, 1GiB or 500k";
    break;
  case LIMIT_GOROUTINES:
    ok = parse_count(v, &n);
    want = "a number of goroutines (1 or more)";
    break;
  case LIMIT_STACK:
    ok = parse_count(v, &n) && n >= MIN_STACK_FRAMES;
    want = "a call depth in frames (16 or more)";
    break;
  default:
    break;
  }
  if (!ok) {
    fprintf(stderr, "csp: %s needs %s%s%s\n", flag_names[k], want, v ? ", not " : "", v ? v : "");
    return -1;
  }
  if (k == LIMIT_MEM && n < ((int64_t)4 << 20)) {
    fprintf(stderr, "csp: --max-mem must be at least 4MB (the runtime itself needs about 2MB)\n");
    return -1;
  }
  limits_set((LimitKind)k, n, v);
  if (k == LIMIT_TIMEOUT) start_watchdog(n);
  return 1;
}

void limits_usage(void *file) {
  FILE *out = file;
  fprintf(out,
          "\n"
          "limits, for code you do not trust (exceeding one: fatal error, exit 2):\n"
          "  --timeout D          wall-clock time for the run (2s, 500ms, 1m30s)\n"
          "  --max-mem SIZE       heap size (64MB, 1GiB, 500k; binary units)\n"
          "  --max-goroutines N   goroutines alive at once, main included\n"
          "  --max-stack N        call depth of a goroutine, in frames (16 or more)\n"
          "  --max-output SIZE    bytes the program writes to stdout and stderr\n");
}

/* }==================================================================== */

/* {====================================================================
** Values and messages
** ===================================================================== */

void limits_set(LimitKind k, int64_t value, const char *spelling) {
  if ((unsigned)k >= LIMIT_COUNT) return;
  values[k] = value > 0 ? value : 0;
  spellings[k][0] = 0;
  if (spelling) snprintf(spellings[k], sizeof spellings[k], "%s", spelling);
  if (k == LIMIT_STACK) limits_max_frames = values[k];
  if (k == LIMIT_OUTPUT) {
    limits_max_output = values[k];
    atomic_store(&output_used, 0);
  }
}

int64_t limits_get(LimitKind k) {
  return (unsigned)k < LIMIT_COUNT ? values[k] : 0;
}

static void format_size(char *buf, size_t size, int64_t n) {
  if (n >= ((int64_t)1 << 30) && n % ((int64_t)1 << 30) == 0)
    snprintf(buf, size, "%lldGB", (long long)(n >> 30));
  else if (n >= ((int64_t)1 << 20) && n % ((int64_t)1 << 20) == 0)
    snprintf(buf, size, "%lldMB", (long long)(n >> 20));
  else if (n >= 1024 && n % 1024 == 0)
    snprintf(buf, size, "%lldKB", (long long)(n >> 10));
  else
    snprintf(buf, size, "%lldB", (long long)n);
}

static void format_duration(char *buf, size_t size, int64_t ns) {
  if (ns % 1000000000LL == 0) {
    int64_t s = ns / 1000000000LL;
    if (s >= 60) snprintf(buf, size, "%lldm%llds", (long long)(s / 60), (long long)(s % 60));
    else snprintf(buf, size, "%llds", (long long)s);
  } else if (ns % 1000000LL == 0) {
    snprintf(buf, size, "%lldms", (long long)(ns / 1000000LL));
  } else {
    snprintf(buf, size, "%.9gs", (double)ns / 1e9);
  }
}

const char *limits_message(LimitKind k, int64_t value, char *buf, size_t size) {
  if ((unsigned)k >= LIMIT_COUNT) k = LIMIT_MEM;
  char val[48];
  if (spellings[k][0] && (values[k] == value || value == 0)) {
    snprintf(val, sizeof val, "%s", spellings[k]);
  } else {
    if (value == 0) value = values[k];
    switch (k) {
    case LIMIT_TIMEOUT: format_duration(val, sizeof val, value); break;
    case LIMIT_MEM:
    case LIMIT_OUTPUT: format_size(val, sizeof val, value); break;
    default: snprintf(val, sizeof val, "%lld", (long long)value); break;
    }
  }
  snprintf(buf, size, "%s limit exceeded (%s %s)", what_names[k], flag_names[k], val);
  return buf;
}

static void write_str(int fd, const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s += w;
    n -= (size_t)w;
  }
}

static void flush_program_output(void) {
  if (sched_before_exit) sched_before_exit();
  else if (stdlib_flush_stdout) stdlib_flush_stdout();
  fflush(stdout);
}

/* Print "fatal error: MSG" once; false if another fatal message was first. */
static bool print_fatal_once(const char *msg) {
  if (atomic_exchange(&fired, 1)) return false;
  flush_program_output();
  char line[300];
  snprintf(line, sizeof line, "fatal error: %s\n", msg);
  fflush(stderr);
  write_str(2, line);
  return true;
}

void limits_exceeded(LimitKind k, int64_t value, struct Fiber *f) {
  char msg[200];
  limits_message(k, value, msg, sizeof msg);
  if (print_fatal_once(msg) && f && k == LIMIT_STACK) {
    fprintf(stderr, "\ngoroutine %lld [running]:\n", (long long)f->id);
    vm_print_stack(f, stderr);
    fflush(stderr);
  }
  sched_exit(2);
}

size_t limits_output_allow(size_t n) {
  int64_t max = limits_max_output;
  if (max <= 0 || n == 0) return n;
  long long before = atomic_fetch_add(&output_used, (long long)n);
  if (before >= max) return 0;
  if (before + (long long)n > max) return (size_t)(max - before);
  return n;
}

/* }==================================================================== */

/* {====================================================================
** Boehm: out of memory, warnings, aborts
** ===================================================================== */

/* Called by Boehm (GC lock released) when an allocation of n bytes failed:
** past --max-mem, or the system refused. Never returns. The failing thread
** may hold a scheduler lock (the deterministic run queue and the timer heap
** grow under theirs), so it does not go through sched_exit, which takes
** S.lock: it flushes the program's output, prints and _exits. */
static void *oom_fn(size_t n) {
  int64_t lim = values[LIMIT_MEM];
  char msg[200];
  snprintf(msg, sizeof msg, "runtime: out of memory");
  if (lim > 0) {
    /* Did the limit stop it, or the system? (Unsynchronized reads: only
    ** a heuristic for the message.) */
    uint64_t heap = (uint64_t)GC_get_heap_size() + (uint64_t)GC_get_unmapped_bytes();
    uint64_t slack = (uint64_t)lim / 8;
    if (slack < (1u << 20)) slack = 1u << 20;
    if (heap + (uint64_t)n + slack >= (uint64_t)lim) limits_message(LIMIT_MEM, lim, msg, sizeof msg);
  }
  if (!print_fatal_once(msg)) lost_fatal_race(2);
  hard_exit(2);
  return NULL;
}

/* Boehm's warnings ("GC Warning: Repeated allocation of very large block",
** "Out of Memory! Heap size: ...", "Failed to expand heap") are not the
** program's output: drop them, unless CSP_GC_WARN is set (debugging). */
static bool show_gc_warnings;
static void warn_fn(char *msg, GC_word arg) {
  if (!show_gc_warnings || !msg) return;
  char line[512];
  snprintf(line, sizeof line, msg, (unsigned long)arg);
  write_str(2, line);
}

/* Boehm's fatal aborts ("Too many heap sections", "mmap failed"...) come
** here just before abort() (msg != NULL) or exit(1) (msg == NULL). Most are
** memory exhaustion in disguise; end like any other fatal error, exit 2.
** The GC lock may be held: no allocation, no scheduler, just _exit. */
static void abort_fn(const char *msg) {
  if (!msg) return;
  if (atomic_exchange(&fired, 1)) lost_fatal_race(2);
  char line[400];
  bool mem = strstr(msg, "memory") || strstr(msg, "heap") || strstr(msg, "mmap") ||
             strstr(msg, "Memory") || strstr(msg, "Heap") || strstr(msg, "sbrk");
  if (mem) snprintf(line, sizeof line, "fatal error: runtime: out of memory (%s)\n", msg);
  else snprintf(line, sizeof line, "fatal error: garbage collector: %s\n", msg);
  write_str(2, line);
  hard_exit(2);
}

void limits_install(void) {
  static bool handlers;
  if (!handlers) {
    handlers = true;
    show_gc_warnings = getenv("CSP_GC_WARN") != NULL;
    GC_set_warn_proc(warn_fn);
    GC_set_oom_fn(oom_fn);
    GC_set_abort_func(abort_fn);
  }
  if (values[LIMIT_MEM] > 0) GC_set_max_heap_size((GC_word)values[LIMIT_MEM]);
}

/* }==================================================================== */
