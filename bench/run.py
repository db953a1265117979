#!/usr/bin/env python3
"""run.py: the csp benchmark runner (python3, standard library only).

Runs every benchmark under bench/<name>/ in csp and in its peers (Go with
GOMAXPROCS=2 and =1, Lua 5.4 coroutines, Python asyncio), checks that all of
them print the same checksum, and reports median wall time, min-max, peak RSS,
cost per operation and the csp/peer ratios as a markdown table, written to
bench/results/latest.md.

    python3 bench/run.py                      # everything, 5 timed runs each
    python3 bench/run.py --quick              # CI: small sizes, one run, agree?
    python3 bench/run.py --bench sieve --runs 3 --peers go,lua
    python3 bench/run.py --skip-missing-csp   # before ./csp exists

Exit status: 0 when everything ran and agreed, 1 on a checksum mismatch, a
crash or a timeout (and on missing tools), 2 on bad usage.
"""

import argparse
import datetime
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)


# ---------------------------------------------------------------- benchmarks

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_calls(n):
    """Calls made by the naive recursive fib(n)."""
    return 2 * fib(n + 1) - 1


def skynet_nodes(n):
    total = 0
    while n >= 1:
        total += n
        n //= 10
    return total


def sieve_messages(n):
    """Channel messages of the concurrent sieve up to the n-th prime: every m in
    [2, p_n] is sent by the generator and forwarded by each filter it passes,
    i.e. idx(smallest prime factor of m) sends (idx is 1-based)."""
    if n <= 0:
        return 0
    lim = 32
    while True:
        spf = list(range(lim + 1))
        for i in range(2, int(lim ** 0.5) + 1):
            if spf[i] == i:
                for j in range(i * i, lim + 1, i):
                    if spf[j] == j:
                        spf[j] = i
        primes = [i for i in range(2, lim + 1) if spf[i] == i]
        if len(primes) >= n:
            break
        lim *= 2
    idx = {p: k + 1 for k, p in enumerate(primes)}
    return sum(idx[spf[m]] for m in range(2, primes[n - 1] + 1))


class Bench:
    def __init__(self, name, full, quick, unit, ops, concurrent, what):
        self.name = name
        self.full = full          # default size N (the programs' own default)
        self.quick = quick        # size for --quick
        self.unit = unit          # what one operation is
        self.ops = ops            # N -> number of operations
        self.concurrent = concurrent  # also run csp --procs 1 as a row
        self.what = what


BENCHES = [
    Bench("pingpong", 1000000, 10000, "round trip", lambda n: n, True,
          "round trips over two unbuffered channels"),
    Bench("spawn", 1000000, 10000, "spawn", lambda n: n, True,
          "goroutines started, each sends its index once"),
    Bench("skynet", 1000000, 10000, "goroutine", skynet_nodes, True,
          "tree of goroutines (10 children per node, N leaves)"),
    Bench("sieve", 3000, 100, "message", sieve_messages, True,
          "concurrent prime sieve, prints the N-th prime"),
    Bench("threadring", 5000000, 50000, "pass", lambda n: n, True,
          "token passes around a ring of 503 goroutines"),
    Bench("fanin", 1000000, 10000, "message", lambda n: n, True,
          "4 producers into one channel of capacity 128"),
    Bench("select", 1000000, 10000, "message", lambda n: n, True,
          "4 producers, 4 unbuffered channels, one select loop"),
    Bench("parked", 100000, 1000, "goroutine", lambda n: n, True,
          "goroutines parked at once on one channel (memory)"),
    Bench("parallel", 30, 20, "call", lambda n: 4 * fib_calls(n), True,
          "4 goroutines each computing fib(N); 1 vs 2 workers"),
    Bench("echo", 200000, 2000, "message", lambda n: n - n % 50, True,
          "TCP echo over loopback: 50 connections, 64-byte request/reply"),
    Bench("fib", 32, 20, "call", fib_calls, False,
          "recursive fib(N): calls"),
    Bench("loop", 50000000, 500000, "iteration", lambda n: n, False,
          "tight integer loop"),
    Bench("strmap", 1000000, 10000, "word", lambda n: n, False,
          "LCG text, strings.Fields, map word count"),
]
BENCH_BY_NAME = {b.name: b for b in BENCHES}


