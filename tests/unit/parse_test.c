/*
** parse_test.c -- unit tests of the csp front end: the lexer (tokens,
** semicolon insertion, decoded literal values, lexical errors), the parser
** (AST dumps of every construct, syntax error texts and positions, error
** recovery, deep nesting, garbage input) and the diagnostics printer.
** It also parses every .csp/.go program under tests/ and examples/ and Go's
** own test/chan, src/sort and src/strings (files with type parameters are
** skipped): the acid test of the grammar.
**
** Run from the repository root (make test does). Prints `N passed, N failed`
** and exits 1 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <inttypes.h>
#include <dirent.h>
#include <sys/stat.h>
#include "vm/gc.h"
#include "lexer/lexer.h"
#include "lexer/diag.h"
#include "parser/ast.h"
#include "parser/parse.h"
#include "grammar.h"

static int passed, failed;

#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    if (cond) {                                                           \
      passed++;                                                           \
    } else {                                                              \
      failed++;                                                           \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                \
      fprintf(stderr, __VA_ARGS__);                                       \
      fputc('\n', stderr);                                                \
    }                                                                     \
  } while (0)

/* ---------------------------------------------------------------- helpers */

/* A GC copy of [s, s+n) with the NUL the lexer needs after it. */
static char *gcdup(const char *s, size_t n) {
  char *c = GC_MALLOC_ATOMIC(n + 1);
  memcpy(c, s, n);
  c[n] = 0;
  return c;
}

/* Parse quietly; messages go to *msgs (all of them, as printed). */
typedef struct Res {
  Node *root;
  Diag d;
  char msgs[8192];
} Res;

static Res *parse_n(const char *src, size_t n) {
  Res *r = GC_MALLOC(sizeof *r);
  char *buf = gcdup(src, n);
  diag_init(&r->d, "t.csp", buf, n);
  char *mem = NULL;
  size_t memlen = 0;
  FILE *f = open_memstream(&mem, &memlen);
  r->d.out = f;
  r->root = parse_source(&r->d, buf, n);
  fclose(f);
  snprintf(r->msgs, sizeof r->msgs, "%s", mem ? mem : "");
  free(mem);
  return r;
}

static Res *parse_s(const char *src) { return parse_n(src, strlen(src)); }

/* ast_dump output on one line: newline + indentation become one space. */
static char *dump_compact(Node *n) {
  char *mem = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&mem, &len);
  ast_dump(n, 0, f);
  fclose(f);
  char *out = GC_MALLOC_ATOMIC(len + 1), *o = out;
  for (size_t i = 0; i < len; i++) {
    if (mem[i] == '\n') {
      while (i + 1 < len && mem[i + 1] == ' ') i++;
      if (i + 1 < len) *o++ = ' ';
    } else {
      *o++ = mem[i];
    }
  }
  *o = 0;
  free(mem);
  return out;
}

/* The compact dump of the file's first top-level item, or of the whole file
** when `whole`. */
static void expect_dump_x(int line, const char *src, const char *want, bool whole) {
  Res *r = parse_s(src);
  if (!r->root) {
    failed++;
    fprintf(stderr, "FAIL %s:%d: parse error for %s\n%s", __FILE__, line, src, r->msgs);
    return;
  }
  Node *n = whole ? r->root : (r->root->list.len ? r->root->list.items[0] : NULL);
  char *got = n ? dump_compact(n) : "(none)";
  if (strcmp(got, want) == 0) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: dump of %s\n  got:  %s\n  want: %s\n", __FILE__, line, src, got,
            want);
  }
}
#define DUMP(src, want) expect_dump_x(__LINE__, src, want, false)
#define DUMPFILE(src, want) expect_dump_x(__LINE__, src, want, true)

/* The first error must be exactly "t.csp:" + want. */
static void expect_err_x(int line, const char *src, size_t n, const char *want, int incomplete) {
  Res *r = parse_n(src, n);
  char full[600];
  snprintf(full, sizeof full, "t.csp:%s", want);
  bool ok = r->root == NULL && r->d.count > 0 && strcmp(r->d.first, full) == 0;
  if (incomplete >= 0 && ok) ok = r->d.incomplete == (incomplete != 0);
  if (ok) {
    passed++;
  } else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: error for %s\n  got:  %s (count %d, incomplete %d, root %p)\n"
            "  want: %s (incomplete %d)\n", __FILE__, line, src, r->d.first, r->d.count,
            r->d.incomplete, (void *)r->root, full, incomplete);
  }
}
#define ERR(src, want) expect_err_x(__LINE__, src, strlen(src), want, -1)
#define ERRI(src, want, inc) expect_err_x(__LINE__, src, strlen(src), want, inc)
#define ERRN(src, n, want) expect_err_x(__LINE__, src, n, want, -1)

/* Tokens of src as text: names and literals as written, auto semicolons as
** ";nl" / ";eof". */
static char *lex_str(const char *src) {
  static char out[4096];
  char *buf = gcdup(src, strlen(src));
  Diag d;
  diag_init(&d, "t.csp", buf, strlen(src));
  d.quiet = true;
  Lexer L;
  lexer_init(&L, &d, buf, strlen(src));
  Token t;
  out[0] = 0;
  size_t n = 0;
  for (int i = 0; i < 500 && lexer_next(&L, &t); i++) {
    char w[256];
    if (t.kind == TK_SEMI)
      snprintf(w, sizeof w, "%s", (t.flags & TOKF_EOFSEMI) ? ";eof" : (t.flags & TOKF_AUTOSEMI) ? ";nl" : ";");
    else if (t.kind == TK_IDENT || t.kind == TK_INT || t.kind == TK_FLOAT || t.kind == TK_IMAG ||
             t.kind == TK_RUNE || t.kind == TK_STRING)
      snprintf(w, sizeof w, "%.*s", t.len, t.text);
    else
      snprintf(w, sizeof w, "%s", lexer_token_text(t.kind));
    n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", w);
    if (n >= sizeof out) break;
  }
  return out;
}
#define LEX(src, want)                                                          \
  do {                                                                          \
    const char *got_ = lex_str(src);                                            \
    CHECK(strcmp(got_, want) == 0, "lex %s\n  got:  %s\n  want: %s", src, got_, want); \
  } while (0)

/* First token of src (errors quiet). */
static Token lex1(const char *src, Diag *d) {
  char *buf = gcdup(src, strlen(src));
  diag_init(d, "t.csp", buf, strlen(src));
  d->quiet = true;
  Lexer L;
  lexer_init(&L, d, buf, strlen(src));
  Token t;
  lexer_next(&L, &t);
  return t;
}

static void int_lit(int line, const char *src, uint64_t want, bool ovf) {
  Diag d;
  Token t = lex1(src, &d);
  bool ok = t.kind == TK_INT && (uint64_t)t.ival == want && !!(t.flags & TOKF_OVERFLOW) == ovf &&
            d.count == 0;
  if (ok) passed++;
  else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: int %s: kind %d val %" PRIu64 " flags %d errors %d (%s)\n",
            __FILE__, line, src, t.kind, (uint64_t)t.ival, t.flags, d.count, d.first);
  }
}
#define INTLIT(src, v) int_lit(__LINE__, src, v, false)

static void float_lit(int line, const char *src, int kind, double want, bool ovf) {
  Diag d;
  Token t = lex1(src, &d);
  bool ok = t.kind == kind && t.fval == want && !!(t.flags & TOKF_OVERFLOW) == ovf && d.count == 0;
  if (ok) passed++;
  else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: float %s: kind %d val %.17g flags %d errors %d (%s)\n",
            __FILE__, line, src, t.kind, t.fval, t.flags, d.count, d.first);
  }
}
#define FLOATLIT(src, v) float_lit(__LINE__, src, TK_FLOAT, v, false)
#define IMAGLIT(src, v) float_lit(__LINE__, src, TK_IMAG, v, false)

static void rune_lit(int line, const char *src, int64_t want) {
  Diag d;
  Token t = lex1(src, &d);
  bool ok = t.kind == TK_RUNE && t.ival == want && d.count == 0;
  if (ok) passed++;
  else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: rune %s: kind %d val %" PRId64 " errors %d (%s)\n", __FILE__, line,
            src, t.kind, t.ival, d.count, d.first);
  }
}
#define RUNELIT(src, v) rune_lit(__LINE__, src, v)

static void string_lit(int line, const char *src, const char *want, size_t wlen) {
  Diag d;
  Token t = lex1(src, &d);
  bool ok = t.kind == TK_STRING && t.slen == wlen && memcmp(t.str, want, wlen) == 0 &&
            t.str[wlen] == 0 && d.count == 0;
  if (ok) passed++;
  else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: string %s: kind %d len %zu errors %d (%s)\n", __FILE__, line, src,
            t.kind, t.slen, d.count, d.first);
  }
}
#define STRLIT(src, want) string_lit(__LINE__, src, want, sizeof(want) - 1)

/* The first lexical error of src, without the parser. */
static void lex_err_x(int line, const char *src, size_t n, const char *want, int incomplete) {
  char *buf = gcdup(src, n);
  Diag d;
  diag_init(&d, "t.csp", buf, n);
  d.quiet = true;
  Lexer L;
  lexer_init(&L, &d, buf, n);
  Token t;
  for (int i = 0; i < 100 && lexer_next(&L, &t); i++) {}
  char full[400];
  snprintf(full, sizeof full, "t.csp:%s", want);
  bool ok = d.count > 0 && strcmp(d.first, full) == 0;
  if (incomplete >= 0 && ok) ok = d.incomplete == (incomplete != 0);
  if (ok) passed++;
  else {
    failed++;
    fprintf(stderr, "FAIL %s:%d: lex error for %s\n  got:  %s (count %d, incomplete %d)\n"
            "  want: %s\n", __FILE__, line, src, d.first, d.count, d.incomplete, full);
  }
}
#define LEXERR(src, want) lex_err_x(__LINE__, src, strlen(src), want, -1)
#define LEXERRI(src, want, inc) lex_err_x(__LINE__, src, strlen(src), want, inc)

