"""parallel: 4 x fib(N). CPython (GIL) has no parallelism: the four run one after another."""
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def fib(k):
    if k < 2:
        return k
    return fib(k - 1) + fib(k - 2)


print(sum(fib(N) for _ in range(4)))
