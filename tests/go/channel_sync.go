// procs: 1,2
package main

import (
	"fmt"
	"time"
)

func worker(done chan<- bool) {
	fmt.Println("working...")
	time.Sleep(10 * time.Millisecond)
	fmt.Println("done")
	done <- true
}

func ping(pings chan<- string, msg string) { pings <- msg }

func pong(pings <-chan string, pongs chan<- string) {
	msg := <-pings
	pongs <- msg + " (ponged)"
}

func main() {
	done := make(chan bool, 1)
	go worker(done)
	<-done

	pings := make(chan string, 1)
	pongs := make(chan string, 1)
	ping(pings, "passed message")
	pong(pings, pongs)
	fmt.Println(<-pongs)

	messages := make(chan string, 2)
	messages <- "buffered"
	messages <- "channel"
	fmt.Println(<-messages, <-messages, len(messages), cap(messages))

	ball := make(chan int)
	finished := make(chan struct{})
	go func() {
		for v := range ball {
			if v >= 10 {
				close(finished)
				return
			}
			ball <- v + 1
		}
	}()
	v := 0
	for {
		ball <- v
		select {
		case v = <-ball:
			v++
			continue
		case <-finished:
		}
		break
	}
	fmt.Println("rally ended at", v)
}
