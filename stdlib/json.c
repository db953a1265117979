/*
** json.c -- package encoding/json: Marshal, MarshalIndent, Unmarshal, Valid,
** Indent, Compact, NewEncoder(w).Encode, NewDecoder(r).Decode, following Go
** 1.19's output and error texts.
**
** Encoding walks the value (struct fields by their Type: exported fields
** only, `json:"name,omitempty"` / `json:"-"` tags, untagged embedded structs
** inlined; maps with sorted keys; []byte as base64; MarshalJSON methods are
** called). MarshalIndent is Marshal followed by Go's Indent.
**
** Decoding first checks the whole input (Go's scanner error texts: "invalid
** character 'x' looking for beginning of value", "unexpected end of JSON
** input"), parses it into a small tree, then stores it into the target
** through the pointer, guided by the static types (struct field types, slice
** elements, map values; the pointee's dynamic type at the top). Type
** mismatches do not stop decoding: the first one is returned, as in Go.
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
  Type *type;
} FieldInfo;

typedef struct FieldList {
  FieldInfo *v;
  int n, cap;
} FieldList;

static void fl_add(FieldList *l, FieldInfo fi) {
  for (int i = 0; i < l->n; i++)
    if (strcmp(l->v[i].name, fi.name) == 0) {
      if (fi.depth < l->v[i].depth) l->v[i] = fi;   /* the shallower one wins */
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
    encode(e, vals[at]);
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
      encode(&sub, fv);
      if (fv.kind == VAL_STR) put_string(&e->b, sub.b.data, sub.b.len);
      else {
        sb_putc(&e->b, '"');
        sb_putn(&e->b, sub.b.data, sub.b.len);
        sb_putc(&e->b, '"');
      }
      continue;
    }
    encode(e, fv);
    if (!IS_NIL(e->err) || e->panicked) return;
  }
  sb_putc(&e->b, '}');
}

