// procs: 1,2
package main

import "fmt"

func naturals(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; ; i++ {
			select {
			case out <- i:
			case <-done:
				return
			}
		}
	}()
	return out
}

func take(done <-chan struct{}, in <-chan int, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case v, ok := <-in:
				if !ok {
					return
				}
				out <- v
			case <-done:
				return
			}
		}
	}()
	return out
}

func primes(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := 2; ; n++ {
			isPrime := true
			for d := 2; d*d <= n; d++ {
				if n%d == 0 {
					isPrime = false
					break
				}
			}
			if isPrime {
				select {
				case out <- n:
				case <-done:
					return
				}
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	for v := range take(done, naturals(done), 5) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	for p := range take(done, primes(done), 15) {
		fmt.Print(p, " ")
	}
	fmt.Println()
	close(done)
	_, ok := <-take(done, naturals(done), 3)
	fmt.Println("after done:", ok || !ok)
}
