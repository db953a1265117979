"""strmap: word counting over LCG-generated text (see strmap.go for the recipe)."""
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


def main(n):
    letters = "abcdefghijklmnop"
    x = 42
    lines = []
    line = []
    for w in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        length = 1 + (x >> 16) % 5
        word = ""
        for _ in range(length):
            x = (x * 1103515245 + 12345) % 2147483648
            k = (x >> 16) % 16
            word += letters[k]
        if w % 20 == 0 and w > 0:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    if n > 0:
        lines.append(" ".join(line))

    counts = {}
    for ln in lines:
        for word in ln.split():
            counts[word] = counts.get(word, 0) + 1
    best, best_word = 0, ""
    for word, c in counts.items():
        if c > best or (c == best and word < best_word):
            best, best_word = c, word
    print(len(counts), best_word, best)


main(N)
