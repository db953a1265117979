#!/usr/bin/env python3
"""gen_opcodes.py -- keep docs/architecture.md's instruction table in step with
vm/opcodes.h (the X-macro is the single source of truth).

  python3 docs/gen_opcodes.py          rewrite the table in place
  python3 docs/gen_opcodes.py --check  exit 1 if the table is out of date
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HDR = os.path.join(ROOT, "vm", "opcodes.h")
DOC = os.path.join(ROOT, "docs", "architecture.md")
BEGIN, END = "<!-- opcodes:begin -->", "<!-- opcodes:end -->"
ENTRY = re.compile(r'X\((\w+),\s*(\w+),\s*"((?:[^"\\]|\\.)*)"\)')


def table():
    rows = ["| # | opcode | format | meaning |", "|---|---|---|---|"]
    for i, (name, fmt, doc) in enumerate(ENTRY.findall(open(HDR).read())):
        doc = doc.replace("|", "\\|")
        rows.append(f"| {i} | `{name}` | {fmt} | {doc} |")
    return "\n".join(rows)


def main():
    text = open(DOC).read()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    new = text[:start] + "\n" + table() + "\n" + text[end:]
    if "--check" in sys.argv:
        if new != text:
            print("docs/architecture.md: the opcode table is out of date; run python3 docs/gen_opcodes.py")
            sys.exit(1)
        print("1 passed, 0 failed")
        return
    open(DOC, "w").write(new)


if __name__ == "__main__":
    main()
