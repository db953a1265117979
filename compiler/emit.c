/*
** emit.c -- the code emitter: instruction buffer with its line table,
** constant and name tables, register allocation, jumps and patch lists, and
** turning a finished FuncState into a Proto.
*/
#include "compiler/internal.h"
#include <string.h>

int here(FuncState *fs) { return fs->ncode; }

int emit(FuncState *fs, Instr i) {
  if (fs->ncode == fs->capcode) {
    fs->capcode = fs->capcode ? fs->capcode * 2 : 64;
    Instr *nc = GC_MALLOC_ATOMIC(sizeof(Instr) * (size_t)fs->capcode);
    int32_t *nl = GC_MALLOC_ATOMIC(sizeof(int32_t) * (size_t)fs->capcode);
    if (fs->ncode) {
      memcpy(nc, fs->code, sizeof(Instr) * (size_t)fs->ncode);
      memcpy(nl, fs->lines, sizeof(int32_t) * (size_t)fs->ncode);
    }
    fs->code = nc;
    fs->lines = nl;
  }
  fs->code[fs->ncode] = i;
  fs->lines[fs->ncode] = fs->line;
  return fs->ncode++;
}

static void check_reg(FuncState *fs, int r) {
  if (r >= MAX_REGS || r < 0) {
    ERR(fs, NULL, "function too complex");
  }
}

int emit_abc(FuncState *fs, OpCode op, int a, int b, int c) {
  check_reg(fs, a);
  return emit(fs, MK_ABC(op, a & 0xFF, b & 0xFF, c & 0xFF));
}

int emit_abx(FuncState *fs, OpCode op, int a, int bx) {
  check_reg(fs, a);
  return emit(fs, MK_ABx(op, a & 0xFF, bx & 0xFFFF));
}

int emit_asbx(FuncState *fs, OpCode op, int a, int sbx) {
  return emit(fs, MK_AsBx(op, a & 0xFF, sbx));
}

int emit_jmp(FuncState *fs) { return emit(fs, MK_sJ(OP_JMP, 0)); }

void patch_to(FuncState *fs, int pc, int target) {
  Instr i = fs->code[pc];
  OpCode op = GET_OP(i);
  int off = target - (pc + 1);
  if (op == OP_JMP) fs->code[pc] = MK_sJ(OP_JMP, off);
  else {
    if (off > 32767 || off < -32767) ERR(fs, NULL, "function too complex (jump too long)");
    fs->code[pc] = MK_AsBx(op, GET_A(i), off);
  }
}

void patch_here(FuncState *fs, int pc) { patch_to(fs, pc, fs->ncode); }

void plist_add(PatchList *l, int pc) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    int *n = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)l->cap);
    if (l->n) memcpy(n, l->pcs, sizeof(int) * (size_t)l->n);
    l->pcs = n;
  }
  l->pcs[l->n++] = pc;
}

void plist_patch(FuncState *fs, PatchList *l, int target) {
  for (int i = 0; i < l->n; i++) patch_to(fs, l->pcs[i], target);
  l->n = 0;
}

static bool same_const(Value a, Value b) {
  if (a.kind != b.kind || a.aux != b.aux || a.pk != b.pk) return false;
  switch (a.kind) {
  case VAL_INT: return a.as.i == b.as.i;
  case VAL_FLOAT: return memcmp(&a.as.f, &b.as.f, sizeof(double)) == 0;
  case VAL_BOOL: return a.as.b == b.as.b;
  case VAL_STR: {
    ObjString *x = AS_STR(a), *y = AS_STR(b);
    return x->len == y->len && memcmp(x->data, y->data, (size_t)x->len) == 0;
  }
  case VAL_NIL: return true;
  default: return a.as.p == b.as.p;
  }
}

/* Hash of a constant, consistent with same_const. */
static uint32_t const_hash(Value v) {
  uint64_t h = (uint64_t)v.kind * 0x9E3779B97F4A7C15ull ^ (uint64_t)v.aux << 8 ^ (uint64_t)v.pk;
  switch (v.kind) {
  case VAL_INT: h ^= (uint64_t)v.as.i; break;
  case VAL_FLOAT: { uint64_t b; memcpy(&b, &v.as.f, sizeof b); h ^= b; break; }
  case VAL_BOOL: h ^= (uint64_t)v.as.b; break;
  case VAL_STR: {
    ObjString *s = AS_STR(v);
    for (size_t i = 0; i < (size_t)s->len; i++) h = (h ^ (unsigned char)s->data[i]) * 0x100000001B3ull;
    break;
  }
  case VAL_NIL: break;
  default: h ^= (uint64_t)(uintptr_t)v.as.p; break;
  }
  h ^= h >> 29; h *= 0xBF58476D1CE4E5B9ull; h ^= h >> 32;
  return (uint32_t)h;
}

/* Constants are found through an open-addressing index (linear search made
** a function with 65,000 constants -- a 100,000-case switch -- quadratic). */
static void khash_insert(FuncState *fs, int idx) {
  uint32_t m = (uint32_t)fs->khcap - 1, i = const_hash(fs->k[idx]) & m;
  while (fs->khash[i]) i = (i + 1) & m;
  fs->khash[i] = idx + 1;
}

