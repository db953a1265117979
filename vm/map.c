/*
** map.c -- Go maps: insertion-ordered entries plus an open-addressing index.
**
** Layout. m->entries[0 .. nentries) are the entries in insertion order
** (deleted ones have live == false and cleared key/value: tombstones).
** m->index points to a MapIndex block (GC-allocated; the header's int32_t*
** is its base address) holding the hash slots and, so that a reader can take
** one consistent snapshot with a single load, the entries array and both
** capacities. A slot is {pos, tag}:
**     pos == 0   empty          pos == -1  deleted (probe chains continue)
**     pos  > 0   entry position + 1, tag = the upper 32 bits of its hash
** (the tag rejects most non-matching probes without touching the entry).
** Linear probing; the index has >= 2 slots per entry capacity (load <= 1/2,
** counting tombstones, which only ever disappear when the index is rebuilt).
**
** Growth. When the entry array is full, it is rebuilt: compacted in place
** (same capacity) if at most half of it is live, else doubled. Live entries
** keep their order; when tombstones are dropped the map's generation
** increments and a relocation table (old position -> new position) is kept
** so that iterators that were running stay exact (see map_next).
**
** Concurrency: none, like Go. m->writing detects concurrent writers (and
** readers during a write) with Go's fatal errors. Every slot access is
** bounds-checked against the snapshot it came from, so a racing program gets
** wrong answers at worst, never stray writes.
*/
#include <string.h>
#include "vm/gc.h"
#include "vm/map.h"

void vm_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
Value value_coerce(Type *t, Value v);   /* vm/value.c */
/* vm/call.c: C stack checks for the recursive walkers (see vm_cstack_hop). */
bool vm_cstack_low(void);
void vm_cstack_hop(void (*fn)(void *), void *arg);

/* Old-position -> new-position table of one compaction (generation from -> from+1). */
typedef struct Reloc {
  uint32_t from_gen;
  int64_t nold;             /* entries before compaction */
  int64_t *newpos;          /* newpos[p] = live entries before old position p (atomic) */
  struct Reloc *prev;
} Reloc;

#define RELOC_KEEP 4        /* iterators older than this many compactions clamp */
#define GEN_BITS 23
#define POS_BITS 40

typedef struct MapIndex {
  uint64_t mask;            /* slots - 1 */
  int64_t ecap;             /* capacity of entries */
  MapEntry *entries;        /* the entries array this index refers to */
  uint32_t gen;             /* compaction generation */
  Reloc *reloc;             /* most recent compactions, newest first */
  struct Slot { int32_t pos; uint32_t tag; } slots[];
} MapIndex;

#define TAG(h) ((uint32_t)((h) >> 32))

#define IDX(m) ((MapIndex *)(m)->index)

/* ---- hashing and equality fast paths (must agree with value.c) ---- */

