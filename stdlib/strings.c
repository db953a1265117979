/*
** strings.c -- package strings: searching, splitting, joining, case mapping,
** trimming, Map (calls a csp func), Replacer, and strings.Builder (a native
** type whose zero value works: `var sb strings.Builder`).
**
** Strings are byte sequences; functions that look at runes decode UTF-8 as Go
** does (an invalid byte is RuneError of width 1).
*/
#include <string.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"
#include "stdlib/ext.h"

/* memmem that accepts an empty needle (returns hay). */
static const char *find(const char *hay, size_t hn, const char *nd, size_t nn) {
  if (nn == 0) return hay;
  if (nn > hn) return NULL;
  if (nn == 1) return memchr(hay, nd[0], hn);
  return memmem(hay, hn, nd, nn);
}

static int64_t index_of(ObjString *s, ObjString *sub) {
  const char *p = find(s->data, (size_t)s->len, sub->data, (size_t)sub->len);
  return p ? p - s->data : -1;
}

static int64_t last_index_of(ObjString *s, ObjString *sub) {
  int64_t n = s->len, m = sub->len;
  if (m == 0) return n;
  for (int64_t i = n - m; i >= 0; i--)
    if (s->data[i] == sub->data[0] && memcmp(s->data + i, sub->data, (size_t)m) == 0) return i;
  return -1;
}

static int64_t count_runes(const char *s, size_t n) {
  int64_t c = 0;
  for (size_t i = 0; i < n;) {
    int32_t r;
    i += (unsigned char)s[i] < 0x80 ? 1 : (size_t)utf8_decode((const unsigned char *)s + i, n - i, &r);
    c++;
  }
  return c;
}

/* Does rune r occur in chars (a string of runes)? */
static bool rune_in(int32_t r, const char *chars, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t c;
    int w = utf8_decode((const unsigned char *)chars + i, n - i, &c);
    if (c == r) return true;
    i += (size_t)w;
  }
  return false;
}

#define STRVAL(s) OBJ_VAL(VAL_STR, (s))

/* {====================================================================
** Search
** ===================================================================== */

#define FNAME "strings.Contains"
static int s_contains(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sub);
  res[0] = BOOL_VAL(index_of(s, sub) >= 0);
  return 1;
}
#undef FNAME

#define FNAME "strings.ContainsRune"
static int s_contains_rune(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, r);
  res[0] = BOOL_VAL(rune_in((int32_t)r, s->data, (size_t)s->len));
  return 1;
}
#undef FNAME

static int64_t index_any(ObjString *s, ObjString *chars) {
  if (chars->len == 0) return -1;
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    if (rune_in(r, chars->data, (size_t)chars->len)) {
      /* an invalid byte matches only a RuneError in chars */
      return i;
    }
    i += w;
  }
  return -1;
}

static int64_t last_index_any(ObjString *s, ObjString *chars) {
  if (chars->len == 0) return -1;
  int64_t last = -1;
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    if (rune_in(r, chars->data, (size_t)chars->len)) last = i;
    i += w;
  }
  return last;
}

#define FNAME "strings.ContainsAny"
static int s_contains_any(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, chars);
  res[0] = BOOL_VAL(index_any(s, chars) >= 0);
  return 1;
}
#undef FNAME

#define FNAME "strings.IndexAny"
static int s_index_any(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, chars);
  res[0] = INT_VAL(index_any(s, chars));
  return 1;
}
#undef FNAME

#define FNAME "strings.LastIndexAny"
static int s_last_index_any(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, chars);
  res[0] = INT_VAL(last_index_any(s, chars));
  return 1;
}
#undef FNAME

#define FNAME "strings.Index"
static int s_index(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sub);
  res[0] = INT_VAL(index_of(s, sub));
  return 1;
}
#undef FNAME

#define FNAME "strings.LastIndex"
static int s_last_index(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sub);
  res[0] = INT_VAL(last_index_of(s, sub));
  return 1;
}
#undef FNAME

#define FNAME "strings.IndexByte"
static int s_index_byte(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, c);
  const char *p = memchr(s->data, (unsigned char)c, (size_t)s->len);
  res[0] = INT_VAL(p ? p - s->data : -1);
  return 1;
}
#undef FNAME

#define FNAME "strings.LastIndexByte"
static int s_last_index_byte(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, c);
  int64_t i = s->len - 1;
  while (i >= 0 && (unsigned char)s->data[i] != (unsigned char)c) i--;
  res[0] = INT_VAL(i);
  return 1;
}
#undef FNAME

#define FNAME "strings.IndexRune"
static int s_index_rune(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, r);
  int64_t at = -1;
  for (int64_t i = 0; i < s->len;) {
    int32_t c;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &c);
    if (c == r && (r != RUNE_ERROR || w > 0)) { at = i; break; }
    i += w;
  }
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
    /* invalid runes: Go matches RuneError only */
    if (r != RUNE_ERROR) at = -1;
  }
  res[0] = INT_VAL(at);
  return 1;
}
#undef FNAME

#define FNAME "strings.HasPrefix"
static int s_has_prefix(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, p);
  res[0] = BOOL_VAL(s->len >= p->len && memcmp(s->data, p->data, (size_t)p->len) == 0);
  return 1;
}
#undef FNAME

#define FNAME "strings.HasSuffix"
static int s_has_suffix(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, p);
  res[0] = BOOL_VAL(s->len >= p->len &&
                    memcmp(s->data + s->len - p->len, p->data, (size_t)p->len) == 0);
  return 1;
}
#undef FNAME

