/*
** json.c -- package encoding/json: Marshal, MarshalIndent, Unmarshal, Valid,
** Indent, Compact, NewEncoder(w).Encode, NewDecoder(r).Decode, following Go
** 1.19's output and error texts.
**
** Encoding walks the value (struct fields by their Type: exported fields
** only, `json:"name,omitempty"` / `json:"-"` tags, untagged embedded structs
** inlined; maps with sorted keys; []byte as base64; MarshalJSON methods are
** called, their output compacted). MarshalIndent is Marshal followed by Go's
** Indent.
**
** Decoding first checks the whole input (Go's scanner error texts: "invalid
** character 'x' looking for beginning of value", "unexpected end of JSON
** input"), parses it into a small tree (each node keeps its raw text), then
** stores it into the target through the pointer, guided by the static types
** (struct field types, slice elements, map values; the pointee's dynamic type
** at the top). Type mismatches do not stop decoding: the first one is
** returned, as in Go. A type whose pointer has UnmarshalJSON gets the raw
** text instead; its error stops decoding at once.
**
** json.RawMessage (a named []byte) and json.Number (a named string) are
** registered here with their methods; encode/decode treat them directly.
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

#define MAX_DEPTH 10000

/* {====================================================================
** Helpers
** ===================================================================== */

static Type *under(Type *t) {
  return t && t->underlying ? t->underlying : t;
}

static bool is_exported(const char *name) {
  return name && name[0] >= 'A' && name[0] <= 'Z';
}

/* reflect.StructTag.Get("json"): the value of key json in a tag, or NULL. */
static const char *tag_json(const char *tag, size_t *len) {
  if (!tag) return NULL;
  const char *p = tag;
  while (*p) {
    while (*p == ' ') p++;
    const char *k = p;
    while (*p > ' ' && *p != ':' && *p != '"') p++;
    size_t kl = (size_t)(p - k);
    if (kl == 0 || *p != ':' || p[1] != '"') return NULL;
    p += 2;
    const char *v = p;
    while (*p && *p != '"') {
      if (*p == '\\' && p[1]) p++;
      p++;
    }
    if (!*p) return NULL;
    if (kl == 4 && memcmp(k, "json", 4) == 0) {
      *len = (size_t)(p - v);
      return v;
    }
    p++;
  }
  return NULL;
}

typedef struct FieldInfo {
  const char *name;   /* JSON key */
  int index;          /* field index in its struct */
  int depth;          /* 0: the struct itself; >0 inside an embedded struct */
  int path[8];        /* indices from the outer struct (embedded chain) */
  bool omitempty, quoted;
  bool tagged;        /* the name comes from a json tag */
  int ntagged, nplain;   /* fields of this name at this depth, tagged or not */
  Type *type;
} FieldInfo;

typedef struct FieldList {
  FieldInfo *v;
  int n, cap;
} FieldList;

/* Go's dominantField: of the fields named alike, the shallowest wins, a
** tagged one before untagged ones; two equal candidates cancel out (the
** counts say so; fields_of drops those). */
static void fl_add(FieldList *l, FieldInfo fi) {
  fi.ntagged = fi.tagged;
  fi.nplain = !fi.tagged;
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->v[i].name, fi.name) == 0) {
      FieldInfo *old = &l->v[i];
      if (fi.depth < old->depth) {
        *old = fi;
      } else if (fi.depth == old->depth) {
        fi.ntagged += old->ntagged;
        fi.nplain += old->nplain;
        if (fi.tagged && !old->tagged) *old = fi;
        old->ntagged = fi.ntagged;
        old->nplain = fi.nplain;
      }
      return;
    }
  if (l->n == l->cap) {
    int nc = l->cap ? l->cap * 2 : 8;
    FieldInfo *nv = NEW_ARRAY(FieldInfo, nc);
    if (l->n) memcpy(nv, l->v, sizeof(FieldInfo) * (size_t)l->n);
    l->v = nv;
    l->cap = nc;
  }
  l->v[l->n++] = fi;
}

/* The JSON fields of struct type st (Go's typeFields, simplified). */
static void collect_fields(Type *st, FieldList *out, int depth, const int *path) {
  Type *u = under(st);
  if (!u || u->kind != TY_STRUCT || depth >= 8) return;
  for (int i = 0; i < u->nfields; i++) {
    Field *fd = &u->fields[i];
    size_t tl = 0;
    const char *tv = tag_json(fd->tag, &tl);
    if (tv && tl == 1 && tv[0] == '-') continue;
    const char *comma = tv ? memchr(tv, ',', tl) : NULL;
    size_t nl = tv ? (comma ? (size_t)(comma - tv) : tl) : 0;
    Type *ft = fd->type;
    if (fd->embedded && nl == 0) {
      Type *et = ft;
      if (et && et->kind == TY_PTR) et = et->elem;
      if (et && under(et) && under(et)->kind == TY_STRUCT) {
        int np[8];
        for (int k = 0; k < depth; k++) np[k] = path[k];
        np[depth] = i;
        collect_fields(et, out, depth + 1, np);
        continue;
      }
    }
    if (!is_exported(fd->name)) continue;
    FieldInfo fi;
    memset(&fi, 0, sizeof fi);
    fi.name = nl ? GC_STRNDUP(tv, nl) : fd->name;
    fi.tagged = nl > 0;
    fi.index = i;
    fi.depth = depth;
    for (int k = 0; k < depth; k++) fi.path[k] = path[k];
    fi.path[depth] = i;
    fi.type = ft;
    if (comma) {
      const char *o = comma + 1, *end = tv + tl;
      while (o < end) {
        const char *e = memchr(o, ',', (size_t)(end - o));
        if (!e) e = end;
        size_t ol = (size_t)(e - o);
        if (ol == 9 && memcmp(o, "omitempty", 9) == 0) fi.omitempty = true;
        if (ol == 6 && memcmp(o, "string", 6) == 0) fi.quoted = true;
        o = e + 1;
      }
    }
    fl_add(out, fi);
  }
}

/* Cached field lists per struct type (Type.cache belongs to the VM: keep
** our own small table). */
typedef struct FCache {
  Type *t;
  FieldList fl;
  struct FCache *next;
} FCache;
static pthread_mutex_t fc_lock = PTHREAD_MUTEX_INITIALIZER;
static FCache *volatile fcache;

static bool path_less(const FieldInfo *a, const FieldInfo *b) {
  for (int k = 0; k <= a->depth && k <= b->depth; k++)
    if (a->path[k] != b->path[k]) return a->path[k] < b->path[k];
  return a->depth < b->depth;
}

static FieldList *fields_of(Type *st) {
  pthread_mutex_lock(&fc_lock);
  for (FCache *c = fcache; c; c = c->next)
    if (c->t == st) {
      pthread_mutex_unlock(&fc_lock);
      return &c->fl;
    }
  pthread_mutex_unlock(&fc_lock);
  FCache *c = NEW(FCache);
  c->t = st;
  collect_fields(st, &c->fl, 0, NULL);
  int n = 0;   /* drop the names that cancelled out */
  for (int i = 0; i < c->fl.n; i++) {
    FieldInfo *fi = &c->fl.v[i];
    if (fi->ntagged > 1 || (fi->ntagged == 0 && fi->nplain > 1)) continue;
    c->fl.v[n++] = *fi;
  }
  c->fl.n = n;
  /* Go orders the fields by their index path (an outer field that shadows
  ** an embedded one takes its own place) */
  for (int i = 1; i < n; i++) {
    FieldInfo x = c->fl.v[i];
    int k = i;
    while (k > 0 && path_less(&x, &c->fl.v[k - 1])) {
      c->fl.v[k] = c->fl.v[k - 1];
      k--;
    }
    c->fl.v[k] = x;
  }
  pthread_mutex_lock(&fc_lock);
  c->next = fcache;
  fcache = c;
  pthread_mutex_unlock(&fc_lock);
  return &c->fl;
}

/* The struct a FieldInfo lives in (following the embedded path); NULL if a
** nil embedded pointer is on the way (create: allocate it). */
static ObjStruct *field_owner(ObjStruct *s, FieldInfo *fi, bool create) {
  for (int k = 0; k < fi->depth && s; k++) {
    Value v = s->f[fi->path[k]];
    if (v.kind == VAL_STRUCT) {
      s = v.as.p;
    } else if (v.kind == VAL_PTR && v.as.p && v.pk == PTR_STRUCT) {
      s = v.as.p;
    } else if (v.kind == VAL_PTR && !v.as.p && create) {
      Type *u = under(s->type);
      Type *pt = u->fields[fi->path[k]].type;
      ObjStruct *ns = struct_new(pt->elem);
      s->f[fi->path[k]] = PTR_VAL(PTR_STRUCT, ns, 0);
      s = ns;
    } else {
      return NULL;
    }
  }
  return s;
}

/* }==================================================================== */

/* {====================================================================
** Encoding
** ===================================================================== */

typedef struct Enc {
  Fiber *f;
  StrBuf b;
  Value err;       /* first error (NIL_VAL if none) */
  bool panicked;
  int depth;
  const void **path;   /* pointers being encoded (cycle check past depth 1000) */
  int plen, pcap;
} Enc;

static void enc_fail(Enc *e, const char *msg) {
  if (IS_NIL(e->err)) e->err = mk_error(msg);
}

static void put_string(StrBuf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  sb_putc(b, '"');
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
        sb_putc(b, (char)c);
      } else if (c == '"' || c == '\\') {
        sb_putc(b, '\\');
        sb_putc(b, (char)c);
      } else if (c == '\n') {
        sb_puts(b, "\\n");
      } else if (c == '\r') {
        sb_puts(b, "\\r");
      } else if (c == '\t') {
        sb_puts(b, "\\t");
      } else {
        sb_puts(b, "\\u00");
        sb_putc(b, hex[c >> 4]);
        sb_putc(b, hex[c & 15]);
      }
      i++;
      continue;
    }
    int32_t r;
    int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
    if (r == RUNE_ERROR && w == 1) {
      sb_puts(b, "\\ufffd");
    } else if (r == 0x2028 || r == 0x2029) {
      sb_puts(b, r == 0x2028 ? "\\u2028" : "\\u2029");
    } else {
      sb_putn(b, s + i, (size_t)w);
    }
    i += (size_t)w;
  }
  sb_putc(b, '"');
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(StrBuf *b, const unsigned char *p, size_t n) {
  sb_putc(b, '"');
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)p[i] << 16;
    if (i + 1 < n) v |= (uint32_t)p[i + 1] << 8;
    if (i + 2 < n) v |= p[i + 2];
    sb_putc(b, b64[(v >> 18) & 63]);
    sb_putc(b, b64[(v >> 12) & 63]);
    sb_putc(b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
    sb_putc(b, i + 2 < n ? b64[v & 63] : '=');
  }
  sb_putc(b, '"');
}

