// procs: 1,2
package main

import (
	"errors"
	"fmt"
	"sync"
)

type Bank struct {
	mu       sync.Mutex
	accounts map[string]int
	log      []string
}

var ErrFunds = errors.New("insufficient funds")

func (b *Bank) Transfer(from, to string, amt int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.accounts[from] < amt {
		return fmt.Errorf("%s -> %s (%d): %w", from, to, amt, ErrFunds)
	}
	b.accounts[from] -= amt
	b.accounts[to] += amt
	return nil
}

func (b *Bank) Total() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := 0
	for _, v := range b.accounts {
		t += v
	}
	return t
}

func main() {
	b := &Bank{accounts: map[string]int{"a": 1000, "b": 1000, "c": 1000}}
	names := []string{"a", "b", "c"}
	var wg sync.WaitGroup
	var failMu sync.Mutex
	failures := 0
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			from, to := names[i%3], names[(i+1)%3]
			if err := b.Transfer(from, to, (i%7)*10); err != nil {
				if errors.Is(err, ErrFunds) {
					failMu.Lock()
					failures++
					failMu.Unlock()
				}
			}
		}(i)
	}
	wg.Wait()
	fmt.Println("total preserved:", b.Total() == 3000)
	fmt.Println("failures counted:", failures >= 0)
	err := b.Transfer("a", "b", 1000000)
	fmt.Println(errors.Is(err, ErrFunds))
}