# ----------------------------------------------------------- implementations

class Impl:
    def __init__(self, key, label, peer, only_concurrent=False):
        self.key = key
        self.label = label
        self.peer = peer                  # False for the csp rows
        self.only_concurrent = only_concurrent


IMPLS = [
    Impl("csp", "csp (2 procs)", False),
    Impl("csp1", "csp (1 proc)", False, only_concurrent=True),
    Impl("go", "Go (GOMAXPROCS=2)", True),
    Impl("go1", "Go (GOMAXPROCS=1)", True),
    Impl("lua", "Lua 5.4", True),
    Impl("py", "Python", True),
]
IMPL_BY_KEY = {i.key: i for i in IMPLS}
KEY_ALIASES = {"python": "py", "python3": "py", "lua5.4": "lua",
               "go2": "go", "csp2": "csp"}


class Ctx:
    """Everything a run needs: tool paths, the Go build directory, options."""

    def __init__(self, args):
        self.args = args
        self.csp = None          # path to csp, or None (n/a)
        self.gobin = None        # temp dir holding the built Go programs
        self.python = sys.executable or shutil.which("python3")
        self.wrap = None         # rsswrap helper, or None
        self.started = datetime.datetime.now().strftime("%H:%M:%S")
        self.load_start = loadavg()

    def argv(self, impl, bench, n):
        """(argv, extra env) for one run, or None if impl is unavailable."""
        src = os.path.join(BENCH_DIR, bench.name, bench.name)
        if impl.key in ("csp", "csp1"):
            if self.csp is None:
                return None
            procs = "1" if impl.key == "csp1" else "2"
            return ([self.csp, "--procs", procs, "run", src + ".csp", str(n)],
                    {"CSPMAXPROCS": procs})
        if impl.key in ("go", "go1"):
            procs = "1" if impl.key == "go1" else "2"
            return ([os.path.join(self.gobin, bench.name), str(n)],
                    {"GOMAXPROCS": procs})
        if impl.key == "lua":
            return (["lua5.4", src + ".lua", str(n)], {})
        if impl.key == "py":
            return ([self.python, src + ".py", str(n)], {"PYTHONDONTWRITEBYTECODE": "1"})
        raise ValueError(impl.key)


class Run:
    """One finished process: wall seconds, peak RSS in KiB, exit code, output."""

    def __init__(self, wall, rss_kib, code, out, err, timed_out):
        self.wall = wall
        self.rss_kib = rss_kib
        self.code = code
        self.out = out
        self.err = err
        self.timed_out = timed_out

    def ok(self):
        return self.code == 0 and not self.timed_out

    def failure(self):
        if self.timed_out:
            return "TIMEOUT"
        if self.code < 0:
            return "CRASH (signal %d)" % -self.code
        return "FAILED (exit %d)" % self.code


def run_once(argv, extra_env, timeout, wrap=None):
    """Run argv to completion. Wall time runs from just before the fork to just
    after the reap. Peak RSS is wait4's ru_maxrss of exactly this process; with
    wrap (the rsswrap helper) the process is forked from that tiny program, so
    the runner's own memory does not leak into the figure (see rsswrap.c)."""
    env = dict(os.environ)
    env.update(extra_env)
    rfd = wfd = None
    if wrap:
        rfd, wfd = os.pipe()
        argv = [wrap, str(wfd)] + list(argv)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=err, env=env, cwd=ROOT,
                                    pass_fds=(wfd,) if wrap else (),
                                    start_new_session=True)
        finally:
            if wfd is not None:
                os.close(wfd)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the helper and its child
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): take the measured program down too.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
            except OSError:
                pass
            proc.returncode = -signal.SIGKILL
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by us
        code, rss = proc.returncode, ru.ru_maxrss
        if wrap:
            report = b""
            while True:
                chunk = os.read(rfd, 256)
                if not chunk:
                    break
                report += chunk
            os.close(rfd)
            fields = report.split()
            if code == 0 and len(fields) == 2:
                code = os.waitstatus_to_exitcode(int(fields[0]))
                rss = int(fields[1])
            elif code == 0:
                code = 125  # the helper said nothing: treat as a failure
        out.seek(0)
        err.seek(0)
        return Run(wall, rss, code,
                   out.read().decode("utf-8", "replace").strip(),
                   err.read().decode("utf-8", "replace").strip(),
                   bool(killed))


