// procs: 1,2
package main

import (
	"fmt"
	"sync"
)

type readOp struct {
	key  int
	resp chan int
}

type writeOp struct {
	key  int
	val  int
	resp chan bool
}

func main() {
	reads := make(chan readOp)
	writes := make(chan writeOp)
	quit := make(chan struct{})
	var served sync.WaitGroup
	served.Add(1)
	go func() {
		defer served.Done()
		state := make(map[int]int)
		for {
			select {
			case r := <-reads:
				r.resp <- state[r.key]
			case w := <-writes:
				state[w.key] += w.val
				w.resp <- true
			case <-quit:
				fmt.Println("state size:", len(state))
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < 10; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				op := writeOp{key: i % 5, val: 1, resp: make(chan bool)}
				writes <- op
				<-op.resp
			}
		}(w)
	}
	wg.Wait()
	total := 0
	for k := 0; k < 5; k++ {
		r := readOp{key: k, resp: make(chan int)}
		reads <- r
		v := <-r.resp
		fmt.Println("key", k, "=", v)
		total += v
	}
	fmt.Println("total writes:", total)
	close(quit)
	served.Wait()
}
