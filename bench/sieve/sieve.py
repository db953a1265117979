"""sieve: concurrent prime sieve (task per prime filter); prints the N-th prime."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
tasks = []  # strong references: the event loop holds tasks only weakly


async def generate(ch):
    i = 2
    while True:
        await ch.send(i)
        i += 1


async def filter_(inc, out, p):
    while True:
        i, _ = await inc.recv()
        if i % p != 0:
            await out.send(i)


async def main():
    ch = Chan()
    tasks.append(asyncio.create_task(generate(ch)))
    prime = 0
    for _ in range(N):
        prime, _ = await ch.recv()
        ch1 = Chan()
        tasks.append(asyncio.create_task(filter_(ch, ch1, prime)))
        ch = ch1
    print(prime)
    sys.stdout.flush()
    os._exit(0)  # like Go's main returning: do not unwind the parked filters


asyncio.run(main())
