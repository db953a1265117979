"""loop: N iterations of s = (s + i*i) mod 1000000007."""
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50000000


def main(n):
    s = 0
    for i in range(n):
        s = (s + i * i) % 1000000007
    return s


print(main(N))
