/*
** vm.c -- the interpreter loop (Lua's lvm.c is the model): fetch a 32-bit
** instruction, dispatch (computed goto under GNU C, a switch otherwise or
** with -DCSP_SWITCH_DISPATCH), run its fast path inline, and hand everything
** unusual to ops.c / call.c / panic.c.
**
** Hot state lives in locals: pc, R (the frame's register base), K (constants),
** cl and fr. SAVE_STATE() stores pc into the frame before anything that can
** panic, park, call or grow the stack; LOAD_STATE() re-derives everything from
** the top frame afterwards (the stack and the frame array move when they grow).
**
** The loop returns at any instruction boundary: VM_YIELD (budget spent, state
** saved so the next vm_execute continues), VM_PARKED (pc left AT the blocking
** instruction, the park protocol of fiber.h), VM_DONE, VM_PANIC; nested runs
** started by vm_call() return VM_CRETURN / VM_CPANIC at their C boundary.
*/
#include <limits.h>
#include <string.h>
#include "vm/interp.h"

#if defined(__GNUC__) && !defined(CSP_SWITCH_DISPATCH)
#define DISPATCH_GOTO 1
#endif

/* Budget used by nested runs (vm_call): they can never yield. */
#define NESTED_BUDGET (INT_MAX / 2)

static inline uint64_t vhdr(const Value *v) {
  uint64_t h;
  memcpy(&h, v, sizeof h);
  return h;
}
/* Copy a Value as two 8-byte words. A plain struct copy becomes one 16-byte
** SSE load, which cannot be store-forwarded from the two 8-byte stores that
** wrote the register a moment ago (a ~12-cycle stall per MOVE). */
static inline void vmove(Value *d, const Value *s) {
  uint64_t w0, w1;
  memcpy(&w0, s, 8);
  memcpy(&w1, (const char *)s + 8, 8);
  __asm__("" : "+r"(w0), "+r"(w1));   /* keep gcc from fusing them back into SSE */
  memcpy(d, &w0, 8);
  memcpy((char *)d + 8, &w1, 8);
}

/* The header word of a plain int (kind VAL_INT, pk 0, aux 0) / float. */
#define HDR_INT   ((uint64_t)VAL_INT)
#define HDR_FLOAT ((uint64_t)VAL_FLOAT)
#define BOTH_INT(a, b)   (((vhdr(a) ^ HDR_INT) | (vhdr(b) ^ HDR_INT)) == 0)
#define BOTH_FLOAT(a, b) (((vhdr(a) ^ HDR_FLOAT) | (vhdr(b) ^ HDR_FLOAT)) == 0)

/* Park the current instruction: pc back AT it, so a resume re-executes it. */
static void park_here(Fiber *f, CallFrame *fr, const Instr *pc) {
  fr->pc = pc - 1;
  fr->flags |= FRAME_AT_PC;
  Proto *p = fr->cl->proto;
  int idx = (int)(fr->pc - p->code);
  f->wait_line = (p->lines && idx >= 0 && idx < p->ncode) ? p->lines[idx] : p->line;
}

/* Wraps a Value in a plain int/bool cheaply. */
#define SET_INT(dst, x)  do { Value *d_ = (dst); d_->kind = VAL_INT; d_->pk = 0; d_->pad = 0; d_->aux = 0; d_->as.i = (x); } while (0)
#define SET_BOOL(dst, x) do { *(dst) = BOOL_VAL(x); } while (0)

int vm_run(Fiber *f, int budget) {
  CallFrame *fr;
  ObjClosure *cl;
  const Value *K;
  const Instr *pc;
  Value *R;
  Instr i;
  int st;

#define SAVE_STATE() (fr->pc = pc)
#define LOAD_STATE() do { \
    fr = &f->frames[f->nframes - 1]; \
    cl = fr->cl; \
    K = cl->proto->k; \
    pc = fr->pc; \
    R = f->stack + fr->base; \
  } while (0)
#define RELOAD_R() (R = f->stack + fr->base)
#define A (GET_A(i))
#define B (GET_B(i))
#define C (GET_C(i))
/* Register operands as byte offsets straight from the instruction word
** (field << 4 == index * sizeof(Value)): one shift and one mask each. */
_Static_assert(sizeof(Value) == 16, "register decoding assumes 16-byte Values");
#define REG_AT(sh) ((Value *)((char *)R + (((size_t)i >> (sh)) & 0xFF0)))
#define RA REG_AT(4)
#define RB REG_AT(12)
#define RC REG_AT(20)
/* Run a slow path that may panic. */
#define PROTECT(call) do { SAVE_STATE(); if (!(call)) goto on_panic; } while (0)
/* Count one unit of budget; at the end, yield with pc AT the instruction
** (pc_at) so the next vm_execute() runs it. */
#define CHECK_BUDGET(pc_at) do { \
    if (__builtin_expect(--budget <= 0 || \
        atomic_load_explicit(&sched_preempt_requested, memory_order_relaxed), 0)) { \
      if (f->c_depth > 0) budget = NESTED_BUDGET; \
      else { fr->pc = (pc_at); fr->flags |= FRAME_AT_PC; return VM_YIELD; } \
    } \
  } while (0)

