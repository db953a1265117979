/*
** unicode.c -- packages unicode and unicode/utf8 (basics).
**
** ASCII and Latin-1 follow Go's tables exactly; beyond them the case mappings
** and letter classes come from the C library's C.UTF-8 locale (a newlocale()
** object, so the process locale is untouched), with Go's White_Space list and
** a table of decimal-digit blocks. If the locale is missing, non-ASCII runes
** are treated as letters without case.
*/
#include <locale.h>
#include <string.h>
#include <wctype.h>
#include "vm/gc.h"
#include "stdlib/stdlib_internal.h"

static locale_t uloc;   /* set once in open_unicode (before any csp code runs) */

static locale_t loc(void) {
  if (!uloc) {
    uloc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!uloc) uloc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
  }
  return uloc;
}

/* First code point of each block of ten decimal digits (category Nd). */
static const int32_t digit_zeros[] = {
  0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
  0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946,
  0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
  0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0,
  0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50,
  0x11DA0, 0x16A60, 0x16B50, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

bool uni_is_digit(int32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  if (r >= 0x1D7CE && r <= 0x1D7FF) return true;
  for (size_t i = 0; i < sizeof digit_zeros / sizeof digit_zeros[0]; i++)
    if (r >= digit_zeros[i] && r < digit_zeros[i] + 10) return true;
  return false;
}

bool uni_is_space(int32_t r) {
  if (r < 0x100) {
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      return true;
    }
    return false;
  }
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 ||
         r == 0x202F || r == 0x205F || r == 0x3000;
}

bool uni_is_letter(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r < 0x100) return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xC0 && r != 0xD7 && r != 0xF7);
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return false;
  if (uni_is_digit(r) || uni_is_space(r)) return false;
  locale_t l = loc();
  if (!l) return true;
  return iswalpha_l((wint_t)r, l) != 0;
}

bool uni_is_upper(int32_t r) {
  if (r < 0x80) return r >= 'A' && r <= 'Z';
  if (r < 0x100) return r >= 0xC0 && r <= 0xDE && r != 0xD7;
  locale_t l = loc();
  return l && iswupper_l((wint_t)r, l) != 0;
}

bool uni_is_lower(int32_t r) {
  if (r < 0x80) return r >= 'a' && r <= 'z';
  if (r < 0x100) return r == 0xAA || r == 0xB5 || r == 0xBA || (r >= 0xDF && r != 0xF7);
  locale_t l = loc();
  return l && iswlower_l((wint_t)r, l) != 0;
}

bool uni_is_punct(int32_t r) {
  if (r < 0x80) return r > 0x20 && r < 0x7F && strchr("!\"#%&'()*,-./:;?@[\\]_{}", (int)r) != NULL;
  if (r < 0x100) return r == 0xA1 || r == 0xA7 || r == 0xAB || r == 0xB6 || r == 0xB7 || r == 0xBB || r == 0xBF;
  if ((r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205E) || (r >= 0x3001 && r <= 0x3003) ||
      (r >= 0x3008 && r <= 0x3011))
    return true;
  return false;
}

int32_t uni_to_upper(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  if (r > 0x10FFFF || r < 0) return r;
  if (r == 0xB5) return 0x39C;
  if (r == 0xFF) return 0x178;
  if (r >= 0xE0 && r <= 0xFE && r != 0xF7) return r - 32;
  if (r < 0x100) return r;
  locale_t l = loc();
  return l ? (int32_t)towupper_l((wint_t)r, l) : r;
}

int32_t uni_to_lower(int32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  if (r > 0x10FFFF || r < 0) return r;
  if (r >= 0xC0 && r <= 0xDE && r != 0xD7) return r + 32;
  if (r < 0x100) return r;
  locale_t l = loc();
  return l ? (int32_t)towlower_l((wint_t)r, l) : r;
}

int32_t uni_to_title(int32_t r) {
  if (r >= 0x1C4 && r <= 0x1C6) return 0x1C5;
  if (r >= 0x1C7 && r <= 0x1C9) return 0x1C8;
  if (r >= 0x1CA && r <= 0x1CC) return 0x1CB;
  if (r >= 0x1F1 && r <= 0x1F3) return 0x1F2;
  return uni_to_upper(r);
}

