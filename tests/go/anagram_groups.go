package main

import (
	"fmt"
	"sort"
	"strings"
)

func key(w string) string {
	r := []rune(strings.ToLower(w))
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

func main() {
	words := []string{"listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog", "Inlets"}
	groups := map[string][]string{}
	for _, w := range words {
		k := key(w)
		groups[k] = append(groups[k], w)
	}
	var keys []string
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(groups[keys[i]]) != len(groups[keys[j]]) {
			return len(groups[keys[i]]) > len(groups[keys[j]])
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		fmt.Printf("%-8s %v\n", k, groups[k])
	}
	counts := map[rune]int{}
	for _, r := range "hello, world" {
		counts[r]++
	}
	type kv struct {
		r rune
		n int
	}
	var list []kv
	for r, n := range counts {
		list = append(list, kv{r, n})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n || list[i].n == list[j].n && list[i].r < list[j].r })
	for _, e := range list[:4] {
		fmt.Printf("%q:%d ", e.r, e.n)
	}
	fmt.Println()
}
