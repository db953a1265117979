/*
** opcodes.h -- the instruction set (in vm/: the compiler emits it, the VM runs it,
** and the dependency arrow points from compiler to vm): one X-macro list (Wren's style) carrying a
** one-line meaning per opcode (Lua's style). It generates the enum, the
** dispatch table, the disassembler's names and docs/architecture.md's table.
**
** Instructions are 32 bits, Lua 5.4-like:
**   iABC   op:8 | A:8 | B:8 | C:8
**   iABx   op:8 | A:8 | Bx:16            (unsigned)
**   iAsBx  op:8 | A:8 | sBx:16           (signed: Bx - 32767)
**   isJ    op:8 | sJ:24                  (signed: field - 8388607)
**   iAx    op:8 | Ax:24                  (EXTRA: a data word for the previous op)
** Jump offsets are relative to the instruction AFTER the jump (pc already
** advanced): target = pc + 1 + offset.
**
** Notation: R[x] register x of the current frame; K[x] constant x; U[x] the
** Cell of upvalue x; N[x] the interned name proto->names[x]; G[x] global slot x.
** "copy" means value_copy (structs/arrays duplicated, the rest moved).
**
** Calling convention (like Lua): the callee value is in R[A], its arguments in
** R[A+1..]. B = nargs+1, or 0 meaning "arguments up to the top set by the
** previous multi-result CALL (C == 0)". Results land in R[A], R[A+1], ...;
** C = nresults+1, or 0 meaning "all results, set top". The callee's frame
** starts at R[A+1] of the caller (its R[0] is the first argument).
** Methods: SELF puts the method in R[A] and the receiver in R[A+1]; the
** receiver is the method's first parameter (R[0] of the callee).
** Variadic callees pack surplus arguments into a slice on entry, unless the
** call is CALLSPREAD (then the last argument already is that slice).
**
** Blocking instructions (SEND, RECV, SELECT, RANGENEXT on a channel, CALL of a
** parking native) follow the park protocol (fiber.h): the fiber parks with
** pc still AT the instruction; when it is readied, the instruction runs again
** with f->resumed set and completes from what the waker left.
*/
#ifndef CSP_OPCODES_H
#define CSP_OPCODES_H

#include <stdint.h>