/* Go's SimpleFold for the common orbits: the next rune equivalent under case folding. */
int32_t uni_simple_fold(int32_t r) {
  switch (r) {
  case 'K': return 'k';
  case 'k': return 0x212A;
  case 0x212A: return 'K';
  case 'S': return 's';
  case 's': return 0x17F;
  case 0x17F: return 'S';
  case 0xB5: return 0x39C;
  case 0x39C: return 0x3BC;
  case 0x3BC: return 0xB5;
  }
  int32_t u = uni_to_upper(r), l = uni_to_lower(r);
  if (u != r) return u < r ? u : (l != r ? l : u);
  if (l != r) return l;
  return r;
}

/* {====================================================================
** package unicode
** ===================================================================== */

#define RUNE_ARG(i, var)                                                  \
  int64_t var;                                                            \
  do {                                                                    \
    if (!to_int(args[i], &var)) return arg_error(f, FNAME, (i), "rune", args[i]); \
  } while (0)

#define PRED(cname, goname, expr)                                         \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    static const char *const FNAME_ = goname;                             \
    int64_t r;                                                            \
    if (!to_int(args[0], &r)) return arg_error(f, FNAME_, 0, "rune", args[0]); \
    int32_t c = (int32_t)r;                                               \
    res[0] = BOOL_VAL(r == c && (expr));                                  \
    return 1;                                                             \
  }

PRED(u_is_letter, "unicode.IsLetter", uni_is_letter(c))
PRED(u_is_digit, "unicode.IsDigit", uni_is_digit(c))
PRED(u_is_number, "unicode.IsNumber", uni_is_digit(c) || c == 0xB2 || c == 0xB3 || c == 0xB9 ||
                                          (c >= 0xBC && c <= 0xBE) || (c >= 0x2160 && c <= 0x2188))
PRED(u_is_space, "unicode.IsSpace", uni_is_space(c))
PRED(u_is_upper, "unicode.IsUpper", uni_is_upper(c))
PRED(u_is_lower, "unicode.IsLower", uni_is_lower(c))
PRED(u_is_punct, "unicode.IsPunct", uni_is_punct(c))
PRED(u_is_print, "unicode.IsPrint", fmt_is_print(c))
PRED(u_is_graphic, "unicode.IsGraphic", fmt_is_print(c) || (uni_is_space(c) && c > 0xFF))
PRED(u_is_control, "unicode.IsControl", (c >= 0 && c < 0x20) || (c >= 0x7F && c < 0xA0))
PRED(u_is_title, "unicode.IsTitle", c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2)
PRED(u_is_symbol, "unicode.IsSymbol", c < 0x80 ? strchr("$+<=>^`|~", (int)c) != NULL && c != 0
                                               : (c == 0xA2 || c == 0xA3 || c == 0xA4 || c == 0xA5 ||
                                                  c == 0xA6 || c == 0xA8 || c == 0xA9 || c == 0xAC ||
                                                  c == 0xAE || c == 0xAF || c == 0xB0 || c == 0xB1 ||
                                                  c == 0xB4 || c == 0xB8 || c == 0xD7 || c == 0xF7))

#define MAP(cname, goname, fn)                                            \
  static int cname(Fiber *f, Value *args, int nargs, Value *res) {        \
    static const char *const FNAME_ = goname;                             \
    int64_t r;                                                            \
    if (!to_int(args[0], &r)) return arg_error(f, FNAME_, 0, "rune", args[0]); \
    res[0] = RUNE_VAL(r == (int32_t)r ? fn((int32_t)r) : (int32_t)r);     \
    return 1;                                                             \
  }

MAP(u_to_upper, "unicode.ToUpper", uni_to_upper)
MAP(u_to_lower, "unicode.ToLower", uni_to_lower)
MAP(u_to_title, "unicode.ToTitle", uni_to_title)
MAP(u_simple_fold, "unicode.SimpleFold", uni_simple_fold)

/* }==================================================================== */

/* {====================================================================
** package unicode/utf8
** ===================================================================== */

static bool bytes_arg(Value v, StrBuf *b) { return bytes_of(v, b); }

