/*
** explain.c -- the teaching tools' analyses (issue 7): name what a goroutine
** blocks on as it is written in the source, explain a deadlock goroutine by
** goroutine with the wait-for cycles, and find leaked goroutines with a
** reachability pass over the VM's own objects (not Boehm's heap).
**
** Naming. The VM keeps no source columns, so a name is rebuilt from the
** bytecode: the blocking instruction's channel register is traced back to the
** instruction that wrote it (a named local from the proto's debug info, an
** upvalue named in the enclosing function, a global, a field, an index whose
** value is read from the live frame: `results[2]`). Expressions the decoder
** does not know (calls with arguments, conversions) fall back to the place
** where the channel was made.
**
** Reachability. A goroutine "holds" an object when the object is reachable
** from its stack (the live registers of every frame, its closures' upvalues,
** pending defers, a select's send values). Channel buffers, struct fields,
** slices, maps, cells, closures and bound methods are followed; stdlib objects
** (VAL_OBJ) are leaves, matched by their state pointer (what sync parks on).
** A locked sync.Mutex (or write-locked RWMutex) is the exception: its holder
** is the goroutine that locked it (stdlib/sync.c records it), whoever else
** can reach it.
**
** Lock rules: nothing here takes a lock of the runtime. Callers guarantee
** quiescence (explain.h): the run has ended, or we are on the only worker
** between two time slices.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/interp.h"     /* FRAME_AT_PC: where a parked frame stopped */
#include "vm/explain.h"
#include "vm/format.h"
#include "vm/trace.h"

/* ---- sched.c / timer.c (not in sched.h) ---- */
bool timers_pending(void);
bool sched_is_deterministic(void);
extern void (*sched_before_exit)(void);
void stdlib_flush_stdout(void) __attribute__((weak));
/* stdlib/sync.c: the id of the goroutine that locked the mutex a fiber parked
** on (0: unknown, e.g. an RWMutex held by readers). */
int64_t sync_lock_owner(const void *state, int why) __attribute__((weak));

TeachConfig teach_cfg = {.shrink_buffers = -1};

static Fiber *anchor_main;

void explain_set_main(Fiber *main_fiber) { anchor_main = main_fiber; }

/* ====================================================================
** fibers
** ==================================================================== */

/* Every live fiber in creation order: from the tracked registry when it is
** kept, else by walking the all-fibers list from the main fiber (which is on
** it while it is alive). */
static int all_fibers(Fiber ***out) {
  if (teach_cfg.track) return explain_live_fibers(out);
  Fiber *a = anchor_main;
  *out = NULL;
  if (!a || atomic_load(&a->status) == FIBER_DEAD) return 0;
  while (a->allprev) a = a->allprev;
  int n = 0;
  for (Fiber *f = a; f; f = f->allnext) n++;
  Fiber **v = GC_MALLOC(sizeof(Fiber *) * (size_t)(n + 1));
  int i = 0;
  for (Fiber *f = a; f && i < n; f = f->allnext) v[i++] = f;
  *out = v;
  return i;
}

/* The index of the instruction frame fi is at (the blocking one for a parked
** fiber, the CALL for an outer frame, the one just run for a running fiber). */
static int frame_pc(Fiber *f, int fi) {
  if (fi < 0 || fi >= f->nframes) return -1;
  CallFrame *fr = &f->frames[fi];
  Proto *p = fr->cl ? fr->cl->proto : NULL;
  if (!p || !fr->pc || p->ncode <= 0) return -1;
  int idx = (int)(fr->pc - p->code);
  if (!(fr->flags & FRAME_AT_PC)) idx--;
  if (idx < 0 || idx >= p->ncode) return -1;
  return idx;
}

static Proto *frame_proto(Fiber *f, int fi) {
  if (fi < 0 || fi >= f->nframes || !f->frames[fi].cl) return NULL;
  return f->frames[fi].cl->proto;
}

static const char *fiber_file(Fiber *f) {
  for (int i = f->nframes - 1; i >= 0; i--) {
    Proto *p = frame_proto(f, i);
    if (p && p->file) return p->file;
  }
  return "?";
}

/* ====================================================================
** naming: from a register back to source text
** ==================================================================== */

/* Proto -> (enclosing proto, index in its protos[]) for upvalue names. Built
** once from every function the program can reach: globals, methods of named
** types and the fibers' frames; rebuilt when a proto is missing (REPL). */
typedef struct ParentEnt { Proto *child, *parent; int index; } ParentEnt;
static ParentEnt *parents;
static int nparents, capparents;

static void parent_add(Proto *child, Proto *parent, int index) {
  if (nparents == capparents) {
    int nc = capparents ? capparents * 2 : 64;
    ParentEnt *np = GC_MALLOC(sizeof(ParentEnt) * (size_t)nc);
    if (nparents) memcpy(np, parents, sizeof(ParentEnt) * (size_t)nparents);
    parents = np;
    capparents = nc;
  }
  parents[nparents++] = (ParentEnt){child, parent, index};
}

static bool parent_known(Proto *p) {
  for (int i = 0; i < nparents; i++)
    if (parents[i].child == p || parents[i].parent == p) return true;
  return false;
}

static void walk_proto(Proto *p, int depth) {
  if (!p || depth > 64) return;
  for (int i = 0; i < p->nprotos; i++) {
    Proto *c = p->protos[i];
    if (!c) continue;
    bool seen = false;
    for (int j = 0; j < nparents && !seen; j++) seen = parents[j].child == c;
    if (seen) continue;
    parent_add(c, p, i);
    walk_proto(c, depth + 1);
  }
}

static void walk_value_proto(Value v) {
  if (v.kind == VAL_FUNC && v.as.p) walk_proto(((ObjClosure *)v.as.p)->proto, 0);
}

static void build_parents(Proto *hint) {
  nparents = 0;
  if (vm_globals)
    for (int i = 0; i < VM_MAX_GLOBALS; i++) {
      if (!vm_global_names[i] && vm_globals[i].kind == VAL_NIL) continue;
      walk_value_proto(vm_globals[i]);
    }
  for (uint32_t id = 1; id < 1u << 20; id++) {
    Type *t = type_by_id(id);
    if (!t) break;
    for (int k = 0; k < t->methods.count; k++) walk_value_proto(t->methods.items[k].fn);
  }
  if (anchor_main)
    for (int i = 0; i < anchor_main->nframes; i++) walk_proto(frame_proto(anchor_main, i), 0);
  if (hint) walk_proto(hint, 0);
}

static ParentEnt *parent_of(Proto *p) {
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < nparents; i++)
      if (parents[i].child == p) return &parents[i];
    if (pass == 0 && !parent_known(p)) build_parents(NULL);
    else if (pass == 0) return NULL;
  }
  return NULL;
}

static const char *local_name(Proto *p, int pc, int reg) {
  const char *best = NULL;
  for (int i = 0; i < p->nlocals; i++) {
    LocalInfo *li = &p->locals[i];
    if (li->reg == reg && li->startpc <= pc && pc < li->endpc && li->name && li->name[0]) best = li->name;
  }
  return best;
}

/* Does instruction i write register reg? */
static bool instr_writes(Instr i, int reg) {
  int a = GET_A(i);
  switch (GET_OP(i)) {
  case OP_SETUPVAL: case OP_SETGLOBAL: case OP_SETFIELD: case OP_SETFIELDI: case OP_SETINDEX:
  case OP_SEND: case OP_CLOSE: case OP_STOREDEREF: case OP_JMP: case OP_JMPIF: case OP_JMPIFNOT:
  case OP_EQJ: case OP_LTJ: case OP_LEJ: case OP_RETURN: case OP_TAILCALL: case OP_GO:
  case OP_EQJK: case OP_LTJK: case OP_LEJK: case OP_GTJK: case OP_GEJK:
  case OP_DEFER: case OP_RUNDEFERS: case OP_PANIC: case OP_DELETE: case OP_PRINT: case OP_EXTRA:
  case OP_NOP: case OP_CELLSET:
    return false;
  case OP_LOADNIL: return reg >= a && reg <= a + GET_B(i);
  case OP_CALL: case OP_CALLSPREAD: return reg >= a;   /* results, and the callee's frame above */
  case OP_SELF: case OP_GETINDEX2: case OP_ASSERT2: return reg == a || reg == a + 1;
  case OP_RECV: return reg == a || (GET_C(i) && reg == a + 1);
  case OP_SELECT: return reg >= a && reg <= a + 2;
  case OP_RANGEINIT: return reg == a + 1;                /* R[A] keeps the collection */
  case OP_RANGENEXT: return reg >= a + 1 && reg <= a + 3;
  default: return reg == a;
  }
}

