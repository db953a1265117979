/*
** expr.c -- expressions: values into registers, conditional jumps, calls,
** builtins, conversions, composite literals, function literals, lvalues.
**
** Register discipline: expr_to(e, reg) may use temporaries at freereg and
** above but leaves freereg where it found it. A call needs its callee and
** arguments in consecutive registers at the top (freereg), so calls into an
** arbitrary register go through a temporary unless reg is the top one.
*/
#include "compiler/internal.h"
#include "compiler/hint.h"
#include <string.h>
#include <stdio.h>

Node *unparen(Node *n) {
  while (n && n->kind == N_PAREN) n = n->a;
  return n;
}

#include "lexer/lexer.h"

/* Rendering stops 40 levels down: deeper text would not fit the buffers, and a
** 20,000-deep chain rendered at each level would be quadratic. */
static int expr_text_depth;
static void expr_text_body(Node *e0, char *buf, size_t n);

void expr_text(Node *e0, char *buf, size_t n) {
  if (expr_text_depth > 40) { snprintf(buf, n, "..."); return; }
  expr_text_depth++;
  expr_text_body(e0, buf, n);
  expr_text_depth--;
}

static void expr_text_body(Node *e0, char *buf, size_t n) {
  Node *e = e0;
  if (!e) { snprintf(buf, n, "?"); return; }
  char a[200], b[200];
  switch (e->kind) {
  case N_PAREN: expr_text(e->a, a, sizeof a); snprintf(buf, n, "(%s)", a); return;
  case N_IDENT: snprintf(buf, n, "%s", e->name); return;
  case N_INT: case N_FLOAT: snprintf(buf, n, "%s", e->name ? e->name : "0"); return;
  case N_RUNE: snprintf(buf, n, "%s", e->name ? e->name : "rune"); return;
  case N_STRING: snprintf(buf, n, "\"%.*s\"", 60, e->str ? e->str : ""); return;
  case N_SELECTOR: expr_text(e->a, a, sizeof a); snprintf(buf, n, "%s.%s", a, e->name); return;
  case N_CALL: {
    expr_text(e->a, a, sizeof a);
    size_t k = 0;
    b[0] = 0;
    for (int i = 0; i < e->list.len && k < sizeof b - 1; i++) {
      char one[200];
      expr_text(e->list.items[i], one, sizeof one);
      k += (size_t)snprintf(b + k, sizeof b - k, "%s%s", i ? ", " : "", one);
      if (k >= sizeof b) { k = sizeof b - 1; break; }
    }
    snprintf(buf, n, "%s(%s%s)", a, b, e->op ? "..." : "");
    return;
  }
  case N_INDEX: expr_text(e->a, a, sizeof a); expr_text(e->b, b, sizeof b); snprintf(buf, n, "%s[%s]", a, b); return;
  case N_BINARY:
    expr_text(e->a, a, sizeof a); expr_text(e->b, b, sizeof b);
    snprintf(buf, n, "%s %s %s", a, lexer_token_text(e->op), b);
    return;
  case N_UNARY:
    expr_text(e->a, a, sizeof a);
    snprintf(buf, n, "%s%s", lexer_token_text(e->op), a);
    return;
  case N_COMPOSITE: snprintf(buf, n, "composite literal"); return;
  case N_FUNCLIT: snprintf(buf, n, "func literal"); return;
  default: snprintf(buf, n, "expression"); return;
  }
}

const char *node_name(Node *n) {
  char *buf = GC_MALLOC_ATOMIC(256);
  expr_text(n, buf, 256);
  return buf;
}

bool is_lvalue_read(Node *e) {
  e = unparen(e);
  if (!e) return false;
  switch (e->kind) {
  case N_IDENT: case N_SELECTOR: case N_INDEX: return true;
  case N_UNARY: return e->op == TK_STAR;
  default: return false;
  }
}

int builtin_of(FuncState *fs, Node *callee) {
  callee = unparen(callee);
  if (!callee || callee->kind != N_IDENT) return 0;
  Sym *s = scope_lookup(fs, fs->C, callee->name);
  return s && s->kind == SYM_BUILTIN ? s->builtin : 0;
}

/* Package member for a selector pkg.Name (NULL if e is not one). */
static const PkgMember *pkg_member(FuncState *fs, Node *e, Sym **pkgsym, bool report) {
  e = unparen(e);
  if (!e || e->kind != N_SELECTOR || !e->a || e->a->kind != N_IDENT) return NULL;
  Sym *s = scope_lookup(fs, fs->C, e->a->name);
  if (!s || s->kind != SYM_PKG) return NULL;
  if (pkgsym) *pkgsym = s;
  const PkgMember *m = api_lookup(s->pkgpath, e->name);
  if (!m && report) hint_undefined_member(fs, e, e->a->name, s->pkgpath, e->name);
  return m;
}

static bool is_pkg_selector(FuncState *fs, Node *e) {
  e = unparen(e);
  if (!e || e->kind != N_SELECTOR || !e->a || e->a->kind != N_IDENT) return false;
  Sym *s = scope_lookup(fs, fs->C, e->a->name);
  return s && s->kind == SYM_PKG;
}

/* ---- method signatures known to the session (csp methods) ---- */
typedef struct MethodSig {
  Type *t; const char *name; FuncSig *sig;
  Value fn;            /* the method's closure (method expressions T.M) */
  struct MethodSig *next;
} MethodSig;
static MethodSig *method_sigs;

void compiler_note_method(Type *t, const char *name, FuncSig *sig, Value fn) {
  MethodSig *m = GC_MALLOC(sizeof *m);
  m->t = t; m->name = intern(name); m->sig = sig; m->fn = fn;
  m->next = method_sigs;
  method_sigs = m;
}

static FuncSig *find_method_sig(Type *t, const char *name) {
  if (!t) return NULL;
  if (t->kind == TY_PTR && t->elem) t = t->elem;
  name = intern(name);
  for (MethodSig *m = method_sigs; m; m = m->next)
    if (m->t == t && m->name == name) return m->sig;
  return NULL;
}

static MethodSig *find_method_entry(Type *t, const char *name) {
  if (!t) return NULL;
  if (t->kind == TY_PTR && t->elem) t = t->elem;
  name = intern(name);
  for (MethodSig *m = method_sigs; m; m = m->next)
    if (m->t == t && m->name == name) return m;
  return NULL;
}

static bool has_method_named(Type *t, const char *name) {
  if (find_method_sig(t, name)) return true;
  if (!t) return false;
  if (type_find_method(t, intern(name))) return true;
  if (t->kind == TY_PTR && t->elem && type_find_method(t->elem, intern(name))) return true;
  return false;
}

/* Go's "x.f undefined (type T has no field or method f)" where csp can tell:
** x's static type is a struct type (or a pointer to one) without embedded
** fields (nothing promoted), and neither a field nor a method is called f. */
static bool check_member(FuncState *fs, Node *e, Type *ot) {
  if (!ot || !e->name) return false;
  Type *t = ot->kind == TY_PTR ? ot->elem : ot;
  if (!t || t->kind != TY_STRUCT) return false;
  const char *name = intern(e->name);
  for (int i = 0; i < t->nfields; i++)
    if (t->fields[i].embedded || t->fields[i].name == name) return false;
  if (has_method_named(t, name) || has_method_named(ot, name)) return false;
  int n = 0;
  for (MethodSig *m = method_sigs; m; m = m->next) n++;
  const char **cands = GC_MALLOC(sizeof(char *) * (size_t)(t->nfields + t->methods.count + n + 1));
  int k = 0;
  for (int i = 0; i < t->nfields; i++) cands[k++] = t->fields[i].name;
  for (MethodSig *m = method_sigs; m; m = m->next) if (m->t == t) cands[k++] = m->name;
  for (int i = 0; i < t->methods.count; i++) cands[k++] = t->methods.items[i].name;
  cands[k] = NULL;
  hint_no_member(fs, e, ot, cands);
  return true;
}

FuncSig *known_sig(FuncState *fs, Node *callee, const char **fname) {
  callee = unparen(callee);
  if (!callee) return NULL;
  if (callee->kind == N_IDENT) {
    Sym *s = scope_lookup(fs, fs->C, callee->name);
    if (s && s->kind == SYM_FUNC) { if (fname) *fname = s->name; return s->sig; }
    return NULL;
  }
  return NULL;
}

/* Static type of a few package functions' results (natives carry no types). */
static Type *native_result_type(const char *path, const char *name) {
  if (strcmp(path, "math") == 0) {
    if (!strcmp(name, "IsNaN") || !strcmp(name, "IsInf") || !strcmp(name, "Signbit")) return type_bool;
    if (!strcmp(name, "Float64bits")) return type_uint64;
    if (!strcmp(name, "Frexp") || !strcmp(name, "Modf")) return NULL;
    return type_float64;
  }
  if (strcmp(path, "strconv") == 0) {
    if (!strcmp(name, "Itoa") || !strcmp(name, "Quote") || !strcmp(name, "FormatInt") ||
        !strcmp(name, "FormatFloat") || !strcmp(name, "FormatBool")) return T_STRING;
  }
  if (strcmp(path, "fmt") == 0 && (!strcmp(name, "Sprintf") || !strcmp(name, "Sprint") || !strcmp(name, "Sprintln")))
    return T_STRING;
  return NULL;
}

int expr_nvalues(FuncState *fs, Node *e) {
  e = unparen(e);
  if (!e || e->kind != N_CALL) return 1;
  if (is_type_expr(fs, e->a)) return 1;
  int bi = builtin_of(fs, e->a);
  if (bi) {
    switch (bi) {
    case BI_COPY: case BI_LEN: case BI_CAP: case BI_APPEND: case BI_MAKE: case BI_NEW:
    case BI_RECOVER: case BI_MIN: case BI_MAX: case BI_COMPLEX: case BI_REAL: case BI_IMAG:
      return 1;
    default: return 0;
    }
  }
  FuncSig *s = known_sig(fs, e->a, NULL);
  if (s) return s->nresults;
  Node *c = unparen(e->a);
  if (c && c->kind == N_SELECTOR && !is_pkg_selector(fs, c)) {
    Type *rt = infer_type(fs, c->a);
    FuncSig *ms = find_method_sig(rt, c->name);
    if (ms) return ms->nresults;
  }
  if (c && c->kind == N_FUNCLIT && c->a) return c->a->list2.len;
  return -1;
}

