"""pingpong: N round trips over two unbuffered channels (asyncio + aiochan)."""
import asyncio
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


async def echo(n, ping, pong):
    for _ in range(n):
        v, _ = await ping.recv()
        await pong.send(v + 1)


async def main():
    ping, pong = Chan(), Chan()
    t = asyncio.create_task(echo(N, ping, pong))
    v = 0
    for _ in range(N):
        await ping.send(v)
        v, _ = await pong.recv()
    await t
    print(v)


asyncio.run(main())
