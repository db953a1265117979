// fanin: 4 producers send N ints in total (producer p sends p, p+4, p+8, ...
// below N) through one channel of capacity 128; main receives N and prints
// their sum = N*(N-1)/2.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func produce(p int, n int, ch chan int) {
	for v := p; v < n; v += 4 {
		ch <- v
	}
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ch := make(chan int, 128)
	for p := 0; p < 4; p++ {
		go produce(p, n, ch)
	}
	s := 0
	for i := 0; i < n; i++ {
		s += <-ch
	}
	fmt.Println(s)
}