#define OPCODES(X) \
  /* ---- loads and moves ---- */ \
  X(MOVE,      iABC,  "R[A] = R[B]") \
  X(VCOPY,     iABC,  "R[A] = copy(R[B])  (value semantics for structs/arrays)") \
  X(LOADK,     iABx,  "R[A] = K[Bx]") \
  X(LOADI,     iAsBx, "R[A] = int(sBx)") \
  X(LOADNIL,   iABC,  "R[A .. A+B] = nil") \
  X(LOADBOOL,  iABC,  "R[A] = bool(B)") \
  X(ZERO,      iABx,  "R[A] = zero value of type K[Bx]") \
  X(GETUPVAL,  iABC,  "R[A] = U[B]->v") \
  X(SETUPVAL,  iABC,  "U[B]->v = R[A]") \
  X(NEWCELL,   iABC,  "R[A] = new Cell holding copy(R[B])  (boxed variable; R[A] is VAL_CELL)") \
  X(CELLGET,   iABC,  "R[A] = R[B].cell->v") \
  X(CELLSET,   iABC,  "R[A].cell->v = R[B]") \
  X(GETGLOBAL, iABx,  "R[A] = G[Bx]") \
  X(SETGLOBAL, iABx,  "G[Bx] = R[A]") \
  X(CLOSURE,   iABx,  "R[A] = closure of protos[Bx], capturing per its UpvalDesc") \
  /* ---- arithmetic: ints wrap (sized ints wrap at their width), floats IEEE, ADD concatenates strings ---- */ \
  X(ADD,       iABC,  "R[A] = R[B] + R[C]") \
  X(SUB,       iABC,  "R[A] = R[B] - R[C]") \
  X(MUL,       iABC,  "R[A] = R[B] * R[C]") \
  X(DIV,       iABC,  "R[A] = R[B] / R[C]  (ints: truncated; panics on integer divide by zero; MinInt64/-1 = MinInt64)") \
  X(MOD,       iABC,  "R[A] = R[B] % R[C]  (sign of dividend; x % -1 = 0)") \
  X(BAND,      iABC,  "R[A] = R[B] & R[C]") \
  X(BOR,       iABC,  "R[A] = R[B] | R[C]") \
  X(BXOR,      iABC,  "R[A] = R[B] ^ R[C]") \
  X(BANDNOT,   iABC,  "R[A] = R[B] &^ R[C]") \
  X(SHL,       iABC,  "R[A] = R[B] << R[C]  (count >= 64 gives 0; negative count panics)") \
  X(SHR,       iABC,  "R[A] = R[B] >> R[C]  (arithmetic for signed, logical for unsigned types)") \
  X(ADDI,      iABC,  "R[A] = R[B] + sC  (sC = C - 127)") \
  /* K forms: as the plain op with R[C] replaced by the number constant K[C] (C < 256) */ \
  X(ADDK,      iABC,  "R[A] = R[B] + K[C]") \
  X(SUBK,      iABC,  "R[A] = R[B] - K[C]") \
  X(MULK,      iABC,  "R[A] = R[B] * K[C]") \
  X(DIVK,      iABC,  "R[A] = R[B] / K[C]  (as DIV)") \
  X(MODK,      iABC,  "R[A] = R[B] % K[C]  (as MOD)") \
  X(NEG,       iABC,  "R[A] = -R[B]") \
  X(NOT,       iABC,  "R[A] = !R[B]") \
  X(BNOT,      iABC,  "R[A] = ^R[B]") \
  /* ---- comparison ---- */ \
  X(EQ,        iABC,  "R[A] = R[B] == R[C]") \
  X(NE,        iABC,  "R[A] = R[B] != R[C]") \
  X(EQIF,      iABC,  "R[A] = R[B] == R[C] as interface values: dynamic types must be identical") \
  X(LT,        iABC,  "R[A] = R[B] < R[C]") \
  X(LE,        iABC,  "R[A] = R[B] <= R[C]") \
  /* ---- jumps; the *J forms test and skip: they are always followed by a JMP ---- */ \
  X(JMP,       isJ,   "pc += sJ") \
  X(JMPIF,     iAsBx, "if R[A] then pc += sBx") \
  X(JMPIFNOT,  iAsBx, "if not R[A] then pc += sBx") \
  X(EQJ,       iABC,  "if (R[A] == R[B]) != C then pc++  (skip the next JMP)") \
  X(LTJ,       iABC,  "if (R[A] < R[B]) != C then pc++") \
  X(LEJ,       iABC,  "if (R[A] <= R[B]) != C then pc++") \
  X(EQJK,      iABC,  "if (R[A] == K[B]) != C then pc++  (K[B] a number constant)") \
  X(LTJK,      iABC,  "if (R[A] < K[B]) != C then pc++") \
  X(LEJK,      iABC,  "if (R[A] <= K[B]) != C then pc++") \
  X(GTJK,      iABC,  "if (R[A] > K[B]) != C then pc++") \
  X(GEJK,      iABC,  "if (R[A] >= K[B]) != C then pc++") \
  /* ---- calls ---- */ \
  X(CALL,      iABC,  "R[A .. A+C-2] = R[A](R[A+1 .. A+B-1])") \
  X(CALLSPREAD,iABC,  "as CALL, the last argument is a slice passed as the variadic parameter (f(xs...))") \
  X(SELF,      iABC,  "R[A+1] = receiver R[B] (adapted to the method's receiver kind); R[A] = method N[C] of R[B]") \
  X(RETURN,    iABC,  "return R[A .. A+B-2]  (B = 0: up to top)") \
  X(TAILCALL,  iABC,  "return R[A](R[A+1 .. A+B-1])  (reuses the frame; never used in functions with defer)") \
  X(GO,        iABC,  "start a goroutine running R[A](R[A+1 .. A+B-1]); C = 1: the last argument is spread") \
  X(DEFER,     iABC,  "push deferred call R[A](R[A+1 .. A+B-1]) on this frame; C = 1: spread") \
  X(RUNDEFERS, iABC,  "if this frame has a deferred call: pop and call it, then execute RUNDEFERS again; else continue") \
  X(PANIC,     iABC,  "panic(R[A])") \
  X(RECOVER,   iABC,  "R[A] = recover()") \
  /* ---- fields, indexes, pointers ---- */ \
  X(GETFIELD,  iABC,  "R[A] = R[B].N[C]  (auto-deref; a method name gives a method value)") \
  X(SETFIELD,  iABC,  "R[A].N[B] = R[C]  (auto-deref)") \
  X(GETFIELDI, iABC,  "R[A] = R[B].fields[C]  (struct value, index known at compile time)") \
  X(SETFIELDI, iABC,  "R[A].fields[B] = R[C]  (struct value, index known at compile time)") \
  X(GETINDEX,  iABC,  "R[A] = R[B][R[C]]  (array, slice, string byte, map (zero if absent), *array)") \
  X(GETINDEX2, iABC,  "R[A], R[A+1] = R[B][R[C]]  (map comma-ok)") \
  X(SETINDEX,  iABC,  "R[A][R[B]] = R[C]") \
  X(SLICE,     iABC,  "R[A] = R[B][R[B+1] : R[B+2] : R[B+3]]  (C bit 0: low given, bit 1: high, bit 2: max)") \
  X(ADDRFIELD, iABC,  "R[A] = &R[B].N[C]") \
  X(ADDRINDEX, iABC,  "R[A] = &R[B][R[C]]") \
  X(ADDRCELL,  iABC,  "R[A] = pointer to the boxed variable in R[B] (VAL_CELL)") \
  X(ADDRUP,    iABC,  "R[A] = pointer to the boxed variable U[B]") \
  X(BOXPTR,    iABC,  "R[A] = pointer to a fresh location holding R[B]  (&T{...}: PTR_STRUCT/PTR_ARRAY, else a new cell)") \
  X(DEREF,     iABC,  "R[A] = *R[B]  (nil: panic)") \
  X(STOREDEREF,iABC,  "*R[A] = R[B]  (structs/arrays behind PTR_STRUCT/PTR_ARRAY are overwritten in place)") \
  /* ---- builtins and conversions ---- */ \
  X(LEN,       iABC,  "R[A] = len(R[B])") \
  X(CAP,       iABC,  "R[A] = cap(R[B])") \
  X(APPEND,    iABC,  "R[A] = append(R[B], R[B+1 .. B+C-1])  (C = 0: up to top)") \
  X(APPENDSPREAD, iABC, "R[A] = append(R[B], R[B+1]...)  (slice or, for []byte, string)") \
  X(COPY,      iABC,  "R[A] = copy(R[B], R[C])") \
  X(DELETE,    iABC,  "delete(R[A], R[B])") \
  X(MAKE,      iABC,  "R[A] = make(type R[B], R[B+1], R[B+2])  (C = number of size arguments, 0..2)") \
  X(NEW,       iABC,  "R[A] = new(type R[B])") \
  X(CONV,      iABC,  "R[A] = T(R[B]) with T = R[C] (a VAL_TYPE)") \
  X(ASSERT,    iABC,  "R[A] = R[B].(T) with T = R[C]; panics with Go's interface conversion message") \
  X(ASSERT2,   iABC,  "R[A], R[A+1] = R[B].(T) with T = R[C] (comma-ok)") \
  X(TYPEIS,    iABC,  "R[A] = R[B] has dynamic type T = R[C] (T interface: implements; type switch)") \
  X(PRINT,     iABC,  "builtin print/println of R[A .. A+B-1] to stderr; C = 1: println") \
  X(MINMAX,    iABC,  "R[A] = min (C = 0) / max (C = 1) of R[A .. A+B-1]") \
  /* ---- channels and goroutines ---- */ \
  X(MAKECHAN,  iABC,  "R[A] = make(chan type R[B], size R[B+1] if C)") \
  X(SEND,      iABC,  "R[A] <- R[B]  (parks)") \
  X(RECV,      iABC,  "R[A] = <-R[B]; if C: R[A+1] = ok  (parks)") \
  X(SELECT,    iABC,  "select over B cases, C bit 0: has default. In: R[A] = int bitmask of send cases; case i uses R[A+3+2i] = chan, R[A+4+2i] = value to send. Out: R[A] = chosen case (-1 = default), R[A+1] = received value, R[A+2] = ok  (parks)") \
  X(CLOSE,     iABC,  "close(R[A])") \
  /* ---- range loops: R[A] = collection, R[A+1] = position, R[A+2] = key, R[A+3] = value ---- */ \
  X(RANGEINIT, iABC,  "prepare to range over R[A] (arrays are copied; ints count 0..n-1); R[A+1] = 0") \
  X(RANGENEXT, iAsBx, "advance: if exhausted pc += sBx, else set R[A+2] (key/index/rune pos/chan value) and R[A+3] (value/rune)  (channels park)") \
  /* ---- misc ---- */ \
  X(EXTRA,     iAx,   "data word for the previous instruction") \
  X(NOP,       iABC,  "nothing")