static bool name_reg(StrBuf *b, Proto *p, int pc, int reg, const Value *regs, int depth);

static bool upval_name(StrBuf *b, Proto *p, int idx, int depth) {
  if (depth > 8 || idx < 0 || idx >= p->nupvals || !p->upvals) return false;
  ParentEnt *pe = parent_of(p);
  if (!pe) return false;
  UpvalDesc d = p->upvals[idx];
  if (!d.from_parent_reg) return upval_name(b, pe->parent, d.idx, depth + 1);
  Proto *pp = pe->parent;
  for (int q = 0; q < pp->ncode; q++) {
    Instr i = pp->code[q];
    if (GET_OP(i) == OP_CLOSURE && GET_Bx(i) == pe->index)
      return name_reg(b, pp, q, d.idx, NULL, depth + 1);
  }
  return false;
}

/* A constant or local used as an index: `2`, `"k"`, `i` (its live value when
** the frame is the one we are naming: `results[2]`). */
static bool name_index(StrBuf *b, Proto *p, int pc, int reg, const Value *regs, int depth) {
  const char *ln = local_name(p, pc, reg);
  if (ln) {
    Value v = regs ? regs[reg] : NIL_VAL;
    if (v.kind == VAL_INT) sb_printf(b, "%lld", (long long)v.as.i);
    else sb_puts(b, ln);
    return true;
  }
  for (int q = pc - 1; q >= 0 && q >= pc - 64; q--) {
    Instr i = p->code[q];
    if (!instr_writes(i, reg)) continue;
    if (GET_OP(i) == OP_LOADI) {
      sb_printf(b, "%d", GET_sBx(i));
      return true;
    }
    if (GET_OP(i) == OP_LOADK) {
      Value k = p->k[GET_Bx(i)];
      if (k.kind == VAL_INT) { sb_printf(b, "%lld", (long long)k.as.i); return true; }
      if (k.kind == VAL_STR) { sb_printf(b, "\"%s\"", AS_STR(k)->data); return true; }
    }
    break;
  }
  if (regs) {
    Value v = regs[reg];
    if (v.kind == VAL_INT) { sb_printf(b, "%lld", (long long)v.as.i); return true; }
    if (v.kind == VAL_STR && AS_STR(v)->len < 40) { sb_printf(b, "\"%s\"", AS_STR(v)->data); return true; }
  }
  return name_reg(b, p, pc, reg, NULL, depth + 1);
}

/* The function a CALL at pc calls: `wg.Wait`, `time.After`, `f`. */
static bool name_callee(StrBuf *b, Proto *p, int pc, int reg, int depth) {
  for (int q = pc - 1; q >= 0 && q >= pc - 64; q--) {
    Instr i = p->code[q];
    if (!instr_writes(i, reg)) continue;
    switch (GET_OP(i)) {
    case OP_SELF:
      if (GET_A(i) != reg) return false;
      if (!name_reg(b, p, q, GET_B(i), NULL, depth + 1)) sb_puts(b, "?");
      sb_printf(b, ".%s", GET_C(i) < p->nnames ? p->names[GET_C(i)] : "?");
      return true;
    case OP_LOADK: {
      Value k = p->k[GET_Bx(i)];
      if (k.kind == VAL_NATIVE && k.as.p) { sb_puts(b, ((ObjNative *)k.as.p)->name); return true; }
      if (k.kind == VAL_FUNC && k.as.p) { sb_puts(b, ((ObjClosure *)k.as.p)->proto->name); return true; }
      return false;
    }
    default:
      return name_reg(b, p, q + 1, reg, NULL, depth + 1);
    }
  }
  return false;
}

/* Source text for what register reg holds at instruction pc of p. regs: the
** live registers of that frame when pc is where it stands (else NULL). */
static bool name_reg(StrBuf *b, Proto *p, int pc, int reg, const Value *regs, int depth) {
  if (!p || depth > 8 || pc < 0) return false;
  const char *ln = local_name(p, pc, reg);
  if (ln) {
    sb_puts(b, ln);
    return true;
  }
  for (int q = pc - 1; q >= 0 && q >= pc - 64; q--) {
    Instr i = p->code[q];
    if (!instr_writes(i, reg)) continue;
    size_t mark = b->len;
    bool ok = false;
    switch (GET_OP(i)) {
    case OP_MOVE: case OP_VCOPY: case OP_CELLGET: case OP_NEWCELL:
      ok = name_reg(b, p, q, GET_B(i), regs, depth + 1);
      break;
    case OP_GETUPVAL:
      ok = upval_name(b, p, GET_B(i), depth + 1);
      break;
    case OP_GETGLOBAL: {
      const char *g = GET_Bx(i) < VM_MAX_GLOBALS ? vm_global_names[GET_Bx(i)] : NULL;
      if (g) { sb_puts(b, g); ok = true; }
      break;
    }
    case OP_GETFIELD:
      if (!name_reg(b, p, q, GET_B(i), regs, depth + 1)) sb_puts(b, "?");
      sb_printf(b, ".%s", GET_C(i) < p->nnames ? p->names[GET_C(i)] : "?");
      ok = true;
      break;
    case OP_GETFIELDI: {
      if (!name_reg(b, p, q, GET_B(i), regs, depth + 1)) sb_puts(b, "?");
      const char *fname = NULL;
      if (regs && regs[GET_B(i)].kind == VAL_STRUCT && regs[GET_B(i)].as.p) {
        Type *t = ((ObjStruct *)regs[GET_B(i)].as.p)->type;
        if (t && t->underlying) t = t->underlying;
        if (t && GET_C(i) < t->nfields) fname = t->fields[GET_C(i)].name;
      }
      if (fname) sb_printf(b, ".%s", fname);
      else sb_printf(b, ".field%d", GET_C(i));
      ok = true;
      break;
    }
    case OP_GETINDEX:
      if (!name_reg(b, p, q, GET_B(i), regs, depth + 1)) sb_puts(b, "?");
      sb_putc(b, '[');
      if (!name_index(b, p, q, GET_C(i), regs, depth)) sb_puts(b, "?");
      sb_putc(b, ']');
      ok = true;
      break;
    case OP_DEREF:
      sb_putc(b, '*');
      ok = name_reg(b, p, q, GET_B(i), regs, depth + 1);
      break;
    case OP_RECV:
      if (GET_A(i) == reg) {
        sb_puts(b, "<-");
        ok = name_reg(b, p, q, GET_B(i), regs, depth + 1);
      }
      break;
    case OP_CALL:
      if (GET_A(i) == reg) {
        ok = name_callee(b, p, q, reg, depth + 1);
        if (ok) sb_puts(b, GET_B(i) == 1 ? "()" : "(...)");
      }
      break;
    case OP_SELF:
      if (GET_A(i) + 1 == reg) ok = name_reg(b, p, q, GET_B(i), regs, depth + 1);
      break;
    default:
      break;
    }
    if (!ok) {
      b->len = mark;
      if (b->data) b->data[mark] = 0;
    }
    return ok;
  }
  return false;
}

/* The fiber's top frame, its current instruction and registers. */
typedef struct Site {
  Proto *p;
  int pc;
  Instr ins;
  Value *regs;
} Site;

static bool top_site(Fiber *f, Site *s) {
  if (!f || f->nframes <= 0) return false;
  int fi = f->nframes - 1;
  s->p = frame_proto(f, fi);
  s->pc = frame_pc(f, fi);
  if (!s->p || s->pc < 0) return false;
  s->ins = s->p->code[s->pc];
  s->regs = f->stack + f->frames[fi].base;
  return true;
}

static const char *sb_done(StrBuf *b) { return b->len ? b->data : NULL; }

/* Name of the channel register the top instruction of f uses for channel c
** (c NULL: the instruction's only channel). */
static const char *chan_name_at(Fiber *f, Chan *c) {
  Site s;
  if (!top_site(f, &s)) return NULL;
  StrBuf b;
  sb_init(&b);
  int reg = -1;
  switch (GET_OP(s.ins)) {
  case OP_SEND: case OP_CLOSE: case OP_RANGENEXT: reg = GET_A(s.ins); break;
  case OP_RECV: reg = GET_B(s.ins); break;
  case OP_SELECT: {
    int a = GET_A(s.ins), n = GET_B(s.ins);
    for (int i = 0; i < n; i++) {
      Value v = s.regs[a + 3 + 2 * i];
      if (v.kind == VAL_CHAN && (!c || v.as.p == c)) { reg = a + 3 + 2 * i; break; }
    }
    break;
  }
  default: break;
  }
  if (reg < 0 || !name_reg(&b, s.p, s.pc, reg, s.regs, 0)) return NULL;
  return sb_done(&b);
}

