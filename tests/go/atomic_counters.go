// procs: 1,2
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var ops uint64
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			for c := 0; c < 1000; c++ {
				atomic.AddUint64(&ops, 1)
			}
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("ops:", ops)

	var n int32
	var max int32
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(v int32) {
			defer wg.Done()
			atomic.AddInt32(&n, 1)
			for {
				old := atomic.LoadInt32(&max)
				if v <= old || atomic.CompareAndSwapInt32(&max, old, v) {
					return
				}
			}
		}(int32(i))
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt32(&n), atomic.LoadInt32(&max))
	var flag int64
	fmt.Println(atomic.SwapInt64(&flag, 5), flag)
	atomic.StoreInt64(&flag, 9)
	fmt.Println(atomic.LoadInt64(&flag))
}