#define FNAME "strings.Count"
static int s_count(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sub);
  if (sub->len == 0) {
    res[0] = INT_VAL(count_runes(s->data, (size_t)s->len) + 1);
    return 1;
  }
  int64_t n = 0;
  const char *p = s->data, *end = s->data + s->len;
  while ((p = find(p, (size_t)(end - p), sub->data, (size_t)sub->len))) {
    n++;
    p += sub->len;
  }
  res[0] = INT_VAL(n);
  return 1;
}
#undef FNAME

#define FNAME "strings.Compare"
static int s_compare(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, a);
  ARG_STR(1, b);
  int64_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->data, b->data, (size_t)n);
  if (c == 0) c = a->len < b->len ? -1 : a->len > b->len;
  res[0] = INT_VAL(c < 0 ? -1 : c > 0);
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Split, Join, Fields
** ===================================================================== */

typedef struct StrList {
  ObjString **items;
  int64_t n, cap;
} StrList;

static void list_add(StrList *l, const char *p, size_t n) {
  if (l->n == l->cap) {
    int64_t ncap = l->cap ? l->cap * 2 : 8;
    ObjString **ni = NEW_ARRAY(ObjString *, ncap);
    if (l->n) memcpy(ni, l->items, sizeof(ObjString *) * (size_t)l->n);
    l->items = ni;
    l->cap = ncap;
  }
  l->items[l->n++] = str_new(p, (int64_t)n);
}

/* Go's genSplit: sep_save bytes of sep kept (SplitAfter), n < 0: all. */
static Value gen_split(ObjString *s, ObjString *sep, int64_t sep_save, int64_t n) {
  if (n == 0) return (Value){.kind = VAL_SLICE};
  StrList l = {0};
  if (sep->len == 0) {   /* explode into UTF-8 sequences (Go's explode) */
    int64_t total = count_runes(s->data, (size_t)s->len);
    if (n < 0 || n > total) n = total;
    int64_t i = 0;
    for (int64_t k = 0; k < n - 1; k++) {
      int32_t r;
      int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
      list_add(&l, s->data + i, (size_t)w);
      i += w;
    }
    if (n > 0) list_add(&l, s->data + i, (size_t)(s->len - i));
    return mk_str_slice(l.items, l.n);
  }
  const char *p = s->data, *end = s->data + s->len;
  while (n < 0 || l.n < n - 1) {
    const char *m = find(p, (size_t)(end - p), sep->data, (size_t)sep->len);
    if (!m) break;
    list_add(&l, p, (size_t)(m - p + sep_save));
    p = m + sep->len;
  }
  list_add(&l, p, (size_t)(end - p));
  return mk_str_slice(l.items, l.n);
}

#define FNAME "strings.Split"
static int s_split(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sep);
  res[0] = gen_split(s, sep, 0, -1);
  return 1;
}
#undef FNAME

#define FNAME "strings.SplitN"
static int s_splitn(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sep);
  ARG_INT(2, n);
  res[0] = gen_split(s, sep, 0, n);
  return 1;
}
#undef FNAME

#define FNAME "strings.SplitAfter"
static int s_split_after(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sep);
  res[0] = gen_split(s, sep, sep->len, -1);
  return 1;
}
#undef FNAME

#define FNAME "strings.SplitAfterN"
static int s_split_aftern(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sep);
  ARG_INT(2, n);
  res[0] = gen_split(s, sep, sep->len, n);
  return 1;
}
#undef FNAME

#define FNAME "strings.Join"
static int s_join(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(1, sep);
  if (args[0].kind != VAL_SLICE && args[0].kind != VAL_NIL)
    return arg_error(f, FNAME, 0, "[]string", args[0]);
  int64_t n;
  Value *e = seq_elems(args[0], &n);
  size_t total = 0;
  for (int64_t i = 0; i < n; i++) {
    if (e[i].kind != VAL_STR) return arg_error(f, FNAME, 0, "[]string", args[0]);
    total += (size_t)AS_STR(e[i])->len;
  }
  if (n > 1) total += (size_t)sep->len * (size_t)(n - 1);
  ObjString *out = str_alloc((int64_t)total);
  if (total == 0) { res[0] = STRVAL(str_empty()); return 1; }
  char *p = out->data;
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) { memcpy(p, sep->data, (size_t)sep->len); p += sep->len; }
    memcpy(p, AS_STR(e[i])->data, (size_t)AS_STR(e[i])->len);
    p += AS_STR(e[i])->len;
  }
  res[0] = STRVAL(out);
  return 1;
}
#undef FNAME

#define FNAME "strings.Fields"
static int s_fields(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  StrList l = {0};
  int64_t i = 0, start = -1;
  while (i < s->len) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    bool sp = uni_is_space(r);
    if (sp && start >= 0) { list_add(&l, s->data + start, (size_t)(i - start)); start = -1; }
    else if (!sp && start < 0) start = i;
    i += w;
  }
  if (start >= 0) list_add(&l, s->data + start, (size_t)(s->len - start));
  res[0] = mk_str_slice(l.items, l.n);
  return 1;
}
#undef FNAME

/* Call a func(rune) bool/rune; returns NATIVE_PANIC or the result count. */
static int call_rune_fn(Fiber *f, Value fn, int32_t r, Value *out) {
  Value a = RUNE_VAL(r);
  Value rs[NATIVE_MAX_RESULTS];
  int n = vm_call(f, fn, &a, 1, rs, 1);
  if (n == NATIVE_PANIC) return n;
  *out = n >= 1 ? rs[0] : NIL_VAL;
  return n;
}

