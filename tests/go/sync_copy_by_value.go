// Copying a sync.Mutex, WaitGroup, Once or atomic.Int64 (directly, in a
// struct or an array) copies its state, as Go copies the struct.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() { c.mu.Lock(); c.n++; c.mu.Unlock() }

type Stats struct {
	hits atomic.Int64
	once sync.Once
}

func main() {
	var c Counter
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); c.Inc() }()
	}
	wg.Wait()
	c2 := c
	c2.Inc()
	fmt.Println(c.n, c2.n)
	var mu sync.Mutex
	mu.Lock()
	mu2 := mu
	mu.Unlock()
	fmt.Println(mu2.TryLock(), mu.TryLock())
	var s Stats
	s.hits.Add(5)
	s.once.Do(func() { fmt.Println("once") })
	s2 := s
	s2.hits.Add(1)
	s2.once.Do(func() { fmt.Println("again?") })
	fmt.Println(s.hits.Load(), s2.hits.Load())
	arr := [2]sync.WaitGroup{}
	arr[0].Add(2)
	arr2 := arr
	arr2[0].Done()
	arr2[0].Done()
	arr2[0].Wait()
	fmt.Println("arr2 done")
	wgs := []sync.WaitGroup{{}, {}}
	wgs[1].Add(1)
	go func() { wgs[1].Done() }()
	wgs[1].Wait()
	fmt.Println("slice elem ok")
	p := &sync.WaitGroup{}
	p.Add(1)
	go func(q *sync.WaitGroup) { q.Done() }(p)
	p.Wait()
	fmt.Println("pointer ok")
}
