/*
** repl.c -- the interactive REPL (`csp` on a terminal, `csp repl`).
**
** Shape
**   - One CompileSession for the whole session: every input is compiled into
**     it (CompileOptions.repl), so variables (`x := 1` becomes a global),
**     functions, types, methods and imports persist; a redefined function
**     takes over the old global slot. Expression statements call the native
**     "csp/repl".show, which prints "=> " and the values in %v form.
**   - Each input runs as one fiber through the scheduler's session API
**     (vm/sched.h): the workers keep running between inputs, so goroutines
**     started at the prompt go on in the background while the user types.
**   - Completeness: the input is parsed quietly; a syntax error caused by the
**     end of input (Diag.incomplete: open braces, a trailing operator...)
**     means "read another line" (prompt "... ").
**   - Output: on a terminal, fds 1 and 2 are redirected into a pipe that only
**     this (main) thread reads. While a line is being edited, whatever the
**     program prints is written above it: clear the line, print, redraw the
**     prompt and the line (libedit's callback interface, rl_forced_update_
**     display). The terminal itself is reached through tty_out (a dup of the
**     original stdout).
**   - Ctrl-C: SIGINT is blocked in the workers; the handler (main thread)
**     only sets a flag and writes to a wake-up pipe. The main thread, polling
**     every few ms, interrupts the input (sched_session_interrupt: the input
**     dies at its next yield or, if parked, at once) or discards the line
**     being edited. No sched_request_preempt(): that flag stalls every fiber
**     (it is meant for exiting), and a running fiber yields every budget
**     anyway.
**
** Only the main thread touches libedit, the session and tty_out.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <editline/readline.h>

#include "vm/gc.h"
#include "vm/api.h"
#include "vm/chan.h"
#include "vm/explain.h"
#include "vm/format.h"
#include "vm/limits.h"
#include "vm/sched.h"
#include "vm/type.h"
#include "vm/vm.h"
#include "parser/parse.h"
#include "compiler/compile.h"
#include "stdlib/stdlib_internal.h"
#include "cli/cli.h"

/* compiler/repl.c */
const char *compile_repl_type(CompileSession *S, Node *e, Diag *diag);
typedef struct CompileSnapshot CompileSnapshot;
CompileSnapshot *compile_session_snapshot(CompileSession *S);
void compile_session_restore(CompileSession *S, CompileSnapshot *snap);

#define REPL_FILE "<repl>"
#define POLL_MS 10

static CompileSession *session;
static FILE *tty_out;                 /* the terminal (or stdout when not redirected) */
static int tty_fd = -1;
static int out_pipe = -1;             /* read end: what fds 1 and 2 write */
static bool at_bol = true;            /* the last output ended a line */
static struct termios saved_tio;
static bool have_tio;
static char *history_path;
static volatile sig_atomic_t sigint_flag;
static int wake_pipe[2] = {-1, -1};   /* Ctrl-C wakes the main thread's poll() */

/* ---- the natives the compiled inputs call ---- */