const char *explain_wait_name(Fiber *f) {
  Site s;
  if (!top_site(f, &s)) return NULL;
  if (GET_OP(s.ins) == OP_CALL) {
    StrBuf b;
    sb_init(&b);
    /* a parking native method: name its receiver (`wg` of wg.Wait()) */
    for (int q = s.pc - 1; q >= 0 && q >= s.pc - 64; q--) {
      Instr i = s.p->code[q];
      if (!instr_writes(i, GET_A(s.ins))) continue;
      if (GET_OP(i) == OP_SELF && name_reg(&b, s.p, q, GET_B(i), NULL, 0)) return sb_done(&b);
      break;
    }
    return NULL;
  }
  return chan_name_at(f, f->wait_obj);
}

/* A stdlib String()/Error() method of v's type (time.Time, time.Duration):
** natives only -- a csp method could block, print or loop, and labels are
** made inside the hooks, with a channel lock held. */
static ObjNative *native_stringer(Value v) {
  if (v.kind == VAL_NIL || v.kind == VAL_CELL) return NULL;
  Type *t = value_type(v);
  if (!t || !t->name) return NULL;
  const Method *m = type_find_method(t, intern("Error"));
  if (!m || m->fn.kind != VAL_NATIVE) m = type_find_method(t, intern("String"));
  if (!m || m->fn.kind != VAL_NATIVE || !m->fn.as.p) return NULL;
  return m->fn.as.p;
}

/* Go's %v for labels: structs, arrays and slices element by element so that
** stdlib values inside print through their native String (a log entry's
** time.Time). Anything else goes to fmt_value without methods. */
static void label_value(StrBuf *b, Value v, int depth) {
  static __thread Fiber *scratch;
  ObjNative *nat = depth < 4 ? native_stringer(v) : NULL;
  if (nat) {
    if (!scratch) scratch = GC_MALLOC(sizeof(Fiber));
    scratch->panic = NULL;
    Value arg = v, res[NATIVE_MAX_RESULTS];
    if (nat->fn(scratch, &arg, 1, res) >= 1 && res[0].kind == VAL_STR && !scratch->panic) {
      sb_putn(b, AS_STR(res[0])->data, (size_t)AS_STR(res[0])->len);
      return;
    }
    scratch->panic = NULL;
  }
  if (depth < 4 && v.kind == VAL_STRUCT && v.as.p) {
    ObjStruct *st = v.as.p;
    sb_putc(b, '{');
    for (uint32_t i = 0; i < st->n && b->len < 200; i++) {
      if (i) sb_putc(b, ' ');
      label_value(b, st->f[i], depth + 1);
    }
    sb_putc(b, '}');
    return;
  }
  if (depth < 4 && (v.kind == VAL_ARRAY || v.kind == VAL_SLICE) && v.as.p) {
    Value *e;
    int64_t n;
    if (v.kind == VAL_ARRAY) {
      e = ((ObjArray *)v.as.p)->v;
      n = ((ObjArray *)v.as.p)->len;
    } else {
      ObjSlice *sl = v.as.p;
      e = sl->arr ? sl->arr->v + sl->off : NULL;
      n = sl->arr ? sl->len : 0;
    }
    sb_putc(b, '[');
    for (int64_t i = 0; i < n && b->len < 200; i++) {
      if (i) sb_putc(b, ' ');
      label_value(b, e[i], depth + 1);
    }
    sb_putc(b, ']');
    return;
  }
  if (depth == 0 && v.kind == VAL_PTR && v.pk == PTR_STRUCT && v.as.p) {
    sb_putc(b, '&');
    label_value(b, OBJ_VAL(VAL_STRUCT, v.as.p), depth + 1);
    return;
  }
  fmt_value(NULL, b, v, false, false);
}

/* %v of a value for labels, without calling csp methods; strings quoted,
** long texts cut. */
static const char *value_text(Value v) {
  StrBuf b;
  sb_init(&b);
  if (v.kind == VAL_STR) {
    ObjString *s = AS_STR(v);
    sb_putc(&b, '"');
    for (int64_t i = 0; i < s->len && i < 40; i++) {
      char ch = s->data[i];
      if (ch == '"' || ch == '\\') sb_putc(&b, '\\');
      if (ch == '\n') sb_puts(&b, "\\n");
      else sb_putc(&b, ch);
    }
    if (s->len > 40) sb_puts(&b, "...");
    sb_putc(&b, '"');
  } else {
    label_value(&b, v, 0);
    if (b.len > 44) {
      b.len = 41;
      sb_puts(&b, "...");
    }
  }
  for (size_t i = 0; i < b.len; i++)
    if (b.data[i] == '\n' || b.data[i] == '\t') b.data[i] = ' ';
  return b.data ? b.data : "";
}

const char *explain_value_text(Value v) { return value_text(v); }

const char *explain_wait_op(Fiber *f) {
  Site s;
  StrBuf b;
  sb_init(&b);
  if (!top_site(f, &s)) return wait_reason_string(f->wait_reason);
  const char *n;
  switch (GET_OP(s.ins)) {
  case OP_SEND:
    n = chan_name_at(f, NULL);
    sb_printf(&b, "%s <- %s", n ? n : "ch", value_text(s.regs[GET_B(s.ins)]));
    break;
  case OP_RECV:
    n = chan_name_at(f, NULL);
    sb_printf(&b, "<-%s", n ? n : "ch");
    break;
  case OP_RANGENEXT:
    n = chan_name_at(f, NULL);
    sb_printf(&b, "range %s", n ? n : "ch");
    break;
  case OP_SELECT:
    sb_puts(&b, GET_B(s.ins) == 0 ? "select {}" : "select");
    break;
  case OP_CALL: {
    if (name_callee(&b, s.p, s.pc, GET_A(s.ins), 0)) sb_puts(&b, GET_B(s.ins) <= 2 ? "()" : "(...)");
    else sb_puts(&b, wait_reason_string(f->wait_reason));
    break;
  }
  default:
    sb_puts(&b, wait_reason_string(f->wait_reason));
  }
  return b.data;
}

const char *explain_made_at(Chan *c) {
  if (!c || c->made_line <= 0) return "";
  StrBuf b;
  sb_init(&b);
  sb_printf(&b, "made at %s:%d", c->made_file ? c->made_file : "?", c->made_line);
  return b.data;
}

/* The name a channel gets where it is made: the destination of MAKECHAN
** (`tick := make(chan int)`, `var logCh = make(...)`, `results[i] = make(...)`). */
const char *explain_made_name(Fiber *f) {
  Site s;
  if (!top_site(f, &s)) return NULL;
  int a = GET_A(s.ins);
  StrBuf b;
  sb_init(&b);
  for (int li = 0; li < s.p->nlocals; li++) {
    LocalInfo *l = &s.p->locals[li];
    if (l->reg == a && l->startpc > s.pc && l->startpc <= s.pc + 4 && l->name) return l->name;
  }
  for (int q = s.pc + 1; q < s.p->ncode && q <= s.pc + 4; q++) {
    Instr i = s.p->code[q];
    switch (GET_OP(i)) {
    case OP_NEWCELL: case OP_MOVE: case OP_VCOPY:
      if (GET_B(i) == a) {
        const char *ln = local_name(s.p, q + 1, GET_A(i));
        if (!ln) {
          for (int li = 0; li < s.p->nlocals; li++) {
            LocalInfo *l = &s.p->locals[li];
            if (l->reg == GET_A(i) && l->startpc > q && l->startpc <= q + 3 && l->name) ln = l->name;
          }
        }
        if (ln) return ln;
        a = GET_A(i);
      }
      break;
    case OP_SETGLOBAL:
      if (GET_A(i) == a && vm_global_names[GET_Bx(i)]) return vm_global_names[GET_Bx(i)];
      break;
    case OP_SETUPVAL:
      if (GET_A(i) == a && upval_name(&b, s.p, GET_B(i), 0)) return b.data;
      break;
    case OP_CELLSET:
      if (GET_B(i) == a && name_reg(&b, s.p, q, GET_A(i), s.regs, 0)) return b.data;
      break;
    case OP_SETFIELD:
      if (GET_C(i) == a && name_reg(&b, s.p, q, GET_A(i), s.regs, 0)) {
        sb_printf(&b, ".%s", GET_B(i) < s.p->nnames ? s.p->names[GET_B(i)] : "?");
        return b.data;
      }
      break;
    case OP_SETINDEX:
      if (GET_C(i) == a && name_reg(&b, s.p, q, GET_A(i), s.regs, 0)) {
        sb_putc(&b, '[');
        if (!name_index(&b, s.p, q + 1, GET_B(i), s.regs, 0)) sb_puts(&b, "?");
        sb_putc(&b, ']');
        return b.data;
      }
      break;
    default:
      break;
    }
  }
  return NULL;
}

