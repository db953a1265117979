// parked: N goroutines all parked on one channel at the same time, then
// released by closing it; each reports back once and main counts them.
// Prints the count (= N). The runner derives memory per parked goroutine
// from peak RSS at N minus peak RSS at N=0.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func waiter(ready chan int, start chan int, done chan int) {
	ready <- 1
	<-start
	done <- 1
}

func main() {
	n := 100000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ready := make(chan int)
	start := make(chan int)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go waiter(ready, start, done)
		<-ready
	}
	close(start)
	c := 0
	for i := 0; i < n; i++ {
		c += <-done
	}
	fmt.Println(c)
}
