/*
** lexer.re -- the csp lexer: Go's token set, automatic semicolon insertion,
** comments, UTF-8 identifiers, and every literal form decoded into the token.
**
** re2c recognises the token classes; literal bodies (numbers, strings, runes,
** raw strings, comments) are scanned by hand below, following the Go spec
** and gc's error wording, because their errors need precise positions.
**
** Invariants:
**  - the input is NUL-terminated and L->lim points at that NUL; a NUL before
**    L->lim is an "invalid NUL character";
**  - L->line/L->bol always describe the line containing L->cur (multi-line
**    tokens update them while scanning);
**  - L->nlsemi is true when the last token was one after which Go inserts a
**    semicolon at a newline / end of input (name, literal, break, continue,
**    fallthrough, return, ++, --, ), ], }).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <math.h>
#include "vm/gc.h"
#include "lexer/lexer.h"
#include "grammar.h"

/*!include:re2c "unicode_categories.re" */

/* ---- small helpers ---------------------------------------------------- */

static int tok_col(const Lexer *L, const char *p) { return (int)(p - L->bol) + 1; }

/* Decode one UTF-8 sequence at p (bounded by lim). Returns the code point and
** stores its length in *n, or returns -1 (and *n = 1) for an invalid sequence
** (bad lead/continuation byte, overlong form, surrogate, > U+10FFFF). */
static int32_t utf8_decode(const char *p, const char *lim, int *n) {
  const unsigned char *s = (const unsigned char *)p;
  size_t avail = (size_t)(lim - p);
  unsigned c = s[0];
  *n = 1;
  if (c < 0x80) return (int32_t)c;
  int len; uint32_t cp, min;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return -1;
  if (avail < (size_t)len) return -1;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  *n = len;
  return (int32_t)cp;
}

/* Append the UTF-8 encoding of cp to *o. */
static void utf8_put(char **o, uint32_t cp) {
  unsigned char *s = (unsigned char *)*o;
  if (cp < 0x80) { *s++ = (unsigned char)cp; }
  else if (cp < 0x800) { *s++ = (unsigned char)(0xC0 | (cp >> 6)); *s++ = (unsigned char)(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    *s++ = (unsigned char)(0xE0 | (cp >> 12)); *s++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    *s++ = (unsigned char)(0x80 | (cp & 0x3F));
  } else {
    *s++ = (unsigned char)(0xF0 | (cp >> 18)); *s++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    *s++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); *s++ = (unsigned char)(0x80 | (cp & 0x3F));
  }
  *o = (char *)s;
}

/* Go's %#U: "U+0040 '@'" (the quoted form only for printable runes). */
static void fmt_U(char *buf, size_t n, int32_t cp) {
  if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp <= 0x10FFFF &&
      !(cp >= 0xD800 && cp <= 0xDFFF)) {
    char enc[8], *e = enc;
    utf8_put(&e, (uint32_t)cp);
    *e = 0;
    snprintf(buf, n, "U+%04X '%s'", (unsigned)cp, enc);
  } else {
    snprintf(buf, n, "U+%04X", (unsigned)cp);
  }
}

/* Go's %q for a single byte/char inside error messages: 'x' or '\n'. */
static void fmt_q(char *buf, size_t n, const char *p, const char *lim) {
  int len;
  int32_t cp = utf8_decode(p, lim, &len);
  if (p >= lim) { snprintf(buf, n, "EOF"); return; }
  switch (cp) {
  case '\n': snprintf(buf, n, "'\\n'"); return;
  case '\t': snprintf(buf, n, "'\\t'"); return;
  case '\r': snprintf(buf, n, "'\\r'"); return;
  case '\'': snprintf(buf, n, "'\\''"); return;
  case '\\': snprintf(buf, n, "'\\\\'"); return;
  default: break;
  }
  if (cp < 0) { snprintf(buf, n, "'\\x%02x'", (unsigned char)*p); return; }
  if (cp < 0x20 || cp == 0x7F) { snprintf(buf, n, "'\\x%02x'", (unsigned)cp); return; }
  snprintf(buf, n, "'%.*s'", len, p);
}

static void err_at(Lexer *L, const char *p, const char *fmt, const char *arg) {
  char msg[400];
  snprintf(msg, sizeof msg, fmt, arg);
  diag_error(L->diag, L->line, tok_col(L, p), "%s", msg);
}