/* ---- conversions of run-time values to a static type ---- */
void coerce(FuncState *fs, int reg, Type *have, Type *want) {
  if (want && want->name && have != want && !(have && have->kind == TY_INTERFACE)) {
    /* a named slice/map/chan/func/array type: the value takes its name (methods, %T) */
    Type *u = underlying(want);
    if (u && (u->kind == TY_SLICE || u->kind == TY_MAP || u->kind == TY_CHAN || u->kind == TY_FUNC ||
              u->kind == TY_ARRAY)) {
      int t = alloc_reg(fs, 1);
      emit_loadtype(fs, t, want);
      emit_abc(fs, OP_CONV, reg, reg, t);
      free_to(fs, t);
      return;
    }
  }
  if (!want || !type_needs_conv(want)) return;
  if (have == want) return;
  if (have && have->kind == TY_INTERFACE) return;
  if (have && !type_is_basic(have)) return;
  /* an int-kind value into an int-kind slot of the same kind and default type is fine */
  int t = alloc_reg(fs, 1);
  emit_loadtype(fs, t, want);
  emit_abc(fs, OP_CONV, reg, reg, t);
  free_to(fs, t);
}

/* ---- function literals ---- */
static Proto *add_child(FuncState *fs, Proto *p) {
  if (fs->nprotos >= MAXARG_Bx) { ERR(fs, NULL, "function too complex"); return p; }
  if (fs->nprotos == fs->capprotos) {
    fs->capprotos = fs->capprotos ? fs->capprotos * 2 : 4;
    Proto **n = GC_MALLOC(sizeof(Proto *) * (size_t)fs->capprotos);
    if (fs->nprotos) memcpy(n, fs->protos, sizeof(Proto *) * (size_t)fs->nprotos);
    fs->protos = n;
  }
  fs->protos[fs->nprotos++] = p;
  return p;
}

static const char *funclit_name(FuncState *fs) {
  char buf[300];
  fs->nfunclits++;
  if (strstr(fs->name, ".func")) snprintf(buf, sizeof buf, "%s.%d", fs->name, fs->nfunclits);
  else snprintf(buf, sizeof buf, "%s.func%d", fs->name, fs->nfunclits);
  return intern(buf);
}

static Type *compile_funclit(FuncState *fs, Node *e, int reg) {
  FuncSig *sig = sig_from_functype(fs, e->a, NULL);
  const char *name = funclit_name(fs);
  Proto *p = compile_function(fs, fs->C, e->a, e->b, NULL, name, sig, fs->dry);
  add_child(fs, p);
  emit_abx(fs, OP_CLOSURE, reg, fs->nprotos - 1);
  return sig_to_type(sig);
}

/* ---- constants ---- */
static bool load_const_loose;   /* want is only the other operand's inferred type */

static Type *load_const(FuncState *fs, Node *e, ConstVal *c, int reg, Type *want) {
  Type *t = c->type;
  Type *target = t;
  if (!t) {
    if (want && type_is_basic(want)) target = want;
    else target = const_default_type(c);
    /* an untyped constant adapting to a typed operand of another kind keeps its own kind */
    if (target && type_is_basic(target)) {
      if (c->kind == CK_STRING && !type_is_string(target)) target = T_STRING;
      if (c->kind == CK_BOOL && target->kind != TY_BOOL) target = type_bool;
      if ((c->kind == CK_INT || c->kind == CK_FLOAT) && !type_is_int(target) && !type_is_float(target))
        target = const_default_type(c);
      if (c->kind == CK_FLOAT && type_is_int(target)) {
        ConstVal tmp;
        int save = fs->C->suppress;
        fs->C->suppress = 1;
        bool ok = const_convert(fs, e, c, target, &tmp);
        fs->C->suppress = save;
        /* only a guessed operand type yields; a declared destination reports "(truncated)" */
        if (!ok && load_const_loose) target = type_float64;
      }
    }
  }
  Value v = const_to_value(fs, e, c, target);
  emit_loadk(fs, reg, v);
  return target;
}

/* ---- identifiers ---- */
static Type *load_ident(FuncState *fs, Node *e, int reg, Type *want) {
  Sym *s = scope_lookup(fs, fs->C, e->name);
  if (!s) {
    if (strcmp(e->name, "_") == 0) ERR(fs, e, "cannot use _ as value");
    else hint_undefined(fs, e, e->name);
    emit_loadnil(fs, reg, 1);
    return NULL;
  }
  switch (s->kind) {
  case SYM_LOCAL:
    if (s->fs == fs) {
      if (s->boxed) emit_abc(fs, OP_CELLGET, reg, s->reg, 0);
      else emit_move(fs, reg, s->reg);
    } else {
      emit_abc(fs, OP_GETUPVAL, reg, resolve_upvalue(fs, s), 0);
    }
    return s->type;
  case SYM_GLOBAL:
    emit_abx(fs, OP_GETGLOBAL, reg, s->global);
    if (s->boxed) emit_abc(fs, OP_CELLGET, reg, reg, 0);
    return s->type;
  case SYM_FUNC:
    emit_abx(fs, OP_GETGLOBAL, reg, s->global);
    return s->sig ? sig_to_type(s->sig) : NULL;
  case SYM_NIL:
    if (want && (want->kind == TY_SLICE || want->kind == TY_MAP || want->kind == TY_PTR ||
                 want->kind == TY_FUNC || want->kind == TY_CHAN)) {
      emit_zero(fs, reg, want);
      return want;
    }
    emit_loadnil(fs, reg, 1);
    return NULL;
  case SYM_CONST: {
    ConstVal c;
    if (const_eval(fs, e, &c)) return load_const(fs, e, &c, reg, want);
    ERR(fs, e, "cannot use iota outside constant declaration");
    emit_loadnil(fs, reg, 1);
    return NULL;
  }
  case SYM_TYPE:
    ERR(fs, e, "%s (type) is not an expression", e->name);
    break;
  case SYM_BUILTIN:
    ERR(fs, e, "%s (built-in function) must be called", e->name);
    break;
  case SYM_PKG:
    ERR(fs, e, "use of package %s without selector", e->name);
    break;
  }
  emit_loadnil(fs, reg, 1);
  return NULL;
}

/* ---- arithmetic ---- */
static OpCode arith_op(int tk) {
  switch (tk) {
  case TK_PLUS: return OP_ADD;
  case TK_MINUS: return OP_SUB;
  case TK_STAR: return OP_MUL;
  case TK_SLASH: return OP_DIV;
  case TK_PERCENT: return OP_MOD;
  case TK_AMP: return OP_BAND;
  case TK_OR: return OP_BOR;
  case TK_XOR: return OP_BXOR;
  case TK_ANDNOT: return OP_BANDNOT;
  case TK_SHL: return OP_SHL;
  case TK_SHR: return OP_SHR;
  default: return OP_NOP;
  }
}

/* Operand into a register; an untyped constant adapts to `other`'s type. */
static int operand(FuncState *fs, Node *e, Type *other, Type **ty) {
  ConstVal c;
  if (const_eval(fs, e, &c)) {
    int r = alloc_reg(fs, 1);
    Type *want = other && type_is_basic(other) ? other : NULL;
    load_const_loose = true;
    *ty = load_const(fs, e, &c, r, want);
    load_const_loose = false;
    if (!c.type && !want) *ty = NULL;  /* still untyped for the purpose of result typing */
    if (!c.type && c.kind == CK_FLOAT) *ty = type_float64;
    return r;
  }
  return expr_any(fs, e, ty);
}

Type *infer_type(FuncState *fs, Node *e);

static bool is_nil_ident(FuncState *fs, Node *n) {
  n = unparen(n);
  if (!n || n->kind != N_IDENT) return false;
  Sym *s = scope_lookup(fs, fs->C, n->name);
  return s && s->kind == SYM_NIL;
}

/* `x == nil` with x of interface type: only a nil interface is nil (a typed
** nil pointer inside an interface is not). Returns the operand or NULL. */
static Node *iface_nil_compare(FuncState *fs, Node *e) {
  if (e->kind != N_BINARY || (e->op != TK_EQ && e->op != TK_NE)) return NULL;
  Node *x = NULL;
  if (is_nil_ident(fs, e->b)) x = e->a;
  else if (is_nil_ident(fs, e->a)) x = e->b;
  if (!x) return NULL;
  Type *t = infer_type(fs, x);
  return t && t->kind == TY_INTERFACE ? x : NULL;
}

/* a == b or a != b compared as interface values (EQIF): both operands have
** an interface static type, or one has and the other is a constant (whose
** value, in its default or declared type, becomes the dynamic value, as in
** Go). Then the dynamic types must be identical: any(int8(1)) !=
** any(int16(1)). Other mixed comparisons stay lenient (see op_compare): the
** static type of a native's result is not always known to the compiler. */
static bool iface_compare(FuncState *fs, Node *e) {
  if (e->kind != N_BINARY || (e->op != TK_EQ && e->op != TK_NE)) return false;
  bool ia = type_is_interface(infer_type(fs, e->a)), ib = type_is_interface(infer_type(fs, e->b));
  if (ia && ib) return true;
  if (!ia && !ib) return false;
  ConstVal c;
  return const_eval(fs, ia ? e->b : e->a, &c);
}

static int object_reg(FuncState *fs, Node *obj, int reg, Type **ty);

/* K-operand instructions (ADDK, LTJK...): when the instruction just emitted
** loads a number constant into the temporary r (r >= save), drop it and
** return the constant's index for the operand field (< 256), else -1. The
** dropped load is the last instruction and nothing targets the position
** after it, so the K instruction simply takes its place. */
static int take_const_operand(FuncState *fs, int r, int save) {
  if (r < save || fs->ncode == 0) return -1;
  Instr i = fs->code[fs->ncode - 1];
  if (GET_A(i) != r) return -1;
  int k;
  if (GET_OP(i) == OP_LOADI) {
    if (fs->nk >= 256) return -1;
    k = add_const(fs, INT_VAL(GET_sBx(i)));
  } else if (GET_OP(i) == OP_LOADK) {
    k = GET_Bx(i);
    if (k >= fs->nk || (fs->k[k].kind != VAL_INT && fs->k[k].kind != VAL_FLOAT)) return -1;
  } else {
    return -1;
  }
  if (k > 255) return -1;
  fs->ncode--;
  return k;
}

static OpCode arith_k_op(OpCode o) {
  switch (o) {
  case OP_ADD: return OP_ADDK;
  case OP_SUB: return OP_SUBK;
  case OP_MUL: return OP_MULK;
  case OP_DIV: return OP_DIVK;
  case OP_MOD: return OP_MODK;
  default: return OP_NOP;
  }
}

