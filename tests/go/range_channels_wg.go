// procs: 1,2
package main

import (
	"fmt"
	"sync"
	"time"
)

func worker(id int, wg *sync.WaitGroup, out chan<- string) {
	defer wg.Done()
	time.Sleep(time.Duration(id) * time.Millisecond)
	out <- fmt.Sprintf("worker %d done", id)
}

func main() {
	var wg sync.WaitGroup
	out := make(chan string, 5)
	for i := 1; i <= 5; i++ {
		wg.Add(1)
		go worker(i*5, &wg, out)
	}
	wg.Wait()
	close(out)
	n := 0
	for s := range out {
		n++
		_ = s
	}
	fmt.Println("finished:", n)

	results := make([]int, 8)
	var wg2 sync.WaitGroup
	for i := range results {
		wg2.Add(1)
		go func(i int) {
			defer wg2.Done()
			results[i] = i * i
		}(i)
	}
	wg2.Wait()
	fmt.Println(results)

	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("initialized once") })
	}
}
