package main

import (
	"fmt"
	"strings"
)

func solve(n int) [][]int {
	var res [][]int
	cols := make([]bool, n)
	d1 := make([]bool, 2*n)
	d2 := make([]bool, 2*n)
	pos := make([]int, n)
	var place func(r int)
	place = func(r int) {
		if r == n {
			res = append(res, append([]int(nil), pos...))
			return
		}
		for c := 0; c < n; c++ {
			if cols[c] || d1[r+c] || d2[r-c+n] {
				continue
			}
			cols[c], d1[r+c], d2[r-c+n] = true, true, true
			pos[r] = c
			place(r + 1)
			cols[c], d1[r+c], d2[r-c+n] = false, false, false
		}
	}
	place(0)
	return res
}

func main() {
	for n := 1; n <= 8; n++ {
		fmt.Printf("%d queens: %d solutions\n", n, len(solve(n)))
	}
	first := solve(6)[0]
	for _, c := range first {
		fmt.Println(strings.Repeat(". ", c) + "Q " + strings.Repeat(". ", 6-c-1))
	}
}
