/*
** teach.h -- the csp command's teaching tools (issue 7): deterministic
** schedules, deadlock explanations and leak reports after a run, the Chrome
** trace writer, message sequence charts (text and HTML), `csp explore` and
** `csp trace`.
*/
#ifndef CSP_TEACH_H
#define CSP_TEACH_H

#include <stdio.h>
#include "vm/fiber.h"
#include "vm/sched.h"

typedef struct TeachOpts {
  bool seed_set, seed_random;
  uint64_t seed;
  const char *trace_file;     /* --trace FILE */
  bool msc;                   /* --msc: text chart on stderr after the run */
  const char *msc_html;       /* --msc=FILE.html */
  int leaks;                  /* 0 off, 1 --leaks, 2 --leaks=error */
  bool detect_leaks;          /* --detect-leaks */
  int shrink_buffers;         /* -1 off, 0 or 1 */
  bool select_ordered;        /* --select=ordered */
  int preempt_every;          /* 0 off */
  bool strict_close;          /* --strict-close */
  bool explain;               /* explain deadlocks (default on; --no-explain) */
  const char *display;        /* the program's name, for titles */
} TeachOpts;

void teach_opts_init(TeachOpts *o);
/* argv[*i] is a flag: if it is a teaching flag, consume it (and its value,
** advancing *i) and return 1; return 0 if it is not one; -1 after printing
** an error for a bad value. */
int teach_parse_flag(TeachOpts *o, int argc, char **argv, int *i);
/* Before sched_init: fill the scheduler config and switch the hooks on. */
void teach_configure(TeachOpts *o, SchedConfig *cfg);
/* The main fiber is about to run. */
void teach_start(TeachOpts *o, Fiber *main_fiber);
/* After sched_run_main returned `status`: explanations, leak reports, the
** trace file and the charts. Returns the final exit status. */
int teach_finish(TeachOpts *o, int status);
/* The flags' lines for csp --help. */
void teach_usage(FILE *out);

/* csp explore FILE [--runs N] [--timeout S] [--jobs N] [-v] */
int teach_explore(int argc, char **argv);
/* csp trace FILE.json [--msc=OUT.html] */
int teach_trace_cmd(int argc, char **argv);

#endif