#ifdef DISPATCH_GOTO
#define OP_LABEL(name, fmt, doc) &&L_##name,
  static const void *const disptab[OP__COUNT] = { OPCODES(OP_LABEL) };
#undef OP_LABEL
#define CASE(name) L_##name:
#define NEXT() do { i = *pc++; goto *disptab[GET_OP(i)]; } while (0)
#define DISPATCH() NEXT()
#else
#define CASE(name) case OP_##name:
#define NEXT() goto next_instr
#define DISPATCH() goto next_instr
#endif

  LOAD_STATE();
  DISPATCH();

#ifndef DISPATCH_GOTO
next_instr:
  i = *pc++;
  switch (GET_OP(i)) {
#endif

  /* ---------------- loads and moves ---------------- */
  CASE(MOVE) { vmove(RA, RB); NEXT(); }
  CASE(VCOPY) {
    Value v = R[B];
    if (value_needs_copy(v)) v = value_copy(v);
    R[A] = v;
    NEXT();
  }
  CASE(LOADK) { vmove(RA, &K[GET_Bx(i)]); NEXT(); }
  CASE(LOADI) { SET_INT(RA, GET_sBx(i)); NEXT(); }
  CASE(LOADNIL) {
    Value *ra = RA;
    for (int n = 0; n <= B; n++) ra[n] = NIL_VAL;
    NEXT();
  }
  CASE(LOADBOOL) { SET_BOOL(RA, B != 0); NEXT(); }
  CASE(ZERO) {
    Value t = K[GET_Bx(i)];
    R[A] = t.kind == VAL_TYPE ? type_zero((Type *)t.as.p) : NIL_VAL;
    NEXT();
  }
  CASE(GETUPVAL) { vmove(RA, &cl->up[B]->v); NEXT(); }
  CASE(SETUPVAL) { vmove(&cl->up[B]->v, RA); NEXT(); }
  CASE(NEWCELL) {
    Value v = R[B];
    if (value_needs_copy(v)) v = value_copy(v);
    R[A] = OBJ_VAL(VAL_CELL, cell_new(v));
    NEXT();
  }
  CASE(CELLGET) {
    Value c = R[B];
    R[A] = c.kind == VAL_CELL ? ((Cell *)c.as.p)->v : c;
    NEXT();
  }
  CASE(CELLSET) {
    Value c = R[A];
    if (c.kind == VAL_CELL) ((Cell *)c.as.p)->v = R[B];
    else R[A] = R[B];
    NEXT();
  }
  CASE(GETGLOBAL) { vmove(RA, &vm_globals[GET_Bx(i)]); NEXT(); }
  CASE(SETGLOBAL) { vmove(&vm_globals[GET_Bx(i)], RA); NEXT(); }
  CASE(CLOSURE) {
    Proto *np = cl->proto->protos[GET_Bx(i)];
    R[A] = op_closure(f, np, cl, R);
    NEXT();
  }

  /* ---------------- arithmetic ---------------- */
  CASE(ADD) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i + (uint64_t)rc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { *RA = FLOAT_VAL(rb->as.f + rc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_ADD, RA, *rb, *rc));
    NEXT();
  }
  CASE(SUB) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i - (uint64_t)rc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { *RA = FLOAT_VAL(rb->as.f - rc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_SUB, RA, *rb, *rc));
    NEXT();
  }
  CASE(MUL) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i * (uint64_t)rc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { *RA = FLOAT_VAL(rb->as.f * rc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_MUL, RA, *rb, *rc));
    NEXT();
  }
  CASE(DIV) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc) && rc->as.i > 0) { SET_INT(RA, rb->as.i / rc->as.i); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { *RA = FLOAT_VAL(rb->as.f / rc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_DIV, RA, *rb, *rc));
    NEXT();
  }
  CASE(MOD) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc) && rc->as.i > 0) { SET_INT(RA, rb->as.i % rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_MOD, RA, *rb, *rc));
    NEXT();
  }
  CASE(BAND) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, rb->as.i & rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_BAND, RA, *rb, *rc));
    NEXT();
  }
  CASE(BOR) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, rb->as.i | rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_BOR, RA, *rb, *rc));
    NEXT();
  }
  CASE(BXOR) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, rb->as.i ^ rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_BXOR, RA, *rb, *rc));
    NEXT();
  }
  CASE(BANDNOT) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_INT(RA, rb->as.i & ~rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_BANDNOT, RA, *rb, *rc));
    NEXT();
  }
  CASE(SHL) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc) && (uint64_t)rc->as.i < 64) {
      SET_INT(RA, (int64_t)((uint64_t)rb->as.i << rc->as.i));
      NEXT();
    }
    PROTECT(op_arith(f, OP_SHL, RA, *rb, *rc));
    NEXT();
  }
  CASE(SHR) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc) && (uint64_t)rc->as.i < 64) { SET_INT(RA, rb->as.i >> rc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_SHR, RA, *rb, *rc));
    NEXT();
  }
  CASE(ADDI) {
    Value *rb = RB;
    if (vhdr(rb) == HDR_INT) {
      int64_t v = (int64_t)((uint64_t)rb->as.i + (uint64_t)(int64_t)GET_sC(i));
      SET_INT(RA, v);
      /* The step of a counted loop, `i++` then the LTJ of `i < n` or the
      ** LTJK of `i < 100` (loops are inverted, so the test follows the
      ** step): run the compare here when both are plain ints, one dispatch
      ** instead of two. The LTJ/LTJK keeps its own handler for every other
      ** case and for loop entry. */
      Instr n = *pc;
      if (((n ^ i) & 0xFF00) == 0 && (GET_OP(n) == OP_LTJ || GET_OP(n) == OP_LTJK)) {
        const Value *rn = GET_OP(n) == OP_LTJ ? &R[GET_B(n)] : &K[GET_B(n)];
        if (vhdr(rn) == HDR_INT) {
          pc++;                                  /* now AT the JMP */
          if ((v < rn->as.i) != (GET_C(n) != 0)) { pc++; NEXT(); }
          int off = GET_sJ(*pc) + 1;             /* as TAKE_NEXT_JUMP */
          pc += off;
          if (off < 0) CHECK_BUDGET(pc);
          NEXT();
        }
      }
      NEXT();
    }
    PROTECT(op_arith(f, OP_ADD, RA, *rb, INT_VAL(GET_sC(i))));
    NEXT();
  }
  /* K forms: the constant operand K[C] is a number (the compiler emits
  ** them for int and float constants only); anything off the fast paths
  ** goes to op_arith exactly as the register form would. */
  CASE(ADDK) {
    Value *rb = RB;
    const Value *kc = &K[C];
    if (BOTH_INT(rb, kc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i + (uint64_t)kc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, kc)) { *RA = FLOAT_VAL(rb->as.f + kc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_ADD, RA, *rb, *kc));
    NEXT();
  }
  CASE(SUBK) {
    Value *rb = RB;
    const Value *kc = &K[C];
    if (BOTH_INT(rb, kc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i - (uint64_t)kc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, kc)) { *RA = FLOAT_VAL(rb->as.f - kc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_SUB, RA, *rb, *kc));
    NEXT();
  }
  CASE(MULK) {
    Value *rb = RB;
    const Value *kc = &K[C];
    if (BOTH_INT(rb, kc)) { SET_INT(RA, (int64_t)((uint64_t)rb->as.i * (uint64_t)kc->as.i)); NEXT(); }
    if (BOTH_FLOAT(rb, kc)) { *RA = FLOAT_VAL(rb->as.f * kc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_MUL, RA, *rb, *kc));
    NEXT();
  }
  CASE(DIVK) {
    Value *rb = RB;
    const Value *kc = &K[C];
    if (BOTH_INT(rb, kc) && kc->as.i > 0) { SET_INT(RA, rb->as.i / kc->as.i); NEXT(); }
    if (BOTH_FLOAT(rb, kc)) { *RA = FLOAT_VAL(rb->as.f / kc->as.f); NEXT(); }
    PROTECT(op_arith(f, OP_DIV, RA, *rb, *kc));
    NEXT();
  }
  CASE(MODK) {
    Value *rb = RB;
    const Value *kc = &K[C];
    if (BOTH_INT(rb, kc) && kc->as.i > 0) { SET_INT(RA, rb->as.i % kc->as.i); NEXT(); }
    PROTECT(op_arith(f, OP_MOD, RA, *rb, *kc));
    NEXT();
  }
  CASE(NEG) {
    Value *rb = RB;
    if (vhdr(rb) == HDR_INT) { SET_INT(RA, (int64_t)(0 - (uint64_t)rb->as.i)); NEXT(); }
    PROTECT(op_unary(f, OP_NEG, RA, *rb));
    NEXT();
  }
  CASE(NOT) {
    Value *rb = RB;
    if (rb->kind == VAL_BOOL) { Value v = *rb; v.as.b = !v.as.b; R[A] = v; NEXT(); }
    PROTECT(op_unary(f, OP_NOT, RA, *rb));
    NEXT();
  }
  CASE(BNOT) {
    Value *rb = RB;
    if (vhdr(rb) == HDR_INT) { SET_INT(RA, ~rb->as.i); NEXT(); }
    PROTECT(op_unary(f, OP_BNOT, RA, *rb));
    NEXT();
  }

  /* ---------------- comparison ---------------- */
  CASE(EQ) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_BOOL(RA, rb->as.i == rc->as.i); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_EQ, *rb, *rc, &r));
    SET_BOOL(RA, r);
    NEXT();
  }
  CASE(NE) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_BOOL(RA, rb->as.i != rc->as.i); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_EQ, *rb, *rc, &r));
    SET_BOOL(RA, !r);
    NEXT();
  }
  CASE(EQIF) {
    bool r;
    PROTECT(op_iface_equal(f, *RB, *RC, &r));
    SET_BOOL(RA, r);
    NEXT();
  }
  CASE(LT) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_BOOL(RA, rb->as.i < rc->as.i); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { SET_BOOL(RA, rb->as.f < rc->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LT, *rb, *rc, &r));
    SET_BOOL(RA, r);
    NEXT();
  }
  CASE(LE) {
    Value *rb = RB, *rc = RC;
    if (BOTH_INT(rb, rc)) { SET_BOOL(RA, rb->as.i <= rc->as.i); NEXT(); }
    if (BOTH_FLOAT(rb, rc)) { SET_BOOL(RA, rb->as.f <= rc->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LE, *rb, *rc, &r));
    SET_BOOL(RA, r);
    NEXT();
  }

  /* ---------------- jumps ---------------- */
  CASE(JMP) {
    int off = GET_sJ(i);
    pc += off;
    if (off < 0) CHECK_BUDGET(pc);
    NEXT();
  }
  CASE(JMPIF) {
    if (IS_TRUE(R[A])) {
      int off = GET_sBx(i);
      pc += off;
      if (off < 0) CHECK_BUDGET(pc);
    }
    NEXT();
  }
  CASE(JMPIFNOT) {
    if (!IS_TRUE(R[A])) {
      int off = GET_sBx(i);
      pc += off;
      if (off < 0) CHECK_BUDGET(pc);
    }
    NEXT();
  }
  /* The *J forms: when the test matches C, take the JMP that follows at
  ** once (Lua's donextjump); otherwise skip it. */
