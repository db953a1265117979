// procs: 1,2
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	sem := make(chan struct{}, 3)
	var wg sync.WaitGroup
	var active, peak int32
	results := make([]int, 12)
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			n := atomic.AddInt32(&active, 1)
			for {
				p := atomic.LoadInt32(&peak)
				if n <= p || atomic.CompareAndSwapInt32(&peak, p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			results[i] = i * 10
			atomic.AddInt32(&active, -1)
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
	fmt.Println("peak concurrency <= 3:", peak <= 3, "active now:", active)
}
