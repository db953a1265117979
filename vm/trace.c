/*
** trace.c -- the teaching tools' hook functions (see trace.h). Empty for now:
** issue 7 (--trace, --msc) fills them in. They are only called when
** trace_enabled is set.
*/
#include "vm/trace.h"

bool trace_enabled = false;

void trace_hook_spawn(Fiber *f) { (void)f; }
void trace_hook_run(Fiber *f, int worker) { (void)f; (void)worker; }
void trace_hook_stop(Fiber *f, int status) { (void)f; (void)status; }
void trace_hook_park(Fiber *f, int reason, void *obj) { (void)f; (void)reason; (void)obj; }
void trace_hook_ready(Fiber *f) { (void)f; }
void trace_hook_send(Fiber *f, Chan *ch, Value v) { (void)f; (void)ch; (void)v; }
void trace_hook_recv(Fiber *f, Chan *ch, Value v) { (void)f; (void)ch; (void)v; }
void trace_hook_close(Fiber *f, Chan *ch) { (void)f; (void)ch; }
void trace_hook_exit(Fiber *f) { (void)f; }