static bool compact_into(StrBuf *out, const char *p, size_t n);

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
  if (!compact_into(&e->b, raw.data ? raw.data : "", raw.len)) {
    StrBuf m;
    sb_init(&m);
    sb_printf(&m, "json: error calling MarshalJSON for type %s: invalid JSON",
              type_str(value_type(v)));
    enc_fail(e, m.data);
  }
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
      encode(e, el[i]);
    }
    sb_putc(&e->b, ']');
    break;
  }
  case VAL_ARRAY: {
    ObjArray *a = v.as.p;
    sb_putc(&e->b, '[');
    for (int64_t i = 0; a && i < a->len; i++) {
      if (i) sb_putc(&e->b, ',');
      encode(e, a->v[i]);
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
    else encode(e, x);
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

typedef struct Scan {
  const char *p;
  size_t n, i;
  char msg[160];
  size_t off;      /* SyntaxError.Offset */
  bool bad;
} Scan;

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

/* Copy valid JSON without insignificant whitespace. */
static bool compact_into(StrBuf *out, const char *p, size_t n) {
  Scan s = {.p = p, .n = n};
  if (!scan_all(&s)) return false;
  bool in_str = false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (in_str) {
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

static JNode *parse(const char **pp) {
  if (vm_cstack_low()) {
    ParseHop h = {pp, NULL};
    vm_cstack_hop(parse_hop, &h);
    return h.j;
  }
  const char *p = ws(*pp);
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

static void unm_type_error(Dec *d, const char *what, Type *t) {
  if (!IS_NIL(d->err)) return;
  StrBuf m;
  sb_init(&m);
  if (d->struct_name && d->field.len)
    sb_printf(&m, "json: cannot unmarshal %s into Go struct field %s.%s of type %s", what,
              d->struct_name, d->field.data, type_str(t));
  else
    sb_printf(&m, "json: cannot unmarshal %s into Go value of type %s", what, type_str(t));
  d->err = mk_error(m.data);
}

static Value generic(JNode *j);
typedef struct GenHop { JNode *j; Value v; } GenHop;
static void gen_hop(void *p) { GenHop *h = p; h->v = generic(h->j); }

static Value generic(JNode *j) {
  if (vm_cstack_low()) {
    GenHop h = {j, NIL_VAL};
    vm_cstack_hop(gen_hop, &h);
    return h.v;
  }
  switch (j->kind) {
  case J_NULL: return NIL_VAL;
  case J_BOOL: return BOOL_VAL(j->b);
  case J_NUM: return FLOAT_VAL(strtod(j->s, NULL));
  case J_STR: return mk_str(j->s, j->slen);
  case J_ARR: {
    Value *vs = NEW_ARRAY(Value, j->n + 1);
    for (int i = 0; i < j->n; i++) vs[i] = generic(j->items[i]);
    return mk_slice(type_any, vs, j->n);
  }
  default: {
    ObjMap *m = map_new(type_map(type_string, type_any), j->n);
    for (int i = 0; i < j->n; i++) {
      const char *e;
      map_set(m, mk_str(j->keys[i], j->klens[i]), generic(j->items[i]), &e);
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
    if (!fi) continue;
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

static Value decode(Dec *d, JNode *j, Type *t, Value cur) {
  if (vm_cstack_low()) {
    DecHop h = {d, j, t, cur, NIL_VAL};
    vm_cstack_hop(dec_hop, &h);
    return h.v;
  }
  if (d->stop) return cur;
  if (time_is_time_type(t)) return decode_time(d, j, cur);
  Type *u = under(t);
  if (!u) return generic(j);
  if (u->kind == TY_INTERFACE) {
    if (u->nimethods == 0) return generic(j);
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
      s.aux = 0;
      return s;
    }
    if (j->kind != J_ARR) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    Value s = slice_make(et, j->n, j->n);
    ObjSlice *sl = s.as.p;
    for (int i = 0; i < j->n; i++) {
      Value old = sl->arr->v[sl->off + i];
      sl->arr->v[sl->off + i] = value_coerce(et, decode(d, j->items[i], et, old));
    }
    return s;
  }
  case TY_ARRAY: {
    if (j->kind != J_ARR) {
      unm_type_error(d, jkind_name(j), t);
      return cur;
    }
    ObjArray *a = array_new(u->elem, u->len);
    for (int64_t i = 0; i < u->len && i < j->n; i++)
      a->v[i] = value_coerce(u->elem, decode(d, j->items[i], u->elem, a->v[i]));
    Value v = OBJ_VAL(VAL_ARRAY, a);
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
      Value *old = map_find(m, key);
      Value nv = decode(d, j->items[i], vt, old ? *old : type_zero(vt));
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

static int unmarshal_into(Fiber *f, const char *data, size_t n, Value target, Value *res) {
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
  Dec d = {.f = f, .err = NIL_VAL};
  sb_init(&d.field);
  Value nv = decode(&d, j, et, cur);
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
  return unmarshal_into(f, b.data ? b.data : "", b.len, args[1], res);
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
  if (!compact_into(&o, b.data ? b.data : "", b.len)) {
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
} JDecoder;

int net_write_to(Fiber *f, Value w, const char *p, size_t n, Value *err) __attribute__((weak));

static NativeClass encoder_cls = {"*json.Encoder", NULL, NULL};
static NativeClass decoder_cls = {"*json.Decoder", NULL, NULL};

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
      int k = unmarshal_into(f, p, (size_t)L, nargs > 1 ? args[1] : NIL_VAL, res);
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
  Type *t = api_def_class(&encoder_cls, P, "Encoder");
  api_def_func(P, "NewEncoder", j_newencoder, 1);
  api_def_method(t, "Encode", enc_encode, 1, true);
  api_def_method(t, "SetIndent", enc_setindent, 2, true);
  t = api_def_class(&decoder_cls, P, "Decoder");
  api_def_func(P, "NewDecoder", j_newdecoder, 1);
  api_def_method(t, "Decode", dec_decode, 1, true);
}