static const char *base_name(int base) {
  switch (base) {
  case 2: return "binary";
  case 8: return "octal";
  case 16: return "hexadecimal";
  default: return "decimal";
  }
}

static int lower(int c) { return c | 0x20; }
static bool is_dec(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_dec(c) || (lower(c) >= 'a' && lower(c) <= 'f'); }
static int hexval(int c) { return is_dec(c) ? c - '0' : lower(c) - 'a' + 10; }

/* Check one byte (or UTF-8 sequence) of text inside a comment or literal:
** report NUL / invalid UTF-8 / a BOM. Returns the number of bytes it spans. */
static int check_char(Lexer *L, const char *p) {
  if (*p == 0) { err_at(L, p, "invalid NUL character%s", ""); return 1; }
  if ((unsigned char)*p < 0x80) return 1;
  int n;
  int32_t cp = utf8_decode(p, L->lim, &n);
  if (cp < 0) err_at(L, p, "invalid UTF-8 encoding%s", "");
  else if (cp == 0xFEFF) err_at(L, p, "invalid BOM in the middle of the file%s", "");
  return n;
}

/* ---- numbers ------------------------------------------------------------ */

/* digits: accept { digit | '_' }; for base <= 10 any decimal digit is taken
** and the first one >= base is recorded in *invalid. Returns a bitset: bit 0
** a digit was seen, bit 1 a '_' was seen. */
static int scan_digits(const char **pp, int base, const char **invalid) {
  const char *p = *pp;
  int ds = 0;
  if (base <= 10) {
    int max = '0' + base;
    while (is_dec(*p) || *p == '_') {
      if (*p == '_') ds |= 2;
      else { ds |= 1; if (*p >= max && invalid && !*invalid) *invalid = p; }
      p++;
    }
  } else {
    while (is_hex(*p) || *p == '_') { ds |= (*p == '_') ? 2 : 1; p++; }
  }
  *pp = p;
  return ds;
}

/* Index of the first misplaced '_' in the literal text, or -1 (Go's rules:
** '_' only between digits, or between the base prefix and a digit). */
static int invalid_sep(const char *x, int n) {
  int x1 = ' ', d = '.', i = 0;
  if (n >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') { d = '0'; i = 2; }
  }
  for (; i < n; i++) {
    int p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return i;
    } else if (is_dec(d) || (x1 == 'x' && is_hex(d))) {
      d = '0';
    } else {
      if (p == '_') return i - 1;
      d = '.';
    }
  }
  if (d == '_') return n - 1;
  return -1;
}

/* Integer value of the digits in [p, e) (underscores skipped); saturates at
** UINT64_MAX and sets *ovf when the value does not fit. */
static uint64_t int_value(const char *p, const char *e, int base, bool *ovf) {
  uint64_t v = 0;
  for (; p < e; p++) {
    if (*p == '_') continue;
    unsigned d = (unsigned)hexval(*p);
    if (d >= (unsigned)base) break;
    if (v > (UINT64_MAX - d) / (uint64_t)base) { *ovf = true; return UINT64_MAX; }
    v = v * (uint64_t)base + d;
  }
  return v;
}

/* Float value of text [p, e) without underscores; *ovf on overflow to inf. */
static double float_value(const char *p, const char *e, bool *ovf) {
  char small[128];
  size_t n = (size_t)(e - p);
  char *buf = n < sizeof small ? small : GC_MALLOC_ATOMIC(n + 1);
  size_t k = 0;
  for (; p < e; p++) if (*p != '_') buf[k++] = *p;
  buf[k] = 0;
  errno = 0;
  double v = strtod(buf, NULL);
  if (errno == ERANGE && isinf(v)) *ovf = true;
  return v;
}