static inline uint64_t mulmix(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t key_hash(Value k) {
  if (k.kind == VAL_INT) return mulmix((uint64_t)k.as.i ^ 0x9E3779B97F4A7C15ull, 0xD6E8FEB86659FD93ull);
  if (k.kind == VAL_STR) {
    ObjString *s = k.as.p;   /* spread the 32-bit string hash over 64 bits (tags) */
    return (uint64_t)(s->hash ? s->hash : str_hash(s)) * 0x9E3779B97F4A7C15ull;
  }
  return value_hash(k);
}

/* vm/value.c: == with identical dynamic types (interface keys). */

/* strict: the map's key type is an interface, so keys are equal only with
** identical dynamic types (1 != 1.0 != ID(1)); otherwise keys were coerced
** to the key type and only payloads matter. */
static inline bool key_eq(const Value *a, Value b, bool strict) {
  if (a->kind == b.kind) {
    if (b.kind == VAL_INT)
      return a->as.i == b.as.i && a->pk == b.pk && a->pad == b.pad &&
             (a->aux == b.aux || (!strict && (!a->aux || !b.aux)));
    if (b.kind == VAL_STR) {
      bool aux_ok = a->aux == b.aux || (!strict && (!a->aux || !b.aux));
      ObjString *x = a->as.p, *y = b.as.p;
      if (x == y) return aux_ok;
      return aux_ok && x->len == y->len && memcmp(x->data, y->data, (size_t)x->len) == 0;
    }
  }
  if (strict) {
    Type *bad = NULL;
    return value_equal_iface(*a, b, &bad) == 1;
  }
  return value_equal(*a, b);
}

static inline bool map_strict(ObjMap *m) {
  Type *kt = m->type ? m->type->key : NULL;
  if (kt && kt->underlying) kt = kt->underlying;
  return kt && kt->kind == TY_INTERFACE;
}

/* ---- lookup ---- */

static inline MapEntry *lookup(MapIndex *ix, Value key, uint64_t h, bool strict) {
  uint64_t mask = ix->mask, i = h & mask;
  MapEntry *ents = ix->entries;
  int64_t ecap = ix->ecap;
  uint32_t tag = TAG(h);
  for (uint64_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
    int32_t s = ix->slots[i].pos;
    if (s == 0) return NULL;
    if (ix->slots[i].tag == tag && s > 0 && s <= ecap) {
      MapEntry *e = &ents[s - 1];
      if (e->hash == h && key_eq(&e->key, key, strict)) return e;
    }
  }
  return NULL;
}

/* ---- construction and rebuilding ---- */

static uint64_t pow2_at_least(uint64_t n) {
  uint64_t p = 16;
  while (p < n) p <<= 1;
  return p;
}

static MapIndex *index_new(int64_t ecap, MapEntry *entries, uint32_t gen, Reloc *reloc) {
  uint64_t nslots = pow2_at_least((uint64_t)ecap * 2);
  if (nslots > ((uint64_t)1 << 31)) vm_fatal("runtime: out of memory");
  MapIndex *ix = GC_MALLOC(sizeof(MapIndex) + sizeof(ix->slots[0]) * nslots);
  if (!ix) vm_fatal("runtime: out of memory");
  ix->mask = nslots - 1;
  ix->ecap = ecap;
  ix->entries = entries;
  ix->gen = gen;
  ix->reloc = reloc;
  return ix;
}

static MapEntry *entries_new(int64_t cap) {
  if ((uint64_t)cap > ((uint64_t)1 << 40) / sizeof(MapEntry)) vm_fatal("runtime: out of memory");
  MapEntry *e = GC_MALLOC(sizeof(MapEntry) * (size_t)cap);
  if (!e) vm_fatal("runtime: out of memory");
  return e;
}

ObjMap *map_new(Type *t, int64_t hint) {
  ObjMap *m = NEW(ObjMap);
  if (!m) vm_fatal("runtime: out of memory");
  m->type = t;
  if (hint > 0) {
    int64_t cap = hint < 8 ? 8 : hint;
    m->entries = entries_new(cap);
    m->cap_entries = cap;
    MapIndex *ix = index_new(cap, m->entries, 0, NULL);
    m->index = (int32_t *)ix;
    m->index_cap = (int64_t)ix->mask + 1;
  }
  return m;
}

/* Rebuild with entry capacity ncap (>= count), dropping tombstones. */
static void rebuild(ObjMap *m, int64_t ncap) {
  MapIndex *old = IDX(m);
  MapEntry *oe = m->entries;
  int64_t n = m->nentries;
  bool compacting = n != m->count;
  MapEntry *ne = entries_new(ncap);
  uint32_t gen = old ? old->gen : 0;
  Reloc *reloc = old ? old->reloc : NULL;
  int64_t *newpos = NULL;
  if (compacting && old) {
    /* Record where every old position went, for running iterators. */
    newpos = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(n + 1));
    if (!newpos) vm_fatal("runtime: out of memory");
  }
  int64_t j = 0;
  for (int64_t i = 0; i < n; i++) {
    if (newpos) newpos[i] = j;
    if (oe[i].live) ne[j++] = oe[i];
  }
  if (newpos) {
    newpos[n] = j;
    Reloc *r = NEW(Reloc);
    r->from_gen = gen;
    r->nold = n;
    r->newpos = newpos;
    r->prev = reloc;
    reloc = r;
    int keep = 1;                    /* trim the chain */
    for (Reloc *p = r; p->prev; p = p->prev)
      if (++keep >= RELOC_KEEP) { p->prev = NULL; break; }
    gen = (gen + 1) & ((1u << GEN_BITS) - 1);
  }
  MapIndex *ix = index_new(ncap, ne, gen, reloc);
  for (int64_t p = 0; p < j; p++) {
    uint64_t i = ne[p].hash & ix->mask;
    while (ix->slots[i].pos) i = (i + 1) & ix->mask;
    ix->slots[i].pos = (int32_t)(p + 1);
    ix->slots[i].tag = TAG(ne[p].hash);
  }
  m->entries = ne;
  m->cap_entries = ncap;
  m->nentries = j;
  m->count = j;
  m->index = (int32_t *)ix;
  m->index_cap = (int64_t)ix->mask + 1;
}

/* Make room for one more entry. */
static void reserve_one(ObjMap *m) {
  if (!m->index) {
    rebuild(m, 8);
    return;
  }
  if (m->nentries < m->cap_entries) return;
  int64_t cap = m->cap_entries;
  if (m->count <= cap / 2) rebuild(m, cap);          /* compact in place */
  else rebuild(m, cap * 2);
}

/* ---- unhashable keys ---- */

