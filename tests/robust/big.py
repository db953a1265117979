#!/usr/bin/env python3
"""big.py -- robustness tests whose inputs are too big to commit.

Usage: python3 tests/robust/big.py [--csp PATH] [--scale F] [--skip-oom] [-v] [-k SUBSTRING]

Generates each input in a temporary directory (10 MB single-line files,
100,000-deep nesting, a million goroutines, running out of memory...), runs
`csp run FILE` from the repository root and checks that csp ends with a clear
result: either the right output (exit 0) or a message (exit 1 with a
file:line:col position, exit 2 with a Go panic or fatal error), within the
time limit, never killed by a signal, and with a short stderr (an error in a
10 MB line must not echo the whole line). --scale multiplies the time limits
(sanitizer builds are slower); --skip-oom leaves out the cases run under an
address-space limit (RLIMIT_AS), which ASan builds cannot start under. The last line is `N passed, N failed`; exit
status 1 when anything failed.
"""

import argparse
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MB = 1 << 20
NEST = 100000
MAX_STDERR = 64 * 1024     # bytes of stderr a single error may print

# A compile error: "FILE:LINE:COL: message".
POS_RE = r"^%s:\d+:\d+: \S"


class Case:
    def __init__(self, name, source, *, ok=(0, 1), out=None, err_re=None, timeout=60,
                 procs=None, limit_as=None, max_stderr=MAX_STDERR):
        self.name = name
        self.source = source          # bytes, or a function returning bytes
        self.ok = ok                  # allowed exit statuses
        self.out = out                # exact stdout when the status is 0 (None: any)
        self.err_re = err_re          # regex for stderr's first line when status != 0
        self.timeout = timeout
        self.procs = procs
        self.limit_as = limit_as      # RLIMIT_AS in bytes (None: unlimited)
        self.max_stderr = max_stderr


def prog(body, imports=("fmt",)):
    imp = "".join('import "%s"\n' % i for i in imports)
    return ("package main\n\n%s\nfunc main() {\n%s\n}\n" % (imp, body)).encode()


def one_line(body, imports=("fmt",)):
    """A whole program on one line (semicolons, no newline at all)."""
    imp = "".join('import "%s"; ' % i for i in imports)
    return ("package main; %sfunc main() { %s }" % (imp, body)).encode()