/* ------------------------------------------------------------------ lexer */

static void test_tokens(void) {
  LEX("", "");
  LEX("x", "x ;eof");
  LEX("x := 1\ny", "x := 1 ;nl y ;eof");
  LEX("break\ncontinue\nfallthrough\nreturn\n", "break ;nl continue ;nl fallthrough ;nl return ;nl");
  LEX("x++\ny--\n)\n]\n}\n", "x ++ ;nl y -- ;nl ) ;nl ] ;nl } ;nl");
  LEX("1\n2.5\n3i\n'a'\n\"s\"\n`r`\n", "1 ;nl 2.5 ;nl 3i ;nl 'a' ;nl \"s\" ;nl `r` ;nl");
  LEX("a +\nb", "a + b ;eof");
  LEX("f(\na,\n)", "f ( a , ) ;eof");
  LEX("if x {\n}\n", "if x { } ;nl");
  LEX("func\ngo\nx.\ny", "func go x . y ;eof");
  LEX("x /* c */ y", "x y ;eof");
  LEX("x /* multi\nline */ y", "x ;nl y ;eof");
  LEX("( /* multi\nline */ y", "( y ;eof");
  LEX("x // comment\ny", "x ;nl y ;eof");
  LEX("x // comment", "x ;eof");
  LEX("x;y", "x ; y ;eof");
  LEX("\n\n  \t\r\n", "");
  LEX("+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == != "
      "< <= > >= ! ~ = := ... ( ) [ ] { } , ; . :",
      "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^= && || <- ++ -- == != "
      "< <= > >= ! ~ = := ... ( ) [ ] { } , ; . :");
  LEX("a..b", "a . . b ;eof");
  LEX("x.5", "x .5 ;eof");
  LEX("break case chan const continue default defer else fallthrough for func go goto if "
      "import interface map package range return select struct switch type var",
      "break case chan const continue default defer else fallthrough for func go goto if "
      "import interface map package range return select struct switch type var");
  LEX("breakfast _x x1 变量 αβγ ǅ", "breakfast _x x1 变量 αβγ ǅ ;eof");
  LEX("0x1e+2", "0x1e + 2 ;eof");
  LEX("a<-b", "a <- b ;eof");
  LEX("x&^=y", "x &^= y ;eof");
  LEX("\xEF\xBB\xBFx", "x ;eof");   /* BOM at the start is skipped */

  /* positions: columns in bytes, tabs count 1, auto semicolon at the newline */
  {
    const char *src = "a\n\tbc := 1 // x\n  变量\n";
    char *buf = gcdup(src, strlen(src));
    Diag d;
    diag_init(&d, "t", buf, strlen(src));
    Lexer L;
    lexer_init(&L, &d, buf, strlen(src));
    Token t;
    int want[][3] = {
      { TK_IDENT, 1, 1 }, { TK_SEMI, 1, 2 }, { TK_IDENT, 2, 2 }, { TK_DEFINE, 2, 5 },
      { TK_INT, 2, 8 }, { TK_SEMI, 2, 14 }, { TK_IDENT, 3, 3 }, { TK_SEMI, 3, 9 }, { 0, 4, 1 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
      lexer_next(&L, &t);
      CHECK(t.kind == want[i][0] && t.line == want[i][1] && t.col == want[i][2],
            "token %zu: kind %d at %d:%d, want %d at %d:%d", i, t.kind, t.line, t.col, want[i][0],
            want[i][1], want[i][2]);
    }
    CHECK(lexer_next(&L, &t) == 0, "EOF repeats");
  }
  /* a raw string spanning lines keeps line numbers right */
  {
    const char *src = "`a\nb\nc` x";
    char *buf = gcdup(src, strlen(src));
    Diag d;
    diag_init(&d, "t", buf, strlen(src));
    Lexer L;
    lexer_init(&L, &d, buf, strlen(src));
    Token t;
    lexer_next(&L, &t);
    CHECK(t.kind == TK_STRING && t.line == 1 && t.col == 1, "raw string at 1:1");
    lexer_next(&L, &t);
    CHECK(t.kind == TK_IDENT && t.line == 3 && t.col == 4, "x after raw string at %d:%d", t.line,
          t.col);
  }
  /* gc-style token descriptions */
  {
    Diag d;
    char b[128];
    Token t = lex1("foo", &d);
    CHECK(strcmp(lexer_describe(&t, b, sizeof b), "name foo") == 0, "describe name: %s", b);
    t = lex1("\"x\"", &d);
    CHECK(strcmp(lexer_describe(&t, b, sizeof b), "literal \"x\"") == 0, "describe lit: %s", b);
    t = lex1("else", &d);
    CHECK(strcmp(lexer_describe(&t, b, sizeof b), "keyword else") == 0, "describe kw: %s", b);
    t = lex1(",", &d);
    CHECK(strcmp(lexer_describe(&t, b, sizeof b), "comma") == 0, "describe comma: %s", b);
    CHECK(strcmp(lexer_token_desc(TK_SEMI), "semicolon or newline") == 0, "desc semi");
    CHECK(lexer_is_keyword(TK_VAR) && !lexer_is_keyword(TK_IDENT), "is_keyword");
  }
}

static void test_literals(void) {
  INTLIT("0", 0);
  INTLIT("42", 42);
  INTLIT("1_000_000", 1000000);
  INTLIT("0x_1F", 31);
  INTLIT("0XFF", 255);
  INTLIT("0xdead_BEEF", 0xdeadbeefu);
  INTLIT("0o17", 15);
  INTLIT("0O1_7", 15);
  INTLIT("017", 15);
  INTLIT("0_17", 15);
  INTLIT("0b1011", 11);
  INTLIT("0B_1", 1);
  INTLIT("9223372036854775807", 9223372036854775807ull);
  INTLIT("9223372036854775808", 9223372036854775808ull);
  INTLIT("18446744073709551615", UINT64_MAX);
  INTLIT("0xFFFFFFFFFFFFFFFF", UINT64_MAX);
  int_lit(__LINE__, "18446744073709551616", UINT64_MAX, true);
  int_lit(__LINE__, "0x1_0000_0000_0000_0000", UINT64_MAX, true);
  int_lit(__LINE__, "99999999999999999999999", UINT64_MAX, true);

  FLOATLIT("1.5", 1.5);
  FLOATLIT("1e3", 1000.0);
  FLOATLIT("1E-2", 0.01);
  FLOATLIT(".5", 0.5);
  FLOATLIT("5.", 5.0);
  FLOATLIT("1_0.2_5", 10.25);
  FLOATLIT("0x1p-2", 0.25);
  FLOATLIT("0x1.8p1", 3.0);
  FLOATLIT("0X_1FFFP-16", 0x1FFFp-16);
  FLOATLIT("0x.8p0", 0.5);
  FLOATLIT("0128.5", 128.5);
  FLOATLIT("089e1", 890.0);
  FLOATLIT("1e+2", 100.0);
  FLOATLIT("6.67428e-11", 6.67428e-11);
  float_lit(__LINE__, "1e400", TK_FLOAT, __builtin_inf(), true);
  IMAGLIT("1i", 1.0);
  IMAGLIT("1.5i", 1.5);
  IMAGLIT("0x10i", 16.0);
  IMAGLIT("0123i", 123.0);
  IMAGLIT("0o17i", 15.0);
  IMAGLIT("0b11i", 3.0);
  IMAGLIT("1e2i", 100.0);
  IMAGLIT("0x1p2i", 4.0);

  RUNELIT("'a'", 97);
  RUNELIT("'ä'", 228);
  RUNELIT("'本'", 0x672c);
  RUNELIT("'\\a'", 7);
  RUNELIT("'\\b'", 8);
  RUNELIT("'\\f'", 12);
  RUNELIT("'\\n'", 10);
  RUNELIT("'\\r'", 13);
  RUNELIT("'\\t'", 9);
  RUNELIT("'\\v'", 11);
  RUNELIT("'\\\\'", 92);
  RUNELIT("'\\''", 39);
  RUNELIT("'\\x41'", 65);
  RUNELIT("'\\101'", 65);
  RUNELIT("'\\377'", 255);
  RUNELIT("'\\xff'", 255);
  RUNELIT("'\\u12e4'", 0x12e4);
  RUNELIT("'\\U00101234'", 0x101234);
  RUNELIT("'\"'", 34);

  STRLIT("\"\"", "");
  STRLIT("\"abc\"", "abc");
  STRLIT("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\"");
  STRLIT("\"\\x41\\101\\u00e4\\U0001F600\"", "AA\xc3\xa4\xf0\x9f\x98\x80");
  STRLIT("\"\\xff\\000\"", "\xff\0");
  STRLIT("\"日本語\"", "日本語");
  STRLIT("\"'\"", "'");
  STRLIT("`a\r\nb`", "a\nb");
  STRLIT("`\\n\"`", "\\n\"");
  STRLIT("`\n`", "\n");
  STRLIT("``", "");

  /* the AST carries the decoded values */
  DUMP("x := 0x10", "(ASSIGN := (IDENT x) -- (INT 0x10 =16))");
  DUMP("x := 18446744073709551616", "(ASSIGN := (IDENT x) -- (INT 18446744073709551616 =18446744073709551615 overflow))");
  DUMP("x := 'a'", "(ASSIGN := (IDENT x) -- (RUNE 'a' =97))");
  DUMP("x := 2.5", "(ASSIGN := (IDENT x) -- (FLOAT 2.5 =2.5))");
  DUMP("x := 2i", "(ASSIGN := (IDENT x) -- (IMAG 2i =2))");
  DUMP("x := \"a\\tb\"", "(ASSIGN := (IDENT x) -- (STRING \"a\\tb\"))");
}

static void test_lex_errors(void) {
  LEXERRI("x := \"abc", "1:6: string not terminated", 1);
  LEXERRI("x := \"abc\ny", "1:10: newline in string", 0);
  LEXERRI("x := `abc\n\n", "1:6: string not terminated", 1);
  LEXERRI("x := 'a", "1:6: rune literal not terminated", 1);
  LEXERRI("x := 'a\n", "1:8: newline in rune literal", 0);
  LEXERR("x := ''", "1:7: empty rune literal or unescaped '");
  LEXERR("x := 'ab'", "1:6: more than one character in rune literal");
  LEXERRI("a\n  /* abc\n\n", "2:3: comment not terminated", 1);
  LEXERR("x := @", "1:6: invalid character U+0040 '@'");
  LEXERR("x := 1 \x01", "1:8: invalid character U+0001");
  LEXERR("x := €", "1:6: invalid character U+20AC '€'");
  LEXERR("x := \xff", "1:6: invalid UTF-8 encoding");
  LEXERR("x := \xc0\x80", "1:6: invalid UTF-8 encoding");
  LEXERR("x := \"a\xff" "b\"", "1:8: invalid UTF-8 encoding");
  LEXERR("// \xfe\n", "1:4: invalid UTF-8 encoding");
  LEXERR("x := 1\xEF\xBB\xBF", "1:7: invalid BOM in the middle of the file");
  lex_err_x(__LINE__, "x := 1\0y", 8, "1:7: invalid NUL character", 0);
  lex_err_x(__LINE__, "s := \"a\0\"", 9, "1:8: invalid NUL character", 0);
  LEXERR("\"\\q\"", "1:3: unknown escape sequence");
  LEXERR("'\\q'", "1:3: unknown escape sequence");
  LEXERR("\"\\'\"", "1:3: unknown escape sequence");
  LEXERR("'\\\"'", "1:3: unknown escape sequence");
  LEXERR("'\\400'", "1:6: octal escape value 256 > 255");
  LEXERR("\"\\xZZ\"", "1:4: invalid character 'Z' in hexadecimal escape");
  LEXERR("\"\\08\"", "1:4: invalid character '8' in octal escape");
  LEXERR("'\\uD800'", "1:8: escape is invalid Unicode code point U+D800");
  LEXERR("'\\U00110000'", "1:12: escape is invalid Unicode code point U+110000");
  LEXERR("09", "1:2: invalid digit '9' in octal literal");
  LEXERR("x := 0b102", "1:10: invalid digit '2' in binary literal");
  LEXERR("0o8", "1:3: invalid digit '8' in octal literal");
  LEXERR("0x", "1:3: hexadecimal literal has no digits");
  LEXERR("0b", "1:3: binary literal has no digits");
  LEXERR("1__0", "1:3: '_' must separate successive digits");
  LEXERR("1_", "1:2: '_' must separate successive digits");
  LEXERR("0x_", "1:4: hexadecimal literal has no digits");
  LEXERR("0_x", "1:2: '_' must separate successive digits");
  LEXERR("0x1.0", "1:6: hexadecimal mantissa requires a 'p' exponent");
  LEXERR("1e", "1:3: exponent has no digits");
  LEXERR("0b1.0", "1:4: invalid radix point in binary literal");
  LEXERR("0o1e3", "1:4: 'e' exponent requires decimal mantissa");
  LEXERR("1p3", "1:2: 'p' exponent requires hexadecimal mantissa");

  /* through the parser: the error reaches the diag, the parse fails */
  ERR("x := \"a\\qb\"", "1:9: unknown escape sequence");
  ERRI("x := `abc", "1:6: string not terminated", 1);
  ERRI("x := \"abc", "1:6: string not terminated", 1);
  ERRI("/* abc", "1:1: comment not terminated", 1);
  ERRI("x := \"abc\n", "1:10: newline in string", 0);
  ERRN("x := 1\0", 7, "1:7: invalid NUL character");
}

/* ----------------------------------------------------------------- parser */

static void test_decls(void) {
  DUMPFILE("", "(FILE)");
  DUMPFILE("  \n// only a comment\n/* and this */\n", "(FILE)");
  DUMPFILE("package main\n", "(FILE main)");
  DUMPFILE("package main\nimport \"fmt\"\nimport m \"math\"\nimport (\n\t\"os\"\n\t_ \"a/b\"\n\t. \"c\"\n)\n",
           "(FILE main -- (IMPORT \"fmt\") (IMPORT \"math\" as m) (IMPORT \"os\") (IMPORT \"a/b\" as _) "
           "(IMPORT \"c\" as .))");
  DUMPFILE("package p; import (\"a\"; \"b\")", "(FILE p -- (IMPORT \"a\") (IMPORT \"b\"))");
  DUMPFILE("import ()", "(FILE)");
  DUMP("func main() {}", "(FUNCDECL main - (FUNCTYPE) (BLOCK))");
  DUMP("func f(a, b int, c string) (int, error) { return 1, nil }",
       "(FUNCDECL f - (FUNCTYPE (FIELD a (IDENT int)) (FIELD b (IDENT int)) (FIELD c (IDENT string)) "
       "-- (FIELD (IDENT int)) (FIELD (IDENT error))) (BLOCK (RETURN (INT 1 =1) (IDENT nil))))");
  DUMP("func f(int, string) int", "(FUNCDECL f - (FUNCTYPE (FIELD (IDENT int)) (FIELD (IDENT string)) -- (FIELD (IDENT int))))");
  DUMP("func f(x int) (n int, err error) {}",
       "(FUNCDECL f - (FUNCTYPE (FIELD x (IDENT int)) -- (FIELD n (IDENT int)) (FIELD err (IDENT error))) (BLOCK))");
  DUMP("func f(format string, args ...interface{}) {}",
       "(FUNCDECL f - (FUNCTYPE variadic (FIELD format (IDENT string)) (FIELD args variadic (TELLIPSIS - (TINTERFACE)))) (BLOCK))");
  DUMP("func f(...int) {}", "(FUNCDECL f - (FUNCTYPE variadic (FIELD variadic (TELLIPSIS - (IDENT int)))) (BLOCK))");
  DUMP("func f(p *pkg.T, m map[string][]int, c <-chan int, fn func(int) bool,) {}",
       "(FUNCDECL f - (FUNCTYPE (FIELD p (TPTR - (SELECTOR T (IDENT pkg)))) (FIELD m (TMAP (IDENT string) (TSLICE - (IDENT int)))) "
       "(FIELD c (TCHAN recv - (IDENT int))) (FIELD fn (TFUNC (FUNCTYPE (FIELD (IDENT int)) -- (FIELD (IDENT bool)))))) (BLOCK))");
  DUMP("func (p *Point) Move(dx int) {}",
       "(FUNCDECL Move (FIELD p (TPTR - (IDENT Point))) (FUNCTYPE (FIELD dx (IDENT int))) (BLOCK))");
  DUMP("func (Point) String() string { return \"\" }",
       "(FUNCDECL String (FIELD (IDENT Point)) (FUNCTYPE -- (FIELD (IDENT string))) (BLOCK (RETURN (STRING \"\"))))");
  DUMP("func f() func() int { return nil }",
       "(FUNCDECL f - (FUNCTYPE -- (FIELD (TFUNC (FUNCTYPE -- (FIELD (IDENT int)))))) (BLOCK (RETURN (IDENT nil))))");
  DUMP("func f() (<-chan int) {}", "(FUNCDECL f - (FUNCTYPE -- (FIELD (TCHAN recv - (IDENT int)))) (BLOCK))");
  DUMP("func f() <-chan int {}", "(FUNCDECL f - (FUNCTYPE -- (FIELD (TCHAN recv - (IDENT int)))) (BLOCK))");
  DUMP("func f(a (int)) {}", "(FUNCDECL f - (FUNCTYPE (FIELD a (IDENT int))) (BLOCK))");

  DUMP("var x int", "(VARDECL (IDENT int) (IDENT x))");
  DUMP("var x, y = 1, 2", "(VARDECL - (IDENT x) (IDENT y) -- (INT 1 =1) (INT 2 =2))");
  DUMP("var x float64 = 1", "(VARDECL (IDENT float64) (IDENT x) -- (INT 1 =1))");
  DUMP("var (\n\ta int\n\tb = 2\n)", "(DECLGROUP (VARDECL (IDENT int) (IDENT a)) (VARDECL - (IDENT b) -- (INT 2 =2)))");
  DUMP("var ()", "(DECLGROUP)");
  DUMP("const x = iota", "(CONSTDECL iota=0 - (IDENT x) -- (IDENT iota))");
  DUMP("const (\n\tA = iota\n\tB\n\t_\n\tC, D = iota * 2, \"s\"\n\tE\n)",
       "(DECLGROUP (CONSTDECL iota=0 - (IDENT A) -- (IDENT iota)) (CONSTDECL iota=1 - (IDENT B)) "
       "(CONSTDECL iota=2 - (IDENT _)) (CONSTDECL iota=3 - (IDENT C) (IDENT D) -- (BINARY * (IDENT iota) (INT 2 =2)) (STRING \"s\")) "
       "(CONSTDECL iota=4 - (IDENT E)))");
  DUMP("const (\n\tKB int64 = 1 << (10 * (iota + 1))\n\tMB\n)",
       "(DECLGROUP (CONSTDECL iota=0 (IDENT int64) (IDENT KB) -- (BINARY << (INT 1 =1) (PAREN (BINARY * (INT 10 =10) (PAREN (BINARY + (IDENT iota) (INT 1 =1))))))) "
       "(CONSTDECL iota=1 - (IDENT MB)))");
  DUMP("type T int", "(TYPEDECL T (IDENT int))");
  DUMP("type A = B", "(TYPEDECL A alias (IDENT B))");
  DUMP("type (\n\tA int\n\tB = string\n)", "(DECLGROUP (TYPEDECL A (IDENT int)) (TYPEDECL B alias (IDENT string)))");
  DUMP("type Point struct {\n\tX, Y int `json:\"x\"`\n\t*Base\n\tio.Reader \"tag\"\n\tname string\n}",
       "(TYPEDECL Point (TSTRUCT (FIELD X tag=`json:\"x\"` (IDENT int)) (FIELD Y tag=`json:\"x\"` (IDENT int)) "
       "(FIELD embedded (TPTR - (IDENT Base))) (FIELD embedded tag=`tag` (SELECTOR Reader (IDENT io))) (FIELD name (IDENT string))))");
  DUMP("type E struct{}", "(TYPEDECL E (TSTRUCT))");
  DUMP("type I interface {\n\tM(a, b int) (int, error)\n\tfmt.Stringer\n\tN()\n\tError\n}",
       "(TYPEDECL I (TINTERFACE (FIELD M (FUNCTYPE (FIELD a (IDENT int)) (FIELD b (IDENT int)) -- (FIELD (IDENT int)) (FIELD (IDENT error)))) "
       "(FIELD (SELECTOR Stringer (IDENT fmt))) (FIELD N (FUNCTYPE)) (FIELD (IDENT Error))))");
  DUMP("type F func(int) (string, bool)", "(TYPEDECL F (TFUNC (FUNCTYPE (FIELD (IDENT int)) -- (FIELD (IDENT string)) (FIELD (IDENT bool)))))");
  DUMP("type A [4][2]*T", "(TYPEDECL A (TARRAY (INT 4 =4) (TARRAY (INT 2 =2) (TPTR - (IDENT T)))))");
  DUMP("type C chan<- chan int", "(TYPEDECL C (TCHAN send - (TCHAN - (IDENT int))))");
  DUMP("type C chan <-chan int", "(TYPEDECL C (TCHAN send - (TCHAN - (IDENT int))))");
  DUMP("type C chan (<-chan int)", "(TYPEDECL C (TCHAN - (TCHAN recv - (IDENT int))))");
  DUMP("type C <-chan <-chan int", "(TYPEDECL C (TCHAN recv - (TCHAN recv - (IDENT int))))");
  DUMP("type P (*int)", "(TYPEDECL P (TPTR - (IDENT int)))");
  DUMP("type M map[string]func() []int", "(TYPEDECL M (TMAP (IDENT string) (TFUNC (FUNCTYPE -- (FIELD (TSLICE - (IDENT int)))))))");
}

static void test_stmts(void) {
  DUMP("x := 1", "(ASSIGN := (IDENT x) -- (INT 1 =1))");
  DUMP("a, b = b, a", "(ASSIGN = (IDENT a) (IDENT b) -- (IDENT b) (IDENT a))");
  DUMP("a[i], p.x, *q = f()", "(ASSIGN = (INDEX (IDENT a) (IDENT i)) (SELECTOR x (IDENT p)) (UNARY * (IDENT q)) -- (CALL (IDENT f)))");
  DUMP("x += 2", "(ASSIGN += (IDENT x) -- (INT 2 =2))");
  DUMP("x &^= y", "(ASSIGN &^= (IDENT x) -- (IDENT y))");
  DUMP("x <<= 1", "(ASSIGN <<= (IDENT x) -- (INT 1 =1))");
  {
    static const char *ops[] = { "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=" };
    static const int tk[] = { TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_AMP, TK_OR,
                              TK_XOR, TK_SHL, TK_SHR, TK_ANDNOT };
    for (int i = 0; i < 11; i++) {
      char src[64];
      snprintf(src, sizeof src, "x %s 1", ops[i]);
      Res *r = parse_s(src);
      Node *s = r->root ? r->root->list.items[0] : NULL;
      CHECK(s && s->kind == N_ASSIGN && s->op == tk[i], "op-assign %s gives op %d", ops[i],
            s ? s->op : -1);
    }
  }
  DUMP("x++", "(INCDEC ++ (IDENT x))");
  DUMP("p.n--", "(INCDEC -- (SELECTOR n (IDENT p)))");
  DUMP("ch <- v", "(SEND (IDENT ch) (IDENT v))");
  DUMP("ch <- <-d", "(SEND (IDENT ch) (UNARY <- (IDENT d)))");
  DUMP("<-ch", "(EXPRSTMT (UNARY <- (IDENT ch)))");
  DUMP("f(x)", "(EXPRSTMT (CALL (IDENT f) (IDENT x)))");
  DUMP("{ x := 1; { y() } }", "(BLOCK (ASSIGN := (IDENT x) -- (INT 1 =1)) (BLOCK (EXPRSTMT (CALL (IDENT y)))))");
  DUMP(";;;x", "(EXPRSTMT (IDENT x))");
  DUMP("func f() { ; ; }", "(FUNCDECL f - (FUNCTYPE) (BLOCK))");

  DUMP("if x { a() }", "(IF - (IDENT x) (BLOCK (EXPRSTMT (CALL (IDENT a)))))");
  DUMP("if x := f(); x > 0 {} else if y {} else {}",
       "(IF (ASSIGN := (IDENT x) -- (CALL (IDENT f))) (BINARY > (IDENT x) (INT 0 =0)) (BLOCK) (IF - (IDENT y) (BLOCK) (BLOCK)))");
  DUMP("if ; x {}", "(IF - (IDENT x) (BLOCK))");
  DUMP("if x == T {}", "(IF - (BINARY == (IDENT x) (IDENT T)) (BLOCK))");
  DUMP("if v := (T{a: 1}); v.ok {}",
       "(IF (ASSIGN := (IDENT v) -- (PAREN (COMPOSITE (IDENT T) (KEYVALUE (IDENT a) (INT 1 =1))))) (SELECTOR ok (IDENT v)) (BLOCK))");
  DUMP("if f(T{}) {}", "(IF - (CALL (IDENT f) (COMPOSITE (IDENT T))) (BLOCK))");
  DUMP("if x == []int{1}[0] {}", "(IF - (BINARY == (IDENT x) (INDEX (COMPOSITE (TSLICE - (IDENT int)) (INT 1 =1)) (INT 0 =0))) (BLOCK))");
  DUMP("if m[T{}] {}", "(IF - (INDEX (IDENT m) (COMPOSITE (IDENT T))) (BLOCK))");
  DUMP("if ok := s == struct{}{}; ok {}",
       "(IF (ASSIGN := (IDENT ok) -- (BINARY == (IDENT s) (COMPOSITE (TSTRUCT)))) (IDENT ok) (BLOCK))");
  DUMP("if func() bool { return true }() {}",
       "(IF - (CALL (FUNCLIT (FUNCTYPE -- (FIELD (IDENT bool))) (BLOCK (RETURN (IDENT true))))) (BLOCK))");

  DUMP("for {}", "(FOR - - - (BLOCK))");
  DUMP("for x < 3 {}", "(FOR - (BINARY < (IDENT x) (INT 3 =3)) - (BLOCK))");
  DUMP("for i := 0; i < n; i++ { continue }",
       "(FOR (ASSIGN := (IDENT i) -- (INT 0 =0)) (BINARY < (IDENT i) (IDENT n)) (INCDEC ++ (IDENT i)) (BLOCK (CONTINUE)))");
  DUMP("for ;; {}", "(FOR - - - (BLOCK))");
  DUMP("for i := 0; ; i += 2 {}", "(FOR (ASSIGN := (IDENT i) -- (INT 0 =0)) - (ASSIGN += (IDENT i) -- (INT 2 =2)) (BLOCK))");
  DUMP("for ; x; {}", "(FOR - (IDENT x) - (BLOCK))");
  DUMP("for k, v := range m {}", "(RANGE := (IDENT k) (IDENT v) (IDENT m) (BLOCK))");
  DUMP("for i := range 10 {}", "(RANGE := (IDENT i) - (INT 10 =10) (BLOCK))");
  DUMP("for a[0], p.x = range s {}", "(RANGE = (INDEX (IDENT a) (INT 0 =0)) (SELECTOR x (IDENT p)) (IDENT s) (BLOCK))");
  DUMP("for range ch {}", "(RANGE - - (IDENT ch) (BLOCK))");
  DUMP("for _, v := range []int{1, 2} {}",
       "(RANGE := (IDENT _) (IDENT v) (COMPOSITE (TSLICE - (IDENT int)) (INT 1 =1) (INT 2 =2)) (BLOCK))");
  DUMP("for _, b := range []byte(s) {}", "(RANGE := (IDENT _) (IDENT b) (CALL (TSLICE - (IDENT byte)) (IDENT s)) (BLOCK))");
  DUMP("for k := range map[string]int{\"a\": 1} {}",
       "(RANGE := (IDENT k) - (COMPOSITE (TMAP (IDENT string) (IDENT int)) (KEYVALUE (STRING \"a\") (INT 1 =1))) (BLOCK))");

  DUMP("switch {}", "(SWITCH)");
  DUMP("switch x {\ncase 1, 2:\n\tf()\n\tfallthrough\ncase 3:\ndefault:\n\tg()\n}",
       "(SWITCH - (IDENT x) (CASE fallthrough (INT 1 =1) (INT 2 =2) -- (EXPRSTMT (CALL (IDENT f))) (FALLTHROUGH)) "
       "(CASE (INT 3 =3)) (CASE -- (EXPRSTMT (CALL (IDENT g)))))");
  DUMP("switch x := f(); x {}", "(SWITCH (ASSIGN := (IDENT x) -- (CALL (IDENT f))) (IDENT x))");
  DUMP("switch x := f(); {}", "(SWITCH (ASSIGN := (IDENT x) -- (CALL (IDENT f))))");
  DUMP("switch ; {}", "(SWITCH)");
  DUMP("switch { case x > 1: }", "(SWITCH - - (CASE (BINARY > (IDENT x) (INT 1 =1))))");
  DUMP("switch T {}", "(SWITCH - (IDENT T))");
  DUMP("switch v := x.(type) {\ncase int, *T, []string, nil:\ncase func(int) bool, chan<- int, map[K]V:\ndefault:\n}",
       "(TYPESWITCH v - (IDENT x) (CASE (IDENT int) (TPTR - (IDENT T)) (TSLICE - (IDENT string)) (IDENT nil)) "
       "(CASE (TFUNC (FUNCTYPE (FIELD (IDENT int)) -- (FIELD (IDENT bool)))) (TCHAN send - (IDENT int)) (TMAP (IDENT K) (IDENT V))) (CASE))");
  DUMP("switch x.(type) {}", "(TYPESWITCH - (IDENT x))");
  DUMP("switch y := 1; t := y.(type) { case error: }",
       "(TYPESWITCH t (ASSIGN := (IDENT y) -- (INT 1 =1)) (IDENT y) (CASE (IDENT error)))");
  DUMP("switch f(x).(type) {}", "(TYPESWITCH - (CALL (IDENT f) (IDENT x)))");

  DUMP("select {\ncase v := <-c:\n\tuse(v)\ncase v, ok = <-c:\ncase c <- 1:\ncase <-d:\ncase (<-d):\ndefault:\n}",
       "(SELECT (COMMCLAUSE (ASSIGN := (IDENT v) -- (UNARY <- (IDENT c))) -- (EXPRSTMT (CALL (IDENT use) (IDENT v)))) "
       "(COMMCLAUSE (ASSIGN = (IDENT v) (IDENT ok) -- (UNARY <- (IDENT c)))) (COMMCLAUSE (SEND (IDENT c) (INT 1 =1))) "
       "(COMMCLAUSE (EXPRSTMT (UNARY <- (IDENT d)))) (COMMCLAUSE (EXPRSTMT (PAREN (UNARY <- (IDENT d))))) (COMMCLAUSE))");
  DUMP("select {}", "(SELECT)");

  DUMP("return", "(RETURN)");
  DUMP("func f() (int, int) { return 1, 2 }", "(FUNCDECL f - (FUNCTYPE -- (FIELD (IDENT int)) (FIELD (IDENT int))) (BLOCK (RETURN (INT 1 =1) (INT 2 =2))))");
  DUMP("L: for { break L; continue L; goto L; break; continue }",
       "(LABELED L (FOR - - - (BLOCK (BREAK L) (CONTINUE L) (GOTO L) (BREAK) (CONTINUE))))");
  DUMP("func f() { goto end; end: }", "(FUNCDECL f - (FUNCTYPE) (BLOCK (GOTO end) (LABELED end (EMPTY))))");
  DUMP("L:\nfor {}", "(LABELED L (FOR - - - (BLOCK)))");
  DUMP("go f(x)", "(GO (CALL (IDENT f) (IDENT x)))");
  DUMP("go func() { done <- true }()",
       "(GO (CALL (FUNCLIT (FUNCTYPE) (BLOCK (SEND (IDENT done) (IDENT true))))))");
  DUMP("defer mu.Unlock()", "(DEFER (CALL (SELECTOR Unlock (IDENT mu))))");
  DUMP("func f() { var x int; const c = 1; type T struct{} }",
       "(FUNCDECL f - (FUNCTYPE) (BLOCK (VARDECL (IDENT int) (IDENT x)) (CONSTDECL iota=0 - (IDENT c) -- (INT 1 =1)) (TYPEDECL T (TSTRUCT))))");
  DUMP("func() { println(1) }()", "(EXPRSTMT (CALL (FUNCLIT (FUNCTYPE) (BLOCK (EXPRSTMT (CALL (IDENT println) (INT 1 =1)))))))");
  DUMP("func(x int) { }(5)", "(EXPRSTMT (CALL (FUNCLIT (FUNCTYPE (FIELD x (IDENT int))) (BLOCK)) (INT 5 =5)))");
}

static void test_exprs(void) {
  /* precedence: || && comparison additive multiplicative unary */
  DUMP("x = -a*b + c<<2 &^ d == e", "(ASSIGN = (IDENT x) -- (BINARY == (BINARY + (BINARY * (UNARY - (IDENT a)) (IDENT b)) (BINARY &^ (BINARY << (IDENT c) (INT 2 =2)) (IDENT d))) (IDENT e)))");
  DUMP("x = a || b && c", "(ASSIGN = (IDENT x) -- (BINARY || (IDENT a) (BINARY && (IDENT b) (IDENT c))))");
  DUMP("x = a && b || c", "(ASSIGN = (IDENT x) -- (BINARY || (BINARY && (IDENT a) (IDENT b)) (IDENT c)))");
  DUMP("x = a < b == c", "(ASSIGN = (IDENT x) -- (BINARY == (BINARY < (IDENT a) (IDENT b)) (IDENT c)))");
  DUMP("x = a - b - c", "(ASSIGN = (IDENT x) -- (BINARY - (BINARY - (IDENT a) (IDENT b)) (IDENT c)))");
  DUMP("x = a | b ^ c + d", "(ASSIGN = (IDENT x) -- (BINARY + (BINARY ^ (BINARY | (IDENT a) (IDENT b)) (IDENT c)) (IDENT d)))");
  DUMP("x = a / b % c * d >> e & f", "(ASSIGN = (IDENT x) -- (BINARY & (BINARY >> (BINARY * (BINARY % (BINARY / (IDENT a) (IDENT b)) (IDENT c)) (IDENT d)) (IDENT e)) (IDENT f)))");
  DUMP("x = a != b || c <= d && e >= f || g > h", "(ASSIGN = (IDENT x) -- (BINARY || (BINARY || (BINARY != (IDENT a) (IDENT b)) (BINARY && (BINARY <= (IDENT c) (IDENT d)) (BINARY >= (IDENT e) (IDENT f)))) (BINARY > (IDENT g) (IDENT h))))");
  DUMP("x = !a && ^b == -c", "(ASSIGN = (IDENT x) -- (BINARY && (UNARY ! (IDENT a)) (BINARY == (UNARY ^ (IDENT b)) (UNARY - (IDENT c)))))");
  DUMP("x = +a * *p", "(ASSIGN = (IDENT x) -- (BINARY * (UNARY + (IDENT a)) (UNARY * (IDENT p))))");
  DUMP("x = &a.b[1]", "(ASSIGN = (IDENT x) -- (UNARY & (INDEX (SELECTOR b (IDENT a)) (INT 1 =1))))");
  DUMP("x = <-ch + 1", "(ASSIGN = (IDENT x) -- (BINARY + (UNARY <- (IDENT ch)) (INT 1 =1)))");
  DUMP("x = (a + b) * c", "(ASSIGN = (IDENT x) -- (BINARY * (PAREN (BINARY + (IDENT a) (IDENT b))) (IDENT c)))");

  /* primary expressions */
  DUMP("f(a, b...)", "(EXPRSTMT (CALL ... (IDENT f) (IDENT a) (IDENT b)))");
  DUMP("f(a, b,)", "(EXPRSTMT (CALL (IDENT f) (IDENT a) (IDENT b)))");
  DUMP("f(\n\ta,\n\tb,\n)", "(EXPRSTMT (CALL (IDENT f) (IDENT a) (IDENT b)))");
  DUMP("f()()", "(EXPRSTMT (CALL (CALL (IDENT f))))");
  DUMP("x = a[1]", "(ASSIGN = (IDENT x) -- (INDEX (IDENT a) (INT 1 =1)))");
  DUMP("x = a[1:2]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a) (INT 1 =1) (INT 2 =2)))");
  DUMP("x = a[:]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a)))");
  DUMP("x = a[1:]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a) (INT 1 =1)))");
  DUMP("x = a[:2]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a) - (INT 2 =2)))");
  DUMP("x = a[1:2:3]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a) (INT 1 =1) (INT 2 =2) (INT 3 =3)))");
  DUMP("x = a[:2:3]", "(ASSIGN = (IDENT x) -- (SLICE (IDENT a) - (INT 2 =2) (INT 3 =3)))");
  DUMP("x = a.b.c", "(ASSIGN = (IDENT x) -- (SELECTOR c (SELECTOR b (IDENT a))))");
  DUMP("x = y.(T)", "(ASSIGN = (IDENT x) -- (TYPEASSERT (IDENT y) (IDENT T)))");
  DUMP("x, ok := y.(*pkg.T)", "(ASSIGN := (IDENT x) (IDENT ok) -- (TYPEASSERT (IDENT y) (TPTR - (SELECTOR T (IDENT pkg)))))");
  DUMP("x = y.(interface{ M() })", "(ASSIGN = (IDENT x) -- (TYPEASSERT (IDENT y) (TINTERFACE (FIELD M (FUNCTYPE)))))");

  /* composite literals */
  DUMP("p := Point{1, 2}", "(ASSIGN := (IDENT p) -- (COMPOSITE (IDENT Point) (INT 1 =1) (INT 2 =2)))");
  DUMP("p := Point{X: 1, Y: 2,}", "(ASSIGN := (IDENT p) -- (COMPOSITE (IDENT Point) (KEYVALUE (IDENT X) (INT 1 =1)) (KEYVALUE (IDENT Y) (INT 2 =2))))");
  DUMP("p := pkg.T{}", "(ASSIGN := (IDENT p) -- (COMPOSITE (SELECTOR T (IDENT pkg))))");
  DUMP("p := &T{}", "(ASSIGN := (IDENT p) -- (UNARY & (COMPOSITE (IDENT T))))");
  DUMP("s := []Point{{1, 2}, {X: 3}}", "(ASSIGN := (IDENT s) -- (COMPOSITE (TSLICE - (IDENT Point)) (COMPOSITE - (INT 1 =1) (INT 2 =2)) (COMPOSITE - (KEYVALUE (IDENT X) (INT 3 =3)))))");
  DUMP("m := map[string]Point{\"a\": {1, 2}}", "(ASSIGN := (IDENT m) -- (COMPOSITE (TMAP (IDENT string) (IDENT Point)) (KEYVALUE (STRING \"a\") (COMPOSITE - (INT 1 =1) (INT 2 =2)))))");
  DUMP("m := map[Point]string{{1, 2}: \"a\"}", "(ASSIGN := (IDENT m) -- (COMPOSITE (TMAP (IDENT Point) (IDENT string)) (KEYVALUE (COMPOSITE - (INT 1 =1) (INT 2 =2)) (STRING \"a\"))))");
  DUMP("a := [...]int{1, 2, 3}", "(ASSIGN := (IDENT a) -- (COMPOSITE (TARRAY - (IDENT int)) (INT 1 =1) (INT 2 =2) (INT 3 =3)))");
  DUMP("a := [2][2]int{{1, 2}, {3, 4}}", "(ASSIGN := (IDENT a) -- (COMPOSITE (TARRAY (INT 2 =2) (TARRAY (INT 2 =2) (IDENT int))) (COMPOSITE - (INT 1 =1) (INT 2 =2)) (COMPOSITE - (INT 3 =3) (INT 4 =4))))");
  DUMP("a := [5]int{2: 1, 4: 2}", "(ASSIGN := (IDENT a) -- (COMPOSITE (TARRAY (INT 5 =5) (IDENT int)) (KEYVALUE (INT 2 =2) (INT 1 =1)) (KEYVALUE (INT 4 =4) (INT 2 =2))))");
  DUMP("s := []*T{{}, &T{}}", "(ASSIGN := (IDENT s) -- (COMPOSITE (TSLICE - (TPTR - (IDENT T))) (COMPOSITE) (UNARY & (COMPOSITE (IDENT T)))))");
  DUMP("s := struct{ a, b int }{1, 2}", "(ASSIGN := (IDENT s) -- (COMPOSITE (TSTRUCT (FIELD a (IDENT int)) (FIELD b (IDENT int))) (INT 1 =1) (INT 2 =2)))");
  DUMP("x := []int{\n\t1,\n\t2,\n}", "(ASSIGN := (IDENT x) -- (COMPOSITE (TSLICE - (IDENT int)) (INT 1 =1) (INT 2 =2)))");
  DUMP("x := T{}.f", "(ASSIGN := (IDENT x) -- (SELECTOR f (COMPOSITE (IDENT T))))");

  /* function literals, conversions and type operands */
  DUMP("f := func(a int) int { return a }", "(ASSIGN := (IDENT f) -- (FUNCLIT (FUNCTYPE (FIELD a (IDENT int)) -- (FIELD (IDENT int))) (BLOCK (RETURN (IDENT a)))))");
  DUMP("f := func() {}", "(ASSIGN := (IDENT f) -- (FUNCLIT (FUNCTYPE) (BLOCK)))");
  DUMP("b := []byte(s)", "(ASSIGN := (IDENT b) -- (CALL (TSLICE - (IDENT byte)) (IDENT s)))");
  DUMP("r := []rune(s)", "(ASSIGN := (IDENT r) -- (CALL (TSLICE - (IDENT rune)) (IDENT s)))");
  DUMP("x := float64(i)", "(ASSIGN := (IDENT x) -- (CALL (IDENT float64) (IDENT i)))");
  DUMP("p := (*T)(q)", "(ASSIGN := (IDENT p) -- (CALL (PAREN (UNARY * (IDENT T))) (IDENT q)))");
  DUMP("f := (func())(g)", "(ASSIGN := (IDENT f) -- (CALL (PAREN (TFUNC (FUNCTYPE))) (IDENT g)))");
  DUMP("f := func()(x)", "(ASSIGN := (IDENT f) -- (TFUNC (FUNCTYPE -- (FIELD (IDENT x)))))");
  DUMP("m := (*T).Method", "(ASSIGN := (IDENT m) -- (SELECTOR Method (PAREN (UNARY * (IDENT T)))))");
  DUMP("c := make(chan int)", "(ASSIGN := (IDENT c) -- (CALL (IDENT make) (TCHAN - (IDENT int))))");
  DUMP("c := make(chan<- int, 3)", "(ASSIGN := (IDENT c) -- (CALL (IDENT make) (TCHAN send - (IDENT int)) (INT 3 =3)))");
  DUMP("c := make(<-chan int)", "(ASSIGN := (IDENT c) -- (CALL (IDENT make) (TCHAN recv - (IDENT int))))");
  DUMP("c := (<-chan int)(nil)", "(ASSIGN := (IDENT c) -- (CALL (PAREN (TCHAN recv - (IDENT int))) (IDENT nil)))");
  DUMP("c := make(chan (<-chan int))", "(ASSIGN := (IDENT c) -- (CALL (IDENT make) (TCHAN - (TCHAN recv - (IDENT int)))))");
  DUMP("m := make(map[string][]int, 10)", "(ASSIGN := (IDENT m) -- (CALL (IDENT make) (TMAP (IDENT string) (TSLICE - (IDENT int))) (INT 10 =10)))");
  DUMP("s := make([]int, 0, 5)", "(ASSIGN := (IDENT s) -- (CALL (IDENT make) (TSLICE - (IDENT int)) (INT 0 =0) (INT 5 =5)))");
  DUMP("p := new(struct{ x int })", "(ASSIGN := (IDENT p) -- (CALL (IDENT new) (TSTRUCT (FIELD x (IDENT int)))))");
  DUMP("p := new(func())", "(ASSIGN := (IDENT p) -- (CALL (IDENT new) (TFUNC (FUNCTYPE))))");
  DUMP("e := interface{}(x)", "(ASSIGN := (IDENT e) -- (CALL (TINTERFACE) (IDENT x)))");
  DUMP("var x interface{ M() } = y", "(VARDECL (TINTERFACE (FIELD M (FUNCTYPE))) (IDENT x) -- (IDENT y))");
  DUMP("x := [3]int(a)", "(ASSIGN := (IDENT x) -- (CALL (TARRAY (INT 3 =3) (IDENT int)) (IDENT a)))");
  DUMP("x := []func() int{f, g}", "(ASSIGN := (IDENT x) -- (COMPOSITE (TSLICE - (TFUNC (FUNCTYPE -- (FIELD (IDENT int))))) (IDENT f) (IDENT g)))");
  DUMP("x := []pkg.T{}", "(ASSIGN := (IDENT x) -- (COMPOSITE (TSLICE - (SELECTOR T (IDENT pkg)))))");
  DUMP("x := (T)(y)", "(ASSIGN := (IDENT x) -- (CALL (PAREN (IDENT T)) (IDENT y)))");
}

static void test_syntax_errors(void) {
  ERRI("package main\nfunc main() {\n\tfmt.Println(\"hi\"\n}\n",
       "3:18: syntax error: unexpected newline in argument list; possibly missing comma or )", 0);
  ERRI("func main() {\n", "2:1: syntax error: unexpected EOF, expected }", 1);
  ERRI("func main() {\n\tx := (1 +", "2:11: syntax error: unexpected EOF, expected expression", 1);
  ERRI("fmt.Println(\"a\"", "1:16: syntax error: unexpected EOF in argument list; possibly missing comma or )", 1);
  ERRI("x := ", "1:6: syntax error: unexpected EOF, expected expression", 1);
  ERRI("if x {", "1:7: syntax error: unexpected EOF, expected }", 1);
  ERRI("x := 1 +* ) 2", "1:11: syntax error: unexpected ), expected expression", 0);
  ERR("if x == T{} {\n}\n", "1:13: syntax error: unexpected {, expected semicolon or newline or keyword else");
  ERR("x := [3]int{1,2,3\n}\n", "1:18: syntax error: unexpected newline in composite literal; possibly missing comma or }");
  ERR("f(a b)", "1:5: syntax error: unexpected name b in argument list; possibly missing comma or )");
  ERR("for i := 0; i < 10 {\n}", "1:20: syntax error: unexpected {, expected semicolon or newline");
  ERR("func f() {\n\tif x {\n\t}\n\telse {\n\t}\n}", "4:2: syntax error: unexpected keyword else, expected }");
  ERR("x := 1 2", "1:8: syntax error: unexpected literal 2 at end of statement");
  ERR("var ( a = 1 b = 2 )", "1:13: syntax error: unexpected name b in grouped declaration; possibly missing semicolon or newline or )");
  ERR("type T struct { a int b }", "1:23: syntax error: unexpected name b in struct type; possibly missing semicolon or newline or }");
  ERR("switch { case 1: f() case 2: }", "1:22: syntax error: unexpected keyword case at end of statement");
  ERR("select { case <-c: f() default: }", "1:24: syntax error: unexpected keyword default at end of statement");
  ERR("a, b += 1, 2", "1:6: syntax error: unexpected +=, expected comma");
  ERR("if x := 1 {}", "1:4: syntax error: cannot use x := 1 as value");
  ERR("if x = 1 {}", "1:4: syntax error: cannot use assignment (x) = (1) as value");
  ERR("for x++ {}", "1:5: syntax error: cannot use x++ as value");
  ERR("switch x := 5 {}", "1:8: syntax error: cannot use x := 5 as value");
  ERR("if {}", "1:4: syntax error: missing condition in if statement");
  ERR("if x := 1; {}", "1:10: syntax error: missing condition in if statement");
  ERR("if x := 1\n{}", "1:10: syntax error: unexpected newline, expected { after if clause");
  ERR("for i := 0; i < 1; j := 1 {}", "1:20: syntax error: cannot declare in post statement of for loop");
  ERR("x.y := 1", "1:1: syntax error: non-name x.y on left side of :=");
  ERR("for a[0] := range s {}", "1:5: syntax error: non-name a[0] on left side of :=");
  ERR("for a, b, c := range s {}", "1:11: range clause permits at most two iteration variables");
  ERR("y := x.(type)", "1:6: use of .(type) outside type switch");
  ERR("if x.(type) {}", "1:4: use of .(type) outside type switch");
  ERR("go (f())", "1:4: expression in go must not be parenthesized");
  ERR("defer 1", "1:7: expression in defer must be function call");
  ERR("go x", "1:4: expression in go must be function call");
  ERR("select { case x > 1: }", "1:15: select case must be receive, send or assign recv");
  ERR("select { case x := 1: }", "1:15: select case must be receive, send or assign recv");
  ERR("x := if", "1:6: syntax error: unexpected keyword if, expected expression");
  ERR("var 5 = 1", "1:5: syntax error: unexpected literal 5, expected ( or name");
  ERR("x := (1 + )", "1:11: syntax error: unexpected ), expected expression");
  ERR("fmt.Println((1 + 2)))", "1:21: syntax error: unexpected ) at end of statement");
  ERR("}", "1:1: syntax error: unexpected }, expected statement");
  ERR("func f(a, b int, c) {}", "1:18: syntax error: mixed named and unnamed parameters");
  ERR("func f(a int, string) {}", "1:15: syntax error: mixed named and unnamed parameters");
  ERR("func f() (a int, string) {}", "1:18: syntax error: mixed named and unnamed results");
  ERR("func f(a ...int, b int) {}", "1:10: can only use ... with final parameter in list");
  ERR("func f(a, b ...int) {}", "1:8: can only use ... with final parameter in list");
  ERR("func (a, b T) m() {}", "1:1: method has multiple receivers");
  ERR("func () m() {}", "1:1: method has no receiver");
  ERR("const x", "1:7: missing init expr for const declaration");
  ERR("const x int", "1:9: const declaration cannot have type without expression");
  ERR("const (\n\tx\n)", "2:2: missing init expr for const declaration");
  ERR("x := (T){}", "1:6: cannot parenthesize type in composite literal");
  ERR("x := f(){}", "1:9: invalid composite literal type f()");
  ERR("x := 1 ~ 2", "1:8: syntax error: unexpected ~ at end of statement");
  ERR("func f[T any]() {}", "1:7: syntax error: unexpected [, expected (");
  ERR("x := 1 @ 2", "1:8: invalid character U+0040 '@'");
  ERR("if x { } else y()", "1:15: syntax error: unexpected name y, expected { or keyword if");
  ERR("x := a[1::3]", "1:10: syntax error: unexpected :, expected expression or ]");
  ERR("import \"fmt\"\nx := 1\nimport \"os\"", "3:1: syntax error: unexpected keyword import, expected statement");
  ERR("package main\npackage other", "2:1: syntax error: unexpected keyword package, expected statement");
  ERR("x := 1; x.5", "1:10: syntax error: unexpected literal .5 at end of statement");

  /* several errors: resynchronised at the next statement */
  {
    Res *r = parse_s("func main() {\n\tx := 1 +* )\n\ty := 2\n\tz := (\n\tw := 3\n}\nfunc g() { a b }\n");
    CHECK(r->root == NULL && r->d.count == 3, "three errors, got %d:\n%s", r->d.count, r->msgs);
    CHECK(strstr(r->msgs, "t.csp:2:12: syntax error: unexpected ), expected expression") &&
          strstr(r->msgs, "t.csp:5:4: syntax error: unexpected :=") &&
          strstr(r->msgs, "t.csp:7:14: syntax error: unexpected name b at end of statement"),
          "three messages:\n%s", r->msgs);
    CHECK(!r->d.incomplete, "not incomplete");
  }
  {
    /* a broken function header: its body is skipped as a whole */
    Res *r = parse_s("func Escape[T any](x T) T {\n\tif x {\n\t}\n\treturn x\n}\nfunc ok() {}\nvar v = 1 2\n");
    CHECK(r->root == NULL && r->d.count == 2, "two errors, got %d:\n%s", r->d.count, r->msgs);
  }
  {
    /* more than DIAG_MAX errors: ten messages, then "too many errors" once */
    char src[4096] = "";
    for (int i = 0; i < 30; i++) strcat(src, "x := 1 2\n");
    Res *r = parse_s(src);
    CHECK(r->root == NULL && r->d.count == DIAG_MAX + 1, "count %d", r->d.count);
    int lines = 0;
    for (const char *p = r->msgs; (p = strstr(p, "t.csp:")); p++) lines++;
    CHECK(lines == DIAG_MAX + 1 && strstr(r->msgs, "t.csp:11:8: too many errors\n"),
          "ten errors then too many errors:\n%s", r->msgs);
  }
  /* the REPL's continuation signal */
  {
    static const char *incomplete[] = {
      "func f() {", "x := []int{1,", "if x {\n\ty()", "x := `raw\n", "/* c", "f(1,\n2",
      "for i := 0; i < 3; i++ {", "s := \"a", "switch x {\ncase 1:", "x := 1 +", "var (",
      "type T struct {", "x := func() {",
    };
    static const char *complete_bad[] = {
      "x := 1 )", "x := \"a\nb\"", "}", "x := 1 +* )\n", "f(1,\n2\n",
    };
    for (size_t i = 0; i < sizeof incomplete / sizeof incomplete[0]; i++) {
      Res *r = parse_s(incomplete[i]);
      CHECK(!r->root && r->d.incomplete, "incomplete: %s (%s)", incomplete[i], r->d.first);
    }
    for (size_t i = 0; i < sizeof complete_bad / sizeof complete_bad[0]; i++) {
      Res *r = parse_s(complete_bad[i]);
      CHECK(!r->root && !r->d.incomplete, "not incomplete: %s (%s)", complete_bad[i], r->d.first);
    }
  }
}

/* ------------------------------------------------------------- diagnostics */

static void test_diag(void) {
  const char *src = "package main\n\tx\t:= 1 +\t)\n";
  char *mem = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&mem, &len);
  Diag d;
  diag_init(&d, "p.go", src, strlen(src));
  d.out = f;
  diag_error(&d, 2, 11, "syntax error: unexpected %s", ")");
  fclose(f);
  CHECK(strcmp(mem, "p.go:2:11: syntax error: unexpected )\n\tx\t:= 1 +\t)\n\t \t      \t^\n") == 0,
        "caret output:\n%s", mem);
  CHECK(strcmp(d.first, "p.go:2:11: syntax error: unexpected )") == 0 && d.count == 1, "first");
  free(mem);

  /* quiet: counted and remembered, not printed */
  f = open_memstream(&mem, &len);
  diag_init(&d, "q", src, strlen(src));
  d.out = f;
  d.quiet = true;
  diag_error(&d, 1, 1, "one");
  diag_error(&d, 1, 2, "two");
  fclose(f);
  CHECK(len == 0 && d.count == 2 && strcmp(d.first, "q:1:1: one") == 0, "quiet");
  free(mem);

  /* UTF-8 before the column: one caret column per character */
  const char *u = "s := \"é\" @";
  f = open_memstream(&mem, &len);
  diag_init(&d, "u", u, strlen(u));
  d.out = f;
  diag_error(&d, 1, 11, "x");
  fclose(f);
  CHECK(strstr(mem, "\n         ^\n") != NULL, "utf-8 caret:\n%s", mem);
  free(mem);

  /* column at the end of input (EOF) */
  const char *e = "f(";
  f = open_memstream(&mem, &len);
  diag_init(&d, "e", e, strlen(e));
  d.out = f;
  diag_error(&d, 1, 3, "eof");
  fclose(f);
  CHECK(strcmp(mem, "e:1:3: eof\nf(\n  ^\n") == 0, "eof caret:\n%s", mem);
  free(mem);
}

