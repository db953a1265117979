// procs: 1,2
package main

import (
	"fmt"
	"sync"
)

type SafeCounter struct {
	mu sync.Mutex
	v  map[string]int
}

func (c *SafeCounter) Inc(key string) {
	c.mu.Lock()
	c.v[key]++
	c.mu.Unlock()
}

func (c *SafeCounter) Value(key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.v[key]
}

type Stats struct {
	sync.RWMutex
	hits map[int]int
}

func main() {
	c := SafeCounter{v: make(map[string]int)}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				c.Inc("somekey")
				if j%2 == 0 {
					c.Inc("even")
				}
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(c.Value("somekey"), c.Value("even"))

	st := Stats{hits: map[int]int{}}
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st.Lock()
			st.hits[i%3] += i
			st.Unlock()
		}(i)
	}
	wg.Wait()
	st.RLock()
	fmt.Println(st.hits[0], st.hits[1], st.hits[2])
	st.RUnlock()
}
