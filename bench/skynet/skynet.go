// skynet: a tree of goroutines, 10 children per node, N leaves (N a power
// of 10; N = 1,000,000 gives 1,111,111 goroutines). Leaf k returns k, each
// node sums its children's results. Prints the root's sum = N*(N-1)/2.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func skynet(c chan int, num int, size int, div int) {
	if size == 1 {
		c <- num
		return
	}
	rc := make(chan int)
	sub := size / div
	for i := 0; i < div; i++ {
		go skynet(rc, num+i*sub, sub, div)
	}
	sum := 0
	for i := 0; i < div; i++ {
		sum += <-rc
	}
	c <- sum
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	c := make(chan int)
	go skynet(c, 0, n, 10)
	fmt.Println(<-c)
}