#define FNAME "strings.FieldsFunc"
static int s_fields_func(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  Value fn = args[1];
  StrList l = {0};
  int64_t i = 0, start = -1;
  while (i < s->len) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    Value b;
    if (call_rune_fn(f, fn, r, &b) == NATIVE_PANIC) return NATIVE_PANIC;
    bool sp = IS_TRUE(b);
    if (sp && start >= 0) { list_add(&l, s->data + start, (size_t)(i - start)); start = -1; }
    else if (!sp && start < 0) start = i;
    i += w;
  }
  if (start >= 0) list_add(&l, s->data + start, (size_t)(s->len - start));
  res[0] = mk_str_slice(l.items, l.n);
  return 1;
}
#undef FNAME

#define FNAME "strings.Cut"
static int s_cut(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, sep);
  int64_t i = index_of(s, sep);
  if (i >= 0) {
    res[0] = mk_str(s->data, (size_t)i);
    res[1] = mk_str(s->data + i + sep->len, (size_t)(s->len - i - sep->len));
    res[2] = BOOL_VAL(true);
  } else {
    res[0] = STRVAL(s);
    res[1] = STRVAL(str_empty());
    res[2] = BOOL_VAL(false);
  }
  return 3;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** Transformations
** ===================================================================== */

#define FNAME "strings.Repeat"
static int s_repeat(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_INT(1, count);
  if (count < 0) {
    vm_panicf(f, "strings: negative Repeat count");
    return NATIVE_PANIC;
  }
  int64_t total;
  if (__builtin_mul_overflow(s->len, count, &total)) {   /* Go 1.19's wording */
    vm_panicf(f, "strings: Repeat count causes overflow");
    return NATIVE_PANIC;
  }
  if (total > ((int64_t)1 << 48)) {     /* Go: Builder.Grow's make fails (maxAlloc) */
    vm_runtime_error(f, "makeslice: cap out of range");
    return NATIVE_PANIC;
  }
  if (total == 0) { res[0] = STRVAL(str_empty()); return 1; }
  ObjString *out = str_alloc(total);
  for (int64_t i = 0; i < count; i++) memcpy(out->data + i * s->len, s->data, (size_t)s->len);
  res[0] = STRVAL(out);
  return 1;
}
#undef FNAME

static Value replace(ObjString *s, ObjString *old, ObjString *nw, int64_t n) {
  if (n == 0 || (old->len == nw->len && memcmp(old->data, nw->data, (size_t)old->len) == 0))
    return STRVAL(s);
  int64_t m = 0;   /* number of replacements */
  if (old->len == 0) m = count_runes(s->data, (size_t)s->len) + 1;
  else {
    const char *p = s->data, *end = s->data + s->len;
    while ((p = find(p, (size_t)(end - p), old->data, (size_t)old->len))) { m++; p += old->len; }
  }
  if (m == 0) return STRVAL(s);
  if (n < 0 || m < n) n = m;
  StrBuf b;
  sb_init(&b);
  sb_reserve(&b, (size_t)(s->len + n * (nw->len - old->len) + 1));
  int64_t start = 0;
  for (int64_t i = 0; i < n; i++) {
    int64_t j = start;
    if (old->len == 0) {
      if (i > 0) {
        int32_t r;
        j += utf8_decode((const unsigned char *)s->data + start, (size_t)(s->len - start), &r);
      }
    } else {
      const char *p = find(s->data + start, (size_t)(s->len - start), old->data, (size_t)old->len);
      j = p - s->data;
    }
    sb_putn(&b, s->data + start, (size_t)(j - start));
    sb_putn(&b, nw->data, (size_t)nw->len);
    start = j + old->len;
  }
  if (start < s->len) sb_putn(&b, s->data + start, (size_t)(s->len - start));
  return sb_value(&b);
}

#define FNAME "strings.Replace"
static int s_replace(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, old);
  ARG_STR(2, nw);
  ARG_INT(3, n);
  res[0] = replace(s, old, nw, n);
  return 1;
}
#undef FNAME

#define FNAME "strings.ReplaceAll"
static int s_replace_all(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, old);
  ARG_STR(2, nw);
  res[0] = replace(s, old, nw, -1);
  return 1;
}
#undef FNAME

/* Map a rune function over s (invalid bytes become U+FFFD, as strings.Map). */
static Value map_runes(ObjString *s, int32_t (*fn)(int32_t)) {
  bool ascii = true;
  for (int64_t i = 0; i < s->len; i++)
    if ((unsigned char)s->data[i] >= 0x80) { ascii = false; break; }
  if (ascii) {
    ObjString *out = str_alloc(s->len);
    if (s->len == 0) return STRVAL(str_empty());
    bool changed = false;
    for (int64_t i = 0; i < s->len; i++) {
      char c = (char)fn((unsigned char)s->data[i]);
      out->data[i] = c;
      if (c != s->data[i]) changed = true;
    }
    return changed ? STRVAL(out) : STRVAL(s);
  }
  StrBuf b;
  sb_init(&b);
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    char tmp[4];
    sb_putn(&b, tmp, (size_t)utf8_encode(tmp, fn(r)));
    i += w;
  }
  return sb_value(&b);
}

#define FNAME "strings.ToUpper"
static int s_to_upper(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = map_runes(s, uni_to_upper);
  return 1;
}
#undef FNAME

#define FNAME "strings.ToLower"
static int s_to_lower(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = map_runes(s, uni_to_lower);
  return 1;
}
#undef FNAME

#define FNAME "strings.ToTitle"
static int s_to_title(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = map_runes(s, uni_to_title);
  return 1;
}
#undef FNAME

