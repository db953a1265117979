"""spawn: N tasks, each sends its index once; main sums (at most W outstanding)."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


async def send(i, ch):
    await ch.send(i)


async def main():
    w = 1000
    ch = Chan()
    s = 0
    create_task = asyncio.create_task
    tasks = set()
    for i in range(N):
        t = create_task(send(i, ch))
        tasks.add(t)  # keep a reference: the loop holds tasks only weakly
        t.add_done_callback(tasks.discard)
        if i >= w:
            s += (await ch.recv())[0]
    for _ in range(min(N, w)):
        s += (await ch.recv())[0]
    print(s)


asyncio.run(main())
