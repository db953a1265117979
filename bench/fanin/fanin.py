"""fanin: 4 producers send N ints through one asyncio.Queue(128); prints the sum."""
import asyncio
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


async def produce(p, n, q):
    for v in range(p, n, 4):
        await q.put(v)


async def main():
    q = asyncio.Queue(128)
    tasks = [asyncio.create_task(produce(p, N, q)) for p in range(4)]
    s = 0
    get = q.get
    for _ in range(N):
        s += await get()
    await asyncio.gather(*tasks)
    print(s)


asyncio.run(main())