/* Go's isSeparator for Title. */
static bool is_separator(int32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
      return false;
    return true;
  }
  if (uni_is_letter(r) || uni_is_digit(r)) return false;
  return uni_is_space(r);
}

#define FNAME "strings.Title"
static int s_title(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  StrBuf b;
  sb_init(&b);
  int32_t prev = ' ';
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    int32_t out = is_separator(prev) ? uni_to_title(r) : r;
    char tmp[4];
    sb_putn(&b, tmp, (size_t)utf8_encode(tmp, out));
    prev = r;
    i += w;
  }
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

#define FNAME "strings.Map"
static int s_map(Fiber *f, Value *args, int nargs, Value *res) {
  Value fn = args[0];
  ARG_STR(1, s);
  StrBuf b;
  sb_init(&b);
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    Value out;
    if (call_rune_fn(f, fn, r, &out) == NATIVE_PANIC) return NATIVE_PANIC;
    if (out.kind == VAL_INT && out.as.i >= 0) {
      char tmp[4];
      sb_putn(&b, tmp, (size_t)utf8_encode(tmp, (int32_t)out.as.i));
    }
    i += w;
  }
  res[0] = sb_value(&b);
  return 1;
}
#undef FNAME

/* ---- trimming ---- */

typedef bool (*RunePred)(int32_t r, void *ctx);

static bool pred_space(int32_t r, void *ctx) { (void)ctx; return uni_is_space(r); }
static bool pred_cutset(int32_t r, void *ctx) {
  ObjString *cs = ctx;
  return rune_in(r, cs->data, (size_t)cs->len);
}

/* Start of the kept part (trimming left). */
static int64_t trim_left_at(ObjString *s, RunePred pred, void *ctx) {
  int64_t i = 0;
  while (i < s->len) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    if (!pred(r, ctx)) break;
    i += w;
  }
  return i;
}

/* Decode the last rune ending at end; returns its start. */
static int64_t last_rune_start(const char *s, int64_t end, int32_t *r) {
  int64_t start = end - 1;
  int64_t lim = end - 4 < 0 ? 0 : end - 4;
  while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
  int w = utf8_decode((const unsigned char *)s + start, (size_t)(end - start), r);
  if (start + w != end) {   /* invalid: the last byte alone */
    *r = RUNE_ERROR;
    return end - 1;
  }
  return start;
}

static int64_t trim_right_at(ObjString *s, int64_t from, RunePred pred, void *ctx) {
  int64_t end = s->len;
  while (end > from) {
    int32_t r;
    int64_t st = last_rune_start(s->data, end, &r);
    if (!pred(r, ctx)) break;
    end = st;
  }
  return end;
}

static Value substr(ObjString *s, int64_t a, int64_t b) {
  if (a == 0 && b == s->len) return STRVAL(s);
  return mk_str(s->data + a, (size_t)(b - a));
}

#define FNAME "strings.TrimSpace"
static int s_trim_space(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  int64_t a = trim_left_at(s, pred_space, NULL);
  res[0] = substr(s, a, trim_right_at(s, a, pred_space, NULL));
  return 1;
}
#undef FNAME

#define FNAME "strings.Trim"
static int s_trim(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, cs);
  int64_t a = trim_left_at(s, pred_cutset, cs);
  res[0] = substr(s, a, trim_right_at(s, a, pred_cutset, cs));
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimLeft"
static int s_trim_left(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, cs);
  res[0] = substr(s, trim_left_at(s, pred_cutset, cs), s->len);
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimRight"
static int s_trim_right(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, cs);
  res[0] = substr(s, 0, trim_right_at(s, 0, pred_cutset, cs));
  return 1;
}
#undef FNAME

typedef struct FnCtx { Fiber *f; Value fn; bool panicked; } FnCtx;

static bool pred_fn(int32_t r, void *ctx) {
  FnCtx *c = ctx;
  if (c->panicked) return false;
  Value b;
  if (call_rune_fn(c->f, c->fn, r, &b) == NATIVE_PANIC) { c->panicked = true; return false; }
  return IS_TRUE(b);
}

