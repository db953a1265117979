#!/usr/bin/env python3
"""soak.py -- run the soak programs for a long time and watch memory.

Usage: python3 tests/soak/soak.py [--csp PATH] [--seconds N] [--procs N]
                                  [--rss-growth F] [--rss-slack MB] [-v] [PROGRAM ...]

Every tests/soak/*.csp (or the PROGRAMs given) runs at the same time, each as
`csp --procs 2 run PROG` for SOAK_SECONDS (default 600; --seconds wins). Each
program loops over identical rounds forever and prints `ROUND CHECKSUM` after
each; the expected checksum is in its `// checksum: N` header (verified with
Go 1.19). The driver samples each process's RSS (/proc/PID/status VmRSS) once
a second and, at the end, kills the programs and checks, for each one:

  - it was still running (no crash, no exit), with nothing on stderr;
  - every line has the next round number and the expected checksum;
  - it made progress: a round finished in the last 20 s (or last quarter);
  - memory stayed flat: after the warm-up (the first 20% of the run, at least
    10 s), RSS never went above  warm-up max * (1 + GROWTH) + SLACK
    (defaults 0.25 and 16 MB).

It prints one line per program (rounds, RSS at warm-up / max / end in MB and
the post-warm-up slope in MB/min), then `N passed, N failed`; exit status 1
when anything failed.
"""

import argparse
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Run:
    def __init__(self, path, expected):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.expected = expected
        self.proc = None
        self.errf = None
        self.rounds = 0
        self.bad = None            # first wrong line
        self.last_round_t = None
        self.samples = []          # (t, rss_kb)
        self.lock = threading.Lock()

    def reader(self, t0):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            m = re.fullmatch(r"(\d+) (\d+)", line)
            with self.lock:
                if self.bad is not None:
                    continue
                if not m or int(m.group(1)) != self.rounds or m.group(2) != self.expected:
                    self.bad = "round %d: expected '%d %s', got %r" % (
                        self.rounds, self.rounds, self.expected, line[:100])
                    continue
                self.rounds += 1
                self.last_round_t = time.time() - t0


def expected_checksum(path):
    with open(path, encoding="utf-8") as f:
        for line in f.readlines()[:10]:
            m = re.match(r"\s*//\s*checksum:\s*(\d+)", line)
            if m:
                return m.group(1)
    return None


def slope_mb_per_min(samples):
    """Least-squares slope of RSS over time, MB per minute."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mt = sum(t for t, _ in samples) / n
    mr = sum(r for _, r in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples)
    if var == 0:
        return 0.0
    cov = sum((t - mt) * (r - mr) for t, r in samples)
    return cov / var * 60 / 1024


def main():
    ap = argparse.ArgumentParser(description="csp soak test")
    ap.add_argument("--csp", default=os.path.join(ROOT, "csp"))
    ap.add_argument("--seconds", type=float,
                    default=float(os.environ.get("SOAK_SECONDS", "600")))
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--rss-growth", type=float, default=0.25)
    ap.add_argument("--rss-slack", type=float, default=16, help="MB")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("programs", nargs="*")
    opts = ap.parse_args()

    csp = os.path.abspath(opts.csp)
    if not os.access(csp, os.X_OK):
        print("soak.py: no csp binary at %s (run make?)" % csp, file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    progs = opts.programs or sorted(glob.glob(os.path.join(ROOT, "tests", "soak", "*.csp")))
    runs = []
    for p in progs:
        exp = expected_checksum(p)
        if exp is None:
            print("soak.py: %s has no // checksum: header" % p, file=sys.stderr)
            return 2
        runs.append(Run(p, exp))

    duration = max(5.0, opts.seconds)
    warmup = max(10.0, 0.2 * duration) if duration > 20 else 0.3 * duration
    progress_window = min(20.0, duration / 4) if duration > 20 else duration / 2
    print("soak: %d programs, %gs each, --procs %d, warm-up %gs" %
          (len(runs), duration, opts.procs, warmup), flush=True)

    t0 = time.time()
    env = dict(os.environ, CSPMAXPROCS=str(opts.procs))
    threads = []
    for r in runs:
        r.errf = tempfile.TemporaryFile()
        r.proc = subprocess.Popen([csp, "--procs", str(opts.procs), "run", r.path],
                                  cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=r.errf, env=env, start_new_session=True)
        th = threading.Thread(target=r.reader, args=(t0,), daemon=True)
        th.start()
        threads.append(th)

    next_report = 60
    while True:
        now = time.time() - t0
        if now >= duration:
            break
        for r in runs:
            if r.proc.poll() is None:
                kb = rss_kb(r.proc.pid)
                if kb is not None:
                    r.samples.append((now, kb))
        if opts.verbose and now >= next_report:
            next_report += 60
            print("  %4.0fs: %s" % (now, ", ".join(
                "%s %d rounds %.0fMB" % (r.name, r.rounds, (r.samples[-1][1] if r.samples else 0) / 1024)
                for r in runs)), flush=True)
        if all(r.proc.poll() is not None for r in runs):
            break
        time.sleep(1.0)

    alive = {}
    for r in runs:
        alive[r.name] = r.proc.poll() is None
        if alive[r.name]:
            try:
                os.killpg(r.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        r.proc.wait()
    for th in threads:
        th.join(timeout=5)

    failed = 0
    end = time.time() - t0
    for r in runs:
        reasons = []
        r.errf.seek(0)
        err = r.errf.read().decode("utf-8", "replace")
        if not alive[r.name]:
            reasons.append("exited early with status %s%s" % (
                r.proc.returncode, (": " + err.strip().splitlines()[0]) if err.strip() else ""))
        elif err.strip():
            reasons.append("stderr: %s" % err.strip().splitlines()[0][:120])
        if r.bad:
            reasons.append("checksum: " + r.bad)
        if r.rounds == 0:
            reasons.append("no round finished")
        elif r.last_round_t is None or r.last_round_t < end - progress_window - 2:
            reasons.append("no progress in the last %gs (last round at %.0fs)" %
                           (progress_window, r.last_round_t or 0))
        warm = [kb for t, kb in r.samples if t <= warmup]
        after = [(t, kb) for t, kb in r.samples if t > warmup]
        warm_max = max(warm) if warm else 0
        max_after = max((kb for _, kb in after), default=0)
        bound = warm_max * (1 + opts.rss_growth) + opts.rss_slack * 1024
        if warm and after and max_after > bound:
            reasons.append("RSS grew: %.1fMB after warm-up, bound %.1fMB" % (max_after / 1024, bound / 1024))
        slope = slope_mb_per_min(after)
        end_kb = r.samples[-1][1] if r.samples else 0
        line = "%-10s rounds=%-7d rss warm-up=%.1fMB max=%.1fMB end=%.1fMB slope=%+.2fMB/min" % (
            r.name, r.rounds, warm_max / 1024, max(warm_max, max_after) / 1024, end_kb / 1024, slope)
        if reasons:
            failed += 1
            print("FAIL %s: %s" % (line, "; ".join(reasons)), flush=True)
        else:
            print("ok   %s" % line, flush=True)
    print("%d passed, %d failed" % (len(runs) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