def build_wrap(tmp):
    """Compile rsswrap.c into tmp; None (plain wait4) without a C compiler."""
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        return None
    out = os.path.join(tmp, "rsswrap")
    p = subprocess.run([cc, "-O2", "-o", out, os.path.join(BENCH_DIR, "rsswrap.c")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        log("run.py: could not build rsswrap (%s); peak RSS will include the "
            "runner's own memory" % p.stdout.decode("utf-8", "replace").strip())
        return None
    return out


# ------------------------------------------------------------------ tooling

def log(msg):
    print(msg, file=sys.stderr, flush=True)


def tool_version(argv):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=30)
        text = p.stdout.decode("utf-8", "replace").strip()
        return text.splitlines()[0] if text else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unavailable"


def ensure_peers(keys):
    """Go and Lua must exist for their rows; install them when root."""
    need = []
    if ({"go", "go1"} & keys) and not shutil.which("go"):
        need.append("golang-go")
    if "lua" in keys and not shutil.which("lua5.4"):
        need.append("lua5.4")
    if not need:
        return True
    cmd = ["apt-get", "install", "-y"] + need
    if os.geteuid() != 0:
        log("run.py: missing peers; install them with:\n    sudo " + " ".join(cmd))
        return False
    log("run.py: installing " + " ".join(need))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(cmd, env=env).returncode != 0:
        log("run.py: '%s' failed" % " ".join(cmd))
        return False
    return all(shutil.which(t) for t in
               (["go"] if "golang-go" in need else []) +
               (["lua5.4"] if "lua5.4" in need else []))


def build_go(benches, tmp):
    """go build each <name>.go into tmp/bin, and each <name>.csp too (as Go
    source, to prove the csp programs are valid Go). Sources are copied into
    tmp/src so nothing is written inside the source tree."""
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    env = dict(os.environ)
    if not env.get("GOCACHE") and not env.get("HOME") and not env.get("XDG_CACHE_HOME"):
        env["GOCACHE"] = os.path.join(tmp, "gocache")
    ok = True
    for b in benches:
        for ext, out in ((".go", os.path.join(bindir, b.name)),
                         (".csp", os.path.join(tmp, "cspcheck", b.name))):
            srcdir = os.path.join(tmp, "src", b.name + ext.replace(".", "_"))
            os.makedirs(srcdir, exist_ok=True)
            shutil.copyfile(os.path.join(BENCH_DIR, b.name, b.name + ext),
                            os.path.join(srcdir, "main.go"))
            p = subprocess.run(["go", "build", "-o", out, "main.go"], cwd=srcdir,
                               env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
            if p.returncode != 0:
                ok = False
                log("run.py: go build of %s/%s%s failed:\n%s" % (
                    b.name, b.name, ext, p.stdout.decode("utf-8", "replace")))
    return bindir if ok else None


def find_csp(path):
    cands = [path]
    if not os.path.isabs(path):
        cands.append(os.path.join(ROOT, path))
    for c in cands:
        if os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    return None


# --------------------------------------------------------------- formatting

def fmt_time(s):
    if s is None:
        return "n/a"
    if s >= 10:
        return "%.1f s" % s
    if s >= 1:
        return "%.2f s" % s
    return "%.0f ms" % (s * 1000) if s >= 0.1 else "%.1f ms" % (s * 1000)


def fmt_rss(kib):
    if kib is None:
        return "n/a"
    if kib >= 1024 * 1024:
        return "%.2f GB" % (kib / 1024 / 1024)
    return "%.1f MB" % (kib / 1024)


def fmt_ns(ns):
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    if ns >= 1e4:
        return "%.1f µs" % (ns / 1e3)
    if ns >= 100:
        return "%.0f ns" % ns
    return "%.1f ns" % ns


def fmt_ratio(r):
    if r is None:
        return ""
    return "%.2f×" % r if r < 10 else "%.1f×" % r


# --------------------------------------------------------------- main logic

class Row:
    """Results of one implementation on one benchmark."""

    def __init__(self, impl):
        self.impl = impl
        self.runs = []          # timed Runs
        self.status = None      # None = fine; else "n/a", "MISMATCH ...", "FAILED ..."
        self.checksum = None
        self.base_rss = None    # parked: median peak RSS at N=0, KiB

    def median(self):
        return statistics.median(r.wall for r in self.runs) if self.runs else None

    def rss(self):
        return max(r.rss_kib for r in self.runs) if self.runs else None

    def bytes_per(self, n):
        if not self.runs or self.base_rss is None or n <= 0:
            return None
        peak = statistics.median(r.rss_kib for r in self.runs)
        return (peak - self.base_rss) * 1024 / n


def impls_for(bench, keys):
    # a peer without a source file is skipped (echo: Lua 5.4 has no sockets)
    src = os.path.join(BENCH_DIR, bench.name, bench.name)
    return [i for i in IMPLS if i.key in keys and
            (bench.concurrent or not i.only_concurrent) and
            (i.key not in ("lua", "py") or os.path.isfile(src + "." + i.key))]


def check_run(row, run, reference):
    """Record a run's failure or checksum mismatch on the row; True if fine."""
    if not run.ok():
        row.status = run.failure()
        tail = run.err.splitlines()[-6:]
        log("  %s: %s%s" % (row.impl.label, row.status,
                            ("\n    " + "\n    ".join(tail)) if tail else ""))
        return False
    if row.checksum is None:
        row.checksum = run.out
    if run.out != row.checksum or (reference is not None and run.out != reference):
        want = reference if reference is not None else row.checksum
        row.status = "MISMATCH (printed %r, expected %r)" % (run.out, want)
        log("  *** MISMATCH *** %s printed %r, expected %r" % (
            row.impl.label, run.out, want))
        return False
    return True


def reference_of(rows):
    """The agreed checksum: Go's, else the first peer's, else csp's."""
    for r in sorted(rows, key=lambda r: ["go", "go1", "lua", "py", "csp", "csp1"]
                    .index(r.impl.key)):
        if r.checksum is not None and r.status is None:
            return r.checksum
    return None


def run_bench(ctx, bench, keys, n, runs, quick):
    rows = [Row(i) for i in impls_for(bench, keys)]
    log("== %s (N=%d)" % (bench.name, n))
    live = []
    for row in rows:
        spec = ctx.argv(row.impl, bench, n)
        if spec is None:
            row.status = "n/a"
            continue
        live.append((row, spec))
    # Warm-up (the only run in --quick): fills caches, checks output; a failing
    # implementation is not timed further.
    for row, (argv, env) in live:
        run = run_once(argv, env, ctx.args.timeout, ctx.wrap)
        log("  warm-up %-18s %9s  %s" % (row.impl.label, fmt_time(run.wall),
                                        run.out[:60] if run.ok() else run.failure()))
        if check_run(row, run, None) and quick:
            row.runs.append(run)
    ref = reference_of(rows)
    for row, _ in live:
        if row.status is None and ref is not None and row.checksum != ref:
            row.status = "MISMATCH (printed %r, expected %r)" % (row.checksum, ref)
            log("  *** MISMATCH *** %s printed %r, expected %r" % (
                row.impl.label, row.checksum, ref))
    if quick:
        return rows, ref
    for r in range(runs):
        for row, (argv, env) in live:
            if row.status is not None:
                continue
            run = run_once(argv, env, ctx.args.timeout, ctx.wrap)
            if check_run(row, run, ref):
                row.runs.append(run)
                log("  run %d %-18s %9s  %s" % (r + 1, row.impl.label,
                                                fmt_time(run.wall), fmt_rss(run.rss_kib)))
    if bench.name == "parked":
        # Baseline: the same program with N=0 (interpreter + runtime start-up).
        for row, _ in live:
            if row.status is not None:
                continue
            argv, env = ctx.argv(row.impl, bench, 0)
            base = []
            for _ in range(3):
                run = run_once(argv, env, ctx.args.timeout, ctx.wrap)
                if run.ok():
                    base.append(run.rss_kib)
            if base:
                row.base_rss = statistics.median(base)
    return rows, ref


def table_rows(bench, rows, n):
    """Markdown lines for one benchmark's rows."""
    ops = bench.ops(n)
    by_key = {r.impl.key: r for r in rows}
    memory = bench.name == "parked"

    def metric(row):
        if row is None or row.status is not None or not row.runs:
            return None
        return row.bytes_per(n) if memory else row.median()

    csp_m = metric(by_key.get("csp"))
    csp1_m = metric(by_key.get("csp1"))
    lines = []
    for row in rows:
        label = row.impl.label
        if bench.name == "parallel" and row.impl.key in ("lua", "py"):
            label += " (sequential)"
        if row.status is not None:
            lines.append("| %s | %s | %s | | | | | |" % (bench.name, label, row.status))
            continue
        walls = [r.wall for r in row.runs]
        med = row.median()
        if memory:
            bp = row.bytes_per(n)
            per = "%.0f B/goroutine" % bp if bp is not None else "n/a"
        else:
            per = fmt_ns(med * 1e9 / ops) + "/" + bench.unit if ops else "n/a"
        m = metric(row)
        r1 = fmt_ratio(csp_m / m) if (row.impl.peer and csp_m and m) else ""
        r2 = fmt_ratio(csp1_m / m) if (row.impl.peer and csp1_m and m) else ""
        lines.append("| %s | %s | %s | %s–%s | %s | %s | %s | %s |" % (
            bench.name, label, fmt_time(med), fmt_time(min(walls)),
            fmt_time(max(walls)), fmt_rss(row.rss()), per, r1, r2))
    return lines


def speedups(results):
    """Parallel 1 -> 2 worker speed-ups for Go and csp, as text lines."""
    if "parallel" not in results:
        return []
    rows = {r.impl.key: r for r in results["parallel"][0]}
    out = []
    for name, one, two in (("Go", "go1", "go"), ("csp", "csp1", "csp")):
        a, b = rows.get(one), rows.get(two)
        if a and b and a.runs and b.runs and a.status is None and b.status is None:
            out.append("- %s: %s with 1 worker, %s with 2: speed-up %.2f×" % (
                name, fmt_time(a.median()), fmt_time(b.median()),
                a.median() / b.median()))
        else:
            out.append("- %s: n/a" % name)
    return out


def versions(ctx):
    v = [("go", tool_version(["go", "version"]) if shutil.which("go") else "missing"),
         ("lua", tool_version(["lua5.4", "-v"]) if shutil.which("lua5.4") else "missing"),
         ("python", tool_version([ctx.python, "--version"])),
         ("csp", tool_version([ctx.csp, "--version"]) if ctx.csp else "n/a (not built)")]
    return v


def nproc():
    try:
        return subprocess.run(["nproc"], stdout=subprocess.PIPE,
                              check=True).stdout.decode().strip()
    except (OSError, subprocess.SubprocessError):
        return str(len(os.sched_getaffinity(0)))


def loadavg():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "n/a"


def report(ctx, results, runs, quick):
    head = ["# csp benchmarks", "",
            "- date: %s (started %s)" % (
                datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), ctx.started),
            "- nproc: %s; load average at start: %s, at end: %s (other work on the "
            "machine inflates times)" % (nproc(), ctx.load_start, loadavg())]
    for name, ver in versions(ctx):
        head.append("- %s: %s" % (name, ver))
    head.append("- runs: %s" % ("1 (--quick, sizes N/100; times not meaningful)"
                                if quick else "%d timed runs after one warm-up, "
                                "implementations alternating" % runs))
    lines = head + ["",
                    "| benchmark | implementation | median | min–max | peak RSS | "
                    "per op | csp ÷ peer | csp 1 proc ÷ peer |",
                    "|---|---|---:|---:|---:|---:|---:|---:|"]
    problems = []
    for name, (rows, ref, n) in results.items():
        lines += table_rows(BENCH_BY_NAME[name], rows, n)
        for r in rows:
            if r.status not in (None, "n/a"):
                problems.append("- %s / %s: %s" % (name, r.impl.label, r.status))
    lines += ["", "Sizes and checksums:", ""]
    for name, (rows, ref, n) in results.items():
        b = BENCH_BY_NAME[name]
        lines.append("- %s: N=%d, %s; %d operations (%s); checksum `%s`" % (
            name, n, b.what, b.ops(n), b.unit, ref))
    sp = speedups({k: v for k, v in results.items()})
    if sp:
        lines += ["", "Parallel speed-up from 1 to 2 workers (median times):", ""] + sp
    lines += ["", "Notes:", "",
              "- median/min–max: wall time of the whole process (start-up included), "
              "peak RSS: ru_maxrss of that process (max over runs).",
              "- per op: median time / number of operations; for parked, (median "
              "peak RSS at N − median peak RSS at N=0) / N.",
              "- csp ÷ peer: median time of csp (2 procs) divided by the peer's "
              "median (parked: bytes per goroutine); < 1 means csp is faster. "
              "The last column does the same for csp with 1 proc.",
              "- Lua and Python have no parallelism: their parallel rows run the "
              "four fib calls one after another; their concurrency benchmarks "
              "use coroutines (bench/lua/chan.lua) and asyncio (bench/py/aiochan.py, "
              "asyncio.Queue for fanin) on one thread."]
    if problems:
        lines += ["", "**PROBLEMS:**", ""] + problems
    return "\n".join(lines) + "\n", problems


def parse_args(argv):
    ap = argparse.ArgumentParser(description="csp benchmarks against Go, Lua and Python")
    ap.add_argument("--bench", default=os.environ.get("BENCH") or None,
                    help="comma-separated benchmark names (env BENCH)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per implementation")
    ap.add_argument("--quick", action="store_true",
                    help="one run of each at a small size; exit 1 on mismatch or crash")
    ap.add_argument("--csp", default="./csp", help="path to the csp binary")
    ap.add_argument("--skip-missing-csp", action="store_true",
                    help="report csp rows as n/a when the binary does not exist")
    ap.add_argument("--peers", default=None,
                    help="comma-separated implementations to run: "
                         "csp,csp1,go,go1,lua,py (default: all)")
    ap.add_argument("--size", type=int, default=None,
                    help="override N for every selected benchmark")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds before one run is killed")
    ap.add_argument("--out", default=None,
                    help="markdown output file (default bench/results/latest.md; "
                         "--quick writes nothing unless given)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    return args


def on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # unwinds: kills the running child, removes tmp


def main(argv):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, on_sigterm)
    if args.bench:
        names = [s.strip() for s in args.bench.split(",") if s.strip()]
        bad = [s for s in names if s not in BENCH_BY_NAME]
        if bad:
            log("run.py: unknown benchmark %s; known: %s" % (
                ", ".join(bad), " ".join(BENCH_BY_NAME)))
            return 2
        benches = [BENCH_BY_NAME[s] for s in names]
    else:
        benches = list(BENCHES)
    keys = set(IMPL_BY_KEY)
    if args.peers:
        keys = set()
        for k in args.peers.split(","):
            k = KEY_ALIASES.get(k.strip(), k.strip())
            if k not in IMPL_BY_KEY:
                log("run.py: unknown implementation %r; known: %s" % (
                    k, ",".join(IMPL_BY_KEY)))
                return 2
            keys.add(k)

    ctx = Ctx(args)
    if not ensure_peers(keys):
        return 1
    if keys & {"csp", "csp1"}:
        ctx.csp = find_csp(args.csp)
        if ctx.csp is None:
            if not args.skip_missing_csp:
                log("run.py: no csp binary at %s; build it with `make`, pass "
                    "--csp PATH, or --skip-missing-csp" % args.csp)
                return 1
            log("run.py: no csp binary at %s: csp rows are n/a" % args.csp)

    tmp = tempfile.mkdtemp(prefix="csp-bench-")
    try:
        ctx.wrap = build_wrap(tmp)
        # Go is needed for the Go rows; when present it also checks that
        # every .csp program is valid Go.
        if shutil.which("go"):
            log("building Go programs in %s" % tmp)
            ctx.gobin = build_go(benches, tmp)
            if ctx.gobin is None:
                return 1
        results = {}
        for b in benches:
            n = args.size if args.size is not None else (b.quick if args.quick else b.full)
            rows, ref = run_bench(ctx, b, keys, n, args.runs, args.quick)
            results[b.name] = (rows, ref, n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    text, problems = report(ctx, results, args.runs, args.quick)
    print(text)
    out = args.out
    if out is None and not args.quick:
        out = os.path.join(BENCH_DIR, "results", "latest.md")
    if out:
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, "w") as f:
            f.write(text)
        log("wrote %s" % out)
    if problems:
        log("run.py: %d problem(s): see PROBLEMS above" % len(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