static Type *compile_binary(FuncState *fs, Node *e, int reg, Type *want) {
  int op = e->op;
  Node *ix = iface_nil_compare(fs, e);
  if (ix) {
    int save = fs->freereg;
    Type *t;
    int x = expr_any(fs, ix, &t);
    int tr = alloc_reg(fs, 1);
    emit_loadtype(fs, tr, type_nil);
    emit_abc(fs, OP_TYPEIS, reg, x, tr);
    if (op == TK_NE) emit_abc(fs, OP_NOT, reg, reg, 0);
    free_to(fs, save);
    return type_bool;
  }
  if (iface_compare(fs, e)) {
    int save = fs->freereg;
    Type *ta, *tb;
    int ra = expr_any(fs, e->a, &ta);
    int rb = expr_any(fs, e->b, &tb);
    emit_abc(fs, OP_EQIF, reg, ra, rb);
    if (op == TK_NE) emit_abc(fs, OP_NOT, reg, reg, 0);
    free_to(fs, save);
    return type_bool;
  }
  if (op == TK_ANDAND || op == TK_OROR) {
    expr_to(fs, e->a, reg, type_bool);
    int j = emit_asbx(fs, op == TK_ANDAND ? OP_JMPIFNOT : OP_JMPIF, reg, 0);
    expr_to(fs, e->b, reg, type_bool);
    patch_here(fs, j);
    return type_bool;
  }
  int save = fs->freereg;
  ConstVal ca, cb;
  bool a_const = const_eval(fs, e->a, &ca);
  bool b_const = const_eval(fs, e->b, &cb);
  /* x + k, x - k, k + x with a small untyped integer constant: ADDI */
  if ((op == TK_PLUS || op == TK_MINUS) && (a_const != b_const) && !(op == TK_MINUS && a_const)) {
    ConstVal *k = a_const ? &ca : &cb;
    Node *x = a_const ? e->b : e->a;
    if (k->kind == CK_INT && !k->type && !k->rune) {
      i128 v = op == TK_MINUS ? -k->i : k->i;
      Type *xt = infer_type(fs, x);
      if (v >= -127 && v <= 128 && !type_is_string(xt) && (!xt || type_is_basic(xt))) {
        int rx = expr_any(fs, x, &xt);
        emit_abc(fs, OP_ADDI, reg, rx, (int)v + OFFSET_sC);
        free_to(fs, save);
        return xt;
      }
    }
  }
  Type *ta = NULL, *tb = NULL;
  int ra, rb;
  bool shift = op == TK_SHL || op == TK_SHR;
  if (a_const && !b_const) {
    Type *hint = shift ? (want && type_is_basic(want) ? want : NULL) : infer_type(fs, e->b);
    ra = operand(fs, e->a, hint, &ta);
    rb = expr_any(fs, e->b, &tb);
    if (shift) tb = NULL;
  } else {
    ra = object_reg(fs, e->a, reg, &ta);   /* x+x+...: the chain stays in reg */
    if (!ta && a_const) ta = NULL;
    rb = operand(fs, e->b, shift ? type_uint : ta, &tb);
  }
  if ((op == TK_SLASH || op == TK_PERCENT) && b_const && const_is_zero(&cb) &&
      (cb.kind == CK_INT || type_is_int(ta) || !ta)) {
    if (cb.kind == CK_INT || type_is_int(ta)) ERR(fs, e->b, "invalid operation: division by zero");
  }
  Type *rt = NULL;
  switch (op) {
  case TK_EQ: emit_abc(fs, OP_EQ, reg, ra, rb); rt = type_bool; break;
  case TK_NE: emit_abc(fs, OP_NE, reg, ra, rb); rt = type_bool; break;
  case TK_LT: emit_abc(fs, OP_LT, reg, ra, rb); rt = type_bool; break;
  case TK_LE: emit_abc(fs, OP_LE, reg, ra, rb); rt = type_bool; break;
  case TK_GT: emit_abc(fs, OP_LT, reg, rb, ra); rt = type_bool; break;
  case TK_GE: emit_abc(fs, OP_LE, reg, rb, ra); rt = type_bool; break;
  default: {
    OpCode o = arith_op(op);
    if (o == OP_NOP) { ERR(fs, e, "invalid binary operator"); break; }
    OpCode ko = b_const && !a_const ? arith_k_op(o) : OP_NOP;
    int kc = ko != OP_NOP ? take_const_operand(fs, rb, save) : -1;
    if (kc >= 0) emit_abc(fs, ko, reg, ra, kc);
    else emit_abc(fs, o, reg, ra, rb);
    rt = shift ? ta : (ta ? ta : tb);
    break;
  }
  }
  free_to(fs, save);
  return rt;
}

/* ---- address-of ---- */
static Type *compile_addr(FuncState *fs, Node *e, Node *x, int reg) {
  x = unparen(x);
  switch (x->kind) {
  case N_IDENT: {
    Sym *s = scope_lookup(fs, fs->C, x->name);
    if (!s) { hint_undefined(fs, x, x->name); return NULL; }
    if (s->kind == SYM_LOCAL) {
      mark_captured(s->decl, MARK_ADDRESSED);
      if (s->fs == fs) {
        if (!s->boxed && !fs->dry) ERR(fs, x, "internal error: address of unboxed variable %s", x->name);
        emit_abc(fs, OP_ADDRCELL, reg, s->reg, 0);
      } else {
        emit_abc(fs, OP_ADDRUP, reg, resolve_upvalue(fs, s), 0);
      }
      return s->type ? type_ptr(s->type) : NULL;
    }
    if (s->kind == SYM_GLOBAL) {
      if (!s->boxed) { ERR(fs, x, "cannot take the address of %s here", x->name); return NULL; }
      emit_abx(fs, OP_GETGLOBAL, reg, s->global);
      emit_abc(fs, OP_ADDRCELL, reg, reg, 0);
      return s->type ? type_ptr(s->type) : NULL;
    }
    ERR(fs, e, "invalid operation: cannot take address of %s", x->name);
    return NULL;
  }
  case N_COMPOSITE: {
    Type *t = expr_to(fs, x, reg, NULL);
    emit_abc(fs, OP_BOXPTR, reg, reg, 0);
    return t ? type_ptr(t) : NULL;
  }
  case N_SELECTOR: {
    if (is_pkg_selector(fs, x)) {
      ERR(fs, e, "cannot take the address of package variable %s", node_name(x));
      return NULL;
    }
    Type *ot;
    int save = fs->freereg;
    int o = expr_any(fs, x->a, &ot);
    emit_abc(fs, OP_ADDRFIELD, reg, o, add_name(fs, x->name));
    free_to(fs, save);
    Type *ft = struct_field_type(ot, x->name, NULL);
    return ft ? type_ptr(ft) : NULL;
  }
  case N_INDEX: {
    Type *ot, *kt;
    int save = fs->freereg;
    int o = expr_any(fs, x->a, &ot);
    int k = expr_any(fs, x->b, &kt);
    emit_abc(fs, OP_ADDRINDEX, reg, o, k);
    free_to(fs, save);
    Type *et = elem_type(ot);
    return et ? type_ptr(et) : NULL;
  }
  case N_UNARY:
    if (x->op == TK_STAR) return expr_to(fs, x->a, reg, NULL);
    break;
  default: break;
  }
  ERR(fs, e, "invalid operation: cannot take address of %s", node_name(x));
  return NULL;
}

/* ---- composite literals ---- */
static Type *compile_composite(FuncState *fs, Node *e, int reg, Type *hint) {
  Type *t = NULL;
  if (e->a) {
    Node *ta = unparen(e->a);
    if (ta->kind == N_TARRAY && !ta->a) {
      Type *el = resolve_type(fs, ta->b);
      /* [...]T: length from the elements */
      int64_t n = 0, idx = 0;
      for (int i = 0; i < e->list.len; i++) {
        Node *el_ = e->list.items[i];
        if (el_->kind == N_KEYVALUE) {
          ConstVal c;
          if (const_eval(fs, el_->a, &c) && c.kind == CK_INT) idx = (int64_t)c.i;
        }
        idx++;
        if (idx > n) n = idx;
      }
      t = el ? type_array(el, n) : NULL;
    } else t = resolve_type(fs, e->a);
  } else t = hint;
  if (!t) {
    if (!e->a) ERR(fs, e, "invalid composite literal type: missing type");
    emit_loadnil(fs, reg, 1);
    return NULL;
  }
  if (t->kind == TY_PTR && !e->a) {
    /* elided &T in []*T{{...}} */
    Type *inner = compile_composite(fs, e, reg, t->elem);
    emit_abc(fs, OP_BOXPTR, reg, reg, 0);
    return inner ? type_ptr(inner) : t;
  }
  int save = fs->freereg;
  switch (t->kind) {
  case TY_STRUCT: {
    emit_zero(fs, reg, t);
    int v = alloc_reg(fs, 1);
    for (int i = 0; i < e->list.len; i++) {
      Node *el = e->list.items[i];
      int idx = i;
      Node *val = el;
      if (el->kind == N_KEYVALUE) {
        Node *k = unparen(el->a);
        if (!k || k->kind != N_IDENT) { ERR(fs, el, "invalid field name %s in struct literal", node_name(k)); continue; }
        idx = type_field_index(t, intern(k->name));
        if (idx < 0) {
          ERR(fs, k, "unknown field %s in struct literal of type %s", k->name, tstr(t));
          continue;
        }
        val = el->b;
      } else if (i >= t->nfields) {
        ERR(fs, el, "too many values in struct literal of type %s", tstr(t));
        break;
      }
      Type *ft = idx < t->nfields ? t->fields[idx].type : NULL;
      Type *vt = expr_to_copy(fs, val, v, ft);
      coerce(fs, v, vt, ft);
      emit_abc(fs, OP_SETFIELDI, reg, idx, v);
    }
    if (e->list.len && e->list.items[0]->kind != N_KEYVALUE && e->list.len < t->nfields)
      ERR(fs, e, "too few values in struct literal of type %s", tstr(t));
    break;
  }
  case TY_ARRAY: case TY_SLICE: {
    int64_t n = 0, idx = 0;
    for (int i = 0; i < e->list.len; i++) {
      Node *el = e->list.items[i];
      if (el->kind == N_KEYVALUE) {
        ConstVal c;
        if (const_eval(fs, el->a, &c) && c.kind == CK_INT) idx = (int64_t)c.i;
        else ERR(fs, el->a, "index must be non-negative integer constant");
      }
      idx++;
      if (idx > n) n = idx;
    }
    if (t->kind == TY_ARRAY) {
      if (n > t->len) ERR(fs, e, "array index %lld out of bounds [0:%lld]", (long long)n - 1, (long long)t->len);
      emit_zero(fs, reg, t);
    } else {
      int b = alloc_reg(fs, 2);
      emit_loadtype(fs, b, t);
      emit_loadk(fs, b + 1, INT_VAL(n));
      emit_abc(fs, OP_MAKE, reg, b, 1);
      free_to(fs, b);
    }
    int k = alloc_reg(fs, 1), v = alloc_reg(fs, 1);
    idx = 0;
    for (int i = 0; i < e->list.len; i++) {
      Node *el = e->list.items[i];
      Node *val = el;
      if (el->kind == N_KEYVALUE) {
        ConstVal c;
        if (const_eval(fs, el->a, &c) && c.kind == CK_INT) idx = (int64_t)c.i;
        val = el->b;
      }
      emit_loadk(fs, k, INT_VAL(idx));
      Type *vt;
      if (unparen(val)->kind == N_COMPOSITE && !unparen(val)->a) vt = compile_composite(fs, unparen(val), v, t->elem);
      else vt = expr_to_copy(fs, val, v, t->elem);
      coerce(fs, v, vt, t->elem);
      emit_abc(fs, OP_SETINDEX, reg, k, v);
      idx++;
    }
    break;
  }
  case TY_MAP: {
    int b = alloc_reg(fs, 1);
    emit_loadtype(fs, b, t);
    emit_abc(fs, OP_MAKE, reg, b, 0);
    free_to(fs, b);
    int k = alloc_reg(fs, 1), v = alloc_reg(fs, 1);
    for (int i = 0; i < e->list.len; i++) {
      Node *el = e->list.items[i];
      if (el->kind != N_KEYVALUE) { ERR(fs, el, "missing key in map literal"); continue; }
      Node *kn = unparen(el->a), *vn = unparen(el->b);
      Type *kt, *vt;
      if (kn->kind == N_COMPOSITE && !kn->a) kt = compile_composite(fs, kn, k, t->key);
      else kt = expr_to_copy(fs, kn, k, t->key);
      coerce(fs, k, kt, t->key);
      if (vn->kind == N_COMPOSITE && !vn->a) vt = compile_composite(fs, vn, v, t->elem);
      else vt = expr_to_copy(fs, vn, v, t->elem);
      coerce(fs, v, vt, t->elem);
      emit_abc(fs, OP_SETINDEX, reg, k, v);
    }
    break;
  }
  case TY_NATIVE:
    /* sync.WaitGroup{}, strings.Builder{}: a stdlib struct type's zero value */
    if (e->list.len == 0) {
      emit_zero(fs, reg, t);
      break;
    }
    ERR(fs, e, "cannot set fields of %s in a composite literal", tstr(t));
    emit_loadnil(fs, reg, 1);
    break;
  default:
    /* time.Time{}: a struct in Go that the stdlib represents as a basic
    ** value; its empty literal is its zero value. (More lenient than Go for
    ** basic stdlib types such as time.Duration{}.) */
    if (e->list.len == 0 && t->pkg && strcmp(t->pkg, "main") != 0) {
      emit_zero(fs, reg, t);
      break;
    }
    ERR(fs, e, "invalid composite literal type %s", tstr(t));
    emit_loadnil(fs, reg, 1);
    break;
  }
  free_to(fs, save);
  return t;
}

