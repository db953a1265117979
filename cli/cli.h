/*
** cli.h -- pieces of the csp command shared between its files.
*/
#ifndef CSP_CLI_H
#define CSP_CLI_H

#include <stddef.h>
#include "vm/object.h"
#include "vm/sched.h"

char *cli_read_file(const char *path, size_t *len);
/* The listing of `csp disasm`: the program's init code and every function. */
void cli_disasm_program(Proto *init, const char *source);
/* The interactive REPL; returns the exit status. */
int cli_repl(const SchedConfig *cfg);

#endif
