#!/usr/bin/env python3
"""run_repl.py -- drive the csp REPL through a pseudo-terminal and check it.

Usage: python3 tests/repl/run_repl.py [--csp build/csp] [-v]

Each check sends keystrokes to `csp` (no arguments, on a pty, HOME set to a
temporary directory so the history goes there) and waits, with a timeout, for
the expected text. Output is compared after removing terminal escape
sequences and carriage returns. Ends with "N passed, N failed"; exit status 1
if anything failed.
"""
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time

try:
    import fcntl
    import termios
except ImportError:  # pragma: no cover
    fcntl = termios = None

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

ANSI = re.compile(rb'\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\x07')
PROMPT = '>>> '
CONT = '... '


class Repl:
    """One REPL process on a pty."""

    def __init__(self, csp, home, args=()):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ['HOME'] = home
            os.environ['TERM'] = 'xterm'
            try:
                os.execv(csp, [csp] + list(args))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        if fcntl:
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 50, 250, 0, 0))
        self.raw = b''
        self.pos = 0          # index into text() already consumed by expect()
        self.status = None

    def _read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b''
        if not data:
            raise EOFError
        self.raw += data
        return True

    def text(self):
        return ANSI.sub(b'', self.raw).replace(b'\r', b'').decode('utf-8', 'replace')

    def expect(self, pattern, timeout=5.0):
        """Wait for a regex (str) after the consumed part; return the match or None."""
        rx = re.compile(pattern, re.S)
        end = time.time() + timeout
        while True:
            m = rx.search(self.text(), self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.time()
            if left <= 0:
                return None
            try:
                self._read(min(left, 0.1))
            except EOFError:
                m = rx.search(self.text(), self.pos)
                if m:
                    self.pos = m.end()
                return m

    def expect_prompt(self, timeout=5.0):
        return self.expect(re.escape(PROMPT) + r'$', timeout)

    def drain(self, quiet=0.2):
        """Read until nothing arrives for `quiet` seconds; consume everything."""
        try:
            while self._read(quiet):
                pass
        except EOFError:
            pass
        out = self.text()[self.pos:]
        self.pos = len(self.text())
        return out

    def send(self, s):
        os.write(self.fd, s.encode())

    def line(self, s):
        """Send one line and return everything printed up to the next prompt."""
        start = len(self.text())
        self.pos = max(self.pos, start)
        self.send(s + '\n')
        m = self.expect(r'(.*?)(?:>>> |\.\.\. )$', 10)
        return m.group(1) if m else None

    def wait_exit(self, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            try:
                self._read(0.05)
            except EOFError:
                pass
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
        return None

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


passed = failed = 0
verbose = False


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
        if verbose:
            print('ok   ' + name)
    else:
        failed += 1
        print('FAIL ' + name + (': ' + detail if detail else ''))


def out_of(r, line):
    out = r.line(line)
    return out if out is not None else '<no prompt: ' + repr(r.text()[-300:]) + '>'


def poll_cmd(r, cmd, ok, tries=10, delay=0.2):
    """Run a meta command until ok(output) (goroutines need a moment to park)."""
    out = ''
    for _ in range(tries):
        r.drain(0.2)   # a late reply to the previous try must not pass for this one's
        out = out_of(r, cmd)
        if ok(out):
            break
        time.sleep(delay)
    r.drain(0.2)
    return out


def run_session(csp, home):
    r = Repl(csp, home)
    try:
        check('starts with a prompt', r.expect_prompt(10) is not None, repr(r.text()[-200:]))

        # multi-line input: a func over several lines, continuation prompt
        r.send('func add(a, b int) int {\n')
        c1 = r.expect(re.escape(CONT) + '$', 5) is not None
        r.send('\treturn a +\n')
        c2 = r.expect(re.escape(CONT) + '$', 5) is not None
        r.send('\t\tb\n')
        r.expect(re.escape(CONT) + '$', 5)
        r.send('}\n')
        p = r.expect_prompt(5) is not None
        check('multi-line func: continuation prompts', c1 and c2 and p, repr(r.text()[-200:]))
        out = out_of(r, 'add(2, 3)')
        check('multi-line func then call => 5', '=> 5' in out, out)

        # persistence of variables
        out = out_of(r, 'x := 1')
        check('a statement prints nothing', out.strip() == 'x := 1', out)
        out = out_of(r, 'x + 1')
        check('x := 1 persists: x + 1 => 2', '=> 2' in out, out)

        # types with methods
        out_of(r, 'type Point struct{ X, Y int }')
        out_of(r, 'func (p Point) Sum() int { return p.X + p.Y }')
        out = out_of(r, 'Point{3, 4}.Sum()')
        check('type with a method persists => 7', '=> 7' in out, out)
        out = out_of(r, 'Point{1, 2}')
        check('struct value printed %v => {1 2}', '=> {1 2}' in out, out)

        # values printed
        out = out_of(r, '[]int{1, 2, 3}')
        check('slice printed => [1 2 3]', '=> [1 2 3]' in out, out)
        out_of(r, 'func two() (int, bool) { return 1, true }')
        out = out_of(r, 'two()')
        check('multiple results => 1 true', '=> 1 true' in out, out)

        # redefinition replaces
        out_of(r, 'func add(a, b int) int { return a*10 + b }')
        out = out_of(r, 'add(2, 3)')
        check('redefined func replaces the old one => 23', '=> 23' in out, out)

        # continuation by a trailing operator
        r.send('y := 40 +\n')
        c = r.expect(re.escape(CONT) + '$', 5) is not None
        out = out_of(r, '2')
        out = out_of(r, 'y')
        check('trailing operator continues the input', c and '=> 42' in out, out)

        # background goroutine printing while the prompt waits; the line being
        # edited is redrawn after the output
        out_of(r, 'go func() { time.Sleep(400 * time.Millisecond); fmt.Println("bg says hi") }()')
        r.send('x +')
        m = r.expect(r'bg says hi\n>>> x \+', 5)
        check('background goroutine prints above the edited line', m is not None, repr(r.text()[-300:]))
        out = out_of(r, ' 41')
        check('the edited line survives background output => 42', '=> 42' in out, out)

        # :goroutines shows a blocked goroutine with its wait reason and line
        out_of(r, 'ch := make(chan int)')
        out_of(r, 'go func() {\n\tch <- 7\n}()')
        gor = re.compile(r'goroutine \d+ \[chan send\].*<repl>:2')
        out = poll_cmd(r, ':goroutines', lambda o: gor.search(o))
        check(':goroutines shows [chan send] and where', gor.search(out) is not None, out)
        out = out_of(r, ':chans')
        check(':chans shows the channel with its waiting sender',
              re.search(r'ch: chan int len=0 cap=0, 0 waiting to receive, 1 waiting to send', out) is not None, out)
        out = out_of(r, '<-ch')
        check('receive from the background sender => 7', '=> 7' in out, out)

        out = out_of(r, ':type Point{}')
        check(':type Point{} is main.Point', 'main.Point' in out, out)
        out = out_of(r, ':type []string{"a"}')
        check(':type of a slice literal', '[]string' in out, out)
        out = out_of(r, ':disasm add')
        check(':disasm add lists bytecode', 'main.add' in out and 'RETURN' in out, out)
        out = out_of(r, ':time add(1, 1)')
        check(':time prints the value and a duration', '=> 11' in out and re.search(r'time: [0-9.]+(ns|µs|ms|s)', out) is not None, out)
        out = out_of(r, ':help')
        check(':help lists the commands', ':goroutines' in out and ':leaks' in out, out)

        # compile error, state intact
        out = out_of(r, 'undefinedThing + 1')
        check('compile error is reported', 'undefined: undefinedThing' in out, out)
        out = out_of(r, 'x')
        check('state intact after a compile error => 1', '=> 1' in out, out)
        out_of(r, 'func broken() int { return nowhere }')
        out = out_of(r, 'broken()')
        check('a failed input declares nothing', 'undefined: broken' in out, out)
        out_of(r, 'x := "s" + nowhere')
        out = out_of(r, 'x + 1')
        check('a failed redeclaration keeps the old variable => 2', '=> 2' in out, out)

        # panic, state intact
        out = out_of(r, 'var empty []int')
        out = out_of(r, 'empty[5]')
        check('panic is reported', 'panic: runtime error: index out of range [5] with length 0' in out
              and 'goroutine' in out, out)
        out = out_of(r, 'add(0, 1)')
        check('state intact after a panic => 1', '=> 1' in out, out)

        # a panic in a background goroutine does not end the session
        out = out_of(r, 'go func() { panic("bg boom") }()')
        time.sleep(0.2)
        out += r.drain()
        out2 = out_of(r, 'x')
        check('background panic is reported, session goes on', 'panic: bg boom' in out and '=> 1' in out2, out + out2)

        # deadlock in one input
        out = out_of(r, '<-make(chan int)')
        check('deadlock in one input is reported',
              'fatal error: all goroutines are asleep - deadlock!' in out and '[chan receive]' in out, out)
        out = out_of(r, 'x + 2')
        check('session continues after a deadlock => 3', '=> 3' in out, out)

        # Ctrl-C interrupts a busy loop
        r.send('for {}\n')
        time.sleep(0.4)
        r.send('\x03')
        m = r.expect(r'interrupted\n>>> $', 5)
        check('Ctrl-C interrupts for {}', m is not None, repr(r.text()[-200:]))
        out = out_of(r, 'x')
        check('state intact after Ctrl-C => 1', '=> 1' in out, out)

        # Ctrl-C interrupts a receive; the abandoned receiver does not steal
        # a later value (it left the channel's queue)
        out_of(r, 'go func() { for { time.Sleep(50 * time.Millisecond) } }()')
        out_of(r, 'c2 := make(chan int)')
        r.send('<-c2\n')
        time.sleep(0.3)
        r.send('\x03')
        m = r.expect(r'interrupted\n>>> $', 5)
        check('Ctrl-C interrupts a blocked receive', m is not None, repr(r.text()[-200:]))
        out_of(r, 'go func() { c2 <- 99 }()')
        out = out_of(r, '<-c2')
        check('value after an interrupted receive goes to the new receiver => 99', '=> 99' in out, out)

        # Ctrl-C on the line being edited discards it
        r.send('abandoned line')
        time.sleep(0.1)
        r.send('\x03')
        r.expect_prompt(5)
        out = out_of(r, 'x')
        check('Ctrl-C discards the edited line', '=> 1' in out and 'abandoned' not in out, out)

        # :leaks finds a goroutine blocked on a channel nobody can reach
        out_of(r, 'func leaky() { lc := make(chan int); go func() { lc <- 1 }() }')
        out_of(r, 'leaky()')
        out = poll_cmd(r, ':leaks', lambda o: 'lc <- 1' in o)
        check(':leaks reports the unreachable sender', 'leaked' in out and 'lc <- 1' in out, out)

        # :load
        path = os.path.join(home, 'lib.csp')
        with open(path, 'w') as f:
            f.write('func triple(n int) int { return 3 * n }\nvar loaded = triple(5)\n')
        out = out_of(r, ':load ' + path)
        out2 = out_of(r, 'loaded + triple(1)')
        check(':load brings declarations in', 'loaded' in out and '=> 18' in out2, out + out2)

        # Ctrl-D exits with status 0
        r.send('\x04')
        st = r.wait_exit(5)
        check('Ctrl-D exits with status 0', st == 0, 'status %r' % st)
    finally:
        r.kill()

    hist = os.path.join(home, '.csp_history')
    content = open(hist, encoding='utf-8', errors='replace').read() if os.path.exists(hist) else ''
    check('history saved in ~/.csp_history', 'undefinedThing' in content, repr(content[:200]))


def run_mutex_interrupt(csp, home):
    """Ctrl-C on an input looping over a contended Mutex: interrupted while
    running (caught at its next Lock park) or while parked on the lock
    (detached, then ended at its next stop); either way it stops for good."""
    r = Repl(csp, home)
    try:
        r.expect_prompt(10)
        out_of(r, 'var mu sync.Mutex')
        out_of(r, 'var n int')
        read_n = 'mu.Lock(); fmt.Println(n); mu.Unlock()'
        # short holds: mostly caught at a Lock park; long holds: parked on mu
        for hold in (2, 200):
            out_of(r, 'go func() { for { mu.Lock(); time.Sleep(%d * time.Millisecond); mu.Unlock() } }()' % hold)
            r.send('for { mu.Lock(); n++; mu.Unlock() }\n')
            time.sleep(0.5)
            r.send('\x03')
            m = r.expect(r'interrupted[^\n]*\n>>> $', 5)
            check('Ctrl-C interrupts a Mutex loop (hold %dms)' % hold, m is not None, repr(r.text()[-200:]))
            a = out_of(r, read_n)
            time.sleep(0.8)
            b = out_of(r, read_n)
            na, nb = re.findall(r'^(\d+)$', a, re.M), re.findall(r'^(\d+)$', b, re.M)
            check('the interrupted Mutex loop stops: n stops growing (hold %dms)' % hold,
                  na and nb and na == nb, repr(a) + ' then ' + repr(b))
    finally:
        r.kill()


def run_callback_loop(csp, home):
    """A loop inside a library callback (sort.Slice's less) cannot be
    interrupted; a second Ctrl-C a second after the first ends the session
    with a message, instead of hanging it."""
    r = Repl(csp, home)
    try:
        r.expect_prompt(10)
        r.send('s := []int{3, 1, 2}; sort.Slice(s, func(i, j int) bool { for {} })\n')
        time.sleep(0.5)
        r.send('\x03')
        time.sleep(1.5)
        r.send('\x03')
        m = r.expect(r'cannot be interrupted', 5)
        check('a second Ctrl-C ends a session stuck in a callback loop', m is not None,
              repr(r.text()[-200:]))
        st = r.wait_exit(5)
        check('... with exit status 130', st == 130, 'status %r' % st)
    finally:
        r.kill()


def run_quit(csp, home):
    r = Repl(csp, home)
    try:
        r.expect_prompt(10)
        out = out_of(r, 'x := 5')
        r.send(':quit\n')
        st = r.wait_exit(5)
        check(':quit exits with status 0', st == 0, 'status %r' % st)
    finally:
        r.kill()


def run_limits(csp, home):
    """--max-mem and --max-goroutines hold in a session: the fatal message
    reaches the terminal (out of memory ends the process outside the
    scheduler, past the REPL's output pipe) and the status is 2."""
    r = Repl(csp, home, ['repl', '--max-mem', '50M'])
    try:
        r.expect_prompt(10)
        out_of(r, 'fmt.Println("before")')
        r.send('x := make([]int, 100000000)\n')
        st = r.wait_exit(10)
        t = r.text()
        check('--max-mem in the REPL: message and status 2',
              st == 2 and 'fatal error: memory limit exceeded (--max-mem 50M)' in t and 'before' in t,
              'status %r, tail %r' % (st, t[-300:]))
    finally:
        r.kill()
    r = Repl(csp, home, ['repl', '--max-goroutines', '10'])
    try:
        r.expect_prompt(10)
        r.send('for i := 0; i < 20; i++ { go func() { select {} }() }\n')
        st = r.wait_exit(10)
        check('--max-goroutines in the REPL: message and status 2',
              st == 2 and 'fatal error: goroutine limit exceeded (--max-goroutines 10)' in r.text(),
              'status %r, tail %r' % (st, r.text()[-300:]))
    finally:
        r.kill()


def run_piped(csp, home):
    env = dict(os.environ, HOME=home)
    p = subprocess.run([csp], input=b'x := 2; fmt.Println(x)\nfmt.Println(x * 21)\n',
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=20)
    out = p.stdout.decode()
    check('piped stdin runs as a script, no prompts',
          p.returncode == 0 and out == '2\n42\n', 'rc=%d out=%r err=%r' % (p.returncode, out, p.stderr[:200]))
    p = subprocess.run([csp], input=b'var s []int\n_ = s[1]\n', stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=20)
    check('piped script panic exits with status 2', p.returncode == 2 and b'panic:' in p.stderr,
          'rc=%d err=%r' % (p.returncode, p.stderr[:200]))


def main():
    global verbose
    csp = os.path.join(ROOT, 'build', 'csp')
    args = sys.argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == '--csp' and i + 1 < len(args):
            csp = args[i + 1]
            i += 1
        elif a.startswith('--csp='):
            csp = a[6:]
        elif a in ('-v', '--verbose'):
            verbose = True
        i += 1
    csp = os.path.abspath(csp)
    if not os.access(csp, os.X_OK):
        print('cannot run %s' % csp)
        print('0 passed, 1 failed')
        return 1
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix='csp-repl-') as home:
        for fn in (run_session, run_mutex_interrupt, run_callback_loop, run_quit, run_limits,
                   run_piped):
            try:
                fn(csp, home)
            except Exception as e:  # a harness error is a failure, not a crash
                check(fn.__name__, False, 'exception: %r' % (e,))
    if verbose:
        print('(%.1fs)' % (time.time() - t0))
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