#define FNAME "utf8.RuneCountInString"
static int u8_rune_count_str(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  int64_t n = 0;
  for (int64_t i = 0; i < s->len; n++) {
    if ((unsigned char)s->data[i] < 0x80) { i++; continue; }
    int32_t r;
    i += utf8_decode((const unsigned char *)s->data + i, (size_t)(s->len - i), &r);
  }
  res[0] = INT_VAL(n);
  return 1;
}
#undef FNAME

#define FNAME "utf8.RuneCount"
static int u8_rune_count(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (!bytes_arg(args[0], &b)) return arg_error(f, FNAME, 0, "[]byte", args[0]);
  int64_t n = 0;
  for (size_t i = 0; i < b.len; n++) {
    int32_t r;
    i += (size_t)utf8_decode((const unsigned char *)b.data + i, b.len - i, &r);
  }
  res[0] = INT_VAL(n);
  return 1;
}
#undef FNAME

#define FNAME "utf8.RuneLen"
static int u8_rune_len(Fiber *f, Value *args, int nargs, Value *res) {
  RUNE_ARG(0, r);
  res[0] = INT_VAL(r != (int32_t)r ? -1 : utf8_rune_len((int32_t)r));
  return 1;
}
#undef FNAME

#define FNAME "utf8.ValidRune"
static int u8_valid_rune(Fiber *f, Value *args, int nargs, Value *res) {
  RUNE_ARG(0, r);
  res[0] = BOOL_VAL(r == (int32_t)r && utf8_rune_len((int32_t)r) > 0);
  return 1;
}
#undef FNAME

static bool valid_utf8(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    if ((unsigned char)s[i] < 0x80) { i++; continue; }
    int32_t r;
    int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
    if (r == RUNE_ERROR && w == 1) return false;
    i += (size_t)w;
  }
  return true;
}

#define FNAME "utf8.ValidString"
static int u8_valid_string(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  res[0] = BOOL_VAL(valid_utf8(s->data, (size_t)s->len));
  return 1;
}
#undef FNAME

#define FNAME "utf8.Valid"
static int u8_valid(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (!bytes_arg(args[0], &b)) return arg_error(f, FNAME, 0, "[]byte", args[0]);
  res[0] = BOOL_VAL(valid_utf8(b.data ? b.data : "", b.len));
  return 1;
}
#undef FNAME

static int decode_first(const char *s, size_t n, Value *res) {
  int32_t r;
  int w = utf8_decode((const unsigned char *)s, n, &r);
  res[0] = RUNE_VAL(r);
  res[1] = INT_VAL(w);
  return 2;
}

static int decode_last(const char *s, size_t n, Value *res) {
  if (n == 0) {
    res[0] = RUNE_VAL(RUNE_ERROR);
    res[1] = INT_VAL(0);
    return 2;
  }
  size_t start = n - 1;
  size_t lim = n >= 4 ? n - 4 : 0;
  while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
  int32_t r;
  int w = utf8_decode((const unsigned char *)s + start, n - start, &r);
  if (start + (size_t)w != n) {
    res[0] = RUNE_VAL(RUNE_ERROR);
    res[1] = INT_VAL(1);
    return 2;
  }
  res[0] = RUNE_VAL(r);
  res[1] = INT_VAL(w);
  return 2;
}

#define FNAME "utf8.DecodeRuneInString"
static int u8_decode_str(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  return decode_first(s->data, (size_t)s->len, res);
}
#undef FNAME

#define FNAME "utf8.DecodeLastRuneInString"
static int u8_decode_last_str(Fiber *f, Value *args, int nargs, Value *res) {
  ARG_STR(0, s);
  return decode_last(s->data, (size_t)s->len, res);
}
#undef FNAME

#define FNAME "utf8.DecodeRune"
static int u8_decode(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (!bytes_arg(args[0], &b)) return arg_error(f, FNAME, 0, "[]byte", args[0]);
  return decode_first(b.data ? b.data : "", b.len, res);
}
#undef FNAME

#define FNAME "utf8.DecodeLastRune"
static int u8_decode_last(Fiber *f, Value *args, int nargs, Value *res) {
  StrBuf b;
  sb_init(&b);
  if (!bytes_arg(args[0], &b)) return arg_error(f, FNAME, 0, "[]byte", args[0]);
  return decode_last(b.data ? b.data : "", b.len, res);
}
#undef FNAME

