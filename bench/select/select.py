"""select: 4 producers on 4 unbuffered channels, one select loop; prints the weighted sum."""
import os  # already loaded at interpreter start-up, so not shadowed
import sys

# This file is named select.py: drop its directory from the module path so
# that asyncio's "import select" finds the standard library module, not us.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import asyncio  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(_here, "..", "py"))
from aiochan import Chan, select  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


async def produce(k, n, ch):
    for v in range(k, n, 4):
        await ch.send(v)


async def main():
    chs = [Chan() for _ in range(4)]
    tasks = [asyncio.create_task(produce(k, N, chs[k])) for k in range(4)]
    s = 0
    for _ in range(N):
        i, v, _ = await select(chs)
        s += (i + 1) * v
    await asyncio.gather(*tasks)
    print(s)


asyncio.run(main())
