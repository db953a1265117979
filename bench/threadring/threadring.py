"""threadring: 503 tasks in a ring, N token passes; prints the last holder's id."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000000


async def worker(wid, inc, out, done):
    while True:
        t, _ = await inc.recv()
        if t == 0:
            await done.send(wid)
            return
        await out.send(t - 1)


async def main():
    ring = 503
    chans = [Chan() for _ in range(ring)]
    done = Chan()
    tasks = [asyncio.create_task(worker(i + 1, chans[i], chans[(i + 1) % ring], done))
             for i in range(ring)]
    await chans[0].send(N)
    print((await done.recv())[0])
    sys.stdout.flush()
    del tasks
    os._exit(0)  # like Go's main returning: do not unwind the parked workers


asyncio.run(main())