#define FNAME "strings.TrimFunc"
static int s_trim_func(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  FnCtx c = {f, args[1], false};
  int64_t a = trim_left_at(s, pred_fn, &c);
  int64_t b = c.panicked ? a : trim_right_at(s, a, pred_fn, &c);
  if (c.panicked) return NATIVE_PANIC;
  res[0] = substr(s, a, b);
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimLeftFunc"
static int s_trim_left_func(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  FnCtx c = {f, args[1], false};
  int64_t a = trim_left_at(s, pred_fn, &c);
  if (c.panicked) return NATIVE_PANIC;
  res[0] = substr(s, a, s->len);
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimRightFunc"
static int s_trim_right_func(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  FnCtx c = {f, args[1], false};
  int64_t b = trim_right_at(s, 0, pred_fn, &c);
  if (c.panicked) return NATIVE_PANIC;
  res[0] = substr(s, 0, b);
  return 1;
}
#undef FNAME

#define FNAME "strings.IndexFunc"
static int s_index_func(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  int64_t at = -1;
  for (int64_t i = 0; i < s->len;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
    Value b;
    if (call_rune_fn(f, args[1], r, &b) == NATIVE_PANIC) return NATIVE_PANIC;
    if (IS_TRUE(b)) { at = i; break; }
    i += w;
  }
  res[0] = INT_VAL(at);
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimPrefix"
static int s_trim_prefix(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, p);
  if (s->len >= p->len && memcmp(s->data, p->data, (size_t)p->len) == 0)
    res[0] = substr(s, p->len, s->len);
  else
    res[0] = STRVAL(s);
  return 1;
}
#undef FNAME

#define FNAME "strings.TrimSuffix"
static int s_trim_suffix(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  ARG_STR(1, p);
  if (s->len >= p->len && memcmp(s->data + s->len - p->len, p->data, (size_t)p->len) == 0)
    res[0] = substr(s, 0, s->len - p->len);
  else
    res[0] = STRVAL(s);
  return 1;
}
#undef FNAME

#define FNAME "strings.EqualFold"
static int s_equal_fold(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, a);
  ARG_STR(1, b);
  int64_t i = 0, j = 0;
  bool eq = true;
  while (i < a->len && j < b->len) {
    int32_t r1, r2;
    i += utf8_decode((const unsigned char *)a->data + i, (size_t)(a->len - i), &r1);
    j += utf8_decode((const unsigned char *)b->data + j, (size_t)(b->len - j), &r2);
    if (r1 == r2) continue;
    if (uni_to_lower(r1) == uni_to_lower(r2) || uni_to_upper(r1) == uni_to_upper(r2)) continue;
    /* one more step of the fold orbit (k, K, Kelvin sign) */
    if (uni_simple_fold(r1) == r2 || uni_simple_fold(r2) == r1) continue;
    eq = false;
    break;
  }
  res[0] = BOOL_VAL(eq && i == a->len && j == b->len);
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** strings.Replacer
** ===================================================================== */

typedef struct Replacer {
  int n;
  ObjString **olds, **news;
} Replacer;

static NativeClass replacer_cls = {"*strings.Replacer", NULL, NULL, NULL};

#define FNAME "strings.NewReplacer"
static int s_new_replacer(Fiber *f, Value *args, int nargs, Value *res) {
  if (nargs % 2 == 1) {
    vm_panicf(f, "strings.NewReplacer: odd argument count");
    return NATIVE_PANIC;
  }
  Replacer *r = NEW(Replacer);
  r->n = nargs / 2;
  r->olds = NEW_ARRAY(ObjString *, r->n + 1);
  r->news = NEW_ARRAY(ObjString *, r->n + 1);
  for (int i = 0; i < nargs; i++)
    if (args[i].kind != VAL_STR) return arg_error(f, FNAME, i, "string", args[i]);
  for (int i = 0; i < r->n; i++) {
    r->olds[i] = AS_STR(args[2 * i]);
    r->news[i] = AS_STR(args[2 * i + 1]);
  }
  res[0] = obj_new(&replacer_cls, r);
  return 1;
}
#undef FNAME

static Replacer *replacer_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind != VAL_OBJ || !v.as.p || ((ObjNativeObj *)v.as.p)->cls != &replacer_cls) return NULL;
  return ((ObjNativeObj *)v.as.p)->data;
}

#define FNAME "strings.(*Replacer).Replace"
static int replacer_replace(Fiber *f, Value *args, int nargs, Value *res) {
  Replacer *r = replacer_of(args[0]);
  ARG_STR(1, s);
  if (!r) { res[0] = STRVAL(s); return 1; }
  StrBuf b;
  sb_init(&b);
  bool any = false;
  int64_t i = 0;
  while (i <= s->len) {
    int k;
    for (k = 0; k < r->n; k++) {
      ObjString *o = r->olds[k];
      if (o->len <= s->len - i && memcmp(s->data + i, o->data, (size_t)o->len) == 0) break;
    }
    if (k < r->n) {
      any = true;
      sb_putn(&b, r->news[k]->data, (size_t)r->news[k]->len);
      if (r->olds[k]->len > 0) { i += r->olds[k]->len; continue; }
    }
    if (i < s->len) sb_putc(&b, s->data[i]);
    i++;
  }
  res[0] = any ? sb_value(&b) : STRVAL(s);
  return 1;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** strings.Builder
** ===================================================================== */

typedef struct Builder {
  char *buf;          /* GC_MALLOC_ATOMIC */
  size_t len, cap;
} Builder;

static void *builder_create(void) { return NEW(Builder); }

static NativeClass builder_cls = {"strings.Builder", NULL, builder_create, NULL};

static Builder *builder_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind != VAL_OBJ || !v.as.p) return NULL;
  ObjNativeObj *o = v.as.p;
  if (o->cls != &builder_cls) return NULL;
  if (!o->data) o->data = builder_create();
  return o->data;
}

static void builder_grow(Builder *b, size_t extra) {
  if (b->len + extra <= b->cap) return;
  size_t ncap = b->cap ? b->cap * 2 : 16;
  while (ncap < b->len + extra) ncap *= 2;
  char *nb = GC_MALLOC_ATOMIC(ncap);
  if (b->len) memcpy(nb, b->buf, b->len);
  b->buf = nb;
  b->cap = ncap;
}

static void builder_put(Builder *b, const char *p, size_t n) {
  builder_grow(b, n);
  memcpy(b->buf + b->len, p, n);
  b->len += n;
}

bool strings_builder_append(Value v, const char *p, size_t n) {
  Builder *b = builder_of(v);
  if (!b) return false;
  builder_put(b, p, n);
  return true;
}

static int bad_builder(Fiber *f) {
  vm_panicf(f, "strings.Builder: invalid receiver");
  return NATIVE_PANIC;
}

