// procs: 1,2
package main

import (
	"fmt"
	"time"
)

func slow(d time.Duration, msg string) <-chan string {
	c := make(chan string, 1)
	go func() {
		time.Sleep(d)
		c <- msg
	}()
	return c
}

func main() {
	select {
	case m := <-slow(10*time.Millisecond, "fast result"):
		fmt.Println(m)
	case <-time.After(2 * time.Second):
		fmt.Println("timeout 1")
	}

	select {
	case m := <-slow(2*time.Second, "slow result"):
		fmt.Println(m)
	case <-time.After(30 * time.Millisecond):
		fmt.Println("timeout 2")
	}

	c := make(chan int)
	select {
	case v := <-c:
		fmt.Println("received", v)
	default:
		fmt.Println("no value ready")
	}

	timer := time.NewTimer(time.Hour)
	stopped := timer.Stop()
	fmt.Println("stopped:", stopped)

	tick := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			tick.Stop()
			break
		}
	}
	fmt.Println("ticks:", n)
}
