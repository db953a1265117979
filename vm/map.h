/*
** map.h -- Go maps: a hash table with insertion-ordered entries.
**
** Entries live in an append-only array (deleted ones become tombstones, and the
** array is compacted on growth), so iteration visits keys in insertion order
** and an iterator is just an index into entries. The index is open addressing
** over entry positions.
**
** Concurrency: Go maps are not safe for concurrent writes; like Go we detect the
** common misuse ("fatal error: concurrent map writes") with a writing flag rather
** than lock. A race can still give wrong results, but never memory corruption
** outside the map's own arrays (bounds are checked on every access).
*/
#ifndef CSP_MAP_H
#define CSP_MAP_H

#include "vm/object.h"

typedef struct MapEntry {
  Value key;
  Value val;
  uint64_t hash;
  bool live;
} MapEntry;

typedef struct ObjMap {
  Type *type;            /* map type (key/value types for zero values, %T) */
  int64_t count;         /* live entries (len(m)) */
  int64_t nentries;      /* used slots in entries (live + tombstones) */
  int64_t cap_entries;
  MapEntry *entries;
  int32_t *index;        /* open addressing: entry position + 1, 0 = empty, -1 = deleted */
  int64_t index_cap;     /* power of two */
  volatile int writing;  /* concurrent-write detector */
} ObjMap;

ObjMap *map_new(Type *t, int64_t hint);
/* Returns a pointer to the value slot for key, or NULL if absent. The pointer is
** valid until the next insertion or deletion. */
Value *map_find(ObjMap *m, Value key);
/* Insert or overwrite. Returns false (and sets *err to a Go message) if the key
** is not hashable (slice/map/func key: "runtime error: hash of unhashable type []int"). */
bool map_set(ObjMap *m, Value key, Value val, const char **err);
void map_delete(ObjMap *m, Value key);
/* NULL if key is hashable, else Go's "runtime error: hash of unhashable type T"
** (reads and deletes with such a key panic with it). */
const char *map_key_error(Value key);
/* Iteration: *pos starts at 0 and is otherwise opaque; returns false at the end.
** Skips tombstones. Struct/array keys and values are returned as copies. */
bool map_next(ObjMap *m, int64_t *pos, Value *key, Value *val);

#endif
