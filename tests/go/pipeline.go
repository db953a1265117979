// procs: 1,2
package main

import "fmt"

func gen(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func filter(in <-chan int, pred func(int) bool) <-chan int {
	out := make(chan int, 2)
	go func() {
		defer close(out)
		for n := range in {
			if pred(n) {
				out <- n
			}
		}
	}()
	return out
}

func sum(in <-chan int) int {
	s := 0
	for n := range in {
		s += n
	}
	return s
}

func main() {
	for n := range sq(sq(gen(1, 2, 3))) {
		fmt.Println(n)
	}
	nums := make([]int, 100)
	for i := range nums {
		nums[i] = i + 1
	}
	even := func(n int) bool { return n%2 == 0 }
	fmt.Println("sum of even squares:", sum(filter(sq(gen(nums...)), even)))
	var stages <-chan int = gen(1, 2, 3, 4)
	for i := 0; i < 3; i++ {
		stages = sq(stages)
	}
	for v := range stages {
		fmt.Print(v, " ")
	}
	fmt.Println()
}
