#!/usr/bin/env python3
"""stderr_test.py -- whole-stderr golden tests for csp's messages.

tests/run.py compares only stderr's first line. The lines after it matter
too for learners: the quoted source line and the caret under a compile
error (clipped to a window on very long lines), and the source line that a
panic trace quotes under the failing frame. For every X.csp under
tests/errors/ with an X.stderr beside it, this runs `csp run X.csp` from the
repository root (stdin /dev/null) and compares all of stderr with X.stderr.

Usage: python3 tests/errors/stderr_test.py [--csp PATH]
The last line printed is `N passed, N failed`; exit status 1 on failures.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csp", default="./csp")
    opts = ap.parse_args()
    csp = opts.csp if os.path.isabs(opts.csp) else os.path.join(ROOT, opts.csp)
    cases = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, "tests", "errors")):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.endswith(".stderr"):
                prog = os.path.join(dirpath, fn[: -len(".stderr")] + ".csp")
                if os.path.exists(prog):
                    cases.append((os.path.relpath(prog, ROOT), os.path.join(dirpath, fn)))
    passed = failed = 0
    for prog, exp_path in cases:
        with open(exp_path, "rb") as f:
            expected = f.read()
        try:
            p = subprocess.run([csp, "run", prog], cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20)
            got = p.stderr
        except (OSError, subprocess.TimeoutExpired) as e:
            got = ("cannot run: %s" % e).encode()
        if got == expected:
            passed += 1
            continue
        failed += 1
        el, gl = expected.decode("utf-8", "replace").split("\n"), got.decode("utf-8", "replace").split("\n")
        for i in range(max(len(el), len(gl))):
            e = el[i] if i < len(el) else "<end>"
            g = gl[i] if i < len(gl) else "<end>"
            if e != g:
                print("FAIL %s: stderr line %d: expected %r, got %r" % (prog, i + 1, e[:120], g[:120]))
                break
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
