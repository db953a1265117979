/*
** ext.h -- the stdlib packages added for Go compatibility (issue 4): their
** open functions (stdlib_init calls them) and the few helpers they share.
**
**   io.c         io: EOF, ErrUnexpectedEOF, Reader/Writer/... interfaces,
**                ReadAll, WriteString, Copy, Discard
**   bufio.c      bufio: Scanner (ScanLines/Words/Runes/Bytes, custom split
**                funcs), Reader, Writer
**   rand.c       math/rand: the global source, NewSource, New, *Rand
**   container.c  container/heap, container/list, container/ring
**   slices.c     slices and maps (Go 1.21 packages)
**   flag.c       flag: Int/String/Bool/Float64/Duration (+Var), Parse, Args
**   context.c    context: Background, TODO, WithCancel, WithTimeout,
**                WithDeadline, WithValue (Done channels closed on cancel)
*/
#ifndef CSP_STDLIB_EXT_H
#define CSP_STDLIB_EXT_H

#include "vm/object.h"
#include "vm/fiber.h"

void open_io(void);
void open_bufio(void);
void open_rand(void);
void open_container(void);
void open_slices(void);      /* registers "slices" and "maps" */
void open_flag(void);
void open_context(void);

/* ---- shared helpers (io.c) ---- */
/* io.EOF (the one value every package returns and compares with). */
Value io_eof_value(void);
/* The struct a receiver designates: a struct value, a pointer to a struct (any
** pointer kind), or a cell holding one. NULL if v is none of these (nil). */
ObjStruct *ext_struct_of(Value v);
/* Read up to n bytes from an io.Reader into buf: an *os.File is read with
** read(2) (blocking the worker, like os.File.Read), anything else through its
** Read([]byte) (int, error) method. Returns the byte count (>= 0) with *err
** set (NIL_VAL, io.EOF or another error), or NATIVE_PANIC (a panic is set;
** also when r has no Read method). */
int ext_read(Fiber *f, Value r, char *buf, size_t n, Value *err);
/* strings.c: if v is a *strings.Reader, read up to n bytes of it into buf
** (*k bytes, *err io.EOF at its end) and return true. */
bool strings_reader_read(Value v, char *buf, size_t n, int *k, Value *err);
/* strings.c: a new *bytes.Reader over a copy of p[0..n) (bytes.NewReader). */
Value bytes_reader_new(const char *p, size_t n);

/* time.c, for encoding/json: is t the time.Time type / v a time.Time value;
** v as RFC 3339 with nanoseconds (Go's Time.MarshalJSON without the quotes;
** NULL when the year is outside [0,9999]); Go's Time.UnmarshalJSON of the
** JSON text data (quotes included): *out the Time (the zero Time on error),
** false with *err the time.ParseError. */
bool time_is_time_type(const Type *t);
bool time_is_time(Value v);
const char *time_marshal_text(Value t);
bool time_unmarshal_json(const char *data, size_t n, Value *out, Value *err);

#endif
