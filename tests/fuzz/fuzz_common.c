/*
** fuzz_common.c -- shared set-up and the forked-child runner of the libFuzzer
** harnesses (see fuzz_common.h).
**
** Coverage from the child: libFuzzer's inline 8-bit counters live in the
** __sancov_cntrs section (one module: the harness is linked statically
** against the library objects). Before each fork the parent clears a shared
** mapping of the same size; the child copies its counters into it when it
** ends (an on_exit handler catches exit() called by the code under test); the
** parent then merges them into its own counters before libFuzzer reads them.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vm/gc.h"
#include "vm/api.h"
#include "vm/vm.h"
#include "tests/fuzz/fuzz_common.h"

/* Sanitizer defaults for every harness: a sanitizer report aborts (a signal
** the parent sees in a child), and no leak checking (Boehm's heap is mmap'd
** and not scanned by LeakSanitizer, so everything would look leaked). */
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
  return "detect_leaks=0:abort_on_error=1:handle_abort=1:symbolize=1";
}
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) {
  return "print_stacktrace=1:halt_on_error=1:abort_on_error=1";
}

extern uint8_t __start___sancov_cntrs[] __attribute__((weak));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak));

static FILE *devnull;

void fuzz_init(void) {
  static int done;
  if (done) return;
  done = 1;
  GC_INIT();
  GC_allow_register_threads();
  vm_init();
  stdlib_init();
  devnull = fopen("/dev/null", "w");
  if (!devnull) {
    perror("fuzz: /dev/null");
    abort();
  }
}

char *fuzz_copy(const uint8_t *data, size_t size) {
  char *s = GC_MALLOC_ATOMIC(size + 1);
  if (!s) abort();
  if (size) memcpy(s, data, size);
  s[size] = 0;
  return s;
}

FILE *fuzz_devnull(void) { return devnull; }

/* ---- the forked child ---- */

typedef struct Shared {
  int status;       /* the child's exit status */
  int finished;     /* the child went through child_finish */
  uint8_t cov[];    /* copy of the child's counters */
} Shared;

static Shared *shm;
static size_t ncov;

#define CAPTURE_HEAD 4096
#define CAPTURE_TAIL 61440
static char cap_head[CAPTURE_HEAD + 1];
static size_t head_len;
static char cap_tail[CAPTURE_TAIL];
static size_t tail_len;
static int cap_dropped;
static char *cap_all;

static void child_finish(int status) {
  if (shm) {
    if (ncov) memcpy(shm->cov, __start___sancov_cntrs, ncov);
    shm->status = status;
    shm->finished = 1;
  }
  _exit(status & 0xff);
}

static void child_on_exit(int status, void *arg) {
  (void)arg;
  child_finish(status);
}

static void capture(const char *p, size_t n) {
  while (n && head_len < CAPTURE_HEAD) {
    cap_head[head_len++] = *p++;
    n--;
  }
  if (!n) return;
  if (n >= CAPTURE_TAIL) {
    cap_dropped = 1;
    memcpy(cap_tail, p + n - CAPTURE_TAIL, CAPTURE_TAIL);
    tail_len = CAPTURE_TAIL;
    return;
  }
  if (tail_len + n > CAPTURE_TAIL) {
    size_t drop = tail_len + n - CAPTURE_TAIL;
    memmove(cap_tail, cap_tail + drop, tail_len - drop);
    tail_len -= drop;
    cap_dropped = 1;
  }
  memcpy(cap_tail + tail_len, p, n);
  tail_len += n;
}

const char *fuzz_child_stderr(void) {
  free(cap_all);
  size_t n = head_len + tail_len + 32;
  cap_all = malloc(n);
  if (!cap_all) return "";
  snprintf(cap_all, n, "%.*s%s%.*s", (int)head_len, cap_head,
           cap_dropped ? "\n[...]\n" : "", (int)tail_len, cap_tail);
  return cap_all;
}

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *what, const char *why) {
  fprintf(stderr, "\n==== fuzz %s: %s; the child's stderr:\n%s\n==== end of child stderr\n",
          what, why, fuzz_child_stderr());
  abort();
}

int fuzz_child_run(const char *what, FuzzChildFn fn, void *arg, int limit_ms) {
  if (!shm) {
    if (__start___sancov_cntrs && __stop___sancov_cntrs > __start___sancov_cntrs)
      ncov = (size_t)(__stop___sancov_cntrs - __start___sancov_cntrs);
    void *m = mmap(NULL, sizeof(Shared) + ncov, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
      perror("fuzz: mmap");
      abort();
    }
    shm = m;
  }
  shm->status = -1;
  shm->finished = 0;
  memset(shm->cov, 0, ncov);
  head_len = tail_len = 0;
  cap_dropped = 0;

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    perror("fuzz: pipe");
    abort();
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    perror("fuzz: fork");
    abort();
  }
  if (pid == 0) {
    int nul = open("/dev/null", O_RDWR);
    if (nul >= 0) {
      dup2(nul, 0);
      dup2(nul, 1);
    }
    dup2(fds[1], 2);
    close(fds[0]);
    on_exit(child_on_exit, NULL);
    child_finish(fn(arg));
  }
  close(fds[1]);
  int64_t deadline = now_ms() + limit_ms;
  bool hung = false;
  char buf[8192];
  for (;;) {
    int64_t left = deadline - now_ms();
    if (left <= 0) {
      hung = true;
      break;
    }
    struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
    int r = poll(&pfd, 1, (int)left);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      hung = true;
      break;
    }
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    capture(buf, (size_t)n);
  }
  close(fds[0]);
  int ws = 0;
  if (!hung) {
    /* stderr closed: the child is exiting; give it until the deadline */
    for (;;) {
      pid_t w = waitpid(pid, &ws, WNOHANG);
      if (w == pid) break;
      if (w < 0 && errno != EINTR) {
        perror("fuzz: waitpid");
        abort();
      }
      if (now_ms() >= deadline) {
        hung = true;
        break;
      }
      usleep(1000);
    }
  }
  if (hung) {
    kill(pid, SIGKILL);
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {}
    char why[128];
    snprintf(why, sizeof why, "hang: the child was still running after %d ms", limit_ms);
    die(what, why);
  }
  /* merge the child's coverage into ours (max of the two counters) */
  for (size_t i = 0; i < ncov; i++)
    if (shm->cov[i] > __start___sancov_cntrs[i]) __start___sancov_cntrs[i] = shm->cov[i];
  if (WIFSIGNALED(ws)) {
    char why[128];
    snprintf(why, sizeof why, "the child died by signal %d (%s)", WTERMSIG(ws),
             strsignal(WTERMSIG(ws)));
    die(what, why);
  }
  return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}
