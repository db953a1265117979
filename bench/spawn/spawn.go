// spawn: N goroutines, each sends its index once on an unbuffered channel;
// main sums. At most W goroutines are outstanding at a time (main starts
// receiving once W are spawned), so this measures spawn + first run + exit,
// not memory. Prints the sum 0+1+...+(N-1).
package main

import (
	"fmt"
	"os"
	"strconv"
)

func send(i int, ch chan int) {
	ch <- i
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	w := 1000
	ch := make(chan int)
	s := 0
	for i := 0; i < n; i++ {
		go send(i, ch)
		if i >= w {
			s += <-ch
		}
	}
	left := n
	if left > w {
		left = w
	}
	for i := 0; i < left; i++ {
		s += <-ch
	}
	fmt.Println(s)
}
