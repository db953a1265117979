// procs: 1,2
package main

import (
	"context"
	"fmt"
	"sync"
)

func producer(ctx context.Context, out chan<- int) {
	defer close(out)
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case out <- i:
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int)
	go producer(ctx, ch)
	sum := 0
	for v := range ch {
		sum += v
		if v == 10 {
			cancel()
			break
		}
	}
	for range ch {
	}
	fmt.Println("sum:", sum, "err:", ctx.Err())

	parent, pcancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := 0; i < 3; i++ {
		child, ccancel := context.WithCancel(parent)
		wg.Add(1)
		go func(i int, c context.Context, cc context.CancelFunc) {
			defer wg.Done()
			defer cc()
			<-c.Done()
			results[i] = fmt.Sprintf("child %d: %v", i, c.Err())
		}(i, child, ccancel)
	}
	pcancel()
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	pcancel() // idempotent
	fmt.Println(parent.Err() == context.Canceled)
	fmt.Println(context.Background().Err(), context.Background().Done() == nil)
}
