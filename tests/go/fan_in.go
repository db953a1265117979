// procs: 1,2
package main

import (
	"fmt"
	"sort"
	"sync"
)

func producer(name string, n int) <-chan string {
	c := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			c <- fmt.Sprintf("%s-%d", name, i)
		}
		close(c)
	}()
	return c
}

func merge(cs ...<-chan string) <-chan string {
	out := make(chan string)
	var wg sync.WaitGroup
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan string) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func fanInSelect(a, b <-chan string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for a != nil || b != nil {
			select {
			case v, ok := <-a:
				if !ok {
					a = nil
					continue
				}
				out <- v
			case v, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				out <- v
			}
		}
	}()
	return out
}

func main() {
	var got []string
	for v := range merge(producer("x", 3), producer("y", 4), producer("z", 2)) {
		got = append(got, v)
	}
	sort.Strings(got)
	fmt.Println(len(got), got)

	count := map[byte]int{}
	for v := range fanInSelect(producer("a", 5), producer("b", 6)) {
		count[v[0]]++
	}
	fmt.Println(count['a'], count['b'])
}