/* "=> v1 v2...": what an expression statement evaluates to. */
static int repl_show(Fiber *f, Value *args, int nargs, Value *res) {
  (void)res;
  if (nargs <= 0) return 0;
  StrBuf b;
  sb_init(&b);
  sb_puts(&b, "=> ");
  for (int i = 0; i < nargs; i++) {
    if (i) sb_putc(&b, ' ');
    if (fmt_value(f, &b, args[i], false, false) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  sb_putc(&b, '\n');
  stdlib_write_stdout(b.data, b.len);
  return 0;
}

/* :type's fallback when the compiler does not know the static type: %T. */
static int repl_typeof(Fiber *f, Value *args, int nargs, Value *res) {
  (void)res;
  StrBuf b;
  sb_init(&b);
  for (int i = 0; i < nargs; i++) {
    if (i) sb_puts(&b, ", ");
    if (fmt_sprintf(f, &b, "%T", 2, &args[i], 1) == NATIVE_PANIC) return NATIVE_PANIC;
  }
  sb_putc(&b, '\n');
  stdlib_write_stdout(b.data, b.len);
  return 0;
}

/* ---- output ---- */

/* Copy what the program printed to the terminal. While a line is being
** edited, print above it and redraw it. */
static void pump_output(bool editing) {
  if (out_pipe < 0) {
    fflush(stdout);
    return;
  }
  fflush(stdout);
  fflush(stderr);
  char buf[16384];
  bool any = false;
  for (;;) {
    ssize_t n = read(out_pipe, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (editing && !any) fputs("\r\033[K", tty_out);
    any = true;
    fwrite(buf, 1, (size_t)n, tty_out);
    at_bol = buf[n - 1] == '\n';
  }
  if (!any) return;
  if (editing) {
    if (!at_bol) {
      fputs("\n", tty_out);
      at_bol = true;
    }
    fflush(tty_out);
    rl_forced_update_display();
  }
  fflush(tty_out);
}

/* Before the REPL itself prints: everything the program wrote comes first. */
static void out_sync(void) {
  pump_output(false);
  fflush(tty_out);
}

static void restore_terminal(void) {
  if (out_pipe >= 0) {
    pump_output(false);
    fflush(tty_out);
    dup2(tty_fd, 1);
    dup2(tty_fd, 2);
    close(out_pipe);
    out_pipe = -1;
  }
  if (have_tio) tcsetattr(0, TCSANOW, &saved_tio);
  if (history_path) write_history(history_path);
}

/* os.Exit or a fatal error in a goroutine: its message is in the pipe. */
static void exit_session(int code) {
  restore_terminal();
  fflush(stdout);
  fflush(stderr);
  exit(code);
}

/* Out of memory or a GC abort (vm/limits.c): the message is in the pipe;
** nothing here allocates from the GC heap. */
static void hard_exit_session(int code) {
  restore_terminal();
  fflush(stdout);
  fflush(stderr);
  _exit(code);
}

static void at_exit_restore(void) {
  static bool done;
  if (done) return;
  done = true;
  restore_terminal();
}

static void note_sigint(void) {
  sigint_flag = 1;
  if (wake_pipe[1] >= 0) {
    char c = 1;
    ssize_t w = write(wake_pipe[1], &c, 1);   /* async-signal-safe */
    (void)w;
  }
}

/* SIGINT (blocked in the workers): async-signal-safe only; the main thread
** does the rest. Without SA_RESTART, so a blocking read in libedit returns. */
static void on_sigint(int sig) {
  (void)sig;
  note_sigint();
}

static void drain_wake_pipe(void) {
  char buf[64];
  while (wake_pipe[0] >= 0 && read(wake_pipe[0], buf, sizeof buf) > 0) {
  }
}

/* ---- reading lines (libedit's callback interface + poll) ---- */

static char *got_line;
static bool got;

static void on_line(char *line) {
  got_line = line;
  got = true;
  rl_callback_handler_remove();
}

/* One line, or NULL at EOF (Ctrl-D). *interrupted: Ctrl-C discarded it. */
static char *read_line(const char *prompt, bool *interrupted) {
  *interrupted = false;
  pump_output(false);
  if (!at_bol) {
    fputs("\n", tty_out);
    at_bol = true;
  }
  fflush(tty_out);
  got = false;
  got_line = NULL;
  drain_wake_pipe();
  sigint_flag = 0;   /* a Ctrl-C that came after the last input ended: nothing to discard */
  rl_callback_handler_install(prompt, on_line);
  while (!got) {
    struct pollfd fds[3] = {{.fd = 0, .events = POLLIN}, {.fd = wake_pipe[0], .events = POLLIN},
                            {.fd = out_pipe, .events = POLLIN}};
    int n = poll(fds, out_pipe >= 0 ? 3 : 2, 200);
    drain_wake_pipe();
    if (sigint_flag) {
      sigint_flag = 0;
      rl_replace_line("", 0);
      rl_callback_handler_remove();
      fputs("\n", tty_out);           /* the tty echoed ^C */
      fflush(tty_out);
      *interrupted = true;
      return NULL;
    }
    if (sched_session_exit_code() >= 0) {
      rl_callback_handler_remove();
      fputs("\n", tty_out);
      exit_session(sched_session_exit_code());
    }
    if (n <= 0) continue;
    if (out_pipe >= 0 && (fds[2].revents & POLLIN)) pump_output(true);
    if (fds[0].revents & (POLLHUP | POLLERR)) {
      rl_callback_read_char();          /* EOF: the handler gets NULL */
    } else if (fds[0].revents & POLLIN) {
      /* A Ctrl-C flushes pending input (ISIG): check it is still there, or
      ** libedit's read would block with the flag unseen. */
      int avail = 0;
      if (ioctl(0, FIONREAD, &avail) != 0 || avail > 0) rl_callback_read_char();
    }
  }
  return got_line;
}

/* ---- running inputs ---- */

/* Run a compiled input to its end; returns how it ended (SessionResult). */
static int run_proto(Proto *p, int64_t *elapsed_ns) {
  Fiber *f = vm_new_fiber(OBJ_VAL(VAL_FUNC, closure_new(p)), NULL, 0);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  /* (a Ctrl-C pressed while the input was being compiled interrupts it) */
  sched_session_start(f);
  int r;
  int64_t first_interrupt_ns = 0;   /* when the first Ctrl-C of this input came */
  for (;;) {
    r = sched_session_wait(POLL_MS);
    if (sigint_flag) {
      sigint_flag = 0;
      struct timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      int64_t now_ns = (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
      /* An input stuck where it cannot be stopped (a loop inside a callback
      ** from the library, e.g. a sort.Slice less function): a second Ctrl-C
      ** a second after the first ends the session rather than hang it. */
      if (first_interrupt_ns && now_ns - first_interrupt_ns > 1000000000LL && r == SESSION_RUNNING) {
        pump_output(false);
        fputs("\nthe input cannot be interrupted (a loop inside a callback from the library?): exiting\n",
              tty_out);
        fflush(tty_out);
        exit_session(130);
      }
      if (!first_interrupt_ns) first_interrupt_ns = now_ns;
      sched_session_interrupt();
    }
    pump_output(false);
    if (r != SESSION_RUNNING) break;
  }
  if (r == SESSION_EXIT) exit_session(sched_session_exit_code());
  clock_gettime(CLOCK_MONOTONIC, &t1);
  if (elapsed_ns) *elapsed_ns = (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  pump_output(false);
  if (r == SESSION_INTERRUPTED) {
    fputs("\ninterrupted\n", tty_out);   /* after the tty's ^C echo */
    at_bol = true;
    fflush(tty_out);
  } else if (r == SESSION_DETACHED) {
    fputs("\ninterrupted (blocked on a lock or I/O: it ends at its next stop once it wakes; see :goroutines)\n", tty_out);
    at_bol = true;
    fflush(tty_out);
  }
  return r;
}

/* Parse src; NULL with *incomplete set when more lines may complete it.
** quiet: report nothing (probing). */
static Node *parse_input(const char *src, size_t len, bool quiet, bool *incomplete, Diag *d) {
  diag_init(d, REPL_FILE, src, len);
  d->quiet = quiet;
  d->out = tty_out;
  Node *ast = parse_source(d, src, len);
  *incomplete = d->count > 0 && d->incomplete;
  if (!ast || d->count) return NULL;
  return ast;
}

/* Compile and run one complete input (already parsed into ast). */
static int compile_and_run(Node *ast, Diag *d, bool echo, int64_t *elapsed) {
  CompileOptions opts = {.repl = echo, .run_main = false};
  d->quiet = false;
  out_sync();
  CompileSnapshot *snap = compile_session_snapshot(session);
  Proto *p = compile_file(session, ast, d, &opts);
  fflush(tty_out);
  if (!p || d->count) {
    compile_session_restore(session, snap);   /* a failed input leaves no trace */
    return -1;
  }
  return run_proto(p, elapsed);
}

/* Evaluate a source text as one input (meta commands, piped input). */
static int eval_text(const char *text, bool echo, int64_t *elapsed) {
  size_t len = strlen(text);
  char *src = GC_MALLOC_ATOMIC(len + 1);
  memcpy(src, text, len + 1);
  Diag d;
  bool inc;
  out_sync();
  Node *ast = parse_input(src, len, false, &inc, &d);
  if (!ast) return -1;
  return compile_and_run(ast, &d, echo, elapsed);
}

/* ---- meta commands ---- */

static void cmd_help(void) {
  fputs("Type Go statements, declarations or expressions; an expression prints its value (=> v).\n"
        "Declarations persist; a line ending inside braces/parens or after an operator continues (...).\n"
        "Ctrl-C interrupts the running input (or discards the line), Ctrl-D exits.\n"
        "\n"
        "  :help            this text\n"
        "  :quit            leave (also Ctrl-D)\n"
        "  :load FILE       compile and run FILE's declarations and statements into the session\n"
        "  :reset           forget every declaration (running goroutines go on)\n"
        "  :goroutines      each goroutine: id, state, what it waits on, where\n"
        "  :chans           channels held by global names: len/cap/closed and waiters\n"
        "  :type EXPR       the Go type of an expression\n"
        "  :disasm NAME     the bytecode of function NAME (or method T.M)\n"
        "  :time STMT       run STMT and print how long it took\n"
        "  :leaks           goroutines that can never wake (nothing reachable can wake them)\n",
        tty_out);
}

typedef struct FiberList {
  Fiber **v;
  int n, cap;
} FiberList;

static void collect_fiber(Fiber *f, void *arg) {
  FiberList *l = arg;
  if (l->n == l->cap) {
    int ncap = l->cap ? l->cap * 2 : 64;
    Fiber **nv = GC_MALLOC(sizeof(Fiber *) * (size_t)ncap);
    if (l->n) memcpy(nv, l->v, sizeof(Fiber *) * (size_t)l->n);
    l->v = nv;
    l->cap = ncap;
  }
  l->v[l->n++] = f;
}

/* The function a goroutine is in, and where (only for parked ones: a running
** fiber's frames change under us). */
static void fiber_where(Fiber *f, char *buf, size_t n) {
  buf[0] = 0;
  int nf = f->nframes;
  CallFrame *frames = f->frames;
  if (nf <= 0 || !frames) return;
  /* (it may have been readied meanwhile and grown its frame array: stay
  ** inside the array we read) */
  if ((size_t)nf > GC_size(frames) / sizeof(CallFrame)) return;
  CallFrame *fr = &frames[nf - 1];
  if (!fr->cl || !fr->cl->proto) return;
  Proto *p = fr->cl->proto;
  int line = f->wait_line > 0 ? f->wait_line : p->line;
  snprintf(buf, n, "%s at %s:%d", p->name ? p->name : "?", p->file ? p->file : "?", line);
}

static void cmd_goroutines(void) {
  FiberList l = {0};
  sched_each_fiber(collect_fiber, &l);
  if (l.n == 0) {
    fputs("no goroutines\n", tty_out);
    return;
  }
  for (int i = 0; i < l.n; i++) {
    Fiber *f = l.v[i];
    int st = atomic_load(&f->status);
    if (st == FIBER_DEAD) continue;
    char where[400] = "";
    const char *state = st == FIBER_RUNNING ? "running" : st == FIBER_RUNNABLE ? "runnable" : wait_reason_string(f->wait_reason);
    if (st == FIBER_WAITING) fiber_where(f, where, sizeof where);
    fprintf(tty_out, "goroutine %lld [%s]", (long long)f->id, state);
    if (st == FIBER_WAITING) {
      const char *name = (f->wait_reason == WAIT_CHAN_SEND || f->wait_reason == WAIT_CHAN_RECV ||
                          f->wait_reason == WAIT_SELECT) ? explain_wait_op(f) : NULL;
      if (name && *name) fprintf(tty_out, " %s", name);
      if (*where) fprintf(tty_out, " in %s", where);
    }
    if (f->created_by) fprintf(tty_out, " (created by %s)", f->created_by);
    fputc('\n', tty_out);
  }
}

static int count_waiters(WaitQ *q) {
  int n = 0;
  for (Waiter *w = q->first; w; w = w->next) n++;
  return n;
}

static void cmd_chans(void) {
  int shown = 0;
  for (int g = 0; g < VM_MAX_GLOBALS; g++) {
    const char *name = vm_global_names[g];
    if (!name || strchr(name, '.')) continue;       /* package variables: os.Args... */
    Value v = vm_globals[g];
    if (v.kind == VAL_CELL && v.as.p) v = ((Cell *)v.as.p)->v;
    if (v.kind != VAL_CHAN) continue;
    Chan *c = v.as.p;
    if (!c) {
      fprintf(tty_out, "%s: nil channel\n", name);
      shown++;
      continue;
    }
    pthread_mutex_lock(&c->lock);
    int64_t len = c->qcount, cap = c->cap;
    bool closed = c->closed;
    int nr = count_waiters(&c->recvq), ns = count_waiters(&c->sendq);
    pthread_mutex_unlock(&c->lock);
    fprintf(tty_out, "%s: chan %s len=%lld cap=%lld%s, %d waiting to receive, %d waiting to send\n", name,
            c->elem ? type_str(c->elem) : "?", (long long)len, (long long)cap, closed ? " closed" : "", nr, ns);
    shown++;
  }
  if (!shown) fputs("no channels in global variables\n", tty_out);
}

static void cmd_type(const char *expr) {
  size_t len = strlen(expr);
  char *src = GC_MALLOC_ATOMIC(len + 2);
  memcpy(src, expr, len);
  src[len] = '\n';
  src[len + 1] = 0;
  Diag d;
  bool inc;
  Node *ast = parse_input(src, len + 1, false, &inc, &d);
  if (!ast) return;
  if (ast->list.len != 1 || ast->list.items[0]->kind != N_EXPRSTMT) {
    fputs(":type needs one expression\n", tty_out);
    return;
  }
  const char *t = compile_repl_type(session, ast->list.items[0]->a, &d);
  if (t) {
    fprintf(tty_out, "%s\n", t);
    return;
  }
  /* not known statically: evaluate it and print its dynamic type */
  char *text = GC_MALLOC_ATOMIC(len + 32);
  snprintf(text, len + 32, "repl.typeof(%s)", expr);
  eval_text(text, false, NULL);
}

/* A method by its Go name: T.M or (*T).M (the newest definition). */
static Proto *find_method(const char *name) {
  char want[300], alt[300];
  snprintf(want, sizeof want, "main.%s", name);
  const char *dot = strchr(name, '.');
  alt[0] = 0;
  if (dot && name[0] != '(') snprintf(alt, sizeof alt, "main.(*%.*s).%s", (int)(dot - name), name, dot + 1);
  Proto *found = NULL;
  for (uint32_t id = TID_FIRST_USER; id < (1u << 20); id++) {
    Type *t = type_by_id(id);
    if (!t) break;
    for (int m = 0; m < t->methods.count; m++) {
      Value fn = t->methods.items[m].fn;
      if (fn.kind != VAL_FUNC || !fn.as.p) continue;
      Proto *p = ((ObjClosure *)fn.as.p)->proto;
      if (p->name && (!strcmp(p->name, want) || (alt[0] && !strcmp(p->name, alt)))) found = p;
    }
  }
  return found;
}

static void cmd_disasm(const char *name) {
  Proto *p = compile_find_function(session, name);
  if (!p && strchr(name, '.')) p = find_method(name);
  if (!p) {
    fprintf(tty_out, "no function %s\n", name);
    return;
  }
  vm_disasm_proto(p, tty_out, NULL);
}

static void print_duration(int64_t ns) {
  fputs("time: ", tty_out);
  if (ns < 1000) fprintf(tty_out, "%lldns\n", (long long)ns);
  else if (ns < 1000000) fprintf(tty_out, "%.3gµs\n", (double)ns / 1e3);
  else if (ns < 1000000000) fprintf(tty_out, "%.4gms\n", (double)ns / 1e6);
  else fprintf(tty_out, "%.4gs\n", (double)ns / 1e9);
}

static void cmd_load(const char *path) {
  size_t len;
  char *src = cli_read_file(path, &len);
  if (!src) {
    fprintf(tty_out, "cannot read %s: %s\n", path, strerror(errno));
    return;
  }
  Diag d;
  bool inc;
  diag_init(&d, path, src, len);
  d.out = tty_out;
  (void)inc;
  Node *ast = parse_source(&d, src, len);
  if (!ast || d.count) return;
  if (compile_and_run(ast, &d, false, NULL) == SESSION_DONE) fprintf(tty_out, "loaded %s\n", path);
}

static void cmd_leaks(void) {
  Fiber *first = sched_first_fiber();
  if (!first) {
    fputs("no goroutines\n", tty_out);
    return;
  }
  explain_set_main(first);
  if (explain_leaks(tty_out, false) == 0) fputs("no leaked goroutines\n", tty_out);
}

static const char *skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t') s++;
  return s;
}

/* Returns false for :quit. */
static bool meta_command(const char *line) {
  const char *p = line + 1;
  size_t n = strcspn(p, " \t");
  char cmd[32];
  if (n >= sizeof cmd) n = sizeof cmd - 1;
  memcpy(cmd, p, n);
  cmd[n] = 0;
  const char *arg = skip_ws(p + n);
  char *a = GC_MALLOC_ATOMIC(strlen(arg) + 1);
  strcpy(a, arg);
  for (size_t k = strlen(a); k > 0 && (a[k - 1] == ' ' || a[k - 1] == '\t' || a[k - 1] == '\n'); k--) a[k - 1] = 0;
  out_sync();
  if (!strcmp(cmd, "help") || !strcmp(cmd, "h") || !strcmp(cmd, "?")) cmd_help();
  else if (!strcmp(cmd, "quit") || !strcmp(cmd, "q") || !strcmp(cmd, "exit")) return false;
  else if (!strcmp(cmd, "goroutines") || !strcmp(cmd, "g")) cmd_goroutines();
  else if (!strcmp(cmd, "chans")) cmd_chans();
  else if (!strcmp(cmd, "leaks")) cmd_leaks();
  else if (!strcmp(cmd, "reset")) {
    session = compile_session_new(REPL_FILE);
    fputs("session reset (goroutines already running go on)\n", tty_out);
  } else if (!*a && (!strcmp(cmd, "load") || !strcmp(cmd, "type") || !strcmp(cmd, "disasm") || !strcmp(cmd, "time"))) {
    fprintf(tty_out, ":%s needs an argument (see :help)\n", cmd);
  } else if (!strcmp(cmd, "load")) cmd_load(a);
  else if (!strcmp(cmd, "type")) cmd_type(a);
  else if (!strcmp(cmd, "disasm")) cmd_disasm(a);
  else if (!strcmp(cmd, "time")) {
    int64_t ns = 0;
    int r = eval_text(a, true, &ns);
    if (r == SESSION_DONE) print_duration(ns);
  } else fprintf(tty_out, "unknown command :%s (see :help)\n", cmd);
  out_sync();
  return true;
}

/* ---- the loop ---- */

static void setup_terminal_output(void) {
  tty_out = stdout;
  if (!isatty(1)) return;
  tty_fd = dup(1);
  int pfd[2];
  if (tty_fd < 0 || pipe(pfd) != 0) return;
  FILE *t = fdopen(tty_fd, "w");
  if (!t) return;
  fcntl(tty_fd, F_SETFD, FD_CLOEXEC);
  fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
  fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
  fcntl(pfd[0], F_SETFL, O_NONBLOCK);
#ifdef F_SETPIPE_SZ
  fcntl(pfd[1], F_SETPIPE_SZ, 1 << 20);
#endif
  /* The stdlib decides once, at its first write, whether stdout is a
  ** terminal (then it flushes after each write). Let it see the terminal
  ** before fd 1 becomes the pipe, so program output keeps arriving line by
  ** line. */
  stdlib_write_stdout("", 0);
  fflush(stdout);
  fflush(stderr);
  dup2(pfd[1], 1);
  dup2(pfd[1], 2);
  close(pfd[1]);
  out_pipe = pfd[0];
  tty_out = t;
}

int cli_repl(const SchedConfig *cfg) {
  api_def_func("csp/repl", "show", repl_show, -1);
  api_def_func("csp/repl", "typeof", repl_typeof, -1);
  session = compile_session_new(REPL_FILE);

  if (tcgetattr(0, &saved_tio) == 0) have_tio = true;
  /* Ctrl-C wakes the main thread's poll() through wake_pipe */
  if (pipe(wake_pipe) == 0) {
    fcntl(wake_pipe[0], F_SETFL, O_NONBLOCK);
    fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK);
    fcntl(wake_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(wake_pipe[1], F_SETFD, FD_CLOEXEC);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, NULL);
  /* the workers inherit a mask without SIGINT: Ctrl-C reaches the main thread */
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  sched_init(cfg);
  sched_session_begin();
  pthread_sigmask(SIG_SETMASK, &old, NULL);

  setup_terminal_output();
  atexit(at_exit_restore);
  limits_hard_exit = hard_exit_session;

  rl_instream = stdin;
  rl_outstream = tty_out;
  rl_catch_signals = 0;
  rl_readline_name = "csp";
  rl_initialize();
  using_history();
  const char *home = getenv("HOME");
  if (home && *home) {
    size_t n = strlen(home) + 32;
    history_path = malloc(n);          /* plain string, no GC pointers */
    if (history_path) {
      snprintf(history_path, n, "%s/.csp_history", home);
      read_history(history_path);
    }
  }
  stifle_history(1000);

  fputs("csp REPL -- :help for commands, Ctrl-D to exit\n", tty_out);
  fflush(tty_out);

  char *buf = NULL;
  size_t blen = 0, bcap = 0;
  int blank_run = 0;
  for (;;) {
    bool interrupted;
    char *line = read_line(blen ? "... " : ">>> ", &interrupted);
    if (interrupted) {
      blen = 0;
      blank_run = 0;
      continue;
    }
    if (!line) {                        /* Ctrl-D */
      fputs("\n", tty_out);
      break;
    }
    at_bol = true;
    const char *t = skip_ws(line);
    if (*t) add_history(line);
    if (blen == 0 && *t == ':') {
      bool go_on = meta_command(t);
      free(line);
      if (!go_on) break;
      continue;
    }
    if (blen == 0 && !*t) {
      free(line);
      continue;
    }
    blank_run = *t ? 0 : blank_run + 1;
    size_t ll = strlen(line);
    if (blen + ll + 2 > bcap) {
      bcap = (blen + ll + 2) * 2;
      char *nb = GC_MALLOC_ATOMIC(bcap);
      if (blen) memcpy(nb, buf, blen);
      buf = nb;
    }
    memcpy(buf + blen, line, ll);
    blen += ll;
    buf[blen++] = '\n';
    buf[blen] = 0;
    free(line);

    /* complete yet? the parser decides; two blank lines force it */
    char *src = GC_MALLOC_ATOMIC(blen + 1);
    memcpy(src, buf, blen + 1);
    Diag d;
    bool inc;
    Node *ast = parse_input(src, blen, true, &inc, &d);
    if (!ast && inc && blank_run < 2) continue;
    size_t len = blen;
    blen = 0;
    blank_run = 0;
    if (!ast) {
      out_sync();
      parse_input(src, len, false, &inc, &d);   /* now with the messages */
      fflush(tty_out);
      continue;
    }
    compile_and_run(ast, &d, true, NULL);
  }
  restore_terminal();
  fflush(stdout);
  return 0;
}
