// procs: 1,2
package main

import "fmt"

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func sieveSlice(n int) []int {
	composite := make([]bool, n+1)
	var ps []int
	for i := 2; i <= n; i++ {
		if composite[i] {
			continue
		}
		ps = append(ps, i)
		for j := i * i; j <= n; j += i {
			composite[j] = true
		}
	}
	return ps
}

func main() {
	ch := make(chan int)
	go generate(ch)
	var got []int
	for i := 0; i < 25; i++ {
		prime := <-ch
		got = append(got, prime)
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println(got)
	ps := sieveSlice(100)
	fmt.Println(len(ps), ps[len(ps)-1])
	same := true
	for i := range got {
		if got[i] != ps[i] {
			same = false
		}
	}
	fmt.Println("agree:", same)
}