/* Scan a number starting at L->tok (L->cur is ignored). */
static int scan_number(Lexer *L, Token *t) {
  const char *s = L->tok, *p = s, *invalid = NULL;
  int base = 10, prefix = 0, ds = 0;
  bool ok = true, is_float = false, is_imag = false, seen_point = false;
  char buf[64];

  if (*p == '.') {
    seen_point = true;
    p++;
  } else {
    if (*p == '0') {
      p++;
      switch (lower(*p)) {
      case 'x': p++; base = 16; prefix = 'x'; break;
      case 'o': p++; base = 8; prefix = 'o'; break;
      case 'b': p++; base = 2; prefix = 'b'; break;
      default: base = 8; prefix = '0'; ds = 1; break;
      }
    }
    ds |= scan_digits(&p, base, &invalid);
    if (*p == '.') {
      if (prefix == 'o' || prefix == 'b') {
        err_at(L, p, "invalid radix point in %s literal", base_name(base));
        ok = false;
      }
      p++;
      seen_point = true;
    }
  }
  if (seen_point) {
    is_float = true;
    ds |= scan_digits(&p, base, &invalid);
  }
  if (!(ds & 1) && ok) {
    err_at(L, p, "%s literal has no digits", base_name(base));
    ok = false;
  }
  int e = lower(*p);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        snprintf(buf, sizeof buf, "'%c'", *p);
        err_at(L, p, "%s exponent requires decimal mantissa", buf);
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        snprintf(buf, sizeof buf, "'%c'", *p);
        err_at(L, p, "%s exponent requires hexadecimal mantissa", buf);
        ok = false;
      }
    }
    p++;
    is_float = true;
    if (*p == '+' || *p == '-') p++;
    int eds = scan_digits(&p, 10, NULL);
    ds = eds | (ds & 2);
    if (!(eds & 1) && ok) {
      err_at(L, p, "exponent has no digits%s", "");
      ok = false;
    }
  } else if (prefix == 'x' && is_float && ok) {
    err_at(L, p, "hexadecimal mantissa requires a 'p' exponent%s", "");
    ok = false;
  }
  const char *end_mant = p;
  if (*p == 'i') { is_imag = true; p++; }

  if (!is_float && !is_imag && invalid && ok) {
    fmt_q(buf, sizeof buf, invalid, L->lim);
    char msg[300];
    snprintf(msg, sizeof msg, "invalid digit %s in %s literal", buf, base_name(base));
    err_at(L, invalid, "%s", msg);
    ok = false;
  }
  if ((ds & 2) && ok) {
    int i = invalid_sep(s, (int)(p - s));
    if (i >= 0) {
      err_at(L, s + i, "'_' must separate successive digits%s", "");
      ok = false;
    }
  }

  L->cur = p;
  bool ovf = false;
  if (is_imag) {
    t->kind = TK_IMAG;
    if (!is_float && (prefix == 'x' || prefix == 'o' || prefix == 'b'))
      t->fval = (double)int_value(s + 2, end_mant, base, &ovf);
    else
      t->fval = float_value(s, end_mant, &ovf);
  } else if (is_float) {
    t->kind = TK_FLOAT;
    t->fval = ok ? float_value(s, end_mant, &ovf) : 0.0;
  } else {
    t->kind = TK_INT;
    const char *d = s;
    if (prefix == 'x' || prefix == 'o' || prefix == 'b') d += 2;
    t->ival = ok ? (int64_t)int_value(d, end_mant, base, &ovf) : 0;
  }
  if (ovf) t->flags |= TOKF_OVERFLOW;
  if (!ok) t->flags |= TOKF_BAD;
  return t->kind;
}

/* ---- strings and runes -------------------------------------------------- */