#define TAKE_NEXT_JUMP() do { \
    int off_ = GET_sJ(*pc) + 1; \
    pc += off_; \
    if (off_ < 0) CHECK_BUDGET(pc); \
  } while (0)
#define COND_JUMP(cond) do { \
    if ((cond) != (C != 0)) pc++; \
    else TAKE_NEXT_JUMP(); \
  } while (0)
  CASE(EQJ) {
    Value *ra = RA, *rb = RB;
    if (BOTH_INT(ra, rb)) { COND_JUMP(ra->as.i == rb->as.i); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_EQ, *ra, *rb, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(LTJ) {
    Value *ra = RA, *rb = RB;
    if (BOTH_INT(ra, rb)) { COND_JUMP(ra->as.i < rb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, rb)) { COND_JUMP(ra->as.f < rb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LT, *ra, *rb, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(LEJ) {
    Value *ra = RA, *rb = RB;
    if (BOTH_INT(ra, rb)) { COND_JUMP(ra->as.i <= rb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, rb)) { COND_JUMP(ra->as.f <= rb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LE, *ra, *rb, &r));
    COND_JUMP(r);
    NEXT();
  }

  /* K forms of the compares: K[B] is a number constant. GTJK/GEJK fall
  ** back to K < R / K <= R, what LTJ/LEJ do for the swapped `x > k`. */
  CASE(EQJK) {
    Value *ra = RA;
    const Value *kb = &K[B];
    if (BOTH_INT(ra, kb)) { COND_JUMP(ra->as.i == kb->as.i); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_EQ, *ra, *kb, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(LTJK) {
    Value *ra = RA;
    const Value *kb = &K[B];
    if (BOTH_INT(ra, kb)) { COND_JUMP(ra->as.i < kb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, kb)) { COND_JUMP(ra->as.f < kb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LT, *ra, *kb, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(LEJK) {
    Value *ra = RA;
    const Value *kb = &K[B];
    if (BOTH_INT(ra, kb)) { COND_JUMP(ra->as.i <= kb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, kb)) { COND_JUMP(ra->as.f <= kb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LE, *ra, *kb, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(GTJK) {
    Value *ra = RA;
    const Value *kb = &K[B];
    if (BOTH_INT(ra, kb)) { COND_JUMP(ra->as.i > kb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, kb)) { COND_JUMP(ra->as.f > kb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LT, *kb, *ra, &r));
    COND_JUMP(r);
    NEXT();
  }
  CASE(GEJK) {
    Value *ra = RA;
    const Value *kb = &K[B];
    if (BOTH_INT(ra, kb)) { COND_JUMP(ra->as.i >= kb->as.i); NEXT(); }
    if (BOTH_FLOAT(ra, kb)) { COND_JUMP(ra->as.f >= kb->as.f); NEXT(); }
    bool r;
    PROTECT(op_compare(f, OP_LE, *kb, *ra, &r));
    COND_JUMP(r);
    NEXT();
  }

  /* ---------------- calls ---------------- */
  CASE(CALL) {
    CHECK_BUDGET(pc - 1);
    Value *ra = RA;
    int nargs = B ? B - 1 : (int)(f->top - (fr->base + A + 1));
    if (ra->kind == VAL_FUNC && ra->as.p) {
      ObjClosure *ncl = (ObjClosure *)ra->as.p;
      Proto *np = ncl->proto;
      uint32_t nbase = fr->base + A + 1;
      if (!np->variadic && nargs == np->nparams && nbase + np->nregs <= f->stack_cap &&
          f->nframes < f->frames_cap) {
        fr->pc = pc;
        CallFrame *nf = &f->frames[f->nframes++];
        nf->cl = ncl;
        nf->pc = np->code;
        nf->base = nbase;
        nf->ret = nbase - 1;
        nf->nresults = (int16_t)(C - 1);
        nf->flags = 0;
        nf->defers = NULL;
        fr = nf;
        cl = ncl;
        K = np->k;
        pc = np->code;
        R = f->stack + nbase;
        NEXT();
      }
    }
    SAVE_STATE();
    st = vm_precall(f, fr->base + A, nargs, C - 1, false);
    goto after_call;
  }
  CASE(CALLSPREAD) {
    CHECK_BUDGET(pc - 1);
    int nargs = B ? B - 1 : (int)(f->top - (fr->base + A + 1));
    SAVE_STATE();
    st = vm_precall(f, fr->base + A, nargs, C - 1, true);
    goto after_call;
  }
  CASE(TAILCALL) {
    if (fr->flags & FRAME_TAILRET) {
      /* the call below came back: return everything it returned */
      fr->flags &= (uint8_t)~(FRAME_TAILRET | FRAME_AT_PC);
      i = MK_ABC(OP_RETURN, A, 0, 0);
      goto do_return;
    }
    CHECK_BUDGET(pc - 1);
    int nargs = B ? B - 1 : (int)(f->top - (fr->base + A + 1));
    Value *ra = RA;
    if (ra->kind == VAL_FUNC && ra->as.p && fr->defers == NULL &&
        !(fr->flags & FRAME_PANICKING)) {
      /* Reuse the frame: move callee and arguments down to our own
      ** function slot, pop ourselves, and call with our caller's
      ** expectations (ret, nresults, flags). */
      uint32_t slot = fr->base - 1;
      uint32_t oret = fr->ret;
      int16_t ores = fr->nresults;
      uint8_t oflags = fr->flags;
      memmove(&f->stack[slot], ra, sizeof(Value) * (size_t)(nargs + 1));
      f->nframes--;
      st = vm_precall(f, slot, nargs, ores, false);
      if (st == CALL_FRAME) {
        CallFrame *nf = &f->frames[f->nframes - 1];
        nf->ret = oret;
        nf->flags = oflags;
        LOAD_STATE();
        NEXT();
      }
      /* only a panic (stack overflow is fatal elsewhere) gets here */
      f->nframes++;
      LOAD_STATE();
      goto native_panic;
    }
    /* Natives, bound methods, variadic spreads...: call with all results,
    ** then return them (FRAME_TAILRET makes the re-executed TAILCALL do
    ** the RETURN once a csp callee comes back). */
    SAVE_STATE();
    st = vm_precall(f, fr->base + A, nargs, -1, false);
    if (st == CALL_FRAME) {
      fr = &f->frames[f->nframes - 2];
      fr->pc--;
      fr->flags |= FRAME_TAILRET | FRAME_AT_PC;
      LOAD_STATE();
      NEXT();
    }
    if (st == CALL_PANIC) goto native_panic;
    if (st == CALL_PARK) goto park_call;
    LOAD_STATE();
    i = MK_ABC(OP_RETURN, A, 0, 0);
    goto do_return;
  }
  CASE(SELF) {
    PROTECT(op_self(f, cl->proto, (int)(pc - 1 - cl->proto->code), RA, R[B], cl->proto->names[C]));
    NEXT();
  }
  CASE(RETURN) {
  do_return: {
      Value *src = RA;
      int n = B ? B - 1 : (int)(f->top - (fr->base + A));
      if (__builtin_expect(fr->flags != 0, 0)) goto return_slow;
      Value *dst = f->stack + fr->ret;
      int want = fr->nresults;
      if (want < 0) {
        for (int j = 0; j < n; j++) vmove(&dst[j], &src[j]);
        f->top = fr->ret + (uint32_t)n;
      } else {
        int m = n < want ? n : want;
        for (int j = 0; j < m; j++) vmove(&dst[j], &src[j]);
        for (int j = m; j < want; j++) dst[j] = NIL_VAL;
      }
      f->nframes--;
      LOAD_STATE();
      NEXT();
    return_slow:
      if (fr->flags & FRAME_DEFERRED) {
        SAVE_STATE();
        st = vm_deferred_return(f);
        goto after_unwind;
      }
      {
        Value *dst2 = f->stack + fr->ret;
        int want2 = fr->nresults;
        if (want2 < 0) {
          memmove(dst2, src, sizeof(Value) * (size_t)n);
          f->top = fr->ret + (uint32_t)n;
        } else {
          int m = n < want2 ? n : want2;
          memmove(dst2, src, sizeof(Value) * (size_t)(m > 0 ? m : 0));
          for (int j = m; j < want2; j++) dst2[j] = NIL_VAL;
        }
        uint8_t flags = fr->flags;
        f->nframes--;
        if (flags & FRAME_C_BOUNDARY) return VM_CRETURN;
        if (flags & FRAME_GO_ENTRY) return VM_DONE;
        if (f->nframes == 0) return VM_DONE;
        LOAD_STATE();
        NEXT();
      }
    }
  }
  CASE(GO) {
    int nargs = B ? B - 1 : (int)(f->top - (fr->base + A + 1));
    Value fn = R[A];
    SAVE_STATE();
    if (value_is_nil(fn)) {
      vm_nil_deref(f);
      goto on_panic;
    }
    Fiber *nf = vm_new_fiber_ex(fn, &R[A + 1], nargs, C != 0);
    if (!nf) goto on_panic;
    nf->created_by = cl->proto->name;
    nf->created_line = vm_frame_line(f, f->nframes - 1);
    sched_spawn(nf);
    RELOAD_R();
    NEXT();
  }
  CASE(DEFER) {
    int nargs = B ? B - 1 : (int)(f->top - (fr->base + A + 1));
    SAVE_STATE();
    vm_push_defer(f, R[A], &R[A + 1], nargs, C != 0);
    NEXT();
  }
  CASE(RUNDEFERS) {
    if (!fr->defers) NEXT();
    SAVE_STATE();
    st = vm_rundefers(f);
    goto after_unwind;
  }
  CASE(PANIC) {
    SAVE_STATE();
    vm_panic_value(f, R[A]);
    goto on_panic;
  }
  CASE(RECOVER) {
    R[A] = vm_recover(f);
    NEXT();
  }

  /* ---------------- fields, indexes, pointers ---------------- */
  CASE(GETFIELD) {
    {
      /* inline cache hit: a struct (or pointer to one) of the cached type */
      Value *rb = RB;
      ObjStruct *s = (rb->kind == VAL_STRUCT || (rb->kind == VAL_PTR && rb->pk == PTR_STRUCT))
                         ? (ObjStruct *)rb->as.p : NULL;
      if (s && cl->proto->ic) {
        uint64_t w = __atomic_load_n(&cl->proto->ic[pc - 1 - cl->proto->code], __ATOMIC_RELAXED);
        uint32_t idx = (uint32_t)(w >> 48);
        if (w && (w & IC_PTR_MASK) == (uint64_t)(uintptr_t)s->type && idx < s->n) {
          vmove(RA, &s->f[idx]);
          NEXT();
        }
      }
    }
    PROTECT(op_getfield(f, cl->proto, (int)(pc - 1 - cl->proto->code), RA, R[B],
                        cl->proto->names[C]));
    NEXT();
  }
  CASE(SETFIELD) {
    {
      Value *ra = RA, *rc = RC;
      ObjStruct *s = (ra->kind == VAL_STRUCT || (ra->kind == VAL_PTR && ra->pk == PTR_STRUCT))
                         ? (ObjStruct *)ra->as.p : NULL;
      if (s && cl->proto->ic) {
        uint64_t w = __atomic_load_n(&cl->proto->ic[pc - 1 - cl->proto->code], __ATOMIC_RELAXED);
        uint32_t idx = (uint32_t)(w >> 48);
        if (w && (w & IC_PTR_MASK) == (uint64_t)(uintptr_t)s->type && idx < s->n) {
          Value *slot = &s->f[idx];
          if (slot->kind == rc->kind && (slot->aux == rc->aux || rc->kind == VAL_PTR)) {
            vmove(slot, rc);
            NEXT();
          }
        }
      }
    }
    PROTECT(op_setfield(f, cl->proto, (int)(pc - 1 - cl->proto->code), R[A], cl->proto->names[B], R[C]));
    NEXT();
  }
  CASE(GETFIELDI) {
    Value *rb = RB;
    if (rb->kind == VAL_STRUCT) {
      ObjStruct *s = (ObjStruct *)rb->as.p;
      if ((uint32_t)C < s->n) { vmove(RA, &s->f[C]); NEXT(); }
    }
    PROTECT(op_getfieldi(f, RA, *rb, C));
    NEXT();
  }
  CASE(SETFIELDI) {
    Value *ra = RA, *rc = RC;
    if (ra->kind == VAL_STRUCT) {
      ObjStruct *s = (ObjStruct *)ra->as.p;
      if ((uint32_t)B < s->n) {
        Value *slot = &s->f[B];
        if (slot->kind == rc->kind && (slot->aux == rc->aux || rc->kind == VAL_PTR)) {
          vmove(slot, rc);
          NEXT();
        }
      }
    }
    PROTECT(op_setfieldi(f, *ra, B, *rc));
    NEXT();
  }
  CASE(GETINDEX) {
    Value *rb = RB, *rc = RC;
    if (rc->kind == VAL_INT) {
      if (rb->kind == VAL_SLICE && rb->as.p) {
        ObjSlice *s = (ObjSlice *)rb->as.p;
        if ((uint64_t)rc->as.i < (uint64_t)s->len) { vmove(RA, &s->arr->v[s->off + rc->as.i]); NEXT(); }
      } else if (rb->kind == VAL_ARRAY) {
        ObjArray *a = (ObjArray *)rb->as.p;
        if ((uint64_t)rc->as.i < (uint64_t)a->len) { vmove(RA, &a->v[rc->as.i]); NEXT(); }
      }
    }
    PROTECT(op_getindex(f, RA, *rb, *rc));
    NEXT();
  }
  CASE(GETINDEX2) {
    PROTECT(op_getindex2(f, RA, R[B], R[C]));
    NEXT();
  }
  CASE(SETINDEX) {
    Value *ra = RA, *rb = RB, *rc = RC;
    if (rb->kind == VAL_INT) {
      Value *slot = NULL;
      if (ra->kind == VAL_SLICE && ra->as.p) {
        ObjSlice *s = (ObjSlice *)ra->as.p;
        if ((uint64_t)rb->as.i < (uint64_t)s->len) slot = &s->arr->v[s->off + rb->as.i];
      } else if (ra->kind == VAL_ARRAY) {
        ObjArray *a = (ObjArray *)ra->as.p;
        if ((uint64_t)rb->as.i < (uint64_t)a->len) slot = &a->v[rb->as.i];
      }
      if (slot && slot->kind == rc->kind && (slot->aux == rc->aux || rc->kind == VAL_PTR)) {
        vmove(slot, rc);
        NEXT();
      }
    }
    PROTECT(op_setindex(f, *ra, *rb, *rc));
    NEXT();
  }
  CASE(SLICE) { PROTECT(op_slice(f, RA, RB, C)); NEXT(); }
  CASE(ADDRFIELD) { PROTECT(op_addrfield(f, RA, R[B], cl->proto->names[C])); NEXT(); }
  CASE(ADDRINDEX) { PROTECT(op_addrindex(f, RA, R[B], R[C])); NEXT(); }
  CASE(ADDRCELL) {
    Value c = R[B];
    if (c.kind == VAL_CELL) R[A] = PTR_VAL(PTR_CELL, c.as.p, 0);
    else R[A] = PTR_VAL(PTR_CELL, cell_new(c), 0);
    NEXT();
  }
  CASE(ADDRUP) { R[A] = PTR_VAL(PTR_CELL, cl->up[B], 0); NEXT(); }
  CASE(BOXPTR) { R[A] = op_boxptr(R[B]); NEXT(); }
  CASE(DEREF) {
    Value p = R[B];
    if (p.kind == VAL_PTR && p.pk == PTR_CELL && p.as.p) { R[A] = ((Cell *)p.as.p)->v; NEXT(); }
    PROTECT(op_deref(f, RA, p));
    NEXT();
  }
  CASE(STOREDEREF) { PROTECT(op_storederef(f, R[A], R[B])); NEXT(); }

  /* ---------------- builtins and conversions ---------------- */
  CASE(LEN) {
    Value *rb = RB;
    if (rb->kind == VAL_STR) { SET_INT(RA, AS_STR(*rb)->len); NEXT(); }
    if (rb->kind == VAL_SLICE) { SET_INT(RA, rb->as.p ? ((ObjSlice *)rb->as.p)->len : 0); NEXT(); }
    PROTECT(op_len(f, RA, *rb, false));
    NEXT();
  }
  CASE(CAP) { PROTECT(op_len(f, RA, R[B], true)); NEXT(); }
  CASE(APPEND) {
    int n = C ? C - 1 : (int)(f->top - (fr->base + B + 1));
    PROTECT(op_append(f, RA, R[B], &R[B + 1], n));
    NEXT();
  }
  CASE(APPENDSPREAD) { PROTECT(op_appendspread(f, RA, R[B], R[B + 1])); NEXT(); }
  CASE(COPY) { PROTECT(op_copy(f, RA, R[B], R[C])); NEXT(); }
  CASE(DELETE) { PROTECT(op_delete(f, R[A], R[B])); NEXT(); }
  CASE(MAKE) { PROTECT(op_make(f, RA, RB, C)); NEXT(); }
  CASE(NEW) { PROTECT(op_new(f, RA, R[B])); NEXT(); }
  CASE(CONV) { PROTECT(op_conv(f, RA, R[B], R[C])); NEXT(); }
  CASE(ASSERT) { PROTECT(op_assert(f, RA, R[B], R[C], 0)); NEXT(); }
  CASE(ASSERT2) { PROTECT(op_assert(f, RA, R[B], R[C], 1)); NEXT(); }
  CASE(TYPEIS) { PROTECT(op_assert(f, RA, R[B], R[C], 2)); NEXT(); }
  CASE(PRINT) { SAVE_STATE(); op_print(f, RA, B, C != 0); NEXT(); }
  CASE(MINMAX) { PROTECT(op_minmax(f, RA, RA, B, C != 0)); NEXT(); }

  /* ---------------- channels ---------------- */
  CASE(MAKECHAN) { PROTECT(op_makechan(f, RA, R[B], R[B + 1], C != 0)); NEXT(); }
  CASE(SEND) {
    Value ch = R[A];
    SAVE_STATE();
    st = chan_send(f, ch.kind == VAL_CHAN ? (Chan *)ch.as.p : NULL, RB);
    goto after_chan;
  }
  CASE(RECV) {
    Value ch = R[B];
    SAVE_STATE();
    st = chan_recv(f, ch.kind == VAL_CHAN ? (Chan *)ch.as.p : NULL, RA, C ? &R[A + 1] : NULL);
    goto after_chan;
  }
  CASE(SELECT) {
    SAVE_STATE();
    st = chan_select(f, RA, B, (C & 1) != 0);
    goto after_chan;
  }
  CASE(CLOSE) {
    Value ch = R[A];
    SAVE_STATE();
    st = chan_close(f, ch.kind == VAL_CHAN ? (Chan *)ch.as.p : NULL);
    goto after_chan;
  }

  /* ---------------- range loops ---------------- */
  CASE(RANGEINIT) { SAVE_STATE(); op_rangeinit(f, RA); NEXT(); }
  CASE(RANGENEXT) {
    Value *ra = RA;
    if (ra->kind == VAL_SLICE && ra[1].kind == VAL_INT) {
      /* fast path: slices of non-aggregates */
      ObjSlice *s = (ObjSlice *)ra->as.p;
      int64_t pos = ra[1].as.i;
      if (!s || pos >= s->len) { pc += GET_sBx(i); NEXT(); }
      Value v = s->arr->v[s->off + pos];
      if (v.kind != VAL_STRUCT && v.kind != VAL_ARRAY) {
        SET_INT(&ra[2], pos);
        ra[3] = v;
        ra[1].as.i = pos + 1;
        NEXT();
      }
    }
    if (ra->kind == VAL_CHAN) {
      SAVE_STATE();
      st = chan_recv(f, (Chan *)ra->as.p, &ra[2], &ra[3]);
      if (st == CHAN_OK) {
        if (!IS_TRUE(R[A + 3])) pc += GET_sBx(i);
        NEXT();
      }
      goto after_chan;
    }
    SAVE_STATE();
    int r = op_rangenext(f, ra);
    if (r < 0) goto on_panic;
    if (r == 0) pc += GET_sBx(i);
    NEXT();
  }

  /* ---------------- misc ---------------- */
  CASE(EXTRA) { NEXT(); }
  CASE(NOP) { NEXT(); }

#ifndef DISPATCH_GOTO
  default:
    vm_fatal("csp: bad opcode %d", (int)GET_OP(i));
  }
  goto next_instr;
#endif

  /* ---------------- shared continuations ---------------- */
after_call:
  switch (st) {
  case CALL_FRAME: LOAD_STATE(); NEXT();
  case CALL_DONE: LOAD_STATE(); NEXT();
  case CALL_PANIC: goto native_panic;
  default: goto park_call;
  }

park_call:
  /* a native asked to park: pc AT the call, re-run on resume */
  LOAD_STATE();
  if (f->c_depth > 0) {
    vm_cancel_park(f, false);
    goto on_panic;
  }
  park_here(f, fr, pc);
  return VM_PARKED;

after_chan:
  if (st == CHAN_OK) { RELOAD_R(); NEXT(); }
  if (st == CHAN_PANIC) goto on_panic;
  if (f->c_depth > 0) {
    vm_cancel_park(f, true);
    goto on_panic;
  }
  park_here(f, fr, pc);
  return VM_PARKED;

native_panic:
  /* a native (or a callback's unwinding) left f->panic set: unwind from the
  ** frame that made the call */
  if (f->panic) ((PanicInt *)f->panic)->cursor = f->nframes - 1;
on_panic:
  st = vm_unwind(f);
after_unwind:
  switch (st) {
  case UNWIND_RESUME: LOAD_STATE(); NEXT();
  case UNWIND_FATAL: return VM_PANIC;
  case UNWIND_CBOUNDARY: return VM_CPANIC;
  case UNWIND_PARKED:
    if (f->c_depth > 0) {
      vm_cancel_park(f, false);
      goto on_panic;
    }
    return VM_PARKED;
  default:
    return VM_PANIC;
  }
#undef A
#undef B
#undef C
}

VMStatus vm_execute(Fiber *f, int budget) {
  if (budget <= 0) budget = 1;
  if (f->nframes == 0) {
    /* a native goroutine body (go wg.Done()): call it; it may park */
    if (f->stack_cap == 0 || f->top == 0) return VM_DONE;
    int nargs = (int)f->top - 1;
    int r = vm_precall(f, 0, nargs, 0, false);
    if (r == CALL_PARK) return VM_PARKED;
    if (r == CALL_PANIC) return VM_PANIC;
    if (r == CALL_FRAME) {
      /* (a bound method resolving to a closure) */
      f->frames[0].flags |= FRAME_GO_ENTRY;
      return (VMStatus)vm_run(f, budget);
    }
    f->top = 0;
    return VM_DONE;
  }
  f->frames[f->nframes - 1].flags &= (uint8_t)~FRAME_AT_PC;
  PanicInt *p = (PanicInt *)f->panic;
  if (p && p->pending) {
    /* a deferred native parked during unwinding: carry on unwinding */
    p->pending = false;
    int r = vm_unwind(f);
    if (r == UNWIND_FATAL) return VM_PANIC;
    if (r == UNWIND_PARKED) return VM_PARKED;
  }
  int st = vm_run(f, budget);
  if (st == VM_CRETURN || st == VM_CPANIC) return VM_PANIC; /* cannot happen at depth 0 */
  return (VMStatus)st;
}