const char *explain_chan_name_at(Fiber *f, Chan *c) { return chan_name_at(f, c); }

/* ====================================================================
** reachability
** ==================================================================== */

typedef struct Marker {
  void **set;          /* open addressing; NULL = empty */
  size_t cap, n;
  Value *work;
  size_t nwork, capwork;
} Marker;

static void mk_init(Marker *m) {
  memset(m, 0, sizeof *m);
  m->cap = 256;
  m->set = GC_MALLOC(sizeof(void *) * m->cap);
}

static inline size_t ptr_hash(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

static bool mk_has(const Marker *m, const void *p) {
  if (!p) return false;
  size_t mask = m->cap - 1;
  for (size_t i = ptr_hash(p) & mask;; i = (i + 1) & mask) {
    if (!m->set[i]) return false;
    if (m->set[i] == p) return true;
  }
}

/* Add p; false if it was there already. */
static bool mk_add(Marker *m, void *p) {
  if (!p) return false;
  if ((m->n + 1) * 2 > m->cap) {
    size_t nc = m->cap * 2;
    void **ns = GC_MALLOC(sizeof(void *) * nc);
    for (size_t i = 0; i < m->cap; i++) {
      void *q = m->set[i];
      if (!q) continue;
      size_t j = ptr_hash(q) & (nc - 1);
      while (ns[j]) j = (j + 1) & (nc - 1);
      ns[j] = q;
    }
    m->set = ns;
    m->cap = nc;
  }
  size_t mask = m->cap - 1;
  size_t i = ptr_hash(p) & mask;
  for (; m->set[i]; i = (i + 1) & mask)
    if (m->set[i] == p) return false;
  m->set[i] = p;
  m->n++;
  return true;
}

static void mk_push(Marker *m, Value v) {
  switch (v.kind) {
  case VAL_NIL: case VAL_BOOL: case VAL_INT: case VAL_FLOAT: case VAL_STR: case VAL_TYPE:
  case VAL_NATIVE:
    return;
  default:
    if (!v.as.p) return;
  }
  if (m->nwork == m->capwork) {
    size_t nc = m->capwork ? m->capwork * 2 : 256;
    Value *nw = GC_MALLOC(sizeof(Value) * nc);
    if (m->nwork) memcpy(nw, m->work, sizeof(Value) * m->nwork);
    m->work = nw;
    m->capwork = nc;
  }
  m->work[m->nwork++] = v;
}

static void mk_values(Marker *m, const Value *v, int64_t n) {
  for (int64_t i = 0; i < n; i++) mk_push(m, v[i]);
}

/* Follow everything reachable from the pushed values. */
static void mk_drain(Marker *m) {
  while (m->nwork > 0) {
    Value v = m->work[--m->nwork];
    void *p = v.as.p;
    switch (v.kind) {
    case VAL_SLICE: {
      ObjSlice *s = p;
      if (mk_add(m, s) && s->arr && mk_add(m, s->arr)) mk_values(m, s->arr->v, s->arr->len);
      break;
    }
    case VAL_ARRAY:
      if (mk_add(m, p)) mk_values(m, ((ObjArray *)p)->v, ((ObjArray *)p)->len);
      break;
    case VAL_STRUCT:
      if (mk_add(m, p)) mk_values(m, ((ObjStruct *)p)->f, ((ObjStruct *)p)->n);
      break;
    case VAL_MAP:
      if (mk_add(m, p)) {
        int64_t pos = 0;
        Value k, val;
        while (map_next(p, &pos, &k, &val)) {
          mk_push(m, k);
          mk_push(m, val);
        }
      }
      break;
    case VAL_PTR:
      if (!mk_add(m, p)) break;
      switch (v.pk) {
      case PTR_CELL: mk_push(m, ((Cell *)p)->v); break;
      case PTR_STRUCT: case PTR_FIELD:
        mk_values(m, ((ObjStruct *)p)->f, ((ObjStruct *)p)->n);
        break;
      case PTR_ARRAY: case PTR_ELEM:
        mk_values(m, ((ObjArray *)p)->v, ((ObjArray *)p)->len);
        break;
      }
      break;
    case VAL_CELL:
      if (mk_add(m, p)) mk_push(m, ((Cell *)p)->v);
      break;
    case VAL_FUNC:
      if (mk_add(m, p)) {
        ObjClosure *cl = p;
        for (int i = 0; i < cl->nup; i++)
          if (cl->up[i] && mk_add(m, cl->up[i])) mk_push(m, cl->up[i]->v);
      }
      break;
    case VAL_BOUND:
      if (mk_add(m, p)) {
        mk_push(m, ((ObjBound *)p)->recv);
        mk_push(m, ((ObjBound *)p)->fn);
      }
      break;
    case VAL_CHAN:
      if (mk_add(m, p)) {
        Chan *c = p;
        for (int64_t i = 0; i < c->qcount && c->cap > 0 && c->buf; i++)
          mk_push(m, c->buf[(c->recvx + i) % c->cap]);
      }
      break;
    case VAL_OBJ:
      if (mk_add(m, p)) mk_add(m, ((ObjNativeObj *)p)->data);
      break;
    default:
      break;
    }
  }
}

/* ---- register liveness: does the code from pc on still read register r? ----
** A blocked goroutine only "holds" what its frames can still use: main
** waiting on `<-done` at its end does not hold channels it will never touch
** again. The analysis is conservative: an instruction it does not know reads
** everything, so it can only make a goroutine hold more. */

/* Does instruction i (at index pc of p) read register r? */
static bool instr_reads(Proto *p, int pc, Instr i, int r) {
  int a = GET_A(i), b = GET_B(i), c = GET_C(i);
  switch (GET_OP(i)) {
  case OP_LOADK: case OP_LOADI: case OP_LOADNIL: case OP_LOADBOOL: case OP_ZERO: case OP_GETUPVAL:
  case OP_GETGLOBAL: case OP_JMP: case OP_RECOVER: case OP_ADDRUP: case OP_EXTRA: case OP_NOP:
    return false;
  case OP_CLOSURE: {
    Proto *np = GET_Bx(i) < p->nprotos ? p->protos[GET_Bx(i)] : NULL;
    if (!np) return true;
    for (int k = 0; k < np->nupvals; k++)
      if (np->upvals[k].from_parent_reg && np->upvals[k].idx == r) return true;
    return false;
  }
  case OP_MOVE: case OP_VCOPY: case OP_NEWCELL: case OP_CELLGET: case OP_ADDI: case OP_NEG: case OP_NOT:
  case OP_BNOT: case OP_SELF: case OP_GETFIELD: case OP_GETFIELDI: case OP_ADDRFIELD: case OP_ADDRCELL:
  case OP_BOXPTR: case OP_DEREF: case OP_LEN: case OP_CAP: case OP_NEW: case OP_RECV:
  case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_DIVK: case OP_MODK:
    return r == b;
  case OP_SETUPVAL: case OP_SETGLOBAL: case OP_JMPIF: case OP_JMPIFNOT: case OP_PANIC: case OP_CLOSE:
  case OP_RANGEINIT: case OP_EQJK: case OP_LTJK: case OP_LEJK: case OP_GTJK: case OP_GEJK:
    return r == a;
  case OP_CELLSET: case OP_EQJ: case OP_LTJ: case OP_LEJ: case OP_STOREDEREF: case OP_DELETE: case OP_SEND:
    return r == a || r == b;
  case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_MOD: case OP_BAND: case OP_BOR: case OP_BXOR:
  case OP_BANDNOT: case OP_SHL: case OP_SHR: case OP_EQ: case OP_NE: case OP_LT: case OP_LE:
  case OP_GETINDEX: case OP_GETINDEX2: case OP_ADDRINDEX: case OP_COPY: case OP_CONV: case OP_ASSERT:
  case OP_ASSERT2: case OP_TYPEIS:
    return r == b || r == c;
  case OP_SETFIELD: return r == a || r == c;
  case OP_SETFIELDI: return r == a || r == c;
  case OP_SETINDEX: return r == a || r == b || r == c;
  case OP_SLICE: return r >= b && r <= b + 3;
  case OP_APPEND: return r >= b && (c == 0 || r <= b + c - 1);
  case OP_APPENDSPREAD: return r == b || r == b + 1;
  case OP_MAKE: return r >= b && r <= b + 2;
  case OP_MAKECHAN: return r == b || r == b + 1;
  case OP_CALL: case OP_CALLSPREAD: case OP_TAILCALL: case OP_GO: case OP_DEFER:
  case OP_PRINT: case OP_MINMAX:
    return r >= a && (b == 0 || r <= a + b - 1);
  case OP_RETURN: return r >= a && (b == 0 || r <= a + b - 2);
  case OP_SELECT: return r >= a;
  case OP_RANGENEXT: return r == a || r == a + 1;
  default:
    return true;   /* RUNDEFERS and anything new: assume it reads everything */
  }
}

/* Successors of pc (at most 2); returns how many. */
static int instr_next(Proto *p, int pc, int *succ) {
  Instr i = p->code[pc];
  switch (GET_OP(i)) {
  case OP_JMP: succ[0] = pc + 1 + GET_sJ(i); return 1;
  case OP_JMPIF: case OP_JMPIFNOT: case OP_RANGENEXT:
    succ[0] = pc + 1;
    succ[1] = pc + 1 + GET_sBx(i);
    return 2;
  case OP_EQJ: case OP_LTJ: case OP_LEJ:
  case OP_EQJK: case OP_LTJK: case OP_LEJK: case OP_GTJK: case OP_GEJK:
    succ[0] = pc + 1;
    succ[1] = pc + 2;
    return 2;
  case OP_RETURN: case OP_TAILCALL: case OP_PANIC:
    return 0;
  default:
    succ[0] = pc + 1;
    return 1;
  }
}

/* Is register r read on some path from instruction `from` before it is
** overwritten? */
static bool reg_live(Proto *p, int from, int r, uint8_t *seen) {
  memset(seen, 0, (size_t)p->ncode);
  int stack[512], sp = 0;
  if (from >= 0 && from < p->ncode) stack[sp++] = from;
  if (p->recover_pc >= 0 && p->recover_pc < p->ncode) stack[sp++] = p->recover_pc;
  while (sp > 0) {
    int pc = stack[--sp];
    if (pc < 0 || pc >= p->ncode) continue;
    if (seen[pc]) continue;
    seen[pc] = 1;
    Instr i = p->code[pc];
    if (instr_reads(p, pc, i, r)) return true;
    if (instr_writes(i, r)) continue;
    int succ[2], ns = instr_next(p, pc, succ);
    for (int k = 0; k < ns; k++) {
      if (sp >= 510) return true;   /* give up: conservative */
      stack[sp++] = succ[k];
    }
  }
  return false;
}

/* Is upvalue u of p used on some path from instruction `from`? */
static bool upval_live(Proto *p, int from, int u, uint8_t *seen) {
  memset(seen, 0, (size_t)p->ncode);
  int stack[512], sp = 0;
  if (from >= 0 && from < p->ncode) stack[sp++] = from;
  if (p->recover_pc >= 0 && p->recover_pc < p->ncode) stack[sp++] = p->recover_pc;
  while (sp > 0) {
    int pc = stack[--sp];
    if (pc < 0 || pc >= p->ncode || seen[pc]) continue;
    seen[pc] = 1;
    Instr i = p->code[pc];
    switch (GET_OP(i)) {
    case OP_GETUPVAL: case OP_SETUPVAL: case OP_ADDRUP:
      if (GET_B(i) == u) return true;
      break;
    case OP_CLOSURE: {
      Proto *np = GET_Bx(i) < p->nprotos ? p->protos[GET_Bx(i)] : NULL;
      if (!np) return true;
      for (int k = 0; k < np->nupvals; k++)
        if (!np->upvals[k].from_parent_reg && np->upvals[k].idx == u) return true;
      break;
    }
    case OP_RUNDEFERS:
      return true;   /* conservative, as in instr_reads */
    default:
      break;
    }
    int succ[2], ns = instr_next(p, pc, succ);
    for (int k = 0; k < ns; k++) {
      if (sp >= 510) return true;
      stack[sp++] = succ[k];
    }
  }
  return false;
}

/* A fiber's own roots: live registers, closures of its frames, defers,
** panics, natives' scratch, a select's send values. For a parked fiber,
** only the registers its frames can still read. */
static void mk_fiber_ex(Marker *m, Fiber *f, bool after);
static void mk_fiber(Marker *m, Fiber *f) { mk_fiber_ex(m, f, false); }

/* after: what the fiber can still use once its current (blocking)
** instruction is done -- "will it receive from this channel itself, later?" */
static void mk_fiber_ex(Marker *m, Fiber *f, bool after) {
  uint32_t lim = f->top;
  bool parked = atomic_load(&f->status) == FIBER_WAITING;
  for (int i = 0; i < f->nframes; i++) {
    CallFrame *fr = &f->frames[i];
    if (fr->cl) {
      Proto *p = fr->cl->proto;
      int pc = parked ? frame_pc(f, i) : -1;
      if (pc < 0) {
        mk_push(m, OBJ_VAL(VAL_FUNC, fr->cl));
      } else {
        /* only the upvalues its code can still use */
        bool top = i == f->nframes - 1;
        uint8_t *seen = GC_MALLOC_ATOMIC((size_t)p->ncode + 1);
        mk_add(m, fr->cl);
        for (int u = 0; u < fr->cl->nup; u++)
          if (fr->cl->up[u] && upval_live(p, top && !after ? pc : pc + 1, u, seen))
            mk_push(m, OBJ_VAL(VAL_CELL, fr->cl->up[u]));
      }
      uint32_t e = fr->base + p->nregs;
      if (e > lim) lim = e;
    }
    for (Defer *d = fr->defers; d; d = d->next) {
      mk_push(m, d->fn);
      if (d->args) mk_values(m, d->args, d->nargs);
    }
  }
  if (lim > f->stack_cap) lim = f->stack_cap;
  if (parked && f->nframes > 0 && f->stack) {
    /* frame by frame, registers below the next frame's function slot */
    uint32_t lo = 0;
    for (int i = 0; i < f->nframes; i++) {
      CallFrame *fr = &f->frames[i];
      Proto *p = fr->cl ? fr->cl->proto : NULL;
      uint32_t hi = i + 1 < f->nframes ? f->frames[i + 1].base - 1 : lim;
      if (hi > lim) hi = lim;
      int pc = frame_pc(f, i);
      bool top = i == f->nframes - 1;
      uint8_t *seen = p ? GC_MALLOC_ATOMIC((size_t)p->ncode + 1) : NULL;
      for (uint32_t s = lo; s < hi; s++) {
        int r = (int)s - (int)fr->base;
        bool keep = true;
        if (p && pc >= 0 && r >= 0 && r < p->nregs)
          keep = reg_live(p, top && !after ? pc : pc + 1, r, seen);
        if (keep) mk_push(m, f->stack[s]);
      }
      lo = hi;
    }
    for (uint32_t s = lo; s < lim; s++) mk_push(m, f->stack[s]);
  } else if (f->stack) {
    mk_values(m, f->stack, lim);
  }
  for (PanicRec *p = f->panic; p; p = p->link) mk_push(m, p->value);
  if (!parked) mk_values(m, f->res, NATIVE_MAX_RESULTS);
  else if (f->wait_reason == WAIT_CHAN_SEND) mk_push(m, f->res[NATIVE_MAX_RESULTS - 1]);
  if (f->wait_reason == WAIT_SELECT && f->sel_waiters)
    for (int k = 0; k < f->sel_ncases; k++)
      if (!f->sel_waiters[k].ok_slot && f->sel_waiters[k].elem) mk_push(m, *f->sel_waiters[k].elem);
  mk_drain(m);
}

static void mk_globals(Marker *m) {
  static int hw = -1;
  if (!vm_globals) return;
  if (hw < 0) {
    for (hw = VM_MAX_GLOBALS - 1; hw >= 0; hw--)
      if (vm_global_names[hw] || vm_globals[hw].kind != VAL_NIL) break;
  }
  mk_values(m, vm_globals, hw + 1);
  mk_drain(m);
}

/* What a blocked fiber waits on: channels (Chan*) or a sync object's state. */
typedef struct WaitSet {
  int n;
  void *obj[8];
  bool send[8];        /* channel ops: waiting to send */
  bool is_chan;
  bool forever;        /* nil channel, select {}: nothing can wake it */
} WaitSet;

static bool fiber_blocked(Fiber *f) {
  if (atomic_load(&f->status) != FIBER_WAITING) return false;
  switch (f->wait_reason) {
  case WAIT_SLEEP: case WAIT_IO: case WAIT_REPL: case WAIT_NONE: return false;
  default: return true;
  }
}

static void wait_set(Fiber *f, WaitSet *w) {
  memset(w, 0, sizeof *w);
  switch (f->wait_reason) {
  case WAIT_CHAN_SEND: case WAIT_CHAN_RECV:
    w->is_chan = true;
    if (f->wait_obj) {
      w->obj[0] = f->wait_obj;
      w->send[0] = f->wait_reason == WAIT_CHAN_SEND;
      w->n = 1;
    } else {
      w->forever = true;
    }
    break;
  case WAIT_SELECT:
    w->is_chan = true;
    if (f->sel_waiters && f->sel_ncases > 0) {
      /* in the order the cases are written (the waiters are in lock order) */
      int order[256], no = 0;
      for (int k = 0; k < f->sel_ncases && k < 256; k++) order[no++] = k;
      for (int x = 1; x < no; x++)
        for (int y = x; y > 0 && f->sel_waiters[order[y]].case_index < f->sel_waiters[order[y - 1]].case_index; y--) {
          int t = order[y];
          order[y] = order[y - 1];
          order[y - 1] = t;
        }
      for (int kk = 0; kk < no && w->n < 8; kk++) {
        int k = order[kk];
        Chan *c = f->sel_waiters[k].chan;
        if (!c) continue;
        bool s = f->sel_waiters[k].ok_slot == NULL;
        bool dup = false;
        for (int j = 0; j < w->n; j++) dup |= w->obj[j] == c && w->send[j] == s;
        if (dup) continue;
        w->obj[w->n] = c;
        w->send[w->n] = s;
        w->n++;
      }
    }
    if (w->n == 0) w->forever = true;
    break;
  case WAIT_CHAN_SEND_NIL: case WAIT_CHAN_RECV_NIL: case WAIT_SELECT_NOCASES:
    w->is_chan = true;
    w->forever = true;
    break;
  default:
    if (f->wait_obj) {
      w->obj[0] = f->wait_obj;
      w->n = 1;
    } else {
      w->forever = true;
    }
  }
}

/* ====================================================================
** deadlock explanation
** ==================================================================== */

bool explain_is_deadlock(void) {
  Fiber **fs;
  int n = all_fibers(&fs);
  if (n == 0) return false;
  for (int i = 0; i < n; i++) {
    int st = atomic_load(&fs[i]->status);
    if (st != FIBER_WAITING || fs[i]->wait_reason == WAIT_IO || fs[i]->wait_reason == WAIT_REPL)
      return false;
  }
  return !timers_pending();
}

typedef struct Info {
  Fiber *f;
  WaitSet w;
  const char *op, *file;
  int line;
  const char *names[8];   /* names of w.obj[] as the source writes them */
  /* holders of w.obj[k]: bitset over the fiber indices */
  uint8_t **holds;        /* holds[k][j/8] */
  bool global[8];
  bool direct_global[8];  /* the object itself is a global's value */
  bool self_later[8];     /* the fiber itself uses the object after this op */
  int64_t owner;          /* a lock's holder: the goroutine that locked it (0: unknown) */
  int owner_idx;          /* its index in infos (-1: it has exited) */
  int group;              /* index of the first fiber with the same explanation */
} Info;

static bool same_op(const Info *a, const Info *b, const void *obj) {
  for (int i = 0; i < a->w.n; i++) {
    if (a->w.obj[i] != obj) continue;
    for (int j = 0; j < b->w.n; j++)
      if (b->w.obj[j] == obj && (!a->w.is_chan || a->w.send[i] == b->w.send[j]) &&
          a->w.is_chan == b->w.is_chan && (a->w.is_chan || a->f->wait_reason == b->f->wait_reason))
        return true;
  }
  return false;
}

static bool holds(const Info *in, int k, int j) { return in->holds[k][j / 8] & (1u << (j % 8)); }

static const char *obj_label(const Info *in, int k) {
  StrBuf b;
  sb_init(&b);
  const char *nm = in->names[k] ? in->names[k] : (in->w.is_chan ? "a channel" : "it");
  sb_puts(&b, nm);
  if (in->w.is_chan) {
    const char *m = explain_made_at(in->w.obj[k]);
    if (*m) sb_printf(&b, " (%s)", m);
  }
  return b.data;
}

/* "goroutine 4", "goroutines 5, 6, 7" (at most 6 listed). */
static void list_ids(StrBuf *b, const int64_t *ids, int n) {
  sb_puts(b, n == 1 ? "goroutine " : "goroutines ");
  for (int i = 0; i < n && i < 6; i++) sb_printf(b, "%s%lld", i ? ", " : "", (long long)ids[i]);
  if (n > 6) sb_printf(b, " and %d more", n - 6);
}

static const char *verb_for(const Info *in, int k) {
  if (in->w.is_chan) return in->w.send[k] ? "could receive from" : "could send on or close";
  switch (in->f->wait_reason) {
  case WAIT_WAITGROUP: return "could call Done on";
  case WAIT_MUTEX: case WAIT_RWMUTEX_R: case WAIT_RWMUTEX_W: return "could unlock";
  case WAIT_COND: return "could signal";
  default: return "could wake a goroutine waiting on";
  }
}

/* A lock whose holder is known (the goroutine that locked it): name it,
** then the other goroutines waiting for the same lock. */
static void explain_owned(FILE *out, Info *infos, int n, int i) {
  Info *in = &infos[i];
  const char *nm = in->names[0] ? in->names[0] : "the lock";
  const char *ind = "      ";
  long long oid = (long long)in->owner;
  if (in->owner_idx == i) {
    fprintf(out, "%s%s is already locked by goroutine %lld itself: locking it again blocks forever\n", ind, nm,
            oid);
  } else if (in->owner_idx < 0) {
    fprintf(out, "%s%s is locked by goroutine %lld, which exited without unlocking it:\n"
                 "%snothing will release it, ever\n", ind, nm, oid, ind);
  } else {
    Info *h = &infos[in->owner_idx];
    fprintf(out, "%s%s is locked by goroutine %lld, itself blocked in %s at %s:%d\n", ind, nm, oid, h->op,
            h->file, h->line);
  }
  int64_t *same = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(n + 1));
  int nsame = 0;
  for (int j = 0; j < n; j++)
    if (j != i && j != in->owner_idx && same_op(in, &infos[j], in->w.obj[0])) same[nsame++] = infos[j].f->id;
  if (nsame > 0) {
    StrBuf b;
    sb_init(&b);
    list_ids(&b, same, nsame);
    fprintf(out, "%s%s wait%s for it too\n", ind, b.data, nsame == 1 ? "s" : "");
  }
}