/* ---- builtins ---- */
static void want_args(FuncState *fs, Node *call, const char *name, int min, int max) {
  int n = call->list.len;
  if (n < min) ERR(fs, call, "not enough arguments for %s (expected %d, found %d)", node_name(call), min, n);
  else if (max >= 0 && n > max) ERR(fs, call, "too many arguments for %s (expected %d, found %d)", node_name(call), max, n);
  (void)name;
}

Type *compile_builtin(FuncState *fs, Node *call, int bi, int reg) {
  NodeList *a = &call->list;
  int save = fs->freereg;
  Type *rt = NULL;
  Type *t0 = NULL;
  switch (bi) {
  case BI_LEN: case BI_CAP: {
    want_args(fs, call, "len", 1, 1);
    if (a->len < 1) break;
    ConstVal c;
    if (bi == BI_LEN && const_eval(fs, call, &c)) { load_const(fs, call, &c, reg, NULL); return type_int; }
    int r = expr_any(fs, a->items[0], &t0);
    emit_abc(fs, bi == BI_LEN ? OP_LEN : OP_CAP, reg, r, 0);
    rt = type_int;
    break;
  }
  case BI_APPEND: {
    if (a->len < 1) { ERR(fs, call, "not enough arguments for append() (expected 1, found 0)"); break; }
    int n = a->len;
    int b = alloc_reg(fs, n);
    Type *st = expr_to(fs, a->items[0], b, NULL);
    Type *et = st && st->kind == TY_SLICE ? st->elem : NULL;
    if (call->op == 1) {
      if (n != 2) { ERR(fs, call, "can only use ... with final argument in list"); break; }
      expr_to(fs, a->items[1], b + 1, NULL);
      emit_abc(fs, OP_APPENDSPREAD, reg, b, 0);
    } else if (n == 1) {
      emit_move(fs, reg, b);
    } else {
      for (int i = 1; i < n; i++) {
        Node *v = unparen(a->items[i]);
        Type *vt;
        if (v->kind == N_COMPOSITE && !v->a && et) vt = compile_composite(fs, v, b + i, et);
        else vt = expr_to_copy(fs, v, b + i, et);
        coerce(fs, b + i, vt, et);
      }
      emit_abc(fs, OP_APPEND, reg, b, n);
    }
    rt = st;
    break;
  }
  case BI_COPY: {
    want_args(fs, call, "copy", 2, 2);
    if (a->len < 2) break;
    Type *t1;
    int d = expr_any(fs, a->items[0], &t0);
    int s = expr_any(fs, a->items[1], &t1);
    emit_abc(fs, OP_COPY, reg, d, s);
    rt = type_int;
    break;
  }
  case BI_DELETE: {
    want_args(fs, call, "delete", 2, 2);
    if (a->len < 2) break;
    int m = expr_any(fs, a->items[0], &t0);
    int k = alloc_reg(fs, 1);
    Type *kt = expr_to_copy(fs, a->items[1], k, t0 && t0->kind == TY_MAP ? t0->key : NULL);
    coerce(fs, k, kt, t0 && t0->kind == TY_MAP ? t0->key : NULL);
    emit_abc(fs, OP_DELETE, m, k, 0);
    break;
  }
  case BI_MAKE: {
    if (a->len < 1) { ERR(fs, call, "not enough arguments for make() (expected 1, found 0)"); break; }
    Type *t = resolve_type(fs, a->items[0]);
    if (!t) break;
    int nsz = a->len - 1;
    if (nsz > 2) { ERR(fs, call, "invalid operation: %s expects 1 or 3 arguments; found %d", node_name(call), a->len); nsz = 2; }
    if (t->kind != TY_SLICE && t->kind != TY_MAP && t->kind != TY_CHAN) {
      ERR(fs, a->items[0], "invalid argument: cannot make %s; type must be slice, map, or channel", tstr(t));
      break;
    }
    if (t->kind == TY_SLICE && nsz == 0) {
      ERR(fs, call, "invalid operation: %s expects 2 or 3 arguments; found 1", node_name(call));
    }
    int b = alloc_reg(fs, 1 + nsz);
    emit_loadtype(fs, b, t);
    for (int i = 0; i < nsz; i++) {
      ConstVal c;
      if (const_eval(fs, a->items[1 + i], &c) && (c.kind == CK_INT || c.kind == CK_FLOAT) && cv_negative(&c))
        ERR(fs, a->items[1 + i], "invalid argument: index %s (constant of type int) must not be negative", const_str(&c));
      expr_to(fs, a->items[1 + i], b + 1 + i, type_int);
    }
    if (t->kind == TY_CHAN) emit_abc(fs, OP_MAKECHAN, reg, b, nsz > 0);
    else emit_abc(fs, OP_MAKE, reg, b, nsz);
    rt = t;
    break;
  }
  case BI_NEW: {
    want_args(fs, call, "new", 1, 1);
    if (a->len < 1) break;
    Type *t = resolve_type(fs, a->items[0]);
    if (!t) break;
    int b = alloc_reg(fs, 1);
    emit_loadtype(fs, b, t);
    emit_abc(fs, OP_NEW, reg, b, 0);
    rt = type_ptr(t);
    break;
  }
  case BI_PANIC: {
    want_args(fs, call, "panic", 1, 1);
    if (a->len < 1) break;
    int r = alloc_reg(fs, 1);
    ConstVal c;
    if (const_eval(fs, a->items[0], &c)) load_const(fs, a->items[0], &c, r, NULL);
    else expr_to_copy(fs, a->items[0], r, NULL);
    emit_abc(fs, OP_PANIC, r, 0, 0);
    break;
  }
  case BI_RECOVER:
    emit_abc(fs, OP_RECOVER, reg, 0, 0);
    break;
  case BI_PRINT: case BI_PRINTLN: {
    int n = a->len;
    int b = alloc_reg(fs, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) expr_to(fs, a->items[i], b + i, NULL);
    emit_abc(fs, OP_PRINT, b, n, bi == BI_PRINTLN);
    break;
  }
  case BI_MIN: case BI_MAX: {
    if (a->len < 1) { ERR(fs, call, "not enough arguments for %s() (expected 1, found 0)", bi == BI_MIN ? "min" : "max"); break; }
    /* all constant: fold */
    ConstVal acc;
    bool allc = true;
    for (int i = 0; i < a->len && allc; i++) {
      ConstVal c;
      if (!const_eval(fs, a->items[i], &c)) { allc = false; break; }
      if (i == 0) acc = c;
      else {
        ConstVal lt;
        if (!const_binary(fs, call, TK_LT, &c, &acc, &lt)) { allc = false; break; }
        bool take = bi == BI_MIN ? lt.b : false;
        if (bi == BI_MAX) {
          ConstVal gt;
          const_binary(fs, call, TK_GT, &c, &acc, &gt);
          take = gt.b;
        }
        if (take) acc = c;
        if (c.kind == CK_FLOAT && acc.kind == CK_INT) { ConstVal z; const_int(&z, 0); const_binary(fs, call, TK_PLUS, &acc, &z, &acc); }
      }
    }
    if (allc) { rt = load_const(fs, call, &acc, reg, NULL); break; }
    int n = a->len;
    int b = alloc_reg(fs, n);
    Type *ft = NULL;
    for (int i = 0; i < n; i++) { Type *ti = infer_type(fs, a->items[i]); if (ti && !ft) ft = ti; }
    for (int i = 0; i < n; i++) {
      Type *ti = expr_to(fs, a->items[i], b + i, ft);
      if (!rt) rt = ti;
    }
    emit_abc(fs, OP_MINMAX, b, n, bi == BI_MAX);
    emit_move(fs, reg, b);
    break;
  }
  case BI_CLOSE: {
    want_args(fs, call, "close", 1, 1);
    if (a->len < 1) break;
    int r = expr_any(fs, a->items[0], &t0);
    Type *ut = underlying(t0);
    if (ut && ut->kind != TY_CHAN && ut->kind != TY_INTERFACE && ut->kind != TY_NIL)
      ERR(fs, a->items[0], "invalid operation: cannot close non-channel %s (%s)", node_name(a->items[0]),
          hint_operand(fs, a->items[0], t0));
    else if (ut && ut->kind == TY_CHAN && ut->chan_dir == 2)
      ERR(fs, a->items[0], "invalid operation: cannot close receive-only channel %s (%s)", node_name(a->items[0]),
          hint_operand(fs, a->items[0], t0));
    emit_abc(fs, OP_CLOSE, r, 0, 0);
    break;
  }
  default:
    ERR(fs, call, "%s is not supported", node_name(call->a));
    break;
  }
  free_to(fs, save);
  return rt;
}

