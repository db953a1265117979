// pingpong: N round trips between two goroutines over two unbuffered channels.
// Prints the value after N increments (= N).
package main

import (
	"fmt"
	"os"
	"strconv"
)

func echo(n int, ping chan int, pong chan int) {
	for i := 0; i < n; i++ {
		v := <-ping
		pong <- v + 1
	}
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ping := make(chan int)
	pong := make(chan int)
	go echo(n, ping, pong)
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	fmt.Println(v)
}