/* Decode one escape sequence; p points just after the backslash. On success
** stores the value in *val and whether it is a byte (\x, octal) in *is_byte,
** advances *pp and returns true. On error reports, advances past what was
** consumed and returns false. Newline/EOF inside the escape return false
** silently (the caller reports the unterminated literal). */
static bool scan_escape(Lexer *L, const char **pp, int quote, uint32_t *val, bool *is_byte) {
  const char *p = *pp;
  int n; uint32_t base, max;
  char buf[128];
  *is_byte = false;
  switch (*p) {
  case 'a': *val = 7; *pp = p + 1; return true;
  case 'b': *val = 8; *pp = p + 1; return true;
  case 'f': *val = 12; *pp = p + 1; return true;
  case 'n': *val = 10; *pp = p + 1; return true;
  case 'r': *val = 13; *pp = p + 1; return true;
  case 't': *val = 9; *pp = p + 1; return true;
  case 'v': *val = 11; *pp = p + 1; return true;
  case '\\': *val = '\\'; *pp = p + 1; return true;
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    n = 3; base = 8; max = 255; *is_byte = true; break;
  case 'x': p++; n = 2; base = 16; max = 255; *is_byte = true; break;
  case 'u': p++; n = 4; base = 16; max = 0x10FFFF; break;
  case 'U': p++; n = 8; base = 16; max = 0x10FFFF; break;
  default:
    if (*p == quote) { *val = (uint32_t)quote; *pp = p + 1; return true; }
    if (p >= L->lim || *p == '\n') { *pp = p; return false; }
    /* the offending character is left for the caller's loop */
    err_at(L, p, "unknown escape sequence%s", "");
    *pp = p;
    return false;
  }
  uint32_t x = 0;
  for (int i = 0; i < n; i++) {
    if (p >= L->lim || *p == '\n') { *pp = p; return false; }
    uint32_t d = base;
    if (is_hex(*p)) d = (uint32_t)hexval(*p);
    if (d >= base) {
      fmt_q(buf, sizeof buf, p, L->lim);
      char msg[300];
      snprintf(msg, sizeof msg, "invalid character %s in %s escape", buf, base_name((int)base));
      err_at(L, p, "%s", msg);
      *pp = p;
      return false;
    }
    x = x * base + d;
    p++;
  }
  *pp = p;
  if (x > max && base == 8) {
    snprintf(buf, sizeof buf, "octal escape value %u > 255", (unsigned)x);
    err_at(L, p, "%s", buf);
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    char u[32];
    fmt_U(u, sizeof u, (int32_t)x);
    snprintf(buf, sizeof buf, "escape is invalid Unicode code point %s", u);
    err_at(L, p, "%s", buf);
    return false;
  }
  *val = x;
  return true;
}

/* Interpreted string: L->tok points at the opening quote. */
static int scan_string(Lexer *L, Token *t) {
  const char *p = L->tok + 1;
  /* pass 1: find the end, to size the decode buffer */
  const char *q = p;
  while (q < L->lim && *q != '"' && *q != '\n') {
    if (*q == '\\' && q + 1 < L->lim && q[1] != '\n') q++;
    q++;
  }
  char *out = GC_MALLOC_ATOMIC((size_t)(q - p) + 1), *o = out;
  bool ok = true;
  for (;;) {
    if (p >= L->lim) {
      err_at(L, L->tok, "string not terminated%s", "");
      L->diag->incomplete = true;
      ok = false;
      break;
    }
    if (*p == '"') { p++; break; }
    if (*p == '\n') {
      err_at(L, p, "newline in string%s", "");
      ok = false;
      break;
    }
    if (*p == '\\') {
      uint32_t v; bool is_byte;
      p++;
      if (scan_escape(L, &p, '"', &v, &is_byte)) {
        if (is_byte) *o++ = (char)v;
        else utf8_put(&o, v);
      } else {
        ok = false;
      }
      continue;
    }
    int n = check_char(L, p);
    memcpy(o, p, (size_t)n);
    o += n; p += n;
  }
  *o = 0;
  L->cur = p;
  t->kind = TK_STRING;
  t->str = out;
  t->slen = (size_t)(o - out);
  if (!ok) t->flags |= TOKF_BAD;
  return TK_STRING;
}

/* Raw string: L->tok points at the opening back quote. CRs are dropped. */
static int scan_raw_string(Lexer *L, Token *t) {
  const char *p = L->tok + 1;
  const char *q = p;
  while (q < L->lim && *q != '`') q++;
  char *out = GC_MALLOC_ATOMIC((size_t)(q - p) + 1), *o = out;
  int start_line = L->line;
  const char *start_bol = L->bol;
  for (;;) {
    if (p >= L->lim) {
      /* report at the opening quote, whose line we have left */
      diag_error(L->diag, start_line, (int)(L->tok - start_bol) + 1, "string not terminated");
      L->diag->incomplete = true;
      t->flags |= TOKF_BAD;
      break;
    }
    if (*p == '`') { p++; break; }
    if (*p == '\r') { p++; continue; }
    if (*p == '\n') {
      *o++ = *p++;
      L->line++;
      L->bol = p;
      continue;
    }
    int n = check_char(L, p);
    memcpy(o, p, (size_t)n);
    o += n; p += n;
  }
  *o = 0;
  L->cur = p;
  t->kind = TK_STRING;
  t->str = out;
  t->slen = (size_t)(o - out);
  return TK_STRING;
}