def cases():
    c = []
    # ---------------- 10 MB on a single line ----------------
    n = 10 * MB
    c.append(Case("line10mb_string_literal",
                  lambda: one_line('s := "' + "a" * n + '"; fmt.Println(len(s))'),
                  ok=(0,), out="%d\n" % n))
    c.append(Case("line10mb_comment_then_code",
                  lambda: b"// " + b"x" * n + b"\n" + prog('fmt.Println("after")'),
                  ok=(0,), out="after\n"))
    stmts = n // 5
    c.append(Case("line10mb_statements",
                  lambda: one_line("x := 0; " + "x++; " * stmts + "fmt.Println(x)"),
                  ok=(0, 1), out="%d\n" % stmts))
    c.append(Case("line10mb_error_at_end",
                  lambda: one_line("x := 0; " + "x++; " * stmts + "x @ 1"),
                  ok=(1,), err_re=r"^%s:1:\d{7,}: "))
    c.append(Case("line10mb_undefined_name",
                  lambda: one_line("fmt.Println(" + "y" * n + ")"),
                  ok=(1,), err_re=POS_RE))
    c.append(Case("line10mb_sum_constants",
                  lambda: one_line("fmt.Println(1" + "+1" * (n // 2) + ")"),
                  ok=(0, 1), out="%d\n" % (n // 2 + 1)))
    c.append(Case("line10mb_sum_variables",
                  lambda: one_line("x := 1; fmt.Println(x" + "+x" * (n // 2) + ")"),
                  ok=(0, 1), out="%d\n" % (n // 2 + 1)))
    c.append(Case("line10mb_string_concat",
                  lambda: one_line('s := "a"; fmt.Println(len(s' + "+s" * (n // 2) + "))"),
                  ok=(0, 1), out="%d\n" % (n // 2 + 1)))
    c.append(Case("line10mb_nul_bytes", lambda: b"\0" * n, ok=(1,), err_re=POS_RE))
    c.append(Case("line10mb_binary", lambda: random.Random(1).randbytes(n), ok=(1,), err_re=POS_RE))
    c.append(Case("line10mb_invalid_utf8_in_string",
                  lambda: b'package main; import "fmt"; func main() { s := "' + b"a" * n
                  + b'\xff"; fmt.Println(len(s)) }',
                  ok=(1,), err_re=r"^%s:1:\d{7,}: "))
    c.append(Case("line10mb_unterminated_string",
                  lambda: one_line('s := "' + "a" * n), ok=(1,), err_re=POS_RE))

    # ---------------- 100,000-deep nesting ----------------
    d = NEST
    def nest(name, src, out=None, ok=(0, 1)):
        c.append(Case("nest100k_" + name, src, ok=ok, out=out, err_re=POS_RE))
    nest("parens", lambda: prog("x := " + "(" * d + "1" + ")" * d + "\nfmt.Println(x)"), out="1\n")
    nest("parens_unclosed", lambda: prog("x := " + "(" * d + "1\nfmt.Println(x)"), ok=(1,))
    nest("blocks", lambda: prog("{" * d + "fmt.Println(1)" + "}" * d), out="1\n")
    nest("blocks_unclosed", lambda: prog("{" * d + "fmt.Println(1)"), ok=(1,))
    nest("brackets_unclosed", lambda: prog("x := " + "[" * d), ok=(1,))
    nest("braces_in_expr", lambda: prog("x := " + "{" * d), ok=(1,))
    nest("composite", lambda: prog("x := " + "[]any{" * d + "1" + "}" * d + "\n_ = x\nfmt.Println(1)"), out="1\n")
    nest("unary_minus", lambda: prog("x := " + "- " * d + "1\nfmt.Println(x)"), out="1\n")
    nest("unary_not", lambda: prog("x := " + "!" * d + "true\nfmt.Println(x)"), out="true\n")
    nest("unary_recv", lambda: prog("var ch chan int\nselect {\ncase <-ch:\ndefault:\n}\n_ = func() { _ = " + "<-" * d + "ch }\nfmt.Println(1)"), out="1\n")
    nest("deref", lambda: prog("x := 1\np := &x\n_ = p\n_ = func() { _ = " + "*" * d + "p }\nfmt.Println(1)"), out="1\n")
    nest("pointer_type", lambda: prog("var p " + "*" * d + "int\nfmt.Println(p == nil)"), out="true\n")
    nest("slice_type", lambda: prog("var s " + "[]" * d + "int\nfmt.Println(len(s))"), out="0\n")
    nest("chan_type", lambda: prog("var ch " + "chan " * d + "int\nfmt.Println(ch == nil)"), out="true\n")
    nest("map_type", lambda: prog("var m " + "map[int]" * d + "int\nfmt.Println(len(m))"), out="0\n")
    nest("func_type", lambda: prog("var f " + "func() " * d + "\nfmt.Println(f == nil)"), out="true\n")
    nest("array_type", lambda: prog("var a " + "[1]" * d + "int\n_ = a\nfmt.Println(1)"), out="1\n")
    nest("struct_type", lambda: prog("var s " + "struct{ a " * d + "int" + " }" * d + "\n_ = s\nfmt.Println(1)"), out="1\n")
    nest("func_literals", lambda: prog("func() {\n" * d + "fmt.Println(1)\n" + "}()\n" * d), out="1\n")
    nest("if", lambda: prog("if true {\n" * d + "fmt.Println(1)\n" + "}\n" * d), out="1\n")
    nest("for", lambda: prog("for {\n" * d + "break\n" + "}\n" * d + "fmt.Println(1)"), out="1\n")
    nest("else_if_chain", lambda: prog("x := %d\n" % (d - 1) + "".join("if x == %d {\nfmt.Println(%d)\n} else " % (i, i) for i in range(d)) + "{\n}"), out="%d\n" % (d - 1))
    nest("calls", lambda: prog("f := func(x int) int { return x }\nfmt.Println(" + "f(" * d + "1" + ")" * d + ")"), out="1\n")
    nest("call_chain", lambda: prog("var f func() int\n_ = func() { f" + "()" * d + " }\nfmt.Println(1)"), out="1\n")
    nest("index_chain", lambda: prog("var a []int\n_ = func() { _ = a" + "[0]" * d + " }\nfmt.Println(1)"), out="1\n")
    nest("selector_chain", lambda: prog("var x struct{}\n_ = func() { _ = x" + ".a" * d + " }\nfmt.Println(1)"))
    nest("string_concat_parens", lambda: prog('s := "a"\nt := ' + "(s + " * d + "s" + ")" * d + "\nfmt.Println(len(t))"), out="%d\n" % (d + 1))
    nest("type_switch_cases", lambda: prog("var x any = %d\nswitch x {\n" % (d - 1) + "".join("case %d:\nfmt.Println(%d)\n" % (i, i) for i in range(d)) + "}"), out="%d\n" % (d - 1))

    # ---------------- deep values at run time ----------------
    c.append(Case("deep_value_print_100k",
                  prog("var x any = 1\nfor i := 0; i < %d; i++ {\nx = []any{x}\n}\nfmt.Println(x)" % d),
                  ok=(0,), out="[" * d + "1" + "]" * d + "\n", timeout=60))
    c.append(Case("deep_value_equal_100k",
                  b"package main\n\nimport \"fmt\"\n\ntype T struct{ x any }\n\nfunc main() {\n"
                  b"\tvar a, b any = 1, 1\n\tfor i := 0; i < 100000; i++ {\n\t\ta = T{a}\n\t\tb = T{b}\n\t}\n"
                  b"\tfmt.Println(a == b)\n}\n", ok=(0,), out="true\n"))
    c.append(Case("deep_value_map_key_100k",
                  b"package main\n\nimport \"fmt\"\n\ntype T struct{ x any }\n\nfunc main() {\n"
                  b"\tvar a any = 1\n\tfor i := 0; i < 100000; i++ {\n\t\ta = T{a}\n\t}\n"
                  b"\tm := map[any]int{a: 1}\n\tfmt.Println(len(m), m[a])\n}\n", ok=(0,), out="1 1\n"))

    # ---------------- goroutines ----------------
    c.append(Case("goroutines_million_allocating", prog("""
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 1000000; i++ {
		wg.Add(1)
		go func(n int) {
			b := make([]byte, 64+n%2)
			b[0] = byte(n)
			mu.Lock()
			total += len(b)
			mu.Unlock()
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Println(total)""", ("fmt", "sync")), ok=(0,), out="64500000\n", timeout=30, procs=2))
    c.append(Case("goroutines_million_blocked", prog("""
	start := make(chan struct{})
	done := make(chan int, 100)
	for i := 0; i < 1000000; i++ {
		go func() {
			<-start
			b := make([]byte, 32)
			done <- len(b)
		}()
	}
	close(start)
	total := 0
	for i := 0; i < 1000000; i++ {
		total += <-done
	}
	fmt.Println(total)""", ("fmt",)), ok=(0,), out="32000000\n", timeout=30, procs=2))
    c.append(Case("goroutines_100k_deadlock", prog("""
	ch := make(chan int)
	for i := 0; i < 100000; i++ {
		go func() { ch <- 1 }()
	}
	select {}""", ()), ok=(2,), err_re=r"^fatal error: all goroutines are asleep - deadlock!$",
                  timeout=60, max_stderr=64 * MB))

    # ---------------- memory ----------------
    c.append(Case("oom_live_growth", prog("""
	var keep [][]byte
	for {
		keep = append(keep, make([]byte, 1<<20))
	}""", ()), ok=(2,), err_re=r"^fatal error: (runtime: )?out of memory", timeout=60,
                  limit_as=2 << 30))
    c.append(Case("oom_string_doubling", prog("""
	s := "x"
	for {
		s += s
		fmt.Println(len(s))
	}""", ("fmt",)), ok=(2,), out=None, err_re=r"^(fatal error: (runtime: )?out of memory|panic: )",
                  timeout=60, limit_as=2 << 30))
    c.append(Case("oom_map_growth", prog("""
	m := map[int][]byte{}
	for i := 0; ; i++ {
		m[i] = make([]byte, 4096)
	}""", ()), ok=(2,), err_re=r"^fatal error: (runtime: )?out of memory", timeout=60,
                  limit_as=2 << 30))
    return c


def run_case(csp, case, tmp, scale, verbose):
    src = case.source() if callable(case.source) else case.source
    path = os.path.join(tmp, case.name + ".csp")
    with open(path, "wb") as f:
        f.write(src)
    cmd = [csp]
    env = dict(os.environ)
    if case.procs:
        cmd += ["--procs", str(case.procs)]
        env["CSPMAXPROCS"] = str(case.procs)
    cmd += ["run", path]
    limit = case.timeout * scale

    def preexec():
        os.setsid()
        if case.limit_as:
            resource.setrlimit(resource.RLIMIT_AS, (case.limit_as, case.limit_as))

    t0 = time.time()
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        p = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe,
                             env=env, preexec_fn=preexec)
        try:
            p.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return "timeout after %gs (hang?)" % limit, time.time() - t0
        dt = time.time() - t0
        fo.seek(0)
        out = fo.read()
        errsize = fe.seek(0, 2)
        fe.seek(0)
        err = fe.read(4096)
    st = p.returncode
    if st < 0:
        name = signal.Signals(-st).name if -st in signal.valid_signals() else "?"
        return "killed by signal %d (%s)" % (-st, name), dt
    err1 = err.decode("utf-8", "replace").split("\n", 1)[0]
    why = []
    if st not in case.ok:
        why.append("exit status %d (expected %s)" % (st, "/".join(map(str, case.ok))))
    if st == 0 and case.out is not None and out.decode("utf-8", "replace") != case.out:
        o = out.decode("utf-8", "replace")
        why.append("stdout %r, expected %r" % (o[:60] + ("..." if len(o) > 60 else ""), case.out[:60]))
    if st != 0:
        rx = case.err_re or (POS_RE if st == 1 else r"^(panic: |fatal error: |runtime: )")
        rx = rx.replace("%s", re.escape(path))
        if not re.search(rx, err1):
            why.append("stderr line 1 %r does not match %r" % (err1[:120], rx))
        if errsize > case.max_stderr:
            why.append("stderr is %d bytes (more than %d: the message is not clear)"
                       % (errsize, case.max_stderr))
    if verbose and not why:
        print("ok   %s (%.1fs, exit %d%s)" % (case.name, dt, st, ": " + err1[:80] if err1 else ""),
              flush=True)
    return ("; ".join(why) or None), dt


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csp", default="./csp")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply time limits")
    ap.add_argument("-k", default="", help="only cases whose name contains this")
    ap.add_argument("--skip-oom", action="store_true",
                    help="skip the RLIMIT_AS cases (ASan cannot run under them)")
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args()
    csp = opts.csp
    if os.sep not in csp:
        csp = shutil.which(csp) or csp
    csp = os.path.abspath(csp if os.path.exists(csp) else os.path.join(ROOT, csp))
    if not os.access(csp, os.X_OK):
        print("big.py: csp binary not found: %s" % opts.csp, file=sys.stderr)
        print("0 passed, 0 failed")
        return 1
    npass = nfail = 0
    tmp = tempfile.mkdtemp(prefix="csp-big-")
    try:
        for case in cases():
            if opts.k not in case.name or (opts.skip_oom and case.limit_as):
                continue
            why, dt = run_case(csp, case, tmp, opts.scale, opts.verbose)
            if why:
                nfail += 1
                print("FAIL %s (%.1fs): %s" % (case.name, dt, why), flush=True)
            else:
                npass += 1
            os.unlink(os.path.join(tmp, case.name + ".csp"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
