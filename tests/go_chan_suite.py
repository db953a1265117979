#!/usr/bin/env python3
"""go_chan_suite.py -- Go's own channel and select test programs, run by csp.

Go's test programs under test/chan/ (Debian package golang-1.19-src, installed
at /usr/share/go-1.19/test/chan) print nothing and exit 0 on success, and
panic on failure. They are not copied into this repository: this script runs
them from the package, each with --procs 1 and --procs 2, and checks exit
status 0 and empty output (or, where Go ships NAME.out beside the program,
exactly that output).

    python3 tests/go_chan_suite.py [--csp PATH] [--dir DIR] [-v]

Without the package the script prints how to install it and reports every
case as skipped (exit 0), so `make test` still runs on a machine without it;
CI installs it. The last line is `N passed, N failed`.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIR = "/usr/share/go-1.19/test/chan"

# The programs csp runs unmodified. Left out: perm.go (an errorcheck test of
# compile errors, not a program) and select5.go (a generator of Go source
# that needs the go tool).
PROGRAMS = [
    "doubleselect", "fifo", "goroutines", "nonblock", "powser1", "powser2",
    "select", "select2", "select3", "select4", "select6", "select7", "select8",
    "sendstmt", "sieve1", "sieve2", "zerosize",
]
TIMEOUT = 60


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csp", default=os.path.join(ROOT, "csp"))
    ap.add_argument("--dir", default=DEFAULT_DIR)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    csp = os.path.abspath(args.csp)

    if not os.path.isdir(args.dir):
        print(f"SKIP: {args.dir} not found (apt-get install golang-1.19-src); "
              f"{len(PROGRAMS) * 2} cases not run")
        print("0 passed, 0 failed")
        return 0

    passed = failed = 0
    for name in PROGRAMS:
        path = os.path.join(args.dir, name + ".go")
        want_out = ""
        out_file = os.path.join(args.dir, name + ".out")
        if os.path.exists(out_file):
            with open(out_file, encoding="utf-8", errors="replace") as fh:
                want_out = fh.read()
        for procs in (1, 2):
            label = f"{name}.go [procs={procs}]"
            if not os.path.exists(path):
                print(f"FAIL {label}: {path} is missing from the package")
                failed += 1
                continue
            try:
                p = subprocess.run([csp, "--procs", str(procs), "run", path], cwd=ROOT,
                                   stdin=subprocess.DEVNULL, capture_output=True,
                                   timeout=TIMEOUT, text=True, errors="replace")
            except subprocess.TimeoutExpired:
                print(f"FAIL {label}: timeout after {TIMEOUT}s")
                failed += 1
                continue
            problems = []
            if p.returncode != 0:
                problems.append(f"exit status {p.returncode}")
            if p.stdout != want_out:
                problems.append(f"stdout {p.stdout[:200]!r}, expected {want_out[:200]!r}")
            if p.stderr and p.returncode == 0:
                problems.append(f"stderr {p.stderr[:200]!r}")
            elif p.returncode != 0:
                problems.append(f"stderr {p.stderr[:300]!r}")
            if problems:
                print(f"FAIL {label}: " + "; ".join(problems))
                failed += 1
            else:
                passed += 1
                if args.v:
                    print(f"ok   {label}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