/* Rune literal: L->tok points at the opening quote. */
static int scan_rune(Lexer *L, Token *t) {
  const char *p = L->tok + 1;
  int count = 0;
  bool ok = true;
  int64_t val = 0;
  for (;;) {
    if (p >= L->lim) {
      if (ok) err_at(L, L->tok, "rune literal not terminated%s", "");
      L->diag->incomplete = true;
      ok = false;
      break;
    }
    if (*p == '\'') {
      if (ok) {
        if (count == 0) { err_at(L, p, "empty rune literal or unescaped '%s", ""); ok = false; }
        else if (count != 1) { err_at(L, L->tok, "more than one character in rune literal%s", ""); ok = false; }
      }
      p++;
      break;
    }
    if (*p == '\n') {
      if (ok) err_at(L, p, "newline in rune literal%s", "");
      ok = false;
      break;
    }
    if (*p == '\\') {
      uint32_t v; bool is_byte;
      p++;
      if (scan_escape(L, &p, '\'', &v, &is_byte)) { if (count == 0) val = v; }
      else ok = false;
      count++;
      continue;
    }
    int n = check_char(L, p);
    if (count == 0) {
      int m;
      int32_t cp = utf8_decode(p, L->lim, &m);
      val = cp < 0 ? 0xFFFD : cp;
    }
    count++;
    p += n;
  }
  L->cur = p;
  t->kind = TK_RUNE;
  t->ival = ok ? val : 0;
  if (!ok) t->flags |= TOKF_BAD;
  return TK_RUNE;
}

/* Block comment: L->tok points at the slash. Returns true if it spanned a
** newline. */
static bool skip_block_comment(Lexer *L) {
  const char *p = L->tok + 2;
  int start_line = L->line;
  const char *start_bol = L->bol;
  bool nl = false;
  for (;;) {
    if (p >= L->lim) {
      diag_error(L->diag, start_line, (int)(L->tok - start_bol) + 1, "comment not terminated");
      L->diag->incomplete = true;
      break;
    }
    if (p[0] == '*' && p[1] == '/') { p += 2; break; }
    if (*p == '\n') { p++; L->line++; L->bol = p; nl = true; continue; }
    p += check_char(L, p);
  }
  L->cur = p;
  return nl;
}

/* Line comment: up to (not including) the newline. */
static void skip_line_comment(Lexer *L) {
  const char *p = L->tok + 2;
  while (p < L->lim && *p != '\n') p += check_char(L, p);
  L->cur = p;
}

/* ---- the scanner -------------------------------------------------------- */

void lexer_init(Lexer *L, Diag *diag, const char *src, size_t len) {
  memset(L, 0, sizeof *L);
  L->src = src;
  L->cur = src;
  L->lim = src + len;
  L->bol = src;
  L->line = 1;
  L->diag = diag;
  /* a byte order mark is allowed as the very first character */
  if (len >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
      (unsigned char)src[2] == 0xBF) {
    L->cur += 3;
    L->bol = L->cur;
  }
}

static int finish(Lexer *L, Token *t, int kind, bool nlsemi) {
  t->kind = kind;
  t->text = L->tok;
  t->len = (int)(L->cur - L->tok);
  L->nlsemi = nlsemi;
  return kind;
}

