// procs: 1,2
package main

import (
	"fmt"
	"sync"
)

type Acc struct {
	mu    sync.Mutex
	total int
}

func (a *Acc) Add(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	a.mu.Lock()
	a.total += n
	a.mu.Unlock()
}

type Task struct {
	Name string
	Run  func(int) int
}

func main() {
	a := &Acc{}
	var wg sync.WaitGroup
	for i := 1; i <= 100; i++ {
		wg.Add(1)
		go a.Add(i, &wg)
	}
	wg.Wait()
	fmt.Println(a.total)

	tasks := []Task{
		{"double", func(x int) int { return 2 * x }},
		{"square", func(x int) int { return x * x }},
		{"negate", func(x int) int { return -x }},
	}
	results := make([]string, len(tasks))
	for i, t := range tasks {
		wg.Add(1)
		go func(i int, t Task) {
			defer wg.Done()
			results[i] = fmt.Sprintf("%s(7)=%d", t.Name, t.Run(7))
		}(i, t)
	}
	wg.Wait()
	fmt.Println(results)

	f := a.Add
	wg.Add(1)
	go f(1000, &wg)
	wg.Wait()
	fmt.Println(a.total)
}
