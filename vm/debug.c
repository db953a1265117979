/*
** debug.c -- the disassembler (clox's debug.c is the model): one line per
** instruction with its index, source line ("|" when unchanged), opcode name
** and operands, and in a "; comment" what the operands name (constant,
** global, field, jump target). When a source text is given, each new source
** line is shown above its first instruction, so students can see how Go
** statements map onto register instructions. Nested function literals are
** listed after their parent.
*/
#include <stdio.h>
#include <string.h>
#include "vm/interp.h"

/* Short debug rendering of a constant. */
static void render_const(FILE *out, Value v) {
  switch (v.kind) {
  case VAL_NIL: fputs("nil", out); break;
  case VAL_BOOL: fputs(v.as.b ? "true" : "false", out); break;
  case VAL_INT:
    if (v.aux) fprintf(out, "%s(%lld)", type_str(value_type(v)), (long long)v.as.i);
    else fprintf(out, "%lld", (long long)v.as.i);
    break;
  case VAL_FLOAT: {
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v.as.f);
    if (!strpbrk(buf, ".eni")) strcat(buf, ".0");       /* show it is a float */
    if (v.aux) fprintf(out, "%s(%s)", type_str(value_type(v)), buf);
    else fputs(buf, out);
    break;
  }
  case VAL_STR: {
    ObjString *s = AS_STR(v);
    fputc('"', out);
    int64_t n = s->len > 40 ? 40 : s->len;
    for (int64_t j = 0; j < n; j++) {
      unsigned char c = (unsigned char)s->data[j];
      if (c == '\n') fputs("\\n", out);
      else if (c == '\t') fputs("\\t", out);
      else if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f) fprintf(out, "\\x%02x", c);
      else fputc(c, out);
    }
    if (s->len > 40) fputs("...", out);
    fputc('"', out);
    break;
  }
  case VAL_TYPE: fprintf(out, "type %s", type_str((Type *)v.as.p)); break;
  case VAL_FUNC: {
    ObjClosure *c = v.as.p;
    fprintf(out, "func %s", c && c->proto && c->proto->name ? c->proto->name : "?");
    break;
  }
  case VAL_NATIVE: {
    ObjNative *n = v.as.p;
    fprintf(out, "native %s", n && n->name ? n->name : "?");
    break;
  }
  default: fprintf(out, "<%s>", value_kind_name(v.kind)); break;
  }
}

/* Print source line `line` (1-based) of src, trimmed of leading blanks. */
static void show_source_line(FILE *out, const char *src, int line) {
  if (!src || line <= 0) return;
  const char *p = src;
  for (int l = 1; l < line && *p; p++)
    if (*p == '\n') l++;
  if (!*p && line > 1) return;
  while (*p == ' ' || *p == '\t') p++;
  const char *e = strchr(p, '\n');
  size_t n = e ? (size_t)(e - p) : strlen(p);
  if (n > 100) n = 100;
  fprintf(out, "                    // %d: %.*s\n", line, (int)n, p);
}

static const char *name_at(Proto *p, int idx) {
  if (idx >= 0 && idx < p->nnames && p->names && p->names[idx]) return p->names[idx];
  return "?";
}