int lexer_next(Lexer *L, Token *t) {
  memset(t, 0, sizeof *t);
  if (L->done) {
    t->line = L->line;
    t->col = tok_col(L, L->lim);
    t->text = L->lim;
    return 0;
  }
loop:
  L->tok = L->cur;
  t->line = L->line;
  t->col = tok_col(L, L->tok);
  /*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = "L->cur";
    re2c:define:YYMARKER = "L->mar";
    re2c:define:YYLIMIT = "L->lim";
    re2c:yyfill:enable = 0;
    re2c:eof = 0;

    ident = (L | "_") (L | "_" | Nd)*;

    $ {
      if (L->nlsemi) {
        L->nlsemi = false;
        t->kind = TK_SEMI;
        t->flags = TOKF_EOFSEMI;
        t->text = L->lim;
        t->len = 0;
        return TK_SEMI;
      }
      L->done = true;
      t->text = L->lim;
      return 0;
    }

    [ \t\r]+ { goto loop; }
    "\n" {
      if (L->nlsemi) {
        L->nlsemi = false;
        t->kind = TK_SEMI;
        t->flags = TOKF_AUTOSEMI;
        t->text = L->tok;
        t->len = 1;
        L->line++;
        L->bol = L->cur;
        return TK_SEMI;
      }
      L->line++;
      L->bol = L->cur;
      goto loop;
    }
    "//" { skip_line_comment(L); goto loop; }
    "/*" {
      if (skip_block_comment(L) && L->nlsemi) {
        /* a multi-line comment acts like a newline */
        L->nlsemi = false;
        t->kind = TK_SEMI;
        t->flags = TOKF_AUTOSEMI;
        t->text = L->tok;
        t->len = 2;
        return TK_SEMI;
      }
      goto loop;
    }

    "break"       { return finish(L, t, TK_BREAK, true); }
    "case"        { return finish(L, t, TK_CASE, false); }
    "chan"        { return finish(L, t, TK_CHAN, false); }
    "const"       { return finish(L, t, TK_CONST, false); }
    "continue"    { return finish(L, t, TK_CONTINUE, true); }
    "default"     { return finish(L, t, TK_DEFAULT, false); }
    "defer"       { return finish(L, t, TK_DEFER, false); }
    "else"        { return finish(L, t, TK_ELSE, false); }
    "fallthrough" { return finish(L, t, TK_FALLTHROUGH, true); }
    "for"         { return finish(L, t, TK_FOR, false); }
    "func"        { return finish(L, t, TK_FUNC, false); }
    "go"          { return finish(L, t, TK_GO, false); }
    "goto"        { return finish(L, t, TK_GOTO, false); }
    "if"          { return finish(L, t, TK_IF, false); }
    "import"      { return finish(L, t, TK_IMPORT, false); }
    "interface"   { return finish(L, t, TK_INTERFACE, false); }
    "map"         { return finish(L, t, TK_MAP, false); }
    "package"     { return finish(L, t, TK_PACKAGE, false); }
    "range"       { return finish(L, t, TK_RANGE, false); }
    "return"      { return finish(L, t, TK_RETURN, true); }
    "select"      { return finish(L, t, TK_SELECT, false); }
    "struct"      { return finish(L, t, TK_STRUCT, false); }
    "switch"      { return finish(L, t, TK_SWITCH, false); }
    "type"        { return finish(L, t, TK_TYPE, false); }
    "var"         { return finish(L, t, TK_VAR, false); }

    ident { return finish(L, t, TK_IDENT, true); }

    [0-9] | "." [0-9] { scan_number(L, t); return finish(L, t, t->kind, true); }
    ["]  { scan_string(L, t); return finish(L, t, TK_STRING, true); }
    [`]  { scan_raw_string(L, t); return finish(L, t, TK_STRING, true); }
    [']  { scan_rune(L, t); return finish(L, t, TK_RUNE, true); }

    "+"   { return finish(L, t, TK_PLUS, false); }
    "-"   { return finish(L, t, TK_MINUS, false); }
    "*"   { return finish(L, t, TK_STAR, false); }
    "/"   { return finish(L, t, TK_SLASH, false); }
    "%"   { return finish(L, t, TK_PERCENT, false); }
    "&"   { return finish(L, t, TK_AMP, false); }
    "|"   { return finish(L, t, TK_OR, false); }
    "^"   { return finish(L, t, TK_XOR, false); }
    "<<"  { return finish(L, t, TK_SHL, false); }
    ">>"  { return finish(L, t, TK_SHR, false); }
    "&^"  { return finish(L, t, TK_ANDNOT, false); }
    "+="  { return finish(L, t, TK_PLUS_ASSIGN, false); }
    "-="  { return finish(L, t, TK_MINUS_ASSIGN, false); }
    "*="  { return finish(L, t, TK_STAR_ASSIGN, false); }
    "/="  { return finish(L, t, TK_SLASH_ASSIGN, false); }
    "%="  { return finish(L, t, TK_PERCENT_ASSIGN, false); }
    "&="  { return finish(L, t, TK_AMP_ASSIGN, false); }
    "|="  { return finish(L, t, TK_OR_ASSIGN, false); }
    "^="  { return finish(L, t, TK_XOR_ASSIGN, false); }
    "<<=" { return finish(L, t, TK_SHL_ASSIGN, false); }
    ">>=" { return finish(L, t, TK_SHR_ASSIGN, false); }
    "&^=" { return finish(L, t, TK_ANDNOT_ASSIGN, false); }
    "&&"  { return finish(L, t, TK_ANDAND, false); }
    "||"  { return finish(L, t, TK_OROR, false); }
    "<-"  { return finish(L, t, TK_ARROW, false); }
    "++"  { return finish(L, t, TK_INC, true); }
    "--"  { return finish(L, t, TK_DEC, true); }
    "=="  { return finish(L, t, TK_EQ, false); }
    "!="  { return finish(L, t, TK_NE, false); }
    "<"   { return finish(L, t, TK_LT, false); }
    "<="  { return finish(L, t, TK_LE, false); }
    ">"   { return finish(L, t, TK_GT, false); }
    ">="  { return finish(L, t, TK_GE, false); }
    "!"   { return finish(L, t, TK_NOT, false); }
    "~"   { return finish(L, t, TK_TILDE, false); }
    "="   { return finish(L, t, TK_ASSIGN, false); }
    ":="  { return finish(L, t, TK_DEFINE, false); }
    "..." { return finish(L, t, TK_ELLIPSIS, false); }
    "("   { return finish(L, t, TK_LPAREN, false); }
    ")"   { return finish(L, t, TK_RPAREN, true); }
    "["   { return finish(L, t, TK_LBRACK, false); }
    "]"   { return finish(L, t, TK_RBRACK, true); }
    "{"   { return finish(L, t, TK_LBRACE, false); }
    "}"   { return finish(L, t, TK_RBRACE, true); }
    ","   { return finish(L, t, TK_COMMA, false); }
    ";"   { return finish(L, t, TK_SEMI, false); }
    "."   { return finish(L, t, TK_DOT, false); }
    ":"   { return finish(L, t, TK_COLON, false); }

    * {
      /* not a token: decode what is there for the message, skip it */
      int n;
      const char *p = L->tok;
      if (*p == 0) {
        err_at(L, p, "invalid NUL character%s", "");
        n = 1;
      } else {
        int32_t cp = utf8_decode(p, L->lim, &n);
        if (cp < 0) {
          err_at(L, p, "invalid UTF-8 encoding%s", "");
        } else if (cp == 0xFEFF) {
          err_at(L, p, "invalid BOM in the middle of the file%s", "");
        } else {
          char u[32];
          fmt_U(u, sizeof u, cp);
          err_at(L, p, "invalid character %s", u);
        }
      }
      L->cur = p + n;
      goto loop;
    }
  */
}

/* ---- token names -------------------------------------------------------- */

static const char *const tok_text[] = {
  [0] = "EOF",
  [TK_PLUS] = "+", [TK_MINUS] = "-", [TK_STAR] = "*", [TK_SLASH] = "/",
  [TK_PERCENT] = "%", [TK_AMP] = "&", [TK_OR] = "|", [TK_XOR] = "^",
  [TK_SHL] = "<<", [TK_SHR] = ">>", [TK_ANDNOT] = "&^", [TK_ANDAND] = "&&",
  [TK_OROR] = "||", [TK_ARROW] = "<-", [TK_INC] = "++", [TK_DEC] = "--",
  [TK_EQ] = "==", [TK_NE] = "!=", [TK_LT] = "<", [TK_LE] = "<=", [TK_GT] = ">",
  [TK_GE] = ">=", [TK_NOT] = "!", [TK_ASSIGN] = "=", [TK_DEFINE] = ":=",
  [TK_ELLIPSIS] = "...", [TK_LPAREN] = "(", [TK_RPAREN] = ")", [TK_LBRACK] = "[",
  [TK_RBRACK] = "]", [TK_LBRACE] = "{", [TK_RBRACE] = "}", [TK_COMMA] = ",",
  [TK_DOT] = ".", [TK_SEMI] = ";", [TK_COLON] = ":", [TK_TILDE] = "~",
  [TK_PLUS_ASSIGN] = "+=", [TK_MINUS_ASSIGN] = "-=", [TK_STAR_ASSIGN] = "*=",
  [TK_SLASH_ASSIGN] = "/=", [TK_PERCENT_ASSIGN] = "%=", [TK_AMP_ASSIGN] = "&=",
  [TK_OR_ASSIGN] = "|=", [TK_XOR_ASSIGN] = "^=", [TK_SHL_ASSIGN] = "<<=",
  [TK_SHR_ASSIGN] = ">>=", [TK_ANDNOT_ASSIGN] = "&^=",
  [TK_BREAK] = "break", [TK_CASE] = "case", [TK_CHAN] = "chan", [TK_CONST] = "const",
  [TK_CONTINUE] = "continue", [TK_DEFAULT] = "default", [TK_DEFER] = "defer",
  [TK_ELSE] = "else", [TK_FALLTHROUGH] = "fallthrough", [TK_FOR] = "for",
  [TK_FUNC] = "func", [TK_GO] = "go", [TK_GOTO] = "goto", [TK_IF] = "if",
  [TK_IMPORT] = "import", [TK_INTERFACE] = "interface", [TK_MAP] = "map",
  [TK_PACKAGE] = "package", [TK_RANGE] = "range", [TK_RETURN] = "return",
  [TK_SELECT] = "select", [TK_STRUCT] = "struct", [TK_SWITCH] = "switch",
  [TK_TYPE] = "type", [TK_VAR] = "var",
  [TK_IDENT] = "name", [TK_INT] = "literal", [TK_FLOAT] = "literal",
  [TK_IMAG] = "literal", [TK_RUNE] = "literal", [TK_STRING] = "literal",
};

#define NTOK_TEXT ((int)(sizeof tok_text / sizeof tok_text[0]))

const char *lexer_token_text(int kind) {
  if (kind < 0 || kind >= NTOK_TEXT || !tok_text[kind]) return "?";
  return tok_text[kind];
}

bool lexer_is_keyword(int kind) {
  switch (kind) {
  case TK_BREAK: case TK_CASE: case TK_CHAN: case TK_CONST: case TK_CONTINUE:
  case TK_DEFAULT: case TK_DEFER: case TK_ELSE: case TK_FALLTHROUGH: case TK_FOR:
  case TK_FUNC: case TK_GO: case TK_GOTO: case TK_IF: case TK_IMPORT:
  case TK_INTERFACE: case TK_MAP: case TK_PACKAGE: case TK_RANGE: case TK_RETURN:
  case TK_SELECT: case TK_STRUCT: case TK_SWITCH: case TK_TYPE: case TK_VAR:
    return true;
  default:
    return false;
  }
}

const char *lexer_token_desc(int kind) {
  static const char *const kw[] = {
    "keyword break", "keyword case", "keyword chan", "keyword const",
    "keyword continue", "keyword default", "keyword defer", "keyword else",
    "keyword fallthrough", "keyword for", "keyword func", "keyword go",
    "keyword goto", "keyword if", "keyword import", "keyword interface",
    "keyword map", "keyword package", "keyword range", "keyword return",
    "keyword select", "keyword struct", "keyword switch", "keyword type",
    "keyword var",
  };
  static const int kwk[] = {
    TK_BREAK, TK_CASE, TK_CHAN, TK_CONST, TK_CONTINUE, TK_DEFAULT, TK_DEFER,
    TK_ELSE, TK_FALLTHROUGH, TK_FOR, TK_FUNC, TK_GO, TK_GOTO, TK_IF, TK_IMPORT,
    TK_INTERFACE, TK_MAP, TK_PACKAGE, TK_RANGE, TK_RETURN, TK_SELECT, TK_STRUCT,
    TK_SWITCH, TK_TYPE, TK_VAR,
  };
  if (kind == TK_COMMA) return "comma";
  if (kind == TK_SEMI) return "semicolon or newline";
  for (size_t i = 0; i < sizeof kwk / sizeof kwk[0]; i++)
    if (kwk[i] == kind) return kw[i];
  return lexer_token_text(kind);
}

const char *lexer_describe(const Token *t, char *buf, size_t n) {
  switch (t->kind) {
  case 0:
    snprintf(buf, n, "EOF");
    break;
  case TK_SEMI:
    snprintf(buf, n, "%s", (t->flags & TOKF_EOFSEMI) ? "EOF"
                           : (t->flags & TOKF_AUTOSEMI) ? "newline" : "semicolon");
    break;
  case TK_IDENT:
    snprintf(buf, n, "name %.*s", t->len, t->text);
    break;
  case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_RUNE: case TK_STRING: {
    /* the literal's source text, cut at a newline (raw strings) */
    int len = t->len;
    const char *nl = memchr(t->text, '\n', (size_t)len);
    if (nl) len = (int)(nl - t->text);
    if (len > 60) len = 60;
    snprintf(buf, n, "literal %.*s%s", len, t->text, len < t->len ? "..." : "");
    break;
  }
  default:
    snprintf(buf, n, "%s", lexer_token_desc(t->kind));
    break;
  }
  return buf;
}
