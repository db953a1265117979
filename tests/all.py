#!/usr/bin/env python3
"""all.py -- `make test`: every test of csp in one run, one summary line.

Runs the C unit tests (build/unit/*), the golden tests (tests/run.py: language,
errors, concurrency, Go programs, robustness, examples), the teaching-tool tests
(tests/teach/run_teach.py), and the concurrency stress tests repeated with
both worker counts. Each part prints its own details; the last line is the sum:
`N passed, N failed`. Exit status 1 if anything failed.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY = re.compile(r"(\d+) passed, (\d+) failed")


def run_part(name, cmd, timeout):
    print(f"== {name}: {' '.join(cmd)}", flush=True)
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, text=True, errors="replace")
        out, code = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        out += f"\n{name}: TIMEOUT after {timeout}s\n"
        code = -1
    lines = out.rstrip("\n").splitlines()
    # keep the output readable: failures and the summary
    shown = lines if len(lines) <= 60 else lines[:25] + ["..."] + lines[-30:]
    for ln in shown:
        print("   " + ln)
    m = SUMMARY.search(lines[-1]) if lines else None
    if m:
        passed, failed = int(m.group(1)), int(m.group(2))
        if code != 0 and failed == 0:
            failed = 1  # crashed after printing a clean summary
        return passed, failed
    return (1, 0) if code == 0 else (0, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--csp", default="./csp")
    ap.add_argument("--stress-repeat", type=int, default=int(os.environ.get("STRESS_REPEAT", "20")))
    args = ap.parse_args()

    total_p = total_f = 0
    unit_dir = os.path.join(ROOT, args.build, "unit")
    if os.path.isdir(unit_dir):
        for name in sorted(os.listdir(unit_dir)):
            path = os.path.join(unit_dir, name)
            if os.access(path, os.X_OK) and not name.endswith(".d"):
                p, f = run_part(f"unit/{name}", [path], 300)
                total_p += p
                total_f += f
    p, f = run_part("docs", [sys.executable, "docs/gen_opcodes.py", "--check"], 60)
    total_p += p
    total_f += f
    p, f = run_part("docs/stdlib", [sys.executable, "docs/gen_stdlib.py", "--build", args.build, "--check"], 120)
    total_p += p
    total_f += f
    golden = [sys.executable, "tests/run.py", "--csp", args.csp]
    p, f = run_part("golden", golden, 1800)
    total_p += p
    total_f += f
    p, f = run_part("go/chan", [sys.executable, "tests/go_chan_suite.py", "--csp", args.csp], 600)
    total_p += p
    total_f += f
    p, f = run_part("errors-stderr", [sys.executable, "tests/errors/stderr_test.py", "--csp", args.csp], 300)
    total_p += p
    total_f += f
    p, f = run_part("teach", [sys.executable, "tests/teach/run_teach.py", "--csp", args.csp], 900)
    total_p += p
    total_f += f
    p, f = run_part("repl", [sys.executable, "tests/repl/run_repl.py", "--csp", args.csp], 120)
    total_p += p
    total_f += f
    stress = os.path.join(ROOT, "tests", "conc", "stress")
    if os.path.isdir(stress) and args.stress_repeat > 0:
        p, f = run_part("stress", golden + ["--repeat", str(args.stress_repeat), "tests/conc/stress"], 2400)
        total_p += p
        total_f += f
    print(f"{total_p} passed, {total_f} failed")
    sys.exit(1 if total_f else 0)


if __name__ == "__main__":
    main()
