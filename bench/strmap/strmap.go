// strmap: word counting. Generates N words with an LCG (x = (x*1103515245 +
// 12345) mod 2^31; length 1 + (x>>16)%5, letters 'a' + (x>>16)%16), 20 words
// per line, then splits each line with strings.Fields and counts the words in
// a map. Prints the number of distinct words, the most frequent word (ties
// broken by the smaller word) and its count.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	letters := "abcdefghijklmnop"
	x := 42
	lines := []string{}
	line := ""
	for w := 0; w < n; w++ {
		x = (x*1103515245 + 12345) % 2147483648
		l := 1 + (x>>16)%5
		word := ""
		for j := 0; j < l; j++ {
			x = (x*1103515245 + 12345) % 2147483648
			k := (x >> 16) % 16
			word += letters[k : k+1]
		}
		if w%20 == 0 {
			if w > 0 {
				lines = append(lines, line)
			}
			line = word
		} else {
			line += " " + word
		}
	}
	if n > 0 {
		lines = append(lines, line)
	}
	counts := map[string]int{}
	for _, ln := range lines {
		for _, word := range strings.Fields(ln) {
			counts[word]++
		}
	}
	best := 0
	bestWord := ""
	for word, c := range counts {
		if c > best || (c == best && word < bestWord) {
			best = c
			bestWord = word
		}
	}
	fmt.Println(len(counts), bestWord, best)
}
