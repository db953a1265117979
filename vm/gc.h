/*
** gc.h -- the one include of Boehm GC. Every file that allocates includes this,
** never <gc.h> directly, so GC_THREADS is always defined before it (gc.h then
** redirects pthread_create to GC_pthread_create, registering worker threads).
**
** Rules (see ../shared/TOOLCHAIN.md):
**  - GC_MALLOC for anything that may hold a GC pointer (zeroed);
**  - GC_MALLOC_ATOMIC for pointer-free payloads (NOT zeroed);
**  - nothing reachable only from malloc'd memory or __thread variables.
*/
#ifndef CSP_GC_H
#define CSP_GC_H

#ifndef GC_THREADS
#define GC_THREADS 1
#endif
#include <gc.h>

#define ALLOC(sz)         GC_MALLOC(sz)
#define ALLOC_ATOMIC(sz)  GC_MALLOC_ATOMIC(sz)
#define NEW(T)            ((T *)GC_MALLOC(sizeof(T)))
#define NEW_ARRAY(T, n)   ((T *)GC_MALLOC(sizeof(T) * (size_t)(n)))

#endif
