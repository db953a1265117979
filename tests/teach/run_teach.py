#!/usr/bin/env python3
"""Tests of csp's teaching tools (issue 7): deterministic schedules, deadlock
explanations, leak reports, traces, message sequence charts (text, HTML in a
real browser) and `csp explore`.

    python3 tests/teach/run_teach.py [--csp ./csp] [--update] [-v] [NAME ...]

Run from anywhere; commands run from the repository root, so file names in
the expected outputs are like tests/teach/leak.csp. Golden cases compare exit
status, stdout and stderr with tests/teach/expected/NAME.txt (--update
rewrites them: review the diff). Ends with "N passed, N failed".
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
T = "tests/teach"
EXPECTED = os.path.join(ROOT, T, "expected")

# name, argv (after csp); every run is under --seed, so the output is stable
GOLDEN = [
    # deterministic schedules and virtual time
    ("seed_order", ["--seed", "2", f"{T}/order.csp"]),
    ("seed_racy", ["--seed", "4", "--preempt-every=2", f"{T}/racy_counter.csp"]),
    # deadlock explanations
    ("deadlock_asymmetrical", ["--seed", "1", f"{T}/asymmetrical.csp"]),
    ("deadlock_cycle", ["--seed", "1", f"{T}/cycle.csp"]),
    ("deadlock_results", ["--seed", "1", f"{T}/results.csp"]),
    ("deadlock_nil", ["--seed", "1", f"{T}/nilchan.csp"]),
    ("deadlock_select", ["--seed", "1", f"{T}/selectwait.csp"]),
    ("deadlock_no_explain", ["--seed", "1", "--no-explain", f"{T}/cycle.csp"]),
    ("deadlock_mutex_cycle", ["--seed", "1", f"{T}/mutex_cycle.csp"]),
    ("deadlock_mutex_exited", ["--seed", "1", f"{T}/mutex_exited.csp"]),
    # leaks
    ("leaks_search", ["--seed", "1", "--leaks", f"{T}/leak.csp"]),
    ("leaks_error", ["--seed", "1", "--leaks=error", f"{T}/leak.csp"]),
    ("leaks_live", ["--seed", "1", "--detect-leaks", f"{T}/leak.csp"]),
    ("leaks_logger", ["--seed", "1", "--leaks", "tests/seeds/logger.csp"]),
    ("leaks_none", ["--seed", "1", "--leaks=error", "examples/done_channel.csp"]),
    # message sequence charts
    ("msc_ticktock", ["--seed", "1", "--msc", "examples/ticktock.csp"]),
    ("msc_done_channel", ["--seed", "1", "--msc", "examples/done_channel.csp"]),
    ("msc_logger_done", ["--seed", "1", "--msc", "tests/seeds/logger_done.csp"]),
    ("msc_asymmetrical", ["--seed", "1", "--msc", f"{T}/asymmetrical.csp"]),
    ("msc_rally", ["--seed", "1", "--msc", f"{T}/rally.csp"]),
    ("msc_pipeline", ["--seed", "1", "--msc", "examples/pipeline.csp"]),
    ("msc_ticker", ["--seed", "1", "--msc", "examples/ticker.csp"]),
    # teaching switches
    ("switch_buffered", ["--seed", "1", f"{T}/buffered_only.csp"]),
    ("switch_shrink", ["--seed", "1", "--shrink-buffers", f"{T}/buffered_only.csp"]),
    ("switch_shrink0", ["--seed", "1", "--shrink-buffers=0", "--msc", "tests/seeds/logger.csp"]),
    # explore
    ("explore_racy", ["explore", f"{T}/racy_counter.csp", "--runs", "24"]),
    ("explore_mutex", ["explore", f"{T}/mutex_counter.csp", "--runs", "24"]),
    ("explore_asymmetrical", ["explore", f"{T}/asymmetrical.csp", "--runs", "12"]),
    ("explore_pingpong", ["explore", "examples/pingpong.csp", "--runs", "12"]),
    # errors
    ("error_seed", ["--seed", "abc", f"{T}/order.csp"]),
    ("error_preempt", ["--preempt-every=0", f"{T}/order.csp"]),
    ("error_trace_missing", ["trace", f"{T}/no-such-trace.json"]),
    ("error_trace_bad_json", ["trace", f"{T}/bad_trace.json"]),
    ("error_trace_not_csp", ["trace", f"{T}/other_trace.json"]),
]

# programs whose traces are checked (valid JSON, matching send/receive pairs)
TRACED = ["examples/ticktock.csp", "examples/done_channel.csp", "tests/seeds/logger_done.csp",
          f"{T}/asymmetrical.csp", f"{T}/rally.csp", "examples/pipeline.csp", "examples/ticker.csp",
          "examples/fanin.csp", "examples/worker_pool.csp", "examples/timeout_select.csp"]


class Runner:
    def __init__(self, csp, verbose):
        self.csp = csp
        self.verbose = verbose
        self.passed = 0
        self.failed = 0

    def run(self, args, timeout=60):
        p = subprocess.run([self.csp] + args, cwd=ROOT, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def ok(self, name):
        self.passed += 1
        if self.verbose:
            print(f"ok   {name}")

    def fail(self, name, why):
        self.failed += 1
        print(f"FAIL {name}: {why}")


def render(code, out, err):
    # timings vary: explore's "in 0.1s"
    out = re.sub(r" in [0-9.]+s:", " in Ns:", out)
    return f"exit: {code}\n--- stdout\n{out}--- stderr\n{err}"


def golden(r, name, args, update):
    code, out, err = r.run(args)
    got = render(code, out, err)
    path = os.path.join(EXPECTED, name + ".txt")
    if update:
        os.makedirs(EXPECTED, exist_ok=True)
        with open(path, "w") as f:
            f.write(got)
        r.ok(name)
        return
    try:
        want = open(path).read()
    except OSError:
        r.fail(name, f"no expected file {os.path.relpath(path, ROOT)} (run with --update)")
        return
    if got == want:
        r.ok(name)
        return
    gl, wl = got.splitlines(), want.splitlines()
    for i in range(max(len(gl), len(wl))):
        g = gl[i] if i < len(gl) else "<end>"
        w = wl[i] if i < len(wl) else "<end>"
        if g != w:
            r.fail(name, f"line {i + 1}: expected {w!r}, got {g!r}")
            return


def check_determinism(r):
    """The same seed gives byte-identical output; different seeds differ."""
    for prog, extra in [(f"{T}/order.csp", []), (f"{T}/racy_counter.csp", ["--preempt-every=3"]),
                        ("examples/ticktock.csp", []), ("tests/seeds/logger.csp", []),
                        ("examples/philosophers.csp", []), ("examples/worker_pool.csp", [])]:
        name = f"determinism {prog}"
        runs = [r.run(["--seed", "7"] + extra + [prog]) for _ in range(3)]
        if all(x == runs[0] for x in runs):
            r.ok(name)
        else:
            r.fail(name, "three runs with --seed 7 differ")
    outs = {r.run(["--seed", str(s), f"{T}/order.csp"])[1].splitlines()[0] for s in range(1, 11)}
    if len(outs) >= 3:
        r.ok("different seeds, different schedules")
    else:
        r.fail("different seeds, different schedules", f"only {sorted(outs)}")
    # virtual time: ten minutes of sleep take no real time
    t0 = time.time()
    code, out, _ = r.run(["--seed", "1", f"{T}/order.csp"])
    if code == 0 and "slept 10m0s" in out and time.time() - t0 < 5:
        r.ok("virtual time")
    else:
        r.fail("virtual time", f"exit {code}, {out!r}, {time.time() - t0:.1f}s")
    # --seed random prints the seed when the run deadlocks, and it replays
    code, out, err = r.run(["--seed", "random", f"{T}/asymmetrical.csp"])
    m = re.search(r"csp: this run used --seed (\d+); replay it with: csp --seed \1 ", err)
    if code == 2 and m:
        again = r.run(["--seed", m.group(1), f"{T}/asymmetrical.csp"])
        first = err[:err.index("csp: this run used")]
        if again[0] == 2 and again[2] == first and again[1] == out:
            r.ok("--seed random replays")
        else:
            r.fail("--seed random replays", "the replay differs")
    else:
        r.fail("--seed random replays", f"exit {code}, stderr {err[-200:]!r}")
    code, out, err = r.run(["--seed", "random", f"{T}/mutex_counter.csp"])
    if code == 0 and "--seed" not in err:
        r.ok("--seed random is quiet on success")
    else:
        r.fail("--seed random is quiet on success", f"exit {code}, {err!r}")


def trace_pairs(path):
    """Validate a trace; returns (events, problems)."""
    problems = []
    with open(path) as f:
        d = json.load(f)
    evs = d["traceEvents"]
    for e in evs:
        for k in ("ph", "pid"):
            if k not in e:
                problems.append(f"event without {k}: {e}")
        if e["ph"] != "M" and not isinstance(e.get("ts"), (int, float)):
            problems.append(f"event without a numeric ts: {e}")
        if e["ph"] == "X" and e.get("dur", -1) < 0:
            problems.append(f"span with a negative duration: {e}")
    starts = {}
    for e in evs:
        if e["ph"] == "s":
            if e["id"] in starts:
                problems.append(f"flow id {e['id']} starts twice")
            starts[e["id"]] = e
    ends = {}
    for e in evs:
        if e["ph"] == "f":
            s = starts.get(e["id"])
            if s is None:
                problems.append(f"flow {e['id']} ends without a start")
            elif s["ts"] > e["ts"]:
                problems.append(f"flow {e['id']} ends before it starts")
            ends[e["id"]] = e
    for i in starts:
        if i not in ends:
            problems.append(f"flow {i} starts without an end")
    # every received message: one send, one receive, one flow, same channel and value
    sends = {e["args"]["msg"]: e for e in evs if e.get("args", {}).get("csp") == "send"}
    recvs = [e for e in evs if e.get("args", {}).get("csp") == "recv"]
    for rv in recvs:
        a = rv["args"]
        s = sends.get(a["msg"])
        if s is None:
            problems.append(f"receive {a} has no send")
            continue
        if s["args"]["chan"] != a["chan"] or s["args"]["value"] != a["value"]:
            problems.append(f"send {s['args']} and receive {a} disagree")
        if a["msg"] not in ends or ends[a["msg"]]["tid"] != rv["tid"] or starts[a["msg"]]["tid"] != s["tid"]:
            problems.append(f"message {a['msg']} has no flow from sender to receiver")
    if len({e["args"]["msg"] for e in recvs}) != len(recvs):
        problems.append("a message was received twice")
    return d, sends, recvs, problems


def check_traces(r, tmp):
    for prog in TRACED:
        for mode in (["--seed", "1"], ["--procs", "2"]):
            name = f"trace {prog} {' '.join(mode)}"
            path = os.path.join(tmp, "t.json")
            code, out, err = r.run(mode + ["--trace", path, prog])
            if code not in (0, 2) or not os.path.exists(path):
                r.fail(name, f"exit {code}: {err[:300]}")
                continue
            try:
                d, sends, recvs, problems = trace_pairs(path)
            except (ValueError, KeyError) as e:
                r.fail(name, f"invalid trace: {e}")
                continue
            if not recvs:
                problems.append("no messages at all")
            if problems:
                r.fail(name, "; ".join(problems[:3]))
                continue
            r.ok(name)
            if mode[0] != "--seed":
                continue
            # `csp trace` draws the same chart as --msc
            name = f"csp trace {prog}"
            _, _, chart = r.run(mode + ["--msc", prog])
            chart = chart[chart.find("message sequence chart"):]
            code, redraw, err = r.run(["trace", path])
            if code == 0 and chart and redraw == chart:
                r.ok(name)
            else:
                r.fail(name, f"exit {code}; the redrawn chart differs from --msc ({err[:200]})")
            # text charts fit 80 columns
            wide = [l for l in chart.splitlines() if len(l) > 80]
            if wide:
                r.fail(f"80 columns {prog}", f"{len(wide)} lines are wider: {wide[0]!r}")
            else:
                r.ok(f"80 columns {prog}")
    # `csp run --trace FILE FILE` (flags after run) is the same as before it
    path = os.path.join(tmp, "u.json")
    code, _, err = r.run(["run", "--seed", "1", "--trace", path, "examples/ticktock.csp"])
    if code == 0 and os.path.exists(path):
        r.ok("csp run --trace FILE PROGRAM")
    else:
        r.fail("csp run --trace FILE PROGRAM", f"exit {code}: {err[:200]}")


def find_chromium():
    for c in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(c)
        if p:
            return p
    return None


def check_browser(r, tmp):
    chromium = find_chromium()
    if not chromium:
        print("SKIP browser test: chromium is not installed (apt-get install chromium); "
              "the HTML charts were not checked in a browser")
        return
    for prog, lifelines in [("examples/ticktock.csp", 3), ("examples/done_channel.csp", 2),
                            (f"{T}/asymmetrical.csp", 7), ("tests/seeds/logger_done.csp", 2)]:
        name = f"browser {prog}"
        html = os.path.join(tmp, "chart.html")
        code, _, err = r.run(["--seed", "1", f"--msc={html}", prog])
        if code not in (0, 2) or not os.path.exists(html):
            r.fail(name, f"exit {code}: {err[:200]}")
            continue
        data = open(html).read()
        m = re.search(r'<script id="csp-data" type="application/json">\n(.*?)\n</script>', data, re.S)
        model = json.loads(m.group(1))
        want_arrows = sum(1 for row in model["rows"] if row["kind"] in ("msg", "wake") and
                          row["a"] >= 0 and row["b"] >= 0 and row["a"] != row["b"])
        try:
            p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                "--disable-dev-shm-usage", "--dump-dom", "file://" + html],
                               capture_output=True, timeout=90)
        except subprocess.TimeoutExpired:
            r.fail(name, "chromium timed out")
            continue
        dom = p.stdout.decode("utf-8", "replace")
        check = re.search(r'<pre id="csp-check">([^<]*)</pre>', dom)
        if not check:
            r.fail(name, f"the page's script did not run (exit {p.returncode}): {p.stderr[-300:]!r}")
            continue
        got = check.group(1)
        want = f"lifelines={lifelines} arrows={want_arrows} "
        n_lines = len(re.findall(r'<line class="lifeline"', dom))
        n_arrows = len(re.findall(r'<line class="(?:msg|wake) arrow', dom))
        if got.startswith(want) and got.endswith(" ok") and n_lines == lifelines and n_arrows == want_arrows:
            r.ok(name)
        else:
            r.fail(name, f"browser reports {got!r}, DOM has {n_lines} lifelines and {n_arrows} arrows; "
                         f"expected {want!r}... ok")
    print(f"browser test ran with {chromium}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csp", default=os.path.join(ROOT, "csp"))
    ap.add_argument("--update", action="store_true")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    csp = os.path.abspath(a.csp)
    if not os.access(csp, os.X_OK):
        print(f"run_teach.py: no csp executable at {csp} (build it with make)")
        return 1
    r = Runner(csp, a.v)
    want = set(a.names)
    for name, args in GOLDEN:
        if not want or name in want:
            golden(r, name, args, a.update)
    if not want or "determinism" in want:
        check_determinism(r)
    with tempfile.TemporaryDirectory() as tmp:
        if not want or "trace" in want:
            check_traces(r, tmp)
        if not want or "browser" in want:
            check_browser(r, tmp)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
