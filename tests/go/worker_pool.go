// procs: 1,2
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Job struct {
	ID int
	N  int
}

type Result struct {
	JobID  int
	Worker int
	Sum    int
}

func worker(id int, jobs <-chan Job, results chan<- Result, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		s := 0
		for i := 1; i <= j.N; i++ {
			s += i * i
		}
		results <- Result{JobID: j.ID, Worker: id, Sum: s}
	}
}

func main() {
	jobs := make(chan Job, 10)
	results := make(chan Result, 10)
	var wg sync.WaitGroup
	for w := 1; w <= 4; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	go func() {
		for i := 1; i <= 20; i++ {
			jobs <- Job{ID: i, N: i * 10}
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var all []Result
	workers := map[int]bool{}
	for r := range results {
		all = append(all, r)
		workers[r.Worker] = true
	}
	sort.Slice(all, func(i, j int) bool { return all[i].JobID < all[j].JobID })
	total := 0
	for _, r := range all {
		fmt.Printf("job %2d -> %d\n", r.JobID, r.Sum)
		total += r.Sum
	}
	fmt.Println("jobs:", len(all), "total:", total, "some workers used:", len(workers) > 0)
}