static void explain_one(FILE *out, Info *infos, int n, int i) {
  Info *in = &infos[i];
  fprintf(out, "  goroutine %lld at %s:%d: %s\n", (long long)in->f->id, in->file, in->line, in->op);
  if (in->w.forever) {
    if (in->f->wait_reason == WAIT_SELECT_NOCASES)
      fprintf(out, "      a select with no cases blocks forever\n");
    else if (in->f->wait_reason == WAIT_SELECT)
      fprintf(out, "      every channel of this select is nil: it blocks forever\n");
    else
      fprintf(out, "      %s is a nil channel: %s it blocks forever (make it first)\n",
              in->names[0] ? in->names[0] : "the channel",
              in->f->wait_reason == WAIT_CHAN_SEND_NIL ? "sending on" : "receiving from");
    return;
  }
  if (in->owner) {
    explain_owned(out, infos, n, i);
    return;
  }
  for (int k = 0; k < in->w.n; k++) {
    const char *lab = obj_label(in, k);
    const char *nm = in->names[k] ? in->names[k] : (in->w.is_chan ? "the channel" : "it");
    if (in->w.n > 1)
      fprintf(out, "      case %s%s:\n", in->w.send[k] ? "send on " : "<-", lab);
    const char *ind = in->w.n > 1 ? "        " : "      ";
    if (in->w.n == 1 && in->w.is_chan)
      fprintf(out, "%s%s %s\n", ind, in->w.send[k] ? "sends on" : "receives from", lab);
    int64_t *could = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(n + 1));
    int64_t *same = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(n + 1));
    int ncould = 0, nsame = 0, firstcould = -1;
    for (int j = 0; j < n; j++) {
      if (j == i || (!holds(in, k, j) && !in->global[k])) continue;
      if (same_op(in, &infos[j], in->w.obj[k])) same[nsame++] = infos[j].f->id;
      else {
        if (firstcould < 0) firstcould = j;
        could[ncould++] = infos[j].f->id;
      }
    }
    if (in->global[k])
      fprintf(out, "%s%s is %s: every goroutine can reach it\n", ind, nm,
              in->direct_global[k] ? "a global variable" : "reachable from a global variable");
    if (ncould > 0) {
      StrBuf b;
      sb_init(&b);
      list_ids(&b, could, ncould);
      if (ncould == 1) {
        Info *h = &infos[firstcould];
        fprintf(out, "%s%s %s: %s, itself blocked in %s at %s:%d\n", ind, verb_for(in, k), nm, b.data,
                h->op, h->file, h->line);
      } else {
        fprintf(out, "%s%s %s: %s, all blocked\n", ind, verb_for(in, k), nm, b.data);
      }
    } else if (ncould == 0 && in->global[k]) {
      fprintf(out, "%sbut no other goroutine is left that could use it\n", ind);
    } else if (ncould == 0 && in->w.n == 1 && in->w.is_chan && in->w.send[k] && in->self_later[k]) {
      fprintf(out, "%sno other goroutine holds %s; goroutine %lld would receive from it itself, later,\n"
                   "%sbut it is stuck on this send first\n", ind, nm, (long long)in->f->id, ind);
    } else if (ncould == 0) {
      fprintf(out, "%sno other goroutine holds %s: nothing %s it, ever\n", ind, nm,
              !in->w.is_chan ? "can release" : in->w.send[k] ? "will receive from" : "will send on or close");
    }
    if (nsame > 0) {
      StrBuf b;
      sb_init(&b);
      list_ids(&b, same, nsame);
      fprintf(out, "%s%s %s too\n", ind, b.data,
              !in->w.is_chan ? "wait on it" : in->w.send[k] ? "wait to send on it" : "wait to receive from it");
    }
  }
}

