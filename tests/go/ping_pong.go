// procs: 1,2
package main

import "fmt"

type Ball struct{ hits int }

func player(name string, table chan *Ball, done chan<- string, limit int) {
	for {
		ball, ok := <-table
		if !ok {
			return
		}
		ball.hits++
		if ball.hits >= limit {
			done <- fmt.Sprintf("%s made the last hit (%d)", name, ball.hits)
			close(table)
			return
		}
		table <- ball
	}
}

func main() {
	table := make(chan *Ball)
	done := make(chan string)
	go player("ping", table, done, 11)
	go player("pong", table, done, 11)
	table <- new(Ball)
	msg := <-done
	fmt.Println(len(msg) > 0)

	// strict alternation with two channels
	a, b := make(chan int), make(chan int)
	out := make(chan string, 10)
	go func() {
		for v := range a {
			out <- fmt.Sprint("A", v)
			b <- v + 1
		}
		close(b)
	}()
	go func() {
		a <- 0
		for v := range b {
			out <- fmt.Sprint("B", v)
			if v >= 5 {
				close(a)
				break
			}
			a <- v + 1
		}
		close(out)
	}()
	for s := range out {
		fmt.Print(s, " ")
	}
	fmt.Println()
}
