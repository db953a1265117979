// sieve: the concurrent prime sieve. A generator sends 2, 3, 4, ... and each
// prime found adds a filter goroutine to the chain. Prints the N-th prime.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func generate(ch chan int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in chan int, out chan int, p int) {
	for {
		i := <-in
		if i%p != 0 {
			out <- i
		}
	}
}

func main() {
	n := 3000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println(prime)
}