static void put_float(Enc *e, double f, int bits) {
  if (isnan(f) || isinf(f)) {
    StrBuf m;
    sb_init(&m);
    sb_puts(&m, "json: unsupported value: ");
    fmt_float(&m, f, 'g', -1, bits);
    enc_fail(e, m.data);
    return;
  }
  double a = fabs(f);
  int verb = 'f';
  if (a != 0) {
    if (bits == 64 && (a < 1e-6 || a >= 1e21)) verb = 'e';
    if (bits == 32 && ((float)a < 1e-6f || (float)a >= 1e21f)) verb = 'e';
  }
  size_t start = e->b.len;
  fmt_float(&e->b, f, verb, -1, bits);
  if (verb == 'e') {
    size_t n = e->b.len - start;
    char *s = e->b.data + start;
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
      s[n - 2] = s[n - 1];
      e->b.len--;
      e->b.data[e->b.len] = 0;
    }
  }
}

static bool is_empty_value(Value v) {
  switch (v.kind) {
  case VAL_NIL: return true;
  case VAL_BOOL: return !v.as.b;
  case VAL_INT: return v.as.i == 0;
  case VAL_FLOAT: return v.as.f == 0;
  case VAL_STR: return AS_STR(v)->len == 0;
  case VAL_SLICE: return !v.as.p || ((ObjSlice *)v.as.p)->len == 0;
  case VAL_ARRAY: return !v.as.p || ((ObjArray *)v.as.p)->len == 0;
  case VAL_MAP: return !v.as.p || ((ObjMap *)v.as.p)->count == 0;
  case VAL_PTR: case VAL_FUNC: case VAL_CHAN: return !v.as.p;
  default: return false;
  }
}

static void encode(Enc *e, Value v);
static void encode_value(Enc *e, Value v);
static Type *raw_type, *number_type;   /* json.RawMessage, json.Number */
static bool valid_number(const char *p, size_t n);

/* Encode v held in a slot of static type st (field, element, pointee): a
** RawMessage or Number slot may hold a plain []byte or string. */
static void encode_slot(Enc *e, Value v, Type *st) {
  if ((st == raw_type && v.kind == VAL_SLICE) || (st == number_type && v.kind == VAL_STR))
    v.aux = st->id;
  encode(e, v);
}

static int cmp_str(const void *a, const void *b) {
  const ObjString *x = *(ObjString *const *)a, *y = *(ObjString *const *)b;
  int64_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->data, y->data, (size_t)n);
  return c ? c : (x->len < y->len ? -1 : x->len > y->len);
}

static bool int_type_unsigned(Type *t) {
  Type *u = under(t);
  return u && (u->kind == TY_UINT || u->kind == TY_UINT64 || u->kind == TY_UINTPTR);
}

static void encode_map(Enc *e, ObjMap *m) {
  Type *mt = m->type;
  Type *kt = mt ? under(mt)->key : NULL;
  int64_t n = m->count, i = 0, pos = 0;
  ObjString **keys = NEW_ARRAY(ObjString *, n + 1);
  Value *vals = NEW_ARRAY(Value, n + 1);
  Value k, v;
  while (map_next(m, &pos, &k, &v) && i < n) {
    char num[32];
    if (k.kind == VAL_STR) {
      keys[i] = AS_STR(k);
    } else if (k.kind == VAL_INT) {
      if (int_type_unsigned(value_type(k))) snprintf(num, sizeof num, "%llu", (unsigned long long)k.as.i);
      else snprintf(num, sizeof num, "%lld", (long long)k.as.i);
      keys[i] = str_new(num, (int64_t)strlen(num));
    } else {
      StrBuf msg;
      sb_init(&msg);
      sb_printf(&msg, "json: unsupported type: %s", type_str(mt ? mt : value_type(k)));
      enc_fail(e, msg.data);
      (void)kt;
      return;
    }
    vals[i] = v;
    i++;
  }
  n = i;
  /* sort keys, carrying values: sort an index */
  ObjString **sk = NEW_ARRAY(ObjString *, n + 1);
  for (int64_t j = 0; j < n; j++) sk[j] = keys[j];
  qsort(sk, (size_t)n, sizeof *sk, cmp_str);
  sb_putc(&e->b, '{');
  for (int64_t j = 0; j < n; j++) {
    int64_t at = 0;
    for (int64_t q = 0; q < n; q++)
      if (keys[q] == sk[j]) { at = q; keys[q] = NULL; break; }
    if (j) sb_putc(&e->b, ',');
    put_string(&e->b, sk[j]->data, (size_t)sk[j]->len);
    sb_putc(&e->b, ':');
    encode_slot(e, vals[at], mt ? under(mt)->elem : NULL);
    if (!IS_NIL(e->err) || e->panicked) return;
  }
  sb_putc(&e->b, '}');
}

static void encode_struct(Enc *e, ObjStruct *s) {
  FieldList *fl = fields_of(s->type);
  sb_putc(&e->b, '{');
  bool first = true;
  for (int i = 0; i < fl->n; i++) {
    FieldInfo *fi = &fl->v[i];
    ObjStruct *o = field_owner(s, fi, false);
    if (!o) continue;
    Value fv = o->f[fi->index];
    if (fi->omitempty && is_empty_value(fv)) continue;
    if (!first) sb_putc(&e->b, ',');
    first = false;
    put_string(&e->b, fi->name, strlen(fi->name));
    sb_putc(&e->b, ':');
    if (fi->quoted && (fv.kind == VAL_INT || fv.kind == VAL_FLOAT || fv.kind == VAL_BOOL ||
                       fv.kind == VAL_STR)) {
      Enc sub = {.f = e->f, .err = NIL_VAL};
      sb_init(&sub.b);
      encode_slot(&sub, fv, fi->type);
      if (!IS_NIL(sub.err)) {
        e->err = sub.err;
        return;
      }
      if (fv.kind == VAL_STR) put_string(&e->b, sub.b.data, sub.b.len);
      else {
        sb_putc(&e->b, '"');
        sb_putn(&e->b, sub.b.data, sub.b.len);
        sb_putc(&e->b, '"');
      }
      continue;
    }
    encode_slot(e, fv, fi->type);
    if (!IS_NIL(e->err) || e->panicked) return;
  }
  sb_putc(&e->b, '}');
}

typedef struct Scan Scan;
static bool compact_into(StrBuf *out, const char *p, size_t n, bool html, Scan *s);

static void put_marshaled(Enc *e, Type *t, const char *p, size_t n);

/* A MarshalJSON method: true if v has one (and it was used). */
static bool try_marshaler(Enc *e, Value v) {
  if (v.kind != VAL_STRUCT && v.kind != VAL_PTR && v.kind != VAL_INT && v.kind != VAL_STR &&
      v.kind != VAL_OBJ && v.kind != VAL_FLOAT && v.kind != VAL_BOOL && v.kind != VAL_SLICE &&
      v.kind != VAL_MAP)
    return false;
  Value fn, recv;
  if (!api_find_method(v, "MarshalJSON", &fn, &recv)) return false;
  if (v.kind == VAL_PTR && !v.as.p) {
    sb_puts(&e->b, "null");
    return true;
  }
  Value r[2];
  int k = vm_call(e->f, fn, &recv, 1, r, 2);
  if (k == NATIVE_PANIC) {
    e->panicked = true;
    return true;
  }
  if (k >= 2 && !IS_NIL(r[1])) {
    const char *t = NULL;
    api_error_text(e->f, r[1], &t);
    StrBuf m;
    sb_init(&m);
    sb_printf(&m, "json: error calling MarshalJSON for type %s: %s", type_str(value_type(v)),
              t ? t : "error");
    enc_fail(e, m.data);
    return true;
  }
  StrBuf raw;
  sb_init(&raw);
  bytes_of(r[0], &raw);
  put_marshaled(e, value_type(v), raw.data ? raw.data : "", raw.len);
  return true;
}

/* Go's cycle check: past 1000 levels, a pointer, map or slice already being
** encoded further up is a cycle. Returns false (error set) on a cycle. */
static bool enc_enter(Enc *e, Value v, bool *pushed) {
  *pushed = false;
  if (e->depth <= 1000 || !v.as.p ||
      (v.kind != VAL_PTR && v.kind != VAL_MAP && v.kind != VAL_SLICE))
    return true;
  const void *key = v.kind == VAL_SLICE ? (const void *)((ObjSlice *)v.as.p)->arr : v.as.p;
  for (int i = 0; i < e->plen; i++)
    if (e->path[i] == key || e->depth > 200000) {
      StrBuf m;
      sb_init(&m);
      sb_printf(&m, "json: unsupported value: encountered a cycle via %s", type_str(value_type(v)));
      enc_fail(e, m.data);
      return false;
    }
  if (e->plen == e->pcap) {
    int nc = e->pcap ? e->pcap * 2 : 64;
    const void **np = GC_MALLOC(sizeof(void *) * (size_t)nc);
    for (int i = 0; i < e->plen; i++) np[i] = e->path[i];
    e->path = np;
    e->pcap = nc;
  }
  e->path[e->plen++] = key;
  *pushed = true;
  return true;
}

typedef struct EncHop { Enc *e; Value v; } EncHop;
static void encode_hop(void *p) { EncHop *h = p; encode(h->e, h->v); }