static void disasm_one(Proto *p, FILE *out, const char *source) {
  fprintf(out, "%s  (%s:%d)  params=%d%s regs=%d results=%d consts=%d upvals=%d",
          p->name ? p->name : "?", p->file ? p->file : "?", p->line, p->nparams,
          p->variadic ? "+..." : "", p->nregs, p->nresults, p->nk, p->nupvals);
  if (p->recover_pc >= 0) fprintf(out, " recover_pc=%d", p->recover_pc);
  fputc('\n', out);
  int last_line = -1;
  for (int pc = 0; pc < p->ncode; pc++) {
    Instr i = p->code[pc];
    int op = GET_OP(i);
    int line = p->lines ? p->lines[pc] : 0;
    if (line != last_line && source) show_source_line(out, source, line);
    if (line != last_line) fprintf(out, "%4d %5d  ", pc, line);
    else fprintf(out, "%4d     |  ", pc);
    last_line = line;
    if (op >= OP__COUNT) {
      fprintf(out, "<bad opcode %d>\n", op);
      continue;
    }
    fprintf(out, "%-12s ", opcode_names[op]);
    int a = GET_A(i), b = GET_B(i), c = GET_C(i);
    switch (opcode_formats[op]) {
    case iABC: fprintf(out, "%-4d %-4d %-4d", a, b, c); break;
    case iABx: fprintf(out, "%-4d %-9d", a, GET_Bx(i)); break;
    case iAsBx: fprintf(out, "%-4d %-9d", a, GET_sBx(i)); break;
    case isJ: fprintf(out, "%-14d", GET_sJ(i)); break;
    case iAx: fprintf(out, "%-14d", GET_Ax(i)); break;
    }
    switch (op) {
    case OP_LOADK: case OP_ZERO:
      if (GET_Bx(i) < p->nk) {
        fputs(" ; ", out);
        render_const(out, p->k[GET_Bx(i)]);
      }
      break;
    case OP_GETGLOBAL: case OP_SETGLOBAL: {
      const char *n = GET_Bx(i) < VM_MAX_GLOBALS ? vm_global_names[GET_Bx(i)] : NULL;
      fprintf(out, " ; %s", n ? n : "?");
      break;
    }
    case OP_CLOSURE:
      if (GET_Bx(i) < p->nprotos && p->protos[GET_Bx(i)])
        fprintf(out, " ; %s", p->protos[GET_Bx(i)]->name ? p->protos[GET_Bx(i)]->name : "?");
      break;
    case OP_GETFIELD: case OP_SELF: case OP_ADDRFIELD:
      fprintf(out, " ; .%s", name_at(p, c));
      break;
    case OP_SETFIELD:
      fprintf(out, " ; .%s", name_at(p, b));
      break;
    case OP_ADDI:
      fprintf(out, " ; %+d", GET_sC(i));
      break;
    case OP_ADDK: case OP_SUBK: case OP_MULK: case OP_DIVK: case OP_MODK:
      fprintf(out, " ; R%d %s ", b, op == OP_ADDK ? "+" : op == OP_SUBK ? "-" : op == OP_MULK ? "*" :
              op == OP_DIVK ? "/" : "%");
      if (c < p->nk) render_const(out, p->k[c]);
      else fputs("?", out);
      break;
    case OP_EQJK: case OP_LTJK: case OP_LEJK: case OP_GTJK: case OP_GEJK:
      fprintf(out, " ; if (R%d %s ", a, op == OP_EQJK ? "==" : op == OP_LTJK ? "<" : op == OP_LEJK ? "<=" :
              op == OP_GTJK ? ">" : ">=");
      if (b < p->nk) render_const(out, p->k[b]);
      else fputs("?", out);
      fprintf(out, ") %s then jump", c ? "is true" : "is false");
      break;
    case OP_JMP:
      fprintf(out, " ; to %d", pc + 1 + GET_sJ(i));
      break;
    case OP_JMPIF: case OP_JMPIFNOT: case OP_RANGENEXT:
      fprintf(out, " ; to %d", pc + 1 + GET_sBx(i));
      break;
    case OP_EQJ: case OP_LTJ: case OP_LEJ:
      fprintf(out, " ; if (R%d %s R%d) %s then jump", a,
              op == OP_EQJ ? "==" : op == OP_LTJ ? "<" : "<=", b, c ? "is true" : "is false");
      break;
    case OP_CALL: case OP_CALLSPREAD: case OP_TAILCALL:
      fputs(" ; ", out);
      if (b) fprintf(out, "%d args, ", b - 1);
      else fputs("args to top, ", out);
      if (op == OP_TAILCALL || !c) fputs("all results", out);
      else fprintf(out, "%d results", c - 1);
      break;
    case OP_RETURN:
      if (b) fprintf(out, " ; %d results", b - 1);
      else fputs(" ; results to top", out);
      break;
    default:
      break;
    }
    fputc('\n', out);
  }
  for (int j = 0; j < p->nprotos; j++) {
    if (!p->protos[j]) continue;
    fputc('\n', out);
    disasm_one(p->protos[j], out, source);
  }
}

void vm_disasm_proto(Proto *p, void *file, const char *source) {
  FILE *out = file ? (FILE *)file : stdout;
  if (!p) return;
  disasm_one(p, out, source);
}