/* ---- calls ---- */
static Type *compile_conversion(FuncState *fs, Node *call, Type *t, int reg) {
  if (call->list.len != 1) {
    ERR(fs, call, call->list.len == 0 ? "missing argument in conversion to %s" : "too many arguments in conversion to %s", tstr(t));
    return t;
  }
  Node *x = call->list.items[0];
  ConstVal c;
  if (type_is_basic(t) && const_eval(fs, x, &c)) {
    ConstVal r;
    int nerr = fs->C->nerrors;
    if (const_convert(fs, call, &c, t, &r)) {
      emit_loadk(fs, reg, const_to_value(fs, call, &r, t));
      return t;
    }
    if (fs->C->nerrors != nerr) return t;   /* const_convert said why */
    if (c.kind == CK_STRING || c.kind == CK_BOOL || c.kind == CK_FLOAT || !type_is_string(t)) {
      ERR(fs, x, "cannot convert %s (untyped %s constant) to type %s", node_name(x),
          c.kind == CK_STRING ? "string" : c.kind == CK_BOOL ? "bool" : c.kind == CK_FLOAT ? "float" : "int", tstr(t));
      return t;
    }
  }
  if (t->kind == TY_INTERFACE) {
    expr_to(fs, x, reg, NULL);
    return t;
  }
  int save = fs->freereg;
  Type *xt;
  int xr;
  Node *ux = unparen(x);
  if (ux->kind == N_COMPOSITE && !ux->a) { xr = alloc_reg(fs, 1); xt = compile_composite(fs, ux, xr, t); }
  else xr = expr_any(fs, x, &xt);
  int tr = alloc_reg(fs, 1);
  emit_loadtype(fs, tr, t);
  emit_abc(fs, OP_CONV, reg, xr, tr);
  free_to(fs, save);
  return t;
}

/* Where Go reports missing arguments: the last argument, or the call. */
static Node *call_rparen(FuncState *fs, Node *call) {
  (void)fs;
  if (call->list.len) return call->list.items[call->list.len - 1];
  /* no arguments: where the call expression starts (`strings.ToUpper()`: at strings) */
  Node *n = call->a;
  while (n && n->a && (n->kind == N_SELECTOR || n->kind == N_CALL || n->kind == N_INDEX || n->kind == N_SLICE ||
                       n->kind == N_TYPEASSERT))
    n = n->a;
  return n ? n : call;
}

/* sig/param_off (sig may be NULL) give the signature shown in the message. */
static void check_arg_count(FuncState *fs, Node *call, const char *fname, int have, int want, bool variadic,
                            FuncSig *sig, int param_off) {
  if (have < 0) return;
  if (variadic ? have < want - 1 : have < want)
    ERR(fs, call_rparen(fs, call), "not enough arguments in call to %s%s", fname,
        hint_arg_counts(fs, call, sig, param_off, have, want, variadic));
  else if (!variadic && have > want)
    ERR(fs, want >= 0 && want < call->list.len ? call->list.items[want] : call, "too many arguments in call to %s%s",
        fname, hint_arg_counts(fs, call, sig, param_off, have, want, variadic));
}

/* Compile arguments into base+first.. ; returns B for CALL (nargs+1+first-1 adjusted) or 0 for "up to top". */
static int compile_args(FuncState *fs, Node *call, int argbase, FuncSig *sig, int param_off,
                        const char *fname, bool *spread, int want_n) {
  NodeList *a = &call->list;
  *spread = call->op == 1;
  int n = a->len;
  /* f(g()) with g returning several values */
  if (n == 1 && !*spread) {
    int nv = expr_nvalues(fs, a->items[0]);
    if (nv < 0 && sig && !sig->variadic) want_n = sig->nparams - param_off;
    if (nv < 0 && want_n >= 1) nv = want_n;
    if (nv != 1 && nv != 0) {
      int b = alloc_reg(fs, 0);
      (void)b;
      if (nv > 1 && sig) check_arg_count(fs, call, fname, nv, sig->nparams - param_off, sig->variadic, sig, param_off);
      int got;
      compile_call(fs, unparen(a->items[0]), argbase, nv > 1 ? nv : -1, &got);
      if (nv > 1) {
        if (argbase + nv > fs->freereg) alloc_reg(fs, argbase + nv - fs->freereg);
        return -(nv);  /* caller: B = nv + 1 + offset */
      }
      return 0;
    }
  }
  if (sig) check_arg_count(fs, call, fname, n, sig->nparams - param_off, sig->variadic && !*spread, sig, param_off);
  char ctxbuf[200];
  snprintf(ctxbuf, sizeof ctxbuf, "argument to %s", node_name(call->a));
  fs->C->ctx = intern(ctxbuf);
  for (int i = 0; i < n; i++) {
    int r = alloc_reg(fs, 1);
    if (r != argbase + i) { /* keep consecutive */ }
    Type *pt = NULL;
    if (sig) {
      int pi = i + param_off;
      if (sig->variadic && pi >= sig->nparams - 1) {
        Type *st = sig->params[sig->nparams - 1];
        pt = *spread ? st : (st && st->kind == TY_SLICE ? st->elem : NULL);
      } else if (pi < sig->nparams) pt = sig->params[pi];
    }
    Node *arg = unparen(a->items[i]);
    Type *at;
    ConstVal kc;
    /* a native of unknown signature: an untyped constant above MaxInt64 is for a uint64 parameter */
    if (!pt && !sig && const_eval(fs, arg, &kc) && kc.kind == CK_INT && !kc.type && kc.i > INT64_MAX &&
        kc.i <= (i128)UINT64_MAX)
      pt = type_uint64;
    if (arg->kind == N_COMPOSITE && !arg->a && pt) at = compile_composite(fs, arg, r, pt);
    else at = expr_to_copy(fs, arg, r, pt);
    coerce(fs, r, at, pt);
  }
  return n;
}

static const char *callee_name(FuncState *fs, Node *callee) {
  (void)fs;
  return node_name(callee);
}

/* Compile a call with callee at base (== freereg on entry). nres: wanted
** results (-1: all, set top). Results land at base.. */
void compile_call(FuncState *fs, Node *call, int base, int nres, int *nres_out) {
  if (nres_out) *nres_out = nres;
  compile_call_op(fs, call, base, nres, OP_CALL);
}

void compile_call_op(FuncState *fs, Node *call, int base, int nres, OpCode op) {
  Node *callee = unparen(call->a);
  if (fs->freereg != base) free_to(fs, base);
  if (base != fs->freereg) {
    /* base is below freereg only if locals sit there; fall back to the top */
  }
  /* conversions and builtins produce one value in base */
  Type *ct = try_type(fs, callee);
  if (ct) {
    alloc_reg(fs, 1);
    compile_conversion(fs, call, ct, base);
    if (nres > 1) ERR(fs, call, "assignment mismatch: %d variables but 1 value", nres);
    free_to(fs, base + (nres > 0 ? nres : 1));
    return;
  }
  int bi = builtin_of(fs, callee);
  if (bi) {
    alloc_reg(fs, 1);
    compile_builtin(fs, call, bi, base);
    free_to(fs, base + (nres > 0 ? nres : 1));
    return;
  }
  FuncSig *sig = NULL;
  const char *fname = NULL;
  int param_off = 0;
  bool method = false;
  int native_arity = -1;
  const char *native_name = NULL;
  if (callee->kind == N_SELECTOR && !is_pkg_selector(fs, callee) && !is_type_expr(fs, callee->a)) {
    Type *rt = infer_type(fs, callee->a);
    int fidx;
    Type *ft = struct_field_type(rt, callee->name, &fidx);
    if (!ft) check_member(fs, callee, rt);
    if (ft && !has_method_named(rt, callee->name)) {
      /* func-valued field */
      alloc_reg(fs, 1);
      expr_to(fs, callee, base, NULL);
    } else {
      alloc_reg(fs, 2);
      Type *ot;
      int o;
      FuncSig *ms0 = find_method_sig(rt, callee->name);
      Node *rx = unparen(callee->a);
      bool want_addr = ms0 && ms0->params[0] && ms0->params[0]->kind == TY_PTR && rt &&
                       rt->kind != TY_PTR && rt->kind != TY_STRUCT && (rt->kind != TY_ARRAY || rt->name);
      if (want_addr && rx->kind == N_IDENT) {
        Sym *rs = scope_lookup(fs, fs->C, rx->name);
        if (!rs || (rs->kind != SYM_LOCAL && !(rs->kind == SYM_GLOBAL && rs->boxed))) want_addr = false;
      }
      if (want_addr && (rx->kind == N_IDENT || rx->kind == N_INDEX || rx->kind == N_SELECTOR ||
                        (rx->kind == N_UNARY && rx->op == TK_STAR))) {
        /* pointer-receiver method on an addressable non-struct value: pass &x */
        o = alloc_reg(fs, 1);
        compile_addr(fs, rx, rx, o);
        ot = type_ptr(rt);
      } else o = expr_any(fs, callee->a, &ot);
      emit_abc(fs, OP_SELF, base, o, add_name(fs, callee->name));
      free_to(fs, base + 2);
      method = true;
      sig = find_method_sig(ot ? ot : rt, callee->name);
      param_off = 1;
      fname = callee_name(fs, callee);
    }
  } else {
    alloc_reg(fs, 1);
    if (callee->kind == N_SELECTOR && is_pkg_selector(fs, callee)) {
      const PkgMember *m = pkg_member(fs, callee, NULL, true);
      if (m && m->kind == MEMBER_VALUE && m->value.kind == VAL_NATIVE) {
        native_arity = ((ObjNative *)m->value.as.p)->arity;
        native_name = ((ObjNative *)m->value.as.p)->name;
      }
      if (m && m->kind == MEMBER_VALUE && m->value.kind == VAL_FUNC && m->value.as.p) {
        Proto *p = ((ObjClosure *)m->value.as.p)->proto;
        if (p && !p->variadic) native_arity = p->nparams;
      }
    }
    if (callee->kind == N_IDENT) sig = known_sig(fs, callee, &fname);
    if (sig) fname = callee->name;
    Type *ft = expr_to(fs, callee, base, NULL);
    if (!sig && hint_not_callable(ft))
      ERR(fs, callee, "invalid operation: cannot call non-function %s (%s)", node_name(callee),
          hint_operand(fs, callee, ft));
    if (!sig && ft && ft->kind == TY_FUNC) {
      FuncSig *s2 = GC_MALLOC(sizeof *s2);
      s2->nparams = ft->nparams; s2->params = ft->params;
      s2->nresults = ft->nresults; s2->results = ft->results; s2->variadic = ft->variadic;
      sig = s2;
      fname = callee_name(fs, callee);
    }
  }
  (void)method;
  int argbase = fs->freereg;
  bool spread;
  int n = compile_args(fs, call, argbase, sig, param_off, fname, &spread, native_arity);
  if (native_arity >= 0 && n >= 0 && !spread) check_arg_count(fs, call, node_name(callee), n, native_arity, false, NULL, 0);
  if (native_name && strcmp(native_name, "errors.As") == 0 && n == 2 && !spread) {
    /* errors.As(err, &target): the target's static type rides along as a
    ** hidden third argument; at run time a pointer to a nil interface
    ** variable cannot tell which interface it is (stdlib/errors.c) */
    Type *pt = infer_type(fs, call->list.items[1]);
    if (pt && pt->kind == TY_PTR && pt->elem) {
      emit_loadtype(fs, alloc_reg(fs, 1), pt->elem);
      n = 3;
    }
  }
  int B;
  if (n < 0) B = (argbase - base - 1) + (-n) + 1;
  else if (n == 0 && call->list.len == 1 && expr_nvalues(fs, call->list.items[0]) < 0 && !spread)
    B = 0;
  else B = (argbase - base - 1) + n + 1;
  int C = nres < 0 ? 0 : nres + 1;
  if (op != OP_CALL) {
    if (B == 0) { ERR(fs, call, "cannot use multiple-value call as %s argument here", op == OP_GO ? "go" : "defer"); B = 1; }
    emit_abc(fs, op, base, B, spread ? 1 : 0);
    free_to(fs, base);
    return;
  }
  emit_abc(fs, spread ? OP_CALLSPREAD : OP_CALL, base, B, C);
  free_to(fs, base + (nres > 0 ? nres : 0));
  if (nres > 0 && fs->freereg < base + nres) alloc_reg(fs, base + nres - fs->freereg);
}