/* Edge i -> j of the wait-for graph, through which object (-1: none). */
static int edge(Info *infos, int i, int j) {
  if (i == j) return -1;
  Info *in = &infos[i];
  for (int k = 0; k < in->w.n; k++) {
    if (!holds(in, k, j) && !in->global[k]) continue;
    if (same_op(in, &infos[j], in->w.obj[k])) continue;
    return k;
  }
  return -1;
}

static void print_cycles(FILE *out, Info *infos, int n) {
  bool *covered = GC_MALLOC_ATOMIC((size_t)n + 1);
  memset(covered, 0, (size_t)n + 1);
  int *prev = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(n + 1));
  int *queue = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(n + 1));
  int printed = 0;
  for (int s = 0; s < n && printed < 5; s++) {
    if (covered[s] || infos[s].w.forever) continue;
    /* BFS for the shortest path back to s */
    for (int j = 0; j < n; j++) prev[j] = -2;
    int qh = 0, qt = 0, found = -1;
    queue[qt++] = s;
    prev[s] = -1;
    while (qh < qt && found < 0) {
      int u = queue[qh++];
      for (int v = 0; v < n; v++) {
        if (edge(infos, u, v) < 0) continue;
        if (v == s) { found = u; break; }
        if (prev[v] != -2) continue;
        prev[v] = u;
        queue[qt++] = v;
      }
    }
    if (found < 0) continue;
    int path[64], len = 0;
    for (int u = found; u != -1 && len < 64; u = prev[u]) path[len++] = u;
    /* path is reversed: s ... found */
    for (int a = 0, b = len - 1; a < b; a++, b--) { int t = path[a]; path[a] = path[b]; path[b] = t; }
    StrBuf b;
    sb_init(&b);
    sb_puts(&b, "  cycle: ");
    for (int x = 0; x < len; x++) {
      int u = path[x], v = x + 1 < len ? path[x + 1] : path[0];
      int k = edge(infos, u, v);
      /* goroutines in the same place as v (same explanation) */
      int64_t alt[8];
      int nalt = 0, nmore = 0;
      for (int j = 0; j < n; j++) {
        if (j == v || infos[j].group != infos[v].group || edge(infos, u, j) < 0) continue;
        if (j != s) covered[j] = true;
        if (nalt < 6) alt[nalt++] = infos[j].f->id;
        else nmore++;
      }
      covered[u] = true;
      if (x == 0) sb_printf(&b, "goroutine %lld ", (long long)infos[u].f->id);
      else sb_puts(&b, ", which ");
      sb_printf(&b, "waits on %s for goroutine %lld", obj_label(&infos[u], k), (long long)infos[v].f->id);
      if (nalt) {
        sb_puts(&b, " (or ");
        for (int a = 0; a < nalt; a++) sb_printf(&b, "%s%lld", a ? ", " : "", (long long)alt[a]);
        if (nmore) sb_printf(&b, " and %d more", nmore);
        sb_putc(&b, ')');
      }
    }
    fprintf(out, "%s\n", b.data);
    printed++;
  }
}

