package main

import (
	"fmt"
	"sort"
	"strings"
)

func WordCount(s string) map[string]int {
	m := make(map[string]int)
	for _, w := range strings.Fields(s) {
		m[w]++
	}
	return m
}

func printSorted(m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s:%d ", k, m[k])
	}
	fmt.Println()
}

func main() {
	printSorted(WordCount("I am learning Go!"))
	printSorted(WordCount("The quick brown fox jumped over the lazy dog."))
	printSorted(WordCount("I ate a donut. Then I ate another donut."))
	printSorted(WordCount("A man a plan a canal panama."))
	fmt.Println(WordCount("a a a"))
	fmt.Println(len(WordCount("  \t\n ")))
}
