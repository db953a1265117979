// parallel: 4 goroutines each compute fib(N) recursively (CPU-bound, no
// communication until the end); main sums their results. Run with 1 and 2
// workers to see whether goroutines really run in parallel.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	n := 30
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	results := make([]int, 4)
	var wg sync.WaitGroup
	for k := 0; k < 4; k++ {
		wg.Add(1)
		go func(k int) {
			results[k] = fib(n)
			wg.Done()
		}(k)
	}
	wg.Wait()
	s := 0
	for _, r := range results {
		s += r
	}
	fmt.Println(s)
}