/* Is obj (a Chan or a sync object's state) the value of a global variable? */
static bool is_global_value(void *obj) {
  if (!vm_globals || !obj) return false;
  for (int i = 0; i < VM_MAX_GLOBALS; i++) {
    Value v = vm_globals[i];
    if (v.kind == VAL_CHAN && v.as.p == obj) return true;
    if (v.kind == VAL_OBJ && v.as.p && ((ObjNativeObj *)v.as.p)->data == obj) return true;
    if (!vm_global_names[i] && v.kind == VAL_NIL && i > 0 && !vm_global_names[i - 1]) break;
  }
  return false;
}

static Info *build_infos(Fiber **fs, int n) {
  Info *infos = GC_MALLOC(sizeof(Info) * (size_t)(n + 1));
  for (int i = 0; i < n; i++) {
    Info *in = &infos[i];
    in->f = fs[i];
    wait_set(fs[i], &in->w);
    in->op = explain_wait_op(fs[i]);
    in->file = fiber_file(fs[i]);
    in->line = fs[i]->wait_line ? fs[i]->wait_line : vm_current_line(fs[i]);
    for (int k = 0; k < in->w.n; k++) {
      if (in->w.is_chan) in->names[k] = chan_name_at(fs[i], in->w.obj[k]);
      else in->names[k] = explain_wait_name(fs[i]);
    }
    if (in->w.forever && in->w.is_chan) in->names[0] = chan_name_at(fs[i], NULL);
    in->holds = GC_MALLOC(sizeof(uint8_t *) * 8);
    for (int k = 0; k < 8; k++) {
      in->holds[k] = GC_MALLOC_ATOMIC((size_t)n / 8 + 1);
      memset(in->holds[k], 0, (size_t)n / 8 + 1);
    }
    in->group = i;
    for (int j = 0; j < i; j++) {
      Info *o = &infos[j];
      if (o->group != j || o->line != in->line || strcmp(o->op, in->op) != 0 || o->w.n != in->w.n) continue;
      bool same = true;
      for (int k = 0; k < in->w.n; k++) same &= o->w.obj[k] == in->w.obj[k];
      if (same) { in->group = j; break; }
    }
  }
  /* who holds what: one marking pass per fiber (its own roots only); for
  ** the fiber itself, only what it uses after the blocking operation */
  for (int j = 0; j < n; j++) {
    Marker m, later;
    mk_init(&m);
    mk_fiber(&m, fs[j]);
    mk_init(&later);
    mk_fiber_ex(&later, fs[j], true);
    for (int i = 0; i < n; i++)
      for (int k = 0; k < infos[i].w.n; k++) {
        if (i != j && mk_has(&m, infos[i].w.obj[k])) infos[i].holds[k][j / 8] |= (uint8_t)(1u << (j % 8));
        if (i == j && mk_has(&later, infos[i].w.obj[k])) infos[i].self_later[k] = true;
      }
  }
  Marker g;
  mk_init(&g);
  mk_globals(&g);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < infos[i].w.n; k++) {
      infos[i].global[k] = mk_has(&g, infos[i].w.obj[k]);
      infos[i].direct_global[k] = is_global_value(infos[i].w.obj[k]);
    }
  /* A locked mutex is held by the goroutine that locked it, whatever can
  ** reach it: it is the one expected to unlock it (the wait-for edge). */
  for (int i = 0; i < n; i++) {
    Info *in = &infos[i];
    in->owner_idx = -1;
    if (in->w.is_chan || in->w.n != 1 || !sync_lock_owner) continue;
    int64_t owner = sync_lock_owner(in->w.obj[0], (int)in->f->wait_reason);
    if (owner <= 0) continue;
    in->owner = owner;
    for (int j = 0; j < n; j++)
      if (fs[j]->id == owner && atomic_load(&fs[j]->status) != FIBER_DEAD) in->owner_idx = j;
    memset(in->holds[0], 0, (size_t)n / 8 + 1);
    if (in->owner_idx >= 0 && in->owner_idx != i)
      in->holds[0][in->owner_idx / 8] |= (uint8_t)(1u << (in->owner_idx % 8));
    in->global[0] = in->direct_global[0] = false;
  }
  return infos;
}