#define FNAME "strings.(*Builder).WriteString"
static int b_write_string(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  ARG_STR(1, s);
  builder_put(b, s->data, (size_t)s->len);
  res[0] = INT_VAL(s->len);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

#define FNAME "strings.(*Builder).WriteByte"
static int b_write_byte(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  ARG_INT(1, c);
  char ch = (char)c;
  builder_put(b, &ch, 1);
  res[0] = NIL_VAL;
  return 1;
}
#undef FNAME

#define FNAME "strings.(*Builder).WriteRune"
static int b_write_rune(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  ARG_INT(1, r);
  char tmp[4];
  int n = utf8_encode(tmp, (int32_t)r);
  builder_put(b, tmp, (size_t)n);
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

#define FNAME "strings.(*Builder).Write"
static int b_write(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  builder_grow(b, (size_t)n);
  for (int64_t i = 0; i < n; i++) b->buf[b->len++] = (char)e[i].as.i;
  res[0] = INT_VAL(n);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

static int b_string(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  res[0] = mk_str(b->buf ? b->buf : "", b->len);
  return 1;
}

static int b_len(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  res[0] = INT_VAL(b->len);
  return 1;
}

static int b_cap(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  res[0] = INT_VAL(b->cap);
  return 1;
}

static int b_reset(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  b->buf = NULL;
  b->len = b->cap = 0;
  return 0;
}

#define FNAME "strings.(*Builder).Grow"
static int b_grow(Fiber *f, Value *args, int nargs, Value *res) {
  Builder *b = builder_of(args[0]);
  if (!b) return bad_builder(f);
  ARG_INT(1, n);
  if (n < 0) {
    vm_panicf(f, "strings.Builder.Grow: negative count");
    return NATIVE_PANIC;
  }
  if (b->cap - b->len < (size_t)n) {
    size_t ncap = 2 * b->cap + (size_t)n;
    char *nb = GC_MALLOC_ATOMIC(ncap);
    if (b->len) memcpy(nb, b->buf, b->len);
    b->buf = nb;
    b->cap = ncap;
  }
  return 0;
}
#undef FNAME

/* }==================================================================== */

/* {====================================================================
** strings.Reader: io.Reader, io.ByteReader/ByteScanner, io.RuneReader/
** RuneScanner, io.Seeker, io.ReaderAt and io.WriterTo over a string (Go's
** *strings.Reader; ext_read in io.c reads it directly).
** ===================================================================== */

typedef struct SReader {
  ObjString *s;
  int64_t i;            /* current reading index */
  int64_t prev_rune;    /* index of the previous rune, or < 0 */
} SReader;

static NativeClass sreader_cls = {"*strings.Reader", NULL, NULL, NULL};
static NativeClass breader_cls = {"*bytes.Reader", NULL, NULL, NULL};   /* the same reader over []byte */

static SReader *sreader_of(Value v) {
  Value x;
  if (v.kind == VAL_PTR && ptr_load(v, &x)) v = x;
  if (v.kind == VAL_CELL) v = ((Cell *)v.as.p)->v;
  if (v.kind != VAL_OBJ || !v.as.p) return NULL;
  ObjNativeObj *o = v.as.p;
  if (o->cls != &sreader_cls && o->cls != &breader_cls) return NULL;
  if (!o->data) {
    SReader *r = NEW(SReader);
    r->s = str_empty();
    r->prev_rune = -1;
    o->data = r;
  }
  return o->data;
}

static int bad_sreader(Fiber *f) {
  vm_runtime_error(f, "invalid memory address or nil pointer dereference");
  return NATIVE_PANIC;
}

/* For io.c's ext_read: k bytes of r into buf, *err = io.EOF at the end. */
bool strings_reader_read(Value v, char *buf, size_t n, int *k, Value *err) {
  SReader *r = sreader_of(v);
  if (!r) return false;
  *err = NIL_VAL;
  if (r->i >= r->s->len) {
    *k = 0;
    *err = io_eof_value();
    return true;
  }
  r->prev_rune = -1;
  int64_t m = r->s->len - r->i;
  if ((int64_t)n < m) m = (int64_t)n;
  memcpy(buf, r->s->data + r->i, (size_t)m);
  r->i += m;
  *k = (int)m;
  return true;
}

/* bytes.NewReader (bytes.c): a *bytes.Reader over a copy of the bytes. */
Value bytes_reader_new(const char *p, size_t n) {
  SReader *r = NEW(SReader);
  r->s = str_new(p, (int64_t)n);
  r->prev_rune = -1;
  return obj_new(&breader_cls, r);
}

#define FNAME "strings.NewReader"
static int s_new_reader(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  SReader *r = NEW(SReader);
  r->s = s;
  r->prev_rune = -1;
  res[0] = obj_new(&sreader_cls, r);
  return 1;
}
#undef FNAME

static int sr_len(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  res[0] = INT_VAL(r->i >= r->s->len ? 0 : r->s->len - r->i);
  return 1;
}

static int sr_size(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  res[0] = TYPED_INT(r->s->len, TID_INT64);
  return 1;
}

/* Read(b []byte) (n int, err error) */
static int sr_read(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  if (r->i >= r->s->len) {
    res[0] = INT_VAL(0);
    res[1] = io_eof_value();
    return 2;
  }
  r->prev_rune = -1;
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  int64_t m = r->s->len - r->i;
  if (n < m) m = n;
  const unsigned char *src = (const unsigned char *)r->s->data + r->i;
  for (int64_t j = 0; j < m; j++) e[j] = BYTE_VAL(src[j]);
  r->i += m;
  res[0] = INT_VAL(m);
  res[1] = NIL_VAL;
  return 2;
}

/* ReadAt(b []byte, off int64) (n int, err error) */
#define FNAME "strings.(*Reader).ReadAt"
static int sr_read_at(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  ARG_INT(2, off);
  if (off < 0) {
    res[0] = INT_VAL(0);
    res[1] = mk_error("strings.Reader.ReadAt: negative offset");
    return 2;
  }
  if (off >= r->s->len) {
    res[0] = INT_VAL(0);
    res[1] = io_eof_value();
    return 2;
  }
  int64_t n;
  Value *e = seq_elems(args[1], &n);
  int64_t m = r->s->len - off;
  if (n < m) m = n;
  const unsigned char *src = (const unsigned char *)r->s->data + off;
  for (int64_t j = 0; j < m; j++) e[j] = BYTE_VAL(src[j]);
  res[0] = INT_VAL(m);
  res[1] = m < n ? io_eof_value() : NIL_VAL;
  return 2;
}
#undef FNAME

static int sr_read_byte(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  r->prev_rune = -1;
  if (r->i >= r->s->len) {
    res[0] = BYTE_VAL(0);
    res[1] = io_eof_value();
    return 2;
  }
  res[0] = BYTE_VAL((unsigned char)r->s->data[r->i]);
  r->i++;
  res[1] = NIL_VAL;
  return 2;
}

static int sr_unread_byte(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  if (r->i <= 0) {
    res[0] = mk_error("strings.Reader.UnreadByte: at beginning of string");
    return 1;
  }
  r->prev_rune = -1;
  r->i--;
  res[0] = NIL_VAL;
  return 1;
}

static int sr_read_rune(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  if (r->i >= r->s->len) {
    r->prev_rune = -1;
    res[0] = RUNE_VAL(0);
    res[1] = INT_VAL(0);
    res[2] = io_eof_value();
    return 3;
  }
  r->prev_rune = r->i;
  unsigned char c = (unsigned char)r->s->data[r->i];
  if (c < 0x80) {
    r->i++;
    res[0] = RUNE_VAL(c);
    res[1] = INT_VAL(1);
  } else {
    int32_t ch;
    int w = utf8_decode((const unsigned char *)r->s->data + r->i, (size_t)(r->s->len - r->i), &ch);
    r->i += w;
    res[0] = RUNE_VAL(ch);
    res[1] = INT_VAL(w);
  }
  res[2] = NIL_VAL;
  return 3;
}

static int sr_unread_rune(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  if (r->i <= 0) {
    res[0] = mk_error("strings.Reader.UnreadRune: at beginning of string");
    return 1;
  }
  if (r->prev_rune < 0) {
    res[0] = mk_error("strings.Reader.UnreadRune: previous operation was not ReadRune");
    return 1;
  }
  r->i = r->prev_rune;
  r->prev_rune = -1;
  res[0] = NIL_VAL;
  return 1;
}

/* Seek(offset int64, whence int) (int64, error) */
#define FNAME "strings.(*Reader).Seek"
static int sr_seek(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  ARG_INT(1, off);
  ARG_INT(2, whence);
  r->prev_rune = -1;
  int64_t abs;
  switch (whence) {
  case 0: abs = off; break;
  case 1: abs = r->i + off; break;
  case 2: abs = r->s->len + off; break;
  default:
    res[0] = TYPED_INT(0, TID_INT64);
    res[1] = mk_error("strings.Reader.Seek: invalid whence");
    return 2;
  }
  if (abs < 0) {
    res[0] = TYPED_INT(0, TID_INT64);
    res[1] = mk_error("strings.Reader.Seek: negative position");
    return 2;
  }
  r->i = abs;
  res[0] = TYPED_INT(abs, TID_INT64);
  res[1] = NIL_VAL;
  return 2;
}
#undef FNAME

/* WriteTo(w io.Writer) (n int64, err error): one io.WriteString of the rest. */
static int sr_write_to(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  r->prev_rune = -1;
  if (r->i >= r->s->len) {
    res[0] = TYPED_INT(0, TID_INT64);
    res[1] = NIL_VAL;
    return 2;
  }
  int64_t rest = r->s->len - r->i;
  Value err = NIL_VAL;
  int64_t m;
  Value fn, recv;
  if (api_find_method(args[1], "WriteString", &fn, &recv) && args[1].kind != VAL_OBJ) {
    Value a[2] = {recv, mk_str(r->s->data + r->i, (size_t)rest)};
    Value out[NATIVE_MAX_RESULTS];
    int k = vm_call(f, fn, a, 2, out, 2);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    m = 0;
    if (k >= 1) to_int(out[0], &m);
    if (k >= 2) err = out[1];
  } else {
    int k = stdlib_write_to(f, args[1], r->s->data + r->i, (size_t)rest, &err);
    if (k == NATIVE_PANIC) return NATIVE_PANIC;
    m = k;
  }
  if (m > rest) {
    vm_panicf(f, "strings.Reader.WriteTo: invalid WriteString count");
    return NATIVE_PANIC;
  }
  r->i += m;
  if (m != rest && IS_NIL(err)) {
    const PkgMember *pm = api_lookup("io", "ErrShortWrite");
    err = pm && pm->kind == MEMBER_VAR ? vm_globals[pm->global] : mk_error("short write");
  }
  res[0] = TYPED_INT(m, TID_INT64);
  res[1] = err;
  return 2;
}

#define FNAME "strings.(*Reader).Reset"
static int sr_reset(Fiber *f, Value *args, int nargs, Value *res) {
  SReader *r = sreader_of(args[0]);
  if (!r) return bad_sreader(f);
  ARG_STR(1, s);
  r->s = s;
  r->i = 0;
  r->prev_rune = -1;
  return 0;
}
#undef FNAME

/* }==================================================================== */

void open_strings(void) {
  const char *P = "strings";
  api_def_func(P, "Contains", s_contains, 2);
  api_def_func(P, "ContainsRune", s_contains_rune, 2);
  api_def_func(P, "ContainsAny", s_contains_any, 2);
  api_def_func(P, "Index", s_index, 2);
  api_def_func(P, "IndexAny", s_index_any, 2);
  api_def_func(P, "IndexByte", s_index_byte, 2);
  api_def_func(P, "IndexRune", s_index_rune, 2);
  api_def_func(P, "IndexFunc", s_index_func, 2);
  api_def_func(P, "LastIndex", s_last_index, 2);
  api_def_func(P, "LastIndexAny", s_last_index_any, 2);
  api_def_func(P, "LastIndexByte", s_last_index_byte, 2);
  api_def_func(P, "HasPrefix", s_has_prefix, 2);
  api_def_func(P, "HasSuffix", s_has_suffix, 2);
  api_def_func(P, "Count", s_count, 2);
  api_def_func(P, "Compare", s_compare, 2);
  api_def_func(P, "Split", s_split, 2);
  api_def_func(P, "SplitN", s_splitn, 3);
  api_def_func(P, "SplitAfter", s_split_after, 2);
  api_def_func(P, "SplitAfterN", s_split_aftern, 3);
  api_def_func(P, "Join", s_join, 2);
  api_def_func(P, "Fields", s_fields, 1);
  api_def_func(P, "FieldsFunc", s_fields_func, 2);
  api_def_func(P, "Cut", s_cut, 2);
  api_def_func(P, "Repeat", s_repeat, 2);
  api_def_func(P, "Replace", s_replace, 4);
  api_def_func(P, "ReplaceAll", s_replace_all, 3);
  api_def_func(P, "ToUpper", s_to_upper, 1);
  api_def_func(P, "ToLower", s_to_lower, 1);
  api_def_func(P, "ToTitle", s_to_title, 1);
  api_def_func(P, "Title", s_title, 1);
  api_def_func(P, "Map", s_map, 2);
  api_def_func(P, "TrimSpace", s_trim_space, 1);
  api_def_func(P, "Trim", s_trim, 2);
  api_def_func(P, "TrimLeft", s_trim_left, 2);
  api_def_func(P, "TrimRight", s_trim_right, 2);
  api_def_func(P, "TrimFunc", s_trim_func, 2);
  api_def_func(P, "TrimLeftFunc", s_trim_left_func, 2);
  api_def_func(P, "TrimRightFunc", s_trim_right_func, 2);
  api_def_func(P, "TrimPrefix", s_trim_prefix, 2);
  api_def_func(P, "TrimSuffix", s_trim_suffix, 2);
  api_def_func(P, "EqualFold", s_equal_fold, 2);
  api_def_func(P, "NewReplacer", s_new_replacer, -1);

  Type *rt = api_def_class(&replacer_cls, P, "Replacer");
  api_def_method(rt, "Replace", replacer_replace, 1, true);

  api_def_func(P, "NewReader", s_new_reader, 1);
  Type *srt = api_def_class(&sreader_cls, P, "Reader");
  Type *brt = api_def_class(&breader_cls, "bytes", "Reader");
  api_def_method(brt, "Len", sr_len, 0, true);
  api_def_method(brt, "Size", sr_size, 0, true);
  api_def_method(brt, "Read", sr_read, 1, true);
  api_def_method(brt, "ReadAt", sr_read_at, 2, true);
  api_def_method(brt, "ReadByte", sr_read_byte, 0, true);
  api_def_method(brt, "UnreadByte", sr_unread_byte, 0, true);
  api_def_method(brt, "ReadRune", sr_read_rune, 0, true);
  api_def_method(brt, "UnreadRune", sr_unread_rune, 0, true);
  api_def_method(brt, "Seek", sr_seek, 2, true);
  api_def_method(brt, "WriteTo", sr_write_to, 1, true);
  api_def_method(srt, "Len", sr_len, 0, true);
  api_def_method(srt, "Size", sr_size, 0, true);
  api_def_method(srt, "Read", sr_read, 1, true);
  api_def_method(srt, "ReadAt", sr_read_at, 2, true);
  api_def_method(srt, "ReadByte", sr_read_byte, 0, true);
  api_def_method(srt, "UnreadByte", sr_unread_byte, 0, true);
  api_def_method(srt, "ReadRune", sr_read_rune, 0, true);
  api_def_method(srt, "UnreadRune", sr_unread_rune, 0, true);
  api_def_method(srt, "Seek", sr_seek, 2, true);
  api_def_method(srt, "WriteTo", sr_write_to, 1, true);
  api_def_method(srt, "Reset", sr_reset, 1, true);

  Type *bt = api_def_class(&builder_cls, P, "Builder");
  api_def_method(bt, "WriteString", b_write_string, 1, true);
  api_def_method(bt, "WriteByte", b_write_byte, 1, true);
  api_def_method(bt, "WriteRune", b_write_rune, 1, true);
  api_def_method(bt, "Write", b_write, 1, true);
  api_def_method(bt, "String", b_string, 0, true);
  api_def_method(bt, "Len", b_len, 0, true);
  api_def_method(bt, "Cap", b_cap, 0, true);
  api_def_method(bt, "Reset", b_reset, 0, true);
  api_def_method(bt, "Grow", b_grow, 1, true);
}
