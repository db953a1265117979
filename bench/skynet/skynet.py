"""skynet: tree of tasks, 10 children per node, N leaves; prints the sum."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
tasks = set()  # strong references: the event loop holds tasks only weakly


def go(coro):
    t = asyncio.create_task(coro)
    tasks.add(t)
    t.add_done_callback(tasks.discard)


async def skynet(c, num, size, div):
    if size == 1:
        await c.send(num)
        return
    rc = Chan()
    sub = size // div
    for i in range(div):
        go(skynet(rc, num + i * sub, sub, div))
    s = 0
    for _ in range(div):
        s += (await rc.recv())[0]
    await c.send(s)


async def main():
    c = Chan()
    go(skynet(c, 0, N, 10))
    print((await c.recv())[0])


asyncio.run(main())