void explain_deadlock(FILE *out) {
  Fiber **fs;
  int n = all_fibers(&fs);
  if (n <= 0) return;
  if (n > 2000) {
    fprintf(out, "\ncsp: %d goroutines are blocked (too many to explain one by one)\n", n);
    return;
  }
  Info *infos = build_infos(fs, n);
  fprintf(out, "\ncsp: why each goroutine is blocked:\n");
  if (teach_cfg.shrink_buffers >= 0)
    fprintf(out, "  (--shrink-buffers: every buffered channel was made with capacity %d)\n",
            teach_cfg.shrink_buffers);
  for (int i = 0; i < n; i++) {
    if (infos[i].group != i) continue;
    explain_one(out, infos, n, i);
    int64_t *ids = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)(n + 1));
    int nid = 0;
    for (int j = i + 1; j < n; j++)
      if (infos[j].group == i) ids[nid++] = infos[j].f->id;
    if (nid) {
      StrBuf b;
      sb_init(&b);
      list_ids(&b, ids, nid);
      fprintf(out, "  %s: the same as goroutine %lld\n", b.data, (long long)infos[i].f->id);
    }
  }
  print_cycles(out, infos, n);
  fflush(out);
}

/* ====================================================================
** leaks
** ==================================================================== */

/* Reported leaks (ids), so each is reported once. */
static int64_t *reported;
static int nreported, capreported;

static bool was_reported(int64_t id) {
  for (int i = 0; i < nreported; i++)
    if (reported[i] == id) return true;
  return false;
}

static void note_reported(int64_t id) {
  if (nreported == capreported) {
    int nc = capreported ? capreported * 2 : 32;
    int64_t *nr = GC_MALLOC_ATOMIC(sizeof(int64_t) * (size_t)nc);
    if (nreported) memcpy(nr, reported, sizeof(int64_t) * (size_t)nreported);
    reported = nr;
    capreported = nc;
  }
  reported[nreported++] = id;
}

/* A channel that a pending timer may still send on: made by the time package
** (no MAKECHAN line), while timers are pending. The timer heap is private to
** timer.c, so this is a conservative stand-in for walking it. */
static bool timer_chan(void *obj, bool is_chan, bool timers) {
  return timers && is_chan && obj && ((Chan *)obj)->made_line == 0;
}

/* Mark live[i] for every fiber that can still run or be woken. */
static void find_live(Fiber **fs, int n, bool *live, bool main_counts) {
  Marker m;
  mk_init(&m);
  mk_globals(&m);
  bool timers = timers_pending();
  for (int i = 0; i < n; i++) {
    live[i] = !fiber_blocked(fs[i]);
    if (fs[i] == anchor_main && !main_counts) live[i] = false;
    if (live[i]) mk_fiber(&m, fs[i]);
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = 0; i < n; i++) {
      if (live[i] || !fiber_blocked(fs[i])) continue;
      WaitSet w;
      wait_set(fs[i], &w);
      bool wake = false;
      for (int k = 0; k < w.n && !wake; k++)
        wake = mk_has(&m, w.obj[k]) || timer_chan(w.obj[k], w.is_chan, timers);
      if (wake) {
        live[i] = true;
        mk_fiber(&m, fs[i]);
        changed = true;
      }
    }
  }
}

static void flush_stdout(void) {
  if (sched_before_exit) sched_before_exit();
  else if (stdlib_flush_stdout) stdlib_flush_stdout();
  fflush(stdout);
}

static void describe_leak(FILE *out, Fiber *f, const char *why) {
  const char *op = explain_wait_op(f);
  int line = f->wait_line ? f->wait_line : vm_current_line(f);
  fprintf(out, "  goroutine %lld [%s] at %s:%d: %s\n", (long long)f->id, wait_reason_string(f->wait_reason),
          fiber_file(f), line, op);
  WaitSet w;
  wait_set(f, &w);
  if (w.is_chan && w.n > 0) {
    StrBuf b;
    sb_init(&b);
    for (int k = 0; k < w.n; k++) {
      const char *nm = chan_name_at(f, w.obj[k]);
      const char *m = explain_made_at(w.obj[k]);
      sb_printf(&b, "%s%s%s%s%s", k ? ", " : "", nm ? nm : "a channel", *m ? " (" : "", m, *m ? ")" : "");
    }
    fprintf(out, "      waits on %s: %s\n", b.data, why);
  } else if (w.forever) {
    fprintf(out, "      nothing can ever wake it (nil channel or empty select)\n");
  } else {
    const char *nm = explain_wait_name(f);
    fprintf(out, "      waits on %s: %s\n", nm ? nm : "a sync object", why);
  }
  if (f->created_by)
    fprintf(out, "      created by %s at %s:%lld\n", f->created_by, fiber_file(f), (long long)f->created_line);
}

int explain_leaks(FILE *out, bool at_exit) {
  Fiber **fs;
  int n = all_fibers(&fs);
  if (n <= 0) return 0;
  bool *live = GC_MALLOC_ATOMIC((size_t)n + 1);
  find_live(fs, n, live, !at_exit);
  int nleak = 0, nblocked = 0;
  for (int i = 0; i < n; i++) {
    if (fs[i] == anchor_main && at_exit) continue;
    if (!live[i]) nleak++;
    else if (fiber_blocked(fs[i])) nblocked++;
  }
  int nrun = 0;
  for (int i = 0; i < n && at_exit; i++)
    if (!fiber_blocked(fs[i]) && fs[i] != anchor_main && atomic_load(&fs[i]->status) != FIBER_DEAD) nrun++;
  if (nleak + (at_exit ? nblocked + nrun : 0) == 0) return 0;
  flush_stdout();
  if (nleak) {
    fprintf(out, "csp: %d goroutine%s leaked: blocked on something no live goroutine, global or timer can reach\n",
            nleak, nleak == 1 ? "" : "s");
    for (int i = 0; i < n; i++)
      if (!live[i] && !(fs[i] == anchor_main && at_exit))
        describe_leak(out, fs[i], "unreachable, it can never wake");
  }
  if (at_exit && nblocked) {
    fprintf(out, "csp: %d goroutine%s still blocked when main returned (never shut down)\n", nblocked,
            nblocked == 1 ? " was" : "s were");
    for (int i = 0; i < n; i++)
      if (live[i] && fiber_blocked(fs[i]) && fs[i] != anchor_main)
        describe_leak(out, fs[i], "still reachable, but nobody used it again");
  }
  if (at_exit) {
    /* not leaks (nobody knows what they would have done next), but worth
    ** seeing: main did not wait for them */
    if (nrun) {
      fprintf(out, "csp: note: %d goroutine%s still runnable when main returned (main did not wait)\n", nrun,
              nrun == 1 ? " was" : "s were");
      for (int i = 0; i < n; i++) {
        Fiber *f = fs[i];
        if (fiber_blocked(f) || f == anchor_main || atomic_load(&f->status) == FIBER_DEAD) continue;
        bool sleeping = f->wait_reason == WAIT_SLEEP && atomic_load(&f->status) == FIBER_WAITING;
        fprintf(out, "  goroutine %lld [%s] at %s:%d\n", (long long)f->id, sleeping ? "sleep" : "runnable",
                fiber_file(f), vm_current_line(f));
        if (f->created_by)
          fprintf(out, "      created by %s at %s:%lld\n", f->created_by, fiber_file(f), (long long)f->created_line);
      }
    }
  }
  fflush(out);
  return nleak + (at_exit ? nblocked : 0);
}

void explain_leaks_live(void) {
  Fiber **fs;
  int n = all_fibers(&fs);
  if (n <= 0) return;
  bool *live = GC_MALLOC_ATOMIC((size_t)n + 1);
  find_live(fs, n, live, true);
  for (int i = 0; i < n; i++) {
    if (live[i] || was_reported(fs[i]->id)) continue;
    note_reported(fs[i]->id);
    flush_stdout();
    fprintf(stderr, "csp: goroutine %lld leaked:\n", (long long)fs[i]->id);
    describe_leak(stderr, fs[i], "no live goroutine, global or timer can reach it");
    fflush(stderr);
  }
}