#define FNAME "utf8.EncodeRune"
static int u8_encode(Fiber *f, Value *args, int nargs, Value *res) {
  RUNE_ARG(1, r);
  char tmp[4];
  int n = utf8_encode(tmp, r == (int32_t)r ? (int32_t)r : RUNE_ERROR);
  int64_t len;
  Value *e = seq_elems(args[0], &len);
  if (len < n) {
    vm_runtime_error(f, "index out of range [%lld] with length %lld", (long long)len, (long long)len);
    return NATIVE_PANIC;
  }
  for (int i = 0; i < n; i++) e[i] = BYTE_VAL((unsigned char)tmp[i]);
  res[0] = INT_VAL(n);
  return 1;
}
#undef FNAME

#define FNAME "utf8.AppendRune"
static int u8_append_rune(Fiber *f, Value *args, int nargs, Value *res) {
  RUNE_ARG(1, r);
  char tmp[4];
  int n = utf8_encode(tmp, r == (int32_t)r ? (int32_t)r : RUNE_ERROR);
  Value vals[4];
  for (int i = 0; i < n; i++) vals[i] = BYTE_VAL((unsigned char)tmp[i]);
  res[0] = slice_append(args[0], type_uint8, vals, n);
  return 1;
}
#undef FNAME

/* }==================================================================== */

void open_unicode(void) {
  loc();
  const char *P = "unicode";
  api_def_func(P, "IsLetter", u_is_letter, 1);
  api_def_func(P, "IsDigit", u_is_digit, 1);
  api_def_func(P, "IsNumber", u_is_number, 1);
  api_def_func(P, "IsSpace", u_is_space, 1);
  api_def_func(P, "IsUpper", u_is_upper, 1);
  api_def_func(P, "IsLower", u_is_lower, 1);
  api_def_func(P, "IsPunct", u_is_punct, 1);
  api_def_func(P, "IsPrint", u_is_print, 1);
  api_def_func(P, "IsGraphic", u_is_graphic, 1);
  api_def_func(P, "IsControl", u_is_control, 1);
  api_def_func(P, "IsTitle", u_is_title, 1);
  api_def_func(P, "IsSymbol", u_is_symbol, 1);
  api_def_func(P, "ToUpper", u_to_upper, 1);
  api_def_func(P, "ToLower", u_to_lower, 1);
  api_def_func(P, "ToTitle", u_to_title, 1);
  api_def_func(P, "SimpleFold", u_simple_fold, 1);
  api_def_const(P, "MaxRune", RUNE_VAL(0x10FFFF));
  api_def_const(P, "ReplacementChar", RUNE_VAL(0xFFFD));
  api_def_const(P, "MaxASCII", RUNE_VAL(0x7F));
  api_def_const(P, "MaxLatin1", RUNE_VAL(0xFF));

  P = "unicode/utf8";
  api_def_func(P, "RuneCountInString", u8_rune_count_str, 1);
  api_def_func(P, "RuneCount", u8_rune_count, 1);
  api_def_func(P, "RuneLen", u8_rune_len, 1);
  api_def_func(P, "ValidRune", u8_valid_rune, 1);
  api_def_func(P, "ValidString", u8_valid_string, 1);
  api_def_func(P, "Valid", u8_valid, 1);
  api_def_func(P, "DecodeRuneInString", u8_decode_str, 1);
  api_def_func(P, "DecodeLastRuneInString", u8_decode_last_str, 1);
  api_def_func(P, "DecodeRune", u8_decode, 1);
  api_def_func(P, "DecodeLastRune", u8_decode_last, 1);
  api_def_func(P, "EncodeRune", u8_encode, 2);
  api_def_func(P, "AppendRune", u8_append_rune, 2);
  api_def_const(P, "RuneError", RUNE_VAL(0xFFFD));
  api_def_const(P, "UTFMax", INT_VAL(4));
  api_def_const(P, "RuneSelf", INT_VAL(0x80));
  api_def_const(P, "MaxRune", RUNE_VAL(0x10FFFF));
}
