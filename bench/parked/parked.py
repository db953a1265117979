"""parked: N tasks parked on one channel, released by closing it; prints the count."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100000


async def waiter(ready, start, done):
    await ready.send(1)
    await start.recv()
    await done.send(1)


async def main():
    ready, start, done = Chan(), Chan(), Chan()
    tasks = []
    for _ in range(N):
        tasks.append(asyncio.create_task(waiter(ready, start, done)))
        await ready.recv()
    start.close()
    c = 0
    for _ in range(N):
        c += (await done.recv())[0]
    print(c)


asyncio.run(main())
