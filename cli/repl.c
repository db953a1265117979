/*
** repl.c -- the interactive REPL (issue 5). Not built yet: the session says so
** and points to running files, instead of pretending.
*/
#include <stdio.h>
#include "cli/cli.h"

int cli_repl(const SchedConfig *cfg) {
  (void)cfg;
  fprintf(stderr, "csp: the interactive REPL is not available in this version.\n"
                  "Run a program with `csp FILE`, or pipe one in: `echo 'println(1)' | csp`.\n");
  return 1;
}
