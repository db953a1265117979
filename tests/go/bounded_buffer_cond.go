// procs: 1,2
package main

import (
	"fmt"
	"sync"
)

type Buffer struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []int
	cap      int
}

func NewBuffer(n int) *Buffer {
	b := &Buffer{cap: n}
	b.notEmpty = sync.NewCond(&b.mu)
	b.notFull = sync.NewCond(&b.mu)
	return b
}

func (b *Buffer) Put(v int) {
	b.mu.Lock()
	for len(b.items) == b.cap {
		b.notFull.Wait()
	}
	b.items = append(b.items, v)
	b.notEmpty.Signal()
	b.mu.Unlock()
}

func (b *Buffer) Get() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.items) == 0 {
		b.notEmpty.Wait()
	}
	v := b.items[0]
	b.items = b.items[1:]
	b.notFull.Signal()
	return v
}

func main() {
	b := NewBuffer(2)
	var wg sync.WaitGroup
	const producers, per = 3, 50
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 0; i < per; i++ {
				b.Put(p*1000 + i)
			}
		}(p)
	}
	sum, n := 0, 0
	lastSeen := map[int]int{0: -1, 1: -1, 2: -1}
	inOrder := true
	for n < producers*per {
		v := b.Get()
		p, i := v/1000, v%1000
		if i <= lastSeen[p] {
			inOrder = false
		}
		lastSeen[p] = i
		sum += v
		n++
	}
	wg.Wait()
	fmt.Println("received", n, "sum", sum, "per-producer order kept:", inOrder)
}
