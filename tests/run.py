#!/usr/bin/env python3
"""Golden test runner for csp (stdlib only).

Usage: python3 tests/run.py [--csp PATH] [--jobs N] [--repeat N] [-v] [DIR_OR_FILE ...]

For every X.csp (or X.go) found under the given paths (default: DEFAULT_DIRS
below: language, concurrency, errors, seeds, Go programs, robustness, net,
limits, examples) it runs `csp run X.csp` from the repository
root, with stdin from X.in if it exists (else /dev/null), and compares the
result with the files beside the program:

  X.out        expected stdout, exactly (missing: stdout must be empty)
  X.outre      instead of X.out: one Python regex per stdout line (full match),
               for output that holds times or addresses
  X.err        one line: stderr's first line must equal it
  X.errprefix  one line: stderr's first line must start with it
  X.exit       expected exit status (default 0, or 2 when X.err/X.errprefix
               starts with "panic:" or "fatal error:")

Header comments in the first 10 lines of the program:

  // timeout: N     seconds before the run is killed (default 20)
  // procs: 1,2     run once per value with `--procs N` (each its own case);
                    programs under tests/conc/ default to 1,2
  // flags: --x y   csp flags, put before the file (`csp run --x y X.csp`)
  // args: a b      program arguments
  // skip-go        not valid Go (only tests/regen.sh cares)

The last line printed is exactly `N passed, N failed`; the exit status is 1
when anything failed.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIRS = ["tests/lang", "tests/conc", "tests/errors", "tests/seeds", "tests/go", "tests/robust", "tests/net", "tests/limits", "examples"]
DEFAULT_TIMEOUT = 20.0
HEADER_LINES = 10


class Case:
    """One run of one program: a file plus its --procs value (or None)."""

    def __init__(self, path, procs, timeout, args, flags=()):
        self.path = path            # relative to ROOT
        self.procs = procs
        self.timeout = timeout
        self.args = args
        self.flags = list(flags)

    def name(self):
        if self.procs is None:
            return self.path
        return "%s [procs=%d]" % (self.path, self.procs)


def read_header(full):
    """Parse the header comments of a program; tolerate binary files."""
    hdr = {}
    try:
        with open(full, "rb") as f:
            head = f.read(4096)
    except OSError:
        return hdr
    lines = head.decode("utf-8", "replace").splitlines()[:HEADER_LINES]
    for line in lines:
        m = re.match(r"\s*//\s*(timeout|procs|args|flags):\s*(.*)$", line)
        if m:
            hdr[m.group(1)] = m.group(2).strip()
        elif re.match(r"\s*//\s*skip-go\b", line):
            hdr["skip-go"] = ""
    return hdr


def find_programs(paths):
    found = []
    for p in paths:
        full = p if os.path.isabs(p) else os.path.join(ROOT, p)
        if os.path.isfile(full):
            found.append(os.path.relpath(full, ROOT))
            continue
        if not os.path.isdir(full):
            print("run.py: no such file or directory: %s" % p, file=sys.stderr)
            sys.exit(2)
        for dirpath, dirnames, filenames in os.walk(full):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith(".csp") or fn.endswith(".go"):
                    found.append(os.path.relpath(os.path.join(dirpath, fn), ROOT))
    # de-duplicate, keep order
    seen, out = set(), []
    for f in found:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def make_cases(rel):
    hdr = read_header(os.path.join(ROOT, rel))
    timeout = DEFAULT_TIMEOUT
    if "timeout" in hdr:
        try:
            timeout = float(hdr["timeout"])
        except ValueError:
            pass
    args = hdr.get("args", "").split()
    procs = [None]
    if "procs" in hdr:
        procs = [int(x) for x in re.split(r"[,\s]+", hdr["procs"]) if x.isdigit()] or [None]
    elif rel.replace(os.sep, "/").startswith("tests/conc/"):
        procs = [1, 2]
    flags = hdr.get("flags", "").split()
    return [Case(rel, n, timeout, args, flags) for n in procs]


def read_opt(path, binary=False):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return data if binary else data.decode("utf-8", "replace")


def expectations(rel):
    base = os.path.join(ROOT, os.path.splitext(rel)[0])
    out = read_opt(base + ".out", binary=True)
    err = read_opt(base + ".err")
    errprefix = read_opt(base + ".errprefix")
    exit_s = read_opt(base + ".exit")
    if err is not None:
        err = err.rstrip("\r\n")
    if errprefix is not None:
        errprefix = errprefix.rstrip("\r\n")
    if exit_s is not None:
        status = int(exit_s.strip())
    else:
        status = 0
        for e in (err, errprefix):
            if e is not None and (e.startswith("panic:") or e.startswith("fatal error:")):
                status = 2
    return (out if out is not None else b""), err, errprefix, status


def short(s, n=100):
    s = repr(s)
    return s if len(s) <= n else s[: n - 3] + "..."


def first_diff(expected, got):
    """Describe the first differing line of two byte strings."""
    el = expected.decode("utf-8", "replace").split("\n")
    gl = got.decode("utf-8", "replace").split("\n")
    for i in range(max(len(el), len(gl))):
        e = el[i] if i < len(el) else "<end of output>"
        g = gl[i] if i < len(gl) else "<end of output>"
        if e != g:
            return "stdout line %d: expected %s, got %s" % (i + 1, short(e), short(g))
    return "stdout differs"


def run_case(csp, case):
    """Run one case; return None on success or a one-line reason."""
    cmd = [csp, "run"]
    env = dict(os.environ)
    if case.procs is not None:
        cmd = [csp, "--procs", str(case.procs), "run"]
        env["CSPMAXPROCS"] = str(case.procs)
    cmd += case.flags + [case.path] + case.args
    exp_out, exp_err, exp_prefix, exp_status = expectations(case.path)
    start = time.time()
    stdin_path = os.path.join(ROOT, os.path.splitext(case.path)[0] + ".in")
    stdin_data = None
    if os.path.exists(stdin_path):
        with open(stdin_path, "rb") as fin:
            stdin_data = fin.read()
    try:
        p = subprocess.Popen(cmd, cwd=ROOT,
                             stdin=subprocess.DEVNULL if stdin_data is None else subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, start_new_session=True)
    except OSError as e:
        return "cannot run %s: %s" % (csp, e)
    try:
        out, err = p.communicate(input=stdin_data, timeout=case.timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        p.communicate()
        return "timeout after %gs" % case.timeout
    status = p.returncode
    if status < 0:
        return "killed by signal %d (%s)" % (-status, signal.Signals(-status).name
                                               if -status in signal.valid_signals() else "?")
    errtxt = err.decode("utf-8", "replace")
    err1 = errtxt.split("\n", 1)[0] if errtxt else ""
    reasons = []
    outre = read_opt(os.path.join(ROOT, os.path.splitext(case.path)[0] + ".outre"))
    if outre is not None:
        pats = outre.rstrip("\n").split("\n")
        got = out.decode("utf-8", "replace").rstrip("\n").split("\n")
        if len(pats) != len(got):
            reasons.append("stdout: expected %d lines matching %s, got %d"
                           % (len(pats), os.path.basename(case.path)[:-4] + ".outre", len(got)))
        else:
            for i, (pat, g) in enumerate(zip(pats, got)):
                if not re.fullmatch(pat, g):
                    reasons.append("stdout line %d: %s does not match /%s/" % (i + 1, short(g), pat))
                    break
    elif out != exp_out:
        reasons.append(first_diff(exp_out, out))
    if exp_err is not None and err1 != exp_err:
        reasons.append("stderr line 1: expected %s, got %s" % (short(exp_err), short(err1)))
    if exp_prefix is not None and not err1.startswith(exp_prefix):
        reasons.append("stderr line 1: expected prefix %s, got %s"
                       % (short(exp_prefix), short(err1)))
    if status != exp_status:
        r = "exit status: expected %d, got %d" % (exp_status, status)
        if exp_err is None and exp_prefix is None and err1:
            r += " (stderr: %s)" % short(err1)
        reasons.append(r)
    if reasons:
        return "; ".join(reasons)
    return None


def main():
    ap = argparse.ArgumentParser(description="csp golden test runner")
    ap.add_argument("--csp", default="./csp", help="csp binary (default ./csp)")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1, help="run each case N times")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every test")
    ap.add_argument("paths", nargs="*")
    opts = ap.parse_args()

    csp = opts.csp
    if os.sep not in csp:
        csp = shutil.which(csp) or csp
    if not os.path.isabs(csp):
        # relative to the current directory, else to the repository root
        csp = os.path.abspath(csp if os.path.exists(csp) else os.path.join(ROOT, csp))
    if not (os.path.isfile(csp) and os.access(csp, os.X_OK)):
        print("run.py: csp binary not found or not executable: %s (run make?)"
              % opts.csp, file=sys.stderr)
        print("0 passed, 0 failed")
        return 1

    progs = find_programs(opts.paths or [d for d in DEFAULT_DIRS if os.path.isdir(os.path.join(ROOT, d))])
    cases = [c for rel in progs for c in make_cases(rel)]
    repeat = max(1, opts.repeat)
    failures = {}          # case index -> (run number, reason)
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
        futs = {}
        for i, c in enumerate(cases):
            for r in range(repeat):
                futs[ex.submit(run_case, csp, c)] = (i, r)
        done_runs = {}
        for fut in concurrent.futures.as_completed(futs):
            i, r = futs[fut]
            reason = fut.result()
            if reason is not None and i not in failures:
                failures[i] = (r, reason)
                msg = "FAIL %s" % cases[i].name()
                if repeat > 1:
                    msg += " (run %d/%d)" % (r + 1, repeat)
                print("%s: %s" % (msg, reason), flush=True)
            done_runs[i] = done_runs.get(i, 0) + 1
            if opts.verbose and done_runs[i] == repeat and i not in failures:
                print("ok   %s" % cases[i].name(), flush=True)
    npass = len(cases) - len(failures)
    if opts.verbose:
        print("(%d cases, %.1fs)" % (len(cases), time.time() - t0))
    print("%d passed, %d failed" % (npass, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