static void encode(Enc *e, Value v) {
  if (!IS_NIL(e->err) || e->panicked) return;
  if (vm_cstack_low()) {   /* deep values continue on a bigger C stack */
    EncHop h = {e, v};
    vm_cstack_hop(encode_hop, &h);
    return;
  }
  e->depth++;
  bool pushed;
  if (!enc_enter(e, v, &pushed)) {
    e->depth--;
    return;
  }
  encode_value(e, v);
  if (pushed) e->plen--;
  e->depth--;
}

static void encode_value(Enc *e, Value v) {
  if (time_is_time(v)) {   /* Go's Time.MarshalJSON: RFC 3339 with nanoseconds */
    const char *txt = time_marshal_text(v);
    if (!txt) {
      enc_fail(e, "json: error calling MarshalJSON for type time.Time: "
                  "Time.MarshalJSON: year outside of range [0,9999]");
      return;
    }
    sb_putc(&e->b, '"');
    sb_puts(&e->b, txt);
    sb_putc(&e->b, '"');
    return;
  }
  if (v.kind == VAL_SLICE || v.kind == VAL_STR) {
    Type *vt = value_type(v);
    if (vt == raw_type) {   /* RawMessage.MarshalJSON: itself, or null */
      if (v.kind == VAL_SLICE && v.as.p) {
        StrBuf raw;
        sb_init(&raw);
        bytes_of(v, &raw);
        put_marshaled(e, raw_type, raw.data ? raw.data : "", raw.len);
      } else {
        sb_puts(&e->b, "null");
      }
      return;
    }
    if (vt == number_type) {   /* the digits ("" is 0), checked */
      ObjString *n = AS_STR(v);
      if (n->len == 0) {
        sb_putc(&e->b, '0');
      } else if (valid_number(n->data, (size_t)n->len)) {
        sb_putn(&e->b, n->data, (size_t)n->len);
      } else {
        StrBuf m;
        sb_init(&m);
        sb_puts(&m, "json: invalid number literal ");
        fmt_quote(&m, n->data, (size_t)n->len, false);
        enc_fail(e, m.data);
      }
      return;
    }
  }
  if (try_marshaler(e, v)) return;
  switch (v.kind) {
  case VAL_NIL: sb_puts(&e->b, "null"); break;
  case VAL_BOOL: sb_puts(&e->b, v.as.b ? "true" : "false"); break;
  case VAL_INT:
    if (int_type_unsigned(value_type(v))) sb_printf(&e->b, "%llu", (unsigned long long)v.as.i);
    else sb_printf(&e->b, "%lld", (long long)v.as.i);
    break;
  case VAL_FLOAT: {
    Type *t = under(value_type(v));
    put_float(e, v.as.f, t && t->kind == TY_FLOAT32 ? 32 : 64);
    break;
  }
  case VAL_STR: put_string(&e->b, AS_STR(v)->data, (size_t)AS_STR(v)->len); break;
  case VAL_SLICE: {
    if (!v.as.p) {
      sb_puts(&e->b, "null");
      break;
    }
    ObjSlice *s = v.as.p;
    Type *et = s->arr ? s->arr->elem : NULL;
    if (!et) {
      Type *st = under(value_type(v));
      et = st ? st->elem : NULL;
    }
    Value *el = s->arr->v + s->off;
    if (et && under(et)->kind == TY_UINT8) {
      unsigned char *tmp = GC_MALLOC_ATOMIC((size_t)s->len + 1);
      for (int64_t i = 0; i < s->len; i++) tmp[i] = (unsigned char)el[i].as.i;
      put_base64(&e->b, tmp, (size_t)s->len);
      break;
    }
    sb_putc(&e->b, '[');
    for (int64_t i = 0; i < s->len; i++) {
      if (i) sb_putc(&e->b, ',');
      encode_slot(e, el[i], et);
    }
    sb_putc(&e->b, ']');
    break;
  }
  case VAL_ARRAY: {
    ObjArray *a = v.as.p;
    sb_putc(&e->b, '[');
    for (int64_t i = 0; a && i < a->len; i++) {
      if (i) sb_putc(&e->b, ',');
      encode_slot(e, a->v[i], a->elem);
    }
    sb_putc(&e->b, ']');
    break;
  }
  case VAL_MAP:
    if (!v.as.p) sb_puts(&e->b, "null");
    else encode_map(e, v.as.p);
    break;
  case VAL_STRUCT: encode_struct(e, v.as.p); break;
  case VAL_PTR: {
    Value x;
    if (!v.as.p || !ptr_load(v, &x)) sb_puts(&e->b, "null");
    else encode_slot(e, x, value_type(v)->elem);
    break;
  }
  case VAL_CELL: encode(e, ((Cell *)v.as.p)->v); break;
  case VAL_OBJ: {
    const char *t = api_native_error_text(v);
    (void)t;
    sb_puts(&e->b, "{}");
    break;
  }
  default: {
    StrBuf m;
    sb_init(&m);
    sb_printf(&m, "json: unsupported type: %s", type_str(value_type(v)));
    enc_fail(e, m.data);
  }
  }
}

/* }==================================================================== */

/* {====================================================================
** Scanning (syntax check with Go's messages), Compact, Indent
** ===================================================================== */

struct Scan {
  const char *p;
  size_t n, i;
  char msg[160];
  size_t off;      /* SyntaxError.Offset */
  bool bad;
};


static void quote_char(char *out, size_t cap, unsigned char c) {
  if (c == '\'') snprintf(out, cap, "'\\''");
  else if (c == '"') snprintf(out, cap, "'\"'");
  else if (c == '\n') snprintf(out, cap, "'\\n'");
  else if (c == '\r') snprintf(out, cap, "'\\r'");
  else if (c == '\t') snprintf(out, cap, "'\\t'");
  else if (c < 0x20 || c == 0x7f) snprintf(out, cap, "'\\x%02x'", c);
  else if (c >= 0x80) snprintf(out, cap, "'\\ufffd'");
  else snprintf(out, cap, "'%c'", c);
}

static bool sc_err(Scan *s, const char *ctx) {
  if (s->bad) return false;
  s->bad = true;
  if (s->i >= s->n) {
    snprintf(s->msg, sizeof s->msg, "unexpected end of JSON input");
  } else {
    unsigned char c = (unsigned char)s->p[s->i];
    char q[16];
    if (c >= 0x80) {
      int32_t r;
      int w = utf8_decode((const unsigned char *)s->p + s->i, s->n - s->i, &r);
      if (r != RUNE_ERROR || w > 1) snprintf(q, sizeof q, "'%.*s'", w, s->p + s->i);
      else quote_char(q, sizeof q, c);
    } else {
      quote_char(q, sizeof q, c);
    }
    snprintf(s->msg, sizeof s->msg, "invalid character %s %s", q, ctx);
  }
  s->off = s->i;
  return false;
}

/* At the end of input inside a literal or number Go's scanner feeds a space:
** "invalid character ' ' in literal true (expecting 'e')". */
static bool sc_err_sp(Scan *s, const char *ctx) {
  if (s->bad) return false;
  if (s->i < s->n) return sc_err(s, ctx);
  s->bad = true;
  snprintf(s->msg, sizeof s->msg, "invalid character ' ' %s", ctx);
  s->off = s->i;
  return false;
}

static void skip_ws(Scan *s) {
  while (s->i < s->n && (s->p[s->i] == ' ' || s->p[s->i] == '\t' || s->p[s->i] == '\n' ||
                         s->p[s->i] == '\r'))
    s->i++;
}

static bool scan_value(Scan *s, int depth);

static bool scan_string(Scan *s) {
  s->i++;   /* opening quote */
  while (s->i < s->n) {
    unsigned char c = (unsigned char)s->p[s->i];
    if (c == '"') {
      s->i++;
      return true;
    }
    if (c < 0x20) return sc_err(s, "in string literal");
    if (c == '\\') {
      s->i++;
      if (s->i >= s->n) return sc_err(s, "");
      c = (unsigned char)s->p[s->i];
      if (strchr("\"\\/bfnrt", c) && c) {
        s->i++;
        continue;
      }
      if (c == 'u') {
        s->i++;
        for (int k = 0; k < 4; k++) {
          if (s->i >= s->n) return sc_err(s, "");
          if (!strchr("0123456789abcdefABCDEF", s->p[s->i]) || !s->p[s->i])
            return sc_err(s, "in \\u hexadecimal character escape");
          s->i++;
        }
        continue;
      }
      return sc_err(s, "in string escape code");
    }
    s->i++;
  }
  return sc_err(s, "");
}

static bool isdig(char c) { return c >= '0' && c <= '9'; }

static bool scan_number(Scan *s) {
  if (s->p[s->i] == '-') {
    s->i++;
    if (s->i >= s->n || !isdig(s->p[s->i])) return sc_err_sp(s, "in numeric literal");
  }
  if (s->p[s->i] == '0') s->i++;
  else while (s->i < s->n && isdig(s->p[s->i])) s->i++;
  if (s->i < s->n && s->p[s->i] == '.') {
    s->i++;
    if (s->i >= s->n || !isdig(s->p[s->i]))
      return sc_err_sp(s, "after decimal point in numeric literal");
    while (s->i < s->n && isdig(s->p[s->i])) s->i++;
  }
  if (s->i < s->n && (s->p[s->i] == 'e' || s->p[s->i] == 'E')) {
    s->i++;
    if (s->i < s->n && (s->p[s->i] == '+' || s->p[s->i] == '-')) s->i++;
    if (s->i >= s->n || !isdig(s->p[s->i])) return sc_err_sp(s, "in exponent of numeric literal");
    while (s->i < s->n && isdig(s->p[s->i])) s->i++;
  }
  return true;
}

static bool scan_literal(Scan *s, const char *lit) {
  size_t L = strlen(lit);
  for (size_t k = 0; k < L; k++) {
    if (s->i >= s->n || s->p[s->i] != lit[k]) {
      char ctx[64];
      snprintf(ctx, sizeof ctx, "in literal %s (expecting '%c')", lit, lit[k]);
      return sc_err_sp(s, ctx);
    }
    s->i++;
  }
  return true;
}

typedef struct ScanHop { Scan *s; int depth; bool ok; } ScanHop;
static void scan_hop(void *p) { ScanHop *h = p; h->ok = scan_value(h->s, h->depth); }