static Type *call_result_type(FuncState *fs, Node *call) {
  Node *callee = unparen(call->a);
  FuncSig *sig = known_sig(fs, callee, NULL);
  if (sig) return sig->nresults >= 1 ? sig->results[0] : NULL;
  if (callee->kind == N_SELECTOR) {
    if (is_pkg_selector(fs, callee)) {
      Sym *ps;
      const PkgMember *m = pkg_member(fs, callee, &ps, false);
      if (m && m->kind == MEMBER_VALUE && m->value.kind == VAL_FUNC && m->value.as.p) {
        Proto *p = ((ObjClosure *)m->value.as.p)->proto;
        if (p->type && p->type->nresults >= 1) return p->type->results[0];
      }
      return native_result_type(ps->pkgpath, callee->name);
    }
    Type *rt = infer_type(fs, callee->a);
    FuncSig *ms = find_method_sig(rt, callee->name);
    if (ms) return ms->nresults >= 1 ? ms->results[0] : NULL;
  }
  if (callee->kind == N_FUNCLIT) {
    FuncSig *s = sig_from_functype(fs, callee->a, NULL);
    return s->nresults >= 1 ? s->results[0] : NULL;
  }
  Type *ft = infer_type(fs, callee);
  if (ft && ft->kind == TY_FUNC && ft->nresults >= 1) return ft->results[0];
  return NULL;
}

static Type *selector_type(FuncState *fs, Node *e, Type *ot) {
  (void)fs;
  int idx;
  Type *ft = struct_field_type(ot, e->name, &idx);
  return ft;
}

/* ---- static types without code ---- */
/* infer_type is memoised: compiling `f()()()...` asks for the type of every
** callee prefix at every level, which is quadratic in the chain's length.
** The key includes the scope and its newest symbol, so a declaration in
** between invalidates the entry. */
#define INFER_CACHE 4096
static struct InferMemo { Node *e; FuncState *fs; Scope *sc; Sym *syms; Type *t; } infer_memo[INFER_CACHE];
static Type *infer_type_raw(FuncState *fs, Node *e);

Type *infer_type(FuncState *fs, Node *e) {
  e = unparen(e);
  if (!e) return NULL;
  struct InferMemo *m = &infer_memo[((uintptr_t)e >> 4) % INFER_CACHE];
  Sym *syms = fs->scope ? fs->scope->syms : NULL;
  if (m->e == e && m->fs == fs && m->sc == fs->scope && m->syms == syms) return m->t;
  Type *t = infer_type_raw(fs, e);
  m = &infer_memo[((uintptr_t)e >> 4) % INFER_CACHE];
  m->e = e; m->fs = fs; m->sc = fs->scope; m->syms = syms; m->t = t;
  return t;
}

static Type *infer_type_raw(FuncState *fs, Node *e) {
  int save = fs->C->suppress;
  fs->C->suppress = 1;
  Type *r = NULL;
  switch (e->kind) {
  case N_IDENT: {
    Sym *s = scope_lookup(fs, fs->C, e->name);
    if (s && (s->kind == SYM_LOCAL || s->kind == SYM_GLOBAL)) r = s->type;
    else if (s && s->kind == SYM_CONST && s->cv.kind != CK_NONE) r = s->cv.type ? s->cv.type : const_default_type(&s->cv);
    else if (s && s->kind == SYM_FUNC && s->sig) r = sig_to_type(s->sig);
    break;
  }
  case N_INT: r = type_int; break;
  case N_FLOAT: r = type_float64; break;
  case N_STRING: r = T_STRING; break;
  case N_RUNE: r = type_int32; break;
  case N_COMPOSITE:
    if (e->a) {
      Node *ta = unparen(e->a);
      if (ta->kind == N_TARRAY && !ta->a) { Type *el = try_type(fs, ta->b); r = el ? type_array(el, e->list.len) : NULL; }
      else r = try_type(fs, e->a);
    }
    break;
  case N_UNARY:
    if (e->op == TK_AMP) { Type *t = infer_type(fs, e->a); r = t ? type_ptr(t) : NULL; }
    else if (e->op == TK_STAR) r = deref_type(infer_type(fs, e->a));
    else if (e->op == TK_ARROW) r = elem_type(infer_type(fs, e->a));
    else if (e->op == TK_NOT) r = type_bool;
    else r = infer_type(fs, e->a);
    break;
  case N_BINARY:
    switch (e->op) {
    case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE: case TK_ANDAND: case TK_OROR:
      r = type_bool; break;
    case TK_SHL: case TK_SHR: r = infer_type(fs, e->a); break;
    default: {
      ConstVal c;
      Type *ta = const_eval(fs, e->a, &c) && !c.type ? NULL : infer_type(fs, e->a);
      Type *tb = const_eval(fs, e->b, &c) && !c.type ? NULL : infer_type(fs, e->b);
      r = ta ? ta : tb;
      if (!r) { ConstVal cc; if (const_eval(fs, e, &cc)) r = const_default_type(&cc); }
    }
    }
    break;
  case N_CALL: {
    Type *ct = try_type(fs, e->a);
    if (ct) { r = ct; break; }
    int bi = builtin_of(fs, e->a);
    if (bi) {
      if (bi == BI_LEN || bi == BI_CAP || bi == BI_COPY) r = type_int;
      else if ((bi == BI_MAKE || bi == BI_NEW) && e->list.len) {
        Type *t = try_type(fs, e->list.items[0]);
        r = bi == BI_NEW ? (t ? type_ptr(t) : NULL) : t;
      } else if (bi == BI_APPEND && e->list.len) r = infer_type(fs, e->list.items[0]);
      else if ((bi == BI_MIN || bi == BI_MAX) && e->list.len) r = infer_type(fs, e->list.items[0]);
      break;
    }
    r = call_result_type(fs, e);
    break;
  }
  case N_INDEX: {
    Type *t = infer_type(fs, e->a);
    r = elem_type(t);
    break;
  }
  case N_SLICE: {
    Type *t = infer_type(fs, e->a);
    if (t && t->kind == TY_PTR) t = t->elem;
    if (t && t->kind == TY_ARRAY) r = type_slice(t->elem);
    else r = t;
    break;
  }
  case N_SELECTOR: {
    if (is_pkg_selector(fs, e)) {
      const PkgMember *m = pkg_member(fs, e, NULL, false);
      if (m && m->kind == MEMBER_VALUE && m->type && !m->untyped_const) r = m->type;
      else if (m && m->kind == MEMBER_VALUE && m->untyped_const) r = m->value.kind == VAL_FLOAT ? type_float64 : NULL;
      break;
    }
    r = selector_type(fs, e, infer_type(fs, e->a));
    break;
  }
  case N_TYPEASSERT:
    r = e->b ? try_type(fs, e->b) : NULL;
    break;
  case N_FUNCLIT: {
    FuncSig *s = sig_from_functype(fs, e->a, NULL);
    r = sig_to_type(s);
    break;
  }
  default: break;
  }
  fs->C->suppress = save;
  return r;
}

/* Register holding the object of an index or selector: a plain local's own
** register, else the destination when it is a temporary (so a chain such as
** m[0][0]... or x.a.a... uses one register, not one per level), else a new one. */
static int object_reg(FuncState *fs, Node *obj, int reg, Type **ty) {
  Node *u = unparen(obj);
  if (reg >= fs->nactive && u && u->kind != N_IDENT) {
    *ty = expr_to(fs, obj, reg, NULL);
    return reg;
  }
  return expr_any(fs, obj, ty);
}

