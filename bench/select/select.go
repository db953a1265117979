// select: 4 producers, each on its own unbuffered channel (producer k sends
// k, k+4, k+8, ... below N); one select loop receives all N messages. Each
// case weights its value by (k+1), so a value delivered to the wrong case
// changes the checksum. Prints the weighted sum.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func produce(k int, n int, ch chan int) {
	for v := k; v < n; v += 4 {
		ch <- v
	}
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	c0 := make(chan int)
	c1 := make(chan int)
	c2 := make(chan int)
	c3 := make(chan int)
	go produce(0, n, c0)
	go produce(1, n, c1)
	go produce(2, n, c2)
	go produce(3, n, c3)
	s := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c0:
			s += v
		case v := <-c1:
			s += 2 * v
		case v := <-c2:
			s += 3 * v
		case v := <-c3:
			s += 4 * v
		}
	}
	fmt.Println(s)
}