typedef enum OpCode {
#define OP_ENUM(name, fmt, doc) OP_##name,
  OPCODES(OP_ENUM)
#undef OP_ENUM
  OP__COUNT
} OpCode;

typedef enum OpFormat { iABC, iABx, iAsBx, isJ, iAx } OpFormat;

extern const char *const opcode_names[OP__COUNT];
extern const uint8_t opcode_formats[OP__COUNT];
extern const char *const opcode_docs[OP__COUNT];

typedef uint32_t Instr;

#define MAXARG_Bx   0xFFFF
#define OFFSET_sBx  32767
#define MAXARG_sJ   0xFFFFFF
#define OFFSET_sJ   8388607
#define OFFSET_sC   127

#define GET_OP(i)   ((OpCode)((i) & 0xFF))
#define GET_A(i)    ((int)(((i) >> 8) & 0xFF))
#define GET_B(i)    ((int)(((i) >> 16) & 0xFF))
#define GET_C(i)    ((int)(((i) >> 24) & 0xFF))
#define GET_Bx(i)   ((int)((i) >> 16))
#define GET_sBx(i)  (GET_Bx(i) - OFFSET_sBx)
#define GET_sJ(i)   ((int)((i) >> 8) - OFFSET_sJ)
#define GET_Ax(i)   ((int)((i) >> 8))
#define GET_sC(i)   (GET_C(i) - OFFSET_sC)

#define MK_ABC(o, a, b, c) ((Instr)(o) | ((Instr)(a) << 8) | ((Instr)(b) << 16) | ((Instr)(c) << 24))
#define MK_ABx(o, a, bx)   ((Instr)(o) | ((Instr)(a) << 8) | ((Instr)(bx) << 16))
#define MK_AsBx(o, a, sbx) MK_ABx(o, a, (unsigned)((sbx) + OFFSET_sBx))
#define MK_sJ(o, sj)       ((Instr)(o) | ((Instr)((sj) + OFFSET_sJ) << 8))
#define MK_Ax(o, ax)       ((Instr)(o) | ((Instr)(ax) << 8))

#endif