static bool static_comparable(Type *t, int depth) {
  if (!t || depth > 2000) return true;
  switch (t->kind) {
  case TY_SLICE: case TY_MAP: case TY_FUNC: return false;
  case TY_ARRAY: return static_comparable(t->elem, depth + 1);
  case TY_STRUCT:
    for (int i = 0; i < t->nfields; i++)
      if (!static_comparable(t->fields[i].type, depth + 1)) return false;
    return true;
  default: return true;
  }
}

static Type *unhashable(Value v);

typedef struct UnhashHop { Value v; Type *r; } UnhashHop;
static void unhash_hop(void *p) { UnhashHop *h = p; h->r = unhashable(h->v); }

/* The type Go names in "hash of unhashable type T", or NULL if v is hashable.
** Any depth: the C stack is extended when it runs low (vm_cstack_hop). */
static Type *unhashable(Value v) {
  if ((v.kind == VAL_STRUCT || v.kind == VAL_ARRAY) && vm_cstack_low()) {
    UnhashHop h = {v, NULL};
    vm_cstack_hop(unhash_hop, &h);
    return h.r;
  }
  switch (v.kind) {
  case VAL_SLICE: case VAL_MAP: case VAL_FUNC: case VAL_NATIVE: case VAL_BOUND:
    return value_type(v);
  case VAL_STRUCT: {
    ObjStruct *s = v.as.p;
    if (!s) return NULL;
    Type *st = s->type ? (s->type->underlying ? s->type->underlying : s->type) : NULL;
    if (st && !static_comparable(st, 0)) return s->type;
    for (uint32_t i = 0; i < s->n; i++) {
      Type *ft = st && i < (uint32_t)st->nfields ? st->fields[i].type : NULL;
      if (ft && ft->kind != TY_INTERFACE && ft->kind != TY_STRUCT && ft->kind != TY_ARRAY) continue;
      Type *u = unhashable(s->f[i]);
      if (u) return (ft && ft->kind != TY_INTERFACE) ? s->type : u;
    }
    return NULL;
  }
  case VAL_ARRAY: {
    ObjArray *a = v.as.p;
    if (!a) return NULL;
    Type *et = a->elem;
    if (et && !static_comparable(et, 0)) return value_type(v);
    if (et && et->kind != TY_INTERFACE && et->kind != TY_STRUCT && et->kind != TY_ARRAY) return NULL;
    for (int64_t i = 0; i < a->len; i++) {
      Type *u = unhashable(a->v[i]);
      if (u) return (et && et->kind != TY_INTERFACE) ? value_type(v) : u;
    }
    return NULL;
  }
  default:
    return NULL;
  }
}

static const char *unhashable_msg(Type *t) {
  const char *ts = type_str(t);
  static const char pre[] = "runtime error: hash of unhashable type ";
  size_t lp = sizeof pre - 1, lt = strlen(ts);
  char *msg = GC_MALLOC_ATOMIC(lp + lt + 1);
  if (!msg) return "runtime error: hash of unhashable type";
  memcpy(msg, pre, lp);
  memcpy(msg + lp, ts, lt + 1);
  return msg;
}

/* NULL if key is hashable, else Go's panic message for it
** ("runtime error: hash of unhashable type []int"). For map reads and
** deletes, which Go also rejects (map_find just reports such keys absent). */
const char *map_key_error(Value key) {
  if (key.kind <= VAL_STR || key.kind == VAL_PTR || key.kind == VAL_CHAN || key.kind == VAL_OBJ)
    return NULL;
  Type *bad = unhashable(key);
  return bad ? unhashable_msg(bad) : NULL;
}

/* ---- the operations ---- */

Value *map_find(ObjMap *m, Value key) {
  if (!m) return NULL;
  MapIndex *ix = IDX(m);
  if (!ix) return NULL;
  if (__builtin_expect(m->writing, 0)) vm_fatal("concurrent map read and map write");
  MapEntry *e = lookup(ix, key, key_hash(key), map_strict(m));
  return e ? &e->val : NULL;
}

