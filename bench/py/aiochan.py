"""aiochan: Go-style channels on asyncio for the Python peers of the csp benchmarks.

Chan(cap) with `await c.send(v)`, `await c.recv()` -> (value, ok), `c.close()`,
and `await select([c1, c2, ...])` -> (index, value, ok), a receive-only select.
Cap 0 is a rendezvous channel: a sender waits until a receiver has taken the value.

Invariants: a waiter is a Waiter (an asyncio future plus the value it carries);
it is in the recvq/sendq of every channel it waits on and is completed exactly
once, by whoever wakes it. Waiters found done in a queue are stale (a select
that fired elsewhere) and are skipped. There is no parallelism: everything runs
on the one event loop thread.
"""

import asyncio
from collections import deque


class Waiter:
    __slots__ = ("fut", "val", "chidx")

    def __init__(self, fut, val=None, chidx=None):
        self.fut = fut
        self.val = val
        self.chidx = chidx


def _pop_live(q):
    while q:
        w = q.popleft()
        if not w.fut.done():
            return w
    return None


def _trim(q):
    while q and q[0].fut.done():
        q.popleft()


class ChanClosed(Exception):
    pass


class Chan:
    __slots__ = ("cap", "buf", "recvq", "sendq", "closed")

    def __init__(self, cap=0):
        self.cap = cap
        self.buf = deque()
        self.recvq = deque()
        self.sendq = deque()
        self.closed = False

    def _deliver(self, w, v, ok):
        idx = w.chidx[self] if w.chidx is not None else 0
        w.fut.set_result((idx, v, ok))

    async def send(self, v):
        if self.closed:
            raise ChanClosed("send on closed channel")
        r = _pop_live(self.recvq)
        if r is not None:
            self._deliver(r, v, True)
            return
        if len(self.buf) < self.cap:
            self.buf.append(v)
            return
        w = Waiter(asyncio.get_running_loop().create_future(), v)
        _trim(self.sendq)
        self.sendq.append(w)
        if not await w.fut:
            raise ChanClosed("send on closed channel")

    def _try_recv(self):
        """Returns (True, v, ok) if a receive can complete now, else (False, None, None)."""
        if self.buf:
            v = self.buf.popleft()
            s = _pop_live(self.sendq)
            if s is not None:
                self.buf.append(s.val)
                s.fut.set_result(True)
            return True, v, True
        s = _pop_live(self.sendq)
        if s is not None:
            s.fut.set_result(True)
            return True, s.val, True
        if self.closed:
            return True, None, False
        return False, None, None

    async def recv(self):
        got, v, ok = self._try_recv()
        if got:
            return v, ok
        w = Waiter(asyncio.get_running_loop().create_future())
        _trim(self.recvq)
        self.recvq.append(w)
        _, v, ok = await w.fut
        return v, ok

    def close(self):
        if self.closed:
            raise ChanClosed("close of closed channel")
        self.closed = True
        while True:
            r = _pop_live(self.recvq)
            if r is None:
                break
            self._deliver(r, None, False)
        while True:
            s = _pop_live(self.sendq)
            if s is None:
                break
            s.fut.set_result(False)


_rot = 0


async def select(chs):
    """Receive from whichever channel is ready first; returns (index, value, ok)."""
    global _rot
    n = len(chs)
    _rot += 1
    for k in range(n):
        i = (_rot + k) % n
        got, v, ok = chs[i]._try_recv()
        if got:
            return i, v, ok
    chidx = {}
    w = Waiter(asyncio.get_running_loop().create_future(), None, chidx)
    for i, c in enumerate(chs):
        chidx[c] = i
        _trim(c.recvq)
        c.recvq.append(w)
    return await w.fut
