/*
** format.h -- Go's fmt formatting of values, shared by the fmt package, panics
** ("panic: " + value), the REPL's "=> value" and the teaching tools.
**
** Methods: a value whose type has Error() (checked first) or String() is printed
** through it for %v %s %q (and in nested positions, as Go does), by calling back
** into csp with vm_call(f, ...). With f == NULL, methods are not called.
** Functions return 0, or NATIVE_PANIC if a String()/Error() method panicked.
*/
#ifndef CSP_FORMAT_H
#define CSP_FORMAT_H

#include "vm/strbuf.h"
#include "vm/fiber.h"

/* %v of one value; plus = %+v, sharp = %#v. */
int fmt_value(Fiber *f, StrBuf *b, Value v, bool plus, bool sharp);
/* fmt.Sprintf: every verb and flag of issue 2 (and later 4). Bad verbs and
** argument mismatches print Go's %!verb(type=value) / %!(EXTRA ...) forms. */
int fmt_sprintf(Fiber *f, StrBuf *b, const char *format, size_t flen, const Value *args, int nargs);
/* fmt.Sprint (ln = false: spaces between operands when neither is a string)
** and fmt.Sprintln (ln = true: always spaces, newline at the end). */
int fmt_sprint(Fiber *f, StrBuf *b, const Value *args, int nargs, bool ln);
/* Go's shortest float formatting as %v prints float64 ('g' with the shortest
** repr that round-trips, exponent when exp < -4 || exp >= 21). */
void fmt_float(StrBuf *b, double x, int verb, int prec, int bits);

#endif