bool map_set(ObjMap *m, Value key, Value val, const char **err) {
  if (!m) {
    if (err) *err = "assignment to entry in nil map";
    return false;
  }
  /* Keys that can hold a slice/map/func (directly, or inside an interface
  ** field of a struct/array key) are checked; Go panics on hashing them. */
  if (key.kind > VAL_STR && key.kind != VAL_PTR && key.kind != VAL_CHAN && key.kind != VAL_OBJ) {
    Type *bad = unhashable(key);
    if (bad) {
      if (err) *err = unhashable_msg(bad);
      return false;
    }
  }
  Type *mt = m->type;
  if (mt) {
    Type *kt = mt->key, *vt = mt->elem;
    if (kt && kt->kind != TY_INTERFACE &&
        (kt->id != 0 || (key.kind == VAL_INT && kt->kind == TY_FLOAT64)))
      key = value_coerce(kt, key);
    if (vt && vt->kind != TY_INTERFACE &&
        (vt->id != 0 || (val.kind == VAL_INT && vt->kind == TY_FLOAT64)))
      val = value_coerce(vt, val);
  }
  uint64_t h = key_hash(key);
  if (m->writing) vm_fatal("concurrent map writes");
  m->writing ^= 1;
  MapIndex *ix = IDX(m);
  MapEntry *e = ix ? lookup(ix, key, h, map_strict(m)) : NULL;
  if (e) {
    /* Go updates the stored key too (float +0/-0, interface keys). */
    if (key.kind == VAL_FLOAT || key.kind != e->key.kind) e->key = key;
    e->val = val;
  } else {
    reserve_one(m);
    ix = IDX(m);
    int64_t p = m->nentries;
    if (p >= ix->ecap) vm_fatal("concurrent map writes");
    e = &ix->entries[p];
    e->key = (key.kind == VAL_STRUCT || key.kind == VAL_ARRAY) ? value_copy(key) : key;
    e->val = val;
    e->hash = h;
    e->live = true;
    uint64_t i = h & ix->mask;
    for (uint64_t probes = 0; ix->slots[i].pos > 0; i = (i + 1) & ix->mask)
      if (++probes > ix->mask) vm_fatal("concurrent map writes");
    ix->slots[i].pos = (int32_t)(p + 1);
    ix->slots[i].tag = TAG(h);
    m->nentries = p + 1;
    m->count++;
  }
  if (!m->writing) vm_fatal("concurrent map writes");
  m->writing &= ~1;
  return true;
}

void map_delete(ObjMap *m, Value key) {
  if (!m || !m->index || m->count == 0) return;
  uint64_t h = key_hash(key);
  bool strict = map_strict(m);
  if (m->writing) vm_fatal("concurrent map writes");
  m->writing ^= 1;
  MapIndex *ix = IDX(m);
  uint64_t mask = ix->mask, i = h & mask;
  for (uint64_t probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
    int32_t s = ix->slots[i].pos;
    if (s == 0) break;
    if (s > 0 && s <= ix->ecap && ix->slots[i].tag == TAG(h)) {
      MapEntry *e = &ix->entries[s - 1];
      if (e->hash == h && key_eq(&e->key, key, strict)) {
        ix->slots[i].pos = -1;
        e->live = false;
        e->key = NIL_VAL;            /* drop references for the collector */
        e->val = NIL_VAL;
        m->count--;
        break;
      }
    }
  }
  if (!m->writing) vm_fatal("concurrent map writes");
  m->writing &= ~1;
}

/* Iterator encoding: 0 = not started; otherwise (generation + 1) << POS_BITS |
** next position. An iterator from an older generation is mapped through the
** relocation tables, so compaction during a range loop neither skips nor
** repeats entries that existed when the loop started. */
bool map_next(ObjMap *m, int64_t *pos, Value *key, Value *val) {
  if (!m) return false;
  MapIndex *ix = IDX(m);
  if (!ix) return false;
  if (__builtin_expect(m->writing, 0)) vm_fatal("concurrent map iteration and map write");
  int64_t p = 0;
  uint64_t enc = (uint64_t)*pos;
  if (enc != 0) {
    uint32_t gen = (uint32_t)((enc >> POS_BITS) - 1) & ((1u << GEN_BITS) - 1);
    p = (int64_t)(enc & (((uint64_t)1 << POS_BITS) - 1));
    if (gen != ix->gen) {
      /* Collect the relocations from gen up to the current generation. */
      Reloc *chain[RELOC_KEEP];
      int nch = 0;
      bool found = false;
      for (Reloc *r = ix->reloc; r && nch < RELOC_KEEP; r = r->prev) {
        chain[nch++] = r;
        if (r->from_gen == gen) { found = true; break; }
      }
      if (found) {
        for (int k = nch - 1; k >= 0; k--) {
          Reloc *r = chain[k];
          if (p > r->nold) p = r->nold;
          p = r->newpos[p];
        }
      }
      /* not found: too old, keep the position (may skip or repeat) */
    }
  }
  MapEntry *ents = ix->entries;
  int64_t n = m->nentries;
  if (n > ix->ecap) n = ix->ecap;
  if (p < 0) p = 0;
  while (p < n) {
    MapEntry *e = &ents[p++];
    if (e->live) {
      /* Range variables get their own copies of struct/array keys and values. */
      if (key) *key = value_copy(e->key);
      if (val) *val = value_copy(e->val);
      *pos = (int64_t)(((uint64_t)ix->gen + 1) << POS_BITS | (uint64_t)p);
      return true;
    }
  }
  *pos = (int64_t)(((uint64_t)ix->gen + 1) << POS_BITS | (uint64_t)p);
  return false;
}
