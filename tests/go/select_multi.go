// procs: 1,2
package main

import (
	"fmt"
	"time"
)

func main() {
	c1 := make(chan string)
	c2 := make(chan string)
	go func() {
		time.Sleep(20 * time.Millisecond)
		c1 <- "one"
	}()
	go func() {
		time.Sleep(60 * time.Millisecond)
		c2 <- "two"
	}()
	for i := 0; i < 2; i++ {
		select {
		case msg1 := <-c1:
			fmt.Println("received", msg1)
		case msg2 := <-c2:
			fmt.Println("received", msg2)
		}
	}

	quit := make(chan bool)
	data := make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			data <- i
		}
		quit <- true
	}()
	sum := 0
	for done := false; !done; {
		select {
		case v := <-data:
			sum += v
		case <-quit:
			done = true
		}
	}
	fmt.Println("sum", sum)

	counts := [2]int{}
	a, b := make(chan int, 100), make(chan int, 100)
	for i := 0; i < 100; i++ {
		a <- i
		b <- i
	}
	for i := 0; i < 100; i++ {
		select {
		case <-a:
			counts[0]++
		case <-b:
			counts[1]++
		}
	}
	fmt.Println(counts[0]+counts[1], counts[0] > 10, counts[1] > 10)
}
