#!/usr/bin/env python3
"""gen_stdlib.py -- keep docs/stdlib.md's "Packages and members" section in step
with the real package registry (vm/api.c), as docs/gen_opcodes.py does for the
instruction table.

The list is not parsed from the C sources: a small C program is compiled
against BUILD/libcsp.a, calls stdlib_init() exactly as the csp binary does,
and walks the registry through vm/api.h's public functions (api_packages,
api_package_members, api_lookup); methods come from each type's method table
(vm/type.h). So a member exists in the doc iff the compiler can resolve it.

  python3 docs/gen_stdlib.py [--build DIR]          rewrite the section in place
  python3 docs/gen_stdlib.py [--build DIR] --check  exit 1 if it is out of date
  python3 docs/gen_stdlib.py [--build DIR] --missing
        also rewrite the "Go 1.19 members that csp lacks" table (needs `go`;
        --check never looks at that table, so tests do not need Go)

DIR (default: build) must hold a current libcsp.a (`make B=DIR`).
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "stdlib.md")
BEGIN, END = "<!-- stdlib:begin -->", "<!-- stdlib:end -->"
MBEGIN, MEND = "<!-- missing:begin -->", "<!-- missing:end -->"
GO_DECL = re.compile(r"(func|type|var|const)\s+(?:\([^)]*\)\s*)?([A-Z]\w*)(.*)$")

# Prints one line per member:   M <path> <name> <tag>
# and one per method of a type: T <path> <type> <method>
# tag: func | value | const | var | type
WALKER = r"""
#include <stdio.h>
#include <string.h>
#include "vm/gc.h"
#include "vm/api.h"
#include "vm/type.h"

static void methods(const char *path, const char *tname, Type *t) {
  if (!t) return;
  if (t->kind == TY_INTERFACE)
    for (int i = 0; i < t->nimethods; i++)
      printf("T %s %s %s\n", path, tname, t->imethods[i]);
  for (int i = 0; i < t->methods.count; i++)
    printf("T %s %s %s\n", path, tname, t->methods.items[i].name);
}

int main(void) {
  GC_INIT();
  GC_allow_register_threads();
  vm_init();
  stdlib_init();
  for (const char **p = api_packages(); *p; p++) {
    const char **names = api_package_members(*p);
    for (int i = 0; names && names[i]; i++) {
      const PkgMember *m = api_lookup(*p, names[i]);
      const char *tag = "value";
      if (!m) continue;
      switch (m->kind) {
      case MEMBER_VAR: tag = "var"; break;
      case MEMBER_TYPE: tag = "type"; methods(*p, names[i], m->type); break;
      case MEMBER_VALUE:
        if (m->untyped_const) tag = "const";
        else if (m->value.kind == VAL_NATIVE || m->value.kind == VAL_FUNC) tag = "func";
        break;
      }
      printf("M %s %s %s\n", *p, names[i], tag);
    }
  }
  fflush(stdout);
  return 0;
}
"""


def gc_libs():
    try:
        out = subprocess.run(["pkg-config", "--libs", "bdw-gc"], capture_output=True,
                             text=True, check=True).stdout.split()
        return out or ["-lgc"]
    except (OSError, subprocess.CalledProcessError):
        return ["-lgc"]


def registry(build):
    lib = os.path.join(ROOT, build, "libcsp.a")
    if not os.path.exists(lib):
        sys.exit(f"gen_stdlib.py: {os.path.relpath(lib, ROOT)} not found; run make B={build} first")
    cc = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory(prefix="gen_stdlib.") as tmp:
        src, exe = os.path.join(tmp, "walk.c"), os.path.join(tmp, "walk")
        with open(src, "w") as f:
            f.write(WALKER)
        cmd = [cc, "-std=gnu11", "-O0", "-I", ROOT, "-I", os.path.join(ROOT, build, "gen"),
               "-DGC_THREADS", "-D_GNU_SOURCE", "-o", exe, src, lib] + gc_libs() + \
              ["-ledit", "-lpthread", "-lm", "-ldl"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0 and "__asan_" in p.stderr + p.stdout:
            # a sanitizer build (make SANITIZE=...): link the walker the same way
            cmd.insert(1, "-fsanitize=address,undefined")
            p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("gen_stdlib.py: cannot build the registry walker:\n  "
                     + " ".join(shlex.quote(c) for c in cmd) + "\n" + p.stderr)
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
        p = subprocess.run([exe], capture_output=True, text=True, timeout=60, env=env)
        if p.returncode != 0:
            sys.exit(f"gen_stdlib.py: registry walker failed (exit {p.returncode}):\n{p.stderr}")
    members, meths = {}, {}
    for line in p.stdout.splitlines():
        kind, path, name, extra = line.split(" ", 3)
        if kind == "M":
            members.setdefault(path, {})[name] = extra
        else:
            meths.setdefault((path, name), set()).add(extra)
    return members, meths


def section(members, meths):
    out = []
    for path in sorted(members):
        items = []
        for name in sorted(members[path]):
            tag = members[path][name]
            items.append(name if tag in ("func", "value") else f"{name}({tag})")
        out.append(f"- `{path}`: " + ", ".join(items))
        for name in sorted(members[path]):
            ms = sorted(m for m in meths.get((path, name), ()) if m[:1].isupper())
            if ms:
                out.append(f"  - `{name}` methods: " + ", ".join(ms))
    return "\n".join(out)


def go_members(path):
    """Exported top-level names of a Go package per `go doc -short`. A const or
    var block shows only its first name, followed by "...": such names are
    flagged so that the table can say "and its group"."""
    p = subprocess.run(["go", "doc", "-short", path], capture_output=True, text=True)
    if p.returncode != 0:
        return None
    names = {}
    for line in p.stdout.splitlines():
        m = GO_DECL.match(line.strip())
        if m:
            kind, name, rest = m.groups()
            names[name] = kind in ("var", "const") and rest.rstrip().endswith("...") \
                and not rest.rstrip().endswith("{ ... }")
    return names


def missing_table(members):
    rows = ["| package | missing |", "|---|---|"]
    for path in sorted(members):
        go = go_members(path)
        if go is None:
            rows.append(f"| `{path}` | (not in Go 1.19's standard library) |")
            continue
        miss = [f"`{n}`" + (" (and its group)" if go[n] else "")
                for n in sorted(go) if n not in members[path]]
        rows.append(f"| `{path}` | " + (", ".join(miss) if miss else "nothing") + " |")
    return "\n".join(rows)


def replace_between(text, begin, end, body):
    if begin not in text or end not in text:
        sys.exit(f"gen_stdlib.py: docs/stdlib.md lacks the {begin} ... {end} markers")
    start, stop = text.index(begin) + len(begin), text.index(end)
    return text[:start] + "\n" + body + "\n" + text[stop:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="build directory holding libcsp.a")
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/stdlib.md is stale")
    ap.add_argument("--missing", action="store_true",
                    help="also regenerate the table of Go 1.19 members csp lacks (needs go)")
    args = ap.parse_args()
    text = open(DOC).read()
    members, meths = registry(args.build)
    new = replace_between(text, BEGIN, END, section(members, meths))
    if args.missing and not args.check:
        new = replace_between(new, MBEGIN, MEND, missing_table(members))
    if args.check:
        if new != text:
            print("docs/stdlib.md: the package list is out of date; run "
                  f"python3 docs/gen_stdlib.py --build {args.build}")
            print("0 passed, 1 failed")
            sys.exit(1)
        print("1 passed, 0 failed")
        return
    if new != text:
        open(DOC, "w").write(new)


if __name__ == "__main__":
    main()
