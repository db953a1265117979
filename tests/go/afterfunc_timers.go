// procs: 1,2
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	start := time.Now()
	time.AfterFunc(20*time.Millisecond, func() {
		fmt.Println("AfterFunc fired after at least 20ms:", time.Since(start) >= 20*time.Millisecond)
		wg.Done()
	})
	wg.Wait()

	t := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	fmt.Println("stopped:", t.Stop())

	timer := time.NewTimer(10 * time.Millisecond)
	<-timer.C
	fmt.Println("timer fired")
	fmt.Println("stop after fire:", timer.Stop())
	timer.Reset(5 * time.Millisecond)
	<-timer.C
	fmt.Println("reset timer fired")

	done := make(chan bool)
	ticker := time.NewTicker(3 * time.Millisecond)
	ticks := 0
	go func() {
		time.Sleep(50 * time.Millisecond)
		done <- true
	}()
loop:
	for {
		select {
		case <-done:
			break loop
		case <-ticker.C:
			ticks++
		}
	}
	ticker.Stop()
	fmt.Println("got several ticks:", ticks >= 3)
}