static bool scan_value(Scan *s, int depth) {
  if (vm_cstack_low()) {
    ScanHop h = {s, depth, false};
    vm_cstack_hop(scan_hop, &h);
    return h.ok;
  }
  skip_ws(s);
  if (s->i >= s->n) return sc_err(s, "");
  char c = s->p[s->i];
  if ((c == '{' || c == '[') && depth + 1 > MAX_DEPTH) return sc_err(s, "exceeded max depth");
  switch (c) {
  case '{':
    s->i++;
    skip_ws(s);
    if (s->i < s->n && s->p[s->i] == '}') {
      s->i++;
      return true;
    }
    for (;;) {
      skip_ws(s);
      if (s->i >= s->n) return sc_err(s, "");
      if (s->p[s->i] != '"') return sc_err(s, "looking for beginning of object key string");
      if (!scan_string(s)) return false;
      skip_ws(s);
      if (s->i >= s->n) return sc_err(s, "");
      if (s->p[s->i] != ':') return sc_err(s, "after object key");
      s->i++;
      if (!scan_value(s, depth + 1)) return false;
      skip_ws(s);
      if (s->i >= s->n) return sc_err(s, "");
      if (s->p[s->i] == ',') {
        s->i++;
        continue;
      }
      if (s->p[s->i] == '}') {
        s->i++;
        return true;
      }
      return sc_err(s, "after object key:value pair");
    }
  case '[':
    s->i++;
    skip_ws(s);
    if (s->i < s->n && s->p[s->i] == ']') {
      s->i++;
      return true;
    }
    for (;;) {
      if (!scan_value(s, depth + 1)) return false;
      skip_ws(s);
      if (s->i >= s->n) return sc_err(s, "");
      if (s->p[s->i] == ',') {
        s->i++;
        continue;
      }
      if (s->p[s->i] == ']') {
        s->i++;
        return true;
      }
      return sc_err(s, "after array element");
    }
  case '"': return scan_string(s);
  case 't': return scan_literal(s, "true");
  case 'f': return scan_literal(s, "false");
  case 'n': return scan_literal(s, "null");
  default:
    if (c == '-' || isdig(c)) return scan_number(s);
    return sc_err(s, "looking for beginning of value");
  }
}

static bool scan_all(Scan *s) {
  if (!scan_value(s, 0)) return false;
  skip_ws(s);
  if (s->i < s->n) return sc_err(s, "after top-level value");
  return true;
}

/* Copy valid JSON without insignificant whitespace; html: escape <, >, &,
** U+2028 and U+2029 as Go's encoder does. On a syntax error, s (if not
** NULL) gets it. */
static bool compact_into(StrBuf *out, const char *p, size_t n, bool html, Scan *err) {
  Scan s = {.p = p, .n = n};
  if (!scan_all(&s)) {
    if (err) *err = s;
    return false;
  }
  bool in_str = false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (in_str) {
      if (html && (c == '<' || c == '>' || c == '&')) {
        sb_printf(out, "\\u00%x", (unsigned)c);
        continue;
      }
      if (html && (unsigned char)c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
          ((unsigned char)p[i + 2] == 0xA8 || (unsigned char)p[i + 2] == 0xA9)) {
        sb_puts(out, (unsigned char)p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
        i += 2;
        continue;
      }
      sb_putc(out, c);
      if (c == '\\' && i + 1 < n) sb_putc(out, p[++i]);
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '"') in_str = true;
    sb_putc(out, c);
  }
  return true;
}

/* Marshaler output (MarshalJSON, RawMessage): compacted as Go does
** (HTML-escaped), else Go's MarshalerError with the syntax error. */
static void put_marshaled(Enc *e, Type *t, const char *p, size_t n) {
  Scan s;
  if (compact_into(&e->b, p, n, true, &s)) return;
  StrBuf m;
  sb_init(&m);
  sb_printf(&m, "json: error calling MarshalJSON for type %s: %s", type_str(t), s.msg);
  enc_fail(e, m.data);
}

static void newline(StrBuf *out, const char *prefix, const char *indent, int depth) {
  sb_putc(out, '\n');
  sb_puts(out, prefix);
  for (int i = 0; i < depth; i++) sb_puts(out, indent);
}

/* Go's Indent over compact, valid JSON (empty {} and [] stay as they are). */
static void indent_into(StrBuf *out, const char *p, size_t n, const char *prefix,
                        const char *indent) {
  int depth = 0;
  bool in_str = false, need_indent = false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (in_str) {
      sb_putc(out, c);
      if (c == '\\' && i + 1 < n) sb_putc(out, p[++i]);
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (need_indent && c != ']' && c != '}') {
      need_indent = false;
      depth++;
      newline(out, prefix, indent, depth);
    }
    switch (c) {
    case '"':
      in_str = true;
      sb_putc(out, c);
      break;
    case '{': case '[':
      need_indent = true;
      sb_putc(out, c);
      break;
    case ',':
      sb_putc(out, c);
      newline(out, prefix, indent, depth);
      break;
    case ':':
      sb_puts(out, ": ");
      break;
    case '}': case ']':
      if (need_indent) {
        need_indent = false;   /* empty: "{}" */
      } else {
        depth--;
        newline(out, prefix, indent, depth);
      }
      sb_putc(out, c);
      break;
    default:
      sb_putc(out, c);
    }
  }
}

/* }==================================================================== */

/* {====================================================================
** Decoding: parse into a tree, then store
** ===================================================================== */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct JNode {
  int kind;
  bool b;
  const char *s;      /* J_NUM: the literal; J_STR: decoded bytes */
  size_t slen;
  struct JNode **items;   /* J_ARR: values; J_OBJ: values */
  const char **keys;      /* J_OBJ */
  size_t *klens;
  int n;
  const char *raw;        /* the value's text in the input (UnmarshalJSON, RawMessage) */
  size_t rawlen;
} JNode;

