/*
** disasm.c -- `csp disasm FILE`: the bytecode of the whole program, function by
** function, each instruction with its source line (for teaching how Go-style
** code maps onto a register VM).
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "vm/vm.h"
#include "vm/type.h"

void cli_disasm_program(Proto *init, const char *source) {
  vm_disasm_proto(init, stdout, source);
  for (int g = 0; g < VM_MAX_GLOBALS; g++) {
    if (!vm_global_names[g]) continue;
    Value v = vm_globals[g];
    if (v.kind != VAL_FUNC || !v.as.p) continue;
    Proto *p = ((ObjClosure *)v.as.p)->proto;
    if (p == init || !p->file || !init->file || strcmp(p->file, init->file) != 0) continue;
    printf("\n");
    vm_disasm_proto(p, stdout, source);
  }
  /* methods live in their types' method tables, not in globals */
  for (uint32_t id = TID_FIRST_USER; id < (1u << 20); id++) {
    Type *t = type_by_id(id);
    if (!t) break;
    for (int m = 0; m < t->methods.count; m++) {
      Value fn = t->methods.items[m].fn;
      if (fn.kind != VAL_FUNC || !fn.as.p) continue;
      Proto *p = ((ObjClosure *)fn.as.p)->proto;
      if (!p->file || !init->file || strcmp(p->file, init->file) != 0) continue;
      printf("\n");
      vm_disasm_proto(p, stdout, source);
    }
  }
}