/* --------------------------------------------------- robustness, nesting */

static void test_robustness(void) {
  /* 10,000 nested parentheses / braces / brackets / unary operators: an
  ** error, not a crash */
  int n = 10000;
  size_t cap = (size_t)n * 8 + 64;   /* longest opener ("func(){") is 7 bytes */
  char *s = GC_MALLOC_ATOMIC(cap);
  const char *openers[] = { "(", "{", "[]", "- ", "func(){", "if x {", "[]func(", "*" };
  const char *pre[] = { "x := ", "", "var x ", "x := ", "x := ", "", "var x ", "var x " };
  for (int k = 0; k < 8; k++) {
    strcpy(s, pre[k]);
    size_t len = strlen(s);
    for (int i = 0; i < n; i++) {
      strcpy(s + len, openers[k]);
      len += strlen(openers[k]);
    }
    strcpy(s + len, "x");
    Res *r = parse_s(s);
    CHECK(r->root == NULL && strstr(r->d.first, "expression nested too deeply"),
          "deep nesting %s: %s", openers[k], r->d.first);
  }
  /* sane depth is fine: 300 parentheses, 200 nested blocks, 300 else-ifs */
  {
    char *b = GC_MALLOC_ATOMIC(100000);
    strcpy(b, "x := ");
    for (int i = 0; i < 300; i++) strcat(b, "(");
    strcat(b, "1");
    for (int i = 0; i < 300; i++) strcat(b, ")");
    Res *r = parse_s(b);
    CHECK(r->root != NULL, "300 parens: %s", r->d.first);
    b[0] = 0;
    for (int i = 0; i < 200; i++) strcat(b, "{\n");
    for (int i = 0; i < 200; i++) strcat(b, "}\n");
    r = parse_s(b);
    CHECK(r->root != NULL, "200 blocks: %s", r->d.first);
    strcpy(b, "if a {\n}");
    for (int i = 0; i < 300; i++) strcat(b, " else if a {\n}");
    strcat(b, " else {\n}\n");
    r = parse_s(b);
    CHECK(r->root != NULL, "300 else-ifs: %s", r->d.first);
    /* long flat things use no stack: 20,000 statements, operands, elements */
    char *big = GC_MALLOC_ATOMIC(400000);
    big[0] = 0;
    size_t bl = 0;
    bl += (size_t)sprintf(big + bl, "x := 0");
    for (int i = 0; i < 20000; i++) bl += (size_t)sprintf(big + bl, " + x");
    bl += (size_t)sprintf(big + bl, "\ny := []int{");
    for (int i = 0; i < 20000; i++) bl += (size_t)sprintf(big + bl, "%d,", i);
    bl += (size_t)sprintf(big + bl, "}\n");
    for (int i = 0; i < 5000; i++) bl += (size_t)sprintf(big + bl, "x++\n");
    r = parse_s(big);
    CHECK(r->root != NULL && r->root->list.len == 5002, "long flat input: %s", r->d.first);
  }
  /* nested parameter groups share type nodes: no exponential walk */
  {
    char *b = GC_MALLOC_ATOMIC(20000);
    strcpy(b, "var f ");
    for (int i = 0; i < 40; i++) strcat(b, "func(a, b, c, d, e, f, g, h ");
    strcat(b, "int");
    for (int i = 0; i < 40; i++) strcat(b, ")");
    Res *r = parse_s(b);
    CHECK(r->root != NULL, "nested parameter groups: %s", r->d.first);
  }
  /* NUL bytes and binary garbage: errors, never a crash */
  {
    char g[] = "\0\0\0func\0main()\0{\0}";
    Res *r = parse_n(g, sizeof g - 1);
    CHECK(r->root == NULL && strstr(r->d.first, "invalid NUL character"), "NULs: %s", r->d.first);
    uint32_t seed = 12345;
    int crashes_avoided = 0;
    for (int iter = 0; iter < 400; iter++) {
      size_t len = (size_t)(iter * 7 % 300) + 1;
      char *buf = GC_MALLOC_ATOMIC(len + 1);
      for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (char)(seed >> 16);
      }
      buf[len] = 0;
      r = parse_n(buf, len);
      crashes_avoided++;
    }
    CHECK(crashes_avoided == 400, "binary garbage");
    /* random token soup exercises the parser's recovery paths */
    static const char *toks[] = {
      "x", "1", "\"s\"", "(", ")", "{", "}", "[", "]", ",", ";", "\n", ":", ":=", "=", "+", "*",
      "<-", "func", "if", "else", "for", "range", "switch", "case", "default", "select", "go",
      "return", "var", "const", "type", "struct", "interface", "map", "chan", ".", "...", "&",
      "!", "++", "break", "L:", "'c'", "import", "package",
    };
    int ntoks = (int)(sizeof toks / sizeof toks[0]);
    for (int iter = 0; iter < 2000; iter++) {
      char buf[1200];
      size_t len = 0;
      int count = iter % 120 + 1;
      for (int i = 0; i < count; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *t = toks[(seed >> 16) % (unsigned)ntoks];
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ", t);
      }
      r = parse_n(buf, len);
      (void)r;
    }
    CHECK(1, "token soup");
  }
}