static void put_utf8(StrBuf *b, int32_t r) {
  char tmp[4];
  int w = utf8_encode(tmp, r);
  sb_putn(b, tmp, (size_t)w);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

/* Input already validated. */
static const char *parse_str(const char *p, size_t *len, const char **endp) {
  StrBuf b;
  sb_init(&b);
  p++;
  while (*p != '"') {
    if (*p != '\\') {
      sb_putc(&b, *p++);
      continue;
    }
    p++;
    char c = *p++;
    switch (c) {
    case 'b': sb_putc(&b, '\b'); break;
    case 'f': sb_putc(&b, '\f'); break;
    case 'n': sb_putc(&b, '\n'); break;
    case 'r': sb_putc(&b, '\r'); break;
    case 't': sb_putc(&b, '\t'); break;
    case 'u': {
      int32_t r = (hexval(p[0]) << 12) | (hexval(p[1]) << 8) | (hexval(p[2]) << 4) | hexval(p[3]);
      p += 4;
      if (r >= 0xD800 && r < 0xDC00) {
        if (p[0] == '\\' && p[1] == 'u') {
          int32_t r2 = (hexval(p[2]) << 12) | (hexval(p[3]) << 8) | (hexval(p[4]) << 4) | hexval(p[5]);
          if (r2 >= 0xDC00 && r2 < 0xE000) {
            r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
            p += 6;
          } else {
            r = RUNE_ERROR;
          }
        } else {
          r = RUNE_ERROR;
        }
      } else if (r >= 0xDC00 && r < 0xE000) {
        r = RUNE_ERROR;
      }
      put_utf8(&b, r);
      break;
    }
    default: sb_putc(&b, c);
    }
  }
  *endp = p + 1;
  *len = b.len;
  return b.data ? b.data : "";
}

static const char *ws(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
  return p;
}

static JNode *parse(const char **pp);
typedef struct ParseHop { const char **pp; JNode *j; } ParseHop;
static void parse_hop(void *p) { ParseHop *h = p; h->j = parse(h->pp); }

static JNode *parse_node(const char **pp);

/* Parse one value at *pp (validated input), recording its text. */
static JNode *parse(const char **pp) {
  if (vm_cstack_low()) {
    ParseHop h = {pp, NULL};
    vm_cstack_hop(parse_hop, &h);
    return h.j;
  }
  const char *start = ws(*pp);
  *pp = start;
  JNode *j = parse_node(pp);
  j->raw = start;
  j->rawlen = (size_t)(*pp - start);
  return j;
}

static JNode *parse_node(const char **pp) {
  const char *p = *pp;
  JNode *j = NEW(JNode);
  switch (*p) {
  case '{': {
    j->kind = J_OBJ;
    int cap = 0;
    p = ws(p + 1);
    if (*p == '}') {
      *pp = p + 1;
      return j;
    }
    for (;;) {
      p = ws(p);
      size_t kl;
      const char *k = parse_str(p, &kl, &p);
      p = ws(p) + 1;   /* ':' */
      JNode *v = parse(&p);
      if (j->n == cap) {
        cap = cap ? cap * 2 : 4;
        JNode **ni = NEW_ARRAY(JNode *, cap);
        const char **nk = NEW_ARRAY(const char *, cap);
        size_t *nl = GC_MALLOC_ATOMIC(sizeof(size_t) * (size_t)cap);
        for (int i = 0; i < j->n; i++) ni[i] = j->items[i], nk[i] = j->keys[i], nl[i] = j->klens[i];
        j->items = ni, j->keys = nk, j->klens = nl;
      }
      j->items[j->n] = v;
      j->keys[j->n] = k;
      j->klens[j->n] = kl;
      j->n++;
      p = ws(p);
      if (*p == ',') {
        p++;
        continue;
      }
      *pp = p + 1;
      return j;
    }
  }
  case '[': {
    j->kind = J_ARR;
    int cap = 0;
    p = ws(p + 1);
    if (*p == ']') {
      *pp = p + 1;
      return j;
    }
    for (;;) {
      JNode *v = parse(&p);
      if (j->n == cap) {
        cap = cap ? cap * 2 : 4;
        JNode **ni = NEW_ARRAY(JNode *, cap);
        for (int i = 0; i < j->n; i++) ni[i] = j->items[i];
        j->items = ni;
      }
      j->items[j->n++] = v;
      p = ws(p);
      if (*p == ',') {
        p++;
        continue;
      }
      *pp = p + 1;
      return j;
    }
  }
  case '"':
    j->kind = J_STR;
    j->s = parse_str(p, &j->slen, &p);
    *pp = p;
    return j;
  case 't': j->kind = J_BOOL; j->b = true; *pp = p + 4; return j;
  case 'f': j->kind = J_BOOL; j->b = false; *pp = p + 5; return j;
  case 'n': j->kind = J_NULL; *pp = p + 4; return j;
  default: {
    const char *st = p;
    if (*p == '-') p++;
    while (isdig(*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-') p++;
    j->kind = J_NUM;
    j->s = GC_STRNDUP(st, (size_t)(p - st));
    j->slen = (size_t)(p - st);
    *pp = p;
    return j;
  }
  }
}

typedef struct Dec {
  Fiber *f;
  Value err;               /* first UnmarshalTypeError, or the error that stopped decoding */
  bool stop;               /* an UnmarshalJSON failed: Go returns at once, decodes no more */
  bool panicked;           /* an UnmarshalJSON panicked (f->panic has it); stop is set too */
  bool use_number;         /* Decoder.UseNumber: numbers in interfaces are json.Number */
  bool disallow_unknown;   /* Decoder.DisallowUnknownFields */
  const char *struct_name; /* error context */
  StrBuf field;            /* dotted JSON field path */
} Dec;

static const char *jkind_name(JNode *j) {
  switch (j->kind) {
  case J_BOOL: return "bool";
  case J_NUM: return "number";
  case J_STR: return "string";
  case J_ARR: return "array";
  case J_OBJ: return "object";
  default: return "null";
  }
}

/* *json.UnmarshalTypeError: a value's kind does not fit the Go type. */
typedef struct TypeErr {
  const char *value;   /* "string", "number 300" */
  Type *type;
  const char *strct, *field;   /* NULL outside a struct field */
} TypeErr;

static NativeClass typeerr_cls = {"*json.UnmarshalTypeError", NULL, NULL, NULL};

static int typeerr_error(Fiber *f, Value *args, int nargs, Value *res) {
  TypeErr *e = nargs > 0 ? native_data_of(args[0], &typeerr_cls) : NULL;
  StrBuf m;
  sb_init(&m);
  if (e && e->strct)
    sb_printf(&m, "json: cannot unmarshal %s into Go struct field %s.%s of type %s", e->value,
              e->strct, e->field, type_str(e->type));
  else if (e)
    sb_printf(&m, "json: cannot unmarshal %s into Go value of type %s", e->value,
              type_str(e->type));
  res[0] = sb_value(&m);
  return 1;
}

/* Go's addErrorContext: the struct field being decoded, if any. */
static void typeerr_context(Dec *d, TypeErr *e) {
  if (d->struct_name && d->field.len) {
    e->strct = d->struct_name;
    e->field = GC_STRNDUP(d->field.data, d->field.len);
  }
}

static void unm_type_error(Dec *d, const char *what, Type *t) {
  if (!IS_NIL(d->err)) return;
  TypeErr *e = NEW(TypeErr);
  e->value = GC_STRDUP(what);
  e->type = t;
  typeerr_context(d, e);
  d->err = obj_new(&typeerr_cls, e);
}

static Value generic(JNode *j, bool num);
typedef struct GenHop { JNode *j; bool num; Value v; } GenHop;
static void gen_hop(void *p) { GenHop *h = p; h->v = generic(h->j, h->num); }

/* A JSON value as Go stores it in an interface{}; num: numbers as json.Number. */
static Value generic(JNode *j, bool num) {
  if (vm_cstack_low()) {
    GenHop h = {j, num, NIL_VAL};
    vm_cstack_hop(gen_hop, &h);
    return h.v;
  }
  switch (j->kind) {
  case J_NULL: return NIL_VAL;
  case J_BOOL: return BOOL_VAL(j->b);
  case J_NUM:
    if (num) return value_coerce(number_type, mk_str(j->s, j->slen));
    return FLOAT_VAL(strtod(j->s, NULL));
  case J_STR: return mk_str(j->s, j->slen);
  case J_ARR: {
    Value *vs = NEW_ARRAY(Value, j->n + 1);
    for (int i = 0; i < j->n; i++) vs[i] = generic(j->items[i], num);
    return mk_slice(type_any, vs, j->n);
  }
  default: {
    ObjMap *m = map_new(type_map(type_string, type_any), j->n);
    for (int i = 0; i < j->n; i++) {
      const char *e;
      map_set(m, mk_str(j->keys[i], j->klens[i]), generic(j->items[i], num), &e);
    }
    return OBJ_VAL(VAL_MAP, m);
  }
  }
}

static bool decode_base64(const char *s, size_t n, StrBuf *out) {
  uint32_t acc = 0;
  int bits = 0;
  size_t i = 0;
  for (; i < n; i++) {
    char c = s[i];
    if (c == '=') break;
    const char *q = c ? strchr(b64, c) : NULL;
    if (!q) return false;
    acc = (acc << 6) | (uint32_t)(q - b64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      sb_putc(out, (char)((acc >> bits) & 0xFF));
    }
  }
  return true;
}

/* Decode j into a value of type t; cur is the current value (kept for null
** and for existing maps/structs). */
static Value decode(Dec *d, JNode *j, Type *t, Value cur);

static bool int_range(Type *u, int64_t v, uint64_t uv, bool neg) {
  switch (u->kind) {
  case TY_INT8: return v >= -128 && v <= 127;
  case TY_INT16: return v >= -32768 && v <= 32767;
  case TY_INT32: return v >= INT32_MIN && v <= INT32_MAX;
  case TY_UINT8: return !neg && uv <= 255;
  case TY_UINT16: return !neg && uv <= 65535;
  case TY_UINT32: return !neg && uv <= UINT32_MAX;
  case TY_UINT: case TY_UINT64: case TY_UINTPTR: return !neg;
  default: return true;
  }
}

static Value decode_struct(Dec *d, JNode *j, Type *t, Value cur) {
  ObjStruct *s;
  if (cur.kind == VAL_STRUCT && cur.as.p) s = cur.as.p;
  else s = struct_new(t);
  FieldList *fl = fields_of(s->type ? s->type : t);
  const char *saved_struct = d->struct_name;
  size_t saved_len = d->field.len;
  const char *tn = t->name ? t->name : "";
  const char *dot = strrchr(tn, '.');
  for (int i = 0; i < j->n; i++) {
    const char *k = j->keys[i];
    size_t kl = j->klens[i];
    FieldInfo *fi = NULL;
    for (int q = 0; q < fl->n; q++)
      if (strlen(fl->v[q].name) == kl && memcmp(fl->v[q].name, k, kl) == 0) {
        fi = &fl->v[q];
        break;
      }
    if (!fi)
      for (int q = 0; q < fl->n; q++)
        if (strlen(fl->v[q].name) == kl && strncasecmp(fl->v[q].name, k, kl) == 0) {
          fi = &fl->v[q];
          break;
        }
    if (!fi) {
      if (d->disallow_unknown && IS_NIL(d->err)) {
        StrBuf m;
        sb_init(&m);
        sb_puts(&m, "json: unknown field ");
        fmt_quote(&m, k, kl, false);
        d->err = mk_error(m.data);
      }
      continue;
    }
    ObjStruct *o = field_owner(s, fi, true);
    if (!o) continue;
    d->struct_name = dot ? dot + 1 : tn;
    d->field.len = saved_len;
    if (saved_len) sb_putc(&d->field, '.');
    sb_puts(&d->field, fi->name);
    JNode *jv = j->items[i];
    if (fi->quoted && jv->kind == J_STR) {
      /* ",string": the value is inside the string */
      Type *fu = under(fi->type);
      if (fu->kind != TY_STRING) {
        const char *p = jv->s;
        Scan sc = {.p = jv->s, .n = jv->slen};
        if (scan_all(&sc)) jv = parse(&p);
      }
    }
    o->f[fi->index] = value_coerce(fi->type, decode(d, jv, fi->type, o->f[fi->index]));
  }
  d->struct_name = saved_struct;
  d->field.len = saved_len;
  if (d->field.data) d->field.data[saved_len] = 0;
  return OBJ_VAL(VAL_STRUCT, s);
}

/* A JSON array into a slice, as Go does it: the existing elements (up to the
** capacity) are decoded into, the array grows by cap/2 (at least 4) when
** needed, and the result has the JSON array's length (after an UnmarshalJSON
** error: the elements reached so far, at least the old length). */
static Value decode_slice(Dec *d, JNode *j, Type *t, Value cur) {
  Type *et = under(t)->elem;
  ObjSlice *old = cur.kind == VAL_SLICE ? cur.as.p : NULL;
  ObjArray *arr = old ? old->arr : NULL;
  int64_t off = old ? old->off : 0, len = old ? old->len : 0, cap = old ? old->cap : 0;
  if (j->n > cap) {
    int64_t nc = cap;
    while (nc < j->n) nc = nc + nc / 2 < 4 ? 4 : nc + nc / 2;
    ObjArray *na = array_new(et, nc);
    for (int64_t i = 0; i < cap; i++) na->v[i] = arr->v[off + i];
    arr = na;
    off = 0;
    cap = nc;
  }
  int64_t n = j->n;
  for (int64_t i = 0; i < j->n; i++) {
    Value *slot = &arr->v[off + i];
    *slot = value_coerce(et, decode(d, j->items[i], et, *slot));
    if (d->stop) {
      n = i + 1 > len ? i + 1 : len;
      break;
    }
  }
  Value s;
  if (n == 0) s = slice_make(et, 0, 0);
  else s = OBJ_VAL(VAL_SLICE, slice_new(arr, off, n, cap));
  s.aux = t->id;
  return s;
}

typedef struct DecHop { Dec *d; JNode *j; Type *t; Value cur, v; } DecHop;
static void dec_hop(void *p) { DecHop *h = p; h->v = decode(h->d, h->j, h->t, h->cur); }

/* Go's Time.UnmarshalJSON: null leaves the Time alone; anything else is
** parsed, quotes included, as "RFC 3339" (a number fails with time's
** ParseError). A failure sets the zero Time and stops the decoding. */
static Value decode_time(Dec *d, JNode *j, Value cur) {
  if (j->kind == J_NULL) return cur;
  StrBuf raw;
  sb_init(&raw);
  switch (j->kind) {
  case J_STR: put_string(&raw, j->s, j->slen); break;
  case J_NUM: sb_putn(&raw, j->s, j->slen); break;
  case J_BOOL: sb_puts(&raw, j->b ? "true" : "false"); break;
  default: sb_puts(&raw, j->kind == J_ARR ? "[" : "{"); break;   /* fails at the first byte */
  }
  Value t, err;
  if (!time_unmarshal_json(sb_cstr(&raw), raw.len, &t, &err)) {
    d->err = err;
    d->stop = true;
  }
  return t;
}

/* json.RawMessage: a copy of the value's text ("null" included). */
static Value decode_raw(JNode *j) {
  Value v = mk_bytes(j->raw, j->rawlen);
  v.aux = raw_type->id;
  return v;
}

/* Go's isValidNumber: the JSON number grammar, nothing around it. */
static bool valid_number(const char *p, size_t n) {
  if (n == 0 || (p[0] != '-' && !isdig(p[0]))) return false;
  Scan s = {.p = p, .n = n};
  return scan_number(&s) && s.i == n;
}

/* json.Number: a JSON number's digits, or a string holding a valid number
** (else Go fails at once, like an UnmarshalJSON error). */
static Value decode_number(Dec *d, JNode *j, Value cur) {
  if (j->kind == J_NUM) return value_coerce(number_type, mk_str(j->s, j->slen));
  if (j->kind == J_NULL) return cur;
  if (j->kind != J_STR) {
    unm_type_error(d, jkind_name(j), number_type);
    return cur;
  }
  if (!valid_number(j->s, j->slen)) {
    StrBuf m;
    sb_init(&m);
    sb_puts(&m, "json: invalid number literal, trying to unmarshal ");
    fmt_quote(&m, j->raw, j->rawlen, false);
    sb_puts(&m, " into Number");
    d->err = mk_error(m.data);
    d->stop = true;
    return cur;
  }
  return value_coerce(number_type, mk_str(j->s, j->slen));
}

/* Where *T's UnmarshalJSON is, by static types as Go's method sets are:
** declared on T (n == 0) or promoted through the embedded fields path[0..n). */
typedef struct UnmSite {
  const Method *m;
  int n;
  int path[8];
} UnmSite;

/* Methods found exactly `level` embeddings below t (cur: the path so far). */
static int unm_at(Type *t, int level, UnmSite *cur, UnmSite *found) {
  if (level == 0) {
    const Method *m = t->name ? type_find_method(t, "UnmarshalJSON") : NULL;
    if (!m) return 0;
    *found = *cur;
    found->m = m;
    return 1;
  }
  Type *u = under(t);
  if (!u || u->kind != TY_STRUCT) return 0;
  int count = 0;
  for (int i = 0; i < u->nfields; i++) {
    Type *ft = u->fields[i].type;
    if (!u->fields[i].embedded || !ft) continue;
    if (ft->kind == TY_PTR && !ft->name) ft = ft->elem;
    cur->path[cur->n++] = i;
    count += unm_at(ft, level - 1, cur, found);
    cur->n--;
  }
  return count;
}

/* Does *T have UnmarshalJSON? The shallowest one wins; two at the same depth
** cancel out (Go's ambiguous selector). */
static bool find_unmarshaler(Type *t, UnmSite *site) {
  Type *u = under(t);
  if (!u || u->kind == TY_INTERFACE || u->kind == TY_PTR) return false;
  bool embeds = false;
  if (u->kind == TY_STRUCT)
    for (int i = 0; i < u->nfields && !embeds; i++) embeds = u->fields[i].embedded;
  for (int level = 0; level < (embeds ? 8 : 1); level++) {
    UnmSite cur = {.n = 0};
    int c = unm_at(t, level, &cur, site);
    if (c == 1) return true;
    if (c > 1) return false;
  }
  return false;
}

/* The receiver for a promoted method: walk the embedded fields from struct s
** (of type t). False (a nil pointer panic raised) on a nil embedded pointer. */
static bool promoted_recv(Dec *d, ObjStruct *s, Type *t, UnmSite *site, Value *recv) {
  ObjStruct *o = s;
  Type *ot = t;
  for (int k = 0; k < site->n; k++) {
    int idx = site->path[k];
    Type *ft = under(ot)->fields[idx].type;
    bool is_ptr = ft->kind == TY_PTR && !ft->name;
    Value fv = o->f[idx], x = fv;
    if (is_ptr && (!fv.as.p || !ptr_load(fv, &x))) {
      vm_runtime_error(d->f, "invalid memory address or nil pointer dereference");
      return false;
    }
    if (k == site->n - 1) {
      if (site->m->ptr_recv) *recv = is_ptr ? fv : PTR_VAL(PTR_FIELD, o, idx);
      else *recv = value_copy(x);
      return true;
    }
    if (x.kind != VAL_STRUCT || !x.as.p) return false;
    o = x.as.p;
    ot = is_ptr ? ft->elem : ft;
  }
  return false;
}

/* Go's indirect() finding an Unmarshaler: the method gets a pointer to the
** value being decoded (the struct object itself, or a cell holding the value,
** read back afterwards) and the value's raw text, null included. Its error
** stops the decoding and is what Unmarshal returns. */
static Value decode_method(Dec *d, JNode *j, Type *t, Value cur, UnmSite *site) {
  Type *u = under(t);
  ObjStruct *s = NULL;
  Cell *c = NULL;
  Value recv;
  if (u->kind == TY_STRUCT) {
    s = cur.kind == VAL_STRUCT && cur.as.p ? cur.as.p : struct_new(t);
    cur = OBJ_VAL(VAL_STRUCT, s);
    recv = PTR_VAL(PTR_STRUCT, s, 0);
  } else {
    Value v = cur.kind == VAL_NIL ? type_zero(t) : value_coerce(t, cur);
    if (v.kind == VAL_SLICE || v.kind == VAL_MAP) v.aux = t->id;
    c = cell_new(v);
    recv = PTR_VAL(PTR_CELL, c, 0);
  }
  if (site->n > 0) {
    if (!promoted_recv(d, s, t, site, &recv)) {
      d->panicked = d->stop = true;
      return cur;
    }
  } else if (!site->m->ptr_recv) {
    recv = value_copy(s ? cur : c->v);
  }
  Value args[2] = {recv, mk_bytes(j->raw, j->rawlen)};
  Value r[1] = {NIL_VAL};
  int k = vm_call(d->f, site->m->fn, args, 2, r, 1);
  if (k == NATIVE_PANIC) {
    d->panicked = d->stop = true;
  } else if (k >= 1 && !IS_NIL(r[0])) {
    /* Go returns the method's error, adding the field context to an
    ** *UnmarshalTypeError (from a nested Unmarshal) in place */
    TypeErr *te = native_data_of(r[0], &typeerr_cls);
    if (te) typeerr_context(d, te);
    d->err = r[0];
    d->stop = true;
  }
  if (s) return cur;
  Value v = value_coerce(t, c->v);
  if (v.kind == VAL_SLICE || v.kind == VAL_MAP) v.aux = t->id;
  return v;
}

static Value decode(Dec *d, JNode *j, Type *t, Value cur) {
  if (vm_cstack_low()) {
    DecHop h = {d, j, t, cur, NIL_VAL};
    vm_cstack_hop(dec_hop, &h);
    return h.v;
  }
  if (d->stop) return cur;
  if (time_is_time_type(t)) return decode_time(d, j, cur);
  Type *u = under(t);
  if (!u) return generic(j, d->use_number);
  if (t == raw_type) return decode_raw(j);
  if (t == number_type) return decode_number(d, j, cur);
  UnmSite site;
  if (find_unmarshaler(t, &site)) return decode_method(d, j, t, cur, &site);
  if (u->kind == TY_INTERFACE) {
    if (u->nimethods == 0) return generic(j, d->use_number);
    if (j->kind == J_NULL) return NIL_VAL;
    unm_type_error(d, jkind_name(j), t);
    return cur;
  }
  if (j->kind == J_NULL) {
    switch (u->kind) {
    case TY_PTR: case TY_SLICE: case TY_MAP: return type_zero(t);
    default: return cur;
    }
  }
  switch (u->kind) {
  case TY_PTR: {
    Type *et = u->elem;
    Value inner = NIL_VAL;
    if (cur.kind == VAL_PTR && cur.as.p) {
      ptr_load(cur, &inner);
      Value nv = decode(d, j, et, inner);
      if (cur.pk != PTR_STRUCT) ptr_store(cur, value_coerce(et, nv));
      return cur;
    }
    if (under(et) && under(et)->kind == TY_STRUCT) {
      Value sv = decode(d, j, et, NIL_VAL);
      return PTR_VAL(PTR_STRUCT, sv.as.p, 0);
    }
    Value nv = decode(d, j, et, type_zero(et));
    Value p = PTR_VAL(PTR_CELL, cell_new(value_coerce(et, nv)), 0);
    p.aux = 0;
    return p;
  }
  case TY_BOOL:
    if (j->kind != J_BOOL) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    return value_coerce(t, BOOL_VAL(j->b));
  case TY_STRING:
    if (j->kind != J_STR) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    return value_coerce(t, mk_str(j->s, j->slen));
  case TY_FLOAT32: case TY_FLOAT64:
    if (j->kind != J_NUM) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    return value_coerce(t, FLOAT_VAL(strtod(j->s, NULL)));
  case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
  case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR: {
    if (j->kind != J_NUM) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    bool neg = j->s[0] == '-';
    bool integral = !strpbrk(j->s, ".eE");
    errno = 0;
    int64_t v = 0;
    uint64_t uv = 0;
    if (integral) {
      if (neg) v = strtoll(j->s, NULL, 10);
      else {
        uv = strtoull(j->s, NULL, 10);
        v = (int64_t)uv;
        if (u->kind != TY_UINT && u->kind != TY_UINT64 && u->kind != TY_UINTPTR &&
            uv > (uint64_t)INT64_MAX)
          errno = ERANGE;
      }
    }
    if (!integral || errno == ERANGE || !int_range(u, v, uv, neg)) {
      StrBuf m;
      sb_init(&m);
      sb_printf(&m, "number %s", j->s);
      unm_type_error(d, m.data, t);
      return cur;
    }
    return value_coerce(t, INT_VAL(v));
  }
  case TY_SLICE: {
    Type *et = u->elem;
    if (j->kind == J_STR && et && under(et)->kind == TY_UINT8) {
      StrBuf b;
      sb_init(&b);
      if (!decode_base64(j->s, j->slen, &b)) {
        if (IS_NIL(d->err)) d->err = mk_error("illegal base64 data at input byte 0");
        return cur;
      }
      Value s = slice_make(et, (int64_t)b.len, (int64_t)b.len);
      ObjSlice *sl = s.as.p;
      for (size_t i = 0; i < b.len; i++) sl->arr->v[sl->off + i] = value_coerce(et, INT_VAL((unsigned char)b.data[i]));
      s.aux = t->id;
      return s;
    }
    if (j->kind != J_ARR) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    return decode_slice(d, j, t, cur);
  }
  case TY_ARRAY: {
    if (j->kind != J_ARR) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    /* Go decodes into the array's elements and zeroes those past the JSON
    ** array (unless an UnmarshalJSON error stopped it first) */
    ObjArray *a = cur.kind == VAL_ARRAY && cur.as.p && ((ObjArray *)cur.as.p)->len == u->len
                      ? cur.as.p : array_new(u->elem, u->len);
    for (int64_t i = 0; i < u->len && i < j->n && !d->stop; i++)
      a->v[i] = value_coerce(u->elem, decode(d, j->items[i], u->elem, a->v[i]));
    for (int64_t i = j->n; i < u->len && !d->stop; i++) a->v[i] = type_zero(u->elem);
    Value v = OBJ_VAL(VAL_ARRAY, a);
    v.aux = cur.kind == VAL_ARRAY ? cur.aux : 0;
    return v;
  }
  case TY_MAP: {
    if (j->kind != J_OBJ) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    ObjMap *m = cur.kind == VAL_MAP && cur.as.p ? cur.as.p : map_new(t, j->n);
    Type *kt = u->key, *vt = u->elem;
    Type *ku = under(kt);
    for (int i = 0; i < j->n; i++) {
      Value key;
      if (ku->kind == TY_STRING) {
        key = value_coerce(kt, mk_str(j->keys[i], j->klens[i]));
      } else if (ku->kind >= TY_INT && ku->kind <= TY_UINTPTR) {
        char *end;
        const char *ks = GC_STRNDUP(j->keys[i], j->klens[i]);
        long long kv = strtoll(ks, &end, 10);
        if (*end || !*ks) {
          StrBuf m2;
          sb_init(&m2);
          sb_printf(&m2, "number %s", ks);
          unm_type_error(d, m2.data, kt);
          continue;
        }
        key = value_coerce(kt, INT_VAL(kv));
      } else {
        unm_type_error(d, "object", t);
        return cur;
      }
      Value nv = decode(d, j->items[i], vt, type_zero(vt));   /* Go starts from zero */
      if (d->stop) break;   /* Go returns before storing the value */
      const char *e;
      map_set(m, key, value_coerce(vt, nv), &e);
    }
    return OBJ_VAL(VAL_MAP, m);
  }
  case TY_STRUCT:
    if (j->kind != J_OBJ) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    return decode_struct(d, j, t, cur);
  default:
    unm_type_error(d, jkind_name(j), t);
    return cur;
  }
}

/* }==================================================================== */

/* {====================================================================
** Package functions
** ===================================================================== */

static Type *bytes_type;

static int marshal_common(Fiber *f, Value v, Value *res, const char *prefix, const char *indent) {
  Enc e = {.f = f, .err = NIL_VAL};
  sb_init(&e.b);
  encode(&e, v);
  if (e.panicked) return NATIVE_PANIC;
  if (!IS_NIL(e.err)) {
    res[0] = type_zero(bytes_type);
    res[1] = e.err;
    return 2;
  }
  if (indent) {
    StrBuf o;
    sb_init(&o);
    indent_into(&o, e.b.data ? e.b.data : "", e.b.len, prefix, indent);
    res[0] = mk_bytes(o.data ? o.data : "", o.len);
  } else {
    res[0] = mk_bytes(e.b.data ? e.b.data : "", e.b.len);
  }
  res[1] = NIL_VAL;
  return 2;
}

static int j_marshal(Fiber *f, Value *args, int nargs, Value *res) {
  return marshal_common(f, nargs > 0 ? args[0] : NIL_VAL, res, NULL, NULL);
}

#define FNAME "json.MarshalIndent"
static int j_marshalindent(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_COUNT(3);
  ARG_STR(1, prefix);
  ARG_STR(2, indent);
  return marshal_common(f, args[0], res, prefix->data, indent->data);
}
#undef FNAME

static Value syntax_error(Scan *s) { return mk_error(s->msg); }

/* Unmarshal data into *target; use_number/disallow: the Decoder's options.
** Returns 1 (res[0] = the error or nil) or NATIVE_PANIC. */
static int unmarshal_into(Fiber *f, const char *data, size_t n, Value target, Value *res,
                          bool use_number, bool disallow) {
  Scan s = {.p = data, .n = n};
  if (!scan_all(&s)) {
    res[0] = syntax_error(&s);
    return 1;
  }
  Type *tt = value_type(target);
  if (target.kind != VAL_PTR || !target.as.p) {
    StrBuf m;
    sb_init(&m);
    if (target.kind == VAL_NIL) sb_puts(&m, "json: Unmarshal(nil)");
    else if (target.kind != VAL_PTR) sb_printf(&m, "json: Unmarshal(non-pointer %s)", type_str(tt));
    else sb_printf(&m, "json: Unmarshal(nil %s)", type_str(tt));
    res[0] = mk_error(m.data);
    return 1;
  }
  Value cur;
  if (!ptr_load(target, &cur)) cur = NIL_VAL;
  /* the static type of the pointee: from the pointer's type if known, else
  ** from the current value (an untyped nil interface decodes generically) */
  Type *et = NULL;
  if (target.pk == PTR_FIELD) {
    ObjStruct *st = target.as.p;
    Type *su = under(st->type);
    if (su && su->kind == TY_STRUCT && (int)target.aux < su->nfields) et = su->fields[target.aux].type;
  } else if (target.pk == PTR_ELEM) {
    et = ((ObjArray *)target.as.p)->elem;
  } else if (target.pk == PTR_STRUCT) {
    et = ((ObjStruct *)target.as.p)->type;
  }
  if (!et) et = cur.kind == VAL_NIL ? type_any : value_type(cur);
  const char *p = data;
  JNode *j = parse(&p);
  Dec d = {.f = f, .err = NIL_VAL, .use_number = use_number, .disallow_unknown = disallow};
  sb_init(&d.field);
  Value nv = decode(&d, j, et, cur);
  if (d.panicked) return NATIVE_PANIC;
  if (target.pk == PTR_STRUCT) {
    if (nv.kind == VAL_STRUCT && nv.as.p != target.as.p) ptr_store(target, nv);
  } else {
    ptr_store(target, value_coerce(et, nv));
  }
  res[0] = d.err;
  return 1;
}

static int j_unmarshal(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (nargs < 2 || !bytes_of(args[0], &b))
    return arg_error(f, "json.Unmarshal", 0, "[]byte", nargs > 0 ? args[0] : NIL_VAL);
  return unmarshal_into(f, b.data ? b.data : "", b.len, args[1], res, false, false);
}

static int j_valid(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (nargs < 1 || !bytes_of(args[0], &b))
    return arg_error(f, "json.Valid", 0, "[]byte", nargs > 0 ? args[0] : NIL_VAL);
  Scan s = {.p = b.data ? b.data : "", .n = b.len};
  res[0] = BOOL_VAL(scan_all(&s));
  return 1;
}

/* The *bytes.Buffer-like destination of Indent/Compact: anything with Write. */
static int write_out(Fiber *f, Value w, StrBuf *o) {
  Value err = NIL_VAL;
  int k = stdlib_write_to(f, w, o->data ? o->data : "", o->len, &err);
  return k == NATIVE_PANIC ? NATIVE_PANIC : 0;
}

static int j_compact(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b, o;
  sb_init(&b);
  sb_init(&o);
  if (nargs < 2 || !bytes_of(args[1], &b))
    return arg_error(f, "json.Compact", 1, "[]byte", nargs > 1 ? args[1] : NIL_VAL);
  if (!compact_into(&o, b.data ? b.data : "", b.len, false, NULL)) {
    Scan s = {.p = b.data ? b.data : "", .n = b.len};
    scan_all(&s);
    res[0] = syntax_error(&s);
    return 1;
  }
  if (write_out(f, args[0], &o) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = NIL_VAL;
  return 1;
}

static int j_indent(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b, o;
  sb_init(&b);
  sb_init(&o);
  if (nargs < 4 || !bytes_of(args[1], &b) || args[2].kind != VAL_STR || args[3].kind != VAL_STR)
    return arg_error(f, "json.Indent", 1, "[]byte", nargs > 1 ? args[1] : NIL_VAL);
  Scan s = {.p = b.data ? b.data : "", .n = b.len};
  if (!scan_all(&s)) {
    res[0] = syntax_error(&s);
    return 1;
  }
  indent_into(&o, b.data ? b.data : "", b.len, AS_STR(args[2])->data, AS_STR(args[3])->data);
  if (write_out(f, args[0], &o) == NATIVE_PANIC) return NATIVE_PANIC;
  res[0] = NIL_VAL;
  return 1;
}

/* ---- Encoder / Decoder ---- */

typedef struct JEncoder {
  Value w;
  const char *prefix, *indent;
} JEncoder;

typedef struct JDecoder {
  Value r;
  StrBuf buf;     /* bytes read, not yet decoded */
  size_t pos;
  Value err;      /* sticky read error */
  bool use_number, disallow_unknown;
} JDecoder;

int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) __attribute__((weak));

static NativeClass encoder_cls = {"*json.Encoder", NULL, NULL, NULL};
static NativeClass decoder_cls = {"*json.Decoder", NULL, NULL, NULL};

static void *obj_of(Value v, const NativeClass *cls) { return native_data_of(v, cls); }

static int j_newencoder(Fiber *f, Value *args, int nargs, Value *res) {
  JEncoder *e = NEW(JEncoder);
  e->w = nargs > 0 ? args[0] : NIL_VAL;
  res[0] = obj_new(&encoder_cls, e);
  return 1;
}

static int enc_encode(Fiber *f, Value *args, int nargs, Value *res) {
  JEncoder *je = obj_of(args[0], &encoder_cls);
  if (!je) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  Enc e = {.f = f, .err = NIL_VAL};
  sb_init(&e.b);
  encode(&e, nargs > 1 ? args[1] : NIL_VAL);
  if (e.panicked) return NATIVE_PANIC;
  if (!IS_NIL(e.err)) {
    res[0] = e.err;
    return 1;
  }
  StrBuf o;
  sb_init(&o);
  if (je->indent) indent_into(&o, e.b.data ? e.b.data : "", e.b.len, je->prefix, je->indent);
  else sb_putn(&o, e.b.data ? e.b.data : "", e.b.len);
  sb_putc(&o, '\n');
  Value err = NIL_VAL;
  int k = net_write_to ? net_write_to(f, je->w, o.data, o.len, &err)
                       : stdlib_write_to(f, je->w, o.data, o.len, &err);
  if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK: Encode re-runs */
  res[0] = err;
  return 1;
}

static int enc_setindent(Fiber *f, Value *args, int nargs, Value *res) {
  JEncoder *je = obj_of(args[0], &encoder_cls);
  if (!je || nargs < 3 || args[1].kind != VAL_STR || args[2].kind != VAL_STR) return 0;
  je->prefix = AS_STR(args[1])->data;
  je->indent = AS_STR(args[2])->data;
  return 0;
}

static int j_newdecoder(Fiber *f, Value *args, int nargs, Value *res) {
  JDecoder *d = NEW(JDecoder);
  d->r = nargs > 0 ? args[0] : NIL_VAL;
  sb_init(&d->buf);
  d->err = NIL_VAL;
  res[0] = obj_new(&decoder_cls, d);
  return 1;
}

static int dec_usenumber(Fiber *f, Value *args, int nargs, Value *res) {
  JDecoder *d = obj_of(args[0], &decoder_cls);
  if (!d) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  d->use_number = true;
  return 0;
}

static int dec_disallow(Fiber *f, Value *args, int nargs, Value *res) {
  JDecoder *d = obj_of(args[0], &decoder_cls);
  if (!d) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  d->disallow_unknown = true;
  return 0;
}

/* Length of the first complete JSON value in p[0..n) (after whitespace), 0 if
** incomplete, -1 on a syntax error (s has it). */
static int64_t first_value(const char *p, size_t n, Scan *s) {
  s->p = p;
  s->n = n;
  s->i = 0;
  s->bad = false;
  if (!scan_value(s, 0)) {
    if (s->i >= n) return 0;   /* ran out: need more */
    return -1;
  }
  /* a number at the end might continue */
  char c = p[s->i - 1];
  if (s->i >= n && (isdig(c) || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'))
    return 0;
  return (int64_t)s->i;
}

static int dec_decode(Fiber *f, Value *args, int nargs, Value *res) {
  JDecoder *d = obj_of(args[0], &decoder_cls);
  if (!d) {
    vm_runtime_error(f, "invalid memory address or nil pointer dereference");
    return NATIVE_PANIC;
  }
  for (;;) {
    /* drop leading whitespace */
    while (d->pos < d->buf.len && strchr(" \t\r\n", d->buf.data[d->pos]) && d->buf.data[d->pos]) d->pos++;
    Scan s;
    memset(&s, 0, sizeof s);
    int64_t L = d->pos < d->buf.len ? first_value(d->buf.data + d->pos, d->buf.len - d->pos, &s) : 0;
    if (L < 0) {
      res[0] = syntax_error(&s);
      return 1;
    }
    if (L > 0 || (!IS_NIL(d->err) && d->pos < d->buf.len)) {
      if (L == 0) L = (int64_t)(d->buf.len - d->pos);
      const char *p = d->buf.data + d->pos;
      d->pos += (size_t)L;
      int k = unmarshal_into(f, p, (size_t)L, nargs > 1 ? args[1] : NIL_VAL, res, d->use_number,
                             d->disallow_unknown);
      if (d->pos > 65536 && d->pos * 2 > d->buf.len) {
        memmove(d->buf.data, d->buf.data + d->pos, d->buf.len - d->pos);
        d->buf.len -= d->pos;
        d->pos = 0;
      }
      return k;
    }
    if (!IS_NIL(d->err)) {
      res[0] = d->err;
      return 1;
    }
    sb_reserve(&d->buf, 4096);
    Value err;
    int k = ext_read(f, d->r, d->buf.data + d->buf.len, 4096, &err);
    if (k < 0) return k;   /* NATIVE_PANIC, or NATIVE_PARK: re-run when readied */
    d->buf.len += (size_t)k;
    if (!IS_NIL(err)) {
      Value eof = io_eof_value();
      bool is_eof = err.kind == eof.kind && err.as.p == eof.as.p;
      if (is_eof && d->pos < d->buf.len) {
        const PkgMember *m = api_lookup("io", "ErrUnexpectedEOF");
        err = m && m->kind == MEMBER_VAR ? vm_globals[m->global] : mk_error("unexpected EOF");
      }
      d->err = err;
    }
  }
}

/* ---- RawMessage and Number methods ---- */

static int raw_marshaljson(Fiber *f, Value *args, int nargs, Value *res) {
  Value m = nargs > 0 ? args[0] : NIL_VAL;
  if (m.kind != VAL_SLICE || !m.as.p) {
    res[0] = mk_bytes("null", 4);
  } else {
    res[0] = m;
    res[0].aux = bytes_type->id;
  }
  res[1] = NIL_VAL;
  return 2;
}

static int raw_unmarshaljson(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (nargs < 2 || args[0].kind != VAL_PTR || !args[0].as.p) {
    res[0] = mk_error("json.RawMessage: UnmarshalJSON on nil pointer");
    return 1;
  }
  bytes_of(args[1], &b);
  Value v = mk_bytes(b.data ? b.data : "", b.len);
  v.aux = raw_type->id;
  ptr_store(args[0], v);
  res[0] = NIL_VAL;
  return 1;
}

static int num_string(Fiber *f, Value *args, int nargs, Value *res) {
  res[0] = nargs > 0 && args[0].kind == VAL_STR ? args[0] : mk_str("", 0);
  res[0].aux = 0;
  return 1;
}

/* Number.Int64 / Float64 are strconv.ParseInt(n, 10, 64) / ParseFloat(n, 64):
** call strconv's natives for their exact results and *NumError values. */
static int num_parse(Fiber *f, Value *args, int nargs, Value *res, bool is_float) {
  const PkgMember *m = api_lookup("strconv", is_float ? "ParseFloat" : "ParseInt");
  if (!m || m->kind != MEMBER_VALUE) {
    vm_panicf(f, "json.Number: strconv is missing");
    return NATIVE_PANIC;
  }
  Value a[3];
  a[0] = nargs > 0 && args[0].kind == VAL_STR ? args[0] : mk_str("", 0);
  a[0].aux = 0;   /* a plain string */
  if (is_float) {
    a[1] = INT_VAL(64);
    return vm_call(f, m->value, a, 2, res, 2);
  }
  a[1] = INT_VAL(10);
  a[2] = INT_VAL(64);
  return vm_call(f, m->value, a, 3, res, 2);
}

static int num_int64(Fiber *f, Value *args, int nargs, Value *res) {
  return num_parse(f, args, nargs, res, false);
}

static int num_float64(Fiber *f, Value *args, int nargs, Value *res) {
  return num_parse(f, args, nargs, res, true);
}

/* }==================================================================== */

void stdlib_open_json(void);
void stdlib_open_json(void) {
  const char *P = "encoding/json";
  bytes_type = type_slice(type_uint8);
  api_def_func(P, "Marshal", j_marshal, 1);
  api_def_func(P, "MarshalIndent", j_marshalindent, 3);
  api_def_func(P, "Unmarshal", j_unmarshal, 2);
  api_def_func(P, "Valid", j_valid, 1);
  api_def_func(P, "Compact", j_compact, 2);
  api_def_func(P, "Indent", j_indent, 4);
  raw_type = type_named("json", "RawMessage", bytes_type);
  api_def_type(P, "RawMessage", raw_type);
  api_def_method(raw_type, "MarshalJSON", raw_marshaljson, 0, false);
  api_def_method(raw_type, "UnmarshalJSON", raw_unmarshaljson, 1, true);
  number_type = type_named("json", "Number", type_string);
  api_def_type(P, "Number", number_type);
  api_def_method(number_type, "String", num_string, 0, false);
  api_def_method(number_type, "Int64", num_int64, 0, false);
  api_def_method(number_type, "Float64", num_float64, 0, false);
  const char *mj[] = {"MarshalJSON"}, *uj[] = {"UnmarshalJSON"};
  api_def_type(P, "Marshaler", type_named("json", "Marshaler", type_interface(mj, 1)));
  api_def_type(P, "Unmarshaler", type_named("json", "Unmarshaler", type_interface(uj, 1)));
  Type *t = api_def_class(&encoder_cls, P, "Encoder");
  api_def_func(P, "NewEncoder", j_newencoder, 1);
  api_def_method(t, "Encode", enc_encode, 1, true);
  api_def_method(t, "SetIndent", enc_setindent, 2, true);
  t = api_def_class(&typeerr_cls, P, "UnmarshalTypeError");
  api_def_method(t, "Error", typeerr_error, 0, true);
  t = api_def_class(&decoder_cls, P, "Decoder");
  api_def_func(P, "NewDecoder", j_newdecoder, 1);
  api_def_method(t, "Decode", dec_decode, 1, true);
  api_def_method(t, "UseNumber", dec_usenumber, 0, true);
  api_def_method(t, "DisallowUnknownFields", dec_disallow, 0, true);
}
