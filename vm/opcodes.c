/*
** opcodes.c -- tables generated from the OPCODES X-macro (names, formats, docs).
*/
#include "vm/opcodes.h"

const char *const opcode_names[OP__COUNT] = {
#define OP_NAME(name, fmt, doc) #name,
  OPCODES(OP_NAME)
#undef OP_NAME
};

const uint8_t opcode_formats[OP__COUNT] = {
#define OP_FMT(name, fmt, doc) fmt,
  OPCODES(OP_FMT)
#undef OP_FMT
};

const char *const opcode_docs[OP__COUNT] = {
#define OP_DOC(name, fmt, doc) doc,
  OPCODES(OP_DOC)
#undef OP_DOC
};
