// threadring: 503 goroutines in a ring, each with its own unbuffered input
// channel. A token starting at N is passed around, decremented at each pass;
// the goroutine that receives 0 reports its id (1-based). Prints that id.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func worker(id int, in chan int, out chan int, done chan int) {
	for {
		t := <-in
		if t == 0 {
			done <- id
			return
		}
		out <- t - 1
	}
}

func main() {
	n := 5000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ring := 503
	chans := make([]chan int, ring)
	for i := 0; i < ring; i++ {
		chans[i] = make(chan int)
	}
	done := make(chan int)
	for i := 0; i < ring; i++ {
		go worker(i+1, chans[i], chans[(i+1)%ring], done)
	}
	chans[0] <- n
	fmt.Println(<-done)
}