/* ---- the main expression compiler ---- */
Type *expr_to(FuncState *fs, Node *e0, int reg, Type *want) {
  Node *e = unparen(e0);
  if (!e) { emit_loadnil(fs, reg, 1); return NULL; }
  int saveline = fs->line;
  if (e->line) fs->line = e->line;
  Type *rt = NULL;
  ConstVal c;
  if (e->kind != N_FUNCLIT && e->kind != N_COMPOSITE && const_eval(fs, e, &c)) {
    rt = load_const(fs, e, &c, reg, want);
    fs->line = saveline;
    return rt;
  }
  switch (e->kind) {
  case N_IDENT:
    rt = load_ident(fs, e, reg, want);
    break;
  case N_IMAG:
    ERR(fs, e, "complex numbers are not supported");
    emit_loadnil(fs, reg, 1);
    break;
  case N_BINARY:
    rt = compile_binary(fs, e, reg, want);
    break;
  case N_UNARY: {
    if (e->op == TK_AMP) { rt = compile_addr(fs, e, e->a, reg); break; }
    int save = fs->freereg;
    Type *t;
    if (e->op == TK_ARROW) {
      int r = expr_any(fs, e->a, &t);
      emit_abc(fs, OP_RECV, reg, r, 0);
      rt = elem_type(t);
    } else if (e->op == TK_STAR) {
      int r = expr_any(fs, e->a, &t);
      emit_abc(fs, OP_DEREF, reg, r, 0);
      rt = deref_type(t);
    } else {
      int r = expr_any(fs, e->a, &t);
      OpCode o = e->op == TK_MINUS ? OP_NEG : e->op == TK_NOT ? OP_NOT : e->op == TK_XOR ? OP_BNOT : OP_MOVE;
      if (o == OP_MOVE) emit_move(fs, reg, r);
      else emit_abc(fs, o, reg, r, 0);
      rt = e->op == TK_NOT ? type_bool : t;
    }
    free_to(fs, save);
    break;
  }
  case N_CALL: {
    Type *ct = try_type(fs, e->a);
    if (ct) { rt = compile_conversion(fs, e, ct, reg); break; }
    int bi = builtin_of(fs, e->a);
    if (bi) {
      rt = compile_builtin(fs, e, bi, reg);
      if (bi == BI_PANIC || bi == BI_PRINT || bi == BI_PRINTLN || bi == BI_CLOSE || bi == BI_DELETE)
        ERR(fs, e, "%s (no value) used as value", node_name(e));
      break;
    }
    int nv = expr_nvalues(fs, e);
    if (nv == 0) ERR(fs, e, "%s (no value) used as value", node_name(e));
    else if (nv > 1) ERR(fs, e, "multiple-value %s (value of type (...)) in single-value context", node_name(e));
    rt = call_result_type(fs, e);
    if (reg == fs->freereg - 1 && reg >= fs->nactive) {
      fs->freereg = reg;
      compile_call(fs, e, reg, 1, NULL);
    } else {
      int save = fs->freereg;
      compile_call(fs, e, save, 1, NULL);
      emit_move(fs, reg, save);
      free_to(fs, save);
    }
    break;
  }
  case N_INDEX: {
    int save = fs->freereg;
    Type *ot, *kt;
    int o = object_reg(fs, e->a, reg, &ot);
    Type *keyt = ot && ot->kind == TY_MAP ? ot->key : type_int;
    int k;
    Node *kn = unparen(e->b);
    if (kn && kn->kind == N_COMPOSITE && !kn->a && ot && ot->kind == TY_MAP) {
      k = alloc_reg(fs, 1);
      compile_composite(fs, kn, k, ot->key);
    } else {
      ConstVal kc;
      if (const_eval(fs, e->b, &kc)) {
        k = alloc_reg(fs, 1);
        if (!(ot && ot->kind == TY_MAP) && kc.kind == CK_INT && kc.i < 0)
          ERR(fs, e->b, "invalid argument: index %s (constant of type int) must not be negative", const_str(&kc));
        load_const(fs, e->b, &kc, k, keyt);
      } else {
        k = expr_any(fs, e->b, &kt);
        if (ot && ot->kind == TY_MAP) {
          if (k < fs->nactive && type_needs_conv(ot->key) && kt != ot->key) {
            int k2 = alloc_reg(fs, 1);
            emit_move(fs, k2, k);
            k = k2;
          }
          coerce(fs, k, kt, ot->key);
        }
      }
    }
    emit_abc(fs, OP_GETINDEX, reg, o, k);
    free_to(fs, save);
    rt = elem_type(ot);
    break;
  }
  case N_SLICE: {
    int save = fs->freereg;
    int b = alloc_reg(fs, 4);
    Type *ot = expr_to(fs, e->a, b, NULL);
    int bits = 0;
    if (e->b) { expr_to(fs, e->b, b + 1, type_int); bits |= 1; }
    if (e->c) { expr_to(fs, e->c, b + 2, type_int); bits |= 2; }
    if (e->d) { expr_to(fs, e->d, b + 3, type_int); bits |= 4; }
    emit_abc(fs, OP_SLICE, reg, b, bits);
    free_to(fs, save);
    Type *t = ot;
    if (t && t->kind == TY_PTR) t = t->elem;
    if (t && t->kind == TY_ARRAY) rt = type_slice(t->elem);
    else rt = t;
    break;
  }
  case N_SELECTOR: {
    Sym *ps = NULL;
    if (is_pkg_selector(fs, e)) {
      const PkgMember *m = pkg_member(fs, e, &ps, true);
      if (!m) { emit_loadnil(fs, reg, 1); break; }
      if (m->kind == MEMBER_VAR) { emit_abx(fs, OP_GETGLOBAL, reg, m->global); rt = m->type; }
      else if (m->kind == MEMBER_TYPE) { ERR(fs, e, "%s (type) is not an expression", node_name(e)); emit_loadnil(fs, reg, 1); }
      else { emit_loadk(fs, reg, m->value); rt = m->type && m->value.kind != VAL_NATIVE ? m->type : NULL; }
      break;
    }
    if (is_type_expr(fs, e->a)) {
      /* method expression T.M: a function taking the receiver first */
      Type *t = resolve_type(fs, e->a);
      MethodSig *ms = find_method_entry(t, e->name);
      const Method *nm = NULL;
      if (!ms && t) {
        nm = type_find_method(t, intern(e->name));
        if (!nm && t->kind == TY_PTR && t->elem) nm = type_find_method(t->elem, intern(e->name));
      }
      if (ms) {
        emit_loadk(fs, reg, ms->fn);
        FuncSig *sg = ms->sig;
        rt = sg ? sig_to_type(sg) : NULL;
      } else if (nm) {
        emit_loadk(fs, reg, nm->fn);
      } else {
        if (t) ERR(fs, e, "%s.%s undefined (type %s has no method %s)", node_name(e->a), e->name, tstr(t), e->name);
        emit_loadnil(fs, reg, 1);
      }
      break;
    }
    int save = fs->freereg;
    Type *ot;
    int o = object_reg(fs, e->a, reg, &ot);
    int idx;
    Type *ft = struct_field_type(ot, e->name, &idx);
    if (!ft) check_member(fs, e, ot);
    if (ft && idx >= 0 && ot && ot->kind == TY_STRUCT) emit_abc(fs, OP_GETFIELDI, reg, o, idx);
    else emit_abc(fs, OP_GETFIELD, reg, o, add_name(fs, e->name));
    free_to(fs, save);
    rt = ft;
    break;
  }
  case N_TYPEASSERT: {
    if (!e->b) { ERR(fs, e, "use of .(type) outside type switch"); emit_loadnil(fs, reg, 1); break; }
    int save = fs->freereg;
    Type *xt;
    int x = expr_any(fs, e->a, &xt);
    Type *t = resolve_type(fs, e->b);
    if (t) {
      int tr = alloc_reg(fs, 1);
      emit_loadtype(fs, tr, t);
      emit_abc(fs, OP_ASSERT, reg, x, tr);
    }
    free_to(fs, save);
    rt = t;
    break;
  }
  case N_COMPOSITE:
    rt = compile_composite(fs, e, reg, want);
    break;
  case N_FUNCLIT:
    rt = compile_funclit(fs, e, reg);
    break;
  case N_KEYVALUE:
    ERR(fs, e, "unexpected key:value expression");
    emit_loadnil(fs, reg, 1);
    break;
  default:
    if (is_type_expr(fs, e)) ERR(fs, e, "%s (type) is not an expression", node_name(e));
    else ERR(fs, e, "unexpected %s in expression", ast_kind_name(e->kind));
    emit_loadnil(fs, reg, 1);
    break;
  }
  fs->line = saveline;
  return rt;
}

int expr_any(FuncState *fs, Node *e, Type **ty) {
  Node *u = unparen(e);
  Type *dummy;
  if (!ty) ty = &dummy;
  if (u && u->kind == N_IDENT) {
    Sym *s = scope_lookup(fs, fs->C, u->name);
    if (s && s->kind == SYM_LOCAL && s->fs == fs && !s->boxed) {
      *ty = s->type;
      return s->reg;
    }
  }
  int r = alloc_reg(fs, 1);
  *ty = expr_to(fs, e, r, NULL);
  return r;
}

Type *expr_to_copy(FuncState *fs, Node *e, int reg, Type *want) {
  Type *t = expr_to(fs, e, reg, want);
  Node *u = unparen(e);
  if (is_lvalue_read(u) && type_needs_copy(t)) {
    /* a package selector or a function name is never a struct location */
    bool skip = false;
    if (u->kind == N_SELECTOR && is_pkg_selector(fs, u)) skip = t == NULL;
    if (u->kind == N_IDENT) {
      Sym *s = scope_lookup(fs, fs->C, u->name);
      if (s && s->kind != SYM_LOCAL && s->kind != SYM_GLOBAL) skip = true;
    }
    if (!skip) emit_abc(fs, OP_VCOPY, reg, reg, 0);
  }
  return t;
}