int add_const(FuncState *fs, Value v) {
  if (fs->khcap < 2 * (fs->nk + 1)) {
    int cap = fs->khcap ? fs->khcap * 2 : 64;
    while (cap < 2 * (fs->nk + 1)) cap *= 2;
    fs->khash = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)cap);
    memset(fs->khash, 0, sizeof(int) * (size_t)cap);
    fs->khcap = cap;
    for (int i = 0; i < fs->nk; i++) khash_insert(fs, i);
  }
  uint32_t m = (uint32_t)fs->khcap - 1;
  for (uint32_t i = const_hash(v) & m; fs->khash[i]; i = (i + 1) & m)
    if (same_const(fs->k[fs->khash[i] - 1], v)) return fs->khash[i] - 1;
  if (fs->nk >= MAXARG_Bx) {
    ERR(fs, NULL, "function too complex (too many constants)");
    return 0;
  }
  if (fs->nk == fs->capk) {
    fs->capk = fs->capk ? fs->capk * 2 : 16;
    Value *n = GC_MALLOC(sizeof(Value) * (size_t)fs->capk);
    if (fs->nk) memcpy(n, fs->k, sizeof(Value) * (size_t)fs->nk);
    fs->k = n;
  }
  fs->k[fs->nk] = v;
  khash_insert(fs, fs->nk);
  return fs->nk++;
}

int add_name(FuncState *fs, const char *name) {
  name = intern(name);
  for (int i = 0; i < fs->nnames; i++)
    if (fs->names[i] == name) return i;
  if (fs->nnames >= 255) {
    ERR(fs, NULL, "function too complex (too many field names)");
    return 0;
  }
  if (fs->nnames == fs->capnames) {
    fs->capnames = fs->capnames ? fs->capnames * 2 : 8;
    const char **n = GC_MALLOC(sizeof(char *) * (size_t)fs->capnames);
    if (fs->nnames) memcpy(n, fs->names, sizeof(char *) * (size_t)fs->nnames);
    fs->names = n;
  }
  fs->names[fs->nnames] = name;
  return fs->nnames++;
}

int alloc_reg(FuncState *fs, int n) {
  int r = fs->freereg;
  fs->freereg += n;
  if (fs->freereg > MAX_REGS) {
    static int reported;
    (void)reported;
    ERR(fs, NULL, "function too complex");
    fs->freereg = MAX_REGS - 1;
    r = MAX_REGS - 1 - n > 0 ? MAX_REGS - 1 - n : 0;
  }
  if (fs->freereg > fs->maxreg) fs->maxreg = fs->freereg;
  return r;
}

void free_to(FuncState *fs, int reg) {
  if (reg < fs->nactive) reg = fs->nactive;
  fs->freereg = reg;
}

void emit_loadk(FuncState *fs, int reg, Value v) {
  if (v.kind == VAL_INT && v.aux == 0 && v.as.i >= -32767 && v.as.i <= 32768) {
    emit_asbx(fs, OP_LOADI, reg, (int)v.as.i);
    return;
  }
  if (v.kind == VAL_BOOL && v.aux == 0) {
    emit_abc(fs, OP_LOADBOOL, reg, v.as.b ? 1 : 0, 0);
    return;
  }
  if (v.kind == VAL_NIL) {
    emit_abc(fs, OP_LOADNIL, reg, 0, 0);
    return;
  }
  emit_abx(fs, OP_LOADK, reg, add_const(fs, v));
}

void emit_loadtype(FuncState *fs, int reg, Type *t) {
  emit_abx(fs, OP_LOADK, reg, add_const(fs, OBJ_VAL(VAL_TYPE, t)));
}

void emit_move(FuncState *fs, int dst, int src) {
  if (dst != src) emit_abc(fs, OP_MOVE, dst, src, 0);
}

void emit_loadnil(FuncState *fs, int reg, int n) {
  if (n > 0) emit_abc(fs, OP_LOADNIL, reg, n - 1, 0);
}

void emit_zero(FuncState *fs, int reg, Type *t) {
  if (!t || t->kind == TY_INTERFACE || t->kind == TY_NIL) { emit_loadnil(fs, reg, 1); return; }
  if (t == type_int) { emit_asbx(fs, OP_LOADI, reg, 0); return; }
  if (t == type_bool) { emit_abc(fs, OP_LOADBOOL, reg, 0, 0); return; }
  emit_abx(fs, OP_ZERO, reg, add_const(fs, OBJ_VAL(VAL_TYPE, t)));
}

Proto *finish_proto(FuncState *fs) {
  Proto *p = fs->p;
  p->code = fs->code;
  p->ncode = fs->ncode;
  p->lines = fs->lines;
  p->k = fs->k;
  p->nk = fs->nk;
  p->names = fs->names;
  p->nnames = fs->nnames;
  p->protos = fs->protos;
  p->nprotos = fs->nprotos;
  p->upvals = fs->up;
  p->nupvals = fs->nup;
  int nr = fs->maxreg + 1;
  if (nr > 255) nr = 255;
  p->nregs = (uint8_t)nr;
  for (int i = 0; i < fs->nlocals; i++)
    if (fs->locals[i].endpc < 0) fs->locals[i].endpc = fs->ncode;
  p->locals = fs->locals;
  p->nlocals = fs->nlocals;
  p->ic = GC_MALLOC(8 * (size_t)(fs->ncode > 0 ? fs->ncode : 1));
  memset(p->ic, 0, 8 * (size_t)(fs->ncode > 0 ? fs->ncode : 1));
  return p;
}