/* -------------------------------------------------------------- acid test */

static int files_ok, files_bad, files_skipped;

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (n < 0) { fclose(f); return NULL; }
  char *buf = GC_MALLOC_ATOMIC((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  fclose(f);
  buf[got] = 0;
  *len = got;
  return buf;
}

/* Go code with type parameters is out of the subset: `func F[`, `type T[`,
** or a generic receiver `func (r *T[`. */
static bool has_type_params(const char *s) {
  for (const char *p = s; (p = strstr(p, "func ")) || 0; p++) {
    const char *q = p + 5;
    if (*q == '(') {
      const char *e = strchr(q, ')');
      const char *b = strchr(q, '[');
      if (b && e && b < e && b[1] != ']') return true;
      continue;
    }
    while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_') q++;
    if (*q == '[' && q > p + 5) return true;
  }
  for (const char *p = s; (p = strstr(p, "type ")); p++) {
    const char *q = p + 5;
    while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_') q++;
    if (*q == '[' && q > p + 5 && q[1] != ']') {
      /* `type A [N]int` has a space; `type T[P any]` does not */
      return true;
    }
  }
  return false;
}

/* The expected first error line of a golden test (X.err / X.errprefix). */
static char *expected_error(const char *path, bool *prefix) {
  char alt[1024];
  const char *dot = strrchr(path, '.');
  size_t base = dot ? (size_t)(dot - path) : strlen(path);
  const char *exts[] = { ".errprefix", ".err" };
  for (int i = 0; i < 2; i++) {
    snprintf(alt, sizeof alt, "%.*s%s", (int)base, path, exts[i]);
    size_t n;
    char *s = read_file(alt, &n);
    if (s) {
      char *nl = strchr(s, '\n');
      if (nl) *nl = 0;
      *prefix = i == 0;
      return s;
    }
  }
  return NULL;
}

static void parse_file(const char *path, bool golden) {
  size_t len;
  char *src = read_file(path, &len);
  if (!src) { files_bad++; fprintf(stderr, "FAIL cannot read %s\n", path); return; }
  if (has_type_params(src)) { files_skipped++; return; }
  Diag d;
  diag_init(&d, path, src, len);
  d.quiet = true;
  Node *root = parse_source(&d, src, len);
  bool prefix = false;
  char *want = golden ? expected_error(path, &prefix) : NULL;
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  bool meant_to_fail = want && (strstr(want, "syntax error") || !strncmp(name, "syntax_", 7) ||
                                !strncmp(name, "lex_", 4));
  if (root && !meant_to_fail) { files_ok++; return; }
  if (!root && want) {
    bool match = prefix ? strncmp(d.first, want, strlen(want)) == 0 : strcmp(d.first, want) == 0;
    if (match) { files_ok++; return; }
    files_bad++;
    fprintf(stderr, "FAIL %s: first error\n  got:  %s\n  want: %s%s\n", path, d.first, want,
            prefix ? "..." : "");
    return;
  }
  files_bad++;
  if (root) fprintf(stderr, "FAIL %s: parsed, but %s was expected\n", path, want);
  else fprintf(stderr, "FAIL %s: %s\n", path, d.first);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *dir, bool recurse, bool golden) {
  DIR *dp = opendir(dir);
  if (!dp) return;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(dp))) {
    if (de->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = GC_MALLOC(sizeof(char *) * cap);
      if (n) memcpy(nn, names, sizeof(char *) * n);
      names = nn;
    }
    size_t l = strlen(dir) + strlen(de->d_name) + 2;
    names[n] = GC_MALLOC_ATOMIC(l);
    snprintf(names[n], l, "%s/%s", dir, de->d_name);
    n++;
  }
  closedir(dp);
  if (n) qsort(names, n, sizeof(char *), cmp_str);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (stat(names[i], &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (recurse && !strstr(names[i], "testdata")) walk(names[i], true, golden);
      continue;
    }
    size_t l = strlen(names[i]);
    if ((l > 4 && !strcmp(names[i] + l - 4, ".csp")) || (l > 3 && !strcmp(names[i] + l - 3, ".go")))
      parse_file(names[i], golden);
  }
}

static void test_acid(void) {
  struct stat st;
  if (stat("tests", &st) == 0 && S_ISDIR(st.st_mode)) {
    walk("tests", true, true);
    walk("examples", true, true);
    walk("bench", true, false);
  } else {
    fprintf(stderr, "note: not run from the repository root: tests/ and examples/ skipped\n");
  }
  walk("/usr/share/go-1.19/test/chan", false, false);
  walk("/usr/share/go-1.19/src/sort", false, false);
  walk("/usr/share/go-1.19/src/strings", false, false);
  CHECK(files_bad == 0, "%d files failed to parse", files_bad);
  CHECK(files_ok > 50, "only %d files parsed", files_ok);
  printf("acid test: %d files parsed, %d skipped (type parameters), %d failed\n", files_ok,
         files_skipped, files_bad);
}

int main(void) {
  GC_INIT();
  test_tokens();
  test_literals();
  test_lex_errors();
  test_decls();
  test_stmts();
  test_exprs();
  test_syntax_errors();
  test_diag();
  test_robustness();
  test_acid();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