void expr_multi(FuncState *fs, Node *e0, int base, int n, Type **types) {
  Node *e = unparen(e0);
  for (int i = 0; i < n; i++) if (types) types[i] = NULL;
  if (fs->freereg != base) free_to(fs, base);
  if (e->kind == N_CALL && !try_type(fs, e->a) && !builtin_of(fs, e->a)) {
    int nv = expr_nvalues(fs, e);
    if (nv >= 0 && nv != n) {
      ERR(fs, e, "assignment mismatch: %d variable%s but %s returns %d value%s", n, n == 1 ? "" : "s",
          node_name(e->a), nv, nv == 1 ? "" : "s");
    }
    FuncSig *sig = known_sig(fs, e->a, NULL);
    compile_call(fs, e, base, n, NULL);
    if (sig && types) for (int i = 0; i < n && i < sig->nresults; i++) types[i] = sig->results[i];
    else if (types) {
      Node *c = unparen(e->a);
      if (c->kind == N_SELECTOR && !is_pkg_selector(fs, c)) {
        FuncSig *ms = find_method_sig(infer_type(fs, c->a), c->name);
        if (ms) for (int i = 0; i < n && i < ms->nresults; i++) types[i] = ms->results[i];
      }
    }
    return;
  }
  if (n == 2) {
    alloc_reg(fs, 2);
    int save = fs->freereg;
    Type *t;
    if (e->kind == N_INDEX) {
      int o = expr_any(fs, e->a, &t);
      Type *kt;
      int k = alloc_reg(fs, 1);
      kt = expr_to(fs, e->b, k, t && t->kind == TY_MAP ? t->key : NULL);
      coerce(fs, k, kt, t && t->kind == TY_MAP ? t->key : NULL);
      emit_abc(fs, OP_GETINDEX2, base, o, k);
      if (types) { types[0] = elem_type(t); types[1] = type_bool; }
      free_to(fs, save);
      return;
    }
    if (e->kind == N_TYPEASSERT && e->b) {
      int x = expr_any(fs, e->a, &t);
      Type *tt = resolve_type(fs, e->b);
      int tr = alloc_reg(fs, 1);
      emit_loadtype(fs, tr, tt);
      emit_abc(fs, OP_ASSERT2, base, x, tr);
      if (types) { types[0] = tt; types[1] = type_bool; }
      free_to(fs, save);
      return;
    }
    if (e->kind == N_UNARY && e->op == TK_ARROW) {
      int ch = expr_any(fs, e->a, &t);
      emit_abc(fs, OP_RECV, base, ch, 1);
      if (types) { types[0] = elem_type(t); types[1] = type_bool; }
      free_to(fs, save);
      return;
    }
    free_to(fs, base);
  }
  ERR(fs, e, "assignment mismatch: %d variables but 1 value", n);
  alloc_reg(fs, n);
  emit_loadnil(fs, base, n);
}

/* ---- conditions ---- */
void cond_jump(FuncState *fs, Node *e0, bool when, PatchList *out) {
  Node *e = unparen(e0);
  int saveline = fs->line;
  if (e->line) fs->line = e->line;
  ConstVal c;
  if (const_eval(fs, e, &c) && c.kind == CK_BOOL) {
    if (c.b == when) plist_add(out, emit_jmp(fs));
    fs->line = saveline;
    return;
  }
  if (e->kind == N_UNARY && e->op == TK_NOT) {
    cond_jump(fs, e->a, !when, out);
    fs->line = saveline;
    return;
  }
  if (e->kind == N_BINARY && (e->op == TK_ANDAND || e->op == TK_OROR)) {
    bool is_and = e->op == TK_ANDAND;
    if (is_and != when) {
      /* (a && b) jump-if-false: a false -> jump; b false -> jump */
      cond_jump(fs, e->a, when, out);
      cond_jump(fs, e->b, when, out);
    } else {
      /* (a && b) jump-if-true: if !a skip; if b jump */
      PatchList skip = {0};
      cond_jump(fs, e->a, !when, &skip);
      cond_jump(fs, e->b, when, out);
      plist_patch(fs, &skip, here(fs));
    }
    fs->line = saveline;
    return;
  }
  if (e->kind == N_BINARY && !iface_nil_compare(fs, e) && !iface_compare(fs, e) &&
      (e->op == TK_EQ || e->op == TK_NE || e->op == TK_LT || e->op == TK_LE ||
                              e->op == TK_GT || e->op == TK_GE)) {
    int save = fs->freereg;
    ConstVal ca;
    Type *ta, *tb;
    int ra, rb;
    if (const_eval(fs, e->a, &ca)) {
      ra = operand(fs, e->a, infer_type(fs, e->b), &ta);
      rb = expr_any(fs, e->b, &tb);
    } else {
      ra = expr_any(fs, e->a, &ta);
      rb = operand(fs, e->b, ta, &tb);
    }
    int op = e->op;
    bool eq = op == TK_EQ || op == TK_NE;
    bool cond = when;
    if (op == TK_NE) cond = !cond;
    ConstVal cb;
    int kb = !const_eval(fs, e->a, &ca) && const_eval(fs, e->b, &cb) ? take_const_operand(fs, rb, save) : -1;
    if (kb >= 0) {
      /* x OP constant: one K-form compare */
      OpCode o = eq ? OP_EQJK : op == TK_LT ? OP_LTJK : op == TK_LE ? OP_LEJK : op == TK_GT ? OP_GTJK : OP_GEJK;
      emit_abc(fs, o, ra, kb, cond ? 1 : 0);
      plist_add(out, emit_jmp(fs));
      free_to(fs, save);
      fs->line = saveline;
      return;
    }
    if (op == TK_GT || op == TK_GE) { int t = ra; ra = rb; rb = t; }
    OpCode o = eq ? OP_EQJ : (op == TK_LT || op == TK_GT) ? OP_LTJ : OP_LEJ;
    emit_abc(fs, o, ra, rb, cond ? 1 : 0);
    plist_add(out, emit_jmp(fs));
    free_to(fs, save);
    fs->line = saveline;
    return;
  }
  int save = fs->freereg;
  Type *t;
  int r = expr_any(fs, e, &t);
  plist_add(out, emit_asbx(fs, when ? OP_JMPIF : OP_JMPIFNOT, r, 0));
  free_to(fs, save);
  fs->line = saveline;
}

/* ---- lvalues ---- */
LValue lvalue_prepare(FuncState *fs, Node *e0) {
  LValue lv;
  memset(&lv, 0, sizeof lv);
  Node *e = unparen(e0);
  switch (e->kind) {
  case N_IDENT: {
    if (strcmp(e->name, "_") == 0) { lv.kind = LV_BLANK; return lv; }
    Sym *s = scope_lookup(fs, fs->C, e->name);
    if (!s) { hint_undefined(fs, e, e->name); lv.kind = LV_BLANK; return lv; }
    lv.sym = s;
    lv.type = s->type;
    if (s->kind == SYM_LOCAL) {
      if (s->fs != fs) { lv.kind = LV_UPVAL; lv.key = resolve_upvalue(fs, s); }
      else if (s->boxed) { lv.kind = LV_CELL; lv.reg = s->reg; }
      else { lv.kind = LV_LOCAL; lv.reg = s->reg; }
      return lv;
    }
    if (s->kind == SYM_GLOBAL) {
      lv.kind = LV_GLOBAL;
      lv.key = s->global;
      if (s->boxed) {
        lv.kind = LV_CELL;
        lv.reg = alloc_reg(fs, 1);
        emit_abx(fs, OP_GETGLOBAL, lv.reg, s->global);
      }
      return lv;
    }
    ERR(fs, e, "cannot assign to %s (neither addressable nor a map index expression)", e->name);
    lv.kind = LV_BLANK;
    return lv;
  }
  case N_SELECTOR: {
    if (is_pkg_selector(fs, e)) {
      const PkgMember *m = pkg_member(fs, e, NULL, true);
      if (m && m->kind == MEMBER_VAR) { lv.kind = LV_GLOBAL; lv.key = m->global; lv.type = m->type; return lv; }
      if (m) ERR(fs, e, "cannot assign to %s (neither addressable nor a map index expression)", node_name(e));
      lv.kind = LV_BLANK;
      return lv;
    }
    Type *ot;
    lv.reg = expr_any(fs, e->a, &ot);
    int idx;
    lv.type = struct_field_type(ot, e->name, &idx);
    lv.kind = LV_FIELD;
    lv.key = add_name(fs, e->name);
    return lv;
  }
  case N_INDEX: {
    Type *ot, *kt;
    lv.reg = expr_any(fs, e->a, &ot);
    if (ot && ot->kind == TY_STRING) ERR(fs, e, "cannot assign to %s (neither addressable nor a map index expression)", node_name(e));
    Type *keyt = ot && ot->kind == TY_MAP ? ot->key : NULL;
    Node *kn = unparen(e->b);
    if (kn && kn->kind == N_COMPOSITE && !kn->a && keyt) {
      lv.key = alloc_reg(fs, 1);
      compile_composite(fs, kn, lv.key, keyt);
    } else {
      lv.key = alloc_reg(fs, 1);
      kt = expr_to_copy(fs, e->b, lv.key, keyt ? keyt : type_int);
      coerce(fs, lv.key, kt, keyt);
    }
    lv.type = elem_type(ot);
    lv.kind = LV_INDEX;
    return lv;
  }
  case N_UNARY:
    if (e->op == TK_STAR) {
      Type *pt;
      lv.reg = expr_any(fs, e->a, &pt);
      lv.type = deref_type(pt);
      lv.kind = LV_DEREF;
      return lv;
    }
    break;
  default: break;
  }
  ERR(fs, e, "cannot assign to %s (neither addressable nor a map index expression)", node_name(e));
  lv.kind = LV_BLANK;
  return lv;
}

void lvalue_store(FuncState *fs, LValue *lv, int src) {
  switch (lv->kind) {
  case LV_LOCAL: emit_move(fs, lv->reg, src); break;
  case LV_CELL: emit_abc(fs, OP_CELLSET, lv->reg, src, 0); break;
  case LV_UPVAL: emit_abc(fs, OP_SETUPVAL, src, lv->key, 0); break;
  case LV_GLOBAL: emit_abx(fs, OP_SETGLOBAL, src, lv->key); break;
  case LV_FIELD: emit_abc(fs, OP_SETFIELD, lv->reg, lv->key, src); break;
  case LV_INDEX: emit_abc(fs, OP_SETINDEX, lv->reg, lv->key, src); break;
  case LV_DEREF: emit_abc(fs, OP_STOREDEREF, lv->reg, src, 0); break;
  default: break;
  }
}

void lvalue_load(FuncState *fs, LValue *lv, int dst) {
  switch (lv->kind) {
  case LV_LOCAL: emit_move(fs, dst, lv->reg); break;
  case LV_CELL: emit_abc(fs, OP_CELLGET, dst, lv->reg, 0); break;
  case LV_UPVAL: emit_abc(fs, OP_GETUPVAL, dst, lv->key, 0); break;
  case LV_GLOBAL: emit_abx(fs, OP_GETGLOBAL, dst, lv->key); break;
  case LV_FIELD: emit_abc(fs, OP_GETFIELD, dst, lv->reg, lv->key); break;
  case LV_INDEX: emit_abc(fs, OP_GETINDEX, dst, lv->reg, lv->key); break;
  case LV_DEREF: emit_abc(fs, OP_DEREF, dst, lv->reg, 0); break;
  default: emit_loadnil(fs, dst, 1); break;
  }
}
