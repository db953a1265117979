/*
** globals.c -- program-wide VM state: the global slots (a fixed, GC-visible
** array of VM_MAX_GLOBALS Values, so their addresses never move), their names,
** the exit code, and vm_init().
**
** Lock rule: vm_alloc_global takes globals_lock (the compiler and package
** registration may allocate slots from different threads in the REPL).
** Reading and writing slots needs no lock (Go's rules: races are the
** program's business; a Value store is not torn into a dangling pointer
** because the pointer word is written whole).
*/
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "vm/interp.h"

Value *vm_globals;
const char *vm_global_names[VM_MAX_GLOBALS];
int vm_exit_code;

static pthread_mutex_t globals_lock = PTHREAD_MUTEX_INITIALIZER;
static int nglobals;
/* A GC root for the globals array (static data is scanned; volatile so the
** store is never optimised away). */
static Value *volatile globals_root;

int vm_alloc_global(const char *name) {
  if (!vm_globals) vm_init();
  pthread_mutex_lock(&globals_lock);
  if (nglobals >= VM_MAX_GLOBALS) {
    pthread_mutex_unlock(&globals_lock);
    vm_fatal("csp: too many global variables (limit %d)", VM_MAX_GLOBALS);
  }
  int slot = nglobals++;
  vm_global_names[slot] = name ? intern(name) : NULL;
  pthread_mutex_unlock(&globals_lock);
  return slot;
}

/* Boehm warns on stderr about repeated very large allocations (our stacks
** grow to hundreds of MB in deep recursions): keep those out of program
** output, pass everything else on. */
static void gc_warn(char *msg, GC_word arg) {
  if (msg && strstr(msg, "very large block")) return;
  if (msg) fprintf(stderr, msg, (unsigned long)arg);
}

void vm_init(void) {
  pthread_mutex_lock(&globals_lock);
  if (!vm_globals) {
    GC_set_warn_proc(gc_warn);
    type_init();
    Value *g = GC_MALLOC(sizeof(Value) * VM_MAX_GLOBALS);
    if (!g) {
      pthread_mutex_unlock(&globals_lock);
      vm_fatal("runtime: out of memory");
    }
    globals_root = g;
    vm_globals = g;
  }
  pthread_mutex_unlock(&globals_lock);
}
